/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_cli_stretch:
 *
 * `limber stretch` lists the stretches and routines; `limber stretch ID`
 * opens the guided window for one of them. An unknown ID exits 2.
 */
int limber_cli_stretch (int argc, char **argv);

G_END_DECLS
