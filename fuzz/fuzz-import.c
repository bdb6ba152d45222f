/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "limber-journal.h"
#include "fuzz-common.h"

/* Feeds arbitrary bytes to `limber import` as CSV or as JSON (the build
 * says which, FUZZ_FORMAT), into a real journal. Whatever the input,
 * import must neither crash nor leak; it either refuses the file with a
 * message and leaves the journal empty, or the journal it made exports,
 * and that export imported into another empty journal exports the same
 * again, in both formats: import then export then import gives the same
 * journal. See README.md here. */

static char          *scratch;
static GDateTime     *now;
/* An empty journal, kept while inputs are refused: making one is most of
 * the time a run takes. */
static LimberJournal *unused;
static GBytes        *empty_export;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static LimberJournal *
empty_journal (const char *name)
{
  g_autofree char *dir = g_build_filename (scratch, name, NULL);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autoptr (GError) error = NULL;
  LimberJournal *journal;

  remove_tree (dir);
  journal = limber_journal_open (path, &error);
  if (journal == NULL)
    fuzz_fail ("cannot open a journal in %s: %s", dir, error->message);
  return journal;
}

static GBytes *
export (LimberJournal       *journal,
        LimberJournalFormat  format,
        const char          *which)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  if (!limber_journal_export (journal, format, stream, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    fuzz_fail ("the %s journal holds what it cannot export: %s", which, error->message);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_same (GBytes     *first,
             GBytes     *second,
             const char *what)
{
  if (!g_bytes_equal (first, second))
    fuzz_fail ("the %s export changed on the way round:\n--- first\n%.*s\n--- second\n%.*s", what,
               (int) g_bytes_get_size (first), (const char *) g_bytes_get_data (first, NULL),
               (int) g_bytes_get_size (second), (const char *) g_bytes_get_data (second, NULL));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr (GError) error = NULL;

  fuzz_init_logging (FUZZ_NAME);
  scratch = g_dir_make_tmp ("limber-" FUZZ_NAME "-XXXXXX", &error);
  if (scratch == NULL)
    fuzz_fail ("no scratch folder: %s", error->message);
  /* A fixed now: what is in the future does not change between runs. */
  now = g_date_time_new (zone, 2026, 11, 30, 12, 0, 0);
  unused = empty_journal ("first");
  empty_export = export (unused, LIMBER_JOURNAL_FORMAT_JSON, "empty");
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (GBytes) input = g_bytes_new (data, size);
  g_autoptr (LimberJournal) first = g_steal_pointer (&unused);
  g_autoptr (LimberJournal) second = NULL;
  g_autoptr (GBytes) exported = NULL, everything = NULL;
  g_autoptr (GBytes) again = NULL, everything_again = NULL;
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts;

  if (!limber_journal_import (first, FUZZ_FORMAT, input, now, &counts, &error))
    {
      g_autoptr (GBytes) after = NULL;

      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        fuzz_fail ("a refused file got no message");
      if (!g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT))
        fuzz_fail ("a refused file got an error that is not about the file: %s", error->message);
      /* Nothing of a refused file stays, so the journal serves the next. */
      after = export (first, LIMBER_JOURNAL_FORMAT_JSON, "refusing");
      assert_same (empty_export, after, "refused file's");
      unused = g_steal_pointer (&first);
      return 0;
    }

  exported = export (first, FUZZ_FORMAT, "first");
  everything = export (first, LIMBER_JOURNAL_FORMAT_JSON, "first");

  second = empty_journal ("second");
  if (!limber_journal_import (second, FUZZ_FORMAT, exported, now, &counts, &error))
    fuzz_fail ("an export was refused: %s\n%.*s", error->message,
               (int) g_bytes_get_size (exported), (const char *) g_bytes_get_data (exported, NULL));

  again = export (second, FUZZ_FORMAT, "second");
  everything_again = export (second, LIMBER_JOURNAL_FORMAT_JSON, "second");
  assert_same (exported, again, FUZZ_NAME);
  assert_same (everything, everything_again, "whole");

  g_clear_object (&first);
  unused = empty_journal ("first");
  return 0;
}
