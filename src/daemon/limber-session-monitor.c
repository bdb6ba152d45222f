/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <unistd.h>

#include "limber-session-monitor.h"

#define LOGIND_NAME "org.freedesktop.login1"
#define LOGIND_PATH "/org/freedesktop/login1"

struct _LimberSessionMonitor
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint            screensaver_id;
  guint            sleep_id;
  guint            lock_id;
  guint            unlock_id;
};

G_DEFINE_FINAL_TYPE (LimberSessionMonitor, limber_session_monitor, G_TYPE_OBJECT)

enum {
  LOCKED,
  SLEEPING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
screensaver_active_cb (GDBusConnection *bus,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &active);
  g_signal_emit (user_data, signals[LOCKED], 0, active);
}

static void
prepare_for_sleep_cb (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean going = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going);
  g_signal_emit (user_data, signals[SLEEPING], 0, going);
}

static void
session_lock_cb (GDBusConnection *bus,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  g_signal_emit (user_data, signals[LOCKED], 0, g_str_equal (signal, "Lock"));
}

static void
session_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LimberSessionMonitor *self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *session_path;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No logind session: %s", error->message);
      return;
    }

  g_variant_get (reply, "(&o)", &session_path);
  self->lock_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                      "org.freedesktop.login1.Session", "Lock",
                                                      session_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                      session_lock_cb, self, NULL);
  self->unlock_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                        "org.freedesktop.login1.Session", "Unlock",
                                                        session_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                        session_lock_cb, self, NULL);
}

static void
limber_session_monitor_dispose (GObject *object)
{
  LimberSessionMonitor *self = LIMBER_SESSION_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session_bus != NULL && self->screensaver_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_id);
  if (self->system_bus != NULL)
    {
      guint *ids[] = { &self->sleep_id, &self->lock_id, &self->unlock_id };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        if (*ids[i] != 0)
          g_dbus_connection_signal_unsubscribe (self->system_bus, *ids[i]);
    }
  self->screensaver_id = self->sleep_id = self->lock_id = self->unlock_id = 0;
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (limber_session_monitor_parent_class)->dispose (object);
}

static void
limber_session_monitor_class_init (LimberSessionMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = limber_session_monitor_dispose;

  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SLEEPING] = g_signal_new ("sleeping", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
limber_session_monitor_init (LimberSessionMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

LimberSessionMonitor *
limber_session_monitor_new (void)
{
  LimberSessionMonitor *self = g_object_new (LIMBER_TYPE_SESSION_MONITOR, NULL);
  g_autoptr (GError) error = NULL;

  /* Signals only: nothing is asked of a service that may not exist. */
  self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->session_bus != NULL)
    self->screensaver_id = g_dbus_connection_signal_subscribe (self->session_bus, "org.gnome.ScreenSaver",
                                                               "org.gnome.ScreenSaver", "ActiveChanged",
                                                               "/org/gnome/ScreenSaver", NULL,
                                                               G_DBUS_SIGNAL_FLAGS_NONE,
                                                               screensaver_active_cb, self, NULL);
  else
    g_debug ("No session bus: %s", error->message);
  g_clear_error (&error);

  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus, so no logind: %s", error->message);
      return self;
    }

  self->sleep_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                       "org.freedesktop.login1.Manager", "PrepareForSleep",
                                                       LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                       prepare_for_sleep_cb, self, NULL);
  /* A daemon started by D-Bus activation runs outside the session's
   * processes; the session it serves is named in its environment. */
  if (g_getenv ("XDG_SESSION_ID") != NULL)
    g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, "org.freedesktop.login1.Manager",
                            "GetSession", g_variant_new ("(s)", g_getenv ("XDG_SESSION_ID")),
                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                            self->cancellable, session_found_cb, self);
  else
    g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, "org.freedesktop.login1.Manager",
                            "GetSessionByPID", g_variant_new ("(u)", (guint32) getpid ()),
                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                            self->cancellable, session_found_cb, self);

  return self;
}
