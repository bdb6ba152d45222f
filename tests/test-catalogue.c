/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "limber-catalogue.h"
#include "limber-test-util.h"

/* The stretch catalogue: what ships loads whole and makes sense; a bad
 * file is refused with a message naming it, the line and the problem,
 * and a person's own good files are merged in beside it. A hostile file
 * can show no picture from outside its folder, holds up nothing with its
 * size, and says nothing it did not write. */

static void
test_shipped (void)
{
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  GPtrArray *exercises, *routines;
  const char *required[] = { "thoracic-extension", "wall-angels", "cat-cow", "scapular-squeeze" };

  limber_catalogue_load_defaults (catalogue, NULL);
  exercises = limber_catalogue_get_exercises (catalogue);
  routines = limber_catalogue_get_routines (catalogue);

  g_assert_cmpuint (limber_catalogue_get_problems (catalogue)->len, ==, 0);
  g_assert_cmpuint (exercises->len, >=, 16);
  g_assert_cmpuint (routines->len, >=, 5);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (limber_catalogue_get_exercise (catalogue, required[i]));

  /* Every exercise has steps with a positive length, targets, a caution
   * field and an illustration that ships. */
  for (guint i = 0; i < exercises->len; i++)
    {
      LimberExercise *exercise = g_ptr_array_index (exercises, i);
      g_autofree char *resource = g_strdup_printf ("/io/github/limberapp/Limber/routines/illustrations/%s",
                                                   exercise->illustration);

      g_assert_cmpuint (exercise->steps->len, >, 0);
      g_assert_cmpuint (exercise->targets, !=, 0);
      g_assert_cmpuint (limber_exercise_duration_s (exercise, 0), >, 0);
      g_assert_nonnull (exercise->illustration);
      if (!g_resources_get_info (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        g_error ("%s has no illustration %s", exercise->id, resource);
      /* Said in words, for those who cannot see it. */
      if (exercise->illustration_description == NULL || strlen (exercise->illustration_description) < 40)
        g_error ("%s does not say what its picture shows", exercise->id);

      /* A picture of one side says which, when the steps go by sides, so
       * that the other side shows it mirrored. */
      for (guint j = 0; j < exercise->steps->len; j++)
        {
          const LimberStep *step = g_ptr_array_index (exercise->steps, j);

          if (step->side != LIMBER_SIDE_BOTH && exercise->illustration_side == LIMBER_SIDE_BOTH)
            g_error ("%s has steps by side but does not say which side its picture shows", exercise->id);
        }
    }

  /* The pictures show the right side, but for the seated rotation, which
   * is drawn turning to the left: its right step is the mirrored one. */
  {
    const LimberExercise *trapezius = limber_catalogue_get_exercise (catalogue, "upper-trapezius");
    const LimberExercise *rotation = limber_catalogue_get_exercise (catalogue, "seated-rotation");
    const LimberStep *right = g_ptr_array_index (trapezius->steps, 0);
    const LimberStep *left = g_ptr_array_index (trapezius->steps, 1);

    g_assert_cmpint (trapezius->illustration_side, ==, LIMBER_SIDE_RIGHT);
    g_assert_cmpint (right->side, ==, LIMBER_SIDE_RIGHT);
    g_assert_false (limber_exercise_mirrors_illustration (trapezius, right));
    g_assert_true (limber_exercise_mirrors_illustration (trapezius, left));

    g_assert_cmpint (rotation->illustration_side, ==, LIMBER_SIDE_LEFT);
    right = g_ptr_array_index (rotation->steps, 0);
    left = g_ptr_array_index (rotation->steps, 1);
    g_assert_cmpint (right->side, ==, LIMBER_SIDE_RIGHT);
    g_assert_true (limber_exercise_mirrors_illustration (rotation, right));
    g_assert_false (limber_exercise_mirrors_illustration (rotation, left));

    /* Pictures of no one side are never mirrored. */
    g_assert_false (limber_exercise_mirrors_illustration (limber_catalogue_get_exercise (catalogue, "plank"),
                                                         g_ptr_array_index (limber_catalogue_get_exercise (catalogue, "plank")->steps, 0)));
  }

  /* Holds done again and again have a moment to relax between them. */
  {
    const LimberExercise *squeeze = limber_catalogue_get_exercise (catalogue, "scapular-squeeze");
    const LimberStep *step = g_ptr_array_index (squeeze->steps, 0);

    g_assert_cmpuint (step->reps, ==, 6);
    g_assert_cmpuint (step->hold_s, >, 0);
    g_assert_cmpuint (step->relax_s, >, 0);
    g_assert_cmpuint (limber_step_duration_s (step), ==, 6 * step->hold_s + 5 * step->relax_s);
  }

  /* A micro-break routine stays brief, and a rest-break routine fills
   * about the five minutes of a rest break. */
  for (guint i = 0; i < routines->len; i++)
    {
      LimberRoutine *routine = g_ptr_array_index (routines, i);
      guint seconds = limber_routine_duration_s (routine);

      g_assert_cmpuint (seconds, >, 0);
      if (routine->purpose == LIMBER_ROUTINE_PURPOSE_MICRO)
        g_assert_cmpuint (seconds, <=, 150);
      else if (routine->purpose == LIMBER_ROUTINE_PURPOSE_REST)
        {
          g_assert_cmpuint (seconds, >=, 180);
          g_assert_cmpuint (seconds, <=, 360);
        }
    }
}

#define HEAD "{\n  \"format\": \"limber-routines\",\n  \"version\": 1,\n"
#define GOOD_STEP "{ \"instruction\": \"Hold.\", \"hold_s\": 10 }"

static void
assert_refused (const char *text,
                const char *expected)
{
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  g_autoptr (GBytes) data = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  guint before;

  limber_catalogue_load_defaults (catalogue, NULL);
  before = limber_catalogue_get_exercises (catalogue)->len;

  g_assert_false (limber_catalogue_load (catalogue, "mine.json", data, &error));
  g_assert_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_cmpuint (limber_catalogue_get_exercises (catalogue)->len, ==, before);
}

static void
test_refused (void)
{
  assert_refused ("{ \"format\": \"limber-routines\", \n \"version\": 1,, }", "mine.json:2: this is not valid JSON");
  /* Found by fuzzing: an empty file, and a target that is not text. */
  assert_refused ("", "mine.json:1: the file is not a list of Limber routines");
  assert_refused (HEAD "  \"exercises\": [ { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"targets\": [[]] } ]\n}",
                  "targets: “?” is not a body region");
  /* One region per entry. */
  assert_refused (HEAD "  \"exercises\": [ { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"targets\": [\"neck;mid-back\"] } ]\n}",
                  "targets: “neck;mid-back” is not a body region");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"lying\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: position: “lying” is not one of seated, standing, wall, floor");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\", \"steps\": [] }\n  ]\n}",
                  "mine.json:5: “steps” is empty");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n      \"steps\": [ { \"instruction\": \"Hold.\", \"hold_s\": 0 } ] }\n  ]\n}",
                  "mine.json:6: “hold_s” must be at least 1, not 0");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n      \"steps\": [ { \"instruction\": \"Go.\", \"reps\": -3, \"rep_s\": 2 } ] }\n  ]\n}",
                  "“reps” must be at least 1, not -3");
  assert_refused (HEAD "  \"routines\": [\n    { \"id\": \"r\", \"name\": \"R\", \"summary\": \"S\", \"purpose\": \"micro\",\n      \"items\": [ { \"exercise\": \"handstand\" } ] }\n  ]\n}",
                  "mine.json:6: exercise: there is no exercise “handstand”");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"wall-angels\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: id: “wall-angels” is already taken");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\", \"colour\": \"red\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: unknown member “colour”");
  assert_refused ("{ \"format\": \"something-else\", \"version\": 1 }", "format: expected “limber-routines”");

  /* The members on pictures and relaxing, each refused naming the line
   * and the member. */
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"illustration\": \"a.svg\", \"illustration_side\": \"both\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: illustration_side: “both” is not one of left, right");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"illustration_side\": \"left\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: “illustration_side” goes with “illustration”");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"illustration\": \"a.svg\", \"illustration_description\": 7, \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: “illustration_description” must be text");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"illustration\": \"a.svg\", \"illustration_description\": \"\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: “illustration_description” is empty");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"illustration_description\": \"A person.\", \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                  "mine.json:5: “illustration_description” goes with “illustration”");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Squeeze.\", \"reps\": 6, \"hold_s\": 5 } ] }\n  ]\n}",
                  "mine.json:7: “relax_s”, the seconds to relax between holds, is missing");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Squeeze.\", \"hold_s\": 5, \"relax_s\": 2 } ] }\n  ]\n}",
                  "mine.json:7: “relax_s” goes with “reps” and “hold_s” together");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Roll.\", \"reps\": 6, \"rep_s\": 5, \"relax_s\": 2 } ] }\n  ]\n}",
                  "mine.json:7: “relax_s” goes with “reps” and “hold_s” together");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Squeeze.\", \"reps\": 6, \"hold_s\": 5, \"relax_s\": 0 } ] }\n  ]\n}",
                  "mine.json:7: “relax_s” must be at least 1, not 0");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Squeeze.\", \"reps\": 6, \"hold_s\": 5, \"relax_s\": 3601 } ] }\n  ]\n}",
                  "mine.json:7: “relax_s” must be at most 3600, not 3601");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [\n        { \"instruction\": \"Stand.\", \"side\": \"left\" } ] }\n  ]\n}",
                  "mine.json:7: a step needs “hold_s”, “reps”, or both");

  /* Nested beyond reason, which overflowed the parser's stack: refused
   * before parsing, naming the line and the limit. Brackets in strings
   * do not count. */
  {
    g_autoptr (GString) deep = g_string_new (HEAD "  \"exercises\": [\n    { \"id\": \"[[[[\", \"x\": ");

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    assert_refused (deep->str, "mine.json:5: lists and objects nest more than 32 deep");
  }
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* The members a person may give on pictures and relaxing are read as
 * written. */
static void
test_picture_and_relax_members (void)
{
  static const char text[] =
    HEAD
    "  \"exercises\": [\n"
    "    { \"id\": \"my-squeeze\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
    "      \"illustration\": \"my-squeeze.svg\", \"illustration_side\": \"left\",\n"
    "      \"illustration_description\": \"A person squeezes.\",\n"
    "      \"steps\": [ { \"instruction\": \"Squeeze.\", \"reps\": 4, \"hold_s\": 5, \"relax_s\": 2 },\n"
    "                 { \"instruction\": \"Right.\", \"hold_s\": 5, \"side\": \"right\" },\n"
    "                 { \"instruction\": \"Left.\", \"hold_s\": 5, \"side\": \"left\" } ] }\n"
    "  ]\n}";
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  g_autoptr (GBytes) data = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  const LimberExercise *exercise;
  const LimberStep *squeeze;

  g_assert_true (limber_catalogue_load (catalogue, "mine.json", data, &error));
  g_assert_no_error (error);
  exercise = limber_catalogue_get_exercise (catalogue, "my-squeeze");
  g_assert_cmpstr (exercise->illustration_description, ==, "A person squeezes.");
  g_assert_cmpint (exercise->illustration_side, ==, LIMBER_SIDE_LEFT);
  squeeze = g_ptr_array_index (exercise->steps, 0);
  g_assert_cmpuint (squeeze->reps, ==, 4);
  g_assert_cmpuint (squeeze->hold_s, ==, 5);
  g_assert_cmpuint (squeeze->relax_s, ==, 2);
  /* Four holds and three relaxes, then two holds of 5 s. */
  g_assert_cmpuint (limber_exercise_duration_s (exercise, 0), ==, 4 * 5 + 3 * 2 + 5 + 5);
  /* Drawn on the left: the right step is the mirrored one. */
  g_assert_false (limber_exercise_mirrors_illustration (exercise, squeeze));
  g_assert_true (limber_exercise_mirrors_illustration (exercise, g_ptr_array_index (exercise->steps, 1)));
  g_assert_false (limber_exercise_mirrors_illustration (exercise, g_ptr_array_index (exercise->steps, 2)));
}

/* A caller that does not want the message still learns of the failure. */
static void
test_refused_without_error (void)
{
  static const char *texts[] = {
    HEAD "  \"exercises\": 5\n}",
    HEAD "  \"routines\": {}\n}",
    HEAD "  \"exercises\": [ { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"targets\": \"neck\" } ]\n}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
      g_autoptr (GBytes) data = g_bytes_new_static (texts[i], strlen (texts[i]));

      g_assert_false (limber_catalogue_load (catalogue, "mine.json", data, NULL));
    }
}

static void
test_user_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("limber-routines-XXXXXX", NULL);
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  LimberRoutine *mine;
  GPtrArray *problems;

  write_file (dir, "physio.json", HEAD "  \"exercises\": [\n    { \"id\": \"physio-press\", \"name\": \"Press\", \"summary\": \"S\", \"position\": \"standing\", \"steps\": [" GOOD_STEP "] }\n  ],\n"
                             "  \"routines\": [\n    { \"id\": \"physio\", \"name\": \"From my physio\", \"summary\": \"S\", \"purpose\": \"daily\",\n"
                             "      \"items\": [ { \"exercise\": \"physio-press\" }, { \"exercise\": \"wall-angels\", \"sets\": 2 } ] }\n  ]\n}");
  write_file (dir, "broken.json", "{ not json");
  write_file (dir, "notes.txt", "not a routine file, and not read");

  limber_catalogue_load_defaults (catalogue, dir);

  /* The good file joins the shipped ones, using their exercises. */
  mine = limber_catalogue_get_routine (catalogue, "physio");
  g_assert_nonnull (mine);
  g_assert_cmpuint (mine->items->len, ==, 2);
  g_assert_true (g_array_index (mine->items, LimberRoutineItem, 1).exercise ==
                 limber_catalogue_get_exercise (catalogue, "wall-angels"));
  g_assert_nonnull (limber_catalogue_get_exercise (catalogue, "thoracic-extension"));

  /* The broken one is named among the problems; nothing else is. */
  problems = limber_catalogue_get_problems (catalogue);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "broken.json:1: this is not valid JSON"));
}

