/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "limber-journal.h"
#include "limber-sync-file.h"
#include "limber-test-util.h"

/* The change files of sync: every kind of change goes out as a line and
 * comes back the same; a file cut anywhere gives only its whole lines; a
 * damaged line or one the import would refuse is named and skipped, the
 * rest read; appending never leaves half a line, even on a full disk;
 * device.json goes round and refuses what is wrong. */

#define DEVICE       "5b0e7d1c-2a3f-4e6d-8c9b-0a1b2c3d4e5f"
#define OTHER_DEVICE "a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4"
#define FACTOR_UUID  "0f1e2d3c-4b5a-4697-8877-665544332211"

typedef struct
{
  char      *dir;
  GDateTime *now;
  /* A tmpfs mounted at dir, to unmount. */
  gboolean   mounted;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-sync-file-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->now = g_date_time_new (zone, 2026, 11, 30, 12, 0, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mounted)
    umount2 (fixture->dir, MNT_DETACH);
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_date_time_unref (fixture->now);
}

/* CRC-32 bit by bit, to check the file's table-driven one. */
static guint32
crc32_slow (const char *data,
            gsize       length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= (guchar) data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

/* A line of @json with its right checksum. */
static char *
line_of (const char *json)
{
  return g_strdup_printf ("%08x %s\n", crc32_slow (json, strlen (json)), json);
}

static gint64
at (int day,
    int hour)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr (GDateTime) time = g_date_time_new (zone, 2026, 11, day, hour, 0, 0);

  return g_date_time_to_unix (time);
}

static void
random_uuid (char *uuid)
{
  g_autofree char *text = g_uuid_string_random ();

  g_strlcpy (uuid, text, LIMBER_UUID_LENGTH + 1);
}

