/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-break-driver.h"
#include "limber-journal-writer.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_JOURNAL_UPKEEP (limber_journal_upkeep_get_type ())

G_DECLARE_FINAL_TYPE (LimberJournalUpkeep, limber_journal_upkeep, LIMBER, JOURNAL_UPKEEP, GObject)

/* The daemon as the journal's one keeper: once a day, at the day's
 * rollover or the first moment after it that the person is away, it
 * checks the journal, repairs it when damaged and makes the day's backup,
 * all on the writer's thread. It also retries waiting writes then.
 * "told" is emitted with a sentence for the person: a repair, or writes
 * that wait (once while they wait). */
LimberJournalUpkeep *limber_journal_upkeep_new  (LimberJournalWriter *writer,
                                                 LimberBreakDriver   *driver);

/* Checks, repairs and backs up now, whatever the schedule says. */
void                 limber_journal_upkeep_run  (LimberJournalUpkeep *self);

G_END_DECLS
