/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-break-scheduler.h"

/* The break scheduler with a fake clock: every rule and its edges, then
 * thousands of random days checked against what must always hold. */

#define S  ((gint64) G_USEC_PER_SEC)
#define MIN_ (60 * S)
#define T0 (1000 * S)

typedef struct
{
  LimberBreakScheduler *scheduler;
  LimberBreakSettings   settings;
  gint64                now;
  GString              *events;
  GArray               *records;
  /* For the invariants: when each reminder came, and whether it was a
   * postponed break coming back at the time the user chose. */
  GArray               *reminders;
  GArray               *chosen;
  gboolean              postponed[2];
} Fixture;

static const char *kind_names[] = { "micro", "rest" };

static void
record_cb (const LimberBreakRecord *record,
           gpointer                 user_data)
{
  Fixture *fixture = user_data;

  g_array_append_val (fixture->records, *record);
}

static void
warning_cb (LimberBreakScheduler *scheduler,
            int                   kind,
            guint                 seconds,
            Fixture              *fixture)
{
  g_string_append_printf (fixture->events, "warning:%s:%u ", kind_names[kind], seconds);
}

static void
due_cb (LimberBreakScheduler *scheduler,
        int                   kind,
        gboolean              repeat,
        Fixture              *fixture)
{
  gboolean chosen;

  g_string_append_printf (fixture->events, "%s:%s@%" G_GINT64_FORMAT " ",
                          repeat ? "again" : "due", kind_names[kind], (fixture->now - T0) / S);
  g_array_append_val (fixture->reminders, fixture->now);
  chosen = !repeat && fixture->postponed[kind];
  g_array_append_val (fixture->chosen, chosen);
  fixture->postponed[kind] = FALSE;
}

static void
natural_cb (LimberBreakScheduler *scheduler,
            int                   kind,
            Fixture              *fixture)
{
  g_string_append_printf (fixture->events, "natural:%s ", kind_names[kind]);
}

static void
limit_cb (LimberBreakScheduler *scheduler,
          Fixture              *fixture)
{
  g_string_append (fixture->events, "limit ");
}

static void
make_scheduler (Fixture *fixture)
{
  g_clear_object (&fixture->scheduler);
  fixture->scheduler = limber_break_scheduler_new (&fixture->settings, fixture->now);
  limber_break_scheduler_set_recorder (fixture->scheduler, record_cb, fixture, NULL);
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-25");
  g_signal_connect (fixture->scheduler, "warning", G_CALLBACK (warning_cb), fixture);
  g_signal_connect (fixture->scheduler, "break-due", G_CALLBACK (due_cb), fixture);
  g_signal_connect (fixture->scheduler, "natural-break", G_CALLBACK (natural_cb), fixture);
  g_signal_connect (fixture->scheduler, "daily-limit-reached", G_CALLBACK (limit_cb), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  limber_break_settings_init_defaults (&fixture->settings);
  fixture->now = T0;
  fixture->events = g_string_new (NULL);
  fixture->records = g_array_new (FALSE, TRUE, sizeof (LimberBreakRecord));
  fixture->reminders = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->chosen = g_array_new (FALSE, FALSE, sizeof (gboolean));
  make_scheduler (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->scheduler);
  g_string_free (fixture->events, TRUE);
  g_array_unref (fixture->records);
  g_array_unref (fixture->reminders);
  g_array_unref (fixture->chosen);
}

/* Lets time pass to @until the way the driver does: one tick at each
 * deadline on the way. */
static void
run_until (Fixture *fixture,
           gint64   until)
{
  for (;;)
    {
      gint64 deadline = limber_break_scheduler_get_next_deadline (fixture->scheduler);

      g_assert_cmpint (deadline, >=, fixture->now);
      if (deadline > until)
        break;
      fixture->now = deadline;
      limber_break_scheduler_tick (fixture->scheduler, fixture->now);
    }
  fixture->now = until;
  limber_break_scheduler_tick (fixture->scheduler, fixture->now);
}

static void
go_away (Fixture *fixture,
         gint64   for_us)
{
  limber_break_scheduler_user_away (fixture->scheduler, fixture->now, fixture->now);
  run_until (fixture, fixture->now + for_us);
  limber_break_scheduler_user_active (fixture->scheduler, fixture->now);
}

static void
assert_events (Fixture    *fixture,
               const char *expected)
{
  g_assert_cmpstr (fixture->events->str, ==, expected);
  g_string_truncate (fixture->events, 0);
}

static void
assert_record (Fixture            *fixture,
               guint               index,
               LimberBreakKind     kind,
               LimberBreakOutcome  outcome)
{
  LimberBreakRecord *record;

  g_assert_cmpuint (index, <, fixture->records->len);
  record = &g_array_index (fixture->records, LimberBreakRecord, index);
  g_assert_cmpint (record->kind, ==, kind);
  g_assert_cmpint (record->outcome, ==, outcome);
}

static void
test_micro_break_due (Fixture       *fixture,
                      gconstpointer  user_data)
{
  /* Warned 30 s before, due after 25 minutes of work. */
  g_assert_cmpint (limber_break_scheduler_get_next_deadline (fixture->scheduler), ==, T0 + 25 * MIN_ - 30 * S);
  run_until (fixture, T0 + 25 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@1500 ");
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 0);
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_REST, fixture->now), ==, 35 * MIN_);
}

