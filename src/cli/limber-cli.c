/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-cli-breaks.h"
#include "limber-cli-journal.h"
#include "limber-cli-setup.h"
#include "limber-cli-stretch.h"
#include "limber-cli-sync.h"
#include "limber-cli-table.h"
#include "limber-cli.h"
#include "limber-daemon-client.h"

typedef struct
{
  const char *name;
  const char *summary;
  /* NULL for a command limber-window runs, since it draws with GTK's
   * libraries, which this program does not load. */
  int       (*run) (int argc, char **argv);
  /* How to call it, for `limber COMMAND --help`; NULL where the command
   * reads its own options, and answers --help itself. */
  const char *usage;
} LimberCliCommand;

static int run_help   (int argc, char **argv);

static const LimberCliCommand commands[] = {
  { "status",  N_("Show the next breaks and today’s active time"),      limber_cli_status, "limber status" },
  { "break",   N_("Take, end, postpone or skip a break: limber break now|end|postpone|skip"), limber_cli_break,
    "limber break now|end|postpone|skip" },
  { "pause",   N_("Hold reminders back: limber pause 30m|1h|tomorrow"), limber_cli_pause,
    "limber pause 30m|1h|tomorrow" },
  { "resume",  N_("Turn reminders back on after a pause"),              limber_cli_resume, "limber resume" },
  { "stretch", N_("List the stretches, or follow one: limber stretch [ID]"), limber_cli_stretch,
    "limber stretch [ID]" },
  { "log",     N_("Log today’s pain: limber log SCORE [--worst N] …"),  limber_cli_log, NULL },
  { "journal", N_("Show the pain journal of the last days"),            limber_cli_journal, NULL },
  { "trend",   N_("Show the weekly trend: limber trend [--weeks N]"),    limber_cli_trend, NULL },
  { "export",  N_("Write the journal as CSV or JSON"),                  limber_cli_export, NULL },
  { "import",  N_("Merge a CSV or JSON export into the journal"),       limber_cli_import, NULL },
  { "factors", N_("List, add, rename or retire what you log as done: limber factors add|rename|retire …"),
    limber_cli_factors, NULL },
  { "report",  N_("Write a PDF report for your physiotherapist or doctor: limber report [--weeks N] FILE.pdf"),
    NULL, NULL },
  { "change",  N_("Note a one-off change, such as a new chair: limber change TEXT [--date D]"), limber_cli_change, NULL },
  { "sync",    N_("Share the journal with your other computers through a synced folder: limber sync --folder DIR|status|now|off"),
    limber_cli_sync, NULL },
  { "setup",   N_("Choose a break rhythm, where it hurts and more: limber setup [--preset P] [--regions R,…] …"), limber_cli_setup, NULL },
  { "help",    N_("Show the commands"),                                 run_help, "limber help" },
};

/* `limber COMMAND --help` for the commands without options of their own:
 * how to call it and what it does, on standard output, laid out as the
 * other commands' option parser lays out theirs. */
static gboolean
asks_for_help (const LimberCliCommand *command,
               int                     argc,
               char                  **argv)
{
  g_autoptr (LimberCliTable) options = NULL;
  g_autofree char *options_text = NULL;
  gboolean asked = FALSE;

  for (int i = 2; i < argc; i++)
    asked |= g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h");
  if (command->usage == NULL || !asked)
    return FALSE;

  options = limber_cli_table_new ("ll", "  ");
  limber_cli_table_add (options, "-h, --help", _("Show help options"), NULL);
  options_text = limber_cli_table_format (options);
  g_print ("%s\n  %s\n\n%s\n\n%s\n%s", _("Usage:"), command->usage, _(command->summary),
           _("Help Options:"), options_text);
  return TRUE;
}

static GDBusConnection *
get_session_bus (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_printerr (_("limber: cannot reach the session bus: %s\n"), error->message);

  return bus;
}

static gboolean
expect_no_arguments (int    argc,
                     char **argv)
{
  if (argc <= 2)
    return TRUE;

  /* Translators: the first %s is a command such as “status”, the second
   * the unexpected argument. */
  g_printerr (_("limber %s: unexpected argument “%s”\n"), argv[1], argv[2]);
  return FALSE;
}

char *
limber_cli_describe_commands (void)
{
  g_autoptr (LimberCliTable) table = limber_cli_table_new ("ll", "  ");
  g_autofree char *rows = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    limber_cli_table_add (table, commands[i].name, _(commands[i].summary), NULL);
  rows = limber_cli_table_format (table);

  return g_strconcat (_("Commands:"), "\n", rows, NULL);
}

static int
run_help (int    argc,
          char **argv)
{
  g_autofree char *described = limber_cli_describe_commands ();
  g_autoptr (LimberCliTable) options = limber_cli_table_new ("ll", "  ");
  g_autofree char *options_text = NULL;

  g_print ("%s\n", _("Usage: limber [OPTION…] [COMMAND [ARGUMENT…]]"));
  g_print ("\n%s\n", _("Without a command, Limber opens its window."));
  g_print ("\n%s", described);
  limber_cli_table_add (options, "--background", _("Start only the break timer, without a window"), NULL);
  limber_cli_table_add (options, "--version", _("Show the version"), NULL);
  limber_cli_table_add (options, "--help", _("Show the window’s options"), NULL);
  options_text = limber_cli_table_format (options);
  g_print ("\n%s\n%s", _("Options:"), options_text);

  return expect_no_arguments (argc, argv) ? 0 : 2;
}

static int
run_background (int    argc,
                char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;

  if (argc > 2)
    {
      g_printerr (_("limber: “--background” takes no further arguments\n"));
      return 2;
    }

  if (!(bus = get_session_bus ()))
    return 1;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  if (breaks == NULL)
    {
      g_printerr ("limber: %s\n", error->message);
      return 1;
    }

  return 0;
}

gboolean
limber_cli_handles (int    argc,
                    char **argv)
{
  if (argc < 2)
    return FALSE;

  if (g_str_equal (argv[1], "--background"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].run == NULL && g_str_equal (argv[1], commands[i].name))
      return FALSE;
  return argv[1][0] != '-';
}

int
limber_cli_run (int    argc,
                char **argv)
{
  g_return_val_if_fail (limber_cli_handles (argc, argv), 2);

  if (g_str_equal (argv[1], "--background"))
    return run_background (argc, argv);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          /* Option parsing takes what it reads out of argv: the second
           * run gets a shallow copy of the first's arguments. */
          g_autofree char **again = NULL;
          int status;

          if (asks_for_help (&commands[i], argc, argv))
            return 0;

          again = g_memdup2 (argv, sizeof (char *) * (argc + 1));
          status = commands[i].run (argc, argv);

          /* Once, with the journal the repair put in place. */
          if (status != 0 && limber_cli_journal_retry_after_repair ())
            status = commands[i].run (argc, again);
          return status;
        }
    }

  g_printerr (_("limber: unknown command “%s”. Run “limber help” to see the commands.\n"), argv[1]);
  return 2;
}
