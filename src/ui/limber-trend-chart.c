/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "limber-trend-chart.h"

/* The weekly chart: one bar per logged day for the average pain, a tick
 * for the worst, the 7-day rolling mean as a line, the dates under the
 * plot and, below them under captions of their own, how many of the
 * breaks that came due were taken and how long the person stretched. The
 * drawing lives in limber_trend_chart_draw() so that it can be tested
 * without a display. */
struct _LimberTrendChart
{
  GtkWidget          parent_instance;

  /* Borrowed: the page that owns the trend sets a new one (or NULL)
   * before it frees the old one. */
  const LimberTrend *trend;
  /* The day under the pointer or chosen with the arrow keys, -1 for none. */
  int                highlight_day;
  /* The LimberLifeChange to mark, oldest first, or NULL. */
  GPtrArray         *changes;
  /* What screen readers are told now. */
  char              *description;
};

G_DEFINE_FINAL_TYPE (LimberTrendChart, limber_trend_chart, GTK_TYPE_WIDGET)

#define MAX_SCORE          10.0
#define MARGIN_LEFT        28.0
#define MARGIN_RIGHT       8.0
#define MARGIN_TOP         8.0
#define MARGIN_BOTTOM      2.0
/* A fixed small sans font: the text must fit the heights below, and an
 * export has no widget to take a font from. */
#define FONT               "Sans 8"
/* One line of text in FONT, with room to spare. */
#define LINE_HEIGHT        14.0
/* From the plot's bottom edge to the dates, and the length of the ticks
 * that mark the weeks there. */
#define DATE_GAP           4.0
/* From the dates to the first caption: the strips belong to no axis. */
#define SECTION_GAP        8.0
#define STRIP_HEIGHT       14.0
/* From the breaks strip to the stretching caption. */
#define STRIP_GAP          6.0
/* The least room between two dates. */
#define DATE_LABEL_GAP     6.0

/* A change's marker: the dot's radius, and the room between two dots
 * side by side before the later one moves down a row. */
#define MARKER_RADIUS      7.0
#define MARKER_GAP         2.0
/* Rows of dots before they start again at the top. */
#define MARKER_ROWS        3

/* A date to draw, with its text. */
typedef struct
{
  LimberTrendChartLabel label;
  char                 *text;
} DateLabel;

gboolean
limber_trend_chart_has_data (const LimberTrend *trend)
{
  if (trend == NULL)
    return FALSE;

  for (guint i = 0; i < trend->days->len; i++)
    if (g_array_index (trend->days, LimberTrendDay, i).logged)
      return TRUE;
  return FALSE;
}

/* A trend of one week has a date under each day, with the weekday; a
 * longer one the first day of each week, on one line. */
static gboolean
labels_days (guint n_days)
{
  return n_days <= 7;
}

void
limber_trend_chart_get_geometry (int                       width,
                                 int                       height,
                                 const LimberTrend        *trend,
                                 LimberTrendChartGeometry *geometry)
{
  double plot_width;
  double plot_height;
  double date_height;
  double y;

  g_return_if_fail (geometry != NULL);

  geometry->n_days = trend != NULL ? MAX (trend->days->len, 1) : 7;
  date_height = (labels_days (geometry->n_days) ? 2 : 1) * LINE_HEIGHT;
  plot_width = MAX (width - MARGIN_LEFT - MARGIN_RIGHT, 1.0);
  plot_height = MAX (height - MARGIN_TOP - DATE_GAP - date_height - SECTION_GAP
                     - 2 * (LINE_HEIGHT + STRIP_HEIGHT) - STRIP_GAP - MARGIN_BOTTOM, 1.0);
  graphene_rect_init (&geometry->plot, MARGIN_LEFT, MARGIN_TOP, plot_width, plot_height);
  y = MARGIN_TOP + plot_height + DATE_GAP;
  /* The dates may use the margins too. */
  graphene_rect_init (&geometry->date_labels, 0, y, MAX (width, 1), date_height);
  y += date_height + SECTION_GAP;
  graphene_rect_init (&geometry->breaks_caption, MARGIN_LEFT, y, plot_width, LINE_HEIGHT);
  y += LINE_HEIGHT;
  graphene_rect_init (&geometry->breaks_strip, MARGIN_LEFT, y, plot_width, STRIP_HEIGHT);
  y += STRIP_HEIGHT + STRIP_GAP;
  graphene_rect_init (&geometry->stretch_caption, MARGIN_LEFT, y, plot_width, LINE_HEIGHT);
  y += LINE_HEIGHT;
  graphene_rect_init (&geometry->stretch_strip, MARGIN_LEFT, y, plot_width, STRIP_HEIGHT);
  geometry->day_width = plot_width / geometry->n_days;
  /* Leave a gap between bars, but not so wide a bar that one week looks
   * like a block. */
  geometry->bar_width = MAX (MIN (geometry->day_width * 0.6, 36.0), 1.0);
}

