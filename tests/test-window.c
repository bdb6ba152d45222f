/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "limber-application.h"
#include "limber-autostart.h"
#include "limber-daemon-client.h"
#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"
#include "limber-pain-scale.h"
#include "limber-preferences-window.h"
#include "limber-test-util.h"
#include "limber-today-page.h"
#include "limber-window.h"

/* The window as a user meets it: started as the application, reaching the
 * daemon through its context, pages switched by their actions, the
 * preferences bound to GSettings, and gone without a trace when closed. */

/* One application for the whole run, as in a session: GApplication owns
 * its bus name until the process ends. Each test gets a new window. */
static LimberApplication *app;

typedef struct
{
  LimberApplication *app;
  LimberWindow      *window;
} Fixture;

static gboolean
daemon_settled (gpointer user_data)
{
  LimberContext *context = user_data;

  return limber_context_get_daemon_state (context) != LIMBER_DAEMON_STATE_CONNECTING;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Destroys @window and waits until it is finalized: nothing may keep a
 * closed window alive. */
static void
close_and_assert_finalized (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);
  limber_test_wait_until (limber_test_pointer_is_null, &weak, 10);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->app = app;
  g_application_activate (G_APPLICATION (fixture->app));

  fixture->window = LIMBER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (LIMBER_IS_WINDOW (fixture->window));
  limber_test_wait_until (daemon_settled, limber_window_get_context (fixture->window), 15);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_and_assert_finalized (GTK_WINDOW (fixture->window));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
}

static void
test_context_reaches_daemon (Fixture       *fixture,
                             gconstpointer  user_data)
{
  LimberContext *context = NULL;
  LimberBreaks *breaks;

  g_object_get (fixture->window, "context", &context, NULL);
  g_assert_true (context == limber_application_get_context (fixture->app));

  g_assert_cmpint (limber_context_get_daemon_state (context), ==, LIMBER_DAEMON_STATE_RUNNING);
  breaks = limber_context_get_breaks (context);
  g_assert_nonnull (breaks);
  g_assert_cmpstr (limber_breaks_get_version (breaks), ==, PACKAGE_VERSION);
  g_object_unref (context);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *pages[] = { "stretches", "journal", "trends", "today" };

  g_assert_cmpstr (limber_window_get_page (fixture->window), ==, "today");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", pages[i]);
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), action);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", pages[i]));
      g_assert_cmpstr (limber_window_get_page (fixture->window), ==, pages[i]);

      /* Each page has an Alt+number shortcut. */
      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_true (g_str_has_prefix (accels[0], "<Alt>"));
    }

  g_assert_false (limber_window_show_page (fixture->window, "no-such-page"));
  g_assert_cmpstr (limber_window_get_page (fixture->window), ==, "today");
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  user_data)
{
  LimberContext *context = limber_window_get_context (fixture->window);
  GSettings *settings = limber_context_get_settings (context);
  GtkWindow *preferences;
  GtkWidget *strict_switch, *interval_spin, *rest_duration_spin, *hour_spin, *minute_spin;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  preferences = find_toplevel (LIMBER_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->window));

#define CHILD_OF(window, name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), LIMBER_TYPE_PREFERENCES_WINDOW, name))
#define CHILD(name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences), LIMBER_TYPE_PREFERENCES_WINDOW, name))
  strict_switch = CHILD ("strict_switch");
  interval_spin = CHILD ("micro_interval_spin");
  rest_duration_spin = CHILD ("rest_duration_spin");
  hour_spin = CHILD ("pain_reminder_hour_spin");
  minute_spin = CHILD ("pain_reminder_minute_spin");

  /* It says how the daemon sees activity. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD_OF (preferences, "monitor_row"))), ==,
                   "keyboard and mouse input on X11");
  /* No panel in this session: it says what happens instead. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD_OF (preferences, "tray_row"))),
                                   "Not shown: this desktop has no tray."));
#undef CHILD
#undef CHILD_OF

  /* Widgets show the stored values in the units people think in. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (interval_spin)), ==, 25);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (hour_spin)), ==, 19);

  /* Changing a widget stores the setting, in seconds. */
  gtk_switch_set_active (GTK_SWITCH (strict_switch), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "strict-mode"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (interval_spin), 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "micro-break-interval"), ==, 30 * 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour_spin), 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute_spin), 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "pain-reminder-time"), ==, 7 * 60 + 45);

  /* Changing the setting updates the widget. */
  g_settings_set_uint (settings, "rest-break-duration", 600);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (rest_duration_spin)), ==, 10);

  /* Turning micro-breaks off greys out their rows. */
  g_settings_set_boolean (settings, "micro-break-enabled", FALSE);
  g_assert_false (gtk_widget_is_sensitive (interval_spin));
  g_settings_set_boolean (settings, "micro-break-enabled", TRUE);
  g_assert_true (gtk_widget_is_sensitive (interval_spin));

  close_and_assert_finalized (preferences);
  g_settings_reset (settings, "strict-mode");
}

