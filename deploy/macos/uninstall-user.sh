#!/bin/sh
# Remove the PostGuard companion for this user on macOS: sh uninstall-user.sh [--purge]
set -eu
APP_DIR="$HOME/Library/Application Support/PostGuard Companion"
AGENT="$HOME/Library/LaunchAgents/org.postguard.companion.plist"
launchctl bootout "gui/$(id -u)" "$AGENT" 2>/dev/null || true
rm -f "$AGENT"
if [ "${1:-}" = "--purge" ]; then
    "$APP_DIR/venv/bin/postguard" roster clear >/dev/null 2>&1 || true
    rm -rf "$HOME/Library/Application Support/PostGuard"
    echo "==> deleted the data directory"
fi
rm -rf "$APP_DIR"
echo "==> PostGuard companion removed"
