/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-context.h"
#include "limber-day.h"
#include "limber-report-dialog.h"
#include "limber-report.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"
#include "limber-trend.h"
#include "limber-trends-page.h"

/* The report dialog, opened from the Trends page, shows the pages of the
 * report of the last 12 weeks at first and of another period or with the
 * notes once asked, and saves and prints what it shows as a PDF. */

typedef struct
{
  char               *dir;
  LimberContext      *context;
  GtkWindow          *window;
  LimberReportDialog *dialog;
} Fixture;

static const char *
get_today (Fixture *fixture)
{
  return limber_clock_get_today (limber_context_get_clock (fixture->context));
}

/* Logs the day @days_ago before today, with a long note. */
static void
log_day (Fixture *fixture,
         int      days_ago,
         int      average)
{
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autofree char *day = limber_day_add (get_today (fixture), -days_ago);
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);

  entry->average = average;
  entry->worst = MIN (average + 2, 10);
  entry->note = g_strdup_printf ("Day %d: sat at the desk all afternoon, the shoulder blade ached by the evening, "
                                 "and heat helped a little before bed.", days_ago);
  limber_test_save_entry (fixture->context, entry, now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *journal = NULL;
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-report-XXXXXX", &error);
  g_assert_no_error (error);
  journal = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, journal);
  limber_test_wait_for_journal (fixture->context);
  g_assert_nonnull (limber_context_get_journal (fixture->context));

  /* Most days of the last 40 weeks. */
  for (int days_ago = 0; days_ago < 280; days_ago++)
    if (days_ago % 5 != 3)
      log_day (fixture, days_ago, 2 + days_ago % 7);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = LIMBER_REPORT_DIALOG (limber_report_dialog_new (fixture->window, fixture->context));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *journal = g_build_filename (fixture->dir, "journal.db", NULL);
  gpointer window = fixture->window;

  if (fixture->dialog != NULL)
    {
      gpointer dialog = fixture->dialog;

      g_object_add_weak_pointer (G_OBJECT (dialog), &dialog);
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      limber_test_wait_until (limber_test_pointer_is_null, &dialog, 10);
    }
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &window, 10);
  g_assert_finalize_object (fixture->context);
  g_unlink (journal);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GObject *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog), LIMBER_TYPE_REPORT_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static guint
count_pages (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (child (fixture, "pages_box")));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    n++;
  return n;
}

static GtkWidget *
first_page (Fixture *fixture)
{
  return gtk_widget_get_first_child (GTK_WIDGET (child (fixture, "pages_box")));
}

/* How many pages the report of that period has on the locale's paper
 * within the margins of the saved PDF, 15 mm. */
static guint
expected_pages (Fixture    *fixture,
                const char *first_day,
                gboolean    with_notes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberReport) report = limber_report_new (limber_context_get_journal (fixture->context), first_day,
                                                       get_today (fixture), with_notes,
                                                       limber_trend_locale_first_weekday (), &error);
  double width, height;
  double margin = 15.0 * 72.0 / 25.4;

  g_assert_no_error (error);
  limber_report_default_paper (&width, &height);
  return limber_report_paginate (report, width - 2 * margin, height - 2 * margin);
}

/* The first day of @n_weeks calendar weeks up to today. */
static char *
weeks_first_day (Fixture *fixture,
                 guint    n_weeks)
{
  g_autofree char *day = limber_day_add (get_today (fixture), -7 * ((int) n_weeks - 1));

  return limber_trend_week_start (day, limber_trend_locale_first_weekday ());
}

static char *
format_day (const char *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (time, "%-d %B %Y");
}

static void
assert_period (Fixture    *fixture,
               const char *first_day)
{
  g_autofree char *first_text = format_day (first_day);
  g_autofree char *last_text = format_day (get_today (fixture));
  g_autofree char *expected = g_strdup_printf ("%s – %s", first_text, last_text);

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, "period_row"))), ==, expected);
}

static void
assert_starts_with_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
}

