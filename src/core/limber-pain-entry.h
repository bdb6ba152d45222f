/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "limber-day.h"

G_BEGIN_DECLS

/* Scores are 0 to 10, 0 being no pain and 10 the worst imaginable. */
#define LIMBER_PAIN_SCORE_MIN   0
#define LIMBER_PAIN_SCORE_MAX   10
/* An optional score that was not given. */
#define LIMBER_PAIN_SCORE_UNSET (-1)
#define LIMBER_PAIN_NOTE_MAX_CHARS 2000
#define LIMBER_UUID_LENGTH 36

/**
 * limber_uuid_is_valid:
 *
 * Whether @text is a UUID in the one form a journal stores: lower case.
 */
gboolean limber_uuid_is_valid (const char *text);

/**
 * limber_uuid_normalise:
 *
 * Writes the UUID @uuid in lower case, in place, so that the same UUID
 * written in upper case elsewhere is the same record.
 */
void     limber_uuid_normalise (char *uuid);

typedef enum
{
  LIMBER_BODY_REGION_NECK                    = 1 << 0,
  LIMBER_BODY_REGION_LEFT_UPPER_TRAPEZIUS    = 1 << 1,
  LIMBER_BODY_REGION_RIGHT_UPPER_TRAPEZIUS   = 1 << 2,
  LIMBER_BODY_REGION_BETWEEN_SHOULDER_BLADES = 1 << 3,
  LIMBER_BODY_REGION_MID_BACK                = 1 << 4,
  LIMBER_BODY_REGION_LEFT_SHOULDER           = 1 << 5,
  LIMBER_BODY_REGION_RIGHT_SHOULDER          = 1 << 6,
  LIMBER_BODY_REGION_LEFT_ARM                = 1 << 7,
  LIMBER_BODY_REGION_RIGHT_ARM               = 1 << 8,
  LIMBER_BODY_REGION_HEAD                    = 1 << 9,
  LIMBER_BODY_REGION_LOWER_BACK              = 1 << 10,
} LimberBodyRegion;

#define LIMBER_BODY_REGION_ALL ((1u << 11) - 1)

typedef enum
{
  /* Get emergency help. */
  LIMBER_RED_FLAG_CHEST                = 1 << 0,
  LIMBER_RED_FLAG_ARM_OR_JAW           = 1 << 1,
  LIMBER_RED_FLAG_TEARING              = 1 << 2,
  LIMBER_RED_FLAG_ACCIDENT             = 1 << 3,
  LIMBER_RED_FLAG_LEGS_OR_BLADDER      = 1 << 4,
  LIMBER_RED_FLAG_HEAD_OR_SPEECH       = 1 << 5,
  /* See a doctor soon. */
  LIMBER_RED_FLAG_FEVER_OR_WEIGHT_LOSS = 1 << 6,
  LIMBER_RED_FLAG_NIGHT_OR_WORSENING   = 1 << 7,
  LIMBER_RED_FLAG_ARM_NUMBNESS         = 1 << 8,
} LimberRedFlag;

#define LIMBER_RED_FLAG_ALL       ((1u << 9) - 1)
#define LIMBER_RED_FLAG_EMERGENCY ((1u << 6) - 1)

typedef struct
{
  guint       flag;
  /* Stable name in exported files. */
  const char *id;
  /* What a person reads; translate with _(). */
  const char *label;
} LimberFlagInfo;

/**
 * limber_body_regions / limber_red_flags:
 *
 * Every region and every red-flag symptom, in display order; @n_out
 * receives the count.
 */
const LimberFlagInfo *limber_body_regions (guint *n_out);
const LimberFlagInfo *limber_red_flags    (guint *n_out);

/**
 * limber_flags_to_ids:
 *
 * @flags as their ids joined by ";", such as "neck;mid-back".
 */
char     *limber_flags_to_ids   (const LimberFlagInfo *infos,
                                 guint                 n_infos,
                                 guint                 flags);

/**
 * limber_flags_from_ids:
 *
 * Parses ids joined by ";" into @flags_out. On an unknown id, returns
 * %FALSE and sets @bad_id_out to a copy of it.
 */
gboolean  limber_flags_from_ids (const LimberFlagInfo *infos,
                                 guint                 n_infos,
                                 const char           *ids,
                                 guint                *flags_out,
                                 char                **bad_id_out);

#define LIMBER_TYPE_PAIN_ENTRY (limber_pain_entry_get_type ())

/* One day's entry in the pain journal. */
typedef struct
{
  /* Filled in by the journal when empty. */
  char    uuid[LIMBER_UUID_LENGTH + 1];
  char    day[LIMBER_DAY_LENGTH + 1];
  int     average;
  int     worst;
  int     activity;
  int     enjoyment;
  guint   regions;
  guint   red_flags;
  /* NULL or valid UTF-8 of at most LIMBER_PAIN_NOTE_MAX_CHARS characters. */
  char   *note;
  /* UTC seconds and the UTC offset in seconds at that moment; set by the
   * journal when saved. */
  gint64  created_utc;
  int     created_offset_s;
  gint64  updated_utc;
  int     updated_offset_s;
} LimberPainEntry;

GType            limber_pain_entry_get_type (void) G_GNUC_CONST;
LimberPainEntry *limber_pain_entry_new      (const char            *day);
LimberPainEntry *limber_pain_entry_copy     (const LimberPainEntry *entry);
void             limber_pain_entry_free     (LimberPainEntry       *entry);
void             limber_pain_entry_set_note (LimberPainEntry       *entry,
                                             const char            *note);

/**
 * limber_pain_entry_validate:
 *
 * Checks @entry as the journal stores it, with @today as the latest day
 * allowed. The error, LIMBER_JOURNAL_ERROR_INVALID_INPUT, names the field.
 */
gboolean         limber_pain_entry_validate (const LimberPainEntry  *entry,
                                             const char             *today,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPainEntry, limber_pain_entry_free)

G_END_DECLS
