/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <gio/gio.h>

#include "limber-cli-clock.h"

LimberClock *
limber_cli_clock_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  LimberClock *clock = limber_clock_new_unwatched ();

  /* A command run from a build or an unpacked copy has no schema to read;
   * asking GSettings for it anyway would abort. A command is over before
   * the setting could change: it is read once. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);

      limber_clock_set_rollover_hour (clock, g_settings_get_uint (settings, "day-rollover-hour"));
    }

  return clock;
}