/* A valid change of @kind, by DEVICE. */
static LimberSyncChange *
make_change (LimberSyncKind kind,
             guint64        seq)
{
  LimberSyncChange *change = g_new0 (LimberSyncChange, 1);

  change->kind = kind;
  change->seq = seq;
  g_strlcpy (change->device, DEVICE, sizeof change->device);
  switch (kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      {
        LimberPainEntry *entry = limber_pain_entry_new ("2026-11-28");
        guint n_regions;

        random_uuid (entry->uuid);
        entry->average = 4;
        entry->worst = 7;
        entry->regions = limber_body_regions (&n_regions)[0].flag;
        limber_pain_entry_set_note (entry, "Schulter – besser, \"viel\" besser\nam Abend");
        entry->created_utc = at (28, 20);
        entry->created_offset_s = 3600;
        entry->updated_utc = at (29, 9);
        entry->updated_offset_s = -5 * 3600;
        change->updated_utc = entry->updated_utc;
        change->updated_offset_s = entry->updated_offset_s;
        change->record = entry;
        break;
      }
    case LIMBER_SYNC_KIND_BREAK_EVENT:
      {
        LimberBreakEvent *event = g_new0 (LimberBreakEvent, 1);

        random_uuid (event->uuid);
        g_strlcpy (event->day, "2026-11-29", sizeof event->day);
        event->kind = LIMBER_BREAK_KIND_REST;
        event->outcome = LIMBER_BREAK_OUTCOME_TAKEN;
        event->due_utc = at (29, 10);
        event->due_offset_s = 3600;
        event->end_utc = at (29, 10) + 300;
        event->end_offset_s = 3600;
        event->duration_s = 300;
        event->reminder = LIMBER_REMINDER_NONE;
        change->updated_utc = event->end_utc;
        change->updated_offset_s = event->end_offset_s;
        change->record = event;
        break;
      }
    case LIMBER_SYNC_KIND_STRETCH_SESSION:
      {
        LimberStretchSession *session = g_new0 (LimberStretchSession, 1);

        random_uuid (session->uuid);
        g_strlcpy (session->day, "2026-11-29", sizeof session->day);
        session->activity_id = g_strdup ("wall-angels");
        session->start_utc = at (29, 11);
        session->start_offset_s = 3600;
        session->end_utc = at (29, 11) + 90;
        session->end_offset_s = 3600;
        session->seconds_done = 90;
        session->completed = TRUE;
        session->pain_before = 5;
        session->pain_after = LIMBER_PAIN_SCORE_UNSET;
        change->updated_utc = session->end_utc;
        change->updated_offset_s = session->end_offset_s;
        change->record = session;
        break;
      }
    case LIMBER_SYNC_KIND_FACTOR:
      {
        LimberFactor *factor = g_new0 (LimberFactor, 1);

        g_strlcpy (factor->uuid, FACTOR_UUID, sizeof factor->uuid);
        factor->name = g_strdup ("Swimming");
        factor->created_utc = at (1, 8);
        factor->created_offset_s = 3600;
        factor->updated_utc = at (2, 8);
        factor->updated_offset_s = 3600;
        change->updated_utc = factor->updated_utc;
        change->updated_offset_s = factor->updated_offset_s;
        change->record = factor;
        break;
      }
    case LIMBER_SYNC_KIND_DAY_FACTOR:
      {
        LimberDayFactor *day_factor = limber_day_factor_new ("2026-11-29", FACTOR_UUID);

        random_uuid (day_factor->uuid);
        day_factor->created_utc = at (29, 18);
        day_factor->created_offset_s = 3600;
        day_factor->updated_utc = at (29, 19);
        day_factor->updated_offset_s = 3600;
        change->updated_utc = day_factor->updated_utc;
        change->updated_offset_s = day_factor->updated_offset_s;
        change->record = day_factor;
        break;
      }
    case LIMBER_SYNC_KIND_DAY_MEASURES:
      {
        LimberDayMeasures *measures = limber_day_measures_new ("2026-11-29");

        random_uuid (measures->uuid);
        measures->sleep_tenths = 65;
        measures->stress = 3;
        measures->created_utc = at (29, 21);
        measures->created_offset_s = 3600;
        measures->updated_utc = at (29, 22);
        measures->updated_offset_s = 3600;
        change->updated_utc = measures->updated_utc;
        change->updated_offset_s = measures->updated_offset_s;
        change->record = measures;
        break;
      }
    case LIMBER_SYNC_KIND_LIFE_CHANGE:
      {
        LimberLifeChange *life_change = limber_life_change_new ("2026-11-20", "A new chair");

        random_uuid (life_change->uuid);
        life_change->created_utc = at (20, 9);
        life_change->created_offset_s = 3600;
        life_change->updated_utc = at (20, 9);
        life_change->updated_offset_s = 3600;
        change->updated_utc = life_change->updated_utc;
        change->updated_offset_s = life_change->updated_offset_s;
        change->record = life_change;
        break;
      }
    case LIMBER_SYNC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  /* Every record starts with its UUID. */
  g_strlcpy (change->uuid, change->record, sizeof change->uuid);
  return change;
}

static LimberSyncChange *
make_deletion (LimberSyncKind kind,
               guint64        seq)
{
  LimberSyncChange *change = g_new0 (LimberSyncChange, 1);

  change->kind = kind;
  change->seq = seq;
  change->deleted = TRUE;
  g_strlcpy (change->device, DEVICE, sizeof change->device);
  random_uuid (change->uuid);
  change->updated_utc = at (30, 8);
  change->updated_offset_s = 2 * 3600;
  return change;
}

static char *
encode (const LimberSyncChange *change)
{
  g_autoptr (GError) error = NULL;
  char *line = limber_sync_line_encode (change, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

/* Reads @data whole from its start. */
static void
read_all (Fixture              *fixture,
          const char           *data,
          gsize                 length,
          LimberSyncReadResult *result)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_sync_file_read (data, length, 0, 1, NULL, DEVICE, fixture->now, result, &error));
  g_assert_no_error (error);
}

static void
assert_same_change (const LimberSyncChange *read,
                    const LimberSyncChange *written)
{
  g_autofree char *line_read = encode (read);
  g_autofree char *line_written = encode (written);

  g_assert_cmpint (read->kind, ==, written->kind);
  g_assert_cmpint (read->deleted, ==, written->deleted);
  g_assert_cmpstr (read->uuid, ==, written->uuid);
  g_assert_cmpstr (read->device, ==, written->device);
  g_assert_cmpuint (read->seq, ==, written->seq);
  g_assert_cmpint (read->updated_utc, ==, written->updated_utc);
  g_assert_cmpint (read->updated_offset_s, ==, written->updated_offset_s);
  g_assert_cmpint (read->record == NULL, ==, written->record == NULL);
  /* Every field of a record is in its line: the same line, the same
   * record. */
  g_assert_cmpstr (line_read, ==, line_written);
}

static void
test_crc (void)
{
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  LimberSyncChange deletion = { 0 };

  /* The check value of CRC-32 (IEEE), as zlib's crc32() gives it. */
  g_assert_cmphex (crc32_slow ("123456789", 9), ==, 0xcbf43926);

  deletion.kind = LIMBER_SYNC_KIND_PAIN_ENTRY;
  deletion.deleted = TRUE;
  deletion.seq = 1;
  g_strlcpy (deletion.device, DEVICE, sizeof deletion.device);
  g_strlcpy (deletion.uuid, FACTOR_UUID, sizeof deletion.uuid);
  deletion.updated_utc = at (30, 8);
  deletion.updated_offset_s = 3600;
  line = encode (&deletion);
  expected = line_of ("{\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":"
                      "{\"kind\":\"pain_entries\",\"uuid\":\"" FACTOR_UUID "\",\"at\":\"2026-11-30T08:00:00+01:00\"}}");
  g_assert_cmpstr (line, ==, expected);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
  g_autoptr (GString) file = g_string_new (NULL);
  LimberSyncReadResult result = { 0 };

  for (LimberSyncKind kind = 0; kind < LIMBER_SYNC_N_KINDS; kind++)
    {
      g_ptr_array_add (written, make_change (kind, written->len + 1));
      g_ptr_array_add (written, make_deletion (kind, written->len + 1));
    }
  for (guint i = 0; i < written->len; i++)
    {
      g_autofree char *line = encode (g_ptr_array_index (written, i));

      /* One line each, with its checksum. */
      g_assert_true (g_str_has_suffix (line, "\n"));
      g_assert_true (strchr (line, '\n') == line + strlen (line) - 1);
      g_assert_cmphex (strtoul (line, NULL, 16), ==, crc32_slow (line + 9, strlen (line) - 10));
      g_string_append (file, line);
    }

  read_all (fixture, file->str, file->len, &result);
  g_assert_cmpuint (result.damaged->len, ==, 0);
  g_assert_cmpuint (result.changes->len, ==, written->len);
  g_assert_cmpuint (result.end_offset, ==, file->len);
  g_assert_cmpuint (result.end_line, ==, written->len + 1);
  for (guint i = 0; i < written->len; i++)
    {
      LimberSyncChange *wrote = g_ptr_array_index (written, i);
      LimberSyncChange *read = g_ptr_array_index (result.changes, i);

      assert_same_change (read, wrote);
    }

  limber_sync_read_result_clear (&result);
}

/* Three lines: a pain entry, a break and a deletion. */
static GString *
three_lines (void)
{
  g_autoptr (LimberSyncChange) first = make_change (LIMBER_SYNC_KIND_PAIN_ENTRY, 1);
  g_autoptr (LimberSyncChange) second = make_change (LIMBER_SYNC_KIND_BREAK_EVENT, 2);
  g_autoptr (LimberSyncChange) third = make_deletion (LIMBER_SYNC_KIND_STRETCH_SESSION, 3);
  g_autofree char *line1 = encode (first);
  g_autofree char *line2 = encode (second);
  g_autofree char *line3 = encode (third);
  GString *file = g_string_new (line1);

  g_string_append (file, line2);
  g_string_append (file, line3);
  return file;
}

static void
test_cut_anywhere (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GString) file = three_lines ();

  for (gsize cut = 0; cut <= file->len; cut++)
    {
      LimberSyncReadResult result = { 0 };
      guint whole = 0;
      gsize end = 0;

      for (gsize i = 0; i < cut; i++)
        {
          if (file->str[i] == '\n')
            {
              whole++;
              end = i + 1;
            }
        }
      /* A copy, so that AddressSanitizer sees any read past the cut. */
      {
        g_autofree char *copy = g_memdup2 (file->str, MAX (cut, 1));

        read_all (fixture, copy, cut, &result);
      }
      g_assert_cmpuint (result.damaged->len, ==, 0);
      g_assert_cmpuint (result.changes->len, ==, whole);
      g_assert_cmpuint (result.end_offset, ==, end);
      g_assert_cmpuint (result.end_line, ==, whole + 1);
      limber_sync_read_result_clear (&result);
    }
}

