/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "limber-daemon-client.h"
#include "limber-journal-backup.h"
#include "limber-journal-keeper.h"
#include "limber-test-util.h"

/* The real limber-daemon and the real command line on a journal under
 * faults, as a person's desktop meets them: the disk full when the daemon
 * starts and full in the middle of a session (a small tmpfs in the test's
 * own mount namespace), another process holding the write lock for longer
 * than SQLite waits, a repair by the command line while the daemon
 * writes, several days of one daemon run (libfaketime), and new journals
 * opened by several processes at once. Each time every break the daemon
 * confirmed over D-Bus ends in the journal file at the journal's path.
 *
 * The daemon is this test's child rather than started by D-Bus, so that
 * it sees the tmpfs mounted in this test's namespace. */

#define LIMBER_EXE LIMBER_BUILD_ROOT "/src/limber"

typedef struct
{
  GDBusConnection *bus;
  GSubprocess     *daemon;
  LimberBreaks    *breaks;
  char            *data_dir;
  char            *path;
  /* Where the daemon's libfaketime reads the time, or NULL. */
  char            *faketime_file;
  gboolean         mounted;
  /* A folder or file mounted read-only over itself, or NULL. */
  char            *read_only;
  /* When set before start_daemon(): the daemon's messages are kept in
   * @daemon_said instead of going to the test's own. */
  gboolean         hear_daemon;
  GString         *daemon_said;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->bus = limber_test_get_bus ();
  fixture->data_dir = g_build_filename (g_get_user_data_dir (), "limber", NULL);
  fixture->path = g_build_filename (fixture->data_dir, "journal.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->data_dir, 0700), ==, 0);
}

static void
stop_daemon (Fixture *fixture)
{
  if (fixture->daemon == NULL)
    return;
  g_clear_object (&fixture->breaks);
  limber_test_quit_daemon (fixture->bus);
  g_subprocess_wait (fixture->daemon, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (fixture->daemon));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->daemon), ==, 0);
  g_clear_object (&fixture->daemon);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  stop_daemon (fixture);
  if (fixture->read_only != NULL)
    umount2 (fixture->read_only, MNT_DETACH);
  g_free (fixture->read_only);
  if (fixture->daemon_said != NULL)
    g_string_free (fixture->daemon_said, TRUE);
  if (fixture->mounted)
    umount2 (fixture->data_dir, MNT_DETACH);
  limber_test_remove_tree (fixture->data_dir);
  g_clear_object (&fixture->bus);
  g_free (fixture->data_dir);
  g_free (fixture->path);
  if (fixture->faketime_file != NULL)
    g_unlink (fixture->faketime_file);
  g_free (fixture->faketime_file);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
daemon_up (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autoptr (GError) error = NULL;

  fixture->breaks = limber_daemon_connect_sync (fixture->bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  if (error != NULL)
    g_debug ("Not yet: %s", error->message);
  return fixture->breaks != NULL;
}

static void
start_daemon (Fixture *fixture)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (fixture->hear_daemon
                                                                          ? G_SUBPROCESS_FLAGS_STDERR_PIPE
                                                                          : G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (fixture->faketime_file != NULL)
    {
      g_autofree char *preload = limber_test_faketime_preload ();

      g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", preload, TRUE);
      g_subprocess_launcher_setenv (launcher, "FAKETIME_TIMESTAMP_FILE", fixture->faketime_file, TRUE);
      g_subprocess_launcher_setenv (launcher, "FAKETIME_NO_CACHE", "1", TRUE);
      /* Timers keep real time; only the wall clock jumps from day to day. */
      g_subprocess_launcher_setenv (launcher, "DONT_FAKE_MONOTONIC", "1", TRUE);
    }
  fixture->daemon = g_subprocess_launcher_spawn (launcher, &error, LIMBER_BUILD_DAEMON, NULL);
  g_assert_no_error (error);

  limber_test_poll_until (daemon_up, fixture, 20);
  /* A frozen main loop would make these calls time out. */
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (fixture->breaks), 3000);
}

