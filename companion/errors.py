"""Errors with words a teacher or an IT technician can act on."""

from __future__ import annotations

import re
from pathlib import Path


class ConfigError(Exception):
    """A rule or school file is broken: names the file, the line and what is wrong."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.detail = message
        where = f"{self.path}, line {line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class RequestError(ValueError):
    """A check request that cannot be checked; the message says what to send instead."""

    def __init__(self, message: str, code: str = "bad_request") -> None:
        self.code = code
        super().__init__(message)


def line_of(source: str, key: str) -> int | None:
    """The first line of a TOML document that assigns `key` (or opens table `key`)."""
    dotted = re.escape(key).replace(r"\.", r"\s*\.\s*")
    pattern = re.compile(rf"^\s*(?:\[+\s*{dotted}\s*\]+|[\"']?{dotted}[\"']?\s*=)", re.M)
    match = pattern.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else None
