/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "limber-activity-monitor.h"
#include "limber-daemon-client.h"
#include "limber-test-util.h"
#include "limber-x11-monitor.h"

/* The activity monitors under a real Wayland compositor: Debian 12's
 * sway 1.7, headless, with Xwayland. It offers org_kde_kwin_idle and not
 * ext-idle-notify-v1, and its Xwayland's idle time sees none of the
 * typing into Wayland windows: a monitor reading that would call someone
 * typing away. Keys come from wtype, into a GTK window this program opens
 * as a Wayland client of its own (with --window). */

#define IDLE_THRESHOLD_S 2

typedef struct
{
  GSubprocess *sway;
  char        *runtime_dir;
  char        *wayland_display;
  char        *x_display;
} Session;

static Session session;
static char *test_program;

/* sway refuses to run as root. Run as root, the test gives it to nobody;
 * nobody's sway must also end with the test, however the test ends. */
static uid_t sway_uid;
static gid_t sway_gid;

static void
sway_child_setup_cb (gpointer user_data)
{
  if (getuid () != sway_uid &&
      (setgroups (0, NULL) != 0 || setgid (sway_gid) != 0 || setuid (sway_uid) != 0))
    _exit (126);
  /* Set after the change of user, which would clear it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
file_exists (gpointer user_data)
{
  return g_file_test (user_data, G_FILE_TEST_EXISTS);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Waits for a condition that no event of ours announces. */
static void
poll_until (LimberTestCondition condition,
            gpointer            user_data,
            guint               timeout_s)
{
  guint wake_id = g_timeout_add (50, wake_cb, NULL);

  limber_test_wait_until (condition, user_data, timeout_s);
  g_source_remove (wake_id);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (chown (path, sway_uid, sway_gid));
}

static void
start_sway (void)
{
  g_autofree char *sway = g_find_program_in_path ("sway");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *log = NULL;
  g_autofree char *displays = NULL;
  g_auto (GStrv) names = NULL;
  gboolean as_root = getuid () == 0;

  if (sway == NULL)
    return;

  sway_uid = getuid ();
  sway_gid = getgid ();
  if (as_root)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      sway_uid = nobody->pw_uid;
      sway_gid = nobody->pw_gid;
      /* The test's own directories are closed to other users. */
      session.runtime_dir = g_build_filename (P_tmpdir, "limber-sway-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp_full (session.runtime_dir, 0700));
      g_assert_no_errno (chown (session.runtime_dir, sway_uid, sway_gid));
    }
  else
    {
      session.runtime_dir = g_dir_make_tmp ("limber-sway-XXXXXX", &error);
      g_assert_no_error (error);
    }

  /* A bare seat: no bar, no wallpaper, one headless output, and
   * Xwayland, which lets in only its own user unless told otherwise. Once
   * running, sway says where it is. */
  config = g_build_filename (session.runtime_dir, "config", NULL);
  ready = g_build_filename (session.runtime_dir, "displays", NULL);
  if (as_root)
    {
      g_autofree char *xhost = g_find_program_in_path ("xhost");

      g_assert_nonnull (xhost);
    }
  contents = g_strdup_printf ("xwayland enable\n"
                              "exec sh -c '%s"
                              "echo \"$WAYLAND_DISPLAY $DISPLAY\" > \"$XDG_RUNTIME_DIR/displays.new\""
                              " && mv \"$XDG_RUNTIME_DIR/displays.new\" \"$XDG_RUNTIME_DIR/displays\"'\n",
                              as_root ? "xhost +si:localuser:root > /dev/null && " : "");
  write_file (config, contents);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_environ (launcher, (char *[]) { NULL });
  g_subprocess_launcher_setenv (launcher, "PATH",
                                g_getenv ("PATH") ? g_getenv ("PATH") : "/usr/bin:/bin", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", session.runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", session.runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "WLR_BACKENDS", "headless", TRUE);
  g_subprocess_launcher_setenv (launcher, "WLR_LIBINPUT_NO_DEVICES", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "WLR_RENDERER", "pixman", TRUE);
  log = g_build_filename (g_get_tmp_dir (), "sway.log", NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, sway_child_setup_cb, NULL, NULL);

  session.sway = g_subprocess_launcher_spawn (launcher, &error, sway, "-c", config, NULL);
  g_assert_no_error (error);
  g_test_message ("sway's log: %s", log);
  poll_until (file_exists, ready, 20);

  g_file_get_contents (ready, &displays, NULL, &error);
  g_assert_no_error (error);
  names = g_strsplit (g_strstrip (displays), " ", 2);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  /* By path: the test's own XDG_RUNTIME_DIR is elsewhere. */
  session.wayland_display = g_build_filename (session.runtime_dir, names[0], NULL);
  session.x_display = g_strdup (names[1]);
  g_assert_true (g_str_has_prefix (session.x_display, ":"));
}

static void
stop_sway (void)
{
  if (session.sway == NULL)
    return;

  g_subprocess_send_signal (session.sway, SIGTERM);
  g_subprocess_wait (session.sway, NULL, NULL);
  g_clear_object (&session.sway);

  limber_test_remove_tree (session.runtime_dir);
  g_clear_pointer (&session.runtime_dir, g_free);
  g_clear_pointer (&session.wayland_display, g_free);
  g_clear_pointer (&session.x_display, g_free);
}

/* What a sway session's processes see. */
static void
enter_sway_session (void)
{
  g_setenv ("WAYLAND_DISPLAY", session.wayland_display, TRUE);
  g_setenv ("DISPLAY", session.x_display, TRUE);
  g_setenv ("XDG_SESSION_TYPE", "wayland", TRUE);
}

static gboolean
skip_without_sway (void)
{
  if (session.sway != NULL)
    return FALSE;

  g_test_skip ("sway is not installed");
  return TRUE;
}

typedef struct
{
  guint  idle;
  guint  active;
  guint  events;
} Seen;

static void
idle_cb (LimberActivityMonitor *monitor,
         gint64                 since_us,
         Seen                  *seen)
{
  seen->idle++;
  seen->events++;
}

static void
active_cb (LimberActivityMonitor *monitor,
           Seen                  *seen)
{
  seen->active++;
  seen->events++;
}

static void
wait_for_events (Seen  *seen,
                 guint  events)
{
  limber_test_wait_for_count (&seen->events, events, 15);
}

/* sway 1.7 has no ext-idle-notify-v1: the pick takes org_kde_kwin_idle,
 * and never the X11 monitor, though Xwayland is there. */
static void
test_pick (void)
{
  g_autoptr (LimberActivityMonitor) monitor = NULL;

  if (skip_without_sway ())
    return;

  enter_sway_session ();
  monitor = limber_activity_monitor_pick (60);
  g_assert_nonnull (monitor);
  g_assert_cmpstr (limber_activity_monitor_get_name (monitor), ==, "kde-idle");
}

/* A Wayland session whose compositor cannot be asked (here, by a wrong
 * name): Xwayland is still there, and still not taken. */
static void
test_never_xwayland (void)
{
  g_autoptr (LimberActivityMonitor) x11 = NULL;

  if (skip_without_sway ())
    return;

  enter_sway_session ();
  g_setenv ("WAYLAND_DISPLAY", "limber-no-such-display", TRUE);
  g_assert_null (limber_activity_monitor_pick (60));

  g_unsetenv ("WAYLAND_DISPLAY");
  g_assert_null (limber_activity_monitor_pick (60));

  /* The same X display would serve an X11 session. */
  g_setenv ("XDG_SESSION_TYPE", "x11", TRUE);
  x11 = limber_activity_monitor_pick (60);
  g_assert_nonnull (x11);
  g_assert_cmpstr (limber_activity_monitor_get_name (x11), ==, "x11");
}

/* The GTK window, as told by its own output. */
typedef struct
{
  GSubprocess      *process;
  GDataInputStream *output;
  GCancellable     *cancellable;
  gboolean          mapped;
  char             *text;
} Window;

static void read_window_line (Window *window);

static void
window_line_cb (GObject      *stream,
                GAsyncResult *result,
                gpointer      user_data)
{
  Window *window = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, &error);
  /* Closed meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || window->output == NULL)
    return;
  g_assert_no_error (error);
  g_assert_nonnull (line);

  if (g_str_equal (line, "mapped"))
    window->mapped = TRUE;
  else if (g_str_has_prefix (line, "text "))
    {
      g_free (window->text);
      window->text = g_strdup (line + strlen ("text "));
    }
  read_window_line (window);
}

static void
read_window_line (Window *window)
{
  g_data_input_stream_read_line_async (window->output, G_PRIORITY_DEFAULT, window->cancellable,
                                       window_line_cb, window);
}

static void
open_window (Window *window)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "wayland", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  window->process = g_subprocess_launcher_spawn (launcher, &error, test_program, "--window", NULL);
  g_assert_no_error (error);
  window->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (window->process));
  window->cancellable = g_cancellable_new ();
  read_window_line (window);
  limber_test_wait_until (limber_test_flag_is_set, &window->mapped, 20);
}

static void
close_window (Window *window)
{
  g_cancellable_cancel (window->cancellable);
  g_subprocess_force_exit (window->process);
  g_subprocess_wait (window->process, NULL, NULL);
  g_clear_object (&window->process);
  g_clear_object (&window->output);
  g_clear_object (&window->cancellable);
  g_clear_pointer (&window->text, g_free);
}

/* Types one key now and then into the focused window, as someone at
 * work does. */
typedef struct
{
  GString *typed;
  guint    running;
  gint64   last_key_us;
  gint64   longest_pause_us;
} Typist;

static void
typed_cb (GObject      *process,
          GAsyncResult *result,
          gpointer      user_data)
{
  Typist *typist = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (process), result, &error);
  g_assert_no_error (error);
  typist->running--;
}

