/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <X11/Xlib.h>
#include <X11/extensions/sync.h>

#include "limber-activity-monitor.h"
#include "limber-daemon-client.h"
#include "limber-mutter-monitor.h"
#include "limber-session-monitor.h"
#include "limber-test-util.h"
#include "limber-wayland-monitor.h"
#include "limber-x11-monitor.h"

/* The monitors against the services a session offers: fakes of Mutter's
 * IdleMonitor, GNOME's screen saver and logind on this test's private bus
 * (which also stands in for the system bus), and the real X server of the
 * test session, driven with xdotool. */

static const char fake_services_xml[] =
  "<node>"
  "  <interface name='org.gnome.Mutter.IdleMonitor'>"
  "    <method name='GetIdletime'><arg type='t' direction='out'/></method>"
  "    <method name='AddIdleWatch'><arg type='t' direction='in'/><arg type='u' direction='out'/></method>"
  "    <method name='AddUserActiveWatch'><arg type='u' direction='out'/></method>"
  "    <method name='RemoveWatch'><arg type='u' direction='in'/></method>"
  "    <signal name='WatchFired'><arg type='u'/></signal>"
  "  </interface>"
  "  <interface name='org.freedesktop.login1.Manager'>"
  "    <method name='GetSession'><arg type='s' direction='in'/><arg type='o' direction='out'/></method>"
  "    <method name='GetSessionByPID'><arg type='u' direction='in'/><arg type='o' direction='out'/></method>"
  "  </interface>"
  "</node>";

#define SESSION_PATH "/org/freedesktop/login1/session/_31"

/* The fake services answer from a thread of their own: the monitors ask
 * them synchronously at start. */
typedef struct
{
  GDBusConnection *bus;
  GDBusNodeInfo   *introspection;
  GMutex           lock;
  GCond            ready;
  gboolean         started;
  guint            mutter_object;
  guint            logind_object;
  /* What the fake Mutter says, or that it is not there at all. */
  guint64          idletime_ms;
  gboolean         mutter_absent;
  /* What the fake Mutter was asked. */
  GHashTable      *idle_watches;
  guint            active_watch;
  guint            next_watch;
  guint            removed;
} FakeSession;

static FakeSession fake;

