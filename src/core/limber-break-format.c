/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "limber-break-format.h"

char *
limber_format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration in seconds. */
    return g_strdup_printf (_("%d s"), (int) MAX (seconds, 0));
  if (seconds < 3600)
    /* Translators: a duration in minutes. */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 30) / 60));
  if ((seconds % 3600) / 60 == 0)
    /* Translators: a duration in whole hours. */
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));
  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) ((seconds % 3600) / 60));
}

gint64
limber_next_break_in_s (GVariant *next,
                        gint64    now_us)
{
  gint64 deadline_us, value;

  g_return_val_if_fail (g_variant_is_of_type (next, G_VARIANT_TYPE ("(xx)")), -1);

  g_variant_get (next, "(xx)", &deadline_us, &value);
  if (deadline_us == -1)
    return -1;
  return MAX (0, (deadline_us - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

char *
limber_format_next_break (GVariant *next,
                          gint64    now_us)
{
  g_autofree char *left = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *clock = NULL;
  gint64 deadline_us, value, in_s;

  g_return_val_if_fail (g_variant_is_of_type (next, G_VARIANT_TYPE ("(xx)")), NULL);

  g_variant_get (next, "(xx)", &deadline_us, &value);
  if (deadline_us == -1 && value == -1)
    return g_strdup (_("off"));

  if (deadline_us == -1)
    {
      left = limber_format_duration (value);
      /* Translators: %s is a duration; the user is away or has paused. */
      return g_strdup_printf (_("after %s more of work"), left);
    }

  in_s = limber_next_break_in_s (next, now_us);
  if (in_s <= 0)
    return g_strdup (_("due now"));

  left = limber_format_duration (in_s);
  at = g_date_time_new_from_unix_local (value);
  clock = g_date_time_format (at, "%H:%M");
  /* Translators: “in 12 min (at 14:35)”. */
  return g_strdup_printf (_("in %s (at %s)"), left, clock);
}

gint64
limber_today_active_s (GVariant *today_active,
                       gint64    now_us)
{
  gint64 active_us, ref_us;
  gboolean counting;

  g_return_val_if_fail (g_variant_is_of_type (today_active, G_VARIANT_TYPE ("(xxb)")), 0);

  g_variant_get (today_active, "(xxb)", &active_us, &ref_us, &counting);
  if (counting)
    active_us += MAX (0, now_us - ref_us);
  return active_us / G_USEC_PER_SEC;
}

const char *
limber_describe_monitor (const char *monitor)
{
  if (g_strcmp0 (monitor, "gnome") == 0)
    return _("GNOME idle monitor");
  if (g_strcmp0 (monitor, "wayland") == 0)
    return _("Wayland idle notifications");
  if (g_strcmp0 (monitor, "x11") == 0)
    return _("X11 idle alarms");
  if (g_strcmp0 (monitor, "x11-polling") == 0)
    return _("X11 screen saver, checked now and then");
  return _("none: all time counts as work");
}
