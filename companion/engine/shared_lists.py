"""`rules/lists.toml`: word lists and patterns several rules share, written once.

    [own-course]                      # a list's name: lower-case letters, digits and hyphens
    # the writer's own course: "MA module essay", "my part-time masters"
    patterns.en = ['(?<!\\w)(?:ma|msc|phd)\\s+essays?(?!\\w)']
    words.en = ["my dissertation"]

A rule names lists wherever it has `words` or `patterns` (the rule itself, `[near]`,
`[unless]`): `lists = ["own-course"]`. The lists' words and patterns are added to the rule's
own, language by language, so a rule keeps any words of its own beside the shared ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from companion.engine.phrases import ANY_KEYS, ANY_LANGUAGE, LANGUAGE_CODE, compile_patterns
from companion.tomlfile import TomlDoc

FILE_NAME = "lists.toml"
LIST_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LIST_KEYS = ("words", "patterns")

Lists = dict[str, dict[str, dict[str, list[str]]]]  # name -> "words"/"patterns" -> language -> items


def load_shared_lists(directory: Path) -> Lists:
    """The lists of `directory/lists.toml`, checked; none when the file is absent."""
    path = Path(directory) / FILE_NAME
    if not path.exists():
        return {}
    doc = TomlDoc(path)
    lists: Lists = {}
    for name, table in doc.data.items():
        if not LIST_NAME.match(name) or not isinstance(table, dict):
            raise doc.error(name, f"'{name}' is not a list: write each list as a table, [{name.lower()}], "
                                  "named in lower-case letters, digits and hyphens")
        unknown = [k for k in table if k not in LIST_KEYS]
        if unknown:
            raise doc.error(unknown[0], f"'{name}.{unknown[0]}' is not a setting of a list; it may have words, patterns")
        lists[name] = {key: _by_language(doc, table, key, name) for key in LIST_KEYS if key in table}
        if not lists[name]:
            raise doc.error(name, f"list '{name}' needs 'words' or 'patterns'")
        for patterns in lists[name].get("patterns", {}).values():
            compile_patterns(doc, patterns, f"{name}.patterns")
    return lists


def _by_language(doc: TomlDoc, table: dict, key: str, where: str) -> dict[str, list[str]]:
    """`key = [...]` (every language) or `key.en = [...]`, as {language: items}."""
    value = table[key]
    if isinstance(value, list):
        return {ANY_LANGUAGE: doc.strings(table, key, where=where)}
    if not isinstance(value, dict):
        raise doc.error(key, f"'{where}.{key}' must be a list, or a table of lists by language ({key}.en = [...])")
    by_language = {}
    for language in value:
        if language not in ANY_KEYS and not LANGUAGE_CODE.fullmatch(language):
            raise doc.error(key, f"'{where}.{key}.{language}' is not a language code like en or cy")
        by_language[ANY_LANGUAGE if language in ANY_KEYS else language] = doc.strings(value, language, where=f"{where}.{key}")
    return by_language


def with_shared_lists(doc: TomlDoc, table: dict, lists: Lists, where: str = "") -> dict:
    """`table` with the words and patterns of the lists it names added to its own (a copy; `lists` removed)."""
    if "lists" not in table:
        return table
    full = f"{where}.lists" if where else "lists"
    names = doc.strings(table, "lists", where=where)
    table = dict(table)
    del table["lists"]
    for name in names:
        shared = lists.get(name)
        if shared is None:
            known = ", ".join(sorted(lists)) or f"none: {FILE_NAME} is missing or empty"
            raise doc.error(full, f"'{full}' names {name!r}, which is not a list in {FILE_NAME} (lists: {known})")
        for key, by_language in shared.items():
            own = table.get(key)
            merged = {ANY_LANGUAGE: list(own)} if isinstance(own, list) else {
                (ANY_LANGUAGE if lang in ANY_KEYS else lang): list(items) for lang, items in (own or {}).items()}
            for language, items in by_language.items():
                merged.setdefault(language, []).extend(items)
            table[key] = merged
    return table


def expand_rule(doc: TomlDoc, table: dict, lists: Lists, takes_words: bool) -> dict:
    """A rule's table with every `lists` it holds (its own, [near], [unless]) expanded."""
    if "lists" in table and not takes_words:
        raise doc.error("lists", f"'lists' is not a setting of a {table.get('matcher')} rule: "
                                 "name lists in its [near] or [unless]")
    table = dict(with_shared_lists(doc, table, lists))
    if isinstance(table.get("near"), dict):
        table["near"] = with_shared_lists(doc, table["near"], lists, "near")
    unless = table.get("unless")
    if isinstance(unless, dict):
        table["unless"] = with_shared_lists(doc, unless, lists, "unless")
    elif isinstance(unless, list):
        table["unless"] = [with_shared_lists(doc, u, lists, "unless") if isinstance(u, dict) else u for u in unless]
    return table
