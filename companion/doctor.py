"""`postguard doctor`: checks what an installation can get wrong and says how to fix each."""

from __future__ import annotations

import json
import os
import tempfile
import urllib.request
from pathlib import Path

from companion.errors import ConfigError

OK, WARN, FAIL = "ok", "warn", "FAIL"


def _line(status: str, what: str, fix: str = "") -> None:
    print(f"[{status:>4}] {what}")
    if fix:
        print(f"       -> {fix}")


def run_doctor(school_file: Path | None, rules_dir: Path | None, port: int) -> int:
    from companion.engine.rulebook import load_rulebook
    from companion.engine.school import load_school
    from companion.paths import data_dir, default_rules_dir, default_school_file
    from companion.secretstore import SecretStore
    from companion.storage import Store

    failures = 0
    home = data_dir()
    try:
        with tempfile.NamedTemporaryFile(dir=home):
            pass
        _line(OK, f"data directory {home} is writable")
    except OSError as exc:
        failures += 1
        _line(FAIL, f"data directory {home} is not writable ({exc.strerror})", "set POSTGUARD_HOME to a folder this user owns")

    secrets = SecretStore(home)
    try:
        secrets.token()
        if secrets.fallback_reason:
            _line(WARN, f"secrets: {secrets.backend}", "install an OS keyring (Windows Credential Manager, macOS Keychain, "
                  "GNOME Keyring/KWallet) for better protection; the file is readable by this user only")
        else:
            _line(OK, f"secrets: {secrets.backend}")
    except Exception as exc:  # noqa: BLE001 - doctor reports everything
        failures += 1
        _line(FAIL, f"secrets cannot be read or written ({type(exc).__name__}: {exc})", "see docs on keyring setup")

    school = None
    school_path = school_file or default_school_file()
    try:
        school = load_school(school_path)
        _line(OK, f"school file {school_path}: {school.name}")
    except ConfigError as exc:
        failures += 1
        _line(FAIL, f"school file: {exc}", "fix the line named, or remove the file to use the default")
    rules_path = rules_dir or default_rules_dir()
    if school is not None:
        try:
            book = load_rulebook(rules_path, school)
            _line(OK, f"rules {rules_path}: {len(book.rules)} rules, version {book.version}")
        except ConfigError as exc:
            failures += 1
            _line(FAIL, f"rules: {exc}", "fix the line named; the companion will not start with a broken rule file")

    store = Store(home)
    for kind in ("pupils", "staff"):
        meta = store.roster_meta(kind)
        if meta is None:
            _line(WARN, f"no {kind} roster imported", f"postguard roster import --kind {kind} FILE.csv (names in posts are not recognised until then)")
        else:
            _line(OK, f"{kind} roster: {meta.people} people, imported {meta.imported_at}")
    store.close()

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as reply:
            health = json.load(reply)
        _line(OK, f"companion answering on port {port} (version {health.get('version')})")
        answering = True
    except OSError:
        answering = False
        _line(WARN, f"nothing answers on 127.0.0.1:{port}", "start it with `postguard serve`" +
              (f" (POSTGUARD_HOME={os.environ['POSTGUARD_HOME']})" if os.environ.get("POSTGUARD_HOME") else ""))
    from companion.deploy.checks import deployment_checks  # browser policy, pairing, roster age, sync

    failures += deployment_checks(_line, school_path, port, home, secrets, answering)
    return 1 if failures else 0
