/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-break-format.h"
#include "limber-cli-clock.h"
#include "limber-cli-journal.h"
#include "limber-cli-table.h"
#include "limber-file-target.h"
#include "limber-journal-factors.h"
#include "limber-journal-keeper.h"
#include "limber-trend.h"

#define EXIT_STORE_ERROR 1
#define EXIT_BAD_ARGUMENT 2

static int
exit_status_for (const GError *error)
{
  return g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT)
         ? EXIT_BAD_ARGUMENT : EXIT_STORE_ERROR;
}

/* Set when a command found the journal damaged and it was repaired: the
 * command is then run once more. */
static gboolean repaired_for_retry;

/* Says what went wrong with the journal during @command. A damaged journal
 * is repaired instead (under the keeper's lock, as the daemon would), the
 * person told what was restored, and the command run again. */
static int
journal_failed (const char   *command,
                const char   *about,
                const GError *error)
{
  if (g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT) && !repaired_for_retry)
    {
      g_autofree char *path = limber_journal_default_path ();
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (LimberRepairReport) report = NULL;
      g_autoptr (GError) repair_error = NULL;

      report = limber_journal_keeper_repair (path, now, &repair_error);
      if (report != NULL)
        {
          g_autofree char *text = limber_repair_report_describe (report);

          if (text != NULL)
            g_printerr ("limber %s: %s\n", command, text);
          repaired_for_retry = TRUE;
          return EXIT_STORE_ERROR;
        }
      g_printerr ("limber %s: %s\n", command, repair_error->message);
    }

  if (about != NULL)
    g_printerr ("limber %s: %s: %s\n", command, about, error->message);
  else
    g_printerr ("limber %s: %s\n", command, error->message);
  return exit_status_for (error);
}

gboolean
limber_cli_journal_retry_after_repair (void)
{
  return repaired_for_retry;
}

/* Opens the journal, repairing it first when it is damaged: the daemon
 * would, but a command may run without it, and the keeper's lock lets
 * one process repair at a time. */
static LimberJournal *
open_journal (const char *command)
{
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_keeper_open (path, &report, &error);

  if (report != NULL && report->damaged_path != NULL)
    {
      g_autofree char *text = limber_repair_report_describe (report);

      g_printerr ("limber %s: %s\n", command, text);
    }

  if (journal == NULL)
    {
      g_printerr ("limber %s: %s\n", command, error->message);
      return NULL;
    }

  return journal;
}

/* Opens the journal for a command that only reads it: nothing is made or
 * changed, so that it works where the journal cannot be written (a
 * read-only folder or file, a full disk). A damaged journal is repaired
 * first, as open_journal() does. */
static LimberJournal *
open_journal_for_reading (const char *command)
{
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open_read_only (path, &error);

  if (journal != NULL)
    return journal;
  if (g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT))
    return open_journal (command);

  g_printerr ("limber %s: %s\n", command, error->message);
  return NULL;
}

/* Option values are text: GOption would convert them from the locale's
 * character set, and in the C locale refuse anything but ASCII, with a
 * message that names neither the option nor the cause. They are taken
 * as the bytes the terminal sent (G_OPTION_ARG_FILENAME) and made UTF-8
 * here: UTF-8 as it is, whatever the locale, since that is what
 * terminals send; otherwise from the locale's character set. */
static gboolean
options_to_utf8 (const char   *command,
                 GOptionEntry *options)
{
  for (GOptionEntry *option = options; option->long_name != NULL; option++)
    {
      char **value = option->arg_data;
      g_autofree char *converted = NULL;
      const char *charset;

      if (option->arg != G_OPTION_ARG_FILENAME || *value == NULL || g_utf8_validate (*value, -1, NULL))
        continue;

      if (!g_get_charset (&charset))
        converted = g_locale_to_utf8 (*value, -1, NULL, NULL, NULL);
      if (converted == NULL || !g_utf8_validate (converted, -1, NULL))
        {
          /* Translators: the command, such as “log”, then the name of
           * the option after its dashes, such as “note”. */
          g_printerr (_("limber %s: --%s: the text is not valid in the terminal’s encoding; set a UTF-8 locale, such as C.UTF-8, and try again\n"),
                      command, option->long_name);
          return FALSE;
        }
      g_free (*value);
      *value = g_steal_pointer (&converted);
    }

  return TRUE;
}

/* Parses @options from argv after the command name. Leaves the positional
 * arguments in @argv. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               GOptionEntry  *options,
               int           *argc,
               char        ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("limber %s: %s\n", command, error->message);
      return FALSE;
    }

  return options_to_utf8 (command, options);
}

/* Reads a 0-10 score given as @name; sets @score_out. */
static gboolean
parse_score (const char *command,
             const char *name,
             const char *text,
             int        *score_out)
{
  guint64 value;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, LIMBER_PAIN_SCORE_MIN, LIMBER_PAIN_SCORE_MAX, &value, NULL))
    {
      /* Translators: “limber log: --worst: “12” is not a whole number from 0 to 10”. */
      g_printerr (_("limber %s: %s: “%s” is not a whole number from 0 to 10\n"), command, name, text);
      return FALSE;
    }

  *score_out = (int) value;
  return TRUE;
}

/* The names the command line takes for the factors in use, for a message
 * that lists them: a built-in's key, else the person's own name. */
static char *
factor_names (GPtrArray *factors)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      g_strv_builder_add (names, factor->builtin != NULL ? factor->builtin : factor->name);
    }
  list = g_strv_builder_end (names);
  /* Translators: what separates the names in a list of factors. */
  return g_strjoinv (_(", "), list);
}

/* Says that @name is not a factor in use, and which ones are. */
static int
unknown_factor (LimberJournal *journal,
                const char    *command,
                const char    *about,
                const char    *name)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;

  factors = limber_journal_list_factors (journal, FALSE, &error);
  if (factors == NULL)
    return journal_failed (command, NULL, error);
  names = factor_names (factors);
  /* Translators: “limber log: --did: “sauna” is not a factor; the factors
   * are: heat, cold, …”. The last %s is the list. */
  g_printerr (_("limber %s: %s: “%s” is not a factor; the factors are: %s\n"), command, about, name, names);
  return EXIT_BAD_ARGUMENT;
}

