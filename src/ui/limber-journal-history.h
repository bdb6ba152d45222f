/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-journal.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_JOURNAL_HISTORY (limber_journal_history_get_type ())

G_DECLARE_FINAL_TYPE (LimberJournalHistory, limber_journal_history, LIMBER, JOURNAL_HISTORY, AdwPreferencesGroup)

gboolean limber_journal_history_reload      (LimberJournalHistory  *self,
                                             LimberJournal         *journal,
                                             const char            *today,
                                             GError               **error);
void     limber_journal_history_set_opening (LimberJournalHistory  *self,
                                             gboolean               opening);

char    *limber_journal_history_format_day  (const char            *day,
                                             const char            *today);

G_END_DECLS
