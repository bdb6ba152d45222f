/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "limber-sync-file.h"
#include "fuzz-common.h"

/* Feeds arbitrary bytes to the reader of sync's change files, as another
 * computer, a sync tool or a damaged disk could leave them in the sync
 * folder. Whatever the input, the reader must neither crash nor leak,
 * and:
 *
 * - it reads whole lines only: it stops just after a "\n", with no "\n"
 *   after that, and every whole line is a change or a damaged line,
 *   named with a message;
 * - reading the first half, then the rest from where that stopped, gives
 *   what reading it all at once gives;
 * - read in parts by UUID, with a cap or without, it gives that too;
 * - every change it reads writes a line that reads back as the same.
 *
 * Each input is read twice: as it is, and with the right checksum put on
 * every line, so that libFuzzer gets past the checksums to the JSON and
 * the records. See README.md here. */

static GDateTime *now;

static void
check_line_round_trip (const LimberSyncChange *change)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = limber_sync_line_encode (change, &error);
  g_autofree char *again = NULL;
  LimberSyncReadResult result = { 0 };

  /* Only a line too long may not be written: a note of escapes that
   * grow. */
  if (line == NULL)
    {
      if (strstr (error->message, "too long") == NULL)
        fuzz_fail ("a change read could not be written: %s", error->message);
      return;
    }
  if (!limber_sync_file_read (line, strlen (line), 0, 1, NULL, change->device, now, &result, &error))
    fuzz_fail ("a line written could not be read: %s", error->message);
  if (result.changes->len != 1 || result.damaged->len != 0)
    fuzz_fail ("a line written reads as %u changes and %u damaged lines: %s%s", result.changes->len,
               result.damaged->len, line,
               result.damaged->len > 0 ? ((LimberSyncDamage *) g_ptr_array_index (result.damaged, 0))->message : "");
  again = limber_sync_line_encode (g_ptr_array_index (result.changes, 0), &error);
  if (again == NULL || !g_str_equal (line, again))
    fuzz_fail ("a change changed on the way round:\n%s%s", line, again != NULL ? again : error->message);
  limber_sync_read_result_clear (&result);
}

/* In parts: each line is in one of them, the parts together read what
 * one read does, and each ends where it does; a part with a cap, read on
 * from where it stops, reads what it reads without one. */
static void
check_parts (const char                 *data,
             gsize                       size,
             const LimberSyncReadResult *whole)
{
  const guint parts = 3;
  guint changes = 0, damaged = 0;

  for (guint k = 0; k < parts; k++)
    {
      g_autoptr (GError) error = NULL;
      LimberSyncPart part = { k, parts, 0 };
      LimberSyncPart capped = { k, parts, size / 4 + 1 };
      LimberSyncReadResult one = { 0 };
      guint capped_changes = 0, capped_damaged = 0;
      gsize offset = 0;
      guint line = 1;

      if (!limber_sync_file_read (data, size, 0, 1, &part, NULL, now, &one, &error))
        fuzz_fail ("reading part %u failed: %s", k, error->message);
      if (one.end_offset != whole->end_offset || one.end_line != whole->end_line)
        fuzz_fail ("part %u ended at %" G_GSIZE_FORMAT ", line %u; the whole at %" G_GSIZE_FORMAT ", line %u", k,
                   one.end_offset, one.end_line, whole->end_offset, whole->end_line);
      changes += one.changes->len;
      damaged += one.damaged->len;

      while (offset < one.end_offset)
        {
          LimberSyncReadResult step = { 0 };

          if (!limber_sync_file_read (data, size, offset, line, &capped, NULL, now, &step, &error))
            fuzz_fail ("reading part %u with a cap failed: %s", k, error->message);
          if (step.end_offset <= offset)
            fuzz_fail ("reading part %u with a cap stopped at %" G_GSIZE_FORMAT, k, offset);
          capped_changes += step.changes->len;
          capped_damaged += step.damaged->len;
          offset = step.end_offset;
          line = step.end_line;
          limber_sync_read_result_clear (&step);
        }
      if (capped_changes != one.changes->len || capped_damaged != one.damaged->len || line != one.end_line)
        fuzz_fail ("part %u read with a cap gives other lines than read at once", k);
      limber_sync_read_result_clear (&one);
    }
  if (changes != whole->changes->len || damaged != whole->damaged->len)
    fuzz_fail ("the parts read %u changes and %u damaged lines, the whole %u and %u", changes, damaged,
               whole->changes->len, whole->damaged->len);
}

