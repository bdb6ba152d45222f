/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <glib-unix.h>

#include "limber-break-driver.h"
#include "limber-breaks-service.h"
#include "limber-daemon-application.h"
#include "limber-daemon-client.h"
#include "limber-desktop-clock.h"
#include "limber-journal-upkeep.h"
#include "limber-reminder.h"
#include "limber-sandbox.h"
#include "limber-status-notifier.h"
#include "limber-sync-watch.h"

/* limber-daemon: a GApplication service that owns the daemon's bus name
 * and stays up all day until a client asks it to quit. */
struct _LimberDaemonApplication
{
  GApplication         parent_instance;

  LimberBreakDriver   *driver;
  LimberBreaksService *service;
  LimberStatusNotifier *tray;
  LimberReminder      *reminder;
  LimberJournalWriter *writer;
  LimberJournalUpkeep *upkeep;
  /* Sync through a shared folder, when one is set. */
  LimberSyncWatch     *sync;
  /* Follows the desktop's 12- or 24-hour clock. */
  LimberDesktopClock  *desktop_clock;
  guint                sigterm_id;
  guint                sigint_id;
};

G_DEFINE_FINAL_TYPE (LimberDaemonApplication, limber_daemon_application, G_TYPE_APPLICATION)

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
quit_requested_cb (LimberDaemonApplication *self)
{
  g_application_quit (G_APPLICATION (self));
}

/* The settings when their schema is installed (or compiled in the build
 * tree); the defaults otherwise. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      g_message ("No settings schema %s: using the default break times", APP_ID);
      return NULL;
    }

  return g_settings_new (APP_ID);
}

/* Inside Flatpak logind and the screen saver are out of reach (Flathub
 * grants no system bus name): lock comes from the Inhibit portal, and
 * suspend from the clocks, which the break driver reads anyway. */
static LimberSessionSources
pick_session_sources (void)
{
  if (limber_sandbox_use_portals ())
    return LIMBER_SESSION_SOURCE_PORTAL;

  return LIMBER_SESSION_SOURCE_SCREENSAVER | LIMBER_SESSION_SOURCE_LOGIND;
}

/* On the writer's thread, after what it had to do first (a repair, a
 * migration): a connection of its own for the reminders. */
static gpointer
open_reader_job (LimberJournal  *journal,
                 gpointer        data,
                 GError        **error)
{
  return limber_journal_open (limber_journal_get_path (journal), error);
}

/* For the reminders' few reads on the main loop, which never wait for a
 * lock: WAL lets them read while another process writes. Writes, checks
 * and repairs are the writer's, on its own thread. */
static void
reader_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (LimberDaemonApplication) self = user_data;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;

  journal = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  if (journal == NULL)
    {
      g_message ("The reminders cannot read the journal: %s", error->message);
      return;
    }
  limber_journal_set_busy_timeout (journal, 0);
  if (self->reminder != NULL)
    limber_reminder_set_journal (self->reminder, journal);
}

static void
pending_writes_cb (LimberDaemonApplication *self)
{
  limber_breaks_service_set_pending_writes (self->service,
                                            limber_journal_writer_get_pending (self->writer),
                                            limber_journal_writer_get_problem (self->writer));
}

static void
journal_told_cb (LimberDaemonApplication *self,
                 const char              *title,
                 const char              *body)
{
  limber_reminder_tell (self->reminder, title, body);
}

/* Take a Break Now in the tray: the break has started; a stretch guides
 * it. */
static void
break_requested_cb (LimberDaemonApplication *self)
{
  gboolean any;
  LimberBreakKind kind = limber_break_scheduler_get_due_kind (limber_break_driver_get_scheduler (self->driver), &any);

  /* The break under way: a due rest break wins over the micro-break asked
   * for. */
  limber_reminder_guide_break (self->reminder, kind);
}

/* The times shown change with the desktop's clock setting, without a
 * timer: the setting says when. */
static void
clock_format_changed_cb (gpointer user_data)
{
  LimberDaemonApplication *self = user_data;

  if (self->tray != NULL)
    limber_status_notifier_refresh (self->tray);
}

static void
tray_shown_cb (LimberDaemonApplication *self)
{
  limber_breaks_service_set_tray_shown (self->service, limber_status_notifier_is_shown (self->tray));
}

static void
limber_daemon_application_startup (GApplication *application)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (application);

  G_APPLICATION_CLASS (limber_daemon_application_parent_class)->startup (application);

  /* A service exits when idle; the break timer must not. */
  g_application_hold (application);

  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
}

static void
limber_daemon_application_shutdown (GApplication *application)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);

  /* Writes under way finish, and what cannot be stored is spooled for
   * the next start. */
  limber_journal_writer_close (self->writer);

  G_APPLICATION_CLASS (limber_daemon_application_parent_class)->shutdown (application);
}

static gboolean
limber_daemon_application_dbus_register (GApplication     *application,
                                         GDBusConnection  *bus,
                                         const char       *object_path,
                                         GError          **error)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (application);

  if (!G_APPLICATION_CLASS (limber_daemon_application_parent_class)->dbus_register (application, bus, object_path, error))
    return FALSE;

  if (!limber_breaks_service_export (self->service, bus, LIMBER_DAEMON_OBJECT_PATH, error))
    return FALSE;

  /* Without a tray the daemon still runs; it just says so. */
  if (!limber_status_notifier_start (self->tray, bus, error))
    return FALSE;

  return TRUE;
}

