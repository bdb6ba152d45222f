/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "limber-day-details-editor.h"
#include "limber-factors-dialog.h"
#include "limber-journal-factors.h"
#include "limber-journal-history.h"
#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"
#include "limber-pain-scale.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The Journal page on a real journal file: what is picked or typed is in
 * the journal without pressing anything, and stays there when the window
 * closes or the page is left; each scale is one control, worked by
 * keyboard; the worst pain follows the average up; Undo puts the day back
 * as it was; earlier days say so; the history shows warning signs and
 * keeps its place when a day is deleted; warning signs bring up the
 * advice; a damaged journal is reported. What was done and how the day
 * was are saved as they are ticked, without a pain score, and come back
 * with the day; a retired factor shows only on its days; changes are
 * added and removed with Undo; pain medication on most days for three
 * weeks is met with one gentle word. */

typedef struct
{
  char              *dir;
  LimberContext     *context;
  /* Both weak: a test may close the window itself. */
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
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  /* The main window's smallest size: toasts need the room. */
  gtk_window_set_default_size (fixture->window, 360, 600);
  fixture->page = g_object_new (LIMBER_TYPE_JOURNAL_PAGE, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
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
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  limber_test_sync_writer (fixture->context);
  limber_test_wait_until (limber_test_pointer_is_null, &fixture->page, 10);
  g_assert_finalize_object (fixture->context);
  limber_test_remove_tree (fixture->dir);
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

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  /* The list of earlier days is the history's, in the page. */
  if (g_str_equal (name, "history_list"))
    return child (child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, "history"), LIMBER_TYPE_JOURNAL_HISTORY, name);
  return child (fixture->page, LIMBER_TYPE_JOURNAL_PAGE, name);
}

static LimberPainEntryEditor *
editor_of (Fixture *fixture)
{
  return LIMBER_PAIN_ENTRY_EDITOR (page_child (fixture, "editor"));
}

static GtkWidget *
editor_child (Fixture    *fixture,
              const char *name)
{
  return child (editor_of (fixture), LIMBER_TYPE_PAIN_ENTRY_EDITOR, name);
}

static LimberPainScale *
scale (Fixture    *fixture,
       const char *name)
{
  return LIMBER_PAIN_SCALE (editor_child (fixture, name));
}

static GtkTextBuffer *
note_buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (fixture, "note_view")));
}

/* Today as the page's clock says. */
static char *
today (Fixture *fixture)
{
  return g_strdup (limber_clock_get_today (limber_context_get_clock (fixture->context)));
}

/* The entry of @day as the journal file holds it, through a connection
 * of its own, once every write asked for is done. */
static LimberPainEntry *
stored_entry (Fixture    *fixture,
              const char *day)
{
  g_autofree char *path = journal_path (fixture);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  LimberPainEntry *entry;

  limber_test_sync_writer (fixture->context);
  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  entry = limber_journal_get_pain_entry (journal, day, &error);
  g_assert_no_error (error);
  return entry;
}

static const char *
status_text (Fixture *fixture)
{
  return gtk_label_get_label (GTK_LABEL (page_child (fixture, "status_label")));
}

static guint
history_rows (Fixture *fixture)
{
  GtkWidget *list = page_child (fixture, "history_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static GtkListBoxRow *
history_row (Fixture *fixture,
             int      index)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (fixture, "history_list")), index);
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

/* Saves an entry for @day as another program would, and has the page
 * read the journal again. */
static LimberPainEntry *
log_day (Fixture    *fixture,
         const char *day,
         int         average,
         guint       red_flags,
         const char *note)
{
  LimberPainEntry *entry = limber_pain_entry_new (day);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));

  entry->average = average;
  entry->red_flags = red_flags;
  limber_pain_entry_set_note (entry, note);
  limber_test_save_entry (fixture->context, entry, now);
  return entry;
}

static void
reread_journal (Fixture *fixture)
{
  g_object_notify (G_OBJECT (fixture->context), "journal");
}

/* Presses @keyval on @widget as its key controller receives it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The remark a scale shows under it, or %NULL. */
static const char *
shown_remark (LimberPainScale *scale)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (scale)); w; w = gtk_widget_get_first_child (w))
    {
      for (GtkWidget *label = w; label; label = gtk_widget_get_next_sibling (label))
        {
          if (GTK_IS_LABEL (label) && gtk_widget_has_css_class (label, "remark"))
            return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
        }
    }
  g_assert_not_reached ();
}

/* Tab, as the window's key binding does it. */
static GtkWidget *
press_tab (Fixture *fixture)
{
  g_signal_emit_by_name (fixture->window, "move-focus", GTK_DIR_TAB_FORWARD);
  return gtk_window_get_focus (fixture->window);
}


/* What was done and how the day was */

static LimberDayDetailsEditor *
details_of (Fixture *fixture)
{
  return LIMBER_DAY_DETAILS_EDITOR (page_child (fixture, "details"));
}

static GtkWidget *
details_child (Fixture    *fixture,
               const char *name)
{
  return child (details_of (fixture), LIMBER_TYPE_DAY_DETAILS_EDITOR, name);
}

/* A connection of the test's own to the journal file, once every write
 * asked for is done. */
static LimberJournal *
open_stored (Fixture *fixture)
{
  g_autofree char *path = journal_path (fixture);
  g_autoptr (GError) error = NULL;
  LimberJournal *journal;

  limber_test_sync_writer (fixture->context);
  journal = limber_journal_open (path, &error);
  g_assert_no_error (error);
  return journal;
}

