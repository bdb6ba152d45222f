/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "limber-journal-factors.h"
#include "limber-journal-fields.h"

G_BEGIN_DECLS

/* The file formats of export and import: limber-journal-csv.c and
 * limber-journal-json.c, used by limber-journal-transfer.c. */

/* The writers append to @out as the journal is read, so that an export
 * never holds the whole journal in memory. A reader adds all that @data
 * holds to @set, or sets @error naming the line of the first problem. */
void             limber_journal_csv_begin                (GString                     *out);
gboolean         limber_journal_csv_add_pain_entry       (GString                     *out,
                                                          const LimberPainEntry       *entry,
                                                          GError                     **error);
gboolean         limber_journal_read_csv                 (LimberImportSet             *set,
                                                          const char                  *data,
                                                          gsize                        length,
                                                          GError                     **error);

/* A JSON export is begin, then each list (begin_list, the items with
 * @first TRUE for the first, end_list), then end. */
void             limber_journal_json_begin               (GString                     *out);
void             limber_journal_json_begin_list          (GString                     *out,
                                                          const char                  *name);
gboolean         limber_journal_json_add_pain_entry      (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberPainEntry       *entry,
                                                          GError                     **error);
gboolean         limber_journal_json_add_break_event     (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberBreakEvent      *event,
                                                          GError                     **error);
gboolean         limber_journal_json_add_stretch_session (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberStretchSession  *session,
                                                          GError                     **error);
gboolean         limber_journal_json_add_factor          (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberFactor          *factor,
                                                          GError                     **error);
gboolean         limber_journal_json_add_day_factor      (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberDayFactor       *day_factor,
                                                          GError                     **error);
gboolean         limber_journal_json_add_day_measures    (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberDayMeasures     *measures,
                                                          GError                     **error);
gboolean         limber_journal_json_add_life_change     (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberLifeChange      *change,
                                                          GError                     **error);
/* Only in a write that waited: see LimberDaySave. */
gboolean         limber_journal_json_add_day_save        (GString                     *out,
                                                          gboolean                     first,
                                                          const LimberDaySave         *save,
                                                          GError                     **error);
void             limber_journal_json_end_list            (GString                     *out);
void             limber_journal_json_end                 (GString                     *out);
/* The whole file at once, for the few records of a write that waits.
 * The last three may be %NULL: @day_saves (of LimberDaySave) names the
 * days whose @day_factors and @day_measures replace what was stored. */
char            *limber_journal_write_json               (GPtrArray                   *pain_entries,
                                                          GPtrArray                   *break_events,
                                                          GPtrArray                   *stretch_sessions,
                                                          GPtrArray                   *day_factors,
                                                          GPtrArray                   *day_measures,
                                                          GPtrArray                   *day_saves,
                                                          GError                     **error);
gboolean         limber_journal_read_json                (LimberImportSet             *set,
                                                          const char                  *data,
                                                          gsize                        length,
                                                          GError                     **error);
/* One record of the list @name, such as "pain_entries", alone: @object
 * checked exactly as an import checks an item of that list, with its
 * messages at @line. Returns the record (a LimberPainEntry, … as the set
 * keeps them), or %NULL with @error set. @set gives the latest day and
 * moment, and is left empty, so that the next record is read on its own.
 * A day factor's factor is not looked for: it may come on its own. */
gpointer         limber_journal_json_read_record         (LimberImportSet             *set,
                                                          const char                  *name,
                                                          JsonObject                  *object,
                                                          guint                        line,
                                                          GError                     **error);

G_END_DECLS
