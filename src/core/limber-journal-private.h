/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "limber-journal.h"
#include "limber-journal-fields.h"

G_BEGIN_DECLS

/* Shared by the parts of LimberJournal (limber-journal*.c), not public:
 * limber-journal-storage.c keeps the connection (the file, the statement
 * cache, transactions, the schema), limber-journal.c and
 * limber-journal-days.c the rows, limber-journal-transfer.c export and
 * import. */

struct _LimberJournal
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  /* How long a statement waits for another process's lock. */
  int         busy_timeout_ms;
  /* The file the connection has open, to notice when it is replaced. */
  dev_t       file_device;
  ino_t       file_inode;
  /* Prepared statements by their SQL text, which are static strings. */
  GHashTable *statements;
  /* Opened by limber_journal_open_read_only(): nothing is created,
   * changed or written through it. */
  gboolean    read_only;
  /* Read as the file is on disk, without SQLite's locks, because nothing
   * could be made beside it; only while it has no WAL with changes. */
  gboolean    immutable;
  /* An empty journal in memory, standing in for one not made yet. */
  gboolean    stand_in;
  /* Found of an older schema when opened for reading: to be updated. */
  gboolean    schema_older;
};

/* Opens @self->db at @self->path and brings its schema up to date; a
 * damaged file gives LIMBER_JOURNAL_ERROR_CORRUPT. */
gboolean      limber_journal_open_storage       (LimberJournal          *self,
                                                 GError                **error);

/* Opens @self->db at @self->path for reading only (see
 * limber_journal_open_read_only()). */
gboolean      limber_journal_open_storage_read_only (LimberJournal      *self,
                                                     GError            **error);

/* Opens the journal again when the file at its path was replaced (by a
 * repair in another process) since it was opened; does nothing inside a
 * transaction. */
gboolean      limber_journal_ensure_current     (LimberJournal          *self,
                                                 GError                **error);

/* A prepared statement owned by the journal, reset and ready to bind. */
sqlite3_stmt *limber_journal_statement          (LimberJournal          *self,
                                                 const char             *sql,
                                                 GError                **error);

/* Runs one statement of @sql, which returns no rows, from the statement
 * cache; @doing says what for in the error. */
gboolean      limber_journal_exec               (LimberJournal          *self,
                                                 const char             *sql,
                                                 const char             *doing,
                                                 GError                **error);

/* Sets @error from the SQLite result @rc while @doing something. */
void          limber_journal_set_sqlite_error   (LimberJournal          *self,
                                                 int                     rc,
                                                 const char             *doing,
                                                 GError                **error);

gboolean      limber_journal_begin              (LimberJournal          *self,
                                                 GError                **error);
gboolean      limber_journal_commit             (LimberJournal          *self,
                                                 GError                **error);
void          limber_journal_rollback           (LimberJournal          *self);

/* One consistent snapshot for several reads, without the write lock. */
gboolean      limber_journal_begin_read         (LimberJournal          *self,
                                                 GError                **error);
gboolean      limber_journal_end_read           (LimberJournal          *self,
                                                 GError                **error);

/* How Limber opens a lock file of its own. */
typedef enum
{
  /* Make it, 0600, when it is not there. */
  LIMBER_OWN_FILE_CREATE  = 1 << 0,
  /* Take away what others may do with it. */
  LIMBER_OWN_FILE_TIGHTEN = 1 << 1,
} LimberOwnFileFlags;

/* Opens Limber's own file at @path with @access (O_RDONLY or O_RDWR):
 * never blocking on a named pipe, never through a link, and only when it
 * is a regular file. Returns the descriptor, or -1 with @error set to
 * why, as a clause to follow the caller's "…: ". Not for the journal:
 * closing a descriptor of it would drop its SQLite connections' locks. */
int           limber_journal_open_own_file      (const char             *path,
                                                 int                     access,
                                                 LimberOwnFileFlags      flags,
                                                 GError                **error);

