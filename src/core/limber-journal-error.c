/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-journal.h"

/* The journal's error domain, on its own: the records, the pain entry and
 * the backups report in it without depending on the journal. */

G_DEFINE_QUARK (limber-journal-error-quark, limber_journal_error)
