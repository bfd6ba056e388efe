"""Shared fixtures: a private data directory per test, a companion with rosters, a Flask client."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from companion.roster.importer import import_roster
from companion.service import Companion
from companion.web import create_app

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
PORT = 17345


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data directory and never touches the machine's keyring."""
    path = tmp_path / "home"
    monkeypatch.setenv("POSTGUARD_HOME", str(path))
    monkeypatch.setenv("POSTGUARD_SECRETS", "file")
    for name in ("POSTGUARD_RULES", "POSTGUARD_SCHOOL"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture(autouse=True)
def outside_lessons(monkeypatch):
    """Requests without `now` are checked on a Saturday morning, whenever the tests run: the
    shipped timetable would otherwise add lesson_time to every post on a school-day morning.
    Tests of the timetable give their own `now`."""
    monkeypatch.setattr("companion.engine.checker.local_now", lambda: datetime(2026, 11, 21, 11, 0))


@pytest.fixture
def companion(home) -> Companion:
    service = Companion(home=home)
    key = service.secrets.roster_key()
    import_roster(service.store, "pupils", DATA / "pupils.csv", key)
    import_roster(service.store, "staff", DATA / "staff.csv", key)
    service.refresh_rosters(force=True)
    yield service
    service.close()


@pytest.fixture
def check(companion):
    """check("text", **fields) -> {category: [matched words, …]}"""

    def run(text: str | None = None, **fields) -> dict[str, list[str]]:
        body = dict(fields)
        if text is not None:
            body["text"] = text
        response = companion.check(body)
        shown = response.get("text", text)
        out: dict[str, list[str]] = {}
        for finding in response["findings"]:
            out.setdefault(finding["category"], []).extend(shown[s["start"]:s["end"]] for s in finding["spans"])
        return out

    return run


@pytest.fixture
def client(companion):
    app = create_app(companion, port=PORT)
    return LoopbackClient(app, app.response_class, use_cookies=False)


class LoopbackClient(FlaskClient):
    """A test client whose requests are addressed to 127.0.0.1:PORT, as the extension's are."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("base_url", f"http://127.0.0.1:{PORT}")
        return super().open(*args, **kwargs)


@pytest.fixture
def auth(companion) -> dict:
    return {"Authorization": f"Bearer {companion.token()}"}


def files_under(path: Path):
    """Every file below `path`: where a privacy test looks for what must never be written."""
    for root, _dirs, files in os.walk(path):
        for name in files:
            yield Path(root) / name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    port: int
    token: str
    process: subprocess.Popen
    lines: list

    def stop(self) -> str:
        """Stop the server and return everything it logged."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        return "".join(self.lines)

    def request(self, path: str, body=None, headers: dict | None = None, raw: bytes | None = None):
        """(status, decoded JSON body) of a request to the served companion."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def served(home):
    """The real companion under waitress, in its own process, on a free loopback port."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--port", str(port)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1):
                break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("companion did not start: " + (process.stdout.read() or ""))
            time.sleep(0.05)
    token = subprocess.run([sys.executable, "-m", "companion", "token"], capture_output=True, text=True,
                           cwd=REPO, check=True).stdout.strip()
    lines: list[str] = []
    served = Served(port, token, process, lines)
    served._reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    served._reader.start()  # drain the log so the server never blocks writing it
    yield served
    served.stop()
