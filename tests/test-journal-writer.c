/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include "limber-journal-factors.h"
#include "limber-journal-writer.h"
#include "limber-test-util.h"

/* The writer under real faults: a write lock another process holds, a full
 * disk (a small tmpfs, mounted in the test's own mount namespace when the
 * system allows one), a restart with writes waiting, and the journal file
 * replaced under it. Each time, every write it took ends in the journal
 * file at the journal's path, and the main loop never waits. */

typedef struct
{
  char *dir;
  char *path;
  char *spool;
  char *fallback_spool;
  /* A tmpfs mounted for the test, or NULL. */
  char *mount;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-writer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "data", "journal.db", NULL);
  fixture->spool = g_build_filename (fixture->dir, "data", "pending", NULL);
  fixture->fallback_spool = g_build_filename (fixture->dir, "runtime", "pending", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->mount != NULL)
    umount2 (fixture->mount, MNT_DETACH);
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->mount);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->spool);
  g_free (fixture->fallback_spool);
}

static LimberJournalWriter *
new_writer (Fixture *fixture)
{
  const char *dirs[] = { fixture->spool, fixture->fallback_spool, NULL };

  return limber_journal_writer_new (fixture->path, dirs);
}

static void
add_events (LimberJournalWriter *writer,
            guint                n,
            GPtrArray           *uuids)
{
  for (guint i = 0; i < n; i++)
    {
      LimberBreakEvent event = {
        .day = "2026-11-30",
        .kind = LIMBER_BREAK_KIND_MICRO,
        .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
        .due_utc = 1796000000 + i * 600,
        .end_utc = 1796000000 + i * 600 + 30,
        .duration_s = 30,
      };

      limber_journal_writer_add_break_event (writer, &event);
      g_ptr_array_add (uuids, g_strdup (event.uuid));
    }
}

typedef struct
{
  LimberJournalWriter *writer;
  guint                pending;
} PendingWait;

static gboolean
pending_is (gpointer user_data)
{
  PendingWait *wait = user_data;

  return limber_journal_writer_get_pending (wait->writer) == wait->pending;
}

static void
wait_pending (LimberJournalWriter *writer,
              guint                pending)
{
  PendingWait wait = { writer, pending };

  limber_test_wait_until (pending_is, &wait, 30);
}

static void
sync_writer (LimberJournalWriter *writer)
{
  limber_test_sync_journal_writer (writer);
}

