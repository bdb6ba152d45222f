/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_TODAY_PAGE (limber_today_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberTodayPage, limber_today_page, LIMBER, TODAY_PAGE, AdwBin)

void limber_today_page_set_context (LimberTodayPage *self,
                                    LimberContext   *context);

G_END_DECLS
