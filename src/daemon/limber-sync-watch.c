/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "limber-sync-watch.h"
#include "limber-sync.h"

/* How long the folder and the journal must stay quiet before a pass
 * runs: a sync tool copies a file in several writes, and a journal write
 * is a few. Events that keep coming put the pass off, but not for longer
 * than QUIET_MAX_S after the first. */
#define QUIET_MS    2000
#define QUIET_MAX_S 30
/* Own changes that could not be written out (a full disk, a read-only
 * folder) are tried again after this long, only while some wait. */
#define RETRY_S     (5 * 60)

struct _LimberSyncWatch
{
  GObject       parent_instance;

  GSettings    *settings;
  char         *journal_path;
  char         *journal_name;
  char         *wal_name;
  /* The folder followed, "" when sync is off. */
  char         *folder;
  /* This computer's device id, once a pass gave it. */
  char         *device;

  GFileMonitor *journal_monitor;
  /* FOLDER itself, for it or its limber folder to go; FOLDER/limber; and
   * each other device's folder in it, by name. */
  GFileMonitor *folder_monitor;
  GFileMonitor *limber_monitor;
  GHashTable   *device_monitors;
  /* While sync is paused: the nearest folder that still exists on the
   * way to the sync folder's limber folder, watched for it to come back. */
  GFileMonitor *return_monitor;
  char         *return_path;

  guint         quiet_id;
  gint64        quiet_since_us;
  guint         retry_id;

  gboolean      running;
  gboolean      again;
  gboolean      paused;
  /* Damaged lines and files already logged, as "DEVICE/FILE:LINE". */
  GHashTable   *told_problems;
};

G_DEFINE_FINAL_TYPE (LimberSyncWatch, limber_sync_watch, G_TYPE_OBJECT)

static void start_pass         (LimberSyncWatch *self);
static void update_monitors    (LimberSyncWatch *self);
static void watch_for_return   (LimberSyncWatch *self);
static void cancel_monitor     (gpointer         monitor);

/* --- The pass, on a thread of its own --- */

typedef struct
{
  char             *journal_path;
  char             *folder;
  LimberSyncReport  report;
} Pass;

static void
pass_free (Pass *pass)
{
  g_free (pass->journal_path);
  g_free (pass->folder);
  limber_sync_report_clear (&pass->report);
  g_free (pass);
}

static guint
sum_kinds (const guint counts[LIMBER_SYNC_N_KINDS])
{
  guint sum = 0;

  for (guint i = 0; i < LIMBER_SYNC_N_KINDS; i++)
    sum += counts[i];
  return sum;
}

/* A pass that merged or wrote out this many changes (a first one, with
 * years of history) leaves memory the allocator keeps once freed. */
#define LARGE_PASS 10000

/* With a journal connection of its own, closed once done: the main loop
 * never waits for the folder or the journal. */
static void
pass_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Pass *pass = task_data;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  gboolean ran;

  journal = limber_journal_open (pass->journal_path, &error);
  ran = journal != NULL && limber_sync_run (journal, pass->folder, now, &pass->report, &error);
  g_clear_object (&journal);
#ifdef HAVE_MALLOC_TRIM
  /* The daemon stays small all day: what a large pass used goes back. */
  if (pass->report.written + sum_kinds (pass->report.added) + sum_kinds (pass->report.updated) >= LARGE_PASS)
    malloc_trim (0);
#endif
  if (!ran)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
retry_cb (gpointer user_data)
{
  LimberSyncWatch *self = user_data;

  self->retry_id = 0;
  start_pass (self);
  return G_SOURCE_REMOVE;
}

/* Logs what the pass found that needs the person's eye, once: damaged
 * lines and files, a re-keyed journal, another computer writing under
 * this one's id. */
