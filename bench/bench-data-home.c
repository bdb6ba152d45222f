/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-data-home.h"

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr (GFile) source = g_file_new_for_path (from);
  g_autoptr (GFile) destination = g_file_new_for_path (to);

  return g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

char *
limber_bench_data_home_new (const char  *journal_dir,
                            GError     **error)
{
  g_autofree char *journal = g_build_filename (journal_dir, "journal.db", NULL);
  g_autofree char *wal = g_strconcat (journal, "-wal", NULL);
  g_autofree char *data_home = NULL;
  g_autofree char *limber_dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *wal_copy = NULL;

  if (!g_file_test (journal, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "No journal at %s", journal);
      return NULL;
    }

  if (!(data_home = g_dir_make_tmp ("limber-bench-XXXXXX", error)))
    return NULL;
  limber_dir = g_build_filename (data_home, "limber", NULL);
  copy = g_build_filename (limber_dir, "journal.db", NULL);
  wal_copy = g_strconcat (copy, "-wal", NULL);
  if (g_mkdir (limber_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot make %s", limber_dir);
      limber_bench_remove_folder (data_home);
      return NULL;
    }

  if (!copy_file (journal, copy, error) ||
      (g_file_test (wal, G_FILE_TEST_IS_REGULAR) && !copy_file (wal, wal_copy, error)))
    {
      limber_bench_remove_folder (data_home);
      return NULL;
    }

  return g_steal_pointer (&data_home);
}

void
limber_bench_remove_folder (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        limber_bench_remove_folder (child);
      else
        g_unlink (child);
    }
  g_rmdir (folder);
}