static const LimberDayFactor *
find_day_factor (GPtrArray  *day_factors,
                 const char *uuid)
{
  for (guint i = 0; i < day_factors->len; i++)
    {
      const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      if (g_str_equal (day_factor->factor_uuid, uuid))
        return day_factor;
    }
  return NULL;
}

static char *
factor_uuid (Fixture    *fixture,
             const char *name)
{
  g_autoptr (LimberJournal) journal = open_stored (fixture);
  g_autoptr (LimberFactor) factor = NULL;
  g_autoptr (GError) error = NULL;

  factor = limber_journal_find_factor (journal, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (factor);
  return g_strdup (factor->uuid);
}

static void
test_details_saved (Fixture       *fixture,
                    gconstpointer  user_data)
{
  LimberDayDetailsEditor *details = details_of (fixture);
  g_autofree char *day = today (fixture);
  g_autofree char *heat = factor_uuid (fixture, "heat");
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  const LimberDayFactor *medication;

  g_assert_cmpstr (limber_day_details_editor_get_day (details), ==, day);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (details_child (fixture, "medication_revealer"))));

  /* Ticks are saved as they are made, with no pain score picked. */
  limber_day_details_editor_set_ticked (details, heat, TRUE);
  limber_day_details_editor_set_ticked (details, LIMBER_FACTOR_PAIN_MEDICATION_UUID, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (details_child (fixture, "medication_revealer"))));
  /* The name is typing, saved after a pause or when the page is left. */
  gtk_editable_set_text (GTK_EDITABLE (details_child (fixture, "medicine_row")), " Ibuprofen ");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (details_child (fixture, "doses_spin")), 2);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "sleep_switch")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (details_child (fixture, "sleep_hours_spin")), 6.5);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "stress_switch")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (details_child (fixture, "stress_spin")), 8);
  /* The measured active time is offered as the hours at the desk. */
  limber_day_details_editor_set_measured_desk (details, 52);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "desk_switch")), TRUE);

  journal = open_stored (fixture);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 2);
  g_assert_nonnull (find_day_factor (day_factors, heat));
  medication = find_day_factor (day_factors, LIMBER_FACTOR_PAIN_MEDICATION_UUID);
  g_assert_true (medication != NULL);
  if (medication == NULL)
    return;
  g_assert_cmpstr (medication->medicine, ==, "Ibuprofen");
  g_assert_cmpint (medication->doses, ==, 2);
  measures = limber_journal_get_day_measures (journal, day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (measures);
  g_assert_cmpint (measures->sleep_tenths, ==, 65);
  g_assert_cmpint (measures->sleep_quality, ==, 5);
  g_assert_cmpint (measures->stress, ==, 8);
  g_assert_cmpint (measures->desk_tenths, ==, 52);
  entry = limber_journal_get_pain_entry (journal, day, &error);
  g_assert_no_error (error);
  g_assert_null (entry);
  g_assert_cmpstr (status_text (fixture), ==, "Saved");
  g_clear_pointer (&day_factors, g_ptr_array_unref);
  g_clear_pointer (&measures, limber_day_measures_free);

  /* Unticking and switching off take them out again. */
  limber_day_details_editor_set_ticked (details, heat, FALSE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "sleep_switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "stress_switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "desk_switch")), FALSE);
  g_clear_object (&journal);
  journal = open_stored (fixture);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 1);
  g_assert_null (find_day_factor (day_factors, heat));
  measures = limber_journal_get_day_measures (journal, day, &error);
  g_assert_no_error (error);
  g_assert_null (measures);

  /* The medicine is offered the next time. */
  g_clear_object (&journal);
  journal = open_stored (fixture);
  reread_journal (fixture);
  g_assert_true (gtk_widget_get_visible (details_child (fixture, "medicines_button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (fixture, "medicine_row"))), ==, "Ibuprofen");
}

/* A day shown again shows what was ticked on it; a retired factor is
 * offered only on the days it was done, to be unticked there. */
static void
test_details_follow_day (Fixture       *fixture,
                         gconstpointer  user_data)
{
  LimberDayDetailsEditor *details = details_of (fixture);
  g_autofree char *day = today (fixture);
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autofree char *walk = factor_uuid (fixture, "walk");
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autoptr (GError) error = NULL;

  limber_journal_page_show_day (fixture->page, yesterday);
  limber_day_details_editor_set_ticked (details, walk, TRUE);
  /* Shown again at once, while the save may be on its way. */
  limber_journal_page_show_day (fixture->page, day);
  g_assert_false (limber_day_details_editor_get_ticked (details, walk));
  limber_journal_page_show_day (fixture->page, yesterday);
  g_assert_true (limber_day_details_editor_get_ticked (details, walk));

  journal = open_stored (fixture);
  g_assert_true (limber_journal_set_factor_retired (journal, walk, TRUE, now, &error));
  g_assert_no_error (error);
  limber_journal_page_show_day (fixture->page, day);
  reread_journal (fixture);
  g_assert_false (limber_day_details_editor_get_ticked (details, walk));
  g_assert_null (find_widget (details_child (fixture, "factors_box"), GTK_TYPE_TOGGLE_BUTTON, "Walk or other exercise"));
  limber_journal_page_show_day (fixture->page, yesterday);
  g_assert_true (limber_day_details_editor_get_ticked (details, walk));
  g_assert_nonnull (find_widget (details_child (fixture, "factors_box"), GTK_TYPE_TOGGLE_BUTTON, "Walk or other exercise"));
}

static guint
change_rows (Fixture *fixture)
{
  GtkWidget *list = details_child (fixture, "changes_list");
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static guint
stored_changes (Fixture *fixture)
{
  g_autoptr (LimberJournal) journal = open_stored (fixture);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  changes = limber_journal_list_life_changes (journal, NULL, NULL, &error);
  g_assert_no_error (error);
  return changes->len;
}

static gboolean
has_toast_to_undo (gpointer data)
{
  Fixture *fixture = data;

  return find_widget (page_child (fixture, "toast_overlay"), GTK_TYPE_BUTTON, "_Undo") != NULL;
}

static void
test_life_change (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *entry_row = details_child (fixture, "change_row");
  GtkWidget *row, *remove;

  gtk_editable_set_text (GTK_EDITABLE (entry_row), "  New chair ");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_cmpuint (stored_changes (fixture), ==, 1);
  g_assert_cmpuint (change_rows (fixture), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "");
  row = gtk_widget_get_first_child (details_child (fixture, "changes_list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "New chair");

  /* Too long a text is refused, said, and kept in the field. */
  {
    g_autofree char *long_text = g_strnfill (LIMBER_LIFE_CHANGE_MAX_CHARS + 1, 'x');

    gtk_editable_set_text (GTK_EDITABLE (entry_row), long_text);
    g_signal_emit_by_name (entry_row, "apply");
    g_assert_cmpuint (stored_changes (fixture), ==, 1);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (fixture, "problem_revealer"))));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, long_text);
  }

  remove = find_widget (row, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (stored_changes (fixture), ==, 0);
  g_assert_cmpuint (change_rows (fixture), ==, 0);

  limber_test_poll_until (has_toast_to_undo, fixture, 5);
  g_signal_emit_by_name (find_widget (page_child (fixture, "toast_overlay"), GTK_TYPE_BUTTON, "_Undo"), "clicked");
  g_assert_cmpuint (stored_changes (fixture), ==, 1);
  g_assert_cmpuint (change_rows (fixture), ==, 1);
}

/* Logs pain medication on @days_a_week days of each of the three weeks
 * up to today, as another program would. */
static void
log_medication (Fixture *fixture,
                guint    days_a_week)
{
  g_autoptr (LimberJournal) journal = open_stored (fixture);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autofree char *day = today (fixture);

  for (guint back = 0; back < 21; back++)
    {
      g_autofree char *on = limber_day_add (day, -(int) back);
      g_autoptr (GPtrArray) day_factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
      g_autoptr (GError) error = NULL;

      if (back % 7 < days_a_week)
        g_ptr_array_add (day_factors, limber_day_factor_new (on, LIMBER_FACTOR_PAIN_MEDICATION_UUID));
      g_assert_true (limber_journal_set_day_factors (journal, on, day_factors, now, &error));
      g_assert_no_error (error);
    }
}

static void
test_medication_word (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GSettings *state = limber_context_get_state (fixture->context);
  GtkRevealer *revealer = GTK_REVEALER (page_child (fixture, "medication_revealer"));
  g_autofree char *day = today (fixture);

  g_settings_reset (state, "medication-notice-day");

  /* Three days a week is not most days. */
  log_medication (fixture, 3);
  reread_journal (fixture);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  log_medication (fixture, 4);
  reread_journal (fixture);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  {
    g_autofree char *said = g_settings_get_string (state, "medication-notice-day");

    g_assert_cmpstr (said, ==, day);
  }
  /* It says nothing of what or how much to take. */
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (page_child (fixture, "medication_label"))), "dose"));

  /* Once: dismissed, it does not come back with the journal read again. */
  gtk_revealer_set_reveal_child (revealer, FALSE);
  reread_journal (fixture);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_settings_reset (state, "medication-notice-day");
}


