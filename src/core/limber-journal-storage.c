/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-file-target.h"
#include "limber-journal-backup.h"
#include "limber-journal-private.h"

/* The journal's connection: opening the file, noticing when another
 * process replaced it (a repair) and opening the new one, the statement
 * cache, transactions, and the schema's migrations. Opening costs only
 * SQLite's open: checking the file, backups and repairs are the keeper's
 * (limber-journal-keeper.c). */


/* Migration 5's versions of the rows of @table already there, in the order
 * they were added. */
#define SYNC_FILL(table, kind, utc, offset, claim) \
  "INSERT INTO sync_version (uuid, kind, updated_utc, updated_offset_s, device, deleted, seq, claim)" \
  "  SELECT uuid, '" kind "', " utc ", " offset ", '', 0," \
  "    (SELECT coalesce (max (seq), 0) FROM sync_version) + row_number () OVER (ORDER BY id), " claim \
  "  FROM " table " ORDER BY id;"

/* Schema 5: a local write's version of @uuid, this device's (device '')
 * with the next sequence number (counted in sync_meta), in place of any
 * version there was (deleted first: an upsert is longer, and the outer
 * statement's ON CONFLICT would overrule an OR REPLACE here). Terse: the text of every trigger is kept in the
 * journal, and the journal must still fit where it did. */
#define SYNC_OWN_VERSION(uuid, kind, utc, offset, deleted, claim, when) \
  "UPDATE sync_meta SET value=value+1 WHERE key='seq'" when ";" \
  "DELETE FROM sync_version WHERE uuid=" uuid when ";" \
  "INSERT INTO sync_version SELECT " uuid ",'" kind "'," utc "," offset ",''," deleted "," \
  "value," claim " FROM sync_meta WHERE key='seq'" when ";"

/* Not while a merge writes others' changes (limber-journal-sync.c keeps
 * their versions itself, inside its transaction). */
#define SYNC_LOCAL " WHEN NOT EXISTS(SELECT 1 FROM sync_meta WHERE key='merging')"

/* Schema 5's triggers keeping the versions of @table: a row written is
 * this device's newest change; a row that takes another UUID supersedes
 * the old UUID at the old version; a row deleted is deleted now, or at
 * its own version when that is later (a clock ahead wrote it). */
