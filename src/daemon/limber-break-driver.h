/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-activity-monitor.h"
#include "limber-break-scheduler.h"
#include "limber-clock.h"
#include "limber-journal-writer.h"
#include "limber-session-monitor.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_BREAK_DRIVER (limber_break_driver_get_type ())

G_DECLARE_FINAL_TYPE (LimberBreakDriver, limber_break_driver, LIMBER, BREAK_DRIVER, GObject)

/* Runs a LimberBreakScheduler on the main loop: feeds it the monotonic
 * time, the day from the process's clock, the settings and sleep, keeps
 * exactly one timeout armed for its next deadline, and writes every
 * settled break to the journal. */

/**
 * limber_break_driver_new:
 * @settings: (nullable): the app's settings, or %NULL for the defaults
 * @writer: (nullable): where settled breaks go
 * @clock: what day it is
 */
LimberBreakDriver    *limber_break_driver_new            (GSettings         *settings,
                                                          LimberJournalWriter *writer,
                                                          LimberClock       *clock);
LimberBreakScheduler *limber_break_driver_get_scheduler  (LimberBreakDriver *self);
LimberClock          *limber_break_driver_get_clock      (LimberBreakDriver *self);

/**
 * limber_break_driver_watch:
 * @activity: (nullable): how to tell work from absence; %NULL counts all
 *   time as work
 * @session: (nullable): lock and sleep
 *
 * Feeds what the monitors see to the scheduler.
 */
void                  limber_break_driver_watch          (LimberBreakDriver     *self,
                                                          LimberActivityMonitor *activity,
                                                          LimberSessionMonitor  *session);

/**
 * limber_break_driver_now:
 *
 * The monotonic time after accounting for any sleep since the last input.
 * Call it for the now_us of each scheduler input, then
 * limber_break_driver_rearm().
 */
gint64                limber_break_driver_now            (LimberBreakDriver *self);

/**
 * limber_break_driver_rearm:
 *
 * Arms the timeout for the scheduler's next deadline and says that the
 * published state may have changed.
 */
void                  limber_break_driver_rearm          (LimberBreakDriver *self);

/* The user's requests, applied now and followed by a rearm; they fail as
 * the scheduler's functions do. */
void                  limber_break_driver_start_break    (LimberBreakDriver  *self,
                                                          LimberBreakKind     kind);
gboolean              limber_break_driver_finish_break   (LimberBreakDriver  *self,
                                                          gboolean            completed,
                                                          GError            **error);
gboolean              limber_break_driver_postpone       (LimberBreakDriver  *self,
                                                          GError            **error);
gboolean              limber_break_driver_skip           (LimberBreakDriver  *self,
                                                          GError            **error);
/**
 * limber_break_driver_pause:
 * @seconds: how long, or -1 for until the next day starts
 */
void                  limber_break_driver_pause          (LimberBreakDriver  *self,
                                                          gint64              seconds);
void                  limber_break_driver_resume         (LimberBreakDriver  *self);

/**
 * limber_break_driver_note_reminder:
 *
 * What became of the notification of the break of @kind; the journal
 * keeps it with the break's outcome.
 */
void                  limber_break_driver_note_reminder  (LimberBreakDriver     *self,
                                                          LimberBreakKind        kind,
                                                          LimberReminderOutcome  outcome);

/**
 * limber_break_driver_to_wall:
 *
 * The wall-clock time, in UTC seconds, of the monotonic time @monotonic_us.
 */
gint64                limber_break_driver_to_wall        (LimberBreakDriver *self,
                                                          gint64             monotonic_us);

/**
 * limber_break_driver_get_wakeups:
 *
 * How often the deadline timeout fired, for tests and benchmarks.
 */
guint                 limber_break_driver_get_wakeups    (LimberBreakDriver *self);

G_END_DECLS
