/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "limber-pain-entry.h"
#include "limber-setup-assistant.h"
#include "limber-setup.h"
#include "limber-test-util.h"

/* The first-run assistant: its steps come in order, what is chosen on
 * them reaches the settings only at Finish, a skipped step or a closed
 * assistant keeps every setting, and on a session bus without a tray
 * watcher the last step says that reminders come as notifications. */

static const char * const break_keys[] = {
  "micro-break-interval", "micro-break-duration", "rest-break-interval", "rest-break-duration",
};

static const char * const chosen_keys[] = {
  "micro-break-interval", "micro-break-duration", "rest-break-interval", "rest-break-duration",
  "pain-regions", "pain-reminder-enabled", "pain-reminder-time", "start-at-login",
};

typedef struct
{
  LimberContext        *context;
  GSettings            *settings;
  GSettings            *state;
  GtkWindow            *parent;
  LimberSetupAssistant *assistant;
} Fixture;

/* Whether the assistant is gone from the screen: finished or closed. */
static gboolean
gone (Fixture *fixture)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, fixture->assistant) == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = limber_context_new (fixture->settings);
  fixture->state = g_object_ref (limber_context_get_state (fixture->context));
  for (guint i = 0; i < G_N_ELEMENTS (chosen_keys); i++)
    g_settings_reset (fixture->settings, chosen_keys[i]);
  g_settings_reset (fixture->state, "setup-done");
  g_settings_reset (fixture->state, "start-at-login-asked");

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
  fixture->assistant = limber_setup_assistant_new (fixture->parent, fixture->context);
  g_object_ref (fixture->assistant);
  gtk_window_present (GTK_WINDOW (fixture->assistant));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (!gone (fixture))
    gtk_window_destroy (GTK_WINDOW (fixture->assistant));
  g_clear_object (&fixture->assistant);
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->assistant),
                                                   LIMBER_TYPE_SETUP_ASSISTANT, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

static void
click (Fixture    *fixture,
       const char *name)
{
  GtkWidget *button = child (fixture, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The row titled @title below @widget. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_row (c, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
activate_row (Fixture    *fixture,
              const char *title)
{
  AdwActionRow *row = find_row (GTK_WIDGET (fixture->assistant), title);

  g_assert_nonnull (row);
  g_assert_nonnull (adw_action_row_get_activatable_widget (row));
  gtk_widget_activate (adw_action_row_get_activatable_widget (row));
}

/* The toggle button of region @flag. */
static GtkToggleButton *
region_button (Fixture *fixture,
               guint    flag)
{
  guint n;
  const LimberFlagInfo *regions = limber_body_regions (&n);
  GtkWidget *box = child (fixture, "regions_box");

  for (guint i = 0; i < n; i++)
    if (regions[i].flag == flag)
      for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
        {
          GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));

          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), regions[i].label) == 0)
            return GTK_TOGGLE_BUTTON (button);
        }
  g_assert_not_reached ();
}

static void
assert_nothing_chosen (Fixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (chosen_keys); i++)
    {
      g_autoptr (GVariant) value = g_settings_get_user_value (fixture->settings, chosen_keys[i]);

      if (value != NULL)
        g_error ("%s was written: %s", chosen_keys[i], g_variant_print (value, TRUE));
    }
}

static void
test_pages_in_order (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char * const order[] = { "about", "safety", "regions", "rhythm", "log", "login", "reminders" };
  const LimberBreakPreset *frequent = limber_break_preset_lookup (LIMBER_SETUP_PRESET_FREQUENT);
  g_auto (GStrv) regions = NULL;
  g_auto (GStrv) expected_regions = limber_setup_regions_to_strv (LIMBER_BODY_REGION_NECK | LIMBER_BODY_REGION_MID_BACK);

  g_assert_nonnull (frequent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->assistant)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->assistant)) == fixture->parent);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, order[i]);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, order[i]);
      g_assert_true (gtk_widget_get_sensitive (child (fixture, "back_button")) == (i > 0));
      g_assert_true (gtk_widget_get_visible (child (fixture, "skip_button")) == (i + 1 < G_N_ELEMENTS (order)));

      if (g_str_equal (order[i], "regions"))
        {
          gtk_toggle_button_set_active (region_button (fixture, LIMBER_BODY_REGION_NECK), TRUE);
          gtk_toggle_button_set_active (region_button (fixture, LIMBER_BODY_REGION_MID_BACK), TRUE);
        }
      else if (g_str_equal (order[i], "rhythm"))
        activate_row (fixture, "Frequent");
      else if (g_str_equal (order[i], "log"))
        {
          gtk_switch_set_active (GTK_SWITCH (child (fixture, "log_switch")), TRUE);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "log_hour_spin")), 7);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (fixture, "log_minute_spin")), 30);
        }
      else if (g_str_equal (order[i], "login"))
        activate_row (fixture, "Start Limber when I log in");

      /* Nothing is written before Finish. */
      assert_nothing_chosen (fixture);
      g_assert_false (g_settings_get_boolean (fixture->state, "setup-done"));

      if (i + 1 < G_N_ELEMENTS (order))
        g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "next_button"))), ==, "_Next");
      else
        g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "next_button"))), ==, "_Finish");
      click (fixture, "next_button");
    }

  g_assert_true (gone (fixture));
  g_assert_true (g_settings_get_boolean (fixture->state, "setup-done"));
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "micro-break-interval"), ==, frequent->micro_break_interval_s);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "micro-break-duration"), ==, frequent->micro_break_duration_s);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "rest-break-interval"), ==, frequent->rest_break_interval_s);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "rest-break-duration"), ==, frequent->rest_break_duration_s);
  regions = g_settings_get_strv (fixture->settings, "pain-regions");
  g_assert_cmpstrv (regions, expected_regions);
  g_assert_true (g_settings_get_boolean (fixture->settings, "pain-reminder-enabled"));
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "pain-reminder-time"), ==, 7 * 60 + 30);
  g_assert_true (g_settings_get_boolean (fixture->settings, "start-at-login"));
  g_assert_true (g_settings_get_boolean (fixture->state, "start-at-login-asked"));
}

