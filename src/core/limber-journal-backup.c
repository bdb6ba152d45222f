/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-day.h"
#include "limber-journal-backup.h"
#include "limber-journal-private.h"

/* Backups are made by whichever process is the journal's keeper at the
 * time, and sometimes by two at once (the daemon and the command line).
 * They take turns through a lock on backups/.lock, held from choosing the
 * revision to renaming the finished copy into place, so that revisions
 * follow the order in which the copies were taken. */

#define DAILY_KEPT  7
#define WEEKLY_KEPT 4
#define OTHER_KEPT  3

/* Temporary copies start with a dot: never listed as backups, and any
 * found while the lock is held were left by a process that died. */
#define TEMP_PREFIX ".journal-backup-"

void
limber_backup_info_free (LimberBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->reason);
  g_free (info);
}

static char *
backups_dir_for (const char *journal_path)
{
  g_autofree char *dir = g_path_get_dirname (journal_path);

  return g_build_filename (dir, "backups", NULL);
}

static gboolean
reason_is_valid (const char *reason)
{
  /* It becomes part of a file name. */
  if (reason == NULL || *reason == '\0' || strlen (reason) > 32)
    return FALSE;
  for (const char *c = reason; *c != '\0'; c++)
    {
      if (!g_ascii_islower (*c))
        return FALSE;
    }
  return TRUE;
}

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *dir)
{
  LimberJournalError code = limber_journal_error_code_for_errno (saved_errno);

  if (code == LIMBER_JOURNAL_ERROR_FULL)
    g_set_error (error, LIMBER_JOURNAL_ERROR, code,
                 _("The disk is full, so no backup could be written in %s. Free some space and try again."),
                 dir);
  else
    g_set_error (error, LIMBER_JOURNAL_ERROR, code,
                 _("No backup can be written in %s: %s"), dir, g_strerror (saved_errno));
}

/* @rc came from copying the journal @journal_path into a backup in @dir
 * through the connection @db. */
static void
set_sqlite_error (GError     **error,
                  int          rc,
                  sqlite3     *db,
                  const char  *journal_path,
                  const char  *dir)
{
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      set_write_error (error, ENOSPC, dir);
      return;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      /* A quota or a file size limit reads as a write error. */
      if (system_errno != 0)
        {
          set_write_error (error, system_errno, dir);
          return;
        }
      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   (rc & 0xff) == SQLITE_IOERR ? LIMBER_JOURNAL_ERROR_FAILED : LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("No backup can be written in %s: %s"), dir, detail);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                   _("No backup was made: the journal at %s is damaged (%s)."),
                   journal_path, detail);
      return;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                   _("No backup was made: another program kept the journal at %s busy (%s)."),
                   journal_path, detail);
      return;

    default:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                   _("No backup can be written in %s: %s"), dir, detail);
      return;
    }
}

/* Opens @path read-only as it is on disk: immutable, so that reading a
 * backup takes no locks and leaves no -wal or -shm file beside it. */
static int
open_immutable (const char  *path,
                sqlite3    **db)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *immutable = NULL;
  int rc;

  *db = NULL;
  if (uri == NULL)
    return SQLITE_CANTOPEN;
  immutable = g_strconcat (uri, "?immutable=1", NULL);

  rc = sqlite3_open_v2 (immutable, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (*db);
      *db = NULL;
    }
  return rc;
}

gboolean
limber_journal_backup_is_good (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean good = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  if (open_immutable (path, &db) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    good = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;

  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);
  return good;
}

/* The day in a name of the backups made before revisions existed,
 * journal-YYYY-MM-DD.db, or %FALSE. */
static gboolean
legacy_day (const char *name,
            char        day[LIMBER_DAY_LENGTH + 1])
{
  if (strlen (name) != strlen ("journal-YYYY-MM-DD.db") ||
      !g_str_has_prefix (name, "journal-") || !g_str_has_suffix (name, ".db"))
    return FALSE;

  memcpy (day, name + strlen ("journal-"), LIMBER_DAY_LENGTH);
  day[LIMBER_DAY_LENGTH] = '\0';
  return limber_day_is_valid (day);
}

/* The revision a backup's name claims, -rN.db, or 0. Only used to keep a
 * new name from clashing with an old one. */
static gint64
name_revision (const char *name)
{
  const char *r = g_strrstr (name, "-r");
  guint64 revision = 0;
  char *end = NULL;

  if (r == NULL || !g_ascii_isdigit (r[2]))
    return 0;
  revision = g_ascii_strtoull (r + 2, &end, 10);
  if (end == NULL || strcmp (end, ".db") != 0 || revision > G_MAXINT64 / 2)
    return 0;
  return (gint64) revision;
}

