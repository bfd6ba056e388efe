"""Post text never reaches the disk, the logs or error bodies: a marker string is sent every
way a post can arrive, then looked for everywhere the companion writes."""

import json
import sys
import subprocess

from conftest import DATA, REPO, files_under

MARKER = "Zq7MarkerPostText"



def test_marker_text_never_reaches_disk_logs_or_errors(served, home):
    subprocess.run([sys.executable, "-m", "companion", "roster", "import", "--kind", "pupils", str(DATA / "pupils.csv")],
                   cwd=REPO, check=True, capture_output=True)
    answers = [
        served.request("/v1/check", {"text": f"{MARKER} Oliver Bennett @CryptSchool"}),
        served.request("/v1/check", {"html": f"<p>{MARKER}</p>", "account": {"bio": MARKER}}),
        served.request("/v1/check", {"text": MARKER, "context": "login", "recipient": {"name": MARKER}}),
        served.request("/v1/check", raw=f'{{"text": "{MARKER}'.encode()),  # broken JSON
        served.request("/v1/check", {"text": MARKER, "now": "not a time"}),
        served.request("/v1/check", {"text": MARKER}, headers={"Authorization": "Bearer wrong"}),
        served.request("/v1/check", {"text": MARKER * 5000}),
    ]
    statuses = [status for status, _ in answers]
    assert statuses == [200, 200, 200, 400, 400, 401, 400]
    for status, body in answers:
        if status != 200:
            assert MARKER not in json.dumps(body)
    output = served.stop()
    assert MARKER not in output
    assert "listening on http://127.0.0.1" in output  # the log was captured at all
    files = list(files_under(home))
    assert any(f.name.startswith("postguard.sqlite3") for f in files)
    for path in files:
        assert MARKER.encode() not in path.read_bytes(), path


def test_cli_check_writes_nothing_with_the_text(home):
    subprocess.run([sys.executable, "-m", "companion", "check"], input=json.dumps({"text": MARKER}),
                   text=True, cwd=REPO, check=True, capture_output=True)
    for path in files_under(home):
        assert MARKER.encode() not in path.read_bytes(), path
