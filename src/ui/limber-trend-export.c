/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "limber-file-target.h"
#include "limber-trend-export.h"

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The legend under an exported chart: one line per change, in the
 * chart's font. */
#define LEGEND_FONT        "Sans 10"
#define LEGEND_LINE_HEIGHT 18
#define LEGEND_PADDING     12

/* The lines of the legend for the changes on days of @trend. */
static GPtrArray *
legend_lines (const LimberTrend *trend,
              GPtrArray         *changes)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *numbers = NULL;

  if (changes == NULL || changes->len == 0 || !limber_trend_chart_has_data (trend))
    return lines;

  numbers = limber_trend_chart_number_life_changes (trend, changes, NULL);
  for (guint i = 0; i < changes->len; i++)
    if (numbers[i] > 0)
      g_ptr_array_add (lines, limber_trend_chart_format_life_change (g_ptr_array_index (changes, i), numbers[i]));
  return lines;
}

static int
picture_height (GPtrArray *lines)
{
  if (lines->len == 0)
    return LIMBER_TREND_EXPORT_HEIGHT;
  return LIMBER_TREND_EXPORT_HEIGHT + 2 * LEGEND_PADDING + (int) lines->len * LEGEND_LINE_HEIGHT;
}

static void
draw_on_white (cairo_t                      *cr,
               const LimberTrend            *trend,
               GPtrArray                    *changes,
               GPtrArray                    *lines,
               const LimberTrendChartColors *colors)
{
  /* Light colours on no background would vanish in a dark viewer. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  limber_trend_chart_draw (cr, LIMBER_TREND_EXPORT_WIDTH, LIMBER_TREND_EXPORT_HEIGHT, trend, colors, -1);
  limber_trend_chart_draw_life_changes (cr, LIMBER_TREND_EXPORT_WIDTH, LIMBER_TREND_EXPORT_HEIGHT, trend,
                                        changes, colors);

  if (lines->len > 0)
    {
      g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
      g_autoptr (PangoFontDescription) font = pango_font_description_from_string (LEGEND_FONT);

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (LIMBER_TREND_EXPORT_WIDTH - 2 * LEGEND_PADDING) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gdk_cairo_set_source_rgba (cr, &colors->foreground);
      for (guint i = 0; i < lines->len; i++)
        {
          pango_layout_set_text (layout, g_ptr_array_index (lines, i), -1);
          cairo_move_to (cr, LEGEND_PADDING,
                         LIMBER_TREND_EXPORT_HEIGHT + LEGEND_PADDING + i * LEGEND_LINE_HEIGHT);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

/* The picture goes to memory first so that the file is written once, in
 * full, with the same errors as the CSV. */
static gboolean
render_picture (const LimberTrend             *trend,
                GPtrArray                     *changes,
                const LimberTrendChartColors  *colors,
                const char                    *path,
                LimberTrendExportFormat        format,
                GByteArray                    *bytes,
                GError                       **error)
{
  g_autoptr (GPtrArray) lines = legend_lines (trend, changes);
  int height = picture_height (lines);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == LIMBER_TREND_EXPORT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, LIMBER_TREND_EXPORT_WIDTH, height);
  else
    surface = cairo_svg_surface_create_for_stream (write_to_bytes_cb, bytes,
                                                   LIMBER_TREND_EXPORT_WIDTH, height);

  cr = cairo_create (surface);
  draw_on_white (cr, trend, changes, lines, colors);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == LIMBER_TREND_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_bytes_cb, bytes);
  /* Finishing writes the rest of an SVG. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the chart for “%s”: %s"), display_name, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
append_score (GString *out,
              int      score)
{
  g_string_append_c (out, ',');
  if (score != LIMBER_PAIN_SCORE_UNSET)
    g_string_append_printf (out, "%d", score);
}

/* RFC 4180: CRLF line ends. No field needs quoting: days, numbers and
 * words without commas. */
static void
render_csv (const LimberTrend *trend,
            GByteArray        *bytes)
{
  g_autoptr (GString) out = g_string_new ("day,logged,average,worst,breaks_due,breaks_taken,"
                                          "breaks_skipped,breaks_postponed,stretch_minutes,rolling_mean\r\n");

  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (trend->days, LimberTrendDay, i);

      if (day->after_last_day)
        continue;

      g_string_append_printf (out, "%s,%s", day->day, day->logged ? "true" : "false");
      append_score (out, day->logged ? day->average : LIMBER_PAIN_SCORE_UNSET);
      append_score (out, day->logged ? day->worst : LIMBER_PAIN_SCORE_UNSET);
      g_string_append_printf (out, ",%u,%u,%u,%u,%u,", day->breaks_due, day->breaks_taken,
                              day->breaks_skipped, day->breaks_postponed, day->stretch_minutes);
      if (day->has_rolling_mean)
        {
          char mean[G_ASCII_DTOSTR_BUF_SIZE];

          /* A point whatever the locale, for spreadsheets and scripts. */
          g_string_append (out, g_ascii_formatd (mean, sizeof mean, "%.2f", day->rolling_mean));
        }
      g_string_append (out, "\r\n");
    }
  g_byte_array_append (bytes, (const guint8 *) out->str, out->len);
}

/* The file to write for @path (limber_file_export_target()). */
static char *
export_target (const char  *path,
               GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  char *target = limber_file_export_target (path, &local_error);

  if (target == NULL)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not export to “%s”: %s"), display_name, local_error->message);
    }
  return target;
}

gboolean
limber_trend_export (const LimberTrend             *trend,
                     GPtrArray                     *changes,
                     const LimberTrendChartColors  *colors,
                     const char                    *path,
                     LimberTrendExportFormat        format,
                     GError                       **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (trend != NULL, FALSE);
  g_return_val_if_fail (colors != NULL || format == LIMBER_TREND_EXPORT_CSV, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format <= LIMBER_TREND_EXPORT_CSV, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = export_target (path, error);
  if (target == NULL)
    return FALSE;

  if (format == LIMBER_TREND_EXPORT_CSV)
    render_csv (trend, bytes);
  else if (!render_picture (trend, changes, colors, path, format, bytes, error))
    return FALSE;

  /* Health data: the file is the person's alone (0600), whether it is
   * new or replaced. Written beside it and renamed over it, so that a
   * failed export leaves the old file as it was. */
  if (!g_file_set_contents_full (target, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not export to “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
