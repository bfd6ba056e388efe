"""`postguard sync`: the school file, rules and rosters from IT's file share or web server.

The source is a folder (a mapped drive, a UNC path such as \\\\fileserver\\PostGuard, a
file:// URL) or an https:// URL, laid out as

    school.toml
    rules/*.toml, rules/*.json                (rules, and the wording model they read)
    rosters/pupils.csv, rosters/staff.csv     (file shares only: see docs/deploy.md)
    postguard-manifest.json                   (`postguard sync --publish DIR` writes it)

The manifest lists every file with its SHA-256. It is required for https sources and,
when present on a share, a file that does not match it (IT is half-way through copying)
stops the sync. An update is applied only when it is complete and valid: the school file
and rules are written to a staging folder in the data directory and loaded with the
companion's own loaders; rosters are parsed in memory. Only then is the staging folder
swapped in. Anything wrong (source unreachable, a broken file, a roster that lost half its
rows) keeps the last good copy and is reported by `postguard sync`, the status page and
`postguard doctor`. Roster CSVs are never written to disk: they are hashed in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from companion.errors import ConfigError

log = logging.getLogger("postguard.sync")
MANIFEST = "postguard-manifest.json"
STATE = "sync-state.json"
LOCK = "sync.lock"
ROSTER_KINDS = ("pupils", "staff")
MAX_RULE_BYTES = 1024 * 1024
MAX_MODEL_BYTES = 32 * 1024 * 1024  # rules/*.json: the wording model grows with the corpus
MAX_ROSTER_BYTES = 50 * 1024 * 1024
MIN_ROSTER_SHARE = 0.5  # a roster that suddenly lost more than half its people is a truncated export
TIMEOUT = 20


class SyncError(RuntimeError):
    """The update was not applied; the message says why, and the last good copy stays."""


@dataclass
class SyncResult:
    source: str
    changed: list[str] = field(default_factory=list)
    rosters: dict[str, int] = field(default_factory=dict)
    version: str = ""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.changed:
            return f"up to date with {self.source}"
        return f"applied {', '.join(self.changed)} from {self.source}"


# -- the source --------------------------------------------------------------------------------
def is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


def _local(source: str) -> Path:
    if source.lower().startswith("file://"):
        parsed = urllib.parse.urlparse(source)
        path = urllib.request.url2pathname(parsed.path)
        return Path(f"//{parsed.netloc}{path}" if parsed.netloc else path)
    return Path(source).expanduser()


class _Source:
    def __init__(self, source: str) -> None:
        self.source = source.strip()
        if self.source.lower().startswith("http://") and not self.source.lower().startswith(("http://127.0.0.1", "http://localhost")):
            raise SyncError("the sync source must be https:// (or a file share): plain http could be tampered with on the way")
        self.url = is_url(self.source)
        self.base = self.source.rstrip("/") + "/" if self.url else None
        self.folder = None if self.url else _local(self.source)

    def read(self, name: str, limit: int) -> bytes | None:
        """The file's bytes, None when it is not there; SyncError when the source cannot be read."""
        if self.url:
            request = urllib.request.Request(urllib.parse.urljoin(self.base, urllib.parse.quote(name)),
                                             headers={"User-Agent": "PostGuard-sync", "Cache-Control": "no-cache"})
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as reply:
                    if reply.geturl().split(":", 1)[0].lower() != self.source.split(":", 1)[0].lower():
                        raise SyncError(f"{self.source} redirected {name} to another kind of address; refused")
                    data = reply.read(limit + 1)
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                raise SyncError(f"{self.source} answered {exc.code} for {name}") from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise SyncError(f"cannot reach {self.source} ({reason})") from None
        else:
            path = self.folder / name
            try:
                before = path.stat()
                with path.open("rb") as handle:
                    data = handle.read(limit + 1)
                after = path.stat()
            except FileNotFoundError:
                if not self.folder.is_dir():
                    raise SyncError(f"cannot reach {self.source} (no such folder, or the share is not connected)") from None
                return None
            except OSError as exc:
                raise SyncError(f"cannot read {path} ({exc.strerror or exc})") from None
            if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
                raise SyncError(f"{name} changed while it was read (IT is copying it): trying again later")
        if len(data) > limit:
            raise SyncError(f"{name} is larger than {limit // 1024} KiB; that is not a PostGuard file")
        return data

    def listing(self) -> dict[str, str | None]:
        """{relative name: expected sha256 or None}: the manifest's list, else the folder's files."""
        raw = self.read(MANIFEST, MAX_RULE_BYTES)
        if raw is not None:
            try:
                manifest = json.loads(raw)
                files = manifest["files"]
                if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                raise SyncError(f"{MANIFEST} on {self.source} is damaged or half-written: trying again later") from None
            for name in files:
                if name.startswith(("/", "\\")) or ".." in Path(name).parts or not _wanted(name):
                    raise SyncError(f"{MANIFEST} names {name!r}, which PostGuard does not take")
            self.version = str(manifest.get("version", ""))
            return dict(files)
        self.version = ""
        if self.url:
            raise SyncError(f"{self.source} has no {MANIFEST}: publish with `postguard sync --publish DIR` first")
        if not self.folder.is_dir():
            raise SyncError(f"cannot reach {self.source} (no such folder, or the share is not connected)")
        names = {}
        for path in sorted(self.folder.rglob("*")):
            name = path.relative_to(self.folder).as_posix()
            if path.is_file() and _wanted(name):
                names[name] = None
        return names


