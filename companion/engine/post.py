"""A post made ready for matching: its text, folded text, words, links and language."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import datetime

from companion.engine.request import Attachment
from companion.engine.text import Token, fold, text_words
from companion.images.analysis import PostImages

URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.I)
MENTION_RE = re.compile(r"(?<![\w@])@\w{1,50}")
HASHTAG_RE = re.compile(r"(?<![\w#&])#\w+")


@dataclass
class Post:
    text: str
    folded: str
    tokens: tuple[Token, ...]
    language: str
    context: str = "post"
    site: str = ""
    account_kind: str = "personal"
    bio: str = ""
    attachments: tuple[Attachment, ...] = ()
    recipient_name: str = ""
    now: datetime | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    hashtags: list[tuple[int, int]] = field(default_factory=list)
    urls: list[tuple[int, int]] = field(default_factory=list)
    _bio_folded: str | None = None
    _token_starts: list[int] | None = None
    _images: PostImages | None = None
    _derived: dict = field(default_factory=dict)

    @property
    def images(self) -> PostImages:
        """The attached images, decoded on first use and shared by every image rule of this check."""
        if self._images is None:
            self._images = PostImages(self.attachments)
        return self._images

    @property
    def bio_folded(self) -> str:
        if self._bio_folded is None:
            self._bio_folded = fold(self.bio)
        return self._bio_folded

    def derived(self, key, make):
        """A value computed from this post once per check and shared by the rules that need it
        (e.g. the wording model's reading, for the eight wording rules)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def token_index(self, offset: int) -> int:
        """Index of the word that starts at or before `offset`."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        return max(0, bisect.bisect_right(self._token_starts, offset) - 1)


def analyse_text(text: str) -> tuple[str, tuple[Token, ...], list, list, list]:
    """The parts of a post that depend on its text alone (cached by the checker)."""
    folded = fold(text)
    tokens = text_words(folded)
    spans = lambda rx: [m.span() for m in rx.finditer(text)]  # noqa: E731
    return folded, tokens, spans(MENTION_RE), spans(HASHTAG_RE), spans(URL_RE)
