/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-routine-session.h"

/* A guided stretch on a fake clock: the countdown to get ready, holds,
 * repetitions, sides, sets and rests in order and on time, repeated holds
 * with a relax between them, pauses that stop the clock even across a
 * step's end, previous and next at both ends, the seconds really
 * stretched, and completed only when the steps were done. */

#define S ((gint64) G_USEC_PER_SEC)
#define T0 (100 * S)
/* When the first step starts, after the countdown. */
#define T1 (T0 + LIMBER_ROUTINE_SESSION_GET_READY_S * S)

static const char routines_json[] =
  "{ \"format\": \"limber-routines\", \"version\": 1,\n"
  "  \"exercises\": [\n"
  "    { \"id\": \"hold\", \"name\": \"Hold\", \"summary\": \"S\", \"position\": \"seated\",\n"
  "      \"sets\": 2, \"set_rest_s\": 5,\n"
  "      \"steps\": [ { \"instruction\": \"Right.\", \"hold_s\": 10, \"side\": \"right\", \"rest_s\": 3 },\n"
  "                 { \"instruction\": \"Left.\", \"hold_s\": 10, \"side\": \"left\" } ] },\n"
  "    { \"id\": \"reps\", \"name\": \"Reps\", \"summary\": \"S\", \"position\": \"seated\",\n"
  "      \"steps\": [ { \"instruction\": \"Roll.\", \"reps\": 4, \"rep_s\": 3 } ] },\n"
  "    { \"id\": \"squeeze\", \"name\": \"Squeeze\", \"summary\": \"S\", \"position\": \"seated\",\n"
  "      \"steps\": [ { \"instruction\": \"Squeeze. Hold.\", \"reps\": 3, \"hold_s\": 6, \"relax_s\": 3 },\n"
  "                 { \"instruction\": \"Shrug.\", \"hold_s\": 9 } ] }\n"
  "  ],\n"
  "  \"routines\": [\n"
  "    { \"id\": \"both\", \"name\": \"Both\", \"summary\": \"S\", \"purpose\": \"micro\", \"rest_between_s\": 4,\n"
  "      \"items\": [ { \"exercise\": \"reps\" }, { \"exercise\": \"hold\", \"sets\": 1 } ] }\n"
  "  ]\n"
  "}\n";

static LimberCatalogue *
catalogue (void)
{
  LimberCatalogue *catalogue = limber_catalogue_new ();
  g_autoptr (GBytes) data = g_bytes_new_static (routines_json, sizeof routines_json - 1);
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_catalogue_load (catalogue, "test.json", data, &error));
  g_assert_no_error (error);
  return catalogue;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
assert_phase (LimberRoutineSession *session,
              LimberPhaseKind       kind,
              const char           *instruction,
              guint                 set)
{
  const LimberPhase *phase = limber_routine_session_get_phase (session);

  g_assert_cmpint (phase->kind, ==, kind);
  if (instruction != NULL)
    g_assert_cmpstr (phase->step->instruction, ==, instruction);
  g_assert_cmpuint (phase->set, ==, set);
}

/* Past the countdown: the first step starts at T1. */
static void
get_ready (LimberRoutineSession *session)
{
  g_assert_cmpint (limber_routine_session_get_phase (session)->kind, ==, LIMBER_PHASE_GET_READY);
  limber_routine_session_tick (session, T1);
  g_assert_cmpint (limber_routine_session_get_phase (session)->kind, ==, LIMBER_PHASE_STEP);
}

