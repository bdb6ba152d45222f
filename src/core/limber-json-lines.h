/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "limber-json-stream.h"

G_BEGIN_DECLS

/* Where the objects of a parsed JSON file start, for messages that name
 * the line: json-glib forgets the lines once it has parsed. */
typedef struct _LimberJsonLines LimberJsonLines;

/**
 * limber_json_lines_watch:
 *
 * Records the lines of what @parser parses from now on.
 */
LimberJsonLines *limber_json_lines_watch      (JsonParser      *parser);
void             limber_json_lines_free       (LimberJsonLines *lines);

/**
 * limber_json_lines_of:
 *
 * The line where @node starts (an object's “{”), or where it ends for
 * other values; at least 1.
 */
guint            limber_json_lines_of         (LimberJsonLines *lines,
                                               JsonNode        *node);
guint            limber_json_lines_of_object  (LimberJsonLines *lines,
                                               JsonObject      *object);

/**
 * limber_json_lines_error_line:
 *
 * The line of the parse error, when parsing failed; at least 1.
 */
guint            limber_json_lines_error_line (LimberJsonLines *lines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberJsonLines, limber_json_lines_free)

G_END_DECLS
