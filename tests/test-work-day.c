/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "limber-daemon-client.h"
#include "limber-test-util.h"

/* A simulated work day, end to end.
 *
 * The real limber-daemon of this build tree runs on a clock that goes
 * RATE times faster than the real one (libfaketime), beside a real
 * notification server (dunst) and a real tray (xfce4-panel), and a person
 * played by xdotool works through a scripted day of seven and a half
 * hours in about 90 real seconds: work, postpones and skips chosen in
 * dunst's own menu, `limber break now` and `limber break skip`, a Start
 * that opens the guided window, a coffee break and a lunch long enough to
 * be breaks, a screen lock, a suspend, do-not-disturb from lunch until
 * half an hour after it, and two changes of time zone, the second of them
 * into the next day. A second, shorter day plays the morning again with
 * xfce4-notifyd, whose buttons xdotool clicks.
 *
 * What is checked, as it happens and at the end:
 *  - never more than one notification on screen (dunst's count, or
 *    xfce4-notifyd's windows, sampled every few milliseconds, and the
 *    notifications opened and not yet closed on the bus), and each
 *    break's warning and reminder are one notification updated in place;
 *  - every action takes effect: the state, the notification closed, the
 *    journal row;
 *  - no break stays under way longer than its length (plus a margin), and
 *    BreakEnd tells when it ends;
 *  - a break held back by do-not-disturb comes once when it ends;
 *  - the journal's break_event rows are exactly those the script implies;
 *  - today's active time matches what the person did, within a minute,
 *    and starts again when the time zone moves into the next day.
 *
 * Failures are collected rather than fatal, so that one run tells all
 * that went wrong; each says what was expected and what happened, and the
 * day's log (state changes, notifications, actions) follows them.
 *
 * Clocks. The daemon, the X server and the notification server run
 * accelerated. The X server must: the daemon's X11 activity monitor sets
 * XSync alarms on the server's IDLETIME counter, in the server's
 * milliseconds, so an idle threshold of 600 simulated seconds is 2 real
 * seconds only if the server's clock runs at the same rate. The
 * notification server must for its timeouts: a notification's expiry
 * races the daemon's update of it only when both count the same seconds.
 * The guided window the daemon opens inherits its LD_PRELOAD and
 * FAKETIME, and so its clock too: libfaketime 0.9.10 cannot leave a
 * program out (with FAKETIME_ONLY_CMDS or FAKETIME_SKIP_CMDS,
 * clock_gettime fails in the threads of a program it does not fake, and
 * GLib aborts with "GLib requires working CLOCK_MONOTONIC"). The window
 * is closed as soon as it is up. The panel, xdotool, `limber` on the
 * command line and this test run on the real clock. The test keeps its own account of simulated time from the real
 * monotonic clock: simulated seconds since 08:30 = real seconds since the
 * daemon was started x RATE. The daemon's own account starts when its
 * timer does, somewhat later (half a real second under ASan): TodayActive
 * gives its monotonic time then, and again at the first key after an
 * absence, which this test knows on its clock; that pair ties the two.
 *
 * Limits of the acceleration. Every timeout of the daemon shrinks with
 * its clock: GDBus waits 25 of its seconds for an answer, 83 real
 * milliseconds here, so a machine too busy for the notification server to
 * answer that fast fails the run. The server shows two notifications of
 * the test's own before the daemon starts (its first costs it most), the
 * test says so when it sees the server answer late (it times every
 * answer on the bus), and it runs alone in the suite.
 *
 * Sanitizers. A program built with AddressSanitizer refuses to start when
 * its runtime is not the first library loaded, and LD_PRELOAD comes
 * before the program's own libraries. When this test is itself built with
 * ASan (the asan setup builds everything with it), it finds the ASan
 * runtime it was loaded with in /proc/self/maps and preloads it before
 * libfaketime: LD_PRELOAD="libasan.so.N libfaketime.so.1". ASan's
 * interceptors then call through to libfaketime's clock functions, and the
 * daemon's reports still go where ASAN_OPTIONS (inherited) says. Programs
 * that are not ours never get the ASan runtime preloaded.
 *
 * Suspend. logind's PrepareForSleep(true/false) comes from a private
 * system bus on which this test owns org.freedesktop.login1. A real
 * suspend also stops CLOCK_MONOTONIC while CLOCK_BOOTTIME runs on; that
 * gap cannot be made here (libfaketime moves both alike), so the suspend
 * is the signal pair with the person away in between.
 *
 * Screen lock. This test owns org.gnome.ScreenSaver on the session bus
 * and emits ActiveChanged, as GNOME Shell does. */

/* Simulated seconds per real second: the day of about 7.6 hours takes
 * about 90 real seconds. The daemon's D-Bus calls time out after 25 of its
 * seconds, 83 real milliseconds at this rate; see EVENT_ANSWER. */
#define RATE 300

/* GDBus's default timeout, on the daemon's clock. */
#define DBUS_TIMEOUT_S 25

/* The settings of the day, in simulated seconds. */
#define MICRO_INTERVAL_S   (25 * 60)
#define MICRO_LENGTH_S     45
#define REST_INTERVAL_S    (60 * 60)
#define REST_LENGTH_S      (20 * 60)
#define WARNING_S          30
#define IDLE_THRESHOLD_S   (10 * 60)
#define POSTPONE_S         (10 * 60)
#define REPEAT_S           (5 * 60)

/* Tolerances, in simulated seconds. A real millisecond is 0.3 of them,
 * so these allow for a loaded machine: REACTION_S, for what should happen
 * at once, is 0.6 real seconds. */
#define REACTION_S         180
#define BREAK_MARGIN_S     120
#define ACTIVE_TOLERANCE_S 60
#define TIME_TOLERANCE_S   180

/* xdotool's pause between keystrokes, in real milliseconds. */
#define KEY_DELAY_MS       5

#define ZONE_START   "Europe/Berlin"
#define ZONE_MIDDAY  "Asia/Kolkata"
#define ZONE_NEXTDAY "Pacific/Kiritimati"

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"
#define WINDOW_NAME        APP_ID

static const char screensaver_xml[] =
  "<node>"
  "  <interface name='org.gnome.ScreenSaver'>"
  "    <method name='GetActive'><arg type='b' direction='out'/></method>"
  "    <method name='SetActive'><arg type='b' direction='in'/></method>"
  "    <method name='Lock'/>"
  "    <method name='GetActiveTime'><arg type='u' direction='out'/></method>"
  "    <signal name='ActiveChanged'><arg type='b'/></signal>"
  "  </interface>"
  "</node>";

static const char logind_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.login1.Manager'>"
  "    <method name='GetSession'><arg type='s' direction='in'/><arg type='o' direction='out'/></method>"
  "    <method name='GetSessionByPID'><arg type='u' direction='in'/><arg type='o' direction='out'/></method>"
  "    <signal name='PrepareForSleep'><arg type='b'/></signal>"
  "  </interface>"
  "</node>";

#define LOGIND_SESSION_PATH "/org/freedesktop/login1/session/c1"

typedef enum
{
  SERVER_DUNST,
  SERVER_XFCE4_NOTIFYD,
} Server;

typedef struct
{
  gint64 start_us;
  gint64 end_us;
} Interval;

typedef struct
{
  char   *kind;
  char   *outcome;
  char   *reminder;
  char   *day;
  int     offset_s;
  /* When it ended, in simulated seconds since the start. */
  double  end_min_s;
  double  end_max_s;
  int     duration_s;
  char   *why;
} Row;

/* A notification call seen on the bus, until the server answers it. */
typedef struct
{
  guint32 replaces;
  char   *summary;
} PendingNotify;

typedef enum
{
  EVENT_NOTIFY,
  EVENT_NOTIFY_REPLY,
  EVENT_CLOSE_CALL,
  EVENT_CLOSED,
  EVENT_ACTION,
  EVENT_LIMBER_CALL,
  EVENT_ANSWER,
} EventType;

typedef struct
{
  EventType type;
  gint64    real_us;
  char     *sender;
  char     *destination;
  guint32   serial;
  guint32   id;
  guint32   replaces;
  char     *text;
  char     *extra;
} BusEvent;

typedef struct
{
  /* The notification server. */
  Server           server_kind;

  /* Clocks: simulated 0 s is 08:30 in Berlin, when the daemon was started. */
  gint64           spawn_us;
  gint64           start_utc;
  gint64           counting_us;
  /* The daemon's clock against ours: its monotonic time when its timer
   * started, and one moment both know (the first key after an absence). */
  gint64           created_mono;
  gint64           anchor_real_us;
  gint64           anchor_mono;
  gint64           resumed_us;
  char            *local_day;
  int              local_offset_s;

  /* Files. */
  char            *dir;
  char            *zone_link;
  char            *data_dir;
  char            *want_file;
  char            *menu_file;
  char            *daemon_log;

  /* Processes. */
  GSubprocess     *xvfb;
  GSubprocess     *system_bus_daemon;
  GSubprocess     *server;
  GSubprocess     *panel;
  GSubprocess     *daemon;
  GSubprocess     *typist;
  char            *display;

  /* Buses. */
  GDBusConnection *bus;
  GDBusConnection *system_bus;
  char            *system_bus_address;
  GDBusConnection *monitor;
  LimberBreaks    *breaks;
  char            *server_owner;
  char            *daemon_owner;
  guint            screensaver_id;
  guint            logind_id;
  guint            screensaver_object_id;
  guint            logind_object_id;
  gboolean         screensaver_owned;
  gboolean         logind_owned;
  gboolean         locked;

  /* The person. */
  gboolean         typing;
  gint64           typing_stopped_us;
  GArray          *absences;
  /* Lock or suspend during the current absence: away whatever its length. */
  gboolean         absence_forced;

  /* What the daemon says. */
  char            *state;
  char            *due_break;
  gint64           in_break_since_us;
  char            *in_break_kind;
  gboolean         stuck_reported;
  GArray          *in_breaks;
  guint            n_due[2];
  gint64           last_due_us[2];
  gboolean         last_due_repeat[2];
  guint            n_warning;
  guint            n_in_break;
  gint64           last_in_break_us;

  /* The notifications. */
  guint            sample_id;
  gboolean         sample_in_flight;
  gint64           sampled_us;
  guint            displayed;
  guint            max_displayed;
  gboolean         over_reported;
  GHashTable      *pending;
  GHashTable      *live;
  guint            n_notify;
  guint            n_new_notifications;
  /* The last warning ("Break in 30 seconds") and reminder ("Time for a
   * break") shown. */
  guint32          warning_id;
  char            *last_actions;
  guint            n_reminders;
  guint32          reminder_id;
  guint32          reminder_replaces;
  guint            n_actions;
  char            *last_action;
  /* How long the server took to answer the daemon, in real ms. */
  guint            slowest_answer_ms;
  guint            n_late_answers;

  /* The guided window. */
  guint            window_watch;
  gboolean         window_up;
  char            *window_cmdline;

  GPtrArray       *log;
  GPtrArray       *failures;
  GArray          *expected;
} Day;

static Day day;

static const char *
server_name (void)
{
  return day.server_kind == SERVER_DUNST ? "dunst" : "xfce4-notifyd";
}

