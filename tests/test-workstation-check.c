/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "limber-context.h"
#include "limber-today-page.h"
#include "limber-workstation.h"
#include "limber-workstation-check.h"

/* The desk check stores its answers at Done and only then, shows the
 * stored ones when opened again, and the Today page suggests what was
 * answered “not yet” and invites to look again after three months. */

#define DAY_S (24 * 60 * 60)

typedef struct
{
  GSettings              *settings;
  GSettings              *state;
  GtkWindow              *parent;
  LimberWorkstationCheck *check;
} Fixture;

static void
reset (GSettings *settings,
       GSettings *state)
{
  g_settings_reset (state, "workstation-not-yet");
  g_settings_reset (state, "workstation-checked");
  g_settings_reset (settings, "workstation-recheck");
}

static gboolean
gone (Fixture *fixture)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, fixture->check) == NULL;
}

static void
open_check (Fixture *fixture)
{
  fixture->check = g_object_ref (limber_workstation_check_new (fixture->parent, fixture->settings, fixture->state));
  gtk_window_present (GTK_WINDOW (fixture->check));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->state = g_settings_new (APP_ID ".State");
  reset (fixture->settings, fixture->state);
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->check != NULL && !gone (fixture))
    gtk_window_destroy (GTK_WINDOW (fixture->check));
  g_clear_object (&fixture->check);
  gtk_window_destroy (fixture->parent);
  reset (fixture->settings, fixture->state);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->settings);
}

static void
answer (Fixture    *fixture,
        const char *id,
        gboolean    yes)
{
  GtkToggleButton *button = limber_workstation_check_get_answer_button (fixture->check, id, yes);

  g_assert_nonnull (button);
  /* Clicked, as a person would. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_false (gtk_toggle_button_get_active (limber_workstation_check_get_answer_button (fixture->check, id, !yes)));
}

static GtkSwitch *
recheck_switch (Fixture *fixture)
{
  return GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (fixture->check), LIMBER_TYPE_WORKSTATION_CHECK,
                                                    "recheck_switch"));
}

/* Each answer button is named by its item and its answer, and reads as
 * a radio button whose state is said. */
static void
test_names (Fixture       *fixture,
            gconstpointer  user_data)
{
  const LimberWorkstationItem *items;
  gsize n;
  int width;

  open_check (fixture);
  items = limber_workstation_get_items (&n);
  for (gsize i = 0; i < n; i++)
    {
      GtkToggleButton *yes = limber_workstation_check_get_answer_button (fixture->check, items[i].id, TRUE);
      GtkToggleButton *not_yet = limber_workstation_check_get_answer_button (fixture->check, items[i].id, FALSE);
      g_autofree char *yes_name = g_strdup_printf ("%s: yes", items[i].title);
      g_autofree char *not_yet_name = g_strdup_printf ("%s: not yet", items[i].title);

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (yes)), ==, GTK_ACCESSIBLE_ROLE_RADIO);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (not_yet)), ==, GTK_ACCESSIBLE_ROLE_RADIO);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (yes)), ==, "Yes");
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (not_yet)), ==, "Not Yet");
      gtk_test_accessible_assert_property (yes, GTK_ACCESSIBLE_PROPERTY_LABEL, yes_name);
      gtk_test_accessible_assert_property (not_yet, GTK_ACCESSIBLE_PROPERTY_LABEL, not_yet_name);
      gtk_test_accessible_assert_state (yes, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_FALSE);
      g_signal_emit_by_name (yes, "clicked");
      gtk_test_accessible_assert_state (yes, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_TRUE);
      gtk_test_accessible_assert_state (not_yet, GTK_ACCESSIBLE_STATE_CHECKED, GTK_ACCESSIBLE_TRISTATE_FALSE);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (yes)))),
                       ==, GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
    }
  gtk_widget_get_size_request (GTK_WIDGET (fixture->check), &width, NULL);
  g_assert_cmpint (width, ==, 360);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->check)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->check)) == fixture->parent);
  g_assert_true (gtk_window_get_destroy_with_parent (GTK_WINDOW (fixture->check)));
}

