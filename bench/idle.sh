#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What an idle break timer costs: limber-daemon, without a window, beside
# Workrave, each in the same Xvfb and private D-Bus session for the same
# minutes. Counts the context switches of all their threads, their CPU
# time and their PSS. A measurement to read, not a timed test.
#
#   bench/idle.sh [--typing] [--sync] [BUILD_DIR] [SECONDS] [SETTLE_SECONDS]
#                                 (defaults: build, 300, 10)
#
# With --typing, xdotool types into the X server without pause from the
# start to the end, as someone writing all day: the daemon must not wake
# for it either.
#
# With --sync, limber-daemon follows a sync folder (a new one, in the
# session's home): it must not wake for it either. bench-daemon-idle
# --sync measures the daemon with and without sync side by side.
#
# Nobody touches Xvfb's keyboard, so after a minute the user is away: the
# daemon then wakes for the idle notice and for each natural break. A
# SETTLE_SECONDS of 420 starts measuring after those, in the steady state.
#
# Installs Workrave with apt when it is missing (as root, or through sudo).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
typing=0
sync=0
while [ $# -gt 0 ]; do
  case "$1" in
    --typing) typing=1 ;;
    --sync) sync=1 ;;
    *) break ;;
  esac
  shift
done
build=${1:-$top/build}
seconds=${2:-300}
settle=${3:-10}

case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
if [ ! -x "$build/src/daemon/limber-daemon" ]; then
  echo "No limber-daemon in $build: build first (build-aux/run or meson compile)" >&2
  exit 2
fi

if ! command -v workrave >/dev/null 2>&1; then
  as_root=
  [ "$(id -u)" -eq 0 ] || as_root=sudo
  $as_root apt-get install -y -qq --no-install-recommends workrave >/dev/null || true
fi

measure=$(mktemp)
trap 'rm -f "$measure"' EXIT
cat > "$measure" <<'SCRIPT'
#!/bin/sh
set -eu
build=$1
seconds=$2
settle=$3
typing=$4
sync=$5

switches () {
  total=0
  for task in /proc/"$1"/task/*; do
    n=$(awk '/^(non)?voluntary_ctxt_switches:/ { s += $2 } END { print s + 0 }' "$task/status" 2>/dev/null || echo 0)
    total=$((total + n))
  done
  echo "$total"
}

cpu_ticks () {
  # utime and stime: fields 14 and 15, counted after the command name.
  sed 's/^.*) //' /proc/"$1"/stat | awk '{ print $12 + $13 }'
}

pss_kib () {
  awk '/^Pss:/ { print $2 }' /proc/"$1"/smaps_rollup
}

# A real tray, so that the daemon's icon is registered and shown as it
# would be on Xfce.
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
  xfce4-panel --disable-wm-check >/dev/null 2>&1 &
  panel=$!
  sleep 2
fi

export GSETTINGS_SCHEMA_DIR="$build/data"

# Start-up first: time to the bus name and to the icon in the tray.
"$build/bench/bench-daemon-idle" 5 | grep "start to"

if [ "$sync" = 1 ]; then
  # The sync folder, in settings kept in a key file for the daemon alone.
  folder="$HOME/Sync"
  mkdir -p "$folder" "$XDG_CONFIG_HOME/glib-2.0/settings"
  printf "[io/github/limberapp/Limber]\nsync-folder='%s'\n" "$folder" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
  GSETTINGS_BACKEND=keyfile "$build/src/daemon/limber-daemon" &
else
  "$build/src/daemon/limber-daemon" &
fi
limber=$!
workrave=
if command -v workrave >/dev/null 2>&1; then
  workrave >/dev/null 2>&1 &
  workrave=$!
fi

typist=
if [ "$typing" = 1 ]; then
  ( while :; do xdotool type --delay 100 "the quick brown fox jumps over the lazy dog "; done ) &
  typist=$!
fi

# Let both settle after start-up.
sleep "$settle"

hz=$(getconf CLK_TCK)
report () {
  name=$1 pid=$2 s0=$3 c0=$4
  s1=$(switches "$pid")
  c1=$(cpu_ticks "$pid")
  pss=$(pss_kib "$pid")
  awk -v name="$name" -v ds=$((s1 - s0)) -v dc=$((c1 - c0)) -v hz="$hz" -v secs="$seconds" -v pss="$pss" 'BEGIN {
    printf "  %-14s %8.1f switches/min %10.4f %% CPU %8.2f MiB PSS\n",
           name, ds * 60 / secs, 100 * dc / hz / secs, pss / 1024
  }'
}

ls0=$(switches "$limber"); lc0=$(cpu_ticks "$limber")
if [ -n "$workrave" ]; then ws0=$(switches "$workrave"); wc0=$(cpu_ticks "$workrave"); fi

sleep "$seconds"

if [ -n "$typist" ]; then
  kill "$typist"
  echo "Typing for $seconds s, after $settle s, under Xvfb and a private D-Bus session:"
else
  echo "Idle for $seconds s, after $settle s, under Xvfb and a private D-Bus session:"
fi
[ "$sync" = 1 ] && echo "  (limber-daemon with a sync folder set)"
report limber-daemon "$limber" "$ls0" "$lc0"
if [ -n "$workrave" ]; then
  report workrave "$workrave" "$ws0" "$wc0"
  kill "$workrave"
else
  echo "  workrave       not installed"
fi
echo "  budget for limber-daemon: 0 switches/min, 0.01 % CPU, 5 MiB PSS"
tray=$(gdbus call --session --dest io.github.limberapp.Limber.Daemon \
         --object-path /io/github/limberapp/Limber/Daemon \
         --method org.freedesktop.DBus.Properties.Get io.github.limberapp.Limber.Breaks TrayShown 2>/dev/null || echo "?")
echo "  limber-daemon's tray icon shown: $tray"
kill "$limber"
[ -n "$panel" ] && kill "$panel"
SCRIPT
chmod +x "$measure"

"$top/tests/test-session.sh" "$measure" "$build" "$seconds" "$settle" "$typing" "$sync"