static gboolean
program_exists (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Simulated seconds since 08:30 at the real monotonic time @real_us. */
static double
sim_at (gint64 real_us)
{
  return (double) (real_us - day.spawn_us) * RATE / G_USEC_PER_SEC;
}

static double
sim_now (void)
{
  return sim_at (g_get_monotonic_time ());
}

/* "t+01:23:45 (09:53)": the simulated time since the start, and the clock
 * in Berlin, for the log. */
static char *
format_sim (double sim_s)
{
  gint64 s = (gint64) sim_s;
  gint64 clock = s + 8 * 3600 + 30 * 60;

  return g_strdup_printf ("t+%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT " (%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT " CET)",
                          s / 3600, (s / 60) % 60, s % 60, (clock / 3600) % 24, (clock / 60) % 60);
}

static void G_GNUC_PRINTF (1, 2)
note (const char *format,
      ...)
{
  g_autofree char *when = format_sim (day.spawn_us ? sim_now () : 0);
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (day.log, g_strdup_printf ("%s  %s", when, text));
  g_test_message ("%s  %s", when, text);
}

/* A failed expectation: kept, and the day goes on. */
static gboolean G_GNUC_PRINTF (2, 3)
check (gboolean    ok,
       const char *format,
       ...)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  va_list args;

  if (ok)
    return TRUE;

  when = format_sim (day.spawn_us ? sim_now () : 0);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (day.failures, g_strdup_printf ("%s  %s", when, text));
  note ("FAILED: %s", text);
  return FALSE;
}

/* ----------------------------------------------------------------------
 * Processes
 * ---------------------------------------------------------------------- */

/* Every helper dies with the test, also when it aborts. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* Our fatal warnings are for Limber's code, not for other programs'. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  /* Everything goes to the accelerated X server. */
  if (day.display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", day.display, TRUE);
  return launcher;
}

static void
stop_process (GSubprocess **process)
{
  if (*process == NULL)
    return;
  if (!g_subprocess_get_identifier (*process))
    {
      g_clear_object (process);
      return;
    }
  /* A stopped process cannot act on SIGTERM. */
  kill (atoi (g_subprocess_get_identifier (*process)), SIGCONT);
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static char *
read_line_from_fd (int fd)
{
  GString *line = g_string_new (NULL);
  char c;

  while (read (fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  return g_string_free (line, line->len == 0);
}

/* An X server of its own on the accelerated clock; see the top. */
static void
start_x_server (const char *faketime)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autofree char *rate = g_strdup_printf ("+0 x%d", RATE);
  g_autofree char *number = NULL;
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", faketime, TRUE);
  g_subprocess_launcher_setenv (launcher, "FAKETIME", rate, TRUE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  /* -r: no key repeat, as a key held while xdotool is stopped would
   * otherwise type on; -dumbSched: no scheduling timer signals. */
  day.xvfb = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3",
                                          "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                                          "-noreset", "-r", "-dumbSched", "-s", "0", "-dpms", NULL);
  g_assert_no_error (error);
  number = read_line_from_fd (fds[0]);
  close (fds[0]);
  g_assert_nonnull (number);
  day.display = g_strconcat (":", number, NULL);
  note ("Accelerated X server on %s", day.display);
}

static void
name_appeared_cb (GDBusConnection *bus,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  char **owner_out = user_data;

  g_free (*owner_out);
  *owner_out = g_strdup (owner);
}

static gboolean
string_is_set (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

/* Waits, in real time, until @name has an owner on @bus; its unique name. */
static char *
wait_for_name (GDBusConnection *bus,
               const char      *name,
               guint            timeout_s)
{
  char *owner = NULL;
  guint watch_id = g_bus_watch_name_on_connection (bus, name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   name_appeared_cb, NULL, &owner, NULL);

  limber_test_wait_until (string_is_set, &owner, timeout_s);
  g_bus_unwatch_name (watch_id);
  return owner;
}

/* dunst runs on the daemon's clock too: its timeouts are what can
 * expire a notification under the daemon's update, and only on the same
 * clock do they race as they do on a real desktop. */
static void
start_dunst (const char *faketime)
{
  g_autofree char *config_dir = g_build_filename (day.dir, "dunst", NULL);
  g_autofree char *config = g_build_filename (config_dir, "dunstrc", NULL);
  g_autofree char *picker = g_build_filename (config_dir, "pick-action", NULL);
  g_autofree char *picker_text = NULL;
  g_autofree char *config_text = NULL;
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autofree char *rate = g_strdup_printf ("+0 x%d", RATE);

  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);
  day.want_file = g_build_filename (config_dir, "want", NULL);
  day.menu_file = g_build_filename (config_dir, "menu", NULL);

  /* dunst's context menu, as dmenu would show it: one line per action,
   * "#Label (summary) [id,action]". The person picks the action the test
   * wrote down. */
  picker_text = g_strdup_printf ("#!/bin/sh\n"
                                 "want=$(cat '%s')\n"
                                 "tee '%s' | grep -m 1 \",$want]\\$\"\n",
                                 day.want_file, day.menu_file);
  g_assert_true (g_file_set_contents (picker, picker_text, -1, NULL));
  g_assert_cmpint (g_chmod (picker, 0755), ==, 0);

  /* Two notifications alike must still count as two. */
  config_text = g_strdup_printf ("[global]\n"
                                 "    dmenu = %s\n"
                                 "    stack_duplicates = false\n"
                                 "    notification_limit = 0\n"
                                 "    idle_threshold = 0\n",
                                 picker);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));

  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", faketime, TRUE);
  g_subprocess_launcher_setenv (launcher, "FAKETIME", rate, TRUE);
  day.server = g_subprocess_launcher_spawn (launcher, &error, "dunst", "-config", config, NULL);
  g_assert_no_error (error);
  day.server_owner = wait_for_name (day.bus, NOTIFICATIONS_NAME, 20);
  note ("dunst is %s", day.server_owner);
}

/* The server's first notifications cost it the most (xfce4-notifyd sets
 * up its window, theme and fonts then: over 100 real ms, more than the
 * daemon waits on its clock): two of this test's own, before the daemon
 * starts. */
static void
warm_up_server (void)
{
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (GVariant) reply = NULL;
      g_autoptr (GError) error = NULL;
      gint64 start_us = g_get_monotonic_time ();
      guint32 id = 0;

      reply = g_dbus_connection_call_sync (day.bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                                           "org.freedesktop.Notifications", "Notify",
                                           g_variant_new ("(susssasa{sv}i)", "Warm-up", 0, "", "Warming up",
                                                          "", NULL, NULL, 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 20000, NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &id);
      g_clear_pointer (&reply, g_variant_unref);
      reply = g_dbus_connection_call_sync (day.bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                                           "org.freedesktop.Notifications", "CloseNotification",
                                           g_variant_new ("(u)", id), NULL, G_DBUS_CALL_FLAGS_NONE, 20000,
                                           NULL, &error);
      g_assert_no_error (error);
      note ("%s shows and closes a notification in %" G_GINT64_FORMAT " real ms", server_name (),
            (g_get_monotonic_time () - start_us) / 1000);
    }
}

/* xfce4-notifyd, from the multiarch library directory, on the daemon's
 * clock as dunst is. */
static char *
find_xfce4_notifyd (void)
{
  g_autofree char *libdir = limber_test_multiarch_dir ();
  g_autofree char *path = libdir ? g_build_filename (libdir, "xfce4", "notifyd", "xfce4-notifyd", NULL) : NULL;

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&path);
  return NULL;
}

static void
start_xfce4_notifyd (const char *faketime)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autofree char *rate = g_strdup_printf ("+0 x%d", RATE);
  g_autofree char *path = find_xfce4_notifyd ();

  g_assert_nonnull (path);
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", faketime, TRUE);
  g_subprocess_launcher_setenv (launcher, "FAKETIME", rate, TRUE);
  day.server = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  g_assert_no_error (error);
  day.server_owner = wait_for_name (day.bus, NOTIFICATIONS_NAME, 20);
  note ("xfce4-notifyd is %s", day.server_owner);
}

static gboolean
host_registered (gpointer user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;

  reply = g_dbus_connection_call_sync (day.bus, "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.kde.StatusNotifierWatcher",
                                                      "IsStatusNotifierHostRegistered"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(v)", &value);
  return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean (value);
}

static gboolean
poll_host_cb (gpointer user_data)
{
  *(gboolean *) user_data = host_registered (NULL);
  return G_SOURCE_CONTINUE;
}

static void
start_panel (void)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autofree char *watcher = NULL;
  gboolean up = FALSE;
  guint poll_id;

  limber_test_write_panel_config ();
  day.panel = g_subprocess_launcher_spawn (launcher, &error, "xfce4-panel", "--disable-wm-check", NULL);
  g_assert_no_error (error);
  watcher = wait_for_name (day.bus, "org.kde.StatusNotifierWatcher", 30);

  /* The daemon's calls time out after 25 accelerated seconds, 70 real
   * milliseconds: let the panel finish starting first. */
  poll_id = g_timeout_add (50, poll_host_cb, &up);
  limber_test_wait_until (limber_test_flag_is_set, &up, 30);
  g_source_remove (poll_id);
  note ("xfce4-panel's tray is up");
}

/* ----------------------------------------------------------------------
 * Fake GNOME screensaver and logind
 * ---------------------------------------------------------------------- */

