/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-catalogue.h"
#include "limber-clock.h"
#include "limber-dbus-breaks.h"
#include "limber-journal.h"

G_BEGIN_DECLS

typedef enum
{
  LIMBER_DAEMON_STATE_CONNECTING,
  LIMBER_DAEMON_STATE_RUNNING,
  LIMBER_DAEMON_STATE_STOPPED,
  LIMBER_DAEMON_STATE_FAILED,
} LimberDaemonState;

#define LIMBER_TYPE_CONTEXT (limber_context_get_type ())

G_DECLARE_FINAL_TYPE (LimberContext, limber_context, LIMBER, CONTEXT, GObject)

LimberContext     *limber_context_new              (GSettings     *settings);
GSettings         *limber_context_get_settings     (LimberContext *self);

/**
 * limber_context_get_clock:
 *
 * The clock that says what time and what day it is for every window,
 * its day starting at the hour the settings give.
 */
LimberClock       *limber_context_get_clock        (LimberContext *self);

/**
 * limber_context_start_daemon:
 *
 * Connects to limber-daemon, starting it when it is not running. The
 * #LimberContext:daemon-state property follows what happens.
 */
void               limber_context_start_daemon     (LimberContext *self);

LimberDaemonState  limber_context_get_daemon_state (LimberContext *self);
const char        *limber_context_get_daemon_error (LimberContext *self);

/**
 * limber_context_get_breaks:
 *
 * The proxy for the daemon's break timer, or %NULL while it is not running.
 */
LimberBreaks      *limber_context_get_breaks       (LimberContext *self);

/**
 * limber_context_open_journal:
 *
 * Opens the journal at @path. On failure #LimberContext:journal stays
 * %NULL and limber_context_get_journal_error() says why.
 */
void               limber_context_open_journal     (LimberContext *self,
                                                    const char    *path);
LimberJournal     *limber_context_get_journal      (LimberContext *self);

/**
 * limber_context_get_catalogue:
 *
 * The stretches: the shipped ones and the user's, loaded on first use.
 */
LimberCatalogue   *limber_context_get_catalogue    (LimberContext *self);
const char        *limber_context_get_journal_error (LimberContext *self);

G_END_DECLS
