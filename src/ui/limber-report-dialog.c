/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "limber-accessible.h"
#include "limber-day.h"
#include "limber-report-dialog.h"
#include "limber-report.h"
#include "limber-trend.h"

/* The report dialog: the period and whether the notes go in, above a
 * preview of the report's pages as they print, one under another and
 * as wide as the window lets them be. The period always ends today: the
 * report is for the next appointment, about the time since the last
 * one. The report is read again from the journal whenever an option
 * changes; a 12-week report reads in a few milliseconds, so it is read
 * on the main thread, as the Trends page reads its trend. */

typedef enum
{
  PERIOD_4_WEEKS,
  PERIOD_12_WEEKS,
  PERIOD_SINCE,
} Period;

struct _LimberReportDialog
{
  AdwWindow             parent_instance;

  LimberContext        *context;
  /* What the preview shows, laid out in printable_width × height. */
  LimberReport         *report;
  guint                 n_pages;
  char                 *first_day;
  char                 *last_day;
  /* The first day picked for "Since a date…". */
  char                 *since_day;
  /* The locale's paper and the report's margins: the preview lays the
   * pages out as the PDF and a print have them. */
  GtkPageSetup         *page_setup;
  GtkFileChooserNative *save_chooser;

  AdwActionRow         *period_row;
  GtkButton            *print_button;
  GtkButton            *save_button;
  AdwToastOverlay      *toast_overlay;
  GtkScrolledWindow    *scroller;
  GtkDropDown          *period_dropdown;
  AdwActionRow         *since_row;
  GtkMenuButton        *since_button;
  GtkPopover           *since_popover;
  GtkCalendar          *calendar;
  GtkSwitch            *notes_switch;
  GtkLabel             *problem_label;
  GtkBox               *pages_box;
};

G_DEFINE_FINAL_TYPE (LimberReportDialog, limber_report_dialog, ADW_TYPE_WINDOW)

/* The margins limber_report_write_pdf() leaves around each page: the
 * preview and a print have the same. */
#define REPORT_MARGIN_MM 15.0

/* One page of the preview: white paper with a shadow, the report drawn
 * on it to scale, as wide as it is given and as high as the paper's
 * proportions make it. It borrows the report, and is taken out of the
 * dialog before the report goes. */
#define LIMBER_TYPE_REPORT_PAGE (limber_report_page_get_type ())
G_DECLARE_FINAL_TYPE (LimberReportPage, limber_report_page, LIMBER, REPORT_PAGE, GtkWidget)

struct _LimberReportPage
{
  GtkWidget     parent_instance;

  LimberReport *report;
  guint         page;
  double        paper_width;
  double        paper_height;
  double        margin_left;
  double        margin_top;
};

G_DEFINE_FINAL_TYPE (LimberReportPage, limber_report_page, GTK_TYPE_WIDGET)

/* The natural width of a page, in pixels: the paper at 96 dpi. */
#define PAGE_NATURAL_SCALE (96.0 / 72.0)
#define PAGE_MIN_WIDTH     120

static GtkSizeRequestMode
limber_report_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
limber_report_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LimberReportPage *self = LIMBER_REPORT_PAGE (widget);
  int natural_width = (int) (self->paper_width * PAGE_NATURAL_SCALE);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PAGE_MIN_WIDTH;
      *natural = MAX (PAGE_MIN_WIDTH, natural_width);
    }
  else
    {
      int width = for_size >= 0 ? for_size : natural_width;

      *minimum = *natural = (int) ceil (width * self->paper_height / self->paper_width);
    }
}

static void
limber_report_page_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LimberReportPage *self = LIMBER_REPORT_PAGE (widget);
  int width = gtk_widget_get_width (widget);
  double scale = width / self->paper_width;
  double height = self->paper_height * scale;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GskRoundedRect outline;
  const GdkRGBA shadow = { 0, 0, 0, 0.3 };
  const GdkRGBA white = { 1, 1, 1, 1 };
  cairo_t *cr;

  if (width <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 6);
  gtk_snapshot_append_color (snapshot, &white, &bounds);
  if (self->report == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, self->margin_left, self->margin_top);
  limber_report_draw_page (self->report, cr, self->page);
  cairo_destroy (cr);
}

