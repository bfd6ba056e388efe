"""Secrets (the extension's token, the roster's hashing key) in the OS credential store.

Where the OS has no keyring backend (headless Linux, CI: keyring raises NoKeyringError),
they fall back to a file in the data directory readable by its owner only, and the
fallback is said once in the log and by `postguard doctor`.
POSTGUARD_SECRETS=file forces the file (tests use it so they never touch a real keyring).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from pathlib import Path

log = logging.getLogger("postguard.secrets")
SERVICE = "PostGuard"
FILE_NAME = "secrets.json"


class SecretStore:
    def __init__(self, data_dir: Path, backend: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.file = self.data_dir / FILE_NAME
        wanted = (backend or os.environ.get("POSTGUARD_SECRETS") or "auto").lower()
        if wanted not in ("auto", "keyring", "file"):
            raise ValueError("POSTGUARD_SECRETS must be auto, keyring or file")
        self._use_file = wanted == "file"
        self._strict = wanted == "keyring"
        self._warned = False
        self._lock = threading.Lock()
        self.fallback_reason = "POSTGUARD_SECRETS=file" if self._use_file else ""
        # Separate installs (POSTGUARD_HOME) must not share one keyring entry.
        self._scope = f" ({self.data_dir})" if os.environ.get("POSTGUARD_HOME") else ""

    @property
    def backend(self) -> str:
        if self._use_file:
            return f"file {self.file} ({self.fallback_reason})"
        import keyring

        return f"keyring {type(keyring.get_keyring()).__name__}"

    def _keyring(self, op: str, name: str, value: str | None = None):
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            if op == "get":
                return keyring.get_password(SERVICE, name + self._scope)
            if op == "set":
                return keyring.set_password(SERVICE, name + self._scope, value)
            try:
                return keyring.delete_password(SERVICE, name + self._scope)
            except PasswordDeleteError:
                return None
        except (KeyringError, RuntimeError, OSError) as exc:
            if self._strict:
                raise
            self._fall_back(f"no usable keyring: {type(exc).__name__}")
            return self._file_op(op, name, value)

    def _fall_back(self, reason: str) -> None:
        self._use_file = True
        self.fallback_reason = reason
        if not self._warned:
            self._warned = True
            log.warning("Secrets are kept in %s, readable by this user only (%s).", self.file, reason)

    def _read_file(self) -> dict:
        try:
            return json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (ValueError, OSError) as exc:
            raise RuntimeError(f"{self.file} is damaged ({exc}); delete it and pair again") from None

    def _file_op(self, op: str, name: str, value: str | None = None):
        with self._lock:
            data = self._read_file()
            if op == "get":
                return data.get(name)
            if op == "set":
                data[name] = value
            else:
                data.pop(name, None)
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = self.file.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, self.file)
            os.chmod(self.file, 0o600)
            return None

    def get(self, name: str) -> str | None:
        return self._file_op("get", name) if self._use_file else self._keyring("get", name)

    def set(self, name: str, value: str) -> None:
        self._file_op("set", name, value) if self._use_file else self._keyring("set", name, value)

    def delete(self, name: str) -> None:
        self._file_op("delete", name) if self._use_file else self._keyring("delete", name)

    def get_or_create(self, name: str, nbytes: int = 32) -> str:
        value = self.get(name)
        if not value:
            value = secrets.token_urlsafe(nbytes)
            self.set(name, value)
        return value

    def token(self) -> str:
        """The token the extension presents as `Authorization: Bearer …`."""
        return self.get_or_create("extension-token")

    def roster_key(self) -> bytes:
        """The per-install HMAC key that roster names are hashed with."""
        return self.get_or_create("roster-key").encode("ascii")
