#!/usr/bin/env python3
"""One build command: every package IT deploys, from one version number, into dist/.

    python3 build.py            # or: python3 build.py --skip-lint

The version is companion/__init__.py's __version__. From it, into dist/:

    postguard-VERSION-chrome.zip     Chrome/Edge package; the manifest's `key` pins the id
                                     hjpeoajjpodgnoempjfionihbelgciic (upload to the Chrome Web
                                     Store / Edge Add-ons, or pack as a CRX to self-host)
    postguard-VERSION-firefox.xpi    `web-ext build` (after `web-ext lint`: no errors allowed);
                                     sign it on AMO (unlisted) before Firefox will force-install it
    postguard-VERSION-py3-none-any.whl   the companion
    postguard-VERSION-deploy.zip     deploy/ (install and start-at-login scripts) and the wheel
    policy/                          browser policy for the shipped school file, without a token
                                     (`postguard policy generate` makes yours)
    SHA256SUMS, build-info.json      checksums; version, sizes and build time

The extension's own folder is never edited: the manifest's version is set in the copies.
Needs Python 3.11+, Node.js 20+ and npm (`npm ci` installs web-ext).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
STAGE = ROOT / "build" / "postguard-build"
EXTENSION = ROOT / "extension"
SKIP = {".DS_Store", "Thumbs.db", "node_modules", ".web-extension-id", "web-ext-artifacts"}
# The wheel is built reproducibly: zip entries get this timestamp unless SOURCE_DATE_EPOCH says otherwise.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def version() -> str:
    text = (ROOT / "companion" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not found:
        sys.exit("build.py: no __version__ in companion/__init__.py")
    value = found.group(1)
    # Browsers want 1-4 dot-separated integers; Python pre-releases (0.2.0rc1) keep their name only.
    if not re.fullmatch(r"\d+(\.\d+){0,3}", value):
        sys.exit(f"build.py: version {value!r} must be like 1.2.3 so that browsers accept it too")
    return value


def stage_extension(target: Path, ver: str, browser: str) -> dict:
    """A copy of extension/ with the manifest's version (and per-browser keys) set."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EXTENSION, target, ignore=shutil.ignore_patterns(*SKIP))
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["version"] = ver
    background = manifest.get("background", {})
    if browser == "chrome":
        manifest.pop("browser_specific_settings", None)   # Chrome warns about keys it does not know
        background.pop("scripts", None)                     # MV3 Chrome runs the service worker
    else:
        manifest.pop("key", None)                           # Firefox's id is the gecko id
        if "scripts" in background:
            background.pop("service_worker", None)          # Firefox runs background scripts
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def zip_folder(folder: Path, out: Path) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def web_ext() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / ("web-ext.cmd" if os.name == "nt" else "web-ext")
    if not local.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("build.py: the Firefox package needs Node.js 20+ and npm (web-ext)")
        say("installing npm packages (web-ext)")
        subprocess.run([npm, "ci" if (ROOT / "package-lock.json").exists() else "install", "--no-audit", "--no-fund"],
                       cwd=ROOT, check=True)
    return [str(local)]


def lint_firefox(source: Path) -> list[str]:
    reply = subprocess.run([*web_ext(), "lint", "--source-dir", str(source), "--self-hosted", "--output", "json",
                            "--no-config-discovery"], cwd=ROOT, capture_output=True, text=True)
    try:
        report = json.loads(reply.stdout[reply.stdout.index("{"):])
    except ValueError:
        sys.exit(f"build.py: web-ext lint failed:\n{reply.stdout}\n{reply.stderr}")
    errors = [f"{m['code']}: {m['message']} ({m.get('file', '')})" for m in report.get("errors", [])]
    if errors:
        sys.exit("build.py: web-ext lint found errors in the Firefox package:\n  " + "\n  ".join(errors))
    return [f"{m['code']}: {m['message']} ({m.get('file', '')})" for m in report.get("warnings", [])]


