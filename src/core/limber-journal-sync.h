/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal.h"
#include "limber-sync-change.h"

G_BEGIN_DECLS

/* The journal's side of sync (see limber-sync-change.h for the whole
 * design): which version of each record this journal holds, its own
 * changes to write out, and merging the other computers' changes.
 *
 * Versions. Schema 5 keeps one row in sync_version for every record that
 * travels, and for every record deleted since: its kind, its version
 * (the record's updated time, or the end time of a break or a stretch,
 * which never change; for a deletion, when it was deleted), whether it is
 * deleted, the device it came from, and a sequence number. Triggers on
 * the record tables keep it for every local write, whoever writes: every
 * local save gives its record the device '' (“this journal's own device,
 * whatever its id is now”, so that re-keying rewrites nothing) and the
 * next sequence number of this device, counted in sync_seq (it never goes
 * back). A merge keeps the versions it writes itself: the triggers are
 * quiet while sync_meta holds the key “merging”, which only a merge's
 * transaction ever does. Another device's version keeps its author's
 * sequence number. A local deletion is dated when it happened, with offset 0. A
 * pain entry saved over another of the same day under a new UUID deletes
 * the old UUID, dated with the old version's time (it is superseded, not
 * deleted later than the new one was written). Migration 5 gives every
 * record already there a version of this device, so that turning sync on
 * writes the whole history out once.
 *
 * A record that a table keeps once per day (a pain entry or a day's
 * measures by day, a day's factor by day and factor) also remembers that
 * day (its “claim”) in sync_version, deleted or not.
 *
 * Own changes. limber_journal_sync_collect() returns this device's
 * versions after the exported sequence number, in order, with their whole
 * records (or deletion markers); once written and flushed,
 * limber_journal_sync_mark_exported() moves the exported number on.
 *
 * Merging. limber_journal_sync_apply() applies other devices' changes in
 * one transaction, factors first and then in the order of their UUIDs
 * (the order the tables keep them in; the result does not depend on it).
 * Per change it looks the version up, and only a greater one costs more:
 * the record written and its version, two statements. Of two versions of a UUID the greater wins: the later
 * updated time; on the same second a deletion; then the greater device
 * id (the journal's own '' compares as its own id). A winning update
 * writes the record whole, a winning deletion deletes it; either way the
 * incoming version and its author's device are kept, so that this device
 * never writes another's change out as its own.
 *
 * Once-a-day clashes: an incoming record whose claim (day, or day and
 * factor) another UUID holds, or held when it was deleted, wins the day
 * only if its version is greater than every other version with that
 * claim, deleted ones included; of the same second, a record written
 * wins over one deleted (where both happened, the deletion came first).
 * The loser is deleted at its own version (not now), as this device's
 * change, written out like any other: every computer drops the same one,
 * whatever order the changes arrive in, also one that never saw the
 * winner (deleted before it was written out), and a later edit of the
 * loser wins the day back. The price:
 * a record written on a computer whose clock is behind, for a day whose
 * record another computer deleted “later”, loses the day, as any edit
 * made with a clock behind loses.
 *
 * So the day belongs to the latest thing that happened to it: a deletion
 * clears the day of what was written to it before, on every computer.
 * A deletion line carries no day, so a computer that never saw the
 * deleted record cannot tell; the computer that deleted it can, as can
 * every one that saw it, and one of them drops the loser for all. Why
 * every computer ends with the same journal, whatever the order:
 *  - Per UUID, a journal keeps the greatest version it has seen, and the
 *    order of versions is total (time, deletion, device); so once every
 *    version has reached every computer, each keeps the same one per UUID
 *    (a maximum does not depend on the order its parts came in).
 *  - A dropped loser is just one more version, a deletion, written out
 *    like a local one (in the same pass as the merge that made it,
 *    limber-sync.h), and it reaches every computer too. It is dated with
 *    the loser's own version, so it wins over that version everywhere
 *    and loses to any later edit of the loser everywhere.
 *  - Only a record written can make another lose, never a deletion read:
 *    a deletion removes, and makes no new version. There are finitely
 *    many records written, so the drops come to an end.
 *  - A journal never holds two records of one claim: the later of the
 *    two to arrive found the other, and one of them lost. So when the
 *    drops have ended and every version has reached every computer, the
 *    records each holds are those whose greatest version is no deletion,
 *    the same on every computer.
 * Which record keeps the day does not depend on the order either, as
 * long as a computer that knew the deleted record's day reads the other
 * record: the one that deleted it does, unless it wrote the other itself
 * (then with a clock behind).
 *
 * Factor names: two factors of different UUIDs in use under the same
 * name (in any case) are both kept; the one created earlier (then the one
 * with the smaller UUID) keeps the name and the other is named “Name (2)”
 * (or the next number free), on every computer, without a new version.
 *
 * Factors are applied before the days that refer to them. A day's factor
 * whose factor is still unknown (it may come later from another device's
 * files) is counted in LimberSyncCounts.waiting and kept in sync_waiting,
 * the greatest version of each UUID; every merge then applies, like any
 * change, those whose factor has come. At most 10 000 wait; beyond, the
 * oldest are dropped, with a warning.
 *
 * The tables: sync_version as above; sync_seq the last sequence number
 * given; sync_meta (key, value) holds the device id, the machine it
 * belongs to and the exported sequence number; sync_read holds how far
 * each file of each other device was read; sync_waiting the days' factors
 * waiting for their factor. Turning sync off drops nothing: versions go
 * on being kept. */

