"""What every matcher kind shares: how it is built from a rule file and what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from companion.engine.school import School
from companion.tomlfile import TomlDoc

if TYPE_CHECKING:
    from companion.engine.post import Post
    from companion.roster.index import RosterIndex

Span = tuple[int, int]


@dataclass
class Match:
    """A rule fired: on these spans (may be none, e.g. the time of day), with details for the message."""

    spans: list[Span]
    detail: dict = field(default_factory=dict)


@dataclass
class Build:
    """What a matcher may read while it is built."""

    doc: TomlDoc
    table: dict
    school: School


@dataclass
class Env:
    """What a matcher may read while it checks a post."""

    rosters: dict[str, "RosterIndex"]
    found: dict[str, list]  # category -> findings made so far


class Matcher:
    kind: ClassVar[str] = ""
    params: ClassVar[tuple[str, ...]] = ()
    # True when a rule's [near]/[unless] are about the whole post, not the words matched: they
    # are then tested first, before the (possibly costly) matcher runs, and its spans are kept.
    whole_post: ClassVar[bool] = False

    def __init__(self, build: Build) -> None:
        self.build = build

    def find(self, post: "Post", env: Env) -> Match | None:  # pragma: no cover - abstract
        raise NotImplementedError
