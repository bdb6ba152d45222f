/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long the person is back at the computer before a reminder whose
 * time passed while they were not there comes. */
#define LIMBER_PAIN_REMINDER_SETTLE_S (10 * 60)

/**
 * limber_pain_reminder_next:
 * @now: the current local time
 * @minute_of_day: the reminder's local time, in minutes after midnight
 * @rollover_hour: the local hour at which a new day starts
 * @today_logged: whether the current day already has an entry
 * @last_shown_day: (nullable): the day the reminder was last shown for
 * @present_since: (nullable): since when the person has been at the
 *   computer without a break in it (away, locked, asleep, or Limber not
 *   running); %NULL while they are not there
 * @day_out: (out) (optional): the day the reminder is for, YYYY-MM-DD
 *
 * When the daily "log your pain" reminder should next be shown, once a
 * day and only on days without an entry. It comes at its time when the
 * person is at the computer then. When they were not (the computer was
 * off or asleep, they were away, or they come back to it later), it does
 * not greet them the moment they sit down: it comes once they have been
 * back for %LIMBER_PAIN_REMINDER_SETTLE_S, and returns %NULL while they
 * are away, to be asked again when they are back. Otherwise it is the
 * next day's reminder time.
 *
 * A time before the rollover hour belongs to the day that started the
 * evening before. On a day when the clocks skip the reminder's time, it
 * comes at the first time that exists after it.
 */
GDateTime *limber_pain_reminder_next (GDateTime  *now,
                                      guint       minute_of_day,
                                      guint       rollover_hour,
                                      gboolean    today_logged,
                                      const char *last_shown_day,
                                      GDateTime  *present_since,
                                      char      **day_out);

G_END_DECLS
