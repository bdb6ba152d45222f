/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-pain-entry.h"
#include "limber-records.h"

G_BEGIN_DECLS

#define LIMBER_JOURNAL_ERROR (limber_journal_error_quark ())

typedef enum
{
  /* A value is out of range or malformed; the message names the field. */
  LIMBER_JOURNAL_ERROR_INVALID_INPUT,
  /* The file is damaged and could not be repaired. */
  LIMBER_JOURNAL_ERROR_CORRUPT,
  /* The disk is full. */
  LIMBER_JOURNAL_ERROR_FULL,
  /* The file or its folder cannot be written. */
  LIMBER_JOURNAL_ERROR_READ_ONLY,
  /* Another program held the journal for too long. */
  LIMBER_JOURNAL_ERROR_BUSY,
  /* A newer Limber wrote the journal; it is left as it is. */
  LIMBER_JOURNAL_ERROR_TOO_NEW,
  /* Anything else the disk or SQLite reported. */
  LIMBER_JOURNAL_ERROR_FAILED,
} LimberJournalError;

GQuark limber_journal_error_quark (void);

/* The error a failed file operation's errno stands for: a full disk or a
 * quota, a folder or file that cannot be written, or anything else. */
LimberJournalError limber_journal_error_code_for_errno (int errno_value);

typedef enum
{
  LIMBER_JOURNAL_FORMAT_CSV,
  LIMBER_JOURNAL_FORMAT_JSON,
} LimberJournalFormat;

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
} LimberImportCounts;

/* What one local day holds, for the trend. */
typedef struct
{
  char day[LIMBER_DAY_LENGTH + 1];
  /* LIMBER_PAIN_SCORE_UNSET on a day without an entry. */
  int  average;
  int  worst;
  /* Breaks by how they ended; postponed ones are counted again when they
   * end. */
  guint taken;
  guint natural;
  guint skipped;
  guint missed;
  guint postponed;
  guint stretch_seconds;
} LimberDaySummary;

#define LIMBER_TYPE_JOURNAL (limber_journal_get_type ())

G_DECLARE_FINAL_TYPE (LimberJournal, limber_journal, LIMBER, JOURNAL, GObject)

/**
 * limber_journal_default_path:
 *
 * $XDG_DATA_HOME/limber/journal.db.
 */
char          *limber_journal_default_path         (void);

/**
 * limber_journal_open:
 *
 * Opens the journal at @path, creating it and its folder (mode 0700, file
 * 0600) when missing, tightening them to those modes when others may read
 * them, and bringing its schema up to date. A path that is no regular file
 * (a folder, a named pipe, a device) or a link to nothing is refused. Costs only
 * SQLite's open: a file found damaged gives %LIMBER_JOURNAL_ERROR_CORRUPT,
 * and checks, backups and repairs are limber_journal_keeper_open()'s and
 * the daemon's. When another process replaces the file (a repair), the
 * journal opens the new one before its next read or write.
 */
LimberJournal *limber_journal_open                 (const char            *path,
                                                    GError               **error);

/**
 * limber_journal_open_read_only:
 *
 * Opens the journal at @path for reading only, as a command that only
 * reads it does: it creates, changes and locks nothing, so that it works
 * where the journal cannot be written (a read-only folder or file, a full
 * disk). A journal not made yet reads as an empty one. The one exception
 * is a journal of an older schema, which is updated first as
 * limber_journal_open() does, and fails to open when that cannot be done.
 * A damaged file gives %LIMBER_JOURNAL_ERROR_CORRUPT, for the keeper to
 * repair. Writes fail with %LIMBER_JOURNAL_ERROR_READ_ONLY.
 */
LimberJournal *limber_journal_open_read_only       (const char            *path,
                                                    GError               **error);

const char    *limber_journal_get_path             (LimberJournal         *self);

/* How long a read or write waits for another process's lock by default. */
#define LIMBER_JOURNAL_BUSY_TIMEOUT_MS 5000

/**
 * limber_journal_set_busy_timeout:
 *
 * How long to wait for another process's lock before failing with
 * %LIMBER_JOURNAL_ERROR_BUSY; 0 never waits, for reads on a main loop.
 */
