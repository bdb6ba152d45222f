#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs Limber into a DESTDIR and runs it from there, as a distribution
# package would put it in place:
#
#   1. `meson install --destdir`, which only reads the build folder;
#   2. the installed files against tests/installed-files.txt;
#   3. no installed file names the build folder or the source folder;
#   4. the installed limber and limber-daemon, run at their real prefix in
#      a mount namespace of their own where the DESTDIR tree covers the
#      prefix, on a session bus of their own that starts the daemon from
#      the installed D-Bus service file, with nothing of the build tree in
#      their environment.
#
# Usage, as tests/meson.build runs it:
#   test-install.sh build_root=DIR source_root=DIR prefix=DIR bindir=DIR
#     libexecdir=DIR datadir=DIR mandir=DIR localedir=DIR man=yes|no
#     version=VERSION meson=PROGRAM
#
# Exits 77 (skipped) where no mount namespace can be made.

# The messages quote as the rest of Limber does.
# shellcheck disable=SC1111
set -u

# Daemon names, as data/dbus/io.github.limberapp.Limber.Breaks.xml and
# src/core/limber-daemon-client.h give them.
bus_name=io.github.limberapp.Limber.Daemon
object_path=/io/github/limberapp/Limber/Daemon
interface=io.github.limberapp.Limber.Breaks
app_id=io.github.limberapp.Limber

step=
begin () {
  step=$1
  echo "== $step"
}
fail () {
  echo "FAIL in “$step”: $*"
  exit 1
}
# A failure after which the later steps still tell something.
failed=
fail_later () {
  echo "FAIL in “$step”: $*"
  failed="$failed
  $step: $*"
}
# A command’s output, indented, after a failure.
show () {
  [ -s "$1" ] && sed 's/^/    /' "$1"
  return 0
}

