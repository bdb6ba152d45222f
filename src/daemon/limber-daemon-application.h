/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_DAEMON_APPLICATION (limber_daemon_application_get_type ())

G_DECLARE_FINAL_TYPE (LimberDaemonApplication, limber_daemon_application, LIMBER, DAEMON_APPLICATION, GApplication)

LimberDaemonApplication *limber_daemon_application_new (void);

G_END_DECLS
