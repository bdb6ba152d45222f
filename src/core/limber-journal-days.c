/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal-private.h"

/* Per-day aggregates over a range of days: three indexed range queries
 * merged into one array, rather than a query per day. */

/* The Julian day of a YYYY-MM-DD that the schema's CHECK has vouched
 * for: read digit by digit, since this runs for every row. */
static guint32
julian_of (const char *day)
{
  GDate date;

#define DIGIT(i) ((day[i]) - '0')
  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  DIGIT (8) * 10 + DIGIT (9),
                  DIGIT (5) * 10 + DIGIT (6),
                  DIGIT (0) * 1000 + DIGIT (1) * 100 + DIGIT (2) * 10 + DIGIT (3));
#undef DIGIT
  return g_date_get_julian (&date);
}

static LimberDaySummary *
summary_for (GArray     *days,
             guint32     first_julian,
             const char *day)
{
  gint64 index = (gint64) julian_of (day) - first_julian;

  /* The queries select only days in the range. */
  g_assert (index >= 0 && (guint64) index < days->len);
  return &g_array_index (days, LimberDaySummary, index);
}

/* Adds what one result row says about its day to that day's summary. */
typedef void (*AddRowFunc) (LimberDaySummary *summary,
                            sqlite3_stmt     *statement);

/* Runs @sql, whose first column is the day and whose ?1 and ?2 bound the
 * range, and hands each row to @add_row. */
static gboolean
add_rows (LimberJournal  *self,
          GArray         *days,
          const char     *first_day,
          const char     *last_day,
          const char     *sql,
          AddRowFunc      add_row,
          GError        **error)
{
  sqlite3_stmt *statement = limber_journal_statement (self, sql, error);
  guint32 first_julian = julian_of (first_day);
  int rc;

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_text (statement, 1, first_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, last_day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    add_row (summary_for (days, first_julian, (const char *) sqlite3_column_text (statement, 0)), statement);
  sqlite3_reset (statement);

  if (rc != SQLITE_DONE)
    {
      limber_journal_set_sqlite_error (self, rc, _("adding up the days"), error);
      return FALSE;
    }
  return TRUE;
}

static void
add_pain_row (LimberDaySummary *summary,
              sqlite3_stmt     *statement)
{
  summary->average = sqlite3_column_int (statement, 1);
  summary->worst = sqlite3_column_type (statement, 2) == SQLITE_NULL
                   ? LIMBER_PAIN_SCORE_UNSET : sqlite3_column_int (statement, 2);
}

static void
add_break_row (LimberDaySummary *summary,
               sqlite3_stmt     *statement)
{
  guint n = sqlite3_column_int (statement, 2);
  LimberBreakOutcome outcome;

  if (!limber_break_outcome_from_name ((const char *) sqlite3_column_text (statement, 1), &outcome))
    return;

  switch (outcome)
    {
    case LIMBER_BREAK_OUTCOME_TAKEN:     summary->taken += n;     break;
    case LIMBER_BREAK_OUTCOME_NATURAL:   summary->natural += n;   break;
    case LIMBER_BREAK_OUTCOME_SKIPPED:   summary->skipped += n;   break;
    case LIMBER_BREAK_OUTCOME_MISSED:    summary->missed += n;    break;
    case LIMBER_BREAK_OUTCOME_POSTPONED: summary->postponed += n; break;
    default: g_assert_not_reached ();
    }
}

static void
add_stretch_row (LimberDaySummary *summary,
                 sqlite3_stmt     *statement)
{
  summary->stretch_seconds = sqlite3_column_int (statement, 1);
}

GArray *
limber_journal_summarize_days (LimberJournal  *self,
                               const char     *first_day,
                               const char     *last_day,
                               GError        **error)
{
  g_autoptr (GArray) days = NULL;
  GDate first, last;
  int n_days;
  gboolean ok;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (limber_day_is_valid (first_day), NULL);
  g_return_val_if_fail (limber_day_is_valid (last_day), NULL);

  limber_day_to_date (first_day, &first);
  limber_day_to_date (last_day, &last);
  n_days = g_date_days_between (&first, &last) + 1;
  g_return_val_if_fail (n_days > 0, NULL);

  days = g_array_sized_new (FALSE, TRUE, sizeof (LimberDaySummary), n_days);
  g_array_set_size (days, n_days);
  for (int i = 0; i < n_days; i++)
    {
      LimberDaySummary *summary = &g_array_index (days, LimberDaySummary, i);

      g_date_strftime (summary->day, sizeof summary->day, "%Y-%m-%d", &first);
      summary->average = LIMBER_PAIN_SCORE_UNSET;
      summary->worst = LIMBER_PAIN_SCORE_UNSET;
      g_date_add_days (&first, 1);
    }

  /* One snapshot for the three queries. */
  if (!limber_journal_begin_read (self, error))
    return NULL;
  ok = add_rows (self, days, first_day, last_day,
                 "SELECT day, average, worst FROM pain_entry WHERE day BETWEEN ?1 AND ?2",
                 add_pain_row, error) &&
       add_rows (self, days, first_day, last_day,
                 /* Grouped in the index's order, kind too, so that no
                  * sort is needed; the kinds add up in add_break_row. */
                 "SELECT day, outcome, count (*) FROM break_event "
                 "WHERE day BETWEEN ?1 AND ?2 GROUP BY day, kind, outcome",
                 add_break_row, error) &&
       add_rows (self, days, first_day, last_day,
                 "SELECT day, sum (seconds_done) FROM stretch_session "
                 "WHERE day BETWEEN ?1 AND ?2 GROUP BY day",
                 add_stretch_row, error);
  if (!ok)
    {
      limber_journal_rollback (self);
      return NULL;
    }
  if (!limber_journal_end_read (self, error))
    return NULL;

  return g_steal_pointer (&days);
}
