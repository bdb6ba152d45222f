/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "limber-cli-breaks.h"
#include "limber-daemon-client.h"
#include "limber-journal.h"
#include "limber-test-util.h"

/* The `limber` command line: subcommands run before GTK starts, so they
 * work without a display; errors go to stderr with a non-zero status. */

#define LIMBER_EXE LIMBER_BUILD_ROOT "/src/limber"

static const char *no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *c = text; *c != '\0'; c++)
    lines += *c == '\n';

  return lines;
}

static void
test_version (void)
{
  const char *argv[] = { LIMBER_EXE, "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "limber " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_help (void)
{
  const char *help_argv[] = { LIMBER_EXE, "--help", NULL };
  const char *command_argv[] = { LIMBER_EXE, "help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command_out = NULL;
  g_autofree char *command_err = NULL;

  g_assert_cmpint (limber_test_run (help_argv, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "status"));

  g_assert_cmpint (limber_test_run (command_argv, no_display, &command_out, &command_err), ==, 0);
  g_assert_nonnull (strstr (command_out, "--background"));
  g_assert_nonnull (strstr (command_out, "status"));
  g_assert_cmpstr (command_err, ==, "");
}

static void
test_unknown_command (void)
{
  const char *argv[] = { LIMBER_EXE, "stretchh", NULL };
  const char *extra_argv[] = { LIMBER_EXE, "status", "now", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *extra_out = NULL;
  g_autofree char *extra_err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "unknown command “stretchh”"));
  g_assert_cmpuint (count_lines (err), ==, 1);

  g_assert_cmpint (limber_test_run (extra_argv, no_display, &extra_out, &extra_err), ==, 2);
  g_assert_nonnull (strstr (extra_err, "unexpected argument “now”"));
}

static void
test_window_without_display (void)
{
  const char *argv[] = { LIMBER_EXE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: cannot open a window: no display"));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

static void
test_status_not_running (void)
{
  const char *argv[] = { LIMBER_EXE, "status", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "not running"));
  g_assert_nonnull (strstr (err, "limber --background"));
}

static void
test_background_then_status (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  const char *background_argv[] = { LIMBER_EXE, "--background", NULL };
  const char *status_argv[] = { LIMBER_EXE, "status", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again_out = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *status_out = NULL;
  g_autofree char *status_err = NULL;

  g_assert_false (limber_daemon_is_running (bus));

  /* Without a display, as at login before the desktop is up. */
  g_assert_cmpint (limber_test_run (background_argv, no_display, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_assert_true (limber_daemon_is_running (bus));

  /* Twice is harmless: the running daemon is kept. */
  g_assert_cmpint (limber_test_run (background_argv, no_display, &again_out, &again_err), ==, 0);
  g_assert_cmpstr (again_err, ==, "");

  g_assert_cmpint (limber_test_run (status_argv, no_display, &status_out, &status_err), ==, 0);
  g_assert_true (g_str_has_prefix (status_out, "Break timer: running (version " PACKAGE_VERSION ")\n"));
  g_assert_nonnull (strstr (status_out, "Next micro-break: in 25 min (at "));
  g_assert_nonnull (strstr (status_out, "Next rest break: in 1 h (at "));
  g_assert_nonnull (strstr (status_out, "Reminders: on\n"));
  /* Started without a display, it has no way to see activity, and says so. */
  g_assert_nonnull (strstr (status_out, "Activity seen through: none: all time counts as work\n"));

  limber_test_quit_daemon (bus);
}

/* The journal commands, end to end: run as a user would, without the
 * daemon and without a display, on the journal in this test's own home. */

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return limber_day_for_time (now, 4);
}

static int
run_limber (char **out,
            char **err,
            ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) LIMBER_EXE);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return limber_test_run ((const char * const *) argv->pdata, no_display, out, err);
}

static void
assert_bad_argument (const char *names,
                     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) LIMBER_EXE);
  va_start (args, names);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (limber_test_run ((const char * const *) argv->pdata, no_display, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, names) == NULL)
    g_error ("“%s” does not name %s", err, names);
}

static void
test_log_and_journal (void)
{
  g_autofree char *day = today ();
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run_limber (&out, &err, "log", "4", "--worst", "6", "--note", "Stiff after a long call", NULL), ==, 0);
  expected = g_strdup_printf ("Logged pain 4 (worst 6) for %s.\n", day);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");

  g_assert_cmpint (run_limber (&out2, &err2, "log", "3", "--date", yesterday, "--activity=2", NULL), ==, 0);

  /* Logging today again keeps what is not given, such as the note. */
  g_assert_cmpint (run_limber (&out3, &err3, "log", "5", "--worst", "7", NULL), ==, 0);

  g_assert_cmpint (run_limber (&out4, &err4, "journal", "--days", "7", NULL), ==, 0);
  g_assert_nonnull (strstr (out4, "Stiff after a long call"));
  g_assert_nonnull (strstr (out4, day));
  g_assert_nonnull (strstr (out4, yesterday));
  g_assert_nonnull (strstr (out4, "2 of the last 7 days logged"));
  g_assert_cmpstr (err4, ==, "");
}

