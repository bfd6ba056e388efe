"""`matcher = "findings"`: fires on the words of findings already made in the categories the
rule `requires`, so that one category can build on another. With `[near]`, e.g. an insult
(offensive_language) aimed at a pupil or colleague (pupil_reference, colleague_reference
close by) is also criticism.
"""

from __future__ import annotations

from companion.engine.matchers.base import Build, Match, Matcher


class FindingsMatcher(Matcher):
    kind = "findings"

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        self.requires = build.doc.strings(build.table, "requires")
        if not self.requires:
            raise build.doc.error("matcher", "a findings rule needs 'requires': the categories whose words it reuses")

    def find(self, post, env) -> Match | None:
        spans = sorted({span for category in self.requires for f in env.found.get(category, ()) for span in f.spans})
        return Match(spans) if spans else None
