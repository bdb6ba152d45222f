/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "limber-journal-formats.h"
#include "limber-json-stream.h"

/* JSON holds everything, for another computer. The reader keeps track of
 * lines itself, from the parser's signals, so that its messages can point
 * at the line of a bad value as the CSV reader's do. */

#define JSON_FORMAT_NAME    "limber-journal"
#define JSON_FORMAT_VERSION 1

/* JSON writing: one record a line, appended as the journal is read. */

static gboolean
add_time (GString     *out,
          const char  *name,
          gint64       utc,
          int          offset_s,
          GError     **error)
{
  g_autofree char *text = limber_journal_format_time (utc, offset_s);

  if (text == NULL)
    return limber_journal_time_error (error, utc);
  g_string_append_printf (out, ", \"%s\": \"%s\"", name, text);
  return TRUE;
}

static void
add_optional_score (GString    *out,
                    const char *name,
                    int         score)
{
  if (score == LIMBER_PAIN_SCORE_UNSET)
    g_string_append_printf (out, ", \"%s\": null", name);
  else
    g_string_append_printf (out, ", \"%s\": %d", name, score);
}

static void
add_ids (GString              *out,
         const char           *name,
         const LimberFlagInfo *infos,
         guint                 n_infos,
         guint                 flags)
{
  gboolean first = TRUE;

  g_string_append_printf (out, ", \"%s\": [", name);
  for (guint i = 0; i < n_infos; i++)
    {
      if (flags & infos[i].flag)
        {
          g_string_append (out, first ? "" : ", ");
          limber_json_append_string (out, infos[i].id);
          first = FALSE;
        }
    }
  g_string_append_c (out, ']');
}

/* Starts an item of a list: each on a line of its own. */
static void
begin_item (GString    *out,
            gboolean    first,
            const char *uuid,
            const char *day)
{
  g_string_append (out, first ? "\n    {\"uuid\": " : ",\n    {\"uuid\": ");
  limber_json_append_string (out, uuid);
  g_string_append (out, ", \"day\": ");
  limber_json_append_string (out, day);
}

void
limber_journal_json_begin (GString *out)
{
  g_string_append_printf (out, "{\n  \"format\": \"%s\",\n  \"version\": %d", JSON_FORMAT_NAME, JSON_FORMAT_VERSION);
}

void
limber_journal_json_begin_list (GString    *out,
                                const char *name)
{
  g_string_append_printf (out, ",\n  \"%s\": [", name);
}

void
limber_journal_json_end_list (GString *out)
{
  g_string_append (out, "\n  ]");
}

void
limber_journal_json_end (GString *out)
{
  g_string_append (out, "\n}\n");
}

gboolean
limber_journal_json_add_pain_entry (GString                *out,
                                    gboolean                first,
                                    const LimberPainEntry  *entry,
                                    GError                **error)
{
  const LimberFlagInfo *infos;
  guint n_infos;

  begin_item (out, first, entry->uuid, entry->day);
  g_string_append_printf (out, ", \"average\": %d", entry->average);
  add_optional_score (out, "worst", entry->worst);
  add_optional_score (out, "activity", entry->activity);
  add_optional_score (out, "enjoyment", entry->enjoyment);
  infos = limber_body_regions (&n_infos);
  add_ids (out, "regions", infos, n_infos, entry->regions);
  infos = limber_red_flags (&n_infos);
  add_ids (out, "red_flags", infos, n_infos, entry->red_flags);
  g_string_append (out, ", \"note\": ");
  if (entry->note != NULL)
    limber_json_append_string (out, entry->note);
  else
    g_string_append (out, "null");
  if (!add_time (out, "created", entry->created_utc, entry->created_offset_s, error) ||
      !add_time (out, "updated", entry->updated_utc, entry->updated_offset_s, error))
    return FALSE;
  g_string_append_c (out, '}');
  return TRUE;
}

gboolean
limber_journal_json_add_break_event (GString                 *out,
                                     gboolean                 first,
                                     const LimberBreakEvent  *event,
                                     GError                 **error)
{
  begin_item (out, first, event->uuid, event->day);
  g_string_append_printf (out, ", \"kind\": \"%s\", \"outcome\": \"%s\"",
                          limber_break_kind_name (event->kind),
                          limber_break_outcome_name (event->outcome));
  if (!add_time (out, "due", event->due_utc, event->due_offset_s, error) ||
      !add_time (out, "end", event->end_utc, event->end_offset_s, error))
    return FALSE;
  g_string_append_printf (out, ", \"duration_s\": %d", event->duration_s);
  if (event->reminder != LIMBER_REMINDER_NONE)
    g_string_append_printf (out, ", \"reminder\": \"%s\"", limber_reminder_outcome_name (event->reminder));
  g_string_append_c (out, '}');
  return TRUE;
}