/* The page fits the main window at its narrowest, with every row of what
 * was done and how the day was shown. */
static void
test_fits_narrow (Fixture       *fixture,
                  gconstpointer  user_data)
{
  LimberDayDetailsEditor *details = details_of (fixture);
  int minimum = 0;

  limber_day_details_editor_set_ticked (details, LIMBER_FACTOR_PAIN_MEDICATION_UUID, TRUE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "sleep_switch")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "stress_switch")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "desk_switch")), TRUE);
  limber_day_details_editor_set_measured_desk (details, 52);

  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}


/* “Edit…” opens the factors dialog over the window; what it changes is
 * offered at once. */
static void
test_manage_factors (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr (LimberFactor) added = NULL;

  limber_test_wait_until (widget_mapped, fixture->page, 10);
  g_signal_emit_by_name (details_child (fixture, "manage_button"), "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (LIMBER_IS_FACTORS_DIALOG (window))
        dialog = GTK_WIDGET (window);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);

  {
    g_autoptr (LimberJournal) journal = open_stored (fixture);
    g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
    g_autoptr (GError) error = NULL;

    added = limber_journal_add_factor (journal, "Foam roller", now, &error);
    g_assert_no_error (error);
  }
  g_signal_emit_by_name (dialog, "factors-changed");
  g_assert_nonnull (find_widget (details_child (fixture, "factors_box"), GTK_TYPE_TOGGLE_BUTTON, "Foam roller"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}


/* A tick saves what was done and leaves how the day was as the journal
 * has it, though another program changed it after the form was loaded;
 * and the other way round. */
static void
test_details_keep_the_rest (Fixture       *fixture,
                            gconstpointer  user_data)
{
  LimberDayDetailsEditor *details = details_of (fixture);
  g_autofree char *day = today (fixture);
  g_autofree char *heat = factor_uuid (fixture, "heat");
  g_autofree char *walk = factor_uuid (fixture, "walk");
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (fixture->context));
  g_autoptr (LimberJournal) journal = open_stored (fixture);
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new (day);
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (GPtrArray) day_factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GError) error = NULL;

  /* Behind the form's back. */
  measures->stress = 3;
  g_assert_true (limber_journal_set_day_measures (journal, measures, now, &error));
  g_assert_no_error (error);

  limber_day_details_editor_set_ticked (details, heat, TRUE);
  g_clear_object (&journal);
  journal = open_stored (fixture);
  stored = limber_journal_get_day_measures (journal, day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->stress, ==, 3);

  /* And a walk ticked elsewhere stays when the form changes the sleep. */
  g_ptr_array_add (day_factors, limber_day_factor_new (day, heat));
  g_ptr_array_add (day_factors, limber_day_factor_new (day, walk));
  g_assert_true (limber_journal_set_day_factors (journal, day, day_factors, now, &error));
  g_assert_no_error (error);
  gtk_switch_set_active (GTK_SWITCH (details_child (fixture, "sleep_switch")), TRUE);
  g_clear_object (&journal);
  g_clear_pointer (&day_factors, g_ptr_array_unref);
  journal = open_stored (fixture);
  day_factors = limber_journal_get_day_factors (journal, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day_factors->len, ==, 2);
  g_assert_nonnull (find_day_factor (day_factors, walk));
}

