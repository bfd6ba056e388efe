"""Reading a TOML file into plain data, with the file and line in every error."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from companion.errors import ConfigError, line_of

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


class TomlDoc:
    """A parsed TOML file that can say where a key is, for error messages."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.source = self.path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ConfigError(self.path, "file not found") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(self.path, f"not UTF-8 text ({exc.reason})") from None
        try:
            self.data: dict[str, Any] = tomllib.loads(self.source)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = _AT_LINE.search(message)
            line = int(found.group(1)) if found else None
            raise ConfigError(self.path, f"not valid TOML: {_AT_LINE.sub('', message).strip()}", line) from None

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.path, message, line_of(self.source, key.split(".")[-1]) if key else None)

    def get(self, table: dict, key: str, kind: type | tuple, *, where: str = "", required: bool = False, default: Any = None) -> Any:
        """table[key] checked to be of `kind`; `where` is the dotted path for messages."""
        full = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                raise self.error(where, f"'{full}' is missing")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
            raise self.error(full, f"'{full}' must be {_describe(kind)}, not {_describe(type(value))}")
        return value

    def strings(self, table: dict, key: str, *, where: str = "", required: bool = False) -> list[str]:
        full = f"{where}.{key}" if where else key
        values = self.get(table, key, list, where=where, required=required, default=[])
        for value in values:
            if not isinstance(value, str) or not value.strip():
                raise self.error(full, f"'{full}' must be a list of non-empty strings")
        return [value.strip() for value in values]


def _describe(kind: type | tuple) -> str:
    import datetime

    names = {datetime.date: "a date like 2026-12-01", str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false",
             list: "a list [ … ]", dict: "a table", type(None): "nothing"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)
