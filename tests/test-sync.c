/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-journal-factors.h"
#include "limber-journal-sync.h"
#include "limber-sync-file.h"
#include "limber-sync.h"
#include "limber-test-util.h"

/* Sync through a shared folder, with two and three computers simulated on
 * one: each has a data home of its own and a folder of its own, which
 * the test keeps in step as a file-sync tool would, copying files
 * between them in any order, late, and in part. Whatever happens on the
 * way, every journal ends with the same rows: their JSON exports are
 * the same, byte for byte. */

#define LIMBER_EXE LIMBER_BUILD_ROOT "/src/limber"

typedef struct
{
  char          *home;
  /* This computer's copy of the synced folder. */
  char          *folder;
  char          *machine;
  LimberJournal *journal;
  char          *device;
} Computer;

typedef struct
{
  char     *dir;
  Computer  computers[3];
  guint     n;
  /* The mounts a test made, to undo. */
  char     *mount;
} Fixture;

/* Where the tests' records get their UUIDs: from a generator seeded by
 * the test's path, so that a run can be repeated as it was. */
static GRand *uuid_rand;

/* The tests' days and times are of the last days, starting half a day
 * ago, so that hours later are still no day in the future: a deletion is
 * dated by the journal with the real time. */
static GDateTime *base;
static char days[6][LIMBER_DAY_LENGTH + 1];

/* The start of the hour half a day ago plus @hours. */
static GDateTime *
at (double hours)
{
  return g_date_time_add_seconds (base, hours * 3600);
}

static void
set_up_days (void)
{
  g_autoptr (GDateTime) real = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) now = g_date_time_add_hours (real, -12);

  base = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), g_date_time_get_hour (now), 0, 0);
  for (int i = 0; i < 6; i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (base, -1 - i);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

      g_strlcpy (days[i], text, sizeof days[i]);
    }
}

static void
open_computer (Fixture  *fixture,
               Computer *computer)
{
  g_autofree char *path = g_build_filename (computer->home, "limber", "journal.db", NULL);
  g_autoptr (GError) error = NULL;

  g_clear_object (&computer->journal);
  computer->journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
}

static void
add_computer (Fixture    *fixture,
              const char *name)
{
  Computer *computer = &fixture->computers[fixture->n++];

  computer->home = g_build_filename (fixture->dir, name, "data", NULL);
  computer->folder = g_build_filename (fixture->dir, name, "Sync", NULL);
  computer->machine = g_strdup_printf ("machine-%s", name);
  g_assert_cmpint (g_mkdir_with_parents (computer->folder, 0700), ==, 0);
  open_computer (fixture, computer);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  uuid_rand = g_rand_new_with_seed (g_str_hash (g_test_get_path ()));
  fixture->dir = g_dir_make_tmp ("limber-sync-XXXXXX", &error);
  g_assert_no_error (error);
  add_computer (fixture, "work");
  add_computer (fixture, "home");
  if ((GPOINTER_TO_UINT (data) & 0xff) >= 3)
    add_computer (fixture, "spare");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mount != NULL)
    limber_test_unmount (fixture->mount);
  for (guint i = 0; i < fixture->n; i++)
    {
      g_clear_object (&fixture->computers[i].journal);
      g_free (fixture->computers[i].home);
      g_free (fixture->computers[i].folder);
      g_free (fixture->computers[i].machine);
      g_free (fixture->computers[i].device);
    }
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_pointer (&uuid_rand, g_rand_free);
  g_free (fixture->mount);
}

/* One pass on @computer at @now; fails the test when it fails. */
static void
pass (Computer         *computer,
      GDateTime        *now,
      LimberSyncReport *report)
{
  g_autoptr (GError) error = NULL;

  g_setenv ("LIMBER_MACHINE_ID", computer->machine, TRUE);
  limber_sync_report_clear (report);
  limber_sync_report_init (report);
  g_assert_true (limber_sync_run (computer->journal, computer->folder, now, report, &error));
  g_assert_no_error (error);
  g_free (computer->device);
  computer->device = g_strdup (report->device);
}

/* A pass that finds nothing damaged; returns how many changes it wrote
 * and merged. */
static guint64
pass_quietly (Computer  *computer,
              GDateTime *now)
{
  g_auto (LimberSyncReport) report = { 0 };
  guint64 done;

  limber_sync_report_init (&report);
  pass (computer, now, &report);
  g_assert_false (report.paused);
  for (guint i = 0; i < report.damaged->len; i++)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (report.damaged, i);

      g_test_message ("%s/%s: %s", problem->device, problem->file, problem->message);
    }
  g_assert_cmpuint (report.damaged->len, ==, 0);

  done = report.written;
  for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
    done += report.added[k] + report.updated[k] + report.deleted[k];
  return done;
}

static void
seeded_uuid (char uuid[LIMBER_UUID_LENGTH + 1])
{
  guint32 words[4];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (uuid_rand);
  /* Version 4, variant 1, as g_uuid_string_random() makes them. */
  g_snprintf (uuid, LIMBER_UUID_LENGTH + 1, "%08x-%04x-4%03x-%04x-%04x%08x",
              words[0], words[1] >> 16, words[1] & 0xfff, 0x8000 | ((words[2] >> 16) & 0x3fff),
              words[2] & 0xffff, words[3]);
}

static char *
read_all (const char *path,
          gsize      *length)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* The sync tool: copies the first @bytes (all, when -1) of the file
 * @device/@name from @from's folder to @to's. */
