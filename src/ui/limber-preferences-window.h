/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PREFERENCES_WINDOW (limber_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberPreferencesWindow, limber_preferences_window, LIMBER, PREFERENCES_WINDOW, AdwPreferencesWindow)

LimberPreferencesWindow *limber_preferences_window_new (GtkWindow     *parent,
                                                        LimberContext *context);

G_END_DECLS
