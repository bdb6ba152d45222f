/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-day.h"
#include "limber-pain-reminder.h"

/* The moment of the reminder for @day. */
static GDateTime *
reminder_time_for_day (const char *day,
                       GTimeZone  *tz,
                       guint       minute_of_day,
                       guint       rollover_hour)
{
  GDate date;
  GDateTime *time;

  limber_day_to_date (day, &date);
  /* Before the rollover hour is still the evening of @day, on the next
   * calendar date. */
  if (minute_of_day < rollover_hour * 60)
    g_date_add_days (&date, 1);

  /* g_date_time_new() moves a time the clocks skip to one that exists. */
  time = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), minute_of_day / 60, minute_of_day % 60, 0);
  return time;
}

GDateTime *
limber_pain_reminder_next (GDateTime  *now,
                           guint       minute_of_day,
                           guint       rollover_hour,
                           gboolean    today_logged,
                           const char *last_shown_day,
                           GDateTime  *present_since,
                           char      **day_out)
{
  g_autofree char *today = NULL;
  g_autofree char *tomorrow = NULL;
  g_autoptr (GDateTime) today_time = NULL;
  GTimeZone *tz;

  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (minute_of_day < 24 * 60, NULL);
  g_return_val_if_fail (rollover_hour < 24, NULL);

  tz = g_date_time_get_timezone (now);
  today = limber_day_for_time (now, rollover_hour);
  today_time = reminder_time_for_day (today, tz, minute_of_day, rollover_hour);

  if (!today_logged && g_strcmp0 (last_shown_day, today) != 0)
    {
      if (day_out != NULL)
        *day_out = g_steal_pointer (&today);
      /* Still to come: the person's presence is looked at then. */
      if (g_date_time_compare (today_time, now) > 0)
        return g_steal_pointer (&today_time);
      /* Its time has passed and nobody is there: wait for them. */
      if (present_since == NULL)
        return NULL;
      /* They were there at its time: now is its moment. */
      if (g_date_time_compare (present_since, today_time) <= 0)
        return g_date_time_ref (now);
      /* They came later: once they have settled in, and not before. */
      {
        g_autoptr (GDateTime) settled = g_date_time_add_seconds (present_since, LIMBER_PAIN_REMINDER_SETTLE_S);

        if (g_date_time_compare (settled, now) > 0)
          return g_steal_pointer (&settled);
        return g_date_time_ref (now);
      }
    }

  tomorrow = limber_day_add (today, 1);
  if (day_out != NULL)
    *day_out = g_strdup (tomorrow);
  return reminder_time_for_day (tomorrow, tz, minute_of_day, rollover_hour);
}
