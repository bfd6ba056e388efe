#!/bin/sh
# PostGuard companion: stop it and remove this user's install (login start, unit, venv).
#   sh uninstall-user.sh [--purge]     --purge also deletes the data directory (settings,
#                                      roster hashes, counts) and the companion's secrets.
set -eu

APP_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/postguard-companion"
UNIT_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
AUTOSTART_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
PURGE=0
[ "${1:-}" = "--purge" ] && PURGE=1

if [ -f "$UNIT_DIR/postguard.service" ]; then
    systemctl --user disable --now postguard.service 2>/dev/null || true
    rm -f "$UNIT_DIR/postguard.service"
    systemctl --user daemon-reload 2>/dev/null || true
fi
if [ -f "$APP_DIR/companion.pid" ]; then
    PID=$(cat "$APP_DIR/companion.pid")
    kill "$PID" 2>/dev/null || true
    i=0
    while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi
rm -f "$AUTOSTART_DIR/postguard.desktop"
POSTGUARD=$(cat "$APP_DIR/postguard-path" 2>/dev/null || echo "$APP_DIR/venv/bin/postguard")
if [ "$PURGE" -eq 1 ]; then
    DATA=""
    if [ -x "$POSTGUARD" ]; then
        DATA=$("$(dirname "$POSTGUARD")/python" -c 'from companion.paths import data_dir; print(data_dir(create=False))' 2>/dev/null || true)
        "$POSTGUARD" roster clear >/dev/null 2>&1 || true
    fi
    DATA=${DATA:-${POSTGUARD_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/PostGuard}}
    rm -rf "$DATA"
    echo "==> deleted the data directory $DATA"
fi
if [ -f "$APP_DIR/venv/.created-by-postguard" ]; then rm -rf "$APP_DIR/venv"; fi
rm -rf "$APP_DIR/bin" "$APP_DIR/port" "$APP_DIR/postguard-path" "$APP_DIR/companion.pid" "$APP_DIR/companion.log"
rmdir "$APP_DIR" 2>/dev/null || true
echo "==> PostGuard companion removed for $(id -un)"
