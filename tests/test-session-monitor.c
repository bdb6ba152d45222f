/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "limber-daemon-client.h"
#include "limber-session-monitor.h"
#include "limber-suspend-gap.h"
#include "limber-test-util.h"

/* Lock and suspend where logind is out of reach, as inside Flatpak:
 *
 * - time asleep from the two clocks, fed with readings;
 * - lock and logout from the real xdg-desktop-portal and its GTK backend,
 *   on this test's private bus, with python-dbusmock standing in for GNOME
 *   Shell's screen saver and for gnome-session (skipped where the portal
 *   or python-dbusmock is not installed);
 * - a portal that is missing or refuses, and the daemon started without
 *   one, each on a bus of its own where nothing can be activated. */

#define S ((gint64) G_USEC_PER_SEC)
#define MIN_ (60 * S)
#define HOUR (60 * MIN_)

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define BACKEND_NAME "org.freedesktop.impl.portal.desktop.gtk"
#define SCREENSAVER_NAME "org.gnome.ScreenSaver"
#define SESSION_MANAGER_NAME "org.gnome.SessionManager"
#define SESSION_CLIENT_PATH "/org/gnome/SessionManager/Client1"

/* The time asleep from readings of both clocks */

static void
test_gap_awake (void)
{
  LimberSuspendGap gap;
  /* Boot time is ahead already: the computer slept before we started. */
  gint64 boottime = 5 * HOUR + 123;
  gint64 monotonic = 2 * HOUR;

  limber_suspend_gap_init (&gap, boottime, monotonic);
  for (int i = 1; i <= 600; i++)
    {
      /* Both clocks move alike, give or take the microseconds between
       * reading one and the other. */
      g_assert_cmpint (limber_suspend_gap_update (&gap, boottime + i * MIN_ + i % 7, monotonic + i * MIN_), ==, 0);
    }
}

static void
test_gap_asleep (void)
{
  LimberSuspendGap gap;
  gint64 boottime = 3 * HOUR;
  gint64 monotonic = 3 * HOUR;

  limber_suspend_gap_init (&gap, boottime, monotonic);

  /* An hour of work, eight hours asleep, ten seconds awake again. */
  boottime += HOUR + 8 * HOUR + 10 * S;
  monotonic += HOUR + 10 * S;
  g_assert_cmpint (limber_suspend_gap_update (&gap, boottime, monotonic), ==, 8 * HOUR);

  /* Told once: the next look finds nothing new. */
  boottime += MIN_;
  monotonic += MIN_;
  g_assert_cmpint (limber_suspend_gap_update (&gap, boottime, monotonic), ==, 0);

  /* Lunch with the lid closed. */
  boottime += 45 * MIN_ + 5 * S;
  monotonic += 5 * S;
  g_assert_cmpint (limber_suspend_gap_update (&gap, boottime, monotonic), ==, 45 * MIN_);
}

static void
test_gap_short_naps (void)
{
  LimberSuspendGap gap;

  limber_suspend_gap_init (&gap, 0, 0);

  /* A second and a half is too little to tell from noise... */
  g_assert_cmpint (limber_suspend_gap_update (&gap, 100 * S + 3 * S / 2, 100 * S), ==, 0);
  /* ...but it is kept: with another second it counts, both together. */
  g_assert_cmpint (limber_suspend_gap_update (&gap, 200 * S + 5 * S / 2, 200 * S), ==, 5 * S / 2);
  g_assert_cmpint (limber_suspend_gap_update (&gap, 300 * S + 5 * S / 2, 300 * S), ==, 0);
  /* Just the threshold counts. */
  g_assert_cmpint (limber_suspend_gap_update (&gap, 400 * S + 5 * S / 2 + LIMBER_SUSPEND_GAP_MIN_US, 400 * S),
                   ==, LIMBER_SUSPEND_GAP_MIN_US);
}

static void
test_gap_slow_reading (void)
{
  LimberSuspendGap gap;

  /* The first reading was held up for 300 ms between its two clocks. */
  limber_suspend_gap_init (&gap, 300 * G_USEC_PER_SEC / 1000, 0);
  g_assert_cmpint (limber_suspend_gap_update (&gap, 100 * S, 100 * S), ==, 0);
  /* The sleep counts from the truer reading: 2.1 s, not 1.8 s. */
  g_assert_cmpint (limber_suspend_gap_update (&gap, 200 * S + 2100 * S / 1000, 200 * S), ==, 2100 * S / 1000);
}

