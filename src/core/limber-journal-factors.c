/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "limber-journal-factors.h"
#include "limber-journal-private.h"

/* Factors, what was done on each day, how each day was, and one-off
 * changes: their validation, which the schema's CHECKs (migration 4 in
 * limber-journal-storage.c) mirror, and their rows. */

#define FACTOR_COLUMNS \
  "uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, updated_offset_s"
#define DAY_FACTOR_COLUMNS \
  "uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, updated_utc, updated_offset_s"
#define MEASURE_COLUMNS \
  "uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, " \
  "created_utc, created_offset_s, updated_utc, updated_offset_s"
#define CHANGE_COLUMNS \
  "uuid, day, text, created_utc, created_offset_s, updated_utc, updated_offset_s"

const char *
limber_factor_builtin_label (const char *key)
{
  static const struct
  {
    const char *key;
    const char *label;
  } builtins[] = {
    /* Translators: things a person with back pain may have done on a
     * day, offered in the journal to tick. */
    { LIMBER_FACTOR_HEAT,            N_("Heat") },
    { LIMBER_FACTOR_COLD,            N_("Cold") },
    { LIMBER_FACTOR_MASSAGE,         N_("Massage") },
    { LIMBER_FACTOR_PAIN_MEDICATION, N_("Pain medication") },
    { LIMBER_FACTOR_PHYSIOTHERAPY,   N_("Physiotherapy") },
    { LIMBER_FACTOR_CHIROPRACTIC,    N_("Chiropractic or manual therapy") },
    { LIMBER_FACTOR_ACUPUNCTURE,     N_("Acupuncture") },
    { LIMBER_FACTOR_YOGA,            N_("Yoga or tai chi") },
    { LIMBER_FACTOR_WALK,            N_("Walk or other exercise") },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtins); i++)
    {
      if (g_str_equal (key, builtins[i].key))
        return _(builtins[i].label);
    }
  return NULL;
}

const char *
limber_factor_get_label (const LimberFactor *factor)
{
  const char *label;

  g_return_val_if_fail (factor != NULL, NULL);

  if (factor->name != NULL)
    return factor->name;
  label = limber_factor_builtin_label (factor->builtin);
  return label != NULL ? label : factor->builtin;
}

void
limber_factor_free (LimberFactor *factor)
{
  if (factor == NULL)
    return;
  g_free (factor->builtin);
  g_free (factor->name);
  g_free (factor);
}

LimberFactor *
limber_factor_copy (const LimberFactor *factor)
{
  LimberFactor *copy = g_memdup2 (factor, sizeof *factor);

  copy->builtin = g_strdup (factor->builtin);
  copy->name = g_strdup (factor->name);
  return copy;
}

/* Text as the schema takes it: valid UTF-8, 1 to @max_chars characters,
 * no space at either end, no control character, and no comma unless
 * @comma_allowed. @field names it in the message. */
static gboolean
check_text (const char  *text,
            const char  *field,
            glong        max_chars,
            gboolean     comma_allowed,
            GError     **error)
{
  gsize length = text != NULL ? strlen (text) : 0;
  glong chars;

  if (length == 0)
    {
      /* Translators: %s names a field, such as “name”. */
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("%s: the text is empty"), field);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("%s: the text is not valid UTF-8"), field);
      return FALSE;
    }
  chars = g_utf8_strlen (text, -1);
  if (chars > max_chars)
    {
      /* Translators: %s names a field; the plural follows the text's
       * length; the second number is the most allowed. */
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: the text has %ld character, more than the %ld allowed",
                                "%s: the text has %ld characters, more than the %ld allowed",
                                chars),
                   field, chars, max_chars);
      return FALSE;
    }
  if (text[0] == ' ' || text[length - 1] == ' ')
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("%s: the text starts or ends with a space"), field);
      return FALSE;
    }
  for (const char *c = text; *c != '\0'; c++)
    {
      if ((guchar) *c < 0x20 || *c == 0x7f)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       _("%s: the text holds a line break or another control character"), field);
          return FALSE;
        }
      if (*c == ',' && !comma_allowed)
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       _("%s: the text holds a comma, which separates names on the command line"), field);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_uuid (const char  *uuid,
            const char  *field,
            GError     **error)
{
  if (limber_uuid_is_valid (uuid))
    return TRUE;
  /* Translators: the first %s names a field, such as “uuid”. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: “%s” is not a UUID in lower case"), field, uuid);
  return FALSE;
}

static gboolean
check_day (const char  *day,
           GError     **error)
{
  if (limber_day_is_valid (day))
    return TRUE;
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("date: “%s” is not a date written as YYYY-MM-DD"), day);
  return FALSE;
}

static gboolean
check_times (gint64   created_utc,
             int      created_offset_s,
             gint64   updated_utc,
             int      updated_offset_s,
             GError **error)
{
  const char *field;

  if (!limber_time_is_valid (created_utc, created_offset_s))
    field = "created";
  else if (!limber_time_is_valid (updated_utc, updated_offset_s))
    field = "updated";
  else
    return TRUE;
  /* Translators: %s names a field, such as “updated”. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: the time is outside the years a journal can hold"), field);
  return FALSE;
}

/* Refuses a @day after the local calendar day of @now, as pain entries
 * do: nothing is logged ahead. */
static gboolean
check_not_future (const char  *day,
                  GDateTime   *now,
                  GError     **error)
{
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (strcmp (day, today) <= 0)
    return TRUE;
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("date: %s is in the future; today is %s"), day, today);
  return FALSE;
}

