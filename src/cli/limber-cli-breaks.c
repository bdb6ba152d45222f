/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-break-format.h"
#include "limber-cli-breaks.h"
#include "limber-cli-clock.h"
#include "limber-cli-table.h"
#include "limber-daemon-client.h"
#include "limber-desktop-clock.h"

#define EXIT_FAILED       1
#define EXIT_BAD_ARGUMENT 2

static LimberBreaks *
connect_daemon (const char               *command,
                LimberDaemonConnectFlags  flags)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  LimberBreaks *breaks;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_printerr (_("limber: cannot reach the session bus: %s\n"), error->message);
      return NULL;
    }

  breaks = limber_daemon_connect_sync (bus, flags, NULL, &error);
  if (breaks == NULL)
    {
      if (g_error_matches (error, LIMBER_DAEMON_CLIENT_ERROR, LIMBER_DAEMON_CLIENT_ERROR_NOT_RUNNING))
        g_printerr ("%s\n%s\n", _("Break timer: not running"),
                    _("Start it with “limber --background”, or open Limber."));
      else
        g_printerr ("limber %s: %s\n", command, error->message);
    }

  return breaks;
}

int
limber_cli_status (int    argc,
                   char **argv)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autofree char *micro = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *active_text = NULL;
  gint64 now_us = g_get_monotonic_time ();
  const char *state, *due_break;
  gint64 paused_until;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberCliTable) table = limber_cli_table_new ("ll", NULL);
  g_autofree char *reminders = NULL;
  g_autofree char *text = NULL;

  if (argc > 2)
    {
      g_printerr (_("limber %s: unexpected argument “%s”\n"), argv[1], argv[2]);
      return EXIT_BAD_ARGUMENT;
    }

  if (!(breaks = connect_daemon ("status", LIMBER_DAEMON_CONNECT_NONE)))
    return EXIT_FAILED;

  /* Times of day as the desktop shows them, read once: the command is
   * over before the setting could change. */
  limber_desktop_clock_apply ();
  clock = limber_cli_clock_new ();
  state = limber_breaks_get_state (breaks);
  due_break = limber_breaks_get_due_break (breaks);
  micro = limber_format_next_break (limber_breaks_get_next_micro_break (breaks), "micro", state, due_break, now_us,
                                    limber_clock_get_timezone (clock));
  rest = limber_format_next_break (limber_breaks_get_next_rest_break (breaks), "rest", state, due_break, now_us,
                                   limber_clock_get_timezone (clock));
  active_text = limber_format_duration (limber_today_active_s (limber_breaks_get_today_active (breaks), now_us));
  paused_until = limber_breaks_get_paused_until (breaks);

  /* Translators: %s is a version number such as 0.1.0. */
  g_print (_("Break timer: running (version %s)\n"), limber_breaks_get_version (breaks));
  if (g_strcmp0 (state, "in-break") == 0)
    {
      gint64 left_s = limber_break_end_in_s (limber_breaks_get_break_end (breaks), now_us);

      if (left_s < 0)
        g_print ("%s\n", _("On a break. End it with “limber break end”."));
      else
        {
          g_autofree char *left = limber_format_duration (left_s);

          /* Translators: %s is the time left, such as “35 s” or “4 min”. */
          g_print (_("On a break, %s left. End it with “limber break end”.\n"), left);
        }
    }

  if (paused_until == -1)
    reminders = g_strdup (_("paused until tomorrow"));
  else if (paused_until != 0)
    {
      g_autoptr (GDateTime) until = limber_clock_to_local (clock, paused_until);
      g_autofree char *at = limber_format_time_of_day (until);

      /* Translators: %s is a time of day, such as “15:00” or “3:00 PM”. */
      reminders = g_strdup_printf (_("paused until %s"), at);
    }
  else if (g_strcmp0 (state, "in-break") == 0)
    /* No reminder comes during a break; they go on when it ends. */
    reminders = g_strdup (_("on again after the break"));
  else
    reminders = g_strdup (C_("reminders", "on"));

  /* Translators: the labels of `limber status`, each followed by what it
   * says, such as “in 12 min (at 14:35)”. */
  limber_cli_table_add (table, _("Next micro-break:"), micro, NULL);
  limber_cli_table_add (table, _("Next rest break:"), rest, NULL);
  limber_cli_table_add (table, _("Active today:"), active_text, NULL);
  /* Translators: followed by “on”, “paused until tomorrow” and the like. */
  limber_cli_table_add (table, _("Reminders:"), reminders, NULL);
  limber_cli_table_add (table, _("Activity seen through:"), limber_describe_monitor (limber_breaks_get_monitor (breaks)), NULL);
  text = limber_cli_table_format (table);
  g_print ("%s", text);

  {
    GVariant *pending = limber_breaks_get_pending_writes (breaks);
    guint count = 0;
    const char *problem = "";

    if (pending != NULL)
      g_variant_get (pending, "(u&s)", &count, &problem);
    if (count == 0)
      g_print ("%s\n", _("Journal: everything is saved"));
    else
      {
        /* Translators: %u is a number of breaks, stretches or entries;
         * %s says why in a sentence of its own, such as “The disk is
         * full, …”. */
        g_print (g_dngettext (GETTEXT_PACKAGE, "Journal: %u change waits to be saved. %s\n",
                              "Journal: %u changes wait to be saved. %s\n", count),
                 count, problem);
      }
  }

  return 0;
}

