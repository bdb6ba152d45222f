/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-data-home.h"
#include "bench-report.h"
#include "limber-journal-factors.h"
#include "limber-journal-private.h"
#include "limber-sync.h"

/* Sync through a shared folder with ten years of history (the sizes of
 * bench-journal: 3,650 pain entries, 200,000 break events, 20,000 stretch
 * sessions, factors done on random days): one computer writes it all
 * out, then, in the same run,
 *
 *   - another computer with an empty journal merges all of it, in a
 *     process of its own for its peak memory (budget 3 s, 100 MiB),
 *     three times over on this shared machine, each into a new journal,
 *     with the median, the fastest and the slowest;
 *   - one new change of the first computer is merged by the second
 *     (median of 50, budget 10 ms);
 *   - for reference, limber_journal_import() of the same history's JSON
 *     export into an empty journal, in a process of its own too.
 *
 *   build/bench/bench-sync [DIR]
 *
 * DIR (default: a new temporary folder) is where the journals and the
 * folder are made; it is removed at the end when it was made here. Run
 * again on the same DIR, only the one new change is measured again. */

#define YEARS        10
#define BREAK_EVENTS 200000
#define STRETCHES    20000
#define ONE_CHANGE_RUNS 50
#define MERGE_RUNS   3
#define FACTOR_SEED  15

#define PEAK_LINE "peak RSS KiB: "

#define MERGE_BUDGET_S    3.0
#define MERGE_BUDGET_MIB  100.0

