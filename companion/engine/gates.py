"""Cheap tests that let a post skip a word list or pattern it cannot match.

Most posts hold none of most lists' words, and a regular expression scanned over every
position of a post costs far more than a set lookup or a substring search. A gate is
conservative: when it cannot prove a pattern needs something, it always opens.

- `WordGate`: the first words a word list's phrases can start with (or their prefixes, for
  `word*`); opens when the post has one of them as a word.
- `TextGate`: literal text every match of a regular expression must start with, found by
  reading the expression (e.g. "year" and "yr" for `(?<!\\w)(?:years?|yrs?)\\s?\\d`, "the"
  or "polish" for `(?:the\\s+)?polish`), or that its opening lookbehind must see ("the" for
  `(?<=the\\s)head`); opens when the post contains one of them anywhere, and never when the
  post lacks a literal or a digit every match holds.

A gate also names the positions where a match can start (`starts`), so that a long post is
not scanned end to end once per list: the pattern is tried only where one of its first words
(or literal starts) stands, which gives the same matches as a scan. Trying a start costs the
same in any post, a scan grows with its length: a long post allows more starts
(`max_starts`). What every gate reads of a post (its words, where each stands, the word after
each, which literals it holds) is worked out once per post and shared.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

from companion.engine.text import WORD_RE, fold, text_words

try:  # the parser behind `re`; if a Python release moves it, patterns simply run ungated
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover
    _C = _P = None

MAX_CLASS_CHARS = 32
# Past this many possible starts a scan of the whole post is as quick as trying each one
# (measured on 5,000-character posts: a literal start is cheap to find, a word list's
# alternatives dearer to try).
MAX_STARTS = 48
MAX_WORD_STARTS = 160
# A scan's cost grows with the post's length, trying a start's does not: a pattern opening on a
# lookbehind is tried at every position of a scan, about as dear as one start per 20 characters
# (measured on 5,000-character posts: 100-200 starts cost a quarter to a half of a scan). So a
# long post allows a pattern gate more starts than MAX_STARTS: one per CHARS_PER_START.
CHARS_PER_START = 20


def max_starts(folded: str) -> int:
    """How many starts a pattern gate may name in this text before a scan is the quicker."""
    return max(MAX_STARTS, len(folded) // CHARS_PER_START)


def word_keys(folded: str) -> frozenset[str]:
    """Every word of a folded text without apostrophes, and each run of its pieces between
    apostrophes, since a phrase may start after one ("o'connor's" gives o, oconnor, oconnors,
    connor, connors, s; French "d'assistante" gives assistante), as word gates compare them."""
    return word_starts(folded)[2]


def _piece_starts(start: int, word: str) -> list[int]:
    """Where each piece of a word between apostrophes starts: a phrase may start at any of them."""
    starts = [start]
    for piece in word.split("'")[:-1]:
        starts.append(starts[-1] + len(piece) + 1)
    return starts


@lru_cache(maxsize=16)
def word_starts(folded: str) -> tuple[dict[str, list[int]], list[str], frozenset[str]]:
    """Where each of `word_keys` stands in the text (where its first piece starts), the keys sorted, and as a set."""
    starts: dict[str, list[int]] = {}
    for start, _, word, _ in text_words(folded):
        if "'" not in word:
            starts.setdefault(word, []).append(start)
            continue
        pieces = word.split("'")
        for i, at in enumerate(_piece_starts(start, word)):
            for j in range(i + 1, len(pieces) + 1):
                starts.setdefault("".join(pieces[i:j]), []).append(at)
    return starts, sorted(starts), frozenset(starts)


_JOIN = re.compile(r"[\s\-]+")


@lru_cache(maxsize=16)
def next_words(folded: str) -> dict[int, str]:
    """For each word's start (and each start after an apostrophe in it: "d'assistante de…"), the
    word after it when only spaces or hyphens come between, as a phrase's words must:
    "the head's office" gives {0: "head's", 4: "office", 9: "office"}."""
    words = text_words(folded)
    following = {}
    for (start, end, word, _), (after_start, _, after, _) in zip(words, words[1:]):
        if after_start == end + 1 and folded[end] == " " or _JOIN.fullmatch(folded, end, after_start):
            if "'" in word:
                for at in _piece_starts(start, word):
                    following[at] = after
            else:
                following[start] = after
    return following


@lru_cache(maxsize=16)
def _followers(folded: str) -> dict[str, dict[str, list[int]]]:
    """A cache, per text, of `followed_by` for the first words word gates asked about."""
    return {}


def followed_by(folded: str, word: str) -> dict[str, list[int]]:
    """Where `word` (a key of `word_starts`) stands with a next word, by each form a phrase's
    second word can take to match that word as written (the word, or its pieces between
    apostrophes joined from the first: "head's" gives head and heads): "the head's office"
    gives {"head": [0], "heads": [0]} for "the". Made once per text and first word, and shared
    by every word gate whose phrases start with it ("the", "our", "a" start many lists)."""
    known = _followers(folded)
    found = known.get(word)
    if found is None:
        following = next_words(folded)
        found = known[word] = {}
        for at in word_starts(folded)[0].get(word, ()):
            after = following.get(at)
            if after is None:
                continue
            if "'" not in after:
                found.setdefault(after, []).append(at)
                continue
            pieces = after.split("'")
            for n in range(1, len(pieces) + 1):
                found.setdefault("".join(pieces[:n]), []).append(at)
    return found


@lru_cache(maxsize=16)
def _places(folded: str) -> dict[str, list[int] | None]:
    """A cache, per text, of where each literal a pattern gate asked about stands (None: too many)."""
    return {}


@dataclass(frozen=True)
class WordGate:
    words: frozenset[str]
    prefixes: tuple[str, ...]
    tagged: bool = False  # some phrases start with #, @ or ', one character before their word
    # first word -> the words that can follow it, when every phrase starting with it has a plain
    # second word: "the" in ["the head", "the deputy"] is only worth trying before head or deputy
    seconds: tuple[tuple[str, frozenset[str]], ...] = ()
    symbols: tuple[str, ...] = ()  # what phrases starting with symbols start with: "🙄", "£"

    @cached_property
    def _seconds(self) -> dict[str, frozenset[str]]:
        return dict(self.seconds)

    def opens(self, folded: str) -> bool:
        keys = word_keys(folded)
        if not self.words.isdisjoint(keys) or any(symbol in folded for symbol in self.symbols):
            return True
        return bool(self.prefixes) and any(key.startswith(self.prefixes) for key in keys)

    def starts(self, folded: str, literals: frozenset[str] | None = None) -> list[int] | None:
        """Every position a match can start at, in order; None when there are too many to be worth it.
        (`literals`, as TextGate takes them, is not needed: a word gate reads the post's words.)"""
        where, keys, present = word_starts(folded)
        found = []
        pairs = self._seconds
        for word in self.words.intersection(present):
            seconds = pairs.get(word)
            if seconds is None:
                found += where[word]
                continue
            # the places of `word` where a second word of its phrases follows, each once
            followers = followed_by(folded, word)
            places = [followers[second] for second in seconds.intersection(followers)]
            if len(places) == 1:
                found += places[0]
            elif places:
                found += set().union(*places)
        for prefix in self.prefixes:
            for key in keys[bisect_left(keys, prefix):]:
                if not key.startswith(prefix):
                    break
                found += where[key]
        if len(found) > MAX_WORD_STARTS:
            return None  # common first words ("my", "the"): one scan is quicker
        if self.tagged:
            found += [s - 1 for s in found if s and folded[s - 1] in "#@'"]
        for symbol in self.symbols:
            places = _find_all(folded, symbol)
            if places is None:
                return None
            found += places
        return sorted(set(found))


_LITERALS: set[str] = set()  # every literal a pattern gate looks for, across all rules loaded
# the same, by their first GRAM characters (shorter ones under ""), emptied when a gate adds a
# literal and rebuilt on use
_by_gram: dict[str, tuple[str, ...]] = {}
_version = [0]  # grows whenever a literal is added, so no text's answer is kept from before
GRAM = 3


def _register(texts) -> frozenset[str]:
    texts = frozenset(texts)
    if not texts <= _LITERALS:
        _LITERALS.update(texts)
        _by_gram.clear()
        _version[0] += 1
    return texts


def _grams(text: str) -> frozenset[str]:
    """Every run of GRAM characters in the text (zipped shifted copies: quicker than slicing)."""
    return frozenset(map("".join, zip(*(text[i:] for i in range(GRAM)))))


def present_literals(folded: str) -> frozenset[str]:
    """Which of the pattern gates' literals the text holds, so that a pattern whose needed
    literals are all absent is skipped without asking its gate. A literal is searched for only
    when every run of three of its characters stands somewhere in the text (a set comparison):
    a literal of three characters is then present without a search, and most longer ones whose
    first three stand in a long post ("the" of "the head") are ruled out by the others."""
    if not _by_gram:
        grouped: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
        for literal in _LITERALS:
            # None: nothing to search for, the literal is its own first three characters
            rest = None if len(literal) == GRAM else _grams(literal[1:])
            grouped.setdefault(literal[:GRAM] if len(literal) >= GRAM else "", []).append((literal, rest))
        _by_gram.update((gram, tuple(group)) for gram, group in grouped.items())
        _by_gram.setdefault("", ())
    return _present(folded, _version[0])


@lru_cache(maxsize=16)
def _present(folded: str, version: int) -> frozenset[str]:
    grams = _grams(folded)
    found = [literal for literal, _ in _by_gram[""] if literal in folded]
    for gram in grams.intersection(_by_gram):
        found += [literal for literal, rest in _by_gram[gram]
                  if rest is None or rest <= grams and literal in folded]
    return frozenset(found)


@dataclass(frozen=True)
class TextGate:
    texts: tuple[str, ...]  # one of these starts every match (none known: empty)
    required: str = ""  # text every match contains somewhere: "school" in (?:the|our)\s+school
    # per text, how far after it a match starts: 4 for "the" in (?<=the\s)head (none: all 0)
    offsets: tuple[int, ...] = ()
    either: tuple[str, ...] = ()  # every match contains one of these: "staff" or "team" in my\s+(?:staff|team)
    # the pattern opens on (?<!\w): a match starts where a run of word characters does, so a
    # start literal's opening letters ("he" of "he'd") are looked up among the post's words
    # instead of everywhere ("the", "when")
    word_start: bool = False
    digit: bool = False  # every match holds a digit (\d): "\d{1,2}\s?%\s+off"

    @property
    def needs(self) -> frozenset[str]:
        """Literals one of which every match holds (the most telling of required, either and texts)."""
        texts = (self.required,) if self.required else self.either or self.texts
        return _register(texts)

    def _lacks_required(self, folded: str) -> bool:
        if self.required and self.required not in folded:
            return True
        if self.digit and not has_digit(folded):
            return True
        return bool(self.either) and not any(text in folded for text in self.either)

    def opens(self, folded: str) -> bool:
        if self._lacks_required(folded):
            return False
        return not self.texts or any(text in folded for text in self.texts)

    def starts(self, folded: str, literals: frozenset[str] | None = None) -> list[int] | None:
        """Every position a match can start at, in order; None when there are too many to be worth it.
        `literals`, when given, is `present_literals(folded)`: a start literal not among them is absent."""
        if self._lacks_required(folded):
            return []
        if not self.texts:
            return None
        known = _places(folded)
        limit = max_starts(folded)
        found: list[int] = []
        for i, text in enumerate(self.texts):
            if literals is not None and text not in literals:
                continue
            offset = self.offsets[i] if self.offsets else 0
            lead = _LEAD.match(text) if self.word_start and not offset else None
            key = "\0" + lead.group() if lead else text
            places = known.get(key, ())
            if places == ():
                places = known[key] = _word_places(folded, lead.group(), limit) if lead else _find_all(folded, text, limit)
            if places is None:
                return None
            found += [at + offset for at in places] if offset else places
            if len(found) > limit:
                return None
        return sorted(set(found))


_LEAD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16)
def has_digit(folded: str) -> bool:
    """Whether the text holds a digit as `\\d` means it (any Unicode decimal digit)."""
    return _DIGIT.search(folded) is not None


