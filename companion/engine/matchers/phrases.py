"""`matcher = "phrases"`: words and regular expressions, optionally per language."""

from __future__ import annotations

from companion.engine.matchers.base import Build, Env, Match, Matcher
from companion.engine.phrases import read_lists


class PhrasesMatcher(Matcher):
    kind = "phrases"
    params = ("words", "patterns")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        self.words = read_lists(build.doc, build.table, "words")
        self.patterns = read_lists(build.doc, build.table, "patterns", regex=True)
        if not self.words and not self.patterns:
            raise build.doc.error("matcher", "a phrases rule needs 'words' or 'patterns'")

    def find(self, post, env: Env) -> Match | None:
        spans = [m.span() for m in self.words.finditer(post.folded, post.language) if m.end() > m.start()]
        spans += [m.span() for m in self.patterns.finditer(post.folded, post.language) if m.end() > m.start()]
        return Match(spans) if spans else None
