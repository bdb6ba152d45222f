/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include "limber-context-private.h"
#include "limber-journal-keeper.h"
#include "limber-daemon-client.h"
#include "limber-ui-enums.h"

/* What the windows share: the settings, the clock, the journal and the
 * way to the daemon. The application owns one and hands it to each window
 * as a construct property. */
struct _LimberContext
{
  GObject            parent_instance;

  GSettings         *settings;
  /* Where the windows were left, apart from the settings. */
  GSettings         *state;
  LimberClock       *clock;
  GDBusConnection   *bus;
  LimberBreaks      *breaks;
  LimberJournal     *journal;
  char              *journal_path;
  /* What a repair at open did, for the person; NULL when none was. */
  char              *journal_notice;
  LimberJournalWriter *writer;
  char              *journal_error;
  LimberJournalState journal_state;
  /* The journal's open under way, or NULL. */
  GCancellable      *journal_cancellable;
  LimberCatalogue   *catalogue;
  GCancellable      *cancellable;
  char              *daemon_error;
  LimberDaemonState  daemon_state;
  guint              daemon_watch_id;
};

G_DEFINE_FINAL_TYPE (LimberContext, limber_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BREAKS,
  PROP_DAEMON_STATE,
  PROP_DAEMON_ERROR,
  PROP_JOURNAL,
  PROP_JOURNAL_STATE,
  PROP_JOURNAL_ERROR,
  PROP_JOURNAL_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_daemon (LimberContext     *self,
            LimberDaemonState  state,
            LimberBreaks      *breaks,
            const char        *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->breaks, breaks))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKS]);

  if (g_strcmp0 (self->daemon_error, error_message) != 0)
    {
      g_free (self->daemon_error);
      self->daemon_error = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAEMON_ERROR]);
    }

  if (self->daemon_state != state)
    {
      self->daemon_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAEMON_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LimberContext) self = user_data;
  g_autoptr (LimberBreaks) breaks = NULL;
  g_autoptr (GError) error = NULL;

  breaks = limber_daemon_connect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (breaks != NULL)
    set_daemon (self, LIMBER_DAEMON_STATE_RUNNING, breaks, NULL);
  else if (g_error_matches (error, LIMBER_DAEMON_CLIENT_ERROR, LIMBER_DAEMON_CLIENT_ERROR_NOT_RUNNING))
    set_daemon (self, LIMBER_DAEMON_STATE_STOPPED, NULL, NULL);
  else
    {
      g_warning ("Cannot reach the break timer: %s", error->message);
      set_daemon (self, LIMBER_DAEMON_STATE_FAILED, NULL, error->message);
    }
}

static void
connect_daemon (LimberContext            *self,
                LimberDaemonConnectFlags  flags)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_daemon (self, LIMBER_DAEMON_STATE_CONNECTING, NULL, NULL);
  limber_daemon_connect (self->bus, flags, self->cancellable,
                         connect_cb, g_object_ref (self));
}

static void
daemon_appeared_cb (GDBusConnection *bus,
                    const char      *name,
                    const char      *name_owner,
                    gpointer         user_data)
{
  LimberContext *self = user_data;

  /* Started by someone else (the tray, the command line, login). */
  if (self->daemon_state == LIMBER_DAEMON_STATE_STOPPED ||
      self->daemon_state == LIMBER_DAEMON_STATE_FAILED)
    connect_daemon (self, LIMBER_DAEMON_CONNECT_NONE);
}

static void
daemon_vanished_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  LimberContext *self = user_data;

  /* Quit from the tray, or it crashed. */
  if (self->daemon_state == LIMBER_DAEMON_STATE_RUNNING)
    set_daemon (self, LIMBER_DAEMON_STATE_STOPPED, NULL, NULL);
}

