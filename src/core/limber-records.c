/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal.h"
#include "limber-record-enums.h"
#include "limber-records.h"

/* The names of the enums are their nicks: one table, generated from
 * limber-records.h. */

static const char *
nick_of (GType type,
         int   value)
{
  g_autoptr (GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (enum_class, value);

  return found != NULL ? found->value_nick : NULL;
}

static gboolean
value_of (GType       type,
          const char *nick,
          int        *value)
{
  g_autoptr (GEnumClass) enum_class = NULL;
  GEnumValue *found;

  if (nick == NULL)
    return FALSE;
  enum_class = g_type_class_ref (type);
  found = g_enum_get_value_by_nick (enum_class, nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

const char *
limber_break_kind_name (LimberBreakKind kind)
{
  const char *name = nick_of (LIMBER_TYPE_BREAK_KIND, kind);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

gboolean
limber_break_kind_from_name (const char      *name,
                             LimberBreakKind *kind)
{
  int value;

  if (!value_of (LIMBER_TYPE_BREAK_KIND, name, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
limber_break_outcome_name (LimberBreakOutcome outcome)
{
  const char *name = nick_of (LIMBER_TYPE_BREAK_OUTCOME, outcome);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

gboolean
limber_break_outcome_from_name (const char         *name,
                                LimberBreakOutcome *outcome)
{
  int value;

  if (!value_of (LIMBER_TYPE_BREAK_OUTCOME, name, &value))
    return FALSE;
  *outcome = value;
  return TRUE;
}

const char *
limber_reminder_outcome_name (LimberReminderOutcome outcome)
{
  g_return_val_if_fail (nick_of (LIMBER_TYPE_REMINDER_OUTCOME, outcome) != NULL, NULL);

  if (outcome == LIMBER_REMINDER_NONE)
    return NULL;
  return nick_of (LIMBER_TYPE_REMINDER_OUTCOME, outcome);
}

gboolean
limber_reminder_outcome_from_name (const char            *name,
                                   LimberReminderOutcome *outcome)
{
  int value;

  if (!value_of (LIMBER_TYPE_REMINDER_OUTCOME, name, &value) || value == LIMBER_REMINDER_NONE)
    return FALSE;
  *outcome = value;
  return TRUE;
}

void
limber_stretch_session_free (LimberStretchSession *session)
{
  if (session == NULL)
    return;
  g_free (session->activity_id);
  g_free (session);
}

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *problem)
{
  /* Translators: the first %s names a field, the second says what is wrong. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: %s"), field, problem);
  return FALSE;
}

gboolean
limber_break_event_validate (const LimberBreakEvent  *event,
                             GError                 **error)
{
  if (!limber_uuid_is_valid (event->uuid))
    return invalid (error, "uuid", _("not a UUID"));
  if (!limber_day_is_valid (event->day))
    return invalid (error, "day", _("not a date written as YYYY-MM-DD"));
  if (event->kind > LIMBER_BREAK_KIND_REST)
    return invalid (error, "kind", _("must be “micro” or “rest”"));
  if (event->outcome > LIMBER_BREAK_OUTCOME_MISSED)
    return invalid (error, "outcome", _("must be taken, natural, postponed, skipped or missed"));
  if (!limber_time_is_valid (event->due_utc, event->due_offset_s))
    return invalid (error, "due", _("outside the years a journal can hold"));
  if (!limber_time_is_valid (event->end_utc, event->end_offset_s))
    return invalid (error, "end", _("outside the years a journal can hold"));
  if (event->duration_s < 0)
    return invalid (error, "duration_s", _("cannot be negative"));
  if (event->reminder > LIMBER_REMINDER_EXPIRED)
    return invalid (error, "reminder", _("must be action, dismissed or expired"));
  return TRUE;
}

gboolean
limber_stretch_session_validate (const LimberStretchSession  *session,
                                 GError                     **error)
{
  if (!limber_uuid_is_valid (session->uuid))
    return invalid (error, "uuid", _("not a UUID"));
  if (!limber_day_is_valid (session->day))
    return invalid (error, "day", _("not a date written as YYYY-MM-DD"));
  if (session->activity_id == NULL || *session->activity_id == '\0' || strlen (session->activity_id) > 64)
    return invalid (error, "activity_id", _("must be 1 to 64 characters"));
  if (!limber_time_is_valid (session->start_utc, session->start_offset_s))
    return invalid (error, "start", _("outside the years a journal can hold"));
  if (!limber_time_is_valid (session->end_utc, session->end_offset_s))
    return invalid (error, "end", _("outside the years a journal can hold"));
  if (session->end_utc < session->start_utc)
    return invalid (error, "end", _("cannot be before the start"));
  if (session->seconds_done < 0)
    return invalid (error, "seconds_done", _("cannot be negative"));
  if (session->pain_before != LIMBER_PAIN_SCORE_UNSET &&
      (session->pain_before < LIMBER_PAIN_SCORE_MIN || session->pain_before > LIMBER_PAIN_SCORE_MAX))
    return invalid (error, "pain_before", _("not a score from 0 to 10"));
  if (session->pain_after != LIMBER_PAIN_SCORE_UNSET &&
      (session->pain_after < LIMBER_PAIN_SCORE_MIN || session->pain_after > LIMBER_PAIN_SCORE_MAX))
    return invalid (error, "pain_after", _("not a score from 0 to 10"));
  return TRUE;
}