# ------------------------------------------------------------------------
# Inside the mount namespace and the session bus: the programs as a user
# runs them. Arguments: the temporary folder, the prefix, bindir, datadir,
# the version, the build folder and the source folder.
on_bus () {
  tmp=$1 prefix=$2 bindir=$3 datadir=$4 version=$5 build_root=$6 source_root=$7
  out=$tmp/out err=$tmp/err
  daemon_pid=

  stop_daemon () {
    [ -n "$daemon_pid" ] || return 0
    kill -TERM "$daemon_pid" 2>/dev/null
    tries=0
    # Under the sanitizers the leak check at exit takes a while.
    while kill -0 "$daemon_pid" 2>/dev/null && [ "$tries" -lt 300 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    if kill -0 "$daemon_pid" 2>/dev/null; then
      kill -KILL "$daemon_pid" 2>/dev/null
      daemon_pid=
      return 1
    fi
    daemon_pid=
  }
  trap stop_daemon EXIT

  begin "4a. the environment holds nothing of the build tree"
  if env | grep -F -e "$build_root" -e "$source_root" >"$out"; then
    show "$out"
    fail "these variables name the build or the source folder"
  fi
  echo "PATH=$PATH"
  echo "XDG_DATA_DIRS=$XDG_DATA_DIRS"

  begin "4b. limber --version and limber-daemon --version"
  for program in limber limber-daemon; do
    if ! "$prefix/$bindir/$program" --version >"$out" 2>"$err"; then
      show "$out"; show "$err"
      fail "$prefix/$bindir/$program --version failed"
    fi
    if ! grep -qxF "$program $version" "$out"; then
      show "$out"; show "$err"
      fail "$prefix/$bindir/$program --version did not print “$program $version”"
    fi
    echo "$prefix/$bindir/$program --version: $(cat "$out")"
  done
  # A mistyped option starts nothing.
  "$prefix/$bindir/limber-daemon" --bogus >"$out" 2>"$err"
  status=$?
  if [ "$status" -ne 2 ] || [ -s "$out" ]; then
    show "$out"; show "$err"
    fail "limber-daemon --bogus exited with $status, not 2"
  fi
  echo "limber-daemon --bogus: exit 2, $(head -n 1 "$err")"

  begin "4c. the installed schema is found without GSETTINGS_SCHEMA_DIR"
  if ! gsettings list-keys "$app_id" >"$out" 2>"$err" || [ ! -s "$out" ]; then
    show "$out"; show "$err"
    fail "gsettings does not find the schema $app_id under $prefix/$datadir/glib-2.0/schemas"
  fi
  echo "$(wc -l <"$out") keys in $app_id"

  begin "4d. limber --background starts the daemon by D-Bus activation from the installed service file"
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner "$bus_name" 2>/dev/null | grep -q true; then
    fail "$bus_name is owned before anything started it"
  fi
  # As at login: the installed limber asks the bus to start the daemon.
  if ! "$prefix/$bindir/limber" --background >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "limber --background did not start the daemon"
  fi
  if ! gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.GetConnectionUnixProcessID "$bus_name" >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "no process owns $bus_name after limber --background"
  fi
  # "(uint32 1234,)"
  daemon_pid=$(sed -n 's/^(uint32 \([0-9][0-9]*\),)$/\1/p' "$out")
  [ -n "$daemon_pid" ] || { show "$out"; fail "cannot read the process ID of $bus_name"; }
  exe=$(readlink "/proc/$daemon_pid/exe")
  if [ "$exe" != "$prefix/$bindir/limber-daemon" ]; then
    fail "$bus_name is owned by process $daemon_pid, which runs “$exe”, not $prefix/$bindir/limber-daemon"
  fi
  echo "$bus_name is process $daemon_pid, running $exe"
  if ! gdbus call --session --dest "$bus_name" --object-path "$object_path" \
         --method org.freedesktop.DBus.Properties.Get "$interface" Version >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "the daemon does not answer $interface at $object_path"
  fi
  if ! grep -qF "<'$version'>" "$out"; then
    show "$out"
    fail "the daemon’s Version property is not $version"
  fi
  echo "$interface.Version at $object_path: $(cat "$out")"

  begin "4e. limber status shows the break timer"
  if ! limber status >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "limber status failed"
  fi
  if ! grep -qxF "Break timer: running (version $version)" "$out" ||
     ! grep -q "^Next micro-break:" "$out"; then
    show "$out"; show "$err"
    fail "limber status does not show the running break timer"
  fi
  show "$out"

  begin "4f. limber log, then limber journal, in the temporary XDG_DATA_HOME"
  note="Logged by the installed limber"
  if ! limber log 3 --note "$note" >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "limber log 3 failed"
  fi
  if ! limber journal >"$out" 2>"$err"; then
    show "$out"; show "$err"
    fail "limber journal failed"
  fi
  if ! grep -qF "$note" "$out" || ! grep -q "^1 of the last [0-9]* days logged$" "$out"; then
    show "$out"; show "$err"
    fail "limber journal does not show the entry just logged"
  fi
  show "$out"
  [ -s "$XDG_DATA_HOME/limber/journal.db" ] ||
    fail "the journal is not in XDG_DATA_HOME: $XDG_DATA_HOME/limber/journal.db is missing"
  echo "The journal is $XDG_DATA_HOME/limber/journal.db"

  begin "4g. the installed desktop file and metainfo validate"
  file=$prefix/$datadir/applications/$app_id.desktop
  if ! desktop-file-validate "$file" >"$out" 2>&1; then
    show "$out"
    fail "desktop-file-validate rejects $file"
  fi
  echo "desktop-file-validate: $file is valid"
  # Only the DESTDIR tree: the prefix may hold other programs’ metainfo.
  if ! appstreamcli validate-tree --no-net "$tmp/dest$prefix" >"$out" 2>&1; then
    show "$out"
    fail "appstreamcli validate-tree rejects the installed tree"
  fi
  if ! grep -qF "$app_id.metainfo.xml" "$out"; then
    show "$out"
    fail "appstreamcli validate-tree does not find $app_id.metainfo.xml in $datadir/metainfo"
  fi
  show "$out"

  begin "4h. the daemon stops"
  stop_daemon || fail "limber-daemon did not end within 30 s of SIGTERM"
  echo "limber-daemon ended on SIGTERM"
}

# ------------------------------------------------------------------------
# In the mount namespace: the DESTDIR tree over the prefix, then a session
# bus with a clean environment. Arguments as on_bus.
in_namespace () {
  tmp=$1 prefix=$2 bindir=$3 datadir=$4 version=$5 build_root=$6 source_root=$7

  begin "4. the DESTDIR tree at $prefix, in a mount namespace of its own"
  if mount -t overlay overlay -o "lowerdir=$tmp/dest$prefix:$prefix" "$prefix" 2>"$tmp/err"; then
    echo "An overlay shows $tmp/dest$prefix over $prefix"
  else
    show "$tmp/err"
    # A bind mount hides what the prefix held before: never the system’s
    # own folders.
    case $prefix in
      / | /usr | /bin | /lib*)
        echo "SKIP: cannot mount an overlay over $prefix, and a bind mount would hide the system"
        exit 77
        ;;
      *) ;;
    esac
    if ! mount --bind "$tmp/dest$prefix" "$prefix" 2>"$tmp/err"; then
      show "$tmp/err"
      echo "SKIP: cannot mount $tmp/dest$prefix over $prefix"
      exit 77
    fi
    echo "A bind mount shows $tmp/dest$prefix at $prefix"
  fi

  mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/state" "$tmp/cache"
  mkdir -m 0700 "$tmp/runtime"
  # Not in the build folder, where meson starts its tests.
  cd "$tmp/home" || exit 99

  path=$prefix/$bindir
  [ "$path" = /usr/bin ] || path=$path:/usr/bin
  path=$path:/bin
  data_dirs=$prefix/$datadir
  [ "$data_dirs" = /usr/share ] || data_dirs=$data_dirs:/usr/share

  # The sanitizers write their reports into the temporary folder, from
  # where the main part prints them, and read a copy of the suppressions:
  # the programs see no path of the build tree. The rest of what they get
  # is what a desktop session gives them, and the test setup’s own checks.
  set --
  for name in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || continue
    value=$(printf '%s' "$value" | sed \
      -e "s|log_path=[^:]*|log_path=$tmp/sanitizer|" \
      -e "s|suppressions=[^:]*|suppressions=$tmp/lsan.supp|")
    set -- "$@" "$name=$value"
  done
  for name in G_DEBUG G_SLICE DISPLAY CANBERRA_DRIVER; do
    eval "value=\${$name:-}"
    [ -n "$value" ] && set -- "$@" "$name=$value"
  done

  env -i "$@" \
    PATH="$path" \
    HOME="$tmp/home" \
    XDG_DATA_HOME="$tmp/data" \
    XDG_CONFIG_HOME="$tmp/config" \
    XDG_STATE_HOME="$tmp/state" \
    XDG_CACHE_HOME="$tmp/cache" \
    XDG_RUNTIME_DIR="$tmp/runtime" \
    XDG_DATA_DIRS="$data_dirs" \
    GSETTINGS_BACKEND=memory \
    LC_ALL=C.UTF-8 \
    LANGUAGE= \
    TMPDIR="$tmp" \
    dbus-run-session -- sh "$tmp/test-install.sh" --on-bus \
      "$tmp" "$prefix" "$bindir" "$datadir" "$version" "$build_root" "$source_root"
}

case "${1:-}" in
  --on-bus)
    shift
    on_bus "$@"
    exit 0
    ;;
  --in-namespace)
    shift
    in_namespace "$@"
    exit $?
    ;;
  *) ;;
esac

# ------------------------------------------------------------------------
# The main part, run by meson.
build_root='' source_root='' prefix='' bindir='' libexecdir='' datadir='' mandir='' localedir=''
man='' version='' meson=''
for arg in "$@"; do
  value=${arg#*=}
  case $arg in
    build_root=*) build_root=$value ;;
    source_root=*) source_root=$value ;;
    prefix=*) prefix=$value ;;
    bindir=*) bindir=$value ;;
    libexecdir=*) libexecdir=$value ;;
    datadir=*) datadir=$value ;;
    mandir=*) mandir=$value ;;
    localedir=*) localedir=$value ;;
    man=*) man=$value ;;
    version=*) version=$value ;;
    meson=*) meson=$value ;;
    *)
      echo "test-install.sh: unknown argument “$arg”" >&2
      exit 99
      ;;
  esac
done
for value in "$build_root" "$source_root" "$prefix" "$bindir" "$libexecdir" "$datadir" \
             "$mandir" "$localedir" "$man" "$version" "$meson"; do
  if [ -z "$value" ]; then
    echo "usage: test-install.sh build_root=… source_root=… prefix=… bindir=… libexecdir=… datadir=… mandir=… localedir=… man=yes|no version=… meson=…" >&2
    exit 99
  fi
done

# A folder option as a path under the prefix: meson allows absolute ones
# inside it.
under_prefix () {
  case $1 in
    "$prefix"/*) printf '%s\n' "${1#"$prefix"/}" ;;
    /*)
      echo "SKIP: $1 lies outside the prefix $prefix"
      exit 77
      ;;
    *) printf '%s\n' "$1" ;;
  esac
}
bindir=$(under_prefix "$bindir") || exit 77
libexecdir=$(under_prefix "$libexecdir") || exit 77
datadir=$(under_prefix "$datadir") || exit 77
mandir=$(under_prefix "$mandir") || exit 77
localedir=$(under_prefix "$localedir") || exit 77

tmp=$(mktemp -d "${TMPDIR:-/tmp}/limber-install.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
dest=$tmp/dest

begin "1. meson install into a DESTDIR"
# shellcheck disable=SC2086
if ! $meson install -C "$build_root" --destdir "$dest" --no-rebuild --quiet >"$tmp/out" 2>&1; then
  show "$tmp/out"
  fail "meson install failed"
fi
if [ ! -d "$dest$prefix" ]; then
  fail "nothing was installed under $dest$prefix"
fi
echo "Installed into $dest"

begin "2. the installed files are those in tests/installed-files.txt"
# @completionsdir@ as data/completions/meson.build asks pkg-config for it.
completionsdir=$(pkg-config --define-variable=datadir="$prefix/$datadir" \
                   --variable=completionsdir bash-completion 2>/dev/null) ||
  completionsdir=
[ -n "$completionsdir" ] || completionsdir=$datadir/bash-completion/completions
languages=$(sed -e 's/#.*//' "$source_root/po/LINGUAS" | tr -s '[:space:]' ' ')
echo "Manual pages expected: $man; completions in $completionsdir; languages: $languages"

# "required path" or "optional path" lines, paths absolute.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$source_root/tests/installed-files.txt" |
  while read -r first rest; do
    kind=required
    case $first in
      "[man]")
        [ "$man" = yes ] || continue
        first=$rest
        ;;
      "[optional]")
        kind=optional
        first=$rest
        ;;
      *) ;;
    esac
    path=$(printf '%s\n' "$first" | sed \
      -e "s|@bindir@|$bindir|g" \
      -e "s|@libexecdir@|$libexecdir|g" \
      -e "s|@datadir@|$datadir|g" \
      -e "s|@mandir@|$mandir|g" \
      -e "s|@localedir@|$localedir|g" \
      -e "s|@completionsdir@|$completionsdir|g")
    case $path in
      /*) ;;
      *) path=${prefix%/}/$path ;;
    esac
    case $path in
      *@lang@*)
        for lang in $languages; do
          printf '%s %s\n' "$kind" "$(printf '%s\n' "$path" | sed "s|@lang@|$lang|g")"
        done
        ;;
      *) printf '%s %s\n' "$kind" "$path" ;;
    esac
  done >"$tmp/listed"
sed -n 's/^required //p' "$tmp/listed" | sort -u >"$tmp/required"
sed -n 's/^optional //p' "$tmp/listed" | sort -u >"$tmp/optional"
(cd "$dest" && find . ! -type d) | sed 's|^\.||' | sort >"$tmp/installed"

comm -23 "$tmp/required" "$tmp/installed" >"$tmp/missing"
comm -23 "$tmp/installed" "$tmp/required" | comm -23 - "$tmp/optional" >"$tmp/unexpected"
if [ -s "$tmp/missing" ] || [ -s "$tmp/unexpected" ]; then
  if [ -s "$tmp/missing" ]; then
    echo "Listed in tests/installed-files.txt but not installed:"
    show "$tmp/missing"
  fi
  if [ -s "$tmp/unexpected" ]; then
    echo "Installed but not listed in tests/installed-files.txt:"
    show "$tmp/unexpected"
  fi
  fail_later "the installed files differ from tests/installed-files.txt"
else
  echo "$(wc -l <"$tmp/installed") files, as listed"
fi

begin "3. no installed file names the build or the source folder"
# Also in the forms the links in them resolve to.
set -- -e "$build_root" -e "$source_root"
real=$(cd "$build_root" && pwd -P) && [ "$real" != "$build_root" ] && set -- "$@" -e "$real"
real=$(cd "$source_root" && pwd -P) && [ "$real" != "$source_root" ] && set -- "$@" -e "$real"
if grep -r -l -F "$@" "$dest" >"$tmp/named"; then
  while read -r file; do
    where=
    example=$file
    # In a program: in its debug information only, or in what it runs
    # with (such as __FILE__ in its messages)?
    if objcopy --strip-debug "$file" "$tmp/stripped" 2>/dev/null; then
      if grep -q -F "$@" "$tmp/stripped"; then
        where=" (in the program’s own data, not only its debug information)"
        example=$tmp/stripped
      else
        where=" (in its debug information only)"
      fi
    fi
    echo "${file#"$dest"}$where, such as:"
    # A few of the strings around the paths.
    for pattern in "$build_root" "$source_root"; do
      LC_ALL=C grep -a -o "[[:graph:]]*${pattern}[[:graph:]]*" "$example" 2>/dev/null
    done | cut -c1-120 | sort -u | head -n 3 | sed 's/^/    /'
  done <"$tmp/named"
  fail_later "installed files name $build_root or $source_root"
else
  echo "None names $build_root or $source_root"
fi

# What a distribution’s package does after it unpacks: meson skips
# gnome.post_install under a DESTDIR, and without the compiled schema the
# installed programs cannot read their settings.
schemas=$dest$prefix/$datadir/glib-2.0/schemas
if [ ! -f "$schemas/gschemas.compiled" ]; then
  if ! glib-compile-schemas "$schemas" >"$tmp/out" 2>&1; then
    show "$tmp/out"
    fail "glib-compile-schemas $schemas failed"
  fi
  echo "Compiled the installed schema, as a package’s post-install step would"
fi

# The namespace runs a copy of this script, so that nothing inside names
# the source tree.
cp "$0" "$tmp/test-install.sh" || exit 99
[ -f "$source_root/tests/lsan.supp" ] && cp "$source_root/tests/lsan.supp" "$tmp/lsan.supp"
# Root needs no user namespace; anyone else maps themself to root in one.
if [ "$(id -u)" -eq 0 ]; then
  unshare_args=--mount
else
  unshare_args="--map-root-user --mount"
fi
# shellcheck disable=SC2086
if ! unshare $unshare_args true 2>"$tmp/err"; then
  show "$tmp/err"
  echo "SKIP: cannot make a mount namespace (unshare $unshare_args) to run the programs at $prefix"
  exit 77
fi
if [ ! -d "$prefix" ]; then
  echo "SKIP: $prefix does not exist to mount the installed tree on"
  exit 77
fi

# shellcheck disable=SC2086
unshare $unshare_args -- sh "$tmp/test-install.sh" --in-namespace \
  "$tmp" "$prefix" "$bindir" "$datadir" "$version" "$build_root" "$source_root"
status=$?

# Reports of the sanitizers, from the daemon too.
for report in "$tmp"/sanitizer.*; do
  [ -e "$report" ] || continue
  echo "Sanitizer report in ${report##*/}:"
  cat "$report"
  [ "$status" -eq 0 ] && status=1
done

if [ -n "$failed" ]; then
  echo "FAIL, in the steps before:$failed"
  exit 1
fi
[ "$status" -eq 0 ] && echo "PASS: installed, listed, free of build paths, and run from $prefix"
exit "$status"
