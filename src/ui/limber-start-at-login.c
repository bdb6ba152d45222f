/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <libportal/portal.h>

#include "limber-autostart.h"
#include "limber-sandbox.h"
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

/* On the window the person chose in, if it is still there. */
static void
tell (GtkWindow  *parent,
      const char *heading,
      const char *body)
{
  AdwMessageDialog *dialog;

  if (parent == NULL || !gtk_widget_get_visible (GTK_WIDGET (parent)))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Off again, and the person told why. */
static void
refused (GSettings    *settings,
         GtkWindow    *parent,
         const GError *error)
{
  g_autofree char *body = NULL;

  g_message ("Start at login not changed: %s", error->message);
  g_settings_set_boolean (settings, "start-at-login", FALSE);
  /* Translators: %s says why, such as “Cannot write …: No space left on
   * device” or the desktop’s own refusal. */
  body = g_strdup_printf (_("Start at login stays off: %s"), error->message);
  tell (parent, _("Limber Cannot Start at Login"), body);
}

static void
background_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) reason = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error))
    return;

  /* Turning it off needs no consent, and a portal that fails to is out
   * of Limber's hands: the log keeps it. */
  if (!g_settings_get_boolean (request->settings, "start-at-login"))
    {
      g_message ("The Background portal did not turn start at login off: %s",
                 error != NULL ? error->message : "no reason given");
      return;
    }

  /* libportal's own messages are English for developers: the log keeps
   * them, and the person reads what happened. */
  if (error == NULL)
    {
      /* The portal granted the background but could not set up the start
       * at login, and libportal says only FALSE. */
      g_set_error_literal (&reason, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: ends “Start at login stays off: %s”. */
                           _("the desktop allowed Limber to run in the background, but not to start at login."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (&reason, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           /* Translators: ends “Start at login stays off: %s”. */
                           _("the desktop did not allow Limber to run in the background."));
    }
  else if (error->domain == G_DBUS_ERROR || g_dbus_error_is_remote_error (error))
    {
      /* No portal on the bus, or one without a Background backend. */
      g_message ("The Background portal failed: %s", error->message);
      g_set_error_literal (&reason, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: ends “Start at login stays off: %s”. */
                           _("the desktop offers no way to start Limber at login."));
    }
  else
    {
      g_message ("The Background portal failed: %s", error->message);
      g_set_error_literal (&reason, G_IO_ERROR, G_IO_ERROR_FAILED,
                           /* Translators: ends “Start at login stays off: %s”;
                            * “it” is starting at login. */
                           _("the desktop could not turn it on."));
    }
  refused (request->settings, request->parent, reason);
}

static void
request_background (GSettings *settings,
                    GtkWindow *parent,
                    gboolean   enabled)
{
  g_autoptr (XdpPortal) portal = xdp_portal_new ();
  g_autoptr (GPtrArray) commandline = g_ptr_array_new_with_free_func (g_free);
  /* The portal puts its question on the window by the window's ID (X11)
   * or exported handle (Wayland): one that was never shown has neither. */
  XdpParent *xdp_parent = parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent))
                          ? xdp_parent_new_gtk (parent) : NULL;
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
  /* Inside Flatpak only the Background portal can make Limber start at
   * login. */
  if (limber_sandbox_use_portals ())
    request_background (settings, parent, enabled);
  else if (!limber_autostart_set_file (enabled, &error))
    {
      g_autofree char *body = NULL;

      if (enabled)
        {
          refused (settings, parent, error);
          return;
        }
      /* The switch stays as the person set it; the file that was not
       * removed is named, for them to remove. */
      g_message ("Start at login not turned off: %s", error->message);
      /* Translators: %s says why, such as “Cannot remove …: Permission
       * denied”. */
      body = g_strdup_printf (_("Limber will still start when you log in: %s"), error->message);
      tell (parent, _("Start at Login Not Turned Off"), body);
    }
}
