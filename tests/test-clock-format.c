/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "limber-break-format.h"
#include "limber-desktop-clock-private.h"
#include "limber-test-util.h"

/* Times of day as the desktop shows them, 12- or 24-hour, and durations
 * told one way everywhere. Core formats with the clock it is given and
 * needs no schema; the desktop library learns that clock from GSettings
 * or the settings portal. */

#define DESKTOP_SCHEMAS "/usr/share/glib-2.0/schemas"
#define INTERFACE "org.gnome.desktop.interface"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"

/* 14:35 on a day in November. */
static GDateTime *
afternoon (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (utc, 2026, 11, 25, 14, 35, 0);
}

/* The desktop's schema from where the system keeps it, with settings in
 * memory; NULL when it is not installed. */
static GSettings *
interface_settings (void)
{
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsBackend) backend = NULL;

  if (!g_file_test (DESKTOP_SCHEMAS "/gschemas.compiled", G_FILE_TEST_EXISTS))
    return NULL;
  source = g_settings_schema_source_new_from_directory (DESKTOP_SCHEMAS, NULL, FALSE, NULL);
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE, FALSE)) ||
      !g_settings_schema_has_key (schema, "clock-format"))
    return NULL;
  backend = g_memory_settings_backend_new ();
  return g_settings_new_full (schema, backend, NULL);
}

/* Before anything is set, core gives the locale's clock, whatever the
 * desktop's settings say: it reads none. Runs first, before any test
 * sets a format. */
static void
test_unset (void)
{
  g_autoptr (GDateTime) time = afternoon ();
  g_autofree char *text = NULL;
  g_autoptr (GSettings) desktop = limber_desktop_clock_settings ();

  /* C.UTF-8 has the 24-hour clock. */
  g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_24H);
  if (desktop != NULL)
    g_assert_true (g_settings_set_string (desktop, "clock-format", "12h"));
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);
  text = limber_format_time_of_day (time);
  g_assert_cmpstr (text, ==, "14:35");
  if (desktop != NULL)
    g_settings_reset (desktop, "clock-format");
}

static void
test_parse (void)
{
  g_assert_cmpint (limber_clock_format_parse ("12h", LIMBER_CLOCK_FORMAT_24H), ==, LIMBER_CLOCK_FORMAT_12H);
  g_assert_cmpint (limber_clock_format_parse ("24h", LIMBER_CLOCK_FORMAT_12H), ==, LIMBER_CLOCK_FORMAT_24H);
  g_assert_cmpint (limber_clock_format_parse ("12", LIMBER_CLOCK_FORMAT_24H), ==, LIMBER_CLOCK_FORMAT_24H);
  g_assert_cmpint (limber_clock_format_parse (NULL, LIMBER_CLOCK_FORMAT_12H), ==, LIMBER_CLOCK_FORMAT_12H);
}

static void
test_from_settings (void)
{
  g_autoptr (GSettings) settings = interface_settings ();
  g_autoptr (GDateTime) time = afternoon ();
  g_autofree char *twelve = NULL;
  g_autofree char *twenty_four = NULL;
  g_autofree char *morning_text = NULL;
  g_autoptr (GDateTime) morning = NULL;

  if (settings == NULL)
    {
      g_test_skip ("The schema " INTERFACE " is not installed in " DESKTOP_SCHEMAS);
      return;
    }

  g_assert_true (g_settings_set_string (settings, "clock-format", "12h"));
  g_assert_cmpint (limber_desktop_clock_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_12H);
  limber_clock_format_set (limber_desktop_clock_from_settings (settings));
  twelve = limber_format_time_of_day (time);
  g_assert_cmpstr (twelve, ==, "2:35 PM");
  morning = g_date_time_add_hours (time, -14);
  morning_text = limber_format_time_of_day (morning);
  g_assert_cmpstr (morning_text, ==, "12:35 AM");

  g_assert_true (g_settings_set_string (settings, "clock-format", "24h"));
  g_assert_cmpint (limber_desktop_clock_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_24H);
  limber_clock_format_set (limber_desktop_clock_from_settings (settings));
  twenty_four = limber_format_time_of_day (time);
  g_assert_cmpstr (twenty_four, ==, "14:35");
}

/* A key nobody set speaks for GNOME, whose clock shows its default, but
 * not for KDE or Xfce, where the locale decides. */