static double
day_center_x (const LimberTrendChartGeometry *geometry,
              guint                           day_index)
{
  return geometry->plot.origin.x + (day_index + 0.5) * geometry->day_width;
}

static double
score_y (const LimberTrendChartGeometry *geometry,
         double                          score)
{
  double clamped = CLAMP (score, 0.0, MAX_SCORE);

  return geometry->plot.origin.y + geometry->plot.size.height * (1.0 - clamped / MAX_SCORE);
}

void
limber_trend_chart_bar_rect (int                width,
                             int                height,
                             const LimberTrend *trend,
                             guint              day_index,
                             double             score,
                             graphene_rect_t   *rect)
{
  LimberTrendChartGeometry geometry;
  double top;

  g_return_if_fail (rect != NULL);

  limber_trend_chart_get_geometry (width, height, trend, &geometry);
  top = score_y (&geometry, score);
  graphene_rect_init (rect,
                      day_center_x (&geometry, day_index) - geometry.bar_width / 2,
                      top,
                      geometry.bar_width,
                      score_y (&geometry, 0) - top);
}

int
limber_trend_chart_day_at (int                width,
                           int                height,
                           const LimberTrend *trend,
                           double             x)
{
  LimberTrendChartGeometry geometry;
  double offset;
  guint day_index;

  if (trend == NULL)
    return -1;

  limber_trend_chart_get_geometry (width, height, trend, &geometry);
  offset = x - geometry.plot.origin.x;
  if (offset < 0 || offset >= geometry.plot.size.width)
    return -1;

  day_index = MIN ((guint) (offset / geometry.day_width), geometry.n_days - 1);
  /* Days after the last one hold nothing to tell about. */
  if (day_index >= trend->days->len
      || g_array_index (trend->days, LimberTrendDay, day_index).after_last_day)
    return -1;
  return (int) day_index;
}

/* @text ending at @x, centred on @y. */
static void
draw_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y)
{
  int text_width;
  int text_height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_move_to (cr, x - text_width, y - text_height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_grid (cairo_t                        *cr,
           PangoLayout                    *layout,
           const LimberTrendChartGeometry *geometry,
           const LimberTrendChartColors   *colors)
{
  for (int score = 0; score <= 10; score += 5)
    {
      double y = round (score_y (geometry, score)) + 0.5;
      char text[4];

      gdk_cairo_set_source_rgba (cr, &colors->dim);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, geometry->plot.origin.x, y);
      cairo_line_to (cr, geometry->plot.origin.x + geometry->plot.size.width, y);
      cairo_stroke (cr);

      g_snprintf (text, sizeof text, "%d", score);
      gdk_cairo_set_source_rgba (cr, &colors->foreground);
      draw_text (cr, layout, text, geometry->plot.origin.x - 6, y);
    }
}

static void
draw_highlight (cairo_t                        *cr,
                const LimberTrendChartGeometry *geometry,
                const LimberTrend              *trend,
                const LimberTrendChartColors   *colors,
                int                             highlight_day)
{
  GdkRGBA band = colors->dim;

  if (highlight_day < 0 || (guint) highlight_day >= trend->days->len)
    return;

  /* Fainter than the grid, so that the bars in front keep their contrast. */
  band.alpha *= 0.6f;
  gdk_cairo_set_source_rgba (cr, &band);
  cairo_rectangle (cr, geometry->plot.origin.x + highlight_day * geometry->day_width,
                   geometry->plot.origin.y, geometry->day_width,
                   geometry->stretch_strip.origin.y + geometry->stretch_strip.size.height - geometry->plot.origin.y);
  cairo_fill (cr);
}

static void
draw_days (cairo_t                        *cr,
           const LimberTrendChartGeometry *geometry,
           const LimberTrend              *trend,
           const LimberTrendChartColors   *colors)
{
  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (trend->days, LimberTrendDay, i);
      double x = day_center_x (geometry, i) - geometry->bar_width / 2;

      if (!day->logged || day->after_last_day)
        continue;

      if (day->average != LIMBER_PAIN_SCORE_UNSET)
        {
          double top = score_y (geometry, day->average);

          gdk_cairo_set_source_rgba (cr, &colors->accent);
          cairo_rectangle (cr, x, top, geometry->bar_width, score_y (geometry, 0) - top);
          cairo_fill (cr);
        }

      if (day->worst != LIMBER_PAIN_SCORE_UNSET)
        {
          double overhang = MIN (geometry->bar_width * 0.2, 4.0);

          gdk_cairo_set_source_rgba (cr, &colors->warning);
          cairo_rectangle (cr, x - overhang, score_y (geometry, day->worst) - 1.5,
                           geometry->bar_width + 2 * overhang, 3);
          cairo_fill (cr);
        }
    }
}