gboolean
limber_journal_json_add_stretch_session (GString                     *out,
                                         gboolean                     first,
                                         const LimberStretchSession  *session,
                                         GError                     **error)
{
  begin_item (out, first, session->uuid, session->day);
  g_string_append (out, ", \"activity_id\": ");
  limber_json_append_string (out, session->activity_id);
  if (!add_time (out, "start", session->start_utc, session->start_offset_s, error) ||
      !add_time (out, "end", session->end_utc, session->end_offset_s, error))
    return FALSE;
  g_string_append_printf (out, ", \"seconds_done\": %d, \"completed\": %s",
                          session->seconds_done, session->completed ? "true" : "false");
  add_optional_score (out, "pain_before", session->pain_before);
  add_optional_score (out, "pain_after", session->pain_after);
  g_string_append_c (out, '}');
  return TRUE;
}

static void
add_optional_text (GString    *out,
                   const char *name,
                   const char *text)
{
  g_string_append_printf (out, ", \"%s\": ", name);
  if (text != NULL)
    limber_json_append_string (out, text);
  else
    g_string_append (out, "null");
}

static void
add_optional_measure (GString    *out,
                      const char *name,
                      int         value)
{
  if (value == LIMBER_MEASURE_UNSET)
    g_string_append_printf (out, ", \"%s\": null", name);
  else
    g_string_append_printf (out, ", \"%s\": %d", name, value);
}

static gboolean
add_created_updated (GString     *out,
                     gint64       created_utc,
                     int          created_offset_s,
                     gint64       updated_utc,
                     int          updated_offset_s,
                     GError     **error)
{
  if (!add_time (out, "created", created_utc, created_offset_s, error) ||
      !add_time (out, "updated", updated_utc, updated_offset_s, error))
    return FALSE;
  g_string_append_c (out, '}');
  return TRUE;
}

gboolean
limber_journal_json_add_factor (GString             *out,
                                gboolean             first,
                                const LimberFactor  *factor,
                                GError             **error)
{
  /* A factor has no day. */
  g_string_append (out, first ? "\n    {\"uuid\": " : ",\n    {\"uuid\": ");
  limber_json_append_string (out, factor->uuid);
  add_optional_text (out, "builtin", factor->builtin);
  add_optional_text (out, "name", factor->name);
  g_string_append_printf (out, ", \"retired\": %s", factor->retired ? "true" : "false");
  return add_created_updated (out, factor->created_utc, factor->created_offset_s,
                              factor->updated_utc, factor->updated_offset_s, error);
}

gboolean
limber_journal_json_add_day_factor (GString                *out,
                                    gboolean                first,
                                    const LimberDayFactor  *day_factor,
                                    GError                **error)
{
  begin_item (out, first, day_factor->uuid, day_factor->day);
  g_string_append (out, ", \"factor\": ");
  limber_json_append_string (out, day_factor->factor_uuid);
  add_optional_text (out, "medicine", day_factor->medicine);
  if (day_factor->doses == 0)
    g_string_append (out, ", \"doses\": null");
  else
    g_string_append_printf (out, ", \"doses\": %d", day_factor->doses);
  return add_created_updated (out, day_factor->created_utc, day_factor->created_offset_s,
                              day_factor->updated_utc, day_factor->updated_offset_s, error);
}

gboolean
limber_journal_json_add_day_measures (GString                  *out,
                                      gboolean                  first,
                                      const LimberDayMeasures  *measures,
                                      GError                  **error)
{
  begin_item (out, first, measures->uuid, measures->day);
  add_optional_measure (out, "sleep_tenths", measures->sleep_tenths);
  add_optional_measure (out, "sleep_quality", measures->sleep_quality);
  add_optional_measure (out, "stress", measures->stress);
  add_optional_measure (out, "desk_tenths", measures->desk_tenths);
  return add_created_updated (out, measures->created_utc, measures->created_offset_s,
                              measures->updated_utc, measures->updated_offset_s, error);
}

gboolean
limber_journal_json_add_life_change (GString                 *out,
                                     gboolean                 first,
                                     const LimberLifeChange  *change,
                                     GError                 **error)
{
  begin_item (out, first, change->uuid, change->day);
  g_string_append (out, ", \"text\": ");
  limber_json_append_string (out, change->text);
  return add_created_updated (out, change->created_utc, change->created_offset_s,
                              change->updated_utc, change->updated_offset_s, error);
}

gboolean
limber_journal_json_add_day_save (GString              *out,
                                  gboolean              first,
                                  const LimberDaySave  *save,
                                  GError              **error)
{
  g_string_append (out, first ? "\n    {\"day\": " : ",\n    {\"day\": ");
  limber_json_append_string (out, save->day);
  g_string_append_printf (out, ", \"factors\": %s, \"measures\": %s",
                          save->factors ? "true" : "false", save->measures ? "true" : "false");
  if (!add_time (out, "saved", save->saved_utc, save->saved_offset_s, error))
    return FALSE;
  g_string_append_c (out, '}');
  return TRUE;
}