static void
test_gap_real_clocks (void)
{
  LimberSuspendGap gap;
  gint64 boottime;
  gint64 monotonic;
  gint64 before = g_get_monotonic_time ();

  limber_suspend_gap_read_clocks (&boottime, &monotonic);
  g_assert_cmpint (monotonic, >=, before);
  g_assert_cmpint (monotonic - before, <, S);
  limber_suspend_gap_init (&gap, boottime, monotonic);

  /* Nobody suspends the test machine within these 50 ms. */
  g_usleep (50 * 1000);
  limber_suspend_gap_read_clocks (&boottime, &monotonic);
  g_assert_cmpint (limber_suspend_gap_update (&gap, boottime, monotonic), ==, 0);
}

/* What the monitor said */

typedef struct
{
  int   locked;
  guint locked_events;
} Seen;

static void
locked_cb (LimberSessionMonitor *monitor,
           gboolean              locked,
           Seen                 *seen)
{
  seen->locked = locked;
  seen->locked_events++;
}

/* Calls made to the portal, seen from a monitoring connection to the bus:
 * "Interface.Member path first-argument" each. */
typedef struct
{
  GMutex     lock;
  GPtrArray *calls;
} Overheard;

static GDBusMessage *
overhear_cb (GDBusConnection *connection,
             GDBusMessage    *message,
             gboolean         incoming,
             gpointer         user_data)
{
  Overheard *overheard = user_data;
  GDBusMessageType type = g_dbus_message_get_message_type (message);
  GVariant *body;
  g_autofree char *first = NULL;

  /* The answers to this connection's own calls go on. */
  if (!incoming || type == G_DBUS_MESSAGE_TYPE_METHOD_RETURN || type == G_DBUS_MESSAGE_TYPE_ERROR)
    return message;

  /* A monitor must never answer: the calls it overhears stop here. */
  body = g_dbus_message_get_body (message);
  if (body != NULL && g_variant_n_children (body) > 0)
    {
      g_autoptr (GVariant) child = g_variant_get_child_value (body, 0);

      first = g_variant_is_of_type (child, G_VARIANT_TYPE_STRING) ||
              g_variant_is_of_type (child, G_VARIANT_TYPE_OBJECT_PATH)
              ? g_variant_dup_string (child, NULL) : g_variant_print (child, FALSE);
    }
  if (type == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_mutex_lock (&overheard->lock);
      g_ptr_array_add (overheard->calls,
                       g_strdup_printf ("%s.%s %s %s", g_dbus_message_get_interface (message),
                                        g_dbus_message_get_member (message),
                                        g_dbus_message_get_path (message), first ? first : ""));
      g_mutex_unlock (&overheard->lock);
    }
  g_object_unref (message);
  return NULL;
}

static GDBusConnection *
start_overhearing (Overheard *overheard)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr (GDBusConnection) connection = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.portal.Inhibit'",
    "type='method_call',interface='org.freedesktop.portal.Session'",
    NULL
  };

  g_assert_no_error (error);
  g_mutex_init (&overheard->lock);
  overheard->calls = g_ptr_array_new_with_free_func (g_free);

  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (connection, overhear_cb, overheard, NULL);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&connection);
}

typedef struct
{
  Overheard  *overheard;
  const char *prefix;
} OverheardCall;

static gboolean
was_overheard (gpointer user_data)
{
  OverheardCall *call = user_data;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&call->overheard->lock);

  for (guint i = 0; i < call->overheard->calls->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (call->overheard->calls, i), call->prefix))
      return TRUE;
  return FALSE;
}

static void
wait_to_overhear (Overheard  *overheard,
                  const char *prefix)
{
  OverheardCall call = { overheard, prefix };

  limber_test_poll_until (was_overheard, &call, 15);
}

static void
stop_overhearing (Overheard       *overheard,
                  GDBusConnection *connection)
{
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_clear_pointer (&overheard->calls, g_ptr_array_unref);
  g_mutex_clear (&overheard->lock);
}

