#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
status=0

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in names $file, which does not exist"
    status=1
  fi
done

# C files that call gettext, UI files with translatable properties, and
# the data files whose strings reach users.
found=$( {
  grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  ls data/*.desktop.in data/*.desktop.in.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u)

for file in $found; do
  if ! printf '%s\n' "$listed" | grep -qxF "$file"; then
    echo "$file has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "po/POTFILES.in lists all $(printf '%s\n' "$found" | wc -l) files with translatable strings"
exit "$status"