typedef gboolean (*WriteJsonItem) (GString *out, gboolean first, gconstpointer item, GError **error);

#define WRITE_ITEM(kind, type) \
  static gboolean \
  write_##kind (GString *out, gboolean first, gconstpointer item, GError **error) \
  { \
    return limber_journal_json_add_##kind (out, first, (const type *) item, error); \
  }

WRITE_ITEM (pain_entry, LimberPainEntry)
WRITE_ITEM (break_event, LimberBreakEvent)
WRITE_ITEM (stretch_session, LimberStretchSession)
WRITE_ITEM (day_factor, LimberDayFactor)
WRITE_ITEM (day_measures, LimberDayMeasures)
WRITE_ITEM (day_save, LimberDaySave)

/* Writes the list @name of @items; nothing for an optional list that is
 * %NULL or empty. */
static gboolean
write_list (GString        *out,
            const char     *name,
            GPtrArray      *items,
            gboolean        optional,
            WriteJsonItem   write_item,
            GError        **error)
{
  if (optional && (items == NULL || items->len == 0))
    return TRUE;
  limber_journal_json_begin_list (out, name);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      if (!write_item (out, i == 0, g_ptr_array_index (items, i), error))
        return FALSE;
    }
  limber_journal_json_end_list (out);
  return TRUE;
}

