"""`matcher = "attachment"`: the post carries an attachment of the given types (images by
default); combine with `[near]` so that it needs a school or pupil context."""

from __future__ import annotations

from companion.engine.matchers.base import Build, Match, Matcher


class AttachmentMatcher(Matcher):
    kind = "attachment"
    whole_post = True  # fires on the request (time, attachments), not on words
    params = ("types",)

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        self.types = frozenset(t.lower() for t in build.doc.strings(build.table, "types")) or frozenset({"image"})

    def find(self, post, env) -> Match | None:
        count = sum(1 for a in post.attachments if a.type in self.types)
        return Match([], {"count": count}) if count else None