/* Numbers are what the file wrote, or the file is refused saying what it
 * wrote: json-glib alone would read 2^64 as -1 and 010 as 8. */
static void
test_numbers (void)
{
  static const struct { const char *member_and_value; const char *expected; } cases[] = {
    /* The day-long sets of the issue, which added up past 2^32. */
    { "\"sets\": 86400", "mine.json:5: “sets” must be at most 100, not 86400" },
    { "\"set_rest_s\": 86400", "mine.json:5: “set_rest_s” must be at most 3600, not 86400" },
    { "\"sets\": 1180591620717411303424", "mine.json:5: “sets” must be at most 100, not 1180591620717411303424" },
    { "\"sets\": 18446744073709551616", "mine.json:5: “sets” must be at most 100, not 18446744073709551616" },
    { "\"sets\": 9223372036854775808", "mine.json:5: “sets” must be at most 100, not 9223372036854775808" },
    { "\"sets\": 1e20", "mine.json:5: “sets” must be at most 100, not 1e20" },
    { "\"sets\": -1e20", "mine.json:5: “sets” must be at least 1, not -1e20" },
    { "\"sets\": 1e400", "mine.json:5: “sets” must be at most 100, not 1e400" },
    { "\"sets\": 0x10", "mine.json:5: “0x10” is not a number as JSON writes numbers" },
    { "\"sets\": 010", "mine.json:5: “010” is not a number as JSON writes numbers" },
    { "\"sets\": 1.5", "mine.json:5: “sets” must be a whole number, not 1.5" },
    { "\"sets\": \"2\"", "mine.json:5: “sets” must be a whole number" },
    { "\"targets\": [1e99]", "mine.json:5: the number 1e99 is out of range" },
  };
  g_autoptr (GString) long_number = g_string_new (HEAD "  \"exercises\": [\n    { \"sets\": ");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", "
                                               "\"position\": \"seated\", %s, \"steps\": [" GOOD_STEP "] }\n  ]\n}",
                                               cases[i].member_and_value);

      assert_refused (text, cases[i].expected);
    }

  /* Day-long holds, and totals past the limit, with the total said in
   * full. */
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\",\n"
                  "      \"steps\": [ { \"instruction\": \"Hold.\", \"hold_s\": 86400 } ] }\n  ]\n}",
                  "mine.json:6: “hold_s” must be at most 3600, not 86400");
  assert_refused (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\", \"sets\": 100,\n"
                  "      \"steps\": [ { \"instruction\": \"Hold.\", \"hold_s\": 3600 } ] }\n  ]\n}",
                  "mine.json:5: the exercise lasts 360000 s with its sets, more than the 14400 s an exercise may last");
  assert_refused (HEAD "  \"routines\": [\n    { \"id\": \"r\", \"name\": \"R\", \"summary\": \"S\", \"purpose\": \"daily\", \"rest_between_s\": 3600,\n"
                  "      \"items\": [ { \"exercise\": \"wall-angels\" }, { \"exercise\": \"wall-angels\" }, { \"exercise\": \"wall-angels\" },\n"
                  "                 { \"exercise\": \"wall-angels\" }, { \"exercise\": \"wall-angels\", \"sets\": 100 } ] }\n  ]\n}",
                  "mine.json:5: the routine lasts");

  /* A number 1000 digits long is quoted, not copied whole. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_c (long_number, '9');
  g_string_append (long_number, " } ]\n}");
  assert_refused (long_number->str, "mine.json:5: “sets” must be at most 100, not 9999999999999999999999999999999999999999…");

  /* What is within the limits is shown as written, up to the longest an
   * exercise may last; 3e1 and 30.0 are whole numbers too. */
  {
    g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
    static const char text[] =
      HEAD "  \"exercises\": [\n"
      "    { \"id\": \"long\", \"name\": \"L\", \"summary\": \"S\", \"position\": \"floor\", \"sets\": 4,\n"
      "      \"steps\": [ { \"instruction\": \"Hold.\", \"hold_s\": 3600 } ] },\n"
      "    { \"id\": \"reps\", \"name\": \"R\", \"summary\": \"S\", \"position\": \"floor\", \"sets\": 3e0, \"set_rest_s\": 30.0,\n"
      "      \"steps\": [ { \"instruction\": \"Lift.\", \"reps\": 1000, \"rep_s\": 3, \"rest_s\": 0 } ] }\n"
      "  ]\n}";
    g_autoptr (GBytes) data = g_bytes_new_static (text, sizeof text - 1);
    g_autoptr (GError) error = NULL;
    LimberExercise *reps;

    g_assert_true (limber_catalogue_load (catalogue, "mine.json", data, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (limber_exercise_duration_s (limber_catalogue_get_exercise (catalogue, "long"), 0), ==, 4 * 3600);
    reps = limber_catalogue_get_exercise (catalogue, "reps");
    g_assert_cmpuint (reps->sets, ==, 3);
    g_assert_cmpuint (reps->set_rest_s, ==, 30);
    g_assert_cmpuint (limber_exercise_duration_s (reps, 0), ==, 3 * 3000 + 2 * 30);
    /* A caller may ask for any number of sets: the total does not wrap. */
    g_assert_cmpuint (limber_exercise_duration_s (reps, G_MAXUINT), ==, G_MAXUINT);
  }
}

/* The size of a file, its lists and its objects are bounded, and checking
 * a file takes time in proportion to it. */
static void
test_bounds (void)
{
  g_autoptr (GString) huge = g_string_new (HEAD "  \"exercises\": [\n");
  g_autoptr (GString) too_many = g_string_new (HEAD "  \"exercises\": [\n");
  g_autoptr (GString) steps = g_string_new (HEAD "  \"exercises\": [\n    { \"id\": \"a\", \"name\": \"A\", \"summary\": \"S\", \"position\": \"seated\", \"steps\": [");
  g_autoptr (GString) members = g_string_new ("{ \"format\": \"limber-routines\", \"version\": 1,\n  \"x\": {");
  g_autoptr (GString) most = g_string_new (HEAD "  \"exercises\": [\n");
  g_autofree char *limit = NULL;
  g_autofree char *expected = NULL;

  /* The 100,000 exercises that took minutes to check. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (huge, "%s    { \"id\": \"e%u\", \"name\": \"E\", \"summary\": \"S\", \"position\": \"seated\", \"steps\": [" GOOD_STEP "] }",
                            i > 0 ? ",\n" : "", i);
  g_string_append (huge, "\n  ]\n}");
  /* GLib puts a no-break space before the unit. */
  limit = g_format_size_full (LIMBER_ROUTINE_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_assert_cmpstr (limit, ==, "256.0\u00a0KiB");
  expected = g_strdup_printf ("mine.json: the file is larger than %s, the most a routine file may be", limit);
  assert_refused (huge->str, expected);

  for (guint i = 0; i <= LIMBER_ROUTINE_FILE_MAX_ENTRIES; i++)
    g_string_append_printf (too_many, "%s{\"id\":\"e%u\",\"name\":\"E\",\"summary\":\"S\",\"position\":\"seated\",\"steps\":[" GOOD_STEP "]}",
                            i > 0 ? "," : "", i);
  g_string_append (too_many, "]}");
  assert_refused (too_many->str, "mine.json:1: “exercises” may have at most 1000 entries, not 1001");

  for (guint i = 0; i <= LIMBER_ROUTINE_MAX_STEPS; i++)
    g_string_append_printf (steps, "%s" GOOD_STEP, i > 0 ? "," : "");
  g_string_append (steps, "] }\n  ]\n}");
  assert_refused (steps->str, "mine.json:5: “steps” may have at most 100 entries, not 101");

  /* json-glib looks for a repeated member through all those before it:
   * 13,000 members and as many repeats took 3 s. */
  for (guint i = 0; i < 33; i++)
    g_string_append_printf (members, "%s\n    \"m%u\": 0", i > 0 ? "," : "", i);
  g_string_append (members, "\n  }\n}");
  assert_refused (members->str, "mine.json:35: an object has more than 32 members");

  /* Nesting in a string in single quotes, which json-glib takes for a
   * string and the check for depth does not. */
  {
    g_autoptr (GString) deep = g_string_new ("{ '\"': ");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    assert_refused (deep->str, "lists and objects nest more than 32 deep");
  }

  /* As many exercises and routines as a file may hold load in one go. */
  for (guint i = 0; i < LIMBER_ROUTINE_FILE_MAX_ENTRIES; i++)
    g_string_append_printf (most, "%s{\"id\":\"e%u\",\"name\":\"E\",\"summary\":\"S\",\"position\":\"seated\",\"steps\":[" GOOD_STEP "]}",
                            i > 0 ? "," : "", i);
  g_string_append (most, "],\n  \"routines\": [");
  for (guint i = 0; i < LIMBER_ROUTINE_FILE_MAX_ENTRIES; i++)
    g_string_append_printf (most, "%s{\"id\":\"r%u\",\"name\":\"R\",\"summary\":\"S\",\"purpose\":\"micro\",\"items\":[{\"exercise\":\"e%u\"}]}",
                            i > 0 ? "," : "", i, i);
  g_string_append (most, "]\n}");
  g_assert_cmpuint (most->len, <=, LIMBER_ROUTINE_FILE_MAX_SIZE);
  {
    g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
    g_autoptr (GBytes) data = g_bytes_new_static (most->str, most->len);
    g_autoptr (GError) error = NULL;
    gint64 start_us = g_get_monotonic_time ();

    g_assert_true (limber_catalogue_load (catalogue, "mine.json", data, &error));
    g_assert_no_error (error);
    g_test_message ("%u exercises and %u routines, %zu bytes: loaded in %.1f ms",
                    LIMBER_ROUTINE_FILE_MAX_ENTRIES, LIMBER_ROUTINE_FILE_MAX_ENTRIES, most->len,
                    (g_get_monotonic_time () - start_us) / 1000.0);
    g_assert_cmpuint (limber_catalogue_get_exercises (catalogue)->len, ==, LIMBER_ROUTINE_FILE_MAX_ENTRIES);
    g_assert_true (g_array_index (limber_catalogue_get_routine (catalogue, "r999")->items, LimberRoutineItem, 0).exercise ==
                   limber_catalogue_get_exercise (catalogue, "e999"));
  }

}

static const guint8 png_1x1[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
  0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
  0xae, 0x42, 0x60, 0x82,
};

/* The header of a PNG of 100000 × 100000 pixels: 40 GB to draw. */
static const guint8 png_huge_header[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x06, 0x00, 0x00, 0x00, 0xa8, 0x52, 0x0b,
  0xc8,
};

static const char jpeg_start[] = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";

static const char svg_good[] =
  "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- Drawn for Limber -->\n"
  "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50mm\" height=\"200\" viewBox=\"0 0 200 200\">\n"
  "  <rect width=\"10\" height=\"10\"/>\n"
  "</svg>\n";

static void
write_bytes (const char *dir,
             const char *name,
             const void *data,
             gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

static void
link_to (const char *dir,
         const char *name,
         const char *target)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
assert_warned (GPtrArray  *warnings,
               const char *expected)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      if (strstr (warnings->pdata[i], expected) != NULL)
        return;
    }
  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("%s\n", (const char *) warnings->pdata[i]);
  g_error ("no warning says “%s”", expected);
}

/* An illustration is a regular SVG or PNG file in the folder of its
 * routine file, of a sane size; anything else is left out with a warning
 * that names the file and the exercise's line, and the exercise loads
 * without it. */
static void
test_illustrations (void)
{
  static const struct { const char *illustration; const char *expected; } refused[] = {
    { "../../../../dev/zero", "must be the name of a file in the folder of the routine file" },
    { "../secret.png", "must be the name of a file in the folder of the routine file" },
    { "/etc/passwd", "must be the name of a file in the folder of the routine file" },
    { "..", "must be an SVG or PNG file, ending in .svg or .png" },
    { "picture.gif", "must be an SVG or PNG file, ending in .svg or .png" },
    { "missing.png", "cannot read “missing.png”: No such file or directory" },
    { "escape.png", "“escape.png” leads out of the folder of the routine file" },
    { "zero.png", "“zero.png” leads out of the folder of the routine file" },
    { "fifo.png", "“fifo.png” is not a regular file" },
    { "folder.svg", "“folder.svg” is not a regular file" },
    { "big.png", "“big.png” is larger than 4.0\u00a0MiB" },
    { "photo.png", "“photo.png” is not a PNG file" },
    { "page.svg", "“page.svg” is not an SVG file" },
    { "huge.png", "“huge.png” is larger than 4096 × 4096 pixels" },
    { "huge.svg", "“huge.svg” is larger than 4096 × 4096 pixels" },
    { "huge-box.svg", "“huge-box.svg” is larger than 4096 × 4096 pixels" },
  };
  static const char *accepted[] = { "good.png", "good.svg", "GOOD-LINK.PNG", "good.png" };
  g_autofree char *base = g_dir_make_tmp ("limber-pictures-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (base, "routines", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *fifo = g_build_filename (dir, "fifo.png", NULL);
  g_autofree char *sub = g_build_filename (dir, "folder.svg", NULL);
  g_autofree char *big = g_malloc0 (LIMBER_ILLUSTRATION_MAX_SIZE + 1);
  g_autoptr (GString) text = g_string_new (HEAD "  \"exercises\": [\n");
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  GPtrArray *warnings;
  guint n = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  write_bytes (base, "secret.png", png_1x1, sizeof png_1x1);
  write_bytes (dir, "good.png", png_1x1, sizeof png_1x1);
  write_bytes (dir, "good.svg", svg_good, sizeof svg_good - 1);
  memcpy (big, png_1x1, sizeof png_1x1);
  write_bytes (dir, "big.png", big, LIMBER_ILLUSTRATION_MAX_SIZE + 1);
  write_bytes (dir, "photo.png", jpeg_start, sizeof jpeg_start - 1);
  write_file (dir, "page.svg", "<html><body><svg></svg></body></html>");
  write_bytes (dir, "huge.png", png_huge_header, sizeof png_huge_header);
  write_file (dir, "huge.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"10\"/>");
  write_file (dir, "huge-box.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"\n  viewBox=\"0 0 1e9 1e9\"/>");
  link_to (dir, "GOOD-LINK.PNG", "good.png");
  link_to (dir, "escape.png", "../secret.png");
  link_to (dir, "zero.png", "/dev/zero");

  /* One exercise a line, from line 5 on. */
  for (guint i = 0; i < G_N_ELEMENTS (refused) + G_N_ELEMENTS (accepted); i++, n++)
    g_string_append_printf (text, "%s    { \"id\": \"e%u\", \"name\": \"E\", \"summary\": \"S\", \"position\": \"seated\", "
                                  "\"illustration\": \"%s\", \"steps\": [" GOOD_STEP "] }",
                            i > 0 ? ",\n" : "", i,
                            i < G_N_ELEMENTS (refused) ? refused[i].illustration : accepted[i - G_N_ELEMENTS (refused)]);
  g_string_append (text, "\n  ]\n}\n");
  write_file (dir, "mine.json", text->str);

  limber_catalogue_load_defaults (catalogue, dir);

  /* The file loads, every exercise with it. */
  g_assert_cmpuint (limber_catalogue_get_problems (catalogue)->len, ==, 0);
  warnings = limber_catalogue_get_warnings (catalogue);
  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (refused));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *expected = g_strdup_printf ("mine.json:%u: illustration: ", 5 + i);
      LimberExercise *exercise = limber_catalogue_get_exercise (catalogue, id);
      g_autoptr (GError) error = NULL;

      assert_warned (warnings, expected);
      assert_warned (warnings, refused[i].expected);
      g_assert_nonnull (exercise);
      g_assert_null (exercise->illustration);
      g_assert_null (limber_exercise_get_illustration (exercise));
      g_assert_null (limber_exercise_load_illustration (exercise, &error));
      g_assert_no_error (error);
    }

  /* The good ones are accepted, and are files in the folder. */
  folder = realpath (dir, NULL);
  inside = g_strconcat (folder, "/", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", (guint) G_N_ELEMENTS (refused) + i);
      LimberExercise *exercise = limber_catalogue_get_exercise (catalogue, id);
      g_autoptr (GFile) file = limber_exercise_get_illustration (exercise);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) data = limber_exercise_load_illustration (exercise, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (exercise->illustration, ==, accepted[i]);
      g_assert_true (g_str_has_prefix (path, inside));
      g_assert_null (strchr (path + strlen (inside), '/'));
      g_assert_cmpuint (g_bytes_get_size (data), ==, g_str_has_suffix (path, ".svg") ? sizeof svg_good - 1 : sizeof png_1x1);
    }

  /* A picture changed after loading is checked again as it is read. */
  {
    LimberExercise *exercise = limber_catalogue_get_exercise (catalogue, "e16");
    g_autofree char *good = g_build_filename (dir, "good.png", NULL);
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (g_unlink (good), ==, 0);
    link_to (dir, "good.png", "/dev/zero");
    g_assert_null (limber_exercise_load_illustration (exercise, &error));
    g_assert_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_ILLUSTRATION);
    g_assert_nonnull (strstr (error->message, "“good.png” leads out of the folder of the routine file"));
  }

  limber_test_remove_tree (base);
}