void
limber_context_start_daemon (LimberContext *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (LIMBER_IS_CONTEXT (self));

  if (self->bus == NULL)
    {
      self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      if (self->bus == NULL)
        {
          g_warning ("No session bus: %s", error->message);
          set_daemon (self, LIMBER_DAEMON_STATE_FAILED, NULL, error->message);
          return;
        }

      self->daemon_watch_id =
        g_bus_watch_name_on_connection (self->bus,
                                        LIMBER_DAEMON_BUS_NAME,
                                        G_BUS_NAME_WATCHER_FLAGS_NONE,
                                        daemon_appeared_cb,
                                        daemon_vanished_cb,
                                        self, NULL);
    }

  connect_daemon (self, LIMBER_DAEMON_CONNECT_START);
}

/* NULL: the keeper's open, which repairs a damaged journal. */
static LimberJournalOpenFunc journal_open_func = NULL;

void
limber_context_set_journal_open_func (LimberJournalOpenFunc func)
{
  g_atomic_pointer_set (&journal_open_func, func);
}

typedef struct
{
  char *path;
  /* Set by the thread: what a repair did. */
  char *notice;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_free (request->path);
  g_free (request->notice);
  g_free (request);
}

static void
set_journal (LimberContext      *self,
             LimberJournalState  state,
             LimberJournal      *journal,
             const char         *error_message)
{
  /* Nothing is notified before all of it holds. */
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->journal, journal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL]);

  if (g_strcmp0 (self->journal_error, error_message) != 0)
    {
      g_free (self->journal_error);
      self->journal_error = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL_ERROR]);
    }

  if (self->journal_state != state)
    {
      self->journal_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_notice (LimberContext *self,
            const char    *notice)
{
  if (g_strcmp0 (self->journal_notice, notice) == 0)
    return;
  g_free (self->journal_notice);
  self->journal_notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOURNAL_NOTICE]);
}

/* A repair made when a write found the journal damaged. */
static void
writer_repaired_cb (LimberContext *self,
                    const char    *description)
{
  set_notice (self, description);
}

/* In a worker thread: touches nothing but the task and its own path. */
static void
open_journal_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LimberJournalOpenFunc open_func = g_atomic_pointer_get (&journal_open_func);
  OpenRequest *request = task_data;
  LimberJournal *journal;
  GError *error = NULL;

  /* Superseded before a thread was free for it. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (open_func != NULL)
    journal = open_func (request->path, &error);
  else
    {
      g_autoptr (LimberRepairReport) report = NULL;

      journal = limber_journal_keeper_open (request->path, &report, &error);
      if (report != NULL)
        request->notice = limber_repair_report_describe (report);

      /* A journal that cannot be written (a read-only folder, a full
       * disk) can still be shown: the window only reads through this
       * connection, and the writer keeps what is saved meanwhile. */
      if (journal == NULL &&
          (g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_READ_ONLY) ||
           g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FULL)))
        {
          g_autoptr (GError) read_error = NULL;

          journal = limber_journal_open_read_only (request->path, &read_error);
          if (journal != NULL)
            g_clear_error (&error);
          else
            g_debug ("Not even for reading: %s", read_error->message);
        }
    }

  /* The window only reads, and never waits for another process's lock:
   * its writes go through the writer, on a thread of its own. */
  if (journal != NULL)
    limber_journal_set_busy_timeout (journal, 0);

  if (journal == NULL)
    g_task_return_error (task, error);
  else
    /* Closed with the task if nobody takes it. */
    g_task_return_pointer (task, journal, g_object_unref);
}

