/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-report.h"
#include "limber-journal.h"
#include "limber-trend-chart.h"
#include "limber-trend-export.h"
#include "limber-trend.h"

/* How long the Trends page takes to read and draw 12 weeks out of ten
 * years of journal: the trend computation and one chart drawing at
 * export size. Make the journal first, then run:
 *
 *   build/bench/bench-journal DIR
 *   build/bench/bench-trend DIR
 */

#define RUNS 300

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GArray) compute_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) draw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  LimberTrendChartColors colors;
  cairo_surface_t *surface;

  if (argc > 1)
    path = g_build_filename (argv[1], "journal.db", NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* A ten-year journal takes a while to make: bench-journal does it once. */
      g_printerr ("No DIR/journal.db: make one first with bench-journal DIR, then run bench-trend DIR\n");
      return 2;
    }

  g_print ("Trend benchmark, %s\n", path);
  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);

  for (int i = 0; i < RUNS; i++)
    {
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      g_clear_pointer (&trend, limber_trend_free);
      trend = limber_trend_compute (journal, today, 12, 1, &error);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (trend->weeks->len, ==, 12);
      g_array_append_val (compute_ms, ms);
    }

  limber_trend_chart_get_light_colors (&colors);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, LIMBER_TREND_EXPORT_WIDTH, LIMBER_TREND_EXPORT_HEIGHT);
  for (int i = 0; i < RUNS; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      limber_trend_chart_draw (cr, LIMBER_TREND_EXPORT_WIDTH, LIMBER_TREND_EXPORT_HEIGHT, trend, &colors, -1);
      /* Count the rasterising cairo may defer until the surface is used. */
      cairo_surface_flush (surface);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      g_array_append_val (draw_ms, ms);
    }
  cairo_surface_destroy (surface);

  limber_bench_report ("12-week trend", compute_ms, 5);
  limber_bench_report ("draw the 12-week chart, 1000x600", draw_ms, 4);

  return 0;
}