static void
tell_findings (LimberSyncWatch        *self,
               const LimberSyncReport *report)
{
  g_autoptr (GString) fresh = g_string_new (NULL);

  for (guint i = 0; report->damaged != NULL && i < report->damaged->len; i++)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (report->damaged, i);
      char *key = g_strdup_printf ("%s/%s:%u", problem->device, problem->file, problem->line);

      if (!g_hash_table_add (self->told_problems, key))
        continue;
      if (fresh->len > 0)
        g_string_append (fresh, "; ");
      g_string_append_printf (fresh, "%s: %s", key, problem->message);
    }
  if (fresh->len > 0)
    g_message ("Sync skipped what is damaged in the folder %s: %s", report->folder, fresh->str);

  if (report->rekeyed)
    g_message ("Sync: this journal was a copy of another computer’s and now writes as device %s", report->device);
  if (report->other_name != NULL)
    g_message ("Sync: the computer “%s” writes under this computer’s device id %s", report->other_name, report->device);
}

static void
pass_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LimberSyncWatch *self = LIMBER_SYNC_WATCH (object);
  Pass *pass = g_task_get_task_data (G_TASK (result));
  const LimberSyncReport *report = &pass->report;
  g_autoptr (GError) error = NULL;
  gboolean current;

  self->running = FALSE;
  /* A pass through a folder no longer set only finishes. */
  current = g_strcmp0 (pass->folder, self->folder) == 0;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_message ("Sync through %s failed: %s", pass->folder, error->message);
      /* Tried again later, as waiting changes are. */
      if (current && self->retry_id == 0)
        self->retry_id = g_timeout_add_seconds (RETRY_S, retry_cb, self);
    }
  else if (current)
    {
      g_debug ("Sync pass through %s: %u added, %u updated, %u deleted, %" G_GUINT64_FORMAT " written, "
               "%" G_GUINT64_FORMAT " waiting%s",
               report->folder, sum_kinds (report->added), sum_kinds (report->updated),
               sum_kinds (report->deleted), report->written, report->waiting,
               report->paused ? ", paused" : "");

      if (report->paused)
        {
          if (!self->paused)
            g_message ("Sync is paused: the folder %s is missing; it resumes when the folder is back", report->folder);
          self->paused = TRUE;
          watch_for_return (self);
        }
      else
        {
          if (self->paused)
            g_message ("Sync resumed: the folder %s is back", report->folder);
          self->paused = FALSE;
          g_clear_pointer (&self->return_monitor, cancel_monitor);
          g_clear_pointer (&self->return_path, g_free);
          if (report->device[0] != '\0')
            {
              g_free (self->device);
              self->device = g_strdup (report->device);
            }
          update_monitors (self);
          tell_findings (self, report);
        }

      if (report->waiting > 0 && self->retry_id == 0)
        self->retry_id = g_timeout_add_seconds (RETRY_S, retry_cb, self);
      else if (report->waiting == 0 && !report->paused)
        g_clear_handle_id (&self->retry_id, g_source_remove);
    }

  if (self->again)
    {
      self->again = FALSE;
      start_pass (self);
    }
}

/* A pass now, or once the one under way is done. */
static void
start_pass (LimberSyncWatch *self)
{
  g_autoptr (GTask) task = NULL;
  Pass *pass;

  if (self->folder[0] == '\0')
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->quiet_id, g_source_remove);
  pass = g_new0 (Pass, 1);
  pass->journal_path = g_strdup (self->journal_path);
  pass->folder = g_strdup (self->folder);
  limber_sync_report_init (&pass->report);

  self->running = TRUE;
  task = g_task_new (self, NULL, pass_done_cb, NULL);
  g_task_set_source_tag (task, start_pass);
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);
  g_task_run_in_thread (task, pass_thread);
}

static gboolean
quiet_cb (gpointer user_data)
{
  LimberSyncWatch *self = user_data;

  self->quiet_id = 0;
  start_pass (self);
  return G_SOURCE_REMOVE;
}

/* A pass once the folder or the journal has been quiet for a moment. */
static void
schedule_pass (LimberSyncWatch *self)
{
  gint64 now_us = g_get_monotonic_time ();

  if (self->quiet_id != 0)
    {
      if (now_us - self->quiet_since_us >= QUIET_MAX_S * G_USEC_PER_SEC)
        return;
      g_source_remove (self->quiet_id);
    }
  else
    self->quiet_since_us = now_us;

  self->quiet_id = g_timeout_add (QUIET_MS, quiet_cb, self);
  g_source_set_name_by_id (self->quiet_id, "[limber] sync quiet spell");
}

