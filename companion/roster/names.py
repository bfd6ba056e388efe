"""Name forms and their keyed hashes: the only form in which a roster is kept.

A person becomes a handful of normalised forms ("oliver bennett", "oliverbennett",
"ollie bennett", first name "oliver", surname "bennett"), each stored as the first
8 bytes of HMAC-SHA256 under a per-install key. A post's words are hashed the same
way and looked up, so the check costs the same with 500 names or 50,000.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from companion.engine.text import name_words

FULL, FIRST, SURNAME = "full", "first", "surname"


class NameHasher:
    """Keyed hash of a normalised name form, remembered for words seen recently."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the roster key must be at least 16 bytes")
        self._key = key
        self.hash = lru_cache(maxsize=50_000)(self._hash)

    def _hash(self, form: str) -> int:
        digest = hmac.digest(self._key, form.encode("utf-8"), hashlib.sha256)
        return int.from_bytes(digest[:8], "big", signed=True)


@dataclass(frozen=True)
class PersonName:
    forename: str
    surname: str
    preferred: str | None = None
    middle: str | None = None


def name_forms(person: PersonName) -> dict[str, set[str]]:
    """The normalised forms a person can be named by, grouped by kind of form."""
    surname = name_words(person.surname)
    forenames = name_words(person.forename)
    givens: list[list[str]] = []
    if forenames:
        givens.append(forenames[:1])
        givens.append(forenames)
    if person.middle:
        givens.append(forenames[:1] + name_words(person.middle))
    if person.preferred:
        givens.append(name_words(person.preferred))
    forms: dict[str, set[str]] = {FULL: set(), FIRST: set(), SURNAME: set()}
    if not surname:
        return forms
    for given in givens:
        if not given:
            continue
        forms[FULL].add(" ".join(given + surname))
        forms[FULL].add("".join(given + surname))
        forms[FIRST].add(given[0])
    forms[SURNAME].add(" ".join(surname))
    forms[SURNAME].add("".join(surname))
    return forms


def form_word_count(form: str) -> int:
    return form.count(" ") + 1