static void
test_get_ready (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  const LimberExercise *hold = limber_catalogue_get_exercise (list, "hold");
  g_autoptr (LimberRoutineSession) ticked = limber_routine_session_new_for_exercise (hold, T0);
  g_autoptr (LimberRoutineSession) skipped = limber_routine_session_new_for_exercise (hold, T0);
  const LimberPhase *phase = limber_routine_session_get_phase (ticked);
  guint changes = 0;

  g_signal_connect (ticked, "phase-changed", G_CALLBACK (count_cb), &changes);

  /* Five seconds to get ready, showing the first step to come. */
  g_assert_cmpint (phase->kind, ==, LIMBER_PHASE_GET_READY);
  g_assert_cmpstr (phase->step->instruction, ==, "Right.");
  g_assert_cmpint (phase->duration_us, ==, 5 * S);
  g_assert_cmpstr (limber_routine_session_get_next_step (ticked)->step->instruction, ==, "Right.");
  g_assert_cmpint (limber_routine_session_get_deadline (ticked), ==, T0 + 5 * S);
  g_assert_cmpint (limber_routine_session_get_remaining (ticked, T0 + 2 * S), ==, 3 * S);
  /* The countdown is not stretching. */
  g_assert_cmpuint (limber_routine_session_get_seconds_done (ticked, T0 + 4 * S), ==, 0);

  limber_routine_session_tick (ticked, T0 + 4 * S);
  g_assert_cmpuint (changes, ==, 0);
  limber_routine_session_tick (ticked, T0 + 5 * S);
  g_assert_cmpuint (changes, ==, 1);
  assert_phase (ticked, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_deadline (ticked), ==, T0 + 15 * S);

  /* Previous during the countdown starts it again; Next starts the
   * first step at once. */
  limber_routine_session_previous (skipped, T0 + 3 * S);
  g_assert_cmpint (limber_routine_session_get_phase (skipped)->kind, ==, LIMBER_PHASE_GET_READY);
  g_assert_cmpint (limber_routine_session_get_remaining (skipped, T0 + 3 * S), ==, 5 * S);
  limber_routine_session_next (skipped, T0 + 4 * S);
  assert_phase (skipped, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_deadline (skipped), ==, T0 + 14 * S);
  g_assert_cmpuint (limber_routine_session_get_seconds_done (skipped, T0 + 4 * S), ==, 0);
}

static void
test_holds_sides_sets (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "hold"), T0);
  guint changes = 0, finished = 0;

  get_ready (session);
  g_signal_connect (session, "phase-changed", G_CALLBACK (count_cb), &changes);
  g_signal_connect (session, "finished", G_CALLBACK (count_cb), &finished);

  /* Get ready, then right 10 s, rest 3, left 10, set rest 5, right 10,
   * rest 3, left 10. */
  g_assert_cmpuint (limber_routine_session_get_n_phases (session), ==, 8);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_phase (session)->step->side, ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T1 + 10 * S);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 4 * S), ==, 6 * S);

  limber_routine_session_tick (session, T1 + 10 * S);
  assert_phase (session, LIMBER_PHASE_REST, NULL, 1);
  g_assert_cmpstr (limber_routine_session_get_next_step (session)->step->instruction, ==, "Left.");
  limber_routine_session_tick (session, T1 + 13 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Left.", 1);

  /* A main loop that stalls for 17 s lands where the clock is: the set
   * rest is over and the second set's right side 2 s in. */
  limber_routine_session_tick (session, T1 + 30 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 2);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 30 * S), ==, 8 * S);
  g_assert_cmpuint (changes, ==, 4);

  limber_routine_session_tick (session, T1 + 56 * S);
  g_assert_true (limber_routine_session_is_finished (session));
  g_assert_cmpuint (finished, ==, 1);
  /* Four holds of 10 s: the rests are not stretching. */
  g_assert_cmpuint (limber_routine_session_get_seconds_done (session, T1 + 60 * S), ==, 40);
  g_assert_true (limber_routine_session_is_completed (session, T1 + 60 * S));
}

static void
test_repetitions (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "reps"), T0);

  g_assert_cmpuint (limber_routine_session_get_repetition (session, T0), ==, 0);
  get_ready (session);
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T1 + 12 * S);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T1), ==, 1);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T1 + 3 * S), ==, 2);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T1 + 11 * S), ==, 4);
}

/* A step of repeated holds is a hold and a relax in turn, each on its
 * own timer, and ends on its last hold. */