static void
limber_report_page_class_init (LimberReportPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = limber_report_page_get_request_mode;
  widget_class->measure = limber_report_page_measure;
  widget_class->snapshot = limber_report_page_snapshot;
  gtk_widget_class_set_css_name (widget_class, "limber-report-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
limber_report_page_init (LimberReportPage *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_VISIBLE);
}

static GtkWidget *
limber_report_page_new (LimberReport *report,
                        guint         page,
                        guint         n_pages,
                        GtkPageSetup *page_setup)
{
  LimberReportPage *self = g_object_new (LIMBER_TYPE_REPORT_PAGE, NULL);
  g_autofree char *description = NULL;

  self->report = report;
  self->page = page;
  self->paper_width = gtk_page_setup_get_paper_width (page_setup, GTK_UNIT_POINTS);
  self->paper_height = gtk_page_setup_get_paper_height (page_setup, GTK_UNIT_POINTS);
  self->margin_left = gtk_page_setup_get_left_margin (page_setup, GTK_UNIT_POINTS);
  self->margin_top = gtk_page_setup_get_top_margin (page_setup, GTK_UNIT_POINTS);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: said of a page of the report's
                                               * preview; the first %u is the page, the
                                               * second how many there are. */
                                              "Page %u of %u", "Page %u of %u", n_pages),
                                 page + 1, n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Report preview"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return GTK_WIDGET (self);
}

static char *
format_day (const char *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  /* A day names a date, not a moment: it is written without a zone. */
  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* Translators: a day of the report's period, with its year; a strftime
   * format, see g_date_time_format(). */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static const char *
get_today (LimberReportDialog *self)
{
  return limber_clock_get_today (limber_context_get_clock (self->context));
}

/* The weeks of the Trends page: @n_weeks calendar weeks, the last of them
 * the one under way. */
static char *
weeks_first_day (LimberReportDialog *self,
                 guint               n_weeks)
{
  g_autofree char *day = limber_day_add (get_today (self), -7 * ((int) n_weeks - 1));

  return limber_trend_week_start (day, limber_trend_locale_first_weekday ());
}

/* The period the options give, up to today. */
static void
update_period (LimberReportDialog *self)
{
  const char *today = get_today (self);

  g_free (self->first_day);
  g_free (self->last_day);
  self->last_day = g_strdup (today);
  switch ((Period) gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_4_WEEKS:
      self->first_day = weeks_first_day (self, 4);
      break;
    case PERIOD_SINCE:
      self->first_day = g_strdup (strcmp (self->since_day, today) > 0 ? today : self->since_day);
      break;
    case PERIOD_12_WEEKS:
    default:
      self->first_day = weeks_first_day (self, 12);
      break;
    }
}

static void
show_problem (LimberReportDialog *self,
              const char         *text)
{
  gtk_label_set_label (self->problem_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), text != NULL);
  /* It sits above the preview, which may have been scrolled. */
  if (text != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
clear_pages (LimberReportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  self->n_pages = 0;
}

static void
get_printable_size (LimberReportDialog *self,
                    double             *width_pt,
                    double             *height_pt)
{
  *width_pt = gtk_page_setup_get_page_width (self->page_setup, GTK_UNIT_POINTS);
  *height_pt = gtk_page_setup_get_page_height (self->page_setup, GTK_UNIT_POINTS);
}

/* Lays the report out in the printable area of the paper and puts a
 * page of the preview in for each page. */
static void
show_pages (LimberReportDialog *self)
{
  double width_pt, height_pt;

  clear_pages (self);
  if (self->report == NULL)
    return;

  get_printable_size (self, &width_pt, &height_pt);
  self->n_pages = limber_report_paginate (self->report, width_pt, height_pt);
  for (guint i = 0; i < self->n_pages; i++)
    gtk_box_append (self->pages_box, limber_report_page_new (self->report, i, self->n_pages, self->page_setup));
}

static void
set_report_actions_enabled (LimberReportDialog *self,
                            gboolean            enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", enabled);
}

/* Reads the report of the period the options give and shows it. */
static void
rebuild (LimberReportDialog *self)
{
  LimberJournal *journal = limber_context_get_journal (self->context);
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *range = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  clear_pages (self);
  g_clear_pointer (&self->report, limber_report_free);
  set_report_actions_enabled (self, FALSE);
  show_problem (self, NULL);

  update_period (self);
  first_text = format_day (self->first_day);
  last_text = format_day (self->last_day);
  /* Translators: the report's period, from its first to its last day. */
  range = g_strdup_printf (_("%s – %s"), first_text, last_text);
  /* Under the period, where it is chosen: the header bar has no room for
   * it in a narrow window. */
  adw_action_row_set_subtitle (self->period_row, range);

  if (journal == NULL)
    {
      show_problem (self, _("The journal is not open, so there is nothing to report."));
      return;
    }

  start = g_get_monotonic_time ();
  self->report = limber_report_new (journal, self->first_day, self->last_day,
                                    gtk_switch_get_active (self->notes_switch),
                                    limber_trend_locale_first_weekday (), &error);
  if (self->report == NULL)
    {
      g_warning ("Could not read the report: %s", error != NULL ? error->message : "no reason given");
      show_problem (self, error != NULL ? error->message : _("The journal could not be read."));
      return;
    }
  show_pages (self);
  g_debug ("Report from %s to %s read and laid out in %u pages in %.1f ms", self->first_day, self->last_day,
           self->n_pages, (g_get_monotonic_time () - start) / 1000.0);
  set_report_actions_enabled (self, TRUE);
}

/* The since button shows the first day picked, and says it. */
static void
label_since_button (LimberReportDialog *self)
{
  g_autofree char *text = format_day (self->since_day);
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->since_button));

  gtk_menu_button_set_label (self->since_button, text);
  /* Translators: the accessible name of the button that picks the
   * report's first day; %s is that day. */
  name = g_strdup_printf (_("First day: %s"), text);
  /* GTK 4.8 gives the focus to the toggle button inside, labelled by
   * the date alone; the menu button around it is named by its row. */
  if (GTK_IS_TOGGLE_BUTTON (button))
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
select_calendar_day (LimberReportDialog *self,
                     const char         *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, time);
}