static gboolean
check_range (int          value,
             int          max,
             const char  *field,
             GError     **error)
{
  if (value == LIMBER_MEASURE_UNSET || (value >= 0 && value <= max))
    return TRUE;
  /* Translators: %s names a field, such as “stress”. */
  g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
               _("%s: %d is not between 0 and %d"), field, value, max);
  return FALSE;
}

gboolean
limber_factor_name_validate (const char  *name,
                             GError     **error)
{
  return check_text (name, "name", LIMBER_FACTOR_NAME_MAX_CHARS, FALSE, error);
}

LimberDayFactor *
limber_day_factor_new (const char *day,
                       const char *factor_uuid)
{
  LimberDayFactor *day_factor = g_new0 (LimberDayFactor, 1);

  if (day != NULL)
    g_strlcpy (day_factor->day, day, sizeof day_factor->day);
  if (factor_uuid != NULL)
    g_strlcpy (day_factor->factor_uuid, factor_uuid, sizeof day_factor->factor_uuid);
  return day_factor;
}

void
limber_day_factor_free (LimberDayFactor *day_factor)
{
  if (day_factor == NULL)
    return;
  g_free (day_factor->medicine);
  g_free (day_factor);
}

LimberDayFactor *
limber_day_factor_copy (const LimberDayFactor *day_factor)
{
  LimberDayFactor *copy = g_memdup2 (day_factor, sizeof *day_factor);

  copy->medicine = g_strdup (day_factor->medicine);
  return copy;
}

GPtrArray *
limber_day_factors_copy (GPtrArray *day_factors)
{
  GPtrArray *copy = g_ptr_array_new_full (day_factors->len, (GDestroyNotify) limber_day_factor_free);

  for (guint i = 0; i < day_factors->len; i++)
    g_ptr_array_add (copy, limber_day_factor_copy (g_ptr_array_index (day_factors, i)));
  return copy;
}

gboolean
limber_day_factor_validate (const LimberDayFactor  *day_factor,
                            GError                **error)
{
  g_return_val_if_fail (day_factor != NULL, FALSE);

  if (!check_day (day_factor->day, error) ||
      (day_factor->uuid[0] != '\0' && !check_uuid (day_factor->uuid, "uuid", error)) ||
      !check_uuid (day_factor->factor_uuid, "factor", error))
    return FALSE;

  if ((day_factor->medicine != NULL || day_factor->doses != 0) &&
      !g_str_equal (day_factor->factor_uuid, LIMBER_FACTOR_PAIN_MEDICATION_UUID))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("medicine: only pain medication has a medicine and doses"));
      return FALSE;
    }
  if (day_factor->medicine != NULL &&
      !check_text (day_factor->medicine, "medicine", LIMBER_MEDICINE_NAME_MAX_CHARS, FALSE, error))
    return FALSE;
  if (day_factor->doses != 0 && (day_factor->doses < 1 || day_factor->doses > LIMBER_MEDICINE_DOSES_MAX))
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("doses: %d is not between 1 and %d"), day_factor->doses, LIMBER_MEDICINE_DOSES_MAX);
      return FALSE;
    }
  return check_times (day_factor->created_utc, day_factor->created_offset_s,
                      day_factor->updated_utc, day_factor->updated_offset_s, error);
}

LimberDayMeasures *
limber_day_measures_new (const char *day)
{
  LimberDayMeasures *measures = g_new0 (LimberDayMeasures, 1);

  if (day != NULL)
    g_strlcpy (measures->day, day, sizeof measures->day);
  measures->sleep_tenths = LIMBER_MEASURE_UNSET;
  measures->sleep_quality = LIMBER_MEASURE_UNSET;
  measures->stress = LIMBER_MEASURE_UNSET;
  measures->desk_tenths = LIMBER_MEASURE_UNSET;
  return measures;
}

void
limber_day_measures_free (LimberDayMeasures *measures)
{
  g_free (measures);
}

LimberDayMeasures *
limber_day_measures_copy (const LimberDayMeasures *measures)
{
  return g_memdup2 (measures, sizeof *measures);
}

gboolean
limber_day_measures_is_empty (const LimberDayMeasures *measures)
{
  return measures->sleep_tenths == LIMBER_MEASURE_UNSET &&
         measures->sleep_quality == LIMBER_MEASURE_UNSET &&
         measures->stress == LIMBER_MEASURE_UNSET &&
         measures->desk_tenths == LIMBER_MEASURE_UNSET;
}

gboolean
limber_day_measures_validate (const LimberDayMeasures  *measures,
                              GError                  **error)
{
  g_return_val_if_fail (measures != NULL, FALSE);

  if (!check_day (measures->day, error) ||
      (measures->uuid[0] != '\0' && !check_uuid (measures->uuid, "uuid", error)) ||
      !check_range (measures->sleep_tenths, LIMBER_DAY_TENTHS_MAX, "sleep", error) ||
      !check_range (measures->sleep_quality, 10, "sleep_quality", error) ||
      !check_range (measures->stress, 10, "stress", error) ||
      !check_range (measures->desk_tenths, LIMBER_DAY_TENTHS_MAX, "desk", error))
    return FALSE;
  return check_times (measures->created_utc, measures->created_offset_s,
                      measures->updated_utc, measures->updated_offset_s, error);
}

LimberLifeChange *
limber_life_change_new (const char *day,
                        const char *text)
{
  LimberLifeChange *change = g_new0 (LimberLifeChange, 1);

  if (day != NULL)
    g_strlcpy (change->day, day, sizeof change->day);
  change->text = g_strdup (text);
  return change;
}