static void
test_only_active_time_counts (Fixture       *fixture,
                              gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);
  /* Half a minute away: too short for a break, and not work either. */
  go_away (fixture, 30 * S);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 10 * MIN_);
  run_until (fixture, T0 + 25 * MIN_ + 30 * S);
  assert_events (fixture, "warning:micro:30 due:micro@1530 ");
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 25 * MIN_);
}

static void
test_natural_break_threshold (Fixture       *fixture,
                              gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);
  go_away (fixture, 45 * S - 1);
  assert_events (fixture, "");
  g_assert_cmpuint (fixture->records->len, ==, 0);

  /* Exactly the break's length: a natural break, and the count starts
   * again. */
  go_away (fixture, 45 * S);
  assert_events (fixture, "natural:micro ");
  assert_record (fixture, 0, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_NATURAL);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 0);
  /* The rest break still counts the work before it. */
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_REST, fixture->now), ==, 10 * MIN_);
}

static void
test_idle_threshold_counts_as_away (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);
  /* The monitor notices after a 60 s threshold: that minute was away. */
  fixture->now += 60 * S;
  limber_break_scheduler_user_away (fixture->scheduler, fixture->now, fixture->now - 60 * S);
  assert_events (fixture, "natural:micro ");
  limber_break_scheduler_user_active (fixture->scheduler, fixture->now);
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 10 * MIN_);
}

static void
test_idle_during_warning (Fixture       *fixture,
                          gconstpointer  user_data)
{
  run_until (fixture, T0 + 25 * MIN_ - 20 * S);
  assert_events (fixture, "warning:micro:30 ");
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WARNING);

  /* Gone for a minute right before the break: that was the break, and no
   * reminder came while away. */
  go_away (fixture, 60 * S);
  assert_events (fixture, "natural:micro ");
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WORKING);
  run_until (fixture, fixture->now + 24 * MIN_ + 40 * S);
  assert_events (fixture, "warning:micro:30 ");
}

static void
test_postpone_limit (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  run_until (fixture, T0 + 25 * MIN_);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (limber_break_scheduler_postpone (fixture->scheduler, fixture->now, &error));
      g_assert_no_error (error);
      g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WORKING);
      /* Due again after five more minutes of work. */
      run_until (fixture, fixture->now + 5 * MIN_);
      g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);
    }
  g_assert_cmpuint (limber_break_scheduler_get_postpones_left (fixture->scheduler, LIMBER_BREAK_KIND_MICRO), ==, 0);
  g_assert_false (limber_break_scheduler_postpone (fixture->scheduler, fixture->now, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED);

  g_assert_cmpuint (fixture->records->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_record (fixture, i, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_POSTPONED);
}

static void
test_strict_mode (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->settings.strict = TRUE;
  make_scheduler (fixture);
  run_until (fixture, T0 + 25 * MIN_);

  g_assert_false (limber_break_scheduler_skip (fixture->scheduler, fixture->now, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* One postpone only. */
  g_assert_true (limber_break_scheduler_postpone (fixture->scheduler, fixture->now, &error));
  run_until (fixture, fixture->now + 5 * MIN_);
  g_assert_false (limber_break_scheduler_postpone (fixture->scheduler, fixture->now, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED);

  /* A break left unfinished stays due. */
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  fixture->now += 10 * S;
  g_assert_true (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, FALSE, NULL));
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);
}

static void
test_take_and_skip (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  run_until (fixture, T0 + 25 * MIN_);
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_IN_BREAK);
  /* A break is no work. */
  fixture->now += 45 * S;
  g_assert_true (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, &error));
  assert_record (fixture, 0, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_TAKEN);
  g_assert_cmpuint (g_array_index (fixture->records, LimberBreakRecord, 0).duration_s, ==, 45);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_REST, fixture->now), ==, 25 * MIN_);

  run_until (fixture, fixture->now + 25 * MIN_);
  g_assert_true (limber_break_scheduler_skip (fixture->scheduler, fixture->now, &error));
  assert_record (fixture, 1, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_SKIPPED);

  /* The rest break at 60 minutes also resets the micro-break. */
  run_until (fixture, T0 + 60 * MIN_ + 45 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  fixture->now += 5 * MIN_;
  g_assert_true (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, &error));
  assert_record (fixture, 2, LIMBER_BREAK_KIND_REST, LIMBER_BREAK_OUTCOME_TAKEN);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 0);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_REST, fixture->now), ==, 0);

  g_assert_false (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NO_BREAK);
}

