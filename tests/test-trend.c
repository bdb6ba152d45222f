/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "limber-test-util.h"
#include "limber-trend.h"

/* The weekly trend over a real journal file, with numbers worked out by
 * hand: days and weeks keep their shape across DST changes and time-zone
 * changes, weeks start where they should, changes are labelled
 * meaningful only past both thresholds, and the insight appears only
 * with enough days on each side. The process runs in Europe/Berlin. */

#define SUNDAY 0
#define MONDAY 1

typedef struct
{
  char          *dir;
  LimberJournal *journal;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("limber-trend-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "limber", "journal.db", NULL);
  fixture->journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->journal);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *argv[] = { "rm", "-rf", fixture->dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_finalize_object (fixture->journal);
  g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, 0);
  g_free (fixture->dir);
}

/* After every day the tests log, so that none is in the future. */
static GDateTime *
test_now (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (tz, 2026, 11, 25, 18, 30, 0);
}

static void
save_entry_at (LimberJournal *journal,
               const char    *day,
               int            average,
               int            worst,
               GDateTime     *now)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GError) error = NULL;

  entry->average = average;
  entry->worst = worst;
  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}

static void
save_entry (LimberJournal *journal,
            const char    *day,
            int            average,
            int            worst)
{
  g_autoptr (GDateTime) now = test_now ();

  save_entry_at (journal, day, average, worst, now);
}

static void
delete_entry (LimberJournal *journal,
              const char    *day)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_delete_pain_entry (journal, day, &error));
  g_assert_no_error (error);
}

/* A break due at @due, on the local day it falls on (days starting at
 * midnight), with the UTC offset of that moment. */
static void
add_break_at (LimberJournal      *journal,
              GDateTime          *due,
              LimberBreakOutcome  outcome)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *day = limber_day_for_time (due, 0);
  LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = outcome, .duration_s = 30 };

  g_strlcpy (event.day, day, sizeof event.day);
  event.due_utc = g_date_time_to_unix (due);
  event.due_offset_s = (int) (g_date_time_get_utc_offset (due) / G_TIME_SPAN_SECOND);
  event.end_utc = event.due_utc + 30;
  event.end_offset_s = event.due_offset_s;
  g_assert_true (limber_journal_add_break_event (journal, &event, &error));
  g_assert_no_error (error);
}

static void
add_breaks (LimberJournal      *journal,
            const char         *day,
            LimberBreakOutcome  outcome,
            guint               n)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  GDate date;

  limber_day_to_date (day, &date);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) due = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                                   g_date_get_day (&date), 9 + i, 0, 0);

      add_break_at (journal, due, outcome);
    }
}

static void
add_stretch_at (LimberJournal *journal,
                GDateTime     *start,
                int            seconds_done)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *day = limber_day_for_time (start, 0);
  LimberStretchSession session = { .activity_id = (char *) "wall-angels", .completed = TRUE,
                                   .pain_before = LIMBER_PAIN_SCORE_UNSET,
                                   .pain_after = LIMBER_PAIN_SCORE_UNSET };

  g_strlcpy (session.day, day, sizeof session.day);
  session.start_utc = g_date_time_to_unix (start);
  session.start_offset_s = (int) (g_date_time_get_utc_offset (start) / G_TIME_SPAN_SECOND);
  session.end_utc = session.start_utc + seconds_done;
  session.end_offset_s = session.start_offset_s;
  session.seconds_done = seconds_done;
  g_assert_true (limber_journal_add_stretch_session (journal, &session, &error));
  g_assert_no_error (error);
}

static void
add_stretch (LimberJournal *journal,
             const char    *day,
             int            seconds_done)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr (GDateTime) start = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 15, 0, 0);
  add_stretch_at (journal, start, seconds_done);
}

static LimberTrend *
compute (LimberJournal *journal,
         const char    *last_day,
         guint          n_weeks,
         int            first_weekday)
{
  g_autoptr (GError) error = NULL;
  LimberTrend *trend = limber_trend_compute (journal, last_day, n_weeks, first_weekday, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trend);
  g_assert_cmpuint (trend->days->len, ==, 7 * n_weeks);
  g_assert_cmpuint (trend->weeks->len, ==, n_weeks);
  return trend;
}

static const LimberTrendDay *
day_at (LimberTrend *trend,
        guint        index)
{
  g_assert_cmpuint (index, <, trend->days->len);
  return &g_array_index (trend->days, LimberTrendDay, index);
}

static const LimberTrendWeek *
week_at (LimberTrend *trend,
         guint        index)
{
  g_assert_cmpuint (index, <, trend->weeks->len);
  return &g_array_index (trend->weeks, LimberTrendWeek, index);
}

/* Each day follows the one before, and each week starts every 7th day.
 * GDate rather than limber_day_add(), which refuses days before 1900. */
static void
assert_calendar (LimberTrend *trend,
                 const char  *first_day)
{
  guint year, month, day_of_month;
  GDate date;

  g_assert_cmpint (sscanf (first_day, "%4u-%2u-%2u", &year, &month, &day_of_month), ==, 3);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);

  for (guint i = 0; i < trend->days->len; i++)
    {
      char expected[LIMBER_DAY_LENGTH + 1];

      g_date_strftime (expected, sizeof expected, "%Y-%m-%d", &date);
      g_assert_cmpstr (day_at (trend, i)->day, ==, expected);
      if (i % 7 == 0)
        g_assert_cmpstr (week_at (trend, i / 7)->first_day, ==, expected);
      g_date_add_days (&date, 1);
    }
}

static void
assert_rolling (const LimberTrendDay *day,
                double                expected)
{
  g_assert_true (day->has_rolling_mean);
  g_assert_cmpfloat_with_epsilon (day->rolling_mean, expected, 1e-9);
}

static void
test_locale_first_weekday (void)
{
  int first_weekday = limber_trend_locale_first_weekday ();

  g_assert_cmpint (first_weekday, >=, 0);
  g_assert_cmpint (first_weekday, <=, 6);
#ifdef __GLIBC__
  /* The test never calls setlocale(): glibc's C locale starts on Sunday. */
  g_assert_cmpint (first_weekday, ==, SUNDAY);
#endif
}

