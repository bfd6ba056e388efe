"""The Flask app factory: guards in front (Host, Origin, token, size), the /v1 blueprint behind."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_cors import CORS

from companion.web import api, errors, status
from companion.web.origins import allowed_hosts, extension_origins, is_extension_origin

MAX_BODY_BYTES = 1024 * 1024
# Paths that need no token: health says nothing; hello and pair are how a token is checked or got.
OPEN_PATHS = frozenset({"/v1/health", "/v1/hello", "/v1/pair", "/"})  # "/": status page, counts only


def create_app(companion, port: int | None = None, test_config: dict | None = None) -> Flask:
    """An app answering for `companion` (a companion.service.Companion) on 127.0.0.1:`port`."""
    app = Flask(__name__)
    app.config.update(
        COMPANION=companion,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        ALLOWED_HOSTS=allowed_hosts(port),
        EXTENSION_ORIGINS=extension_origins(companion.school.extension_ids),
    )
    if test_config:
        app.config.update(test_config)
    # Exact origins only: the pinned Chrome/Edge ids and the Firefox installs paired so far.
    # (Extension pages with host permissions need no CORS grant; a Firefox install paired
    # after start-up is served on its token, and granted CORS from the next start.)
    CORS(
        app,
        origins=list(dict.fromkeys([*app.config["EXTENSION_ORIGINS"], *companion.pairing.paired_origins()])),
        methods=["GET", "POST", "PUT", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type"],
        always_send=False,
        allow_private_network=True,
        max_age=600,
    )
    app.before_request(_guard)
    app.register_blueprint(api.bp)
    app.register_blueprint(status.bp)
    errors.register(app)
    return app


def _guard():
    """Refuse before any handler runs: wrong Host (DNS rebinding), web-page Origin, no token, too big."""
    config = current_app.config
    hosts = request.headers.getlist("Host")  # waitress joins repeated Host headers into one value
    if len(hosts) != 1 or hosts[0] not in config["ALLOWED_HOSTS"]:
        return errors.error_response(421)
    origin = request.headers.get("Origin")
    if origin is not None and not is_extension_origin(origin, config["EXTENSION_ORIGINS"]):
        return errors.error_response(403, "Web pages may not use PostGuard's companion.")
    if request.method == "OPTIONS":
        return None  # CORS preflight: flask-cors answers it for the extension's origins
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return errors.error_response(413)
    if request.path in OPEN_PATHS:
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token or not config["COMPANION"].authenticate(origin, token):
        return errors.error_response(401)
    return None
