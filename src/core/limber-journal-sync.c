/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "limber-journal-factors.h"
#include "limber-journal-private.h"
#include "limber-journal-sync.h"

/* The journal's side of sync: versions, own changes, merging others'.
 * The design is written down in limber-journal-sync.h. */

#define META_DEVICE   "device"
#define META_MACHINE  "machine"
#define META_EXPORTED "exported_seq"
/* The last sequence number given to a version of this device (schema 5's
 * triggers count it too). */
#define META_SEQ      "seq"
/* Set inside a merge's transaction only: the triggers keeping local
 * versions are quiet while it is (schema 5). */
#define META_MERGING  "merging"

/* Each kind's row by UUID, and whether one is there; static strings for
 * the statement cache. */
static const char *const select_sql[LIMBER_SYNC_N_KINDS] = {
  [LIMBER_SYNC_KIND_PAIN_ENTRY] =
    "SELECT " LIMBER_JOURNAL_PAIN_COLUMNS " FROM pain_entry WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_BREAK_EVENT] =
    "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder "
    "FROM break_event WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_STRETCH_SESSION] =
    "SELECT uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, seconds_done, "
    "completed, pain_before, pain_after FROM stretch_session WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_FACTOR] =
    "SELECT uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, updated_offset_s "
    "FROM factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_FACTOR] =
    "SELECT uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, updated_utc, "
    "updated_offset_s FROM day_factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_MEASURES] =
    "SELECT uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, created_utc, created_offset_s, "
    "updated_utc, updated_offset_s FROM day_measure WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_LIFE_CHANGE] =
    "SELECT uuid, day, text, created_utc, created_offset_s, updated_utc, updated_offset_s "
    "FROM life_change WHERE uuid = ?1",
};

static const char *const exists_sql[LIMBER_SYNC_N_KINDS] = {
  [LIMBER_SYNC_KIND_PAIN_ENTRY] = "SELECT 1 FROM pain_entry WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_BREAK_EVENT] = "SELECT 1 FROM break_event WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_STRETCH_SESSION] = "SELECT 1 FROM stretch_session WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_FACTOR] = "SELECT 1 FROM factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_FACTOR] = "SELECT 1 FROM day_factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_MEASURES] = "SELECT 1 FROM day_measure WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_LIFE_CHANGE] = "SELECT 1 FROM life_change WHERE uuid = ?1",
};

static const char *const delete_sql[LIMBER_SYNC_N_KINDS] = {
  [LIMBER_SYNC_KIND_PAIN_ENTRY] = "DELETE FROM pain_entry WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_BREAK_EVENT] = "DELETE FROM break_event WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_STRETCH_SESSION] = "DELETE FROM stretch_session WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_FACTOR] = "DELETE FROM factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_FACTOR] = "DELETE FROM day_factor WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_DAY_MEASURES] = "DELETE FROM day_measure WHERE uuid = ?1",
  [LIMBER_SYNC_KIND_LIFE_CHANGE] = "DELETE FROM life_change WHERE uuid = ?1",
};

/* --- Small helpers --- */

static void
bind_optional (sqlite3_stmt *statement,
               int           index,
               int           value,
               int           unset)
{
  if (value == unset)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_int (statement, index, value);
}

static int
column_optional (sqlite3_stmt *statement,
                 int           column,
                 int           unset)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return unset;
  return sqlite3_column_int (statement, column);
}

static const char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  return text != NULL ? text : "";
}

/* Steps @statement, which returns no rows, and resets it. */
static gboolean
step_done (LimberJournal  *journal,
           sqlite3_stmt   *statement,
           const char     *doing,
           GError        **error)
{
  int rc = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, doing, error);
      return FALSE;
    }
  return TRUE;
}

static char *
get_meta (LimberJournal  *journal,
          const char     *key,
          GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal, "SELECT value FROM sync_meta WHERE key = ?1", error);
  char *value = NULL;
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    value = g_strdup (column_text (statement, 0));
  else if (rc != SQLITE_DONE)
    limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
  sqlite3_reset (statement);
  return value;
}

static gboolean
set_meta (LimberJournal  *journal,
          const char     *key,
          const char     *value,
          GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal,
    "INSERT INTO sync_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, value, -1, SQLITE_STATIC);
  return step_done (journal, statement, _("saving"), error);
}

/* --- The device --- */

/* The machine this process runs on, as a hash: its machine id, or its
 * host name when it has none. */
static char *
machine_hash (void)
{
  const char *override = g_getenv ("LIMBER_MACHINE_ID");
  g_autofree char *machine_id = NULL;
  g_autofree char *text = NULL;

  if (override != NULL && *override != '\0')
    machine_id = g_strdup (override);
  else if (g_file_get_contents ("/etc/machine-id", &machine_id, NULL, NULL))
    g_strstrip (machine_id);
  if (machine_id == NULL || *machine_id == '\0')
    {
      g_free (machine_id);
      machine_id = g_strdup (g_get_host_name ());
    }

  /* Hashed: the machine id is not to be copied anywhere as it is. */
  text = g_strconcat ("limber-sync-machine:", machine_id, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The device id inside a transaction the caller holds: made once, made
 * again on another machine. */
static char *
ensure_device (LimberJournal  *journal,
               gboolean       *rekeyed,
               GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *device = get_meta (journal, META_DEVICE, &local_error);
  g_autofree char *machine = NULL;
  g_autofree char *here = machine_hash ();

  *rekeyed = FALSE;
  if (local_error == NULL)
    machine = get_meta (journal, META_MACHINE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (device != NULL && g_strcmp0 (machine, here) == 0)
    return g_steal_pointer (&device);

  /* A copied data folder: this journal's history is this new device's,
   * and is written out again under its id. */
  if (device != NULL)
    {
      g_message ("The sync id %s of this journal belongs to another computer; this one gets its own", device);
      *rekeyed = TRUE;
    }
  g_clear_pointer (&device, g_free);
  device = g_uuid_string_random ();
  if (!set_meta (journal, META_DEVICE, device, error) ||
      !set_meta (journal, META_MACHINE, here, error) ||
      !set_meta (journal, META_EXPORTED, "0", error))
    return NULL;
  return g_steal_pointer (&device);
}

char *
limber_journal_sync_device_id (LimberJournal  *journal,
                               gboolean       *rekeyed_out,
                               GError        **error)
{
  g_autofree char *device = NULL;
  gboolean rekeyed = FALSE;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), NULL);

  if (!limber_journal_begin (journal, error))
    return NULL;
  device = ensure_device (journal, &rekeyed, error);
  if (device == NULL)
    {
      limber_journal_rollback (journal);
      return NULL;
    }
  if (!limber_journal_commit (journal, error))
    return NULL;

  if (rekeyed_out != NULL)
    *rekeyed_out = rekeyed;
  return g_steal_pointer (&device);
}

/* A new device id for this journal, inside a transaction the caller
 * holds: its versions stay this device's (device ''), and all of them are
 * written out again under the new id. The old id becomes another
 * device's, whose files are read from their start. */
static char *
rekey_locked (LimberJournal  *journal,
              GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *old = get_meta (journal, META_DEVICE, &local_error);
  g_autofree char *here = machine_hash ();
  g_autofree char *device = g_uuid_string_random ();

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!set_meta (journal, META_DEVICE, device, error) ||
      !set_meta (journal, META_MACHINE, here, error) ||
      !set_meta (journal, META_EXPORTED, "0", error))
    return NULL;
  if (old != NULL)
    {
      sqlite3_stmt *s = limber_journal_statement (journal, "DELETE FROM sync_read WHERE device = ?1", error);

      if (s == NULL)
        return NULL;
      sqlite3_bind_text (s, 1, old, -1, SQLITE_STATIC);
      if (!step_done (journal, s, _("saving"), error))
        return NULL;
      g_message ("Another computer writes under the sync id %s of this journal; this one gets its own, %s",
                 old, device);
    }
  return g_steal_pointer (&device);
}

