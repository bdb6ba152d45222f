/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "limber-file-target.h"
#include "limber-journal-formats.h"
#include "limber-journal-private.h"
#include "limber-json-stream.h"
#include "limber-sync-file.h"

/* The change files of sync and device.json: writing them, and reading
 * what other computers wrote, where anything may be cut short, damaged or
 * written by a Limber that knows more. Records are written by the JSON
 * export's writers and checked by the import's readers, so that sync and
 * import can never disagree about what a valid record is. */

/* How much of a change file is read at a time. */
#define READ_CHUNK (1024 * 1024)

#define DEVICE_FILE         "device.json"
#define DEVICE_FORMAT_NAME  "limber-sync-device"
#define DEVICE_FORMAT_VERSION 1

/* CRC-32 as zlib's crc32() computes it: reflected, polynomial 0xedb88320. */
guint32
limber_sync_checksum (const char *data,
                      gsize       length)
{
  static guint32 table[256];
  static gsize table_ready = 0;
  guint32 crc = 0xffffffff;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ (guchar) data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffff;
}

/* Writing a line */

/* The record of @change as the export writes an item of its list. */
static gboolean
write_record (GString                 *out,
              const LimberSyncChange  *change,
              GError                 **error)
{
  switch (change->kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      return limber_journal_json_add_pain_entry (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_BREAK_EVENT:
      return limber_journal_json_add_break_event (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_STRETCH_SESSION:
      return limber_journal_json_add_stretch_session (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_FACTOR:
      return limber_journal_json_add_factor (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_DAY_FACTOR:
      return limber_journal_json_add_day_factor (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_DAY_MEASURES:
      return limber_journal_json_add_day_measures (out, TRUE, change->record, error);
    case LIMBER_SYNC_KIND_LIFE_CHANGE:
      return limber_journal_json_add_life_change (out, TRUE, change->record, error);
    case LIMBER_SYNC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

char *
limber_sync_line_encode (const LimberSyncChange  *change,
                         GError                 **error)
{
  g_autoptr (GString) json = g_string_new ("{\"device\":");
  const char *kind_name;
  char *line;

  g_return_val_if_fail (change != NULL, NULL);
  g_return_val_if_fail (limber_uuid_is_valid (change->device), NULL);
  g_return_val_if_fail (change->seq >= 1, NULL);
  g_return_val_if_fail (change->deleted == (change->record == NULL), NULL);

  kind_name = limber_sync_kind_name (change->kind);
  g_return_val_if_fail (kind_name != NULL, NULL);

  limber_json_append_string (json, change->device);
  g_string_append_printf (json, ",\"seq\":%" G_GUINT64_FORMAT ",", change->seq);
  if (change->deleted)
    {
      g_autofree char *at = limber_journal_format_time (change->updated_utc, change->updated_offset_s);

      if (at == NULL)
        {
          limber_journal_time_error (error, change->updated_utc);
          return NULL;
        }
      g_string_append_printf (json, "\"deleted\":{\"kind\":\"%s\",\"uuid\":", kind_name);
      limber_json_append_string (json, change->uuid);
      g_string_append (json, ",\"at\":");
      limber_json_append_string (json, at);
      g_string_append_c (json, '}');
    }
  else
    {
      g_autoptr (GString) item = g_string_new (NULL);
      const char *start;

      if (!write_record (item, change, error))
        return NULL;
      /* The export starts each item on a line of its own; the strings in
       * it are escaped, so no other line break is in it. */
      start = item->str + strspn (item->str, "\n ");
      g_string_append_printf (json, "\"%s\":%s", kind_name, start);
    }
  g_string_append_c (json, '}');

  line = g_strdup_printf ("%08x %s\n", limber_sync_checksum (json->str, json->len), json->str);
  if (strlen (line) > LIMBER_SYNC_LINE_MAX)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   /* Translators: %d is a number of kibibytes. */
                   _("The change is too long for the sync folder: a line there may have at most %d KiB."),
                   LIMBER_SYNC_LINE_MAX / 1024);
      g_free (line);
      return NULL;
    }
  return line;
}

/* Reading a line */

static void
damage_free (LimberSyncDamage *damage)
{
  g_free (damage->message);
  g_free (damage);
}

void
limber_sync_read_result_clear (LimberSyncReadResult *result)
{
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_clear_pointer (&result->damaged, g_ptr_array_unref);
  result->end_offset = 0;
  result->end_line = 0;
}

static void
read_result_init (LimberSyncReadResult *result,
                  gsize                 offset,
                  guint                 line)
{
  limber_sync_read_result_clear (result);
  result->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_change_free);
  result->damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) damage_free);
  result->end_offset = offset;
  result->end_line = line;
}

/* Parses @json, the JSON of a line, into an object, with the strict
 * reader of the import: no member twice, no deep nesting. */
static JsonObject *
parse_object (const char  *json,
              gsize        length,
              guint        line,
              GError     **error)
{
  g_autoptr (JsonObject) object = json_object_new ();
  LimberJsonReader reader;
  GError *reader_error = NULL;

  if (!g_utf8_validate_len (json, length, NULL))
    {
      limber_journal_fail_at (error, line, NULL, _("the text is not valid UTF-8"));
      return NULL;
    }

  limber_json_reader_init (&reader, json, length, LIMBER_JSON_MAX_DEPTH);
  /* The line numbers are the file's, not the reader's: it sees one. */
  if (length == 0 || json[0] != '{')
    {
      limber_journal_fail_at (error, line, NULL, _("this is not a change: it must be a JSON object"));
      return NULL;
    }
  if (!limber_json_reader_begin_object (&reader, &reader_error))
    goto syntax_error;
  for (gboolean first = TRUE;; first = FALSE)
    {
      g_autofree char *name = NULL;
      JsonNode *node = NULL;

      if (!limber_json_reader_next_member (&reader, first, &name, &reader_error))
        goto syntax_error;
      if (name == NULL)
        break;
      if (json_object_has_member (object, name))
        {
          limber_journal_fail_at (error, line + limber_json_reader_line (&reader) - 1, name,
                                  _("this member is there twice"));
          return NULL;
        }
      if (!limber_json_reader_read_value (&reader, &node, &reader_error))
        goto syntax_error;
      json_object_set_member (object, name, node);
    }
  if (!limber_json_reader_end (&reader, &reader_error))
    goto syntax_error;

  return g_steal_pointer (&object);

syntax_error:
  limber_journal_fail_at (error, line + limber_json_reader_line (&reader) - 1, NULL, _("this is not valid JSON: %s"), reader_error->message);
  g_error_free (reader_error);
  return NULL;
}

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   guint        line,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      limber_journal_fail_at (error, line, name, _("this member is missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      limber_journal_fail_at (error, line, name, _("must be text"));
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonObject *
get_object_member (JsonObject  *object,
                   const char  *name,
                   guint        line,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      limber_journal_fail_at (error, line, name, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* The version of a record, which the merge compares: when it was last
 * updated, or for what never changes, when it ended. */
static void
record_version (LimberSyncChange *change)
{
  switch (change->kind)
    {
    case LIMBER_SYNC_KIND_PAIN_ENTRY:
      {
        const LimberPainEntry *entry = change->record;

        g_strlcpy (change->uuid, entry->uuid, sizeof change->uuid);
        change->updated_utc = entry->updated_utc;
        change->updated_offset_s = entry->updated_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_BREAK_EVENT:
      {
        const LimberBreakEvent *event = change->record;

        g_strlcpy (change->uuid, event->uuid, sizeof change->uuid);
        change->updated_utc = event->end_utc;
        change->updated_offset_s = event->end_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_STRETCH_SESSION:
      {
        const LimberStretchSession *session = change->record;

        g_strlcpy (change->uuid, session->uuid, sizeof change->uuid);
        change->updated_utc = session->end_utc;
        change->updated_offset_s = session->end_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_FACTOR:
      {
        const LimberFactor *factor = change->record;

        g_strlcpy (change->uuid, factor->uuid, sizeof change->uuid);
        change->updated_utc = factor->updated_utc;
        change->updated_offset_s = factor->updated_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_DAY_FACTOR:
      {
        const LimberDayFactor *day_factor = change->record;

        g_strlcpy (change->uuid, day_factor->uuid, sizeof change->uuid);
        change->updated_utc = day_factor->updated_utc;
        change->updated_offset_s = day_factor->updated_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_DAY_MEASURES:
      {
        const LimberDayMeasures *measures = change->record;

        g_strlcpy (change->uuid, measures->uuid, sizeof change->uuid);
        change->updated_utc = measures->updated_utc;
        change->updated_offset_s = measures->updated_offset_s;
        break;
      }
    case LIMBER_SYNC_KIND_LIFE_CHANGE:
      {
        const LimberLifeChange *life_change = change->record;

        g_strlcpy (change->uuid, life_change->uuid, sizeof change->uuid);
        change->updated_utc = life_change->updated_utc;
        change->updated_offset_s = life_change->updated_offset_s;
        break;
      }
    case LIMBER_SYNC_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_deletion (JsonObject        *deleted,
               guint              line,
               LimberSyncChange  *change,
               GError           **error)
{
  JsonObjectIter iter;
  const char *member, *kind, *uuid, *at;

  json_object_iter_init (&iter, deleted);
  while (json_object_iter_next (&iter, &member, NULL))
    {
      if (!g_str_equal (member, "kind") && !g_str_equal (member, "uuid") && !g_str_equal (member, "at"))
        return limber_journal_fail_at (error, line, member, _("a deletion has no such member"));
    }

  if ((kind = get_string_member (deleted, "kind", line, error)) == NULL)
    return FALSE;
  if (!limber_sync_kind_from_name (kind, &change->kind))
    return limber_journal_fail_at (error, line, "kind", _("“%s” is not a kind of record that sync knows"), kind);
  return (uuid = get_string_member (deleted, "uuid", line, error)) != NULL &&
         limber_journal_parse_uuid (uuid, line, change->uuid, error) &&
         (at = get_string_member (deleted, "at", line, error)) != NULL &&
         limber_journal_parse_time (at, line, "at", &change->updated_utc, &change->updated_offset_s, error);
}

/* The change of one whole line, @text without its "\n", or %NULL with
 * @error saying why the line is damaged. */
static LimberSyncChange *
read_line (LimberImportSet  *set,
           const char       *text,
           gsize             length,
           guint             line,
           const char       *device,
           GError          **error)
{
  g_autoptr (LimberSyncChange) change = g_new0 (LimberSyncChange, 1);
  g_autoptr (JsonObject) object = NULL;
  JsonObjectIter iter;
  const char *member, *change_name = NULL, *author;
  JsonNode *seq;
  guint32 crc = 0;

  for (guint i = 0; i < 8; i++)
    {
      if (length < 9 || !g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        {
          limber_journal_fail_at (error, line, NULL, _("the line does not start with its checksum"));
          return NULL;
        }
      crc = crc << 4 | (guint32) g_ascii_xdigit_value (text[i]);
    }
  if (text[8] != ' ')
    {
      limber_journal_fail_at (error, line, NULL, _("the line does not start with its checksum"));
      return NULL;
    }
  if (limber_sync_checksum (text + 9, length - 9) != crc)
    {
      limber_journal_fail_at (error, line, NULL, _("the checksum is wrong: the line is damaged"));
      return NULL;
    }

  object = parse_object (text + 9, length - 9, line, error);
  if (object == NULL)
    return NULL;

  /* Nothing but what this version knows: a change it does not
   * understand is not half applied. */
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, NULL))
    {
      LimberSyncKind kind;

      if (g_str_equal (member, "device") || g_str_equal (member, "seq"))
        continue;
      if (!g_str_equal (member, "deleted") && !limber_sync_kind_from_name (member, &kind))
        {
          limber_journal_fail_at (error, line, member, _("a change has no such member"));
          return NULL;
        }
      if (change_name != NULL)
        {
          limber_journal_fail_at (error, line, member, _("a line holds only one change"));
          return NULL;
        }
      change_name = member;
    }

  author = get_string_member (object, "device", line, error);
  if (author == NULL)
    return NULL;
  if (!limber_uuid_is_valid (author))
    {
      limber_journal_fail_at (error, line, "device", _("“%s” is not a UUID in lower case"), author);
      return NULL;
    }
  if (device != NULL && !g_str_equal (author, device))
    {
      limber_journal_fail_at (error, line, "device", _("the line was written by another device, %s"), author);
      return NULL;
    }
  g_strlcpy (change->device, author, sizeof change->device);

  seq = json_object_get_member (object, "seq");
  if (seq == NULL)
    {
      limber_journal_fail_at (error, line, "seq", _("this member is missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (seq) || json_node_get_value_type (seq) != G_TYPE_INT64)
    {
      limber_journal_fail_at (error, line, "seq", _("must be a whole number"));
      return NULL;
    }
  if (json_node_get_int (seq) < 1)
    {
      limber_journal_fail_at (error, line, "seq", _("%lld is not 1 or more"), (long long) json_node_get_int (seq));
      return NULL;
    }
  change->seq = (guint64) json_node_get_int (seq);

  if (change_name == NULL)
    {
      limber_journal_fail_at (error, line, NULL, _("the line holds neither a record nor a deletion"));
      return NULL;
    }

  if (g_str_equal (change_name, "deleted"))
    {
      JsonObject *deleted = get_object_member (object, "deleted", line, error);

      change->deleted = TRUE;
      if (deleted == NULL || !read_deletion (deleted, line, change, error))
        return NULL;
    }
  else
    {
      JsonObject *record = get_object_member (object, change_name, line, error);

      if (record == NULL)
        return NULL;
      limber_sync_kind_from_name (change_name, &change->kind);
      change->record = limber_journal_json_read_record (set, change_name, record, line, error);
      if (change->record == NULL)
        return NULL;
      record_version (change);
    }

  /* The newer version wins a merge: one from a clock far ahead would win
   * over everything after it. The import's checks say so for what they
   * compare with the day; this holds for every kind. */
  if (change->updated_utc > set->latest_utc)
    {
      limber_journal_fail_at (error, line, NULL, _("the change is dated more than a day after now"));
      return NULL;
    }

  return g_steal_pointer (&change);
}

/* Takes in a file's bytes a piece at a time, and reads each whole line
 * as it ends: of a part, only its own lines. */
typedef struct
{
  LimberImportSet      *set;
  const char           *device;
  LimberSyncReadResult *result;
  const LimberSyncPart *part;
  /* How many bytes of its own lines the part has read; set full when
   * one more would be more than its cap. */
  gsize                 taken;
  gboolean              full;
  /* The line not ended yet: its bytes so far, unless it is too long,
   * and how many there are. */
  GByteArray           *pending;
  gboolean              too_long;
  gsize                 seen;
} LineFeed;

/* Where @key, which starts with a '"', first is in @text; %NULL for
 * nowhere. */
static const char *
find_quoted (const char *text,
             gsize       length,
             const char *key)
{
  gsize key_length = strlen (key);
  const char *stop = text + length;
  const char *p = text;

  while ((p = memchr (p, '"', stop - p)) != NULL)
    {
      if ((gsize) (stop - p) < key_length)
        return NULL;
      if (memcmp (p, key, key_length) == 0)
        return p;
      p++;
    }
  return NULL;
}

guint
limber_sync_line_part (const char *text,
                       gsize       length,
                       guint       parts)
{
  static const char key[] = "\"uuid\"";
  const char *uuid = parts > 1 ? find_quoted (text, length, key) : NULL;
  const char *stop = text + length;
  const char *p;
  int high, low;

  if (uuid == NULL)
    return 0;
  /* Factors first: the days' factors of every part refer to them. */
  if (find_quoted (text, uuid - text, "\"factors\"") != NULL)
    return 0;
  for (p = uuid + strlen (key); p < stop && (*p == ':' || *p == ' ' || *p == '"'); p++)
    ;
  if (stop - p < 2 || (high = g_ascii_xdigit_value (p[0])) < 0 || (low = g_ascii_xdigit_value (p[1])) < 0)
    return 0;
  return (guint) ((high << 4 | low) * parts / 256);
}

/* A line of @line_length bytes has ended: @text is all of it, unless it
 * is too long. */
static void
feed_line (LineFeed   *feed,
           const char *text,
           gsize       length,
           gsize       line_length)
{
  LimberSyncReadResult *result = feed->result;
  g_autoptr (GError) error = NULL;
  LimberSyncChange *change = NULL;
  const LimberSyncPart *part = feed->part;

  /* A line too long to read is the first part's to name. */
  if (part != NULL && part->parts > 1 &&
      (feed->too_long ? 0 : limber_sync_line_part (text, length, part->parts)) != part->index)
    goto next;
  if (part != NULL && part->cap != 0 && feed->taken > 0 && feed->taken + line_length + 1 > part->cap)
    {
      /* It waits for the next read, which starts here. */
      feed->full = TRUE;
      return;
    }
  feed->taken += line_length + 1;

  if (feed->too_long)
    /* Translators: %d is a number of kibibytes. */
    limber_journal_fail_at (&error, result->end_line, NULL, _("the line is longer than %d KiB"),
                            LIMBER_SYNC_LINE_MAX / 1024);
  else
    change = read_line (feed->set, text, length, result->end_line, feed->device, &error);

  if (change != NULL)
    {
      g_ptr_array_add (result->changes, change);
    }
  else
    {
      LimberSyncDamage *damage = g_new0 (LimberSyncDamage, 1);

      damage->line = result->end_line;
      damage->offset = result->end_offset;
      damage->message = g_strdup (error->message);
      g_ptr_array_add (result->damaged, damage);
    }

next:
  result->end_offset += line_length + 1;
  result->end_line++;
  feed->too_long = FALSE;
  feed->seen = 0;
  g_byte_array_set_size (feed->pending, 0);
}

/* @data continues where the last piece ended. */
static void
feed_piece (LineFeed   *feed,
            const char *data,
            gsize       length)
{
  const char *p = data, *stop = data + length;

  while (p < stop && !feed->full)
    {
      const char *newline = memchr (p, '\n', stop - p);
      gsize piece = (newline != NULL ? newline : stop) - p;

      if (newline != NULL && feed->seen == 0 && piece < LIMBER_SYNC_LINE_MAX)
        {
          /* The usual case: the whole line is in this piece. */
          feed_line (feed, p, piece, piece);
        }
      else
        {
          /* With its "\n", a line of LIMBER_SYNC_LINE_MAX bytes or more
           * is too long however it ends: only its length is kept. */
          if (!feed->too_long && feed->seen + piece >= LIMBER_SYNC_LINE_MAX)
            {
              feed->too_long = TRUE;
              g_byte_array_set_size (feed->pending, 0);
            }
          if (!feed->too_long)
            g_byte_array_append (feed->pending, (const guint8 *) p, piece);
          feed->seen += piece;
          if (newline != NULL)
            feed_line (feed, (const char *) feed->pending->data, feed->pending->len, feed->seen);
        }

      if (newline == NULL)
        break;
      p = newline + 1;
    }
}

static void
feed_init (LineFeed             *feed,
           LimberImportSet      *set,
           const char           *device,
           const LimberSyncPart *part,
           LimberSyncReadResult *result)
{
  feed->set = set;
  feed->device = device;
  feed->part = part;
  feed->taken = 0;
  feed->full = FALSE;
  feed->result = result;
  feed->pending = g_byte_array_new ();
  feed->too_long = FALSE;
  feed->seen = 0;
}

/* A line not ended yet is left to read again later, from its start. */
static void
feed_finish (LineFeed *feed)
{
  g_clear_pointer (&feed->pending, g_byte_array_unref);
}

static gboolean
past_end_error (gsize     offset,
                gsize     length,
                GError  **error)
{
  g_debug ("%" G_GSIZE_FORMAT " bytes long, %" G_GSIZE_FORMAT " read before", length, offset);
  g_set_error_literal (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT,
                       _("the file is shorter than what was read of it before"));
  return FALSE;
}

gboolean
limber_sync_file_read (const char            *data,
                       gsize                  length,
                       gsize                  offset,
                       guint                  line,
                       const LimberSyncPart  *part,
                       const char            *device,
                       GDateTime             *now,
                       LimberSyncReadResult  *result,
                       GError               **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  LineFeed feed;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (line >= 1, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  read_result_init (result, offset, line);
  if (offset > length)
    return past_end_error (offset, length, error);

  set = limber_import_set_new (now);
  feed_init (&feed, set, device, part, result);
  feed_piece (&feed, data + offset, length - offset);
  feed_finish (&feed);
  return TRUE;
}

static gboolean
file_error (GError     **error,
            const char  *path,
            int          saved_errno)
{
  g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
               _("The change file %s cannot be read: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
limber_sync_file_read_path (const char            *path,
                            gsize                  offset,
                            guint                  line,
                            gsize                  limit,
                            const LimberSyncPart  *part,
                            const char            *device,
                            GDateTime             *now,
                            LimberSyncReadResult  *result,
                            GError               **error)
{
  g_autoptr (LimberImportSet) set = NULL;
  g_autofree char *chunk = NULL;
  struct stat st;
  LineFeed feed;
  gsize end, pos;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (line >= 1, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  read_result_init (result, offset, line);

  fd = limber_journal_open_own_file (path, O_RDONLY, 0, error);
  if (fd < 0)
    {
      g_prefix_error (error, _("The change file %s cannot be read: "), path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return file_error (error, path, saved_errno);
    }
  if ((guint64) st.st_size < offset)
    {
      close (fd);
      past_end_error (offset, st.st_size, error);
      g_prefix_error (error, _("The change file %s cannot be read: "), path);
      return FALSE;
    }

  /* Up to the length it has now: what is appended while it is read
   * waits for the next read. */
  end = st.st_size;
  if (limit != 0 && end - offset > limit)
    end = offset + limit;

  set = limber_import_set_new (now);
  feed_init (&feed, set, device, part, result);
  chunk = g_malloc (MIN (READ_CHUNK, MAX (end - offset, 1)));
  for (pos = offset; pos < end && !feed.full;)
    {
      gssize n = pread (fd, chunk, MIN (READ_CHUNK, end - pos), pos);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          feed_finish (&feed);
          close (fd);
          limber_sync_read_result_clear (result);
          return file_error (error, path, saved_errno);
        }
      if (n == 0)
        /* It was cut shorter meanwhile. */
        break;
      feed_piece (&feed, chunk, n);
      pos += n;
    }
  feed_finish (&feed);
  close (fd);
  return TRUE;
}

/* Appending */

static gboolean
append_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  if (limber_journal_error_code_for_errno (saved_errno) == LIMBER_JOURNAL_ERROR_FULL)
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL,
                 _("The disk is full, so the changes could not be written to %s."),
                 path);
  else
    g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                 _("The change file %s cannot be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Where the last whole line of @fd ends, reading back from @size: 0 when
 * there is none. -1 with errno set when it cannot be read. */
static gint64
last_line_end (int    fd,
               gint64 size)
{
  char block[4096];
  gint64 pos = size;

  while (pos > 0)
    {
      gsize want = MIN ((gint64) sizeof block, pos);
      gssize n = pread (fd, block, want, pos - want);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if ((gsize) n != want)
        {
          errno = EIO;
          return -1;
        }
      for (gssize i = n - 1; i >= 0; i--)
        {
          if (block[i] == '\n')
            return pos - want + i + 1;
        }
      pos -= want;
    }
  return 0;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

gboolean
limber_sync_file_append (const char  *path,
                         GPtrArray   *lines,
                         GError     **error)
{
  g_autoptr (GString) data = g_string_new (NULL);
  struct stat st;
  gint64 before;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      g_return_val_if_fail (g_str_has_suffix (line, "\n"), FALSE);
      g_string_append (data, line);
    }

  /* Never through a link, never blocking on a named pipe. */
  fd = g_open (path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
  if (fd < 0)
    return append_error (error, path, errno);
  if (fstat (fd, &st) != 0)
    goto failed;
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED,
                   _("The change file %s cannot be written: %s"), path, limber_file_not_regular_reason (st.st_mode));
      return FALSE;
    }

  /* An earlier write cut short (a crash, a full disk) may have left part
   * of a line: it goes, or the next line would join it. */
  before = last_line_end (fd, st.st_size);
  if (before < 0)
    goto failed;
  if (before != st.st_size && ftruncate (fd, before) != 0)
    goto failed;

  if (data->len > 0 && (!write_all (fd, data->str, data->len) || fsync (fd) != 0))
    {
      /* No half line stays: the file is as it was. */
      saved_errno = errno;
      if (ftruncate (fd, before) != 0)
        g_debug ("%s could not be cut back to %" G_GINT64_FORMAT " bytes: %s", path, before, g_strerror (errno));
      close (fd);
      return append_error (error, path, saved_errno);
    }
  if (close (fd) != 0)
    return append_error (error, path, errno);
  return TRUE;

failed:
  saved_errno = errno;
  close (fd);
  return append_error (error, path, saved_errno);
}

/* Names */

char *
limber_sync_file_name_for (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m.jsonl");
}

/* Whether @name starts with a month, "YYYY-MM". */
static gboolean
starts_with_month (const char *name)
{
  for (guint i = 0; i < 7; i++)
    {
      if (i == 4 ? name[i] != '-' : !g_ascii_isdigit (name[i]))
        return FALSE;
    }
  return (name[5] == '0' && name[6] >= '1') || (name[5] == '1' && name[6] <= '2');
}

LimberSyncName
limber_sync_file_classify (const char *name,
                           char        month_out[8])
{
  g_autofree char *middle = NULL;
  LimberSyncName kind = LIMBER_SYNC_NAME_OTHER;

  g_return_val_if_fail (name != NULL, LIMBER_SYNC_NAME_OTHER);

  if (g_str_equal (name, DEVICE_FILE))
    return LIMBER_SYNC_NAME_DEVICE;
  /* Syncthing's, the “~” and “.~” of several tools, and partial
   * downloads. */
  if ((g_str_has_prefix (name, ".syncthing.") && g_str_has_suffix (name, ".tmp")) ||
      g_str_has_prefix (name, "~") || g_str_has_prefix (name, ".~") ||
      g_str_has_suffix (name, ".part"))
    return LIMBER_SYNC_NAME_TEMPORARY;

  if (!starts_with_month (name) || !g_str_has_suffix (name, ".jsonl"))
    return LIMBER_SYNC_NAME_OTHER;
  middle = g_strndup (name + 7, strlen (name) - 7 - strlen (".jsonl"));
  if (*middle == '\0')
    kind = LIMBER_SYNC_NAME_CHANGES;
  /* Syncthing: “.sync-conflict-DATE-TIME-DEVICE”. Nextcloud and
   * ownCloud: “ (conflicted copy DATE TIME)”, Dropbox: “ (NAME's
   * conflicted copy DATE)”; ownCloud before 2.5 “_conflict-DATE-TIME”. */
  else if (g_str_has_prefix (middle, ".sync-conflict-") ||
           g_str_has_prefix (middle, "_conflict-") ||
           (g_str_has_prefix (middle, " (") && g_str_has_suffix (middle, ")") &&
            strstr (middle, "conflicted copy") != NULL))
    kind = LIMBER_SYNC_NAME_CONFLICT;

  if (kind != LIMBER_SYNC_NAME_OTHER && month_out != NULL)
    g_strlcpy (month_out, name, 8);
  return kind;
}

/* device.json */

void
limber_sync_device_free (LimberSyncDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device);
}

/* Why @name cannot be a computer's name, or NULL when it can. */
static char *
device_name_problem (const char *name)
{
  glong n_chars;

  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup (_("the name is not valid UTF-8"));
  n_chars = g_utf8_strlen (name, -1);
  if (n_chars < 1 || n_chars > LIMBER_SYNC_DEVICE_NAME_MAX)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "a computer’s name has 1 to %d character",
                                         "a computer’s name has 1 to %d characters",
                                         LIMBER_SYNC_DEVICE_NAME_MAX),
                            LIMBER_SYNC_DEVICE_NAME_MAX);
  for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (c)))
        return g_strdup (_("a computer’s name has no control characters"));
    }
  return NULL;
}

gboolean
limber_sync_device_write (const char              *dir,
                          const LimberSyncDevice  *device,
                          GError                 **error)
{
  g_autofree char *path = g_build_filename (dir, DEVICE_FILE, NULL);
  g_autofree char *temp_path = g_build_filename (dir, "." DEVICE_FILE ".XXXXXX", NULL);
  g_autofree char *last_seen = NULL;
  g_autofree char *base = g_path_get_basename (dir);
  g_autoptr (GString) json = g_string_new (NULL);
  g_autofree char *problem = NULL;
  int fd, saved_errno;

  g_return_val_if_fail (limber_uuid_is_valid (device->device), FALSE);
  g_return_val_if_fail (g_str_equal (base, device->device), FALSE);
  g_return_val_if_fail (device->name != NULL, FALSE);

  /* The host name, which another computer will refuse if it is not a
   * name. */
  problem = device_name_problem (device->name);
  if (problem != NULL)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("The device file %s cannot be written: %s"), path, problem);
      return FALSE;
    }

  last_seen = limber_journal_format_time (device->last_seen_utc, device->last_seen_offset_s);
  if (last_seen == NULL)
    return limber_journal_time_error (error, device->last_seen_utc);

  g_string_append_printf (json, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"device\": ",
                          DEVICE_FORMAT_NAME, DEVICE_FORMAT_VERSION);
  limber_json_append_string (json, device->device);
  g_string_append (json, ",\n  \"name\": ");
  limber_json_append_string (json, device->name);
  g_string_append (json, ",\n  \"last_seen\": ");
  limber_json_append_string (json, last_seen);
  g_string_append (json, "\n}\n");

  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      goto failed;
    }
  if (!write_all (fd, json->str, json->len) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp_path);
      goto failed;
    }
  if (close (fd) != 0 || g_rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      goto failed;
    }
  /* The new name on the disk too. Not being able to leaves the file
   * whole, old or new. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;

failed:
  g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
               _("The device file %s cannot be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Says what is wrong with the device file at @path. */
static LimberSyncDevice *
device_file_error (GError     **error,
                   const char  *path,
                   const char  *problem)
{
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("The device file %s is not valid: %s"), path, problem);
  return NULL;
}

LimberSyncDevice *
limber_sync_device_read (const char  *dir,
                         GError     **error)
{
  g_autofree char *path = g_build_filename (dir, DEVICE_FILE, NULL);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *data = g_malloc (LIMBER_SYNC_DEVICE_FILE_MAX + 1);
  g_autoptr (LimberSyncDevice) device = g_new0 (LimberSyncDevice, 1);
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *problem = NULL;
  JsonObjectIter iter;
  const char *member, *format, *id, *name, *last_seen;
  JsonNode *version;
  gsize length = 0;
  int fd;

  fd = limber_journal_open_own_file (path, O_RDONLY, 0, error);
  if (fd < 0)
    {
      g_prefix_error (error, _("The device file %s cannot be read: "), path);
      return NULL;
    }
  /* One byte more than is allowed tells a file that is too large. */
  while (length <= LIMBER_SYNC_DEVICE_FILE_MAX)
    {
      gssize n = read (fd, data + length, LIMBER_SYNC_DEVICE_FILE_MAX + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                       _("The device file %s cannot be read: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);
  if (length > LIMBER_SYNC_DEVICE_FILE_MAX)
    return device_file_error (error, path, _("it is larger than 16 KiB"));

  /* A device file is read as a change line is; its members' messages
   * say line 1, where the object starts. */
  object = parse_object (data, length, 1, &parse_error);
  if (object == NULL)
    return device_file_error (error, path, parse_error->message);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, NULL))
    {
      if (!g_str_equal (member, "format") && !g_str_equal (member, "version") &&
          !g_str_equal (member, "device") && !g_str_equal (member, "name") &&
          !g_str_equal (member, "last_seen"))
        {
          problem = g_strdup_printf (_("“%s” is not a member of a device file"), member);
          return device_file_error (error, path, problem);
        }
    }

  format = get_string_member (object, "format", 1, &parse_error);
  if (format == NULL)
    return device_file_error (error, path, parse_error->message);
  if (!g_str_equal (format, DEVICE_FORMAT_NAME))
    return device_file_error (error, path, _("it is not a device file of Limber"));
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    return device_file_error (error, path, _("its version is missing or not a version"));
  if (json_node_get_int (version) > DEVICE_FORMAT_VERSION)
    return device_file_error (error, path, _("a newer version of Limber wrote it"));

  id = get_string_member (object, "device", 1, &parse_error);
  if (id == NULL)
    return device_file_error (error, path, parse_error->message);
  if (!limber_uuid_is_valid (id) || !g_str_equal (id, base))
    return device_file_error (error, path, _("the device is not the one its folder is named after"));
  g_strlcpy (device->device, id, sizeof device->device);

  name = get_string_member (object, "name", 1, &parse_error);
  if (name == NULL)
    return device_file_error (error, path, parse_error->message);
  problem = device_name_problem (name);
  if (problem != NULL)
    return device_file_error (error, path, problem);
  device->name = g_strdup (name);

  last_seen = get_string_member (object, "last_seen", 1, &parse_error);
  if (last_seen == NULL ||
      !limber_journal_parse_time (last_seen, 1, "last_seen", &device->last_seen_utc,
                                  &device->last_seen_offset_s, &parse_error))
    return device_file_error (error, path, parse_error->message);

  return g_steal_pointer (&device);
}
