/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include "limber-illustration.h"

GdkTexture *
limber_illustration_load (const LimberExercise *exercise)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = NULL;
  GdkTexture *texture = NULL;

  if (exercise->illustration != NULL)
    data = limber_exercise_load_illustration (exercise, &error);
  if (data != NULL)
    texture = gdk_texture_new_from_bytes (data, &error);
  if (error != NULL)
    g_message ("No picture for %s: %s", exercise->id, error->message);
  return texture;
}
