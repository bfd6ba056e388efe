"""Plain text out of a composer's HTML (Draft.js on X, Lexical on Facebook, others).

Block elements become line breaks, emoji images become their alt text, links keep
their text. The result is what the teacher sees in the composer, so that spans in
findings point at the words on screen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
SKIPPED_TAGS = frozenset("script style template noscript head title svg".split())
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _walk(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if "\n" in text and not text.strip():
                continue  # indentation between tags in pretty-printed HTML
            out.append(text)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in SKIPPED_TAGS or child.get("aria-hidden") == "true" and name != "img":
            continue
        if name == "br":
            out.append("\n")
        elif name == "img":
            out.append(child.get("alt") or "")
        elif name in BLOCK_TAGS:
            _end_line(out)
            _walk(child, out)
            _end_line(out)
        else:
            _walk(child, out)


def _end_line(out: list[str]) -> None:
    if out and not out[-1].endswith("\n"):
        out.append("\n")


def _free(soup: BeautifulSoup) -> None:
    """Break a parsed tree's links (parents and children point at each other), so that it is
    freed at once rather than by the garbage collector's next pass, which a check would wait
    for. The root's own decompose() leaves its children linked; each child's frees them."""
    for child in list(soup.contents):
        child.decompose() if isinstance(child, Tag) else child.extract()
    soup.decompose()


@lru_cache(maxsize=64)
def html_to_text(html: str) -> str:
    """The text a composer's HTML shows, one line per block."""
    soup = BeautifulSoup(html, "html.parser")
    out: list[str] = []
    _walk(soup, out)
    _free(soup)
    text = "".join(out).replace("\r\n", "\n").replace("\xa0", " ")
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()


def post_text(text: str | None, html: str | None) -> str:
    """What a request asks to check: its text, else the text of its HTML."""
    return text if text is not None else html_to_text(html or "")
