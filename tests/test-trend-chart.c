/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-context.h"
#include "limber-day.h"
#include "limber-journal-factors.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"
#include "limber-trend-chart.h"
#include "limber-trend-export.h"
#include "limber-trends-page.h"

/* The trend chart draws a bar for each logged day up to its average and
 * nothing for days without an entry, and the Trends page shows the chart
 * with a week summary once something is logged, an invitation otherwise. */

#define WIDTH  700
#define HEIGHT 300
/* Opaque red, as cairo stores it in an ARGB32 pixel. */
#define BAR_PIXEL 0xffff0000u
/* Opaque blue: the rolling mean. */
#define LINE_PIXEL 0xff0000ffu
/* Opaque magenta: the stretching. */
#define STRETCH_PIXEL 0xffff00ffu

static const LimberTrendChartColors test_colors = {
  .foreground = { 0, 0, 0, 1 },
  .dim = { 0.5, 0.5, 0.5, 0.3 },
  .accent = { 1, 0, 0, 1 },
  .warning = { 0, 1, 0, 1 },
  .line = { 0, 0, 1, 1 },
  .breaks = { 1, 1, 0, 1 },
  .stretch = { 1, 0, 1, 1 },
};

/* One week starting on Monday 2 November 2026, logged on Monday (average
 * 8) and Wednesday (average 2) only. */
static LimberTrend *
make_trend (gboolean logged)
{
  LimberTrend *trend = g_new0 (LimberTrend, 1);
  LimberTrendWeek week = { 0 };

  g_strlcpy (trend->last_day, "2026-11-08", sizeof trend->last_day);
  trend->first_weekday = 1;
  trend->days = g_array_new (FALSE, TRUE, sizeof (LimberTrendDay));
  trend->weeks = g_array_new (FALSE, TRUE, sizeof (LimberTrendWeek));

  for (int i = 0; i < 7; i++)
    {
      LimberTrendDay day = { 0 };

      g_snprintf (day.day, sizeof day.day, "2026-11-%02d", 2 + i);
      day.average = LIMBER_PAIN_SCORE_UNSET;
      day.worst = LIMBER_PAIN_SCORE_UNSET;
      day.breaks_due = 4;
      day.breaks_taken = 2;
      if (logged && (i == 0 || i == 2))
        {
          day.logged = TRUE;
          day.average = i == 0 ? 8 : 2;
          /* Above any point the test looks at. */
          day.worst = 10;
        }
      g_array_append_val (trend->days, day);
    }

  g_strlcpy (week.first_day, "2026-11-02", sizeof week.first_day);
  week.days_logged = logged ? 2 : 0;
  week.highest_worst = LIMBER_PAIN_SCORE_UNSET;
  g_array_append_val (trend->weeks, week);
  return trend;
}

/* @n_weeks weeks from Monday 7 September 2026 on, each logged on Monday
 * (average 8, worst 10) and Wednesday (average 2, no worst), with 4
 * breaks due, 2 taken, and 2 minutes of stretching every day. The last
 * week's Sunday lies after the last day. The range's totals add up the
 * days as limber_trend_compute() would. */
static LimberTrend *
make_weeks_trend (guint n_weeks)
{
  LimberTrend *trend = g_new0 (LimberTrend, 1);
  LimberTrendTotals *shown = &trend->range.shown;
  GDate date;

  trend->first_weekday = 1;
  trend->days = g_array_new (FALSE, TRUE, sizeof (LimberTrendDay));
  trend->weeks = g_array_new (FALSE, TRUE, sizeof (LimberTrendWeek));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 7, G_DATE_SEPTEMBER, 2026);

  for (guint i = 0; i < 7 * n_weeks; i++)
    {
      LimberTrendDay day = { 0 };

      g_date_strftime (day.day, sizeof day.day, "%Y-%m-%d", &date);
      day.average = LIMBER_PAIN_SCORE_UNSET;
      day.worst = LIMBER_PAIN_SCORE_UNSET;
      day.after_last_day = i == 7 * n_weeks - 1;
      if (!day.after_last_day)
        {
          day.breaks_due = 4;
          day.breaks_taken = 2;
          day.stretch_seconds = 120;
          day.stretch_minutes = 2;
          g_strlcpy (trend->last_day, day.day, sizeof trend->last_day);
        }
      if (i % 7 == 0 || i % 7 == 2)
        {
          day.logged = TRUE;
          day.average = i % 7 == 0 ? 8 : 2;
          day.worst = i % 7 == 0 ? 10 : LIMBER_PAIN_SCORE_UNSET;
        }
      g_array_append_val (trend->days, day);
      if (i % 7 == 0)
        {
          LimberTrendWeek week = { 0 };

          g_strlcpy (week.first_day, day.day, sizeof week.first_day);
          g_array_append_val (trend->weeks, week);
        }
      g_date_add_days (&date, 1);
    }

  g_strlcpy (shown->first_day, g_array_index (trend->days, LimberTrendDay, 0).day, sizeof shown->first_day);
  g_strlcpy (shown->last_day, trend->last_day, sizeof shown->last_day);
  shown->n_weeks = n_weeks;
  shown->n_days = 7 * n_weeks - 1;
  shown->days_logged = 2 * n_weeks;
  shown->has_mean = TRUE;
  shown->mean = 5.0;
  shown->highest_worst = 10;
  shown->breaks_taken = 2 * shown->n_days;
  shown->breaks_due = 4 * shown->n_days;
  shown->stretch_seconds = 120 * shown->n_days;
  shown->stretch_minutes = 2 * shown->n_days;
  return trend;
}

