/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the break timer's published state reads, the same in the window and
 * on the command line. */

/**
 * limber_format_duration:
 *
 * “40 s”, “12 min”, “1 h” or “1 h 5 min”.
 */
char       *limber_format_duration    (gint64      seconds);

/**
 * limber_format_next_break:
 * @next: a NextMicroBreak or NextRestBreak value, (xx)
 * @now_us: the monotonic time now
 *
 * “in 12 min (at 14:35)”, “after 12 min more of work”, “due now” or “off”.
 */
char       *limber_format_next_break  (GVariant   *next,
                                       gint64      now_us);

/**
 * limber_today_active_s:
 * @today_active: a TodayActive value, (xxb)
 *
 * Today's active time as of @now_us, in seconds.
 */
gint64      limber_today_active_s     (GVariant   *today_active,
                                       gint64      now_us);

/**
 * limber_describe_monitor:
 *
 * What the Monitor property means, for people.
 */
const char *limber_describe_monitor   (const char *monitor);

/**
 * limber_next_break_in_s:
 *
 * Seconds until the break of @next comes while working, or -1 when it is
 * not counting down.
 */
gint64      limber_next_break_in_s    (GVariant   *next,
                                       gint64      now_us);

G_END_DECLS
