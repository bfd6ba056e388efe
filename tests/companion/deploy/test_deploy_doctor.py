"""`postguard doctor` on what a deployment gets wrong: policy, pairing, port, roster age, sync."""

from __future__ import annotations

import json
import re
import socket

import pytest

from companion.cli import main
from companion.deploy.settings import CHROME_ID
from companion.roster.importer import import_roster
from companion.secretstore import SecretStore
from companion.storage import RosterMeta, Store
from conftest import DATA, free_port


@pytest.fixture
def policy_dir(tmp_path, monkeypatch):
    folder = tmp_path / "etc/opt/chrome/policies/managed"
    folder.mkdir(parents=True)
    monkeypatch.setenv("POSTGUARD_POLICY_DIRS", str(folder))
    return folder


def write_policy(folder, token=None, port=None):
    managed = {"lockedCategories": [], "disabledSites": [], "failClosed": False}
    if token:
        managed["token"] = token
    if port:
        managed["companionPort"] = port
    (folder / "postguard.json").write_text(json.dumps({
        "ExtensionInstallForcelist": [f"{CHROME_ID};https://clients2.google.com/service/update2/crx"],
        "3rdparty": {"extensions": {CHROME_ID: managed}}}))


def doctor(capsys, port) -> tuple[int, str]:
    code = main(["doctor", "--port", str(port)])
    return code, capsys.readouterr().out


def test_no_policy_is_a_warning_with_a_fix(policy_dir, capsys):
    code, out = doctor(capsys, free_port())
    assert code == 0
    assert "[warn] no browser policy installs PostGuard" in out and "postguard policy generate" in out


def test_token_mismatch_fails_until_adopted(policy_dir, capsys, home):
    port = free_port()
    write_policy(policy_dir, token="x" * 43, port=port)
    code, out = doctor(capsys, port)
    assert code == 1 and "[FAIL] extension not paired" in out and "postguard policy adopt-token" in out
    assert "[  ok] browser policy for chrome" in out
    assert main(["policy", "adopt-token"]) == 0
    code, out = doctor(capsys, port)
    assert code == 0 and "[  ok] extension paired" in out


def test_policy_port_differs_from_the_companions(policy_dir, capsys, home):
    write_policy(policy_dir, token=SecretStore(home).token(), port=17346)
    code, out = doctor(capsys, 17347)
    assert code == 1 and "sends the extension to port 17346" in out and "--port 17346" in out


def test_old_roster_and_failed_sync_are_warned(policy_dir, capsys, home, tmp_path):
    home.mkdir(parents=True, exist_ok=True)
    store = Store(home)
    key = SecretStore(home).roster_key()
    import_roster(store, "pupils", DATA / "pupils.csv", key)
    meta = store.roster_meta("pupils")
    store.replace_roster(RosterMeta(**{**meta.__dict__, "imported_at": "2025-01-02T08:00:00+00:00"}), store.roster_hashes("pupils"))
    store.close()
    assert main(["sync", "--source", str(tmp_path / "unmounted-share")]) == 1
    code, out = doctor(capsys, free_port())
    assert re.search(r"\[warn\] pupils roster is \d+ days old", out)
    assert "[warn] last sync from" in out and "cannot reach" in out


def test_port_held_by_another_program(policy_dir, capsys):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        code, out = doctor(capsys, port)
    assert code == 1 and f"[FAIL] port {port} is taken by another program" in out and "--shared-host" in out


