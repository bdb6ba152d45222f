/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_WORKSTATION_CHECK (limber_workstation_check_get_type ())

G_DECLARE_FINAL_TYPE (LimberWorkstationCheck, limber_workstation_check, LIMBER, WORKSTATION_CHECK, AdwWindow)

/**
 * limber_workstation_check_new:
 * @parent: (nullable): the window it is modal over
 * @settings: the application's settings (io.github.limberapp.Limber)
 * @state: the window state (io.github.limberapp.Limber.State)
 *
 * The desk check: one card per item with a “yes” and a “not yet”, shown
 * as last answered. Nothing is stored until Done; closing it, or
 * pressing Escape, keeps what was stored before.
 */
LimberWorkstationCheck *limber_workstation_check_new (GtkWindow *parent,
                                                      GSettings *settings,
                                                      GSettings *state);

/**
 * limber_workstation_check_present:
 * @parent: (nullable): the window it is modal over
 *
 * Opens the desk check over @parent, on the application's settings.
 */
void limber_workstation_check_present (GtkWindow *parent);

/**
 * limber_workstation_check_get_answer_button:
 *
 * The button that answers the item @id with “yes” (@yes TRUE) or “not
 * yet”, or %NULL for an unknown id. For tests.
 */
GtkToggleButton *limber_workstation_check_get_answer_button (LimberWorkstationCheck *self,
                                                             const char             *id,
                                                             gboolean                yes);

G_END_DECLS
