/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-journal-private.h"

/* The journal's file: opening it safely, repairing a damaged one from a
 * backup, the schema and its migrations, and the daily backups. */

#define BUSY_TIMEOUT_MS 5000
#define BACKUPS_KEPT    7

/* Each migration brings the schema from the version before it to its own
 * number, in one transaction. Append; never edit one that has shipped:
 * tests/journal-fixtures/ holds a journal of every earlier version. */
static const char *migrations[] = {
  /* 1: the first schema. */
  "CREATE TABLE pain_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  day TEXT NOT NULL UNIQUE CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  average INTEGER NOT NULL CHECK (average BETWEEN 0 AND 10),"
  "  worst INTEGER CHECK (worst BETWEEN 0 AND 10 AND worst >= average),"
  "  activity INTEGER CHECK (activity BETWEEN 0 AND 10),"
  "  enjoyment INTEGER CHECK (enjoyment BETWEEN 0 AND 10),"
  "  regions INTEGER NOT NULL DEFAULT 0 CHECK (regions BETWEEN 0 AND 2047),"
  "  red_flags INTEGER NOT NULL DEFAULT 0 CHECK (red_flags BETWEEN 0 AND 511),"
  "  note TEXT CHECK (length (note) <= 2000),"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400)"
  ") STRICT;"
  "CREATE TABLE break_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  kind TEXT NOT NULL CHECK (kind IN ('micro', 'rest')),"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'natural', 'postponed', 'skipped', 'missed')),"
  "  due_utc INTEGER NOT NULL,"
  "  due_offset_s INTEGER NOT NULL CHECK (due_offset_s BETWEEN -86400 AND 86400),"
  "  end_utc INTEGER NOT NULL,"
  "  end_offset_s INTEGER NOT NULL CHECK (end_offset_s BETWEEN -86400 AND 86400),"
  "  duration_s INTEGER NOT NULL CHECK (duration_s >= 0)"
  ") STRICT;"
  "CREATE INDEX break_event_by_day ON break_event (day, kind, outcome);"
  "CREATE TABLE stretch_session ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  activity_id TEXT NOT NULL CHECK (length (activity_id) BETWEEN 1 AND 64),"
  "  start_utc INTEGER NOT NULL,"
  "  start_offset_s INTEGER NOT NULL CHECK (start_offset_s BETWEEN -86400 AND 86400),"
  "  end_utc INTEGER NOT NULL CHECK (end_utc >= start_utc),"
  "  end_offset_s INTEGER NOT NULL CHECK (end_offset_s BETWEEN -86400 AND 86400),"
  "  seconds_done INTEGER NOT NULL CHECK (seconds_done >= 0),"
  "  completed INTEGER NOT NULL CHECK (completed IN (0, 1)),"
  "  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
  "  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)"
  ") STRICT;"
  "CREATE INDEX stretch_session_by_day ON stretch_session (day, seconds_done);",

  /* 2: what became of each break's notification. */
  "ALTER TABLE break_event ADD COLUMN reminder TEXT"
  "  CHECK (reminder IN ('action', 'dismissed', 'expired'));",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

typedef enum
{
  OPEN_OK,
  OPEN_DAMAGED,
  OPEN_FAILED,
} OpenResult;

static int
pragma_int (sqlite3    *db,
            const char *sql,
            int        *value)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &statement, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (statement, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);
  return rc;
}

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Opens the file and checks it. OPEN_DAMAGED leaves self->db closed. */
static OpenResult
open_and_check (LimberJournal  *self,
                GError        **error)
{
  sqlite3_stmt *statement = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &statement, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (statement);
      ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
      if (rc == SQLITE_ROW)
        rc = SQLITE_OK;
      if (!ok && rc == SQLITE_OK)
        g_message ("quick_check of %s: %s", self->path, sqlite3_column_text (statement, 0));
      sqlite3_finalize (statement);
    }

  if (rc == SQLITE_OK && ok)
    rc = sqlite3_exec (self->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);

  if (rc == SQLITE_OK && ok)
    return OPEN_OK;

  if ((rc == SQLITE_OK && !ok) || is_damage (rc))
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return OPEN_DAMAGED;
    }

  limber_journal_set_sqlite_error (self, rc, _("opening it"), error);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  return OPEN_FAILED;
}

static char *
backups_dir (LimberJournal *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  return g_build_filename (dir, "backups", NULL);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  /* journal-YYYY-MM-DD.db sorts by date. */
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Backup file names, newest first. */
static GPtrArray *
list_backups (LimberJournal *self)
{
  g_autofree char *dir_path = backups_dir (self);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "journal-") && g_str_has_suffix (name, ".db"))
        g_ptr_array_add (backups, g_build_filename (dir_path, name, NULL));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

static gboolean
backup_is_good (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean good = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    good = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;

  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);
  return good;
}

