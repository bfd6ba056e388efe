"""The wording model: how strongly a post's wording suggests each judgement category.

Rules catch what they name; posts nobody foresaw say the same things in other words
("another initiative from upstairs 🙃"). The wording model is one logistic regression per
category over a post's words, pairs of neighbouring words and four-letter pieces of words
(the pieces carry "useles" to "useless" and "shambolic" to "shambles"). It is trained on
the labelled corpus by `postguard rules train` (companion/wording_training.py) and kept as
data beside the rules (`rules/wording-model.json`); a `matcher = "wording"` rule turns a
score into a finding.

The school's own name is read as one placeholder word, `<school>` (`SchoolWords`), in
training and in every check: the model learns "the school named" rather than one school's
name, so it reads posts at another school the same way.

A post is read once per check for every category (from the words the checker already
found) and scored as a whole; each sentence is also weighed alone, so that a finding marks
the sentence whose words weigh most. Pure Python; a post's words are never written anywhere
(`save` writes only the trained model).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from companion.engine.text import fold, squeeze, tokenize
from companion.errors import ConfigError

FORMAT = 2  # format 1 repeated every feature's name in each category
PIECE = 4  # letters in a word piece
# Each present feature counts 1/sqrt(n + PRIOR): a long post's score does not grow with its
# length, and a short one ("Notice to parents") has too little to say to move far from the bias.
PRIOR = 40
_SENTENCE_BREAK = re.compile(r"[.!?\n\u2026]")


class Sentence(NamedTuple):
    start: int
    end: int
    features: frozenset[str]


SCHOOL = "<school>"  # the school's name, however it is written; no word of a post can be this key
# Words a school's name shares with other schools' names: "Hillbrook Academy" is known by
# "hillbrook", "St Peter's Catholic High School" by "peters" (both only inside the whole name).
_GENERIC = frozenset("""the a an of and at for in on y yr st saint school schools academy college grammar high primary
secondary community church free trust federation catholic rc ce cofe c e england wales county city royal
upper lower middle junior juniors infant infants nursery prep preparatory sixth form centre international
girls boys girl's boy's ysgol gynradd uwchradd gymunedol""".split())


class SchoolWords:
    """The school's name as the model reads it. Its name and aliases, where their words stand
    together in a post ("the crypt school", "Crypt Grammar School"), and its handles, hashtags
    and website names squeezed into one word (#CryptFamily, @cryptschool, cryptschool.example)
    each become the one key `<school>`. "the crypt at the cathedral" keeps its own words."""

    def __init__(self, school=None) -> None:
        self.single: set[str] = set()
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        self._starts: frozenset[str] = frozenset()
        if school is None:
            return
        for name in (school.name, *school.aliases):
            keys = tuple(t.key for t in tokenize(fold(name)))
            if keys and keys[0] == "the":
                keys = keys[1:]
            if not keys or all(k in _GENERIC for k in keys):
                continue  # "High School" alone names no school in particular
            if keys not in self.phrases.get(keys[0], ()):
                self.phrases.setdefault(keys[0], []).append(keys)
            self.single |= {"".join(keys), "the" + "".join(keys)}  # #CryptSchool, #TheCryptSchool
        self.single |= {squeeze(tag) for tag in (*school.handles, *school.hashtags)}
        for site in (*school.websites, *school.email_domains):
            labels = [label for label in fold(site).split("/")[0].split(".") if label not in ("www", "")]
            if len(labels) > 1:
                self.single.add(labels[0])
        for keys in self.phrases.values():
            keys.sort(key=len, reverse=True)
        self._starts = frozenset(self.single) | frozenset(self.phrases)  # a run without one of these is left as it is

    def __bool__(self) -> bool:
        return bool(self.single or self.phrases)

    def mark(self, keys: list[str]) -> list[str]:
        """The keys of a run of words with each naming of the school as one `<school>`."""
        if self._starts.isdisjoint(keys):
            return keys
        marked, i = [], 0
        while i < len(keys):
            key = keys[i]
            for phrase in self.phrases.get(key, ()):
                if tuple(keys[i:i + len(phrase)]) == phrase:
                    marked.append(SCHOOL); i += len(phrase)
                    break
            else:
                marked.append(SCHOOL if key in self.single else key); i += 1
        return marked


NO_SCHOOL = SchoolWords()


@lru_cache(maxsize=50_000)
def _word(key: str) -> tuple[str, ...]:
    """A word's own features: the word, and its four-letter pieces with the edges marked
    (the school's placeholder has no pieces)."""
    if key == SCHOOL:
        return ("w:" + key,)
    marked = "<" + key + ">"
    return ("w:" + key, *("c:" + marked[i:i + PIECE] for i in range(len(marked) - PIECE + 1)))


def _pairs(keys: list[str]) -> list[str]:
    """The features of neighbouring words ("b:staff morale"); an empty key (a word kept out) makes none."""
    return ["b:" + a + " " + b for a, b in zip(keys, keys[1:]) if a and b]


def word_features(keys: list[str]) -> set[str]:
    """The features of a run of words (folded keys): each word, each neighbouring pair, and
    the four-letter pieces of each word with its edges marked (<useless> -> <use, usel, …).
    An empty key (a word kept out of the model) gives nothing, and no pair."""
    found = set(_pairs(keys))
    for key in keys:
        if key:
            found.update(_word(key))
    return found


def _runs(folded: str, tokens=None) -> list[list]:
    """The words of a folded post in sentences (cut at . ! ? … and line breaks)."""
    runs: list[list] = []
    previous_end = None
    for token in tokenize(folded) if tokens is None else tokens:
        if previous_end is None or _SENTENCE_BREAK.search(folded, previous_end, token.start):
            runs.append([])
        runs[-1].append(token)
        previous_end = token.end
    return runs


def _keys(run: list, school: SchoolWords, names: frozenset[int]) -> list[str]:
    """A run's word keys as the model reads them: the school's name as `<school>`, and the
    words of people's names (the tokens starting at `names`) left out, as training leaves them out."""
    keys = school.mark([t.key for t in run])
    return ["" if t.start in names else key for t, key in zip(run, keys)] if names else keys


def sentences(folded: str, tokens=None, school: SchoolWords = NO_SCHOOL, names: frozenset[int] = frozenset()) -> tuple[Sentence, ...]:
    """A folded post cut into sentences, each with its features; `tokens` are the post's words
    when the caller has them already (`tokenize(folded)`)."""
    return tuple(
        Sentence(run[0].start, run[-1].end, frozenset(word_features(_keys(run, school, names))))
        for run in _runs(folded, tokens)
    )


def _union(parts: tuple[Sentence, ...]) -> frozenset[str]:
    return parts[0].features if len(parts) == 1 else frozenset().union(*(s.features for s in parts))


def post_features(folded: str, hidden: frozenset[str] = frozenset(), school: SchoolWords = NO_SCHOOL) -> frozenset[str]:
    """Every feature of a folded post (the union of its sentences'), with the school's name as
    `<school>` and leaving out the words in `hidden` (training leaves out the names on the
    rosters: see wording_training)."""
    if not hidden:
        return _union(sentences(folded, school=school))
    return frozenset().union(*(
        word_features(["" if key in hidden else key for key in school.mark([t.key for t in run])])
        for run in _runs(folded)
    ))


def feature_value(count: int) -> float:
    """What each of a post's `count` features counts for, in training and in scoring alike."""
    return 1.0 / math.sqrt(count + PRIOR)


def probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


class Reading:
    """A post as the model reads it: every category's log-odds, and its sentences (cut only
    when a finding asks which one weighs most)."""

    def __init__(self, folded: str, tokens, log_odds: dict[str, float], school: SchoolWords = NO_SCHOOL,
                 names: frozenset[int] = frozenset()) -> None:
        self._folded, self._tokens, self._school, self._names = folded, tokens, school, names
        self._sentences: tuple[Sentence, ...] | None = None
        self.log_odds = log_odds

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        if self._sentences is None:
            self._sentences = sentences(self._folded, self._tokens, self._school, self._names)
        return self._sentences

    def probability(self, category: str) -> float:
        return probability(self.log_odds[category])


@dataclass(frozen=True)
class CategoryWeights:
    bias: float
    weights: dict[str, float]

    def weigh(self, features) -> float:
        get = self.weights.get
        return sum(get(f, 0.0) for f in features)


@dataclass
class WordingModel:
    categories: dict[str, CategoryWeights]
    trained_on: dict  # which corpus file, its SHA-256 and how many cases
    settings: dict  # how it was trained (epochs, rate, …)

    def __post_init__(self) -> None:
        # One table for every category: feature -> its weight in each (a post is read once).
        self._order = list(self.categories)
        table: dict[str, list[float]] = {}
        for i, category in enumerate(self._order):
            for feature, weight in self.categories[category].weights.items():
                table.setdefault(feature, [0.0] * len(self._order))[i] = weight
        self._index = {f: i for i, f in enumerate(table)}  # feature -> its row
        self._columns = [[table[f][i] for f in table] for i in range(len(self._order))]  # a list per category
        self._word_rows: dict[str, tuple[int, ...]] = {}  # word -> rows of its own features the model knows
        self._biases = [self.categories[c].bias for c in self._order]

    def _rows_of_word(self, key: str) -> tuple[int, ...]:
        rows = self._word_rows.get(key)
        if rows is None:
            index = self._index
            rows = self._word_rows[key] = tuple(index[f] for f in _word(key) if f in index)
            if len(self._word_rows) > 50_000:
                self._word_rows.clear()
        return rows

    def read(self, folded: str, tokens=None, school: SchoolWords = NO_SCHOOL, names: frozenset[int] = frozenset()) -> Reading:
        """A folded post read once for every category (the `wording` matcher keeps it on the
        post, so the rules of one check share it). The same sums as over `post_features`, found
        from each word's rows (kept per word) and each pair's, without naming every feature.
        `names`: where the words of people's names start, left out as training leaves them out."""
        pairs: set[str] = set()
        words: set[str] = set()
        for run in _runs(folded, tokens):
            keys = _keys(run, school, names)
            words.update(key for key in keys if key)
            pairs.update(_pairs(keys))
        index = self._index
        features = pairs.copy()
        rows = {row for row in map(index.get, pairs) if row is not None}
        for key in words:
            features.update(_word(key))
            rows.update(self._rows_of_word(key))
        value = feature_value(len(features))
        return Reading(folded, tokens, {
            c: b + sum(map(column.__getitem__, rows)) * value
            for c, b, column in zip(self._order, self._biases, self._columns)
        }, school, names)

    def weightiest_sentence(self, category: str, reading: Reading) -> tuple[int, int] | None:
        """The span of the sentence whose features weigh most for the category (None: no words)."""
        if not reading.sentences:
            return None
        weights = self.categories[category]
        best = max(reading.sentences, key=lambda s: weights.weigh(s.features))
        return best.start, best.end

    def as_json(self) -> dict:
        """Every feature once, and per category a weight for each feature in that order (0: none)."""
        features = sorted({f for w in self.categories.values() for f in w.weights})
        return {
            "format": FORMAT,
            "trained_on": self.trained_on,
            "settings": self.settings,
            "features": features,
            "categories": {
                c: {"bias": round(w.bias, 4), "weights": [w.weights.get(f, 0) for f in features]}
                for c, w in sorted(self.categories.items())
            },
        }

    def save(self, path: Path) -> None:
        """Written whole to a neighbouring file, then moved into place: a reader never sees half."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        tmp.replace(path)


def _parse(path: Path, raw) -> WordingModel:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ConfigError(path, f"not a PostGuard wording model of format {FORMAT} (train one with `postguard rules train`)")
    features = raw.get("features")
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise ConfigError(path, "'features' must be a list of strings")
    categories = {}
    for category, table in (raw.get("categories") or {}).items():
        try:
            weights = [float(v) for v in table["weights"]]
            bias = float(table["bias"])
        except (KeyError, TypeError, ValueError):
            raise ConfigError(path, f"the weights of category {category!r} are not numbers") from None
        if len(weights) != len(features):
            raise ConfigError(path, f"category {category!r} has {len(weights)} weights for {len(features)} features")
        categories[category] = CategoryWeights(bias, {f: w for f, w in zip(features, weights) if w})
    if not categories:
        raise ConfigError(path, "the model holds no categories")
    return WordingModel(categories, dict(raw.get("trained_on") or {}), dict(raw.get("settings") or {}))


_LOADED: dict[Path, tuple[tuple[int, int], WordingModel]] = {}


def load_model(path: Path | str) -> WordingModel:
    """A model file, read once per version of the file (every wording rule shares it)."""
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ConfigError(path, "wording model not found (train one with `postguard rules train`)") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _LOADED.get(path.resolve())
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"not valid JSON ({exc})") from None
    model = _parse(path, raw)
    _LOADED[path.resolve()] = (stamp, model)
    return model
