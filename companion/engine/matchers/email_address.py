"""`matcher = "email_address"`: e-mail addresses in the post, by whose domain they are at.

`which = "other"` (the default) finds addresses at any domain but the school's (someone's
personal address is personal data; the school's own addresses are `work_email`'s business),
`"school"` only the school's, `"any"` every address. Spaces around the @ are allowed.
"""

from __future__ import annotations

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.matchers.email_domain import addresses

WHICH = ("other", "school", "any")


class EmailAddressMatcher(Matcher):
    kind = "email_address"
    params = ("which", "domains")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        self.which = doc.get(table, "which", str, default="other")
        if self.which not in WHICH:
            raise doc.error("which", f"which must be one of {', '.join(WHICH)}, not {self.which!r}")
        extra = [d.lower().lstrip("@") for d in doc.strings(table, "domains")]
        self.domains = tuple(dict.fromkeys([*build.school.email_domains, *extra]))

    def _at_school(self, domain: str) -> bool:
        domain = domain.lower().rstrip(".")
        return any(domain == d or domain.endswith("." + d) for d in self.domains)

    def find(self, post, env) -> Match | None:
        spans = []
        for span, domain in addresses(post):
            school = self._at_school(domain)
            if self.which == "any" or (school if self.which == "school" else not school):
                spans.append(span)
        return Match(spans) if spans else None
