/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-journal-backup.h"
#include "limber-journal-factors.h"
#include "limber-journal-keeper-private.h"
#include "limber-journal-keeper.h"
#include "limber-journal-writer.h"
#include "limber-test-util.h"

/* The keeper on real SQLite files in a temporary folder: backups in the
 * order they were made whatever the clock said, two backups at once,
 * repairs that restore the newest good backup and recover every row still
 * readable in the damaged file (also rows written to it during the
 * repair), the lock, and the check. */

typedef struct
{
  char *dir;
  char *path;
  char *backups;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-keeper-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "limber", "journal.db", NULL);
  fixture->backups = g_build_filename (fixture->dir, "limber", "backups", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  limber_journal_keeper_set_replaced_hook (NULL, NULL);
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->backups);
}

static GDateTime *
day_at_noon (int year,
             int month,
             int day)
{
  return g_date_time_new_utc (year, month, day, 12, 0, 0);
}

static LimberJournal *
open_journal (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
add_break (LimberJournal *journal,
           const char    *day,
           int            i)
{
  g_autoptr (GError) error = NULL;
  LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
                             .due_utc = 1764000000 + i * 600, .end_utc = 1764000045 + i * 600,
                             .duration_s = 45, .reminder = LIMBER_REMINDER_ACTION };

  g_strlcpy (event.day, day, sizeof event.day);
  limber_journal_add_break_event (journal, &event, &error);
  g_assert_no_error (error);
  return g_strdup (event.uuid);
}

/* Many breaks in one transaction, as fast as the disk allows. */
static void
add_breaks (const char *path,
            guint       n,
            GPtrArray  *uuids)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, "
    "duration_s, reminder) VALUES (?1, '2026-11-02', 'micro', 'taken', ?2, 3600, ?2 + 45, 3600, 45, 'action')",
    -1, &statement, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_reset (statement);
      sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (statement, 2, 1764000000 + i * 600);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
      if (uuids != NULL)
        g_ptr_array_add (uuids, g_steal_pointer (&uuid));
    }
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
add_stretch (LimberJournal *journal,
             const char    *day)
{
  g_autoptr (GError) error = NULL;
  LimberStretchSession session = { .activity_id = (char *) "wall-angels",
                                   .start_utc = 1764000000, .end_utc = 1764000120,
                                   .seconds_done = 120, .completed = TRUE,
                                   .pain_before = 5, .pain_after = LIMBER_PAIN_SCORE_UNSET };

  g_strlcpy (session.day, day, sizeof session.day);
  g_assert_true (limber_journal_add_stretch_session (journal, &session, &error));
  g_assert_no_error (error);
  return g_strdup (session.uuid);
}

static void
save_pain (LimberJournal *journal,
           const char    *day,
           int            average,
           GDateTime     *now)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GError) error = NULL;

  entry->average = average;
  entry->worst = LIMBER_PAIN_SCORE_UNSET;
  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}

/* One integer that @sql, with @text bound to ?1 when given, selects from
 * the database at @path as it is on disk; -1 when it cannot be read. */
static gint64
query_int (const char *path,
           const char *sql,
           const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) == SQLITE_OK)
    {
      if (text != NULL)
        sqlite3_bind_text (statement, 1, text, -1, SQLITE_STATIC);
      if (sqlite3_step (statement) == SQLITE_ROW)
        value = sqlite3_column_int64 (statement, 0);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return query_int (path, sql, NULL);
}

static gboolean
has_uuid (const char *path,
          const char *table,
          const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE uuid = ?1", table);

  return query_int (path, sql, uuid) == 1;
}

static gboolean
quick_check_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean ok = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ok;
}

static void
checkpoint (const char *path)
{
  sqlite3 *db = open_raw (path);

  /* Everything into the main file, and a WAL header that every open
   * connection notices, so that it reads the file again. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The leaf pages of @table, in the order of their rows. */
static GArray *
leaf_pages (const char *path,
            const char *table,
            int        *page_size)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf' "
                                           "ORDER BY path", -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 page = sqlite3_column_int64 (statement, 0);
      g_array_append_val (pages, page);
    }
  sqlite3_finalize (statement);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  *page_size = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return pages;
}

static void
overwrite (const char *path,
           gint64      offset,
           const void *bytes,
           gsize       length)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, length, offset), ==, (gssize) length);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
}

/* Fills the @index-th leaf page of break_event with garbage; that page's
 * rows cannot be read any more, those of every other page can. */
static void
damage_break_page (const char *path,
                   guint       index_from_end)
{
  g_autoptr (GArray) pages = NULL;
  g_autofree char *garbage = NULL;
  int page_size = 0;
  gint64 page;

  pages = leaf_pages (path, "break_event", &page_size);
  g_assert_cmpuint (pages->len, >, index_from_end + 3);
  page = g_array_index (pages, gint64, pages->len - 1 - index_from_end);

  garbage = g_malloc (page_size);
  memset (garbage, 0x5a, page_size);
  overwrite (path, (page - 1) * page_size, garbage, page_size);
}

/* The break events whose rows can still be read in the damaged file at
 * @path, looked up one by one by id. */
static GHashTable *
readable_breaks (const char *path,
                 GHashTable *id_by_uuid)
{
  GHashTable *readable = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  GHashTableIter iter;
  gpointer uuid, id;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM break_event WHERE id = ?1", -1, &statement, NULL),
                   ==, SQLITE_OK);
  g_hash_table_iter_init (&iter, id_by_uuid);
  while (g_hash_table_iter_next (&iter, &uuid, &id))
    {
      sqlite3_reset (statement);
      sqlite3_bind_int64 (statement, 1, GPOINTER_TO_SIZE (id));
      if (sqlite3_step (statement) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), uuid) == 0)
        g_hash_table_add (readable, uuid);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return readable;
}

static GHashTable *
break_ids (const char *path)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid, id FROM break_event", -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_hash_table_insert (ids, g_strdup ((const char *) sqlite3_column_text (statement, 0)),
                         GSIZE_TO_POINTER (sqlite3_column_int64 (statement, 1)));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ids;
}

