"""Browser policy generated from the school file, in the forms each management tool expects.

`postguard policy generate --out DIR` writes:

    windows/postguard-policy.reg              Chrome + Edge, HKLM (single-user machines)
    windows/postguard-policy-shared-host.reg  the same without token/port (RDS: set per user in HKCU)
    linux/chrome/postguard.json               -> /etc/opt/chrome/policies/managed/
    linux/chromium/postguard.json             -> /etc/chromium/policies/managed/
    linux/edge/postguard.json                 -> /etc/opt/edge/policies/managed/
    firefox/policies.json                     -> Firefox's distribution/ folder or /etc/firefox/policies/
    macos/PostGuard.mobileconfig              Chrome, Edge and Firefox in one configuration profile
    deployment-token.txt                      the token in these files (keep it with them)

The extension's managed settings (its schema.json) go under 3rdparty -> extensions -> id.
"""

from __future__ import annotations

import json
import os
import plistlib
import secrets
import uuid
from pathlib import Path

from companion.deploy.settings import CHROME_ID, GECKO_ID, Deploy

TOKEN_FILE = "deployment-token.txt"
CHROME_KEY = r"SOFTWARE\Policies\Google\Chrome"
EDGE_KEY = r"SOFTWARE\Policies\Microsoft\Edge"
LINUX_TARGETS = {
    "chrome": "/etc/opt/chrome/policies/managed/postguard.json",
    "chromium": "/etc/chromium/policies/managed/postguard.json",
    "edge": "/etc/opt/edge/policies/managed/postguard.json",
}


def managed_settings(school, deploy: Deploy, token: str | None, port: int | None = None) -> dict:
    """The extension's managed storage, keys as its schema.json names them."""
    settings: dict = {}
    if port is not None or token is not None:
        settings["companionPort"] = int(port if port is not None else deploy.port)
    if token is not None:
        settings["token"] = token
    settings["lockedCategories"] = sorted(school.locked)
    settings["disabledSites"] = list(deploy.disabled_sites)
    settings["failClosed"] = bool(deploy.fail_closed)
    if deploy.policy_url:
        settings["policyUrl"] = deploy.policy_url
    return settings


def chromium_policy(managed: dict, update_url: str, extension_id: str = CHROME_ID, edge: bool = False) -> dict:
    """Chrome/Edge/Chromium policy: force-install, pin to the toolbar, managed settings.

    Chrome pins with `toolbar_pin: force_pinned`; Edge calls the same `toolbar_state: force_shown`."""
    pin = {"toolbar_state": "force_shown"} if edge else {"toolbar_pin": "force_pinned"}
    return {
        "ExtensionInstallForcelist": [f"{extension_id};{update_url}"],
        "ExtensionSettings": {
            extension_id: {
                "installation_mode": "force_installed",
                "update_url": update_url,
                **pin,
            },
        },
        "3rdparty": {"extensions": {extension_id: managed}},
    }


def firefox_policy(managed: dict, install_url: str, extension_id: str = GECKO_ID) -> dict:
    return {
        "policies": {
            "ExtensionSettings": {
                extension_id: {
                    "installation_mode": "force_installed",
                    "install_url": install_url,
                    "default_area": "navbar",
                },
            },
            "3rdparty": {"Extensions": {extension_id: managed}},
        }
    }


# -- Windows .reg --------------------------------------------------------------------------
def _reg_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reg_value(name: str, value) -> str:
    if isinstance(value, bool):
        return f"{_reg_string(name)}=dword:{int(value):08x}"
    if isinstance(value, int):
        return f"{_reg_string(name)}=dword:{value:08x}"
    return f"{_reg_string(name)}={_reg_string(str(value))}"


def _reg_policy_key(lines: list[str], key: str, policy: dict, extension_id: str) -> None:
    lines += [f"[{key}\\ExtensionInstallForcelist]"]
    lines += [_reg_value(str(i), entry) for i, entry in enumerate(policy["ExtensionInstallForcelist"], 1)]
    lines += ["", f"[{key}]", _reg_value("ExtensionSettings", json.dumps(policy["ExtensionSettings"], separators=(",", ":"))), ""]
    managed = policy["3rdparty"]["extensions"][extension_id]
    base = f"{key}\\3rdparty\\extensions\\{extension_id}\\policy"
    # Delete first, so values a previous version set (e.g. a removed site) do not linger.
    lines += [f"[-{base}]", "", f"[{base}]"]
    lists = {}
    for name, value in managed.items():
        if isinstance(value, list):
            lists[name] = value
        else:
            lines.append(_reg_value(name, value))
    lines.append("")
    for name, values in lists.items():
        lines.append(f"[{base}\\{name}]")
        lines += [_reg_value(str(i), v) for i, v in enumerate(values, 1)]
        lines.append("")


