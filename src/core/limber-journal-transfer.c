/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "limber-journal-private.h"
#include "limber-journal-transfer-private.h"

/* Export of the journal to CSV (the pain entries, for a spreadsheet or a
 * doctor) and JSON (everything, for another computer), and import of both.
 * An import is checked whole before anything is written and then merged by
 * UUID in one transaction, so that a bad file changes nothing and importing
 * a file twice is the same as importing it once. What the two formats
 * check alike is here, so that both say the same about the same mistake;
 * each format has its own file, limber-journal-csv.c and
 * limber-journal-json.c. */

#define TIME_FORMAT "%Y-%m-%dT%H:%M:%S%:z"

/* Errors and values shared by both formats */

/* Sets @error to a problem on @line of an imported file, in @field when
 * known; returns FALSE. */
gboolean
limber_journal_fail_at (GError     **error,
                        guint        line,
                        const char  *field,
                        const char  *format,
                        ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    /* Translators: %u is a line of an imported file, the first %s names a
     * field such as “average”, the second says what is wrong with it. */
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                 _("line %u: %s: %s"), line, field, problem);
  else
    /* Translators: %u is a line of an imported file, %s says what is wrong. */
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                 _("line %u: %s"), line, problem);
  return FALSE;
}

/* The local time of the moment, with its offset, or NULL when out of range. */
char *
limber_journal_format_time (gint64 utc,
                            int    offset_s)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (offset_s);
  g_autoptr (GDateTime) instant = g_date_time_new_from_unix_utc (utc);
  g_autoptr (GDateTime) local = NULL;

  if (instant == NULL || zone == NULL)
    return NULL;
  local = g_date_time_to_timezone (instant, zone);
  if (local == NULL)
    return NULL;
  return g_date_time_format (local, TIME_FORMAT);
}

gboolean
limber_journal_time_error (GError **error,
                           gint64   utc)
{
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
               _("The journal holds a time that cannot be written out (%lld seconds)."),
               (long long) utc);
  return FALSE;
}

gboolean
limber_journal_parse_required (const char  *text,
                               guint        line,
                               const char  *field,
                               GError     **error)
{
  if (*text == '\0')
    return limber_journal_fail_at (error, line, field, _("a value is needed"));
  return TRUE;
}

gboolean
limber_journal_parse_uuid (const char  *text,
                           guint        line,
                           char        *uuid_out,
                           GError     **error)
{
  if (!limber_journal_parse_required (text, line, "uuid", error))
    return FALSE;
  if (!g_uuid_string_is_valid (text))
    return limber_journal_fail_at (error, line, "uuid", _("“%s” is not a UUID"), text);

  g_strlcpy (uuid_out, text, LIMBER_UUID_LENGTH + 1);
  return TRUE;
}

/* @today, when not NULL, is the latest day allowed. */
gboolean
limber_journal_parse_day (const char  *text,
                          const char  *today,
                          guint        line,
                          char        *day_out,
                          GError     **error)
{
  if (!limber_journal_parse_required (text, line, "day", error))
    return FALSE;
  if (!limber_day_is_valid (text))
    return limber_journal_fail_at (error, line, "day",
                                   _("“%s” is not a date written as YYYY-MM-DD"), text);
  if (today != NULL && strcmp (text, today) > 0)
    return limber_journal_fail_at (error, line, "day",
                                   _("%s is in the future; today is %s"), text, today);

  g_strlcpy (day_out, text, LIMBER_DAY_LENGTH + 1);
  return TRUE;
}

gboolean
limber_journal_parse_time (const char  *text,
                           guint        line,
                           const char  *field,
                           gint64      *utc_out,
                           int         *offset_s_out,
                           GError     **error)
{
  g_autoptr (GDateTime) parsed = NULL;
  const char *clock = strchr (text, 'T');

  if (!limber_journal_parse_required (text, line, field, error))
    return FALSE;

  /* Without an offset the time would silently take this computer's zone,
   * which need not be the one it was written in. */
  if (clock != NULL && strpbrk (clock, "Z+-") != NULL)
    parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return limber_journal_fail_at (error, line, field,
                                   _("“%s” is not a time written as 2026-11-25T09:30:00+01:00"), text);

  *utc_out = g_date_time_to_unix (parsed);
  *offset_s_out = (int) (g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_SECOND);
  return TRUE;
}

gboolean
limber_journal_check_score (gint64       value,
                            guint        line,
                            const char  *field,
                            int         *score_out,
                            GError     **error)
{
  if (value < LIMBER_PAIN_SCORE_MIN || value > LIMBER_PAIN_SCORE_MAX)
    return limber_journal_fail_at (error, line, field,
                                   _("%lld is not a score from 0 to 10"), (long long) value);

  *score_out = (int) value;
  return TRUE;
}

gboolean
limber_journal_unknown_id (const char  *id,
                           gboolean     regions,
                           guint        line,
                           GError     **error)
{
  if (regions)
    return limber_journal_fail_at (error, line, "regions",
                                   _("“%s” is not a known body region"), id);
  return limber_journal_fail_at (error, line, "red_flags",
                                 _("“%s” is not a known symptom"), id);
}