static char *
write_backup (const char *path,
              const char *reason,
              GDateTime  *now)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = open_raw (path);
  char *backup = NULL;

  g_assert_true (limber_journal_backup_write (db, path, reason, now, &backup, &error));
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  sqlite3_close (db);
  return backup;
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_backup (const LimberBackupInfo *info,
               const char             *made_day,
               const char             *reason)
{
  g_assert_cmpstr (info->made_day, ==, made_day);
  g_assert_cmpstr (info->reason, ==, reason);
}

static gboolean
backup_of_day_exists (GPtrArray  *backups,
                      const char *made_day,
                      const char *reason)
{
  for (guint i = 0; i < backups->len; i++)
    {
      const LimberBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->made_day, made_day) == 0 && g_strcmp0 (info->reason, reason) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
backup_and_prune (const char *path,
                  const char *reason,
                  int         year,
                  int         month,
                  int         day)
{
  g_autoptr (GDateTime) now = day_at_noon (year, month, day);
  g_autofree char *backup = write_backup (path, reason, now);

  limber_journal_backup_prune (path);
}

/* A clock that was years ahead for a day: its backup is the newest by
 * name and by day, but not by revision, and goes when its turn comes. */
static void
test_backups_by_revision (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const int weeks[][3] = {
    { 2026, 9, 28 }, { 2026, 10, 5 }, { 2026, 10, 12 }, { 2026, 10, 19 }, { 2026, 10, 26 }, { 2026, 11, 2 },
  };
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *legacy_old = g_build_filename (fixture->backups, "journal-2026-09-01.db", NULL);
  g_autofree char *legacy_new = g_build_filename (fixture->backups, "journal-2026-09-02.db", NULL);
  g_autofree char *unreadable = g_build_filename (fixture->backups, "journal-garbage.db", NULL);
  g_autofree char *stale = g_build_filename (fixture->backups, ".journal-backup-AbC123.db", NULL);
  g_autofree char *vacuum = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;
  GStatBuf st;

  add_breaks (fixture->path, 5, NULL);

  /* Backups from before revisions: copies without the table, dated by
   * their names; and a file that is no database. */
  g_assert_cmpint (g_mkdir_with_parents (fixture->backups, 0700), ==, 0);
  db = open_raw (fixture->path);
  vacuum = g_strdup_printf ("VACUUM INTO '%s'; VACUUM INTO '%s'", legacy_old, legacy_new);
  g_assert_cmpint (sqlite3_exec (db, vacuum, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_file_set_contents (unreadable, "not a database", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
    backup_and_prune (fixture->path, "daily", weeks[i][0], weeks[i][1], weeks[i][2]);
  backup_and_prune (fixture->path, "import", 2026, 11, 3);
  backup_and_prune (fixture->path, "migration", 2026, 11, 4);

  /* The clock jumps years ahead, and back. */
  backup_and_prune (fixture->path, "daily", 2028, 6, 1);

  /* A copy another process left half-written when it died. */
  g_file_set_contents (stale, "half", -1, &error);
  g_assert_no_error (error);

  for (int day = 16; day <= 21; day++)
    {
      backup_and_prune (fixture->path, "daily", 2026, 11, day);
      if (day == 17)
        backup_and_prune (fixture->path, "import", 2026, 11, day);
    }

  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = limber_journal_backup_list (fixture->path);
  /* Still one of the 7 newest daily backups. */
  g_assert_true (backup_of_day_exists (backups, "2028-06-01", "daily"));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));

  backup_and_prune (fixture->path, "daily", 2026, 11, 22);
  backup_and_prune (fixture->path, "import", 2026, 11, 22);

  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = limber_journal_backup_list (fixture->path);

  /* Newest first by revision: the last made, not the latest name. */
  assert_backup (g_ptr_array_index (backups, 0), "2026-11-22", "import");
  assert_backup (g_ptr_array_index (backups, 1), "2026-11-22", "daily");
  for (guint i = 1; i < backups->len; i++)
    {
      const LimberBackupInfo *before = g_ptr_array_index (backups, i - 1);
      const LimberBackupInfo *info = g_ptr_array_index (backups, i);

      g_assert_cmpint (before->revision, >, info->revision);
      if (info->revision < 0)
        continue;
      g_assert_cmpint (g_stat (info->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_cmpint (g_stat (fixture->backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The one of 2028 fell out of the 7 daily ones and is gone. */
  g_assert_false (backup_of_day_exists (backups, "2028-06-01", "daily"));
  /* The 7 daily ones. */
  for (int day = 16; day <= 22; day++)
    {
      g_autofree char *made_day = g_strdup_printf ("2026-11-%02d", day);
      g_assert_true (backup_of_day_exists (backups, made_day, "daily"));
    }
  /* The newest of each of the 4 weeks before. */
  g_assert_true (backup_of_day_exists (backups, "2026-11-02", "daily"));
  g_assert_true (backup_of_day_exists (backups, "2026-10-26", "daily"));
  g_assert_true (backup_of_day_exists (backups, "2026-10-19", "daily"));
  g_assert_true (backup_of_day_exists (backups, "2026-10-12", "daily"));
  g_assert_false (backup_of_day_exists (backups, "2026-10-05", "daily"));
  g_assert_false (backup_of_day_exists (backups, "2026-09-28", "daily"));
  g_assert_false (g_file_test (legacy_old, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (legacy_new, G_FILE_TEST_EXISTS));
  /* The 3 newest of the other reasons. */
  g_assert_true (backup_of_day_exists (backups, "2026-11-22", "import"));
  g_assert_true (backup_of_day_exists (backups, "2026-11-17", "import"));
  g_assert_true (backup_of_day_exists (backups, "2026-11-04", "migration"));
  g_assert_false (backup_of_day_exists (backups, "2026-11-03", "import"));
  /* 7 + 4 + 3, and the file that cannot be read, last and kept. */
  g_assert_cmpuint (backups->len, ==, 15);
  g_assert_cmpstr (((LimberBackupInfo *) g_ptr_array_index (backups, 14))->path, ==, unreadable);
  g_assert_cmpint (((LimberBackupInfo *) g_ptr_array_index (backups, 14))->revision, ==, -1);

  for (guint i = 0; i + 1 < backups->len; i++)
    {
      const LimberBackupInfo *info = g_ptr_array_index (backups, i);

      g_assert_true (limber_journal_backup_is_good (info->path));
      g_assert_cmpint (count_rows (info->path, "break_event"), ==, 5);
    }
}

/* Before any prune: the backups from before revisions come after the
 * others, newest day first. */
static void
test_backups_legacy_order (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GDateTime) early = day_at_noon (2020, 1, 1);
  g_autofree char *legacy_old = g_build_filename (fixture->backups, "journal-2026-09-01.db", NULL);
  g_autofree char *legacy_new = g_build_filename (fixture->backups, "journal-2026-09-02.db", NULL);
  g_autofree char *vacuum = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (fixture->backups, 0700), ==, 0);
  db = open_raw (fixture->path);
  vacuum = g_strdup_printf ("VACUUM INTO '%s'; VACUUM INTO '%s'", legacy_old, legacy_new);
  g_assert_cmpint (sqlite3_exec (db, vacuum, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* A clock years behind still makes the newest backup. */
  first = write_backup (fixture->path, "daily", early);
  second = write_backup (fixture->path, "daily", early);
  g_assert_cmpstr (first, !=, second);

  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 4);
  g_assert_cmpstr (((LimberBackupInfo *) g_ptr_array_index (backups, 0))->path, ==, second);
  g_assert_cmpint (((LimberBackupInfo *) g_ptr_array_index (backups, 0))->revision, ==, 2);
  g_assert_cmpstr (((LimberBackupInfo *) g_ptr_array_index (backups, 1))->path, ==, first);
  g_assert_cmpint (((LimberBackupInfo *) g_ptr_array_index (backups, 1))->revision, ==, 1);
  g_assert_cmpstr (((LimberBackupInfo *) g_ptr_array_index (backups, 2))->path, ==, legacy_new);
  g_assert_cmpint (((LimberBackupInfo *) g_ptr_array_index (backups, 2))->revision, ==, 0);
  assert_backup (g_ptr_array_index (backups, 2), "2026-09-02", "daily");
  g_assert_cmpstr (((LimberBackupInfo *) g_ptr_array_index (backups, 3))->path, ==, legacy_old);
}

/* The backup is due when the newest daily backup, by revision, is of
 * another day, whatever the names say. */
static void
test_backup_if_due (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GDateTime) ahead = day_at_noon (2028, 6, 1);
  g_autoptr (GDateTime) today = day_at_noon (2026, 11, 20);
  g_autoptr (GDateTime) after_midnight = g_date_time_new_utc (2026, 11, 21, 2, 30, 0);
  g_autoptr (GDateTime) tomorrow = day_at_noon (2026, 11, 21);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;

  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2028-06-01", ahead, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-20", today, &error));
  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-20", today, &error));
  /* Before a rollover at 04:00 the day is still the 20th. */
  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-20", after_midnight, &error));
  g_assert_no_error (error);

  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 2);
  assert_backup (g_ptr_array_index (backups, 0), "2026-11-20", "daily");

  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-21", tomorrow, &error));
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 3);
  assert_backup (g_ptr_array_index (backups, 0), "2026-11-21", "daily");
}

typedef struct
{
  const char *path;
  GPtrArray  *made;
} BackupThread;

static gpointer
make_backups (gpointer data)
{
  BackupThread *thread = data;
  sqlite3 *db = open_raw (thread->path);

  for (int round = 1; round <= 20; round++)
    {
      g_autoptr (GDateTime) now = day_at_noon (2026, 11, round);
      g_autoptr (GError) error = NULL;
      char *backup = NULL;

      g_assert_true (limber_journal_backup_write (db, thread->path, "daily", now, &backup, &error));
      g_assert_no_error (error);
      g_ptr_array_add (thread->made, backup);
    }

  sqlite3_close (db);
  return NULL;
}

/* Two backups at once, each through its own connection, while the journal
 * is written to: no two share a temporary file, each is complete, and
 * their revisions are all different. */
static void
test_concurrent_backups (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GPtrArray) first_made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) second_made = g_ptr_array_new_with_free_func (g_free);
  BackupThread first = { fixture->path, first_made };
  BackupThread second = { fixture->path, second_made };
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GHashTable) revisions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GDir) listing = NULL;
  g_autoptr (GError) error = NULL;
  GThread *threads[2];
  const char *name;

  add_breaks (fixture->path, 100, NULL);

  threads[0] = g_thread_new ("backup-1", make_backups, &first);
  threads[1] = g_thread_new ("backup-2", make_backups, &second);
  for (int i = 0; i < 100; i++)
    g_free (add_break (journal, "2026-11-03", i));
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);

  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 40);
  for (guint i = 0; i < backups->len; i++)
    {
      LimberBackupInfo *info = g_ptr_array_index (backups, i);
      gint64 rows;

      g_assert_cmpint (info->revision, ==, 40 - i);
      g_assert_false (g_hash_table_contains (revisions, &info->revision));
      g_hash_table_add (revisions, &info->revision);
      g_assert_true (limber_journal_backup_is_good (info->path));
      rows = count_rows (info->path, "break_event");
      g_assert_cmpint (rows, >=, 100);
      g_assert_cmpint (rows, <=, 200);
      g_assert_cmpint (query_int (info->path, "SELECT count(*) FROM limber_backup", NULL), ==, 1);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_assert_true (g_file_test (first_made->pdata[i], G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (second_made->pdata[i], G_FILE_TEST_IS_REGULAR));
    }

  /* No temporary file is left. */
  listing = g_dir_open (fixture->backups, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_true (g_str_equal (name, ".lock") || g_str_has_prefix (name, "journal-2026-11-"));
}

typedef struct
{
  GPtrArray *after_backup;
} Rows;

/* A journal with rows, a backup, and more rows after the backup, closed. */
static char *
make_journal_with_backup (Fixture *fixture,
                          guint    breaks_before,
                          guint    breaks_after,
                          Rows    *rows)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GDateTime) earlier = day_at_noon (2026, 11, 5);
  g_autoptr (GDateTime) later = day_at_noon (2026, 11, 12);
  g_autoptr (GDateTime) backup_time = day_at_noon (2026, 11, 10);
  g_autofree char *stretch = NULL;
  char *backup;

  save_pain (journal, "2026-11-01", 3, earlier);
  save_pain (journal, "2026-11-02", 4, earlier);
  save_pain (journal, "2026-11-03", 5, earlier);
  add_breaks (fixture->path, breaks_before, NULL);
  g_free (add_stretch (journal, "2026-11-02"));
  g_free (add_stretch (journal, "2026-11-03"));
  g_free (add_stretch (journal, "2026-11-04"));

  backup = write_backup (fixture->path, "daily", backup_time);

  /* Only in the journal: two new entries, a newer version of an old
   * one, breaks and stretches. */
  save_pain (journal, "2026-11-11", 6, later);
  save_pain (journal, "2026-11-12", 2, later);
  save_pain (journal, "2026-11-01", 7, later);
  add_breaks (fixture->path, breaks_after, rows->after_backup);
  g_ptr_array_add (rows->after_backup, add_stretch (journal, "2026-11-11"));
  g_ptr_array_add (rows->after_backup, add_stretch (journal, "2026-11-12"));

  return backup;
}

