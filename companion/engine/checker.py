"""The rule engine: a check request in, findings out. Pure Python, no web framework.

Work that depends only on the text (folding, words, language, HTML extraction) is
remembered for recently seen texts, because the as-you-type path sends nearly the
same post again and again; and a whole answer is remembered for a request seen moments
before (the submit that follows the last as-you-type check costs a lookup).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable, Iterable

from companion.engine.categories import CATEGORY_IDS
from companion.engine.html_text import post_text
from companion.engine.language import LanguageDetector
from companion.engine.matchers import Env
from companion.engine.post import Post, analyse_text
from companion.engine.request import CheckRequest, parse_request
from companion.engine.rulebook import Rule, Rulebook
from companion.engine.school import School

Span = tuple[int, int]


@dataclass
class Finding:
    category: str
    rule: str
    severity: str
    message: str
    clause: str
    spans: list[Span]
    suggestion: str

    def as_json(self) -> dict:
        return {
            "category": self.category,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "spans": [{"start": s, "end": e} for s, e in self.spans],
            "suggestion": self.suggestion,
        }


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def local_now() -> datetime:
    """The local time a request that gives no `now` is checked at (the tests fix it)."""
    return datetime.now()


@dataclass
class Checker:
    rulebook: Rulebook
    school: School
    language: LanguageDetector
    rosters: dict = field(default_factory=dict)  # "pupils"/"staff" -> RosterIndex
    enabled: Callable[[str], bool] = lambda category: True
    text_cache_size: int = 8  # the as-you-type path needs the last few; each long post holds ~1,000 words
    answer_cache_size: int = 64

    def __post_init__(self) -> None:
        self._texts: OrderedDict[str, tuple] = OrderedDict()
        self._answers: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._applicable: dict[tuple, tuple[Rule, ...]] = {}
        self._loaded = self._rosters_holding_names()

    def use_rosters(self, rosters: dict) -> None:
        """Swap in freshly loaded rosters; answers given with the old ones are forgotten."""
        with self._lock:
            self.rosters = rosters
            self._loaded = self._rosters_holding_names()
            self._answers.clear()

    def _rosters_holding_names(self) -> frozenset[str]:
        """The roster kinds with names in them (once per roster load, not per check)."""
        return frozenset(kind for kind, index in self.rosters.items() if index)

    def clear_caches(self) -> None:
        """Forget remembered answers and text analyses (the next check of any text starts afresh)."""
        with self._lock:
            self._answers.clear()
            self._texts.clear()
        self.language.clear_cache()

    def check_json(self, body) -> dict:
        """Validate a decoded JSON request and answer it as POST /v1/check does."""
        return self.check(parse_request(body))

    def check(self, request: CheckRequest) -> dict:
        if request.now is None:
            request = replace(request, now=local_now())  # one moment for the lesson and the answer's key
        if any(a.data or a.original for a in request.attachments):
            return self._check(request)  # image bytes are not kept in memory after their own check
        key = self._answer_key(request)
        with self._lock:
            cached = self._answers.get(key)
            if cached is not None:
                self._answers.move_to_end(key)
        if cached is None:
            cached = self._check(request)
            with self._lock:
                self._answers[key] = cached
                if len(self._answers) > self.answer_cache_size:
                    self._answers.popitem(last=False)
        return {**cached, "findings": list(cached["findings"])}

    def _answer_key(self, request: CheckRequest) -> tuple:
        """Everything an answer depends on: the request, the lesson (if any) at its time and the
        switched-on categories (a new roster clears the remembered answers)."""
        timetable = self.school.timetable
        moment = request.now
        period = timetable.period_at(moment) if timetable else None
        when = (period, moment.strftime("%H:%M")) if period and period.lesson else None
        return replace(request, now=None, trigger="submit"), when, self.switched_on()

    def _check(self, request: CheckRequest) -> dict:
        post = self.prepare(request)
        findings = self.findings(post)
        response = {"language": post.language, "findings": [f.as_json() for f in findings]}
        if request.text is None:
            response["text"] = post.text
        notes = post.images.response_notes()
        if notes:
            response["notes"] = notes  # images that could not be analysed, and why
        return response

    def prepare(self, request: CheckRequest) -> Post:
        text = post_text(request.text, request.html)
        folded, tokens, mentions, hashtags, urls, language = self._analyse(text)
        return Post(
            text=text, folded=folded, tokens=tokens, language=language,
            context=request.context, site=request.site, account_kind=request.account_kind,
            bio=request.bio, attachments=request.attachments, recipient_name=request.recipient_name,
            now=request.now, mentions=mentions, hashtags=hashtags, urls=urls,
        )

    def _analyse(self, text: str) -> tuple:
        with self._lock:
            cached = self._texts.get(text)
            if cached is not None:
                self._texts.move_to_end(text)
                return cached
        result = (*analyse_text(text), self.language.detect(text))
        with self._lock:
            self._texts[text] = result
            if len(self._texts) > self.text_cache_size:
                self._texts.popitem(last=False)
        return result

    def switched_on(self) -> frozenset[str]:
        """The categories whose warnings are on (the popup's toggles, IT's locks)."""
        return frozenset(c for c in CATEGORY_IDS if self.enabled(c))

    def applicable(self, post: Post) -> tuple[Rule, ...]:
        """The rules, in order, for the post's context and account with their categories switched on,
        less the fallbacks for rosters that have been imported."""
        switched_on = self.switched_on()
        rosters = self._loaded  # kinds holding names: their fallback rules are left out
        key = (post.context, post.account_kind, switched_on, rosters)
        rules = self._applicable.get(key)
        if rules is None:
            rules = self._applicable[key] = tuple(
                rule for rule in self.rulebook.rules
                if post.context in rule.contexts and post.account_kind in rule.accounts and rule.category in switched_on
                and not (rule.without_roster and rosters.issuperset(rule.without_roster))
            )
        return rules

    def findings(self, post: Post) -> list[Finding]:
        found: dict[str, list[Finding]] = {}
        env = Env(self.rosters, found)
        for rule in self.applicable(post):
            if rule.requires and not any(found.get(c) for c in rule.requires):
                continue
            if rule.matcher.whole_post and self._conditions(rule, post, found, [], before_match=True) is None:
                continue  # cheap context first: no face detection or model scoring for a post without the context
            match = rule.matcher.find(post, env)
            if match is None:
                continue
            spans = self._conditions(rule, post, found, match.spans, after_match=rule.matcher.whole_post)
            if spans is None:
                continue
            if spans and self._already_found(found.get(rule.category, ()), spans):
                continue  # another rule of the category already warns about these words
            found.setdefault(rule.category, []).append(self._finding(rule, match.detail, spans))
        return [f for group in found.values() for f in group]

    @staticmethod
    def _already_found(findings, spans: list[Span]) -> bool:
        covered = [s for f in findings for s in f.spans]
        return bool(covered) and all(any(a <= s and e <= b for a, b in covered) for s, e in spans)

    @staticmethod
    def _conditions(rule: Rule, post: Post, found: dict, spans: list[Span],
                    before_match: bool = False, after_match: bool = False) -> list[Span] | None:
        """The spans that pass the rule's [near] and [unless] (None: the rule does not fire).
        With no spans, the words or categories are looked for anywhere in the post.
        A whole-post matcher (the wording model, images) is checked in two steps: its context
        anywhere before it runs (`before_match`), then an [unless] with `within`, which needs
        to know where the match is, around what it marked (`after_match`)."""
        for condition, wanted in ((rule.near, True), *((unless, False) for unless in rule.unless)):
            if condition is None:
                continue
            near_the_match = not wanted and condition.within > 0
            if (before_match and near_the_match) or (after_match and not near_the_match):
                continue
            present = condition.applies(post, found, spans)
            if not spans:
                if present != wanted:
                    return None
            else:
                spans = [s for s, p in zip(spans, present) if p == wanted]
                if not spans:
                    return None
        return spans

    @staticmethod
    def _finding(rule: Rule, detail: dict, spans: list[Span]) -> Finding:
        return Finding(
            category=rule.category,
            rule=rule.id,
            severity=rule.severity,
            message=rule.message.format_map(_Blank(detail)),
            clause=rule.clause,
            spans=_merge(spans),
            suggestion=rule.suggestion,
        )