static void
test_reminds_again (Fixture       *fixture,
                    gconstpointer  user_data)
{
  run_until (fixture, T0 + 25 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@1500 ");

  /* Ignored: again every five minutes, never sooner. */
  run_until (fixture, T0 + 35 * MIN_);
  assert_events (fixture, "again:micro@1800 again:micro@2100 ");

  /* Not while away, even when a reminder is owed. */
  limber_break_scheduler_user_away (fixture->scheduler, fixture->now, fixture->now);
  fixture->now += 40 * S;
  limber_break_scheduler_tick (fixture->scheduler, fixture->now);
  run_until (fixture, fixture->now + 4 * MIN_ + 30 * S);
  /* Over five minutes away: the rest break happened too. */
  assert_events (fixture, "natural:micro natural:rest ");
}

static void
test_suspend_across_rollover (Fixture       *fixture,
                              gconstpointer  user_data)
{
  run_until (fixture, T0 + 20 * MIN_);
  assert_events (fixture, "");

  /* Eight hours asleep over midnight: the monotonic clock stands still. */
  limber_break_scheduler_suspend (fixture->scheduler, fixture->now);
  fixture->now += 2 * S;
  limber_break_scheduler_resume_from_suspend (fixture->scheduler, fixture->now, 8 * 60 * MIN_);
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-26");
  limber_break_scheduler_user_active (fixture->scheduler, fixture->now);

  /* Both breaks happened in the night; no reminder at all. */
  assert_events (fixture, "natural:rest ");
  g_assert_cmpuint (fixture->records->len, ==, 1);
  assert_record (fixture, 0, LIMBER_BREAK_KIND_REST, LIMBER_BREAK_OUTCOME_NATURAL);
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 0);
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 0);
  run_until (fixture, fixture->now + 24 * MIN_);
  g_assert_cmpuint (fixture->reminders->len, ==, 0);
}

/* Waking ends a suspend: someone who typed up to it works again at once,
 * without input the idle watch would have to see; someone idle or behind
 * a locked screen before it stays away until they come back. */
