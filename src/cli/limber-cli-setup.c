/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-autostart.h"
#include "limber-cli-setup.h"
#include "limber-cli-table.h"
#include "limber-pain-entry.h"
#include "limber-sandbox.h"
#include "limber-setup.h"

#define EXIT_FAILED 1
#define EXIT_BAD_ARGUMENT 2

/* The presets and the regions, for `limber setup` without options. */
static void
print_choices (void)
{
  g_autoptr (LimberCliTable) rhythms = limber_cli_table_new ("ll", "  ");
  g_autoptr (LimberCliTable) regions = limber_cli_table_new ("ll", "  ");
  g_autofree char *rhythms_text = NULL, *regions_text = NULL;
  const LimberBreakPreset *presets;
  const LimberFlagInfo *infos;
  guint n_presets, n_infos;

  presets = limber_break_presets (&n_presets);
  for (guint i = 0; i < n_presets; i++)
    {
      g_autofree char *described = limber_break_preset_describe (&presets[i]);

      limber_cli_table_add (rhythms, presets[i].id, described, NULL);
    }
  limber_cli_table_add (rhythms, "keep", _("Keep the break rhythm as it is"), NULL);
  rhythms_text = limber_cli_table_format (rhythms);

  infos = limber_body_regions (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    limber_cli_table_add (regions, infos[i].id, _(infos[i].label), NULL);
  regions_text = limber_cli_table_format (regions);

  g_print ("%s\n%s\n%s\n%s", _("Break rhythms (--preset):"), rhythms_text,
           _("Where it hurts (--regions, separated by commas):"), regions_text);
  g_print ("\n%s\n", _("Nothing was changed. Run “limber setup --help” to see how to choose."));
}

static char *
region_labels (guint regions)
{
  g_autoptr (GString) labels = g_string_new (NULL);
  const LimberFlagInfo *infos;
  guint n_infos;

  infos = limber_body_regions (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (regions & infos[i].flag)
      {
        if (labels->len > 0)
          /* Translators: what separates the names of body regions in a
           * list, such as “Neck, Mid back”. */
          g_string_append (labels, _(", "));
        g_string_append (labels, _(infos[i].label));
      }
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* What was set, one line a choice. */
static void
print_set (const LimberSetupChoices *choices)
{
  const LimberBreakPreset *preset = limber_break_preset_lookup (choices->preset);

  if (preset != NULL)
    {
      g_autofree char *described = limber_break_preset_describe (preset);

      /* Translators: the first %s is the rhythm's name as given, such as
       * “balanced”, the second says its numbers in a sentence. */
      g_print (_("Break rhythm “%s”: %s\n"), preset->id, described);
    }

  if (choices->regions_chosen && choices->regions == 0)
    g_print ("%s\n", _("Where it hurts: no region named"));
  else if (choices->regions_chosen)
    {
      g_autofree char *labels = region_labels (choices->regions);

      /* Translators: %s lists body regions, such as “Neck, Mid back”. */
      g_print (_("Where it hurts: %s\n"), labels);
    }

  if (choices->log_time_min == LIMBER_SETUP_LOG_TIME_NONE)
    g_print ("%s\n", _("Daily pain-log reminder: off"));
  else if (choices->log_time_min >= 0)
    /* Translators: %02d:%02d is the time, such as 19:00. */
    g_print (_("Daily pain-log reminder: at %02d:%02d\n"), choices->log_time_min / 60, choices->log_time_min % 60);

  if (choices->autostart == LIMBER_SETUP_AUTOSTART_YES)
    g_print ("%s\n", _("Start at login: on"));
  else if (choices->autostart == LIMBER_SETUP_AUTOSTART_NO)
    g_print ("%s\n", _("Start at login: off"));
}

static int
bad_value (const char   *option,
           const GError *error)
{
  g_printerr ("limber setup: --%s: %s\n", option, error->message);
  return EXIT_BAD_ARGUMENT;
}

/* The settings of @schema_id, or NULL when they are not installed: a
 * command run from a build or an unpacked copy has none, and GSettings
 * would abort. */
static GSettings *
open_settings (const char *schema_id)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, schema_id, TRUE)) == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

int
limber_cli_setup (int    argc,
                  char **argv)
{
  g_autofree char *preset_text = NULL, *regions_text = NULL, *log_time_text = NULL;
  gboolean autostart = FALSE, no_autostart = FALSE;
  GOptionEntry options[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_text,
      N_("Break rhythm: gentle, balanced, frequent or keep"), N_("PRESET") },
    { "regions", 0, 0, G_OPTION_ARG_STRING, &regions_text,
      N_("Where it hurts, such as neck,mid-back, or none"), N_("REGIONS") },
    { "log-time", 0, 0, G_OPTION_ARG_STRING, &log_time_text,
      N_("Time of the daily pain-log reminder, such as 19:00, or none"), N_("HH:MM") },
    { "autostart", 0, 0, G_OPTION_ARG_NONE, &autostart, N_("Start the break timer at login"), NULL },
    { "no-autostart", 0, 0, G_OPTION_ARG_NONE, &no_autostart, N_("Do not start the break timer at login"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GSettings) state = NULL;
  g_autoptr (GError) error = NULL;
  LimberSetupChoices choices;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Choose a break rhythm, where it hurts, the pain-log reminder and start at login, without a window."));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  argv++, argc--;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("limber setup: %s\n", error->message);
      return EXIT_BAD_ARGUMENT;
    }
  if (argc > 1)
    {
      g_printerr (_("limber setup: unexpected argument “%s”\n"), argv[1]);
      return EXIT_BAD_ARGUMENT;
    }

  /* Every value is checked before anything is written. */
  limber_setup_choices_init (&choices);
  if (preset_text != NULL && !limber_setup_parse_preset (preset_text, &choices.preset, &error))
    return bad_value ("preset", error);
  if (regions_text != NULL)
    {
      if (!limber_setup_parse_regions (regions_text, &choices.regions, &error))
        return bad_value ("regions", error);
      choices.regions_chosen = TRUE;
    }
  if (log_time_text != NULL && !limber_setup_parse_log_time (log_time_text, &choices.log_time_min, &error))
    return bad_value ("log-time", error);
  if (autostart && no_autostart)
    {
      g_printerr ("%s\n", _("limber setup: choose either --autostart or --no-autostart"));
      return EXIT_BAD_ARGUMENT;
    }
  if (autostart || no_autostart)
    choices.autostart = autostart ? LIMBER_SETUP_AUTOSTART_YES : LIMBER_SETUP_AUTOSTART_NO;

  if (preset_text == NULL && regions_text == NULL && log_time_text == NULL &&
      choices.autostart == LIMBER_SETUP_AUTOSTART_UNASKED)
    {
      print_choices ();
      return 0;
    }

  settings = open_settings (APP_ID);
  state = open_settings (APP_ID ".State");
  if (settings == NULL || state == NULL)
    {
      g_printerr ("%s\n", _("limber setup: Limber’s settings are not installed; nothing was changed"));
      return EXIT_FAILED;
    }

  if (choices.autostart != LIMBER_SETUP_AUTOSTART_UNASKED)
    {
      /* Inside Flatpak only the Background portal may do it, and it asks
       * through a window. */
      if (limber_sandbox_use_portals ())
        {
          g_printerr ("%s\n", _("limber setup: inside Flatpak, start at login is switched in Limber’s Preferences, where the desktop asks you; nothing was changed"));
          return EXIT_FAILED;
        }
      if (!limber_autostart_set_file (choices.autostart == LIMBER_SETUP_AUTOSTART_YES, &error))
        {
          g_printerr (_("limber setup: start at login: %s; nothing was changed\n"), error->message);
          return EXIT_FAILED;
        }
    }

  limber_setup_apply (settings, &choices);
  limber_setup_mark_done (state, &choices);
  g_settings_sync ();

  print_set (&choices);
  return 0;
}
