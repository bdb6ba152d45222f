/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_PAIN_SCALE (limber_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (LimberPainScale, limber_pain_scale, LIMBER, PAIN_SCALE, AdwBin)

/* A 0-10 score: eleven buttons with the meaning of both ends written under
 * them, always in view. The value is -1 until one is chosen; choosing the
 * chosen one again clears it. */
GtkWidget *limber_pain_scale_new       (void);
int        limber_pain_scale_get_value (LimberPainScale *self);
void       limber_pain_scale_set_value (LimberPainScale *self,
                                        int              value);

G_END_DECLS
