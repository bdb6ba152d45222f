/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-data-home.h"
#include "bench-report.h"

/* `limber log`, `limber trend`, `limber journal` and `limber setup` as
 * whole processes on a ten-year journal, against `limber help` measured
 * in the same run: each run is posix_spawn of the built `limber` until
 * waitpid returns, timed with the monotonic clock. Each round runs the five commands once,
 * in an order that rotates from round to round so that the machine's
 * drift falls on all of them alike. Make the journal first, then run:
 *
 *   build/bench/bench-journal DIR
 *   build/bench/bench-cli DIR [ROUNDS] [LIMBER]
 *
 * ROUNDS defaults to 40, LIMBER to the build's src/limber. DIR is never
 * written: the commands get a copy of DIR/journal.db in an XDG_DATA_HOME
 * of their own (`limber log 4` replaces today's entry there each time).
 * They also get DBUS_SESSION_BUS_ADDRESS naming a socket that does not
 * exist and no DISPLAY or WAYLAND_DISPLAY: these commands never reach the
 * daemon, and nothing they load can find, start or autolaunch a bus.
 * GSETTINGS_SCHEMA_DIR and GSETTINGS_BACKEND pass through: without a
 * schema, as from a build tree, the commands read no settings.
 */

#define DEFAULT_ROUNDS 40
#define BUDGET_MS      15.0
#define BUDGET_OF_HELP 2.0

typedef struct
{
  const char  *name;
  const char  *argv[10];
  gboolean     budgeted;
  GArray      *samples_ms;
} Command;

static Command commands[] = {
  { "help",                { "limber", "help", NULL },                     FALSE },
  { "log 4",               { "limber", "log", "4", NULL },                 TRUE },
  { "trend --weeks 12",    { "limber", "trend", "--weeks", "12", NULL },   TRUE },
  { "journal --days 30",   { "limber", "journal", "--days", "30", NULL },  TRUE },
  { "setup --preset ...",   { "limber", "setup", "--preset", "balanced", "--regions", "neck,mid-back",
                              "--log-time", "19:00", "--no-autostart", NULL }, TRUE },
};

/* Runs @command once with stdout thrown away and stderr appended to
 * @stderr_path; returns the wall time from spawn to reaped exit. */
