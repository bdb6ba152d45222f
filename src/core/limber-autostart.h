/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * limber_autostart_set:
 * @enabled: whether the break timer starts at login
 *
 * Outside Flatpak, writes or removes
 * $XDG_CONFIG_HOME/autostart/io.github.limberapp.Limber.desktop, which runs
 * `limber --background`. Inside Flatpak, asks the Background portal
 * instead, which needs no file access.
 */
gboolean limber_autostart_set        (gboolean   enabled,
                                      GError   **error);

/**
 * limber_autostart_file:
 *
 * The autostart file used outside Flatpak.
 */
char    *limber_autostart_file       (void);

G_END_DECLS
