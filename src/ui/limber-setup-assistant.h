/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_SETUP_ASSISTANT (limber_setup_assistant_get_type ())

G_DECLARE_FINAL_TYPE (LimberSetupAssistant, limber_setup_assistant, LIMBER, SETUP_ASSISTANT, AdwWindow)

/**
 * limber_setup_assistant_new:
 * @parent: the main window, which the assistant is modal over
 *
 * The first-run assistant: what Limber does, a safety check, where it
 * hurts, a break rhythm, the pain-log reminder, start at login and where
 * reminders appear. Each step can be skipped, which keeps what is set.
 * Nothing is written until Finish; closing it keeps every setting and
 * only records that set-up was seen.
 */
LimberSetupAssistant *limber_setup_assistant_new (GtkWindow     *parent,
                                                  LimberContext *context);

/* The name of the step shown: "about", "safety", "regions", "rhythm",
 * "log", "login" or "reminders". */
const char           *limber_setup_assistant_get_step (LimberSetupAssistant *self);

G_END_DECLS