static void
test_resume_after_suspend (Fixture       *fixture,
                           gconstpointer  user_data)
{
  LimberBreakScheduler *scheduler = fixture->scheduler;

  run_until (fixture, T0 + 10 * MIN_);

  /* Typing, then the lid shut for two minutes: a micro-break. */
  limber_break_scheduler_suspend (scheduler, fixture->now);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_AWAY);
  fixture->now += 1 * S;
  limber_break_scheduler_resume_from_suspend (scheduler, fixture->now, 2 * MIN_);
  assert_events (fixture, "natural:micro ");
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_WORKING);
  run_until (fixture, fixture->now + 5 * MIN_);
  g_assert_cmpint (limber_break_scheduler_get_worked (scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 5 * MIN_);

  /* Asleep without a notice first, as inside a sandbox. */
  fixture->now += 1 * S;
  limber_break_scheduler_resume_from_suspend (scheduler, fixture->now, 10 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_WORKING);

  /* Only the wake-up notice, no time measurably asleep. */
  limber_break_scheduler_suspend (scheduler, fixture->now);
  limber_break_scheduler_resume_from_suspend (scheduler, fixture->now, 0);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_WORKING);

  /* Idle before the suspend: away after it, until input. */
  fixture->now += 2 * MIN_;
  limber_break_scheduler_user_away (scheduler, fixture->now, fixture->now - 1 * MIN_);
  limber_break_scheduler_suspend (scheduler, fixture->now);
  fixture->now += 1 * S;
  limber_break_scheduler_resume_from_suspend (scheduler, fixture->now, 10 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_AWAY);
  fixture->now += 30 * S;
  limber_break_scheduler_user_active (scheduler, fixture->now);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_WORKING);

  /* Locked before the suspend: away until unlocked. */
  limber_break_scheduler_set_locked (scheduler, fixture->now, TRUE);
  limber_break_scheduler_suspend (scheduler, fixture->now);
  fixture->now += 1 * S;
  limber_break_scheduler_resume_from_suspend (scheduler, fixture->now, 10 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_AWAY);
  limber_break_scheduler_set_locked (scheduler, fixture->now, FALSE);
  g_assert_cmpint (limber_break_scheduler_get_state (scheduler), ==, LIMBER_BREAK_STATE_WORKING);
}

static void
test_settings_mid_interval (Fixture       *fixture,
                            gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);

  /* Longer: the ten minutes worked still count. */
  fixture->settings.micro.interval_s = 15 * 60;
  limber_break_scheduler_set_settings (fixture->scheduler, fixture->now, &fixture->settings);
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 5 * MIN_);
  run_until (fixture, T0 + 15 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@900 ");
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, NULL);

  /* Shorter than what is already worked: due at once, one reminder. */
  run_until (fixture, fixture->now + 8 * MIN_);
  assert_events (fixture, "");
  fixture->settings.micro.interval_s = 5 * 60;
  limber_break_scheduler_set_settings (fixture->scheduler, fixture->now, &fixture->settings);
  assert_events (fixture, "due:micro@1380 ");
}

static void
test_daily_limit (Fixture       *fixture,
                  gconstpointer  user_data)
{
  fixture->settings.daily_limit_enabled = TRUE;
  fixture->settings.daily_limit_s = 30 * 60;
  fixture->settings.micro.enabled = FALSE;
  fixture->settings.rest.enabled = FALSE;
  make_scheduler (fixture);

  run_until (fixture, T0 + 30 * MIN_);
  assert_events (fixture, "limit ");
  run_until (fixture, T0 + 90 * MIN_);
  assert_events (fixture, "");

  /* A new day, a new limit. */
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-26");
  run_until (fixture, fixture->now + 30 * MIN_);
  assert_events (fixture, "limit ");
}

static void
test_pause (Fixture       *fixture,
            gconstpointer  user_data)
{
  run_until (fixture, T0 + 20 * MIN_);

  /* An hour: no reminders, no worked time, then back by itself. */
  limber_break_scheduler_pause (fixture->scheduler, fixture->now, 60 * MIN_);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_PAUSED);
  g_assert_cmpint (limber_break_scheduler_get_next_deadline (fixture->scheduler), ==, fixture->now + 60 * MIN_);
  run_until (fixture, fixture->now + 60 * MIN_);
  g_assert_false (limber_break_scheduler_is_paused (fixture->scheduler));
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 20 * MIN_);
  assert_events (fixture, "");

  /* Until tomorrow: no deadline at all until the day changes. */
  limber_break_scheduler_pause (fixture->scheduler, fixture->now, LIMBER_BREAK_SCHEDULER_NO_DEADLINE);
  g_assert_cmpint (limber_break_scheduler_get_next_deadline (fixture->scheduler), ==, LIMBER_BREAK_SCHEDULER_NO_DEADLINE);
  fixture->now += 6 * 60 * MIN_;
  limber_break_scheduler_tick (fixture->scheduler, fixture->now);
  g_assert_true (limber_break_scheduler_is_paused (fixture->scheduler));
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-26");
  g_assert_false (limber_break_scheduler_is_paused (fixture->scheduler));
  run_until (fixture, fixture->now + 5 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@26700 ");
}

static void
test_clock_set_back (Fixture       *fixture,
                     gconstpointer  user_data)
{
  run_until (fixture, T0 + 20 * MIN_);

  /* The wall clock goes back a day: the day stays, nothing is lost. */
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-24");
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 20 * MIN_);
  run_until (fixture, T0 + 25 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@1500 ");
  g_assert_cmpuint (fixture->reminders->len, ==, 1);
}

