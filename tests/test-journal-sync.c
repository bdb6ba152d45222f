/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "limber-journal-factors.h"
#include "limber-journal-sync.h"
#include "limber-test-util.h"

/* The journal's side of sync, on real SQLite files: two or three
 * journals, each standing for a computer, pass the changes each collects
 * of its own to the others, in any order and more than once, and must end
 * with the same journal (the same JSON export). What a folder and its
 * files would carry is kept here in memory: the line format is tested
 * with limber-sync-file.c. */

#define HEAT "24fdf0c0-36f7-4fa7-a607-1c71a9b36560"

typedef struct
{
  char          *dir;
  LimberJournal *journals[3];
  /* Everything each journal has written out, as a folder would hold. */
  GPtrArray     *logs[3];
} Fixture;

static LimberJournal *
open_journal (const char *path)
{
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-sync-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->journals); i++)
    {
      g_autofree char *name = g_strdup_printf ("computer-%u", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, "journal.db", NULL);

      fixture->journals[i] = open_journal (path);
      fixture->logs[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->journals); i++)
    {
      g_clear_object (&fixture->journals[i]);
      g_clear_pointer (&fixture->logs[i], g_ptr_array_unref);
    }
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Now, moved by @seconds: versions of deletions are the real time. */
static GDateTime *
now_plus (int seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_add_seconds (now, seconds);
}

/* A day @days before today, where entries may be saved. */
static char *
day_before (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
save_pain (LimberJournal *journal,
           const char    *day,
           int            average,
           int            seconds_from_now)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GDateTime) now = now_plus (seconds_from_now);
  g_autoptr (GError) error = NULL;

  entry->average = average;
  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}

static int
pain_on (LimberJournal *journal,
         const char    *day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPainEntry) entry = limber_journal_get_pain_entry (journal, day, &error);

  g_assert_no_error (error);
  return entry != NULL ? entry->average : -1;
}

static void
delete_pain (LimberJournal *journal,
             const char    *day)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_delete_pain_entry (journal, day, &error));
  g_assert_no_error (error);
}

static void
add_break (LimberJournal *journal,
           const char    *day,
           gint64         end_utc)
{
  LimberBreakEvent event = { 0 };
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr (GError) error = NULL;

  g_strlcpy (event.uuid, uuid, sizeof event.uuid);
  g_strlcpy (event.day, day, sizeof event.day);
  event.kind = LIMBER_BREAK_KIND_MICRO;
  event.outcome = LIMBER_BREAK_OUTCOME_TAKEN;
  event.due_utc = end_utc - 30;
  event.due_offset_s = 3600;
  event.end_utc = end_utc;
  event.end_offset_s = 3600;
  event.duration_s = 30;
  event.reminder = LIMBER_REMINDER_ACTION;
  g_assert_true (limber_journal_add_break_event (journal, &event, &error));
  g_assert_no_error (error);
}

static void
fill_every_kind (LimberJournal *journal,
                 const char    *day)
{
  g_autoptr (GDateTime) now = now_plus (-3600);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberFactor) roller = NULL;
  g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new (day);
  g_autoptr (LimberLifeChange) change = limber_life_change_new (day, "New chair");
  LimberStretchSession session = { 0 };
  g_autofree char *uuid = g_uuid_string_random ();
  LimberDayFactor *medication;

  save_pain (journal, day, 5, -3600);
  add_break (journal, day, g_date_time_to_unix (now) - 600);

  g_strlcpy (session.uuid, uuid, sizeof session.uuid);
  g_strlcpy (session.day, day, sizeof session.day);
  session.activity_id = (char *) "wall-angels";
  session.start_utc = g_date_time_to_unix (now) - 120;
  session.end_utc = g_date_time_to_unix (now) - 60;
  session.seconds_done = 60;
  session.completed = TRUE;
  session.pain_before = 5;
  session.pain_after = LIMBER_PAIN_SCORE_UNSET;
  g_assert_true (limber_journal_add_stretch_session (journal, &session, &error));
  g_assert_no_error (error);

  roller = limber_journal_add_factor (journal, "Foam roller", now, &error);
  g_assert_no_error (error);
  g_ptr_array_add (done, limber_day_factor_new (day, roller->uuid));
  medication = limber_day_factor_new (day, LIMBER_FACTOR_PAIN_MEDICATION_UUID);
  medication->medicine = g_strdup ("Ibuprofen");
  medication->doses = 2;
  g_ptr_array_add (done, medication);
  g_assert_true (limber_journal_set_day_factors (journal, day, done, now, &error));
  g_assert_no_error (error);

  measures->sleep_tenths = 70;
  measures->stress = 6;
  g_assert_true (limber_journal_set_day_measures (journal, measures, now, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_add_life_change (journal, change, now, &error));
  g_assert_no_error (error);
}

/* Collects what @i has not written out yet into its log, as writing its
 * change file would. */
static guint
write_out (Fixture *fixture,
           guint    i)
{
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  guint64 last = 0;
  guint n;

  g_assert_true (limber_journal_sync_collect (fixture->journals[i], G_MAXUINT, &changes, &last, &error));
  g_assert_no_error (error);
  n = changes->len;
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (fixture->logs[i], g_ptr_array_index (changes, c));
  g_ptr_array_set_free_func (changes, NULL);
  g_assert_true (limber_journal_sync_mark_exported (fixture->journals[i], last, &error));
  g_assert_no_error (error);
  return n;
}

static void
apply (LimberJournal    *journal,
       GPtrArray        *changes,
       LimberSyncCounts *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_sync_apply (journal, changes, counts, &error));
  g_assert_no_error (error);
}

/* Reads everything @from wrote into @to. */
static void
read_in (Fixture          *fixture,
         guint             to,
         guint             from,
         LimberSyncCounts *counts)
{
  apply (fixture->journals[to], fixture->logs[from], counts);
}