char *
limber_journal_sync_rekey (LimberJournal  *journal,
                           GError        **error)
{
  g_autofree char *device = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), NULL);

  if (!limber_journal_begin (journal, error))
    return NULL;
  device = rekey_locked (journal, error);
  if (device == NULL)
    {
      limber_journal_rollback (journal);
      return NULL;
    }
  if (!limber_journal_commit (journal, error))
    return NULL;
  return g_steal_pointer (&device);
}

gboolean
limber_journal_sync_wrote (LimberJournal           *journal,
                           const LimberSyncChange  *change,
                           gboolean                *wrote_out,
                           GError                 **error)
{
  sqlite3_stmt *s;
  gint64 last_seq = 0;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (change != NULL && wrote_out != NULL, FALSE);

  *wrote_out = TRUE;
  if (!limber_journal_ensure_current (journal, error))
    return FALSE;

  s = limber_journal_statement (journal, "SELECT CAST (value AS INTEGER) FROM sync_meta WHERE key = '" META_SEQ "'",
                                error);
  if (s == NULL)
    return FALSE;
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    last_seq = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }
  if (change->seq > (guint64) last_seq)
    {
      *wrote_out = FALSE;
      return TRUE;
    }

  s = limber_journal_statement (journal,
    "SELECT uuid, kind, updated_utc, deleted FROM sync_version WHERE device = '' AND seq = ?1", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, (gint64) change->seq);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    *wrote_out = g_str_equal (column_text (s, 0), change->uuid) &&
                 g_str_equal (column_text (s, 1), limber_sync_kind_name (change->kind)) &&
                 sqlite3_column_int64 (s, 2) == change->updated_utc &&
                 (sqlite3_column_int (s, 3) != 0) == (change->deleted != FALSE);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }
  return TRUE;
}

/* --- Records --- */