static void
test_relax_between_holds (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  const LimberExercise *squeeze = limber_catalogue_get_exercise (list, "squeeze");
  g_autoptr (LimberRoutineSession) session = limber_routine_session_new_for_exercise (squeeze, T0);
  const LimberPhase *phase;
  guint changes = 0;

  /* Three holds of 6 s with 3 s to relax between, then 9 s. */
  g_assert_cmpuint (limber_exercise_duration_s (squeeze, 0), ==, 3 * 6 + 2 * 3 + 9);
  /* Get ready, hold, relax, hold, relax, hold, shrug. */
  g_assert_cmpuint (limber_routine_session_get_n_phases (session), ==, 7);

  get_ready (session);
  g_signal_connect (session, "phase-changed", G_CALLBACK (count_cb), &changes);
  phase = limber_routine_session_get_phase (session);
  g_assert_cmpuint (phase->hold, ==, 1);
  g_assert_cmpuint (phase->holds, ==, 3);
  g_assert_cmpint (phase->duration_us, ==, 6 * S);
  /* Not repetitions of a movement: no count of them. */
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T1 + 1 * S), ==, 0);

  limber_routine_session_tick (session, T1 + 6 * S);
  phase = limber_routine_session_get_phase (session);
  g_assert_cmpint (phase->kind, ==, LIMBER_PHASE_RELAX);
  g_assert_cmpstr (phase->step->instruction, ==, "Squeeze. Hold.");
  g_assert_cmpuint (phase->hold, ==, 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 7 * S), ==, 2 * S);

  limber_routine_session_tick (session, T1 + 9 * S);
  phase = limber_routine_session_get_phase (session);
  g_assert_cmpint (phase->kind, ==, LIMBER_PHASE_STEP);
  g_assert_cmpuint (phase->hold, ==, 2);
  g_assert_cmpuint (changes, ==, 2);

  /* Next goes to the next hold, past the relax. */
  limber_routine_session_next (session, T1 + 11 * S);
  phase = limber_routine_session_get_phase (session);
  g_assert_cmpint (phase->kind, ==, LIMBER_PHASE_STEP);
  g_assert_cmpuint (phase->hold, ==, 3);

  /* The last hold is followed by the next step, not by a relax. */
  limber_routine_session_tick (session, T1 + 17 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Shrug.", 1);
  g_assert_cmpuint (limber_routine_session_get_phase (session)->holds, ==, 0);
}

static void
test_pause_across_boundary (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "hold"), T0);

  get_ready (session);
  /* Paused with 1 s left; a minute later the same second is left. */
  limber_routine_session_pause (session, T1 + 9 * S);
  g_assert_true (limber_routine_session_is_paused (session));
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, G_MAXINT64);
  limber_routine_session_tick (session, T1 + 69 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 69 * S), ==, 1 * S);
  /* The pause is not stretching. */
  g_assert_cmpuint (limber_routine_session_get_seconds_done (session, T1 + 69 * S), ==, 9);

  limber_routine_session_resume (session, T1 + 69 * S);
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T1 + 70 * S);
  limber_routine_session_tick (session, T1 + 70 * S);
  assert_phase (session, LIMBER_PHASE_REST, NULL, 1);
  g_assert_cmpuint (limber_routine_session_get_seconds_done (session, T1 + 72 * S), ==, 10);
}

