/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "limber-json-stream.h"

/* json-glib reads a whole file into a tree of nodes, about ten times the
 * size of the text, and reads whole numbers beyond 64 bits as -1. This
 * reader hands out one value at a time, and builds its nodes with
 * json-glib's types, so that the code reading a record stays the same. */

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

void
limber_json_reader_init (LimberJsonReader *reader,
                         const char       *data,
                         gsize             length,
                         guint             max_depth)
{
  reader->data = data;
  reader->length = length;
  reader->pos = 0;
  reader->line = 1;
  reader->depth = 0;
  reader->max_depth = max_depth;
}

static void
skip_space (LimberJsonReader *reader)
{
  while (reader->pos < reader->length)
    {
      char c = reader->data[reader->pos];

      if (c == '\n')
        reader->line++;
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      reader->pos++;
    }
}

guint
limber_json_reader_line (LimberJsonReader *reader)
{
  skip_space (reader);
  return reader->line;
}

/* The next character after white space, or NUL at the end. */
static char
peek (LimberJsonReader *reader)
{
  skip_space (reader);
  return reader->pos < reader->length ? reader->data[reader->pos] : '\0';
}

static gboolean
expect (LimberJsonReader  *reader,
        char               wanted,
        GError           **error)
{
  char c = peek (reader);

  if (c != wanted)
    {
      if (c == '\0')
        return fail (error, _("the file ends where “%c” was expected"), wanted);
      return fail (error, _("“%c” was expected"), wanted);
    }
  reader->pos++;
  return TRUE;
}

static gboolean
enter (LimberJsonReader  *reader,
       GError           **error)
{
  if (reader->depth >= reader->max_depth)
    /* Translators: %u is how deeply lists and objects may nest. */
    return fail (error, _("lists and objects nest more than %u deep"), reader->max_depth);
  reader->depth++;
  return TRUE;
}

gboolean
limber_json_reader_begin_object (LimberJsonReader  *reader,
                                 GError           **error)
{
  return expect (reader, '{', error) && enter (reader, error);
}

gboolean
limber_json_reader_begin_array (LimberJsonReader  *reader,
                                GError           **error)
{
  return expect (reader, '[', error) && enter (reader, error);
}

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after “\u”. */
static gboolean
read_hex4 (LimberJsonReader  *reader,
           gunichar          *value_out,
           GError           **error)
{
  gunichar value = 0;

  if (reader->length - reader->pos < 4)
    return fail (error, _("“\\u” must be followed by four hexadecimal digits"));
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (reader->data[reader->pos + i]);

      if (digit < 0)
        return fail (error, _("“\\u” must be followed by four hexadecimal digits"));
      value = value * 16 + (gunichar) digit;
    }
  reader->pos += 4;
  *value_out = value;
  return TRUE;
}

static gboolean
read_escape (LimberJsonReader  *reader,
             GString           *text,
             GError           **error)
{
  gunichar value;
  char c;

  if (reader->pos >= reader->length)
    return fail (error, _("text is never closed with “\"”"));
  c = reader->data[reader->pos++];
  switch (c)
    {
    case '"': case '\\': case '/':
      value = (gunichar) c;
      break;
    case 'b': value = '\b'; break;
    case 'f': value = '\f'; break;
    case 'n': value = '\n'; break;
    case 'r': value = '\r'; break;
    case 't': value = '\t'; break;
    case 'u':
      if (!read_hex4 (reader, &value, error))
        return FALSE;
      if (value >= 0xD800 && value <= 0xDBFF)
        {
          gunichar low;

          /* A character beyond the first 65536 comes as a pair. */
          if (reader->length - reader->pos < 2 ||
              reader->data[reader->pos] != '\\' || reader->data[reader->pos + 1] != 'u')
            return fail (error, _("“\\u%04X” is half of a pair that is not complete"), value);
          reader->pos += 2;
          if (!read_hex4 (reader, &low, error))
            return FALSE;
          if (low < 0xDC00 || low > 0xDFFF)
            return fail (error, _("“\\u%04X” is half of a pair that is not complete"), value);
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
        }
      else if (value >= 0xDC00 && value <= 0xDFFF)
        return fail (error, _("“\\u%04X” is half of a pair that is not complete"), value);
      else if (value == 0)
        /* Text in C ends at U+0000: what followed would silently go. */
        return fail (error, _("text cannot hold the character U+0000"));
      break;
    default:
      return fail (error, _("“\\%c” is not an escape that JSON knows"), c);
    }

  if (text != NULL)
    g_string_append_unichar (text, value);
  return TRUE;
}