static void
copy_file (Computer   *from,
           Computer   *to,
           const char *device,
           const char *name,
           gssize      bytes)
{
  g_autofree char *source = g_build_filename (from->folder, "limber", device, name, NULL);
  g_autofree char *target_dir = g_build_filename (to->folder, "limber", device, NULL);
  g_autofree char *target = g_build_filename (target_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  contents = read_all (source, &length);
  if (bytes >= 0 && (gsize) bytes < length)
    length = bytes;
  g_assert_cmpint (g_mkdir_with_parents (target_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  g_assert_no_error (error);
}

/* The sync tool catching up: every file of @from's own device folder, and
 * of any other device folder it holds longer copies of, goes to @to. */
static void
copy_all (Computer *from,
          Computer *to)
{
  g_autofree char *limber_dir = g_build_filename (from->folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (limber_dir, 0, NULL);
  const char *device;

  while (devices != NULL && (device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *device_dir = g_build_filename (limber_dir, device, NULL);
      g_autoptr (GDir) files = g_dir_open (device_dir, 0, NULL);
      const char *name;

      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *source = g_build_filename (device_dir, name, NULL);
          g_autofree char *target = g_build_filename (to->folder, "limber", device, name, NULL);
          GStatBuf source_st, target_st;

          g_assert_cmpint (g_stat (source, &source_st), ==, 0);
          if (g_stat (target, &target_st) == 0 && target_st.st_size >= source_st.st_size &&
              g_strcmp0 (device, to->device) != 0)
            continue;
          if (g_strcmp0 (device, to->device) == 0)
            continue;
          copy_file (from, to, device, name, -1);
        }
    }
}

/* Everyone's files reach everyone. */
static void
copy_everywhere (Fixture *fixture)
{
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < fixture->n; i++)
      for (guint j = 0; j < fixture->n; j++)
        if (i != j)
          copy_all (&fixture->computers[i], &fixture->computers[j]);
}

static GBytes *
export_json (Computer *computer)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_journal_export (computer->journal, LIMBER_JOURNAL_FORMAT_JSON, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

/* The sync tool and the computers run on until a round of copying
 * everything everywhere and a pass on each changes nothing (a pass may
 * delete, as its own change, a record that lost its day; the others
 * follow it once they read it); then every journal must export the same
 * bytes. A few rounds are enough: the test fails if they are not. */
static gboolean
settle_and_compare (Fixture   *fixture,
                    GDateTime *now)
{
  g_autoptr (GBytes) first = NULL;
  gboolean quiet = FALSE;

  for (guint round = 0; round < 6 && !quiet; round++)
    {
      quiet = round > 0;
      for (guint i = 0; i < fixture->n; i++)
        {
          copy_everywhere (fixture);
          if (pass_quietly (&fixture->computers[i], now) > 0)
            quiet = FALSE;
        }
    }
  if (!quiet)
    {
      g_test_fail_printf ("the computers still change one another’s journals after 6 rounds");
      return FALSE;
    }

  first = export_json (&fixture->computers[0]);
  for (guint i = 1; i < fixture->n; i++)
    {
      g_autoptr (GBytes) other = export_json (&fixture->computers[i]);

      if (!g_bytes_equal (first, other))
        {
          g_test_message ("%s\n---\n%s", (const char *) g_bytes_get_data (first, NULL),
                          (const char *) g_bytes_get_data (other, NULL));
          g_test_fail_printf ("the journals of computer 1 and %u differ", i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static void
save_entry (Computer   *computer,
            const char *day,
            int         average,
            const char *note,
            GDateTime  *now)
{
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  entry = limber_journal_get_pain_entry (computer->journal, day, &error);
  g_assert_no_error (error);
  if (entry == NULL)
    {
      entry = limber_pain_entry_new (day);
      seeded_uuid (entry->uuid);
    }
  entry->average = average;
  entry->worst = MAX (entry->worst, average);
  g_free (entry->note);
  entry->note = g_strdup (note);
  g_assert_true (limber_journal_save_pain_entry (computer->journal, entry, now, &error));
  g_assert_no_error (error);
}

static void
add_breaks (Computer  *computer,
            GDateTime *from,
            guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_minutes (from, -40 * (int) i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      char uuid[LIMBER_UUID_LENGTH + 1];
      g_autoptr (GError) error = NULL;
      LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
                                 .due_utc = g_date_time_to_unix (when), .end_utc = g_date_time_to_unix (when) + 30,
                                 .duration_s = 30 };

      seeded_uuid (uuid);
      g_strlcpy (event.day, day, sizeof event.day);
      g_strlcpy (event.uuid, uuid, sizeof event.uuid);
      g_assert_true (limber_journal_add_break_event (computer->journal, &event, &error));
      g_assert_no_error (error);
    }
}

static void
add_stretch (Computer  *computer,
             GDateTime *when)
{
  g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
  char uuid[LIMBER_UUID_LENGTH + 1];
  g_autoptr (GError) error = NULL;
  LimberStretchSession session = { .activity_id = (char *) "desk-reset",
                                   .start_utc = g_date_time_to_unix (when),
                                   .end_utc = g_date_time_to_unix (when) + 60,
                                   .seconds_done = 60, .completed = TRUE,
                                   .pain_before = 4, .pain_after = 3 };

  seeded_uuid (uuid);
  g_strlcpy (session.day, day, sizeof session.day);
  g_strlcpy (session.uuid, uuid, sizeof session.uuid);
  g_assert_true (limber_journal_add_stretch_session (computer->journal, &session, &error));
  g_assert_no_error (error);
}

static int
entry_average (Computer   *computer,
               const char *day)
{
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  entry = limber_journal_get_pain_entry (computer->journal, day, &error);
  g_assert_no_error (error);
  return entry != NULL ? entry->average : -1;
}

/* The name of @device's change file of @when. */
static char *
change_file (GDateTime *when)
{
  return limber_sync_file_name_for (when);
}

/* Turning sync on with a history writes it out once; joining the folder
 * merges the other's history with a summary of what came. */
static void
test_two_computers (Fixture       *fixture,
                    gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) t1 = at (2);
  g_auto (LimberSyncReport) report = { 0 };
  g_auto (GStrv) summary = NULL;
  g_autofree char *joined = NULL;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, "long meeting", t0);
  save_entry (work, days[0], 3, NULL, t0);
  add_breaks (work, t0, 5);
  add_stretch (work, t0);
  save_entry (home, days[2], 6, "garden", t0);

  pass (work, t1, &report);
  g_assert_false (report.paused);
  g_assert_cmpuint (report.written, >=, 8);
  g_assert_cmpuint (report.waiting, ==, 0);
  g_assert_cmpuint (report.devices->len, ==, 0);

  /* Passes again: nothing new to write or read. */
  pass (work, t1, &report);
  g_assert_cmpuint (report.written, ==, 0);

  copy_all (work, home);
  pass (home, t1, &report);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, 2);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 5);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_STRETCH_SESSION], ==, 1);
  g_assert_cmpuint (report.devices->len, ==, 1);
  g_assert_cmpstr (((LimberSyncDevice *) g_ptr_array_index (report.devices, 0))->device, ==, work->device);
  summary = limber_sync_report_summary (&report);
  joined = g_strjoinv ("\n", summary);
  g_test_message ("%s", joined);
  g_assert_nonnull (strstr (joined, "Added 2 pain entries, 5 breaks, 1 stretch session from 1 other computer."));
  g_assert_cmpint (entry_average (home, days[1]), ==, 4);

  settle_and_compare (fixture, t1);
  g_assert_cmpint (entry_average (work, days[2]), ==, 6);

  /* A second pass with nothing new merges nothing. */
  pass (home, t1, &report);
  for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
    g_assert_cmpuint (report.added[k] + report.updated[k] + report.deleted[k], ==, 0);
}

/* Apart for weeks with clocks hours apart: the same day edited on both,
 * a deletion on one and an edit on the other, files copied late, out of
 * order and half a line at a time, one cut short mid-line. */
static void
test_apart (Fixture       *fixture,
            gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  Computer *spare = &fixture->computers[2];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) skewed = at (-5);
  g_autoptr (GDateTime) later = at (3);
  g_autoptr (GDateTime) weeks = at (24 * 21);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = change_file (t0);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const char *newline;

  save_entry (work, days[1], 2, "start", t0);
  save_entry (work, days[3], 5, "to delete", t0);
  add_breaks (work, t0, 20);
  pass_quietly (work, t0);
  settle_and_compare (fixture, t0);

  /* Apart: work edits 1 November with its clock five hours behind, home
   * edits it later; work deletes 30 October, home edits it earlier. */
  save_entry (work, days[1], 7, "work's edit", skewed);
  save_entry (home, days[1], 5, "home's edit", later);
  save_entry (home, days[3], 6, "home's older edit", skewed);
  g_assert_true (limber_journal_delete_pain_entry (work->journal, days[3], &error));
  g_assert_no_error (error);
  add_breaks (home, later, 7);
  add_stretch (spare, later);
  pass_quietly (work, later);
  pass_quietly (home, later);
  pass_quietly (spare, later);

  /* Home's file reaches spare half a line at a time, then whole. */
  path = g_build_filename (home->folder, "limber", home->device, name, NULL);
  contents = read_all (path, &length);
  newline = memchr (contents + length / 2, '\n', length - length / 2);
  g_assert_nonnull (newline);
  copy_file (home, spare, home->device, name, (newline - contents) - 10);
  pass_quietly (spare, later);
  copy_file (home, spare, home->device, name, (newline - contents) + 5);
  pass_quietly (spare, later);
  /* Cut short mid-line, shorter than what spare read: read again. */
  copy_file (home, spare, home->device, name, length / 3);
  pass_quietly (spare, later);
  copy_file (home, spare, home->device, name, -1);
  pass_quietly (spare, later);

  /* Work's file reaches home before spare's does, weeks later. */
  copy_all (work, home);
  pass_quietly (home, weeks);
  settle_and_compare (fixture, weeks);

  /* The later edit won the day on every computer, whatever its clock. */
  for (guint i = 0; i < fixture->n; i++)
    {
      g_assert_cmpint (entry_average (&fixture->computers[i], days[1]), ==, 5);
      g_assert_cmpint (entry_average (&fixture->computers[i], days[3]), ==, -1);
      g_assert_cmpint (limber_journal_count (fixture->computers[i].journal, "break_event", NULL), ==, 27);
    }
}

