/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_pain_reminder_next:
 * @now: the current local time
 * @minute_of_day: the reminder's local time, in minutes after midnight
 * @rollover_hour: the local hour at which a new day starts
 * @today_logged: whether the current day already has an entry
 * @last_shown_day: (nullable): the day the reminder was last shown for
 * @day_out: (out) (optional): the day the reminder is for, YYYY-MM-DD
 *
 * When the daily "log your pain" reminder should next be shown. For a day
 * without an entry that has not had its reminder: its reminder time, or
 * @now when that has passed (the computer was asleep); otherwise the next
 * day's reminder time. A time before the rollover hour belongs to the day
 * that started the evening before. On a day when the clocks skip the
 * reminder's time, it comes at the first time that exists after it.
 */
GDateTime *limber_pain_reminder_next (GDateTime  *now,
                                      guint       minute_of_day,
                                      guint       rollover_hour,
                                      gboolean    today_logged,
                                      const char *last_shown_day,
                                      char      **day_out);

G_END_DECLS