#define SYNC_TRIGGERS(table, kind, utc, offset, new_claim, old_claim) \
  "CREATE TRIGGER " table "_sync_insert AFTER INSERT ON " table SYNC_LOCAL " BEGIN " \
  SYNC_OWN_VERSION ("NEW.uuid", kind, "NEW." utc, "NEW." offset, "0", new_claim, "") \
  "END;" \
  "CREATE TRIGGER " table "_sync_update AFTER UPDATE ON " table SYNC_LOCAL " BEGIN " \
  SYNC_OWN_VERSION ("OLD.uuid", kind, "OLD." utc, "OLD." offset, "1", old_claim, " AND OLD.uuid<>NEW.uuid") \
  SYNC_OWN_VERSION ("NEW.uuid", kind, "NEW." utc, "NEW." offset, "0", new_claim, "") \
  "END;" \
  "CREATE TRIGGER " table "_sync_delete AFTER DELETE ON " table SYNC_LOCAL " BEGIN " \
  SYNC_OWN_VERSION ("OLD.uuid", kind, "max(unixepoch(),OLD." utc ")", "0", "1", old_claim, "") \
  "END;"

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

  /* 3: UUIDs in lower case, the one form they are stored in. A record
   * imported twice, once written in capitals, was kept twice: the copy
   * goes (of two entries, the older), and the rest are written small. */
  "DELETE FROM break_event WHERE uuid <> lower (uuid)"
  "  AND lower (uuid) IN (SELECT uuid FROM break_event);"
  "UPDATE break_event SET uuid = lower (uuid) WHERE uuid <> lower (uuid);"
  "DELETE FROM stretch_session WHERE uuid <> lower (uuid)"
  "  AND lower (uuid) IN (SELECT uuid FROM stretch_session);"
  "UPDATE stretch_session SET uuid = lower (uuid) WHERE uuid <> lower (uuid);"
  "DELETE FROM pain_entry WHERE uuid <> lower (uuid) AND EXISTS (SELECT 1 FROM pain_entry AS small"
  "  WHERE small.uuid = lower (pain_entry.uuid) AND small.updated_utc >= pain_entry.updated_utc);"
  "DELETE FROM pain_entry WHERE uuid = lower (uuid) AND EXISTS (SELECT 1 FROM pain_entry AS capital"
  "  WHERE capital.uuid <> lower (capital.uuid) AND lower (capital.uuid) = pain_entry.uuid);"
  "UPDATE pain_entry SET uuid = lower (uuid) WHERE uuid <> lower (uuid);",

  /* 4: what the person did on a day (factors, and pain medication's name
   * and doses), how the day was (sleep, stress, hours at the desk), and
   * dated one-off changes. The CHECKs mirror limber-journal-factors.c.
   * The built-in factors have the same UUIDs on every computer, so that
   * their days merge; they are dated 1970 so that any rename wins. A
   * built-in's name is NULL until the person renames it: until then it
   * is shown in their language. Sleep and desk time are in tenths of an
   * hour. */
  "CREATE TABLE factor ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36 AND uuid = lower (uuid)),"
  "  builtin TEXT UNIQUE CHECK (builtin IN ('heat', 'cold', 'massage', 'pain-medication', 'physiotherapy',"
  "    'chiropractic', 'acupuncture', 'yoga', 'walk')),"
  "  name TEXT CHECK (length (name) BETWEEN 1 AND 64 AND name = trim (name) AND instr (name, ',') = 0"
  "    AND NOT name GLOB ('*[' || char (1) || '-' || char (31) || char (127) || ']*')),"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400),"
  "  CHECK (name IS NOT NULL OR builtin IS NOT NULL)"
  ") STRICT;"
  "CREATE UNIQUE INDEX factor_name_in_use ON factor (name COLLATE NOCASE) WHERE retired = 0;"
  "INSERT INTO factor (uuid, builtin, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES"
  "  ('24fdf0c0-36f7-4fa7-a607-1c71a9b36560', 'heat', 0, 0, 0, 0),"
  "  ('3d493436-c5c9-4dac-98a6-4c42f8b234c9', 'cold', 0, 0, 0, 0),"
  "  ('c4621bdd-95f8-4594-8f30-04f50ba98d27', 'massage', 0, 0, 0, 0),"
  "  ('d3e3f30e-9a81-4be7-a783-63859763b083', 'pain-medication', 0, 0, 0, 0),"
  "  ('3fce3442-e6d6-4d9c-acb3-173e17435fd6', 'physiotherapy', 0, 0, 0, 0),"
  "  ('d56eb536-7cb6-4dfa-ac76-5c485c301602', 'chiropractic', 0, 0, 0, 0),"
  "  ('dc42f251-3507-444c-ad96-127e19dceabd', 'acupuncture', 0, 0, 0, 0),"
  "  ('9e120c8b-cacc-4b16-a46d-eb85aa8c8e6b', 'yoga', 0, 0, 0, 0),"
  "  ('5034c9a4-1199-4e33-8b4d-0d5a1eb7ab57', 'walk', 0, 0, 0, 0);"
  "CREATE TABLE day_factor ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36 AND uuid = lower (uuid)),"
  "  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  factor_uuid TEXT NOT NULL REFERENCES factor (uuid),"
  "  medicine TEXT CHECK (length (medicine) BETWEEN 1 AND 64 AND medicine = trim (medicine)"
  "    AND instr (medicine, ',') = 0"
  "    AND NOT medicine GLOB ('*[' || char (1) || '-' || char (31) || char (127) || ']*')),"
  "  doses INTEGER CHECK (doses BETWEEN 1 AND 20),"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400),"
  "  UNIQUE (day, factor_uuid),"
  "  CHECK ((medicine IS NULL AND doses IS NULL) OR factor_uuid = 'd3e3f30e-9a81-4be7-a783-63859763b083')"
  ") STRICT;"
  "CREATE INDEX day_factor_by_factor ON day_factor (factor_uuid, day);"
  "CREATE TABLE day_measure ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36 AND uuid = lower (uuid)),"
  "  day TEXT NOT NULL UNIQUE CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  sleep_tenths INTEGER CHECK (sleep_tenths BETWEEN 0 AND 240),"
  "  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),"
  "  stress INTEGER CHECK (stress BETWEEN 0 AND 10),"
  "  desk_tenths INTEGER CHECK (desk_tenths BETWEEN 0 AND 240),"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400),"
  "  CHECK (sleep_tenths IS NOT NULL OR sleep_quality IS NOT NULL OR stress IS NOT NULL"
  "    OR desk_tenths IS NOT NULL)"
  ") STRICT;"
  "CREATE TABLE life_change ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36 AND uuid = lower (uuid)),"
  "  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  text TEXT NOT NULL CHECK (length (text) BETWEEN 1 AND 120 AND text = trim (text)"
  "    AND NOT text GLOB ('*[' || char (1) || '-' || char (31) || char (127) || ']*')),"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400)"
  ") STRICT;"
  "CREATE INDEX life_change_by_day ON life_change (day);",

  /* 5: sync (limber-journal-sync.h). Each record that travels has a
   * version, kept by the triggers below for local writes (a merge keeps
   * the versions it writes itself); device '' is this
   * journal's own, whatever its id. A version's claim is the day (or day
   * and factor) a table keeps one record of. The records already there
   * are this device's, in a stable order: factors first, so that a day's
   * factor is never written out before its factor. */
  /* Breaks again, with the same columns and meaning but CHECKs written
   * out as comparisons: for “IN (…)” of more than two values SQLite
   * builds a temporary table on every row written, which a merge of
   * years of breaks pays for each one. Before the triggers exist, so
   * that the copy is no local write. */
  "DROP INDEX break_event_by_day;"
  "ALTER TABLE break_event RENAME TO break_event_4;"
  "CREATE TABLE break_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),"
  "  kind TEXT NOT NULL CHECK (kind = 'micro' OR kind = 'rest'),"
  "  outcome TEXT NOT NULL CHECK (outcome = 'taken' OR outcome = 'natural' OR outcome = 'postponed'"
  "    OR outcome = 'skipped' OR outcome = 'missed'),"
  "  due_utc INTEGER NOT NULL,"
  "  due_offset_s INTEGER NOT NULL CHECK (due_offset_s BETWEEN -86400 AND 86400),"
  "  end_utc INTEGER NOT NULL,"
  "  end_offset_s INTEGER NOT NULL CHECK (end_offset_s BETWEEN -86400 AND 86400),"
  "  duration_s INTEGER NOT NULL CHECK (duration_s >= 0),"
  "  reminder TEXT CHECK (reminder IS NULL OR reminder = 'action' OR reminder = 'dismissed'"
  "    OR reminder = 'expired')"
  ") STRICT;"
  "INSERT INTO break_event (id, uuid, day, kind, outcome, due_utc, due_offset_s, end_utc,"
  "    end_offset_s, duration_s, reminder)"
  "  SELECT id, uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s,"
  "    reminder FROM break_event_4;"
  "DROP TABLE break_event_4;"
  "CREATE INDEX break_event_by_day ON break_event (day, kind, outcome);"
  "CREATE TABLE sync_version ("
  "  uuid TEXT PRIMARY KEY,"
  /* Not “kind IN (…)”, for the same reason. */
  "  kind TEXT NOT NULL CHECK (kind = 'pain_entries' OR kind = 'break_events' OR kind = 'stretch_sessions'"
  "    OR kind = 'factors' OR kind = 'day_factors' OR kind = 'day_measures' OR kind = 'life_changes'),"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL,"
  "  device TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
  "  seq INTEGER NOT NULL,"
  "  claim TEXT"
  ") STRICT, WITHOUT ROWID;"
  /* Only this device's versions are looked up by sequence number. */
  "CREATE INDEX sync_version_by_seq ON sync_version (seq) WHERE device = '';"
  "CREATE INDEX sync_version_by_claim ON sync_version (kind, claim) WHERE claim IS NOT NULL;"
  "CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;"
  "CREATE TABLE sync_read ("
  "  device TEXT NOT NULL,"
  "  file TEXT NOT NULL,"
  "  offset INTEGER NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  PRIMARY KEY (device, file)"
  ") STRICT, WITHOUT ROWID;"
  /* Days' factors of another device whose factor has not come yet, as
   * they came, oldest first (limber-journal-sync.c). */
  "CREATE TABLE sync_waiting ("
  "  uuid TEXT PRIMARY KEY,"
  "  arrived INTEGER NOT NULL,"
  "  device TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  version_utc INTEGER NOT NULL,"
  "  version_offset_s INTEGER NOT NULL,"
  "  day TEXT NOT NULL,"
  "  factor_uuid TEXT NOT NULL,"
  "  medicine TEXT,"
  "  doses INTEGER NOT NULL,"
  "  created_utc INTEGER NOT NULL,"
  "  created_offset_s INTEGER NOT NULL,"
  "  updated_utc INTEGER NOT NULL,"
  "  updated_offset_s INTEGER NOT NULL"
  ") STRICT, WITHOUT ROWID;"
  SYNC_FILL ("factor", "factors", "updated_utc", "updated_offset_s", "NULL")
  SYNC_FILL ("pain_entry", "pain_entries", "updated_utc", "updated_offset_s", "day")
  SYNC_FILL ("day_measure", "day_measures", "updated_utc", "updated_offset_s", "day")
  SYNC_FILL ("day_factor", "day_factors", "updated_utc", "updated_offset_s", "day || ' ' || factor_uuid")
  SYNC_FILL ("life_change", "life_changes", "updated_utc", "updated_offset_s", "NULL")
  SYNC_FILL ("break_event", "break_events", "end_utc", "end_offset_s", "NULL")
  SYNC_FILL ("stretch_session", "stretch_sessions", "end_utc", "end_offset_s", "NULL")
  /* The last sequence number given to a version of this device: it never
   * goes back, also when another device's version replaces the last. */
  "INSERT INTO sync_meta (key, value) VALUES ('seq', (SELECT coalesce (max (seq), 0) FROM sync_version));"
  SYNC_TRIGGERS ("factor", "factors", "updated_utc", "updated_offset_s", "NULL", "NULL")
  SYNC_TRIGGERS ("pain_entry", "pain_entries", "updated_utc", "updated_offset_s", "NEW.day", "OLD.day")
  SYNC_TRIGGERS ("day_measure", "day_measures", "updated_utc", "updated_offset_s", "NEW.day", "OLD.day")
  SYNC_TRIGGERS ("day_factor", "day_factors", "updated_utc", "updated_offset_s",
                 "NEW.day || ' ' || NEW.factor_uuid", "OLD.day || ' ' || OLD.factor_uuid")
  SYNC_TRIGGERS ("life_change", "life_changes", "updated_utc", "updated_offset_s", "NULL", "NULL")
  SYNC_TRIGGERS ("break_event", "break_events", "end_utc", "end_offset_s", "NULL", "NULL")
  SYNC_TRIGGERS ("stretch_session", "stretch_sessions", "end_utc", "end_offset_s", "NULL", "NULL"),
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

