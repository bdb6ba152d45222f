/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "limber-pain-entry.h"
#include "limber-setup.h"

G_DEFINE_QUARK (limber-setup-error-quark, limber_setup_error)

/* What the evidence supports (short frequent breaks: 30 s every 20 or
 * 40 min, clearest at 20; a 5-minute break each hour), from the least
 * to the most interrupting. */
static const LimberBreakPreset presets[] = {
  { LIMBER_SETUP_PRESET_GENTLE,   "gentle",   30 * 60, 30, 60 * 60, 5 * 60 },
  { LIMBER_SETUP_PRESET_BALANCED, "balanced", 25 * 60, 45, 60 * 60, 5 * 60 },
  { LIMBER_SETUP_PRESET_FREQUENT, "frequent", 20 * 60, 60, 60 * 60, 5 * 60 },
};

void
limber_setup_choices_init (LimberSetupChoices *choices)
{
  g_return_if_fail (choices != NULL);

  *choices = (LimberSetupChoices) {
    .preset = LIMBER_SETUP_PRESET_KEEP,
    .regions_chosen = FALSE,
    .regions = 0,
    .log_time_min = LIMBER_SETUP_LOG_TIME_KEEP,
    .autostart = LIMBER_SETUP_AUTOSTART_UNASKED,
  };
}

const LimberBreakPreset *
limber_break_presets (guint *n_out)
{
  *n_out = G_N_ELEMENTS (presets);
  return presets;
}

const LimberBreakPreset *
limber_break_preset_lookup (LimberSetupPreset preset)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (presets[i].preset == preset)
      return &presets[i];
  return NULL;
}

/* “45 seconds”, or “5 minutes” when @seconds are whole minutes. */
static char *
format_length (guint seconds)
{
  if (seconds >= 60 && seconds % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", seconds / 60), seconds / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds), seconds);
}

char *
limber_break_preset_describe (const LimberBreakPreset *preset)
{
  g_autofree char *micro_length = NULL, *micro_every = NULL;
  g_autofree char *rest_length = NULL, *rest_every = NULL;

  g_return_val_if_fail (preset != NULL, NULL);

  micro_length = format_length (preset->micro_break_duration_s);
  micro_every = format_length (preset->micro_break_interval_s);
  rest_length = format_length (preset->rest_break_duration_s);
  rest_every = format_length (preset->rest_break_interval_s);

  /* Translators: each %s is an amount of time such as “45 seconds” or
   * “25 minutes”: how long a micro-break lasts, how much work comes
   * between two of them, then the same for rest breaks. */
  return g_strdup_printf (_("A micro-break of %s every %s of work, and a rest break of %s every %s."),
                          micro_length, micro_every, rest_length, rest_every);
}

static char *
join_names (const char * const *names,
            guint               n_names)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; i < n_names; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, names[i]);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

gboolean
limber_setup_parse_preset (const char         *name,
                           LimberSetupPreset  *preset_out,
                           GError            **error)
{
  const char *names[G_N_ELEMENTS (presets) + 1];
  g_autofree char *valid = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (preset_out != NULL, FALSE);

  if (g_str_equal (name, "keep"))
    {
      *preset_out = LIMBER_SETUP_PRESET_KEEP;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      if (g_str_equal (name, presets[i].id))
        {
          *preset_out = presets[i].preset;
          return TRUE;
        }
      names[i] = presets[i].id;
    }
  names[G_N_ELEMENTS (presets)] = "keep";

  valid = join_names (names, G_N_ELEMENTS (names));
  /* Translators: the first %s is what was given, the second the names
   * that would do, such as “gentle, balanced, frequent, keep”; those
   * names stay in English. */
  g_set_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID,
               _("“%s” is not a break rhythm; choose one of: %s"), name, valid);
  return FALSE;
}

gboolean
limber_setup_parse_regions (const char  *list,
                            guint       *regions_out,
                            GError     **error)
{
  g_auto (GStrv) ids = NULL;
  const LimberFlagInfo *regions;
  guint n_regions, flags = 0;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (regions_out != NULL, FALSE);

  regions = limber_body_regions (&n_regions);
  ids = g_strsplit (list, ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      gboolean known = FALSE;

      /* "neck," and "none" alone are no mistake. */
      if (*id == '\0' || (g_str_equal (id, "none") && ids[1] == NULL))
        continue;
      for (guint r = 0; r < n_regions && !known; r++)
        if (g_str_equal (id, regions[r].id))
          {
            flags |= regions[r].flag;
            known = TRUE;
          }
      if (!known)
        {
          const char *names[32];
          g_autofree char *valid = NULL;

          g_assert (n_regions < G_N_ELEMENTS (names));
          for (guint r = 0; r < n_regions; r++)
            names[r] = regions[r].id;
          names[n_regions] = "none";
          valid = join_names (names, n_regions + 1);
          /* Translators: the first %s is what was given, the second the
           * names that would do, such as “neck, mid-back, …”; those
           * names stay in English. */
          g_set_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID,
                       _("“%s” is not a body region; use one or more of these, separated by commas: %s"),
                       id, valid);
          return FALSE;
        }
    }

  *regions_out = flags;
  return TRUE;
}

