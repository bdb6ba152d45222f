/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-day.h"
#include "limber-journal-backup.h"
#include "limber-journal-factors.h"
#include "limber-journal-keeper-private.h"
#include "limber-journal-private.h"

/* The keeper looks after the journal's file: it checks it, backs it up
 * once a day, and repairs it when it is damaged. Whoever does this work
 * holds an flock() on journal.db.lock, so that two processes never
 * repair or back up the same journal at once.
 *
 * A repair never loses what can still be read: the newest good backup is
 * the base, every row still readable in the damaged file is merged into
 * it by UUID (the newest version of a pain entry wins; breaks and
 * stretches never change), and the damaged file itself is kept. */

#define BUSY_TIMEOUT_MS 5000

/* Rows read from the damaged file at a time. */
#define SALVAGE_BATCH 256

/* Rows salvaged from a damaged file are checked as stored rows, whatever
 * day the clock says it is now: a day already in the journal stays. */
#define SALVAGE_LATEST_DAY LIMBER_DAY_LAST

static LimberKeeperReplacedHook replaced_hook;
static gpointer replaced_hook_data;

void
limber_journal_keeper_set_replaced_hook (LimberKeeperReplacedHook hook,
                                         gpointer                 user_data)
{
  replaced_hook = hook;
  replaced_hook_data = user_data;
}

void
limber_repair_report_free (LimberRepairReport *report)
{
  if (report == NULL)
    return;
  g_free (report->damaged_path);
  g_free (report->restored_from);
  g_free (report);
}

int
limber_journal_keeper_lock (const char  *journal_path,
                            gboolean     wait,
                            GError     **error)
{
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (journal_path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  path = g_strconcat (journal_path, ".lock", NULL);
  /* Made 0600 beside the journal, and never through a link or on a named
   * pipe someone put there. */
  fd = limber_journal_open_own_file (path, O_RDWR, LIMBER_OWN_FILE_CREATE | LIMBER_OWN_FILE_TIGHTEN, error);
  if (fd < 0)
    {
      if (error != NULL && *error != NULL)
        {
          g_autofree char *why = g_steal_pointer (&(*error)->message);

          (*error)->message = g_strdup_printf (_("The lock file %s cannot be opened: %s"), path, why);
        }
      return -1;
    }

  /* flock(), not fcntl(): its lock belongs to this open file, so that two
   * threads of one process exclude each other too, and the kernel drops
   * it when a process dies. */
  while (flock (fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;

      close (fd);
      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                     _("Another Limber program is looking after the journal at %s right now. Try again in a moment."),
                     journal_path);
      else
        g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                     _("The lock file %s cannot be opened: %s"), path, g_strerror (saved_errno));
      return -1;
    }

  return fd;
}

void
limber_journal_keeper_unlock (int fd)
{
  if (fd < 0)
    return;
  flock (fd, LOCK_UN);
  close (fd);
}

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

gboolean
limber_journal_keeper_check (LimberJournal  *journal,
                             GError        **error)
{
  sqlite3_stmt *statement = NULL;
  g_autofree char *problem = NULL;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The file at the journal's path, not one a repair moved aside. */
  if (!limber_journal_ensure_current (journal, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (journal->db, "PRAGMA quick_check", -1, &statement, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          const char *first = (const char *) sqlite3_column_text (statement, 0);

          if (g_strcmp0 (first, "ok") != 0)
            problem = g_strdup (first != NULL ? first : "?");
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK && is_damage (rc))
    problem = g_strdup (sqlite3_errmsg (journal->db));
  sqlite3_finalize (statement);

  if (problem != NULL)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                   _("The journal at %s is damaged: %s"), journal->path, problem);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (journal, rc, _("checking it"), error);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_journal_keeper_backup_if_due (LimberJournal  *journal,
                                     const char     *today,
                                     GDateTime      *now,
                                     GError        **error)
{
  g_autoptr (GError) lock_error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *calendar_day = NULL;
  const LimberBackupInfo *newest_daily = NULL;
  gboolean done;
  int lock_fd;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (today != NULL && limber_day_is_valid (today), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before the lock: with it held, this process would take its own lock
   * for a repair under way. */
  if (!limber_journal_ensure_current (journal, &lock_error))
    {
      if (g_error_matches (lock_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&lock_error));
      return FALSE;
    }

  lock_fd = limber_journal_keeper_lock (journal->path, FALSE, &lock_error);
  if (lock_fd < 0)
    {
      /* Another process is backing it up or repairing it right now. */
      if (g_error_matches (lock_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&lock_error));
      return FALSE;
    }

  backups = limber_journal_backup_list (journal->path);
  for (guint i = 0; i < backups->len && newest_daily == NULL; i++)
    {
      const LimberBackupInfo *info = g_ptr_array_index (backups, i);

      if (info->revision >= 0 && g_strcmp0 (info->reason, "daily") == 0)
        newest_daily = info;
    }

  /* The backup is labelled with the calendar day of @now, which is not
   * @today in the hours before a late day rollover: either one means the
   * day has its backup. */
  calendar_day = g_date_time_format (now, "%Y-%m-%d");
  if (newest_daily != NULL &&
      (g_str_equal (newest_daily->made_day, today) || g_str_equal (newest_daily->made_day, calendar_day)))
    {
      limber_journal_keeper_unlock (lock_fd);
      return TRUE;
    }

  /* A copy of a damaged journal would pass for a good backup later. */
  done = limber_journal_keeper_check (journal, error) &&
         limber_journal_backup_write (journal->db, journal->path, "daily", now, NULL, error);
  if (done)
    limber_journal_backup_prune (journal->path);

  limber_journal_keeper_unlock (lock_fd);
  return done;
}

/* --- Salvage: reading what is left of a damaged file --- */

/* Whether the file at @path opens and passes integrity_check as it is
 * now, with its WAL. Read-only: it never writes to the file or its WAL.
 * The full check, not quick_check: a repair was asked for because
 * something found damage, and an index that disagrees with its table
 * (SQLITE_CORRUPT_INDEX) passes quick_check. */
static gboolean
file_is_good (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean good = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL) == SQLITE_OK &&
          sqlite3_step (statement) == SQLITE_ROW)
        good = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
    }

  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);
  return good;
}