static void
draw_rolling_mean (cairo_t                        *cr,
                   const LimberTrendChartGeometry *geometry,
                   const LimberTrend              *trend,
                   const LimberTrendChartColors   *colors)
{
  gboolean drawing = FALSE;

  gdk_cairo_set_source_rgba (cr, &colors->line);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* A gap in the data is a gap in the line: joining across it would
   * show a mean nobody measured. */
  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (trend->days, LimberTrendDay, i);
      double x = day_center_x (geometry, i);

      if (!day->has_rolling_mean || day->after_last_day)
        {
          drawing = FALSE;
          continue;
        }

      if (drawing)
        cairo_line_to (cr, x, score_y (geometry, day->rolling_mean));
      else
        {
          cairo_new_sub_path (cr);
          cairo_move_to (cr, x, score_y (geometry, day->rolling_mean));
          /* A lone point still shows as a dot thanks to the round cap. */
          cairo_line_to (cr, x, score_y (geometry, day->rolling_mean));
        }
      drawing = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_breaks (cairo_t                        *cr,
             const LimberTrendChartGeometry *geometry,
             const LimberTrend              *trend,
             const LimberTrendChartColors   *colors)
{
  double top = geometry->breaks_strip.origin.y;
  double strip_height = geometry->breaks_strip.size.height;

  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (trend->days, LimberTrendDay, i);
      double x = day_center_x (geometry, i) - geometry->bar_width / 2;
      double taken_height;

      if (day->after_last_day || day->breaks_due == 0)
        continue;

      gdk_cairo_set_source_rgba (cr, &colors->dim);
      cairo_rectangle (cr, x, top, geometry->bar_width, strip_height);
      cairo_fill (cr);

      taken_height = strip_height * MIN (day->breaks_taken, day->breaks_due) / day->breaks_due;
      gdk_cairo_set_source_rgba (cr, &colors->breaks);
      cairo_rectangle (cr, x, top + strip_height - taken_height, geometry->bar_width, taken_height);
      cairo_fill (cr);
    }
}

/* A bar that grows with the minutes of stretching, so that a day with a
 * routine stands out from a day with one shoulder roll. */
static void
draw_stretching (cairo_t                        *cr,
                 const LimberTrendChartGeometry *geometry,
                 const LimberTrend              *trend,
                 const LimberTrendChartColors   *colors)
{
  double bottom = geometry->stretch_strip.origin.y + geometry->stretch_strip.size.height;

  for (guint i = 0; i < trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (trend->days, LimberTrendDay, i);
      double x = day_center_x (geometry, i) - geometry->bar_width / 2;
      double height;

      if (day->after_last_day || day->stretch_seconds == 0)
        continue;

      /* Any stretching shows, however short. */
      height = geometry->stretch_strip.size.height *
               MAX (MIN (day->stretch_seconds / 60.0, LIMBER_TREND_CHART_FULL_STRETCH) / LIMBER_TREND_CHART_FULL_STRETCH, 0.15);
      gdk_cairo_set_source_rgba (cr, &colors->stretch);
      cairo_rectangle (cr, x, bottom - height, geometry->bar_width, height);
      cairo_fill (cr);
    }
}

static void
clear_date_label (gpointer data)
{
  DateLabel *label = data;

  g_free (label->text);
}

static char *
format_date_label (const LimberTrendDay *day,
                   gboolean              daily)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  /* A day names a date, not a moment: it is written without a zone. */
  limber_day_to_date (day->day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  /* Translators: under each day of a one-week chart: the weekday, then
   * the day of the month; otherwise the first day and month of a week. A
   * strftime format, see g_date_time_format(). */
  return g_date_time_format (time, daily ? /* xgettext:no-c-format */ _("%a\n%-d")
                                         : /* xgettext:no-c-format */ _("%-d %b"));
}

/* The layout every text of the chart is measured and drawn with. Hinted
 * metrics would make the widths depend on the surface: off, a date is as
 * wide on screen as when the tests measure it. */
static PangoLayout *
create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* Every day or week gets a date when they all fit; otherwise every
 * second one, every third and so on, always with the latest, until no
 * two come closer than DATE_LABEL_GAP. */
