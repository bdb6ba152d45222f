#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the window's own settings cost limber-daemon: its context switches
# (every wake-up is one) over a quiet five seconds, then while the window
# is resized twenty times, each resize written through real dconf as the
# window writes it. Each build runs in a private D-Bus session and home of
# its own. A measurement to read, not a timed test.
#
#   bench/settings-wakeups.sh BUILD_DIR [REFERENCE_BUILD_DIR]
#
# A build from before the window kept its size in
# io.github.limberapp.Limber.State writes the keys of the main schema, as
# that build's window did.
set -eu

measure () {
  build=$(cd "$1" && pwd)
  # shellcheck disable=SC2016
  dbus-run-session -- sh -c '
    set -eu
    build=$1
    home=$(mktemp -d)
    trap "rm -rf \"$home\"" EXIT
    export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
    export XDG_STATE_HOME="$home/state" XDG_RUNTIME_DIR="$home/runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=dconf
    schema=io.github.limberapp.Limber
    if gsettings list-schemas | grep -qx "$schema.State"; then schema=$schema.State; fi
    gsettings set "$schema" window-width 880
    "$build/src/daemon/limber-daemon" 2>/dev/null &
    daemon=$!
    sleep 3
    switches () { cat /proc/"$daemon"/task/*/status | awk "/ctxt_switches/ { n += \$2 } END { print n }"; }
    before=$(switches); sleep 5; idle=$(( $(switches) - before ))
    before=$(switches)
    for width in $(seq 900 10 1090); do gsettings set "$schema" window-width "$width"; done
    sleep 1
    resized=$(( $(switches) - before ))
    kill "$daemon"
    printf "%-40s %-36s idle 5 s: %4d   20 resizes: %4d\n" "$build" "$schema" "$idle" "$resized"
  ' sh "$build" 2>/dev/null
}

if [ $# -lt 1 ]; then
  echo "usage: bench/settings-wakeups.sh BUILD_DIR [REFERENCE_BUILD_DIR]" >&2
  exit 2
fi
echo "limber-daemon context switches (build, schema written, quiet 5 s, 20 window resizes)"
measure "$1"
[ $# -lt 2 ] || measure "$2"