static void
screensaver_method_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  if (g_str_equal (method, "GetActive"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", day.locked));
  else if (g_str_equal (method, "GetActiveTime"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 0));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
logind_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", LOGIND_SESSION_PATH));
}

static const GDBusInterfaceVTable screensaver_vtable = { screensaver_method_cb, NULL, NULL, { 0 } };
static const GDBusInterfaceVTable logind_vtable = { logind_method_cb, NULL, NULL, { 0 } };

static void
acquired_cb (GDBusConnection *connection,
             const char      *name,
             gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static guint
export_service (GDBusConnection            *connection,
                const char                 *xml,
                const char                 *path,
                const GDBusInterfaceVTable *vtable)
{
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr (GError) error = NULL;
  guint id;

  g_assert_nonnull (info);
  id = g_dbus_connection_register_object (connection, path, info->interfaces[0], vtable,
                                          NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* A system bus of our own, where this test is logind. */
static void
start_system_bus (void)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *socket = g_build_filename (day.dir, "system_bus_socket", NULL);
  g_autofree char *listen = g_strconcat ("unix:path=", socket, NULL);
  g_autofree char *address = NULL;

  day.system_bus_daemon = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session",
                                                       "--nofork", "--nopidfile", "--address", listen,
                                                       "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (day.system_bus_daemon));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_strstrip (address);
  day.system_bus_address = g_strdup (address);

  day.system_bus = g_dbus_connection_new_for_address_sync (address,
                                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                           G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                           NULL, NULL, &error);
  g_assert_no_error (error);
  day.logind_object_id = export_service (day.system_bus, logind_xml, "/org/freedesktop/login1", &logind_vtable);
  day.logind_id = g_bus_own_name_on_connection (day.system_bus, "org.freedesktop.login1",
                                                G_BUS_NAME_OWNER_FLAGS_NONE, acquired_cb, NULL,
                                                &day.logind_owned, NULL);
  limber_test_wait_until (limber_test_flag_is_set, &day.logind_owned, 10);
}

static void
start_screensaver (void)
{
  day.screensaver_object_id = export_service (day.bus, screensaver_xml, "/org/gnome/ScreenSaver",
                                               &screensaver_vtable);
  day.screensaver_id = g_bus_own_name_on_connection (day.bus, "org.gnome.ScreenSaver",
                                                     G_BUS_NAME_OWNER_FLAGS_NONE, acquired_cb, NULL,
                                                     &day.screensaver_owned, NULL);
  limber_test_wait_until (limber_test_flag_is_set, &day.screensaver_owned, 10);
}

/* ----------------------------------------------------------------------
 * Watching the bus
 * ---------------------------------------------------------------------- */

static void
pending_notify_free (PendingNotify *pending)
{
  g_free (pending->summary);
  g_free (pending);
}

static void
bus_event_free (BusEvent *event)
{
  g_free (event->sender);
  g_free (event->destination);
  g_free (event->text);
  g_free (event->extra);
  g_free (event);
}

static const char *
short_name (const char *unique)
{
  if (g_strcmp0 (unique, day.daemon_owner) == 0)
    return "daemon";
  if (g_strcmp0 (unique, day.server_owner) == 0)
    return server_name ();
  return unique ? unique : "?";
}

/* In the main thread, in the order they came. */
static gboolean
handle_bus_event (gpointer user_data)
{
  BusEvent *event = user_data;
  PendingNotify *pending;
  g_autofree char *key = NULL;

  switch (event->type)
    {
    case EVENT_NOTIFY:
      key = g_strdup_printf ("%s/%u", event->sender, event->serial);
      pending = g_new0 (PendingNotify, 1);
      pending->replaces = event->replaces;
      pending->summary = g_strdup (event->text);
      g_hash_table_insert (day.pending, g_steal_pointer (&key), pending);
      note ("%s: Notify(replaces %u) \"%s\" actions [%s]", short_name (event->sender),
            event->replaces, event->text, event->extra);
      if (g_strcmp0 (event->sender, day.daemon_owner) == 0)
        {
          g_free (day.last_actions);
          day.last_actions = g_strdup (event->extra);
        }
      break;

    case EVENT_NOTIFY_REPLY:
      key = g_strdup_printf ("%s/%u", event->destination, event->serial);
      pending = g_hash_table_lookup (day.pending, key);
      if (pending == NULL)
        break;
      day.n_notify++;
      if (!g_hash_table_contains (day.live, GUINT_TO_POINTER (event->id)))
        {
          day.n_new_notifications++;
          g_hash_table_insert (day.live, GUINT_TO_POINTER (event->id), g_strdup (pending->summary));
          /* From the bus traffic, which no sampling can miss: shown and
           * not yet closed. */
          if (g_hash_table_size (day.live) > 1)
            {
              g_autoptr (GString) open = g_string_new (NULL);
              GHashTableIter iter;
              gpointer id, summary;

              g_hash_table_iter_init (&iter, day.live);
              while (g_hash_table_iter_next (&iter, &id, &summary))
                if (GPOINTER_TO_UINT (id) != event->id)
                  g_string_append_printf (open, "%s%u \"%s\"", open->len ? ", " : "",
                                          GPOINTER_TO_UINT (id), (char *) summary);
              check (FALSE, "one Limber notification at a time: notification %u \"%s\" opened while %s was still open",
                     event->id, pending->summary, open->str);
            }
        }
      if (g_str_has_prefix (pending->summary, "Break in "))
        day.warning_id = event->id;
      else if (g_str_has_prefix (pending->summary, "Time for a"))
        {
          day.n_reminders++;
          day.reminder_id = event->id;
          day.reminder_replaces = pending->replaces;
        }
      note ("%s: notification %u is \"%s\"%s", server_name (), event->id, pending->summary,
            pending->replaces == event->id ? " (updated in place)" : "");
      g_hash_table_remove (day.pending, key);
      break;

    case EVENT_CLOSE_CALL:
      note ("%s: CloseNotification(%u)", short_name (event->sender), event->id);
      break;

    case EVENT_CLOSED:
      g_hash_table_remove (day.live, GUINT_TO_POINTER (event->id));
      note ("%s: NotificationClosed(%u, %s)", server_name (), event->id,
            event->replaces == 1 ? "expired" : event->replaces == 2 ? "dismissed" :
            event->replaces == 3 ? "closed by call" : "undefined");
      break;

    case EVENT_ACTION:
      day.n_actions++;
      g_free (day.last_action);
      day.last_action = g_strdup (event->text);
      note ("%s: ActionInvoked(%u, \"%s\")", server_name (), event->id, event->text);
      break;

    case EVENT_LIMBER_CALL:
      note ("%s calls %s%s", short_name (event->sender), event->text, event->extra);
      break;

    case EVENT_ANSWER:
      if (g_strcmp0 (event->sender, day.daemon_owner) != 0)
        break;
      day.slowest_answer_ms = MAX (day.slowest_answer_ms, event->id);
      if (event->id * RATE >= DBUS_TIMEOUT_S * 1000 * 3 / 4)
        {
          day.n_late_answers++;
          note ("%s took %u real ms to answer the daemon's %s: the daemon waits %d of its seconds, %d real ms",
                server_name (), event->id, event->text, DBUS_TIMEOUT_S, DBUS_TIMEOUT_S * 1000 / RATE);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
post_event (BusEvent *event)
{
  event->real_us = g_get_monotonic_time ();
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, handle_bus_event, event,
                              (GDestroyNotify) bus_event_free);
}

/* Calls to the notification server, by "sender/serial", with the real
 * time they were seen: filled and read in GDBus's worker thread. */
static GMutex calls_lock;
static GHashTable *calls;

typedef struct
{
  gint64  real_us;
  char   *member;
} Call;

static void
call_free (Call *call)
{
  g_free (call->member);
  g_free (call);
}

static void
note_call (GDBusMessage *message)
{
  Call *call = g_new0 (Call, 1);

  call->real_us = g_get_monotonic_time ();
  call->member = g_strdup (g_dbus_message_get_member (message));
  g_mutex_lock (&calls_lock);
  g_hash_table_insert (calls, g_strdup_printf ("%s/%u", g_dbus_message_get_sender (message),
                                               g_dbus_message_get_serial (message)), call);
  g_mutex_unlock (&calls_lock);
}

/* An answer from the notification server: how long it took, for the
 * main thread. */
static void
note_answer (GDBusMessage *message)
{
  g_autofree char *key = g_strdup_printf ("%s/%u", g_dbus_message_get_destination (message),
                                          g_dbus_message_get_reply_serial (message));
  Call *call;

  g_mutex_lock (&calls_lock);
  call = g_hash_table_lookup (calls, key);
  if (call != NULL)
    {
      BusEvent *event = g_new0 (BusEvent, 1);

      event->type = EVENT_ANSWER;
      event->sender = g_strdup (g_dbus_message_get_destination (message));
      event->text = g_strdup (call->member);
      event->id = (guint32) ((g_get_monotonic_time () - call->real_us) / 1000);
      g_hash_table_remove (calls, key);
      g_mutex_unlock (&calls_lock);
      event->real_us = g_get_monotonic_time ();
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, handle_bus_event, event,
                                  (GDestroyNotify) bus_event_free);
      return;
    }
  g_mutex_unlock (&calls_lock);
}

/* GDBus's worker thread: everything seen here goes to the main thread. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  GDBusMessageType type = g_dbus_message_get_message_type (message);
  GVariant *body = g_dbus_message_get_body (message);
  const char *interface = g_dbus_message_get_interface (message);
  const char *member = g_dbus_message_get_member (message);
  BusEvent *event;

  if (!incoming)
    return message;

  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL && g_strcmp0 (interface, "org.freedesktop.Notifications") == 0)
    note_call (message);
  else if ((type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN || type == G_DBUS_MESSAGE_TYPE_ERROR) &&
           g_strcmp0 (g_dbus_message_get_sender (message), day.server_owner) == 0)
    note_answer (message);

  event = g_new0 (BusEvent, 1);
  event->sender = g_strdup (g_dbus_message_get_sender (message));
  event->destination = g_strdup (g_dbus_message_get_destination (message));

  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL && g_strcmp0 (interface, "org.freedesktop.Notifications") == 0 &&
      g_strcmp0 (member, "Notify") == 0 && body != NULL &&
      g_variant_is_of_type (body, G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      g_autofree const char **actions = NULL;

      event->type = EVENT_NOTIFY;
      event->serial = g_dbus_message_get_serial (message);
      g_variant_get_child (body, 1, "u", &event->replaces);
      g_variant_get_child (body, 3, "s", &event->text);
      g_variant_get_child (body, 5, "^a&s", &actions);
      event->extra = g_strjoinv ("|", (char **) actions);
      post_event (event);
    }
  else if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL && g_strcmp0 (interface, "org.freedesktop.Notifications") == 0 &&
           g_strcmp0 (member, "CloseNotification") == 0 && body != NULL &&
           g_variant_is_of_type (body, G_VARIANT_TYPE ("(u)")))
    {
      event->type = EVENT_CLOSE_CALL;
      g_variant_get (body, "(u)", &event->id);
      post_event (event);
    }
  else if (type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN && body != NULL &&
           g_variant_is_of_type (body, G_VARIANT_TYPE ("(u)")))
    {
      event->type = EVENT_NOTIFY_REPLY;
      event->serial = g_dbus_message_get_reply_serial (message);
      g_variant_get (body, "(u)", &event->id);
      post_event (event);
    }
  else if (type == G_DBUS_MESSAGE_TYPE_SIGNAL && g_strcmp0 (member, "NotificationClosed") == 0 &&
           body != NULL && g_variant_is_of_type (body, G_VARIANT_TYPE ("(uu)")))
    {
      event->type = EVENT_CLOSED;
      g_variant_get (body, "(uu)", &event->id, &event->replaces);
      post_event (event);
    }
  else if (type == G_DBUS_MESSAGE_TYPE_SIGNAL && g_strcmp0 (member, "ActionInvoked") == 0 &&
           body != NULL && g_variant_is_of_type (body, G_VARIANT_TYPE ("(us)")))
    {
      event->type = EVENT_ACTION;
      g_variant_get (body, "(us)", &event->id, &event->text);
      post_event (event);
    }
  else if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL && g_strcmp0 (interface, "io.github.limberapp.Limber.Breaks") == 0)
    {
      event->type = EVENT_LIMBER_CALL;
      event->text = g_strdup (member);
      event->extra = body ? g_variant_print (body, FALSE) : g_strdup ("()");
      post_event (event);
    }
  else
    bus_event_free (event);

  /* Method calls seen as a monitor were never meant for this connection:
   * keep GDBus from answering them. */
  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
start_monitor (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *returns = g_strdup_printf ("type='method_return',sender='%s'", day.server_owner);
  g_autofree char *errors = g_strdup_printf ("type='error',sender='%s'", day.server_owner);
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.Notifications'",
    "type='signal',interface='org.freedesktop.Notifications'",
    "type='method_call',interface='io.github.limberapp.Limber.Breaks'",
    returns,
    errors,
    NULL
  };

  calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) call_free);

  day.monitor = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (day.monitor, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (day.monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* ----------------------------------------------------------------------
 * Sampling the notification server and the daemon
 * ---------------------------------------------------------------------- */

static void
displayed_now (guint displayed)
{
  if (day.displayed != displayed)
    note ("%s shows %u notification(s)", server_name (), displayed);
  /* xfce4-notifyd fades a closed notification out while the next one
   * fades in: two windows count only when they stay. */
  if (displayed > 1 && day.server_kind == SERVER_XFCE4_NOTIFYD && day.displayed <= 1)
    {
      day.displayed = displayed;
      return;
    }
  day.displayed = displayed;
  day.max_displayed = MAX (day.max_displayed, day.displayed);
  if (day.displayed > 1 && !day.over_reported)
    {
      day.over_reported = TRUE;
      check (FALSE, "at most one Limber notification on screen: %s shows %u", server_name (), day.displayed);
    }
  else if (day.displayed <= 1)
    day.over_reported = FALSE;
}

/* The notification windows xfce4-notifyd shows. */
static void
windows_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  guint windows = 0;

  day.sample_in_flight = FALSE;
  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &out, NULL, NULL))
    return;
  lines = g_strsplit (out ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    windows += *lines[i] != '\0';
  displayed_now (windows);
}

static GSubprocess *
search_notification_windows (GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  g_subprocess_launcher_setenv (launcher, "DISPLAY", day.display, TRUE);
  return g_subprocess_launcher_spawn (launcher, error, "xdotool", "search", "--onlyvisible",
                                      "--class", "xfce4-notifyd", NULL);
}

static void
sample_windows (void)
{
  g_autoptr (GSubprocess) search = search_notification_windows (NULL);

  if (search == NULL)
    return;
  day.sample_in_flight = TRUE;
  g_subprocess_communicate_utf8_async (search, NULL, NULL, windows_cb, NULL);
}

static void
displayed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GError) error = NULL;

  day.sample_in_flight = FALSE;
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    return;
  g_variant_get (reply, "(v)", &value);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return;

  displayed_now (g_variant_get_uint32 (value));
}

static double
break_length_s (const char *kind)
{
  return g_strcmp0 (kind, "rest") == 0 ? REST_LENGTH_S : MICRO_LENGTH_S;
}

static gboolean
sample_cb (gpointer user_data)
{
  /* Each look at xfce4-notifyd's windows is a process: fewer of them. */
  if (!day.sample_in_flight && day.server_kind == SERVER_XFCE4_NOTIFYD &&
      g_get_monotonic_time () - day.sampled_us >= 40 * 1000)
    {
      day.sampled_us = g_get_monotonic_time ();
      sample_windows ();
    }
  else if (!day.sample_in_flight && day.server_owner != NULL)
    {
      day.sample_in_flight = TRUE;
      g_dbus_connection_call (day.bus, day.server_owner, NOTIFICATIONS_PATH,
                              "org.freedesktop.DBus.Properties", "Get",
                              g_variant_new ("(ss)", "org.dunstproject.cmd0", "displayedLength"),
                              G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                              displayed_cb, NULL);
    }

  /* No break may stay under way past its length. */
  if (day.in_break_since_us != 0 && !day.stuck_reported &&
      sim_now () - sim_at (day.in_break_since_us) > break_length_s (day.in_break_kind) + BREAK_MARGIN_S)
    {
      day.stuck_reported = TRUE;
      check (FALSE, "a %s-break of %.0f s ends by itself: still in-break %.0f s after it started",
             day.in_break_kind, break_length_s (day.in_break_kind),
             sim_now () - sim_at (day.in_break_since_us));
    }

  return G_SOURCE_CONTINUE;
}

/* The icon the tray shows now. */
static char *
tray_icon (void)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;

  reply = g_dbus_connection_call_sync (day.bus, day.daemon_owner, "/StatusNotifierItem",
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.kde.StatusNotifierItem", "IconName"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &value);
  return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ? g_variant_dup_string (value, NULL) : NULL;
}

