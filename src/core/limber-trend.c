/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include <glib/gi18n.h>

#include "limber-trend.h"

/* The weekly trend: days and weeks of pain, breaks and stretching, and
 * one careful comparison of pain against breaks. Everything works on
 * local day strings and GDate, never on seconds, so a DST change or a
 * trip to another time zone cannot shift a day or lose one. */

#define MONDAY 1

/* Means of whole scores are seldom exact in binary: this much slack keeps
 * a change of exactly 2 points or 30% on the meaningful side. */
#define CHANGE_SLACK 1e-9

/* Days before this cannot be in the journal: limber_day_is_valid()
 * refuses them. */
#define OLDEST_DAY "1900-01-01"

/* limber_trend_describe_insight() names the window in weeks. */
G_STATIC_ASSERT (LIMBER_TREND_INSIGHT_DAYS == 12 * 7);

int
limber_trend_locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* glibc returns some items as a number stored where the string pointer
   * would be; the union reads it back the way glibc wrote it. */
  union
  {
    unsigned int word;
    char        *string;
  } langinfo;
  guint week_origin, year, month, day_of_month;
  int first_weekday;
  GDate origin;

  /* The locale's day list starts on the day of a reference date (in
   * practice 1997-11-30, a Sunday), and first_weekday counts from 1 on
   * that list. */
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  first_weekday = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];

  year = week_origin / 10000;
  month = week_origin / 100 % 100;
  day_of_month = week_origin % 100;
  if (first_weekday < 1 || first_weekday > 7 ||
      !g_date_valid_dmy (day_of_month, month, year))
    return MONDAY;

  g_date_clear (&origin, 1);
  g_date_set_dmy (&origin, day_of_month, month, year);
  /* GDate counts Monday as 1 and Sunday as 7; % 7 makes Sunday 0. */
  return (g_date_get_weekday (&origin) % 7 + first_weekday - 1) % 7;
#else
  return MONDAY;
#endif
}

void
limber_trend_week_start_date (GDate *date,
                              int    first_weekday)
{
  int weekday;

  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (first_weekday >= 0 && first_weekday <= 6);

  weekday = g_date_get_weekday (date) % 7;
  g_date_subtract_days (date, (weekday - first_weekday + 7) % 7);
}