/* Each file of @from's folder, except @to's own, as a list of
 * "DEVICE/NAME". */
static GPtrArray *
list_files (Computer *from,
            Computer *to)
{
  g_autofree char *limber_dir = g_build_filename (from->folder, "limber", NULL);
  g_autoptr (GDir) devices = g_dir_open (limber_dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *device;

  while (devices != NULL && (device = g_dir_read_name (devices)) != NULL)
    {
      g_autofree char *device_dir = g_build_filename (limber_dir, device, NULL);
      g_autoptr (GDir) names = g_dir_open (device_dir, 0, NULL);
      const char *name;

      if (g_strcmp0 (device, to->device) == 0)
        continue;
      while (names != NULL && (name = g_dir_read_name (names)) != NULL)
        g_ptr_array_add (files, g_build_filename (device, name, NULL));
    }
  return files;
}

/* Three computers, clocks hours apart, edit, delete and log breaks in
 * rounds, with passes at any time and files copied in any order, often
 * only in part and sometimes cut back shorter than before; in the end
 * all three hold the same journal. Everything comes from the seed: the
 * order, the times and the records' UUIDs. A computer's times fall on
 * seconds of their own (their number modulo 3 is the computer's), so
 * that no two computers write a version of the same second, which only
 * their device ids, made afresh on each run, would order. (Deletions are
 * dated with the real time, hours after all of these; which of two is
 * later changes no row.) */
static void
test_any_order (Fixture       *fixture,
                gconstpointer  data)
{
  static const double skew_h[] = { -3, 0, 2 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data) >> 8);

  for (guint round = 0; round < 6; round++)
    {
      for (guint c = 0; c < fixture->n; c++)
        {
          Computer *computer = &fixture->computers[c];
          g_autoptr (GDateTime) when = at (round + skew_h[c] + (3 * g_rand_int_range (rand, 0, 600) + c) / 3600.0);

          for (guint k = 0; k < 3; k++)
            {
              const char *day = days[g_rand_int_range (rand, 0, 4)];

              if (g_rand_int_range (rand, 0, 5) == 0)
                {
                  g_autoptr (GError) error = NULL;

                  g_assert_true (limber_journal_delete_pain_entry (computer->journal, day, &error));
                  g_assert_no_error (error);
                }
              else
                save_entry (computer, day, g_rand_int_range (rand, 0, 11), fixture->computers[c].machine, when);
            }
          add_breaks (computer, when, g_rand_int_range (rand, 0, 4));
          if (g_rand_boolean (rand))
            pass_quietly (computer, when);
        }

      for (guint copy = 0; copy < 8; copy++)
        {
          guint from = g_rand_int_range (rand, 0, fixture->n);
          guint to = (from + g_rand_int_range (rand, 1, fixture->n)) % fixture->n;
          g_autoptr (GPtrArray) files = list_files (&fixture->computers[from], &fixture->computers[to]);
          g_autoptr (GDateTime) when = at (round + 0.75);
          g_autofree char *device = NULL;
          const char *file;
          char *slash;
          g_autofree char *source = NULL;
          GStatBuf st;

          if (files->len == 0)
            continue;
          device = g_strdup (g_ptr_array_index (files, g_rand_int_range (rand, 0, files->len)));
          slash = strchr (device, '/');
          *slash = '\0';
          file = slash + 1;
          source = g_build_filename (fixture->computers[from].folder, "limber", device, file, NULL);
          g_assert_cmpint (g_stat (source, &st), ==, 0);
          copy_file (&fixture->computers[from], &fixture->computers[to], device, file,
                     g_rand_boolean (rand) ? -1 : g_rand_int_range (rand, 0, (gint32) st.st_size + 1));
          if (g_rand_boolean (rand))
            pass_quietly (&fixture->computers[to], when);
        }
    }

  {
    g_autoptr (GDateTime) end = at (8);

    g_test_message ("seed %u; devices %s, %s, %s", GPOINTER_TO_UINT (data) >> 8, fixture->computers[0].device,
                    fixture->computers[1].device, fixture->computers[2].device);
    settle_and_compare (fixture, end);
  }
}

