/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "limber-file-target.h"
#include "limber-journal-backup.h"
#include "limber-journal-private.h"
#include "limber-journal-fields.h"
#include "limber-journal-formats.h"

/* Export of the journal to CSV (the pain entries, for a spreadsheet or a
 * doctor) and JSON (everything, for another computer), and import of both.
 * An import is checked whole before anything is written and then merged by
 * UUID in one transaction, so that a bad file changes nothing and importing
 * a file twice is the same as importing it once. Each format has its own
 * file, limber-journal-csv.c and limber-journal-json.c; what both check
 * alike is in limber-journal-fields.c. */

/* Merging */

static void
count_insert (LimberJournal      *self,
              LimberImportCounts *counts)
{
  /* The writers do nothing for a UUID already stored. */
  if (sqlite3_changes (self->db) > 0)
    counts->added++;
  else
    counts->unchanged++;
}

/* The factors and what refers to them. Like pain entries, a row that
 * matches a stored one (by UUID, or by what the table keeps once: a day
 * and factor, a day of measures) replaces it only when it was updated
 * later; a tie keeps the stored one, except for a write that waited. */

typedef enum
{
  STORED_NONE,
  STORED_OLDER,
  STORED_KEPT,
} Stored;

/* Runs @sql, which selects the updated_utc of the rows that match ?1 to
 * ?3, and says whether they are kept over a row updated at @updated_utc. */
static gboolean
find_stored (LimberJournal  *self,
             const char     *sql,
             const char     *first,
             const char     *second,
             const char     *third,
             gint64          updated_utc,
             gboolean        spooled,
             Stored         *stored_out,
             GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  const char *values[] = { first, second, third };
  Stored stored = STORED_NONE;
  int rc;

  if (statement == NULL)
    return FALSE;
  for (int i = 0; i < (int) G_N_ELEMENTS (values) && values[i] != NULL; i++)
    sqlite3_bind_text (statement, i + 1, values[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (statement, 0) + (spooled ? 0 : 1) > updated_utc)
        stored = STORED_KEPT;
      else if (stored == STORED_NONE)
        stored = STORED_OLDER;
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the factors"), error);
      return FALSE;
    }
  *stored_out = stored;
  return TRUE;
}

/* Runs @sql with ?1 to ?4 bound to @texts (NULL for NULL) and ?5 on to
 * @ints; those whose bit is set in @nullable are NULL when negative. */
static gboolean
run_bound (LimberJournal  *self,
           const char     *sql,
           const char     *texts[4],
           const gint64   *ints,
           guint           n_ints,
           guint           nullable,
           GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  /* Binding a number a statement does not have does nothing. */
  for (int i = 0; i < 4; i++)
    {
      if (texts[i] != NULL)
        sqlite3_bind_text (statement, i + 1, texts[i], -1, SQLITE_STATIC);
    }
  for (guint i = 0; i < n_ints; i++)
    {
      if ((nullable & (1u << i)) && ints[i] < 0)
        continue;
      sqlite3_bind_int64 (statement, (int) i + 5, ints[i]);
    }
  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("writing the factors"), error);
      return FALSE;
    }
  return TRUE;
}

/* A name for the incoming factor @uuid that no other factor in use has:
 * @name itself, or else @name with a number, “Swimming (2)”. */
static char *
free_factor_name (LimberJournal  *self,
                  const char     *uuid,
                  const char     *name,
                  GError        **error)
{
  for (int n = 1; n < 1000; n++)
    {
      g_autoptr (LimberFactor) other = NULL;
      g_autoptr (GError) find_error = NULL;
      g_autofree char *candidate = NULL;

      if (n == 1)
        candidate = g_strdup (name);
      else
        {
          /* Translators: a factor's name (%s) made different from one
           * already in the journal by a number (%d), when an import
           * brings a second factor of that name. */
          g_autofree char *suffix = g_strdup_printf (_("%s (%d)"), "", n);
          glong room = LIMBER_FACTOR_NAME_MAX_CHARS - g_utf8_strlen (suffix, -1);
          g_autofree char *base = g_utf8_substring (name, 0, MIN (room, g_utf8_strlen (name, -1)));

          g_strchomp (base);
          candidate = g_strdup_printf (_("%s (%d)"), base, n);
        }
      if (!limber_factor_name_validate (candidate, NULL))
        continue;
      other = limber_journal_find_factor (self, candidate, &find_error);
      if (find_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&find_error));
          return NULL;
        }
      if (other == NULL || g_str_equal (other->uuid, uuid))
        return g_steal_pointer (&candidate);
    }
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("name: the journal has too many factors called “%s”"), name);
  return NULL;
}