/* Every UUID of @uuids is a break event in the file at @path. */
static void
assert_stored (const char *path,
               GPtrArray  *uuids)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM break_event WHERE uuid = ?1", -1, &statement, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < uuids->len; i++)
    {
      sqlite3_reset (statement);
      sqlite3_bind_text (statement, 1, uuids->pdata[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      if (sqlite3_column_int (statement, 0) != 1)
        g_error ("Break %s is not in %s", (char *) uuids->pdata[i], path);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
make_journal (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);

  g_assert_no_error (error);
}

/* Another process's write transaction on the journal. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_stores (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  add_events (writer, 3, uuids);
  limber_journal_writer_close (writer);

  assert_stored (fixture->path, uuids);
  g_assert_cmpuint (limber_journal_writer_get_pending (writer), ==, 0);
  g_assert_null (limber_journal_writer_get_problem (writer));
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

/* A lock held longer than the busy timeout, as a large import does: the
 * writes wait in the spool, the main loop goes on meanwhile, and they are
 * stored once the lock is let go. */
static void
test_held_lock (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *lock;
  guint ticks = 0;
  guint tick_id;

  make_journal (fixture);
  writer = new_writer (fixture);
  sync_writer (writer);
  lock = hold_write_lock (fixture->path);

  tick_id = g_timeout_add (100, count_tick_cb, &ticks);
  add_events (writer, 3, uuids);
  wait_pending (writer, 3);
  g_source_remove (tick_id);

  /* The main loop ran while the writes waited for the lock. */
  g_assert_cmpuint (ticks, >=, 1);
  g_assert_cmpstr (limber_journal_writer_get_problem (writer), ==, "Another program is holding the journal.");
  g_assert_cmpuint (count_files (fixture->spool), ==, 3);

  release_write_lock (lock);
  limber_journal_writer_retry (writer);
  wait_pending (writer, 0);

  assert_stored (fixture->path, uuids);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
  g_assert_null (limber_journal_writer_get_problem (writer));
  limber_journal_writer_close (writer);
}

/* Writes waiting when the process stops are stored by the next one. */
static void
test_restart_keeps_waiting_writes (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *lock;

  make_journal (fixture);
  lock = hold_write_lock (fixture->path);
  {
    g_autoptr (LimberJournalWriter) first = new_writer (fixture);

    add_events (first, 2, uuids);
    wait_pending (first, 2);
    limber_journal_writer_close (first);
  }
  release_write_lock (lock);
  g_assert_cmpuint (count_files (fixture->spool), ==, 2);

  {
    g_autoptr (LimberJournalWriter) second = new_writer (fixture);

    /* What the first left is stored at the second's start. */
    limber_journal_writer_close (second);
  }
  assert_stored (fixture->path, uuids);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

/* A tmpfs of @kib KiB at the journal's folder. */
static gboolean
mount_small_disk (Fixture *fixture,
                  guint    kib)
{
  g_autofree char *data = g_path_get_dirname (fixture->path);

  if (!limber_test_mount_small_disk (data, kib))
    return FALSE;
  fixture->mount = g_steal_pointer (&data);
  return TRUE;
}

static void
test_disk_fills (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) during = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *filler = NULL;

  if (!mount_small_disk (fixture, 1024))
    return;

  writer = new_writer (fixture);
  add_events (writer, 4, before);
  sync_writer (writer);
  g_assert_cmpuint (limber_journal_writer_get_pending (writer), ==, 0);
  assert_stored (fixture->path, before);

  filler = limber_test_fill_disk (fixture->mount);
  add_events (writer, 3, during);
  wait_pending (writer, 3);
  g_assert_cmpstr (limber_journal_writer_get_problem (writer), ==, "The disk is full.");
  /* The journal's disk had no room for the spool either. */
  g_assert_cmpuint (count_files (fixture->fallback_spool), ==, 3);

  /* Room again: the waiting writes are stored without being asked. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  wait_pending (writer, 0);
  add_events (writer, 2, after);
  limber_journal_writer_close (writer);

  assert_stored (fixture->path, before);
  assert_stored (fixture->path, during);
  assert_stored (fixture->path, after);
  g_assert_cmpuint (count_files (fixture->fallback_spool), ==, 0);
}

/* Full before the journal even exists. */
static void
test_disk_full_at_start (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *filler = NULL;

  if (!mount_small_disk (fixture, 256))
    return;

  filler = limber_test_fill_disk (fixture->mount);
  writer = new_writer (fixture);
  add_events (writer, 3, uuids);
  wait_pending (writer, 3);

  g_assert_cmpint (g_unlink (filler), ==, 0);
  wait_pending (writer, 0);
  limber_journal_writer_close (writer);

  assert_stored (fixture->path, uuids);
}

/* Another process replaced the file (as a repair does): later writes go
 * to the new file, none to the one moved aside. */
static void
test_file_replaced (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) second = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *replacement = g_strconcat (fixture->path, ".new", NULL);
  g_autofree char *aside = g_strconcat (fixture->path, ".old", NULL);
  g_autoptr (GError) error = NULL;

  add_events (writer, 2, first);
  sync_writer (writer);
  assert_stored (fixture->path, first);

  {
    g_autoptr (LimberJournal) fresh = limber_journal_open (replacement, &error);

    g_assert_no_error (error);
  }
  /* A checkpointed WAL goes with its file. */
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
    g_autofree char *wal_aside = g_strconcat (aside, "-wal", NULL);
    g_autofree char *shm_aside = g_strconcat (aside, "-shm", NULL);

    g_assert_cmpint (g_rename (fixture->path, aside), ==, 0);
    g_rename (wal, wal_aside);
    g_rename (shm, shm_aside);
  }
  g_assert_cmpint (g_rename (replacement, fixture->path), ==, 0);

  add_events (writer, 2, second);
  limber_journal_writer_close (writer);

  assert_stored (fixture->path, second);
  {
    g_autoptr (LimberJournal) old = limber_journal_open (aside, &error);

    g_assert_no_error (error);
    g_assert_cmpint (limber_journal_count (old, "break_event", &error), ==, 2);
  }
}

static LimberPainEntry *
read_entry (const char *path,
            const char *day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);
  LimberPainEntry *entry;

  g_assert_no_error (error);
  entry = limber_journal_get_pain_entry (journal, day, &error);
  g_assert_no_error (error);
  return entry;
}