/* A person's own files are read only if they are regular files of a sane
 * size: a FIFO named *.json would hold up the daemon's start for ever,
 * /dev/zero would fill the memory. */
static void
test_user_file_bounds (void)
{
  g_autofree char *dir = g_dir_make_tmp ("limber-routines-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.json", NULL);
  g_autofree char *limit = g_format_size_full (LIMBER_ROUTINE_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *too_large = g_strdup_printf ("too-large.json: the file is larger than %s, the most a routine file may be",
                                                limit);
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  GPtrArray *problems;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  /* Exactly at the limit, and one byte over it. */
  for (guint over = 0; over <= 1; over++)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      g_string_printf (text, HEAD "  \"exercises\": [ { \"id\": \"%s\", \"name\": \"L\", \"summary\": \"S\", "
                             "\"position\": \"seated\", \"steps\": [" GOOD_STEP "] } ]\n}",
                       over ? "too-large" : "largest");
      while (text->len < LIMBER_ROUTINE_FILE_MAX_SIZE + over)
        g_string_append_c (text, ' ');
      write_file (dir, over ? "too-large.json" : "largest.json", text->str);
    }

  limber_catalogue_load_defaults (catalogue, dir);

  g_assert_nonnull (limber_catalogue_get_exercise (catalogue, "largest"));
  g_assert_null (limber_catalogue_get_exercise (catalogue, "too-large"));
  problems = limber_catalogue_get_problems (catalogue);
  g_assert_cmpuint (problems->len, ==, 4);
  /* In name order. */
  g_assert_true (g_str_has_suffix (problems->pdata[0], "fifo.json: not a regular file"));
  g_assert_true (g_str_has_suffix (problems->pdata[1], "folder.json: not a regular file"));
  g_assert_true (g_str_has_suffix (problems->pdata[2], too_large));
  g_assert_true (g_str_has_suffix (problems->pdata[3], "zero.json: not a regular file"));

  limber_test_remove_tree (dir);
}

