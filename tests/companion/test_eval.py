"""The labelled corpus against the targets (recall >= 0.95 in every category, at most 3%
false alarms on clean posts). The tuning set meets them all. The held-out set, written blind
by people who never saw the rules and never tuned on, does not yet: it is held to the figures
last measured on it (HELD_OUT_FLOOR), so that a change that loses ground on unseen posts
fails, and `postguard eval` prints how far each category is from the target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.evaluation import (
    CORPUS_FILES, DEFAULT_NOW, TARGET_CLEAN_FALSE_ALARMS, TARGET_RECALL, CorpusError, evaluate, format_report,
    read_cases,
)
from conftest import DATA, REPO

CORPUS = REPO / "tests" / "corpus"

@pytest.fixture(scope="module")
def reports():
    names = [n for n in CORPUS_FILES if (CORPUS / n).is_file()]
    return {r.name: r for r in evaluate(CORPUS, names)}


def test_tuning_set_meets_the_targets(reports):
    report = reports["tuning.jsonl"]
    problems = report.below_target(TARGET_RECALL, TARGET_CLEAN_FALSE_ALARMS)
    assert not problems, "\n" + format_report(report) + "\n" + "\n".join(problems)


# Measured on the 960-case blind held-out set (tests/corpus/README.md, written 2026-11-24 by
# eight people who never saw the rules; the 500-case set before it had had fifteen looks and was
# retired into tuning): recall per category and the clean false-alarm rate. Raise a figure when
# the rules improve; never lower one for a rule change. Its judgement categories have 43 to 57
# posts each, so one post is 1.8 to 2.3 points. Its first look (rules as of ef99a3f, model
# trained on the 11,862 tuning posts) set the floors: criticism 50 of 57, colleagues 70 of 76,
# pupil images 49 of 52 and 13 false alarms in 393 clean posts missed the targets. The second
# (rules tuned on the retired set and on blind sets bg-bk, model retrained on all 12,462) caught
# one more colleague and one more pupil image; the retrain added one clean false alarm (14 of
# 393; the rules alone still raise 12), which the clean floor records, as a retrain may move a
# post either way. A model with five times the L2 shrink (chosen by cross-validation on tuning,
# thresholds matched to its clean false-positive rate) lost an offensive post and added another
# false alarm there, and was not kept. The fourth look (rules tuned on blind sets da-dh and
# ea-eg, written the way this set was; model retrained on all 13,902) caught two more criticism
# posts (52 of 57) and one more pupil image (51 of 52), and raised two false alarms fewer (12
# of 393, all from rules); the retrain lost one offensive post the rules alone never caught (48
# of 50, still above the target), which the offensive floor records. The fifth look (rules tuned
# on blind sets fa-fh and ga-gh, model retrained on all 15,182) caught one more post each in
# criticism (53 of 57), offensive language (49 of 50), speaking for the school (42 of 43) and
# pupil references (107 of 110); colleagues (71 of 76) and clean false alarms (12) did not move.
# The sixth (the criticism model rule reading one parent as the school's context, as it read
# "parents") caught one more criticism post: 54 of 57, one short of the target. The seventh and
# eighth (a title before any surname a colleague only until the staff roster is imported) moved
# nothing. The ninth ("comment below and I'll message you" alone no longer selling; model
# retrained on all 16,182 after blind sets ia-ih) raised one clean false alarm fewer: 11 of 393.
# The tenth (rules tuned on blind sets ia-ih to la-lh, model retrained on all 18,102) caught one
# more pupil reference (108 of 110) and the last pupil image (52 of 52); criticism (54 of 57),
# colleagues (71 of 76) and clean false alarms (11) did not move.
# The eleventh (model retrained on all 18,742 after blind sets ma-mh) caught the last offensive
# post (50 of 50).
# The twelfth (rules tuned on blind sets na-nh, model retrained on all 19,382) moved nothing. The
# thirteenth (rules tuned on oa-oh, model retrained on all 20,022) lost a criticism post (53 of 57)
# and raised one more clean false alarm (12 of 393, 3.05%): both come from the retrain, as the new
# rules with the model before it give 54 of 57 and 11 exactly as before; the floors record them.
# The fourteenth (rules tuned on pa-ph, model retrained on all 20,662) and fifteenth (the school's
# name read as one placeholder by the model) moved nothing. The sixteenth (colleague-wording, the
# model learning colleagues) caught one more colleague post: 72 of 76. The seventeenth (rules tuned
# on qa-qh, model retrained on all 21,302) and eighteenth (the wording rules quiet for outside
# bodies and other schools in the news) moved nothing. The nineteenth (model retrained on all
# 21,942 after blind sets ra-rh) caught one more criticism post (54 of 57) and raised one more
# clean false alarm (13); the twentieth (rules tuned on ra-rh) took that false alarm away again
# (12 of 393), keeping 54 of 57. The twenty-first (model retrained on all 22,582 after blind sets
# sa-sh, rules tuned on them) raised one clean false alarm fewer: 11 of 393 (2.8%). The
# twenty-second (roster full names left out of the model's reading) and twenty-third (model
# retrained on all 23,222 after blind sets ta-th, rules tuned on them) moved nothing, nor did the
# twenty-fourth (model retrained on all 23,862 after blind sets ua-uh).
HELD_OUT_FLOOR = {
    "recall": {
        "pupil_reference": 0.981, "colleague_reference": 0.947, "school_reference": 1.0, "missing_disclaimer": 1.0,
        "pupil_image": 1.0, "criticism": 0.947, "offensive_language": 1.0, "personal_data": 1.0, "confidential": 0.978,
        "reference_recommendation": 0.98, "teaching_use": 0.955, "solicitation": 1.0, "speaking_for_school": 0.976,
        "lesson_time": 1.0, "work_email": 1.0, "pupil_contact": 1.0, "profile_mentions_school": 1.0,
    },
    "clean_false_alarms": 0.028,
}

def test_held_out_set_does_not_fall_below_its_last_measured_figures(reports):
    """The held-out set is never tuned on; below the targets in several categories (see the
    corpus README), it must at least not lose ground."""
    report = reports["heldout.jsonl"]
    assert not report.errors, [o.error for o in report.errors]
    scores = report.scores
    assert set(scores) == set(HELD_OUT_FLOOR["recall"])
    fallen = {c: round(s.recall, 3) for c, s in scores.items() if s.recall < HELD_OUT_FLOOR["recall"][c] - 0.0005}
    assert not fallen, "\n" + format_report(report)
    assert report.clean_false_alarm_rate <= HELD_OUT_FLOOR["clean_false_alarms"] + 0.0005, format_report(report)


def _write_corpus(folder: Path, cases: list[dict]) -> Path:
    folder.mkdir()
    (folder / "pupils.csv").write_bytes((DATA / "pupils.csv").read_bytes())
    (folder / "staff.csv").write_bytes((DATA / "staff.csv").read_bytes())
    (folder / "tuning.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    return folder


def test_eval_counts_recall_precision_and_clean_false_alarms(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus", [
        {"id": "a", "request": {"text": "Well done Oliver Bennett"}, "expect": ["pupil_reference"]},
        {"id": "b", "request": {"text": "Lovely walk with the dog"}, "expect": []},
        {"id": "c", "request": {"text": "Mrs Holloway's cake"}, "expect": []},  # a false alarm
        {"id": "d", "request": {"text": "Nothing to see"}, "expect": ["confidential"]},  # a miss
        {"id": "e", "request": {"text": "Kettle on"}, "expect": []},  # no `now`: a Saturday, no lesson
    ])
    report, = evaluate(corpus, ["tuning.jsonl"])
    scores = report.scores
    assert (scores["pupil_reference"].recall, scores["pupil_reference"].precision) == (1.0, 1.0)
    assert scores["confidential"].recall == 0.0
    assert scores["colleague_reference"].precision == 0.0
    assert report.clean_false_alarm_rate == pytest.approx(1 / 3)
    assert [o.case.id for o in report.clean_false_alarms] == ["c"]
    text = format_report(report)
    assert "d: confidential" in text and "c: colleague_reference" in text
    assert "Holloway" not in text and "Bennett" not in text  # case ids, never post text
    assert DEFAULT_NOW.startswith("2026-11-21")


def test_eval_command_prints_both_measures_and_exits_by_strictness(tmp_path, capsys):
    from companion.cli import main

    corpus = _write_corpus(tmp_path / "corpus", [
        {"id": "a", "request": {"text": "Nothing to see"}, "expect": ["confidential"]},
    ])
    assert main(["eval", "--corpus", str(corpus), "--file", "tuning.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "confidential" in out and "recall" in out and "false alarms on clean posts" in out and "Below target" in out
    assert main(["eval", "--corpus", str(corpus), "--file", "tuning.jsonl", "--strict"]) == 1


def test_bad_corpus_lines_are_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "request": {"text": "a"}, "expect": ["no_such_category"]}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.jsonl:1"):
        read_cases(path)


def test_a_pupil_image_case_without_an_image_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "request": {"text": "Year 8 shields"}, "expect": ["pupil_image", "pupil_reference"]}\n',
                    encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.jsonl:1: x expects pupil_image but attaches no image"):
        read_cases(path)
