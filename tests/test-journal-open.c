/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "limber-application.h"
#include "limber-journal-history.h"
#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"
#include "limber-pain-scale.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"
#include "limber-trend-export.h"
#include "limber-trends-page.h"
#include "limber-window.h"

/* The journal is opened away from the main thread. The window is up
 * before it is open, and its pages fill in once it is; a journal that
 * cannot be opened is reported, by name; a request that is superseded,
 * or outlived by its context, has its journal closed unseen.
 *
 * The whole run is without a session bus, so the break timer can be
 * neither reached nor started: the window copes with both failing. The
 * slow opens are held back at a gate (limber-test-ui.h), never timed. */

/* The warnings that the missing bus brings, and only those, are not
 * fatal here. */
static guint no_bus_warnings;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && message != NULL &&
      ((g_strcmp0 (domain, "limber") == 0 && g_str_has_prefix (message, "No session bus: ")) ||
       (g_strcmp0 (domain, "Gtk") == 0 && g_str_has_prefix (message, "Unable to acquire session bus: "))))
    {
      no_bus_warnings++;
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
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

static gboolean
widget_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

/* The label under @root that reads @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), text) == 0)
        return w;
      if ((found = find_label (w, text)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct _App App;

struct _App
{
  LimberApplication *app;
  LimberWindow      *window;
  LimberContext     *context;
  GtkWidget         *journal_page;
  GtkWidget         *trends_page;
  /* Become NULL when the window and the context are finalized. */
  gpointer           window_gone;
  gpointer           context_gone;
  /* The test, run once the window is presented. */
  void             (*body) (App *app);
};

static gboolean
run_body_cb (gpointer user_data)
{
  App *app = user_data;

  app->body (app);
  /* The last window gone, the application quits. */
  gtk_window_destroy (GTK_WINDOW (app->window));
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *application,
              App          *app)
{
  g_assert_null (app->window);
  app->window = LIMBER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (LIMBER_IS_WINDOW (app->window));
  app->context = limber_window_get_context (app->window);
  app->journal_page = child (app->window, LIMBER_TYPE_WINDOW, "journal_page");
  app->trends_page = child (app->window, LIMBER_TYPE_WINDOW, "trends_page");
  app->window_gone = app->window;
  g_object_add_weak_pointer (G_OBJECT (app->window), &app->window_gone);
  app->context_gone = app->context;
  g_object_add_weak_pointer (G_OBJECT (app->context), &app->context_gone);
  g_idle_add (run_body_cb, app);
}

/* Runs `limber` as it starts from a launcher: the application's startup
 * asks for the journal, then the window is presented; @body runs in its
 * main loop. Once the window is closed the application ends, and the
 * window, the context and the application are all finalized. */
static void
run_app (void (*body) (App *app))
{
  const char *argv[] = { "limber", NULL };
  App app = { .body = body };
  gpointer application;

  app.app = limber_application_new ();
  g_signal_connect_after (app.app, "activate", G_CALLBACK (activated_cb), &app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app.app), 1, (char **) argv), ==, 0);

  g_assert_nonnull (app.window);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app.app)));
  limber_test_wait_until (limber_test_pointer_is_null, &app.window_gone, 10);
  /* Let go of by the application's shutdown. */
  g_assert_null (app.context_gone);

  application = app.app;
  g_object_add_weak_pointer (G_OBJECT (application), &application);
  g_clear_object (&app.app);
  g_assert_null (application);
}

static gboolean
journal_tab_needs_attention (App *app)
{
  GtkWidget *stack = child (app->window, LIMBER_TYPE_WINDOW, "stack");

  return adw_view_stack_page_get_needs_attention (adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                                           app->journal_page));
}

static const char *
save_status (App *app)
{
  return gtk_label_get_label (GTK_LABEL (child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "status_label")));
}

static LimberPainScale *
average_scale (App *app)
{
  GtkWidget *editor = child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "editor");

  return LIMBER_PAIN_SCALE (child (editor, LIMBER_TYPE_PAIN_ENTRY_EDITOR, "average_scale"));
}

/* The journal's folder is a file, and there is no bus: the window is up
 * all the same, and says what is wrong with the journal, naming it. */
