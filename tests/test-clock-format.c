/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "limber-break-format.h"

/* Times of day as the desktop shows them, 12- or 24-hour, and durations
 * told one way everywhere. */

#define DESKTOP_SCHEMAS "/usr/share/glib-2.0/schemas"
#define INTERFACE "org.gnome.desktop.interface"

/* 14:35 on a day in November. */
static GDateTime *
afternoon (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (utc, 2026, 11, 25, 14, 35, 0);
}

/* The desktop's schema from where the system keeps it, with settings in
 * memory; NULL when it is not installed. */
static GSettings *
interface_settings (void)
{
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsBackend) backend = NULL;

  if (!g_file_test (DESKTOP_SCHEMAS "/gschemas.compiled", G_FILE_TEST_EXISTS))
    return NULL;
  source = g_settings_schema_source_new_from_directory (DESKTOP_SCHEMAS, NULL, FALSE, NULL);
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE, FALSE)) ||
      !g_settings_schema_has_key (schema, "clock-format"))
    return NULL;
  backend = g_memory_settings_backend_new ();
  return g_settings_new_full (schema, backend, NULL);
}

static void
test_from_settings (void)
{
  g_autoptr (GSettings) settings = interface_settings ();
  g_autoptr (GDateTime) time = afternoon ();
  g_autofree char *twelve = NULL;
  g_autofree char *twenty_four = NULL;
  g_autofree char *morning_text = NULL;
  g_autoptr (GDateTime) morning = NULL;

  if (settings == NULL)
    {
      g_test_skip ("The schema " INTERFACE " is not installed in " DESKTOP_SCHEMAS);
      return;
    }

  g_assert_true (g_settings_set_string (settings, "clock-format", "12h"));
  g_assert_cmpint (limber_clock_format_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_12H);
  limber_clock_format_set (limber_clock_format_from_settings (settings));
  twelve = limber_format_time_of_day (time);
  g_assert_cmpstr (twelve, ==, "2:35 PM");
  morning = g_date_time_add_hours (time, -14);
  morning_text = limber_format_time_of_day (morning);
  g_assert_cmpstr (morning_text, ==, "12:35 AM");

  g_assert_true (g_settings_set_string (settings, "clock-format", "24h"));
  g_assert_cmpint (limber_clock_format_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_24H);
  limber_clock_format_set (limber_clock_format_from_settings (settings));
  twenty_four = limber_format_time_of_day (time);
  g_assert_cmpstr (twenty_four, ==, "14:35");
}

/* A key nobody set speaks for GNOME, whose clock shows its default, but
 * not for KDE or Xfce, where the locale decides. */
static void
test_unset_key (void)
{
  g_autoptr (GSettings) settings = interface_settings ();
  g_autofree char *saved = g_strdup (g_getenv ("XDG_CURRENT_DESKTOP"));

  if (settings == NULL)
    {
      g_test_skip ("The schema " INTERFACE " is not installed in " DESKTOP_SCHEMAS);
      return;
    }

  g_settings_reset (settings, "clock-format");
  g_setenv ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME", TRUE);
  g_assert_cmpint (limber_clock_format_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_24H);
  g_setenv ("XDG_CURRENT_DESKTOP", "KDE", TRUE);
  g_assert_cmpint (limber_clock_format_from_settings (settings), ==, limber_clock_format_from_locale ());
  g_assert_true (g_settings_set_string (settings, "clock-format", "12h"));
  g_assert_cmpint (limber_clock_format_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_12H);

  if (saved != NULL)
    g_setenv ("XDG_CURRENT_DESKTOP", saved, TRUE);
  else
    g_unsetenv ("XDG_CURRENT_DESKTOP");
}

/* Every surface that says when a break comes says it on that clock. */
static void
test_next_break (void)
{
  gint64 now_us = 1000 * G_USEC_PER_SEC;
  /* 2023-11-14 22:13:20 UTC. */
  g_autoptr (GVariant) coming = g_variant_ref_sink (g_variant_new ("(xx)", now_us + 12 * 60 * G_USEC_PER_SEC,
                                                                   (gint64) 1700000000));
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+05:00");
  g_autofree char *twelve = NULL;
  g_autofree char *twenty_four = NULL;

  limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
  twelve = limber_format_next_break (coming, "micro", "working", "", now_us, zone);
  g_assert_cmpstr (twelve, ==, "in 12 min (at 3:13 AM)");
  limber_clock_format_set (LIMBER_CLOCK_FORMAT_24H);
  twenty_four = limber_format_next_break (coming, "micro", "working", "", now_us, zone);
  g_assert_cmpstr (twenty_four, ==, "in 12 min (at 03:13)");
}

