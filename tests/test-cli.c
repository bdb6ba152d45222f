/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-break-format.h"
#include "limber-cli-breaks.h"
#include "limber-cli-table.h"
#include "limber-clock.h"
#include "limber-daemon-client.h"
#include "limber-journal-factors.h"
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

/* Every command answers --help on standard output and exits 0, without
 * the daemon: those that read options through their own parser, and
 * those that take none. */
static void
test_command_help (void)
{
  static const char *commands[] = {
    "status", "break", "pause", "resume", "stretch", "log", "journal", "trend", "export", "import", "factors", "change", "help",
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[] = { LIMBER_EXE, commands[i], "--help", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("limber %s --help", commands[i]);
      g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
      g_assert_true (g_str_has_prefix (out, "Usage:\n"));
      g_assert_nonnull (strstr (out, commands[i]));
      g_assert_nonnull (strstr (out, "--help"));
      g_assert_cmpstr (err, ==, "");
    }

  /* Asked after an argument, too, before the daemon is looked for. */
  {
    const char *argv[] = { LIMBER_EXE, "break", "now", "--help", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "limber break now|end|postpone|skip"));
  }
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

/* The columns a terminal gives @text, counted here on their own: an en
 * dash and umlauts one each, a combining mark none, CJK letters two. */
static glong
columns_of (const char *text,
            gsize       length)
{
  glong columns = 0;

  for (const char *p = text; p < text + length && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0300 && c <= 0x036f)
        continue;
      columns += (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xff60) ? 2 : 1;
    }
  return columns;
}

/* What `limber status` says after @label, and checks that it starts in
 * the column where every other value of the table starts; NULL when it
 * has no such line. */
static char *
status_value (const char *status,
              const char *label)
{
  g_auto (GStrv) lines = g_strsplit (status, "\n", -1);
  const char *labels[] = { "Next micro-break:", "Next rest break:", "Active today:", "Reminders:",
                           "Activity seen through:" };
  glong value_column = -1;
  char *value = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
      if (g_str_has_prefix (lines[i], labels[j]))
        {
          const char *start = lines[i] + strlen (labels[j]);
          glong column;

          while (*start == ' ')
            start++;
          column = columns_of (lines[i], start - lines[i]);
          if (value_column >= 0)
            g_assert_cmpint (column, ==, value_column);
          value_column = column;
          if (g_str_equal (labels[j], label))
            value = g_strdup (start);
        }

  return value;
}

static void
assert_status (const char *status,
               const char *label,
               const char *expected,
               gboolean    prefix)
{
  g_autofree char *value = status_value (status, label);

  if (value == NULL || (prefix ? !g_str_has_prefix (value, expected) : !g_str_equal (value, expected)))
    g_error ("“%s” does not say %s “%s”", status, label, expected);
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
  assert_status (status_out, "Next micro-break:", "in 25 min (at ", TRUE);
  assert_status (status_out, "Next rest break:", "in 1 h (at ", TRUE);
  assert_status (status_out, "Reminders:", "on", FALSE);
  /* Started without a display, it has no way to see activity, and says so. */
  assert_status (status_out, "Activity seen through:", "nothing: activity cannot be seen on this desktop, "
                                                      "so all time counts as work", FALSE);

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

/* The first day that is still to come. The future starts after the
 * calendar day, whatever the rollover hour: between midnight and the
 * rollover, the calendar day can be logged already, though today() is
 * still the day before. */
static char *
future_day (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *calendar_day = g_date_time_format (now, "%Y-%m-%d");

  return limber_day_add (calendar_day, 1);
}

/* limber and the arguments in @args, up to a NULL, as an argv. */
static GPtrArray *
limber_argv (va_list args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) LIMBER_EXE);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
run_limber (char **out,
            char **err,
            ...)
{
  g_autoptr (GPtrArray) argv = NULL;
  va_list args;

  va_start (args, err);
  argv = limber_argv (args);
  va_end (args);

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

  /* A kept worst below the new average is raised to it, and says so; an
   * explicit --worst below the average is still a mistake (see below). */
  {
    g_autofree char *out5 = NULL, *err5 = NULL;
    g_autofree char *raised = g_strdup_printf ("Logged pain 8 (worst 8) for %s.\n", day);

    g_assert_cmpint (run_limber (&out5, &err5, "log", "8", NULL), ==, 0);
    g_assert_cmpstr (out5, ==, raised);
    g_clear_pointer (&out5, g_free);
    g_clear_pointer (&err5, g_free);
    g_assert_cmpint (run_limber (&out5, &err5, "log", "5", "--worst", "7", NULL), ==, 0);
  }

  g_assert_cmpint (run_limber (&out4, &err4, "journal", "--days", "7", NULL), ==, 0);
  g_assert_nonnull (strstr (out4, "Stiff after a long call"));
  g_assert_nonnull (strstr (out4, day));
  g_assert_nonnull (strstr (out4, yesterday));
  g_assert_nonnull (strstr (out4, "2 of the last 7 days logged"));
  g_assert_cmpstr (err4, ==, "");
}

/* The helper every table goes through: padding by what the terminal
 * shows, not by bytes. */
static void
test_table_widths (void)
{
  g_autoptr (LimberCliTable) table = limber_cli_table_new ("lrl", "  ");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  /* An en dash, German umlauts (one made of a U and a combining mark),
   * and Japanese, two columns a letter. */
  const char *cells[][3] = {
    { "Name", "Score", "Note" },
    { "Übungen für Rücken", "–", "plain" },
    { "U\xcc\x88" "bung", "10", "combining" },
    { "首と肩", "3", "wide" },
  };

  g_assert_cmpint (limber_cli_text_width ("–"), ==, 1);
  g_assert_cmpint (limber_cli_text_width ("Übungen"), ==, 7);
  g_assert_cmpint (limber_cli_text_width ("U\xcc\x88" "bung"), ==, 5);
  g_assert_cmpint (limber_cli_text_width ("首と肩"), ==, 6);
  /* A byte that is not UTF-8 is one column, even one that claims more
   * bytes than the text has left. */
  g_assert_cmpint (limber_cli_text_width ("a\xff" "b"), ==, 3);
  g_assert_cmpint (limber_cli_text_width ("ab\xe2"), ==, 3);
  {
    g_autofree char *padded = limber_cli_pad ("首", 4, FALSE);
    g_autofree char *numbers = limber_cli_pad ("–", 3, TRUE);

    g_assert_cmpstr (padded, ==, "首  ");
    g_assert_cmpstr (numbers, ==, "  –");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    limber_cli_table_add (table, cells[i][0], cells[i][1], cells[i][2], NULL);
  text = limber_cli_table_format (table);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (cells) + 1);
  /* Each third column starts where its heading does: the first column is
   * as wide as “Übungen für Rücken” (18), the scores end under “Score”. */
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      const char *note = strstr (lines[i], cells[i][2]);
      const char *score = strstr (lines[i], cells[i][1]);

      g_assert_nonnull (note);
      g_assert_true (g_str_has_prefix (lines[i], "  "));
      g_assert_cmpint (columns_of (lines[i], note - lines[i]), ==, 2 + 18 + 2 + 5 + 2);
      g_assert_cmpint (columns_of (lines[i], score - lines[i]) + columns_of (cells[i][1], strlen (cells[i][1])),
                       ==, 2 + 18 + 2 + 5);
    }
}