def build_firefox(source: Path, ver: str) -> Path:
    out = DIST / f"postguard-{ver}-firefox.xpi"
    subprocess.run([*web_ext(), "build", "--source-dir", str(source), "--artifacts-dir", str(DIST),
                    "--filename", out.name, "--overwrite-dest", "--no-config-discovery"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out


def build_wheel(ver: str) -> Path:
    python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    python = python if python.exists() else Path(sys.executable)
    wheels = STAGE / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    base = [str(python), "-m", "pip", "wheel", ".", "--no-deps", "--disable-pip-version-check", "-q", "-w", str(wheels)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600")}
    if subprocess.run(base, cwd=ROOT, env=env).returncode != 0:
        say("building the wheel without build isolation (offline?)")
        subprocess.run([*base, "--no-build-isolation"], cwd=ROOT, env=env, check=True)
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    for leftover in (ROOT / "build").glob("bdist.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    found = sorted(wheels.glob(f"postguard-{ver}-*.whl"))
    if not found:
        sys.exit(f"build.py: pip made no postguard-{ver} wheel in {wheels}")
    target = DIST / found[0].name
    shutil.copy2(found[0], target)
    return target


def build_policy() -> Path:
    sys.path.insert(0, str(ROOT))
    from companion.deploy.policy import generate
    from companion.deploy.settings import load_deploy
    from companion.engine.school import load_school

    school_file = ROOT / "school" / "crypt-school.toml"
    out = DIST / "policy"
    generate(out, load_school(school_file), load_deploy(school_file), with_token=False)
    return out


def build_deploy_kit(ver: str, wheel: Path) -> Path:
    out = DIST / f"postguard-{ver}-deploy.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in (ROOT / "deploy").rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            info = zipfile.ZipInfo(f"postguard-{ver}/{path.relative_to(ROOT).as_posix()}", ZIP_DATE)
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
        archive.write(wheel, f"postguard-{ver}/{wheel.name}")
        archive.write(ROOT / "school" / "crypt-school.toml", f"postguard-{ver}/school/crypt-school.toml")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-firefox", action="store_true", help="no Firefox package (no Node.js here)")
    args = parser.parse_args()
    started = time.monotonic()
    ver = version()
    say(f"PostGuard {ver}")
    shutil.rmtree(DIST, ignore_errors=True)
    DIST.mkdir(parents=True)
    STAGE.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    products: list[Path] = []

    def step(name, func, *a):
        t = time.monotonic()
        result = func(*a)
        timings[name] = round(time.monotonic() - t, 2)
        return result

    say("Chrome/Edge package")
    manifest = step("stage chrome", stage_extension, STAGE / "chrome", ver, "chrome")
    chrome_zip = DIST / f"postguard-{ver}-chrome.zip"
    step("chrome zip", zip_folder, STAGE / "chrome", chrome_zip)
    products.append(chrome_zip)
    warnings: list[str] = []
    if not args.skip_firefox:
        say("Firefox package (web-ext lint, web-ext build)")
        step("stage firefox", stage_extension, STAGE / "firefox", ver, "firefox")
        warnings = step("firefox lint", lint_firefox, STAGE / "firefox")
        products.append(step("firefox build", build_firefox, STAGE / "firefox", ver))
    say("companion wheel")
    wheel = step("wheel", build_wheel, ver)
    products.append(wheel)
    say("browser policy for the shipped school file, and the deployment kit")
    step("policy", build_policy)
    products.append(step("deploy kit", build_deploy_kit, ver, wheel))

    sums = []
    for path in products:
        sums.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    (DIST / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    info = {
        "version": ver,
        "chrome_id": "hjpeoajjpodgnoempjfionihbelgciic" if manifest.get("key") else None,
        "gecko_id": json.loads((EXTENSION / "manifest.json").read_text())["browser_specific_settings"]["gecko"]["id"],
        "files": {p.name: p.stat().st_size for p in products},
        "firefox_lint_warnings": warnings,
        "seconds": round(time.monotonic() - started, 2),
        "steps": timings,
    }
    (DIST / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    for path in products:
        print(f"    {path.relative_to(ROOT)}  {path.stat().st_size / 1024:.0f} KiB")
    for warning in warnings:
        print(f"    firefox lint warning: {warning}")
    say(f"built {ver} in {info['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
