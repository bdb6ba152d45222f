/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-journal-backup.h"
#include "limber-journal-private.h"

/* The journal's connection: opening the file, noticing when another
 * process replaced it (a repair) and opening the new one, the statement
 * cache, transactions, and the schema's migrations. Opening costs only
 * SQLite's open: checking the file, backups and repairs are the keeper's
 * (limber-journal-keeper.c). */


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

void
limber_journal_set_sqlite_error (LimberJournal  *self,
                                 int             rc,
                                 const char     *doing,
                                 GError        **error)
{
  int system_errno = self->db ? sqlite3_system_errno (self->db) : 0;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                   _("The disk is full, so the journal could not be saved while %s. Free some space and try again."),
                   doing);
      return;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The journal at %s cannot be written (%s)."), self->path, detail);
      return;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                   _("Another program kept the journal busy for too long while %s. Try again."),
                   doing);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                   _("The journal at %s is damaged (%s)."), self->path, detail);
      return;

    case SQLITE_CONSTRAINT:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("The journal refused a value while %s (%s)."), doing, detail);
      return;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* A file size limit or a quota reads as a write error. */
      if (limber_journal_error_code_for_errno (system_errno) == LIMBER_JOURNAL_ERROR_FULL)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                       _("The disk is full, so the journal could not be saved while %s. Free some space and try again."),
                       doing);
          return;
        }
      if (limber_journal_error_code_for_errno (system_errno) == LIMBER_JOURNAL_ERROR_READ_ONLY)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                       _("The journal at %s cannot be written (%s)."), self->path, g_strerror (system_errno));
          return;
        }
      break;

    default:
      break;
    }

  g_debug ("SQLite error %d, errno %d while %s", rc, system_errno, doing);
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
               _("The journal at %s failed while %s (%s)."), self->path, doing, detail);
}

sqlite3_stmt *
limber_journal_statement (LimberJournal  *self,
                          const char     *sql,
                          GError        **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL);
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading it"), error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, statement);
  return statement;
}

gboolean
limber_journal_exec (LimberJournal  *self,
                     const char     *sql,
                     const char     *doing,
                     GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;

  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
begin_immediate (LimberJournal  *self,
                 GError        **error)
{
  /* IMMEDIATE takes the write lock up front, so that two writers wait for
   * each other in the busy handler instead of failing to upgrade. */
  return limber_journal_exec (self, "BEGIN IMMEDIATE", _("starting to save"), error);
}

static gboolean file_replaced (LimberJournal *self);

gboolean
limber_journal_begin (LimberJournal  *self,
                      GError        **error)
{
  /* A repair replaces the file while holding its write lock: the file is
   * looked at again once the lock is ours, so that nothing is written to
   * a journal that was just moved aside. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      if (!limber_journal_ensure_current (self, error) ||
          !begin_immediate (self, error))
        return FALSE;
      if (!file_replaced (self))
        return TRUE;
      limber_journal_rollback (self);
    }

  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
               _("The journal at %s kept being replaced while saving. Try again."), self->path);
  return FALSE;
}

gboolean
limber_journal_begin_read (LimberJournal  *self,
                           GError        **error)
{
  /* DEFERRED reads one snapshot and takes no write lock. */
  return limber_journal_ensure_current (self, error) &&
         limber_journal_exec (self, "BEGIN DEFERRED", _("reading it"), error);
}

gboolean
limber_journal_end_read (LimberJournal  *self,
                         GError        **error)
{
  return limber_journal_commit (self, error);
}

gboolean
limber_journal_commit (LimberJournal  *self,
                       GError        **error)
{
  if (limber_journal_exec (self, "COMMIT", _("saving"), error))
    return TRUE;

  limber_journal_rollback (self);
  return FALSE;
}

void
limber_journal_rollback (LimberJournal *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The version is read again under the write lock: two processes opening a
 * new journal at once must not both create its tables. */
static gboolean
migrate (LimberJournal  *self,
         GError        **error)
{
  int version = 0;
  int rc = pragma_int (self->db, "PRAGMA user_version", &version);

  if (rc == SQLITE_OK && version == SCHEMA_VERSION)
    return TRUE;

  /* A journal of an older schema is kept as it was before it changes. */
  if (rc == SQLITE_OK && version > 0 && version < SCHEMA_VERSION)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      if (!limber_journal_backup_write (self->db, self->path, "migration", now, NULL, error))
        {
          g_prefix_error (error, _("The journal was not updated to this version of Limber: no backup could be made first. "));
          return FALSE;
        }
    }

  if (rc == SQLITE_OK && version < SCHEMA_VERSION)
    {
      if (!begin_immediate (self, error))
        return FALSE;
      rc = pragma_int (self->db, "PRAGMA user_version", &version);
    }

  if (rc != SQLITE_OK)
    {
      limber_journal_rollback (self);
      limber_journal_set_sqlite_error (self, rc, _("reading its version"), error);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      limber_journal_rollback (self);
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_TOO_NEW,
                   _("The journal at %s was written by a newer version of Limber (schema %d; this one knows %d). It was left as it is."),
                   self->path, version, SCHEMA_VERSION);
      return FALSE;
    }

  /* All steps in the one transaction: a journal is never left half
   * migrated. */
  for (int next = version + 1; next <= SCHEMA_VERSION; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", next);
      char *message = NULL;

      rc = sqlite3_exec (self->db, migrations[next - 1], NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, set_version, NULL, NULL, &message);
      if (rc != SQLITE_OK)
        {
          g_warning ("Migration of %s to schema %d failed: %s", self->path, next, message);
          sqlite3_free (message);
          limber_journal_rollback (self);
          limber_journal_set_sqlite_error (self, rc, _("updating its format"), error);
          return FALSE;
        }
    }

  return limber_journal_commit (self, error);
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

/* A repair holds the lock file's exclusive lock while the journal is
 * moved aside and replaced; a shared lock that cannot be had means one is
 * under way. */
static gboolean
repair_under_way (LimberJournal *self)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDONLY | O_CLOEXEC, 0);
  gboolean busy;

  if (fd < 0)
    return FALSE;
  busy = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return busy;
}

