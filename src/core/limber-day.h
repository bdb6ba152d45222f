/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A local day is written YYYY-MM-DD. It starts at a set local hour rather
 * than at midnight, so that work after midnight counts toward the day it
 * started. */

#define LIMBER_DAY_LENGTH 10

/**
 * limber_day_is_valid:
 *
 * Whether @text is a real calendar day written as YYYY-MM-DD.
 */
gboolean  limber_day_is_valid       (const char *text);

/**
 * limber_day_for_time:
 *
 * The local day that @time falls on when days start at @rollover_hour.
 */
char     *limber_day_for_time       (GDateTime  *time,
                                     guint       rollover_hour);

/**
 * limber_day_add:
 *
 * The day @days after (or before, when negative) the valid day @day.
 */
char     *limber_day_add            (const char *day,
                                     int         days);

/**
 * limber_day_to_date:
 *
 * Fills @date from the valid day @day.
 */
void      limber_day_to_date        (const char *day,
                                     GDate      *date);

G_END_DECLS