static char *
export_json (LimberJournal *journal)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_export (journal, LIMBER_JOURNAL_FORMAT_JSON, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_same_journals (LimberJournal *a,
                      LimberJournal *b)
{
  g_autofree char *json_a = export_json (a);
  g_autofree char *json_b = export_json (b);

  g_assert_cmpstr (json_a, ==, json_b);
}

static guint
total (const guint counts[LIMBER_SYNC_N_KINDS])
{
  guint n = 0;

  for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
    n += counts[k];
  return n;
}

static GPtrArray *
reversed (GPtrArray *changes)
{
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = changes->len; i > 0; i--)
    g_ptr_array_add (copy, g_ptr_array_index (changes, i - 1));
  return copy;
}

/* Local writes are collected in order with their whole records, a
 * deletion as a marker, each once. */
static void
test_collect (Fixture       *fixture,
              gconstpointer  user_data)
{
  LimberJournal *journal = fixture->journals[0];
  g_autofree char *day = day_before (3);
  g_autofree char *other_day = day_before (2);
  g_autofree char *device = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *log = fixture->logs[0];
  gboolean rekeyed = TRUE;
  guint64 seq = 0;
  guint factors = 0;
  guint seen[LIMBER_SYNC_N_KINDS] = { 0 };
  gboolean deletion_seen = FALSE;

  device = limber_journal_sync_device_id (journal, &rekeyed, &error);
  g_assert_no_error (error);
  g_assert_true (limber_uuid_is_valid (device));
  g_assert_false (rekeyed);

  fill_every_kind (journal, day);
  save_pain (journal, other_day, 3, -60);
  delete_pain (journal, other_day);
  g_assert_cmpuint (write_out (fixture, 0), >, 0);

  for (guint i = 0; i < log->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (log, i);

      g_assert_cmpstr (change->device, ==, device);
      g_assert_cmpuint (change->seq, >, seq);
      seq = change->seq;
      /* The built-in factors, there from the start, come first. */
      if (i < 9)
        g_assert_cmpint (change->kind, ==, LIMBER_SYNC_KIND_FACTOR);
      factors += change->kind == LIMBER_SYNC_KIND_FACTOR;
      if (change->deleted)
        {
          g_assert_null (change->record);
          g_assert_cmpint (change->kind, ==, LIMBER_SYNC_KIND_PAIN_ENTRY);
          deletion_seen = TRUE;
          continue;
        }
      g_assert_nonnull (change->record);
      seen[change->kind]++;
      if (change->kind == LIMBER_SYNC_KIND_PAIN_ENTRY)
        {
          const LimberPainEntry *entry = change->record;

          g_assert_cmpstr (entry->uuid, ==, change->uuid);
          g_assert_cmpstr (entry->day, ==, day);
          g_assert_cmpint (entry->average, ==, 5);
          g_assert_cmpint (entry->updated_utc, ==, change->updated_utc);
        }
      if (change->kind == LIMBER_SYNC_KIND_DAY_FACTOR)
        {
          const LimberDayFactor *done = change->record;

          if (g_str_equal (done->factor_uuid, LIMBER_FACTOR_PAIN_MEDICATION_UUID))
            {
              g_assert_cmpstr (done->medicine, ==, "Ibuprofen");
              g_assert_cmpint (done->doses, ==, 2);
            }
        }
      if (change->kind == LIMBER_SYNC_KIND_STRETCH_SESSION)
        {
          const LimberStretchSession *session = change->record;

          g_assert_cmpstr (session->activity_id, ==, "wall-angels");
          g_assert_cmpint (session->pain_after, ==, LIMBER_PAIN_SCORE_UNSET);
          g_assert_cmpint (session->end_utc, ==, change->updated_utc);
        }
    }
  g_assert_true (deletion_seen);
  g_assert_cmpuint (factors, ==, 10);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, 1);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 1);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_STRETCH_SESSION], ==, 1);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_DAY_FACTOR], ==, 2);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_DAY_MEASURES], ==, 1);
  g_assert_cmpuint (seen[LIMBER_SYNC_KIND_LIFE_CHANGE], ==, 1);

  /* Written out once; a new edit is the one change after. */
  g_assert_cmpuint (write_out (fixture, 0), ==, 0);
  save_pain (journal, day, 6, -30);
  g_assert_cmpuint (write_out (fixture, 0), ==, 1);
  g_assert_cmpint (((LimberPainEntry *) ((LimberSyncChange *) g_ptr_array_index (log, log->len - 1))->record)->average,
                   ==, 6);
}

/* Another journal's whole history merges into an empty one, and back;
 * merging again changes nothing. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *day = day_before (5);
  g_autofree char *day_b = day_before (4);
  LimberSyncCounts counts = { 0 };
  LimberSyncCounts again = { 0 };
  guint n;

  fill_every_kind (fixture->journals[0], day);
  write_out (fixture, 0);
  read_in (fixture, 1, 0, &counts);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_FACTOR], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_DAY_FACTOR], ==, 2);
  g_assert_cmpuint (counts.waiting + counts.refused, ==, 0);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* Nothing of what came in is written out again by the other. */
  add_break (fixture->journals[1], day_b, g_get_real_time () / G_USEC_PER_SEC - 100);
  save_pain (fixture->journals[1], day_b, 2, -50);
  /* Its own two, and those built-in factors whose version is still its
   * own (of the same second, the greater device id's stays). */
  n = write_out (fixture, 1);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 9 + 2);
  for (guint i = 0; i < fixture->logs[1]->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (fixture->logs[1], i);

      g_assert_true (change->kind == LIMBER_SYNC_KIND_FACTOR || change->kind == LIMBER_SYNC_KIND_BREAK_EVENT ||
                     change->kind == LIMBER_SYNC_KIND_PAIN_ENTRY);
      if (change->kind == LIMBER_SYNC_KIND_PAIN_ENTRY)
        g_assert_cmpstr (((LimberPainEntry *) change->record)->day, ==, day_b);
    }
  read_in (fixture, 0, 1, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* Idempotent. */
  read_in (fixture, 1, 0, &again);
  read_in (fixture, 0, 1, &again);
  g_assert_cmpuint (total (again.added) + total (again.updated) + total (again.deleted), ==, 0);
  g_assert_cmpuint (total (again.unchanged), ==, fixture->logs[0]->len + fixture->logs[1]->len);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  g_assert_cmpuint (write_out (fixture, 0), ==, 0);
  g_assert_cmpuint (write_out (fixture, 1), ==, 0);
}

