/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "limber-factors-dialog.h"
#include "limber-journal-factors.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The Your Factors dialog on a real journal file: a factor added,
 * renamed, retired and brought back there is so in the journal, the days
 * it was ticked stay with it, a name the journal cannot take is refused
 * with a reason and nothing stored, and each change stored is signalled. */

typedef struct
{
  char          *dir;
  char          *path;
  LimberContext *context;
  GtkWindow     *parent;
  /* Weak: destroyed with the test. */
  GtkWindow     *dialog;
  guint          changes;
  /* A day before today on which heat was ticked. */
  char          *heat_day;
} Fixture;

static void
changed_cb (LimberFactorsDialog *dialog,
            Fixture             *fixture)
{
  fixture->changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) before = g_date_time_add_days (now, -3);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (LimberFactor) heat = NULL;

  fixture->dir = g_dir_make_tmp ("limber-factors-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);

  /* Heat ticked on a day, before the window opens the journal. */
  journal = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  heat = limber_journal_find_factor (journal, LIMBER_FACTOR_HEAT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (heat);
  fixture->heat_day = g_date_time_format (before, "%Y-%m-%d");
  g_ptr_array_add (done, limber_day_factor_new (fixture->heat_day, heat->uuid));
  g_assert_true (limber_journal_set_day_factors (journal, fixture->heat_day, done, now, &error));
  g_assert_no_error (error);
  g_clear_object (&journal);

  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, fixture->path);
  limber_test_wait_for_journal (fixture->context);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  fixture->dialog = GTK_WINDOW (limber_factors_dialog_new (fixture->parent, fixture->context));
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "factors-changed", G_CALLBACK (changed_cb), fixture);
  gtk_window_present (fixture->dialog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (fixture->dialog);
  gtk_window_destroy (fixture->parent);
  limber_test_sync_writer (fixture->context);
  limber_test_wait_until (limber_test_pointer_is_null, &fixture->dialog, 10);
  g_assert_finalize_object (fixture->context);
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->heat_day);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                   LIMBER_TYPE_FACTORS_DIALOG, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

/* The row in @group of the factor named @label: an entry row showing it
 * in use, an action row titled by it when retired. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *label)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (w) && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (w)), label))
        return w;
      if (ADW_IS_ACTION_ROW (w) && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), label))
        return w;
      if ((found = find_row (w, label)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
in_use_row (Fixture    *fixture,
            const char *label)
{
  return find_row (child (fixture, "in_use_group"), label);
}

static GtkWidget *
retired_row (Fixture    *fixture,
             const char *label)
{
  return find_row (child (fixture, "retired_group"), label);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return w;
      if ((found = find_button (w, label)) != NULL)
        return found;
    }
  return NULL;
}

/* The factors as the journal file holds them, through a connection of
 * its own, once every write asked for is done. */
static GPtrArray *
stored_factors (Fixture *fixture)
{
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *factors;

  limber_test_sync_writer (fixture->context);
  journal = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  factors = limber_journal_list_factors (journal, TRUE, &error);
  g_assert_no_error (error);
  return factors;
}

static const LimberFactor *
stored_factor (GPtrArray  *factors,
               const char *label)
{
  for (guint i = 0; i < factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, i);

      if (g_str_equal (limber_factor_get_label (factor), label))
        return factor;
    }
  return NULL;
}

/* The factor named @label, which must be there. */
static const LimberFactor *
must_factor (GPtrArray  *factors,
             const char *label)
{
  const LimberFactor *factor = stored_factor (factors, label);

  g_assert (factor != NULL);
  return factor;
}

/* Which factors were ticked on the heat day. */
static GPtrArray *
stored_day (Fixture *fixture)
{
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *done;

  journal = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  done = limber_journal_get_day_factors (journal, fixture->heat_day, &error);
  g_assert_no_error (error);
  return done;
}

