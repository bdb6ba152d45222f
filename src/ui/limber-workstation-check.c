/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-workstation.h"
#include "limber-workstation-check.h"

/* Where the shipped pictures are, beside the stretches' own. */
#define ILLUSTRATIONS "/io/github/limberapp/Limber/routines/illustrations/"

typedef struct
{
  const LimberWorkstationItem *item;
  GtkToggleButton             *yes;
  GtkToggleButton             *not_yet;
} Answer;

struct _LimberWorkstationCheck
{
  AdwWindow  parent_instance;

  GSettings *settings;
  GSettings *state;
  /* One for each item, in the order of limber_workstation_get_items(). */
  GArray    *answers;

  GtkButton           *done_button;
  GtkScrolledWindow   *scroller;
  GtkBox              *items_box;
  AdwPreferencesGroup *recheck_group;
  AdwActionRow        *recheck_row;
  GtkSwitch           *recheck_switch;
};

G_DEFINE_FINAL_TYPE (LimberWorkstationCheck, limber_workstation_check, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A toggle button of a yes / not yet pair, read as a radio button: its
 * state is said as checked, as for any choice of one among two. */
static void
answer_toggled_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

static GtkToggleButton *
answer_button (const char *label,
               const char *accessible_name)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                    "label", label,
                                    "hexpand", TRUE,
                                    NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), NULL);
  answer_toggled_cb (GTK_TOGGLE_BUTTON (button));
  return GTK_TOGGLE_BUTTON (button);
}

static GtkWidget *
item_picture (const LimberWorkstationItem *item)
{
  g_autofree char *resource = g_strconcat (ILLUSTRATIONS, item->illustration, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkWidget *picture = gtk_picture_new ();

  /* The same way the stretches' pictures are read: the bytes from the
   * bundle, drawn by GdkPixbuf's SVG loader. */
  data = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (data != NULL)
    texture = gdk_texture_new_from_bytes (data, &error);
  if (texture == NULL)
    {
      g_message ("No picture for the desk check’s %s: %s", item->id, error->message);
      gtk_widget_set_visible (picture, FALSE);
      return picture;
    }

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, -1, 140);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), _(item->picture));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, _(item->picture), -1);
  /* GTK also gives the alternative text as the description; said once
   * as the name is enough. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  return picture;
}

/* A card: the picture, what to look at, why, and the two answers. */
static GtkWidget *
item_card (const LimberWorkstationItem *item,
           Answer                      *answer)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_(item->title));
  GtkWidget *why = gtk_label_new (_(item->why));
  GtkWidget *pair;
  g_autofree char *yes_name = NULL;
  g_autofree char *not_yet_name = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "workstation-item");

  /* The words and the answers stand inside the card's edge. */
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_end (title, 12);
  gtk_widget_set_margin_start (why, 12);
  gtk_widget_set_margin_end (why, 12);
  gtk_widget_set_margin_top (title, 6);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_label_set_xalign (GTK_LABEL (why), 0);

  /* Translators: how a screen reader names the “Yes” button of an item
   * of the desk check; %s is the item, such as “Feet Flat”. */
  yes_name = g_strdup_printf (_("%s: yes"), _(item->title));
  /* Translators: how a screen reader names the “Not Yet” button of an
   * item of the desk check; %s is the item, such as “Feet Flat”. */
  not_yet_name = g_strdup_printf (_("%s: not yet"), _(item->title));
  answer->item = item;
  /* Translators: an answer in the desk check: this is done. */
  answer->yes = answer_button (_("Yes"), yes_name);
  /* Translators: an answer in the desk check: this is not done yet. */
  answer->not_yet = answer_button (_("Not Yet"), not_yet_name);
  gtk_toggle_button_set_group (answer->not_yet, answer->yes);

  pair = g_object_new (GTK_TYPE_BOX,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                       "orientation", GTK_ORIENTATION_HORIZONTAL,
                       "halign", GTK_ALIGN_FILL,
                       "margin-top", 6,
                       "margin-start", 12,
                       "margin-end", 12,
                       "margin-bottom", 12,
                       NULL);
  gtk_widget_add_css_class (pair, "linked");
  gtk_box_append (GTK_BOX (pair), GTK_WIDGET (answer->yes));
  gtk_box_append (GTK_BOX (pair), GTK_WIDGET (answer->not_yet));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (pair), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);

  gtk_box_append (GTK_BOX (card), item_picture (item));
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), why);
  gtk_box_append (GTK_BOX (card), pair);
  return card;
}

/* Shows the answers as stored: a “not yet” where the item is among them,
 * a “yes” for the others once the desk was checked at all, and neither
 * before the first check. */