/* Both edit while apart; whatever order they meet in, the newer wins on
 * both: the same entry edited, and the same day entered anew on each
 * (two UUIDs for one day). Clocks hours apart only decide by their
 * times. */
static void
test_same_day (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *shared = day_before (6);
  g_autofree char *fresh = day_before (7);
  g_autofree char *skewed = day_before (8);

  save_pain (fixture->journals[0], shared, 3, -7200);
  write_out (fixture, 0);
  read_in (fixture, 1, 0, NULL);
  read_in (fixture, 2, 0, NULL);

  /* Apart: computer 1 edits later than 0. */
  save_pain (fixture->journals[0], shared, 4, -3000);
  save_pain (fixture->journals[1], shared, 7, -2000);
  save_pain (fixture->journals[1], fresh, 1, -2500);
  save_pain (fixture->journals[0], fresh, 8, -1500);
  /* Computer 1's clock three hours behind: its later edit is older. */
  save_pain (fixture->journals[0], skewed, 2, -1000);
  save_pain (fixture->journals[1], skewed, 9, -1000 - 3 * 3600);
  write_out (fixture, 0);
  write_out (fixture, 1);

  /* 0 reads 1; 1 reads 0; 2 reads them the other way round. */
  read_in (fixture, 0, 1, NULL);
  read_in (fixture, 1, 0, NULL);
  read_in (fixture, 2, 1, NULL);
  read_in (fixture, 2, 0, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (pain_on (fixture->journals[i], shared), ==, 7);
      g_assert_cmpint (pain_on (fixture->journals[i], fresh), ==, 8);
      g_assert_cmpint (pain_on (fixture->journals[i], skewed), ==, 2);
    }
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  assert_same_journals (fixture->journals[0], fixture->journals[2]);

  /* The entries that lost their day are written out as deleted at their
   * own versions: reading them changes nothing. */
  write_out (fixture, 0);
  write_out (fixture, 1);
  read_in (fixture, 0, 1, NULL);
  read_in (fixture, 1, 0, NULL);
  read_in (fixture, 2, 0, NULL);
  read_in (fixture, 2, 1, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  assert_same_journals (fixture->journals[0], fixture->journals[2]);
}

/* One computer enters a day and deletes it again before writing out (or
 * after, in a second batch); another had entered the same day earlier:
 * the newer entry and then its deletion win the day on every computer,
 * also on a third that reads in another order. */
static void
test_day_deleted_unseen (Fixture       *fixture,
                         gconstpointer  user_data)
{
  for (guint batches = 1; batches <= 2; batches++)
    {
      g_autofree char *day = day_before (13 + batches);

      save_pain (fixture->journals[0], day, 2, -3000);
      save_pain (fixture->journals[1], day, 5, -1000);
      if (batches == 2)
        write_out (fixture, 1);
      delete_pain (fixture->journals[1], day);
      write_out (fixture, 1);
      write_out (fixture, 0);

      read_in (fixture, 2, 0, NULL);
      read_in (fixture, 0, 1, NULL);
      read_in (fixture, 1, 0, NULL);
      /* What each dropped goes out, and is read. */
      for (guint round = 0; round < 2; round++)
        for (guint i = 0; i < 3; i++)
          {
            write_out (fixture, i);
            for (guint from = 0; from < 3; from++)
              if (from != i)
                read_in (fixture, i, from, NULL);
          }
      for (guint i = 0; i < 3; i++)
        g_assert_cmpint (pain_on (fixture->journals[i], day), ==, -1);
      assert_same_journals (fixture->journals[0], fixture->journals[1]);
      assert_same_journals (fixture->journals[0], fixture->journals[2]);
    }
}

/* A deletion wins over an older edit, and a newer edit over it. */
static void
test_deletion (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *day = day_before (9);

  save_pain (fixture->journals[0], day, 3, -7200);
  write_out (fixture, 0);
  read_in (fixture, 1, 0, NULL);

  /* Apart: 1 edits an hour ago, 0 deletes now. */
  save_pain (fixture->journals[1], day, 5, -3600);
  delete_pain (fixture->journals[0], day);
  write_out (fixture, 0);
  write_out (fixture, 1);
  read_in (fixture, 1, 0, NULL);
  read_in (fixture, 0, 1, NULL);
  g_assert_cmpint (pain_on (fixture->journals[0], day), ==, -1);
  g_assert_cmpint (pain_on (fixture->journals[1], day), ==, -1);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* 1's clock is ahead: its edit is newer than the deletion, the day
   * comes back on both. */
  save_pain (fixture->journals[1], day, 6, 120);
  write_out (fixture, 1);
  read_in (fixture, 0, 1, NULL);
  g_assert_cmpint (pain_on (fixture->journals[0], day), ==, 6);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* A third computer reading both logs in any order ends alike. */
  read_in (fixture, 2, 1, NULL);
  read_in (fixture, 2, 0, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[2]);
}

/* Applying all of another computer's changes in reverse order ends as
 * applying them in order. */
static void
test_reverse (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *day = day_before (10);
  g_autofree char *day2 = day_before (11);
  g_autoptr (GPtrArray) backwards = NULL;

  fill_every_kind (fixture->journals[0], day);
  save_pain (fixture->journals[0], day2, 2, -3000);
  save_pain (fixture->journals[0], day2, 3, -2000);
  save_pain (fixture->journals[0], day, 4, -1000);
  write_out (fixture, 0);
  /* Not collected in one go: each version as it was, as a folder holds
   * them. */
  delete_pain (fixture->journals[0], day2);
  write_out (fixture, 0);

  read_in (fixture, 1, 0, NULL);
  backwards = reversed (fixture->logs[0]);
  apply (fixture->journals[2], backwards, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  assert_same_journals (fixture->journals[1], fixture->journals[2]);
}

/* Three computers, each writing and reading the others in a ring. */
static void
test_ring (Fixture       *fixture,
           gconstpointer  user_data)
{
  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *day = day_before (12 + round * 3 + i);
          g_autofree char *shared = day_before (30);

          save_pain (fixture->journals[i], day, (int) i + 1, -5000 + (int) (round * 100 + i));
          save_pain (fixture->journals[i], shared, (int) (round + i), -4000 + (int) (round * 100 + i * 10));
          add_break (fixture->journals[i], day, g_get_real_time () / G_USEC_PER_SEC - 4000 + round);
          write_out (fixture, i);
        }
      /* Each reads the one before it, then the one after. */
      for (guint i = 0; i < 3; i++)
        read_in (fixture, i, (i + 2) % 3, NULL);
      for (guint i = 0; i < 3; i++)
        read_in (fixture, i, (i + 1) % 3, NULL);
    }
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  assert_same_journals (fixture->journals[1], fixture->journals[2]);
}