/* --- Monitors --- */

static GFileMonitor *
monitor_folder (const char *path,
                GCallback   callback,
                gpointer    user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_message ("Sync cannot watch the folder %s: %s", path, error->message);
      return NULL;
    }
  g_signal_connect_object (monitor, "changed", callback, user_data, 0);
  return monitor;
}

static void
cancel_monitor (gpointer monitor)
{
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

static void
stop_folder_monitors (LimberSyncWatch *self)
{
  g_clear_pointer (&self->folder_monitor, cancel_monitor);
  g_clear_pointer (&self->limber_monitor, cancel_monitor);
  g_hash_table_remove_all (self->device_monitors);
}

static gboolean
is_folder (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* The names that an event is about: the file, and where a file was
 * renamed to. */
static gboolean
event_names_match (GFile      *file,
                   GFile      *other_file,
                   gboolean  (*match) (const char *name, gpointer data),
                   gpointer    data)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other = other_file != NULL ? g_file_get_basename (other_file) : NULL;

  return match (name, data) || (other != NULL && match (other, data));
}

static gboolean
is_change_file (const char *name,
                gpointer    data)
{
  LimberSyncName kind = limber_sync_file_classify (name, NULL);

  return kind == LIMBER_SYNC_NAME_CHANGES || kind == LIMBER_SYNC_NAME_CONFLICT;
}

/* A file came: made, moved in, or renamed to its name. */
static gboolean
is_arrival (GFileMonitorEvent event)
{
  return event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
         event == G_FILE_MONITOR_EVENT_RENAMED;
}

/* A folder watched is gone, moved or unmounted: its monitor is dropped
 * (GLib would look for it again every few seconds) and the pass says
 * what became of the folder. */
static gboolean
is_about_itself (GFileMonitor      *monitor,
                 GFile             *file,
                 GFileMonitorEvent  event)
{
  GFile *watched = g_object_get_data (G_OBJECT (monitor), "limber-folder");

  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return FALSE;
  return watched != NULL && g_file_equal (watched, file);
}

/* A change file of another computer arrived or grew. device.json does
 * not count: two computers that answered each other's device.json would
 * wake each other for ever. */
static void
device_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  LimberSyncWatch *self = user_data;

  if (is_about_itself (monitor, file, event))
    {
      update_monitors (self);
      schedule_pass (self);
      return;
    }

  if ((event == G_FILE_MONITOR_EVENT_CHANGED || is_arrival (event)) &&
      event_names_match (file, other_file, is_change_file, NULL))
    schedule_pass (self);
}

static gboolean
is_other_device (const char *name,
                 gpointer    data)
{
  LimberSyncWatch *self = data;

  return name[0] != '.' && g_strcmp0 (name, self->device) != 0;
}

/* A device's folder came or went in FOLDER/limber; this computer's own
 * does not count. */
static void
limber_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  LimberSyncWatch *self = user_data;

  if (is_about_itself (monitor, file, event))
    {
      update_monitors (self);
      schedule_pass (self);
      return;
    }

  if ((is_arrival (event) || event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT) &&
      event_names_match (file, other_file, is_other_device, self))
    {
      update_monitors (self);
      schedule_pass (self);
    }
}

static gboolean
is_limber_name (const char *name,
                gpointer    data)
{
  return g_str_equal (name, "limber");
}

/* The sync folder, or its limber folder, went (removed, moved away,
 * unmounted) or came: what else happens in the sync folder, which may
 * hold much more than Limber's files, does not count. */
static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  LimberSyncWatch *self = user_data;

  if (is_about_itself (monitor, file, event) || event_names_match (file, other_file, is_limber_name, NULL) ||
      !is_folder (self->folder))
    {
      update_monitors (self);
      schedule_pass (self);
    }
}

/* Watches FOLDER, FOLDER/limber and each other device's folder in it,
 * and drops the monitors of folders that are gone. A device's folder
 * newly watched gets a pass: files may have come before its monitor. */