static void
test_suggestions (void)
{
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  const char *first, *second, *rest;
  LimberExercise *exercise;

  limber_catalogue_load_defaults (catalogue, NULL);

  /* A micro-break: a short seated exercise, for the sore neck. */
  first = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_MICRO, LIMBER_BODY_REGION_NECK, NULL);
  exercise = limber_catalogue_get_exercise (catalogue, first);
  g_assert_nonnull (exercise);
  g_assert_cmpint (exercise->position, ==, LIMBER_POSITION_SEATED);
  g_assert_cmpuint (limber_exercise_duration_s (exercise, 0), <=, 90);
  g_assert_true (exercise->targets & LIMBER_BODY_REGION_NECK);

  /* Never the same twice in a row. */
  second = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_MICRO, LIMBER_BODY_REGION_NECK, first);
  g_assert_cmpstr (second, !=, first);

  /* A rest break: a routine made for one. */
  rest = limber_catalogue_suggest (catalogue, LIMBER_BREAK_KIND_REST, LIMBER_BODY_REGION_MID_BACK, NULL);
  g_assert_nonnull (limber_catalogue_get_routine (catalogue, rest));
  g_assert_cmpint (limber_catalogue_get_routine (catalogue, rest)->purpose, ==, LIMBER_ROUTINE_PURPOSE_REST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/shipped", test_shipped);
  g_test_add_func ("/catalogue/refused", test_refused);
  g_test_add_func ("/catalogue/refused-without-error", test_refused_without_error);
  g_test_add_func ("/catalogue/picture-and-relax-members", test_picture_and_relax_members);
  g_test_add_func ("/catalogue/numbers", test_numbers);
  g_test_add_func ("/catalogue/bounds", test_bounds);
  g_test_add_func ("/catalogue/user-files", test_user_files);
  g_test_add_func ("/catalogue/user-file-bounds", test_user_file_bounds);
  g_test_add_func ("/catalogue/illustrations", test_illustrations);
  g_test_add_func ("/catalogue/suggestions", test_suggestions);

  return g_test_run ();
}