static void
assert_pain_average (const char *path,
                     const char *day,
                     int         average)
{
  g_assert_cmpint (query_int (path, "SELECT average FROM pain_entry WHERE day = ?1", day), ==, average);
}

static void
assert_damaged_kept (const LimberRepairReport *report,
                     const char               *damaged,
                     gsize                     damaged_length)
{
  g_autofree char *kept = NULL;
  gsize kept_length = 0;

  g_assert_nonnull (report->damaged_path);
  g_assert_true (g_str_has_prefix (report->damaged_path, "/"));
  g_assert_nonnull (strstr (report->damaged_path, "journal.db.damaged-2026"));
  kept = read_file (report->damaged_path, &kept_length);
  g_assert_cmpmem (kept, kept_length, damaged, damaged_length);
}

/* Pages in the middle of the journal are damaged: the backup comes back,
 * and so does every row newer than it that can still be read, however
 * many pages of the table come after the damaged one. */
static void
test_repair_damaged_pages (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  Rows rows = { after };
  g_autofree char *backup = make_journal_with_backup (fixture, 300, 300, &rows);
  g_autoptr (GHashTable) ids = NULL;
  g_autoptr (GHashTable) readable = NULL;
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (LimberRepairReport) again = NULL;
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *damaged = NULL;
  gsize damaged_length = 0;
  guint readable_after = 0;
  const char *last_break;

  checkpoint (fixture->path);
  ids = break_ids (fixture->path);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 600);
  /* The fourth leaf page from the end holds breaks made after the backup. */
  damage_break_page (fixture->path, 3);
  g_assert_false (quick_check_ok (fixture->path));
  damaged = read_file (fixture->path, &damaged_length);

  readable = readable_breaks (fixture->path, ids);
  for (guint i = 0; i < 300; i++)
    {
      if (g_hash_table_contains (readable, after->pdata[i]))
        readable_after++;
    }
  /* The damage cost rows, and left rows on both sides of it. */
  g_assert_cmpuint (readable_after, <, 300);
  g_assert_cmpuint (readable_after, >, 200);
  last_break = after->pdata[299];
  g_assert_true (g_hash_table_contains (readable, last_break));

  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  assert_damaged_kept (report, damaged, damaged_length);
  g_assert_cmpstr (report->restored_from, ==, backup);
  g_assert_cmpuint (report->restored_pain_entries, ==, 3);
  g_assert_cmpuint (report->restored_breaks, ==, 300);
  g_assert_cmpuint (report->restored_stretches, ==, 3);
  g_assert_cmpuint (report->salvaged_pain_entries, ==, 3);
  g_assert_cmpuint (report->salvaged_breaks, ==, readable_after);
  g_assert_cmpuint (report->salvaged_stretches, ==, 2);

  /* The journal now: whole, the backup's rows and every readable newer one. */
  g_assert_true (quick_check_ok (fixture->path));
  g_assert_cmpint (count_rows (fixture->path, "pain_entry"), ==, 5);
  assert_pain_average (fixture->path, "2026-11-01", 7);
  assert_pain_average (fixture->path, "2026-11-12", 2);
  g_assert_cmpint (count_rows (fixture->path, "break_event"), ==, 300 + readable_after);
  for (guint i = 0; i < 300; i++)
    g_assert_true (has_uuid (fixture->path, "break_event", after->pdata[i]) ==
                   g_hash_table_contains (readable, after->pdata[i]));
  g_assert_cmpint (count_rows (fixture->path, "stretch_session"), ==, 5);
  g_assert_true (has_uuid (fixture->path, "stretch_session", after->pdata[300]));
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'limber_backup'", NULL),
                   ==, 0);

  /* What was recovered is backed up at once. */
  backups = limber_journal_backup_list (fixture->path);
  assert_backup (g_ptr_array_index (backups, 0), "2026-11-30", "repair");
  g_assert_cmpint (count_rows (((LimberBackupInfo *) g_ptr_array_index (backups, 0))->path, "break_event"),
                   ==, 300 + readable_after);

  /* Nothing of the repair is left in the journal's folder. */
  {
    g_autofree char *dir = g_path_get_dirname (fixture->path);
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      g_assert_false (strstr (name, ".repair-") != NULL);
  }

  /* A second repair finds the journal whole, as after another process
   * repaired it, and does nothing. */
  again = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_null (again->damaged_path);
  g_assert_null (limber_repair_report_describe (again));
}

