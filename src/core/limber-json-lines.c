/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-json-lines.h"

struct _LimberJsonLines
{
  JsonParser *parser;
  /* The line of each object still open. */
  GArray     *open;
  /* JsonObject → the line of its “{”. */
  GHashTable *objects;
  /* JsonNode of an array element → the line where it ends. */
  GHashTable *elements;
  guint       error_line;
};

static void
object_start_cb (JsonParser      *parser,
                 LimberJsonLines *lines)
{
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (lines->open, line);
}

static void
object_end_cb (JsonParser      *parser,
               JsonObject      *object,
               LimberJsonLines *lines)
{
  if (lines->open->len == 0)
    return;
  g_hash_table_insert (lines->objects, object,
                       GUINT_TO_POINTER (g_array_index (lines->open, guint, lines->open->len - 1)));
  g_array_set_size (lines->open, lines->open->len - 1);
}

static void
array_element_cb (JsonParser      *parser,
                  JsonArray       *array,
                  int              index,
                  LimberJsonLines *lines)
{
  g_hash_table_insert (lines->elements, json_array_get_element (array, index),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

/* json-glib's own message names the place as “<data>:LINE:COLUMN”; keep
 * the line for a message like the others. */
static void
error_cb (JsonParser      *parser,
          gpointer         parse_error,
          LimberJsonLines *lines)
{
  lines->error_line = json_parser_get_current_line (parser);
}

LimberJsonLines *
limber_json_lines_watch (JsonParser *parser)
{
  LimberJsonLines *lines = g_new0 (LimberJsonLines, 1);

  g_return_val_if_fail (JSON_IS_PARSER (parser), NULL);

  lines->parser = g_object_ref (parser);
  lines->open = g_array_new (FALSE, FALSE, sizeof (guint));
  lines->objects = g_hash_table_new (NULL, NULL);
  lines->elements = g_hash_table_new (NULL, NULL);

  g_signal_connect (parser, "object-start", G_CALLBACK (object_start_cb), lines);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), lines);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), lines);
  g_signal_connect (parser, "error", G_CALLBACK (error_cb), lines);

  return lines;
}

void
limber_json_lines_free (LimberJsonLines *lines)
{
  if (lines == NULL)
    return;

  g_signal_handlers_disconnect_by_data (lines->parser, lines);
  g_object_unref (lines->parser);
  g_array_unref (lines->open);
  g_hash_table_destroy (lines->objects);
  g_hash_table_destroy (lines->elements);
  g_free (lines);
}

guint
limber_json_lines_of_object (LimberJsonLines *lines,
                             JsonObject      *object)
{
  gpointer line;

  if (g_hash_table_lookup_extended (lines->objects, object, NULL, &line))
    return MAX (1, GPOINTER_TO_UINT (line));
  return 1;
}

guint
limber_json_lines_of (LimberJsonLines *lines,
                      JsonNode        *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return limber_json_lines_of_object (lines, json_node_get_object (node));
  return MAX (1, GPOINTER_TO_UINT (g_hash_table_lookup (lines->elements, node)));
}

guint
limber_json_lines_error_line (LimberJsonLines *lines)
{
  return MAX (1, lines->error_line);
}
