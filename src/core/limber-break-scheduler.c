/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-scheduler"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "limber-break-scheduler-private.h"

/* Time here is monotonic µs. Worked time grows only while the user is
 * active and nothing is paused or under way; an absence at least as long
 * as a break counts as that break. Reminders come at most once per
 * repeat interval and never while the user is away. */

G_DEFINE_FINAL_TYPE (LimberBreakScheduler, limber_break_scheduler, G_TYPE_OBJECT)

/* The errors travel over D-Bus with names of their own, so that a client
 * gets the same code back. */
static const GDBusErrorEntry scheduler_dbus_errors[] = {
  { LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED, "io.github.limberapp.Limber.Breaks.Error.NotAllowed" },
  { LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK,    "io.github.limberapp.Limber.Breaks.Error.NoBreak" },
};

GQuark
limber_break_scheduler_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("limber-break-scheduler-error-quark", &quark,
                                      scheduler_dbus_errors, G_N_ELEMENTS (scheduler_dbus_errors));
  return (GQuark) quark;
}

enum {
  WARNING,
  BREAK_DUE,
  BREAK_STARTED,
  BREAK_FINISHED,
  BREAK_SKIPPED,
  NATURAL_BREAK,
  DAILY_LIMIT_REACHED,
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
limber_break_settings_init_defaults (LimberBreakSettings *settings)
{
  *settings = (LimberBreakSettings) {
    .micro = { TRUE, 25 * 60, 45 },
    .rest = { TRUE, 60 * 60, 5 * 60 },
    .warning_s = 30,
    .postpone_s = 5 * 60,
    .postpone_limit = 3,
    .repeat_interval_s = 5 * 60,
    .strict = FALSE,
    .daily_limit_enabled = FALSE,
    .daily_limit_s = 8 * 60 * 60,
  };
}

const LimberBreakKindSettings *
limber_break_scheduler_kind_settings (LimberBreakScheduler *self,
               LimberBreakKind       kind)
{
  return kind == LIMBER_BREAK_KIND_MICRO ? &self->settings.micro : &self->settings.rest;
}

gboolean
limber_break_scheduler_is_away (LimberBreakScheduler *self)
{
  return self->idle || self->locked || self->suspended;
}

/* Whether worked time grows now. */
gboolean
limber_break_scheduler_is_working (LimberBreakScheduler *self)
{
  return !limber_break_scheduler_is_away (self) && !self->paused && !self->in_break;
}

guint
limber_break_scheduler_postpone_limit (LimberBreakScheduler *self)
{
  return self->settings.strict ? MIN (self->settings.postpone_limit, 1) : self->settings.postpone_limit;
}

/* The length of the break under way. */
gint64
limber_break_scheduler_break_length (LimberBreakScheduler *self)
{
  return (gint64) limber_break_scheduler_kind_settings (self, self->break_kind)->duration_s * S;
}

static void
record (LimberBreakScheduler *self,
        LimberBreakKind       kind,
        LimberBreakOutcome    outcome,
        gint64                due_us,
        gint64                end_us,
        guint                 duration_s)
{
  LimberBreakRecord r = { kind, outcome, due_us, end_us, duration_s };

  if (self->record_func != NULL)
    self->record_func (&r, self->record_data);
}

/* The kind's break happened: start its count again. A rest break is also
 * a micro-break. */
static void
reset_kind (LimberBreakScheduler *self,
            LimberBreakKind       kind)
{
  for (int k = kind; k >= LIMBER_BREAK_KIND_MICRO; k--)
    {
      KindState *ks = &self->kinds[k];
      gboolean natural = ks->natural_this_absence;

      *ks = (KindState) { 0 };
      ks->due_at_worked_us = (gint64) limber_break_scheduler_kind_settings (self, k)->interval_s * S;
      ks->natural_this_absence = natural;
    }
}

/* Moves worked time forward to @until_us. */
static void
account (LimberBreakScheduler *self,
         gint64                until_us)
{
  gint64 delta = until_us - self->last_update_us;

  if (delta <= 0)
    return;

  if (limber_break_scheduler_is_working (self))
    {
      if (self->counting_since_us < 0)
        self->counting_since_us = self->last_update_us;
      self->kinds[LIMBER_BREAK_KIND_MICRO].worked_us += delta;
      self->kinds[LIMBER_BREAK_KIND_REST].worked_us += delta;
      self->today_active_us += delta;
    }
  else
    {
      self->counting_since_us = -1;
    }
  self->last_update_us = until_us;
}

/* The user was idle since @since_us, but a wake-up in between counted the
 * time after it as work: take that back, as far as it was counted. */
static void
give_back (LimberBreakScheduler *self,
           gint64                since_us)
{
  gint64 counted;

  if (self->counting_since_us < 0)
    return;
  counted = self->last_update_us - MAX (since_us, self->counting_since_us);
  if (counted <= 0)
    return;

  for (int k = LIMBER_BREAK_KIND_MICRO; k <= LIMBER_BREAK_KIND_REST; k++)
    self->kinds[k].worked_us = MAX (0, self->kinds[k].worked_us - counted);
  self->today_active_us = MAX (0, self->today_active_us - counted);
}

static gint64
absence_us (LimberBreakScheduler *self,
            gint64                now_us)
{
  return limber_break_scheduler_is_away (self) ? now_us - self->away_since_us + self->slept_us : 0;
}

static void
update_state (LimberBreakScheduler *self)
{
  LimberBreakState state;

  if (self->paused)
    state = LIMBER_BREAK_STATE_PAUSED;
  else if (self->in_break)
    state = LIMBER_BREAK_STATE_IN_BREAK;
  else if (limber_break_scheduler_is_away (self))
    state = LIMBER_BREAK_STATE_AWAY;
  else if (self->kinds[0].due || self->kinds[1].due)
    state = LIMBER_BREAK_STATE_DUE;
  else if (self->kinds[0].warned || self->kinds[1].warned)
    state = LIMBER_BREAK_STATE_WARNING;
  else
    state = LIMBER_BREAK_STATE_WORKING;

  if (state != self->state)
    {
      self->state = state;
      g_signal_emit (self, signals[STATE_CHANGED], 0);
    }
}

/* Whether a reminder may come now: never two closer than the repeat
 * interval, whatever their kind. */
static gboolean
may_remind (LimberBreakScheduler *self,
            gint64                now_us)
{
  return self->last_reminder_us == 0 ||
         now_us - self->last_reminder_us >= (gint64) self->settings.repeat_interval_s * S;
}

/* Ends the break under way at @end_us: taken when @completed, else
 * skipped (or, in strict mode, still due). */
static void
end_break (LimberBreakScheduler *self,
           gint64                end_us,
           gboolean              completed)
{
  LimberBreakKind kind = self->break_kind;
  KindState *state = &self->kinds[kind];
  gint64 due_us = state->due ? state->due_since_us : self->break_started_us;

  self->in_break = FALSE;

  if (completed)
    {
      record (self, kind, LIMBER_BREAK_OUTCOME_TAKEN, due_us, end_us,
              (guint) ((end_us - self->break_started_us) / S));
      reset_kind (self, kind);
      g_signal_emit (self, signals[BREAK_FINISHED], 0, kind);
    }
  else if (!self->settings.strict && state->due)
    {
      record (self, kind, LIMBER_BREAK_OUTCOME_SKIPPED, due_us, end_us, 0);
      reset_kind (self, kind);
      g_signal_emit (self, signals[BREAK_SKIPPED], 0, kind);
    }
  /* Strict mode: an unfinished break stays due, and reminds again. */
}

/* Applies the rules at @now_us after the inputs changed the situation. */
static void
evaluate (LimberBreakScheduler *self,
          gint64                now_us)
{
  const LimberBreakSettings *settings = &self->settings;

  /* The daemon ends every break when its length has passed, however it
   * started. */
  if (self->in_break && now_us >= self->break_started_us + limber_break_scheduler_break_length (self))
    end_break (self, self->break_started_us + limber_break_scheduler_break_length (self), TRUE);

  /* Long enough away: that was a break. The rest break first, as it also
   * settles the micro-break. */
  if (limber_break_scheduler_is_away (self) && !self->paused && !self->in_break)
    {
      for (int k = LIMBER_BREAK_KIND_REST; k >= LIMBER_BREAK_KIND_MICRO; k--)
        {
          const LimberBreakKindSettings *ks = limber_break_scheduler_kind_settings (self, k);
          KindState *state = &self->kinds[k];

          if (!ks->enabled || state->natural_this_absence)
            continue;
          if (absence_us (self, now_us) < (gint64) ks->duration_s * S)
            continue;

          if (state->worked_us > 0 || state->due)
            {
              record (self, k, LIMBER_BREAK_OUTCOME_NATURAL,
                      state->due ? state->due_since_us : self->away_since_us,
                      now_us, ks->duration_s);
              reset_kind (self, k);
              g_signal_emit (self, signals[NATURAL_BREAK], 0, k);
            }
          for (int j = k; j >= LIMBER_BREAK_KIND_MICRO; j--)
            self->kinds[j].natural_this_absence = TRUE;
        }
    }

  /* Reminders only reach someone at the computer and not pausing. */
  if (limber_break_scheduler_is_working (self))
    {
      for (int k = LIMBER_BREAK_KIND_REST; k >= LIMBER_BREAK_KIND_MICRO; k--)
        {
          const LimberBreakKindSettings *ks = limber_break_scheduler_kind_settings (self, k);
          KindState *state = &self->kinds[k];
          gint64 left_us = state->due_at_worked_us - state->worked_us;

          if (!ks->enabled)
            continue;

          /* A due rest break covers the micro-break. */
          if (k == LIMBER_BREAK_KIND_MICRO && self->kinds[LIMBER_BREAK_KIND_REST].due)
            continue;

          if (!state->due && left_us <= 0 && (state->postponed || may_remind (self, now_us)))
            {
              state->due = TRUE;
              state->postponed = FALSE;
              state->due_since_us = now_us;
              state->last_reminder_us = now_us;
              self->last_reminder_us = now_us;
              g_signal_emit (self, signals[BREAK_DUE], 0, k, FALSE);
            }
          else if (state->due && may_remind (self, now_us) &&
                   now_us - state->last_reminder_us >= (gint64) settings->repeat_interval_s * S)
            {
              state->last_reminder_us = now_us;
              self->last_reminder_us = now_us;
              g_signal_emit (self, signals[BREAK_DUE], 0, k, TRUE);
            }
          else if (!state->due && !state->warned && settings->warning_s > 0 &&
                   left_us <= (gint64) settings->warning_s * S)
            {
              state->warned = TRUE;
              g_signal_emit (self, signals[WARNING], 0, k, (guint) ((left_us + S - 1) / S));
            }
        }

      if (settings->daily_limit_enabled && !self->daily_limit_reported &&
          self->today_active_us >= (gint64) settings->daily_limit_s * S)
        {
          self->daily_limit_reported = TRUE;
          g_signal_emit (self, signals[DAILY_LIMIT_REACHED], 0);
        }
    }

  update_state (self);
}

static void
advance (LimberBreakScheduler *self,
         gint64                now_us)
{
  /* The monotonic clock never goes back; guard against callers anyway. */
  now_us = MAX (now_us, self->last_update_us);

  if (self->paused && self->pause_end_us != LIMBER_BREAK_SCHEDULER_NO_DEADLINE &&
      now_us >= self->pause_end_us)
    {
      account (self, self->pause_end_us);
      self->paused = FALSE;
    }

  account (self, now_us);
}

void
limber_break_scheduler_tick (LimberBreakScheduler *self,
                             gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  evaluate (self, MAX (now_us, self->last_update_us));
}

static void
go_away (LimberBreakScheduler *self,
         gint64                since_us)
{
  if (!limber_break_scheduler_is_away (self))
    {
      self->away_since_us = since_us;
      self->slept_us = 0;
      self->kinds[0].natural_this_absence = FALSE;
      self->kinds[1].natural_this_absence = FALSE;
    }
}

void
limber_break_scheduler_user_active (LimberBreakScheduler *self,
                                    gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  evaluate (self, self->last_update_us);
  self->idle = FALSE;
  /* Input after a suspend means the computer is awake again. */
  self->suspended = FALSE;
  if (!limber_break_scheduler_is_away (self))
    self->slept_us = 0;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_user_away (LimberBreakScheduler *self,
                                  gint64                now_us,
                                  gint64                since_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));
  g_return_if_fail (since_us <= now_us);

