"""Browser policy generated from the school file, validated against the extension's managed-storage schema."""

from __future__ import annotations

import json
import plistlib
import re
from pathlib import Path

import pytest

from companion.cli import main
from companion.deploy.browser_policy import adopt_token, find_policies, policy_token, user_port
from companion.deploy.settings import CHROME_ID, GECKO_ID, load_deploy
from companion.engine.school import load_school
from companion.errors import ConfigError
from companion.secretstore import SecretStore
from conftest import REPO

MANIFEST = json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))
SCHEMA_KEYS = ("companionPort", "token", "lockedCategories", "disabledSites", "failClosed")


def managed_schema() -> dict:
    """The extension's storage.managed_schema file, or (until it lands) the keys the brief names."""
    name = MANIFEST.get("storage", {}).get("managed_schema")
    if name and (REPO / "extension" / name).exists():
        return json.loads((REPO / "extension" / name).read_text(encoding="utf-8"))
    return {"type": "object", "properties": {
        "companionPort": {"type": "integer", "minimum": 1, "maximum": 65535}, "token": {"type": "string"},
        "lockedCategories": {"type": "array", "items": {"type": "string"}},
        "disabledSites": {"type": "array", "items": {"type": "string"}}, "failClosed": {"type": "boolean"}}}


def validate(value, schema: dict, where: str = "$") -> None:
    """The subset of JSON Schema that Chrome's managed-storage schemas use; no unknown keys allowed."""
    kind = schema.get("type")
    checks = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    assert isinstance(value, checks[kind]), f"{where}: expected {kind}, got {value!r}"
    if kind in ("integer", "number"):
        assert not isinstance(value, bool), f"{where}: a boolean is not a number"
        assert schema.get("minimum", value) <= value <= schema.get("maximum", value), f"{where}: out of range"
    if kind == "object":
        props = schema.get("properties", {})
        for key, item in value.items():
            assert key in props, f"{where}: {key!r} is not in the extension's managed schema"
            validate(item, props[key], f"{where}.{key}")
    if kind == "array":
        for i, item in enumerate(value):
            validate(item, schema.get("items", {}), f"{where}[{i}]")


def parse_reg(data: bytes) -> dict[str, dict]:
    """A .reg parser: {key path: {value name: str | int}}; `[-key]` deletes a key."""
    assert data.startswith(b"\xff\xfe"), "regedit wants UTF-16 LE with a byte-order mark"
    text = data.decode("utf-16")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    keys: dict[str, dict] = {}
    current = None
    value_line = re.compile(r'^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$')
    for number, line in enumerate(lines[1:], 2):
        if not line or line.startswith(";"):
            continue
        if line.startswith("[-"):
            assert line.endswith("]")
            keys.pop(line[2:-1], None)
            current = None
            continue
        if line.startswith("["):
            assert line.endswith("]"), f"line {number}: {line}"
            current = keys.setdefault(line[1:-1], {})
            continue
        match = value_line.match(line)
        assert match and current is not None, f"line {number} is not a registry value: {line!r}"
        unescape = lambda s: re.sub(r"\\(.)", r"\1", s)  # noqa: E731
        name = unescape(match.group(1))
        current[name] = unescape(match.group(2)) if match.group(3) is None else int(match.group(3), 16)
    return keys


def reg_managed(keys: dict, base: str) -> dict:
    """The extension's managed settings as Chrome reads them from the registry (lists from numbered subkeys)."""
    settings = dict(keys[base])
    for key, values in keys.items():
        if key.startswith(base + "\\"):
            settings[key[len(base) + 1:]] = [values[str(i)] for i in range(1, len(values) + 1)]
    for name in ("failClosed",):
        if name in settings:
            settings[name] = bool(settings[name])
    return settings