static void
test_flipped_byte (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GString) file = three_lines ();
  const char *second = strchr (file->str, '\n') + 1;
  gsize start = second - file->str;
  gsize end = strchr (second, '\n') - file->str;

  /* Any byte of the second line but its "\n". */
  for (gsize i = start; i < end; i++)
    {
      g_autoptr (GString) damaged = g_string_new_len (file->str, file->len);
      LimberSyncReadResult result = { 0 };
      LimberSyncDamage *damage;

      damaged->str[i] ^= 0x01;
      read_all (fixture, damaged->str, damaged->len, &result);
      g_assert_cmpuint (result.changes->len, ==, 2);
      g_assert_cmpuint (((LimberSyncChange *) g_ptr_array_index (result.changes, 0))->seq, ==, 1);
      g_assert_cmpuint (((LimberSyncChange *) g_ptr_array_index (result.changes, 1))->seq, ==, 3);
      g_assert_cmpuint (result.damaged->len, ==, 1);
      damage = g_ptr_array_index (result.damaged, 0);
      g_assert_cmpuint (damage->line, ==, 2);
      g_assert_cmpuint (damage->offset, ==, start);
      g_assert_true (g_str_has_prefix (damage->message, "line 2: "));
      g_assert_cmpuint (result.end_offset, ==, file->len);
      g_assert_cmpuint (result.end_line, ==, 4);
      limber_sync_read_result_clear (&result);
    }
}

/* Reads one line of @json and returns the message of its damage. */
static char *
damage_of (Fixture    *fixture,
           const char *json)
{
  g_autofree char *line = line_of (json);
  LimberSyncReadResult result = { 0 };
  char *message;

  read_all (fixture, line, strlen (line), &result);
  g_assert_cmpuint (result.changes->len, ==, 0);
  g_assert_cmpuint (result.damaged->len, ==, 1);
  g_assert_cmpuint (result.end_offset, ==, strlen (line));
  message = g_strdup (((LimberSyncDamage *) g_ptr_array_index (result.damaged, 0))->message);
  limber_sync_read_result_clear (&result);
  g_test_message ("%s: %s", json, message);
  return message;
}

#define PAIN_ENTRY(day, average) \
  "{\"uuid\": \"3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e\", \"day\": \"" day "\", \"average\": " average \
  ", \"worst\": null, \"activity\": null, \"enjoyment\": null, \"regions\": [], \"red_flags\": [], \"note\": null," \
  " \"created\": \"2026-11-29T10:00:00+01:00\", \"updated\": \"2026-11-29T10:00:00+01:00\"}"