/* The wall clock jumps a day ahead and back (a wrong time fixed by NTP):
 * the driver tells the scheduler of the day, which keeps the time worked
 * toward the breaks and reminds once, on time. */
static void
test_clock_jumps_ahead_and_back (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  run_until (fixture, T0 + 20 * MIN_);
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-26");
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 20 * MIN_);
  fixture->now += S;
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-25");
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now), ==, 20 * MIN_ + S);

  run_until (fixture, T0 + 25 * MIN_ + S);
  assert_events (fixture, "warning:micro:30 due:micro@1500 ");
  g_assert_cmpuint (fixture->reminders->len, ==, 1);
}

/* Random days of random events: whatever happens, the next deadline is
 * never in the past, reminders keep the repeat interval apart (but for a
 * postponed break, which comes when the user chose), and time worked
 * today never goes down within a day. */
static void
test_random_invariants (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);
  guint reminders = 0, settled = 0;

  for (guint sequence = 0; sequence < 10000; sequence++)
    {
      gint64 today_active = 0;
      char day[LIMBER_DAY_LENGTH + 1] = "2026-11-25";

      limber_break_settings_init_defaults (&fixture->settings);
      fixture->settings.micro.interval_s = g_rand_int_range (rand, 60, 1800);
      fixture->settings.micro.duration_s = g_rand_int_range (rand, 10, 120);
      fixture->settings.rest.interval_s = g_rand_int_range (rand, 600, 3600);
      fixture->settings.repeat_interval_s = g_rand_int_range (rand, 60, 600);
      fixture->settings.strict = g_rand_boolean (rand);
      g_array_set_size (fixture->reminders, 0);
      g_array_set_size (fixture->chosen, 0);
      fixture->postponed[0] = fixture->postponed[1] = FALSE;
      make_scheduler (fixture);

      for (guint step = 0; step < 60; step++)
        {
          LimberBreakScheduler *s = fixture->scheduler;
          gint64 deadline;
          gint64 active;
          gint64 idle_gap = 0;

          /* The driver fires every deadline before the next input comes. */
          run_until (fixture, fixture->now + g_rand_int_range (rand, 0, 20 * 60) * (gint64) S);
          switch (g_rand_int_range (rand, 0, 12))
            {
            case 0: limber_break_scheduler_user_active (s, fixture->now); break;
            case 1:
              /* Idle since before the last wake-up: that time is not work,
               * and is taken back. */
              idle_gap = g_rand_int_range (rand, 0, 60) * (gint64) S;
              limber_break_scheduler_user_away (s, fixture->now, fixture->now - idle_gap);
              break;
            case 2: limber_break_scheduler_set_locked (s, fixture->now, g_rand_boolean (rand)); break;
            case 3: limber_break_scheduler_suspend (s, fixture->now); break;
            case 4: limber_break_scheduler_resume_from_suspend (s, fixture->now, g_rand_int_range (rand, 0, 10 * 3600) * (gint64) S); break;
            case 5:
              {
                gboolean any;
                LimberBreakKind kind = limber_break_scheduler_get_due_kind (s, &any);

                if (limber_break_scheduler_postpone (s, fixture->now, NULL))
                  fixture->postponed[kind] = TRUE;
              }
              break;
            case 6: limber_break_scheduler_skip (s, fixture->now, NULL); break;
            case 7: limber_break_scheduler_start_break (s, fixture->now, g_rand_int_range (rand, 0, 2)); break;
            case 8: limber_break_scheduler_finish_break (s, fixture->now, g_rand_boolean (rand), NULL); break;
            case 9:
              if (g_rand_boolean (rand))
                limber_break_scheduler_pause (s, fixture->now, g_rand_int_range (rand, 1, 7200) * (gint64) S);
              else
                limber_break_scheduler_resume (s, fixture->now);
              break;
            case 10:
              {
                g_autofree char *text = g_strdup_printf ("2026-12-%02d", g_rand_int_range (rand, 1, 29));

                /* A later day starts the count again; an earlier one is the
                 * clock going back, taken without losing anything. */
                if (strcmp (text, day) > 0)
                  today_active = 0;
                g_strlcpy (day, text, sizeof day);
                limber_break_scheduler_set_day (s, fixture->now, text);
              }
              break;
            default:
              run_until (fixture, fixture->now);
              break;
            }

          deadline = limber_break_scheduler_get_next_deadline (s);
          g_assert_cmpint (deadline, >=, fixture->now);
          active = limber_break_scheduler_get_today_active (s, fixture->now);
          g_assert_cmpint (active, >=, today_active - idle_gap);
          today_active = active;
          g_assert_cmpint (limber_break_scheduler_get_worked (s, LIMBER_BREAK_KIND_MICRO, fixture->now), >=, 0);
        }

      reminders += fixture->reminders->len;
      settled += fixture->records->len;
      g_array_set_size (fixture->records, 0);
      for (guint i = 1; i < fixture->reminders->len; i++)
        if (!g_array_index (fixture->chosen, gboolean, i))
          g_assert_cmpint (g_array_index (fixture->reminders, gint64, i) - g_array_index (fixture->reminders, gint64, i - 1),
                         >=, (gint64) fixture->settings.repeat_interval_s * S);
    }

  /* The sequences did exercise the rules. */
  g_assert_cmpuint (reminders, >, 10000);
  g_assert_cmpuint (settled, >, 10000);
  g_test_message ("%u reminders, %u settled breaks", reminders, settled);
}