static void
limber_daemon_application_dbus_unregister (GApplication    *application,
                                           GDBusConnection *bus,
                                           const char      *object_path)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (application);

  limber_breaks_service_unexport (self->service);
  g_clear_object (&self->tray);

  G_APPLICATION_CLASS (limber_daemon_application_parent_class)->dbus_unregister (application, bus, object_path);
}

static void
limber_daemon_application_activate (GApplication *application)
{
  /* Nothing to show: the daemon has no window. Activation by D-Bus only
   * needs it running. */
}

static void
limber_daemon_application_dispose (GObject *object)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (object);

  g_clear_object (&self->desktop_clock);
  g_clear_object (&self->tray);
  g_clear_object (&self->sync);
  g_clear_object (&self->upkeep);
  g_clear_object (&self->reminder);
  g_clear_object (&self->service);
  g_clear_object (&self->driver);
  g_clear_object (&self->writer);

  G_OBJECT_CLASS (limber_daemon_application_parent_class)->dispose (object);
}

/* The service must exist before registration exports it; the timer and
 * the journal come with it. */
static void
limber_daemon_application_constructed (GObject *object)
{
  LimberDaemonApplication *self = LIMBER_DAEMON_APPLICATION (object);
  g_autoptr (GSettings) settings = load_settings ();
  g_autofree char *journal_path = limber_journal_default_path ();
  g_autoptr (LimberActivityMonitor) activity = NULL;
  g_autoptr (LimberSessionMonitor) session = NULL;
  g_autoptr (LimberCatalogue) catalogue = NULL;
  g_autoptr (LimberClock) clock = limber_clock_new ();
  g_autofree char *routines_dir = NULL;

  G_OBJECT_CLASS (limber_daemon_application_parent_class)->constructed (object);

  /* The desktop's clock format first, before anything shows a time; from
   * the settings portal it comes later, without holding up the start. */
  self->desktop_clock = limber_desktop_clock_follow (G_CALLBACK (clock_format_changed_cb), self);
  /* One clock says what day it is, for the timer and the reminders. */
  if (settings != NULL)
    g_settings_bind (settings, "day-rollover-hour", clock, "rollover-hour", G_SETTINGS_BIND_GET);
  self->writer = limber_journal_writer_new (journal_path, NULL);
  self->driver = limber_break_driver_new (settings, self->writer, clock);
  self->service = limber_breaks_service_new (self->driver);
  g_signal_connect_object (self->writer, "notify::pending",
                           G_CALLBACK (pending_writes_cb), self,
                           G_CONNECT_SWAPPED);

  activity = limber_activity_monitor_pick (settings ? g_settings_get_uint (settings, "idle-threshold") : 60);
  session = limber_session_monitor_new_for_sources (pick_session_sources ());
  limber_break_driver_watch (self->driver, activity, session);
  /* With no monitor Limber counts time only, and says so. */
  limber_breaks_service_set_monitor (self->service,
                                     activity ? limber_activity_monitor_get_name (activity) : "none");
  g_signal_connect_object (self->service, "quit-requested",
                           G_CALLBACK (quit_requested_cb), self,
                           G_CONNECT_SWAPPED);

  catalogue = limber_catalogue_new ();
  routines_dir = limber_catalogue_user_dir ();
  limber_catalogue_load_defaults (catalogue, routines_dir);
  self->reminder = limber_reminder_new (self->driver, settings, NULL, catalogue);
  self->upkeep = limber_journal_upkeep_new (self->writer, self->driver);
  g_signal_connect_object (self->upkeep, "told",
                           G_CALLBACK (journal_told_cb), self,
                           G_CONNECT_SWAPPED);
  self->sync = limber_sync_watch_new (settings, journal_path);
  /* Opening the journal costs the tray icon nothing. */
  limber_journal_writer_run_async (self->writer, open_reader_job, NULL, NULL, g_object_unref,
                                   NULL, reader_opened_cb, g_object_ref (self));
  self->tray = limber_status_notifier_new (self->driver);
  g_signal_connect_object (self->tray, "quit-requested",
                           G_CALLBACK (quit_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "break-requested",
                           G_CALLBACK (break_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "notify::shown",
                           G_CALLBACK (tray_shown_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
limber_daemon_application_class_init (LimberDaemonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = limber_daemon_application_constructed;
  object_class->dispose = limber_daemon_application_dispose;

  app_class->startup = limber_daemon_application_startup;
  app_class->shutdown = limber_daemon_application_shutdown;
  app_class->activate = limber_daemon_application_activate;
  app_class->dbus_register = limber_daemon_application_dbus_register;
  app_class->dbus_unregister = limber_daemon_application_dbus_unregister;
}

static void
limber_daemon_application_init (LimberDaemonApplication *self)
{
}

LimberDaemonApplication *
limber_daemon_application_new (void)
{
  return g_object_new (LIMBER_TYPE_DAEMON_APPLICATION,
                       "application-id", LIMBER_DAEMON_BUS_NAME,
                       "flags", G_APPLICATION_IS_SERVICE,
                       NULL);
}
