/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal.h"

G_BEGIN_DECLS

/* What the CSV and JSON readers share (limber-journal-fields.c): the set
 * of rows a reader fills and the checks of the fields both formats have.
 * A reader writes nothing to the journal, so that a bad file changes
 * nothing. */

/* A day that a write which waited (a spool file of LimberJournalWriter)
 * saved as a whole, as limber_journal_save_day() does: when @factors, the
 * day factors of @day in the file are all that was done that day, and
 * any other stored one goes; when @measures, the file's day measures of
 * @day, or none, are how the day was. Each only where the journal holds
 * nothing of that part of the day newer than @saved_utc. */
typedef struct
{
  char      day[LIMBER_DAY_LENGTH + 1];
  gboolean  factors;
  gboolean  measures;
  gint64    saved_utc;
  int       saved_offset_s;
} LimberDaySave;

/* What an import brings, checked and ready to write. */
typedef struct
{
  /* The latest day and moment a record may have. */
  char       *today;
  gint64      latest_utc;
  GPtrArray  *pain_entries;
  GPtrArray  *break_events;
  GPtrArray  *stretch_sessions;
  /* The line where each UUID, or day of a pain entry, came first. */
  GHashTable *pain_uuids;
  GHashTable *pain_days;
  GHashTable *break_uuids;
  GHashTable *stretch_uuids;
  /* Factors (LimberFactor), then what refers to them: LimberDayFactor,
   * LimberDayMeasures and LimberLifeChange. */
  GPtrArray  *factors;
  GPtrArray  *day_factors;
  GPtrArray  *day_measures;
  GPtrArray  *life_changes;
  /* The line where each of their UUIDs, each day of day measures and
   * each day and factor of a day factor came first, by a key of the
   * table's initials, such as "df:" and the UUID. */
  GHashTable *day_keys;
  /* LimberDaySave: only a write that waited has any. */
  GPtrArray  *day_saves;
} LimberImportSet;

/* @now gives the latest day a record may have, and the latest moment: a
 * day after @now, for a clock a little ahead on the computer that wrote
 * the file. */
LimberImportSet *limber_import_set_new  (GDateTime       *now);
void             limber_import_set_free (LimberImportSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberImportSet, limber_import_set_free)

/* Each checks the row, and that its UUID (and for a pain entry its day)
 * came on no earlier line, before adding it. @entry is taken, even on
 * failure; @event and @session are copied. */
gboolean         limber_import_set_add_pain_entry      (LimberImportSet             *set,
                                                        LimberPainEntry             *entry,
                                                        guint                        line,
                                                        GError                     **error);
gboolean         limber_import_set_add_break_event     (LimberImportSet             *set,
                                                        const LimberBreakEvent      *event,
                                                        guint                        line,
                                                        GError                     **error);
gboolean         limber_import_set_add_stretch_session (LimberImportSet             *set,
                                                        const LimberStretchSession  *session,
                                                        guint                        line,
                                                        GError                     **error);

/* Both formats say the same about the same mistake: these set @error
 * naming the line and field, and return FALSE. */
gboolean         limber_journal_fail_at (GError     **error,
                                         guint        line,
                                         const char  *field,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (4, 5);

/* limber_journal_format_time() gives NULL for a time it cannot write;
 * limber_journal_time_error() says so and returns FALSE. */
char            *limber_journal_format_time (gint64   utc,
                                             int      offset_s);
gboolean         limber_journal_time_error  (GError **error,
                                             gint64   utc);

/* A value of a field that both formats have. */
gboolean         limber_journal_parse_required (const char  *text,
                                                guint        line,
                                                const char  *field,
                                                GError     **error);
gboolean         limber_journal_parse_uuid     (const char  *text,
                                                guint        line,
                                                char        *uuid_out,
                                                GError     **error);
gboolean         limber_journal_parse_day      (const char  *text,
                                                const char  *today,
                                                guint        line,
                                                char        *day_out,
                                                GError     **error);
gboolean         limber_journal_parse_time     (const char  *text,
                                                guint        line,
                                                const char  *field,
                                                gint64      *utc_out,
                                                int         *offset_s_out,
                                                GError     **error);
gboolean         limber_journal_check_score    (gint64       value,
                                                guint        line,
                                                const char  *field,
                                                int         *score_out,
                                                GError     **error);
gboolean         limber_journal_parse_ids      (const char  *text,
                                                gboolean     regions,
                                                guint        line,
                                                guint       *flags_out,
                                                GError     **error);
gboolean         limber_journal_unknown_id     (const char  *id,
                                                gboolean     regions,
                                                guint        line,
                                                GError     **error);

G_END_DECLS
