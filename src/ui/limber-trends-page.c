/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-day.h"
#include "limber-trend-chart.h"
#include "limber-trend-export.h"
#include "limber-trend.h"
#include "limber-trends-page.h"

/* The Trends page: a chart of 1, 4 or 12 weeks ending with the shown
 * week, that week's summary and the insight on breaks. The trend is read
 * again whenever the page is shown or moved, since the journal does not
 * say when it changes, and when the context's clock says the day did. */
struct _LimberTrendsPage
{
  AdwBin            parent_instance;

  LimberContext    *context;
  /* 0 shows the current week, -1 the one before, and so on. */
  int               week_offset;
  /* The day the weeks were counted back from. */
  char             *counted_from_day;
  /* Owned here and lent to the chart. */
  LimberTrend      *trend;
  /* The save dialog of an export under way, and what it exports to. */
  GtkFileChooserNative   *export_chooser;
  LimberTrendExportFormat export_format;

  AdwToastOverlay   *toast_overlay;
  GtkScrolledWindow *scroller;
  GtkMenuButton     *export_button;
  GtkLabel         *range_label;
  GtkDropDown      *weeks_dropdown;
  GtkStack         *content_stack;
  LimberTrendChart *chart;
  GtkLabel         *summary_title;
  GtkLabel         *mean_label;
  GtkLabel         *worst_label;
  GtkLabel         *days_label;
  GtkLabel         *breaks_label;
  GtkLabel         *stretch_label;
  GtkLabel         *change_label;
  GtkLabel         *insight_label;
  AdwStatusPage    *status_page;
};

G_DEFINE_FINAL_TYPE (LimberTrendsPage, limber_trends_page, ADW_TYPE_BIN)

/* The weeks the drop-down offers, in its order. */
static const guint weeks_choices[] = { 1, 4, 12 };

static char *
format_day (const char *day,
            const char *format)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  /* A day names a date, not a moment: it is written without a zone. */
  limber_day_to_date (day, &date);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  return g_date_time_format (time, format);
}

static void
show_summary (LimberTrendsPage      *self,
              const LimberTrendWeek *week)
{
  g_autofree char *mean = NULL;
  g_autofree char *worst = NULL;
  g_autofree char *days = NULL;
  g_autofree char *breaks = NULL;
  g_autofree char *stretch = NULL;
  g_autofree char *change = NULL;

  mean = week->has_mean ? g_strdup_printf (_("Mean pain: %.1f"), week->mean)
                        : g_strdup (_("Mean pain: nothing logged"));
  worst = week->highest_worst != LIMBER_PAIN_SCORE_UNSET
            ? g_strdup_printf (_("Highest worst pain: %d"), week->highest_worst)
            : g_strdup (_("Highest worst pain: nothing logged"));
  days = g_strdup_printf (_("Days logged: %u of 7"), week->days_logged);
  breaks = week->breaks_due > 0
             ? g_strdup_printf (_("Breaks taken: %u of %u"), week->breaks_taken, week->breaks_due)
             : g_strdup (_("Breaks taken: none came due"));
  stretch = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stretching: %u minute", "Stretching: %u minutes",
                                          week->stretch_minutes),
                             week->stretch_minutes);

  /* The threshold comes from treatment trials, not from ups and downs
   * between weeks: say so next to the words "clear change". */
  if (week->has_change && week->meaningful)
    change = g_strdup_printf (_("Against the week before: %+.1f, a clear change (at least 2 points and 30%%, "
                                "the size that counts in treatment trials; one week can still be chance)"),
                              week->change);
  else if (week->has_change)
    change = g_strdup_printf (_("Against the week before: %+.1f, within ordinary ups and downs"), week->change);
  else
    change = g_strdup (_("Against the week before: no mean to compare with"));

  gtk_label_set_label (self->mean_label, mean);
  gtk_label_set_label (self->worst_label, worst);
  gtk_label_set_label (self->days_label, days);
  gtk_label_set_label (self->breaks_label, breaks);
  gtk_label_set_label (self->stretch_label, stretch);
  gtk_label_set_label (self->change_label, change);
}

/* No chart: because nothing was logged, because the journal is still on
 * its way or could not be opened, or because it could not be read. */
