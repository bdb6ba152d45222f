/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "limber-clock.h"
#include "limber-day.h"

/* The clock follows the zone file as it is re-pointed, and the rollover
 * hour as it is set, and says so. */

typedef struct
{
  guint days;
  guint zones;
} Counts;

static void
count_cb (LimberClock *clock,
          guint       *counter)
{
  (*counter)++;
}

static void
wait_for (guint *counter,
          guint  at_least)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*counter < at_least && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static void
point_link (const char *link,
            const char *zone)
{
  g_autofree char *target = g_build_filename ("/usr/share/zoneinfo", zone, NULL);
  g_autofree char *temporary = g_strconcat (link, ".new", NULL);

  /* As timedated does: a new link renamed over the old one. */
  g_assert_no_errno (symlink (target, temporary));
  g_assert_no_errno (rename (temporary, link));
}

static void
test_follows_zone_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("limber-clock-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "localtime", NULL);
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GDateTime) before = NULL;
  g_autoptr (GDateTime) after = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *expected_day = NULL;
  Counts counts = { 0 };

  if (!g_file_test ("/usr/share/zoneinfo/Pacific/Kiritimati", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No zone data installed");
      return;
    }

  point_link (link, "Europe/Berlin");
  g_setenv ("TZ", link, TRUE);
  clock = limber_clock_new ();
  g_signal_connect (clock, "day-changed", G_CALLBACK (count_cb), &counts.days);
  g_signal_connect (clock, "timezone-changed", G_CALLBACK (count_cb), &counts.zones);

  before = limber_clock_now (clock);
  g_assert_cmpint (g_date_time_get_utc_offset (before) / G_USEC_PER_SEC, <=, 2 * 3600);

  /* Moved to UTC+14 while running: the clock says so without a restart. */
  point_link (link, "Pacific/Kiritimati");
  wait_for (&counts.zones, 1);
  g_assert_cmpuint (counts.zones, ==, 1);
  after = limber_clock_now (clock);
  g_assert_cmpint (g_date_time_get_utc_offset (after) / G_USEC_PER_SEC, ==, 14 * 3600);

  /* Today is the day there. */
  utc = g_date_time_new_now_utc ();
  {
    g_autoptr (GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");
    g_autoptr (GDateTime) there = g_date_time_to_timezone (utc, kiritimati);

    expected_day = limber_day_for_time (there, limber_clock_get_rollover_hour (clock));
  }
  g_assert_cmpstr (limber_clock_get_today (clock), ==, expected_day);

  /* A day moved with the zone, or not: either way once at most. */
  g_assert_cmpuint (counts.days, <=, 1);

  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
  g_unlink (link);
  g_rmdir (dir);
}

static void
test_rollover_hour (void)
{
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *today = NULL;
  guint days = 0;
  int hour;

  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *zone = NULL;
  int offset = 6 - g_date_time_get_hour (utc);

  /* A zone where it is about six in the morning now, so that a later
   * hour the same day always exists. */
  if (offset < -12)
    offset += 24;
  else if (offset > 12)
    offset -= 24;
  zone = g_strdup_printf ("%+03d:00", offset);
  g_setenv ("TZ", zone, TRUE);
  clock = limber_clock_new ();
  g_signal_connect (clock, "day-changed", G_CALLBACK (count_cb), &days);
  now = limber_clock_now (clock);
  hour = g_date_time_get_hour (now);
  g_assert_cmpint (hour, ==, 6);

  /* Midnight starts the day: today is the calendar day. */
  limber_clock_set_rollover_hour (clock, 0);
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpstr (limber_clock_get_today (clock), ==, today);

  /* A day that starts later than now: it is still yesterday. */
  days = 0;
  g_object_set (clock, "rollover-hour", (guint) hour + 1, NULL);
  yesterday = limber_day_add (today, -1);
  g_assert_cmpstr (limber_clock_get_today (clock), ==, yesterday);
  g_assert_cmpuint (days, ==, 1);

  /* The next day starts at that hour today. */
  {
    g_autoptr (GDateTime) next = limber_clock_next_day_start (clock);

    g_assert_cmpint (g_date_time_get_hour (next), ==, hour + 1);
    g_assert_cmpint (g_date_time_get_day_of_month (next), ==, g_date_time_get_day_of_month (now));
  }
  g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/follows-zone-file", test_follows_zone_file);
  g_test_add_func ("/clock/rollover-hour", test_rollover_hour);

  return g_test_run ();
}