/* `limber journal` lines up its columns whatever the notes and scores
 * hold, and tells the warning signs ticked on a day, calmly. */
static void
test_journal_table (void)
{
  g_autofree char *day = today ();
  g_autofree char *day_2 = limber_day_add (day, -20);
  g_autofree char *day_3 = limber_day_add (day, -21);
  g_autofree char *day_4 = limber_day_add (day, -22);
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (GError) error = NULL;
  glong note_column;
  guint rows = 0;

  g_assert_cmpint (run_limber (&out, &err, "log", "2", "--date", day_2, "--note", "Steif – nach den Übungen", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "10", "--worst", "10", "--date", day_3, "--note", "首と肩が痛い", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Warning signs are ticked in the window; here straight in the journal. */
  {
    g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day_4);
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();

    g_assert_no_error (error);
    entry->average = 6;
    entry->red_flags = LIMBER_RED_FLAG_ARM_OR_JAW | LIMBER_RED_FLAG_NIGHT_OR_WORSENING;
    g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_limber (&out, &err, "journal", "--days", "30", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Day "));
  note_column = columns_of (lines[0], strstr (lines[0], "Note") - lines[0]);
  for (guint i = 1; lines[i] != NULL && g_ascii_isdigit (lines[i][0]); i++)
    {
      const char *notes[] = { "Steif", "首と肩", NULL };
      glong worst_end = columns_of (lines[0], strstr (lines[0], "Worst") - lines[0]) + 5;

      rows++;
      for (guint j = 0; notes[j] != NULL; j++)
        if (strstr (lines[i], notes[j]) != NULL)
          g_assert_cmpint (columns_of (lines[i], strstr (lines[i], notes[j]) - lines[i]), ==, note_column);
      /* The Worst column ends under its heading, an en dash or a number. */
      if (g_str_has_prefix (lines[i], day_2))
        g_assert_cmpint (columns_of (lines[i], strstr (lines[i], "–") - lines[i]) + 1, ==, worst_end);
      if (g_str_has_prefix (lines[i], day_3))
        {
          /* The average's 10, then the worst's. */
          const char *worst = strstr (strstr (lines[i] + 10, "10") + 2, "10");

          g_assert_cmpint (columns_of (lines[i], worst - lines[i]) + 2, ==, worst_end);
        }
    }
  g_assert_cmpuint (rows, >=, 3);

  /* The ticked signs, by day, in the window's words. */
  {
    const char *signs = strstr (out, "Warning signs you ticked, worth showing a doctor:\n");
    g_autofree char *first = g_strdup_printf ("  %s  Pain spreading into the arm or jaw\n", day_4);

    g_assert_nonnull (signs);
    g_assert_nonnull (strstr (signs, first));
    g_assert_nonnull (strstr (signs, "Pain that is constant, keeps getting worse, or is worse at night"));
    g_assert_null (strstr (signs, day_2));
  }
}

/* `limber log 8` with no --worst: on a new day it logs just the average;
 * on a day whose worst is below 8 it raises the worst to 8 and says so,
 * instead of refusing the score for a worst nobody gave. */
static void
test_log_without_worst (void)
{
  g_autofree char *day = today ();
  g_autofree char *fresh = limber_day_add (day, -30);
  g_autofree char *kept = limber_day_add (day, -31);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run_limber (&out, &err, "log", "8", "--date", fresh, NULL), ==, 0);
  expected = g_strdup_printf ("Logged pain 8 for %s.\n", fresh);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--worst", "5", "--date", kept, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "8", "--date", kept, NULL), ==, 0);
  expected = g_strdup_printf ("Logged pain 8 (worst 8) for %s.\n", kept);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* What was stored says the same. */
  g_assert_cmpint (run_limber (&out, &err, "export", "--format", "csv", NULL), ==, 0);
  {
    g_autofree char *row = g_strdup_printf (",%s,8,8,", kept);
    g_autofree char *fresh_row = g_strdup_printf (",%s,8,,", fresh);

    g_assert_nonnull (strstr (out, row));
    g_assert_nonnull (strstr (out, fresh_row));
  }
}

static void
test_log_bad_arguments (void)
{
  g_autofree char *tomorrow = future_day ();
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

/* `limber log` takes today from a clock of its own, whose day starts at
 * the hour set in the settings, or at the default hour when no settings
 * are installed. It runs at about six in the morning, in a zone of its
 * own, and is told its settings and zone through `env`, so that this
 * process keeps its own. */
static void
test_log_day_starts_at_set_hour (void)
{
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  /* Hours east of UTC, from -12 to 11, that put the local hour at 6.
   * POSIX zones count west of UTC as positive. */
  int east_h = (6 - g_date_time_get_hour (utc) + 36) % 24 - 12;
  g_autofree char *tz = g_strdup_printf ("TZ=LMB%+d", -east_h);
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (east_h * 3600);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *calendar_day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *yesterday = limber_day_add (calendar_day, -1);
  g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *no_schemas_dir = g_dir_make_tmp ("limber-no-schemas-XXXXXX", NULL);
  g_autofree char *no_schemas = g_strconcat ("XDG_DATA_DIRS=", no_schemas_dir, NULL);
  const char *keep_out_settings[] = { "DISPLAY", "WAYLAND_DISPLAY", "GSETTINGS_SCHEMA_DIR", NULL };
  const char *set_argv[] = { "env", tz, "GSETTINGS_BACKEND=keyfile", LIMBER_EXE, "log", "3", NULL };
  const char *default_argv[] = { "env", tz, no_schemas, LIMBER_EXE, "log", "2", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *default_out = NULL, *default_err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *default_expected = NULL;

  /* The day starts at 7: at six it is still yesterday. */
  g_assert_no_errno (g_mkdir_with_parents (settings_dir, 0700));
  g_assert_true (g_file_set_contents (keyfile, "[io/github/limberapp/Limber]\nday-rollover-hour=7\n", -1, NULL));
  g_assert_cmpint (limber_test_run (set_argv, no_display, &out, &err), ==, 0);
  /* Other tests may have logged that day before, with a worst score. */
  expected = g_strdup_printf (" for %s.\n", yesterday);
  if (!g_str_has_prefix (out, "Logged pain 3") || !g_str_has_suffix (out, expected))
    g_error ("Logged for another day: %s", out);
  g_assert_cmpstr (err, ==, "");

  /* No schema anywhere: the default hour, before six. */
  g_assert_cmpuint (LIMBER_CLOCK_DEFAULT_ROLLOVER_HOUR, <, 6);
  g_assert_cmpint (limber_test_run (default_argv, keep_out_settings, &default_out, &default_err), ==, 0);
  default_expected = g_strdup_printf (" for %s.\n", calendar_day);
  if (!g_str_has_prefix (default_out, "Logged pain 2") || !g_str_has_suffix (default_out, default_expected))
    g_error ("Logged for another day: %s", default_out);
  g_assert_cmpstr (default_err, ==, "");

  g_unlink (keyfile);
  g_rmdir (no_schemas_dir);
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
  g_assert_nonnull (strstr (again_out, "Imported "));
  g_assert_nonnull (strstr (again_out, "\n  Added:      0\n  Updated:    0\n  Unchanged:  "));

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
    { "break", "end", NULL }, { "break", "skip", NULL }, { "break", "postpone", NULL },
    { "pause", "1h", NULL }, { "resume", NULL },
  };
  g_autofree char *now_out = NULL, *now_err = NULL;

  g_assert_false (limber_daemon_is_running (bus));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber (&out, &err, commands[i][0], commands[i][1], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "not running"));
      g_assert_false (limber_daemon_is_running (bus));
    }

  /* Taking a break starts the break timer, as the desktop file's Take a
   * Break Now does with no terminal to read an error. */
  g_assert_cmpint (run_limber (&now_out, &now_err, "break", "now", NULL), ==, 0);
  g_assert_nonnull (strstr (now_out, "Break started"));
  g_assert_true (limber_daemon_is_running (bus));
  limber_test_quit_daemon (bus);

  /* Bad arguments are told before the daemon is looked for. */
  assert_bad_argument ("now", "break", NULL);
  assert_bad_argument ("“end”", "break", NULL);
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
  assert_status (status, "Reminders:", "paused until ", TRUE);
  assert_status (status, "Next micro-break:", "after 25 min more of work", TRUE);

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

static gboolean
working (gpointer user_data)
{
  return g_strcmp0 (limber_breaks_get_state (LIMBER_BREAKS (user_data)), "working") == 0;
}

static gboolean
break_end_known (gpointer user_data)
{
  gint64 end_us = -1, end_wall = -1;

  g_variant_get (limber_breaks_get_break_end (LIMBER_BREAKS (user_data)), "(xx)", &end_us, &end_wall);
  return end_us > 0;
}

/* During a break `limber status` says so and how long is left, as the
 * tray and the window do, and nothing in it contradicts the break;
 * `limber break end` ends it, and says when there is none. */
static void
test_break_status_and_end (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *status = NULL, *status_err = NULL;
  g_autofree char *end_out = NULL, *end_err = NULL;
  g_autofree char *after = NULL, *after_err = NULL;
  g_autofree char *again_out = NULL, *again_err = NULL;
  const char *on_break;
  gint64 left_s = -1;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_limber (&out, &err, "break", "now", NULL), ==, 0);
  limber_test_wait_until (in_break, breaks, 10);
  limber_test_wait_until (break_end_known, breaks, 10);

  g_assert_cmpint (run_limber (&status, &status_err, "status", NULL), ==, 0);
  g_assert_cmpstr (status_err, ==, "");
  /* The default micro-break lasts 45 s: “On a break, 45 s left” or some
   * seconds less. */
  on_break = strstr (status, "\nOn a break, ");
  if (on_break != NULL)
    {
      on_break += strlen ("\nOn a break, ");
      left_s = g_ascii_strtoll (on_break, (char **) &on_break, 10);
    }
  if (on_break == NULL || left_s < 30 || left_s > 45 ||
      !g_str_has_prefix (on_break, " s left. End it with “limber break end”.\n"))
    g_error ("“%s” does not say how long the break has left", status);
  assert_status (status, "Next micro-break:", "after this break", FALSE);
  assert_status (status, "Next rest break:", "after ", TRUE);
  assert_status (status, "Reminders:", "on again after the break", FALSE);
  g_assert_null (strstr (status, "after 0 s more of work"));
  g_assert_null (strstr (status, "due now"));

  g_assert_cmpint (run_limber (&end_out, &end_err, "break", "end", NULL), ==, 0);
  g_assert_cmpstr (end_out, ==, "Break ended. Welcome back.\n");
  g_assert_cmpstr (end_err, ==, "");
  limber_test_wait_until (working, breaks, 10);

  /* The break was taken: the micro-break timer starts again. */
  g_assert_cmpint (run_limber (&after, &after_err, "status", NULL), ==, 0);
  g_assert_null (strstr (after, "On a break"));
  assert_status (after, "Next micro-break:", "in 25 min (at ", TRUE);
  assert_status (after, "Reminders:", "on", FALSE);

  g_assert_cmpint (run_limber (&again_out, &again_err, "break", "end", NULL), ==, 1);
  g_assert_cmpstr (again_out, ==, "");
  g_assert_cmpstr (again_err, ==, "limber break: No break is under way.\n");

  limber_test_quit_daemon (bus);
}

/* In strict mode the daemon holds a break until its length has passed,
 * and `limber break end` passes on why. The daemon and this test share
 * the settings through a key file. */
static void
test_break_end_strict (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *end_out = NULL, *end_err = NULL;
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));

  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "strict-mode", TRUE);
  g_settings_sync ();

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_limber (&out, &err, "break", "now", NULL), ==, 0);
  limber_test_wait_until (in_break, breaks, 10);

  g_assert_cmpint (run_limber (&end_out, &end_err, "break", "end", NULL), ==, 1);
  g_assert_cmpstr (end_out, ==, "");
  g_assert_true (g_str_has_prefix (end_err, "limber break: "));
  g_assert_nonnull (strstr (end_err, "strict mode"));
  g_assert_null (strstr (end_err, "GDBus"));
  g_assert_cmpstr (limber_breaks_get_state (breaks), ==, "in-break");

  limber_test_quit_daemon (bus);
  g_settings_reset (settings, "strict-mode");
  g_settings_sync ();
  if (saved_backend != NULL)
    g_setenv ("GSETTINGS_BACKEND", saved_backend, TRUE);
  else
    g_unsetenv ("GSETTINGS_BACKEND");
}