static void
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                       g_strerror (saved_errno));
}

int
limber_journal_open_own_file (const char          *path,
                              int                  access,
                              LimberOwnFileFlags   flags,
                              GError             **error)
{
  /* O_NONBLOCK: opening a named pipe would wait for a writer for ever.
   * O_NOFOLLOW: a link is never a way to make or open a file of its
   * own. */
  int open_flags = access | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
  struct stat st;
  int fd;

  g_return_val_if_fail (access == O_RDONLY || access == O_RDWR, -1);

  if (flags & LIMBER_OWN_FILE_CREATE)
    open_flags |= O_CREAT;

  fd = g_open (path, open_flags, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* A socket cannot be opened, nor a link: say what is there rather
       * than the errno. */
      if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
        g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                             _("it is a symbolic link, and Limber follows none to its own files"));
      else if (g_lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
        g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                             limber_file_not_regular_reason (st.st_mode));
      else
        set_errno_error (error, saved_errno);
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno);
      close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                           limber_file_not_regular_reason (st.st_mode));
      close (fd);
      return -1;
    }

  /* Its owner's alone. Not being able to is no reason not to use it (a
   * read-only disk, another owner). */
  if ((flags & LIMBER_OWN_FILE_TIGHTEN) && (st.st_mode & 077) != 0 &&
      fchmod (fd, st.st_mode & 0600) != 0)
    g_debug ("%s left readable by others: %s", path, g_strerror (errno));

  return fd;
}

