"""The rules and the wording model carry over to another school: every tuning case that names
the school or someone on the rosters, moved to a made-up school with made-up rosters
(tests/companion/another_school.py), is judged as it was at The Crypt School."""

from __future__ import annotations

import json

import pytest

from another_school import CORPUS, Move, write
from companion.evaluation import Evaluator, read_cases


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    move = Move(CORPUS / "tuning.jsonl")
    moved = lambda case: move.request(case["request"]) != case["request"]  # noqa: E731
    out = tmp_path_factory.mktemp("hillbrook")
    count = write(out, "tuning.jsonl", moved, move)
    ids = {json.loads(line)["id"] for line in (out / "tuning.jsonl").read_text(encoding="utf-8").splitlines()}
    with Evaluator(CORPUS) as here:
        before = here.run("crypt", [c for c in read_cases(CORPUS / "tuning.jsonl") if c.id in ids])
    with Evaluator(out, school_file=out / "school.toml") as there:
        after = there.run("hillbrook", read_cases(out / "tuning.jsonl"))
    return move, count, before, after


def test_the_move_rewrites_names_and_school_but_not_the_labels(reports):
    move, count, before, after = reports
    assert count > 3000
    assert [o.case.expect for o in before.outcomes] == [o.case.expect for o in after.outcomes]
    assert move.text("#OliverBennett and Mr Kershaw's form, mr_kershaw, OConnor at The Crypt School #CryptFamily") == (
        f"#{move.words['oliver'].title()}{move.words['bennett']} and Mr {move.words['kershaw']}'s form, "
        f"mr_{move.words['kershaw'].lower()}, O{move.words['connor']} at The Hillbrook Academy #HillbrookFamily")
    assert move.text("Will and Grace in the crypt at the cathedral") == "Will and Grace in the crypt at the cathedral"


def test_every_category_is_caught_as_often_at_the_other_school(reports):
    _, _, before, after = reports
    for category, score in before.scores.items():
        if score.expected >= 20:
            moved = after.scores[category]
            assert moved.hits >= score.hits - max(2, score.expected // 200), (category, score.hits, moved.hits)
            assert moved.raised - moved.hits <= score.raised - score.hits + 2, (category, "wrong findings")
    assert len(after.clean_false_alarms) <= len(before.clean_false_alarms) + 2
