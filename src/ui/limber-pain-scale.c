/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-pain-entry.h"
#include "limber-pain-scale.h"

struct _LimberPainScale
{
  AdwBin           parent_instance;

  GtkToggleButton *buttons[LIMBER_PAIN_SCORE_MAX + 1];
  GtkLabel        *low_label;
  GtkLabel        *high_label;
  int              value;
  gboolean         updating;
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

static void
sync_buttons (LimberPainScale *self)
{
  self->updating = TRUE;
  for (int i = 0; i <= LIMBER_PAIN_SCORE_MAX; i++)
    gtk_toggle_button_set_active (self->buttons[i], i == self->value);
  self->updating = FALSE;
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
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
button_toggled_cb (GtkToggleButton *button,
                   LimberPainScale *self)
{
  int score = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "score"));

  if (self->updating)
    return;

  if (gtk_toggle_button_get_active (button))
    limber_pain_scale_set_value (self, score);
  else if (self->value == score)
    limber_pain_scale_set_value (self, LIMBER_PAIN_SCORE_UNSET);
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
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[0]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_value_get_string (value), -1);
      break;

    case PROP_HIGH_LABEL:
      gtk_label_set_label (self->high_label, g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[LIMBER_PAIN_SCORE_MAX]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_value_get_string (value), -1);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_pain_scale_class_init (LimberPainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = limber_pain_scale_get_property;
  object_class->set_property = limber_pain_scale_set_property;

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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
limber_pain_scale_init (LimberPainScale *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *anchors = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->value = LIMBER_PAIN_SCORE_UNSET;

  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_halign (buttons, GTK_ALIGN_FILL);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  for (int i = 0; i <= LIMBER_PAIN_SCORE_MAX; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);

      self->buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (label));
      g_object_set_data (G_OBJECT (self->buttons[i]), "score", GINT_TO_POINTER (i));
      gtk_widget_add_css_class (GTK_WIDGET (self->buttons[i]), "pain-score");
      g_signal_connect_object (self->buttons[i], "toggled", G_CALLBACK (button_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->buttons[i]));
    }

  /* The anchors stay on screen: a score means little without them. */
  self->low_label = GTK_LABEL (gtk_label_new (NULL));
  self->high_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->low_label, 0);
  gtk_label_set_xalign (self->high_label, 1);
  gtk_label_set_wrap (self->low_label, TRUE);
  gtk_label_set_wrap (self->high_label, TRUE);
  gtk_label_set_justify (self->high_label, GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (GTK_WIDGET (self->low_label), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->high_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "dim-label");
  gtk_box_append (GTK_BOX (anchors), GTK_WIDGET (self->low_label));
  gtk_box_append (GTK_BOX (anchors), GTK_WIDGET (self->high_label));

  gtk_box_append (GTK_BOX (column), buttons);
  gtk_box_append (GTK_BOX (column), anchors);
  adw_bin_set_child (ADW_BIN (self), column);
}

GtkWidget *
limber_pain_scale_new (void)
{
  return g_object_new (LIMBER_TYPE_PAIN_SCALE, NULL);
}