static void
test_unset_key (void)
{
  g_autoptr (GSettings) settings = interface_settings ();
  g_autofree char *saved = g_strdup (g_getenv ("XDG_CURRENT_DESKTOP"));

  if (settings == NULL)
    {
      g_test_skip ("The schema " INTERFACE " is not installed in " DESKTOP_SCHEMAS);
      return;
    }

  g_settings_reset (settings, "clock-format");
  g_setenv ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME", TRUE);
  g_assert_cmpint (limber_desktop_clock_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_24H);
  g_setenv ("XDG_CURRENT_DESKTOP", "KDE", TRUE);
  g_assert_cmpint (limber_desktop_clock_from_settings (settings), ==, limber_clock_format_from_locale ());
  g_assert_true (g_settings_set_string (settings, "clock-format", "12h"));
  g_assert_cmpint (limber_desktop_clock_from_settings (settings), ==, LIMBER_CLOCK_FORMAT_12H);

  if (saved != NULL)
    g_setenv ("XDG_CURRENT_DESKTOP", saved, TRUE);
  else
    g_unsetenv ("XDG_CURRENT_DESKTOP");
}

/* Every surface that says when a break comes says it on that clock. */
static void
test_next_break (void)
{
  gint64 now_us = 1000 * G_USEC_PER_SEC;
  /* 2023-11-14 22:13:20 UTC. */
  g_autoptr (GVariant) coming = g_variant_ref_sink (g_variant_new ("(xx)", now_us + 12 * 60 * G_USEC_PER_SEC,
                                                                   (gint64) 1700000000));
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+05:00");
  g_autofree char *twelve = NULL;
  g_autofree char *twenty_four = NULL;

  limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
  twelve = limber_format_next_break (coming, "micro", "working", "", now_us, zone);
  g_assert_cmpstr (twelve, ==, "in 12 min (at 3:13 AM)");
  limber_clock_format_set (LIMBER_CLOCK_FORMAT_24H);
  twenty_four = limber_format_next_break (coming, "micro", "working", "", now_us, zone);
  g_assert_cmpstr (twenty_four, ==, "in 12 min (at 03:13)");
}

typedef struct
{
  guint calls;
} Followed;

static void
followed_cb (gpointer user_data)
{
  ((Followed *) user_data)->calls++;
}

/* A long-lived process follows the desktop's setting as it changes. */
static void
test_follow (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) desktop = NULL;
  g_autoptr (GObject) follower = NULL;
  Followed followed = { 0 };

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, INTERFACE, TRUE)) ||
      !g_settings_schema_has_key (schema, "clock-format"))
    {
      g_test_skip ("The schema " INTERFACE " is not installed");
      return;
    }

  /* The memory backend is this process's: the desktop is played here. */
  desktop = g_settings_new (INTERFACE);
  g_assert_true (g_settings_set_string (desktop, "clock-format", "24h"));
  follower = G_OBJECT (limber_desktop_clock_follow (G_CALLBACK (followed_cb), &followed));
  g_assert_nonnull (follower);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);
  g_assert_cmpint (limber_desktop_clock_detect (), ==, LIMBER_CLOCK_FORMAT_24H);

  g_assert_true (g_settings_set_string (desktop, "clock-format", "12h"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (followed.calls, >=, 1);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_12H);
  g_assert_cmpint (limber_desktop_clock_detect (), ==, LIMBER_CLOCK_FORMAT_12H);

  /* Let go of, it calls no more. */
  g_clear_object (&follower);
  followed.calls = 0;
  g_assert_true (g_settings_set_string (desktop, "clock-format", "24h"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (followed.calls, ==, 0);

  /* Read once, for the window and the command line. */
  limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
  limber_desktop_clock_apply ();
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);
}

/* A settings portal on the test's bus, on a connection and a thread of
 * its own, so that it answers while the test waits for it. */
typedef struct
{
  GMutex           lock;
  char            *clock_format;
  gboolean         has_read_one;
  GDBusConnection *connection;
  GMainContext    *context;
  GMainLoop       *loop;
  GThread         *thread;
  guint            registration_id;
  gboolean         ready;
  gboolean         owned;
} Portal;

static const char portal_xml_v2[] =
  "<node><interface name='" PORTAL_SETTINGS "'>"
  "<method name='ReadOne'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
  "</interface></node>";

/* Version 1 had Read only. */
static const char portal_xml_v1[] =
  "<node><interface name='" PORTAL_SETTINGS "'>"
  "<method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
  "</interface></node>";

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Portal *portal = user_data;
  const char *namespace, *key;
  g_autofree char *value = NULL;
  GVariant *answer;

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  if (g_strcmp0 (namespace, INTERFACE) != 0 || g_strcmp0 (key, "clock-format") != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                  "No such setting");
      return;
    }

  g_mutex_lock (&portal->lock);
  value = g_strdup (portal->clock_format);
  g_mutex_unlock (&portal->lock);

  answer = g_variant_new_string (value);
  if (g_strcmp0 (method, "Read") == 0)
    answer = g_variant_new_variant (answer);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", answer));
}

