/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_cli_setup:
 *
 * `limber setup [--preset P] [--regions R,…] [--log-time HH:MM|none]
 * [--autostart|--no-autostart]`: the choices of first-run set-up without
 * a window. A bad value exits 2 with the valid ones and writes nothing;
 * without options it lists the choices.
 */
int limber_cli_setup (int argc, char **argv);

G_END_DECLS
