/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double min_ms;
  double median_ms;
  double p90_ms;
  double p99_ms;
  guint  runs;
} LimberBenchFigures;

/* The figures of @samples_ms (sorting it), which must not be empty. */
void limber_bench_figures (GArray             *samples_ms,
                           LimberBenchFigures *figures);

/* Prints the median and 99th percentile of @samples_ms (sorting it) on
 * one line, with the budget when @budget_ms is above 0. */
void limber_bench_report (const char *what,
                          GArray     *samples_ms,
                          double      budget_ms);

G_END_DECLS
