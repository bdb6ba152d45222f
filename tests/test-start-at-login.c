/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "limber-autostart.h"
#include "limber-start-at-login.h"
#include "limber-test-util.h"

/* Start at login through the Background portal, as inside Flatpak (here
 * LIMBER_USE_PORTALS=1 asks for it): python-dbusmock stands in for the
 * desktop portal on the test's private bus and answers as
 * xdg-desktop-portal does (tests/background-portal-mock.py), granting,
 * refusing or failing; a portal without the Background interface; a bus
 * with no portal at all; and, without LIMBER_USE_PORTALS, the autostart
 * file. A refusal turns the setting off again and tells the person why,
 * on the window they chose in. */

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"
#define TIMEOUT_S 30

typedef struct
{
  /* Held: the bus libportal reaches too, which would otherwise close
   * between requests and take the subscription below with it. */
  GDBusConnection *bus;
  GSettings       *settings;
  GtkWindow       *window;
  GSubprocess     *portal;
  guint            responses;
  guint            response_id;
} Fixture;

static gboolean
have_dbusmock (void)
{
  const char *argv[] = { PYTHON3, "-c", "import dbusmock", NULL };
  g_autofree char *out = NULL, *err = NULL;

  if (limber_test_run (argv, NULL, &out, &err) == 0)
    return TRUE;

  g_test_skip ("python3-dbusmock is not installed");
  return FALSE;
}

/* Every Response the portal sends this process, libportal's and ours
 * alike: it sends them to the caller alone, so libportal adds no match
 * rule, and nor does this. */
static void
response_cb (GDBusConnection *bus,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  ((Fixture *) user_data)->responses++;
}

static gboolean
widget_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  fixture->bus = limber_test_get_bus ();
  fixture->settings = g_settings_new_with_backend (APP_ID, backend);
  fixture->response_id = g_dbus_connection_signal_subscribe (fixture->bus, PORTAL_NAME, "org.freedesktop.portal.Request",
                                                             "Response", NULL, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                             response_cb, fixture, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Limber");
  gtk_window_present (fixture->window);
  limber_test_wait_until (widget_mapped, fixture->window, TIMEOUT_S);
}

/* The visible AdwMessageDialog, or NULL. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
name_owner_cb (GDBusConnection *bus,
               const char      *name,
               const char      *owner,
               gpointer         user_data)
{
  *(int *) user_data = owner != NULL;
}

static void
name_vanished_cb (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  *(int *) user_data = FALSE;
}

static gboolean
owner_known (gpointer user_data)
{
  return ((int *) user_data)[0] == ((int *) user_data)[1];
}

/* Until @name has an owner on the bus, or has none. */
static void
wait_for_owner (const char *name,
                gboolean    owned)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  int state[2] = { -1, owned };
  guint watch_id = g_bus_watch_name_on_connection (bus, name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   name_owner_cb,
                                                   name_vanished_cb, state, NULL);

  limber_test_wait_until (owner_known, state, TIMEOUT_S);
  g_bus_unwatch_name (watch_id);
}

static void
start_mock (Fixture            *fixture,
            const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (g_test_verbose () ? G_SUBPROCESS_FLAGS_NONE
                                                          : G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Other projects' code, without this test's fatal warnings. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  fixture->portal = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  wait_for_owner (PORTAL_NAME, TRUE);
}

/* The stand-in portal, answering every RequestBackground as @parameters
 * (JSON; see background-portal-mock.py) say. */
static void
start_portal (Fixture    *fixture,
              const char *parameters)
{
  g_autofree char *template = g_test_build_filename (G_TEST_DIST, "background-portal-mock.py", NULL);

  start_mock (fixture, (const char *[]) { PYTHON3, "-m", "dbusmock", "--template", template,
                                          "--parameters", parameters, NULL });
}

static void
stop_portal (Fixture *fixture)
{
  if (fixture->portal == NULL)
    return;
  g_subprocess_force_exit (fixture->portal);
  g_subprocess_wait (fixture->portal, NULL, NULL);
  g_clear_object (&fixture->portal);
  /* The next test's portal must not meet this one's name. */
  wait_for_owner (PORTAL_NAME, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwMessageDialog *dialog;
  gpointer window = fixture->window;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  /* Nothing may hold the window once the portal has answered: the
   * request that did is gone. */
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &window, TIMEOUT_S);

  g_dbus_connection_signal_unsubscribe (fixture->bus, fixture->response_id);
  stop_portal (fixture);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->bus);
}

