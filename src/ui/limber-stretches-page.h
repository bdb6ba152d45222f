/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_STRETCHES_PAGE (limber_stretches_page_get_type ())

G_DECLARE_FINAL_TYPE (LimberStretchesPage, limber_stretches_page, LIMBER, STRETCHES_PAGE, AdwBin)

void limber_stretches_page_set_context (LimberStretchesPage *self,
                                        LimberContext       *context);

G_END_DECLS