char *
limber_journal_write_json (GPtrArray  *pain_entries,
                           GPtrArray  *break_events,
                           GPtrArray  *stretch_sessions,
                           GPtrArray  *day_factors,
                           GPtrArray  *day_measures,
                           GPtrArray  *day_saves,
                           GError    **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  limber_journal_json_begin (out);
  if (!write_list (out, "pain_entries", pain_entries, FALSE, write_pain_entry, error) ||
      !write_list (out, "break_events", break_events, FALSE, write_break_event, error) ||
      !write_list (out, "stretch_sessions", stretch_sessions, FALSE, write_stretch_session, error) ||
      !write_list (out, "day_saves", day_saves, TRUE, write_day_save, error) ||
      !write_list (out, "day_factors", day_factors, TRUE, write_day_factor, error) ||
      !write_list (out, "day_measures", day_measures, TRUE, write_day_measures, error))
    return NULL;
  limber_journal_json_end (out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* JSON reading */

static JsonNode *
get_member (JsonObject  *object,
            guint        line,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    limber_journal_fail_at (error, line, name, _("this member is missing"));
  return node;
}

static gboolean
get_string (JsonObject   *object,
            guint         line,
            const char   *name,
            gboolean      nullable,
            const char  **text_out,
            GError      **error)
{
  JsonNode *node = get_member (object, line, name, error);

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *text_out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return limber_journal_fail_at (error, line, name,
                                   nullable ? _("must be text or null") : _("must be text"));

  *text_out = json_node_get_string (node);
  return TRUE;
}

/* @present_out is FALSE for a null, which only @nullable allows. */
static gboolean
get_integer (JsonObject  *object,
             guint        line,
             const char  *name,
             gboolean     nullable,
             gboolean    *present_out,
             gint64      *value_out,
             GError     **error)
{
  JsonNode *node = get_member (object, line, name, error);

  if (node == NULL)
    return FALSE;
  *present_out = !JSON_NODE_HOLDS_NULL (node);
  if (nullable && !*present_out)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return limber_journal_fail_at (error, line, name,
                                   nullable ? _("must be a whole number or null")
                                            : _("must be a whole number"));

  *value_out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_score (JsonObject  *object,
           guint        line,
           const char  *name,
           gboolean     required,
           int         *score_out,
           GError     **error)
{
  gboolean present = FALSE;
  gint64 value = 0;

  if (!get_integer (object, line, name, !required, &present, &value, error))
    return FALSE;
  if (!present)
    {
      *score_out = LIMBER_PAIN_SCORE_UNSET;
      return TRUE;
    }
  return limber_journal_check_score (value, line, name, score_out, error);
}

static gboolean
check_seconds (gint64       value,
               guint        line,
               const char  *field,
               int         *seconds_out,
               GError     **error)
{
  if (value < 0 || value > G_MAXINT)
    return limber_journal_fail_at (error, line, field,
                                   _("%lld is not a number of seconds from 0 to %d"),
                                   (long long) value, G_MAXINT);

  *seconds_out = (int) value;
  return TRUE;
}

static gboolean
get_seconds (JsonObject  *object,
             guint        line,
             const char  *name,
             int         *seconds_out,
             GError     **error)
{
  gboolean present = FALSE;
  gint64 value = 0;

  return get_integer (object, line, name, FALSE, &present, &value, error) &&
         check_seconds (value, line, name, seconds_out, error);
}

static gboolean
get_boolean (JsonObject  *object,
             guint        line,
             const char  *name,
             gboolean    *value_out,
             GError     **error)
{
  JsonNode *node = get_member (object, line, name, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return limber_journal_fail_at (error, line, name, _("must be true or false"));

  *value_out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           guint        line,
           const char  *name,
           JsonArray  **array_out,
           GError     **error)
{
  JsonNode *node = get_member (object, line, name, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return limber_journal_fail_at (error, line, name, _("must be a list"));

  *array_out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          guint        line,
          const char  *name,
          gint64      *utc_out,
          int         *offset_s_out,
          GError     **error)
{
  const char *text = NULL;

  return get_string (object, line, name, FALSE, &text, error) &&
         limber_journal_parse_time (text, line, name, utc_out, offset_s_out, error);
}

/* A list of region (@regions) or red-flag ids. */
static gboolean
get_ids (JsonObject  *object,
         guint        line,
         const char  *name,
         gboolean     regions,
         guint       *flags_out,
         GError     **error)
{
  JsonArray *array = NULL;
  guint flags = 0;

  if (!get_array (object, line, name, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id;
      guint flag = 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return limber_journal_fail_at (error, line, name, _("must be a list of text"));

      /* One id each: “neck;head” is no id. */
      id = json_node_get_string (node);
      if (*id == '\0' || strchr (id, ';') != NULL)
        return limber_journal_unknown_id (id, regions, line, error);
      if (!limber_journal_parse_ids (id, regions, line, &flag, error))
        return FALSE;
      flags |= flag;
    }

  *flags_out = flags;
  return TRUE;
}

static gboolean
read_json_pain_entry (LimberImportSet  *set,
                      JsonObject       *object,
                      guint             line,
                      GError          **error)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (NULL);
  const char *uuid = NULL, *day = NULL, *note = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, entry->uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, set->today, line, entry->day, error) ||
      !get_score (object, line, "average", TRUE, &entry->average, error) ||
      !get_score (object, line, "worst", FALSE, &entry->worst, error) ||
      !get_score (object, line, "activity", FALSE, &entry->activity, error) ||
      !get_score (object, line, "enjoyment", FALSE, &entry->enjoyment, error) ||
      !get_ids (object, line, "regions", TRUE, &entry->regions, error) ||
      !get_ids (object, line, "red_flags", FALSE, &entry->red_flags, error) ||
      !get_string (object, line, "note", TRUE, &note, error) ||
      !get_time (object, line, "created", &entry->created_utc, &entry->created_offset_s, error) ||
      !get_time (object, line, "updated", &entry->updated_utc, &entry->updated_offset_s, error))
    return FALSE;
  limber_pain_entry_set_note (entry, note);

  return limber_import_set_add_pain_entry (set, g_steal_pointer (&entry), line, error);
}

static gboolean
read_json_break_event (LimberImportSet  *set,
                       JsonObject       *object,
                       guint             line,
                       GError          **error)
{
  LimberBreakEvent event = { { 0 } };
  const char *uuid = NULL, *day = NULL, *kind = NULL, *outcome = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, event.uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, NULL, line, event.day, error) ||
      !get_string (object, line, "kind", FALSE, &kind, error))
    return FALSE;
  if (!limber_break_kind_from_name (kind, &event.kind))
    return limber_journal_fail_at (error, line, "kind",
                                   _("“%s” is neither “micro” nor “rest”"), kind);
  if (!get_string (object, line, "outcome", FALSE, &outcome, error))
    return FALSE;
  if (!limber_break_outcome_from_name (outcome, &event.outcome))
    return limber_journal_fail_at (error, line, "outcome",
                                   _("“%s” is not one of taken, natural, postponed, skipped or missed"),
                                   outcome);
  if (!get_time (object, line, "due", &event.due_utc, &event.due_offset_s, error) ||
      !get_time (object, line, "end", &event.end_utc, &event.end_offset_s, error) ||
      !get_seconds (object, line, "duration_s", &event.duration_s, error))
    return FALSE;

  /* Optional: files from before it existed have none. */
  if (json_object_has_member (object, "reminder"))
    {
      const char *reminder = NULL;

      if (!get_string (object, line, "reminder", FALSE, &reminder, error))
        return FALSE;
      if (!limber_reminder_outcome_from_name (reminder, &event.reminder))
        return limber_journal_fail_at (error, line, "reminder",
                                       _("“%s” is not one of action, dismissed or expired"), reminder);
    }

  return limber_import_set_add_break_event (set, &event, line, error);
}

static gboolean
read_json_stretch_session (LimberImportSet  *set,
                           JsonObject       *object,
                           guint             line,
                           GError          **error)
{
  LimberStretchSession session = { { 0 } };
  const char *uuid = NULL, *day = NULL, *activity_id = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, session.uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, NULL, line, session.day, error) ||
      !get_string (object, line, "activity_id", FALSE, &activity_id, error) ||
      !get_time (object, line, "start", &session.start_utc, &session.start_offset_s, error) ||
      !get_time (object, line, "end", &session.end_utc, &session.end_offset_s, error) ||
      !get_seconds (object, line, "seconds_done", &session.seconds_done, error) ||
      !get_boolean (object, line, "completed", &session.completed, error) ||
      !get_score (object, line, "pain_before", FALSE, &session.pain_before, error) ||
      !get_score (object, line, "pain_after", FALSE, &session.pain_after, error))
    return FALSE;
  /* Borrowed from the parser; the set keeps a copy. */
  session.activity_id = (char *) activity_id;

  return limber_import_set_add_stretch_session (set, &session, line, error);
}

