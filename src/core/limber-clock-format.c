/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clock-format"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <string.h>

#include "limber-clock-format.h"

/* -1 until set. */
static int clock_format = -1;

LimberClockFormat
limber_clock_format_parse (const char        *value,
                           LimberClockFormat  otherwise)
{
  if (g_strcmp0 (value, "12h") == 0)
    return LIMBER_CLOCK_FORMAT_12H;
  if (g_strcmp0 (value, "24h") == 0)
    return LIMBER_CLOCK_FORMAT_24H;
  return otherwise;
}

LimberClockFormat
limber_clock_format_from_locale (void)
{
  const char *format = nl_langinfo (T_FMT);

  if (format != NULL &&
      (strstr (format, "%p") || strstr (format, "%r") || strstr (format, "%I") || strstr (format, "%l")))
    return LIMBER_CLOCK_FORMAT_12H;
  return LIMBER_CLOCK_FORMAT_24H;
}

LimberClockFormat
limber_clock_format_get (void)
{
  /* Looked up each time, as setlocale() may change it. */
  if (clock_format < 0)
    return limber_clock_format_from_locale ();
  return clock_format;
}

void
limber_clock_format_set (LimberClockFormat format)
{
  clock_format = format;
}

char *
limber_format_time_of_day (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  if (limber_clock_format_get () == LIMBER_CLOCK_FORMAT_12H)
    {
      const char *am = nl_langinfo (AM_STR);

      /* Without AM and PM in the locale, “2:35” could be either (GLib
       * would put English ones in). */
      if (am != NULL && *am != '\0')
        /* Translators: a time of day on a 12-hour clock, as
         * g_date_time_format() takes it: “%-l:%M %p” reads “2:35 PM”
         * (the “-” keeps the hour unpadded). Change the order or the
         * separator if your language needs it. */
        return g_date_time_format (time, _("%-l:%M %p"));
    }

  /* Translators: a time of day on a 24-hour clock, as
   * g_date_time_format() takes it: “%H:%M” reads “14:35”. */
  return g_date_time_format (time, _("%H:%M"));
}
