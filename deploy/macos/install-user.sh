#!/bin/sh
# PostGuard companion on macOS: install for the logged-in user and start it at every login.
# Run as the user (Jamf: a policy script runs it with `launchctl asuser UID sudo -u USER`):
#
#   sh install-user.sh --wheel postguard-X-py3-none-any.whl [--find-links DIR]
#                      [--source /Volumes/Share/PostGuard|https://…] [--port N | --shared-host]
#
# Installs into ~/Library/Application Support/PostGuard Companion/venv, writes the LaunchAgent
# ~/Library/LaunchAgents/org.postguard.companion.plist and loads it. The configuration
# profile (PostGuard.mobileconfig from `postguard policy generate`) carries the token; the
# companion adopts it here. Needs Python 3.11+ (python.org installer or Homebrew).
set -eu
APP_DIR="$HOME/Library/Application Support/PostGuard Companion"
AGENT="$HOME/Library/LaunchAgents/org.postguard.companion.plist"
HERE=$(cd "$(dirname "$0")" && pwd)
WHEEL="" FIND_LINKS="" SOURCE="" PORT="" SHARED=0
die() { printf 'install-user.sh: %s\n' "$*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --wheel) WHEEL=$2; shift 2 ;;
        --find-links) FIND_LINKS=$2; shift 2 ;;
        --source) SOURCE=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --shared-host) SHARED=1; shift ;;
        *) die "unknown option $1" ;;
    esac
done
[ "$(id -u)" -ne 0 ] || die "run this as the user, not as root"
[ -n "$WHEEL" ] || WHEEL=$(ls "$HERE"/postguard-*.whl "$HERE"/../../postguard-*.whl 2>/dev/null | tail -n 1 || true)
[ -f "$WHEEL" ] || die "no postguard wheel: give --wheel FILE"
PY=$(command -v python3.13 || command -v python3.12 || command -v python3.11 || command -v python3) || die "install Python 3.11+"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "PostGuard needs Python 3.11 or newer ($PY is older)"
mkdir -p "$APP_DIR" "$HOME/Library/LaunchAgents"
"$PY" -m venv "$APP_DIR/venv"
if [ -n "$FIND_LINKS" ]; then
    "$APP_DIR/venv/bin/python" -m pip install -q --no-index --find-links "$FIND_LINKS" "$WHEEL"
else
    "$APP_DIR/venv/bin/python" -m pip install -q "$WHEEL"
fi
POSTGUARD="$APP_DIR/venv/bin/postguard"
if [ -z "$PORT" ]; then
    if [ "$SHARED" -eq 1 ]; then PORT=$("$POSTGUARD" policy port --per-user); else PORT=$("$POSTGUARD" policy port); fi
fi
[ "$SHARED" -eq 1 ] || "$POSTGUARD" policy adopt-token || echo "==> no profile token: pair by hand with \`$POSTGUARD pair\`"
[ -z "$SOURCE" ] || "$POSTGUARD" sync --source "$SOURCE" || echo "==> first sync failed; the companion retries"
# XML-escape the path (& < >) before it goes into the plist.
ESCAPED=$(printf '%s' "$POSTGUARD" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')
LOGDIR=$(printf '%s' "$APP_DIR" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')
sed -e "s|@POSTGUARD@|$ESCAPED|" -e "s|@PORT@|$PORT|" -e "s|@LOGDIR@|$LOGDIR|" "$HERE/org.postguard.companion.plist.in" > "$AGENT.tmp"
plutil -lint "$AGENT.tmp" >/dev/null
mv -f "$AGENT.tmp" "$AGENT"
launchctl bootout "gui/$(id -u)" "$AGENT" 2>/dev/null || true
launchctl bootstrap "gui/$(id -u)" "$AGENT"
echo "==> installed: status page http://127.0.0.1:$PORT/ ; check: $POSTGUARD doctor --port $PORT"