void
limber_journal_tighten_file (const char *path)
{
  struct stat st;

  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0 &&
      g_chmod (path, st.st_mode & 0600) != 0)
    g_debug ("%s left readable by others: %s", path, g_strerror (errno));
}

int
limber_journal_make_private_folder (const char *dir)
{
  struct stat st;

  /* Most of the time it is there: one stat, not one per parent. */
  if (g_stat (dir, &st) != 0)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        return errno;
      if (g_stat (dir, &st) != 0)
        return errno;
    }
  if (!S_ISDIR (st.st_mode))
    return ENOTDIR;

  /* Only a folder of this user's that is no shared one (such as /tmp,
   * which is sticky): the journal's folder holds Limber's files alone. */
  if ((st.st_mode & 077) != 0 && st.st_uid == geteuid () && !(st.st_mode & S_ISVTX) &&
      g_chmod (dir, st.st_mode & 0700) != 0)
    g_debug ("%s left open to others: %s", dir, g_strerror (errno));

  return 0;
}

void
limber_journal_set_sqlite_error (LimberJournal  *self,
                                 int             rc,
                                 const char     *doing,
                                 GError        **error)
{
  int system_errno = self->db ? sqlite3_system_errno (self->db) : 0;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  /* Nothing is saved through a journal opened for reading: a full disk or
   * a file that cannot be written is only why it could not be read. */
  if (self->read_only)
    {
      LimberJournalError code = LIMBER_JOURNAL_ERROR_FAILED;

      if ((rc & 0xff) == SQLITE_FULL)
        code = LIMBER_JOURNAL_ERROR_FULL;
      else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM)
        code = LIMBER_JOURNAL_ERROR_READ_ONLY;
      else if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN)
        code = limber_journal_error_code_for_errno (system_errno);

      if (code != LIMBER_JOURNAL_ERROR_FAILED)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, code,
                       _("The journal at %s could not be read while %s (%s)."), self->path, doing,
                       system_errno != 0 ? g_strerror (system_errno) : detail);
          return;
        }
    }

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
  if (self->read_only)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The journal at %s was opened only for reading."), self->path);
      return FALSE;
    }

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