static void
test_log_today (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  GtkWidget *title = page_child (fixture, "day_title");

  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, day);
  g_assert_cmpstr (status_text (fixture), ==, "Changes are saved as you make them");

  /* A pick is in the journal file, with nothing else pressed. */
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 4);
  stored = stored_entry (fixture, day);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 4);
  g_assert_cmpint (stored->worst, ==, LIMBER_PAIN_SCORE_UNSET);
  g_clear_pointer (&stored, limber_pain_entry_free);
  g_assert_cmpstr (status_text (fixture), ==, "Saved");

  limber_pain_scale_set_value (scale (fixture, "worst_scale"), 6);
  stored = stored_entry (fixture, day);
  g_assert_cmpint (stored->average, ==, 4);
  g_assert_cmpint (stored->worst, ==, 6);

  /* Today is not an earlier day. */
  g_assert_cmpuint (history_rows (fixture), ==, 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "delete_button")));
}

/* The note waits for a pause in typing, but not when the window closes:
 * it is in the journal all the same. */
static void
test_note_kept_on_close (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;

  limber_pain_scale_set_value (scale (fixture, "average_scale"), 3);
  limber_test_sync_writer (fixture->context);
  gtk_text_buffer_set_text (note_buffer (fixture), "Stiff after the long meeting", -1);
  gtk_window_close (fixture->window);
  g_assert_null (fixture->window);

  stored = stored_entry (fixture, day);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 3);
  g_assert_cmpstr (stored->note, ==, "Stiff after the long meeting");
}

/* Leaving the page for another one saves the note at once too. */
static void
test_note_kept_when_page_left (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  GtkTextIter end;

  limber_pain_scale_set_value (scale (fixture, "average_scale"), 5);
  gtk_text_buffer_get_end_iter (note_buffer (fixture), &end);
  gtk_text_buffer_insert (note_buffer (fixture), &end, "Heat pad helped", -1);
  limber_test_wait_until (widget_mapped, fixture->page, 10);
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);
  stored = stored_entry (fixture, day);
  g_assert_cmpstr (stored->note, ==, "Heat pad helped");
}

/* What cannot be saved yet (no average) is not thrown away: the page
 * asks for the average, and saves all of it once it is there. */
static void
test_incomplete_entry_waits (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;

  gtk_text_buffer_set_text (note_buffer (fixture), "Woke up sore", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "journal.save", NULL));
  g_assert_null (stored_entry (fixture, day));
  g_assert_cmpstr (status_text (fixture), ==, "Pick the average pain to save this entry");
  g_assert_true (gtk_widget_has_css_class (page_child (fixture, "status_label"), "warning"));

  limber_pain_scale_set_value (scale (fixture, "average_scale"), 2);
  stored = stored_entry (fixture, day);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 2);
  g_assert_cmpstr (stored->note, ==, "Woke up sore");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Closing the window on an entry that cannot be saved yet asks first:
 * Keep Editing leaves it open on the average pain; Discard closes. */
static void
test_unfinished_entry_on_close (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  AdwMessageDialog *dialog;

  limber_pain_scale_set_value (scale (fixture, "worst_scale"), 6);
  gtk_text_buffer_set_text (note_buffer (fixture), "Sore after the drive", -1);
  gtk_window_close (fixture->window);
  g_assert_nonnull (fixture->window);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard the Unfinished Entry?");

  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "keep");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (find_message_dialog ());
  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (scale (fixture, "average_scale"))) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window),
                                         GTK_WIDGET (scale (fixture, "average_scale"))));
  {
    GtkTextIter start, end;
    g_autofree char *note = NULL;

    gtk_text_buffer_get_bounds (note_buffer (fixture), &start, &end);
    note = gtk_text_buffer_get_text (note_buffer (fixture), &start, &end, FALSE);
    g_assert_cmpstr (note, ==, "Sore after the drive");
  }

  gtk_window_close (fixture->window);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_close (GTK_WINDOW (dialog));
  limber_test_wait_until (limber_test_pointer_is_null, &fixture->window, 10);
  g_assert_null (stored_entry (fixture, day));
}

