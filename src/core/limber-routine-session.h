/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-catalogue.h"

G_BEGIN_DECLS

/* A guided stretch under way, as a state machine on the monotonic clock
 * (µs): every call carries the time, and time comes only from there, so a
 * main loop that stalls never makes a hold longer. The routine or exercise
 * is laid out as a line of phases: a countdown to get ready, each step of
 * each set and side (a step of repeated holds as one phase a hold, with a
 * moment to relax between them), and the rests between them.
 *
 * The session is completed when every step phase ran at least two thirds
 * of its time: one skipped with Next, or left early, makes it a stretch
 * done in part. */

/* The countdown before the first step. */
#define LIMBER_ROUTINE_SESSION_GET_READY_S 5

typedef enum
{
  LIMBER_PHASE_STEP,
  LIMBER_PHASE_REST,
  LIMBER_PHASE_GET_READY,
  /* Between the holds of one step. */
  LIMBER_PHASE_RELAX,
} LimberPhaseKind;

typedef struct
{
  LimberPhaseKind       kind;
  const LimberExercise *exercise;
  /* The step under way; for a relax, the step it belongs to; for the
   * countdown, the first step. NULL for a rest. */
  const LimberStep     *step;
  /* 1-based, with their totals. */
  guint                 set;
  guint                 sets;
  guint                 exercise_number;
  guint                 exercises;
  /* For a step of repeated holds, the hold under way, or for a relax
   * the one just done, 1-based, of all; 0 for other phases. */
  guint                 hold;
  guint                 holds;
  gint64                duration_us;
} LimberPhase;

#define LIMBER_TYPE_ROUTINE_SESSION (limber_routine_session_get_type ())

G_DECLARE_FINAL_TYPE (LimberRoutineSession, limber_routine_session, LIMBER, ROUTINE_SESSION, GObject)

LimberRoutineSession *limber_routine_session_new_for_exercise (const LimberExercise *exercise,
                                                               gint64                now_us);
LimberRoutineSession *limber_routine_session_new_for_routine  (const LimberRoutine  *routine,
                                                               gint64                now_us);

/**
 * limber_routine_session_tick:
 *
 * Moves on to where @now_us is, through as many phases as have passed;
 * "phase-changed" for each, "finished" at the end.
 */
void               limber_routine_session_tick             (LimberRoutineSession *self,
                                                            gint64                now_us);
void               limber_routine_session_pause            (LimberRoutineSession *self,
                                                            gint64                now_us);
void               limber_routine_session_resume           (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_next:
 *
 * Skips to the start of the next step or hold (past any rest or relax);
 * from the countdown, starts the first step now; past the last step, the
 * session is finished.
 */
void               limber_routine_session_next             (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_previous:
 *
 * Back to the start of this step when it has run a moment, else to the
 * step before; the first step starts again.
 */
void               limber_routine_session_previous         (LimberRoutineSession *self,
                                                            gint64                now_us);

gboolean           limber_routine_session_is_paused        (LimberRoutineSession *self);
gboolean           limber_routine_session_is_finished      (LimberRoutineSession *self);
const LimberPhase *limber_routine_session_get_phase        (LimberRoutineSession *self);
guint              limber_routine_session_get_phase_index  (LimberRoutineSession *self);
guint              limber_routine_session_get_n_phases     (LimberRoutineSession *self);
/**
 * limber_routine_session_get_next_step:
 *
 * The step after the current phase, for "what comes next"; %NULL at the
 * end.
 */
const LimberPhase *limber_routine_session_get_next_step    (LimberRoutineSession *self);
gint64             limber_routine_session_get_remaining    (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_get_repetition:
 *
 * For a step of repetitions, the one under way (1-based); 0 otherwise.
 */
guint              limber_routine_session_get_repetition   (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_get_seconds_done:
 *
 * Seconds really spent in steps: the countdown, rests, relaxing and
 * pauses left out, and a step skipped early counts only the time it ran.
 */
guint              limber_routine_session_get_seconds_done (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_is_completed:
 *
 * Whether every step phase has run at least two thirds of its time, so
 * that the stretch counts as done rather than skipped through.
 */
gboolean           limber_routine_session_is_completed     (LimberRoutineSession *self,
                                                            gint64                now_us);
/**
 * limber_routine_session_get_deadline:
 *
 * When the current phase ends, or G_MAXINT64 while paused or finished.
 */
gint64             limber_routine_session_get_deadline     (LimberRoutineSession *self);

G_END_DECLS
