/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "limber-pain-entry.h"
#include "limber-setup-assistant.h"
#include "limber-setup.h"
#include "limber-test-util.h"

/* The first-run assistant: its steps come in order, what is chosen on
 * them reaches the settings only at Finish, a skipped step or a closed
 * assistant keeps every setting, and on a session bus without a tray
 * watcher the last step says that reminders come as notifications; it
 * also says when notifications do not pop up, and where to change it. */

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
      /* The first step is only read, and the last is confirmed by Finish:
       * neither has anything to skip. */
      g_assert_true (gtk_widget_get_visible (child (fixture, "skip_button")) ==
                     (i > 0 && i + 1 < G_N_ELEMENTS (order)));

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
  g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, "about");
  click (fixture, "next_button");
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

/* The tests' private session bus has no StatusNotifierWatcher, but its
 * notification services can be started; nothing switches them off. */
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
  g_assert_false (gtk_widget_get_visible (child (fixture, "notifications_label")));
}

/* The first step is only read: Next, and nothing to skip or go back to. */
static void
test_first_step (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_assert_cmpstr (limber_setup_assistant_get_step (fixture->assistant), ==, "about");
  g_assert_false (gtk_widget_get_visible (child (fixture, "skip_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "back_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (fixture, "next_button"))), ==, "_Next");
}

/* The last step offers the desk check. */
static void
test_desk_check (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GtkWidget *desk = child (fixture, "desk_button");

  while (!g_str_equal (limber_setup_assistant_get_step (fixture->assistant), "reminders"))
    click (fixture, "next_button");
  g_assert_true (gtk_widget_get_mapped (desk));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (desk)), ==, "_Check Your Desk…");
}

/* The texts for each case, as the last step shows them. */
static void
test_reminders_texts (void)
{
  const char *where;
  const char *warning;

  limber_setup_reminders_texts (TRUE, LIMBER_NOTIFICATIONS_SHOWN, &where, &warning);
  g_assert_nonnull (strstr (where, "tray"));
  g_assert_nonnull (strstr (where, "notification"));
  g_assert_null (warning);

  /* No notification service: reminders cannot pop up, whatever the tray. */
  limber_setup_reminders_texts (TRUE, LIMBER_NOTIFICATIONS_NO_SERVER, &where, &warning);
  g_assert_nonnull (strstr (where, "cannot pop up"));
  g_assert_nonnull (strstr (where, "tray icon and the Today page"));
  g_assert_null (warning);
  limber_setup_reminders_texts (FALSE, LIMBER_NOTIFICATIONS_NO_SERVER, &where, &warning);
  g_assert_nonnull (strstr (where, "cannot pop up"));
  g_assert_nonnull (strstr (where, "only the Today page"));
  g_assert_nonnull (strstr (where, "AppIndicator"));
  g_assert_null (warning);

  limber_setup_reminders_texts (FALSE, LIMBER_NOTIFICATIONS_OFF_GNOME, &where, &warning);
  g_assert_nonnull (strstr (where, "no tray icons"));
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "switched off for Limber"));
  g_assert_nonnull (strstr (warning, "Settings → Notifications → Limber"));

  limber_setup_reminders_texts (FALSE, LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_GNOME, &where, &warning);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "Do Not Disturb"));

  limber_setup_reminders_texts (TRUE, LIMBER_NOTIFICATIONS_OFF_KDE, &where, &warning);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "switched off for Limber"));
  g_assert_nonnull (strstr (warning, "System Settings → Notifications"));

  limber_setup_reminders_texts (TRUE, LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_KDE, &where, &warning);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "Do Not Disturb"));
}

