/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-context.h"

G_BEGIN_DECLS

/* What opens the journal, called in a worker thread; the journal it
 * returns is new and the caller's. */
typedef LimberJournal *(*LimberJournalOpenFunc) (const char  *path,
                                                 GError     **error);

/* For tests only: every context opens its journal with @func from now
 * on, so that a test can hold an open back for as long as it needs to;
 * %NULL goes back to limber_journal_open(). Not to be changed while a
 * journal is being opened. */
void limber_context_set_journal_open_func (LimberJournalOpenFunc func);

G_END_DECLS