static LimberBackupInfo *
read_info (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  LimberBackupInfo *info = g_new0 (LimberBackupInfo, 1);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int rc;

  info->path = g_strdup (path);
  info->revision = -1;

  rc = open_immutable (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT revision, made_utc, made_day, reason FROM limber_backup LIMIT 1",
                             -1, &statement, NULL);

  if (rc == SQLITE_OK && sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (statement, 2);
      const char *reason = (const char *) sqlite3_column_text (statement, 3);
      gint64 revision = sqlite3_column_int64 (statement, 0);

      if (sqlite3_column_type (statement, 0) == SQLITE_INTEGER && revision > 0 &&
          day != NULL && limber_day_is_valid (day) && reason_is_valid (reason))
        {
          info->revision = revision;
          info->made_utc = sqlite3_column_int64 (statement, 1);
          g_strlcpy (info->made_day, day, sizeof info->made_day);
          info->reason = g_strdup (reason);
        }
    }
  else if (rc == SQLITE_ERROR && legacy_day (name, info->made_day))
    {
      /* A readable database without the table: a backup from before
       * revisions, dated only by its name. */
      g_autoptr (GDateTime) midnight = NULL;
      GDate date;

      limber_day_to_date (info->made_day, &date);
      midnight = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 0, 0, 0);
      info->revision = 0;
      info->made_utc = g_date_time_to_unix (midnight);
      info->reason = g_strdup ("daily");
    }

  if (info->revision < 0)
    {
      g_debug ("Backup %s cannot be read: %s", path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      info->made_day[0] = '\0';
    }

  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);
  return info;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const LimberBackupInfo *first = *(LimberBackupInfo * const *) a;
  const LimberBackupInfo *second = *(LimberBackupInfo * const *) b;
  int by_day;

  /* Unreadable ones have -1 and come last. */
  if (first->revision != second->revision)
    return first->revision > second->revision ? -1 : 1;
  by_day = strcmp (second->made_day, first->made_day);
  if (by_day != 0)
    return by_day;
  return strcmp (second->path, first->path);
}

static gboolean
is_backup_name (const char *name)
{
  return name[0] != '.' && g_str_has_prefix (name, "journal-") && g_str_has_suffix (name, ".db");
}

/* The backups in @dir, newest first; the highest revision any name claims
 * in @name_revision_max. */
static GPtrArray *
list_dir (const char *dir,
          gint64     *name_revision_max)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_backup_info_free);
  const char *name;

  if (name_revision_max != NULL)
    *name_revision_max = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!is_backup_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      if (name_revision_max != NULL)
        *name_revision_max = MAX (*name_revision_max, name_revision (name));
      g_ptr_array_add (backups, read_info (path));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

GPtrArray *
limber_journal_backup_list (const char *journal_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  dir = backups_dir_for (journal_path);
  return list_dir (dir, NULL);
}

/* Takes the folder's lock, waiting for it; the descriptor or -1. */
static int
lock_folder (const char  *dir,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, ".lock", NULL);
  int fd = limber_journal_open_own_file (path, O_RDWR, LIMBER_OWN_FILE_CREATE | LIMBER_OWN_FILE_TIGHTEN, error);
  int saved_errno;

  if (fd < 0)
    {
      g_prefix_error (error, _("The lock file %s cannot be opened: "), path);
      return -1;
    }

  while (flock (fd, LOCK_EX) != 0)
    {
      if (errno == EINTR)
        continue;
      saved_errno = errno;
      close (fd);
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The lock file %s cannot be opened: %s"), path, g_strerror (saved_errno));
      return -1;
    }

  return fd;
}

static void
unlock_folder (int fd)
{
  if (fd < 0)
    return;
  flock (fd, LOCK_UN);
  close (fd);
}

/* Removes the temporary copies of backups that did not finish, and
 * tightens backups made readable by others (by an older Limber, or a
 * copy) to their owner alone. */
static void
tidy_folder (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (name, TEMP_PREFIX))
        {
          g_debug ("Removing %s, left by a backup that did not finish", path);
          g_unlink (path);
        }
      else if (is_backup_name (name))
        limber_journal_tighten_file (path);
    }
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* The rename is only durable once the folder is. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static int
copy_database (sqlite3    *from,
               sqlite3    *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc, finish_rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (to);

  /* In one step: the copy is of one moment. A writer elsewhere holding the
   * journal briefly is waited for. */
  for (int tries = 0; ; tries++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || tries >= 100)
        break;
      sqlite3_sleep (50);
    }
  finish_rc = sqlite3_backup_finish (backup);

  return rc == SQLITE_DONE ? finish_rc : rc;
}

