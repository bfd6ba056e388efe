#!/bin/sh
# Remove PostGuard's browser policy from this machine (root): sh uninstall-machine.sh [--root /]
set -eu
ROOT=""
[ "${1:-}" = "--root" ] && ROOT=${2%/}
rm -f "$ROOT/etc/opt/chrome/policies/managed/postguard.json" "$ROOT/etc/chromium/policies/managed/postguard.json" \
      "$ROOT/etc/opt/edge/policies/managed/postguard.json"
if [ -f "$ROOT/etc/firefox/policies/policies.json" ] && grep -q 'postguard@' "$ROOT/etc/firefox/policies/policies.json"; then
    rm -f "$ROOT/etc/firefox/policies/policies.json"
fi
echo "==> PostGuard browser policy removed; browsers drop the extension at their next policy refresh"
