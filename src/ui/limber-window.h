/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_WINDOW (limber_window_get_type ())

G_DECLARE_FINAL_TYPE (LimberWindow, limber_window, LIMBER, WINDOW, AdwApplicationWindow)

LimberWindow  *limber_window_new         (AdwApplication *application,
                                          LimberContext  *context);
LimberContext *limber_window_get_context (LimberWindow   *self);

/**
 * limber_window_show_page:
 *
 * Shows the page named @page_name: "today", "stretches", "journal" or
 * "trends". Returns %FALSE for any other name.
 */
gboolean       limber_window_show_page   (LimberWindow   *self,
                                          const char     *page_name);

/**
 * limber_window_get_page:
 *
 * The name of the page on show.
 */
const char    *limber_window_get_page    (LimberWindow   *self);

G_END_DECLS
