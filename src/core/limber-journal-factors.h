/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-factor-insight.h"
#include "limber-journal.h"

G_BEGIN_DECLS

/* What a person did on a day and how the day was, beside the pain entry:
 * factors (heat, massage, their own), pain medication's name and doses,
 * sleep, stress, hours at the desk, and dated one-off changes. */

#define LIMBER_FACTOR_NAME_MAX_CHARS      64
#define LIMBER_MEDICINE_NAME_MAX_CHARS    64
#define LIMBER_MEDICINE_DOSES_MAX         20
#define LIMBER_LIFE_CHANGE_MAX_CHARS      120
/* Sleep and desk time are kept in tenths of an hour. */
#define LIMBER_DAY_TENTHS_MAX             240
#define LIMBER_MEASURE_UNSET              (-1)

/* The built-in factors' keys, which the command line also takes. Every
 * journal has them, with the same UUIDs everywhere. */
#define LIMBER_FACTOR_HEAT             "heat"
#define LIMBER_FACTOR_COLD             "cold"
#define LIMBER_FACTOR_MASSAGE          "massage"
#define LIMBER_FACTOR_PAIN_MEDICATION  "pain-medication"
#define LIMBER_FACTOR_PHYSIOTHERAPY    "physiotherapy"
#define LIMBER_FACTOR_CHIROPRACTIC     "chiropractic"
#define LIMBER_FACTOR_ACUPUNCTURE      "acupuncture"
#define LIMBER_FACTOR_YOGA             "yoga"
#define LIMBER_FACTOR_WALK             "walk"

/* The one factor a day's medicine name and doses belong to. */
#define LIMBER_FACTOR_PAIN_MEDICATION_UUID "d3e3f30e-9a81-4be7-a783-63859763b083"

typedef struct
{
  char      uuid[LIMBER_UUID_LENGTH + 1];
  /* One of the LIMBER_FACTOR_* keys for a built-in, else %NULL. */
  char     *builtin;
  /* What the person named it; %NULL for a built-in they have not
   * renamed. limber_factor_get_label() is what to show. */
  char     *name;
  gboolean  retired;
  gint64    created_utc;
  int       created_offset_s;
  gint64    updated_utc;
  int       updated_offset_s;
} LimberFactor;

void          limber_factor_free             (LimberFactor *factor);
LimberFactor *limber_factor_copy             (const LimberFactor *factor);

/**
 * limber_factor_get_label:
 *
 * The name to show: the person's own, or a built-in's in their language.
 */
const char   *limber_factor_get_label        (const LimberFactor *factor);

/**
 * limber_factor_builtin_label:
 *
 * The translated name of the built-in @key, or %NULL when there is none.
 */
const char   *limber_factor_builtin_label    (const char *key);

/**
 * limber_factor_name_validate:
 *
 * Whether @name can name a factor: 1 to %LIMBER_FACTOR_NAME_MAX_CHARS
 * characters of UTF-8, no spaces at either end, no control characters and
 * no comma (the command line lists factors with commas).
 */
gboolean      limber_factor_name_validate    (const char  *name,
                                              GError     **error);

/* A factor done on a day. */
typedef struct
{
  char    uuid[LIMBER_UUID_LENGTH + 1];
  char    day[LIMBER_DAY_LENGTH + 1];
  char    factor_uuid[LIMBER_UUID_LENGTH + 1];
  /* For pain medication only, both optional: which one, and how many
   * doses (1 to %LIMBER_MEDICINE_DOSES_MAX, 0 when not said). */
  char   *medicine;
  int     doses;
  gint64  created_utc;
  int     created_offset_s;
  gint64  updated_utc;
  int     updated_offset_s;
} LimberDayFactor;

LimberDayFactor *limber_day_factor_new       (const char *day,
                                              const char *factor_uuid);
void             limber_day_factor_free      (LimberDayFactor *day_factor);
LimberDayFactor *limber_day_factor_copy      (const LimberDayFactor *day_factor);
/* A deep copy of the #LimberDayFactor array @day_factors. */
GPtrArray       *limber_day_factors_copy     (GPtrArray             *day_factors);
gboolean         limber_day_factor_validate  (const LimberDayFactor  *day_factor,
                                              GError                **error);

