"""The thin HTTP layer: a Flask app factory and the /v1 blueprint."""

from companion.web.app import create_app

__all__ = ["create_app"]
