/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_JOURNAL_PAGE (limber_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberJournalPage, limber_journal_page, LIMBER, JOURNAL_PAGE, AdwBin)

void limber_journal_page_set_context (LimberJournalPage *self,
                                      LimberContext     *context);

/**
 * limber_journal_page_show_day:
 *
 * Puts the entry of @day, or an empty form for it, in the editor.
 */
void limber_journal_page_show_day    (LimberJournalPage *self,
                                      const char        *day);

G_END_DECLS
