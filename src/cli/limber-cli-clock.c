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
  LimberClock *clock = limber_clock_new ();

  /* A command run from a build or an unpacked copy has no schema to read;
   * asking GSettings for it anyway would abort. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);

      g_settings_bind (settings, "day-rollover-hour", clock, "rollover-hour", G_SETTINGS_BIND_GET);
    }

  return clock;
}