static void
type_key (Typist *typist)
{
  g_autoptr (GSubprocess) wtype = NULL;
  g_autoptr (GError) error = NULL;
  char key[2] = { 'a' + typist->typed->len % 26, '\0' };

  /* Each wtype brings a keyboard of its own: a key sent the moment it
   * appears can reach sway before its keymap has, and be lost. */
  wtype = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "wtype", "-s", "100", key, NULL);
  g_assert_no_error (error);
  if (typist->last_key_us != 0)
    typist->longest_pause_us = MAX (typist->longest_pause_us, g_get_monotonic_time () - typist->last_key_us);
  typist->last_key_us = g_get_monotonic_time ();
  g_string_append (typist->typed, key);
  typist->running++;
  g_subprocess_wait_check_async (wtype, NULL, typed_cb, typist);
}

static gboolean
type_key_cb (gpointer user_data)
{
  type_key (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
typist_done (gpointer user_data)
{
  return ((Typist *) user_data)->running == 0;
}

static gboolean
window_shows (gpointer user_data)
{
  Window *window = ((gpointer *) user_data)[0];
  Typist *typist = ((gpointer *) user_data)[1];

  return g_strcmp0 (window->text, typist->typed->str) == 0;
}

static gboolean
flag_after_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* An X11 monitor on Xwayland, as if this were an X11 session. */
static LimberActivityMonitor *
watch_xwayland (void)
{
  g_autoptr (LimberActivityMonitor) monitor = NULL;
  g_autoptr (GError) error = NULL;

  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("XDG_SESSION_TYPE", "x11", TRUE);
  monitor = g_object_new (LIMBER_TYPE_X11_MONITOR, NULL);
  LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (monitor, IDLE_THRESHOLD_S, &error);
  g_assert_no_error (error);
  enter_sway_session ();

  return g_steal_pointer (&monitor);
}

/* Typing into a Wayland window keeps the user at work past the
 * threshold; without input they are away after it, and back with the
 * next key. Xwayland's idle time says "away" all along, which is why a
 * Wayland session never uses it. */
static void
test_typing_keeps_active (void)
{
  g_autoptr (LimberActivityMonitor) monitor = NULL;
  g_autoptr (LimberActivityMonitor) xwayland = NULL;
  /* Outlives the test, for a line read after the window closed. */
  static Window window;
  Typist typist = { g_string_new (NULL), 0 };
  gpointer shown[] = { &window, &typist };
  gboolean worked = FALSE;
  Seen seen = { 0 };
  Seen xwayland_seen = { 0 };
  guint typing_id;

  if (skip_without_sway ())
    {
      g_string_free (typist.typed, TRUE);
      return;
    }

  enter_sway_session ();
  open_window (&window);
  /* sway gives the new window the keyboard. */
  type_key (&typist);
  limber_test_wait_until (typist_done, &typist, 10);
  limber_test_wait_until (window_shows, shown, 10);
  typist.last_key_us = 0;

  monitor = limber_activity_monitor_pick (IDLE_THRESHOLD_S);
  g_assert_nonnull (monitor);
  g_assert_cmpstr (limber_activity_monitor_get_name (monitor), ==, "kde-idle");
  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);
  xwayland = watch_xwayland ();
  g_signal_connect (xwayland, "idle", G_CALLBACK (idle_cb), &xwayland_seen);

  /* A key every 300 ms for twice the threshold and a half. */
  type_key (&typist);
  typing_id = g_timeout_add (300, type_key_cb, &typist);
  g_timeout_add (IDLE_THRESHOLD_S * 2500, flag_after_cb, &worked);
  limber_test_wait_until (limber_test_flag_is_set, &worked, 30);
  g_source_remove (typing_id);
  limber_test_wait_until (typist_done, &typist, 10);

  /* Every key reached the window, none long after the one before, and
   * the user never went away. */
  g_assert_cmpint (typist.longest_pause_us, <, IDLE_THRESHOLD_S * G_USEC_PER_SEC / 2);
  limber_test_wait_until (window_shows, shown, 10);
  g_assert_cmpuint (seen.events, ==, 0);
  g_assert_cmpuint (xwayland_seen.idle, ==, 1);

  /* Hands off the keyboard: away after the threshold. */
  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);

  /* A new threshold while away: the next key still brings the user
   * back, although the compositor's new watch never went idle. */
  limber_activity_monitor_set_idle_threshold (monitor, 60);
  type_key (&typist);
  wait_for_events (&seen, 2);
  g_assert_cmpuint (seen.active, ==, 1);
  limber_test_wait_until (typist_done, &typist, 10);
  limber_test_wait_until (window_shows, shown, 10);

  close_window (&window);
  g_string_free (typist.typed, TRUE);
}

