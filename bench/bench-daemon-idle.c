/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "limber-build-paths.h"

#include <unistd.h>

#include <gio/gio.h>

#include "bench-data-home.h"
#include "bench-report.h"
#include "limber-daemon-client.h"

/* What limber-daemon costs while it idles: time to take its bus name and,
 * when a tray runs in the session (bench/idle.sh and
 * bench/daemon-start.sh start one), to get its icon registered;
 * proportional memory (PSS), context switches and CPU over a quiet
 * period. Run it in a session of its own:
 *
 *   tests/test-session.sh build/bench/bench-daemon-idle [SECONDS]
 *       [--journal DIR] [--starts N] [--daemon PATH]
 *
 * --journal DIR gives the daemon a copy of DIR/journal.db, such as the
 * ten-year journal bench-journal DIR makes, in an XDG_DATA_HOME of its
 * own. --starts N starts the daemon once, not counted, then N more times,
 * and prints the median, p90 and min of those N; the last one idles.
 * SECONDS 0 measures the starts only. --daemon PATH measures another
 * build's limber-daemon, such as a reference, with the same yardstick.
 * --sync measures the idle daemon twice in the same run, without sync
 * and then with a sync folder set (a new folder of its own, in which
 * another computer has a folder too), both on settings kept in a key
 * file, and prints the two side by side.
 */

/* The daemon built here, or the one --daemon names. */
static const char *daemon_path = LIMBER_BUILD_DAEMON;

typedef struct
{
  guint64 context_switches;
  guint64 cpu_ticks;
} Sample;

static gboolean appeared;
static gint64 tray_registered_us;
static gboolean tray_timed_out;

static void
item_registered_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  if (tray_registered_us == 0)
    tray_registered_us = g_get_monotonic_time ();
}

static void
appeared_cb (GDBusConnection *bus,
             const char      *name,
             const char      *owner,
             gpointer         user_data)
{
  appeared = TRUE;
}

static void
vanished_cb (GDBusConnection *bus,
             const char      *name,
             gpointer         user_data)
{
  appeared = FALSE;
}

static gboolean
tray_timeout_cb (gpointer user_data)
{
  tray_timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tray_running (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.kde.StatusNotifierWatcher"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/* Starts the daemon and waits for its bus name and, with @wait_for_tray,
 * for its icon in the tray (5 s at most); sets the times from the spawn
 * in ms, the tray's to -1 when it did not come. */
static GSubprocess *
start_daemon (GSubprocessLauncher *launcher,
              gboolean             wait_for_tray,
              double              *named_ms,
              double              *tray_ms)
{
  const char *daemon_argv[] = { daemon_path, NULL };
  g_autoptr (GError) error = NULL;
  GSubprocess *daemon;
  gint64 spawned_us;

  tray_registered_us = 0;
  tray_timed_out = FALSE;

  spawned_us = g_get_monotonic_time ();
  daemon = g_subprocess_launcher_spawnv (launcher, daemon_argv, &error);
  g_assert_no_error (error);
  while (!appeared)
    g_main_context_iteration (NULL, TRUE);
  *named_ms = (g_get_monotonic_time () - spawned_us) / 1000.0;

  if (wait_for_tray)
    {
      guint timeout_id = g_timeout_add_seconds (5, tray_timeout_cb, NULL);

      while (tray_registered_us == 0 && !tray_timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!tray_timed_out)
        g_source_remove (timeout_id);
    }
  *tray_ms = tray_registered_us != 0 ? (tray_registered_us - spawned_us) / 1000.0 : -1;

  return daemon;
}

static void
stop_daemon (GDBusConnection *bus,
             GSubprocess     *daemon)
{
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  g_assert_no_error (error);
  limber_breaks_call_quit_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (daemon, NULL, &error);
  g_assert_no_error (error);
  /* The next start must not see this one's name. */
  while (appeared)
    g_main_context_iteration (NULL, TRUE);
}

static void
print_starts (const char *what,
              GArray     *samples_ms,
              const char *budget)
{
  LimberBenchFigures figures;

  limber_bench_figures (samples_ms, &figures);
  g_print ("  %-24s median %.1f ms, p90 %.1f, min %.1f (%u starts%s)\n",
           what, figures.median_ms, figures.p90_ms, figures.min_ms, figures.runs, budget);
}

/* Context switches of every thread of @pid: a helper thread that wakes
 * costs as much as the main one. */
static guint64
context_switches (GPid pid)
{
  g_autofree char *tasks_path = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr (GDir) tasks = g_dir_open (tasks_path, 0, NULL);
  const char *tid;
  guint64 total = 0;

  while (tasks != NULL && (tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *status_path = g_build_filename (tasks_path, tid, "status", NULL);
      g_autofree char *text = NULL;
      const char *fields[] = { "\nvoluntary_ctxt_switches:", "\nnonvoluntary_ctxt_switches:" };

      if (!g_file_get_contents (status_path, &text, NULL, NULL))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          const char *line = strstr (text, fields[i]);

          if (line != NULL)
            total += g_ascii_strtoull (line + strlen (fields[i]), NULL, 10);
        }
    }

  return total;
}

static Sample
sample (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;
  Sample s;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("Cannot read %s", path);
  /* Fields after the command name, which may hold spaces; utime and
   * stime are fields 14 and 15 of the whole line. */
  fields = g_strsplit (strrchr (text, ')') + 2, " ", -1);

  s.cpu_ticks = g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10);
  s.context_switches = context_switches (pid);
  return s;
}

static double
pss_mib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(line = strstr (text, "\nPss:")))
    g_error ("No Pss in %s", path);

  return g_ascii_strtoull (line + strlen ("\nPss:"), NULL, 10) / 1024.0;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  double switches_per_min;
  double cpu_percent;
  double pss_mib;
} Idle;

