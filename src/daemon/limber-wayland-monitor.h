/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-activity-monitor.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_WAYLAND_MONITOR (limber_wayland_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LimberWaylandMonitor, limber_wayland_monitor, LIMBER, WAYLAND_MONITOR, LimberActivityMonitor)

G_END_DECLS