/* The pages of a PDF, as its page objects say. */
static guint
pdf_pages (const char *path)
{
  const char *key = "/Type /Page";
  gsize key_length = strlen (key);
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* The file holds binary streams, NULs and all. */
  for (gsize i = 0; i + key_length < length; i++)
    if (memcmp (contents + i, key, key_length) == 0 && contents[i + key_length] != 's')
      n++;
  return n;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *first_day = weeks_first_day (fixture, 12);
  guint n_pages;

  open_dialog (fixture);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->window);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (fixture, "period_dropdown"))), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (fixture, "since_row"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (fixture, "notes_switch"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (fixture, "problem_label"))));
  assert_period (fixture, first_day);

  n_pages = expected_pages (fixture, first_day, FALSE);
  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_cmpuint (count_pages (fixture), ==, n_pages);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (fixture, "save_button"))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (child (fixture, "print_button"))));

  /* The pages are drawn as wide as the dialog gives them, in the paper's
   * proportions. */
  limber_test_wait_until ((LimberTestCondition) gtk_widget_get_mapped, first_page (fixture), 10);
  {
    GtkWidget *page = first_page (fixture);
    double paper_width, paper_height;

    while (gtk_widget_get_width (page) == 0)
      g_main_context_iteration (NULL, TRUE);
    limber_report_default_paper (&paper_width, &paper_height);
    g_assert_cmpint (gtk_widget_get_width (page), >, 300);
    g_assert_cmpfloat_with_epsilon ((double) gtk_widget_get_height (page) / gtk_widget_get_width (page),
                                    paper_height / paper_width, 0.02);
  }
}

static void
test_options (Fixture       *fixture,
              gconstpointer  user_data)
{
  GtkDropDown *period;
  GtkSwitch *notes;
  GtkWidget *before;
  g_autofree char *four_weeks = weeks_first_day (fixture, 4);
  g_autofree char *twelve_weeks = weeks_first_day (fixture, 12);
  g_autofree char *since = limber_day_add (get_today (fixture), -250);
  g_autofree char *later = limber_day_add (get_today (fixture), 30);

  open_dialog (fixture);
  period = GTK_DROP_DOWN (child (fixture, "period_dropdown"));
  notes = GTK_SWITCH (child (fixture, "notes_switch"));

  /* Each change reads the report again: the pages are new ones. */
  before = first_page (fixture);
  gtk_drop_down_set_selected (period, 0);
  g_assert_true (first_page (fixture) != before);
  assert_period (fixture, four_weeks);
  g_assert_cmpuint (count_pages (fixture), ==, expected_pages (fixture, four_weeks, FALSE));

  before = first_page (fixture);
  gtk_switch_set_active (notes, TRUE);
  g_assert_true (first_page (fixture) != before);
  g_assert_cmpuint (count_pages (fixture), ==, expected_pages (fixture, four_weeks, TRUE));

  /* Since a date: the first day is picked on a calendar, and starts where
   * the 12 weeks do. */
  gtk_drop_down_set_selected (period, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (fixture, "since_row"))));
  assert_period (fixture, twelve_weeks);
  {
    g_autoptr (GDateTime) time = NULL;
    GDate date;

    limber_day_to_date (since, &date);
    time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
    gtk_calendar_select_day (GTK_CALENDAR (child (fixture, "calendar")), time);
  }
  assert_period (fixture, since);
  g_assert_cmpuint (count_pages (fixture), ==, expected_pages (fixture, since, TRUE));
  g_assert_cmpuint (count_pages (fixture), >, expected_pages (fixture, four_weeks, TRUE));
  {
    g_autofree char *text = format_day (since);

    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (child (fixture, "since_button"))), ==, text);
  }

  /* The report ends today: a day to come is today. */
  {
    g_autoptr (GDateTime) time = NULL;
    GDate date;

    limber_day_to_date (later, &date);
    time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
    gtk_calendar_select_day (GTK_CALENDAR (child (fixture, "calendar")), time);
  }
  assert_period (fixture, get_today (fixture));
  g_assert_cmpuint (count_pages (fixture), ==, expected_pages (fixture, get_today (fixture), TRUE));

  gtk_drop_down_set_selected (period, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (fixture, "since_row"))));
  assert_period (fixture, twelve_weeks);
  g_assert_cmpuint (count_pages (fixture), ==, expected_pages (fixture, twelve_weeks, TRUE));
}