def _word_places(folded: str, lead: str, limit: int) -> list[int] | None:
    """Where a word (or its piece after an apostrophe) starting with `lead` starts, or None past
    `limit`. `word_starts` also keys pieces joined across apostrophes ("oconnor" at the "o" of
    o'connor): those only add places to try, never lose one."""
    where, keys, _ = word_starts(folded)
    found: list[int] = []
    for key in keys[bisect_left(keys, lead):]:
        if not key.startswith(lead):
            break
        found += where[key]
        if len(found) > limit:
            return None
    return found


def _find_all(folded: str, text: str, limit: int = MAX_STARTS) -> list[int] | None:
    """Every place `text` stands in the post, or None past `limit`."""
    at = folded.find(text)
    if at < 0:
        return []  # most literals are absent: one search says so
    if folded.count(text, at) > limit:
        return None
    found = []
    while at >= 0:
        found.append(at)
        at = folded.find(text, at + 1)
    return found


def phrase_gate(phrases: list[str]) -> WordGate | None:
    """The gate of a word list: its phrases' first words, and the symbols of those that start
    with one ("🙄", "% off"), whose matches start where the symbol stands."""
    words, prefixes, symbols, tagged = set(), set(), set(), False
    seconds: dict[str, set[str] | None] = {}
    for phrase in phrases:
        parts = fold(phrase).split()
        if not parts:
            continue
        first = parts[0]
        wildcard = first.endswith("*")
        first = first.rstrip("*")
        found = WORD_RE.search(first)
        if found is None or first[:found.start()].strip("#@'"):
            symbols.add(first[:found.start()] if found else first)
            continue
        tagged = tagged or found.start() > 0
        key = found.group().replace("'", "")
        if wildcard and found.end() == len(first):
            prefixes.add(key)
            continue
        words.add(key)
        second = parts[1] if len(parts) > 1 and found.end() == len(first) else ""
        # the text's next word is the second word's first part: "higher" for "the higher-ups"
        head = WORD_RE.match(second) if second else None
        plain = head is not None and (head.end() == len(second) or second[head.end()] == "-")
        if plain and seconds.get(key, set()) is not None:
            seconds.setdefault(key, set()).add(head.group().replace("'", ""))
        else:
            seconds[key] = None  # a one-word phrase, or a second word with symbols or a wildcard
    pairs = tuple(sorted((k, frozenset(v)) for k, v in seconds.items() if v is not None))
    return WordGate(frozenset(words), tuple(sorted(prefixes)), tagged, pairs, tuple(sorted(symbols)))