/* The wording every surface shares: a deadline that has just passed is
 * “due now” only once the daemon says the break is due (a postponed
 * break is not), and the break under way is told as such. */
static void
test_format (void)
{
  gint64 now_us = 1000 * G_USEC_PER_SEC;
  g_autoptr (GVariant) passed = g_variant_ref_sink (g_variant_new ("(xx)", now_us - 1, (gint64) 1700000000));
  g_autoptr (GVariant) zero_left = g_variant_ref_sink (g_variant_new ("(xx)", (gint64) -1, (gint64) 0));
  g_autoptr (GVariant) some_left = g_variant_ref_sink (g_variant_new ("(xx)", (gint64) -1, (gint64) 600));
  g_autoptr (GVariant) off = g_variant_ref_sink (g_variant_new ("(xx)", (gint64) -1, (gint64) -1));
  g_autoptr (GVariant) break_end = g_variant_ref_sink (g_variant_new ("(xx)", now_us + 35 * G_USEC_PER_SEC - 10,
                                                                      (gint64) 1700000000));
  g_autoptr (GVariant) no_break = g_variant_ref_sink (g_variant_new ("(xx)", (gint64) -1, (gint64) -1));
  /* 2023-11-14 22:13:20 UTC, read in the zone it is given. */
  g_autoptr (GVariant) coming = g_variant_ref_sink (g_variant_new ("(xx)", now_us + 12 * 60 * G_USEC_PER_SEC,
                                                                   (gint64) 1700000000));
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+05:00");
  struct {
    GVariant   *next;
    const char *kind;
    const char *state;
    const char *due_break;
    const char *expected;
  } cases[] = {
    { coming, "micro", "working", "", "in 12 min (at 03:13)" },
    { passed, "micro", "due", "micro", "due now" },
    { passed, "micro", "warning", "", "in a moment" },
    { passed, "micro", "working", "", "in a moment" },
    { zero_left, "micro", "in-break", "micro", "after this break" },
    { some_left, "micro", "in-break", "micro", "after this break" },
    { zero_left, "micro", "in-break", "rest", "after this break" },
    { some_left, "micro", "in-break", "rest", "after 10 min more of work" },
    { some_left, "rest", "away", "", "after 10 min more of work" },
    { zero_left, "micro", "away", "", "due when you are back" },
    { zero_left, "micro", "paused", "", "due when reminders resume" },
    { off, "rest", "in-break", "micro", "off" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_format_next_break (cases[i].next, cases[i].kind, cases[i].state,
                                                        cases[i].due_break, now_us, zone);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpint (limber_break_end_in_s (break_end, now_us), ==, 35);
  g_assert_cmpint (limber_break_end_in_s (no_break, now_us), ==, -1);
  g_assert_cmpint (limber_break_end_in_s (NULL, now_us), ==, -1);
  {
    g_autofree char *seconds = limber_format_on_break (35);
    g_autofree char *minutes = limber_format_on_break (240);
    g_autofree char *unknown = limber_format_on_break (-1);

    g_assert_cmpstr (seconds, ==, "On a break, 35 s left");
    g_assert_cmpstr (minutes, ==, "On a break, 4 min left");
    g_assert_cmpstr (unknown, ==, "On a break");
  }

  /* Every monitor is told in words, none as a protocol name. */
  {
    const char *monitors[] = { "gnome", "wayland", "kde-idle", "x11", "x11-polling", "none" };

    for (guint i = 0; i < G_N_ELEMENTS (monitors); i++)
      {
        const char *text = limber_describe_monitor (monitors[i]);

        g_assert_null (strstr (text, "alarm"));
        g_assert_null (strstr (text, "ext-idle"));
        g_assert_null (strstr (text, "kwin_idle"));
        for (guint j = 0; j < i; j++)
          g_assert_cmpstr (text, !=, limber_describe_monitor (monitors[j]));
      }
    g_assert_cmpstr (limber_describe_monitor ("kde-idle"), ==, "Wayland idle notifications (KWin, sway)");
    g_assert_nonnull (strstr (limber_describe_monitor ("none"), "all time counts as work"));
  }
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

/* The journal commands run from here on with a data folder of their own,
 * @home, until the one saved is given back. */
static char *
use_data_home (const char *home)
{
  char *saved = g_strdup (g_getenv ("XDG_DATA_HOME"));

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  return saved;
}

static void
restore_data_home (char *saved)
{
  g_setenv ("XDG_DATA_HOME", saved, TRUE);
  g_free (saved);
}

/* Like run_limber(), for what must not block: fails after 20 s. */
static int
run_limber_within (char **out,
                   char **err,
                   ...)
{
  g_autoptr (GPtrArray) argv = NULL;
  va_list args;

  va_start (args, err);
  argv = limber_argv (args);
  va_end (args);

  return limber_test_run_within ((const char * const *) argv->pdata, no_display, 20, out, err);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not hold “%s”", text, part);
}

/* A note that is not valid text names --note and says what to do; a UTF-8
 * note is taken whatever the locale, as terminals send UTF-8 even where
 * the locale is C. */
static void
test_note_encoding (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *journal = g_build_filename (home, "limber", "journal.db", NULL);
  const char *c_invalid[] = { "env", "LC_ALL=C", LIMBER_EXE, "log", "4", "--note", "\xff", NULL };
  const char *c_utf8[] = { "env", "LC_ALL=C", LIMBER_EXE, "log", "4", "--note", "Rücken", NULL };
  const char *c_worst[] = { "env", "LC_ALL=C", LIMBER_EXE, "log", "4", "--worst", "\xfe", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *c_out = NULL, *c_err = NULL;
  g_autofree char *utf8_out = NULL, *utf8_err = NULL;
  g_autofree char *worst_out = NULL, *worst_err = NULL;
  g_autofree char *csv = NULL, *csv_err = NULL;

  g_assert_cmpint (run_limber (&out, &err, "log", "4", "--note", "\xff", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber log: --note: the text is not valid in the terminal’s encoding"));
  assert_contains (err, "UTF-8");
  g_assert_cmpuint (count_lines (err), ==, 1);

  g_assert_cmpint (limber_test_run (c_invalid, no_display, &c_out, &c_err), ==, 2);
  g_assert_true (g_str_has_prefix (c_err, "limber log: --note: the text is not valid"));
  g_assert_cmpint (limber_test_run (c_worst, no_display, &worst_out, &worst_err), ==, 2);
  g_assert_true (g_str_has_prefix (worst_err, "limber log: --worst: the text is not valid"));
  /* Nothing of it was stored, nor even a journal made. */
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (limber_test_run (c_utf8, no_display, &utf8_out, &utf8_err), ==, 0);
  g_assert_cmpstr (utf8_err, ==, "");
  g_assert_cmpint (run_limber (&csv, &csv_err, "export", "--format", "csv", NULL), ==, 0);
  assert_contains (csv, ",Rücken,");

  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
}

static gboolean
is_fifo (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISFIFO (st.st_mode);
}

/* `limber export FILE` writes the person's file 0600, new or replaced,
 * and refuses at once, naming it, anything that is no regular file: a
 * named pipe (which would block for ever), a folder, a socket, a link to
 * nothing. A link to a file is followed, and stays. */
static void
test_export_targets (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *dir = g_build_filename (home, "exports", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.csv", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.csv", NULL);
  g_autofree char *pipe = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.csv", NULL);
  g_autofree char *socket_path = g_build_filename (dir, "socket.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "nowhere.csv", NULL);
  g_autofree char *real = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GError) error = NULL;
  mode_t old_umask = umask (022);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--note", "export me", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&csv, &err, "export", "--format", "csv", NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "export", fresh, NULL), ==, 0);
  g_assert_cmpuint (limber_test_mode (fresh), ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Replaced whole, and the person's alone from now on. */
  g_assert_true (g_file_set_contents_full (existing, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_cmpuint (limber_test_mode (existing), ==, 0644);
  g_assert_cmpint (run_limber (&out, &err, "export", existing, NULL), ==, 0);
  g_assert_cmpuint (limber_test_mode (existing), ==, 0600);
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (existing, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, csv);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_no_errno (mkfifo (pipe, 0644));
  g_assert_cmpint (run_limber_within (&out, &err, "export", pipe, NULL), ==, 2);
  assert_contains (err, pipe);
  assert_contains (err, "it is a named pipe, not a file");
  assert_contains (err, "give no FILE");
  g_assert_true (is_fifo (pipe));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_no_errno (g_mkdir (folder, 0755));
  g_assert_cmpint (run_limber_within (&out, &err, "export", "--format", "csv", folder, NULL), ==, 2);
  assert_contains (err, folder);
  assert_contains (err, "it is a folder, not a file");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_cmpint (run_limber_within (&out, &err, "export", socket_path, NULL), ==, 2);
  assert_contains (err, "it is a socket, not a file");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A link to nothing makes nothing where it points. */
  g_assert_no_errno (symlink (nowhere, dangling));
  g_assert_cmpint (run_limber_within (&out, &err, "export", dangling, NULL), ==, 2);
  assert_contains (err, dangling);
  assert_contains (err, "which does not exist");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents_full (real, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_no_errno (symlink ("real.csv", link));
  g_assert_cmpint (run_limber_within (&out, &err, "export", link, NULL), ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (limber_test_mode (real), ==, 0600);
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (real, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, csv);
  }

  umask (old_umask);
  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
}

/* Limber's data folder is 0700 and the journal 0600 whatever the umask,
 * and looser ones are tightened by the next command that writes; a
 * command that only reads changes nothing. */
static void
test_journal_modes (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *folder = g_build_filename (home, "limber", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  mode_t old_umask = umask (022);

  g_assert_cmpint (run_limber (&out, &err, "log", "3", NULL), ==, 0);
  g_assert_cmpuint (limber_test_mode (folder), ==, 0700);
  g_assert_cmpuint (limber_test_mode (path), ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_no_errno (g_chmod (folder, 0755));
  g_assert_no_errno (g_chmod (path, 0644));
  g_assert_cmpint (run_limber (&out, &err, "journal", NULL), ==, 0);
  g_assert_cmpuint (limber_test_mode (folder), ==, 0755);
  g_assert_cmpuint (limber_test_mode (path), ==, 0644);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "log", "4", NULL), ==, 0);
  g_assert_cmpuint (limber_test_mode (folder), ==, 0700);
  g_assert_cmpuint (limber_test_mode (path), ==, 0600);

  umask (old_umask);
  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
}

/* Something other than a journal at its path (a named pipe, a folder, a
 * link to nothing, a named pipe for its WAL or lock file) is refused at
 * once by the commands that write and by those that read, naming it;
 * nothing is made anywhere else. */
static void
test_journal_not_a_file (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *folder = g_build_filename (home, "limber", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autofree char *wal = g_build_filename (folder, "journal.db-wal", NULL);
  g_autofree char *lock = g_build_filename (folder, "journal.db.lock", NULL);
  g_autofree char *elsewhere = g_build_filename (home, "unmounted", "journal.db", NULL);
  const char *commands[][4] = {
    { "log", "3", NULL }, { "journal", NULL }, { "export", "--format", "csv", NULL }, { "trend", NULL },
  };

  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));

  g_assert_no_errno (mkfifo (path, 0600));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber_within (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL), ==, 1);
      assert_contains (err, path);
      assert_contains (err, "it is a named pipe, not a file");
    }
  g_assert_true (is_fifo (path));
  g_assert_no_errno (g_unlink (path));

  g_assert_no_errno (g_mkdir (path, 0700));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber_within (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL), ==, 1);
      assert_contains (err, "it is a folder, not a file");
    }
  g_assert_no_errno (g_rmdir (path));

  /* A journal on a disk that is not mounted: nothing is made in its
   * place, by writing or by reading. */
  g_assert_no_errno (symlink (elsewhere, path));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber_within (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL), ==, 1);
      assert_contains (err, path);
      assert_contains (err, "which does not exist");
    }
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (path));

  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_limber (&out, &err, "log", "3", NULL), ==, 0);
  }
  g_assert_no_errno (mkfifo (wal, 0600));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber_within (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL), ==, 1);
      assert_contains (err, wal);
      assert_contains (err, "it is a named pipe, not a file");
    }
  g_assert_no_errno (g_unlink (wal));

  /* Only looked at, to see whether a repair holds it: no wait. */
  g_assert_no_errno (mkfifo (lock, 0600));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_limber_within (&out, &err, commands[i][0], commands[i][1], commands[i][2], NULL), ==, 0);
    }

  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
}

