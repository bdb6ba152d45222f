/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "limber-cli-table.h"

struct _LimberCliTable
{
  char      *alignment;
  char      *indent;
  guint      n_columns;
  /* Rows of n_columns strings each, one after another. */
  GPtrArray *cells;
};

glong
limber_cli_text_width (const char *text)
{
  glong width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      /* Bytes that are not UTF-8 show as one replacement mark each; the
       * length their first byte claims may reach past the end. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          width++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      else if (g_unichar_iswide (c))
        width += 2;
      else
        width++;
    }

  return width;
}

char *
limber_cli_pad (const char *text,
                glong       columns,
                gboolean    at_end)
{
  glong missing = columns - limber_cli_text_width (text);
  GString *padded;

  if (missing <= 0)
    return g_strdup (text);

  padded = g_string_sized_new (strlen (text) + missing);
  if (at_end)
    {
      for (glong i = 0; i < missing; i++)
        g_string_append_c (padded, ' ');
      g_string_append (padded, text);
    }
  else
    {
      g_string_append (padded, text);
      for (glong i = 0; i < missing; i++)
        g_string_append_c (padded, ' ');
    }
  return g_string_free (padded, FALSE);
}

LimberCliTable *
limber_cli_table_new (const char *alignment,
                      const char *indent)
{
  LimberCliTable *self = g_new0 (LimberCliTable, 1);

  g_return_val_if_fail (alignment != NULL && *alignment != '\0', NULL);

  self->alignment = g_strdup (alignment);
  self->indent = g_strdup (indent ? indent : "");
  self->n_columns = strlen (alignment);
  self->cells = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
limber_cli_table_add (LimberCliTable *self,
                      ...)
{
  va_list args;
  guint added = 0;
  const char *cell;

  g_return_if_fail (self != NULL);

  va_start (args, self);
  while ((cell = va_arg (args, const char *)) != NULL)
    {
      /* Not a return: va_end must still run. */
      if (added == self->n_columns)
        {
          g_critical ("%s: more cells than the table's %u columns", G_STRFUNC, self->n_columns);
          break;
        }
      g_ptr_array_add (self->cells, g_strdup (cell));
      added++;
    }
  va_end (args);

  /* A short row is filled with empty cells. */
  for (; added < self->n_columns; added++)
    g_ptr_array_add (self->cells, g_strdup (""));
}

char *
limber_cli_table_format (LimberCliTable *self)
{
  g_autofree glong *widths = NULL;
  GString *text = g_string_new (NULL);
  guint n_rows;

  g_return_val_if_fail (self != NULL, NULL);

  n_rows = self->cells->len / self->n_columns;
  widths = g_new0 (glong, self->n_columns);
  for (guint i = 0; i < self->cells->len; i++)
    widths[i % self->n_columns] = MAX (widths[i % self->n_columns],
                                       limber_cli_text_width (self->cells->pdata[i]));

  for (guint row = 0; row < n_rows; row++)
    {
      g_string_append (text, self->indent);
      for (guint column = 0; column < self->n_columns; column++)
        {
          const char *cell = self->cells->pdata[row * self->n_columns + column];
          gboolean last = column + 1 == self->n_columns;
          gboolean at_end = self->alignment[column] == 'r';

          if (column > 0)
            g_string_append (text, "  ");
          if (last && !at_end)
            g_string_append (text, cell);
          else
            {
              g_autofree char *padded = limber_cli_pad (cell, widths[column], at_end);

              g_string_append (text, padded);
            }
        }
      /* No spaces left at the end of a line with empty last cells. */
      while (text->len > 0 && text->str[text->len - 1] == ' ')
        g_string_truncate (text, text->len - 1);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

void
limber_cli_table_free (LimberCliTable *self)
{
  if (self == NULL)
    return;
  g_free (self->alignment);
  g_free (self->indent);
  g_ptr_array_unref (self->cells);
  g_free (self);
}
