/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-catalogue"

#include "config.h"

#include "limber-routine-session.h"

#define S ((gint64) G_USEC_PER_SEC)

struct _LimberRoutineSession
{
  GObject   parent_instance;

  GArray   *phases;
  /* For each phase, the most of it that ran in one go, for telling a
   * stretch done from one skipped through. */
  GArray   *ran_us;
  guint     index;
  /* When the current phase began, moved forward by pauses. */
  gint64    phase_start_us;
  gint64    paused_at_us;
  gboolean  paused;
  gboolean  finished;
  /* Time in step phases left behind. */
  gint64    stretched_us;
};

G_DEFINE_FINAL_TYPE (LimberRoutineSession, limber_routine_session, G_TYPE_OBJECT)

enum {
  PHASE_CHANGED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_rest (GArray            *phases,
          LimberPhase        like,
          guint              seconds)
{
  if (seconds == 0)
    return;

  like.kind = LIMBER_PHASE_REST;
  like.step = NULL;
  like.hold = like.holds = 0;
  like.duration_us = (gint64) seconds * S;
  g_array_append_val (phases, like);
}

/* A step as phases: one, or for repeated holds a hold and a relax in
 * turn, ending on the last hold. */
static void
add_step (GArray      *phases,
          LimberPhase  phase)
{
  const LimberStep *step = phase.step;

  if (step->reps == 0 || step->hold_s == 0)
    {
      phase.duration_us = (gint64) limber_step_duration_s (step) * S;
      g_array_append_val (phases, phase);
      return;
    }

  phase.holds = step->reps;
  for (guint hold = 1; hold <= step->reps; hold++)
    {
      LimberPhase relax = phase;

      phase.hold = hold;
      phase.duration_us = (gint64) step->hold_s * S;
      g_array_append_val (phases, phase);
      if (hold == step->reps)
        break;
      relax.kind = LIMBER_PHASE_RELAX;
      relax.hold = hold;
      relax.duration_us = (gint64) step->relax_s * S;
      g_array_append_val (phases, relax);
    }
}

static void
lay_out_exercise (GArray               *phases,
                  const LimberExercise *exercise,
                  guint                 sets,
                  guint                 exercise_number,
                  guint                 exercises)
{
  sets = sets > 0 ? sets : exercise->sets;

  for (guint set = 1; set <= sets; set++)
    {
      for (guint i = 0; i < exercise->steps->len; i++)
        {
          const LimberStep *step = g_ptr_array_index (exercise->steps, i);
          LimberPhase phase = { LIMBER_PHASE_STEP, exercise, step, set, sets,
                                exercise_number, exercises, 0, 0, 0 };
          gboolean last = set == sets && i + 1 == exercise->steps->len;

          add_step (phases, phase);
          if (!last)
            add_rest (phases, phase, step->rest_s);
          if (i + 1 == exercise->steps->len && set < sets)
            add_rest (phases, phase, exercise->set_rest_s);
        }
    }
}

static GArray *
phases_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (LimberPhase));
}

/* Puts the countdown before the first step, which it shows. */
static LimberRoutineSession *
session_new (GArray *phases,
             gint64  now_us)
{
  LimberRoutineSession *self = g_object_new (LIMBER_TYPE_ROUTINE_SESSION, NULL);
  LimberPhase get_ready = g_array_index (phases, LimberPhase, 0);

  get_ready.kind = LIMBER_PHASE_GET_READY;
  get_ready.hold = get_ready.holds = 0;
  get_ready.duration_us = LIMBER_ROUTINE_SESSION_GET_READY_S * S;
  g_array_prepend_val (phases, get_ready);

  self->phases = phases;
  self->ran_us = g_array_sized_new (FALSE, TRUE, sizeof (gint64), phases->len);
  g_array_set_size (self->ran_us, phases->len);
  self->phase_start_us = now_us;
  return self;
}

LimberRoutineSession *
limber_routine_session_new_for_exercise (const LimberExercise *exercise,
                                         gint64                now_us)
{
  GArray *phases;

  g_return_val_if_fail (exercise != NULL, NULL);

  phases = phases_new ();
  lay_out_exercise (phases, exercise, 0, 1, 1);
  return session_new (phases, now_us);
}