static cairo_surface_t *
render_at (const LimberTrend *trend,
           int                width,
           int                height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  limber_trend_chart_draw (cr, width, height, trend, &test_colors, -1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (const LimberTrend *trend)
{
  return render_at (trend, WIDTH, HEIGHT);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
}

static gboolean
column_has_bar (cairo_surface_t *surface,
                double           x)
{
  for (int y = 0; y < HEIGHT; y++)
    if (pixel_at (surface, x, y) == BAR_PIXEL)
      return TRUE;
  return FALSE;
}

static void
test_bars (void)
{
  g_autoptr (LimberTrend) trend = make_trend (TRUE);
  cairo_surface_t *surface = render (trend);
  graphene_rect_t high;
  graphene_rect_t low;
  graphene_rect_t unlogged;
  double center;

  /* Monday's bar reaches 8: bar colour just below its top. */
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 0, 8, &high);
  g_assert_cmpfloat (high.size.height, >, 20);
  center = high.origin.x + high.size.width / 2;
  g_assert_cmphex (pixel_at (surface, center, high.origin.y + 3), ==, BAR_PIXEL);
  g_assert_cmphex (pixel_at (surface, center, high.origin.y + high.size.height - 3), ==, BAR_PIXEL);

  /* Wednesday's reaches 2 only: none at the height of 8, some at 1. */
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 2, 8, &low);
  center = low.origin.x + low.size.width / 2;
  g_assert_cmphex (pixel_at (surface, center, low.origin.y + 3), !=, BAR_PIXEL);
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 2, 1, &low);
  g_assert_cmphex (pixel_at (surface, center, low.origin.y), ==, BAR_PIXEL);

  /* Half of Monday's breaks were taken: the strip's lower half is
   * filled, its upper half not. */
  {
    LimberTrendChartGeometry geometry;
    double strip_bottom;

    limber_trend_chart_get_geometry (WIDTH, HEIGHT, trend, &geometry);
    strip_bottom = geometry.breaks_strip.origin.y + geometry.breaks_strip.size.height;
    center = high.origin.x + high.size.width / 2;
    g_assert_cmphex (pixel_at (surface, center, strip_bottom - 2), ==, 0xffffff00u);
    g_assert_cmphex (pixel_at (surface, center, geometry.breaks_strip.origin.y + 2), !=, 0xffffff00u);
  }

  /* Monday's 10 minutes of stretching fill its stretch bar; Wednesday
   * had none. */
  {
    g_autoptr (LimberTrend) stretched = make_trend (TRUE);
    cairo_surface_t *stretch_surface;
    LimberTrendChartGeometry geometry;
    graphene_rect_t wednesday;

    g_array_index (stretched->days, LimberTrendDay, 0).stretch_seconds = 600;
    stretch_surface = render (stretched);
    limber_trend_chart_get_geometry (WIDTH, HEIGHT, stretched, &geometry);
    limber_trend_chart_bar_rect (WIDTH, HEIGHT, stretched, 2, 1, &wednesday);
    center = high.origin.x + high.size.width / 2;
    g_assert_cmphex (pixel_at (stretch_surface, center, geometry.stretch_strip.origin.y + 1), ==, STRETCH_PIXEL);
    g_assert_cmphex (pixel_at (stretch_surface, wednesday.origin.x + wednesday.size.width / 2,
                               geometry.stretch_strip.origin.y + geometry.stretch_strip.size.height - 2),
                     !=, STRETCH_PIXEL);
    cairo_surface_destroy (stretch_surface);
  }

  /* Tuesday has no entry, so no bar at all. */
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 1, 10, &unlogged);
  g_assert_false (column_has_bar (surface, unlogged.origin.x + unlogged.size.width / 2));

  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  g_autoptr (LimberTrend) trend = make_trend (FALSE);
  cairo_surface_t *surface = render (trend);

  g_assert_false (limber_trend_chart_has_data (trend));
  for (int x = 0; x < WIDTH; x++)
    g_assert_false (column_has_bar (surface, x));

  cairo_surface_destroy (surface);
}

static void
test_day_at (void)
{
  g_autoptr (LimberTrend) trend = make_trend (TRUE);
  LimberTrendChartGeometry geometry;
  graphene_rect_t bar;

  for (guint i = 0; i < trend->days->len; i++)
    {
      limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, i, 5, &bar);
      g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, trend, bar.origin.x + bar.size.width / 2), ==, i);
    }

  limber_trend_chart_get_geometry (WIDTH, HEIGHT, trend, &geometry);
  g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, trend, geometry.plot.origin.x - 1), ==, -1);
  g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, trend, 0), ==, -1);
  g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, trend, WIDTH), ==, -1);
  g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, NULL, WIDTH / 2), ==, -1);

  /* A day after the last one has nothing to show. */
  g_array_index (trend->days, LimberTrendDay, 6).after_last_day = TRUE;
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 6, 5, &bar);
  g_assert_cmpint (limber_trend_chart_day_at (WIDTH, HEIGHT, trend, bar.origin.x + bar.size.width / 2), ==, -1);
}