typedef struct
{
  guint calls;
} Followed;

static void
followed_cb (gpointer user_data)
{
  ((Followed *) user_data)->calls++;
}

/* A long-lived process follows the desktop's setting as it changes. */
static void
test_follow (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) desktop = NULL;
  g_autoptr (GObject) follower = NULL;
  Followed followed = { 0 };

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE, TRUE)) ||
      !g_settings_schema_has_key (schema, "clock-format"))
    {
      g_test_skip ("The schema " INTERFACE " is not installed");
      return;
    }

  /* The memory backend is this process's: the desktop is played here. */
  desktop = g_settings_new (INTERFACE);
  g_assert_true (g_settings_set_string (desktop, "clock-format", "24h"));
  follower = limber_clock_format_follow (G_CALLBACK (followed_cb), &followed);
  g_assert_nonnull (follower);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);
  g_assert_cmpint (limber_clock_format_detect (), ==, LIMBER_CLOCK_FORMAT_24H);

  g_assert_true (g_settings_set_string (desktop, "clock-format", "12h"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (followed.calls, >=, 1);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_12H);
  g_assert_cmpint (limber_clock_format_detect (), ==, LIMBER_CLOCK_FORMAT_12H);

  /* Let go of, it calls no more. */
  g_clear_object (&follower);
  followed.calls = 0;
  g_assert_true (g_settings_set_string (desktop, "clock-format", "24h"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (followed.calls, ==, 0);
}

/* Without the desktop's setting, the locale's own time format decides. */
static void
test_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  gboolean tested = FALSE;

  g_assert_nonnull (setlocale (LC_TIME, "C.UTF-8"));
  g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_24H);

  if (setlocale (LC_TIME, "en_US.UTF-8") != NULL)
    {
      g_autoptr (GDateTime) time = afternoon ();
      g_autofree char *text = NULL;

      g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_12H);
      limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
      text = limber_format_time_of_day (time);
      g_assert_cmpstr (text, ==, "2:35 PM");
      tested = TRUE;
    }
  if (setlocale (LC_TIME, "de_DE.UTF-8") != NULL)
    {
      g_autoptr (GDateTime) time = afternoon ();
      g_autofree char *text = NULL;

      g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_24H);
      /* Set to 12 hours all the same: a locale without AM and PM gets the
       * 24-hour clock rather than an ambiguous “2:35”. */
      limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
      text = limber_format_time_of_day (time);
      g_assert_cmpstr (text, ==, "14:35");
      tested = TRUE;
    }
  setlocale (LC_TIME, saved);
  limber_clock_format_set (LIMBER_CLOCK_FORMAT_24H);

  if (!tested)
    g_test_skip ("Neither en_US.UTF-8 nor de_DE.UTF-8 is installed (locale -a)");
}

/* One rule for every duration: seconds under a minute, minutes under an
 * hour, hours and minutes from there; never “60 min”. */
static void
test_durations (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "0 s" }, { 1, "1 s" }, { 59, "59 s" }, { 60, "1 min" }, { 89, "1 min" },
    { 90, "2 min" }, { 59 * 60, "59 min" }, { 3569, "59 min" }, { 3570, "1 h" },
    { 3599, "1 h" }, { 3600, "1 h" }, { 3900, "1 h 5 min" }, { 2 * 3600, "2 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock-format/from-settings", test_from_settings);
  g_test_add_func ("/clock-format/unset-key", test_unset_key);
  g_test_add_func ("/clock-format/next-break", test_next_break);
  g_test_add_func ("/clock-format/follow", test_follow);
  g_test_add_func ("/clock-format/locale", test_locale);
  g_test_add_func ("/clock-format/durations", test_durations);

  return g_test_run ();
}