typedef struct
{
  LimberPainEntry *entry;
  gboolean         waiting;
  gboolean         done;
} Saved;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saved *saved = user_data;
  g_autoptr (GError) error = NULL;

  saved->entry = limber_journal_writer_save_pain_entry_finish (LIMBER_JOURNAL_WRITER (object), result,
                                                               &saved->waiting, &error);
  g_assert_no_error (error);
  saved->done = TRUE;
}

static void
save_entry (LimberJournalWriter *writer,
            const char          *day,
            int                  average,
            GDateTime           *now,
            gboolean            *waiting)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  Saved saved = { NULL, FALSE, FALSE };

  entry->average = average;
  limber_journal_writer_save_pain_entry_async (writer, entry, now, NULL, saved_cb, &saved);
  limber_test_wait_until (limber_test_flag_is_set, &saved.done, 30);
  g_assert_nonnull (saved.entry);
  *waiting = saved.waiting;
  limber_pain_entry_free (saved.entry);
}

/* Saved, then changed in the same second while the journal is locked:
 * the change that waited wins over what was stored before it. */
static void
test_same_second_change (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 9, 0, 0);
  g_autoptr (LimberPainEntry) stored = NULL;
  gboolean waiting;
  sqlite3 *lock;

  save_entry (writer, "2026-11-30", 4, now, &waiting);
  g_assert_false (waiting);

  lock = hold_write_lock (fixture->path);
  save_entry (writer, "2026-11-30", 6, now, &waiting);
  g_assert_true (waiting);
  release_write_lock (lock);

  limber_journal_writer_retry (writer);
  wait_pending (writer, 0);
  limber_journal_writer_close (writer);

  stored = read_entry (fixture->path, "2026-11-30");
  g_assert_cmpint (stored->average, ==, 6);
}