/* The file SQLite opens for @self->path: the link's target when it is a
 * link, beside which its -wal and -shm are. */
static char *
file_of (LimberJournal *self)
{
  struct stat st;
  char *resolved;

  if (g_lstat (self->path, &st) != 0 || !S_ISLNK (st.st_mode) ||
      (resolved = realpath (self->path, NULL)) == NULL)
    return g_strdup (self->path);
  return resolved;
}

/* The journal's -wal and -shm, when they are there, are regular files: a
 * named pipe there would hold SQLite's first read up for ever. They are
 * only looked at, never opened: another process may be removing them.
 *
 * SQLite makes them with the journal's mode as it was then, and a reader
 * leaves them behind: with @tighten they are made 0600 again, as a
 * journal that can be written needs them; left read-only, they would
 * keep it from being written. */
static gboolean
check_companions (LimberJournal  *self,
                  gboolean        tighten,
                  GError        **error)
{
  static const char *suffixes[] = { "-wal", "-shm" };
  g_autofree char *file = file_of (self);
  gboolean writable = tighten && g_access (file, W_OK) == 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (file, suffixes[i], NULL);
      struct stat st;

      if (g_lstat (companion, &st) != 0)
        continue;
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                       _("The journal’s file %s cannot be opened: %s"), companion,
                       S_ISLNK (st.st_mode) ? _("it is a symbolic link, and Limber follows none to its own files")
                                            : limber_file_not_regular_reason (st.st_mode));
          return FALSE;
        }
      if (writable && (st.st_mode & 0777) != 0600 && st.st_uid == geteuid ())
        {
          if (g_chmod (companion, 0600) != 0)
            g_debug ("%s left as it is: %s", companion, g_strerror (errno));
        }
      else if (tighten)
        limber_journal_tighten_file (companion);
    }

  return TRUE;
}