/* Reads hours such as “6.5” (a point or a comma, at most one decimal) as
 * tenths of an hour; sets @tenths_out. */
static gboolean
parse_tenths (const char *command,
              const char *name,
              const char *text,
              int        *tenths_out)
{
  guint64 whole = 0;
  guint64 tenth = 0;
  g_auto (GStrv) parts = NULL;

  if (text == NULL)
    return TRUE;

  parts = g_strsplit_set (text, ".,", 2);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 0, LIMBER_DAY_TENTHS_MAX / 10, &whole, NULL) ||
      (parts[1] != NULL && (strlen (parts[1]) != 1 || !g_ascii_string_to_unsigned (parts[1], 10, 0, 9, &tenth, NULL))) ||
      whole * 10 + tenth > LIMBER_DAY_TENTHS_MAX)
    {
      /* Translators: “limber log: --sleep: “6.25” is not a number of
       * hours from 0 to 24, such as 6.5”. */
      g_printerr (_("limber %s: %s: “%s” is not a number of hours from 0 to 24, such as 6.5\n"), command, name, text);
      return FALSE;
    }

  *tenths_out = (int) (whole * 10 + tenth);
  return TRUE;
}

/* The day factor of @factor in @day_factors, added when it is not there;
 * what was done before on the day stays. */
static LimberDayFactor *
tick_factor (GPtrArray          *day_factors,
             const char         *day,
             const LimberFactor *factor)
{
  LimberDayFactor *day_factor;

  for (guint i = 0; i < day_factors->len; i++)
    {
      day_factor = g_ptr_array_index (day_factors, i);
      if (g_str_equal (day_factor->factor_uuid, factor->uuid))
        return day_factor;
    }

  day_factor = limber_day_factor_new (day, factor->uuid);
  g_ptr_array_add (day_factors, day_factor);
  return day_factor;
}

/* Unticks the factors of `--not-did heat,massage` in @day_factors, retired
 * ones too; says what is wrong otherwise. */
static int
untick_factors (LimberJournal *journal,
                GPtrArray     *day_factors,
                const char    *not_did,
                GHashTable    *unticked)
{
  g_auto (GStrv) names = g_strsplit (not_did, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (LimberFactor) factor = NULL;
      g_autoptr (GError) error = NULL;

      g_strstrip (names[i]);
      if (names[i][0] == '\0')
        continue;
      factor = limber_journal_find_factor (journal, names[i], &error);
      if (factor == NULL && error == NULL)
        factor = limber_journal_find_retired_factor (journal, names[i], &error);
      if (error != NULL)
        return journal_failed ("log", NULL, error);
      if (factor == NULL)
        return unknown_factor (journal, "log", "--not-did", names[i]);
      g_hash_table_add (unticked, g_strdup (factor->uuid));
      for (guint j = day_factors->len; j > 0; j--)
        {
          const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, j - 1);

          if (g_str_equal (day_factor->factor_uuid, factor->uuid))
            g_ptr_array_remove_index (day_factors, j - 1);
        }
    }
  return 0;
}

/* Ticks the factors of `--did heat,massage` and the pain medication of
 * `--med ibuprofen:2` in @day_factors; says what is wrong otherwise. */
static int
tick_factors (LimberJournal *journal,
              GPtrArray     *day_factors,
              const char    *day,
              const char    *did,
              const char    *med,
              GHashTable    *unticked)
{
  g_autoptr (GError) error = NULL;

  if (did != NULL)
    {
      g_auto (GStrv) names = g_strsplit (did, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr (LimberFactor) factor = NULL;

          g_strstrip (names[i]);
          if (names[i][0] == '\0')
            continue;
          factor = limber_journal_find_factor (journal, names[i], &error);
          if (error != NULL)
            return journal_failed ("log", NULL, error);
          if (factor == NULL)
            return unknown_factor (journal, "log", "--did", names[i]);
          if (g_hash_table_contains (unticked, factor->uuid))
            {
              /* Translators: “limber log: “heat” is given both as done
               * (--did) and as not done (--not-did)”. */
              g_printerr (_("limber log: “%s” is given both as done (--did) and as not done (--not-did)\n"),
                          names[i]);
              return EXIT_BAD_ARGUMENT;
            }
          tick_factor (day_factors, day, factor);
        }
    }

  if (med != NULL)
    {
      g_autoptr (LimberFactor) factor = NULL;
      g_autofree char *name = g_strdup (med);
      char *colon = strrchr (name, ':');
      LimberDayFactor *day_factor;
      guint64 doses = 0;

      if (colon != NULL)
        {
          if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, LIMBER_MEDICINE_DOSES_MAX, &doses, NULL))
            {
              /* Translators: “limber log: --med: “2x” after the colon is not
               * a number of doses from 1 to 20”. */
              g_printerr (_("limber %s: %s: “%s” after the colon is not a number of doses from 1 to %d\n"),
                          "log", "--med", colon + 1, LIMBER_MEDICINE_DOSES_MAX);
              return EXIT_BAD_ARGUMENT;
            }
          *colon = '\0';
        }
      g_strstrip (name);

      factor = limber_journal_find_factor (journal, LIMBER_FACTOR_PAIN_MEDICATION, &error);
      if (error != NULL)
        return journal_failed ("log", NULL, error);
      if (factor == NULL)
        return unknown_factor (journal, "log", "--med", LIMBER_FACTOR_PAIN_MEDICATION);

      day_factor = tick_factor (day_factors, day, factor);
      g_clear_pointer (&day_factor->medicine, g_free);
      if (name[0] != '\0')
        day_factor->medicine = g_steal_pointer (&name);
      day_factor->doses = (int) doses;
    }

  for (guint i = 0; i < day_factors->len; i++)
    if (!limber_day_factor_validate (g_ptr_array_index (day_factors, i), &error))
      {
        g_printerr ("limber log: %s\n", error->message);
        return EXIT_BAD_ARGUMENT;
      }

  return 0;
}

