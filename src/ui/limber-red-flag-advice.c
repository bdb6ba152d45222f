/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-pain-entry.h"
#include "limber-red-flag-advice.h"

GtkWindow *
limber_red_flag_advice_present (GtkWindow *parent,
                                guint      flag)
{
  gboolean emergency = (flag & LIMBER_RED_FLAG_EMERGENCY) != 0;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       emergency ? _("Get Emergency Help Now")
                                                                 : _("See a Doctor Soon"),
                                                       NULL));
  if (emergency)
    adw_message_dialog_set_body (dialog,
      _("Back or neck pain together with this can be a sign of something serious, such as a heart problem or pressure on the spinal cord.\n\n"
        "Call your local emergency number or go to an emergency department now. Do not wait to see whether it passes, and do not drive yourself.\n\n"
        "Limber cannot tell what causes your pain."));
  else
    adw_message_dialog_set_body (dialog,
      _("Back pain together with this needs a doctor’s look, even if it is not an emergency. Make an appointment in the next few days.\n\n"
        "Also see a doctor if the pain started before you were 20 or after you were 50, if you have had cancer, take steroids for a long time or have weak bones, or if the pain has not eased after two to six weeks.\n\n"
        "Limber cannot tell what causes your pain."));
  adw_message_dialog_add_response (dialog, "close", _("_I Understand"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  limber_accessible_name_buttons_by_label (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
