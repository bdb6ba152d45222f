/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "limber-factor-insight.h"
#include "limber-pain-entry.h"

/* Mean pain with and without each factor, on the day and the day after.
 * The same honest rules as the insight on breaks: the day counts go with
 * every mean, a side is shown only from LIMBER_FACTOR_INSIGHT_MIN_DAYS
 * days on, a day without a pain entry is a gap and never a zero, and the
 * words say pattern, not cause. */

/* limber_factor_insight_describe() names the window in weeks. */
G_STATIC_ASSERT (LIMBER_FACTOR_INSIGHT_DAYS == 12 * 7);

typedef struct
{
  guint n_days;
  guint sum;
} Tally;

static void
tally_add (Tally *tally,
           int    average)
{
  tally->n_days++;
  tally->sum += (guint) average;
}

static void
side_from_tally (LimberFactorSide *side,
                 const Tally      *tally)
{
  side->n_days = tally->n_days;
  side->mean = tally->n_days > 0 ? (double) tally->sum / tally->n_days : 0;
  side->days_needed = tally->n_days >= LIMBER_FACTOR_INSIGHT_MIN_DAYS
                      ? 0 : LIMBER_FACTOR_INSIGHT_MIN_DAYS - tally->n_days;
}

static gboolean
has_pain (const LimberFactorDay *day)
{
  return day->average >= LIMBER_PAIN_SCORE_MIN && day->average <= LIMBER_PAIN_SCORE_MAX;
}

/* Marks the factors of @day in @done, which has @n_factors entries, or
 * clears them again when @value is 0. */
static void
mark_factors (guint8                *done,
              guint                  n_factors,
              const LimberFactorDay *day,
              guint8                 value)
{
  for (guint i = 0; i < day->n_factors; i++)
    {
      if (day->factors[i] < n_factors)
        done[day->factors[i]] = value;
      else if (value)
        g_critical ("Factor index %u of %s is not below %u", day->factors[i], day->day, n_factors);
    }
}

/* The first of @days on or after @first_day: days sort as strings. */
static guint
find_first (const LimberFactorDay *days,
            guint                  n_days,
            const char            *first_day)
{
  guint low = 0, high = n_days;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (strcmp (days[middle].day, first_day) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

LimberFactorInsight *
limber_factor_insight_compute (const LimberFactorDay *days,
                               guint                  n_days,
                               guint                  n_factors,
                               const char            *last_day)
{
  g_autoptr (LimberFactorInsight) insight = NULL;
  g_autofree Tally *tallies = NULL;
  g_autofree guint8 *done = NULL;
  guint first, end;
  GDate date;

  g_return_val_if_fail (days != NULL || n_days == 0, NULL);
  g_return_val_if_fail (last_day != NULL && limber_day_is_valid (last_day), NULL);

  insight = g_new0 (LimberFactorInsight, 1);
  insight->n_factors = n_factors;
  insight->factors = g_new0 (LimberFactorResult, MAX (n_factors, 1));
  g_strlcpy (insight->last_day, last_day, sizeof insight->last_day);
  limber_day_to_date (last_day, &date);
  g_date_subtract_days (&date, LIMBER_FACTOR_INSIGHT_DAYS - 1);
  g_date_strftime (insight->first_day, sizeof insight->first_day, "%Y-%m-%d", &date);

  /* Four tallies a factor: with, without, next with, next without. */
  tallies = g_new0 (Tally, 4 * MAX (n_factors, 1));
  done = g_new0 (guint8, MAX (n_factors, 1));

  first = find_first (days, n_days, insight->first_day);
  end = first;
  while (end < n_days && strcmp (days[end].day, last_day) <= 0)
    end++;

  for (guint i = first; i < end; i++)
    {
      const LimberFactorDay *day = &days[i];
      const LimberFactorDay *next = NULL;

      if (!day->factors_recorded)
        continue;

      /* The day after counts only when it is the very next calendar day
       * and has a pain entry; the array may skip days. */
      if (i + 1 < end && has_pain (&days[i + 1]))
        {
          GDate today, tomorrow;

          limber_day_to_date (day->day, &today);
          limber_day_to_date (days[i + 1].day, &tomorrow);
          if (g_date_get_julian (&tomorrow) == g_date_get_julian (&today) + 1)
            next = &days[i + 1];
        }

      if (!has_pain (day) && next == NULL)
        continue;

      mark_factors (done, n_factors, day, 1);
      for (guint f = 0; f < n_factors; f++)
        {
          Tally *tally = &tallies[4 * f];

          if (has_pain (day))
            tally_add (&tally[done[f] ? 0 : 1], day->average);
          if (next != NULL)
            tally_add (&tally[done[f] ? 2 : 3], next->average);
        }
      mark_factors (done, n_factors, day, 0);
    }

  for (guint f = 0; f < n_factors; f++)
    {
      LimberFactorResult *result = &insight->factors[f];
      const Tally *tally = &tallies[4 * f];

      side_from_tally (&result->with, &tally[0]);
      side_from_tally (&result->without, &tally[1]);
      side_from_tally (&result->next_with, &tally[2]);
      side_from_tally (&result->next_without, &tally[3]);
      result->available = result->with.days_needed == 0 && result->without.days_needed == 0;
      result->next_available = result->next_with.days_needed == 0 && result->next_without.days_needed == 0;
    }

  return g_steal_pointer (&insight);
}

void
limber_factor_insight_free (LimberFactorInsight *insight)
{
  if (insight == NULL)
    return;

  g_free (insight->factors);
  g_free (insight);
}

char *
limber_factor_insight_describe_needed (const LimberFactorResult *result,
                                       const char               *name)
{
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (result->available)
    return NULL;

  /* Each sentence carries one count, so that each can take its plural. */
  if (result->with.days_needed > 0)
    with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: shown for a factor such as “Heat” while
                                          * there are too few days to compare; %s is the factor,
                                          * %u a number of days with a pain entry on which it
                                          * was done. */
                                         "Not enough days yet for “%s”: Limber needs at least %u more day with it and a pain entry.",
                                         "Not enough days yet for “%s”: Limber needs at least %u more days with it and a pain entry.",
                                         result->with.days_needed),
                            name, result->with.days_needed);
  if (result->without.days_needed > 0 && with != NULL)
    without = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: follows “Not enough days yet for
                                             * “Heat”: Limber needs at least 3 more days with it
                                             * and a pain entry.”; %u is a number of days. */
                                            "It also needs %u more day without it.",
                                            "It also needs %u more days without it.",
                                            result->without.days_needed),
                               result->without.days_needed);
  else if (result->without.days_needed > 0)
    without = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: shown for a factor done on nearly
                                             * every day; %s is the factor, %u a number of days
                                             * with a pain entry on which it was not done. */
                                            "Not enough days yet for “%s”: Limber needs at least %u more day without it and with a pain entry.",
                                            "Not enough days yet for “%s”: Limber needs at least %u more days without it and with a pain entry.",
                                            result->without.days_needed),
                               name, result->without.days_needed);

  return g_strjoin (" ", with ? with : without, with ? without : NULL, NULL);
}