static void
test_log_bad_arguments (void)
{
  g_autofree char *day = today ();
  g_autofree char *tomorrow = limber_day_add (day, 1);
  g_autofree char *long_note = g_strnfill (2001, 'n');
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = NULL, *before_err = NULL;

  g_assert_cmpint (run_limber (&before, &before_err, "export", "--format", "json", NULL), ==, 0);

  assert_bad_argument ("SCORE", "log", NULL);
  assert_bad_argument ("SCORE", "log", "11", NULL);
  assert_bad_argument ("SCORE", "log", "-1", NULL);
  assert_bad_argument ("SCORE", "log", "four", NULL);
  assert_bad_argument ("SCORE", "log", "4.5", NULL);
  assert_bad_argument ("--worst", "log", "5", "--worst", "12", NULL);
  assert_bad_argument ("worst", "log", "5", "--worst", "3", NULL);
  assert_bad_argument ("--activity", "log", "5", "--activity", "x", NULL);
  assert_bad_argument ("--date", "log", "5", "--date", "2026-13-40", NULL);
  assert_bad_argument ("--date", "log", "5", "--date", "yesterday", NULL);
  assert_bad_argument ("future", "log", "5", "--date", tomorrow, NULL);
  assert_bad_argument ("note", "log", "5", "--note", long_note, NULL);
  assert_bad_argument ("--frob", "log", "5", "--frob", NULL);
  assert_bad_argument ("“6”", "log", "5", "6", NULL);
  assert_bad_argument ("--days", "journal", "--days", "0", NULL);
  assert_bad_argument ("--format", "export", "--format", "xml", NULL);

  /* None of it reached the journal. */
  g_assert_cmpint (run_limber (&out, &err, "export", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (out, ==, before);
}

static void
test_store_error (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("XDG_DATA_HOME"));

  /* A data folder that cannot exist: a store error, status 1. */
  g_setenv ("XDG_DATA_HOME", "/dev/null/limber-test", TRUE);
  g_assert_cmpint (run_limber (&out, &err, "log", "4", NULL), ==, 1);
  g_setenv ("XDG_DATA_HOME", saved, TRUE);

  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "/dev/null/limber-test"));
}