static void
test_previous_and_next (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_routine (limber_catalogue_get_routine (list, "both"), T0);

  /* Get ready, reps, rest 4 between exercises, right, rest 3, left. */
  g_assert_cmpuint (limber_routine_session_get_n_phases (session), ==, 6);
  get_ready (session);

  /* Previous at the very start: the first step again, from its start,
   * not the countdown. */
  limber_routine_session_previous (session, T1 + 1 * S);
  g_assert_cmpuint (limber_routine_session_get_phase_index (session), ==, 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 1 * S), ==, 12 * S);

  /* Next skips the rest between exercises. */
  limber_routine_session_next (session, T1 + 2 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpuint (limber_routine_session_get_phase (session)->exercise_number, ==, 2);

  /* Previous a moment in goes back a step; later, to this step's start. */
  limber_routine_session_previous (session, T1 + 3 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Roll.", 1);
  limber_routine_session_next (session, T1 + 4 * S);
  limber_routine_session_previous (session, T1 + 10 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T1 + 10 * S), ==, 10 * S);

  /* Next past the last step finishes. */
  limber_routine_session_next (session, T1 + 11 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Left.", 1);
  g_assert_null (limber_routine_session_get_next_step (session));
  limber_routine_session_next (session, T1 + 12 * S);
  g_assert_true (limber_routine_session_is_finished (session));
}

/* Completed means the steps were done: run out, or left with two thirds
 * of their time spent. Next pressed through leaves it not completed, and
 * the seconds kept are those really spent. */
static void
test_completed_only_when_done (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  const LimberRoutine *both = limber_catalogue_get_routine (list, "both");
  g_autoptr (LimberRoutineSession) pressed = limber_routine_session_new_for_routine (both, T0);
  g_autoptr (LimberRoutineSession) mostly = limber_routine_session_new_for_routine (both, T0);
  g_autoptr (LimberRoutineSession) short_one = limber_routine_session_new_for_routine (both, T0);
  g_autoptr (LimberRoutineSession) done = limber_routine_session_new_for_routine (both, T0);
  gint64 now = T0;

  /* Next through everything, a second a step. */
  while (!limber_routine_session_is_finished (pressed))
    limber_routine_session_next (pressed, now += S);
  g_assert_false (limber_routine_session_is_completed (pressed, now));
  /* Three steps, each left after a second; the countdown is not kept. */
  g_assert_cmpuint (limber_routine_session_get_seconds_done (pressed, now), ==, 3);

  /* Each step left with two thirds of its time gone counts as done:
   * 8 s of the 12 s of repetitions, 7 s of each 10 s hold. */
  get_ready (mostly);
  limber_routine_session_next (mostly, T1 + 8 * S);
  limber_routine_session_next (mostly, T1 + 15 * S);
  limber_routine_session_next (mostly, T1 + 22 * S);
  g_assert_true (limber_routine_session_is_finished (mostly));
  g_assert_true (limber_routine_session_is_completed (mostly, T1 + 22 * S));
  g_assert_cmpuint (limber_routine_session_get_seconds_done (mostly, T1 + 30 * S), ==, 22);

  /* One hold cut short, at 6 s of 10, is a stretch done in part. */
  get_ready (short_one);
  limber_routine_session_next (short_one, T1 + 12 * S);
  limber_routine_session_next (short_one, T1 + 18 * S);
  g_assert_false (limber_routine_session_is_completed (short_one, T1 + 18 * S));
  limber_routine_session_tick (short_one, T1 + 28 * S);
  g_assert_true (limber_routine_session_is_finished (short_one));
  g_assert_false (limber_routine_session_is_completed (short_one, T1 + 28 * S));
  /* Going back and doing it again in full makes up for it. */
  {
    g_autoptr (LimberRoutineSession) again = limber_routine_session_new_for_routine (both, T0);

    get_ready (again);
    limber_routine_session_next (again, T1 + 12 * S);
    limber_routine_session_next (again, T1 + 13 * S);
    limber_routine_session_previous (again, T1 + 14 * S);
    g_assert_cmpstr (limber_routine_session_get_phase (again)->step->instruction, ==, "Right.");
    limber_routine_session_tick (again, T1 + 50 * S);
    g_assert_true (limber_routine_session_is_finished (again));
    g_assert_true (limber_routine_session_is_completed (again, T1 + 50 * S));
    /* 12 s, then 1 s and 1 s cut short, then 10 and 10 in full. */
    g_assert_cmpuint (limber_routine_session_get_seconds_done (again, T1 + 50 * S), ==, 34);
  }

  /* Left to run, it is completed with the time the steps take. */
  limber_routine_session_tick (done, T0 + 3600 * S);
  g_assert_true (limber_routine_session_is_finished (done));
  g_assert_true (limber_routine_session_is_completed (done, T0 + 3600 * S));
  g_assert_cmpuint (limber_routine_session_get_seconds_done (done, T0 + 3600 * S), ==, 12 + 10 + 10);
}

/* The shipped scapular squeeze relaxes between its six holds. */
static void
test_shipped_squeeze (void)
{
  g_autoptr (LimberCatalogue) shipped = limber_catalogue_new ();
  g_autoptr (LimberRoutineSession) session = NULL;
  guint holds = 0, relaxes = 0;

  limber_catalogue_load_defaults (shipped, NULL);
  session = limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (shipped, "scapular-squeeze"), T0);
  for (guint i = 0; !limber_routine_session_is_finished (session); i++)
    {
      const LimberPhase *phase = limber_routine_session_get_phase (session);

      holds += phase->kind == LIMBER_PHASE_STEP;
      relaxes += phase->kind == LIMBER_PHASE_RELAX;
      if (phase->kind == LIMBER_PHASE_RELAX)
        g_assert_cmpuint (phase->hold, ==, holds);
      limber_routine_session_tick (session, limber_routine_session_get_deadline (session));
      g_assert_cmpuint (i, <, 100);
    }
  g_assert_cmpuint (holds, ==, 6);
  g_assert_cmpuint (relaxes, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/routine-session/get-ready", test_get_ready);
  g_test_add_func ("/routine-session/holds-sides-sets", test_holds_sides_sets);
  g_test_add_func ("/routine-session/repetitions", test_repetitions);
  g_test_add_func ("/routine-session/relax-between-holds", test_relax_between_holds);
  g_test_add_func ("/routine-session/pause-across-boundary", test_pause_across_boundary);
  g_test_add_func ("/routine-session/previous-and-next", test_previous_and_next);
  g_test_add_func ("/routine-session/completed-only-when-done", test_completed_only_when_done);
  g_test_add_func ("/routine-session/shipped-squeeze", test_shipped_squeeze);

  return g_test_run ();
}