/* A day's entry made and deleted on one computer before it ever synced,
 * while the other computer made an entry of its own for that day, earlier:
 * the deletion reaches the other computer without the day it was of. The
 * day was cleared after the other entry was written, so that entry loses
 * the day: the computer that deleted drops it, as its own change, and the
 * other follows. */
static void
test_deleted_day (Fixture       *fixture,
                  gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) t1 = at (1);
  g_autoptr (GError) error = NULL;

  pass_quietly (work, t0);
  pass_quietly (home, t0);
  save_entry (work, days[1], 3, "work's", t0);
  save_entry (home, days[1], 6, "home's, deleted", t1);
  g_assert_true (limber_journal_delete_pain_entry (home->journal, days[1], &error));
  g_assert_no_error (error);
  settle_and_compare (fixture, t1);
  g_assert_cmpint (entry_average (work, days[1]), ==, -1);
  g_assert_cmpint (entry_average (home, days[1]), ==, -1);

  /* An entry written for the day after it was cleared (deletions are
   * dated with the real time) stands everywhere. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

    save_entry (work, days[1], 2, "work's, later", now);
    settle_and_compare (fixture, t1);
  }
  g_assert_cmpint (entry_average (home, days[1]), ==, 2);
}

/* Conflict copies: one of this computer's own file is merged and
 * removed; one of another's is merged and left to its owner. */
static void
test_conflict_copies (Fixture       *fixture,
                      gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) t1 = at (1);
  g_auto (LimberSyncReport) report = { 0 };
  g_autofree char *name = change_file (t0);
  g_autofree char *month = g_date_time_format (t0, "%Y-%m");
  g_autofree char *conflict = g_strdup_printf ("%s.sync-conflict-20261102-101010-ABCDEFG.jsonl", month);
  g_autofree char *own_copy = NULL;
  g_autofree char *other_copy = NULL;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, NULL, t0);
  pass_quietly (work, t0);
  pass_quietly (home, t0);
  settle_and_compare (fixture, t0);

  /* Work's file as home had it, plus a change work never made; as if two
   * versions clashed. */
  save_entry (home, days[4], 3, "only in a conflict copy", t0);
  pass_quietly (home, t1);
  {
    g_autofree char *source = g_build_filename (home->folder, "limber", home->device, name, NULL);
    g_autofree char *contents = NULL;
    g_autofree char *other_dir = NULL;
    gsize length;

    contents = read_all (source, &length);
    own_copy = g_build_filename (home->folder, "limber", home->device, conflict, NULL);
    other_copy = g_build_filename (work->folder, "limber", home->device, conflict, NULL);
    g_assert_true (g_file_set_contents (own_copy, contents, length, NULL));
    other_dir = g_path_get_dirname (other_copy);
    g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (other_copy, contents, length, NULL));
  }

  pass (work, t1, &report);
  g_assert_cmpuint (report.other_conflicts->len, ==, 1);
  g_assert_cmpint (entry_average (work, days[4]), ==, 3);
  g_assert_true (g_file_test (other_copy, G_FILE_TEST_EXISTS));

  pass (home, t1, &report);
  g_assert_cmpuint (report.own_conflicts_removed->len, ==, 1);
  g_assert_false (g_file_test (own_copy, G_FILE_TEST_EXISTS));
  g_unlink (other_copy);
  settle_and_compare (fixture, t1);
}