static void
properties_changed_cb (GDBusProxy *proxy,
                       GVariant   *changed,
                       GStrv       invalidated,
                       gpointer    user_data)
{
  const char *state = limber_breaks_get_state (day.breaks);
  const char *due = limber_breaks_get_due_break (day.breaks);
  gint64 now_us = g_get_monotonic_time ();

  if (g_strcmp0 (state, day.state) == 0 && g_strcmp0 (due, day.due_break) == 0)
    return;

  note ("State %s -> %s%s%s", day.state, state, due && *due ? ", break " : "", due && *due ? due : "");

  if (g_strcmp0 (state, "in-break") == 0 && g_strcmp0 (day.state, "in-break") != 0)
    {
      GVariant *end = limber_breaks_get_break_end (day.breaks);
      GVariant *active = limber_breaks_get_today_active (day.breaks);
      gint64 end_mono = -1, end_wall = -1, worked = 0, started_mono = 0;
      gboolean growing = TRUE;
      double wall_now = day.start_utc + sim_now ();
      g_autofree char *icon = tray_icon ();

      day.n_in_break++;
      day.last_in_break_us = now_us;
      day.in_break_since_us = now_us;
      day.stuck_reported = FALSE;
      g_free (day.in_break_kind);
      day.in_break_kind = g_strdup (due && *due ? due : "micro");
      if (end != NULL)
        g_variant_get (end, "(xx)", &end_mono, &end_wall);
      if (active != NULL)
        g_variant_get (active, "(xxb)", &worked, &started_mono, &growing);
      /* TodayActive stands still from the moment the break started. */
      check (!growing && end_mono > 0 &&
             ABS ((double) (end_mono - started_mono) / G_USEC_PER_SEC - break_length_s (day.in_break_kind)) <= 2,
             "BreakEnd is the %s-break's start plus %.0f s: it is %+.1f s after it",
             day.in_break_kind, break_length_s (day.in_break_kind),
             (double) (end_mono - started_mono) / G_USEC_PER_SEC);
      /* Its wall-clock estimate, against this test's account (which
       * learns of the break a little late). */
      check (end_wall > 0 && ABS (end_wall - wall_now - break_length_s (day.in_break_kind)) <= TIME_TOLERANCE_S,
             "BreakEnd's wall-clock time is about %.0f s from now: it says %+.0f s",
             break_length_s (day.in_break_kind), end_wall > 0 ? end_wall - wall_now : -1.0);
      check (icon != NULL && !g_str_has_suffix (icon, "-break-due"),
             "the tray leaves the due icon during a break: it shows %s", icon);
    }
  else if (g_strcmp0 (state, "in-break") != 0 && day.in_break_since_us != 0)
    {
      Interval interval = { day.in_break_since_us, now_us };
      double lasted = sim_at (now_us) - sim_at (day.in_break_since_us);

      g_array_append_val (day.in_breaks, interval);
      note ("The %s-break lasted %.0f s", day.in_break_kind, lasted);
      check (lasted <= break_length_s (day.in_break_kind) + BREAK_MARGIN_S,
             "a %s-break lasts %.0f s: it lasted %.0f s", day.in_break_kind,
             break_length_s (day.in_break_kind), lasted);
      day.in_break_since_us = 0;
    }

  /* Back at the keyboard: the daemon's time of that is the first key's,
   * which this test knows to a few milliseconds. */
  if (g_strcmp0 (day.state, "away") == 0 && g_strcmp0 (state, "working") == 0 &&
      day.typing && !day.locked && day.anchor_real_us == 0)
    {
      GVariant *active = limber_breaks_get_today_active (day.breaks);
      gint64 worked = 0, at = 0;
      gboolean growing = FALSE;

      if (active != NULL)
        g_variant_get (active, "(xxb)", &worked, &at, &growing);
      if (at > 0)
        {
          day.anchor_real_us = day.resumed_us;
          day.anchor_mono = at;
          note ("The daemon's clock: back at %.1f s after its timer started",
                (double) (at - day.created_mono) / G_USEC_PER_SEC);
        }
    }

  g_free (day.state);
  day.state = g_strdup (state);
  g_free (day.due_break);
  day.due_break = g_strdup (due);
}

static int
kind_index (const char *kind)
{
  return g_strcmp0 (kind, "rest") == 0 ? 1 : 0;
}

static void
warning_cb (LimberBreaks *breaks,
            const char   *kind,
            guint         seconds,
            gpointer      user_data)
{
  day.n_warning++;
  note ("Warning: %s-break in %u s", kind, seconds);
}

static void
break_due_cb (LimberBreaks *breaks,
              const char   *kind,
              gboolean      repeat,
              gpointer      user_data)
{
  int k = kind_index (kind);

  day.n_due[k]++;
  day.last_due_us[k] = g_get_monotonic_time ();
  day.last_due_repeat[k] = repeat;
  note ("BreakDue: %s%s", kind, repeat ? " (again)" : "");
}

static void
natural_break_cb (LimberBreaks *breaks,
                  const char   *kind,
                  gpointer      user_data)
{
  note ("NaturalBreak: %s", kind);
}

/* ----------------------------------------------------------------------
 * Waiting in simulated time
 * ---------------------------------------------------------------------- */

typedef gboolean (*Condition) (gpointer user_data);

/* Runs the day until @condition holds or @timeout_s simulated seconds
 * have passed; whether it holds. */
static gboolean
wait_sim (Condition  condition,
          gpointer   user_data,
          double     timeout_s)
{
  double deadline = sim_now () + timeout_s;

  while (!condition (user_data))
    {
      if (sim_now () >= deadline)
        return condition (user_data);
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

static void
pass_sim (double seconds)
{
  wait_sim (never, NULL, seconds);
}

static void
pass_until_sim (double t_s)
{
  if (sim_now () < t_s)
    wait_sim (never, NULL, t_s - sim_now ());
}

/* Waits in real time, for the tools around the daemon. */
static gboolean
wait_real (Condition  condition,
           gpointer   user_data,
           double     timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () >= deadline)
        return condition (user_data);
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
state_is (gpointer user_data)
{
  return g_strcmp0 (day.state, user_data) == 0;
}

static gboolean
state_is_not (gpointer user_data)
{
  return g_strcmp0 (day.state, user_data) != 0;
}

/* Waits until the state is @state (or, with @leave, is no longer), and
 * says so when it did not come about. The state is read only after the
 * wait: it is freed as it changes. */
static gboolean
expect_state_full (gboolean    leave,
                   const char *state,
                   double      timeout_s,
                   const char *what)
{
  gboolean ok = wait_sim (leave ? state_is_not : state_is, (gpointer) state, timeout_s);

  return check (ok, "%s: the state %s %s within %.0f s: it is %s", what, leave ? "leaves" : "becomes",
                state, timeout_s, day.state);
}

static gboolean
expect_state (const char *state,
              double      timeout_s,
              const char *what)
{
  return expect_state_full (FALSE, state, timeout_s, what);
}

static gboolean
expect_state_leaves (const char *state,
                     double      timeout_s,
                     const char *what)
{
  return expect_state_full (TRUE, state, timeout_s, what);
}

static gboolean
nothing_displayed (gpointer user_data)
{
  return day.displayed == 0 && !day.sample_in_flight;
}

static gboolean
one_displayed (gpointer user_data)
{
  return day.displayed == 1;
}

typedef struct
{
  guint *counter;
  guint  above;
} CounterWait;

static gboolean
counter_above (gpointer user_data)
{
  CounterWait *wait = user_data;

  return *wait->counter > wait->above;
}

/* Waits for the next BreakDue of @kind; when it came, simulated seconds
 * since the start, or -1. */
static double
wait_due (const char *kind,
          double      timeout_s,
          const char *why)
{
  int k = kind_index (kind);
  CounterWait wait = { &day.n_due[k], day.n_due[k] };

  gboolean ok = wait_sim (counter_above, &wait, timeout_s);

  if (!check (ok, "%s: a %s-break comes due within %.0f min: none came (state %s)",
              why, kind, timeout_s / 60, day.state))
    return -1;
  return sim_at (day.last_due_us[k]);
}

/* ----------------------------------------------------------------------
 * The person
 * ---------------------------------------------------------------------- */

static void
start_typing (void)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *delay = g_strdup_printf ("%d", KEY_DELAY_MS);
  g_autoptr (GError) error = NULL;

  /* Shift alone: input that types nothing into whatever has the focus.
   * Enough keys for the whole day; stopped and continued with signals. */
  g_ptr_array_add (argv, (gpointer) "xdotool");
  g_ptr_array_add (argv, (gpointer) "key");
  g_ptr_array_add (argv, (gpointer) "--delay");
  g_ptr_array_add (argv, delay);
  for (guint i = 0; i < 60000; i++)
    g_ptr_array_add (argv, (gpointer) "Shift_L");
  g_ptr_array_add (argv, NULL);

  day.typist = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  day.typing = TRUE;
}

static void
typing_signal (int signal_number)
{
  g_assert_nonnull (g_subprocess_get_identifier (day.typist));
  kill (atoi (g_subprocess_get_identifier (day.typist)), signal_number);
}

static void
stop_typing (const char *why)
{
  g_assert_true (day.typing);
  typing_signal (SIGSTOP);
  day.typing = FALSE;
  day.typing_stopped_us = g_get_monotonic_time ();
  day.absence_forced = FALSE;
  note ("The person stops typing: %s", why);
}

static void
resume_typing (const char *why)
{
  Interval absence = { day.typing_stopped_us, g_get_monotonic_time () };
  double gap = sim_at (absence.end_us) - sim_at (absence.start_us);

  g_assert_false (day.typing);
  typing_signal (SIGCONT);
  day.typing = TRUE;
  day.resumed_us = absence.end_us;
  /* Away for the daemon: locked or asleep, or long enough idle. A short
   * pause is work to it. */
  if (day.absence_forced || gap >= IDLE_THRESHOLD_S)
    g_array_append_val (day.absences, absence);
  note ("The person types again: %s (after %.0f s)", why, gap);
}

static void
set_locked (gboolean locked)
{
  g_autoptr (GError) error = NULL;

  day.locked = locked;
  if (locked)
    day.absence_forced = TRUE;
  g_dbus_connection_emit_signal (day.bus, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", locked), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (day.bus, NULL, NULL);
  note ("Screen %s", locked ? "locked" : "unlocked");
}

static void
prepare_for_sleep (gboolean going)
{
  g_autoptr (GError) error = NULL;

  if (going)
    day.absence_forced = TRUE;
  g_dbus_connection_emit_signal (day.system_bus, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", going), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (day.system_bus, NULL, NULL);
  note ("logind: PrepareForSleep(%s)", going ? "true" : "false");
}

/* Moves the zone the daemon's TZ names, as timedated re-points
 * /etc/localtime. */
static void
set_zone (const char *zone,
          const char *day_after,
          int         offset_s)
{
  g_autofree char *target = g_build_filename ("/usr/share/zoneinfo", zone, NULL);
  g_autofree char *temporary = g_strconcat (day.zone_link, ".new", NULL);

  g_unlink (temporary);
  g_assert_cmpint (symlink (target, temporary), ==, 0);
  g_assert_cmpint (g_rename (temporary, day.zone_link), ==, 0);
  g_free (day.local_day);
  day.local_day = g_strdup (day_after);
  day.local_offset_s = offset_s;
  note ("Time zone is now %s", zone);
}

static void
set_banners (gboolean shown)
{
  g_autoptr (GSettings) settings = g_settings_new ("org.gnome.desktop.notifications");

  g_settings_set_boolean (settings, "show-banners", shown);
  g_settings_sync ();
  note ("Do not disturb %s", shown ? "off" : "on");
}

/* A journal row the script implies, ending between @end_min_s and
 * @end_max_s; a @duration_s of -1 is not checked. */
static void
expect_row_between (const char *kind,
                    const char *outcome,
                    const char *reminder,
                    double      end_min_s,
                    double      end_max_s,
                    int         duration_s,
                    const char *why)
{
  Row row = {
    g_strdup (kind), g_strdup (outcome), g_strdup (reminder), g_strdup (day.local_day),
    day.local_offset_s, end_min_s, end_max_s, duration_s, g_strdup (why)
  };

  g_array_append_val (day.expected, row);
}

static void
expect_row (const char *kind,
            const char *outcome,
            const char *reminder,
            double      end_sim_s,
            int         duration_s,
            const char *why)
{
  expect_row_between (kind, outcome, reminder, end_sim_s - TIME_TOLERANCE_S, end_sim_s + TIME_TOLERANCE_S,
                      duration_s, why);
}

typedef struct
{
  GSubprocess *process;
  gboolean     done;
  char        *out;
  char        *err;
} Run;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, NULL);
  run->done = TRUE;
}

static gboolean
run_is_done (gpointer user_data)
{
  return ((Run *) user_data)->done;
}

/* Runs a program to its end while the day goes on; its exit status. */
static int
run_program (const char * const *argv,
             gboolean            ours)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                           G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GError) error = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  Run run = { NULL };
  int status = -1;

  /* Limber's own programs keep our fatal warnings. */
  if (ours && g_getenv ("G_DEBUG") != NULL)
    g_subprocess_launcher_setenv (launcher, "G_DEBUG", g_getenv ("G_DEBUG"), TRUE);
  run.process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (run.process, NULL, NULL, run_done_cb, &run);
  if (!wait_real (run_is_done, &run, 30))
    g_error ("%s did not end within 30 s", command);
  if (g_subprocess_get_if_exited (run.process))
    status = g_subprocess_get_exit_status (run.process);
  note ("$ %s -> %d%s%s%s%s", command, status,
        run.out && *run.out ? "\n    " : "", run.out ? g_strstrip (run.out) : "",
        run.err && *run.err ? "\n    " : "", run.err ? g_strstrip (run.err) : "");
  g_clear_object (&run.process);
  g_free (run.out);
  g_free (run.err);
  return status;
}