static void
day_selected_cb (LimberReportDialog *self)
{
  g_autoptr (GDateTime) time = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (time),
                                          g_date_time_get_month (time), g_date_time_get_day_of_month (time));
  const char *today = get_today (self);

  if (!limber_day_is_valid (day) || g_strcmp0 (day, self->since_day) == 0)
    return;
  /* The report ends today: a later day goes back to today. */
  if (strcmp (day, today) > 0)
    {
      g_free (day);
      day = g_strdup (today);
      select_calendar_day (self, day);
    }
  g_free (self->since_day);
  self->since_day = g_steal_pointer (&day);
  label_since_button (self);
  gtk_popover_popdown (self->since_popover);
  if (gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_SINCE)
    rebuild (self);
}

static void
period_changed_cb (LimberReportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->since_row),
                          gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_SINCE);
  rebuild (self);
}

static void
show_toast (LimberReportDialog *self,
            const char         *text)
{
  /* A toast title is markup: a file name may hold '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

gboolean
limber_report_dialog_save (LimberReportDialog *self,
                           const char         *path,
                           GError            **error)
{
  gboolean saved;

  g_return_val_if_fail (LIMBER_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->report == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the file the report was to be saved to. */
                   _("Could not save the report to “%s”: the journal could not be read."), path);
      return FALSE;
    }

  saved = limber_report_write_pdf (self->report, path, error);
  /* Writing lays the report out again, on the same paper within the same
   * margins; the preview is laid out anew only if that changed. */
  {
    double width_pt, height_pt;

    get_printable_size (self, &width_pt, &height_pt);
    if (limber_report_paginate (self->report, width_pt, height_pt) != self->n_pages)
      show_pages (self);
  }
  return saved;
}

