/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-catalogue.h"
#include "limber-pain-entry.h"
#include "limber-setup.h"

/* First-run set-up: the presets stay within the evidence and the
 * settings' ranges, names parse or fail with the valid ones listed, and
 * applying writes only what was chosen. */

static GSettings *
new_settings (const char *schema_id)
{
  GSettings *settings = g_settings_new (schema_id);

  /* The memory backend keeps values across GSettings objects of one
   * process: start each test from the defaults. */
  g_settings_delay (settings);
  {
    GSettingsSchema *schema = NULL;
    g_auto (GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      g_settings_reset (settings, keys[i]);
    g_settings_schema_unref (schema);
  }
  g_settings_apply (settings);
  return settings;
}

/* Whether @value is in the range of the u key @key. */
static gboolean
in_range (GSettingsSchemaKey *key,
          guint               value)
{
  g_autoptr (GVariant) variant = g_variant_ref_sink (g_variant_new_uint32 (value));

  return g_settings_schema_key_range_check (key, variant);
}

static void
test_presets (void)
{
  g_autoptr (GSettings) settings = new_settings (APP_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  const LimberBreakPreset *presets;
  guint n_presets;

  g_object_get (settings, "settings-schema", &schema, NULL);
  presets = limber_break_presets (&n_presets);
  g_assert_cmpuint (n_presets, ==, 3);
  for (guint i = 0; i < n_presets; i++)
    {
      const LimberBreakPreset *preset = &presets[i];
      g_autoptr (GSettingsSchemaKey) key = NULL;

      g_assert_true (limber_break_preset_lookup (preset->preset) == preset);
      /* Evidence: 30-60 s every 20-30 min, 5 min every hour. */
      g_assert_cmpuint (preset->micro_break_interval_s, >=, 20 * 60);
      g_assert_cmpuint (preset->micro_break_interval_s, <=, 30 * 60);
      g_assert_cmpuint (preset->micro_break_duration_s, >=, 30);
      g_assert_cmpuint (preset->micro_break_duration_s, <=, 60);
      g_assert_cmpuint (preset->rest_break_interval_s, ==, 60 * 60);
      g_assert_cmpuint (preset->rest_break_duration_s, ==, 5 * 60);
      /* From gentle to frequent, breaks come more often. */
      if (i > 0)
        g_assert_cmpuint (preset->micro_break_interval_s, <, presets[i - 1].micro_break_interval_s);

      key = g_settings_schema_get_key (schema, "micro-break-interval");
      g_assert_true (in_range (key, preset->micro_break_interval_s));
      g_clear_pointer (&key, g_settings_schema_key_unref);
      key = g_settings_schema_get_key (schema, "micro-break-duration");
      g_assert_true (in_range (key, preset->micro_break_duration_s));
    }
  g_assert_null (limber_break_preset_lookup (LIMBER_SETUP_PRESET_KEEP));
}

static void
test_describe (void)
{
  g_autofree char *balanced = limber_break_preset_describe (limber_break_preset_lookup (LIMBER_SETUP_PRESET_BALANCED));
  g_autofree char *frequent = limber_break_preset_describe (limber_break_preset_lookup (LIMBER_SETUP_PRESET_FREQUENT));

  g_assert_cmpstr (balanced, ==, "A micro-break of 45 seconds every 25 minutes of work, "
                                 "and a rest break of 5 minutes every 60 minutes.");
  /* 60 s are a minute, in the singular. */
  g_assert_cmpstr (frequent, ==, "A micro-break of 1 minute every 20 minutes of work, "
                                 "and a rest break of 5 minutes every 60 minutes.");
}

static void
test_parse (void)
{
  g_autoptr (GError) error = NULL;
  LimberSetupPreset preset = LIMBER_SETUP_PRESET_KEEP;
  guint regions = 99;
  int minutes = 0;

  g_assert_true (limber_setup_parse_preset ("frequent", &preset, &error));
  g_assert_no_error (error);
  g_assert_cmpint (preset, ==, LIMBER_SETUP_PRESET_FREQUENT);
  g_assert_true (limber_setup_parse_preset ("keep", &preset, &error));
  g_assert_cmpint (preset, ==, LIMBER_SETUP_PRESET_KEEP);
  g_assert_false (limber_setup_parse_preset ("brisk", &preset, &error));
  g_assert_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“brisk”"));
  g_assert_nonnull (strstr (error->message, "gentle, balanced, frequent, keep"));
  g_clear_error (&error);

  g_assert_true (limber_setup_parse_regions ("neck, mid-back,", &regions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (regions, ==, LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_MID_BACK);
  g_assert_true (limber_setup_parse_regions ("none", &regions, &error));
  g_assert_cmpuint (regions, ==, 0);
  regions = 7;
  g_assert_false (limber_setup_parse_regions ("neck,knee", &regions, &error));
  g_assert_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“knee”"));
  g_assert_nonnull (strstr (error->message, "neck, left-upper-trapezius"));
  g_assert_nonnull (strstr (error->message, "lower-back, none"));
  g_assert_cmpuint (regions, ==, 7);
  g_clear_error (&error);

  g_assert_true (limber_setup_parse_log_time ("19:00", &minutes, &error));
  g_assert_cmpint (minutes, ==, 1140);
  g_assert_true (limber_setup_parse_log_time ("07:05", &minutes, &error));
  g_assert_cmpint (minutes, ==, 425);
  g_assert_true (limber_setup_parse_log_time ("none", &minutes, &error));
  g_assert_cmpint (minutes, ==, LIMBER_SETUP_LOG_TIME_NONE);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "24:00", "19", "19:5", "7pm", "19:00:00" };

      g_assert_false (limber_setup_parse_log_time (bad[i], &minutes, &error));
      g_assert_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_regions_strv (void)
{
  guint regions = LIMBER_BODY_REGION_BETWEEN_SHOULDER_BLADES | LIMBER_BODY_REGION_NECK;
  g_auto (GStrv) ids = limber_setup_regions_to_strv (regions);
  const char *with_unknown[] = { "mid-back", "elbow", NULL };

  /* In display order, as the journal has them. */
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "neck");
  g_assert_cmpstr (ids[1], ==, "between-shoulder-blades");
  g_assert_cmpuint (limber_setup_regions_from_strv ((const char * const *) ids), ==, regions);
  g_assert_cmpuint (limber_setup_regions_from_strv (with_unknown), ==, LIMBER_BODY_REGION_MID_BACK);
  g_assert_cmpuint (limber_setup_regions_from_strv (NULL), ==, 0);
}

/* The regions named at set-up steer the suggestions while the journal has
 * none; once it has, its own win. */
static void
test_suggestion_regions (void)
{
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  const char *neck[] = { "neck", NULL };
  const char *mid_back[] = { "mid-back", NULL };
  const char *for_neck, *for_mid_back, *for_journal;
  LimberExercise *exercise;

  limber_catalogue_load_defaults (catalogue, NULL);

  g_assert_cmpuint (limber_setup_suggestion_regions (0, neck), ==, LIMBER_BODY_REGION_NECK);
  g_assert_cmpuint (limber_setup_suggestion_regions (LIMBER_BODY_REGION_MID_BACK, neck), ==, LIMBER_BODY_REGION_MID_BACK);
  g_assert_cmpuint (limber_setup_suggestion_regions (0, NULL), ==, 0);

  for_neck = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_MICRO,
                                       limber_setup_suggestion_regions (0, neck), NULL);
  exercise = limber_catalogue_get_exercise (catalogue, for_neck);
  g_assert_nonnull (exercise);
  g_assert_true (exercise->targets & LIMBER_BODY_REGION_NECK);

  for_mid_back = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_MICRO,
                                           limber_setup_suggestion_regions (0, mid_back), NULL);
  exercise = limber_catalogue_get_exercise (catalogue, for_mid_back);
  g_assert_nonnull (exercise);
  g_assert_true (exercise->targets & LIMBER_BODY_REGION_MID_BACK);

  for_journal = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_MICRO,
                                          limber_setup_suggestion_regions (LIMBER_BODY_REGION_MID_BACK, neck), NULL);
  g_assert_cmpstr (for_journal, ==, for_mid_back);
}

