/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "limber-context.h"
#include "limber-illustration.h"
#include "limber-journal.h"
#include "limber-pain-scale.h"
#include "limber-stretch-window.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The guided stretch window on a real journal file and, for a due break,
 * the real daemon: a stretch whose steps ran out is kept as completed with
 * the seconds stretched and the pain given afterwards, one pressed through
 * with Next or stopped midway as not completed, one closed at once leaves
 * nothing behind, and a stretch for a break is the break. It counts down
 * before the first step, stops the clock while it asks whether to stop,
 * shows the other side's picture mirrored, and says what every control
 * and picture is. */

#define S ((gint64) G_USEC_PER_SEC)

typedef struct
{
  char          *dir;
  char          *journal_path;
  LimberContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-stretch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->journal_path = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, fixture->journal_path);
  limber_test_wait_for_journal (fixture->context);
  if (limber_context_get_journal (fixture->context) == NULL)
    g_error ("The journal did not open: %s", limber_context_get_journal_error (fixture->context));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->context);
  g_free (fixture->journal_path);
  g_free (fixture->dir);
}

/* @pointer becomes NULL when @window is gone, as it goes once it has
 * saved; set it up before the action that closes the window. */
static void
watch (LimberStretchWindow  *window,
       gpointer             *pointer)
{
  *pointer = window;
  g_object_add_weak_pointer (G_OBJECT (window), pointer);
}

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), LIMBER_TYPE_STRETCH_WINDOW, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

static const char *
page_of (LimberStretchWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack")));
}

/* Skips step by step to the finishing page. */
static void
step_to_end (LimberStretchWindow *window)
{
  guint steps = 0;

  while (g_strcmp0 (page_of (window), "running") == 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.next", NULL));
      g_assert_cmpuint (++steps, <, 50);
    }
  g_assert_cmpstr (page_of (window), ==, "finished");
}

/* Lets the session run out, every step on time: its clock is moved on an
 * hour, as if the person had followed along. */
static void
run_to_end (LimberStretchWindow *window)
{
  LimberRoutineSession *session = limber_stretch_window_get_session (window);

  limber_routine_session_tick (session, g_get_monotonic_time () + 3600 * S);
  g_assert_cmpstr (page_of (window), ==, "finished");
}

/* Done on the finishing page, which saves and closes the window. */
static void
press_done (LimberStretchWindow *window)
{
  gpointer gone = NULL;

  watch (window, &gone);
  g_signal_emit_by_name (child (window, "done_button"), "clicked");
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);
}

/* The seconds done of the journal's stretch sessions, read straight from
 * the file, as "88;". */
static char *
stored_seconds (Fixture *fixture)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  limber_test_sync_writer (fixture->context);
  g_assert_cmpint (sqlite3_open_v2 (fixture->journal_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seconds_done FROM stretch_session ORDER BY start_utc",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_string_append_printf (text, "%d;", sqlite3_column_int (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

/* The journal's stretch sessions as "activity completed seconds pain;"
 * read straight from the file. */
static char *
stored_sessions (Fixture *fixture)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  /* What the window saved is stored first. */
  if (fixture->context != NULL && limber_context_get_writer (fixture->context) != NULL)
    limber_test_sync_writer (fixture->context);

  g_assert_cmpint (sqlite3_open_v2 (fixture->journal_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT activity_id, completed, seconds_done > 0, pain_after"
                                       " FROM stretch_session ORDER BY start_utc",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s %s;",
                            (const char *) sqlite3_column_text (statement, 0),
                            sqlite3_column_int (statement, 1) ? "completed" : "stopped",
                            sqlite3_column_int (statement, 2) ? "timed" : "skipped",
                            sqlite3_column_type (statement, 3) == SQLITE_NULL
                              ? "-" : (const char *) sqlite3_column_text (statement, 3));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_assert_null (limber_stretch_window_new (NULL, fixture->context, "no-such-stretch", FALSE));
}

/* The dialog the window asked with, if any. */
static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        dialog = toplevel;
    }
  return dialog;
}

/* Answers Continue as its button does: the response, then the dialog
 * goes. */
static void
answer_continue (GtkWindow *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  gtk_window_destroy (dialog);
  g_assert_null (find_dialog ());
}

