/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "limber-journal-formats.h"
#include "limber-json-lines.h"

/* JSON holds everything, for another computer. The reader keeps track of
 * lines itself, from the parser's signals, so that its messages can point
 * at the line of a bad value as the CSV reader's do. */

#define JSON_FORMAT_NAME    "limber-journal"
#define JSON_FORMAT_VERSION 1

/* JSON writing */

static gboolean
add_time (JsonBuilder  *builder,
          const char   *name,
          gint64        utc,
          int           offset_s,
          GError      **error)
{
  g_autofree char *text = limber_journal_format_time (utc, offset_s);

  if (text == NULL)
    return limber_journal_time_error (error, utc);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
  return TRUE;
}

static void
add_optional_score (JsonBuilder *builder,
                    const char  *name,
                    int          score)
{
  json_builder_set_member_name (builder, name);
  if (score == LIMBER_PAIN_SCORE_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, score);
}

static void
add_ids (JsonBuilder          *builder,
         const char           *name,
         const LimberFlagInfo *infos,
         guint                 n_infos,
         guint                 flags)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_infos; i++)
    {
      if (flags & infos[i].flag)
        json_builder_add_string_value (builder, infos[i].id);
    }
  json_builder_end_array (builder);
}

static gboolean
add_pain_entry (JsonBuilder            *builder,
                const LimberPainEntry  *entry,
                GError                **error)
{
  const LimberFlagInfo *infos;
  guint n_infos;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, entry->uuid);
  json_builder_set_member_name (builder, "day");
  json_builder_add_string_value (builder, entry->day);
  json_builder_set_member_name (builder, "average");
  json_builder_add_int_value (builder, entry->average);
  add_optional_score (builder, "worst", entry->worst);
  add_optional_score (builder, "activity", entry->activity);
  add_optional_score (builder, "enjoyment", entry->enjoyment);
  infos = limber_body_regions (&n_infos);
  add_ids (builder, "regions", infos, n_infos, entry->regions);
  infos = limber_red_flags (&n_infos);
  add_ids (builder, "red_flags", infos, n_infos, entry->red_flags);
  json_builder_set_member_name (builder, "note");
  if (entry->note != NULL)
    json_builder_add_string_value (builder, entry->note);
  else
    json_builder_add_null_value (builder);
  if (!add_time (builder, "created", entry->created_utc, entry->created_offset_s, error) ||
      !add_time (builder, "updated", entry->updated_utc, entry->updated_offset_s, error))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_break_event (JsonBuilder             *builder,
                 const LimberBreakEvent  *event,
                 GError                 **error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, event->uuid);
  json_builder_set_member_name (builder, "day");
  json_builder_add_string_value (builder, event->day);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, limber_break_kind_name (event->kind));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, limber_break_outcome_name (event->outcome));
  if (!add_time (builder, "due", event->due_utc, event->due_offset_s, error) ||
      !add_time (builder, "end", event->end_utc, event->end_offset_s, error))
    return FALSE;
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_int_value (builder, event->duration_s);
  if (event->reminder != LIMBER_REMINDER_NONE)
    {
      json_builder_set_member_name (builder, "reminder");
      json_builder_add_string_value (builder, limber_reminder_outcome_name (event->reminder));
    }
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_stretch_session (JsonBuilder                 *builder,
                     const LimberStretchSession  *session,
                     GError                     **error)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, session->uuid);
  json_builder_set_member_name (builder, "day");
  json_builder_add_string_value (builder, session->day);
  json_builder_set_member_name (builder, "activity_id");
  json_builder_add_string_value (builder, session->activity_id);
  if (!add_time (builder, "start", session->start_utc, session->start_offset_s, error) ||
      !add_time (builder, "end", session->end_utc, session->end_offset_s, error))
    return FALSE;
  json_builder_set_member_name (builder, "seconds_done");
  json_builder_add_int_value (builder, session->seconds_done);
  json_builder_set_member_name (builder, "completed");
  json_builder_add_boolean_value (builder, session->completed);
  add_optional_score (builder, "pain_before", session->pain_before);
  add_optional_score (builder, "pain_after", session->pain_after);
  json_builder_end_object (builder);
  return TRUE;
}

char *
limber_journal_write_json (GPtrArray  *pain_entries,
                           GPtrArray  *break_events,
                           GPtrArray  *stretch_sessions,
                           GError    **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, JSON_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, JSON_FORMAT_VERSION);

  json_builder_set_member_name (builder, "pain_entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pain_entries->len; i++)
    {
      if (!add_pain_entry (builder, g_ptr_array_index (pain_entries, i), error))
        return NULL;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "break_events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < break_events->len; i++)
    {
      if (!add_break_event (builder, g_ptr_array_index (break_events, i), error))
        return NULL;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stretch_sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stretch_sessions->len; i++)
    {
      if (!add_stretch_session (builder, g_ptr_array_index (stretch_sessions, i), error))
        return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
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

typedef gboolean (*ReadJsonItem) (LimberImportSet  *set,
                                  JsonObject       *object,
                                  guint             line,
                                  GError          **error);

static gboolean
read_json_items (LimberImportSet  *set,
                 LimberJsonLines  *lines,
                 JsonObject       *top,
                 guint             top_line,
                 const char       *name,
                 ReadJsonItem      read_item,
                 GError          **error)
{
  JsonArray *array = NULL;

  if (!get_array (top, top_line, name, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint line = limber_json_lines_of (lines, node);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return limber_journal_fail_at (error, line, name, _("each item must be an object"));
      if (!read_item (set, json_node_get_object (node), line, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
limber_journal_read_json (LimberImportSet  *set,
                          const char       *data,
                          gsize             length,
                          GError          **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LimberJsonLines) lines = limber_json_lines_watch (parser);
  g_autoptr (GError) parse_error = NULL;
  const char *bad_byte = NULL;
  const char *format = NULL;
  JsonNode *root;
  JsonObject *top;
  guint top_line;
  gboolean present = FALSE;
  gint64 version = 0;

  /* json-glib would stop at a NUL and say little about bad bytes. */
  if (!g_utf8_validate_len (data, length, &bad_byte))
    {
      guint line = 1;

      for (const char *c = data; c < bad_byte; c++)
        line += *c == '\n';
      return limber_journal_fail_at (error, line, NULL, _("the text is not valid UTF-8"));
    }

  {
    guint deep_line = 0;

    if (!limber_json_check_depth (data, length, LIMBER_JSON_MAX_DEPTH, &deep_line))
      return limber_journal_fail_at (error, deep_line, NULL,
                                     /* Translators: %d is how deeply lists
                                      * and objects may nest. */
                                     _("lists and objects nest more than %d deep"),
                                     LIMBER_JSON_MAX_DEPTH);
  }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    return limber_journal_fail_at (error, limber_json_lines_error_line (lines), NULL,
                                   _("this is not valid JSON (%s)"), parse_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return limber_journal_fail_at (error, 1, NULL, _("the file is not a Limber journal"));
  top = json_node_get_object (root);
  top_line = limber_json_lines_of (lines, root);

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

  return read_json_items (set, lines, top, top_line, "pain_entries", read_json_pain_entry, error) &&
         read_json_items (set, lines, top, top_line, "break_events", read_json_break_event, error) &&
         read_json_items (set, lines, top, top_line, "stretch_sessions", read_json_stretch_session, error);
}
