/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON read and written a piece at a time, so that a large file costs
 * memory for one record, not for all of them (limber-json-stream.c).
 *
 * The reader is strict JSON (RFC 8259) over UTF-8 text in memory. It
 * knows the line it is at, for messages; it refuses nesting deeper than
 * it was told, text holding U+0000, and an object naming a member twice.
 * A whole number that does not fit 64 bits is read as a fractional one,
 * never wrapped. Its errors are in G_IO_ERROR and say only what is wrong:
 * the caller names the file and the line. */

/* How deep Limber's own files nest: a routine file and an export need 4
 * levels; this leaves room and keeps recursive parsers far from the end
 * of the stack. */
#define LIMBER_JSON_MAX_DEPTH 32

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
  guint       depth;
  guint       max_depth;
} LimberJsonReader;

void      limber_json_reader_init         (LimberJsonReader  *reader,
                                           const char        *data,
                                           gsize              length,
                                           guint              max_depth);

/* The line where the next value starts, after any white space. */
guint     limber_json_reader_line         (LimberJsonReader  *reader);

/* Reads the “{” or “[” that opens an object or a list. */
gboolean  limber_json_reader_begin_object (LimberJsonReader  *reader,
                                           GError           **error);
gboolean  limber_json_reader_begin_array  (LimberJsonReader  *reader,
                                           GError           **error);

/* Reads up to the next member's value: @name_out is its name, or NULL at
 * the “}” that closes the object. @first is TRUE for the first call after
 * the object began. */
gboolean  limber_json_reader_next_member  (LimberJsonReader  *reader,
                                           gboolean           first,
                                           char             **name_out,
                                           GError           **error);

/* Reads up to the next element: @more_out is FALSE at the “]” that closes
 * the list. */
gboolean  limber_json_reader_next_element (LimberJsonReader  *reader,
                                           gboolean           first,
                                           gboolean          *more_out,
                                           GError           **error);

/* Reads one whole value; @node_out, when not NULL, receives it. Without
 * it the value is checked and skipped. */
gboolean  limber_json_reader_read_value   (LimberJsonReader  *reader,
                                           JsonNode         **node_out,
                                           GError           **error);

/* Checks that nothing but white space follows. */
gboolean  limber_json_reader_end          (LimberJsonReader  *reader,
                                           GError           **error);

/* Appends @text as a JSON string, quoted and escaped. */
void      limber_json_append_string       (GString           *out,
                                           const char        *text);

G_END_DECLS
