/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-routine-session.h"

/* A guided stretch on a fake clock: holds, repetitions, sides, sets and
 * rests in order and on time, pauses that stop the clock even across a
 * step's end, and previous and next at both ends. */

#define S ((gint64) G_USEC_PER_SEC)
#define T0 (100 * S)

static const char routines_json[] =
  "{ \"format\": \"limber-routines\", \"version\": 1,\n"
  "  \"exercises\": [\n"
  "    { \"id\": \"hold\", \"name\": \"Hold\", \"summary\": \"S\", \"position\": \"seated\",\n"
  "      \"sets\": 2, \"set_rest_s\": 5,\n"
  "      \"steps\": [ { \"instruction\": \"Right.\", \"hold_s\": 10, \"side\": \"right\", \"rest_s\": 3 },\n"
  "                 { \"instruction\": \"Left.\", \"hold_s\": 10, \"side\": \"left\" } ] },\n"
  "    { \"id\": \"reps\", \"name\": \"Reps\", \"summary\": \"S\", \"position\": \"seated\",\n"
  "      \"steps\": [ { \"instruction\": \"Roll.\", \"reps\": 4, \"rep_s\": 3 } ] }\n"
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

static void
test_holds_sides_sets (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "hold"), T0);
  guint changes = 0, finished = 0;

  g_signal_connect (session, "phase-changed", G_CALLBACK (count_cb), &changes);
  g_signal_connect (session, "finished", G_CALLBACK (count_cb), &finished);

  /* Right 10 s, rest 3, left 10, set rest 5, right 10, rest 3, left 10. */
  g_assert_cmpuint (limber_routine_session_get_n_phases (session), ==, 7);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_phase (session)->step->side, ==, LIMBER_SIDE_RIGHT);
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T0 + 10 * S);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T0 + 4 * S), ==, 6 * S);

  limber_routine_session_tick (session, T0 + 10 * S);
  assert_phase (session, LIMBER_PHASE_REST, NULL, 1);
  g_assert_cmpstr (limber_routine_session_get_next_step (session)->step->instruction, ==, "Left.");
  limber_routine_session_tick (session, T0 + 13 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Left.", 1);

  /* A main loop that stalls for 17 s lands where the clock is: the set
   * rest is over and the second set's right side 2 s in. */
  limber_routine_session_tick (session, T0 + 30 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 2);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T0 + 30 * S), ==, 8 * S);
  g_assert_cmpuint (changes, ==, 4);

  limber_routine_session_tick (session, T0 + 56 * S);
  g_assert_true (limber_routine_session_is_finished (session));
  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpuint (limber_routine_session_get_seconds_done (session, T0 + 60 * S), ==, 51);
}

static void
test_repetitions (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "reps"), T0);

  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T0 + 12 * S);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T0), ==, 1);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T0 + 3 * S), ==, 2);
  g_assert_cmpuint (limber_routine_session_get_repetition (session, T0 + 11 * S), ==, 4);
}

static void
test_pause_across_boundary (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_exercise (limber_catalogue_get_exercise (list, "hold"), T0);

  /* Paused with 1 s left; a minute later the same second is left. */
  limber_routine_session_pause (session, T0 + 9 * S);
  g_assert_true (limber_routine_session_is_paused (session));
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, G_MAXINT64);
  limber_routine_session_tick (session, T0 + 69 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T0 + 69 * S), ==, 1 * S);

  limber_routine_session_resume (session, T0 + 69 * S);
  g_assert_cmpint (limber_routine_session_get_deadline (session), ==, T0 + 70 * S);
  limber_routine_session_tick (session, T0 + 70 * S);
  assert_phase (session, LIMBER_PHASE_REST, NULL, 1);
  g_assert_cmpuint (limber_routine_session_get_seconds_done (session, T0 + 70 * S), ==, 10);
}

static void
test_previous_and_next (void)
{
  g_autoptr (LimberCatalogue) list = catalogue ();
  g_autoptr (LimberRoutineSession) session =
    limber_routine_session_new_for_routine (limber_catalogue_get_routine (list, "both"), T0);

  /* Reps, rest 4 between exercises, right, rest 3, left. */
  g_assert_cmpuint (limber_routine_session_get_n_phases (session), ==, 5);

  /* Previous at the very start: the first step again, from its start. */
  limber_routine_session_previous (session, T0 + 1 * S);
  g_assert_cmpuint (limber_routine_session_get_phase_index (session), ==, 0);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T0 + 1 * S), ==, 12 * S);

  /* Next skips the rest between exercises. */
  limber_routine_session_next (session, T0 + 2 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpuint (limber_routine_session_get_phase (session)->exercise_number, ==, 2);

  /* Previous a moment in goes back a step; later, to this step's start. */
  limber_routine_session_previous (session, T0 + 3 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Roll.", 1);
  limber_routine_session_next (session, T0 + 4 * S);
  limber_routine_session_previous (session, T0 + 10 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Right.", 1);
  g_assert_cmpint (limber_routine_session_get_remaining (session, T0 + 10 * S), ==, 10 * S);

  /* Next past the last step finishes. */
  limber_routine_session_next (session, T0 + 11 * S);
  assert_phase (session, LIMBER_PHASE_STEP, "Left.", 1);
  g_assert_null (limber_routine_session_get_next_step (session));
  limber_routine_session_next (session, T0 + 12 * S);
  g_assert_true (limber_routine_session_is_finished (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/routine-session/holds-sides-sets", test_holds_sides_sets);
  g_test_add_func ("/routine-session/repetitions", test_repetitions);
  g_test_add_func ("/routine-session/pause-across-boundary", test_pause_across_boundary);
  g_test_add_func ("/routine-session/previous-and-next", test_previous_and_next);

  return g_test_run ();
}