static gpointer
read_record (LimberSyncKind  kind,
             sqlite3_stmt   *s)
{
  switch (kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      return limber_journal_read_pain_entry (s);

    case LIMBER_SYNC_KIND_BREAK_EVENT:
      {
        LimberBreakEvent *event = g_new0 (LimberBreakEvent, 1);

        g_strlcpy (event->uuid, column_text (s, 0), sizeof event->uuid);
        g_strlcpy (event->day, column_text (s, 1), sizeof event->day);
        limber_break_kind_from_name (column_text (s, 2), &event->kind);
        limber_break_outcome_from_name (column_text (s, 3), &event->outcome);
        event->due_utc = sqlite3_column_int64 (s, 4);
        event->due_offset_s = sqlite3_column_int (s, 5);
        event->end_utc = sqlite3_column_int64 (s, 6);
        event->end_offset_s = sqlite3_column_int (s, 7);
        event->duration_s = sqlite3_column_int (s, 8);
        event->reminder = LIMBER_REMINDER_NONE;
        if (sqlite3_column_type (s, 9) != SQLITE_NULL)
          limber_reminder_outcome_from_name (column_text (s, 9), &event->reminder);
        return event;
      }

    case LIMBER_SYNC_KIND_STRETCH_SESSION:
      {
        LimberStretchSession *session = g_new0 (LimberStretchSession, 1);

        g_strlcpy (session->uuid, column_text (s, 0), sizeof session->uuid);
        g_strlcpy (session->day, column_text (s, 1), sizeof session->day);
        session->activity_id = g_strdup (column_text (s, 2));
        session->start_utc = sqlite3_column_int64 (s, 3);
        session->start_offset_s = sqlite3_column_int (s, 4);
        session->end_utc = sqlite3_column_int64 (s, 5);
        session->end_offset_s = sqlite3_column_int (s, 6);
        session->seconds_done = sqlite3_column_int (s, 7);
        session->completed = sqlite3_column_int (s, 8) != 0;
        session->pain_before = column_optional (s, 9, LIMBER_PAIN_SCORE_UNSET);
        session->pain_after = column_optional (s, 10, LIMBER_PAIN_SCORE_UNSET);
        return session;
      }

    case LIMBER_SYNC_KIND_FACTOR:
      {
        LimberFactor *factor = g_new0 (LimberFactor, 1);

        g_strlcpy (factor->uuid, column_text (s, 0), sizeof factor->uuid);
        factor->builtin = g_strdup ((const char *) sqlite3_column_text (s, 1));
        factor->name = g_strdup ((const char *) sqlite3_column_text (s, 2));
        factor->retired = sqlite3_column_int (s, 3) != 0;
        factor->created_utc = sqlite3_column_int64 (s, 4);
        factor->created_offset_s = sqlite3_column_int (s, 5);
        factor->updated_utc = sqlite3_column_int64 (s, 6);
        factor->updated_offset_s = sqlite3_column_int (s, 7);
        return factor;
      }

    case LIMBER_SYNC_KIND_DAY_FACTOR:
      {
        LimberDayFactor *done = limber_day_factor_new (column_text (s, 1), column_text (s, 2));

        g_strlcpy (done->uuid, column_text (s, 0), sizeof done->uuid);
        done->medicine = g_strdup ((const char *) sqlite3_column_text (s, 3));
        done->doses = column_optional (s, 4, 0);
        done->created_utc = sqlite3_column_int64 (s, 5);
        done->created_offset_s = sqlite3_column_int (s, 6);
        done->updated_utc = sqlite3_column_int64 (s, 7);
        done->updated_offset_s = sqlite3_column_int (s, 8);
        return done;
      }

    case LIMBER_SYNC_KIND_DAY_MEASURES:
      {
        LimberDayMeasures *measures = limber_day_measures_new (column_text (s, 1));

        g_strlcpy (measures->uuid, column_text (s, 0), sizeof measures->uuid);
        measures->sleep_tenths = column_optional (s, 2, LIMBER_MEASURE_UNSET);
        measures->sleep_quality = column_optional (s, 3, LIMBER_MEASURE_UNSET);
        measures->stress = column_optional (s, 4, LIMBER_MEASURE_UNSET);
        measures->desk_tenths = column_optional (s, 5, LIMBER_MEASURE_UNSET);
        measures->created_utc = sqlite3_column_int64 (s, 6);
        measures->created_offset_s = sqlite3_column_int (s, 7);
        measures->updated_utc = sqlite3_column_int64 (s, 8);
        measures->updated_offset_s = sqlite3_column_int (s, 9);
        return measures;
      }

    case LIMBER_SYNC_KIND_LIFE_CHANGE:
      {
        LimberLifeChange *change = limber_life_change_new (column_text (s, 1), column_text (s, 2));

        g_strlcpy (change->uuid, column_text (s, 0), sizeof change->uuid);
        change->created_utc = sqlite3_column_int64 (s, 3);
        change->created_offset_s = sqlite3_column_int (s, 4);
        change->updated_utc = sqlite3_column_int64 (s, 5);
        change->updated_offset_s = sqlite3_column_int (s, 6);
        return change;
      }

    case LIMBER_SYNC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The stored record of @kind with @uuid, or %NULL (without an error) when
 * there is none. */
static gpointer
find_record (LimberJournal   *journal,
             LimberSyncKind   kind,
             const char      *uuid,
             GError         **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal, select_sql[kind], error);
  gpointer record = NULL;
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    record = read_record (kind, statement);
  else if (rc != SQLITE_DONE)
    limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
  sqlite3_reset (statement);
  return record;
}

static gboolean
record_exists (LimberJournal   *journal,
               LimberSyncKind   kind,
               const char      *uuid,
               gboolean        *exists,
               GError         **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal, exists_sql[kind], error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
delete_record (LimberJournal   *journal,
               LimberSyncKind   kind,
               const char      *uuid,
               GError         **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal, delete_sql[kind], error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  return step_done (journal, statement, _("merging changes"), error);
}

/* Writes @record whole under its UUID, over what is stored there. */
static gboolean
write_record (LimberJournal   *journal,
              LimberSyncKind   kind,
              gconstpointer    record,
              GError         **error)
{
  sqlite3_stmt *s = NULL;

  switch (kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      {
        const LimberPainEntry *entry = record;

        s = limber_journal_statement (journal,
          "INSERT INTO pain_entry (" LIMBER_JOURNAL_PAIN_COLUMNS ") "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, average = ?3, worst = ?4, activity = ?5, "
          "enjoyment = ?6, regions = ?7, red_flags = ?8, note = ?9, created_utc = ?10, "
          "created_offset_s = ?11, updated_utc = ?12, updated_offset_s = ?13", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, entry->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, entry->day, -1, SQLITE_STATIC);
        sqlite3_bind_int (s, 3, entry->average);
        bind_optional (s, 4, entry->worst, LIMBER_PAIN_SCORE_UNSET);
        bind_optional (s, 5, entry->activity, LIMBER_PAIN_SCORE_UNSET);
        bind_optional (s, 6, entry->enjoyment, LIMBER_PAIN_SCORE_UNSET);
        sqlite3_bind_int (s, 7, entry->regions);
        sqlite3_bind_int (s, 8, entry->red_flags);
        sqlite3_bind_text (s, 9, entry->note, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 10, entry->created_utc);
        sqlite3_bind_int (s, 11, entry->created_offset_s);
        sqlite3_bind_int64 (s, 12, entry->updated_utc);
        sqlite3_bind_int (s, 13, entry->updated_offset_s);
        break;
      }

    case LIMBER_SYNC_KIND_BREAK_EVENT:
      {
        const LimberBreakEvent *event = record;

        s = limber_journal_statement (journal,
          "INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, "
          "end_offset_s, duration_s, reminder) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, kind = ?3, outcome = ?4, due_utc = ?5, "
          "due_offset_s = ?6, end_utc = ?7, end_offset_s = ?8, duration_s = ?9, reminder = ?10", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, event->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, event->day, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 3, limber_break_kind_name (event->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 4, limber_break_outcome_name (event->outcome), -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 5, event->due_utc);
        sqlite3_bind_int (s, 6, event->due_offset_s);
        sqlite3_bind_int64 (s, 7, event->end_utc);
        sqlite3_bind_int (s, 8, event->end_offset_s);
        sqlite3_bind_int (s, 9, event->duration_s);
        if (event->reminder == LIMBER_REMINDER_NONE)
          sqlite3_bind_null (s, 10);
        else
          sqlite3_bind_text (s, 10, limber_reminder_outcome_name (event->reminder), -1, SQLITE_STATIC);
        break;
      }

    case LIMBER_SYNC_KIND_STRETCH_SESSION:
      {
        const LimberStretchSession *session = record;

        s = limber_journal_statement (journal,
          "INSERT INTO stretch_session (uuid, day, activity_id, start_utc, start_offset_s, end_utc, "
          "end_offset_s, seconds_done, completed, pain_before, pain_after) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, activity_id = ?3, start_utc = ?4, "
          "start_offset_s = ?5, end_utc = ?6, end_offset_s = ?7, seconds_done = ?8, completed = ?9, "
          "pain_before = ?10, pain_after = ?11", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, session->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, session->day, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 3, session->activity_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 4, session->start_utc);
        sqlite3_bind_int (s, 5, session->start_offset_s);
        sqlite3_bind_int64 (s, 6, session->end_utc);
        sqlite3_bind_int (s, 7, session->end_offset_s);
        sqlite3_bind_int (s, 8, session->seconds_done);
        sqlite3_bind_int (s, 9, session->completed ? 1 : 0);
        bind_optional (s, 10, session->pain_before, LIMBER_PAIN_SCORE_UNSET);
        bind_optional (s, 11, session->pain_after, LIMBER_PAIN_SCORE_UNSET);
        break;
      }

    case LIMBER_SYNC_KIND_FACTOR:
      {
        const LimberFactor *factor = record;

        s = limber_journal_statement (journal,
          "INSERT INTO factor (uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, "
          "updated_offset_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
          "ON CONFLICT (uuid) DO UPDATE SET builtin = ?2, name = ?3, retired = ?4, created_utc = ?5, "
          "created_offset_s = ?6, updated_utc = ?7, updated_offset_s = ?8", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, factor->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, factor->builtin, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 3, factor->name, -1, SQLITE_STATIC);
        sqlite3_bind_int (s, 4, factor->retired ? 1 : 0);
        sqlite3_bind_int64 (s, 5, factor->created_utc);
        sqlite3_bind_int (s, 6, factor->created_offset_s);
        sqlite3_bind_int64 (s, 7, factor->updated_utc);
        sqlite3_bind_int (s, 8, factor->updated_offset_s);
        break;
      }

    case LIMBER_SYNC_KIND_DAY_FACTOR:
      {
        const LimberDayFactor *done = record;

        s = limber_journal_statement (journal,
          "INSERT INTO day_factor (uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, "
          "updated_utc, updated_offset_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, factor_uuid = ?3, medicine = ?4, doses = ?5, "
          "created_utc = ?6, created_offset_s = ?7, updated_utc = ?8, updated_offset_s = ?9", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, done->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, done->day, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 3, done->factor_uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 4, done->medicine, -1, SQLITE_STATIC);
        bind_optional (s, 5, done->doses, 0);
        sqlite3_bind_int64 (s, 6, done->created_utc);
        sqlite3_bind_int (s, 7, done->created_offset_s);
        sqlite3_bind_int64 (s, 8, done->updated_utc);
        sqlite3_bind_int (s, 9, done->updated_offset_s);
        break;
      }

    case LIMBER_SYNC_KIND_DAY_MEASURES:
      {
        const LimberDayMeasures *measures = record;

        s = limber_journal_statement (journal,
          "INSERT INTO day_measure (uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, "
          "created_utc, created_offset_s, updated_utc, updated_offset_s) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, sleep_tenths = ?3, sleep_quality = ?4, stress = ?5, "
          "desk_tenths = ?6, created_utc = ?7, created_offset_s = ?8, updated_utc = ?9, "
          "updated_offset_s = ?10", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, measures->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, measures->day, -1, SQLITE_STATIC);
        bind_optional (s, 3, measures->sleep_tenths, LIMBER_MEASURE_UNSET);
        bind_optional (s, 4, measures->sleep_quality, LIMBER_MEASURE_UNSET);
        bind_optional (s, 5, measures->stress, LIMBER_MEASURE_UNSET);
        bind_optional (s, 6, measures->desk_tenths, LIMBER_MEASURE_UNSET);
        sqlite3_bind_int64 (s, 7, measures->created_utc);
        sqlite3_bind_int (s, 8, measures->created_offset_s);
        sqlite3_bind_int64 (s, 9, measures->updated_utc);
        sqlite3_bind_int (s, 10, measures->updated_offset_s);
        break;
      }

    case LIMBER_SYNC_KIND_LIFE_CHANGE:
      {
        const LimberLifeChange *change = record;

        s = limber_journal_statement (journal,
          "INSERT INTO life_change (uuid, day, text, created_utc, created_offset_s, updated_utc, "
          "updated_offset_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
          "ON CONFLICT (uuid) DO UPDATE SET day = ?2, text = ?3, created_utc = ?4, created_offset_s = ?5, "
          "updated_utc = ?6, updated_offset_s = ?7", error);
        if (s == NULL)
          return FALSE;
        sqlite3_bind_text (s, 1, change->uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 2, change->day, -1, SQLITE_STATIC);
        sqlite3_bind_text (s, 3, change->text, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 4, change->created_utc);
        sqlite3_bind_int (s, 5, change->created_offset_s);
        sqlite3_bind_int64 (s, 6, change->updated_utc);
        sqlite3_bind_int (s, 7, change->updated_offset_s);
        break;
      }

    case LIMBER_SYNC_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  return step_done (journal, s, _("merging changes"), error);
}

/* The day (or day and factor) a table keeps one record of, as the
 * triggers of schema 5 write it; %NULL for the other kinds. */
static char *
claim_of (LimberSyncKind kind,
          gconstpointer  record)
{
  switch (kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      return g_strdup (((const LimberPainEntry *) record)->day);
    case LIMBER_SYNC_KIND_DAY_MEASURES:
      return g_strdup (((const LimberDayMeasures *) record)->day);
    case LIMBER_SYNC_KIND_DAY_FACTOR:
      return g_strconcat (((const LimberDayFactor *) record)->day, " ",
                          ((const LimberDayFactor *) record)->factor_uuid, NULL);
    case LIMBER_SYNC_KIND_BREAK_EVENT:
    case LIMBER_SYNC_KIND_STRETCH_SESSION:
    case LIMBER_SYNC_KIND_FACTOR:
    case LIMBER_SYNC_KIND_LIFE_CHANGE:
    case LIMBER_SYNC_N_KINDS:
    default:
      return NULL;
    }
}

/* --- Versions --- */

typedef struct
{
  char     uuid[LIMBER_UUID_LENGTH + 1];
  char    *kind;
  gint64   updated_utc;
  int      updated_offset_s;
  char    *device;
  gboolean deleted;
  gint64   seq;
  char    *claim;
} Version;

static void
version_clear (Version *version)
{
  g_clear_pointer (&version->kind, g_free);
  g_clear_pointer (&version->device, g_free);
  g_clear_pointer (&version->claim, g_free);
}

#define VERSION_COLUMNS "uuid, kind, updated_utc, updated_offset_s, device, deleted, seq, claim"

static void
read_version (sqlite3_stmt *s,
              Version      *version)
{
  g_strlcpy (version->uuid, column_text (s, 0), sizeof version->uuid);
  version->kind = g_strdup (column_text (s, 1));
  version->updated_utc = sqlite3_column_int64 (s, 2);
  version->updated_offset_s = sqlite3_column_int (s, 3);
  version->device = g_strdup (column_text (s, 4));
  version->deleted = sqlite3_column_int (s, 5) != 0;
  version->seq = sqlite3_column_int64 (s, 6);
  version->claim = g_strdup ((const char *) sqlite3_column_text (s, 7));
}

/* The version of @uuid into @version; FALSE in @found when there is none. */
static gboolean
get_version (LimberJournal  *journal,
             const char     *uuid,
             Version        *version,
             gboolean       *found,
             GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "SELECT " VERSION_COLUMNS " FROM sync_version WHERE uuid = ?1", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    read_version (s, version);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }
  return TRUE;
}

static void
bind_version (sqlite3_stmt  *s,
              const Version *version)
{
  sqlite3_bind_text (s, 1, version->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, version->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, version->updated_utc);
  sqlite3_bind_int (s, 4, version->updated_offset_s);
  sqlite3_bind_text (s, 5, version->device, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 6, version->deleted ? 1 : 0);
  sqlite3_bind_int64 (s, 7, version->seq);
  sqlite3_bind_text (s, 8, version->claim, -1, SQLITE_STATIC);
}

/* Writes @version as it is, with its sequence number: over the version
 * of its UUID when @stored says there is one, or else as a new one
 * (SQLite's upsert on this table would make and drop a temporary table
 * every time, most of a merge's cost). */
static gboolean
put_version (LimberJournal  *journal,
             const Version  *version,
             gboolean        stored,
             GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal, stored
    ? "UPDATE sync_version SET kind = ?2, updated_utc = ?3, updated_offset_s = ?4, device = ?5, deleted = ?6, "
      "  seq = ?7, claim = ?8 WHERE uuid = ?1"
    : "INSERT INTO sync_version (" VERSION_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (s == NULL)
    return FALSE;
  bind_version (s, version);
  return step_done (journal, s, _("merging changes"), error);
}

/* Whether version @a (device @a_device) is greater than @b: updated
 * later; on the same second, a deletion; then the greater device id. */
static gboolean
version_greater (gint64      a_utc,
                 gboolean    a_deleted,
                 const char *a_device,
                 gint64      b_utc,
                 gboolean    b_deleted,
                 const char *b_device)
{
  if (a_utc != b_utc)
    return a_utc > b_utc;
  if (a_deleted != b_deleted)
    return a_deleted;
  return strcmp (a_device, b_device) > 0;
}

/* A stored version's device, with this journal's own '' as its id. */
static const char *
real_device (const char *device,
             const char *own)
{
  return *device == '\0' ? own : device;
}

/* --- Collecting own changes --- */

static gboolean
get_exported (LimberJournal  *journal,
              guint64        *seq,
              GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *value = get_meta (journal, META_EXPORTED, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *seq = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 0;
  return TRUE;
}

static gboolean
collect_locked (LimberJournal  *journal,
                const char     *device,
                guint           max,
                GPtrArray      *changes,
                guint64        *last_seq,
                GError        **error)
{
  g_autoptr (GArray) versions = g_array_new (FALSE, TRUE, sizeof (Version));
  sqlite3_stmt *s;
  guint64 exported;
  int rc;

  g_array_set_clear_func (versions, (GDestroyNotify) version_clear);
  if (!get_exported (journal, &exported, error))
    return FALSE;
  *last_seq = exported;

  s = limber_journal_statement (journal,
    "SELECT " VERSION_COLUMNS " FROM sync_version WHERE device = '' AND seq > ?1 ORDER BY seq LIMIT ?2", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, (gint64) exported);
  sqlite3_bind_int64 (s, 2, max);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      Version version = { 0 };

      read_version (s, &version);
      g_array_append_val (versions, version);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }

  /* All there was: what came from others since counts as looked at, so
   * that the next time starts after it. */
  if (versions->len < max)
    {
      s = limber_journal_statement (journal,
        "SELECT CAST (value AS INTEGER) FROM sync_meta WHERE key = '" META_SEQ "'", error);
      if (s == NULL)
        return FALSE;
      rc = sqlite3_step (s);
      if (rc == SQLITE_ROW)
        *last_seq = MAX (*last_seq, (guint64) sqlite3_column_int64 (s, 0));
      sqlite3_reset (s);
      if (rc != SQLITE_ROW)
        {
          limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
          return FALSE;
        }
    }

  for (guint i = 0; i < versions->len; i++)
    {
      const Version *version = &g_array_index (versions, Version, i);
      g_autoptr (LimberSyncChange) change = g_new0 (LimberSyncChange, 1);
      g_autoptr (GError) local_error = NULL;

      if (!limber_sync_kind_from_name (version->kind, &change->kind))
        g_assert_not_reached ();  /* The schema's CHECK. */
      g_strlcpy (change->uuid, version->uuid, sizeof change->uuid);
      g_strlcpy (change->device, device, sizeof change->device);
      change->seq = (guint64) version->seq;
      change->updated_utc = version->updated_utc;
      change->updated_offset_s = version->updated_offset_s;
      change->deleted = version->deleted;
      if (!change->deleted)
        {
          change->record = find_record (journal, change->kind, change->uuid, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* The triggers mark every deletion, so this cannot happen; were
           * it to, the record is gone here, and goes elsewhere too. */
          if (change->record == NULL)
            {
              g_warning ("%s %s has a version but no row; written out as deleted", version->kind, version->uuid);
              change->deleted = TRUE;
            }
        }
      if (versions->len >= max)
        *last_seq = change->seq;
      g_ptr_array_add (changes, g_steal_pointer (&change));
    }

  return TRUE;
}

gboolean
limber_journal_sync_collect (LimberJournal  *journal,
                             guint           max,
                             GPtrArray     **changes_out,
                             guint64        *last_seq_out,
                             GError        **error)
{
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
  g_autofree char *device = NULL;
  guint64 last_seq = 0;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (changes_out != NULL, FALSE);

  /* One snapshot, with the id made first if need be. */
  if (!limber_journal_begin (journal, error))
    return FALSE;
  {
    gboolean rekeyed;

    device = ensure_device (journal, &rekeyed, error);
  }
  if (device == NULL || !collect_locked (journal, device, max, changes, &last_seq, error))
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  if (!limber_journal_commit (journal, error))
    return FALSE;

  *changes_out = g_steal_pointer (&changes);
  if (last_seq_out != NULL)
    *last_seq_out = last_seq;
  return TRUE;
}

gboolean
limber_journal_sync_mark_exported (LimberJournal  *journal,
                                   guint64         seq,
                                   GError        **error)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];
  guint64 exported;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);

  if (!limber_journal_begin (journal, error))
    return FALSE;
  /* Never backwards: a slower writer of an older batch loses. */
  if (!get_exported (journal, &exported, error))
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, MAX (seq, exported));
  if (!set_meta (journal, META_EXPORTED, value, error))
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  return limber_journal_commit (journal, error);
}

