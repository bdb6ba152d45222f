/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include "limber-accessible.h"

void
limber_accessible_name_by_label_only (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
limber_accessible_name_icon_button (GtkWidget  *button,
                                    const char *tooltip,
                                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (button));
  g_return_if_fail (tooltip != NULL);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : tooltip, -1);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
limber_accessible_name_buttons_by_label (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    limber_accessible_name_by_label_only (GTK_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    limber_accessible_name_buttons_by_label (child);
}

/* The toggle button GtkDropDown shows, and opens its list with. */
static GtkWidget *
drop_down_button (GtkDropDown *drop_down)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

static void
button_active_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                               gtk_toggle_button_get_active (button), -1);
}

static void
selected_item_cb (GtkDropDown *drop_down)
{
  GtkWidget *button = drop_down_button (drop_down);
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (button != NULL && GTK_IS_STRING_OBJECT (item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_string_object_get_string (GTK_STRING_OBJECT (item)), -1);
}

void
limber_accessible_name_drop_down (GtkDropDown *drop_down,
                                  const char  *name)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  button = drop_down_button (drop_down);
  /* A later GTK may build the drop-down otherwise; then it names its
   * button itself. */
  if (button == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (g_object_get_data (G_OBJECT (drop_down), "limber-accessible-named") != NULL)
    return;
  g_object_set_data (G_OBJECT (drop_down), "limber-accessible-named", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "notify::active", G_CALLBACK (button_active_cb), NULL);
  button_active_cb (GTK_TOGGLE_BUTTON (button));
  g_signal_connect (drop_down, "notify::selected-item", G_CALLBACK (selected_item_cb), NULL);
  selected_item_cb (drop_down);
}

void
limber_accessible_name_search (GtkWidget  *widget,
                               const char *button_name,
                               const char *entry_name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (button_name != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "edit-find-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      else if (GTK_IS_SEARCH_ENTRY (child) && entry_name != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, entry_name, -1);
      else
        limber_accessible_name_search (child, button_name, entry_name);
    }
}