static double
run_once (const char  *limber,
          Command     *command,
          char       **envp,
          const char  *stderr_path)
{
  posix_spawn_file_actions_t actions;
  gint64 start_us, end_us;
  pid_t pid;
  int status, rc;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDERR_FILENO, stderr_path, O_WRONLY | O_CREAT | O_APPEND, 0600);

  start_us = g_get_monotonic_time ();
  rc = posix_spawn (&pid, limber, &actions, NULL, (char **) command->argv, envp);
  if (rc != 0)
    g_error ("Cannot start %s: %s", limber, g_strerror (rc));
  while (waitpid (pid, &status, 0) < 0)
    {
      if (errno != EINTR)
        g_error ("waitpid: %s", g_strerror (errno));
    }
  end_us = g_get_monotonic_time ();
  posix_spawn_file_actions_destroy (&actions);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *errors = NULL;

      g_file_get_contents (stderr_path, &errors, NULL, NULL);
      g_printerr ("limber %s failed (status %d):\n%s\n", command->name, status, errors ? errors : "");
      exit (1);
    }

  return (end_us - start_us) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_path = NULL;
  g_autofree char *limber = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *stderr_path = NULL;
  g_autofree char *no_bus = NULL;
  g_autofree char *errors = NULL;
  g_auto (GStrv) envp = NULL;
  GString *first_runs = g_string_new (NULL);
  LimberBenchFigures help;
  guint rounds = DEFAULT_ROUNDS;
  GStatBuf st;
  const struct { const char *variable, *folder; } xdg_homes[] = {
    { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  if (argc > 1)
    journal_path = g_build_filename (argv[1], "journal.db", NULL);
  if (journal_path == NULL || !g_file_test (journal_path, G_FILE_TEST_IS_REGULAR))
    {
      /* A ten-year journal takes a while to make: bench-journal does it once. */
      g_printerr ("No DIR/journal.db: make one first with bench-journal DIR, then run bench-cli DIR [ROUNDS] [LIMBER]\n");
      return 2;
    }
  if (argc > 2)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, 100000, &value, NULL))
        {
          g_printerr ("ROUNDS: “%s” is not a number of rounds\n", argv[2]);
          return 2;
        }
      rounds = (guint) value;
    }
  limber = g_strdup (argc > 3 ? argv[3] : LIMBER_BUILD_ROOT "/src/limber");
  if (!g_file_test (limber, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("No limber at %s: build it first, or give its path as LIMBER\n", limber);
      return 2;
    }

  /* Homes of the commands' own: the copied journal and nothing else. */
  data_home = limber_bench_data_home_new (argv[1], &error);
  g_assert_no_error (error);
  copy_path = g_build_filename (data_home, "limber", "journal.db", NULL);
  home = g_dir_make_tmp ("limber-bench-cli-XXXXXX", &error);
  g_assert_no_error (error);
  stderr_path = g_build_filename (home, "stderr", NULL);
  no_bus = g_strdup_printf ("unix:path=%s/no-session-bus", home);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_homes); i++)
    {
      g_autofree char *path = g_build_filename (home, xdg_homes[i].folder, NULL);

      envp = g_environ_setenv (envp, xdg_homes[i].variable, path, TRUE);
    }
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_assert_cmpint (g_stat (copy_path, &st), ==, 0);
  g_print ("limber as a whole process, ten-year journal, %u interleaved rounds\n", rounds);
  g_print ("  limber:   %s\n", limber);
  g_print ("  journal:  copy of %s (%.1f MiB) in XDG_DATA_HOME=%s\n", journal_path, st.st_size / 1048576.0, data_home);
  g_print ("  no bus:   DBUS_SESSION_BUS_ADDRESS=%s, no DISPLAY or WAYLAND_DISPLAY\n", no_bus);
  g_print ("  settings: GSETTINGS_SCHEMA_DIR=%s GSETTINGS_BACKEND=%s\n",
           g_environ_getenv (envp, "GSETTINGS_SCHEMA_DIR") != NULL ? g_environ_getenv (envp, "GSETTINGS_SCHEMA_DIR") : "(unset)",
           g_environ_getenv (envp, "GSETTINGS_BACKEND") != NULL ? g_environ_getenv (envp, "GSETTINGS_BACKEND") : "(unset)");

  /* One round first, not counted: it fills the page cache and does any
   * work done once a day, such as a backup of the journal. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      commands[i].samples_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_string_append_printf (first_runs, "%s%s %.1f ms", i > 0 ? ", " : "", commands[i].name,
                              run_once (limber, &commands[i], envp, stderr_path));
    }
  g_print ("  first round, not counted: %s\n", first_runs->str);
  g_string_free (first_runs, TRUE);

  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          Command *command = &commands[(round + i) % G_N_ELEMENTS (commands)];
          double ms = run_once (limber, command, envp, stderr_path);

          g_array_append_val (command->samples_ms, ms);
        }
    }

  limber_bench_figures (commands[0].samples_ms, &help);
  g_print ("  %-24s %10s %10s %10s %8s\n", "", "median", "p90", "min", "x help");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *what = g_strdup_printf ("limber %s", commands[i].name);
      LimberBenchFigures figures;
      double of_help;

      limber_bench_figures (commands[i].samples_ms, &figures);
      of_help = figures.median_ms / help.median_ms;
      g_print ("  %-24s %7.2f ms %7.2f ms %7.2f ms %7.2fx", what,
               figures.median_ms, figures.p90_ms, figures.min_ms, of_help);
      if (commands[i].budgeted)
        g_print ("  %s (budget %.0f ms and %.0fx help)\n",
                 figures.median_ms < BUDGET_MS && of_help <= BUDGET_OF_HELP ? "PASS" : "OVER",
                 BUDGET_MS, BUDGET_OF_HELP);
      else
        g_print ("\n");
      g_array_unref (commands[i].samples_ms);
    }

  /* Warnings the commands printed, such as a failed backup, say the
   * figures may not be what a person gets. */
  if (g_file_get_contents (stderr_path, &errors, NULL, NULL) && errors[0] != '\0')
    g_print ("  the commands wrote to stderr:\n%s", errors);

  limber_bench_remove_folder (data_home);
  limber_bench_remove_folder (home);

  return 0;
}