/* Tab reaches each scale once; the arrow keys and the others move the
 * value, and the journal follows. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *names[] = { "average_scale", "worst_scale", "activity_scale", "enjoyment_scale" };
  guint visits[G_N_ELEMENTS (names)] = { 0 };
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  GtkWidget *average = GTK_WIDGET (scale (fixture, "average_scale"));
  GtkWidget *first, *focus;
  guint stops = 0;

  limber_test_wait_until (widget_mapped, fixture->page, 10);

  /* Once round the whole window. */
  first = press_tab (fixture);
  g_assert_nonnull (first);
  focus = first;
  do
    {
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        visits[i] += focus == GTK_WIDGET (scale (fixture, names[i]));
      stops++;
      g_assert_cmpuint (stops, <, 100);
      focus = press_tab (fixture);
      /* Between the last stop and the first, the focus may leave. */
      if (focus == NULL)
        focus = press_tab (fixture);
    }
  while (focus != first);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpuint (visits[i], ==, 1);
  /* The scales were 44 stops on their own before; now the whole page,
   * with a toggle for each thing done and a switch for each measure, is
   * fewer than that. */
  g_assert_cmpuint (stops, <, 40);

  while (gtk_window_get_focus (fixture->window) != average)
    press_tab (fixture);

  /* From “not set”, Right picks 0, then goes up. */
  g_assert_true (press_key (average, GDK_KEY_Right));
  g_assert_true (press_key (average, GDK_KEY_Right));
  g_assert_true (press_key (average, GDK_KEY_Up));
  g_assert_cmpint (limber_pain_scale_get_value (LIMBER_PAIN_SCALE (average)), ==, 2);
  stored = stored_entry (fixture, day);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 2);
  g_clear_pointer (&stored, limber_pain_entry_free);

  g_assert_true (press_key (average, GDK_KEY_End));
  g_assert_cmpint (limber_pain_scale_get_value (LIMBER_PAIN_SCALE (average)), ==, 10);
  g_assert_true (press_key (average, GDK_KEY_Page_Down));
  g_assert_true (press_key (average, GDK_KEY_Left));
  g_assert_cmpint (limber_pain_scale_get_value (LIMBER_PAIN_SCALE (average)), ==, 7);
  stored = stored_entry (fixture, day);
  g_assert_cmpint (stored->average, ==, 7);
  g_clear_pointer (&stored, limber_pain_entry_free);

  g_assert_true (press_key (average, GDK_KEY_Home));
  g_assert_true (press_key (average, GDK_KEY_4));
  stored = stored_entry (fixture, day);
  g_assert_cmpint (stored->average, ==, 4);

  /* Tab is not the scale's: it moves on. */
  g_assert_false (press_key (average, GDK_KEY_Tab));

  /* Delete clears a score, back to “not set”. */
  g_assert_true (press_key (GTK_WIDGET (scale (fixture, "worst_scale")), GDK_KEY_9));
  g_assert_true (press_key (GTK_WIDGET (scale (fixture, "worst_scale")), GDK_KEY_Delete));
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "worst_scale")), ==, LIMBER_PAIN_SCORE_UNSET);
}

static void
test_average_raises_worst (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autoptr (LimberPainEntry) stored = NULL;
  LimberPainScale *average = scale (fixture, "average_scale");
  LimberPainScale *worst = scale (fixture, "worst_scale");
  GtkWidget *revealer = page_child (fixture, "problem_revealer");

  limber_pain_scale_set_value (average, 2);
  limber_pain_scale_set_value (worst, 3);
  g_assert_true (press_key (GTK_WIDGET (average), GDK_KEY_9));

  /* Raised, not refused, and said where the user is. */
  g_assert_cmpint (limber_pain_scale_get_value (worst), ==, 9);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "9 of 10 (Worst pain raised to 9 to match)");
  g_assert_cmpstr (shown_remark (average), ==, "Worst pain raised to 9 to match");
  stored = stored_entry (fixture, day);
  g_assert_cmpint (stored->average, ==, 9);
  g_assert_cmpint (stored->worst, ==, 9);
  g_clear_pointer (&stored, limber_pain_entry_free);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* The next pick is what the value says again. */
  g_assert_true (press_key (GTK_WIDGET (average), GDK_KEY_Left));
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "8 of 10");
  g_assert_null (shown_remark (average));
  g_assert_cmpint (limber_pain_scale_get_value (worst), ==, 9);

  /* A worst picked below the average takes the average down with it. */
  limber_pain_scale_set_value (worst, 5);
  g_assert_cmpint (limber_pain_scale_get_value (average), ==, 5);
  stored = stored_entry (fixture, day);
  g_assert_cmpint (stored->average, ==, 5);
  g_assert_cmpint (stored->worst, ==, 5);
}

static gboolean
no_undo_button (gpointer overlay)
{
  return find_widget (overlay, GTK_TYPE_BUTTON, "_Undo") == NULL;
}

