/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <glib-unix.h>
#include <wayland-client.h>

#include "ext-idle-notify-v1-client-protocol.h"
#ifdef HAVE_KDE_IDLE
#include "org-kde-kwin-idle-client-protocol.h"
#endif
#include "limber-wayland-monitor.h"

/* Wayland compositors other than GNOME's, on a connection of the daemon's
 * own, without GTK: ext-idle-notify-v1 where the compositor has it (sway
 * from 1.8, recent KWin), else org_kde_kwin_idle (sway 1.7, older KWin).
 * Both say "idle" after the threshold and "resumed" on input, and both
 * honour idle inhibitors, so a playing video is not activity.
 *
 * A watch starts counting when it is made, so a new threshold while the
 * user is away would lose the "resumed" of the watch that went idle: that
 * one is kept until the user is back. */

struct _LimberWaylandMonitor
{
  LimberActivityMonitor            parent_instance;

  struct wl_display               *display;
  struct wl_registry              *registry;
  struct wl_seat                  *seat;
  struct ext_idle_notifier_v1     *notifier;
#ifdef HAVE_KDE_IDLE
  struct org_kde_kwin_idle        *kde_idle;
#endif
  /* An ext_idle_notification_v1 or an org_kde_kwin_idle_timeout. */
  struct wl_proxy                 *watch;
  struct wl_proxy                 *resume_watch;
  guint                            fd_source_id;
  guint                            threshold_s;
  gboolean                         idle;
};

G_DEFINE_FINAL_TYPE (LimberWaylandMonitor, limber_wayland_monitor, LIMBER_TYPE_ACTIVITY_MONITOR)

static void
destroy_watch (LimberWaylandMonitor  *self,
               struct wl_proxy      **watch)
{
  if (*watch == NULL)
    return;

#ifdef HAVE_KDE_IDLE
  if (self->notifier == NULL)
    org_kde_kwin_idle_timeout_release ((struct org_kde_kwin_idle_timeout *) *watch);
  else
#endif
    ext_idle_notification_v1_destroy ((struct ext_idle_notification_v1 *) *watch);
  *watch = NULL;
}

static void
went_idle (LimberWaylandMonitor *self)
{
  if (self->idle)
    return;

  self->idle = TRUE;
  limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                     g_get_monotonic_time () - (gint64) self->threshold_s * G_USEC_PER_SEC);
}

static void
came_back (LimberWaylandMonitor *self,
           struct wl_proxy      *watch)
{
  if (watch == self->resume_watch)
    destroy_watch (self, &self->resume_watch);

  if (!self->idle)
    return;

  self->idle = FALSE;
  limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (self));
}

static void
notification_idled (void                            *data,
                    struct ext_idle_notification_v1 *notification)
{
  went_idle (data);
}

static void
notification_resumed (void                            *data,
                      struct ext_idle_notification_v1 *notification)
{
  came_back (data, (struct wl_proxy *) notification);
}

static const struct ext_idle_notification_v1_listener notification_listener = {
  .idled = notification_idled,
  .resumed = notification_resumed,
};

#ifdef HAVE_KDE_IDLE
static void
timeout_idle (void                             *data,
              struct org_kde_kwin_idle_timeout *timeout)
{
  went_idle (data);
}

static void
timeout_resumed (void                             *data,
                 struct org_kde_kwin_idle_timeout *timeout)
{
  came_back (data, (struct wl_proxy *) timeout);
}

static const struct org_kde_kwin_idle_timeout_listener timeout_listener = {
  .idle = timeout_idle,
  .resumed = timeout_resumed,
};
#endif

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
  else if (g_str_equal (interface, ext_idle_notifier_v1_interface.name) && self->notifier == NULL)
    self->notifier = wl_registry_bind (registry, name, &ext_idle_notifier_v1_interface, 1);
#ifdef HAVE_KDE_IDLE
  else if (g_str_equal (interface, org_kde_kwin_idle_interface.name) && self->kde_idle == NULL)
    self->kde_idle = wl_registry_bind (registry, name, &org_kde_kwin_idle_interface, 1);
#endif
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
  if (self->idle && self->resume_watch == NULL)
    self->resume_watch = g_steal_pointer (&self->watch);
  else
    destroy_watch (self, &self->watch);

#ifdef HAVE_KDE_IDLE
  if (self->notifier == NULL)
    {
      struct org_kde_kwin_idle_timeout *timeout;

      timeout = org_kde_kwin_idle_get_idle_timeout (self->kde_idle, self->seat, self->threshold_s * 1000);
      org_kde_kwin_idle_timeout_add_listener (timeout, &timeout_listener, self);
      self->watch = (struct wl_proxy *) timeout;
    }
  else
#endif
    {
      struct ext_idle_notification_v1 *notification;

      notification = ext_idle_notifier_v1_get_idle_notification (self->notifier,
                                                                 self->threshold_s * 1000,
                                                                 self->seat);
      ext_idle_notification_v1_add_listener (notification, &notification_listener, self);
      self->watch = (struct wl_proxy *) notification;
    }

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
  gboolean have_protocol;

  self->threshold_s = idle_threshold_s;

  if (g_getenv ("WAYLAND_DISPLAY") == NULL || !(self->display = wl_display_connect (NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No Wayland display");
      return FALSE;
    }

  self->registry = wl_display_get_registry (self->display);
  wl_registry_add_listener (self->registry, &registry_listener, self);
  wl_display_roundtrip (self->display);

  have_protocol = self->notifier != NULL;
#ifdef HAVE_KDE_IDLE
  if (self->notifier != NULL)
    g_clear_pointer (&self->kde_idle, org_kde_kwin_idle_destroy);
  else if (self->kde_idle != NULL)
    {
      have_protocol = TRUE;
      limber_activity_monitor_set_name (monitor, "kde-idle");
    }
#endif

  if (!have_protocol || self->seat == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The compositor offers neither ext-idle-notify-v1 nor org_kde_kwin_idle");
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

  if (idle_threshold_s == self->threshold_s)
    return;

  self->threshold_s = idle_threshold_s;
  if (self->watch != NULL)
    watch (self);
}

static void
limber_wayland_monitor_dispose (GObject *object)
{
  LimberWaylandMonitor *self = LIMBER_WAYLAND_MONITOR (object);

  g_clear_handle_id (&self->fd_source_id, g_source_remove);
  destroy_watch (self, &self->resume_watch);
  destroy_watch (self, &self->watch);
  g_clear_pointer (&self->notifier, ext_idle_notifier_v1_destroy);
#ifdef HAVE_KDE_IDLE
  g_clear_pointer (&self->kde_idle, org_kde_kwin_idle_destroy);
#endif
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
