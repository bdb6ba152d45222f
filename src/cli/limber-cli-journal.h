/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The journal commands. Each takes the whole argv (argv[1] is the command
 * name) and returns the exit status: 0, 1 when the journal fails, 2 for a
 * bad argument. */
int limber_cli_log     (int argc, char **argv);
int limber_cli_journal (int argc, char **argv);
int limber_cli_trend   (int argc, char **argv);
int limber_cli_export  (int argc, char **argv);
int limber_cli_import  (int argc, char **argv);
int limber_cli_factors (int argc, char **argv);
int limber_cli_change  (int argc, char **argv);

/* Whether the last journal command found the journal damaged and had it
 * repaired, so that it should run once more. */
gboolean limber_cli_journal_retry_after_repair (void);

G_END_DECLS
