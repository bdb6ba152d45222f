#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one test in a session of its own: its own X server, its own D-Bus
# session bus and its own home, so that tests never touch the user's data,
# never see each other, and pass on a machine without a display.
set -u

session_dir=$(mktemp -d "${TMPDIR:-/tmp}/limber-test.XXXXXX") || exit 99
xvfb_pid=

# Every process of the session carries this mark in its environment: the
# test, what it starts, and what the bus starts for it.
mark="LIMBER_TEST_SESSION=$session_dir"

# The session's processes still running: a window the daemon started as
# the test ended, a service the bus started.
leftovers () {
  grep -laF -- "$mark" /proc/[0-9]*/environ 2>/dev/null | sed 's|^/proc/\([0-9]*\)/environ$|\1|'
}

# They end before the X server does: a GTK program that loses its display
# while it starts can crash inside the GL driver, which a sanitizer
# reports. What is ending by itself (the bus has gone) is given the time
# to, then the rest end as at logout, and what is still there is killed.
# Each is named: a test should end what it starts.
wait_for_leftovers () {
  waits=$1
  while [ "$waits" -gt 0 ] && [ -n "$(leftovers)" ]; do
    waits=$((waits - 1))
    sleep 0.1
  done
  leftovers
}

end_leftovers () {
  scale=${LIMBER_TEST_TIMEOUT_SCALE:-1}
  pids=$(wait_for_leftovers $((20 * scale)))
  [ -n "$pids" ] || return 0
  for pid in $pids; do
    command=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)
    [ -n "$command" ] && echo "test-session: ending what the test left running: $command" >&2
  done
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null
  pids=$(wait_for_leftovers $((100 * scale)))
  [ -n "$pids" ] || return 0
  echo "test-session: killed, as SIGTERM did not end them: $pids" >&2
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null
}

cleanup () {
  end_leftovers
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$session_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -m 0700 "$session_dir/runtime" "$session_dir/home" "$session_dir/tmp"
export TMPDIR="$session_dir/tmp"
export HOME="$session_dir/home"
export XDG_RUNTIME_DIR="$session_dir/runtime"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

# Xvfb picks a free display number itself and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  3>"$session_dir/display" 2>"$session_dir/xvfb.log" &
xvfb_pid=$!
tries=0
while [ ! -s "$session_dir/display" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "test-session: Xvfb did not start:" >&2
    cat "$session_dir/xvfb.log" >&2
    exit 99
  fi
  sleep 0.05
done
export DISPLAY=":$(cat "$session_dir/display")"

# What the bus starts on demand (the desktop portal, dconf, the
# accessibility bus) is other projects' code: it runs without the tests'
# fatal warnings, as on a user's desktop, and only the test gets them.
if [ -n "${G_DEBUG+set}" ]; then
  g_debug=$G_DEBUG
  unset G_DEBUG
  env "$mark" dbus-run-session -- env G_DEBUG="$g_debug" "$@"
  exit
fi
env "$mark" dbus-run-session -- "$@"