/* Looks at the journal file, never opening it: closing any descriptor of
 * a file drops every POSIX lock this process holds on it, those of its
 * SQLite connections too. It must be a regular file, or a link to one
 * (a journal on another disk may be linked there on purpose). @missing
 * is set, without an error, when nothing is at the path. */
static gboolean
check_journal_file (LimberJournal  *self,
                    gboolean        tighten,
                    gboolean       *missing,
                    GError        **error)
{
  struct stat st;

  *missing = FALSE;
  if (g_lstat (self->path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          *missing = TRUE;
          return TRUE;
        }
      set_errno_error (error, errno);
      return FALSE;
    }

  if (S_ISLNK (st.st_mode) && g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *target = g_file_read_link (self->path, NULL);

      /* A link to nothing is never a way to make a file: it may point
       * at a disk that is not mounted now. */
      if (saved_errno == ENOENT)
        g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                     _("it is a link to %s, which does not exist"), target ? target : "?");
      else
        set_errno_error (error, saved_errno);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                           limber_file_not_regular_reason (st.st_mode));
      return FALSE;
    }

  /* Health data: its owner's alone. Not being able to is no reason not
   * to open it (a read-only disk). */
  if (tighten && (st.st_mode & 077) != 0 && st.st_uid == geteuid () &&
      g_chmod (self->path, st.st_mode & 0600) != 0)
    g_debug ("%s left readable by others: %s", self->path, g_strerror (errno));

  return TRUE;
}

static gboolean
prepare_location (LimberJournal  *self,
                  GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gboolean missing;
  int saved_errno;
  int fd;

  /* Health data: only its owner may read the folder and the file. */
  saved_errno = limber_journal_make_private_folder (dir);
  if (saved_errno != 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   saved_errno == ENOSPC ? LIMBER_JOURNAL_ERROR_FULL : LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The folder %s for the journal cannot be created: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Made here, 0600, before SQLite would make it with the umask's mode;
   * never through a link, nor over anything that is there. */
  fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
  else if (errno != EEXIST)
    {
      saved_errno = errno;
      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   saved_errno == ENOSPC ? LIMBER_JOURNAL_ERROR_FULL : LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The journal %s cannot be created: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  /* There, perhaps made by another process meanwhile: looked at, and
   * tightened when looser than 0600. */
  if (!check_journal_file (self, TRUE, &missing, error))
    {
      g_prefix_error (error, _("The journal %s cannot be opened: "), self->path);
      return FALSE;
    }

  return check_companions (self, TRUE, error);
}

/* A repair holds the lock file's exclusive lock while the journal is
 * moved aside and replaced; a shared lock that cannot be had means one is
 * under way. */
static gboolean
repair_under_way (LimberJournal *self)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int fd = -1;
  gboolean busy;

  if (g_file_test (lock_path, G_FILE_TEST_EXISTS))
    fd = limber_journal_open_own_file (lock_path, O_RDONLY, 0, NULL);
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
  self->immutable = FALSE;
  self->stand_in = FALSE;
}

/* The first statement reads the header: a file that is no database says
 * so here. While another process creates the journal or turns it to WAL,
 * SQLite may say it is busy without waiting (it avoids a deadlock that
 * way): tried again for as long as a lock is waited for. */
static int
first_statement (LimberJournal *self,
                 const char    *sql)
{
  int rc;

  for (int waited_ms = 0; ; waited_ms += 10)
    {
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= self->busy_timeout_ms)
        return rc;
      g_usleep (10 * 1000);
    }
}