static void
test_refused_records (Fixture       *fixture,
                      gconstpointer  data)
{
  struct
  {
    const char *json;
    const char *says;
  } cases[] = {
    /* What the import refuses, for the same reason. */
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-12-05", "3") "}", "future" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "11") "}", "average" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "\"4\"") "}", "average" },
    /* What a line must be. */
    { "{\"device\":\"" DEVICE "\",\"seq\":0,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}", "seq" },
    { "{\"device\":\"" DEVICE "\",\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}", "seq" },
    { "{\"device\":\"" OTHER_DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}", "device" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"colour\":\"red\",\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}", "colour" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1}", "neither" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"day_saves\":{}}", "day_saves" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":[]}", "pain_entries" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":{\"kind\":\"settings\",\"uuid\":\"" FACTOR_UUID "\",\"at\":\"2026-11-29T10:00:00+01:00\"}}", "settings" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":{\"kind\":\"factors\",\"uuid\":\"" FACTOR_UUID "\",\"at\":\"2026-12-29T10:00:00+01:00\"}}", "after now" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":{\"kind\":\"factors\",\"uuid\":\"" FACTOR_UUID "\",\"at\":\"2026-11-29T10:00:00+01:00\",\"why\":1}}", "why" },
    { "{\"device\":\"" DEVICE "\",\"seq\":1,\"seq\":2}", "twice" },
    { "[1, 2]", "object" },
    { "{\"device\":", "JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = damage_of (fixture, cases[i].json);

      g_assert_true (g_str_has_prefix (message, "line 1: "));
      if (strstr (message, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", message, cases[i].says);
    }

  /* The same UUID on two lines is no error: each is a version. */
  {
    g_autofree char *one = line_of ("{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}");
    g_autofree char *two = line_of ("{\"device\":\"" DEVICE "\",\"seq\":2,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "5") "}");
    g_autofree char *both = g_strconcat (one, two, NULL);
    LimberSyncReadResult result = { 0 };

    read_all (fixture, both, strlen (both), &result);
    g_assert_cmpuint (result.damaged->len, ==, 0);
    g_assert_cmpuint (result.changes->len, ==, 2);
    g_assert_cmpint (((LimberPainEntry *) ((LimberSyncChange *) g_ptr_array_index (result.changes, 1))->record)->average, ==, 5);
    limber_sync_read_result_clear (&result);
  }

  /* A checksum of capitals, or none. */
  {
    g_autofree char *line = line_of ("{\"device\":\"" DEVICE "\",\"seq\":1,\"pain_entries\":" PAIN_ENTRY ("2026-11-29", "3") "}");
    LimberSyncReadResult result = { 0 };

    for (guint i = 0; i < 8; i++)
      line[i] = g_ascii_toupper (line[i]);
    if (strspn (line, "0123456789") < 8)
      {
        read_all (fixture, line, strlen (line), &result);
        g_assert_cmpuint (result.damaged->len, ==, 1);
        limber_sync_read_result_clear (&result);
      }
    read_all (fixture, "\n\n", 2, &result);
    g_assert_cmpuint (result.damaged->len, ==, 2);
    g_assert_cmpuint (((LimberSyncDamage *) g_ptr_array_index (result.damaged, 1))->line, ==, 2);
    limber_sync_read_result_clear (&result);
  }
}

static void
test_from_offset (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GString) file = three_lines ();
  g_autoptr (LimberSyncChange) fourth = make_change (LIMBER_SYNC_KIND_DAY_MEASURES, 4);
  g_autofree char *line4 = encode (fourth);
  g_autoptr (GError) error = NULL;
  LimberSyncReadResult result = { 0 };
  gsize first_end;
  guint first_line;

  read_all (fixture, file->str, file->len, &result);
  first_end = result.end_offset;
  first_line = result.end_line;
  limber_sync_read_result_clear (&result);

  /* A new line, then one whose checksum is wrong, then half a line. */
  g_string_append (file, line4);
  g_string_append (file, "00000000 {}\n");
  g_string_append_len (file, line4, 20);

  g_assert_true (limber_sync_file_read (file->str, file->len, first_end, first_line, NULL, DEVICE,
                                        fixture->now, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changes->len, ==, 1);
  assert_same_change (g_ptr_array_index (result.changes, 0), fourth);
  g_assert_cmpuint (result.damaged->len, ==, 1);
  g_assert_cmpuint (((LimberSyncDamage *) g_ptr_array_index (result.damaged, 0))->line, ==, 5);
  g_assert_cmpuint (((LimberSyncDamage *) g_ptr_array_index (result.damaged, 0))->offset, ==, first_end + strlen (line4));
  g_assert_cmpuint (result.end_offset, ==, file->len - 20);
  g_assert_cmpuint (result.end_line, ==, 6);
  limber_sync_read_result_clear (&result);

  /* A file shorter than what was read of it is another file. */
  g_assert_false (limber_sync_file_read (file->str, 10, first_end, first_line, NULL, DEVICE,
                                         fixture->now, &result, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT);
  limber_sync_read_result_clear (&result);
}

static void
test_read_path (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2026-11.jsonl", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "2026-10.jsonl", NULL);
  g_autoptr (GString) file = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  LimberSyncReadResult memory = { 0 }, disk = { 0 };
  guint n_lines = 0, long_line = 0;

  /* More than two pieces of reading, with a line too long in the
   * middle, across a piece's end. */
  while (file->len < 2 * 1024 * 1024 + 300 * 1024)
    {
      g_autoptr (LimberSyncChange) change = make_change (n_lines % LIMBER_SYNC_N_KINDS, n_lines + 1);
      g_autofree char *line = encode (change);

      if (long_line == 0 && file->len > 1024 * 1024 - 30 * 1024)
        {
          long_line = ++n_lines;
          g_string_append_c (file, '{');
          for (guint i = 0; i < LIMBER_SYNC_LINE_MAX; i++)
            g_string_append_c (file, 'x');
          g_string_append (file, "}\n");
        }
      g_string_append (file, line);
      n_lines++;
    }
  g_string_append (file, "0123");
  g_assert_true (g_file_set_contents (path, file->str, file->len, &error));
  g_assert_no_error (error);

  read_all (fixture, file->str, file->len, &memory);
  g_assert_true (limber_sync_file_read_path (path, 0, 1, 0, NULL, DEVICE, fixture->now, &disk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (memory.changes->len, ==, n_lines - 1);
  g_assert_cmpuint (disk.changes->len, ==, n_lines - 1);
  g_assert_cmpuint (disk.damaged->len, ==, 1);
  g_assert_cmpuint (((LimberSyncDamage *) g_ptr_array_index (disk.damaged, 0))->line, ==, long_line);
  g_assert_cmpuint (((LimberSyncDamage *) g_ptr_array_index (memory.damaged, 0))->line, ==, long_line);
  g_assert_nonnull (strstr (((LimberSyncDamage *) g_ptr_array_index (disk.damaged, 0))->message, "KiB"));
  g_assert_cmpuint (disk.end_offset, ==, file->len - 4);
  g_assert_cmpuint (memory.end_offset, ==, file->len - 4);
  g_assert_cmpuint (disk.end_line, ==, n_lines + 1);
  for (guint i = 0; i < disk.changes->len; i++)
    assert_same_change (g_ptr_array_index (disk.changes, i), g_ptr_array_index (memory.changes, i));
  limber_sync_read_result_clear (&memory);

  /* Never more than asked: a limit ends the read at a line before it. */
  {
    gsize half = disk.end_offset / 2;

    limber_sync_read_result_clear (&disk);
    g_assert_true (limber_sync_file_read_path (path, 0, 1, half, NULL, DEVICE, fixture->now, &disk, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (disk.end_offset, <=, half);
    g_assert_cmpuint (disk.end_offset, >, half - LIMBER_SYNC_LINE_MAX - 2);
    read_all (fixture, file->str, half, &memory);
    g_assert_cmpuint (disk.changes->len, ==, memory.changes->len);
    g_assert_cmpuint (disk.end_offset, ==, memory.end_offset);
    limber_sync_read_result_clear (&memory);
    limber_sync_read_result_clear (&disk);
  }

  /* Never through a link; the message names the file. */
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_false (limber_sync_file_read_path (link, 0, 1, 0, NULL, DEVICE, fixture->now, &disk, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, link));
  limber_sync_read_result_clear (&disk);
}

/* Which part a line is in: its record's UUID, factors and lines with no
 * UUID in the first. */
static void
test_line_part (void)
{
  const char *record = "01234567 {\"device\":\"" DEVICE "\",\"seq\":1,\"break_events\":{\"uuid\": \"";
  const char *deletion = "01234567 {\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":{\"kind\":\"pain_entries\",\"uuid\":\"";
  const char *rest = "-1111-4111-8111-111111111111\"}}";
  const struct { const char *start; guint parts; guint part; } cases[] = {
    { "00000000", 4, 0 }, { "3fffffff", 4, 0 }, { "40000000", 4, 1 }, { "bfffffff", 4, 2 },
    { "c0000000", 4, 3 }, { "ffffffff", 4, 3 }, { "FF000000", 4, 3 }, { "ffffffff", 1, 0 },
    { "ffffffff", 256, 255 }, { "80000000", 3, 1 },
  };
  const char *first[] = {
    "01234567 {\"device\":\"" DEVICE "\",\"seq\":1,\"factors\":{\"uuid\": \"ffffffff-1111-4111-8111-111111111111\"}}",
    "01234567 {\"device\":\"" DEVICE "\",\"seq\":1,\"deleted\":{\"kind\":\"factors\",\"uuid\":\"ffffffff-1\"}}",
    "01234567 {\"device\":\"" DEVICE "\",\"seq\":1}",
    "01234567 {\"uuid\": \"f\"}",
    "01234567 {\"uuid\": \"zz\"}",
    "\"uuid\"",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = g_strconcat (record, cases[i].start, rest, NULL);
      g_autofree char *b = g_strconcat (deletion, cases[i].start, rest, NULL);

      g_assert_cmpuint (limber_sync_line_part (a, strlen (a), cases[i].parts), ==, cases[i].part);
      g_assert_cmpuint (limber_sync_line_part (b, strlen (b), cases[i].parts), ==, cases[i].part);
    }
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_assert_cmpuint (limber_sync_line_part (first[i], strlen (first[i]), 8), ==, 0);
}

/* A stretch read in parts: every line is in one part, and the parts
 * together read what one read does, each damaged line named once by its
 * number in the file; each part ends where the whole read does. A part
 * with a cap stops before the line that would pass it, and reading on
 * from there takes the rest. */
static void
test_read_parts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2026-11.jsonl", NULL);
  g_autoptr (GString) file = g_string_new (NULL);
  g_autoptr (GHashTable) read = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  LimberSyncReadResult whole = { 0 };
  const guint parts = 5;
  guint n_damaged = 0, n_changes = 0;
  gsize longest = 0, shortest = G_MAXSIZE;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (LimberSyncChange) change = i % 7 == 3 ? make_deletion (i % LIMBER_SYNC_N_KINDS, i + 1)
                                                       : make_change (i % LIMBER_SYNC_N_KINDS, i + 1);
      g_autofree char *line = encode (change);

      /* A wrong checksum, whose line still says its UUID. */
      if (i % 50 == 17)
        line[0] = line[0] == '0' ? '1' : '0';
      if (i == 120)
        {
          g_string_append_c (file, '{');
          for (guint j = 0; j < LIMBER_SYNC_LINE_MAX; j++)
            g_string_append_c (file, 'x');
          g_string_append (file, "}\n");
        }
      longest = MAX (longest, strlen (line));
      shortest = MIN (shortest, strlen (line));
      g_string_append (file, line);
    }
  /* Still being copied. */
  g_string_append (file, "0123");
  g_assert_true (g_file_set_contents (path, file->str, file->len, &error));
  g_assert_no_error (error);

  g_assert_true (limber_sync_file_read_path (path, 0, 1, 0, NULL, DEVICE, fixture->now, &whole, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (whole.damaged->len, ==, 7);

  for (guint k = 0; k < parts; k++)
    {
      LimberSyncPart part = { k, parts, 0 };
      LimberSyncReadResult one = { 0 };

      g_assert_true (limber_sync_file_read_path (path, 0, 1, 0, &part, DEVICE, fixture->now, &one, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (one.end_offset, ==, whole.end_offset);
      g_assert_cmpuint (one.end_line, ==, whole.end_line);
      /* Some of every part, in a file of 300 random UUIDs. */
      g_assert_cmpuint (one.changes->len, >, 0);
      for (guint i = 0; i < one.changes->len; i++)
        {
          LimberSyncChange *change = g_ptr_array_index (one.changes, i);

          g_assert_true (g_hash_table_add (read, change->uuid));
          if (change->kind == LIMBER_SYNC_KIND_FACTOR)
            g_assert_cmpuint (k, ==, 0);
        }
      for (guint i = 0; i < one.damaged->len; i++)
        {
          LimberSyncDamage *damage = g_ptr_array_index (one.damaged, i);
          gboolean found = FALSE;

          for (guint j = 0; j < whole.damaged->len; j++)
            {
              LimberSyncDamage *named = g_ptr_array_index (whole.damaged, j);

              found |= named->line == damage->line && named->offset == damage->offset &&
                       g_str_equal (named->message, damage->message);
            }
          g_assert_true (found);
        }
      n_changes += one.changes->len;
      n_damaged += one.damaged->len;
      /* The UUIDs point into the results: kept until the end. */
      g_ptr_array_extend_and_steal (whole.changes, g_steal_pointer (&one.changes));
      one.changes = g_ptr_array_new ();
      limber_sync_read_result_clear (&one);
    }
  g_assert_cmpuint (n_changes, ==, whole.changes->len / 2);
  g_assert_cmpuint (n_damaged, ==, whole.damaged->len);
  g_assert_cmpuint (g_hash_table_size (read), ==, n_changes);

  /* A cap of about three lines: each read takes at least one line and at
   * most the cap, and reading on takes the rest of the part. */
  {
    LimberSyncPart part = { 2, parts, 3 * longest };
    LimberSyncReadResult all = { 0 };
    gsize offset = 0;
    guint line = 1, n_reads = 0, taken = 0;

    g_assert_true (limber_sync_file_read_path (path, 0, 1, 0, &(LimberSyncPart) { 2, parts, 0 }, DEVICE,
                                               fixture->now, &all, &error));
    while (offset < whole.end_offset)
      {
        LimberSyncReadResult capped = { 0 };

        g_assert_true (limber_sync_file_read_path (path, offset, line, 0, &part, DEVICE, fixture->now, &capped,
                                                   &error));
        g_assert_no_error (error);
        g_assert_cmpuint (capped.end_offset, >, offset);
        g_assert_cmpuint (capped.changes->len + capped.damaged->len, >=, 1);
        g_assert_cmpuint (capped.changes->len, <=, part.cap / shortest);
        for (guint i = 0; i < capped.changes->len; i++)
          assert_same_change (g_ptr_array_index (capped.changes, i), g_ptr_array_index (all.changes, taken + i));
        taken += capped.changes->len;
        offset = capped.end_offset;
        line = capped.end_line;
        n_reads++;
        limber_sync_read_result_clear (&capped);
      }
    g_assert_cmpuint (taken, ==, all.changes->len);
    g_assert_cmpuint (line, ==, whole.end_line);
    g_assert_cmpuint (n_reads, >, 1);
    limber_sync_read_result_clear (&all);
  }
  limber_sync_read_result_clear (&whole);
}

static void
test_names (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (-8 * 3600);
  g_autoptr (GDateTime) when = g_date_time_new (zone, 2026, 3, 31, 23, 30, 0);
  g_autofree char *name = limber_sync_file_name_for (when);
  struct
  {
    const char     *name;
    LimberSyncName  kind;
    const char     *month;
  } cases[] = {
    { "2026-11.jsonl", LIMBER_SYNC_NAME_CHANGES, "2026-11" },
    { "2026-11.sync-conflict-20261130-101010-ABCDEFG.jsonl", LIMBER_SYNC_NAME_CONFLICT, "2026-11" },
    { "2026-11 (conflicted copy 2026-11-30 101010).jsonl", LIMBER_SYNC_NAME_CONFLICT, "2026-11" },
    { "2026-11 (Someone's conflicted copy 2026-11-30).jsonl", LIMBER_SYNC_NAME_CONFLICT, "2026-11" },
    { "2026-11_conflict-20261130-101010.jsonl", LIMBER_SYNC_NAME_CONFLICT, "2026-11" },
    { ".syncthing.2026-11.jsonl.tmp", LIMBER_SYNC_NAME_TEMPORARY, NULL },
    { "~2026-11.jsonl", LIMBER_SYNC_NAME_TEMPORARY, NULL },
    { ".~lock.2026-11.jsonl#", LIMBER_SYNC_NAME_TEMPORARY, NULL },
    { "2026-11.jsonl.part", LIMBER_SYNC_NAME_TEMPORARY, NULL },
    { "device.json", LIMBER_SYNC_NAME_DEVICE, NULL },
    { "2026-13.jsonl", LIMBER_SYNC_NAME_OTHER, NULL },
    { "2026-00.jsonl", LIMBER_SYNC_NAME_OTHER, NULL },
    { "2026-1.jsonl", LIMBER_SYNC_NAME_OTHER, NULL },
    { "2026-11.json", LIMBER_SYNC_NAME_OTHER, NULL },
    { "2026-11 copy.jsonl", LIMBER_SYNC_NAME_OTHER, NULL },
    { "notes.txt", LIMBER_SYNC_NAME_OTHER, NULL },
    { "", LIMBER_SYNC_NAME_OTHER, NULL },
  };

  /* The month where it was written. */
  g_assert_cmpstr (name, ==, "2026-03.jsonl");
  g_assert_cmpint (limber_sync_file_classify (name, NULL), ==, LIMBER_SYNC_NAME_CHANGES);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char month[8] = "";

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (limber_sync_file_classify (cases[i].name, month), ==, cases[i].kind);
      if (cases[i].month != NULL)
        g_assert_cmpstr (month, ==, cases[i].month);
    }
}

static void
test_device_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, DEVICE, NULL);
  g_autofree char *path = g_build_filename (dir, "device.json", NULL);
  g_autofree char *wrong_dir = g_build_filename (fixture->dir, OTHER_DEVICE, NULL);
  g_autofree char *wrong_path = g_build_filename (wrong_dir, "device.json", NULL);
  g_autoptr (LimberSyncDevice) read = NULL;
  g_autoptr (GError) error = NULL;
  LimberSyncDevice device = { DEVICE, (char *) "Büro-Laptop “Anna”", 0, 0 };
  const char *bad[] = {
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" OTHER_DEVICE "\",\"name\":\"A\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"A\\u0007B\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"12345678901234567890123456789012345678901234567890123456789012345\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-sync-device\",\"version\":2,\"device\":\"" DEVICE "\",\"name\":\"A\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-journal\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"A\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"A\",\"last_seen\":\"yesterday\"}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"A\",\"last_seen\":\"2026-11-30T08:00:00+01:00\",\"extra\":1}",
    "{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE "\",\"name\":\"A\"}",
    "{\"format\":\"limber-sync-device\",",
  };

  device.last_seen_utc = at (30, 8);
  device.last_seen_offset_s = 3600;
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (limber_sync_device_write (dir, &device, &error));
  g_assert_no_error (error);
  read = limber_sync_device_read (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->device, ==, DEVICE);
  g_assert_cmpstr (read->name, ==, device.name);
  g_assert_cmpint (read->last_seen_utc, ==, device.last_seen_utc);
  g_assert_cmpint (read->last_seen_offset_s, ==, device.last_seen_offset_s);
  g_clear_pointer (&read, limber_sync_device_free);

  /* Rewritten whole: no temporary file stays. */
  device.last_seen_utc += 60;
  g_assert_true (limber_sync_device_write (dir, &device, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  read = limber_sync_device_read (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->last_seen_utc, ==, device.last_seen_utc);
  g_clear_pointer (&read, limber_sync_device_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_true (g_file_set_contents (path, bad[i], -1, &error));
      g_assert_no_error (error);
      read = limber_sync_device_read (dir, &error);
      g_assert_null (read);
      g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
    }

  /* Too large, however valid it might be. */
  {
    g_autoptr (GString) large = g_string_new ("{\"format\":\"limber-sync-device\",\"version\":1,\"device\":\"" DEVICE
                                              "\",\"name\":\"A\",\"last_seen\":\"2026-11-30T08:00:00+01:00\"}");

    while (large->len <= LIMBER_SYNC_DEVICE_FILE_MAX)
      g_string_append_c (large, ' ');
    g_assert_true (g_file_set_contents (path, large->str, large->len, &error));
    g_assert_null (limber_sync_device_read (dir, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* A host name that is no name is not written. */
  device.name = (char *) "Tab\there";
  g_assert_false (limber_sync_device_write (dir, &device, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  device.name = (char *) "Büro-Laptop “Anna”";

  /* Missing, and in the folder of another device. */
  g_assert_cmpint (g_mkdir (wrong_dir, 0700), ==, 0);
  g_assert_null (limber_sync_device_read (wrong_dir, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, wrong_dir));
  g_clear_error (&error);
  g_assert_true (limber_sync_device_write (dir, &device, &error));
  g_assert_cmpint (g_rename (path, wrong_path), ==, 0);
  g_assert_null (limber_sync_device_read (wrong_dir, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static GPtrArray *
lines_of (guint first_seq,
          guint n)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LimberSyncChange) change = make_change ((first_seq + i) % LIMBER_SYNC_N_KINDS, first_seq + i);

      g_ptr_array_add (lines, encode (change));
    }
  return lines;
}

static void
test_append_repairs_tail (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2026-11.jsonl", NULL);
  g_autoptr (GPtrArray) first = lines_of (1, 2);
  g_autoptr (GPtrArray) second = lines_of (3, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *half = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  LimberSyncReadResult result = { 0 };

  g_assert_true (limber_sync_file_append (path, first, &error));
  g_assert_no_error (error);
  /* Made for its owner alone. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A write cut short: half of a third line. */
  {
    g_autofree char *written = read_file (path);
    const char *line = g_ptr_array_index (second, 0);

    half = g_strconcat (written, NULL);
    contents = g_strndup (line, strlen (line) / 2);
    expected = g_strconcat (written, contents, NULL);
    g_assert_true (g_file_set_contents (path, expected, -1, &error));
    g_clear_pointer (&expected, g_free);
    g_clear_pointer (&contents, g_free);
  }

  g_assert_true (limber_sync_file_append (path, second, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  expected = g_strconcat (half, g_ptr_array_index (second, 0), NULL);
  g_assert_cmpstr (contents, ==, expected);
  read_all (fixture, contents, strlen (contents), &result);
  g_assert_cmpuint (result.changes->len, ==, 3);
  g_assert_cmpuint (result.damaged->len, ==, 0);
  limber_sync_read_result_clear (&result);

  /* Nothing whole at all: the file starts again. */
  g_assert_true (g_file_set_contents (path, "4a5b", -1, &error));
  g_assert_true (limber_sync_file_append (path, second, &error));
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, g_ptr_array_index (second, 0));
}

/* Appends until the disk or the size limit refuses, and checks that the
 * file is then as it was before the append that failed. */
static void
append_until_refused (const char *path,
                      guint       expected_code)
{
  g_autoptr (GError) error = NULL;
  gboolean refused = FALSE;

  for (guint round = 0; round < 1000 && !refused; round++)
    {
      g_autoptr (GPtrArray) lines = lines_of (round * 20 + 1, 20);
      g_autofree char *before = read_file (path);
      g_autofree char *after = NULL;

      if (limber_sync_file_append (path, lines, &error))
        continue;
      refused = TRUE;
      g_test_message ("refused: %s", error->message);
      g_assert_error (error, LIMBER_JOURNAL_ERROR, expected_code);
      g_assert_nonnull (strstr (error->message, path));
      after = read_file (path);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_true (refused);
}

static void
test_append_file_too_large (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2026-11.jsonl", NULL);
  g_autoptr (GPtrArray) first = lines_of (1, 3);
  g_autoptr (GError) error = NULL;
  struct rlimit old_limit, limit;
  void (*old_handler) (int);

  g_assert_true (limber_sync_file_append (path, first, &error));
  g_assert_no_error (error);

  /* Past the limit a write fails with EFBIG, once the signal that would
   * end the process is ignored. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 32 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  append_until_refused (path, LIMBER_JOURNAL_ERROR_FULL);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);
}

static void
test_append_disk_full (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "2026-11.jsonl", NULL);
  g_autoptr (GPtrArray) first = lines_of (1, 3);
  g_autoptr (GError) error = NULL;

  fixture->mounted = limber_test_mount_small_disk (fixture->dir, 256);
  if (!fixture->mounted)
    return;

  g_assert_true (limber_sync_file_append (path, first, &error));
  g_assert_no_error (error);

  append_until_refused (path, LIMBER_JOURNAL_ERROR_FULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/sync-file/crc", test_crc);
  ADD ("/sync-file/round-trip", test_round_trip);
  ADD ("/sync-file/cut-anywhere", test_cut_anywhere);
  ADD ("/sync-file/flipped-byte", test_flipped_byte);
  ADD ("/sync-file/refused-records", test_refused_records);
  ADD ("/sync-file/from-offset", test_from_offset);
  ADD ("/sync-file/read-path", test_read_path);
  g_test_add_func ("/sync-file/line-part", test_line_part);
  ADD ("/sync-file/read-parts", test_read_parts);
  g_test_add_func ("/sync-file/names", test_names);
  ADD ("/sync-file/device-file", test_device_file);
  ADD ("/sync-file/append-repairs-tail", test_append_repairs_tail);
  ADD ("/sync-file/append-file-too-large", test_append_file_too_large);
  ADD ("/sync-file/append-disk-full", test_append_disk_full);
#undef ADD

  return g_test_run ();
}
