/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "limber-journal.h"

G_BEGIN_DECLS

/* Weekdays here count from Sunday: 0 is Sunday, 1 Monday, ... 6 Saturday,
 * as glibc's locale data and GTK's calendar do. */

/* The insight looks at the days of the last 12 weeks, whatever the
 * number of weeks the chart shows, so that it does not change when the
 * chart is zoomed and old habits stop weighing on it. */
#define LIMBER_TREND_INSIGHT_DAYS 84
/* Fewer days than this in either half say too little to show. */
#define LIMBER_TREND_INSIGHT_MIN_HALF_DAYS 7
/* The rolling mean needs this many entries among its 7 days. */
#define LIMBER_TREND_ROLLING_MIN_DAYS 4
/* Longest trend limber_trend_compute() accepts, about ten years. */
#define LIMBER_TREND_MAX_WEEKS 520
/* A range's mean pain is compared with the range before it only when
 * each of the two has at least this many logged days for every 7 of its
 * days: a mean of one or two days says little about a month. */
#define LIMBER_TREND_COMPARE_MIN_DAYS_PER_WEEK 2

/* One local day of the trend. */
typedef struct
{
  char     day[LIMBER_DAY_LENGTH + 1];
  /* Whether the day has a pain entry. */
  gboolean logged;
  /* LIMBER_PAIN_SCORE_UNSET on a day without an entry; worst also when the
   * entry gives no worst score. */
  int      average;
  int      worst;
  /* Breaks that came due and ended one way or another: taken, natural,
   * skipped and missed. A postponed break comes due again and is counted
   * when it finally ends, so postponing adds nothing here. */
  guint    breaks_due;
  /* Taken and natural breaks: a natural break (the person was already
   * away) rested the back as much as a taken one. */
  guint    breaks_taken;
  guint    breaks_skipped;
  guint    breaks_missed;
  /* How often a break was put off; not part of breaks_due. */
  guint    breaks_postponed;
  guint    stretch_seconds;
  /* stretch_seconds rounded to the nearest minute. */
  guint    stretch_minutes;
  /* Mean of the average scores of this day and the 6 before it, present
   * only when at least LIMBER_TREND_ROLLING_MIN_DAYS of them are logged. */
  gboolean has_rolling_mean;
  double   rolling_mean;
  /* The day lies after the trend's last day: it only fills out the last
   * week and holds no data. */
  gboolean after_last_day;
} LimberTrendDay;

/* One week of the trend, from its first weekday on: its days added up
 * as in LimberTrendTotals, and its change from the week before. */
typedef struct
{
  char     first_day[LIMBER_DAY_LENGTH + 1];
  /* How many of its 7 days have a pain entry. */
  guint    days_logged;
  /* Mean of the average scores of the logged days. */
  gboolean has_mean;
  double   mean;
  /* The highest worst score; a day without one counts with its average,
   * since the worst is never below it. LIMBER_PAIN_SCORE_UNSET when no
   * day is logged. */
  int      highest_worst;
  guint    breaks_taken;
  guint    breaks_due;
  guint    stretch_seconds;
  /* The week's total seconds rounded once, so it can differ by a minute
   * from the sum of the days' rounded minutes. */
  guint    stretch_minutes;
  /* mean minus the previous week's mean, when both weeks have one. */
  gboolean has_change;
  double   change;
  /* The change is at least 2 points and at least 30% of the previous
   * week's mean. These thresholds come from whole trials, not from
   * week-to-week ups and downs: say so wherever a change is labelled. */
  gboolean meaningful;
} LimberTrendWeek;

/* Mean pain on logged days with more breaks taken against days with fewer. */
typedef struct
{
  /* The days looked at: the LIMBER_TREND_INSIGHT_DAYS days ending with
   * the trend's last day. */
  char     first_day[LIMBER_DAY_LENGTH + 1];
  char     last_day[LIMBER_DAY_LENGTH + 1];
  /* Days with a pain entry and at least one break due; a day without any
   * break due (a day off, the computer unused) says nothing about breaks. */
  guint    n_days;
  /* Days are split at the median of breaks taken. Days at the median
   * never end up on both sides: they all join the half that leaves the
   * two halves closer in size, the upper half when both ways are equally
   * close. The upper half took at least upper_min_taken breaks a day, the
   * lower half fewer. */
  guint    upper_min_taken;
  guint    n_upper;
  double   upper_mean;
  guint    n_lower;
  double   lower_mean;
  /* Both halves have at least LIMBER_TREND_INSIGHT_MIN_HALF_DAYS days. */
  gboolean available;
  /* When not available, the fewest further days that could make it so. */
  guint    days_needed;
} LimberTrendInsight;