static void
open_journal_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = G_TASK (result);
  LimberContext *self;
  g_autoptr (LimberJournal) journal = NULL;
  g_autoptr (GError) error = NULL;

  /* The task holds no reference to the context, so that a context let go
   * of is disposed at once instead of when the disk is done. Disposing
   * it cancels the request, and so does a later request: a request that
   * is not cancelled is the context's current one, and the context is
   * alive. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = LIMBER_CONTEXT (user_data);
  g_assert (g_task_get_cancellable (task) == self->journal_cancellable);
  g_clear_object (&self->journal_cancellable);

  journal = g_task_propagate_pointer (task, &error);
  /* The writer, opening at the same time, may have been the one to
   * repair, and said so already. */
  if (((OpenRequest *) g_task_get_task_data (task))->notice != NULL)
    set_notice (self, ((OpenRequest *) g_task_get_task_data (task))->notice);
  if (journal == NULL)
    {
      g_message ("Cannot open the journal: %s", error->message);
      set_journal (self, LIMBER_JOURNAL_STATE_FAILED, NULL, error->message);
    }
  else
    set_journal (self, LIMBER_JOURNAL_STATE_READY, journal, NULL);
}

void
limber_context_open_journal (LimberContext *self,
                             const char    *path)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *new_path = NULL;

  g_return_if_fail (LIMBER_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  /* @path may be the one held now. */
  new_path = g_strdup (path);
  g_free (self->journal_path);
  self->journal_path = g_steal_pointer (&new_path);

  g_cancellable_cancel (self->journal_cancellable);
  g_clear_object (&self->journal_cancellable);
  self->journal_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->journal_cancellable, open_journal_cb, self);
  g_task_set_source_tag (task, limber_context_open_journal);
  g_task_set_name (task, "[limber] open journal");
  {
    OpenRequest *request = g_new0 (OpenRequest, 1);

    request->path = g_strdup (self->journal_path);
    g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  }

  /* Writes go through one writer for the journal at this path. */
  if (self->writer == NULL ||
      g_strcmp0 (limber_journal_writer_get_path (self->writer), self->journal_path) != 0)
    {
      if (self->writer != NULL)
        limber_journal_writer_close (self->writer);
      g_clear_object (&self->writer);
      self->writer = limber_journal_writer_new (self->journal_path, NULL);
      g_signal_connect_object (self->writer, "repaired",
                               G_CALLBACK (writer_repaired_cb), self, G_CONNECT_SWAPPED);
    }
  g_task_run_in_thread (task, open_journal_thread);

  /* Last: a handler may ask for another journal, superseding this one.
   * The result comes from the main context, never before this returns. */
  set_journal (self, LIMBER_JOURNAL_STATE_OPENING, NULL, NULL);
}

LimberJournalState
limber_context_get_journal_state (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), LIMBER_JOURNAL_STATE_NONE);

  return self->journal_state;
}

const char *
limber_context_get_journal_path (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->journal_path;
}

LimberJournalWriter *
limber_context_get_writer (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->writer;
}

const char *
limber_context_get_journal_notice (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->journal_notice;
}

void
limber_context_close_journal_writer (LimberContext *self)
{
  g_return_if_fail (LIMBER_IS_CONTEXT (self));

  if (self->writer != NULL)
    limber_journal_writer_close (self->writer);
}

LimberJournal *
limber_context_get_journal (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->journal;
}

LimberCatalogue *
limber_context_get_catalogue (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  if (self->catalogue == NULL)
    {
      g_autofree char *user_dir = limber_catalogue_user_dir ();

      self->catalogue = limber_catalogue_new ();
      limber_catalogue_load_defaults (self->catalogue, user_dir);
    }
  return self->catalogue;
}

const char *
limber_context_get_journal_error (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->journal_error;
}

static void
limber_context_dispose (GObject *object)
{
  LimberContext *self = LIMBER_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A journal still being opened is closed unseen when it is. */
  g_cancellable_cancel (self->journal_cancellable);
  g_clear_object (&self->journal_cancellable);
  g_clear_handle_id (&self->daemon_watch_id, g_bus_unwatch_name);
  g_clear_object (&self->breaks);
  g_clear_object (&self->journal);
  /* Writes under way finish; the rest wait in the spool. */
  if (self->writer != NULL)
    limber_journal_writer_close (self->writer);
  g_clear_object (&self->writer);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->bus);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (limber_context_parent_class)->dispose (object);
}