  /* Work counts until the last input; the idle threshold after it is
   * already part of the absence. */
  if (!limber_break_scheduler_is_away (self))
    {
      advance (self, MAX (since_us, self->last_update_us));
      give_back (self, since_us);
      go_away (self, MIN (since_us, self->last_update_us));
      self->idle = TRUE;
    }
  self->idle = TRUE;
  advance (self, now_us);
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_set_locked (LimberBreakScheduler *self,
                                   gint64                now_us,
                                   gboolean              locked)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  if (locked)
    go_away (self, self->last_update_us);
  self->locked = locked;
  /* Unlocking takes a person at the keyboard. */
  if (!locked)
    self->idle = FALSE;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_suspend (LimberBreakScheduler *self,
                                gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  go_away (self, self->last_update_us);
  self->suspended = TRUE;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_resume_from_suspend (LimberBreakScheduler *self,
                                            gint64                now_us,
                                            gint64                slept_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));
  g_return_if_fail (slept_us >= 0);

  if (slept_us == 0 && !self->suspended)
    return;

  advance (self, now_us);
  /* Sleep without a suspend notice first (it came too late): the user was
   * away from the last moment we saw. */
  go_away (self, self->last_update_us);
  self->suspended = TRUE;
  self->slept_us += slept_us;
  evaluate (self, self->last_update_us);

  /* Awake: the idle and lock watches say whether anyone is here. */
  self->suspended = FALSE;
  if (!limber_break_scheduler_is_away (self))
    self->slept_us = 0;
  evaluate (self, self->last_update_us);
}

gboolean
limber_break_scheduler_postpone (LimberBreakScheduler  *self,
                                 gint64                 now_us,
                                 GError               **error)
{
  KindState *state = NULL;
  LimberBreakKind kind;

  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), FALSE);

  advance (self, now_us);
  for (kind = LIMBER_BREAK_KIND_REST; (int) kind >= LIMBER_BREAK_KIND_MICRO; kind--)
    {
      if (self->kinds[kind].due)
        {
          state = &self->kinds[kind];
          break;
        }
    }

  if (state == NULL)
    {
      g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK,
                   _("No break is due."));
      return FALSE;
    }

  if (state->postpones >= limber_break_scheduler_postpone_limit (self))
    {
      g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED,
                   ngettext ("This break was already postponed %u time; that is the limit.",
                             "This break was already postponed %u times; that is the limit.",
                             state->postpones),
                   state->postpones);
      return FALSE;
    }

  record (self, kind, LIMBER_BREAK_OUTCOME_POSTPONED, state->due_since_us, self->last_update_us, 0);
  state->postpones++;
  state->postponed = TRUE;
  state->due = FALSE;
  state->warned = FALSE;
  state->due_at_worked_us = state->worked_us + (gint64) self->settings.postpone_s * S;
  evaluate (self, self->last_update_us);
  return TRUE;
}

