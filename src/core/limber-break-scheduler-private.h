/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-break-scheduler.h"

G_BEGIN_DECLS

/* Shared by the two halves of LimberBreakScheduler:
 * limber-break-scheduler.c applies the inputs and the rules,
 * limber-break-scheduler-queries.c answers what the outputs are. */

#define S ((gint64) G_USEC_PER_SEC)

typedef struct
{
  /* Active time since this kind's last break. */
  gint64   worked_us;
  /* Worked time at which the break is due; grows with each postpone. */
  gint64   due_at_worked_us;
  guint    postpones;
  /* Postponed and not yet due again: it comes when the chosen time is up,
   * whatever other reminder came lately. */
  gboolean postponed;
  gboolean warned;
  gboolean due;
  gint64   due_since_us;
  gint64   last_reminder_us;
  /* This absence already counted as this kind's break. */
  gboolean natural_this_absence;
} KindState;

struct _LimberBreakScheduler
{
  GObject               parent_instance;

  LimberBreakSettings   settings;
  KindState             kinds[2];

  gint64                last_update_us;
  /* The last break-due of any kind: reminders keep this far apart. */
  gint64                last_reminder_us;
  gint64                today_active_us;
  /* Since when time has been counted as work without a break in it, or
   * -1 when the last stretch of time was not counted. */
  gint64                counting_since_us;
  gboolean              daily_limit_reported;
  char                 *day;

  gboolean              idle;
  gboolean              locked;
  gboolean              suspended;
  gint64                away_since_us;
  /* Sleep time inside the current absence, which the clock did not see. */
  gint64                slept_us;

  gboolean              paused;
  gint64                pause_end_us;

  gboolean              in_break;
  LimberBreakKind       break_kind;
  gint64                break_started_us;

  LimberBreakState      state;

  LimberBreakRecordFunc record_func;
  gpointer              record_data;
  GDestroyNotify        record_destroy;
};

const LimberBreakKindSettings *limber_break_scheduler_kind_settings  (LimberBreakScheduler *self,
                                                                     LimberBreakKind       kind);
gboolean                       limber_break_scheduler_is_away        (LimberBreakScheduler *self);
gboolean                       limber_break_scheduler_is_working     (LimberBreakScheduler *self);
guint                          limber_break_scheduler_postpone_limit (LimberBreakScheduler *self);
gint64                         limber_break_scheduler_break_length   (LimberBreakScheduler *self);

G_END_DECLS