static void
test_highlight (void)
{
  g_autoptr (LimberTrend) trend = make_trend (TRUE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  graphene_rect_t bar;
  guint32 plain;
  guint32 highlighted;

  /* Tuesday has no bar: above its breaks, only the band can show. */
  limber_trend_chart_bar_rect (WIDTH, HEIGHT, trend, 1, 3, &bar);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  limber_trend_chart_draw (cr, WIDTH, HEIGHT, trend, &test_colors, -1);
  cairo_surface_flush (surface);
  plain = pixel_at (surface, bar.origin.x + 1, bar.origin.y);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  limber_trend_chart_draw (cr, WIDTH, HEIGHT, trend, &test_colors, 1);
  cairo_surface_flush (surface);
  highlighted = pixel_at (surface, bar.origin.x + 1, bar.origin.y);

  g_assert_cmphex (plain, ==, 0xffffffffu);
  g_assert_cmphex (highlighted, !=, plain);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The strips sit under the dates and their captions, apart from the
 * plot's axis, and every colour the chart paints with is its own. */
static void
test_strips_apart (void)
{
  g_autoptr (LimberTrend) trend = make_weeks_trend (4);
  LimberTrendChartGeometry geometry;
  LimberTrendChartColors light;
  const GdkRGBA *distinct[5];
  double axis;

  limber_trend_chart_get_geometry (360, HEIGHT, trend, &geometry);
  axis = geometry.plot.origin.y + geometry.plot.size.height;
  g_assert_cmpfloat (geometry.date_labels.origin.y, >=, axis);
  g_assert_cmpfloat (geometry.breaks_caption.origin.y, >=, geometry.date_labels.origin.y + geometry.date_labels.size.height);
  g_assert_cmpfloat (geometry.breaks_strip.origin.y, >=, geometry.breaks_caption.origin.y + geometry.breaks_caption.size.height);
  g_assert_cmpfloat (geometry.stretch_caption.origin.y, >=, geometry.breaks_strip.origin.y + geometry.breaks_strip.size.height);
  g_assert_cmpfloat (geometry.stretch_strip.origin.y, >=, geometry.stretch_caption.origin.y + geometry.stretch_caption.size.height);
  g_assert_cmpfloat (geometry.stretch_strip.origin.y + geometry.stretch_strip.size.height, <=, HEIGHT);
  g_assert_cmpfloat (geometry.plot.size.height, >, 100);

  limber_trend_chart_get_light_colors (&light);
  distinct[0] = &light.accent;
  distinct[1] = &light.warning;
  distinct[2] = &light.line;
  distinct[3] = &light.breaks;
  distinct[4] = &light.stretch;
  for (guint i = 0; i < G_N_ELEMENTS (distinct); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (distinct); j++)
      g_assert_false (gdk_rgba_equal (distinct[i], distinct[j]));
}

/* A pixel of text: darker than anything but the text colour leaves on
 * white (the ticks and the empty strip are light grey). */
static gboolean
is_ink (guint32 pixel)
{
  guint red = (pixel >> 16) & 0xff, green = (pixel >> 8) & 0xff, blue = pixel & 0xff;

  return red < 128 && green < 128 && blue < 128;
}

/* The dates under a chart of @n_weeks weeks at @width: within the chart,
 * none touching another, the latest always there, and nothing written
 * in the band of dates outside them. Returns how many there are. */
static guint
check_date_labels (guint n_weeks,
                   int   width)
{
  g_autoptr (LimberTrend) trend = make_weeks_trend (n_weeks);
  g_autoptr (GArray) labels = limber_trend_chart_get_date_labels (width, HEIGHT, trend);
  LimberTrendChartGeometry geometry;
  cairo_surface_t *surface;
  guint last_candidate = n_weeks == 1 ? 6 : 7 * (n_weeks - 1);

  g_assert_cmpuint (labels->len, >, 0);
  g_assert_cmpuint (g_array_index (labels, LimberTrendChartLabel, labels->len - 1).day_index, ==, last_candidate);
  for (guint i = 0; i < labels->len; i++)
    {
      const LimberTrendChartLabel *label = &g_array_index (labels, LimberTrendChartLabel, i);

      g_assert_cmpfloat (label->rect.size.width, >, 0);
      g_assert_cmpfloat (label->rect.origin.x, >=, 0);
      g_assert_cmpfloat (label->rect.origin.x + label->rect.size.width, <=, width);
      for (guint j = 0; j < labels->len; j++)
        {
          const LimberTrendChartLabel *other = &g_array_index (labels, LimberTrendChartLabel, j);

          if (i != j)
            g_assert_false (graphene_rect_intersection (&label->rect, &other->rect, NULL));
        }
      if (i > 0)
        g_assert_cmpuint (label->day_index, >, g_array_index (labels, LimberTrendChartLabel, i - 1).day_index);
    }

  /* What is drawn is what was laid out: ink in every date's rectangle,
   * and none between them. */
  surface = render_at (trend, width, HEIGHT);
  limber_trend_chart_get_geometry (width, HEIGHT, trend, &geometry);
  for (int y = geometry.date_labels.origin.y; y < geometry.date_labels.origin.y + geometry.date_labels.size.height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean inside = FALSE;

        for (guint i = 0; i < labels->len && !inside; i++)
          {
            const graphene_rect_t *rect = &g_array_index (labels, LimberTrendChartLabel, i).rect;

            inside = x >= rect->origin.x - 1 && x <= rect->origin.x + rect->size.width + 1
                     && y >= rect->origin.y - 1 && y <= rect->origin.y + rect->size.height + 1;
          }
        if (!inside && is_ink (pixel_at (surface, x, y)))
          g_error ("Ink outside the dates at %d, %d for %u weeks at %d px", x, y, n_weeks, width);
      }
  for (guint i = 0; i < labels->len; i++)
    {
      const graphene_rect_t *rect = &g_array_index (labels, LimberTrendChartLabel, i).rect;
      gboolean ink = FALSE;

      for (int y = rect->origin.y; y < rect->origin.y + rect->size.height && !ink; y++)
        for (int x = rect->origin.x; x < rect->origin.x + rect->size.width && !ink; x++)
          ink = is_ink (pixel_at (surface, x, y));
      g_assert_true (ink);
    }
  cairo_surface_destroy (surface);
  return labels->len;
}

static void
test_date_labels (void)
{
  /* A 360 px window leaves the chart 336 px. */
  const int narrow_widths[] = { 336, 360 };

  for (guint i = 0; i < G_N_ELEMENTS (narrow_widths); i++)
    {
      int width = narrow_widths[i];
      guint twelve = check_date_labels (12, width);

      check_date_labels (1, width);
      check_date_labels (4, width);
      /* Twelve weeks do not all fit at this width: some are skipped. */
      g_assert_cmpuint (twelve, <, 12);
      g_assert_cmpuint (twelve, <, check_date_labels (12, 1000));
    }
  /* The week's days all fit, even narrow. */
  g_assert_cmpuint (check_date_labels (1, 336), ==, 7);
  check_date_labels (4, 1000);
  check_date_labels (1, 1000);
}

static char *
format_long_day (const char *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (time, "%-d %B %Y");
}

/* The summary for screen readers names the range shown, up to its last
 * day, and its numbers, for each length of range. */
static void
test_describe (void)
{
  const guint lengths[] = { 1, 4, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr (LimberTrend) trend = make_weeks_trend (lengths[i]);
      g_autofree char *first = format_long_day (g_array_index (trend->days, LimberTrendDay, 0).day);
      g_autofree char *last = format_long_day (trend->last_day);
      g_autofree char *text = limber_trend_chart_describe (trend);
      g_autofree char *expected = NULL;
      guint n_days = 7 * lengths[i] - 1;

      /* Two logged days a week, 8 and 2: a mean of 5 and a highest of 10. */
      expected = g_strdup_printf ("From %s to %s, %u days logged, with a mean pain of 5.0 and a highest of 10. "
                                  "%u of %u breaks due were taken. You stretched for %u minutes.",
                                  first, last, 2 * lengths[i], 2 * n_days, 4 * n_days, 2 * n_days);
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_describe_day (void)
{
  g_autoptr (LimberTrend) trend = make_trend (TRUE);
  g_autofree char *logged = NULL;
  g_autofree char *unlogged = NULL;

  g_array_index (trend->days, LimberTrendDay, 0).stretch_minutes = 5;
  logged = limber_trend_chart_describe_day (trend, 0);
  unlogged = limber_trend_chart_describe_day (trend, 1);

  g_assert_cmpstr (logged, ==, "Mon 2 November: average 8, worst 10, 2 of 4 breaks taken, 5 minutes of stretching");
  g_assert_cmpstr (unlogged, ==, "Tue 3 November: not logged, 2 of 4 breaks taken, 0 minutes of stretching");
}

static char *
read_export (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export (void)
{
  static const GMarkupParser no_op_parser = { 0 };
  static const guchar png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr (LimberTrend) trend = make_trend (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GMarkupParseContext) markup = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-export-XXXXXX", &error);
  g_autofree char *png_path = g_build_filename (dir, "trend.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "trend.svg", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "trend.csv", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing", "trend.csv", NULL);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;
  gsize png_length;

  g_assert_no_error (error);
  g_array_index (trend->days, LimberTrendDay, 0).has_rolling_mean = TRUE;
  g_array_index (trend->days, LimberTrendDay, 0).rolling_mean = 5.25;
  /* Sunday lies after the last day: no row for it. */
  g_array_index (trend->days, LimberTrendDay, 6).after_last_day = TRUE;

  g_assert_true (limber_trend_export (trend, NULL, &test_colors, png_path, LIMBER_TREND_EXPORT_PNG, &error));
  g_assert_no_error (error);
  g_assert_true (limber_trend_export (trend, NULL, &test_colors, svg_path, LIMBER_TREND_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (limber_trend_export (trend, NULL, &test_colors, csv_path, LIMBER_TREND_EXPORT_CSV, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (png_path, &png, &png_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (png_length, >, sizeof png_signature);
  g_assert_cmpmem (png, sizeof png_signature, png_signature, sizeof png_signature);

  /* With a change on a day shown, the picture has its marker and, under
   * the chart, a legend that makes it taller. */
  {
    g_autofree char *marked_path = g_build_filename (dir, "marked.png", NULL);
    g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_life_change_free);
    g_autoptr (GdkPixbuf) plain = NULL;
    g_autoptr (GdkPixbuf) marked = NULL;

    g_ptr_array_add (changes, limber_life_change_new (g_array_index (trend->days, LimberTrendDay, 2).day, "New chair"));
    g_assert_true (limber_trend_export (trend, changes, &test_colors, marked_path, LIMBER_TREND_EXPORT_PNG, &error));
    g_assert_no_error (error);
    plain = gdk_pixbuf_new_from_file (png_path, &error);
    g_assert_no_error (error);
    marked = gdk_pixbuf_new_from_file (marked_path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (marked), ==, gdk_pixbuf_get_width (plain));
    g_assert_cmpint (gdk_pixbuf_get_height (marked), >, gdk_pixbuf_get_height (plain));
    g_unlink (marked_path);
  }

  svg = read_export (svg_path);
  markup = g_markup_parse_context_new (&no_op_parser, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (markup, svg, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (markup, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "<svg"));

  csv = read_export (csv_path);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  /* The header, six days, and the empty rest after the last line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[0], ==, "day,logged,average,worst,breaks_due,breaks_taken,breaks_skipped,"
                                 "breaks_postponed,stretch_minutes,rolling_mean");
  for (guint i = 0; i < 7; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 10);
    }
  g_assert_cmpstr (lines[1], ==, "2026-11-02,true,8,10,4,2,0,0,0,5.25");
  g_assert_cmpstr (lines[2], ==, "2026-11-03,false,,,4,2,0,0,0,");
  g_assert_cmpstr (lines[7], ==, "");

  g_assert_false (limber_trend_export (trend, NULL, &test_colors, missing_path, LIMBER_TREND_EXPORT_CSV, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing_path));
  g_clear_error (&error);
  g_assert_false (limber_trend_export (trend, NULL, &test_colors, missing_path, LIMBER_TREND_EXPORT_PNG, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing_path));

  g_unlink (png_path);
  g_unlink (svg_path);
  g_unlink (csv_path);
  g_rmdir (dir);
}

typedef struct
{
  char             *dir;
  LimberContext    *context;
  GtkWindow        *window;
  LimberTrendsPage *page;
  char             *old_zone;
  /* The average of each day the test logged, by day. */
  GHashTable       *averages;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *journal = NULL;
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-trends-XXXXXX", &error);
  g_assert_no_error (error);
  journal = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->averages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, journal);
  limber_test_wait_for_journal (fixture->context);
  g_assert_nonnull (limber_context_get_journal (fixture->context));
}

/* Shows the page, after the test has filled the journal. */
static void
show_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = g_object_new (LIMBER_TYPE_TRENDS_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  limber_trends_page_set_context (fixture->page, fixture->context);
  gtk_window_present (fixture->window);
}

/* Closes the page and its window, as quitting does. */
static void
close_page (Fixture *fixture)
{
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &page, 10);
  fixture->window = NULL;
  fixture->page = NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID ".State");
  g_autofree char *journal = g_build_filename (fixture->dir, "journal.db", NULL);

  if (fixture->page != NULL)
    close_page (fixture);
  g_assert_finalize_object (fixture->context);
  g_settings_reset (settings, "trends-range");
  g_hash_table_unref (fixture->averages);
  g_unlink (journal);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Moves the process to a zone in which it is about six in the morning
 * now, so that a later hour for the day to start at (the setting goes up
 * to noon) is there whatever the time of the run. POSIX zones count west
 * of UTC as positive. The clock reads the zone when it is made, so this
 * comes before the context. */
static void
fixture_set_up_in_the_morning (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  /* Hours east of UTC, from -12 to 11, that put the local hour at 6. */
  int east_h = (6 - g_date_time_get_hour (utc) + 36) % 24 - 12;
  g_autofree char *zone = g_strdup_printf ("LMB%+d", -east_h);

  fixture->old_zone = g_strdup (g_getenv ("TZ"));
  g_setenv ("TZ", zone, TRUE);
  fixture_set_up (fixture, user_data);
}

static void
fixture_tear_down_in_the_morning (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  fixture_tear_down (fixture, user_data);
  g_settings_reset (settings, "day-rollover-hour");
  if (fixture->old_zone != NULL)
    g_setenv ("TZ", fixture->old_zone, TRUE);
  else
    g_unsetenv ("TZ");
  g_free (fixture->old_zone);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), LIMBER_TYPE_TRENDS_PAGE, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

static const char *
get_today (Fixture *fixture)
{
  return limber_clock_get_today (limber_context_get_clock (fixture->context));
}

/* Logs the day @days_ago before today. */
static void
log_day (Fixture *fixture,
         int      days_ago,
         int      average,
         int      worst)
{
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autofree char *day = limber_day_add (get_today (fixture), -days_ago);
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);

  entry->average = average;
  entry->worst = worst;
  limber_test_save_entry (fixture->context, entry, now);
  g_hash_table_insert (fixture->averages, g_steal_pointer (&day), GINT_TO_POINTER (average));
}

static void
log_today (Fixture *fixture,
           int      average,
           int      worst)
{
  log_day (fixture, 0, average, worst);
}

static char *
format_day (const char *day,
            const char *format)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (time, format);
}

/* What the test logged from @first_day to @last_day. */
typedef struct
{
  guint  n_days;
  guint  logged;
  int    sum;
} Tally;

static void
tally (Fixture    *fixture,
       const char *first_day,
       const char *last_day,
       Tally      *out)
{
  g_autofree char *day = g_strdup (first_day);

  *out = (Tally) { 0 };
  while (strcmp (day, last_day) <= 0)
    {
      gpointer average;
      char *next = limber_day_add (day, 1);

      out->n_days++;
      if (g_hash_table_lookup_extended (fixture->averages, day, NULL, &average))
        {
          out->logged++;
          out->sum += GPOINTER_TO_INT (average);
        }
      g_free (day);
      day = next;
    }
}

static gboolean
logged_before (Fixture    *fixture,
               const char *day)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, fixture->averages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strcmp (key, day) < 0)
      return TRUE;
  return FALSE;
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (child (fixture, name)));
}

static const char *
visible_content (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack")));
}

/* The heading names the first day of the @n_weeks weeks whose last
 * week holds @day and the last day of that week, and the summary says
 * what the test logged in them up to today, against as many weeks
 * before. */
static void
assert_range_shown (Fixture    *fixture,
                    const char *day,
                    guint       n_weeks)
{
  const char *today = get_today (fixture);
  g_autofree char *week_start = limber_trend_week_start (day, limber_trend_locale_first_weekday ());
  g_autofree char *end = limber_day_add (week_start, 6);
  g_autofree char *first = limber_day_add (week_start, -7 * ((int) n_weeks - 1));
  g_autofree char *previous_first = limber_day_add (first, -7 * (int) n_weeks);
  g_autofree char *previous_last = limber_day_add (first, -1);
  g_autofree char *first_text = format_day (first, "%-d %B");
  g_autofree char *end_text = format_day (end, "%-d %B %Y");
  g_autofree char *title = NULL;
  g_autofree char *days = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *change = NULL;
  const char *heading = label_text (fixture, "range_label");
  Tally shown, previous;
  gboolean comparable;

  g_assert_true (gtk_widget_get_visible (child (fixture, "range_label")));
  g_assert_nonnull (strstr (heading, first_text));
  g_assert_true (g_str_has_suffix (heading, end_text));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown"))), ==,
                    n_weeks == 1 ? 0 : n_weeks == 4 ? 1 : 2);

  tally (fixture, first, strcmp (end, today) > 0 ? today : end, &shown);
  tally (fixture, previous_first, previous_last, &previous);
  g_assert_cmpuint (shown.logged, >, 0);
  g_assert_cmpstr (visible_content (fixture), ==, "chart");

  if (n_weeks == 1)
    title = g_strdup_printf ("Week of %s", first_text);
  else
    title = g_strdup_printf ("%u Weeks from %s", n_weeks, first_text);
  g_assert_cmpstr (label_text (fixture, "summary_title"), ==, title);
  days = g_strdup_printf ("%u of %u days logged", shown.logged, shown.n_days);
  g_assert_cmpstr (label_text (fixture, "days_label"), ==, days);
  mean = g_strdup_printf ("Mean pain: %.1f", (double) shown.sum / shown.logged);
  g_assert_cmpstr (label_text (fixture, "mean_label"), ==, mean);

  /* Two logged days of every seven on each side, or no comparison. */
  comparable = previous.logged > 0
               && shown.logged >= (2 * shown.n_days + 6) / 7
               && previous.logged >= (2 * previous.n_days + 6) / 7;
  if (comparable && n_weeks == 1)
    change = g_strdup_printf ("Against the week before: %+.1f,",
                              (double) shown.sum / shown.logged - (double) previous.sum / previous.logged);
  else if (comparable)
    change = g_strdup_printf ("Against the %u weeks before: %+.1f,", n_weeks,
                              (double) shown.sum / shown.logged - (double) previous.sum / previous.logged);
  else if (n_weeks == 1)
    change = g_strdup ("Too few days logged to compare with the week before");
  else
    change = g_strdup_printf ("Too few days logged to compare with the %u weeks before", n_weeks);
  g_assert_true (g_str_has_prefix (label_text (fixture, "change_label"), change));

  g_assert_cmpint (gtk_widget_get_sensitive (child (fixture, "previous_button")), ==, logged_before (fixture, first));
  g_assert_cmpint (gtk_widget_get_sensitive (child (fixture, "next_button")), ==, strcmp (end, today) < 0);
}

static void
test_page_logged (Fixture       *fixture,
                  gconstpointer  user_data)
{
  log_today (fixture, 4, 6);
  show_page (fixture);

  assert_range_shown (fixture, get_today (fixture), 4);
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "export_button")));
  g_assert_true (gtk_widget_get_focusable (child (fixture, "chart")));
  /* At the latest weeks already, with none before. */
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "latest_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "previous_button")));
}

