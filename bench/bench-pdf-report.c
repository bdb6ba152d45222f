/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-report.h"
#include "limber-journal.h"
#include "limber-report.h"
#include "limber-trend.h"

/* How long a 12-week PDF report takes out of ten years of journal: read,
 * laid out in pages and written, beside the 12-week trend computation it
 * is made from. Make the journal first, then run:
 *
 *   build/bench/bench-journal DIR
 *   build/bench/bench-pdf-report DIR
 */

#define RUNS 21

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *out_dir = NULL, *out = NULL, *week = NULL, *first = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GArray) trend_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  LimberBenchFigures figures;

  if (argc > 1)
    path = g_build_filename (argv[1], "journal.db", NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("No DIR/journal.db: make one first with bench-journal DIR, then run bench-pdf-report DIR\n");
      return 2;
    }

  g_print ("PDF report benchmark, %s\n", path);
  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  out_dir = g_dir_make_tmp ("bench-pdf-report-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (out_dir, "report.pdf", NULL);
  week = limber_trend_week_start (today, 1);
  first = limber_day_add (week, -7 * 11);

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr (LimberTrend) trend = NULL;
      g_autoptr (LimberReport) report = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      trend = limber_trend_compute (journal, today, 12, 1, &error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (trend_ms, ms);

      start_us = g_get_monotonic_time ();
      report = limber_report_new (journal, first, today, TRUE, 1, &error);
      g_assert_no_error (error);
      g_assert_true (limber_report_write_pdf (report, out, &error));
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (limber_report_get_n_pages (report), >=, 1);
      g_array_append_val (report_ms, ms);
    }

  g_unlink (out);
  g_rmdir (out_dir);
  limber_bench_report ("12-week trend (reference)", trend_ms, 5);
  limber_bench_report ("12-week PDF report, with notes", report_ms, 300);
  limber_bench_figures (report_ms, &figures);
  return figures.median_ms <= 300 ? 0 : 1;
}
