/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "limber-journal-private.h"

/* The rows of the journal: pain entries, break events, stretch sessions.
 * Every write is one transaction with prepared statements. */

G_DEFINE_QUARK (limber-journal-error-quark, limber_journal_error)

G_DEFINE_FINAL_TYPE (LimberJournal, limber_journal, G_TYPE_OBJECT)

static const char *break_kinds[] = { "micro", "rest" };
static const char *break_outcomes[] = { "taken", "natural", "postponed", "skipped", "missed" };

const char *
limber_break_kind_name (LimberBreakKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (break_kinds), NULL);
  return break_kinds[kind];
}

gboolean
limber_break_kind_from_name (const char      *text,
                               LimberBreakKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (break_kinds); i++)
    {
      if (g_strcmp0 (text, break_kinds[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *reminder_outcomes[] = { NULL, "action", "dismissed", "expired" };

const char *
limber_reminder_outcome_name (LimberReminderOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (reminder_outcomes), NULL);
  return reminder_outcomes[outcome];
}

gboolean
limber_reminder_outcome_from_name (const char            *name,
                                   LimberReminderOutcome *outcome)
{
  for (guint i = 1; i < G_N_ELEMENTS (reminder_outcomes); i++)
    {
      if (g_strcmp0 (name, reminder_outcomes[i]) == 0)
        {
          *outcome = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
limber_break_outcome_to_string (LimberBreakOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (break_outcomes), NULL);
  return break_outcomes[outcome];
}

gboolean
limber_break_outcome_from_string (const char         *text,
                                  LimberBreakOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (break_outcomes); i++)
    {
      if (g_strcmp0 (text, break_outcomes[i]) == 0)
        {
          *outcome = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
limber_journal_set_sqlite_error (LimberJournal  *self,
                                 int             rc,
                                 const char     *doing,
                                 GError        **error)
{
  int system_errno = self->db ? sqlite3_system_errno (self->db) : 0;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                   _("The disk is full, so the journal could not be saved while %s. Free some space and try again."),
                   doing);
      return;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                   _("The journal at %s cannot be written (%s)."), self->path, detail);
      return;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_BUSY,
                   _("Another program kept the journal busy for too long while %s. Try again."),
                   doing);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                   _("The journal at %s is damaged (%s)."), self->path, detail);
      return;

    case SQLITE_CONSTRAINT:
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("The journal refused a value while %s (%s)."), doing, detail);
      return;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* A file size limit or a quota reads as a write error. */
      if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                       _("The disk is full, so the journal could not be saved while %s. Free some space and try again."),
                       doing);
          return;
        }
      if (system_errno == EROFS || system_errno == EACCES || system_errno == EPERM)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY,
                       _("The journal at %s cannot be written (%s)."), self->path, g_strerror (system_errno));
          return;
        }
      break;

    default:
      break;
    }

  g_debug ("SQLite error %d, errno %d while %s", rc, system_errno, doing);
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
               _("The journal at %s failed while %s (%s)."), self->path, doing, detail);
}

sqlite3_stmt *
limber_journal_statement (LimberJournal  *self,
                          const char     *sql,
                          GError        **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL);
  if (rc != SQLITE_OK)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading it"), error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, statement);
  return statement;
}