typedef struct
{
  Fixture    *fixture;
  const char *awaited;
} DaemonSaid;

static gboolean
daemon_said (gpointer user_data)
{
  DaemonSaid *wait = user_data;
  GPollableInputStream *stream = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stderr_pipe (wait->fixture->daemon));
  char buffer[4096];
  gssize n;

  if (wait->fixture->daemon_said == NULL)
    wait->fixture->daemon_said = g_string_new (NULL);
  while ((n = g_pollable_input_stream_read_nonblocking (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (wait->fixture->daemon_said, buffer, n);
  return strstr (wait->fixture->daemon_said->str, wait->awaited) != NULL;
}

/* Waits until the daemon started with @hear_daemon has said @awaited. */
static void
wait_for_daemon_to_say (Fixture    *fixture,
                        const char *awaited)
{
  DaemonSaid wait = { fixture, awaited };

  g_assert_true (fixture->hear_daemon);
  limber_test_poll_until (daemon_said, &wait, 30);
  g_test_message ("The daemon said: %s", fixture->daemon_said->str);
}

/* A break taken from start to end, as End Break does; the daemon
 * confirms it by answering. */
static void
take_breaks (Fixture *fixture,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;

      limber_breaks_call_break_now_sync (fixture->breaks, "micro", G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      limber_breaks_call_break_finished_sync (fixture->breaks, TRUE, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
    }
}

/* How many break events the file at @path holds; 0 when it cannot be
 * read. */
static int
count_breaks (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int n = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM break_event", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    n = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return n;
}

typedef struct
{
  const char *path;
  int         n;
} CountWait;

static gboolean
breaks_stored (gpointer user_data)
{
  CountWait *wait = user_data;

  return count_breaks (wait->path) == wait->n;
}

/* The daemon retries with a back-off of up to a minute. */
static void
wait_for_breaks (const char *path,
                 int         n)
{
  CountWait wait = { path, n };

  limber_test_poll_until (breaks_stored, &wait, 90);
}

typedef struct
{
  LimberBreaks *breaks;
  guint         n;
} PendingWait;

static guint
pending (LimberBreaks *breaks)
{
  GVariant *value = limber_breaks_get_pending_writes (breaks);
  guint n = 0;

  if (value != NULL)
    g_variant_get (value, "(u&s)", &n, NULL);
  return n;
}

static gboolean
pending_is (gpointer user_data)
{
  PendingWait *wait = user_data;

  return pending (wait->breaks) == wait->n;
}

static void
wait_pending (Fixture *fixture,
              guint    n)
{
  PendingWait wait = { fixture->breaks, n };

  limber_test_wait_until (pending_is, &wait, 60);
}

static char *
run_limber (int          expected_status,
            const char  *first,
            ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) LIMBER_EXE);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  status = limber_test_run ((const char * const *) argv->pdata, NULL, &out, &err);
  if (status != expected_status)
    g_error ("limber %s exited with %d, not %d: %s%s", first, status, expected_status, out, err);
  /* What it said on stderr matters as much. */
  {
    char *both = g_strconcat (out, err, NULL);

    g_free (out);
    return both;
  }
}

static gboolean
mount_small_disk (Fixture *fixture,
                  guint    kib)
{
  fixture->mounted = limber_test_mount_small_disk (fixture->data_dir, kib);
  return fixture->mounted;
}

static void
test_disk_full_at_start (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *filler = NULL;
  g_autofree char *status = NULL;

  /* Room for a new journal and its WAL (schema 5's is 33 pages, twice
   * over) once the filler goes. */
  if (!mount_small_disk (fixture, 384))
    return;
  filler = limber_test_fill_disk (fixture->data_dir);

  start_daemon (fixture);
  take_breaks (fixture, 3);
  wait_pending (fixture, 3);

  /* The person can see that they wait, and why. */
  status = run_limber (0, "status", NULL);
  g_assert_nonnull (strstr (status, "Journal: 3 changes wait to be saved. The disk is full"));

  /* Space again: stored without a restart, and nothing is left waiting. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  wait_for_breaks (fixture->path, 3);
  wait_pending (fixture, 0);
  g_clear_pointer (&status, g_free);
  status = run_limber (0, "status", NULL);
  g_assert_nonnull (strstr (status, "Journal: everything is saved"));
}

static void
test_disk_fills (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *filler = NULL;

  if (!mount_small_disk (fixture, 1024))
    return;

  start_daemon (fixture);
  take_breaks (fixture, 2);
  wait_for_breaks (fixture->path, 2);

  filler = limber_test_fill_disk (fixture->data_dir);
  take_breaks (fixture, 3);
  wait_pending (fixture, 3);

  g_assert_cmpint (g_unlink (filler), ==, 0);
  take_breaks (fixture, 2);
  wait_for_breaks (fixture->path, 7);
  wait_pending (fixture, 0);
}

/* A lock held for longer than SQLite waits, as a large import holds it:
 * the daemon answers at once all along, and stores the breaks after. */
static void
test_held_lock (Fixture       *fixture,
                gconstpointer  user_data)
{
  sqlite3 *lock = NULL;

  start_daemon (fixture);
  take_breaks (fixture, 1);
  wait_for_breaks (fixture->path, 1);

  g_assert_cmpint (sqlite3_open (fixture->path, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Each call times out after 3 s; one write waits 5 s for the lock. */
  take_breaks (fixture, 3);
  wait_pending (fixture, 3);

  g_assert_cmpint (sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (lock);
  wait_for_breaks (fixture->path, 4);
  wait_pending (fixture, 0);
}

/* The command line finds the journal damaged and repairs it while the
 * daemon has it open: what the daemon confirmed before is restored or
 * recovered, and what it confirms after goes into the repaired file, not
 * into the one moved aside. */
static void
test_repair_while_daemon_writes (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *logged = NULL;
  g_autofree char *listed = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autofree char *damaged = NULL;
  const char *name;

  logged = run_limber (0, "log", "4", "--date", "2026-11-20", NULL);
  {
    g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();

    g_assert_no_error (error);
    g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-29", now, &error));
    g_assert_no_error (error);
  }

  start_daemon (fixture);
  /* After the backup: only the journal file holds these. */
  take_breaks (fixture, 2);
  wait_for_breaks (fixture->path, 2);

  limber_test_damage_table (fixture->path, "pain_entry");
  listed = run_limber (0, "journal", "--days", "30000", NULL);
  g_assert_nonnull (strstr (listed, "The journal was damaged and has been restored"));
  g_assert_nonnull (strstr (listed, "2 entries were recovered"));
  g_assert_nonnull (strstr (listed, "2026-11-20"));

  take_breaks (fixture, 2);
  wait_for_breaks (fixture->path, 4);
  wait_pending (fixture, 0);

  /* The damaged file is kept, and holds none of the later breaks. */
  dir = g_dir_open (fixture->data_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "journal.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
          !g_str_has_suffix (name, "-shm"))
        damaged = g_build_filename (fixture->data_dir, name, NULL);
    }
  g_assert_nonnull (damaged);
  g_assert_cmpint (count_breaks (damaged), ==, 2);
}

static void
write_fake_time (Fixture    *fixture,
                 const char *when)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_strdup_printf ("@%s\n", when);

  g_file_set_contents (fixture->faketime_file, line, -1, &error);
  g_assert_no_error (error);
}

static guint
count_daily_backups (Fixture *fixture,
                     GPtrArray *days)
{
  g_autoptr (GPtrArray) backups = limber_journal_backup_list (fixture->path);
  guint n = 0;

  for (guint i = 0; i < backups->len; i++)
    {
      LimberBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, "daily") == 0)
        {
          n++;
          if (days != NULL)
            g_ptr_array_add (days, g_strdup (info->made_day));
        }
    }
  return n;
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} BackupWait;

static gboolean
backups_made (gpointer user_data)
{
  BackupWait *wait = user_data;

  return count_daily_backups (wait->fixture, NULL) == wait->n;
}

/* One daemon, running for three days: a backup each day at the rollover,
 * each holding everything up to it. */
static void
test_backups_every_day (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *preload = limber_test_faketime_preload ();
  static const char *days[] = { "2026-12-01 10:00:00", "2026-12-02 10:00:00", "2026-12-03 10:00:00", "2026-12-04 10:00:00" };
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_free);

  if (preload == NULL)
    {
      g_test_skip ("No libfaketime");
      return;
    }

  fixture->faketime_file = g_build_filename (g_get_tmp_dir (), "limber-faketime", NULL);
  write_fake_time (fixture, days[0]);
  start_daemon (fixture);
  take_breaks (fixture, 1);
  wait_for_breaks (fixture->path, 1);

  for (guint i = 1; i < G_N_ELEMENTS (days); i++)
    {
      BackupWait wait = { fixture, i };

      write_fake_time (fixture, days[i]);
      /* The next break the daemon handles sees the new day. */
      take_breaks (fixture, 1);
      limber_test_poll_until (backups_made, &wait, 30);
    }
  wait_for_breaks (fixture->path, 4);

  g_assert_cmpuint (count_daily_backups (fixture, made), ==, 3);
  {
    g_autoptr (GPtrArray) backups = limber_journal_backup_list (fixture->path);

    /* Newest first; each covers the breaks of the days before it. */
    for (guint i = 0; i < backups->len; i++)
      {
        LimberBackupInfo *info = g_ptr_array_index (backups, i);

        g_assert_cmpint (count_breaks (info->path), >=, 3 - (int) i);
      }
  }
  g_unlink (fixture->faketime_file);
}