static void
limber_context_finalize (GObject *object)
{
  LimberContext *self = LIMBER_CONTEXT (object);

  g_free (self->daemon_error);
  g_free (self->journal_error);
  g_free (self->journal_path);
  g_free (self->journal_notice);

  G_OBJECT_CLASS (limber_context_parent_class)->finalize (object);
}

static void
limber_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LimberContext *self = LIMBER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_BREAKS:
      g_value_set_object (value, self->breaks);
      break;

    case PROP_DAEMON_STATE:
      g_value_set_enum (value, self->daemon_state);
      break;

    case PROP_DAEMON_ERROR:
      g_value_set_string (value, self->daemon_error);
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    case PROP_JOURNAL_STATE:
      g_value_set_enum (value, self->journal_state);
      break;

    case PROP_JOURNAL_ERROR:
      g_value_set_string (value, self->journal_error);
      break;

    case PROP_JOURNAL_NOTICE:
      g_value_set_string (value, self->journal_notice);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LimberContext *self = LIMBER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_context_constructed (GObject *object)
{
  LimberContext *self = LIMBER_CONTEXT (object);

  G_OBJECT_CLASS (limber_context_parent_class)->constructed (object);

  self->state = g_settings_new (APP_ID ".State");

  /* One clock says what day it is for every page, so that all of them
   * move on together. */
  self->clock = limber_clock_new ();
  g_settings_bind (self->settings, "day-rollover-hour",
                   self->clock, "rollover-hour", G_SETTINGS_BIND_GET);
}

static void
limber_context_class_init (LimberContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = limber_context_constructed;
  object_class->dispose = limber_context_dispose;
  object_class->finalize = limber_context_finalize;
  object_class->get_property = limber_context_get_property;
  object_class->set_property = limber_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BREAKS] =
    g_param_spec_object ("breaks", NULL, NULL,
                         LIMBER_TYPE_BREAKS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DAEMON_STATE] =
    g_param_spec_enum ("daemon-state", NULL, NULL,
                       LIMBER_TYPE_DAEMON_STATE,
                       LIMBER_DAEMON_STATE_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DAEMON_ERROR] =
    g_param_spec_string ("daemon-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         LIMBER_TYPE_JOURNAL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LimberContext:journal-state:
   *
   * Whether the journal is being opened, open, or could not be opened.
   */
  properties[PROP_JOURNAL_STATE] =
    g_param_spec_enum ("journal-state", NULL, NULL,
                       LIMBER_TYPE_JOURNAL_STATE,
                       LIMBER_JOURNAL_STATE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LimberContext:journal-error:
   *
   * Why the journal could not be opened, or %NULL.
   */
  properties[PROP_JOURNAL_ERROR] =
    g_param_spec_string ("journal-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LimberContext:journal-notice:
   *
   * What a repair of the damaged journal did, for the person, or %NULL.
   */
  properties[PROP_JOURNAL_NOTICE] =
    g_param_spec_string ("journal-notice", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
limber_context_init (LimberContext *self)
{
  self->daemon_state = LIMBER_DAEMON_STATE_CONNECTING;
  self->journal_state = LIMBER_JOURNAL_STATE_NONE;
}

LimberContext *
limber_context_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LIMBER_TYPE_CONTEXT,
                       "settings", settings,
                       NULL);
}

GSettings *
limber_context_get_settings (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->settings;
}

GSettings *
limber_context_get_state (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->state;
}

LimberClock *
limber_context_get_clock (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->clock;
}

LimberDaemonState
limber_context_get_daemon_state (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), LIMBER_DAEMON_STATE_FAILED);

  return self->daemon_state;
}

const char *
limber_context_get_daemon_error (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->daemon_error;
}

LimberBreaks *
limber_context_get_breaks (LimberContext *self)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (self), NULL);

  return self->breaks;
}