/* The file's header is overwritten: with a new header the pages after it
 * can still be read, so nothing newer than the backup is lost. */
static void
test_repair_garbage_header (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char garbage[100] = "This is not a database, just some text that got written over its start.";
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  Rows rows = { after };
  g_autofree char *backup = make_journal_with_backup (fixture, 100, 200, &rows);
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *description = NULL;
  gsize damaged_length = 0;

  checkpoint (fixture->path);
  overwrite (fixture->path, 0, garbage, sizeof garbage);
  g_assert_false (quick_check_ok (fixture->path));
  damaged = read_file (fixture->path, &damaged_length);

  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);

  assert_damaged_kept (report, damaged, damaged_length);
  g_assert_cmpstr (report->restored_from, ==, backup);
  g_assert_cmpuint (report->restored_pain_entries, ==, 3);
  g_assert_cmpuint (report->restored_breaks, ==, 100);
  g_assert_cmpuint (report->restored_stretches, ==, 3);
  g_assert_cmpuint (report->salvaged_pain_entries, ==, 3);
  g_assert_cmpuint (report->salvaged_breaks, ==, 200);
  g_assert_cmpuint (report->salvaged_stretches, ==, 2);

  g_assert_true (quick_check_ok (fixture->path));
  g_assert_cmpint (count_rows (fixture->path, "break_event"), ==, 300);
  for (guint i = 0; i < after->len; i++)
    g_assert_true (has_uuid (fixture->path, i < 200 ? "break_event" : "stretch_session", after->pdata[i]));
  assert_pain_average (fixture->path, "2026-11-01", 7);

  description = limber_repair_report_describe (report);
  g_assert_nonnull (strstr (description, "10 November 2026, which held 106 entries"));
  g_assert_nonnull (strstr (description, "205 entries were recovered"));
  g_assert_nonnull (strstr (description, report->damaged_path));
}

