/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The autostart file that starts the break timer at login outside
 * Flatpak. Inside Flatpak the sandbox cannot write it; the window asks
 * the Background portal instead (limber-start-at-login.c). */

/**
 * limber_autostart_file:
 *
 * $XDG_CONFIG_HOME/autostart/io.github.limberapp.Limber.desktop.
 */
char     *limber_autostart_file        (void);

gboolean  limber_autostart_file_exists (void);

/**
 * limber_autostart_set_file:
 * @enabled: whether the break timer starts at login
 *
 * Writes the autostart file, which runs `limber --background`, or
 * removes it.
 */
gboolean  limber_autostart_set_file    (gboolean   enabled,
                                        GError   **error);

G_END_DECLS