/* Entries up to two weeks ago and none since: the page opens on the
 * four weeks that end with them, not on the empty weeks after. */
static void
test_page_opens_on_latest (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *latest = NULL;

  for (int days_ago = 15; days_ago <= 60; days_ago++)
    log_day (fixture, days_ago, 2 + days_ago % 5, 8);
  show_page (fixture);

  latest = limber_day_add (get_today (fixture), -15);
  assert_range_shown (fixture, latest, 4);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "latest_button")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "controls")));

  /* Each length of range ends with the same week. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown")), 0);
  assert_range_shown (fixture, latest, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown")), 2);
  assert_range_shown (fixture, latest, 12);
}

/* Sixty-five entries over twelve weeks: for 1, 4 and 12 weeks, the
 * heading and the summary say what the chart shows, and moving back and
 * forth moves by as many weeks. */
static void
test_page_range_summary (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *today;
  guint n_logged = 0;

  for (int days_ago = 0; days_ago < 84; days_ago++)
    {
      int average = 2 + days_ago * 5 % 7;

      if (days_ago % 4 == 1 && days_ago < 76)
        continue;
      log_day (fixture, days_ago, average, MIN (average + 2, 10));
      n_logged++;
    }
  g_assert_cmpuint (n_logged, ==, 65);
  show_page (fixture);
  today = get_today (fixture);

  assert_range_shown (fixture, today, 4);
  for (guint choice = 0; choice < 3; choice++)
    {
      const guint n_weeks = choice == 0 ? 1 : choice == 1 ? 4 : 12;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown")), choice);
      assert_range_shown (fixture, today, n_weeks);
    }

  /* Four weeks back and forth. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown")), 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.previous", NULL);
  {
    g_autofree char *week_start = limber_trend_week_start (today, limber_trend_locale_first_weekday ());
    g_autofree char *earlier = limber_day_add (week_start, -28);

    assert_range_shown (fixture, earlier, 4);
  }
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "latest_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.next", NULL);
  assert_range_shown (fixture, today, 4);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "latest_button")));
}

/* The number of weeks and the place are kept for the next start. */
static void
test_page_remembers_range (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID ".State");
  g_autofree char *anchor = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *old_day = NULL;
  guint n_weeks;

  for (int days_ago = 0; days_ago < 200; days_ago += 3)
    log_day (fixture, days_ago, 3, 5);
  show_page (fixture);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "weeks_dropdown")), 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.previous", NULL);
  heading = g_strdup (label_text (fixture, "range_label"));
  g_settings_get (settings, "trends-range", "(us)", &n_weeks, &anchor);
  g_assert_cmpuint (n_weeks, ==, 12);
  g_assert_true (limber_day_is_valid (anchor));
  assert_range_shown (fixture, anchor, 12);

  /* The next start opens on the same weeks. */
  close_page (fixture);
  show_page (fixture);
  g_assert_cmpstr (label_text (fixture, "range_label"), ==, heading);
  assert_range_shown (fixture, anchor, 12);
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "latest_button")));

  /* Back at the latest, it follows them again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.latest", NULL);
  g_clear_pointer (&anchor, g_free);
  g_settings_get (settings, "trends-range", "(us)", &n_weeks, &anchor);
  g_assert_cmpuint (n_weeks, ==, 12);
  g_assert_cmpstr (anchor, ==, "");
  assert_range_shown (fixture, get_today (fixture), 12);

  /* One week, some 50 days ago, as a setting left it. */
  close_page (fixture);
  old_day = limber_day_add (get_today (fixture), -50);
  g_settings_set (settings, "trends-range", "(us)", 1, old_day);
  show_page (fixture);
  assert_range_shown (fixture, old_day, 1);
}