static const GDBusInterfaceVTable portal_vtable = { portal_method_cb, NULL, NULL, { 0 } };

static gpointer
portal_thread (gpointer user_data)
{
  Portal *portal = user_data;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GVariant) reply = NULL;
  guint32 code = 0;

  g_main_context_push_thread_default (portal->context);
  node = g_dbus_node_info_new_for_xml (portal->has_read_one ? portal_xml_v2 : portal_xml_v1, NULL);
  portal->registration_id = g_dbus_connection_register_object (portal->connection, PORTAL_PATH,
                                                               node->interfaces[0], &portal_vtable,
                                                               portal, NULL, NULL);
  /* 1: the primary owner. */
  reply = g_dbus_connection_call_sync (portal->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", PORTAL_NAME, 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &code);
  g_mutex_lock (&portal->lock);
  portal->owned = code == 1;
  portal->ready = TRUE;
  g_mutex_unlock (&portal->lock);

  g_main_loop_run (portal->loop);

  g_dbus_connection_unregister_object (portal->connection, portal->registration_id);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

/* NULL, with the test skipped, when there is no bus to play it on. */
static Portal *
portal_start (const char *clock_format,
              gboolean    has_read_one)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  Portal *portal;
  gboolean ready = FALSE, owned = FALSE;

  if (address == NULL)
    {
      g_test_skip ("No session bus");
      return NULL;
    }

  portal = g_new0 (Portal, 1);
  g_mutex_init (&portal->lock);
  portal->clock_format = g_strdup (clock_format);
  portal->has_read_one = has_read_one;
  portal->connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, NULL);
  g_assert_nonnull (portal->connection);
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  portal->thread = g_thread_new ("portal", portal_thread, portal);

  while (!ready)
    {
      g_usleep (1000);
      g_mutex_lock (&portal->lock);
      ready = portal->ready;
      owned = portal->owned;
      g_mutex_unlock (&portal->lock);
    }
  g_assert_true (owned);
  return portal;
}

static void
portal_set (Portal     *portal,
            const char *clock_format)
{
  g_mutex_lock (&portal->lock);
  g_free (portal->clock_format);
  portal->clock_format = g_strdup (clock_format);
  g_mutex_unlock (&portal->lock);
  g_assert_true (g_dbus_connection_emit_signal (portal->connection, NULL, PORTAL_PATH, PORTAL_SETTINGS,
                                                "SettingChanged",
                                                g_variant_new ("(ssv)", INTERFACE, "clock-format",
                                                               g_variant_new_string (clock_format)),
                                                NULL));
}

static void
portal_stop (Portal *portal)
{
  g_main_loop_quit (portal->loop);
  g_thread_join (portal->thread);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_object_unref (portal->connection);
  g_main_loop_unref (portal->loop);
  g_main_context_unref (portal->context);
  g_mutex_clear (&portal->lock);
  g_free (portal->clock_format);
  g_free (portal);
}

/* Everything the portal sent so far has arrived and been handled: its
 * answer to a read comes after its signals. */
