"""`postguard doctor`'s deployment checks: what a rollout can get wrong, each with its fix."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

from companion.errors import ConfigError

OK, WARN, FAIL = "ok", "warn", "FAIL"
ROSTER_MAX_AGE = timedelta(days=45)     # about half a term: leavers and joiners are missing after that
SYNC_MAX_AGE = timedelta(days=2)


def _age(stamp: str | None) -> timedelta | None:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc) - moment


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def deployment_checks(line, school_path: Path, port: int, home: Path, secrets, answering: bool | None = None) -> int:
    """Print one line per check via `line(status, what, fix)`; returns the number of failures."""
    from companion.deploy.browser_policy import find_policies, policy_token
    from companion.deploy.settings import load_deploy
    from companion.deploy.sync import configured_source, read_state
    from companion.storage import Store

    failures = 0
    try:
        load_deploy(school_path)
    except ConfigError as exc:
        failures += 1
        line(FAIL, f"school file [deploy]: {exc}", "fix the line named (see docs/deploy.md for the keys)")

    # Browser policy and pairing.
    policies = find_policies()
    if not policies:
        line(WARN, "no browser policy installs PostGuard on this machine",
             "deploy the policy from `postguard policy generate` (docs/deploy.md), or pair by hand: `postguard pair`")
    else:
        for policy in policies:
            line(OK if policy.forced else WARN, f"browser policy for {policy.browser} ({policy.source})"
                 + ("" if policy.forced else ": configures PostGuard but does not force-install it"),
                 "" if policy.forced else "add the ExtensionInstallForcelist/ExtensionSettings part of the generated policy")
        token, policy_port = policy_token(policies)
        try:
            paired_by_code = len(_installs(home, secrets))
        except Exception:  # noqa: BLE001 - doctor reports, never crashes
            paired_by_code = 0
        if token is None:
            status = OK if paired_by_code else WARN
            line(status, "the browser policy gives the extension no token"
                 + (f" ({paired_by_code} browser(s) paired by code)" if paired_by_code else ""),
                 "" if paired_by_code else "run install-machine (it adds a machine token), or `postguard pair`")
        elif token != secrets.token():
            failures += 1
            line(FAIL, "extension not paired: the browser policy's token differs from this companion's",
                 "run `postguard policy adopt-token`, then restart the companion")
        else:
            line(OK, "extension paired: the browser policy gives it this companion's token")
        if policy_port is not None and policy_port != port:
            failures += 1
            line(FAIL, f"the browser policy sends the extension to port {policy_port}, but the companion is checked on {port}",
                 f"start the companion with `postguard serve --port {policy_port}` (install-user sets this up), "
                 f"or run `postguard doctor --port {policy_port}`")

    # Rosters that have gone stale.
    store = Store(home)
    try:
        for kind in ("pupils", "staff"):
            meta = store.roster_meta(kind)
            age = _age(meta.imported_at) if meta else None
            if age is not None and age > ROSTER_MAX_AGE:
                line(WARN, f"{kind} roster is {age.days} days old (new pupils or staff are not recognised)",
                     f"export it again from the MIS: `postguard roster import --kind {kind} FILE.csv`, or publish it "
                     f"to the sync share as rosters/{kind}.csv")
    finally:
        store.close()

    # Central updates.
    source = configured_source(home, school_path)
    state = read_state(home)
    if not source:
        line(OK, "central updates not configured (this machine uses its own school file and rules)")
    elif state.get("last_result") == "failed":
        line(WARN, f"last sync from {source} failed: {state.get('last_error')} (last good: {state.get('last_success', 'never')})",
             "check the share or address is reachable from this machine, then `postguard sync`")
    else:
        age = _age(state.get("last_success"))
        if age is None:
            line(WARN, f"central updates from {source} have not run yet", "run `postguard sync`")
        elif age > SYNC_MAX_AGE:
            line(WARN, f"last successful sync was {age.days} days ago", "is the companion running? `postguard sync` updates now")
        else:
            line(OK, f"synced from {source} at {state['last_success']}" + (f" (version {state['version']})" if state.get("version") else ""))

    # Port: something else may hold it (a second user's companion on a shared host).
    if answering is False and _port_taken(port):
        failures += 1
        line(FAIL, f"port {port} is taken by another program but does not answer as PostGuard",
             "on shared hosts install with --shared-host (a port per user); otherwise find the program: "
             "`ss -ltnp` / `netstat -ano`")
    return failures


def _installs(home: Path, secrets) -> dict:
    from companion.pairing import Pairing
    from companion.storage import Store

    store = Store(home)
    try:
        return Pairing(store, secrets).installs()
    finally:
        store.close()
