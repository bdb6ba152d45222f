/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_REPORT_DIALOG (limber_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LimberReportDialog, limber_report_dialog, LIMBER, REPORT_DIALOG, AdwWindow)

/**
 * limber_report_dialog_new:
 *
 * The report for a clinician, of a period the person picks, with or
 * without their notes: a preview of its pages, to save as a PDF or
 * print. It reads @context's journal whenever an option changes.
 */
GtkWidget         *limber_report_dialog_new                 (GtkWindow          *parent,
                                                             LimberContext      *context);

/**
 * limber_report_dialog_save:
 *
 * Writes the report as shown to @path as a PDF, as "Save as PDF…" does
 * with the file picked; the error names @path.
 */
gboolean           limber_report_dialog_save                (LimberReportDialog *self,
                                                             const char         *path,
                                                             GError            **error);

/**
 * limber_report_dialog_new_print_operation:
 *
 * A print job of the report as shown, in points, on the locale's paper,
 * as "Print…" runs it; %NULL while there is no report to print.
 */
GtkPrintOperation *limber_report_dialog_new_print_operation (LimberReportDialog *self);

G_END_DECLS