void
limber_life_change_free (LimberLifeChange *change)
{
  if (change == NULL)
    return;
  g_free (change->text);
  g_free (change);
}

gboolean
limber_life_change_validate (const LimberLifeChange  *change,
                             GError                 **error)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return check_day (change->day, error) &&
         (change->uuid[0] == '\0' || check_uuid (change->uuid, "uuid", error)) &&
         check_text (change->text, "text", LIMBER_LIFE_CHANGE_MAX_CHARS, TRUE, error) &&
         check_times (change->created_utc, change->created_offset_s,
                      change->updated_utc, change->updated_offset_s, error);
}

/* Rows. */

static void
stamp (GDateTime *now,
       gint64    *utc,
       int       *offset_s)
{
  *utc = g_date_time_to_unix (now);
  *offset_s = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND);
}

static void
new_uuid (char *uuid)
{
  g_autofree char *random = g_uuid_string_random ();

  g_strlcpy (uuid, random, LIMBER_UUID_LENGTH + 1);
}

static gboolean
step_done (LimberJournal  *self,
           sqlite3_stmt   *statement,
           const char     *doing,
           GError        **error)
{
  int rc = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, doing, error);
      return FALSE;
    }
  return TRUE;
}

/* Commits, or rolls back when @ok is FALSE or the commit fails. */
static gboolean
finish (LimberJournal  *self,
        gboolean        ok,
        GError        **error)
{
  if (ok && limber_journal_commit (self, error))
    return TRUE;
  limber_journal_rollback (self);
  return FALSE;
}

static int
column_measure (sqlite3_stmt *statement,
                int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return LIMBER_MEASURE_UNSET;
  return sqlite3_column_int (statement, column);
}

static void
bind_measure (sqlite3_stmt *statement,
              int           index,
              int           value)
{
  if (value == LIMBER_MEASURE_UNSET)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_int (statement, index, value);
}

static LimberFactor *
read_factor (sqlite3_stmt *statement)
{
  LimberFactor *factor = g_new0 (LimberFactor, 1);

  g_strlcpy (factor->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof factor->uuid);
  factor->builtin = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  factor->name = g_strdup ((const char *) sqlite3_column_text (statement, 2));
  factor->retired = sqlite3_column_int (statement, 3) != 0;
  factor->created_utc = sqlite3_column_int64 (statement, 4);
  factor->created_offset_s = sqlite3_column_int (statement, 5);
  factor->updated_utc = sqlite3_column_int64 (statement, 6);
  factor->updated_offset_s = sqlite3_column_int (statement, 7);
  return factor;
}

/* Reads the current row of a statement into a new record. */
typedef gpointer (*ReadRowFunc) (sqlite3_stmt *statement);

/* All rows that @statement, bound already, gives, read by @read. */
static GPtrArray *
read_all (LimberJournal   *self,
          sqlite3_stmt    *statement,
          ReadRowFunc      read,
          GDestroyNotify   free_func,
          const char      *doing,
          GError         **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (rows, read (statement));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, doing, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
list_factors (LimberJournal  *self,
              gboolean        with_retired,
              GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "SELECT " FACTOR_COLUMNS " FROM factor WHERE retired = 0 OR ?1 "
    "ORDER BY builtin IS NULL, id", error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int (statement, 1, with_retired ? 1 : 0);
  return read_all (self, statement, (ReadRowFunc) read_factor, (GDestroyNotify) limber_factor_free,
                   _("reading the factors"), error);
}

GPtrArray *
limber_journal_list_factors (LimberJournal  *self,
                             gboolean        with_retired,
                             GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  return list_factors (self, with_retired, error);
}

static gboolean
names_match (const char *a,
             const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);
  return g_str_equal (folded_a, folded_b);
}

/* The factor in use among @factors that @name names, or NULL. */
static LimberFactor *
factor_named (GPtrArray  *factors,
              const char *name,
              const char *except_uuid)
{
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      if (factor->retired || g_strcmp0 (factor->uuid, except_uuid) == 0)
        continue;
      if (names_match (limber_factor_get_label (factor), name) ||
          names_match (factor->builtin, name))
        return factor;
    }
  return NULL;
}

LimberFactor *
limber_journal_find_factor (LimberJournal  *self,
                            const char     *name,
                            GError        **error)
{
  g_autoptr (GPtrArray) factors = NULL;
  LimberFactor *found;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  factors = limber_journal_list_factors (self, FALSE, error);
  if (factors == NULL)
    return NULL;
  found = factor_named (factors, name, NULL);
  return found != NULL ? limber_factor_copy (found) : NULL;
}

LimberFactor *
limber_journal_find_retired_factor (LimberJournal  *self,
                                    const char     *name,
                                    GError        **error)
{
  g_autoptr (GPtrArray) factors = NULL;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  factors = limber_journal_list_factors (self, TRUE, error);
  if (factors == NULL)
    return NULL;
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      if (factor->retired &&
          (names_match (limber_factor_get_label (factor), name) || names_match (factor->builtin, name)))
        return limber_factor_copy (factor);
    }
  return NULL;
}

/* Refuses @name when a factor in use other than @except_uuid has it;
 * inside the caller's transaction. */
static gboolean
check_name_free (LimberJournal  *self,
                 const char     *name,
                 const char     *except_uuid,
                 GError        **error)
{
  g_autoptr (GPtrArray) factors = list_factors (self, FALSE, error);

  if (factors == NULL)
    return FALSE;
  if (factor_named (factors, name, except_uuid) != NULL)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("name: a factor in use is called “%s” already"), name);
      return FALSE;
    }
  return TRUE;
}