/* Reads a string whose “"” is at the reader's position. */
static gboolean
read_string (LimberJsonReader  *reader,
             GString           *text,
             GError           **error)
{
  reader->pos++;
  for (;;)
    {
      gsize start = reader->pos;

      /* The common run of plain characters at once. */
      while (reader->pos < reader->length)
        {
          guchar c = (guchar) reader->data[reader->pos];

          if (c == '"' || c == '\\' || c < 0x20)
            break;
          reader->pos++;
        }
      if (text != NULL)
        g_string_append_len (text, reader->data + start, (gssize) (reader->pos - start));

      if (reader->pos >= reader->length)
        return fail (error, _("text is never closed with “\"”"));
      switch (reader->data[reader->pos])
        {
        case '"':
          reader->pos++;
          return TRUE;
        case '\\':
          reader->pos++;
          if (!read_escape (reader, text, error))
            return FALSE;
          break;
        default:
          return fail (error, _("a line break or control character inside text must be written as an escape"));
        }
    }
}

static gsize
skip_digits (LimberJsonReader *reader)
{
  gsize start = reader->pos;

  while (reader->pos < reader->length && g_ascii_isdigit (reader->data[reader->pos]))
    reader->pos++;
  return reader->pos - start;
}

static gboolean
read_number (LimberJsonReader  *reader,
             JsonNode         **node_out,
             GError           **error)
{
  gsize start = reader->pos;
  gboolean whole = TRUE;
  g_autofree char *text = NULL;
  gint64 value;

  if (reader->data[reader->pos] == '-')
    reader->pos++;
  if (reader->pos < reader->length && reader->data[reader->pos] == '0')
    {
      reader->pos++;
      if (reader->pos < reader->length && g_ascii_isdigit (reader->data[reader->pos]))
        return fail (error, _("a number cannot start with 0"));
    }
  else if (skip_digits (reader) == 0)
    return fail (error, _("“-” must be followed by a number"));

  if (reader->pos < reader->length && reader->data[reader->pos] == '.')
    {
      reader->pos++;
      whole = FALSE;
      if (skip_digits (reader) == 0)
        return fail (error, _("a number’s “.” must be followed by digits"));
    }
  if (reader->pos < reader->length && (reader->data[reader->pos] == 'e' || reader->data[reader->pos] == 'E'))
    {
      reader->pos++;
      whole = FALSE;
      if (reader->pos < reader->length && (reader->data[reader->pos] == '+' || reader->data[reader->pos] == '-'))
        reader->pos++;
      if (skip_digits (reader) == 0)
        return fail (error, _("a number’s exponent must have digits"));
    }

  if (node_out == NULL)
    return TRUE;

  text = g_strndup (reader->data + start, reader->pos - start);
  if (whole && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    *node_out = json_node_init_int (json_node_alloc (), value);
  else
    *node_out = json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
  return TRUE;
}

static gboolean
read_word (LimberJsonReader  *reader,
           const char        *word,
           GError           **error)
{
  gsize length = strlen (word);

  if (reader->length - reader->pos < length || memcmp (reader->data + reader->pos, word, length) != 0)
    return fail (error, _("a value was expected: text in quotes, a number, true, false, null, a list or an object"));
  reader->pos += length;
  return TRUE;
}

static gboolean read_value (LimberJsonReader  *reader,
                            JsonNode         **node_out,
                            GError           **error);

gboolean
limber_json_reader_next_member (LimberJsonReader  *reader,
                                gboolean           first,
                                char             **name_out,
                                GError           **error)
{
  g_autoptr (GString) name = g_string_new (NULL);
  char c = peek (reader);

  *name_out = NULL;
  if (c == '}')
    {
      reader->pos++;
      reader->depth--;
      return TRUE;
    }
  if (!first)
    {
      if (c != ',')
        return c == '\0' ? fail (error, _("the file ends inside an object"))
                         : fail (error, _("“,” or “}” was expected"));
      reader->pos++;
      c = peek (reader);
    }
  if (c != '"')
    return fail (error, _("a member’s name in quotes was expected"));
  if (!read_string (reader, name, error) || !expect (reader, ':', error))
    return FALSE;

  *name_out = g_string_free (g_steal_pointer (&name), FALSE);
  return TRUE;
}

gboolean
limber_json_reader_next_element (LimberJsonReader  *reader,
                                 gboolean           first,
                                 gboolean          *more_out,
                                 GError           **error)
{
  char c = peek (reader);

  *more_out = FALSE;
  if (c == ']')
    {
      reader->pos++;
      reader->depth--;
      return TRUE;
    }
  if (!first)
    {
      if (c != ',')
        return c == '\0' ? fail (error, _("the file ends inside a list"))
                         : fail (error, _("“,” or “]” was expected"));
      reader->pos++;
    }

  *more_out = TRUE;
  return TRUE;
}

static gboolean
read_object (LimberJsonReader  *reader,
             JsonNode         **node_out,
             GError           **error)
{
  g_autoptr (JsonObject) object = node_out != NULL ? json_object_new () : NULL;

  if (!limber_json_reader_begin_object (reader, error))
    return FALSE;
  for (gboolean first = TRUE;; first = FALSE)
    {
      g_autofree char *name = NULL;
      JsonNode *member = NULL;

      if (!limber_json_reader_next_member (reader, first, &name, error))
        return FALSE;
      if (name == NULL)
        break;
      if (object != NULL && json_object_has_member (object, name))
        return fail (error, _("“%s” is given twice"), name);
      if (!read_value (reader, object != NULL ? &member : NULL, error))
        return FALSE;
      if (object != NULL)
        json_object_set_member (object, name, member);
    }

  if (node_out != NULL)
    *node_out = json_node_init_object (json_node_alloc (), object);
  return TRUE;
}

static gboolean
read_array (LimberJsonReader  *reader,
            JsonNode         **node_out,
            GError           **error)
{
  g_autoptr (JsonArray) array = node_out != NULL ? json_array_new () : NULL;
  gboolean more = TRUE;

  if (!limber_json_reader_begin_array (reader, error))
    return FALSE;
  for (gboolean first = TRUE;; first = FALSE)
    {
      JsonNode *element = NULL;

      if (!limber_json_reader_next_element (reader, first, &more, error))
        return FALSE;
      if (!more)
        break;
      if (!read_value (reader, array != NULL ? &element : NULL, error))
        return FALSE;
      if (array != NULL)
        json_array_add_element (array, element);
    }

  if (node_out != NULL)
    *node_out = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

static gboolean
read_value (LimberJsonReader  *reader,
            JsonNode         **node_out,
            GError           **error)
{
  switch (peek (reader))
    {
    case '{':
      return read_object (reader, node_out, error);

    case '[':
      return read_array (reader, node_out, error);

    case '"':
      {
        g_autoptr (GString) text = NULL;

        if (node_out == NULL)
          return read_string (reader, NULL, error);
        text = g_string_new (NULL);
        if (!read_string (reader, text, error))
          return FALSE;
        *node_out = json_node_init_string (json_node_alloc (), text->str);
        return TRUE;
      }

    case 't':
    case 'f':
      {
        gboolean value = reader->data[reader->pos] == 't';

        if (!read_word (reader, value ? "true" : "false", error))
          return FALSE;
        if (node_out != NULL)
          *node_out = json_node_init_boolean (json_node_alloc (), value);
        return TRUE;
      }

    case 'n':
      if (!read_word (reader, "null", error))
        return FALSE;
      if (node_out != NULL)
        *node_out = json_node_init_null (json_node_alloc ());
      return TRUE;

    case '\0':
      if (reader->pos >= reader->length)
        return fail (error, _("the file ends where a value was expected"));
      break;

    default:
      if (reader->data[reader->pos] == '-' || g_ascii_isdigit (reader->data[reader->pos]))
        return read_number (reader, node_out, error);
      break;
    }

  return fail (error, _("a value was expected: text in quotes, a number, true, false, null, a list or an object"));
}

gboolean
limber_json_reader_read_value (LimberJsonReader  *reader,
                               JsonNode         **node_out,
                               GError           **error)
{
  g_autoptr (JsonNode) node = NULL;

  if (!read_value (reader, node_out != NULL ? &node : NULL, error))
    return FALSE;
  if (node_out != NULL)
    *node_out = g_steal_pointer (&node);
  return TRUE;
}

gboolean
limber_json_reader_end (LimberJsonReader  *reader,
                        GError           **error)
{
  skip_space (reader);
  if (reader->pos < reader->length)
    return fail (error, _("more follows the end of the file’s object"));
  return TRUE;
}

void
limber_json_append_string (GString    *out,
                           const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *c < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *c);
          else
            g_string_append_c (out, *c);
        }
    }
  g_string_append_c (out, '"');
}
