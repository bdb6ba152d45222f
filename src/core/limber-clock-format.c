/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clock-format"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <string.h>

#include "limber-clock-format.h"

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define CLOCK_FORMAT_KEY "clock-format"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
/* A portal that does not answer by then is not waited for: the locale
 * decides instead. */
#define PORTAL_TIMEOUT_MS 200

/* -1 until looked up or set. */
static int clock_format = -1;

static LimberClockFormat
parse (const char        *value,
       LimberClockFormat  otherwise)
{
  if (g_strcmp0 (value, "12h") == 0)
    return LIMBER_CLOCK_FORMAT_12H;
  if (g_strcmp0 (value, "24h") == 0)
    return LIMBER_CLOCK_FORMAT_24H;
  return otherwise;
}

LimberClockFormat
limber_clock_format_from_locale (void)
{
  const char *format = nl_langinfo (T_FMT);

  if (format != NULL &&
      (strstr (format, "%p") || strstr (format, "%r") || strstr (format, "%I") || strstr (format, "%l")))
    return LIMBER_CLOCK_FORMAT_12H;
  return LIMBER_CLOCK_FORMAT_24H;
}

/* Whether the desktop's own clock follows org.gnome.desktop.interface. */
static gboolean
desktop_reads_key (void)
{
  static const char *const readers[] = { "GNOME", "Unity", "Budgie", "Pantheon" };
  const char *current = g_getenv ("XDG_CURRENT_DESKTOP");
  g_auto (GStrv) desktops = NULL;

  if (current == NULL)
    return FALSE;
  desktops = g_strsplit (current, ":", -1);
  for (guint i = 0; desktops[i] != NULL; i++)
    for (gsize j = 0; j < G_N_ELEMENTS (readers); j++)
      if (g_ascii_strcasecmp (desktops[i], readers[j]) == 0)
        return TRUE;
  return FALSE;
}

LimberClockFormat
limber_clock_format_from_settings (GSettings *settings)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), LIMBER_CLOCK_FORMAT_24H);

  /* The schema's default is 24-hour; only GNOME and the desktops built
   * on it show their clock by it. Elsewhere (KDE, Xfce, a tiling
   * desktop) a key nobody set says nothing, and the locale knows better. */
  if (!desktop_reads_key ())
    {
      g_autoptr (GVariant) user_value = g_settings_get_user_value (settings, CLOCK_FORMAT_KEY);

      if (user_value == NULL)
        return limber_clock_format_from_locale ();
    }

  value = g_settings_get_string (settings, CLOCK_FORMAT_KEY);
  return parse (value, limber_clock_format_from_locale ());
}

GSettings *
limber_clock_format_desktop_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* An old or trimmed schema may lack the key; asking for it would abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE)) ||
      !g_settings_schema_has_key (schema, CLOCK_FORMAT_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The clock format as the settings portal has it, as "12h" or "24h";
 * NULL when it does not say. */
static char *
portal_clock_format (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GError) error = NULL;

  if (bus == NULL)
    return NULL;

  reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "ReadOne",
                                       g_variant_new ("(ss)", INTERFACE_SCHEMA, CLOCK_FORMAT_KEY),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, PORTAL_TIMEOUT_MS,
                                       NULL, &error);
  /* Portals before version 2 have only Read, which wraps the value in
   * one more variant. */
  if (reply == NULL && g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                                         g_variant_new ("(ss)", INTERFACE_SCHEMA, CLOCK_FORMAT_KEY),
                                         G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, PORTAL_TIMEOUT_MS,
                                         NULL, NULL);
  if (reply == NULL)
    return NULL;

  g_variant_get (reply, "(v)", &value);
  while (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (value);

      g_variant_unref (value);
      value = inner;
    }
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_dup_string (value, NULL);
}