/* Weeks without entries, between others: the page says so and offers
 * the latest; nothing invites to a first entry. */
static void
test_page_empty_range (Fixture       *fixture,
                       gconstpointer  user_data)
{
  for (int days_ago = 50; days_ago <= 60; days_ago++)
    log_day (fixture, days_ago, 5, 6);
  show_page (fixture);
  g_assert_cmpstr (visible_content (fixture), ==, "chart");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.next", NULL);
  g_assert_cmpstr (visible_content (fixture), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (fixture, "status_page"))), ==,
                   "No Entries in These Weeks");
  g_assert_true (gtk_widget_get_visible (child (fixture, "show_latest_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "open_journal_button")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "controls")));
  /* Nothing shown to export, but a report up to today can be made. */
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "export_button")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.latest", NULL);
  g_assert_cmpstr (visible_content (fixture), ==, "chart");
}

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  show_page (fixture);

  g_assert_cmpstr (visible_content (fixture), ==, "empty");
  g_assert_true (gtk_widget_get_visible (child (fixture, "status_page")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (fixture, "status_page"))), ==, "No Entries Yet");
  g_assert_true (gtk_widget_get_visible (child (fixture, "open_journal_button")));
  /* Nothing to move through or export. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "controls")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "range_label")));
}

/* Tab stops only at the named controls and the chart, never at a box or
 * another wrapper; and the page fits a 360 px window. */
