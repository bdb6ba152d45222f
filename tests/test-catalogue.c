/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "limber-catalogue.h"
#include "limber-test-util.h"

/* The stretch catalogue: what ships loads whole and makes sense; a bad
 * file is refused with a message naming it, the line and the problem,
 * and a person's own good files are merged in beside it. */

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
  g_test_add_func ("/catalogue/user-files", test_user_files);
  g_test_add_func ("/catalogue/suggestions", test_suggestions);

  return g_test_run ();
}