/* Notes which file the new connection is on, unless a repair put another
 * file in place while it opened: then it closes, with @replaced set. */
static gboolean
keep_file_identity (LimberJournal     *self,
                    const struct stat *before,
                    gboolean          *replaced)
{
  struct stat after;

  if (g_stat (self->path, &after) != 0 ||
      after.st_dev != before->st_dev || after.st_ino != before->st_ino)
    {
      close_connection (self);
      *replaced = TRUE;
      return FALSE;
    }
  self->file_device = before->st_dev;
  self->file_inode = before->st_ino;
  return TRUE;
}

/* Opens @self->path once; the file it opened is the one that was at the
 * path before and after, or FALSE with @replaced set. */
static gboolean
open_once (LimberJournal  *self,
           gboolean       *replaced,
           GError        **error)
{
  struct stat before;
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
      rc = first_statement (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    }

  if (rc != SQLITE_OK)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      /* SQLite says only that it could not open the -wal or -shm, which
       * cannot be made in a folder that cannot be written. */
      if ((rc & 0xff) == SQLITE_CANTOPEN && g_access (dir, W_OK) != 0)
        g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                     _("The journal at %s cannot be written (%s)."), self->path, g_strerror (errno));
      else
        limber_journal_set_sqlite_error (self, rc, _("opening it"), error);
      close_connection (self);
      return FALSE;
    }

  if (!keep_file_identity (self, &before, replaced))
    return FALSE;

  if (!migrate (self, error))
    {
      close_connection (self);
      return FALSE;
    }

  return TRUE;
}

/* Whether the journal's WAL holds changes not in the file itself: it is
 * there and not empty. */
static gboolean
wal_has_changes (LimberJournal *self)
{
  g_autofree char *file = file_of (self);
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  struct stat st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* An empty journal in memory for one that is not there yet: nothing has
 * been logged. Nothing is written to it either. */
static gboolean
open_stand_in (LimberJournal  *self,
               GError        **error)
{
  int rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (migrations); i++)
    rc = sqlite3_exec (self->db, migrations[i], NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("opening it"), error);
      close_connection (self);
      return FALSE;
    }

  self->stand_in = TRUE;
  return TRUE;
}

static int
open_sqlite_read_only (LimberJournal *self,
                       gboolean       immutable,
                       int           *version)
{
  g_autofree char *uri = NULL;
  int rc;

  if (immutable)
    {
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri == NULL)
        return SQLITE_CANTOPEN;
      uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }

  rc = sqlite3_open_v2 (immutable ? uri : self->path, &self->db,
                        SQLITE_OPEN_READONLY | (immutable ? SQLITE_OPEN_URI : 0), NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
      rc = first_statement (self, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema");
    }
  if (rc == SQLITE_OK)
    rc = pragma_int (self->db, "PRAGMA user_version", version);
  self->immutable = immutable;
  return rc;
}

/* Whether this process could open the journal's -shm for writing: the
 * file if it is there, else the folder to make it in. */
static gboolean
shm_writable (LimberJournal *self)
{
  g_autofree char *file = file_of (self);
  g_autofree char *shm = g_strconcat (file, "-shm", NULL);
  g_autofree char *dir = NULL;
  struct stat st;

  if (g_lstat (shm, &st) == 0)
    return g_access (shm, W_OK) == 0;
  dir = g_path_get_dirname (file);
  return g_access (dir, W_OK) == 0;
}

/* Whether @rc, from opening the journal read-only, says that SQLite could
 * not make its -wal or -shm beside it: in a folder that cannot be written,
 * or on a full disk. */