def pattern_gate(pattern: re.Pattern) -> TextGate | None:
    """The gate of one regular expression, or None when its matches need no literal start."""
    if _P is None or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        items = list(_P.parse(pattern.pattern, pattern.flags))
        placed = _placed_starts(items)
        choices = [c for c in _required(items) if len(c) <= MAX_EITHER and min(map(len, c)) >= MIN_REQUIRED]
    except Exception:  # noqa: BLE001 - any surprise means "no gate", never a wrong one
        return None
    if not placed or any(not text for text, _ in placed):
        placed = set()
    best = max(choices, key=_selective, default=())
    required, either = (best[0], ()) if len(best) == 1 else ("", best)
    digit = _needs_digit(items)
    if not placed and not best and not digit:
        return None
    ordered = sorted(placed)
    offsets = tuple(offset for _, offset in ordered)
    gate = TextGate(tuple(text for text, _ in ordered), required, offsets if any(offsets) else (), either,
                    _opens_on_word_start(items), digit)
    gate.needs  # noqa: B018 - registered as the rules load, before any post is searched for it
    _register(gate.texts)
    return gate


def _opens_on_word_start(items: list) -> bool:
    r"""Whether one of the assertions a pattern opens with is (?<!\w), or (?<![\w…]) with more."""
    for op, arg in items:
        if op is _C.AT or op is _C.ASSERT:
            continue
        if op is not _C.ASSERT_NOT:
            return False
        inner = list(arg[1])
        if arg[0] == -1 and len(inner) == 1 and inner[0][0] is _C.IN and (_C.CATEGORY, _C.CATEGORY_WORD) in inner[0][1]:
            return True
    return False


