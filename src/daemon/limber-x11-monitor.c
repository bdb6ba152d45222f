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

/* X11 outside GNOME: one alarm on the server's IDLETIME counter. While
 * the user is active it waits for the counter to be at least the
 * threshold (idle), while idle for it to be below (active again). These
 * are comparisons, not transitions: an alarm set or changed while its
 * condition already holds fires at once, so idleness that began before
 * the monitor started, or before the threshold changed, is reported too,
 * from the X event stream once the caller is listening. Having fired, the
 * alarm rests until it is set again. Only without the SYNC extension does
 * the monitor fall back to asking XScreenSaver, on a slow poll.
 *
 * Never in a Wayland session: Xwayland's counter sees only input to X11
 * windows, and would call someone typing into a Wayland window away. */

#define POLL_WHILE_IDLE_S 5

struct _LimberX11Monitor
{
  LimberActivityMonitor  parent_instance;

  Display               *display;
  GSource               *x_source;
  int                    sync_event_base;
  XSyncCounter           idle_counter;
  XSyncAlarm             alarm;

  guint                  poll_id;
  gboolean               idle;
  guint                  threshold_s;
};

G_DEFINE_FINAL_TYPE (LimberX11Monitor, limber_x11_monitor, LIMBER_TYPE_ACTIVITY_MONITOR)

/* Waits for the user to go idle, or, while idle, to come back. */
static void
arm_alarm (LimberX11Monitor *self)
{
  XSyncAlarmAttributes attributes = { 0 };
  unsigned long flags = XSyncCACounter | XSyncCAValueType | XSyncCATestType |
                        XSyncCAValue | XSyncCADelta | XSyncCAEvents;

  attributes.trigger.counter = self->idle_counter;
  attributes.trigger.value_type = XSyncAbsolute;
  /* Idle from the threshold on, active below it: "at most" one
   * millisecond less. */
  if (self->idle)
    {
      attributes.trigger.test_type = XSyncNegativeComparison;
      XSyncIntToValue (&attributes.trigger.wait_value, (int) self->threshold_s * 1000 - 1);
    }
  else
    {
      attributes.trigger.test_type = XSyncPositiveComparison;
      XSyncIntToValue (&attributes.trigger.wait_value, (int) self->threshold_s * 1000);
    }
  XSyncIntToValue (&attributes.delta, 0);
  attributes.events = True;

  if (self->alarm == None)
    self->alarm = XSyncCreateAlarm (self->display, flags, &attributes);
  else
    XSyncChangeAlarm (self->display, self->alarm, flags, &attributes);

  XFlush (self->display);
}

static gint64
value_to_ms (XSyncValue value)
{
  return (gint64) XSyncValueHigh32 (value) * ((gint64) G_MAXUINT32 + 1) + XSyncValueLow32 (value);
}

/* The X connection as a GSource. Xlib reads events off the socket
 * whenever it flushes, not only when asked for them: an alarm that fires
 * at once when set can sit in Xlib's queue with nothing left to read on
 * the socket, so the queue counts as ready too. Looking at it costs no
 * system call. */
typedef struct
{
  GSource   source;
  Display  *display;
  gpointer  fd_tag;
} XEventSource;

static gboolean
x_event_source_prepare (GSource *source,
                        int     *timeout_ms)
{
  *timeout_ms = -1;
  return XQLength (((XEventSource *) source)->display) > 0;
}

static gboolean
x_event_source_check (GSource *source)
{
  XEventSource *x_source = (XEventSource *) source;

  return (g_source_query_unix_fd (source, x_source->fd_tag) & G_IO_IN) ||
         XQLength (x_source->display) > 0;
}

static gboolean
x_event_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs x_event_source_funcs = {
  .prepare = x_event_source_prepare,
  .check = x_event_source_check,
  .dispatch = x_event_source_dispatch,
};

static GSource *
x_event_source_new (Display *display)
{
  GSource *source = g_source_new (&x_event_source_funcs, sizeof (XEventSource));
  XEventSource *x_source = (XEventSource *) source;

  x_source->display = display;
  x_source->fd_tag = g_source_add_unix_fd (source, ConnectionNumber (display), G_IO_IN);
  g_source_set_name (source, "[limber] X11 idle alarms");
  return source;
}

static gboolean
x_events_cb (gpointer user_data)
{
  LimberX11Monitor *self = user_data;

  while (XPending (self->display))
    {
      XEvent event;
      XSyncAlarmNotifyEvent *alarm_event;
      gint64 idle_ms;
      gboolean idle;

      XNextEvent (self->display, &event);
      if (event.type != self->sync_event_base + XSyncAlarmNotify)
        continue;

      alarm_event = (XSyncAlarmNotifyEvent *) &event;
      if (alarm_event->alarm != self->alarm)
        continue;

      /* Judged by the idle time it carries against the threshold now, so
       * that an event sent before the threshold changed cannot mislead. */
      idle_ms = value_to_ms (alarm_event->counter_value);
      idle = idle_ms >= (gint64) self->threshold_s * 1000;
      if (idle != self->idle)
        {
          self->idle = idle;
          if (idle)
            limber_activity_monitor_emit_idle (LIMBER_ACTIVITY_MONITOR (self),
                                               g_get_monotonic_time () - idle_ms * 1000);
          else
            limber_activity_monitor_emit_active (LIMBER_ACTIVITY_MONITOR (self));
        }
      arm_alarm (self);
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

  if (g_getenv ("WAYLAND_DISPLAY") != NULL || g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "wayland") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "A Wayland session, where Xwayland's idle time misses input to Wayland windows");
      return FALSE;
    }

  if (g_getenv ("DISPLAY") == NULL || !(self->display = XOpenDisplay (NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No X11 display");
      return FALSE;
    }

  if (XSyncQueryExtension (self->display, &self->sync_event_base, &sync_error_base) &&
      XSyncInitialize (self->display, &major, &minor) &&
      find_idle_counter (self))
    {
      arm_alarm (self);

      self->x_source = x_event_source_new (self->display);
      g_source_set_callback (self->x_source, x_events_cb, self, NULL);
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
        /* Look once straight away: the user may be away already. */
        self->poll_id = g_idle_add (poll_idle_cb, self);
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

  if (idle_threshold_s == self->threshold_s)
    return;

  self->threshold_s = idle_threshold_s;
  /* Set again, the alarm fires at once when the idle time already is
   * past the new threshold, or, while idle, below it. */
  if (self->alarm != None)
    arm_alarm (self);
#ifdef HAVE_XSS
  else if (self->poll_id != 0)
    {
      g_source_remove (self->poll_id);
      self->poll_id = g_idle_add (poll_idle_cb, self);
    }
#endif
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
      if (self->alarm != None)
        XSyncDestroyAlarm (self->display, self->alarm);
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
