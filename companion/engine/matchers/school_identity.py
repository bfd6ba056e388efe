"""`matcher = "school_identity"`: the school's name, aliases, handles, hashtags and websites.

Built from the school file, so IT changes who the school is without touching rules.
Names match with or without apostrophes or "The"; a name squeezed into a hashtag or
mention (#TheCryptSchool, @cryptschool) counts; a website counts with or without
https:// or www., but an e-mail address at the school's domain is left to `email_domain`.
"""

from __future__ import annotations

import re

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.phrases import _phrase_pattern
from companion.engine.text import fold

PARTS = ("name", "aliases", "handles", "hashtags", "websites")


def _squeezed(name: str) -> str:
    return re.sub(r"[\W_]+", "", fold(name))


class SchoolIdentityMatcher(Matcher):
    kind = "school_identity"
    params = ("include",)

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        include = build.doc.strings(build.table, "include") or list(PARTS)
        unknown = [p for p in include if p not in PARTS]
        if unknown:
            raise build.doc.error("include", f"unknown part {unknown[0]!r}; use some of {', '.join(PARTS)}")
        self.pattern = self._compile(build.school, include)

    @staticmethod
    def _compile(school, include: list[str]) -> re.Pattern | None:
        names = []
        if "name" in include:
            names.append(school.name)
        if "aliases" in include:
            names += school.aliases
        alternatives = []
        squeezed = set()
        for name in names:
            phrase = _phrase_pattern(name)
            if fold(name).startswith("the "):
                phrase = "(?:" + phrase + "|" + _phrase_pattern(name[4:]) + ")"
                squeezed.add(_squeezed(name[4:]))
            alternatives.append(r"(?<![\w@#])" + phrase + r"(?!\w)")
            squeezed.add(_squeezed(name))
        tags = set()
        if "handles" in include:
            tags |= {_squeezed(h) for h in school.handles}
        if "hashtags" in include:
            tags |= {_squeezed(h) for h in school.hashtags}
        if "name" in include or "aliases" in include:
            tags |= squeezed
        if tags:
            alternatives.append(r"(?<![\w@#])[@#](?:" + "|".join(map(re.escape, sorted(tags, key=len, reverse=True))) + r")(?!\w)")
        if "websites" in include and school.websites:
            sites = "|".join(re.escape(s) for s in sorted(school.websites, key=len, reverse=True))
            alternatives.append(r"(?<![\w.@-])(?:https?://)?(?:[\w-]+\.)*(?:" + sites + r")(?![\w-]|\.\w)(?:/[^\s]*)?")
        return re.compile("|".join(alternatives)) if alternatives else None

    def find(self, post, env) -> Match | None:
        if self.pattern is None:
            return None
        spans = [m.span() for m in self.pattern.finditer(post.folded)]
        return Match(spans) if spans else None