/* Copies the database @from into the file @to with the online backup API. */
static int
copy_database (sqlite3    *from,
               const char *to)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  /* Create it 0600 before SQLite does so with the umask's mode. */
  fd = g_open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return SQLITE_CANTOPEN;
  close (fd);

  rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
    }
  sqlite3_close_v2 (dest);
  return rc;
}

/* Moves the damaged journal aside, keeping it, and puts the newest good
 * backup in its place. */
static gboolean
repair (LimberJournal  *self,
        GError        **error)
{
  static const char *companions[] = { "", "-wal", "-shm" };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autoptr (GPtrArray) backups = list_backups (self);

  self->damaged_path = g_strdup_printf ("%s.damaged-%s", self->path, stamp);
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (self->path, companions[i], NULL);
      g_autofree char *to = g_strconcat (self->damaged_path, companions[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                       _("The journal at %s is damaged and could not be moved aside: %s"),
                       self->path, g_strerror (saved_errno));
          g_clear_pointer (&self->damaged_path, g_free);
          return FALSE;
        }
    }
  g_message ("Damaged journal moved to %s", self->damaged_path);

  for (guint i = 0; i < backups->len; i++)
    {
      const char *backup = g_ptr_array_index (backups, i);
      sqlite3 *source = NULL;
      int rc;

      if (!backup_is_good (backup))
        continue;

      rc = sqlite3_open_v2 (backup, &source, SQLITE_OPEN_READONLY, NULL);
      if (rc == SQLITE_OK)
        rc = copy_database (source, self->path);
      sqlite3_close_v2 (source);

      if (rc == SQLITE_OK)
        {
          self->restored_from = g_strdup (backup);
          g_message ("Journal restored from %s", backup);
          return TRUE;
        }
      g_unlink (self->path);
    }

  /* No good backup: start an empty journal; the damaged one is kept. */
  return TRUE;
}

static gboolean
migrate (LimberJournal  *self,
         GError        **error)
{
  int version = 0;
  int rc = pragma_int (self->db, "PRAGMA user_version", &version);

  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading its version"), error);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_TOO_NEW,
                   _("The journal at %s was written by a newer version of Limber (schema %d; this one knows %d). It was left as it is."),
                   self->path, version, SCHEMA_VERSION);
      return FALSE;
    }

  for (int next = version + 1; next <= SCHEMA_VERSION; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", next);
      char *message = NULL;

      if (!limber_journal_begin (self, error))
        return FALSE;

      rc = sqlite3_exec (self->db, migrations[next - 1], NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, &message);
      if (rc != SQLITE_OK)
        {
          g_warning ("Migration to schema %d failed: %s", next, message);
          sqlite3_free (message);
          limber_journal_rollback (self);
          limber_journal_set_sqlite_error (self, rc, _("updating its format"), error);
          return FALSE;
        }

      if (!limber_journal_commit (self, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_location (LimberJournal  *self,
                  GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int fd;

  /* Health data: only its owner may read the folder and the file. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   saved_errno == ENOSPC ? LIMBER_JOURNAL_ERROR_FULL : LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The folder %s for the journal cannot be created: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;

  fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   saved_errno == ENOSPC ? LIMBER_JOURNAL_ERROR_FULL : LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The journal %s cannot be created: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);

  return TRUE;
}

gboolean
limber_journal_open_storage (LimberJournal  *self,
                             GError        **error)
{
  OpenResult result;

  if (!prepare_location (self, error))
    return FALSE;

  result = open_and_check (self, error);
  if (result == OPEN_DAMAGED)
    {
      if (!repair (self, error) || !prepare_location (self, error))
        return FALSE;
      result = open_and_check (self, error);
      if (result == OPEN_DAMAGED)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                       _("The journal at %s is damaged and could not be repaired."), self->path);
          return FALSE;
        }
    }

  if (result == OPEN_FAILED)
    return FALSE;

  return migrate (self, error);
}

gboolean
limber_journal_backup_if_due (LimberJournal  *self,
                              GDateTime      *now,
                              GError        **error)
{
  g_autofree char *dir = backups_dir (self);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("journal-%s.db", day);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr (GPtrArray) backups = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The backup folder %s cannot be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Written under another name first, so that a half-written copy is
   * never taken for a backup. */
  rc = copy_database (self->db, partial);
  if (rc != SQLITE_OK || g_rename (partial, path) != 0)
    {
      g_unlink (partial);
      limber_journal_set_sqlite_error (self, rc == SQLITE_OK ? SQLITE_IOERR : rc,
                                       _("making a backup"), error);
      return FALSE;
    }

  backups = list_backups (self);
  for (guint i = BACKUPS_KEPT; i < backups->len; i++)
    g_unlink (g_ptr_array_index (backups, i));

  return TRUE;
}
