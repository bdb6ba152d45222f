/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-mutter-monitor.h"

/* GNOME, on X11 and Wayland alike: Mutter's IdleMonitor calls us back when
 * the user has been idle for the threshold, and once when they return. */

#define MUTTER_NAME      "org.gnome.Mutter.IdleMonitor"
#define MUTTER_PATH      "/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_INTERFACE "org.gnome.Mutter.IdleMonitor"

struct _LimberMutterMonitor
{
  LimberActivityMonitor  parent_instance;

  GDBusConnection       *bus;
  GCancellable          *cancellable;
  guint                  signal_id;
  guint                  name_watch_id;
  guint                  idle_watch;
  guint                  active_watch;
  guint                  threshold_s;
};

G_DEFINE_FINAL_TYPE (LimberMutterMonitor, limber_mutter_monitor, LIMBER_TYPE_ACTIVITY_MONITOR)

static void
remove_watch (LimberMutterMonitor *self,
              guint               *watch)
{
  if (*watch == 0)
    return;

  g_dbus_connection_call (self->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_INTERFACE,
                          "RemoveWatch", g_variant_new ("(u)", *watch),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  *watch = 0;
}

static void
watch_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *watch = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Mutter did not add an idle watch: %s", error->message);
      return;
    }
  g_variant_get (reply, "(u)", watch);
}

static void
add_idle_watch (LimberMutterMonitor *self)
{
  g_dbus_connection_call (self->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_INTERFACE,
                          "AddIdleWatch", g_variant_new ("(t)", (guint64) self->threshold_s * 1000),
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, watch_added_cb, &self->idle_watch);
}

static void
add_active_watch (LimberMutterMonitor *self)
{
  g_dbus_connection_call (self->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_INTERFACE,
                          "AddUserActiveWatch", NULL,
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, watch_added_cb, &self->active_watch);
}

static void
watch_fired_cb (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  LimberMutterMonitor *self = user_data;
  guint watch = 0;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(u)")))
    return;
  g_variant_get (parameters, "(u)", &watch);

  if (watch != 0 && watch == self->idle_watch)
    {
      /* Active watches fire once: ask for the next return each time. */
      add_active_watch (self);
      limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                         g_get_monotonic_time () - (gint64) self->threshold_s * G_USEC_PER_SEC);
    }
  else if (watch != 0 && watch == self->active_watch)
    {
      self->active_watch = 0;
      limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (self));
    }
}

static void
mutter_appeared_cb (GDBusConnection *bus,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  LimberMutterMonitor *self = user_data;

  /* A restarted Mutter (GNOME Shell on X11 can restart) forgot our
   * watches. */
  if (self->idle_watch == 0)
    add_idle_watch (self);
}

static void
mutter_vanished_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  LimberMutterMonitor *self = user_data;

  self->idle_watch = 0;
  self->active_watch = 0;
}

static gboolean
limber_mutter_monitor_start (LimberActivityMonitor  *monitor,
                             guint                   idle_threshold_s,
                             GError                **error)
{
  LimberMutterMonitor *self = LIMBER_MUTTER_MONITOR (monitor);
  g_autoptr (GVariant) idletime = NULL;
  g_autoptr (GVariant) reply = NULL;
  guint64 idle_ms = 0;

  self->threshold_s = idle_threshold_s;
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (self->bus == NULL)
    return FALSE;

  /* Not GNOME: no such service, and no activation of one either. */
  idletime = g_dbus_connection_call_sync (self->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_INTERFACE,
                                          "GetIdletime", NULL, G_VARIANT_TYPE ("(t)"),
                                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, error);
  if (idletime == NULL)
    return FALSE;
  g_variant_get (idletime, "(t)", &idle_ms);

  self->signal_id = g_dbus_connection_signal_subscribe (self->bus, MUTTER_NAME, MUTTER_INTERFACE,
                                                        "WatchFired", MUTTER_PATH, NULL,
                                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                                        watch_fired_cb, self, NULL);

  reply = g_dbus_connection_call_sync (self->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_INTERFACE,
                                       "AddIdleWatch", g_variant_new ("(t)", (guint64) idle_threshold_s * 1000),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &self->idle_watch);

  self->name_watch_id = g_bus_watch_name_on_connection (self->bus, MUTTER_NAME,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                        mutter_appeared_cb, mutter_vanished_cb,
                                                        self, NULL);

  /* Already idle for longer: the watch will not fire for that. */
  if (idle_ms >= (guint64) idle_threshold_s * 1000)
    {
      add_active_watch (self);
      limber_activity_monitor_emit_idle (monitor, g_get_monotonic_time () - (gint64) idle_ms * 1000);
    }

  return TRUE;
}

static void
limber_mutter_monitor_set_idle_threshold (LimberActivityMonitor *monitor,
                                          guint                  idle_threshold_s)
{
  LimberMutterMonitor *self = LIMBER_MUTTER_MONITOR (monitor);

  if (idle_threshold_s == self->threshold_s)
    return;

  self->threshold_s = idle_threshold_s;
  remove_watch (self, &self->idle_watch);
  add_idle_watch (self);
}

static void
limber_mutter_monitor_dispose (GObject *object)
{
  LimberMutterMonitor *self = LIMBER_MUTTER_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->name_watch_id, g_bus_unwatch_name);
  if (self->bus != NULL)
    {
      if (self->signal_id != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->signal_id);
      self->signal_id = 0;
      remove_watch (self, &self->idle_watch);
      remove_watch (self, &self->active_watch);
    }
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (limber_mutter_monitor_parent_class)->dispose (object);
}

static void
limber_mutter_monitor_class_init (LimberMutterMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LimberActivityMonitorClass *monitor_class = LIMBER_ACTIVITY_MONITOR_CLASS (klass);

  object_class->dispose = limber_mutter_monitor_dispose;
  monitor_class->start = limber_mutter_monitor_start;
  monitor_class->set_idle_threshold = limber_mutter_monitor_set_idle_threshold;
}

static void
limber_mutter_monitor_init (LimberMutterMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  limber_activity_monitor_set_name (LIMBER_ACTIVITY_MONITOR (self), "gnome");
}