static GArray *
lay_out_dates (PangoLayout                    *layout,
               const LimberTrendChartGeometry *geometry,
               const LimberTrend              *trend)
{
  gboolean daily = labels_days (trend->days->len);
  guint step = daily ? 1 : 7;
  guint n_candidates = (trend->days->len + step - 1) / step;
  double width = geometry->date_labels.size.width;
  g_autoptr (GArray) candidates = g_array_sized_new (FALSE, TRUE, sizeof (DateLabel), n_candidates);
  GArray *chosen = g_array_new (FALSE, TRUE, sizeof (DateLabel));
  guint stride;

  g_array_set_clear_func (candidates, clear_date_label);
  g_array_set_clear_func (chosen, clear_date_label);
  if (n_candidates == 0)
    return chosen;

  for (guint c = 0; c < n_candidates; c++)
    {
      DateLabel label = { { 0 } };
      double slot_x = geometry->plot.origin.x + c * step * geometry->day_width;
      int text_width, text_height;
      double x;

      label.label.day_index = c * step;
      label.text = format_date_label (&g_array_index (trend->days, LimberTrendDay, c * step), daily);
      pango_layout_set_text (layout, label.text, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      /* A day's date is centred under it; a week's starts at its tick. */
      x = daily ? slot_x + (geometry->day_width - text_width) / 2 : slot_x + 2;
      x = CLAMP (x, 0, MAX (width - text_width, 0));
      graphene_rect_init (&label.label.rect, x, geometry->date_labels.origin.y, text_width, text_height);
      g_array_append_val (candidates, label);
    }

  for (stride = 1; stride < n_candidates; stride++)
    {
      double previous_end = -G_MAXDOUBLE;
      gboolean fits = TRUE;

      for (guint c = (n_candidates - 1) % stride; c < n_candidates && fits; c += stride)
        {
          const graphene_rect_t *rect = &g_array_index (candidates, DateLabel, c).label.rect;

          fits = rect->origin.x >= previous_end + DATE_LABEL_GAP;
          previous_end = rect->origin.x + rect->size.width;
        }
      if (fits)
        break;
    }

  for (guint c = (n_candidates - 1) % stride; c < n_candidates; c += stride)
    {
      DateLabel *label = &g_array_index (candidates, DateLabel, c);
      DateLabel copy = *label;

      /* The chosen array frees the text from now on. */
      label->text = NULL;
      g_array_append_val (chosen, copy);
    }
  return chosen;
}

GArray *
limber_trend_chart_get_date_labels (int                width,
                                    int                height,
                                    const LimberTrend *trend)
{
  LimberTrendChartGeometry geometry;
  g_autoptr (GArray) dates = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (LimberTrendChartLabel));
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!limber_trend_chart_has_data (trend))
    return labels;

  /* Measured as limber_trend_chart_draw() measures them. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  layout = create_layout (cr);
  limber_trend_chart_get_geometry (width, height, trend, &geometry);
  dates = lay_out_dates (layout, &geometry, trend);
  for (guint i = 0; i < dates->len; i++)
    g_array_append_val (labels, g_array_index (dates, DateLabel, i).label);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return labels;
}

static void
draw_labels (cairo_t                        *cr,
             PangoLayout                    *layout,
             const LimberTrendChartGeometry *geometry,
             const LimberTrend              *trend,
             const LimberTrendChartColors   *colors)
{
  g_autoptr (GArray) dates = lay_out_dates (layout, geometry, trend);

  /* Ticks at the weeks' first days, which the dates of longer trends
   * name. */
  if (!labels_days (trend->days->len))
    {
      double bottom = geometry->plot.origin.y + geometry->plot.size.height;

      gdk_cairo_set_source_rgba (cr, &colors->dim);
      cairo_set_line_width (cr, 1);
      for (guint i = 0; i <= trend->days->len; i += 7)
        {
          double x = round (geometry->plot.origin.x + i * geometry->day_width) + 0.5;

          cairo_move_to (cr, x, bottom);
          cairo_line_to (cr, x, bottom + DATE_GAP);
        }
      cairo_stroke (cr);
    }

  gdk_cairo_set_source_rgba (cr, &colors->foreground);
  for (guint i = 0; i < dates->len; i++)
    {
      const DateLabel *label = &g_array_index (dates, DateLabel, i);

      pango_layout_set_text (layout, label->text, -1);
      cairo_move_to (cr, label->label.rect.origin.x, label->label.rect.origin.y);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Names the strips, so that they do not pass for bars below zero. */
static void
draw_captions (cairo_t                        *cr,
               PangoLayout                    *layout,
               const LimberTrendChartGeometry *geometry,
               const LimberTrendChartColors   *colors)
{
  g_autofree char *stretch = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           /* Translators: the caption of the chart's
                                                            * stretching strip; %u is a number of minutes. */
                                                           "Stretching, a full bar is %u minute",
                                                           "Stretching, a full bar is %u minutes",
                                                           LIMBER_TREND_CHART_FULL_STRETCH),
                                              LIMBER_TREND_CHART_FULL_STRETCH);

  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int) geometry->breaks_caption.size.width * PANGO_SCALE);
  gdk_cairo_set_source_rgba (cr, &colors->foreground);

  /* Translators: the caption of the chart's strip that fills with the
   * share of the breaks due that were taken. */
  pango_layout_set_text (layout, _("Breaks taken, of those due"), -1);
  cairo_move_to (cr, geometry->breaks_caption.origin.x, geometry->breaks_caption.origin.y);
  pango_cairo_show_layout (cr, layout);

  pango_layout_set_text (layout, stretch, -1);
  cairo_move_to (cr, geometry->stretch_caption.origin.x, geometry->stretch_caption.origin.y);
  pango_cairo_show_layout (cr, layout);

  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
}

