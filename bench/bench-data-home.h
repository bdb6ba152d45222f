/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new folder to give a process as XDG_DATA_HOME, holding a copy of
 * @journal_dir/journal.db (and its -wal, if any) as limber/journal.db, so
 * that runs neither write to @journal_dir nor see each other. */
char *limber_bench_data_home_new    (const char  *journal_dir,
                                     GError     **error);

/* Deletes @folder and everything in it, such as a data home. */
void  limber_bench_remove_folder    (const char  *folder);

G_END_DECLS
