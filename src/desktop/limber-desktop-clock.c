/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-desktop-clock"

#include "config.h"

#include "limber-desktop-clock-private.h"
#include "limber-sandbox.h"

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define CLOCK_FORMAT_KEY "clock-format"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
/* A portal that does not answer by then is not waited for: the locale
 * decides instead. Only reads that block wait this short; a follower
 * waits as long as D-Bus does, since it blocks nothing. */
#define PORTAL_TIMEOUT_MS 200

struct _LimberDesktopClock
{
  GObject       parent_instance;

  GCallback     changed;
  gpointer      user_data;
  /* One of these two, as where the setting is read from. */
  GSettings    *settings;
  GDBusProxy   *portal;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LimberDesktopClock, limber_desktop_clock, G_TYPE_OBJECT)

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
limber_desktop_clock_from_settings (GSettings *settings)
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
  return limber_clock_format_parse (value, limber_clock_format_from_locale ());
}

GSettings *
limber_desktop_clock_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* An old or trimmed schema may lack the key; asking for it would abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE)) ||
      !g_settings_schema_has_key (schema, CLOCK_FORMAT_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static GVariant *
read_arguments (void)
{
  return g_variant_new ("(ss)", INTERFACE_SCHEMA, CLOCK_FORMAT_KEY);
}

/* The string in a reply of ReadOne or Read; NULL when there is none.
 * Portals before version 2 have only Read, which wraps the value in one
 * more variant. */
static char *
string_of_reply (GVariant *reply)
{
  g_autoptr (GVariant) value = NULL;

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

char *
limber_desktop_clock_read_portal (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  if (bus == NULL)
    return NULL;

  reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "ReadOne",
                                       read_arguments (), G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                       PORTAL_TIMEOUT_MS, NULL, &error);
  if (reply == NULL && g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                                         read_arguments (), G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                         PORTAL_TIMEOUT_MS, NULL, NULL);
  if (reply == NULL)
    return NULL;
  return string_of_reply (reply);
}

LimberClockFormat
limber_desktop_clock_detect (void)
{
  g_autoptr (GSettings) settings = NULL;

  if (limber_sandbox_use_portals ())
    {
      g_autofree char *value = limber_desktop_clock_read_portal ();

      return limber_clock_format_parse (value, limber_clock_format_from_locale ());
    }

  settings = limber_desktop_clock_settings ();
  if (settings != NULL)
    return limber_desktop_clock_from_settings (settings);

  return limber_clock_format_from_locale ();
}

void
limber_desktop_clock_apply (void)
{
  limber_clock_format_set (limber_desktop_clock_detect ());
}

/* Hands @format to core and says so. */
static void
take_format (LimberDesktopClock *self,
             LimberClockFormat   format)
{
  limber_clock_format_set (format);
  if (self->changed != NULL)
    ((void (*) (gpointer)) self->changed) (self->user_data);
}

static void
settings_changed_cb (GSettings          *settings,
                     const char         *key,
                     LimberDesktopClock *self)
{
  take_format (self, limber_desktop_clock_from_settings (settings));
}

static void
portal_signal_cb (GDBusProxy         *proxy,
                  const char         *sender,
                  const char         *signal,
                  GVariant           *parameters,
                  LimberDesktopClock *self)
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

  take_format (self, limber_clock_format_parse (g_variant_get_string (value, NULL),
                                                limber_clock_format_from_locale ()));
}

static void
take_reply (LimberDesktopClock *self,
            GVariant           *reply)
{
  g_autofree char *value = string_of_reply (reply);

  take_format (self, limber_clock_format_parse (value, limber_clock_format_from_locale ()));
}

/* The portal's answer to ReadOne or Read. The follower is touched only
 * when the call was not cancelled: a cancelled one may have outlived it. */
static void
portal_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No answer: the locale, which core falls back to, stays. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The settings portal did not say the clock format: %s", error->message);
      return;
    }

  take_reply (LIMBER_DESKTOP_CLOCK (user_data), reply);
}