void
limber_trend_chart_draw (cairo_t                      *cr,
                         int                           width,
                         int                           height,
                         const LimberTrend            *trend,
                         const LimberTrendChartColors *colors,
                         int                           highlight_day)
{
  LimberTrendChartGeometry geometry;
  g_autoptr (PangoLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (colors != NULL);

  if (!limber_trend_chart_has_data (trend))
    return;

  limber_trend_chart_get_geometry (width, height, trend, &geometry);
  layout = create_layout (cr);

  cairo_save (cr);
  draw_highlight (cr, &geometry, trend, colors, highlight_day);
  draw_grid (cr, layout, &geometry, colors);
  draw_days (cr, &geometry, trend, colors);
  draw_rolling_mean (cr, &geometry, trend, colors);
  draw_breaks (cr, &geometry, trend, colors);
  draw_stretching (cr, &geometry, trend, colors);
  draw_labels (cr, layout, &geometry, trend, colors);
  draw_captions (cr, layout, &geometry, colors);
  cairo_restore (cr);
}

/* The index of @day among the days of @trend, or -1. */
static int
trend_day_index (const LimberTrend *trend,
                 const char        *day)
{
  for (guint i = 0; i < trend->days->len; i++)
    if (strcmp (g_array_index (trend->days, LimberTrendDay, i).day, day) == 0)
      return (int) i;
  return -1;
}

guint *
limber_trend_chart_number_life_changes (const LimberTrend *trend,
                                        GPtrArray         *changes,
                                        guint             *n_markers)
{
  guint *numbers;
  guint n = 0;
  int last_index = -1;

  g_return_val_if_fail (changes != NULL, NULL);

  numbers = g_new0 (guint, MAX (changes->len, 1));
  for (guint i = 0; trend != NULL && i < changes->len; i++)
    {
      const LimberLifeChange *change = g_ptr_array_index (changes, i);
      int index = trend_day_index (trend, change->day);

      if (index < 0)
        continue;
      /* Oldest first: a change on the day of the one before shares its dot. */
      if (index != last_index)
        n++;
      numbers[i] = n;
      last_index = index;
    }
  if (n_markers != NULL)
    *n_markers = n;
  return numbers;
}

void
limber_trend_chart_draw_life_changes (cairo_t                      *cr,
                                      int                           width,
                                      int                           height,
                                      const LimberTrend            *trend,
                                      GPtrArray                    *changes,
                                      const LimberTrendChartColors *colors)
{
  LimberTrendChartGeometry geometry;
  g_autoptr (PangoLayout) layout = NULL;
  g_autofree guint *numbers = NULL;
  const double dashes[] = { 3.0, 2.0 };
  GdkRGBA line;
  double last_x[MARKER_ROWS];
  guint row = 0;
  guint n_markers = 0;
  guint drawn = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (colors != NULL);

  if (changes == NULL || changes->len == 0 || !limber_trend_chart_has_data (trend))
    return;

  numbers = limber_trend_chart_number_life_changes (trend, changes, &n_markers);
  if (n_markers == 0)
    return;

  limber_trend_chart_get_geometry (width, height, trend, &geometry);
  layout = create_layout (cr);
  for (guint r = 0; r < MARKER_ROWS; r++)
    last_x[r] = -G_MAXDOUBLE;
  /* The text colour, fainter: a marker sits behind nothing, but must not
   * read as one more series of data. */
  line = colors->foreground;
  line.alpha *= 0.7f;

  cairo_save (cr);
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberLifeChange *change = g_ptr_array_index (changes, i);
      double x;
      double y;
      char text[12];
      int text_width;
      int text_height;

      /* One dot per day, at its first change. */
      if (numbers[i] == 0 || numbers[i] == drawn)
        continue;
      drawn = numbers[i];
      x = round (day_center_x (&geometry, trend_day_index (trend, change->day))) + 0.5;

      gdk_cairo_set_source_rgba (cr, &line);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, x, geometry.plot.origin.y);
      cairo_line_to (cr, x, geometry.plot.origin.y + geometry.plot.size.height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* Dots too close to the one before go a row lower, so that three
       * changes in one week stay apart even on twelve narrow weeks. */
      {
        guint free_row = MARKER_ROWS;

        for (guint r = MARKER_ROWS; r-- > 0;)
          if (x - last_x[r] >= 2 * MARKER_RADIUS + MARKER_GAP)
            free_row = r;
        /* With every row taken, the dots overlap in turn. */
        row = free_row < MARKER_ROWS ? free_row : (row + 1) % MARKER_ROWS;
      }
      last_x[row] = x;
      y = geometry.plot.origin.y + MARKER_RADIUS + row * (2 * MARKER_RADIUS + MARKER_GAP);

      /* The number is cut out of the dot, so that it shows whatever lies
       * behind the chart, on a screen in either style or on paper. */
      cairo_push_group (cr);
      gdk_cairo_set_source_rgba (cr, &colors->foreground);
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
      g_snprintf (text, sizeof text, "%u", numbers[i]);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_move_to (cr, x - text_width / 2.0, y - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_pop_group_to_source (cr);
      cairo_paint (cr);
    }
  cairo_restore (cr);
}

static void
rgba_from_hex (GdkRGBA    *rgba,
               const char *hex)
{
  gboolean parsed = gdk_rgba_parse (rgba, hex);

  g_assert (parsed);
}

/* GNOME palette colours that keep their contrast on either background,
 * one hue for each thing drawn: blue bars, orange marks for the worst,
 * green breaks and purple stretching. The rolling mean is drawn in the
 * text colour, which stands out against the bars and every hue. High
 * contrast takes the palette's darkest (or, when dark, lightest) shades. */
static void
get_palette_colors (gboolean                dark,
                    gboolean                high_contrast,
                    LimberTrendChartColors *colors)
{
  if (high_contrast)
    {
      rgba_from_hex (&colors->accent, dark ? "#99c1f1" : "#1a5fb4");
      rgba_from_hex (&colors->warning, dark ? "#ffbe6f" : "#a51d2d");
      rgba_from_hex (&colors->breaks, dark ? "#b8f5c5" : "#1e6f46");
      rgba_from_hex (&colors->stretch, dark ? "#dc8add" : "#613583");
    }
  else
    {
      rgba_from_hex (&colors->accent, dark ? "#78aeed" : "#3584e4");
      rgba_from_hex (&colors->warning, dark ? "#ffa348" : "#c64600");
      rgba_from_hex (&colors->breaks, dark ? "#8ff0a4" : "#26a269");
      rgba_from_hex (&colors->stretch, dark ? "#c061cb" : "#813d9c");
    }
  colors->line = colors->foreground;
  colors->line.alpha = 1;
}

void
limber_trend_chart_get_light_colors (LimberTrendChartColors *colors)
{
  g_return_if_fail (colors != NULL);

  /* Adwaita's light foreground. */
  rgba_from_hex (&colors->foreground, "rgba(0,0,0,0.8)");
  colors->dim = colors->foreground;
  colors->dim.alpha *= 0.2f;
  get_palette_colors (FALSE, FALSE, colors);
}

static void
get_colors (LimberTrendChart       *self,
            LimberTrendChartColors *colors)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean high_contrast = adw_style_manager_get_high_contrast (style);

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &colors->foreground);
  colors->dim = colors->foreground;
  /* High contrast: gridlines and the empty part of the breaks strip as
   * visible as text. */
  colors->dim.alpha *= high_contrast ? 0.6f : 0.2f;
  get_palette_colors (adw_style_manager_get_dark (style), high_contrast, colors);
}

