/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-cli"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "limber-cli-clock.h"
#include "limber-cli-sync.h"
#include "limber-cli-table.h"
#include "limber-clock-format.h"
#include "limber-journal-keeper.h"
#include "limber-sync.h"

#define EXIT_FAILED 1
#define EXIT_BAD_ARGUMENT 2

/* The settings, or NULL, having said why, when this build has no schema
 * to keep them in (a program run from a build folder). */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    {
      g_printerr (_("limber sync: the settings of Limber are not installed, so the sync folder cannot be kept\n"));
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The journal, repaired first when it is damaged, as the other commands
 * open it; NULL once it said why not. */
static LimberJournal *
open_journal (void)
{
  g_autofree char *path = limber_journal_default_path ();
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_keeper_open (path, &report, &error);

  if (report != NULL && report->damaged_path != NULL)
    {
      g_autofree char *text = limber_repair_report_describe (report);

      g_printerr ("limber sync: %s\n", text);
    }
  if (journal == NULL)
    g_printerr ("limber sync: %s\n", error->message);

  return journal;
}

static void
print_summary (const LimberSyncReport *report)
{
  g_auto (GStrv) sentences = limber_sync_report_summary (report);

  for (guint i = 0; sentences[i] != NULL; i++)
    g_print ("%s\n", sentences[i]);
}

/* A pass through @folder; 0, or 1 once it said why it could not run. */
static int
run_pass (LimberJournal *journal,
          const char    *folder)
{
  g_auto (LimberSyncReport) report = { 0 };
  g_autoptr (LimberClock) clock = limber_cli_clock_new ();
  g_autoptr (GDateTime) now = limber_clock_now (clock);
  g_autoptr (GError) error = NULL;

  limber_sync_report_init (&report);
  if (!limber_sync_run (journal, folder, now, &report, &error))
    {
      g_printerr ("limber sync: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (report.paused)
    {
      g_auto (GStrv) sentences = limber_sync_report_summary (&report);

      g_printerr ("limber sync: %s\n", sentences[0]);
      return EXIT_FAILED;
    }

  print_summary (&report);
  return 0;
}

/* @text as an absolute path of a folder this user can write to; NULL once
 * it said why not. */
static char *
writable_folder (const char *text)
{
  g_autofree char *path = g_canonicalize_filename (text, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      /* Translators: “limber sync: /media/sync: No such file or directory”. */
      g_printerr (_("limber sync: %s: %s\n"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_printerr (_("limber sync: %s is not a folder\n"), path);
      return NULL;
    }
  if (access (path, W_OK | X_OK) != 0)
    {
      g_printerr (_("limber sync: the folder %s cannot be written\n"), path);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static int
sync_to_folder (const char *text)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *previous = NULL;
  int status;

  if (!(folder = writable_folder (text)))
    return EXIT_FAILED;
  if (!(settings = open_settings ()))
    return EXIT_FAILED;
  if (!(journal = open_journal ()))
    return EXIT_FAILED;

  /* Another folder than before holds none of what was written to the
   * last one: everything is written, and read, once more. */
  previous = g_settings_get_string (settings, "sync-folder");
  if (previous[0] != '\0' && !g_str_equal (previous, folder) && !limber_sync_turn_off (journal, &error))
    {
      g_printerr ("limber sync: %s\n", error->message);
      return EXIT_FAILED;
    }
  g_settings_set_string (settings, "sync-folder", folder);
  g_settings_sync ();

  /* Translators: %s is the folder. */
  g_print (_("Syncing the journal through %s.\n"), folder);
  status = run_pass (journal, folder);
  g_print ("%s\n", _("The folder holds your health journal unencrypted: choose one that only your own computers sync, and no one else can read."));
  return status;
}

/* The sync folder set, or NULL once it said that there is none. */
static char *
get_folder (GSettings *settings)
{
  g_autofree char *folder = g_settings_get_string (settings, "sync-folder");

  if (folder[0] == '\0')
    {
      g_printerr (_("limber sync: sync is off; turn it on with “limber sync --folder FOLDER”\n"));
      return NULL;
    }

  return g_steal_pointer (&folder);
}

/* @time in the local time zone, as the date and the time of day. */
static char *
format_local (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *clock = limber_format_time_of_day (local);

  return g_strdup_printf ("%s %s", day, clock);
}

static char *
describe_problem (const LimberSyncProblem *problem)
{
  /* Translators: a change file or line skipped: “4f…/2026-11.jsonl: line
   * 12: the checksum is wrong”; the last %s says what is wrong. */
  return g_strdup_printf (_("%s/%s: %s"), problem->device, problem->file, problem->message);
}

static int
show_status (void)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (LimberCliTable) table = NULL;
  g_auto (LimberSyncStatus) status = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *waiting = NULL;

  if (!(settings = open_settings ()))
    return EXIT_FAILED;
  folder = g_settings_get_string (settings, "sync-folder");
  if (folder[0] == '\0')
    {
      g_print ("%s\n", _("Sync is off. Turn it on with “limber sync --folder FOLDER”."));
      return 0;
    }
  if (!(journal = open_journal ()))
    return EXIT_FAILED;
  if (!limber_sync_status (journal, folder, &status, &error))
    {
      g_printerr ("limber sync: %s\n", error->message);
      return EXIT_FAILED;
    }

  table = limber_cli_table_new ("ll", "");
  limber_cli_table_add (table, _("Folder:"), folder, NULL);
  limber_cli_table_add (table, _("This computer:"), status.name, NULL);
  limber_cli_table_add (table, _("Its device ID:"), status.device[0] != '\0' ? status.device : _("none yet"), NULL);
  waiting = g_strdup_printf ("%" G_GUINT64_FORMAT, status.waiting);
  /* Translators: how many of this computer's changes are not yet in the folder. */
  limber_cli_table_add (table, _("Changes waiting:"), waiting, NULL);
  rows = limber_cli_table_format (table);
  g_print ("%s", rows);

  if (status.paused)
    /* Translators: %s is the folder. */
    g_print (_("Sync is paused: the folder %s is missing. It resumes when the folder is back.\n"), folder);

  if (status.devices->len == 0)
    g_print ("%s\n", _("No other computer has written to the folder yet."));
  else
    {
      g_autoptr (LimberCliTable) devices = limber_cli_table_new ("lll", "  ");
      g_autofree char *device_rows = NULL;

      g_print ("%s\n", _("Other computers:"));
      for (guint i = 0; i < status.devices->len; i++)
        {
          const LimberSyncDevice *device = g_ptr_array_index (status.devices, i);
          g_autoptr (GDateTime) last_seen = device->last_seen_utc != 0 ? g_date_time_new_from_unix_utc (device->last_seen_utc) : NULL;
          g_autofree char *seen = last_seen != NULL ? format_local (last_seen) : NULL;
          g_autofree char *seen_text = NULL;

          /* Translators: when another computer last synced, “last seen 2026-11-30 10:12”. */
          seen_text = seen != NULL ? g_strdup_printf (_("last seen %s"), seen) : g_strdup (_("never seen"));
          limber_cli_table_add (devices, device->name != NULL && device->name[0] != '\0' ? device->name : _("unknown name"),
                                seen_text, device->device, NULL);
        }
      device_rows = limber_cli_table_format (devices);
      g_print ("%s", device_rows);
    }

  if (status.damaged->len > 0)
    {
      g_print ("%s\n", _("Damaged and skipped:"));
      for (guint i = 0; i < status.damaged->len; i++)
        {
          g_autofree char *text = describe_problem (g_ptr_array_index (status.damaged, i));

          g_print ("  %s\n", text);
        }
    }

  return 0;
}

static int
sync_now (void)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autofree char *folder = NULL;

  if (!(settings = open_settings ()) || !(folder = get_folder (settings)))
    return EXIT_FAILED;
  if (!(journal = open_journal ()))
    return EXIT_FAILED;

  return run_pass (journal, folder);
}

static int
sync_off (void)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;

  if (!(settings = open_settings ()))
    return EXIT_FAILED;
  folder = g_settings_get_string (settings, "sync-folder");
  if (!(journal = open_journal ()))
    return EXIT_FAILED;
  if (!limber_sync_turn_off (journal, &error))
    {
      g_printerr ("limber sync: %s\n", error->message);
      return EXIT_FAILED;
    }
  g_settings_set_string (settings, "sync-folder", "");
  g_settings_sync ();

  if (folder[0] == '\0')
    g_print ("%s\n", _("Sync is off."));
  else
    /* Translators: %s is the folder. */
    g_print (_("Sync is off. The files in %s are left as they are; delete them yourself if no computer syncs through it any more.\n"),
             folder);
  return 0;
}

static int
bad_usage (const char *what)
{
  /* Translators: %s is what was given instead of a sync command. */
  g_printerr (_("limber sync: unknown choice “%s”; use --folder FOLDER, status, now or off\n"), what);
  return EXIT_BAD_ARGUMENT;
}

int
limber_cli_sync (int    argc,
                 char **argv)
{
  g_autofree char *folder = NULL;
  GOptionEntry options[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder,
      N_("Sync through this folder, which a file-sync tool keeps the same on your computers"), N_("FOLDER") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;

  argv++, argc--;
  /* Translators: the choices of `limber sync`, after its name in its help. */
  context = g_option_context_new (_("[status|now|off] — sync the journal through a shared folder"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("--folder FOLDER  turn sync on through FOLDER and sync once\n"
      "status           show the folder and the computers that write to it\n"
      "now              sync once\n"
      "off              turn sync off, leaving the folder’s files as they are"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("limber sync: %s\n", error->message);
      return EXIT_BAD_ARGUMENT;
    }

  if (folder != NULL)
    {
      if (argc > 1)
        {
          g_printerr (_("limber sync: unexpected argument “%s”\n"), argv[1]);
          return EXIT_BAD_ARGUMENT;
        }
      return sync_to_folder (folder);
    }

  if (argc > 2)
    {
      g_printerr (_("limber sync: unexpected argument “%s”\n"), argv[2]);
      return EXIT_BAD_ARGUMENT;
    }
  if (argc < 2 || g_str_equal (argv[1], "status"))
    return show_status ();
  if (g_str_equal (argv[1], "now"))
    return sync_now ();
  if (g_str_equal (argv[1], "off"))
    return sync_off ();

  return bad_usage (argv[1]);
}
