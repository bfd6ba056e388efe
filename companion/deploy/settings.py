"""The school file's `[deploy]` table: what IT's deployment needs beyond the school itself.

    [deploy]
    port = 17345                      # the companion's port on single-user machines
    fail_closed = false               # hold posts when the companion does not answer
    disabled_sites = []               # host names where the extension does nothing
    chrome_update_url = "https://clients2.google.com/service/update2/crx"
    edge_update_url = "https://clients2.google.com/service/update2/crx"
    firefox_install_url = "https://files.school.example/postguard/postguard.xpi"
    policy_url = ""                   # where the popup's policy link points
    sync_source = '\\\\fileserver\\PostGuard'   # or "https://files.school.example/postguard/"
    sync_hours = 4

Every key is optional; `load_deploy` checks types and names the line of a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from companion.errors import ConfigError
from companion.server import DEFAULT_PORT
from companion.tomlfile import TomlDoc

CHROME_ID = "hjpeoajjpodgnoempjfionihbelgciic"  # pinned by the `key` in extension/manifest.json
GECKO_ID = "postguard@cryptschool.example"       # browser_specific_settings.gecko.id
CHROME_WEB_STORE_UPDATE_URL = "https://clients2.google.com/service/update2/crx"
EXAMPLE_XPI_URL = "https://files.school.example/postguard/postguard.xpi"
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9*](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}$")
KEYS = ("port", "fail_closed", "disabled_sites", "chrome_update_url", "edge_update_url",
        "firefox_install_url", "policy_url", "sync_source", "sync_hours")


@dataclass(frozen=True)
class Deploy:
    port: int = DEFAULT_PORT
    fail_closed: bool = False
    disabled_sites: tuple[str, ...] = ()
    chrome_update_url: str = CHROME_WEB_STORE_UPDATE_URL
    edge_update_url: str = CHROME_WEB_STORE_UPDATE_URL
    firefox_install_url: str = EXAMPLE_XPI_URL
    policy_url: str = ""
    sync_source: str = ""
    sync_hours: float = 4.0


def load_deploy(path: Path | str) -> Deploy:
    doc = TomlDoc(Path(path))
    table = doc.get(doc.data, "deploy", dict, default={})
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise doc.error(unknown[0], f"unknown key deploy.{unknown[0]}; known: {', '.join(KEYS)}")
    port = doc.get(table, "port", int, where="deploy", default=DEFAULT_PORT)
    if not 1024 <= port <= 65535:
        raise doc.error("port", f"deploy.port must be between 1024 and 65535, not {port}")
    sites = [s.lower().removeprefix("https://").removeprefix("http://").rstrip("/")
             for s in doc.strings(table, "disabled_sites", where="deploy")]
    bad = [s for s in sites if not _HOST.match(s)]
    if bad:
        raise doc.error("disabled_sites", f"'{bad[0]}' in deploy.disabled_sites is not a host name like www.linkedin.com")
    urls = {}
    for key in ("chrome_update_url", "edge_update_url", "firefox_install_url", "policy_url"):
        value = doc.get(table, key, str, where="deploy", default=getattr(Deploy, key)).strip()
        if value and not value.startswith(("https://", "file://")) and not (key == "policy_url" and value == ""):
            raise doc.error(key, f"deploy.{key} must be an https:// (or file://) address, not {value!r}")
        urls[key] = value
    if "edge_update_url" not in table:
        urls["edge_update_url"] = urls["chrome_update_url"]
    hours = doc.get(table, "sync_hours", float, where="deploy", default=4.0)
    if not 0.25 <= hours <= 168:
        raise doc.error("sync_hours", "deploy.sync_hours must be between 0.25 and 168")
    return Deploy(
        port=port,
        fail_closed=doc.get(table, "fail_closed", bool, where="deploy", default=False),
        disabled_sites=tuple(sites),
        sync_source=doc.get(table, "sync_source", str, where="deploy", default="").strip(),
        sync_hours=hours,
        **urls,
    )


def safe_load_deploy(path: Path | str) -> Deploy:
    """The [deploy] table, or the defaults when it is broken (callers that must not fail)."""
    try:
        return load_deploy(path)
    except ConfigError:
        return Deploy()