/* A data folder copied to another computer: the copy is re-keyed, and the
 * three end the same. */
static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  Computer *spare = &fixture->computers[2];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) t1 = at (1);
  g_auto (LimberSyncReport) report = { 0 };
  g_autofree char *source = g_build_filename (work->home, "limber", "journal.db", NULL);
  g_autofree char *target = g_build_filename (spare->home, "limber", "journal.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, NULL, t0);
  add_breaks (work, t0, 3);
  pass_quietly (work, t0);
  pass_quietly (home, t0);
  settle_and_compare (fixture, t0);

  /* Spare's data folder becomes a copy of work's. */
  g_clear_object (&spare->journal);
  g_clear_object (&work->journal);
  contents = read_all (source, &length);
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  g_assert_no_error (error);
  open_computer (fixture, work);
  open_computer (fixture, spare);

  pass (spare, t1, &report);
  g_assert_true (report.rekeyed);
  g_assert_cmpstr (spare->device, !=, work->device);
  save_entry (spare, days[0], 1, "on the copy", t1);
  save_entry (work, days[5], 2, "on the first", t1);
  settle_and_compare (fixture, t1);
  g_assert_cmpint (entry_average (home, days[0]), ==, 1);
  g_assert_cmpint (entry_average (home, days[5]), ==, 2);
}

/* Two computers with one journal copied and one machine id (two copies
 * of a virtual machine): the machine check cannot tell them apart, and
 * both write under one device id. The sync tool gives each the other's
 * version of the file (one as a conflict copy); each finds lines in its
 * own folder that it never wrote, takes an id of its own and writes its
 * history out again, and both end with the same journal. */
static void
test_same_machine_id (Fixture       *fixture,
                      gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) t1 = at (1);
  g_autoptr (GDateTime) t2 = at (2);
  g_auto (LimberSyncReport) report = { 0 };
  g_autofree char *source = g_build_filename (work->home, "limber", "journal.db", NULL);
  g_autofree char *target = g_build_filename (home->home, "limber", "journal.db", NULL);
  g_autofree char *name = change_file (t1);
  g_autofree char *month = g_date_time_format (t1, "%Y-%m");
  g_autofree char *conflict = g_strdup_printf ("%s.sync-conflict-20261102-101010-ABCDEFG.jsonl", month);
  g_autofree char *shared = NULL;
  g_autofree char *home_file = NULL;
  g_autofree char *work_conflict = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, "before the copy", t0);
  add_breaks (work, t0, 3);
  pass_quietly (work, t0);

  /* Home's data folder becomes a copy of work's, on a machine with the
   * same machine id. */
  g_clear_object (&home->journal);
  g_clear_object (&work->journal);
  contents = read_all (source, &length);
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  g_assert_no_error (error);
  g_free (home->machine);
  home->machine = g_strdup (work->machine);
  open_computer (fixture, work);
  open_computer (fixture, home);
  /* The sync tool brought work's folder along. */
  {
    g_autofree char *first = change_file (t0);

    copy_file (work, home, work->device, first, -1);
  }

  /* Apart, each writes under the one id. */
  save_entry (work, days[0], 1, "on work", t1);
  add_breaks (work, t1, 2);
  save_entry (home, days[5], 2, "on home", t1);
  save_entry (home, days[1], 6, "edited on home", t1);
  pass (work, t1, &report);
  g_assert_false (report.rekeyed);
  pass (home, t1, &report);
  g_assert_false (report.rekeyed);
  g_assert_cmpstr (home->device, ==, work->device);
  shared = g_strdup (work->device);

  /* The sync tool: work's file wins in home's folder; home's reaches
   * work's folder as a conflict copy. */
  home_file = g_build_filename (home->folder, "limber", shared, name, NULL);
  work_conflict = g_build_filename (work->folder, "limber", shared, conflict, NULL);
  g_free (contents);
  contents = read_all (home_file, &length);
  g_assert_true (g_file_set_contents (work_conflict, contents, length, &error));
  g_assert_no_error (error);
  copy_file (work, home, shared, name, -1);

  pass (home, t2, &report);
  g_assert_true (report.rekeyed);
  g_assert_cmpstr (home->device, !=, shared);
  pass (work, t2, &report);
  g_assert_true (report.rekeyed);
  g_assert_cmpstr (work->device, !=, shared);
  g_assert_cmpstr (work->device, !=, home->device);

  /* From now on neither finds a stranger's line in its own folder. */
  settle_and_compare (fixture, t2);
  for (guint i = 0; i < fixture->n; i++)
    {
      Computer *computer = &fixture->computers[i];

      pass (computer, t2, &report);
      g_assert_false (report.rekeyed);
      g_assert_cmpint (entry_average (computer, days[0]), ==, 1);
      g_assert_cmpint (entry_average (computer, days[5]), ==, 2);
      g_assert_cmpint (entry_average (computer, days[1]), ==, 6);
      g_assert_cmpint (limber_journal_count (computer->journal, "break_event", NULL), ==, 5);
    }
}