static void
apply (GtkWidget  *row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_lists_factors (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (GPtrArray) factors = stored_factors (fixture);

  /* Every built-in, each by its label, and nothing retired yet. */
  g_assert_cmpuint (factors->len, ==, 9);
  for (guint i = 0; i < factors->len; i++)
    g_assert_nonnull (in_use_row (fixture, limber_factor_get_label (g_ptr_array_index (factors, i))));
  g_assert_false (gtk_widget_get_visible (child (fixture, "retired_group")));
  g_assert_cmpuint (fixture->changes, ==, 0);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  GtkWidget *add_row = child (fixture, "add_row");
  g_autoptr (GPtrArray) factors = NULL;
  const LimberFactor *stored;

  apply (add_row, "  Foam roller ");
  factors = stored_factors (fixture);
  stored = must_factor (factors, "Foam roller");
  g_assert_null (stored->builtin);
  g_assert_false (stored->retired);
  g_assert_cmpuint (fixture->changes, ==, 1);
  /* The field is ready for the next, and the new one is listed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_assert_nonnull (in_use_row (fixture, "Foam roller"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "add_problem_label")));
}

static void
test_invalid_name_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *add_row = child (fixture, "add_row");
  GtkWidget *problem = child (fixture, "add_problem_label");
  GtkWidget *in_use_problem = child (fixture, "in_use_problem_label");
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) renamed = NULL;

  apply (add_row, "Heat, then cold");
  factors = stored_factors (fixture);
  g_assert_cmpuint (factors->len, ==, 9);
  g_assert_null (stored_factor (factors, "Heat, then cold"));
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), !=, "");
  /* What was typed stays, to be put right. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "Heat, then cold");

  /* A rename the same: refused, said why, and the name shown again. */
  apply (in_use_row (fixture, "Massage"), "Massage, deep");
  renamed = stored_factors (fixture);
  g_assert_nonnull (stored_factor (renamed, "Massage"));
  g_assert_null (stored_factor (renamed, "Massage, deep"));
  g_assert_true (gtk_widget_get_visible (in_use_problem));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (in_use_problem)), !=, "");
  g_assert_nonnull (in_use_row (fixture, "Massage"));

  /* A name in use by another factor: the journal refuses it, and says
   * so. */
  apply (in_use_row (fixture, "Massage"), "Heat");
  g_clear_pointer (&renamed, g_ptr_array_unref);
  renamed = stored_factors (fixture);
  g_assert_nonnull (stored_factor (renamed, "Massage"));
  g_assert_true (gtk_widget_get_visible (in_use_problem));
  g_assert_nonnull (in_use_row (fixture, "Massage"));
  g_assert_cmpuint (fixture->changes, ==, 0);

  /* A good name clears the message. */
  apply (add_row, "Heat then cold");
  limber_test_sync_writer (fixture->context);
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_cmpuint (fixture->changes, ==, 1);
}

static void
test_rename_keeps_days (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) done = NULL;
  const LimberFactor *stored;

  apply (in_use_row (fixture, "Heat"), "Heat pack");
  factors = stored_factors (fixture);
  stored = must_factor (factors, "Heat pack");
  g_assert_cmpstr (stored->builtin, ==, LIMBER_FACTOR_HEAT);
  g_assert_null (stored_factor (factors, "Heat"));
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_nonnull (in_use_row (fixture, "Heat pack"));

  done = stored_day (fixture);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_cmpstr (((LimberDayFactor *) g_ptr_array_index (done, 0))->factor_uuid, ==, stored->uuid);
}

static void
test_retire_and_bring_back (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (GPtrArray) done = NULL;
  GtkWidget *retire;
  GtkWidget *bring_back;

  retire = find_button (in_use_row (fixture, "Heat"), "Retire");
  g_assert_nonnull (retire);
  g_signal_emit_by_name (retire, "clicked");
  factors = stored_factors (fixture);
  g_assert_true (must_factor (factors, "Heat")->retired);
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_null (in_use_row (fixture, "Heat"));
  g_assert_nonnull (retired_row (fixture, "Heat"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "retired_group")));

  /* Its days are kept. */
  done = stored_day (fixture);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_cmpstr (((LimberDayFactor *) g_ptr_array_index (done, 0))->factor_uuid, ==,
                   must_factor (factors, "Heat")->uuid);

  bring_back = find_button (retired_row (fixture, "Heat"), "Bring Back");
  g_assert_nonnull (bring_back);
  g_signal_emit_by_name (bring_back, "clicked");
  back = stored_factors (fixture);
  g_assert_false (must_factor (back, "Heat")->retired);
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_nonnull (in_use_row (fixture, "Heat"));
  g_assert_null (retired_row (fixture, "Heat"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "retired_group")));
}

static void
test_own_factor_lifecycle (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GPtrArray) factors = NULL;

  /* One of the person's own goes through the same: added, renamed,
   * retired; each change stored and signalled once. */
  apply (child (fixture, "add_row"), "Foam roller");
  limber_test_sync_writer (fixture->context);
  apply (in_use_row (fixture, "Foam roller"), "Foam roller, short");
  limber_test_sync_writer (fixture->context);
  g_assert_cmpuint (fixture->changes, ==, 1);
  apply (in_use_row (fixture, "Foam roller"), "Roller");
  limber_test_sync_writer (fixture->context);
  g_signal_emit_by_name (find_button (in_use_row (fixture, "Roller"), "Retire"), "clicked");
  factors = stored_factors (fixture);
  g_assert_true (must_factor (factors, "Roller")->retired);
  g_assert_null (stored_factor (factors, "Foam roller"));
  g_assert_cmpuint (fixture->changes, ==, 3);
  g_assert_nonnull (retired_row (fixture, "Roller"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Toasts come and go at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/factors-dialog/lists-factors", test_lists_factors);
  ADD ("/factors-dialog/add", test_add);
  ADD ("/factors-dialog/invalid-name-refused", test_invalid_name_refused);
  ADD ("/factors-dialog/rename-keeps-days", test_rename_keeps_days);
  ADD ("/factors-dialog/retire-and-bring-back", test_retire_and_bring_back);
  ADD ("/factors-dialog/own-factor-lifecycle", test_own_factor_lifecycle);
#undef ADD

  return g_test_run ();
}