static void
limber_trend_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LimberTrendChart *self = LIMBER_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  LimberTrendChartColors colors;
  cairo_t *cr;

  if (!limber_trend_chart_has_data (self->trend) || width <= 0 || height <= 0)
    return;

  get_colors (self, &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  limber_trend_chart_draw (cr, width, height, self->trend, &colors, self->highlight_day);
  limber_trend_chart_draw_life_changes (cr, width, height, self->trend, self->changes, &colors);
  cairo_destroy (cr);

  /* The theme draws no focus ring around a plain widget, and a keyboard
   * user must see that the arrow keys now move through the days. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;
      const float border_widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA border_colors[4] = { colors.accent, colors.accent, colors.accent, colors.accent };

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
      gtk_snapshot_append_border (snapshot, &outline, border_widths, border_colors);
    }
}

static void
limber_trend_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 240;
      *natural = 300;
    }
}

static char *
format_day (const char *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: a day in the chart's summary for screen readers, a
   * strftime format, see g_date_time_format(). */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* What a screen reader says instead of the picture: the range and its
 * numbers, each sentence whole. */
char *
limber_trend_chart_describe (const LimberTrend *trend)
{
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *pain = NULL;
  g_autofree char *breaks = NULL;
  g_autofree char *stretch = NULL;
  const LimberTrendTotals *totals;

  if (!limber_trend_chart_has_data (trend))
    return g_strdup (_("Nothing logged in this range."));

  /* The days shown up to the trend's last day, added up by core. */
  totals = &trend->range.shown;
  first_text = format_day (totals->first_day);
  last_text = format_day (totals->last_day);
  if (totals->days_logged > 0)
    pain = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the chart's summary for screen readers: the
                                          * first and last day shown, the number of days logged, the
                                          * mean and the highest pain score on the 0 to 10 scale. */
                                         "From %s to %s, %u day logged, with a mean pain of %.1f and a highest of %d.",
                                         "From %s to %s, %u days logged, with a mean pain of %.1f and a highest of %d.",
                                         totals->days_logged),
                            first_text, last_text, totals->days_logged, totals->mean, totals->highest_worst);
  else
    /* Translators: the chart's summary for screen readers: the first and
     * last day shown. */
    pain = g_strdup_printf (_("From %s to %s, no day logged."), first_text, last_text);

  if (totals->breaks_due > 0)
    breaks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: breaks taken of those due in the range shown. */
                                           "%u of %u break due was taken.",
                                           "%u of %u breaks due were taken.", totals->breaks_due),
                              totals->breaks_taken, totals->breaks_due);
  else
    breaks = g_strdup (_("No breaks came due."));

  /* The total rounded once, as the page's summary does. */
  stretch = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "You stretched for %u minute.",
                                          "You stretched for %u minutes.", totals->stretch_minutes),
                             totals->stretch_minutes);

  /* Whole sentences, one after the other. */
  return g_strjoin (" ", pain, breaks, stretch, NULL);
}

