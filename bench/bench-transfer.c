/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "limber-journal-private.h"

/* Export and import of a journal far larger than anyone's: how much
 * memory each takes at its peak, beside the memory of only opening the
 * journal and counting its rows, and for import beside the size of the
 * file. Each step runs as a process of its own, so that its peak is its
 * own. Run it with:
 *
 *   build/bench/bench-transfer [EVENTS] [DIR]
 *
 * EVENTS break events (default 1,000,000), with ten years of pain entries
 * and a stretch session for every ten breaks; DIR (default: a new
 * temporary folder) keeps the journals and exports.
 */

#define DEFAULT_EVENTS 1000000
#define PAIN_DAYS      3650

static LimberJournal *
open_at (const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, "journal.db", NULL);
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  if (journal == NULL)
    g_error ("%s", error->message);
  return journal;
}

static void
fill (const char *dir,
      guint       n_events)
{
  g_autoptr (LimberJournal) journal = open_at (dir, "mine");
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 25, 18, 0, 0);
  g_autoptr (GError) error = NULL;
  gint64 now_utc = g_date_time_to_unix (now);
  gint64 span = (gint64) PAIN_DAYS * 86400;

  if (!limber_journal_begin (journal, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < PAIN_DAYS; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_days (now, -(int) i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberPainEntry entry = { .average = (int) (i % 8), .worst = (int) (i % 8) + 1, .regions = 5,
                                .activity = LIMBER_PAIN_SCORE_UNSET, .enjoyment = LIMBER_PAIN_SCORE_UNSET,
                                .note = (char *) "Stiff between the shoulder blades after a long call",
                                .created_utc = g_date_time_to_unix (when), .created_offset_s = 3600,
                                .updated_utc = g_date_time_to_unix (when), .updated_offset_s = 3600 };

      g_strlcpy (entry.day, day, sizeof entry.day);
      g_strlcpy (entry.uuid, uuid, sizeof entry.uuid);
      if (!limber_journal_write_pain_entry (journal, &entry, &error))
        g_error ("%s", error->message);
    }

  for (guint i = 0; i < n_events; i++)
    {
      gint64 due = now_utc - span + (gint64) ((double) i * span / n_events);
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (due);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberBreakEvent event = { .kind = i % 3 == 0 ? LIMBER_BREAK_KIND_REST : LIMBER_BREAK_KIND_MICRO,
                                 .outcome = i % 5, .due_utc = due, .due_offset_s = 3600,
                                 .end_utc = due + 45, .end_offset_s = 3600, .duration_s = 45,
                                 .reminder = i % 4 };

      g_strlcpy (event.day, day, sizeof event.day);
      g_strlcpy (event.uuid, uuid, sizeof event.uuid);
      if (!limber_journal_write_break_event (journal, &event, &error))
        g_error ("%s", error->message);

      if (i % 10 == 0)
        {
          g_autofree char *session_uuid = g_uuid_string_random ();
          LimberStretchSession session = { .activity_id = (char *) "wall-angels",
                                           .start_utc = due + 60, .start_offset_s = 3600,
                                           .end_utc = due + 180, .end_offset_s = 3600,
                                           .seconds_done = 120, .completed = TRUE,
                                           .pain_before = 4, .pain_after = LIMBER_PAIN_SCORE_UNSET };

          g_strlcpy (session.day, day, sizeof session.day);
          g_strlcpy (session.uuid, session_uuid, sizeof session.uuid);
          if (!limber_journal_write_stretch_session (journal, &session, &error))
            g_error ("%s", error->message);
        }
    }

  if (!limber_journal_commit (journal, &error))
    g_error ("%s", error->message);
}

/* The reference: the journal opened and its rows counted, nothing more. */
static void
count (const char *dir)
{
  g_autoptr (LimberJournal) journal = open_at (dir, "mine");
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *statement = limber_journal_statement (journal, "SELECT count (*) FROM break_event", &error);

  if (statement == NULL || sqlite3_step (statement) != SQLITE_ROW)
    g_error ("counting the breaks failed");
  g_print ("%lld\n", (long long) sqlite3_column_int64 (statement, 0));
  sqlite3_reset (statement);
}

static LimberJournalFormat
format_named (const char *name)
{
  return g_str_equal (name, "csv") ? LIMBER_JOURNAL_FORMAT_CSV : LIMBER_JOURNAL_FORMAT_JSON;
}

static void
export (const char *dir,
        const char *format,
        const char *out_path)
{
  g_autoptr (LimberJournal) journal = open_at (dir, "mine");
  g_autoptr (GFile) file = g_file_new_for_path (out_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);

  if (stream == NULL ||
      !limber_journal_export (journal, format_named (format), G_OUTPUT_STREAM (stream), &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    g_error ("%s", error->message);
}

static void
import (const char *dir,
        const char *name,
        const char *format,
        const char *in_path)
{
  g_autoptr (LimberJournal) journal = open_at (dir, name);
  g_autoptr (GFile) file = g_file_new_for_path (in_path);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = limber_journal_load_import (file, &error);
  LimberImportCounts counts;

  if (data == NULL ||
      !limber_journal_import (journal, format_named (format), data, now, &counts, &error))
    g_error ("%s", error->message);
  g_print ("%u added\n", counts.added);
}

/* Runs this program on one step; returns its peak RSS in KiB. */
static long
run_step (const char  *self,
          const char  *what,
          const char **args,
          double      *seconds_out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status;

  g_ptr_array_add (argv, (gpointer) self);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s", error->message);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed", what);

  *seconds_out = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return usage.ru_maxrss;
}

/* An import goes into a journal of its own, empty at every run. */
static void
start_empty (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "rm", "-rf", path, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL))
    g_error ("could not empty %s", path);
}

