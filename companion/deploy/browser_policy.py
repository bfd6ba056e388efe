"""What this machine's browser policy tells the extension (token, port), and the companion adopting it.

IT's policy carries the token the extension presents (per machine, or per user on shared
hosts). `postguard policy adopt-token` makes the companion expect that token, so staff
never paste anything; `postguard doctor` says whether the two agree.
"""

from __future__ import annotations

import json
import os
import plistlib
import sys
from dataclasses import dataclass
from pathlib import Path

from companion.deploy.settings import CHROME_ID, GECKO_ID

FIRST_SHARED_PORT = 20000
SHARED_PORTS = 40000


@dataclass(frozen=True)
class ManagedPolicy:
    browser: str
    source: str
    forced: bool          # the extension is force-installed by this policy
    settings: dict        # the extension's managed storage (may be empty)


def user_port(ident: int | None = None) -> int:
    """The port for this user on a shared host: 20000 + (uid, or the Windows SID's RID) mod 40000.

    Unique per account for any school (RIDs and uids are handed out in sequence), stable
    across logons, and computable by the install scripts without asking the companion.
    """
    if ident is None:
        ident = _windows_rid() if os.name == "nt" else os.getuid()
    return FIRST_SHARED_PORT + int(ident) % SHARED_PORTS


def _windows_rid() -> int:  # pragma: no cover - Windows only
    import subprocess

    out = subprocess.run(["whoami", "/user", "/fo", "csv", "/nh"], capture_output=True, text=True, check=True).stdout
    return int(out.strip().strip('"').split(",")[-1].strip('"').rsplit("-", 1)[-1])


def _policy_dirs() -> list[tuple[str, Path]]:
    override = os.environ.get("POSTGUARD_POLICY_DIRS")  # tests, and unusual installs
    if override:
        folders = [Path(p) for p in override.split(os.pathsep) if p]
        return [(next((part for part in f.parts if part in ("chrome", "chromium", "edge", "firefox")), f.name), f)
                for f in folders]
    return [("chrome", Path("/etc/opt/chrome/policies/managed")),
            ("chromium", Path("/etc/chromium/policies/managed")),
            ("edge", Path("/etc/opt/edge/policies/managed"))]


def _from_chromium_json(browser: str, path: Path) -> ManagedPolicy | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    forced = any(str(e).split(";")[0] == CHROME_ID for e in data.get("ExtensionInstallForcelist", []) or [])
    forced |= (data.get("ExtensionSettings", {}) or {}).get(CHROME_ID, {}).get("installation_mode") == "force_installed"
    settings = ((data.get("3rdparty") or {}).get("extensions") or {}).get(CHROME_ID) or {}
    if not forced and not settings:
        return None
    return ManagedPolicy(browser, str(path), forced, settings)


def _linux() -> list[ManagedPolicy]:
    found = []
    for browser, folder in _policy_dirs():
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            if path.name == "policies.json":
                policy = _from_firefox_json(path)
            else:
                policy = _from_chromium_json(browser, path)
            if policy:
                found.append(policy)
    return found


def _from_firefox_json(path: Path) -> ManagedPolicy | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8")).get("policies", {})
    except (OSError, ValueError, AttributeError):
        return None
    forced = (data.get("ExtensionSettings", {}) or {}).get(GECKO_ID, {}).get("installation_mode") == "force_installed"
    settings = ((data.get("3rdparty") or {}).get("Extensions") or {}).get(GECKO_ID) or {}
    return ManagedPolicy("firefox", str(path), forced, settings) if forced or settings else None


def _firefox_files() -> list[Path]:
    if os.environ.get("POSTGUARD_POLICY_DIRS"):
        return []
    if os.name == "nt":
        base = [Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "Mozilla Firefox" / "distribution"]
    elif sys.platform == "darwin":
        base = [Path("/Applications/Firefox.app/Contents/Resources/distribution")]
    else:
        base = [Path("/etc/firefox/policies"), Path("/usr/lib/firefox/distribution"), Path("/usr/lib/firefox-esr/distribution")]
    return [b / "policies.json" for b in base]


def _windows() -> list[ManagedPolicy]:  # pragma: no cover - Windows only
    import winreg

    found = []
    for browser, key in (("chrome", r"SOFTWARE\Policies\Google\Chrome"), ("edge", r"SOFTWARE\Policies\Microsoft\Edge")):
        # Chrome and Edge let machine policy win over user policy: read HKLM first.
        for hive_name, hive in (("HKLM", winreg.HKEY_LOCAL_MACHINE), ("HKCU", winreg.HKEY_CURRENT_USER)):
            forced, settings = False, {}
            try:
                with winreg.OpenKey(hive, key + r"\ExtensionInstallForcelist") as k:
                    i = 0
                    while True:
                        _, value, _ = winreg.EnumValue(k, i)
                        forced |= str(value).split(";")[0] == CHROME_ID
                        i += 1
            except OSError:
                pass
            try:
                with winreg.OpenKey(hive, key + rf"\3rdparty\extensions\{CHROME_ID}\policy") as k:
                    i = 0
                    while True:
                        name, value, _ = winreg.EnumValue(k, i)
                        settings[name] = value
                        i += 1
            except OSError:
                pass
            if forced or settings:
                found.append(ManagedPolicy(browser, f"{hive_name}\\{key}", forced, settings))
    return found


def _macos() -> list[ManagedPolicy]:  # pragma: no cover - macOS only
    found = []
    base = Path("/Library/Managed Preferences")
    for browser, domain in (("chrome", "com.google.Chrome"), ("edge", "com.microsoft.Edge")):
        for folder in (base / os.environ.get("USER", ""), base):
            try:
                main = plistlib.loads((folder / f"{domain}.plist").read_bytes())
            except (OSError, ValueError):
                main = {}
            try:
                settings = plistlib.loads((folder / f"{domain}.extensions.{CHROME_ID}.plist").read_bytes())
            except (OSError, ValueError):
                settings = {}
            forced = any(str(e).split(";")[0] == CHROME_ID for e in main.get("ExtensionInstallForcelist", []))
            if forced or settings:
                found.append(ManagedPolicy(browser, str(folder), forced, settings))
                break
    return found


def find_policies() -> list[ManagedPolicy]:
    """Every browser policy on this machine that installs or configures PostGuard."""
    if os.name == "nt":
        found = _windows()
    elif sys.platform == "darwin":
        found = _macos()
    else:
        found = _linux()
    for path in _firefox_files():
        policy = _from_firefox_json(path)
        if policy:
            found.append(policy)
    return found


def policy_token(policies: list[ManagedPolicy]) -> tuple[str | None, int | None]:
    """The token and port the extension will be given (the first policy that sets one)."""
    token = next((p.settings["token"] for p in policies if p.settings.get("token")), None)
    port = next((int(p.settings["companionPort"]) for p in policies if p.settings.get("companionPort")), None)
    return token, port


def adopt_token(secrets, policies: list[ManagedPolicy] | None = None) -> str | None:
    """Make the companion expect the token the browser policy gives the extension; None if there is none."""
    token, _ = policy_token(find_policies() if policies is None else policies)
    if token:
        secrets.set("extension-token", token)
    return token