/* The factor API's checks, whose messages name the field, said at
 * @line. */
static gboolean
checked_at (gboolean     valid,
            GError      *check_error,
            guint        line,
            GError     **error)
{
  if (valid)
    return TRUE;
  limber_journal_fail_at (error, line, NULL, "%s", check_error->message);
  g_error_free (check_error);
  return FALSE;
}

/* Notes @key (the table's initials, then what must be unique) as first
 * seen on @line, or says on which earlier line it was. */
static gboolean
note_key (LimberImportSet  *set,
          const char       *field,
          guint             line,
          char             *key,
          GError          **error)
{
  guint earlier = GPOINTER_TO_UINT (g_hash_table_lookup (set->day_keys, key));

  if (earlier != 0)
    {
      g_free (key);
      return limber_journal_fail_at (error, line, field, _("this is the same as on line %u"), earlier);
    }
  g_hash_table_insert (set->day_keys, key, GUINT_TO_POINTER (line));
  return TRUE;
}

static gboolean
get_measure (JsonObject  *object,
             guint        line,
             const char  *name,
             int          max,
             int         *value_out,
             GError     **error)
{
  gboolean present = FALSE;
  gint64 value = 0;

  if (!get_integer (object, line, name, TRUE, &present, &value, error))
    return FALSE;
  if (!present)
    {
      *value_out = LIMBER_MEASURE_UNSET;
      return TRUE;
    }
  if (value < 0 || value > max)
    return limber_journal_fail_at (error, line, name, _("%lld is not between 0 and %d"), (long long) value, max);
  *value_out = (int) value;
  return TRUE;
}

static gboolean
read_json_factor (LimberImportSet  *set,
                  JsonObject       *object,
                  guint             line,
                  GError          **error)
{
  g_autoptr (LimberFactor) factor = g_new0 (LimberFactor, 1);
  GError *check_error = NULL;
  const char *uuid = NULL, *builtin = NULL, *name = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, factor->uuid, error) ||
      !get_string (object, line, "builtin", TRUE, &builtin, error) ||
      !get_string (object, line, "name", TRUE, &name, error) ||
      !get_boolean (object, line, "retired", &factor->retired, error) ||
      !get_time (object, line, "created", &factor->created_utc, &factor->created_offset_s, error) ||
      !get_time (object, line, "updated", &factor->updated_utc, &factor->updated_offset_s, error))
    return FALSE;
  if (builtin != NULL && limber_factor_builtin_label (builtin) == NULL)
    return limber_journal_fail_at (error, line, "builtin", _("“%s” is not a built-in factor"), builtin);
  if (builtin == NULL && name == NULL)
    return limber_journal_fail_at (error, line, "name", _("a factor that is not built in needs a name"));
  if (name != NULL && !checked_at (limber_factor_name_validate (name, &check_error), check_error, line, error))
    return FALSE;
  if (!note_key (set, "uuid", line, g_strconcat ("f:", factor->uuid, NULL), error) ||
      (builtin != NULL && !note_key (set, "builtin", line, g_strconcat ("fb:", builtin, NULL), error)))
    return FALSE;
  factor->builtin = g_strdup (builtin);
  factor->name = g_strdup (name);

  g_ptr_array_add (set->factors, g_steal_pointer (&factor));
  return TRUE;
}