static void
assert_default (GSettings  *settings,
                const char *key)
{
  g_autoptr (GVariant) value = g_settings_get_user_value (settings, key);

  if (value != NULL)
    g_error ("“%s” was written", key);
}

/* Keeping everything writes nothing at all. */
static void
test_apply_keep (void)
{
  g_autoptr (GSettings) settings = new_settings (APP_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  LimberSetupChoices choices;

  limber_setup_choices_init (&choices);
  limber_setup_apply (settings, &choices);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    assert_default (settings, keys[i]);
}

/* Whether, at the first change another process could see, every choice was
 * already in place: they are written in one go. */
static gboolean
change_event_cb (GSettings    *settings,
                 const GQuark *keys,
                 int           n_keys,
                 guint        *all_at_first)
{
  if (*all_at_first == G_MAXUINT)
    *all_at_first = g_settings_get_boolean (settings, "start-at-login") &&
                    g_settings_get_uint (settings, "micro-break-interval") == 30 * 60;
  return FALSE;
}

static void
test_apply (void)
{
  g_autoptr (GSettings) settings = new_settings (APP_ID);
  g_autoptr (GSettings) state = new_settings (APP_ID ".State");
  g_auto (GStrv) regions = NULL;
  LimberSetupChoices choices;
  g_autoptr (GSettings) watcher = g_settings_new (APP_ID);
  guint all_at_first = G_MAXUINT;

  /* Another GSettings, as the daemon has. */
  g_signal_connect (watcher, "change-event", G_CALLBACK (change_event_cb), &all_at_first);

  limber_setup_choices_init (&choices);
  choices.preset = LIMBER_SETUP_PRESET_GENTLE;
  choices.regions_chosen = TRUE;
  choices.regions = LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_MID_BACK;
  choices.log_time_min = 20 * 60 + 30;
  choices.autostart = LIMBER_SETUP_AUTOSTART_YES;
  limber_setup_apply (settings, &choices);

  g_assert_cmpuint (all_at_first, ==, TRUE);
  g_assert_cmpuint (g_settings_get_uint (settings, "micro-break-interval"), ==, 30 * 60);
  g_assert_cmpuint (g_settings_get_uint (settings, "micro-break-duration"), ==, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "rest-break-interval"), ==, 60 * 60);
  g_assert_cmpuint (g_settings_get_uint (settings, "rest-break-duration"), ==, 5 * 60);
  regions = g_settings_get_strv (settings, "pain-regions");
  g_assert_cmpuint (g_strv_length (regions), ==, 2);
  g_assert_cmpstr (regions[0], ==, "neck");
  g_assert_cmpstr (regions[1], ==, "mid-back");
  g_assert_true (g_settings_get_boolean (settings, "pain-reminder-enabled"));
  g_assert_cmpuint (g_settings_get_uint (settings, "pain-reminder-time"), ==, 1230);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  /* Nothing else. */
  assert_default (settings, "micro-break-enabled");
  assert_default (settings, "rest-break-enabled");
  assert_default (settings, "strict-mode");

  g_assert_false (g_settings_get_boolean (state, "setup-done"));
  limber_setup_mark_done (state, &choices);
  g_assert_true (g_settings_get_boolean (state, "setup-done"));
  g_assert_true (g_settings_get_boolean (state, "start-at-login-asked"));

  /* No reminder keeps its time; only the region choice clears. */
  limber_setup_choices_init (&choices);
  choices.log_time_min = LIMBER_SETUP_LOG_TIME_NONE;
  choices.regions_chosen = TRUE;
  choices.regions = 0;
  limber_setup_apply (settings, &choices);
  g_assert_false (g_settings_get_boolean (settings, "pain-reminder-enabled"));
  g_assert_cmpuint (g_settings_get_uint (settings, "pain-reminder-time"), ==, 1230);
  g_clear_pointer (&regions, g_strfreev);
  regions = g_settings_get_strv (settings, "pain-regions");
  g_assert_cmpuint (g_strv_length (regions), ==, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "micro-break-interval"), ==, 30 * 60);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
}

/* Set-up without a start-at-login answer leaves that question open. */
static void
test_mark_done_unasked (void)
{
  g_autoptr (GSettings) state = new_settings (APP_ID ".State");
  LimberSetupChoices choices;

  limber_setup_choices_init (&choices);
  limber_setup_mark_done (state, &choices);
  g_assert_true (g_settings_get_boolean (state, "setup-done"));
  g_assert_false (g_settings_get_boolean (state, "start-at-login-asked"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/setup/presets", test_presets);
  g_test_add_func ("/setup/describe", test_describe);
  g_test_add_func ("/setup/parse", test_parse);
  g_test_add_func ("/setup/regions-strv", test_regions_strv);
  g_test_add_func ("/setup/suggestion-regions", test_suggestion_regions);
  g_test_add_func ("/setup/apply-keep", test_apply_keep);
  g_test_add_func ("/setup/apply", test_apply);
  g_test_add_func ("/setup/mark-done-unasked", test_mark_done_unasked);

  return g_test_run ();
}
