/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"
#include "limber-routine-session.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_STRETCH_WINDOW (limber_stretch_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberStretchWindow, limber_stretch_window, LIMBER, STRETCH_WINDOW, AdwWindow)

/**
 * limber_stretch_window_new:
 * @activity_id: an exercise or routine of the context's catalogue
 * @for_break: whether a due break started it, so that finishing counts as
 *   the break taken
 *
 * Returns: (nullable): the window, or %NULL when there is no such
 *   exercise or routine
 */
LimberStretchWindow *limber_stretch_window_new (GtkApplication *application,
                                                LimberContext  *context,
                                                const char     *activity_id,
                                                gboolean        for_break);

/**
 * limber_stretch_window_get_session:
 *
 * The session the window guides through. Its clock is the monotonic
 * one; tests move it on by calling it with later times.
 */
LimberRoutineSession *limber_stretch_window_get_session (LimberStretchWindow *self);

G_END_DECLS
