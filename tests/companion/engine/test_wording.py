"""The wording model: its features, training, model files and the `wording` matcher."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from companion.cli import main
from companion.engine.checker import Checker
from companion.engine.language import LanguageDetector
from companion.engine.request import parse_request
from companion.engine.rulebook import load_rulebook
from companion.engine.school import load_school
from companion.engine.text import fold
from companion.engine.wording import SchoolWords, feature_value, load_model, post_features, sentences, word_features
from companion.errors import ConfigError
from companion.wording_training import MODEL_FILE, Settings, TrainingError, roster_name_words, train, train_from_corpus
from conftest import REPO

SCHOOL = load_school(REPO / "school" / "crypt-school.toml")

GRUMBLES = [
    "the rota is a joke again", "another pointless meeting, what a joke", "the new policy is a joke",
    "honestly the planning system is pointless", "that briefing was pointless and a joke",
    "whoever wrote the rota is clueless", "clueless decisions all round this week", "the marking policy is clueless",
    "the timetable is a shambles", "what a shambles the parents evening was", "the rota is pointless",
]
CALM = [
    "the rota is on the board", "lovely meeting with the choir", "the new policy is on the website",
    "planning system training on Tuesday", "the briefing was short and useful", "whoever wrote the rota did well",
    "decisions about the trip are made", "the marking policy is sensible", "the timetable is out",
    "parents evening went well", "the garden looks lovely", "a joke book for my nephew's birthday",
]
EXAMPLES = [(t, frozenset({"criticism"})) for t in GRUMBLES] + [(t, frozenset()) for t in CALM]
SMALL = Settings(epochs=30, min_posts=1)


def test_features_are_words_pairs_and_pieces_of_words():
    features = word_features(["staff", "useless"])
    assert {"w:staff", "w:useless", "b:staff useless", "c:<use", "c:less", "c:ess>"} <= features
    assert "b:useless staff" not in features


def test_a_reading_sums_the_weights_of_the_same_features_training_learnt_from():
    model = train(EXAMPLES, ["criticism"], SMALL)
    weights = model.categories["criticism"]
    for text in GRUMBLES + CALM + ["Staff morale. Staff morale!\nuseless useless"]:
        folded = fold(text)
        features = post_features(folded)
        expected = weights.bias + weights.weigh(features) * feature_value(len(features))
        assert model.read(folded).log_odds["criticism"] == pytest.approx(expected, abs=1e-12), text


def test_sentences_are_cut_at_full_stops_and_line_breaks():
    text = "Lovely weather today! Management are useless.\nRoll on Friday"
    parts = sentences(fold(text))
    assert [text[s.start:s.end] for s in parts] == ["Lovely weather today", "Management are useless", "Roll on Friday"]
    assert "b:today management" not in frozenset().union(*(s.features for s in parts))
    assert sentences(fold("   ")) == ()


def test_training_learns_the_categories_wording_and_is_repeatable():
    model = train(EXAMPLES, ["criticism"], SMALL)
    again = train(EXAMPLES, ["criticism"], SMALL)
    assert model.as_json() == again.as_json()
    grumble = model.read(fold("Great day out. The cover rota is a shambles and a joke"))
    calm = model.read(fold("The cover rota is on the board"))
    assert grumble.probability("criticism") > 0.8 > 0.2 > calm.probability("criticism")
    assert model.weightiest_sentence("criticism", grumble) == (15, 54)  # not the whole post
    assert model.weightiest_sentence("criticism", model.read(fold(" 🙂 "))) is None


def test_training_needs_posts_on_both_sides_and_never_reads_a_held_out_file(tmp_path):
    with pytest.raises(TrainingError, match="criticism: the corpus needs posts that raise it"):
        train([(t, frozenset()) for t in CALM], ["criticism"])
    held_out = tmp_path / "heldout.jsonl"
    held_out.write_text('{"id": "h-1", "request": {"text": "x"}, "expect": []}\n', encoding="utf-8")
    with pytest.raises(TrainingError, match="held-out"):
        train_from_corpus(held_out)


def test_model_files_round_trip_and_broken_ones_name_the_file(tmp_path):
    model = train(EXAMPLES, ["criticism"], SMALL)
    path = tmp_path / "model.json"
    model.save(path)
    assert load_model(path).as_json() == model.as_json()
    assert not list(tmp_path.glob("*.tmp"))
    with pytest.raises(ConfigError, match="not found"):
        load_model(tmp_path / "missing.json")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"model\.json: not valid JSON"):
        load_model(path)
    path.write_text(json.dumps({"format": 2, "features": ["w:x"], "categories": {"criticism": {"bias": 0, "weights": ["lots"]}}}))
    with pytest.raises(ConfigError, match="not numbers"):
        load_model(path)
    path.write_text(json.dumps({"format": 2, "features": ["w:x", "w:y"], "categories": {"criticism": {"bias": 0, "weights": [1]}}}))
    with pytest.raises(ConfigError, match="1 weights for 2 features"):
        load_model(path)
    path.write_text(json.dumps({"format": 1, "categories": {}}))
    with pytest.raises(ConfigError, match="format 2"):
        load_model(path)


RULE = '''category = "criticism"
matcher = "wording"
model = "model.json"
threshold = {threshold}
min_words = {min_words}
severity = "medium"
message = "Reads like criticism."
clause = "c"
[unless]
categories = ["criticism"]
'''


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    shutil.copy(REPO / "rules" / "categories.toml", directory)
    train(EXAMPLES, ["criticism"], SMALL).save(directory / "model.json")
    return directory


def _findings(directory: Path, text: str) -> list[tuple[str, str]]:
    checker = Checker(load_rulebook(directory, SCHOOL), SCHOOL, LanguageDetector())
    return [(f["rule"], text[s["start"]:s["end"]]) for f in checker.check(parse_request({"text": text}))["findings"]
            for s in f["spans"]]


def test_a_wording_rule_marks_the_weightiest_sentence_above_its_threshold(rules_dir):
    (rules_dir / "a-wording.toml").write_text(RULE.format(threshold=0.8, min_words=1), encoding="utf-8")
    assert _findings(rules_dir, "Sunny out. Honestly the rota is a shambles") == [
        ("a-wording", "Honestly the rota is a shambles")]
    assert _findings(rules_dir, "The rota is on the board") == []
    (rules_dir / "a-wording.toml").write_text(RULE.format(threshold=0.9999, min_words=1), encoding="utf-8")
    assert _findings(rules_dir, "Sunny out. Honestly the rota is a shambles") == []


def test_a_wording_rule_leaves_posts_under_min_words_to_the_other_rules(rules_dir):
    (rules_dir / "a-wording.toml").write_text(RULE.format(threshold=0.8, min_words=8), encoding="utf-8")
    assert _findings(rules_dir, "Honestly the rota is a shambles") == []  # six words
    assert _findings(rules_dir, "Honestly, as ever, the rota is a total shambles") == [
        ("a-wording", "Honestly, as ever, the rota is a total shambles")]


def test_a_wording_rule_stays_quiet_when_its_category_has_warned(rules_dir):
    (rules_dir / "a-wording.toml").write_text(RULE.format(threshold=0.8, min_words=1), encoding="utf-8")
    (rules_dir / "z-words.toml").write_text(
        'category = "criticism"\nmatcher = "phrases"\nseverity = "high"\nmessage = "m"\nclause = "c"\nwords = ["shambles"]\n',
        encoding="utf-8")
    assert [r.id for r in load_rulebook(rules_dir, SCHOOL).rules] == ["z-words", "a-wording"]
    assert _findings(rules_dir, "Honestly the rota is a shambles") == [("z-words", "shambles")]


@pytest.mark.parametrize("setting, message", [
    ("threshold = 1.5", "between 0 and 1"),
    ('threshold = "high"', "must be a number"),
    ('model = "nothing.json"', "wording model not found"),
    ("min_words = 0", "1 or more"),
])
def test_wording_rules_with_bad_settings_are_refused(rules_dir, setting, message):
    key = setting.split(" ")[0]
    text = "\n".join(setting if line.startswith(key + " ") else line for line in RULE.format(threshold=0.8, min_words=1).splitlines())
    (rules_dir / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_rulebook(rules_dir, SCHOOL)


def test_a_wording_rule_for_a_category_the_model_does_not_know_is_refused(rules_dir):
    (rules_dir / "bad.toml").write_text(RULE.format(threshold=0.8, min_words=1).replace('"criticism"', '"solicitation"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="not trained for 'solicitation'"):
        load_rulebook(rules_dir, SCHOOL)


def test_the_shipped_model_is_the_one_training_on_the_tuning_set_gives(tmp_path, capsys):
    """Nobody edits the model by hand, and a changed tuning set needs `postguard rules train`."""
    shipped = json.loads((REPO / "rules" / MODEL_FILE).read_text(encoding="utf-8"))
    assert shipped["trained_on"]["file"] == "tuning.jsonl"
    out = tmp_path / "model.json"
    assert main(["rules", "train", "--corpus", str(REPO / "tests" / "corpus" / "tuning.jsonl"), "--out", str(out),
                 "--school", str(REPO / "school" / "crypt-school.toml")]) == 0
    assert "Wrote" in capsys.readouterr().out
    retrained = json.loads(out.read_text(encoding="utf-8"))
    assert retrained["trained_on"] == shipped["trained_on"], "tuning.jsonl changed: run `postguard rules train`"
    assert retrained == shipped


def test_training_leaves_out_hidden_words_and_every_roster_name(tmp_path):
    model = train(EXAMPLES + [("the rota by Oliver is a joke", frozenset({"criticism"}))] * 2, ["criticism"], SMALL,
                  hidden=frozenset({"oliver"}))
    features = set(model.categories["criticism"].weights)
    assert "w:rota" in features and not any("oliver" in f for f in features)
    assert not {"c:<oli", "c:oliv", "c:iver"} & features  # no pieces of the name either (no other word has them)
    shipped = json.loads((REPO / "rules" / MODEL_FILE).read_text(encoding="utf-8"))
    names = roster_name_words(REPO / "tests" / "corpus")
    assert {"oliver", "bennett", "harry", "patel", "grace"} <= names
    words = {w for f in shipped["features"] if f[:2] in ("w:", "b:") for w in f[2:].split(" ")}
    assert not words & names, sorted(words & names)[:5]


def _school(name, aliases=(), handles=(), hashtags=(), sites=()):
    from companion.engine.school import School
    return School(name, tuple(aliases), tuple(handles), tuple(hashtags), tuple(sites), tuple(sites))


def test_the_school_is_read_as_one_placeholder_however_it_is_written():
    words = SchoolWords(SCHOOL)
    for text in ["Proud of The Crypt School today", "Crypt Grammar School strikes again", "#CryptFamily forever",
                 "@cryptschool please reply", "email jo@cryptschool.example now", "#TheCryptSchool"]:
        features = post_features(fold(text), school=words)
        assert "w:<school>" in features and not any("crypt" in f for f in features), text
    assert "b:the <school>" in post_features(fold("Proud of The Crypt School"), school=words)
    # the crypt of a church is not the school, and a school that names only "High School" names none
    assert "w:crypt" in post_features(fold("Carols in the crypt at the cathedral"), school=words)
    assert not SchoolWords(_school("High School"))


def test_a_model_trained_at_one_school_reads_another_schools_name_the_same_way():
    crypt = SchoolWords(SCHOOL)
    other = SchoolWords(_school("The Hillbrook Academy", ["Hillbrook High School"], ["@HillbrookAcad"], ["#HillbrookFamily"],
                                ["hillbrook.sch.uk"]))
    grumbles = [(f"{g} at the Crypt School", frozenset({"criticism"})) for g in GRUMBLES]
    model = train(grumbles + [(t, frozenset()) for t in CALM], ["criticism"], SMALL, school=crypt)
    assert "w:<school>" in model.categories["criticism"].weights
    assert not any("crypt" in f for f in model.categories["criticism"].weights)
    pairs = [("The rota at the Crypt School is a joke", "The rota at the Hillbrook Academy is a joke"),
             ("#CryptFamily the rota is clueless", "#HillbrookFamily the rota is clueless"),
             ("@CryptSchool the timetable is a shambles", "@HillbrookAcad the timetable is a shambles")]
    for at_crypt, at_other in pairs:
        assert model.read(fold(at_crypt), school=crypt).log_odds == model.read(fold(at_other), school=other).log_odds
    # read without the school, the other school's name is just unknown words
    assert model.read(fold(pairs[0][1])).log_odds != model.read(fold(pairs[0][0]), school=crypt).log_odds


def test_the_words_of_names_are_left_out_of_a_reading_so_any_school_s_names_read_alike():
    from companion.engine.text import tokenize

    model = load_model(REPO / "rules" / MODEL_FILE)

    def read(name, hide=True):
        folded = fold(f"{name}'s coursework is literally a wikipedia page with the font changed")
        tokens = tokenize(folded)
        names = frozenset(t.start for t in tokens if t.end <= len(fold(name)) + 2) if hide else frozenset()
        reading = model.read(folded, tokens, names=names)
        return reading.log_odds, [s.features for s in reading.sentences]

    assert read("Oliver Bennett") == read("Fabienne Gilchrist") == read("Kai Anderson")
    assert read("Oliver Bennett", hide=False) != read("Fabienne Gilchrist", hide=False)  # the letters weigh otherwise