def _placed_starts(items: list) -> set[tuple[str, int]] | None:
    r"""(literal, offset) pairs, one of which stands `offset` characters before the start of every
    match of `items`: a pattern opening on a lookbehind, `(?<=the\s|our\s)head`, starts 4
    characters after "the" or "our". The offset is 0 for a literal the match itself starts with."""
    i = 0
    while i < len(items) and (items[i][0] in (_C.AT, _C.ASSERT_NOT) or (items[i][0] is _C.ASSERT and items[i][1][0] == 1)):
        i += 1  # anchors, negative look-arounds and lookaheads say nothing of where the match starts
    if i < len(items):
        op, arg = items[i]
        if op is _C.ASSERT:  # a lookbehind (lookaheads were skipped): fixed width in Python's re
            low, high = arg[1].getwidth()
            texts = _starts(list(arg[1]))
            if low == high and texts and "" not in texts:
                return {(text, low) for text in texts}
        elif op is _C.BRANCH or (op is _C.SUBPATTERN and len(arg[-1]) == 1 and arg[-1][0][0] is _C.BRANCH):
            found: set[tuple[str, int]] = set()
            for alternative in (arg if op is _C.BRANCH else arg[-1][0][1])[1]:
                placed = _placed_starts(list(alternative) + items[i + 1:])
                if placed is None:
                    return None
                found |= placed
            return found
    starts = _starts(items)
    return None if starts is None else {(text, 0) for text in starts}


