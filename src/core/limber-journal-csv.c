/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "limber-journal-formats.h"

/* CSV holds the pain entries alone, for a spreadsheet or a doctor, so the
 * reader takes what spreadsheets write back: any line ends, a byte order
 * mark, the columns in any order. */

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

/* Spreadsheet formulas */

/* A spreadsheet opening the file would run a cell that starts with one of
 * these as a formula, so export writes such a cell after a “'”, as OWASP
 * advises, and import takes that “'” away again. A cell that starts with
 * “'” before one of these gets one more, so that the exact text comes
 * back whatever it was. */
static gboolean
csv_is_formula_like (const char *text)
{
  while (*text == '\'')
    text++;
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

/* CSV writing */

static void
csv_append_field (GString    *out,
                  const char *text)
{
  g_autofree char *neutral = NULL;

  if (csv_is_formula_like (text))
    text = neutral = g_strconcat ("'", text, NULL);

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

gboolean
limber_journal_csv_add_pain_entry (GString                *out,
                                   const LimberPainEntry  *entry,
                                   GError                **error)
{
  g_autofree char *average = g_strdup_printf ("%d", entry->average);
  g_autofree char *worst = format_optional_score (entry->worst);
  g_autofree char *activity = format_optional_score (entry->activity);
  g_autofree char *enjoyment = format_optional_score (entry->enjoyment);
  g_autofree char *regions = NULL;
  g_autofree char *red_flags = NULL;
  g_autofree char *created = limber_journal_format_time (entry->created_utc, entry->created_offset_s);
  g_autofree char *updated = limber_journal_format_time (entry->updated_utc, entry->updated_offset_s);
  const char *fields[N_COLUMNS];
  const LimberFlagInfo *infos;
  guint n_infos;

  if (created == NULL)
    return limber_journal_time_error (error, entry->created_utc);
  if (updated == NULL)
    return limber_journal_time_error (error, entry->updated_utc);

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

void
limber_journal_csv_begin (GString *out)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, csv_columns[c]);
    }
  g_string_append (out, "\r\n");
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
            return limber_journal_fail_at (error, start_line, csv_field_name (reader, index),
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
        return limber_journal_fail_at (error, reader->line, csv_field_name (reader, index),
                                       _("text follows the closing quote; quotes inside a field are written twice"));
    }
  else
    {
      while (reader->pos < reader->length && reader->data[reader->pos] != ',' &&
             csv_line_end (reader, reader->pos) == 0)
        g_string_append_c (field, reader->data[reader->pos++]);
    }

  if (!g_utf8_validate_len (field->str, field->len, NULL))
    return limber_journal_fail_at (error, start_line, csv_field_name (reader, index),
                                   _("the text is not valid UTF-8"));

  if (field->str[0] == '\'' && csv_is_formula_like (field->str + 1))
    g_string_erase (field, 0, 1);
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
  if (!limber_journal_parse_required (text, line, field, error))
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return limber_journal_fail_at (error, line, field, _("“%s” is not a whole number"), text);

  return limber_journal_check_score (value, line, field, score_out, error);
}

static gboolean
read_csv_pain_entry (LimberImportSet  *set,
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

  if (!limber_journal_parse_uuid (value[COLUMN_UUID], line[COLUMN_UUID], entry->uuid, error) ||
      !limber_journal_parse_day (value[COLUMN_DAY], set->today, line[COLUMN_DAY], entry->day,
                                 error) ||
      !parse_csv_score (value[COLUMN_AVERAGE], TRUE, line[COLUMN_AVERAGE], "average", &entry->average, error) ||
      !parse_csv_score (value[COLUMN_WORST], FALSE, line[COLUMN_WORST], "worst", &entry->worst, error) ||
      !parse_csv_score (value[COLUMN_ACTIVITY], FALSE, line[COLUMN_ACTIVITY], "activity", &entry->activity, error) ||
      !parse_csv_score (value[COLUMN_ENJOYMENT], FALSE, line[COLUMN_ENJOYMENT], "enjoyment", &entry->enjoyment, error) ||
      !limber_journal_parse_ids (value[COLUMN_REGIONS], TRUE, line[COLUMN_REGIONS],
                                 &entry->regions, error) ||
      !limber_journal_parse_ids (value[COLUMN_RED_FLAGS], FALSE, line[COLUMN_RED_FLAGS],
                                 &entry->red_flags, error) ||
      !limber_journal_parse_time (value[COLUMN_CREATED], line[COLUMN_CREATED], "created",
                                  &entry->created_utc, &entry->created_offset_s, error) ||
      !limber_journal_parse_time (value[COLUMN_UPDATED], line[COLUMN_UPDATED], "updated",
                                  &entry->updated_utc, &entry->updated_offset_s, error))
    return FALSE;
  limber_pain_entry_set_note (entry, value[COLUMN_NOTE]);

  return limber_import_set_add_pain_entry (set, g_steal_pointer (&entry), record->line, error);
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
        return limber_journal_fail_at (error, header->line, NULL,
                                       _("“%s” is not a known column"), name);
      if (columns[c] != G_MAXUINT)
        return limber_journal_fail_at (error, header->line, NULL,
                                       _("the column “%s” is there twice"), name);
      columns[c] = i;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (columns[c] == G_MAXUINT)
        return limber_journal_fail_at (error, header->line, NULL,
                                       _("the column “%s” is missing"), csv_columns[c]);
    }

  return TRUE;
}

gboolean
limber_journal_read_csv (LimberImportSet  *set,
                         const char       *data,
                         gsize             length,
                         GError          **error)
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
    return limber_journal_fail_at (error, 1, NULL, _("the header row is missing"));
  if (!read_csv_header (header, columns, error))
    return FALSE;
  reader.header = header->fields;

  for (;;)
    {
      g_autoptr (CsvRecord) record = csv_reader_next (&reader, &local_error);

      if (record == NULL)
        break;
      if (record->fields->len != header->fields->len)
        return limber_journal_fail_at (error, record->line, NULL,
                                       g_dngettext (GETTEXT_PACKAGE, "%u field where the header has %u",
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