/* A routine left to run shows the finishing page; the pain given there
 * is kept with the completed stretch and the seconds the steps took. */
static void
test_finish (Fixture       *fixture,
             gconstpointer  user_data)
{
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "desk-reset", FALSE);
  g_autofree char *stored = NULL;
  g_autofree char *seconds = NULL;

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (page_of (window), ==, "running");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (window, "title"))), ==, "Desk reset");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (window, "title"))), ==, "Shoulder rolls");

  run_to_end (window);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (window, "finished_page"))), ==, "Well Done");
  /* Nothing is written before the person says Done. */
  stored = stored_sessions (fixture);
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  limber_pain_scale_set_value (LIMBER_PAIN_SCALE (child (window, "pain_after")), 2);
  press_done (window);

  stored = stored_sessions (fixture);
  g_assert_cmpstr (stored, ==, "desk-reset completed timed 2;");
  /* Shoulder rolls 10 × 3 s, chin tucks 10 holds of 2 s, the eye break
   * 20 s: the countdown, the relaxing and the rests are not stretching. */
  seconds = stored_seconds (fixture);
  g_assert_cmpstr (seconds, ==, "70;");
}

/* Next pressed through every step reaches the end, but the stretch was
 * not done: the finishing page says so, and the journal keeps it as not
 * completed. */
static void
test_next_through (Fixture       *fixture,
                   gconstpointer  user_data)
{
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "desk-reset", FALSE);
  g_autofree char *stored = NULL;

  gtk_window_present (GTK_WINDOW (window));
  step_to_end (window);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (window, "finished_page"))), ==,
                   "Stretch Ended");
  limber_pain_scale_set_value (LIMBER_PAIN_SCALE (child (window, "pain_after")), 4);
  press_done (window);

  stored = stored_sessions (fixture);
  if (!g_str_has_prefix (stored, "desk-reset stopped ") || !g_str_has_suffix (stored, " 4;"))
    g_error ("unexpected session %s", stored);
}

/* Five seconds to get ready before the first step, which Start Now
 * skips. */
static void
test_get_ready (Fixture       *fixture,
                gconstpointer  user_data)
{
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "wall-angels", FALSE);
  LimberRoutineSession *session = limber_stretch_window_get_session (window);
  GtkWidget *countdown = child (window, "countdown");
  GtkWidget *instruction = child (window, "instruction");
  gpointer gone = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (limber_routine_session_get_phase (session)->kind, ==, LIMBER_PHASE_GET_READY);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (instruction)), ==, "Get ready");
  g_assert_true (gtk_widget_get_visible (child (window, "start_now_button")));
  /* A large number, and what screen readers say for it. */
  g_assert_true (g_str_equal (gtk_label_get_label (GTK_LABEL (countdown)), "5") ||
                 g_str_equal (gtk_label_get_label (GTK_LABEL (countdown)), "4"));
  if (g_str_equal (gtk_label_get_label (GTK_LABEL (countdown)), "5"))
    gtk_test_accessible_assert_property (countdown, GTK_ACCESSIBLE_PROPERTY_LABEL, "Starting in 5 seconds");
  gtk_test_accessible_assert_property (instruction, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Get ready. First: Stand with your heels a hand away from a wall, "
                                       "your back and head against it.");

  g_signal_emit_by_name (child (window, "start_now_button"), "clicked");
  g_assert_cmpint (limber_routine_session_get_phase (session)->kind, ==, LIMBER_PHASE_STEP);
  g_assert_false (gtk_widget_get_visible (child (window, "start_now_button")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (instruction)), ==,
                   "Stand with your heels a hand away from a wall, your back and head against it.");
  gtk_test_accessible_assert_property (instruction, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stand with your heels a hand away from a wall, your back and head against it.");

  watch (window, &gone);
  gtk_window_close (GTK_WINDOW (window));
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);
}

