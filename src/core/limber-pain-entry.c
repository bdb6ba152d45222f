/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal.h"
#include "limber-pain-entry.h"

static const LimberFlagInfo body_regions[] = {
  { LIMBER_BODY_REGION_NECK,                    "neck",                    N_("Neck") },
  { LIMBER_BODY_REGION_LEFT_UPPER_TRAPEZIUS,    "left-upper-trapezius",    N_("Left neck and shoulder") },
  { LIMBER_BODY_REGION_RIGHT_UPPER_TRAPEZIUS,   "right-upper-trapezius",   N_("Right neck and shoulder") },
  { LIMBER_BODY_REGION_BETWEEN_SHOULDER_BLADES, "between-shoulder-blades", N_("Between the shoulder blades") },
  { LIMBER_BODY_REGION_MID_BACK,                "mid-back",                N_("Mid back") },
  { LIMBER_BODY_REGION_LEFT_SHOULDER,           "left-shoulder",           N_("Left shoulder") },
  { LIMBER_BODY_REGION_RIGHT_SHOULDER,          "right-shoulder",          N_("Right shoulder") },
  { LIMBER_BODY_REGION_LEFT_ARM,                "left-arm",                N_("Left arm") },
  { LIMBER_BODY_REGION_RIGHT_ARM,               "right-arm",               N_("Right arm") },
  { LIMBER_BODY_REGION_HEAD,                    "head",                    N_("Head") },
  { LIMBER_BODY_REGION_LOWER_BACK,              "lower-back",              N_("Lower back") },
};

static const LimberFlagInfo red_flags[] = {
  { LIMBER_RED_FLAG_CHEST,                "chest",                N_("Chest pain or pressure, or trouble breathing") },
  { LIMBER_RED_FLAG_ARM_OR_JAW,           "arm-or-jaw",           N_("Pain spreading into the arm or jaw") },
  { LIMBER_RED_FLAG_TEARING,              "tearing",              N_("Sudden tearing pain between the shoulder blades") },
  { LIMBER_RED_FLAG_ACCIDENT,             "accident",             N_("Pain after a fall or an accident") },
  { LIMBER_RED_FLAG_LEGS_OR_BLADDER,      "legs-or-bladder",      N_("Numb or weak legs, numbness in the groin, or new bladder or bowel trouble") },
  { LIMBER_RED_FLAG_HEAD_OR_SPEECH,       "head-or-speech",       N_("Sudden severe headache, double vision, fainting or slurred speech") },
  { LIMBER_RED_FLAG_FEVER_OR_WEIGHT_LOSS, "fever-or-weight-loss", N_("Fever, night sweats or weight loss without a reason") },
  { LIMBER_RED_FLAG_NIGHT_OR_WORSENING,   "night-or-worsening",   N_("Pain that is constant, keeps getting worse, or is worse at night and not eased by rest") },
  { LIMBER_RED_FLAG_ARM_NUMBNESS,         "arm-numbness",         N_("Numb or weak arms, clumsy hands or unsteady walking") },
};

const LimberFlagInfo *
limber_body_regions (guint *n_out)
{
  *n_out = G_N_ELEMENTS (body_regions);
  return body_regions;
}

const LimberFlagInfo *
limber_red_flags (guint *n_out)
{
  *n_out = G_N_ELEMENTS (red_flags);
  return red_flags;
}

char *
limber_flags_to_ids (const LimberFlagInfo *infos,
                     guint                 n_infos,
                     guint                 flags)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < n_infos; i++)
    {
      if (flags & infos[i].flag)
        {
          if (ids->len > 0)
            g_string_append_c (ids, ';');
          g_string_append (ids, infos[i].id);
        }
    }

  return g_string_free (ids, FALSE);
}

gboolean
limber_flags_from_ids (const LimberFlagInfo  *infos,
                       guint                  n_infos,
                       const char            *ids,
                       guint                 *flags_out,
                       char                 **bad_id_out)
{
  g_auto (GStrv) parts = g_strsplit (ids, ";", -1);
  guint flags = 0;

  for (guint p = 0; parts[p] != NULL; p++)
    {
      const char *id = g_strstrip (parts[p]);
      gboolean known = FALSE;

      if (*id == '\0')
        continue;

      for (guint i = 0; i < n_infos && !known; i++)
        {
          if (g_str_equal (id, infos[i].id))
            {
              flags |= infos[i].flag;
              known = TRUE;
            }
        }

      if (!known)
        {
          *bad_id_out = g_strdup (id);
          return FALSE;
        }
    }

  *flags_out = flags;
  return TRUE;
}

