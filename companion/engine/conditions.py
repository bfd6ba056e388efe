"""`[near]` and `[unless]`: words around a match that make it count, or stop it counting.

    [near]                # the match counts only with one of these close by
    words.en = ["class", "school"]
    categories = ["school_reference"]   # …or when these were found in the same post
    within = 8            # words either side; 0 means anywhere in the post

    [unless]              # the match does not count with one of these close by
    words = ["styles"]
    within = 2
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.engine.categories import CATEGORY_IDS
from companion.engine.phrases import LanguageLists, read_lists
from companion.tomlfile import TomlDoc

Span = tuple[int, int]


@dataclass
class Nearby:
    words: LanguageLists
    categories: tuple[str, ...]
    within: int

    @classmethod
    def read(cls, doc: TomlDoc, table: dict, key: str) -> "Nearby | None":
        section = doc.get(table, key, dict, default=None)
        if section is None:
            return None
        categories = tuple(doc.strings(section, "categories", where=key))
        bad = [c for c in categories if c not in CATEGORY_IDS]
        if bad:
            raise doc.error("categories", f"unknown category {bad[0]!r} in {key}.categories")
        within = doc.get(section, "within", int, where=key, default=0)
        if within < 0:
            raise doc.error("within", f"'{key}.within' must be 0 (anywhere) or more words")
        words = read_lists(doc, section, "words")
        if not words and not categories:
            raise doc.error(key, f"[{key}] needs 'words' or 'categories'")
        return cls(words, categories, within)

    def applies(self, post, found: dict, spans: list[Span]) -> list[bool] | bool:
        """Whether the words (or categories) are present: near each span, or anywhere when there are none."""
        if any(found.get(c) for c in self.categories):
            return [True] * len(spans) if spans else True
        hits = [m.span() for m in self.words.finditer(post.folded, post.language)] if self.words else []
        if not spans:
            return bool(hits)
        if self.within == 0:
            return [bool(hits)] * len(spans)
        return [any(self._close(post, s, h) for h in hits) for s in spans]

    def _close(self, post, span: Span, hit: Span) -> bool:
        if hit == span:
            return False  # a word is not its own context
        if hit[0] < span[1] and span[0] < hit[1]:
            return True  # overlapping: "Harry Styles" around "Harry"
        first, last = (span, hit) if span[0] <= hit[0] else (hit, span)
        gap = post.token_index(last[0]) - post.token_index(max(first[1] - 1, 0))
        return gap <= self.within
