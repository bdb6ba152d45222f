/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-activity-monitor.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_X11_MONITOR (limber_x11_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LimberX11Monitor, limber_x11_monitor, LIMBER, X11_MONITOR, LimberActivityMonitor)

G_END_DECLS