/* Two factors of the same name made apart are both kept, the same one
 * renamed on both. */
static void
test_factor_names (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GDateTime) earlier = now_plus (-600);
  g_autoptr (GDateTime) later = now_plus (-300);
  g_autoptr (LimberFactor) first = NULL;
  g_autoptr (LimberFactor) second = NULL;
  g_autoptr (LimberFactor) found = NULL;
  g_autoptr (LimberFactor) renamed = NULL;
  g_autoptr (GError) error = NULL;

  second = limber_journal_add_factor (fixture->journals[1], "foam roller", later, &error);
  g_assert_no_error (error);
  first = limber_journal_add_factor (fixture->journals[0], "Foam roller", earlier, &error);
  g_assert_no_error (error);
  write_out (fixture, 0);
  write_out (fixture, 1);
  read_in (fixture, 0, 1, NULL);
  read_in (fixture, 1, 0, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  found = limber_journal_find_factor (fixture->journals[1], "Foam roller", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->uuid, ==, first->uuid);
  renamed = limber_journal_find_factor (fixture->journals[0], "foam roller (2)", &error);
  g_assert_no_error (error);
  g_assert_nonnull (renamed);
  g_assert_cmpstr (renamed->uuid, ==, second->uuid);
}

/* A day's factor whose factor has not come is not stored yet, and said;
 * it comes in with its factor. */
static void
test_waiting (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *day = day_before (2);
  LimberSyncCounts counts = { 0 };
  GPtrArray *log = fixture->logs[0];
  g_autoptr (GPtrArray) without = g_ptr_array_new ();
  g_autoptr (GPtrArray) factor = g_ptr_array_new ();

  fill_every_kind (fixture->journals[0], day);
  write_out (fixture, 0);
  for (guint i = 0; i < log->len; i++)
    {
      LimberSyncChange *change = g_ptr_array_index (log, i);

      if (change->kind != LIMBER_SYNC_KIND_FACTOR || ((LimberFactor *) change->record)->builtin != NULL)
        g_ptr_array_add (without, change);
    }
  apply (fixture->journals[1], without, &counts);
  g_assert_cmpuint (counts.waiting, ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_DAY_FACTOR], ==, 1);

  /* The factor alone brings it in. */
  memset (&counts, 0, sizeof counts);
  for (guint i = 0; i < log->len; i++)
    {
      LimberSyncChange *change = g_ptr_array_index (log, i);

      if (change->kind == LIMBER_SYNC_KIND_FACTOR && ((LimberFactor *) change->record)->builtin == NULL)
        g_ptr_array_add (factor, change);
    }
  apply (fixture->journals[1], factor, &counts);
  g_assert_cmpuint (counts.waiting, ==, 0);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_FACTOR], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_DAY_FACTOR], ==, 1);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* Read again from the start, nothing is new. */
  memset (&counts, 0, sizeof counts);
  read_in (fixture, 1, 0, &counts);
  g_assert_cmpuint (counts.waiting, ==, 0);
  g_assert_cmpuint (total (counts.added), ==, 0);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
}

static guint
n_day_factors (LimberJournal *journal,
               const char    *day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) done = limber_journal_get_day_factors (journal, day, &error);

  g_assert_no_error (error);
  return done->len;
}

/* A day's factor from one computer for a factor another made waits, kept,
 * until that factor comes from the other's files, read later. */
static void
test_waiting_other_device (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GDateTime) then = now_plus (-600);
  g_autoptr (GDateTime) now = now_plus (-300);
  g_autofree char *day = day_before (1);
  g_autoptr (LimberFactor) roller = NULL;
  g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GError) error = NULL;
  LimberSyncCounts counts = { 0 };

  /* Each has written out what it had (the built-in factors). */
  for (guint i = 0; i < G_N_ELEMENTS (fixture->journals); i++)
    write_out (fixture, i);

  /* X makes a factor; Y, having read it, did it on a day. */
  roller = limber_journal_add_factor (fixture->journals[0], "Foam roller", then, &error);
  g_assert_no_error (error);
  write_out (fixture, 0);
  read_in (fixture, 1, 0, NULL);
  g_ptr_array_add (done, limber_day_factor_new (day, roller->uuid));
  g_assert_true (limber_journal_set_day_factors (fixture->journals[1], day, done, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (write_out (fixture, 1), ==, 1);

  /* Z reads Y's files first: the day's factor waits, and waits again when
   * read twice. */
  read_in (fixture, 2, 1, &counts);
  g_assert_cmpuint (counts.waiting, ==, 1);
  g_assert_cmpuint (total (counts.added), ==, 0);
  read_in (fixture, 2, 1, NULL);
  g_assert_cmpuint (n_day_factors (fixture->journals[2], day), ==, 0);

  /* Then X's, which do not hold it: it comes in with its factor. */
  memset (&counts, 0, sizeof counts);
  read_in (fixture, 2, 0, &counts);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_FACTOR], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_DAY_FACTOR], ==, 1);
  g_assert_cmpuint (counts.waiting, ==, 0);
  g_assert_cmpuint (n_day_factors (fixture->journals[2], day), ==, 1);

  /* Once: nothing waits any more, and nothing of it is Z's to write. */
  memset (&counts, 0, sizeof counts);
  read_in (fixture, 2, 0, &counts);
  g_assert_cmpuint (total (counts.added), ==, 0);
  g_assert_cmpuint (write_out (fixture, 2), ==, 0);

  read_in (fixture, 0, 1, NULL);
  assert_same_journals (fixture->journals[0], fixture->journals[1]);
  assert_same_journals (fixture->journals[1], fixture->journals[2]);
}