/* Undo puts the whole day back as it stood before the editing began. */
static void
test_undo_restores_day (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autoptr (LimberPainEntry) before = log_day (fixture, yesterday, 3, 0, "Long drive");
  g_autoptr (LimberPainEntry) stored = NULL;
  GtkWidget *overlay = page_child (fixture, "toast_overlay");
  GtkWidget *undo_button;

  reread_journal (fixture);
  limber_journal_page_show_day (fixture->page, yesterday);
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, 3);

  limber_pain_scale_set_value (scale (fixture, "average_scale"), 6);
  limber_pain_scale_set_value (scale (fixture, "activity_scale"), 4);
  gtk_text_buffer_set_text (note_buffer (fixture), "Worse than I said", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "journal.save", NULL));
  stored = stored_entry (fixture, yesterday);
  g_assert_cmpint (stored->average, ==, 6);
  g_assert_cmpstr (stored->note, ==, "Worse than I said");
  g_clear_pointer (&stored, limber_pain_entry_free);

  undo_button = find_widget (overlay, GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");

  stored = stored_entry (fixture, yesterday);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->uuid, ==, before->uuid);
  g_assert_cmpint (stored->average, ==, 3);
  g_assert_cmpint (stored->activity, ==, LIMBER_PAIN_SCORE_UNSET);
  g_assert_cmpstr (stored->note, ==, "Long drive");
  /* The form shows it as it is again. */
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, 3);
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "activity_scale")), ==, LIMBER_PAIN_SCORE_UNSET);

  /* A day that had no entry has none again. The toast used is gone
   * first. */
  limber_test_wait_until (no_undo_button, overlay, 10);
  limber_journal_page_show_day (fixture->page, day);
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 4);
  limber_test_sync_writer (fixture->context);
  undo_button = find_widget (overlay, GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");
  g_assert_null (stored_entry (fixture, day));
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, LIMBER_PAIN_SCORE_UNSET);
}

static void
test_earlier_day_headings (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autofree char *earlier = limber_day_add (day, -3);
  GtkWidget *average_label = editor_child (fixture, "average_label");
  GtkWidget *worst_label = editor_child (fixture, "worst_label");
  GtkWidget *title = page_child (fixture, "day_title");
  g_autofree char *average_heading = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (average_label)), ==, "Average pain today");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (worst_label)), ==, "Worst pain today");

  limber_journal_page_show_day (fixture->page, earlier);
  average_heading = g_strdup_printf ("Average pain on %s", gtk_label_get_label (GTK_LABEL (title)));
  g_assert_false (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (average_label)), ==, average_heading);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (worst_label)), "Worst pain on "));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (worst_label)), "today"));
  /* The scale is named by its heading. */
  gtk_test_accessible_assert_relation (scale (fixture, "average_scale"),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, average_label, NULL);

  /* What is picked goes to that day. */
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 6);
  stored = stored_entry (fixture, earlier);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 6);
  g_assert_null (stored_entry (fixture, day));
  g_assert_cmpuint (history_rows (fixture), ==, 1);

  g_signal_emit_by_name (page_child (fixture, "today_button"), "clicked");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (average_label)), ==, "Average pain today");
}

static void
test_red_flags_in_history (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autofree char *before = limber_day_add (day, -2);
  g_autoptr (LimberPainEntry) today_entry = log_day (fixture, day, 2, 0, NULL);
  g_autoptr (LimberPainEntry) flagged = log_day (fixture, yesterday, 5,
                                                 LIMBER_RED_FLAG_CHEST | LIMBER_RED_FLAG_ARM_NUMBNESS, NULL);
  g_autoptr (LimberPainEntry) calm = log_day (fixture, before, 3, 0, NULL);
  GtkListBoxRow *row;

  reread_journal (fixture);
  /* Earlier days only. */
  g_assert_cmpuint (history_rows (fixture), ==, 2);

  row = history_row (fixture, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "day"), ==, yesterday);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Pain 5 · 2 warning signs");
  g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "flag-marker")));
  /* The marker is for the eye: the words are in the subtitle. */
  gtk_test_accessible_assert_role (g_object_get_data (G_OBJECT (row), "flag-marker"),
                                   GTK_ACCESSIBLE_ROLE_PRESENTATION);

  row = history_row (fixture, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Pain 3");
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "flag-marker")));
}

static gboolean
upper_below (gpointer user_data)
{
  gpointer *args = user_data;

  return gtk_adjustment_get_upper (args[0]) < *(double *) args[1];
}

static gboolean
can_scroll_to (gpointer user_data)
{
  gpointer *args = user_data;
  GtkAdjustment *adjustment = args[0];

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > *(double *) args[1];
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
  guint          still_frames;
} Settling;

static gboolean
count_still_frames_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  Settling *settling = user_data;
  double value = gtk_adjustment_get_value (settling->adjustment);

  if (value == settling->value)
    settling->still_frames++;
  else
    settling->still_frames = 0;
  settling->value = value;
  return G_SOURCE_CONTINUE;
}

static gboolean
settled (gpointer user_data)
{
  Settling *settling = user_data;

  return settling->still_frames >= 5;
}

/* The scroll position once any scrolling and layout under way have
 * ended: the position and the length of the list the same for five
 * frames in a row. */
static double
settled_value (Fixture       *fixture,
               GtkAdjustment *adjustment)
{
  for (guint tries = 0;; tries++)
    {
      Settling settling = { adjustment, -1, 0 };
      double upper = gtk_adjustment_get_upper (adjustment);
      guint tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->page), count_still_frames_cb, &settling, NULL);

      limber_test_wait_until (settled, &settling, 10);
      gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->page), tick);
      if (gtk_adjustment_get_upper (adjustment) == upper)
        return settling.value;
      g_assert_cmpuint (tries, <, 10);
    }
}