static void
show_empty (LimberTrendsPage *self,
            const GError     *error)
{
  LimberJournalState state = limber_context_get_journal_state (self->context);
  g_autofree char *failure = NULL;
  const char *title = _("No Entries Yet");
  const char *description;

  if (error != NULL)
    description = error->message;
  else if (state == LIMBER_JOURNAL_STATE_OPENING)
    description = _("Opening the journal…");
  else if (state == LIMBER_JOURNAL_STATE_FAILED)
    {
      const char *reason = limber_context_get_journal_error (self->context);
      const char *path = limber_context_get_journal_path (self->context);

      title = _("The Journal Could Not Be Opened");
      if (reason == NULL)
        reason = "";
      /* The file is named, by the reason or else here. */
      if (path == NULL || strstr (reason, path) != NULL)
        failure = g_strdup (reason);
      else
        /* Translators: the first %s is the journal's file, the second
         * says why it could not be opened. */
        failure = g_strdup_printf (_("The journal %s could not be opened. %s"), path, reason);
      description = failure;
    }
  else
    description = _("Log how your back feels in the journal and your pain will show here beside the breaks you took.");

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
refresh (LimberTrendsPage *self)
{
  LimberJournal *journal;
  const char *now_day;
  g_autofree char *week_start = NULL;
  g_autofree char *shown_start = NULL;
  g_autofree char *shown_end = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *range = NULL;
  g_autoptr (GError) error = NULL;
  guint selected;
  guint n_weeks;
  int first_weekday;

  if (self->context == NULL)
    return;

  selected = gtk_drop_down_get_selected (self->weeks_dropdown);
  n_weeks = weeks_choices[MIN (selected, G_N_ELEMENTS (weeks_choices) - 1)];
  first_weekday = limber_trend_locale_first_weekday ();
  now_day = limber_clock_get_today (limber_context_get_clock (self->context));
  g_free (self->counted_from_day);
  self->counted_from_day = g_strdup (now_day);
  week_start = limber_trend_week_start (now_day, first_weekday);
  shown_start = limber_day_add (week_start, 7 * self->week_offset);
  shown_end = limber_day_add (shown_start, 6);
  /* The current week ends today: days to come hold nothing yet. */
  last_day = g_strdup (strcmp (shown_end, now_day) > 0 ? now_day : shown_end);

  /* Translators: the first and last day of the shown week, a strftime
   * format, see g_date_time_format(). */
  start_text = format_day (shown_start, _("%-d %B"));
  end_text = format_day (shown_end, _("%-d %B %Y"));
  /* Translators: the week shown, from its first to its last day. */
  range = g_strdup_printf (_("%s – %s"), start_text, end_text);
  gtk_label_set_label (self->range_label, range);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.next", self->week_offset < 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.this-week", self->week_offset != 0);

  limber_trend_chart_set_trend (self->chart, NULL);
  g_clear_pointer (&self->trend, limber_trend_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);

  journal = limber_context_get_journal (self->context);
  if (journal != NULL)
    self->trend = limber_trend_compute (journal, last_day, n_weeks, first_weekday, &error);
  if (error != NULL)
    g_warning ("Could not read the trend: %s", error->message);

  if (self->trend == NULL || !limber_trend_chart_has_data (self->trend))
    {
      show_empty (self, error);
      return;
    }

  {
    g_autoptr (LimberTrend) pair = NULL;
    const LimberTrendWeek *week = &g_array_index (self->trend->weeks, LimberTrendWeek, self->trend->weeks->len - 1);
    g_autofree char *insight = limber_trend_describe_insight (&self->trend->insight);
    g_autofree char *title = g_strdup_printf (_("Week of %s"), start_text);

    /* A one-week trend knows no week before it to compare with. */
    if (self->trend->weeks->len < 2)
      pair = limber_trend_compute (journal, last_day, 2, first_weekday, NULL);
    if (pair != NULL)
      week = &g_array_index (pair->weeks, LimberTrendWeek, pair->weeks->len - 1);

    gtk_label_set_label (self->summary_title, title);
    show_summary (self, week);
    gtk_label_set_label (self->insight_label, insight);
  }
  limber_trend_chart_set_trend (self->chart, self->trend);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "chart");
}

