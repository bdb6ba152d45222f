/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-catalogue.h"

G_BEGIN_DECLS

/* The picture of an exercise as one of its steps shows it: mirrored when
 * the step is done on the other side than the one drawn. */

#define LIMBER_TYPE_ILLUSTRATION (limber_illustration_get_type ())

G_DECLARE_FINAL_TYPE (LimberIllustration, limber_illustration, LIMBER, ILLUSTRATION, GObject)

/**
 * limber_illustration_load:
 *
 * The picture of @exercise, read through the catalogue's checks again
 * (the file may have changed since the catalogue was loaded), or NULL
 * when it has none or it cannot be shown.
 */
GdkTexture *limber_illustration_load         (const LimberExercise *exercise);

/**
 * limber_illustration_get_mirrored:
 *
 * Whether the picture is drawn mirrored, left for right.
 */
gboolean    limber_illustration_get_mirrored (LimberIllustration   *self);

/**
 * limber_illustration_show:
 * @step: (nullable): the step under way, or %NULL to show the picture as
 *   it is drawn
 *
 * Shows the picture of @exercise in @picture, mirrored when @step is on
 * the other side than the picture, and names it for screen readers by
 * what it shows and which side. Returns whether there is a picture.
 */
gboolean    limber_illustration_show         (GtkPicture           *picture,
                                              const LimberExercise *exercise,
                                              const LimberStep     *step);

G_END_DECLS
