"""The assembled companion: school, rules, rosters, settings and secrets, shared by the CLI and the web app."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from companion.engine.categories import CATEGORY_IDS
from companion.engine.checker import Checker
from companion.engine.request import parse_request
from companion.engine.language import DEFAULT_LANGUAGES, LanguageDetector
from companion.engine.rulebook import load_rulebook
from companion.engine.school import in_pilot, load_school
from companion.pairing import Pairing, proof
from companion.paths import data_dir, default_rules_dir, default_school_file
from companion.roster.importer import KINDS, load_index
from companion.roster.names import NameHasher
from companion.secretstore import SecretStore
from companion.storage import Store

log = logging.getLogger("postguard")
ROSTER_RECHECK_SECONDS = 2.0


class SettingsError(ValueError):
    """A settings change that is not allowed (e.g. switching off a category IT locked)."""

    def __init__(self, message: str, locked: bool = False) -> None:
        self.locked = locked
        super().__init__(message)


class Companion:
    def __init__(self, home: Path | None = None, school_file: Path | None = None, rules_dir: Path | None = None,
                 secrets: SecretStore | None = None) -> None:
        self.home = Path(home) if home else data_dir()
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.school_file = Path(school_file) if school_file else default_school_file()
        self.rules_dir = Path(rules_dir) if rules_dir else default_rules_dir()
        self.school = load_school(self.school_file)
        self.rulebook = load_rulebook(self.rules_dir, self.school)
        self.store = Store(self.home)
        self.secrets = secrets or SecretStore(self.home)
        self.pairing = Pairing(self.store, self.secrets)
        self._toggle_cache: dict | None = None
        self._key = self.secrets.roster_key()
        self.hasher = NameHasher(self._key)
        self.language = LanguageDetector(self.school.default_language,
                                         self.school.languages or DEFAULT_LANGUAGES)
        self.checker = Checker(self.rulebook, self.school, self.language, enabled=self.is_enabled)
        self._roster_lock = threading.Lock()
        self._roster_stamp = None
        self._roster_checked = 0.0
        self.refresh_rosters(force=True)

    def token(self) -> str:
        """The install-wide bearer token (`postguard token`), read from the keyring once."""
        return self.pairing.default_token()

    def authenticate(self, origin: str | None, bearer: str) -> bool:
        return self.pairing.secret_for(origin, bearer) is not None

    def proofs(self, origin: str | None, nonce: str) -> list[str]:
        """Answers to the extension's challenge, one per secret it may hold."""
        return [proof(secret, nonce) for secret in self.pairing.candidates(origin)]

    # -- rosters ---------------------------------------------------------------
    def refresh_rosters(self, force: bool = False) -> None:
        """Reload the rosters if another process imported or cleared one (checked every 2 s)."""
        now = time.monotonic()
        if not force and now - self._roster_checked < ROSTER_RECHECK_SECONDS:
            return
        with self._roster_lock:
            self._roster_checked = now
            stamp = self.store.roster_stamp()
            if not force and stamp == self._roster_stamp:
                return
            if not force:  # `roster rekey` in another process may have made a new key
                key = self.secrets.roster_key()
                if key != self._key:
                    self._key, self.hasher = key, NameHasher(key)
            self.checker.use_rosters({k: load_index(self.store, k, self.hasher, self._key) for k in KINDS})
            self._roster_stamp = stamp

    def roster_size(self, kind: str) -> int:
        index = self.checker.rosters.get(kind)
        return index.people if index else 0

    # -- categories and settings ----------------------------------------------
    def is_enabled(self, category: str) -> bool:
        if category in self.school.locked:
            return True
        toggles = self._toggles()
        return toggles.get(category, category not in self.school.off)

    def _toggles(self) -> dict:
        if self._toggle_cache is None:
            self._toggle_cache = self.store.get_setting("categories", {})
        return self._toggle_cache

    def settings(self) -> dict:
        return {
            "categories": {c: self.is_enabled(c) for c in CATEGORY_IDS},
            "locked": sorted(self.school.locked),
        }

    def update_settings(self, categories: dict) -> dict:
        unknown = [c for c in categories if c not in CATEGORY_IDS]
        if unknown:
            raise SettingsError(f"There is no category called {unknown[0]!r}.")
        bad = [c for c, v in categories.items() if not isinstance(v, bool)]
        if bad:
            raise SettingsError(f"Say true or false for {bad[0]!r}.")
        locked = [c for c, v in categories.items() if c in self.school.locked and v is False]
        if locked:
            raise SettingsError(f"Your school's IT has locked '{locked[0]}' on; it cannot be switched off.", locked=True)
        toggles = {**self._toggles(), **categories}
        self.store.set_setting("categories", toggles)
        self._toggle_cache = toggles
        return self.settings()

    def categories(self) -> list[dict]:
        return [
            {"id": c.id, "title": c.title, "clause": c.clause,
             "enabled": self.is_enabled(c.id), "locked": c.id in self.school.locked}
            for c in self.rulebook.categories.values()
        ]

    # -- checks ----------------------------------------------------------------
    def check(self, body) -> dict:
        """Answer a decoded /v1/check body; counts warnings of real submits, never text."""
        self.refresh_rosters()
        request = parse_request(body)
        response = self.checker.check(request)
        if request.trigger == "submit":
            for finding in response["findings"]:
                self.store.count(finding["category"], finding["rule"])
        if in_pilot(self.school, date.today()):
            response["findings"] = []
            response["pilot"] = True
        return response

    def feedback(self, category: str, rule: str, kind: str = "false_alarm") -> None:
        self.store.count(category, rule, kind)

    def weekly_counts(self, weeks: int = 8) -> dict[str, dict[str, dict[str, int]]]:
        """{"2026-W48": {"pupil_reference": {"warning": 3, "false_alarm": 1}}}: counts only, no text."""
        since = date.today() - timedelta(weeks=weeks)
        out: dict[str, dict[str, dict[str, int]]] = {}
        for day, category, _rule, kind, n in self.store.counts(since):
            year, week, _ = date.fromisoformat(day).isocalendar()
            bucket = out.setdefault(f"{year}-W{week:02d}", {}).setdefault(category, {})
            bucket[kind] = bucket.get(kind, 0) + n
        return out

    def status(self) -> dict:
        """What IT and the Network Manager may see: versions, school, sizes and counts, never names or text."""
        from companion import __version__

        return {
            "version": __version__,
            "rules_version": self.rulebook.version,
            "rules": len(self.rulebook.rules),
            "school": self.school.name,
            "pilot": in_pilot(self.school, date.today()),
            "rosters": {kind: self.roster_size(kind) for kind in KINDS},
            "weekly_counts": self.weekly_counts(),
        }

    def close(self) -> None:
        self.store.close()