static void
put_u32 (guint8  *at,
         guint32  value)
{
  at[0] = value >> 24;
  at[1] = value >> 16;
  at[2] = value >> 8;
  at[3] = value;
}

/* A copy of the file at @path with a new header, in @work, opened; or
 * %NULL. For a file whose first 100 bytes were overwritten: the pages
 * after them, the schema's among them, may be intact. */
static sqlite3 *
open_with_new_header (const char *path,
                      const char *work)
{
  static const guint page_sizes[] = { 4096, 1024, 2048, 8192, 16384, 32768, 65536, 512 };
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 1024)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (page_sizes); i++)
    {
      guint page_size = page_sizes[i];
      g_autofree char *name = g_strdup_printf ("salvage-%u.db", page_size);
      g_autofree char *copy = g_build_filename (work, name, NULL);
      guint8 *header = (guint8 *) contents;
      sqlite3 *db = NULL;
      sqlite3_stmt *statement = NULL;
      gboolean readable = FALSE;

      if (length % page_size != 0)
        continue;

      /* The fields SQLite checks, as a fresh rollback-mode database in
       * UTF-8 would have them; the size comes from the file. */
      memset (header, 0, 100);
      memcpy (header, "SQLite format 3", 16);
      header[16] = page_size == 65536 ? 0 : page_size >> 8;
      header[17] = page_size == 65536 ? 1 : page_size & 0xff;
      header[18] = 1;
      header[19] = 1;
      header[21] = 64;
      header[22] = 32;
      header[23] = 32;
      put_u32 (header + 24, 1);
      put_u32 (header + 28, length / page_size);
      put_u32 (header + 40, 1);
      put_u32 (header + 44, 4);
      put_u32 (header + 56, SQLITE_UTF8);
      put_u32 (header + 92, 1);
      put_u32 (header + 96, SQLITE_VERSION_NUMBER);

      if (!g_file_set_contents_full (copy, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
        return NULL;

      if (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
          sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE name IN ('pain_entry', 'break_event', 'stretch_session', 'factor', "
                                  "'day_factor', 'day_measure', 'life_change')",
                              -1, &statement, NULL) == SQLITE_OK &&
          sqlite3_step (statement) == SQLITE_ROW)
        readable = sqlite3_column_int (statement, 0) > 0;
      sqlite3_finalize (statement);

      if (readable)
        {
          g_debug ("%s read with a new header for pages of %u bytes", path, page_size);
          return db;
        }
      sqlite3_close_v2 (db);
      g_unlink (copy);
    }

  return NULL;
}

/* Opens the damaged file at @path for reading, or %NULL when nothing in
 * it can be read. */
static sqlite3 *
open_damaged (const char *path,
              const char *work)
{
  sqlite3 *db = NULL;
  int persist_wal = 1;
  int rc;

  /* Read-only: it never checkpoints into the damaged file nor deletes its
   * WAL, which another process may still be writing to. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
      rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    return db;

  g_debug ("Damaged journal %s: %s", path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  if ((rc & 0xff) == SQLITE_NOTADB)
    return open_with_new_header (path, work);
  return NULL;
}

/* Errors that say nothing about the rows: the file is busy, or memory ran
 * out. Every other error while reading is taken for damage. */
static gboolean
is_transient (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_INTERRUPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the first row from @id on can be read: 1 yes, 0 no, -1 the
 * file is busy. @statement selects from ?1 at most ?2 rows. */
static int
probe (sqlite3_stmt *statement,
       gint64        id)
{
  int rc;

  sqlite3_reset (statement);
  sqlite3_bind_int64 (statement, 1, id);
  sqlite3_bind_int (statement, 2, 1);
  rc = sqlite3_step (statement);
  sqlite3_reset (statement);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return 1;
  return is_transient (rc) ? -1 : 0;
}

static gint64
add_saturating (gint64 id,
                gint64 step)
{
  return id > G_MAXINT64 - step ? G_MAXINT64 : id + step;
}

/* Rows from @from on cannot be read: sets @from to the first id from
 * which they can, or returns 0 when none can; -1 when the file is busy.
 * Damage to one page of a table makes one range of ids unreadable, so
 * the search doubles its steps past it and halves them back to its
 * end, losing no readable row after it. */
static int
skip_unreadable (sqlite3_stmt *statement,
                 gint64       *from)
{
  gint64 bad = *from;
  gint64 good;
  gint64 step = 1;
  int found;

  for (;;)
    {
      if (bad == G_MAXINT64)
        return 0;
      good = add_saturating (bad, step);
      found = probe (statement, good);
      if (found != 0)
        break;
      bad = good;
      step = step > G_MAXINT64 / 2 ? G_MAXINT64 : step * 2;
    }
  if (found < 0)
    return -1;

  while ((guint64) good - (guint64) bad > 1)
    {
      gint64 middle = bad + (gint64) (((guint64) good - (guint64) bad) / 2);

      found = probe (statement, middle);
      if (found < 0)
        return -1;
      if (found > 0)
        good = middle;
      else
        bad = middle;
    }

  g_debug ("Rows with ids from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " cannot be read",
           *from, good - 1);
  *from = good;
  return 1;
}

typedef gboolean (*SalvageRow) (LimberJournal  *journal,
                                sqlite3_stmt   *row,
                                guint          *salvaged,
                                GError        **error);

/* Runs @write for one row under a savepoint, so that one bad row does not
 * undo the rows merged before it. A row the journal refuses is left out;
 * any other failure stops the salvage. */
static gboolean
write_row (LimberJournal  *journal,
           gboolean      (*write) (LimberJournal *, gconstpointer, gpointer, GError **),
           gconstpointer   row,
           gpointer        data,
           GError        **error)
{
  g_autoptr (GError) write_error = NULL;

  if (!limber_journal_exec (journal, "SAVEPOINT salvage_row", _("recovering entries"), error))
    return FALSE;

  if (write (journal, row, data, &write_error))
    return limber_journal_exec (journal, "RELEASE salvage_row", _("recovering entries"), error);

  if (!limber_journal_exec (journal, "ROLLBACK TO salvage_row", _("recovering entries"), error) ||
      !limber_journal_exec (journal, "RELEASE salvage_row", _("recovering entries"), error))
    return FALSE;

  if (g_error_matches (write_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT))
    {
      g_debug ("Salvaged row left out: %s", write_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&write_error));
  return FALSE;
}

/* Reads every row of one table that can still be read, by id, and hands
 * each to @salvage_row. @sql selects the rows with ids from ?1, at most ?2
 * of them, the id last; @fallback_sql does so for an older schema. */
static gboolean
salvage_table (sqlite3        *db,
               const char     *sql,
               const char     *fallback_sql,
               LimberJournal  *journal,
               SalvageRow      salvage_row,
               guint          *salvaged,
               GError        **error)
{
  sqlite3_stmt *statement = NULL;
  gint64 from = G_MININT64;
  gboolean more = TRUE;
  int id_column;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &statement, NULL);
  if (rc != SQLITE_OK && fallback_sql != NULL)
    rc = sqlite3_prepare_v2 (db, fallback_sql, -1, &statement, NULL);
  if (rc != SQLITE_OK)
    {
      /* The table or the schema is beyond reading. */
      g_debug ("Nothing salvaged with “%s”: %s", sql, sqlite3_errmsg (db));
      return TRUE;
    }
  id_column = sqlite3_column_count (statement) - 1;

  while (more)
    {
      guint rows = 0;
      int skipped;

      sqlite3_bind_int64 (statement, 1, from);
      sqlite3_bind_int (statement, 2, SALVAGE_BATCH);
      while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (statement, id_column);

          rows++;
          if (!salvage_row (journal, statement, salvaged, error))
            {
              sqlite3_finalize (statement);
              return FALSE;
            }
          if (id == G_MAXINT64)
            break;
          from = id + 1;
        }
      sqlite3_reset (statement);

      if (rc == SQLITE_ROW)
        break;
      if (rc == SQLITE_DONE)
        {
          more = rows == SALVAGE_BATCH;
          continue;
        }
      if (is_transient (rc))
        skipped = -1;
      else
        skipped = skip_unreadable (statement, &from);
      if (skipped < 0)
        {
          g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                               _("Another program kept the journal busy for too long while recovering entries. Try again."));
          sqlite3_finalize (statement);
          return FALSE;
        }
      more = skipped > 0;
    }

  sqlite3_finalize (statement);
  return TRUE;
}