/* Nothing to restore: the repair starts from an empty journal and keeps
 * what it can read. */
static void
test_repair_without_backup (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  Rows rows = { after };
  g_autofree char *backup = make_journal_with_backup (fixture, 50, 300, &rows);
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ids = NULL;
  g_autoptr (GHashTable) readable = NULL;
  g_autofree char *description = NULL;

  g_assert_cmpint (g_unlink (backup), ==, 0);
  checkpoint (fixture->path);
  ids = break_ids (fixture->path);
  damage_break_page (fixture->path, 4);
  readable = readable_breaks (fixture->path, ids);
  g_assert_cmpuint (g_hash_table_size (readable), <, 350);

  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->damaged_path);
  g_assert_null (report->restored_from);
  g_assert_cmpuint (report->restored_pain_entries + report->restored_breaks + report->restored_stretches, ==, 0);
  g_assert_cmpuint (report->salvaged_pain_entries, ==, 5);
  g_assert_cmpuint (report->salvaged_breaks, ==, g_hash_table_size (readable));
  g_assert_cmpuint (report->salvaged_stretches, ==, 5);
  g_assert_cmpint (count_rows (fixture->path, "break_event"), ==, g_hash_table_size (readable));

  description = limber_repair_report_describe (report);
  g_assert_true (g_str_has_prefix (description, "The journal was damaged and there was no good backup"));
}

/* Factors, what was done on a day, how a day was and a change, all in a
 * damaged journal without a backup, are there after the repair: merged
 * with the built-in factors the new journal has already. */
static void
test_repair_keeps_factors (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char garbage[100] = "This is not a database, just some text that got written over its start.";
  g_autoptr (GDateTime) when = day_at_noon (2026, 11, 20);
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (LimberJournal) repaired = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  g_autofree char *swimming_uuid = NULL;
  g_autofree char *description = NULL;
  gboolean swimming_seen = FALSE;
  gint64 builtins;

  {
    g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);
    g_autoptr (LimberFactor) swimming = NULL;
    g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
    g_autoptr (LimberDayFactor) medication = limber_day_factor_new ("2026-11-20", LIMBER_FACTOR_PAIN_MEDICATION_UUID);
    g_autoptr (LimberDayMeasures) day = limber_day_measures_new ("2026-11-20");
    g_autoptr (LimberLifeChange) change = limber_life_change_new ("2026-11-19", "New chair");

    g_assert_no_error (error);
    builtins = limber_journal_count (journal, "factor", &error);
    g_assert_no_error (error);
    g_assert_cmpint (builtins, >, 0);

    swimming = limber_journal_add_factor (journal, "Swimming", when, &error);
    g_assert_no_error (error);
    swimming_uuid = g_strdup (swimming->uuid);
    medication->medicine = g_strdup ("Ibuprofen");
    medication->doses = 2;
    g_ptr_array_add (done, g_steal_pointer (&medication));
    g_ptr_array_add (done, limber_day_factor_new ("2026-11-20", swimming->uuid));
    g_assert_true (limber_journal_set_day_factors (journal, "2026-11-20", done, when, &error));
    g_assert_no_error (error);
    day->sleep_tenths = 65;
    day->stress = 7;
    g_assert_true (limber_journal_set_day_measures (journal, day, when, &error));
    g_assert_no_error (error);
    g_assert_true (limber_journal_add_life_change (journal, change, when, &error));
    g_assert_no_error (error);
  }

  checkpoint (fixture->path);
  overwrite (fixture->path, 0, garbage, sizeof garbage);
  g_assert_false (quick_check_ok (fixture->path));

  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->damaged_path);
  g_assert_null (report->restored_from);
  /* The built-ins were there already, unchanged. */
  g_assert_cmpuint (report->salvaged_factors, ==, 1);
  g_assert_cmpuint (report->salvaged_day_factors, ==, 2);
  g_assert_cmpuint (report->salvaged_day_measures, ==, 1);
  g_assert_cmpuint (report->salvaged_life_changes, ==, 1);
  description = limber_repair_report_describe (report);
  g_assert_nonnull (strstr (description, "5 entries were recovered"));

  repaired = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (limber_journal_count (repaired, "factor", &error), ==, builtins + 1);
  g_assert_cmpint (limber_journal_count (repaired, "day_factor", &error), ==, 2);
  g_assert_cmpint (limber_journal_count (repaired, "day_measure", &error), ==, 1);
  g_assert_cmpint (limber_journal_count (repaired, "life_change", &error), ==, 1);
  g_assert_no_error (error);

  factors = limber_journal_list_factors (repaired, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, i);

      if (g_strcmp0 (factor->name, "Swimming") == 0)
        {
          g_assert_cmpstr (factor->uuid, ==, swimming_uuid);
          swimming_seen = TRUE;
        }
    }
  g_assert_true (swimming_seen);

  day_factors = limber_journal_get_day_factors (repaired, "2026-11-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 2);
  for (guint i = 0; i < day_factors->len; i++)
    {
      const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      if (g_str_equal (day_factor->factor_uuid, LIMBER_FACTOR_PAIN_MEDICATION_UUID))
        {
          g_assert_cmpstr (day_factor->medicine, ==, "Ibuprofen");
          g_assert_cmpint (day_factor->doses, ==, 2);
        }
      else
        g_assert_cmpstr (day_factor->factor_uuid, ==, swimming_uuid);
    }

  measures = limber_journal_get_day_measures (repaired, "2026-11-20", &error);
  g_assert_no_error (error);
  g_assert_nonnull (measures);
  g_assert_cmpint (measures->sleep_tenths, ==, 65);
  g_assert_cmpint (measures->stress, ==, 7);
  g_assert_cmpint (measures->desk_tenths, ==, LIMBER_MEASURE_UNSET);

  changes = limber_journal_list_life_changes (repaired, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((LimberLifeChange *) changes->pdata[0])->text, ==, "New chair");
  g_assert_cmpstr (((LimberLifeChange *) changes->pdata[0])->day, ==, "2026-11-19");
}

