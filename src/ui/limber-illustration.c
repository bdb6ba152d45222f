/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-illustration.h"

struct _LimberIllustration
{
  GObject               parent_instance;

  GdkTexture           *texture;
  gboolean              mirrored;
  /* Only compared, to keep the picture shown when the next step shows the
   * same one: the catalogue outlives the windows that show it. */
  const LimberExercise *exercise;
};

static void limber_illustration_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LimberIllustration, limber_illustration, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, limber_illustration_paintable_init))

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

static void
limber_illustration_snapshot (GdkPaintable *paintable,
                              GdkSnapshot  *snapshot,
                              double        width,
                              double        height)
{
  LimberIllustration *self = LIMBER_ILLUSTRATION (paintable);

  if (!self->mirrored)
    {
      gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
      return;
    }

  gtk_snapshot_save (GTK_SNAPSHOT (snapshot));
  gtk_snapshot_translate (GTK_SNAPSHOT (snapshot), &GRAPHENE_POINT_INIT ((float) width, 0));
  gtk_snapshot_scale (GTK_SNAPSHOT (snapshot), -1, 1);
  gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
  gtk_snapshot_restore (GTK_SNAPSHOT (snapshot));
}

static int
limber_illustration_get_intrinsic_width (GdkPaintable *paintable)
{
  return gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (LIMBER_ILLUSTRATION (paintable)->texture));
}

static int
limber_illustration_get_intrinsic_height (GdkPaintable *paintable)
{
  return gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (LIMBER_ILLUSTRATION (paintable)->texture));
}

static double
limber_illustration_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return gdk_paintable_get_intrinsic_aspect_ratio (GDK_PAINTABLE (LIMBER_ILLUSTRATION (paintable)->texture));
}

static GdkPaintableFlags
limber_illustration_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
limber_illustration_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = limber_illustration_snapshot;
  iface->get_intrinsic_width = limber_illustration_get_intrinsic_width;
  iface->get_intrinsic_height = limber_illustration_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = limber_illustration_get_intrinsic_aspect_ratio;
  iface->get_flags = limber_illustration_get_flags;
}

static void
limber_illustration_finalize (GObject *object)
{
  LimberIllustration *self = LIMBER_ILLUSTRATION (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (limber_illustration_parent_class)->finalize (object);
}

static void
limber_illustration_class_init (LimberIllustrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_illustration_finalize;
}

static void
limber_illustration_init (LimberIllustration *self)
{
}

gboolean
limber_illustration_get_mirrored (LimberIllustration *self)
{
  g_return_val_if_fail (LIMBER_IS_ILLUSTRATION (self), FALSE);
  return self->mirrored;
}

/* What a screen reader says for the picture: what it shows and, for a
 * picture of one side, which side is shown. A description of such a
 * picture says neither left nor right, as it is read for the mirrored
 * picture too (data/routines/README.md). */
static char *
accessible_name (const LimberExercise *exercise,
                 LimberSide            side)
{
  const char *described = exercise->illustration_description;

  if (described == NULL)
    /* Translators: how a screen reader names a picture of an exercise
     * whose file does not say what it shows; %s is the exercise. */
    return g_strdup_printf (_("Picture of “%s”"), _(exercise->name));

  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      /* Translators: how a screen reader names the picture of a step on
       * the left side; %s says what the picture shows. */
      return g_strdup_printf (_("Left side: %s"), _(described));
    case LIMBER_SIDE_RIGHT:
      /* Translators: how a screen reader names the picture of a step on
       * the right side; %s says what the picture shows. */
      return g_strdup_printf (_("Right side: %s"), _(described));
    case LIMBER_SIDE_BOTH:
    default:
      return g_strdup (_(described));
    }
}

gboolean
limber_illustration_show (GtkPicture           *picture,
                          const LimberExercise *exercise,
                          const LimberStep     *step)
{
  GdkPaintable *shown;
  gboolean mirrored;
  LimberSide side;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GTK_IS_PICTURE (picture), FALSE);
  g_return_val_if_fail (exercise != NULL, FALSE);

  mirrored = step != NULL && limber_exercise_mirrors_illustration (exercise, step);
  shown = gtk_picture_get_paintable (picture);
  if (!LIMBER_IS_ILLUSTRATION (shown) || LIMBER_ILLUSTRATION (shown)->exercise != exercise ||
      LIMBER_ILLUSTRATION (shown)->mirrored != mirrored)
    {
      g_autoptr (GdkTexture) texture = limber_illustration_load (exercise);
      g_autoptr (LimberIllustration) illustration = NULL;

      if (texture != NULL)
        {
          illustration = g_object_new (LIMBER_TYPE_ILLUSTRATION, NULL);
          illustration->texture = g_steal_pointer (&texture);
          illustration->mirrored = mirrored;
          illustration->exercise = exercise;
        }
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (illustration));
      shown = GDK_PAINTABLE (illustration);
    }

  if (shown == NULL)
    {
      gtk_picture_set_alternative_text (picture, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return FALSE;
    }

  /* A picture of one side shows the side of the step, mirrored or not,
   * and alone the side it is drawn for. */
  side = exercise->illustration_side;
  if (side != LIMBER_SIDE_BOTH && step != NULL && step->side != LIMBER_SIDE_BOTH)
    side = step->side;
  name = accessible_name (exercise, side);
  gtk_picture_set_alternative_text (picture, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* GTK also gives the alternative text as the description; said once
   * as the name is enough. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  return TRUE;
}
