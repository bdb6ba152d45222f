/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-scheduler"

#include "config.h"

#include "limber-break-scheduler-private.h"

/* What the scheduler says about itself: its state, the next deadline the
 * driver must wake for, and the times a person reads. Nothing here
 * changes the state. */

gint64
limber_break_scheduler_get_time (LimberBreakScheduler *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), 0);

  return self->last_update_us;
}

LimberBreakKind
limber_break_scheduler_get_due_kind (LimberBreakScheduler *self,
                                     gboolean             *any)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), LIMBER_BREAK_KIND_MICRO);

  *any = self->in_break || self->kinds[0].due || self->kinds[1].due;
  if (self->in_break)
    return self->break_kind;
  return self->kinds[LIMBER_BREAK_KIND_REST].due ? LIMBER_BREAK_KIND_REST : LIMBER_BREAK_KIND_MICRO;
}

LimberBreakState
limber_break_scheduler_get_state (LimberBreakScheduler *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), LIMBER_BREAK_STATE_WORKING);

  return self->state;
}

gint64
limber_break_scheduler_get_next_deadline (LimberBreakScheduler *self)
{
  const LimberBreakSettings *settings;
  gint64 now_us, next = LIMBER_BREAK_SCHEDULER_NO_DEADLINE;

  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), LIMBER_BREAK_SCHEDULER_NO_DEADLINE);

  settings = &self->settings;
  now_us = self->last_update_us;

  if (self->paused && self->pause_end_us != LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
    next = MIN (next, self->pause_end_us);

  if (self->in_break)
    next = MIN (next, limber_break_scheduler_get_break_end (self));

  if (limber_break_scheduler_is_away (self) && !self->paused && !self->in_break && !self->suspended)
    {
      for (int k = LIMBER_BREAK_KIND_MICRO; k <= LIMBER_BREAK_KIND_REST; k++)
        {
          const LimberBreakKindSettings *ks = limber_break_scheduler_kind_settings (self, k);

          if (ks->enabled && !self->kinds[k].natural_this_absence &&
              (self->kinds[k].worked_us > 0 || self->kinds[k].due))
            next = MIN (next, self->away_since_us - self->slept_us + (gint64) ks->duration_s * S);
        }
    }

  if (limber_break_scheduler_is_working (self))
    {
      for (int k = LIMBER_BREAK_KIND_MICRO; k <= LIMBER_BREAK_KIND_REST; k++)
        {
          const LimberBreakKindSettings *ks = limber_break_scheduler_kind_settings (self, k);
          const KindState *state = &self->kinds[k];
          gint64 left_us = state->due_at_worked_us - state->worked_us;

          if (!ks->enabled)
            continue;
          if (k == LIMBER_BREAK_KIND_MICRO && self->kinds[LIMBER_BREAK_KIND_REST].due)
            continue;

          if (state->due)
            next = MIN (next, MAX (state->last_reminder_us, self->last_reminder_us) +
                              (gint64) settings->repeat_interval_s * S);
          else if (!state->warned && settings->warning_s > 0 && left_us > (gint64) settings->warning_s * S)
            next = MIN (next, now_us + left_us - (gint64) settings->warning_s * S);
          else if (self->last_reminder_us != 0 && !state->postponed)
            next = MIN (next, MAX (now_us + left_us,
                                   self->last_reminder_us + (gint64) settings->repeat_interval_s * S));
          else
            next = MIN (next, now_us + left_us);
        }

      if (settings->daily_limit_enabled && !self->daily_limit_reported)
        next = MIN (next, now_us + (gint64) settings->daily_limit_s * S - self->today_active_us);
    }

  return next == LIMBER_BREAK_SCHEDULER_NO_DEADLINE ? next : MAX (next, now_us);
}

gint64
limber_break_scheduler_get_break_end (LimberBreakScheduler *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), LIMBER_BREAK_SCHEDULER_NO_DEADLINE);

  if (!self->in_break)
    return LIMBER_BREAK_SCHEDULER_NO_DEADLINE;
  return self->break_started_us + limber_break_scheduler_break_length (self);
}

gint64
limber_break_scheduler_get_worked (LimberBreakScheduler *self,
                                   LimberBreakKind       kind,
                                   gint64                now_us)
{
  gint64 extra;

  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), 0);

  extra = limber_break_scheduler_is_working (self) ? MAX (0, now_us - self->last_update_us) : 0;
  return self->kinds[kind].worked_us + extra;
}

gint64
limber_break_scheduler_get_time_to_break (LimberBreakScheduler *self,
                                          LimberBreakKind       kind,
                                          gint64                now_us)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), -1);

  if (!limber_break_scheduler_kind_settings (self, kind)->enabled)
    return -1;
  return MAX (0, self->kinds[kind].due_at_worked_us - limber_break_scheduler_get_worked (self, kind, now_us));
}

gint64
limber_break_scheduler_get_today_active (LimberBreakScheduler *self,
                                         gint64                now_us)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), 0);

  return self->today_active_us + (limber_break_scheduler_is_working (self) ? MAX (0, now_us - self->last_update_us) : 0);
}

gboolean
limber_break_scheduler_is_paused (LimberBreakScheduler *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), FALSE);

  return self->paused;
}

gint64
limber_break_scheduler_get_pause_end (LimberBreakScheduler *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), 0);

  return self->paused ? self->pause_end_us : 0;
}

guint
limber_break_scheduler_get_postpones_left (LimberBreakScheduler *self,
                                           LimberBreakKind       kind)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), 0);

  return limber_break_scheduler_postpone_limit (self) - MIN (limber_break_scheduler_postpone_limit (self), self->kinds[kind].postpones);
}