static void
test_export_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("limber-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "journal.csv", NULL);
  g_autofree char *json = g_build_filename (dir, "journal.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *day = today ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *json_out = NULL, *json_err = NULL;
  g_autofree char *stdout_csv = NULL, *stdout_err = NULL;
  g_autofree char *again_out = NULL, *again_err = NULL;
  g_autofree char *bad_out = NULL, *bad_err = NULL;
  g_autofree char *after_out = NULL, *after_err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *bad_contents = NULL;
  GStatBuf st;

  g_assert_cmpint (run_limber (&out, &err, "log", "2", "--note", "Walk, then \"better\"", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "export", csv, NULL), ==, 0);
  g_assert_cmpint (run_limber (&json_out, &json_err, "export", "--format", "json", json, NULL), ==, 0);
  g_assert_cmpint (run_limber (&stdout_csv, &stdout_err, "export", "--format", "csv", NULL), ==, 0);

  /* The file is the user's alone and holds what the terminal shows. */
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (csv, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, stdout_csv);
  g_assert_true (g_str_has_prefix (written, "uuid,day,average,"));
  g_assert_nonnull (strstr (written, "\"Walk, then \"\"better\"\"\""));

  /* Importing what is there already changes nothing. */
  g_assert_cmpint (run_limber (&again_out, &again_err, "import", json, NULL), ==, 0);
  g_assert_nonnull (strstr (again_out, ": 0 added, 0 updated, "));

  /* A bad file: status 2, the line named, the journal as it was. */
  bad_contents = g_strdup_printf ("uuid,day,average,worst,activity,enjoyment,regions,red_flags,note,created,updated\r\n"
                                  "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e,%s,12,,,,,,,2026-01-01T10:00:00+01:00,2026-01-01T10:00:00+01:00\r\n",
                                  day);
  g_assert_true (g_file_set_contents (bad, bad_contents, -1, NULL));
  g_assert_cmpint (run_limber (&bad_out, &bad_err, "import", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (bad_err, "line 2"));
  g_assert_nonnull (strstr (bad_err, "average"));

  g_assert_cmpint (run_limber (&after_out, &after_err, "export", "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (after_out, ==, stdout_csv);
}

static void
test_break_commands_without_daemon (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  const char *commands[][4] = {
    { "break", "now", NULL }, { "break", "skip", NULL }, { "pause", "1h", NULL }, { "resume", NULL },
  };

  g_assert_false (limber_daemon_is_running (bus));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber (&out, &err, commands[i][0], commands[i][1], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "not running"));
    }

  /* Bad arguments are told before the daemon is looked for. */
  assert_bad_argument ("now", "break", NULL);
  assert_bad_argument ("now", "break", "later", NULL);
  assert_bad_argument ("30m", "pause", NULL);
  assert_bad_argument ("“forever”", "pause", "forever", NULL);
  assert_bad_argument ("“8d”", "pause", "8d", NULL);
  assert_bad_argument ("“0m”", "pause", "0m", NULL);
  assert_bad_argument ("“now”", "resume", "now", NULL);
}

static gboolean
paused (gpointer user_data)
{
  return limber_breaks_get_paused_until (LIMBER_BREAKS (user_data)) > 0;
}

static gboolean
not_paused (gpointer user_data)
{
  return limber_breaks_get_paused_until (LIMBER_BREAKS (user_data)) == 0;
}

static gboolean
in_break (gpointer user_data)
{
  return g_strcmp0 (limber_breaks_get_state (LIMBER_BREAKS (user_data)), "in-break") == 0;
}

static void
test_break_commands (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *status = NULL, *status_err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_limber (&out, &err, "pause", "1h30m", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Reminders paused for 1 h 30 min.\n");
  limber_test_wait_until (paused, breaks, 10);
  g_assert_cmpint (run_limber (&status, &status_err, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (status, "Reminders: paused until "));
  g_assert_nonnull (strstr (status, "Next micro-break: after 25 min more of work"));

  g_assert_cmpint (run_limber (&out2, &err2, "resume", NULL), ==, 0);
  limber_test_wait_until (not_paused, breaks, 10);

  /* Nothing is due yet: postponing is refused, with the reason. */
  g_assert_cmpint (run_limber (&out3, &err3, "break", "postpone", NULL), ==, 1);
  g_assert_cmpstr (err3, ==, "limber break: No break is due.\n");

  g_assert_cmpint (run_limber (&out4, &err4, "break", "now", NULL), ==, 0);
  limber_test_wait_until (in_break, breaks, 10);
  g_assert_cmpstr (limber_breaks_get_due_break (breaks), ==, "micro");

  limber_test_quit_daemon (bus);
}

static void
test_parse_duration (void)
{
  gint64 seconds = 0;

  g_assert_true (limber_cli_parse_duration ("30m", &seconds));
  g_assert_cmpint (seconds, ==, 1800);
  g_assert_true (limber_cli_parse_duration ("1h30m", &seconds));
  g_assert_cmpint (seconds, ==, 5400);
  g_assert_true (limber_cli_parse_duration ("90s", &seconds));
  g_assert_cmpint (seconds, ==, 90);
  g_assert_true (limber_cli_parse_duration ("tomorrow", &seconds));
  g_assert_cmpint (seconds, ==, -1);
  g_assert_false (limber_cli_parse_duration ("", &seconds));
  g_assert_false (limber_cli_parse_duration ("30", &seconds));
  g_assert_false (limber_cli_parse_duration ("m30", &seconds));
  g_assert_false (limber_cli_parse_duration ("-1h", &seconds));
  g_assert_false (limber_cli_parse_duration ("8d", &seconds));
  g_assert_false (limber_cli_parse_duration ("169h", &seconds));
}

/* `limber stretch` lists the shipped stretches and the person's own; a
 * routine file with broken JSON is named with its line and skipped, and
 * the rest still loads. An unknown ID is refused; a known one goes on to
 * the window. */
static void
test_stretch (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "limber", "routines", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *own = g_build_filename (dir, "own.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *unknown_out = NULL, *unknown_err = NULL;
  g_autofree char *window_out = NULL, *window_err = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (broken, "{\n  \"format\": \"limber-routines\",\n  \"version\": 1,\n  \"exercises\": [ {\n}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (own,
                       "{ \"format\": \"limber-routines\", \"version\": 1, \"exercises\": [ {"
                       " \"id\": \"my-neck-turn\", \"name\": \"My neck turn\", \"summary\": \"Turn slowly.\","
                       " \"targets\": [\"neck\"], \"position\": \"seated\","
                       " \"steps\": [ { \"instruction\": \"Turn and hold.\", \"hold_s\": 10 } ] } ] }",
                       -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_limber (&out, &err, "stretch", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Routines:"));
  g_assert_nonnull (strstr (out, "wall-angels"));
  g_assert_nonnull (strstr (out, "At a wall"));
  g_assert_nonnull (strstr (out, "my-neck-turn"));
  if (strstr (err, "broken.json:5:") == NULL)
    g_error ("“%s” does not name the broken file and line", err);

  g_assert_cmpint (run_limber (&unknown_out, &unknown_err, "stretch", "no-such-stretch", NULL), ==, 2);
  g_assert_nonnull (strstr (unknown_err, "“no-such-stretch”"));

  /* Without a display the window says so. */
  g_assert_cmpint (run_limber (&window_out, &window_err, "stretch", "my-neck-turn", NULL), ==, 1);
  g_assert_nonnull (strstr (window_err, "no display"));

  g_unlink (broken);
  g_unlink (own);
}

/* `limber trend` prints a week a line with the days logged, and refuses a
 * number of weeks out of range by name. */
static void
test_trend (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *bad_out = NULL, *bad_err = NULL;
  g_autofree char *day = today ();
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--date", day, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "trend", "--weeks", "2", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Week of"));
  /* Two weeks, the last one with today's entry, then the insight. */
  g_assert_nonnull (strstr (lines[2], "/7"));
  g_assert_null (strstr (lines[2], " 0/7"));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_nonnull (strstr (lines[4], "more days"));

  g_assert_cmpint (run_limber (&bad_out, &bad_err, "trend", "--weeks", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (bad_err, "--weeks"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/window-without-display", test_window_without_display);
  g_test_add_func ("/cli/status-not-running", test_status_not_running);
  g_test_add_func ("/cli/background-then-status", test_background_then_status);
  g_test_add_func ("/cli/log-and-journal", test_log_and_journal);
  g_test_add_func ("/cli/log-bad-arguments", test_log_bad_arguments);
  g_test_add_func ("/cli/store-error", test_store_error);
  g_test_add_func ("/cli/export-import", test_export_import);
  g_test_add_func ("/cli/break-commands-without-daemon", test_break_commands_without_daemon);
  g_test_add_func ("/cli/break-commands", test_break_commands);
  g_test_add_func ("/cli/parse-duration", test_parse_duration);
  g_test_add_func ("/cli/stretch", test_stretch);
  g_test_add_func ("/cli/trend", test_trend);

  return g_test_run ();
}
