/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-records.h"

G_BEGIN_DECLS

/* The break timer as a pure state machine. Every input carries the
 * monotonic time (µs, as g_get_monotonic_time()) at which it happened;
 * the scheduler owns no timeout and reads no clock. After each input the
 * driver arms one timeout for limber_break_scheduler_get_next_deadline()
 * and calls limber_break_scheduler_tick() when it fires. */

#define LIMBER_BREAK_SCHEDULER_NO_DEADLINE G_MAXINT64

#define LIMBER_BREAK_SCHEDULER_ERROR (limber_break_scheduler_error_quark ())

typedef enum
{
  /* Strict mode, or the postpone limit, does not allow it. */
  LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED,
  /* No break is due or under way. */
  LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK,
} LimberBreakSchedulerError;

typedef enum
{
  LIMBER_BREAK_STATE_WORKING,
  /* A break is coming within the warning time. */
  LIMBER_BREAK_STATE_WARNING,
  LIMBER_BREAK_STATE_DUE,
  LIMBER_BREAK_STATE_IN_BREAK,
  /* Idle, locked or suspended. */
  LIMBER_BREAK_STATE_AWAY,
  LIMBER_BREAK_STATE_PAUSED,
} LimberBreakState;

typedef struct
{
  gboolean enabled;
  guint    interval_s;
  guint    duration_s;
} LimberBreakKindSettings;

/* The settings as plain values: core reads no GSettings. */
typedef struct
{
  LimberBreakKindSettings micro;
  LimberBreakKindSettings rest;
  guint                   warning_s;
  guint                   postpone_s;
  guint                   postpone_limit;
  guint                   repeat_interval_s;
  gboolean                strict;
  gboolean                daily_limit_enabled;
  guint                   daily_limit_s;
} LimberBreakSettings;

/* A settled break, for the journal. Times are monotonic µs; the driver
 * turns them into wall-clock times. */
typedef struct
{
  LimberBreakKind    kind;
  LimberBreakOutcome outcome;
  gint64             due_us;
  gint64             end_us;
  guint              duration_s;
} LimberBreakRecord;

typedef void (*LimberBreakRecordFunc) (const LimberBreakRecord *record,
                                       gpointer                 user_data);

/**
 * limber_break_settings_init_defaults:
 *
 * The defaults of DESIGN.md: a 45 s micro-break every 25 min, a 5 min rest
 * break every 60 min, a 30 s warning.
 */
void limber_break_settings_init_defaults (LimberBreakSettings *settings);

GQuark limber_break_scheduler_error_quark (void);

#define LIMBER_TYPE_BREAK_SCHEDULER (limber_break_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (LimberBreakScheduler, limber_break_scheduler, LIMBER, BREAK_SCHEDULER, GObject)

LimberBreakScheduler *limber_break_scheduler_new              (const LimberBreakSettings *settings,
                                                               gint64                     now_us);

/**
 * limber_break_scheduler_set_recorder:
 *
 * Every settled break (taken, natural, postponed, skipped, missed) goes
 * to @func.
 */
void             limber_break_scheduler_set_recorder          (LimberBreakScheduler      *self,
                                                               LimberBreakRecordFunc      func,
                                                               gpointer                   user_data,
                                                               GDestroyNotify             destroy);

/* Inputs. */
void             limber_break_scheduler_tick                  (LimberBreakScheduler      *self,
                                                               gint64                     now_us);
void             limber_break_scheduler_user_active           (LimberBreakScheduler      *self,
                                                               gint64                     now_us);
/**
 * limber_break_scheduler_user_away:
 * @since_us: when the last input came, before @now_us by the idle threshold
 */
void             limber_break_scheduler_user_away             (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               gint64                     since_us);
void             limber_break_scheduler_set_locked            (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               gboolean                   locked);
void             limber_break_scheduler_suspend               (LimberBreakScheduler      *self,
                                                               gint64                     now_us);
/**
 * limber_break_scheduler_resume_from_suspend:
 * @slept_us: how long the computer slept (the monotonic clock stood
 *   still), or 0 when only the wake-up notice tells
 *
 * The sleep counts as time away from the last moment seen, and may make
 * a natural break. Then the suspend is over: whether the user is back is
 * for the idle and lock watches to say. Someone who typed up to the
 * suspend works again at once (the idle watch takes that time back if
 * they have gone); someone already idle or behind a locked screen stays
 * away until they come back.
 */
