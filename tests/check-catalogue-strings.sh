#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when data/routines/catalogue-strings.c, which carries the
# catalogue's strings to xgettext, no longer matches catalogue.json.
set -eu
top=${1:?usage: check-catalogue-strings.sh SOURCE_ROOT}
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
python3 "$top/build-aux/catalogue-strings.py" "$fresh"
if ! cmp -s "$fresh" "$top/data/routines/catalogue-strings.c"; then
  echo "data/routines/catalogue-strings.c is stale: run build-aux/catalogue-strings.py data/routines/catalogue-strings.c"
  exit 1
fi
echo "data/routines/catalogue-strings.c matches catalogue.json"