/* A folder that goes away pauses sync with a message; it resumes when the
 * folder is back. */
static void
test_paused (Fixture       *fixture,
             gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  g_autoptr (GDateTime) t0 = at (0);
  g_autofree char *limber_dir = g_build_filename (work->folder, "limber", NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "moved", NULL);
  g_auto (LimberSyncReport) report = { 0 };
  g_auto (GStrv) summary = NULL;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, NULL, t0);
  pass_quietly (work, t0);

  /* The limber folder is gone, the folder itself empty: a disk not
   * mounted. */
  g_assert_cmpint (g_rename (limber_dir, moved), ==, 0);
  save_entry (work, days[0], 5, NULL, t0);
  pass (work, t0, &report);
  g_assert_true (report.paused);
  g_assert_false (g_file_test (limber_dir, G_FILE_TEST_EXISTS));
  summary = limber_sync_report_summary (&report);
  g_assert_nonnull (strstr (summary[0], work->folder));
  g_assert_nonnull (strstr (summary[0], "paused"));

  /* The folder itself gone. */
  limber_test_remove_tree (work->folder);
  pass (work, t0, &report);
  g_assert_true (report.paused);
  g_assert_false (g_file_test (work->folder, G_FILE_TEST_EXISTS));

  /* Back: the change waiting is written. */
  g_assert_cmpint (g_mkdir (work->folder, 0700), ==, 0);
  g_assert_cmpint (g_rename (moved, limber_dir), ==, 0);
  pass (work, t0, &report);
  g_assert_false (report.paused);
  g_assert_cmpuint (report.written, ==, 1);
}

/* A full disk under the folder: the journal keeps the changes, and they
 * are written out once there is room. */
static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_auto (LimberSyncReport) report = { 0 };
  g_autofree char *filler = NULL;
  g_auto (GStrv) summary = NULL;
  g_autofree char *joined = NULL;

  if (!limber_test_mount_small_disk (work->folder, 256))
    return;
  fixture->mount = g_strdup (work->folder);
  limber_sync_report_init (&report);

  save_entry (work, days[1], 4, NULL, t0);
  pass_quietly (work, t0);
  filler = limber_test_fill_disk (work->folder);

  add_breaks (work, t0, 200);
  save_entry (work, days[0], 6, "while the disk was full", t0);
  pass (work, t0, &report);
  g_assert_cmpuint (report.waiting, ==, 201);
  g_assert_nonnull (report.waiting_reason);
  summary = limber_sync_report_summary (&report);
  joined = g_strjoinv ("\n", summary);
  g_assert_nonnull (strstr (joined, "201 changes wait to be written to the folder"));
  g_assert_cmpint (entry_average (work, days[0]), ==, 6);

  g_assert_cmpint (g_unlink (filler), ==, 0);
  pass (work, t0, &report);
  g_assert_cmpuint (report.waiting, ==, 0);
  g_assert_cmpuint (report.written, ==, 201);
  settle_and_compare (fixture, t0);
  g_assert_cmpint (entry_average (home, days[0]), ==, 6);
}

/* A damaged line is named with its computer, file and line; the rest
 * merges. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  Computer *work = &fixture->computers[0];
  Computer *home = &fixture->computers[1];
  g_autoptr (GDateTime) t0 = at (0);
  g_auto (LimberSyncReport) report = { 0 };
  g_auto (LimberSyncStatus) status = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *name = change_file (t0);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint n_lines = 0;
  char *last;

  limber_sync_report_init (&report);
  save_entry (work, days[1], 4, NULL, t0);
  save_entry (work, days[0], 5, NULL, t0);
  save_entry (work, days[2], 6, NULL, t0);
  pass_quietly (work, t0);
  pass_quietly (home, t0);
  copy_all (work, home);

  /* A byte of the last line, a pain entry's, flipped. */
  path = g_build_filename (home->folder, "limber", work->device, name, NULL);
  contents = read_all (path, &length);
  for (gsize i = 0; i < length; i++)
    n_lines += contents[i] == '\n';
  last = g_strrstr_len (contents, length - 1, "\n") + 1;
  g_assert_nonnull (strstr (last, "pain_entries"));
  last[30] ^= 0x01;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  pass (home, t0, &report);
  g_assert_cmpuint (report.damaged->len, ==, 1);
  {
    const LimberSyncProblem *problem = g_ptr_array_index (report.damaged, 0);
    g_autofree char *line = g_strdup_printf ("line %u", n_lines);

    g_assert_cmpstr (problem->device, ==, work->device);
    g_assert_cmpstr (problem->file, ==, name);
    g_assert_cmpuint (problem->line, ==, n_lines);
    g_assert_nonnull (strstr (problem->message, line));
  }
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, 2);

  /* The status names it too, after the pass. */
  g_assert_true (limber_sync_status (home->journal, home->folder, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (status.damaged->len, ==, 1);
  g_assert_cmpuint (status.devices->len, ==, 1);
  g_assert_cmpstr (status.device, ==, home->device);
  g_assert_false (status.paused);
}

/* Appends the line of @change, by @device, to @lines. */
static void
add_line (GString          *lines,
          LimberSyncChange *change,
          const char       *device,
          const char       *uuid)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  g_strlcpy (change->uuid, uuid, sizeof change->uuid);
  g_strlcpy (change->device, device, sizeof change->device);
  line = limber_sync_line_encode (change, &error);
  g_assert_no_error (error);
  g_string_append (lines, line);
}

