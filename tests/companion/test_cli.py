"""The command line, run as a user runs it: a real process, standard input and output."""

import json
import os
import subprocess
import sys
import time

from conftest import DATA, REPO

# A Saturday morning: on a school-day morning the shipped timetable adds lesson_time to every post.
OUTSIDE_LESSONS = "2026-11-21T11:00:00"


def postguard(*args, input: str = "", env_extra: dict | None = None, timeout: float = 60):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "companion", *args], input=input, capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=REPO)


def test_check_answers_one_request_like_the_api():
    result = postguard("check", input=json.dumps({"text": "Proud of @CryptSchool", "now": OUTSIDE_LESSONS}))
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [f["category"] for f in body["findings"]] == ["school_reference", "missing_disclaimer"]


def test_check_jsonl_answers_every_line_and_reports_bad_ones():
    lines = "\n".join([json.dumps({"text": "hello", "now": OUTSIDE_LESSONS}), "{broken", json.dumps({"html": "<p>jo@cryptschool.example</p>", "now": OUTSIDE_LESSONS})])
    result = postguard("check", "--jsonl", input=lines + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3
    assert answers[0]["findings"] == []
    assert answers[1]["error"]["code"] == "invalid_json"
    assert answers[2]["findings"][0]["category"] == "work_email" and answers[2]["text"] == "jo@cryptschool.example"
    assert result.returncode == 1


def test_check_with_another_school_file(tmp_path):
    school = tmp_path / "other.toml"
    school.write_text('[school]\nname = "Ysgol Glan Llyn"\nemail_domains = ["glanllyn.sch.cymru"]\n')
    result = postguard("check", "--school", str(school), input=json.dumps({"text": "Diwrnod gwych yn Ysgol Glan Llyn", "now": OUTSIDE_LESSONS}))
    categories = [f["category"] for f in json.loads(result.stdout)["findings"]]
    assert categories == ["school_reference", "missing_disclaimer"]
    crypt = postguard("check", "--school", str(school), input=json.dumps({"text": "Proud of The Crypt School", "now": OUTSIDE_LESSONS}))
    assert json.loads(crypt.stdout)["findings"] == []


def test_broken_school_file_is_a_clear_error(tmp_path):
    school = tmp_path / "bad.toml"
    school.write_text("[school]\nname = 3\n")
    result = postguard("check", "--school", str(school), input="{}")
    assert result.returncode == 1
    assert f"{school}, line 2" in result.stderr and "school.name" in result.stderr


def test_roster_import_status_and_clear():
    imported = postguard("roster", "import", "--kind", "pupils", str(DATA / "pupils.csv"))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 6 pupils" in imported.stdout
    assert "100%" in imported.stderr  # progress
    status = postguard("roster", "status")
    assert "pupils: 6 people" in status.stdout and "staff: none imported" in status.stdout
    checked = postguard("check", input=json.dumps({"text": "Well done Oliver Bennett", "now": OUTSIDE_LESSONS}))
    assert json.loads(checked.stdout)["findings"][0]["category"] == "pupil_reference"
    cleared = postguard("roster", "clear", "--kind", "pupils")
    assert cleared.returncode == 0
    assert "pupils: none imported" in postguard("roster", "status").stdout


def test_roster_import_of_a_bad_file_keeps_the_old_roster(tmp_path):
    postguard("roster", "import", "--kind", "pupils", str(DATA / "pupils.csv"))
    bad = tmp_path / "export.csv"
    bad.write_text("Colour,Size\nred,big\n")
    result = postguard("roster", "import", "--kind", "pupils", str(bad))
    assert result.returncode == 1
    assert "unchanged" in result.stderr
    assert "pupils: 6 people" in postguard("roster", "status").stdout


def test_roster_import_reports_rejected_rows(tmp_path):
    csv = tmp_path / "pupils.csv"
    csv.write_text("Forename,Surname\nAmira,Khan\nBen,\n")
    result = postguard("roster", "import", "--kind", "pupils", str(csv))
    assert "Imported 1 pupils" in result.stdout and "row 3:" in result.stdout


def test_token_is_stable():
    first, second = postguard("token").stdout.strip(), postguard("token").stdout.strip()
    assert first == second and len(first) >= 40


def test_doctor_reports_what_to_fix():
    result = postguard("doctor", "--port", "1")
    assert result.returncode == 0
    assert "no pupils roster imported" in result.stdout and "postguard roster import" in result.stdout
    assert "rules" in result.stdout and "[  ok] school file" in result.stdout


def test_serve_answers_on_loopback_and_refuses_a_taken_port(served):
    status, body = served.request("/v1/check", {"text": "Go @CryptSchool", "now": OUTSIDE_LESSONS})
    assert status == 200 and body["findings"][0]["category"] == "school_reference"
    second = postguard("serve", "--port", str(served.port), timeout=30)
    assert second.returncode == 1 and "already in use" in second.stderr


def test_serve_refuses_a_non_loopback_address():
    result = postguard("serve", "--host", "0.0.0.0", "--port", "0")
    assert result.returncode == 1 and "only listens on 127.0.0.1" in result.stderr


def test_pair_shows_a_code_the_running_companion_accepts(served):
    result = postguard("pair")
    assert result.returncode == 0
    code = next(word for word in result.stdout.split() if len(word) == 9 and word[4] == "-")
    status, body = served.request("/v1/pair", {"code": code}, headers={"Authorization": ""})
    assert status == 200 and len(body["token"]) >= 40
    status, _ = served.request("/v1/check", {"text": "hi", "now": OUTSIDE_LESSONS}, headers={"Authorization": f"Bearer {body['token']}"})
    assert status == 200
    postguard("pair", "--forget")
    status, _ = served.request("/v1/check", {"text": "hi", "now": OUTSIDE_LESSONS}, headers={"Authorization": f"Bearer {body['token']}"})
    assert status == 401


def test_roster_rekey_deletes_the_rosters_and_a_new_import_works(served):
    postguard("roster", "import", "--kind", "pupils", str(DATA / "pupils.csv"))
    rekeyed = postguard("roster", "rekey")
    assert rekeyed.returncode == 0 and "Import them again" in rekeyed.stdout
    assert "pupils: none imported" in postguard("roster", "status").stdout
    postguard("roster", "import", "--kind", "pupils", str(DATA / "pupils.csv"))
    deadline = time.monotonic() + 10
    while True:  # the server notices the new key and roster within a few seconds
        status, body = served.request("/v1/check", {"text": "Well done Oliver Bennett", "now": OUTSIDE_LESSONS})
        if body["findings"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert [f["category"] for f in body["findings"]] == ["pupil_reference"]
