#!/usr/bin/env python3
"""The README's two commands, on a fresh machine with only Python 3.11+:

    python3 dev.py serve   # set up .venv and run the companion on 127.0.0.1:17345
    python3 dev.py test    # set up everything the tests need and run every test

`test` also installs what the browser tests need: the npm packages (npm ci) and, on
Debian/Ubuntu, the `chromium` package when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*cmd, **kwargs) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=kwargs.pop("cwd", ROOT), **kwargs)


def must(*cmd, **kwargs) -> None:
    code = run(*cmd, **kwargs)
    if code:
        sys.exit(f"dev.py: {' '.join(map(str, cmd))} failed with exit code {code}")


def stamp_of(*paths: Path, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv(extras: str) -> None:
    """Create .venv and install the companion (editable) once per change of its metadata."""
    if sys.version_info < (3, 11):
        sys.exit("dev.py: PostGuard needs Python 3.11 or newer")
    if not PYTHON.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = VENV / ".postguard-installed"
    wanted = stamp_of(ROOT / "setup.cfg", ROOT / "pyproject.toml", extra=extras)
    if marker.exists() and marker.read_text() == wanted:
        return
    say(f"installing the companion{f' with [{extras}]' if extras else ''} into .venv")
    target = f".[{extras}]" if extras else "."
    must(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target)
    marker.write_text(wanted)


def ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        must("apt-get", "update", "-qq")
        must("apt-get", "install", "-y", "-qq", "chromium", env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if not CHROMIUM.exists():
        sys.exit("dev.py: the browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)")


def ensure_node_modules() -> None:
    lock = ROOT / "package-lock.json"
    marker = ROOT / "node_modules" / ".postguard-installed"
    wanted = stamp_of(ROOT / "package.json", lock)
    if marker.exists() and marker.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("dev.py: the extension's tests need Node.js 20+ and npm")
    say("installing npm packages")
    must(npm, "ci" if lock.exists() else "install", "--no-audit", "--no-fund")
    marker.write_text(wanted)


def cmd_serve(args: list[str]) -> int:
    ensure_venv("")
    say("starting the companion on http://127.0.0.1:17345 (Ctrl+C stops it); pair the extension with: .venv/bin/postguard pair")
    return run(BIN / "postguard", "serve", *args)


def pytest_counts(report: Path) -> tuple[int, int]:
    """(passed, failed) from pytest's JUnit XML report."""
    import xml.etree.ElementTree as ET

    if not report.exists():
        return 0, 0
    passed = failed = 0
    for suite in ET.parse(report).getroot().iter("testsuite"):
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        failed += bad
        passed += int(suite.get("tests", 0)) - bad - int(suite.get("skipped", 0))
    return passed, failed


def run_counting_node(cmd: list, env: dict) -> tuple[int, int, int]:
    """Run node's test runner, echoing its output; (exit code, passed, failed) from its summary."""
    counts = {"pass": 0, "fail": 0}
    with subprocess.Popen([str(c) for c in cmd], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace") as process:
        for line in process.stdout:
            sys.stdout.write(line)
            match = re.match(r"^# (pass|fail) (\d+)\s*$", line)
            if match:
                counts[match.group(1)] += int(match.group(2))
    return process.returncode, counts["pass"], counts["fail"]


def cmd_test(args: list[str]) -> int:
    ensure_venv("test,images")
    ensure_chromium()  # the status page's test uses it too
    failures = []
    say("Python tests (pytest)")
    report = VENV / "pytest-report.xml"
    report.unlink(missing_ok=True)
    code = run(PYTHON, "-m", "pytest", "tests/companion", f"--junitxml={report}", *args)
    if code:
        failures.append(f"pytest exited {code}")
    passed, failed = pytest_counts(report)
    if (ROOT / "package.json").exists():
        ensure_node_modules()
        say("extension tests (node --test, headless Chromium)")
        env = {**os.environ, "POSTGUARD_BIN": str(BIN / "postguard")}
        code, node_passed, node_failed = run_counting_node([shutil.which("npm"), "test"], env)
        passed, failed = passed + node_passed, failed + node_failed
        if code:
            failures.append(f"npm test exited {code}")
    if failures:
        print("dev.py: FAILED: " + "; ".join(failures), file=sys.stderr)
    print(f"all tests: {passed} passed, {failed} failed")
    return 1 if failures else 0


def main() -> int:
    commands = {"serve": cmd_serve, "test": cmd_test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
