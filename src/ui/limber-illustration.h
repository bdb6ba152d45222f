/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-catalogue.h"

G_BEGIN_DECLS

/**
 * limber_illustration_load:
 *
 * The picture of @exercise, read through the catalogue's checks again
 * (the file may have changed since the catalogue was loaded), or NULL
 * when it has none or it cannot be shown.
 */
GdkTexture *limber_illustration_load (const LimberExercise *exercise);

G_END_DECLS