/* Several processes creating a new journal at the same moment, as the
 * daemon and the window do at the first login: one creates the tables,
 * the others find them. */
static void
test_concurrent_first_opens (Fixture       *fixture,
                             gconstpointer  user_data)
{
  for (guint round = 0; round < 10; round++)
    {
      GSubprocess *logs[4];

      limber_test_remove_tree (fixture->data_dir);
      for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *day = g_strdup_printf ("2026-11-%02u", 10 + i);

          logs[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                      LIMBER_EXE, "log", "3", "--date", day, NULL);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
        {
          g_autoptr (GError) error = NULL;

          g_subprocess_wait_check (logs[i], NULL, &error);
          g_assert_no_error (error);
          g_object_unref (logs[i]);
        }

      {
        g_autoptr (GError) error = NULL;
        g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);

        g_assert_no_error (error);
        g_assert_cmpint (limber_journal_count (journal, "pain_entry", &error), ==, 4);
      }
    }
}

static gboolean
mount_read_only (Fixture    *fixture,
                 const char *path)
{
  if (!limber_test_mount_read_only (path))
    return FALSE;
  fixture->read_only = g_strdup (path);
  return TRUE;
}

static void
unmount_read_only (Fixture *fixture)
{
  limber_test_unmount (fixture->read_only);
  g_clear_pointer (&fixture->read_only, g_free);
}