/* A journal copied to another machine gets an id of its own, and writes
 * its whole history out again under it. */
static void
test_rekey (Fixture       *fixture,
            gconstpointer  user_data)
{
  LimberJournal *journal = fixture->journals[0];
  g_autofree char *day = day_before (2);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (GError) error = NULL;
  gboolean rekeyed = FALSE;
  guint before;

  save_pain (journal, day, 4, -100);
  first = limber_journal_sync_device_id (journal, &rekeyed, &error);
  g_assert_no_error (error);
  g_assert_false (rekeyed);
  before = write_out (fixture, 0);
  g_assert_cmpuint (write_out (fixture, 0), ==, 0);

  g_setenv ("LIMBER_MACHINE_ID", "the-copy", TRUE);
  second = limber_journal_sync_device_id (journal, &rekeyed, &error);
  g_assert_no_error (error);
  g_assert_true (rekeyed);
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpuint (write_out (fixture, 0), ==, before);
  g_assert_cmpstr (((LimberSyncChange *) g_ptr_array_index (fixture->logs[0], before))->device, ==, second);

  /* Once. */
  third = limber_journal_sync_device_id (journal, &rekeyed, &error);
  g_assert_no_error (error);
  g_assert_false (rekeyed);
  g_assert_cmpstr (second, ==, third);
  g_setenv ("LIMBER_MACHINE_ID", "limber-test-machine", TRUE);

  /* The copy's history, read by the original under the new id, changes
   * nothing there. */
  {
    g_autofree char *json = export_json (journal);
    g_autofree char *after = NULL;

    g_clear_pointer (&second, g_free);
    second = limber_journal_sync_device_id (journal, &rekeyed, &error);
    g_assert_true (rekeyed);
    apply (journal, fixture->logs[0], NULL);
    after = export_json (journal);
    g_assert_cmpstr (json, ==, after);
  }
}

/* Which lines of its own folder a journal wrote, and a new id when
 * another computer writes under its id: the whole history goes out again
 * under the new one, and the old id's files are read from their start. */