static LimberFactor *
get_factor (LimberJournal  *self,
            const char     *uuid,
            GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "SELECT " FACTOR_COLUMNS " FROM factor WHERE uuid = ?1", error);
  LimberFactor *factor = NULL;
  int rc;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    factor = read_factor (statement);
  sqlite3_reset (statement);
  if (rc == SQLITE_ROW)
    return factor;
  if (rc == SQLITE_DONE)
    g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                 _("factor: there is no factor with the UUID %s"), uuid);
  else
    limber_journal_set_sqlite_error (self, rc, _("reading the factors"), error);
  return NULL;
}

LimberFactor *
limber_journal_add_factor (LimberJournal  *self,
                           const char     *name,
                           GDateTime      *now,
                           GError        **error)
{
  g_autoptr (LimberFactor) factor = g_new0 (LimberFactor, 1);
  sqlite3_stmt *statement;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  factor->name = g_strstrip (g_strdup (name));
  if (!limber_factor_name_validate (factor->name, error))
    return NULL;
  new_uuid (factor->uuid);
  stamp (now, &factor->created_utc, &factor->created_offset_s);
  stamp (now, &factor->updated_utc, &factor->updated_offset_s);

  if (!limber_journal_begin (self, error))
    return NULL;
  ok = check_name_free (self, factor->name, NULL, error) &&
       (statement = limber_journal_statement (self,
          "INSERT INTO factor (uuid, name, retired, created_utc, created_offset_s, updated_utc, updated_offset_s) "
          "VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (statement, 1, factor->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 2, factor->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (statement, 3, factor->created_utc);
      sqlite3_bind_int (statement, 4, factor->created_offset_s);
      sqlite3_bind_int64 (statement, 5, factor->updated_utc);
      sqlite3_bind_int (statement, 6, factor->updated_offset_s);
      ok = step_done (self, statement, _("adding a factor"), error);
    }
  if (!finish (self, ok, error))
    return NULL;
  return g_steal_pointer (&factor);
}

/* Writes @factor's name, retired flag and update time. */
static gboolean
update_factor (LimberJournal       *self,
               const LimberFactor  *factor,
               GError             **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "UPDATE factor SET name = ?2, retired = ?3, updated_utc = ?4, updated_offset_s = ?5 "
    "WHERE uuid = ?1", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, factor->uuid, -1, SQLITE_STATIC);
  if (factor->name != NULL)
    sqlite3_bind_text (statement, 2, factor->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 3, factor->retired ? 1 : 0);
  sqlite3_bind_int64 (statement, 4, factor->updated_utc);
  sqlite3_bind_int (statement, 5, factor->updated_offset_s);
  return step_done (self, statement, _("changing a factor"), error);
}

gboolean
limber_journal_rename_factor (LimberJournal  *self,
                              const char     *uuid,
                              const char     *name,
                              GDateTime      *now,
                              GError        **error)
{
  g_autoptr (LimberFactor) factor = NULL;
  g_autofree char *stripped = NULL;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (uuid != NULL && name != NULL && now != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (!limber_factor_name_validate (stripped, error))
    return FALSE;

  if (!limber_journal_begin (self, error))
    return FALSE;
  factor = get_factor (self, uuid, error);
  ok = factor != NULL &&
       (factor->retired || check_name_free (self, stripped, uuid, error));
  if (ok)
    {
      g_free (factor->name);
      factor->name = g_steal_pointer (&stripped);
      stamp (now, &factor->updated_utc, &factor->updated_offset_s);
      ok = update_factor (self, factor, error);
    }
  return finish (self, ok, error);
}

gboolean
limber_journal_set_factor_retired (LimberJournal  *self,
                                   const char     *uuid,
                                   gboolean        retired,
                                   GDateTime      *now,
                                   GError        **error)
{
  g_autoptr (LimberFactor) factor = NULL;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (uuid != NULL && now != NULL, FALSE);

  if (!limber_journal_begin (self, error))
    return FALSE;
  factor = get_factor (self, uuid, error);
  /* Brought back, its name must not have been taken meanwhile. */
  ok = factor != NULL &&
       (retired || !factor->retired ||
        check_name_free (self, limber_factor_get_label (factor), uuid, error));
  if (ok && factor->retired != retired)
    {
      factor->retired = retired;
      stamp (now, &factor->updated_utc, &factor->updated_offset_s);
      ok = update_factor (self, factor, error);
    }
  return finish (self, ok, error);
}

static LimberDayFactor *
read_day_factor (sqlite3_stmt *statement)
{
  LimberDayFactor *day_factor = limber_day_factor_new ((const char *) sqlite3_column_text (statement, 1),
                                                       (const char *) sqlite3_column_text (statement, 2));

  g_strlcpy (day_factor->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof day_factor->uuid);
  day_factor->medicine = g_strdup ((const char *) sqlite3_column_text (statement, 3));
  day_factor->doses = sqlite3_column_int (statement, 4);
  day_factor->created_utc = sqlite3_column_int64 (statement, 5);
  day_factor->created_offset_s = sqlite3_column_int (statement, 6);
  day_factor->updated_utc = sqlite3_column_int64 (statement, 7);
  day_factor->updated_offset_s = sqlite3_column_int (statement, 8);
  return day_factor;
}

static GPtrArray *
get_day_factors (LimberJournal  *self,
                 const char     *day,
                 GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "SELECT " DAY_FACTOR_COLUMNS " FROM day_factor WHERE day = ?1 ORDER BY id", error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, day, -1, SQLITE_STATIC);
  return read_all (self, statement, (ReadRowFunc) read_day_factor, (GDestroyNotify) limber_day_factor_free,
                   _("reading the day’s factors"), error);
}