static gboolean
text_of_length (sqlite3_stmt *row,
                int           column,
                gsize         length)
{
  return sqlite3_column_type (row, column) == SQLITE_TEXT &&
         (gsize) sqlite3_column_bytes (row, column) == length;
}

static gboolean
offset_is_valid (sqlite3_stmt *row,
                 int           column)
{
  gint64 offset = sqlite3_column_int64 (row, column);

  return sqlite3_column_type (row, column) == SQLITE_INTEGER && offset >= -86400 && offset <= 86400;
}

static gboolean
write_pain_entry (LimberJournal  *journal,
                  gconstpointer   row,
                  gpointer        data,
                  GError        **error)
{
  LimberImportCounts *counts = data;

  return limber_journal_merge_pain_entry (journal, row, FALSE, counts, error);
}

static gboolean
salvage_pain_entry (LimberJournal  *journal,
                    sqlite3_stmt   *row,
                    guint          *salvaged,
                    GError        **error)
{
  g_autoptr (LimberPainEntry) entry = NULL;
  LimberImportCounts counts = { 0 };

  /* The columns of LIMBER_JOURNAL_PAIN_COLUMNS. */
  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      (sqlite3_column_type (row, 8) != SQLITE_NULL && sqlite3_column_type (row, 8) != SQLITE_TEXT) ||
      !offset_is_valid (row, 10) || !offset_is_valid (row, 12))
    return TRUE;

  entry = limber_journal_read_pain_entry (row);
  if (!g_uuid_string_is_valid (entry->uuid) ||
      !limber_pain_entry_validate (entry, SALVAGE_LATEST_DAY, NULL))
    return TRUE;

  if (!write_row (journal, write_pain_entry, entry, &counts, error))
    return FALSE;
  *salvaged += counts.added + counts.updated;
  return TRUE;
}

static gboolean
write_break_event (LimberJournal  *journal,
                   gconstpointer   row,
                   gpointer        data,
                   GError        **error)
{
  gboolean *added = data;

  if (!limber_journal_write_break_event (journal, row, error))
    return FALSE;
  /* One already there is kept as it is. */
  *added = sqlite3_changes (journal->db) > 0;
  return TRUE;
}

