/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_report_command:
 *
 * `limber report [--weeks N | --from DAY [--to DAY]] [--notes] FILE.pdf`,
 * with the whole argv (argv[1] is "report"): writes the report and
 * returns the exit status, 0, 1 when the journal or the file fails, 2
 * for a bad argument. Needs no display.
 */
int limber_report_command (int    argc,
                           char **argv);

G_END_DECLS
