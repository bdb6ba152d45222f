/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-cli-clock.h"
#include "limber-journal.h"
#include "limber-report-command.h"
#include "limber-report.h"
#include "limber-trend.h"

#define EXIT_FAILED       1
#define EXIT_BAD_ARGUMENT 2
#define DEFAULT_WEEKS     12

/* A day given to @option, or NULL once it said why not. */
static char *
parse_day (const char *option,
           const char *text)
{
  if (text == NULL)
    return NULL;
  if (limber_day_is_valid (text))
    return g_strdup (text);
  /* Translators: the first %s is an option such as “--from”, the second
   * what was given. */
  g_printerr (_("limber report: %s: “%s” is not a date written as YYYY-MM-DD\n"), option, text);
  return NULL;
}

int
limber_report_command (int    argc,
                       char **argv)
{
  g_autofree char *weeks_text = NULL, *from_text = NULL, *to_text = NULL;
  gboolean with_notes = FALSE;
  GOptionEntry options[] = {
    { "weeks", 0, 0, G_OPTION_ARG_FILENAME, &weeks_text, N_("How many weeks, up to this one (default 12)"), "N" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_text, N_("Start with the week of this day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_text, N_("End with this day (default today)"), "YYYY-MM-DD" },
    { "notes", 0, 0, G_OPTION_ARG_NONE, &with_notes, N_("Put your notes in the report"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.pdf"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberReport) report = NULL;
  g_autofree char *first = NULL, *last = NULL, *week = NULL, *journal_path = NULL;
  g_autofree char *prgname = g_strdup_printf ("%s report", g_get_prgname () ? g_get_prgname () : "limber");
  int first_weekday = limber_trend_locale_first_weekday ();
  guint64 weeks = DEFAULT_WEEKS;
  guint n_pages;

  g_option_context_set_summary (context, _("Write a report of the pain journal for a physiotherapist or doctor, "
                                           "as a PDF of the paper size of your region."));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_set_prgname (prgname);
  argv++, argc--;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("limber report: %s\n", error->message);
      return EXIT_BAD_ARGUMENT;
    }
  if (argc != 2)
    {
      if (argc < 2)
        g_printerr (_("limber report: give the PDF file to write\n"));
      else
        g_printerr (_("limber report: unexpected argument “%s”\n"), argv[2]);
      return EXIT_BAD_ARGUMENT;
    }
  if (weeks_text != NULL && from_text != NULL)
    {
      g_printerr (_("limber report: give either --weeks or --from, not both\n"));
      return EXIT_BAD_ARGUMENT;
    }
  if (to_text != NULL && from_text == NULL)
    {
      g_printerr (_("limber report: --to needs --from\n"));
      return EXIT_BAD_ARGUMENT;
    }
  if (weeks_text != NULL && !g_ascii_string_to_unsigned (weeks_text, 10, 1, LIMBER_TREND_MAX_WEEKS, &weeks, NULL))
    {
      g_printerr (_("limber report: --weeks: “%s” is not a number of weeks from 1 to %u\n"),
                  weeks_text, (guint) LIMBER_TREND_MAX_WEEKS);
      return EXIT_BAD_ARGUMENT;
    }

  clock = limber_cli_clock_new ();
  if (from_text != NULL)
    {
      g_autofree char *from = parse_day ("--from", from_text);

      if (from == NULL)
        return EXIT_BAD_ARGUMENT;
      if (to_text != NULL && !(last = parse_day ("--to", to_text)))
        return EXIT_BAD_ARGUMENT;
      if (last == NULL)
        last = g_strdup (limber_clock_get_today (clock));
      /* From the whole week of that day, as the weekly table shows it. */
      first = limber_trend_week_start (from, first_weekday);
      if (strcmp (first, last) > 0)
        {
          g_printerr (_("limber report: --to: “%s” comes before “%s”\n"), last, from);
          return EXIT_BAD_ARGUMENT;
        }
    }
  else
    {
      /* The weeks `limber trend --weeks N` shows: this one and the ones
       * before it. */
      last = g_strdup (limber_clock_get_today (clock));
      week = limber_trend_week_start (last, first_weekday);
      first = limber_day_add (week, -7 * ((int) weeks - 1));
    }

  journal_path = limber_journal_default_path ();
  journal = limber_journal_open_read_only (journal_path, &error);
  if (journal == NULL)
    {
      g_printerr ("limber report: %s\n", error->message);
      return EXIT_FAILED;
    }
  report = limber_report_new (journal, first, last, with_notes, first_weekday, &error);
  if (report == NULL)
    {
      g_printerr ("limber report: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? EXIT_BAD_ARGUMENT : EXIT_FAILED;
    }
  if (!limber_report_write_pdf (report, argv[1], &error))
    {
      g_printerr ("limber report: %s\n", error->message);
      return EXIT_FAILED;
    }

  n_pages = limber_report_get_n_pages (report);
  {
    g_autofree char *display_name = g_filename_display_name (argv[1]);

    /* Translators: %s is the file written, %u its number of pages. */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page).\n", "Wrote %s (%u pages).\n", n_pages),
             display_name, n_pages);
  }
  return 0;
}
