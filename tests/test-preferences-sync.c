/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-clock-format.h"
#include "limber-journal-factors.h"
#include "limber-preferences-window.h"
#include "limber-sync.h"
#include "limber-sync-group.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The Sync group of Preferences on a real journal and a real folder:
 * off, it says so and lists no computer; on, it names the other
 * computers that wrote to the folder and when each was last seen; a
 * folder chosen sets the setting, one that cannot be used does not; Turn
 * Off asks first, and only its own button turns sync off. */

#define LAPTOP_ID  "4f6b2c1e-8d3a-4e5f-9a7b-1c2d3e4f5a6b"
#define DESKTOP_ID "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"

typedef struct
{
  char          *dir;
  char          *path;
  char          *folder;
  GSettings     *settings;
  LimberContext *context;
  /* Weak: destroyed with the test. */
  GtkWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-preferences-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "Shared", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "sync-folder", "");
}

/* Opens Preferences on the Journal page, where the group is. */
static void
open_window (Fixture *fixture)
{
  GtkWidget *page;

  fixture->context = limber_context_new (fixture->settings);
  limber_context_open_journal (fixture->context, fixture->path);
  limber_test_wait_for_journal (fixture->context);

  fixture->window = GTK_WINDOW (limber_preferences_window_new (NULL, fixture->context));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    LIMBER_TYPE_PREFERENCES_WINDOW, "journal_page"));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (fixture->window);
  /* The status read when the group is shown. */
  limber_test_sync_writer (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  if (fixture->context != NULL)
    {
      limber_test_sync_writer (fixture->context);
      limber_test_wait_until (limber_test_pointer_is_null, &fixture->window, 10);
      g_assert_finalize_object (fixture->context);
    }
  g_settings_set_string (fixture->settings, "sync-folder", "");
  g_clear_object (&fixture->settings);
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->folder);
}

static GtkWidget *
find_group (GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (LIMBER_IS_SYNC_GROUP (w))
        return w;
      if ((found = find_group (w)) != NULL)
        return found;
    }
  return NULL;
}

