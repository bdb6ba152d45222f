#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `limber report` against a known journal: the PDF's text holds the
# weekly means `limber trend` prints for the same weeks, and the dates;
# its paper follows the locale; a page has a chart drawn on it; a warning
# sign is on page 1; bad input exits as documented. Reads the PDF with
# poppler-utils (pdftotext, pdfinfo, pdftoppm), and is skipped without it.
#
# The messages quote as the rest of Limber does.
# shellcheck disable=SC1111
set -u

limber=${1:?usage: test-report.sh LIMBER}
limber=$(realpath "$limber") || exit 99

for tool in pdftotext pdfinfo pdftoppm python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian package poppler-utils)"
    exit 77
  fi
done

# The report as the tests read it everywhere: untranslated.
export LC_ALL=C.UTF-8 LANGUAGE=

failures=0
fail () {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
pass () {
  echo "ok: $*"
}

work=$(mktemp -d -t test-report.XXXXXX) || exit 99
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state

# --- A known journal: the last 4 weeks, with gaps ---

day () {
  date -d "$1 days ago" +%F
}

{
  echo '{"format": "limber-journal", "version": 1, "pain_entries": ['
  sep=
  now=$(date -u +%Y-%m-%dT%H:%M:%S+00:00)
  for ago in 1 2 3 5 6 8 9 12 15 16 18 20 22 23 25; do
    average=$(( (ago * 7) % 9 + 1 ))
    worst=$(( average + 1 ))
    flags='[]'
    note=null
    activity=null
    enjoyment=null
    if [ $((ago % 3)) -eq 0 ]; then activity=$(( (ago * 5) % 11 )); enjoyment=$(( (ago * 3) % 11 )); fi
    [ "$ago" -eq 9 ] && flags='["night-or-worsening"]'
    [ "$ago" -eq 5 ] && note='"Worse after the long drive."'
    echo "$sep{\"uuid\": \"$(cat /proc/sys/kernel/random/uuid)\", \"created\": \"$now\", \"updated\": \"$now\", \"day\": \"$(day "$ago")\", \"average\": $average, \"worst\": $worst, \"activity\": $activity, \"enjoyment\": $enjoyment, \"regions\": [], \"red_flags\": $flags, \"note\": $note}"
    sep=,
  done
  echo '], "break_events": [], "stretch_sessions": []}'
} >"$work/journal.json"

if ! "$limber" import "$work/journal.json" >"$work/out" 2>"$work/err"; then
  echo "Could not import the journal: $(cat "$work/err")"
  exit 99
fi

# --- The weekly means, as `limber trend` prints them ---

"$limber" trend --weeks 4 >"$work/trend" 2>"$work/err" || { echo "limber trend failed: $(cat "$work/err")"; exit 99; }
if ! "$limber" report --weeks 4 "$work/report.pdf" >"$work/out" 2>"$work/err"; then
  fail "limber report --weeks 4 failed: $(cat "$work/err")"
else
  grep -q "^Wrote .*report.pdf (1 page)\.$" "$work/out" || fail "unexpected output: $(cat "$work/out")"
fi
pdftotext -layout "$work/report.pdf" "$work/report.txt" || fail "pdftotext cannot read the report"

weeks=0 logged=0 mismatches=$failures
while read -r week mean _ days _; do
  case $week in [0-9][0-9][0-9][0-9]-*) ;; *) continue ;; esac
  weeks=$((weeks + 1)) logged=$((logged + ${days%/7}))
  label=$(date -d "$week" +"%-d %B %Y")
  row=$(grep -E "^ *$label {2,}" "$work/report.txt")
  if [ -z "$row" ]; then
    fail "no row for the week of $label in the report"
  elif [ "$(echo "$row" | awk '{ print $4 }')" != "$mean" ]; then
    fail "the week of $label has mean $mean in limber trend, the report says: $row"
  fi
done <"$work/trend"
[ "$weeks" -eq 4 ] || fail "limber trend listed $weeks weeks, not 4"
[ "$failures" -eq "$mismatches" ] && pass "the 4 weekly means match limber trend"