void           limber_journal_set_busy_timeout     (LimberJournal         *self,
                                                    guint                  milliseconds);

/**
 * limber_journal_save_pain_entry:
 *
 * Stores @entry as the entry of its day, replacing the one there. Fills in
 * @entry's UUID when empty and its times from @now. Nothing is stored when
 * it fails.
 */
gboolean       limber_journal_save_pain_entry      (LimberJournal         *self,
                                                    LimberPainEntry       *entry,
                                                    GDateTime             *now,
                                                    GError               **error);

/**
 * limber_journal_get_pain_entry:
 *
 * The entry of @day, or %NULL without an error when the day has none.
 */
LimberPainEntry *limber_journal_get_pain_entry     (LimberJournal         *self,
                                                    const char            *day,
                                                    GError               **error);

/**
 * limber_journal_list_pain_entries:
 *
 * The entries from @first_day to @last_day (both included, either may be
 * %NULL for no limit), newest first, at most @limit of them (0: all).
 */
GPtrArray     *limber_journal_list_pain_entries    (LimberJournal         *self,
                                                    const char            *first_day,
                                                    const char            *last_day,
                                                    guint                  limit,
                                                    GError               **error);

/**
 * limber_journal_delete_pain_entry:
 *
 * Deletes the entry of @day. Deleting a day without one is no error.
 */
gboolean       limber_journal_delete_pain_entry    (LimberJournal         *self,
                                                    const char            *day,
                                                    GError               **error);

gboolean       limber_journal_add_break_event      (LimberJournal         *self,
                                                    LimberBreakEvent      *event,
                                                    GError               **error);
gboolean       limber_journal_add_stretch_session  (LimberJournal         *self,
                                                    LimberStretchSession  *session,
                                                    GError               **error);

/**
 * limber_journal_count:
 *
 * How many rows @table_name holds: "pain_entry", "break_event",
 * "stretch_session", "factor" (the built-ins too), "day_factor",
 * "day_measure" or "life_change".
 */
gint64         limber_journal_count                (LimberJournal         *self,
                                                    const char            *table_name,
                                                    GError               **error);

/**
 * limber_journal_summarize_days:
 *
 * One #LimberDaySummary for each day from @first_day to @last_day, both
 * included, oldest first, days without data among them.
 */
GArray        *limber_journal_summarize_days       (LimberJournal         *self,
                                                    const char            *first_day,
                                                    const char            *last_day,
                                                    GError               **error);

/**
 * limber_journal_export:
 *
 * Writes the journal to @stream: CSV holds the pain entries (RFC 4180,
 * header row, UTF-8); JSON holds everything.
 */
gboolean       limber_journal_export               (LimberJournal         *self,
                                                    LimberJournalFormat    format,
                                                    GOutputStream         *stream,
                                                    GError               **error);

/**
 * limber_journal_import:
 *
 * Merges @data, written by limber_journal_export(), into the journal by
 * UUID: rows already there are kept unless the file has a newer version.
 * A bad file is rejected whole, the error naming the line and field of
 * the first problem, and the journal is left unchanged.
 */
/* The largest file an import takes. Twenty years of breaks and entries
 * export to about a tenth of it; a file this large needs about three
 * times its size in memory to import. */
#define LIMBER_JOURNAL_IMPORT_MAX_BYTES (512 * 1024 * 1024)

gboolean       limber_journal_import               (LimberJournal         *self,
                                                    LimberJournalFormat    format,
                                                    GBytes                *data,
                                                    GDateTime             *now,
                                                    LimberImportCounts    *counts,
                                                    GError               **error);

/**
 * limber_journal_load_import:
 *
 * Reads @file for limber_journal_import(), from a file, a pipe or any
 * other stream, refusing one larger than %LIMBER_JOURNAL_IMPORT_MAX_BYTES
 * with a message naming it: a regular file before reading any of it, and
 * anything else as soon as it has given that much.
 */
GBytes        *limber_journal_load_import          (GFile                 *file,
                                                    GError               **error);

G_END_DECLS
