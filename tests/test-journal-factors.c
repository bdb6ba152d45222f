/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "limber-journal-factors.h"
#include "limber-test-util.h"

/* Factors, what was done on each day, how each day was and one-off
 * changes, on real SQLite files: what is stored stays stored, a renamed
 * or retired factor keeps its days, bad input is refused by name in C and
 * by the schema alike, and a journal of the schema before keeps every
 * row. */

#define PAIN_MEDICATION LIMBER_FACTOR_PAIN_MEDICATION_UUID
#define HEAT            "24fdf0c0-36f7-4fa7-a607-1c71a9b36560"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("limber-factors-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "limber", "journal.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  limber_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GDateTime *
time_at (int day,
         int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (tz, 2026, 11, day, hour, 0, 0);
}

static LimberJournal *
open_journal (const char *path)
{
  g_autoptr (GError) error = NULL;
  LimberJournal *journal = limber_journal_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static LimberFactor *
add_ok (LimberJournal *journal,
        const char    *name)
{
  g_autoptr (GDateTime) now = time_at (20, 9);
  g_autoptr (GError) error = NULL;
  LimberFactor *factor = limber_journal_add_factor (journal, name, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (factor);
  return factor;
}

static void
assert_add_refused (LimberJournal *journal,
                    const char    *name,
                    const char    *field)
{
  g_autoptr (GDateTime) now = time_at (20, 9);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberFactor) factor = limber_journal_add_factor (journal, name, now, &error);

  g_assert_null (factor);
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static GPtrArray *
list_factors (LimberJournal *journal,
              gboolean       with_retired)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *factors = limber_journal_list_factors (journal, with_retired, &error);

  g_assert_no_error (error);
  return factors;
}

static LimberFactor *
factor_with_uuid (GPtrArray  *factors,
                  const char *uuid)
{
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      if (g_str_equal (factor->uuid, uuid))
        return factor;
    }
  return NULL;
}

static GPtrArray *
day_factors (LimberJournal *journal,
             const char    *day)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *done = limber_journal_get_day_factors (journal, day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (done);
  return done;
}

/* Sets @day's factors to the UUIDs in @uuids, none with a medicine. */
static void
set_days_factors (LimberJournal      *journal,
                  const char         *day,
                  const char * const *uuids)
{
  g_autoptr (GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GDateTime) now = time_at (25, 20);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; uuids[i] != NULL; i++)
    g_ptr_array_add (wanted, limber_day_factor_new (day, uuids[i]));
  g_assert_true (limber_journal_set_day_factors (journal, day, wanted, now, &error));
  g_assert_no_error (error);
}

