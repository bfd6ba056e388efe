"""`matcher = "roster"`: names from the pupil or staff roster, looked up by keyed hash.

Forms: `full` (forename or preferred forename + surname, possessives, hashtags),
`first` (a roster first name alone: combine with `[near]` so it needs a pupil context),
`title_surname` (Mr/Mrs/Ms/Miss/Dr + a roster surname, also joined as "#MrsBarnes" or
"@mr_barnes"), `recipient` (the person being befriended, followed or messaged). Names that
are ordinary words (Hope, Will, Grace) only count when written with a capital letter.
"""

from __future__ import annotations

import re

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.post import Post
from companion.engine.text import fold, name_key, tokenize

ROSTERS = ("pupils", "staff")
FORMS = ("full", "first", "title_surname", "recipient")
DEFAULT_TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "prof", "mstr", "master")


class RosterMatcher(Matcher):
    kind = "roster"
    params = ("roster", "forms", "titles", "ordinary_words")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        self.roster = doc.get(table, "roster", str, required=True)
        if self.roster not in ROSTERS:
            raise doc.error("roster", f"roster must be one of {', '.join(ROSTERS)}, not {self.roster!r}")
        self.forms = doc.strings(table, "forms") or ["full"]
        unknown = [f for f in self.forms if f not in FORMS]
        if unknown:
            raise doc.error("forms", f"unknown form {unknown[0]!r}; use some of {', '.join(FORMS)}")
        self.titles = frozenset(name_key(fold(t)).rstrip(".") for t in doc.strings(table, "titles")) or frozenset(DEFAULT_TITLES)
        self.title_sizes = sorted({len(t) for t in self.titles})
        # words that start with a title, found in one scan instead of testing every word
        self.title_led = re.compile(r"(?<!\w)(?:%s)\w+(?:'\w+)*" % "|".join(map(re.escape, self.titles)))
        self.ordinary = frozenset(name_key(fold(w)) for w in doc.strings(table, "ordinary_words"))

    def find(self, post: Post, env) -> Match | None:
        index = env.rosters.get(self.roster)
        if not index:
            return None
        spans: list[tuple[int, int]] = []
        if "full" in self.forms:
            spans += [s for s in full_names(post, index) if self._written_as_name(post, s)]
        if "first" in self.forms:
            spans += [s for s in index.first_names(post.tokens) if self._written_as_name(post, s)]
        if "title_surname" in self.forms:
            tokens = post.tokens
            for i, token in enumerate(tokens):
                n = index.surname_after(tokens, i) if token.key in self.titles else 0
                if n:
                    spans.append((token.start, tokens[i + n].end))
            spans += [(m.start(), m.end()) for m in self.title_led.finditer(post.folded) if self._joined_title_surname(post, m, index)]
        if "recipient" in self.forms:
            name = post.recipient_name or (post.text if post.context in ("friend_request", "follow") else "")
            folded = fold(name)
            if name and index.full_names(folded, tokenize(folded)):
                spans += [] if post.recipient_name else [(0, len(post.text))]
                return Match(sorted(set(spans)), {"name": name})
        return Match(sorted(set(spans))) if spans else None

    def _joined_title_surname(self, post: Post, word: re.Match, index) -> bool:
        """A title written joined to a roster surname, as a tag, in capitals or with an underscore:
        "#MrsBarnes", "@DrVaughan", "MrKershaw", "mr_kershaw" (not "mrcook" in running text)."""
        key, start = name_key(word.group()), word.start()
        for size in self.title_sizes:
            if len(key) > size + 1 and key[:size] in self.titles:
                surname = key[size:].lstrip("_")
                marked = (
                    surname != key[size:]
                    or post.text[start - 1:start] in ("#", "@")
                    or post.text[start + size].isupper()
                )
                if marked and index.has_surname(surname):
                    return True
        return False

    def _written_as_name(self, post: Post, span: tuple[int, int]) -> bool:
        """Ordinary words count as a name only when every word is capitalised as written."""
        if not self.ordinary:
            return True
        words = tokenize(post.folded[span[0]:span[1]])
        if not all(w.key in self.ordinary for w in words):
            return True
        return all(post.text[span[0] + w.start].isupper() for w in words)


def full_names(post: Post, index) -> list[tuple[int, int]]:
    """The spans of a roster's full names in the post, found once per post for every rule that asks."""
    return post.derived(("full-names", id(index)), lambda: index.full_names(post.folded, post.tokens))
