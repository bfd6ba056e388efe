"""The deployment subcommands of `postguard`: `policy` and `sync`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_deploy_commands(sub, common: argparse.ArgumentParser) -> None:
    policy = sub.add_parser("policy", help="browser policy for IT: generate it from the school file, or pair with it")
    policy_sub = policy.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    gen = policy_sub.add_parser("generate", parents=[common],
                                help="write Chrome/Edge (.reg, Linux JSON), macOS profile and Firefox policies.json")
    gen.add_argument("--out", type=Path, required=True, help="folder to write the policy files into")
    tokens = gen.add_mutually_exclusive_group()
    tokens.add_argument("--token", help="the token to put in the policy (default: deployment-token.txt in --out, else a new one)")
    tokens.add_argument("--no-token", action="store_true", help="leave the token out (install scripts add one per machine)")
    policy_sub.add_parser("show", help="what this machine's browser policy gives PostGuard (token masked)")
    policy_sub.add_parser("adopt-token", help="make the companion expect the token the browser policy gives the extension")
    port = policy_sub.add_parser("port", help="print the port for this user on a shared host (Remote Desktop)")
    port.add_argument("--per-user", action="store_true", help="20000 + user id mod 40000 (default: the browser policy's port, else the school file's)")
    policy.set_defaults(func=cmd_policy)

    sync = sub.add_parser("sync", help="fetch the school file, rules and rosters IT publishes, keeping the last good copy")
    sync.add_argument("--source", help="a folder, UNC path, file:// or https:// address; remembered for later syncs")
    sync.add_argument("--publish", type=Path, metavar="DIR",
                      help="(IT) validate DIR and write its postguard-manifest.json, so companions take it all or nothing")
    sync.add_argument("--status", action="store_true", help="show the last sync's result")
    sync.set_defaults(func=cmd_sync)


def _mask(token: str) -> str:
    return token[:4] + "…" + f" ({len(token)} characters)" if token else ""


def cmd_policy(args) -> int:
    from companion.deploy import browser_policy

    if args.policy_command == "generate":
        from companion.deploy.policy import generate
        from companion.deploy.settings import load_deploy
        from companion.engine.school import load_school
        from companion.paths import default_school_file

        school_file = args.school or default_school_file()
        school = load_school(school_file)
        deploy = load_deploy(school_file)
        written = generate(args.out, school, deploy, token=args.token, with_token=not args.no_token)
        print(f"Browser policy for {school.name} (port {deploy.port}, locked: {', '.join(sorted(school.locked)) or 'none'}):")
        for path in written:
            print(f"  {path}")
        if not args.no_token:
            print(f"The token is in {args.out / 'deployment-token.txt'}; keep these files where only IT can read them.")
        if deploy.firefox_install_url.startswith("https://files.school.example/"):
            print("Note: set deploy.firefox_install_url in the school file to where you host the signed .xpi.")
        return 0
    if args.policy_command == "port":
        if args.per_user:
            print(browser_policy.user_port())
        else:  # the port the browser policy gives the extension, else the school file's
            from companion.deploy.settings import safe_load_deploy
            from companion.paths import default_school_file

            _, port = browser_policy.policy_token(browser_policy.find_policies())
            print(port or safe_load_deploy(default_school_file()).port)
        return 0
    policies = browser_policy.find_policies()
    if args.policy_command == "show":
        if not policies:
            print("No browser policy for PostGuard on this machine.")
            return 1
        for policy in policies:
            shown = {k: (_mask(v) if k == "token" else v) for k, v in policy.settings.items()}
            print(f"{policy.browser}: {policy.source}: {'force-installed' if policy.forced else 'not force-installed'}; {shown}")
        return 0
    if args.policy_command == "adopt-token":
        from companion.paths import data_dir
        from companion.secretstore import SecretStore

        token = browser_policy.adopt_token(SecretStore(data_dir()), policies)
        if token is None:
            print("postguard: no browser policy on this machine sets PostGuard's token "
                  "(see docs/deploy.md: `postguard policy generate`)", file=sys.stderr)
            return 1
        print("The companion now expects the token from the browser policy; restart it if it is running.")
        return 0
    return 2


def cmd_sync(args) -> int:
    from companion.deploy.sync import SyncError, configured_source, publish, read_state, sync
    from companion.errors import ConfigError
    from companion.paths import data_dir, default_school_file

    if args.publish:
        try:
            manifest = publish(args.publish)
        except (SyncError, ConfigError) as exc:
            print(f"postguard: not published: {exc}", file=sys.stderr)
            return 1
        print(f"Published version {manifest['version']}: {len(manifest['files'])} files listed in "
              f"{args.publish / 'postguard-manifest.json'}")
        return 0
    home = data_dir()
    if args.status:
        state = read_state(home)
        if not state:
            print("No sync has run yet.")
            return 0
        for key in ("source", "last_attempt", "last_result", "last_error", "last_success", "last_applied", "version"):
            if state.get(key):
                print(f"{key.replace('_', ' ')}: {state[key]}")
        return 0 if state.get("last_result") != "failed" else 1
    source = args.source or configured_source(home, default_school_file())
    if not source:
        print("postguard: no sync source: give --source (a file share or https:// address), or set "
              "deploy.sync_source in the school file", file=sys.stderr)
        return 1
    from companion.secretstore import SecretStore
    from companion.storage import Store

    store = Store(home)
    try:
        result = sync(home, source, store=store, key=SecretStore(home).roster_key(), save_source=bool(args.source))
    except SyncError as exc:
        print(f"postguard: sync: {exc}\nThe last good copy stays in use.", file=sys.stderr)
        return 1
    finally:
        store.close()
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(f"Sync: {result.summary()}" + (f" (version {result.version})" if result.version else ""))
    if result.changed:
        print("A running companion picks this up at its next sync; restart it to apply now.")
    return 0