static void
show_toast (LimberTrendsPage *self,
            const char       *text)
{
  /* A toast title is markup: a file name may hold '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
export_response_cb (LimberTrendsPage     *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  LimberTrendChartColors colors;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->export_chooser);
  if (file == NULL)
    return;

  /* The week may have moved to an empty one while the dialog was open. */
  if (self->trend == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("Could not export: only files in local folders can be saved"));
      return;
    }

  /* Light colours whatever the style: a file goes to paper and slides. */
  limber_trend_chart_get_light_colors (&colors);
  if (!limber_trend_export (self->trend, &colors, path, self->export_format, &error))
    {
      show_toast (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *display_name = g_filename_display_name (name);
    g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), display_name);

    show_toast (self, text);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  g_autofree char *suggested_name = NULL;
  const char *title;
  GtkRoot *root;

  if (self->trend == NULL || self->export_chooser != NULL)
    return;

  if (g_str_equal (extension, "png"))
    {
      self->export_format = LIMBER_TREND_EXPORT_PNG;
      title = _("Export Chart as PNG");
    }
  else if (g_str_equal (extension, "svg"))
    {
      self->export_format = LIMBER_TREND_EXPORT_SVG;
      title = _("Export Chart as SVG");
    }
  else if (g_str_equal (extension, "csv"))
    {
      self->export_format = LIMBER_TREND_EXPORT_CSV;
      title = _("Export Days as CSV");
    }
  else
    {
      g_warning ("No export format “%s”", extension);
      return;
    }

  root = gtk_widget_get_root (widget);
  self->export_chooser = gtk_file_chooser_native_new (title,
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* Named after the last day shown, so exports of other weeks sit side
   * by side. */
  suggested_name = g_strdup_printf ("limber-trend-%s.%s", self->trend->last_day, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), suggested_name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);

  /* No further back than the longest trend the core computes. */
  if (self->week_offset > -(int) LIMBER_TREND_MAX_WEEKS)
    self->week_offset--;
  refresh (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);

  if (self->week_offset < 0)
    self->week_offset++;
  refresh (self);
}

static void
this_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);

  self->week_offset = 0;
  refresh (self);
}

/* A page left open overnight counts its weeks from the new day: the
 * current week moves on with it, and an earlier week being looked at
 * stays in view. Everything here follows from the day alone, and a zone
 * change that moves the day emits this too. */
static void
day_changed_cb (LimberTrendsPage *self)
{
  const char *now_day = limber_clock_get_today (limber_context_get_clock (self->context));
  int first_weekday = limber_trend_locale_first_weekday ();

  if (self->week_offset != 0 && self->counted_from_day != NULL)
    {
      g_autofree char *old_start = limber_trend_week_start (self->counted_from_day, first_weekday);
      g_autofree char *new_start = limber_trend_week_start (now_day, first_weekday);
      GDate old_date, new_date;
      int weeks_moved;

      limber_day_to_date (old_start, &old_date);
      limber_day_to_date (new_start, &new_date);
      weeks_moved = g_date_days_between (&old_date, &new_date) / 7;
      self->week_offset = CLAMP (self->week_offset - weeks_moved, -(int) LIMBER_TREND_MAX_WEEKS, 0);
    }
  refresh (self);
}

/* The journal on its way, or not coming: the empty page says so. Once it
 * is open, notify::journal has the chart drawn. */
static void
journal_state_changed_cb (LimberTrendsPage *self)
{
  if (limber_context_get_journal (self->context) == NULL)
    refresh (self);
}

void
limber_trends_page_set_context (LimberTrendsPage *self,
                                LimberContext    *context)
{
  g_return_if_fail (LIMBER_IS_TRENDS_PAGE (self));
  g_return_if_fail (LIMBER_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::journal", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::journal-state", G_CALLBACK (journal_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (limber_context_get_clock (context), "day-changed",
                           G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
limber_trends_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (limber_trends_page_parent_class)->map (widget);

  /* Entries may have been logged on another page since. */
  refresh (LIMBER_TRENDS_PAGE (widget));
}

static void
limber_trends_page_dispose (GObject *object)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (object);

  /* The chart borrows the trend: let go of the widgets first. */
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_TRENDS_PAGE);
  g_clear_pointer (&self->trend, limber_trend_free);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (limber_context_get_clock (self->context), self);
    }
  g_clear_object (&self->context);
  g_clear_pointer (&self->counted_from_day, g_free);

  G_OBJECT_CLASS (limber_trends_page_parent_class)->dispose (object);
}

static void
limber_trends_page_class_init (LimberTrendsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_trends_page_dispose;
  widget_class->map = limber_trends_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-trends-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, weeks_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, summary_title);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, mean_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, worst_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, days_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, breaks_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, stretch_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, change_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, insight_label);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, refresh);
  gtk_widget_class_install_action (widget_class, "trends.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "trends.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "trends.this-week", NULL, this_week_action);
  gtk_widget_class_install_action (widget_class, "trends.export", "s", export_action);

  g_type_ensure (LIMBER_TYPE_TREND_CHART);
}

static void
limber_trends_page_init (LimberTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
