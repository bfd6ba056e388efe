"""School and rule files: validated on load, errors name the file, the line and the fault."""

import shutil
from pathlib import Path

import pytest

from companion.engine.rulebook import load_rulebook
from companion.engine.school import load_school
from companion.errors import ConfigError
from companion.service import Companion

from conftest import REPO

SCHOOL = REPO / "school" / "crypt-school.toml"
RULES = REPO / "rules"


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def test_shipped_school_file_loads():
    school = load_school(SCHOOL)
    assert school.name == "The Crypt School"
    assert "cryptschool.example" in school.email_domains
    assert "@CryptSchool" in school.handles
    assert school.timetable is not None and school.timetable.periods


def test_school_file_errors_name_the_line(tmp_path):
    path = tmp_path / "school.toml"
    path.write_text('[school]\nname = "X"\nemail_domains = ["not a domain"]\n')
    with pytest.raises(ConfigError) as caught:
        load_school(path)
    assert caught.value.line == 3 and "not a domain" in str(caught.value) and str(path) in str(caught.value)


def test_school_file_syntax_errors_name_the_line(tmp_path):
    path = tmp_path / "school.toml"
    path.write_text('[school]\nname = "X"\naliases = ["a",\n[policy]\n')
    with pytest.raises(ConfigError) as caught:
        load_school(path)
    assert caught.value.line is not None and "not valid TOML" in str(caught.value)


def test_unknown_locked_category_is_refused(tmp_path):
    path = tmp_path / "school.toml"
    path.write_text('[school]\nname = "X"\n\n[policy]\nlocked = ["pupils"]\n')
    with pytest.raises(ConfigError, match="unknown category 'pupils'") as caught:
        load_school(path)
    assert caught.value.line == 5


def test_timetable_periods_are_checked(tmp_path):
    path = tmp_path / "school.toml"
    path.write_text('[school]\nname = "X"\n[timetable]\ndays = ["mon"]\nperiods = [{ start = "10:00", end = "09:00" }]\n')
    with pytest.raises(ConfigError, match="ends before it starts"):
        load_school(path)


@pytest.mark.parametrize("content, fault", [
    ('category = "pupil_reference"\nmatcher = "rosterr"\nseverity = "high"\nmessage = "m"\nclause = "c"\n', "unknown matcher 'rosterr'"),
    ('category = "pupils"\nmatcher = "roster"\nseverity = "high"\nmessage = "m"\nclause = "c"\n', "unknown category 'pupils'"),
    ('category = "pupil_reference"\nmatcher = "phrases"\nseverity = "urgent"\nmessage = "m"\nclause = "c"\nwords = ["x"]\n', "severity must be"),
    ('category = "pupil_reference"\nmatcher = "phrases"\nseverity = "high"\nmessage = "m"\nclause = "c"\nwords = ["x"]\nwrods = ["y"]\n', "'wrods' is not a setting"),
    ('category = "pupil_reference"\nmatcher = "phrases"\nseverity = "high"\nmessage = "m"\nclause = "c"\npatterns = ["(unclosed"]\n', "not a valid regular expression"),
    ('category = "pupil_reference"\nmatcher = "phrases"\nseverity = "high"\nmessage = "m"\nclause = "c"\nwords = "x"\n', "must be a list"),
    ('category = "pupil_reference"\nmatcher = "phrases"\nseverity = "high"\nclause = "c"\nwords = ["x"]\n', "'message' is missing"),
])
def test_broken_rule_files_are_refused_with_file_and_reason(rules_copy, content, fault):
    broken = rules_copy / "broken-rule.toml"
    broken.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_rulebook(rules_copy, load_school(SCHOOL))
    assert caught.value.path == broken
    assert fault in str(caught.value)