MIN_REQUIRED = 3  # shorter literals are in nearly every post
MAX_EITHER = 24  # more alternatives cost more to look for than they save


def _selective(choice: tuple[str, ...]) -> tuple[int, int]:
    """How well a choice of literals rules posts out: its shortest literal, then fewest literals."""
    return min(map(len, choice)), -len(choice)


def _required(items: list) -> list[tuple[str, ...]]:
    """Choices of literals, one of each of which every match of `items` contains: literal runs of
    the parts that must match, and for an alternation, each alternative's most selective choice
    ("staff" or "team" for `(?:staff|team)`)."""
    found, run = [], ""
    for op, arg in items:
        if op is _C.LITERAL:
            run += chr(arg)
            continue
        if run:
            found.append((run,))
            run = ""
        if op is _C.SUBPATTERN:
            found += _required(list(arg[-1]))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found += _required(list(arg[2]))
        elif op is _C.BRANCH:
            picks: set[str] = set()
            for alternative in arg[1]:
                options = [c for c in _required(list(alternative)) if min(map(len, c)) >= MIN_REQUIRED]
                if not options:
                    break
                picks.update(max(options, key=_selective))
            else:  # a literal that holds another is found whenever that one is: keep the shorter
                found.append(tuple(sorted(t for t in picks if not any(o != t and o in t for o in picks))))
    if run:
        found.append((run,))
    return found


def _is_digit_class(op, arg) -> bool:
    """Whether one item matches only digits: \\d, [0-9], [\\d], 7 (every one a digit `\\d` finds)."""
    if op is _C.LITERAL:
        return chr(arg) in "0123456789"
    if op is not _C.IN or not arg:
        return False
    for kind, value in arg:
        if kind is _C.CATEGORY and value is _C.CATEGORY_DIGIT:
            continue
        if kind is _C.LITERAL and chr(value) in "0123456789":
            continue
        if kind is _C.RANGE and ord("0") <= value[0] <= value[1] <= ord("9"):
            continue
        return False  # anything else, a negated class among them
    return True


def _needs_digit(items: list) -> bool:
    """Whether every match of `items` holds a digit: a digit item that must match (not in a
    look-around, an optional part or only some alternatives)."""
    for op, arg in items:
        if _is_digit_class(op, arg):
            return True
        if op is _C.SUBPATTERN and _needs_digit(list(arg[-1])):
            return True
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and arg[0] >= 1 and _needs_digit(list(arg[2])):
            return True
        if op is _C.BRANCH and all(_needs_digit(list(alternative)) for alternative in arg[1]):
            return True
    return False


def _starts(items: list) -> set[str] | None:
    """Literal strings one of which every match of `items` starts with; None if unknown."""
    i = 0
    while i < len(items) and items[i][0] in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        i += 1
    if i == len(items):
        return None
    op, arg = items[i]
    if op is _C.LITERAL:
        text = ""
        while i < len(items) and items[i][0] is _C.LITERAL:
            text += chr(items[i][1])
            i += 1
        if i < len(items) and len(text) < 8:  # "y" + (?:ears?|rs?) -> year, yr
            following = _starts(items[i:])
            if following and "" not in following and len(following) <= 64:
                return {text + start for start in following}
        return {text}
    if op is _C.SUBPATTERN:
        inner = _starts(list(arg[-1]))
        return inner
    if op is _C.BRANCH:
        found: set[str] = set()
        for alternative in arg[1]:
            starts = _starts(list(alternative))
            if starts is None:
                return None
            found |= starts
        return found
    if op is _C.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is _C.LITERAL:
                chars.add(chr(value))
            elif kind is _C.RANGE and value[1] - value[0] < MAX_CLASS_CHARS:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            else:
                return None
        return chars or None
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _starts(list(arg[2]))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):  # optional: "the" or what follows, in (?:the\s+)?polish
        optional, following = _starts(list(arg[2])), _starts(items[i + 1:])
        return None if optional is None or following is None else optional | following
    return None