/* The labels of the factors done, of the #LimberFactor array @factors
 * (retired ones too), with the pain medication's name and doses; %NULL
 * when none was. */
static char *
day_factor_labels (GPtrArray *factors,
                   GPtrArray *day_factors)
{
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      for (guint j = 0; j < day_factors->len; j++)
        {
          LimberDayFactor *day_factor = g_ptr_array_index (day_factors, j);

          if (!g_str_equal (day_factor->factor_uuid, factor->uuid))
            continue;
          if (day_factor->medicine != NULL && day_factor->doses > 0)
            {
              g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     /* Translators: “Pain medication (ibuprofen, 2 doses)”. */
                                                                     "%s (%s, %d dose)",
                                                                     "%s (%s, %d doses)", day_factor->doses),
                                                        limber_factor_get_label (factor), day_factor->medicine,
                                                        day_factor->doses);
              g_strv_builder_add (labels, label);
            }
          else if (day_factor->medicine != NULL || day_factor->doses > 0)
            {
              g_autofree char *what = day_factor->medicine != NULL
                                      ? g_strdup (day_factor->medicine)
                                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dose", "%d doses",
                                                                      day_factor->doses),
                                                         day_factor->doses);
              /* Translators: “Pain medication (ibuprofen)” or “Pain
               * medication (2 doses)”. */
              g_autofree char *label = g_strdup_printf (_("%s (%s)"), limber_factor_get_label (factor), what);

              g_strv_builder_add (labels, label);
            }
          else
            g_strv_builder_add (labels, limber_factor_get_label (factor));
        }
    }
  list = g_strv_builder_end (labels);
  return list[0] != NULL ? g_strjoinv (_(", "), list) : NULL;
}

