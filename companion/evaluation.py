"""`postguard eval`: run a labelled corpus through the engine and measure it.

A corpus is a folder with `pupils.csv` and `staff.csv` (rosters as a school's MIS exports
them) and JSON-lines files of cases, one a line:

    {"id": "t-0001", "request": {…a /v1/check body…}, "expect": ["pupil_reference"], "why": "…"}

Each case is checked exactly as `postguard check` would check it, by a companion whose
data directory is a temporary folder (the rosters are imported there, secrets are kept in
a file there, and the folder is deleted afterwards); a case without `now` is checked at
DEFAULT_NOW, a Saturday morning, so that the clock never decides a result. Cases that
expect nothing are the clean posts; any finding on one is a false alarm.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from companion.engine.categories import CATEGORY_IDS
from companion.engine.request import parse_request
from companion.errors import RequestError

DEFAULT_NOW = "2026-11-21T11:00:00"  # a Saturday: outside any timetable
CORPUS_FILES = ("tuning.jsonl", "heldout.jsonl")
TARGET_RECALL = 0.95
TARGET_CLEAN_FALSE_ALARMS = 0.03


def default_corpus_dir() -> Path:
    """The repository's tests/corpus (the corpus is not shipped with the package)."""
    here = Path(__file__).resolve().parent.parent / "tests" / "corpus"
    return here if here.is_dir() else Path.cwd() / "tests" / "corpus"


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Case:
    id: str
    request: dict
    expect: frozenset[str]
    why: str = ""


@dataclass
class Outcome:
    case: Case
    raised: frozenset[str]
    error: str = ""

    @property
    def missed(self) -> frozenset[str]:
        return self.case.expect - self.raised

    @property
    def extra(self) -> frozenset[str]:
        return self.raised - self.case.expect


@dataclass
class CategoryScore:
    category: str
    expected: int = 0
    raised: int = 0
    hits: int = 0

    @property
    def recall(self) -> float | None:
        return self.hits / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.hits / self.raised if self.raised else None


@dataclass
class Report:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def scores(self) -> dict[str, CategoryScore]:
        scores = {c: CategoryScore(c) for c in CATEGORY_IDS}
        for outcome in self.outcomes:
            for category in outcome.case.expect:
                scores[category].expected += 1
            for category in outcome.raised:
                scores[category].raised += 1
            for category in outcome.case.expect & outcome.raised:
                scores[category].hits += 1
        return scores

    @property
    def held_out(self) -> bool:
        return Path(self.name).name.startswith("heldout")

    @property
    def clean(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.case.expect]

    @property
    def clean_false_alarms(self) -> list[Outcome]:
        return [o for o in self.clean if o.raised]

    @property
    def clean_false_alarm_rate(self) -> float:
        return len(self.clean_false_alarms) / len(self.clean) if self.clean else 0.0

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    def below_target(self, recall: float = TARGET_RECALL, false_alarms: float = TARGET_CLEAN_FALSE_ALARMS) -> list[str]:
        """What misses the targets, in words; empty when every target is met."""
        problems = [
            f"{s.category}: recall {s.recall:.3f} < {recall}"
            for s in self.scores.values() if s.recall is not None and s.recall < recall
        ]
        if self.clean_false_alarm_rate > false_alarms:
            problems.append(f"false alarms on clean posts {self.clean_false_alarm_rate:.3f} > {false_alarms}")
        problems += [f"{o.case.id}: {o.error}" for o in self.errors]
        return problems


def _attaches_an_image(request: dict) -> bool:
    """Whether a check would see an image among the request's attachments (read as a check reads
    them: an attachment without a type is an image)."""
    try:
        return any(a.type == "image" for a in parse_request(request).attachments)
    except RequestError:
        return True  # the check refuses the request: the case is reported as an error when it runs


