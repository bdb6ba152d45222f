/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time asleep, told by two clocks: CLOCK_BOOTTIME runs on through
 * suspend, CLOCK_MONOTONIC stands still, so the difference between them
 * grows by exactly the time the computer slept. Wall-clock jumps and
 * time-zone changes touch neither. Nothing has to wake for it: whoever
 * wakes anyway reads the clocks and asks. */
typedef struct
{
  /* CLOCK_BOOTTIME - CLOCK_MONOTONIC when the last sleep was told. */
  gint64 gap_us;
} LimberSuspendGap;

/* Less than this is the noise of reading two clocks one after the other,
 * or a nap too short to matter; it is kept for the next look. */
#define LIMBER_SUSPEND_GAP_MIN_US (2 * G_USEC_PER_SEC)

void   limber_suspend_gap_init       (LimberSuspendGap *self,
                                      gint64            boottime_us,
                                      gint64            monotonic_us);

/**
 * limber_suspend_gap_update:
 * @boottime_us: CLOCK_BOOTTIME now
 * @monotonic_us: CLOCK_MONOTONIC now, read right before @boottime_us
 *
 * How long the computer slept since the last sleep this told, or 0 when
 * that is less than %LIMBER_SUSPEND_GAP_MIN_US. Each sleep is told once.
 */
gint64 limber_suspend_gap_update     (LimberSuspendGap *self,
                                      gint64            boottime_us,
                                      gint64            monotonic_us);

/* Both clocks now, in microseconds: the monotonic one as
 * g_get_monotonic_time() gives it, then the boot-time one. */
void   limber_suspend_gap_read_clocks (gint64          *boottime_us,
                                       gint64          *monotonic_us);

G_END_DECLS