static gboolean
salvage_break_event (LimberJournal  *journal,
                     sqlite3_stmt   *row,
                     guint          *salvaged,
                     GError        **error)
{
  LimberBreakEvent event = { 0 };
  const char *reminder = (const char *) sqlite3_column_text (row, 9);
  gboolean added = FALSE;

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      !limber_break_kind_from_name ((const char *) sqlite3_column_text (row, 2), &event.kind) ||
      !limber_break_outcome_from_name ((const char *) sqlite3_column_text (row, 3), &event.outcome) ||
      (reminder != NULL && !limber_reminder_outcome_from_name (reminder, &event.reminder)) ||
      !offset_is_valid (row, 5) || !offset_is_valid (row, 7))
    return TRUE;

  g_strlcpy (event.uuid, (const char *) sqlite3_column_text (row, 0), sizeof event.uuid);
  g_strlcpy (event.day, (const char *) sqlite3_column_text (row, 1), sizeof event.day);
  event.due_utc = sqlite3_column_int64 (row, 4);
  event.due_offset_s = sqlite3_column_int (row, 5);
  event.end_utc = sqlite3_column_int64 (row, 6);
  event.end_offset_s = sqlite3_column_int (row, 7);
  event.duration_s = sqlite3_column_int (row, 8);
  if (!limber_break_event_validate (&event, NULL))
    return TRUE;

  if (!write_row (journal, write_break_event, &event, &added, error))
    return FALSE;
  if (added)
    (*salvaged)++;
  return TRUE;
}

static gboolean
write_stretch_session (LimberJournal  *journal,
                       gconstpointer   row,
                       gpointer        data,
                       GError        **error)
{
  gboolean *added = data;

  if (!limber_journal_write_stretch_session (journal, row, error))
    return FALSE;
  *added = sqlite3_changes (journal->db) > 0;
  return TRUE;
}

static int
column_score (sqlite3_stmt *row,
              int           column)
{
  if (sqlite3_column_type (row, column) == SQLITE_NULL)
    return LIMBER_PAIN_SCORE_UNSET;
  return sqlite3_column_int (row, column);
}

static gboolean
salvage_stretch_session (LimberJournal  *journal,
                         sqlite3_stmt   *row,
                         guint          *salvaged,
                         GError        **error)
{
  g_autofree char *activity_id = NULL;
  LimberStretchSession session = { 0 };
  gboolean added = FALSE;
  int completed = sqlite3_column_int (row, 8);

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      sqlite3_column_type (row, 2) != SQLITE_TEXT || (completed != 0 && completed != 1) ||
      !offset_is_valid (row, 4) || !offset_is_valid (row, 6))
    return TRUE;

  activity_id = g_strdup ((const char *) sqlite3_column_text (row, 2));
  g_strlcpy (session.uuid, (const char *) sqlite3_column_text (row, 0), sizeof session.uuid);
  g_strlcpy (session.day, (const char *) sqlite3_column_text (row, 1), sizeof session.day);
  session.activity_id = activity_id;
  session.start_utc = sqlite3_column_int64 (row, 3);
  session.start_offset_s = sqlite3_column_int (row, 4);
  session.end_utc = sqlite3_column_int64 (row, 5);
  session.end_offset_s = sqlite3_column_int (row, 6);
  session.seconds_done = sqlite3_column_int (row, 7);
  session.completed = completed == 1;
  session.pain_before = column_score (row, 9);
  session.pain_after = column_score (row, 10);
  if (!limber_stretch_session_validate (&session, NULL))
    return TRUE;

  if (!write_row (journal, write_stretch_session, &session, &added, error))
    return FALSE;
  if (added)
    (*salvaged)++;
  return TRUE;
}

/* The factors and what refers to them go through the import's merge, one
 * row at a time so that a row the journal refuses is left out alone: by
 * UUID, a built-in factor by its key (the replacement has the built-ins
 * already), the newer version winning. */
static gboolean
write_factor_rows (LimberJournal  *journal,
                   gconstpointer   row,
                   gpointer        data,
                   GError        **error)
{
  return limber_journal_merge_factor_rows (journal, row, FALSE, data, error);
}

static gboolean
merge_factor_set (LimberJournal    *journal,
                  LimberImportSet  *set,
                  guint            *salvaged,
                  GError          **error)
{
  LimberImportCounts counts = { 0 };

  if (!write_row (journal, write_factor_rows, set, &counts, error))
    return FALSE;
  *salvaged += counts.added + counts.updated;
  return TRUE;
}

static LimberImportSet *
salvage_set_new (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return limber_import_set_new (now);
}

/* Whether @column holds text or NULL, as an optional text column does. */
static gboolean
text_or_null (sqlite3_stmt *row,
              int           column)
{
  return sqlite3_column_type (row, column) == SQLITE_TEXT || sqlite3_column_type (row, column) == SQLITE_NULL;
}

static char *
column_text_or_null (sqlite3_stmt *row,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (row, column));
}

/* Whether the created and updated times from @column on (utc, offset,
 * utc, offset) are ones a journal holds. */
static gboolean
times_are_valid (sqlite3_stmt *row,
                 int           column)
{
  return sqlite3_column_type (row, column) == SQLITE_INTEGER && offset_is_valid (row, column + 1) &&
         sqlite3_column_type (row, column + 2) == SQLITE_INTEGER && offset_is_valid (row, column + 3) &&
         limber_time_is_valid (sqlite3_column_int64 (row, column), sqlite3_column_int (row, column + 1)) &&
         limber_time_is_valid (sqlite3_column_int64 (row, column + 2), sqlite3_column_int (row, column + 3));
}

static gboolean
salvage_factor (LimberJournal  *journal,
                sqlite3_stmt   *row,
                guint          *salvaged,
                GError        **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  g_autoptr (LimberFactor) factor = NULL;
  int retired = sqlite3_column_int (row, 3);

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_or_null (row, 1) || !text_or_null (row, 2) ||
      sqlite3_column_type (row, 3) != SQLITE_INTEGER || (retired != 0 && retired != 1) ||
      !times_are_valid (row, 4))
    return TRUE;

  factor = g_new0 (LimberFactor, 1);
  g_strlcpy (factor->uuid, (const char *) sqlite3_column_text (row, 0), sizeof factor->uuid);
  factor->builtin = column_text_or_null (row, 1);
  factor->name = column_text_or_null (row, 2);
  factor->retired = retired == 1;
  factor->created_utc = sqlite3_column_int64 (row, 4);
  factor->created_offset_s = sqlite3_column_int (row, 5);
  factor->updated_utc = sqlite3_column_int64 (row, 6);
  factor->updated_offset_s = sqlite3_column_int (row, 7);
  if (!limber_uuid_is_valid (factor->uuid) ||
      (factor->builtin == NULL && factor->name == NULL) ||
      (factor->builtin != NULL && limber_factor_builtin_label (factor->builtin) == NULL) ||
      (factor->name != NULL && !limber_factor_name_validate (factor->name, NULL)))
    return TRUE;

  set = salvage_set_new ();
  g_ptr_array_add (set->factors, g_steal_pointer (&factor));
  return merge_factor_set (journal, set, salvaged, error);
}