/* Merges @factor and notes in @uuids which stored factor it became: a
 * built-in is the journal's own built-in whatever its UUID in the file.
 * An incoming factor in use whose name a different factor in use has
 * already is kept as well, under that name with a number. */
static gboolean
merge_factor (LimberJournal       *self,
              const LimberFactor  *factor,
              gboolean             spooled,
              GHashTable          *uuids,
              LimberImportCounts  *counts,
              GError             **error)
{
  g_autofree char *uuid = g_strdup (factor->uuid);
  g_autofree char *name = NULL;
  Stored stored = STORED_NONE;
  const char *texts[4] = { NULL, NULL, NULL, NULL };
  gint64 ints[5];

  if (factor->builtin != NULL)
    {
      sqlite3_stmt *statement = limber_journal_statement (self, "SELECT uuid FROM factor WHERE builtin = ?1", error);
      int rc;

      if (statement == NULL)
        return FALSE;
      sqlite3_bind_text (statement, 1, factor->builtin, -1, SQLITE_STATIC);
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          g_free (uuid);
          uuid = g_strdup ((const char *) sqlite3_column_text (statement, 0));
        }
      sqlite3_reset (statement);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          limber_journal_set_sqlite_error (self, rc, _("reading the factors"), error);
          return FALSE;
        }
    }
  g_hash_table_insert (uuids, g_strdup (factor->uuid), g_strdup (uuid));

  if (!find_stored (self, "SELECT updated_utc FROM factor WHERE uuid = ?1", uuid, NULL, NULL,
                    factor->updated_utc, spooled, &stored, error))
    return FALSE;
  /* Every export has the built-ins: one kept as it is is not counted,
   * or every import would report them. */
  if (stored == STORED_KEPT)
    return TRUE;

  if (factor->name != NULL && !factor->retired)
    name = free_factor_name (self, uuid, factor->name, error);
  else
    name = g_strdup (factor->name);
  if (factor->name != NULL && name == NULL)
    return FALSE;

  texts[0] = uuid;
  texts[1] = factor->builtin;
  texts[2] = name;
  ints[0] = factor->retired ? 1 : 0;
  ints[1] = factor->created_utc;
  ints[2] = factor->created_offset_s;
  ints[3] = factor->updated_utc;
  ints[4] = factor->updated_offset_s;
  if (!run_bound (self,
                  stored == STORED_NONE
                  ? "INSERT INTO factor (uuid, builtin, name, retired, created_utc, created_offset_s, "
                    "updated_utc, updated_offset_s) VALUES (?1, ?2, ?3, ?5, ?6, ?7, ?8, ?9)"
                  : "UPDATE factor SET name = ?3, retired = ?5, created_utc = ?6, created_offset_s = ?7, "
                    "updated_utc = ?8, updated_offset_s = ?9 WHERE uuid = ?1",
                  texts, ints, G_N_ELEMENTS (ints), 0, error))
    return FALSE;
  if (stored == STORED_NONE)
    counts->added++;
  else
    counts->updated++;
  return TRUE;
}

/* Replaces the rows that @select and @delete (on ?1 to ?3 of @texts)
 * match by @insert, unless one of them is kept. The statements are
 * cached by their text's address, so all three are literals. */
static gboolean
merge_row (LimberJournal       *self,
           const char          *select,
           const char          *delete,
           const char          *insert,
           const char          *texts[4],
           const gint64        *ints,
           guint                n_ints,
           guint                nullable,
           gint64               updated_utc,
           gboolean             spooled,
           LimberImportCounts  *counts,
           GError             **error)
{
  Stored stored = STORED_NONE;

  if (!find_stored (self, select, texts[0], texts[1], texts[2], updated_utc, spooled, &stored, error))
    return FALSE;
  if (stored == STORED_KEPT)
    {
      counts->unchanged++;
      return TRUE;
    }
  if ((stored != STORED_NONE && !run_bound (self, delete, texts, NULL, 0, 0, error)) ||
      !run_bound (self, insert, texts, ints, n_ints, nullable, error))
    return FALSE;
  if (stored == STORED_NONE)
    counts->added++;
  else
    counts->updated++;
  return TRUE;
}

/* Steps @statement, with the day @day bound to ?1 and @utc to ?2, and
 * says whether it gave a row. */
static gboolean
day_has_row (LimberJournal  *self,
             const char     *sql,
             const char     *day,
             gint64          utc,
             gboolean       *found_out,
             GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 2, utc);
  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the factors"), error);
      return FALSE;
    }
  *found_out = rc == SQLITE_ROW;
  return TRUE;
}