static void
show_stored_answers (LimberWorkstationCheck *self)
{
  g_auto (GStrv) not_yet = g_settings_get_strv (self->state, "workstation-not-yet");
  gboolean checked = g_settings_get_int64 (self->state, "workstation-checked") > 0;

  for (guint i = 0; i < self->answers->len; i++)
    {
      Answer *answer = &g_array_index (self->answers, Answer, i);

      if (g_strv_contains ((const char * const *) not_yet, answer->item->id))
        gtk_toggle_button_set_active (answer->not_yet, TRUE);
      else if (checked)
        gtk_toggle_button_set_active (answer->yes, TRUE);
    }
  gtk_switch_set_active (self->recheck_switch, g_settings_get_boolean (self->settings, "workstation-recheck"));
}

static void
done_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (widget);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) not_yet = NULL;

  for (guint i = 0; i < self->answers->len; i++)
    {
      Answer *answer = &g_array_index (self->answers, Answer, i);

      if (gtk_toggle_button_get_active (answer->not_yet))
        g_strv_builder_add (builder, answer->item->id);
    }
  not_yet = g_strv_builder_end (builder);

  /* Together, so that the Today page sees the answers and the time of
   * the check at once. */
  g_settings_delay (self->state);
  g_settings_set_strv (self->state, "workstation-not-yet", (const char * const *) not_yet);
  g_settings_set_int64 (self->state, "workstation-checked", g_get_real_time () / G_USEC_PER_SEC);
  g_settings_apply (self->state);
  g_settings_set_boolean (self->settings, "workstation-recheck", gtk_switch_get_active (self->recheck_switch));

  gtk_window_close (GTK_WINDOW (self));
}

LimberWorkstationCheck *
limber_workstation_check_new (GtkWindow *parent,
                              GSettings *settings,
                              GSettings *state)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (state), NULL);

  return g_object_new (LIMBER_TYPE_WORKSTATION_CHECK,
                       "transient-for", parent,
                       "settings", settings,
                       "state", state,
                       NULL);
}

void
limber_workstation_check_present (GtkWindow *parent)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GSettings) state = g_settings_new (APP_ID ".State");
  LimberWorkstationCheck *check;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  check = limber_workstation_check_new (parent, settings, state);
  gtk_window_present (GTK_WINDOW (check));
}

GtkToggleButton *
limber_workstation_check_get_answer_button (LimberWorkstationCheck *self,
                                            const char             *id,
                                            gboolean                yes)
{
  g_return_val_if_fail (LIMBER_IS_WORKSTATION_CHECK (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->answers->len; i++)
    {
      Answer *answer = &g_array_index (self->answers, Answer, i);

      if (g_str_equal (answer->item->id, id))
        return yes ? answer->yes : answer->not_yet;
    }
  return NULL;
}

/* GObject */

static void
limber_workstation_check_constructed (GObject *object)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (object);
  const LimberWorkstationItem *items;
  GtkWidget *previous;
  gsize n_items;

  G_OBJECT_CLASS (limber_workstation_check_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (G_IS_SETTINGS (self->state));

  items = limber_workstation_get_items (&n_items);
  g_array_set_size (self->answers, n_items);
  previous = gtk_widget_get_first_child (GTK_WIDGET (self->items_box));
  for (gsize i = 0; i < n_items; i++)
    {
      GtkWidget *card = item_card (&items[i], &g_array_index (self->answers, Answer, i));

      gtk_box_insert_child_after (self->items_box, card, previous);
      previous = card;
    }
  show_stored_answers (self);
}

static void
limber_workstation_check_dispose (GObject *object)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_WORKSTATION_CHECK);
  g_clear_object (&self->settings);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (limber_workstation_check_parent_class)->dispose (object);
}

static void
limber_workstation_check_finalize (GObject *object)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (object);

  g_clear_pointer (&self->answers, g_array_unref);

  G_OBJECT_CLASS (limber_workstation_check_parent_class)->finalize (object);
}

static void
limber_workstation_check_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_workstation_check_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LimberWorkstationCheck *self = LIMBER_WORKSTATION_CHECK (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_workstation_check_class_init (LimberWorkstationCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_workstation_check_constructed;
  object_class->dispose = limber_workstation_check_dispose;
  object_class->finalize = limber_workstation_check_finalize;
  object_class->get_property = limber_workstation_check_get_property;
  object_class->set_property = limber_workstation_check_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/limberapp/Limber/limber-workstation-check.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, done_button);
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, scroller);
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, items_box);
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, recheck_group);
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, recheck_row);
  gtk_widget_class_bind_template_child (widget_class, LimberWorkstationCheck, recheck_switch);

  gtk_widget_class_install_action (widget_class, "workstation.done", NULL, done_cb);
  /* Escape leaves the check as it was, the same as the close button. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
limber_workstation_check_init (LimberWorkstationCheck *self)
{
  self->answers = g_array_new (FALSE, TRUE, sizeof (Answer));
  gtk_widget_init_template (GTK_WIDGET (self));

  limber_accessible_name_by_label_only (self->done_button);
  /* The row names its switch by its title through the activatable
   * widget: the row itself is no Tab stop of its own. */
  gtk_widget_set_focusable (GTK_WIDGET (self->recheck_row), FALSE);
}
