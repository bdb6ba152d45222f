/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <unistd.h>

#include "limber-session-monitor.h"

#define LOGIND_NAME "org.freedesktop.login1"
#define LOGIND_PATH "/org/freedesktop/login1"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_INHIBIT "org.freedesktop.portal.Inhibit"

/* The login session's states in the Inhibit portal's StateChanged. */
enum {
  PORTAL_SESSION_RUNNING = 1,
  PORTAL_SESSION_QUERY_END = 2,
  PORTAL_SESSION_ENDING = 3,
};

struct _LimberSessionMonitor
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint            screensaver_id;
  guint            sleep_id;
  guint            lock_id;
  guint            unlock_id;

  /* The Inhibit portal's monitor: the request until the portal answers
   * it, then the session, which lives until we close it. */
  char            *portal_request;
  char            *portal_session;
  guint            portal_response_id;
  guint            portal_state_id;
  /* The portal repeats the screen saver's state with every change of the
   * session's: only a change is news. */
  gboolean         portal_locked;
};

G_DEFINE_FINAL_TYPE (LimberSessionMonitor, limber_session_monitor, G_TYPE_OBJECT)

enum {
  LOCKED,
  SLEEPING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
screensaver_active_cb (GDBusConnection *bus,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &active);
  g_signal_emit (user_data, signals[LOCKED], 0, active);
}

static void
prepare_for_sleep_cb (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean going = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going);
  g_signal_emit (user_data, signals[SLEEPING], 0, going);
}

static void
session_lock_cb (GDBusConnection *bus,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  g_signal_emit (user_data, signals[LOCKED], 0, g_str_equal (signal, "Lock"));
}

static void
session_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LimberSessionMonitor *self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *session_path;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No logind session: %s", error->message);
      return;
    }

  g_variant_get (reply, "(&o)", &session_path);
  self->lock_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                      "org.freedesktop.login1.Session", "Lock",
                                                      session_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                      session_lock_cb, self, NULL);
  self->unlock_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                        "org.freedesktop.login1.Session", "Unlock",
                                                        session_path, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                        session_lock_cb, self, NULL);
}

/* Stops listening to the portal, for good: it is missing or refused. */
static void
portal_give_up (LimberSessionMonitor *self,
                const char           *why)
{
  g_debug ("No lock from the Inhibit portal: %s", why);

  if (self->portal_response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_response_id);
  if (self->portal_state_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_state_id);
  self->portal_response_id = self->portal_state_id = 0;
  g_clear_pointer (&self->portal_request, g_free);
  g_clear_pointer (&self->portal_session, g_free);
}

static void
portal_state_changed_cb (GDBusConnection *bus,
                         const char      *sender,
                         const char      *path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  LimberSessionMonitor *self = user_data;
  g_autoptr (GVariant) state = NULL;
  const char *session;
  gboolean locked;
  guint32 session_state;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(oa{sv})")))
    return;
  g_variant_get (parameters, "(&o@a{sv})", &session, &state);
  /* This may come before the answer that the session is there. */
  if (g_strcmp0 (session, self->portal_session) != 0)
    return;

  if (g_variant_lookup (state, "session-state", "u", &session_state) &&
      session_state == PORTAL_SESSION_QUERY_END)
    {
      /* Logging out: nothing here needs saving, so never hold it up. */
      g_dbus_connection_call (self->session_bus, PORTAL_NAME, PORTAL_PATH, PORTAL_INHIBIT,
                              "QueryEndResponse", g_variant_new ("(o)", self->portal_session),
                              NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
    }

  if (g_variant_lookup (state, "screensaver-active", "b", &locked) &&
      locked != self->portal_locked)
    {
      self->portal_locked = locked;
      g_signal_emit (self, signals[LOCKED], 0, locked);
    }
}

static void
portal_response_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  LimberSessionMonitor *self = user_data;
  g_autoptr (GVariant) results = NULL;
  g_autoptr (GVariant) session = NULL;
  guint32 response;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);

  g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_response_id);
  self->portal_response_id = 0;
  g_clear_pointer (&self->portal_request, g_free);

  if (response != 0)
    {
      g_autofree char *why = g_strdup_printf ("it answered %u", response);

      portal_give_up (self, why);
      return;
    }

  /* The portal gives the session's path as a string; the spec says an
   * object path. Either names the session the state comes for. */
  session = g_variant_lookup_value (results, "session_handle", NULL);
  if (session != NULL &&
      (g_variant_is_of_type (session, G_VARIANT_TYPE_STRING) ||
       g_variant_is_of_type (session, G_VARIANT_TYPE_OBJECT_PATH)) &&
      g_variant_is_object_path (g_variant_get_string (session, NULL)))
    {
      g_free (self->portal_session);
      self->portal_session = g_variant_dup_string (session, NULL);
    }
}