int
limber_cli_log (int    argc,
                char **argv)
{
  g_autofree char *worst = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *enjoyment = NULL;
  g_autofree char *note = NULL;
  g_autofree char *date = NULL;
  g_autofree char *did = NULL;
  g_autofree char *not_did = NULL;
  g_autofree char *med = NULL;
  g_autofree char *sleep_hours = NULL;
  g_autofree char *sleep_quality = NULL;
  g_autofree char *stress = NULL;
  g_autofree char *desk = NULL;
  GOptionEntry options[] = {
    { "worst", 0, 0, G_OPTION_ARG_FILENAME, &worst, N_("Worst pain today, 0 to 10"), "N" },
    { "activity", 0, 0, G_OPTION_ARG_FILENAME, &activity, N_("How much pain got in the way of activity, 0 to 10"), "N" },
    { "enjoyment", 0, 0, G_OPTION_ARG_FILENAME, &enjoyment, N_("How much pain got in the way of enjoying life, 0 to 10"), "N" },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("A note for the day"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date, N_("The day to log, if not today"), "YYYY-MM-DD" },
    { "did", 0, 0, G_OPTION_ARG_FILENAME, &did, N_("What you did that day, such as heat,massage (see “limber factors”)"), N_("FACTORS") },
    { "not-did", 0, 0, G_OPTION_ARG_FILENAME, &not_did, N_("Take factors logged by mistake off that day, such as cold"), N_("FACTORS") },
    { "med", 0, 0, G_OPTION_ARG_FILENAME, &med, N_("Pain medication taken: its name, and after a colon how many doses"), N_("NAME:DOSES") },
    { "sleep", 0, 0, G_OPTION_ARG_FILENAME, &sleep_hours, N_("Hours of sleep, such as 6.5"), N_("HOURS") },
    { "sleep-quality", 0, 0, G_OPTION_ARG_FILENAME, &sleep_quality, N_("How well you slept, 0 to 10"), "N" },
    { "stress", 0, 0, G_OPTION_ARG_FILENAME, &stress, N_("How stressed you were, 0 to 10"), "N" },
    { "desk", 0, 0, G_OPTION_ARG_FILENAME, &desk, N_("Hours at the desk, such as 7.5"), N_("HOURS") },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  LimberDayMeasures given = { .sleep_tenths = LIMBER_MEASURE_UNSET, .sleep_quality = LIMBER_MEASURE_UNSET,
                              .stress = LIMBER_MEASURE_UNSET, .desk_tenths = LIMBER_MEASURE_UNSET };
  int status;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *day = NULL;
  int average = LIMBER_PAIN_SCORE_UNSET;

  /* "-1" would read as an option; it is a score out of range. */
  if (argc > 2 && argv[2][0] == '-' && g_ascii_isdigit (argv[2][1]))
    {
      g_printerr (_("limber %s: %s: “%s” is not a whole number from 0 to 10\n"), "log", "SCORE", argv[2]);
      return EXIT_BAD_ARGUMENT;
    }

  argv++, argc--;
  if (!parse_options ("log", _("SCORE — log today’s average pain, 0 (no pain) to 10 (worst imaginable)"),
                      options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;

  if (argc != 2)
    {
      g_printerr (argc < 2 ? _("limber log: SCORE is missing: give the average pain from 0 to 10, such as “limber log 4”\n")
                           : _("limber log: unexpected argument “%s”\n"), argv[2]);
      return EXIT_BAD_ARGUMENT;
    }

  if (!parse_score ("log", "SCORE", argv[1], &average))
    return EXIT_BAD_ARGUMENT;

  clock = limber_cli_clock_new ();
  day = g_strdup (date != NULL ? date : limber_clock_get_today (clock));
  if (!limber_day_is_valid (day))
    {
      g_printerr (_("limber log: --date: “%s” is not a date written as YYYY-MM-DD\n"), day);
      return EXIT_BAD_ARGUMENT;
    }

  /* How the day was is checked before the journal is opened. */
  if (!parse_tenths ("log", "--sleep", sleep_hours, &given.sleep_tenths) ||
      !parse_score ("log", "--sleep-quality", sleep_quality, &given.sleep_quality) ||
      !parse_score ("log", "--stress", stress, &given.stress) ||
      !parse_tenths ("log", "--desk", desk, &given.desk_tenths))
    return EXIT_BAD_ARGUMENT;

  if (!(journal = open_journal ("log")))
    return EXIT_STORE_ERROR;

  /* What was done: the factors given are added to those the day has, so
   * that logging a day again keeps them, as it keeps the rest. */
  if (did != NULL || med != NULL || not_did != NULL)
    {
      g_autoptr (GHashTable) unticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      day_factors = limber_journal_get_day_factors (journal, day, &error);
      if (day_factors == NULL)
        return journal_failed ("log", NULL, error);
      if (not_did != NULL && (status = untick_factors (journal, day_factors, not_did, unticked)) != 0)
        return status;
      if ((status = tick_factors (journal, day_factors, day, did, med, unticked)) != 0)
        return status;
    }

  /* How the day was: what is given replaces what was said before. */
  if (sleep_hours != NULL || sleep_quality != NULL || stress != NULL || desk != NULL)
    {
      measures = limber_journal_get_day_measures (journal, day, &error);
      if (error != NULL)
        return journal_failed ("log", NULL, error);
      if (measures == NULL)
        measures = limber_day_measures_new (day);
      if (given.sleep_tenths != LIMBER_MEASURE_UNSET)
        measures->sleep_tenths = given.sleep_tenths;
      if (given.sleep_quality != LIMBER_MEASURE_UNSET)
        measures->sleep_quality = given.sleep_quality;
      if (given.stress != LIMBER_MEASURE_UNSET)
        measures->stress = given.stress;
      if (given.desk_tenths != LIMBER_MEASURE_UNSET)
        measures->desk_tenths = given.desk_tenths;
      if (!limber_day_measures_validate (measures, &error))
        {
          g_printerr ("limber log: %s\n", error->message);
          return EXIT_BAD_ARGUMENT;
        }
    }

  /* Logging a day again changes what is given and keeps the rest, such as
   * the regions ticked in the window. */
  entry = limber_journal_get_pain_entry (journal, day, &error);
  if (error != NULL)
    return journal_failed ("log", NULL, error);
  if (entry == NULL)
    entry = limber_pain_entry_new (day);

  entry->average = average;
  if (!parse_score ("log", "--worst", worst, &entry->worst) ||
      !parse_score ("log", "--activity", activity, &entry->activity) ||
      !parse_score ("log", "--enjoyment", enjoyment, &entry->enjoyment))
    return EXIT_BAD_ARGUMENT;
  if (note != NULL)
    limber_pain_entry_set_note (entry, note);
  /* A worst kept from before cannot stay below a new average: the day
   * was at least that bad. The message below shows the worst raised. */
  if (worst == NULL && entry->worst != LIMBER_PAIN_SCORE_UNSET && entry->worst < entry->average)
    entry->worst = entry->average;

  /* Everything was checked above, so what follows fails only when the
   * journal cannot be written; then nothing of the day is stored. */
  now = limber_clock_now (clock);
  if (!limber_journal_save_day (journal, entry, day, day_factors, measures, now, &error))
    return journal_failed ("log", NULL, error);

  if (entry->worst != LIMBER_PAIN_SCORE_UNSET)
    /* Translators: “Logged pain 4 (worst 6) for 2026-11-25.” */
    g_print (_("Logged pain %d (worst %d) for %s.\n"), entry->average, entry->worst, entry->day);
  else
    g_print (_("Logged pain %d for %s.\n"), entry->average, entry->day);
  if (day_factors != NULL)
    {
      g_autoptr (GPtrArray) factors = limber_journal_list_factors (journal, TRUE, &error);
      g_autofree char *labels = NULL;

      if (factors == NULL)
        return journal_failed ("log", NULL, error);
      labels = day_factor_labels (factors, day_factors);
      if (labels != NULL)
        /* Translators: “Done that day: Heat, Massage.” */
        g_print (_("Done that day: %s.\n"), labels);
    }

  return 0;
}

static char *
score_text (int score)
{
  return score == LIMBER_PAIN_SCORE_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", score);
}

/* @text cut to @max_chars characters on one line. */
static char *
one_line (const char *text,
          glong       max_chars)
{
  g_autofree char *flat = g_strdup (text ? text : "");

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);

  *g_utf8_offset_to_pointer (flat, max_chars - 1) = '\0';
  return g_strconcat (flat, "…", NULL);
}

/* What was done on each day from @first to @last, and the changes of
 * those days, for `limber journal`. */
static int
print_done_and_changes (LimberJournal *journal,
                        const char    *first,
                        const char    *last)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberCliTable) done = NULL;
  g_autoptr (LimberCliTable) changed = NULL;

  factors = limber_journal_list_factors (journal, TRUE, &error);
  if (factors == NULL)
    return journal_failed ("journal", NULL, error);
  day_factors = limber_journal_list_day_factors (journal, first, last, &error);
  if (day_factors == NULL)
    return journal_failed ("journal", NULL, error);
  for (guint i = 0; i < day_factors->len; )
    {
      const char *day = ((LimberDayFactor *) g_ptr_array_index (day_factors, i))->day;
      g_autoptr (GPtrArray) of_day = g_ptr_array_new ();
      g_autofree char *labels = NULL;

      for (; i < day_factors->len && g_str_equal (((LimberDayFactor *) g_ptr_array_index (day_factors, i))->day, day); i++)
        g_ptr_array_add (of_day, g_ptr_array_index (day_factors, i));
      labels = day_factor_labels (factors, of_day);
      if (labels == NULL)
        continue;
      if (done == NULL)
        done = limber_cli_table_new ("ll", "  ");
      limber_cli_table_add (done, day, labels, NULL);
    }
  if (done != NULL)
    {
      g_autofree char *text = limber_cli_table_format (done);

      /* Translators: a heading, followed by a line for each day with what
       * was done for the back that day, such as heat. */
      g_print ("\n%s\n%s", _("What you did:"), text);
    }

  changes = limber_journal_list_life_changes (journal, first, last, &error);
  if (changes == NULL)
    return journal_failed ("journal", NULL, error);
  for (guint i = 0; i < changes->len; i++)
    {
      const LimberLifeChange *change = g_ptr_array_index (changes, i);
      g_autofree char *text = one_line (change->text, 60);

      if (changed == NULL)
        changed = limber_cli_table_new ("ll", "  ");
      limber_cli_table_add (changed, change->day, text, NULL);
    }
  if (changed != NULL)
    {
      g_autofree char *text = limber_cli_table_format (changed);

      /* Translators: a heading, followed by one-off changes such as a new
       * chair, each with its day. */
      g_print ("\n%s\n%s", _("Changes:"), text);
    }
  return 0;
}

