"""`matcher = "timetable"`: the post is made during a timetabled lesson or tutor period,
from the school file's timetable and the request's `now` (the checker's clock if absent)."""

from __future__ import annotations

from companion.engine.matchers.base import Match, Matcher


class TimetableMatcher(Matcher):
    kind = "timetable"
    whole_post = True  # fires on the request (time, attachments), not on words

    def find(self, post, env) -> Match | None:
        timetable = self.build.school.timetable
        if timetable is None:
            return None
        moment = post.now  # the checker gives every request a time (its own clock when none is sent)
        period = timetable.period_at(moment)
        if period is None or not period.lesson:
            return None
        return Match([], {"period": period.name, "time": moment.strftime("%H:%M")})