static void
mutter_method_cb (GDBusConnection       *bus,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&fake.lock);

  if (fake.mutter_absent)
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.ServiceUnknown",
                                                "Not GNOME");
  else if (g_str_equal (method, "GetIdletime"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(t)", fake.idletime_ms));
  else if (g_str_equal (method, "AddIdleWatch"))
    {
      guint64 interval_ms;

      g_variant_get (parameters, "(t)", &interval_ms);
      g_hash_table_insert (fake.idle_watches, GUINT_TO_POINTER (++fake.next_watch),
                           GUINT_TO_POINTER ((guint) interval_ms));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", fake.next_watch));
    }
  else if (g_str_equal (method, "AddUserActiveWatch"))
    {
      fake.active_watch = ++fake.next_watch;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", fake.active_watch));
    }
  else if (g_str_equal (method, "RemoveWatch"))
    {
      guint watch;

      g_variant_get (parameters, "(u)", &watch);
      g_hash_table_remove (fake.idle_watches, GUINT_TO_POINTER (watch));
      fake.removed++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
logind_method_cb (GDBusConnection       *bus,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", SESSION_PATH));
}

static void
own_name (const char *name)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_sync (fake.bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 0x4), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static gpointer
fake_session_thread (gpointer user_data)
{
  static const GDBusInterfaceVTable mutter_vtable = { mutter_method_cb };
  static const GDBusInterfaceVTable logind_vtable = { logind_method_cb };
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  fake.bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, &error);
  g_assert_no_error (error);
  fake.introspection = g_dbus_node_info_new_for_xml (fake_services_xml, &error);
  g_assert_no_error (error);

  fake.mutter_object = g_dbus_connection_register_object (fake.bus, "/org/gnome/Mutter/IdleMonitor/Core",
                                                          fake.introspection->interfaces[0],
                                                          &mutter_vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  fake.logind_object = g_dbus_connection_register_object (fake.bus, "/org/freedesktop/login1",
                                                          fake.introspection->interfaces[1],
                                                          &logind_vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  own_name ("org.gnome.Mutter.IdleMonitor");
  own_name ("org.gnome.ScreenSaver");
  own_name ("org.freedesktop.login1");

  g_mutex_lock (&fake.lock);
  fake.started = TRUE;
  g_cond_signal (&fake.ready);
  g_mutex_unlock (&fake.lock);

  g_main_loop_run (loop);
  return NULL;
}

static void
start_fake_session (void)
{
  fake.idle_watches = g_hash_table_new (NULL, NULL);
  fake.idletime_ms = 1200;
  g_thread_unref (g_thread_new ("fake-session", fake_session_thread, NULL));

  g_mutex_lock (&fake.lock);
  while (!fake.started)
    g_cond_wait (&fake.ready, &fake.lock);
  g_mutex_unlock (&fake.lock);
}

static guint
fake_idle_watch (guint *interval_ms)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&fake.lock);
  GHashTableIter iter;
  gpointer watch = NULL, interval = NULL;

  g_assert_cmpuint (g_hash_table_size (fake.idle_watches), ==, 1);
  g_hash_table_iter_init (&iter, fake.idle_watches);
  g_hash_table_iter_next (&iter, &watch, &interval);
  if (interval_ms != NULL)
    *interval_ms = GPOINTER_TO_UINT (interval);
  return GPOINTER_TO_UINT (watch);
}

static void
emit (const char *path,
      const char *interface,
      const char *signal,
      GVariant   *parameters)
{
  g_autoptr (GError) error = NULL;

  g_dbus_connection_emit_signal (fake.bus, NULL, path, interface, signal, parameters, &error);
  g_assert_no_error (error);
}

typedef struct
{
  guint    idle;
  gint64   since_us;
  guint    active;
  int      locked;
  int      sleeping;
  guint    events;
} Seen;

static void
idle_cb (LimberActivityMonitor *monitor,
         gint64                 since_us,
         Seen                  *seen)
{
  seen->idle++;
  seen->since_us = since_us;
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
locked_cb (LimberSessionMonitor *monitor,
           gboolean              locked,
           Seen                 *seen)
{
  seen->locked = locked;
  seen->events++;
}

static void
sleeping_cb (LimberSessionMonitor *monitor,
             gboolean              going,
             Seen                 *seen)
{
  seen->sleeping = going;
  seen->events++;
}

static void
wait_for_events (Seen  *seen,
                 guint  events)
{
  limber_test_wait_for_count (&seen->events, events, 15);
}

static gboolean
watches_set (gpointer user_data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&fake.lock);
  guint interval_ms = GPOINTER_TO_UINT (user_data);
  GHashTableIter iter;
  gpointer interval;

  if (g_hash_table_size (fake.idle_watches) != 1 || fake.active_watch == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, fake.idle_watches);
  g_hash_table_iter_next (&iter, NULL, &interval);
  return GPOINTER_TO_UINT (interval) == interval_ms;
}

static void
test_mutter (void)
{
  g_autoptr (LimberMutterMonitor) monitor = g_object_new (LIMBER_TYPE_MUTTER_MONITOR, NULL);
  g_autoptr (GError) error = NULL;
  guint watch, interval_ms = 0;
  Seen seen = { 0 };
  gint64 before;

  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);

  g_assert_true (LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (LIMBER_ACTIVITY_MONITOR (monitor), 60, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (limber_activity_monitor_get_name (LIMBER_ACTIVITY_MONITOR (monitor)), ==, "gnome");

  /* One idle watch for the threshold, in milliseconds. */
  watch = fake_idle_watch (&interval_ms);
  g_assert_cmpuint (interval_ms, ==, 60000);

  /* Idle: reported with the time input stopped, and a watch for the
   * return is set. */
  before = g_get_monotonic_time ();
  emit ("/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "WatchFired",
        g_variant_new ("(u)", watch));
  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);
  g_assert_cmpint (seen.since_us, <=, before - 59 * G_USEC_PER_SEC);
  limber_test_wait_until (watches_set, GUINT_TO_POINTER (60000), 10);

  emit ("/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "WatchFired",
        g_variant_new ("(u)", fake.active_watch));
  wait_for_events (&seen, 2);
  g_assert_cmpuint (seen.active, ==, 1);

  /* A watch of someone else fires: not ours, nothing happens. */
  emit ("/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "WatchFired",
        g_variant_new ("(u)", 999));

  /* A new threshold replaces the watch. */
  limber_activity_monitor_set_idle_threshold (LIMBER_ACTIVITY_MONITOR (monitor), 120);
  limber_test_wait_until (watches_set, GUINT_TO_POINTER (120000), 10);
  g_assert_cmpuint (seen.events, ==, 2);
}

static gboolean
emit_lock_cb (gpointer user_data)
{
  emit (SESSION_PATH, "org.freedesktop.login1.Session", "Lock", NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
is_locked (gpointer user_data)
{
  return ((Seen *) user_data)->locked == TRUE;
}

static void
test_screensaver_and_logind (void)
{
  g_autoptr (LimberSessionMonitor) monitor =
    limber_session_monitor_new_for_sources (LIMBER_SESSION_SOURCE_SCREENSAVER | LIMBER_SESSION_SOURCE_LOGIND);
  Seen seen = { .locked = -1, .sleeping = -1 };
  guint events = 0;

  g_signal_connect (monitor, "locked", G_CALLBACK (locked_cb), &seen);
  g_signal_connect (monitor, "sleeping", G_CALLBACK (sleeping_cb), &seen);

  emit ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", g_variant_new ("(b)", TRUE));
  wait_for_events (&seen, ++events);
  g_assert_cmpint (seen.locked, ==, TRUE);
  emit ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", g_variant_new ("(b)", FALSE));
  wait_for_events (&seen, ++events);
  g_assert_cmpint (seen.locked, ==, FALSE);

  emit ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", g_variant_new ("(b)", TRUE));
  wait_for_events (&seen, ++events);
  g_assert_cmpint (seen.sleeping, ==, TRUE);
  emit ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", g_variant_new ("(b)", FALSE));
  wait_for_events (&seen, ++events);
  g_assert_cmpint (seen.sleeping, ==, FALSE);

  /* logind's session lock. The monitor looks our session up first, so
   * say Lock until it listens. */
  {
    guint repeat_id = g_timeout_add (100, emit_lock_cb, NULL);

    limber_test_wait_until (is_locked, &seen, 15);
    g_source_remove (repeat_id);
  }
  g_assert_cmpint (seen.locked, ==, TRUE);
  events = seen.events;
  emit (SESSION_PATH, "org.freedesktop.login1.Session", "Unlock", NULL);
  wait_for_events (&seen, events + 1);
  g_assert_cmpint (seen.locked, ==, FALSE);
}

static void
test_x11 (void)
{
  g_autoptr (LimberX11Monitor) monitor = g_object_new (LIMBER_TYPE_X11_MONITOR, NULL);
  const char *move[] = { "xdotool", "mousemove", "--sync", "200", "200", NULL };
  const char *move_back[] = { "xdotool", "mousemove", "--sync", "20", "20", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  Seen seen = { 0 };

  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);

  g_assert_true (LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (LIMBER_ACTIVITY_MONITOR (monitor), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (limber_activity_monitor_get_name (LIMBER_ACTIVITY_MONITOR (monitor)), ==, "x11");

  /* The server's alarm fires after a second without input; the pointer
   * moving brings the user back. */
  g_assert_cmpint (limber_test_run (move, NULL, &out, &err), ==, 0);
  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (limber_test_run (move_back, NULL, &out, &err), ==, 0);
  wait_for_events (&seen, 2);
  g_assert_cmpuint (seen.active, ==, 1);
}

static void
set_fake_mutter (gboolean absent,
                 guint64  idletime_ms)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&fake.lock);

  fake.mutter_absent = absent;
  fake.idletime_ms = idletime_ms;
}

/* The X server's own idle time. It runs in real time, which nothing in
 * the test can speed up: waiting for it is the one wait these tests do. */
static gint64
x_idle_ms (void)
{
  static Display *display;
  static XSyncCounter idle_counter = None;
  XSyncValue value;

  if (display == NULL)
    {
      XSyncSystemCounter *counters;
      int event_base, error_base, major, minor, n_counters = 0;

      display = XOpenDisplay (NULL);
      g_assert_nonnull (display);
      g_assert_true (XSyncQueryExtension (display, &event_base, &error_base));
      g_assert_true (XSyncInitialize (display, &major, &minor));
      counters = XSyncListSystemCounters (display, &n_counters);
      for (int i = 0; i < n_counters; i++)
        if (g_str_equal (counters[i].name, "IDLETIME"))
          idle_counter = counters[i].counter;
      XSyncFreeSystemCounterList (counters);
      g_assert_true (idle_counter != None);
    }

  g_assert_true (XSyncQueryCounter (display, idle_counter, &value));
  return (gint64) XSyncValueHigh32 (value) * ((gint64) G_MAXUINT32 + 1) + XSyncValueLow32 (value);
}

static void
wait_for_x_idle (gint64 idle_ms)
{
  while (x_idle_ms () < idle_ms)
    g_usleep (50 * 1000);
}

static void
move_pointer (void)
{
  static int x = 20;
  g_autofree char *position = g_strdup_printf ("%d", x = (x == 20 ? 200 : 20));
  const char *move[] = { "xdotool", "mousemove", "--sync", position, position, NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (limber_test_run (move, NULL, &out, &err), ==, 0);
}

/* The daemon connects to the monitor it picked only once the pick
 * returns, so that is how these tests listen too. Started when the user
 * has been away for longer than the threshold, GNOME's monitor must say
 * so then, not from inside the pick where nobody hears it. */
static void
test_mutter_already_idle (void)
{
  g_autoptr (LimberActivityMonitor) monitor = NULL;
  Seen seen = { 0 };
  gint64 before = g_get_monotonic_time ();

  set_fake_mutter (FALSE, 120000);
  monitor = limber_activity_monitor_pick (60);
  g_assert_nonnull (monitor);
  g_assert_cmpstr (limber_activity_monitor_get_name (monitor), ==, "gnome");
  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);

  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);
  g_assert_cmpint (seen.since_us, <=, before - 119 * G_USEC_PER_SEC);

  set_fake_mutter (FALSE, 1200);
}

/* Outside GNOME, on X11: the X server has been idle longer than the
 * threshold when the monitor starts. XSync alarms that wait for the
 * counter to cross the threshold would never fire. */
static void
test_x11_already_idle (void)
{
  g_autoptr (LimberActivityMonitor) monitor = NULL;
  Seen seen = { 0 };
  gint64 before;

  set_fake_mutter (TRUE, 0);
  move_pointer ();
  wait_for_x_idle (1500);

  before = g_get_monotonic_time ();
  monitor = limber_activity_monitor_pick (1);
  g_assert_nonnull (monitor);
  g_assert_cmpstr (limber_activity_monitor_get_name (monitor), ==, "x11");
  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);

  /* Idle since the pointer last moved, not since the threshold passed. */
  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);
  g_assert_cmpint (seen.since_us, <=, before - 1400 * 1000);

  move_pointer ();
  wait_for_events (&seen, 2);
  g_assert_cmpuint (seen.active, ==, 1);

  set_fake_mutter (FALSE, 1200);
}

/* A new threshold counts against the idle time so far: lowered below it,
 * the user is away at once; raised above it while away, back at work. */
static void
test_x11_threshold_change (void)
{
  g_autoptr (LimberX11Monitor) monitor = g_object_new (LIMBER_TYPE_X11_MONITOR, NULL);
  g_autoptr (GError) error = NULL;
  Seen seen = { 0 };
  gint64 before;

  move_pointer ();
  g_assert_true (LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (LIMBER_ACTIVITY_MONITOR (monitor), 60, &error));
  g_assert_no_error (error);
  g_signal_connect (monitor, "idle", G_CALLBACK (idle_cb), &seen);
  g_signal_connect (monitor, "active", G_CALLBACK (active_cb), &seen);

  wait_for_x_idle (1500);
  before = g_get_monotonic_time ();
  limber_activity_monitor_set_idle_threshold (LIMBER_ACTIVITY_MONITOR (monitor), 1);
  wait_for_events (&seen, 1);
  g_assert_cmpuint (seen.idle, ==, 1);
  g_assert_cmpint (seen.since_us, <=, before - 1400 * 1000);

  limber_activity_monitor_set_idle_threshold (LIMBER_ACTIVITY_MONITOR (monitor), 60);
  wait_for_events (&seen, 2);
  g_assert_cmpuint (seen.active, ==, 1);

  limber_activity_monitor_set_idle_threshold (LIMBER_ACTIVITY_MONITOR (monitor), 1);
  wait_for_events (&seen, 3);
  g_assert_cmpuint (seen.idle, ==, 2);

  /* And input still brings the user back. */
  move_pointer ();
  wait_for_events (&seen, 4);
  g_assert_cmpuint (seen.active, ==, 2);
  g_assert_cmpuint (seen.events, ==, 4);
}

/* In a Wayland session Xwayland's idle time sees only input to X11
 * windows: someone typing into a Wayland window would be called away.
 * With no Wayland idle protocol to use, nothing is picked, although an X
 * display is there. */
static void
test_pick_in_wayland_session (void)
{
  g_autoptr (LimberActivityMonitor) x11 = NULL;

  set_fake_mutter (TRUE, 0);
  g_assert_nonnull (g_getenv ("DISPLAY"));

  g_setenv ("XDG_SESSION_TYPE", "wayland", TRUE);
  g_assert_null (limber_activity_monitor_pick (60));
  g_unsetenv ("XDG_SESSION_TYPE");

  g_setenv ("WAYLAND_DISPLAY", "limber-no-such-display", TRUE);
  g_assert_null (limber_activity_monitor_pick (60));
  g_unsetenv ("WAYLAND_DISPLAY");

  /* The same display in an X11 session. */
  g_setenv ("XDG_SESSION_TYPE", "x11", TRUE);
  x11 = limber_activity_monitor_pick (60);
  g_assert_nonnull (x11);
  g_assert_cmpstr (limber_activity_monitor_get_name (x11), ==, "x11");
  g_unsetenv ("XDG_SESSION_TYPE");

  set_fake_mutter (FALSE, 1200);
}

/* No compositor in Debian 12 offers ext-idle-notify-v1 to test against
 * (test-sway-session has sway's org_kde_kwin_idle); what can be checked
 * here is that the monitor steps aside cleanly. */
static void
test_wayland_without_compositor (void)
{
  const char *displays[] = { NULL, "limber-no-such-display" };

  for (guint i = 0; i < G_N_ELEMENTS (displays); i++)
    {
      g_autoptr (LimberWaylandMonitor) monitor = g_object_new (LIMBER_TYPE_WAYLAND_MONITOR, NULL);
      g_autoptr (GError) error = NULL;

      if (displays[i] == NULL)
        g_unsetenv ("WAYLAND_DISPLAY");
      else
        g_setenv ("WAYLAND_DISPLAY", displays[i], TRUE);

      g_assert_false (LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (LIMBER_ACTIVITY_MONITOR (monitor), 60, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_assert_cmpstr (limber_activity_monitor_get_name (LIMBER_ACTIVITY_MONITOR (monitor)), ==, "wayland");
    }
  g_unsetenv ("WAYLAND_DISPLAY");
}

static char *
monitor_of_daemon (LimberBreaks *breaks)
{
  return g_strdup (limber_breaks_get_monitor (breaks));
}

static gboolean
state_is_away (gpointer user_data)
{
  return g_strcmp0 (limber_breaks_get_state (LIMBER_BREAKS (user_data)), "away") == 0;
}

/* The daemon picks GNOME's monitor when there is one, says so, and goes
 * "away" when Mutter says the user is idle. */
static void
test_daemon_uses_mutter (void)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autofree char *monitor = NULL;

  g_mutex_lock (&fake.lock);
  g_hash_table_remove_all (fake.idle_watches);
  fake.active_watch = 0;
  g_mutex_unlock (&fake.lock);
  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);

  monitor = monitor_of_daemon (breaks);
  g_assert_cmpstr (monitor, ==, "gnome");
  g_assert_cmpstr (limber_breaks_get_state (breaks), ==, "working");

  emit ("/org/gnome/Mutter/IdleMonitor/Core", "org.gnome.Mutter.IdleMonitor", "WatchFired",
        g_variant_new ("(u)", fake_idle_watch (NULL)));
  limber_test_wait_until (state_is_away, breaks, 15);

  limber_test_quit_daemon (bus);
}

int
main (int   argc,
      char *argv[])
{
  /* logind lives on the system bus: here, the test's own bus. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
  g_unsetenv ("XDG_SESSION_ID");
  /* The X server here is the session's, whatever session runs the tests. */
  g_unsetenv ("XDG_SESSION_TYPE");

  g_test_init (&argc, &argv, NULL);
  start_fake_session ();

  g_test_add_func ("/monitors/mutter", test_mutter);
  g_test_add_func ("/monitors/screensaver-and-logind", test_screensaver_and_logind);
  g_test_add_func ("/monitors/x11", test_x11);
  g_test_add_func ("/monitors/mutter-already-idle", test_mutter_already_idle);
  g_test_add_func ("/monitors/x11-already-idle", test_x11_already_idle);
  g_test_add_func ("/monitors/x11-threshold-change", test_x11_threshold_change);
  g_test_add_func ("/monitors/pick-in-wayland-session", test_pick_in_wayland_session);
  g_test_add_func ("/monitors/wayland-without-compositor", test_wayland_without_compositor);
  g_test_add_func ("/monitors/daemon-uses-mutter", test_daemon_uses_mutter);

  return g_test_run ();
}
