/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-journal.h"
#include "limber-test-util.h"

/* The journal on real SQLite files in a temporary folder: what is stored
 * stays stored, bad input is refused by name, and damage, full disks,
 * read-only folders, concurrent writers and killed writers lose nothing
 * that was committed. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-journal-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "limber", "journal.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *argv[] = { "rm", "-rf", fixture->dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A child of g_test_trap_subprocess() leaves the folder to its parent. */
  if (!g_test_subprocess ())
    g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GDateTime *
test_now (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (tz, 2026, 11, 25, 18, 30, 0);
}

static LimberJournal *
open_journal (const char *path)
{
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static LimberPainEntry *
make_entry (const char *day,
            int         average,
            int         worst)
{
  LimberPainEntry *entry = limber_pain_entry_new (day);

  entry->average = average;
  entry->worst = worst;
  return entry;
}

static void
save_ok (LimberJournal   *journal,
         LimberPainEntry *entry)
{
  g_autoptr (GDateTime) now = test_now ();
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}

static gint64
count (LimberJournal *journal,
       const char    *table)
{
  g_autoptr (GError) error = NULL;
  gint64 n = limber_journal_count (journal, table, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  GStatBuf st;

  /* Health data: the folder and the file are the owner's alone. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Opening costs only the open: backups are the keeper's. */
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, "wal");
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (statement, 0), ==, 5);
  sqlite3_finalize (statement);
  sqlite3_close (db);

  g_assert_cmpint (count (journal, "pain_entry"), ==, 0);
}

static void
test_save_and_edit (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberPainEntry) entry = make_entry ("2026-11-24", 4, 6);
  g_autoptr (LimberPainEntry) edited = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (LimberPainEntry) again = NULL;
  g_autoptr (GError) error = NULL;

  entry->activity = 3;
  entry->regions = LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_MID_BACK;
  limber_pain_entry_set_note (entry, "Stiff after a long call – better after a walk");
  save_ok (journal, entry);
  g_assert_true (g_uuid_string_is_valid (entry->uuid));
  g_assert_cmpint (entry->created_offset_s, ==, 3600);

  stored = limber_journal_get_pain_entry (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->uuid, ==, entry->uuid);
  g_assert_cmpint (stored->average, ==, 4);
  g_assert_cmpint (stored->worst, ==, 6);
  g_assert_cmpint (stored->activity, ==, 3);
  g_assert_cmpint (stored->enjoyment, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (stored->regions, ==, LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_MID_BACK);
  g_assert_cmpstr (stored->note, ==, "Stiff after a long call – better after a walk");

  /* Editing the day keeps its identity: still one entry, same UUID. */
  edited = make_entry ("2026-11-24", 2, LIMBER_PAIN_SCORE_UNSET);
  save_ok (journal, edited);
  g_assert_cmpstr (edited->uuid, ==, entry->uuid);
  g_assert_cmpint (count (journal, "pain_entry"), ==, 1);
  again = limber_journal_get_pain_entry (journal, "2026-11-24", &error);
  g_assert_cmpint (again->average, ==, 2);
  g_assert_cmpint (again->worst, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_null (again->note);

  /* A day without an entry is no error. */
  g_assert_null (limber_journal_get_pain_entry (journal, "2026-11-01", &error));
  g_assert_no_error (error);
}

static void
assert_refused (LimberJournal   *journal,
                LimberPainEntry *entry,
                const char      *field)
{
  g_autoptr (GDateTime) now = test_now ();
  g_autoptr (GError) error = NULL;
  gint64 before = count (journal, "pain_entry");

  g_assert_false (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not name the field %s", error->message, field);
  g_assert_cmpint (count (journal, "pain_entry"), ==, before);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberPainEntry) kept = make_entry ("2026-11-20", 3, 5);
  g_autoptr (LimberPainEntry) still = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *long_note = g_strnfill (2001, 'a');
  g_autofree char *longest_note = g_strnfill (2000, 'a');
  struct {
    const char *day;
    int         average, worst, activity, enjoyment;
    guint       regions;
    const char *note;
    const char *field;
  } cases[] = {
    { "2026-11-21", -1, -1, -1, -1, 0, NULL, "average" },
    { "2026-11-21", 11, -1, -1, -1, 0, NULL, "average" },
    { "2026-11-21", -2, -1, -1, -1, 0, NULL, "average" },
    { "2026-11-21", 5, 4, -1, -1, 0, NULL, "worst" },
    { "2026-11-21", 5, 11, -1, -1, 0, NULL, "worst" },
    { "2026-11-21", 5, -1, 12, -1, 0, NULL, "activity" },
    { "2026-11-21", 5, -1, -1, -3, 0, NULL, "enjoyment" },
    { "2026-11-21", 5, -1, -1, -1, 1u << 20, NULL, "regions" },
    { "2026-02-30", 5, -1, -1, -1, 0, NULL, "date" },
    { "2026-11-5", 5, -1, -1, -1, 0, NULL, "date" },
    { "25.11.2026", 5, -1, -1, -1, 0, NULL, "date" },
    { "2026-11-26", 5, -1, -1, -1, 0, NULL, "date" },
    { "2026-11-21", 5, -1, -1, -1, 0, long_note, "note" },
    { "2026-11-21", 5, -1, -1, -1, 0, "bad \xff\xfe bytes", "note" },
  };

  save_ok (journal, kept);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (LimberPainEntry) entry = make_entry (cases[i].day, cases[i].average, cases[i].worst);

      entry->activity = cases[i].activity;
      entry->enjoyment = cases[i].enjoyment;
      entry->regions = cases[i].regions;
      entry->note = g_strdup (cases[i].note);
      assert_refused (journal, entry, cases[i].field);
    }

  /* Nothing stored before was touched. */
  still = limber_journal_get_pain_entry (journal, "2026-11-20", &error);
  g_assert_no_error (error);
  g_assert_cmpint (still->average, ==, 3);
  g_assert_cmpint (still->worst, ==, 5);

  /* The limits themselves are allowed. */
  {
    g_autoptr (LimberPainEntry) edge = make_entry ("2026-11-25", 10, 10);

    limber_pain_entry_set_note (edge, longest_note);
    save_ok (journal, edge);
  }
}

