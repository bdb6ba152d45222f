#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test in a user and mount namespace of its own, where it may mount
# a small tmpfs to fill as a full disk. Where the system allows no such
# namespace the test runs as it is and skips what needs one.
if unshare --user --map-root-user --mount true 2>/dev/null; then
  exec unshare --user --map-root-user --mount "$@"
fi
exec "$@"