static gboolean
salvage_day_factor (LimberJournal  *journal,
                    sqlite3_stmt   *row,
                    guint          *salvaged,
                    GError        **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  g_autoptr (LimberDayFactor) day_factor = NULL;

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      !text_of_length (row, 2, LIMBER_UUID_LENGTH) || !text_or_null (row, 3) ||
      (sqlite3_column_type (row, 4) != SQLITE_NULL && sqlite3_column_type (row, 4) != SQLITE_INTEGER) ||
      !times_are_valid (row, 5))
    return TRUE;

  day_factor = limber_day_factor_new ((const char *) sqlite3_column_text (row, 1),
                                      (const char *) sqlite3_column_text (row, 2));
  g_strlcpy (day_factor->uuid, (const char *) sqlite3_column_text (row, 0), sizeof day_factor->uuid);
  day_factor->medicine = column_text_or_null (row, 3);
  day_factor->doses = sqlite3_column_type (row, 4) == SQLITE_NULL ? 0 : sqlite3_column_int (row, 4);
  day_factor->created_utc = sqlite3_column_int64 (row, 5);
  day_factor->created_offset_s = sqlite3_column_int (row, 6);
  day_factor->updated_utc = sqlite3_column_int64 (row, 7);
  day_factor->updated_offset_s = sqlite3_column_int (row, 8);
  /* A day factor whose factor was lost is refused by the journal's
   * foreign key, and so left out. */
  if (!limber_uuid_is_valid (day_factor->uuid) ||
      !limber_day_factor_validate (day_factor, NULL))
    return TRUE;

  set = salvage_set_new ();
  g_ptr_array_add (set->day_factors, g_steal_pointer (&day_factor));
  return merge_factor_set (journal, set, salvaged, error);
}

static int
column_measure (sqlite3_stmt *row,
                int           column)
{
  if (sqlite3_column_type (row, column) != SQLITE_INTEGER)
    return LIMBER_MEASURE_UNSET;
  return (int) CLAMP (sqlite3_column_int64 (row, column), -2, G_MAXINT);
}

static gboolean
salvage_day_measures (LimberJournal  *journal,
                      sqlite3_stmt   *row,
                      guint          *salvaged,
                      GError        **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      !times_are_valid (row, 6))
    return TRUE;

  measures = limber_day_measures_new ((const char *) sqlite3_column_text (row, 1));
  g_strlcpy (measures->uuid, (const char *) sqlite3_column_text (row, 0), sizeof measures->uuid);
  measures->sleep_tenths = column_measure (row, 2);
  measures->sleep_quality = column_measure (row, 3);
  measures->stress = column_measure (row, 4);
  measures->desk_tenths = column_measure (row, 5);
  measures->created_utc = sqlite3_column_int64 (row, 6);
  measures->created_offset_s = sqlite3_column_int (row, 7);
  measures->updated_utc = sqlite3_column_int64 (row, 8);
  measures->updated_offset_s = sqlite3_column_int (row, 9);
  if (!limber_uuid_is_valid (measures->uuid) || limber_day_measures_is_empty (measures) ||
      !limber_day_measures_validate (measures, NULL))
    return TRUE;

  set = salvage_set_new ();
  g_ptr_array_add (set->day_measures, g_steal_pointer (&measures));
  return merge_factor_set (journal, set, salvaged, error);
}

static gboolean
salvage_life_change (LimberJournal  *journal,
                     sqlite3_stmt   *row,
                     guint          *salvaged,
                     GError        **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  g_autoptr (LimberLifeChange) change = NULL;

  if (!text_of_length (row, 0, LIMBER_UUID_LENGTH) || !text_of_length (row, 1, LIMBER_DAY_LENGTH) ||
      sqlite3_column_type (row, 2) != SQLITE_TEXT || !times_are_valid (row, 3))
    return TRUE;

  change = limber_life_change_new ((const char *) sqlite3_column_text (row, 1),
                                   (const char *) sqlite3_column_text (row, 2));
  g_strlcpy (change->uuid, (const char *) sqlite3_column_text (row, 0), sizeof change->uuid);
  change->created_utc = sqlite3_column_int64 (row, 3);
  change->created_offset_s = sqlite3_column_int (row, 4);
  change->updated_utc = sqlite3_column_int64 (row, 5);
  change->updated_offset_s = sqlite3_column_int (row, 6);
  if (!limber_uuid_is_valid (change->uuid) || !limber_life_change_validate (change, NULL))
    return TRUE;

  set = salvage_set_new ();
  g_ptr_array_add (set->life_changes, g_steal_pointer (&change));
  return merge_factor_set (journal, set, salvaged, error);
}

/* Merges every row still readable in the damaged file at @damaged_path
 * into @journal, in one transaction, counting what it added in @report. */