RULE_FILES = (".toml", ".json")


def _wanted(name: str) -> bool:
    parts = name.split("/")
    return (name == "school.toml" or (len(parts) == 2 and parts[0] == "rules" and parts[1].endswith(RULE_FILES))
            or name in {f"rosters/{k}.csv" for k in ROSTER_KINDS})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- state ---------------------------------------------------------------------------------------
def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_state(home: Path) -> dict:
    try:
        return json.loads((Path(home) / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_state(home: Path, state: dict) -> None:
    path = Path(home) / STATE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def configured_source(home: Path, school_file: Path | None = None) -> str:
    """POSTGUARD_SYNC_SOURCE, else the source `sync --source` saved, else the school file's deploy.sync_source."""
    if os.environ.get("POSTGUARD_SYNC_SOURCE"):
        return os.environ["POSTGUARD_SYNC_SOURCE"]
    saved = read_state(home).get("configured_source")
    if saved:
        return saved
    if school_file is not None:
        from companion.deploy.settings import safe_load_deploy

        return safe_load_deploy(school_file).sync_source
    return ""


class _Lock:
    def __init__(self, home: Path) -> None:
        self.path = Path(home) / LOCK

    def __enter__(self):
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                return self
            except FileExistsError:
                try:
                    if time.time() - self.path.stat().st_mtime > 600:  # left by a crashed sync
                        self.path.unlink()
                        continue
                except FileNotFoundError:
                    continue
                raise SyncError("another sync is running") from None
        raise SyncError("another sync is running")

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)


# -- applying --------------------------------------------------------------------------------------
def recover(home: Path) -> None:
    """Finish or undo a swap that a crash interrupted, and clear leftover staging folders."""
    home = Path(home)
    old = sorted(home.glob(".rules-old-*"))
    if old and not (home / "rules").exists():
        os.replace(old[-1], home / "rules")
        old = old[:-1]
    for leftover in [*old, *home.glob(".sync-staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _digest_dir(rules: Path) -> str:
    digest = hashlib.sha256()
    if rules.is_dir():
        for path in sorted(p for p in rules.iterdir() if p.name.endswith(RULE_FILES)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def sync(home: Path, source: str, school_file: Path | None = None, rules_dir: Path | None = None,
         store=None, key: bytes | None = None, save_source: bool = False) -> SyncResult:
    """Fetch, validate and apply; raises SyncError (and keeps everything as it was) when it cannot."""
    from companion.engine.rulebook import load_rulebook
    from companion.engine.school import load_school
    from companion.paths import default_rules_dir, default_school_file

    home = Path(home)
    state = read_state(home)
    state.update(last_attempt=_now(), source=source)
    if save_source:
        state["configured_source"] = source
    try:
        with _Lock(home):
            recover(home)
            result = _sync_locked(home, _Source(source), state, school_file or default_school_file(),
                                  rules_dir or default_rules_dir(), store, key, load_school, load_rulebook)
    except SyncError as exc:
        state.update(last_result="failed", last_error=str(exc))
        _write_state(home, state)
        raise
    state.update(last_result="ok", last_error="", last_success=_now(), version=result.version,
                 last_changed=result.changed or state.get("last_changed", []))
    if result.changed:
        state["last_applied"] = _now()
    _write_state(home, state)
    return result


def _sync_locked(home, src: _Source, state, current_school, current_rules, store, key, load_school, load_rulebook) -> SyncResult:
    from companion.roster.importer import key_id

    result = SyncResult(src.source)
    listing = src.listing()
    result.version = src.version
    files: dict[str, bytes] = {}
    for name, expected in listing.items():
        roster = name.startswith("rosters/")
        if roster and src.url:
            result.warnings.append(f"{name} skipped: rosters travel only on the school's file share, never over the web")
            continue
        data = src.read(name, MAX_ROSTER_BYTES if roster else MAX_MODEL_BYTES if name.endswith(".json") else MAX_RULE_BYTES)
        if data is None:
            if expected is not None:
                raise SyncError(f"{name} is listed in {MANIFEST} but missing: IT is mid-update, trying again later")
            continue
        if expected is not None and _sha(data) != expected.lower():
            raise SyncError(f"{name} does not match {MANIFEST} (half-copied or changed since publishing): "
                            f"keeping the current copy")
        files[name] = data
    rules = {n.split("/", 1)[1]: d for n, d in files.items() if n.startswith("rules/")}
    if not files:
        raise SyncError(f"{src.source} holds no school.toml, rules/ or rosters/")

    staging = Path(tempfile.mkdtemp(prefix=".sync-staging-", dir=home))
    try:
        school_path = Path(current_school)
        if "school.toml" in files:
            school_path = staging / "school.toml"
            school_path.write_bytes(files["school.toml"])
        rules_path = Path(current_rules)
        if rules:
            rules_path = staging / "rules"
            rules_path.mkdir()
            for name, data in rules.items():
                (rules_path / name).write_bytes(data)
        try:
            school = load_school(school_path)
            load_rulebook(rules_path, school)
        except ConfigError as exc:
            shown = str(exc).replace(str(staging) + os.sep, "")
            raise SyncError(f"the update is not valid, so it was not applied: {shown}") from None

        parsed = _parse_rosters(files, store)

        # Everything is valid: swap in what changed.
        if "school.toml" in files:
            target = home / "school.toml"
            if not target.exists() or target.read_bytes() != files["school.toml"]:
                os.replace(school_path, target)
                result.changed.append("school.toml")
        if rules and _digest_dir(rules_path) != _digest_dir(home / "rules"):
            old = None
            if (home / "rules").exists():
                old = home / f".rules-old-{os.getpid()}-{time.monotonic_ns()}"
                os.replace(home / "rules", old)
            os.replace(rules_path, home / "rules")
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
            result.changed.append(f"rules ({len(rules)} files)")
        digests = state.setdefault("rosters", {})
        for kind, (digest, roster) in parsed.items():
            meta = store.roster_meta(kind)
            if digests.get(kind) == digest and meta is not None and meta.key_id == key_id(key):
                continue  # unchanged, and hashed under this install's current key
            _store_roster(store, kind, roster, key)
            digests[kind] = digest
            result.rosters[kind] = len(roster.people)
            result.changed.append(f"{kind} roster ({len(roster.people)} people)")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _parse_rosters(files: dict[str, bytes], store) -> dict:
    from companion.roster.mis_csv import RosterFormatError, parse_roster_csv

    parsed = {}
    for kind in ROSTER_KINDS:
        data = files.get(f"rosters/{kind}.csv")
        if data is None:
            continue
        if store is None:
            raise SyncError("rosters can only be synced with the data directory's store")
        try:
            roster = parse_roster_csv(data)
        except (RosterFormatError, ValueError) as exc:
            raise SyncError(f"rosters/{kind}.csv cannot be read, so no roster was changed: {exc}") from None
        if not roster.people:
            raise SyncError(f"rosters/{kind}.csv has no usable rows; the current {kind} roster is kept")
        meta = store.roster_meta(kind)
        if meta is not None and len(roster.people) < meta.people * MIN_ROSTER_SHARE:
            raise SyncError(f"rosters/{kind}.csv has {len(roster.people)} people where the current roster has "
                            f"{meta.people}: a cut-short export? Import it by hand if it is right "
                            f"(postguard roster import --kind {kind} FILE)")
        parsed[kind] = (_sha(data), roster)
    return parsed


def _store_roster(store, kind: str, roster, key: bytes) -> None:
    from companion.roster.importer import key_id, roster_hashes
    from companion.roster.names import NameHasher
    from companion.storage import RosterMeta

    meta = RosterMeta(kind=kind, people=len(roster.people), rejected=len(roster.rejected),
                      imported_at=_now(), source=f"sync:rosters/{kind}.csv", key_id=key_id(key))
    store.replace_roster(meta, roster_hashes(roster, NameHasher(key)))


# -- publishing -------------------------------------------------------------------------------------
def publish(folder: Path, version: str | None = None) -> dict:
    """Validate the folder IT edits and write its manifest last, so companions see all or nothing."""
    from companion.engine.rulebook import load_rulebook
    from companion.engine.school import load_school
    from companion.paths import default_rules_dir

    folder = Path(folder)
    school_path = folder / "school.toml"
    if not school_path.exists():
        raise SyncError(f"{folder} has no school.toml")
    school = load_school(school_path)
    rules_dir = folder / "rules" if (folder / "rules").is_dir() else default_rules_dir()
    book = load_rulebook(rules_dir, school)
    files = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and _wanted(name):
            files[name] = _sha(path.read_bytes())
    manifest = {"version": version or f"{book.version}+{datetime.now(timezone.utc):%Y%m%d%H%M%S}",
                "published": _now(), "files": files}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    return manifest


# -- the running companion ----------------------------------------------------------------------------
def reload_companion(companion) -> None:
    """Point a running companion at the synced school file and rules (files given on its command line stay)."""
    from companion import paths
    from companion.engine.checker import Checker
    from companion.engine.rulebook import load_rulebook
    from companion.engine.school import load_school

    home = Path(companion.home)
    school_defaults = {home / "school.toml", paths._REPO / "school" / "crypt-school.toml",
                       paths._SHARE / "school" / "crypt-school.toml"}
    rules_defaults = {home / "rules", paths._REPO / "rules", paths._SHARE / "rules"}
    school_file = paths.default_school_file() if Path(companion.school_file) in school_defaults else Path(companion.school_file)
    rules_dir = paths.default_rules_dir() if Path(companion.rules_dir) in rules_defaults else Path(companion.rules_dir)
    school = load_school(school_file)
    rulebook = load_rulebook(rules_dir, school)
    checker = Checker(rulebook, school, companion.language, rosters=companion.checker.rosters,
                      enabled=companion.is_enabled)
    # One assignment each: a check running meanwhile uses the old or the new checker, never half of each.
    companion.school_file, companion.rules_dir = school_file, rules_dir
    companion.school, companion.rulebook, companion.checker = school, rulebook, checker


def sync_companion(companion, source: str | None = None) -> SyncResult | None:
    """One sync for a running companion (start-up and every few hours); never raises."""
    source = source or configured_source(companion.home, companion.school_file)
    if not source:
        return None
    try:
        result = sync(companion.home, source, store=companion.store, key=companion.secrets.roster_key())
    except SyncError as exc:
        log.warning("sync: %s (keeping the last good copy)", exc)
        return None
    except Exception as exc:  # noqa: BLE001 - a sync must never stop the companion
        log.error("sync failed unexpectedly (%s); keeping the last good copy", type(exc).__name__)
        return None
    if any(c == "school.toml" or c.startswith("rules") for c in result.changed):
        try:
            reload_companion(companion)
        except ConfigError as exc:  # cannot happen after validation, but never crash the server
            log.error("sync: applied files did not load (%s)", exc)
    log.info("sync: %s", result.summary())
    return result


def start_background_sync(companion, hours: float | None = None):
    """Sync now and then every few hours, in a daemon thread; returns the thread (None: no source configured)."""
    import threading

    from companion.deploy.settings import safe_load_deploy

    if not configured_source(companion.home, companion.school_file):
        return None
    if hours is None:
        env = os.environ.get("POSTGUARD_SYNC_HOURS")
        hours = float(env) if env else safe_load_deploy(companion.school_file).sync_hours
    stop = threading.Event()

    def run():
        while not stop.is_set():
            sync_companion(companion)
            stop.wait(max(hours, 0.001) * 3600)

    thread = threading.Thread(target=run, name="postguard-sync", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread
