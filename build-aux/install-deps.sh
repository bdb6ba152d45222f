#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs with apt whatever Limber needs to build, run and test on Debian 12
# that is not installed yet. Does nothing when all of it is there.
set -eu

packages="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libnotify-dev libsqlite3-dev libjson-glib-dev libgsound-dev sound-theme-freedesktop
  libportal-dev libportal-gtk4-dev scdoc bash-completion
  libx11-dev libxext-dev libxss-dev libwayland-dev libwayland-bin wayland-protocols
  desktop-file-utils appstream libgtk-4-bin
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi
  adwaita-icon-theme fonts-cantarell
  dunst xfce4-panel python3-dbusmock imagemagick xdotool poppler-utils locales
  faketime xfce4-notifyd sway wtype plasma-wayland-protocols xwayland x11-xserver-utils
  gsettings-desktop-schemas tzdata dconf-service dconf-gsettings-backend
  xdg-desktop-portal xdg-desktop-portal-gtk
"

missing=
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $package"
  fi
done

[ -z "$missing" ] && exit 0

echo "Installing build dependencies:$missing"
if [ "$(id -u)" -eq 0 ]; then
  as_root=
elif command -v sudo >/dev/null 2>&1; then
  as_root=sudo
else
  echo "These packages are missing and installing them needs root:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing
