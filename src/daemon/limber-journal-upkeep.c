/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal-keeper.h"
#include "limber-journal-upkeep.h"

struct _LimberJournalUpkeep
{
  GObject              parent_instance;

  LimberJournalWriter *writer;
  LimberBreakDriver   *driver;
  /* The day whose upkeep is done, and whether one is under way. */
  char                *done_day;
  gboolean             running;
  /* Waiting writes were told about; told again only after all were
   * stored. */
  gboolean             told_waiting;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (LimberJournalUpkeep, limber_journal_upkeep, G_TYPE_OBJECT)

enum {
  TOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char      *today;
  GDateTime *now;
} UpkeepData;

static void
upkeep_data_free (UpkeepData *data)
{
  g_free (data->today);
  g_date_time_unref (data->now);
  g_free (data);
}

/* On the writer's thread: the check, a repair when it fails, the backup.
 * Gives a repair's report, or NULL. */
static gpointer
upkeep_job (LimberJournal  *journal,
            gpointer        user_data,
            GError        **error)
{
  UpkeepData *data = user_data;
  g_autoptr (GError) check_error = NULL;
  g_autoptr (LimberRepairReport) report = NULL;

  if (!limber_journal_keeper_check (journal, &check_error))
    {
      if (!g_error_matches (check_error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&check_error));
          return NULL;
        }

      g_message ("%s", check_error->message);
      report = limber_journal_keeper_repair (limber_journal_get_path (journal), data->now, error);
      if (report == NULL)
        return NULL;
      /* The journal opens the repaired file before its next use. */
    }

  if (!limber_journal_keeper_backup_if_due (journal, data->today, data->now, error))
    {
      /* The repair happened all the same; say so. */
      if (report != NULL)
        {
          g_message ("No backup after the repair: %s", (*error)->message);
          g_clear_error (error);
        }
      else
        return NULL;
    }

  return g_steal_pointer (&report);
}

static void
upkeep_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (LimberJournalUpkeep) self = user_data;
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Tried again at the next chance. A message, not a warning: what
       * stops the upkeep is the disk (read-only, full, locked by another
       * program), never a mistake of the program's own. */
      g_message ("Journal upkeep: %s", error->message);
      g_clear_pointer (&self->done_day, g_free);
      return;
    }

  if (report != NULL && report->damaged_path != NULL)
    {
      g_autofree char *text = limber_repair_report_describe (report);

      g_signal_emit (self, signals[TOLD], 0, _("The journal was repaired"), text);
    }
}

void
limber_journal_upkeep_run (LimberJournalUpkeep *self)
{
  LimberClock *clock;
  UpkeepData *data;

  g_return_if_fail (LIMBER_IS_JOURNAL_UPKEEP (self));

  if (self->running)
    return;

  clock = limber_break_driver_get_clock (self->driver);
  data = g_new0 (UpkeepData, 1);
  data->today = g_strdup (limber_clock_get_today (clock));
  data->now = limber_clock_now (clock);

  g_free (self->done_day);
  self->done_day = g_strdup (data->today);
  self->running = TRUE;

  limber_journal_writer_retry (self->writer);
  limber_journal_writer_run_async (self->writer, upkeep_job, data,
                                   (GDestroyNotify) upkeep_data_free,
                                   (GDestroyNotify) limber_repair_report_free,
                                   self->cancellable, upkeep_done_cb, g_object_ref (self));
}

/* A day without upkeep starts: at the rollover itself, or at the first
 * moment the person is away after it. */
static void
maybe_run (LimberJournalUpkeep *self)
{
  LimberClock *clock = limber_break_driver_get_clock (self->driver);
  LimberBreakScheduler *scheduler = limber_break_driver_get_scheduler (self->driver);

  if (g_strcmp0 (self->done_day, limber_clock_get_today (clock)) == 0)
    return;
  if (limber_break_scheduler_get_state (scheduler) == LIMBER_BREAK_STATE_AWAY)
    limber_journal_upkeep_run (self);
}

static void
day_changed_cb (LimberJournalUpkeep *self)
{
  /* The rollover hour is chosen for when nobody works. */
  limber_journal_upkeep_run (self);
}

static void
pending_cb (LimberJournalUpkeep *self)
{
  guint pending = limber_journal_writer_get_pending (self->writer);

  if (pending == 0)
    {
      /* What was said no longer holds. */
      if (self->told_waiting)
        g_signal_emit (self, signals[TOLD], 0, NULL, NULL);
      self->told_waiting = FALSE;
      return;
    }
  if (self->told_waiting)
    return;

  self->told_waiting = TRUE;
  {
    /* Translators: %s says why, such as “The disk is full.” */
    g_autofree char *body = g_strdup_printf (_("%s Limber keeps what you logged and saves it as soon as it can."),
                                             limber_journal_writer_get_problem (self->writer));

    g_signal_emit (self, signals[TOLD], 0, _("The journal cannot be saved right now"), body);
  }
}

static void
repaired_cb (LimberJournalUpkeep *self,
             const char          *description)
{
  g_signal_emit (self, signals[TOLD], 0, _("The journal was repaired"), description);
}

LimberJournalUpkeep *
limber_journal_upkeep_new (LimberJournalWriter *writer,
                           LimberBreakDriver   *driver)
{
  LimberJournalUpkeep *self;

  g_return_val_if_fail (LIMBER_IS_JOURNAL_WRITER (writer), NULL);
  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (driver), NULL);

  self = g_object_new (LIMBER_TYPE_JOURNAL_UPKEEP, NULL);
  self->writer = g_object_ref (writer);
  self->driver = g_object_ref (driver);

  g_signal_connect_object (limber_break_driver_get_clock (driver), "day-changed",
                           G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (driver, "changed", G_CALLBACK (maybe_run), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (writer, "notify::pending", G_CALLBACK (pending_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (writer, "repaired", G_CALLBACK (repaired_cb), self, G_CONNECT_SWAPPED);

  return self;
}

static void
limber_journal_upkeep_dispose (GObject *object)
{
  LimberJournalUpkeep *self = LIMBER_JOURNAL_UPKEEP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->writer);
  g_clear_object (&self->driver);

  G_OBJECT_CLASS (limber_journal_upkeep_parent_class)->dispose (object);
}

static void
limber_journal_upkeep_finalize (GObject *object)
{
  LimberJournalUpkeep *self = LIMBER_JOURNAL_UPKEEP (object);

  g_clear_object (&self->cancellable);
  g_free (self->done_day);

  G_OBJECT_CLASS (limber_journal_upkeep_parent_class)->finalize (object);
}

static void
limber_journal_upkeep_class_init (LimberJournalUpkeepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_journal_upkeep_dispose;
  object_class->finalize = limber_journal_upkeep_finalize;

  /**
   * LimberJournalUpkeep::told:
   * @title: (nullable): a heading, or %NULL when what was told before no
   *   longer holds (the writes that waited are saved)
   * @body: (nullable): one or two sentences for the person
   */
  signals[TOLD] = g_signal_new ("told", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
limber_journal_upkeep_init (LimberJournalUpkeep *self)
{
  self->cancellable = g_cancellable_new ();
}