gboolean
limber_break_scheduler_skip (LimberBreakScheduler  *self,
                             gint64                 now_us,
                             GError               **error)
{
  LimberBreakKind kind;

  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), FALSE);

  advance (self, now_us);
  if (self->settings.strict)
    {
      g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED,
                   _("Breaks cannot be skipped in strict mode."));
      return FALSE;
    }

  for (kind = LIMBER_BREAK_KIND_REST; (int) kind >= LIMBER_BREAK_KIND_MICRO; kind--)
    {
      if (self->kinds[kind].due)
        {
          record (self, kind, LIMBER_BREAK_OUTCOME_SKIPPED, self->kinds[kind].due_since_us,
                  self->last_update_us, 0);
          reset_kind (self, kind);
          g_signal_emit (self, signals[BREAK_SKIPPED], 0, kind);
          evaluate (self, self->last_update_us);
          return TRUE;
        }
    }

  g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK,
               _("No break is due."));
  return FALSE;
}

void
limber_break_scheduler_start_break (LimberBreakScheduler *self,
                                    gint64                now_us,
                                    LimberBreakKind       kind)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  if (self->in_break)
    return;

  /* The break that is due wins over the one asked for. */
  if (self->kinds[LIMBER_BREAK_KIND_REST].due)
    kind = LIMBER_BREAK_KIND_REST;
  else if (self->kinds[LIMBER_BREAK_KIND_MICRO].due && kind != LIMBER_BREAK_KIND_REST)
    kind = LIMBER_BREAK_KIND_MICRO;

  self->in_break = TRUE;
  self->break_kind = kind;
  self->break_started_us = self->last_update_us;
  g_signal_emit (self, signals[BREAK_STARTED], 0, kind);
  evaluate (self, self->last_update_us);
}

