/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <signal.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "limber-test-util.h"

/* The daemon follows the sync folder: two computers simulated as two
 * data homes on this machine, each with its own journal, settings and
 * sync folder, and a sync tool simulated by copying files from one
 * folder to the other as Syncthing does (a temporary name, then a
 * rename). The real limber-daemon runs in home A only; home B uses the
 * command line. */

#define LIMBER_EXE LIMBER_BUILD_ROOT "/src/limber"
/* What the daemon may take at most to notice and run a pass: the quiet
 * spell is two seconds; the rest is room for a slow (sanitized) build. */
#define WITHIN_S 30

typedef struct
{
  char *root;
  char *data;
  char *config;
  char *state;
  char *folder;
} Home;

typedef struct
{
  char        *root;
  Home         a;
  Home         b;
  GSubprocess *daemon;
  char        *daemon_log;
} Fixture;

/* The settings of @home, in the key file its programs share: nobody
 * types here, and a daemon that saw its person leave would write that
 * to the journal, which makes a pass of its own; the longest idle
 * threshold puts that beyond the test. */
static void
write_settings (const Home *home)
{
  g_autofree char *dir = g_build_filename (home->config, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "[io/github/limberapp/Limber]\nidle-threshold=600\n", -1, &error);
  g_assert_no_error (error);
}

static void
home_init (Home       *home,
           const char *root,
           const char *name)
{
  home->root = g_build_filename (root, name, NULL);
  home->data = g_build_filename (home->root, "data", NULL);
  home->config = g_build_filename (home->root, "config", NULL);
  home->state = g_build_filename (home->root, "state", NULL);
  home->folder = g_build_filename (home->root, "sync", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home->data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home->config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home->state, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home->folder, 0700), ==, 0);
  write_settings (home);
}

static void
home_clear (Home *home)
{
  g_free (home->root);
  g_free (home->data);
  g_free (home->config);
  g_free (home->state);
  g_free (home->folder);
}

/* A launcher for a program of @home: its own data, settings (in a key
 * file, which every process of the home shares) and state. */
static GSubprocessLauncher *
home_launcher (const Home      *home,
               GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home->data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home->config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", home->state, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  return launcher;
}

/* Runs `limber ARGS…` in @home; it must succeed. Gives its output. */
static char *
run_limber (const Home *home,
            ...)
{
  g_autoptr (GSubprocessLauncher) launcher = home_launcher (home, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                  G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) LIMBER_EXE);
  va_start (args, home);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("limber %s failed: %s%s", (const char *) argv->pdata[1], out, err);
  return out;
}

/* The sync tool: copies every device's files from @from's folder into
 * @to's, each under a temporary name first and then renamed, as
 * Syncthing writes them. */