/* A break started without a reminder (the command line, the window) is
 * counted down and ended by the scheduler itself, as taken. */
static void
test_break_ends_by_itself (Fixture       *fixture,
                           gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_IN_BREAK);
  g_assert_cmpint (limber_break_scheduler_get_break_end (fixture->scheduler), ==, fixture->now + 45 * S);
  g_assert_cmpint (limber_break_scheduler_get_next_deadline (fixture->scheduler), ==, fixture->now + 45 * S);

  run_until (fixture, fixture->now + 40 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_IN_BREAK);
  run_until (fixture, fixture->now + 5 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WORKING);
  g_assert_cmpint (limber_break_scheduler_get_break_end (fixture->scheduler), ==, LIMBER_BREAK_SCHEDULER_NO_DEADLINE);
  g_assert_cmpuint (fixture->records->len, ==, 1);
  assert_record (fixture, 0, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_TAKEN);
  g_assert_cmpuint (g_array_index (fixture->records, LimberBreakRecord, 0).duration_s, ==, 45);

  /* The next micro-break comes a full interval later. */
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now),
                   ==, 25 * MIN_);
  run_until (fixture, fixture->now + 25 * MIN_);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);

  /* Ended early, it is taken with the seconds it lasted. */
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  fixture->now += 20 * S;
  g_assert_true (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, NULL));
  assert_record (fixture, 1, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_TAKEN);
  g_assert_cmpuint (g_array_index (fixture->records, LimberBreakRecord, 1).duration_s, ==, 20);
}

/* Strict mode: a break runs its whole length. */
static void
test_strict_break_runs_its_length (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->settings.strict = TRUE;
  make_scheduler (fixture);
  run_until (fixture, T0 + 25 * MIN_);
  limber_break_scheduler_start_break (fixture->scheduler, fixture->now, LIMBER_BREAK_KIND_MICRO);
  fixture->now += 20 * S;
  g_assert_false (limber_break_scheduler_finish_break (fixture->scheduler, fixture->now, TRUE, &error));
  g_assert_error (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_IN_BREAK);
  run_until (fixture, fixture->now + 25 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WORKING);
  assert_record (fixture, 0, LIMBER_BREAK_KIND_MICRO, LIMBER_BREAK_OUTCOME_TAKEN);
  g_assert_cmpuint (g_array_index (fixture->records, LimberBreakRecord, 0).duration_s, ==, 45);
}

/* Postponed by one minute, the break comes one minute of work later,
 * although reminders otherwise keep five minutes apart; until then the
 * break is not due and the time to it is not zero. */
