"""`[near]` and `[unless]`: words around a match that make it count, or stop it counting.

    [near]                # the match counts only with one of these close by
    words.en = ["class", "school"]
    patterns = ['\\b(?:[7-9]|1[0-3])[a-z]\\b']   # …or text matching one of these
    categories = ["school_reference"]   # …or findings of these categories
    within = 8            # words either side; 0 means anywhere in the post

    [unless]              # the match does not count with one of these close by
    words = ["styles"]
    within = 2

`[[unless]]`, written more than once, gives several such tables, each with its own `within`
(words that excuse a match beside it, and words that excuse it anywhere in the post).

With `within` above 0, a category in `[near]` counts only when one of its findings' words is
that close to the match (a finding without words, e.g. the time of day, counts anywhere). A
category in `[unless]` always counts anywhere: it keeps a rule quiet when the post already has
a warning of that category; `within` there limits only its words and patterns.
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
    patterns: LanguageLists | None = None
    categories_anywhere: bool = False  # [unless]: a warning of the category already given, wherever it is

    @classmethod
    def read_all(cls, doc: TomlDoc, table: dict, key: str) -> "tuple[Nearby, ...]":
        """A `[key]` table, or each table of a `[[key]]` array."""
        sections = doc.get(table, key, (dict, list), default=[])
        if isinstance(sections, dict):
            sections = [sections]
        if not all(isinstance(section, dict) for section in sections):
            raise doc.error(key, f"'{key}' must be a [{key}] table or [[{key}]] tables")
        return tuple(cls._read(doc, section, key) for section in sections)

    @classmethod
    def read(cls, doc: TomlDoc, table: dict, key: str) -> "Nearby | None":
        section = doc.get(table, key, dict, default=None)
        return None if section is None else cls._read(doc, section, key)

    @classmethod
    def _read(cls, doc: TomlDoc, section: dict, key: str) -> "Nearby":
        unknown = [k for k in section if k not in ("words", "patterns", "categories", "within")]
        if unknown:
            raise doc.error(unknown[0], f"'{key}.{unknown[0]}' is not a setting of [{key}]; it may have words, patterns, categories, within")
        categories = tuple(doc.strings(section, "categories", where=key))
        bad = [c for c in categories if c not in CATEGORY_IDS]
        if bad:
            raise doc.error("categories", f"unknown category {bad[0]!r} in {key}.categories")
        within = doc.get(section, "within", int, where=key, default=0)
        if within < 0:
            raise doc.error("within", f"'{key}.within' must be 0 (anywhere) or more words")
        words = read_lists(doc, section, "words")
        patterns = read_lists(doc, section, "patterns", regex=True)
        if not words and not patterns and not categories:
            raise doc.error(key, f"[{key}] needs 'words', 'patterns' or 'categories'")
        return cls(words, categories, within, patterns or None, categories_anywhere=key == "unless")

    def _hits(self, post) -> list[Span]:
        hits = [m.span() for m in self.words.finditer(post.folded, post.language)] if self.words else []
        if self.patterns:
            hits += [m.span() for m in self.patterns.finditer(post.folded, post.language) if m.end() > m.start()]
        return hits

    def applies(self, post, found: dict, spans: list[Span]) -> list[bool] | bool:
        """Whether the words (or categories) are present: near each span, or anywhere when there are none."""
        findings = [f for c in self.categories for f in found.get(c, ())]
        if findings and (not spans or self.within == 0 or self.categories_anywhere or any(not f.spans for f in findings)):
            return [True] * len(spans) if spans else True
        hits = self._hits(post)
        if not spans:
            return bool(hits)
        if self.within == 0:
            return [bool(hits)] * len(spans)
        hits += [s for f in findings for s in f.spans]
        return [any(self._close(post, s, h) for h in hits) for s in spans]

    def _close(self, post, span: Span, hit: Span) -> bool:
        if hit == span:
            return self.categories_anywhere  # a word is not its own context, but may be its own exception
        if hit[0] < span[1] and span[0] < hit[1]:
            return True  # overlapping: "Harry Styles" around "Harry"
        first, last = (span, hit) if span[0] <= hit[0] else (hit, span)
        gap = post.token_index(last[0]) - post.token_index(max(first[1] - 1, 0))
        return gap <= self.within
