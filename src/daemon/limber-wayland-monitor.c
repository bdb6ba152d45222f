/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <glib-unix.h>
#include <wayland-client.h>

#include "ext-idle-notify-v1-client-protocol.h"
#include "limber-wayland-monitor.h"

/* Wayland compositors other than GNOME's (KWin, wlroots-based ones):
 * ext-idle-notify-v1 on a connection of the daemon's own, without GTK.
 * The compositor says "idled" after the threshold and "resumed" on input;
 * it also honours idle inhibitors, so a playing video is not activity. */

struct _LimberWaylandMonitor
{
  LimberActivityMonitor            parent_instance;

  struct wl_display               *display;
  struct wl_registry              *registry;
  struct wl_seat                  *seat;
  struct ext_idle_notifier_v1     *notifier;
  struct ext_idle_notification_v1 *notification;
  guint                            fd_source_id;
  guint                            threshold_s;
};

G_DEFINE_FINAL_TYPE (LimberWaylandMonitor, limber_wayland_monitor, LIMBER_TYPE_ACTIVITY_MONITOR)

static void
idled (void                            *data,
       struct ext_idle_notification_v1 *notification)
{
  LimberWaylandMonitor *self = data;

  limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                     g_get_monotonic_time () - (gint64) self->threshold_s * G_USEC_PER_SEC);
}

static void
resumed (void                            *data,
         struct ext_idle_notification_v1 *notification)
{
  limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (data));
}

static const struct ext_idle_notification_v1_listener notification_listener = {
  .idled = idled,
  .resumed = resumed,
};

static void
global_added (void               *data,
              struct wl_registry *registry,
              uint32_t            name,
              const char         *interface,
              uint32_t            version)
{
  LimberWaylandMonitor *self = data;

  if (g_str_equal (interface, wl_seat_interface.name) && self->seat == NULL)
    self->seat = wl_registry_bind (registry, name, &wl_seat_interface, 1);
  else if (g_str_equal (interface, ext_idle_notifier_v1_interface.name))
    self->notifier = wl_registry_bind (registry, name, &ext_idle_notifier_v1_interface, 1);
}

static void
global_removed (void               *data,
                struct wl_registry *registry,
                uint32_t            name)
{
}

static const struct wl_registry_listener registry_listener = {
  .global = global_added,
  .global_remove = global_removed,
};

static void
watch (LimberWaylandMonitor *self)
{
  g_clear_pointer (&self->notification, ext_idle_notification_v1_destroy);
  self->notification = ext_idle_notifier_v1_get_idle_notification (self->notifier,
                                                                    self->threshold_s * 1000,
                                                                    self->seat);
  ext_idle_notification_v1_add_listener (self->notification, &notification_listener, self);
  wl_display_flush (self->display);
}

static gboolean
wayland_events_cb (gint         fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  LimberWaylandMonitor *self = user_data;

  if ((condition & (G_IO_ERR | G_IO_HUP)) || wl_display_dispatch (self->display) < 0)
    {
      /* The compositor went away: nothing more will come from it. */
      g_message ("Lost the Wayland connection; activity is no longer seen");
      self->fd_source_id = 0;
      return G_SOURCE_REMOVE;
    }

  wl_display_flush (self->display);
  return G_SOURCE_CONTINUE;
}

static gboolean
limber_wayland_monitor_start (LimberActivityMonitor  *monitor,
                              guint                   idle_threshold_s,
                              GError                **error)
{
  LimberWaylandMonitor *self = LIMBER_WAYLAND_MONITOR (monitor);

  self->threshold_s = idle_threshold_s;

  if (g_getenv ("WAYLAND_DISPLAY") == NULL || !(self->display = wl_display_connect (NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No Wayland display");
      return FALSE;
    }

  self->registry = wl_display_get_registry (self->display);
  wl_registry_add_listener (self->registry, &registry_listener, self);
  wl_display_roundtrip (self->display);

  if (self->notifier == NULL || self->seat == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The compositor does not offer ext-idle-notify-v1");
      return FALSE;
    }

  watch (self);
  self->fd_source_id = g_unix_fd_add (wl_display_get_fd (self->display),
                                      G_IO_IN | G_IO_ERR | G_IO_HUP,
                                      wayland_events_cb, self);
  return TRUE;
}

static void
limber_wayland_monitor_set_idle_threshold (LimberActivityMonitor *monitor,
                                           guint                  idle_threshold_s)
{
  LimberWaylandMonitor *self = LIMBER_WAYLAND_MONITOR (monitor);

  self->threshold_s = idle_threshold_s;
  if (self->notifier != NULL)
    watch (self);
}

static void
limber_wayland_monitor_dispose (GObject *object)
{
  LimberWaylandMonitor *self = LIMBER_WAYLAND_MONITOR (object);

  g_clear_handle_id (&self->fd_source_id, g_source_remove);
  g_clear_pointer (&self->notification, ext_idle_notification_v1_destroy);
  g_clear_pointer (&self->notifier, ext_idle_notifier_v1_destroy);
  g_clear_pointer (&self->seat, wl_seat_destroy);
  g_clear_pointer (&self->registry, wl_registry_destroy);
  g_clear_pointer (&self->display, wl_display_disconnect);

  G_OBJECT_CLASS (limber_wayland_monitor_parent_class)->dispose (object);
}

static void
limber_wayland_monitor_class_init (LimberWaylandMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LimberActivityMonitorClass *monitor_class = LIMBER_ACTIVITY_MONITOR_CLASS (klass);

  object_class->dispose = limber_wayland_monitor_dispose;
  monitor_class->start = limber_wayland_monitor_start;
  monitor_class->set_idle_threshold = limber_wayland_monitor_set_idle_threshold;
}

static void
limber_wayland_monitor_init (LimberWaylandMonitor *self)
{
  limber_activity_monitor_set_name (LIMBER_ACTIVITY_MONITOR (self), "wayland");
}
