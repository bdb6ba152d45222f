/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

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

  return limber_journal_commit (self, error);

failed:
  limber_journal_rollback (self);
  return FALSE;
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

  set = limber_import_set_new (now);
  /* A write that waited was checked when it was made; the day it was
   * made for stays its day whatever the clock says now. */
  if (spooled)
    {
      g_free (set->today);
      set->today = g_strdup ("9999-12-31");
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

  /* Whatever the file brings, the journal as it was can come back. */
  if (!limber_journal_ensure_current (self, error) ||
      (!spooled && !limber_journal_backup_write (self->db, self->path, "import", now, NULL, error)))
    {
      g_prefix_error (error, _("Nothing was imported: no backup could be made first. "));
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

static GPtrArray *
read_pain_entries (LimberJournal  *self,
                   GError        **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_pain_entry_free);
  sqlite3_stmt *statement;
  int rc;

  statement = limber_journal_statement (self,
    "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry ORDER BY day", error);
  if (statement == NULL)
    return NULL;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (entries, limber_journal_read_pain_entry (statement));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the pain entries"), error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static GPtrArray *
read_break_events (LimberJournal  *self,
                   GError        **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement;
  int rc;

  /* Ordered by their content alone, so that two journals holding the same
   * rows export the same file. */
  statement = limber_journal_statement (self,
    "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder "
    "FROM break_event ORDER BY day, due_utc, uuid", error);
  if (statement == NULL)
    return NULL;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
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
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the breaks"), error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

static int
column_optional_score (sqlite3_stmt *statement,
                       int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LIMBER_PAIN_SCORE_UNSET;
  return sqlite3_column_int (statement, column);
}

static GPtrArray *
read_stretch_sessions (LimberJournal  *self,
                       GError        **error)
{
  g_autoptr (GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_stretch_session_free);
  sqlite3_stmt *statement;
  int rc;

  statement = limber_journal_statement (self,
    "SELECT uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, "
    "seconds_done, completed, pain_before, pain_after "
    "FROM stretch_session ORDER BY day, start_utc, uuid", error);
  if (statement == NULL)
    return NULL;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
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
      g_ptr_array_add (sessions, session);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the stretch sessions"), error);
      return NULL;
    }

  return g_steal_pointer (&sessions);
}

/* Reads all that @format holds in one snapshot, so that a save while
 * exporting does not leave the file half old and half new. The rows are
 * kept in memory (a journal is small) so that a slow stream does not hold
 * the snapshot open. */
static gboolean
read_for_export (LimberJournal        *self,
                 LimberJournalFormat   format,
                 GPtrArray           **pain_entries,
                 GPtrArray           **break_events,
                 GPtrArray           **stretch_sessions,
                 GError              **error)
{
  gboolean read;

  if (!limber_journal_begin_read (self, error))
    return FALSE;

  *pain_entries = read_pain_entries (self, error);
  read = *pain_entries != NULL;
  if (read && format == LIMBER_JOURNAL_FORMAT_JSON)
    {
      *break_events = read_break_events (self, error);
      *stretch_sessions = *break_events != NULL ? read_stretch_sessions (self, error) : NULL;
      read = *stretch_sessions != NULL;
    }

  if (!read)
    {
      limber_journal_rollback (self);
      return FALSE;
    }

  return limber_journal_end_read (self, error);
}

gboolean
limber_journal_export (LimberJournal        *self,
                       LimberJournalFormat   format,
                       GOutputStream        *stream,
                       GError              **error)
{
  g_autoptr (GPtrArray) pain_entries = NULL;
  g_autoptr (GPtrArray) break_events = NULL;
  g_autoptr (GPtrArray) stretch_sessions = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_for_export (self, format, &pain_entries, &break_events, &stretch_sessions, error))
    return FALSE;

  switch (format)
    {
    case LIMBER_JOURNAL_FORMAT_CSV:
      text = limber_journal_write_csv (pain_entries, error);
      break;

    case LIMBER_JOURNAL_FORMAT_JSON:
      text = limber_journal_write_json (pain_entries, break_events, stretch_sessions, error);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (text == NULL)
    return FALSE;

  return g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, error);
}