/* Tightens the regular file at @path to its owner alone, when others may
 * read it; anything else at @path is left as it is. */
void          limber_journal_tighten_file       (const char             *path);

/* Makes the folder @dir of Limber's own, and its missing parents, 0700,
 * or tightens it to 0700 when it is there and others may look in. 0, or
 * the errno of what failed. */
int           limber_journal_make_private_folder (const char            *dir);

/* The row writers, inside a transaction the caller holds. */
gboolean      limber_journal_write_pain_entry   (LimberJournal          *self,
                                                 const LimberPainEntry  *entry,
                                                 GError                **error);
gboolean      limber_journal_write_break_event  (LimberJournal          *self,
                                                 const LimberBreakEvent *event,
                                                 GError                **error);
gboolean      limber_journal_write_stretch_session (LimberJournal              *self,
                                                    const LimberStretchSession *session,
                                                    GError                    **error);

/* Merges @entry into the journal by UUID inside a transaction the caller
 * holds: the newest version wins, whether it is the same entry (same UUID)
 * or another entry of the same day; a tie keeps the stored one unless
 * @incoming_wins_ties. Counts it in @counts. */
gboolean      limber_journal_merge_pain_entry   (LimberJournal          *self,
                                                 const LimberPainEntry  *entry,
                                                 gboolean                incoming_wins_ties,
                                                 LimberImportCounts     *counts,
                                                 GError                **error);

/* The one pain entry that @sql, selecting LIMBER_JOURNAL_PAIN_COLUMNS with
 * @key bound to ?1, finds; %NULL without an error when there is none. */
LimberPainEntry *limber_journal_find_pain_entry (LimberJournal          *self,
                                                 const char             *sql,
                                                 const char             *key,
                                                 GError                **error);

/* Reads a pain_entry row selected with LIMBER_JOURNAL_PAIN_COLUMNS. */
LimberPainEntry *limber_journal_read_pain_entry (sqlite3_stmt           *statement);

#define LIMBER_JOURNAL_PAIN_COLUMNS \
  "uuid, day, average, worst, activity, enjoyment, regions, red_flags, note, " \
  "created_utc, created_offset_s, updated_utc, updated_offset_s"

/* Merges a JSON export that LimberJournalWriter spooled, as
 * limber_journal_import() does but without a backup first, and with the
 * spooled version of a pain entry winning a tie: it was saved after the
 * stored one, if in the same second. */
gboolean         limber_journal_merge_export (LimberJournal  *self,
                                              GBytes         *data,
                                              GDateTime      *now,
                                              GError        **error);

/* Normalises @entry's UUID and checks it, as a pain entry to save at
 * @now (not of a day after @now's local day). */
gboolean         limber_journal_check_pain_entry (LimberPainEntry  *entry,
                                                  GDateTime        *now,
                                                  GError          **error);

/* Stores the checked @entry as the entry of its day, inside a transaction
 * the caller holds, as limber_journal_save_pain_entry() does. Returns the
 * row written, with its UUID and times, or %NULL. */
LimberPainEntry *limber_journal_store_pain_entry (LimberJournal          *self,
                                                  const LimberPainEntry  *entry,
                                                  GDateTime              *now,
                                                  GError                **error);

/* Copies the UUID and times of @stored, once it is saved, into @entry. */
void             limber_pain_entry_take_identity (LimberPainEntry        *entry,
                                                  const LimberPainEntry  *stored);

/* Merges @set's factors, day factors, day measures and life changes into
 * the journal inside a transaction the caller holds, as an import does:
 * by UUID, a built-in factor by its key, the newer version winning and a
 * tie keeping the stored one unless @spooled. Counts them in @counts. */
gboolean         limber_journal_merge_factor_rows (LimberJournal          *self,
                                                   const LimberImportSet  *set,
                                                   gboolean                spooled,
                                                   LimberImportCounts     *counts,
                                                   GError                **error);

G_END_DECLS