/* Writes the limber_backup row into the copy @db. */
static int
label_copy (sqlite3    *db,
            gint64      revision,
            GDateTime  *now,
            const char *made_day,
            const char *reason)
{
  sqlite3_stmt *statement = NULL;
  int rc;

  /* A backup is one self-contained file: the journal's WAL mode came
   * along with its first page. */
  rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; "
                         "BEGIN IMMEDIATE; "
                         /* A backup of a journal restored from a backup
                          * already has one. */
                         "DROP TABLE IF EXISTS limber_backup; "
                         "CREATE TABLE limber_backup ("
                         "  revision INTEGER NOT NULL,"
                         "  made_utc INTEGER NOT NULL,"
                         "  made_day TEXT NOT NULL,"
                         "  reason TEXT NOT NULL"
                         ") STRICT",
                     NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO limber_backup (revision, made_utc, made_day, reason) "
                                 "VALUES (?1, ?2, ?3, ?4)", -1, &statement, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (statement, 1, revision);
      sqlite3_bind_int64 (statement, 2, g_date_time_to_unix (now));
      sqlite3_bind_text (statement, 3, made_day, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 4, reason, -1, SQLITE_STATIC);
      rc = sqlite3_step (statement);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  return rc;
}

gboolean
limber_journal_backup_write (sqlite3     *db,
                             const char  *journal_path,
                             const char  *reason,
                             GDateTime   *now,
                             char       **out_path,
                             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *made_day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  sqlite3 *copy = NULL;
  gint64 revision;
  int folder_errno;
  int lock_fd = -1;
  int fd = -1;
  int rc;
  gboolean done = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (journal_path != NULL, FALSE);
  g_return_val_if_fail (reason_is_valid (reason), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_path != NULL)
    *out_path = NULL;

  /* Health data: the backups are their owner's alone, like the journal;
   * a folder others may look into is tightened. */
  dir = backups_dir_for (journal_path);
  folder_errno = limber_journal_make_private_folder (dir);
  if (folder_errno != 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (folder_errno),
                   _("The backup folder %s cannot be created: %s"), dir, g_strerror (folder_errno));
      return FALSE;
    }

  lock_fd = lock_folder (dir, error);
  if (lock_fd < 0)
    return FALSE;
  tidy_folder (dir);

  temp = g_build_filename (dir, TEMP_PREFIX "XXXXXX.db", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, errno, dir);
      g_clear_pointer (&temp, g_free);
      goto out;
    }

  rc = sqlite3_open_v2 (temp, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (copy, 1);
      rc = copy_database (db, copy);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, copy, journal_path, dir);
      goto out;
    }

  {
    gint64 name_max = 0;

    backups = list_dir (dir, &name_max);
    revision = name_max;
    for (guint i = 0; i < backups->len; i++)
      revision = MAX (revision, ((LimberBackupInfo *) g_ptr_array_index (backups, i))->revision);
    revision++;
  }

  made_day = g_date_time_format (now, "%Y-%m-%d");
  rc = label_copy (copy, revision, now, made_day, reason);
  if (rc == SQLITE_OK)
    rc = sqlite3_close (copy);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, copy, journal_path, dir);
      goto out;
    }
  copy = NULL;

  if (fsync (fd) != 0)
    {
      set_write_error (error, errno, dir);
      goto out;
    }

  name = g_strdup_printf ("journal-%s-%s-r%" G_GINT64_FORMAT ".db", made_day, reason, revision);
  path = g_build_filename (dir, name, NULL);
  /* Under the lock no one else names a backup, and no name claims this
   * revision or a higher one, so nothing is replaced. */
  if (g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The backup %s could not be put in place: %s"), path, g_strerror (saved_errno));
      goto out;
    }
  g_clear_pointer (&temp, g_free);
  sync_folder (dir);
  done = TRUE;

out:
  if (copy != NULL)
    sqlite3_close_v2 (copy);
  if (fd >= 0)
    close (fd);
  if (temp != NULL)
    {
      g_autofree char *rollback_journal = g_strconcat (temp, "-journal", NULL);

      g_unlink (temp);
      g_unlink (rollback_journal);
    }
  unlock_folder (lock_fd);

  if (done && out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return done;
}