static gpointer
delete_day_job (LimberJournal  *journal,
                gpointer        data,
                GError        **error)
{
  if (!limber_journal_delete_pain_entry (journal, data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* A save that waited, then the day deleted: the deletion is the last
 * word, and the waiting save does not bring the entry back. */
static void
test_delete_after_waiting_save (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (LimberPainEntry) stored = NULL;
  gboolean waiting, deleted = FALSE;
  sqlite3 *lock;

  make_journal (fixture);
  writer = new_writer (fixture);
  sync_writer (writer);
  lock = hold_write_lock (fixture->path);
  save_entry (writer, day, 5, now, &waiting);
  g_assert_true (waiting);
  release_write_lock (lock);

  limber_journal_writer_run_async (writer, delete_day_job, g_strdup (day), g_free, NULL, NULL,
                                   deleted_cb, &deleted);
  limber_test_wait_until (limber_test_flag_is_set, &deleted, 30);
  limber_journal_writer_retry (writer);
  wait_pending (writer, 0);
  limber_journal_writer_close (writer);

  stored = read_entry (fixture->path, day);
  g_assert_null (stored);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

/* A day's save: the entry, the factors done and how the day was. */

#define FACTOR_DAY "2026-11-20"

static char *
factor_uuid (const char *path,
             const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);
  g_autoptr (LimberFactor) factor = NULL;

  g_assert_no_error (error);
  factor = limber_journal_find_factor (journal, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (factor);
  return g_strdup (factor->uuid);
}

/* The day factors of @names (built-in keys), of FACTOR_DAY. */
static GPtrArray *
day_factors_of (const char         *path,
                const char * const *names)
{
  GPtrArray *day_factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *uuid = factor_uuid (path, names[i]);

      g_ptr_array_add (day_factors, limber_day_factor_new (FACTOR_DAY, uuid));
    }
  return day_factors;
}

static LimberDayMeasures *
measures_of (int sleep_tenths,
             int stress)
{
  LimberDayMeasures *measures = limber_day_measures_new (FACTOR_DAY);

  measures->sleep_tenths = sleep_tenths;
  measures->stress = stress;
  return measures;
}

static void
day_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Saved *saved = user_data;
  g_autoptr (GError) error = NULL;

  saved->entry = limber_journal_writer_save_day_finish (LIMBER_JOURNAL_WRITER (object), result,
                                                        &saved->waiting, &error);
  g_assert_no_error (error);
  saved->done = TRUE;
}

/* Saves FACTOR_DAY with an entry of @average (none when negative), and
 * says whether the save waits. */
static gboolean
save_day (LimberJournalWriter      *writer,
          int                       average,
          GPtrArray                *day_factors,
          const LimberDayMeasures  *measures,
          GDateTime                *now)
{
  g_autoptr (LimberPainEntry) entry = NULL;
  Saved saved = { NULL, FALSE, FALSE };

  if (average >= 0)
    {
      entry = limber_pain_entry_new (FACTOR_DAY);
      entry->average = average;
    }
  limber_journal_writer_save_day_async (writer, entry, FACTOR_DAY, day_factors, measures, now,
                                        NULL, day_saved_cb, &saved);
  limber_test_wait_until (limber_test_flag_is_set, &saved.done, 30);
  if (entry != NULL)
    {
      g_assert_nonnull (saved.entry);
      g_assert_cmpint (saved.entry->average, ==, average);
      g_assert_cmpstr (saved.entry->day, ==, FACTOR_DAY);
    }
  else
    g_assert_null (saved.entry);
  g_clear_pointer (&saved.entry, limber_pain_entry_free);
  return saved.waiting;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The built-in keys of the factors stored for FACTOR_DAY, sorted and
 * joined with commas, and the day's measures. */
static char *
stored_day (const char         *path,
            LimberDayMeasures **measures_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  g_assert_no_error (error);
  day_factors = limber_journal_get_day_factors (journal, FACTOR_DAY, &error);
  g_assert_no_error (error);
  factors = limber_journal_list_factors (journal, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < day_factors->len; i++)
    {
      const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      for (guint j = 0; j < factors->len; j++)
        {
          const LimberFactor *factor = g_ptr_array_index (factors, j);

          if (g_str_equal (factor->uuid, day_factor->factor_uuid))
            g_ptr_array_add (keys, factor->builtin);
        }
    }
  g_assert_cmpuint (keys->len, ==, day_factors->len);
  g_ptr_array_sort (keys, compare_keys);
  g_ptr_array_add (keys, NULL);

  *measures_out = limber_journal_get_day_measures (journal, FACTOR_DAY, &error);
  g_assert_no_error (error);
  return g_strjoinv (",", (char **) keys->pdata);
}

/* A day saved whole is stored whole; a save of only its measures leaves
 * the entry and the factors as they were. */
static void
test_save_day (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *done[] = { LIMBER_FACTOR_HEAT, LIMBER_FACTOR_MASSAGE, NULL };
  g_autoptr (GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 9, 0, 0);
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = measures_of (65, 7);
  g_autoptr (LimberDayMeasures) later_measures = measures_of (80, LIMBER_MEASURE_UNSET);
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autofree char *keys = NULL;

  make_journal (fixture);
  day_factors = day_factors_of (fixture->path, done);
  writer = new_writer (fixture);

  g_assert_false (save_day (writer, 3, day_factors, measures, now));
  /* The day's factors were copied: changing them now changes nothing. */
  g_ptr_array_set_size (day_factors, 0);
  keys = stored_day (fixture->path, &stored);
  g_assert_cmpstr (keys, ==, "heat,massage");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->sleep_tenths, ==, 65);
  g_assert_cmpint (stored->stress, ==, 7);

  g_assert_false (save_day (writer, -1, NULL, later_measures, now));
  limber_journal_writer_close (writer);

  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&stored, limber_day_measures_free);
  keys = stored_day (fixture->path, &stored);
  g_assert_cmpstr (keys, ==, "heat,massage");
  g_assert_cmpint (stored->sleep_tenths, ==, 80);
  g_assert_cmpint (stored->stress, ==, LIMBER_MEASURE_UNSET);
  entry = read_entry (fixture->path, FACTOR_DAY);
  g_assert_cmpint (entry->average, ==, 3);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

static void
refused_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  gboolean waiting = TRUE;

  entry = limber_journal_writer_save_day_finish (LIMBER_JOURNAL_WRITER (object), result, &waiting, &error);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_assert_null (entry);
  g_assert_false (waiting);
  *(gboolean *) user_data = TRUE;
}

/* A save that can never be stored is refused even while the journal is
 * locked, rather than kept: a factor of another day. */
static void
test_save_day_refused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 9, 0, 0);
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) day_factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autofree char *heat = NULL;
  gboolean refused = FALSE;
  sqlite3 *lock;

  make_journal (fixture);
  heat = factor_uuid (fixture->path, LIMBER_FACTOR_HEAT);
  g_ptr_array_add (day_factors, limber_day_factor_new ("2026-11-19", heat));
  writer = new_writer (fixture);
  sync_writer (writer);
  lock = hold_write_lock (fixture->path);

  limber_journal_writer_save_day_async (writer, NULL, FACTOR_DAY, day_factors, NULL, now,
                                        NULL, refused_cb, &refused);
  limber_test_wait_until (limber_test_flag_is_set, &refused, 30);
  release_write_lock (lock);
  limber_journal_writer_close (writer);

  g_assert_cmpuint (limber_journal_writer_get_pending (writer), ==, 0);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