/* Puts @lines in @device's change file of the month of @from in
 * @folder, and returns its path. */
static char *
save_lines (const char *folder,
            const char *device,
            GDateTime  *from,
            GString    *lines)
{
  g_autofree char *dir = g_build_filename (folder, "limber", device, NULL);
  g_autofree char *name = change_file (from);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, lines->str, lines->len, &error));
  g_assert_no_error (error);
  return path;
}

/* Another device's change file of @n break events, made as its lines
 * are, in @folder; their UUIDs start with @start, unless %NULL. */
static char *
write_breaks_file (const char *folder,
                   const char *device,
                   GDateTime  *from,
                   guint       n,
                   const char *start)
{
  g_autoptr (GString) lines = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) when = g_date_time_add_minutes (from, -40 * (int) i);
      g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
      LimberBreakEvent event = { .kind = LIMBER_BREAK_KIND_MICRO, .outcome = LIMBER_BREAK_OUTCOME_TAKEN,
                                 .due_utc = g_date_time_to_unix (when), .end_utc = g_date_time_to_unix (when) + 30,
                                 .duration_s = 30 };
      LimberSyncChange change = { .kind = LIMBER_SYNC_KIND_BREAK_EVENT, .seq = i + 1,
                                  .updated_utc = event.end_utc, .record = &event };

      seeded_uuid (event.uuid);
      if (start != NULL)
        memcpy (event.uuid, start, strlen (start));
      g_strlcpy (event.day, day, sizeof event.day);
      add_line (lines, &change, device, event.uuid);
    }
  return save_lines (folder, device, from, lines);
}

/* Like write_breaks_file(), of @n days' pain entries, each with a long
 * note, from the day before @from back. */
static char *
write_entries_file (const char *folder,
                    const char *device,
                    GDateTime  *from,
                    guint       n,
                    const char *start)
{
  g_autofree char *note = g_strnfill (1900, 'n');
  g_autoptr (GString) lines = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (from, -1 - (int) i);
      g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (NULL);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
      LimberSyncChange change = { .kind = LIMBER_SYNC_KIND_PAIN_ENTRY, .seq = i + 1, .record = entry };

      seeded_uuid (entry->uuid);
      memcpy (entry->uuid, start, strlen (start));
      g_strlcpy (entry->day, text, sizeof entry->day);
      entry->average = i % 8;
      entry->worst = entry->average;
      limber_pain_entry_set_note (entry, note);
      entry->created_utc = entry->updated_utc = g_date_time_to_unix (day);
      change.updated_utc = entry->updated_utc;
      add_line (lines, &change, device, entry->uuid);
    }
  return save_lines (folder, device, from, lines);
}

/* A file longer than the pass reads at a time (8 MiB) is read a piece
 * at a time, the next piece while the one before merges: a damaged line
 * far into it is named by its number in the file, a line still being
 * copied at its end is left for the next pass, and every other change
 * comes. */
static void
test_large_file (Fixture       *fixture,
                 gconstpointer  data)
{
  Computer *home = &fixture->computers[0];
  const char *other = "5d1c3a5e-7b1f-4c7a-9e1d-2f3b4c5d6e7f";
  const guint n_breaks = 36000;
  g_autoptr (GDateTime) t0 = at (0);
  g_auto (LimberSyncReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length, damaged_at = 0, last_line_at;
  guint n_lines = 0, damaged_line = 0;

  limber_sync_report_init (&report);
  pass_quietly (home, t0);
  path = write_breaks_file (home->folder, other, t0, n_breaks, NULL);
  contents = read_all (path, &length);
  g_assert_cmpuint (length, >, 9 * 1024 * 1024);
  for (gsize i = 0; i < length; i++)
    if (contents[i] == '\n')
      {
        n_lines++;
        if (damaged_at == 0 && i > 17 * 512 * 1024)
          {
            damaged_at = i + 1;
            damaged_line = n_lines + 1;
          }
      }
  g_assert_cmpuint (n_lines, ==, n_breaks);

  /* A byte flipped in a line of the second piece, and the last line
   * still being copied. */
  contents[damaged_at + 30] ^= 0x01;
  last_line_at = g_strrstr_len (contents, length - 1, "\n") - contents + 1;
  g_assert_true (g_file_set_contents (path, contents, last_line_at + 40, &error));
  g_assert_no_error (error);

  pass (home, t0, &report);
  g_assert_cmpuint (report.damaged->len, ==, 1);
  g_assert_cmpuint (((LimberSyncProblem *) g_ptr_array_index (report.damaged, 0))->line, ==, damaged_line);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, n_breaks - 2);

  /* The rest of the last line comes. */
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  pass (home, t0, &report);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, 1);
  g_assert_cmpint (limber_journal_count (home->journal, "break_event", NULL), ==, n_breaks - 1);
}

/* A file longer than two pieces whose UUIDs are all in one range, as a
 * file made to be so would be, with a few of another range at its end:
 * the part of that range stops at its cap, and the rest is read in a
 * later piece. The few read twice are merged once. */
