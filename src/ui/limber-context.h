/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-catalogue.h"
#include "limber-clock.h"
#include "limber-dbus-breaks.h"
#include "limber-journal-writer.h"

G_BEGIN_DECLS

typedef enum
{
  LIMBER_DAEMON_STATE_CONNECTING,
  LIMBER_DAEMON_STATE_RUNNING,
  LIMBER_DAEMON_STATE_STOPPED,
  LIMBER_DAEMON_STATE_FAILED,
} LimberDaemonState;

/**
 * LimberJournalState:
 * @LIMBER_JOURNAL_STATE_NONE: no journal was asked for
 * @LIMBER_JOURNAL_STATE_OPENING: it is being opened, away from the main
 *   thread; #LimberContext:journal is %NULL until it is open
 * @LIMBER_JOURNAL_STATE_READY: #LimberContext:journal is set
 * @LIMBER_JOURNAL_STATE_FAILED: it could not be opened;
 *   #LimberContext:journal-error says why
 */
typedef enum
{
  LIMBER_JOURNAL_STATE_NONE,
  LIMBER_JOURNAL_STATE_OPENING,
  LIMBER_JOURNAL_STATE_READY,
  LIMBER_JOURNAL_STATE_FAILED,
} LimberJournalState;

#define LIMBER_TYPE_CONTEXT (limber_context_get_type ())

G_DECLARE_FINAL_TYPE (LimberContext, limber_context, LIMBER, CONTEXT, GObject)

LimberContext     *limber_context_new              (GSettings     *settings);
GSettings         *limber_context_get_settings     (LimberContext *self);
/* The window state (io.github.limberapp.Limber.State): what the windows
 * keep of where they were left, which the daemon never reads. */
GSettings         *limber_context_get_state        (LimberContext *self);

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
 * Starts opening the journal at @path in a worker thread and returns at
 * once: a slow disk, a migration or the day's backup do not hold up the
 * windows. #LimberContext:journal-state becomes
 * %LIMBER_JOURNAL_STATE_OPENING, and #LimberContext:journal is %NULL
 * until the journal is open; then it is set and the state becomes
 * %LIMBER_JOURNAL_STATE_READY. On failure the journal stays %NULL, the
 * state becomes %LIMBER_JOURNAL_STATE_FAILED and
 * #LimberContext:journal-error says why. All of these are notified
 * together, from the main context, once all of them hold.
 *
 * A journal opened before is closed (the property goes %NULL at once). A
 * request still under way is superseded: what it opens is closed unseen.
 * Disposing the context does the same.
 */
void               limber_context_open_journal     (LimberContext *self,
                                                    const char    *path);
LimberJournal     *limber_context_get_journal      (LimberContext *self);

/**
 * limber_context_get_journal_notice:
 *
 * What a repair of the journal found damaged at open did, in a sentence
 * or two for the person; %NULL when there was none.
 */
const char        *limber_context_get_journal_notice (LimberContext *self);

/**
 * limber_context_get_writer:
 *
 * Where the windows' writes go: on a thread of its own, kept and retried
 * until they are stored, whether or not #LimberContext:journal is open
 * yet. %NULL before limber_context_open_journal().
 */
LimberJournalWriter *limber_context_get_writer    (LimberContext *self);

/**
 * limber_context_close_journal_writer:
 *
 * Finishes the writes under way before the application's main loop
 * stops; what cannot be stored waits in the spool for the next start.
 */
void               limber_context_close_journal_writer (LimberContext *self);
LimberJournalState limber_context_get_journal_state (LimberContext *self);

/**
 * limber_context_get_journal_path:
 *
 * The path last given to limber_context_open_journal(), open or not, or
 * %NULL.
 */
const char        *limber_context_get_journal_path (LimberContext *self);

/**
 * limber_context_get_catalogue:
 *
 * The stretches: the shipped ones and the user's, loaded on first use.
 */
LimberCatalogue   *limber_context_get_catalogue    (LimberContext *self);

/**
 * limber_context_get_journal_error:
 *
 * Why the journal could not be opened, while
 * #LimberContext:journal-state is %LIMBER_JOURNAL_STATE_FAILED; %NULL
 * otherwise.
 */
const char        *limber_context_get_journal_error (LimberContext *self);

G_END_DECLS
