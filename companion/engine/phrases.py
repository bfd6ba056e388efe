"""Word lists as data: phrases (optionally per language) compiled into one pattern each.

A phrase is matched on the folded post: any case, accents or not, curly or straight
apostrophes, words separated by any spaces or hyphens. `*` at the end of a word
matches any ending ("pupil*" matches pupils); apostrophes are optional ("dont" = "don't").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.engine.gates import pattern_gate, phrase_gate, present_literals, word_keys  # noqa: F401 - word_keys for callers
from companion.engine.text import fold
from companion.tomlfile import TomlDoc

ANY_LANGUAGE = "*"
# `words.any = […]` beside `words.en`/`words.cy`: words of no one language, used for every post
# (e.g. Welsh words no English text contains, for short posts whose language cannot be told).
ANY_KEYS = ("any", "*")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z]{2})?|\*")  # en, cy, pt-br; * for every language


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for word in fold(phrase).split():
        wildcard = word.endswith("*")
        word = word.rstrip("*")
        piece = "'?".join(re.escape(chunk) for chunk in word.split("'"))
        parts.append(piece + (r"\w*" if wildcard else ""))
    return r"[\s\-]+".join(parts)


def compile_phrases(phrases: list[str]) -> re.Pattern | None:
    r"""One pattern for a word list: whole words only, longest phrase first.

    Phrases are grouped by their first character and the "not inside a word" test comes
    after that character, as `(?<!\w[\s\S])`, so that the pattern starts with a set of
    literal characters: the regex engine then jumps from one possible first character to the
    next instead of trying every phrase at every position of the post.
    """
    patterns = [_phrase_pattern(p) for p in sorted(set(phrases), key=len, reverse=True) if p.strip()]
    if not patterns:
        return None
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for pattern in patterns:
        first = pattern[:2] if pattern.startswith("\\") else pattern[:1]
        rest = pattern[len(first):]
        if first in ("", "'", "[", "(") or rest.startswith(("?", "*", "+", "{")):
            others.append(pattern)  # starts with something optional: test the old way
        else:
            groups.setdefault(first, []).append(rest)
    alternatives = [first + r"(?<!\w[\s\S])(?:" + "|".join(rests) + ")" for first, rests in groups.items()]
    if others:
        alternatives.append(r"(?<!\w)(?:" + "|".join(others) + ")")
    return re.compile("(?:" + "|".join(alternatives) + r")(?!\w)")


def compile_patterns(doc: TomlDoc, patterns: list[str], key: str) -> list[re.Pattern]:
    """Each pattern compiled on its own, so that each can be skipped by its own gate."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise doc.error(key, f"pattern {pattern!r} is not a valid regular expression: {exc}") from None
    return compiled


@dataclass
class LanguageLists:
    """Compiled patterns by language; a post uses its own language's, English's and the shared ones.

    A word list's pattern carries a Gate (its possible first words), so that a post without
    any of them is not searched at all: most posts hold none of most lists' words.
    """

    by_language: dict[str, list[re.Pattern]] = field(default_factory=dict)
    gates: dict[int, object] = field(default_factory=dict)
    _chosen: dict[str, list[tuple]] = field(default_factory=dict, repr=False)

    def add(self, language: str, pattern: re.Pattern | None, gate=None) -> None:
        if pattern is not None:
            self.by_language.setdefault(language, []).append(pattern)
            if gate is not None:
                self.gates[id(pattern)] = gate
            self._chosen.clear()

    def patterns_for(self, language: str) -> list[re.Pattern]:
        chosen = list(self.by_language.get(ANY_LANGUAGE, ()))
        chosen += self.by_language.get(language, ())
        if language != "en":
            chosen += self.by_language.get("en", ())
        return chosen

    def finditer(self, folded: str, language: str):
        chosen = self._chosen.get(language)
        if chosen is None:
            chosen = self._chosen[language] = [
                (p, gate, getattr(gate, "needs", None) or None)
                for p, gate in ((p, self.gates.get(id(p))) for p in self.patterns_for(language))
            ]
        present = present_literals(folded)  # one search for every gate's literals
        for pattern, gate, needs in chosen:
            if needs is not None and needs.isdisjoint(present):
                continue  # none of the literals every match holds is in the post
            starts = gate.starts(folded, present) if gate is not None else None
            if starts is None:
                if gate is None or gate.opens(folded):
                    yield from pattern.finditer(folded)
                continue
            end = 0  # as finditer: leftmost matches that do not overlap
            for start in starts:
                if start >= end:
                    match = pattern.match(folded, start)
                    if match is not None:
                        end = match.end() if match.end() > start else start + 1
                        yield match

    def __bool__(self) -> bool:
        return bool(self.by_language)


def read_lists(doc: TomlDoc, table: dict, key: str, *, regex: bool = False) -> LanguageLists:
    """`key = ["…"]` for every language, or `key.en = […]`, `key.cy = […]` per language (and `key.any`)."""
    lists = LanguageLists()
    value = table.get(key)
    if value is None:
        return lists
    def add(language: str, items: list[str], where: str) -> None:
        if regex:
            for pattern in compile_patterns(doc, items, where):
                lists.add(language, pattern, pattern_gate(pattern))
        else:
            lists.add(language, compile_phrases(items), phrase_gate(items))

    if isinstance(value, list):
        add(ANY_LANGUAGE, doc.strings(table, key), key)
    elif isinstance(value, dict):
        for language in value:
            if not LANGUAGE_CODE.fullmatch(language):
                raise doc.error(key, f"'{key}.{language}' is not a language code like en or cy")
            add(ANY_LANGUAGE if language in ANY_KEYS else language, doc.strings(value, language, where=key), f"{key}.{language}")
    else:
        raise doc.error(key, f"'{key}' must be a list of words, or a table of lists by language ({key}.en = [...])")
    return lists
