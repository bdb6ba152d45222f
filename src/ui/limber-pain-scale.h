/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_PAIN_SCALE (limber_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (LimberPainScale, limber_pain_scale, LIMBER, PAIN_SCALE, AdwBin)

/* A 0-10 score: one control, a slider to assistive technologies, drawn
 * as the eleven scores in a row with the meaning of both ends written
 * under them, always in view. Clicking a score picks it; the arrow keys,
 * Home, End, Page Up and Page Down move it; a digit picks that score;
 * Delete clears it. The value is -1 ("not set") until one is chosen;
 * clicking the chosen one again clears it. */
GtkWidget *limber_pain_scale_new       (void);
int        limber_pain_scale_get_value (LimberPainScale *self);
void       limber_pain_scale_set_value (LimberPainScale *self,
                                        int              value);

/**
 * limber_pain_scale_set_remark:
 *
 * Shows @remark under the scale, and has assistive technologies read it
 * with the value, until the value next changes; %NULL takes it away.
 * For what the scale did that the user did not ask of it directly.
 */
void       limber_pain_scale_set_remark (LimberPainScale *self,
                                         const char      *remark);

G_END_DECLS
