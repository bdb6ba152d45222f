/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "limber-daemon-application.h"
#include "limber-daemon-client.h"

/* The options are read before anything starts, so --help, --version and a
 * mistyped option never leave a daemon running. */
static int
parse_options (int    *argc,
               char ***argv)
{
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Limber’s break timer, tray icon and reminders. It runs once per session, "
                                  "started by D-Bus activation or “limber --background”."));

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      /* Translators: the second %s is GLib’s own message, such as
       * “Unknown option --foo”. */
      g_printerr (_("%s: %s\nTry “%s --help”.\n"), g_get_prgname (), error->message, g_get_prgname ());
      return 2;
    }
  if (*argc > 1)
    {
      /* Translators: %s is what was given on the command line. */
      g_printerr (_("limber-daemon: unexpected argument “%s”; it takes no arguments, only options\n"), (*argv)[1]);
      return 2;
    }
  if (version)
    {
      g_print ("limber-daemon %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;
  g_autoptr (LimberDaemonApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  locale_dir = limber_find_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("limber-daemon");
  g_set_application_name (_("Limber"));

  status = parse_options (&argc, &argv);
  if (status >= 0)
    return status;

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