static char *
monitor_of_daemon (GDBusConnection *bus)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  char *monitor;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  monitor = g_strdup (limber_breaks_get_monitor (breaks));
  limber_test_quit_daemon (bus);

  return monitor;
}

/* The daemon itself, started in the session, says what it watches; with
 * no Wayland idle protocol to use, that it watches nothing, and not
 * Xwayland. */
static void
test_daemon (void)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autofree char *monitor = NULL;
  g_autofree char *no_monitor = NULL;

  if (skip_without_sway ())
    return;

  bus = limber_test_get_bus ();
  enter_sway_session ();
  monitor = monitor_of_daemon (bus);
  g_assert_cmpstr (monitor, ==, "kde-idle");

  g_setenv ("WAYLAND_DISPLAY", "limber-no-such-display", TRUE);
  no_monitor = monitor_of_daemon (bus);
  g_assert_cmpstr (no_monitor, ==, "none");
}

/* --window: a Wayland window with one text field that says when it is
 * on screen and what was typed into it. */
static void
window_text_changed_cb (GtkEditable *editable)
{
  g_print ("text %s\n", gtk_editable_get_text (editable));
}

static void
window_mapped_cb (GtkWidget *window)
{
  g_print ("mapped\n");
}

static int
run_window (void)
{
  GtkWidget *window, *text;

  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  g_assert_true (GDK_IS_DISPLAY (gdk_display_get_default ()));

  window = gtk_window_new ();
  text = gtk_text_new ();
  gtk_window_set_child (GTK_WINDOW (window), text);
  g_signal_connect (text, "changed", G_CALLBACK (window_text_changed_cb), NULL);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (text);

  while (TRUE)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 2 && g_str_equal (argv[1], "--window"))
    return run_window ();
  test_program = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);
  start_sway ();

  g_test_add_func ("/sway/pick", test_pick);
  g_test_add_func ("/sway/never-xwayland", test_never_xwayland);
  g_test_add_func ("/sway/typing-keeps-active", test_typing_keeps_active);
  g_test_add_func ("/sway/daemon", test_daemon);

  status = g_test_run ();
  stop_sway ();
  g_free (test_program);
  return status;
}