/* Whether the whole of @row is in the part of the list shown. */
static gboolean
row_in_view (Fixture       *fixture,
             GtkAdjustment *adjustment,
             GtkListBoxRow *row)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page_child (fixture, "scroller")));
  graphene_point_t row_top;

  /* The viewport's own coordinates: 0 is the top of what is shown. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), viewport, &GRAPHENE_POINT_INIT (0, 0), &row_top));
  return row_top.y >= 0 &&
         row_top.y + gtk_widget_get_height (GTK_WIDGET (row)) <= gtk_adjustment_get_page_size (adjustment);
}

/* Deleting a day far down the list leaves the list where it was, and the
 * focus on the day below. */
static void
test_delete_keeps_position (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *day = today (fixture);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_child (fixture, "scroller")));
  g_autofree char *next_day = NULL;
  GtkListBoxRow *row;
  GtkWidget *delete_button;
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page_child (fixture, "scroller")));
  double position = 1000, upper;
  gpointer args[2] = { adjustment, &position };
  guint tries = 0;

  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *earlier = limber_day_add (day, -i);
      g_autoptr (LimberPainEntry) entry = log_day (fixture, earlier, i % 11, 0, NULL);
    }
  reread_journal (fixture);
  g_assert_cmpuint (history_rows (fixture), ==, 30);
  limber_test_wait_until (can_scroll_to, args, 10);

  /* The row in the middle of the view, far from the top, with the day
   * below it in view too: then the focus can move down to it without
   * scrolling. The page may still be laying out when it is scrolled the
   * first time, so until both rows are in view it is scrolled again. */
  row = history_row (fixture, 10);
  next_day = g_strdup (g_object_get_data (G_OBJECT (history_row (fixture, 11)), "day"));
  delete_button = g_object_get_data (G_OBJECT (row), "delete-button");
  do
    {
      graphene_point_t row_top;

      g_assert_cmpuint (tries++, <, 10);
      settled_value (fixture, adjustment);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), viewport, &GRAPHENE_POINT_INIT (0, 0), &row_top));
      position = gtk_adjustment_get_value (adjustment) + row_top.y - gtk_adjustment_get_page_size (adjustment) / 2;
      g_assert_cmpfloat (position, >, 600);
      gtk_adjustment_set_value (adjustment, position);
      /* Laid out there before anything is focused. */
      settled_value (fixture, adjustment);
      gtk_widget_grab_focus (delete_button);
      /* Focusing the button may scroll a little to it: from where that
       * ends, the list must not move. */
      position = settled_value (fixture, adjustment);
    }
  while (!row_in_view (fixture, adjustment, row) || !row_in_view (fixture, adjustment, history_row (fixture, 11)));
  upper = gtk_adjustment_get_upper (adjustment);

  g_signal_emit_by_name (delete_button, "clicked");
  limber_test_sync_writer (fixture->context);
  g_assert_cmpuint (history_rows (fixture), ==, 29);
  args[1] = &upper;
  limber_test_wait_until (upper_below, args, 10);

  g_assert_cmpfloat_with_epsilon (settled_value (fixture, adjustment), position, 1);
  row = history_row (fixture, 10);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "day"), ==, next_day);
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (row));
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  user_data)
{
  LimberPainScale *average = scale (fixture, "average_scale");
  GtkWidget *revealer = page_child (fixture, "problem_revealer");
  GtkWidget *red_flags = editor_child (fixture, "red_flags_row");
  GtkWidget *check = find_widget (red_flags, GTK_TYPE_CHECK_BUTTON, NULL);
  GtkWidget *dismiss = find_widget (revealer, GTK_TYPE_BUTTON, NULL);

  gtk_test_accessible_assert_role (average, GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 10.0);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "Not set");
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "0 is No pain, 10 is Worst pain imaginable");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (average)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (average), "unset"));

  limber_pain_scale_set_value (average, 4);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 4.0);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "4 of 10");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (average), "unset"));
  limber_pain_scale_set_value (average, 0);
  gtk_test_accessible_assert_property (average, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "0 of 10: No pain");
  limber_pain_scale_set_value (scale (fixture, "activity_scale"), 10);
  gtk_test_accessible_assert_property (scale (fixture, "activity_scale"), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "10 of 10: Completely");

  /* An icon button says what it does, not “GtkImage”. */
  g_assert_nonnull (dismiss);
  gtk_test_accessible_assert_property (dismiss, GTK_ACCESSIBLE_PROPERTY_LABEL, "Dismiss the message");

  /* A warning sign is one stop, read once: its check box. */
  g_assert_nonnull (check);
  gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW))));
  g_assert_false (gtk_widget_get_focusable (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW)));

  gtk_test_accessible_assert_role (page_child (fixture, "status_label"), GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
test_red_flag_advice (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *row = editor_child (fixture, "red_flags_row");
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
  g_autofree char *day = today (fixture);
  g_autofree char *yesterday = limber_day_add (day, -1);
  g_autoptr (LimberPainEntry) entry = log_day (fixture, yesterday, 3, 0, "Long drive");
  g_autoptr (LimberPainEntry) back = NULL;
  GtkWidget *list = page_child (fixture, "history_list");
  GtkWidget *overlay = page_child (fixture, "toast_overlay");
  GtkWidget *delete_button, *undo_button;

  reread_journal (fixture);
  g_assert_cmpuint (history_rows (fixture), ==, 1);

  delete_button = find_widget (list, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (delete_button);
  g_signal_emit_by_name (delete_button, "clicked");
  g_assert_null (stored_entry (fixture, yesterday));
  g_assert_cmpuint (history_rows (fixture), ==, 0);

  undo_button = find_widget (overlay, GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");

  /* Back as it was, with its identity. */
  back = stored_entry (fixture, yesterday);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->uuid, ==, entry->uuid);
  g_assert_cmpstr (back->note, ==, "Long drive");
  g_assert_cmpuint (history_rows (fixture), ==, 1);
}

static gboolean
revealed (gpointer revealer)
{
  return gtk_revealer_get_reveal_child (revealer);
}

static void
test_damaged_journal_reported (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *path = journal_path (fixture);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *day = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  GtkWidget *revealer, *label;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a database at all", -1, NULL));
  open_page (fixture, path);

  revealer = page_child (fixture, "problem_revealer");
  label = page_child (fixture, "problem_label");
  /* Whichever connection got to the file first repaired it: the writer's
   * tells the page after the journal is open. */
  limber_test_wait_until (revealed, revealer, 10);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "damaged"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), ".damaged-"));

  /* A fresh journal took its place: logging works. */
  day = today (fixture);
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 2);
  stored = stored_entry (fixture, day);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 2);
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
 * today, unless the user was editing it: that stays with the day it was
 * for, no longer called today. */