static void
journal_and_daemon_unreachable (App *app)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "limber", NULL);
  g_autofree char *path = limber_journal_default_path ();
  GtkWidget *revealer, *label, *status_page;
  const char *text;

  limber_test_wait_until (widget_mapped, app->window, 30);
  limber_test_wait_for_journal (app->context);

  /* Neither the break timer ... */
  g_assert_cmpint (limber_context_get_daemon_state (app->context), ==, LIMBER_DAEMON_STATE_FAILED);
  g_assert_nonnull (limber_context_get_daemon_error (app->context));
  g_assert_null (limber_context_get_breaks (app->context));
  /* Limber's, and GtkApplication's. */
  g_assert_cmpuint (no_bus_warnings, ==, 2);

  /* ... nor the journal. */
  g_assert_cmpint (limber_context_get_journal_state (app->context), ==, LIMBER_JOURNAL_STATE_FAILED);
  g_assert_null (limber_context_get_journal (app->context));
  g_assert_cmpstr (limber_context_get_journal_path (app->context), ==, path);
  text = limber_context_get_journal_error (app->context);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, folder));
  g_assert_nonnull (strstr (text, "Not a directory"));

  /* The Journal tab asks to be looked at; the page says why, naming the
   * file; nothing can be saved. */
  g_assert_true (journal_tab_needs_attention (app));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->window), "win.show-page", "s", "journal"));
  g_assert_cmpstr (limber_window_get_page (app->window), ==, "journal");
  revealer = child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "problem_revealer");
  label = child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "problem_label");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  text = gtk_label_get_label (GTK_LABEL (label));
  g_assert_true (g_str_has_prefix (text, "The journal "));
  g_assert_nonnull (strstr (text, path));
  g_assert_nonnull (strstr (text, "could not be opened, so nothing can be saved."));
  g_assert_nonnull (strstr (text, "Not a directory"));
  limber_test_wait_until (widget_mapped, label, 30);

  /* A pick is kept by the writer, and the page says it is not in the
   * journal yet. */
  limber_pain_scale_set_value (average_scale (app), 4);
  limber_test_sync_writer (app->context);
  g_assert_true (g_str_has_prefix (save_status (app), "Kept, to be saved in the journal"));

  /* The Trends page says so too, instead of asking for entries. */
  status_page = child (app->trends_page, LIMBER_TYPE_TRENDS_PAGE, "status_page");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "The Journal Could Not Be Opened");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), path));
}

static void
test_journal_and_daemon_unreachable (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "limber", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (folder, "not a folder", -1, NULL));
  no_bus_warnings = 0;

  run_app (journal_and_daemon_unreachable);
  g_assert_cmpint (g_unlink (folder), ==, 0);
}

/* The window is up, and can be used, while the journal is still being
 * opened: the open is held back until the window is mapped. */