int
limber_cli_journal (int    argc,
                    char **argv)
{
  g_autofree char *days_text = NULL;
  GOptionEntry options[] = {
    { "days", 0, 0, G_OPTION_ARG_FILENAME, &days_text, N_("How many days back to show (default 14)"), "N" },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberCliTable) table = NULL;
  g_autoptr (LimberCliTable) signs = NULL;
  g_autofree char *text = NULL;
  const char *last;
  g_autofree char *first = NULL;
  guint64 days = 14;
  int status;

  argv++, argc--;
  if (!parse_options ("journal", NULL, options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;
  if (argc > 1)
    {
      g_printerr (_("limber journal: unexpected argument “%s”\n"), argv[1]);
      return EXIT_BAD_ARGUMENT;
    }
  if (days_text != NULL && !g_ascii_string_to_unsigned (days_text, 10, 1, 36500, &days, NULL))
    {
      g_printerr (_("limber journal: --days: “%s” is not a number of days from 1 to 36500\n"), days_text);
      return EXIT_BAD_ARGUMENT;
    }

  if (!(journal = open_journal_for_reading ("journal")))
    return EXIT_STORE_ERROR;

  clock = limber_cli_clock_new ();
  last = limber_clock_get_today (clock);
  first = limber_day_add (last, 1 - (int) days);
  entries = limber_journal_list_pain_entries (journal, first, last, 0, &error);
  if (entries == NULL)
    return journal_failed ("journal", NULL, error);

  table = limber_cli_table_new ("lrrrrl", NULL);
  /* Translators: column headings; keep them short. */
  limber_cli_table_add (table, _("Day"), _("Average"), _("Worst"), _("Activity"), _("Enjoyment"), _("Note"), NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      LimberPainEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *average = score_text (entry->average);
      g_autofree char *worst = score_text (entry->worst);
      g_autofree char *activity = score_text (entry->activity);
      g_autofree char *enjoyment = score_text (entry->enjoyment);
      g_autofree char *note = one_line (entry->note, 40);

      limber_cli_table_add (table, entry->day, average, worst, activity, enjoyment, note, NULL);
      if (entry->red_flags != 0)
        {
          guint n_flags;
          const LimberFlagInfo *flags = limber_red_flags (&n_flags);
          gboolean first_of_day = TRUE;

          if (signs == NULL)
            signs = limber_cli_table_new ("ll", "  ");
          for (guint j = 0; j < n_flags; j++)
            if (entry->red_flags & flags[j].flag)
              {
                limber_cli_table_add (signs, first_of_day ? entry->day : "", _(flags[j].label), NULL);
                first_of_day = FALSE;
              }
        }
    }
  text = limber_cli_table_format (table);
  g_print ("%s", text);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: “9 of the last 14 days logged”; the
                         * plural follows the second number. */
                        "%u of the last %u day logged\n",
                        "%u of the last %u days logged\n", days),
           entries->len, (guint) days);

  if ((status = print_done_and_changes (journal, first, last)) != 0)
    return status;

  /* What the window asks about, told as calmly here: worth a doctor's
   * look, whatever Limber can or cannot tell. */
  if (signs != NULL)
    {
      g_autofree char *signs_text = limber_cli_table_format (signs);

      g_print ("\n%s\n%s", _("Warning signs you ticked, worth showing a doctor:"), signs_text);
    }
  return 0;
}

/* "What helps you" for `limber trend`: a paragraph for each factor with
 * enough days, then every factor without them, never hidden. A retired
 * factor is shown only while it has days in the window. */
static void
print_factor_insight (const LimberFactorInsight *insight,
                      GPtrArray                 *factors)
{
  g_autoptr (GPtrArray) needed = g_ptr_array_new_with_free_func (g_free);
  guint weeks = LIMBER_FACTOR_INSIGHT_DAYS / 7;

  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: the heading of the comparison of pain on
                         * days with and without each factor, such as heat. */
                        "What helps you (last %u week)\n",
                        "What helps you (last %u weeks)\n",
                        weeks),
           weeks);
  for (guint f = 0; f < insight->n_factors; f++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, f);
      const LimberFactorResult *result = &insight->factors[f];
      const char *label = limber_factor_get_label (factor);

      if (factor->retired && result->with.n_days == 0 && result->next_with.n_days == 0)
        continue;
      if (result->available)
        {
          g_autofree char *paragraph = limber_factor_insight_describe (result, label);

          g_print ("\n%s\n", paragraph);
        }
      else
        g_ptr_array_add (needed, limber_factor_insight_describe_needed (result, label));
    }

  if (needed->len > 0)
    {
      /* Translators: a heading, followed by one line for each factor
       * such as heat that has too few days to compare yet. */
      g_print ("\n%s\n", _("Not enough days yet:"));
      for (guint i = 0; i < needed->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (needed, i));
    }
}

