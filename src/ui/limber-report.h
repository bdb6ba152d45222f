/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "limber-journal.h"

G_BEGIN_DECLS

/* A report of a period of the journal, for a clinician who has two
 * minutes: the period and days logged, warning signs ticked (first, when
 * there are any), the daily pain chart drawn by the Trends chart's code
 * in print colours, a weekly table, what was done and what seems to
 * help, the notes when asked for, and a footer saying the data is
 * self-reported and no diagnosis. It is laid out in pages of a given
 * paper size, drawn with cairo: into a PDF file, a print job or a
 * preview alike. Reading it needs no display. */

typedef struct _LimberReport LimberReport;

/**
 * limber_report_new:
 * @journal: the journal to read, read once here
 * @first_day: the period's first day, YYYY-MM-DD
 * @last_day: its last day, not before @first_day
 * @with_notes: whether the person's notes go in
 * @first_weekday: the first day of a week for the weekly table, as
 *   limber_trend_locale_first_weekday() gives it
 *
 * Reads what the report shows. A period with nothing logged is a report
 * that says so, not an error.
 */
LimberReport *limber_report_new            (LimberJournal  *journal,
                                            const char     *first_day,
                                            const char     *last_day,
                                            gboolean        with_notes,
                                            int             first_weekday,
                                            GError        **error);

void          limber_report_free           (LimberReport   *report);

/**
 * limber_report_paginate:
 * @width_pt: @height_pt: the page's printable size, in points
 *
 * Lays the report out in pages of that size; returns how many.
 */
guint         limber_report_paginate       (LimberReport   *report,
                                            double          width_pt,
                                            double          height_pt);

/**
 * limber_report_get_n_pages:
 *
 * How many pages the last limber_report_paginate() or
 * limber_report_write_pdf() laid the report out in.
 */
guint         limber_report_get_n_pages    (LimberReport   *report);

/**
 * limber_report_draw_page:
 * @cr: a cairo context whose unit is one point, with its origin at the
 *   top left of the printable area
 * @page: from 0, below what limber_report_paginate() gave
 *
 * Draws one page, in black and print colours on white.
 */
void          limber_report_draw_page      (LimberReport   *report,
                                            cairo_t        *cr,
                                            guint           page);

/**
 * limber_report_default_paper:
 * @width_pt: (out): @height_pt: (out): the locale's paper (A4 or Letter),
 *   in points
 */
void          limber_report_default_paper  (double         *width_pt,
                                            double         *height_pt);

/**
 * limber_report_write_pdf:
 *
 * Writes the report to @path as a PDF of the locale's paper size,
 * atomically: a full disk or an unwritable folder leaves nothing half
 * written, and the error names @path.
 */
gboolean      limber_report_write_pdf      (LimberReport   *report,
                                            const char     *path,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberReport, limber_report_free)

G_END_DECLS