static void
window_before_journal (App *app)
{
  g_autoptr (LimberPainEntry) stored = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *revealer, *history, *status_page;
  LimberJournal *journal;

  limber_test_wait_until (widget_mapped, app->window, 30);
  /* The open was asked for, and it waits in a worker thread. */
  limber_test_wait_for_held_opens (1);

  g_assert_cmpint (limber_context_get_journal_state (app->context), ==, LIMBER_JOURNAL_STATE_OPENING);
  g_assert_null (limber_context_get_journal (app->context));
  g_assert_null (limber_context_get_journal_error (app->context));
  g_assert_false (journal_tab_needs_attention (app));

  /* The Journal page: no problem, the list says the journal is coming,
   * and what is typed cannot be saved yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->window), "win.show-page", "s", "journal"));
  limber_test_wait_until (widget_mapped, app->journal_page, 30);
  revealer = child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "problem_revealer");
  history = child (child (app->journal_page, LIMBER_TYPE_JOURNAL_PAGE, "history"),
                   LIMBER_TYPE_JOURNAL_HISTORY, "history_list");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (find_label (history, "Opening the journal…"));
  limber_pain_scale_set_value (average_scale (app), 4);

  status_page = child (app->trends_page, LIMBER_TYPE_TRENDS_PAGE, "status_page");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), ==, "Opening the journal…");

  limber_test_release_journal_open (0);
  limber_test_wait_for_journal (app->context);
  limber_test_stop_holding_journal_opens ();

  g_assert_cmpint (limber_context_get_journal_state (app->context), ==, LIMBER_JOURNAL_STATE_READY);
  journal = limber_context_get_journal (app->context);
  g_assert_nonnull (journal);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_null (find_label (history, "Opening the journal…"));
  g_assert_nonnull (find_label (history, "No earlier days logged yet"));

  /* What was picked meanwhile stayed, and went to the journal. */
  g_assert_cmpint (limber_pain_scale_get_value (average_scale (app)), ==, 4);
  limber_test_sync_writer (app->context);
  stored = limber_journal_get_pain_entry (journal,
                                          limber_clock_get_today (limber_context_get_clock (app->context)),
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 4);

  /* The Trends page no longer waits for the journal: shown again, it
   * has the day's entry in its chart. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->window), "win.show-page", "s", "trends"));
  limber_test_wait_until (widget_mapped, app->trends_page, 30);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (app->trends_page, LIMBER_TYPE_TRENDS_PAGE,
                                                                       "content_stack"))), ==, "chart");
}

static void
test_window_before_journal (void)
{
  limber_test_hold_journal_opens ();
  run_app (window_before_journal);
  limber_test_stop_holding_journal_opens ();
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

/* A second request supersedes the first: the first one's journal, open
 * after all, is closed unseen, and the context takes the second. A new
 * request lets go of the journal open now at once. */
static void
test_superseded (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-open-XXXXXX", &error);
  g_autofree char *first = g_build_filename (dir, "first.db", NULL);
  g_autofree char *second = g_build_filename (dir, "second.db", NULL);
  g_autofree char *in_the_way = g_build_filename (dir, "file", NULL);
  g_autofree char *unreachable = g_build_filename (in_the_way, "journal.db", NULL);
  LimberContext *context;
  guint journal_notified = 0;
  guint state_notified = 0;

  g_assert_no_error (error);
  limber_test_hold_journal_opens ();
  context = limber_context_new (settings);
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_NONE);
  g_signal_connect_swapped (context, "notify::journal", G_CALLBACK (count_cb), &journal_notified);
  g_signal_connect_swapped (context, "notify::journal-state", G_CALLBACK (count_cb), &state_notified);

  limber_context_open_journal (context, first);
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_OPENING);
  g_assert_cmpuint (state_notified, ==, 1);
  limber_test_wait_for_held_opens (1);
  limber_context_open_journal (context, second);
  g_assert_cmpstr (limber_context_get_journal_path (context), ==, second);
  limber_test_wait_for_held_opens (2);

  /* The first comes back after the second was asked for. */
  limber_test_release_journal_open (0);
  limber_test_wait_for_held_journals_finalized (1);
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_OPENING);
  g_assert_null (limber_context_get_journal (context));
  g_assert_cmpuint (journal_notified, ==, 0);
  g_assert_cmpuint (state_notified, ==, 1);

  limber_test_release_journal_open (1);
  limber_test_wait_for_journal (context);
  limber_test_stop_holding_journal_opens ();
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_READY);
  g_assert_cmpstr (limber_journal_get_path (limber_context_get_journal (context)), ==, second);
  g_assert_null (limber_context_get_journal_error (context));
  g_assert_cmpuint (journal_notified, ==, 1);
  g_assert_cmpuint (state_notified, ==, 2);

  /* Then one that cannot be opened. */
  g_assert_true (g_file_set_contents (in_the_way, "not a folder", -1, NULL));
  limber_context_open_journal (context, unreachable);
  g_assert_null (limber_context_get_journal (context));
  g_assert_cmpuint (limber_test_held_journals_finalized (), ==, 2);
  g_assert_cmpuint (journal_notified, ==, 2);
  limber_test_wait_for_journal (context);
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_FAILED);
  g_assert_nonnull (strstr (limber_context_get_journal_error (context), "cannot be created"));
  g_assert_cmpuint (journal_notified, ==, 2);
  g_assert_cmpuint (state_notified, ==, 4);

  g_assert_finalize_object (context);
  limber_test_remove_tree (dir);
}

/* A context let go of while its journal is being opened goes at once,
 * with the page on it; the journal, opened after all, is closed unseen. */
static void
test_disposed_while_opening (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-open-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  LimberContext *context;
  GtkWindow *window;
  GtkWidget *page;
  gpointer gone;

  g_assert_no_error (error);
  limber_test_hold_journal_opens ();
  context = limber_context_new (settings);
  limber_context_open_journal (context, path);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (LIMBER_TYPE_JOURNAL_PAGE, NULL);
  gtk_window_set_child (window, page);
  limber_journal_page_set_context (LIMBER_JOURNAL_PAGE (page), context);
  gtk_window_present (window);
  limber_test_wait_until (widget_mapped, window, 30);
  limber_test_wait_for_held_opens (1);

  gone = page;
  g_object_add_weak_pointer (G_OBJECT (page), &gone);
  gtk_window_destroy (window);
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);
  g_assert_finalize_object (context);

  limber_test_release_journal_open (0);
  limber_test_wait_for_held_journals_finalized (1);
  limber_test_stop_holding_journal_opens ();
  limber_test_remove_tree (dir);
}

/* A journal whose folder cannot be written (a read-only disk; root
 * ignores modes, so this test, in a mount namespace of its own, mounts it
 * read-only) is still shown: the window only reads through its journal,
 * and opens it for reading when it cannot be opened for writing. */