/* How one day was; LIMBER_MEASURE_UNSET for what was not said. */
typedef struct
{
  char    uuid[LIMBER_UUID_LENGTH + 1];
  char    day[LIMBER_DAY_LENGTH + 1];
  /* Hours of sleep, and at the desk, in tenths of an hour: 0 to
   * %LIMBER_DAY_TENTHS_MAX. */
  int     sleep_tenths;
  /* 0 to 10. */
  int     sleep_quality;
  int     stress;
  int     desk_tenths;
  gint64  created_utc;
  int     created_offset_s;
  gint64  updated_utc;
  int     updated_offset_s;
} LimberDayMeasures;

LimberDayMeasures *limber_day_measures_new      (const char *day);
void               limber_day_measures_free     (LimberDayMeasures *measures);
LimberDayMeasures *limber_day_measures_copy     (const LimberDayMeasures *measures);
gboolean           limber_day_measures_is_empty (const LimberDayMeasures *measures);
gboolean           limber_day_measures_validate (const LimberDayMeasures  *measures,
                                                 GError                  **error);

/* A one-off change on a day: a new chair, a laptop stand. */
typedef struct
{
  char    uuid[LIMBER_UUID_LENGTH + 1];
  char    day[LIMBER_DAY_LENGTH + 1];
  char   *text;
  gint64  created_utc;
  int     created_offset_s;
  gint64  updated_utc;
  int     updated_offset_s;
} LimberLifeChange;

LimberLifeChange *limber_life_change_new      (const char *day,
                                               const char *text);
void              limber_life_change_free     (LimberLifeChange *change);
gboolean          limber_life_change_validate (const LimberLifeChange  *change,
                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberFactor, limber_factor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDayFactor, limber_day_factor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDayMeasures, limber_day_measures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberLifeChange, limber_life_change_free)

/**
 * limber_journal_list_factors:
 *
 * The factors, built-ins first in their order and then the person's own
 * in the order they were added; retired ones too when @with_retired.
 */
GPtrArray     *limber_journal_list_factors    (LimberJournal  *self,
                                               gboolean        with_retired,
                                               GError        **error);

/**
 * limber_journal_find_factor:
 *
 * The factor in use (not retired) that @name names: a built-in's key, its
 * label, or a name, compared without regard to case. %NULL without an
 * error when none does.
 */
LimberFactor  *limber_journal_find_factor     (LimberJournal  *self,
                                               const char     *name,
                                               GError        **error);

/**
 * limber_journal_find_retired_factor:
 *
 * The retired factor that @name names, as limber_journal_find_factor()
 * compares names; %NULL without an error when none does.
 */
LimberFactor  *limber_journal_find_retired_factor (LimberJournal  *self,
                                                   const char     *name,
                                                   GError        **error);

/**
 * limber_journal_add_factor:
 *
 * Adds a factor of the person's own named @name (spaces at either end
 * dropped), refused when a factor in use has that name already.
 */
LimberFactor  *limber_journal_add_factor      (LimberJournal  *self,
                                               const char     *name,
                                               GDateTime      *now,
                                               GError        **error);

/**
 * limber_journal_rename_factor:
 *
 * Renames the factor @uuid; its days stay with it.
 */
gboolean       limber_journal_rename_factor   (LimberJournal  *self,
                                               const char     *uuid,
                                               const char     *name,
                                               GDateTime      *now,
                                               GError        **error);

/**
 * limber_journal_set_factor_retired:
 *
 * Retires the factor @uuid, so that it is no longer offered, or brings it
 * back. Its days are kept either way.
 */
gboolean       limber_journal_set_factor_retired (LimberJournal  *self,
                                                  const char     *uuid,
                                                  gboolean        retired,
                                                  GDateTime      *now,
                                                  GError        **error);

/**
 * limber_journal_get_day_factors:
 *
 * The #LimberDayFactor of each factor done on @day.
 */
GPtrArray     *limber_journal_get_day_factors (LimberJournal  *self,
                                               const char     *day,
                                               GError        **error);

/**
 * limber_journal_set_day_factors:
 *
 * Makes the #LimberDayFactor array @day_factors, all of @day (not after
 * the local day of @now) and each factor at most once, what was done on
 * @day: ones already there keep
 * their UUID and creation time, the rest go. Nothing changes when it
 * fails.
 */
gboolean       limber_journal_set_day_factors (LimberJournal  *self,
                                               const char     *day,
                                               GPtrArray      *day_factors,
                                               GDateTime      *now,
                                               GError        **error);

/**
 * limber_journal_list_day_factors:
 *
 * The #LimberDayFactor of every factor done from @first_day to @last_day
 * (both included, either may be %NULL for no limit), oldest day first.
 */
GPtrArray     *limber_journal_list_day_factors (LimberJournal  *self,
                                                const char     *first_day,
                                                const char     *last_day,
                                                GError        **error);

/**
 * limber_journal_list_medicines:
 *
 * The medicine names logged before, most recently used first.
 */
GStrv          limber_journal_list_medicines  (LimberJournal  *self,
                                               GError        **error);

/* Pain medication on most days (at least 4 of each 7) for three weeks in
 * a row: worth a word with a doctor or pharmacist. */
#define LIMBER_MEDICATION_WEEKS        3
#define LIMBER_MEDICATION_DAYS_A_WEEK  4

/**
 * limber_journal_medication_is_regular:
 * @regular: (out): whether pain medication was logged on at least
 *   %LIMBER_MEDICATION_DAYS_A_WEEK days of each of the
 *   %LIMBER_MEDICATION_WEEKS weeks ending with @last_day
 */
gboolean       limber_journal_medication_is_regular (LimberJournal  *self,
                                                     const char     *last_day,
                                                     gboolean       *regular,
                                                     GError        **error);

/**
 * limber_journal_get_day_measures:
 *
 * How @day was, or %NULL without an error when nothing was said.
 */
LimberDayMeasures *limber_journal_get_day_measures (LimberJournal  *self,
                                                    const char     *day,
                                                    GError        **error);

/**
 * limber_journal_list_day_measures:
 *
 * The #LimberDayMeasures of the days from @first_day to @last_day (both
 * included, either may be %NULL for no limit) that have any, oldest
 * first.
 */
GPtrArray     *limber_journal_list_day_measures (LimberJournal  *self,
                                                 const char     *first_day,
                                                 const char     *last_day,
                                                 GError        **error);

/**
 * limber_journal_set_day_measures:
 *
 * Stores @measures as how its day was (not after the local day of
 * @now), replacing what was there; empty ones remove it. Fills in the
 * UUID and times.
 */
gboolean       limber_journal_set_day_measures (LimberJournal      *self,
                                                LimberDayMeasures  *measures,
                                                GDateTime          *now,
                                                GError            **error);

/**
 * limber_journal_save_day:
 *
 * Saves what was said of @day in one transaction, so that all of it is
 * stored or none: @entry as its pain entry (as
 * limber_journal_save_pain_entry() does), @day_factors as what was done
 * (as limber_journal_set_day_factors() does) and @measures as how the day
 * was (as limber_journal_set_day_measures() does). Each may be %NULL to
 * leave that part as it is. @entry and @measures must be of @day.
 */
gboolean       limber_journal_save_day         (LimberJournal      *self,
                                                LimberPainEntry    *entry,
                                                const char         *day,
                                                GPtrArray          *day_factors,
                                                LimberDayMeasures  *measures,
                                                GDateTime          *now,
                                                GError            **error);

/**
 * limber_journal_add_life_change:
 *
 * Stores @change, of a day not after the local day of @now, filling in
 * its UUID and times.
 */
gboolean       limber_journal_add_life_change (LimberJournal     *self,
                                               LimberLifeChange  *change,
                                               GDateTime         *now,
                                               GError           **error);

/**
 * limber_journal_list_life_changes:
 *
 * The changes from @first_day to @last_day (both included, either may be
 * %NULL for no limit), oldest first.
 */
GPtrArray     *limber_journal_list_life_changes (LimberJournal  *self,
                                                 const char     *first_day,
                                                 const char     *last_day,
                                                 GError        **error);

/**
 * limber_journal_delete_life_change:
 *
 * Deletes the change @uuid; one not there is no error.
 */
gboolean       limber_journal_delete_life_change (LimberJournal  *self,
                                                  const char     *uuid,
                                                  GError        **error);

/**
 * limber_journal_compute_factor_insight:
 * @last_day: the last day of the window, a valid day
 * @factors: (out) (optional): the factors, retired ones too, in the order
 *   of the insight's results
 *
 * "What helps you" over the %LIMBER_FACTOR_INSIGHT_DAYS days ending with
 * @last_day: each day's pain and factors, read in a few queries. Days
 * from the journal's first day with any factor on count as recorded, so
 * a day among them without one is a day on which none was done; earlier
 * days are on neither side of any factor.
 */
LimberFactorInsight *limber_journal_compute_factor_insight (LimberJournal  *self,
                                                            const char     *last_day,
                                                            GPtrArray     **factors,
                                                            GError        **error);

G_END_DECLS