static void
check_read (const char *data,
            gsize       size)
{
  g_autoptr (GError) error = NULL;
  LimberSyncReadResult whole = { 0 }, first = { 0 }, rest = { 0 };
  guint lines = 0;

  if (!limber_sync_file_read (data, size, 0, 1, NULL, NULL, now, &whole, &error))
    fuzz_fail ("reading from the start failed: %s", error->message);

  if (whole.end_offset > size ||
      (whole.end_offset > 0 && data[whole.end_offset - 1] != '\n') ||
      memchr (data + whole.end_offset, '\n', size - whole.end_offset) != NULL)
    fuzz_fail ("the read stopped at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ", not after the last whole line",
               whole.end_offset, size);
  for (gsize i = 0; i < whole.end_offset; i++)
    lines += data[i] == '\n';
  if (whole.changes->len + whole.damaged->len != lines || whole.end_line != lines + 1)
    fuzz_fail ("%u lines read as %u changes and %u damaged, up to line %u", lines,
               whole.changes->len, whole.damaged->len, whole.end_line);
  for (guint i = 0; i < whole.damaged->len; i++)
    {
      LimberSyncDamage *damage = g_ptr_array_index (whole.damaged, i);
      g_autofree char *prefix = g_strdup_printf ("line %u: ", damage->line);

      if (!g_str_has_prefix (damage->message, prefix) || strlen (damage->message) <= strlen (prefix))
        fuzz_fail ("a damaged line is not named: %s", damage->message);
      if (damage->offset >= whole.end_offset || (damage->offset > 0 && data[damage->offset - 1] != '\n'))
        fuzz_fail ("a damaged line is not where a line starts: %" G_GSIZE_FORMAT, damage->offset);
    }
  for (guint i = 0; i < whole.changes->len; i++)
    check_line_round_trip (g_ptr_array_index (whole.changes, i));
  check_parts (data, size, &whole);

  /* In two reads, as a file that grows is read. */
  if (!limber_sync_file_read (data, size / 2, 0, 1, NULL, NULL, now, &first, &error) ||
      !limber_sync_file_read (data, size, first.end_offset, first.end_line, NULL, NULL, now, &rest, &error))
    fuzz_fail ("reading in two parts failed: %s", error->message);
  if (first.changes->len + rest.changes->len != whole.changes->len ||
      first.damaged->len + rest.damaged->len != whole.damaged->len ||
      rest.end_offset != whole.end_offset || rest.end_line != whole.end_line)
    fuzz_fail ("read in two parts, the file gives other lines than read whole");

  limber_sync_read_result_clear (&whole);
  limber_sync_read_result_clear (&first);
  limber_sync_read_result_clear (&rest);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);

  fuzz_init_logging ("fuzz-sync-file");
  /* A fixed now: what is in the future does not change between runs. */
  now = g_date_time_new (zone, 2026, 11, 30, 12, 0, 0);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *fixed = g_memdup2 (data, MAX (size, 1));
  char *line = fixed, *end = fixed + size;

  check_read ((const char *) data, size);

  /* The same with the right checksums. */
  while (line < end)
    {
      char *newline = memchr (line, '\n', end - line);

      if (newline == NULL)
        break;
      if (newline - line >= 9)
        {
          char checksum[9];

          g_snprintf (checksum, sizeof checksum, "%08x", limber_sync_checksum (line + 9, newline - line - 9));
          memcpy (line, checksum, 8);
          line[8] = ' ';
        }
      line = newline + 1;
    }
  check_read (fixed, size);
  return 0;
}
