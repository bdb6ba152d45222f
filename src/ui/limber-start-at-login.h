/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * limber_start_at_login_apply:
 * @settings: Limber's settings
 * @parent: (nullable): the window the person chose in, for the portal's
 *   and the error's dialogs
 *
 * Makes the break timer start at login, or not, as the "start-at-login"
 * setting says: through the Background portal inside Flatpak (see
 * limber_sandbox_use_portals()), which shows the person why Limber asks; through the
 * autostart file outside it.
 * Where that fails or the desktop refuses, the setting goes back to off
 * and a dialog on @parent says why.
 */
void limber_start_at_login_apply (GSettings *settings,
                                  GtkWindow *parent);

G_END_DECLS