LimberPainEntry *
limber_pain_entry_new (const char *day)
{
  LimberPainEntry *entry = g_new0 (LimberPainEntry, 1);

  if (day != NULL)
    g_strlcpy (entry->day, day, sizeof entry->day);
  entry->average = LIMBER_PAIN_SCORE_UNSET;
  entry->worst = LIMBER_PAIN_SCORE_UNSET;
  entry->activity = LIMBER_PAIN_SCORE_UNSET;
  entry->enjoyment = LIMBER_PAIN_SCORE_UNSET;

  return entry;
}

LimberPainEntry *
limber_pain_entry_copy (const LimberPainEntry *entry)
{
  LimberPainEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->note = g_strdup (entry->note);

  return copy;
}

void
limber_pain_entry_free (LimberPainEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->note);
  g_free (entry);
}

void
limber_pain_entry_set_note (LimberPainEntry *entry,
                            const char      *note)
{
  g_return_if_fail (entry != NULL);

  g_free (entry->note);
  entry->note = (note != NULL && *note != '\0') ? g_strdup (note) : NULL;
}

G_DEFINE_BOXED_TYPE (LimberPainEntry, limber_pain_entry, limber_pain_entry_copy, limber_pain_entry_free)

static gboolean
check_score (int          score,
             gboolean     required,
             const char  *field,
             GError     **error)
{
  if (score == LIMBER_PAIN_SCORE_UNSET && !required)
    return TRUE;

  if (score < LIMBER_PAIN_SCORE_MIN || score > LIMBER_PAIN_SCORE_MAX)
    {
      if (score == LIMBER_PAIN_SCORE_UNSET)
        /* Translators: %s names a field, such as “average”. */
        g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                     _("%s: a score from 0 to 10 is needed"), field);
      else
        /* Translators: %s names a field, %d is the score given. */
        g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                     _("%s: %d is not a score from 0 to 10"), field, score);
      return FALSE;
    }

  return TRUE;
}

/* 0 is a time not given yet, which saving sets. */
static gboolean
check_time (gint64       utc,
            int          offset_s,
            const char  *field,
            GError     **error)
{
  if (utc == 0 || limber_time_is_valid (utc, offset_s))
    return TRUE;

  /* Translators: %s names a field, such as “updated”. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: the time is outside the years a journal can hold"), field);
  return FALSE;
}

gboolean
limber_uuid_is_valid (const char *text)
{
  if (!g_uuid_string_is_valid (text))
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isupper (*c))
        return FALSE;
    }
  return TRUE;
}

void
limber_uuid_normalise (char *uuid)
{
  for (char *c = uuid; *c != '\0'; c++)
    *c = g_ascii_tolower (*c);
}

gboolean
limber_pain_entry_validate (const LimberPainEntry  *entry,
                            const char             *today,
                            GError                **error)
{
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (limber_day_is_valid (today), FALSE);

  if (!limber_day_is_valid (entry->day))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("date: “%s” is not a date written as YYYY-MM-DD"), entry->day);
      return FALSE;
    }

  if (strcmp (entry->day, today) > 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("date: %s is in the future; today is %s"), entry->day, today);
      return FALSE;
    }

  if (entry->uuid[0] != '\0' && !limber_uuid_is_valid (entry->uuid))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("uuid: “%s” is not a UUID"), entry->uuid);
      return FALSE;
    }

  if (!check_score (entry->average, TRUE, "average", error) ||
      !check_score (entry->worst, FALSE, "worst", error) ||
      !check_score (entry->activity, FALSE, "activity", error) ||
      !check_score (entry->enjoyment, FALSE, "enjoyment", error))
    return FALSE;

  if (!check_time (entry->created_utc, entry->created_offset_s, "created", error) ||
      !check_time (entry->updated_utc, entry->updated_offset_s, "updated", error))
    return FALSE;

  if (entry->worst != LIMBER_PAIN_SCORE_UNSET && entry->worst < entry->average)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("worst: the worst pain (%d) cannot be below the average (%d)"),
                   entry->worst, entry->average);
      return FALSE;
    }

  if ((entry->regions & ~LIMBER_BODY_REGION_ALL) != 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("regions: unknown body region"));
      return FALSE;
    }

  if ((entry->red_flags & ~LIMBER_RED_FLAG_ALL) != 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("red_flags: unknown symptom"));
      return FALSE;
    }

  if (entry->note != NULL)
    {
      if (!g_utf8_validate (entry->note, -1, NULL))
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       _("note: the text is not valid UTF-8"));
          return FALSE;
        }

      if (g_utf8_strlen (entry->note, -1) > LIMBER_PAIN_NOTE_MAX_CHARS)
        {
          glong length = g_utf8_strlen (entry->note, -1);

          /* Translators: the plural follows the note's length; the
           * second number is the most allowed. */
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "note: the text has %ld character, more than the %d allowed",
                                    "note: the text has %ld characters, more than the %d allowed",
                                    length),
                       length, LIMBER_PAIN_NOTE_MAX_CHARS);
          return FALSE;
        }
    }

  return TRUE;
}
