/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether times of day read “14:35” or “2:35 PM”: as the desktop is set,
 * the same in the window, the tray, the notifications and on the command
 * line. */

typedef enum
{
  LIMBER_CLOCK_FORMAT_24H,
  LIMBER_CLOCK_FORMAT_12H,
} LimberClockFormat;

/**
 * limber_format_time_of_day:
 * @time: a local time
 *
 * @time as a time of day in the clock format this process follows, such
 * as “14:35” or “2:35 PM”. A locale without AM and PM gets the 24-hour
 * clock, which is never ambiguous.
 */
char              *limber_format_time_of_day          (GDateTime  *time);

/**
 * limber_clock_format_get:
 *
 * The clock format this process follows: the one set with
 * limber_clock_format_set(), else the desktop's, looked up once
 * (limber_clock_format_detect()).
 */
LimberClockFormat  limber_clock_format_get            (void);

/**
 * limber_clock_format_set:
 *
 * Makes this process follow @format from now on.
 */
void               limber_clock_format_set            (LimberClockFormat  format);

/**
 * limber_clock_format_detect:
 *
 * The desktop's clock format, read now: inside Flatpak through the
 * settings portal, else from org.gnome.desktop.interface when that schema
 * is installed, else from the locale's own time format.
 */
LimberClockFormat  limber_clock_format_detect         (void);

/**
 * limber_clock_format_from_locale:
 *
 * The 12-hour clock when the time format of the LC_TIME locale uses one
 * (it has %p, %r, %I or %l), else the 24-hour clock.
 */
LimberClockFormat  limber_clock_format_from_locale    (void);

/**
 * limber_clock_format_from_settings:
 * @settings: settings of the org.gnome.desktop.interface schema
 *
 * What their “clock-format” key says.
 */
LimberClockFormat  limber_clock_format_from_settings  (GSettings         *settings);

/**
 * limber_clock_format_desktop_settings:
 *
 * The org.gnome.desktop.interface settings when that schema is installed,
 * else %NULL.
 */
GSettings         *limber_clock_format_desktop_settings (void);

/**
 * limber_clock_format_follow:
 * @changed: (nullable): called after the format changed
 * @user_data: for @changed
 *
 * For a process that lives long: follows the desktop's setting as it
 * changes, with no timer (a signal of GSettings or of the settings
 * portal). Returns an object that keeps following until it is unreffed,
 * or %NULL when there is nothing to follow.
 */
GObject           *limber_clock_format_follow         (GCallback          changed,
                                                       gpointer           user_data);

G_END_DECLS
