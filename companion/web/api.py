"""The /v1 blueprint: request parsing and the engine's answers, nothing more."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, request

from companion import __version__
from companion.engine.categories import CATEGORY_IDS
from companion.errors import RequestError
from companion.pairing import PairingError
from companion.service import SettingsError
from companion.web.errors import error_response

bp = Blueprint("v1", __name__, url_prefix="/v1")
MAX_JSON_DEPTH = 32


def _depth(value, limit: int) -> int:
    stack, deepest = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def json_body():
    """The decoded JSON body, or a RequestError saying what is wrong with it."""
    if not request.is_json:
        raise RequestError("Send the request as JSON with Content-Type: application/json.", "unsupported_media_type")
    raw = request.get_data(cache=False)
    try:
        body = json.loads(raw)
    except RecursionError:
        raise RequestError("The JSON is nested too deeply.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        position = f" (at character {exc.pos})" if hasattr(exc, "pos") else ""
        raise RequestError(f"The request is not valid JSON{position}.", "invalid_json") from None
    if _depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise RequestError("The JSON is nested too deeply.")
    return body


def companion():
    return current_app.config["COMPANION"]


@bp.errorhandler(RequestError)
def bad_request(exc: RequestError):
    status = 415 if exc.code == "unsupported_media_type" else 400
    return error_response(status, str(exc), exc.code)


@bp.get("/health")
def health():
    return jsonify({"status": "ok", "version": __version__})


@bp.post("/hello")
def hello():
    """The companion proves it holds the extension's secret before any post text is sent."""
    body = json_body()
    nonce = body.get("nonce") if isinstance(body, dict) else None
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 128:
        raise RequestError('Send {"nonce": "…"} with 16 to 128 random characters.')
    origin = request.headers.get("Origin")
    return jsonify({"service": "postguard", "version": __version__, "proofs": companion().proofs(origin, nonce)})


@bp.post("/pair")
def pair():
    body = json_body()
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or len(code) > 40:
        raise RequestError('Send {"code": "ABCD-2345"}: the code `postguard pair` shows.')
    try:
        secret = companion().pairing.redeem(code, request.headers.get("Origin"))
    except PairingError as exc:
        return error_response(exc.status, str(exc), "pairing_refused" if exc.status == 403 else "too_many_requests")
    return jsonify({"token": secret})


@bp.post("/check")
def check():
    return jsonify(companion().check(json_body()))


@bp.get("/categories")
def categories():
    return jsonify({"categories": companion().categories()})


@bp.get("/settings")
def get_settings():
    return jsonify(companion().settings())


@bp.put("/settings")
def put_settings():
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("categories"), dict):
        raise RequestError('Send the toggles as {"categories": {"criticism": false}}.')
    try:
        return jsonify(companion().update_settings(body["categories"]))
    except SettingsError as exc:
        return error_response(409, str(exc), "locked") if exc.locked else error_response(400, str(exc))


@bp.post("/feedback")
def feedback():
    body = json_body()
    if not isinstance(body, dict):
        raise RequestError('Send {"category": "…", "rule": "…", "kind": "false_alarm"}.')
    category, rule = body.get("category"), body.get("rule")
    kind = body.get("kind", "false_alarm")
    rules = {r.id for r in companion().rulebook.rules}
    if category not in CATEGORY_IDS or rule not in rules:
        raise RequestError("Name a known category and rule.")
    if kind != "false_alarm":
        raise RequestError('The only kind of feedback is "false_alarm".')
    companion().feedback(category, rule, kind)
    return jsonify({"ok": True})
