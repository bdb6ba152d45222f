/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-pain-entry.h"
#include "limber-pain-scale.h"

/* Page Up and Page Down move the score by this much. */
#define PAGE_STEP 2

struct _LimberPainScale
{
  AdwBin     parent_instance;

  GtkWidget *cells[LIMBER_PAIN_SCORE_MAX + 1];
  GtkLabel  *low_label;
  GtkLabel  *high_label;
  GtkLabel  *state_label;
  GtkLabel  *remark_label;
  char      *remark;
  int        value;
};

G_DEFINE_FINAL_TYPE (LimberPainScale, limber_pain_scale, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_LOW_LABEL,
  PROP_HIGH_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a screen reader says of the value: “4 of 10”, with the meaning of
 * an end when the value is one, and the remark when there is one. */
static char *
describe_value (LimberPainScale *self)
{
  const char *anchor = NULL;
  g_autofree char *text = NULL;

  if (self->value == LIMBER_PAIN_SCORE_UNSET)
    /* Translators: a pain score that was not given yet. */
    text = g_strdup (_("Not set"));
  else
    {
      if (self->value == LIMBER_PAIN_SCORE_MIN)
        anchor = gtk_label_get_label (self->low_label);
      else if (self->value == LIMBER_PAIN_SCORE_MAX)
        anchor = gtk_label_get_label (self->high_label);

      if (anchor != NULL && *anchor != '\0')
        /* Translators: a score, then what it means, such as
         * “10 of 10: Worst pain imaginable”. */
        text = g_strdup_printf (_("%d of %d: %s"), self->value, LIMBER_PAIN_SCORE_MAX, anchor);
      else
        /* Translators: a score, such as “4 of 10”. */
        text = g_strdup_printf (_("%d of %d"), self->value, LIMBER_PAIN_SCORE_MAX);
    }

  if (self->remark != NULL)
    /* Translators: a score such as “9 of 10”, then what changed with it,
     * such as “Worst pain raised to 9 to match”. */
    return g_strdup_printf (_("%s (%s)"), text, self->remark);
  return g_steal_pointer (&text);
}

static void
update_accessible_value (LimberPainScale *self)
{
  g_autofree char *text = describe_value (self);

  if (self->value == LIMBER_PAIN_SCORE_UNSET)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->value,
                                    -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* The meaning of both ends, read after the question. */
static void
update_description (LimberPainScale *self)
{
  const char *low = gtk_label_get_label (self->low_label);
  const char *high = gtk_label_get_label (self->high_label);
  g_autofree char *description = NULL;

  if (*low == '\0' || *high == '\0')
    return;

  /* Translators: the meaning of both ends of a scale, such as “0 is No
   * pain, 10 is Worst pain imaginable”. */
  description = g_strdup_printf (_("%d is %s, %d is %s"), LIMBER_PAIN_SCORE_MIN, low, LIMBER_PAIN_SCORE_MAX, high);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
sync_cells (LimberPainScale *self)
{
  for (int i = 0; i <= LIMBER_PAIN_SCORE_MAX; i++)
    {
      if (i == self->value)
        gtk_widget_add_css_class (self->cells[i], "selected");
      else
        gtk_widget_remove_css_class (self->cells[i], "selected");
    }

  if (self->value == LIMBER_PAIN_SCORE_UNSET)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unset");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unset");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), self->value == LIMBER_PAIN_SCORE_UNSET);
}

static void
show_remark (LimberPainScale *self)
{
  gtk_label_set_label (self->remark_label, self->remark ? self->remark : "");
  gtk_widget_set_visible (GTK_WIDGET (self->remark_label), self->remark != NULL);
}

int
limber_pain_scale_get_value (LimberPainScale *self)
{
  g_return_val_if_fail (LIMBER_IS_PAIN_SCALE (self), LIMBER_PAIN_SCORE_UNSET);

  return self->value;
}

