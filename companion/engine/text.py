"""Text folding and tokenising that keep code-point offsets intact.

Every matcher runs on `fold(text)`: a string of exactly the same length as the post,
lower-cased, without accents, with curly quotes and dashes made plain. Because the
length never changes, an offset found in the folded text is an offset in the post.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003"


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    if char in _SPACES:
        return " "
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    base = unicodedata.normalize("NFD", lowered)[0].lower()
    # Keep the base letter only when the decomposition was letter + marks.
    return base if len(base) == 1 and base.isalnum() else lowered


def _build_fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x80, 0x2400):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    # Zero-width characters would split words; make them spaces so lengths stay equal.
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        table[code] = " "
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case, strip accents and normalise punctuation, keeping the length."""
    folded = text.translate(_FOLD_TABLE)
    if len(folded) != len(text):  # pragma: no cover - the table maps one char to one
        raise AssertionError("fold changed the text's length")
    return folded


WORD_RE = re.compile(r"\w+(?:'\w+)*")


class Token(NamedTuple):
    """A word of the folded post: where it is and the key names are matched on.

    A named tuple, not a dataclass: a long post has a thousand words and a tuple is made
    several times faster."""

    start: int
    end: int
    word: str  # folded word as written, apostrophes kept
    key: str  # apostrophes removed and a possessive 's dropped: "o'connor's" -> "oconnor"


def name_key(word: str) -> str:
    """The form a single (folded) name word is compared in."""
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "")


def tokenize(folded: str) -> list[Token]:
    """Words of a folded text; hyphens and spaces both separate words."""
    words = []
    for m in WORD_RE.finditer(folded):
        word = m.group()
        start, end = m.span()
        words.append(Token(start, end, word, name_key(word) if "'" in word else word))
    return words


@lru_cache(maxsize=16)
def text_words(folded: str) -> tuple[Token, ...]:
    """`tokenize` once per post: the checker and every gate read the same post's words."""
    return tuple(tokenize(folded))


def name_words(name: str) -> list[str]:
    """A name as the list of keys it is matched on: "Zoë O’Connor-Smith" -> [zoe, oconnor, smith]."""
    return [name_key(m.group()) for m in WORD_RE.finditer(fold(name))]


def squeeze(name: str) -> str:
    """A name folded into one word, the way it is written as a hashtag, mention or web
    address: "The Crypt School" -> "thecryptschool", "@Crypt_School" -> "cryptschool"."""
    return re.sub(r"[\W_]+", "", fold(name))
