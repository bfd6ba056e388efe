"""`matcher = "image_location"`: an attached photo carries a GPS position (EXIF, or what the
extension read from the original file), anywhere or within the school's grounds.

    where = "school"      # "school": within radius_m of the school file's [location]; "anywhere"
    radius_m = 250        # optional: overrides the school file's radius for this rule

Details for the message: {during} (" during Period 2 (Tue 24 Nov, 10:15)" when the photo
was taken in a timetabled lesson, else empty), {taken}, {camera}, {distance_m}, {count}.
"""

from __future__ import annotations

from datetime import datetime

from companion.engine.matchers.base import Build, Match, Matcher
from companion.images.geo import distance_m

WHERE = ("school", "anywhere")


def taken_detail(school, taken: datetime | None) -> dict:
    """{taken} and {during} for a capture time, from the school's timetable."""
    if taken is None:
        return {"taken": "", "during": ""}
    when = f"{taken:%a} {taken.day} {taken:%b}, {taken:%H:%M}"
    period = school.timetable.period_at(taken) if school.timetable is not None else None
    during = f" during {period.name} ({when})" if period is not None and period.lesson else ""
    return {"taken": when, "during": during}


class ImageLocationMatcher(Matcher):
    kind = "image_location"
    whole_post = True  # fires on the request (time, attachments), not on words
    params = ("where", "radius_m")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        self.where = doc.get(table, "where", str, default="school")
        if self.where not in WHERE:
            raise doc.error("where", f"where must be \"school\" or \"anywhere\", not {self.where!r}")
        radius = doc.get(table, "radius_m", float, default=None)
        if radius is not None and not 10 <= radius <= 5000:
            raise doc.error("radius_m", f"radius_m must be between 10 and 5000 metres, not {radius:g}")
        self.radius = radius

    def find(self, post, env) -> Match | None:
        school = self.build.school
        location = school.location
        if self.where == "school" and location is None:
            return None  # no [location] in the school file: nothing to compare with
        radius = self.radius or (location.radius_m if location is not None else 0)
        hits = []
        for info in post.images.items:
            meta = info.meta
            if not meta.has_gps:
                continue
            away = distance_m(meta.latitude, meta.longitude, location.latitude, location.longitude) if location else None
            if self.where == "school" and away > radius:
                continue
            hits.append((info, away))
        if not hits:
            return None
        first, away = hits[0]
        in_lesson = next((i for i, _ in hits if taken_detail(school, i.meta.taken)["during"]), first)
        detail = {"count": len(hits), "camera": first.meta.camera,
                  "distance_m": "" if away is None else round(away),
                  **taken_detail(school, in_lesson.meta.taken)}
        return Match([], detail)