/* With the journal locked, a save that unticks a factor and empties the
 * measures waits in the spool; merged once the lock is let go, it means
 * what saving would have: the factor and the measures are gone. */
static void
test_save_day_waits (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *before[] = { LIMBER_FACTOR_HEAT, LIMBER_FACTOR_MASSAGE, NULL };
  const char *after[] = { LIMBER_FACTOR_HEAT, NULL };
  g_autoptr (GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 9, 0, 0);
  g_autoptr (GDateTime) later = g_date_time_add_minutes (now, 5);
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) first_factors = NULL;
  g_autoptr (GPtrArray) second_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = measures_of (65, 7);
  g_autoptr (LimberDayMeasures) empty = limber_day_measures_new (FACTOR_DAY);
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autofree char *keys = NULL;
  sqlite3 *lock;

  make_journal (fixture);
  first_factors = day_factors_of (fixture->path, before);
  second_factors = day_factors_of (fixture->path, after);
  writer = new_writer (fixture);
  g_assert_false (save_day (writer, 3, first_factors, measures, now));

  lock = hold_write_lock (fixture->path);
  g_assert_true (save_day (writer, 6, second_factors, empty, later));
  wait_pending (writer, 1);
  g_assert_cmpuint (count_files (fixture->spool), ==, 1);
  g_assert_cmpstr (limber_journal_writer_get_problem (writer), ==, "Another program is holding the journal.");
  release_write_lock (lock);

  limber_journal_writer_retry (writer);
  wait_pending (writer, 0);
  limber_journal_writer_close (writer);

  keys = stored_day (fixture->path, &stored);
  g_assert_cmpstr (keys, ==, "heat");
  g_assert_null (stored);
  entry = read_entry (fixture->path, FACTOR_DAY);
  g_assert_cmpint (entry->average, ==, 6);
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);
}

/* A save that waited is older than one stored before it was merged (by
 * another process, straight into the journal): merged, it does not undo
 * the newer save of the entry, the factors or the measures. The file it
 * waits in is no export, and an import refuses it. */