static void
run_limber (const char *command,
            const char *what)
{
  g_autofree char *limber = g_build_filename (LIMBER_BUILD_ROOT, "src", "limber", NULL);
  const char *argv[] = { limber, command, what, NULL };

  check (run_program (argv, TRUE) == 0, "`limber %s %s` succeeds", command, what);
}

static gboolean
choose_in_dunst (const char *action);

static gboolean
output_of (const char * const *argv,
           char              **out)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) process = g_subprocess_launcher_spawnv (launcher, argv, NULL);

  return process != NULL && g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, NULL) &&
         g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

/* Clicks @action's button on xfce4-notifyd's notification, as a person
 * would. It draws every action, "default" included, as a button of one
 * width in a row along the bottom, in the order they were given: the
 * middle of the n-th of N equal parts of the window's width is on the
 * n-th button. */
static gboolean
click_in_xfce4_notifyd (const char *action)
{
  const char *search[] = { "xdotool", "search", "--onlyvisible", "--class", "xfce4-notifyd", NULL };
  CounterWait wait = { &day.n_actions, day.n_actions };
  g_autofree char *windows = NULL;
  g_autofree char *geometry = NULL;
  g_auto (GStrv) ids = NULL;
  g_auto (GStrv) actions = g_strsplit (day.last_actions ? day.last_actions : "", "|", -1);
  g_auto (GStrv) fields = NULL;
  g_autofree char *x = NULL, *y = NULL;
  int left = -1, top = -1, width = -1, height = -1;
  guint n_buttons = g_strv_length (actions) / 2, button = G_MAXUINT;
  gboolean ok;

  for (guint i = 0; i < n_buttons; i++)
    if (g_str_equal (actions[2 * i], action))
      button = i;
  if (!check (button != G_MAXUINT, "the notification offers \"%s\": its actions are [%s]",
              action, day.last_actions))
    return FALSE;

  if (!check (output_of (search, &windows), "xfce4-notifyd shows a notification window"))
    return FALSE;
  ids = g_strsplit (g_strstrip (windows), "\n", -1);
  if (!check (g_strv_length (ids) == 1, "one notification window to click on: there are %u", g_strv_length (ids)))
    return FALSE;

  /* The window resizes as the warning becomes the reminder: click only
   * once its geometry has held still for a moment. */
  for (guint tries = 0; tries < 20; tries++)
    {
      const char *argv[] = { "xdotool", "getwindowgeometry", "--shell", ids[0], NULL };
      g_autofree char *before = g_steal_pointer (&geometry);

      if (!check (output_of (argv, &geometry), "the notification window has a geometry"))
        return FALSE;
      if (g_strcmp0 (before, geometry) == 0)
        break;
      g_usleep (150 * 1000);
    }
  fields = g_strsplit (geometry, "\n", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (g_str_has_prefix (fields[i], "X="))
        left = atoi (fields[i] + 2);
      else if (g_str_has_prefix (fields[i], "Y="))
        top = atoi (fields[i] + 2);
      else if (g_str_has_prefix (fields[i], "WIDTH="))
        width = atoi (fields[i] + 6);
      else if (g_str_has_prefix (fields[i], "HEIGHT="))
        height = atoi (fields[i] + 7);
    }
  if (!check (width > 0 && height > 40, "the notification window has a size: %s", geometry))
    return FALSE;

  x = g_strdup_printf ("%d", left + (int) ((button + 0.5) * width / n_buttons));
  y = g_strdup_printf ("%d", top + height - 30);
  note ("The person clicks \"%s\", button %u of %u, at %s,%s", action, button + 1, n_buttons, x, y);
  {
    /* And takes the pointer away again. */
    const char *argv[] = { "xdotool", "mousemove", "--sync", x, y, "click", "1", "mousemove", "0", "799", NULL };

    check (run_program (argv, FALSE) == 0, "xdotool clicks");
  }
  ok = wait_real (counter_above, &wait, 3);
  return check (ok && g_strcmp0 (day.last_action, action) == 0,
                "xfce4-notifyd invokes the notification's \"%s\" action: last action %s", action, day.last_action);
}

/* Chooses @action on the notification on screen; whether the server
 * passed it on. */
static gboolean
choose_action (const char *action)
{
  if (day.server_kind == SERVER_XFCE4_NOTIFYD)
    return click_in_xfce4_notifyd (action);
  return choose_in_dunst (action);
}

/* Chooses @action in dunst's menu, as a person would; whether dunst
 * passed it on. */
static gboolean
choose_in_dunst (const char *action)
{
  const char *argv[] = { "dunstctl", "context", NULL };
  CounterWait wait = { &day.n_actions, day.n_actions };
  g_autofree char *menu = NULL;
  guint lines = 0;
  gboolean ok;

  g_assert_true (g_file_set_contents (day.want_file, action, -1, NULL));
  g_unlink (day.menu_file);
  note ("The person chooses \"%s\" in dunst's menu", action);
  check (run_program (argv, FALSE) == 0, "dunstctl context succeeds");
  ok = wait_real (counter_above, &wait, 3);
  if (!check (ok && g_strcmp0 (day.last_action, action) == 0,
              "dunst invokes the notification's \"%s\" action: last action %s",
              action, day.last_action))
    return FALSE;

  /* The menu lists the actions of one notification only. */
  if (g_file_get_contents (day.menu_file, &menu, NULL, NULL))
    {
      g_auto (GStrv) entries = g_strsplit (menu, "\n", -1);
      g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; entries[i] != NULL; i++)
        {
          const char *open = strrchr (entries[i], '[');
          const char *comma = open ? strchr (open, ',') : NULL;

          if (open == NULL || comma == NULL)
            continue;
          lines++;
          g_hash_table_add (ids, g_strndup (open + 1, comma - open - 1));
        }
      check (g_hash_table_size (ids) == 1,
             "dunst's menu offers one notification's actions: it offers %u notifications':\n%s",
             g_hash_table_size (ids), menu);
    }
  return TRUE;
}

/* After an action on the notification or elsewhere: it is gone from the
 * screen. */
static void
expect_notification_closed (const char *why)
{
  gboolean ok = wait_sim (nothing_displayed, NULL, REACTION_S);

  check (ok, "%s: the notification is closed: %s still shows %u", why, server_name (), day.displayed);
}

static void
expect_notification_shown (const char *why)
{
  gboolean ok = wait_sim (one_displayed, NULL, REACTION_S);

  check (ok, "%s: one notification on screen: %s shows %u", why, server_name (), day.displayed);
}

/* ----------------------------------------------------------------------
 * The daemon
 * ---------------------------------------------------------------------- */

static void
write_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GSettings) desktop = g_settings_new ("org.gnome.desktop.notifications");

  g_settings_set_uint (settings, "micro-break-interval", MICRO_INTERVAL_S);
  g_settings_set_uint (settings, "micro-break-duration", MICRO_LENGTH_S);
  g_settings_set_uint (settings, "rest-break-interval", REST_INTERVAL_S);
  g_settings_set_uint (settings, "rest-break-duration", REST_LENGTH_S);
  g_settings_set_uint (settings, "warning-lead-time", WARNING_S);
  g_settings_set_uint (settings, "idle-threshold", IDLE_THRESHOLD_S);
  g_settings_set_uint (settings, "postpone-duration", POSTPONE_S);
  g_settings_set_uint (settings, "postpone-limit", 3);
  g_settings_set_uint (settings, "reminder-repeat-interval", REPEAT_S);
  g_settings_set_boolean (settings, "strict-mode", FALSE);
  g_settings_set_boolean (settings, "daily-limit-enabled", FALSE);
  g_settings_set_uint (settings, "day-rollover-hour", 4);
  /* Only break reminders in this day. */
  g_settings_set_boolean (settings, "pain-reminder-enabled", FALSE);
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  g_settings_set_boolean (settings, "sound-enabled", FALSE);
  g_settings_set_boolean (desktop, "show-banners", TRUE);
  g_settings_sync ();
}

static void
start_daemon (const char *faketime)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 2, 10, 7, 30, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *preload = limber_test_faketime_preload ();
  g_autofree char *rate = NULL;
  gint64 offset;

  day.start_utc = g_date_time_to_unix (start);
  offset = day.start_utc - g_get_real_time () / G_USEC_PER_SEC;
  rate = g_strdup_printf ("%c%" G_GINT64_FORMAT " x%d", offset < 0 ? '-' : '+', ABS (offset), RATE);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, day.daemon_log);
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", preload, TRUE);
  g_subprocess_launcher_setenv (launcher, "FAKETIME", rate, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", day.zone_link, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", day.data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SYSTEM_BUS_ADDRESS", day.system_bus_address, TRUE);
  g_subprocess_launcher_setenv (launcher, "DISPLAY", day.display, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "limber-daemon", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_SESSION_ID");

  day.spawn_us = g_get_monotonic_time ();
  day.daemon = g_subprocess_launcher_spawn (launcher, &error, LIMBER_BUILD_DAEMON, NULL);
  g_assert_no_error (error);
  note ("limber-daemon started with FAKETIME=\"%s\", LD_PRELOAD=\"%s\"", rate, preload);

  day.daemon_owner = wait_for_name (day.bus, LIMBER_DAEMON_BUS_NAME, 30);
  day.counting_us = g_get_monotonic_time ();
  day.breaks = limber_breaks_proxy_new_sync (day.bus, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                             LIMBER_DAEMON_BUS_NAME, LIMBER_DAEMON_OBJECT_PATH,
                                             NULL, &error);
  g_assert_no_error (error);
  day.state = g_strdup (limber_breaks_get_state (day.breaks));
  day.due_break = g_strdup (limber_breaks_get_due_break (day.breaks));
  g_signal_connect (day.breaks, "g-properties-changed", G_CALLBACK (properties_changed_cb), NULL);
  g_signal_connect (day.breaks, "warning", G_CALLBACK (warning_cb), NULL);
  g_signal_connect (day.breaks, "break-due", G_CALLBACK (break_due_cb), NULL);
  g_signal_connect (day.breaks, "natural-break", G_CALLBACK (natural_break_cb), NULL);
  note ("limber-daemon is %s, state %s, activity from %s", day.daemon_owner, day.state,
        limber_breaks_get_monitor (day.breaks));
}

static gboolean
tray_shown (gpointer user_data)
{
  return limber_breaks_get_tray_shown (day.breaks);
}

/* Today's active time in simulated seconds, asked afresh; whether it
 * grows, and the daemon's monotonic time it is given for. */
static double
today_active_at (gboolean *growing,
                 gint64   *at_mono)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GError) error = NULL;
  gint64 worked_us = 0, at_us = 0;
  gboolean grows = FALSE;

  reply = g_dbus_connection_call_sync (day.bus, LIMBER_DAEMON_BUS_NAME, LIMBER_DAEMON_OBJECT_PATH,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "io.github.limberapp.Limber.Breaks", "TodayActive"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  g_variant_get (value, "(xxb)", &worked_us, &at_us, &grows);
  if (growing != NULL)
    *growing = grows;
  if (at_mono != NULL)
    *at_mono = at_us;
  return (double) worked_us / G_USEC_PER_SEC;
}

