/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "limber-journal-private.h"

/* The rows of the journal: pain entries, break events, stretch sessions.
 * Every write is one transaction with prepared statements. */

G_DEFINE_FINAL_TYPE (LimberJournal, limber_journal, G_TYPE_OBJECT)

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

LimberPainEntry *
limber_journal_store_pain_entry (LimberJournal          *self,
                                 const LimberPainEntry  *entry,
                                 GDateTime              *now,
                                 GError                **error)
{
  g_autoptr (LimberPainEntry) existing = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) read_error = NULL;

  stored = limber_pain_entry_copy (entry);
  existing = limber_journal_get_pain_entry (self, entry->day, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
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

  if (!limber_journal_write_pain_entry (self, stored, error))
    return NULL;
  return g_steal_pointer (&stored);
}

void
limber_pain_entry_take_identity (LimberPainEntry        *entry,
                                 const LimberPainEntry  *stored)
{
  g_strlcpy (entry->uuid, stored->uuid, sizeof entry->uuid);
  entry->created_utc = stored->created_utc;
  entry->created_offset_s = stored->created_offset_s;
  entry->updated_utc = stored->updated_utc;
  entry->updated_offset_s = stored->updated_offset_s;
}

gboolean
limber_journal_check_pain_entry (LimberPainEntry  *entry,
                                 GDateTime        *now,
                                 GError          **error)
{
  /* A day after the local calendar day is in the future whatever the
   * rollover hour. */
  g_autofree char *today = today_for (now);

  limber_uuid_normalise (entry->uuid);
  return limber_pain_entry_validate (entry, today, error);
}

gboolean
limber_journal_save_pain_entry (LimberJournal    *self,
                                LimberPainEntry  *entry,
                                GDateTime        *now,
                                GError          **error)
{
  g_autoptr (LimberPainEntry) stored = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!limber_journal_check_pain_entry (entry, now, error) ||
      !limber_journal_begin (self, error))
    return FALSE;

  stored = limber_journal_store_pain_entry (self, entry, now, error);
  if (stored == NULL || !limber_journal_commit (self, error))
    {
      limber_journal_rollback (self);
      return FALSE;
    }

  limber_pain_entry_take_identity (entry, stored);
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

  if (!limber_journal_ensure_current (self, error))
    return NULL;
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

  if (!limber_journal_ensure_current (self, error))
    return NULL;
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
                                 gboolean                incoming_wins_ties,
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

  /* A tie keeps the stored one, so that a second import changes nothing;
   * a write that waited was made after what is stored, in the same
   * second at the most. */
  if ((same_uuid != NULL && same_uuid->updated_utc + (incoming_wins_ties ? 0 : 1) > entry->updated_utc) ||
      (same_day != NULL && same_day->updated_utc + (incoming_wins_ties ? 0 : 1) > entry->updated_utc))
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
  sqlite3_bind_text (statement, 4, limber_break_outcome_name (event->outcome), -1, SQLITE_STATIC);
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

/* A new record gets a UUID; one given is stored in its one form. */
static void
fill_uuid (char *uuid)
{
  if (uuid[0] == '\0')
    {
      g_autofree char *random = g_uuid_string_random ();
      g_strlcpy (uuid, random, LIMBER_UUID_LENGTH + 1);
    }
  limber_uuid_normalise (uuid);
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
    { "factor",          "SELECT count(*) FROM factor" },
    { "day_factor",      "SELECT count(*) FROM day_factor" },
    { "day_measure",     "SELECT count(*) FROM day_measure" },
    { "life_change",     "SELECT count(*) FROM life_change" },
  };
  sqlite3_stmt *statement = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), -1);

  if (!limber_journal_ensure_current (self, error))
    return -1;
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

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);

  if (!limber_journal_open_storage (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

LimberJournal *
limber_journal_open_read_only (const char  *path,
                               GError     **error)
{
  g_autoptr (LimberJournal) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;

  if (!limber_journal_open_storage_read_only (self, error))
    return NULL;

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

  G_OBJECT_CLASS (limber_journal_parent_class)->finalize (object);
}

static void
limber_journal_class_init (LimberJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_journal_finalize;
}

void
limber_journal_set_busy_timeout (LimberJournal *self,
                                 guint          milliseconds)
{
  g_return_if_fail (LIMBER_IS_JOURNAL (self));

  self->busy_timeout_ms = (int) MIN (milliseconds, G_MAXINT);
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
}

static void
limber_journal_init (LimberJournal *self)
{
  self->busy_timeout_ms = LIMBER_JOURNAL_BUSY_TIMEOUT_MS;
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}
