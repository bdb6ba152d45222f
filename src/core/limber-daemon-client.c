/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon-client"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-break-scheduler.h"
#include "limber-daemon-client.h"

/* A daemon that has not taken its name after this long is stuck. */
#define DAEMON_START_TIMEOUT_S 10

G_DEFINE_QUARK (limber-daemon-client-error-quark, limber_daemon_client_error)

gboolean
limber_daemon_is_running (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (bus), FALSE);

  reply = g_dbus_connection_call_sync (bus,
                                       "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", LIMBER_DAEMON_BUS_NAME),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

typedef struct
{
  GDBusConnection          *bus;
  LimberDaemonConnectFlags  flags;
  GSubprocess              *daemon;
  /* Ends the wait for the spawned daemon's exit once it has appeared. */
  GCancellable             *daemon_wait;
  GSource                  *timeout_source;
  guint                     watch_id;
} ConnectData;

/* Drops the start-up watches; each holds a reference to the task. */
static void
stop_watching (ConnectData *data)
{
  g_clear_handle_id (&data->watch_id, g_bus_unwatch_name);
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  if (data->daemon_wait != NULL)
    g_cancellable_cancel (data->daemon_wait);
}

static void
connect_data_free (ConnectData *data)
{
  stop_watching (data);
  g_clear_object (&data->daemon_wait);
  g_clear_object (&data->daemon);
  g_clear_object (&data->bus);
  g_free (data);
}

static void
proxy_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  LimberBreaks *proxy;

  proxy = limber_breaks_proxy_new_finish (result, &error);
  if (proxy == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, proxy, g_object_unref);
}

static void
make_proxy (GTask *task)
{
  ConnectData *data = g_task_get_task_data (task);

  /* The daemon is running now: never let a method call start another. */
  limber_breaks_proxy_new (data->bus,
                           G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                           LIMBER_DAEMON_BUS_NAME,
                           LIMBER_DAEMON_OBJECT_PATH,
                           g_task_get_cancellable (task),
                           proxy_ready_cb,
                           g_object_ref (task));
  stop_watching (data);
}

/* Runs from the build tree start the programs built beside them, not
 * installed ones of another version. Only the build tree sets this (meson
 * devenv, build-aux/run and the tests), so the installed programs hold no
 * path of the build. */
static const char *
get_build_dir (void)
{
  const char *build_dir = g_getenv ("LIMBER_BUILD_DIR");

  return build_dir != NULL && *build_dir != '\0' ? build_dir : NULL;
}

char *
limber_find_executable (const char *name)
{
  const char *build_dir = get_build_dir ();

  g_return_val_if_fail (g_strcmp0 (name, "limber") == 0 || g_strcmp0 (name, "limber-window") == 0 ||
                        g_strcmp0 (name, "limber-daemon") == 0, NULL);

  if (build_dir != NULL)
    return g_str_equal (name, "limber-daemon")
           ? g_build_filename (build_dir, "src", "daemon", name, NULL)
           : g_build_filename (build_dir, "src", name, NULL);

  /* The window is no command of its own: `limber` starts it. */
  return g_build_filename (g_str_equal (name, "limber-window") ? LIBEXECDIR : BINDIR, name, NULL);
}

char *
limber_find_locale_dir (void)
{
  const char *build_dir = get_build_dir ();

  /* The build tree compiles the translations into po/. */
  if (build_dir != NULL)
    return g_build_filename (build_dir, "po", NULL);
  return g_strdup (LOCALEDIR);
}

void
limber_open_window (const char *first_argument,
                    ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  const char *argument;
  va_list arguments;

  g_ptr_array_add (argv, limber_find_executable ("limber"));
  va_start (arguments, first_argument);
  for (argument = first_argument; argument != NULL; argument = va_arg (arguments, const char *))
    g_ptr_array_add (argv, g_strdup (argument));
  va_end (arguments);
  g_ptr_array_add (argv, NULL);

  /* GApplication's uniqueness turns this into raising the window that is
   * already open. */
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &error))
    g_warning ("Cannot open Limber: %s", error->message);
}

static void
name_appeared_cb (GDBusConnection *bus,
                  const char      *name,
                  const char      *name_owner,
                  gpointer         user_data)
{
  make_proxy (G_TASK (user_data));
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  ConnectData *data = g_task_get_task_data (task);

  g_object_ref (task);
  stop_watching (data);
  g_task_return_new_error (task, LIMBER_DAEMON_CLIENT_ERROR,
                           LIMBER_DAEMON_CLIENT_ERROR_TIMED_OUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The break timer was started but did not answer within %d second.",
                                        "The break timer was started but did not answer within %d seconds.",
                                        DAEMON_START_TIMEOUT_S),
                           DAEMON_START_TIMEOUT_S);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