/* --- Applying others' changes --- */

/* A merge under way: this journal's device id, and the next sequence
 * number of its own (the merge holds the write lock, and the triggers are
 * quiet, so no one else takes one meanwhile; merge_finish() stores it). */
typedef struct
{
  const char *own;
  gint64      first_seq;
  gint64      next_seq;
} Merge;

static gboolean
merge_init (LimberJournal  *journal,
            Merge          *merge,
            const char     *own,
            GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "SELECT CAST (value AS INTEGER) + 1 FROM sync_meta WHERE key = '" META_SEQ "'", error);
  int rc;

  if (s == NULL)
    return FALSE;
  merge->own = own;
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    merge->first_seq = merge->next_seq = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW)
    {
      limber_journal_set_sqlite_error (journal, rc, _("merging changes"), error);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  APPLIED_UNCHANGED,
  APPLIED_ADDED,
  APPLIED_UPDATED,
  APPLIED_DELETED,
  APPLIED_WAITING,
} Applied;

static gboolean
merge_finish (LimberJournal  *journal,
              Merge          *merge,
              GError        **error)
{
  sqlite3_stmt *s;

  if (merge->next_seq == merge->first_seq)
    return TRUE;
  s = limber_journal_statement (journal, "UPDATE sync_meta SET value = ?1 WHERE key = '" META_SEQ "'", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, merge->next_seq - 1);
  return step_done (journal, s, _("merging changes"), error);
}

