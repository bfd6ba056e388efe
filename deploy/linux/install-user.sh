#!/bin/sh
# PostGuard companion: install for the current user and start it at every login.
# Run as the staff member (no root needed), e.g. from a login script or by hand:
#
#   sh install-user.sh [--wheel postguard-X-py3-none-any.whl] [--find-links DIR]
#                      [--source \\server\share|/mnt/share/postguard|https://…]
#                      [--port N | --shared-host] [--venv EXISTING_ENV] [--no-start]
#
# Installs into a per-user virtual environment (~/.local/share/postguard-companion/venv),
# writes a systemd user unit (postguard.service) and an XDG autostart entry (used only on
# desktops without a systemd user session), takes the token from the machine's browser
# policy (install-machine.sh), runs a first sync, and starts the companion.
# --shared-host: this machine is shared by several users at once (XRDP, terminal server):
# each user's companion gets its own port (20000 + uid mod 40000) and own token.
set -eu

APP_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/postguard-companion"
UNIT_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
AUTOSTART_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
HERE=$(cd "$(dirname "$0")" && pwd)
WHEEL="" FIND_LINKS="" SOURCE="" PORT="" SHARED=0 VENV="" START=1

say() { printf '==> %s\n' "$*"; }
die() { printf 'install-user.sh: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --wheel) WHEEL=$2; shift 2 ;;
        --find-links) FIND_LINKS=$2; shift 2 ;;
        --source) SOURCE=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --shared-host) SHARED=1; shift ;;
        --venv) VENV=$2; shift 2 ;;
        --no-start) START=0; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[ "$(id -u)" -ne 0 ] || [ -n "${POSTGUARD_ALLOW_ROOT:-}" ] || die "run this as the staff member, not as root (root installs policy: install-machine.sh)"
mkdir -p "$APP_DIR/bin"

if [ -n "$VENV" ]; then
    PYTHON="$VENV/bin/python"
    [ -x "$PYTHON" ] || die "$VENV has no bin/python"
else
    if [ -z "$WHEEL" ]; then
        WHEEL=$(ls "$HERE"/postguard-*.whl "$HERE"/../../postguard-*.whl 2>/dev/null | tail -n 1 || true)
    fi
    [ -n "$WHEEL" ] && [ -f "$WHEEL" ] || die "no postguard wheel: give --wheel FILE (python3 build.py makes it)"
    command -v python3 >/dev/null || die "python3 is missing (apt install python3 python3-venv)"
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "PostGuard needs Python 3.11 or newer"
    say "creating $APP_DIR/venv"
    python3 -m venv "$APP_DIR/venv"
    touch "$APP_DIR/venv/.created-by-postguard"
    PYTHON="$APP_DIR/venv/bin/python"
    say "installing $(basename "$WHEEL")"
    if [ -n "$FIND_LINKS" ]; then
        "$PYTHON" -m pip install -q --disable-pip-version-check --no-index --find-links "$FIND_LINKS" "$WHEEL"
    else
        "$PYTHON" -m pip install -q --disable-pip-version-check "$WHEEL"
    fi
fi
POSTGUARD="$(dirname "$PYTHON")/postguard"
[ -x "$POSTGUARD" ] || die "$POSTGUARD is missing: the companion did not install"

if [ -z "$PORT" ]; then
    if [ "$SHARED" -eq 1 ]; then PORT=$("$POSTGUARD" policy port --per-user); else PORT=$("$POSTGUARD" policy port); fi
fi
printf '%s\n' "$PORT" > "$APP_DIR/port"
printf '%s\n' "$POSTGUARD" > "$APP_DIR/postguard-path"

if [ "$SHARED" -eq 0 ]; then
    if "$POSTGUARD" policy adopt-token >/dev/null 2>&1; then
        say "paired: the companion expects the token from the browser policy"
    else
        say "no browser policy token on this machine: pair by hand with \`$POSTGUARD pair\`"
    fi
else
    say "shared host: this user's port is $PORT; pair this user's browser with \`$POSTGUARD pair\`"
fi

if [ -n "$SOURCE" ]; then
    "$POSTGUARD" sync --source "$SOURCE" || say "first sync failed (the companion retries at start and every few hours)"
fi

# The launcher the autostart entry runs: does nothing where systemd starts the companion.
cat > "$APP_DIR/bin/postguard-login" <<LAUNCHER
#!/bin/sh
# Started at login by ~/.config/autostart/postguard.desktop (desktops without systemd --user).
if systemctl --user is-enabled --quiet postguard.service 2>/dev/null; then exit 0; fi
exec "$POSTGUARD" serve --port $PORT
LAUNCHER
chmod 755 "$APP_DIR/bin/postguard-login"

mkdir -p "$UNIT_DIR" "$AUTOSTART_DIR"
cat > "$UNIT_DIR/postguard.service" <<UNIT
[Unit]
Description=PostGuard companion: checks posts against the school's social media policy
Documentation=file://$HERE/../../docs/deploy.md

[Service]
Type=simple
ExecStart="$POSTGUARD" serve --port $PORT
Restart=on-failure
RestartSec=10
NoNewPrivileges=yes
UMask=0077

[Install]
WantedBy=default.target
UNIT

cat > "$AUTOSTART_DIR/postguard.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=PostGuard companion
Comment=Checks posts against the school's social media policy
Exec="$APP_DIR/bin/postguard-login"
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
DESKTOP

if [ "$START" -eq 1 ]; then
    if systemctl --user daemon-reload 2>/dev/null && systemctl --user enable --now postguard.service 2>/dev/null; then
        say "started with systemd (systemctl --user status postguard)"
    else
        say "no systemd user session: starting now; the autostart entry starts it at each login"
        nohup "$APP_DIR/bin/postguard-login" > "$APP_DIR/companion.log" 2>&1 &
        echo $! > "$APP_DIR/companion.pid"
    fi
fi
say "installed: status page http://127.0.0.1:$PORT/ ; check with: $POSTGUARD doctor --port $PORT"