static void
portal_settle (void)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                                       g_variant_new ("(ss)", INTERFACE, "clock-format"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Inside Flatpak: the portal is asked without blocking, and its answer
 * sets the format and says so; then its signal does. */
static void
test_portal (gconstpointer data)
{
  gboolean has_read_one = GPOINTER_TO_INT (data);
  Portal *portal = portal_start ("12h", has_read_one);
  g_autoptr (GObject) follower = NULL;
  g_autofree char *read = NULL;
  Followed followed = { 0 };

  if (portal == NULL)
    return;

  /* The short read of the command line, ReadOne or Read alike. */
  read = limber_desktop_clock_read_portal ();
  g_assert_cmpstr (read, ==, "12h");

  limber_clock_format_set (LIMBER_CLOCK_FORMAT_24H);
  follower = G_OBJECT (limber_desktop_clock_follow_portal (G_CALLBACK (followed_cb), &followed));
  g_assert_nonnull (follower);
  /* Nothing waited for the answer. */
  g_assert_cmpuint (followed.calls, ==, 0);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);

  limber_test_wait_for_count (&followed.calls, 1, 10);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_12H);

  portal_set (portal, "24h");
  limber_test_wait_for_count (&followed.calls, 2, 10);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);

  /* Let go of, it calls no more. */
  g_clear_object (&follower);
  followed.calls = 0;
  portal_set (portal, "12h");
  portal_settle ();
  g_assert_cmpuint (followed.calls, ==, 0);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);

  /* Let go of before the portal answered: the answer is dropped. */
  follower = G_OBJECT (limber_desktop_clock_follow_portal (G_CALLBACK (followed_cb), &followed));
  g_clear_object (&follower);
  portal_settle ();
  g_assert_cmpuint (followed.calls, ==, 0);
  g_assert_cmpint (limber_clock_format_get (), ==, LIMBER_CLOCK_FORMAT_24H);

  portal_stop (portal);
}

/* Without the desktop's setting, the locale's own time format decides. */
static void
test_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  gboolean tested = FALSE;

  g_assert_nonnull (setlocale (LC_TIME, "C.UTF-8"));
  g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_24H);

  if (setlocale (LC_TIME, "en_US.UTF-8") != NULL)
    {
      g_autoptr (GDateTime) time = afternoon ();
      g_autofree char *text = NULL;

      g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_12H);
      limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
      text = limber_format_time_of_day (time);
      g_assert_cmpstr (text, ==, "2:35 PM");
      tested = TRUE;
    }
  if (setlocale (LC_TIME, "de_DE.UTF-8") != NULL)
    {
      g_autoptr (GDateTime) time = afternoon ();
      g_autofree char *text = NULL;

      g_assert_cmpint (limber_clock_format_from_locale (), ==, LIMBER_CLOCK_FORMAT_24H);
      /* Set to 12 hours all the same: a locale without AM and PM gets the
       * 24-hour clock rather than an ambiguous “2:35”. */
      limber_clock_format_set (LIMBER_CLOCK_FORMAT_12H);
      text = limber_format_time_of_day (time);
      g_assert_cmpstr (text, ==, "14:35");
      tested = TRUE;
    }
  setlocale (LC_TIME, saved);
  limber_clock_format_set (LIMBER_CLOCK_FORMAT_24H);

  if (!tested)
    g_test_skip ("Neither en_US.UTF-8 nor de_DE.UTF-8 is installed (locale -a)");
}

/* One rule for every duration: seconds under a minute, minutes under an
 * hour, hours and minutes from there; never “60 min”. */
static void
test_durations (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "0 s" }, { 1, "1 s" }, { 59, "59 s" }, { 60, "1 min" }, { 89, "1 min" },
    { 90, "2 min" }, { 59 * 60, "59 min" }, { 3569, "59 min" }, { 3570, "1 h" },
    { 3599, "1 h" }, { 3600, "1 h" }, { 3900, "1 h 5 min" }, { 2 * 3600, "2 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* Core: plain values, no schema. */
  g_test_add_func ("/clock-format/unset", test_unset);
  g_test_add_func ("/clock-format/parse", test_parse);
  g_test_add_func ("/clock-format/next-break", test_next_break);
  g_test_add_func ("/clock-format/locale", test_locale);
  g_test_add_func ("/clock-format/durations", test_durations);
  /* The desktop's setting: GSettings, the settings portal. */
  g_test_add_func ("/clock-format/desktop/from-settings", test_from_settings);
  g_test_add_func ("/clock-format/desktop/unset-key", test_unset_key);
  g_test_add_func ("/clock-format/desktop/follow", test_follow);
  g_test_add_data_func ("/clock-format/desktop/portal", GINT_TO_POINTER (TRUE), test_portal);
  g_test_add_data_func ("/clock-format/desktop/portal-v1", GINT_TO_POINTER (FALSE), test_portal);

  return g_test_run ();
}