/* The arguments of each RequestBackground the portal received, from the
 * mock's call log. */
static GPtrArray *
portal_requests (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariantIter) calls = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  const char *method;
  GVariant *args;

  reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, MOCK_IFACE, "GetCalls", NULL,
                                       G_VARIANT_TYPE ("(a(tsav))"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(tsav))", &calls);
  while (g_variant_iter_next (calls, "(t&s@av)", NULL, &method, &args))
    {
      if (g_str_equal (method, "RequestBackground"))
        g_ptr_array_add (requests, args);
      else
        g_variant_unref (args);
    }
  return requests;
}

/* How the portal spec names @window: "x11:" and its XID in hex. */
static char *
window_handle (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return g_strdup_printf ("x11:%lx", (gulong) gdk_x11_surface_get_xid (surface));
}

/* What libportal asked the portal, for the person's choice @autostart,
 * from the window @expected_parent. */
static void
assert_request (GVariant   *args,
                const char *expected_parent,
                gboolean    autostart)
{
  g_autoptr (GVariant) parent = NULL;
  g_autoptr (GVariant) options = NULL;
  g_autofree const char **commandline = NULL;
  const char *reason = NULL;
  const char *token = NULL;
  gboolean asked_autostart = !autostart;
  gboolean activatable = TRUE;

  g_assert_cmpuint (g_variant_n_children (args), ==, 2);
  g_variant_get_child (args, 0, "v", &parent);
  g_variant_get_child (args, 1, "v", &options);
  g_assert_true (g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT));

  /* The portal's question sits on the window the person chose in. */
  g_assert_cmpstr (g_variant_get_string (parent, NULL), ==, expected_parent);

  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
  g_assert_cmpstr (token, !=, "");
  g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  g_assert_cmpstr (reason, ==, _("Limber reminds you to take breaks from the moment you log in."));
  g_assert_true (g_variant_lookup (options, "autostart", "b", &asked_autostart));
  g_assert_cmpint (asked_autostart, ==, autostart);
  g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, ((const char *[]) { "limber", "--background", NULL }));
  /* Started by its command line, not by D-Bus activation. */
  g_assert_true (g_variant_lookup (options, "dbus-activatable", "b", &activatable));
  g_assert_false (activatable);
}

static gboolean
setting_off (gpointer user_data)
{
  return !g_settings_get_boolean (G_SETTINGS (user_data), "start-at-login");
}

/* The person switches start at login on, and the portal, or the lack of
 * one, keeps it off: the setting goes back, and a dialog on their window
 * says @reason. */
static void
assert_refused (Fixture    *fixture,
                const char *reason)
{
  g_autofree char *path = limber_autostart_file ();
  g_autofree char *body = g_strdup_printf (_("Start at login stays off: %s"), reason);
  AdwMessageDialog *dialog;

  g_settings_set_boolean (fixture->settings, "start-at-login", TRUE);
  limber_start_at_login_apply (fixture->settings, fixture->window);
  limber_test_wait_until (setting_off, fixture->settings, TIMEOUT_S);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Limber Cannot Start at Login"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  limber_test_drain_bus (fixture->bus);
  g_assert_null (find_dialog ());
  g_assert_false (g_settings_get_boolean (fixture->settings, "start-at-login"));
}