static void
test_rekey_shared_id (Fixture       *fixture,
                      gconstpointer  user_data)
{
  LimberJournal *journal = fixture->journals[0];
  g_autofree char *day = day_before (3);
  g_autofree char *other_day = day_before (4);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *again = NULL;
  g_autoptr (GError) error = NULL;
  LimberSyncChange stranger;
  gboolean rekeyed = TRUE;
  gboolean wrote;
  gint64 offset, size;
  guint before;

  save_pain (journal, day, 4, -200);
  save_pain (journal, other_day, 5, -100);
  first = limber_journal_sync_device_id (journal, NULL, &error);
  g_assert_no_error (error);
  before = write_out (fixture, 0);
  g_assert_cmpuint (before, >=, 2);

  /* Its own lines. */
  for (guint i = 0; i < before; i++)
    {
      g_assert_true (limber_journal_sync_wrote (journal, g_ptr_array_index (fixture->logs[0], i), &wrote, &error));
      g_assert_no_error (error);
      g_assert_true (wrote);
    }
  /* Another computer's, under its id: a sequence number it never gave,
   * and one it gave to another record. */
  stranger = *(LimberSyncChange *) g_ptr_array_index (fixture->logs[0], before - 1);
  stranger.record = NULL;
  stranger.deleted = TRUE;
  stranger.seq += 1;
  g_assert_true (limber_journal_sync_wrote (journal, &stranger, &wrote, &error));
  g_assert_false (wrote);
  stranger.seq -= 1;
  g_strlcpy (stranger.uuid, "0f0e0d0c-0b0a-4908-8706-050403020100", sizeof stranger.uuid);
  g_assert_true (limber_journal_sync_wrote (journal, &stranger, &wrote, &error));
  g_assert_false (wrote);

  g_assert_true (limber_journal_sync_set_read (journal, first, "2026-11.jsonl", 300, 300, &error));
  second = limber_journal_sync_rekey (journal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (second, !=, first);
  again = limber_journal_sync_device_id (journal, &rekeyed, &error);
  g_assert_false (rekeyed);
  g_assert_cmpstr (again, ==, second);

  g_assert_cmpuint (write_out (fixture, 0), ==, before);
  g_assert_cmpstr (((LimberSyncChange *) g_ptr_array_index (fixture->logs[0], before))->device, ==, second);
  g_assert_true (limber_journal_sync_get_read (journal, first, "2026-11.jsonl", &offset, &size, &error));
  g_assert_cmpint (offset, ==, 0);
}

/* How far each file was read; sync off and on again starts over. */
static void
test_offsets (Fixture       *fixture,
              gconstpointer  user_data)
{
  LimberJournal *journal = fixture->journals[0];
  const char *device = "0f0e0d0c-0b0a-4908-8706-050403020100";
  g_autoptr (GError) error = NULL;
  gint64 offset, size;

  g_assert_true (limber_journal_sync_get_read (journal, device, "2026-11.jsonl", &offset, &size, &error));
  g_assert_cmpint (offset, ==, 0);
  g_assert_true (limber_journal_sync_set_read (journal, device, "2026-11.jsonl", 300, 420, &error));
  g_assert_true (limber_journal_sync_set_read (journal, device, "2026-10.jsonl", 90, 90, &error));
  g_assert_true (limber_journal_sync_get_read (journal, device, "2026-11.jsonl", &offset, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (offset, ==, 300);
  g_assert_cmpint (size, ==, 420);
  g_assert_true (limber_journal_sync_forget_device (journal, device, &error));
  g_assert_true (limber_journal_sync_get_read (journal, device, "2026-10.jsonl", &offset, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (offset, ==, 0);

  save_pain (journal, "2026-01-02", 3, -100);
  g_assert_cmpuint (write_out (fixture, 0), >, 0);
  g_assert_true (limber_journal_sync_set_read (journal, device, "2026-11.jsonl", 300, 420, &error));
  g_assert_true (limber_journal_sync_reset (journal, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_sync_get_read (journal, device, "2026-11.jsonl", &offset, &size, &error));
  g_assert_cmpint (offset, ==, 0);
  g_assert_cmpuint (write_out (fixture, 0), ==, 9 + 1);
}

static LimberSyncChange *
bench_change (LimberSyncKind  kind,
              const char     *uuid,
              const char     *device,
              guint64         seq,
              gint64          updated_utc,
              gpointer        record)
{
  LimberSyncChange *change = g_new0 (LimberSyncChange, 1);

  change->kind = kind;
  g_strlcpy (change->uuid, uuid, sizeof change->uuid);
  g_strlcpy (change->device, device, sizeof change->device);
  change->seq = seq;
  change->updated_utc = updated_utc;
  change->record = record;
  return change;
}

/* Another computer's ten years: 3650 pain entries, 200 000 breaks,
 * 20 000 stretches, three factors of its own and 10 000 days' factors. */
static GPtrArray *
bench_history (const char *device,
               guint       days)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
  g_autoptr (GDateTime) start = g_date_time_new_utc (2016, 1, 1, 8, 0, 0);
  char factors[4][LIMBER_UUID_LENGTH + 1];
  guint breaks = 0, stretches = 0, day_factors = 0;

  g_strlcpy (factors[0], LIMBER_FACTOR_PAIN_MEDICATION_UUID, sizeof factors[0]);
  for (guint f = 1; f < G_N_ELEMENTS (factors); f++)
    {
      LimberFactor *factor = g_new0 (LimberFactor, 1);
      g_autofree char *uuid = g_uuid_string_random ();

      g_strlcpy (factor->uuid, uuid, sizeof factor->uuid);
      g_strlcpy (factors[f], uuid, sizeof factors[f]);
      factor->name = g_strdup_printf ("Own factor %u", f);
      factor->created_utc = factor->updated_utc = g_date_time_to_unix (start) - 86400;
      g_ptr_array_add (changes, bench_change (LIMBER_SYNC_KIND_FACTOR, uuid, device, changes->len + 1,
                                              factor->updated_utc, factor));
    }

  for (guint d = 0; d < days; d++)
    {
      g_autoptr (GDateTime) date = g_date_time_add_days (start, d);
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
      gint64 t = g_date_time_to_unix (date);
      LimberPainEntry *entry = limber_pain_entry_new (day);
      g_autofree char *uuid = g_uuid_string_random ();

      g_strlcpy (entry->uuid, uuid, sizeof entry->uuid);
      entry->average = d % 10;
      entry->created_utc = entry->updated_utc = t + 36000;
      g_ptr_array_add (changes, bench_change (LIMBER_SYNC_KIND_PAIN_ENTRY, uuid, device, changes->len + 1,
                                              entry->updated_utc, entry));

      for (; breaks < (d + 1) * 200000 / 3650 && breaks < 200000; breaks++)
        {
          LimberBreakEvent *event = g_new0 (LimberBreakEvent, 1);
          g_autofree char *break_uuid = g_uuid_string_random ();

          g_strlcpy (event->uuid, break_uuid, sizeof event->uuid);
          g_strlcpy (event->day, day, sizeof event->day);
          event->due_utc = t + (breaks % 60) * 600;
          event->end_utc = event->due_utc + 30;
          event->duration_s = 30;
          g_ptr_array_add (changes, bench_change (LIMBER_SYNC_KIND_BREAK_EVENT, break_uuid, device,
                                                  changes->len + 1, event->end_utc, event));
        }

      for (; stretches < (d + 1) * 20000 / 3650; stretches++)
        {
          LimberStretchSession *session = g_new0 (LimberStretchSession, 1);
          g_autofree char *session_uuid = g_uuid_string_random ();

          g_strlcpy (session->uuid, session_uuid, sizeof session->uuid);
          g_strlcpy (session->day, day, sizeof session->day);
          session->activity_id = g_strdup ("wall-angels");
          session->start_utc = t + 1800 + (stretches % 8) * 3600;
          session->end_utc = session->start_utc + 60;
          session->seconds_done = 60;
          session->completed = TRUE;
          session->pain_before = LIMBER_PAIN_SCORE_UNSET;
          session->pain_after = LIMBER_PAIN_SCORE_UNSET;
          g_ptr_array_add (changes, bench_change (LIMBER_SYNC_KIND_STRETCH_SESSION, session_uuid, device,
                                                  changes->len + 1, session->end_utc, session));
        }

      /* Each day's factors are different factors: one of each a day. */
      for (guint f = 0; day_factors < (d + 1) * 10000 / 3650; day_factors++, f++)
        {
          LimberDayFactor *done = limber_day_factor_new (day, factors[f % G_N_ELEMENTS (factors)]);
          g_autofree char *done_uuid = g_uuid_string_random ();

          g_strlcpy (done->uuid, done_uuid, sizeof done->uuid);
          done->created_utc = done->updated_utc = t + 36000;
          g_ptr_array_add (changes, bench_change (LIMBER_SYNC_KIND_DAY_FACTOR, done_uuid, device,
                                                  changes->len + 1, done->updated_utc, done));
        }
    }
  return changes;
}

/* Another version of the break event @change carries, @seconds later,
 * lasting @duration_s. */
static LimberSyncChange *
break_version (const LimberSyncChange *change,
               int                     seconds,
               int                     duration_s)
{
  LimberBreakEvent *event = g_memdup2 (change->record, sizeof (LimberBreakEvent));

  event->duration_s = duration_s;
  return bench_change (LIMBER_SYNC_KIND_BREAK_EVENT, change->uuid, change->device, change->seq + 100000,
                       change->updated_utc + seconds, event);
}

static const LimberSyncChange *
nth_break (GPtrArray *changes,
           guint      n)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (changes, i);

      if (change->kind == LIMBER_SYNC_KIND_BREAK_EVENT && n-- == 0)
        return change;
    }
  g_assert_not_reached ();
}

static guint
count_kind (GPtrArray      *changes,
            LimberSyncKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    n += ((const LimberSyncChange *) g_ptr_array_index (changes, i))->kind == kind;
  return n;
}

/* A large batch ends the same as small ones: with a newer version
 * already here kept, two versions of one UUID in the batch settled, the
 * same batch again changing nothing, and a refused record left out. The
 * triggers, off on the connection while it merges, are back after it:
 * a local write is a change to write out again. */
static void
test_large_batch (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *device = "ffffffff-0000-4000-8000-000000000002";
  g_autoptr (GPtrArray) changes = bench_history (device, 40);
  g_autoptr (GPtrArray) newer_here = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
  g_autoptr (GPtrArray) refusing = g_ptr_array_new ();
  g_autoptr (LimberSyncChange) refused = NULL;
  g_autofree char *first_json = NULL;
  g_autofree char *yesterday = day_before (1);
  LimberSyncCounts counts = { 0 };
  guint breaks;

  /* A newer version of one break is here already; the batch has two
   * versions of another, the newer last. */
  g_ptr_array_add (newer_here, break_version (nth_break (changes, 3), 60, 45));
  g_ptr_array_add (changes, break_version (nth_break (changes, 7), 60, 50));
  breaks = count_kind (changes, LIMBER_SYNC_KIND_BREAK_EVENT);
  g_assert_cmpuint (changes->len, >, 1000);

  /* One journal in one batch, another in many small ones. */
  apply (fixture->journals[0], newer_here, NULL);
  apply (fixture->journals[1], newer_here, NULL);
  apply (fixture->journals[0], changes, &counts);
  for (guint i = 0; i < changes->len; i += 50)
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new ();

      for (guint j = i; j < MIN (i + 50, changes->len); j++)
        g_ptr_array_add (batch, g_ptr_array_index (changes, j));
      apply (fixture->journals[1], batch, NULL);
    }
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* All but the break newer here and the second version of the other. */
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, breaks - 2);
  g_assert_cmpuint (counts.updated[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 1);
  g_assert_cmpuint (counts.unchanged[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_STRETCH_SESSION], ==,
                    count_kind (changes, LIMBER_SYNC_KIND_STRETCH_SESSION));
  g_assert_cmpuint (counts.refused, ==, 0);
  g_assert_cmpint (limber_journal_count (fixture->journals[0], "break_event", NULL), ==, breaks - 1);
  {
    g_autofree char *json = export_json (fixture->journals[0]);

    g_assert_nonnull (strstr (json, "\"duration_s\": 45"));
    g_assert_nonnull (strstr (json, "\"duration_s\": 50"));
  }

  /* Again: nothing changes. */
  first_json = export_json (fixture->journals[0]);
  memset (&counts, 0, sizeof counts);
  apply (fixture->journals[0], changes, &counts);
  g_assert_cmpuint (total (counts.added) + total (counts.updated) + total (counts.deleted), ==, 0);
  {
    g_autofree char *json = export_json (fixture->journals[0]);

    g_assert_cmpstr (json, ==, first_json);
  }

  /* This computer's own writes have versions again. */
  write_out (fixture, 0);
  save_pain (fixture->journals[0], yesterday, 3, 0);
  g_assert_cmpuint (write_out (fixture, 0), ==, 1);

  /* A break the schema refuses, in a large batch: it alone is left out. */
  refused = break_version (nth_break (changes, 11), 0, -1);
  g_strlcpy (refused->uuid, "ffffffff-0000-4000-8000-00000000000f", sizeof refused->uuid);
  g_strlcpy (((LimberBreakEvent *) refused->record)->uuid, refused->uuid, LIMBER_UUID_LENGTH + 1);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (refusing, g_ptr_array_index (changes, i));
  g_ptr_array_add (refusing, refused);
  memset (&counts, 0, sizeof counts);
  apply (fixture->journals[2], refusing, &counts);
  g_assert_cmpuint (counts.refused, ==, 1);
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, breaks - 1);
  g_assert_cmpint (limber_journal_count (fixture->journals[2], "break_event", NULL), ==, breaks - 1);
}

/* This process's processor time, in seconds: less at the mercy of other
 * processes than the time on the clock. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* The mean time of a local save of a pain entry and of a break, which the
 * triggers keeping versions make dearer. */
static void
bench_local_writes (LimberJournal *journal,
                    const char    *when)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint n = 200;
  gint64 began;
  double pain_ms, break_ms;

  began = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) date = g_date_time_add_days (now, -(int) i - 1);
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

      save_pain (journal, day, i % 10, 0);
    }
  pain_ms = (g_get_monotonic_time () - began) / 1000.0 / n;

  began = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    add_break (journal, "2026-01-02", g_date_time_to_unix (now) - 100000 + i * 60);
  break_ms = (g_get_monotonic_time () - began) / 1000.0 / n;

  g_test_message ("Local writes %s: a pain entry %.3f ms, a break %.3f ms (mean of %u)",
                  when, pain_ms, break_ms, n);
}

