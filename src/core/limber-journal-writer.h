/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-journal.h"
#include "limber-journal-factors.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_JOURNAL_WRITER (limber_journal_writer_get_type ())

G_DECLARE_FINAL_TYPE (LimberJournalWriter, limber_journal_writer, LIMBER, JOURNAL_WRITER, GObject)

/* Work done on the writer's thread with its own connection to the
 * journal, in order with the writes. */
typedef gpointer (*LimberJournalJobFunc) (LimberJournal  *journal,
                                          gpointer        data,
                                          GError        **error);

/**
 * limber_journal_writer_new:
 * @journal_path: the journal
 * @spool_dirs: (nullable): where writes that cannot be stored yet wait,
 *   tried in order; %NULL for limber_journal_writer_default_spool_dirs()
 *
 * Writes to the journal on a thread of its own, so that no SQLite wait
 * ever blocks the caller's main loop. A write that cannot be stored now
 * (disk full, the journal locked or being repaired) is kept: in a spool
 * folder when it can be written there, in memory otherwise, and retried
 * until it is stored. Spooled writes of other processes and of earlier
 * runs are stored too.
 */
LimberJournalWriter *limber_journal_writer_new              (const char           *journal_path,
                                                             const char * const   *spool_dirs);

/**
 * limber_journal_writer_default_spool_dirs:
 *
 * pending/ beside the journal, then a folder for this journal in
 * $XDG_RUNTIME_DIR/limber/, which lives in memory and so has room when the
 * disk is full.
 */
GStrv                limber_journal_writer_default_spool_dirs (const char         *journal_path);

const char          *limber_journal_writer_get_path         (LimberJournalWriter  *self);

/**
 * limber_journal_writer_add_break_event:
 *
 * Stores @event (its UUID filled in when empty). Once this returns, the
 * event is kept until it is in the journal.
 */
void                 limber_journal_writer_add_break_event  (LimberJournalWriter  *self,
                                                             LimberBreakEvent     *event);

void                 limber_journal_writer_add_stretch_session (LimberJournalWriter        *self,
                                                                LimberStretchSession       *session);

/**
 * limber_journal_writer_save_pain_entry_async:
 *
 * Stores @entry as limber_journal_save_pain_entry() does, as of @now:
 * limber_journal_writer_save_day_async() of @entry's day with @entry
 * alone. limber_journal_writer_save_pain_entry_finish() gives the entry
 * as stored, or as kept to be stored (then @waiting is set); it fails
 * only for an entry that can never be stored (invalid input).
 */
void                 limber_journal_writer_save_pain_entry_async  (LimberJournalWriter  *self,
                                                                   const LimberPainEntry *entry,
                                                                   GDateTime            *now,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
LimberPainEntry     *limber_journal_writer_save_pain_entry_finish (LimberJournalWriter  *self,
                                                                   GAsyncResult         *result,
                                                                   gboolean             *waiting,
                                                                   GError              **error);

/**
 * limber_journal_writer_save_day_async:
 * @entry: (nullable): the day's pain entry, of @day; %NULL leaves the
 *   stored one as it is
 * @day: the day saved, YYYY-MM-DD, not after the local day of @now
 * @day_factors: (nullable) (element-type LimberDayFactor): all that was
 *   done on @day, each of @day and each factor once; a factor stored for
 *   @day and not in it is removed. Copied. %NULL leaves them as they are.
 * @measures: (nullable): how @day was, of @day; empty ones remove the
 *   day's. %NULL leaves them as they are.
 *
 * Saves the day as limber_journal_save_day() does, as of @now: all of it
 * or none. When that cannot be done now for a reason that may pass (a
 * full disk, the journal locked or being repaired), the save is kept as
 * a whole and stored later with the same meaning: the day's factors
 * become exactly @day_factors and its measures @measures, except where
 * the journal then holds a save of that part of the day made after
 * @now, which an older save does not undo.
 *
 * limber_journal_writer_save_day_finish() gives the entry as stored, or
 * as kept to be stored (then @waiting is set); %NULL without an error
 * when no @entry was given, with @waiting telling whether the save waits.
 * It fails (%NULL and @error, @waiting unset) only for a save that can
 * never be stored: %LIMBER_JOURNAL_ERROR_INVALID_INPUT.
 */
void                 limber_journal_writer_save_day_async   (LimberJournalWriter      *self,
                                                             const LimberPainEntry    *entry,
                                                             const char               *day,
                                                             GPtrArray                *day_factors,
                                                             const LimberDayMeasures  *measures,
                                                             GDateTime                *now,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
LimberPainEntry     *limber_journal_writer_save_day_finish  (LimberJournalWriter      *self,
                                                             GAsyncResult             *result,
                                                             gboolean                 *waiting,
                                                             GError                  **error);

/**
 * limber_journal_writer_run_async:
 *
 * Runs @func on the writer's thread with its journal, after the writes
 * asked for before. limber_journal_writer_run_finish() gives what @func
 * returned, freed with @result_free when nobody takes it.
 */
void                 limber_journal_writer_run_async        (LimberJournalWriter  *self,
                                                             LimberJournalJobFunc  func,
                                                             gpointer              data,
                                                             GDestroyNotify        data_free,
                                                             GDestroyNotify        result_free,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gpointer             limber_journal_writer_run_finish       (LimberJournalWriter  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/**
 * limber_journal_writer_retry:
 *
 * Tries the waiting writes, and the spool folders, now.
 */
void                 limber_journal_writer_retry            (LimberJournalWriter  *self);

/* How many writes are waiting to be stored. */
guint                limber_journal_writer_get_pending      (LimberJournalWriter  *self);

/* Why the last write could not be stored, for a person; %NULL when all
 * are stored. */
const char          *limber_journal_writer_get_problem      (LimberJournalWriter  *self);

/**
 * limber_journal_writer_close:
 *
 * Finishes the writes under way and keeps the rest in the spool; the
 * writer takes no more work. Called before the main loop stops.
 */
void                 limber_journal_writer_close            (LimberJournalWriter  *self);

G_END_DECLS
