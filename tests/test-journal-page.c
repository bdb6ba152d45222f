/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"
#include "limber-pain-scale.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The Journal page on a real journal file: a day is logged, refused
 * input stays in the form with the reason shown, warning signs bring up
 * the advice, a deleted day comes back with Undo, and a damaged journal
 * is reported. */

typedef struct
{
  char              *dir;
  LimberContext     *context;
  GtkWindow         *window;
  LimberJournalPage *page;
} Fixture;

static void
open_page (Fixture    *fixture,
           const char *journal_path)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, journal_path);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* The main window's smallest size: toasts need the room. */
  gtk_window_set_default_size (fixture->window, 360, 600);
  fixture->page = g_object_new (LIMBER_TYPE_JOURNAL_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  limber_journal_page_set_context (fixture->page, fixture->context);
  gtk_window_present (fixture->window);
  /* The page came first; it fills in once the journal is open. */
  limber_test_wait_for_journal (fixture->context);
}

static char *
journal_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "limber", "journal.db", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-page-XXXXXX", &error);
  g_assert_no_error (error);
  if (user_data == NULL)
    {
      g_autofree char *path = journal_path (fixture);
      open_page (fixture, path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &page, 10);
  g_assert_finalize_object (fixture->context);
  g_free (fixture->dir);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

static LimberPainEntryEditor *
editor_of (Fixture *fixture)
{
  return LIMBER_PAIN_ENTRY_EDITOR (child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "editor"));
}

static LimberPainScale *
scale (Fixture    *fixture,
       const char *name)
{
  return LIMBER_PAIN_SCALE (child (editor_of (fixture), LIMBER_TYPE_PAIN_ENTRY_EDITOR, name));
}

/* Today as the page's clock says. */
static char *
today (Fixture *fixture)
{
  return g_strdup (limber_clock_get_today (limber_context_get_clock (fixture->context)));
}

static gboolean
save_enabled (Fixture *fixture)
{
  GtkWidget *button = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "save_button");

  return gtk_widget_is_sensitive (button);
}

static guint
history_rows (Fixture *fixture)
{
  GtkWidget *list = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "history_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          (label == NULL || (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)))
        return w;
      if ((found = find_widget (w, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_log_today (Fixture       *fixture,
                gconstpointer  user_data)
{
  LimberJournal *journal = limber_context_get_journal (fixture->context);
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *title = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "day_title");

  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, day);

  /* The average is required before anything can be saved. */
  g_assert_false (save_enabled (fixture));
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 4);
  g_assert_true (save_enabled (fixture));
  limber_pain_scale_set_value (scale (fixture, "worst_scale"), 6);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "journal.save", NULL));
  limber_test_sync_writer (fixture->context);

  stored = limber_journal_get_pain_entry (journal, day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 4);
  g_assert_cmpint (stored->worst, ==, 6);
  g_assert_cmpuint (history_rows (fixture), ==, 1);
}

static void
test_refused_input_stays (Fixture       *fixture,
                          gconstpointer  user_data)
{
  LimberJournal *journal = limber_context_get_journal (fixture->context);
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *revealer = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "problem_revealer");
  GtkWidget *label = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "problem_label");

  limber_pain_scale_set_value (scale (fixture, "average_scale"), 5);
  limber_pain_scale_set_value (scale (fixture, "worst_scale"), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "journal.save", NULL));
  limber_test_sync_writer (fixture->context);

  /* Nothing stored, the reason on screen, the form as the user left it. */
  stored = limber_journal_get_pain_entry (journal, day, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "worst"));
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, 5);
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "worst_scale")), ==, 2);
}

static void
test_red_flag_advice (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *row = child (editor_of (fixture), LIMBER_TYPE_PAIN_ENTRY_EDITOR, "red_flags_row");
  GtkWidget *check = find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }

  /* The first sign, chest pain, is an emergency. */
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Get Emergency Help Now");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "emergency"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  LimberJournal *journal = limber_context_get_journal (fixture->context);
  g_autofree char *day = today (fixture);
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (yesterday);
  g_autoptr (LimberPainEntry) back = NULL;
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autoptr (GError) error = NULL;
  GtkWidget *list = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "history_list");
  GtkWidget *overlay = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "toast_overlay");
  GtkWidget *delete_button, *undo_button;

  entry->average = 3;
  limber_pain_entry_set_note (entry, "Long drive");
  limber_test_save_entry (fixture->context, entry, now);
  limber_journal_page_show_day (fixture->page, day);
  /* Showing a day reloads nothing else; have the list pick up the entry. */
  g_object_notify (G_OBJECT (fixture->context), "journal");
  g_assert_cmpuint (history_rows (fixture), ==, 1);

  delete_button = find_widget (list, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (delete_button);
  g_signal_emit_by_name (delete_button, "clicked");
  limber_test_sync_writer (fixture->context);
  g_assert_null (limber_journal_get_pain_entry (journal, yesterday, &error));
  g_assert_cmpuint (history_rows (fixture), ==, 0);

  undo_button = find_widget (overlay, GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");
  limber_test_sync_writer (fixture->context);

  /* Back as it was, with its identity. */
  back = limber_journal_get_pain_entry (journal, yesterday, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->uuid, ==, entry->uuid);
  g_assert_cmpstr (back->note, ==, "Long drive");
  g_assert_cmpuint (history_rows (fixture), ==, 1);
}

static void
test_damaged_journal_reported (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *path = journal_path (fixture);
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWidget *revealer, *label;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a database at all", -1, NULL));
  open_page (fixture, path);

  revealer = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "problem_revealer");
  label = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "problem_label");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "damaged"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), ".damaged-"));

  /* A fresh journal took its place: logging works. */
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 2);
  g_assert_true (save_enabled (fixture));
}

/* Moves the process to a zone in which it is about six in the morning
 * now, so that a later hour for the day to start at (the setting goes up
 * to noon) is there whatever the time of the run, and returns the TZ to
 * go back to. POSIX zones count west of UTC as positive. */
static char *
use_morning_zone (void)
{
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  /* Hours east of UTC, from -12 to 11, that put the local hour at 6. */
  int east_h = (6 - g_date_time_get_hour (utc) + 36) % 24 - 12;
  g_autofree char *zone = g_strdup_printf ("LMB%+d", -east_h);
  char *old_zone = g_strdup (g_getenv ("TZ"));

  g_setenv ("TZ", zone, TRUE);
  return old_zone;
}

static void
restore_zone (const char *old_zone)
{
  if (old_zone != NULL)
    g_setenv ("TZ", old_zone, TRUE);
  else
    g_unsetenv ("TZ");
}

/* A page left open while the day changes moves its form on to the new
 * today, unless the form holds what the user typed: that stays with the
 * day it was typed for. */
static void
test_follows_day (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = journal_path (fixture);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *calendar_day = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *old_zone = NULL;
  GtkWidget *title, *today_button;

  old_zone = use_morning_zone ();
  open_page (fixture, path);
  title = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "day_title");
  today_button = child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "today_button");
  now = limber_clock_now (limber_context_get_clock (fixture->context));
  calendar_day = g_date_time_format (now, "%Y-%m-%d");
  yesterday = limber_day_add (calendar_day, -1);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, calendar_day);

  /* The day starts after this hour now: today is yesterday. */
  g_settings_set_uint (settings, "day-rollover-hour", g_date_time_get_hour (now) + 1);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, yesterday);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_false (gtk_widget_get_visible (today_button));

  /* Typed in, then the day moves on: the form keeps it for its day. */
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 5);
  g_settings_set_uint (settings, "day-rollover-hour", 0);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, yesterday);
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, 5);
  g_assert_false (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_true (gtk_widget_get_visible (today_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "journal.save", NULL));
  limber_test_sync_writer (fixture->context);
  stored = limber_journal_get_pain_entry (limber_context_get_journal (fixture->context), yesterday, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 5);

  g_signal_emit_by_name (today_button, "clicked");
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, calendar_day);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));

  g_settings_reset (settings, "day-rollover-hour");
  restore_zone (old_zone);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-page/log-today", test_log_today, NULL);
  ADD ("/journal-page/refused-input-stays", test_refused_input_stays, NULL);
  ADD ("/journal-page/red-flag-advice", test_red_flag_advice, NULL);
  ADD ("/journal-page/delete-and-undo", test_delete_and_undo, NULL);
  ADD ("/journal-page/damaged-journal-reported", test_damaged_journal_reported, "no-page");
  ADD ("/journal-page/follows-day", test_follows_day, "no-page");
#undef ADD

  return g_test_run ();
}
