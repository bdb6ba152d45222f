/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-report.h"
#include "limber-factor-insight.h"
#include "limber-pain-entry.h"

/* How long "what helps you" takes over the last 12 weeks of ten years of
 * days, with ten factors done at random (always the same random days):
 * the computation alone, on days already read from the journal.
 *
 *   build/bench/bench-factor-insight
 */

#define RUNS 200
#define YEARS 10
#define N_FACTORS 10
#define SEED 15

int
main (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr (GArray) compute_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree LimberFactorDay *days = NULL;
  g_autofree guint *factors = NULL;
  char last_day[LIMBER_DAY_LENGTH + 1];
  guint n_days = YEARS * 365 + YEARS / 4;
  guint n_logged = 0, n_done = 0;
  GDate date;

  days = g_new0 (LimberFactorDay, n_days);
  factors = g_new (guint, (gsize) n_days * N_FACTORS);
  g_date_set_dmy (&date, 25, 11, 2026);
  g_date_strftime (last_day, sizeof last_day, "%Y-%m-%d", &date);
  g_date_subtract_days (&date, n_days - 1);

  /* About four days in five logged; each factor done on a day with its
   * own odds, from one day in twenty to one in two. */
  for (guint i = 0; i < n_days; i++)
    {
      LimberFactorDay *day = &days[i];

      g_date_strftime (day->day, sizeof day->day, "%Y-%m-%d", &date);
      g_date_add_days (&date, 1);
      day->average = g_rand_int_range (rand, 0, 5) == 0
                     ? LIMBER_PAIN_SCORE_UNSET
                     : g_rand_int_range (rand, LIMBER_PAIN_SCORE_MIN, LIMBER_PAIN_SCORE_MAX + 1);
      day->factors_recorded = TRUE;
      day->factors = &factors[(gsize) i * N_FACTORS];
      for (guint f = 0; f < N_FACTORS; f++)
        {
          if (g_rand_double (rand) < 0.05 + 0.05 * f)
            factors[(gsize) i * N_FACTORS + day->n_factors++] = f;
        }
      n_logged += day->average != LIMBER_PAIN_SCORE_UNSET;
      n_done += day->n_factors;
    }

  g_print ("\"What helps you\" benchmark, %u days (%u logged), %u factors done in all\n",
           n_days, n_logged, n_done);

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr (LimberFactorInsight) insight = NULL;
      gint64 start_us = g_get_monotonic_time ();
      double ms;

      insight = limber_factor_insight_compute (days, n_days, N_FACTORS, last_day);
      ms = (g_get_monotonic_time () - start_us) / 1000.0;
      g_assert_nonnull (insight);
      g_assert_cmpuint (insight->factors[0].with.n_days + insight->factors[0].without.n_days, >, 0);
      g_array_append_val (compute_ms, ms);
    }

  limber_bench_report ("12-week \"what helps you\"", compute_ms, 10);

  return 0;
}
