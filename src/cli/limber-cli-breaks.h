/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The commands that talk to limber-daemon. Without it running they say so
 * and exit 1; a bad argument exits 2. */
int limber_cli_status (int argc, char **argv);
int limber_cli_break  (int argc, char **argv);
int limber_cli_pause  (int argc, char **argv);
int limber_cli_resume (int argc, char **argv);

/**
 * limber_cli_parse_duration:
 *
 * "90s", "30m", "1h", "1h30m" as seconds; "tomorrow" as -1. FALSE for
 * anything else, and for nothing at all.
 */
gboolean limber_cli_parse_duration (const char *text,
                                    gint64     *seconds);

G_END_DECLS