static void
test_large_file_one_range (Fixture       *fixture,
                           gconstpointer  data)
{
  Computer *home = &fixture->computers[0];
  const char *other = "5d1c3a5e-7b1f-4c7a-9e1d-2f3b4c5d6e7f";
  const guint n_entries = 7800;
  const guint n_late = 50;
  g_autoptr (GDateTime) t0 = at (0);
  g_autoptr (GDateTime) earlier = g_date_time_add_days (t0, -10000);
  g_auto (LimberSyncReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) both = NULL;
  g_autofree char *path = NULL;
  g_autofree char *late_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *late = NULL;
  gsize length, late_length;

  limber_sync_report_init (&report);
  pass_quietly (home, t0);
  path = write_entries_file (home->folder, other, t0, n_entries, "00");
  contents = read_all (path, &length);
  g_assert_cmpuint (length, >, 16 * 1024 * 1024 + 512 * 1024);
  /* The few of another range, from another month's file, put at the end
   * of the first; their sequence starts afresh, which reading allows. */
  late_path = write_breaks_file (home->folder, other, earlier, n_late, "ff");
  late = read_all (late_path, &late_length);
  g_assert_cmpint (g_unlink (late_path), ==, 0);
  both = g_string_new_len (contents, length);
  g_string_append_len (both, late, late_length);
  g_assert_true (g_file_set_contents (path, both->str, both->len, &error));
  g_assert_no_error (error);

  pass (home, t0, &report);
  g_assert_cmpuint (report.damaged->len, ==, 0);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_PAIN_ENTRY], ==, n_entries);
  g_assert_cmpuint (report.added[LIMBER_SYNC_KIND_BREAK_EVENT], ==, n_late);
  g_assert_cmpint (limber_journal_count (home->journal, "pain_entry", NULL), ==, n_entries);
  g_assert_cmpint (limber_journal_count (home->journal, "break_event", NULL), ==, n_late);
}

/* `limber sync`: --folder, status, now, off, and bad usage. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *data_home = g_build_filename (fixture->dir, "cli-data", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "cli-folder", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  const char *no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LIMBER_MACHINE_ID", "cli-machine", TRUE);

  {
    const char *argv[] = { LIMBER_EXE, "sync", "--folder", missing, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, missing));
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "now", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "sync is off"));
  }
  {
    const char *argv[] = { LIMBER_EXE, "log", "4", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "--folder", folder, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_test_message ("%s%s", out, err);
    g_assert_nonnull (strstr (out, "unencrypted"));
    g_assert_nonnull (strstr (out, "changes of this computer to the folder."));
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "status", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_test_message ("%s%s", out, err);
    g_assert_nonnull (strstr (out, folder));
    g_assert_nonnull (strstr (out, "No other computer"));
  }
  {
    /* Another computer joins the folder: the next pass merges its entry,
     * and the status lists it. */
    g_autofree char *other_path = g_build_filename (fixture->dir, "other", "journal.db", NULL);
    g_autoptr (LimberJournal) other = limber_journal_open (other_path, NULL);
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (days[2]);
    g_auto (LimberSyncReport) report = { 0 };
    const char *now_argv[] = { LIMBER_EXE, "sync", "now", NULL };
    const char *status_argv[] = { LIMBER_EXE, "sync", "status", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *status_out = NULL, *status_err = NULL;

    g_assert_nonnull (other);
    entry->average = 7;
    g_assert_true (limber_journal_save_pain_entry (other, entry, now, NULL));
    g_setenv ("LIMBER_MACHINE_ID", "other-machine", TRUE);
    limber_sync_report_init (&report);
    g_assert_true (limber_sync_run (other, folder, now, &report, NULL));
    g_setenv ("LIMBER_MACHINE_ID", "cli-machine", TRUE);

    g_assert_cmpint (limber_test_run (now_argv, no_display, &out, &err), ==, 0);
    g_test_message ("%s%s", out, err);
    g_assert_nonnull (strstr (out, "Added 1 pain entry from 1 other computer."));
    g_assert_cmpint (limber_test_run (status_argv, no_display, &status_out, &status_err), ==, 0);
    g_test_message ("%s%s", status_out, status_err);
    g_assert_nonnull (strstr (status_out, "Other computers:"));
    g_assert_nonnull (strstr (status_out, "last seen"));
    g_assert_nonnull (strstr (status_out, report.device));
  }
  {
    /* The folder gone: paused, with the reason. */
    const char *argv[] = { LIMBER_EXE, "sync", "now", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *moved = g_build_filename (fixture->dir, "moved-folder", NULL);

    g_assert_cmpint (g_rename (folder, moved), ==, 0);
    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "paused"));
    g_assert_nonnull (strstr (err, folder));
    g_assert_cmpint (g_rename (moved, folder), ==, 0);
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "sideways", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "status, now or off"));
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "off", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "left as they are"));
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "status", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Sync is off"));
  }
  {
    const char *argv[] = { LIMBER_EXE, "sync", "--help", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "--folder"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  set_up_days ();

#define ADD(path, n, test) \
  g_test_add ("/sync/" path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, test, fixture_tear_down)

  ADD ("two-computers", 2, test_two_computers);
  ADD ("apart", 3, test_apart);
  ADD ("any-order/1", 3 | 1 << 8, test_any_order);
  ADD ("any-order/2", 3 | 2 << 8, test_any_order);
  ADD ("any-order/3", 3 | 3 << 8, test_any_order);
  ADD ("any-order/4", 3 | 4 << 8, test_any_order);
  ADD ("deleted-day", 2, test_deleted_day);
  ADD ("conflict-copies", 2, test_conflict_copies);
  ADD ("duplicate", 3, test_duplicate);
  ADD ("same-machine-id", 2, test_same_machine_id);
  ADD ("paused", 2, test_paused);
  ADD ("full-disk", 2, test_full_disk);
  ADD ("damaged", 2, test_damaged);
  ADD ("large-file", 1, test_large_file);
  ADD ("large-file/one-range", 1, test_large_file_one_range);
  ADD ("command-line", 2, test_command_line);

  return g_test_run ();
}
