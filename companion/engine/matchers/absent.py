"""`matcher = "absent"`: fires when the categories a rule `requires` were found and none of
its words appear in the post or the account's bio (e.g. a missing disclaimer).
The spans are those of the findings it depends on.
"""

from __future__ import annotations

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.phrases import read_lists

PLACES = ("text", "bio")


class AbsentMatcher(Matcher):
    kind = "absent"
    params = ("words", "look_in")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        self.words = read_lists(doc, table, "words")
        if not self.words:
            raise doc.error("matcher", "an absent rule needs 'words' (the words whose absence it reports)")
        self.look_in = doc.strings(table, "look_in") or list(PLACES)
        bad = [p for p in self.look_in if p not in PLACES]
        if bad:
            raise doc.error("look_in", f"look_in may name {', '.join(PLACES)}, not {bad[0]!r}")
        if not doc.strings(table, "requires"):
            raise doc.error("matcher", "an absent rule needs 'requires': the categories that make the words necessary")
        self.requires = doc.strings(table, "requires")

    def find(self, post, env) -> Match | None:
        causes = [f for category in self.requires for f in env.found.get(category, ())]
        if not causes:
            return None
        for place in self.look_in:
            folded = post.folded if place == "text" else post.bio_folded
            if folded and next(self.words.finditer(folded, post.language), None):
                return None
        return Match(sorted({span for f in causes for span in f.spans}))