typedef struct
{
  LimberJournal *daemon;
  sqlite3       *old;
  char          *late_break;
  char          *late_stretch;
  gboolean       called;
} LateWrites;

static void
write_late (const char *journal_path,
            const char *damaged_path,
            gpointer    user_data)
{
  LateWrites *late = user_data;
  g_autoptr (GError) error = NULL;
  LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_REST, .outcome = LIMBER_BREAK_OUTCOME_SKIPPED,
                             .due_utc = 1764400000, .end_utc = 1764400000 };
  sqlite3_stmt *statement = NULL;

  /* The new journal is in place. */
  g_assert_true (quick_check_ok (journal_path));
  g_assert_true (g_file_test (damaged_path, G_FILE_TEST_IS_REGULAR));

  /* The daemon notices the new file and waits for the repair to end. */
  g_strlcpy (event.day, "2026-11-29", sizeof event.day);
  g_assert_false (limber_journal_add_break_event (late->daemon, &event, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY);

  /* A connection that does not look writes to the old file regardless,
   * as a transaction begun before the swap would. */
  late->late_break = g_uuid_string_random ();
  late->late_stretch = g_uuid_string_random ();
  g_assert_cmpint (sqlite3_prepare_v2 (late->old,
    "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s) "
    "VALUES (?1, '2026-11-29', 'micro', 'taken', 1764400000, 3600, 1764400045, 3600, 45)",
    -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, late->late_break, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_prepare_v2 (late->old,
    "INSERT INTO stretch_session (uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, "
    "seconds_done, completed) VALUES (?1, '2026-11-29', 'chin-tucks', 1764400000, 3600, 1764400060, 3600, 60, 1)",
    -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, late->late_stretch, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_exec (late->old,
    "INSERT INTO pain_entry (uuid, day, average, created_utc, created_offset_s, updated_utc, updated_offset_s) "
    "VALUES ('0b9a5a3e-8f43-4a57-9d6e-2f1c3b4a5d6e', '2026-11-29', 8, 1764400000, 3600, 1764400000, 3600)",
    NULL, NULL, NULL), ==, SQLITE_OK);
  late->called = TRUE;

  g_assert_false (has_uuid (journal_path, "break_event", late->late_break));
  g_assert_true (has_uuid (damaged_path, "break_event", late->late_break));
}

/* The daemon has the journal open through the repair: what it wrote to
 * the old file before the repair is kept, it writes nothing there once
 * the new file is in place, and what another connection still wrote to
 * the old file then is recovered as well. */
static void
test_repair_while_open (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (LimberJournal) daemon = open_journal (fixture);
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (GDateTime) backup_day = day_at_noon (2026, 11, 10);
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) ids = NULL;
  g_autoptr (GHashTable) readable = NULL;
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before_repair = NULL;
  g_autofree char *after_repair = NULL;
  g_autofree char *damaged_wal = NULL;
  LateWrites late = { daemon, NULL, NULL, NULL, FALSE };
  guint readable_after = 0;

  save_pain (daemon, "2026-11-02", 4, backup_day);
  add_breaks (fixture->path, 50, NULL);
  g_assert_true (limber_journal_keeper_backup_if_due (daemon, "2026-11-10", backup_day, &error));
  g_assert_no_error (error);
  add_breaks (fixture->path, 400, after);

  checkpoint (fixture->path);
  ids = break_ids (fixture->path);
  damage_break_page (fixture->path, 6);
  readable = readable_breaks (fixture->path, ids);
  for (guint i = 0; i < after->len; i++)
    {
      if (g_hash_table_contains (readable, after->pdata[i]))
        readable_after++;
    }
  g_assert_cmpuint (readable_after, <, 400);

  /* Into its WAL, which moves aside with the damaged file. */
  before_repair = add_break (daemon, "2026-11-28", 20000);
  /* Another connection with the file open: it has read it, so it has its
   * WAL and shared memory open too. */
  late.old = open_raw (fixture->path);
  g_assert_cmpint (sqlite3_exec (late.old, "SELECT count(*) FROM pain_entry", NULL, NULL, NULL), ==, SQLITE_OK);

  limber_journal_keeper_set_replaced_hook (write_late, &late);
  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_true (late.called);

  /* It notices the file has moved and leaves the new journal's -wal and
   * -shm alone. */
  sqlite3_close (late.old);

  g_assert_nonnull (report->damaged_path);
  damaged_wal = g_strconcat (report->damaged_path, "-wal", NULL);
  g_assert_true (g_file_test (damaged_wal, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (report->restored_pain_entries, ==, 1);
  g_assert_cmpuint (report->restored_breaks, ==, 50);
  g_assert_cmpuint (report->salvaged_breaks, ==, readable_after + 2);
  g_assert_cmpuint (report->salvaged_pain_entries, ==, 1);
  g_assert_cmpuint (report->salvaged_stretches, ==, 1);

  g_assert_true (has_uuid (fixture->path, "break_event", before_repair));
  g_assert_true (has_uuid (fixture->path, "break_event", late.late_break));
  g_assert_true (has_uuid (fixture->path, "stretch_session", late.late_stretch));
  assert_pain_average (fixture->path, "2026-11-29", 8);
  g_assert_cmpint (count_rows (fixture->path, "break_event"), ==, 50 + readable_after + 2);
  g_assert_true (quick_check_ok (fixture->path));

  /* The daemon's next write goes to the new journal. */
  after_repair = add_break (daemon, "2026-11-30", 30000);
  g_assert_true (has_uuid (fixture->path, "break_event", after_repair));
  g_assert_false (has_uuid (report->damaged_path, "break_event", after_repair));

  g_free (late.late_break);
  g_free (late.late_stretch);
}

/* limber_journal_keeper_open() repairs a journal that does not open. */
static void
test_open_repairs (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char garbage[100] = "Overwritten.";
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  Rows rows = { after };
  g_autofree char *backup = make_journal_with_backup (fixture, 20, 20, &rows);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;

  overwrite (fixture->path, 0, garbage, sizeof garbage);

  journal = limber_journal_keeper_open (fixture->path, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);
  if (report == NULL)
    {
      g_test_skip ("limber_journal_open() repaired the journal itself");
      return;
    }

  g_assert_cmpint (limber_journal_count (journal, "break_event", &error), ==, 40);
  g_assert_cmpint (limber_journal_count (journal, "pain_entry", &error), ==, 5);
  description = limber_repair_report_describe (report);
  g_assert_nonnull (strstr (description, report->damaged_path));
}

/* One keeper at a time. */
static gpointer
wait_for_lock (gpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  int fd = limber_journal_keeper_lock (path, TRUE, &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (fd);
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 20);
  g_autoptr (GError) error = NULL;
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  g_autoptr (GPtrArray) backups = NULL;
  GThread *waiter;
  GStatBuf st;
  int first;
  int second;

  first = limber_journal_keeper_lock (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (g_stat (lock_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  second = limber_journal_keeper_lock (fixture->path, FALSE, &error);
  g_assert_cmpint (second, ==, -1);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  /* The backup is left to the process holding the lock. */
  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-20", now, &error));
  g_assert_no_error (error);
  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 0);

  /* A waiting one gets it once it is free. */
  waiter = g_thread_new ("waiter", wait_for_lock, fixture->path);
  limber_journal_keeper_unlock (first);
  second = GPOINTER_TO_INT (g_thread_join (waiter));
  g_assert_cmpint (second, >=, 0);
  limber_journal_keeper_unlock (second);

  g_assert_true (limber_journal_keeper_backup_if_due (journal, "2026-11-20", now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 1);
}

static gboolean
is_fifo (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISFIFO (st.st_mode);
}

/* The lock file is made 0600 and tightened when looser; a named pipe or
 * a link at its path is refused at once, naming it, and left as it is. */
static void
test_lock_file_modes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere.lock", NULL);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  mode_t old_umask = umask (022);
  int fd;

  fd = limber_journal_keeper_lock (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  limber_journal_keeper_unlock (fd);
  g_assert_cmpuint (limber_test_mode (lock_path), ==, 0600);

  g_assert_no_errno (g_chmod (lock_path, 0644));
  fd = limber_journal_keeper_lock (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  limber_journal_keeper_unlock (fd);
  g_assert_cmpuint (limber_test_mode (lock_path), ==, 0600);

  g_assert_no_errno (g_unlink (lock_path));
  g_assert_no_errno (mkfifo (lock_path, 0644));
  g_assert_cmpint (limber_journal_keeper_lock (fixture->path, TRUE, &error), ==, -1);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED);
  expected = g_strdup_printf ("The lock file %s cannot be opened: it is a named pipe, not a file", lock_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (is_fifo (lock_path));
  g_clear_error (&error);

  /* A link is never followed to make a file where it points. */
  g_assert_no_errno (g_unlink (lock_path));
  g_assert_no_errno (symlink (elsewhere, lock_path));
  g_assert_cmpint (limber_journal_keeper_lock (fixture->path, TRUE, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, lock_path));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (lock_path));

  umask (old_umask);
}

/* The backup folder is made 0700 and each backup 0600; a folder and
 * backups that others could read (an older Limber's, a copy) are
 * tightened by the next backup. */
static void
test_backup_modes (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 20);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *lock = g_build_filename (fixture->backups, ".lock", NULL);
  mode_t old_umask = umask (022);

  g_free (add_break (journal, "2026-11-20", 1));
  first = write_backup (fixture->path, "daily", now);
  g_assert_cmpuint (limber_test_mode (fixture->backups), ==, 0700);
  g_assert_cmpuint (limber_test_mode (first), ==, 0600);
  g_assert_cmpuint (limber_test_mode (lock), ==, 0600);

  g_assert_no_errno (g_chmod (fixture->backups, 0755));
  g_assert_no_errno (g_chmod (first, 0644));
  g_assert_no_errno (g_chmod (lock, 0644));
  second = write_backup (fixture->path, "daily", now);
  g_assert_cmpuint (limber_test_mode (fixture->backups), ==, 0700);
  g_assert_cmpuint (limber_test_mode (first), ==, 0600);
  g_assert_cmpuint (limber_test_mode (second), ==, 0600);
  g_assert_cmpuint (limber_test_mode (lock), ==, 0600);

  umask (old_umask);
}

/* A journal that others could read when it was damaged is kept, moved
 * aside, for its owner alone. */
static void
test_damaged_copy_modes (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  Rows rows = { after };
  g_autofree char *backup = make_journal_with_backup (fixture, 50, 300, &rows);
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 30);
  g_autoptr (GError) error = NULL;

  checkpoint (fixture->path);
  damage_break_page (fixture->path, 4);
  g_assert_no_errno (g_chmod (fixture->path, 0644));

  report = limber_journal_keeper_repair (fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report->damaged_path);
  g_assert_cmpuint (limber_test_mode (report->damaged_path), ==, 0600);
  g_assert_cmpuint (limber_test_mode (fixture->path), ==, 0600);
}

/* The journal's -wal and -shm get the journal's mode from SQLite: looser
 * ones are tightened with it when it is opened, and read-only ones (left
 * by a reader while the journal was read-only) made 0600 again, or they
 * would keep it from being written; a named pipe there is refused at
 * once, as SQLite would wait on it for ever. */
static void
test_companion_modes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (LimberJournal) holder = open_journal (fixture);
  g_autoptr (LimberJournal) second = NULL;
  g_autoptr (LimberJournal) refused = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  mode_t old_umask = umask (022);

  /* Held open, so that SQLite keeps them. */
  g_free (add_break (holder, "2026-11-20", 1));
  g_assert_cmpuint (limber_test_mode (wal), ==, 0600);
  g_assert_cmpuint (limber_test_mode (shm), ==, 0600);

  g_assert_no_errno (g_chmod (folder, 0755));
  g_assert_no_errno (g_chmod (fixture->path, 0644));
  g_assert_no_errno (g_chmod (wal, 0644));
  g_assert_no_errno (g_chmod (shm, 0400));
  second = open_journal (fixture);
  g_assert_cmpuint (limber_test_mode (folder), ==, 0700);
  g_assert_cmpuint (limber_test_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (limber_test_mode (wal), ==, 0600);
  g_assert_cmpuint (limber_test_mode (shm), ==, 0600);
  g_clear_object (&second);
  g_clear_object (&holder);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_no_errno (mkfifo (wal, 0600));
  refused = limber_journal_open (fixture->path, &error);
  g_assert_null (refused);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, wal));
  g_assert_nonnull (strstr (error->message, "it is a named pipe, not a file"));
  g_clear_error (&error);
  refused = limber_journal_open_read_only (fixture->path, &error);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, wal));
  g_assert_no_errno (g_unlink (wal));

  umask (old_umask);
}

