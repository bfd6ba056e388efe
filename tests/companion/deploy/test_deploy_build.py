"""build.py: one version number into every package; the extension's own folder is never edited."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import zipfile

import pytest

from companion import __version__
from companion.deploy.settings import CHROME_ID, GECKO_ID
from conftest import REPO


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("postguard_build", REPO / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chrome_id_of(key: str) -> str:
    """Chrome's extension id: the first 128 bits of SHA-256 of the public key, written in a-p."""
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_the_manifest_key_pins_the_chrome_id():
    manifest = json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))
    assert chrome_id_of(manifest["key"]) == CHROME_ID


def test_one_version_number(build):
    assert build.version() == __version__


def test_staged_manifests_follow_the_version(build, tmp_path, monkeypatch):
    original = (REPO / "extension" / "manifest.json").read_bytes()
    monkeypatch.setattr(build, "version", lambda: "7.8.9")
    chrome = build.stage_extension(tmp_path / "chrome", "7.8.9", "chrome")
    firefox = build.stage_extension(tmp_path / "firefox", "7.8.9", "firefox")
    assert chrome["version"] == firefox["version"] == "7.8.9"
    assert chrome["key"] and "browser_specific_settings" not in chrome and "scripts" not in chrome.get("background", {})
    assert "key" not in firefox and firefox["browser_specific_settings"]["gecko"]["id"] == GECKO_ID
    assert json.loads((tmp_path / "chrome" / "manifest.json").read_text())["version"] == "7.8.9"
    assert (REPO / "extension" / "manifest.json").read_bytes() == original, "extension/ is never edited"
    out = tmp_path / "chrome.zip"
    build.zip_folder(tmp_path / "chrome", out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "manifest.json" in names and json.loads(archive.read("manifest.json"))["version"] == "7.8.9"
        assert all(not n.startswith("/") and ".." not in n for n in names)
        for referenced in ("background.js", "content.js", "options.html", "popup.html", "schema.json"):
            assert referenced in names


def test_dist_is_ignored_by_git():
    assert "dist/" in (REPO / ".gitignore").read_text().split()