static void
save_response_cb (LimberReportDialog   *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->save_chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_problem (self, _("Could not save the report: only files in local folders can be saved."));
      return;
    }
  if (!limber_report_dialog_save (self, path, &error))
    {
      show_problem (self, error->message);
      return;
    }

  show_problem (self, NULL);
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *display_name = g_filename_display_name (name);
    /* Translators: %s is the name of the PDF file the report went to. */
    g_autofree char *text = g_strdup_printf (_("Saved as “%s”"), display_name);

    show_toast (self, text);
  }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberReportDialog *self = LIMBER_REPORT_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->report == NULL || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save Report as PDF"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);
  /* Translators: the file name offered for a saved report; %s is its
   * last day, as YYYY-MM-DD. */
  name = g_strdup_printf (_("Limber report %s.pdf"), self->last_day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  g_signal_connect_object (self->save_chooser, "response", G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                LimberReport      *report)
{
  guint n_pages = limber_report_paginate (report, gtk_print_context_get_width (context),
                                          gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              LimberReport      *report)
{
  limber_report_draw_page (report, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
limber_report_dialog_new_print_operation (LimberReportDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperation *operation;
  LimberJournal *journal;
  LimberReport *report;

  g_return_val_if_fail (LIMBER_IS_REPORT_DIALOG (self), NULL);

  journal = limber_context_get_journal (self->context);
  if (self->report == NULL || journal == NULL)
    return NULL;

  /* A report of its own, laid out on the paper the print dialog gives,
   * while the preview keeps its own layout. */
  report = limber_report_new (journal, self->first_day, self->last_day, gtk_switch_get_active (self->notes_switch),
                              limber_trend_locale_first_weekday (), &error);
  if (report == NULL)
    {
      g_warning ("Could not read the report to print: %s", error != NULL ? error->message : "no reason given");
      return NULL;
    }

  operation = gtk_print_operation_new ();
  /* Translators: the name of a print job of the report; %s is its last
   * day, as YYYY-MM-DD. */
  job_name = g_strdup_printf (_("Limber report %s"), self->last_day);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_default_page_setup (operation, self->page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "limber-report", report, (GDestroyNotify) limber_report_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LimberReportDialog *self = LIMBER_REPORT_DIALOG (widget);
  g_autoptr (GtkPrintOperation) operation = limber_report_dialog_new_print_operation (self);
  g_autoptr (GError) error = NULL;

  if (operation == NULL)
    return;
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not print the report: %s", error->message);
      /* Translators: %s says why printing failed. */
      text = g_strdup_printf (_("Could not print the report: %s"), error->message);
      show_problem (self, text);
    }
}

/* The day moved on while the dialog was open: the period ends today. */
static void
day_changed_cb (LimberReportDialog *self)
{
  rebuild (self);
}

static void
limber_report_dialog_dispose (GObject *object)
{
  LimberReportDialog *self = LIMBER_REPORT_DIALOG (object);

  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  /* The pages borrow the report: let go of them first. */
  if (self->pages_box != NULL)
    clear_pages (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_REPORT_DIALOG);
  g_clear_pointer (&self->report, limber_report_free);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (limber_context_get_clock (self->context), self);
  g_clear_object (&self->context);
  g_clear_object (&self->page_setup);

  G_OBJECT_CLASS (limber_report_dialog_parent_class)->dispose (object);
}

static void
limber_report_dialog_finalize (GObject *object)
{
  LimberReportDialog *self = LIMBER_REPORT_DIALOG (object);

  g_free (self->first_day);
  g_free (self->last_day);
  g_free (self->since_day);

  G_OBJECT_CLASS (limber_report_dialog_parent_class)->finalize (object);
}

static void
limber_report_dialog_class_init (LimberReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_report_dialog_dispose;
  object_class->finalize = limber_report_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "report.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.print", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, since_button);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, since_popover);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, notes_switch);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LimberReportDialog, pages_box);
}

/* Keeps the widgets inside @widget out of the focus chain. */
static void
unfocus_descendants (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      unfocus_descendants (child);
    }
}

static void
limber_report_dialog_init (LimberReportDialog *self)
{
  g_autoptr (GtkPaperSize) paper = NULL;
  double width_pt, height_pt;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The report's paper for the locale, with the margins of the PDF. */
  limber_report_default_paper (&width_pt, &height_pt);
  paper = gtk_paper_size_new (NULL);
  /* The locale's paper by its name, as a printer knows it, unless the
   * report says otherwise. */
  if (fabs (gtk_paper_size_get_width (paper, GTK_UNIT_POINTS) - width_pt) >= 1
      || fabs (gtk_paper_size_get_height (paper, GTK_UNIT_POINTS) - height_pt) >= 1)
    {
      gtk_paper_size_free (paper);
      /* Translators: the name of the paper size of a report, in a print
       * dialog, when it is not a standard one. */
      paper = gtk_paper_size_new_custom ("limber-report", _("Report paper"), width_pt, height_pt, GTK_UNIT_POINTS);
    }
  self->page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (self->page_setup, paper);
  gtk_page_setup_set_top_margin (self->page_setup, REPORT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (self->page_setup, REPORT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (self->page_setup, REPORT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (self->page_setup, REPORT_MARGIN_MM, GTK_UNIT_MM);

  limber_accessible_name_buttons_by_label (GTK_WIDGET (self));
  /* Translators: the tooltip and accessible name of the report dialog's
   * print button (Ctrl+P). */
  limber_accessible_name_icon_button (GTK_WIDGET (self->print_button), _("Print…"), NULL);
  /* Translators: the accessible name of the drop-down that picks the
   * report's period. */
  limber_accessible_name_drop_down (self->period_dropdown, _("Period"));
  /* The row names the drop-down already, as its activatable widget: a
   * label too would have it said twice. The button inside keeps it. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->period_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* The item that shows the choice inside the drop-down's button says
   * itself focusable, without a name: the button is the one stop. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->period_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        unfocus_descendants (child);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First day of the report"), -1);
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_12_WEEKS);
  set_report_actions_enabled (self, FALSE);
}

GtkWidget *
limber_report_dialog_new (GtkWindow     *parent,
                          LimberContext *context)
{
  LimberReportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  self = g_object_new (LIMBER_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);

  /* "Since a date…" starts where the 12 weeks do. */
  self->since_day = weeks_first_day (self, 12);
  select_calendar_day (self, self->since_day);
  label_since_button (self);

  g_signal_connect_object (self->period_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notes_switch, "notify::active", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (limber_context_get_clock (context), "day-changed", G_CALLBACK (day_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}
