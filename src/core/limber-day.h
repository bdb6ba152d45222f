/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A local day is written YYYY-MM-DD. It starts at a set local hour rather
 * than at midnight, so that work after midnight counts toward the day it
 * started. */

#define LIMBER_DAY_LENGTH 10

/* The days and moments a journal can hold. Every one of them can be
 * written out and read back: as YYYY-MM-DD, and as an ISO 8601 time in any
 * offset that a place on Earth has used (at most 18 hours from UTC, in
 * whole minutes), whose local year still has four digits. */
#define LIMBER_DAY_FIRST          "1900-01-01"
#define LIMBER_DAY_LAST           "2199-12-31"
/* 1900-01-02T00:00:00Z and 2199-12-31T00:00:00Z. */
#define LIMBER_TIME_FIRST_UTC     G_GINT64_CONSTANT (-2208902400)
#define LIMBER_TIME_LAST_UTC      G_GINT64_CONSTANT (7258032000)
#define LIMBER_TIME_MAX_OFFSET_S  (18 * 3600)

/**
 * limber_day_is_valid:
 *
 * Whether @text is a real calendar day written as YYYY-MM-DD, from
 * %LIMBER_DAY_FIRST to %LIMBER_DAY_LAST.
 */
gboolean  limber_day_is_valid       (const char *text);

/**
 * limber_time_is_valid:
 *
 * Whether the moment @utc (seconds since 1970 in UTC), seen from the
 * offset @offset_s, is one a journal can hold.
 */
gboolean  limber_time_is_valid      (gint64      utc,
                                     int         offset_s);

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
