/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "limber-day.h"

gboolean
limber_day_is_valid (const char *text)
{
  guint year, month, day;
  char end;

  if (text == NULL || strlen (text) != LIMBER_DAY_LENGTH || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < LIMBER_DAY_LENGTH; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return strcmp (text, LIMBER_DAY_FIRST) >= 0 && strcmp (text, LIMBER_DAY_LAST) <= 0 &&
         g_date_valid_dmy (day, month, year);
}

gboolean
limber_time_is_valid (gint64 utc,
                      int    offset_s)
{
  return utc >= LIMBER_TIME_FIRST_UTC && utc <= LIMBER_TIME_LAST_UTC &&
         offset_s >= -LIMBER_TIME_MAX_OFFSET_S && offset_s <= LIMBER_TIME_MAX_OFFSET_S &&
         offset_s % 60 == 0;
}

char *
limber_day_for_time (GDateTime *time,
                     guint      rollover_hour)
{
  g_autoptr (GDateTime) shifted = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (rollover_hour < 24, NULL);

  /* Before the rollover hour it is still yesterday. Shifting the wall
   * clock, not the instant, keeps this right across DST changes. */
  if ((guint) g_date_time_get_hour (time) < rollover_hour)
    shifted = g_date_time_add_days (time, -1);
  else
    shifted = g_date_time_ref (time);

  return g_date_time_format (shifted, "%Y-%m-%d");
}

void
limber_day_to_date (const char *day,
                    GDate      *date)
{
  guint year = 0, month = 0, day_of_month = 0;

  g_return_if_fail (limber_day_is_valid (day));

  sscanf (day, "%4u-%2u-%2u", &year, &month, &day_of_month);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day_of_month, month, year);
}

char *
limber_day_add (const char *day,
                int         days)
{
  GDate date;
  char text[LIMBER_DAY_LENGTH + 1];

  g_return_val_if_fail (limber_day_is_valid (day), NULL);

  limber_day_to_date (day, &date);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}