/* The writer's spool folders hold health data too: made 0700, and
 * tightened when looser. */
static void
test_spool_folder_modes (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *made = g_build_filename (fixture->dir, "spool", "made", NULL);
  g_autofree char *loose = g_build_filename (fixture->dir, "spool", "loose", NULL);
  const char *spool_dirs[] = { made, loose, NULL };
  LimberJournalWriter *writer;
  mode_t old_umask = umask (022);

  g_assert_no_errno (g_mkdir_with_parents (loose, 0755));
  g_assert_no_errno (g_chmod (loose, 0755));
  writer = limber_journal_writer_new (fixture->path, spool_dirs);
  limber_test_sync_journal_writer (writer);
  g_assert_cmpuint (limber_test_mode (made), ==, 0700);
  g_assert_cmpuint (limber_test_mode (loose), ==, 0700);
  g_assert_finalize_object (writer);

  umask (old_umask);
}

/* quick_check finds a damaged page, and a damaged journal is not backed up. */
static void
test_check (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture);
  g_autoptr (GDateTime) now = day_at_noon (2026, 11, 20);
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GError) error = NULL;

  add_breaks (fixture->path, 400, NULL);
  g_assert_true (limber_journal_keeper_check (journal, &error));
  g_assert_no_error (error);

  checkpoint (fixture->path);
  damage_break_page (fixture->path, 5);

  g_assert_false (limber_journal_keeper_check (journal, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  g_assert_false (limber_journal_keeper_backup_if_due (journal, "2026-11-20", now, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT);
  backups = limber_journal_backup_list (fixture->path);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_describe (void)
{
  LimberRepairReport one = { .damaged_path = (char *) "/home/a/journal.db.damaged-20261130-101500",
                             .restored_from = (char *) "/home/a/backups/journal-2026-11-28-daily-r12.db",
                             .restored_pain_entries = 1 };
  LimberRepairReport none = { .damaged_path = (char *) "/home/a/journal.db.damaged-20261130-101500",
                              .salvaged_breaks = 1 };
  g_autofree char *first = limber_repair_report_describe (&one);
  g_autofree char *second = limber_repair_report_describe (&none);

  g_assert_cmpstr (first, ==,
                   "The journal was damaged and has been restored from the backup of 28 November 2026, "
                   "which held 1 entry. Nothing could be recovered from the damaged file, which is kept as "
                   "/home/a/journal.db.damaged-20261130-101500.");
  g_assert_cmpstr (second, ==,
                   "The journal was damaged and there was no good backup to restore. 1 entry was recovered "
                   "from the damaged file, which is kept as /home/a/journal.db.damaged-20261130-101500.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keeper/backups-by-revision", test_backups_by_revision);
  ADD ("/keeper/backups-legacy-order", test_backups_legacy_order);
  ADD ("/keeper/backup-if-due", test_backup_if_due);
  ADD ("/keeper/concurrent-backups", test_concurrent_backups);
  ADD ("/keeper/repair-damaged-pages", test_repair_damaged_pages);
  ADD ("/keeper/repair-garbage-header", test_repair_garbage_header);
  ADD ("/keeper/repair-without-backup", test_repair_without_backup);
  ADD ("/keeper/repair-keeps-factors", test_repair_keeps_factors);
  ADD ("/keeper/repair-while-open", test_repair_while_open);
  ADD ("/keeper/open-repairs", test_open_repairs);
  ADD ("/keeper/lock", test_lock);
  ADD ("/keeper/check", test_check);
  ADD ("/keeper/lock-file-modes", test_lock_file_modes);
  ADD ("/keeper/backup-modes", test_backup_modes);
  ADD ("/keeper/damaged-copy-modes", test_damaged_copy_modes);
  ADD ("/keeper/companion-modes", test_companion_modes);
  ADD ("/keeper/spool-folder-modes", test_spool_folder_modes);
#undef ADD
  g_test_add_func ("/keeper/describe", test_describe);

  return g_test_run ();
}