static void
test_builtins (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *keys[] = { "heat", "cold", "massage", "pain-medication", "physiotherapy",
                         "chiropractic", "acupuncture", "yoga", "walk" };
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (GPtrArray) factors = list_factors (journal, TRUE);
  g_autoptr (LimberFactor) by_key = NULL;
  g_autoptr (LimberFactor) by_label = NULL;
  g_autoptr (LimberFactor) unknown = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (factors->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < factors->len; i++)
    {
      LimberFactor *factor = g_ptr_array_index (factors, i);

      g_assert_cmpstr (factor->builtin, ==, keys[i]);
      g_assert_null (factor->name);
      g_assert_false (factor->retired);
      g_assert_true (limber_uuid_is_valid (factor->uuid));
      g_assert_cmpstr (limber_factor_get_label (factor), ==, limber_factor_builtin_label (keys[i]));
    }
  g_assert_cmpstr (((LimberFactor *) g_ptr_array_index (factors, 0))->uuid, ==, HEAT);
  g_assert_cmpstr (((LimberFactor *) g_ptr_array_index (factors, 3))->uuid, ==, PAIN_MEDICATION);

  by_key = limber_journal_find_factor (journal, "HEAT", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_key);
  g_assert_cmpstr (by_key->uuid, ==, HEAT);
  by_label = limber_journal_find_factor (journal, "pain medication", &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_label);
  g_assert_cmpstr (by_label->uuid, ==, PAIN_MEDICATION);
  unknown = limber_journal_find_factor (journal, "swimming", &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
}

static void
test_own_factors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberFactor) bath = add_ok (journal, "  Hot bath ");
  g_autoptr (LimberFactor) second_bath = NULL;
  g_autoptr (GDateTime) later = time_at (26, 8);
  g_autoptr (GPtrArray) in_use = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *too_long = g_strnfill (LIMBER_FACTOR_NAME_MAX_CHARS + 1, 'x');
  g_autofree char *longest = g_strnfill (LIMBER_FACTOR_NAME_MAX_CHARS, 'x');
  const char *days_factors[] = { HEAT, bath->uuid, NULL };
  LimberFactor *listed;

  g_assert_cmpstr (bath->name, ==, "Hot bath");
  g_assert_null (bath->builtin);

  /* Names are unique among the factors in use, whatever their case, and
   * a built-in's label is taken too. */
  assert_add_refused (journal, "hot BATH", "name");
  assert_add_refused (journal, "Heat", "name");
  assert_add_refused (journal, "walk", "name");
  assert_add_refused (journal, "   ", "name");
  assert_add_refused (journal, "bath, hot", "name");
  assert_add_refused (journal, "bath\nhot", "name");
  assert_add_refused (journal, too_long, "name");
  assert_add_refused (journal, "\xff\xfe", "name");
  g_clear_pointer (&second_bath, limber_factor_free);
  second_bath = add_ok (journal, longest);
  g_clear_pointer (&second_bath, limber_factor_free);

  set_days_factors (journal, "2026-11-24", days_factors);

  /* Renamed: the day still points at it. */
  g_assert_true (limber_journal_rename_factor (journal, bath->uuid, "Warm bath", later, &error));
  g_assert_no_error (error);
  g_assert_false (limber_journal_rename_factor (journal, bath->uuid, "Massage", later, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (limber_journal_rename_factor (journal, "00000000-0000-4000-8000-000000000000", "Sauna", later, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Retired: no longer offered, its days kept, its name free again. */
  g_assert_true (limber_journal_set_factor_retired (journal, bath->uuid, TRUE, later, &error));
  g_assert_no_error (error);
  in_use = list_factors (journal, FALSE);
  all = list_factors (journal, TRUE);
  g_assert_null (factor_with_uuid (in_use, bath->uuid));
  listed = factor_with_uuid (all, bath->uuid);
  if (listed == NULL)
    g_error ("The retired factor is not listed");
  g_assert_true (listed->retired);
  g_assert_cmpstr (limber_factor_get_label (listed), ==, "Warm bath");
  g_assert_cmpint (listed->created_utc, ==, bath->created_utc);
  g_assert_cmpint (listed->updated_utc, ==, g_date_time_to_unix (later));
  g_assert_cmpuint (all->len, ==, in_use->len + 1);

  done = day_factors (journal, "2026-11-24");
  g_assert_cmpuint (done->len, ==, 2);
  g_assert_cmpstr (((LimberDayFactor *) g_ptr_array_index (done, 1))->factor_uuid, ==, bath->uuid);

  second_bath = add_ok (journal, "warm bath");
  /* Brought back while its name is taken: refused. */
  g_assert_false (limber_journal_set_factor_retired (journal, bath->uuid, FALSE, later, &error));
  g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (limber_journal_set_factor_retired (journal, second_bath->uuid, TRUE, later, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_set_factor_retired (journal, bath->uuid, FALSE, later, &error));
  g_assert_no_error (error);

  /* A built-in renamed, then found by its new name and its key. */
  g_assert_true (limber_journal_rename_factor (journal, HEAT, "Heat pack", later, &error));
  g_assert_no_error (error);
  {
    g_autoptr (LimberFactor) by_name = limber_journal_find_factor (journal, "heat pack", &error);
    g_autoptr (LimberFactor) by_key = limber_journal_find_factor (journal, "heat", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (by_name->uuid, ==, HEAT);
    g_assert_cmpstr (by_key->uuid, ==, HEAT);
    g_assert_cmpstr (limber_factor_get_label (by_name), ==, "Heat pack");
  }
}

static void
test_day_factors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GDateTime) first = time_at (24, 21);
  g_autoptr (GDateTime) second = time_at (25, 7);
  g_autoptr (GPtrArray) done = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) medicines = NULL;
  g_autofree char *heat_uuid = NULL;
  LimberDayFactor *medication;
  LimberDayFactor *bad;

  g_ptr_array_add (wanted, limber_day_factor_new ("2026-11-24", HEAT));
  medication = limber_day_factor_new ("2026-11-24", PAIN_MEDICATION);
  medication->medicine = g_strdup ("Ibuprofen");
  medication->doses = 2;
  g_ptr_array_add (wanted, medication);
  g_assert_true (limber_journal_set_day_factors (journal, "2026-11-24", wanted, first, &error));
  g_assert_no_error (error);

  done = day_factors (journal, "2026-11-24");
  g_assert_cmpuint (done->len, ==, 2);
  g_assert_cmpstr (((LimberDayFactor *) done->pdata[0])->factor_uuid, ==, HEAT);
  g_assert_null (((LimberDayFactor *) done->pdata[0])->medicine);
  g_assert_cmpint (((LimberDayFactor *) done->pdata[0])->doses, ==, 0);
  g_assert_cmpstr (((LimberDayFactor *) done->pdata[1])->medicine, ==, "Ibuprofen");
  g_assert_cmpint (((LimberDayFactor *) done->pdata[1])->doses, ==, 2);
  g_assert_cmpint (((LimberDayFactor *) done->pdata[1])->updated_utc, ==, g_date_time_to_unix (first));
  heat_uuid = g_strdup (((LimberDayFactor *) done->pdata[0])->uuid);

  /* Saved again with one dose more and heat gone: the medication keeps
   * its identity, heat's row goes. */
  g_ptr_array_remove_index (wanted, 0);
  medication->doses = 3;
  g_assert_true (limber_journal_set_day_factors (journal, "2026-11-24", wanted, second, &error));
  g_assert_no_error (error);
  again = day_factors (journal, "2026-11-24");
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((LimberDayFactor *) again->pdata[0])->uuid, ==, ((LimberDayFactor *) done->pdata[1])->uuid);
  g_assert_cmpint (((LimberDayFactor *) again->pdata[0])->doses, ==, 3);
  g_assert_cmpint (((LimberDayFactor *) again->pdata[0])->created_utc, ==, g_date_time_to_unix (first));
  g_assert_cmpint (((LimberDayFactor *) again->pdata[0])->updated_utc, ==, g_date_time_to_unix (second));
  g_assert_cmpstr (((LimberDayFactor *) again->pdata[0])->uuid, !=, heat_uuid);

  /* Another day, another medicine: remembered, the latest first. */
  {
    g_autoptr (GPtrArray) other = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
    LimberDayFactor *paracetamol = limber_day_factor_new ("2026-11-25", PAIN_MEDICATION);

    paracetamol->medicine = g_strdup ("Paracetamol");
    g_ptr_array_add (other, paracetamol);
    g_assert_true (limber_journal_set_day_factors (journal, "2026-11-25", other, second, &error));
    g_assert_no_error (error);
  }
  medicines = limber_journal_list_medicines (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (medicines), ==, 2);
  g_assert_cmpstr (medicines[0], ==, "Paracetamol");
  g_assert_cmpstr (medicines[1], ==, "Ibuprofen");

  /* Over a range of days, oldest first. */
  {
    g_autoptr (GPtrArray) all = limber_journal_list_day_factors (journal, NULL, NULL, &error);
    g_autoptr (GPtrArray) last = limber_journal_list_day_factors (journal, "2026-11-25", "2026-11-30", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpstr (((LimberDayFactor *) all->pdata[0])->day, ==, "2026-11-24");
    g_assert_cmpstr (((LimberDayFactor *) all->pdata[1])->medicine, ==, "Paracetamol");
    g_assert_cmpuint (last->len, ==, 1);
    g_assert_cmpstr (((LimberDayFactor *) last->pdata[0])->day, ==, "2026-11-25");
  }

  /* Nothing is logged ahead of today. */
  {
    g_autoptr (GPtrArray) ahead = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);

    g_ptr_array_add (ahead, limber_day_factor_new ("2026-11-26", HEAT));
    g_assert_false (limber_journal_set_day_factors (journal, "2026-11-26", ahead, second, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "date"));
    g_clear_error (&error);
  }

  /* Refused by name, and nothing changes. */
#define REFUSED(field)                                                                     \
  G_STMT_START {                                                                           \
    g_assert_false (limber_journal_set_day_factors (journal, "2026-11-24", wanted, second, &error)); \
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);      \
    g_assert_true (g_str_has_prefix (error->message, field));                              \
    g_clear_error (&error);                                                                \
  } G_STMT_END

  medication->doses = LIMBER_MEDICINE_DOSES_MAX + 1;
  REFUSED ("doses");
  medication->doses = -1;
  REFUSED ("doses");
  medication->doses = 1;
  g_free (medication->medicine);
  medication->medicine = g_strdup ("");
  REFUSED ("medicine");
  g_free (medication->medicine);
  medication->medicine = g_strdup ("ibuprofen, paracetamol");
  REFUSED ("medicine");
  g_clear_pointer (&medication->medicine, g_free);

  bad = limber_day_factor_new ("2026-11-24", HEAT);
  bad->medicine = g_strdup ("Ibuprofen");
  g_ptr_array_add (wanted, bad);
  REFUSED ("medicine");
  g_clear_pointer (&bad->medicine, g_free);
  bad->doses = 1;
  REFUSED ("medicine");
  bad->doses = 0;
  g_strlcpy (bad->factor_uuid, PAIN_MEDICATION, sizeof bad->factor_uuid);
  REFUSED ("factor");
  g_strlcpy (bad->factor_uuid, "00000000-0000-4000-8000-000000000000", sizeof bad->factor_uuid);
  REFUSED ("factor");
  g_strlcpy (bad->factor_uuid, "heat", sizeof bad->factor_uuid);
  REFUSED ("factor");
  g_strlcpy (bad->factor_uuid, HEAT, sizeof bad->factor_uuid);
  g_strlcpy (bad->day, "2026-11-23", sizeof bad->day);
  REFUSED ("date");
#undef REFUSED

  g_clear_pointer (&again, g_ptr_array_unref);
  again = day_factors (journal, "2026-11-24");
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpint (((LimberDayFactor *) again->pdata[0])->doses, ==, 3);
  g_assert_cmpstr (((LimberDayFactor *) again->pdata[0])->medicine, ==, "Ibuprofen");
}

