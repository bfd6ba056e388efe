"""The generic engine features the rules rely on: gates, `words.any`, [near] patterns and
categories close by, the findings and email_address matchers, rule order, duplicate findings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.engine.checker import Checker
from companion.engine.gates import CHARS_PER_START, MAX_STARTS, max_starts, pattern_gate, phrase_gate, word_keys
from companion.engine.language import LanguageDetector
from companion.engine.phrases import LanguageLists, compile_phrases
from companion.engine.request import parse_request
from companion.engine.rulebook import load_rulebook, rule_files
from companion.engine.school import load_school
from companion.engine.shared_lists import load_shared_lists
from companion.engine.text import fold
from companion.roster.index import RosterIndex
from companion.roster.names import NameHasher
from conftest import REPO

SCHOOL = load_school(REPO / "school" / "crypt-school.toml")
RULEBOOK = load_rulebook(REPO / "rules", SCHOOL)


def _lists(rule):
    for owner in (rule.matcher, rule.near, *rule.unless):
        for name in ("words", "patterns"):
            lists = getattr(owner, name, None) if owner is not None else None
            if lists:
                yield lists


ALL_LISTS = [lists for rule in RULEBOOK.rules for lists in _lists(rule)]


def _gated_and_full(folded: str):
    """Each pattern's matches as the engine finds them (gated, tried only where a match can
    start, or scanned when there are many such places) and as a plain scan finds them."""
    for lists in ALL_LISTS:
        for patterns in lists.by_language.values():
            for pattern in patterns:
                alone = LanguageLists()
                alone.add("en", pattern, lists.gates.get(id(pattern)))
                gated = [m.span() for m in alone.finditer(folded, "en")]
                yield pattern.pattern, gated, [m.span() for m in pattern.finditer(folded)]


def _corpus_texts() -> list[str]:
    texts = []
    for path in (REPO / "tests" / "corpus").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["request"].get("text")
                if text:
                    texts.append(text)
    return texts


def test_gates_never_hide_a_match_in_the_corpus():
    texts = _corpus_texts()
    long_posts = [" ".join(texts[i:i + 40]) for i in range(0, len(texts), 40)]  # many starts: scanned instead
    for text in texts + long_posts + ["O'Connor's pupils' Year 9's f*ck sh1t 07700 900123 GL1 3AX", "the head's colleague's"]:
        folded = fold(text)
        for pattern, gated, full in _gated_and_full(folded):
            assert gated == full, (pattern[:60], text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(
    "year yr y9 10b 9c pupils pupil's colleague's the head's don't dont f*ck sh!t £5 each 07700 900123 +44 "
    "gl1 3ax 14 kingsholm road dob 12/03/2012 a123456789012 vote labour hire her confidential off the record "
    "' - * . # @ 🎉 🙄 🤫 % off your first order school's position is é".split(" ")), max_size=40).map(" ".join))
def test_gates_never_hide_a_match_in_any_mix_of_trigger_words(text):
    folded = fold(text)
    for pattern, gated, full in _gated_and_full(folded):
        assert gated == full, (pattern[:60], text)


def test_pattern_gate_reads_the_literal_start_of_a_pattern():
    assert pattern_gate(re.compile(r"(?<!\w)(?:years?|yrs?)\s?\d")).opens("my year 9")
    assert not pattern_gate(re.compile(r"(?<!\w)(?:years?|yrs?)\s?\d")).opens("my form")
    assert pattern_gate(re.compile(r"(?<!\w)(?:1[0-3]|[7-9])[a-z]")).texts == ("10", "11", "12", "13", "7", "8", "9")
    assert pattern_gate(re.compile(r"\w+")) is None
    gate = pattern_gate(re.compile(r"(?:the\s+)?deadline"))  # may start with either, but always holds "deadline"
    assert (gate.texts, gate.required) == (("deadline", "the"), "deadline")
    assert gate.opens("the deadline is friday") and not gate.opens("the head") and gate.starts("no dead line") == []
    assert gate.starts("the deadline is friday") == [0, 4]
    assert pattern_gate(re.compile(r"(?:the|our)\s+school\s+is")).required == "school"
    assert pattern_gate(re.compile(r"(?i)year")) is None


def test_pattern_gate_skips_a_pattern_that_needs_a_digit_in_a_post_without_one():
    gate = pattern_gate(re.compile(r"(?<![\w.])\d{1,2}\s?%\s+off(?!\w)"))
    assert gate.digit and not gate.opens("half price off everything") and gate.starts("no digits") == []
    assert gate.opens("20% off") and gate.opens("\u0663\u0660% off")  # \d finds any decimal digit
    assert pattern_gate(re.compile(r"(?:\d|x)+")) is None and not pattern_gate(re.compile(r"a(?=\d)")).digit
    assert pattern_gate(re.compile(r"(?:[0-9]|\d\d)p")).digit


def test_a_long_post_lets_a_pattern_gate_name_more_starts_than_a_short_one():
    gate = pattern_gate(re.compile(r"(?<!\w)(?:to|in)\s+me"))
    assert gate.starts("to me " * 60) is None  # 60 places in 360 characters: a scan is as quick
    medium = "to me " * 100 + "and so on " * 200
    assert max_starts(medium) == len(medium) // CHARS_PER_START > MAX_STARTS
    assert gate.starts(medium) == [i * 6 for i in range(100)]
    assert gate.starts("to me " * 900) is None  # one place in six characters


def test_pattern_gate_starts_a_pattern_just_after_what_its_lookbehind_must_see():
    gate = pattern_gate(re.compile(r"(?<=the\s|our\s)(?:(?:new|acting)\s+)?(?:head|deputy)(?!\w)"))
    text = "our acting head met the deputy; theirs did not"
    assert [text[s:s + 6] for s in gate.starts(text)] == ["acting", "deputy", "rs did"]  # "the" in "theirs" too
    gate = pattern_gate(re.compile(r"(?:(?<=the\s)|(?<=those\s))people\s+who"))
    assert (gate.texts, gate.offsets, gate.starts("those people who")) == (("the", "those"), (4, 6), [6])
    assert not gate.opens("people who")


def test_pattern_gate_looks_for_a_word_start_literal_among_the_posts_words():
    pattern = re.compile(r"(?<!\w)(?:he|she)(?:'d|\s+would)\s+be")
    gate = pattern_gate(pattern)
    assert gate.word_start and not pattern_gate(re.compile(r"(?<![a-z])he")).word_start
    text = "the theme: when he would be there. " * 30 + "she'd be great, o'he would be"
    starts = gate.starts(text)  # "he" stands 120 times in the text, but begins a word only 31 times
    assert starts is not None and len(starts) == 32
    lists = LanguageLists()
    lists.add("en", pattern, gate)
    assert [m.span() for m in lists.finditer(text, "en")] == [m.span() for m in pattern.finditer(text)]


def test_pattern_gate_knows_one_of_an_alternations_words_is_always_there():
    gate = pattern_gate(re.compile(r"(?<!\w)(?:a|the)?\s*(?:plasterers?|electrician)\s+(?:of\s+)?(?:gold|dreams)"))
    assert (gate.texts, gate.required, gate.either) == ((), "", ("electrician", "plasterer"))
    assert not gate.opens("the best plumber") and gate.opens("our plasterer of dreams")
    assert gate.starts("a plumber of dreams") == []


def test_a_pattern_loaded_after_a_post_was_searched_still_finds_its_words_in_that_post():
    from companion.engine.gates import present_literals

    text = "zyxwvut plover and qwertyuiop"
    first = LanguageLists()
    first.add("en", re.compile(r"zyxwvut"), pattern_gate(re.compile(r"zyxwvut")))
    assert [m.group() for m in first.finditer(text, "en")] == ["zyxwvut"]  # the text's literals are now known
    later = LanguageLists()
    later.add("en", re.compile(r"qwertyuiop"), pattern_gate(re.compile(r"qwertyuiop")))
    assert "qwertyuiop" in present_literals(text)
    assert [m.group() for m in later.finditer(text, "en")] == ["qwertyuiop"]


def test_phrase_gate_knows_first_words_prefixes_and_apostrophes():
    gate = phrase_gate(["my class", "pupil*", "don't tell anyone"])
    assert gate.words == frozenset({"my", "dont"}) and gate.prefixes == ("pupil",)
    assert gate.opens(fold("Don’t tell anyone")) and gate.opens("the pupils'") and not gate.opens("a class")
    assert {"o", "oconnor", "oconnors"} <= word_keys("o'connor's")


def test_phrase_gate_starts_a_phrase_of_symbols_where_its_symbol_stands():
    gate = phrase_gate(["£5 each", "🙄", "% off your first order", "my class"])
    assert gate.symbols == ("%", "£", "🙄") and gate.words == frozenset({"my"})
    text = fold("Only £5 each 🙄 and 20% off your first order")
    assert [text[s] for s in gate.starts(text)] == ["£", "🙄", "%"]
    assert not gate.opens("nothing to see here")
    quoted = LanguageLists()  # the apostrophe is optional: "the school's position is"
    pattern = compile_phrases(["'s position is"])
    quoted.add("en", pattern, phrase_gate(["'s position is"]))
    text = fold("the school's position is clear; 's position is")
    assert quoted.gates[id(pattern)].starts(text) is not None
    found = [text[slice(*m.span())] for m in quoted.finditer(text, "en")]
    assert found == [text[slice(*m.span())] for m in pattern.finditer(text)] == ["s position is", "'s position is"]


def test_phrase_gate_tries_a_common_first_word_only_before_a_second_word_of_its_phrases():
    gate = phrase_gate(["the head", "the deputy", "the head's office", "my class", "my"])
    assert dict(gate.seconds) == {"the": frozenset({"head", "deputy", "heads"})}  # "my" alone: every "my"
    text = fold("The trip, the head's idea, the-deputy and the rain. My class, my dog")
    assert [text[s:s + 10] for s in gate.starts(text)] == ["the head's", "the-deputy", "my class, ", "my dog"]
    # a phrase may start after an apostrophe, as French elision does: "d'assistante de langue"
    elided = fold("Je recommande d'assistante de langue")
    gate = phrase_gate(["assistante de", "assistante sociale"])
    assert [elided[s:s + 13] for s in gate.starts(elided)] == ["assistante de"]


@pytest.fixture
def rules_dir(tmp_path):
    directory = tmp_path / "rules"
    directory.mkdir()
    shutil.copy(REPO / "rules" / "categories.toml", directory)
    return directory


def _checker(directory: Path, files: dict[str, str]) -> Checker:
    for name, text in files.items():
        (directory / f"{name}.toml").write_text(text, encoding="utf-8")
    return Checker(load_rulebook(directory, SCHOOL), SCHOOL, LanguageDetector())


def _found(checker: Checker, text: str, **fields) -> dict[str, list[str]]:
    response = checker.check(parse_request({"text": text, **fields}))
    out: dict[str, list[str]] = {}
    for finding in response["findings"]:
        out.setdefault(finding["rule"], []).extend(text[s["start"]:s["end"]] for s in finding["spans"])
    return out


HEAD = 'severity = "low"\nmessage = "m"\nclause = "c"\nsuggestion = "s"\n'


def test_words_any_apply_whatever_the_language(rules_dir):
    checker = _checker(rules_dir, {"a": 'category = "pupil_reference"\nmatcher = "phrases"\n' + HEAD
                                   + 'words.cy = ["dosbarth"]\nwords.any = ["disgyblion"]\n'})
    assert _found(checker, "disgyblion") == {"a": ["disgyblion"]}  # too short to be told Welsh
    assert _found(checker, "dosbarth") == {}


def test_near_patterns_and_categories_close_by(rules_dir):
    checker = _checker(rules_dir, {
        "form": 'category = "pupil_reference"\nmatcher = "phrases"\n' + HEAD + "patterns = ['(?<!\\w)9c(?!\\w)']\n",
        "crit": 'category = "criticism"\nmatcher = "phrases"\n' + HEAD + 'words = ["useless"]\n'
                '[near]\ncategories = ["pupil_reference"]\npatterns = [\'(?<!\\w)slt(?!\\w)\']\nwithin = 3\n',
    })
    assert _found(checker, "9C are useless") == {"form": ["9C"], "crit": ["useless"]}
    assert _found(checker, "SLT are useless") == {"crit": ["useless"]}
    assert "crit" not in _found(checker, "9C were lovely today. The weather is useless")
    assert _found(checker, "useless") == {}


def test_findings_matcher_reuses_other_findings_words(rules_dir):
    checker = _checker(rules_dir, {
        "swear": 'category = "offensive_language"\nmatcher = "phrases"\n' + HEAD + 'words = ["twit"]\n',
        "insult": 'category = "criticism"\nmatcher = "findings"\nrequires = ["offensive_language"]\n' + HEAD
                  + '[near]\nwords = ["head"]\nwithin = 3\n',
    })
    assert _found(checker, "the head is a twit") == {"swear": ["twit"], "insult": ["twit"]}
    assert _found(checker, "my car is a twit of a thing, said the head of the queue at length") == {"swear": ["twit"]}


def test_email_address_matcher_tells_school_addresses_from_others(rules_dir):
    checker = _checker(rules_dir, {
        "other": 'category = "personal_data"\nmatcher = "email_address"\n' + HEAD,
        "school": 'category = "work_email"\nmatcher = "email_address"\nwhich = "school"\n' + HEAD,
    })
    assert _found(checker, "kate@gmail.com or jo@staff.cryptschool.example") == {
        "other": ["kate@gmail.com"], "school": ["jo@staff.cryptschool.example"]}
    with pytest.raises(Exception, match="which must be one of"):
        _checker(rules_dir, {"bad": 'category = "personal_data"\nmatcher = "email_address"\nwhich = "mine"\n' + HEAD})


def test_rules_reading_findings_run_after_the_rules_they_read(rules_dir):
    checker = _checker(rules_dir, {
        "a-image": 'category = "pupil_image"\nmatcher = "attachment"\n' + HEAD + '[near]\ncategories = ["pupil_reference"]\n',
        "b-first": 'category = "pupil_reference"\nmatcher = "phrases"\n' + HEAD + 'words = ["harry"]\n'
                   '[near]\ncategories = ["pupil_reference"]\nwithin = 2\n',
        "c-form": 'category = "pupil_reference"\nmatcher = "phrases"\n' + HEAD + "patterns = ['(?<!\\w)9c(?!\\w)']\n",
    })
    assert [r.id for r in checker.rulebook.rules] == ["c-form", "b-first", "a-image"]
    assert _found(checker, "Harry in 9C", attachments=[{"type": "image"}]) == {
        "c-form": ["9C"], "b-first": ["Harry"], "a-image": []}


def test_a_category_does_not_warn_twice_about_the_same_words(rules_dir):
    checker = _checker(rules_dir, {
        "one": 'category = "confidential"\nmatcher = "phrases"\n' + HEAD + 'words = ["top secret"]\n',
        "two": 'category = "confidential"\nmatcher = "phrases"\n' + HEAD + 'words = ["secret"]\n',
    })
    assert _found(checker, "top secret") == {"one": ["top secret"]}
    assert _found(checker, "a secret") == {"two": ["secret"]}


def test_a_wording_rules_unless_with_within_looks_around_the_marked_sentence(rules_dir):
    model = {"format": 2, "trained_on": {}, "settings": {}, "features": ["w:shambles"],
             "categories": {"criticism": {"bias": -5, "weights": [200]}}}
    (rules_dir / "model.json").write_text(json.dumps(model), encoding="utf-8")
    checker = _checker(rules_dir, {
        "a-phrase": 'category = "criticism"\nmatcher = "phrases"\n' + HEAD + 'words = ["dreadful"]\n',
        "b-model": 'category = "criticism"\nmatcher = "wording"\nmodel = "model.json"\nthreshold = 0.5\n'
                   'min_words = 1\n' + HEAD + '[unless]\ncategories = ["criticism"]\nwords = ["my son\'s"]\nwithin = 3\n',
    })
    assert _found(checker, "The meeting was a shambles.") == {"b-model": ["The meeting was a shambles"]}
    assert _found(checker, "My son's school play was a shambles.") == {}
    far = ("My son's team won on Saturday, and we had cake and a very long walk by the river after. "
           "Back at work today the meeting was a shambles.")
    assert _found(checker, far) == {"b-model": ["Back at work today the meeting was a shambles"]}
    # a warning of the category already given keeps it quiet wherever that warning is
    assert _found(checker, "The meeting was a shambles. " + far.split(".")[0] + ". Lunch was dreadful.") == {
        "a-phrase": ["dreadful"]}


def test_a_rule_without_roster_is_a_fallback_until_that_roster_holds_names(rules_dir):
    checker = _checker(rules_dir, {
        "fallback": 'category = "colleague_reference"\nmatcher = "phrases"\nwithout_roster = ["staff"]\n' + HEAD
                    + 'words = ["mr thompson"]\n',
    })
    text = "Mr Thompson took assembly"
    assert _found(checker, text) == {"fallback": ["Mr Thompson"]}
    hasher = NameHasher(b"k" * 16)
    checker.use_rosters({"pupils": RosterIndex(hasher, people=3), "staff": RosterIndex(hasher)})
    assert _found(checker, text) == {"fallback": ["Mr Thompson"]}  # an empty staff roster is no roster
    checker.use_rosters({"pupils": RosterIndex(hasher), "staff": RosterIndex(hasher, people=3)})
    assert _found(checker, text) == {}
    with pytest.raises(Exception, match="unknown roster 'teachers'"):
        _checker(rules_dir, {"bad": 'category = "colleague_reference"\nmatcher = "phrases"\nwithout_roster = ["teachers"]\n'
                             + HEAD + 'words = ["a"]\n'})


def test_several_unless_tables_each_keep_their_own_distance(rules_dir):
    checker = _checker(rules_dir, {
        "sell": 'category = "solicitation"\nmatcher = "phrases"\n' + HEAD + 'words = ["spare tickets"]\n'
                '[[unless]]\nwords = ["scam"]\nwithin = 2\n[[unless]]\nwords = ["free to a good home"]\nwithin = 0\n',
    })
    assert _found(checker, "Two spare tickets, £20 each, DM me") == {"sell": ["spare tickets"]}
    assert _found(checker, "spare tickets scam again") == {}
    assert _found(checker, "Got two spare tickets, and you know what, a real scam") == {"sell": ["spare tickets"]}
    assert _found(checker, "Got two spare tickets for Saturday. Can't go now, so they are free to a good home") == {}
    with pytest.raises(Exception, match="must be a \\[unless\\] table or \\[\\[unless\\]\\] tables"):
        _checker(rules_dir, {"bad": 'category = "solicitation"\nmatcher = "phrases"\n' + HEAD + 'words = ["a"]\nunless = [1]\n'})


def test_an_unless_matching_exactly_the_marked_words_stops_them_but_a_near_never_is_its_own_context(rules_dir):
    model = {"format": 2, "trained_on": {}, "settings": {}, "features": ["w:shambles"],
             "categories": {"criticism": {"bias": -5, "weights": [200]}}}
    (rules_dir / "model.json").write_text(json.dumps(model), encoding="utf-8")
    checker = _checker(rules_dir, {
        "model": 'category = "criticism"\nmatcher = "wording"\nmodel = "model.json"\nthreshold = 0.5\nmin_words = 1\n'
                 + HEAD + "[unless]\npatterns = ['the panto was a shambles']\nwithin = 1\n",
        "head": 'category = "colleague_reference"\nmatcher = "phrases"\n' + HEAD + 'words = ["the head"]\n'
                '[near]\nwords = ["the head"]\nwithin = 3\n',
    })
    assert _found(checker, "The panto was a shambles.") == {}
    assert _found(checker, "The meeting was a shambles.") == {"model": ["The meeting was a shambles"]}
    assert _found(checker, "the head") == {}


def test_near_rejects_unknown_settings(rules_dir):
    with pytest.raises(Exception, match="is not a setting of \\[near\\]"):
        _checker(rules_dir, {"x": 'category = "criticism"\nmatcher = "phrases"\n' + HEAD
                             + 'words = ["a"]\n[near]\nword = ["b"]\n'})


def test_word_lists_match_exactly_as_a_plain_alternation_would():
    from companion.engine.phrases import _phrase_pattern, compile_phrases
    from companion.tomlfile import TomlDoc

    def plain(phrases):
        patterns = [_phrase_pattern(p) for p in sorted(set(phrases), key=len, reverse=True) if p.strip()]
        return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")

    lists = []
    for path in rule_files(REPO / "rules"):
        data = TomlDoc(path).data
        unless = data.get("unless") or []
        for section in (data, data.get("near") or {}, *(unless if isinstance(unless, list) else [unless])):
            words = section.get("words")
            lists += [words] if isinstance(words, list) else list((words or {}).values())
    lists += [words for shared in load_shared_lists(REPO / "rules").values() for words in shared.get("words", {}).values()]
    texts = [fold(t) for t in _corpus_texts()] + [fold("#teachertwitter don't a-level group 1 like = pupils' tw*t 'tis")]
    for words in lists:
        fast, slow = compile_phrases(words), plain(words)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (words[:3], text[:60])