/* Lets start-up settle before the quiet period is measured: the desktop
 * portal, started by the daemon's first question to it, answers within
 * seconds; nobody types here, so after the idle threshold (60 s by
 * default) the daemon sees the person leave and records it; GLib's idle
 * worker threads end 15 s after their last job. What is measured after
 * that is the daemon waiting. */
static Idle
measure_idle (GMainLoop *loop,
              GPid       pid,
              guint      idle_s)
{
  Sample before, after;
  Idle idle;

  g_timeout_add_seconds (90, quit_cb, loop);
  g_main_loop_run (loop);

  before = sample (pid);
  g_timeout_add_seconds (idle_s, quit_cb, loop);
  g_main_loop_run (loop);
  after = sample (pid);

  idle.pss_mib = pss_mib (pid);
  idle.switches_per_min = (after.context_switches - before.context_switches) * 60.0 / idle_s;
  idle.cpu_percent = 100.0 * (after.cpu_ticks - before.cpu_ticks) / sysconf (_SC_CLK_TCK) / idle_s;
  return idle;
}

/* How many device folders @folder/limber holds. */
static guint
count_folders (const char *folder)
{
  g_autofree char *limber_dir = g_build_filename (folder, "limber", NULL);
  g_autoptr (GDir) dir = g_dir_open (limber_dir, 0, NULL);
  guint count = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

/* Settings in a key file of @config_home, where the daemon reads them:
 * @folder as the sync folder, "" for none. */
static void
write_settings (const char *config_home,
                const char *folder)
{
  g_autofree char *dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr (GVariant) value = g_variant_ref_sink (g_variant_new_string (folder));
  g_autofree char *quoted = g_variant_print (value, FALSE);
  g_autofree char *text = g_strdup_printf ("[io/github/limberapp/Limber]\nsync-folder=%s\n", quoted);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *journal_dir = NULL;
  g_autofree char *other_daemon = NULL;
  gboolean with_sync = FALSE;
  gint starts = 0;
  GOptionEntry options[] = {
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &journal_dir, "Give the daemon a copy of DIR/journal.db", "DIR" },
    { "starts", 0, 0, G_OPTION_ARG_INT, &starts, "Time N starts after a first one", "N" },
    { "daemon", 0, 0, G_OPTION_ARG_FILENAME, &other_daemon, "Measure this limber-daemon instead", "PATH" },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &with_sync, "Measure it idle without sync, then with a sync folder set", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[SECONDS] — what limber-daemon costs");
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GSubprocess) daemon = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) named_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) tray_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data_home = NULL;
  g_autofree char *sync_home = NULL;
  double first_named_ms, first_tray_ms;
  gboolean with_tray;
  guint idle_s;
  Idle idle, synced;
  GPid pid;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || starts < 0)
    {
      g_printerr ("bench-daemon-idle: %s\n", error != NULL ? error->message : "--starts: not a number of starts");
      return 2;
    }
  idle_s = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60;
  if (other_daemon != NULL)
    daemon_path = other_daemon;

  if (journal_dir != NULL)
    {
      data_home = limber_bench_data_home_new (journal_dir, &error);
      if (data_home == NULL)
        {
          g_printerr ("bench-daemon-idle: %s; make one with bench-journal DIR\n", error->message);
          return 2;
        }
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
    }

  /* Both runs on settings in a key file, the second with a sync
   * folder: a new one, where another computer has its folder too, as
   * it would after the first sync. */
  if (with_sync)
    {
      g_autofree char *config_home = NULL;

      sync_home = g_dir_make_tmp ("limber-bench-sync-XXXXXX", &error);
      g_assert_no_error (error);
      config_home = g_build_filename (sync_home, "config", NULL);
      write_settings (config_home, "");
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
      if (data_home == NULL)
        {
          data_home = g_build_filename (sync_home, "data", NULL);
          g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
          g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
        }
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  g_bus_watch_name_on_connection (bus, LIMBER_DAEMON_BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                  appeared_cb, vanished_cb, NULL, NULL);
  /* With a tray running (bench/idle.sh starts one), also time the icon. */
  g_dbus_connection_signal_subscribe (bus, "org.kde.StatusNotifierWatcher", "org.kde.StatusNotifierWatcher",
                                      "StatusNotifierItemRegistered", "/StatusNotifierWatcher", NULL,
                                      G_DBUS_SIGNAL_FLAGS_NONE, item_registered_cb, NULL, NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  with_tray = tray_running (bus);

  daemon = start_daemon (launcher, with_tray, &first_named_ms, &first_tray_ms);
  for (gint i = 0; i < starts; i++)
    {
      double named, tray;

      stop_daemon (bus, daemon);
      g_clear_object (&daemon);
      daemon = start_daemon (launcher, with_tray, &named, &tray);
      g_array_append_val (named_ms, named);
      if (tray >= 0)
        g_array_append_val (tray_ms, tray);
    }
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (daemon), NULL, 10);

  if (idle_s > 0)
    g_print ("limber-daemon, idle for %u s\n", idle_s);
  else
    g_print ("limber-daemon, start-up only\n");
  if (journal_dir != NULL)
    g_print ("  journal:                 a copy of %s/journal.db\n", journal_dir);
  if (starts == 0)
    {
      g_print ("  start to bus name:       %.1f ms\n", first_named_ms);
      if (first_tray_ms >= 0)
        g_print ("  start to tray icon:      %.1f ms (budget 50)\n", first_tray_ms);
      else
        g_print ("  start to tray icon:      %s\n", with_tray ? "not registered within 5 s" : "no tray in this session");
    }
  else
    {
      if (first_tray_ms >= 0)
        g_print ("  first start, not counted: bus name %.1f ms, tray icon %.1f ms\n", first_named_ms, first_tray_ms);
      else
        g_print ("  first start, not counted: bus name %.1f ms\n", first_named_ms);
      print_starts ("start to bus name:", named_ms, "");
      if (tray_ms->len > 0)
        print_starts ("start to tray icon:", tray_ms, ", budget 50 ms");
      else
        g_print ("  start to tray icon:      %s\n", with_tray ? "not registered within 5 s" : "no tray in this session");
      if (tray_ms->len > 0 && tray_ms->len < (guint) starts)
        g_print ("  (the icon did not register within 5 s in %u starts)\n", starts - tray_ms->len);
    }

  if (idle_s > 0)
    {
      idle = measure_idle (loop, pid, idle_s);
      if (!with_sync)
        {
          g_print ("  PSS:                     %.2f MiB (budget 8)\n", idle.pss_mib);
          g_print ("  context switches:        %.1f per minute, all threads (budget 2)\n", idle.switches_per_min);
          g_print ("  CPU:                     %.4f %% (budget 0.01)\n", idle.cpu_percent);
        }
    }

  if (idle_s > 0 && with_sync)
    {
      g_autofree char *config_home = g_build_filename (sync_home, "config", NULL);
      g_autofree char *folder = g_build_filename (sync_home, "folder", NULL);
      g_autofree char *other = g_build_filename (folder, "limber", "00000000-0000-4000-8000-000000000000", NULL);
      double named, tray;

      /* The same daemon again, now with a sync folder. */
      stop_daemon (bus, daemon);
      g_clear_object (&daemon);
      g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
      write_settings (config_home, folder);
      daemon = start_daemon (launcher, with_tray, &named, &tray);
      pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (daemon), NULL, 10);
      synced = measure_idle (loop, pid, idle_s);

      g_print ("  %-24s %14s %14s\n", "", "without sync", "sync on");
      g_print ("  %-24s %14.2f %14.2f (budget 8)\n", "PSS, MiB:", idle.pss_mib, synced.pss_mib);
      g_print ("  %-24s %14.1f %14.1f (budget 2, all threads)\n", "context switches/min:",
               idle.switches_per_min, synced.switches_per_min);
      g_print ("  %-24s %14.4f %14.4f (budget 0.01)\n", "CPU, %:", idle.cpu_percent, synced.cpu_percent);
      /* The daemon did follow the folder: its first pass wrote this
       * computer's folder beside the other's. */
      g_print ("  sync folder:             %s\n",
               count_folders (folder) == 2 ? "written by this computer" : "NOT WRITTEN: sync did not run");
    }

  stop_daemon (bus, daemon);
  if (data_home != NULL)
    limber_bench_remove_folder (data_home);
  if (sync_home != NULL)
    limber_bench_remove_folder (sync_home);

  return 0;
}
