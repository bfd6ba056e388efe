"""`matcher = "context"`: fires whenever the rule applies at all, i.e. on the request's
`contexts` and `accounts` alone (e.g. every LinkedIn recommendation is a reference)."""

from __future__ import annotations

from companion.engine.matchers.base import Match, Matcher


class ContextMatcher(Matcher):
    kind = "context"
    whole_post = True  # fires on the request (time, attachments), not on words

    def find(self, post, env) -> Match | None:
        return Match([])
