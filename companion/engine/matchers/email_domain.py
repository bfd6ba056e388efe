"""`matcher = "email_domain"`: an e-mail address at the school's domains or their subdomains.

Matches `jo@cryptschool.example`, `JO@Staff.CryptSchool.Example`, and the same typed with
spaces around the @; never a lookalike such as `jo@cryptschool.example.evil.net`.
"""

from __future__ import annotations

import re

from companion.engine.matchers.base import Build, Match, Matcher

EMAIL_RE = re.compile(r"[\w.+'-]+\s?@\s?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,63})(?![\w-]|\.[a-z0-9])")


def addresses(post) -> list[tuple[tuple[int, int], str]]:
    """Every e-mail address in the post as (span, domain): searched once per post, for this
    matcher and `email_address` alike."""
    if "@" not in post.folded:
        return []
    return post.derived("email addresses", lambda: [(m.span(), m.group(1)) for m in EMAIL_RE.finditer(post.folded)])


class EmailDomainMatcher(Matcher):
    kind = "email_domain"
    params = ("domains",)

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        extra = [d.lower().lstrip("@") for d in build.doc.strings(build.table, "domains")]
        self.domains = tuple(dict.fromkeys([*build.school.email_domains, *extra]))

    def is_work_domain(self, domain: str) -> bool:
        domain = domain.lower().rstrip(".")
        return any(domain == d or domain.endswith("." + d) for d in self.domains)

    def find(self, post, env) -> Match | None:
        if not self.domains:
            return None
        spans = [span for span, domain in addresses(post) if self.is_work_domain(domain)]
        return Match(spans) if spans else None
