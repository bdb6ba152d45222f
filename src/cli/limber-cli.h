/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_cli_handles:
 *
 * Whether @argv asks for a command-line action rather than the window:
 * a subcommand, or `--background`.
 */
gboolean  limber_cli_handles               (int    argc,
                                            char **argv);

/**
 * limber_cli_run:
 *
 * Runs the command-line action in @argv and returns the exit status.
 * Errors go to stderr.
 */
int       limber_cli_run                   (int    argc,
                                            char **argv);

/**
 * limber_cli_describe_commands:
 *
 * The list of subcommands with one line each, for `limber --help`.
 */
char     *limber_cli_describe_commands     (void);

G_END_DECLS
