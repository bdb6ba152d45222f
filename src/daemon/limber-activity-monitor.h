/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_ACTIVITY_MONITOR (limber_activity_monitor_get_type ())

G_DECLARE_DERIVABLE_TYPE (LimberActivityMonitor, limber_activity_monitor, LIMBER, ACTIVITY_MONITOR, GObject)

/* Tells when the user stops and starts using keyboard and mouse, from
 * whatever the session offers. Subclasses are event-driven where the
 * session has events. */
struct _LimberActivityMonitorClass
{
  GObjectClass parent_class;

  /* Starts watching with @idle_threshold_s; FALSE when this session does
   * not offer what the monitor needs. A user idle already is reported
   * too, where the session tells how long. */
  gboolean (*start)               (LimberActivityMonitor  *self,
                                   guint                   idle_threshold_s,
                                   GError                **error);
  /* The new threshold counts against the idle time so far, where the
   * session tells it. */
  void     (*set_idle_threshold)  (LimberActivityMonitor  *self,
                                   guint                   idle_threshold_s);
};

/**
 * limber_activity_monitor_pick:
 *
 * The first monitor that works in this session, in the order GNOME
 * (Mutter IdleMonitor), Wayland (ext-idle-notify-v1, else
 * org_kde_kwin_idle), X11 (XSync IDLETIME alarms), X11 polling
 * (XScreenSaver), the X11 ones only outside a Wayland session; %NULL when
 * none does. A user already idle is reported from the main loop, after
 * the caller connected to the signals.
 */
LimberActivityMonitor *limber_activity_monitor_pick               (guint                  idle_threshold_s);

const char            *limber_activity_monitor_get_name           (LimberActivityMonitor *self);
void                   limber_activity_monitor_set_idle_threshold (LimberActivityMonitor *self,
                                                                   guint                  idle_threshold_s);

/* For subclasses: say how they watch, and report what they saw. */
void                   limber_activity_monitor_set_name           (LimberActivityMonitor *self,
                                                                   const char            *name);
void                   limber_activity_monitor_emit_idle          (LimberActivityMonitor *self,
                                                                   gint64                 since_us);
void                   limber_activity_monitor_emit_active        (LimberActivityMonitor *self);

G_END_DECLS