def read_cases(path: Path) -> list[Case]:
    cases = []
    seen = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = Case(
                id=str(raw["id"]),
                request=dict(raw["request"]),
                expect=frozenset(raw.get("expect") or ()),
                why=str(raw.get("why", "")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}:{number}: not a case ({exc})") from None
        unknown = sorted(case.expect - set(CATEGORY_IDS))
        if unknown:
            raise CorpusError(f"{path}:{number}: {case.id} expects unknown category {unknown[0]!r}")
        if case.id in seen:
            raise CorpusError(f"{path}:{number}: case id {case.id} is used twice")
        if "pupil_image" in case.expect and not _attaches_an_image(case.request):
            raise CorpusError(f"{path}:{number}: {case.id} expects pupil_image but attaches no image")
        seen.add(case.id)
        cases.append(case)
    return cases


class Evaluator:
    """A companion in a temporary data directory with the corpus rosters imported."""

    def __init__(self, corpus: Path, school_file: Path | None = None, rules_dir: Path | None = None) -> None:
        from companion.roster.importer import import_roster
        from companion.secretstore import SecretStore
        from companion.service import Companion

        self.corpus = Path(corpus)
        self._tmp = tempfile.TemporaryDirectory(prefix="postguard-eval-")
        home = Path(self._tmp.name)
        secrets = SecretStore(home, backend="file")
        self.companion = Companion(home=home, school_file=school_file, rules_dir=rules_dir, secrets=secrets)
        key = secrets.roster_key()
        for kind in ("pupils", "staff"):
            roster = self.corpus / f"{kind}.csv"
            if roster.is_file():
                import_roster(self.companion.store, kind, roster, key)
        self.companion.refresh_rosters(force=True)

    def run_case(self, case: Case) -> Outcome:
        body = dict(case.request)
        body.setdefault("now", DEFAULT_NOW)
        try:
            response = self.companion.check(body)
        except RequestError as exc:
            return Outcome(case, frozenset(), f"request refused: {exc}")
        return Outcome(case, frozenset(f["category"] for f in response["findings"]))

    def run(self, name: str, cases: Iterable[Case]) -> Report:
        return Report(name, [self.run_case(case) for case in cases])

    def close(self) -> None:
        self.companion.close()
        self._tmp.cleanup()

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def evaluate(corpus: Path | None = None, files: Iterable[str] | None = None,
             school_file: Path | None = None, rules_dir: Path | None = None) -> list[Report]:
    corpus = Path(corpus) if corpus else default_corpus_dir()
    names = list(files) if files else [n for n in CORPUS_FILES if (corpus / n).is_file()]
    if not names:
        raise CorpusError(f"{corpus}: no corpus files (expected {' and '.join(CORPUS_FILES)})")
    loaded = []
    for name in names:
        path = corpus / name
        if not path.is_file():
            raise CorpusError(f"{path}: no such corpus file")
        loaded.append((name, read_cases(path)))
    with Evaluator(corpus, school_file, rules_dir) as evaluator:
        return [evaluator.run(name, cases) for name, cases in loaded]


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def format_report(report: Report) -> str:
    lines = [f"== {report.name}: {len(report.outcomes)} cases, {len(report.clean)} clean"]
    lines.append(f"  {'category':<26} {'expected':>8} {'raised':>7} {'recall':>7} {'precision':>9}")
    for score in report.scores.values():
        if not score.expected and not score.raised:
            continue
        flag = "  <- below target" if score.recall is not None and score.recall < TARGET_RECALL else ""
        lines.append(f"  {score.category:<26} {score.expected:>8} {score.raised:>7} {_pct(score.recall):>7} "
                     f"{_pct(score.precision):>9}{flag}")
    rate = report.clean_false_alarm_rate
    flag = "  <- above target" if rate > TARGET_CLEAN_FALSE_ALARMS else ""
    lines.append(f"  false alarms on clean posts: {len(report.clean_false_alarms)}/{len(report.clean)} = {rate * 100:.1f}%{flag}")
    misses = [o for o in report.outcomes if o.missed]
    extras = [o for o in report.outcomes if o.extra]
    # Held-out cases are listed by id alone, so that nobody tunes the rules on their wording.
    why = (lambda o: "") if report.held_out else (lambda o: f"  ({o.case.why})" if o.case.why else "")
    if misses:
        lines.append("  misses (expected but not raised):")
        lines += [f"    {o.case.id}: {', '.join(sorted(o.missed))}{why(o)}" for o in misses]
    if extras:
        lines.append("  false alarms (raised but not expected):")
        lines += [f"    {o.case.id}: {', '.join(sorted(o.extra))}{why(o)}" for o in extras]
    for outcome in report.errors:
        lines.append(f"  error {outcome.case.id}: {outcome.error}")
    return "\n".join(lines)
