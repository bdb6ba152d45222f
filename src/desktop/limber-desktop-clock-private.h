/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-desktop-clock.h"

G_BEGIN_DECLS

/* The settings-portal side on its own, whether or not this process runs
 * inside Flatpak: for the tests, which play the portal on their own bus. */

/* The portal's clock format as it says it (“12h”, “24h”), read now and
 * waited for at most 200 ms; %NULL when it does not say. */
char               *limber_desktop_clock_read_portal   (void);

/* limber_desktop_clock_follow() as it is inside Flatpak. */
LimberDesktopClock *limber_desktop_clock_follow_portal (GCallback  changed,
                                                        gpointer   user_data);

G_END_DECLS
