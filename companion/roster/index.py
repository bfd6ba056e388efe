"""A roster held in memory as sets of keyed hashes, and how a post's words are looked up in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.engine.text import Token
from companion.roster.names import FIRST, FULL, SURNAME, NameHasher

# Characters allowed between the words of one name: spaces and hyphens only.
_NAME_GAP = frozenset(" -\t")
# Surname prefixes written with a space for their apostrophe: "Mr O Neill" for O'Neill.
_SPACED_PREFIXES = frozenset(("o", "d"))


@dataclass
class RosterIndex:
    hasher: NameHasher
    full: set[int] = field(default_factory=set)
    first: set[int] = field(default_factory=set)
    surname: set[int] = field(default_factory=set)
    max_words: int = 1
    people: int = 0

    def add(self, kind: str, value: int, words: int) -> None:
        getattr(self, kind).add(value)
        if kind == FULL:
            self.max_words = max(self.max_words, words)

    def __bool__(self) -> bool:
        return self.people > 0

    def full_names(self, folded: str, tokens: list[Token]) -> list[tuple[int, int]]:
        """Spans of full names: "Oliver Bennett", "oliver bennett's", "#OliverBennett"."""
        spans = []
        h = self.hasher.hash
        i, count = 0, len(tokens)
        while i < count:
            token = tokens[i]
            found = None
            if h(token.key) in self.full:  # joined forms: #OliverBennett, @oliverbennett
                found = (token.start, token.end, 1)
            elif h(token.key) in self.first:
                words = [token.key]
                for j in range(i + 1, min(count, i + self.max_words)):
                    gap = folded[tokens[j - 1].end:tokens[j].start]
                    if not gap or not set(gap) <= _NAME_GAP:
                        break
                    words.append(tokens[j].key)
                    last = tokens[j].key
                    if h(" ".join(words)) in self.full or (
                        _possessive_without_apostrophe(last) and h(" ".join(words)[:-1]) in self.full
                    ):
                        found = (token.start, tokens[j].end, j - i + 1)
            if found:
                spans.append(found[:2])
                i += found[2]
            else:
                i += 1
        return spans

    def first_names(self, tokens: list[Token]) -> list[tuple[int, int]]:
        h = self.hasher.hash
        return [(t.start, t.end) for t in tokens if h(t.key) in self.first]

    def has_surname(self, key: str) -> bool:
        return bool(key) and self.hasher.hash(key) in self.surname

    def surname_after(self, tokens: list[Token], index: int) -> int:
        """How many words after tokens[index] form a roster surname (0 if none)."""
        h = self.hasher.hash
        for n in (1, 2, 3):
            words = [t.key for t in tokens[index + 1:index + 1 + n]]
            if len(words) < n:
                break
            joined = " ".join(words)
            if h(joined) in self.surname or (_possessive_without_apostrophe(words[-1]) and h(joined[:-1]) in self.surname):
                return n
            if n == 2 and words[0] in _SPACED_PREFIXES and h("".join(words)) in self.surname:  # "O Neill" for O'Neill
                return n
        return 0


def _possessive_without_apostrophe(word: str) -> bool:
    """"kershaws" may be "Kershaw's" written without its apostrophe."""
    return word.endswith("s") and len(word) > 3


def empty_index(hasher: NameHasher) -> RosterIndex:
    return RosterIndex(hasher)


__all__ = ["RosterIndex", "FULL", "FIRST", "SURNAME", "empty_index"]