static void
close_connection (LimberJournal *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  self->file_device = 0;
  self->file_inode = 0;
}

/* Opens @self->path once; the file it opened is the one that was at the
 * path before and after, or FALSE with @replaced set. */
static gboolean
open_once (LimberJournal  *self,
           gboolean       *replaced,
           GError        **error)
{
  struct stat before, after;
  int rc;

  *replaced = FALSE;
  if (!prepare_location (self, error))
    return FALSE;

  if (g_stat (self->path, &before) != 0)
    {
      *replaced = TRUE;
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
      /* The first statement reads the header: a file that is no database
       * says so here. While another process creates the journal or turns
       * it to WAL, SQLite may say it is busy without waiting (it avoids a
       * deadlock that way): tried again for as long as a lock is waited
       * for. */
      for (int waited_ms = 0; ; waited_ms += 10)
        {
          rc = sqlite3_exec (self->db,
                             "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
                             NULL, NULL, NULL);
          if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= self->busy_timeout_ms)
            break;
          g_usleep (10 * 1000);
        }
    }

  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("opening it"), error);
      close_connection (self);
      return FALSE;
    }

  /* A repair may have put another file in place meanwhile. */
  if (g_stat (self->path, &after) != 0 ||
      after.st_dev != before.st_dev || after.st_ino != before.st_ino)
    {
      close_connection (self);
      *replaced = TRUE;
      return FALSE;
    }
  self->file_device = before.st_dev;
  self->file_inode = before.st_ino;

  if (!migrate (self, error))
    {
      close_connection (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_connection (LimberJournal  *self,
                 GError        **error)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      gboolean replaced;

      if (open_once (self, &replaced, error))
        return TRUE;
      if (!replaced)
        return FALSE;
    }

  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
               _("The journal at %s kept being replaced while opening it. Try again."), self->path);
  return FALSE;
}

gboolean
limber_journal_open_storage (LimberJournal  *self,
                             GError        **error)
{
  return open_connection (self, error);
}

/* Whether the file at the journal's path is no longer the one open. */
static gboolean
file_replaced (LimberJournal *self)
{
  struct stat st;

  if (g_stat (self->path, &st) != 0)
    return TRUE;
  return st.st_dev != self->file_device || st.st_ino != self->file_inode;
}

gboolean
limber_journal_ensure_current (LimberJournal  *self,
                               GError        **error)
{
  /* Inside a transaction the file in use is the one to finish with. */
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    return TRUE;
  if (self->db != NULL && !file_replaced (self))
    return TRUE;

  if (repair_under_way (self))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                   _("The journal at %s is being repaired. Try again in a moment."), self->path);
      return FALSE;
    }

  if (self->db != NULL)
    g_message ("The journal at %s was replaced; opening the new one", self->path);
  close_connection (self);
  return open_connection (self, error);
}
