/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * limber_red_flag_advice_present:
 * @parent: (nullable): the window the sign was ticked in
 * @flag: the LimberRedFlag ticked
 *
 * Says what to do about a red-flag sign: get emergency help now, or see a
 * doctor soon, as the sign asks. The Journal page and the set-up
 * assistant's safety check give the same advice.
 */
GtkWindow *limber_red_flag_advice_present (GtkWindow *parent,
                                           guint      flag);

G_END_DECLS