LimberRoutineSession *
limber_routine_session_new_for_routine (const LimberRoutine *routine,
                                        gint64               now_us)
{
  GArray *phases;

  g_return_val_if_fail (routine != NULL, NULL);

  phases = phases_new ();
  for (guint i = 0; i < routine->items->len; i++)
    {
      const LimberRoutineItem *item = &g_array_index (routine->items, LimberRoutineItem, i);

      lay_out_exercise (phases, item->exercise, item->sets, i + 1, routine->items->len);
      if (i + 1 < routine->items->len)
        add_rest (phases, g_array_index (phases, LimberPhase, phases->len - 1), routine->rest_between_s);
    }
  return session_new (phases, now_us);
}

static const LimberPhase *
phase_at (LimberRoutineSession *self,
          guint                 index)
{
  return &g_array_index (self->phases, LimberPhase, index);
}

/* The time the clock shows for the current phase, pauses left out. */
static gint64
elapsed_us (LimberRoutineSession *self,
            gint64                now_us)
{
  return (self->paused ? self->paused_at_us : now_us) - self->phase_start_us;
}

/* How much of the current phase has run, at most all of it. */
static gint64
ran_now_us (LimberRoutineSession *self,
            gint64                now_us)
{
  return CLAMP (elapsed_us (self, now_us), 0, phase_at (self, self->index)->duration_us);
}

/* Keeps what the current phase ran, as it is left at @now_us. */
static void
leave (LimberRoutineSession *self,
       gint64                now_us)
{
  gint64 ran = ran_now_us (self, now_us);
  gint64 *most = &g_array_index (self->ran_us, gint64, self->index);

  *most = MAX (*most, ran);
  if (phase_at (self, self->index)->kind == LIMBER_PHASE_STEP)
    self->stretched_us += ran;
}

static void
finish (LimberRoutineSession *self)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Enters phase @index as if it began at @start_us. */
static void
enter (LimberRoutineSession *self,
       guint                 index,
       gint64                start_us)
{
  if (index >= self->phases->len)
    {
      self->index = self->phases->len - 1;
      finish (self);
      return;
    }

  self->index = index;
  self->phase_start_us = start_us;
  g_signal_emit (self, signals[PHASE_CHANGED], 0);
}

void
limber_routine_session_tick (LimberRoutineSession *self,
                             gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_ROUTINE_SESSION (self));

  /* Through every phase the clock has passed, each on time. */
  while (!self->finished && !self->paused &&
         elapsed_us (self, now_us) >= phase_at (self, self->index)->duration_us)
    {
      gint64 end = self->phase_start_us + phase_at (self, self->index)->duration_us;

      leave (self, end);
      enter (self, self->index + 1, end);
    }
}

void
limber_routine_session_pause (LimberRoutineSession *self,
                              gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_ROUTINE_SESSION (self));

  limber_routine_session_tick (self, now_us);
  if (self->paused || self->finished)
    return;
  self->paused = TRUE;
  self->paused_at_us = now_us;
}

void
limber_routine_session_resume (LimberRoutineSession *self,
                               gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_ROUTINE_SESSION (self));

  if (!self->paused)
    return;
  self->phase_start_us += now_us - self->paused_at_us;
  self->paused = FALSE;
  limber_routine_session_tick (self, now_us);
}

static gint64
resume_point (LimberRoutineSession *self,
              gint64                now_us)
{
  /* A paused session stays paused at the new place. */
  if (self->paused)
    self->paused_at_us = now_us;
  return now_us;
}

void
limber_routine_session_next (LimberRoutineSession *self,
                             gint64                now_us)
{
  guint next;

  g_return_if_fail (LIMBER_IS_ROUTINE_SESSION (self));

  limber_routine_session_tick (self, now_us);
  if (self->finished)
    return;

  leave (self, now_us);
  next = self->index + 1;
  while (next < self->phases->len && phase_at (self, next)->kind != LIMBER_PHASE_STEP)
    next++;
  enter (self, next, resume_point (self, now_us));
}

