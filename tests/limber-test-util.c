/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include "limber-daemon-client.h"
#include "limber-test-util.h"

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

guint
limber_test_scaled_timeout (guint timeout_s)
{
  const char *scale = g_getenv ("LIMBER_TEST_TIMEOUT_SCALE");
  guint64 factor = scale != NULL ? g_ascii_strtoull (scale, NULL, 10) : 1;

  return timeout_s * (guint) CLAMP (factor, 1, 10);
}

void
limber_test_wait_until (LimberTestCondition condition,
                        gpointer            user_data,
                        guint               timeout_s)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (limber_test_scaled_timeout (timeout_s), timed_out_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Condition not met within %u seconds", limber_test_scaled_timeout (timeout_s));
  g_source_remove (timeout_id);
}

static gboolean
keep_polling_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
limber_test_poll_until (LimberTestCondition condition,
                        gpointer            user_data,
                        guint               timeout_s)
{
  guint poll_id = g_timeout_add (50, keep_polling_cb, NULL);

  limber_test_wait_until (condition, user_data, timeout_s);
  g_source_remove (poll_id);
}

typedef struct
{
  const guint *counter;
  guint        at_least;
} CountReached;

static gboolean
count_reached (gpointer user_data)
{
  CountReached *reached = user_data;

  return *reached->counter >= reached->at_least;
}

void
limber_test_wait_for_count (const guint *counter,
                            guint        at_least,
                            guint        timeout_s)
{
  CountReached reached = { counter, at_least };

  limber_test_wait_until (count_reached, &reached, timeout_s);
}

void
limber_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        limber_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static const char panel_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<channel name=\"xfce4-panel\" version=\"1.0\">\n"
  "  <property name=\"configver\" type=\"int\" value=\"2\"/>\n"
  "  <property name=\"panels\" type=\"array\">\n"
  "    <value type=\"int\" value=\"1\"/>\n"
  "    <property name=\"panel-1\" type=\"empty\">\n"
  "      <property name=\"position\" type=\"string\" value=\"p=6;x=0;y=0\"/>\n"
  "      <property name=\"length\" type=\"uint\" value=\"100\"/>\n"
  "      <property name=\"position-locked\" type=\"bool\" value=\"true\"/>\n"
  "      <property name=\"size\" type=\"uint\" value=\"32\"/>\n"
  "      <property name=\"plugin-ids\" type=\"array\">\n"
  "        <value type=\"int\" value=\"1\"/>\n"
  "      </property>\n"
  "    </property>\n"
  "  </property>\n"
  "  <property name=\"plugins\" type=\"empty\">\n"
  "    <property name=\"plugin-1\" type=\"string\" value=\"systray\"/>\n"
  "  </property>\n"
  "</channel>\n";

void
limber_test_write_panel_config (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "xfce4", "xfconf",
                                           "xfce-perchannel-xml", NULL);
  g_autofree char *config = g_build_filename (dir, "xfce4-panel.xml", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, panel_xml, -1, NULL));
}

int
limber_test_run (const char * const  *argv,
                 const char * const  *unset_env,
                 char               **out,
                 char               **err)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; unset_env != NULL && unset_env[i] != NULL; i++)
    g_subprocess_launcher_unsetenv (launcher, unset_env[i]);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

GDBusConnection *
limber_test_get_bus (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

static void
daemon_vanished_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  gboolean *vanished = user_data;

  *vanished = TRUE;
}

gboolean
limber_test_flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

gboolean
limber_test_pointer_is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

void
limber_test_quit_daemon (GDBusConnection *bus)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  gboolean vanished = FALSE;
  guint watch_id;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  g_assert_no_error (error);

  watch_id = g_bus_watch_name_on_connection (bus, LIMBER_DAEMON_BUS_NAME,
                                             G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             NULL, daemon_vanished_cb,
                                             &vanished, NULL);
  limber_breaks_call_quit_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  limber_test_wait_until (limber_test_flag_is_set, &vanished, 10);
  g_bus_unwatch_name (watch_id);
}

/* The directory of the C library this test runs with: the multiarch
 * library directory on Debian. */
static char *
library_path (const char *soname_prefix)
{
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return NULL;
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');
      g_autofree char *base = NULL;

      if (path == NULL)
        continue;
      base = g_path_get_basename (path);
      if (g_str_has_prefix (base, soname_prefix))
        return g_strdup (path);
    }
  return NULL;
}

