/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-report.h"
#include "limber-journal-factors.h"
#include "limber-journal-keeper.h"
#include "limber-journal-private.h"
#include "limber-trend.h"

/* Ten years of journal (3,650 pain entries, 200,000 break events, 20,000
 * stretch sessions, and ten factors done on random days, always the same
 * ones) on a real file: how long opening, one insert, the 12-week per-day
 * aggregate, the 12-week trend (days, weeks, rolling mean and insight)
 * and the 12-week "what helps you" (read and computed) take. Run it with:
 *
 *   build/bench/bench-journal [DIR]
 *
 * DIR (default: a new temporary folder) keeps the journal for later runs.
 */

#define YEARS          10
#define BREAK_EVENTS   200000
#define STRETCHES      20000
#define INSERT_SAMPLES 400
#define SUMMARY_RUNS   300
#define FACTOR_RUNS    50
#define FACTOR_SEED    15

static void
fill (LimberJournal *journal,
      GDateTime     *now)
{
  g_autoptr (GError) error = NULL;
  int n_days = YEARS * 365;
  gint64 start_us = g_get_monotonic_time ();

  g_assert_true (limber_journal_begin (journal, &error));
  for (int i = 0; i < n_days; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_days (now, -i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberPainEntry entry = { .average = g_random_int_range (0, 8), .regions = 1,
                                .created_utc = g_date_time_to_unix (when), .updated_utc = g_date_time_to_unix (when) };

      entry.worst = entry.average + g_random_int_range (0, 3);
      entry.activity = LIMBER_PAIN_SCORE_UNSET;
      entry.enjoyment = LIMBER_PAIN_SCORE_UNSET;
      g_strlcpy (entry.day, day, sizeof entry.day);
      g_strlcpy (entry.uuid, uuid, sizeof entry.uuid);
      g_assert_true (limber_journal_write_pain_entry (journal, &entry, &error));
    }

  for (int i = 0; i < BREAK_EVENTS; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_seconds (now, -(double) i * (n_days * 86400.0 / BREAK_EVENTS));
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *uuid = g_uuid_string_random ();
      LimberBreakEvent event = { .kind = i % 3 == 0 ? LIMBER_BREAK_KIND_REST : LIMBER_BREAK_KIND_MICRO,
                                 .outcome = g_random_int_range (0, 5),
                                 .due_utc = g_date_time_to_unix (when),
                                 .end_utc = g_date_time_to_unix (when) + 45,
                                 .duration_s = 45 };

      g_strlcpy (event.day, day, sizeof event.day);
      g_strlcpy (event.uuid, uuid, sizeof event.uuid);
      g_assert_true (limber_journal_write_break_event (journal, &event, &error));
    }

  for (int i = 0; i < STRETCHES; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_seconds (now, -(double) i * (n_days * 86400.0 / STRETCHES));
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
  g_assert_true (limber_journal_commit (journal, &error));

  g_print ("  filled in %.1f s\n", (g_get_monotonic_time () - start_us) / 1e6);
}

/* Nine built-ins and one of the person's own, each done on a day with its
 * own odds, from one day in twenty to one in two. A journal filled before
 * it had factors gets them on its next run. */
static void
fill_factors (LimberJournal *journal,
              GDateTime     *now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (FACTOR_SEED);
  g_autoptr (LimberFactor) own = limber_journal_add_factor (journal, "Stretch band", now, &error);
  g_autoptr (GPtrArray) factors = NULL;
  gint64 start_us = g_get_monotonic_time ();
  int n_days = YEARS * 365;
  sqlite3_stmt *statement;

  g_assert_no_error (error);
  factors = limber_journal_list_factors (journal, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (factors->len, ==, 10);

  g_assert_true (limber_journal_begin (journal, &error));
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

  g_print ("  factors filled in %.1f s\n", (g_get_monotonic_time () - start_us) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("limber-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *twelve_weeks_ago = limber_day_add (today, -83);
  g_autoptr (GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) check_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) break_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) entry_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) summary_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) trend_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) factor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st;

  g_assert_no_error (error);
  g_print ("Journal benchmark, %s\n", path);

  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  if (limber_journal_count (journal, "break_event", NULL) < BREAK_EVENTS)
    fill (journal, now);
  if (limber_journal_count (journal, "day_factor", NULL) == 0)
    fill_factors (journal, now);
  g_print ("  %" G_GINT64_FORMAT " pain entries, %" G_GINT64_FORMAT " break events, %" G_GINT64_FORMAT " stretch sessions, "
           "%" G_GINT64_FORMAT " factors done on days\n",
           limber_journal_count (journal, "pain_entry", NULL),
           limber_journal_count (journal, "break_event", NULL),
           limber_journal_count (journal, "stretch_session", NULL),
           limber_journal_count (journal, "day_factor", NULL));
  g_clear_object (&journal);

  /* Opening is SQLite's open and a look at the schema's version; the
   * keeper's quick_check, which every open ran before, is timed apart
   * beside it: the daemon runs it once a day. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (LimberJournal) checked = limber_journal_open (path, &error);
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      g_assert_no_error (error);
      g_assert_true (limber_journal_keeper_check (checked, &error));
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (check_ms, ms);
    }

  for (int i = 0; i < 10; i++)
    {
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      journal = limber_journal_open (path, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (open_ms, ms);
      if (i < 9)
        g_clear_object (&journal);
    }

  /* An insert as the daemon makes it: one row, one transaction, synced. */
  for (int i = 0; i < INSERT_SAMPLES; i++)
    {
      LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
                                 .due_utc = g_date_time_to_unix (now), .end_utc = g_date_time_to_unix (now) + 45,
                                 .duration_s = 45 };
      gint64 start_us;
      double ms;

      g_strlcpy (event.day, today, sizeof event.day);
      start_us = g_get_monotonic_time ();
      g_assert_true (limber_journal_add_break_event (journal, &event, &error));
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (break_ms, ms);
    }

  /* Saving a day's entry as the window does: read, then write. */
  for (int i = 0; i < INSERT_SAMPLES; i++)
    {
      g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (today);
      gint64 start_us;
      double ms;

      entry->average = i % 11;
      start_us = g_get_monotonic_time ();
      g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_array_append_val (entry_ms, ms);
    }

  for (int i = 0; i < SUMMARY_RUNS; i++)
    {
      g_autoptr (GArray) days = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      days = limber_journal_summarize_days (journal, twelve_weeks_ago, today, &error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (days->len, ==, 84);
      g_array_append_val (summary_ms, ms);
    }

  for (int i = 0; i < SUMMARY_RUNS; i++)
    {
      g_autoptr (LimberTrend) trend = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      trend = limber_trend_compute (journal, today, 12, 1, &error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (trend->weeks->len, ==, 12);
      g_array_append_val (trend_ms, ms);
    }

  /* "What helps you" as `limber trend` and the Trends page get it: the
   * factors, the days' pain and factors read, then the computation. */
  for (int i = 0; i < FACTOR_RUNS; i++)
    {
      g_autoptr (LimberFactorInsight) insight = NULL;
      g_autoptr (GPtrArray) factors = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      insight = limber_journal_compute_factor_insight (journal, today, &factors, &error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (insight->n_factors, ==, 10);
      g_assert_cmpuint (insight->factors[0].with.n_days + insight->factors[0].without.n_days, >, 0);
      g_array_append_val (factor_ms, ms);
    }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_print ("  file size %.1f MiB\n", st.st_size / 1048576.0);
  limber_bench_report ("open", open_ms, 0);
  limber_bench_report ("quick_check (the keeper's, once a day)", check_ms, 0);
  limber_bench_report ("insert a break event", break_ms, 2);
  limber_bench_report ("save a day's pain entry", entry_ms, 2);
  limber_bench_report ("12-week per-day aggregate", summary_ms, 5);
  limber_bench_report ("12-week trend with insight", trend_ms, 5);
  limber_bench_report ("12-week \"what helps you\", read and computed", factor_ms, 10);

  return 0;
}