gboolean
limber_setup_parse_log_time (const char  *text,
                             int         *minutes_out,
                             GError     **error)
{
  g_auto (GStrv) parts = NULL;
  guint64 hour, minute;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes_out != NULL, FALSE);

  if (g_str_equal (text, "none"))
    {
      *minutes_out = LIMBER_SETUP_LOG_TIME_NONE;
      return TRUE;
    }

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 2 || strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &hour, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minute, NULL))
    {
      /* Translators: %s is what was given; HH:MM, 19:00 and “none” stay
       * as they are. */
      g_set_error (error, LIMBER_SETUP_ERROR, LIMBER_SETUP_ERROR_INVALID,
                   _("“%s” is not a time; give one as HH:MM from 00:00 to 23:59, such as 19:00, or “none”"), text);
      return FALSE;
    }

  *minutes_out = (int) (hour * 60 + minute);
  return TRUE;
}

char **
limber_setup_regions_to_strv (guint regions)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const LimberFlagInfo *infos;
  guint n_infos;

  infos = limber_body_regions (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (regions & infos[i].flag)
      g_strv_builder_add (builder, infos[i].id);
  return g_strv_builder_end (builder);
}

guint
limber_setup_regions_from_strv (const char * const *ids)
{
  const LimberFlagInfo *infos;
  guint n_infos, regions = 0;

  infos = limber_body_regions (&n_infos);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    for (guint r = 0; r < n_infos; r++)
      if (g_str_equal (ids[i], infos[r].id))
        regions |= infos[r].flag;
  return regions;
}

guint
limber_setup_suggestion_regions (guint               logged_regions,
                                 const char * const *pain_regions)
{
  if (logged_regions != 0)
    return logged_regions;
  return limber_setup_regions_from_strv (pain_regions);
}

void
limber_setup_apply (GSettings                *settings,
                    const LimberSetupChoices *choices)
{
  const LimberBreakPreset *preset;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (choices != NULL);

  /* The daemon watches these keys: it should see the new rhythm at once,
   * not one interval after another. */
  g_settings_delay (settings);

  if ((preset = limber_break_preset_lookup (choices->preset)) != NULL)
    {
      g_settings_set_uint (settings, "micro-break-interval", preset->micro_break_interval_s);
      g_settings_set_uint (settings, "micro-break-duration", preset->micro_break_duration_s);
      g_settings_set_uint (settings, "rest-break-interval", preset->rest_break_interval_s);
      g_settings_set_uint (settings, "rest-break-duration", preset->rest_break_duration_s);
    }

  if (choices->regions_chosen)
    {
      g_auto (GStrv) ids = limber_setup_regions_to_strv (choices->regions);

      g_settings_set_strv (settings, "pain-regions", (const char * const *) ids);
    }

  if (choices->log_time_min == LIMBER_SETUP_LOG_TIME_NONE)
    g_settings_set_boolean (settings, "pain-reminder-enabled", FALSE);
  else if (choices->log_time_min >= 0)
    {
      g_settings_set_boolean (settings, "pain-reminder-enabled", TRUE);
      g_settings_set_uint (settings, "pain-reminder-time", (guint) choices->log_time_min);
    }

  if (choices->autostart != LIMBER_SETUP_AUTOSTART_UNASKED)
    g_settings_set_boolean (settings, "start-at-login", choices->autostart == LIMBER_SETUP_AUTOSTART_YES);

  g_settings_apply (settings);
}

void
limber_setup_mark_done (GSettings                *state,
                        const LimberSetupChoices *choices)
{
  g_return_if_fail (G_IS_SETTINGS (state));
  g_return_if_fail (choices != NULL);

  g_settings_delay (state);
  g_settings_set_boolean (state, "setup-done", TRUE);
  if (choices->autostart != LIMBER_SETUP_AUTOSTART_UNASKED)
    g_settings_set_boolean (state, "start-at-login-asked", TRUE);
  g_settings_apply (state);
}
