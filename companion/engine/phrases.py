"""Word lists as data: phrases (optionally per language) compiled into one pattern each.

A phrase is matched on the folded post: any case, accents or not, curly or straight
apostrophes, words separated by any spaces or hyphens. `*` at the end of a word
matches any ending ("pupil*" matches pupils); apostrophes are optional ("dont" = "don't").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.engine.text import fold
from companion.tomlfile import TomlDoc

ANY_LANGUAGE = "*"


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for word in fold(phrase).split():
        wildcard = word.endswith("*")
        word = word.rstrip("*")
        piece = "'?".join(re.escape(chunk) for chunk in word.split("'"))
        parts.append(piece + (r"\w*" if wildcard else ""))
    return r"[\s\-]+".join(parts)


def compile_phrases(phrases: list[str]) -> re.Pattern | None:
    patterns = [_phrase_pattern(p) for p in sorted(set(phrases), key=len, reverse=True) if p.strip()]
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


def compile_patterns(doc: TomlDoc, patterns: list[str], key: str) -> re.Pattern | None:
    if not patterns:
        return None
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise doc.error(key, f"pattern {pattern!r} is not a valid regular expression: {exc}") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass
class LanguageLists:
    """Compiled patterns by language; a post uses its own language's, English's and the shared ones."""

    by_language: dict[str, list[re.Pattern]] = field(default_factory=dict)

    def add(self, language: str, pattern: re.Pattern | None) -> None:
        if pattern is not None:
            self.by_language.setdefault(language, []).append(pattern)

    def patterns_for(self, language: str) -> list[re.Pattern]:
        chosen = list(self.by_language.get(ANY_LANGUAGE, ()))
        chosen += self.by_language.get(language, ())
        if language != "en":
            chosen += self.by_language.get("en", ())
        return chosen

    def finditer(self, folded: str, language: str):
        for pattern in self.patterns_for(language):
            yield from pattern.finditer(folded)

    def __bool__(self) -> bool:
        return bool(self.by_language)


def read_lists(doc: TomlDoc, table: dict, key: str, *, regex: bool = False) -> LanguageLists:
    """`key = ["…"]` for every language, or `key.en = […]`, `key.cy = […]` per language."""
    lists = LanguageLists()
    value = table.get(key)
    if value is None:
        return lists
    compile_one = (lambda items, k: compile_patterns(doc, items, k)) if regex else (lambda items, k: compile_phrases(items))
    if isinstance(value, list):
        lists.add(ANY_LANGUAGE, compile_one(doc.strings(table, key), key))
    elif isinstance(value, dict):
        for language in value:
            if not re.fullmatch(r"[a-z]{2,3}(-[a-z]{2})?|\*", language):
                raise doc.error(key, f"'{key}.{language}' is not a language code like en or cy")
            lists.add(language, compile_one(doc.strings(value, language, where=key), f"{key}.{language}"))
    else:
        raise doc.error(key, f"'{key}' must be a list of words, or a table of lists by language ({key}.en = [...])")
    return lists
