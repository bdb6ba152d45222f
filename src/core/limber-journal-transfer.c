/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "limber-journal-private.h"

/* Export of the journal to CSV (the pain entries, for a spreadsheet or a
 * doctor) and JSON (everything, for another computer), and import of both.
 * An import is checked whole before anything is written and then merged by
 * UUID in one transaction, so that a bad file changes nothing and importing
 * a file twice is the same as importing it once. */

#define JSON_FORMAT_NAME    "limber-journal"
#define JSON_FORMAT_VERSION 1
#define TIME_FORMAT         "%Y-%m-%dT%H:%M:%S%:z"

typedef enum
{
  COLUMN_UUID,
  COLUMN_DAY,
  COLUMN_AVERAGE,
  COLUMN_WORST,
  COLUMN_ACTIVITY,
  COLUMN_ENJOYMENT,
  COLUMN_REGIONS,
  COLUMN_RED_FLAGS,
  COLUMN_NOTE,
  COLUMN_CREATED,
  COLUMN_UPDATED,
  N_COLUMNS
} Column;

static const char *csv_columns[N_COLUMNS] = {
  "uuid", "day", "average", "worst", "activity", "enjoyment",
  "regions", "red_flags", "note", "created", "updated",
};

/* Errors and values shared by both formats */

static gboolean fail_at (GError     **error,
                         guint        line,
                         const char  *field,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* Sets @error to a problem on @line of an imported file, in @field when
 * known; returns FALSE. */
static gboolean
fail_at (GError     **error,
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
static char *
format_time (gint64 utc,
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

static gboolean
time_error (GError **error,
            gint64   utc)
{
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
               _("The journal holds a time that cannot be written out (%lld seconds)."),
               (long long) utc);
  return FALSE;
}

static gboolean
parse_required (const char  *text,
                guint        line,
                const char  *field,
                GError     **error)
{
  if (*text == '\0')
    return fail_at (error, line, field, _("a value is needed"));
  return TRUE;
}

static gboolean
parse_uuid (const char  *text,
            guint        line,
            char        *uuid_out,
            GError     **error)
{
  if (!parse_required (text, line, "uuid", error))
    return FALSE;
  if (!g_uuid_string_is_valid (text))
    return fail_at (error, line, "uuid", _("“%s” is not a UUID"), text);

  g_strlcpy (uuid_out, text, LIMBER_UUID_LENGTH + 1);
  return TRUE;
}

/* @today, when not NULL, is the latest day allowed. */
static gboolean
parse_day (const char  *text,
           const char  *today,
           guint        line,
           char        *day_out,
           GError     **error)
{
  if (!parse_required (text, line, "day", error))
    return FALSE;
  if (!limber_day_is_valid (text))
    return fail_at (error, line, "day", _("“%s” is not a date written as YYYY-MM-DD"), text);
  if (today != NULL && strcmp (text, today) > 0)
    return fail_at (error, line, "day", _("%s is in the future; today is %s"), text, today);

  g_strlcpy (day_out, text, LIMBER_DAY_LENGTH + 1);
  return TRUE;
}

static gboolean
parse_time (const char  *text,
            guint        line,
            const char  *field,
            gint64      *utc_out,
            int         *offset_s_out,
            GError     **error)
{
  g_autoptr (GDateTime) parsed = NULL;
  const char *clock = strchr (text, 'T');

  if (!parse_required (text, line, field, error))
    return FALSE;

  /* Without an offset the time would silently take this computer's zone,
   * which need not be the one it was written in. */
  if (clock != NULL && strpbrk (clock, "Z+-") != NULL)
    parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return fail_at (error, line, field,
                    _("“%s” is not a time written as 2026-11-25T09:30:00+01:00"), text);

  *utc_out = g_date_time_to_unix (parsed);
  *offset_s_out = (int) (g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_SECOND);
  return TRUE;
}

static gboolean
check_score (gint64       value,
             guint        line,
             const char  *field,
             int         *score_out,
             GError     **error)
{
  if (value < LIMBER_PAIN_SCORE_MIN || value > LIMBER_PAIN_SCORE_MAX)
    return fail_at (error, line, field, _("%lld is not a score from 0 to 10"), (long long) value);

  *score_out = (int) value;
  return TRUE;
}

static gboolean
check_seconds (gint64       value,
               guint        line,
               const char  *field,
               int         *seconds_out,
               GError     **error)
{
  if (value < 0 || value > G_MAXINT)
    return fail_at (error, line, field, _("%lld is not a number of seconds from 0 to %d"),
                    (long long) value, G_MAXINT);

  *seconds_out = (int) value;
  return TRUE;
}

static gboolean
unknown_id (const char  *id,
            gboolean     regions,
            guint        line,
            GError     **error)
{
  if (regions)
    return fail_at (error, line, "regions", _("“%s” is not a known body region"), id);
  return fail_at (error, line, "red_flags", _("“%s” is not a known symptom"), id);
}

/* Ids of body regions (@regions) or of red-flag symptoms, joined by ";". */
static gboolean
parse_ids (const char  *text,
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
  return unknown_id (bad_id, regions, line, error);
}

/* What an import brings, checked and ready to write. */
typedef struct
{
  char       *today;
  GPtrArray  *pain_entries;
  GPtrArray  *break_events;
  GPtrArray  *stretch_sessions;
  /* The line where each UUID, or day of a pain entry, came first. */
  GHashTable *pain_uuids;
  GHashTable *pain_days;
  GHashTable *break_uuids;
  GHashTable *stretch_uuids;
} ImportSet;

static void
stretch_session_free (LimberStretchSession *session)
{
  g_free (session->activity_id);
  g_free (session);
}

static ImportSet *
import_set_new (GDateTime *now)
{
  ImportSet *set = g_new0 (ImportSet, 1);

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

static void
import_set_free (ImportSet *set)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportSet, import_set_free)

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
    return fail_at (error, line, field, _("“%s” is in the file twice, also on line %u"),
                    key, GPOINTER_TO_UINT (first_line));

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (line));
  return TRUE;
}

