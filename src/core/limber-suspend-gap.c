/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include "limber-suspend-gap.h"

void
limber_suspend_gap_init (LimberSuspendGap *self,
                         gint64            boottime_us,
                         gint64            monotonic_us)
{
  g_return_if_fail (self != NULL);

  self->gap_us = boottime_us - monotonic_us;
}

gint64
limber_suspend_gap_update (LimberSuspendGap *self,
                           gint64            boottime_us,
                           gint64            monotonic_us)
{
  gint64 gap_us;
  gint64 slept_us;

  g_return_val_if_fail (self != NULL, 0);

  gap_us = boottime_us - monotonic_us;
  slept_us = gap_us - self->gap_us;

  /* The gap never shrinks: a smaller one means the reading it is kept
   * from was held up between its two clocks. Keep the truer one. */
  if (slept_us < 0)
    {
      self->gap_us = gap_us;
      return 0;
    }

  if (slept_us < LIMBER_SUSPEND_GAP_MIN_US)
    return 0;

  self->gap_us = gap_us;
  return slept_us;
}

void
limber_suspend_gap_read_clocks (gint64 *boottime_us,
                                gint64 *monotonic_us)
{
  struct timespec ts;

  g_return_if_fail (boottime_us != NULL && monotonic_us != NULL);

  *monotonic_us = g_get_monotonic_time ();
  clock_gettime (CLOCK_BOOTTIME, &ts);
  *boottime_us = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
