"""The rule engine: a check request in, findings out. Pure Python, no web framework.

Work that depends only on the text (folding, words, language, HTML extraction) is
remembered for recently seen texts, because the as-you-type path sends nearly the
same post again and again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from companion.engine.html_text import html_to_text
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


@dataclass
class Checker:
    rulebook: Rulebook
    school: School
    language: LanguageDetector
    rosters: dict = field(default_factory=dict)  # "pupils"/"staff" -> RosterIndex
    enabled: Callable[[str], bool] = lambda category: True
    text_cache_size: int = 256

    def __post_init__(self) -> None:
        self._texts: OrderedDict[str, tuple] = OrderedDict()

    def check_json(self, body) -> dict:
        """Validate a decoded JSON request and answer it as POST /v1/check does."""
        return self.check(parse_request(body))

    def check(self, request: CheckRequest) -> dict:
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
        text = request.text if request.text is not None else html_to_text(request.html or "")
        folded, tokens, mentions, hashtags, urls, language = self._analyse(text)
        return Post(
            text=text, folded=folded, tokens=tokens, language=language,
            context=request.context, site=request.site, account_kind=request.account_kind,
            bio=request.bio, attachments=request.attachments, recipient_name=request.recipient_name,
            now=request.now, mentions=mentions, hashtags=hashtags, urls=urls,
        )

    def _analyse(self, text: str) -> tuple:
        cached = self._texts.get(text)
        if cached is not None:
            self._texts.move_to_end(text)
            return cached
        result = (*analyse_text(text), self.language.detect(text))
        self._texts[text] = result
        if len(self._texts) > self.text_cache_size:
            self._texts.popitem(last=False)
        return result

    def applies(self, rule: Rule, post: Post) -> bool:
        return (
            post.context in rule.contexts
            and post.account_kind in rule.accounts
            and self.enabled(rule.category)
        )

    def findings(self, post: Post) -> list[Finding]:
        found: dict[str, list[Finding]] = {}
        env = Env(self.rosters, found)
        for rule in self.rulebook.rules:
            if not self.applies(rule, post):
                continue
            if rule.requires and not any(found.get(c) for c in rule.requires):
                continue
            match = rule.matcher.find(post, env)
            if match is None:
                continue
            spans = match.spans
            for condition, wanted in ((rule.near, True), (rule.unless, False)):
                if condition is None:
                    continue
                present = condition.applies(post, found, spans)
                if not spans:
                    if present != wanted:
                        break
                else:
                    spans = [s for s, p in zip(spans, present) if p == wanted]
                    if not spans:
                        break
            else:
                if spans and self._already_found(found.get(rule.category, ()), spans):
                    continue  # another rule of the category already warns about these words
                found.setdefault(rule.category, []).append(self._finding(rule, match.detail, spans))
        return [f for group in found.values() for f in group]

    @staticmethod
    def _already_found(findings, spans: list[Span]) -> bool:
        covered = [s for f in findings for s in f.spans]
        return bool(covered) and all(any(a <= s and e <= b for a, b in covered) for s, e in spans)

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