static gboolean
exec_simple (LimberJournal  *self,
             const char     *sql,
             const char     *doing,
             GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;

  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, doing, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
limber_journal_begin (LimberJournal  *self,
                      GError        **error)
{
  /* IMMEDIATE takes the write lock up front, so that two writers wait for
   * each other in the busy handler instead of failing to upgrade. */
  return exec_simple (self, "BEGIN IMMEDIATE", _("starting to save"), error);
}

gboolean
limber_journal_commit (LimberJournal  *self,
                       GError        **error)
{
  if (exec_simple (self, "COMMIT", _("saving"), error))
    return TRUE;

  limber_journal_rollback (self);
  return FALSE;
}

void
limber_journal_rollback (LimberJournal *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_optional_score (sqlite3_stmt *statement,
                     int           index,
                     int           score)
{
  if (score == LIMBER_PAIN_SCORE_UNSET)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_int (statement, index, score);
}

static int
column_optional_score (sqlite3_stmt *statement,
                       int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LIMBER_PAIN_SCORE_UNSET;
  return sqlite3_column_int (statement, column);
}

static gboolean
step_done (LimberJournal  *self,
           sqlite3_stmt   *statement,
           const char     *doing,
           GError        **error)
{
  int rc = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, doing, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
limber_journal_write_pain_entry (LimberJournal          *self,
                                 const LimberPainEntry  *entry,
                                 GError                **error)
{
  sqlite3_stmt *statement;

  /* One entry a day: a new entry for a day replaces the old one whole. */
  statement = limber_journal_statement (self,
    "INSERT INTO pain_entry (" LIMBER_JOURNAL_PAIN_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (day) DO UPDATE SET uuid = ?1, average = ?3, worst = ?4, "
    "activity = ?5, enjoyment = ?6, regions = ?7, red_flags = ?8, note = ?9, "
    "created_utc = ?10, created_offset_s = ?11, updated_utc = ?12, updated_offset_s = ?13",
    error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, entry->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, entry->day, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 3, entry->average);
  bind_optional_score (statement, 4, entry->worst);
  bind_optional_score (statement, 5, entry->activity);
  bind_optional_score (statement, 6, entry->enjoyment);
  sqlite3_bind_int (statement, 7, entry->regions);
  sqlite3_bind_int (statement, 8, entry->red_flags);
  if (entry->note != NULL)
    sqlite3_bind_text (statement, 9, entry->note, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 10, entry->created_utc);
  sqlite3_bind_int (statement, 11, entry->created_offset_s);
  sqlite3_bind_int64 (statement, 12, entry->updated_utc);
  sqlite3_bind_int (statement, 13, entry->updated_offset_s);

  return step_done (self, statement, _("saving a pain entry"), error);
}

LimberPainEntry *
limber_journal_read_pain_entry (sqlite3_stmt *statement)
{
  LimberPainEntry *entry = limber_pain_entry_new ((const char *) sqlite3_column_text (statement, 1));

  g_strlcpy (entry->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof entry->uuid);
  entry->average = sqlite3_column_int (statement, 2);
  entry->worst = column_optional_score (statement, 3);
  entry->activity = column_optional_score (statement, 4);
  entry->enjoyment = column_optional_score (statement, 5);
  entry->regions = sqlite3_column_int (statement, 6);
  entry->red_flags = sqlite3_column_int (statement, 7);
  entry->note = g_strdup ((const char *) sqlite3_column_text (statement, 8));
  entry->created_utc = sqlite3_column_int64 (statement, 9);
  entry->created_offset_s = sqlite3_column_int (statement, 10);
  entry->updated_utc = sqlite3_column_int64 (statement, 11);
  entry->updated_offset_s = sqlite3_column_int (statement, 12);

  return entry;
}

static char *
today_for (GDateTime *now)
{
  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
limber_journal_save_pain_entry (LimberJournal    *self,
                                LimberPainEntry  *entry,
                                GDateTime        *now,
                                GError          **error)
{
  g_autoptr (LimberPainEntry) existing = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) read_error = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  /* A day after the local calendar day is in the future whatever the
   * rollover hour. */
  today = today_for (now);
  if (!limber_pain_entry_validate (entry, today, error))
    return FALSE;

  if (!limber_journal_begin (self, error))
    return FALSE;

  stored = limber_pain_entry_copy (entry);
  existing = limber_journal_get_pain_entry (self, entry->day, &read_error);
  if (read_error != NULL)
    {
      limber_journal_rollback (self);
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  /* Editing a day keeps its identity; a restored (undone) entry brings
   * its own. */
  if (stored->uuid[0] == '\0')
    {
      if (existing != NULL)
        g_strlcpy (stored->uuid, existing->uuid, sizeof stored->uuid);
      else
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_strlcpy (stored->uuid, uuid, sizeof stored->uuid);
        }
    }

  if (stored->created_utc == 0)
    {
      if (existing != NULL && g_str_equal (existing->uuid, stored->uuid))
        {
          stored->created_utc = existing->created_utc;
          stored->created_offset_s = existing->created_offset_s;
        }
      else
        {
          stored->created_utc = g_date_time_to_unix (now);
          stored->created_offset_s = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND);
        }
    }
  stored->updated_utc = g_date_time_to_unix (now);
  stored->updated_offset_s = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND);

  if (!limber_journal_write_pain_entry (self, stored, error) ||
      !limber_journal_commit (self, error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }

  g_strlcpy (entry->uuid, stored->uuid, sizeof entry->uuid);
  entry->created_utc = stored->created_utc;
  entry->created_offset_s = stored->created_offset_s;
  entry->updated_utc = stored->updated_utc;
  entry->updated_offset_s = stored->updated_offset_s;

  return TRUE;
}

LimberPainEntry *
limber_journal_find_pain_entry (LimberJournal  *self,
                                const char     *sql,
                                const char     *key,
                                GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  LimberPainEntry *entry = NULL;
  int rc;

  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    entry = limber_journal_read_pain_entry (statement);
  else if (rc != SQLITE_DONE)
    limber_journal_set_sqlite_error (self, rc, _("reading a pain entry"), error);
  sqlite3_reset (statement);

  return entry;
}

LimberPainEntry *
limber_journal_get_pain_entry (LimberJournal  *self,
                               const char     *day,
                               GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  return limber_journal_find_pain_entry (self,
    "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry WHERE day = ?1", day, error);
}

GPtrArray *
limber_journal_list_pain_entries (LimberJournal  *self,
                                  const char     *first_day,
                                  const char     *last_day,
                                  guint           limit,
                                  GError        **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  statement = limber_journal_statement (self,
    "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry "
    "WHERE day >= ?1 AND day <= ?2 ORDER BY day DESC LIMIT ?3", error);
  if (statement == NULL)
    return NULL;

  sqlite3_bind_text (statement, 1, first_day ? first_day : "0000-00-00", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day ? last_day : "9999-99-99", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 3, limit > 0 ? (gint64) limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_pain_entry_free);
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

gboolean
limber_journal_delete_pain_entry (LimberJournal  *self,
                                  const char     *day,
                                  GError        **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (!limber_journal_begin (self, error))
    return FALSE;

  statement = limber_journal_statement (self, "DELETE FROM pain_entry WHERE day = ?1", error);
  if (statement == NULL)
    {
      limber_journal_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (statement, 1, day, -1, SQLITE_STATIC);

  if (!step_done (self, statement, _("deleting a pain entry"), error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }

  return limber_journal_commit (self, error);
}

static LimberPainEntry *
get_pain_entry_by_uuid (LimberJournal  *self,
                        const char     *uuid,
                        GError        **error)
{
  return limber_journal_find_pain_entry (self,
    "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry WHERE uuid = ?1", uuid, error);
}

static gboolean
delete_pain_entry_by_uuid (LimberJournal  *self,
                           const char     *uuid,
                           GError        **error)
{
  sqlite3_stmt *statement;
  int rc;

  statement = limber_journal_statement (self, "DELETE FROM pain_entry WHERE uuid = ?1", error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("merging a pain entry"), error);
      return FALSE;
    }
  return TRUE;
}

/* The newest version of an entry wins, whether it is the same entry (same
 * UUID) or another one for the same day, which holds one entry. */
gboolean
limber_journal_merge_pain_entry (LimberJournal          *self,
                  const LimberPainEntry  *entry,
                  LimberImportCounts     *counts,
                  GError                **error)
{
  g_autoptr (LimberPainEntry) same_uuid = NULL;
  g_autoptr (LimberPainEntry) same_day = NULL;
  g_autoptr (GError) read_error = NULL;

  same_uuid = get_pain_entry_by_uuid (self, entry->uuid, &read_error);
  if (read_error == NULL)
    same_day = limber_journal_get_pain_entry (self, entry->day, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  if (same_uuid == NULL && same_day == NULL)
    {
      if (!limber_journal_write_pain_entry (self, entry, error))
        return FALSE;
      counts->added++;
      return TRUE;
    }

  /* A tie keeps the stored one, so that a second import changes nothing. */
  if ((same_uuid != NULL && same_uuid->updated_utc >= entry->updated_utc) ||
      (same_day != NULL && same_day->updated_utc >= entry->updated_utc))
    {
      counts->unchanged++;
      return TRUE;
    }

  /* The entry moved to another day: the write replaces the entry of the
   * new day, and its old row would hold on to the UUID. */
  if (same_uuid != NULL && !g_str_equal (same_uuid->day, entry->day) &&
      !delete_pain_entry_by_uuid (self, entry->uuid, error))
    return FALSE;
  if (!limber_journal_write_pain_entry (self, entry, error))
    return FALSE;
  counts->updated++;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *problem)
{
  /* Translators: the first %s names a field, the second says what is wrong. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: %s"), field, problem);
  return FALSE;
}

gboolean
limber_break_event_validate (const LimberBreakEvent  *event,
                             GError                 **error)
{
  if (!g_uuid_string_is_valid (event->uuid))
    return invalid (error, "uuid", _("not a UUID"));
  if (!limber_day_is_valid (event->day))
    return invalid (error, "day", _("not a date written as YYYY-MM-DD"));
  if (event->kind > LIMBER_BREAK_KIND_REST)
    return invalid (error, "kind", _("must be “micro” or “rest”"));
  if (event->outcome > LIMBER_BREAK_OUTCOME_MISSED)
    return invalid (error, "outcome", _("must be taken, natural, postponed, skipped or missed"));
  if (event->duration_s < 0)
    return invalid (error, "duration_s", _("cannot be negative"));
  if (event->reminder > LIMBER_REMINDER_EXPIRED)
    return invalid (error, "reminder", _("must be action, dismissed or expired"));
  return TRUE;
}

gboolean
limber_stretch_session_validate (const LimberStretchSession  *session,
                                 GError                     **error)
{
  if (!g_uuid_string_is_valid (session->uuid))
    return invalid (error, "uuid", _("not a UUID"));
  if (!limber_day_is_valid (session->day))
    return invalid (error, "day", _("not a date written as YYYY-MM-DD"));
  if (session->activity_id == NULL || *session->activity_id == '\0' || strlen (session->activity_id) > 64)
    return invalid (error, "activity_id", _("must be 1 to 64 characters"));
  if (session->end_utc < session->start_utc)
    return invalid (error, "end", _("cannot be before the start"));
  if (session->seconds_done < 0)
    return invalid (error, "seconds_done", _("cannot be negative"));
  if (session->pain_before != LIMBER_PAIN_SCORE_UNSET &&
      (session->pain_before < LIMBER_PAIN_SCORE_MIN || session->pain_before > LIMBER_PAIN_SCORE_MAX))
    return invalid (error, "pain_before", _("not a score from 0 to 10"));
  if (session->pain_after != LIMBER_PAIN_SCORE_UNSET &&
      (session->pain_after < LIMBER_PAIN_SCORE_MIN || session->pain_after > LIMBER_PAIN_SCORE_MAX))
    return invalid (error, "pain_after", _("not a score from 0 to 10"));
  return TRUE;
}

gboolean
limber_journal_write_break_event (LimberJournal           *self,
                                  const LimberBreakEvent  *event,
                                  GError                 **error)
{
  sqlite3_stmt *statement;

  /* Break events never change: one already there is kept. */
  statement = limber_journal_statement (self,
    "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, "
    "end_utc, end_offset_s, duration_s, reminder) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (uuid) DO NOTHING",
    error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, event->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, event->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, limber_break_kind_name (event->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 4, limber_break_outcome_to_string (event->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 5, event->due_utc);
  sqlite3_bind_int (statement, 6, event->due_offset_s);
  sqlite3_bind_int64 (statement, 7, event->end_utc);
  sqlite3_bind_int (statement, 8, event->end_offset_s);
  sqlite3_bind_int (statement, 9, event->duration_s);
  if (event->reminder != LIMBER_REMINDER_NONE)
    sqlite3_bind_text (statement, 10, limber_reminder_outcome_name (event->reminder), -1, SQLITE_STATIC);

  return step_done (self, statement, _("saving a break"), error);
}

gboolean
limber_journal_write_stretch_session (LimberJournal               *self,
                                      const LimberStretchSession  *session,
                                      GError                     **error)
{
  sqlite3_stmt *statement;

  statement = limber_journal_statement (self,
    "INSERT INTO stretch_session (uuid, day, activity_id, start_utc, start_offset_s, "
    "end_utc, end_offset_s, seconds_done, completed, pain_before, pain_after) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (uuid) DO NOTHING",
    error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, session->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, session->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, session->activity_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 4, session->start_utc);
  sqlite3_bind_int (statement, 5, session->start_offset_s);
  sqlite3_bind_int64 (statement, 6, session->end_utc);
  sqlite3_bind_int (statement, 7, session->end_offset_s);
  sqlite3_bind_int (statement, 8, session->seconds_done);
  sqlite3_bind_int (statement, 9, session->completed ? 1 : 0);
  bind_optional_score (statement, 10, session->pain_before);
  bind_optional_score (statement, 11, session->pain_after);

  return step_done (self, statement, _("saving a stretch session"), error);
}

static void
fill_uuid (char *uuid)
{
  if (uuid[0] == '\0')
    {
      g_autofree char *random = g_uuid_string_random ();
      g_strlcpy (uuid, random, LIMBER_UUID_LENGTH + 1);
    }
}

gboolean
limber_journal_add_break_event (LimberJournal     *self,
                                LimberBreakEvent  *event,
                                GError           **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  fill_uuid (event->uuid);
  if (!limber_break_event_validate (event, error))
    return FALSE;

  if (!limber_journal_begin (self, error))
    return FALSE;
  if (!limber_journal_write_break_event (self, event, error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }
  return limber_journal_commit (self, error);
}

gboolean
limber_journal_add_stretch_session (LimberJournal         *self,
                                    LimberStretchSession  *session,
                                    GError               **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  fill_uuid (session->uuid);
  if (!limber_stretch_session_validate (session, error))
    return FALSE;

  if (!limber_journal_begin (self, error))
    return FALSE;
  if (!limber_journal_write_stretch_session (self, session, error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }
  return limber_journal_commit (self, error);
}

gint64
limber_journal_count (LimberJournal  *self,
                      const char     *table_name,
                      GError        **error)
{
  static const char *queries[][2] = {
    { "pain_entry",      "SELECT count(*) FROM pain_entry" },
    { "break_event",     "SELECT count(*) FROM break_event" },
    { "stretch_session", "SELECT count(*) FROM stretch_session" },
  };
  sqlite3_stmt *statement = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), -1);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      if (g_strcmp0 (table_name, queries[i][0]) == 0)
        statement = limber_journal_statement (self, queries[i][1], error);
    }
  g_return_val_if_fail (statement != NULL || (error && *error), -1);
  if (statement == NULL)
    return -1;

  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (statement, 0);
  else
    limber_journal_set_sqlite_error (self, rc, _("counting rows"), error);
  sqlite3_reset (statement);

  return count;
}

const char *
limber_journal_get_path (LimberJournal *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  return self->path;
}

const char *
limber_journal_get_damaged_path (LimberJournal *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  return self->damaged_path;
}

const char *
limber_journal_get_restored_from (LimberJournal *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  return self->restored_from;
}

char *
limber_journal_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "limber", "journal.db", NULL);
}

LimberJournal *
limber_journal_open (const char  *path,
                     GError     **error)
{
  g_autoptr (LimberJournal) self = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) backup_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);

  if (!limber_journal_open_storage (self, error))
    return NULL;

  /* A missing backup must not keep anyone from their journal. */
  now = g_date_time_new_now_local ();
  if (!limber_journal_backup_if_due (self, now, &backup_error))
    g_warning ("No backup today: %s", backup_error->message);

  return g_steal_pointer (&self);
}

static void
limber_journal_finalize (GObject *object)
{
  LimberJournal *self = LIMBER_JOURNAL (object);

  g_hash_table_destroy (self->statements);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->damaged_path);
  g_free (self->restored_from);

  G_OBJECT_CLASS (limber_journal_parent_class)->finalize (object);
}

static void
limber_journal_class_init (LimberJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_journal_finalize;
}

static void
limber_journal_init (LimberJournal *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}