static double
today_active (gboolean *growing)
{
  return today_active_at (growing, NULL);
}

/* When the daemon's timer started, on the real clock: from the anchor
 * when there is one, else when it took its name (later by as much as the
 * rest of its start-up; under ASan about half a real second). */
static gint64
daemon_started_us (void)
{
  if (day.anchor_real_us == 0 || day.created_mono == 0)
    return day.counting_us;
  return day.anchor_real_us - (day.anchor_mono - day.created_mono) / RATE;
}

static void
read_start_of_timer (void)
{
  double worked = today_active_at (NULL, &day.created_mono);

  check (worked < 1, "today's active time starts at 0: it is %.0f s", worked);
}

static gint
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *x = a, *y = b;

  return x->start_us < y->start_us ? -1 : x->start_us > y->start_us;
}

/* The active time the day's events give, in simulated seconds, between
 * @from_us and @to_us (real): all of it but the absences the daemon can
 * see and the breaks under way. */
static double
expected_active (gint64 from_us,
                 gint64 to_us)
{
  g_autoptr (GArray) gaps = g_array_new (FALSE, FALSE, sizeof (Interval));
  gint64 covered = 0, reach = from_us;

  g_array_append_vals (gaps, day.absences->data, day.absences->len);
  g_array_append_vals (gaps, day.in_breaks->data, day.in_breaks->len);
  if (day.in_break_since_us != 0)
    g_array_append_val (gaps, ((Interval) { day.in_break_since_us, to_us }));
  if (!day.typing && (day.absence_forced || sim_at (to_us) - sim_at (day.typing_stopped_us) >= IDLE_THRESHOLD_S))
    g_array_append_val (gaps, ((Interval) { day.typing_stopped_us, to_us }));
  g_array_sort (gaps, compare_intervals);

  for (guint i = 0; i < gaps->len; i++)
    {
      Interval *gap = &g_array_index (gaps, Interval, i);
      gint64 start = MAX (gap->start_us, reach);
      gint64 end = MIN (gap->end_us, to_us);

      if (end > start)
        covered += end - start;
      reach = MAX (reach, MIN (gap->end_us, to_us));
    }

  return (double) (to_us - from_us - covered) * RATE / G_USEC_PER_SEC;
}

static void
check_active (gint64      from_us,
              const char *why)
{
  gboolean growing = TRUE;
  double active = today_active (&growing);
  double expected = expected_active (from_us, g_get_monotonic_time ());

  note ("%s: today's active time %.0f s (%s), expected %.0f s", why, active,
        growing ? "growing" : "still", expected);
  check (!growing, "%s: active time stands still while the person is away", why);
  check (ABS (active - expected) <= ACTIVE_TOLERANCE_S,
         "%s: today's active time is %d min %02d s within %d s: the daemon says %d min %02d s (%+.0f s)",
         why, (int) expected / 60, (int) expected % 60, ACTIVE_TOLERANCE_S,
         (int) active / 60, (int) active % 60, active - expected);
}

/* ----------------------------------------------------------------------
 * The journal
 * ---------------------------------------------------------------------- */

static char *
format_row (const char *day_text,
            const char *kind,
            const char *outcome,
            const char *reminder,
            int         offset_s,
            double      end_sim_s,
            int         duration_s)
{
  g_autofree char *when = format_sim (end_sim_s);

  return g_strdup_printf ("%s %-5s %-9s reminder=%-7s offset=%+6d end %.10s duration=%d",
                          day_text, kind, outcome, reminder ? reminder : "NULL", offset_s, when, duration_s);
}

/* day, kind, outcome, reminder, end_utc, end_offset_s, duration_s, due_utc */
#define ROW_FIELDS 8

static void
check_journal (void)
{
  g_autofree char *path = g_build_filename (day.data_dir, "limber", "journal.db", NULL);
  g_autoptr (GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) table = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  guint n = 0;
  gboolean all_match = TRUE;
  int rc;

  /* Read-write only so that SQLite may tidy up a write-ahead log left
   * behind; nothing is written. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (!check (rc == SQLITE_OK, "the journal opens: %s", sqlite3_errmsg (db)))
    {
      sqlite3_close (db);
      return;
    }
  rc = sqlite3_prepare_v2 (db,
                           "SELECT day, kind, outcome, reminder, end_utc, end_offset_s, duration_s, due_utc"
                           " FROM break_event ORDER BY id", -1, &statement, NULL);
  if (!check (rc == SQLITE_OK, "break_event can be read: %s", sqlite3_errmsg (db)))
    {
      sqlite3_close (db);
      return;
    }

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *reminder = (const char *) sqlite3_column_text (statement, 3);

      g_ptr_array_add (got, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
      g_ptr_array_add (got, g_strdup ((const char *) sqlite3_column_text (statement, 1)));
      g_ptr_array_add (got, g_strdup ((const char *) sqlite3_column_text (statement, 2)));
      g_ptr_array_add (got, reminder ? g_strdup (reminder) : NULL);
      g_ptr_array_add (got, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (statement, 4)));
      g_ptr_array_add (got, g_strdup_printf ("%d", sqlite3_column_int (statement, 5)));
      g_ptr_array_add (got, g_strdup_printf ("%d", sqlite3_column_int (statement, 6)));
      g_ptr_array_add (got, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (statement, 7)));
    }
  check (rc == SQLITE_DONE, "break_event can be read to the end: %s", sqlite3_errmsg (db));

  g_string_append (table, "row  expected | in the journal (times are since 08:30 CET, t+HH:MM)\n");
  for (n = 0; n < MAX (day.expected->len, got->len / ROW_FIELDS); n++)
    {
      Row *want = n < day.expected->len ? &g_array_index (day.expected, Row, n) : NULL;
      char **fields = n < got->len / ROW_FIELDS ? (char **) &got->pdata[n * ROW_FIELDS] : NULL;
      g_autofree char *want_text = NULL;
      g_autofree char *got_text = NULL;
      gboolean match = FALSE;

      if (want != NULL)
        {
          g_autofree char *row = format_row (want->day, want->kind, want->outcome, want->reminder, want->offset_s,
                                             (want->end_min_s + want->end_max_s) / 2, want->duration_s);
          g_autofree char *from = format_sim (want->end_min_s);
          g_autofree char *to = format_sim (want->end_max_s);

          want_text = g_strdup_printf ("%s, ending %.10s-%.10s", row, from, to);
        }
      if (fields != NULL)
        {
          double end_sim = (double) (g_ascii_strtoll (fields[4], NULL, 10) - day.start_utc);
          int offset = atoi (fields[5]);
          int duration = atoi (fields[6]);

          got_text = format_row (fields[0], fields[1], fields[2], fields[3], offset, end_sim, duration);
          match = want != NULL &&
                  g_strcmp0 (want->day, fields[0]) == 0 &&
                  g_strcmp0 (want->kind, fields[1]) == 0 &&
                  g_strcmp0 (want->outcome, fields[2]) == 0 &&
                  g_strcmp0 (want->reminder, fields[3]) == 0 &&
                  want->offset_s == offset &&
                  end_sim >= want->end_min_s && end_sim <= want->end_max_s &&
                  (want->duration_s < 0 || ABS (want->duration_s - duration) <= 5);
        }
      all_match &= match;
      g_string_append_printf (table, "%2u %s %s\n       | %s\n       (%s)\n", n + 1, match ? " " : "!",
                              want_text ? want_text : "(none)", got_text ? got_text : "(none)",
                              want ? want->why : "not in the script");
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);

  note ("The journal's break events (durations within 5 s):\n%s", table->str);

  /* On the daemon's own clock: a postponed break is due again after
   * exactly the postponement. */
  for (n = 0; n < got->len / ROW_FIELDS; n++)
    {
      char **postponed = (char **) &got->pdata[n * ROW_FIELDS];

      if (g_strcmp0 (postponed[2], "postponed") != 0)
        continue;
      for (guint next = n + 1; next < got->len / ROW_FIELDS; next++)
        {
          char **later = (char **) &got->pdata[next * ROW_FIELDS];
          gint64 after;

          if (g_strcmp0 (later[1], postponed[1]) != 0)
            continue;
          after = g_ascii_strtoll (later[7], NULL, 10) - g_ascii_strtoll (postponed[4], NULL, 10);
          check (ABS (after - POSTPONE_S) <= 30,
                 "journal row %u: the %s-break postponed is due again %d s later: row %u says %" G_GINT64_FORMAT " s",
                 n + 1, postponed[1], POSTPONE_S, next + 1, after);
          break;
        }
    }
  check (all_match, "the journal's break_event rows are those of the script (rows marked ! differ):\n%s",
         table->str);
}

/* ----------------------------------------------------------------------
 * The guided window
 * ---------------------------------------------------------------------- */

/* The guided window came up: `limber --stretch=ID --for-break`, the
 * daemon's child. It is closed at once: on the accelerated clock its
 * routine would end the break within a real second. */
static void
window_appeared_cb (GDBusConnection *bus,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  char *cmdline;
  guint32 pid = 0;

  day.window_up = TRUE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", owner), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  if (!check (reply != NULL, "the guided window's process can be found: %s", error ? error->message : ""))
    return;
  g_variant_get (reply, "(u)", &pid);
  cmdline = limber_test_command_line ((int) pid);
  if (cmdline != NULL)
    {
      g_free (day.window_cmdline);
      day.window_cmdline = cmdline;
    }
  note ("A window is up: %s; closing it", day.window_cmdline);
  kill ((pid_t) pid, SIGTERM);
}

static void
window_vanished_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  if (day.window_up)
    note ("The window is gone");
  day.window_up = FALSE;
}

static gboolean
window_seen (gpointer user_data)
{
  return day.window_cmdline != NULL;
}

/* ----------------------------------------------------------------------
 * The day
 * ---------------------------------------------------------------------- */

/* A break came due after a warning: the reminder is on screen, and it
 * is the warning's notification updated. @reminders_before is the count
 * of reminders before it. */
/* A break came due: its reminder, the notification with actions, is on
 * screen (a warning alone offers nothing to choose). @reminders_before is
 * the count of reminders before it. */
static gboolean
expect_reminder (const char *why,
                 guint       reminders_before)
{
  CounterWait wait = { &day.n_reminders, reminders_before };
  gboolean ok = wait_sim (counter_above, &wait, REACTION_S);

  if (!check (ok, "%s: its reminder is shown: it was not", why))
    return FALSE;
  expect_notification_shown (why);
  return TRUE;
}

static void
expect_reminder_in_place (const char *why,
                          guint       reminders_before)
{
  guint32 warning = day.warning_id;

  if (!expect_reminder (why, reminders_before))
    return;
  check (warning != 0 && day.reminder_replaces == warning && day.reminder_id == warning,
         "%s: the reminder updates the warning's notification %u in place: Notify(replaces %u) gave %u",
         why, warning, day.reminder_replaces, day.reminder_id);
}

/* A break started (@before counts the breaks before it), however short
 * it was: when, in simulated seconds since the start, as this test saw
 * it. */
static double
break_started_at (guint       before,
                  const char *how)
{
  CounterWait wait = { &day.n_in_break, before };

  gboolean ok = wait_sim (counter_above, &wait, REACTION_S);

  if (!check (ok, "%s starts a break: state is %s", how, day.state))
    return sim_now ();
  return sim_at (day.last_in_break_us);
}

/* Postpones the break whose reminder is on screen, and waits until it
 * is due, and reminded of, again. */
static void
postpone_in_notification (const char *kind,
                   const char *why)
{
  g_autofree char *again = g_strconcat (why, ", due again", NULL);
  double postponed_at, due_at;
  guint reminders;

  if (choose_action ("postpone"))
    {
      expect_state_leaves ("due", REACTION_S, "Postpone in the notification puts the break off");
      expect_notification_closed (why);
    }
  postponed_at = sim_now ();
  expect_row (kind, "postponed", "action", postponed_at, -1, why);

  /* Postpone By: the break comes again after exactly that much work. */
  reminders = day.n_reminders;
  due_at = wait_due (kind, POSTPONE_S + 5 * 60, why);
  if (due_at >= 0)
    check (ABS (due_at - postponed_at - POSTPONE_S) <= REACTION_S,
           "%s: a postponed break comes back after %d min of work: it came after %.1f min",
           why, POSTPONE_S / 60, (due_at - postponed_at) / 60);
  expect_reminder (again, reminders);
}