char *
limber_trend_week_start (const char *day,
                         int         first_weekday)
{
  char text[LIMBER_DAY_LENGTH + 1];
  GDate date;

  g_return_val_if_fail (limber_day_is_valid (day), NULL);
  g_return_val_if_fail (first_weekday >= 0 && first_weekday <= 6, NULL);

  limber_day_to_date (day, &date);
  limber_trend_week_start_date (&date, first_weekday);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

gboolean
limber_trend_change_is_meaningful (double previous_mean,
                                   double mean)
{
  double size = ABS (mean - previous_mean);

  return size >= 2.0 - CHANGE_SLACK && size >= 0.3 * previous_mean - CHANGE_SLACK;
}

void
limber_trend_free (LimberTrend *trend)
{
  if (trend == NULL)
    return;

  g_clear_pointer (&trend->days, g_array_unref);
  g_clear_pointer (&trend->weeks, g_array_unref);
  g_free (trend);
}

static guint
round_to_minutes (guint seconds)
{
  return (seconds + 30) / 60;
}

static void
day_from_summary (LimberTrendDay         *day,
                  const LimberDaySummary *summary)
{
  g_strlcpy (day->day, summary->day, sizeof day->day);
  day->logged = summary->average != LIMBER_PAIN_SCORE_UNSET;
  day->average = summary->average;
  day->worst = day->logged ? summary->worst : LIMBER_PAIN_SCORE_UNSET;
  day->breaks_taken = summary->taken + summary->natural;
  day->breaks_skipped = summary->skipped;
  day->breaks_missed = summary->missed;
  day->breaks_due = day->breaks_taken + summary->skipped + summary->missed;
  day->breaks_postponed = summary->postponed;
  day->stretch_seconds = summary->stretch_seconds;
  day->stretch_minutes = round_to_minutes (summary->stretch_seconds);
}

/* The mean of the 7 days ending at @index; @days must hold the 6 before. */
static void
set_rolling_mean (LimberTrendDay *days,
                  guint           index)
{
  LimberTrendDay *day = &days[index];
  guint n_logged = 0;
  int sum = 0;

  g_assert (index >= 6);

  if (day->after_last_day)
    return;

  for (guint i = index - 6; i <= index; i++)
    {
      if (days[i].logged)
        {
          sum += days[i].average;
          n_logged++;
        }
    }

  if (n_logged >= LIMBER_TREND_ROLLING_MIN_DAYS)
    {
      day->has_rolling_mean = TRUE;
      day->rolling_mean = (double) sum / n_logged;
    }
}

/* Adds up @n_days days from @days on, leaving out the days after the
 * trend's last day. */
static void
sum_range (LimberTrendTotals    *totals,
           const LimberTrendDay *days,
           guint                 n_days)
{
  int sum = 0;

  g_assert (n_days > 0 && n_days % 7 == 0);

  g_strlcpy (totals->first_day, days[0].day, sizeof totals->first_day);
  g_strlcpy (totals->last_day, days[0].day, sizeof totals->last_day);
  totals->n_weeks = n_days / 7;
  totals->highest_worst = LIMBER_PAIN_SCORE_UNSET;

  for (guint i = 0; i < n_days; i++)
    {
      const LimberTrendDay *day = &days[i];

      if (day->after_last_day)
        break;

      g_strlcpy (totals->last_day, day->day, sizeof totals->last_day);
      totals->n_days++;
      totals->breaks_taken += day->breaks_taken;
      totals->breaks_due += day->breaks_due;
      totals->stretch_seconds += day->stretch_seconds;
      if (!day->logged)
        continue;

      totals->days_logged++;
      sum += day->average;
      /* An unset worst is -1, so this falls back to the average. */
      totals->highest_worst = MAX (totals->highest_worst, MAX (day->worst, day->average));
    }

  totals->stretch_minutes = round_to_minutes (totals->stretch_seconds);
  if (totals->days_logged > 0)
    {
      totals->has_mean = TRUE;
      totals->mean = (double) sum / totals->days_logged;
    }
}

/* Adds up the 7 days of a week, from @days on, as a range of one week:
 * the days after the trend's last day that it leaves out hold no data. */
static void
sum_week (LimberTrendWeek      *week,
          const LimberTrendDay *days)
{
  LimberTrendTotals totals = { 0 };

  sum_range (&totals, days, 7);
  g_strlcpy (week->first_day, totals.first_day, sizeof week->first_day);
  week->days_logged = totals.days_logged;
  week->has_mean = totals.has_mean;
  week->mean = totals.mean;
  week->highest_worst = totals.highest_worst;
  week->breaks_taken = totals.breaks_taken;
  week->breaks_due = totals.breaks_due;
  week->stretch_seconds = totals.stretch_seconds;
  week->stretch_minutes = totals.stretch_minutes;
}

/* Enough logged days to stand for a range of @n_days days: a share of
 * them, so that a week still under way needs fewer than a whole one. */
static gboolean
enough_to_compare (guint n_days,
                   guint days_logged)
{
  guint needed = (LIMBER_TREND_COMPARE_MIN_DAYS_PER_WEEK * n_days + 6) / 7;

  return days_logged > 0 && days_logged >= needed;
}

/* The shown days added up, against the pain of as many days before them,
 * from the journal's entries: the breaks and stretching of those days
 * are not needed, and reading their days would double the cost of a
 * long trend. */
static gboolean
compare_ranges (LimberTrendRange      *range,
                LimberJournal         *journal,
                const GDate           *first_shown,
                const LimberTrendDay  *shown_days,
                guint                  n_days,
                GError               **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  GDate first, last;
  int sum = 0;

  sum_range (&range->shown, shown_days, n_days);

  /* A GDate, since the first day shown may come before the first valid
   * day. */
  last = *first_shown;
  g_date_subtract_days (&last, 1);
  first = last;
  g_date_subtract_days (&first, n_days - 1);
  g_date_strftime (range->previous_first_day, sizeof range->previous_first_day, "%Y-%m-%d", &first);
  g_date_strftime (range->previous_last_day, sizeof range->previous_last_day, "%Y-%m-%d", &last);
  range->previous_n_days = n_days;

  /* Weeks before the first day a journal can hold have no entries. */
  if (strcmp (range->previous_last_day, OLDEST_DAY) >= 0)
    {
      entries = limber_journal_list_pain_entries (journal, range->previous_first_day,
                                                  range->previous_last_day, 0, error);
      if (entries == NULL)
        return FALSE;
      for (guint i = 0; i < entries->len; i++)
        sum += ((const LimberPainEntry *) g_ptr_array_index (entries, i))->average;
      range->previous_days_logged = entries->len;
    }
  if (range->previous_days_logged > 0)
    {
      range->previous_has_mean = TRUE;
      range->previous_mean = (double) sum / range->previous_days_logged;
    }

  range->comparable = enough_to_compare (range->previous_n_days, range->previous_days_logged) &&
                      enough_to_compare (range->shown.n_days, range->shown.days_logged);
  if (range->comparable)
    {
      range->change = range->shown.mean - range->previous_mean;
      range->meaningful = limber_trend_change_is_meaningful (range->previous_mean, range->shown.mean);
    }
  return TRUE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static void
compute_insight (LimberTrendInsight   *insight,
                 const LimberTrendDay *days,
                 guint                 n_days)
{
  g_autofree guint *taken = g_new (guint, MAX (n_days, 1));
  guint n = 0, cut = 0, best_gap = G_MAXUINT;
  int upper_sum = 0, lower_sum = 0;
  int needed;

  g_strlcpy (insight->first_day, days[0].day, sizeof insight->first_day);
  g_strlcpy (insight->last_day, days[n_days - 1].day, sizeof insight->last_day);

  for (guint i = 0; i < n_days; i++)
    {
      if (days[i].logged && days[i].breaks_due > 0)
        taken[n++] = days[i].breaks_taken;
    }
  insight->n_days = n;
  if (n == 0)
    {
      insight->days_needed = 2 * LIMBER_TREND_INSIGHT_MIN_HALF_DAYS;
      return;
    }

  /* Try each place where the sorted counts step up, and keep the one
   * that splits the days most evenly: that is at the median, with the
   * days that tie at the median all on one side. With no step at all
   * every day lands in the upper half and the lower one stays empty. */
  qsort (taken, n, sizeof *taken, compare_uint);
  for (guint i = 0; i < n; i++)
    {
      guint gap;

      if (i > 0 && taken[i - 1] == taken[i])
        continue;
      gap = (guint) ABS ((int) n - 2 * (int) i);
      /* Strictly smaller: on an equal gap the earlier cut wins, which
       * puts the tied days in the upper half. */
      if (gap < best_gap)
        {
          best_gap = gap;
          cut = i;
        }
    }
  insight->upper_min_taken = taken[cut];

  for (guint i = 0; i < n_days; i++)
    {
      if (!days[i].logged || days[i].breaks_due == 0)
        continue;

      if (days[i].breaks_taken >= insight->upper_min_taken)
        {
          upper_sum += days[i].average;
          insight->n_upper++;
        }
      else
        {
          lower_sum += days[i].average;
          insight->n_lower++;
        }
    }
  if (insight->n_upper > 0)
    insight->upper_mean = (double) upper_sum / insight->n_upper;
  if (insight->n_lower > 0)
    insight->lower_mean = (double) lower_sum / insight->n_lower;

  insight->available = insight->n_lower >= LIMBER_TREND_INSIGHT_MIN_HALF_DAYS &&
                       insight->n_upper >= LIMBER_TREND_INSIGHT_MIN_HALF_DAYS;
  if (insight->available)
    return;

  /* Only a guess at the future: it needs enough days in all, and new
   * days may have to fill the smaller half. */
  needed = MAX (2 * LIMBER_TREND_INSIGHT_MIN_HALF_DAYS - (int) n,
                LIMBER_TREND_INSIGHT_MIN_HALF_DAYS - (int) MIN (insight->n_lower, insight->n_upper));
  insight->days_needed = MAX (needed, 1);
}

LimberTrend *
limber_trend_compute (LimberJournal  *journal,
                      const char     *last_day,
                      guint           n_weeks,
                      int             first_weekday,
                      GError        **error)
{
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (GArray) summaries = NULL;
  g_autofree LimberTrendDay *all = NULL;
  char query_first_day[LIMBER_DAY_LENGTH + 1];
  GDate last, first_shown, first, end, oldest, query_first, date;
  guint n_all, shown_offset, last_offset, insight_offset, query_offset;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (limber_day_is_valid (last_day), NULL);
  g_return_val_if_fail (n_weeks > 0 && n_weeks <= LIMBER_TREND_MAX_WEEKS, NULL);
  g_return_val_if_fail (first_weekday >= 0 && first_weekday <= 6, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  limber_day_to_date (last_day, &last);
  first_shown = last;
  limber_trend_week_start_date (&first_shown, first_weekday);
  end = first_shown;
  g_date_add_days (&end, 6);
  g_date_subtract_days (&first_shown, 7 * (n_weeks - 1));

  /* One week more in front gives the first week its change and the first
   * days the 6 days before them for the rolling mean; the insight may
   * reach back further still. */
  first = first_shown;
  g_date_subtract_days (&first, 7);
  date = last;
  g_date_subtract_days (&date, LIMBER_TREND_INSIGHT_DAYS - 1);
  if (g_date_compare (&date, &first) < 0)
    first = date;

  n_all = g_date_days_between (&first, &end) + 1;
  shown_offset = g_date_days_between (&first, &first_shown);
  last_offset = g_date_days_between (&first, &last);
  insight_offset = last_offset + 1 - LIMBER_TREND_INSIGHT_DAYS;

  limber_day_to_date (OLDEST_DAY, &oldest);
  query_first = g_date_compare (&first, &oldest) < 0 ? oldest : first;
  query_offset = g_date_days_between (&first, &query_first);
  g_date_strftime (query_first_day, sizeof query_first_day, "%Y-%m-%d", &query_first);

  /* One read for everything, so that all numbers come from one snapshot. */
  summaries = limber_journal_summarize_days (journal, query_first_day, last_day, error);
  if (summaries == NULL)
    return NULL;
  g_assert (summaries->len == last_offset - query_offset + 1);

  all = g_new0 (LimberTrendDay, n_all);
  date = first;
  for (guint i = 0; i < n_all; i++)
    {
      if (i >= query_offset && i <= last_offset)
        day_from_summary (&all[i], &g_array_index (summaries, LimberDaySummary, i - query_offset));
      else
        {
          g_date_strftime (all[i].day, sizeof all[i].day, "%Y-%m-%d", &date);
          all[i].average = LIMBER_PAIN_SCORE_UNSET;
          all[i].worst = LIMBER_PAIN_SCORE_UNSET;
          all[i].after_last_day = i > last_offset;
        }
      g_date_add_days (&date, 1);
    }

  trend = g_new0 (LimberTrend, 1);
  g_strlcpy (trend->last_day, last_day, sizeof trend->last_day);
  trend->first_weekday = first_weekday;
  trend->days = g_array_sized_new (FALSE, TRUE, sizeof (LimberTrendDay), 7 * n_weeks);
  trend->weeks = g_array_sized_new (FALSE, TRUE, sizeof (LimberTrendWeek), n_weeks);

  for (guint i = shown_offset; i < n_all; i++)
    {
      set_rolling_mean (all, i);
      g_array_append_val (trend->days, all[i]);
    }

  for (guint w = 0; w < n_weeks; w++)
    {
      LimberTrendWeek previous = { 0 };
      LimberTrendWeek week = { 0 };

      sum_week (&previous, &all[shown_offset + 7 * w - 7]);
      sum_week (&week, &all[shown_offset + 7 * w]);
      if (previous.has_mean && week.has_mean)
        {
          week.has_change = TRUE;
          week.change = week.mean - previous.mean;
          week.meaningful = limber_trend_change_is_meaningful (previous.mean, week.mean);
        }
      g_array_append_val (trend->weeks, week);
    }

  if (!compare_ranges (&trend->range, journal, &first_shown, &all[shown_offset], 7 * n_weeks, error))
    return NULL;
  compute_insight (&trend->insight, &all[insight_offset], LIMBER_TREND_INSIGHT_DAYS);

  return g_steal_pointer (&trend);
}

char *
limber_trend_find_latest (LimberJournal  *journal,
                          const char     *today,
                          int             first_weekday,
                          GError        **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  const LimberPainEntry *latest;
  char week_end[LIMBER_DAY_LENGTH + 1];
  GDate date;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (limber_day_is_valid (today), NULL);
  g_return_val_if_fail (first_weekday >= 0 && first_weekday <= 6, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Newest first: the first one is the latest. */
  entries = limber_journal_list_pain_entries (journal, NULL, today, 1, error);
  if (entries == NULL || entries->len == 0)
    return NULL;

  latest = g_ptr_array_index (entries, 0);
  limber_day_to_date (latest->day, &date);
  limber_trend_week_start_date (&date, first_weekday);
  g_date_add_days (&date, 6);
  g_date_strftime (week_end, sizeof week_end, "%Y-%m-%d", &date);
  /* The week under way ends today: days to come hold nothing yet. */
  return g_strdup (strcmp (week_end, today) > 0 ? today : week_end);
}

gboolean
limber_trend_has_entries_before (LimberJournal  *journal,
                                 const char     *day,
                                 GError        **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  GDate date;
  char before[LIMBER_DAY_LENGTH + 1];

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing can come before the first day a journal can hold; @day may
   * be earlier still, as the start of a long trend can. */
  if (strcmp (day, LIMBER_DAY_FIRST) <= 0)
    return FALSE;
  g_return_val_if_fail (limber_day_is_valid (day), FALSE);

  limber_day_to_date (day, &date);
  g_date_subtract_days (&date, 1);
  g_date_strftime (before, sizeof before, "%Y-%m-%d", &date);
  entries = limber_journal_list_pain_entries (journal, NULL, before, 1, error);
  return entries != NULL && entries->len > 0;
}

char *
limber_trend_describe_insight (const LimberTrendInsight *insight)
{
  g_autofree char *more = NULL;
  g_autofree char *fewer = NULL;

  g_return_val_if_fail (insight != NULL, NULL);

  if (!insight->available)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: shown instead of the comparison while
                                          * there are too few days; %u is a number of days. */
                                         "To compare your pain on days with more and with fewer breaks, Limber needs at least %u more day with both a pain entry and breaks due.",
                                         "To compare your pain on days with more and with fewer breaks, Limber needs at least %u more days with both a pain entry and breaks due.",
                                         insight->days_needed),
                            insight->days_needed);

  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u is a number of days, %.1f a mean pain
                                        * score on the 0 to 10 scale. */
                                       "Over the last 12 weeks, on the %u day with more breaks taken, your pain averaged %.1f out of 10.",
                                       "Over the last 12 weeks, on the %u days with more breaks taken, your pain averaged %.1f out of 10.",
                                       insight->n_upper),
                          insight->n_upper, insight->upper_mean);
  fewer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: follows “…your pain averaged 3.1 out of
                                         * 10.”; %u is a number of days, %.1f a mean pain score. */
                                        "On the %u day with fewer breaks, it averaged %.1f.",
                                        "On the %u days with fewer breaks, it averaged %.1f.",
                                        insight->n_lower),
                           insight->n_lower, insight->lower_mean);

  /* The caveats matter as much as the numbers: the split cannot tell
   * cause from effect. */
  return g_strjoin (" ", more, fewer,
                    /* Translators: closes the comparison of pain on days with more
                     * and with fewer breaks. */
                    _("This is a pattern, not proof that breaks help: busy or painful days can themselves crowd out breaks, workload and sleep affect both, days next to each other tend to be alike, and pain often eases with time anyway."),
                    NULL);
}