def reg_file(chrome: dict, edge: dict, hive: str = "HKEY_LOCAL_MACHINE", extension_id: str = CHROME_ID) -> str:
    lines = ["Windows Registry Editor Version 5.00", "",
             "; PostGuard browser policy for Google Chrome and Microsoft Edge, generated by `postguard policy generate`.",
             "; Importing it REPLACES ExtensionInstallForcelist value 1 and the whole ExtensionSettings value: where the",
             "; school manages other extensions, run deploy/windows/install-machine.ps1 instead (it merges).", ""]
    for key, policy in ((CHROME_KEY, chrome), (EDGE_KEY, edge)):
        _reg_policy_key(lines, f"{hive}\\{key}", policy, extension_id)
    return "\r\n".join(lines) + "\r\n"


# -- macOS configuration profile ------------------------------------------------------------
def _payload(domain: str, content: dict, school_slug: str) -> dict:
    return {
        "PayloadType": domain,
        "PayloadVersion": 1,
        "PayloadIdentifier": f"org.postguard.{school_slug}.{domain}",
        "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"postguard:{school_slug}:{domain}")).upper(),
        "PayloadDisplayName": f"PostGuard: {domain}",
        "PayloadEnabled": True,
        **content,
    }


def mobileconfig(school, chrome: dict, edge: dict, firefox: dict, extension_id: str = CHROME_ID) -> bytes:
    slug = "".join(c if c.isalnum() else "-" for c in school.name.lower()).strip("-") or "school"
    payloads = []
    for domain, policy in (("com.google.Chrome", chrome), ("com.microsoft.Edge", edge)):
        payloads.append(_payload(domain, {"ExtensionInstallForcelist": policy["ExtensionInstallForcelist"],
                                          "ExtensionSettings": policy["ExtensionSettings"]}, slug))
        # macOS Chrome and Edge read an extension's managed storage from this preference domain.
        payloads.append(_payload(f"{domain}.extensions.{extension_id}", policy["3rdparty"]["extensions"][extension_id], slug))
    payloads.append(_payload("org.mozilla.firefox", {"EnterprisePoliciesEnabled": True, **firefox["policies"]}, slug))
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"org.postguard.{slug}",
        "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"postguard:{slug}")).upper(),
        "PayloadDisplayName": f"PostGuard for {school.name}",
        "PayloadDescription": "Installs the PostGuard extension in Chrome, Edge and Firefox and sets its managed settings.",
        "PayloadOrganization": school.name,
        "PayloadScope": "System",
        "PayloadRemovalDisallowed": False,
        "PayloadContent": payloads,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)


# -- everything at once ----------------------------------------------------------------------
def deployment_token(out: Path, token: str | None) -> str:
    """The given token, else the one kept in OUT from an earlier run, else a new one."""
    path = out / TOKEN_FILE
    if token is None and path.exists():
        token = path.read_text(encoding="utf-8").strip() or None
    token = token or secrets.token_urlsafe(32)
    _write(path, token + "\n", private=True)
    return token


def _write(path: Path, data: str | bytes, private: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    mode = 0o600 if private else 0o644
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(tmp, path)


def generate(out: Path, school, deploy: Deploy, token: str | None = None, with_token: bool = True) -> list[Path]:
    """Write every policy file into `out`; returns their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    token = deployment_token(out, token) if with_token else None
    managed = managed_settings(school, deploy, token, deploy.port)
    shared = managed_settings(school, deploy, None)  # token and port come per user (HKCU)
    chrome = chromium_policy(managed, deploy.chrome_update_url)
    edge = chromium_policy(managed, deploy.edge_update_url, edge=True)
    firefox = firefox_policy(managed, deploy.firefox_install_url)
    files = {
        "windows/postguard-policy.reg": reg_file(chrome, edge),
        "windows/postguard-policy-shared-host.reg": reg_file(chromium_policy(shared, deploy.chrome_update_url),
                                                             chromium_policy(shared, deploy.edge_update_url, edge=True)),
        "linux/chrome/postguard.json": json.dumps(chrome, indent=2) + "\n",
        "linux/chromium/postguard.json": json.dumps(chrome, indent=2) + "\n",
        "linux/edge/postguard.json": json.dumps(edge, indent=2) + "\n",
        "firefox/policies.json": json.dumps(firefox, indent=2) + "\n",
        "macos/PostGuard.mobileconfig": mobileconfig(school, chrome, edge, firefox),
    }
    written = []
    for name, data in files.items():
        path = out / name
        # The files carry the token: readable by their owner only until IT deploys them.
        if name.endswith(".reg"):  # regedit and `reg import` read UTF-16 LE with a byte-order mark
            data = ("\ufeff" + data).encode("utf-16-le")
        _write(path, data, private=token is not None)
        written.append(path)
    return written