LimberClockFormat
limber_clock_format_detect (void)
{
  g_autoptr (GSettings) settings = NULL;

  if (in_flatpak ())
    {
      g_autofree char *value = portal_clock_format ();

      return parse (value, limber_clock_format_from_locale ());
    }

  settings = limber_clock_format_desktop_settings ();
  if (settings != NULL)
    return limber_clock_format_from_settings (settings);

  return limber_clock_format_from_locale ();
}

LimberClockFormat
limber_clock_format_get (void)
{
  if (clock_format < 0)
    clock_format = limber_clock_format_detect ();
  return clock_format;
}

void
limber_clock_format_set (LimberClockFormat format)
{
  clock_format = format;
}

char *
limber_format_time_of_day (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  if (limber_clock_format_get () == LIMBER_CLOCK_FORMAT_12H)
    {
      const char *am = nl_langinfo (AM_STR);

      /* Without AM and PM in the locale, “2:35” could be either (GLib
       * would put English ones in). */
      if (am != NULL && *am != '\0')
        /* Translators: a time of day on a 12-hour clock, as
         * g_date_time_format() takes it: “%-l:%M %p” reads “2:35 PM”
         * (the “-” keeps the hour unpadded). Change the order or the
         * separator if your language needs it. */
        return g_date_time_format (time, _("%-l:%M %p"));
    }

  /* Translators: a time of day on a 24-hour clock, as
   * g_date_time_format() takes it: “%H:%M” reads “14:35”. */
  return g_date_time_format (time, _("%H:%M"));
}

/* What a follower calls back, kept on the object it returns. */
typedef struct
{
  GCallback changed;
  gpointer  user_data;
} Follower;

static void
notify_follower (GObject *object)
{
  Follower *follower = g_object_get_data (object, "limber-clock-format-follower");

  if (follower != NULL && follower->changed != NULL)
    ((void (*) (gpointer)) follower->changed) (follower->user_data);
}

static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  limber_clock_format_set (limber_clock_format_from_settings (settings));
  notify_follower (G_OBJECT (settings));
}

static void
portal_signal_cb (GDBusProxy *proxy,
                  const char *sender,
                  const char *signal,
                  GVariant   *parameters,
                  gpointer    user_data)
{
  const char *namespace, *key;
  g_autoptr (GVariant) value = NULL;

  if (g_strcmp0 (signal, "SettingChanged") != 0 ||
      !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_strcmp0 (namespace, INTERFACE_SCHEMA) != 0 || g_strcmp0 (key, CLOCK_FORMAT_KEY) != 0 ||
      !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return;

  limber_clock_format_set (parse (g_variant_get_string (value, NULL), limber_clock_format_from_locale ()));
  notify_follower (G_OBJECT (proxy));
}

GObject *
limber_clock_format_follow (GCallback changed,
                            gpointer  user_data)
{
  Follower *follower = g_new0 (Follower, 1);
  GObject *object = NULL;

  follower->changed = changed;
  follower->user_data = user_data;

  if (in_flatpak ())
    {
      /* The portal's own signal, on a proxy that loads nothing. */
      object = G_OBJECT (g_dbus_proxy_new_for_bus_sync (G_BUS_TYPE_SESSION,
                                                        G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                                        G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                                        NULL, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS,
                                                        NULL, NULL));
      if (object != NULL)
        g_signal_connect (object, "g-signal", G_CALLBACK (portal_signal_cb), NULL);
    }
  else
    {
      object = G_OBJECT (limber_clock_format_desktop_settings ());
      if (object != NULL)
        {
          g_signal_connect (object, "changed::" CLOCK_FORMAT_KEY, G_CALLBACK (settings_changed_cb), NULL);
          /* GSettings signals changes only of keys that were read. */
          limber_clock_format_set (limber_clock_format_from_settings (G_SETTINGS (object)));
        }
    }

  if (object == NULL)
    {
      g_free (follower);
      return NULL;
    }
  g_object_set_data_full (object, "limber-clock-format-follower", follower, g_free);
  return object;
}
