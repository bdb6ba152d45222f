/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-catalogue.h"
#include "limber-cli-stretch.h"
#include "limber-cli-table.h"
#include "limber-daemon-client.h"
#include "limber-break-format.h"

/* A routine file the person wrote that did not load is said first, with
 * its file and line, so that a typo does not make a routine vanish
 * silently; so is a picture it names that was left out. */
static void
print_problems (LimberCatalogue *catalogue)
{
  GPtrArray *problems = limber_catalogue_get_problems (catalogue);

  for (guint i = 0; i < problems->len; i++)
    g_printerr (_("limber: skipped a routine file: %s\n"), (const char *) problems->pdata[i]);

  problems = limber_catalogue_get_warnings (catalogue);
  for (guint i = 0; i < problems->len; i++)
    g_printerr (_("limber: left a picture out: %s\n"), (const char *) problems->pdata[i]);
}

static void
add_line (LimberCliTable *table,
          const char     *id,
          const char     *name,
          guint           seconds,
          const char     *where)
{
  g_autofree char *duration = limber_format_duration (seconds);

  limber_cli_table_add (table, id, name, duration, where, NULL);
}

static int
list (LimberCatalogue *catalogue)
{
  GPtrArray *routines = limber_catalogue_get_routines (catalogue);
  GPtrArray *exercises = limber_catalogue_get_exercises (catalogue);
  const char *purposes[] = { N_("micro-break"), N_("rest break"), N_("daily") };
  g_autoptr (LimberCliTable) table = limber_cli_table_new ("llrl", "  ");
  g_autofree char *text = NULL;
  guint n_routines;

  /* One table for both lists, so that their columns line up. */
  for (guint i = 0; i < routines->len; i++)
    {
      LimberRoutine *routine = routines->pdata[i];

      add_line (table, routine->id, _(routine->name), limber_routine_duration_s (routine), _(purposes[routine->purpose]));
    }
  n_routines = routines->len;
  for (guint i = 0; i < exercises->len; i++)
    {
      LimberExercise *exercise = exercises->pdata[i];

      add_line (table, exercise->id, _(exercise->name), limber_exercise_duration_s (exercise, 0),
                limber_position_label (exercise->position));
    }
  text = limber_cli_table_format (table);

  /* The routines' lines, then the stretches'. */
  {
    const char *stretches = text;

    for (guint i = 0; i < n_routines; i++)
      stretches = strchr (stretches, '\n') + 1;
    g_print ("%s\n%.*s", _("Routines:"), (int) (stretches - text), text);
    g_print ("\n%s\n%s", _("Stretches:"), stretches);
  }

  g_print ("\n%s\n", _("“limber stretch ID” guides you through one of them."));
  return 0;
}

int
limber_cli_stretch (int    argc,
                    char **argv)
{
  g_autoptr (LimberCatalogue) catalogue = limber_catalogue_new ();
  g_autofree char *user_dir = limber_catalogue_user_dir ();
  g_autofree char *executable = NULL;
  g_autofree char *option = NULL;
  const char *id;

  if (argc > 3)
    {
      g_printerr (_("limber %s: unexpected argument “%s”\n"), argv[1], argv[3]);
      return 2;
    }

  limber_catalogue_load_defaults (catalogue, user_dir);
  print_problems (catalogue);

  if (argc == 2)
    return list (catalogue);

  id = argv[2];
  if (limber_catalogue_get_exercise (catalogue, id) == NULL && limber_catalogue_get_routine (catalogue, id) == NULL)
    {
      g_printerr (_("limber: there is no stretch or routine “%s”; “limber stretch” lists them\n"), id);
      return 2;
    }

  /* The window is the same program with an option; this process becomes
   * it, so that the shell waits for the stretch as for any command. */
  executable = limber_find_executable ("limber");
  option = g_strconcat ("--stretch=", id, NULL);
  execl (executable, executable, option, (char *) NULL);
  g_printerr (_("limber: cannot open the stretch window: %s\n"), g_strerror (errno));
  return 1;
}