/* The window is named after what it guides through, and its buttons say
 * what they do; Pause is pressed while paused. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  user_data)
{
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "wall-angels", FALSE);
  GtkWidget *pause = child (window, "pause_button");
  GtkWidget *picture = child (window, "illustration");
  gpointer gone = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Stretch: Wall angels");
  gtk_test_accessible_assert_property (child (window, "previous_button"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Previous step");
  gtk_test_accessible_assert_property (child (window, "next_button"), GTK_ACCESSIBLE_PROPERTY_LABEL, "Next step");
  gtk_test_accessible_assert_property (pause, GTK_ACCESSIBLE_PROPERTY_LABEL, "Pause");
  gtk_test_accessible_assert_state (pause, GTK_ACCESSIBLE_STATE_PRESSED, FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.toggle-pause", NULL));
  g_assert_true (limber_routine_session_is_paused (limber_stretch_window_get_session (window)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pause)));
  gtk_test_accessible_assert_state (pause, GTK_ACCESSIBLE_STATE_PRESSED, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.toggle-pause", NULL));
  gtk_test_accessible_assert_state (pause, GTK_ACCESSIBLE_STATE_PRESSED, FALSE);

  /* The picture says what it shows. */
  gtk_test_accessible_assert_property (picture, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "A person stands with the back against a wall, seen from the front, the arms "
                                       "raised in a W with the elbows bent; arrows show the arms sliding up the wall.");
  g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==,
                   "A person stands with the back against a wall, seen from the front, the arms "
                   "raised in a W with the elbows bent; arrows show the arms sliding up the wall.");

  watch (window, &gone);
  gtk_window_close (GTK_WINDOW (window));
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);
}

/* The picture is drawn for the right side; the left step shows it
 * mirrored, and says so. */
static void
test_mirrored_picture (Fixture       *fixture,
                       gconstpointer  user_data)
{
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "upper-trapezius", FALSE);
  LimberRoutineSession *session = limber_stretch_window_get_session (window);
  GtkPicture *picture = GTK_PICTURE (child (window, "illustration"));
  const char *description = "A person sits on a chair, seen from the front, and tilts the head far over toward "
                            "one shoulder, the hand on that side resting on top of the head and the other hand "
                            "holding the seat.";
  g_autofree char *right_name = g_strdup_printf ("Right side: %s", description);
  g_autofree char *left_name = g_strdup_printf ("Left side: %s", description);
  gpointer gone = NULL;

  gtk_window_present (GTK_WINDOW (window));
  /* The countdown shows the first step: the right side, as drawn. */
  g_assert_true (LIMBER_IS_ILLUSTRATION (gtk_picture_get_paintable (picture)));
  g_assert_false (limber_illustration_get_mirrored (LIMBER_ILLUSTRATION (gtk_picture_get_paintable (picture))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.next", NULL));
  g_assert_cmpint (limber_routine_session_get_phase (session)->step->side, ==, LIMBER_SIDE_RIGHT);
  g_assert_false (limber_illustration_get_mirrored (LIMBER_ILLUSTRATION (gtk_picture_get_paintable (picture))));
  gtk_test_accessible_assert_property (picture, GTK_ACCESSIBLE_PROPERTY_LABEL, right_name);
  gtk_test_accessible_assert_property (child (window, "instruction"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Right side: Hold the chair seat with your left hand. Tilt your right ear "
                                       "toward your right shoulder and rest your right hand on your head. Hold.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.next", NULL));
  g_assert_cmpint (limber_routine_session_get_phase (session)->step->side, ==, LIMBER_SIDE_LEFT);
  g_assert_true (limber_illustration_get_mirrored (LIMBER_ILLUSTRATION (gtk_picture_get_paintable (picture))));
  gtk_test_accessible_assert_property (picture, GTK_ACCESSIBLE_PROPERTY_LABEL, left_name);

  watch (window, &gone);
  gtk_window_close (GTK_WINDOW (window));
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);
}

/* Closing midway asks first, and the clock stands still while it asks:
 * Continue goes on from where it was, paused only if it was paused
 * before; Stop keeps what was done as not completed. */