static void
fill (LimberJournal *journal,
      GDateTime     *now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (FACTOR_SEED);
  g_autoptr (LimberFactor) own = limber_journal_add_factor (journal, "Stretch band", now, &error);
  g_autoptr (GPtrArray) factors = NULL;
  int n_days = YEARS * 365;
  sqlite3_stmt *statement;

  g_assert_no_error (error);
  factors = limber_journal_list_factors (journal, TRUE, &error);
  g_assert_no_error (error);

  g_assert_true (limber_journal_begin (journal, &error));
  for (int i = 0; i < n_days; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_days (now, -i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberPainEntry entry = { .average = g_rand_int_range (rand, 0, 8), .regions = 1,
                                .created_utc = g_date_time_to_unix (when), .updated_utc = g_date_time_to_unix (when) };

      entry.worst = entry.average + g_rand_int_range (rand, 0, 3);
      entry.activity = LIMBER_PAIN_SCORE_UNSET;
      entry.enjoyment = LIMBER_PAIN_SCORE_UNSET;
      g_strlcpy (entry.day, day, sizeof entry.day);
      g_strlcpy (entry.uuid, uuid, sizeof entry.uuid);
      g_assert_true (limber_journal_write_pain_entry (journal, &entry, &error));
    }

  for (int i = 0; i < BREAK_EVENTS; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_seconds (now, -(double) i * (n_days * 86400.0 / BREAK_EVENTS) - 60);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberBreakEvent event = { .kind = i % 3 == 0 ? LIMBER_BREAK_KIND_REST : LIMBER_BREAK_KIND_MICRO,
                                 .outcome = g_rand_int_range (rand, 0, 5),
                                 .due_utc = g_date_time_to_unix (when),
                                 .end_utc = g_date_time_to_unix (when) + 45,
                                 .duration_s = 45 };

      g_strlcpy (event.day, day, sizeof event.day);
      g_strlcpy (event.uuid, uuid, sizeof event.uuid);
      g_assert_true (limber_journal_write_break_event (journal, &event, &error));
    }

  for (int i = 0; i < STRETCHES; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_seconds (now, -(double) i * (n_days * 86400.0 / STRETCHES) - 120);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberStretchSession session = { .activity_id = (char *) "desk-reset",
                                       .start_utc = g_date_time_to_unix (when),
                                       .end_utc = g_date_time_to_unix (when) + 60,
                                       .seconds_done = 60, .completed = TRUE,
                                       .pain_before = LIMBER_PAIN_SCORE_UNSET,
                                       .pain_after = LIMBER_PAIN_SCORE_UNSET };

      g_strlcpy (session.day, day, sizeof session.day);
      g_strlcpy (session.uuid, uuid, sizeof session.uuid);
      g_assert_true (limber_journal_write_stretch_session (journal, &session, &error));
    }

  /* Each factor done on a day with its own odds, as in bench-journal. */
  statement = limber_journal_statement (journal,
    "INSERT INTO day_factor (uuid, day, factor_uuid, created_utc, created_offset_s, updated_utc, updated_offset_s) "
    "VALUES (?1, ?2, ?3, ?4, 0, ?4, 0)", &error);
  g_assert_no_error (error);
  for (int i = 0; i < n_days; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_days (now, -i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");

      for (guint f = 0; f < factors->len; f++)
        {
          g_autofree char *uuid = NULL;

          if (g_rand_double (rand) >= 0.05 + 0.05 * f)
            continue;
          uuid = g_uuid_string_random ();
          sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (statement, 2, day, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (statement, 3, ((LimberFactor *) g_ptr_array_index (factors, f))->uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (statement, 4, g_date_time_to_unix (when));
          g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
          sqlite3_reset (statement);
        }
    }
  g_assert_true (limber_journal_commit (journal, &error));
}

static LimberJournal *
open_journal (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, "journal.db", NULL);
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  return journal;
}

static void
sync_pass (LimberJournal *journal,
           const char    *machine,
           const char    *folder,
           GDateTime     *now)
{
  g_auto (LimberSyncReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  gboolean ran;

  g_setenv ("LIMBER_MACHINE_ID", machine, TRUE);
  limber_sync_report_init (&report);
  ran = limber_sync_run (journal, folder, now, &report, &error);
  g_assert_no_error (error);
  g_assert_true (ran);
  g_assert_false (report.paused);
  g_assert_cmpuint (report.damaged->len, ==, 0);
  g_assert_cmpuint (report.waiting, ==, 0);
}

/* Runs this program again as `bench-sync --MODE DIR FOLDER NAME`, a
 * process of its own with nothing of this one in its memory; returns its
 * wall time in seconds, and in @rss_mib its peak resident memory in MiB,
 * as it says it (a process forked from this one would count this one's
 * memory as its own until it runs the program). What earlier steps wrote
 * is on disk first, so as not to be counted. */
static double
in_child (const char *mode,
          const char *dir,
          const char *folder,
          const char *name,
          double     *rss_mib)
{
  const char *argv[] = { "/proc/self/exe", mode, dir, folder, name, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start_us;
  const char *peak;
  int status;

  sync ();
  start_us = g_get_monotonic_time ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  peak = strstr (out, PEAK_LINE);
  g_assert_nonnull (peak);
  *rss_mib = g_ascii_strtod (peak + strlen (PEAK_LINE), NULL) / 1024.0;
  return (g_get_monotonic_time () - start_us) / 1e6;
}

/* Says this process's peak resident memory, in KiB, for in_child(). */
static void
say_peak (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  g_print ("%s%" G_GINT64_FORMAT "\n", PEAK_LINE, g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10));
}

#define EXPORT_NAME "export.json"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The devices that have a folder in the sync folder @folder. */
static GStrv
folder_devices (const char *folder)
{
  g_autofree char *limber_dir = g_build_filename (folder, "limber", NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GDir) d = g_dir_open (limber_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_strv_builder_add (builder, name);
  return g_strv_builder_end (builder);
}

/* Removes the devices' folders made in @folder since @before. */
static void
remove_devices_since (const char         *folder,
                      const char * const *before)
{
  g_auto (GStrv) now = folder_devices (folder);

  for (guint i = 0; now[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_strv_contains (before, now[i]))
        continue;
      path = g_build_filename (folder, "limber", now[i], NULL);
      limber_bench_remove_folder (path);
    }
}

/* Another computer with an empty journal, in @dir's folder @name,
 * merges all the folder holds. */
static void
merge_all (const char *dir,
           const char *folder,
           const char *name)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (LimberJournal) journal = open_journal (dir, name);

  sync_pass (journal, "bench-second", folder, now);
  say_peak ();
  g_assert_cmpint (limber_journal_count (journal, "break_event", NULL), ==, BREAK_EVENTS);
}

/* The reference: the same history imported from its JSON export, read
 * from its file as `limber import` reads it. */
static void
import_all (const char *dir)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (LimberJournal) journal = open_journal (dir, "reference");
  g_autofree char *path = g_build_filename (dir, EXPORT_NAME, NULL);
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr (GBytes) export = NULL;
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts = { 0 };

  g_assert_nonnull (file);
  export = g_mapped_file_get_bytes (file);
  g_assert_true (limber_journal_import (journal, LIMBER_JOURNAL_FORMAT_JSON, export, now, &counts, &error));
  g_assert_no_error (error);
  say_peak ();
  g_assert_cmpint (limber_journal_count (journal, "break_event", NULL), ==, BREAK_EVENTS);
}

static int
run (const char *given_dir)
{
  g_autoptr (GError) error = NULL;
  gboolean made = given_dir == NULL;
  g_autofree char *dir = made ? g_dir_make_tmp ("limber-bench-sync-XXXXXX", &error) : g_strdup (given_dir);
  g_autofree char *folder = g_build_filename (dir, "Sync", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (LimberJournal) first = NULL;
  g_autoptr (LimberJournal) second = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GArray) one_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GBytes) export = NULL;
  g_autofree char *export_path = NULL;
  double merge_s[MERGE_RUNS];
  double merge_mib = 0, import_s, import_mib;
  gint64 start_us;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_print ("Sync benchmark, %s\n", dir);
  export_path = g_build_filename (dir, EXPORT_NAME, NULL);

  first = open_journal (dir, "first");
  if (limber_journal_count (first, "break_event", NULL) >= BREAK_EVENTS)
    {
      /* A run before filled DIR: only one new change is measured again. */
      g_print ("  reusing the journals and the folder of a run before\n");
      second = open_journal (dir, "second");
      goto one_change;
    }
  start_us = g_get_monotonic_time ();
  fill (first, now);
  g_print ("  filled ten years in %.1f s: %" G_GINT64_FORMAT " pain entries, %" G_GINT64_FORMAT " break events, "
           "%" G_GINT64_FORMAT " stretch sessions, %" G_GINT64_FORMAT " factors done on days\n",
           (g_get_monotonic_time () - start_us) / 1e6,
           limber_journal_count (first, "pain_entry", NULL), limber_journal_count (first, "break_event", NULL),
           limber_journal_count (first, "stretch_session", NULL), limber_journal_count (first, "day_factor", NULL));

  start_us = g_get_monotonic_time ();
  sync_pass (first, "bench-first", folder, now);
  g_print ("  first pass, writing all of it to the folder: %.2f s\n", (g_get_monotonic_time () - start_us) / 1e6);

  stream = g_memory_output_stream_new_resizable ();
  g_assert_true (limber_journal_export (first, LIMBER_JOURNAL_FORMAT_JSON, stream, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  export = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_file_set_contents (export_path, g_bytes_get_data (export, NULL), g_bytes_get_size (export),
                                      &error));

  for (int i = 0; i < MERGE_RUNS; i++)
    {
      /* The last merge's journal is the second computer's from here on;
       * the others are removed again, and so are their folders. */
      gboolean last = i == MERGE_RUNS - 1;
      g_autofree char *name = last ? g_strdup ("second") : g_strdup_printf ("merge-%d", i + 1);
      g_auto (GStrv) before = folder_devices (folder);
      double mib;

      merge_s[i] = in_child ("--merge", dir, folder, name, &mib);
      merge_mib = MAX (merge_mib, mib);
      if (!last)
        {
          g_autofree char *journal_dir = g_build_filename (dir, name, NULL);

          limber_bench_remove_folder (journal_dir);
          remove_devices_since (folder, (const char * const *) before);
        }
    }
  import_s = in_child ("--import", dir, folder, NULL, &import_mib);

  qsort (merge_s, MERGE_RUNS, sizeof merge_s[0], compare_doubles);
  g_print ("  merge ten years from another computer, %d times, each into a new journal:\n"
           "    median %.2f s, fastest %.2f s, slowest %.2f s; peak RSS %.1f MiB (budget %.0f s, %.0f MiB)%s\n",
           MERGE_RUNS, merge_s[MERGE_RUNS / 2], merge_s[0], merge_s[MERGE_RUNS - 1], merge_mib,
           MERGE_BUDGET_S, MERGE_BUDGET_MIB,
           merge_s[MERGE_RUNS / 2] > MERGE_BUDGET_S || merge_mib > MERGE_BUDGET_MIB ? "  OVER BUDGET" : "");
  g_print ("  reference, import of the same history's JSON export (%.1f MiB): %.2f s, peak RSS %.1f MiB\n",
           g_bytes_get_size (export) / 1048576.0, import_s, import_mib);

  /* One new change at a time: the first computer edits today's entry and
   * writes it out; the second merges it. Both journals as they are. */
  second = open_journal (dir, "second");
one_change:
  for (int i = 0; i < ONE_CHANGE_RUNS; i++)
    {
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      g_autoptr (LimberPainEntry) entry = limber_journal_get_pain_entry (first, today, &error);
      g_autoptr (GDateTime) when = NULL;
      double ms;

      g_assert_no_error (error);
      if (entry == NULL)
        entry = limber_pain_entry_new (today);
      /* A second after the last edit, so that each edit is newer, on a
       * journal of a run before too. */
      when = g_date_time_new_from_unix_local (MAX (g_date_time_to_unix (now), entry->updated_utc) + 1);
      entry->average = i % 11;
      entry->worst = 10;
      g_assert_true (limber_journal_save_pain_entry (first, entry, when, &error));
      g_assert_no_error (error);
      sync_pass (first, "bench-first", folder, when);

      start_us = g_get_monotonic_time ();
      sync_pass (second, "bench-second", folder, when);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (one_ms, ms);

      {
        g_autoptr (LimberPainEntry) merged = limber_journal_get_pain_entry (second, today, &error);

        g_assert_no_error (error);
        g_assert_cmpint (merged->average, ==, i % 11);
      }
    }

  limber_bench_report ("merge one new change from another computer (a whole pass)", one_ms, 10);

  g_clear_object (&first);
  g_clear_object (&second);
  if (made)
    limber_bench_remove_folder (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  /* The measured work, run again by in_child(). */
  if (argc == 5 && g_str_equal (argv[1], "--merge"))
    merge_all (argv[2], argv[3], argv[4]);
  else if (argc == 4 && g_str_equal (argv[1], "--import"))
    import_all (argv[2]);
  else
    return run (argc > 1 ? argv[1] : NULL);
  return 0;
}
