/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-pain-entry.h"

G_BEGIN_DECLS

/* What the journal records besides pain entries, as plain values: breaks
 * and what became of them, and guided stretches. The scheduler, the
 * catalogue and the journal share these. Each enum's nicks (generated in
 * limber-record-enums.h) are the names the journal stores, the D-Bus
 * interface and the command line use. */

typedef enum
{
  LIMBER_BREAK_KIND_MICRO,
  LIMBER_BREAK_KIND_REST,
} LimberBreakKind;

typedef enum
{
  LIMBER_BREAK_OUTCOME_TAKEN,
  LIMBER_BREAK_OUTCOME_NATURAL,
  LIMBER_BREAK_OUTCOME_POSTPONED,
  LIMBER_BREAK_OUTCOME_SKIPPED,
  LIMBER_BREAK_OUTCOME_MISSED,
} LimberBreakOutcome;

/* What the person did with the break's notification, if one was shown. */
typedef enum
{
  /* No notification; stored as nothing (NULL). */
  LIMBER_REMINDER_NONE,
  /* They chose one of its actions. */
  LIMBER_REMINDER_ACTION,
  LIMBER_REMINDER_DISMISSED,
  LIMBER_REMINDER_EXPIRED,
} LimberReminderOutcome;

/**
 * limber_break_kind_name:
 *
 * "micro" or "rest".
 */
const char *limber_break_kind_name            (LimberBreakKind        kind);
gboolean    limber_break_kind_from_name       (const char            *name,
                                               LimberBreakKind       *kind);

/**
 * limber_break_outcome_name:
 *
 * "taken", "natural", "postponed", "skipped" or "missed".
 */
const char *limber_break_outcome_name         (LimberBreakOutcome     outcome);
gboolean    limber_break_outcome_from_name    (const char            *name,
                                               LimberBreakOutcome    *outcome);

/**
 * limber_reminder_outcome_name:
 *
 * "action", "dismissed" or "expired"; %NULL for %LIMBER_REMINDER_NONE,
 * which has no name: it is never stored nor read.
 */
const char *limber_reminder_outcome_name      (LimberReminderOutcome  outcome);
gboolean    limber_reminder_outcome_from_name (const char            *name,
                                               LimberReminderOutcome *outcome);

/* One break that came due, and what became of it. */
typedef struct
{
  char               uuid[LIMBER_UUID_LENGTH + 1];
  char               day[LIMBER_DAY_LENGTH + 1];
  LimberBreakKind    kind;
  LimberBreakOutcome outcome;
  gint64             due_utc;
  int                due_offset_s;
  gint64             end_utc;
  int                end_offset_s;
  int                duration_s;
  LimberReminderOutcome reminder;
} LimberBreakEvent;

/* One guided stretch, finished or not. */
typedef struct
{
  char    uuid[LIMBER_UUID_LENGTH + 1];
  char    day[LIMBER_DAY_LENGTH + 1];
  /* The exercise or routine, such as "wall-angels". */
  char   *activity_id;
  gint64  start_utc;
  int     start_offset_s;
  gint64  end_utc;
  int     end_offset_s;
  int     seconds_done;
  gboolean completed;
  int     pain_before;
  int     pain_after;
} LimberStretchSession;

/* Frees a session allocated with g_new() and its activity id. */
void        limber_stretch_session_free       (LimberStretchSession        *session);

/* Check a record as the journal's CHECK constraints do, naming the field
 * that is wrong. */
gboolean    limber_break_event_validate       (const LimberBreakEvent      *event,
                                               GError                     **error);
gboolean    limber_stretch_session_validate   (const LimberStretchSession  *session,
                                               GError                     **error);

G_END_DECLS