static void
test_stop_midway (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gpointer gone = NULL;
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "wall-angels", FALSE);
  LimberRoutineSession *session = limber_stretch_window_get_session (window);
  g_autofree char *stored = NULL;
  GtkWindow *dialog;
  gint64 remaining;

  gtk_window_present (GTK_WINDOW (window));
  /* As if the first step had started ten seconds ago: it is done, and
   * the second 5 s in. Long enough to be worth keeping. */
  limber_routine_session_next (session, g_get_monotonic_time () - 10 * S);
  limber_routine_session_tick (session, g_get_monotonic_time ());
  g_assert_cmpuint (limber_routine_session_get_phase_index (session), ==, 2);

  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (limber_routine_session_is_paused (session));
  gtk_test_accessible_assert_state (child (window, "pause_button"), GTK_ACCESSIBLE_STATE_PRESSED, TRUE);
  remaining = limber_routine_session_get_remaining (session, g_get_monotonic_time ());
  g_assert_cmpint (limber_routine_session_get_remaining (session, g_get_monotonic_time () + 60 * S), ==, remaining);

  answer_continue (dialog);
  g_assert_false (limber_routine_session_is_paused (session));
  g_assert_cmpuint (limber_routine_session_get_phase_index (session), ==, 2);

  /* Paused first, it stays paused after Continue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.toggle-pause", NULL));
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  answer_continue (dialog);
  g_assert_true (limber_routine_session_is_paused (session));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "stretch.toggle-pause", NULL));

  gtk_window_close (GTK_WINDOW (window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  watch (window, &gone);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "stop");
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);

  stored = stored_sessions (fixture);
  g_assert_cmpstr (stored, ==, "wall-angels stopped timed -;");
}

/* Closed in the first seconds, a stretch was only a look: nothing is
 * kept. */
static void
test_close_at_once (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gpointer gone = NULL;
  LimberStretchWindow *window = limber_stretch_window_new (NULL, fixture->context, "cat-cow", FALSE);
  g_autofree char *stored = NULL;

  gtk_window_present (GTK_WINDOW (window));
  watch (window, &gone);
  gtk_window_close (GTK_WINDOW (window));
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);

  stored = stored_sessions (fixture);
  g_assert_cmpstr (stored, ==, "");
}

/* Ended before the window's journal is open, the stretch is stored all
 * the same: the writer opens the journal itself. */
static void
test_saved_while_journal_opens (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  LimberContext *context;
  LimberStretchWindow *window;
  g_autofree char *stored = NULL;

  limber_test_hold_journal_opens ();
  context = limber_context_new (settings);
  limber_context_open_journal (context, fixture->journal_path);
  limber_test_wait_for_held_opens (1);

  window = limber_stretch_window_new (NULL, context, "desk-reset", FALSE);
  gtk_window_present (GTK_WINDOW (window));
  run_to_end (window);
  limber_pain_scale_set_value (LIMBER_PAIN_SCALE (child (window, "pain_after")), 3);
  press_done (window);
  limber_test_sync_writer (context);

  g_assert_cmpint (limber_context_get_journal_state (context), ==, LIMBER_JOURNAL_STATE_OPENING);
  stored = stored_sessions (fixture);
  if (!g_str_has_prefix (stored, "desk-reset completed ") || !g_str_has_suffix (stored, " 3;"))
    g_error ("unexpected session %s", stored);

  limber_test_release_journal_open (0);
  limber_test_wait_for_journal (context);
  limber_test_stop_holding_journal_opens ();
  g_assert_finalize_object (context);
}

/* A context let go of right after a stretch ends still stores it: its
 * writer finishes the writes under way. */
static void
test_context_gone_keeps_stretch (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  LimberContext *context;
  LimberStretchWindow *window;
  g_autofree char *stored = NULL;

  limber_test_hold_journal_opens ();
  context = limber_context_new (settings);
  limber_context_open_journal (context, fixture->journal_path);
  limber_test_wait_for_held_opens (1);

  window = limber_stretch_window_new (NULL, context, "desk-reset", FALSE);
  gtk_window_present (GTK_WINDOW (window));
  run_to_end (window);
  press_done (window);
  g_assert_finalize_object (context);

  limber_test_release_journal_open (0);
  limber_test_wait_for_held_journals_finalized (1);
  limber_test_stop_holding_journal_opens ();

  stored = stored_sessions (fixture);
  g_assert_true (g_str_has_prefix (stored, "desk-reset completed "));
}

static gboolean
daemon_connected (gpointer user_data)
{
  return limber_context_get_breaks (user_data) != NULL;
}

typedef struct
{
  LimberBreaks *breaks;
  const char   *state;
} StateWait;

static gboolean
state_is (gpointer user_data)
{
  StateWait *wait = user_data;

  return g_strcmp0 (limber_breaks_get_state (wait->breaks), wait->state) == 0;
}

