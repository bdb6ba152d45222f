/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "limber-factor-insight.h"
#include "limber-pain-entry.h"

/* "What helps you" on days made up here, with every mean worked out by
 * hand: same-day and next-day means and counts, the 7-day minimum on each
 * side, days without an entry left out, and the window of 12 weeks. */

#define HEAT 0
#define WALK 1
#define N_FACTORS 2
#define LAST_DAY "2026-11-25"

static const guint heat_only[] = { HEAT };

/* @n_days consecutive days ending with LAST_DAY, no pain entry yet. */
static LimberFactorDay *
make_days (guint n_days)
{
  LimberFactorDay *days = g_new0 (LimberFactorDay, n_days);
  GDate date;

  g_date_set_dmy (&date, 25, 11, 2026);
  g_date_subtract_days (&date, n_days - 1);
  for (guint i = 0; i < n_days; i++)
    {
      g_date_strftime (days[i].day, sizeof days[i].day, "%Y-%m-%d", &date);
      days[i].average = LIMBER_PAIN_SCORE_UNSET;
      days[i].factors_recorded = TRUE;
      g_date_add_days (&date, 1);
    }
  return days;
}

static void
set_heat (LimberFactorDay *day)
{
  day->factors = heat_only;
  day->n_factors = 1;
}

/* Six weeks in which heat days average exactly 2 points less. */
static void
test_same_day_means (void)
{
  g_autofree LimberFactorDay *days = make_days (42);
  g_autoptr (LimberFactorInsight) insight = NULL;
  const LimberFactorResult *heat, *walk;
  g_autofree char *text = NULL;

  /* Every third day with heat: 14 days at 2 and 4, mean 3; the other 28
   * at 4 and 6, mean 5. */
  for (guint i = 0; i < 42; i++)
    {
      if (i % 3 == 0)
        {
          set_heat (&days[i]);
          days[i].average = i % 2 == 0 ? 2 : 4;
        }
      else
        days[i].average = i % 2 == 0 ? 4 : 6;
    }

  insight = limber_factor_insight_compute (days, 42, N_FACTORS, LAST_DAY);
  g_assert_nonnull (insight);
  g_assert_cmpstr (insight->first_day, ==, "2026-09-03");
  g_assert_cmpstr (insight->last_day, ==, LAST_DAY);
  g_assert_cmpuint (insight->n_factors, ==, N_FACTORS);

  heat = &insight->factors[HEAT];
  g_assert_cmpuint (heat->with.n_days, ==, 14);
  g_assert_cmpfloat (heat->with.mean, ==, 3.0);
  g_assert_cmpuint (heat->without.n_days, ==, 28);
  g_assert_cmpfloat (heat->without.mean, ==, 5.0);
  g_assert_cmpfloat (heat->without.mean - heat->with.mean, ==, 2.0);
  g_assert_cmpuint (heat->with.days_needed, ==, 0);
  g_assert_cmpuint (heat->without.days_needed, ==, 0);
  g_assert_true (heat->available);

  /* A factor never used: every logged day is a day without it. */
  walk = &insight->factors[WALK];
  g_assert_cmpuint (walk->with.n_days, ==, 0);
  g_assert_cmpuint (walk->with.days_needed, ==, 7);
  g_assert_cmpuint (walk->without.n_days, ==, 42);
  g_assert_cmpfloat (walk->without.mean, ==, (14 * 3.0 + 28 * 5.0) / 42);
  g_assert_false (walk->available);
  g_assert_cmpuint (walk->next_with.n_days, ==, 0);
  g_assert_cmpuint (walk->next_with.days_needed, ==, 7);

  text = limber_factor_insight_describe (heat, "Heat");
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "on the 14 days with “Heat”, your pain averaged 3.0 out of 10."));
  g_assert_nonnull (strstr (text, "On the 28 days without it, it averaged 5.0."));
  g_assert_nonnull (strstr (text, "This is a pattern, not proof"));
  g_assert_null (limber_factor_insight_describe_needed (heat, "Heat"));

  g_clear_pointer (&text, g_free);
  text = limber_factor_insight_describe (walk, "Walk");
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==, "Not enough days yet for “Walk”: Limber needs at least 7 more days with it and a pain entry.");
}

/* Heat on day D, lower pain on D + 1: the next-day figure shows what the
 * same-day one hides. */
