/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include "limber-break-scheduler.h"
#include "limber-daemon-client.h"
#include "limber-journal.h"
#include "limber-test-util.h"

#include <sqlite3.h>

/* limber-daemon on a private session bus: started on demand, answering on
 * its interface, alone on the bus, and free of GTK. */

static guint32
daemon_pid (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (bus,
                                       "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus",
                                       "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", LIMBER_DAEMON_BUS_NAME),
                                       G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);

  return pid;
}

static void
assert_no_gtk (const char *libraries,
               const char *what)
{
  static const char *forbidden[] = { "libgtk-4", "libgtk-3", "libadwaita", "libgdk-3" };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (strstr (libraries, forbidden[i]) != NULL)
        g_error ("%s has %s: limber-daemon must never load GTK", what, forbidden[i]);
    }
}

static void
test_not_running (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  g_assert_error (error, LIMBER_DAEMON_CLIENT_ERROR, LIMBER_DAEMON_CLIENT_ERROR_NOT_RUNNING);
  g_assert_null (breaks);
  g_assert_false (limber_daemon_is_running (bus));
}

static void
test_start_and_quit (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (LimberBreaks) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *maps_path = NULL;
  g_autofree char *maps = NULL;
  g_autofree char *exe_path = NULL;
  g_autofree char *exe = NULL;
  guint32 pid;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (breaks);
  g_assert_cmpstr (limber_breaks_get_version (breaks), ==, PACKAGE_VERSION);

  /* It is the daemon from this build tree, and it has not loaded GTK. */
  pid = daemon_pid (bus);
  exe_path = g_strdup_printf ("/proc/%u/exe", pid);
  exe = g_file_read_link (exe_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exe, ==, LIMBER_BUILD_DAEMON);

  maps_path = g_strdup_printf ("/proc/%u/maps", pid);
  g_file_get_contents (maps_path, &maps, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (maps, "libgio-2.0"));
  assert_no_gtk (maps, "The running limber-daemon");

  /* Asking again finds the running one rather than starting another. */
  again = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (daemon_pid (bus), ==, pid);

  limber_test_quit_daemon (bus);
  g_assert_false (limber_daemon_is_running (bus));
}

static void
test_second_instance (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { LIMBER_BUILD_DAEMON, NULL };
  guint32 pid;
  int status;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  pid = daemon_pid (bus);

  status = limber_test_run (argv, NULL, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "already running"));
  g_assert_nonnull (strstr (err, LIMBER_DAEMON_BUS_NAME));
  g_assert_cmpint (strlen (err), <, 200);

  /* The first one is untouched. */
  g_assert_cmpuint (daemon_pid (bus), ==, pid);
  g_assert_cmpstr (limber_breaks_get_version (breaks), ==, PACKAGE_VERSION);

  limber_test_quit_daemon (bus);
}

/* --help and --version answer and exit; a wrong option or argument exits
 * with status 2. None of them leaves a daemon on the bus. */
static void
test_options (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  static const struct {
    const char *argument;
    int         status;
    const char *out;
    const char *err;
  } cases[] = {
    { "--version", 0, "limber-daemon " PACKAGE_VERSION "\n", NULL },
    { "--help",    0, "--version",                          NULL },
    { "-h",        0, "Usage:",                             NULL },
    { "--bogus",   2, NULL,                                 "--bogus" },
    { "stray",     2, NULL,                                 "“stray”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { LIMBER_BUILD_DAEMON, cases[i].argument, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("limber-daemon %s", cases[i].argument);
      g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, cases[i].status);
      if (cases[i].out != NULL)
        g_assert_nonnull (strstr (out, cases[i].out));
      else
        g_assert_cmpstr (out, ==, "");
      if (cases[i].err != NULL)
        g_assert_nonnull (strstr (err, cases[i].err));
      else
        g_assert_cmpstr (err, ==, "");
      g_assert_false (limber_daemon_is_running (bus));
    }
}

/* Context switches of every thread of @pid: each wake-up is one. */
static guint64
count_wakeups (guint32 pid)
{
  g_autofree char *tasks_path = g_strdup_printf ("/proc/%u/task", pid);
  g_autoptr (GDir) tasks = g_dir_open (tasks_path, 0, NULL);
  const char *tid;
  guint64 total = 0;

  g_assert_nonnull (tasks);
  while ((tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *status_path = g_build_filename (tasks_path, tid, "status", NULL);
      g_autofree char *text = NULL;
      const char *fields[] = { "\nvoluntary_ctxt_switches:", "\nnonvoluntary_ctxt_switches:" };

      if (!g_file_get_contents (status_path, &text, NULL, NULL))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          const char *field = strstr (text, fields[i]);

          g_assert_nonnull (field);
          total += g_ascii_strtoull (field + strlen (fields[i]), NULL, 10);
        }
    }
  return total;
}