daemon_exited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ConnectData *data = g_task_get_task_data (task);
  GSubprocess *daemon = G_SUBPROCESS (object);

  /* Cancelled: the daemon appeared, or the caller gave up. */
  if (!g_subprocess_wait_finish (daemon, result, NULL) || data->watch_id == 0)
    return;

  /* Another client may have started a daemon at the same moment; then ours
   * exits because the name is taken, and the other one serves us. The
   * watch reports that one. */
  if (limber_daemon_is_running (data->bus))
    return;

  stop_watching (data);
  g_task_return_new_error (task, LIMBER_DAEMON_CLIENT_ERROR,
                           LIMBER_DAEMON_CLIENT_ERROR_START_FAILED,
                           _("The break timer exited as soon as it started (exit status %d)."),
                           g_subprocess_get_if_exited (daemon)
                             ? g_subprocess_get_exit_status (daemon)
                             : -1);
}

static void
child_setup (gpointer user_data)
{
  /* Leave the caller's session, so that closing the terminal that ran
   * "limber --background" does not end the daemon with it. */
  setsid ();
}

static void
spawn_daemon (GTask *task)
{
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = limber_find_executable ("limber-daemon");

  g_debug ("Starting %s", path);

  /* Detached like any daemon: holding the caller's output open would keep
   * a pipe such as `limber --background | cat` from ever ending. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  data->daemon = g_subprocess_launcher_spawn (launcher, &error, path, NULL);
  if (data->daemon == NULL)
    {
      g_task_return_new_error (task, LIMBER_DAEMON_CLIENT_ERROR,
                               LIMBER_DAEMON_CLIENT_ERROR_START_FAILED,
                               _("The break timer could not be started: %s"),
                               error->message);
      return;
    }

  data->watch_id = g_bus_watch_name_on_connection (data->bus,
                                                   LIMBER_DAEMON_BUS_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   name_appeared_cb,
                                                   NULL,
                                                   g_object_ref (task),
                                                   g_object_unref);

  data->timeout_source = g_timeout_source_new_seconds (DAEMON_START_TIMEOUT_S);
  g_source_set_callback (data->timeout_source, start_timeout_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (data->timeout_source, g_task_get_context (task));

  data->daemon_wait = g_cancellable_new ();
  g_subprocess_wait_async (data->daemon,
                           data->daemon_wait,
                           daemon_exited_cb,
                           g_object_ref (task));
}

static void
start_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    {
      make_proxy (task);
      return;
    }

  /* No activation file (not installed, or a bus without our service
   * directory): start the installed executable ourselves. */
  g_debug ("D-Bus activation failed: %s", error->message);
  spawn_daemon (task);
}

static void
name_has_owner_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ConnectData *data = g_task_get_task_data (task);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    {
      make_proxy (task);
      return;
    }

  if (!(data->flags & LIMBER_DAEMON_CONNECT_START))
    {
      g_task_return_new_error (task, LIMBER_DAEMON_CLIENT_ERROR,
                               LIMBER_DAEMON_CLIENT_ERROR_NOT_RUNNING,
                               _("The break timer is not running."));
      return;
    }

  /* D-Bus activation would start the installed daemon. */
  if (get_build_dir () != NULL)
    {
      spawn_daemon (task);
      return;
    }

  g_dbus_connection_call (data->bus,
                          "org.freedesktop.DBus",
                          "/org/freedesktop/DBus",
                          "org.freedesktop.DBus",
                          "StartServiceByName",
                          g_variant_new ("(su)", LIMBER_DAEMON_BUS_NAME, 0),
                          G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          g_task_get_cancellable (task),
                          start_service_cb,
                          g_object_ref (task));
}

void
limber_daemon_connect (GDBusConnection          *bus,
                       LimberDaemonConnectFlags  flags,
                       GCancellable             *cancellable,
                       GAsyncReadyCallback       callback,
                       gpointer                  user_data)
{
  g_autoptr (GTask) task = NULL;
  ConnectData *data;

  g_return_if_fail (G_IS_DBUS_CONNECTION (bus));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* The daemon's refusals come back as LIMBER_BREAK_SCHEDULER_ERROR. */
  (void) limber_break_scheduler_error_quark ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, limber_daemon_connect);

  data = g_new0 (ConnectData, 1);
  data->bus = g_object_ref (bus);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);

  g_dbus_connection_call (bus,
                          "org.freedesktop.DBus",
                          "/org/freedesktop/DBus",
                          "org.freedesktop.DBus",
                          "NameHasOwner",
                          g_variant_new ("(s)", LIMBER_DAEMON_BUS_NAME),
                          G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          cancellable,
                          name_has_owner_cb,
                          g_object_ref (task));
}

LimberBreaks *
limber_daemon_connect_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == limber_daemon_connect, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
connect_sync_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

LimberBreaks *
limber_daemon_connect_sync (GDBusConnection           *bus,
                            LimberDaemonConnectFlags   flags,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autoptr (GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr (GAsyncResult) result = NULL;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (bus), NULL);

  /* The proxy delivers its signals to this context afterwards, so it must
   * be the caller's own rather than a private one. */
  limber_daemon_connect (bus, flags, cancellable, connect_sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  return limber_daemon_connect_finish (result, error);
}