static void
test_postpone_takes_the_chosen_time (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  fixture->settings.postpone_s = 60;
  make_scheduler (fixture);
  run_until (fixture, T0 + 25 * MIN_);
  assert_events (fixture, "warning:micro:30 due:micro@1500 ");

  g_assert_true (limber_break_scheduler_postpone (fixture->scheduler, fixture->now, NULL));
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WORKING);
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now),
                   ==, 60 * S);
  run_until (fixture, fixture->now + 59 * S);
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_WARNING);
  g_assert_cmpint (limber_break_scheduler_get_time_to_break (fixture->scheduler, LIMBER_BREAK_KIND_MICRO, fixture->now),
                   ==, S);
  run_until (fixture, fixture->now + S);
  assert_events (fixture, "warning:micro:30 due:micro@1560 ");
  g_assert_cmpint (limber_break_scheduler_get_state (fixture->scheduler), ==, LIMBER_BREAK_STATE_DUE);
}

/* Idleness is noticed a threshold after the last input; a wake-up in
 * between (a warning) must not count that time as work. */
static void
test_idle_after_wakeup_is_not_work (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  run_until (fixture, T0 + 10 * MIN_);
  /* The last input came at 9 minutes; the monitor says so at 11. */
  run_until (fixture, T0 + 11 * MIN_);
  limber_break_scheduler_user_away (fixture->scheduler, fixture->now, T0 + 9 * MIN_);
  /* Two minutes away already count as the micro-break; the rest break
   * keeps the nine minutes. */
  g_assert_cmpint (limber_break_scheduler_get_worked (fixture->scheduler, LIMBER_BREAK_KIND_REST, fixture->now), ==, 9 * MIN_);
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 9 * MIN_);

  /* Back to work: the count goes on from there. */
  limber_break_scheduler_user_active (fixture->scheduler, fixture->now);
  run_until (fixture, fixture->now + MIN_);
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now), ==, 10 * MIN_);
}

/* The wall clock jumps a year ahead and back: later real days still start
 * afresh, and a pause until tomorrow ends the next day. */
static void
test_clock_year_ahead_and_back (Fixture       *fixture,
                                gconstpointer  user_data)
{
  run_until (fixture, T0 + 20 * MIN_);
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2027-11-25");
  fixture->now += S;
  limber_break_scheduler_set_day (fixture->scheduler, fixture->now, "2026-11-25");
  run_until (fixture, fixture->now + 10 * MIN_);
  limber_break_scheduler_pause (fixture->scheduler, fixture->now, LIMBER_BREAK_SCHEDULER_NO_DEADLINE);

  limber_break_scheduler_set_day (fixture->scheduler, fixture->now + S, "2026-11-26");
  g_assert_false (limber_break_scheduler_is_paused (fixture->scheduler));
  g_assert_cmpint (limber_break_scheduler_get_today_active (fixture->scheduler, fixture->now + S), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scheduler/micro-break-due", test_micro_break_due);
  ADD ("/scheduler/only-active-time-counts", test_only_active_time_counts);
  ADD ("/scheduler/natural-break-threshold", test_natural_break_threshold);
  ADD ("/scheduler/idle-threshold-counts-as-away", test_idle_threshold_counts_as_away);
  ADD ("/scheduler/idle-during-warning", test_idle_during_warning);
  ADD ("/scheduler/postpone-limit", test_postpone_limit);
  ADD ("/scheduler/strict-mode", test_strict_mode);
  ADD ("/scheduler/take-and-skip", test_take_and_skip);
  ADD ("/scheduler/reminds-again", test_reminds_again);
  ADD ("/scheduler/suspend-across-rollover", test_suspend_across_rollover);
  ADD ("/scheduler/resume-after-suspend", test_resume_after_suspend);
  ADD ("/scheduler/settings-mid-interval", test_settings_mid_interval);
  ADD ("/scheduler/daily-limit", test_daily_limit);
  ADD ("/scheduler/pause", test_pause);
  ADD ("/scheduler/clock-set-back", test_clock_set_back);
  ADD ("/scheduler/clock-jumps-ahead-and-back", test_clock_jumps_ahead_and_back);
  ADD ("/scheduler/break-ends-by-itself", test_break_ends_by_itself);
  ADD ("/scheduler/strict-break-runs-its-length", test_strict_break_runs_its_length);
  ADD ("/scheduler/postpone-takes-the-chosen-time", test_postpone_takes_the_chosen_time);
  ADD ("/scheduler/clock-year-ahead-and-back", test_clock_year_ahead_and_back);
  ADD ("/scheduler/idle-after-wakeup-is-not-work", test_idle_after_wakeup_is_not_work);
  ADD ("/scheduler/random-invariants", test_random_invariants);
#undef ADD

  return g_test_run ();
}
