/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "limber-break-driver.h"
#include "limber-day.h"
#include "limber-reminder.h"
#include "limber-test-util.h"

/* The reminders against a real notification daemon: dunst, in this test's
 * own X server and session bus. What Limber sends is read off the bus with
 * a monitor connection; an action is chosen through dunst's own context
 * menu; the journal shows what came of it. */

/* Filled in GDBus's worker thread. */
typedef struct
{
  GMutex     lock;
  GPtrArray *summaries;
  GPtrArray *bodies;
  GPtrArray *actions;
  /* The replaces_id and expire_timeout of each Notify. */
  GArray    *replaces;
  GArray    *timeouts;
} Sent;

static Sent sent;

static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  GVariant *body = g_dbus_message_get_body (message);

  if (!incoming)
    return message;

  if (g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL &&
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 && body != NULL)
    {
      const char *summary, *text;
      g_autofree const char **action_list = NULL;
      g_autofree char *joined = NULL;
      guint32 replaces;
      gint32 timeout;

      g_variant_get_child (body, 1, "u", &replaces);
      g_variant_get_child (body, 7, "i", &timeout);
      g_variant_get_child (body, 3, "&s", &summary);
      g_variant_get_child (body, 4, "&s", &text);
      g_variant_get_child (body, 5, "^a&s", &action_list);
      joined = g_strjoinv ("|", (char **) action_list);
      g_mutex_lock (&sent.lock);
      g_ptr_array_add (sent.summaries, g_strdup (summary));
      g_ptr_array_add (sent.bodies, g_strdup (text));
      g_ptr_array_add (sent.actions, g_steal_pointer (&joined));
      g_array_append_val (sent.replaces, replaces);
      g_array_append_val (sent.timeouts, timeout);
      g_mutex_unlock (&sent.lock);
      /* Wake the test's main loop to look. */
      g_main_context_wakeup (NULL);
    }

  /* Method calls seen as a monitor were never meant for this connection:
   * keep GDBus from answering them. Replies to it pass. */
  if (g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static GDBusConnection *
start_monitor (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications',member='Notify'", NULL };
  GDBusConnection *monitor;

  monitor = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return monitor;
}

static void
dunst_appeared_cb (GDBusConnection *bus,
                   const char      *name,
                   const char      *owner,
                   gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Dunst with a context menu that picks the Postpone action, as a person
 * would in dmenu. */
static GSubprocess *
start_dunst (GDBusConnection *bus)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "dunst", NULL);
  g_autofree char *config = g_build_filename (dir, "dunstrc", NULL);
  g_autofree char *picker = g_build_filename (dir, "pick-postpone", NULL);
  g_autofree char *config_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  GSubprocess *dunst;
  gboolean running = FALSE;
  guint watch_id;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (picker, "#!/bin/sh\ngrep -i -m 1 postpone\n", -1, NULL));
  g_assert_cmpint (g_chmod (picker, 0755), ==, 0);
  config_text = g_strdup_printf ("[global]\n    dmenu = %s\n", picker);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));

  /* Our fatal warnings are for Limber's code, not for dunst's (it warns
   * about icons it cannot find). */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  dunst = g_subprocess_launcher_spawn (launcher, &error, "dunst", "-config", config, NULL);
  g_assert_no_error (error);
  watch_id = g_bus_watch_name_on_connection (bus, "org.freedesktop.Notifications",
                                             G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             dunst_appeared_cb, NULL, &running, NULL);
  limber_test_wait_until (limber_test_flag_is_set, &running, 15);
  g_bus_unwatch_name (watch_id);
  return dunst;
}

static gboolean
notifications_sent (gpointer user_data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&sent.lock);

  return sent.summaries->len >= GPOINTER_TO_UINT (user_data);
}

