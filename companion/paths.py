"""Where PostGuard keeps its files: the data directory, the rules and the school file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PostGuard"
_REPO = Path(__file__).resolve().parent.parent
_SHARE = Path(sys.prefix) / "share" / "postguard"


def data_dir(create: bool = True) -> Path:
    """POSTGUARD_HOME, else the platform's per-user data directory; private to the user."""
    override = os.environ.get("POSTGUARD_HOME")
    path = Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def default_rules_dir() -> Path:
    """POSTGUARD_RULES, else rules synced into the data directory, else the shipped rules."""
    if os.environ.get("POSTGUARD_RULES"):
        return Path(os.environ["POSTGUARD_RULES"]).expanduser()
    return _first_existing(data_dir() / "rules", _REPO / "rules", _SHARE / "rules")


def default_school_file() -> Path:
    """POSTGUARD_SCHOOL, else school.toml in the data directory, else The Crypt School's."""
    if os.environ.get("POSTGUARD_SCHOOL"):
        return Path(os.environ["POSTGUARD_SCHOOL"]).expanduser()
    return _first_existing(data_dir() / "school.toml", _REPO / "school" / "crypt-school.toml",
                           _SHARE / "school" / "crypt-school.toml")
