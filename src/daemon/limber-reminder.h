/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-break-driver.h"
#include "limber-catalogue.h"
#include "limber-journal.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_REMINDER (limber_reminder_get_type ())

G_DECLARE_FINAL_TYPE (LimberReminder, limber_reminder, LIMBER, REMINDER, GObject)

/* The notifications: a warning before a break, the break itself with
 * Start, Postpone and Skip, and the daily "log your pain" reminder. One
 * notification per kind, replaced in place; held back while the desktop
 * asks for no banners. */

/**
 * limber_reminder_new:
 * @settings: (nullable): the app's settings, or %NULL for the defaults
 * @journal: (nullable): to see whether today has a pain entry, and
 *   where it hurt lately
 * @catalogue: (nullable): the stretches to suggest
 */
LimberReminder *limber_reminder_new (LimberBreakDriver *driver,
                                     GSettings         *settings,
                                     LimberJournal     *journal,
                                     LimberCatalogue   *catalogue);

/**
 * limber_reminder_guide_break:
 *
 * Opens the guided window on a suggested stretch for the break of @kind
 * that has just started, as Start in a notification does.
 */
void limber_reminder_guide_break (LimberReminder  *self,
                                  LimberBreakKind  kind);

/**
 * limber_reminder_tell:
 *
 * Tells the person something about their journal (a repair, writes that
 * wait to be saved) in a notification that stays until they close it;
 * a %NULL @title takes it back.
 */
void limber_reminder_tell (LimberReminder *self,
                           const char     *title,
                           const char     *body);

/**
 * limber_reminder_get_suggestion:
 *
 * The stretch or routine for the break of @kind now coming, due or under
 * way: the one its notification named, and the one
 * limber_reminder_guide_break() opens; %NULL without a catalogue.
 */
const char *limber_reminder_get_suggestion (LimberReminder  *self,
                                            LimberBreakKind  kind);

/**
 * limber_reminder_get_pain_reminder_time:
 *
 * When the daily pain reminder comes next, as of now; %NULL while it
 * waits for the person to come back to the computer, or when it is off.
 */
GDateTime  *limber_reminder_get_pain_reminder_time (LimberReminder *self);

/* The journal the reminders read, once it is open. */
void limber_reminder_set_journal (LimberReminder *self,
                                  LimberJournal  *journal);

G_END_DECLS
