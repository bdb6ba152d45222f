/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "limber-journal-fields.h"
#include "limber-journal-factors.h"

/* What CSV and JSON import check alike, so that both say the same about
 * the same mistake, and the set of rows a reader fills: checked, and
 * written by nobody until the whole file has been read. */

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

  /* The same UUID in capitals is the same record. */
  g_strlcpy (uuid_out, text, LIMBER_UUID_LENGTH + 1);
  limber_uuid_normalise (uuid_out);
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
                                   /* Translators: the second and third %s
                                    * are the first and last days a
                                    * journal can hold. */
                                   _("“%s” is not a date from %s to %s written as YYYY-MM-DD"),
                                   text, LIMBER_DAY_FIRST, LIMBER_DAY_LAST);
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
  gint64 utc, offset_s;

  if (!limber_journal_parse_required (text, line, field, error))
    return FALSE;

  /* Without an offset the time would silently take this computer's zone,
   * which need not be the one it was written in. */
  if (clock != NULL && strpbrk (clock, "Z+-") != NULL)
    parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return limber_journal_fail_at (error, line, field,
                                   _("“%s” is not a time written as 2026-11-25T09:30:00+01:00"), text);

  utc = g_date_time_to_unix (parsed);
  offset_s = g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_SECOND;
  if (offset_s < -LIMBER_TIME_MAX_OFFSET_S || offset_s > LIMBER_TIME_MAX_OFFSET_S || offset_s % 60 != 0)
    return limber_journal_fail_at (error, line, field,
                                   /* Translators: %d is a number of hours. */
                                   _("“%s” is not a time: its offset from UTC must be whole minutes, at most %d hours"),
                                   text, LIMBER_TIME_MAX_OFFSET_S / 3600);
  if (!limber_time_is_valid (utc, (int) offset_s))
    return limber_journal_fail_at (error, line, field,
                                   _("“%s” is outside the years a journal can hold (%.4s to %.4s)"),
                                   text, LIMBER_DAY_FIRST, LIMBER_DAY_LAST);

  *utc_out = utc;
  *offset_s_out = (int) offset_s;
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

LimberImportSet *
limber_import_set_new (GDateTime *now)
{
  LimberImportSet *set = g_new0 (LimberImportSet, 1);

  set->today = g_date_time_format (now, "%Y-%m-%d");
  set->latest_utc = g_date_time_to_unix (now) + 24 * 3600;
  set->pain_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_pain_entry_free);
  set->break_events = g_ptr_array_new_with_free_func (g_free);
  set->stretch_sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_stretch_session_free);
  set->pain_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->pain_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->break_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->stretch_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_factor_free);
  set->day_factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  set->day_measures = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_measures_free);
  set->life_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_life_change_free);
  set->day_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->day_saves = g_ptr_array_new_with_free_func (g_free);
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
  g_ptr_array_unref (set->factors);
  g_ptr_array_unref (set->day_factors);
  g_ptr_array_unref (set->day_measures);
  g_ptr_array_unref (set->life_changes);
  g_hash_table_unref (set->day_keys);
  g_ptr_array_unref (set->day_saves);
  g_free (set);
}

/* Breaks and stretches are recorded when they happen: one in the future
 * comes from a wrong clock. */
static gboolean
check_past (const LimberImportSet  *set,
            const char             *day,
            gint64                  first_utc,
            const char             *first_field,
            gint64                  last_utc,
            const char             *last_field,
            guint                   line,
            GError                **error)
{
  const char *field = last_field;

  if (strcmp (day, set->today) > 0)
    return limber_journal_fail_at (error, line, "day",
                                   _("%s is in the future; today is %s"), day, set->today);
  if (first_utc <= set->latest_utc && last_utc <= set->latest_utc)
    return TRUE;

  if (first_utc > set->latest_utc)
    field = first_field;
  return limber_journal_fail_at (error, line, field, _("the time is more than a day in the future"));
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
  if (!check_past (set, owned->day, owned->created_utc, "created", owned->updated_utc, "updated", line, error))
    return FALSE;
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
  if (!check_past (set, event->day, event->due_utc, "due", event->end_utc, "end", line, error))
    return FALSE;
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
  if (!check_past (set, session->day, session->start_utc, "start", session->end_utc, "end", line, error))
    return FALSE;
  if (!claim (set->stretch_uuids, session->uuid, line, "uuid", error))
    return FALSE;

  copy = g_memdup2 (session, sizeof *session);
  copy->activity_id = g_strdup (session->activity_id);
  g_ptr_array_add (set->stretch_sessions, copy);
  return TRUE;
}