void             limber_break_scheduler_resume_from_suspend   (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               gint64                     slept_us);
gboolean         limber_break_scheduler_postpone              (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               GError                   **error);
gboolean         limber_break_scheduler_skip                  (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               GError                   **error);
/**
 * limber_break_scheduler_start_break:
 *
 * Starts the due break, or a break of @kind now when none is due. The
 * break ends by itself as taken once its length has passed (see
 * limber_break_scheduler_get_break_end()).
 */
void             limber_break_scheduler_start_break           (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               LimberBreakKind            kind);
/**
 * limber_break_scheduler_finish_break:
 * @completed: the user went through with it
 *
 * Ends the break under way now: taken, with the seconds it lasted, when
 * @completed, else skipped (or, in strict mode, still due). In strict
 * mode a break cannot be ended as completed before its length has passed.
 */
gboolean         limber_break_scheduler_finish_break          (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               gboolean                   completed,
                                                               GError                   **error);
/**
 * limber_break_scheduler_pause:
 * @duration_us: how long, or %LIMBER_BREAK_SCHEDULER_NO_DEADLINE for
 *   until the next day starts
 *
 * Holds reminders back and freezes the timers.
 */
void             limber_break_scheduler_pause                 (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               gint64                     duration_us);
void             limber_break_scheduler_resume                (LimberBreakScheduler      *self,
                                                               gint64                     now_us);
/**
 * limber_break_scheduler_set_day:
 *
 * The local day, YYYY-MM-DD, after the driver saw it change. A later day
 * starts afresh: today's active time, a pause until tomorrow and a break
 * left due end. An earlier day (the wall clock was set back) is taken
 * quietly, so that the next real day starts afresh again.
 */
void             limber_break_scheduler_set_day               (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               const char                *day);
/**
 * limber_break_scheduler_set_settings:
 *
 * New settings; the time already worked is kept.
 */
void             limber_break_scheduler_set_settings          (LimberBreakScheduler      *self,
                                                               gint64                     now_us,
                                                               const LimberBreakSettings *settings);

/* Outputs. */
LimberBreakState limber_break_scheduler_get_state             (LimberBreakScheduler      *self);
/**
 * limber_break_scheduler_get_time:
 *
 * The time of the last input; outputs that depend on time are as of then.
 */
gint64           limber_break_scheduler_get_time              (LimberBreakScheduler      *self);
/**
 * limber_break_scheduler_get_due_kind:
 * @any: (out): whether a break is due or under way at all
 *
 * The kind of the break due or under way.
 */
LimberBreakKind  limber_break_scheduler_get_due_kind          (LimberBreakScheduler      *self,
                                                               gboolean                  *any);
gint64           limber_break_scheduler_get_next_deadline     (LimberBreakScheduler      *self);
/**
 * limber_break_scheduler_get_break_end:
 *
 * When the break under way ends by itself (its length after it started),
 * or %LIMBER_BREAK_SCHEDULER_NO_DEADLINE when no break is under way.
 */
gint64           limber_break_scheduler_get_break_end         (LimberBreakScheduler      *self);
/**
 * limber_break_scheduler_get_time_to_break:
 *
 * Active time left before a break of @kind is due (0 when due), or -1
 * when that kind is turned off.
 */
gint64           limber_break_scheduler_get_time_to_break     (LimberBreakScheduler      *self,
                                                               LimberBreakKind            kind,
                                                               gint64                     now_us);
gint64           limber_break_scheduler_get_worked            (LimberBreakScheduler      *self,
                                                               LimberBreakKind            kind,
                                                               gint64                     now_us);
gint64           limber_break_scheduler_get_today_active      (LimberBreakScheduler      *self,
                                                               gint64                     now_us);
gboolean         limber_break_scheduler_is_paused             (LimberBreakScheduler      *self);
/**
 * limber_break_scheduler_get_pause_end:
 *
 * When the pause ends, %LIMBER_BREAK_SCHEDULER_NO_DEADLINE for "at the
 * next day", or 0 when not paused.
 */
gint64           limber_break_scheduler_get_pause_end         (LimberBreakScheduler      *self);
guint            limber_break_scheduler_get_postpones_left    (LimberBreakScheduler      *self,
                                                               LimberBreakKind            kind);

G_END_DECLS