@pytest.fixture
def school_file(tmp_path) -> Path:
    path = tmp_path / "school.toml"
    path.write_text((REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8") + """
[deploy]
port = 17400
fail_closed = true
disabled_sites = ["www.linkedin.com", "https://Example.org/"]
firefox_install_url = "https://files.cryptschool.example/postguard/postguard.xpi"
policy_url = "https://cryptschool.example/policies/social-media"
""", encoding="utf-8")
    return path


@pytest.fixture
def generated(tmp_path, school_file) -> Path:
    out = tmp_path / "policy"
    assert main(["policy", "generate", "--school", str(school_file), "--out", str(out), "--token", "tok\"en\\1"]) == 0
    return out


def test_manifest_pins_the_ids_the_policy_uses():
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"] == GECKO_ID
    assert MANIFEST.get("key"), "the manifest's key pins the Chrome/Edge id"
    from companion.web.origins import PINNED_EXTENSION_IDS
    assert CHROME_ID in PINNED_EXTENSION_IDS


def test_linux_json_and_every_managed_block_match_the_schema(generated, school_file):
    school = load_school(school_file)
    schema = managed_schema()
    for browser in ("chrome", "chromium", "edge"):
        policy = json.loads((generated / "linux" / browser / "postguard.json").read_text())
        assert policy["ExtensionInstallForcelist"] == [f"{CHROME_ID};https://clients2.google.com/service/update2/crx"]
        settings = policy["ExtensionSettings"][CHROME_ID]
        assert settings["installation_mode"] == "force_installed"
        if browser == "edge":
            assert settings["toolbar_state"] == "force_shown"  # Edge's name for pinning
        else:
            assert settings["toolbar_pin"] == "force_pinned"
        managed = policy["3rdparty"]["extensions"][CHROME_ID]
        validate(managed, schema)
        assert set(SCHEMA_KEYS) <= set(managed)
        assert managed["companionPort"] == 17400 and managed["failClosed"] is True and managed["token"] == 'tok"en\\1'
        assert managed["lockedCategories"] == sorted(school.locked)
        assert managed["disabledSites"] == ["www.linkedin.com", "example.org"]


def test_firefox_policies_json(generated):
    policy = json.loads((generated / "firefox" / "policies.json").read_text())["policies"]
    assert policy["ExtensionSettings"][GECKO_ID] == {
        "installation_mode": "force_installed", "default_area": "navbar",
        "install_url": "https://files.cryptschool.example/postguard/postguard.xpi"}
    validate(policy["3rdparty"]["Extensions"][GECKO_ID], managed_schema())


def test_windows_reg_parses_and_carries_the_same_settings(generated):
    keys = parse_reg((generated / "windows" / "postguard-policy.reg").read_bytes())
    for browser, root in (("chrome", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome"),
                          ("edge", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge")):
        expected = json.loads((generated / "linux" / browser / "postguard.json").read_text())
        assert keys[root + r"\ExtensionInstallForcelist"] == {"1": expected["ExtensionInstallForcelist"][0]}
        assert json.loads(keys[root]["ExtensionSettings"]) == expected["ExtensionSettings"]
        managed = reg_managed(keys, rf"{root}\3rdparty\extensions\{CHROME_ID}\policy")
        validate(managed, managed_schema())
        assert managed == expected["3rdparty"]["extensions"][CHROME_ID]
    shared = parse_reg((generated / "windows" / "postguard-policy-shared-host.reg").read_bytes())
    managed = reg_managed(shared, rf"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome\3rdparty\extensions\{CHROME_ID}\policy")
    assert "token" not in managed and "companionPort" not in managed, "on shared hosts these come per user (HKCU)"
    validate(managed, managed_schema())


def test_macos_profile_parses(generated):
    profile = plistlib.loads((generated / "macos" / "PostGuard.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration"
    payloads = {p["PayloadType"]: p for p in profile["PayloadContent"]}
    assert len({p["PayloadUUID"] for p in profile["PayloadContent"]}) == len(payloads)
    assert payloads["com.google.Chrome"]["ExtensionSettings"][CHROME_ID]["installation_mode"] == "force_installed"
    for domain in ("com.google.Chrome", "com.microsoft.Edge"):
        managed = {k: v for k, v in payloads[f"{domain}.extensions.{CHROME_ID}"].items() if not k.startswith("Payload")}
        validate(managed, managed_schema())
        assert managed["companionPort"] == 17400
    firefox = payloads["org.mozilla.firefox"]
    assert firefox["EnterprisePoliciesEnabled"] is True and GECKO_ID in firefox["ExtensionSettings"]


def test_token_is_kept_between_runs_and_files_are_private(tmp_path, school_file):
    out = tmp_path / "p"
    assert main(["policy", "generate", "--school", str(school_file), "--out", str(out)]) == 0
    token = (out / "deployment-token.txt").read_text().strip()
    assert len(token) >= 40 and (out / "deployment-token.txt").stat().st_mode & 0o077 == 0
    assert main(["policy", "generate", "--school", str(school_file), "--out", str(out)]) == 0
    again = json.loads((out / "linux" / "chrome" / "postguard.json").read_text())
    assert again["3rdparty"]["extensions"][CHROME_ID]["token"] == token
    assert (out / "linux" / "chrome" / "postguard.json").stat().st_mode & 0o077 == 0
    assert main(["policy", "generate", "--school", str(school_file), "--out", str(tmp_path / "n"), "--no-token"]) == 0
    assert "token" not in json.loads((tmp_path / "n" / "firefox" / "policies.json").read_text())["policies"]["3rdparty"]["Extensions"][GECKO_ID]


def test_deploy_table_errors_name_the_line(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[school]\nname = "X"\n\n[deploy]\nport = 80\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 5.*between 1024"):
        load_deploy(path)
    path.write_text('[school]\nname = "X"\n[deploy]\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key deploy.colour"):
        load_deploy(path)
    assert load_school(path).name == "X"  # the school loader ignores [deploy]


def test_adopt_token_from_the_machines_policy(generated, monkeypatch, home, capsys):
    monkeypatch.setenv("POSTGUARD_POLICY_DIRS", str(generated / "linux" / "chrome") + ":" + str(generated / "firefox"))
    policies = find_policies()
    assert {p.browser for p in policies} == {"chrome", "firefox"} and all(p.forced for p in policies)
    assert policy_token(policies) == ('tok"en\\1', 17400)
    assert main(["policy", "adopt-token"]) == 0
    assert main(["token"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == 'tok"en\\1'
    assert main(["policy", "show"]) == 0
    assert 'tok"en\\1' not in capsys.readouterr().out  # masked
    monkeypatch.setenv("POSTGUARD_POLICY_DIRS", str(home / "none"))
    assert adopt_token(SecretStore(home)) is None


def test_per_user_port_is_stable_and_in_range():
    assert user_port(1000) == 21000 and user_port(1001) == 21001
    assert all(20000 <= user_port(i) < 60000 for i in (0, 39999, 40000, 10 ** 9))
