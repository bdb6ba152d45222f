/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-dbus-breaks.h"

G_BEGIN_DECLS

#define LIMBER_DAEMON_BUS_NAME    "io.github.limberapp.Limber.Daemon"
#define LIMBER_DAEMON_OBJECT_PATH "/io/github/limberapp/Limber/Daemon"

#define LIMBER_DAEMON_CLIENT_ERROR (limber_daemon_client_error_quark ())

typedef enum
{
  /* limber-daemon is not running and the caller did not ask to start it. */
  LIMBER_DAEMON_CLIENT_ERROR_NOT_RUNNING,
  /* limber-daemon could not be started, or exited before it took its name. */
  LIMBER_DAEMON_CLIENT_ERROR_START_FAILED,
  /* limber-daemon was started but did not appear on the bus in time. */
  LIMBER_DAEMON_CLIENT_ERROR_TIMED_OUT,
} LimberDaemonClientError;

typedef enum
{
  LIMBER_DAEMON_CONNECT_NONE  = 0,
  /* Start limber-daemon when it is not running. */
  LIMBER_DAEMON_CONNECT_START = 1 << 0,
} LimberDaemonConnectFlags;

GQuark        limber_daemon_client_error_quark (void);

/**
 * limber_find_executable:
 * @name: "limber", "limber-window" or "limber-daemon"
 *
 * The program to start: the installed one, or, where the environment
 * variable LIMBER_BUILD_DIR names a build tree (as meson devenv,
 * build-aux/run and the tests set it), the one built there.
 */
char         *limber_find_executable           (const char                *name);

/**
 * limber_find_locale_dir:
 *
 * Where the translations are: installed, or, as limber_find_executable()
 * decides, those built in the build tree.
 */
char         *limber_find_locale_dir           (void);

/**
 * limber_open_window:
 * @first_argument: (nullable): the first argument for `limber`, such as
 *   "--page=journal"; the list ends with %NULL
 *
 * Starts `limber`, which opens the window or, when it is already open,
 * raises it. Failures are logged.
 */
void          limber_open_window               (const char                *first_argument,
                                                ...) G_GNUC_NULL_TERMINATED;

/**
 * limber_daemon_is_running:
 *
 * Whether limber-daemon owns its name on @bus; %FALSE when the bus does
 * not answer.
 */
gboolean      limber_daemon_is_running         (GDBusConnection           *bus);

/**
 * limber_daemon_connect:
 *
 * Makes a proxy for the break timer of limber-daemon on @bus, starting the
 * daemon first when @flags asks for it: the one built beside the caller when
 * it runs from the build tree, otherwise by D-Bus activation, falling back to
 * the installed executable.
 */
void          limber_daemon_connect            (GDBusConnection           *bus,
                                                LimberDaemonConnectFlags   flags,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
LimberBreaks *limber_daemon_connect_finish     (GAsyncResult              *result,
                                                GError                   **error);

/**
 * limber_daemon_connect_sync:
 *
 * The blocking form of limber_daemon_connect(), for the command line: it
 * runs the thread-default main context until done, so call it only where no
 * main loop is running.
 */
LimberBreaks *limber_daemon_connect_sync       (GDBusConnection           *bus,
                                                LimberDaemonConnectFlags   flags,
                                                GCancellable              *cancellable,
                                                GError                   **error);

G_END_DECLS