static gboolean
salvage (LimberJournal       *journal,
         const char          *damaged_path,
         const char          *work,
         LimberRepairReport  *report,
         GError             **error)
{
  LimberRepairReport counts = { 0 };
  sqlite3 *db = open_damaged (damaged_path, work);
  gboolean ok;

  if (db == NULL)
    return TRUE;

  if (!limber_journal_begin (journal, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  ok = salvage_table (db,
                      "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS ", id FROM pain_entry "
                      "WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_pain_entry, &counts.salvaged_pain_entries, error) &&
       salvage_table (db,
                      "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, "
                      "duration_s, reminder, id FROM break_event WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      /* Schema 1 had no reminder. */
                      "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, "
                      "duration_s, NULL, id FROM break_event WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      journal, salvage_break_event, &counts.salvaged_breaks, error) &&
       salvage_table (db,
                      "SELECT uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, "
                      "seconds_done, completed, pain_before, pain_after, id FROM stretch_session "
                      "WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_stretch_session, &counts.salvaged_stretches, error) &&
       /* Factors before the days that refer to them. A journal older
        * than schema 4 has none of these tables. */
       salvage_table (db,
                      "SELECT uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, "
                      "updated_offset_s, id FROM factor WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_factor, &counts.salvaged_factors, error) &&
       salvage_table (db,
                      "SELECT uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, "
                      "updated_utc, updated_offset_s, id FROM day_factor WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_day_factor, &counts.salvaged_day_factors, error) &&
       salvage_table (db,
                      "SELECT uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, created_utc, "
                      "created_offset_s, updated_utc, updated_offset_s, id FROM day_measure "
                      "WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_day_measures, &counts.salvaged_day_measures, error) &&
       salvage_table (db,
                      "SELECT uuid, day, text, created_utc, created_offset_s, updated_utc, updated_offset_s, "
                      "id FROM life_change WHERE id >= ?1 ORDER BY id LIMIT ?2",
                      NULL, journal, salvage_life_change, &counts.salvaged_life_changes, error);
  sqlite3_close_v2 (db);

  if (!ok)
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  if (!limber_journal_commit (journal, error))
    return FALSE;

  report->salvaged_pain_entries += counts.salvaged_pain_entries;
  report->salvaged_breaks += counts.salvaged_breaks;
  report->salvaged_stretches += counts.salvaged_stretches;
  report->salvaged_factors += counts.salvaged_factors;
  report->salvaged_day_factors += counts.salvaged_day_factors;
  report->salvaged_day_measures += counts.salvaged_day_measures;
  report->salvaged_life_changes += counts.salvaged_life_changes;
  g_debug ("Salvaged from %s: %u pain entries, %u breaks, %u stretches, %u factors, %u day factors, "
           "%u days of measures, %u life changes", damaged_path,
           counts.salvaged_pain_entries, counts.salvaged_breaks, counts.salvaged_stretches,
           counts.salvaged_factors, counts.salvaged_day_factors, counts.salvaged_day_measures,
           counts.salvaged_life_changes);
  return TRUE;
}

/* --- Repair --- */

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
count_rows (LimberJournal  *journal,
            const char     *table_name,
            guint          *count,
            GError        **error)
{
  gint64 n = limber_journal_count (journal, table_name, error);

  if (n < 0)
    return FALSE;
  *count = (guint) MIN (n, (gint64) G_MAXUINT);
  return TRUE;
}

/* The journal that takes the damaged one's place, at @path: the newest
 * backup that is good, or an empty journal. */
static LimberJournal *
make_replacement (const char          *journal_path,
                  const char          *path,
                  LimberRepairReport  *report,
                  GError             **error)
{
  g_autoptr (GPtrArray) backups = limber_journal_backup_list (journal_path);
  g_autoptr (LimberJournal) journal = NULL;

  for (guint i = 0; i < backups->len && journal == NULL; i++)
    {
      const LimberBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr (GError) restore_error = NULL;

      if (info->revision < 0 || !limber_journal_backup_is_good (info->path))
        continue;

      /* Opening brings an older backup's schema up to date. */
      if (limber_journal_backup_restore (info->path, path, &restore_error))
        journal = limber_journal_open (path, &restore_error);

      if (journal != NULL)
        report->restored_from = g_strdup (info->path);
      else
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_info ("Backup %s not restored: %s", info->path, restore_error->message);
          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
    }

  if (journal == NULL)
    {
      journal = limber_journal_open (path, error);
      if (journal == NULL)
        {
          if (error != NULL && *error != NULL)
            {
              g_autofree char *why = g_steal_pointer (&(*error)->message);

              /* Translators: the last %s says why. */
              (*error)->message = g_strdup_printf (_("The journal at %s is damaged, and no replacement could be made: %s"),
                                                   journal_path, why);
            }
          return NULL;
        }
    }

  if (!count_rows (journal, "pain_entry", &report->restored_pain_entries, error) ||
      !count_rows (journal, "break_event", &report->restored_breaks, error) ||
      !count_rows (journal, "stretch_session", &report->restored_stretches, error) ||
      !count_rows (journal, "day_factor", &report->restored_day_factors, error) ||
      !count_rows (journal, "day_measure", &report->restored_day_measures, error) ||
      !count_rows (journal, "life_change", &report->restored_life_changes, error))
    return NULL;

  return g_steal_pointer (&journal);
}

/* Closes the replacement, leaving it one complete file, on disk. */
static gboolean
close_replacement (LimberJournal  *journal,
                   const char     *path,
                   const char     *journal_path,
                   GError        **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3_stmt *statement = NULL;
  gboolean single_file = FALSE;
  int fd;
  int rc;

  /* Its WAL, left behind, would not follow it when it is renamed; out of
   * WAL mode everything is in the file itself. Opening it sets WAL mode
   * again. */
  rc = sqlite3_prepare_v2 (journal->db, "PRAGMA journal_mode = DELETE", -1, &statement, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      single_file = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "delete") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (journal, rc, _("recovering entries"), error);
      g_object_unref (journal);
      return FALSE;
    }
  g_object_unref (journal);

  if (!single_file || g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                   _("The repaired journal could not be put in place at %s: it is still in use"),
                   journal_path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The repaired journal could not be put in place at %s: %s"),
                   journal_path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A name for the damaged file that neither it nor its companions use. */
static char *
damaged_name (const char *journal_path,
              GDateTime  *now)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.damaged-%s", journal_path, stamp)
                                     : g_strdup_printf ("%s.damaged-%s-%u", journal_path, stamp, n);
      g_autofree char *wal = g_strconcat (name, "-wal", NULL);
      g_autofree char *shm = g_strconcat (name, "-shm", NULL);

      if (!g_file_test (name, G_FILE_TEST_EXISTS) && !g_file_test (wal, G_FILE_TEST_EXISTS) &&
          !g_file_test (shm, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

static void
sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Takes the damaged journal's write lock, so that no write lands in it
 * while it is replaced: a writer that gets the lock afterwards finds the
 * new file at the journal's path and writes there. %NULL when the lock
 * cannot be had; a file too damaged to lock cannot be written either. */
static sqlite3 *
hold_writers (const char *journal_path)
{
  sqlite3 *db = NULL;
  int persist_wal = 1;
  int rc;

  rc = sqlite3_open_v2 (journal_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      /* Closing it never checkpoints into the damaged file, nor deletes
       * the -wal and -shm by name, which after the swap are the new
       * journal's. (SQLite also leaves them alone once it sees the file
       * has moved; this holds when the swap failed too.) */
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist_wal);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_debug ("No write lock on %s: %s", journal_path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static void
release_writers (sqlite3 *db)
{
  if (db == NULL)
    return;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
}

/* Moves the damaged journal and its -wal and -shm to @damaged_path and
 * puts @replacement in its place. On failure everything is as before. */
static gboolean
swap_in (const char  *journal_path,
         const char  *replacement,
         const char  *damaged_path,
         GError     **error)
{
  static const char *companions[] = { "-wal", "-shm" };
  gboolean moved[G_N_ELEMENTS (companions)] = { FALSE };
  gboolean linked = FALSE;
  gboolean renamed = FALSE;
  int saved_errno = 0;

  /* The companions first: the new file must never meet the old WAL or
   * shared memory under the journal's name. A process that has the old
   * file open keeps them through its descriptors. */
  for (guint i = 0; i < G_N_ELEMENTS (companions) && saved_errno == 0; i++)
    {
      g_autofree char *from = g_strconcat (journal_path, companions[i], NULL);
      g_autofree char *to = g_strconcat (damaged_path, companions[i], NULL);

      if (g_rename (from, to) == 0)
        moved[i] = TRUE;
      else if (errno != ENOENT)
        saved_errno = errno;
    }

  /* Linked to its new name first, and then replaced in one rename, so
   * that the journal's name never points at nothing. Where links are not
   * supported, it is moved. */
  if (saved_errno == 0)
    {
      if (link (journal_path, damaged_path) == 0)
        linked = TRUE;
      else if (g_rename (journal_path, damaged_path) == 0)
        renamed = TRUE;
      else if (errno != ENOENT)
        saved_errno = errno;
    }

  if (saved_errno != 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The journal at %s is damaged and could not be moved aside: %s"),
                   journal_path, g_strerror (saved_errno));
    }
  else if (g_rename (replacement, journal_path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The repaired journal could not be put in place at %s: %s"),
                   journal_path, g_strerror (saved_errno));
    }

  if (saved_errno != 0)
    {
      if (linked)
        g_unlink (damaged_path);
      if (renamed)
        g_rename (damaged_path, journal_path);
      for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
        {
          g_autofree char *from = g_strconcat (damaged_path, companions[i], NULL);
          g_autofree char *to = g_strconcat (journal_path, companions[i], NULL);

          if (moved[i])
            g_rename (from, to);
        }
      return FALSE;
    }

  sync_folder_of (journal_path);
  return TRUE;
}

/* The damaged file is kept for the person to look at: as private as the
 * journal is meant to be, whatever mode it had. */
static void
tighten_damaged (const char *damaged_path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *kept = g_strconcat (damaged_path, suffixes[i], NULL);

      limber_journal_tighten_file (kept);
    }
}

LimberRepairReport *
limber_journal_keeper_repair (const char  *journal_path,
                              GDateTime   *now,
                              GError     **error)
{
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (LimberJournal) replacement = NULL;
  g_autoptr (LimberJournal) repaired = NULL;
  g_autoptr (GError) late_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *work = NULL;
  g_autofree char *replacement_path = NULL;
  g_autofree char *damaged_path = NULL;
  sqlite3 *writers;
  gboolean swapped;
  int lock_fd;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lock_fd = limber_journal_keeper_lock (journal_path, TRUE, error);
  if (lock_fd < 0)
    return NULL;

  report = g_new0 (LimberRepairReport, 1);

  /* Another process may have repaired it while this one waited. */
  if (!g_file_test (journal_path, G_FILE_TEST_EXISTS) || file_is_good (journal_path))
    {
      limber_journal_keeper_unlock (lock_fd);
      return g_steal_pointer (&report);
    }

  /* The new journal is built beside the old one, in a folder of its own
   * that holds its companion files too, so that it can be renamed into
   * place on the same file system. */
  dir = g_path_get_dirname (journal_path);
  base = g_path_get_basename (journal_path);
  work = g_strdup_printf ("%s%s.%s.repair-XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The journal at %s is damaged, and no replacement can be made in %s: %s"),
                   journal_path, dir, g_strerror (saved_errno));
      limber_journal_keeper_unlock (lock_fd);
      return NULL;
    }
  replacement_path = g_build_filename (work, base, NULL);

  replacement = make_replacement (journal_path, replacement_path, report, error);
  if (replacement == NULL ||
      !salvage (replacement, journal_path, work, report, error) ||
      !close_replacement (g_steal_pointer (&replacement), replacement_path, journal_path, error))
    goto failed;

  damaged_path = damaged_name (journal_path, now);
  writers = hold_writers (journal_path);
  swapped = swap_in (journal_path, replacement_path, damaged_path, error);
  release_writers (writers);
  if (!swapped)
    goto failed;
  report->damaged_path = g_steal_pointer (&damaged_path);
  tighten_damaged (report->damaged_path);
  g_info ("Damaged journal %s moved to %s; restored from %s", journal_path,
          report->damaged_path, report->restored_from ? report->restored_from : "nothing");

  if (replaced_hook != NULL)
    replaced_hook (journal_path, report->damaged_path, replaced_hook_data);

  /* Writes committed to the old file after the first salvage, before the
   * swap, are in the moved file now. Merging again adds only what is new;
   * the damaged file keeps them in any case. */
  repaired = limber_journal_open (journal_path, &late_error);
  if (repaired == NULL || !salvage (repaired, report->damaged_path, work, report, &late_error))
    g_warning ("Rows written to %s during its repair may be missing from the journal: %s",
               report->damaged_path, late_error->message);

  /* What was salvaged is in no backup yet. */
  if (repaired != NULL)
    {
      g_clear_error (&late_error);
      if (limber_journal_backup_write (repaired->db, journal_path, "repair", now, NULL, &late_error))
        limber_journal_backup_prune (journal_path);
      else
        g_info ("No backup after the repair: %s", late_error->message);
    }

  remove_tree (work);
  limber_journal_keeper_unlock (lock_fd);
  return g_steal_pointer (&report);

failed:
  g_clear_object (&replacement);
  remove_tree (work);
  limber_journal_keeper_unlock (lock_fd);
  return NULL;
}

LimberJournal *
limber_journal_keeper_open (const char          *journal_path,
                            LimberRepairReport **report,
                            GError             **error)
{
  g_autoptr (LimberRepairReport) repair = NULL;
  g_autoptr (GError) open_error = NULL;
  g_autoptr (GDateTime) now = NULL;
  LimberJournal *journal;

  g_return_val_if_fail (journal_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (report != NULL)
    *report = NULL;

  journal = limber_journal_open (journal_path, &open_error);
  if (journal != NULL)
    return journal;
  if (!g_error_matches (open_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }

  g_info ("%s", open_error->message);
  now = g_date_time_new_now_local ();
  repair = limber_journal_keeper_repair (journal_path, now, error);
  if (repair == NULL)
    return NULL;

  journal = limber_journal_open (journal_path, error);
  if (journal == NULL)
    return NULL;

  if (report != NULL && repair->damaged_path != NULL)
    *report = g_steal_pointer (&repair);
  return journal;
}

/* "28 November 2026" for the backup at @path, by the day in its name. */
static char *
backup_day_text (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GDateTime) time = NULL;
  char day[LIMBER_DAY_LENGTH + 1];
  GDate date;

  if (!g_str_has_prefix (name, "journal-") || strlen (name) < strlen ("journal-") + LIMBER_DAY_LENGTH)
    return g_steal_pointer (&name);
  memcpy (day, name + strlen ("journal-"), LIMBER_DAY_LENGTH);
  day[LIMBER_DAY_LENGTH] = '\0';
  if (!limber_day_is_valid (day))
    return g_steal_pointer (&name);

  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: the day a backup was made, a strftime format, see
   * g_date_time_format(). */
  return g_date_time_format (time, _("%-d %B %Y"));
}

char *
limber_repair_report_describe (const LimberRepairReport *report)
{
  guint n_restored;
  guint n_salvaged;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->damaged_path == NULL)
    return NULL;

  /* Every journal has the built-in factors, so factors count as recovered
   * (one of the person's own, or a built-in renamed) but not as held. */
  n_restored = report->restored_pain_entries + report->restored_breaks + report->restored_stretches +
               report->restored_day_factors + report->restored_day_measures + report->restored_life_changes;
  n_salvaged = report->salvaged_pain_entries + report->salvaged_breaks + report->salvaged_stretches +
               report->salvaged_factors + report->salvaged_day_factors + report->salvaged_day_measures +
               report->salvaged_life_changes;

  /* Each case is one text, so that a translator sees both sentences. */
  if (report->restored_from != NULL)
    {
      g_autofree char *day = backup_day_text (report->restored_from);
      /* Translators: how much the backup held; entries are pain entries,
       * breaks, stretches, factors done on a day, how days were and
       * changes noted. */
      g_autofree char *held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n_restored),
                                               n_restored);

      if (n_salvaged > 0)
        /* Translators: the first %s is the day of the backup, such as
         * “28 November 2026”, the second how much it held, such as
         * “12 entries”, the last the file the damaged journal was moved
         * to; the plural follows %u. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The journal was damaged and has been restored from the backup of %s, which held %s. "
                                             "%u entry was recovered from the damaged file, which is kept as %s.",
                                             "The journal was damaged and has been restored from the backup of %s, which held %s. "
                                             "%u entries were recovered from the damaged file, which is kept as %s.",
                                             n_salvaged),
                                day, held, n_salvaged, report->damaged_path);
      /* Translators: the first %s is the day of the backup, such as
       * “28 November 2026”, the second how much it held, such as
       * “12 entries”, the last the file the damaged journal was moved
       * to. */
      return g_strdup_printf (_("The journal was damaged and has been restored from the backup of %s, which held %s. "
                                "Nothing could be recovered from the damaged file, which is kept as %s."),
                              day, held, report->damaged_path);
    }

  if (n_salvaged > 0)
    /* Translators: %s is the file the damaged journal was moved to. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The journal was damaged and there was no good backup to restore. "
                                         "%u entry was recovered from the damaged file, which is kept as %s.",
                                         "The journal was damaged and there was no good backup to restore. "
                                         "%u entries were recovered from the damaged file, which is kept as %s.",
                                         n_salvaged),
                            n_salvaged, report->damaged_path);
  /* Translators: %s is the file the damaged journal was moved to. */
  return g_strdup_printf (_("The journal was damaged and there was no good backup to restore. "
                            "Nothing could be recovered from the damaged file, which is kept as %s."),
                          report->damaged_path);
}
