"""Importing a roster CSV into the store as keyed hashes, and loading it back for matching."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from companion.roster.index import RosterIndex
from companion.roster.mis_csv import ParsedRoster, RejectedRow, parse_roster_csv
from companion.roster.names import NameHasher, PersonName, form_word_count, name_forms
from companion.storage import RosterMeta, Store

KINDS = ("pupils", "staff")
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class ImportReport:
    kind: str
    imported: int
    rejected: list[RejectedRow]
    columns: dict[str, str]
    encoding: str


def key_id(key: bytes) -> str:
    """A short fingerprint of the hashing key, so a roster hashed under another key is noticed."""
    return hashlib.sha256(b"postguard-key-id:" + key).hexdigest()[:12]


def roster_hashes(parsed: ParsedRoster, hasher: NameHasher) -> set[tuple[str, int, int]]:
    rows = set()
    for person in parsed.people:
        forms = name_forms(PersonName(person.forename, person.surname, person.preferred, person.middle))
        for kind, values in forms.items():
            for form in values:
                rows.add((kind, hasher.hash(form), form_word_count(form)))
    return rows


def import_roster(
    store: Store, kind: str, path: Path, key: bytes,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Parse, hash and swap in a roster; raises RosterFormatError/OSError and keeps the old one."""
    if kind not in KINDS:
        raise ValueError(f"kind must be pupils or staff, not {kind!r}")
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{path.name} is {size // 2**20} MB; a roster export should be far smaller")
    parsed = parse_roster_csv(path.read_bytes(), progress=progress)
    hasher = NameHasher(key)
    meta = RosterMeta(
        kind=kind, people=len(parsed.people), rejected=len(parsed.rejected),
        imported_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        source=path.name, key_id=key_id(key),
    )
    store.replace_roster(meta, roster_hashes(parsed, hasher))
    return ImportReport(kind, len(parsed.people), parsed.rejected, parsed.columns, parsed.encoding)


def load_index(store: Store, kind: str, hasher: NameHasher, key: bytes) -> RosterIndex:
    """The roster of `kind` as an in-memory index; empty when none was imported under this key."""
    index = RosterIndex(hasher)
    meta = store.roster_meta(kind)
    if meta is None or meta.key_id != key_id(key):
        return index
    for form, value, words in store.roster_hashes(kind):
        index.add(form, value, words)
    index.people = meta.people
    return index