static void
test_about_and_shortcuts (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  close_and_assert_finalized (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
}

static void
process_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *exited = user_data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL));
  *exited = TRUE;
}

static void
test_second_launch_raises_window (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char *argv[] = { LIMBER_BUILD_ROOT "/src/limber", "--page", "journal", NULL };
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *toplevels;
  gboolean exited = FALSE;
  guint windows = 0;

  second = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* The second launch hands over to this process and exits. */
  g_subprocess_wait_async (second, NULL, process_exited_cb, &exited);
  limber_test_wait_until (limber_test_flag_is_set, &exited, 30);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      windows += LIMBER_IS_WINDOW (window);
    }
  g_assert_cmpuint (windows, ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)) == GTK_WINDOW (fixture->window));

  /* It asked for the Journal page, as the tray's "Log Today's Pain" does. */
  g_assert_cmpstr (limber_window_get_page (fixture->window), ==, "journal");
}

static gboolean
daemon_running (gpointer user_data)
{
  return limber_context_get_daemon_state (LIMBER_CONTEXT (user_data)) == LIMBER_DAEMON_STATE_RUNNING;
}

static gboolean
daemon_stopped (gpointer user_data)
{
  return limber_context_get_daemon_state (LIMBER_CONTEXT (user_data)) == LIMBER_DAEMON_STATE_STOPPED;
}

/* Quit from the tray: the window notices, and its Start button (here the
 * context call behind it) brings the timer back. */
/* Quitting goes through each window's close: a Journal entry that cannot
 * be saved yet (no average) makes it ask, and Keep Editing keeps both
 * the window and the application. */
static void
test_quit_asks_first (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *page = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (fixture->window), LIMBER_TYPE_WINDOW, "journal_page");
  GtkWidget *editor = (GtkWidget *) gtk_widget_get_template_child (page, LIMBER_TYPE_JOURNAL_PAGE, "editor");
  GtkWidget *worst = (GtkWidget *) gtk_widget_get_template_child (editor, LIMBER_TYPE_PAIN_ENTRY_EDITOR, "worst_scale");
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "journal"));
  limber_pain_scale_set_value (LIMBER_PAIN_SCALE (worst), 6);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  adw_message_dialog_response (dialog, "keep");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (limber_pain_scale_get_value (LIMBER_PAIN_SCALE (worst)), ==, 6);
}

static void
test_daemon_quit_and_restart (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  LimberContext *context = limber_window_get_context (fixture->window);

  limber_test_quit_daemon (bus);
  limber_test_wait_until (daemon_stopped, context, 10);
  g_assert_null (limber_context_get_breaks (context));

  limber_context_start_daemon (context);
  limber_test_wait_until (daemon_running, context, 15);
  g_assert_cmpstr (limber_breaks_get_version (limber_context_get_breaks (context)), ==, PACKAGE_VERSION);
}

static GtkWidget *
today_child (Fixture    *fixture,
             const char *name)
{
  GtkWidget *page = NULL;

  for (GtkWidget *w = GTK_WIDGET (fixture->window); w != NULL; )
    {
      if (LIMBER_IS_TODAY_PAGE (w))
        {
          page = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (page);
  return GTK_WIDGET (gtk_widget_get_template_child (page, LIMBER_TYPE_TODAY_PAGE, name));
}

static gboolean
pause_label_is (gpointer user_data)
{
  gpointer *args = user_data;

  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (args[0])), args[1]) == 0;
}

/* The Today page counts down to the next breaks, and its buttons reach
 * the daemon. */
static void
test_today_countdowns (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *micro_row = today_child (fixture, "micro_row");
  GtkWidget *rest_row = today_child (fixture, "rest_row");
  GtkWidget *monitor_row = today_child (fixture, "monitor_row");
  GtkWidget *pause_button = today_child (fixture, "pause_button");
  gpointer resumed[] = { pause_button, (gpointer) "_Resume Reminders" };
  gpointer unpaused[] = { pause_button, (gpointer) "_Pause for an Hour" };

  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (micro_row)), "in 2"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (micro_row)), "(at "));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rest_row)), "in "));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (monitor_row)), ==, "keyboard and mouse input on X11");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (pause_button)), ==, "_Pause for an Hour");

  g_signal_emit_by_name (pause_button, "clicked");
  limber_test_wait_until (pause_label_is, resumed, 10);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (micro_row)), "after "));

  g_signal_emit_by_name (pause_button, "clicked");
  limber_test_wait_until (pause_label_is, unpaused, 10);
}

static gboolean
subtitle_has_prefix (gpointer user_data)
{
  gpointer *args = user_data;

  return g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (args[0])), args[1]);
}

static gboolean
subtitle_has (gpointer user_data)
{
  gpointer *args = user_data;

  return strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (args[0])), args[1]) != NULL;
}

/* During a break the Today page says so, with the time left, in the row
 * of the break under way, and offers End Break in place of Take a Break
 * Now; End Break ends it. */