static gboolean
read_json_day_factor (LimberImportSet  *set,
                      JsonObject       *object,
                      guint             line,
                      GError          **error)
{
  g_autoptr (LimberDayFactor) day_factor = limber_day_factor_new (NULL, NULL);
  GError *check_error = NULL;
  const char *uuid = NULL, *day = NULL, *factor = NULL, *medicine = NULL;
  gboolean present = FALSE;
  gint64 doses = 0;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, day_factor->uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, set->today, line, day_factor->day, error) ||
      !get_string (object, line, "factor", FALSE, &factor, error))
    return FALSE;
  if (!limber_uuid_is_valid (factor))
    return limber_journal_fail_at (error, line, "factor", _("“%s” is not a UUID in lower case"), factor);
  g_strlcpy (day_factor->factor_uuid, factor, sizeof day_factor->factor_uuid);
  /* The factors come first in the file, and every export has them all.
   * A write that waited names only the factors of the day it saves,
   * which the journal had when it was saved. */
  {
    g_autofree char *factor_key = g_strconcat ("f:", factor, NULL);
    g_autofree char *saved_key = g_strconcat ("dsf:", day_factor->day, NULL);

    if (!g_hash_table_contains (set->day_keys, factor_key) &&
        !g_hash_table_contains (set->day_keys, saved_key))
      return limber_journal_fail_at (error, line, "factor", _("no factor in the file has this UUID"));
  }
  if (!get_string (object, line, "medicine", TRUE, &medicine, error) ||
      !get_integer (object, line, "doses", TRUE, &present, &doses, error))
    return FALSE;
  if (present && (doses < 1 || doses > LIMBER_MEDICINE_DOSES_MAX))
    return limber_journal_fail_at (error, line, "doses", _("%lld is not between 1 and %d"),
                                   (long long) doses, LIMBER_MEDICINE_DOSES_MAX);
  day_factor->doses = present ? (int) doses : 0;
  day_factor->medicine = g_strdup (medicine);
  if (!get_time (object, line, "created", &day_factor->created_utc, &day_factor->created_offset_s, error) ||
      !get_time (object, line, "updated", &day_factor->updated_utc, &day_factor->updated_offset_s, error) ||
      !checked_at (limber_day_factor_validate (day_factor, &check_error), check_error, line, error) ||
      !note_key (set, "uuid", line, g_strconcat ("df:", day_factor->uuid, NULL), error) ||
      !note_key (set, "factor", line, g_strconcat ("dff:", day_factor->day, day_factor->factor_uuid, NULL), error))
    return FALSE;

  g_ptr_array_add (set->day_factors, g_steal_pointer (&day_factor));
  return TRUE;
}

static gboolean
read_json_day_measures (LimberImportSet  *set,
                        JsonObject       *object,
                        guint             line,
                        GError          **error)
{
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new (NULL);
  GError *check_error = NULL;
  const char *uuid = NULL, *day = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, measures->uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, set->today, line, measures->day, error) ||
      !get_measure (object, line, "sleep_tenths", LIMBER_DAY_TENTHS_MAX, &measures->sleep_tenths, error) ||
      !get_measure (object, line, "sleep_quality", 10, &measures->sleep_quality, error) ||
      !get_measure (object, line, "stress", 10, &measures->stress, error) ||
      !get_measure (object, line, "desk_tenths", LIMBER_DAY_TENTHS_MAX, &measures->desk_tenths, error) ||
      !get_time (object, line, "created", &measures->created_utc, &measures->created_offset_s, error) ||
      !get_time (object, line, "updated", &measures->updated_utc, &measures->updated_offset_s, error) ||
      !checked_at (limber_day_measures_validate (measures, &check_error), check_error, line, error))
    return FALSE;
  if (limber_day_measures_is_empty (measures))
    return limber_journal_fail_at (error, line, NULL, _("these day measures say nothing"));
  if (!note_key (set, "uuid", line, g_strconcat ("dm:", measures->uuid, NULL), error) ||
      !note_key (set, "day", line, g_strconcat ("dmd:", measures->day, NULL), error))
    return FALSE;

  g_ptr_array_add (set->day_measures, g_steal_pointer (&measures));
  return TRUE;
}

static gboolean
read_json_life_change (LimberImportSet  *set,
                       JsonObject       *object,
                       guint             line,
                       GError          **error)
{
  g_autoptr (LimberLifeChange) change = limber_life_change_new (NULL, NULL);
  GError *check_error = NULL;
  const char *uuid = NULL, *day = NULL, *text = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !limber_journal_parse_uuid (uuid, line, change->uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, set->today, line, change->day, error) ||
      !get_string (object, line, "text", FALSE, &text, error))
    return FALSE;
  change->text = g_strdup (text);
  if (!get_time (object, line, "created", &change->created_utc, &change->created_offset_s, error) ||
      !get_time (object, line, "updated", &change->updated_utc, &change->updated_offset_s, error) ||
      !checked_at (limber_life_change_validate (change, &check_error), check_error, line, error) ||
      !note_key (set, "uuid", line, g_strconcat ("lc:", change->uuid, NULL), error))
    return FALSE;

  g_ptr_array_add (set->life_changes, g_steal_pointer (&change));
  return TRUE;
}

/* A day a write that waited saved as a whole; see LimberDaySave. */
static gboolean
read_json_day_save (LimberImportSet  *set,
                    JsonObject       *object,
                    guint             line,
                    GError          **error)
{
  g_autofree LimberDaySave *save = g_new0 (LimberDaySave, 1);
  const char *day = NULL;

  if (!get_string (object, line, "day", FALSE, &day, error) ||
      !limber_journal_parse_day (day, set->today, line, save->day, error) ||
      !get_boolean (object, line, "factors", &save->factors, error) ||
      !get_boolean (object, line, "measures", &save->measures, error) ||
      !get_time (object, line, "saved", &save->saved_utc, &save->saved_offset_s, error) ||
      !note_key (set, "day", line, g_strconcat ("ds:", save->day, NULL), error))
    return FALSE;
  if (save->factors)
    g_hash_table_insert (set->day_keys, g_strconcat ("dsf:", save->day, NULL), GUINT_TO_POINTER (line));

  g_ptr_array_add (set->day_saves, g_steal_pointer (&save));
  return TRUE;
}

