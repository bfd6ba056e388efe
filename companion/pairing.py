"""Pairing the extension with this companion, and the companion proving itself to it.

- `postguard pair` shows a one-time code (valid 10 minutes; only its hash is stored).
- The extension's options page sends the code to POST /v1/pair and gets a secret of its
  own, kept in the OS keyring here and in extension storage there. Pairing again from the
  same extension replaces (revokes) its previous secret. Wrong codes are rate limited.
- `postguard token` prints the install-wide token IT provisions through managed storage.
- Before sending any post text the extension asks POST /v1/hello with a nonce; only the
  real companion knows the secret and can answer HMAC(secret, nonce), so a process that
  squats the port on a shared machine is detected and learns nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
CODE_LIFETIME = 600.0
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0
PAIRED_SECRET = "paired-installs"


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(("postguard-pairing:" + normalise_code(code)).encode()).hexdigest()


def proof(secret: str, nonce: str) -> str:
    """What only the holder of `secret` can answer to `nonce` (hex HMAC-SHA256)."""
    return hmac.new(secret.encode(), ("postguard-companion-proof:" + nonce).encode(), hashlib.sha256).hexdigest()


class PairingError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        self.status = status
        super().__init__(message)


@dataclass
class _Attempts:
    failures: int = 0
    locked_until: float = 0.0


class Pairing:
    """Codes in the settings table (so the CLI can create one for the running server); secrets in the keyring."""

    def __init__(self, store, secret_store, clock=time.time) -> None:
        self.store = store
        self.secrets = secret_store
        self.clock = clock
        self._attempts = _Attempts()
        self._lock = threading.Lock()
        self._installs: dict[str, str] | None = None
        self._generation = 0
        self._token: str | None = None

    def default_token(self) -> str:
        """The install-wide token (`postguard token`), read from the keyring once."""
        if self._token is None:
            self._token = self.secrets.token()
        return self._token

    # -- codes -----------------------------------------------------------------
    def new_code(self) -> str:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self.store.set_setting("pairing_code", {"digest": _digest(code), "expires": self.clock() + CODE_LIFETIME})
        return format_code(code)

    def redeem(self, code: str, origin: str | None) -> str:
        """Exchange a valid code for a new per-install secret; raises PairingError."""
        with self._lock:
            now = self.clock()
            if now < self._attempts.locked_until:
                wait = int(self._attempts.locked_until - now) + 1
                raise PairingError(f"Too many wrong codes. Wait {wait} seconds, then run `postguard pair` again.", 429)
            pending = self.store.get_setting("pairing_code")
            valid = (
                isinstance(code, str) and pending is not None and pending["expires"] > now
                and hmac.compare_digest(pending["digest"], _digest(code))
            )
            if not valid:
                self._attempts.failures += 1
                if self._attempts.failures >= MAX_FAILURES:
                    self._attempts = _Attempts(0, now + LOCKOUT_SECONDS)
                    self.store.set_setting("pairing_code", None)  # a guessed-at code is burnt
                expired = pending is not None and pending["expires"] <= now
                raise PairingError("That code has expired: run `postguard pair` for a new one." if expired else
                                   "That code is not right: check it against what `postguard pair` shows.", 403)
            self._attempts = _Attempts()
            self.store.set_setting("pairing_code", None)
            secret = secrets.token_urlsafe(32)
            installs = self.installs()
            installs[origin or "unknown-origin"] = secret
            self._save(installs)
            return secret

    # -- paired installs ------------------------------------------------------
    def installs(self) -> dict[str, str]:
        generation = self.store.get_setting("pairing_generation", 0)
        if self._installs is None or generation != self._generation:
            raw = self.secrets.get(PAIRED_SECRET)
            self._installs = json.loads(raw) if raw else {}
            self._generation = generation
        return dict(self._installs)

    def _save(self, installs: dict[str, str]) -> None:
        """Store the secrets and tell other processes (the server, the CLI) to re-read them."""
        self.secrets.set(PAIRED_SECRET, json.dumps(installs))
        self._generation = self.store.get_setting("pairing_generation", 0) + 1
        self.store.set_setting("pairing_generation", self._generation)
        self._installs = installs

    def unpair_all(self) -> None:
        self._save({})

    def paired_origins(self) -> list[str]:
        return sorted(o for o in self.installs() if o.startswith(("chrome-extension://", "moz-extension://")))

    def candidates(self, origin: str | None) -> list[str]:
        """The secrets an extension at `origin` may hold: its own paired one, and the install-wide token."""
        installs = self.installs()
        own = [installs[origin]] if origin and origin in installs else ([] if origin else list(installs.values()))
        return [*own, self.default_token()]

    def secret_for(self, origin: str | None, token: str) -> str | None:
        """The secret a request from `origin` must present, matched against `token`; None if none fits."""
        for candidate in self.candidates(origin):
            if hmac.compare_digest(candidate.encode(), token.encode()):
                return candidate
        return None
