/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-break-driver.h"
#include "limber-deadline-source.h"
#include "limber-suspend-gap.h"

struct _LimberBreakDriver
{
  GObject               parent_instance;

  LimberBreakScheduler *scheduler;
  LimberClock          *clock;
  GSettings            *settings;
  LimberJournalWriter  *writer;
  LimberActivityMonitor *activity;
  LimberSessionMonitor *session;
  GSource              *deadline_source;
  guint                 wakeups;
  /* The notification of each kind's pending break, until it settles. */
  LimberReminderOutcome reminders[2];

  /* Time asleep, seen at every input whether or not logind said so. */
  LimberSuspendGap      suspend_gap;
};

G_DEFINE_FINAL_TYPE (LimberBreakDriver, limber_break_driver, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gint64
limber_break_driver_now (LimberBreakDriver *self)
{
  gint64 monotonic;
  gint64 boottime;
  gint64 slept;

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), g_get_monotonic_time ());

  limber_suspend_gap_read_clocks (&boottime, &monotonic);
  slept = limber_suspend_gap_update (&self->suspend_gap, boottime, monotonic);

  /* Asleep since we last looked; logind may or may not have said so
   * (inside Flatpak nothing does). Each sleep is counted once. */
  if (slept > 0)
    {
      g_debug ("Slept %" G_GINT64_FORMAT " s", slept / G_USEC_PER_SEC);
      limber_break_scheduler_resume_from_suspend (self->scheduler, monotonic, slept);
      /* Without a monitor nothing would ever say the user is back. */
      if (self->activity == NULL)
        limber_break_scheduler_user_active (self->scheduler, monotonic);
    }

  /* Whatever moved the wall clock or the zone unseen, the day is right
   * before the scheduler takes the input; day_changed_cb passes it on. */
  limber_clock_check (self->clock);

  return monotonic;
}

static gboolean
deadline_reached_cb (gpointer user_data)
{
  LimberBreakDriver *self = user_data;
  gint64 now_us = limber_break_driver_now (self);

  self->wakeups++;
  limber_break_scheduler_tick (self->scheduler, now_us);
  limber_break_driver_rearm (self);

  return G_SOURCE_CONTINUE;
}

void
limber_break_driver_rearm (LimberBreakDriver *self)
{
  gint64 deadline;

  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));

  /* The clock wakes for the next day by itself. */
  deadline = limber_break_scheduler_get_next_deadline (self->scheduler);
  g_source_set_ready_time (self->deadline_source,
                           deadline == LIMBER_BREAK_SCHEDULER_NO_DEADLINE ? -1 : deadline);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
limber_break_driver_start_break (LimberBreakDriver *self,
                                 LimberBreakKind    kind)
{
  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));

  limber_break_scheduler_start_break (self->scheduler, limber_break_driver_now (self), kind);
  limber_break_driver_rearm (self);
}

gboolean
limber_break_driver_finish_break (LimberBreakDriver  *self,
                                  gboolean            completed,
                                  GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), FALSE);

  ok = limber_break_scheduler_finish_break (self->scheduler, limber_break_driver_now (self), completed, error);
  limber_break_driver_rearm (self);
  return ok;
}

gboolean
limber_break_driver_postpone (LimberBreakDriver  *self,
                              GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), FALSE);

  ok = limber_break_scheduler_postpone (self->scheduler, limber_break_driver_now (self), error);
  limber_break_driver_rearm (self);
  return ok;
}

gboolean
limber_break_driver_skip (LimberBreakDriver  *self,
                          GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), FALSE);

  ok = limber_break_scheduler_skip (self->scheduler, limber_break_driver_now (self), error);
  limber_break_driver_rearm (self);
  return ok;
}

void
limber_break_driver_pause (LimberBreakDriver *self,
                           gint64             seconds)
{
  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));
  g_return_if_fail (seconds == -1 || seconds > 0);

  limber_break_scheduler_pause (self->scheduler, limber_break_driver_now (self),
                                seconds == -1 ? LIMBER_BREAK_SCHEDULER_NO_DEADLINE
                                              : seconds * G_USEC_PER_SEC);
  limber_break_driver_rearm (self);
}

void
limber_break_driver_resume (LimberBreakDriver *self)
{
  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));

  limber_break_scheduler_resume (self->scheduler, limber_break_driver_now (self));
  limber_break_driver_rearm (self);
}

void
limber_break_driver_note_reminder (LimberBreakDriver     *self,
                                   LimberBreakKind        kind,
                                   LimberReminderOutcome  outcome)
{
  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));
  g_return_if_fail (kind <= LIMBER_BREAK_KIND_REST);

  self->reminders[kind] = outcome;
}

gint64
limber_break_driver_to_wall (LimberBreakDriver *self,
                             gint64             monotonic_us)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), 0);

  return limber_clock_monotonic_to_unix (self->clock, monotonic_us);
}