/* What a merge did, by kind. */
typedef struct
{
  guint added[LIMBER_SYNC_N_KINDS];
  guint updated[LIMBER_SYNC_N_KINDS];
  guint deleted[LIMBER_SYNC_N_KINDS];
  /* Older than, or the same as, what the journal holds. */
  guint unchanged[LIMBER_SYNC_N_KINDS];
  /* Days' factors whose factor is not known yet: kept aside, they come in
   * with their factor. */
  guint waiting;
  /* Records the journal refused (a value its schema does not take). */
  guint refused;
} LimberSyncCounts;

/**
 * limber_journal_sync_device_id:
 * @rekeyed_out: (optional): set when the journal was opened on another
 *   machine than the one its id was made on, and was given a new id
 *
 * This journal's device id, made once with the machine it belongs to (a
 * hash of /etc/machine-id, or of the host name when there is none; the
 * environment variable LIMBER_MACHINE_ID stands in for both, for tests).
 * A journal copied to another machine is re-keyed: a new id, and its
 * whole history to be written out again under it.
 *
 * Returns: (transfer full): the id, or %NULL with @error set
 */
char    *limber_journal_sync_device_id    (LimberJournal     *journal,
                                           gboolean          *rekeyed_out,
                                           GError           **error);

/**
 * limber_journal_sync_rekey:
 *
 * Gives this journal a new device id, when another computer turns out to
 * write under its id (a copied data folder that the machine check did not
 * catch, such as two virtual machines with one machine id). Its own
 * versions stay its own and are all written out again, under the new id,
 * from sequence number 0 on; the old id is from now on another device's,
 * whose files are read again from their start.
 *
 * Returns: (transfer full): the new id, or %NULL with @error set
 */
char    *limber_journal_sync_rekey        (LimberJournal     *journal,
                                           GError           **error);

/**
 * limber_journal_sync_wrote:
 * @change: a line found in this device's own folder
 * @wrote_out: set to %FALSE when this journal cannot have written it
 *
 * Whether @change may be this journal's own: %FALSE when its sequence
 * number is beyond any this journal gave, or when this journal still
 * keeps its version of that sequence number and it is of another record
 * or another version. A version since replaced cannot be checked, and
 * counts as its own.
 */
gboolean limber_journal_sync_wrote        (LimberJournal           *journal,
                                           const LimberSyncChange  *change,
                                           gboolean                *wrote_out,
                                           GError                 **error);

/**
 * limber_journal_sync_collect:
 * @max: at most this many changes
 * @changes_out: (transfer full): #LimberSyncChange in sequence order
 * @last_seq_out: the sequence number to pass to
 *   limber_journal_sync_mark_exported() once they are written out: the
 *   last one's when there were more than @max, else the last this
 *   device gave, even when there were none
 *
 * This device's changes not yet written out. A version whose record is
 * gone without being marked deleted cannot happen (a trigger marks every
 * deletion); should it, it is written out as a deletion marker dated with
 * its version.
 */
gboolean limber_journal_sync_collect      (LimberJournal     *journal,
                                           guint              max,
                                           GPtrArray        **changes_out,
                                           guint64           *last_seq_out,
                                           GError           **error);

/* Notes that this device's changes up to @seq were written out. */
gboolean limber_journal_sync_mark_exported (LimberJournal    *journal,
                                            guint64           seq,
                                            GError          **error);

/**
 * limber_journal_sync_apply:
 * @changes: #LimberSyncChange of other devices, already checked as an
 *   import checks records; sorted here (factors first, then by UUID)
 * @counts: (optional): what was done, added to
 *
 * Merges @changes in one transaction, and with them the days' factors
 * that waited for a factor that has now come. Changes of this journal's
 * own device id are left out. Any number of changes at once is fine; the
 * folder's reader passes a few thousand at a time.
 */
gboolean limber_journal_sync_apply        (LimberJournal     *journal,
                                           GPtrArray         *changes,
                                           LimberSyncCounts  *counts,
                                           GError           **error);

/* How far @file of @device was read: its offset and the size it had, or
 * both 0 when it was never read. */
gboolean limber_journal_sync_get_read     (LimberJournal     *journal,
                                           const char        *device,
                                           const char        *file,
                                           gint64            *offset_out,
                                           gint64            *size_out,
                                           GError           **error);
gboolean limber_journal_sync_set_read     (LimberJournal     *journal,
                                           const char        *device,
                                           const char        *file,
                                           gint64             offset,
                                           gint64             size,
                                           GError           **error);
/* Forgets how far any file of @device was read. */
gboolean limber_journal_sync_forget_device (LimberJournal    *journal,
                                            const char       *device,
                                            GError          **error);

/* Forgets every read offset and the exported sequence number: sync turned
 * on again, perhaps with another folder, writes everything again. */
gboolean limber_journal_sync_reset        (LimberJournal     *journal,
                                           GError           **error);

G_END_DECLS
