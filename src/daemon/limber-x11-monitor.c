/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <X11/Xlib.h>
#include <X11/extensions/sync.h>
#ifdef HAVE_XSS
#include <X11/extensions/scrnsaver.h>
#endif
#include <glib-unix.h>

#include "limber-x11-monitor.h"

/* X11 outside GNOME: the server's IDLETIME counter with two alarms, one
 * when it rises past the threshold (idle) and one when input drops it
 * below again (active). Only without the SYNC extension does it fall back
 * to asking XScreenSaver, on a slow poll. */

#define POLL_WHILE_IDLE_S 5

struct _LimberX11Monitor
{
  LimberActivityMonitor  parent_instance;

  Display               *display;
  GSource               *x_source;
  int                    sync_event_base;
  XSyncCounter           idle_counter;
  XSyncAlarm             idle_alarm;
  XSyncAlarm             active_alarm;

  guint                  poll_id;
  gboolean               idle;
  guint                  threshold_s;
};

G_DEFINE_FINAL_TYPE (LimberX11Monitor, limber_x11_monitor, LIMBER_TYPE_ACTIVITY_MONITOR)

static XSyncAlarm
set_alarm (LimberX11Monitor *self,
           XSyncAlarm        alarm,
           XSyncTestType     test_type)
{
  XSyncAlarmAttributes attributes = { 0 };
  unsigned long flags = XSyncCACounter | XSyncCAValueType | XSyncCATestType |
                        XSyncCAValue | XSyncCADelta | XSyncCAEvents;

  attributes.trigger.counter = self->idle_counter;
  attributes.trigger.value_type = XSyncAbsolute;
  attributes.trigger.test_type = test_type;
  XSyncIntToValue (&attributes.trigger.wait_value, (int) self->threshold_s * 1000);
  XSyncIntToValue (&attributes.delta, 0);
  attributes.events = True;

  if (alarm == None)
    return XSyncCreateAlarm (self->display, flags, &attributes);

  XSyncChangeAlarm (self->display, alarm, flags, &attributes);
  return alarm;
}

static gboolean
x_events_cb (gint         fd,
             GIOCondition condition,
             gpointer     user_data)
{
  LimberX11Monitor *self = user_data;

  while (XPending (self->display))
    {
      XEvent event;
      XSyncAlarmNotifyEvent *alarm_event;

      XNextEvent (self->display, &event);
      if (event.type != self->sync_event_base + XSyncAlarmNotify)
        continue;

      alarm_event = (XSyncAlarmNotifyEvent *) &event;
      if (alarm_event->alarm == self->idle_alarm && !self->idle)
        {
          self->idle = TRUE;
          limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                             g_get_monotonic_time () - (gint64) self->threshold_s * G_USEC_PER_SEC);
        }
      else if (alarm_event->alarm == self->active_alarm && self->idle)
        {
          self->idle = FALSE;
          limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (self));
        }
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
find_idle_counter (LimberX11Monitor *self)
{
  XSyncSystemCounter *counters;
  int n_counters = 0;

  counters = XSyncListSystemCounters (self->display, &n_counters);
  for (int i = 0; i < n_counters; i++)
    {
      if (g_strcmp0 (counters[i].name, "IDLETIME") == 0)
        self->idle_counter = counters[i].counter;
    }
  if (counters != NULL)
    XSyncFreeSystemCounterList (counters);

  return self->idle_counter != None;
}

#ifdef HAVE_XSS
static gboolean
poll_idle_cb (gpointer user_data)
{
  LimberX11Monitor *self = user_data;
  XScreenSaverInfo *info = XScreenSaverAllocInfo ();
  guint next_s;

  XScreenSaverQueryInfo (self->display, DefaultRootWindow (self->display), info);
  if (!self->idle && info->idle >= self->threshold_s * 1000)
    {
      self->idle = TRUE;
      limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                         g_get_monotonic_time () - (gint64) info->idle * 1000);
    }
  else if (self->idle && info->idle < self->threshold_s * 1000)
    {
      self->idle = FALSE;
      limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (self));
    }

  /* While active, look again only when the threshold could be reached. */
  next_s = self->idle ? POLL_WHILE_IDLE_S
                      : MAX (1, self->threshold_s - (guint) (info->idle / 1000));
  XFree (info);

  self->poll_id = g_timeout_add_seconds (next_s, poll_idle_cb, self);
  return G_SOURCE_REMOVE;
}
#endif