typedef gboolean (*ReadJsonItem) (LimberImportSet  *set,
                                  JsonObject       *object,
                                  guint             line,
                                  GError          **error);

/* The lists a change line of sync may hold a record of, and where the
 * set keeps what each reads. */
static const struct
{
  const char   *name;
  ReadJsonItem  read_item;
  gsize         records;
} record_lists[] = {
  { "pain_entries", read_json_pain_entry, G_STRUCT_OFFSET (LimberImportSet, pain_entries) },
  { "break_events", read_json_break_event, G_STRUCT_OFFSET (LimberImportSet, break_events) },
  { "stretch_sessions", read_json_stretch_session, G_STRUCT_OFFSET (LimberImportSet, stretch_sessions) },
  { "factors", read_json_factor, G_STRUCT_OFFSET (LimberImportSet, factors) },
  { "day_factors", read_json_day_factor, G_STRUCT_OFFSET (LimberImportSet, day_factors) },
  { "day_measures", read_json_day_measures, G_STRUCT_OFFSET (LimberImportSet, day_measures) },
  { "life_changes", read_json_life_change, G_STRUCT_OFFSET (LimberImportSet, life_changes) },
};

/* Empties @set of what a record left in it, so the next record starts
 * afresh. */
static void
import_set_clear (LimberImportSet *set)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_lists); i++)
    g_ptr_array_set_size (G_STRUCT_MEMBER (GPtrArray *, set, record_lists[i].records), 0);
  g_hash_table_remove_all (set->pain_uuids);
  g_hash_table_remove_all (set->pain_days);
  g_hash_table_remove_all (set->break_uuids);
  g_hash_table_remove_all (set->stretch_uuids);
  g_hash_table_remove_all (set->day_keys);
}

gpointer
limber_journal_json_read_record (LimberImportSet  *set,
                                 const char       *name,
                                 JsonObject       *object,
                                 guint             line,
                                 GError          **error)
{
  gpointer record = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (record_lists); i++)
    {
      GPtrArray *records;

      if (!g_str_equal (name, record_lists[i].name))
        continue;

      /* A day factor alone cannot point to a factor of the same file:
       * its factor comes in a line of its own, or is in the journal
       * already, which the merge sees. */
      if (record_lists[i].read_item == read_json_day_factor)
        {
          JsonNode *factor = json_object_get_member (object, "factor");

          if (factor != NULL && JSON_NODE_HOLDS_VALUE (factor) &&
              json_node_get_value_type (factor) == G_TYPE_STRING)
            g_hash_table_insert (set->day_keys, g_strconcat ("f:", json_node_get_string (factor), NULL),
                                 GUINT_TO_POINTER (line));
        }

      records = G_STRUCT_MEMBER (GPtrArray *, set, record_lists[i].records);
      if (record_lists[i].read_item (set, object, line, error))
        record = g_ptr_array_steal_index (records, records->len - 1);
      import_set_clear (set);
      return record;
    }

  limber_journal_fail_at (error, line, name, _("this is not a list of records"));
  return NULL;
}

/* The lists of records, read one record at a time after the file's
 * format and version have been checked, wherever they are in the file. */
typedef struct
{
  const char   *name;
  ReadJsonItem  read_item;
  /* Files from before a list was added have none of it. */
  gboolean      optional;
  gboolean      found;
  gsize         pos;
  guint         line;
} JsonList;

static gboolean
json_syntax_error (LimberJsonReader  *reader,
                   GError            *reader_error,
                   GError           **error)
{
  limber_journal_fail_at (error, reader->line, NULL, _("this is not valid JSON: %s"), reader_error->message);
  g_error_free (reader_error);
  return FALSE;
}

static gboolean
read_json_list (LimberImportSet   *set,
                LimberJsonReader  *reader,
                const JsonList    *list,
                guint              top_line,
                GError           **error)
{
  GError *reader_error = NULL;
  gboolean more = TRUE;

  if (!list->found && list->optional)
    return TRUE;
  if (!list->found)
    return limber_journal_fail_at (error, top_line, list->name, _("this member is missing"));

  reader->pos = list->pos;
  reader->line = list->line;
  reader->depth = 1;
  if (reader->data[reader->pos] != '[')
    return limber_journal_fail_at (error, list->line, list->name, _("must be a list"));
  if (!limber_json_reader_begin_array (reader, &reader_error))
    return json_syntax_error (reader, reader_error, error);

  for (gboolean first = TRUE;; first = FALSE)
    {
      g_autoptr (JsonNode) node = NULL;
      guint line;

      if (!limber_json_reader_next_element (reader, first, &more, &reader_error))
        return json_syntax_error (reader, reader_error, error);
      if (!more)
        return TRUE;

      line = limber_json_reader_line (reader);
      if (!limber_json_reader_read_value (reader, &node, &reader_error))
        return json_syntax_error (reader, reader_error, error);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return limber_journal_fail_at (error, line, list->name, _("each item must be an object"));
      if (!list->read_item (set, json_node_get_object (node), line, error))
        return FALSE;
    }
}