static void
test_week_three_days (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (LimberTrend) trend = NULL;
  const LimberTrendWeek *week;
  const LimberTrendDay *day;

  /* Monday 16 November 2026 to Sunday the 22nd; the week before is empty. */
  save_entry (fixture->journal, "2026-11-16", 3, 6);
  save_entry (fixture->journal, "2026-11-18", 5, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-11-21", 7, 8);
  add_breaks (fixture->journal, "2026-11-16", LIMBER_BREAK_OUTCOME_TAKEN, 3);
  add_breaks (fixture->journal, "2026-11-16", LIMBER_BREAK_OUTCOME_NATURAL, 1);
  add_breaks (fixture->journal, "2026-11-16", LIMBER_BREAK_OUTCOME_SKIPPED, 1);
  add_breaks (fixture->journal, "2026-11-16", LIMBER_BREAK_OUTCOME_POSTPONED, 2);
  add_breaks (fixture->journal, "2026-11-17", LIMBER_BREAK_OUTCOME_MISSED, 1);
  add_stretch (fixture->journal, "2026-11-16", 90);
  add_stretch (fixture->journal, "2026-11-16", 60);
  add_stretch (fixture->journal, "2026-11-19", 100);

  trend = compute (fixture->journal, "2026-11-22", 1, MONDAY);
  assert_calendar (trend, "2026-11-16");
  g_assert_cmpstr (trend->last_day, ==, "2026-11-22");
  g_assert_cmpint (trend->first_weekday, ==, MONDAY);

  day = day_at (trend, 0);
  g_assert_true (day->logged);
  g_assert_cmpint (day->average, ==, 3);
  g_assert_cmpint (day->worst, ==, 6);
  /* Natural breaks count as taken; postponing adds nothing to what was
   * due. */
  g_assert_cmpuint (day->breaks_taken, ==, 4);
  g_assert_cmpuint (day->breaks_skipped, ==, 1);
  g_assert_cmpuint (day->breaks_postponed, ==, 2);
  g_assert_cmpuint (day->breaks_due, ==, 5);
  g_assert_cmpuint (day->stretch_seconds, ==, 150);
  g_assert_cmpuint (day->stretch_minutes, ==, 3);

  day = day_at (trend, 1);
  g_assert_false (day->logged);
  g_assert_cmpint (day->average, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpint (day->worst, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (day->breaks_missed, ==, 1);
  g_assert_cmpuint (day->breaks_due, ==, 1);
  g_assert_cmpuint (day->breaks_taken, ==, 0);

  day = day_at (trend, 2);
  g_assert_true (day->logged);
  g_assert_cmpint (day->average, ==, 5);
  g_assert_cmpint (day->worst, ==, LIMBER_PAIN_SCORE_UNSET);

  g_assert_cmpuint (day_at (trend, 3)->stretch_minutes, ==, 2);

  /* Three entries among any 7 days are too few for the rolling mean. */
  for (guint i = 0; i < 7; i++)
    {
      g_assert_false (day_at (trend, i)->has_rolling_mean);
      g_assert_false (day_at (trend, i)->after_last_day);
    }

  week = week_at (trend, 0);
  g_assert_cmpuint (week->days_logged, ==, 3);
  g_assert_true (week->has_mean);
  g_assert_cmpfloat_with_epsilon (week->mean, 5.0, 1e-9);
  g_assert_cmpint (week->highest_worst, ==, 8);
  g_assert_cmpuint (week->breaks_taken, ==, 4);
  g_assert_cmpuint (week->breaks_due, ==, 6);
  /* 250 s round to 4 min once; the days' minutes would add up to 5. */
  g_assert_cmpuint (week->stretch_seconds, ==, 250);
  g_assert_cmpuint (week->stretch_minutes, ==, 4);
  g_assert_false (week->has_change);
  g_assert_false (week->meaningful);
}

static void
test_rolling_mean (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (LimberTrend) trend = NULL;
  const LimberTrendWeek *week;

  /* The end of the week before counts toward the first days' means. */
  save_entry (fixture->journal, "2026-11-13", 2, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-11-14", 4, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-11-15", 6, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-11-16", 8, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-11-18", 3, LIMBER_PAIN_SCORE_UNSET);

  trend = compute (fixture->journal, "2026-11-22", 1, MONDAY);
  assert_calendar (trend, "2026-11-16");

  /* Mon: 13th-16th, (2+4+6+8)/4. Tue: the same four. */
  assert_rolling (day_at (trend, 0), 5.0);
  assert_rolling (day_at (trend, 1), 5.0);
  /* Wed and Thu: (2+4+6+8+3)/5. Fri: the 13th has left, (4+6+8+3)/4. */
  assert_rolling (day_at (trend, 2), 4.6);
  assert_rolling (day_at (trend, 3), 4.6);
  assert_rolling (day_at (trend, 4), 5.25);
  /* Sat and Sun: three entries, then two. */
  g_assert_false (day_at (trend, 5)->has_rolling_mean);
  g_assert_false (day_at (trend, 6)->has_rolling_mean);

  /* 4.0 the week before, 5.5 now: not meaningful. */
  week = week_at (trend, 0);
  g_assert_cmpuint (week->days_logged, ==, 2);
  g_assert_cmpfloat_with_epsilon (week->mean, 5.5, 1e-9);
  g_assert_true (week->has_change);
  g_assert_cmpfloat_with_epsilon (week->change, 1.5, 1e-9);
  g_assert_false (week->meaningful);

  /* Ending on Thursday: Friday would have a mean of 5.25, but it has not
   * happened yet. */
  g_clear_pointer (&trend, limber_trend_free);
  trend = compute (fixture->journal, "2026-11-19", 1, MONDAY);
  assert_rolling (day_at (trend, 3), 4.6);
  g_assert_true (day_at (trend, 4)->after_last_day);
  g_assert_false (day_at (trend, 4)->has_rolling_mean);
}

static void
test_dst_week (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) saturday_late = g_date_time_new (local, 2026, 3, 28, 23, 30, 0);
  g_autoptr (GDateTime) before_change = g_date_time_new (local, 2026, 3, 29, 1, 30, 0);
  g_autoptr (GDateTime) after_change = g_date_time_new (local, 2026, 3, 29, 3, 30, 0);
  g_autoptr (GDateTime) sunday_late = g_date_time_new (local, 2026, 3, 29, 23, 30, 0);
  g_autoptr (GDateTime) monday_early = g_date_time_new (local, 2026, 3, 30, 0, 30, 0);
  g_autoptr (GDateTime) stretch_start = g_date_time_new (local, 2026, 3, 29, 1, 50, 0);
  g_autoptr (GDateTime) saturday_entry = g_date_time_new (local, 2026, 3, 28, 22, 0, 0);
  g_autoptr (GDateTime) sunday_entry = g_date_time_new (local, 2026, 3, 29, 23, 45, 0);
  g_autoptr (GDateTime) autumn_night = g_date_time_new (local, 2026, 10, 25, 2, 30, 0);
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (LimberTrend) autumn = NULL;
  const LimberTrendWeek *week;
  const LimberTrendDay *day;

  /* The clocks go forward in the night to Sunday 29 March 2026: that
   * Sunday has only 23 hours. */
  g_assert_cmpint (g_date_time_get_utc_offset (before_change) / G_TIME_SPAN_HOUR, ==, 1);
  g_assert_cmpint (g_date_time_get_utc_offset (after_change) / G_TIME_SPAN_HOUR, ==, 2);

  save_entry_at (fixture->journal, "2026-03-28", 4, 5, saturday_entry);
  save_entry_at (fixture->journal, "2026-03-29", 6, 7, sunday_entry);
  add_break_at (fixture->journal, saturday_late, LIMBER_BREAK_OUTCOME_TAKEN);
  add_break_at (fixture->journal, before_change, LIMBER_BREAK_OUTCOME_TAKEN);
  add_break_at (fixture->journal, after_change, LIMBER_BREAK_OUTCOME_SKIPPED);
  add_break_at (fixture->journal, sunday_late, LIMBER_BREAK_OUTCOME_TAKEN);
  add_break_at (fixture->journal, monday_early, LIMBER_BREAK_OUTCOME_MISSED);
  add_stretch_at (fixture->journal, stretch_start, 1200);

  trend = compute (fixture->journal, "2026-03-29", 2, MONDAY);
  assert_calendar (trend, "2026-03-16");

  day = day_at (trend, 12);
  g_assert_cmpstr (day->day, ==, "2026-03-28");
  g_assert_cmpint (day->average, ==, 4);
  g_assert_cmpuint (day->breaks_taken, ==, 1);
  g_assert_cmpuint (day->breaks_due, ==, 1);

  day = day_at (trend, 13);
  g_assert_cmpstr (day->day, ==, "2026-03-29");
  g_assert_cmpint (day->average, ==, 6);
  g_assert_cmpuint (day->breaks_taken, ==, 2);
  g_assert_cmpuint (day->breaks_skipped, ==, 1);
  g_assert_cmpuint (day->breaks_due, ==, 3);
  g_assert_cmpuint (day->stretch_minutes, ==, 20);
  g_assert_false (day->after_last_day);

  week = week_at (trend, 1);
  g_assert_cmpuint (week->days_logged, ==, 2);
  g_assert_cmpfloat_with_epsilon (week->mean, 5.0, 1e-9);
  g_assert_cmpint (week->highest_worst, ==, 7);
  /* Monday's missed break belongs to the next week. */
  g_assert_cmpuint (week->breaks_taken, ==, 3);
  g_assert_cmpuint (week->breaks_due, ==, 4);
  g_assert_cmpuint (week->stretch_minutes, ==, 20);

  /* The clocks go back in the night to Sunday 25 October: 25 hours. */
  add_break_at (fixture->journal, autumn_night, LIMBER_BREAK_OUTCOME_TAKEN);
  autumn = compute (fixture->journal, "2026-10-25", 1, MONDAY);
  assert_calendar (autumn, "2026-10-19");
  g_assert_cmpuint (day_at (autumn, 6)->breaks_taken, ==, 1);
  g_assert_cmpuint (day_at (autumn, 5)->breaks_due, ==, 0);
}

static void
test_time_zone_change (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr (GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GDateTime) tokyo_night = g_date_time_new (tokyo, 2026, 5, 5, 23, 30, 0);
  g_autoptr (GDateTime) tokyo_break = g_date_time_new (tokyo, 2026, 5, 5, 23, 40, 0);
  g_autoptr (GDateTime) new_york_evening = g_date_time_new (new_york, 2026, 5, 6, 21, 0, 0);
  g_autoptr (GDateTime) new_york_night = g_date_time_new (new_york, 2026, 5, 6, 22, 0, 0);
  g_autoptr (GDateTime) new_york_break = g_date_time_new (new_york, 2026, 5, 6, 22, 10, 0);
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (GError) error = NULL;
  const LimberTrendDay *day;

  /* Flying west: the evening of the 6th in New York is already the 7th
   * in UTC and in Berlin, yet everything stays on the 6th. */
  save_entry_at (fixture->journal, "2026-05-05", 3, 4, tokyo_night);
  save_entry_at (fixture->journal, "2026-05-06", 5, 6, new_york_night);
  add_break_at (fixture->journal, tokyo_break, LIMBER_BREAK_OUTCOME_TAKEN);
  add_break_at (fixture->journal, new_york_break, LIMBER_BREAK_OUTCOME_TAKEN);
  add_stretch_at (fixture->journal, new_york_evening, 300);

  stored = limber_journal_get_pain_entry (fixture->journal, "2026-05-05", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->created_offset_s, ==, 9 * 3600);
  g_clear_pointer (&stored, limber_pain_entry_free);
  stored = limber_journal_get_pain_entry (fixture->journal, "2026-05-06", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->created_offset_s, ==, -4 * 3600);

  /* Thursday the 7th: the rest of its week is still to come. */
  trend = compute (fixture->journal, "2026-05-07", 1, MONDAY);
  assert_calendar (trend, "2026-05-04");

  day = day_at (trend, 1);
  g_assert_cmpstr (day->day, ==, "2026-05-05");
  g_assert_cmpint (day->average, ==, 3);
  g_assert_cmpuint (day->breaks_taken, ==, 1);

  day = day_at (trend, 2);
  g_assert_cmpstr (day->day, ==, "2026-05-06");
  g_assert_cmpint (day->average, ==, 5);
  g_assert_cmpint (day->worst, ==, 6);
  g_assert_cmpuint (day->breaks_taken, ==, 1);
  g_assert_cmpuint (day->stretch_minutes, ==, 5);

  day = day_at (trend, 3);
  g_assert_false (day->logged);
  g_assert_cmpuint (day->breaks_due, ==, 0);
  g_assert_cmpuint (day->stretch_seconds, ==, 0);
  g_assert_false (day->after_last_day);
  for (guint i = 4; i < 7; i++)
    g_assert_true (day_at (trend, i)->after_last_day);

  g_assert_cmpuint (week_at (trend, 0)->days_logged, ==, 2);
  g_assert_cmpuint (week_at (trend, 0)->breaks_taken, ==, 2);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (LimberTrend) trend = compute (fixture->journal, "2026-11-25", 4, MONDAY);
  g_autoptr (LimberTrend) ancient = NULL;
  g_autofree char *insight_start = limber_day_add ("2026-11-25", -83);
  g_autofree char *text = NULL;

  assert_calendar (trend, "2026-11-02");
  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = day_at (trend, i);

      g_assert_false (day->logged);
      g_assert_cmpint (day->average, ==, LIMBER_PAIN_SCORE_UNSET);
      g_assert_cmpuint (day->breaks_due + day->breaks_postponed + day->stretch_seconds, ==, 0);
      g_assert_false (day->has_rolling_mean);
      g_assert_cmpint (day->after_last_day, ==, i > 23);
    }
  for (guint w = 0; w < trend->weeks->len; w++)
    {
      const LimberTrendWeek *week = week_at (trend, w);

      g_assert_cmpuint (week->days_logged, ==, 0);
      g_assert_false (week->has_mean);
      g_assert_cmpint (week->highest_worst, ==, LIMBER_PAIN_SCORE_UNSET);
      g_assert_cmpuint (week->breaks_due + week->breaks_taken + week->stretch_minutes, ==, 0);
      g_assert_false (week->has_change);
      g_assert_false (week->meaningful);
    }

  g_assert_cmpstr (trend->insight.first_day, ==, insight_start);
  g_assert_cmpstr (trend->insight.last_day, ==, "2026-11-25");
  g_assert_false (trend->insight.available);
  g_assert_cmpuint (trend->insight.n_days, ==, 0);
  g_assert_cmpuint (trend->insight.days_needed, ==, 14);
  text = limber_trend_describe_insight (&trend->insight);
  g_assert_cmpstr (text, ==, "To compare your pain on days with more and with fewer breaks, Limber needs at least "
                             "14 more days with both a pain entry and breaks due.");

  /* Weeks that begin before the journal could hold anything. */
  ancient = compute (fixture->journal, "1900-01-03", 1, SUNDAY);
  assert_calendar (ancient, "1899-12-31");
  g_assert_false (week_at (ancient, 0)->has_mean);
}

static void
test_week_start (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Wednesday 25 March 2026, by first weekday from Sunday on. */
  const char *starts[] = { "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25",
                           "2026-03-19", "2026-03-20", "2026-03-21" };
  g_autoptr (LimberTrend) monday = NULL;
  g_autoptr (LimberTrend) sunday = NULL;
  g_autofree char *new_year = limber_trend_week_start ("2027-01-01", MONDAY);
  GDate date;

  for (int weekday = 0; weekday < 7; weekday++)
    {
      g_autofree char *start = limber_trend_week_start ("2026-03-25", weekday);

      g_assert_cmpstr (start, ==, starts[weekday]);
    }
  g_assert_cmpstr (new_year, ==, "2026-12-28");
  limber_day_to_date ("2026-03-22", &date);
  limber_trend_week_start_date (&date, SUNDAY);
  g_assert_cmpuint (g_date_get_day (&date), ==, 22);

  /* A Sunday entry without a worst score, and a Monday one. */
  save_entry (fixture->journal, "2026-03-22", 6, LIMBER_PAIN_SCORE_UNSET);
  save_entry (fixture->journal, "2026-03-23", 2, 3);
  /* After the last day: left out. */
  save_entry (fixture->journal, "2026-03-26", 9, 9);
  add_breaks (fixture->journal, "2026-03-26", LIMBER_BREAK_OUTCOME_TAKEN, 2);

  monday = compute (fixture->journal, "2026-03-25", 2, MONDAY);
  assert_calendar (monday, "2026-03-16");
  /* Sunday closes the first week; the highest worst falls back to its
   * average. */
  g_assert_cmpuint (week_at (monday, 0)->days_logged, ==, 1);
  g_assert_cmpfloat_with_epsilon (week_at (monday, 0)->mean, 6.0, 1e-9);
  g_assert_cmpint (week_at (monday, 0)->highest_worst, ==, 6);
  g_assert_cmpuint (week_at (monday, 1)->days_logged, ==, 1);
  g_assert_cmpfloat_with_epsilon (week_at (monday, 1)->mean, 2.0, 1e-9);
  g_assert_cmpint (week_at (monday, 1)->highest_worst, ==, 3);
  g_assert_cmpfloat_with_epsilon (week_at (monday, 1)->change, -4.0, 1e-9);
  g_assert_true (week_at (monday, 1)->meaningful);
  g_assert_cmpuint (week_at (monday, 1)->breaks_taken, ==, 0);
  g_assert_false (day_at (monday, 9)->after_last_day);
  for (guint i = 10; i < 14; i++)
    {
      g_assert_true (day_at (monday, i)->after_last_day);
      g_assert_false (day_at (monday, i)->logged);
    }

  sunday = compute (fixture->journal, "2026-03-25", 2, SUNDAY);
  assert_calendar (sunday, "2026-03-15");
  g_assert_false (week_at (sunday, 0)->has_mean);
  g_assert_cmpuint (week_at (sunday, 1)->days_logged, ==, 2);
  g_assert_cmpfloat_with_epsilon (week_at (sunday, 1)->mean, 4.0, 1e-9);
  g_assert_cmpint (week_at (sunday, 1)->highest_worst, ==, 6);
  g_assert_false (week_at (sunday, 1)->has_change);
  g_assert_false (day_at (sunday, 10)->after_last_day);
  g_assert_true (day_at (sunday, 11)->after_last_day);
}

static void
test_meaningful_change (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (LimberTrend) trend = NULL;
  struct { const char *days[2]; int averages[2]; } logged[] = {
    { { "2026-08-17", "2026-08-18" }, { 5, 5 } },
    { { "2026-08-24", "2026-08-25" }, { 3, 3 } },
    { { "2026-08-31", "2026-09-01" }, { 8, 8 } },
    { { "2026-09-07", "2026-09-08" }, { 6, 7 } },
    { { "2026-09-14", NULL }, { 7, 0 } },
    { { "2026-09-21", NULL }, { 5, 0 } },
  };
  const double means[] = { 5.0, 3.0, 8.0, 6.5, 7.0, 5.0 };
  const gboolean meaningful[] = { FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };

  /* 2 points and 40%; 1.5 points; 2 points but under 30%. */
  g_assert_true (limber_trend_change_is_meaningful (5.0, 3.0));
  g_assert_false (limber_trend_change_is_meaningful (8.0, 6.5));
  g_assert_false (limber_trend_change_is_meaningful (7.0, 5.0));
  g_assert_true (limber_trend_change_is_meaningful (3.0, 5.0));
  /* Exactly at both thresholds. */
  g_assert_true (limber_trend_change_is_meaningful (10.0, 7.0));
  g_assert_true (limber_trend_change_is_meaningful (20.0 / 3.0, 20.0 / 3.0 - 2.0));
  g_assert_true (limber_trend_change_is_meaningful (0.0, 2.0));
  g_assert_false (limber_trend_change_is_meaningful (0.0, 1.9));

  for (guint w = 0; w < G_N_ELEMENTS (logged); w++)
    {
      for (guint i = 0; i < 2 && logged[w].days[i] != NULL; i++)
        save_entry (fixture->journal, logged[w].days[i], logged[w].averages[i], LIMBER_PAIN_SCORE_UNSET);
    }

  trend = compute (fixture->journal, "2026-09-27", 6, MONDAY);
  assert_calendar (trend, "2026-08-17");
  for (guint w = 0; w < 6; w++)
    {
      const LimberTrendWeek *week = week_at (trend, w);

      g_assert_true (week->has_mean);
      g_assert_cmpfloat_with_epsilon (week->mean, means[w], 1e-9);
      /* The first week's previous week has no entries. */
      g_assert_cmpint (week->has_change, ==, w > 0);
      if (w > 0)
        g_assert_cmpfloat_with_epsilon (week->change, means[w] - means[w - 1], 1e-9);
      g_assert_cmpint (week->meaningful, ==, meaningful[w]);
    }
}

/* Logs @n days from @first_day on, each with an entry of @average and
 * @taken breaks taken; returns the day after the last. */
static char *
log_days (LimberJournal *journal,
          const char    *first_day,
          guint          n,
          guint          taken,
          int            average)
{
  char *day = g_strdup (first_day);

  for (guint i = 0; i < n; i++)
    {
      char *next = limber_day_add (day, 1);

      save_entry (journal, day, average, LIMBER_PAIN_SCORE_UNSET);
      add_breaks (journal, day, LIMBER_BREAK_OUTCOME_TAKEN, taken);
      g_free (day);
      day = next;
    }
  return day;
}

static void
test_insight (Fixture       *fixture,
              gconstpointer  user_data)
{
  const int lower_pain[] = { 4, 5, 6, 5, 4, 6, 4 };
  const int upper_pain[] = { 3, 2, 3, 4, 3, 2, 3 };
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (LimberTrend) fewer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fewer_text = NULL;

  /* 1-7 June: 2 taken and 1 skipped each. 8-14 June: 4 taken, 1 natural
   * and 1 missed. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *low_day = g_strdup_printf ("2026-06-%02u", i + 1);
      g_autofree char *high_day = g_strdup_printf ("2026-06-%02u", i + 8);

      save_entry (fixture->journal, low_day, lower_pain[i], LIMBER_PAIN_SCORE_UNSET);
      add_breaks (fixture->journal, low_day, LIMBER_BREAK_OUTCOME_TAKEN, 2);
      add_breaks (fixture->journal, low_day, LIMBER_BREAK_OUTCOME_SKIPPED, 1);
      save_entry (fixture->journal, high_day, upper_pain[i], LIMBER_PAIN_SCORE_UNSET);
      add_breaks (fixture->journal, high_day, LIMBER_BREAK_OUTCOME_TAKEN, 4);
      add_breaks (fixture->journal, high_day, LIMBER_BREAK_OUTCOME_NATURAL, 1);
      add_breaks (fixture->journal, high_day, LIMBER_BREAK_OUTCOME_MISSED, 1);
    }
  /* The first day of the 12 weeks counts, the one before does not. */
  save_entry (fixture->journal, "2026-04-08", 4, LIMBER_PAIN_SCORE_UNSET);
  add_breaks (fixture->journal, "2026-04-08", LIMBER_BREAK_OUTCOME_TAKEN, 2);
  save_entry (fixture->journal, "2026-04-07", 9, LIMBER_PAIN_SCORE_UNSET);
  add_breaks (fixture->journal, "2026-04-07", LIMBER_BREAK_OUTCOME_TAKEN, 1);
  /* A day with no break due says nothing about breaks; breaks without an
   * entry say nothing about pain. */
  save_entry (fixture->journal, "2026-06-20", 9, 10);
  add_breaks (fixture->journal, "2026-06-21", LIMBER_BREAK_OUTCOME_TAKEN, 5);

  /* Only two weeks shown: the insight still covers 12. */
  trend = compute (fixture->journal, "2026-06-30", 2, MONDAY);
  g_assert_cmpstr (trend->insight.first_day, ==, "2026-04-08");
  g_assert_cmpstr (trend->insight.last_day, ==, "2026-06-30");
  g_assert_cmpuint (trend->insight.n_days, ==, 15);
  g_assert_true (trend->insight.available);
  g_assert_cmpuint (trend->insight.upper_min_taken, ==, 5);
  g_assert_cmpuint (trend->insight.n_upper, ==, 7);
  g_assert_cmpfloat_with_epsilon (trend->insight.upper_mean, 20.0 / 7.0, 1e-9);
  g_assert_cmpuint (trend->insight.n_lower, ==, 8);
  g_assert_cmpfloat_with_epsilon (trend->insight.lower_mean, 4.75, 1e-9);
  g_assert_cmpuint (trend->insight.days_needed, ==, 0);

  text = limber_trend_describe_insight (&trend->insight);
  g_assert_cmpstr (text, ==,
                   "Over the last 12 weeks, on the 7 days with more breaks taken, your pain averaged 2.9 out of 10. "
                   "On the 8 days with fewer breaks, it averaged 4.8. "
                   "This is a pattern, not proof that breaks help: busy or painful days can themselves crowd out "
                   "breaks, workload and sleep affect both, days next to each other tend to be alike, and pain "
                   "often eases with time anyway.");

  /* Six days with fewer breaks are not enough. */
  delete_entry (fixture->journal, "2026-04-08");
  delete_entry (fixture->journal, "2026-06-07");
  fewer = compute (fixture->journal, "2026-06-30", 2, MONDAY);
  g_assert_cmpuint (fewer->insight.n_days, ==, 13);
  g_assert_cmpuint (fewer->insight.n_lower, ==, 6);
  g_assert_cmpuint (fewer->insight.n_upper, ==, 7);
  g_assert_false (fewer->insight.available);
  g_assert_cmpuint (fewer->insight.days_needed, ==, 1);
  fewer_text = limber_trend_describe_insight (&fewer->insight);
  g_assert_cmpstr (fewer_text, ==, "To compare your pain on days with more and with fewer breaks, Limber needs at least "
                                   "1 more day with both a pain entry and breaks due.");
}

static void
test_insight_ties (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (LimberTrend) to_upper = NULL;
  g_autoptr (LimberTrend) to_lower = NULL;
  g_autoptr (LimberTrend) all_tied = NULL;
  g_autofree char *day = NULL;
  g_autofree char *all_tied_text = NULL;

  /* 7 days with 1 break, 3 with 3, 7 with 5: moving the three days at
   * the median either way leaves 7 against 10, so they go up. */
  day = log_days (fixture->journal, "2026-01-05", 7, 1, 6);
  g_free (log_days (fixture->journal, day, 3, 3, 4));
  g_free (day);
  day = log_days (fixture->journal, "2026-02-01", 7, 5, 2);
  to_upper = compute (fixture->journal, "2026-02-28", 1, MONDAY);
  g_assert_cmpuint (to_upper->insight.n_days, ==, 17);
  g_assert_cmpuint (to_upper->insight.upper_min_taken, ==, 3);
  g_assert_cmpuint (to_upper->insight.n_lower, ==, 7);
  g_assert_cmpfloat_with_epsilon (to_upper->insight.lower_mean, 6.0, 1e-9);
  g_assert_cmpuint (to_upper->insight.n_upper, ==, 10);
  g_assert_cmpfloat_with_epsilon (to_upper->insight.upper_mean, 2.6, 1e-9);
  g_assert_true (to_upper->insight.available);

  /* 7 with 1, 2 with 3, 8 with 5: the two days at 3 balance the halves
   * best (9 against 8) in the lower half. */
  g_free (day);
  day = log_days (fixture->journal, "2026-04-01", 7, 1, 6);
  g_free (log_days (fixture->journal, day, 2, 3, 4));
  g_free (day);
  day = log_days (fixture->journal, "2026-05-01", 8, 5, 2);
  to_lower = compute (fixture->journal, "2026-05-31", 1, MONDAY);
  g_assert_cmpuint (to_lower->insight.n_days, ==, 17);
  g_assert_cmpuint (to_lower->insight.upper_min_taken, ==, 5);
  g_assert_cmpuint (to_lower->insight.n_lower, ==, 9);
  g_assert_cmpfloat_with_epsilon (to_lower->insight.lower_mean, 50.0 / 9.0, 1e-9);
  g_assert_cmpuint (to_lower->insight.n_upper, ==, 8);
  g_assert_cmpfloat_with_epsilon (to_lower->insight.upper_mean, 2.0, 1e-9);
  g_assert_true (to_lower->insight.available);

  /* Every day alike: nothing to split, whatever the number of days. */
  g_free (day);
  day = log_days (fixture->journal, "2026-08-01", 15, 3, 5);
  all_tied = compute (fixture->journal, "2026-09-30", 1, MONDAY);
  g_assert_cmpuint (all_tied->insight.n_days, ==, 15);
  g_assert_cmpuint (all_tied->insight.n_lower, ==, 0);
  g_assert_cmpuint (all_tied->insight.n_upper, ==, 15);
  g_assert_false (all_tied->insight.available);
  g_assert_cmpuint (all_tied->insight.days_needed, ==, 7);
  all_tied_text = limber_trend_describe_insight (&all_tied->insight);
  g_assert_nonnull (strstr (all_tied_text, "at least 7 more days"));
}

/* The day a trend should end with to show the latest entries on
 * @today. */
static char *
find_latest_on (LimberJournal *journal,
                const char    *today,
                int            first_weekday)
{
  g_autoptr (GError) error = NULL;
  char *last_day = limber_trend_find_latest (journal, today, first_weekday, &error);

  g_assert_no_error (error);
  return last_day;
}

/* The same on Wednesday 25 November 2026. */
static char *
find_latest (LimberJournal *journal,
             int            first_weekday)
{
  g_autoptr (GError) error = NULL;
  char *last_day = limber_trend_find_latest (journal, "2026-11-25", first_weekday, &error);

  g_assert_no_error (error);
  return last_day;
}

static gboolean
has_entries_before (LimberJournal *journal,
                    const char    *day)
{
  g_autoptr (GError) error = NULL;
  gboolean has_entries = limber_trend_has_entries_before (journal, day, &error);

  g_assert_no_error (error);
  return has_entries;
}

/* The number of logged days a trend shows. */
static guint
count_logged (LimberTrend *trend)
{
  guint logged = 0;

  for (guint i = 0; i < trend->days->len; i++)
    logged += day_at (trend, i)->logged;
  return logged;
}

static void
test_find_latest_none (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *latest = NULL;
  g_autofree char *before_entry = NULL;
  g_autofree char *with_entry = NULL;

  /* Breaks and stretching without a single pain entry: nothing for a
   * chart of pain to show. */
  add_breaks (fixture->journal, "2026-11-24", LIMBER_BREAK_OUTCOME_TAKEN, 3);
  add_stretch (fixture->journal, "2026-11-24", 300);
  latest = find_latest (fixture->journal, MONDAY);
  g_assert_null (latest);
  g_assert_false (has_entries_before (fixture->journal, "2026-11-25"));
  g_assert_false (has_entries_before (fixture->journal, LIMBER_DAY_FIRST));

  /* An entry of Tuesday is still to come on Monday. */
  save_entry (fixture->journal, "2026-11-24", 4, 5);
  before_entry = find_latest_on (fixture->journal, "2026-11-23", MONDAY);
  g_assert_null (before_entry);
  with_entry = find_latest_on (fixture->journal, "2026-11-24", MONDAY);
  g_assert_cmpstr (with_entry, ==, "2026-11-24");
  g_assert_false (has_entries_before (fixture->journal, "2026-11-24"));
  g_assert_true (has_entries_before (fixture->journal, "2026-11-25"));
}

/* Entries only in weeks long past: the trend ends with the last of them,
 * not with the empty weeks since. */
static void
test_find_latest_old_weeks (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *monday_latest = NULL;
  g_autofree char *sunday_latest = NULL;
  g_autoptr (LimberTrend) trend = NULL;

  /* Wednesday 5 and Wednesday 12 August 2026. */
  save_entry (fixture->journal, "2026-08-05", 5, 6);
  save_entry (fixture->journal, "2026-08-12", 3, 4);

  /* The week of 12 August ends on Sunday the 16th, or when weeks start
   * on Sunday, on Saturday the 15th. */
  monday_latest = find_latest (fixture->journal, MONDAY);
  g_assert_cmpstr (monday_latest, ==, "2026-08-16");
  sunday_latest = find_latest (fixture->journal, SUNDAY);
  g_assert_cmpstr (sunday_latest, ==, "2026-08-15");

  trend = compute (fixture->journal, monday_latest, 4, MONDAY);
  assert_calendar (trend, "2026-07-20");
  g_assert_cmpuint (count_logged (trend), ==, 2);
  g_assert_cmpuint (trend->range.shown.days_logged, ==, 2);
  g_assert_cmpstr (trend->range.shown.last_day, ==, "2026-08-16");

  g_assert_true (has_entries_before (fixture->journal, "2026-08-06"));
  g_assert_false (has_entries_before (fixture->journal, "2026-08-05"));
}

/* The four weeks up to the latest entry, whether that is last week or
 * this one. */
static void
test_find_latest_recent (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *last_week = NULL;
  g_autofree char *this_week = NULL;
  g_autoptr (LimberTrend) trend = NULL;
  guint n_logged = 0;

  /* Every other day from Monday 28 September to Wednesday 18 November,
   * the middle of last week. */
  for (g_autofree char *day = g_strdup ("2026-09-28"); strcmp (day, "2026-11-18") <= 0;)
    {
      char *next = limber_day_add (day, 2);

      save_entry (fixture->journal, day, 4, 6);
      /* Logged in the four weeks from Monday 26 October on. */
      if (strcmp (day, "2026-10-26") >= 0)
        n_logged++;
      g_free (day);
      day = next;
    }

  last_week = find_latest (fixture->journal, MONDAY);
  g_assert_cmpstr (last_week, ==, "2026-11-22");
  trend = compute (fixture->journal, last_week, 4, MONDAY);
  assert_calendar (trend, "2026-10-26");
  g_assert_cmpuint (count_logged (trend), ==, n_logged);
  g_assert_cmpuint (trend->range.shown.days_logged, ==, n_logged);
  for (guint w = 0; w < 4; w++)
    g_assert_cmpuint (week_at (trend, w)->days_logged, >, 0);
  g_assert_true (has_entries_before (fixture->journal, "2026-10-26"));

  /* An entry on Monday of this week: the trend runs up to today. */
  save_entry (fixture->journal, "2026-11-23", 2, 3);
  this_week = find_latest (fixture->journal, MONDAY);
  g_assert_cmpstr (this_week, ==, "2026-11-25");
}

static void
assert_totals (const LimberTrendTotals *totals,
               const char              *first_day,
               const char              *last_day,
               guint                    n_days,
               guint                    days_logged,
               double                   mean)
{
  g_assert_cmpstr (totals->first_day, ==, first_day);
  g_assert_cmpstr (totals->last_day, ==, last_day);
  g_assert_cmpuint (totals->n_days, ==, n_days);
  g_assert_cmpuint (totals->days_logged, ==, days_logged);
  g_assert_cmpint (totals->has_mean, ==, days_logged > 0);
  if (days_logged > 0)
    g_assert_cmpfloat_with_epsilon (totals->mean, mean, 1e-9);
}

static void
assert_previous (const LimberTrendRange *range,
                 const char             *first_day,
                 const char             *last_day,
                 guint                   n_days,
                 guint                   days_logged,
                 double                  mean)
{
  g_assert_cmpstr (range->previous_first_day, ==, first_day);
  g_assert_cmpstr (range->previous_last_day, ==, last_day);
  g_assert_cmpuint (range->previous_n_days, ==, n_days);
  g_assert_cmpuint (range->previous_days_logged, ==, days_logged);
  g_assert_cmpint (range->previous_has_mean, ==, days_logged > 0);
  if (days_logged > 0)
    g_assert_cmpfloat_with_epsilon (range->previous_mean, mean, 1e-9);
}

/* The four weeks from Monday 26 October to Sunday 22 November 2026
 * against the four weeks before them. */
static void
test_range_totals (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *previous_days[] = { "2026-09-28", "2026-09-29", "2026-10-05", "2026-10-06",
                                  "2026-10-12", "2026-10-13", "2026-10-19", "2026-10-20" };
  const char *shown_days[] = { "2026-10-26", "2026-10-27", "2026-10-28", "2026-11-02", "2026-11-03",
                               "2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17", "2026-11-18" };
  const int shown_averages[] = { 3, 3, 3, 3, 3, 4, 4, 4, 4, 4 };
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (LimberTrend) thinner = NULL;
  g_autoptr (LimberTrend) long_trend = NULL;
  g_autoptr (LimberTrend) under_way = NULL;
  const LimberTrendRange *range;

  /* 8 days of 6 before, 10 days averaging 3.5 shown. */
  for (guint i = 0; i < G_N_ELEMENTS (previous_days); i++)
    save_entry (fixture->journal, previous_days[i], 6, LIMBER_PAIN_SCORE_UNSET);
  for (guint i = 0; i < G_N_ELEMENTS (shown_days); i++)
    save_entry (fixture->journal, shown_days[i], shown_averages[i], i == 9 ? 9 : shown_averages[i] + 1);
  /* After the range: left out. */
  save_entry (fixture->journal, "2026-11-23", 9, 10);

  /* Shown: 3 taken and 1 skipped, 2 natural and 1 postponed, which is
   * not yet due; before: 1 taken. */
  add_breaks (fixture->journal, "2026-11-02", LIMBER_BREAK_OUTCOME_TAKEN, 3);
  add_breaks (fixture->journal, "2026-11-02", LIMBER_BREAK_OUTCOME_SKIPPED, 1);
  add_breaks (fixture->journal, "2026-11-10", LIMBER_BREAK_OUTCOME_NATURAL, 2);
  add_breaks (fixture->journal, "2026-11-10", LIMBER_BREAK_OUTCOME_POSTPONED, 1);
  add_breaks (fixture->journal, "2026-10-05", LIMBER_BREAK_OUTCOME_TAKEN, 1);
  /* 600 and 290 seconds: 890, rounded once to 15 minutes. */
  add_stretch (fixture->journal, "2026-10-27", 600);
  add_stretch (fixture->journal, "2026-11-16", 290);

  trend = compute (fixture->journal, "2026-11-22", 4, MONDAY);
  range = &trend->range;
  assert_totals (&range->shown, "2026-10-26", "2026-11-22", 28, 10, 3.5);
  g_assert_cmpuint (range->shown.n_weeks, ==, 4);
  g_assert_cmpint (range->shown.highest_worst, ==, 9);
  g_assert_cmpuint (range->shown.breaks_taken, ==, 5);
  g_assert_cmpuint (range->shown.breaks_due, ==, 6);
  g_assert_cmpuint (range->shown.stretch_seconds, ==, 890);
  g_assert_cmpuint (range->shown.stretch_minutes, ==, 15);

  assert_previous (range, "2026-09-28", "2026-10-25", 28, 8, 6.0);

  /* 8 logged days of 28 is just enough; 2.5 points and 42% is clear. */
  g_assert_true (range->comparable);
  g_assert_cmpfloat_with_epsilon (range->change, -2.5, 1e-9);
  g_assert_true (range->meaningful);

  /* With 7 days before, too few to compare, though both have a mean. */
  delete_entry (fixture->journal, "2026-10-20");
  thinner = compute (fixture->journal, "2026-11-22", 4, MONDAY);
  g_assert_cmpuint (thinner->range.previous_days_logged, ==, 7);
  g_assert_true (thinner->range.previous_has_mean);
  g_assert_false (thinner->range.comparable);
  g_assert_false (thinner->range.meaningful);

  /* Twelve weeks: everything logged is in the shown range, nothing in
   * the twelve weeks before. */
  long_trend = compute (fixture->journal, "2026-11-22", 12, MONDAY);
  assert_totals (&long_trend->range.shown, "2026-08-31", "2026-11-22", 84, 17, (7 * 6 + 35) / 17.0);
  assert_previous (&long_trend->range, "2026-06-08", "2026-08-30", 84, 0, 0);
  g_assert_false (long_trend->range.comparable);

  /* The week under way, up to Wednesday: 3 days, of which 1 logged is
   * enough against the week before with its 3 (2, 3 and 4 of 7 days). */
  under_way = compute (fixture->journal, "2026-11-25", 1, MONDAY);
  assert_totals (&under_way->range.shown, "2026-11-23", "2026-11-25", 3, 1, 9.0);
  assert_previous (&under_way->range, "2026-11-16", "2026-11-22", 7, 3, 4.0);
  g_assert_true (under_way->range.comparable);
  g_assert_cmpfloat_with_epsilon (under_way->range.change, 5.0, 1e-9);
  g_assert_true (under_way->range.meaningful);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local time zone. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trend/locale-first-weekday", test_locale_first_weekday);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/trend/week-three-days", test_week_three_days);
  ADD ("/trend/rolling-mean", test_rolling_mean);
  ADD ("/trend/dst-week", test_dst_week);
  ADD ("/trend/time-zone-change", test_time_zone_change);
  ADD ("/trend/empty", test_empty);
  ADD ("/trend/week-start", test_week_start);
  ADD ("/trend/meaningful-change", test_meaningful_change);
  ADD ("/trend/insight", test_insight);
  ADD ("/trend/insight-ties", test_insight_ties);
  ADD ("/trend/find-latest/none", test_find_latest_none);
  ADD ("/trend/find-latest/old-weeks", test_find_latest_old_weeks);
  ADD ("/trend/find-latest/recent", test_find_latest_recent);
  ADD ("/trend/range-totals", test_range_totals);
#undef ADD

  return g_test_run ();
}