static void
test_measures (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new ("2026-11-24");
  g_autoptr (LimberDayMeasures) stored = NULL;
  g_autoptr (LimberDayMeasures) none = NULL;
  g_autoptr (GDateTime) first = time_at (24, 21);
  g_autoptr (GDateTime) second = time_at (25, 7);
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;

  none = limber_journal_get_day_measures (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  measures->sleep_tenths = 65;
  measures->stress = 7;
  g_assert_true (limber_journal_set_day_measures (journal, measures, first, &error));
  g_assert_no_error (error);
  uuid = g_strdup (measures->uuid);
  g_assert_true (limber_uuid_is_valid (uuid));

  stored = limber_journal_get_day_measures (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->sleep_tenths, ==, 65);
  g_assert_cmpint (stored->sleep_quality, ==, LIMBER_MEASURE_UNSET);
  g_assert_cmpint (stored->stress, ==, 7);
  g_assert_cmpint (stored->desk_tenths, ==, LIMBER_MEASURE_UNSET);
  g_clear_pointer (&stored, limber_day_measures_free);

  /* Changed: the same row, a new update time. */
  measures->sleep_quality = 5;
  measures->desk_tenths = 240;
  g_assert_true (limber_journal_set_day_measures (journal, measures, second, &error));
  g_assert_no_error (error);
  stored = limber_journal_get_day_measures (journal, "2026-11-24", &error);
  g_assert_cmpstr (stored->uuid, ==, uuid);
  g_assert_cmpint (stored->sleep_quality, ==, 5);
  g_assert_cmpint (stored->desk_tenths, ==, 240);
  g_assert_cmpint (stored->created_utc, ==, g_date_time_to_unix (first));
  g_assert_cmpint (stored->updated_utc, ==, g_date_time_to_unix (second));
  g_clear_pointer (&stored, limber_day_measures_free);

#define REFUSED(member, value, field)                                                    \
  G_STMT_START {                                                                         \
    int kept = measures->member;                                                         \
    measures->member = value;                                                            \
    g_assert_false (limber_journal_set_day_measures (journal, measures, second, &error)); \
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);    \
    g_assert_true (g_str_has_prefix (error->message, field));                            \
    g_clear_error (&error);                                                              \
    measures->member = kept;                                                             \
  } G_STMT_END
  REFUSED (sleep_tenths, 241, "sleep");
  REFUSED (sleep_tenths, -2, "sleep");
  REFUSED (sleep_quality, 11, "sleep_quality");
  REFUSED (stress, 11, "stress");
  REFUSED (desk_tenths, 241, "desk");
#undef REFUSED

  {
    g_autoptr (LimberDayMeasures) ahead = limber_day_measures_new ("2026-11-26");
    g_autoptr (LimberDayMeasures) earlier = limber_day_measures_new ("2026-11-20");
    g_autoptr (GPtrArray) listed = NULL;

    ahead->stress = 3;
    g_assert_false (limber_journal_set_day_measures (journal, ahead, second, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "date"));
    g_clear_error (&error);

    earlier->stress = 2;
    g_assert_true (limber_journal_set_day_measures (journal, earlier, second, &error));
    g_assert_no_error (error);
    listed = limber_journal_list_day_measures (journal, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 2);
    g_assert_cmpstr (((LimberDayMeasures *) listed->pdata[0])->day, ==, "2026-11-20");
    g_assert_cmpint (((LimberDayMeasures *) listed->pdata[1])->sleep_tenths, ==, 65);
  }

  /* Nothing said: the day's row goes. */
  measures->sleep_tenths = measures->sleep_quality = measures->stress = measures->desk_tenths = LIMBER_MEASURE_UNSET;
  g_assert_true (limber_journal_set_day_measures (journal, measures, second, &error));
  g_assert_no_error (error);
  g_clear_pointer (&none, limber_day_measures_free);
  none = limber_journal_get_day_measures (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_life_changes (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberLifeChange) chair = limber_life_change_new ("2026-11-02", "New chair ");
  g_autoptr (LimberLifeChange) stand = limber_life_change_new ("2026-10-12", "Laptop stand");
  g_autoptr (GDateTime) now = time_at (24, 21);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GPtrArray) november = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *too_long = g_strnfill (LIMBER_LIFE_CHANGE_MAX_CHARS + 1, 'x');
  const char *bad_texts[] = { "", " ", "two\nlines", too_long };

  g_assert_true (limber_journal_add_life_change (journal, chair, now, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_add_life_change (journal, stand, now, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (chair->text, ==, "New chair");

  changes = limber_journal_list_life_changes (journal, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (((LimberLifeChange *) changes->pdata[0])->text, ==, "Laptop stand");
  g_assert_cmpstr (((LimberLifeChange *) changes->pdata[1])->uuid, ==, chair->uuid);
  november = limber_journal_list_life_changes (journal, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (november->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autoptr (LimberLifeChange) bad = limber_life_change_new ("2026-11-03", bad_texts[i]);

      g_assert_false (limber_journal_add_life_change (journal, bad, now, &error));
      g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, "text"));
      g_clear_error (&error);
    }
  {
    g_autoptr (LimberLifeChange) ahead = limber_life_change_new ("2026-11-25", "New pillow");

    g_assert_false (limber_journal_add_life_change (journal, ahead, now, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_assert_true (g_str_has_prefix (error->message, "date"));
    g_clear_error (&error);
  }
  {
    g_autoptr (LimberLifeChange) bad = limber_life_change_new ("2026-02-30", "New pillow");

    g_assert_false (limber_journal_add_life_change (journal, bad, now, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  g_assert_true (limber_journal_delete_life_change (journal, stand->uuid, &error));
  g_assert_no_error (error);
  g_assert_true (limber_journal_delete_life_change (journal, stand->uuid, &error));
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = limber_journal_list_life_changes (journal, NULL, NULL, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((LimberLifeChange *) changes->pdata[0])->uuid, ==, chair->uuid);
}

static void
assert_refuses (sqlite3    *db,
                const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_CONSTRAINT_CHECK && rc != SQLITE_CONSTRAINT_NOTNULL &&
      rc != SQLITE_CONSTRAINT_UNIQUE && rc != SQLITE_CONSTRAINT_DATATYPE &&
      rc != SQLITE_CONSTRAINT_FOREIGNKEY)
    g_error ("The schema accepted: %s (%d %s)", sql, rc, sqlite3_errmsg (db));
}

static void
assert_accepts (sqlite3    *db,
                const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_error ("The schema refused: %s (%d %s)", sql, rc, sqlite3_errmsg (db));
}

/* The schema refuses what the C validation refuses, for writers (an
 * import, another version) that bypass it. */
static void
test_constraints (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  sqlite3 *db = NULL;
#define TIMES "0, 0, 0, 0"
#define U1 "'00000000-0000-4000-8000-000000000001'"
#define U2 "'00000000-0000-4000-8000-000000000002'"
#define FACTOR "INSERT INTO factor (uuid, builtin, name, retired, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES "
#define DAY_FACTOR "INSERT INTO day_factor (uuid, day, factor_uuid, medicine, doses, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES "
#define MEASURE "INSERT INTO day_measure (uuid, day, sleep_tenths, sleep_quality, stress, desk_tenths, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES "
#define CHANGE "INSERT INTO life_change (uuid, day, text, created_utc, created_offset_s, updated_utc, updated_offset_s) VALUES "

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);

  assert_accepts (db, FACTOR "(" U1 ", NULL, 'Hot bath', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'hot BATH', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, NULL, 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, '', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, ' Sauna', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'Sauna,', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'Sau' || char (10) || 'na', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, printf ('%.65c', 'x'), 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", 'swimming', 'Swimming', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", 'heat', NULL, 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'Sauna', 2, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'Sauna', 'no', " TIMES ")");
  assert_refuses (db, FACTOR "('00000000-0000-4000-8000-00000000000A', NULL, 'Sauna', 0, " TIMES ")");
  assert_refuses (db, FACTOR "('x', NULL, 'Sauna', 0, " TIMES ")");
  assert_refuses (db, FACTOR "(" U2 ", NULL, 'Sauna', 0, 0, 90000, 0, 0)");
  /* The same name as a retired factor is free. */
  assert_accepts (db, FACTOR "(" U2 ", NULL, 'Sauna', 1, " TIMES ")");
  assert_accepts (db, FACTOR "('00000000-0000-4000-8000-000000000003', NULL, 'sauna', 0, " TIMES ")");
  assert_accepts (db, FACTOR "('00000000-0000-4000-8000-000000000004', NULL, printf ('%.64c', 'x'), 0, " TIMES ")");

  assert_accepts (db, DAY_FACTOR "(" U1 ", '2026-11-20', '" PAIN_MEDICATION "', 'Ibuprofen', 2, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-20', '" PAIN_MEDICATION "', NULL, NULL, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" PAIN_MEDICATION "', 'Ibuprofen', 21, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" PAIN_MEDICATION "', 'Ibuprofen', 0, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" PAIN_MEDICATION "', '', 1, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" PAIN_MEDICATION "', 'a,b', 1, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" HEAT "', 'Ibuprofen', NULL, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" HEAT "', NULL, 1, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-11-21', '00000000-0000-4000-8000-00000000ffff', NULL, NULL, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U2 ", '2026-02-30', '" HEAT "', NULL, NULL, " TIMES ")");
  assert_refuses (db, DAY_FACTOR "(" U1 ", '2026-11-21', '" HEAT "', NULL, NULL, " TIMES ")");
  assert_accepts (db, DAY_FACTOR "(" U2 ", '2026-11-21', '" HEAT "', NULL, NULL, " TIMES ")");
  /* Factors are retired, never deleted: their days hold on to them. */
  assert_refuses (db, "DELETE FROM factor WHERE uuid = '" HEAT "'");

  assert_accepts (db, MEASURE "(" U1 ", '2026-11-20', 65, 5, 7, 240, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-20', 65, NULL, NULL, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', NULL, NULL, NULL, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', 241, NULL, NULL, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', 6.5, NULL, NULL, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', NULL, 11, NULL, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', NULL, NULL, -1, NULL, " TIMES ")");
  assert_refuses (db, MEASURE "(" U2 ", '2026-11-21', NULL, NULL, NULL, 241, " TIMES ")");

  assert_accepts (db, CHANGE "(" U1 ", '2026-11-20', 'New chair, and a footrest', " TIMES ")");
  assert_refuses (db, CHANGE "(" U2 ", '2026-11-20', '', " TIMES ")");
  assert_refuses (db, CHANGE "(" U2 ", '2026-11-20', 'New chair ', " TIMES ")");
  assert_refuses (db, CHANGE "(" U2 ", '2026-11-20', printf ('%.121c', 'x'), " TIMES ")");
  assert_refuses (db, CHANGE "(" U2 ", '2026-11-20', NULL, " TIMES ")");
  assert_refuses (db, CHANGE "(" U2 ", '20261120', 'New pillow', " TIMES ")");
#undef TIMES
#undef U1
#undef U2
#undef FACTOR
#undef DAY_FACTOR
#undef MEASURE
#undef CHANGE

  sqlite3_close (db);
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  sqlite3_stmt *statement = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  return n;
}

/* A journal of every earlier schema keeps every row (UUIDs in lower case,
 * a record kept twice by an old import kept once, as migration 3 does),
 * and gains the built-in factors and a sync version of every row; a
 * day's factors can then be saved in it. */
static void
test_migrations (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *versions[] = { "v1", "v2", "v3", "v4" };
  /* Every column that schema 1 had, with UUIDs compared in lower case;
   * UNION keeps a row once however often it is there. */
  const char *dump_sql =
    "SELECT group_concat (row, char (30)) FROM ("
    "SELECT lower (uuid) || day || average || quote (worst) || quote (activity) || quote (enjoyment) "
    "  || regions || red_flags || quote (note) || created_utc || created_offset_s || updated_utc "
    "  || updated_offset_s AS row FROM pain_entry "
    "UNION SELECT lower (uuid) || day || kind || outcome || due_utc || due_offset_s || end_utc "
    "  || end_offset_s || duration_s FROM break_event "
    "UNION SELECT lower (uuid) || day || activity_id || start_utc || start_offset_s || end_utc "
    "  || end_offset_s || seconds_done || completed || quote (pain_before) || quote (pain_after) "
    "  FROM stretch_session "
    "ORDER BY 1)";

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *name = g_strconcat (versions[v], ".sql", NULL);
      g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "journal-fixtures", name, NULL);
      g_autofree char *folder = g_build_filename (fixture->dir, versions[v], NULL);
      g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
      g_autofree char *sql = NULL;
      g_autofree char *before = NULL;
      g_autoptr (LimberJournal) journal = NULL;
      g_autoptr (GPtrArray) factors = NULL;
      g_autoptr (GPtrArray) done = NULL;
      g_autoptr (GError) error = NULL;
      const char *heat[] = { HEAT, PAIN_MEDICATION, NULL };
      sqlite3_stmt *statement = NULL;
      sqlite3 *db = NULL;
      int distinct_rows;

      g_test_message ("Migrating %s", name);
      g_file_get_contents (sql_path, &sql, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (count_rows (db, "pain_entry"), >=, 1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, dump_sql, -1, &statement, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      before = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      sqlite3_finalize (statement);
      distinct_rows = 1;
      for (const char *c = before; *c != '\0'; c++)
        distinct_rows += *c == '\x1e';
      sqlite3_close (db);

      journal = open_journal (path);
      factors = list_factors (journal, TRUE);
      /* Schema 4's journal has two factors of the person's own. */
      g_assert_cmpuint (factors->len, ==, g_str_equal (versions[v], "v4") ? 11 : 9);
      set_days_factors (journal, "2026-01-15", heat);
      done = day_factors (journal, "2026-01-15");
      g_assert_cmpuint (done->len, ==, 2);

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, dump_sql, -1, &statement, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, before);
      sqlite3_finalize (statement);
      /* Each row once: the dump above would not tell. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM pain_entry) + (SELECT count (*) FROM break_event) "
                                               "+ (SELECT count (*) FROM stretch_session), "
                                               "(SELECT user_version FROM pragma_user_version)",
                                           -1, &statement, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (statement, 0), ==, distinct_rows);
      g_assert_cmpint (sqlite3_column_int (statement, 1), ==, 5);
      sqlite3_finalize (statement);

      /* Schema 5: every row has a version; none is deleted but the days'
       * factors that were replaced above. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM pain_entry) + (SELECT count (*) FROM break_event) "
                                               "+ (SELECT count (*) FROM stretch_session) + (SELECT count (*) FROM factor) "
                                               "+ (SELECT count (*) FROM day_factor) + (SELECT count (*) FROM day_measure) "
                                               "+ (SELECT count (*) FROM life_change), "
                                               "(SELECT count (*) FROM sync_version WHERE deleted = 0), "
                                               "(SELECT count (*) FROM sync_version WHERE deleted = 1 AND kind <> 'day_factors'), "
                                               "(SELECT group_concat (uuid || name || retired || updated_utc, ',') FROM "
                                               "  (SELECT * FROM factor WHERE name IS NOT NULL ORDER BY uuid)), "
                                               "(SELECT group_concat (uuid || day || coalesce (sleep_tenths, '') || stress, ',') "
                                               "  FROM day_measure), "
                                               "(SELECT group_concat (uuid || day || text, ',') FROM life_change)",
                                           -1, &statement, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (statement, 0), ==, sqlite3_column_int (statement, 1));
      g_assert_cmpint (sqlite3_column_int (statement, 2), ==, 0);
      if (g_str_equal (versions[v], "v4"))
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 3), ==,
                           "24fdf0c0-36f7-4fa7-a607-1c71a9b36560Hot water bottle01768490000,"
                           "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5dFoam roller01768400000,"
                           "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6eStanding desk11768450000");
          g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 4), ==,
                           "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b2026-01-15657");
          g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 5), ==,
                           "f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c2026-01-12New chair at work");
        }
      sqlite3_finalize (statement);
      sqlite3_close (db);
    }
}

static void
save_pain (LimberJournal *journal,
           const char    *day,
           int            average)
{
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new (day);
  g_autoptr (GDateTime) now = time_at (25, 20);
  g_autoptr (GError) error = NULL;

  entry->average = average;
  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}

static guint
factor_index (GPtrArray  *factors,
              const char *uuid)
{
  for (guint i = 0; i < factors->len; i++)
    if (g_str_equal (((LimberFactor *) g_ptr_array_index (factors, i))->uuid, uuid))
      return i;
  g_assert_not_reached ();
}

/* Six weeks ending on 25 November: heat on every third day, with pain 2
 * on those days and 4 on the others; a factor of the person's own on the
 * first seven days, retired since; and one pain entry from before the
 * first day with any factor, which must count on neither side. */
static void
test_factor_insight (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (LimberFactor) band = add_ok (journal, "Stretch band");
  g_autoptr (LimberFactorInsight) insight = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GDateTime) now = time_at (25, 20);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = limber_day_add ("2026-11-25", -41);
  g_autofree char *before = limber_day_add ("2026-11-25", -50);
  const LimberFactorResult *heat, *own, *walk;

  save_pain (journal, before, 9);
  for (int i = 0; i < 42; i++)
    {
      g_autofree char *day = limber_day_add (first, i);
      const char *with_heat[] = { HEAT, i < 7 ? band->uuid : NULL, NULL };
      const char *with_band[] = { band->uuid, NULL };
      const char *nothing[] = { NULL };

      save_pain (journal, day, i % 3 == 0 ? 2 : 4);
      if (i % 3 == 0)
        set_days_factors (journal, day, with_heat);
      else
        set_days_factors (journal, day, i < 7 ? with_band : nothing);
    }
  g_assert_true (limber_journal_set_factor_retired (journal, band->uuid, TRUE, now, &error));
  g_assert_no_error (error);

  insight = limber_journal_compute_factor_insight (journal, "2026-11-25", &factors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (insight);
  g_assert_cmpstr (insight->first_day, ==, "2026-09-03");
  g_assert_cmpstr (insight->last_day, ==, "2026-11-25");
  /* The nine built-ins and the retired one. */
  g_assert_cmpuint (factors->len, ==, 10);
  g_assert_cmpuint (insight->n_factors, ==, factors->len);

  heat = &insight->factors[factor_index (factors, HEAT)];
  g_assert_true (heat->available);
  g_assert_cmpuint (heat->with.n_days, ==, 14);
  g_assert_cmpfloat_with_epsilon (heat->with.mean, 2.0, 1e-9);
  g_assert_cmpuint (heat->without.n_days, ==, 28);
  g_assert_cmpfloat_with_epsilon (heat->without.mean, 4.0, 1e-9);
  /* The day after heat is never a heat day; of the 27 days without heat
   * that have a next day, 13 are followed by one. */
  g_assert_true (heat->next_available);
  g_assert_cmpuint (heat->next_with.n_days, ==, 14);
  g_assert_cmpfloat_with_epsilon (heat->next_with.mean, 4.0, 1e-9);
  g_assert_cmpuint (heat->next_without.n_days, ==, 27);
  g_assert_cmpfloat_with_epsilon (heat->next_without.mean, (14 * 4 + 13 * 2) / 27.0, 1e-9);

  /* Retired, and its days still count: 0, 3 and 6 with pain 2. */
  own = &insight->factors[factor_index (factors, band->uuid)];
  g_assert_cmpuint (own->with.n_days, ==, 7);
  g_assert_cmpfloat_with_epsilon (own->with.mean, (3 * 2 + 4 * 4) / 7.0, 1e-9);
  g_assert_cmpuint (own->without.n_days, ==, 35);
  g_assert_true (own->available);

  /* Never done: no day with it, every recorded day without. */
  walk = &insight->factors[factor_index (factors, "5034c9a4-1199-4e33-8b4d-0d5a1eb7ab57")];
  g_assert_false (walk->available);
  g_assert_cmpuint (walk->with.n_days, ==, 0);
  g_assert_cmpuint (walk->with.days_needed, ==, LIMBER_FACTOR_INSIGHT_MIN_DAYS);
  g_assert_cmpuint (walk->without.n_days, ==, 42);

  /* A journal without any factor recorded has no day on either side. */
  {
    g_autoptr (LimberFactorInsight) empty = NULL;
    g_autofree char *other = g_build_filename (fixture->dir, "other", "journal.db", NULL);
    g_autoptr (LimberJournal) fresh = open_journal (other);

    save_pain (fresh, "2026-11-20", 5);
    empty = limber_journal_compute_factor_insight (fresh, "2026-11-25", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (empty->factors[0].with.n_days + empty->factors[0].without.n_days, ==, 0);
  }
}

/* A day's pain entry, factors and measures are saved together or not at
 * all: a factor that is not there leaves the entry unsaved too. */
static void
test_save_day (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (LimberJournal) journal = open_journal (fixture->path);
  g_autoptr (GDateTime) now = time_at (24, 20);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_new ("2026-11-24");
  g_autoptr (LimberPainEntry) saved = NULL;
  g_autoptr (LimberDayMeasures) measures = limber_day_measures_new ("2026-11-24");
  g_autoptr (LimberDayMeasures) saved_measures = NULL;
  g_autoptr (GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GPtrArray) good = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);
  g_autoptr (GPtrArray) saved_factors = NULL;

  entry->average = 6;
  measures->stress = 8;
  g_ptr_array_add (bad, limber_day_factor_new ("2026-11-24", HEAT));
  /* A UUID of the right form that no factor has. */
  g_ptr_array_add (bad, limber_day_factor_new ("2026-11-24", "00000000-0000-4000-8000-000000000000"));

  g_assert_false (limber_journal_save_day (journal, entry, "2026-11-24", bad, measures, now, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  saved = limber_journal_get_pain_entry (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_null (saved);
  g_assert_cmpint (limber_journal_count (journal, "pain_entry", &error), ==, 0);
  g_assert_cmpint (limber_journal_count (journal, "day_factor", &error), ==, 0);
  g_assert_cmpint (limber_journal_count (journal, "day_measure", &error), ==, 0);
  g_assert_no_error (error);

  /* A check that fails before anything is written leaves nothing either. */
  {
    g_autoptr (LimberDayMeasures) wrong = limber_day_measures_new ("2026-11-24");

    wrong->stress = 11;
    g_ptr_array_add (good, limber_day_factor_new ("2026-11-24", HEAT));
    g_assert_false (limber_journal_save_day (journal, entry, "2026-11-24", good, wrong, now, &error));
    g_assert_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_cmpint (limber_journal_count (journal, "pain_entry", &error), ==, 0);
    g_assert_cmpint (limber_journal_count (journal, "day_factor", &error), ==, 0);
    g_assert_no_error (error);
  }

  g_assert_true (limber_journal_save_day (journal, entry, "2026-11-24", good, measures, now, &error));
  g_assert_no_error (error);
  g_assert_true (limber_uuid_is_valid (entry->uuid));
  saved = limber_journal_get_pain_entry (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (saved->average, ==, 6);
  g_assert_cmpstr (saved->uuid, ==, entry->uuid);
  g_assert_cmpint (saved->updated_utc, ==, g_date_time_to_unix (now));
  saved_factors = limber_journal_get_day_factors (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved_factors->len, ==, 1);
  g_assert_cmpstr (((LimberDayFactor *) saved_factors->pdata[0])->factor_uuid, ==, HEAT);
  saved_measures = limber_journal_get_day_measures (journal, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_measures);
  g_assert_cmpint (saved_measures->stress, ==, 8);

  /* Parts left NULL stay as they are. */
  entry->average = 3;
  g_assert_true (limber_journal_save_day (journal, entry, "2026-11-24", NULL, NULL, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (limber_journal_count (journal, "day_factor", &error), ==, 1);
  g_assert_cmpint (limber_journal_count (journal, "day_measure", &error), ==, 1);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal-factors/builtins", test_builtins);
  ADD ("/journal-factors/own-factors", test_own_factors);
  ADD ("/journal-factors/day-factors", test_day_factors);
  ADD ("/journal-factors/measures", test_measures);
  ADD ("/journal-factors/life-changes", test_life_changes);
  ADD ("/journal-factors/constraints", test_constraints);
  ADD ("/journal-factors/migrations", test_migrations);
  ADD ("/journal-factors/factor-insight", test_factor_insight);
  ADD ("/journal-factors/save-day", test_save_day);
#undef ADD

  return g_test_run ();
}