static void
portal_read_one_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  LimberDesktopClock *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = LIMBER_DESKTOP_CLOCK (user_data);
      /* Portals before version 2 have only Read. */
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
        g_dbus_connection_call (G_DBUS_CONNECTION (source), PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                                read_arguments (), G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                self->cancellable, portal_read_cb, self);
      else
        g_debug ("The settings portal did not say the clock format: %s", error->message);
      return;
    }

  take_reply (LIMBER_DESKTOP_CLOCK (user_data), reply);
}

static void
portal_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  GDBusProxy *portal = g_dbus_proxy_new_finish (result, &error);
  LimberDesktopClock *self;

  if (portal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No settings portal to follow: %s", error->message);
      return;
    }

  self = LIMBER_DESKTOP_CLOCK (user_data);
  self->portal = portal;
  /* Listening first, then asking: no change falls in between. */
  g_signal_connect (self->portal, "g-signal", G_CALLBACK (portal_signal_cb), self);
  /* On the connection rather than the proxy, which does not start the
   * portal: asking may. */
  g_dbus_connection_call (g_dbus_proxy_get_connection (self->portal), PORTAL_NAME, PORTAL_PATH,
                          PORTAL_SETTINGS, "ReadOne", read_arguments (), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, portal_read_one_cb, self);
}

/* Waiting for the session bus: the follower, and its cancellable to tell
 * whether the follower is still there. */
typedef struct
{
  LimberDesktopClock *self;
  GCancellable       *cancellable;
} BusWait;

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BusWait *wait = user_data;
  g_autoptr (GCancellable) cancellable = wait->cancellable;
  LimberDesktopClock *self = wait->self;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;

  g_free (wait);
  bus = g_bus_get_finish (result, &error);
  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (bus == NULL)
    {
      g_debug ("No session bus for the settings portal: %s", error->message);
      return;
    }

  /* The portal's own signal, on a proxy that loads nothing. */
  g_dbus_proxy_new (bus, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                    NULL, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS,
                    self->cancellable, portal_ready_cb, self);
}

LimberDesktopClock *
limber_desktop_clock_follow_portal (GCallback changed,
                                    gpointer  user_data)
{
  LimberDesktopClock *self = g_object_new (LIMBER_TYPE_DESKTOP_CLOCK, NULL);
  BusWait *wait;

  self->changed = changed;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  wait = g_new0 (BusWait, 1);
  wait->self = self;
  wait->cancellable = g_object_ref (self->cancellable);
  /* The bus, the proxy and the setting, without waiting on the main
   * loop. The bus is the process's shared one: cancelling its setting up
   * would leave it failed for everyone, so it gets no cancellable. */
  g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready_cb, wait);
  return self;
}

LimberDesktopClock *
limber_desktop_clock_follow (GCallback changed,
                             gpointer  user_data)
{
  g_autoptr (GSettings) settings = NULL;
  LimberDesktopClock *self;

  if (limber_sandbox_use_portals ())
    return limber_desktop_clock_follow_portal (changed, user_data);

  settings = limber_desktop_clock_settings ();
  if (settings == NULL)
    return NULL;

  self = g_object_new (LIMBER_TYPE_DESKTOP_CLOCK, NULL);
  self->changed = changed;
  self->user_data = user_data;
  self->settings = g_steal_pointer (&settings);
  g_signal_connect (self->settings, "changed::" CLOCK_FORMAT_KEY, G_CALLBACK (settings_changed_cb), self);
  /* GSettings signals changes only of keys that were read; and this sets
   * the format before anything shows a time. */
  limber_clock_format_set (limber_desktop_clock_from_settings (self->settings));
  return self;
}

static void
limber_desktop_clock_dispose (GObject *object)
{
  LimberDesktopClock *self = LIMBER_DESKTOP_CLOCK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->portal != NULL)
    g_signal_handlers_disconnect_by_data (self->portal, self);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (limber_desktop_clock_parent_class)->dispose (object);
}

static void
limber_desktop_clock_class_init (LimberDesktopClockClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = limber_desktop_clock_dispose;
}

static void
limber_desktop_clock_init (LimberDesktopClock *self)
{
}