/* The world around the daemon, and the daemon; FALSE when something it
 * needs is not installed. */
static gboolean
set_up_day (Server server_kind)
{
  g_autofree char *faketime = limber_test_find_faketime ();
  g_autofree char *notifyd = find_xfce4_notifyd ();
  g_autofree char *zone_dir = NULL;
  g_autofree char *berlin = NULL;
  g_autoptr (GVariant) activation = NULL;
  const char *tools[] = { "Xvfb", "xfce4-panel", "xdotool", "dbus-daemon", "dunst", "dunstctl" };

  day = (Day) { 0 };
  day.server_kind = server_kind;
  /* dunst's tools only for dunst. */
  for (guint i = 0; i < G_N_ELEMENTS (tools) - (server_kind == SERVER_DUNST ? 0 : 2); i++)
    if (!program_exists (tools[i]))
      {
        g_test_skip_printf ("%s is not installed (build-aux/install-deps.sh installs it)", tools[i]);
        return FALSE;
      }
  if (server_kind == SERVER_XFCE4_NOTIFYD && notifyd == NULL)
    {
      g_test_skip ("xfce4-notifyd is not installed (build-aux/install-deps.sh installs it)");
      return FALSE;
    }
  if (faketime == NULL)
    {
      g_test_skip ("libfaketime is not installed (Debian package faketime)");
      return FALSE;
    }
  berlin = g_build_filename ("/usr/share/zoneinfo", ZONE_START, NULL);
  if (!g_file_test (berlin, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No time zone data (Debian package tzdata)");
      return FALSE;
    }
  {
    g_autoptr (GSettingsSchema) schema =
      g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "org.gnome.desktop.notifications", TRUE);

    if (schema == NULL)
      {
        g_test_skip ("No do-not-disturb setting (Debian package gsettings-desktop-schemas)");
        return FALSE;
      }
  }

  day.log = g_ptr_array_new_with_free_func (g_free);
  day.failures = g_ptr_array_new_with_free_func (g_free);
  day.expected = g_array_new (FALSE, TRUE, sizeof (Row));
  day.absences = g_array_new (FALSE, FALSE, sizeof (Interval));
  day.in_breaks = g_array_new (FALSE, FALSE, sizeof (Interval));
  day.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pending_notify_free);
  day.live = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  day.dir = g_dir_make_tmp ("limber-work-day-XXXXXX", NULL);
  g_assert_nonnull (day.dir);
  day.data_dir = g_build_filename (day.dir, "data", NULL);
  day.daemon_log = g_build_filename (day.dir, "daemon.log", NULL);
  zone_dir = g_build_filename (day.dir, "zone", NULL);
  g_assert_cmpint (g_mkdir_with_parents (zone_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (day.data_dir, 0700), ==, 0);
  day.zone_link = g_build_filename (zone_dir, "localtime", NULL);
  set_zone (ZONE_START, "2026-02-10", 3600);

  /* The world around the daemon. */
  day.bus = limber_test_get_bus ();
  start_x_server (faketime);
  /* Whatever the bus starts goes to that X server too. */
  activation = g_dbus_connection_call_sync (day.bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                            "org.freedesktop.DBus", "UpdateActivationEnvironment",
                                            g_variant_new_parsed ("({'DISPLAY': %s},)", day.display),
                                            NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  start_system_bus ();
  start_screensaver ();
  write_settings ();
  if (server_kind == SERVER_DUNST)
    start_dunst (faketime);
  else
    start_xfce4_notifyd (faketime);
  warm_up_server ();
  start_panel ();
  start_monitor ();
  day.window_watch = g_bus_watch_name_on_connection (day.bus, WINDOW_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     window_appeared_cb, window_vanished_cb, NULL, NULL);

  /* 08:30: the person sits down and starts work; the daemon starts. */
  start_typing ();
  start_daemon (faketime);
  read_start_of_timer ();
  day.sample_id = g_timeout_add (10, sample_cb, NULL);
  check (g_strcmp0 (limber_breaks_get_monitor (day.breaks), "x11") == 0,
         "activity comes from the X server's idle alarms: Monitor is %s", limber_breaks_get_monitor (day.breaks));
  check (wait_real (tray_shown, NULL, 20), "xfce4-panel shows Limber's tray icon");
  return TRUE;
}
/* 08:30 to 09:52, on either server: the first micro-break warned of and
 * reminded of in one notification, postponed and then skipped in it,
 * `limber break now` with nothing due, and the rest break started in the
 * notification, with the guided window, ending by itself. */
static void
play_morning (void)
{
  double t, start;
  guint reminders;
  guint breaks;

  /* 08:55: the first micro-break, warned of first, then due in the same
   * notification. Postponed in it: it comes back 10 min later. */
  reminders = day.n_reminders;
  t = wait_due ("micro", MICRO_INTERVAL_S + 5 * 60, "the first micro-break");
  /* The daemon's timer started between its start and its taking its name. */
  check (t < 0 || (t >= MICRO_INTERVAL_S - 60 && t <= MICRO_INTERVAL_S + sim_at (day.counting_us) + 60),
         "the first micro-break is due after %d min of work: it came %.1f min after the daemon started, "
         "which took %.1f min to start",
         MICRO_INTERVAL_S / 60, t / 60, sim_at (day.counting_us) / 60);
  check (day.n_warning >= 1, "a warning comes before the first micro-break");
  expect_reminder_in_place ("the first micro-break", reminders);
  postpone_in_notification ("micro", "the first micro-break, postponed in the notification");

  /* 09:05: it is due again; skipped in the notification. */
  if (choose_action ("skip"))
    {
      expect_state ("working", REACTION_S, "Skip in the notification skips the break");
      expect_notification_closed ("the skipped micro-break");
    }
  expect_row ("micro", "skipped", "action", sim_now (), -1, "the postponed micro-break, skipped in the notification");

  /* 09:15: `limber break now` with nothing due: a micro-break that the
   * daemon ends by itself. */
  pass_until_sim (45 * 60);
  stop_typing ("a break now, from the command line");
  breaks = day.n_in_break;
  run_limber ("break", "now");
  start = break_started_at (breaks, "`limber break now`");
  expect_state_leaves ("in-break", MICRO_LENGTH_S + BREAK_MARGIN_S,
                       "the break from `limber break now` ends by itself after its 45 s");
  expect_row ("micro", "taken", NULL, start + MICRO_LENGTH_S, MICRO_LENGTH_S, "`limber break now`, nothing due");
  resume_typing ("back to work after the break");

  /* 09:30: the rest break; Start in the notification opens the guided
   * stretch, and the daemon ends the break after its 20 min. */
  reminders = day.n_reminders;
  t = wait_due ("rest", 25 * 60, "the first rest break");
  expect_reminder_in_place ("the first rest break", reminders);
  breaks = day.n_in_break;
  if (choose_action ("start"))
    expect_notification_closed ("the started rest break");
  start = break_started_at (breaks, "Start in the notification");
  stop_typing ("on the rest break");
  expect_row ("rest", "taken", "action", start + REST_LENGTH_S, REST_LENGTH_S, "the rest break, started in the notification");
  if (check (wait_real (window_seen, NULL, 10), "Start opens the guided window"))
    check (strstr (day.window_cmdline, "--stretch=") != NULL && strstr (day.window_cmdline, "--for-break") != NULL,
           "Start opens the guided stretch for the break (`limber --stretch=ID --for-break`): it ran `%s`",
           day.window_cmdline);
  expect_state_leaves ("in-break", REST_LENGTH_S + BREAK_MARGIN_S, "the rest break ends by itself after its 20 min");
  pass_sim (60);
  resume_typing ("back from the rest break");
}

/* 09:56 to the next morning, with dunst: coffee, a locked meeting, a
 * new zone, a break taken from the command line with its reminder on
 * screen, lunch and do-not-disturb, a suspend, an ignored break skipped
 * from the command line, home, and a zone where it is tomorrow. */
static void
play_rest_of_day (void)
{
  gint64 day_two_us;
  double t, due_at, start;
  guint reminders;
  guint breaks;

  /* 09:56: coffee for a quarter of an hour: a natural micro-break, too
   * short for a rest break. Every absence here starts well before a
   * warning could come, even with the idle threshold after it. */
  pass_sim (4 * 60);
  stop_typing ("coffee");
  start = sim_at (day.typing_stopped_us);
  expect_state ("away", IDLE_THRESHOLD_S + REACTION_S, "after 10 min without input the person is away");
  expect_row ("micro", "natural", NULL, start + IDLE_THRESHOLD_S, MICRO_LENGTH_S, "coffee: away 15 min");
  pass_until_sim (start + 15 * 60);
  resume_typing ("back from coffee");
  expect_state ("working", REACTION_S, "typing again is working");

  /* 10:21: a meeting with the screen locked, 25 min: away from the first
   * second, a natural micro-break and then a natural rest break. */
  pass_sim (10 * 60);
  stop_typing ("a meeting");
  set_locked (TRUE);
  start = sim_now ();
  expect_state ("away", REACTION_S, "a locked screen or a suspend is away at once");
  expect_row ("micro", "natural", NULL, start + MICRO_LENGTH_S, MICRO_LENGTH_S, "screen locked: away 45 s");
  expect_row ("rest", "natural", NULL, start + REST_LENGTH_S, REST_LENGTH_S, "screen locked: away 20 min");
  pass_until_sim (start + 25 * 60);
  set_locked (FALSE);
  resume_typing ("back from the meeting");
  expect_state ("working", REACTION_S, "after unlocking, working");

  /* 10:51: the laptop goes to India: the day goes on in the new zone. */
  pass_sim (5 * 60);
  set_zone (ZONE_MIDDAY, "2026-02-10", 19800);

  /* Postponed in the notification, then taken from the command line
   * while its reminder is on screen: the notification goes. */
  reminders = day.n_reminders;
  wait_due ("micro", 30 * 60, "the micro-break after the meeting");
  expect_reminder_in_place ("the micro-break after the meeting", reminders);
  postpone_in_notification ("micro", "the micro-break after the meeting, postponed in the notification");
  stop_typing ("a break now, from the command line, with a reminder on screen");
  breaks = day.n_in_break;
  run_limber ("break", "now");
  start = break_started_at (breaks, "`limber break now` with a break due");
  expect_notification_closed ("the break started from the command line");
  expect_state_leaves ("in-break", MICRO_LENGTH_S + BREAK_MARGIN_S, "the micro-break ends by itself after its 45 s");
  expect_row ("micro", "taken", NULL, start + MICRO_LENGTH_S, MICRO_LENGTH_S,
              "the postponed micro-break, taken with `limber break now`");
  resume_typing ("back to work after the break");

  /* Lunch, 50 min, and then half an hour of focus: do-not-disturb goes
   * on as the person leaves and off 80 min later. The micro-break that
   * comes due is held back, and shown once when do-not-disturb ends. */
  pass_sim (2 * 60);
  {
    guint notifies = day.n_notify;
    guint actions = day.n_actions;
    guint created;

    set_banners (FALSE);
    stop_typing ("lunch");
    start = sim_at (day.typing_stopped_us);
    expect_row ("micro", "natural", NULL, start + IDLE_THRESHOLD_S, MICRO_LENGTH_S, "lunch: away 10 min");
    expect_row ("rest", "natural", NULL, start + REST_LENGTH_S, REST_LENGTH_S, "lunch: away 20 min");
    pass_until_sim (start + 50 * 60);
    resume_typing ("back from lunch, focused");
    start = sim_now ();
    wait_due ("micro", MICRO_INTERVAL_S + 5 * 60, "the micro-break under do-not-disturb");
    pass_until_sim (start + 30 * 60);
    check (day.n_notify == notifies && day.displayed == 0,
           "do-not-disturb holds reminders back: %u notification(s) sent during it, %u on screen",
           day.n_notify - notifies, day.displayed);
    check (day.n_actions == actions, "nothing to act on under do-not-disturb");

    created = day.n_new_notifications;
    reminders = day.n_reminders;
    set_banners (TRUE);
    expect_reminder ("the end of do-not-disturb, with a micro-break held back", reminders);
    pass_sim (60);
    check (day.n_new_notifications == created + 1,
           "the held-back micro-break is shown once when do-not-disturb ends: %u new notification(s)",
           day.n_new_notifications - created);
  }
  if (choose_action ("skip"))
    {
      expect_state ("working", REACTION_S, "Skip in the notification skips the break");
      expect_notification_closed ("the skipped held-back micro-break");
    }
  expect_row ("micro", "skipped", "action", sim_now (), -1, "the micro-break held back by do-not-disturb, skipped in the notification");

  /* The laptop is suspended for 35 min. */
  stop_typing ("the laptop is suspended");
  prepare_for_sleep (TRUE);
  start = sim_now ();
  expect_state ("away", REACTION_S, "a locked screen or a suspend is away at once");
  pass_until_sim (start + 35 * 60);
  /* Asleep, nothing runs: both may be counted as late as the wake-up. */
  expect_row_between ("micro", "natural", NULL, start + MICRO_LENGTH_S - TIME_TOLERANCE_S,
                      sim_now () + TIME_TOLERANCE_S, MICRO_LENGTH_S, "suspended 35 min: a micro-break");
  expect_row_between ("rest", "natural", NULL, start + REST_LENGTH_S - TIME_TOLERANCE_S,
                      sim_now () + TIME_TOLERANCE_S, REST_LENGTH_S, "suspended 35 min: a rest break");
  prepare_for_sleep (FALSE);
  resume_typing ("the laptop woke up");
  expect_state ("working", REACTION_S, "typing again is working");

  /* A micro-break ignored: it reminds again in the same notification,
   * and `limber break skip` closes it. */
  reminders = day.n_reminders;
  due_at = wait_due ("micro", 30 * 60, "the micro-break after the suspend");
  expect_reminder_in_place ("the micro-break after the suspend", reminders);
  reminders = day.n_reminders;
  t = wait_due ("micro", REPEAT_S + 120, "the ignored micro-break, again");
  check (t < 0 || ABS (t - due_at - REPEAT_S) <= 60,
         "an ignored break reminds again after %d min: it did after %.1f min", REPEAT_S / 60, (t - due_at) / 60);
  check (day.last_due_repeat[0], "the second reminder is a repeat");
  {
    CounterWait wait = { &day.n_reminders, reminders };
    guint32 shown = day.reminder_id;

    if (check (wait_sim (counter_above, &wait, REACTION_S), "the repeated reminder is shown: it was not"))
      check (day.reminder_replaces == shown && day.reminder_id == shown,
             "the repeated reminder updates notification %u in place: Notify(replaces %u) gave %u",
             shown, day.reminder_replaces, day.reminder_id);
  }
  expect_notification_shown ("the repeated reminder");
  run_limber ("break", "skip");
  expect_state ("working", REACTION_S, "`limber break skip` skips the due break");
  expect_notification_closed ("the break skipped from the command line");
  expect_row ("micro", "skipped", NULL, sim_now (), -1, "the ignored micro-break, skipped with `limber break skip`");

  /* Home. */
  pass_sim (2 * 60);
  stop_typing ("home time");
  start = sim_at (day.typing_stopped_us);
  expect_row ("micro", "natural", NULL, start + IDLE_THRESHOLD_S, MICRO_LENGTH_S, "home: away 10 min");
  expect_row ("rest", "natural", NULL, start + REST_LENGTH_S, REST_LENGTH_S, "home: away 20 min");
  expect_state ("away", IDLE_THRESHOLD_S + REACTION_S, "gone home is away after the idle threshold");
  pass_until_sim (start + REST_LENGTH_S + 120);
  check (day.anchor_real_us != 0, "the daemon's TodayActive tells when the person came back");
  check_active (daemon_started_us (), "the end of the work day");

  /* The evening in India is already tomorrow morning on Kiritimati: the
   * daemon's day follows the zone, and today's active time starts again. */
  pass_until_sim (7 * 3600);
  set_zone (ZONE_NEXTDAY, "2026-02-11", 50400);
  day_two_us = g_get_monotonic_time ();
  {
    double active = -1;
    gint64 deadline = g_get_monotonic_time () + (gint64) (5 * 60.0 / RATE * G_USEC_PER_SEC);

    while (g_get_monotonic_time () < deadline && (active = today_active (NULL)) >= 60)
      g_main_context_iteration (NULL, FALSE);
    check (active < 60, "a zone in which it is tomorrow starts a new day: today's active time is still %.0f min",
           active / 60);
  }
  pass_sim (5 * 60);
  resume_typing ("an early start on the new day");
  pass_sim (6 * 60);
  stop_typing ("done");
  start = sim_at (day.typing_stopped_us);
  expect_row ("micro", "natural", NULL, start + IDLE_THRESHOLD_S, MICRO_LENGTH_S, "the new day: away 10 min");
  expect_row ("rest", "natural", NULL, start + REST_LENGTH_S, REST_LENGTH_S, "the new day: away 20 min");
  pass_until_sim (start + REST_LENGTH_S + 120);
  check_active (day_two_us, "the new day");
}

/* 09:52 to about 10:40, with xfce4-notifyd: the next micro-break, taken
 * from the command line while its reminder is on screen, then away. */
static void
play_short_rest_of_day (void)
{
  double start;
  guint reminders;
  guint breaks;

  reminders = day.n_reminders;
  wait_due ("micro", 30 * 60, "the micro-break after the rest break");
  expect_reminder_in_place ("the micro-break after the rest break", reminders);
  stop_typing ("a break now, from the command line, with a reminder on screen");
  breaks = day.n_in_break;
  run_limber ("break", "now");
  start = break_started_at (breaks, "`limber break now` with a break due");
  expect_notification_closed ("the break started from the command line");
  expect_state_leaves ("in-break", MICRO_LENGTH_S + BREAK_MARGIN_S, "the micro-break ends by itself after its 45 s");
  expect_row ("micro", "taken", NULL, start + MICRO_LENGTH_S, MICRO_LENGTH_S,
              "the micro-break, taken with `limber break now`");
  resume_typing ("back to work after the break");

  pass_sim (2 * 60);
  stop_typing ("done");
  start = sim_at (day.typing_stopped_us);
  expect_row ("micro", "natural", NULL, start + IDLE_THRESHOLD_S, MICRO_LENGTH_S, "done: away 10 min");
  expect_row ("rest", "natural", NULL, start + REST_LENGTH_S, REST_LENGTH_S, "done: away 20 min");
  expect_state ("away", IDLE_THRESHOLD_S + REACTION_S, "away after the idle threshold");
  pass_until_sim (start + REST_LENGTH_S + 120);
  check (day.anchor_real_us != 0, "the daemon's TodayActive tells when the person came back");
  check_active (daemon_started_us (), "the end of the short day");
}

/* The day's totals, the daemon asked to quit, and its journal. */
static void
finish_day (void)
{
  note ("The day is over: %u notifications sent, %u new; at most %u on screen at once; %u breaks under way; "
        "%s answered the daemon within %u real ms",
        day.n_notify, day.n_new_notifications, day.max_displayed, day.n_in_break, server_name (),
        day.slowest_answer_ms);
  check (day.max_displayed <= 1, "never more than one notification on screen: %u were", day.max_displayed);

  g_clear_handle_id (&day.sample_id, g_source_remove);
  g_clear_handle_id (&day.window_watch, g_bus_unwatch_name);
  limber_test_quit_daemon (day.bus);
  g_subprocess_wait (day.daemon, NULL, NULL);
  check (g_subprocess_get_if_exited (day.daemon) && g_subprocess_get_exit_status (day.daemon) == 0,
         "limber-daemon exits cleanly when asked to quit");
  check_journal ();
}

static void
print_report (void)
{
  g_autofree char *daemon_log = NULL;

  if (day.failures == NULL || day.failures->len == 0)
    return;

  g_printerr ("\n=== The day, as it went ===\n");
  for (guint i = 0; i < day.log->len; i++)
    g_printerr ("%s\n", (char *) day.log->pdata[i]);
  if (day.daemon_log != NULL && g_file_get_contents (day.daemon_log, &daemon_log, NULL, NULL) && *daemon_log)
    g_printerr ("\n=== limber-daemon's output (its own clock) ===\n%s\n", daemon_log);
  g_printerr ("\n=== %u expectation(s) failed ===\n", day.failures->len);
  if (day.n_late_answers > 0)
    g_printerr ("(The machine was too loaded for this run: %s answered %u of the daemon's calls late, the "
                "slowest after %u real ms, while on its accelerated clock the daemon waits %d real ms. Failures "
                "after the first late answer may come from that: check it again on a calmer machine.)\n",
                server_name (), day.n_late_answers, day.slowest_answer_ms, DBUS_TIMEOUT_S * 1000 / RATE);
  for (guint i = 0; i < day.failures->len; i++)
    g_printerr ("%s\n", (char *) day.failures->pdata[i]);
  g_test_fail_printf ("%u expectation(s) of the work day failed; see above", day.failures->len);
}

static void
tear_down (void)
{
  g_clear_handle_id (&day.sample_id, g_source_remove);
  g_clear_handle_id (&day.window_watch, g_bus_unwatch_name);
  g_clear_object (&day.breaks);
  stop_process (&day.daemon);
  stop_process (&day.typist);
  stop_process (&day.panel);
  stop_process (&day.server);
  if (day.screensaver_id)
    g_bus_unown_name (day.screensaver_id);
  if (day.logind_id)
    g_bus_unown_name (day.logind_id);
  if (day.screensaver_object_id)
    g_dbus_connection_unregister_object (day.bus, day.screensaver_object_id);
  if (day.logind_object_id)
    g_dbus_connection_unregister_object (day.system_bus, day.logind_object_id);
  if (day.monitor != NULL)
    g_dbus_connection_close_sync (day.monitor, NULL, NULL);
  g_clear_object (&day.monitor);
  g_mutex_lock (&calls_lock);
  g_clear_pointer (&calls, g_hash_table_unref);
  g_mutex_unlock (&calls_lock);
  g_clear_object (&day.system_bus);
  stop_process (&day.system_bus_daemon);
  stop_process (&day.xvfb);
  g_clear_object (&day.bus);

  for (guint i = 0; day.expected != NULL && i < day.expected->len; i++)
    {
      Row *row = &g_array_index (day.expected, Row, i);

      g_free (row->kind);
      g_free (row->outcome);
      g_free (row->reminder);
      g_free (row->day);
      g_free (row->why);
    }
  g_clear_pointer (&day.expected, g_array_unref);
  g_clear_pointer (&day.absences, g_array_unref);
  g_clear_pointer (&day.in_breaks, g_array_unref);
  g_clear_pointer (&day.pending, g_hash_table_unref);
  g_clear_pointer (&day.live, g_hash_table_unref);
  /* Kept after a failure, for the journal and the daemon's log. */
  if (day.dir != NULL && day.failures != NULL && day.failures->len == 0)
    limber_test_remove_tree (day.dir);
  else if (day.dir != NULL)
    g_printerr ("The day's files: %s\n", day.dir);
  g_clear_pointer (&day.log, g_ptr_array_unref);
  g_clear_pointer (&day.failures, g_ptr_array_unref);
  {
    char **strings[] = {
      &day.local_day, &day.dir, &day.zone_link, &day.data_dir, &day.want_file, &day.menu_file,
      &day.daemon_log, &day.display, &day.system_bus_address, &day.server_owner, &day.daemon_owner,
      &day.state, &day.due_break, &day.in_break_kind, &day.last_action, &day.last_actions,
      &day.window_cmdline,
    };

    for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
      g_clear_pointer (strings[i], g_free);
  }
}

static void
test_work_day_with_dunst (void)
{
  if (set_up_day (SERVER_DUNST))
    {
      play_morning ();
      play_rest_of_day ();
      finish_day ();
      print_report ();
    }
  tear_down ();
}

/* The notifications of the morning, with xfce4-notifyd: its buttons
 * clicked, its windows counted. */
static void
test_work_day_with_xfce4_notifyd (void)
{
  if (set_up_day (SERVER_XFCE4_NOTIFYD))
    {
      play_morning ();
      play_short_rest_of_day ();
      finish_day ();
      print_report ();
    }
  tear_down ();
}

int
main (int   argc,
      char *argv[])
{
  /* Settings go through a key file that the daemon reads too; the memory
   * backend would keep them in this process. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/work-day/dunst", test_work_day_with_dunst);
  g_test_add_func ("/work-day/xfce4-notifyd", test_work_day_with_xfce4_notifyd);

  return g_test_run ();
}