static LimberSyncGroup *
group (Fixture *fixture)
{
  GtkWidget *found = find_group (GTK_WIDGET (fixture->window));

  g_assert_nonnull (found);
  return LIMBER_SYNC_GROUP (found);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (group (fixture)),
                                                   LIMBER_TYPE_SYNC_GROUP, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

/* The shown action rows of @root and below, in order. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      if (!gtk_widget_get_visible (w))
        continue;
      if (ADW_IS_ACTION_ROW (w))
        g_ptr_array_add (rows, w);
      collect_rows (w, rows);
    }
}

static AdwActionRow *
find_row (Fixture    *fixture,
          const char *title)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group (fixture)), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
count_rows (Fixture *fixture)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (group (fixture)), rows);
  return rows->len;
}

static void
write_device (Fixture    *fixture,
              const char *id,
              const char *name,
              GDateTime  *last_seen)
{
  g_autofree char *dir = g_build_filename (fixture->folder, "limber", id, NULL);
  g_autoptr (GError) error = NULL;
  LimberSyncDevice device = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_strlcpy (device.device, id, sizeof device.device);
  device.name = (char *) name;
  device.last_seen_utc = g_date_time_to_unix (last_seen);
  device.last_seen_offset_s = (int) (g_date_time_get_utc_offset (last_seen) / G_TIME_SPAN_SECOND);
  g_assert_true (limber_sync_device_write (dir, &device, &error));
  g_assert_no_error (error);
}

static const char *
folder_subtitle (Fixture *fixture)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, "folder_row")));
}

static void
test_off (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  /* Another computer's files in a folder that this one does not use. */
  write_device (fixture, LAPTOP_ID, "laptop", now);
  open_window (fixture);

  g_assert_cmpstr (folder_subtitle (fixture), ==, "Off");
  g_assert_true (gtk_widget_get_visible (child (fixture, "choose_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "turn_off_button")));
  g_assert_null (find_row (fixture, "laptop"));
  /* The folder's row alone. */
  g_assert_cmpuint (count_rows (fixture), ==, 1);
}

typedef struct
{
  Fixture    *fixture;
  const char *title;
} RowWait;

static gboolean
row_is_shown (gpointer user_data)
{
  RowWait *wait = user_data;

  return find_row (wait->fixture, wait->title) != NULL;
}

static gboolean
row_is_gone (gpointer user_data)
{
  return !row_is_shown (user_data);
}

static void
test_other_computers (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) weeks_ago = g_date_time_add_days (now, -40);
  g_autoptr (GDateTime) now_s = g_date_time_new_from_unix_local (g_date_time_to_unix (now));
  g_autoptr (GDateTime) weeks_ago_s = g_date_time_new_from_unix_local (g_date_time_to_unix (weeks_ago));
  g_autoptr (GFile) folder = g_file_new_for_path (fixture->folder);
  g_autofree char *expected_laptop = limber_sync_describe_last_seen (now_s, now_s);
  g_autofree char *clock = limber_format_time_of_day (now_s);
  g_autofree char *setting = NULL;
  g_autoptr (GError) error = NULL;
  RowWait wait = { fixture, "laptop" };
  AdwActionRow *row;

  write_device (fixture, LAPTOP_ID, "laptop", now);
  write_device (fixture, DESKTOP_ID, "desktop at home", weeks_ago);
  open_window (fixture);

  /* As choosing the folder in the file chooser does. */
  g_assert_true (limber_sync_group_apply_folder (group (fixture), folder, &error));
  g_assert_no_error (error);
  setting = g_settings_get_string (fixture->settings, "sync-folder");
  g_assert_cmpstr (setting, ==, fixture->folder);

  limber_test_wait_until (row_is_shown, &wait, 10);
  g_assert_cmpstr (folder_subtitle (fixture), ==, fixture->folder);
  g_assert_false (gtk_widget_get_visible (child (fixture, "choose_button")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "change_button")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "turn_off_button")));

  row = find_row (fixture, "laptop");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected_laptop);
  g_assert_true (g_str_has_prefix (expected_laptop, "Last seen today at "));
  g_assert_true (g_str_has_suffix (expected_laptop, clock));

  row = find_row (fixture, "desktop at home");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Last seen on "));
  {
    g_autofree char *expected = limber_sync_describe_last_seen (weeks_ago_s, now_s);

    g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected);
  }

  /* This computer, by its name, not among the others. */
  g_assert_true (gtk_widget_get_visible (child (fixture, "this_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, "this_row"))), ==,
                   "This computer, which has not synced yet");
  g_assert_null (find_row (fixture, "No Other Computer Yet"));

  /* The folder goes away: sync is paused until it is back. */
  limber_test_remove_tree (fixture->folder);
  g_assert_false (g_file_test (fixture->folder, G_FILE_TEST_EXISTS));
  limber_sync_group_refresh (group (fixture));
  limber_test_wait_until (row_is_gone, &wait, 10);
  g_assert_true (gtk_widget_get_visible (child (fixture, "paused_row")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, "paused_row"))),
                            fixture->folder));
}