char *
limber_factor_insight_describe (const LimberFactorResult *result,
                                const char               *name)
{
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *next_with = NULL;
  g_autofree char *next_without = NULL;
  g_autofree char *next_needed = NULL;
  const char *caveat;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!result->available)
    return limber_factor_insight_describe_needed (result, name);

  with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s is a factor such as “Heat”, %u a
                                        * number of days, %.1f a mean pain score on the 0 to
                                        * 10 scale. */
                                       "Over the last 12 weeks, on the %u day with “%s”, your pain averaged %.1f out of 10.",
                                       "Over the last 12 weeks, on the %u days with “%s”, your pain averaged %.1f out of 10.",
                                       result->with.n_days),
                          result->with.n_days, name, result->with.mean);
  without = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: follows “…your pain averaged 3.1 out
                                           * of 10.”; %u is a number of days, %.1f a mean pain
                                           * score. */
                                          "On the %u day without it, it averaged %.1f.",
                                          "On the %u days without it, it averaged %.1f.",
                                          result->without.n_days),
                             result->without.n_days, result->without.mean);

  if (result->next_available)
    {
      next_with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: the pain of the next day; %u is
                                                 * a number of days, %.1f a mean pain score. */
                                                "On the %u day after a day with it, your pain averaged %.1f.",
                                                "On the %u days after a day with it, your pain averaged %.1f.",
                                                result->next_with.n_days),
                                   result->next_with.n_days, result->next_with.mean);
      next_without = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: follows “On the 9 days after a
                                                    * day with it, your pain averaged 3.1.”; %u is
                                                    * a number of days, %.1f a mean pain score. */
                                                   "On the %u day after a day without it, it averaged %.1f.",
                                                   "On the %u days after a day without it, it averaged %.1f.",
                                                   result->next_without.n_days),
                                      result->next_without.n_days, result->next_without.mean);
    }
  else if (result->next_with.days_needed >= result->next_without.days_needed)
    next_needed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: %u is a number of days. */
                                                "To compare the pain of the next day too, Limber needs at least %u more pain entry on a day after one with it.",
                                                "To compare the pain of the next day too, Limber needs at least %u more pain entries on a day after one with it.",
                                                result->next_with.days_needed),
                                   result->next_with.days_needed);
  else
    next_needed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: %u is a number of days. */
                                                "To compare the pain of the next day too, Limber needs at least %u more pain entry on a day after one without it.",
                                                "To compare the pain of the next day too, Limber needs at least %u more pain entries on a day after one without it.",
                                                result->next_without.days_needed),
                                   result->next_without.days_needed);

  /* The caveats matter as much as the numbers: people reach for a
   * treatment on bad days, so it can look harmful when it is not. */
  /* Translators: closes the comparison of pain on days with and without
   * a factor such as heat or a walk. */
  caveat = _("This is a pattern, not proof that it helps or harms: people often reach for a treatment on their worst days, so it can look harmful when it is not; sleep, stress and workload affect everything; days next to each other tend to be alike; and pain often eases with time anyway.");
  if (next_needed != NULL)
    return g_strjoin (" ", with, without, next_needed, caveat, NULL);
  return g_strjoin (" ", with, without, next_with, next_without, caveat, NULL);
}