/* The days of a run of whole weeks, added up. */
typedef struct
{
  /* The first day of the first week. */
  char     first_day[LIMBER_DAY_LENGTH + 1];
  /* The last day with data: the end of the last week, or the trend's
   * last day when that comes first. */
  char     last_day[LIMBER_DAY_LENGTH + 1];
  guint    n_weeks;
  /* The days from first_day to last_day. */
  guint    n_days;
  guint    days_logged;
  /* Mean of the average scores of the logged days. */
  gboolean has_mean;
  double   mean;
  /* As in LimberTrendWeek. */
  int      highest_worst;
  guint    breaks_taken;
  guint    breaks_due;
  guint    stretch_seconds;
  /* The total seconds rounded once. */
  guint    stretch_minutes;
} LimberTrendTotals;

/* The weeks of a trend against as many weeks just before them. */
typedef struct
{
  LimberTrendTotals shown;
  /* The pain of the weeks before: only their pain entries are read, so
   * that a long trend does not cost twice as much. */
  char              previous_first_day[LIMBER_DAY_LENGTH + 1];
  char              previous_last_day[LIMBER_DAY_LENGTH + 1];
  guint             previous_n_days;
  guint             previous_days_logged;
  gboolean          previous_has_mean;
  double            previous_mean;
  /* Each of the two has at least LIMBER_TREND_COMPARE_MIN_DAYS_PER_WEEK
   * logged days for every 7 of its days (rounded up). */
  gboolean          comparable;
  /* shown.mean minus previous_mean, when comparable. */
  double            change;
  /* As in LimberTrendWeek: at least 2 points and 30%. */
  gboolean          meaningful;
} LimberTrendRange;

typedef struct
{
  char               last_day[LIMBER_DAY_LENGTH + 1];
  int                first_weekday;
  /* LimberTrendDay, oldest first, 7 for each week. */
  GArray            *days;
  /* LimberTrendWeek, oldest first. */
  GArray            *weeks;
  LimberTrendInsight insight;
  /* All the weeks shown, added up, against the weeks before them. */
  LimberTrendRange   range;
} LimberTrend;

/**
 * limber_trend_locale_first_weekday:
 *
 * The first day of the week in the current locale's calendar (LC_TIME),
 * 0 for Sunday to 6 for Saturday; Monday where the C library cannot say.
 */
int          limber_trend_locale_first_weekday (void);

/**
 * limber_trend_week_start_date:
 *
 * Moves @date back to the start of its week when weeks start on
 * @first_weekday (0 for Sunday to 6 for Saturday).
 */
void         limber_trend_week_start_date      (GDate       *date,
                                                int          first_weekday);

/**
 * limber_trend_week_start:
 *
 * The first day of the week that the valid day @day falls in.
 */
char        *limber_trend_week_start           (const char  *day,
                                                int          first_weekday);

/**
 * limber_trend_change_is_meaningful:
 *
 * Whether going from a weekly mean of @previous_mean to @mean is a change
 * of at least 2 points and at least 30% of @previous_mean.
 */
gboolean     limber_trend_change_is_meaningful (double       previous_mean,
                                                double       mean);

/**
 * limber_trend_compute:
 *
 * The @n_weeks weeks ending with the week that holds @last_day, each
 * starting on @first_weekday, their totals against the pain of the
 * @n_weeks weeks before, and the insight over the
 * LIMBER_TREND_INSIGHT_DAYS days up to @last_day. Data after @last_day is
 * left out. Reads the days once, and the pain entries of the weeks
 * before in a second, small read.
 */
LimberTrend *limber_trend_compute              (LimberJournal  *journal,
                                                const char     *last_day,
                                                guint           n_weeks,
                                                int             first_weekday,
                                                GError        **error);

void         limber_trend_free                 (LimberTrend    *trend);

/**
 * limber_trend_find_latest:
 *
 * The last day of the latest week with a pain entry on or before @today,
 * weeks starting on @first_weekday: the day a trend that shows the
 * latest entries ends with. @today itself when its week has an entry.
 * %NULL without an error when nothing is logged up to @today.
 */
char        *limber_trend_find_latest          (LimberJournal  *journal,
                                                const char     *today,
                                                int             first_weekday,
                                                GError        **error);

/**
 * limber_trend_has_entries_before:
 *
 * Whether the journal holds a pain entry of a day before @day. %FALSE
 * with @error set when it cannot be read.
 */
gboolean     limber_trend_has_entries_before   (LimberJournal  *journal,
                                                const char     *day,
                                                GError        **error);

/**
 * limber_trend_describe_insight:
 *
 * A sentence or two for people: the two halves' mean pain with their day
 * counts and why that is no proof, or how many more days it needs.
 */
char        *limber_trend_describe_insight     (const LimberTrendInsight *insight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberTrend, limber_trend_free)

G_END_DECLS