static int
report (const char *command,
        gboolean    ok,
        GError     *error,
        const char *success)
{
  if (!ok)
    {
      g_dbus_error_strip_remote_error (error);
      g_printerr ("limber %s: %s\n", command, error->message);
      return EXIT_FAILED;
    }

  g_print ("%s\n", success);
  return 0;
}

int
limber_cli_break (int    argc,
                  char **argv)
{
  static const char *whats[] = { "now", "end", "postpone", "skip" };
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  const char *what = argc > 2 ? argv[2] : NULL;
  gboolean known = FALSE;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    known |= g_strcmp0 (what, whats[i]) == 0;
  if (argc != 3 || !known)
    {
      g_printerr (argc > 3 ? _("limber break: unexpected argument “%s”\n")
                           : _("limber break: say “now”, “end”, “postpone” or “skip”\n"), argv[argc > 3 ? 3 : 0]);
      return EXIT_BAD_ARGUMENT;
    }

  /* Taking a break now starts the break timer if it is not running (as
   * the desktop file's Take a Break Now does, with no terminal to say
   * otherwise); the others act on a break that only a running timer can
   * have. */
  if (!(breaks = connect_daemon ("break", g_str_equal (what, "now") ? LIMBER_DAEMON_CONNECT_START
                                                                    : LIMBER_DAEMON_CONNECT_NONE)))
    return EXIT_FAILED;

  if (g_str_equal (what, "now"))
    {
      ok = limber_breaks_call_break_now_sync (breaks, "micro", G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      return report ("break", ok, error, _("Break started. Step away for a moment."));
    }
  if (g_str_equal (what, "end"))
    {
      /* The daemon says when there is no break to end, or when strict
       * mode holds it until its length has passed. */
      ok = limber_breaks_call_break_finished_sync (breaks, TRUE, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      return report ("break", ok, error, _("Break ended. Welcome back."));
    }
  if (g_str_equal (what, "postpone"))
    {
      ok = limber_breaks_call_postpone_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      return report ("break", ok, error, _("Break postponed."));
    }

  ok = limber_breaks_call_skip_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  return report ("break", ok, error, _("Break skipped."));
}

gboolean
limber_cli_parse_duration (const char *text,
                           gint64     *seconds)
{
  gint64 total = 0;
  const char *p = text;

  if (g_strcmp0 (text, "tomorrow") == 0)
    {
      *seconds = -1;
      return TRUE;
    }
  if (text == NULL || *text == '\0')
    return FALSE;

  while (*p != '\0')
    {
      char *end = NULL;
      guint64 value;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = g_ascii_strtoull (p, &end, 10);
      if (value > 1000000)
        return FALSE;
      switch (*end)
        {
        case 'h': total += (gint64) value * 3600; break;
        case 'm': total += (gint64) value * 60; break;
        case 's': total += (gint64) value; break;
        default: return FALSE;
        }
      p = end + 1;
    }

  if (total <= 0 || total > 7 * 24 * 3600)
    return FALSE;
  *seconds = total;
  return TRUE;
}

int
limber_cli_pause (int    argc,
                  char **argv)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 seconds;
  gboolean ok;

  if (argc != 3 || !limber_cli_parse_duration (argv[2], &seconds))
    {
      if (argc > 3)
        g_printerr (_("limber pause: unexpected argument “%s”\n"), argv[3]);
      else if (argc == 3)
        g_printerr (_("limber pause: “%s” is not a duration such as 30m, 1h or tomorrow (at most 7 days)\n"), argv[2]);
      else
        g_printerr ("%s\n", _("limber pause: say for how long, such as 30m, 1h or tomorrow"));
      return EXIT_BAD_ARGUMENT;
    }

  if (!(breaks = connect_daemon ("pause", LIMBER_DAEMON_CONNECT_NONE)))
    return EXIT_FAILED;

  ok = limber_breaks_call_pause_sync (breaks, seconds, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (seconds == -1)
    message = g_strdup (_("Reminders paused until tomorrow."));
  else
    {
      g_autofree char *duration = limber_format_duration (seconds);

      /* Translators: %s is a duration, such as “30 min” or “1 h”. */
      message = g_strdup_printf (_("Reminders paused for %s."), duration);
    }
  return report ("pause", ok, error, message);
}

int
limber_cli_resume (int    argc,
                   char **argv)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (argc > 2)
    {
      g_printerr (_("limber %s: unexpected argument “%s”\n"), argv[1], argv[2]);
      return EXIT_BAD_ARGUMENT;
    }

  if (!(breaks = connect_daemon ("resume", LIMBER_DAEMON_CONNECT_NONE)))
    return EXIT_FAILED;

  ok = limber_breaks_call_resume_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  return report ("resume", ok, error, _("Reminders are on again."));
}