static void
test_follows_day (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = journal_path (fixture);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autofree char *calendar_day = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *old_zone = NULL;
  GtkWidget *title, *today_button, *average_label;

  old_zone = use_morning_zone ();
  open_page (fixture, path);
  title = page_child (fixture, "day_title");
  today_button = page_child (fixture, "today_button");
  average_label = editor_child (fixture, "average_label");
  now = limber_clock_now (limber_context_get_clock (fixture->context));
  calendar_day = g_date_time_format (now, "%Y-%m-%d");
  yesterday = limber_day_add (calendar_day, -1);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, calendar_day);

  /* The day starts after this hour now: today is yesterday. */
  g_settings_set_uint (settings, "day-rollover-hour", g_date_time_get_hour (now) + 1);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, yesterday);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_false (gtk_widget_get_visible (today_button));

  /* Picked, then the day moves on: the form stays with its day, and
   * what was picked is in the journal for that day. */
  limber_pain_scale_set_value (scale (fixture, "average_scale"), 5);
  g_settings_set_uint (settings, "day-rollover-hour", 0);
  g_assert_cmpstr (limber_pain_entry_editor_get_day (editor_of (fixture)), ==, yesterday);
  g_assert_cmpint (limber_pain_scale_get_value (scale (fixture, "average_scale")), ==, 5);
  g_assert_false (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), "Today, "));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (average_label)), "Average pain on "));
  g_assert_true (gtk_widget_get_visible (today_button));

  stored = stored_entry (fixture, yesterday);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 5);
  /* It is an earlier day now. */
  g_assert_cmpuint (history_rows (fixture), ==, 1);

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
  /* Toasts come and go at once. libadwaita 1.2 can crash when a toast is
   * dismissed (its Undo pressed) while it is still sliding in, which a
   * test under load does and a person hardly can. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-page/log-today", test_log_today, NULL);
  ADD ("/journal-page/note-kept-on-close", test_note_kept_on_close, NULL);
  ADD ("/journal-page/note-kept-when-page-left", test_note_kept_when_page_left, NULL);
  ADD ("/journal-page/incomplete-entry-waits", test_incomplete_entry_waits, NULL);
  ADD ("/journal-page/unfinished-entry-on-close", test_unfinished_entry_on_close, NULL);
  ADD ("/journal-page/keyboard", test_keyboard, NULL);
  ADD ("/journal-page/average-raises-worst", test_average_raises_worst, NULL);
  ADD ("/journal-page/undo-restores-day", test_undo_restores_day, NULL);
  ADD ("/journal-page/earlier-day-headings", test_earlier_day_headings, NULL);
  ADD ("/journal-page/red-flags-in-history", test_red_flags_in_history, NULL);
  ADD ("/journal-page/delete-keeps-position", test_delete_keeps_position, NULL);
  ADD ("/journal-page/accessible", test_accessible, NULL);
  ADD ("/journal-page/red-flag-advice", test_red_flag_advice, NULL);
  ADD ("/journal-page/delete-and-undo", test_delete_and_undo, NULL);
  ADD ("/journal-page/damaged-journal-reported", test_damaged_journal_reported, "no-page");
  ADD ("/journal-page/follows-day", test_follows_day, "no-page");
  ADD ("/journal-page/details-saved", test_details_saved, NULL);
  ADD ("/journal-page/details-follow-day", test_details_follow_day, NULL);
  ADD ("/journal-page/life-change", test_life_change, NULL);
  ADD ("/journal-page/medication-word", test_medication_word, NULL);
  ADD ("/journal-page/fits-narrow", test_fits_narrow, NULL);
  ADD ("/journal-page/manage-factors", test_manage_factors, NULL);
  ADD ("/journal-page/details-keep-the-rest", test_details_keep_the_rest, NULL);
#undef ADD

  return g_test_run ();
}