static void
test_page_focus (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *named[] = { "previous_button", "next_button", "latest_button", "weeks_dropdown",
                          "export_button", "chart", "open_journal_button", "show_latest_button" };
  g_autoptr (GPtrArray) stops = g_ptr_array_new ();
  int minimum;

  for (int days_ago = 7; days_ago < 60; days_ago += 2)
    log_day (fixture, days_ago, 4, 6);
  show_page (fixture);

  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus;
      gboolean known = FALSE;

      if (!gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD))
        continue;
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_nonnull (focus);
      if (g_ptr_array_find (stops, focus, NULL))
        break;
      g_ptr_array_add (stops, focus);
      for (guint j = 0; j < G_N_ELEMENTS (named) && !known; j++)
        {
          GtkWidget *control = child (fixture, named[j]);

          known = focus == control || gtk_widget_is_ancestor (focus, control);
        }
      if (!known)
        g_error ("A %s takes a Tab stop", G_OBJECT_TYPE_NAME (focus));
    }
  /* The move buttons that can move, the drop-down, export and the chart. */
  g_assert_cmpuint (stops->len, >=, 4);

  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

/* A page left open while the day changes counts its weeks up to the new
 * today: an entry of a day that has not come yet leaves the chart, and
 * comes back with its day. */
static void
test_page_follows_day (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));

  log_today (fixture, 4, 6);
  show_page (fixture);
  g_assert_cmpstr (visible_content (fixture), ==, "chart");

  /* The day starts after this hour now: today is yesterday, and the
   * only entry is still to come. */
  g_settings_set_uint (settings, "day-rollover-hour", g_date_time_get_hour (now) + 1);
  g_assert_cmpstr (visible_content (fixture), ==, "empty");

  g_settings_set_uint (settings, "day-rollover-hour", 0);
  assert_range_shown (fixture, get_today (fixture), 4);
}

