/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "limber-break-format.h"

char *
limber_format_duration (gint64 seconds)
{
  gint64 minutes, hours;

  if (seconds < 60)
    {
      int shown = (int) MAX (seconds, 0);

      /* Translators: a duration in seconds, short: “40 s”. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s", "%d s", shown), shown);
    }
  /* To the nearest minute: 59 min 40 s reads “1 h”, never “60 min”. */
  minutes = (seconds + 30) / 60;
  if (minutes < 60)
    /* Translators: a duration in minutes, short: “12 min”. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", minutes), (int) minutes);
  hours = minutes / 60;
  minutes %= 60;
  if (minutes == 0)
    /* Translators: a duration in whole hours, short: “2 h”. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", hours), (int) hours);
  /* Translators: a duration in hours and minutes, short: “1 h 5 min”.
   * The plural follows the minutes. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h %d min", "%d h %d min", minutes),
                          (int) hours, (int) minutes);
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
limber_format_next_break (GVariant   *next,
                          const char *kind,
                          const char *state,
                          const char *due_break,
                          gint64      now_us,
                          GTimeZone  *zone)
{
  g_autofree char *left = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *clock = NULL;
  gboolean in_break = g_strcmp0 (state, "in-break") == 0;
  gint64 deadline_us, value, in_s;

  g_return_val_if_fail (g_variant_is_of_type (next, G_VARIANT_TYPE ("(xx)")), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  g_variant_get (next, "(xx)", &deadline_us, &value);
  if (deadline_us == -1 && value == -1)
    return g_strdup (_("off"));

  /* The break under way starts its timer again when it ends; a break of
   * the other kind that is due comes straight after it. */
  if (in_break && (g_strcmp0 (kind, due_break) == 0 || value == 0))
    return g_strdup (_("after this break"));

  if (deadline_us == -1)
    {
      if (value == 0)
        return g_strdup (g_strcmp0 (state, "paused") == 0
                         ? _("due when reminders resume")
                         : _("due when you are back"));
      left = limber_format_duration (value);
      /* Translators: %s is a duration; the user is away, on a break or
       * has paused reminders. */
      return g_strdup_printf (_("after %s more of work"), left);
    }

  in_s = limber_next_break_in_s (next, now_us);
  if (in_s <= 0)
    {
      /* The daemon says when a break is due; until it has, a deadline
       * just passed is not one (it may have been put off meanwhile). */
      if (g_strcmp0 (state, "due") == 0)
        return g_strdup (_("due now"));
      return g_strdup (_("in a moment"));
    }

  left = limber_format_duration (in_s);
  utc = g_date_time_new_from_unix_utc (value);
  at = g_date_time_to_timezone (utc, zone);
  clock = limber_format_time_of_day (at);
  /* Translators: “in 12 min (at 14:35)”; the time follows the desktop's
   * 12- or 24-hour clock. */
  return g_strdup_printf (_("in %s (at %s)"), left, clock);
}

gint64
limber_break_end_in_s (GVariant *break_end,
                       gint64    now_us)
{
  gint64 end_us, end_wall;

  g_return_val_if_fail (break_end == NULL || g_variant_is_of_type (break_end, G_VARIANT_TYPE ("(xx)")), -1);

  /* A daemon older than BreakEnd does not say. */
  if (break_end == NULL)
    return -1;
  g_variant_get (break_end, "(xx)", &end_us, &end_wall);
  if (end_us < 0)
    return -1;
  return MAX (0, (end_us - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

char *
limber_format_on_break (gint64 left_s)
{
  g_autofree char *left = NULL;

  if (left_s < 0)
    return g_strdup (_("On a break"));

  left = limber_format_duration (left_s);
  /* Translators: %s is the time left, such as “35 s” or “4 min”. */
  return g_strdup_printf (_("On a break, %s left"), left);
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
  /* Each completes “Activity seen through: …”. */
  if (g_strcmp0 (monitor, "gnome") == 0)
    return _("GNOME");
  if (g_strcmp0 (monitor, "wayland") == 0)
    return _("Wayland idle notifications");
  if (g_strcmp0 (monitor, "kde-idle") == 0)
    return _("Wayland idle notifications (KWin, sway)");
  if (g_strcmp0 (monitor, "x11") == 0)
    return _("keyboard and mouse input on X11");
  if (g_strcmp0 (monitor, "x11-polling") == 0)
    return _("the X11 screen saver, checked now and then");
  return _("nothing: activity cannot be seen on this desktop, so all time counts as work");
}
