"""deploy/: the Linux install and uninstall run for real in a temporary home; the other platforms' files parse."""

from __future__ import annotations

import configparser
import json
import os
import plistlib
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from companion.cli import main
from companion.deploy.browser_policy import FIRST_SHARED_PORT, SHARED_PORTS
from companion.deploy.settings import CHROME_ID, GECKO_ID
from conftest import REPO, free_port

DEPLOY = REPO / "deploy"
VENV = Path(sys.executable).parent.parent  # an environment where postguard is installed


def run(script: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(["sh", str(script), *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"{script.name} failed:\n{result.stdout}\n{result.stderr}"
    return result


def wait_for(port: int, up: bool = True, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1):
                if up:
                    return True
        except OSError:
            if not up:
                return True
        time.sleep(0.1)
    return False


@pytest.fixture
def machine(tmp_path, home):
    """A fake machine: policy generated for a school, installed under a temporary root; a temporary HOME."""
    port = free_port()
    school = tmp_path / "school.toml"
    school.write_text((REPO / "school" / "crypt-school.toml").read_text(encoding="utf-8")
                      + f"\n[deploy]\nport = {port}\n", encoding="utf-8")
    policy = tmp_path / "policy"
    assert main(["policy", "generate", "--school", str(school), "--out", str(policy), "--no-token"]) == 0
    root = tmp_path / "root"
    user_home = tmp_path / "user"
    user_home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(user_home), POSTGUARD_ALLOW_ROOT="1", POSTGUARD_SECRETS="file", POSTGUARD_HOME=str(home),
               POSTGUARD_POLICY_DIRS=os.pathsep.join([str(root / "etc/opt/chrome/policies/managed"),
                                                      str(root / "etc/firefox/policies")]))
    return {"port": port, "policy": policy, "root": root, "home": user_home, "env": env, "data": home}


def test_linux_machine_and_user_install_then_uninstall(machine):
    env, root, user_home, port = machine["env"], machine["root"], machine["home"], machine["port"]
    run(DEPLOY / "linux" / "install-machine.sh", str(machine["policy"]), "--root", str(root), env=env)
    installed = {
        "chrome": root / "etc/opt/chrome/policies/managed/postguard.json",
        "chromium": root / "etc/chromium/policies/managed/postguard.json",
        "edge": root / "etc/opt/edge/policies/managed/postguard.json",
    }
    tokens = {json.loads(p.read_text())["3rdparty"]["extensions"][CHROME_ID]["token"] for p in installed.values()}
    firefox = json.loads((root / "etc/firefox/policies/policies.json").read_text())["policies"]
    tokens.add(firefox["3rdparty"]["Extensions"][GECKO_ID]["token"])
    assert len(tokens) == 1 and len(next(iter(tokens))) >= 40, "one machine token in every browser's policy"
    machine_token = tokens.pop()
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in installed.values()), "browsers run as the user: readable"

    app_dir = user_home / ".local/share/postguard-companion"
    try:
        out = run(DEPLOY / "linux" / "install-user.sh", "--venv", str(VENV), env=env).stdout
        assert "paired" in out
        assert wait_for(port), (app_dir / "companion.log").read_text() if (app_dir / "companion.log").exists() else out
        token = subprocess.run([str(VENV / "bin" / "postguard"), "token"], env=env, capture_output=True, text=True).stdout.strip()
        assert token == machine_token, "the companion adopted the machine token from the browser policy"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
            page = reply.read().decode()
        assert 'badge ok">paired</span>' in page

        unit = user_home / ".config/systemd/user/postguard.service"
        text = unit.read_text()
        assert f"serve --port {port}" in text and "WantedBy=default.target" in text
        if shutil.which("systemd-analyze"):
            verify = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, env=env, timeout=60)
            assert verify.returncode == 0 and "postguard.service" not in verify.stderr, verify.stderr
        desktop = configparser.ConfigParser(interpolation=None)
        desktop.optionxform = str
        desktop.read(user_home / ".config/autostart/postguard.desktop")
        entry = desktop["Desktop Entry"]
        assert entry["Type"] == "Application" and entry["Exec"].strip('"') == str(app_dir / "bin/postguard-login")
        launcher = (app_dir / "bin/postguard-login").read_text()
        assert "systemctl --user is-enabled" in launcher and os.access(app_dir / "bin/postguard-login", os.X_OK)

        run(DEPLOY / "linux" / "uninstall-user.sh", env=env)
        assert wait_for(port, up=False), "the companion stopped"
        assert not unit.exists() and not (user_home / ".config/autostart/postguard.desktop").exists()
        assert not app_dir.exists()
        assert (VENV / "bin" / "postguard").exists(), "a venv the installer did not create is left alone"
        assert machine["data"].exists(), "without --purge the data directory stays"
        run(DEPLOY / "linux" / "uninstall-user.sh", "--purge", env=env)
        assert not machine["data"].exists()
    finally:
        pid_file = app_dir / "companion.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text()), signal.SIGTERM)
            except (ProcessLookupError, ValueError):
                pass
    run(DEPLOY / "linux" / "uninstall-machine.sh", "--root", str(root), env=env)
    assert not any(p.exists() for p in installed.values()) and not (root / "etc/firefox/policies/policies.json").exists()


