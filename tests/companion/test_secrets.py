"""Secrets: keyring when there is one, an owner-only file when there is not."""

import stat

import keyring
import pytest
from keyring.errors import NoKeyringError

from companion.secretstore import SecretStore


def test_falls_back_to_an_owner_only_file_when_keyring_has_no_backend(home, monkeypatch, caplog):
    def no_backend(*args, **kwargs):
        raise NoKeyringError("No recommended backend was available.")

    monkeypatch.setattr(keyring, "get_password", no_backend)
    monkeypatch.setattr(keyring, "set_password", no_backend)
    store = SecretStore(home, backend="auto")
    token = store.token()
    assert token == store.token() and len(token) >= 40
    assert store.fallback_reason.startswith("no usable keyring")
    mode = stat.S_IMODE((home / "secrets.json").stat().st_mode)
    assert mode == 0o600
    assert sum("readable by this user only" in r.message for r in caplog.records) == 1


def test_uses_the_keyring_when_it_works(home, monkeypatch):
    saved = {}
    monkeypatch.setattr(keyring, "get_password", lambda service, name: saved.get((service, name)))
    monkeypatch.setattr(keyring, "set_password", lambda service, name, value: saved.__setitem__((service, name), value))
    store = SecretStore(home, backend="auto")
    token = store.token()
    assert list(saved.values()) == [token]
    assert not (home / "secrets.json").exists()


def test_keyring_entries_are_scoped_to_the_data_directory(home, monkeypatch):
    saved = {}
    monkeypatch.setattr(keyring, "get_password", lambda service, name: saved.get((service, name)))
    monkeypatch.setattr(keyring, "set_password", lambda service, name, value: saved.__setitem__((service, name), value))
    SecretStore(home, backend="auto").token()
    ((service, name),) = saved
    assert service == "PostGuard" and str(home) in name


def test_strict_keyring_mode_reports_a_missing_backend(home, monkeypatch):
    def no_backend(*args, **kwargs):
        raise NoKeyringError("none")

    monkeypatch.setattr(keyring, "get_password", no_backend)
    with pytest.raises(NoKeyringError):
        SecretStore(home, backend="keyring").token()


def test_roster_key_is_stable_and_distinct_from_the_token(home):
    store = SecretStore(home, backend="file")
    assert store.roster_key() == SecretStore(home, backend="file").roster_key()
    assert store.roster_key().decode() != store.token()
