/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints the median and 99th percentile of @samples_ms (sorting it) on
 * one line, with the budget when @budget_ms is above 0. */
void limber_bench_report (const char *what,
                          GArray     *samples_ms,
                          double      budget_ms);

G_END_DECLS
