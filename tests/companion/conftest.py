"""Shared fixtures: a private data directory per test, a companion with rosters, a Flask client."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    test_client = app.test_client()
    test_client.environ_base.update({"HTTP_HOST": f"127.0.0.1:{PORT}"})
    return test_client


@pytest.fixture
def auth(companion) -> dict:
    return {"Authorization": f"Bearer {companion.token()}"}