gboolean
limber_break_scheduler_finish_break (LimberBreakScheduler  *self,
                                     gint64                 now_us,
                                     gboolean               completed,
                                     GError               **error)
{
  g_return_val_if_fail (LIMBER_IS_BREAK_SCHEDULER (self), FALSE);

  advance (self, now_us);
  /* The break's length has passed: it is taken, whoever says so first. */
  if (self->in_break && self->last_update_us >= limber_break_scheduler_get_break_end (self))
    {
      evaluate (self, self->last_update_us);
      return TRUE;
    }
  if (!self->in_break)
    {
      g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK,
                   _("No break is under way."));
      return FALSE;
    }

  if (completed && self->settings.strict)
    {
      g_set_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED,
                   _("In strict mode a break cannot end before its time is up."));
      return FALSE;
    }

  end_break (self, self->last_update_us, completed);
  evaluate (self, self->last_update_us);
  return TRUE;
}

void
limber_break_scheduler_pause (LimberBreakScheduler *self,
                              gint64                now_us,
                              gint64                duration_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));
  g_return_if_fail (duration_us > 0);

  advance (self, now_us);
  self->paused = TRUE;
  self->pause_end_us = duration_us == LIMBER_BREAK_SCHEDULER_NO_DEADLINE
                       ? LIMBER_BREAK_SCHEDULER_NO_DEADLINE
                       : self->last_update_us + duration_us;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_resume (LimberBreakScheduler *self,
                               gint64                now_us)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  advance (self, now_us);
  self->paused = FALSE;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_set_day (LimberBreakScheduler *self,
                                gint64                now_us,
                                const char           *day)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));
  g_return_if_fail (limber_day_is_valid (day));

  advance (self, now_us);
  if (g_strcmp0 (day, self->day) == 0)
    return;

  /* Forward, a new day starts. Back (the wall clock was set back), the
   * day is taken as it is, so that the next real day starts again. */
  if (self->day != NULL && strcmp (day, self->day) > 0)
    {
      /* A break left due at the end of a day was missed. */
      for (int k = LIMBER_BREAK_KIND_MICRO; k <= LIMBER_BREAK_KIND_REST; k++)
        {
          if (self->kinds[k].due)
            {
              record (self, k, LIMBER_BREAK_OUTCOME_MISSED, self->kinds[k].due_since_us,
                      self->last_update_us, 0);
              reset_kind (self, k);
            }
        }
      self->today_active_us = 0;
      self->daily_limit_reported = FALSE;
      if (self->paused && self->pause_end_us == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
        self->paused = FALSE;
    }

  g_free (self->day);
  self->day = g_strdup (day);
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_set_settings (LimberBreakScheduler      *self,
                                     gint64                     now_us,
                                     const LimberBreakSettings *settings)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));
  g_return_if_fail (settings != NULL);

  advance (self, now_us);
  for (int k = LIMBER_BREAK_KIND_MICRO; k <= LIMBER_BREAK_KIND_REST; k++)
    {
      KindState *state = &self->kinds[k];
      gint64 old_interval = (gint64) limber_break_scheduler_kind_settings (self, k)->interval_s * S;
      gint64 new_interval = (gint64) (k == LIMBER_BREAK_KIND_MICRO ? settings->micro : settings->rest).interval_s * S;

      /* Keep the time worked and any postponement; move the goal. */
      state->due_at_worked_us += new_interval - old_interval;
      if (!(k == LIMBER_BREAK_KIND_MICRO ? settings->micro : settings->rest).enabled)
        state->due = state->warned = FALSE;
      if (state->due_at_worked_us - state->worked_us > (gint64) settings->warning_s * S)
        state->warned = FALSE;
    }
  self->settings = *settings;
  evaluate (self, self->last_update_us);
}