static void
test_next_day (void)
{
  g_autofree LimberFactorDay *days = make_days (42);
  g_autoptr (LimberFactorInsight) insight = NULL;
  const LimberFactorResult *heat;
  g_autofree char *text = NULL;

  /* Heat on days 0, 3, ... 39 (pain 6); the days after them, 1, 4, ...
   * 40, at 2; days 2, 5, ... 41 at 6. */
  for (guint i = 0; i < 42; i++)
    {
      if (i % 3 == 0)
        set_heat (&days[i]);
      days[i].average = i % 3 == 1 ? 2 : 6;
    }

  insight = limber_factor_insight_compute (days, 42, N_FACTORS, LAST_DAY);
  heat = &insight->factors[HEAT];

  /* Same day: heat days at 6, the others 14 at 2 and 14 at 6. */
  g_assert_cmpuint (heat->with.n_days, ==, 14);
  g_assert_cmpfloat (heat->with.mean, ==, 6.0);
  g_assert_cmpuint (heat->without.n_days, ==, 28);
  g_assert_cmpfloat (heat->without.mean, ==, 4.0);

  /* Next day: all 14 heat days have a next day in the window, at 2; of
   * the 28 others, day 41 has none, and the 27 next days are all at 6. */
  g_assert_cmpuint (heat->next_with.n_days, ==, 14);
  g_assert_cmpfloat (heat->next_with.mean, ==, 2.0);
  g_assert_cmpuint (heat->next_without.n_days, ==, 27);
  g_assert_cmpfloat (heat->next_without.mean, ==, 6.0);
  g_assert_true (heat->next_available);

  text = limber_factor_insight_describe (heat, "Heat");
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "On the 14 days after a day with it, your pain averaged 2.0."));
  g_assert_nonnull (strstr (text, "On the 27 days after a day without it, it averaged 6.0."));
}

/* Fewer than 7 days on a side: how many more it needs, never the means. */
static void
test_needs_more_days (void)
{
  g_autofree LimberFactorDay *days = make_days (10);
  g_autoptr (LimberFactorInsight) insight = NULL;
  const LimberFactorResult *heat, *walk;
  g_autofree char *text = NULL;
  g_autofree char *needed = NULL;
  const guint heat_and_walk[] = { WALK, HEAT };

  /* Heat on 3 of 10 days, a walk on all but 5. */
  for (guint i = 0; i < 10; i++)
    {
      days[i].average = 4;
      if (i < 3)
        {
          days[i].factors = heat_and_walk;
          days[i].n_factors = 2;
        }
      else if (i < 5)
        {
          days[i].factors = &heat_and_walk[0];
          days[i].n_factors = 1;
        }
    }

  insight = limber_factor_insight_compute (days, 10, N_FACTORS, LAST_DAY);
  heat = &insight->factors[HEAT];
  g_assert_cmpuint (heat->with.n_days, ==, 3);
  g_assert_cmpuint (heat->with.days_needed, ==, 4);
  g_assert_cmpuint (heat->without.n_days, ==, 7);
  g_assert_cmpuint (heat->without.days_needed, ==, 0);
  g_assert_false (heat->available);

  text = limber_factor_insight_describe (heat, "Heat");
  needed = limber_factor_insight_describe_needed (heat, "Heat");
  g_assert_cmpstr (text, ==, needed);
  g_assert_cmpstr (text, ==, "Not enough days yet for “Heat”: Limber needs at least 4 more days with it and a pain entry.");

  walk = &insight->factors[WALK];
  g_assert_cmpuint (walk->with.n_days, ==, 5);
  g_assert_cmpuint (walk->with.days_needed, ==, 2);
  g_assert_cmpuint (walk->without.n_days, ==, 5);
  g_assert_cmpuint (walk->without.days_needed, ==, 2);
  g_clear_pointer (&text, g_free);
  text = limber_factor_insight_describe_needed (walk, "Walk");
  g_assert_cmpstr (text, ==, "Not enough days yet for “Walk”: Limber needs at least 2 more days with it and a pain entry. It also needs 2 more days without it.");

  /* A walk on all ten days: only the side without it is short. */
  for (guint i = 0; i < 10; i++)
    {
      days[i].factors = &heat_and_walk[0];
      days[i].n_factors = 1;
    }
  g_clear_pointer (&insight, limber_factor_insight_free);
  insight = limber_factor_insight_compute (days, 10, N_FACTORS, LAST_DAY);
  g_clear_pointer (&text, g_free);
  text = limber_factor_insight_describe_needed (&insight->factors[WALK], "Walk");
  g_assert_cmpstr (text, ==, "Not enough days yet for “Walk”: Limber needs at least 7 more days without it and with a pain entry.");

  /* Two days without a walk. */
  days[0].factors = NULL;
  days[0].n_factors = 0;
  days[1].factors = NULL;
  days[1].n_factors = 0;
  for (guint i = 0; i < 10; i++)
    days[i].average = i;
  g_clear_pointer (&insight, limber_factor_insight_free);
  insight = limber_factor_insight_compute (days, 10, N_FACTORS, LAST_DAY);
  g_clear_pointer (&text, g_free);
  text = limber_factor_insight_describe_needed (&insight->factors[WALK], "Walk");
  g_assert_cmpstr (text, ==, "Not enough days yet for “Walk”: Limber needs at least 5 more days without it and with a pain entry.");
  g_assert_cmpuint (insight->factors[WALK].with.n_days, ==, 8);
  g_assert_cmpfloat (insight->factors[WALK].with.mean, ==, (2.0 + 3 + 4 + 5 + 6 + 7 + 8 + 9) / 8);
  g_assert_cmpfloat (insight->factors[WALK].without.mean, ==, 0.5);
}

