#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The bash completion and the manual pages against what the built limber
# and limber-daemon say about themselves: every command `limber help`
# lists, every option of `limber --help`, `limber help` and each
# `limber COMMAND --help`, and the values their help names. An option
# added later without its completion or its place in the manual fails
# here, naming what is missing.
#
# The messages quote as the rest of Limber does.
# shellcheck disable=SC1111
set -u

top=${1:?usage: test-completion.sh SOURCE_ROOT LIMBER LIMBER_DAEMON}
limber=${2:?usage: test-completion.sh SOURCE_ROOT LIMBER LIMBER_DAEMON}
daemon=${3:?usage: test-completion.sh SOURCE_ROOT LIMBER LIMBER_DAEMON}
# Absolute: the test completes file names in a folder of its own.
limber=$(realpath "$limber") && daemon=$(realpath "$daemon") || exit 99
completion=$top/data/completions/limber
limber_page=$top/doc/limber.1.scd
daemon_page=$top/doc/limber-daemon.1.scd

# The help as the tests read it everywhere: untranslated.
export LC_ALL=C.UTF-8 LANGUAGE=

failures=0
fail () {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

work=$(mktemp -d -t test-completion.XXXXXX) || exit 99
trap 'rm -rf "$work"' EXIT
# A home of its own: the routines of the person running the test are not
# this test’s business.
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state

# --- What the programs say about themselves ---

# Runs the program with its arguments; its output goes to $work/out, and
# anything on stderr or a status other than @expected fails.
run () {
  local expected=$1 status
  shift
  "$@" </dev/null >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "“$*” exited with $status, not $expected: $(cat "$work/err")"
    return 1
  fi
  return 0
}

# The options a GOption or `limber help` listing names, one a line as
# --name, --name=META or -x, --name=META.
options_of () {
  sed -n -E 's/^  +((-[[:alpha:]], )?--[a-z][a-z-]*(=[^ ]+)?)( .*)?$/\1/p' "$1"
}

run 0 "$limber" help || exit 1
cp "$work/out" "$work/help"
commands=$(sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\)  .*/\1/p' "$work/help")
[ -n "$commands" ] || { fail "“limber help” lists no commands"; exit 1; }
echo "commands: ${commands//$'\n'/ }"

run 0 "$limber" --help || exit 1
cp "$work/out" "$work/window-help"
# One line an option, as the fullest listing names it: “-h, --help” rather
# than “--help”.
{ options_of "$work/window-help"; options_of "$work/help"; } |
  awk '{ name = $NF; sub(/=.*/, "", name) } !(name in seen) || length($0) > length(seen[name]) { seen[name] = $0 }
       END { for (name in seen) print seen[name] }' | sort >"$work/top-options"
echo "options: $(tr '\n' ' ' <"$work/top-options")"

# Each command’s own options, as its --help lists them: at least --help
# itself.
for command in $commands; do
  : >"$work/options-$command"
  if "$limber" "$command" --help </dev/null >"$work/out" 2>/dev/null; then
    options_of "$work/out" >"$work/options-$command"
    echo "$command: $(tr '\n' ' ' <"$work/options-$command")"
  fi
done

# The fixed values a command’s summary names: “limber break now|end|…”.
values_of () {
  sed -n -E "s/^  $1  .*limber $1 ([a-z0-9]+(\\|[a-z0-9]+)+).*/\\1/p" "$work/help" | tr '|' ' '
}

# The long name, without its metavariable.
long_name () {
  local option=${1#-?, }
  echo "${option%%=*}"
}

# --- The completion, driven as bash drives it ---

# Sets COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT for the cursor at
# the end of @line, as bash does: words split at blanks, and the
# characters of COMP_WORDBREAKS (such as '=') words of their own; then
# calls _limber with the arguments bash gives it. The replies are left
# one a line in $work/reply.
complete_line () {
  local line=$1 word='' breaks=${COMP_WORDBREAKS-\"\'><=;|&(:} char i
  local -a words=()

  for ((i = 0; i < ${#line}; i++)); do
    char=${line:i:1}
    if [[ $char == [[:blank:]] ]]; then
      [ -n "$word" ] && words+=("$word")
      word=''
    elif [[ $breaks == *"$char"* ]]; then
      if [ -n "$word" ] && [[ $breaks != *"${word: -1}"* ]]; then
        words+=("$word")
        word=''
      fi
      word+=$char
    else
      if [ -n "$word" ] && [[ $breaks == *"${word: -1}"* ]]; then
        words+=("$word")
        word=''
      fi
      word+=$char
    fi
  done
  words+=("$word")

  COMP_WORDS=("${words[@]}")
  COMP_CWORD=$((${#words[@]} - 1))
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMP_TYPE=9
  COMP_KEY=9
  COMPREPLY=()
  _limber "${words[0]}" "${words[COMP_CWORD]}" "${words[COMP_CWORD - 1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort -u >"$work/reply"
}

# Fails unless completing @line offers @wanted.
expect_offered () {
  local line=$1 wanted=$2
  if ! grep -qxF -- "$wanted" "$work/reply"; then
    fail "“limber${line#"$limber"}” does not offer “$wanted” (it offers: $(tr '\n' ' ' <"$work/reply"))"
  fi
}

# Fails when completing @line offers @unwanted.
expect_not_offered () {
  local line=$1 unwanted=$2
  if grep -qxF -- "$unwanted" "$work/reply"; then
    fail "“limber${line#"$limber"}” offers “$unwanted”"
  fi
}

# An option is offered as --name= when it takes a value, --name when not.
offered_form () {
  local option=${1#-?, }
  case $option in
    *=*) echo "${option%%=*}=" ;;
    *) echo "$option" ;;
  esac
}

bash_completion=
for candidate in /usr/share/bash-completion/bash_completion /usr/local/share/bash-completion/bash_completion; do
  if [ -r "$candidate" ]; then
    bash_completion=$candidate
    break
  fi
done

if [ -z "$bash_completion" ]; then
  echo "SKIP: bash-completion is not installed; the completion is not checked"
else
  # shellcheck source=/dev/null
  source "$bash_completion"
  # shellcheck source=/dev/null
  source "$completion"
  # Outside a real completion compopt has nothing to set.
  compopt () { :; }

  if [ "$(complete -p limber 2>/dev/null)" != "complete -F _limber limber" ]; then
    fail "the completion does not register _limber for limber"
  fi

  line="$limber "
  complete_line "$line"
  for command in $commands; do
    expect_offered "$line" "$command"
  done

  for line in "$limber -" "$limber --"; do
    complete_line "$line"
    while read -r option; do
      expect_offered "$line" "$(offered_form "$option")"
    done <"$work/top-options"
  done

  for command in $commands; do
    line="$limber $command --"
    complete_line "$line"
    while read -r option; do
      expect_offered "$line" "$(offered_form "$option")"
    done <"$work/options-$command"
    if [ ! -s "$work/options-$command" ] && [ -s "$work/reply" ]; then
      fail "“$command --” offers options, but “limber $command --help” lists none: $(tr '\n' ' ' <"$work/reply")"
    fi

    values=$(values_of "$command")
    if [ -n "$values" ]; then
      line="$limber $command "
      complete_line "$line"
      for value in $values; do
        expect_offered "$line" "$value"
      done
    fi
  done

  # The pages --page names in its help, in both spellings.
  pages=$(sed -n -E 's/^  +--page=[A-Z]+ +[^:]*: (.*)$/\1/p' "$work/window-help" | sed -e 's/,/ /g' -e 's/ or / /g')
  [ -n "$pages" ] || fail "“limber --help” names no pages for --page"
  for line in "$limber --page " "$limber --page="; do
    complete_line "$line"
    for page in $pages; do
      expect_offered "$line" "$page"
    done
  done
  line="$limber --page=st"
  complete_line "$line"
  expect_offered "$line" stretches
  expect_not_offered "$line" today

  # Stretch IDs: every one of the shipped catalogue, and a routine of the
  # person’s own, which only the installed program knows of.
  mkdir -p "$XDG_DATA_HOME/limber/routines"
  cat >"$XDG_DATA_HOME/limber/routines/own.json" <<'EOF'
{
  "format": "limber-routines",
  "version": 1,
  "exercises": [
    {
      "id": "my-own-stretch",
      "name": "My own stretch",
      "summary": "One the physiotherapist showed me",
      "position": "seated",
      "steps": [ { "instruction": "Reach up and hold.", "hold_s": 10 } ]
    }
  ]
}
EOF
  ids=$(python3 -c 'import json, sys
catalogue = json.load(open(sys.argv[1]))
for kind in ("exercises", "routines"):
    for item in catalogue.get(kind, []):
        print(item["id"])' "$top/data/routines/catalogue.json") || fail "data/routines/catalogue.json cannot be read"
  for line in "$limber stretch " "$limber --stretch " "$limber --stretch="; do
    complete_line "$line"
    for id in $ids my-own-stretch; do
      expect_offered "$line" "$id"
    done
  done
  line="$limber stretch wall"
  complete_line "$line"
  expect_offered "$line" wall-angels
  expect_not_offered "$line" cat-cow
  line="$limber stretch wall-angels "
  complete_line "$line"
  [ -s "$work/reply" ] && fail "“stretch wall-angels ” offers more: $(tr '\n' ' ' <"$work/reply")"

  # The defaults the help names are among the values offered.
  for command in $commands; do
    while read -r option; do
      name=$(long_name "$option")
      default=$("$limber" "$command" --help 2>/dev/null |
                sed -n -E "s/^  +$name=[^ ]+ .*\\(default ([0-9]+)\\).*/\\1/p")
      [ -n "$default" ] || continue
      line="$limber $command $name "
      complete_line "$line"
      expect_offered "$line" "$default"
    done <"$work/options-$command"
  done

  # Scores: the one log needs first, and those its options take.
  line="$limber log "
  complete_line "$line"
  expect_offered "$line" 0
  expect_offered "$line" 10
  line="$limber log --worst=1"
  complete_line "$line"
  expect_offered "$line" 10
  expect_not_offered "$line" 2
  line="$limber log 4 "
  complete_line "$line"
  [ -s "$work/reply" ] && fail "“log 4 ” offers another score: $(tr '\n' ' ' <"$work/reply")"

  # Files: import only what it reads, export anything.
  mkdir "$work/files" "$work/files/folder"
  touch "$work/files/week.csv" "$work/files/all.JSON" "$work/files/notes.txt"
  cd "$work/files" || exit 99
  for line in "$limber import " "$limber import --format=json "; do
    complete_line "$line"
    expect_offered "$line" week.csv
    expect_offered "$line" all.JSON
    expect_offered "$line" folder
    expect_not_offered "$line" notes.txt
  done
  line="$limber export --format csv "
  complete_line "$line"
  expect_offered "$line" notes.txt
  line="$limber export --format="
  complete_line "$line"
  expect_offered "$line" csv
  expect_offered "$line" json
  cd - >/dev/null || exit 99

  # Completing a stretch ID lists the catalogue, and that is all it runs:
  # it must stay as quick as a keypress.
  start=$(date +%s%N)
  complete_line "$limber stretch "
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  echo "stretch IDs completed in $elapsed_ms ms"
fi

# --- The manual pages ---

# The text of a section of an scdoc page, without its heading.
section () {
  awk -v name="$2" '/^# / { inside = ($0 == "# " name); next } inside' "$1"
}

# An option as the pages write it: -x, --name=META as
# *-x*, *--name*=_META_.
page_form () {
  local option=$1 short='' meta=''
  case $option in
    -?,\ *) short="*${option%%,*}*, "; option=${option#-?, } ;;
  esac
  case $option in
    *=*) meta="=_${option#*=}_"; option=${option%%=*} ;;
  esac
  echo "$short*$option*$meta"
}

# Fails unless @text has a line that starts with @form followed by a
# blank or the end of the line.
expect_item () {
  local where=$1 text=$2 form=$3
  if ! printf '%s\n' "$text" | grep -qE "^[[:blank:]]*$(printf '%s' "$form" | sed 's/[][*.^$\\|+?(){}]/\\&/g')([[:blank:]]|\$)"; then
    fail "$where does not describe “$form”"
  fi
}

options=$(section "$limber_page" OPTIONS)
while read -r option; do
  expect_item "limber.1.scd OPTIONS" "$options" "$(page_form "$option")"
done <"$work/top-options"

commands_text=$(section "$limber_page" COMMANDS)
for command in $commands; do
  # Its block: from the line that starts with *COMMAND* to the next
  # line that starts with a bold word.
  block=$(printf '%s\n' "$commands_text" |
          awk -v head="*$command*" 'index($0, head) == 1 && (length($0) == length(head) || substr($0, length(head) + 1, 1) == " ") { inside = 1; print; next }
                                    /^\*/ { inside = 0 } inside')
  if [ -z "$block" ]; then
    fail "limber.1.scd COMMANDS does not describe the command “$command”"
    continue
  fi
  while read -r option; do
    case $option in
      -h,\ --help|--help)
        # One sentence for every command’s --help.
        printf '%s\n' "$commands_text" | grep -qF '*limber* _COMMAND_ *--help*' ||
          fail "limber.1.scd COMMANDS does not say that “limber COMMAND --help” shows a command’s options"
        ;;
      *)
        expect_item "limber.1.scd COMMANDS, $command," "$block" "$(page_form "$option")"
        ;;
    esac
  done <"$work/options-$command"
  for value in $(values_of "$command"); do
    printf '%s\n' "$block" | grep -qF "*$value*" ||
      fail "limber.1.scd COMMANDS, $command, does not name “$value”"
  done
done

# Every command the page describes exists.
for described in $(printf '%s\n' "$commands_text" | sed -n 's/^\*\([a-z][a-z-]*\)\*.*/\1/p'); do
  # shellcheck disable=SC2086
  printf '%s\n' $commands | grep -qxF "$described" ||
    fail "limber.1.scd COMMANDS describes “$described”, which “limber help” does not list"
done

if run 0 "$daemon" --help; then
  options=$(section "$daemon_page" OPTIONS)
  options_of "$work/out" >"$work/daemon-options"
  [ -s "$work/daemon-options" ] || fail "“limber-daemon --help” lists no options"
  while read -r option; do
    expect_item "limber-daemon.1.scd OPTIONS" "$options" "$(page_form "$option")"
  done <"$work/daemon-options"
fi

# The exit statuses the pages promise for bad usage.
# (run fails on anything on stderr; these must say what was wrong there.)
for usage in "$limber no-such-command" "$limber log 11" "$daemon --no-such-option"; do
  # shellcheck disable=SC2086
  $usage </dev/null >/dev/null 2>"$work/err"
  status=$?
  [ "$status" -eq 2 ] || fail "“$usage” exited with $status, not 2"
  [ -s "$work/err" ] || fail "“$usage” does not say what was wrong"
done

# Each page renders without a complaint from scdoc, and from groff.
if ! command -v scdoc >/dev/null; then
  echo "SKIP: scdoc is not installed; the pages are not rendered"
else
  for page in "$limber_page" "$daemon_page"; do
    name=$(basename "$page" .scd)
    if ! scdoc <"$page" >"$work/$name" 2>"$work/err" || [ -s "$work/err" ]; then
      fail "scdoc cannot render $name: $(cat "$work/err")"
    elif command -v man >/dev/null; then
      MANWIDTH=80 man --warnings -l "$work/$name" >/dev/null 2>"$work/err"
      [ -s "$work/err" ] && fail "man warns about $name: $(cat "$work/err")"
    fi
  done
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failed"
  exit 1
fi
echo "The completion and the manual pages cover every command and option."