/* Another device's version keeps its author's sequence number, which only
 * says where it came from: it is never written out from here. */
static Version
version_of_change (const LimberSyncChange *change,
                   const char             *claim,
                   gboolean                deleted)
{
  Version version = { 0 };

  version.seq = (gint64) change->seq;
  g_strlcpy (version.uuid, change->uuid, sizeof version.uuid);
  version.kind = (char *) limber_sync_kind_name (change->kind);
  version.updated_utc = change->updated_utc;
  version.updated_offset_s = change->updated_offset_s;
  version.device = (char *) change->device;
  version.deleted = deleted;
  version.claim = (char *) claim;
  return version;
}

/* The other versions claiming what @claim names. */
static gboolean
claim_holders (LimberJournal   *journal,
               LimberSyncKind   kind,
               const char      *claim,
               const char      *uuid,
               GArray          *holders,
               GError         **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "SELECT " VERSION_COLUMNS " FROM sync_version WHERE kind = ?1 AND claim = ?2 AND uuid <> ?3", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, limber_sync_kind_name (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, claim, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      Version version = { 0 };

      read_version (s, &version);
      g_array_append_val (holders, version);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("merging changes"), error);
      return FALSE;
    }
  return TRUE;
}

/* Whether another factor than @uuid in use is named @name, in any case. */
static gboolean
factor_name_taken (LimberJournal  *journal,
                   const char     *name,
                   const char     *uuid,
                   char          **holder_out,
                   char          **holder_name_out,
                   gint64         *created_out,
                   gboolean       *taken,
                   GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "SELECT uuid, created_utc, name FROM factor WHERE name = ?1 COLLATE NOCASE AND retired = 0 AND uuid <> ?2", error);
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  *taken = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW && holder_out != NULL)
    *holder_out = g_strdup (column_text (s, 0));
  if (rc == SQLITE_ROW && holder_name_out != NULL)
    *holder_name_out = g_strdup (column_text (s, 2));
  if (rc == SQLITE_ROW && created_out != NULL)
    *created_out = sqlite3_column_int64 (s, 1);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("merging changes"), error);
      return FALSE;
    }
  return TRUE;
}

