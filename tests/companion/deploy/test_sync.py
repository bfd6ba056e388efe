"""`postguard sync`: updates from a share or https, all or nothing, last good copy kept."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from companion.deploy import sync as sync_mod
from companion.deploy.sync import SyncError, publish, read_state, sync, sync_companion
from companion.service import Companion
from conftest import DATA, REPO

SCHOOL = (REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8")


def make_share(root: Path, name: str = "Hill Top Academy", rosters: bool = True) -> Path:
    share = root / "share"
    (share / "rules").mkdir(parents=True)
    (share / "school.toml").write_text(SCHOOL.replace('name = "The Crypt School"', f'name = "{name}"'), encoding="utf-8")
    for path in [*(REPO / "rules").glob("*.toml"), *(REPO / "rules").glob("*.json")]:
        shutil.copy(path, share / "rules" / path.name)
    if rosters:
        (share / "rosters").mkdir()
        shutil.copy(DATA / "pupils.csv", share / "rosters" / "pupils.csv")
        shutil.copy(DATA / "staff.csv", share / "rosters" / "staff.csv")
    return share


@pytest.fixture
def service(home):
    companion = Companion(home=home)
    yield companion
    companion.close()


def run_sync(service, source) -> sync_mod.SyncResult:
    return sync(service.home, str(source), store=service.store, key=service.secrets.roster_key())


def test_sync_from_a_share_applies_school_rules_and_rosters(service, tmp_path, home):
    share = make_share(tmp_path)
    result = run_sync(service, share)
    assert "school.toml" in result.changed and any(c.startswith("rules") for c in result.changed)
    assert (home / "school.toml").read_text(encoding="utf-8").count("Hill Top Academy") == 1
    assert sorted(p.name for p in (home / "rules").iterdir()) == sorted(p.name for p in (share / "rules").iterdir())
    assert (home / "rules" / "wording-model.json").is_file()
    assert result.rosters["pupils"] > 0 and service.store.roster_meta("staff").people > 0
    assert not list(home.rglob("*.csv")), "roster CSVs are hashed in memory, never copied"
    assert read_state(home)["last_result"] == "ok"
    # A second sync finds nothing new.
    assert run_sync(service, share).changed == []


def test_running_companion_reloads_after_sync(service, tmp_path):
    share = make_share(tmp_path, rosters=False)
    assert sync_companion(service, str(share)) is not None
    assert service.school.name == "Hill Top Academy"
    assert service.check({"text": "Great day at Hill Top Academy!"}) is not None


def test_unreachable_source_keeps_last_good_copy(service, tmp_path, home):
    share = make_share(tmp_path, rosters=False)
    run_sync(service, share)
    before = (home / "school.toml").read_bytes()
    with pytest.raises(SyncError, match="cannot reach"):
        run_sync(service, tmp_path / "not-mounted")
    assert (home / "school.toml").read_bytes() == before
    state = read_state(home)
    assert state["last_result"] == "failed" and "cannot reach" in state["last_error"]
    assert sync_companion(service, str(tmp_path / "not-mounted")) is None  # the server's hook never raises


def test_invalid_update_is_not_applied(service, tmp_path, home):
    share = make_share(tmp_path, rosters=False)
    run_sync(service, share)
    rules_before = {p.name: p.read_bytes() for p in (home / "rules").glob("*.toml")}
    (share / "rules" / "pupil-name.toml").write_text('category = "pupil_reference"\nmatcher = "nonsense"\n', encoding="utf-8")
    (share / "school.toml").write_text(SCHOOL.replace("The Crypt School", "Changed School"), encoding="utf-8")
    with pytest.raises(SyncError, match="not valid.*pupil-name.toml"):
        run_sync(service, share)
    assert "Hill Top Academy" in (home / "school.toml").read_text(encoding="utf-8")
    assert {p.name: p.read_bytes() for p in (home / "rules").glob("*.toml")} == rules_before
    assert not list(home.glob(".sync-staging-*")) and not list(home.glob(".rules-old-*"))


def test_half_copied_file_is_refused_by_the_manifest(service, tmp_path, home):
    share = make_share(tmp_path, rosters=False)
    publish(share)
    manifest = json.loads((share / "postguard-manifest.json").read_text())
    assert "school.toml" in manifest["files"] and manifest["version"]
    good = (share / "school.toml").read_bytes()
    (share / "school.toml").write_bytes(good[: len(good) // 2])  # IT's copy is half-way through
    with pytest.raises(SyncError, match="does not match"):
        run_sync(service, share)
    assert not (home / "school.toml").exists()
    (share / "school.toml").write_bytes(good)
    assert "school.toml" in run_sync(service, share).changed


def test_truncated_roster_is_refused(service, tmp_path):
    share = make_share(tmp_path)
    run_sync(service, share)
    people = service.store.roster_meta("pupils").people
    lines = (DATA / "pupils.csv").read_text(encoding="utf-8-sig").splitlines()
    (share / "rosters" / "pupils.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(SyncError, match="cut-short"):
        run_sync(service, share)
    assert service.store.roster_meta("pupils").people == people


def test_publish_refuses_a_broken_folder(tmp_path):
    share = make_share(tmp_path, rosters=False)
    (share / "school.toml").write_text("[school]\nname = \n", encoding="utf-8")
    with pytest.raises(Exception, match="school.toml"):
        publish(share)
    assert not (share / "postguard-manifest.json").exists()


def test_crash_mid_swap_is_recovered(tmp_path):
    home = tmp_path / "h"
    (home / ".rules-old-1-2").mkdir(parents=True)
    (home / ".rules-old-1-2" / "x.toml").write_text("x")
    (home / ".sync-staging-abc").mkdir()
    sync_mod.recover(home)
    assert (home / "rules" / "x.toml").exists() and not list(home.glob(".*"))


class _Share(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def web_share(tmp_path):
    share = make_share(tmp_path)
    handler = lambda *a, **k: _Share(*a, directory=str(share), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield share, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_sync_over_http_needs_a_manifest_and_never_takes_rosters(service, web_share, home):
    share, url = web_share
    with pytest.raises(SyncError, match="no postguard-manifest.json"):
        run_sync(service, url)
    publish(share)
    result = run_sync(service, url)
    assert "school.toml" in result.changed and result.rosters == {}
    assert any("rosters travel only on the school's file share" in w for w in result.warnings)
    assert service.store.roster_meta("pupils") is None


def test_plain_http_to_another_host_is_refused(service):
    with pytest.raises(SyncError, match="must be https"):
        run_sync(service, "http://files.school.example/postguard/")


def test_manifest_may_not_name_other_files(service, tmp_path):
    share = make_share(tmp_path, rosters=False)
    (share / "postguard-manifest.json").write_text(json.dumps(
        {"version": "1", "files": {"../secrets.json": hashlib.sha256(b"").hexdigest()}}))
    with pytest.raises(SyncError, match="does not take"):
        run_sync(service, share)


def test_sync_command_line(tmp_path, home, capsys):
    from companion.cli import main

    share = make_share(tmp_path)
    assert main(["sync"]) == 1 and "no sync source" in capsys.readouterr().err
    assert main(["sync", "--publish", str(share)]) == 0
    assert "Published version" in capsys.readouterr().out
    assert main(["sync", "--source", str(share)]) == 0
    out = capsys.readouterr().out
    assert "applied school.toml" in out and "pupils roster" in out
    assert main(["sync"]) == 0 and "up to date" in capsys.readouterr().out  # the source was remembered
    assert main(["sync", "--status"]) == 0 and "last result: ok" in capsys.readouterr().out
    assert main(["roster", "status"]) == 0 and "sync:rosters/pupils.csv" in capsys.readouterr().out


def test_serve_syncs_at_start(tmp_path, home):
    """The hook in companion/server.py: a served companion fetches the share when it starts."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import free_port

    share = make_share(tmp_path, rosters=False)
    port = free_port()
    env = {**os.environ, "POSTGUARD_SYNC_SOURCE": str(share)}
    process = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--port", str(port)], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, page = time.monotonic() + 30, ""
        while time.monotonic() < deadline and "Hill Top Academy" not in page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    page = reply.read().decode()
            except OSError:
                pass
            time.sleep(0.2)
        assert "Hill Top Academy" in page, "the companion did not sync at start"
        assert read_state(home)["last_result"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)
