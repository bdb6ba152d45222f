/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal.h"

G_BEGIN_DECLS

/* The journal's keeper: the integrity check, the daily backup and the
 * repair of a damaged journal. One process at a time does this work for a
 * journal; they take turns through an advisory lock beside it. */

/* What a repair did, to tell the person whose journal it is. */
typedef struct
{
  /* Where the damaged journal was moved; %NULL when nothing was repaired
   * (another process had repaired it already). */
  char  *damaged_path;
  /* The backup restored in its place, or %NULL when there was no good one
   * and the repair started from an empty journal. */
  char  *restored_from;
  /* The rows that backup held. */
  guint  restored_pain_entries;
  guint  restored_breaks;
  guint  restored_stretches;
  guint  restored_day_factors;
  guint  restored_day_measures;
  guint  restored_life_changes;
  /* The rows recovered from the damaged file that the backup did not
   * hold, or held in an older version. */
  guint  salvaged_pain_entries;
  guint  salvaged_breaks;
  guint  salvaged_stretches;
  /* Factors of the person's own, or built-ins renamed or retired. */
  guint  salvaged_factors;
  guint  salvaged_day_factors;
  guint  salvaged_day_measures;
  guint  salvaged_life_changes;
} LimberRepairReport;

void                limber_repair_report_free           (LimberRepairReport       *report);

/**
 * limber_repair_report_describe:
 *
 * One or two sentences for the person: what was restored, what was
 * recovered, and where the damaged file was kept. %NULL when @report
 * says nothing was repaired.
 */
char               *limber_repair_report_describe       (const LimberRepairReport *report);

/**
 * limber_journal_keeper_lock:
 * @wait: whether to wait while another process holds the lock
 *
 * Takes the keeper's lock on the journal at @journal_path (an flock() on
 * @journal_path.lock). Returns its descriptor for
 * limber_journal_keeper_unlock(), or -1: with %LIMBER_JOURNAL_ERROR_BUSY
 * when @wait is %FALSE and another process holds it.
 */
int                 limber_journal_keeper_lock          (const char               *journal_path,
                                                         gboolean                  wait,
                                                         GError                  **error);
void                limber_journal_keeper_unlock        (int                       fd);

/**
 * limber_journal_keeper_check:
 *
 * Runs SQLite's quick_check on @journal. A damaged journal fails with
 * %LIMBER_JOURNAL_ERROR_CORRUPT, the message naming the file and the first
 * problem found.
 */
gboolean            limber_journal_keeper_check         (LimberJournal            *journal,
                                                         GError                  **error);

/**
 * limber_journal_keeper_backup_if_due:
 * @today: the day by the caller's clock, YYYY-MM-DD
 * @now: the time, for the backup's label
 *
 * Makes the day's backup when the newest daily backup (by revision) is of
 * another day, after checking the journal, and prunes the old ones. A
 * damaged journal is never backed up: that fails with
 * %LIMBER_JOURNAL_ERROR_CORRUPT. Does nothing, successfully, while another
 * process holds the keeper's lock.
 */
gboolean            limber_journal_keeper_backup_if_due (LimberJournal            *journal,
                                                         const char               *today,
                                                         GDateTime                *now,
                                                         GError                  **error);

/**
 * limber_journal_keeper_repair:
 * @now: the time, for the damaged file's new name
 *
 * Repairs the damaged journal at @journal_path, holding the keeper's lock:
 * the newest good backup, or an empty journal when there is none, takes
 * its place, and every row still readable in the damaged file is merged
 * into it by UUID. The damaged file, with its -wal and -shm, is kept under
 * @journal_path.damaged-YYYYmmdd-HHMMSS. Processes that have the journal
 * open notice the new file themselves.
 */
LimberRepairReport *limber_journal_keeper_repair        (const char               *journal_path,
                                                         GDateTime                *now,
                                                         GError                  **error);

/**
 * limber_journal_keeper_open:
 * @report: (out) (optional): the repair's report, %NULL when none was made
 *
 * limber_journal_open(), repairing the journal first when it is damaged.
 */
LimberJournal      *limber_journal_keeper_open          (const char               *journal_path,
                                                         LimberRepairReport      **report,
                                                         GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberRepairReport, limber_repair_report_free)

G_END_DECLS