static gboolean
limber_x11_monitor_start (LimberActivityMonitor  *monitor,
                          guint                   idle_threshold_s,
                          GError                **error)
{
  LimberX11Monitor *self = LIMBER_X11_MONITOR (monitor);
  int sync_error_base, major, minor;

  self->threshold_s = idle_threshold_s;

  if (g_getenv ("DISPLAY") == NULL || !(self->display = XOpenDisplay (NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No X11 display");
      return FALSE;
    }

  if (XSyncQueryExtension (self->display, &self->sync_event_base, &sync_error_base) &&
      XSyncInitialize (self->display, &major, &minor) &&
      find_idle_counter (self))
    {
      self->idle_alarm = set_alarm (self, None, XSyncPositiveTransition);
      self->active_alarm = set_alarm (self, None, XSyncNegativeTransition);
      XFlush (self->display);

      self->x_source = g_unix_fd_source_new (ConnectionNumber (self->display), G_IO_IN);
      g_source_set_callback (self->x_source, G_SOURCE_FUNC (x_events_cb), self, NULL);
      g_source_set_name (self->x_source, "[limber] X11 idle alarms");
      g_source_attach (self->x_source, NULL);
      limber_activity_monitor_set_name (monitor, "x11");
      return TRUE;
    }

#ifdef HAVE_XSS
  {
    int event_base, error_base;

    if (XScreenSaverQueryExtension (self->display, &event_base, &error_base))
      {
        limber_activity_monitor_set_name (monitor, "x11-polling");
        self->poll_id = g_timeout_add_seconds (idle_threshold_s, poll_idle_cb, self);
        return TRUE;
      }
  }
#endif

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "The X server has neither an IDLETIME counter nor XScreenSaver");
  return FALSE;
}

static void
limber_x11_monitor_set_idle_threshold (LimberActivityMonitor *monitor,
                                       guint                  idle_threshold_s)
{
  LimberX11Monitor *self = LIMBER_X11_MONITOR (monitor);

  self->threshold_s = idle_threshold_s;
  if (self->idle_alarm != None)
    {
      set_alarm (self, self->idle_alarm, XSyncPositiveTransition);
      set_alarm (self, self->active_alarm, XSyncNegativeTransition);
      XFlush (self->display);
    }
}

static void
limber_x11_monitor_dispose (GObject *object)
{
  LimberX11Monitor *self = LIMBER_X11_MONITOR (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->x_source != NULL)
    {
      g_source_destroy (self->x_source);
      g_clear_pointer (&self->x_source, g_source_unref);
    }
  if (self->display != NULL)
    {
      if (self->idle_alarm != None)
        XSyncDestroyAlarm (self->display, self->idle_alarm);
      if (self->active_alarm != None)
        XSyncDestroyAlarm (self->display, self->active_alarm);
      XCloseDisplay (self->display);
      self->display = NULL;
    }

  G_OBJECT_CLASS (limber_x11_monitor_parent_class)->dispose (object);
}

static void
limber_x11_monitor_class_init (LimberX11MonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LimberActivityMonitorClass *monitor_class = LIMBER_ACTIVITY_MONITOR_CLASS (klass);

  object_class->dispose = limber_x11_monitor_dispose;
  monitor_class->start = limber_x11_monitor_start;
  monitor_class->set_idle_threshold = limber_x11_monitor_set_idle_threshold;
}

static void
limber_x11_monitor_init (LimberX11Monitor *self)
{
  limber_activity_monitor_set_name (LIMBER_ACTIVITY_MONITOR (self), "x11");
}