char *
limber_trend_chart_format_life_change (const LimberLifeChange *change,
                                       guint                   number)
{
  g_autofree char *date_text = NULL;

  g_return_val_if_fail (change != NULL, NULL);

  date_text = format_day (change->day);
  /* Translators: a line of the legend under the trend chart: the number
   * on the chart's marker, the date of a change and what the person
   * wrote, such as "2  16 November 2026 — new chair". */
  return g_strdup_printf (_("%u  %s — %s"), number, date_text, change->text);
}

/* "16 November 2026: new chair;  18 November 2026: laptop stand". */
char *
limber_trend_chart_describe_life_changes (const LimberTrend *trend,
                                          GPtrArray         *changes)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autofree guint *numbers = NULL;
  g_autofree char *list = NULL;
  guint n_markers = 0;

  if (changes == NULL || changes->len == 0 || !limber_trend_chart_has_data (trend))
    return NULL;

  numbers = limber_trend_chart_number_life_changes (trend, changes, &n_markers);
  if (n_markers == 0)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberLifeChange *change = g_ptr_array_index (changes, i);
      g_autofree char *date_text = NULL;

      if (numbers[i] == 0)
        continue;
      date_text = format_day (change->day);
      /* Translators: one change marked on the chart, for screen readers:
       * its date and what the person wrote, such as "16 November 2026:
       * new chair". */
      g_ptr_array_add (items, g_strdup_printf (_("%s: %s"), date_text, change->text));
    }
  g_ptr_array_add (items, NULL);
  /* Translators: what separates the changes in the list below. */
  list = g_strjoinv (_("; "), (char **) items->pdata);

  if (items->len - 1 == 1)
    /* Translators: for screen readers; %s is the one change the person
     * noted, such as a new chair, with its date. */
    return g_strdup_printf (_("The chart marks a change: %s."), list);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: for screen readers; %s lists the changes
                                        * the person noted, such as a new chair, each with its
                                        * date. */
                                       "The chart marks %u change: %s.",
                                       "The chart marks %u changes: %s.",
                                       items->len - 1),
                          items->len - 1, list);
}

char *
limber_trend_chart_describe_day (const LimberTrend *trend,
                                 guint              day_index)
{
  const LimberTrendDay *day;
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *breaks = NULL;
  g_autofree char *stretch = NULL;
  GDate date;

  g_return_val_if_fail (trend != NULL, NULL);
  g_return_val_if_fail (day_index < trend->days->len, NULL);

  day = &g_array_index (trend->days, LimberTrendDay, day_index);
  limber_day_to_date (day->day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: the day a pointer or the arrow keys pick in the chart, a
   * strftime format, see g_date_time_format(). */
  date_text = g_date_time_format (time, _("%a %-d %B"));

  if (day->breaks_due > 0)
    breaks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u break taken",
                                           "%u of %u breaks taken", day->breaks_due),
                              day->breaks_taken, day->breaks_due);
  else
    breaks = g_strdup (_("no breaks due"));
  stretch = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u minute of stretching",
                                          "%u minutes of stretching", day->stretch_minutes),
                             day->stretch_minutes);

  if (!day->logged || day->average == LIMBER_PAIN_SCORE_UNSET)
    /* Translators: a day, breaks taken against due and the minutes of
     * stretching: "Tue 24 November: not logged, 4 of 6 breaks taken, 5
     * minutes of stretching". */
    return g_strdup_printf (_("%s: not logged, %s, %s"), date_text, breaks, stretch);
  if (day->worst == LIMBER_PAIN_SCORE_UNSET)
    /* Translators: a day, its average pain, breaks taken against due and
     * the minutes of stretching. */
    return g_strdup_printf (_("%s: average %d, %s, %s"), date_text, day->average, breaks, stretch);
  /* Translators: a day, its average and worst pain, breaks taken against
   * due and the minutes of stretching: "Tue 24 November: average 3, worst
   * 5, 4 of 6 breaks taken, 5 minutes of stretching". */
  return g_strdup_printf (_("%s: average %d, worst %d, %s, %s"),
                          date_text, day->average, day->worst, breaks, stretch);
}