GPtrArray *
limber_journal_get_day_factors (LimberJournal  *self,
                                const char     *day,
                                GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  return get_day_factors (self, day, error);
}

GPtrArray *
limber_journal_list_day_factors (LimberJournal  *self,
                                 const char     *first_day,
                                 const char     *last_day,
                                 GError        **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  statement = limber_journal_statement (self,
    "SELECT " DAY_FACTOR_COLUMNS " FROM day_factor WHERE day >= ?1 AND day <= ?2 ORDER BY day, id", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, first_day ? first_day : "0000-00-00", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day ? last_day : "9999-99-99", -1, SQLITE_STATIC);
  return read_all (self, statement, (ReadRowFunc) read_day_factor, (GDestroyNotify) limber_day_factor_free,
                   _("reading the day’s factors"), error);
}

static LimberDayFactor *
day_factor_of (GPtrArray  *day_factors,
               const char *factor_uuid)
{
  for (guint i = 0; day_factors != NULL && i < day_factors->len; i++)
    {
      LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      if (g_str_equal (day_factor->factor_uuid, factor_uuid))
        return day_factor;
    }
  return NULL;
}

static gboolean
write_day_factor (LimberJournal          *self,
                  const LimberDayFactor  *day_factor,
                  GError                **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "INSERT INTO day_factor (" DAY_FACTOR_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (day, factor_uuid) DO UPDATE SET medicine = ?4, doses = ?5, "
    "updated_utc = ?8, updated_offset_s = ?9", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, day_factor->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, day_factor->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, day_factor->factor_uuid, -1, SQLITE_STATIC);
  if (day_factor->medicine != NULL)
    sqlite3_bind_text (statement, 4, day_factor->medicine, -1, SQLITE_STATIC);
  if (day_factor->doses != 0)
    sqlite3_bind_int (statement, 5, day_factor->doses);
  sqlite3_bind_int64 (statement, 6, day_factor->created_utc);
  sqlite3_bind_int (statement, 7, day_factor->created_offset_s);
  sqlite3_bind_int64 (statement, 8, day_factor->updated_utc);
  sqlite3_bind_int (statement, 9, day_factor->updated_offset_s);
  return step_done (self, statement, _("saving the day’s factors"), error);
}

static gboolean
delete_by_uuid (LimberJournal  *self,
                const char     *sql,
                const char     *uuid,
                GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_STATIC);
  return step_done (self, statement, _("deleting from the journal"), error);
}

/* Writes what changed between the stored @before and @after, whose
 * validity the caller has checked. */
