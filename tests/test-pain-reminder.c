/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "limber-pain-reminder.h"

/* The daily "log your pain" reminder: at its time, once a day, only on
 * days without an entry, right across DST changes and sleep; and never
 * the moment the person sits down after its time. */

#define EVENING (19 * 60)

static GTimeZone *berlin;

/* "2026-11-25 18:00" in Berlin; NULL for NULL. */
static GDateTime *
berlin_time (const char *text)
{
  int year, month, day, hour, minute;

  if (text == NULL)
    return NULL;
  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute), ==, 5);
  return g_date_time_new (berlin, year, month, day, hour, minute, 0);
}

static void
assert_next_present (int         year,
                     int         month,
                     int         day,
                     int         hour,
                     int         minute,
                     guint       minute_of_day,
                     gboolean    logged,
                     const char *last_shown,
                     const char *present_since,
                     const char *expected_time,
                     const char *expected_day)
{
  g_autoptr (GDateTime) now = g_date_time_new (berlin, year, month, day, hour, minute, 0);
  g_autoptr (GDateTime) since = berlin_time (present_since);
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *text = NULL;
  g_autofree char *for_day = NULL;

  next = limber_pain_reminder_next (now, minute_of_day, 4, logged, last_shown, since, &for_day);
  if (expected_time == NULL)
    {
      g_assert_null (next);
      g_assert_cmpstr (for_day, ==, expected_day);
      return;
    }
  g_assert_nonnull (next);
  text = g_date_time_format (next, "%Y-%m-%d %H:%M %z");
  g_assert_cmpstr (text, ==, expected_time);
  g_assert_cmpstr (for_day, ==, expected_day);
  g_assert_cmpint (g_date_time_compare (next, now), >=, 0);
}

/* With the person at the computer since the early morning of the day
 * asked about. */
static void
assert_next (int         year,
             int         month,
             int         day,
             int         hour,
             int         minute,
             guint       minute_of_day,
             gboolean    logged,
             const char *last_shown,
             const char *expected_time,
             const char *expected_day)
{
  g_autofree char *since = g_strdup_printf ("%04d-%02d-%02d 00:00", year, month, day);
  g_autoptr (GDateTime) now = g_date_time_new (berlin, year, month, day, hour, minute, 0);
  g_autoptr (GDateTime) midnight = g_date_time_new (berlin, year, month, day, 0, 0, 0);

  /* Present since the midnight before @now, or since an hour before. */
  if (g_date_time_difference (now, midnight) < G_TIME_SPAN_HOUR)
    {
      g_autoptr (GDateTime) earlier = g_date_time_add_hours (now, -1);

      g_free (since);
      since = g_date_time_format (earlier, "%Y-%m-%d %H:%M");
    }
  assert_next_present (year, month, day, hour, minute, minute_of_day, logged, last_shown, since,
                       expected_time, expected_day);
}

static void
test_today_or_tomorrow (void)
{
  /* The afternoon of a day without an entry: this evening. */
  assert_next (2026, 11, 25, 15, 0, EVENING, FALSE, "2026-11-24", "2026-11-25 19:00 +0100", "2026-11-25");
  /* Logged already: tomorrow evening. */
  assert_next (2026, 11, 25, 15, 0, EVENING, TRUE, "2026-11-24", "2026-11-26 19:00 +0100", "2026-11-26");
  /* Shown already today: tomorrow. */
  assert_next (2026, 11, 25, 19, 30, EVENING, FALSE, "2026-11-25", "2026-11-26 19:00 +0100", "2026-11-26");
  /* At the computer at 19:00 and not logged: at 19:00. */
  assert_next (2026, 11, 25, 19, 0, EVENING, FALSE, "2026-11-24", "2026-11-25 19:00 +0100", "2026-11-25");
  /* Never shown before. */
  assert_next (2026, 11, 25, 8, 0, EVENING, FALSE, NULL, "2026-11-25 19:00 +0100", "2026-11-25");
}

/* The evening: Limber first opened, or the computer woken, after
 * the reminder's time. It does not greet the person the moment they sit
 * down; it comes once they have been back a while, once. */