static void
portal_monitor_created_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  LimberSessionMonitor *self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *request;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_dbus_error_strip_remote_error (error);
          portal_give_up (self, error->message);
        }
      return;
    }

  /* A portal older than handle_token answers at a path of its own. */
  g_variant_get (reply, "(&o)", &request);
  if (self->portal_request != NULL && !g_str_equal (request, self->portal_request))
    {
      g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_response_id);
      g_free (self->portal_request);
      self->portal_request = g_strdup (request);
      self->portal_response_id = g_dbus_connection_signal_subscribe (self->session_bus, PORTAL_NAME,
                                                                     "org.freedesktop.portal.Request", "Response",
                                                                     self->portal_request, NULL,
                                                                     G_DBUS_SIGNAL_FLAGS_NONE,
                                                                     portal_response_cb, self, NULL);
    }
}

/* Asks the Inhibit portal for a session monitor: its StateChanged tells
 * when the screen saver comes on and off, and when the session ends. */
static void
portal_start (LimberSessionMonitor *self)
{
  const char *unique_name = g_dbus_connection_get_unique_name (self->session_bus);
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  GVariantBuilder options;

  if (unique_name == NULL || unique_name[0] != ':')
    {
      g_debug ("No lock from the Inhibit portal: the session bus is not a message bus");
      return;
    }

  /* The portal names the request and the session after our name on the
   * bus and the tokens we give: listen there before asking, so that no
   * answer comes unheard. */
  sender = g_strdelimit (g_strdup (unique_name + 1), ".", '_');
  token = g_strdup_printf ("limber%u", g_random_int ());
  self->portal_request = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  self->portal_session = g_strdup_printf (PORTAL_PATH "/session/%s/%s", sender, token);

  self->portal_response_id = g_dbus_connection_signal_subscribe (self->session_bus, PORTAL_NAME,
                                                                 "org.freedesktop.portal.Request", "Response",
                                                                 self->portal_request, NULL,
                                                                 G_DBUS_SIGNAL_FLAGS_NONE,
                                                                 portal_response_cb, self, NULL);
  self->portal_state_id = g_dbus_connection_signal_subscribe (self->session_bus, PORTAL_NAME,
                                                              PORTAL_INHIBIT, "StateChanged",
                                                              PORTAL_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                              portal_state_changed_cb, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "session_handle_token", g_variant_new_string (token));
  /* No window: the daemon has none. */
  g_dbus_connection_call (self->session_bus, PORTAL_NAME, PORTAL_PATH, PORTAL_INHIBIT,
                          "CreateMonitor", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, portal_monitor_created_cb, self);
}

/* Ends the portal's monitor, or the request for it still under way. No
 * answer is awaited: the object is going. */
