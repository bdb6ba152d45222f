/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal-fields.h"

G_BEGIN_DECLS

/* The file formats of export and import: limber-journal-csv.c and
 * limber-journal-json.c, used by limber-journal-transfer.c. */

/* A writer returns the whole file; a reader adds all that @data holds to
 * @set, or sets @error naming the line of the first problem. */
char            *limber_journal_write_csv  (GPtrArray        *pain_entries,
                                            GError          **error);
gboolean         limber_journal_read_csv   (LimberImportSet  *set,
                                            const char       *data,
                                            gsize             length,
                                            GError          **error);
char            *limber_journal_write_json (GPtrArray        *pain_entries,
                                            GPtrArray        *break_events,
                                            GPtrArray        *stretch_sessions,
                                            GError          **error);
gboolean         limber_journal_read_json  (LimberImportSet  *set,
                                            const char       *data,
                                            gsize             length,
                                            GError          **error);

G_END_DECLS
