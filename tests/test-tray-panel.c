/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "limber-daemon-client.h"
#include "limber-test-util.h"

/* End to end with a real tray: xfce4-panel and its systray plugin under
 * this test's Xvfb take Limber's item, and Limber knows it is shown. */

static void
appeared_cb (GDBusConnection *bus,
             const char      *name,
             const char      *owner,
             gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
tray_shown (gpointer user_data)
{
  return limber_breaks_get_tray_shown (LIMBER_BREAKS (user_data));
}

static void
test_xfce_panel (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) panel = NULL;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) items = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *daemon_name = NULL;
  gboolean watcher_up = FALSE;
  gboolean listed = FALSE;
  guint watch_id;

  limber_test_write_panel_config ();

  /* The panel's own warnings are not ours to make fatal. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  panel = g_subprocess_launcher_spawn (launcher, &error, "xfce4-panel", "--disable-wm-check", NULL);
  g_assert_no_error (error);

  watch_id = g_bus_watch_name_on_connection (bus, "org.kde.StatusNotifierWatcher",
                                             G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             appeared_cb, NULL, &watcher_up, NULL);
  limber_test_wait_until (limber_test_flag_is_set, &watcher_up, 30);
  g_bus_unwatch_name (watch_id);

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  limber_test_wait_until (tray_shown, breaks, 30);

  /* The panel's watcher lists the item by the daemon's unique name. */
  daemon_name = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (breaks));
  expected = g_strconcat (daemon_name, "/StatusNotifierItem", NULL);
  reply = g_dbus_connection_call_sync (bus, "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.kde.StatusNotifierWatcher",
                                                      "RegisteredStatusNotifierItems"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &items);
  for (gsize i = 0; i < g_variant_n_children (items); i++)
    {
      const char *item = NULL;

      g_variant_get_child (items, i, "&s", &item);
      listed |= g_str_equal (item, expected) || g_str_equal (item, daemon_name);
    }
  g_assert_true (listed);

  limber_test_quit_daemon (bus);
  g_subprocess_send_signal (panel, SIGTERM);
  g_subprocess_wait (panel, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tray/xfce-panel", test_xfce_panel);

  return g_test_run ();
}