/* libfaketime from the Debian package, in the multiarch directory of the
 * C library this test uses. */
char *
limber_test_multiarch_dir (void)
{
  g_autofree char *libc = library_path ("libc.so");

  return libc ? g_path_get_dirname (libc) : NULL;
}

char *
limber_test_find_faketime (void)
{
  g_autofree char *libdir = limber_test_multiarch_dir ();
  g_autofree char *path = libdir ? g_build_filename (libdir, "faketime", "libfaketime.so.1", NULL) : NULL;

  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  return NULL;
}

char *
limber_test_faketime_preload (void)
{
  g_autofree char *faketime = limber_test_find_faketime ();
  /* The ASan runtime this test was loaded with, if any. */
  g_autofree char *asan = library_path ("libasan.so");

  if (faketime == NULL)
    return NULL;
  return asan ? g_strconcat (asan, " ", faketime, NULL) : g_steal_pointer (&faketime);
}

gboolean
limber_test_mount_small_disk (const char *dir,
                              guint       kib)
{
  g_autofree char *options = g_strdup_printf ("size=%uk,mode=0700", kib);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      g_autofree char *why = g_strdup_printf ("No tmpfs can be mounted here (%s)", g_strerror (errno));

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

gboolean
limber_test_mount_read_only (const char *path)
{
  if (mount (path, path, NULL, MS_BIND, NULL) != 0 ||
      mount (NULL, path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      g_autofree char *why = g_strdup_printf ("No read-only mount can be made here (%s)", g_strerror (errno));

      umount2 (path, MNT_DETACH);
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

void
limber_test_unmount (const char *path)
{
  g_assert_no_errno (umount2 (path, MNT_DETACH));
}

typedef struct
{
  char    *out;
  char    *err;
  GError  *error;
  gboolean done;
} Communicated;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *communicated = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &communicated->out,
                                        &communicated->err, &communicated->error);
  communicated->done = TRUE;
}

int
limber_test_run_within (const char * const  *argv,
                        const char * const  *unset_env,
                        guint                timeout_s,
                        char               **out,
                        char               **err)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  Communicated communicated = { NULL };
  gboolean timed_out = FALSE;
  guint timeout_id;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; unset_env != NULL && unset_env[i] != NULL; i++)
    g_subprocess_launcher_unsetenv (launcher, unset_env[i]);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &communicated);
  timeout_id = g_timeout_add_seconds (limber_test_scaled_timeout (timeout_s), timed_out_cb, &timed_out);
  while (!communicated.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!communicated.done)
    {
      g_subprocess_force_exit (process);
      g_error ("%s %s did not end within %u s", argv[0], argv[1] ? argv[1] : "", timeout_s);
    }
  g_source_remove (timeout_id);
  g_assert_no_error (communicated.error);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));

  *out = communicated.out;
  *err = communicated.err;
  return g_subprocess_get_exit_status (process);
}

guint
limber_test_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_lstat (path, &st));
  return st.st_mode & 07777;
}

char *
limber_test_command_line (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  char *command = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &command, &length, NULL) || length == 0)
    {
      g_free (command);
      return NULL;
    }
  for (gsize i = 0; i + 1 < length; i++)
    if (command[i] == '\0')
      command[i] = ' ';
  return command;
}

char *
limber_test_fill_disk (const char *dir)
{
  char *filler = g_build_filename (dir, "filler", NULL);
  char block[4096];
  int fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  memset (block, 'x', sizeof block);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
  return filler;
}

void
limber_test_damage_table (const char *path,
                          const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int root = 0, page_size = 0, fd;
  g_autofree char *garbage = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  root = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);

  garbage = g_malloc (page_size);
  memset (garbage, 0xA5, page_size);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (off_t) (root - 1) * page_size), ==, page_size);
  close (fd);
}

static gpointer
nothing_job (LimberJournal  *journal,
             gpointer        data,
             GError        **error)
{
  return NULL;
}

static void
writer_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

void
limber_test_sync_journal_writer (LimberJournalWriter *writer)
{
  gboolean done = FALSE;

  limber_journal_writer_run_async (writer, nothing_job, NULL, NULL, NULL, NULL, writer_synced_cb, &done);
  /* The writes' callbacks come first: results are delivered in order. */
  limber_test_wait_until (limber_test_flag_is_set, &done, 30);
}

void
limber_test_drain_bus (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Peer", "Ping", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
