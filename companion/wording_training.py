"""`postguard rules train`: fit the wording model (companion/engine/wording.py) to a labelled corpus.

One logistic regression per category, fitted by stochastic gradient descent with per-feature
step sizes (AdaGrad) and a little L2 shrinkage, in plain Python: about 36 seconds for ten
thousand posts on a 2-core machine, with no numerical library to install. Posts that raise a category are rarer
than posts that do not, so they weigh more (the square root of the ratio). Features seen in
fewer than `min_posts` posts are left out: they would only remember single posts (and, on a
school's own corpus, the names in them). Every word of every name on the rosters beside the
corpus (pupils.csv, staff.csv, as `postguard eval` reads them) is left out as well, so the model,
which is synced to every machine, never holds a pupil's name. The school's own name is read as
one placeholder word (wording.SchoolWords, from the school file), so the model carries over to
another school. The order of posts is shuffled with a fixed seed, so the same corpus always
gives the same model.

Held-out files are refused: a model must never learn the posts it is measured on.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from companion.engine.html_text import post_text
from companion.engine.text import fold
from companion.engine.wording import NO_SCHOOL, CategoryWeights, SchoolWords, WordingModel, feature_value, post_features, probability

MODEL_FILE = "wording-model.json"

# The categories whose wording varies most; the others have structure rules catch whole
# (names, addresses, e-mail domains, the clock). Colleagues are named by the rosters, but
# talked about without names in more ways than any list holds ("whoever built this year's
# timetable", "sent the office sixty sheets to copy").
CATEGORIES = (
    "criticism", "offensive_language", "reference_recommendation", "teaching_use",
    "solicitation", "speaking_for_school", "confidential", "colleague_reference",
)


@dataclass(frozen=True)
class Settings:
    epochs: int = 10
    rate: float = 0.2
    shrink: float = 1e-3  # L2
    min_posts: int = 2
    seed: int = 1
    keep: float = 0.005  # weights smaller than this are not saved

    def as_json(self) -> dict:
        return dict(self.__dict__)


class TrainingError(ValueError):
    """A corpus that cannot train a model; the message says why."""


def roster_name_words(folder: Path) -> frozenset[str]:
    """Every word (as the model folds it) of every name on the rosters in `folder`."""
    from companion.roster.mis_csv import RosterFormatError, parse_roster_csv
    from companion.roster.names import FIRST, SURNAME, PersonName, name_forms

    words: set[str] = set()
    for kind in ("pupils", "staff"):
        path = Path(folder) / f"{kind}.csv"
        if not path.is_file():
            continue
        try:
            parsed = parse_roster_csv(path.read_bytes())
        except RosterFormatError as exc:
            raise TrainingError(f"{path}: {exc}") from None
        for person in parsed.people:
            forms = name_forms(PersonName(person.forename, person.surname, person.preferred, person.middle))
            for form in forms[FIRST] | forms[SURNAME]:
                words.update(form.split())
    return frozenset(words)


def train(examples: list[tuple[str, frozenset[str]]], categories: Iterable[str] = CATEGORIES,
          settings: Settings = Settings(), trained_on: dict | None = None,
          progress: Callable[[str], None] | None = None, hidden: frozenset[str] = frozenset(),
          school: SchoolWords = NO_SCHOOL) -> WordingModel:
    """examples: (post text, the categories it raises); `hidden`: words never to learn; `school`:
    the school's name, learnt as `<school>`. Returns the fitted model."""
    categories = list(categories)
    if not examples:
        raise TrainingError("no posts to train on")
    feature_sets = [post_features(fold(text), hidden, school) for text, _ in examples]
    counts: dict[str, int] = {}
    for features in feature_sets:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= settings.min_posts)
    index = {f: i for i, f in enumerate(names)}
    rows = [sorted(index[f] for f in features if f in index) for features in feature_sets]
    scales = [feature_value(len(features)) for features in feature_sets]
    fitted = {}
    for number, category in enumerate(categories, 1):
        labels = [1.0 if category in raised else 0.0 for _, raised in examples]
        positives = int(sum(labels))
        if positives == 0 or positives == len(labels):
            raise TrainingError(f"{category}: the corpus needs posts that raise it and posts that do not "
                                f"({positives} of {len(labels)} raise it)")
        if progress:
            progress(f"[{number}/{len(categories)}] {category}: {positives} of {len(labels)} posts raise it")
        fitted[category] = _fit(rows, scales, labels, len(names), settings)
    model_categories = {
        c: CategoryWeights(round(bias, 4), {names[i]: round(w, 4) for i, w in enumerate(weights) if abs(w) >= settings.keep})
        for c, (bias, weights) in fitted.items()
    }
    return WordingModel(model_categories, trained_on or {}, settings.as_json())


def _fit(rows: list[list[int]], scales: list[float], labels: list[float], width: int, s: Settings) -> tuple[float, list[float]]:
    weights = [0.0] * width
    squares = [1e-8] * width
    bias, bias_square = 0.0, 1e-8
    positives = sum(labels)
    boost = math.sqrt((len(labels) - positives) / positives)
    order = list(range(len(rows)))
    shuffle = random.Random(s.seed).shuffle
    for _ in range(s.epochs):
        shuffle(order)
        for i in order:
            row, x = rows[i], scales[i]
            error = probability(bias + x * sum(weights[j] for j in row)) - labels[i]
            if labels[i]:
                error *= boost
            bias_square += error * error
            bias -= s.rate * error / math.sqrt(bias_square)
            for j in row:
                gradient = error * x + s.shrink * weights[j]
                squares[j] += gradient * gradient
                weights[j] -= s.rate * gradient / math.sqrt(squares[j])
    return bias, weights


def train_from_corpus(path: Path, settings: Settings = Settings(),
                      progress: Callable[[str], None] | None = None, school_file: Path | None = None) -> WordingModel:
    """Train on one corpus file (JSON lines of labelled cases); never on a held-out file.
    `school_file`: the school the corpus was written at (default: the one the companion uses)."""
    from companion.engine.school import load_school
    from companion.evaluation import read_cases
    from companion.paths import default_school_file

    path = Path(path)
    if path.name.startswith("heldout"):
        raise TrainingError(f"{path.name} is a held-out file: a model must never learn the posts it is measured on")
    cases = read_cases(path)
    examples = [(post_text(c.request.get("text"), c.request.get("html")), c.expect) for c in cases]
    hidden = roster_name_words(path.parent)
    school = load_school(school_file or default_school_file())
    trained_on = {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "cases": len(cases),
        "names_left_out": len(hidden),
        "school": school.name,
    }
    if progress:
        progress(f"{len(hidden)} words of roster names beside the corpus are left out of the model")
    return train(examples, CATEGORIES, settings, trained_on, progress, hidden, SchoolWords(school))