static double
mib_of_file (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size / (1024.0 * 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *events_text = NULL;
  guint n_events = DEFAULT_EVENTS;
  double seconds, json_mib, csv_mib;
  long reference_kib, kib;

  /* The steps, as the parent runs them. */
  if (argc >= 3 && g_str_equal (argv[1], "--fill"))
    return fill (argv[2], (guint) atoi (argv[3])), 0;
  if (argc >= 3 && g_str_equal (argv[1], "--count"))
    return count (argv[2]), 0;
  if (argc >= 5 && g_str_equal (argv[1], "--export"))
    return export (argv[2], argv[3], argv[4]), 0;
  if (argc >= 6 && g_str_equal (argv[1], "--import"))
    return import (argv[2], argv[3], argv[4], argv[5]), 0;

  if (argc > 1)
    n_events = (guint) atoi (argv[1]);
  if (argc > 2)
    dir = g_strdup (argv[2]);
  else
    dir = g_dir_make_tmp ("limber-bench-transfer-XXXXXX", NULL);
  g_assert_nonnull (dir);
  json = g_build_filename (dir, "export.json", NULL);
  csv = g_build_filename (dir, "export.csv", NULL);
  events_text = g_strdup_printf ("%u", n_events);

  g_print ("Export and import of a journal with %u break events, %d pain entries and %u stretch sessions, in %s\n\n",
           n_events, PAIN_DAYS, (n_events + 9) / 10, dir);

  {
    g_autofree char *journal = g_build_filename (dir, "mine", "journal.db", NULL);

    if (!g_file_test (journal, G_FILE_TEST_EXISTS))
      {
        const char *fill_args[] = { "--fill", dir, events_text, NULL };

        run_step (argv[0], "filling", fill_args, &seconds);
        g_print ("filled in %.1f s\n\n", seconds);
      }
  }

  g_print ("| step | time | peak RSS | file | peak RSS / file |\n|---|---|---|---|---|\n");
  {
    const char *args[] = { "--count", dir, NULL };

    reference_kib = run_step (argv[0], "counting", args, &seconds);
    g_print ("| open and count the rows (reference) | %.2f s | %.1f MiB | | |\n", seconds, reference_kib / 1024.0);
  }
  {
    const char *args[] = { "--export", dir, "json", json, NULL };

    kib = run_step (argv[0], "exporting JSON", args, &seconds);
    json_mib = mib_of_file (json);
    g_print ("| export JSON | %.2f s | %.1f MiB | %.1f MiB | |\n", seconds, kib / 1024.0, json_mib);
  }
  {
    const char *args[] = { "--export", dir, "csv", csv, NULL };

    kib = run_step (argv[0], "exporting CSV", args, &seconds);
    csv_mib = mib_of_file (csv);
    g_print ("| export CSV | %.2f s | %.1f MiB | %.1f MiB | |\n", seconds, kib / 1024.0, csv_mib);
  }
  {
    const char *args[] = { "--import", dir, "from-json", "json", json, NULL };

    start_empty (dir, "from-json");
    kib = run_step (argv[0], "importing JSON", args, &seconds);
    g_print ("| import the JSON export | %.2f s | %.1f MiB | %.1f MiB | %.2f |\n",
             seconds, kib / 1024.0, json_mib, kib / 1024.0 / json_mib);
  }
  {
    const char *args[] = { "--import", dir, "from-csv", "csv", csv, NULL };

    start_empty (dir, "from-csv");
    kib = run_step (argv[0], "importing CSV", args, &seconds);
    g_print ("| import the CSV export | %.2f s | %.1f MiB | %.1f MiB | %.2f |\n",
             seconds, kib / 1024.0, csv_mib, kib / 1024.0 / csv_mib);
  }
  return 0;
}
