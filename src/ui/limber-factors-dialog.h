/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_FACTORS_DIALOG (limber_factors_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LimberFactorsDialog, limber_factors_dialog, LIMBER, FACTORS_DIALOG, AdwWindow)

/**
 * limber_factors_dialog_new:
 *
 * The factors a person ticks on the Journal page, to add their own,
 * rename, retire and bring back. It reads @context's journal and writes
 * through its writer; #LimberFactorsDialog::factors-changed is emitted
 * after each change is stored.
 */
GtkWidget *limber_factors_dialog_new (GtkWindow     *parent,
                                      LimberContext *context);

G_END_DECLS