static gboolean
cannot_make_companions (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_FULL:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
open_read_only_once (LimberJournal  *self,
                     gboolean       *replaced,
                     GError        **error)
{
  struct stat before;
  gboolean missing;
  int version = 0;
  int rc;

  *replaced = FALSE;

  if (!check_journal_file (self, FALSE, &missing, error))
    {
      g_prefix_error (error, _("The journal %s cannot be read: "), self->path);
      return FALSE;
    }
  if (!missing && !check_companions (self, FALSE, error))
    return FALSE;
  /* Not made yet, or made and nothing written to it yet. */
  if (missing || g_stat (self->path, &before) != 0 || (before.st_size == 0 && !wal_has_changes (self)))
    return open_stand_in (self, error);

  /* Without a WAL holding changes, the file itself holds everything
   * committed, and with nothing able to make a WAL beside it, nothing can
   * change it: it is read as it is, without the -shm that SQLite's locks
   * need. It is read through them again once a WAL appears.
   *
   * Not through a -shm opened read-only either, when that can be helped:
   * SQLite shares one -shm mapping among the connections of a process,
   * and a read-only one would keep this process's writers from writing
   * once the journal can be written again. Nor when the journal itself
   * cannot be written: SQLite would leave a -wal and -shm as read-only
   * as it is. */
  if ((!shm_writable (self) || g_access (self->path, W_OK) != 0) && !wal_has_changes (self))
    rc = open_sqlite_read_only (self, TRUE, &version);
  else
    {
      rc = open_sqlite_read_only (self, FALSE, &version);
      if (cannot_make_companions (rc) && !wal_has_changes (self))
        {
          g_debug ("Reading %s as it is on disk: %s", self->path, sqlite3_errmsg (self->db));
          close_connection (self);
          rc = open_sqlite_read_only (self, TRUE, &version);
        }
    }
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("opening it"), error);
      close_connection (self);
      return FALSE;
    }

  if (!keep_file_identity (self, &before, replaced))
    return FALSE;

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_TOO_NEW,
                   _("The journal at %s was written by a newer version of Limber (schema %d; this one knows %d). It was left as it is."),
                   self->path, version, SCHEMA_VERSION);
      close_connection (self);
      return FALSE;
    }
  if (version < SCHEMA_VERSION)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                   _("The journal at %s was written by an older version of Limber, and has to be updated before it can be read."),
                   self->path);
      close_connection (self);
      self->schema_older = TRUE;
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

      if (self->read_only ? open_read_only_once (self, &replaced, error)
                          : open_once (self, &replaced, error))
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

gboolean
limber_journal_open_storage_read_only (LimberJournal  *self,
                                       GError        **error)
{
  g_autoptr (LimberJournal) updated = NULL;
  g_autoptr (GError) update_error = NULL;

  g_assert (self->read_only);

  self->schema_older = FALSE;
  if (open_connection (self, error))
    return TRUE;
  if (!self->schema_older)
    return FALSE;

  /* The queries are the current schema's: an older journal is updated,
   * as opening it for writing does, with a backup first. The one write a
   * reader makes, once for each new version of Limber. */
  g_clear_error (error);
  updated = limber_journal_open (self->path, &update_error);
  if (updated == NULL && g_error_matches (update_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                   _("The journal at %s was written by an older version of Limber, and has to be updated before it can be read, but the disk is full. Free some space and try again."),
                   self->path);
      return FALSE;
    }
  if (updated == NULL)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, update_error->code,
                   _("The journal at %s was written by an older version of Limber, and has to be updated before it can be read, which failed: %s"),
                   self->path, update_error->message);
      return FALSE;
    }
  g_clear_object (&updated);

  return open_connection (self, error);
}

/* Whether the file at the journal's path is no longer the one open. */
static gboolean
file_replaced (LimberJournal *self)
{
  struct stat st;

  /* A stand-in stays while there is nothing to read at the path. */
  if (self->stand_in)
    return g_stat (self->path, &st) == 0 && (st.st_size > 0 || wal_has_changes (self));

  if (g_stat (self->path, &st) != 0)
    return TRUE;
  if (st.st_dev != self->file_device || st.st_ino != self->file_inode)
    return TRUE;
  /* Something could write beside it after all. */
  return self->immutable && wal_has_changes (self);
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

  if (self->db != NULL && !self->stand_in && !self->immutable)
    g_message ("The journal at %s was replaced; opening the new one", self->path);
  close_connection (self);
  return open_connection (self, error);
}