static void
assert_check_refuses (sqlite3    *db,
                      const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_CONSTRAINT_CHECK && rc != SQLITE_CONSTRAINT_NOTNULL &&
      rc != SQLITE_CONSTRAINT_UNIQUE && rc != SQLITE_CONSTRAINT_DATATYPE)
    g_error ("The schema accepted: %s (%d %s)", sql, rc, sqlite3_errmsg (db));
}

/* The schema refuses what the C validation refuses, for writers that
 * bypass it. */
static void
test_constraints (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  sqlite3 *db = NULL;
#define PAIN "INSERT INTO pain_entry (uuid, day, average, worst, activity, enjoyment, regions, red_flags, note, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES "
#define UUID "'3f2b8a9e-3c1d-4f5e-9a7b-1c2d3e4f5a6b'"
#define BREAK "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s) VALUES "
#define STRETCH "INSERT INTO stretch_session (uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, seconds_done, completed, pain_before, pain_after) VALUES "

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);

  g_assert_cmpint (sqlite3_exec (db, PAIN "(" UUID ", '2026-11-20', 4, 6, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_check_refuses (db, PAIN "('a', '2026-11-21', 4, 6, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "(" UUID ", '2026-11-21', 4, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-20', 4, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-02-30', 4, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 11, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', -1, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', NULL, NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, 4, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, NULL, 11, NULL, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, NULL, NULL, 11, 0, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, NULL, NULL, NULL, 4096, 0, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, NULL, NULL, NULL, 0, 1024, NULL, 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 5, NULL, NULL, NULL, 0, 0, printf('%.2001c', 'a'), 0, 0, 0, 0)");
  assert_check_refuses (db, PAIN "('00000000-0000-4000-8000-000000000001', '2026-11-21', 'five', NULL, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0)");

  assert_check_refuses (db, BREAK "(" UUID ", '2026-11-20', 'long', 'taken', 0, 0, 0, 0, 0)");
  assert_check_refuses (db, BREAK "(" UUID ", '2026-11-20', 'micro', 'ignored', 0, 0, 0, 0, 0)");
  assert_check_refuses (db, BREAK "(" UUID ", '2026-11-20', 'micro', 'taken', 0, 0, 0, 0, -1)");
  assert_check_refuses (db, BREAK "(" UUID ", '2026-13-01', 'micro', 'taken', 0, 0, 0, 0, 1)");
  assert_check_refuses (db, "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder) "
                            "VALUES (" UUID ", '2026-11-20', 'micro', 'taken', 0, 0, 0, 0, 1, 'ignored')");

  assert_check_refuses (db, STRETCH "(" UUID ", '2026-11-20', '', 0, 0, 0, 0, 0, 0, NULL, NULL)");
  assert_check_refuses (db, STRETCH "(" UUID ", '2026-11-20', 'cat-cow', 10, 0, 5, 0, 0, 0, NULL, NULL)");
  assert_check_refuses (db, STRETCH "(" UUID ", '2026-11-20', 'cat-cow', 0, 0, 5, 0, 0, 2, NULL, NULL)");
  assert_check_refuses (db, STRETCH "(" UUID ", '2026-11-20', 'cat-cow', 0, 0, 5, 0, 0, 1, 11, NULL)");
  assert_check_refuses (db, STRETCH "(" UUID ", '2026-11-20', 'cat-cow', 0, 0, 5, 0, -4, 1, NULL, NULL)");
#undef PAIN
#undef UUID
#undef BREAK
#undef STRETCH

  sqlite3_close (db);
  g_assert_cmpint (count (journal, "pain_entry"), ==, 1);
  g_assert_cmpint (count (journal, "break_event"), ==, 0);
  g_assert_cmpint (count (journal, "stretch_session"), ==, 0);
}

static void
test_list_and_delete (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) some = NULL;
  g_autoptr (GError) error = NULL;

  for (int day = 1; day <= 9; day++)
    {
      g_autofree char *text = g_strdup_printf ("2026-11-%02d", day);
      g_autoptr (LimberPainEntry) entry = make_entry (text, day, LIMBER_PAIN_SCORE_UNSET);

      save_ok (journal, entry);
    }

  all = limber_journal_list_pain_entries (journal, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 9);
  g_assert_cmpstr (((LimberPainEntry *) all->pdata[0])->day, ==, "2026-11-09");

  some = limber_journal_list_pain_entries (journal, "2026-11-03", "2026-11-06", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 3);
  g_assert_cmpstr (((LimberPainEntry *) some->pdata[0])->day, ==, "2026-11-06");
  g_assert_cmpstr (((LimberPainEntry *) some->pdata[2])->day, ==, "2026-11-04");

  g_assert_true (limber_journal_delete_pain_entry (journal, "2026-11-05", &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_delete_pain_entry (journal, "2026-11-30", &error));
  g_assert_cmpint (count (journal, "pain_entry"), ==, 8);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Opening a damaged file says so and leaves it as it was: repairs are the
 * keeper's. */
static void
test_damaged_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char garbage[] = "This is not a database, just some text that got written here.\n";
  g_autoptr (LimberJournal) journal = NULL;
  g_autofree char *kept = NULL;
  gsize kept_length = 0;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (LimberJournal) first = open_journal (fixture->path);
  }
  write_file (fixture->path, garbage, sizeof garbage - 1);

  journal = limber_journal_open (fixture->path, &error);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (journal);

  g_file_get_contents (fixture->path, &kept, &kept_length, NULL);
  g_assert_cmpmem (kept, kept_length, garbage, sizeof garbage - 1);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_object_unref (open_journal (fixture->path));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  journal = limber_journal_open (fixture->path, &error);
  g_assert_null (journal);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));
}