/* “@base (2)”, or the next number that no factor but @uuid is named. */
static char *
free_factor_name (LimberJournal  *journal,
                  const char     *base,
                  const char     *uuid,
                  GError        **error)
{
  for (guint n = 2; ; n++)
    {
      g_autofree char *suffix = g_strdup_printf (" (%u)", n);
      glong room = LIMBER_FACTOR_NAME_MAX_CHARS - g_utf8_strlen (suffix, -1);
      g_autofree char *stem = g_utf8_substring (base, 0, MIN (room, g_utf8_strlen (base, -1)));
      g_autofree char *name = NULL;
      gboolean taken;

      g_strchomp (stem);
      name = g_strconcat (stem, suffix, NULL);
      if (!factor_name_taken (journal, name, uuid, NULL, NULL, NULL, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

/* Two factors in use under one name: the one created earlier, then the
 * one with the smaller UUID, keeps it. Either @incoming is renamed (into
 * @renamed_out) or the stored one is, keeping its version; either way
 * after its own name as it was written. */
static gboolean
settle_factor_name (LimberJournal       *journal,
                    const LimberFactor  *incoming,
                    LimberFactor       **renamed_out,
                    GError             **error)
{
  g_autofree char *holder = NULL;
  g_autofree char *holder_name = NULL;
  g_autofree char *name = NULL;
  gint64 holder_created = 0;
  gboolean taken;
  gboolean incoming_keeps;

  *renamed_out = NULL;
  if (incoming->retired || incoming->name == NULL)
    return TRUE;
  if (!factor_name_taken (journal, incoming->name, incoming->uuid, &holder, &holder_name, &holder_created,
                          &taken, error))
    return FALSE;
  if (!taken)
    return TRUE;

  incoming_keeps = incoming->created_utc != holder_created ? incoming->created_utc < holder_created
                                                           : strcmp (incoming->uuid, holder) < 0;
  if (!incoming_keeps)
    {
      name = free_factor_name (journal, incoming->name, incoming->uuid, error);
      if (name == NULL)
        return FALSE;
      *renamed_out = limber_factor_copy (incoming);
      g_free ((*renamed_out)->name);
      (*renamed_out)->name = g_steal_pointer (&name);
      return TRUE;
    }

  /* The stored one gives the name up, without a version of its own (the
   * triggers are quiet during a merge): every computer renames it alike. */
  {
    sqlite3_stmt *s;

    name = free_factor_name (journal, holder_name, holder, error);
    if (name == NULL)
      return FALSE;
    s = limber_journal_statement (journal, "UPDATE factor SET name = ?2 WHERE uuid = ?1", error);
    if (s == NULL)
      return FALSE;
    sqlite3_bind_text (s, 1, holder, -1, SQLITE_STATIC);
    sqlite3_bind_text (s, 2, name, -1, SQLITE_STATIC);
    return step_done (journal, s, _("merging changes"), error);
  }
}

static gboolean
factor_known (LimberJournal  *journal,
              const char     *uuid,
              gboolean       *known,
              GError        **error)
{
  return record_exists (journal, LIMBER_SYNC_KIND_FACTOR, uuid, known, error);
}

/* The record that lost its day is deleted at its own version, as this
 * device's change: written out, it tells the computers that never saw the
 * winner (which may have been deleted before it was written out), and it
 * cannot win over a later edit of the loser. */
static gboolean
drop_loser (LimberJournal   *journal,
            Merge           *merge,
            LimberSyncKind   kind,
            const char      *uuid,
            gint64           updated_utc,
            int              updated_offset_s,
            const char      *claim,
            gboolean         stored,
            GError         **error)
{
  Version version = { 0 };

  g_strlcpy (version.uuid, uuid, sizeof version.uuid);
  version.kind = (char *) limber_sync_kind_name (kind);
  version.updated_utc = updated_utc;
  version.updated_offset_s = updated_offset_s;
  version.device = (char *) "";
  version.deleted = TRUE;
  version.seq = merge->next_seq++;
  version.claim = (char *) claim;
  return put_version (journal, &version, stored, error);
}

/* --- Days' factors waiting for their factor --- */

/* At most this many are kept; the oldest go first. */
#define WAITING_MAX 10000

#define WAITING_COLUMNS "uuid, device, seq, version_utc, version_offset_s, day, factor_uuid, medicine, doses, " \
                        "created_utc, created_offset_s, updated_utc, updated_offset_s"

/* Keeps @change, a day's factor whose factor is not known yet, until its
 * factor comes (from any device): of two versions of one UUID, the
 * greater. */
static gboolean
keep_waiting (LimberJournal           *journal,
              const LimberSyncChange  *change,
              GError                 **error)
{
  const LimberDayFactor *done = change->record;
  sqlite3_stmt *s = limber_journal_statement (journal,
    "INSERT INTO sync_waiting (arrived, " WAITING_COLUMNS ") "
    "VALUES ((SELECT coalesce (max (arrived), 0) + 1 FROM sync_waiting), "
    "  ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (uuid) DO UPDATE SET device = ?2, seq = ?3, version_utc = ?4, version_offset_s = ?5, "
    "  day = ?6, factor_uuid = ?7, medicine = ?8, doses = ?9, created_utc = ?10, created_offset_s = ?11, "
    "  updated_utc = ?12, updated_offset_s = ?13 "
    "WHERE ?4 > version_utc OR (?4 = version_utc AND ?2 > device)", error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, change->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, change->device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, (gint64) change->seq);
  sqlite3_bind_int64 (s, 4, change->updated_utc);
  sqlite3_bind_int (s, 5, change->updated_offset_s);
  sqlite3_bind_text (s, 6, done->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, done->factor_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, done->medicine, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 9, done->doses);
  sqlite3_bind_int64 (s, 10, done->created_utc);
  sqlite3_bind_int (s, 11, done->created_offset_s);
  sqlite3_bind_int64 (s, 12, done->updated_utc);
  sqlite3_bind_int (s, 13, done->updated_offset_s);
  return step_done (journal, s, _("merging changes"), error);
}

/* Takes out of sync_waiting, into @changes, the days' factors whose factor
 * is now known, oldest first. */
static gboolean
take_waiting (LimberJournal  *journal,
              GPtrArray      *changes,
              GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "SELECT " WAITING_COLUMNS " FROM sync_waiting WHERE factor_uuid IN (SELECT uuid FROM factor) ORDER BY arrived",
    error);
  int rc;

  if (s == NULL)
    return FALSE;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      LimberSyncChange *change = g_new0 (LimberSyncChange, 1);
      LimberDayFactor *done = limber_day_factor_new (column_text (s, 5), column_text (s, 6));

      change->kind = LIMBER_SYNC_KIND_DAY_FACTOR;
      g_strlcpy (change->uuid, column_text (s, 0), sizeof change->uuid);
      g_strlcpy (change->device, column_text (s, 1), sizeof change->device);
      change->seq = (guint64) sqlite3_column_int64 (s, 2);
      change->updated_utc = sqlite3_column_int64 (s, 3);
      change->updated_offset_s = sqlite3_column_int (s, 4);
      g_strlcpy (done->uuid, change->uuid, sizeof done->uuid);
      done->medicine = g_strdup ((const char *) sqlite3_column_text (s, 7));
      done->doses = sqlite3_column_int (s, 8);
      done->created_utc = sqlite3_column_int64 (s, 9);
      done->created_offset_s = sqlite3_column_int (s, 10);
      done->updated_utc = sqlite3_column_int64 (s, 11);
      done->updated_offset_s = sqlite3_column_int (s, 12);
      change->record = done;
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("merging changes"), error);
      return FALSE;
    }
  if (changes->len == 0)
    return TRUE;

  s = limber_journal_statement (journal,
    "DELETE FROM sync_waiting WHERE factor_uuid IN (SELECT uuid FROM factor)", error);
  return s != NULL && step_done (journal, s, _("merging changes"), error);
}

/* Drops the oldest waiting days' factors beyond %WAITING_MAX. */
static gboolean
bound_waiting (LimberJournal  *journal,
               GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "DELETE FROM sync_waiting WHERE uuid NOT IN (SELECT uuid FROM sync_waiting ORDER BY arrived DESC LIMIT ?1)",
    error);
  int dropped;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int (s, 1, WAITING_MAX);
  if (!step_done (journal, s, _("merging changes"), error))
    return FALSE;
  dropped = sqlite3_changes (journal->db);
  if (dropped > 0)
    g_warning ("Dropped the %d oldest days' factors from other computers still waiting for their factor",
               dropped);
  return TRUE;
}

