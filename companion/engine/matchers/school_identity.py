"""`matcher = "school_identity"`: the school's name, aliases, handles, hashtags and websites.

Built from the school file, so IT changes who the school is without touching rules.
Names match with or without apostrophes or "The"; a name squeezed into a hashtag or
mention (#TheCryptSchool, @cryptschool) counts; a website counts with or without
https:// or www., but an e-mail address at the school's domain is left to `email_domain`.
"""

from __future__ import annotations

import re

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.phrases import ANY_LANGUAGE, LanguageLists, compile_phrases, phrase_gate
from companion.engine.text import fold, squeeze

PARTS = ("name", "aliases", "handles", "hashtags", "websites")


class SchoolIdentityMatcher(Matcher):
    kind = "school_identity"
    params = ("include",)

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        include = build.doc.strings(build.table, "include") or list(PARTS)
        unknown = [p for p in include if p not in PARTS]
        if unknown:
            raise build.doc.error("include", f"unknown part {unknown[0]!r}; use some of {', '.join(PARTS)}")
        self.names, self.tags, self.sites, self.site_texts = self._compile(build.school, include)

    @staticmethod
    def _compile(school, include: list[str]):
        """Three patterns, each searched only where it can match: the names as a word list (tried
        where their first words stand), the squeezed forms after @ or #, and the websites (only
        when the post holds one: their optional "https://www." prefix is dear to try everywhere)."""
        names = []
        if "name" in include:
            names.append(school.name)
        if "aliases" in include:
            names += school.aliases
        phrases, squeezed = [], set()
        for name in names:
            phrases.append(name)
            if fold(name).startswith("the "):
                phrases.append(name[4:])
                squeezed.add(squeeze(name[4:]))
            squeezed.add(squeeze(name))
        names_list = LanguageLists()
        names_list.add(ANY_LANGUAGE, compile_phrases(phrases), phrase_gate(phrases))
        tags = set()
        if "handles" in include:
            tags |= {squeeze(h) for h in school.handles}
        if "hashtags" in include:
            tags |= {squeeze(h) for h in school.hashtags}
        if "name" in include or "aliases" in include:
            tags |= squeezed
        tags_rx = None
        if tags:  # [@#] first, so the search jumps from one @ or # to the next
            tags_rx = re.compile(r"[@#](?<![\w@#][@#])(?:" + "|".join(map(re.escape, sorted(tags, key=len, reverse=True))) + r")(?!\w)")
        sites_rx, site_texts = None, ()
        if "websites" in include and school.websites:
            site_texts = tuple(sorted(school.websites, key=len, reverse=True))
            sites = "|".join(map(re.escape, site_texts))
            sites_rx = re.compile(r"(?<![\w.@-])(?:https?://)?(?:[\w-]+\.)*(?:" + sites + r")(?![\w-]|\.\w)(?:/[^\s]*)?")
        return names_list, tags_rx, sites_rx, site_texts

    def find(self, post, env) -> Match | None:
        folded = post.folded
        found = [(m.start(), 0, m.end()) for m in self.names.finditer(folded, "en")  # the shared list, once
                 if not (m.start() and folded[m.start() - 1] in "@#")]  # #crypt school is neither a name nor a tag
        if self.tags is not None and ("@" in folded or "#" in folded):
            found += [(m.start(), 1, m.end()) for m in self.tags.finditer(folded)]
        if self.sites is not None and any(site in folded for site in self.site_texts):
            found += [(m.start(), 2, m.end()) for m in self.sites.finditer(folded)]
        spans, end = [], 0
        for start, _, stop in sorted(found):  # as one search would: the leftmost, never overlapping
            if start >= end:
                spans.append((start, stop))
                end = stop
        return Match(spans) if spans else None
