/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "limber-catalogue.h"
#include "fuzz-common.h"

/* Feeds arbitrary bytes to the routine-file loader, as a person's own
 * file in $XDG_DATA_HOME/limber/routines would reach it. Whatever the
 * input, the loader must neither crash nor leak, and must either succeed
 * without an error or fail with a message. See README.md here.
 *
 * The file lies in a folder of pictures good and bad (catalogue.dict has
 * their names), so that the checks of illustrations run too; what loads
 * is then read back as the window would. */

static char       *folder;
static char       *routine_file;

static const guint8 png_1x1[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00,
  0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
  0xae, 0x42, 0x60, 0x82,
};

/* Undefined behaviour is a finding too: stop at it rather than print a
 * line and carry on. */
static void
put (const char *name,
     const void *data,
     gsize       length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (!g_file_set_contents (path, data, length, NULL))
    abort ();
}

static void
remove_folder (void)
{
  static const char *names[] = { "pic.png", "pic.svg", "fake.png", "big.svg", "link.png", "escape.png",
                                 "zero.svg", "fifo.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\"/>\n";
  static const char big_svg[] = "<svg width=\"1e9\" height=\"1in\"/>";
  g_autofree char *fifo = NULL;

  fuzz_init_logging ("fuzz-catalogue");

  folder = g_dir_make_tmp ("fuzz-catalogue-XXXXXX", NULL);
  if (folder == NULL)
    abort ();
  routine_file = g_build_filename (folder, "fuzz.json", NULL);
  put ("pic.png", png_1x1, sizeof png_1x1);
  put ("pic.svg", svg, sizeof svg - 1);
  put ("fake.png", svg, sizeof svg - 1);
  put ("big.svg", big_svg, sizeof big_svg - 1);
  fifo = g_build_filename (folder, "fifo.png", NULL);
  if (mkfifo (fifo, 0600) != 0)
    abort ();
  {
    g_autofree char *link = g_build_filename (folder, "link.png", NULL);
    g_autofree char *escape = g_build_filename (folder, "escape.png", NULL);
    g_autofree char *zero = g_build_filename (folder, "zero.svg", NULL);

    if (symlink ("pic.png", link) != 0 || symlink ("../pic.png", escape) != 0 || symlink ("/dev/zero", zero) != 0)
      abort ();
  }
  atexit (remove_folder);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GBytes *bytes = g_bytes_new (data, size);
  LimberCatalogue *catalogue = limber_catalogue_new ();
  GError *error = NULL;
  gboolean loaded;

  loaded = limber_catalogue_load (catalogue, routine_file, bytes, &error);

  /* TRUE without an error, FALSE with one that says something. */
  if (loaded ? error != NULL
             : error == NULL || error->message == NULL || error->message[0] == '\0')
    abort ();
  g_clear_error (&error);

  /* What loaded stays within the limits, and its pictures are the good
   * ones. */
  for (guint i = 0; loaded && i < limber_catalogue_get_exercises (catalogue)->len; i++)
    {
      LimberExercise *exercise = g_ptr_array_index (limber_catalogue_get_exercises (catalogue), i);
      GBytes *picture = limber_exercise_load_illustration (exercise, &error);

      if (limber_exercise_duration_s (exercise, 0) > LIMBER_ROUTINE_MAX_DURATION_S ||
          (exercise->illustration != NULL) != (picture != NULL))
        abort ();
      g_clear_pointer (&picture, g_bytes_unref);
      g_clear_error (&error);

      /* A relax goes only between repeated holds, and a step is mirrored
       * only when the picture shows one side and the step the other. */
      for (guint j = 0; j < exercise->steps->len; j++)
        {
          const LimberStep *step = g_ptr_array_index (exercise->steps, j);
          gboolean mirrored = limber_exercise_mirrors_illustration (exercise, step);

          if ((step->relax_s > 0 && (step->reps == 0 || step->hold_s == 0)) ||
              limber_step_duration_s (step) > LIMBER_ROUTINE_MAX_DURATION_S ||
              (mirrored && (exercise->illustration_side == LIMBER_SIDE_BOTH || step->side == LIMBER_SIDE_BOTH ||
                            step->side == exercise->illustration_side)))
            abort ();
        }
    }
  for (guint i = 0; loaded && i < limber_catalogue_get_routines (catalogue)->len; i++)
    {
      if (limber_routine_duration_s (g_ptr_array_index (limber_catalogue_get_routines (catalogue), i)) >
          LIMBER_ROUTINE_MAX_DURATION_S)
        abort ();
    }
  g_object_unref (catalogue);
  g_bytes_unref (bytes);
  return 0;
}
