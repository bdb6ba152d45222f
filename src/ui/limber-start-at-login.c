/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <libportal/portal.h>

#include "limber-autostart.h"
#include "limber-start-at-login.h"

typedef struct
{
  GSettings *settings;
  GtkWindow *parent;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->settings);
  g_clear_object (&request->parent);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Off again, and the person told why, on the window they chose in. */
static void
refused (GSettings    *settings,
         GtkWindow    *parent,
         const GError *error)
{
  AdwMessageDialog *dialog;

  g_message ("Start at login not changed: %s", error->message);
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  if (parent == NULL || !gtk_widget_get_visible (GTK_WIDGET (parent)))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Limber Cannot Start at Login"), NULL));
  /* Translators: %s says why, such as “Cannot write …: No space left on
   * device” or the desktop’s own refusal. */
  adw_message_dialog_format_body (dialog, _("Start at login stays off: %s"), error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
background_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;

  /* Turning it off needs no consent; only a refused "on" is undone. */
  if (!xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error) &&
      g_settings_get_boolean (request->settings, "start-at-login"))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("the desktop did not allow Limber to run in the background."));
        }
      refused (request->settings, request->parent, error);
    }
}

static void
request_background (GSettings *settings,
                    GtkWindow *parent,
                    gboolean   enabled)
{
  g_autoptr (XdpPortal) portal = xdp_portal_new ();
  g_autoptr (GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  XdpParent *xdp_parent = parent != NULL ? xdp_parent_new_gtk (parent) : NULL;
  Request *request = g_new0 (Request, 1);

  request->settings = g_object_ref (settings);
  request->parent = parent != NULL ? g_object_ref (parent) : NULL;

  g_ptr_array_add (commandline, g_strdup ("limber"));
  g_ptr_array_add (commandline, g_strdup ("--background"));

  /* The portal shows the reason beside its question. */
  xdp_portal_request_background (portal, xdp_parent,
                                 (char *) _("Limber reminds you to take breaks from the moment you log in."),
                                 commandline,
                                 enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, background_cb, request);
  g_clear_pointer (&xdp_parent, xdp_parent_free);
}

void
limber_start_at_login_apply (GSettings *settings,
                             GtkWindow *parent)
{
  gboolean enabled;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  enabled = g_settings_get_boolean (settings, "start-at-login");
  if (xdp_portal_running_under_flatpak ())
    request_background (settings, parent, enabled);
  else if (!limber_autostart_set_file (enabled, &error) && enabled)
    refused (settings, parent, error);
}