/* The services */

static void
name_appeared_cb (GDBusConnection *bus,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
wait_for_name (GDBusConnection *bus,
               const char      *name)
{
  gboolean appeared = FALSE;
  guint watch_id = g_bus_watch_name_on_connection (bus, name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   name_appeared_cb, NULL, &appeared, NULL);

  limber_test_wait_until (limber_test_flag_is_set, &appeared, 20);
  g_bus_unwatch_name (watch_id);
}

/* The program a D-Bus service file starts for @name, where one is
 * installed. */
static char *
find_service_program (const char *name)
{
  const char *dirs[] = { "/usr/share", "/usr/local/share" };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *file_name = g_strconcat (name, ".service", NULL);
      g_autofree char *path = g_build_filename (dirs[i], "dbus-1", "services", file_name, NULL);
      g_autoptr (GKeyFile) file = g_key_file_new ();
      g_autofree char *exec = NULL;
      g_auto (GStrv) argv = NULL;

      if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
        continue;
      exec = g_key_file_get_string (file, "D-BUS Service", "Exec", NULL);
      if (exec != NULL && g_shell_parse_argv (exec, NULL, &argv, NULL) &&
          g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (argv[0]);
    }
  return NULL;
}

static GSubprocess *
start_service (GDBusConnection    *bus,
               const char         *name,
               const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (g_test_verbose () ? G_SUBPROCESS_FLAGS_NONE
                                                          : G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* The portal picks its backends for the desktop the session says. */
  g_subprocess_launcher_setenv (launcher, "XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  /* Their warnings (no PipeWire here) are none of this test's business. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  wait_for_name (bus, name);

  return process;
}

static void
stop_service (GSubprocess *process)
{
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

static void
call_service (GDBusConnection *bus,
              const char      *name,
              const char      *path,
              const char      *interface,
              const char      *method,
              GVariant        *parameters)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, name, path, interface, method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
is_locked (gpointer user_data)
{
  return ((Seen *) user_data)->locked == TRUE;
}

static gboolean
is_unlocked (gpointer user_data)
{
  return ((Seen *) user_data)->locked == FALSE;
}

/* The real portal */

static void
test_real_portal (void)
{
  g_autofree char *portal = find_service_program (PORTAL_NAME);
  g_autofree char *backend = find_service_program (BACKEND_NAME);
  g_autofree char *session_template = g_test_build_filename (G_TEST_DIST, "gnome-session-mock.py", NULL);
  const char *has_dbusmock[] = { PYTHON3, "-c", "import dbusmock", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GDBusConnection) overhearing = NULL;
  g_autoptr (LimberSessionMonitor) monitor = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *query_end_response = NULL;
  g_autofree char *session_close = NULL;
  GSubprocess *services[4];
  Overheard overheard = { 0 };
  Seen seen = { .locked = -1 };

  if (portal == NULL || backend == NULL)
    {
      g_test_skip ("xdg-desktop-portal and xdg-desktop-portal-gtk are not installed");
      return;
    }
  if (limber_test_run (has_dbusmock, NULL, &out, &err) != 0)
    {
      g_test_skip ("python3-dbusmock is not installed");
      return;
    }

  /* GNOME as far as the portal's GTK backend asks: the screen saver and
   * the session manager, there before the backend starts. */
  services[0] = start_service (bus, SCREENSAVER_NAME,
                               (const char *[]) { PYTHON3, "-m", "dbusmock", "--template", "gnome_screensaver", NULL });
  services[1] = start_service (bus, SESSION_MANAGER_NAME,
                               (const char *[]) { PYTHON3, "-m", "dbusmock", "--template", session_template, NULL });
  services[2] = start_service (bus, BACKEND_NAME, (const char *[]) { backend, "--replace", NULL });
  services[3] = start_service (bus, PORTAL_NAME, (const char *[]) { portal, "--replace", NULL });
  overhearing = start_overhearing (&overheard);

  monitor = limber_session_monitor_new_for_sources (LIMBER_SESSION_SOURCE_PORTAL);
  g_signal_connect (monitor, "locked", G_CALLBACK (locked_cb), &seen);

  /* The screen locks and unlocks. */
  call_service (bus, SCREENSAVER_NAME, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "SetActive",
                g_variant_new ("(b)", TRUE));
  limber_test_wait_until (is_locked, &seen, 20);
  call_service (bus, SCREENSAVER_NAME, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "SetActive",
                g_variant_new ("(b)", FALSE));
  limber_test_wait_until (is_unlocked, &seen, 20);
  g_assert_cmpuint (seen.locked_events, ==, 2);

  /* The user logs out: the monitor lets the session end straight away. */
  sender = g_strdelimit (g_strdup (g_dbus_connection_get_unique_name (bus) + 1), ".", '_');
  query_end_response = g_strdup_printf ("org.freedesktop.portal.Inhibit.QueryEndResponse "
                                        PORTAL_PATH " " PORTAL_PATH "/session/%s/", sender);
  call_service (bus, SESSION_MANAGER_NAME, SESSION_CLIENT_PATH, "org.freedesktop.DBus.Mock", "EmitSignal",
                g_variant_new ("(sss@av)", "org.gnome.SessionManager.ClientPrivate", "QueryEndSession", "u",
                               g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                    (GVariant *[]) { g_variant_new_variant (g_variant_new_uint32 (0)) },
                                                    1)));
  wait_to_overhear (&overheard, query_end_response);
  /* The state repeats the screen saver's, which did not change. */
  g_assert_cmpuint (seen.locked_events, ==, 2);

  /* Gone, the monitor closes its session. */
  g_clear_object (&monitor);
  session_close = g_strdup_printf ("org.freedesktop.portal.Session.Close " PORTAL_PATH "/session/%s/", sender);
  wait_to_overhear (&overheard, session_close);

  stop_overhearing (&overheard, overhearing);
  for (int i = G_N_ELEMENTS (services) - 1; i >= 0; i--)
    stop_service (services[i]);
}

/* Without a portal, on a bus of its own */

/* Runs @func on a private bus where nothing can be started, in the child
 * of g_test_trap_subprocess(); the parent reads what it logged. */
static void
on_bus_without_services (GTestFunc func)
{
  g_autoptr (GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));

  g_setenv ("G_MESSAGES_DEBUG", "limber-daemon", TRUE);
  g_test_dbus_up (test_bus);
  /* GTestDBus takes these away; the daemon and its tray keep them. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (runtime_dir != NULL)
    g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  func ();

  g_test_dbus_down (test_bus);
}

/* A connection of its own that owns @name, for a fake service. */
static GDBusConnection *
connect_as (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr (GDBusConnection) connection = NULL;
  g_autoptr (GVariant) reply = NULL;
  guint32 result;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName", g_variant_new ("(su)", name, 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);

  return g_steal_pointer (&connection);
}

/* Whatever the portal did, GNOME's screen saver, where the app may reach
 * it, still locks. */
static void
assert_screensaver_still_locks (LimberSessionMonitor *monitor,
                                Seen                 *seen)
{
  g_autoptr (GDBusConnection) screensaver = connect_as (SCREENSAVER_NAME);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (seen->locked_events, ==, 0);
  g_dbus_connection_emit_signal (screensaver, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  limber_test_wait_until (is_locked, seen, 15);
  g_assert_cmpuint (seen->locked_events, ==, 1);
  g_dbus_connection_close_sync (screensaver, NULL, NULL);
}

static void
portal_missing (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (LimberSessionMonitor) monitor = NULL;
  Seen seen = { .locked = -1 };

  monitor = limber_session_monitor_new_for_sources (LIMBER_SESSION_SOURCE_PORTAL | LIMBER_SESSION_SOURCE_SCREENSAVER);
  g_signal_connect (monitor, "locked", G_CALLBACK (locked_cb), &seen);
  limber_test_drain_bus (bus);
  assert_screensaver_still_locks (monitor, &seen);
}

static void
test_portal_missing (void)
{
  if (g_test_subprocess ())
    {
      on_bus_without_services (portal_missing);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*No lock from the Inhibit portal: *" PORTAL_NAME "*");
}

/* A portal that answers CreateMonitor with a refusal, as one does whose
 * backend has no Inhibit. */
static void
refusing_portal_method_cb (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *path,
                           const char            *interface,
                           const char            *method,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  g_autoptr (GVariant) options = NULL;
  g_autofree char *escaped = g_strdelimit (g_strdup (sender + 1), ".", '_');
  g_autofree char *request = NULL;
  const char *token;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (method, ==, "CreateMonitor");
  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
  g_assert_true (g_variant_lookup (options, "session_handle_token", "&s", NULL));

  request = g_strdup_printf (PORTAL_PATH "/request/%s/%s", escaped, token);
  g_dbus_connection_emit_signal (connection, sender, request, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", 2, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                 &error);
  g_assert_no_error (error);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", request));
  (*(guint *) user_data)++;
}

static const char inhibit_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Inhibit'>"
  "    <method name='CreateMonitor'>"
  "      <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/><arg type='o' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
portal_refuses (void)
{
  static const GDBusInterfaceVTable vtable = { refusing_portal_method_cb, NULL, NULL, { 0 } };
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GDBusConnection) portal = connect_as (PORTAL_NAME);
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (inhibit_xml, NULL);
  g_autoptr (LimberSessionMonitor) monitor = NULL;
  g_autoptr (GError) error = NULL;
  Seen seen = { .locked = -1 };
  guint asked = 0;
  guint object_id;

  object_id = g_dbus_connection_register_object (portal, PORTAL_PATH, info->interfaces[0], &vtable,
                                                 &asked, NULL, &error);
  g_assert_no_error (error);

  monitor = limber_session_monitor_new_for_sources (LIMBER_SESSION_SOURCE_PORTAL | LIMBER_SESSION_SOURCE_SCREENSAVER);
  g_signal_connect (monitor, "locked", G_CALLBACK (locked_cb), &seen);
  limber_test_poll_until (limber_test_flag_is_set, &asked, 15);
  g_assert_cmpuint (asked, ==, 1);
  limber_test_drain_bus (bus);
  assert_screensaver_still_locks (monitor, &seen);

  g_dbus_connection_unregister_object (portal, object_id);
  g_dbus_connection_close_sync (portal, NULL, NULL);
}

static void
test_portal_refuses (void)
{
  if (g_test_subprocess ())
    {
      on_bus_without_services (portal_refuses);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*No lock from the Inhibit portal: it answered 2*");
}

static gboolean
daemon_exited (gpointer user_data)
{
  return g_subprocess_get_if_exited (user_data) || g_subprocess_get_if_signaled (user_data);
}

static void
daemon_without_portal (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) daemon = NULL;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = limber_find_executable ("limber-daemon");
  g_autofree char *log_path = g_build_filename (g_get_tmp_dir (), "limber-daemon-without-portal.log", NULL);
  g_autofree char *log = NULL;

  /* As inside Flatpak: the portal, and neither logind nor the screen
   * saver. */
  g_subprocess_launcher_setenv (launcher, "LIMBER_USE_PORTALS", "1", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  daemon = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  g_assert_no_error (error);
  wait_for_name (bus, LIMBER_DAEMON_BUS_NAME);

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limber_breaks_get_state (breaks), ==, "working");

  limber_test_quit_daemon (bus);
  g_subprocess_wait (daemon, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (daemon_exited (daemon));
  g_assert_true (g_subprocess_get_successful (daemon));

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "No lock from the Inhibit portal"));
  g_unlink (log_path);
}

static void
test_daemon_without_portal (void)
{
  if (g_test_subprocess ())
    {
      on_bus_without_services (daemon_without_portal);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suspend-gap/awake", test_gap_awake);
  g_test_add_func ("/suspend-gap/asleep", test_gap_asleep);
  g_test_add_func ("/suspend-gap/short-naps", test_gap_short_naps);
  g_test_add_func ("/suspend-gap/slow-reading", test_gap_slow_reading);
  g_test_add_func ("/suspend-gap/real-clocks", test_gap_real_clocks);
  g_test_add_func ("/session-monitor/real-portal", test_real_portal);
  g_test_add_func ("/session-monitor/portal-missing", test_portal_missing);
  g_test_add_func ("/session-monitor/portal-refuses", test_portal_refuses);
  g_test_add_func ("/session-monitor/daemon-without-portal", test_daemon_without_portal);

  return g_test_run ();
}
