/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-clock-format.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_DESKTOP_CLOCK (limber_desktop_clock_get_type ())

G_DECLARE_FINAL_TYPE (LimberDesktopClock, limber_desktop_clock, LIMBER, DESKTOP_CLOCK, GObject)

/* The desktop's 12- or 24-hour clock setting, learnt and followed: inside
 * Flatpak through the settings portal, else from org.gnome.desktop.interface
 * when that schema is installed, else the locale's own time format. What
 * it learns it hands to core with limber_clock_format_set(). */

/**
 * limber_desktop_clock_settings:
 *
 * The org.gnome.desktop.interface settings when that schema is installed
 * with its “clock-format” key, else %NULL.
 */
GSettings          *limber_desktop_clock_settings      (void);

/**
 * limber_desktop_clock_from_settings:
 * @settings: settings of the org.gnome.desktop.interface schema
 *
 * What their “clock-format” key says. A key nobody set speaks only on
 * the desktops whose clock reads it (GNOME and those built on it, as
 * XDG_CURRENT_DESKTOP names them); elsewhere the locale decides.
 */
LimberClockFormat   limber_desktop_clock_from_settings (GSettings  *settings);

/**
 * limber_desktop_clock_detect:
 *
 * The desktop's clock format, read now. Inside Flatpak this waits for
 * the settings portal, at most 200 ms; fine for a short-lived process,
 * while one that lives long uses limber_desktop_clock_follow().
 */
LimberClockFormat   limber_desktop_clock_detect        (void);

/**
 * limber_desktop_clock_apply:
 *
 * Makes this process show times as the desktop does, read once now:
 * limber_clock_format_set (limber_desktop_clock_detect ()). For the
 * command line and the window, which do not follow later changes.
 */
void                limber_desktop_clock_apply         (void);

/**
 * limber_desktop_clock_follow:
 * @changed: (nullable): called, with @user_data, after the format changed
 * @user_data: for @changed
 *
 * For a process that lives long: sets the desktop's clock format and
 * follows it as it changes, with no timer (a signal of GSettings or of
 * the settings portal). From GSettings the format is set before this
 * returns; the portal is asked without blocking, and the format set, and
 * @changed called, when it answers. Returns an object that keeps
 * following until it is unreffed, or %NULL when there is nothing to
 * follow.
 */
LimberDesktopClock *limber_desktop_clock_follow        (GCallback   changed,
                                                        gpointer    user_data);

G_END_DECLS