/* Adds @version when its UUID has none; @added says whether it did. */
static gboolean
add_version (LimberJournal  *journal,
             const Version  *version,
             gboolean       *added,
             GError        **error)
{
  sqlite3_stmt *s = limber_journal_statement (journal,
    "INSERT OR IGNORE INTO sync_version (" VERSION_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (s == NULL)
    return FALSE;
  bind_version (s, version);
  if (!step_done (journal, s, _("merging changes"), error))
    return FALSE;
  *added = sqlite3_changes (journal->db) > 0;
  return TRUE;
}

/* Kinds with no day they hold once and no name to settle: a record of
 * one is written as it is. */
static gboolean
kind_is_plain (LimberSyncKind kind)
{
  return kind == LIMBER_SYNC_KIND_BREAK_EVENT || kind == LIMBER_SYNC_KIND_STRETCH_SESSION ||
         kind == LIMBER_SYNC_KIND_LIFE_CHANGE;
}

static gboolean
apply_one (LimberJournal           *journal,
           const LimberSyncChange  *change,
           Merge                   *merge,
           Applied                 *applied,
           GError                 **error)
{
  Version stored = { 0 };
  g_autoptr (GArray) holders = NULL;
  g_autofree char *claim = NULL;
  g_autoptr (LimberFactor) renamed = NULL;
  gconstpointer record = change->record;
  gboolean found;
  gboolean exists;
  gboolean loses = FALSE;
  Version incoming;

  *applied = APPLIED_UNCHANGED;

  /* A plain record new here, as most of a first merge is: its version
   * goes in first, which says there was none, and the record after it,
   * with one statement less than the way below. */
  if (kind_is_plain (change->kind) && !change->deleted && record != NULL)
    {
      gboolean added;

      incoming = version_of_change (change, NULL, FALSE);
      if (!add_version (journal, &incoming, &added, error))
        return FALSE;
      if (added)
        {
          *applied = APPLIED_ADDED;
          return write_record (journal, change->kind, record, error);
        }
    }

  if (!get_version (journal, change->uuid, &stored, &found, error))
    return FALSE;
  if (found)
    {
      gboolean greater = version_greater (change->updated_utc, change->deleted, change->device,
                                          stored.updated_utc, stored.deleted, real_device (stored.device, merge->own));
      gboolean same_kind = g_strcmp0 (stored.kind, limber_sync_kind_name (change->kind)) == 0;

      if (!same_kind)
        g_debug ("Change of %s %s left out: it is a %s here", limber_sync_kind_name (change->kind),
                 change->uuid, stored.kind);
      if (!greater || !same_kind)
        {
          version_clear (&stored);
          return TRUE;
        }
      claim = g_steal_pointer (&stored.claim);
      version_clear (&stored);
    }

  /* Every row has a version (migration 5 and the triggers): without one
   * there is no row either. */
  exists = FALSE;
  if (found && !record_exists (journal, change->kind, change->uuid, &exists, error))
    return FALSE;

  if (change->deleted || record == NULL)
    {
      incoming = version_of_change (change, claim, TRUE);
      if (exists && !delete_record (journal, change->kind, change->uuid, error))
        return FALSE;
      *applied = exists ? APPLIED_DELETED : APPLIED_UNCHANGED;
      return put_version (journal, &incoming, found, error);
    }

  /* A day's factor waits for its factor. */
  if (change->kind == LIMBER_SYNC_KIND_DAY_FACTOR)
    {
      gboolean known;

      if (!factor_known (journal, ((const LimberDayFactor *) record)->factor_uuid, &known, error))
        return FALSE;
      if (!known)
        {
          *applied = APPLIED_WAITING;
          return keep_waiting (journal, change, error);
        }
    }

  /* Once a day: the greatest version with the claim holds it. */
  g_clear_pointer (&claim, g_free);
  claim = claim_of (change->kind, record);
  holders = g_array_new (FALSE, TRUE, sizeof (Version));
  g_array_set_clear_func (holders, (GDestroyNotify) version_clear);
  if (claim != NULL && !claim_holders (journal, change->kind, claim, change->uuid, holders, error))
    return FALSE;
  for (guint i = 0; i < holders->len && !loses; i++)
    {
      const Version *holder = &g_array_index (holders, Version, i);

      /* A record deleted in the same second as another was written for
       * its day is taken as deleted first, as it is where both were
       * written. */
      if (holder->deleted)
        loses = holder->updated_utc > change->updated_utc;
      else
        loses = version_greater (holder->updated_utc, FALSE, real_device (holder->device, merge->own),
                                 change->updated_utc, FALSE, change->device);
    }
  if (loses)
    {
      if (exists && !delete_record (journal, change->kind, change->uuid, error))
        return FALSE;
      *applied = exists ? APPLIED_DELETED : APPLIED_UNCHANGED;
      return drop_loser (journal, merge, change->kind, change->uuid, change->updated_utc, change->updated_offset_s,
                         claim, found, error);
    }
  for (guint i = 0; i < holders->len; i++)
    {
      const Version *holder = &g_array_index (holders, Version, i);

      if (holder->deleted)
        continue;
      if (!delete_record (journal, change->kind, holder->uuid, error) ||
          !drop_loser (journal, merge, change->kind, holder->uuid, holder->updated_utc, holder->updated_offset_s,
                       claim, TRUE, error))
        return FALSE;
    }

  if (change->kind == LIMBER_SYNC_KIND_FACTOR)
    {
      if (!settle_factor_name (journal, record, &renamed, error))
        return FALSE;
      if (renamed != NULL)
        record = renamed;
    }

  if (!write_record (journal, change->kind, record, error))
    return FALSE;
  incoming = version_of_change (change, claim, FALSE);
  *applied = exists ? APPLIED_UPDATED : APPLIED_ADDED;
  return put_version (journal, &incoming, found, error);
}

/* Factors first, so that the days that refer to them find them; then by
 * UUID, so that the tables and indexes kept by UUID are written in their
 * own order, each page once, instead of all over (the result does not
 * depend on the order; the sort is stable, so two versions of one UUID
 * keep theirs). */
static int
compare_for_apply (gconstpointer a,
                   gconstpointer b)
{
  const LimberSyncChange *x = *(LimberSyncChange * const *) a;
  const LimberSyncChange *y = *(LimberSyncChange * const *) b;
  gboolean x_factor = x->kind == LIMBER_SYNC_KIND_FACTOR;
  gboolean y_factor = y->kind == LIMBER_SYNC_KIND_FACTOR;

  if (x_factor != y_factor)
    return y_factor - x_factor;
  return strcmp (x->uuid, y->uuid);
}

static void
count_applied (LimberSyncCounts       *counts,
               const LimberSyncChange *change,
               Applied                 applied)
{
  switch (applied)
    {
    case APPLIED_ADDED:
      counts->added[change->kind]++;
      break;
    case APPLIED_UPDATED:
      counts->updated[change->kind]++;
      break;
    case APPLIED_DELETED:
      counts->deleted[change->kind]++;
      break;
    case APPLIED_WAITING:
      counts->waiting++;
      break;
    case APPLIED_UNCHANGED:
    default:
      counts->unchanged[change->kind]++;
      break;
    }
}

/* Applies @sorted inside the transaction the caller holds, and then the
 * days' factors waiting for a factor that has come. Without
 * @savepoints a refused record fails the whole with @refused set (SQLite
 * keeps a savepoint's pages in a journal file of its own, which costs
 * most of a large merge); with them it is left out and counted. */
static gboolean
apply_all (LimberJournal     *journal,
           GPtrArray         *sorted,
           Merge             *merge,
           gboolean           savepoints,
           LimberSyncCounts  *counts,
           gboolean          *refused,
           GError           **error)
{
  *refused = FALSE;
  for (guint i = 0; i < sorted->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (sorted, i);
      g_autoptr (GError) change_error = NULL;
      Applied applied;

      /* This device's own lines, read back through a copied folder. */
      if (*change->device == '\0' || g_str_equal (change->device, merge->own))
        {
          counts->unchanged[change->kind]++;
          continue;
        }

      if (savepoints && !limber_journal_exec (journal, "SAVEPOINT sync_change", _("merging changes"), error))
        return FALSE;
      if (apply_one (journal, change, merge, &applied, &change_error))
        {
          if (savepoints && !limber_journal_exec (journal, "RELEASE sync_change", _("merging changes"), error))
            return FALSE;
          count_applied (counts, change, applied);
          continue;
        }

      if (!g_error_matches (change_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT))
        {
          g_propagate_error (error, g_steal_pointer (&change_error));
          return FALSE;
        }
      if (!savepoints)
        {
          *refused = TRUE;
          return FALSE;
        }
      if (!limber_journal_exec (journal, "ROLLBACK TO sync_change", _("merging changes"), error) ||
          !limber_journal_exec (journal, "RELEASE sync_change", _("merging changes"), error))
        return FALSE;
      /* A value the schema refuses: this record is left out, the rest
       * merge. */
      g_info ("Change of %s %s from %s left out: %s", limber_sync_kind_name (change->kind),
              change->uuid, change->device, change_error->message);
      counts->refused++;
    }
  return TRUE;
}

/* The days' factors waiting for a factor that this merge brought (or that
 * came otherwise since), applied like the rest. */
static gboolean
apply_waiting (LimberJournal     *journal,
               Merge             *merge,
               gboolean           savepoints,
               LimberSyncCounts  *counts,
               gboolean          *refused,
               GError           **error)
{
  g_autoptr (GPtrArray) waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);

  if (!take_waiting (journal, waiting, error))
    return FALSE;
  if (waiting->len == 0)
    return TRUE;
  g_debug ("%u days' factors waiting for their factor come in", waiting->len);
  return apply_all (journal, waiting, merge, savepoints, counts, refused, error);
}

