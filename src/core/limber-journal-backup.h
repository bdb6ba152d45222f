/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "limber-journal.h"

G_BEGIN_DECLS

/* The journal's backups, in the folder backups/ beside it. Each backup is
 * a copy of the database holding one more table, limber_backup, with one
 * row: its revision, when and why it was made. Revisions count up in the
 * order the backups were made, so "newest" means the highest revision,
 * whatever the clock said at the time and whatever the file is called.
 * Backups made before revisions existed (journal-YYYY-MM-DD.db without the
 * table) have revision 0. */

typedef struct
{
  char   *path;
  /* 0 for a backup made before revisions existed; -1 for a file that
   * cannot be read, which says nothing of its age. */
  gint64  revision;
  /* UTC seconds; 0 when unknown. */
  gint64  made_utc;
  /* The local day it was made on, YYYY-MM-DD; empty when unknown. */
  char    made_day[LIMBER_DAY_LENGTH + 1];
  /* "daily", "migration", "import" or "repair"; %NULL when unknown. */
  char   *reason;
} LimberBackupInfo;

void       limber_backup_info_free     (LimberBackupInfo  *info);

/**
 * limber_journal_backup_write:
 * @db: an open connection to the journal
 * @journal_path: where the journal is; the backup goes beside it
 * @reason: why the backup is made: "daily", "migration", "import" or "repair"
 * @now: when, for the backup's day and time
 * @out_path: (optional): where the backup went
 *
 * Copies the journal into a new backup with SQLite's online backup API. It
 * is written under a temporary name and renamed into place only once
 * complete, so that a backup found under its name is always whole. Its
 * revision is one above the highest of the backups already there.
 */
gboolean   limber_journal_backup_write (sqlite3           *db,
                                        const char        *journal_path,
                                        const char        *reason,
                                        GDateTime         *now,
                                        char             **out_path,
                                        GError           **error);

/**
 * limber_journal_backup_list:
 *
 * The backups of the journal at @journal_path as #LimberBackupInfo, newest
 * (highest revision) first; those made before revisions existed after
 * them, newest day first; files that cannot be read last.
 */
GPtrArray *limber_journal_backup_list  (const char        *journal_path);

/**
 * limber_journal_backup_prune:
 *
 * Deletes the backups no longer needed. It keeps the 7 newest daily
 * backups; for each of the 4 most recent calendar weeks before them, the
 * newest daily backup of that week; and the 3 newest backups made for
 * other reasons. Files that cannot be read are left alone.
 */
void       limber_journal_backup_prune (const char        *journal_path);

/**
 * limber_journal_backup_restore:
 *
 * Copies the backup at @backup_path into a new file at @dest_path
 * (created 0600, never replacing one), without its limber_backup table,
 * ready to be opened as a journal.
 */
gboolean   limber_journal_backup_restore (const char      *backup_path,
                                          const char      *dest_path,
                                          GError         **error);

/**
 * limber_journal_backup_is_good:
 *
 * Whether the database at @path passes SQLite's quick_check. It is read
 * as it is on disk, without taking locks or writing anything beside it.
 */
gboolean   limber_journal_backup_is_good (const char      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberBackupInfo, limber_backup_info_free)

G_END_DECLS