static void
test_today_during_break (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *micro_row = today_child (fixture, "micro_row");
  GtkWidget *rest_row = today_child (fixture, "rest_row");
  GtkWidget *break_button = today_child (fixture, "break_button");
  GtkWidget *end_break_button = today_child (fixture, "end_break_button");
  gpointer on_break[] = { micro_row, (gpointer) "On a break, " };
  /* A full interval again: “in 25 min (at …)”, or, when nobody has
   * touched this X server for the idle threshold (slow runs), “after 25
   * min more of work”. */
  gpointer counting_again[] = { micro_row, (gpointer) "25 min" };
  const char *subtitle;
  char *end = NULL;
  gint64 left_s;

  g_assert_true (gtk_widget_is_visible (break_button));
  g_assert_false (gtk_widget_is_visible (end_break_button));

  g_signal_emit_by_name (break_button, "clicked");
  limber_test_wait_until (subtitle_has_prefix, on_break, 10);

  /* “On a break, 45 s left”, counting down from when the daemon ends it. */
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (micro_row));
  left_s = g_ascii_strtoll (subtitle + strlen ("On a break, "), &end, 10);
  g_assert_cmpint (left_s, >, 30);
  g_assert_cmpint (left_s, <=, 45);
  g_assert_cmpstr (end, ==, " s left");
  /* The rest break comes after more work; nothing says “0 s more”. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rest_row)), "after "));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rest_row)), " 0 s "));

  g_assert_false (gtk_widget_is_visible (break_button));
  g_assert_true (gtk_widget_is_visible (end_break_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (end_break_button)), ==, "_End Break");

  g_signal_emit_by_name (end_break_button, "clicked");
  limber_test_wait_until (subtitle_has, counting_again, 10);
  g_assert_true (gtk_widget_is_visible (break_button));
  g_assert_false (gtk_widget_is_visible (end_break_button));
  /* Working again, or away on a run slow enough for the idle threshold
   * to pass without input. */
  g_assert_cmpstr (limber_breaks_get_state (limber_context_get_breaks (limber_window_get_context (fixture->window))),
                   !=, "in-break");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), LIMBER_TYPE_WINDOW, name));
}

/* Start at login is the person's choice: nothing is written until they
 * say yes to the window's question, which then goes for good; the
 * autostart file runs the daemon alone, and turning the preference off
 * removes it. */
static void
test_start_at_login (Fixture       *fixture,
                     gconstpointer  user_data)
{
  LimberContext *context = limber_window_get_context (fixture->window);
  GSettings *settings = limber_context_get_settings (context);
  GSettings *state = limber_context_get_state (context);
  GtkRevealer *question = GTK_REVEALER (window_child (fixture, "start_at_login_revealer"));
  g_autofree char *path = limber_autostart_file ();
  g_autofree char *contents = NULL;
  const char *validate[] = { "desktop-file-validate", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  AdwMessageDialog *dialog;

  /* A first start: not switched on, and not asked behind the set-up
   * assistant, which asks it too; once that was closed without an
   * answer, the window asks. */
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_revealer_get_reveal_child (question));
  g_settings_set_boolean (state, "setup-done", TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (question));

  /* Not now: nothing written, and not asked again. */
  g_signal_emit_by_name (window_child (fixture, "start_at_login_no_button"), "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (question));
  g_assert_true (g_settings_get_boolean (state, "start-at-login-asked"));
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Yes: the file that starts the break timer alone. */
  g_settings_reset (state, "start-at-login-asked");
  g_assert_true (gtk_revealer_get_reveal_child (question));
  g_signal_emit_by_name (window_child (fixture, "start_at_login_yes_button"), "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (question));
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Exec=limber --background"));
  g_assert_cmpint (limber_test_run (validate, NULL, &out, &err), ==, 0);

  /* Preferences' switch, off and on. */
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "start-at-login", TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* What cannot be removed (here a folder in the file's place) is named
   * to the person, on the window. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Start at Login Not Turned Off");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_settings_reset (state, "setup-done");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = limber_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/context-reaches-daemon", test_context_reaches_daemon);
  ADD ("/window/today-countdowns", test_today_countdowns);
  ADD ("/window/today-during-break", test_today_during_break);
  ADD ("/window/pages", test_pages);
  ADD ("/window/preferences", test_preferences);
  ADD ("/window/about-and-shortcuts", test_about_and_shortcuts);
  ADD ("/window/second-launch-raises-window", test_second_launch_raises_window);
  ADD ("/window/quit-asks-first", test_quit_asks_first);
  ADD ("/window/daemon-quit-and-restart", test_daemon_quit_and_restart);
  ADD ("/window/start-at-login", test_start_at_login);
#undef ADD

  status = g_test_run ();

  bus = limber_test_get_bus ();
  if (limber_daemon_is_running (bus))
    limber_test_quit_daemon (bus);
  g_clear_object (&app);

  return status;
}