/* Every earlier schema, kept as SQL in tests/journal-fixtures/, opens and
 * migrates with its rows intact. */
static void
test_migrations (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "journal-fixtures", NULL);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;
  guint migrated = 0;

  dir = g_dir_open (fixtures, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sql_path = g_build_filename (fixtures, name, NULL);
      g_autofree char *sql = NULL;
      g_autofree char *db_dir = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *db_path = g_build_filename (db_dir, "journal.db", NULL);
      g_autoptr (LimberJournal) journal = NULL;
      g_autoptr (LimberPainEntry) entry = NULL;
      sqlite3 *db = NULL;

      if (!g_str_has_suffix (name, ".sql"))
        continue;

      g_file_get_contents (sql_path, &sql, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (db_dir, 0700), ==, 0);
      g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      journal = limber_journal_open (db_path, &error);
      g_assert_no_error (error);

      /* Each fixture holds an entry for 2026-01-15 with average 4. */
      entry = limber_journal_get_pain_entry (journal, "2026-01-15", &error);
      g_assert_no_error (error);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry->average, ==, 4);
      g_assert_cmpint (count (journal, "break_event"), >=, 1);

      /* Brought up to the current schema: breaks have a reminder column,
       * empty for the old ones. */
      {
        sqlite3 *check = NULL;
        sqlite3_stmt *statement = NULL;

        g_assert_cmpint (sqlite3_open (db_path, &check), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (check, "SELECT (SELECT user_version FROM pragma_user_version), "
                                                    "count (*) FROM break_event WHERE reminder IS NULL",
                                             -1, &statement, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (statement, 0), ==, 5);
        g_assert_cmpint (sqlite3_column_int (statement, 1), >=, 1);
        sqlite3_finalize (statement);

        /* The built-in factors, with the UUIDs every journal gives them,
         * and nothing done on any day yet; schema 4's journal had heat
         * renamed and four rows of days' factors, measures and life
         * changes. */
        g_assert_cmpint (sqlite3_prepare_v2 (check, "SELECT (SELECT count (*) FROM factor WHERE builtin IS NOT NULL "
                                                    "AND name IS NULL AND retired = 0), "
                                                    "(SELECT uuid FROM factor WHERE builtin = 'pain-medication'), "
                                                    "(SELECT count (*) FROM day_factor) + (SELECT count (*) FROM day_measure) "
                                                    "+ (SELECT count (*) FROM life_change)",
                                             -1, &statement, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (statement, 0), ==, g_str_equal (name, "v4.sql") ? 8 : 9);
        g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 1), ==, "d3e3f30e-9a81-4be7-a783-63859763b083");
        g_assert_cmpint (sqlite3_column_int (statement, 2), ==, g_str_equal (name, "v4.sql") ? 4 : 0);
        sqlite3_finalize (statement);

        /* UUIDs in lower case, and a break imported twice, once in
         * capitals, kept once. */
        g_assert_cmpint (sqlite3_prepare_v2 (check, "SELECT (SELECT count (*) FROM pain_entry WHERE uuid <> lower (uuid)) "
                                                    "+ (SELECT count (*) FROM break_event WHERE uuid <> lower (uuid)) "
                                                    "+ (SELECT count (*) FROM stretch_session WHERE uuid <> lower (uuid)), "
                                                    "(SELECT count (*) FROM break_event WHERE uuid = '7a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d')",
                                             -1, &statement, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (statement, 0), ==, 0);
        g_assert_cmpint (sqlite3_column_int (statement, 1), ==, 1);
        sqlite3_finalize (statement);
        sqlite3_close (check);
      }
      migrated++;
    }

  g_assert_cmpuint (migrated, >=, 3);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_build_filename (g_getenv ("LIMBER_TEST_DIR"), "locked", NULL);
      g_autofree char *path = g_build_filename (dir, "limber", "journal.db", NULL);
      g_autoptr (LimberJournal) journal = NULL;
      g_autoptr (GError) error = NULL;

      /* Root writes anywhere; be somebody else for this. */
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("Cannot drop root: %s", g_strerror (errno));

      journal = limber_journal_open (path, &error);
      g_assert_null (journal);
      g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, dir));
      return;
    }

  {
    g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);

    g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
    g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
    g_setenv ("LIMBER_TEST_DIR", fixture->dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
  }
}