static void
test_read_only_folder (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-open-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (dir, "limber", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autoptr (LimberPainEntry) stored = NULL;
  LimberContext *context;

  g_assert_no_error (error);
  {
    g_autoptr (LimberJournal) journal = limber_journal_open (path, &error);
    g_autoptr (LimberPainEntry) entry = limber_pain_entry_new ("2026-11-20");
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();

    g_assert_no_error (error);
    entry->average = 6;
    g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
    g_assert_no_error (error);
  }
  if (!limber_test_mount_read_only (folder))
    {
      limber_test_remove_tree (dir);
      return;
    }

  context = limber_context_new (settings);
  limber_context_open_journal (context, path);
  limber_test_wait_for_journal (context);
  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_READY);
  g_assert_null (limber_context_get_journal_error (context));
  stored = limber_journal_get_pain_entry (limber_context_get_journal (context), "2026-11-20", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->average, ==, 6);
  g_assert_finalize_object (context);

  limber_test_unmount (folder);
  limber_test_remove_tree (dir);
}

typedef struct
{
  const LimberTrend *trend;
  const char        *path;
  GError            *error;
  gboolean           exported;
  gboolean           done;
} Export;

static gpointer
export_thread (gpointer user_data)
{
  Export *export = user_data;

  export->exported = limber_trend_export (export->trend, NULL, NULL, export->path, LIMBER_TREND_EXPORT_CSV,
                                          &export->error);
  g_atomic_int_set (&export->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gboolean
export_done (gpointer user_data)
{
  return g_atomic_int_get (&((Export *) user_data)->done);
}

/* Exports the trend as CSV to @path, in a thread of its own: a named
 * pipe opened for writing would hold it up for ever, and the test fails
 * instead of hanging. */
static gboolean
export_within (const LimberTrend  *trend,
               const char         *path,
               GError            **error)
{
  Export export = { trend, path };
  GThread *thread = g_thread_new ("export", export_thread, &export);

  limber_test_wait_until (export_done, &export, 10);
  g_thread_join (thread);
  if (export.error != NULL)
    g_propagate_error (error, export.error);
  return export.exported;
}

/* The trend export is the person's file: 0600 whether it is new or
 * replaced; anything but a regular file there is refused at once, with
 * its name; a link to a file is followed and stays. */
static void
test_trend_export_modes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-export-XXXXXX", &error);
  g_autofree char *journal_path = g_build_filename (dir, "journal.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.csv", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.csv", NULL);
  g_autofree char *pipe = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.csv", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.csv", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "nowhere.csv", NULL);
  g_autofree char *real = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberTrend) trend = NULL;
  g_autofree char *written = NULL;
  GStatBuf st;
  mode_t old_umask = umask (022);

  g_assert_no_error (error);
  journal = limber_journal_open (journal_path, &error);
  g_assert_no_error (error);
  trend = limber_trend_compute (journal, "2026-11-20", 1, G_DATE_MONDAY, &error);
  g_assert_no_error (error);

  g_assert_true (export_within (trend, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limber_test_mode (fresh), ==, 0600);

  g_assert_true (g_file_set_contents_full (existing, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_true (export_within (trend, existing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limber_test_mode (existing), ==, 0600);
  g_assert_true (g_file_get_contents (existing, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "day,logged,"));
  g_clear_pointer (&written, g_free);

  g_assert_no_errno (mkfifo (pipe, 0644));
  g_assert_false (export_within (trend, pipe, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, pipe));
  g_assert_nonnull (strstr (error->message, "it is a named pipe, not a file"));
  g_assert_no_errno (g_lstat (pipe, &st));
  g_assert_true (S_ISFIFO (st.st_mode));
  g_clear_error (&error);

  g_assert_no_errno (g_mkdir (folder, 0755));
  g_assert_false (export_within (trend, folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "it is a folder, not a file"));
  g_clear_error (&error);

  g_assert_no_errno (symlink (nowhere, dangling));
  g_assert_false (export_within (trend, dangling, &error));
  g_assert_nonnull (strstr (error->message, dangling));
  g_assert_nonnull (strstr (error->message, "which does not exist"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (real, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_no_errno (symlink ("real.csv", link));
  g_assert_true (export_within (trend, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (limber_test_mode (real), ==, 0600);
  g_assert_true (g_file_get_contents (real, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "day,logged,"));

  umask (old_umask);
  g_clear_object (&journal);
  limber_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_bus = NULL;

  g_log_set_writer_func (log_writer, NULL, NULL);
  /* Before anything looks for the bus: nothing listens there. */
  no_bus = g_strdup_printf ("unix:path=%s/no-bus-here", g_get_tmp_dir ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/journal-open/journal-and-daemon-unreachable", test_journal_and_daemon_unreachable);
  g_test_add_func ("/journal-open/window-before-journal", test_window_before_journal);
  g_test_add_func ("/journal-open/superseded", test_superseded);
  g_test_add_func ("/journal-open/disposed-while-opening", test_disposed_while_opening);
  g_test_add_func ("/journal-open/read-only-folder", test_read_only_folder);
  g_test_add_func ("/trend-export/modes", test_trend_export_modes);

  return g_test_run ();
}
