/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-activity-monitor.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_MUTTER_MONITOR (limber_mutter_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LimberMutterMonitor, limber_mutter_monitor, LIMBER, MUTTER_MONITOR, LimberActivityMonitor)

G_END_DECLS