/* `limber trend`: the numbers of the Trends page, a week a line, oldest
 * first, then the insight. */
int
limber_cli_trend (int    argc,
                  char **argv)
{
  g_autofree char *weeks_text = NULL;
  GOptionEntry options[] = {
    { "weeks", 0, 0, G_OPTION_ARG_FILENAME, &weeks_text, N_("How many weeks to show (default 4)"), "N" },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberTrend) trend = NULL;
  g_autoptr (LimberFactorInsight) factor_insight = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (LimberCliTable) table = NULL;
  g_autofree char *text = NULL;
  const char *last;
  g_autofree char *insight = NULL;
  guint64 weeks = 4;

  argv++, argc--;
  if (!parse_options ("trend", NULL, options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;
  if (argc > 1)
    {
      g_printerr (_("limber trend: unexpected argument “%s”\n"), argv[1]);
      return EXIT_BAD_ARGUMENT;
    }
  if (weeks_text != NULL && !g_ascii_string_to_unsigned (weeks_text, 10, 1, LIMBER_TREND_MAX_WEEKS, &weeks, NULL))
    {
      g_printerr (_("limber trend: --weeks: “%s” is not a number of weeks from 1 to %u\n"),
                  weeks_text, (guint) LIMBER_TREND_MAX_WEEKS);
      return EXIT_BAD_ARGUMENT;
    }

  if (!(journal = open_journal_for_reading ("trend")))
    return EXIT_STORE_ERROR;

  clock = limber_cli_clock_new ();
  last = limber_clock_get_today (clock);
  trend = limber_trend_compute (journal, last, (guint) weeks, limber_trend_locale_first_weekday (), &error);
  if (trend == NULL)
    return journal_failed ("trend", NULL, error);
  /* Read before anything is printed, so that a failure prints nothing. */
  factor_insight = limber_journal_compute_factor_insight (journal, last, &factors, &error);
  if (factor_insight == NULL)
    return journal_failed ("trend", NULL, error);

  table = limber_cli_table_new ("lrrrrrl", NULL);
  /* Translators: column headings; keep them short. “Breaks” is taken of
   * due, “Change” the change of the mean from the week before. */
  limber_cli_table_add (table, _("Week of"), _("Mean"), _("Worst"), _("Logged"), _("Breaks"), _("Stretch"),
                        _("Change"), NULL);
  for (guint i = 0; i < trend->weeks->len; i++)
    {
      const LimberTrendWeek *week = &g_array_index (trend->weeks, LimberTrendWeek, i);
      g_autofree char *mean = week->has_mean ? g_strdup_printf ("%.1f", week->mean) : g_strdup ("–");
      g_autofree char *worst = week->has_mean ? g_strdup_printf ("%d", week->highest_worst) : g_strdup ("–");
      g_autofree char *logged = g_strdup_printf ("%u/7", week->days_logged);
      g_autofree char *breaks = g_strdup_printf ("%u/%u", week->breaks_taken, week->breaks_due);
      /* No stretching is “0 min”, as the week's minutes are counted. */
      g_autofree char *stretch = week->stretch_minutes > 0
                                 ? limber_format_duration ((gint64) week->stretch_minutes * 60)
                                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", 0), 0);
      g_autofree char *change = NULL;

      if (week->has_change && week->meaningful)
        /* Translators: a change of the weekly mean, such as “-1.2”, that
         * is large enough to mean something. */
        change = g_strdup_printf (_("%+.1f (clear change)"), week->change);
      else if (week->has_change)
        change = g_strdup_printf ("%+.1f", week->change);
      else
        change = g_strdup ("–");

      limber_cli_table_add (table, week->first_day, mean, worst, logged, breaks, stretch, change, NULL);
    }
  text = limber_cli_table_format (table);
  g_print ("%s", text);

  insight = limber_trend_describe_insight (&trend->insight);
  g_print ("\n%s\n", insight);
  print_factor_insight (factor_insight, factors);
  return 0;
}

static gboolean
parse_format (const char          *command,
              const char          *text,
              const char          *file,
              LimberJournalFormat *format)
{
  if (text == NULL && file != NULL)
    {
      if (g_str_has_suffix (file, ".csv") || g_str_has_suffix (file, ".CSV"))
        text = "csv";
      else if (g_str_has_suffix (file, ".json") || g_str_has_suffix (file, ".JSON"))
        text = "json";
    }

  if (g_strcmp0 (text, "csv") == 0)
    *format = LIMBER_JOURNAL_FORMAT_CSV;
  else if (g_strcmp0 (text, "json") == 0)
    *format = LIMBER_JOURNAL_FORMAT_JSON;
  else
    {
      if (text == NULL)
        g_printerr (_("limber %s: give --format csv or --format json\n"), command);
      else
        g_printerr (_("limber %s: --format: “%s” is neither csv nor json\n"), command, text);
      return FALSE;
    }

  return TRUE;
}

/* The file `limber export FILE` writes, or NULL once it said why not. */
static char *
export_target (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *target = limber_file_export_target (path, &error);

  if (target != NULL)
    return target;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    g_printerr (_("limber export: %s cannot be written: %s; to write to a pipe or the terminal, give no FILE\n"),
                path, error->message);
  else
    g_printerr (_("limber export: %s cannot be written: %s\n"), path, error->message);
  return NULL;
}

int
limber_cli_export (int    argc,
                   char **argv)
{
  g_autofree char *format_text = NULL;
  GOptionEntry options[] = {
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &format_text, N_("csv (the pain entries) or json (everything)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temp = NULL;
  LimberJournalFormat format;
  const char *path;
  gboolean written;

  argv++, argc--;
  if (!parse_options ("export", _("[FILE] — write the journal to FILE, or to the terminal"),
                      options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;
  if (argc > 2)
    {
      g_printerr (_("limber export: unexpected argument “%s”\n"), argv[2]);
      return EXIT_BAD_ARGUMENT;
    }
  path = argc == 2 ? argv[1] : NULL;
  if (!parse_format ("export", format_text, path, &format))
    return EXIT_BAD_ARGUMENT;
  if (path != NULL && !(target = export_target (path)))
    return EXIT_BAD_ARGUMENT;

  if (!(journal = open_journal_for_reading ("export")))
    return EXIT_STORE_ERROR;

  if (target != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (target);
      g_autofree char *base = g_path_get_basename (target);
      g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
      int fd;

      /* Health data: the file is the person's alone (0600), new or
       * replaced. Written beside it and renamed over it once complete,
       * so that a failed export leaves the old file as it was. */
      temp = g_build_filename (dir, temp_name, NULL);
      fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          g_printerr (_("limber export: %s cannot be written: %s\n"), path, g_strerror (errno));
          return EXIT_STORE_ERROR;
        }
      stream = g_unix_output_stream_new (fd, TRUE);
    }
  else
    stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  written = limber_journal_export (journal, format, stream, &error) &&
            g_output_stream_flush (stream, NULL, &error);
  if (written && temp != NULL &&
      (fsync (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (stream))) != 0 ||
       !g_output_stream_close (stream, NULL, &error) ||
       g_rename (temp, target) != 0))
    {
      int saved_errno = errno;

      written = FALSE;
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
    }
  g_output_stream_close (stream, NULL, NULL);

  if (!written)
    {
      if (temp != NULL)
        g_unlink (temp);
      /* The file's own errors name it; the journal's say what to do. */
      if (temp != NULL && error->domain == G_IO_ERROR)
        {
          g_printerr (_("limber export: %s cannot be written: %s\n"), path, error->message);
          return EXIT_STORE_ERROR;
        }
      return journal_failed ("export", NULL, error);
    }

  return 0;
}

int
limber_cli_import (int    argc,
                   char **argv)
{
  g_autofree char *format_text = NULL;
  GOptionEntry options[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("csv or json; by default told by the file name or its contents"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) error = NULL;
  LimberImportCounts counts = { 0 };
  g_autoptr (LimberCliTable) table = NULL;
  g_autofree char *added = NULL, *updated = NULL, *unchanged = NULL;
  g_autofree char *text = NULL;
  LimberJournalFormat format;
  const char *contents;
  gsize length;

  argv++, argc--;
  if (!parse_options ("import", _("FILE — merge a file made by “limber export” into the journal"),
                      options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;
  if (argc != 2)
    {
      g_printerr (argc < 2 ? _("limber import: give the file to import\n")
                           : _("limber import: unexpected argument “%s”\n"), argv[2]);
      return EXIT_BAD_ARGUMENT;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  data = limber_journal_load_import (file, &error);
  if (data == NULL)
    {
      g_printerr ("limber import: %s\n", error->message);
      return EXIT_BAD_ARGUMENT;
    }

  /* No name to go by: a JSON export starts with a brace. */
  contents = g_bytes_get_data (data, &length);
  if (format_text == NULL && !g_str_has_suffix (argv[1], ".csv") && !g_str_has_suffix (argv[1], ".json"))
    {
      gsize i = 0;

      while (i < length && g_ascii_isspace (contents[i]))
        i++;
      format_text = g_strdup (i < length && contents[i] == '{' ? "json" : "csv");
    }
  if (!parse_format ("import", format_text, argv[1], &format))
    return EXIT_BAD_ARGUMENT;

  if (!(journal = open_journal ("import")))
    return EXIT_STORE_ERROR;

  clock = limber_cli_clock_new ();
  now = limber_clock_now (clock);
  if (!limber_journal_import (journal, format, data, now, &counts, &error))
    return journal_failed ("import", argv[1], error);

  table = limber_cli_table_new ("lr", "  ");
  added = g_strdup_printf ("%u", counts.added);
  updated = g_strdup_printf ("%u", counts.updated);
  unchanged = g_strdup_printf ("%u", counts.unchanged);
  /* Translators: how many of the records in the file were new to the
   * journal, changed something in it, or were there already. */
  limber_cli_table_add (table, _("Added:"), added, NULL);
  limber_cli_table_add (table, _("Updated:"), updated, NULL);
  limber_cli_table_add (table, _("Unchanged:"), unchanged, NULL);
  text = limber_cli_table_format (table);
  /* Translators: %s is the file imported. */
  g_print (_("Imported %s.\n"), argv[1]);
  g_print ("%s", text);
  return 0;
}

/* The factor in use that @name names, or NULL once it said why not, with
 * @status_out set. */
static LimberFactor *
find_factor (LimberJournal *journal,
             const char    *name,
             int           *status_out)
{
  g_autoptr (GError) error = NULL;
  LimberFactor *factor = limber_journal_find_factor (journal, name, &error);

  if (error != NULL)
    *status_out = journal_failed ("factors", NULL, error);
  else if (factor == NULL)
    *status_out = unknown_factor (journal, "factors", name, name);
  return factor;
}

/* `limber factors`: the factors, one a line, with the name the command
 * line takes; retired ones too with --all. */
static int
list_factors (LimberJournal *journal,
              gboolean       all)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (LimberCliTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  factors = limber_journal_list_factors (journal, all, &error);
  if (factors == NULL)
    return journal_failed ("factors", NULL, error);

  table = limber_cli_table_new (all ? "lll" : "ll", NULL);
  /* Translators: column headings; “Name” is what “limber log --did”
   * takes, “Shown as” what the window shows. */
  limber_cli_table_add (table, _("Name"), _("Shown as"), all ? _("State") : NULL, NULL);
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      limber_cli_table_add (table, factor->builtin != NULL ? factor->builtin : factor->name,
                            limber_factor_get_label (factor),
                            /* Translators: the state of a factor. */
                            all ? (factor->retired ? _("retired") : _("in use")) : NULL, NULL);
    }
  text = limber_cli_table_format (table);
  g_print ("%s", text);
  return 0;
}

int
limber_cli_factors (int    argc,
                    char **argv)
{
  gboolean all = FALSE;
  GOptionEntry options[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List retired factors too"), NULL },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberFactor) factor = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) error = NULL;
  const char *action;
  int wanted = 0;
  int status = 0;

  argv++, argc--;
  if (!parse_options ("factors",
                      _("[add NAME | rename OLD NEW | retire NAME | restore NAME] — list the things you can log as done, or change them"),
                      options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;

  action = argc > 1 ? argv[1] : NULL;
  if (action == NULL)
    wanted = 1;
  else if (g_str_equal (action, "add") || g_str_equal (action, "retire") || g_str_equal (action, "restore"))
    wanted = 3;
  else if (g_str_equal (action, "rename"))
    wanted = 4;
  else
    {
      g_printerr (_("limber factors: “%s” is none of add, rename, retire and restore\n"), action);
      return EXIT_BAD_ARGUMENT;
    }
  if (argc != wanted)
    {
      if (argc > wanted)
        g_printerr (_("limber factors: unexpected argument “%s”\n"), argv[wanted]);
      else if (wanted == 4)
        g_printerr (_("limber factors: give the old name and the new one, such as “limber factors rename yoga \"tai chi\"”\n"));
      else
        /* Translators: %s is “add”, “retire” or “restore”. */
        g_printerr (_("limber factors %s: give the factor’s name\n"), action);
      return EXIT_BAD_ARGUMENT;
    }

  if (action == NULL)
    {
      if (!(journal = open_journal_for_reading ("factors")))
        return EXIT_STORE_ERROR;
      return list_factors (journal, all);
    }

  if (!(journal = open_journal ("factors")))
    return EXIT_STORE_ERROR;
  clock = limber_cli_clock_new ();
  now = limber_clock_now (clock);

  if (g_str_equal (action, "add"))
    {
      factor = limber_journal_add_factor (journal, argv[2], now, &error);
      if (factor == NULL)
        return journal_failed ("factors", NULL, error);
      /* Translators: %s is the new factor’s name. */
      g_print (_("Added “%s”.\n"), limber_factor_get_label (factor));
      return 0;
    }

  if (g_str_equal (action, "restore"))
    {
      factor = limber_journal_find_retired_factor (journal, argv[2], &error);
      if (error != NULL)
        return journal_failed ("factors", NULL, error);
      if (factor == NULL)
        {
          /* Translators: %s is what was given as a factor's name. */
          g_printerr (_("limber factors restore: no retired factor is called “%s”; “limber factors --all” lists them\n"),
                      argv[2]);
          return EXIT_BAD_ARGUMENT;
        }
      if (!limber_journal_set_factor_retired (journal, factor->uuid, FALSE, now, &error))
        return journal_failed ("factors", NULL, error);
      /* Translators: %s is the factor’s name. */
      g_print (_("“%s” is offered again, with the days it was logged.\n"), limber_factor_get_label (factor));
      return 0;
    }

  if (!(factor = find_factor (journal, argv[2], &status)))
    return status;

  if (g_str_equal (action, "rename"))
    {
      g_autofree char *old_label = g_strdup (limber_factor_get_label (factor));
      g_autofree char *new_name = g_strstrip (g_strdup (argv[3]));

      if (!limber_journal_rename_factor (journal, factor->uuid, new_name, now, &error))
        return journal_failed ("factors", NULL, error);
      /* Translators: “Renamed “Yoga” to “Tai chi”; its days stay with it.” */
      g_print (_("Renamed “%s” to “%s”; its days stay with it.\n"), old_label, new_name);
      return 0;
    }

  if (!limber_journal_set_factor_retired (journal, factor->uuid, TRUE, now, &error))
    return journal_failed ("factors", NULL, error);
  /* Translators: %s is the factor’s name. */
  g_print (_("Retired “%s”: it is no longer offered, and the days it was logged are kept.\n"),
           limber_factor_get_label (factor));
  return 0;
}

/* `limber change "new chair" [--date D]`: a one-off change, shown as a
 * marker on the trend chart. */
int
limber_cli_change (int    argc,
                   char **argv)
{
  g_autofree char *date = NULL;
  GOptionEntry options[] = {
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date, N_("The day of the change, if not today"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberLifeChange) change = NULL;
  g_autoptr (LimberClock) clock = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *day;

  argv++, argc--;
  if (!parse_options ("change", _("TEXT — note a one-off change, such as a new chair or a laptop stand"),
                      options, &argc, &argv))
    return EXIT_BAD_ARGUMENT;
  /* The text may come as one argument or several words. */
  if (argc < 2)
    {
      g_printerr (_("limber change: say what changed, such as “limber change \"new chair\"”\n"));
      return EXIT_BAD_ARGUMENT;
    }
  text = g_strjoinv (" ", argv + 1);
  if (!options_to_utf8 ("change", (GOptionEntry[]) { { "text", 0, 0, G_OPTION_ARG_FILENAME, &text, NULL, NULL }, { NULL } }))
    return EXIT_BAD_ARGUMENT;
  g_strstrip (text);

  clock = limber_cli_clock_new ();
  day = date != NULL ? date : limber_clock_get_today (clock);
  if (!limber_day_is_valid (day))
    {
      g_printerr (_("limber change: --date: “%s” is not a date written as YYYY-MM-DD\n"), day);
      return EXIT_BAD_ARGUMENT;
    }

  change = limber_life_change_new (day, text);
  if (!limber_life_change_validate (change, &error))
    {
      g_printerr ("limber change: %s\n", error->message);
      return EXIT_BAD_ARGUMENT;
    }

  if (!(journal = open_journal ("change")))
    return EXIT_STORE_ERROR;
  now = limber_clock_now (clock);
  if (!limber_journal_add_life_change (journal, change, now, &error))
    return journal_failed ("change", NULL, error);

  /* Translators: “Noted “new chair” on 2026-11-30.” */
  g_print (_("Noted “%s” on %s.\n"), change->text, change->day);
  return 0;
}