void
limber_pain_scale_set_value (LimberPainScale *self,
                             int              value)
{
  g_return_if_fail (LIMBER_IS_PAIN_SCALE (self));
  g_return_if_fail (value >= LIMBER_PAIN_SCORE_UNSET && value <= LIMBER_PAIN_SCORE_MAX);

  if (self->value == value)
    return;

  self->value = value;
  /* A remark was about the value before. */
  g_clear_pointer (&self->remark, g_free);
  show_remark (self);
  sync_cells (self);
  update_accessible_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
limber_pain_scale_set_remark (LimberPainScale *self,
                              const char      *remark)
{
  g_return_if_fail (LIMBER_IS_PAIN_SCALE (self));

  if (g_strcmp0 (self->remark, remark) == 0)
    return;

  g_free (self->remark);
  self->remark = g_strdup (remark);
  show_remark (self);
  update_accessible_value (self);
}

/* Moves the value by @step, from nothing as if from just below 0. */
static void
step_value (LimberPainScale *self,
            int              step)
{
  limber_pain_scale_set_value (self, CLAMP (self->value + step, LIMBER_PAIN_SCORE_MIN, LIMBER_PAIN_SCORE_MAX));
}

static gboolean
key_pressed_cb (LimberPainScale *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  /* Left goes towards 0 on screen, which is on the right in a
   * right-to-left locale. */
  int left = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step_value (self, left);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step_value (self, -left);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step_value (self, -1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step_value (self, 1);
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step_value (self, -PAGE_STEP);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step_value (self, PAGE_STEP);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      limber_pain_scale_set_value (self, LIMBER_PAIN_SCORE_MIN);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      limber_pain_scale_set_value (self, LIMBER_PAIN_SCORE_MAX);
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      limber_pain_scale_set_value (self, LIMBER_PAIN_SCORE_UNSET);
      return TRUE;

    default:
      break;
    }

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    {
      limber_pain_scale_set_value (self, (int) (keyval - GDK_KEY_0));
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    {
      limber_pain_scale_set_value (self, (int) (keyval - GDK_KEY_KP_0));
      return TRUE;
    }

  return FALSE;
}

/* The score under the pointer, or -1 between them. */
static int
score_at (LimberPainScale *self,
          double           x,
          double           y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != GTK_WIDGET (self); picked = gtk_widget_get_parent (picked))
    {
      for (int i = 0; i <= LIMBER_PAIN_SCORE_MAX; i++)
        {
          if (picked == self->cells[i])
            return i;
        }
    }
  return LIMBER_PAIN_SCORE_UNSET;
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             LimberPainScale *self)
{
  int score = score_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (score == LIMBER_PAIN_SCORE_UNSET)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* Picking the chosen score again takes it back. */
  limber_pain_scale_set_value (self, score == self->value ? LIMBER_PAIN_SCORE_UNSET : score);
}

static void
limber_pain_scale_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LimberPainScale *self = LIMBER_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;

    case PROP_LOW_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->low_label));
      break;

    case PROP_HIGH_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->high_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_pain_scale_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LimberPainScale *self = LIMBER_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      limber_pain_scale_set_value (self, g_value_get_int (value));
      break;

    case PROP_LOW_LABEL:
      gtk_label_set_label (self->low_label, g_value_get_string (value));
      update_description (self);
      update_accessible_value (self);
      break;

    case PROP_HIGH_LABEL:
      gtk_label_set_label (self->high_label, g_value_get_string (value));
      update_description (self);
      update_accessible_value (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_pain_scale_finalize (GObject *object)
{
  LimberPainScale *self = LIMBER_PAIN_SCALE (object);

  g_free (self->remark);

  G_OBJECT_CLASS (limber_pain_scale_parent_class)->finalize (object);
}

static void
limber_pain_scale_class_init (LimberPainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = limber_pain_scale_get_property;
  object_class->set_property = limber_pain_scale_set_property;
  object_class->finalize = limber_pain_scale_finalize;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      LIMBER_PAIN_SCORE_UNSET, LIMBER_PAIN_SCORE_MAX, LIMBER_PAIN_SCORE_UNSET,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOW_LABEL] =
    g_param_spec_string ("low-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_LABEL] =
    g_param_spec_string ("high-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "painscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

/* A label that is only seen: the scale's accessible value says it. */
static GtkWidget *
shown_label (const char *text)
{
  return g_object_new (GTK_TYPE_LABEL,
                       "label", text,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

static void
limber_pain_scale_init (LimberPainScale *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *cells = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *anchors = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkEventController *keys;
  GtkGesture *click;

  self->value = LIMBER_PAIN_SCORE_UNSET;

  /* One Tab stop for the whole scale; the scores are only drawn. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "unset");

  gtk_widget_add_css_class (cells, "cells");
  gtk_box_set_homogeneous (GTK_BOX (cells), TRUE);
  for (int i = 0; i <= LIMBER_PAIN_SCORE_MAX; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);

      self->cells[i] = shown_label (label);
      gtk_widget_add_css_class (self->cells[i], "cell");
      gtk_widget_add_css_class (self->cells[i], "numeric");
      gtk_box_append (GTK_BOX (cells), self->cells[i]);
    }

  /* The anchors stay on screen: a score means little without them. */
  self->low_label = GTK_LABEL (shown_label (NULL));
  self->high_label = GTK_LABEL (shown_label (NULL));
  self->state_label = GTK_LABEL (shown_label (_("Not set")));
  gtk_label_set_xalign (self->low_label, 0);
  gtk_label_set_xalign (self->high_label, 1);
  gtk_label_set_wrap (self->low_label, TRUE);
  gtk_label_set_wrap (self->high_label, TRUE);
  gtk_label_set_justify (self->high_label, GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (GTK_WIDGET (self->low_label), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->high_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "state");
  gtk_box_append (GTK_BOX (anchors), GTK_WIDGET (self->low_label));
  gtk_box_append (GTK_BOX (anchors), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (anchors), GTK_WIDGET (self->high_label));

  self->remark_label = GTK_LABEL (shown_label (NULL));
  gtk_label_set_xalign (self->remark_label, 0);
  gtk_label_set_wrap (self->remark_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->remark_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->remark_label), "remark");
  gtk_widget_set_visible (GTK_WIDGET (self->remark_label), FALSE);

  gtk_box_append (GTK_BOX (column), cells);
  gtk_box_append (GTK_BOX (column), anchors);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->remark_label));
  adw_bin_set_child (ADW_BIN (self), column);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double) LIMBER_PAIN_SCORE_MIN,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) LIMBER_PAIN_SCORE_MAX,
                                  -1);
  update_accessible_value (self);
}

GtkWidget *
limber_pain_scale_new (void)
{
  return g_object_new (LIMBER_TYPE_PAIN_SCALE, NULL);
}