static void
test_save (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "report.pdf", NULL);
  g_autoptr (GError) error = NULL;
  guint n_pages;

  open_dialog (fixture);
  n_pages = count_pages (fixture);

  g_assert_true (limber_report_dialog_save (fixture->dialog, path, &error));
  g_assert_no_error (error);
  assert_starts_with_pdf (path);
  /* The preview shows the pages the PDF has. */
  g_assert_cmpuint (count_pages (fixture), ==, n_pages);
  g_assert_cmpuint (n_pages, ==, pdf_pages (path));

  g_assert_false (limber_report_dialog_save (fixture->dialog, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_unlink (path);
}

static void
test_print (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;
  GtkPrintOperationResult result;

  open_dialog (fixture);
  operation = limber_report_dialog_new_print_operation (fixture->dialog);
  g_assert_nonnull (operation);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (fixture->dialog),
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  assert_starts_with_pdf (path);
  /* As many pages as the preview shows, on the same paper within the
   * same margins. */
  g_assert_cmpuint (pdf_pages (path), ==, count_pages (fixture));

  g_unlink (path);
}

/* The action @key with @modifiers runs in the dialog, or NULL. */
static const char *
action_for_key (GtkWidget       *widget,
                guint            key,
                GdkModifierType  modifiers)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == key
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers
              && GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

/* Escape closes the dialog, Ctrl+S saves and Ctrl+P prints. */
static void
test_keys (Fixture       *fixture,
           gconstpointer  user_data)
{
  open_dialog (fixture);

  g_assert_cmpstr (action_for_key (GTK_WIDGET (fixture->dialog), GDK_KEY_Escape, 0), ==, "window.close");
  g_assert_cmpstr (action_for_key (GTK_WIDGET (fixture->dialog), GDK_KEY_s, GDK_CONTROL_MASK), ==, "report.save");
  g_assert_cmpstr (action_for_key (GTK_WIDGET (fixture->dialog), GDK_KEY_p, GDK_CONTROL_MASK), ==, "report.print");
}

static gboolean
find_report_dialog (gpointer user_data)
{
  GtkWindow **found = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (LIMBER_IS_REPORT_DIALOG (window))
        *found = window;
    }
  return *found != NULL;
}

/* "Export Report…" on the Trends page opens the dialog over its window. */
static void
test_from_trends_page (Fixture       *fixture,
                       gconstpointer  user_data)
{
  LimberTrendsPage *page = g_object_new (LIMBER_TYPE_TRENDS_PAGE, NULL);
  GtkWindow *found = NULL;

  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  limber_trends_page_set_context (page, fixture->context);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "trends.report", NULL));
  limber_test_wait_until (find_report_dialog, &found, 10);
  fixture->dialog = LIMBER_REPORT_DIALOG (found);
  g_assert_true (gtk_window_get_transient_for (found) == fixture->window);
  g_assert_cmpuint (count_pages (fixture), >=, 1);

  /* Closed, as Escape does, it goes. */
  {
    gpointer dialog = fixture->dialog;

    g_object_add_weak_pointer (G_OBJECT (dialog), &dialog);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (found), "window.close", NULL));
    limber_test_wait_until (limber_test_pointer_is_null, &dialog, 10);
    fixture->dialog = NULL;
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/report-dialog/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/report-dialog/options", Fixture, NULL, fixture_set_up, test_options, fixture_tear_down);
  g_test_add ("/report-dialog/save", Fixture, NULL, fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/report-dialog/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/report-dialog/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/report-dialog/from-trends-page", Fixture, NULL, fixture_set_up, test_from_trends_page,
              fixture_tear_down);

  return g_test_run ();
}