static void
update_monitors (LimberSyncWatch *self)
{
  g_autofree char *limber_dir = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autoptr (GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer name;
  gboolean added = FALSE;
  const char *entry;
  guint count = 0;

  if (self->folder[0] == '\0' || self->device == NULL)
    return;

  limber_dir = g_build_filename (self->folder, "limber", NULL);
  if (!is_folder (limber_dir))
    {
      stop_folder_monitors (self);
      return;
    }

  if (self->folder_monitor == NULL)
    {
      self->folder_monitor = monitor_folder (self->folder, G_CALLBACK (folder_changed_cb), self);
      if (self->folder_monitor != NULL)
        g_object_set_data_full (G_OBJECT (self->folder_monitor), "limber-folder",
                                g_file_new_for_path (self->folder), g_object_unref);
    }
  if (self->limber_monitor == NULL)
    {
      self->limber_monitor = monitor_folder (limber_dir, G_CALLBACK (limber_changed_cb), self);
      if (self->limber_monitor != NULL)
        g_object_set_data_full (G_OBJECT (self->limber_monitor), "limber-folder",
                                g_file_new_for_path (limber_dir), g_object_unref);
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  listing = g_dir_open (limber_dir, 0, NULL);
  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL && count < LIMBER_SYNC_MAX_DEVICES)
    {
      g_autofree char *path = NULL;
      GFileMonitor *monitor;

      if (!is_other_device (entry, self))
        continue;
      path = g_build_filename (limber_dir, entry, NULL);
      if (!is_folder (path))
        continue;
      count++;
      g_hash_table_add (seen, g_strdup (entry));
      if (g_hash_table_contains (self->device_monitors, entry))
        continue;

      monitor = monitor_folder (path, G_CALLBACK (device_changed_cb), self);
      if (monitor == NULL)
        continue;
      g_object_set_data_full (G_OBJECT (monitor), "limber-folder", g_file_new_for_path (path), g_object_unref);
      g_hash_table_insert (self->device_monitors, g_strdup (entry), monitor);
      added = TRUE;
    }

  g_hash_table_iter_init (&iter, self->device_monitors);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (seen, name))
      g_hash_table_iter_remove (&iter);

  if (added)
    schedule_pass (self);
}

/* The journal file, or its write-ahead log, was written: by the daemon,
 * the window or the command line. A pass writes the new changes out; one
 * that found nothing writes nothing, so passes settle. The lock file, the
 * shared memory index, and the log coming and going as connections open
 * and close do not count. */
static void
journal_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  LimberSyncWatch *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_RENAMED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;

  name = g_file_get_basename (event == G_FILE_MONITOR_EVENT_RENAMED ? other_file : file);
  if (g_str_equal (name, self->journal_name) || g_str_equal (name, self->wal_name))
    schedule_pass (self);
}

/* The deepest folder that exists on the way to FOLDER/limber. */
static char *
nearest_existing (const char *folder)
{
  char *path = g_build_filename (folder, "limber", NULL);

  while (!is_folder (path))
    {
      char *parent = g_path_get_dirname (path);

      if (g_str_equal (parent, path))
        {
          g_free (parent);
          break;
        }
      g_free (path);
      path = parent;
    }

  return path;
}

static void
return_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   gpointer           user_data)
{
  LimberSyncWatch *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  watch_for_return (self);
}

/* While paused, watches the nearest folder there is on the way to the
 * sync folder's limber folder, and moves along as folders come and go.
 * Once the limber folder is back, or the sync folder comes back without
 * it, a pass says whether sync resumes. */
static void
watch_for_return (LimberSyncWatch *self)
{
  g_autofree char *path = NULL;
  gboolean moved = FALSE;

  if (!self->paused || self->folder[0] == '\0')
    return;

  stop_folder_monitors (self);
  for (;;)
    {
      g_free (path);
      path = nearest_existing (self->folder);
      if (is_folder (self->folder) && !g_str_equal (path, self->folder))
        {
          g_clear_pointer (&self->return_monitor, cancel_monitor);
          g_clear_pointer (&self->return_path, g_free);
          schedule_pass (self);
          return;
        }
      if (self->return_path != NULL && g_str_equal (path, self->return_path))
        break;

      /* Something may come back between the look and the monitor: look
       * again once it is in place. */
      moved |= self->return_path != NULL;
      g_clear_pointer (&self->return_monitor, cancel_monitor);
      g_free (self->return_path);
      self->return_path = g_strdup (path);
      self->return_monitor = monitor_folder (path, G_CALLBACK (return_changed_cb), self);
      if (self->return_monitor == NULL)
        break;
      g_object_set_data_full (G_OBJECT (self->return_monitor), "limber-folder",
                              g_file_new_for_path (path), g_object_unref);
    }

  /* The sync folder came back, but not its limber folder: a pass says
   * whether that is still a pause. */
  if (moved && g_str_equal (path, self->folder))
    schedule_pass (self);
}

