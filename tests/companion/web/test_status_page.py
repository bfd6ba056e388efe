"""The status page at GET /: counts and versions only, behind the API's guards, never readable by web pages."""

from __future__ import annotations

import csv
import http.server
import os
import re
import shutil
import struct
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest

from companion import __version__
from companion.roster.importer import import_roster
from companion.secretstore import SecretStore
from companion.storage import Store
from conftest import DATA, REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def roster_names() -> list[str]:
    with (DATA / "pupils.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return [cell for row in rows[1:] for cell in row if cell.isalpha() and len(cell) > 3][:40]


def test_status_page_shows_counts_and_versions_only(client, companion):
    companion.store.count("pupil_reference", "pupil-name")
    companion.store.count("pupil_reference", "pupil-name")
    companion.feedback("pupil_reference", "pupil-name")
    reply = client.get("/")
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    page = reply.get_data(as_text=True)
    assert __version__ in page and companion.rulebook.version in page and "The Crypt School" in page
    assert f"pupils: {companion.roster_size('pupils')} people" in page
    assert "pupil-name" in page and "(1)" in page  # per rule, with the "wrong" reports
    assert re.search(r"<td>2 <span class=\"fa\">\(1\)</span></td>", page)
    assert not any(name in page for name in roster_names()), "never a name from the roster"
    assert companion.token() not in page


def test_status_page_loads_nothing_from_outside(client):
    page = client.get("/").get_data(as_text=True)
    assert not re.search(r"<(script|link|img|iframe)\b|src=|href=|url\(|@import", page, re.I)
    headers = client.get("/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "https://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"Host": "evil.example:17345"}, 421),
    ({"Host": "127.0.0.1.nip.io:17345"}, 421),
    ({"Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}, 403),
    ({"Sec-Fetch-Dest": "empty", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}, 403),
    ({"Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"}, 200),
])
def test_status_page_guards(client, headers, status):
    assert client.get("/", headers=headers).status_code == status


def test_pilot_mode_is_shown(home, tmp_path):
    from companion.service import Companion
    from companion.web import create_app
    from conftest import LoopbackClient, PORT

    home.mkdir(parents=True, exist_ok=True)
    (home / "school.toml").write_text((REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8").replace(
        "[policy]\n", "[policy]\npilot_until = 2099-12-01\n"), encoding="utf-8")
    service = Companion(home=home)
    try:
        app = create_app(service, port=PORT)
        page = LoopbackClient(app, app.response_class).get("/").get_data(as_text=True)
    finally:
        service.close()
    assert "ON</span> warnings are counted until 2099-12-01 but not shown to staff" in page


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    env = {**os.environ, "HOME": str(tmp_path)}  # never the real HOME
    return subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--disable-extensions", f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=90, env=env)


@pytest.fixture
def busy_home(home):
    """A data directory as IT finds it after a pilot week: rosters, counts, pilot mode on."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "school.toml").write_text((REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8").replace(
        "[policy]\n", "[policy]\npilot_until = 2099-12-01\n"), encoding="utf-8")
    store = Store(home)
    key = SecretStore(home).roster_key()
    import_roster(store, "pupils", DATA / "pupils.csv", key)
    import_roster(store, "staff", DATA / "staff.csv", key)
    today = date.today()
    from datetime import timedelta
    sample = [("pupil_reference", "pupil-name", 14, 1), ("school_reference", "school-name", 23, 6),
              ("missing_disclaimer", "disclaimer-missing", 9, 0), ("work_email", "work-email", 4, 0),
              ("colleague_reference", "colleague-name", 5, 2)]
    for week in range(4):
        for category, rule, warnings, wrong in sample:
            day = today - timedelta(weeks=week)
            for _ in range(max(warnings - week * 3, 1)):
                store.count(category, rule, "warning", day)
            for _ in range(wrong):
                store.count(category, rule, "false_alarm", day)
    store.close()
    return home


def test_status_page_in_headless_chromium(busy_home, served, tmp_path):
    url = f"http://127.0.0.1:{served.port}/"
    dom = _chromium(tmp_path, "--dump-dom", url)
    assert "PostGuard status" in dom.stdout and "ON</span>" in dom.stdout, dom.stderr[-2000:]
    assert "school-name" in dom.stdout
    shot = tmp_path / "status-page.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", "--hide-scrollbars", url)
    assert _png_size(shot) == (1200, 900)
    if os.environ.get("POSTGUARD_UPDATE_SCREENSHOT"):
        (REPO / "docs").mkdir(exist_ok=True)
        shutil.copy(shot, REPO / "docs" / "status-page.png")


def test_a_web_page_cannot_read_or_frame_the_status_page(served, tmp_path):
    """A page on another origin tries fetch() and an iframe; Chromium must give it nothing."""
    target = f"http://127.0.0.1:{served.port}/"
    page = tmp_path / "site"
    page.mkdir()
    (page / "index.html").write_text(f"""<!doctype html><body><iframe id=f src="{target}"></iframe><script>
fetch("{target}").then(r => r.text()).then(t => {{ document.body.dataset.got = t.includes("PostGuard status") ? "LEAKED" : "other"; }},
  () => {{ document.body.dataset.got = "blocked"; }});
</script></body>""", encoding="utf-8")
    handler = lambda *a, **k: _QuietHandler(*a, directory=str(page), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dom = _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom",
                        f"http://localhost:{server.server_address[1]}/index.html").stdout
    finally:
        server.shutdown()
        server.server_close()
    assert re.search(r'<body data-got="blocked">', dom), dom[:300]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
