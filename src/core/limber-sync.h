/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal.h"
#include "limber-sync-file.h"

G_BEGIN_DECLS

/* One sync pass through the shared folder (the design is in
 * limber-sync-change.h): this computer's new changes are appended to its
 * own change file, then what the other computers wrote since the last
 * pass is read and merged into the journal; what the merge changed as
 * this device (a record that lost its day, limber-journal-sync.h) is
 * written out before the pass ends. The command line and the daemon both
 * run it; a lock beside the journal lets one pass run at a time.
 *
 * A line in this device's own folder that its journal never wrote
 * (limber_journal_sync_wrote()) means that another computer writes under
 * its id: a data folder copied with its machine id, as two copies of a
 * virtual machine are. The pass then gives the journal a new id
 * (limber_journal_sync_rekey()) and writes its whole history out again
 * under it; the old id is from then on another device's, whose files
 * are merged like any. Its own files are looked at only when they are
 * not as it left them, and its own conflict copies always. */

/* How many change files of one device, and how many devices, a pass
 * looks at: far more than anyone has, and a bound on what a folder
 * filled by mistake can cost. */
#define LIMBER_SYNC_MAX_DEVICES          64
#define LIMBER_SYNC_MAX_FILES_PER_DEVICE 1200

/* A damaged line, or a file that could not be read at all (@line 0),
 * in the folder of @device. @message names the line itself, as the
 * import's messages do. */
typedef struct
{
  char  *device;
  char  *file;
  guint  line;
  char  *message;
} LimberSyncProblem;

void limber_sync_problem_free (LimberSyncProblem *problem);

typedef struct
{
  /* This computer's device id. */
  char       device[LIMBER_SYNC_DEVICE_LENGTH + 1];
  /* What the other computers' changes did to the journal, by kind. */
  guint      added[LIMBER_SYNC_N_KINDS];
  guint      updated[LIMBER_SYNC_N_KINDS];
  guint      deleted[LIMBER_SYNC_N_KINDS];
  /* The other computers found in the folder (LimberSyncDevice, as their
   * device.json says; a name of "" where it could not be read). */
  GPtrArray *devices;
  /* Damaged lines and files skipped (LimberSyncProblem). */
  GPtrArray *damaged;
  /* Conflict copies read, as "DEVICE/FILE": ones of this computer's
   * files, removed once read; and others', for their owner to remove. */
  GPtrArray *own_conflicts_removed;
  GPtrArray *other_conflicts;
  /* This computer's changes written out, and those still waiting, with
   * why they wait. */
  guint64    written;
  guint64    waiting;
  char      *waiting_reason;
  /* The folder was gone: nothing was read or written. */
  gboolean   paused;
  char      *folder;
  /* The journal turned out to be a copy of another computer's (another
   * machine, or lines under its id that it never wrote), and now writes
   * under a new device id. */
  gboolean   rekeyed;
  /* The name another computer gave this device's device.json: it writes
   * under the same id. NULL when none did. */
  char      *other_name;
} LimberSyncReport;

void limber_sync_report_init  (LimberSyncReport *report);
void limber_sync_report_clear (LimberSyncReport *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LimberSyncReport, limber_sync_report_clear)

/**
 * limber_sync_run:
 *
 * One pass through @folder, the folder a file-sync tool keeps the same on
 * the person's computers, at @now. When the folder, or the limber folder
 * in it once sync was set up, is gone, it sets @report's paused, changes
 * nothing and returns %TRUE. Own changes that cannot be written (a full
 * disk, a read-only folder) stay in the journal and are counted as
 * waiting; damaged lines and files are named and skipped. %FALSE only
 * when the journal itself fails, or the folder cannot be used at all.
 */
gboolean limber_sync_run            (LimberJournal    *journal,
                                     const char       *folder,
                                     GDateTime        *now,
                                     LimberSyncReport *report,
                                     GError          **error);

/**
 * limber_sync_report_summary:
 *
 * What @report says, as translated sentences, one a line, each ending in
 * a full stop: what the other computers added, updated and deleted,
 * what waits, what was damaged, conflict copies, a pause.
 */
char   **limber_sync_report_summary (const LimberSyncReport *report);

typedef struct
{
  char      *folder;
  /* This computer's device id, "" before its first pass, and name. */
  char       device[LIMBER_SYNC_DEVICE_LENGTH + 1];
  char      *name;
  /* The other computers that have written to the folder, as in
   * LimberSyncReport. */
  GPtrArray *devices;
  /* This computer's changes not yet written to the folder. */
  guint64    waiting;
  /* What the passes found damaged and skipped (LimberSyncProblem). */
  GPtrArray *damaged;
  gboolean   paused;
} LimberSyncStatus;

void     limber_sync_status_clear (LimberSyncStatus *status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LimberSyncStatus, limber_sync_status_clear)

/**
 * limber_sync_status:
 *
 * How sync through @folder stands, read only: it takes no lock and
 * writes nothing.
 */
gboolean limber_sync_status         (LimberJournal    *journal,
                                     const char       *folder,
                                     LimberSyncStatus *out,
                                     GError          **error);

/**
 * limber_sync_turn_off:
 *
 * Forgets how far the folder was read and written, so that turning sync
 * on again, with this folder or another, writes and reads everything
 * once more. The folder's files are left as they are.
 */
gboolean limber_sync_turn_off       (LimberJournal    *journal,
                                     GError          **error);

G_END_DECLS