gboolean
limber_journal_backup_restore (const char  *backup_path,
                               const char  *dest_path,
                               GError     **error)
{
  g_autofree char *rollback_journal = NULL;
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  int fd;
  int rc;
  int saved_errno = 0;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Created here, 0600, before SQLite would create it with the umask's
   * mode; and never over a file that is there. */
  fd = g_open (dest_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The backup %s cannot be restored: %s"), backup_path, g_strerror (saved_errno));
      return FALSE;
    }

  rc = open_immutable (backup_path, &from);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (dest_path, &to, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (to, 1);
      rc = copy_database (from, to);
    }
  /* A journal carries no backup label: its own backups add a fresh one. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (to, "DROP TABLE IF EXISTS limber_backup", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3 *failed = to != NULL ? to : from;
      int system_errno = failed != NULL ? sqlite3_system_errno (failed) : 0;

      g_set_error (error, LIMBER_JOURNAL_ERROR,
                   system_errno != 0 ? limber_journal_error_code_for_errno (system_errno) : LIMBER_JOURNAL_ERROR_FAILED,
                   _("The backup %s cannot be restored: %s"), backup_path,
                   failed != NULL ? sqlite3_errmsg (failed) : sqlite3_errstr (rc));
    }

  sqlite3_close_v2 (from);
  if (to != NULL && sqlite3_close (to) != SQLITE_OK)
    sqlite3_close_v2 (to);

  if (rc == SQLITE_OK && fsync (fd) != 0)
    {
      saved_errno = errno;
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The backup %s cannot be restored: %s"), backup_path, g_strerror (saved_errno));
      rc = SQLITE_IOERR;
    }
  close (fd);

  if (rc != SQLITE_OK)
    {
      rollback_journal = g_strconcat (dest_path, "-journal", NULL);
      g_unlink (dest_path);
      g_unlink (rollback_journal);
      return FALSE;
    }

  return TRUE;
}

/* The ISO 8601 week of @day as year * 100 + week, or -1. */
static int
iso_week (const char *day)
{
  GDate date;
  GDate thursday;
  GDateWeekday weekday;

  if (!limber_day_is_valid (day))
    return -1;

  limber_day_to_date (day, &date);
  /* The week belongs to the year its Thursday is in. */
  thursday = date;
  weekday = g_date_get_weekday (&date);
  if (weekday < G_DATE_THURSDAY)
    g_date_add_days (&thursday, G_DATE_THURSDAY - weekday);
  else
    g_date_subtract_days (&thursday, weekday - G_DATE_THURSDAY);

  return g_date_get_year (&thursday) * 100 + (int) g_date_get_iso8601_week_of_year (&date);
}

static int
compare_weeks_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return GPOINTER_TO_INT (b) - GPOINTER_TO_INT (a);
}

void
limber_journal_backup_prune (const char *journal_path)
{
  g_autofree char *dir = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GHashTable) keep = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) covered = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) weekly = g_hash_table_new (NULL, NULL);
  g_autoptr (GList) weeks = NULL;
  g_autoptr (GError) error = NULL;
  guint dailies = 0;
  guint others = 0;
  guint weeks_kept = 0;
  int newest_week = -1;
  int lock_fd;

  g_return_if_fail (journal_path != NULL);

  dir = backups_dir_for (journal_path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return;

  lock_fd = lock_folder (dir, &error);
  if (lock_fd < 0)
    {
      g_debug ("Backups not pruned: %s", error->message);
      return;
    }

  /* Everything by revision, the order the backups were made in: a clock
   * that was wrong for a while must neither keep a backup forever nor
   * push the real recent ones out. */
  backups = list_dir (dir, NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      LimberBackupInfo *info = g_ptr_array_index (backups, i);
      int week = iso_week (info->made_day);

      if (info->revision < 0)
        {
          /* Nothing says how old it is; a person may want to look. */
          g_hash_table_add (keep, info);
          continue;
        }

      if (g_strcmp0 (info->reason, "daily") != 0)
        {
          if (others++ < OTHER_KEPT)
            g_hash_table_add (keep, info);
          continue;
        }

      if (dailies++ < DAILY_KEPT)
        {
          g_hash_table_add (keep, info);
          g_hash_table_add (covered, GINT_TO_POINTER (week));
          if (newest_week < 0)
            newest_week = week;
          continue;
        }

      /* Weekly ones stand for the weeks before the newest daily one's; a
       * later day came from a clock that was ahead. The first found of a
       * week is its newest. */
      if (week < 0 || week >= newest_week || g_hash_table_contains (covered, GINT_TO_POINTER (week)))
        continue;
      if (!g_hash_table_contains (weekly, GINT_TO_POINTER (week)))
        g_hash_table_insert (weekly, GINT_TO_POINTER (week), info);
    }

  weeks = g_list_sort (g_hash_table_get_keys (weekly), compare_weeks_newest_first);
  for (GList *l = weeks; l != NULL && weeks_kept < WEEKLY_KEPT; l = l->next, weeks_kept++)
    g_hash_table_add (keep, g_hash_table_lookup (weekly, l->data));

  for (guint i = 0; i < backups->len; i++)
    {
      LimberBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_hash_table_contains (keep, info))
        continue;
      if (g_unlink (info->path) != 0 && errno != ENOENT)
        g_debug ("Backup %s not deleted: %s", info->path, g_strerror (errno));
    }

  unlock_folder (lock_fd);
}