# The period's dates, and what was logged in it.
# Limber's today: its day starts at the rollover hour, 4 by default, so
# between midnight and then it is still the calendar day before.
last=$(date -d "4 hours ago" +"%-d %B %Y")
grep -q "– $last" "$work/report.txt" && pass "the period ends today" || fail "the period does not end with $last"
grep -q "Pain logged on $logged of " "$work/report.txt" && pass "$logged days logged, as limber trend counts them" ||
  fail "the $logged days logged are not counted"

# The notes only when asked for.
grep -q "long drive" "$work/report.txt" && fail "a note is in a report without --notes"

# --- A warning sign, on page 1 ---

pdftotext -f 1 -l 1 "$work/report.pdf" "$work/page1.txt"
flag_day=$(date -d "$(day 9)" +"%-d %B %Y")
if grep -q "Warning Signs Ticked" "$work/page1.txt" && grep -q "$flag_day: Pain that is constant" "$work/page1.txt"; then
  pass "the warning sign is on page 1 with its date"
else
  fail "page 1 lacks the warning sign of $flag_day"
fi

# --- Paper and pages ---

pages () {
  pdfinfo "$1" | sed -n 's/^Pages: *//p'
}
page_size () {
  pdfinfo "$1" | sed -n -E 's/^Page size: *([0-9]+)(\.[0-9]+)? x ([0-9]+)(\.[0-9]+)? pts.*/\1x\3/p'
}

# The C locale's paper is A4 (595 by 842 points, rounded down).
[ "$(page_size "$work/report.pdf")" = 595x841 ] && pass "A4 in the C locale" ||
  fail "page size in the C locale: $(page_size "$work/report.pdf")"
[ "$(pages "$work/report.pdf")" = 1 ] || fail "4 weeks took $(pages "$work/report.pdf") pages"

