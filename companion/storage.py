"""The companion's SQLite database: settings, roster hashes and anonymous counts. Never post text.

Counts are kept per day, category, rule and kind ("warning" shown at submit, "false_alarm"
reported by the teacher) so the Network Manager can tune rules without seeing a word posted.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roster_meta (
    kind TEXT PRIMARY KEY, people INTEGER NOT NULL, rejected INTEGER NOT NULL,
    imported_at TEXT NOT NULL, source TEXT NOT NULL, key_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roster_hashes (kind TEXT NOT NULL, form TEXT NOT NULL, h INTEGER NOT NULL, words INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS roster_hashes_kind ON roster_hashes (kind);
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL, category TEXT NOT NULL, rule TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (day, category, rule, kind));
"""
DB_NAME = "postguard.sqlite3"
FLUSH_SECONDS = 30.0


@dataclass(frozen=True)
class RosterMeta:
    kind: str
    people: int
    rejected: int
    imported_at: str
    source: str
    key_id: str


class Store:
    """One connection shared by the server's threads, guarded by a lock."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / DB_NAME
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._pending: Counter = Counter()
        self._last_flush = time.monotonic()

    def close(self) -> None:
        self.flush_counts()
        with self._lock:
            self._db.close()

    # -- settings --------------------------------------------------------------
    def get_setting(self, key: str, default=None):
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- roster ----------------------------------------------------------------
    def replace_roster(self, meta: RosterMeta, hashes: Iterable[tuple[str, int, int]]) -> None:
        """Swap in a whole roster in one transaction: a failure leaves the old one in place."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM roster_hashes WHERE kind = ?", (meta.kind,))
                self._db.executemany(
                    "INSERT INTO roster_hashes (kind, form, h, words) VALUES (?, ?, ?, ?)",
                    ((meta.kind, form, h, words) for form, h, words in hashes),
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO roster_meta VALUES (?, ?, ?, ?, ?, ?)",
                    (meta.kind, meta.people, meta.rejected, meta.imported_at, meta.source, meta.key_id),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def clear_roster(self, kind: str | None = None) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
            self._db.execute(f"DELETE FROM roster_hashes {where}", args)
            self._db.execute(f"DELETE FROM roster_meta {where}", args)
            self._db.execute("COMMIT")
            self._db.execute("VACUUM")  # leave no deleted hashes in free pages

    def roster_meta(self, kind: str) -> RosterMeta | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM roster_meta WHERE kind = ?", (kind,)).fetchone()
        return RosterMeta(*row) if row else None

    def roster_hashes(self, kind: str) -> list[tuple[str, int, int]]:
        with self._lock:
            return self._db.execute("SELECT form, h, words FROM roster_hashes WHERE kind = ?", (kind,)).fetchall()

    def roster_stamp(self) -> tuple:
        """Changes whenever any roster is imported or cleared (by this or another process)."""
        with self._lock:
            return tuple(self._db.execute("SELECT kind, imported_at, people FROM roster_meta ORDER BY kind").fetchall())

    # -- anonymous counts ------------------------------------------------------
    def count(self, category: str, rule: str, kind: str = "warning", day: date | None = None) -> None:
        self._pending[((day or date.today()).isoformat(), category, rule, kind)] += 1
        if time.monotonic() - self._last_flush > FLUSH_SECONDS:
            self.flush_counts()

    def flush_counts(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._last_flush = time.monotonic()
            if not pending:
                return
            self._db.executemany(
                "INSERT INTO counts (day, category, rule, kind, n) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (day, category, rule, kind) DO UPDATE SET n = n + excluded.n",
                [(*key, n) for key, n in pending.items()],
            )

    def counts(self, since: date | None = None) -> list[tuple[str, str, str, str, int]]:
        self.flush_counts()
        with self._lock:
            return self._db.execute(
                "SELECT day, category, rule, kind, n FROM counts WHERE day >= ? ORDER BY day, category, rule",
                ((since or date.min).isoformat(),),
            ).fetchall()