/* Choices made, then skipped: the skip wins, and every setting stays. */
static void
test_skipping_keeps_defaults (Fixture       *fixture,
                              gconstpointer  user_data)
{
  while (gtk_widget_get_visible (child (fixture, "skip_button")))
    {
      const char *step = limber_setup_assistant_get_step (fixture->assistant);

      if (g_str_equal (step, "regions"))
        gtk_toggle_button_set_active (region_button (fixture, LIMBER_BODY_REGION_NECK), TRUE);
      else if (g_str_equal (step, "rhythm"))
        activate_row (fixture, "Gentle");
      else if (g_str_equal (step, "log"))
        gtk_switch_set_active (GTK_SWITCH (child (fixture, "log_switch")), FALSE);
      else if (g_str_equal (step, "login"))
        activate_row (fixture, "Only when I open it");
      click (fixture, "skip_button");
    }
  g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, "reminders");
  click (fixture, "next_button");

  g_assert_true (gone (fixture));
  assert_nothing_chosen (fixture);
  g_assert_true (g_settings_get_boolean (fixture->state, "setup-done"));
  /* The start-at-login question was not answered: it is asked later. */
  g_assert_false (g_settings_get_boolean (fixture->state, "start-at-login-asked"));
}

/* Back goes back, and a step confirmed after a skip counts. */
static void
test_back (Fixture       *fixture,
           gconstpointer  user_data)
{
  click (fixture, "next_button");
  click (fixture, "next_button");
  click (fixture, "skip_button");
  g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, "rhythm");
  activate_row (fixture, "Gentle");
  click (fixture, "skip_button");
  click (fixture, "back_button");
  g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, "rhythm");
  click (fixture, "next_button");
  while (!gone (fixture))
    click (fixture, gtk_widget_get_visible (child (fixture, "skip_button")) ? "skip_button" : "next_button");

  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "micro-break-interval"), ==,
                    limber_break_preset_lookup (LIMBER_SETUP_PRESET_GENTLE)->micro_break_interval_s);
  for (guint i = 4; i < G_N_ELEMENTS (chosen_keys); i++)
    {
      g_autoptr (GVariant) value = g_settings_get_user_value (fixture->settings, chosen_keys[i]);

      g_assert_null (value);
    }
}

/* Closing, by the close button or Escape, keeps every setting and marks
 * set-up done, so that it does not come back by itself. */
static void
test_close_keeps_defaults (Fixture       *fixture,
                           gconstpointer  user_data)
{
  click (fixture, "next_button");
  click (fixture, "next_button");
  gtk_toggle_button_set_active (region_button (fixture, LIMBER_BODY_REGION_NECK), TRUE);
  click (fixture, "next_button");
  activate_row (fixture, "Frequent");
  click (fixture, "next_button");

  gtk_widget_activate_action (GTK_WIDGET (fixture->assistant), "window.close", NULL);
  g_assert_true (gone (fixture));
  assert_nothing_chosen (fixture);
  g_assert_true (g_settings_get_boolean (fixture->state, "setup-done"));
  for (guint i = 0; i < G_N_ELEMENTS (break_keys); i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (fixture->settings, break_keys[i]);
      g_autoptr (GVariant) default_value = g_settings_get_default_value (fixture->settings, break_keys[i]);

      g_assert_true (g_variant_equal (value, default_value));
    }
}

static gboolean
reminders_known (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *label = child (fixture, "reminders_label");

  return !g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), "…");
}

/* The tests' private session bus has no StatusNotifierWatcher. */
static void
test_no_tray_host (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *text;

  limber_test_wait_until (reminders_known, fixture, 10);
  text = gtk_label_get_text (GTK_LABEL (child (fixture, "reminders_label")));
  g_assert_nonnull (strstr (text, "no tray icons"));
  g_assert_nonnull (strstr (text, "notifications"));
  g_assert_nonnull (strstr (text, "AppIndicator"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/setup-assistant/pages-in-order", test_pages_in_order);
  ADD ("/setup-assistant/skipping-keeps-defaults", test_skipping_keeps_defaults);
  ADD ("/setup-assistant/back", test_back);
  ADD ("/setup-assistant/close-keeps-defaults", test_close_keeps_defaults);
  ADD ("/setup-assistant/no-tray-host", test_no_tray_host);
#undef ADD

  return g_test_run ();
}