def test_linux_shared_host_policy_has_no_token_or_port(machine):
    run(DEPLOY / "linux" / "install-machine.sh", str(machine["policy"]), "--shared-host", "--root", str(machine["root"]),
        env=machine["env"])
    managed = json.loads((machine["root"] / "etc/opt/chrome/policies/managed/postguard.json").read_text())
    settings = managed["3rdparty"]["extensions"][CHROME_ID]
    assert "token" not in settings and "companionPort" not in settings and settings["lockedCategories"]


def test_every_shell_script_parses():
    for script in sorted(DEPLOY.rglob("*.sh")):
        result = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script}: {result.stderr}"


def test_macos_launch_agent_parses(tmp_path):
    template = (DEPLOY / "macos" / "org.postguard.companion.plist.in").read_text(encoding="utf-8")
    filled = (template.replace("@POSTGUARD@", "/Users/jo/Library/Application Support/PostGuard Companion/venv/bin/postguard")
              .replace("@PORT@", "17345").replace("@LOGDIR@", "/Users/jo/Library/Application Support/PostGuard Companion"))
    agent = plistlib.loads(filled.encode())
    assert agent["Label"] == "org.postguard.companion" and agent["RunAtLoad"] is True
    assert agent["ProgramArguments"][1:] == ["serve", "--port", "17345"]
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert "@" not in filled.split("-->", 1)[1]


def test_windows_scripts_agree_with_the_python_side():
    scripts = {p.name: p.read_text(encoding="utf-8") for p in (DEPLOY / "windows").glob("*.ps1")}
    assert set(scripts) >= {"install-machine.ps1", "install-user.ps1", "uninstall-machine.ps1", "uninstall-user.ps1", "pair-users.ps1"}
    for name in ("install-machine.ps1", "uninstall-machine.ps1", "pair-users.ps1"):
        assert f"'{CHROME_ID}'" in scripts[name], name
    for name in ("install-machine.ps1", "uninstall-machine.ps1"):
        assert f"'{GECKO_ID}'" in scripts[name], name
    # The per-user port on shared hosts: the same rule in PowerShell and in `postguard policy port --per-user`.
    assert f"$Port = {FIRST_SHARED_PORT} + ($rid % {SHARED_PORTS})" in scripts["install-user.ps1"]
    assert "HKEY_USERS\\$sid\\Software\\Policies\\$browser\\3rdparty\\extensions\\$ExtensionId\\policy" in scripts["pair-users.ps1"]
    for name, text in scripts.items():
        assert text.count("{") == text.count("}") and text.count("(") == text.count(")"), f"{name}: unbalanced brackets"
        assert not re.search(r"\t", text), f"{name}: tabs"
