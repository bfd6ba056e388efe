"""Every rule and category quotes the policy word for word, says what is wrong and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.engine.categories import CATEGORY_IDS
from companion.engine.rulebook import load_rulebook, rule_files
from companion.engine.school import load_school
from companion.tomlfile import TomlDoc
from conftest import REPO

RULES = REPO / "rules"
POLICY = RULES / "policy.txt"


def _normal(text: str) -> str:
    return " ".join(text.split())


POLICY_TEXT = _normal(POLICY.read_text(encoding="utf-8"))
RULE_FILES = rule_files(RULES)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(RULES, load_school(REPO / "school" / "crypt-school.toml"))


def _pieces(clause: str) -> list[str]:
    return [piece.strip() for piece in re.split(r"\s*…\s*", clause) if piece.strip()]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_clause_is_quoted_word_for_word(path):
    clause = TomlDoc(path).data["clause"]
    pieces = _pieces(clause)
    assert pieces, f"{path.name}: empty clause"
    for piece in pieces:
        assert _normal(piece) in POLICY_TEXT, f"{path.name}: {piece!r} is not in the policy"


def test_category_clauses_are_quoted_word_for_word():
    data = TomlDoc(RULES / "categories.toml").data
    for category in CATEGORY_IDS:
        for piece in _pieces(data[category]["clause"]):
            assert _normal(piece) in POLICY_TEXT, f"categories.toml [{category}]: {piece!r} is not in the policy"


def test_the_policy_copy_is_the_shared_one():
    shared = Path("/work/shared/policy/crypt-school-social-media-policy.txt")
    if shared.is_file():  # only where the shared folder exists; CI checks the copy above
        assert _normal(shared.read_text(encoding="utf-8")) == POLICY_TEXT


def test_every_rule_has_a_message_and_a_suggestion(rulebook):
    for rule in rulebook.rules:
        assert rule.message.strip() and len(rule.message) <= 140, rule.id
        assert rule.suggestion.strip() and len(rule.suggestion) <= 160, rule.id


def test_every_category_has_a_rule(rulebook):
    covered = {rule.category for rule in rulebook.rules}
    assert covered == set(CATEGORY_IDS)


def test_rules_list_prints_every_category_rule_severity_and_clause(capsys, rulebook):
    from companion.cli import main

    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    for category in CATEGORY_IDS:
        assert f"\n{category} (" in out
    for rule in rulebook.rules:
        assert f"- {rule.id} [{rule.severity}, {rule.matcher.kind}" in out
        assert rule.clause in out
    assert "- colleague-title-at-school [medium, phrases, until a staff roster is imported]" in out



def test_coverage_table_quotes_the_policy_word_for_word():
    text = (REPO / "docs" / "coverage.md").read_text(encoding="utf-8")
    quotes = re.findall(r'"([^"]{12,})"', text)
    assert len(quotes) > 30
    for quote in quotes:
        for piece in _pieces(quote):
            assert _normal(piece) in POLICY_TEXT, f"docs/coverage.md quotes {piece!r}, which is not in the policy"


def test_the_rules_readme_lists_every_shipped_rule_under_its_category():
    import tomllib

    table = {}
    for line in (RULES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] in CATEGORY_IDS:
            table[cells[0]] = set(re.findall(r"`([a-z0-9-]+)`", cells[1]))
    for path in RULE_FILES:
        category = tomllib.loads(path.read_text(encoding="utf-8"))["category"]
        assert path.stem in table.get(category, set()), f"rules/README.md does not list {path.stem} under {category}"
