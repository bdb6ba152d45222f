/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_SESSION_MONITOR (limber_session_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LimberSessionMonitor, limber_session_monitor, LIMBER, SESSION_MONITOR, GObject)

/* Lock and sleep, from GNOME's screen saver and from logind: a locked or
 * sleeping computer has nobody working at it. Signals: "locked"
 * (gboolean) and "sleeping" (gboolean: TRUE before, FALSE after). */
LimberSessionMonitor *limber_session_monitor_new (void);

G_END_DECLS
