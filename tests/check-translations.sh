#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every translation in po/LINGUAS must be complete: each string that the
# sources hold now is translated and none is fuzzy.
set -eu
top=${1:?usage: check-translations.sh SOURCE_ROOT}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"

# The same keywords as meson's i18n "glib" preset.
xgettext --from-code=UTF-8 --add-comments --package-name=limber \
  --directory="$top" --files-from=po/POTFILES.in --output="$work/limber.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

total=$(grep -c '^msgid ' "$work/limber.pot")
total=$((total - 1))
status=0

for lang in $(sed 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "po/$lang.po" "$work/limber.pot"
  msgfmt --check --output-file=/dev/null "$work/$lang.po"
  stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
  case "$stats" in
    *fuzzy*|*untranslated*)
      echo "po/$lang.po is incomplete ($stats). Untranslated or fuzzy:"
      msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid "..*"$' || true
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid "..*"$' || true
      status=1
      ;;
    *)
      echo "po/$lang.po: $stats ($total strings in the sources)"
      ;;
  esac
done

exit "$status"
