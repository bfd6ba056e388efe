"""The HTTP API through the real Flask app: contract shapes, guards and plain-worded errors."""

import json

import pytest

from companion.engine.categories import CATEGORY_IDS
from companion.web.origins import PINNED_EXTENSION_IDS

EXTENSION = f"chrome-extension://{PINNED_EXTENSION_IDS[0]}"


def post(client, body, headers=None, **kwargs):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/v1/check", data=data, headers=headers or {}, content_type=kwargs.pop("content_type", "application/json"), **kwargs)


def error_of(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]


def test_health_needs_no_token_and_reveals_nothing(client):
    response = client.get("/v1/health")
    assert response.status_code == 200
    assert set(response.get_json()) == {"status", "version"}


def test_check_answers_with_findings_and_language(client, auth):
    response = post(client, {"text": "Well done Oliver Bennett", "site": "x.com"}, auth)
    assert response.status_code == 200
    body = response.get_json()
    assert body["language"] == "en"
    (finding,) = body["findings"]
    assert finding["category"] == "pupil_reference" and finding["spans"] == [{"start": 10, "end": 24}]
    assert {"rule", "severity", "message", "clause", "suggestion"} <= set(finding)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}])
def test_check_without_the_token_is_refused(client, headers):
    response = post(client, {"text": "hello"}, headers)
    assert response.status_code == 401
    assert "postguard token" in error_of(response)["message"]


@pytest.mark.parametrize("host", ["evil.example:17345", "127.0.0.1:9999", "localhost.:17345", "attacker.127.0.0.1.nip.io:17345", ""])
def test_other_hosts_are_refused_before_any_handler(client, auth, host):
    response = client.post("/v1/check", data='{"text": "x"}', content_type="application/json",
                           headers=auth, environ_overrides={"HTTP_HOST": host})
    assert response.status_code == 421


@pytest.mark.parametrize("host", ["127.0.0.1:17345", "localhost:17345", "[::1]:17345"])
def test_loopback_hosts_are_accepted(client, auth, host):
    response = client.get("/v1/health", environ_overrides={"HTTP_HOST": host})
    assert response.status_code == 200


def test_web_page_origins_are_refused_even_with_the_token(client, auth):
    response = post(client, {"text": "hello"}, {**auth, "Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers.keys()}


def test_the_extension_origin_is_granted(client, auth):
    response = post(client, {"text": "hello"}, {**auth, "Origin": EXTENSION})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION


def test_preflight_is_answered_for_the_extension_only(client):
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}
    granted = client.options("/v1/check", headers={**ask, "Origin": EXTENSION})
    assert granted.status_code == 200 and granted.headers["Access-Control-Allow-Origin"] == EXTENSION
    refused = client.options("/v1/check", headers={**ask, "Origin": "https://evil.example"})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize("body, words", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "must be a JSON object"),
    ('{"site": "x.com"}', "Send the post's words"),
    ('{"text": 42}', "'text' must be text"),
    ('{"text": "x", "account": "me"}', "'account' must be an object"),
    ('{"text": "x", "account": {"kind": "robot"}}', "personal"),
    ('{"text": "x", "attachments": {"type": "image"}}', "'attachments' must be a list"),
    ('{"text": "x", "now": "tomorrow"}', "like 2026-11-24T10:15:00"),
    ('{"text": "' + "a" * 60000 + '"}', "too long"),
    ('[' * 5000 + ']' * 5000, "nested too deeply"),
])
def test_bad_input_is_a_400_in_plain_words(client, auth, body, words):
    response = post(client, body, auth)
    assert response.status_code == 400
    assert words in error_of(response)["message"]


def test_unknown_context_and_site_are_accepted(client, auth):
    response = post(client, {"text": "Well done Oliver Bennett", "context": "story", "site": "example.social"}, auth)
    assert response.status_code == 200 and response.get_json()["findings"]


def test_bodies_over_1_mib_are_413(client, auth):
    response = post(client, {"text": "a" * (1024 * 1024 + 10)}, auth)
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_non_json_bodies_are_415(client, auth, content_type):
    response = post(client, '{"text": "x"}', auth, content_type=content_type)
    assert response.status_code == 415


def test_unknown_paths_and_methods_answer_json_errors(client, auth):
    assert error_of(client.get("/v1/nothing", headers=auth))["code"] == "not_found"
    assert client.get("/v1/check", headers=auth).status_code == 405


def test_categories_list_every_category_with_clause_and_lock(client, auth):
    categories = client.get("/v1/categories", headers=auth).get_json()["categories"]
    assert [c["id"] for c in categories] == list(CATEGORY_IDS)
    by_id = {c["id"]: c for c in categories}
    assert by_id["pupil_reference"]["locked"] is True and by_id["pupil_reference"]["enabled"] is True
    assert by_id["criticism"]["locked"] is False
    assert all(c["title"] and c["clause"] for c in categories)


def test_settings_toggle_and_locked_categories_refuse(client, auth):
    response = client.put("/v1/settings", json={"categories": {"school_reference": False}}, headers=auth)
    assert response.status_code == 200
    assert response.get_json()["categories"]["school_reference"] is False
    assert client.get("/v1/settings", headers=auth).get_json()["categories"]["school_reference"] is False
    assert post(client, {"text": "Go @CryptSchool"}, auth).get_json()["findings"] == []

    locked = client.put("/v1/settings", json={"categories": {"pupil_reference": False}}, headers=auth)
    assert locked.status_code == 409 and "locked" in error_of(locked)["message"]
    unknown = client.put("/v1/settings", json={"categories": {"pupils": False}}, headers=auth)
    assert unknown.status_code == 400


def test_feedback_is_counted_without_text(client, auth, companion):
    response = client.post("/v1/feedback", json={"category": "pupil_reference", "rule": "pupil-name", "kind": "false_alarm"}, headers=auth)
    assert response.get_json() == {"ok": True}
    rows = companion.store.counts()
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [("pupil_reference", "pupil-name", "false_alarm", 1)]
    assert client.post("/v1/feedback", json={"category": "x", "rule": "y"}, headers=auth).status_code == 400


def test_submits_are_counted_and_typing_is_not(client, auth, companion):
    post(client, {"text": "Well done Oliver Bennett", "trigger": "typing"}, auth)
    assert companion.store.counts() == []
    post(client, {"text": "Well done Oliver Bennett"}, auth)
    assert [(r[1], r[3], r[4]) for r in companion.store.counts()] == [("pupil_reference", "warning", 1)]


def test_internal_errors_hide_details(client, auth, companion, monkeypatch):
    def explode(body):
        raise RuntimeError("secret post text MARKER-123")

    monkeypatch.setattr(companion, "check", explode)
    response = post(client, {"text": "MARKER-123"}, auth)
    assert response.status_code == 500
    assert "MARKER-123" not in response.get_data(as_text=True)
