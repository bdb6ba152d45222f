/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-context.h"
#include "limber-day.h"
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
/* Opaque blue: the rolling mean and the stretching. */
#define LINE_PIXEL 0xff0000ffu

static const LimberTrendChartColors test_colors = {
  .foreground = { 0, 0, 0, 1 },
  .dim = { 0.5, 0.5, 0.5, 0.3 },
  .accent = { 1, 0, 0, 1 },
  .warning = { 0, 1, 0, 1 },
  .line = { 0, 0, 1, 1 },
  .breaks = { 1, 1, 0, 1 },
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

static cairo_surface_t *
render (const LimberTrend *trend)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  limber_trend_chart_draw (cr, WIDTH, HEIGHT, trend, &test_colors, -1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (x, <, WIDTH);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (y, <, HEIGHT);
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
    g_assert_cmphex (pixel_at (stretch_surface, center, geometry.stretch_strip.origin.y + 1), ==, LINE_PIXEL);
    g_assert_cmphex (pixel_at (stretch_surface, wednesday.origin.x + wednesday.size.width / 2,
                               geometry.stretch_strip.origin.y + geometry.stretch_strip.size.height - 2),
                     !=, LINE_PIXEL);
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

  g_assert_true (limber_trend_export (trend, &test_colors, png_path, LIMBER_TREND_EXPORT_PNG, &error));
  g_assert_no_error (error);
  g_assert_true (limber_trend_export (trend, &test_colors, svg_path, LIMBER_TREND_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (limber_trend_export (trend, &test_colors, csv_path, LIMBER_TREND_EXPORT_CSV, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (png_path, &png, &png_length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (png_length, >, sizeof png_signature);
  g_assert_cmpmem (png, sizeof png_signature, png_signature, sizeof png_signature);

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

  g_assert_false (limber_trend_export (trend, &test_colors, missing_path, LIMBER_TREND_EXPORT_CSV, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing_path));
  g_clear_error (&error);
  g_assert_false (limber_trend_export (trend, &test_colors, missing_path, LIMBER_TREND_EXPORT_PNG, &error));
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *journal = g_build_filename (fixture->dir, "journal.db", NULL);
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &page, 10);
  g_assert_finalize_object (fixture->context);
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

static void
log_today (Fixture *fixture,
           int      average,
           int      worst)
{
  LimberClock *clock = limber_context_get_clock (fixture->context);
  g_autoptr (GDateTime) now = limber_clock_now (clock);
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (limber_clock_get_today (clock));

  entry->average = average;
  entry->worst = worst;
  limber_test_save_entry (fixture->context, entry, now);
}

static void
test_page_logged (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *days;

  log_today (fixture, 4, 6);
  show_page (fixture);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "chart");
  days = gtk_label_get_label (GTK_LABEL (child (fixture, "days_label")));
  g_assert_nonnull (strstr (days, "1 of 7"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture, "mean_label"))), "4"));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "export_button")));
  g_assert_true (gtk_widget_get_focusable (child (fixture, "chart")));

  /* A week back there is nothing; the invitation shows instead. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.previous", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "empty");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "trends.this-week", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "chart");
}

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  show_page (fixture);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "empty");
  g_assert_true (gtk_widget_get_visible (child (fixture, "status_page")));
  /* Nothing to export. */
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "export_button")));
}

/* A page left open while the day changes counts its week up to the new
 * today: an entry of a day that has not come yet leaves the chart, and
 * comes back with its day. */
static void
test_page_follows_day (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  GtkWidget *stack;

  log_today (fixture, 4, 6);
  show_page (fixture);
  stack = child (fixture, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "chart");

  /* The day starts after this hour now: today is yesterday. */
  g_settings_set_uint (settings, "day-rollover-hour", g_date_time_get_hour (now) + 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  g_settings_set_uint (settings, "day-rollover-hour", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "chart");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture, "days_label"))), "1 of 7"));
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
  g_test_add_func ("/trend-chart/describe-day", test_describe_day);
  g_test_add_func ("/trend-chart/export", test_export);
  g_test_add ("/trends-page/logged", Fixture, NULL, fixture_set_up, test_page_logged, fixture_tear_down);
  g_test_add ("/trends-page/empty", Fixture, NULL, fixture_set_up, test_page_empty, fixture_tear_down);
  g_test_add ("/trends-page/follows-day", Fixture, NULL, fixture_set_up_in_the_morning, test_page_follows_day,
              fixture_tear_down_in_the_morning);

  return g_test_run ();
}
