/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The tables `limber` prints, lined up by what a terminal shows rather
 * than by bytes: an en dash or an umlaut takes one column, a CJK letter
 * two, a combining accent none. */

/**
 * limber_cli_text_width:
 *
 * How many terminal columns @text takes.
 */
glong  limber_cli_text_width  (const char *text);

/**
 * limber_cli_pad:
 * @columns: the width to fill
 * @at_end: whether to put the text at the end (numbers), or at the start
 *
 * @text with spaces before or after it to fill @columns columns; as it is
 * when it is as wide already.
 */
char  *limber_cli_pad         (const char *text,
                               glong       columns,
                               gboolean    at_end);

typedef struct _LimberCliTable LimberCliTable;

/**
 * limber_cli_table_new:
 * @alignment: one letter a column: 'l' for text at the start of its
 *   column, 'r' for numbers at the end
 * @indent: what each line starts with
 */
LimberCliTable *limber_cli_table_new      (const char     *alignment,
                                           const char     *indent);

/**
 * limber_cli_table_add:
 *
 * A row: one string a column, then %NULL.
 */
void            limber_cli_table_add      (LimberCliTable *self,
                                           ...) G_GNUC_NULL_TERMINATED;

/**
 * limber_cli_table_format:
 *
 * The rows, each column as wide as its widest cell and two spaces
 * between columns; the last column is not padded.
 */
char           *limber_cli_table_format   (LimberCliTable *self);
void            limber_cli_table_free     (LimberCliTable *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCliTable, limber_cli_table_free)

G_END_DECLS