static void
test_folder_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *missing_path = g_build_filename (fixture->dir, "Gone", NULL);
  g_autofree char *file_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autoptr (GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr (GFile) file = g_file_new_for_path (file_path);
  g_autoptr (GFile) remote = g_file_new_for_uri ("https://example.org/sync/");
  g_autofree char *setting = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (file_path, "not a folder", -1, NULL));
  open_window (fixture);

  g_assert_false (limber_sync_group_apply_folder (group (fixture), missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (limber_sync_group_apply_folder (group (fixture), file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (limber_sync_group_apply_folder (group (fixture), remote, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  setting = g_settings_get_string (fixture->settings, "sync-folder");
  g_assert_cmpstr (setting, ==, "");
  g_assert_cmpstr (folder_subtitle (fixture), ==, "Off");
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

/* How many of this computer's changes wait to be written, as a journal
 * connection of its own reads it. */
static guint64
waiting (Fixture *fixture)
{
  g_autoptr (LimberJournal) journal = NULL;
  g_auto (LimberSyncStatus) status = { 0 };
  g_autoptr (GError) error = NULL;

  journal = limber_journal_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (limber_sync_status (journal, fixture->folder, &status, &error));
  g_assert_no_error (error);
  return status.waiting;
}

static void
test_turn_off (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) before = g_date_time_add_days (now, -2);
  g_autofree char *day = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *setting = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;

  /* A day's heat, written out to the folder by a first pass. */
  {
    g_autoptr (LimberJournal) journal = limber_journal_open (fixture->path, &error);
    g_autoptr (GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
    g_autoptr (LimberFactor) heat = NULL;
    g_auto (LimberSyncReport) report = { 0 };

    g_assert_no_error (error);
    heat = limber_journal_find_factor (journal, LIMBER_FACTOR_HEAT, &error);
    g_assert_no_error (error);
    g_ptr_array_add (done, limber_day_factor_new (day, heat->uuid));
    g_assert_true (limber_journal_set_day_factors (journal, day, done, now, &error));
    g_assert_no_error (error);
    limber_sync_report_init (&report);
    g_assert_true (limber_sync_run (journal, fixture->folder, now, &report, &error));
    g_assert_no_error (error);
    g_assert_false (report.paused);
    g_assert_cmpuint (report.written, >, 0);
  }
  g_assert_cmpuint (waiting (fixture), ==, 0);
  g_settings_set_string (fixture->settings, "sync-folder", fixture->folder);
  open_window (fixture);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (fixture, "this_row"))), ==,
                   "This computer");

  /* Cancel leaves it on. */
  g_signal_emit_by_name (child (fixture, "turn_off_button"), "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Turn Off Sync?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fixture->folder));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (find_message_dialog ());
  limber_test_sync_writer (fixture->context);
  setting = g_settings_get_string (fixture->settings, "sync-folder");
  g_assert_cmpstr (setting, ==, fixture->folder);
  g_clear_pointer (&setting, g_free);
  g_assert_cmpstr (folder_subtitle (fixture), ==, fixture->folder);
  g_assert_cmpuint (waiting (fixture), ==, 0);

  /* Turn Off clears the setting, and the journal forgets how far the
   * folder was written: turned on again, it writes everything anew. The
   * folder's files stay. */
  g_signal_emit_by_name (child (fixture, "turn_off_button"), "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "turn-off");
  gtk_window_close (GTK_WINDOW (dialog));
  limber_test_sync_writer (fixture->context);
  setting = g_settings_get_string (fixture->settings, "sync-folder");
  g_assert_cmpstr (setting, ==, "");
  g_assert_cmpstr (folder_subtitle (fixture), ==, "Off");
  g_assert_false (gtk_widget_get_visible (child (fixture, "this_row")));
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_cmpuint (waiting (fixture), >, 0);
  g_assert_true (g_file_test (fixture->folder, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *limber_dir = g_build_filename (fixture->folder, "limber", NULL);

    g_assert_true (g_file_test (limber_dir, G_FILE_TEST_IS_DIR));
  }
}

static void
test_describe_last_seen (void)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("UTC");
  g_autoptr (GDateTime) now = g_date_time_new (zone, 2026, 11, 30, 16, 0, 0);
  g_autoptr (GDateTime) this_morning = g_date_time_new (zone, 2026, 11, 30, 0, 5, 0);
  g_autoptr (GDateTime) last_night = g_date_time_new (zone, 2026, 11, 29, 23, 55, 0);
  g_autoptr (GDateTime) two_days = g_date_time_new (zone, 2026, 11, 28, 23, 55, 0);
  g_autoptr (GDateTime) last_year = g_date_time_new (zone, 2025, 12, 31, 12, 0, 0);
  g_autofree char *morning_clock = limber_format_time_of_day (this_morning);
  g_autofree char *night_clock = limber_format_time_of_day (last_night);
  g_autofree char *today = limber_sync_describe_last_seen (this_morning, now);
  g_autofree char *yesterday = limber_sync_describe_last_seen (last_night, now);
  g_autofree char *earlier = limber_sync_describe_last_seen (two_days, now);
  g_autofree char *older = limber_sync_describe_last_seen (last_year, now);
  g_autofree char *expected_today = g_strconcat ("Last seen today at ", morning_clock, NULL);
  g_autofree char *expected_yesterday = g_strconcat ("Last seen yesterday at ", night_clock, NULL);

  g_assert_cmpstr (today, ==, expected_today);
  g_assert_cmpstr (yesterday, ==, expected_yesterday);
  /* Days before that by their date, with the year when it is another. */
  g_assert_cmpstr (earlier, ==, "Last seen on 28 November");
  g_assert_cmpstr (older, ==, "Last seen on 31 December 2025");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/preferences-sync/describe-last-seen", test_describe_last_seen);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/preferences-sync/off", test_off);
  ADD ("/preferences-sync/other-computers", test_other_computers);
  ADD ("/preferences-sync/folder-refused", test_folder_refused);
  ADD ("/preferences-sync/turn-off", test_turn_off);
#undef ADD

  return g_test_run ();
}