/* Started for a due break, the stretch is the break: the daemon is in
 * the break while it runs and out of it once it is done. */
static void
test_for_break (Fixture       *fixture,
                gconstpointer  user_data)
{
  LimberStretchWindow *window;
  StateWait wait = { NULL, "in-break" };

  limber_context_start_daemon (fixture->context);
  limber_test_wait_until (daemon_connected, fixture->context, 20);
  wait.breaks = limber_context_get_breaks (fixture->context);
  g_assert_cmpstr (limber_breaks_get_state (wait.breaks), !=, "in-break");

  window = limber_stretch_window_new (NULL, fixture->context, "shoulder-rolls", TRUE);
  gtk_window_present (GTK_WINDOW (window));
  limber_test_wait_until (state_is, &wait, 10);

  run_to_end (window);
  press_done (window);

  wait.state = "working";
  limber_test_wait_until (state_is, &wait, 10);

  limber_test_quit_daemon (limber_test_get_bus ());
}

/* The daemon's state as it answers now: calls made before on the same
 * connection, such as the window's, have been handled by then. */
static char *
state_now (LimberBreaks *breaks)
{
  GDBusProxy *proxy = G_DBUS_PROXY (breaks);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) state = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_sync (g_dbus_proxy_get_connection (proxy),
                                       g_dbus_proxy_get_name (proxy),
                                       g_dbus_proxy_get_object_path (proxy),
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", g_dbus_proxy_get_interface_name (proxy), "State"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &state);
  return g_variant_dup_string (state, NULL);
}

/* Closed before the routine is done, the stretch leaves the break to the
 * daemon, which ends it when its time is up: closing does not skip it. */
static void
test_for_break_closed_early (Fixture       *fixture,
                             gconstpointer  user_data)
{
  gpointer gone = NULL;
  LimberStretchWindow *window;
  StateWait wait = { NULL, "in-break" };
  g_autofree char *state = NULL;

  limber_context_start_daemon (fixture->context);
  limber_test_wait_until (daemon_connected, fixture->context, 20);
  wait.breaks = limber_context_get_breaks (fixture->context);

  window = limber_stretch_window_new (NULL, fixture->context, "shoulder-rolls", TRUE);
  gtk_window_present (GTK_WINDOW (window));
  limber_test_wait_until (state_is, &wait, 10);

  watch (window, &gone);
  gtk_window_close (GTK_WINDOW (window));
  limber_test_wait_until (limber_test_pointer_is_null, &gone, 10);

  state = state_now (wait.breaks);
  g_assert_cmpstr (state, ==, "in-break");

  limber_test_quit_daemon (limber_test_get_bus ());
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/stretch-window/unknown", Fixture, NULL, fixture_set_up, test_unknown, fixture_tear_down);
  g_test_add ("/stretch-window/finish", Fixture, NULL, fixture_set_up, test_finish, fixture_tear_down);
  g_test_add ("/stretch-window/next-through", Fixture, NULL, fixture_set_up, test_next_through, fixture_tear_down);
  g_test_add ("/stretch-window/get-ready", Fixture, NULL, fixture_set_up, test_get_ready, fixture_tear_down);
  g_test_add ("/stretch-window/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/stretch-window/mirrored-picture", Fixture, NULL, fixture_set_up, test_mirrored_picture,
              fixture_tear_down);
  g_test_add ("/stretch-window/stop-midway", Fixture, NULL, fixture_set_up, test_stop_midway, fixture_tear_down);
  g_test_add ("/stretch-window/close-at-once", Fixture, NULL, fixture_set_up, test_close_at_once, fixture_tear_down);
  g_test_add ("/stretch-window/saved-while-journal-opens", Fixture, NULL, fixture_set_up,
              test_saved_while_journal_opens, fixture_tear_down);
  g_test_add ("/stretch-window/context-gone-keeps-stretch", Fixture, NULL, fixture_set_up,
              test_context_gone_keeps_stretch, fixture_tear_down);
  g_test_add ("/stretch-window/for-break", Fixture, NULL, fixture_set_up, test_for_break, fixture_tear_down);
  g_test_add ("/stretch-window/for-break-closed-early", Fixture, NULL, fixture_set_up, test_for_break_closed_early,
              fixture_tear_down);

  return g_test_run ();
}