static void
write_setting (const char *schema,
               const char *key,
               const char *value)
{
  const char *argv[] = { "env", "GSETTINGS_BACKEND=dconf", "gsettings", "set", schema, key, value, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (limber_test_run (argv, NULL, &out, &err) != 0)
    g_error ("gsettings set %s %s %s: %s", schema, key, value, err);
}

/* The window keeps its size and the Trends range in a schema of its own,
 * on a path the daemon does not watch: with real dconf, resizing the
 * window never wakes the daemon, while a setting it follows does. */
static void
test_window_state_does_not_wake (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) daemon = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *width = NULL;
  guint64 before;
  g_autofree char *gsettings = g_find_program_in_path ("gsettings");
  guint32 pid;

  if (gsettings == NULL ||
      !g_file_test ("/usr/share/dbus-1/services/ca.desrt.dconf.service", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("dconf is not installed");
      return;
    }

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "dconf", TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, LIMBER_BUILD_DAEMON, NULL);
  g_assert_no_error (error);
  limber_test_poll_until ((LimberTestCondition) limber_daemon_is_running, bus, 15);
  pid = daemon_pid (bus);

  /* dconf started, and the daemon settled after its start. */
  write_setting (APP_ID ".State", "window-width", "900");
  g_usleep (G_USEC_PER_SEC);

  before = count_wakeups (pid);
  for (int i = 1; i <= 5; i++)
    {
      g_free (width);
      width = g_strdup_printf ("%d", 900 + 10 * i);
      write_setting (APP_ID ".State", "window-width", width);
    }
  write_setting (APP_ID ".State", "trends-range", "(12, '')");
  g_usleep (G_USEC_PER_SEC);
  /* Not one more: a worker thread that ends meanwhile takes its own
   * count with it, so the sum may only fall. */
  g_assert_cmpuint (count_wakeups (pid), <=, before);

  /* The control: a break setting reaches it. */
  write_setting (APP_ID, "micro-break-interval", "1200");
  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpuint (count_wakeups (pid), >, before);

  limber_test_quit_daemon (bus);
  g_subprocess_wait (daemon, NULL, &error);
  g_assert_no_error (error);
}

static void
test_links_no_gtk (void)
{
  const char *argv[] = { "ldd", LIMBER_BUILD_DAEMON, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "libglib-2.0"));
  assert_no_gtk (out, "ldd limber-daemon");
}

static gboolean
state_is (gpointer user_data)
{
  gpointer *args = user_data;

  return g_strcmp0 (limber_breaks_get_state (args[0]), args[1]) == 0;
}

/* A break taken through the interface lands in the journal, and a refused
 * request comes back as the scheduler's own error. */
static void
test_break_recorded (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GArray) days = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = limber_day_for_time (now, 4);
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (GError) error = NULL;
  gpointer in_break[2], working[2];

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  in_break[0] = working[0] = breaks;
  in_break[1] = (gpointer) "in-break";
  working[1] = (gpointer) "working";

  g_assert_false (limber_breaks_call_skip_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK);
  g_clear_error (&error);
  g_assert_false (limber_breaks_call_break_now_sync (breaks, "lunch", G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_assert_false (limber_breaks_call_pause_sync (breaks, 0, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);

  g_assert_true (limber_breaks_call_break_started_sync (breaks, "micro", G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  limber_test_wait_until (state_is, in_break, 10);
  g_assert_true (limber_breaks_call_break_finished_sync (breaks, TRUE, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_no_error (error);
  limber_test_wait_until (state_is, working, 10);
  limber_test_quit_daemon (bus);

  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  days = limber_journal_summarize_days (journal, today, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (days, LimberDaySummary, 0).taken, ==, 1);
}

/* A break started over the interface alone (as `limber break now` does)
 * is ended by the daemon once its length has passed, and taken with its
 * real seconds; while it runs, BreakEnd says when. */
static void
test_break_now_ends (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (GError) error = NULL;
  gpointer in_break[2], working[2];
  gint64 end_us = 0, end_wall = 0, started_us;

  /* The shortest micro-break the settings allow, seen by the daemon too. */
  g_assert_true (g_mkdir_with_parents (settings_dir, 0700) == 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/limberapp/Limber]\nmicro-break-duration=10\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  in_break[0] = working[0] = breaks;
  in_break[1] = (gpointer) "in-break";
  working[1] = (gpointer) "working";

  started_us = g_get_monotonic_time ();
  g_assert_true (limber_breaks_call_break_now_sync (breaks, "micro", G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_no_error (error);
  limber_test_wait_until (state_is, in_break, 10);
  g_variant_get (limber_breaks_get_break_end (breaks), "(xx)", &end_us, &end_wall);
  g_assert_cmpint (end_us, >=, started_us + 10 * G_USEC_PER_SEC - G_USEC_PER_SEC);
  g_assert_cmpint (end_us, <=, g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
  g_assert_cmpint (end_wall, >, 0);

  /* Nobody calls BreakFinished. */
  limber_test_wait_until (state_is, working, 30);
  g_assert_cmpint (g_get_monotonic_time (), >=, end_us);
  g_variant_get (limber_breaks_get_break_end (breaks), "(xx)", &end_us, &end_wall);
  g_assert_cmpint (end_us, ==, -1);
  limber_test_quit_daemon (bus);
  g_unsetenv ("GSETTINGS_BACKEND");

  /* The last break the journal holds: taken, as long as it was. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *statement = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kind, outcome, duration_s FROM break_event ORDER BY id DESC LIMIT 1",
                                         -1, &statement, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, "micro");
    g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 1), ==, "taken");
    g_assert_cmpint (sqlite3_column_int (statement, 2), >=, 10);
    g_assert_cmpint (sqlite3_column_int (statement, 2), <=, 11);
    g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
    sqlite3_finalize (statement);
    sqlite3_close (db);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon/not-running", test_not_running);
  g_test_add_func ("/daemon/start-and-quit", test_start_and_quit);
  g_test_add_func ("/daemon/second-instance", test_second_instance);
  g_test_add_func ("/daemon/options", test_options);
  g_test_add_func ("/daemon/window-state-does-not-wake", test_window_state_does_not_wake);
  g_test_add_func ("/daemon/links-no-gtk", test_links_no_gtk);
  g_test_add_func ("/daemon/break-recorded", test_break_recorded);
  g_test_add_func ("/daemon/break-now-ends", test_break_now_ends);

  return g_test_run ();
}
