/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_TRENDS_PAGE (limber_trends_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberTrendsPage, limber_trends_page, LIMBER, TRENDS_PAGE, AdwBin)

void limber_trends_page_set_context (LimberTrendsPage *self,
                                     LimberContext    *context);

G_END_DECLS
