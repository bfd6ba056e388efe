"""Every error as `{"error": {"code", "message"}}` in plain words; never a traceback."""

from __future__ import annotations

import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("postguard.web")

MESSAGES = {
    400: ("bad_request", "The request could not be read."),
    401: ("unauthorised", "PostGuard's companion needs the pairing token: run `postguard token` and paste it into the extension's options."),
    403: ("forbidden", "This caller is not allowed to use PostGuard's companion."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not take that kind of request."),
    409: ("conflict", "That change is not allowed."),
    413: ("too_large", "The request is too large: the most the companion reads is 1 MiB."),
    415: ("unsupported_media_type", "Send the request as JSON (Content-Type: application/json)."),
    421: ("wrong_host", "The companion only answers requests addressed to 127.0.0.1 or localhost."),
    429: ("too_many_requests", "Too many attempts; wait a minute and try again."),
}


def error_response(status: int, message: str | None = None, code: str | None = None):
    default_code, default_message = MESSAGES.get(status, ("error", "Something went wrong."))
    response = jsonify({"error": {"code": code or default_code, "message": message or default_message}})
    response.status_code = status
    return response


def register(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # The exception may carry post text in its args: log its type only.
        log.error("internal error while answering a request: %s", type(exc).__name__)
        return error_response(500, "The companion hit an internal error; the details are not shown for privacy.", "internal")