/* From this many changes on, a merge turns the triggers off. */
#define TRIGGERS_OFF_MIN 256

gboolean
limber_journal_sync_apply (LimberJournal     *journal,
                           GPtrArray         *changes,
                           LimberSyncCounts  *counts,
                           GError           **error)
{
  g_autoptr (GPtrArray) sorted = NULL;
  LimberSyncCounts local_counts;
  gboolean triggers_off;
  gboolean refused = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  /* g_ptr_array_sort() is stable: the rest keep their order. */
  sorted = g_ptr_array_sized_new (changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberSyncChange *change = g_ptr_array_index (changes, i);

      g_return_val_if_fail (change->kind < LIMBER_SYNC_N_KINDS, FALSE);
      g_ptr_array_add (sorted, (gpointer) change);
    }
  g_ptr_array_sort (sorted, compare_for_apply);

  /* The statements that fire the (quiet) triggers in a small merge, and
   * the savepoints of a second attempt, keep a journal of their own,
   * which SQLite writes to a file unless it is kept in memory. */
  sqlite3_exec (journal->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  /* The triggers are quiet while a merge writes (META_MERGING). In a
   * large merge they are not run at all on this connection meanwhile:
   * each row written would test their condition, under a statement
   * journal of its own, which was most of its cost. SQLite prepares the
   * connection's statements again when this changes, which a small
   * merge would feel; other connections keep their triggers. */
  triggers_off = changes->len >= TRIGGERS_OFF_MIN;
  if (triggers_off)
    sqlite3_db_config (journal->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  /* All at once; once more, record by record, when one is refused. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *own = NULL;
      gboolean rekeyed;
      Merge merge;

      memset (&local_counts, 0, sizeof local_counts);
      if (!limber_journal_begin (journal, error))
        break;
      own = ensure_device (journal, &rekeyed, error);
      if (own == NULL ||
          !merge_init (journal, &merge, own, error) ||
          !set_meta (journal, META_MERGING, "1", error) ||
          !apply_all (journal, sorted, &merge, attempt > 0, &local_counts, &refused, error) ||
          !apply_waiting (journal, &merge, attempt > 0, &local_counts, &refused, error) ||
          (local_counts.waiting > 0 && !bound_waiting (journal, error)) ||
          !merge_finish (journal, &merge, error) ||
          !limber_journal_exec (journal, "DELETE FROM sync_meta WHERE key = '" META_MERGING "'",
                                _("merging changes"), error))
        {
          limber_journal_rollback (journal);
          if (refused)
            continue;
          break;
        }
      ok = limber_journal_commit (journal, error);
      break;
    }
  if (triggers_off)
    sqlite3_db_config (journal->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  if (!ok)
    return FALSE;

  if (counts != NULL)
    {
      for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
        {
          counts->added[k] += local_counts.added[k];
          counts->updated[k] += local_counts.updated[k];
          counts->deleted[k] += local_counts.deleted[k];
          counts->unchanged[k] += local_counts.unchanged[k];
        }
      counts->waiting += local_counts.waiting;
      counts->refused += local_counts.refused;
    }
  return TRUE;
}

/* --- How far others' files were read --- */

gboolean
limber_journal_sync_get_read (LimberJournal  *journal,
                              const char     *device,
                              const char     *file,
                              gint64         *offset_out,
                              gint64         *size_out,
                              GError        **error)
{
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);

  *offset_out = 0;
  *size_out = 0;
  if (!limber_journal_ensure_current (journal, error))
    return FALSE;
  s = limber_journal_statement (journal, "SELECT offset, size FROM sync_read WHERE device = ?1 AND file = ?2", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, file, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    {
      *offset_out = sqlite3_column_int64 (s, 0);
      *size_out = sqlite3_column_int64 (s, 1);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (journal, rc, _("reading it"), error);
      return FALSE;
    }
  return TRUE;
}

/* Runs one statement binding @a and @b as text and @c and @d as numbers,
 * in a transaction of its own. */
static gboolean
write_one (LimberJournal  *journal,
           const char     *sql,
           const char     *a,
           const char     *b,
           gint64          c,
           gint64          d,
           GError        **error)
{
  sqlite3_stmt *s;

  if (!limber_journal_begin (journal, error))
    return FALSE;
  s = limber_journal_statement (journal, sql, error);
  if (s != NULL)
    {
      if (a != NULL)
        sqlite3_bind_text (s, 1, a, -1, SQLITE_STATIC);
      if (b != NULL)
        sqlite3_bind_text (s, 2, b, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (s) >= 4)
        {
          sqlite3_bind_int64 (s, 3, c);
          sqlite3_bind_int64 (s, 4, d);
        }
    }
  if (s == NULL || !step_done (journal, s, _("saving"), error))
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  return limber_journal_commit (journal, error);
}

gboolean
limber_journal_sync_set_read (LimberJournal  *journal,
                              const char     *device,
                              const char     *file,
                              gint64          offset,
                              gint64          size,
                              GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);

  return write_one (journal,
                    "INSERT INTO sync_read (device, file, offset, size) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT (device, file) DO UPDATE SET offset = ?3, size = ?4",
                    device, file, offset, size, error);
}

gboolean
limber_journal_sync_forget_device (LimberJournal  *journal,
                                   const char     *device,
                                   GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);

  return write_one (journal, "DELETE FROM sync_read WHERE device = ?1", device, NULL, 0, 0, error);
}

gboolean
limber_journal_sync_reset (LimberJournal  *journal,
                           GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), FALSE);

  if (!limber_journal_begin (journal, error))
    return FALSE;
  if (!limber_journal_exec (journal, "DELETE FROM sync_read", _("saving"), error) ||
      !set_meta (journal, META_EXPORTED, "0", error))
    {
      limber_journal_rollback (journal);
      return FALSE;
    }
  return limber_journal_commit (journal, error);
}