/* The stored day factors of @save's day whose factor @set does not name
 * for that day: ticked when stored, unticked in the save. */
static GPtrArray *
unticked_day_factors (LimberJournal          *self,
                      const LimberImportSet  *set,
                      const LimberDaySave    *save,
                      GError                **error)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement;
  int rc;

  statement = limber_journal_statement (self, "SELECT uuid, factor_uuid FROM day_factor WHERE day = ?1", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, save->day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *factor_uuid = (const char *) sqlite3_column_text (statement, 1);
      gboolean ticked = FALSE;

      for (guint i = 0; i < set->day_factors->len && !ticked; i++)
        {
          const LimberDayFactor *row = g_ptr_array_index (set->day_factors, i);

          ticked = g_str_equal (row->day, save->day) && g_str_equal (row->factor_uuid, factor_uuid);
        }
      if (!ticked)
        g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the factors"), error);
      return NULL;
    }
  return g_steal_pointer (&gone);
}

/* Gives the days of @set's LimberDaySave their meaning, before the rows
 * are merged: what the save left out of a part it saved whole goes, as
 * limber_journal_save_day() would have removed it, unless the journal
 * holds something of that part of the day saved after it. Such a day is
 * noted in @kept_factors or @kept_measures, and its rows in @set are not
 * merged either: a later save is not undone by an older one that
 * waited. A later save that removed every factor of a day leaves nothing
 * to tell by; the writer merges what waited before it stores anything
 * new, so that this does not happen through it. */