void
limber_break_scheduler_set_recorder (LimberBreakScheduler  *self,
                                     LimberBreakRecordFunc  func,
                                     gpointer               user_data,
                                     GDestroyNotify         destroy)
{
  g_return_if_fail (LIMBER_IS_BREAK_SCHEDULER (self));

  if (self->record_destroy != NULL)
    self->record_destroy (self->record_data);
  self->record_func = func;
  self->record_data = user_data;
  self->record_destroy = destroy;
}

static void
limber_break_scheduler_finalize (GObject *object)
{
  LimberBreakScheduler *self = LIMBER_BREAK_SCHEDULER (object);

  if (self->record_destroy != NULL)
    self->record_destroy (self->record_data);
  g_free (self->day);

  G_OBJECT_CLASS (limber_break_scheduler_parent_class)->finalize (object);
}

static void
limber_break_scheduler_class_init (LimberBreakSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->finalize = limber_break_scheduler_finalize;

  /**
   * LimberBreakScheduler::warning:
   * @kind: the #LimberBreakKind coming
   * @seconds: how many seconds of work are left before it
   */
  signals[WARNING] = g_signal_new ("warning", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
  /**
   * LimberBreakScheduler::break-due:
   * @kind: the #LimberBreakKind due
   * @repeat: whether this reminds of a break ignored so far
   */
  signals[BREAK_DUE] = g_signal_new ("break-due", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);
  signals[BREAK_STARTED] = g_signal_new ("break-started", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT);
  signals[BREAK_FINISHED] = g_signal_new ("break-finished", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT);
  signals[BREAK_SKIPPED] = g_signal_new ("break-skipped", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT);
  signals[NATURAL_BREAK] = g_signal_new ("natural-break", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT);
  signals[DAILY_LIMIT_REACHED] = g_signal_new ("daily-limit-reached", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
  signals[STATE_CHANGED] = g_signal_new ("state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
limber_break_scheduler_init (LimberBreakScheduler *self)
{
}

LimberBreakScheduler *
limber_break_scheduler_new (const LimberBreakSettings *settings,
                            gint64                     now_us)
{
  LimberBreakScheduler *self;

  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_BREAK_SCHEDULER, NULL);
  self->settings = *settings;
  self->last_update_us = now_us;
  self->counting_since_us = -1;
  self->state = LIMBER_BREAK_STATE_WORKING;
  reset_kind (self, LIMBER_BREAK_KIND_REST);

  return self;
}