static void
portal_stop (LimberSessionMonitor *self)
{
  if (self->session_bus == NULL)
    return;

  if (self->portal_request != NULL)
    g_dbus_connection_call (self->session_bus, PORTAL_NAME, self->portal_request,
                            "org.freedesktop.portal.Request", "Close", NULL, NULL,
                            G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
  if (self->portal_session != NULL)
    g_dbus_connection_call (self->session_bus, PORTAL_NAME, self->portal_session,
                            "org.freedesktop.portal.Session", "Close", NULL, NULL,
                            G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);

  if (self->portal_response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_response_id);
  if (self->portal_state_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->portal_state_id);
  self->portal_response_id = self->portal_state_id = 0;
  g_clear_pointer (&self->portal_request, g_free);
  g_clear_pointer (&self->portal_session, g_free);
}

static void
logind_start (LimberSessionMonitor *self)
{
  g_autoptr (GError) error = NULL;

  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus, so no logind: %s", error->message);
      return;
    }

  self->sleep_id = g_dbus_connection_signal_subscribe (self->system_bus, LOGIND_NAME,
                                                       "org.freedesktop.login1.Manager", "PrepareForSleep",
                                                       LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                       prepare_for_sleep_cb, self, NULL);
  /* A daemon started by D-Bus activation runs outside the session's
   * processes; the session it serves is named in its environment. */
  if (g_getenv ("XDG_SESSION_ID") != NULL)
    g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, "org.freedesktop.login1.Manager",
                            "GetSession", g_variant_new ("(s)", g_getenv ("XDG_SESSION_ID")),
                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                            self->cancellable, session_found_cb, self);
  else
    g_dbus_connection_call (self->system_bus, LOGIND_NAME, LOGIND_PATH, "org.freedesktop.login1.Manager",
                            "GetSessionByPID", g_variant_new ("(u)", (guint32) getpid ()),
                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                            self->cancellable, session_found_cb, self);
}

static void
limber_session_monitor_dispose (GObject *object)
{
  LimberSessionMonitor *self = LIMBER_SESSION_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  portal_stop (self);
  if (self->session_bus != NULL && self->screensaver_id != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_id);
  if (self->system_bus != NULL)
    {
      guint *ids[] = { &self->sleep_id, &self->lock_id, &self->unlock_id };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        if (*ids[i] != 0)
          g_dbus_connection_signal_unsubscribe (self->system_bus, *ids[i]);
    }
  self->screensaver_id = self->sleep_id = self->lock_id = self->unlock_id = 0;
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  G_OBJECT_CLASS (limber_session_monitor_parent_class)->dispose (object);
}

static void
limber_session_monitor_class_init (LimberSessionMonitorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = limber_session_monitor_dispose;

  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SLEEPING] = g_signal_new ("sleeping", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
limber_session_monitor_init (LimberSessionMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

LimberSessionMonitor *
limber_session_monitor_new_for_sources (LimberSessionSources sources)
{
  LimberSessionMonitor *self = g_object_new (LIMBER_TYPE_SESSION_MONITOR, NULL);
  g_autoptr (GError) error = NULL;

  if (sources & (LIMBER_SESSION_SOURCE_SCREENSAVER | LIMBER_SESSION_SOURCE_PORTAL))
    {
      self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      if (self->session_bus == NULL)
        g_debug ("No session bus: %s", error->message);
    }

  /* Signals only: nothing is asked of a service that may not exist. */
  if (self->session_bus != NULL && (sources & LIMBER_SESSION_SOURCE_SCREENSAVER))
    self->screensaver_id = g_dbus_connection_signal_subscribe (self->session_bus, "org.gnome.ScreenSaver",
                                                               "org.gnome.ScreenSaver", "ActiveChanged",
                                                               "/org/gnome/ScreenSaver", NULL,
                                                               G_DBUS_SIGNAL_FLAGS_NONE,
                                                               screensaver_active_cb, self, NULL);

  /* The portal is started when asked for: inside Flatpak it always is
   * there to be started. */
  if (self->session_bus != NULL && (sources & LIMBER_SESSION_SOURCE_PORTAL))
    portal_start (self);

  if (sources & LIMBER_SESSION_SOURCE_LOGIND)
    logind_start (self);

  return self;
}

