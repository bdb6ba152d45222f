/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What time and what day it is, for every part of one process. The clock
 * is the only thing in Limber that reads the wall clock and the local time
 * zone. It follows both as they change while the process runs: the zone
 * file being replaced (a move to another zone), the wall clock being set,
 * and the day starting at the rollover hour. Intervals and countdowns do
 * not use it: they run on the monotonic clock. */

#define LIMBER_TYPE_CLOCK (limber_clock_get_type ())

G_DECLARE_FINAL_TYPE (LimberClock, limber_clock, LIMBER, CLOCK, GObject)

/* The local hour at which a new day starts unless set otherwise. */
#define LIMBER_CLOCK_DEFAULT_ROLLOVER_HOUR 4

/**
 * limber_clock_new:
 *
 * A clock that watches the local zone and the wall clock. Its owner binds
 * #LimberClock:rollover-hour to the setting.
 */
LimberClock *limber_clock_new                (void);

/**
 * limber_clock_new_unwatched:
 *
 * A clock for a process that lives for a moment, such as a command: it
 * reads the zone and the wall clock when made and when checked, and
 * watches nothing (no file monitor, whose thread costs a command more
 * than its work, no timer).
 */
LimberClock *limber_clock_new_unwatched      (void);

/**
 * limber_clock_now:
 *
 * The wall-clock time now, in the local zone as it is now.
 */
GDateTime   *limber_clock_now                (LimberClock *self);

/**
 * limber_clock_get_timezone:
 *
 * The local zone as the clock last saw it.
 */
GTimeZone   *limber_clock_get_timezone       (LimberClock *self);

/**
 * limber_clock_to_local:
 * @unix_s: a UTC time in seconds
 *
 * @unix_s in the local zone as it is now.
 */
GDateTime   *limber_clock_to_local           (LimberClock *self,
                                              gint64       unix_s);

/**
 * limber_clock_monotonic_to_unix:
 * @monotonic_us: a time of the monotonic clock, as g_get_monotonic_time()
 *
 * That time on the wall clock as it is set now, in UTC seconds.
 */
gint64       limber_clock_monotonic_to_unix  (LimberClock *self,
                                              gint64       monotonic_us);

/**
 * limber_clock_get_today:
 *
 * The local day (YYYY-MM-DD) as of the last check, days starting at the
 * rollover hour. Valid until the next #LimberClock::day-changed.
 */
const char  *limber_clock_get_today          (LimberClock *self);

/**
 * limber_clock_day_for_time:
 *
 * The local day @time falls on, days starting at the rollover hour.
 */
char        *limber_clock_day_for_time       (LimberClock *self,
                                              GDateTime   *time);

/**
 * limber_clock_get_rollover_hour:
 */
guint        limber_clock_get_rollover_hour  (LimberClock *self);
void         limber_clock_set_rollover_hour  (LimberClock *self,
                                              guint        hour);

/**
 * limber_clock_next_day_start:
 *
 * When the next local day starts, in the local zone.
 */
GDateTime   *limber_clock_next_day_start     (LimberClock *self);

/**
 * limber_clock_check:
 *
 * Looks at the wall clock and the zone again now, and signals what
 * changed. The clock does this by itself when the day starts, the zone
 * file changes or the wall clock is set; call it after anything else that
 * may have moved time on unseen, such as waking from suspend.
 */
void         limber_clock_check              (LimberClock *self);

G_END_DECLS
