/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-day.h"

G_BEGIN_DECLS

/* "What helps you": for each factor (heat, a walk, a pain medication...)
 * mean pain on days with it against days without, on the same day and on
 * the day after, over the last 12 weeks. Plain numbers, no journal and no
 * widgets: the caller reads the days and shows the result. */

/* The same 12 weeks as the insight on breaks. */
#define LIMBER_FACTOR_INSIGHT_DAYS 84
/* A side with fewer days than this says too little to show. */
#define LIMBER_FACTOR_INSIGHT_MIN_DAYS 7

/* One local day as the insight needs it. */
typedef struct
{
  char          day[LIMBER_DAY_LENGTH + 1];
  /* The day's average pain, 0 to 10, or LIMBER_PAIN_SCORE_UNSET on a day
   * without a pain entry: such a day is a gap, on neither side. */
  int           average;
  /* FALSE for a day whose factors were never recorded (an entry made
   * before the journal had them): it is on neither side of any factor,
   * since "nothing recorded" is not "nothing done". */
  gboolean      factors_recorded;
  /* Indices, below the n_factors given to the computation, of the factors
   * done that day, in any order, each at most once. Owned by the caller. */
  const guint  *factors;
  guint         n_factors;
} LimberFactorDay;

/* Mean pain over the days of one side. */
typedef struct
{
  guint    n_days;
  /* Meaningful only when n_days is above 0. */
  double   mean;
  /* How many more days this side needs before it is shown: 0 once it has
   * LIMBER_FACTOR_INSIGHT_MIN_DAYS days. */
  guint    days_needed;
} LimberFactorSide;

/* One factor over the window. */
typedef struct
{
  /* Days with a pain entry, with and without the factor. */
  LimberFactorSide with;
  LimberFactorSide without;
  /* The pain of the day after a day with, and after a day without, the
   * factor: day D's factor paired with day D + 1's pain, when both days
   * are in the window, D has its factors recorded and D + 1 a pain entry.
   * D itself needs no pain entry. Heat in the evening shows up here. */
  LimberFactorSide next_with;
  LimberFactorSide next_without;
  /* Both same-day sides have enough days to show. */
  gboolean         available;
  /* Both next-day sides have enough days to show. */
  gboolean         next_available;
} LimberFactorResult;

typedef struct
{
  /* The LIMBER_FACTOR_INSIGHT_DAYS days ending with last_day. */
  char                first_day[LIMBER_DAY_LENGTH + 1];
  char                last_day[LIMBER_DAY_LENGTH + 1];
  guint               n_factors;
  /* n_factors results, by factor index. */
  LimberFactorResult *factors;
} LimberFactorInsight;

/**
 * limber_factor_insight_compute:
 * @days: (array length=n_days): days in ascending order, each at most
 *   once; days missing from the array count as days without an entry, and
 *   days outside the window are skipped, so a whole journal may be given
 * @n_factors: the number of factors; every index in @days is below it
 * @last_day: the last day of the window, a valid day
 *
 * Compares pain on days with and without each factor over the
 * %LIMBER_FACTOR_INSIGHT_DAYS days ending with @last_day.
 */
LimberFactorInsight *limber_factor_insight_compute       (const LimberFactorDay     *days,
                                                          guint                      n_days,
                                                          guint                      n_factors,
                                                          const char                *last_day);

void                 limber_factor_insight_free          (LimberFactorInsight       *insight);

/**
 * limber_factor_insight_describe:
 * @result: one factor's result
 * @name: the factor's name as the person reads it
 *
 * The comparison in words, with the day counts and why it is no proof;
 * when a side has too few days, what limber_factor_insight_describe_needed()
 * says instead.
 */
char                *limber_factor_insight_describe      (const LimberFactorResult  *result,
                                                          const char                *name);

/**
 * limber_factor_insight_describe_needed:
 * @result: one factor's result
 * @name: the factor's name as the person reads it
 *
 * "Not enough days yet" for a factor, with how many more days it needs
 * with it and without it; %NULL when both sides have enough days.
 */
char                *limber_factor_insight_describe_needed (const LimberFactorResult *result,
                                                            const char               *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberFactorInsight, limber_factor_insight_free)

G_END_DECLS
