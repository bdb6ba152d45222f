/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "limber-application.h"
#include "limber-cli.h"
#include "limber-daemon-client.h"
#include "limber-report-command.h"

/* limber-window: Limber's window, which `limber` starts for anything that
 * is not one of its commands. Only this program loads GTK. */
int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;
  g_autoptr (LimberApplication) app = NULL;
  g_autofree char *commands = NULL;

  setlocale (LC_ALL, "");
  locale_dir = limber_find_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The commands that draw, such as `limber report`, run here, where
   * GTK and cairo are, without a display and without the application. */
  if (argc >= 2 && g_str_equal (argv[1], "report"))
    return limber_report_command (argc, argv);

  app = limber_application_new ();
  commands = limber_cli_describe_commands ();
  g_application_set_option_context_parameter_string (G_APPLICATION (app), _("[COMMAND]"));
  g_application_set_option_context_summary (G_APPLICATION (app),
                                            _("Without a command, Limber opens its window. “--background” starts only the break timer."));
  g_application_set_option_context_description (G_APPLICATION (app), commands);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