static gboolean
apply_day_saves (LimberJournal          *self,
                 const LimberImportSet  *set,
                 GHashTable             *kept_factors,
                 GHashTable             *kept_measures,
                 GError                **error)
{
  for (guint i = 0; i < set->day_saves->len; i++)
    {
      const LimberDaySave *save = g_ptr_array_index (set->day_saves, i);
      gboolean newer = FALSE;

      if (save->factors)
        {
          g_autoptr (GPtrArray) gone = NULL;

          if (!day_has_row (self, "SELECT 1 FROM day_factor WHERE day = ?1 AND updated_utc > ?2",
                            save->day, save->saved_utc, &newer, error))
            return FALSE;
          if (newer)
            g_hash_table_add (kept_factors, (gpointer) save->day);
          else if ((gone = unticked_day_factors (self, set, save, error)) == NULL)
            return FALSE;
          for (guint j = 0; gone != NULL && j < gone->len; j++)
            {
              const char *texts[4] = { g_ptr_array_index (gone, j), NULL, NULL, NULL };

              if (!run_bound (self, "DELETE FROM day_factor WHERE uuid = ?1", texts, NULL, 0, 0, error))
                return FALSE;
            }
        }

      if (save->measures)
        {
          gboolean in_set = FALSE;

          if (!day_has_row (self, "SELECT 1 FROM day_measure WHERE day = ?1 AND updated_utc > ?2",
                            save->day, save->saved_utc, &newer, error))
            return FALSE;
          for (guint j = 0; j < set->day_measures->len && !in_set; j++)
            in_set = g_str_equal (((LimberDayMeasures *) g_ptr_array_index (set->day_measures, j))->day, save->day);
          if (newer)
            g_hash_table_add (kept_measures, (gpointer) save->day);
          else if (!in_set)
            {
              /* Emptied in the save: the day's measures went. */
              const char *texts[4] = { save->day, NULL, NULL, NULL };

              if (!run_bound (self, "DELETE FROM day_measure WHERE day = ?1", texts, NULL, 0, 0, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

#define MATCHING(table, where) \
  "SELECT updated_utc FROM " table " WHERE " where, "DELETE FROM " table " WHERE " where

gboolean
limber_journal_merge_factor_rows (LimberJournal          *self,
                                  const LimberImportSet  *set,
                                  gboolean                spooled,
                                  LimberImportCounts     *counts,
                                  GError                **error)
{
  g_autoptr (GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) kept_factors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) kept_measures = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < set->factors->len; i++)
    {
      if (!merge_factor (self, g_ptr_array_index (set->factors, i), spooled, uuids, counts, error))
        return FALSE;
    }

  /* Only a write that waited saves days whole; an import refuses them. */
  if (spooled && !apply_day_saves (self, set, kept_factors, kept_measures, error))
    return FALSE;

  for (guint i = 0; i < set->day_factors->len; i++)
    {
      const LimberDayFactor *row = g_ptr_array_index (set->day_factors, i);
      const char *factor_uuid = g_hash_table_lookup (uuids, row->factor_uuid);
      const char *texts[4] = { row->uuid, row->day, factor_uuid != NULL ? factor_uuid : row->factor_uuid,
                               row->medicine };
      gint64 ints[] = { row->doses > 0 ? row->doses : -1, row->created_utc, row->created_offset_s,
                        row->updated_utc, row->updated_offset_s };

      if (g_hash_table_contains (kept_factors, row->day))
        {
          counts->unchanged++;
          continue;
        }
      /* A write that waited names a factor of the journal, not of the
       * file; one the journal no longer has (it was replaced by a
       * backup since) cannot be ticked, and the rest of the day is
       * stored all the same. */
      if (factor_uuid == NULL && spooled)
        {
          gboolean known = FALSE;

          if (!day_has_row (self, "SELECT 1 FROM factor WHERE uuid = ?1",
                            row->factor_uuid, 0, &known, error))
            return FALSE;
          if (!known)
            {
              g_warning ("A waiting write ticked factor %s on %s, which the journal does not have",
                         row->factor_uuid, row->day);
              continue;
            }
        }

      if (!merge_row (self, MATCHING ("day_factor", "uuid = ?1 OR (day = ?2 AND factor_uuid = ?3)"),
                      "INSERT INTO day_factor (uuid, day, factor_uuid, medicine, doses, created_utc, "
                      "created_offset_s, updated_utc, updated_offset_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                      texts, ints, G_N_ELEMENTS (ints), 1u << 0, row->updated_utc, spooled, counts, error))
        return FALSE;
    }

  for (guint i = 0; i < set->day_measures->len; i++)
    {
      const LimberDayMeasures *row = g_ptr_array_index (set->day_measures, i);
      const char *texts[4] = { row->uuid, row->day, NULL, NULL };
      gint64 ints[] = { row->sleep_tenths, row->sleep_quality, row->stress, row->desk_tenths,
                        row->created_utc, row->created_offset_s, row->updated_utc, row->updated_offset_s };

      if (g_hash_table_contains (kept_measures, row->day))
        {
          counts->unchanged++;
          continue;
        }

      if (!merge_row (self, MATCHING ("day_measure", "uuid = ?1 OR day = ?2"),
                      "INSERT INTO day_measure (uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, "
                      "created_utc, created_offset_s, updated_utc, updated_offset_s) "
                      "VALUES (?1, ?2, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                      texts, ints, G_N_ELEMENTS (ints), 0xf, row->updated_utc, spooled, counts, error))
        return FALSE;
    }

  for (guint i = 0; i < set->life_changes->len; i++)
    {
      const LimberLifeChange *row = g_ptr_array_index (set->life_changes, i);
      const char *texts[4] = { row->uuid, row->day, row->text, NULL };
      gint64 ints[] = { row->created_utc, row->created_offset_s, row->updated_utc, row->updated_offset_s };

      if (!merge_row (self, MATCHING ("life_change", "uuid = ?1"),
                      "INSERT INTO life_change (uuid, day, text, created_utc, created_offset_s, "
                      "updated_utc, updated_offset_s) VALUES (?1, ?2, ?3, ?5, ?6, ?7, ?8)",
                      texts, ints, G_N_ELEMENTS (ints), 0, row->updated_utc, spooled, counts, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_import (LimberJournal          *self,
              const LimberImportSet  *set,
              gboolean                spooled,
              LimberImportCounts     *counts,
              GError                **error)
{
  if (!limber_journal_begin (self, error))
    return FALSE;

  for (guint i = 0; i < set->pain_entries->len; i++)
    {
      if (!limber_journal_merge_pain_entry (self, g_ptr_array_index (set->pain_entries, i), spooled, counts, error))
        goto failed;
    }

  for (guint i = 0; i < set->break_events->len; i++)
    {
      if (!limber_journal_write_break_event (self, g_ptr_array_index (set->break_events, i), error))
        goto failed;
      count_insert (self, counts);
    }

  for (guint i = 0; i < set->stretch_sessions->len; i++)
    {
      if (!limber_journal_write_stretch_session (self, g_ptr_array_index (set->stretch_sessions, i), error))
        goto failed;
      count_insert (self, counts);
    }

  if (!limber_journal_merge_factor_rows (self, set, spooled, counts, error))
    goto failed;

  return limber_journal_commit (self, error);

failed:
  limber_journal_rollback (self);
  return FALSE;
}

static gboolean
import_too_big (GError     **error,
                const char  *name)
{
  g_autofree char *limit = g_format_size_full (LIMBER_JOURNAL_IMPORT_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

  if (name != NULL)
    /* Translators: the first %s names a file, the second is a size such
     * as “512.0 MiB”. */
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                 _("%s is larger than the %s that an import may be."), name, limit);
  else
    /* Translators: %s is a size such as “512.0 MiB”. */
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                 _("The file is larger than the %s that an import may be."), limit);
  return FALSE;
}

/* Opens @path to read an import from: a regular file or a pipe, such as
 * the one a shell gives for <(…). Opened without waiting, since a named
 * pipe that nobody writes to would otherwise hold the open for ever; it
 * then reads as empty. -1 once @error says why not. */
static int
open_import (const char  *path,
             const char  *name,
             goffset     *size_out,
             GError     **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  int saved_errno = errno;

  if (fd >= 0 && fstat (fd, &st) != 0)
    {
      saved_errno = errno;
      close (fd);
      fd = -1;
    }
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s names a file, the second says why. */
                   _("%s cannot be read: %s"), name, g_strerror (saved_errno));
      return -1;
    }
  if (!S_ISREG (st.st_mode) && !S_ISFIFO (st.st_mode))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("%s cannot be read: %s"), name, limber_file_not_regular_reason (st.st_mode));
      close (fd);
      return -1;
    }

  /* From now on a pipe is read as pipes are: waiting for what comes, and
   * at its end once no one writes to it. (poll() would wait for a writer
   * that never came, so the reading is plain read().) */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  *size_out = S_ISREG (st.st_mode) ? st.st_size : -1;
  return fd;
}

GBytes *
limber_journal_load_import (GFile   *file,
                            GError **error)
{
  g_autoptr (GByteArray) data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  goffset size = -1;
  gsize chunk = 1024 * 1024;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s cannot be read: only files on this computer can be imported"), name);
      return NULL;
    }
  fd = open_import (path, name, &size, error);
  if (fd < 0)
    return NULL;

  if (size > LIMBER_JOURNAL_IMPORT_MAX_BYTES)
    {
      close (fd);
      import_too_big (error, name);
      return NULL;
    }
  if (size >= 0)
    chunk = MAX (chunk, (gsize) size + 1);

  /* A pipe says nothing of its size, and a file may grow while read:
   * only so much is read either way. */
  data = g_byte_array_sized_new (MIN (chunk, LIMBER_JOURNAL_IMPORT_MAX_BYTES + 1));
  for (;;)
    {
      gsize length = data->len;
      gsize want = MIN (chunk, LIMBER_JOURNAL_IMPORT_MAX_BYTES + 1 - length);
      gssize got;

      g_byte_array_set_size (data, (guint) (length + want));
      do
        got = read (fd, data->data + length, want);
      while (got < 0 && errno == EINTR);
      if (got < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("%s cannot be read: %s"), name, g_strerror (saved_errno));
          return NULL;
        }
      g_byte_array_set_size (data, (guint) (length + (gsize) got));
      if (data->len > LIMBER_JOURNAL_IMPORT_MAX_BYTES)
        {
          close (fd);
          import_too_big (error, name);
          return NULL;
        }
      if (got == 0)
        break;
    }

  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
import_data (LimberJournal        *self,
             LimberJournalFormat   format,
             GBytes               *data,
             GDateTime            *now,
             gboolean              spooled,
             LimberImportCounts   *counts,
             GError              **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  LimberImportCounts found = { 0, 0, 0 };
  const char *text;
  gsize length = 0;
  gboolean read = FALSE;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    *counts = found;

  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (length > LIMBER_JOURNAL_IMPORT_MAX_BYTES)
    return import_too_big (error, NULL);

  set = limber_import_set_new (now);
  /* A write that waited was checked when it was made; the day it was
   * made for stays its day whatever the clock says now. */
  if (spooled)
    {
      g_free (set->today);
      set->today = g_strdup (LIMBER_DAY_LAST);
      set->latest_utc = G_MAXINT64;
    }
  switch (format)
    {
    case LIMBER_JOURNAL_FORMAT_CSV:
      read = limber_journal_read_csv (set, text, length, error);
      break;

    case LIMBER_JOURNAL_FORMAT_JSON:
      read = limber_journal_read_json (set, text, length, error);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (!read)
    return FALSE;

  /* A file naming days saved whole is a write that Limber kept while the
   * journal could not take it: merged, it removes what that save
   * unticked or emptied. An import only adds and updates, so it refuses
   * such a file rather than merge half of what it means (the ticks but
   * not the unticks); the file is stored by Limber itself. */
  if (!spooled && set->day_saves->len > 0)
    {
      g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                           _("This file is a save that Limber keeps until the journal can take it, "
                             "not an export; Limber stores it by itself."));
      return FALSE;
    }

  /* Whatever the file brings, the journal as it was can come back. */
  if (!limber_journal_ensure_current (self, error) ||
      (!spooled && !limber_journal_backup_write (self->db, self->path, "import", now, NULL, error)))
    {
      if (error != NULL && *error != NULL)
        {
          g_autofree char *why = g_steal_pointer (&(*error)->message);

          /* Translators: %s says why, in a sentence of its own. */
          (*error)->message = g_strdup_printf (_("Nothing was imported: no backup could be made first. %s"), why);
        }
      return FALSE;
    }

  if (!apply_import (self, set, spooled, &found, error))
    return FALSE;

  if (counts != NULL)
    *counts = found;
  return TRUE;
}

gboolean
limber_journal_import (LimberJournal        *self,
                       LimberJournalFormat   format,
                       GBytes               *data,
                       GDateTime            *now,
                       LimberImportCounts   *counts,
                       GError              **error)
{
  return import_data (self, format, data, now, FALSE, counts, error);
}

gboolean
limber_journal_merge_export (LimberJournal  *self,
                             GBytes         *data,
                             GDateTime      *now,
                             GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);

  return import_data (self, LIMBER_JOURNAL_FORMAT_JSON, data, now, TRUE, NULL, error);
}

/* Export */

/* What is written out is sent on in pieces of about this size. */
#define EXPORT_CHUNK_BYTES (64 * 1024)

static gpointer
read_pain_entry (sqlite3_stmt *statement)
{
  return limber_journal_read_pain_entry (statement);
}

static gpointer
read_break_event (sqlite3_stmt *statement)
{
  LimberBreakEvent *event = g_new0 (LimberBreakEvent, 1);

  g_strlcpy (event->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof event->uuid);
  g_strlcpy (event->day, (const char *) sqlite3_column_text (statement, 1), sizeof event->day);
  /* The schema allows no other kinds or outcomes. */
  limber_break_kind_from_name ((const char *) sqlite3_column_text (statement, 2), &event->kind);
  limber_break_outcome_from_name ((const char *) sqlite3_column_text (statement, 3), &event->outcome);
  event->due_utc = sqlite3_column_int64 (statement, 4);
  event->due_offset_s = sqlite3_column_int (statement, 5);
  event->end_utc = sqlite3_column_int64 (statement, 6);
  event->end_offset_s = sqlite3_column_int (statement, 7);
  event->duration_s = sqlite3_column_int (statement, 8);
  /* NULL (no notification) leaves LIMBER_REMINDER_NONE. */
  limber_reminder_outcome_from_name ((const char *) sqlite3_column_text (statement, 9), &event->reminder);
  return event;
}

static int
column_optional_score (sqlite3_stmt *statement,
                       int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LIMBER_PAIN_SCORE_UNSET;
  return sqlite3_column_int (statement, column);
}

static gpointer
read_stretch_session (sqlite3_stmt *statement)
{
  LimberStretchSession *session = g_new0 (LimberStretchSession, 1);

  g_strlcpy (session->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof session->uuid);
  g_strlcpy (session->day, (const char *) sqlite3_column_text (statement, 1), sizeof session->day);
  session->activity_id = g_strdup ((const char *) sqlite3_column_text (statement, 2));
  session->start_utc = sqlite3_column_int64 (statement, 3);
  session->start_offset_s = sqlite3_column_int (statement, 4);
  session->end_utc = sqlite3_column_int64 (statement, 5);
  session->end_offset_s = sqlite3_column_int (statement, 6);
  session->seconds_done = sqlite3_column_int (statement, 7);
  session->completed = sqlite3_column_int (statement, 8) != 0;
  session->pain_before = column_optional_score (statement, 9);
  session->pain_after = column_optional_score (statement, 10);
  return session;
}

static gpointer
read_factor (sqlite3_stmt *statement)
{
  LimberFactor *factor = g_new0 (LimberFactor, 1);

  g_strlcpy (factor->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof factor->uuid);
  factor->builtin = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  factor->name = g_strdup ((const char *) sqlite3_column_text (statement, 2));
  factor->retired = sqlite3_column_int (statement, 3) != 0;
  factor->created_utc = sqlite3_column_int64 (statement, 4);
  factor->created_offset_s = sqlite3_column_int (statement, 5);
  factor->updated_utc = sqlite3_column_int64 (statement, 6);
  factor->updated_offset_s = sqlite3_column_int (statement, 7);
  return factor;
}

static gpointer
read_day_factor (sqlite3_stmt *statement)
{
  LimberDayFactor *row = limber_day_factor_new ((const char *) sqlite3_column_text (statement, 1),
                                                (const char *) sqlite3_column_text (statement, 2));

  g_strlcpy (row->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof row->uuid);
  row->medicine = g_strdup ((const char *) sqlite3_column_text (statement, 3));
  row->doses = sqlite3_column_int (statement, 4);
  row->created_utc = sqlite3_column_int64 (statement, 5);
  row->created_offset_s = sqlite3_column_int (statement, 6);
  row->updated_utc = sqlite3_column_int64 (statement, 7);
  row->updated_offset_s = sqlite3_column_int (statement, 8);
  return row;
}

static int
column_measure (sqlite3_stmt *statement,
                int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LIMBER_MEASURE_UNSET;
  return sqlite3_column_int (statement, column);
}

static gpointer
read_day_measures (sqlite3_stmt *statement)
{
  LimberDayMeasures *row = limber_day_measures_new ((const char *) sqlite3_column_text (statement, 1));

  g_strlcpy (row->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof row->uuid);
  row->sleep_tenths = column_measure (statement, 2);
  row->sleep_quality = column_measure (statement, 3);
  row->stress = column_measure (statement, 4);
  row->desk_tenths = column_measure (statement, 5);
  row->created_utc = sqlite3_column_int64 (statement, 6);
  row->created_offset_s = sqlite3_column_int (statement, 7);
  row->updated_utc = sqlite3_column_int64 (statement, 8);
  row->updated_offset_s = sqlite3_column_int (statement, 9);
  return row;
}

static gpointer
read_life_change (sqlite3_stmt *statement)
{
  LimberLifeChange *row = limber_life_change_new ((const char *) sqlite3_column_text (statement, 1),
                                                  (const char *) sqlite3_column_text (statement, 2));

  g_strlcpy (row->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof row->uuid);
  row->created_utc = sqlite3_column_int64 (statement, 3);
  row->created_offset_s = sqlite3_column_int (statement, 4);
  row->updated_utc = sqlite3_column_int64 (statement, 5);
  row->updated_offset_s = sqlite3_column_int (statement, 6);
  return row;
}

static gboolean
write_json_factor (GString        *out,
                   gboolean        first,
                   gconstpointer   row,
                   GError        **error)
{
  return limber_journal_json_add_factor (out, first, row, error);
}

static gboolean
write_json_day_factor (GString        *out,
                       gboolean        first,
                       gconstpointer   row,
                       GError        **error)
{
  return limber_journal_json_add_day_factor (out, first, row, error);
}

static gboolean
write_json_day_measures (GString        *out,
                         gboolean        first,
                         gconstpointer   row,
                         GError        **error)
{
  return limber_journal_json_add_day_measures (out, first, row, error);
}

static gboolean
write_json_life_change (GString        *out,
                        gboolean        first,
                        gconstpointer   row,
                        GError        **error)
{
  return limber_journal_json_add_life_change (out, first, row, error);
}

static gboolean
write_csv_pain_entry (GString        *out,
                      gboolean        first,
                      gconstpointer   row,
                      GError        **error)
{
  return limber_journal_csv_add_pain_entry (out, row, error);
}

static gboolean
write_json_pain_entry (GString        *out,
                       gboolean        first,
                       gconstpointer   row,
                       GError        **error)
{
  return limber_journal_json_add_pain_entry (out, first, row, error);
}

static gboolean
write_json_break_event (GString        *out,
                        gboolean        first,
                        gconstpointer   row,
                        GError        **error)
{
  return limber_journal_json_add_break_event (out, first, row, error);
}

static gboolean
write_json_stretch_session (GString        *out,
                            gboolean        first,
                            gconstpointer   row,
                            GError        **error)
{
  return limber_journal_json_add_stretch_session (out, first, row, error);
}

/* One kind of row: how to select it, read it, and write it out. Rows are
 * ordered by their content alone, so that two journals holding the same
 * rows export the same file. */
typedef struct
{
  const char     *sql;
  gpointer      (*read) (sqlite3_stmt *statement);
  GDestroyNotify  free;
  gboolean      (*write) (GString *out, gboolean first, gconstpointer row, GError **error);
  const char     *doing;
} ExportRows;

static gboolean
flush_export (GOutputStream  *stream,
              GString        *out,
              gsize           at_least,
              GError        **error)
{
  if (out->len < at_least)
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, NULL, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

static gboolean
export_rows (LimberJournal       *self,
             const ExportRows    *rows,
             GOutputStream       *stream,
             GString             *out,
             GError             **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, rows->sql, error);
  gboolean first = TRUE;
  int rc;

  if (statement == NULL)
    return FALSE;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gpointer row = rows->read (statement);
      gboolean written = rows->write (out, first, row, error);

      rows->free (row);
      first = FALSE;
      if (!written || !flush_export (stream, out, EXPORT_CHUNK_BYTES, error))
        {
          sqlite3_reset (statement);
          return FALSE;
        }
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _(rows->doing), error);
      return FALSE;
    }
  return TRUE;
}

#define PAIN_ROWS_SQL "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry ORDER BY day"

static const ExportRows csv_pain_rows = {
  PAIN_ROWS_SQL, read_pain_entry, (GDestroyNotify) limber_pain_entry_free,
  write_csv_pain_entry, N_("reading the pain entries"),
};

static const struct
{
  const char *name;
  ExportRows  rows;
} json_lists[] = {
  { "pain_entries",
    { PAIN_ROWS_SQL, read_pain_entry, (GDestroyNotify) limber_pain_entry_free,
      write_json_pain_entry, N_("reading the pain entries") } },
  { "break_events",
    { "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder "
      "FROM break_event ORDER BY day, due_utc, uuid",
      read_break_event, g_free, write_json_break_event, N_("reading the breaks") } },
  { "stretch_sessions",
    { "SELECT uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, "
      "seconds_done, completed, pain_before, pain_after "
      "FROM stretch_session ORDER BY day, start_utc, uuid",
      read_stretch_session, (GDestroyNotify) limber_stretch_session_free,
      write_json_stretch_session, N_("reading the stretch sessions") } },
  /* Factors before the days that refer to them, as the reader wants. */
  { "factors",
    { "SELECT uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, updated_offset_s "
      "FROM factor ORDER BY uuid",
      read_factor, (GDestroyNotify) limber_factor_free, write_json_factor, N_("reading the factors") } },
  { "day_factors",
    { "SELECT uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, updated_utc, updated_offset_s "
      "FROM day_factor ORDER BY day, factor_uuid",
      read_day_factor, (GDestroyNotify) limber_day_factor_free, write_json_day_factor,
      N_("reading what was done each day") } },
  { "day_measures",
    { "SELECT uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, "
      "created_utc, created_offset_s, updated_utc, updated_offset_s FROM day_measure ORDER BY day",
      read_day_measures, (GDestroyNotify) limber_day_measures_free, write_json_day_measures,
      N_("reading how each day was") } },
  { "life_changes",
    { "SELECT uuid, day, text, created_utc, created_offset_s, updated_utc, updated_offset_s "
      "FROM life_change ORDER BY day, uuid",
      read_life_change, (GDestroyNotify) limber_life_change_free, write_json_life_change,
      N_("reading the changes") } },
};

/* Writes out all that @format holds as it reads it, in one snapshot, so
 * that a save while exporting does not leave the file half old and half
 * new, and the memory used does not grow with the journal. */
static gboolean
export_snapshot (LimberJournal        *self,
                 LimberJournalFormat   format,
                 GOutputStream        *stream,
                 GString              *out,
                 GError              **error)
{
  switch (format)
    {
    case LIMBER_JOURNAL_FORMAT_CSV:
      limber_journal_csv_begin (out);
      return export_rows (self, &csv_pain_rows, stream, out, error);

    case LIMBER_JOURNAL_FORMAT_JSON:
      limber_journal_json_begin (out);
      for (guint i = 0; i < G_N_ELEMENTS (json_lists); i++)
        {
          limber_journal_json_begin_list (out, json_lists[i].name);
          if (!export_rows (self, &json_lists[i].rows, stream, out, error))
            return FALSE;
          limber_journal_json_end_list (out);
        }
      limber_journal_json_end (out);
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
limber_journal_export (LimberJournal        *self,
                       LimberJournalFormat   format,
                       GOutputStream        *stream,
                       GError              **error)
{
  g_autoptr (GString) out = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!limber_journal_begin_read (self, error))
    return FALSE;

  out = g_string_sized_new (EXPORT_CHUNK_BYTES + 4096);
  if (!export_snapshot (self, format, stream, out, error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }

  return limber_journal_end_read (self, error) &&
         flush_export (stream, out, 0, error);
}