static void
test_older_save_waits (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *older[] = { LIMBER_FACTOR_HEAT, LIMBER_FACTOR_MASSAGE, NULL };
  const char *newer[] = { LIMBER_FACTOR_COLD, NULL };
  g_autoptr (GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 9, 0, 0);
  g_autoptr (GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr (GPtrArray) older_factors = NULL;
  g_autoptr (GPtrArray) newer_factors = NULL;
  g_autoptr (LimberDayMeasures) older_measures = measures_of (65, 7);
  g_autoptr (LimberDayMeasures) newer_measures = measures_of (LIMBER_MEASURE_UNSET, 3);
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autofree char *keys = NULL;
  sqlite3 *lock;

  make_journal (fixture);
  older_factors = day_factors_of (fixture->path, older);
  newer_factors = day_factors_of (fixture->path, newer);

  lock = hold_write_lock (fixture->path);
  {
    g_autoptr (LimberJournalWriter) first = new_writer (fixture);

    g_assert_true (save_day (first, 6, older_factors, older_measures, now));
    limber_journal_writer_close (first);
  }
  release_write_lock (lock);
  g_assert_cmpuint (count_files (fixture->spool), ==, 1);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);
    g_autoptr (LimberPainEntry) newer_entry = limber_pain_entry_new (FACTOR_DAY);
    g_autoptr (GDir) dir = g_dir_open (fixture->spool, 0, NULL);
    g_autofree char *file = g_build_filename (fixture->spool, g_dir_read_name (dir), NULL);
    g_autoptr (GFile) spooled = g_file_new_for_path (file);
    g_autoptr (GBytes) data = limber_journal_load_import (spooled, &error);

    g_assert_no_error (error);
    g_assert_false (limber_journal_import (journal, LIMBER_JOURNAL_FORMAT_JSON, data, later, NULL, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_clear_error (&error);

    newer_entry->average = 2;
    g_assert_true (limber_journal_save_day (journal, newer_entry, FACTOR_DAY, newer_factors,
                                            newer_measures, later, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr (LimberJournalWriter) second = new_writer (fixture);

    /* The second merges what the first left at its start. */
    limber_journal_writer_close (second);
  }
  g_assert_cmpuint (count_files (fixture->spool), ==, 0);

  keys = stored_day (fixture->path, &stored);
  g_assert_cmpstr (keys, ==, "cold");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->sleep_tenths, ==, LIMBER_MEASURE_UNSET);
  g_assert_cmpint (stored->stress, ==, 3);
  entry = read_entry (fixture->path, FACTOR_DAY);
  g_assert_cmpint (entry->average, ==, 2);
}

/* A break that ends while the daemon stops, after its writer closed, is
 * stored all the same. */
static void
test_write_after_close (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  limber_journal_writer_close (writer);
  add_events (writer, 2, uuids);
  assert_stored (fixture->path, uuids);
}

static void
repaired_cb (LimberJournalWriter *writer,
             const char          *description,
             gpointer             user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (description);
}

/* A write that finds the journal damaged has it repaired, says so, and
 * is stored in the repaired journal. */
static void
test_damaged_while_writing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *told = NULL;

  g_signal_connect (writer, "repaired", G_CALLBACK (repaired_cb), &told);
  add_events (writer, 3, before);
  sync_writer (writer);

  limber_test_damage_table (fixture->path, "break_event");
  add_events (writer, 2, after);
  sync_writer (writer);
  limber_journal_writer_close (writer);

  g_assert_nonnull (told);
  g_assert_nonnull (strstr (told, "damaged"));
  assert_stored (fixture->path, after);
  g_assert_cmpuint (limber_journal_writer_get_pending (writer), ==, 0);
}

typedef struct
{
  Fixture *fixture;
  sqlite3 *lock;
} SwapData;

/* While the writer waits for the lock on the old file, the file is
 * replaced and the lock let go: the writer gets the lock of a file that
 * is no longer the journal, and must see it before writing there. */
static gboolean
swap_while_waiting_cb (gpointer user_data)
{
  SwapData *swap = user_data;
  g_autofree char *replacement = g_strconcat (swap->fixture->path, ".new", NULL);
  g_autofree char *aside = g_strconcat (swap->fixture->path, ".old", NULL);
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (LimberJournal) fresh = limber_journal_open (replacement, &error);

    g_assert_no_error (error);
  }
  /* As a repair does: the damaged file and its companions under a new
   * name, never a moment without a journal at the path. */
  g_assert_cmpint (link (swap->fixture->path, aside), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      const char *companion = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (swap->fixture->path, companion, NULL);
      g_autofree char *to = g_strconcat (aside, companion, NULL);

      g_assert_cmpint (g_rename (from, to), ==, 0);
    }
  g_assert_cmpint (g_rename (replacement, swap->fixture->path), ==, 0);
  release_write_lock (swap->lock);
  return G_SOURCE_REMOVE;
}

