/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "limber-daemon-application.h"
#include "limber-daemon-client.h"

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
      g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      if (bus != NULL && limber_daemon_is_running (bus))
        /* Translators: %s is a D-Bus name. */
        g_printerr (_("limber-daemon: already running on this session bus as %s; not starting a second one.\n"),
                    LIMBER_DAEMON_BUS_NAME);
      else
        g_printerr (_("limber-daemon: cannot start: %s\n"), error->message);
      return 1;
    }

  return g_application_run (G_APPLICATION (app), argc, argv);
}