static void
test_granted (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = limber_autostart_file ();
  g_autofree char *handle = window_handle (fixture->window);
  g_autoptr (GPtrArray) requests = NULL;

  if (!have_dbusmock ())
    return;
  start_portal (fixture, "{}");

  /* On: asked with the reason, the command line and the window. */
  g_settings_set_boolean (fixture->settings, "start-at-login", TRUE);
  limber_start_at_login_apply (fixture->settings, fixture->window);
  limber_test_wait_for_count (&fixture->responses, 1, TIMEOUT_S);
  limber_test_drain_bus (fixture->bus);

  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 1);
  assert_request (g_ptr_array_index (requests, 0), handle, TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "start-at-login"));
  g_assert_null (find_dialog ());
  /* The desktop starts it at login: no file of Limber's own. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Off: the portal hears that too, and nothing is undone. */
  g_settings_set_boolean (fixture->settings, "start-at-login", FALSE);
  limber_start_at_login_apply (fixture->settings, fixture->window);
  limber_test_wait_for_count (&fixture->responses, 2, TIMEOUT_S);
  limber_test_drain_bus (fixture->bus);

  g_clear_pointer (&requests, g_ptr_array_unref);
  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 2);
  assert_request (g_ptr_array_index (requests, 1), handle, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "start-at-login"));
  g_assert_null (find_dialog ());
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A window that was never shown has no handle to give: the portal asks
 * on its own, as for no window at all. */
static void
test_window_not_shown (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (GPtrArray) requests = NULL;
  GtkWindow *hidden = GTK_WINDOW (gtk_window_new ());

  if (!have_dbusmock ())
    {
      gtk_window_destroy (hidden);
      return;
    }
  start_portal (fixture, "{}");

  g_settings_set_boolean (fixture->settings, "start-at-login", TRUE);
  limber_start_at_login_apply (fixture->settings, hidden);
  limber_test_wait_for_count (&fixture->responses, 1, TIMEOUT_S);
  limber_test_drain_bus (fixture->bus);

  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 1);
  assert_request (g_ptr_array_index (requests, 0), "", TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "start-at-login"));
  gtk_window_destroy (hidden);
}

/* Refused, or failed, or granted without start at login: each is off
 * again, said in the person's words rather than libportal's. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *handle = window_handle (fixture->window);
  g_autoptr (GPtrArray) requests = NULL;

  if (!have_dbusmock ())
    return;
  start_portal (fixture, "{\"response\": 1}");
  assert_refused (fixture, _("the desktop did not allow Limber to run in the background."));

  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 1);
  assert_request (g_ptr_array_index (requests, 0), handle, TRUE);
  g_assert_cmpuint (fixture->responses, ==, 1);
}

static void
test_failed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (GPtrArray) requests = NULL;

  if (!have_dbusmock ())
    return;
  start_portal (fixture, "{\"response\": 2}");
  assert_refused (fixture, _("the desktop could not turn it on."));

  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpuint (fixture->responses, ==, 1);
}

/* xdg-desktop-portal grants the background but not the start at login
 * where its backend cannot set one up: Response 0 with "autostart"
 * FALSE, which libportal 0.6 returns as FALSE without an error. */
static void
test_autostart_not_granted (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *handle = window_handle (fixture->window);
  g_autoptr (GPtrArray) requests = NULL;

  if (!have_dbusmock ())
    return;
  start_portal (fixture, "{\"autostart\": false}");
  assert_refused (fixture, _("the desktop allowed Limber to run in the background, but not to start at login."));

  requests = portal_requests ();
  g_assert_cmpuint (requests->len, ==, 1);
  assert_request (g_ptr_array_index (requests, 0), handle, TRUE);
}

/* A portal whose desktop has no Background backend does not offer the
 * interface at all. */
static void
test_no_background_interface (Fixture       *fixture,
                              gconstpointer  user_data)
{
  if (!have_dbusmock ())
    return;
  start_mock (fixture, (const char *[]) { PYTHON3, "-m", "dbusmock", PORTAL_NAME, PORTAL_PATH,
                                          "org.freedesktop.portal.Settings", NULL });
  assert_refused (fixture, _("the desktop offers no way to start Limber at login."));
  g_assert_cmpuint (fixture->responses, ==, 0);
}

/* A bus that offers nothing to start, not even a portal. GTestDBus would
 * do, but its watcher is a fork of this process, threads and all, whose
 * exit the leak checker reads as leaks. */
