/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>

#include <gio/gio.h>

#include "limber-daemon-client.h"

/* What limber-daemon costs while it idles: time to take its bus name,
 * proportional memory (PSS), context switches and CPU over a quiet
 * period. Run it in a session of its own:
 *
 *   tests/test-session.sh build/bench/bench-daemon-idle [SECONDS]
 */

typedef struct
{
  guint64 context_switches;
  guint64 cpu_ticks;
} Sample;

static gboolean appeared;
static gint64 tray_registered_us;

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

int
main (int   argc,
      char *argv[])
{
  guint idle_s = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60;
  const char *daemon_argv[] = { LIMBER_BUILD_DAEMON, NULL };
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GSubprocess) daemon = NULL;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GError) error = NULL;
  gint64 spawned_us, named_us;
  Sample before, after;
  double switches_per_min, cpu_percent, pss;
  GPid pid;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  g_bus_watch_name_on_connection (bus, LIMBER_DAEMON_BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                  appeared_cb, NULL, NULL, NULL);
  /* With a tray running (bench/idle.sh starts one), also time the icon. */
  g_dbus_connection_signal_subscribe (bus, "org.kde.StatusNotifierWatcher", "org.kde.StatusNotifierWatcher",
                                      "StatusNotifierItemRegistered", "/StatusNotifierWatcher", NULL,
                                      G_DBUS_SIGNAL_FLAGS_NONE, item_registered_cb, NULL, NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  spawned_us = g_get_monotonic_time ();
  daemon = g_subprocess_newv (daemon_argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  while (!appeared)
    g_main_context_iteration (NULL, TRUE);
  named_us = g_get_monotonic_time ();
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (daemon), NULL, 10);

  /* Let start-up settle before the quiet period is measured. */
  g_timeout_add_seconds (1, quit_cb, loop);
  g_main_loop_run (loop);

  before = sample (pid);
  g_timeout_add_seconds (idle_s, quit_cb, loop);
  g_main_loop_run (loop);
  after = sample (pid);
  pss = pss_mib (pid);

  switches_per_min = (after.context_switches - before.context_switches) * 60.0 / idle_s;
  cpu_percent = 100.0 * (after.cpu_ticks - before.cpu_ticks) / sysconf (_SC_CLK_TCK) / idle_s;

  g_print ("limber-daemon, idle for %u s\n", idle_s);
  g_print ("  start to bus name:       %.1f ms\n", (named_us - spawned_us) / 1000.0);
  if (tray_registered_us != 0)
    g_print ("  start to tray icon:      %.1f ms (budget 50)\n", (tray_registered_us - spawned_us) / 1000.0);
  else
    g_print ("  start to tray icon:      no tray in this session\n");
  g_print ("  PSS:                     %.2f MiB (budget 8)\n", pss);
  g_print ("  context switches:        %.1f per minute, all threads (budget 2)\n", switches_per_min);
  g_print ("  CPU:                     %.4f %% (budget 0.01)\n", cpu_percent);

  breaks = limber_daemon_connect_sync (bus, LIMBER_DAEMON_CONNECT_NONE, NULL, &error);
  g_assert_no_error (error);
  limber_breaks_call_quit_sync (breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (daemon, NULL, &error);
  g_assert_no_error (error);

  return 0;
}
