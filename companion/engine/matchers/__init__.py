"""The matcher kinds a rule file can name in `matcher = "…"`."""

from companion.engine.matchers.absent import AbsentMatcher
from companion.engine.matchers.attachment import AttachmentMatcher
from companion.engine.matchers.base import Build, Env, Match, Matcher
from companion.engine.matchers.context import ContextMatcher
from companion.engine.matchers.email_address import EmailAddressMatcher
from companion.engine.matchers.email_domain import EmailDomainMatcher
from companion.engine.matchers.findings import FindingsMatcher
from companion.engine.matchers.image_faces import ImageFacesMatcher
from companion.engine.matchers.image_location import ImageLocationMatcher
from companion.engine.matchers.phrases import PhrasesMatcher
from companion.engine.matchers.roster import RosterMatcher
from companion.engine.matchers.school_identity import SchoolIdentityMatcher
from companion.engine.matchers.timetable import TimetableMatcher
from companion.engine.matchers.wording import WordingMatcher

MATCHERS: dict[str, type[Matcher]] = {
    cls.kind: cls
    for cls in (PhrasesMatcher, SchoolIdentityMatcher, RosterMatcher, EmailDomainMatcher,
                AbsentMatcher, ContextMatcher, TimetableMatcher, AttachmentMatcher,
                EmailAddressMatcher, FindingsMatcher, ImageLocationMatcher, ImageFacesMatcher, WordingMatcher)
}

__all__ = ["MATCHERS", "Build", "Env", "Match", "Matcher"]