/* Nothing is stored while answering; Done stores the “not yet” ids, the
 * time of the check and the reminder switch, and closes. */
static void
test_done (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_auto (GStrv) not_yet = NULL;
  gint64 before_s = g_get_real_time () / G_USEC_PER_SEC;
  gint64 checked_s;

  open_check (fixture);
  answer (fixture, "chair", TRUE);
  answer (fixture, "screen", FALSE);
  answer (fixture, "laptop", TRUE);
  answer (fixture, "elbows", TRUE);
  answer (fixture, "feet", TRUE);
  answer (fixture, "light", FALSE);
  /* Changed mind. */
  answer (fixture, "chair", FALSE);
  answer (fixture, "chair", TRUE);
  gtk_switch_set_active (recheck_switch (fixture), FALSE);

  not_yet = g_settings_get_strv (fixture->state, "workstation-not-yet");
  g_assert_cmpuint (g_strv_length (not_yet), ==, 0);
  g_assert_cmpint (g_settings_get_int64 (fixture->state, "workstation-checked"), ==, 0);
  g_assert_true (g_settings_get_boolean (fixture->settings, "workstation-recheck"));
  g_clear_pointer (&not_yet, g_strfreev);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->check), "workstation.done", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  not_yet = g_settings_get_strv (fixture->state, "workstation-not-yet");
  g_assert_cmpuint (g_strv_length (not_yet), ==, 2);
  g_assert_cmpstr (not_yet[0], ==, "screen");
  g_assert_cmpstr (not_yet[1], ==, "light");
  checked_s = g_settings_get_int64 (fixture->state, "workstation-checked");
  g_assert_cmpint (checked_s, >=, before_s);
  g_assert_cmpint (checked_s, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_false (g_settings_get_boolean (fixture->settings, "workstation-recheck"));
  g_assert_true (gone (fixture));
}

/* Escape is bound to closing, and closing stores nothing. */
static void
test_escape (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *stored[] = { "feet", NULL };
  g_autoptr (GListModel) controllers = NULL;
  g_auto (GStrv) not_yet = NULL;
  gboolean escape_closes = FALSE;

  g_settings_set_strv (fixture->state, "workstation-not-yet", stored);
  g_settings_set_int64 (fixture->state, "workstation-checked", 1000);
  open_check (fixture);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->check));
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

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "window.close"))
            escape_closes = TRUE;
        }
    }
  g_assert_true (escape_closes);

  answer (fixture, "feet", TRUE);
  answer (fixture, "chair", FALSE);
  gtk_switch_set_active (recheck_switch (fixture), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->check), "window.close", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gone (fixture));

  not_yet = g_settings_get_strv (fixture->state, "workstation-not-yet");
  g_assert_cmpstrv (not_yet, stored);
  g_assert_cmpint (g_settings_get_int64 (fixture->state, "workstation-checked"), ==, 1000);
  g_assert_true (g_settings_get_boolean (fixture->settings, "workstation-recheck"));
}

/* Opened again, it shows the stored answers: “not yet” for those stored,
 * “yes” for the rest; before any check, neither. */
