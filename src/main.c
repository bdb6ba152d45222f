/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "limber-cli.h"
#include "limber-daemon-client.h"

/* limber: the commands run here, without a display and without loading
 * GTK, so that `limber log 4` costs a few milliseconds; anything else
 * (no command, --page=…, --help) is the window's, in limber-window. */
int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;
  g_autofree char *window = NULL;

  setlocale (LC_ALL, "");
  locale_dir = limber_find_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (limber_cli_handles (argc, argv))
    return limber_cli_run (argc, argv);

  /* argv[0] stays "limber": the window's program name, and so its window
   * class, is Limber's. */
  window = limber_find_executable ("limber-window");
  execv (window, argv);
  /* Translators: the first %s is a program file, the second why it could
   * not be started. */
  g_printerr (_("limber: cannot start the window %s: %s\n"), window, g_strerror (errno));
  return 1;
}