guint
limber_break_driver_get_wakeups (LimberBreakDriver *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), 0);

  return self->wakeups;
}

static void
record_cb (const LimberBreakRecord *record,
           gpointer                 user_data)
{
  LimberBreakDriver *self = user_data;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autofree char *day = NULL;
  LimberBreakEvent event = { 0 };

  if (self->writer == NULL)
    {
      self->reminders[record->kind] = LIMBER_REMINDER_NONE;
      return;
    }

  end = limber_clock_to_local (self->clock, limber_break_driver_to_wall (self, record->end_us));
  due = limber_clock_to_local (self->clock, limber_break_driver_to_wall (self, record->due_us));
  day = limber_clock_day_for_time (self->clock, end);

  event.kind = record->kind;
  event.outcome = record->outcome;
  event.due_utc = g_date_time_to_unix (due);
  event.due_offset_s = (int) (g_date_time_get_utc_offset (due) / G_USEC_PER_SEC);
  event.end_utc = g_date_time_to_unix (end);
  event.end_offset_s = (int) (g_date_time_get_utc_offset (end) / G_USEC_PER_SEC);
  event.duration_s = (int) record->duration_s;
  event.reminder = self->reminders[record->kind];
  self->reminders[record->kind] = LIMBER_REMINDER_NONE;
  g_strlcpy (event.day, day, sizeof event.day);

  /* The writer keeps every outcome until the journal has it; the timer
   * goes on meanwhile. */
  limber_journal_writer_add_break_event (self->writer, &event);
}

/* The keys the break timer follows, and where each goes. The driver
 * listens to these alone: the rest of the schema (the window's pages, the
 * journal's reminder) never wakes it. */
static const struct {
  const char *key;
  gsize       offset;
  gboolean    is_boolean;
} timer_keys[] = {
  { "micro-break-enabled",      G_STRUCT_OFFSET (LimberBreakSettings, micro.enabled),       TRUE },
  { "micro-break-interval",     G_STRUCT_OFFSET (LimberBreakSettings, micro.interval_s),    FALSE },
  { "micro-break-duration",     G_STRUCT_OFFSET (LimberBreakSettings, micro.duration_s),    FALSE },
  { "rest-break-enabled",       G_STRUCT_OFFSET (LimberBreakSettings, rest.enabled),        TRUE },
  { "rest-break-interval",      G_STRUCT_OFFSET (LimberBreakSettings, rest.interval_s),     FALSE },
  { "rest-break-duration",      G_STRUCT_OFFSET (LimberBreakSettings, rest.duration_s),     FALSE },
  { "warning-lead-time",        G_STRUCT_OFFSET (LimberBreakSettings, warning_s),           FALSE },
  { "postpone-duration",        G_STRUCT_OFFSET (LimberBreakSettings, postpone_s),          FALSE },
  { "postpone-limit",           G_STRUCT_OFFSET (LimberBreakSettings, postpone_limit),      FALSE },
  { "reminder-repeat-interval", G_STRUCT_OFFSET (LimberBreakSettings, repeat_interval_s),   FALSE },
  { "strict-mode",              G_STRUCT_OFFSET (LimberBreakSettings, strict),              TRUE },
  { "daily-limit-enabled",      G_STRUCT_OFFSET (LimberBreakSettings, daily_limit_enabled), TRUE },
  { "daily-limit",              G_STRUCT_OFFSET (LimberBreakSettings, daily_limit_s),       FALSE },
};

static void
read_settings (LimberBreakDriver   *self,
               LimberBreakSettings *settings)
{
  limber_break_settings_init_defaults (settings);
  if (self->settings == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (timer_keys); i++)
    {
      gpointer field = G_STRUCT_MEMBER_P (settings, timer_keys[i].offset);

      if (timer_keys[i].is_boolean)
        *(gboolean *) field = g_settings_get_boolean (self->settings, timer_keys[i].key);
      else
        *(guint *) field = g_settings_get_uint (self->settings, timer_keys[i].key);
    }
}

static void
settings_changed_cb (LimberBreakDriver *self)
{
  LimberBreakSettings settings;
  gint64 now_us = limber_break_driver_now (self);

  read_settings (self, &settings);
  limber_break_scheduler_set_settings (self->scheduler, now_us, &settings);
  limber_break_driver_rearm (self);
}

static void
idle_cb (LimberBreakDriver *self,
         gint64             since_us)
{
  gint64 now_us = limber_break_driver_now (self);

  limber_break_scheduler_user_away (self->scheduler, now_us, MIN (since_us, now_us));
  limber_break_driver_rearm (self);
}

static void
active_cb (LimberBreakDriver *self)
{
  limber_break_scheduler_user_active (self->scheduler, limber_break_driver_now (self));
  limber_break_driver_rearm (self);
}

static void
locked_cb (LimberBreakDriver *self,
           gboolean           locked)
{
  limber_break_scheduler_set_locked (self->scheduler, limber_break_driver_now (self), locked);
  limber_break_driver_rearm (self);
}

