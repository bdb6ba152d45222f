#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# limber-daemon from start to tray icon registered, with a ten-year
# journal: bench-daemon-idle --starts in an Xvfb and private D-Bus session
# of their own (tests/test-session.sh) with a real tray, xfce4-panel's, as
# bench/idle.sh has. The daemon gets a copy of JOURNAL_DIR/journal.db. A
# measurement to read, not a timed test.
#
#   bench/daemon-start.sh [BUILD_DIR] [JOURNAL_DIR] [STARTS]
#             (defaults: build, BUILD_DIR/bench/journal-for-trend, 20)
#
# Makes the journal with bench-journal when JOURNAL_DIR has none. Without
# xfce4-panel there is no tray, and only the time to the bus name.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
journal=${2:-$build/bench/journal-for-trend}
case "$journal" in /*) ;; *) journal="$PWD/$journal" ;; esac
starts=${3:-20}

if [ ! -x "$build/src/daemon/limber-daemon" ] || [ ! -x "$build/bench/bench-daemon-idle" ]; then
  echo "No limber-daemon or bench-daemon-idle in $build: build first (meson compile)" >&2
  exit 2
fi
if [ ! -f "$journal/journal.db" ]; then
  mkdir -p "$journal"
  "$build/bench/bench-journal" "$journal" >/dev/null
fi

measure=$(mktemp)
log=$(mktemp)
trap 'rm -f "$measure" "$log"' EXIT
cat > "$measure" <<'SCRIPT'
#!/bin/sh
set -eu
build=$1
journal=$2
starts=$3

# The tray of bench/idle.sh: an Xfce panel with only the systray plugin,
# which is the StatusNotifierWatcher.
panel=
if command -v xfce4-panel >/dev/null 2>&1; then
  conf="$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml"
  mkdir -p "$conf"
  cat > "$conf/xfce4-panel.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="size" type="uint" value="32"/>
      <property name="plugin-ids" type="array"><value type="int" value="1"/></property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
  </property>
</channel>
XML
  # No accessibility bus: its registry would print to the session's
  # stdout. No G_DEBUG=fatal-warnings from meson's test setup: a GTK
  # warning would end the panel.
  env -u G_DEBUG NO_AT_BRIDGE=1 xfce4-panel --disable-wm-check >/dev/null 2>&1 &
  panel=$!
  # Wait for the watcher rather than a fixed time: 10 s at most.
  tries=0
  while [ "$tries" -lt 100 ] && ! gdbus call --session --dest org.freedesktop.DBus \
          --object-path /org/freedesktop/DBus --method org.freedesktop.DBus.NameHasOwner \
          org.kde.StatusNotifierWatcher 2>/dev/null | grep -q true; do
    tries=$((tries + 1))
    sleep 0.1
  done
  # Let the panel finish starting before anything is timed.
  sleep 1
fi

export GSETTINGS_SCHEMA_DIR="$build/data"
"$build/bench/bench-daemon-idle" --journal "$journal" --starts "$starts" 0
[ -z "$panel" ] || kill "$panel" 2>/dev/null || echo "  (the panel had ended before the last start)"
SCRIPT
chmod +x "$measure"

# The session's own chatter (dbus-daemon, the panel) goes to the log,
# shown only when something failed.
if ! "$top/tests/test-session.sh" "$measure" "$build" "$journal" "$starts" 2>"$log"; then
  cat "$log" >&2
  exit 1
fi