static gboolean
replace_day_factors (LimberJournal  *self,
                     GPtrArray      *before,
                     GPtrArray      *after,
                     GDateTime      *now,
                     GError        **error)
{
  for (guint i = 0; i < before->len; i++)
    {
      LimberDayFactor *stored = g_ptr_array_index (before, i);

      if (day_factor_of (after, stored->factor_uuid) == NULL &&
          !delete_by_uuid (self, "DELETE FROM day_factor WHERE uuid = ?1", stored->uuid, error))
        return FALSE;
    }

  for (guint i = 0; i < after->len; i++)
    {
      LimberDayFactor *wanted = g_ptr_array_index (after, i);
      LimberDayFactor *stored = day_factor_of (before, wanted->factor_uuid);
      g_autoptr (LimberDayFactor) row = NULL;
      g_autoptr (LimberFactor) factor = NULL;

      if (stored != NULL && g_strcmp0 (stored->medicine, wanted->medicine) == 0 &&
          stored->doses == wanted->doses)
        continue;

      /* A factor that is not there is named, rather than left to the
       * foreign key's message. */
      if (stored == NULL && (factor = get_factor (self, wanted->factor_uuid, error)) == NULL)
        return FALSE;

      row = limber_day_factor_new (wanted->day, wanted->factor_uuid);
      row->medicine = g_strdup (wanted->medicine);
      row->doses = wanted->doses;
      if (stored != NULL)
        {
          g_strlcpy (row->uuid, stored->uuid, sizeof row->uuid);
          row->created_utc = stored->created_utc;
          row->created_offset_s = stored->created_offset_s;
        }
      else
        {
          if (wanted->uuid[0] != '\0')
            g_strlcpy (row->uuid, wanted->uuid, sizeof row->uuid);
          else
            new_uuid (row->uuid);
          stamp (now, &row->created_utc, &row->created_offset_s);
        }
      stamp (now, &row->updated_utc, &row->updated_offset_s);
      if (!write_day_factor (self, row, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks @day_factors as what was done on @day, before anything is
 * written. */
static gboolean
check_day_factors (const char  *day,
                   GPtrArray   *day_factors,
                   GDateTime   *now,
                   GError     **error)
{
  if (!check_day (day, error) || !check_not_future (day, now, error))
    return FALSE;
  for (guint i = 0; i < day_factors->len; i++)
    {
      LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      limber_uuid_normalise (day_factor->uuid);
      limber_uuid_normalise (day_factor->factor_uuid);
      if (!limber_day_factor_validate (day_factor, error))
        return FALSE;
      if (!g_str_equal (day_factor->day, day))
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       _("date: %s is not the day being saved, %s"), day_factor->day, day);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          LimberDayFactor *earlier = g_ptr_array_index (day_factors, j);

          if (g_str_equal (earlier->factor_uuid, day_factor->factor_uuid))
            {
              g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                           _("factor: %s is given twice for the same day"), day_factor->factor_uuid);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Makes the checked @day_factors what was done on @day, inside a
 * transaction the caller holds. */
static gboolean
store_day_factors (LimberJournal  *self,
                   const char     *day,
                   GPtrArray      *day_factors,
                   GDateTime      *now,
                   GError        **error)
{
  g_autoptr (GPtrArray) stored = get_day_factors (self, day, error);

  return stored != NULL && replace_day_factors (self, stored, day_factors, now, error);
}

gboolean
limber_journal_set_day_factors (LimberJournal  *self,
                                const char     *day,
                                GPtrArray      *day_factors,
                                GDateTime      *now,
                                GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (day != NULL && day_factors != NULL && now != NULL, FALSE);

  if (!check_day_factors (day, day_factors, now, error) ||
      !limber_journal_begin (self, error))
    return FALSE;
  return finish (self, store_day_factors (self, day, day_factors, now, error), error);
}

GStrv
limber_journal_list_medicines (LimberJournal  *self,
                               GError        **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  statement = limber_journal_statement (self,
    "SELECT medicine FROM day_factor WHERE medicine IS NOT NULL "
    "GROUP BY medicine ORDER BY max (day) DESC, medicine", error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the medicines"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
limber_journal_medication_is_regular (LimberJournal  *self,
                                      const char     *last_day,
                                      gboolean       *regular,
                                      GError        **error)
{
  g_autofree char *first_day = NULL;
  guint days_in_week[LIMBER_MEDICATION_WEEKS] = { 0 };
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (limber_day_is_valid (last_day), FALSE);
  g_return_val_if_fail (regular != NULL, FALSE);

  *regular = FALSE;
  if (!limber_journal_ensure_current (self, error))
    return FALSE;
  first_day = limber_day_add (last_day, -(7 * LIMBER_MEDICATION_WEEKS - 1));
  statement = limber_journal_statement (self,
    "SELECT CAST (julianday (?3) - julianday (day) AS INTEGER) FROM day_factor "
    "WHERE factor_uuid = ?1 AND day BETWEEN ?2 AND ?3", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, LIMBER_FACTOR_PAIN_MEDICATION_UUID, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 3, last_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      /* Days back from the last. */
      int back = sqlite3_column_int (statement, 0);

      if (back >= 0 && back < 7 * LIMBER_MEDICATION_WEEKS)
        days_in_week[back / 7]++;
    }
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the medicines"), error);
      return FALSE;
    }

  *regular = TRUE;
  for (guint w = 0; w < LIMBER_MEDICATION_WEEKS; w++)
    *regular = *regular && days_in_week[w] >= LIMBER_MEDICATION_DAYS_A_WEEK;
  return TRUE;
}

static LimberDayMeasures *
read_measures (sqlite3_stmt *statement)
{
  LimberDayMeasures *measures = limber_day_measures_new ((const char *) sqlite3_column_text (statement, 1));

  g_strlcpy (measures->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof measures->uuid);
  measures->sleep_tenths = column_measure (statement, 2);
  measures->sleep_quality = column_measure (statement, 3);
  measures->stress = column_measure (statement, 4);
  measures->desk_tenths = column_measure (statement, 5);
  measures->created_utc = sqlite3_column_int64 (statement, 6);
  measures->created_offset_s = sqlite3_column_int (statement, 7);
  measures->updated_utc = sqlite3_column_int64 (statement, 8);
  measures->updated_offset_s = sqlite3_column_int (statement, 9);
  return measures;
}

static LimberDayMeasures *
get_measures (LimberJournal  *self,
              const char     *day,
              GError        **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  sqlite3_stmt *statement = limber_journal_statement (self,
    "SELECT " MEASURE_COLUMNS " FROM day_measure WHERE day = ?1", error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, day, -1, SQLITE_STATIC);
  rows = read_all (self, statement, (ReadRowFunc) read_measures, (GDestroyNotify) limber_day_measures_free,
                   _("reading how the day was"), error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

LimberDayMeasures *
limber_journal_get_day_measures (LimberJournal  *self,
                                 const char     *day,
                                 GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  return get_measures (self, day, error);
}

GPtrArray *
limber_journal_list_day_measures (LimberJournal  *self,
                                  const char     *first_day,
                                  const char     *last_day,
                                  GError        **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  statement = limber_journal_statement (self,
    "SELECT " MEASURE_COLUMNS " FROM day_measure WHERE day >= ?1 AND day <= ?2 ORDER BY day", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, first_day ? first_day : "0000-00-00", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day ? last_day : "9999-99-99", -1, SQLITE_STATIC);
  return read_all (self, statement, (ReadRowFunc) read_measures, (GDestroyNotify) limber_day_measures_free,
                   _("reading how the day was"), error);
}

static gboolean
write_measures (LimberJournal            *self,
                const LimberDayMeasures  *measures,
                GError                  **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self,
    "INSERT INTO day_measure (" MEASURE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (day) DO UPDATE SET uuid = ?1, sleep_tenths = ?3, sleep_quality = ?4, stress = ?5, "
    "desk_tenths = ?6, created_utc = ?7, created_offset_s = ?8, updated_utc = ?9, updated_offset_s = ?10",
    error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, measures->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, measures->day, -1, SQLITE_STATIC);
  bind_measure (statement, 3, measures->sleep_tenths);
  bind_measure (statement, 4, measures->sleep_quality);
  bind_measure (statement, 5, measures->stress);
  bind_measure (statement, 6, measures->desk_tenths);
  sqlite3_bind_int64 (statement, 7, measures->created_utc);
  sqlite3_bind_int (statement, 8, measures->created_offset_s);
  sqlite3_bind_int64 (statement, 9, measures->updated_utc);
  sqlite3_bind_int (statement, 10, measures->updated_offset_s);
  return step_done (self, statement, _("saving how the day was"), error);
}

static gboolean
check_measures (LimberDayMeasures  *measures,
                GDateTime          *now,
                GError            **error)
{
  limber_uuid_normalise (measures->uuid);
  return limber_day_measures_validate (measures, error) &&
         check_not_future (measures->day, now, error);
}

/* Stores the checked @measures inside a transaction the caller holds. */
static gboolean
store_measures (LimberJournal      *self,
                LimberDayMeasures  *measures,
                GDateTime          *now,
                GError            **error)
{
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (GError) read_error = NULL;

  if (limber_day_measures_is_empty (measures))
    {
      sqlite3_stmt *statement = limber_journal_statement (self,
        "DELETE FROM day_measure WHERE day = ?1", error);

      if (statement == NULL)
        return FALSE;
      sqlite3_bind_text (statement, 1, measures->day, -1, SQLITE_STATIC);
      return step_done (self, statement, _("saving how the day was"), error);
    }

  stored = get_measures (self, measures->day, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  /* The day's row keeps its identity. */
  if (stored != NULL)
    {
      g_strlcpy (measures->uuid, stored->uuid, sizeof measures->uuid);
      measures->created_utc = stored->created_utc;
      measures->created_offset_s = stored->created_offset_s;
    }
  else
    {
      if (measures->uuid[0] == '\0')
        new_uuid (measures->uuid);
      stamp (now, &measures->created_utc, &measures->created_offset_s);
    }
  stamp (now, &measures->updated_utc, &measures->updated_offset_s);
  return write_measures (self, measures, error);
}

gboolean
limber_journal_set_day_measures (LimberJournal      *self,
                                 LimberDayMeasures  *measures,
                                 GDateTime          *now,
                                 GError            **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (measures != NULL && now != NULL, FALSE);

  if (!check_measures (measures, now, error) ||
      !limber_journal_begin (self, error))
    return FALSE;
  return finish (self, store_measures (self, measures, now, error), error);
}

gboolean
limber_journal_save_day (LimberJournal      *self,
                         LimberPainEntry    *entry,
                         const char         *day,
                         GPtrArray          *day_factors,
                         LimberDayMeasures  *measures,
                         GDateTime          *now,
                         GError            **error)
{
  g_autoptr (LimberPainEntry) stored = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (day != NULL && now != NULL, FALSE);
  g_return_val_if_fail (entry == NULL || g_str_equal (entry->day, day), FALSE);
  g_return_val_if_fail (measures == NULL || g_str_equal (measures->day, day), FALSE);

  /* Everything is checked before anything is written. */
  if ((entry != NULL && !limber_journal_check_pain_entry (entry, now, error)) ||
      (day_factors != NULL && !check_day_factors (day, day_factors, now, error)) ||
      (measures != NULL && !check_measures (measures, now, error)) ||
      !limber_journal_begin (self, error))
    return FALSE;

  if (entry != NULL)
    ok = (stored = limber_journal_store_pain_entry (self, entry, now, error)) != NULL;
  if (ok && day_factors != NULL)
    ok = store_day_factors (self, day, day_factors, now, error);
  if (ok && measures != NULL)
    ok = store_measures (self, measures, now, error);
  if (!finish (self, ok, error))
    return FALSE;

  if (stored != NULL)
    limber_pain_entry_take_identity (entry, stored);
  return TRUE;
}

static LimberLifeChange *
read_life_change (sqlite3_stmt *statement)
{
  LimberLifeChange *change = limber_life_change_new ((const char *) sqlite3_column_text (statement, 1),
                                                     (const char *) sqlite3_column_text (statement, 2));

  g_strlcpy (change->uuid, (const char *) sqlite3_column_text (statement, 0), sizeof change->uuid);
  change->created_utc = sqlite3_column_int64 (statement, 3);
  change->created_offset_s = sqlite3_column_int (statement, 4);
  change->updated_utc = sqlite3_column_int64 (statement, 5);
  change->updated_offset_s = sqlite3_column_int (statement, 6);
  return change;
}

gboolean
limber_journal_add_life_change (LimberJournal     *self,
                                LimberLifeChange  *change,
                                GDateTime         *now,
                                GError           **error)
{
  sqlite3_stmt *statement;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (change != NULL && now != NULL, FALSE);

  if (change->text != NULL)
    g_strstrip (change->text);
  if (change->uuid[0] == '\0')
    new_uuid (change->uuid);
  limber_uuid_normalise (change->uuid);
  stamp (now, &change->created_utc, &change->created_offset_s);
  stamp (now, &change->updated_utc, &change->updated_offset_s);
  if (!limber_life_change_validate (change, error) ||
      !check_not_future (change->day, now, error))
    return FALSE;

  if (!limber_journal_begin (self, error))
    return FALSE;
  statement = limber_journal_statement (self,
    "INSERT INTO life_change (" CHANGE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  ok = statement != NULL;
  if (ok)
    {
      sqlite3_bind_text (statement, 1, change->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 2, change->day, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 3, change->text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (statement, 4, change->created_utc);
      sqlite3_bind_int (statement, 5, change->created_offset_s);
      sqlite3_bind_int64 (statement, 6, change->updated_utc);
      sqlite3_bind_int (statement, 7, change->updated_offset_s);
      ok = step_done (self, statement, _("saving a change"), error);
    }
  return finish (self, ok, error);
}

GPtrArray *
limber_journal_list_life_changes (LimberJournal  *self,
                                  const char     *first_day,
                                  const char     *last_day,
                                  GError        **error)
{
  sqlite3_stmt *statement;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;
  statement = limber_journal_statement (self,
    "SELECT " CHANGE_COLUMNS " FROM life_change WHERE day >= ?1 AND day <= ?2 ORDER BY day, id", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, first_day ? first_day : "0000-00-00", -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day ? last_day : "9999-99-99", -1, SQLITE_STATIC);
  return read_all (self, statement, (ReadRowFunc) read_life_change, (GDestroyNotify) limber_life_change_free,
                   _("reading the changes"), error);
}

gboolean
limber_journal_delete_life_change (LimberJournal  *self,
                                   const char     *uuid,
                                   GError        **error)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!limber_journal_begin (self, error))
    return FALSE;
  return finish (self, delete_by_uuid (self, "DELETE FROM life_change WHERE uuid = ?1", uuid, error), error);
}

/* "What helps you" over the LIMBER_FACTOR_INSIGHT_DAYS days ending with
 * @last_day. The journal does not know when a person started recording
 * factors (the schema keeps no date of its migrations), so the rule is
 * the journal's first day with any factor: from that day on, a day
 * without one counts as a day on which none was done; before it, factors
 * were not being recorded and the day is on neither side. Days of the
 * window are found by their distance from its first day. */
static guint
day_index (const char *day,
           guint32     first_julian)
{
  GDate date;

  limber_day_to_date (day, &date);
  return g_date_get_julian (&date) - first_julian;
}

LimberFactorInsight *
limber_journal_compute_factor_insight (LimberJournal  *self,
                                       const char     *last_day,
                                       GPtrArray     **factors_out,
                                       GError        **error)
{
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GHashTable) index_of = NULL;
  g_autofree LimberFactorDay *days = NULL;
  g_autofree guint *indices = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *first_recorded = NULL;
  sqlite3_stmt *statement;
  guint32 first_julian;
  guint n_factors;
  GDate date;
  int rc;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (last_day != NULL && limber_day_is_valid (last_day), NULL);

  if (!limber_journal_ensure_current (self, error))
    return NULL;

  /* Retired factors too: they keep their days. */
  factors = list_factors (self, TRUE, error);
  if (factors == NULL)
    return NULL;
  n_factors = factors->len;
  index_of = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint f = 0; f < n_factors; f++)
    g_hash_table_insert (index_of, ((LimberFactor *) g_ptr_array_index (factors, f))->uuid, GUINT_TO_POINTER (f + 1));

  first_day = limber_day_add (last_day, -(LIMBER_FACTOR_INSIGHT_DAYS - 1));
  limber_day_to_date (first_day, &date);
  first_julian = g_date_get_julian (&date);

  /* Every day of the window, a gap until a pain entry says otherwise;
   * each day's factor indices go in its own slice of @indices. */
  days = g_new0 (LimberFactorDay, LIMBER_FACTOR_INSIGHT_DAYS);
  indices = g_new0 (guint, (gsize) LIMBER_FACTOR_INSIGHT_DAYS * MAX (n_factors, 1));
  for (guint i = 0; i < LIMBER_FACTOR_INSIGHT_DAYS; i++)
    {
      g_date_strftime (days[i].day, sizeof days[i].day, "%Y-%m-%d", &date);
      g_date_add_days (&date, 1);
      days[i].average = LIMBER_PAIN_SCORE_UNSET;
      days[i].factors = &indices[(gsize) i * n_factors];
    }

  statement = limber_journal_statement (self, "SELECT min (day) FROM day_factor", error);
  if (statement == NULL)
    return NULL;
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW && sqlite3_column_type (statement, 0) != SQLITE_NULL)
    first_recorded = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the day’s factors"), error);
      return NULL;
    }
  for (guint i = 0; i < LIMBER_FACTOR_INSIGHT_DAYS; i++)
    days[i].factors_recorded = first_recorded != NULL && strcmp (days[i].day, first_recorded) >= 0;

  statement = limber_journal_statement (self,
    "SELECT day, average FROM pain_entry WHERE day BETWEEN ?1 AND ?2", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      guint i = day_index ((const char *) sqlite3_column_text (statement, 0), first_julian);

      if (i < LIMBER_FACTOR_INSIGHT_DAYS)
        days[i].average = sqlite3_column_int (statement, 1);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the pain entries"), error);
      return NULL;
    }

  /* UNIQUE (day, factor_uuid) keeps each factor at most once a day. */
  statement = limber_journal_statement (self,
    "SELECT day, factor_uuid FROM day_factor WHERE day BETWEEN ?1 AND ?2", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      guint i = day_index ((const char *) sqlite3_column_text (statement, 0), first_julian);
      guint f = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, sqlite3_column_text (statement, 1)));

      /* The schema's foreign key makes an unknown factor impossible. */
      if (i < LIMBER_FACTOR_INSIGHT_DAYS && f > 0 && days[i].n_factors < n_factors)
        indices[(gsize) i * n_factors + days[i].n_factors++] = f - 1;
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("reading the day’s factors"), error);
      return NULL;
    }

  if (factors_out != NULL)
    *factors_out = g_steal_pointer (&factors);
  return limber_factor_insight_compute (days, LIMBER_FACTOR_INSIGHT_DAYS, n_factors, last_day);
}