/* Two days logged, as a person would have them; the journal as JSON. */
static char *
log_two_days (void)
{
  g_free (run_limber (0, "log", "4", "--date", "2026-11-20", "--note", "Stiff after the drive", NULL));
  g_free (run_limber (0, "log", "2", "--date", "2026-11-21", NULL));
  return run_limber (0, "export", "--format", "json", NULL);
}

static void
assert_no_saving (const char *said)
{
  if (strstr (said, "sav") != NULL)
    g_error ("A command that only reads talks about saving: %s", said);
}

/* The commands that only read show everything there is, and say nothing
 * about saving: `limber journal`, `limber trend`, `limber export` to the
 * terminal and to a file elsewhere, which is the person's alone. */
static void
assert_reading_works (const char *expected_json)
{
  g_autofree char *listed = run_limber (0, "journal", "--days", "30000", NULL);
  g_autofree char *json = run_limber (0, "export", "--format", "json", NULL);
  g_autofree char *trend = run_limber (0, "trend", "--weeks", "2", NULL);
  g_autofree char *file = g_build_filename (g_get_tmp_dir (), "exported.csv", NULL);
  g_autofree char *exported = run_limber (0, "export", file, NULL);
  g_autofree char *csv = NULL;
  GStatBuf st;

  g_assert_nonnull (strstr (listed, "2026-11-20"));
  g_assert_nonnull (strstr (listed, "Stiff after the drive"));
  g_assert_nonnull (strstr (listed, "2026-11-21"));
  assert_no_saving (listed);
  g_assert_cmpstr (json, ==, expected_json);
  g_assert_true (g_str_has_prefix (trend, "Week of"));
  assert_no_saving (trend);
  g_assert_cmpstr (exported, ==, "");
  g_assert_true (g_file_get_contents (file, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "Stiff after the drive"));
  g_assert_no_errno (g_lstat (file, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_unlink (file);
}

/* The journal's folder is read-only (a read-only disk; root ignores
 * modes, so a read-only mount stands for `chmod 0500`): everything that
 * only reads works, `limber status` too with the daemon running, and
 * `limber log` says the journal cannot be written. The daemon goes on
 * running through the day's upkeep, which cannot back up there: started
 * two seconds before the day's rollover, it meets it at once. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *preload = limber_test_faketime_preload ();
  g_autofree char *expected = log_two_days ();
  g_autofree char *logged = NULL;
  g_autofree char *status = NULL;

  if (!mount_read_only (fixture, fixture->data_dir))
    return;

  assert_reading_works (expected);

  logged = run_limber (1, "log", "3", NULL);
  g_assert_nonnull (strstr (logged, "cannot be written"));
  g_assert_nonnull (strstr (logged, fixture->path));

  if (preload != NULL)
    {
      fixture->faketime_file = g_build_filename (g_get_tmp_dir (), "limber-faketime", NULL);
      write_fake_time (fixture, "2026-12-01 03:59:58");
    }
  else
    g_test_message ("No libfaketime: the day's upkeep is not met");
  fixture->hear_daemon = TRUE;
  start_daemon (fixture);
  if (preload != NULL)
    {
      wait_for_daemon_to_say (fixture, "Journal upkeep: ");
      g_assert_nonnull (strstr (fixture->daemon_said->str, "Read-only file system"));
    }
  status = run_limber (0, "status", NULL);
  g_assert_nonnull (strstr (status, "Journal: everything is saved"));
  stop_daemon (fixture);

  /* Nothing was made in the folder meanwhile, and nothing is lost. */
  unmount_read_only (fixture);
  g_clear_pointer (&logged, g_free);
  logged = run_limber (0, "export", "--format", "json", NULL);
  g_assert_cmpstr (logged, ==, expected);
}

/* The journal file itself is read-only: the same. */
static void
test_read_only_journal (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *expected = log_two_days ();
  g_autofree char *logged = NULL;

  if (!mount_read_only (fixture, fixture->path))
    return;

  assert_reading_works (expected);
  logged = run_limber (1, "log", "3", NULL);
  g_assert_nonnull (strstr (logged, "cannot be written"));
}

/* The journal's disk is full: reading needs no space, and `limber log`
 * says the disk is full. */
static void
test_read_on_full_disk (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *expected = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *logged = NULL;

  /* Room for the journal and its WAL (see test_disk_full_at_start). */
  if (!mount_small_disk (fixture, 384))
    return;
  expected = log_two_days ();
  filler = limber_test_fill_disk (fixture->data_dir);

  assert_reading_works (expected);
  logged = run_limber (1, "log", "3", NULL);
  g_assert_nonnull (strstr (logged, "The disk is full"));

  /* Space again: the journal is as it was, and takes writes. */
  g_assert_no_errno (g_unlink (filler));
  g_free (run_limber (0, "log", "3", NULL));
  g_clear_pointer (&logged, g_free);
  logged = run_limber (0, "journal", "--days", "30000", NULL);
  g_assert_nonnull (strstr (logged, "Stiff after the drive"));
}

/* A journal of the first schema, as the last release that used it wrote
 * it: a pain entry for 2026-01-15 and a break. */
static void
make_old_journal (Fixture *fixture)
{
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "journal-fixtures", "v1.sql", NULL);
  sqlite3 *db = NULL;

  g_file_get_contents (fixture_sql, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A journal of an older schema is brought up to date by the command that
 * reads it, where it can be written; where it cannot, the command says
 * so, and why. */
static void
test_read_old_journal (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *listed = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *refused = NULL;

  make_old_journal (fixture);
  listed = run_limber (0, "journal", "--days", "30000", NULL);
  g_assert_nonnull (strstr (listed, "2026-01-15"));

  limber_test_remove_tree (fixture->data_dir);
  if (!mount_small_disk (fixture, 256))
    return;
  make_old_journal (fixture);
  filler = limber_test_fill_disk (fixture->data_dir);
  refused = run_limber (1, "journal", "--days", "30000", NULL);
  g_assert_nonnull (strstr (refused, "was written by an older version of Limber"));
  g_assert_nonnull (strstr (refused, "has to be updated before it can be read, but the disk is full"));
  assert_no_saving (refused);
}

static int
count_pain_entries (LimberJournal *journal)
{
  g_autoptr (GError) error = NULL;
  gint64 n = limber_journal_count (journal, "pain_entry", &error);

  g_assert_no_error (error);
  return (int) n;
}

static void
save_entry (LimberJournal *journal,
            const char    *day)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;

  entry->average = 3;
  limber_journal_save_pain_entry (journal, entry, now, &error);
  g_assert_no_error (error);
}

/* A journal opened for reading where nothing could be written (and so
 * read as it is on disk) sees what is written once the folder can be
 * written again; it writes nothing itself. */
static void
test_read_only_open_follows (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (LimberJournal) reader = NULL;
  g_autoptr (LimberJournal) writer = NULL;
  g_autoptr (GError) error = NULL;

  g_free (log_two_days ());
  if (!mount_read_only (fixture, fixture->data_dir))
    return;

  reader = limber_journal_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_pain_entries (reader), ==, 2);

  unmount_read_only (fixture);
  writer = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  save_entry (writer, "2026-11-22");
  g_assert_cmpint (count_pain_entries (reader), ==, 3);

  {
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new ("2026-11-23");
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();

    entry->average = 1;
    g_assert_false (limber_journal_save_pain_entry (reader, entry, now, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "opened only for reading"));
  }
}

/* Before the journal is made, one opened for reading is empty and makes
 * nothing; once it is made, it is read. */
static void
test_read_only_open_before_journal (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr (LimberJournal) reader = NULL;
  g_autoptr (LimberJournal) writer = NULL;
  g_autoptr (GError) error = NULL;

  limber_test_remove_tree (fixture->data_dir);
  reader = limber_journal_open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_pain_entries (reader), ==, 0);
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));

  writer = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  save_entry (writer, "2026-11-22");
  g_assert_cmpint (count_pain_entries (reader), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/journal-faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("disk-full-at-start", test_disk_full_at_start);
  ADD ("disk-fills", test_disk_fills);
  ADD ("held-lock", test_held_lock);
  ADD ("repair-while-daemon-writes", test_repair_while_daemon_writes);
  ADD ("backups-every-day", test_backups_every_day);
  ADD ("concurrent-first-opens", test_concurrent_first_opens);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("read-only-journal", test_read_only_journal);
  ADD ("read-on-full-disk", test_read_on_full_disk);
  ADD ("read-old-journal", test_read_old_journal);
  ADD ("read-only-open-follows", test_read_only_open_follows);
  ADD ("read-only-open-before-journal", test_read_only_open_before_journal);

  return g_test_run ();
}