static void
test_preselection (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *stored[] = { "laptop", "light", "no-such-item", NULL };
  const LimberWorkstationItem *items;
  gsize n;

  items = limber_workstation_get_items (&n);
  open_check (fixture);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_false (gtk_toggle_button_get_active (limber_workstation_check_get_answer_button (fixture->check, items[i].id, TRUE)));
      g_assert_false (gtk_toggle_button_get_active (limber_workstation_check_get_answer_button (fixture->check, items[i].id, FALSE)));
    }
  g_assert_true (gtk_switch_get_active (recheck_switch (fixture)));
  gtk_window_destroy (GTK_WINDOW (fixture->check));
  g_clear_object (&fixture->check);

  g_settings_set_strv (fixture->state, "workstation-not-yet", stored);
  g_settings_set_int64 (fixture->state, "workstation-checked", 1000);
  g_settings_set_boolean (fixture->settings, "workstation-recheck", FALSE);
  open_check (fixture);
  for (gsize i = 0; i < n; i++)
    {
      gboolean is_not_yet = g_str_equal (items[i].id, "laptop") || g_str_equal (items[i].id, "light");

      g_assert_cmpint (gtk_toggle_button_get_active (limber_workstation_check_get_answer_button (fixture->check, items[i].id, TRUE)),
                       ==, !is_not_yet);
      g_assert_cmpint (gtk_toggle_button_get_active (limber_workstation_check_get_answer_button (fixture->check, items[i].id, FALSE)),
                       ==, is_not_yet);
    }
  g_assert_false (gtk_switch_get_active (recheck_switch (fixture)));
}

/* The Today page */

static GtkWidget *
today_child (LimberTodayPage *page,
             const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), LIMBER_TYPE_TODAY_PAGE, name));
}

/* The first list box in @widget or below it. */
static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The titles of the rows of the desk group that are shown. */
static GPtrArray *
shown_rows (LimberTodayPage *page)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *list = find_list_box (today_child (page, "desk_group"));

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_visible (row))
      g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  return titles;
}

static void
test_today (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *stored[] = { "screen", "feet", NULL };
  const char *all_yes[] = { NULL };
  g_autoptr (LimberContext) context = limber_context_new (fixture->settings);
  GSettings *state = limber_context_get_state (context);
  LimberTodayPage *page = g_object_new (LIMBER_TYPE_TODAY_PAGE, "context", context, NULL);
  GtkWidget *group = today_child (page, "desk_group");
  GtkWidget *look_again = today_child (page, "look_again_row");
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GPtrArray) rows = NULL;

  gtk_window_set_child (fixture->parent, GTK_WIDGET (page));

  /* Never checked: nothing to say. */
  g_assert_false (gtk_widget_get_visible (group));

  /* Answered “not yet”: their tips, followed live. */
  g_settings_set_strv (state, "workstation-not-yet", stored);
  g_settings_set_int64 (state, "workstation-checked", now_s - 10 * DAY_S);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_false (gtk_widget_get_visible (look_again));
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, limber_workstation_lookup ("screen")->tip);
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, limber_workstation_lookup ("feet")->tip);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* All yes: the card goes. */
  g_settings_set_strv (state, "workstation-not-yet", all_yes);
  g_assert_false (gtk_widget_get_visible (group));
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Three months and more after the check: an invitation to look again. */
  g_settings_set_int64 (state, "workstation-checked", now_s - 100 * DAY_S);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_visible (look_again));
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Not with the reminder switched off. */
  g_settings_set_boolean (fixture->settings, "workstation-recheck", FALSE);
  g_assert_false (gtk_widget_get_visible (look_again));
  g_assert_false (gtk_widget_get_visible (group));
  g_settings_set_boolean (fixture->settings, "workstation-recheck", TRUE);
  g_assert_true (gtk_widget_get_visible (look_again));

  /* Nor just short of three months. */
  g_settings_set_int64 (state, "workstation-checked", now_s - 80 * DAY_S);
  g_assert_false (gtk_widget_get_visible (look_again));

  gtk_window_set_child (fixture->parent, NULL);
  reset (fixture->settings, state);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/workstation-check/names", Fixture, NULL, fixture_set_up, test_names, fixture_tear_down);
  g_test_add ("/workstation-check/done", Fixture, NULL, fixture_set_up, test_done, fixture_tear_down);
  g_test_add ("/workstation-check/escape", Fixture, NULL, fixture_set_up, test_escape, fixture_tear_down);
  g_test_add ("/workstation-check/preselection", Fixture, NULL, fixture_set_up, test_preselection, fixture_tear_down);
  g_test_add ("/workstation-check/today", Fixture, NULL, fixture_set_up, test_today, fixture_tear_down);

  return g_test_run ();
}