/* Before anything is logged the commands that read show an empty journal,
 * and make nothing: no folder, no file. */
static void
test_read_without_journal (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *folder = g_build_filename (home, "limber", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *json = NULL, *json_err = NULL;
  g_autofree char *trend = NULL, *trend_err = NULL;

  g_assert_cmpint (run_limber (&out, &err, "journal", NULL), ==, 0);
  assert_contains (out, "0 of the last 14 days logged");
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (run_limber (&json, &json_err, "export", "--format", "json", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (json, "{"));
  g_assert_cmpstr (json_err, ==, "");
  g_assert_cmpint (run_limber (&trend, &trend_err, "trend", NULL), ==, 0);
  g_assert_cmpstr (trend_err, ==, "");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
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

/* The commands load no GTK: starting it is most of what a process with
 * it costs, and `limber log` has a budget of a few milliseconds. */
static void
test_commands_load_no_gtk (void)
{
  const char *argv[] = { "ldd", LIMBER_EXE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "libsqlite3"));
  g_assert_null (strstr (out, "libgtk-4"));
  g_assert_null (strstr (out, "libadwaita"));
}

/* The journal the commands write, opened here to see what they stored. */
static LimberJournal *
open_test_journal (void)
{
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  return journal;
}

/* The day factor of the factor @name on @day, or NULL. */
static LimberDayFactor *
day_factor_named (LimberJournal *journal,
                  GPtrArray     *day_factors,
                  const char    *name)
{
  g_autoptr (LimberFactor) factor = limber_journal_find_factor (journal, name, NULL);

  g_assert_nonnull (factor);
  for (guint i = 0; i < day_factors->len; i++)
    {
      LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      if (g_str_equal (day_factor->factor_uuid, factor->uuid))
        return day_factor;
    }
  return NULL;
}

static void
test_log_factors (void)
{
  g_autofree char *day = today ();
  g_autofree char *yesterday = limber_day_add (day, -2);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  g_autoptr (GError) error = NULL;
  LimberDayFactor *medication;

  g_assert_cmpint (run_limber (&out, &err, "log", "4", "--date", yesterday, "--did", "heat,Massage",
                               "--med", "ibuprofen:2", "--sleep", "6.5", "--sleep-quality", "5",
                               "--stress", "7", "--desk", "7,5", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Done that day: Heat, Massage, Pain medication (ibuprofen, 2 doses).\n"));

  journal = open_test_journal ();
  day_factors = limber_journal_get_day_factors (journal, yesterday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 3);
  g_assert_nonnull (day_factor_named (journal, day_factors, "heat"));
  g_assert_nonnull (day_factor_named (journal, day_factors, "massage"));
  g_assert_null (day_factor_named (journal, day_factors, "cold"));
  medication = day_factor_named (journal, day_factors, "pain-medication");
  g_assert_nonnull (medication);
  g_assert_cmpstr (medication->medicine, ==, "ibuprofen");
  g_assert_cmpint (medication->doses, ==, 2);

  measures = limber_journal_get_day_measures (journal, yesterday, &error);
  g_assert_no_error (error);
  g_assert_nonnull (measures);
  g_assert_cmpint (measures->sleep_tenths, ==, 65);
  g_assert_cmpint (measures->sleep_quality, ==, 5);
  g_assert_cmpint (measures->stress, ==, 7);
  g_assert_cmpint (measures->desk_tenths, ==, 75);

  /* Logging the day again adds what is given and keeps the rest. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--date", yesterday, "--did", "walk", "--stress", "4", NULL), ==, 0);
  g_clear_pointer (&day_factors, g_ptr_array_unref);
  g_clear_pointer (&measures, limber_day_measures_free);
  day_factors = limber_journal_get_day_factors (journal, yesterday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 4);
  g_assert_nonnull (day_factor_named (journal, day_factors, "walk"));
  measures = limber_journal_get_day_measures (journal, yesterday, &error);
  g_assert_no_error (error);
  g_assert_cmpint (measures->sleep_tenths, ==, 65);
  g_assert_cmpint (measures->stress, ==, 4);

  /* `limber journal` shows what was done on each day. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "journal", NULL), ==, 0);
  {
    g_autofree char *line = g_strdup_printf ("\nWhat you did:\n  %s  Heat, Massage, Pain medication (ibuprofen, 2 doses), Walk or other exercise\n",
                                             yesterday);

    g_assert_nonnull (strstr (out, line));
  }
}

static void
test_log_factor_errors (void)
{
  g_autofree char *day = today ();
  g_autofree char *before = limber_day_add (day, -3);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  const char *bad[][2] = {
    { "--sleep", "6.25" }, { "--sleep", "25" }, { "--sleep", "-1" }, { "--sleep-quality", "11" },
    { "--stress", "x" }, { "--med", "ibuprofen:0" }, { "--med", "ibuprofen:21" }, { "--desk", "24.5" },
  };

  /* An unknown factor: status 2, the known ones listed, nothing stored. */
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_limber (&out, &err, "log", "5", "--date", before, "--did", "heat,sauna", NULL), ==, 2);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "“sauna” is not a factor"));
    g_assert_nonnull (strstr (err, "heat, cold, massage, pain-medication, physiotherapy, chiropractic, "
                                   "acupuncture, yoga, walk"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_test_message ("%s %s", bad[i][0], bad[i][1]);
      g_assert_cmpint (run_limber (&out, &err, "log", "5", "--date", before, bad[i][0], bad[i][1], NULL), ==, 2);
      g_assert_nonnull (strstr (err, bad[i][0]));
    }

  journal = open_test_journal ();
  entry = limber_journal_get_pain_entry (journal, before, &error);
  g_assert_no_error (error);
  g_assert_null (entry);
  day_factors = limber_journal_get_day_factors (journal, before, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 0);
}

static void
test_factors_command (void)
{
  g_autofree char *day = today ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (LimberFactor) renamed = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found_retired = FALSE;

  g_assert_cmpint (run_limber (&out, &err, "factors", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pain-medication  Pain medication"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "factors", "add", "Foam roller", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Added “Foam roller”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Twice is refused. */
  g_assert_cmpint (run_limber (&out, &err, "factors", "add", "foam roller", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--did", "foam roller", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "factors", "rename", "Foam roller", "Roller", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Renamed “Foam roller” to “Roller”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "factors", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nRoller "));
  g_assert_null (strstr (out, "Foam roller"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  journal = open_test_journal ();
  renamed = limber_journal_find_factor (journal, "roller", &error);
  g_assert_no_error (error);
  g_assert_nonnull (renamed);

  g_assert_cmpint (run_limber (&out, &err, "factors", "retire", "roller", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Retired “Roller”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Retired: not listed, not taken by log, listed with --all, and its
   * day kept. */
  g_assert_cmpint (run_limber (&out, &err, "factors", NULL), ==, 0);
  g_assert_null (strstr (out, "Roller"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "factors", "--all", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nRoller "));
  g_assert_nonnull (strstr (out, "retired"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--did", "roller", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“roller” is not a factor"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  factors = limber_journal_list_factors (journal, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      if (g_str_equal (factor->uuid, renamed->uuid))
        {
          g_assert_true (factor->retired);
          g_assert_cmpstr (factor->name, ==, "Roller");
          found_retired = TRUE;
        }
    }
  g_assert_true (found_retired);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (day_factors);
  {
    gboolean kept = FALSE;

    for (guint i = 0; i < day_factors->len; i++)
      kept |= g_str_equal (((LimberDayFactor *) g_ptr_array_index (day_factors, i))->factor_uuid, renamed->uuid);
    g_assert_true (kept);
  }

  /* Mistakes: status 2. */
  g_assert_cmpint (run_limber (&out, &err, "factors", "retire", "sauna", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "the factors are: heat"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "factors", "remove", "heat", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "factors", "rename", "heat", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "factors", "add", "a,b", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A retired factor can still be taken off a day it was logged on by
   * mistake, and brought back. */
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--not-did", "Roller", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&day_factors, g_ptr_array_unref);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < day_factors->len; i++)
    g_assert_cmpstr (((LimberDayFactor *) g_ptr_array_index (day_factors, i))->factor_uuid, !=, renamed->uuid);
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--not-did", "sauna", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--not-did: “sauna” is not a factor"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--did", "heat", "--not-did", "Heat", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“heat” is given both as done (--did) and as not done (--not-did)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "factors", "restore", "sauna", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no retired factor is called “sauna”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "factors", "restore", "ROLLER", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "“Roller” is offered again"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "log", "3", "--did", "roller", NULL), ==, 0);
}

static void
test_change (void)
{
  g_autofree char *day = today ();
  g_autofree char *earlier = limber_day_add (day, -10);
  g_autofree char *tomorrow = future_day ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  LimberLifeChange *change;

  g_assert_cmpint (run_limber (&out, &err, "change", "new chair", "--date", earlier, NULL), ==, 0);
  expected = g_strdup_printf ("Noted “new chair” on %s.\n", earlier);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_limber (&out, &err, "change", "laptop", "stand", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Mistakes: no text, a date that is not one, a day to come. */
  g_assert_cmpint (run_limber (&out, &err, "change", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "change", "pillow", "--date", "2026-13-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--date"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "change", "pillow", "--date", tomorrow, NULL), ==, 2);

  journal = open_test_journal ();
  changes = limber_journal_list_life_changes (journal, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->day, ==, earlier);
  g_assert_cmpstr (change->text, ==, "new chair");
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->day, ==, day);
  g_assert_cmpstr (change->text, ==, "laptop stand");

  /* `limber journal` lists them with their days. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_limber (&out, &err, "journal", NULL), ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\nChanges:\n  %s  new chair\n  %s  laptop stand\n", earlier, day);
  g_assert_nonnull (strstr (out, expected));
}

/* `limber trend` ends with what helps: sixteen days, heat with pain 2 on
 * every other one and pain 5 on the rest, give those means with their day
 * counts and the next day's, and the factors never done are listed as
 * needing days, not hidden. */
static void
test_trend_what_helps (void)
{
  g_autofree char *home = g_dir_make_tmp ("limber-cli-data-XXXXXX", NULL);
  g_autofree char *saved = use_data_home (home);
  g_autofree char *day = today ();
  g_autofree char *out = NULL, *err = NULL;
  const char *helps;

  for (int i = 16; i >= 1; i--)
    {
      g_autofree char *when = limber_day_add (day, -i);
      g_autofree char *log_out = NULL, *log_err = NULL;

      if (i % 2 == 0)
        g_assert_cmpint (run_limber (&log_out, &log_err, "log", "2", "--date", when, "--did", "heat", NULL), ==, 0);
      else
        g_assert_cmpint (run_limber (&log_out, &log_err, "log", "5", "--date", when, NULL), ==, 0);
      g_assert_cmpstr (log_err, ==, "");
    }

  g_assert_cmpint (run_limber (&out, &err, "trend", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  helps = strstr (out, "\nWhat helps you (last 12 weeks)\n");
  g_assert_nonnull (helps);
  /* After the weekly table and the insight on breaks. */
  g_assert_true (g_str_has_prefix (out, "Week of"));
  assert_contains (helps, "on the 8 days with “Heat”, your pain averaged 2.0 out of 10. "
                          "On the 8 days without it, it averaged 5.0.");
  /* The day after each heat day had pain 5; after the others, 2 (today,
   * without an entry, is no next day). */
  assert_contains (helps, "On the 8 days after a day with it, your pain averaged 5.0. "
                          "On the 7 days after a day without it, it averaged 2.0.");
  assert_contains (helps, "This is a pattern, not proof");
  assert_contains (helps, "\nNot enough days yet:\n");
  assert_contains (helps, "Not enough days yet for “Cold”: Limber needs at least 7 more days with it and a pain entry.\n");
  assert_contains (helps, "Not enough days yet for “Walk or other exercise”");
  g_assert_null (strstr (helps, "Not enough days yet for “Heat”"));

  restore_data_home (g_steal_pointer (&saved));
  limber_test_remove_tree (home);
}

/* `limber setup`, with settings kept in a file of its own: a bad value
 * exits 2, names the valid ones and writes nothing; good ones are written,
 * the autostart file too, and said. */
static int
run_setup (const char *config_home,
           char      **out,
           char      **err,
           ...)
{
  g_autofree char *config_env = g_strdup_printf ("XDG_CONFIG_HOME=%s", config_home);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "env");
  g_ptr_array_add (argv, (gpointer) "GSETTINGS_BACKEND=keyfile");
  g_ptr_array_add (argv, (gpointer) "LIMBER_USE_PORTALS=0");
  g_ptr_array_add (argv, config_env);
  g_ptr_array_add (argv, (gpointer) LIMBER_EXE);
  g_ptr_array_add (argv, (gpointer) "setup");
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return limber_test_run ((const char * const *) argv->pdata, no_display, out, err);
}

static void
test_setup (void)
{
  g_autofree char *config = g_dir_make_tmp ("limber-cli-config-XXXXXX", NULL);
  g_autofree char *keyfile_path = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *autostart = g_build_filename (config, "autostart", APP_ID ".desktop", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;
  const char *group = "io/github/limberapp/Limber";

  /* Each bad value, with good ones beside it: nothing is written. */
  g_assert_cmpint (run_setup (config, &out, &err, "--preset", "brisk", "--regions", "neck", "--autostart", NULL), ==, 2);
  assert_contains (err, "--preset");
  assert_contains (err, "gentle, balanced, frequent, keep");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_setup (config, &out, &err, "--preset", "gentle", "--regions", "neck,knee", NULL), ==, 2);
  assert_contains (err, "“knee”");
  assert_contains (err, "mid-back");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_setup (config, &out, &err, "--log-time", "25:00", "--autostart", NULL), ==, 2);
  assert_contains (err, "--log-time");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_setup (config, &out, &err, "--autostart", "--no-autostart", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (keyfile_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  /* Alone, it lists the choices and changes nothing. */
  g_assert_cmpint (run_setup (config, &out, &err, NULL), ==, 0);
  assert_contains (out, "balanced");
  assert_contains (out, "between-shoulder-blades");
  g_assert_false (g_file_test (keyfile_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_setup (config, &out, &err, "--preset", "balanced", "--regions", "neck,mid-back",
                              "--log-time", "19:30", "--autostart", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_contains (out, "Break rhythm “balanced”: A micro-break of 45 seconds every 25 minutes of work");
  assert_contains (out, "Where it hurts: Neck, Mid back\n");
  assert_contains (out, "Daily pain-log reminder: at 19:30\n");
  assert_contains (out, "Start at login: on\n");
  g_assert_true (g_file_test (autostart, G_FILE_TEST_EXISTS));

  g_assert_true (g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  value = g_key_file_get_value (keyfile, group, "micro-break-interval", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "1500");
  g_clear_pointer (&value, g_free);
  value = g_key_file_get_value (keyfile, group, "pain-regions", &error);
  g_assert_cmpstr (value, ==, "['neck', 'mid-back']");
  g_clear_pointer (&value, g_free);
  value = g_key_file_get_value (keyfile, group, "pain-reminder-time", &error);
  g_assert_cmpstr (value, ==, "1170");
  g_clear_pointer (&value, g_free);
  value = g_key_file_get_value (keyfile, "io/github/limberapp/Limber-state", "setup-done", &error);
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);
  /* Only what was chosen. */
  g_assert_false (g_key_file_has_key (keyfile, group, "strict-mode", NULL));
  g_assert_false (g_key_file_has_key (keyfile, group, "micro-break-enabled", NULL));

  /* Turned off again, the autostart file goes. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_setup (config, &out, &err, "--no-autostart", "--log-time", "none", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Daily pain-log reminder: off\nStart at login: off\n");
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));

  limber_test_remove_tree (config);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/command-help", test_command_help);
  g_test_add_func ("/cli/commands-load-no-gtk", test_commands_load_no_gtk);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/window-without-display", test_window_without_display);
  g_test_add_func ("/cli/status-not-running", test_status_not_running);
  g_test_add_func ("/cli/background-then-status", test_background_then_status);
  g_test_add_func ("/cli/log-and-journal", test_log_and_journal);
  g_test_add_func ("/cli/log-bad-arguments", test_log_bad_arguments);
  g_test_add_func ("/cli/log-without-worst", test_log_without_worst);
  g_test_add_func ("/cli/table-widths", test_table_widths);
  g_test_add_func ("/cli/journal-table", test_journal_table);
  g_test_add_func ("/cli/store-error", test_store_error);
  g_test_add_func ("/cli/export-import", test_export_import);
  g_test_add_func ("/cli/break-commands-without-daemon", test_break_commands_without_daemon);
  g_test_add_func ("/cli/break-commands", test_break_commands);
  g_test_add_func ("/cli/break-status-and-end", test_break_status_and_end);
  g_test_add_func ("/cli/break-end-strict", test_break_end_strict);
  g_test_add_func ("/cli/format", test_format);
  g_test_add_func ("/cli/parse-duration", test_parse_duration);
  g_test_add_func ("/cli/stretch", test_stretch);
  g_test_add_func ("/cli/trend", test_trend);
  g_test_add_func ("/cli/note-encoding", test_note_encoding);
  g_test_add_func ("/cli/export-targets", test_export_targets);
  g_test_add_func ("/cli/journal-modes", test_journal_modes);
  g_test_add_func ("/cli/journal-not-a-file", test_journal_not_a_file);
  g_test_add_func ("/cli/read-without-journal", test_read_without_journal);

  g_test_add_func ("/cli/log-day-starts-at-set-hour", test_log_day_starts_at_set_hour);
  g_test_add_func ("/cli/log-factors", test_log_factors);
  g_test_add_func ("/cli/log-factor-errors", test_log_factor_errors);
  g_test_add_func ("/cli/factors", test_factors_command);
  g_test_add_func ("/cli/change", test_change);
  g_test_add_func ("/cli/trend-what-helps", test_trend_what_helps);
  g_test_add_func ("/cli/setup", test_setup);

  return g_test_run ();
}
