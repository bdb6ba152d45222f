/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "limber-daemon-application.h"
#include "limber-daemon-client.h"

static gboolean
name_has_owner (const char *name)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus,
                                       "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (LimberDaemonApplication) app = NULL;
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("limber-daemon");
  g_set_application_name (_("Limber"));

  app = limber_daemon_application_new ();

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      if (name_has_owner (LIMBER_DAEMON_BUS_NAME))
        /* Translators: %s is a D-Bus name. */
        g_printerr (_("limber-daemon: already running on this session bus as %s; not starting a second one.\n"),
                    LIMBER_DAEMON_BUS_NAME);
      else
        g_printerr (_("limber-daemon: cannot start: %s\n"), error->message);
      return 1;
    }

  return g_application_run (G_APPLICATION (app), argc, argv);
}