static void
test_replaced_while_waiting_for_lock (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) writer = new_writer (fixture);
  g_autoptr (GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) second = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *aside = g_strconcat (fixture->path, ".old", NULL);
  g_autoptr (GError) error = NULL;
  SwapData swap = { fixture, NULL };

  add_events (writer, 1, first);
  sync_writer (writer);

  swap.lock = hold_write_lock (fixture->path);
  add_events (writer, 1, second);
  /* Well inside the writer's five seconds of waiting. */
  g_timeout_add (500, swap_while_waiting_cb, &swap);
  sync_writer (writer);
  limber_journal_writer_close (writer);

  assert_stored (fixture->path, second);
  {
    g_autoptr (LimberJournal) old = limber_journal_open (aside, &error);

    g_assert_no_error (error);
    g_assert_cmpint (limber_journal_count (old, "break_event", &error), ==, 1);
  }
}

typedef struct
{
  const char *path;
  GPtrArray  *uuids;
} StoredWait;

static gboolean
all_stored (gpointer user_data)
{
  StoredWait *wait = user_data;
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int n = -1;

  if (sqlite3_open_v2 (wait->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM break_event", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    n = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return n == (int) wait->uuids->len;
}

/* The window spools a write and closes; the daemon's writer, which had
 * nothing waiting, sees the spool file and stores it. */
static void
test_other_process_spool (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (LimberJournalWriter) daemon = new_writer (fixture);
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  StoredWait wait = { fixture->path, uuids };
  sqlite3 *lock;

  sync_writer (daemon);
  lock = hold_write_lock (fixture->path);
  {
    g_autoptr (LimberJournalWriter) window = new_writer (fixture);

    add_events (window, 1, uuids);
    wait_pending (window, 1);
    limber_journal_writer_close (window);
  }
  release_write_lock (lock);

  limber_test_poll_until (all_stored, &wait, 20);
  limber_journal_writer_close (daemon);
  assert_stored (fixture->path, uuids);
}

/* A named pipe among the waiting writes is set aside, not read: reading
 * it would hold the writer for ever. */
static void
test_pipe_in_spool (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *pipe_path = g_build_filename (fixture->spool, "stray.json", NULL);
  g_autofree char *aside = g_strconcat (pipe_path, ".bad", NULL);
  g_autoptr (LimberJournalWriter) writer = NULL;
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  GLogLevelFlags fatal;

  make_journal (fixture);
  g_assert_cmpint (g_mkdir_with_parents (fixture->spool, 0700), ==, 0);
  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);

  /* The warning that says so is expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  writer = new_writer (fixture);
  add_events (writer, 2, uuids);
  limber_journal_writer_close (writer);
  g_log_set_always_fatal (fatal);

  assert_stored (fixture->path, uuids);
  g_assert_false (g_file_test (pipe_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/journal-writer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("stores", test_stores);
  ADD ("pipe-in-spool", test_pipe_in_spool);
  ADD ("held-lock", test_held_lock);
  ADD ("restart-keeps-waiting-writes", test_restart_keeps_waiting_writes);
  ADD ("disk-fills", test_disk_fills);
  ADD ("disk-full-at-start", test_disk_full_at_start);
  ADD ("file-replaced", test_file_replaced);
  ADD ("same-second-change", test_same_second_change);
  ADD ("delete-after-waiting-save", test_delete_after_waiting_save);
  ADD ("write-after-close", test_write_after_close);
  ADD ("damaged-while-writing", test_damaged_while_writing);
  ADD ("replaced-while-waiting-for-lock", test_replaced_while_waiting_for_lock);
  ADD ("other-process-spool", test_other_process_spool);
  ADD ("save-day", test_save_day);
  ADD ("save-day-refused", test_save_day_refused);
  ADD ("save-day-waits", test_save_day_waits);
  ADD ("older-save-waits", test_older_save_waits);

  return g_test_run ();
}
