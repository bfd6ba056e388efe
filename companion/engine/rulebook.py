"""Loading `rules/`: the categories file and one TOML file per rule, each checked as it loads.

A broken file stops the load with a ConfigError naming the file, the line and the fault,
so the companion never checks posts with half its rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from companion.engine.categories import CATEGORY_IDS, CONTEXTS, SEVERITIES, WRITING_CONTEXTS
from companion.engine.conditions import Nearby
from companion.engine.matchers import MATCHERS, Build, Matcher
from companion.engine.matchers.roster import ROSTERS
from companion.engine.school import School
from companion.engine.shared_lists import FILE_NAME as LISTS_FILE
from companion.engine.shared_lists import Lists, expand_rule, load_shared_lists
from companion.errors import ConfigError
from companion.tomlfile import TomlDoc

COMMON_KEYS = frozenset(
    "category matcher severity message clause suggestion contexts accounts requires without_roster near unless enabled".split()
)
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOT_RULES = frozenset({"categories.toml", LISTS_FILE})  # the other TOML files of a rules folder


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    clause: str
    description: str


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    message: str
    clause: str
    suggestion: str
    contexts: frozenset[str]
    accounts: frozenset[str]
    requires: tuple[str, ...]
    without_roster: tuple[str, ...]  # a fallback: the rule is off once these rosters hold names
    near: Nearby | None
    unless: tuple[Nearby, ...]  # [unless], or each [[unless]]
    matcher: Matcher
    path: Path

    @property
    def depends_on_findings(self) -> bool:
        return bool(self.needs)

    @property
    def needs(self) -> frozenset[str]:
        """The categories whose findings this rule reads (requires, [near], [unless])."""
        needs = set(self.requires)
        for condition in (self.near, *self.unless):
            if condition is not None:
                needs |= set(condition.categories)
        return frozenset(needs)


@dataclass
class Rulebook:
    categories: dict[str, Category]
    rules: list[Rule]  # rules that depend on other findings come last
    directory: Path
    version: str


def load_categories(path: Path) -> dict[str, Category]:
    doc = TomlDoc(path)
    categories = {}
    for cid in CATEGORY_IDS:
        table = doc.get(doc.data, cid, dict, default=None)
        if table is None:
            raise ConfigError(path, f"category '{cid}' is missing: every category of CONTRACT.md needs a [{cid}] table")
        categories[cid] = Category(
            id=cid,
            title=doc.get(table, "title", str, where=cid, required=True),
            clause=doc.get(table, "clause", str, where=cid, required=True),
            description=doc.get(table, "description", str, where=cid, default=""),
        )
    unknown = [k for k in doc.data if k not in CATEGORY_IDS and k != "version"]
    if unknown:
        raise doc.error(unknown[0], f"'{unknown[0]}' is not a category; categories are {', '.join(CATEGORY_IDS)}")
    return categories


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a rules folder (every .toml but the categories and shared lists), in name order."""
    return sorted(p for p in Path(directory).glob("*.toml") if p.name not in NOT_RULES)


def load_rule(path: Path, school: School, lists: Lists | None = None) -> Rule | None:
    doc = TomlDoc(path)
    table = doc.data
    rule_id = path.stem
    if not RULE_ID.match(rule_id):
        raise ConfigError(path, "a rule file's name is its id: lower-case letters, digits and hyphens, ending .toml")
    if not doc.get(table, "enabled", bool, default=True):
        return None
    category = doc.get(table, "category", str, required=True)
    if category not in CATEGORY_IDS:
        raise doc.error("category", f"unknown category {category!r}; use one of {', '.join(CATEGORY_IDS)}")
    kind = doc.get(table, "matcher", str, required=True)
    matcher_cls = MATCHERS.get(kind)
    if matcher_cls is None:
        raise doc.error("matcher", f"unknown matcher {kind!r}; use one of {', '.join(sorted(MATCHERS))}")
    table = expand_rule(doc, table, lists or {}, takes_words="words" in matcher_cls.params)
    allowed = COMMON_KEYS | set(matcher_cls.params)
    unknown = [k for k in table if k not in allowed]
    if unknown:
        raise doc.error(unknown[0], f"'{unknown[0]}' is not a setting of a {kind} rule; it may have {', '.join(sorted(allowed))}")
    severity = doc.get(table, "severity", str, required=True)
    if severity not in SEVERITIES:
        raise doc.error("severity", f"severity must be high, medium or low, not {severity!r}")
    contexts = doc.strings(table, "contexts") or list(WRITING_CONTEXTS)
    bad = [c for c in contexts if c not in CONTEXTS]
    if bad:
        raise doc.error("contexts", f"unknown context {bad[0]!r}; use some of {', '.join(CONTEXTS)}")
    accounts = doc.strings(table, "accounts") or ["personal", "school"]
    if any(a not in ("personal", "school") for a in accounts):
        raise doc.error("accounts", "accounts may be \"personal\" and \"school\"")
    requires = tuple(doc.strings(table, "requires"))
    bad = [c for c in requires if c not in CATEGORY_IDS]
    if bad:
        raise doc.error("requires", f"unknown category {bad[0]!r} in requires")
    without_roster = tuple(doc.strings(table, "without_roster"))
    bad = [k for k in without_roster if k not in ROSTERS]
    if bad:
        raise doc.error("without_roster", f"unknown roster {bad[0]!r}; rosters are {' and '.join(ROSTERS)}")
    for text_key in ("message", "clause"):
        if not doc.get(table, text_key, str, required=True).strip():
            raise doc.error(text_key, f"'{text_key}' must not be empty")
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        message=table["message"].strip(),
        clause=" ".join(table["clause"].split()),
        suggestion=doc.get(table, "suggestion", str, default="").strip(),
        contexts=frozenset(contexts),
        accounts=frozenset(accounts),
        requires=requires,
        without_roster=without_roster,
        near=Nearby.read(doc, table, "near"),
        unless=Nearby.read_all(doc, table, "unless"),
        matcher=matcher_cls(Build(doc, table, school)),
        path=path,
    )


def load_rulebook(directory: Path | str, school: School) -> Rulebook:
    """Every rule in `directory` (one .toml each, beside categories.toml and lists.toml), or a ConfigError."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError(directory, "rules folder not found")
    categories = load_categories(directory / "categories.toml")
    version = TomlDoc(directory / "categories.toml").data.get("version", "unversioned")
    lists = load_shared_lists(directory)
    rules = []
    seen: dict[str, Path] = {}
    for path in rule_files(directory):
        rule = load_rule(path, school, lists)
        if rule is None:
            continue
        if rule.id in seen:
            raise ConfigError(path, f"rule id {rule.id!r} is already used by {seen[rule.id]}")
        seen[rule.id] = path
        rules.append(rule)
    if not rules:
        raise ConfigError(directory, "no rule files found (expected one .toml per rule)")
    return Rulebook(categories, order_rules(rules), directory, str(version))


def order_rules(rules: list[Rule]) -> list[Rule]:
    """Rules that read no findings first; then each rule after every other rule of the categories
    it reads, its own included (file order otherwise). A cycle keeps file order for the rules
    caught in it."""
    ordered = [r for r in rules if not r.needs]
    waiting = [r for r in rules if r.needs]
    while waiting:
        ready = [r for r in waiting if not any(o is not r and o.category in r.needs for o in waiting)]
        if not ready:
            ready = waiting[:1]
        ordered += ready
        placed = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in placed]
    return ordered