/* --- The setting --- */

static void
follow_folder (LimberSyncWatch *self,
               const char      *folder)
{
  if (g_strcmp0 (folder, self->folder) == 0)
    return;

  g_free (self->folder);
  self->folder = g_strdup (folder);
  g_clear_pointer (&self->device, g_free);
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  stop_folder_monitors (self);
  g_clear_pointer (&self->return_monitor, cancel_monitor);
  g_clear_pointer (&self->return_path, g_free);
  g_hash_table_remove_all (self->told_problems);
  self->paused = FALSE;

  if (self->folder[0] == '\0')
    {
      g_clear_pointer (&self->journal_monitor, cancel_monitor);
      g_debug ("Sync is off");
      return;
    }

  if (self->journal_monitor == NULL)
    {
      g_autofree char *journal_dir = g_path_get_dirname (self->journal_path);

      /* The journal makes its folder at its first start; a monitor on a
       * folder that is not there yet would look for it every few
       * seconds. */
      g_mkdir_with_parents (journal_dir, 0700);
      self->journal_monitor = monitor_folder (journal_dir, G_CALLBACK (journal_changed_cb), self);
    }
  g_debug ("Sync through %s", self->folder);
  start_pass (self);
}

static void
folder_setting_changed_cb (LimberSyncWatch *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "sync-folder");

  if (folder[0] != '\0' && !g_path_is_absolute (folder))
    {
      g_message ("Sync is off: the sync folder “%s” is not an absolute path", folder);
      g_clear_pointer (&folder, g_free);
      folder = g_strdup ("");
    }
  follow_folder (self, folder);
}

static void
limber_sync_watch_dispose (GObject *object)
{
  LimberSyncWatch *self = LIMBER_SYNC_WATCH (object);

  /* A pass still under way only finishes. */
  g_free (self->folder);
  self->folder = g_strdup ("");
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->journal_monitor, cancel_monitor);
  g_clear_pointer (&self->folder_monitor, cancel_monitor);
  g_clear_pointer (&self->limber_monitor, cancel_monitor);
  g_clear_pointer (&self->return_monitor, cancel_monitor);
  g_clear_pointer (&self->device_monitors, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (limber_sync_watch_parent_class)->dispose (object);
}

static void
limber_sync_watch_finalize (GObject *object)
{
  LimberSyncWatch *self = LIMBER_SYNC_WATCH (object);

  g_free (self->journal_path);
  g_free (self->journal_name);
  g_free (self->wal_name);
  g_free (self->folder);
  g_free (self->device);
  g_free (self->return_path);
  g_hash_table_unref (self->told_problems);

  G_OBJECT_CLASS (limber_sync_watch_parent_class)->finalize (object);
}

static void
limber_sync_watch_class_init (LimberSyncWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_sync_watch_dispose;
  object_class->finalize = limber_sync_watch_finalize;
}

static void
limber_sync_watch_init (LimberSyncWatch *self)
{
  self->folder = g_strdup ("");
  self->device_monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cancel_monitor);
  self->told_problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

LimberSyncWatch *
limber_sync_watch_new (GSettings  *settings,
                       const char *journal_path)
{
  LimberSyncWatch *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_SYNC_WATCH, NULL);
  self->journal_path = g_strdup (journal_path);
  self->journal_name = g_path_get_basename (journal_path);
  self->wal_name = g_strconcat (self->journal_name, "-wal", NULL);
  if (settings == NULL)
    return self;

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::sync-folder",
                           G_CALLBACK (folder_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folder_setting_changed_cb (self);
  return self;
}
