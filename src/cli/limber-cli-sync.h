/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `limber sync --folder DIR|status|now|off`: sync through a folder that a
 * file-sync tool keeps the same on the person's computers. Takes the
 * whole argv (argv[1] is "sync") and returns the exit status: 0, 1 when
 * the folder or the journal fails, 2 for a bad argument. */
int limber_cli_sync (int argc, char **argv);

G_END_DECLS