/* Ids of body regions (@regions) or of red-flag symptoms, joined by ";". */
gboolean
limber_journal_parse_ids (const char  *text,
                          gboolean     regions,
                          guint        line,
                          guint       *flags_out,
                          GError     **error)
{
  g_autofree char *bad_id = NULL;
  const LimberFlagInfo *infos;
  guint n_infos;

  infos = regions ? limber_body_regions (&n_infos) : limber_red_flags (&n_infos);
  if (limber_flags_from_ids (infos, n_infos, text, flags_out, &bad_id))
    return TRUE;
  return limber_journal_unknown_id (bad_id, regions, line, error);
}

/* The import set */

static void
stretch_session_free (LimberStretchSession *session)
{
  g_free (session->activity_id);
  g_free (session);
}

LimberImportSet *
limber_import_set_new (GDateTime *now)
{
  LimberImportSet *set = g_new0 (LimberImportSet, 1);

  set->today = g_date_time_format (now, "%Y-%m-%d");
  set->pain_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_pain_entry_free);
  set->break_events = g_ptr_array_new_with_free_func (g_free);
  set->stretch_sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) stretch_session_free);
  set->pain_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->pain_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->break_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->stretch_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return set;
}

void
limber_import_set_free (LimberImportSet *set)
{
  g_free (set->today);
  g_ptr_array_unref (set->pain_entries);
  g_ptr_array_unref (set->break_events);
  g_ptr_array_unref (set->stretch_sessions);
  g_hash_table_unref (set->pain_uuids);
  g_hash_table_unref (set->pain_days);
  g_hash_table_unref (set->break_uuids);
  g_hash_table_unref (set->stretch_uuids);
  g_free (set);
}

/* Two rows of one file with the same UUID, or two entries of one day,
 * would make the result depend on their order. */
static gboolean
claim (GHashTable  *seen,
       const char  *key,
       guint        line,
       const char  *field,
       GError     **error)
{
  gpointer first_line;

  if (g_hash_table_lookup_extended (seen, key, NULL, &first_line))
    return limber_journal_fail_at (error, line, field,
                                   _("“%s” is in the file twice, also on line %u"),
                                   key, GPOINTER_TO_UINT (first_line));

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (line));
  return TRUE;
}

gboolean
limber_import_set_add_pain_entry (LimberImportSet  *set,
                                  LimberPainEntry  *entry,
                                  guint             line,
                                  GError          **error)
{
  g_autoptr (LimberPainEntry) owned = entry;

  if (!limber_pain_entry_validate (owned, set->today, error))
    {
      g_prefix_error (error, _("line %u: "), line);
      return FALSE;
    }
  if (!claim (set->pain_uuids, owned->uuid, line, "uuid", error) ||
      !claim (set->pain_days, owned->day, line, "day", error))
    return FALSE;

  g_ptr_array_add (set->pain_entries, g_steal_pointer (&owned));
  return TRUE;
}

gboolean
limber_import_set_add_break_event (LimberImportSet         *set,
                                   const LimberBreakEvent  *event,
                                   guint                    line,
                                   GError                 **error)
{
  if (!limber_break_event_validate (event, error))
    {
      g_prefix_error (error, _("line %u: "), line);
      return FALSE;
    }
  if (!claim (set->break_uuids, event->uuid, line, "uuid", error))
    return FALSE;

  g_ptr_array_add (set->break_events, g_memdup2 (event, sizeof *event));
  return TRUE;
}

/* @session->activity_id is copied. */
gboolean
limber_import_set_add_stretch_session (LimberImportSet             *set,
                                       const LimberStretchSession  *session,
                                       guint                        line,
                                       GError                     **error)
{
  LimberStretchSession *copy;

  if (!limber_stretch_session_validate (session, error))
    {
      g_prefix_error (error, _("line %u: "), line);
      return FALSE;
    }
  if (!claim (set->stretch_uuids, session->uuid, line, "uuid", error))
    return FALSE;

  copy = g_memdup2 (session, sizeof *session);
  copy->activity_id = g_strdup (session->activity_id);
  g_ptr_array_add (set->stretch_sessions, copy);
  return TRUE;
}

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
              LimberImportCounts     *counts,
              GError                **error)
{
  if (!limber_journal_begin (self, error))
    return FALSE;

  for (guint i = 0; i < set->pain_entries->len; i++)
    {
      if (!limber_journal_merge_pain_entry (self, g_ptr_array_index (set->pain_entries, i), counts, error))
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

gboolean
limber_journal_import (LimberJournal        *self,
                       LimberJournalFormat   format,
                       GBytes               *data,
                       GDateTime            *now,
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

  if (!read || !apply_import (self, set, &found, error))
    return FALSE;

  if (counts != NULL)
    *counts = found;
  return TRUE;
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
      limber_break_outcome_from_string ((const char *) sqlite3_column_text (statement, 3), &event->outcome);
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
  g_autoptr (GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) stretch_session_free);
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
  int rc = sqlite3_exec (self->db, "BEGIN DEFERRED", NULL, NULL, NULL);
  gboolean read;

  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading it"), error);
      return FALSE;
    }

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

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      limber_journal_rollback (self);
      limber_journal_set_sqlite_error (self, rc, _("reading it"), error);
      return FALSE;
    }
  return TRUE;
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