gboolean
limber_journal_read_json (LimberImportSet  *set,
                          const char       *data,
                          gsize             length,
                          GError          **error)
{
  JsonList lists[] = {
    { "pain_entries", read_json_pain_entry, FALSE, FALSE, 0, 0 },
    { "break_events", read_json_break_event, FALSE, FALSE, 0, 0 },
    { "stretch_sessions", read_json_stretch_session, FALSE, FALSE, 0, 0 },
    /* The days a write that waited saved whole, and factors, before the
     * days that refer to them. */
    { "day_saves", read_json_day_save, TRUE, FALSE, 0, 0 },
    { "factors", read_json_factor, TRUE, FALSE, 0, 0 },
    { "day_factors", read_json_day_factor, TRUE, FALSE, 0, 0 },
    { "day_measures", read_json_day_measures, TRUE, FALSE, 0, 0 },
    { "life_changes", read_json_life_change, TRUE, FALSE, 0, 0 },
  };
  LimberJsonReader reader;
  GError *reader_error = NULL;
  g_autoptr (JsonObject) top = json_object_new ();
  const char *bad_byte = NULL;
  const char *format = NULL;
  guint top_line;
  gboolean present = FALSE;
  gint64 version = 0;

  /* The reader takes only UTF-8; say where it stops being that. */
  if (!g_utf8_validate_len (data, length, &bad_byte))
    {
      guint line = 1;

      for (const char *c = data; c < bad_byte; c++)
        line += *c == '\n';
      return limber_journal_fail_at (error, line, NULL, _("the text is not valid UTF-8"));
    }

  limber_json_reader_init (&reader, data, length, LIMBER_JSON_MAX_DEPTH);
  top_line = limber_json_reader_line (&reader);
  if (reader.pos >= reader.length || reader.data[reader.pos] != '{')
    return limber_journal_fail_at (error, top_line, NULL, _("the file is not a Limber journal"));
  if (!limber_json_reader_begin_object (&reader, &reader_error))
    return json_syntax_error (&reader, reader_error, error);

  /* First the whole file is checked, the lists only noted; the members
   * other than the lists are small, and kept. */
  for (gboolean first = TRUE;; first = FALSE)
    {
      g_autofree char *name = NULL;
      JsonNode *node = NULL;
      JsonList *list = NULL;

      if (!limber_json_reader_next_member (&reader, first, &name, &reader_error))
        return json_syntax_error (&reader, reader_error, error);
      if (name == NULL)
        break;

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          if (g_str_equal (name, lists[i].name))
            list = &lists[i];
        }
      if ((list != NULL && list->found) || json_object_has_member (top, name))
        return limber_journal_fail_at (error, limber_json_reader_line (&reader), name,
                                       _("this member is there twice"));

      if (list != NULL)
        {
          list->found = TRUE;
          list->line = limber_json_reader_line (&reader);
          list->pos = reader.pos;
        }
      if (!limber_json_reader_read_value (&reader, list == NULL ? &node : NULL, &reader_error))
        return json_syntax_error (&reader, reader_error, error);
      if (node != NULL)
        json_object_set_member (top, name, node);
    }
  if (!limber_json_reader_end (&reader, &reader_error))
    return json_syntax_error (&reader, reader_error, error);

  if (!get_string (top, top_line, "format", FALSE, &format, error))
    return FALSE;
  if (!g_str_equal (format, JSON_FORMAT_NAME))
    return limber_journal_fail_at (error, top_line, "format",
                                   _("“%s” is not “%s”, so the file is not a Limber journal"),
                                   format, JSON_FORMAT_NAME);
  if (!get_integer (top, top_line, "version", FALSE, &present, &version, error))
    return FALSE;
  if (version > JSON_FORMAT_VERSION)
    return limber_journal_fail_at (error, top_line, "version",
                                   _("the file was written by a newer version of Limber (format %lld; this one knows %d)"),
                                   (long long) version, JSON_FORMAT_VERSION);
  if (version < 1)
    return limber_journal_fail_at (error, top_line, "version",
                                   _("%lld is not a format version"), (long long) version);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (!read_json_list (set, &reader, &lists[i], top_line, error))
        return FALSE;
    }
  return TRUE;
}