/* Plasma's settings file, in a configuration directory of its own. */
static char *
write_plasmanotifyrc (const char *contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-config-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "plasmanotifyrc", NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static void
remove_config (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "plasmanotifyrc", NULL);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_notifications_kde (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *dnd_on = g_date_time_format (tomorrow, "[DoNotDisturb]\nUntil=%Y,%-m,%-d,%-H,%-M,%-S\n");
  g_autofree char *dnd_over = g_date_time_format (yesterday, "[DoNotDisturb]\nUntil=%Y,%-m,%-d,%-H,%-M,%-S\n");
  struct
  {
    const char               *contents;
    LimberNotificationsState  state;
  } cases[] = {
    { "[Applications][io.github.limberapp.Limber]\nShowPopups=false\n", LIMBER_NOTIFICATIONS_OFF_KDE },
    { "[Applications][io.github.limberapp.Limber]\nShowPopups=true\n", LIMBER_NOTIFICATIONS_SHOWN },
    /* Another application's switch is not Limber's. */
    { "[Applications][org.kde.konsole]\nShowPopups=false\n", LIMBER_NOTIFICATIONS_SHOWN },
    { "[Applications]\nShowPopups=false\n", LIMBER_NOTIFICATIONS_SHOWN },
    { dnd_on, LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_KDE },
    { dnd_over, LIMBER_NOTIFICATIONS_SHOWN },
    { "", LIMBER_NOTIFICATIONS_SHOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = write_plasmanotifyrc (cases[i].contents);

      g_test_message ("plasmanotifyrc: %s", cases[i].contents);
      g_assert_cmpint (limber_setup_notifications_state (NULL, dir), ==, cases[i].state);
      remove_config (dir);
    }

  /* No file at all: nothing switched off. */
  g_assert_cmpint (limber_setup_notifications_state (NULL, "/nonexistent"), ==, LIMBER_NOTIFICATIONS_SHOWN);
}

/* GNOME's switches, through the tests' in-memory settings, where the
 * desktop's schemas are installed. */
static void
test_notifications_gnome (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchema) app_schema = NULL;
  g_autoptr (GSettings) notifications = NULL;
  g_autoptr (GSettings) app = NULL;
  g_autofree char *dir = write_plasmanotifyrc ("");

  if (source != NULL)
    {
      schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.notifications", TRUE);
      app_schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.notifications.application", TRUE);
    }
  if (schema == NULL || app_schema == NULL)
    {
      remove_config (dir);
      g_test_skip ("GNOME's notification settings are not installed");
      return;
    }
  notifications = g_settings_new_full (schema, NULL, NULL);
  app = g_settings_new_full (app_schema, NULL,
                             "/org/gnome/desktop/notifications/application/io-github-limberapp-limber/");

  g_assert_cmpint (limber_setup_notifications_state (source, dir), ==, LIMBER_NOTIFICATIONS_SHOWN);

  g_settings_set_boolean (notifications, "show-banners", FALSE);
  g_assert_cmpint (limber_setup_notifications_state (source, dir), ==, LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_GNOME);

  /* Switched off for Limber says more than Do Not Disturb. */
  g_settings_set_boolean (app, "enable", FALSE);
  g_assert_cmpint (limber_setup_notifications_state (source, dir), ==, LIMBER_NOTIFICATIONS_OFF_GNOME);
  g_settings_reset (notifications, "show-banners");
  g_assert_cmpint (limber_setup_notifications_state (source, dir), ==, LIMBER_NOTIFICATIONS_OFF_GNOME);

  /* Another application's switch is not Limber's. */
  g_settings_reset (app, "enable");
  {
    g_autoptr (GSettings) other = g_settings_new_full (app_schema, NULL,
                                                       "/org/gnome/desktop/notifications/application/org-gnome-nautilus/");

    g_settings_set_boolean (other, "enable", FALSE);
    g_assert_cmpint (limber_setup_notifications_state (source, dir), ==, LIMBER_NOTIFICATIONS_SHOWN);
    g_settings_reset (other, "enable");
  }
  remove_config (dir);
}

/* The assistant itself reads GNOME's switch for Limber and says so. */
static void
test_notifications_off_shown (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) app_schema = NULL;
  g_autoptr (GSettings) app = NULL;
  Fixture fixture = { 0 };
  GtkWidget *warning;

  if (source != NULL)
    app_schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.notifications.application", TRUE);
  if (app_schema == NULL)
    {
      g_test_skip ("GNOME's notification settings are not installed");
      return;
    }
  app = g_settings_new_full (app_schema, NULL,
                             "/org/gnome/desktop/notifications/application/io-github-limberapp-limber/");
  g_settings_set_boolean (app, "enable", FALSE);

  g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  fixture_set_up (&fixture, NULL);
  limber_test_wait_until (reminders_known, &fixture, 10);
  warning = child (&fixture, "notifications_label");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "Settings → Notifications → Limber"));
  fixture_tear_down (&fixture, NULL);

  /* GNOME's switch, left over, means nothing on another desktop. */
  g_setenv ("XDG_CURRENT_DESKTOP", "XFCE", TRUE);
  fixture_set_up (&fixture, NULL);
  limber_test_wait_until (reminders_known, &fixture, 10);
  g_assert_false (gtk_widget_get_visible (child (&fixture, "notifications_label")));
  fixture_tear_down (&fixture, NULL);
  g_unsetenv ("XDG_CURRENT_DESKTOP");
  g_settings_reset (app, "enable");
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* The window closed while the assistant still waits for the bus's
 * answers (is there a tray, a notification service): the assistant is
 * finalized with the window, before any answer comes back to a window
 * already freed. */
static void
test_closed_with_its_window (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (LimberContext) context = limber_context_new (settings);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *assistant = GTK_WINDOW (limber_setup_assistant_new (parent, context));
  gboolean parent_finalized = FALSE, assistant_finalized = FALSE;

  g_object_set_data_full (G_OBJECT (parent), "test-finalized", &parent_finalized, set_flag);
  g_object_set_data_full (G_OBJECT (assistant), "test-finalized", &assistant_finalized, set_flag);
  gtk_window_set_destroy_with_parent (assistant, TRUE);
  gtk_window_present (parent);
  gtk_window_present (assistant);

  gtk_window_destroy (parent);
  limber_test_wait_until (limber_test_flag_is_set, &parent_finalized, 10);
  limber_test_wait_until (limber_test_flag_is_set, &assistant_finalized, 10);
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
  ADD ("/setup-assistant/first-step", test_first_step);
  ADD ("/setup-assistant/desk-check", test_desk_check);
#undef ADD
  g_test_add_func ("/setup-assistant/closed-with-its-window", test_closed_with_its_window);
  g_test_add_func ("/setup-assistant/reminders-texts", test_reminders_texts);
  g_test_add_func ("/setup-assistant/notifications-kde", test_notifications_kde);
  g_test_add_func ("/setup-assistant/notifications-gnome", test_notifications_gnome);
  g_test_add_func ("/setup-assistant/notifications-off-shown", test_notifications_off_shown);

  return g_test_run ();
}