have_locale () {
  locale -a 2>/dev/null | grep -qix "$1"
}
# A locale that is not installed is compiled for the test from the
# system's locale sources, when they are there.
mkdir -p "$work/locales"
for case in de_DE.utf8:595x841 en_GB.utf8:595x841 en_US.utf8:612x792; do
  name=${case%%:*} size=${case#*:} locpath=
  if ! have_locale "$name"; then
    if localedef -i "${name%%.*}" -f UTF-8 "$work/locales/$name" >/dev/null 2>&1; then
      locpath=$work/locales
    else
      echo "SKIP: paper of $name: the locale is neither installed nor can be compiled"
      continue
    fi
  fi
  env ${locpath:+LOCPATH=$locpath} LC_ALL= LANG=C.UTF-8 LC_PAPER=$name "$limber" report --weeks 4 "$work/paper.pdf" >/dev/null 2>"$work/err" ||
    fail "report with LC_PAPER=$name failed: $(cat "$work/err")"
  [ "$(page_size "$work/paper.pdf")" = "$size" ] && pass "paper of $name" ||
    fail "LC_PAPER=$name gives $(page_size "$work/paper.pdf"), not $size"
done

# In German, the report is German: its headings, the footer and what
# the command says.
if LANGUAGE=de "$limber" report --weeks 4 "$work/de.pdf" >"$work/out" 2>"$work/err"; then
  pdftotext "$work/de.pdf" "$work/de.txt"
  grep -q "Schmerzbericht" "$work/de.txt" && grep -q "Woche für Woche" "$work/de.txt" &&
    grep -q "keine Diagnose" "$work/de.txt" && grep -q "geschrieben (1 Seite)" "$work/out" &&
    pass "a German report in German" || fail "the German report is not German: $(head -5 "$work/de.txt")"
else
  fail "limber report in German failed: $(cat "$work/err")"
fi

# Notes long enough to fill pages: rows are never cut, every page has
# its footer with its number, and the count printed is pdfinfo's.
long=$(printf 'A long note about the day, what was done and how the back felt. %.0s' $(seq 1 25))
for ago in 1 2 3 4 5 6 7 8 9 10; do
  "$limber" log 4 --date "$(day "$ago")" --note "$ago: $long" >/dev/null 2>"$work/err" ||
    fail "cannot log a note: $(cat "$work/err")"
done
if "$limber" report --weeks 4 --notes "$work/notes.pdf" >"$work/out" 2>"$work/err"; then
  n=$(pages "$work/notes.pdf")
  grep -q "^Wrote .* ($n pages)\.$" "$work/out" || fail "printed $(cat "$work/out") for $n pages"
  [ "$n" -ge 2 ] && pass "long notes take $n pages" || fail "long notes fit on $n page"
  for page in $(seq 1 "$n"); do
    pdftotext -f "$page" -l "$page" "$work/notes.pdf" - | tr '\n' ' ' |
      grep -q "not a diagnosis. Made with Limber .* Page $page of $n" || fail "page $page lacks its footer"
  done
  pdftotext "$work/notes.pdf" - | grep -q "^10: A long note" && pass "notes with --notes" || fail "the notes are missing with --notes"
else
  fail "limber report --notes failed: $(cat "$work/err")"
fi

# --- An empty period says so ---

if "$limber" report --from 2001-01-01 --to 2001-01-20 "$work/empty.pdf" >"$work/out" 2>"$work/err"; then
  pdftotext "$work/empty.pdf" - | grep -q "No pain was logged in this period." && pass "an empty period says so" ||
    fail "the empty report does not say nothing was logged"
else
  fail "an empty period failed: $(cat "$work/err")"
fi

# --- The chart is drawn: many more dark pixels where it goes than in
# the report of the empty period, which has none ---

dark_in_chart () {
  pdftoppm -r 30 -gray -f 1 -l 1 "$1" "$work/page" || return 1
  python3 - "$work"/page-*1.pgm <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
width, height = int(fields[1]), int(fields[2])
pixels = data[pos + 1:]
# The chart sits in the upper half of page 1, under the title.
top, bottom = height * 20 // 100, height * 55 // 100
print(sum(1 for y in range(top, bottom) for x in range(width) if pixels[y * width + x] < 160))
EOF
  rm -f "$work"/page-*.pgm
}
with_chart=$(dark_in_chart "$work/report.pdf")
without=$(dark_in_chart "$work/empty.pdf")
if [ -n "$with_chart" ] && [ -n "$without" ] && [ "$with_chart" -gt $((without + 100)) ]; then
  pass "the chart area has $with_chart dark pixels, $without without a chart"
else
  fail "no chart drawn: ${with_chart:-?} dark pixels against ${without:-?} in an empty report"
fi

# --- Bad input ---

expect_status () {
  local expected=$1 about=$2 status
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "“${*:2}” exited with $status, not $expected"
  elif ! grep -qF -- "$about" "$work/err"; then
    fail "“${*:2}”: the message does not name $about: $(cat "$work/err")"
  else
    pass "“${*:2}” exits $expected naming $about"
  fi
}
expect_status 2 --from "$limber" report --from 2026-02-30 "$work/x.pdf"
expect_status 2 --to "$limber" report --from 2026-01-05 --to 5.1.2026 "$work/x.pdf"
expect_status 2 --weeks "$limber" report --weeks 0 "$work/x.pdf"
expect_status 2 --weeks "$limber" report --weeks 4 --from 2026-01-05 "$work/x.pdf"
expect_status 2 --bogus "$limber" report --bogus "$work/x.pdf"
expect_status 1 "$work/missing/x.pdf" "$limber" report "$work/missing/x.pdf"
expect_status 1 /dev/full "$limber" report /dev/full
[ -e "$work/x.pdf" ] && fail "a refused report left a file"

# `limber report --help` is answered, through the window's program.
"$limber" report --help >"$work/out" 2>&1 && grep -q -- "--notes" "$work/out" && pass "report --help" ||
  fail "limber report --help: $(cat "$work/out")"
"$limber" help | grep -q "^  report " && pass "limber help lists report" || fail "limber help does not list report"

[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
exit 0