void
limber_routine_session_previous (LimberRoutineSession *self,
                                 gint64                now_us)
{
  guint target;

  g_return_if_fail (LIMBER_IS_ROUTINE_SESSION (self));

  limber_routine_session_tick (self, now_us);
  if (self->finished)
    return;

  target = self->index;
  /* More than a moment in: this step from its start. Else the step
   * before, when there is one. */
  if (phase_at (self, target)->kind != LIMBER_PHASE_STEP || elapsed_us (self, now_us) <= 2 * S)
    {
      for (guint i = target; i > 0; i--)
        {
          if (phase_at (self, i - 1)->kind == LIMBER_PHASE_STEP)
            {
              target = i - 1;
              break;
            }
        }
    }
  leave (self, now_us);
  enter (self, target, resume_point (self, now_us));
}

gboolean
limber_routine_session_is_paused (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), FALSE);
  return self->paused;
}

gboolean
limber_routine_session_is_finished (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), FALSE);
  return self->finished;
}

const LimberPhase *
limber_routine_session_get_phase (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), NULL);
  return phase_at (self, self->index);
}

guint
limber_routine_session_get_phase_index (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), 0);
  return self->index;
}

guint
limber_routine_session_get_n_phases (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), 0);
  return self->phases->len;
}

const LimberPhase *
limber_routine_session_get_next_step (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), NULL);

  for (guint i = self->index + 1; i < self->phases->len; i++)
    if (phase_at (self, i)->kind == LIMBER_PHASE_STEP)
      return phase_at (self, i);
  return NULL;
}

gint64
limber_routine_session_get_remaining (LimberRoutineSession *self,
                                      gint64                now_us)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), 0);

  if (self->finished)
    return 0;
  return MAX (0, phase_at (self, self->index)->duration_us - elapsed_us (self, now_us));
}

guint
limber_routine_session_get_repetition (LimberRoutineSession *self,
                                       gint64                now_us)
{
  const LimberPhase *phase;

  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), 0);

  phase = phase_at (self, self->index);
  if (self->finished || phase->kind != LIMBER_PHASE_STEP || phase->step->reps == 0 || phase->step->rep_s == 0)
    return 0;
  return MIN (phase->step->reps, (guint) (ran_now_us (self, now_us) / ((gint64) phase->step->rep_s * S)) + 1);
}

guint
limber_routine_session_get_seconds_done (LimberRoutineSession *self,
                                         gint64                now_us)
{
  gint64 current = 0;

  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), 0);

  if (!self->finished && phase_at (self, self->index)->kind == LIMBER_PHASE_STEP)
    current = ran_now_us (self, now_us);
  return (guint) ((self->stretched_us + current) / S);
}

gboolean
limber_routine_session_is_completed (LimberRoutineSession *self,
                                     gint64                now_us)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), FALSE);

  for (guint i = 0; i < self->phases->len; i++)
    {
      gint64 ran = g_array_index (self->ran_us, gint64, i);

      if (phase_at (self, i)->kind != LIMBER_PHASE_STEP)
        continue;
      /* The step under way counts with what it ran so far. */
      if (i == self->index && !self->finished)
        ran = MAX (ran, ran_now_us (self, now_us));
      if (ran * 3 < phase_at (self, i)->duration_us * 2)
        return FALSE;
    }
  return TRUE;
}

gint64
limber_routine_session_get_deadline (LimberRoutineSession *self)
{
  g_return_val_if_fail (LIMBER_IS_ROUTINE_SESSION (self), G_MAXINT64);

  if (self->paused || self->finished)
    return G_MAXINT64;
  return self->phase_start_us + phase_at (self, self->index)->duration_us;
}

static void
limber_routine_session_finalize (GObject *object)
{
  LimberRoutineSession *self = LIMBER_ROUTINE_SESSION (object);

  g_array_unref (self->phases);
  g_array_unref (self->ran_us);

  G_OBJECT_CLASS (limber_routine_session_parent_class)->finalize (object);
}

static void
limber_routine_session_class_init (LimberRoutineSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_routine_session_finalize;

  /**
   * LimberRoutineSession::phase-changed:
   *
   * A new step or rest began: time for the sound cue.
   */
  signals[PHASE_CHANGED] = g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
limber_routine_session_init (LimberRoutineSession *self)
{
}
