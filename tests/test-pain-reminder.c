/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-pain-reminder.h"

/* The daily "log your pain" reminder: at its time, once a day, only on
 * days without an entry, right across DST changes and sleep. */

#define EVENING (19 * 60)

static GTimeZone *berlin;

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
  g_autoptr (GDateTime) now = g_date_time_new (berlin, year, month, day, hour, minute, 0);
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *text = NULL;
  g_autofree char *for_day = NULL;

  next = limber_pain_reminder_next (now, minute_of_day, 4, logged, last_shown, &for_day);
  text = g_date_time_format (next, "%Y-%m-%d %H:%M %z");
  g_assert_cmpstr (text, ==, expected_time);
  g_assert_cmpstr (for_day, ==, expected_day);
  g_assert_cmpint (g_date_time_compare (next, now), >=, 0);
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
  /* Asleep at 19:00 and not logged: as soon as the computer wakes. */
  assert_next (2026, 11, 25, 21, 12, EVENING, FALSE, "2026-11-24", "2026-11-25 21:12 +0100", "2026-11-25");
  /* Never shown before. */
  assert_next (2026, 11, 25, 8, 0, EVENING, FALSE, NULL, "2026-11-25 19:00 +0100", "2026-11-25");
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
  g_test_add_func ("/pain-reminder/after-midnight", test_after_midnight);
  g_test_add_func ("/pain-reminder/dst", test_dst);

  return g_test_run ();
}
