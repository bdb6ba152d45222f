/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-report.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
limber_bench_figures (GArray             *samples_ms,
                      LimberBenchFigures *figures)
{
  g_assert (samples_ms->len > 0);

  g_array_sort (samples_ms, compare_doubles);
  figures->min_ms = g_array_index (samples_ms, double, 0);
  figures->median_ms = g_array_index (samples_ms, double, samples_ms->len / 2);
  figures->p90_ms = g_array_index (samples_ms, double, (samples_ms->len * 90) / 100);
  figures->p99_ms = g_array_index (samples_ms, double, (samples_ms->len * 99) / 100);
  figures->runs = samples_ms->len;
}

void
limber_bench_report (const char *what,
                     GArray     *samples_ms,
                     double      budget_ms)
{
  g_autofree char *budget = budget_ms > 0 ? g_strdup_printf (", budget %.0f ms", budget_ms) : g_strdup ("");
  LimberBenchFigures figures;

  limber_bench_figures (samples_ms, &figures);
  g_print ("  %-34s median %7.3f ms   p99 %7.3f ms   (%u runs%s)\n",
           what, figures.median_ms, figures.p99_ms, figures.runs, budget);
}