static void
sleeping_cb (LimberBreakDriver *self,
             gboolean           going)
{
  /* On the way back, limber_break_driver_now() sees the time asleep and
   * ends the suspend; a notice without a measurable sleep ends it here. */
  gint64 now_us = limber_break_driver_now (self);

  if (going)
    limber_break_scheduler_suspend (self->scheduler, now_us);
  else
    limber_break_scheduler_resume_from_suspend (self->scheduler, now_us, 0);
  limber_break_driver_rearm (self);
}

static void
idle_threshold_changed_cb (LimberBreakDriver *self)
{
  if (self->activity != NULL)
    limber_activity_monitor_set_idle_threshold (self->activity,
                                                g_settings_get_uint (self->settings, "idle-threshold"));
}

void
limber_break_driver_watch (LimberBreakDriver     *self,
                           LimberActivityMonitor *activity,
                           LimberSessionMonitor  *session)
{
  g_return_if_fail (LIMBER_IS_BREAK_DRIVER (self));
  g_return_if_fail (!activity || LIMBER_IS_ACTIVITY_MONITOR (activity));
  g_return_if_fail (!session || LIMBER_IS_SESSION_MONITOR (session));
  g_return_if_fail (self->activity == NULL && self->session == NULL);

  if (g_set_object (&self->activity, activity) && activity != NULL)
    {
      g_signal_connect_object (activity, "idle", G_CALLBACK (idle_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (activity, "active", G_CALLBACK (active_cb), self, G_CONNECT_SWAPPED);
      if (self->settings != NULL)
        g_signal_connect_object (self->settings, "changed::idle-threshold",
                                 G_CALLBACK (idle_threshold_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (g_set_object (&self->session, session) && session != NULL)
    {
      g_signal_connect_object (session, "locked", G_CALLBACK (locked_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "sleeping", G_CALLBACK (sleeping_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
limber_break_driver_dispose (GObject *object)
{
  LimberBreakDriver *self = LIMBER_BREAK_DRIVER (object);

  if (self->deadline_source != NULL)
    {
      g_source_destroy (self->deadline_source);
      g_clear_pointer (&self->deadline_source, g_source_unref);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->writer);
  g_clear_object (&self->activity);
  g_clear_object (&self->session);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (limber_break_driver_parent_class)->dispose (object);
}

static void
limber_break_driver_class_init (LimberBreakDriverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = limber_break_driver_dispose;

  /**
   * LimberBreakDriver::changed:
   *
   * The scheduler took an input: what is published about it may differ.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
limber_break_driver_init (LimberBreakDriver *self)
{
}

static void
day_changed_cb (LimberBreakDriver *self)
{
  limber_break_scheduler_set_day (self->scheduler, g_get_monotonic_time (),
                                  limber_clock_get_today (self->clock));
  limber_break_driver_rearm (self);
}

LimberBreakDriver *
limber_break_driver_new (GSettings           *settings,
                         LimberJournalWriter *writer,
                         LimberClock         *clock)
{
  LimberBreakDriver *self;
  LimberBreakSettings values;
  gint64 boottime;
  gint64 monotonic;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!writer || LIMBER_IS_JOURNAL_WRITER (writer), NULL);
  g_return_val_if_fail (LIMBER_IS_CLOCK (clock), NULL);

  self = g_object_new (LIMBER_TYPE_BREAK_DRIVER, NULL);
  self->clock = g_object_ref (clock);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->writer = writer ? g_object_ref (writer) : NULL;
  limber_suspend_gap_read_clocks (&boottime, &monotonic);
  limber_suspend_gap_init (&self->suspend_gap, boottime, monotonic);

  read_settings (self, &values);
  self->scheduler = limber_break_scheduler_new (&values, monotonic);
  limber_break_scheduler_set_recorder (self->scheduler, record_cb, self, NULL);
  limber_break_scheduler_set_day (self->scheduler, monotonic, limber_clock_get_today (clock));
  g_signal_connect_object (clock, "day-changed", G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  /* Wall-clock estimates of the deadlines moved: publish them again. */
  g_signal_connect_object (clock, "time-changed", G_CALLBACK (limber_break_driver_rearm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clock, "timezone-changed", G_CALLBACK (limber_break_driver_rearm), self, G_CONNECT_SWAPPED);

  for (guint i = 0; self->settings != NULL && i < G_N_ELEMENTS (timer_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", timer_keys[i].key, NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  self->deadline_source = limber_deadline_source_new ("[limber] break deadline", deadline_reached_cb, self);
  limber_break_driver_rearm (self);

  return self;
}

LimberClock *
limber_break_driver_get_clock (LimberBreakDriver *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), NULL);

  return self->clock;
}

LimberBreakScheduler *
limber_break_driver_get_scheduler (LimberBreakDriver *self)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (self), NULL);

  return self->scheduler;
}
