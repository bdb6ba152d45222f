/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * limber_accessible_name_icon_button:
 * @tooltip: what the tooltip says
 * @name: (nullable): the name a screen reader says, when it says more
 *   than @tooltip, such as which change a Remove button removes
 *
 * An icon shows what a button does; the tooltip and the accessible name
 * say it. GTK also gives the tooltip as the description, which would
 * have it read out twice: it is taken back.
 */
void       limber_accessible_name_icon_button   (GtkWidget   *button,
                                                 const char  *tooltip,
                                                 const char  *name);

/**
 * limber_accessible_name_by_label_only:
 *
 * GTK 4.8 names a button with a mnemonic twice: by its label property,
 * underline and all, and by the label inside it, so that a screen reader
 * says “Take a _Break Now Take a Break Now”. This leaves the label inside
 * alone to name @button. Call it again after each gtk_button_set_label().
 */
void       limber_accessible_name_by_label_only (GtkButton   *button);

/**
 * limber_accessible_name_buttons_by_label:
 *
 * limber_accessible_name_by_label_only() for every button with a
 * mnemonic in @widget and below it, such as the responses of a dialog.
 */
void       limber_accessible_name_buttons_by_label (GtkWidget *widget);

/**
 * limber_accessible_name_drop_down:
 *
 * Names @drop_down and the button inside it that takes the focus, which
 * GTK 4.8 leaves unnamed, by @name; the choice shown becomes the button's
 * description, and the button says whether its list is open.
 */
void       limber_accessible_name_drop_down     (GtkDropDown *drop_down,
                                                 const char  *name);

/**
 * limber_accessible_name_search:
 *
 * Names the search toggle button (the one showing edit-find-symbolic)
 * and, when @entry_name is not %NULL, the search entry in @widget and
 * below it. libadwaita 1.2 and GTK 4.8 give that button only a tooltip
 * and the entry nothing, so a screen reader says “GtkImage”.
 */
void       limber_accessible_name_search        (GtkWidget   *widget,
                                                 const char  *button_name,
                                                 const char  *entry_name);

G_END_DECLS
