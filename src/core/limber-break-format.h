/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-clock-format.h"

G_BEGIN_DECLS

/* How the break timer's published state reads, the same in the window,
 * the tray and on the command line. */

/**
 * limber_format_duration:
 *
 * “40 s”, “12 min”, “1 h” or “1 h 5 min”: the one way every surface
 * says how long. Under a minute in seconds; to the nearest minute from
 * then on, in hours and minutes from 60 minutes, so that an amount never
 * reads “60 min” in one place and “1 h” in another.
 */
char       *limber_format_duration     (gint64      seconds);

/**
 * limber_format_next_break:
 * @next: the NextMicroBreak or NextRestBreak value of @kind, (xx)
 * @kind: "micro" or "rest"
 * @state: the State property
 * @due_break: the DueBreak property
 * @now_us: the monotonic time now
 * @zone: the local zone, as the process's clock has it
 *
 * “in 12 min (at 14:35)”, “after 12 min more of work”, “after this break”,
 * “due now” or “off”. Only a @state of "due" is ever “due now”.
 */
char       *limber_format_next_break   (GVariant   *next,
                                        const char *kind,
                                        const char *state,
                                        const char *due_break,
                                        gint64      now_us,
                                        GTimeZone  *zone);

/**
 * limber_break_end_in_s:
 * @break_end: (nullable): a BreakEnd value, (xx)
 * @now_us: the monotonic time now
 *
 * Seconds until the daemon ends the break under way, or -1 when no break
 * is under way or the daemon does not say.
 */
gint64      limber_break_end_in_s      (GVariant   *break_end,
                                        gint64      now_us);

/**
 * limber_format_on_break:
 * @left_s: seconds until the break ends, or -1 when not known
 *
 * “On a break, 35 s left”, or “On a break”.
 */
char       *limber_format_on_break     (gint64      left_s);

/**
 * limber_today_active_s:
 * @today_active: a TodayActive value, (xxb)
 *
 * Today's active time as of @now_us, in seconds.
 */
gint64      limber_today_active_s      (GVariant   *today_active,
                                        gint64      now_us);

/**
 * limber_describe_monitor:
 *
 * What the Monitor property means, for people: what Limber sees activity
 * through.
 */
const char *limber_describe_monitor    (const char *monitor);

/**
 * limber_next_break_in_s:
 *
 * Seconds until the break of @next comes while working, or -1 when it is
 * not counting down.
 */
gint64      limber_next_break_in_s     (GVariant   *next,
                                        gint64      now_us);

G_END_DECLS