/* How many notifications dunst has on screen. */
static int
displayed (void)
{
  const char *count[] = { "dunstctl", "count", "displayed", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (limber_test_run (count, NULL, &out, &err), ==, 0);
  return atoi (out);
}

static gboolean
none_displayed (gpointer user_data)
{
  return displayed () == 0;
}

static gboolean
postponed_in_journal (gpointer user_data)
{
  LimberJournal *journal = user_data;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = limber_day_for_time (now, 4);
  g_autoptr (GArray) days = limber_journal_summarize_days (journal, today, today, NULL);

  return days != NULL && g_array_index (days, LimberDaySummary, 0).postponed == 1;
}

static void
test_break_notifications (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GDBusConnection) monitor = start_monitor ();
  g_autoptr (GSubprocess) dunst = start_dunst (bus);
  g_autofree char *dir = g_dir_make_tmp ("limber-reminder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberBreakDriver) driver = NULL;
  g_autoptr (LimberReminder) reminder = NULL;
  g_autoptr (LimberCatalogue) catalogue = NULL;
  g_autoptr (GError) error = NULL;
  const char *context[] = { "dunstctl", "context", NULL };
  g_autofree char *out = NULL, *err = NULL;
  LimberBreakScheduler *scheduler;
  LimberBreakSettings settings;
  g_autofree char *first_suggestion = NULL;
  gint64 now;

  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  clock = limber_clock_new ();
  /* Today is logged: no pain reminder comes between the break reminders. */
  {
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (limber_clock_get_today (clock));
    g_autoptr (GDateTime) now_local = limber_clock_now (clock);

    entry->average = 3;
    g_assert_true (limber_journal_save_pain_entry (journal, entry, now_local, &error));
    g_assert_no_error (error);
  }
  writer = limber_journal_writer_new (path, NULL);
  driver = limber_break_driver_new (NULL, writer, clock);
  catalogue = limber_catalogue_new ();
  limber_catalogue_load_defaults (catalogue, NULL);
  reminder = limber_reminder_new (driver, NULL, journal, catalogue);
  scheduler = limber_break_driver_get_scheduler (driver);

  /* A minute between micro-breaks, a ten-second warning; the clock is fed
   * by hand rather than waited for. */
  limber_break_settings_init_defaults (&settings);
  settings.micro.interval_s = 60;
  settings.warning_s = 10;
  now = g_get_monotonic_time ();
  limber_break_scheduler_set_settings (scheduler, now, &settings);

  limber_break_scheduler_tick (scheduler, now + 51 * G_USEC_PER_SEC);
  limber_test_wait_until (notifications_sent, GUINT_TO_POINTER (1), 15);
  g_assert_cmpstr (sent.summaries->pdata[0], ==, "Break in 9 seconds");
  g_assert_nonnull (strstr (sent.bodies->pdata[0], "micro-break is coming"));
  g_assert_cmpstr (sent.actions->pdata[0], ==, "");
  /* Nothing the server could expire under the update to come. */
  g_assert_cmpint (g_array_index (sent.timeouts, gint32, 0), ==, 0);

  limber_break_scheduler_tick (scheduler, now + 61 * G_USEC_PER_SEC);
  limber_test_wait_until (notifications_sent, GUINT_TO_POINTER (2), 15);
  /* It names a short seated stretch, and says what it does. */
  g_assert_true (g_str_has_prefix (sent.summaries->pdata[1], "Time for a micro-break: "));
  {
    const char *suggested = (const char *) sent.summaries->pdata[1] + strlen ("Time for a micro-break: ");
    gboolean known = FALSE;
    GPtrArray *exercises = limber_catalogue_get_exercises (catalogue);

    for (guint i = 0; i < exercises->len; i++)
      {
        LimberExercise *exercise = g_ptr_array_index (exercises, i);

        if (g_str_equal (exercise->name, suggested))
          {
            known = TRUE;
            g_assert_cmpint (exercise->position, ==, LIMBER_POSITION_SEATED);
            g_assert_cmpstr (sent.bodies->pdata[1], ==, exercise->summary);
          }
      }
    g_assert_true (known);
  }
  /* What the tray's Take a Break Now opens for this break is the stretch
   * the notification named. */
  {
    const char *suggested = (const char *) sent.summaries->pdata[1] + strlen ("Time for a micro-break: ");
    const char *id = limber_reminder_get_suggestion (reminder, LIMBER_BREAK_KIND_MICRO);

    g_assert_nonnull (id);
    g_assert_nonnull (limber_catalogue_get_exercise (catalogue, id));
    g_assert_cmpstr (limber_catalogue_get_exercise (catalogue, id)->name, ==, suggested);
    first_suggestion = g_strdup (id);
  }
  g_assert_cmpstr (sent.actions->pdata[1], ==, "default|Open Limber|start|Start|postpone|Postpone 5 min|skip|Skip");
  /* The warning became the reminder in place: one on screen. */
  g_assert_cmpuint (g_array_index (sent.replaces, guint32, 1), !=, 0);
  g_assert_cmpint (g_array_index (sent.timeouts, gint32, 1), ==, 0);
  g_assert_cmpint (displayed (), ==, 1);

  /* Postpone, chosen in dunst's menu: Limber postpones, and the journal
   * says so. */
  g_assert_cmpint (limber_test_run (context, NULL, &out, &err), ==, 0);
  limber_test_wait_until (postponed_in_journal, journal, 15);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), !=, LIMBER_BREAK_STATE_DUE);

  /* The journal also knows it was done from the notification. */
  {
    g_autoptr (GOutputStream) json = g_memory_output_stream_new_resizable ();
    g_autofree char *text = NULL;

    g_assert_true (limber_journal_export (journal, LIMBER_JOURNAL_FORMAT_JSON, json, &error));
    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (json, "", 1, NULL, NULL, NULL));
    g_assert_true (g_output_stream_close (json, NULL, NULL));
    text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (json));
    g_assert_nonnull (strstr (text, "\"outcome\": \"postponed\""));
    g_assert_nonnull (strstr (text, "\"reminder\": \"action\""));
  }

  /* Acted on, the reminder leaves the screen. */
  limber_test_wait_until (none_displayed, NULL, 15);

  /* Due again, and postponed elsewhere (the tray, the window, the command
   * line): the reminder leaves the screen too. */
  now = limber_break_scheduler_get_time (scheduler);
  limber_break_scheduler_tick (scheduler, now + 5 * 60 * G_USEC_PER_SEC);
  limber_test_wait_until (notifications_sent, GUINT_TO_POINTER (3), 15);
  g_assert_true (g_str_has_prefix (sent.summaries->pdata[2], "Time for a micro-break"));
  /* The same break, put off: the same stretch, in the notification and
   * for the tray alike. */
  g_assert_cmpstr (sent.summaries->pdata[2], ==, sent.summaries->pdata[1]);
  g_assert_cmpstr (limber_reminder_get_suggestion (reminder, LIMBER_BREAK_KIND_MICRO), ==, first_suggestion);
  g_assert_cmpint (displayed (), ==, 1);
  g_assert_true (limber_break_driver_postpone (driver, &error));
  g_assert_no_error (error);
  limber_test_wait_until (none_displayed, NULL, 15);

  /* Once that break is over, the next one has a stretch of its own, and
   * the tray follows it too. */
  limber_break_driver_start_break (driver, LIMBER_BREAK_KIND_MICRO);
  g_assert_true (limber_break_driver_finish_break (driver, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (limber_reminder_get_suggestion (reminder, LIMBER_BREAK_KIND_MICRO), !=, first_suggestion);

  limber_journal_writer_close (writer);
  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, NULL);
}