static gboolean
import_set_add_pain_entry (ImportSet        *set,
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

static gboolean
import_set_add_break_event (ImportSet               *set,
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
static gboolean
import_set_add_stretch_session (ImportSet                   *set,
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

/* CSV reading (RFC 4180, lenient about line ends) */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  /* The header's names, to name fields in errors; NULL while reading it. */
  GPtrArray  *header;
} CsvReader;

typedef struct
{
  /* The line where the record starts. */
  guint      line;
  GPtrArray *fields;
  /* The line where each field starts: a quoted field may span several. */
  GArray    *lines;
} CsvRecord;

static void
csv_record_free (CsvRecord *record)
{
  g_ptr_array_unref (record->fields);
  g_array_unref (record->lines);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvRecord, csv_record_free)

/* The length of the line end at @pos: CRLF, LF or a lone CR; 0 if none. */
static gsize
csv_line_end (const CsvReader *reader,
              gsize            pos)
{
  if (pos >= reader->length)
    return 0;
  if (reader->data[pos] == '\n')
    return 1;
  if (reader->data[pos] == '\r')
    return (pos + 1 < reader->length && reader->data[pos + 1] == '\n') ? 2 : 1;
  return 0;
}

static const char *
csv_field_name (const CsvReader *reader,
                guint            index)
{
  if (reader->header != NULL && index < reader->header->len)
    return g_ptr_array_index (reader->header, index);
  return NULL;
}

/* Reads one field at the reader's position into @field. */
static gboolean
csv_read_field (CsvReader  *reader,
                guint       index,
                GString    *field,
                GError    **error)
{
  guint start_line = reader->line;

  if (reader->pos < reader->length && reader->data[reader->pos] == '"')
    {
      reader->pos++;
      for (;;)
        {
          gsize end;

          if (reader->pos >= reader->length)
            return fail_at (error, start_line, csv_field_name (reader, index),
                            _("the quotes opened here are never closed"));

          if (reader->data[reader->pos] == '"')
            {
              if (reader->pos + 1 < reader->length && reader->data[reader->pos + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  reader->pos += 2;
                  continue;
                }
              reader->pos++;
              break;
            }

          /* A line end inside quotes is part of the text, but still a
           * line for the messages. */
          end = csv_line_end (reader, reader->pos);
          if (end > 0)
            {
              g_string_append_len (field, reader->data + reader->pos, end);
              reader->pos += end;
              reader->line++;
              continue;
            }

          g_string_append_c (field, reader->data[reader->pos]);
          reader->pos++;
        }

      if (reader->pos < reader->length && reader->data[reader->pos] != ',' &&
          csv_line_end (reader, reader->pos) == 0)
        return fail_at (error, reader->line, csv_field_name (reader, index),
                        _("text follows the closing quote; quotes inside a field are written twice"));
    }
  else
    {
      while (reader->pos < reader->length && reader->data[reader->pos] != ',' &&
             csv_line_end (reader, reader->pos) == 0)
        g_string_append_c (field, reader->data[reader->pos++]);
    }

  if (!g_utf8_validate_len (field->str, field->len, NULL))
    return fail_at (error, start_line, csv_field_name (reader, index),
                    _("the text is not valid UTF-8"));

  return TRUE;
}

/* The next record, or NULL at the end or with @error set. Blank lines are
 * skipped. */
static CsvRecord *
csv_reader_next (CsvReader  *reader,
                 GError    **error)
{
  g_autoptr (CsvRecord) record = NULL;
  gsize end;

  while ((end = csv_line_end (reader, reader->pos)) > 0)
    {
      reader->pos += end;
      reader->line++;
    }
  if (reader->pos >= reader->length)
    return NULL;

  record = g_new0 (CsvRecord, 1);
  record->line = reader->line;
  record->fields = g_ptr_array_new_with_free_func (g_free);
  record->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (;;)
    {
      g_autoptr (GString) field = g_string_new (NULL);
      guint field_line = reader->line;

      if (!csv_read_field (reader, record->fields->len, field, error))
        return NULL;
      g_ptr_array_add (record->fields, g_string_free (g_steal_pointer (&field), FALSE));
      g_array_append_val (record->lines, field_line);

      if (reader->pos < reader->length && reader->data[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }

      end = csv_line_end (reader, reader->pos);
      if (end > 0)
        {
          reader->pos += end;
          reader->line++;
        }
      return g_steal_pointer (&record);
    }
}

static gboolean
parse_csv_score (const char  *text,
                 gboolean     required,
                 guint        line,
                 const char  *field,
                 int         *score_out,
                 GError     **error)
{
  gint64 value;

  if (*text == '\0' && !required)
    {
      *score_out = LIMBER_PAIN_SCORE_UNSET;
      return TRUE;
    }
  if (!parse_required (text, line, field, error))
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fail_at (error, line, field, _("“%s” is not a whole number"), text);

  return check_score (value, line, field, score_out, error);
}

static gboolean
read_csv_pain_entry (ImportSet        *set,
                     const CsvRecord  *record,
                     const guint      *columns,
                     GError          **error)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (NULL);
  const char *value[N_COLUMNS];
  guint line[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      value[c] = g_ptr_array_index (record->fields, columns[c]);
      line[c] = g_array_index (record->lines, guint, columns[c]);
    }

  if (!parse_uuid (value[COLUMN_UUID], line[COLUMN_UUID], entry->uuid, error) ||
      !parse_day (value[COLUMN_DAY], set->today, line[COLUMN_DAY], entry->day, error) ||
      !parse_csv_score (value[COLUMN_AVERAGE], TRUE, line[COLUMN_AVERAGE], "average", &entry->average, error) ||
      !parse_csv_score (value[COLUMN_WORST], FALSE, line[COLUMN_WORST], "worst", &entry->worst, error) ||
      !parse_csv_score (value[COLUMN_ACTIVITY], FALSE, line[COLUMN_ACTIVITY], "activity", &entry->activity, error) ||
      !parse_csv_score (value[COLUMN_ENJOYMENT], FALSE, line[COLUMN_ENJOYMENT], "enjoyment", &entry->enjoyment, error) ||
      !parse_ids (value[COLUMN_REGIONS], TRUE, line[COLUMN_REGIONS], &entry->regions, error) ||
      !parse_ids (value[COLUMN_RED_FLAGS], FALSE, line[COLUMN_RED_FLAGS], &entry->red_flags, error) ||
      !parse_time (value[COLUMN_CREATED], line[COLUMN_CREATED], "created",
                   &entry->created_utc, &entry->created_offset_s, error) ||
      !parse_time (value[COLUMN_UPDATED], line[COLUMN_UPDATED], "updated",
                   &entry->updated_utc, &entry->updated_offset_s, error))
    return FALSE;
  limber_pain_entry_set_note (entry, value[COLUMN_NOTE]);

  return import_set_add_pain_entry (set, g_steal_pointer (&entry), record->line, error);
}

/* Finds each column by its name in the header, so that their order does
 * not matter; @columns receives the index of each. */
static gboolean
read_csv_header (const CsvRecord  *header,
                 guint            *columns,
                 GError          **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = G_MAXUINT;

  for (guint i = 0; i < header->fields->len; i++)
    {
      const char *name = g_ptr_array_index (header->fields, i);
      guint c = 0;

      while (c < N_COLUMNS && !g_str_equal (name, csv_columns[c]))
        c++;
      if (c == N_COLUMNS)
        return fail_at (error, header->line, NULL, _("“%s” is not a known column"), name);
      if (columns[c] != G_MAXUINT)
        return fail_at (error, header->line, NULL, _("the column “%s” is there twice"), name);
      columns[c] = i;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (columns[c] == G_MAXUINT)
        return fail_at (error, header->line, NULL, _("the column “%s” is missing"), csv_columns[c]);
    }

  return TRUE;
}

static gboolean
read_csv (ImportSet   *set,
          const char  *data,
          gsize        length,
          GError     **error)
{
  CsvReader reader = { data, length, 0, 1, NULL };
  g_autoptr (CsvRecord) header = NULL;
  g_autoptr (GError) local_error = NULL;
  guint columns[N_COLUMNS];

  /* Spreadsheets on Windows start their UTF-8 with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  header = csv_reader_next (&reader, &local_error);
  if (header == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (header == NULL)
    return fail_at (error, 1, NULL, _("the header row is missing"));
  if (!read_csv_header (header, columns, error))
    return FALSE;
  reader.header = header->fields;

  for (;;)
    {
      g_autoptr (CsvRecord) record = csv_reader_next (&reader, &local_error);

      if (record == NULL)
        break;
      if (record->fields->len != header->fields->len)
        return fail_at (error, record->line, NULL,
                        ngettext ("%u field where the header has %u",
                                  "%u fields where the header has %u",
                                  record->fields->len),
                        record->fields->len, header->fields->len);
      if (!read_csv_pain_entry (set, record, columns, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* JSON reading */

/* Where each object of the parsed file starts, for the messages: json-glib
 * forgets the lines once it has parsed. */
typedef struct
{
  /* The line of each object still open. */
  GArray     *open;
  /* JsonObject → the line of its “{”. */
  GHashTable *objects;
  /* JsonNode of an array element → the line where it ends. */
  GHashTable *elements;
  guint       error_line;
} JsonLines;

static void
object_start_cb (JsonParser *parser,
                 gpointer    user_data)
{
  JsonLines *lines = user_data;
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (lines->open, line);
}

static void
object_end_cb (JsonParser *parser,
               JsonObject *object,
               gpointer    user_data)
{
  JsonLines *lines = user_data;

  if (lines->open->len == 0)
    return;
  g_hash_table_insert (lines->objects, object,
                       GUINT_TO_POINTER (g_array_index (lines->open, guint, lines->open->len - 1)));
  g_array_set_size (lines->open, lines->open->len - 1);
}

static void
array_element_cb (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  JsonLines *lines = user_data;

  g_hash_table_insert (lines->elements, json_array_get_element (array, index),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

/* json-glib's message names the place as “<data>:LINE:COLUMN”; this is
 * the line alone, for a message like the others. */
static void
error_cb (JsonParser *parser,
          gpointer    parse_error,
          gpointer    user_data)
{
  JsonLines *lines = user_data;

  lines->error_line = json_parser_get_current_line (parser);
}

static guint
json_lines_get (JsonLines *lines,
                JsonNode  *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      gpointer line;

      if (g_hash_table_lookup_extended (lines->objects, json_node_get_object (node), NULL, &line))
        return GPOINTER_TO_UINT (line);
    }
  return MAX (1, GPOINTER_TO_UINT (g_hash_table_lookup (lines->elements, node)));
}

static JsonNode *
get_member (JsonObject  *object,
            guint        line,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    fail_at (error, line, name, _("this member is missing"));
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
    return fail_at (error, line, name, nullable ? _("must be text or null") : _("must be text"));

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
    return fail_at (error, line, name,
                    nullable ? _("must be a whole number or null") : _("must be a whole number"));

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
  return check_score (value, line, name, score_out, error);
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
    return fail_at (error, line, name, _("must be true or false"));

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
    return fail_at (error, line, name, _("must be a list"));

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
         parse_time (text, line, name, utc_out, offset_s_out, error);
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
        return fail_at (error, line, name, _("must be a list of text"));

      /* One id each: “neck;head” is no id. */
      id = json_node_get_string (node);
      if (*id == '\0' || strchr (id, ';') != NULL)
        return unknown_id (id, regions, line, error);
      if (!parse_ids (id, regions, line, &flag, error))
        return FALSE;
      flags |= flag;
    }

  *flags_out = flags;
  return TRUE;
}

static gboolean
read_json_pain_entry (ImportSet   *set,
                      JsonObject  *object,
                      guint        line,
                      GError     **error)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (NULL);
  const char *uuid = NULL, *day = NULL, *note = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !parse_uuid (uuid, line, entry->uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !parse_day (day, set->today, line, entry->day, error) ||
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

  return import_set_add_pain_entry (set, g_steal_pointer (&entry), line, error);
}

static gboolean
read_json_break_event (ImportSet   *set,
                       JsonObject  *object,
                       guint        line,
                       GError     **error)
{
  LimberBreakEvent event = { { 0 } };
  const char *uuid = NULL, *day = NULL, *kind = NULL, *outcome = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !parse_uuid (uuid, line, event.uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !parse_day (day, NULL, line, event.day, error) ||
      !get_string (object, line, "kind", FALSE, &kind, error))
    return FALSE;
  if (!limber_break_kind_from_string (kind, &event.kind))
    return fail_at (error, line, "kind", _("“%s” is neither “micro” nor “rest”"), kind);
  if (!get_string (object, line, "outcome", FALSE, &outcome, error))
    return FALSE;
  if (!limber_break_outcome_from_string (outcome, &event.outcome))
    return fail_at (error, line, "outcome",
                    _("“%s” is not one of taken, natural, postponed, skipped or missed"), outcome);
  if (!get_time (object, line, "due", &event.due_utc, &event.due_offset_s, error) ||
      !get_time (object, line, "end", &event.end_utc, &event.end_offset_s, error) ||
      !get_seconds (object, line, "duration_s", &event.duration_s, error))
    return FALSE;

  return import_set_add_break_event (set, &event, line, error);
}

static gboolean
read_json_stretch_session (ImportSet   *set,
                           JsonObject  *object,
                           guint        line,
                           GError     **error)
{
  LimberStretchSession session = { { 0 } };
  const char *uuid = NULL, *day = NULL, *activity_id = NULL;

  if (!get_string (object, line, "uuid", FALSE, &uuid, error) ||
      !parse_uuid (uuid, line, session.uuid, error) ||
      !get_string (object, line, "day", FALSE, &day, error) ||
      !parse_day (day, NULL, line, session.day, error) ||
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

  return import_set_add_stretch_session (set, &session, line, error);
}

typedef gboolean (*ReadJsonItem) (ImportSet   *set,
                                  JsonObject  *object,
                                  guint        line,
                                  GError     **error);

static gboolean
read_json_items (ImportSet     *set,
                 JsonLines     *lines,
                 JsonObject    *top,
                 guint          top_line,
                 const char    *name,
                 ReadJsonItem   read_item,
                 GError       **error)
{
  JsonArray *array = NULL;

  if (!get_array (top, top_line, name, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint line = json_lines_get (lines, node);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_at (error, line, name, _("each item must be an object"));
      if (!read_item (set, json_node_get_object (node), line, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_json (ImportSet   *set,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) objects = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) elements = g_hash_table_new (NULL, NULL);
  g_autoptr (GError) parse_error = NULL;
  JsonLines lines = { open, objects, elements, 0 };
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
      return fail_at (error, line, NULL, _("the text is not valid UTF-8"));
    }

  g_signal_connect (parser, "object-start", G_CALLBACK (object_start_cb), &lines);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), &lines);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), &lines);
  g_signal_connect (parser, "error", G_CALLBACK (error_cb), &lines);

  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    return fail_at (error, MAX (1, lines.error_line), NULL,
                    _("this is not valid JSON (%s)"), parse_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail_at (error, 1, NULL, _("the file is not a Limber journal"));
  top = json_node_get_object (root);
  top_line = json_lines_get (&lines, root);

  if (!get_string (top, top_line, "format", FALSE, &format, error))
    return FALSE;
  if (!g_str_equal (format, JSON_FORMAT_NAME))
    return fail_at (error, top_line, "format",
                    _("“%s” is not “%s”, so the file is not a Limber journal"),
                    format, JSON_FORMAT_NAME);
  if (!get_integer (top, top_line, "version", FALSE, &present, &version, error))
    return FALSE;
  if (version > JSON_FORMAT_VERSION)
    return fail_at (error, top_line, "version",
                    _("the file was written by a newer version of Limber (format %lld; this one knows %d)"),
                    (long long) version, JSON_FORMAT_VERSION);
  if (version < 1)
    return fail_at (error, top_line, "version", _("%lld is not a format version"), (long long) version);

  return read_json_items (set, &lines, top, top_line, "pain_entries", read_json_pain_entry, error) &&
         read_json_items (set, &lines, top, top_line, "break_events", read_json_break_event, error) &&
         read_json_items (set, &lines, top, top_line, "stretch_sessions", read_json_stretch_session, error);
}

/* Merging */

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
      limber_journal_set_sqlite_error (self, rc, _("importing"), error);
      return FALSE;
    }
  return TRUE;
}

/* The newest version of an entry wins, whether it is the same entry (same
 * UUID) or another one for the same day, which holds one entry. */
static gboolean
merge_pain_entry (LimberJournal          *self,
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
apply_import (LimberJournal       *self,
              const ImportSet     *set,
              LimberImportCounts  *counts,
              GError             **error)
{
  if (!limber_journal_begin (self, error))
    return FALSE;

  for (guint i = 0; i < set->pain_entries->len; i++)
    {
      if (!merge_pain_entry (self, g_ptr_array_index (set->pain_entries, i), counts, error))
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
  g_autoptr (ImportSet) set = NULL;
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

  set = import_set_new (now);
  switch (format)
    {
    case LIMBER_JOURNAL_FORMAT_CSV:
      read = read_csv (set, text, length, error);
      break;

    case LIMBER_JOURNAL_FORMAT_JSON:
      read = read_json (set, text, length, error);
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
    "SELECT uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s "
    "FROM break_event ORDER BY day, due_utc, uuid", error);
  if (statement == NULL)
    return NULL;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      LimberBreakEvent *event = g_new0 (LimberBreakEvent, 1);

      g_strlcpy (event->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof event->uuid);
      g_strlcpy (event->day, (const char *) sqlite3_column_text (statement, 1), sizeof event->day);
      /* The schema allows no other kinds or outcomes. */
      limber_break_kind_from_string ((const char *) sqlite3_column_text (statement, 2), &event->kind);
      limber_break_outcome_from_string ((const char *) sqlite3_column_text (statement, 3), &event->outcome);
      event->due_utc = sqlite3_column_int64 (statement, 4);
      event->due_offset_s = sqlite3_column_int (statement, 5);
      event->end_utc = sqlite3_column_int64 (statement, 6);
      event->end_offset_s = sqlite3_column_int (statement, 7);
      event->duration_s = sqlite3_column_int (statement, 8);
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

static void
csv_append_field (GString    *out,
                  const char *text)
{
  if (text[strcspn (text, ",\"\r\n")] == '\0')
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static char *
format_optional_score (int score)
{
  if (score == LIMBER_PAIN_SCORE_UNSET)
    return g_strdup ("");
  return g_strdup_printf ("%d", score);
}

static gboolean
csv_append_pain_entry (GString                *out,
                       const LimberPainEntry  *entry,
                       GError                **error)
{
  g_autofree char *average = g_strdup_printf ("%d", entry->average);
  g_autofree char *worst = format_optional_score (entry->worst);
  g_autofree char *activity = format_optional_score (entry->activity);
  g_autofree char *enjoyment = format_optional_score (entry->enjoyment);
  g_autofree char *regions = NULL;
  g_autofree char *red_flags = NULL;
  g_autofree char *created = format_time (entry->created_utc, entry->created_offset_s);
  g_autofree char *updated = format_time (entry->updated_utc, entry->updated_offset_s);
  const char *fields[N_COLUMNS];
  const LimberFlagInfo *infos;
  guint n_infos;

  if (created == NULL)
    return time_error (error, entry->created_utc);
  if (updated == NULL)
    return time_error (error, entry->updated_utc);

  infos = limber_body_regions (&n_infos);
  regions = limber_flags_to_ids (infos, n_infos, entry->regions);
  infos = limber_red_flags (&n_infos);
  red_flags = limber_flags_to_ids (infos, n_infos, entry->red_flags);

  fields[COLUMN_UUID] = entry->uuid;
  fields[COLUMN_DAY] = entry->day;
  fields[COLUMN_AVERAGE] = average;
  fields[COLUMN_WORST] = worst;
  fields[COLUMN_ACTIVITY] = activity;
  fields[COLUMN_ENJOYMENT] = enjoyment;
  fields[COLUMN_REGIONS] = regions;
  fields[COLUMN_RED_FLAGS] = red_flags;
  fields[COLUMN_NOTE] = entry->note != NULL ? entry->note : "";
  fields[COLUMN_CREATED] = created;
  fields[COLUMN_UPDATED] = updated;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      csv_append_field (out, fields[c]);
    }
  g_string_append (out, "\r\n");
  return TRUE;
}

static char *
write_csv (GPtrArray  *pain_entries,
           GError    **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, csv_columns[c]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < pain_entries->len; i++)
    {
      if (!csv_append_pain_entry (out, g_ptr_array_index (pain_entries, i), error))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
add_time (JsonBuilder  *builder,
          const char   *name,
          gint64        utc,
          int           offset_s,
          GError      **error)
{
  g_autofree char *text = format_time (utc, offset_s);

  if (text == NULL)
    return time_error (error, utc);
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
  json_builder_add_string_value (builder, limber_break_kind_to_string (event->kind));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, limber_break_outcome_to_string (event->outcome));
  if (!add_time (builder, "due", event->due_utc, event->due_offset_s, error) ||
      !add_time (builder, "end", event->end_utc, event->end_offset_s, error))
    return FALSE;
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_int_value (builder, event->duration_s);
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

static char *
write_json (GPtrArray  *pain_entries,
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
      text = write_csv (pain_entries, error);
      break;

    case LIMBER_JOURNAL_FORMAT_JSON:
      text = write_json (pain_entries, break_events, stretch_sessions, error);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (text == NULL)
    return FALSE;

  return g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, error);
}
