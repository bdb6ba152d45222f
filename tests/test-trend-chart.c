/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-context.h"
#include "limber-day.h"
#include "limber-test-util.h"
#include "limber-trend-chart.h"
#include "limber-trends-page.h"

/* The trend chart draws a bar for each logged day up to its average and
 * nothing for days without an entry, and the Trends page shows the chart
 * with a week summary once something is logged, an invitation otherwise. */

#define WIDTH  700
#define HEIGHT 300
/* Opaque red, as cairo stores it in an ARGB32 pixel. */
#define BAR_PIXEL 0xffff0000u

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
  limber_trend_chart_draw (cr, WIDTH, HEIGHT, trend, &test_colors);
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

typedef struct
{
  char             *dir;
  LimberContext    *context;
  GtkWindow        *window;
  LimberTrendsPage *page;
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

static gboolean
pointer_is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *journal = g_build_filename (fixture->dir, "journal.db", NULL);
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (pointer_is_null, &page, 10);
  g_assert_finalize_object (fixture->context);
  g_unlink (journal);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
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
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = limber_day_for_time (now, g_settings_get_uint (settings, "day-rollover-hour"));
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GError) error = NULL;

  entry->average = average;
  entry->worst = worst;
  g_assert_true (limber_journal_save_pain_entry (limber_context_get_journal (fixture->context), entry, now, &error));
  g_assert_no_error (error);
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
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/trend-chart/bars", test_bars);
  g_test_add_func ("/trend-chart/empty", test_empty);
  g_test_add ("/trends-page/logged", Fixture, NULL, fixture_set_up, test_page_logged, fixture_tear_down);
  g_test_add ("/trends-page/empty", Fixture, NULL, fixture_set_up, test_page_empty, fixture_tear_down);

  return g_test_run ();
}
