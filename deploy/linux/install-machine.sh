#!/bin/sh
# PostGuard browser policy for this machine (run as root, once per machine):
#   sh install-machine.sh POLICY_DIR [--shared-host] [--root /]
# POLICY_DIR is what `postguard policy generate --out POLICY_DIR` wrote. Installs the
# Chrome, Chromium and Edge managed policy and Firefox's policies.json, with a new random
# token for this machine (the companion of each user adopts it at install). --shared-host
# leaves the token and port out: each user pairs their own browser (`postguard pair`).
# --root installs under another root (image building, tests).
set -eu
[ $# -ge 1 ] || { sed -n '2,9p' "$0"; exit 2; }
POLICY=$1; shift
SHARED=0 ROOT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --shared-host) SHARED=1; shift ;;
        --root) ROOT=${2%/}; shift 2 ;;
        *) echo "install-machine.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -f "$POLICY/linux/chrome/postguard.json" ] || { echo "install-machine.sh: $POLICY has no linux/chrome/postguard.json" >&2; exit 1; }
[ -n "$ROOT" ] || [ "$(id -u)" -eq 0 ] || { echo "install-machine.sh: run as root" >&2; exit 1; }

TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
place() {  # place SOURCE TARGET: copy, with this machine's token (or none on shared hosts)
    mkdir -p "$(dirname "$2")"
    python3 - "$1" "$2.tmp" "$TOKEN" "$SHARED" <<'PY'
import json, sys
source, target, token, shared = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
data = json.load(open(source, encoding="utf-8"))
blocks = [*(data.get("3rdparty", {}).get("extensions", {}).values()),
          *(data.get("policies", {}).get("3rdparty", {}).get("Extensions", {}).values())]
for managed in blocks:
    if shared:
        managed.pop("token", None)
        managed.pop("companionPort", None)
    else:
        managed["token"] = token
with open(target, "w", encoding="utf-8") as out:
    json.dump(data, out, indent=2)
PY
    chmod 644 "$2.tmp"
    mv -f "$2.tmp" "$2"
    echo "==> $2"
}
place "$POLICY/linux/chrome/postguard.json" "$ROOT/etc/opt/chrome/policies/managed/postguard.json"
place "$POLICY/linux/chromium/postguard.json" "$ROOT/etc/chromium/policies/managed/postguard.json"
place "$POLICY/linux/edge/postguard.json" "$ROOT/etc/opt/edge/policies/managed/postguard.json"
place "$POLICY/firefox/policies.json" "$ROOT/etc/firefox/policies/policies.json"
echo "==> done: open chrome://policy and about:policies to check; then each user runs install-user.sh"