/* Ten years of another computer merged, at once and in batches as the
 * folder's reader passes them. Only with -m perf; prints times and this
 * process's peak RSS. LIMBER_BENCH_DAYS: fewer days, to look at a
 * profile. */
static void
test_bench (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *device = "ffffffff-0000-4000-8000-000000000001";
  g_autoptr (GPtrArray) changes = NULL;
  LimberSyncCounts counts = { 0 };
  guint days = 3650;
  guint batch = 5000;
  gint64 began;
  double seconds, cpu;

  if (!g_test_perf ())
    {
      g_test_skip ("Only with -m perf");
      return;
    }

  if (g_getenv ("LIMBER_BENCH_DAYS") != NULL)
    days = (guint) atoi (g_getenv ("LIMBER_BENCH_DAYS"));
  changes = bench_history (device, days);

  bench_local_writes (fixture->journals[2], "in a new journal");

  began = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  apply (fixture->journals[0], changes, &counts);
  seconds = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
  g_test_minimized_result (seconds, "Merged %u changes at once in %.2f s (processor %.2f s)", changes->len,
                           seconds, cpu_seconds () - cpu);
  g_test_message ("Peak RSS %ld KiB (with the changes in memory)", peak_rss_kib ());
  g_assert_cmpuint (counts.added[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, days);
  g_assert_cmpuint (counts.waiting, ==, 0);
  g_assert_cmpuint (total (counts.added), ==, changes->len);

  /* The same again: nothing to do. */
  memset (&counts, 0, sizeof counts);
  began = g_get_monotonic_time ();
  apply (fixture->journals[0], changes, &counts);
  g_test_message ("Merged them again (no change) in %.2f s",
                  (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (total (counts.unchanged), ==, changes->len);

  /* In batches, into another journal. */
  began = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  for (guint i = 0; i < changes->len; i += batch)
    {
      g_autoptr (GPtrArray) part = g_ptr_array_new ();

      for (guint c = i; c < MIN (i + batch, changes->len); c++)
        g_ptr_array_add (part, g_ptr_array_index (changes, c));
      apply (fixture->journals[1], part, NULL);
    }
  g_test_message ("Merged them in batches of %u in %.2f s (processor %.2f s)", batch,
                  (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC, cpu_seconds () - cpu);
  g_test_message ("Peak RSS %ld KiB", peak_rss_kib ());
  assert_same_journals (fixture->journals[0], fixture->journals[1]);

  /* One more change, alone. */
  {
    g_autoptr (GPtrArray) one = g_ptr_array_new ();
    LimberSyncChange *last = g_ptr_array_index (changes, changes->len / 2);

    for (guint i = 0; last->kind != LIMBER_SYNC_KIND_PAIN_ENTRY; i++)
      last = g_ptr_array_index (changes, changes->len / 2 + i);
    ((LimberPainEntry *) last->record)->average = 9;
    ((LimberPainEntry *) last->record)->updated_utc += 100;
    last->updated_utc += 100;
    g_ptr_array_add (one, last);
    memset (&counts, 0, sizeof counts);
    began = g_get_monotonic_time ();
    apply (fixture->journals[0], one, &counts);
    g_test_message ("One change merged in %.1f ms", (g_get_monotonic_time () - began) / 1000.0);
    g_assert_cmpuint (counts.updated[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, 1);
  }

  bench_local_writes (fixture->journals[0], "in the merged journal");
}

/* A journal of schema 4 gains versions of all its rows, this device's, in
 * a stable order with factors first, and keeps every row. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "journal-fixtures", "v4.sql", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "v4", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  const char *rows_sql =
    "SELECT (SELECT count (*) FROM pain_entry) + (SELECT count (*) FROM break_event) "
    "+ (SELECT count (*) FROM stretch_session) + (SELECT count (*) FROM factor) "
    "+ (SELECT count (*) FROM day_factor) + (SELECT count (*) FROM day_measure) "
    "+ (SELECT count (*) FROM life_change)";
  sqlite3_stmt *statement = NULL;
  sqlite3 *db = NULL;
  guint64 last = 0;
  int rows;

  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, rows_sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  rows = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  g_assert_cmpint (rows, >, 9);

  journal = open_journal (path);
  g_assert_true (limber_journal_sync_collect (journal, G_MAXUINT, &changes, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, rows);
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (changes, i);

      g_assert_false (change->deleted);
      g_assert_nonnull (change->record);
      g_assert_cmpuint (change->seq, ==, i + 1);
      if (i > 0 && change->kind == LIMBER_SYNC_KIND_FACTOR)
        g_assert_cmpint (((LimberSyncChange *) g_ptr_array_index (changes, i - 1))->kind, ==,
                         LIMBER_SYNC_KIND_FACTOR);
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT count (*) FROM sync_version WHERE device = '' AND deleted = 0), "
                                           "(SELECT updated_utc FROM sync_version WHERE uuid = "
                                           "'7a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d'), "
                                           "(SELECT claim FROM sync_version WHERE uuid = "
                                           "'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f')",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (statement, 0), ==, 5);
  g_assert_cmpint (sqlite3_column_int (statement, 1), ==, rows);
  /* A break's version is its end. */
  g_assert_cmpint (sqlite3_column_int64 (statement, 2), ==, 1768471245);
  g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 3), ==,
                   "2026-01-15 " LIMBER_FACTOR_PAIN_MEDICATION_UUID);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_prepare_v2 (db, rows_sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (statement, 0), ==, rows);
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LIMBER_MACHINE_ID", "limber-test-machine", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-sync/collect", test_collect);
  ADD ("/journal-sync/merge", test_merge);
  ADD ("/journal-sync/same-day", test_same_day);
  ADD ("/journal-sync/deletion", test_deletion);
  ADD ("/journal-sync/day-deleted-unseen", test_day_deleted_unseen);
  ADD ("/journal-sync/reverse", test_reverse);
  ADD ("/journal-sync/ring", test_ring);
  ADD ("/journal-sync/factor-names", test_factor_names);
  ADD ("/journal-sync/waiting", test_waiting);
  ADD ("/journal-sync/waiting-other-device", test_waiting_other_device);
  ADD ("/journal-sync/rekey", test_rekey);
  ADD ("/journal-sync/rekey-shared-id", test_rekey_shared_id);
  ADD ("/journal-sync/offsets", test_offsets);
  ADD ("/journal-sync/large-batch", test_large_batch);
  ADD ("/journal-sync/migration", test_migration);
  ADD ("/journal-sync/bench", test_bench);
#undef ADD

  return g_test_run ();
}