/* Whether @time is @from plus @seconds, give or take the few seconds a
 * test takes. */
static void
assert_about (GDateTime *time,
              GDateTime *from,
              gint64     seconds)
{
  GTimeSpan off;

  g_assert_nonnull (time);
  off = g_date_time_difference (time, from) - seconds * G_USEC_PER_SEC;
  g_assert_cmpint (off, >=, -5 * G_USEC_PER_SEC);
  g_assert_cmpint (off, <=, 5 * G_USEC_PER_SEC);
}

/* The daily pain reminder. Limber started after its time does not greet
 * the person with it at once: it waits until they have been at the
 * computer a while, and for them to come back when they go away. At its
 * time, with the person there, it comes, once; its two actions read
 * differently, as servers that draw the default action as a button
 * (xfce4-notifyd) need. */
/* Says the pain reminder was last shown @days from today. */
static void
write_shown_day (const char  *path,
                 LimberClock *clock,
                 int          days)
{
  g_autofree char *day = limber_day_add (limber_clock_get_today (clock), days);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_file_set_contents (path, day, -1, &error);
  g_assert_no_error (error);
}

static void
test_pain_reminder (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GDBusConnection) monitor = start_monitor ();
  g_autoptr (GSubprocess) dunst = start_dunst (bus);
  g_autofree char *dir = g_dir_make_tmp ("limber-reminder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autofree char *shown_path = g_build_filename (g_get_user_state_dir (), "limber", "pain-reminder-shown", NULL);
  g_autofree char *shown = NULL;
  /* The suite's settings live in this process's memory. */
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberBreakDriver) driver = NULL;
  g_autoptr (LimberReminder) reminder = NULL;
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tz = NULL;
  LimberBreakScheduler *scheduler;
  gint64 t;
  guint first;

  /* A zone of the test's own, seconds included, in which it is 12:00:57
   * now: the reminder's minute, 12:01, comes in a few seconds rather
   * than at some minute the test would have to wait for. POSIX zones
   * count west of UTC as positive. */
  {
    gint64 utc_s = g_date_time_get_hour (utc) * 3600 + g_date_time_get_minute (utc) * 60 +
                   g_date_time_get_second (utc);
    gint64 east_s = ((12 * 3600 + 57 - utc_s) % 86400 + 86400) % 86400;

    if (east_s > 12 * 3600)
      east_s -= 86400;
    tz = g_strdup_printf ("LMB%c%02d:%02d:%02d", east_s > 0 ? '-' : '+', (int) (ABS (east_s) / 3600),
                          (int) (ABS (east_s) / 60 % 60), (int) (ABS (east_s) % 60));
    g_setenv ("TZ", tz, TRUE);
  }
  clock = limber_clock_new ();
  now = limber_clock_now (clock);
  g_assert_cmpint (g_date_time_get_hour (now), ==, 12);

  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  /* Its time passed an hour ago. */
  g_settings_set_uint (settings, "pain-reminder-time", 11 * 60);
  g_settings_set_boolean (settings, "micro-break-enabled", FALSE);
  g_settings_set_boolean (settings, "rest-break-enabled", FALSE);

  g_mutex_lock (&sent.lock);
  first = sent.summaries->len;
  g_mutex_unlock (&sent.lock);
  writer = limber_journal_writer_new (path, NULL);
  driver = limber_break_driver_new (settings, writer, clock);
  scheduler = limber_break_driver_get_scheduler (driver);

  /* The very first start asks nothing that day: tomorrow's comes next,
   * and a start again the same day keeps to that. */
  g_unlink (shown_path);
  reminder = limber_reminder_new (driver, settings, journal, NULL);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 23 * 3600 - 57);
  g_clear_pointer (&next, g_date_time_unref);
  g_assert_true (g_file_get_contents (shown_path, &shown, NULL, NULL));
  g_assert_cmpstr (shown, ==, limber_clock_get_today (clock));
  g_clear_pointer (&shown, g_free);
  g_clear_object (&reminder);
  reminder = limber_reminder_new (driver, settings, journal, NULL);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 23 * 3600 - 57);
  g_clear_pointer (&next, g_date_time_unref);

  /* A day not reminded yet (yesterday's was): just arrived, it comes not
   * now, but once they have been here ten minutes. */
  g_clear_object (&reminder);
  write_shown_day (shown_path, clock, -1);
  reminder = limber_reminder_new (driver, settings, journal, NULL);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 10 * 60);
  g_clear_pointer (&next, g_date_time_unref);

  /* Its time is the coming minute, and the person has been here since
   * before it: it comes at that minute. */
  g_settings_set_uint (settings, "pain-reminder-time", 12 * 60 + 1);
  next = limber_reminder_get_pain_reminder_time (reminder);
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_get_hour (next), ==, 12);
  g_assert_cmpint (g_date_time_get_minute (next), ==, 1);
  g_clear_pointer (&next, g_date_time_unref);

  limber_test_wait_until (notifications_sent, GUINT_TO_POINTER (first + 1), 15);
  g_assert_cmpstr (sent.summaries->pdata[first], ==, "How is your back today?");
  g_assert_cmpstr (sent.actions->pdata[first], ==, "default|Open Limber|log|Log Now");

  /* Once a day: next is tomorrow's, also for a daemon started again. */
  next = limber_reminder_get_pain_reminder_time (reminder);
  g_clear_pointer (&now, g_date_time_unref);
  now = limber_clock_now (clock);
  assert_about (next, now, 24 * 3600 - 3);
  g_clear_pointer (&next, g_date_time_unref);
  g_assert_true (g_file_get_contents (shown_path, &shown, NULL, NULL));
  g_assert_cmpstr (shown, ==, limber_clock_get_today (clock));
  g_clear_object (&reminder);
  reminder = limber_reminder_new (driver, settings, journal, NULL);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 24 * 3600 - 3);
  g_clear_pointer (&next, g_date_time_unref);

  /* A day not reminded yet, its time an hour ago. */
  g_clear_object (&reminder);
  write_shown_day (shown_path, clock, -1);
  g_settings_set_uint (settings, "pain-reminder-time", 11 * 60);
  reminder = limber_reminder_new (driver, settings, journal, NULL);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 10 * 60);
  g_clear_pointer (&next, g_date_time_unref);

  /* Away (idle, on the timer's own clock): it waits for them. */
  t = limber_break_scheduler_get_time (scheduler);
  limber_break_scheduler_user_away (scheduler, t + 90 * G_USEC_PER_SEC, t + 30 * G_USEC_PER_SEC);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_AWAY);
  g_assert_null (limber_reminder_get_pain_reminder_time (reminder));

  /* Back four minutes on: ten minutes from then. */
  limber_break_scheduler_user_active (scheduler, t + 240 * G_USEC_PER_SEC);
  next = limber_reminder_get_pain_reminder_time (reminder);
  assert_about (next, now, 240 + 10 * 60);
  g_clear_pointer (&next, g_date_time_unref);

  /* Logged meanwhile: not today at all. */
  {
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (limber_clock_get_today (clock));

    entry->average = 2;
    g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
    g_assert_no_error (error);
  }
  next = limber_reminder_get_pain_reminder_time (reminder);
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_difference (next, now), >, 20 * G_TIME_SPAN_HOUR);
  g_clear_pointer (&next, g_date_time_unref);
  g_mutex_lock (&sent.lock);
  g_assert_cmpuint (sent.summaries->len, ==, first + 1);
  g_mutex_unlock (&sent.lock);

  g_clear_object (&reminder);
  limber_journal_writer_close (writer);
  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, NULL);
  g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sent.summaries = g_ptr_array_new_with_free_func (g_free);
  sent.bodies = g_ptr_array_new_with_free_func (g_free);
  sent.actions = g_ptr_array_new_with_free_func (g_free);
  sent.replaces = g_array_new (FALSE, FALSE, sizeof (guint32));
  sent.timeouts = g_array_new (FALSE, FALSE, sizeof (gint32));

  g_test_add_func ("/reminder/break-notifications", test_break_notifications);
  g_test_add_func ("/reminder/pain-reminder", test_pain_reminder);

  return g_test_run ();
}