static void
test_arriving_late (void)
{
  /* Came at 21:10 (started, woken, back from away): not at 21:10 but at
   * 21:20, ten minutes on. */
  assert_next_present (2026, 11, 25, 21, 10, EVENING, FALSE, "2026-11-24", "2026-11-25 21:10",
                       "2026-11-25 21:20 +0100", "2026-11-25");
  g_assert_cmpint (LIMBER_PAIN_REMINDER_SETTLE_S, ==, 10 * 60);
  /* Asked again at 21:20, still there: now. */
  assert_next_present (2026, 11, 25, 21, 20, EVENING, FALSE, "2026-11-24", "2026-11-25 21:10",
                       "2026-11-25 21:20 +0100", "2026-11-25");
  /* Asked late (a timer held up by sleep), there all along: now. */
  assert_next_present (2026, 11, 25, 22, 5, EVENING, FALSE, "2026-11-24", "2026-11-25 21:10",
                       "2026-11-25 22:05 +0100", "2026-11-25");
  /* Away again: nothing is due until they are back. */
  assert_next_present (2026, 11, 25, 21, 15, EVENING, FALSE, "2026-11-24", NULL, NULL, "2026-11-25");
  /* Away at 19:00 and back at 19:40: 19:50. */
  assert_next_present (2026, 11, 25, 19, 40, EVENING, FALSE, "2026-11-24", "2026-11-25 19:40",
                       "2026-11-25 19:50 +0100", "2026-11-25");
  /* Before its time, away or not, it is at its time: whether they are
   * there is asked then. */
  assert_next_present (2026, 11, 25, 18, 0, EVENING, FALSE, "2026-11-24", NULL,
                       "2026-11-25 19:00 +0100", "2026-11-25");
  /* Shown once today: never twice, however they come and go. */
  assert_next_present (2026, 11, 25, 21, 10, EVENING, FALSE, "2026-11-25", "2026-11-25 21:10",
                       "2026-11-26 19:00 +0100", "2026-11-26");
  /* Logged already: not at all today. */
  assert_next_present (2026, 11, 25, 21, 10, EVENING, TRUE, "2026-11-24", "2026-11-25 21:10",
                       "2026-11-26 19:00 +0100", "2026-11-26");
  assert_next_present (2026, 11, 25, 21, 15, EVENING, TRUE, "2026-11-24", NULL,
                       "2026-11-26 19:00 +0100", "2026-11-26");
  /* Back at 00:30, after midnight but before the day rolls over at 04:00:
   * still the 25th's reminder, ten minutes on. */
  assert_next_present (2026, 11, 26, 0, 30, EVENING, FALSE, "2026-11-24", "2026-11-26 00:30",
                       "2026-11-26 00:40 +0100", "2026-11-25");
}

static void
test_after_midnight (void)
{
  /* A reminder at 01:00 belongs to the evening before, as the day starts
   * at 04:00. */
  assert_next (2026, 11, 25, 23, 0, 60, FALSE, "2026-11-24", "2026-11-26 01:00 +0100", "2026-11-25");
  /* At 02:00 the day is still the 25th, whose reminder came at 01:00. */
  assert_next (2026, 11, 26, 2, 0, 60, FALSE, "2026-11-25", "2026-11-27 01:00 +0100", "2026-11-26");
}

static void
test_dst (void)
{
  /* Spring forward in Berlin: 02:30 does not exist on 2026-03-29, so the
   * reminder of the 28th, due that night, comes at the first time the
   * clocks show after the jump. */
  assert_next (2026, 3, 28, 20, 0, 2 * 60 + 30, FALSE, NULL, "2026-03-29 03:00 +0200", "2026-03-28");
  assert_next (2026, 3, 28, 20, 0, 19 * 60, TRUE, NULL, "2026-03-29 19:00 +0200", "2026-03-29");
  /* Fall back: the evening is an hour further away but at the same time
   * on the clock. */
  assert_next (2026, 10, 24, 20, 0, 19 * 60, TRUE, NULL, "2026-10-25 19:00 +0100", "2026-10-25");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");

  g_test_add_func ("/pain-reminder/today-or-tomorrow", test_today_or_tomorrow);
  g_test_add_func ("/pain-reminder/arriving-late", test_arriving_late);
  g_test_add_func ("/pain-reminder/after-midnight", test_after_midnight);
  g_test_add_func ("/pain-reminder/dst", test_dst);

  return g_test_run ();
}
