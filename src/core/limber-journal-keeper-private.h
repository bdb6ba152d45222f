/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal-keeper.h"

G_BEGIN_DECLS

/* For tests: called during a repair once the new journal is in place and
 * the damaged one moved to @damaged_path, before the damaged file is read
 * the second time. A process that still has the old file open may write
 * to it here. */
typedef void (*LimberKeeperReplacedHook) (const char *journal_path,
                                          const char *damaged_path,
                                          gpointer    user_data);

void limber_journal_keeper_set_replaced_hook (LimberKeeperReplacedHook hook,
                                              gpointer                 user_data);

G_END_DECLS