def test_rule_error_points_at_the_offending_line(rules_copy):
    (rules_copy / "broken-rule.toml").write_text(
        '# comment\ncategory = "pupil_reference"\nmatcher = "phrases"\nseverity = "high"\n'
        'message = "m"\nclause = "c"\nwords = ["x"]\nsuggestion = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_rulebook(rules_copy, load_school(SCHOOL))
    assert caught.value.line == 8


def test_the_service_refuses_to_start_with_a_broken_rule(rules_copy, home):
    (rules_copy / "school-name.toml").write_text("category = \n")
    with pytest.raises(ConfigError):
        Companion(home=home, rules_dir=rules_copy)


def test_a_missing_category_in_categories_toml_is_refused(rules_copy):
    text = (rules_copy / "categories.toml").read_text()
    (rules_copy / "categories.toml").write_text(text.replace("[lesson_time]", "[lesson_timing]"))
    with pytest.raises(ConfigError, match="lesson_time"):
        load_rulebook(rules_copy, load_school(SCHOOL))


def test_a_disabled_rule_is_skipped(rules_copy, home):
    path = rules_copy / "school-name.toml"
    path.write_text(path.read_text() + "\nenabled = false\n")
    book = load_rulebook(rules_copy, load_school(SCHOOL))
    assert "school-name" not in {r.id for r in book.rules}


def test_a_new_word_list_rule_needs_no_code(rules_copy, home):
    (rules_copy / "house-words.toml").write_text(
        'category = "confidential"\nmatcher = "phrases"\nseverity = "medium"\n'
        'message = "Mentions an internal project."\nclause = "breach any obligations they may have relating to confidentiality"\n'
        'words = ["project bluebird"]\n')
    service = Companion(home=home, rules_dir=rules_copy)
    findings = service.check({"text": "Big news about Project  Bluebird today"})["findings"]
    assert [(f["category"], f["rule"], f["spans"]) for f in findings] == [
        ("confidential", "house-words", [{"start": 15, "end": 32}])]
    service.close()


HOUSE_RULE = ('category = "confidential"\nmatcher = "phrases"\nseverity = "medium"\n'
              'message = "Mentions an internal project."\nclause = "breach any obligations they may have relating to confidentiality"\n')


def test_a_shared_list_is_added_to_the_words_of_every_rule_that_names_it(rules_copy, home):
    lists = rules_copy / "lists.toml"
    lists.write_text(lists.read_text() + '\n[projects]\nwords.en = ["project bluebird"]\npatterns = [\'(?<!\\w)bid\\s+\\d{3}(?!\\w)\']\n'
                                        '[called-off]\nwords = ["called off"]\n')
    (rules_copy / "house-words.toml").write_text(
        HOUSE_RULE + 'lists = ["projects"]\nwords = ["project kestrel"]\n[unless]\nlists = ["called-off"]\nwords = ["cancelled"]\nwithin = 0\n')
    service = Companion(home=home, rules_dir=rules_copy)

    def found(text):
        return [text[s["start"]:s["end"]] for f in service.check({"text": text})["findings"] if f["rule"] == "house-words"
                for s in f["spans"]]
    try:
        assert found("Project Kestrel is on, and so is Project Bluebird") == ["Project Kestrel", "Project Bluebird"]
        assert found("bid 123 went in") == ["bid 123"]
        assert found("Project Kestrel was cancelled") == []  # the rule's own [unless] word
        assert found("Project Bluebird has been called off") == []  # the [unless]'s list
    finally:
        service.close()


@pytest.mark.parametrize("lists_toml, rule_tail, fault", [
    ("", 'words = ["x"]\nlists = ["nowhere"]\n', "names 'nowhere', which is not a list in lists.toml"),
    ("[Bad_Name]\nwords = ['x']\n", 'words = ["x"]\n', "'Bad_Name' is not a list"),
    ("[spare]\nwrods = ['x']\n", 'words = ["x"]\n', "'spare.wrods' is not a setting of a list"),
    ("[spare]\npatterns = ['(unclosed']\n", 'words = ["x"]\n', "not a valid regular expression"),
    ("[spare]\n", 'words = ["x"]\n', "list 'spare' needs 'words' or 'patterns'"),
])
def test_broken_shared_lists_are_refused_with_file_and_reason(rules_copy, lists_toml, rule_tail, fault):
    lists = rules_copy / "lists.toml"
    lists.write_text(lists.read_text() + "\n" + lists_toml)
    (rules_copy / "house-words.toml").write_text(HOUSE_RULE + rule_tail)
    with pytest.raises(ConfigError) as caught:
        load_rulebook(rules_copy, load_school(SCHOOL))
    assert fault in str(caught.value)
    assert caught.value.path == (rules_copy / "house-words.toml" if "nowhere" in fault else lists)


def test_a_rule_without_words_names_lists_only_in_its_near_or_unless(rules_copy):
    (rules_copy / "house-words.toml").write_text(
        'category = "colleague_reference"\nmatcher = "roster"\nroster = "staff"\nforms = ["full"]\nseverity = "medium"\n'
        'message = "m"\nclause = "discuss pupils or colleagues"\nlists = ["own-family"]\n')
    with pytest.raises(ConfigError, match="'lists' is not a setting of a roster rule"):
        load_rulebook(rules_copy, load_school(SCHOOL))