/* Ticks the factor named @name as done on the day @days_ago before today. */
static void
tick_factor (Fixture       *fixture,
             LimberJournal *journal,
             const char    *name,
             int            days_ago)
{
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autofree char *day = limber_day_add (get_today (fixture), -days_ago);
  g_autoptr (LimberFactor) factor = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GError) error = NULL;

  factor = limber_journal_find_factor (journal, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (factor);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  g_ptr_array_set_free_func (day_factors, (GDestroyNotify) limber_day_factor_free);
  g_ptr_array_add (day_factors, limber_day_factor_new (day, factor->uuid));
  g_assert_true (limber_journal_set_day_factors (journal, day, day_factors, now, &error));
  g_assert_no_error (error);
}

/* The texts of the labels named @name inside @widget, in order. */
static void
collect_labels (GtkWidget  *widget,
                const char *name,
                GPtrArray  *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0
          && gtk_widget_get_visible (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
      collect_labels (child, name, texts);
    }
}

/* The factor of @factors with the built-in key @key. */
static guint
factor_index (GPtrArray  *factors,
              const char *key)
{
  for (guint i = 0; i < factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, i);

      if (g_strcmp0 (factor->builtin, key) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Heat on every other day of four weeks, massage on two, and a new chair
 * ten days ago: the page shows heat's comparison, says how many more days
 * massage needs, and the chart marks the chair and tells screen readers. */
static void
test_page_what_helps (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (limber_context_get_journal_path (fixture->context), &error);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autoptr (LimberFactorInsight) insight = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) paragraphs = g_ptr_array_new ();
  g_autoptr (GPtrArray) needed = g_ptr_array_new ();
  g_autoptr (GPtrArray) legend = g_ptr_array_new ();
  g_autoptr (LimberLifeChange) change = NULL;
  g_autofree char *change_day = limber_day_add (get_today (fixture), -10);
  g_autofree char *heat_text = NULL;
  g_autofree char *massage_text = NULL;
  g_autofree char *legend_text = NULL;
  const LimberFactorResult *heat;
  const LimberFactorResult *massage;
  const char *description;
  LimberTrendChart *chart;
  guint n_markers = 0;

  g_assert_no_error (error);
  for (int days_ago = 0; days_ago < 28; days_ago++)
    {
      log_day (fixture, days_ago, days_ago % 2 == 0 ? 3 : 5, 7);
      if (days_ago % 2 == 0)
        tick_factor (fixture, journal, LIMBER_FACTOR_HEAT, days_ago);
      if (days_ago == 1 || days_ago == 3)
        tick_factor (fixture, journal, LIMBER_FACTOR_MASSAGE, days_ago);
    }
  change = limber_life_change_new (change_day, "new chair");
  g_assert_true (limber_journal_add_life_change (journal, change, now, &error));
  g_assert_no_error (error);

  /* What the journal says, to hold the page to. */
  insight = limber_journal_compute_factor_insight (journal, get_today (fixture), &factors, &error);
  g_assert_no_error (error);
  heat = &insight->factors[factor_index (factors, LIMBER_FACTOR_HEAT)];
  massage = &insight->factors[factor_index (factors, LIMBER_FACTOR_MASSAGE)];
  g_assert_true (heat->available);
  g_assert_cmpuint (heat->with.n_days, ==, 14);
  g_assert_false (massage->available);
  g_assert_cmpuint (massage->with.n_days, ==, 2);
  heat_text = limber_factor_insight_describe (heat, limber_factor_builtin_label (LIMBER_FACTOR_HEAT));
  massage_text = limber_factor_insight_describe_needed (massage, limber_factor_builtin_label (LIMBER_FACTOR_MASSAGE));

  show_page (fixture);
  g_assert_cmpstr (visible_content (fixture), ==, "chart");

  g_assert_true (gtk_widget_get_visible (child (fixture, "factors_group")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "needed_group")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "factors_hint")));
  collect_labels (child (fixture, "factors_group"), "factor-text", paragraphs);
  collect_labels (child (fixture, "needed_group"), "factor-text", needed);
  g_assert_true (g_ptr_array_find_with_equal_func (paragraphs, heat_text, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (paragraphs, massage_text, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (needed, massage_text, g_str_equal, NULL));
  g_assert_nonnull (strstr (massage_text, "5"));

  /* The chair: one marker, in the legend and in what screen readers hear. */
  chart = LIMBER_TREND_CHART (child (fixture, "chart"));
  description = limber_trend_chart_get_description (chart);
  g_assert_nonnull (strstr (description, "new chair"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "changes_legend")));
  for (GtkWidget *label = gtk_widget_get_first_child (child (fixture, "changes_box"));
       label != NULL;
       label = gtk_widget_get_next_sibling (label))
    g_ptr_array_add (legend, (gpointer) gtk_label_get_label (GTK_LABEL (label)));
  g_assert_cmpuint (legend->len, ==, 1);
  {
    g_autoptr (GPtrArray) changes = limber_journal_list_life_changes (journal, NULL, NULL, &error);
    g_autofree guint *numbers = NULL;
    g_autoptr (LimberTrend) trend = limber_trend_compute (journal, get_today (fixture), 4,
                                                          limber_trend_locale_first_weekday (), &error);

    g_assert_no_error (error);
    numbers = limber_trend_chart_number_life_changes (trend, changes, &n_markers);
    g_assert_cmpuint (n_markers, ==, 1);
    g_assert_cmpuint (numbers[0], ==, 1);
    legend_text = limber_trend_chart_format_life_change (g_ptr_array_index (changes, 0), 1);
    g_assert_cmpstr (g_ptr_array_index (legend, 0), ==, legend_text);
  }

  /* Back before the chair: no marker, no legend, nothing said of it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.previous", NULL);
  g_assert_null (strstr (limber_trend_chart_get_description (chart), "new chair"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "changes_legend")));
}

/* Nothing ticked: no empty section, one line on where to tick. */
static void
test_page_what_helps_none (Fixture       *fixture,
                           gconstpointer  user_data)
{
  for (int days_ago = 0; days_ago < 20; days_ago++)
    log_day (fixture, days_ago, 4, 6);
  show_page (fixture);

  g_assert_cmpstr (visible_content (fixture), ==, "chart");
  g_assert_true (gtk_widget_get_visible (child (fixture, "factors_hint")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "factors_group")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "needed_group")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "changes_legend")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/trend-chart/bars", test_bars);
  g_test_add_func ("/trend-chart/empty", test_empty);
  g_test_add_func ("/trend-chart/day-at", test_day_at);
  g_test_add_func ("/trend-chart/highlight", test_highlight);
  g_test_add_func ("/trend-chart/strips-apart", test_strips_apart);
  g_test_add_func ("/trend-chart/date-labels", test_date_labels);
  g_test_add_func ("/trend-chart/describe", test_describe);
  g_test_add_func ("/trend-chart/describe-day", test_describe_day);
  g_test_add_func ("/trend-chart/export", test_export);
  g_test_add ("/trends-page/logged", Fixture, NULL, fixture_set_up, test_page_logged, fixture_tear_down);
  g_test_add ("/trends-page/opens-on-latest", Fixture, NULL, fixture_set_up, test_page_opens_on_latest,
              fixture_tear_down);
  g_test_add ("/trends-page/range-summary", Fixture, NULL, fixture_set_up, test_page_range_summary, fixture_tear_down);
  g_test_add ("/trends-page/remembers-range", Fixture, NULL, fixture_set_up, test_page_remembers_range,
              fixture_tear_down);
  g_test_add ("/trends-page/empty-range", Fixture, NULL, fixture_set_up, test_page_empty_range, fixture_tear_down);
  g_test_add ("/trends-page/empty", Fixture, NULL, fixture_set_up, test_page_empty, fixture_tear_down);
  g_test_add ("/trends-page/what-helps", Fixture, NULL, fixture_set_up, test_page_what_helps, fixture_tear_down);
  g_test_add ("/trends-page/what-helps-none", Fixture, NULL, fixture_set_up, test_page_what_helps_none,
              fixture_tear_down);
  g_test_add ("/trends-page/focus", Fixture, NULL, fixture_set_up, test_page_focus, fixture_tear_down);
  g_test_add ("/trends-page/follows-day", Fixture, NULL, fixture_set_up_in_the_morning, test_page_follows_day,
              fixture_tear_down_in_the_morning);

  return g_test_run ();
}