/* Days without a pain entry are gaps: on neither side, never a zero. */
static void
test_gaps_not_counted (void)
{
  g_autofree LimberFactorDay *days = make_days (30);
  g_autoptr (LimberFactorInsight) insight = NULL;
  const LimberFactorResult *heat;

  /* Even days logged: heat ones at 3, the others at 7. Odd days have no
   * entry, some of them with heat. */
  for (guint i = 0; i < 30; i++)
    {
      if (i % 4 == 0 || i % 4 == 1)
        set_heat (&days[i]);
      if (i % 2 == 0)
        days[i].average = i % 4 == 0 ? 3 : 7;
    }
  /* A day whose factors were never recorded counts on neither side. */
  days[2].factors_recorded = FALSE;

  insight = limber_factor_insight_compute (days, 30, N_FACTORS, LAST_DAY);
  heat = &insight->factors[HEAT];
  g_assert_cmpuint (heat->with.n_days, ==, 8);
  g_assert_cmpfloat (heat->with.mean, ==, 3.0);
  g_assert_cmpuint (heat->without.n_days, ==, 6);
  g_assert_cmpfloat (heat->without.mean, ==, 7.0);
  g_assert_cmpuint (insight->factors[WALK].without.n_days, ==, 8 + 6);

  /* Next day: D + 1 needs an entry, D only its factors. Heat days 1, 5,
   * ... 29 (no entry) are followed by days at 7 (2, 6, ... 26; 30 is out
   * of range), heat days 0, 4, ... 28 by days without an entry. Days 3,
   * 7, ... 27 (no heat, no entry) come before days at 3 (4, 8, ... 28);
   * day 2 has no factors recorded. */
  g_assert_cmpuint (heat->next_with.n_days, ==, 7);
  g_assert_cmpfloat (heat->next_with.mean, ==, 7.0);
  g_assert_cmpuint (heat->next_without.n_days, ==, 7);
  g_assert_cmpfloat (heat->next_without.mean, ==, 3.0);

  /* A missing day in the array is a gap too: the day before it has no
   * next day. Drop day 6 (at 7, after heat day 5). */
  memmove (&days[6], &days[7], (30 - 7) * sizeof *days);
  g_clear_pointer (&insight, limber_factor_insight_free);
  insight = limber_factor_insight_compute (days, 29, N_FACTORS, LAST_DAY);
  heat = &insight->factors[HEAT];
  g_assert_cmpuint (heat->without.n_days, ==, 5);
  g_assert_cmpuint (heat->next_with.n_days, ==, 6);
  g_assert_cmpuint (heat->next_without.n_days, ==, 7);
}

/* Only the 84 days ending with the last day count. */
static void
test_window (void)
{
  g_autofree LimberFactorDay *days = make_days (200);
  g_autoptr (LimberFactorInsight) insight = NULL;
  const LimberFactorResult *heat;

  for (guint i = 0; i < 200; i++)
    {
      days[i].average = 5;
      set_heat (&days[i]);
    }

  insight = limber_factor_insight_compute (days, 200, N_FACTORS, "2026-10-25");
  g_assert_cmpstr (insight->first_day, ==, "2026-08-03");
  heat = &insight->factors[HEAT];
  g_assert_cmpuint (heat->with.n_days, ==, 84);
  /* The last day has a next day in the array, but not in the window. */
  g_assert_cmpuint (heat->next_with.n_days, ==, 83);
  g_assert_cmpuint (heat->without.n_days, ==, 0);

  /* A window before all the days, and an empty array. */
  g_clear_pointer (&insight, limber_factor_insight_free);
  insight = limber_factor_insight_compute (days, 200, N_FACTORS, "2025-01-01");
  g_assert_cmpuint (insight->factors[HEAT].with.n_days, ==, 0);
  g_clear_pointer (&insight, limber_factor_insight_free);
  insight = limber_factor_insight_compute (NULL, 0, 0, LAST_DAY);
  g_assert_nonnull (insight);
  g_assert_cmpuint (insight->n_factors, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/factor-insight/same-day-means", test_same_day_means);
  g_test_add_func ("/factor-insight/next-day", test_next_day);
  g_test_add_func ("/factor-insight/needs-more-days", test_needs_more_days);
  g_test_add_func ("/factor-insight/gaps-not-counted", test_gaps_not_counted);
  g_test_add_func ("/factor-insight/window", test_window);

  return g_test_run ();
}
