/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether times of day read “14:35” or “2:35 PM”: as the desktop is set,
 * the same in the window, the tray, the notifications and on the command
 * line. Core only keeps the format it is given; what reads the desktop's
 * setting lives in src/desktop/ (limber-desktop-clock.h). */

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
 * limber_clock_format_set(), else the locale's
 * (limber_clock_format_from_locale()).
 */
LimberClockFormat  limber_clock_format_get            (void);

/**
 * limber_clock_format_set:
 *
 * Makes this process follow @format from now on.
 */
void               limber_clock_format_set            (LimberClockFormat  format);

/**
 * limber_clock_format_from_locale:
 *
 * The 12-hour clock when the time format of the LC_TIME locale uses one
 * (it has %p, %r, %I or %l), else the 24-hour clock.
 */
LimberClockFormat  limber_clock_format_from_locale    (void);

/**
 * limber_clock_format_parse:
 * @value: (nullable): “12h” or “24h”, as the desktop's “clock-format”
 *   setting says it
 * @otherwise: the format for any other @value
 *
 * The clock format @value names, else @otherwise.
 */
LimberClockFormat  limber_clock_format_parse          (const char        *value,
                                                       LimberClockFormat  otherwise);

G_END_DECLS
