/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-context.h"

G_BEGIN_DECLS

/* Iterates the default main context until @context's journal is open or
 * has failed; the timeout only guards against a hang. */
void  limber_test_wait_for_journal (LimberContext *context);

/* From now on every context's journal open waits at a gate, in its
 * worker thread, until the test lets it through; the opens are numbered
 * from 0 in the order they reach the gate. An open that comes on the
 * main thread fails the test at once: it would hang the window. */
void  limber_test_hold_journal_opens      (void);

/* Waits, blocking, until @count opens have reached the gate. */
void  limber_test_wait_for_held_opens     (guint count);

/* Lets open number @index go on to limber_journal_open(). */
void  limber_test_release_journal_open    (guint index);

/* How many journals opened through the gate have been finalized, in
 * whichever thread. */
guint limber_test_held_journals_finalized (void);

/* Iterates the default main context until @count of them have been. */
void  limber_test_wait_for_held_journals_finalized (guint count);

/* Lets every open through and opens journals directly again. */
void  limber_test_stop_holding_journal_opens (void);

/* Iterates the default main context until the writes asked of
 * @context's writer so far are done, and their callbacks have run. */
void  limber_test_sync_writer (LimberContext *context);

/* Saves @entry into @context's journal as another process would: the
 * context's own connection is for reading, and never waits for a lock
 * (the writer's thread may hold it a moment). */
void  limber_test_save_entry (LimberContext   *context,
                              LimberPainEntry *entry,
                              GDateTime       *now);

G_END_DECLS