static void
copy_folder (const Home *from,
             const Home *to)
{
  g_autofree char *from_dir = g_build_filename (from->folder, "limber", NULL);
  g_autofree char *to_dir = g_build_filename (to->folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (from_dir, 0, NULL);
  const char *device;

  g_assert_nonnull (devices);
  while ((device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *device_from = g_build_filename (from_dir, device, NULL);
      g_autofree char *device_to = g_build_filename (to_dir, device, NULL);
      g_autoptr (GDir) files = g_dir_open (device_from, 0, NULL);
      const char *name;

      g_assert_nonnull (files);
      g_assert_cmpint (g_mkdir_with_parents (device_to, 0700), ==, 0);
      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *source = g_build_filename (device_from, name, NULL);
          g_autofree char *temporary_name = g_strdup_printf (".syncthing.%s.tmp", name);
          g_autofree char *temporary = g_build_filename (device_to, temporary_name, NULL);
          g_autofree char *target = g_build_filename (device_to, name, NULL);
          g_autofree char *contents = NULL;
          gsize length;
          g_autoptr (GError) error = NULL;

          g_file_get_contents (source, &contents, &length, &error);
          g_assert_no_error (error);
          g_file_set_contents (temporary, contents, length, &error);
          g_assert_no_error (error);
          g_assert_cmpint (g_rename (temporary, target), ==, 0);
        }
    }
}

static void
start_daemon (Fixture *fixture)
{
  g_autoptr (GSubprocessLauncher) launcher = home_launcher (&fixture->a, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_set_stdout_file_path (launcher, fixture->daemon_log);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "limber-daemon", TRUE);
  fixture->daemon = g_subprocess_launcher_spawn (launcher, &error, LIMBER_BUILD_DAEMON, NULL);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->root = g_dir_make_tmp ("limber-sync-daemon-XXXXXX", &error);
  g_assert_no_error (error);
  home_init (&fixture->a, fixture->root, "a");
  home_init (&fixture->b, fixture->root, "b");
  fixture->daemon_log = g_build_filename (fixture->root, "daemon.log", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->daemon != NULL)
    {
      g_autoptr (GError) error = NULL;

      g_subprocess_send_signal (fixture->daemon, SIGTERM);
      g_subprocess_wait (fixture->daemon, NULL, &error);
      g_assert_no_error (error);
      /* It ends as asked, not killed by a sanitizer or a fatal warning. */
      g_assert_true (g_subprocess_get_if_exited (fixture->daemon));
      g_assert_cmpint (g_subprocess_get_exit_status (fixture->daemon), ==, 0);
      g_clear_object (&fixture->daemon);
    }
  limber_test_remove_tree (fixture->root);
  home_clear (&fixture->a);
  home_clear (&fixture->b);
  g_free (fixture->root);
  g_free (fixture->daemon_log);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
  guint       count;
} Wanted;

static char *
read_log (Fixture *fixture)
{
  char *text = NULL;

  if (!g_file_get_contents (fixture->daemon_log, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint count = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    count++;
  return count;
}

/* The daemon's log holds @text at least @count times. */
static gboolean
log_has (gpointer user_data)
{
  Wanted *wanted = user_data;
  g_autofree char *log = read_log (wanted->fixture);

  return count_in (log, wanted->text) >= wanted->count;
}

static guint
log_count (Fixture    *fixture,
           const char *text)
{
  g_autofree char *log = read_log (fixture);

  return count_in (log, text);
}

/* Looks again and again until @condition holds, for WITHIN_S at most:
 * then the test fails, with the daemon's log to tell why. */
static void
wait_for (LimberTestCondition condition,
          Wanted             *wanted,
          const char         *what)
{
  gint64 deadline = g_get_monotonic_time () + WITHIN_S * G_USEC_PER_SEC;

  while (!condition (wanted))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = read_log (wanted->fixture);

          g_test_message ("The daemon’s log:\n%s", log);
          g_error ("Not within %d s: %s “%s”", WITHIN_S, what, wanted->text);
        }
      g_usleep (50 * 1000);
    }
}

static void
wait_for_log (Fixture    *fixture,
              const char *text,
              guint       count)
{
  Wanted wanted = { fixture, text, count };

  wait_for (log_has, &wanted, "the daemon’s log to say");
}

/* Home A's journal, as its export shows it, holds @text. */
static gboolean
journal_a_has (gpointer user_data)
{
  Wanted *wanted = user_data;
  g_autofree char *json = run_limber (&wanted->fixture->a, "export", "--format", "json", NULL);

  return strstr (json, wanted->text) != NULL;
}

/* A change file in home A's folder holds @text. */
static gboolean
folder_a_has (gpointer user_data)
{
  Wanted *wanted = user_data;
  g_autofree char *limber_dir = g_build_filename (wanted->fixture->a.folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (limber_dir, 0, NULL);
  const char *device;

  while (devices != NULL && (device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *device_dir = g_build_filename (limber_dir, device, NULL);
      g_autoptr (GDir) files = g_dir_open (device_dir, 0, NULL);
      const char *name;

      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (device_dir, name, NULL);
          g_autofree char *contents = NULL;

          if (g_str_has_suffix (name, ".jsonl") && g_file_get_contents (path, &contents, NULL, NULL) &&
              strstr (contents, wanted->text) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

#define PASS_DONE "Sync pass through "
#define PASS_IDLE ": 0 added, 0 updated, 0 deleted, 0 written, 0 waiting\n"

/* After what it had to do, the daemon ends with a pass that found
 * nothing, and then runs no more: its own writes to the journal and the
 * folder do not make it run again and again. The quiet spell is two
 * seconds; three of them pass without a pass. */
static void
assert_settles (Fixture *fixture)
{
  guint idle_passes = log_count (fixture, PASS_IDLE);
  guint passes;

  wait_for_log (fixture, PASS_IDLE, idle_passes + 1);
  passes = log_count (fixture, PASS_DONE);
  for (guint i = 0; i < 6; i++)
    {
      g_usleep (G_USEC_PER_SEC);
      g_assert_cmpuint (log_count (fixture, PASS_DONE), ==, passes);
    }
}

static void
test_follows_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *kept = g_build_filename (fixture->a.root, "sync-kept", NULL);
  g_autofree char *paused = g_strdup_printf ("Sync is paused: the folder %s is missing", fixture->a.folder);
  g_autofree char *out = NULL;
  Wanted from_b = { fixture, "Logged on the computer at home", 0 };
  Wanted from_a = { fixture, "Logged on the computer at work", 0 };
  Wanted again_b = { fixture, "Logged at home after the pause", 0 };
  Wanted again_a = { fixture, "Logged at work after the pause", 0 };

  /* Home A syncs through its folder, then its daemon starts and makes
   * its first pass. */
  g_free (run_limber (&fixture->a, "sync", "--folder", fixture->a.folder, NULL));
  start_daemon (fixture);
  wait_for_log (fixture, PASS_DONE, 1);

  /* Home B logs a day and writes it to its folder; the sync tool brings
   * it to A's. A's journal has it, without a command run in A. */
  g_free (run_limber (&fixture->b, "log", "6", "--note", from_b.text, NULL));
  g_free (run_limber (&fixture->b, "sync", "--folder", fixture->b.folder, NULL));
  g_assert_false (journal_a_has (&from_b));
  copy_folder (&fixture->b, &fixture->a);
  wait_for (journal_a_has, &from_b, "A’s journal to hold");

  /* Home A logs a day while its daemon runs: the daemon writes it to A's
   * folder. */
  g_assert_false (folder_a_has (&from_a));
  g_free (run_limber (&fixture->a, "log", "3", "--date", "2026-01-05", "--note", from_a.text, NULL));
  wait_for (folder_a_has, &from_a, "A’s folder to hold");
  assert_settles (fixture);

  /* The folder goes (a disk unmounted, a sync tool stopped): sync
   * pauses, and says so once. */
  g_assert_cmpint (g_rename (fixture->a.folder, kept), ==, 0);
  wait_for_log (fixture, paused, 1);
  /* A day logged meanwhile stays in the journal. */
  g_free (run_limber (&fixture->a, "log", "4", "--date", "2026-01-06", "--note", again_a.text, NULL));

  /* It comes back: sync resumes, and writes what was logged meanwhile. */
  g_assert_cmpint (g_rename (kept, fixture->a.folder), ==, 0);
  wait_for_log (fixture, "Sync resumed: the folder ", 1);
  wait_for (folder_a_has, &again_a, "A’s folder to hold");
  g_assert_cmpuint (log_count (fixture, paused), ==, 1);

  /* And it still follows the other computer. */
  g_free (run_limber (&fixture->b, "log", "5", "--date", "2026-01-07", "--note", again_b.text, NULL));
  g_free (run_limber (&fixture->b, "sync", "now", NULL));
  copy_folder (&fixture->b, &fixture->a);
  wait_for (journal_a_has, &again_b, "A’s journal to hold");
  assert_settles (fixture);

  /* Once the sync tool copies A's files to B's folder, B's journal
   * holds the days A logged, the one logged while paused too. */
  copy_folder (&fixture->a, &fixture->b);
  g_free (run_limber (&fixture->b, "sync", "now", NULL));
  out = run_limber (&fixture->b, "export", "--format", "json", NULL);
  g_assert_nonnull (strstr (out, from_a.text));
  g_assert_nonnull (strstr (out, again_a.text));
}

/* Copies B's change files into A's folder as a sync tool's conflict
 * copies of them, “2026-11.sync-conflict-20261130-101010-ABCDEFG.jsonl”. */
static void
copy_as_conflict (Fixture *fixture)
{
  g_autofree char *b_dir = g_build_filename (fixture->b.folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (b_dir, 0, NULL);
  const char *device;
  g_autofree char *from_dir = NULL;
  g_autoptr (GDir) files = NULL;
  const char *name;
  guint copied = 0;

  g_assert_nonnull (devices);
  device = g_dir_read_name (devices);
  g_assert_nonnull (device);
  from_dir = g_build_filename (b_dir, device, NULL);
  files = g_dir_open (from_dir, 0, NULL);
  g_assert_nonnull (files);
  while ((name = g_dir_read_name (files)) != NULL)
    {
      g_autofree char *source = g_build_filename (from_dir, name, NULL);
      g_autofree char *month = NULL;
      g_autofree char *conflict_name = NULL;
      g_autofree char *target = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr (GError) error = NULL;

      if (!g_str_has_suffix (name, ".jsonl"))
        continue;
      month = g_strndup (name, strlen (name) - strlen (".jsonl"));
      conflict_name = g_strdup_printf ("%s.sync-conflict-20261130-101010-ABCDEFG.jsonl", month);
      target = g_build_filename (fixture->a.folder, "limber", device, conflict_name, NULL);
      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (target, contents, length, &error);
      g_assert_no_error (error);
      copied++;
    }
  g_assert_cmpuint (copied, >, 0);
}

/* Appends a whole line with a wrong checksum to a change file of B's
 * in A's folder, as a sync tool that garbled it would leave it. */
static void
write_damaged_line (Fixture *fixture)
{
  g_autofree char *b_dir = g_build_filename (fixture->b.folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (b_dir, 0, NULL);
  const char *device;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  const char *line = "0badc0de {\"device\":\"garbled\",\"seq\":99}\n";

  g_assert_nonnull (devices);
  device = g_dir_read_name (devices);
  g_assert_nonnull (device);
  path = g_build_filename (fixture->a.folder, "limber", device, "2026-01.jsonl", NULL);
  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (stream), line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
}

/* Sync turned on and off while the daemon runs: it follows the setting,
 * and once off, changes in the folder and the journal make no pass. */
static void
test_follows_setting (Fixture       *fixture,
                      gconstpointer  data)
{
  Wanted from_b = { fixture, "Logged on the computer at home", 0 };
  Wanted in_conflict = { fixture, "Logged at home, copied in conflict", 0 };
  guint passes;

  start_daemon (fixture);
  /* The daemon runs, without sync: a command answers it. */
  g_free (run_limber (&fixture->a, "log", "2", "--date", "2026-01-04", NULL));
  g_free (run_limber (&fixture->b, "log", "6", "--note", from_b.text, NULL));
  g_free (run_limber (&fixture->b, "sync", "--folder", fixture->b.folder, NULL));

  /* Turned on: the daemon follows the folder from then on, and brings
   * B's day in once the sync tool has copied it. */
  g_free (run_limber (&fixture->a, "sync", "--folder", fixture->a.folder, NULL));
  wait_for_log (fixture, "Sync through ", 1);
  wait_for_log (fixture, PASS_DONE, 1);
  g_assert_false (journal_a_has (&from_b));
  copy_folder (&fixture->b, &fixture->a);
  wait_for (journal_a_has, &from_b, "A’s journal to hold");
  assert_settles (fixture);

  /* The sync tool leaves B's newer file as a conflict copy beside the
   * one A has: it is read like any other. */
  g_free (run_limber (&fixture->b, "log", "1", "--date", "2026-01-09", "--note", in_conflict.text, NULL));
  g_free (run_limber (&fixture->b, "sync", "now", NULL));
  copy_as_conflict (fixture);
  wait_for (journal_a_has, &in_conflict, "A’s journal to hold");
  assert_settles (fixture);

  /* A damaged line in B's files (a sync tool that garbled it) is named
   * in the log, once, and skipped. */
  write_damaged_line (fixture);
  wait_for_log (fixture, "Sync skipped what is damaged", 1);
  assert_settles (fixture);
  g_assert_cmpuint (log_count (fixture, "Sync skipped what is damaged"), ==, 1);

  /* Turned off: the daemon stops following. */
  g_free (run_limber (&fixture->a, "sync", "off", NULL));
  wait_for_log (fixture, "Sync is off", 1);
  passes = log_count (fixture, PASS_DONE);
  g_free (run_limber (&fixture->a, "log", "7", "--date", "2026-01-08", NULL));
  copy_folder (&fixture->b, &fixture->a);
  for (guint i = 0; i < 4; i++)
    {
      g_usleep (G_USEC_PER_SEC);
      g_assert_cmpuint (log_count (fixture, PASS_DONE), ==, passes);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-daemon/follows-folder", Fixture, NULL,
              fixture_set_up, test_follows_folder, fixture_tear_down);
  g_test_add ("/sync-daemon/follows-setting", Fixture, NULL,
              fixture_set_up, test_follows_setting, fixture_tear_down);

  return g_test_run ();
}
