/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_sandbox_use_portals:
 *
 * Whether Limber runs inside Flatpak, where the desktop is reached through
 * portals only: the settings, the Background portal for start at login,
 * the Inhibit portal for the screen lock. LIMBER_USE_PORTALS=1 takes the
 * same paths outside a sandbox, to try them without building a Flatpak
 * and for the tests.
 */
gboolean limber_sandbox_use_portals (void);

G_END_DECLS