static const char bus_config[] =
  "<busconfig>"
  "  <type>session</type>"
  "  <listen>unix:tmpdir=%s</listen>"
  "  <policy context='default'>"
  "    <allow send_destination='*' eavesdrop='true'/>"
  "    <allow eavesdrop='true'/>"
  "    <allow own='*'/>"
  "  </policy>"
  "</busconfig>";

/* In the child of g_test_trap_subprocess(), before anything there has
 * connected to the session bus: @func on a bus of its own. */
static void
on_bus_without_services (GTestFunc func)
{
  g_autofree char *config_path = NULL;
  g_autofree char *config = g_strdup_printf (bus_config, g_get_tmp_dir ());
  g_autoptr (GSubprocess) daemon = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *address = NULL;
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("limber-bus-XXXXXX.conf", &config_path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (config_path, config, -1, &error));
  g_assert_no_error (error);
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon", "--nofork",
                             "--print-address=1", "--config-file", config_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  /* Nor is there an accessibility bus: GTK keeps what widgets tell it,
   * as the tests do where at-spi2-core is missing. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  func ();

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  g_unlink (config_path);
}

static void
portal_missing (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree const char **activatable = NULL;
  gboolean owned = TRUE;
  Fixture fixture = { 0 };

  /* The bus libportal uses, this process's, has no portal and cannot
   * start one. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(^a&s)", &activatable);
  g_assert_false (g_strv_contains (activatable, PORTAL_NAME));
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", PORTAL_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);
  g_assert_false (owned);
  g_clear_object (&bus);

  fixture_set_up (&fixture, NULL);
  assert_refused (&fixture, _("the desktop offers no way to start Limber at login."));
  fixture_tear_down (&fixture, NULL);
}

static void
test_portal_missing (void)
{
  if (g_test_subprocess ())
    {
      on_bus_without_services (portal_missing);
      return;
    }

  /* The timeout only guards against a hang. */
  g_test_trap_subprocess (NULL, 2 * TIMEOUT_S * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Outside the portal the autostart file does it (its contents are
 * test-window's /window/start-at-login). */
static void
autostart_file (void)
{
  g_autofree char *path = limber_autostart_file ();
  Fixture fixture = { 0 };

  g_unsetenv ("LIMBER_USE_PORTALS");
  fixture_set_up (&fixture, NULL);

  g_settings_set_boolean (fixture.settings, "start-at-login", TRUE);
  limber_start_at_login_apply (fixture.settings, fixture.window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_settings_set_boolean (fixture.settings, "start-at-login", FALSE);
  limber_start_at_login_apply (fixture.settings, fixture.window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (g_settings_get_boolean (fixture.settings, "start-at-login"));
  g_assert_cmpuint (fixture.responses, ==, 0);
  fixture_tear_down (&fixture, NULL);
}

static void
test_autostart_file (void)
{
  if (g_test_subprocess ())
    {
      autostart_file ();
      return;
    }

  g_test_trap_subprocess (NULL, 2 * TIMEOUT_S * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads them. As inside Flatpak, start at login goes
   * through the Background portal. */
  g_setenv ("LIMBER_USE_PORTALS", "1", TRUE);
  /* libadwaita reads the desktop's style from the Settings portal: not
   * from the stand-in, which has none, nor from a real portal the bus
   * would start for it. */
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/start-at-login/portal/granted", test_granted);
  ADD ("/start-at-login/portal/window-not-shown", test_window_not_shown);
  ADD ("/start-at-login/portal/refused", test_refused);
  ADD ("/start-at-login/portal/failed", test_failed);
  ADD ("/start-at-login/portal/autostart-not-granted", test_autostart_not_granted);
  ADD ("/start-at-login/portal/no-background-interface", test_no_background_interface);
#undef ADD
  g_test_add_func ("/start-at-login/portal/missing", test_portal_missing);
  g_test_add_func ("/start-at-login/autostart-file", test_autostart_file);

  return g_test_run ();
}