static gboolean
integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  ok = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return ok;
}

/* Runs in a mount namespace of its own, on a small tmpfs that fills up for
 * real: the journal reports FULL and keeps what it had. */
static int
run_full_disk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "limber", "journal.db", NULL);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberJournal) reopened = NULL;
  g_autoptr (LimberPainEntry) first = make_entry ("2026-11-25", 4, 7);
  g_autoptr (LimberPainEntry) kept = NULL;
  g_autoptr (GDateTime) now = test_now ();
  g_autoptr (GError) error = NULL;
  g_autofree char *note = g_strnfill (1900, 'x');
  gboolean ok = TRUE;

  if (mount ("tmpfs", dir, "tmpfs", 0, "size=384k") != 0)
    g_error ("Cannot mount a small disk: %s", g_strerror (errno));

  journal = open_journal (path);
  save_ok (journal, first);

  for (int i = 0; ok && i < 1000; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_days (now, -1 - i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      g_autoptr (LimberPainEntry) entry = make_entry (day, 2, 3);

      limber_pain_entry_set_note (entry, note);
      ok = limber_journal_save_pain_entry (journal, entry, now, &error);
    }

  g_assert_false (ok);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL);
  g_print ("%s\n", error->message);
  g_clear_error (&error);

  /* What was stored before is still there, now and after reopening. */
  kept = limber_journal_get_pain_entry (journal, "2026-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->worst, ==, 7);
  g_clear_object (&journal);

  reopened = open_journal (path);
  g_clear_pointer (&kept, limber_pain_entry_free);
  kept = limber_journal_get_pain_entry (reopened, "2026-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->worst, ==, 7);
  g_assert_true (integrity_ok (path));

  return 0;
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *disk = g_build_filename (fixture->dir, "small-disk", NULL);
  const char *argv[] = { "unshare", "--user", "--map-root-user", "--mount",
                         self, "--full-disk", disk, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  status = limber_test_run (argv, NULL, &out, &err);
  if (status != 0)
    g_error ("The full-disk run failed (%d):\n%s%s", status, out, err);
  g_assert_nonnull (strstr (out, "disk is full"));
}

/* The writer the concurrency and crash tests run in other processes: adds
 * @n break events, printing each UUID once it is committed. */
static int
run_writer (const char *path,
            int         n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);

  if (journal == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < n; i++)
    {
      LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO,
                                 .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
                                 .due_utc = 1764000000 + i, .end_utc = 1764000045 + i,
                                 .duration_s = 45 };

      g_strlcpy (event.day, "2026-11-24", sizeof event.day);
      if (!limber_journal_add_break_event (journal, &event, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
      g_print ("%s\n", event.uuid);
      fflush (stdout);
    }

  return 0;
}

static GSubprocess *
spawn_writer (const char *path,
              int         n,
              GSubprocessFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *count_text = g_strdup_printf ("%d", n);
  GSubprocess *writer;

  writer = g_subprocess_new (flags, &error, self, "--writer", path, count_text, NULL);
  g_assert_no_error (error);
  return writer;
}

static void
test_concurrent_writers (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (GSubprocess) first = spawn_writer (fixture->path, 300, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr (GSubprocess) second = spawn_writer (fixture->path, 300, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr (GError) error = NULL;

  /* This process writes too, like the window beside the daemon and the
   * command line. */
  for (int day = 1; day <= 100; day++)
    {
      g_autofree char *text = g_strdup_printf ("2026-%02d-%02d", 1 + day / 28, 1 + day % 28);
      g_autoptr (LimberPainEntry) entry = make_entry (text, day % 11, LIMBER_PAIN_SCORE_UNSET);

      save_ok (journal, entry);
    }

  g_subprocess_wait_check (first, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (second, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count (journal, "break_event"), ==, 600);
  g_assert_cmpint (count (journal, "pain_entry"), ==, 100);
}

static void
test_killed_writer (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (GSubprocess) writer = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *line;

  g_object_unref (open_journal (fixture->path));
  writer = spawn_writer (fixture->path, 1000, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));

  while (committed->len < 400 &&
         (line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    g_ptr_array_add (committed, line);
  g_assert_no_error (error);
  g_assert_cmpuint (committed->len, ==, 400);

  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (writer));

  /* Lines still in the pipe were committed too. */
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    g_ptr_array_add (committed, line);

  journal = open_journal (fixture->path);
  g_assert_cmpint (count (journal, "break_event"), >=, committed->len);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM break_event WHERE uuid = ?1", -1, &statement, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < committed->len; i++)
    {
      sqlite3_reset (statement);
      sqlite3_bind_text (statement, 1, committed->pdata[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      if (sqlite3_column_int (statement, 0) != 1)
        g_error ("Committed break %s is missing after the crash", (char *) committed->pdata[i]);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  g_assert_true (integrity_ok (fixture->path));
}

static void
add_break (LimberJournal      *journal,
           const char         *day,
           LimberBreakOutcome  outcome)
{
  g_autoptr (GError) error = NULL;
  LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = outcome,
                             .due_utc = 1764000000, .end_utc = 1764000045, .duration_s = 45 };

  g_strlcpy (event.day, day, sizeof event.day);
  g_assert_true (limber_journal_add_break_event (journal, &event, &error));
  g_assert_no_error (error);
}

static void
test_summarize_days (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberPainEntry) monday = make_entry ("2026-11-16", 5, 8);
  g_autoptr (LimberPainEntry) wednesday = make_entry ("2026-11-18", 3, LIMBER_PAIN_SCORE_UNSET);
  g_autoptr (LimberPainEntry) outside = make_entry ("2026-11-23", 9, 9);
  g_autoptr (GArray) days = NULL;
  g_autoptr (GError) error = NULL;
  LimberStretchSession session = { .activity_id = (char *) "wall-angels", .start_utc = 1764000000,
                                   .end_utc = 1764000090, .seconds_done = 90, .completed = TRUE,
                                   .pain_before = LIMBER_PAIN_SCORE_UNSET, .pain_after = 2 };
  LimberDaySummary *d;

  save_ok (journal, monday);
  save_ok (journal, wednesday);
  save_ok (journal, outside);
  add_break (journal, "2026-11-16", LIMBER_BREAK_OUTCOME_TAKEN);
  add_break (journal, "2026-11-16", LIMBER_BREAK_OUTCOME_TAKEN);
  add_break (journal, "2026-11-16", LIMBER_BREAK_OUTCOME_SKIPPED);
  add_break (journal, "2026-11-17", LIMBER_BREAK_OUTCOME_NATURAL);
  add_break (journal, "2026-11-17", LIMBER_BREAK_OUTCOME_POSTPONED);
  add_break (journal, "2026-11-17", LIMBER_BREAK_OUTCOME_MISSED);
  add_break (journal, "2026-11-23", LIMBER_BREAK_OUTCOME_TAKEN);
  g_strlcpy (session.day, "2026-11-18", sizeof session.day);
  g_assert_true (limber_journal_add_stretch_session (journal, &session, &error));
  session.uuid[0] = '\0';
  session.seconds_done = 30;
  g_assert_true (limber_journal_add_stretch_session (journal, &session, &error));

  days = limber_journal_summarize_days (journal, "2026-11-16", "2026-11-22", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 7);

  d = &g_array_index (days, LimberDaySummary, 0);
  g_assert_cmpstr (d->day, ==, "2026-11-16");
  g_assert_cmpint (d->average, ==, 5);
  g_assert_cmpint (d->worst, ==, 8);
  g_assert_cmpuint (d->taken, ==, 2);
  g_assert_cmpuint (d->skipped, ==, 1);

  d = &g_array_index (days, LimberDaySummary, 1);
  g_assert_cmpint (d->average, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (d->natural, ==, 1);
  g_assert_cmpuint (d->postponed, ==, 1);
  g_assert_cmpuint (d->missed, ==, 1);
  g_assert_cmpuint (d->taken, ==, 0);

  d = &g_array_index (days, LimberDaySummary, 2);
  g_assert_cmpint (d->average, ==, 3);
  g_assert_cmpint (d->worst, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (d->stretch_seconds, ==, 120);

  /* The last day is empty: the 23rd lies outside the range. */
  d = &g_array_index (days, LimberDaySummary, 6);
  g_assert_cmpstr (d->day, ==, "2026-11-22");
  g_assert_cmpint (d->average, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (d->taken + d->natural + d->skipped + d->missed + d->postponed, ==, 0);
}

static void
test_days (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) late = g_date_time_new (berlin, 2026, 11, 25, 2, 30, 0);
  g_autoptr (GDateTime) morning = g_date_time_new (berlin, 2026, 11, 25, 9, 0, 0);
  g_autoptr (GDateTime) dst_night = g_date_time_new (berlin, 2026, 3, 29, 3, 30, 0);
  g_autofree char *late_day = limber_day_for_time (late, 4);
  g_autofree char *morning_day = limber_day_for_time (morning, 4);
  g_autofree char *dst_day = limber_day_for_time (dst_night, 4);
  g_autofree char *midnight_day = limber_day_for_time (late, 0);
  g_autofree char *next = limber_day_add ("2026-02-28", 1);
  g_autofree char *back = limber_day_add ("2024-03-01", -1);

  g_assert_true (limber_day_is_valid ("2026-11-25"));
  g_assert_true (limber_day_is_valid ("2024-02-29"));
  g_assert_false (limber_day_is_valid ("2026-02-29"));
  g_assert_false (limber_day_is_valid ("2026-13-01"));
  g_assert_false (limber_day_is_valid ("2026-11-5"));
  g_assert_false (limber_day_is_valid ("2026-11-05 "));
  g_assert_false (limber_day_is_valid ("+026-11-05"));
  g_assert_false (limber_day_is_valid (""));
  g_assert_false (limber_day_is_valid (NULL));

  /* Work at 02:30 still belongs to the day before. */
  g_assert_cmpstr (late_day, ==, "2026-11-24");
  g_assert_cmpstr (morning_day, ==, "2026-11-25");
  g_assert_cmpstr (midnight_day, ==, "2026-11-25");
  /* The night the clocks go forward. */
  g_assert_cmpstr (dst_day, ==, "2026-03-28");

  g_assert_cmpstr (next, ==, "2026-03-01");
  g_assert_cmpstr (back, ==, "2024-02-29");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], atoi (argv[3]));
  if (argc == 3 && g_str_equal (argv[1], "--full-disk"))
    return run_full_disk (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal/create", test_create);
  ADD ("/journal/save-and-edit", test_save_and_edit);
  ADD ("/journal/bad-input", test_bad_input);
  ADD ("/journal/constraints", test_constraints);
  ADD ("/journal/list-and-delete", test_list_and_delete);
  ADD ("/journal/damaged-file", test_damaged_file);
  ADD ("/journal/too-new", test_too_new);
  ADD ("/journal/migrations", test_migrations);
  ADD ("/journal/read-only-folder", test_read_only_folder);
  ADD ("/journal/full-disk", test_full_disk);
  ADD ("/journal/concurrent-writers", test_concurrent_writers);
  ADD ("/journal/killed-writer", test_killed_writer);
  ADD ("/journal/summarize-days", test_summarize_days);
#undef ADD
  g_test_add_func ("/day/days", test_days);

  return g_test_run ();
}