/* Shows the values of the highlighted day, or the summary of the range
 * without one, in the tooltip and to screen readers. */
static void
set_highlight_day (LimberTrendChart *self,
                   int               highlight_day)
{
  g_autofree char *description = NULL;

  if (highlight_day >= 0 && self->trend != NULL && (guint) highlight_day < self->trend->days->len)
    {
      description = limber_trend_chart_describe_day (self->trend, highlight_day);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
    }
  else
    {
      g_autofree char *range = limber_trend_chart_describe (self->trend);
      g_autofree char *changes = limber_trend_chart_describe_life_changes (self->trend, self->changes);

      highlight_day = -1;
      /* Whole sentences, one after the other. */
      description = g_strjoin (" ", range, changes, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    }

  if (highlight_day != self->highlight_day)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->highlight_day = highlight_day;
  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
motion_cb (LimberTrendChart         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int day_index = limber_trend_chart_day_at (gtk_widget_get_width (GTK_WIDGET (self)),
                                             gtk_widget_get_height (GTK_WIDGET (self)),
                                             self->trend, x);

  /* Without data the chart is hidden behind an empty state anyway. */
  if (!limber_trend_chart_has_data (self->trend))
    day_index = -1;
  if (day_index != self->highlight_day)
    set_highlight_day (self, day_index);
}

static void
leave_cb (LimberTrendChart         *self,
          GtkEventControllerMotion *controller)
{
  /* A day picked with the keyboard stays while the chart has the focus. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_highlight_day (self, -1);
}

static void
focus_enter_cb (LimberTrendChart        *self,
                GtkEventControllerFocus *controller)
{
  /* For the focus ring. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (LimberTrendChart        *self,
                GtkEventControllerFocus *controller)
{
  set_highlight_day (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The index of the last day with data to tell about, -1 when none. */
static int
last_day_index (const LimberTrend *trend)
{
  if (trend == NULL)
    return -1;

  for (int i = (int) trend->days->len - 1; i >= 0; i--)
    if (!g_array_index (trend->days, LimberTrendDay, i).after_last_day)
      return i;
  return -1;
}

static gboolean
key_pressed_cb (LimberTrendChart      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int last = last_day_index (self->trend);
  int day_index;

  if (last < 0 || !limber_trend_chart_has_data (self->trend)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      /* From nothing picked, start at the latest day: it matters most. */
      day_index = self->highlight_day < 0 ? last : MAX (self->highlight_day - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      day_index = self->highlight_day < 0 ? 0 : MIN (self->highlight_day + 1, last);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      day_index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      day_index = last;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  set_highlight_day (self, day_index);
  return GDK_EVENT_STOP;
}

void
limber_trend_chart_set_trend (LimberTrendChart  *self,
                              const LimberTrend *trend)
{
  g_return_if_fail (LIMBER_IS_TREND_CHART (self));

  self->trend = trend;
  /* The days of another range are other days: drop the pick. */
  self->highlight_day = -1;
  set_highlight_day (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
limber_trend_chart_set_life_changes (LimberTrendChart *self,
                                     GPtrArray        *changes)
{
  g_return_if_fail (LIMBER_IS_TREND_CHART (self));

  if (changes != NULL)
    g_ptr_array_ref (changes);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  self->changes = changes;
  /* The summary names the changes; a day picked stays picked. */
  set_highlight_day (self, self->highlight_day);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
limber_trend_chart_get_description (LimberTrendChart *self)
{
  g_return_val_if_fail (LIMBER_IS_TREND_CHART (self), NULL);

  return self->description;
}

static void
limber_trend_chart_finalize (GObject *object)
{
  LimberTrendChart *self = LIMBER_TREND_CHART (object);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (limber_trend_chart_parent_class)->finalize (object);
}

GtkWidget *
limber_trend_chart_new (void)
{
  return g_object_new (LIMBER_TYPE_TREND_CHART, NULL);
}

static void
limber_trend_chart_class_init (LimberTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = limber_trend_chart_finalize;
  widget_class->snapshot = limber_trend_chart_snapshot;
  widget_class->measure = limber_trend_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "limber-trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
limber_trend_chart_init (LimberTrendChart *self)
{
  GtkEventController *controller;

  self->highlight_day = -1;
  /* Focusable so that the arrow keys can read out one day at a time. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pain chart"),
                                  -1);
  /* The colours depend on the style; redraw when it flips. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
