"""The school file: who the school is, its languages, locked categories and timetable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from companion.engine.categories import CATEGORY_IDS
from companion.tomlfile import TomlDoc

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Period:
    name: str
    start: time
    end: time
    lesson: bool


@dataclass(frozen=True)
class Timetable:
    days: frozenset[int]  # datetime.weekday() numbers
    periods: tuple[Period, ...]

    def period_at(self, moment: datetime) -> Period | None:
        if moment.weekday() not in self.days:
            return None
        now = moment.time()
        for period in self.periods:
            if period.start <= now < period.end:
                return period
        return None


@dataclass(frozen=True)
class Location:
    """Where the school's grounds are: photos whose GPS position lies within radius_m are taken at school."""

    latitude: float
    longitude: float
    radius_m: float


@dataclass(frozen=True)
class School:
    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    default_language: str = "en"
    languages: tuple[str, ...] = ()
    locked: frozenset[str] = frozenset()
    off: frozenset[str] = frozenset()
    timetable: Timetable | None = None
    extension_ids: tuple[str, ...] = ()
    pilot: bool = False
    pilot_until: date | None = None
    location: Location | None = None
    source: Path | None = field(default=None, compare=False)


def load_school(path: Path | str) -> School:
    """Read and check a school file; a ConfigError names the line that is wrong."""
    doc = TomlDoc(Path(path))
    data = doc.data
    school = doc.get(data, "school", dict, required=True)
    name = doc.get(school, "name", str, where="school", required=True).strip()
    if not name:
        raise doc.error("name", "'school.name' must not be empty")

    handles = tuple(h if h.startswith("@") else "@" + h for h in doc.strings(school, "handles", where="school"))
    hashtags = tuple(h if h.startswith("#") else "#" + h for h in doc.strings(school, "hashtags", where="school"))
    domains = []
    for domain in doc.strings(school, "email_domains", where="school"):
        domain = domain.lower().lstrip("@").rstrip(".")
        if not _DOMAIN.match(domain):
            raise doc.error("email_domains", f"'{domain}' in school.email_domains is not a domain name like school.sch.uk")
        domains.append(domain)
    websites = []
    for site in doc.strings(school, "websites", where="school"):
        site = re.sub(r"^https?://", "", site.lower()).removeprefix("www.").rstrip("/")
        if not _DOMAIN.match(site.split("/")[0]):
            raise doc.error("websites", f"'{site}' in school.websites is not a web address like www.school.sch.uk")
        websites.append(site)

    language = doc.get(data, "language", dict, default={})
    policy = doc.get(data, "policy", dict, default={})
    locked = _categories(doc, policy, "locked")
    off = _categories(doc, policy, "off")
    clash = locked & off
    if clash:
        raise doc.error("off", f"{', '.join(sorted(clash))} cannot be both locked and off")
    extension = doc.get(data, "extension", dict, default={})
    pilot_until = doc.get(policy, "pilot_until", date, where="policy", default=None)
    if isinstance(pilot_until, datetime):
        pilot_until = pilot_until.date()

    return School(
        name=name,
        aliases=tuple(doc.strings(school, "aliases", where="school")),
        handles=handles,
        hashtags=hashtags,
        websites=tuple(websites),
        email_domains=tuple(domains),
        default_language=doc.get(language, "default", str, where="language", default="en"),
        languages=tuple(doc.strings(language, "detect", where="language")),
        locked=locked,
        off=off,
        timetable=_timetable(doc, data),
        extension_ids=tuple(doc.strings(extension, "ids", where="extension")),
        pilot=doc.get(policy, "pilot", bool, where="policy", default=False),
        pilot_until=pilot_until,
        location=_location(doc, data),
        source=doc.path,
    )


def in_pilot(school: School, today: date) -> bool:
    """Pilot mode: warnings are counted for IT but not shown to staff."""
    return school.pilot or (school.pilot_until is not None and today <= school.pilot_until)


def _categories(doc: TomlDoc, policy: dict, key: str) -> frozenset[str]:
    values = doc.strings(policy, key, where="policy")
    unknown = [v for v in values if v not in CATEGORY_IDS]
    if unknown:
        raise doc.error(key, f"unknown category {unknown[0]!r} in policy.{key}; known: {', '.join(CATEGORY_IDS)}")
    return frozenset(values)


def _timetable(doc: TomlDoc, data: dict) -> Timetable | None:
    table = doc.get(data, "timetable", dict, default=None)
    if table is None:
        return None
    days = doc.strings(table, "days", where="timetable", required=True)
    bad = [d for d in days if d.lower()[:3] not in DAYS]
    if bad:
        raise doc.error("days", f"'{bad[0]}' in timetable.days is not a day (use mon, tue, wed, thu, fri, sat, sun)")
    periods = []
    for index, raw in enumerate(doc.get(table, "periods", list, where="timetable", required=True), 1):
        where = f"timetable.periods[{index}]"
        if not isinstance(raw, dict):
            raise doc.error("periods", f"{where} must be a table like {{ name = \"Period 1\", start = \"09:00\", end = \"10:00\", lesson = true }}")
        start = _clock(doc, raw, "start", where)
        end = _clock(doc, raw, "end", where)
        if end <= start:
            raise doc.error("periods", f"{where} ends before it starts ({raw['start']} to {raw['end']})")
        periods.append(Period(
            name=doc.get(raw, "name", str, where=where, default=f"Period {index}"),
            start=start, end=end,
            lesson=doc.get(raw, "lesson", bool, where=where, default=True),
        ))
    return Timetable(frozenset(DAYS.index(d.lower()[:3]) for d in days), tuple(periods))


def _location(doc: TomlDoc, data: dict) -> Location | None:
    table = doc.get(data, "location", dict, default=None)
    if table is None:
        return None
    unknown = [k for k in table if k not in ("latitude", "longitude", "radius_m")]
    if unknown:
        raise doc.error(unknown[0], f"'location.{unknown[0]}' is not a setting of [location]; it may have latitude, longitude, radius_m")
    latitude = doc.get(table, "latitude", float, where="location", required=True)
    longitude = doc.get(table, "longitude", float, where="location", required=True)
    radius = doc.get(table, "radius_m", float, where="location", default=300.0)
    if not -90 <= latitude <= 90:
        raise doc.error("latitude", f"location.latitude must be between -90 and 90 (degrees north), not {latitude}")
    if not -180 <= longitude <= 180:
        raise doc.error("longitude", f"location.longitude must be between -180 and 180 (degrees east), not {longitude}")
    if not 10 <= radius <= 5000:
        raise doc.error("radius_m", f"location.radius_m must be between 10 and 5000 metres, not {radius:g}")
    return Location(latitude, longitude, radius)


def _clock(doc: TomlDoc, raw: dict, key: str, where: str) -> time:
    value = doc.get(raw, key, str, where=where, required=True)
    match = _CLOCK.match(value.strip())
    if not match:
        raise doc.error("periods", f"{where}.{key} must be a time like \"09:05\", not {value!r}")
    return time(int(match.group(1)), int(match.group(2)))
