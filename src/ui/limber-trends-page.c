/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-day.h"
#include "limber-journal-factors.h"
#include "limber-report-dialog.h"
#include "limber-trend-chart.h"
#include "limber-trend-export.h"
#include "limber-trend.h"
#include "limber-trends-page.h"

/* The Trends page: a chart of 1, 4 or 12 weeks, their summary against
 * as many weeks before and the insight on breaks. It opens on the latest
 * weeks with entries, or where it was left: the number of weeks and,
 * once moved to earlier weeks, their last day are kept in the
 * "trends-range" setting. The trend is read again whenever the page is
 * shown or moved, since the journal does not say when it changes, and
 * when the context's clock says the day did. */
struct _LimberTrendsPage
{
  AdwBin            parent_instance;

  LimberContext    *context;
  /* A day of the last week shown once the page was moved to other weeks
   * than the latest with entries; NULL follows the latest. */
  char             *anchor_day;
  /* What is shown: the first day of the first week and the last day of
   * the last one, which may lie after today. NULL without a chart. */
  char             *shown_first_day;
  char             *shown_last_day;
  /* Owned here and lent to the chart. */
  LimberTrend      *trend;
  /* The LimberLifeChange in the weeks shown, oldest first, or NULL. */
  GPtrArray        *changes;
  /* The rows put into factors_group and needed_group. */
  GPtrArray        *factor_rows;
  /* The save dialog of an export under way, and what it exports to. */
  GtkFileChooserNative   *export_chooser;
  LimberTrendExportFormat export_format;

  AdwToastOverlay   *toast_overlay;
  GtkScrolledWindow *scroller;
  GtkWidget         *controls;
  GtkButton         *previous_button;
  GtkButton         *next_button;
  GtkButton         *latest_button;
  GtkMenuButton     *export_button;
  GtkLabel          *range_label;
  GtkDropDown       *weeks_dropdown;
  GtkStack          *content_stack;
  LimberTrendChart  *chart;
  GtkLabel          *summary_title;
  GtkLabel          *mean_label;
  GtkLabel          *worst_label;
  GtkLabel          *days_label;
  GtkLabel          *breaks_label;
  GtkLabel          *stretch_label;
  GtkLabel          *change_label;
  GtkLabel          *insight_label;
  GtkWidget         *changes_legend;
  GtkBox            *changes_box;
  AdwPreferencesGroup *factors_group;
  AdwPreferencesGroup *needed_group;
  GtkWidget         *factors_hint;
  AdwStatusPage     *status_page;
  GtkWidget         *open_journal_button;
  GtkWidget         *show_latest_button;
};

G_DEFINE_FINAL_TYPE (LimberTrendsPage, limber_trends_page, ADW_TYPE_BIN)

/* The weeks the drop-down offers, in its order. */
static const guint weeks_choices[] = { 1, 4, 12 };
/* The choice when the setting names none of them: 4 weeks. */
#define DEFAULT_CHOICE 1

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

/* "16 November", or "16 November 2026" in full. */
static char *
format_date (const char *day,
             gboolean    with_year)
{
  /* Translators: a day in the Trends page's heading and summary, without
   * and with its year; strftime formats, see g_date_time_format(). */
  return format_day (day, with_year ? _("%-d %B %Y") : _("%-d %B"));
}

/* The first to the last day shown, with the year once, or twice when the
 * weeks run into a new one. */
static char *
format_range (const char *first_day,
              const char *last_day)
{
  g_autofree char *first_text = format_date (first_day, strncmp (first_day, last_day, 4) != 0);
  g_autofree char *last_text = format_date (last_day, TRUE);

  /* Translators: the weeks shown, from their first to their last day. */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

static guint
get_n_weeks (LimberTrendsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->weeks_dropdown);

  return weeks_choices[MIN (selected, G_N_ELEMENTS (weeks_choices) - 1)];
}

/* The change of the mean against the weeks before, or why there is none.
 * The threshold comes from treatment trials, not from ups and downs
 * between weeks: say so next to the words "clear change". */
static char *
describe_change (const LimberTrendRange *range)
{
  guint n_weeks = range->shown.n_weeks;

  if (n_weeks == 1)
    {
      if (range->comparable && range->meaningful)
        return g_strdup_printf (_("Against the week before: %+.1f, a clear change (at least 2 points and 30%%, "
                                  "the size that counts in treatment trials; one week can still be chance)"),
                                range->change);
      if (range->comparable)
        return g_strdup_printf (_("Against the week before: %+.1f, within ordinary ups and downs"), range->change);
      /* Translators: instead of the change of the mean pain when either
       * week has fewer than 2 logged days of every 7. */
      return g_strdup (_("Too few days logged to compare with the week before"));
    }

  if (range->comparable && range->meaningful)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u is a number of weeks, %+.1f the change
                                          * of the mean pain score. */
                                         "Against the %u week before: %+.1f, a clear change (at least 2 points and 30%%, "
                                         "the size that counts in treatment trials; it can still be chance)",
                                         "Against the %u weeks before: %+.1f, a clear change (at least 2 points and 30%%, "
                                         "the size that counts in treatment trials; it can still be chance)",
                                         n_weeks),
                            n_weeks, range->change);
  if (range->comparable)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u is a number of weeks, %+.1f the change
                                          * of the mean pain score. */
                                         "Against the %u week before: %+.1f, within ordinary ups and downs",
                                         "Against the %u weeks before: %+.1f, within ordinary ups and downs",
                                         n_weeks),
                            n_weeks, range->change);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: instead of the change of the mean pain when
                                        * either range has fewer than 2 logged days of every 7; %u
                                        * is a number of weeks. */
                                       "Too few days logged to compare with the %u week before",
                                       "Too few days logged to compare with the %u weeks before",
                                       n_weeks),
                          n_weeks);
}

static void
show_summary (LimberTrendsPage       *self,
              const LimberTrendRange *range)
{
  const LimberTrendTotals *totals = &range->shown;
  g_autofree char *first_text = format_date (totals->first_day, FALSE);
  g_autofree char *title = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *worst = NULL;
  g_autofree char *days = NULL;
  g_autofree char *breaks = NULL;
  g_autofree char *stretch = NULL;
  g_autofree char *change = NULL;

  if (totals->n_weeks == 1)
    title = g_strdup_printf (_("Week of %s"), first_text);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the summary's title; %u is a number of
                                           * weeks, %s their first day. */
                                          "%u Week from %s", "%u Weeks from %s", totals->n_weeks),
                             totals->n_weeks, first_text);

  mean = totals->has_mean ? g_strdup_printf (_("Mean pain: %.1f"), totals->mean)
                          : g_strdup (_("Mean pain: nothing logged"));
  worst = totals->highest_worst != LIMBER_PAIN_SCORE_UNSET
            ? g_strdup_printf (_("Highest worst pain: %d"), totals->highest_worst)
            : g_strdup (_("Highest worst pain: nothing logged"));
  days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: days with a pain entry of the days shown up
                                        * to today. */
                                       "%u of %u day logged", "%u of %u days logged", totals->n_days),
                          totals->days_logged, totals->n_days);
  breaks = totals->breaks_due > 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u break taken",
                                             "%u of %u breaks taken", totals->breaks_due),
                                totals->breaks_taken, totals->breaks_due)
             : g_strdup (_("No breaks came due"));
  stretch = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u minute of stretching",
                                          "%u minutes of stretching", totals->stretch_minutes),
                             totals->stretch_minutes);
  change = describe_change (range);

  gtk_label_set_label (self->summary_title, title);
  gtk_label_set_label (self->mean_label, mean);
  gtk_label_set_label (self->worst_label, worst);
  gtk_label_set_label (self->days_label, days);
  gtk_label_set_label (self->breaks_label, breaks);
  gtk_label_set_label (self->stretch_label, stretch);
  gtk_label_set_label (self->change_label, change);
}

/* The buttons move by as many weeks as are shown. */
static void
label_move_buttons (LimberTrendsPage *self,
                    guint             n_weeks)
{
  g_autofree char *previous = NULL;
  g_autofree char *next = NULL;

  if (n_weeks == 1)
    {
      previous = g_strdup (_("Previous Week"));
      next = g_strdup (_("Next Week"));
    }
  else
    {
      previous = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Previous %u Week", "Previous %u Weeks", n_weeks),
                                  n_weeks);
      next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next %u Week", "Next %u Weeks", n_weeks), n_weeks);
    }

  limber_accessible_name_icon_button (GTK_WIDGET (self->previous_button), previous, NULL);
  limber_accessible_name_icon_button (GTK_WIDGET (self->next_button), next, NULL);
}

static void
set_moves_enabled (LimberTrendsPage *self,
                   gboolean          previous,
                   gboolean          next,
                   gboolean          latest)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.previous", previous);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.next", next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.latest", latest);
}

/* No chart because nothing is logged at all, because the journal is
 * still on its way or could not be opened, or because it could not be
 * read: nothing to move through either. */
static void
show_empty (LimberTrendsPage *self,
            const GError     *error)
{
  LimberJournalState state = limber_context_get_journal_state (self->context);
  g_autofree char *failure = NULL;
  const char *title = _("No Entries Yet");
  const char *description;

  if (error != NULL)
    {
      title = _("The Journal Could Not Be Read");
      description = error->message;
    }
  else if (state == LIMBER_JOURNAL_STATE_OPENING)
    {
      title = _("Opening the Journal");
      description = _("Opening the journal…");
    }
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

  set_moves_enabled (self, FALSE, FALSE, FALSE);
  gtk_widget_set_visible (self->controls, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), FALSE);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->open_journal_button, TRUE);
  gtk_widget_set_visible (self->show_latest_button, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* Weeks without an entry while other weeks have some. */
static void
show_empty_range (LimberTrendsPage *self,
                  guint             n_weeks)
{
  g_autofree char *first_text = format_date (self->shown_first_day, TRUE);
  g_autofree char *last_text = format_date (self->shown_last_day, TRUE);
  /* Translators: the first and the last day of the weeks shown. */
  g_autofree char *description = g_strdup_printf (_("Nothing was logged from %s to %s."), first_text, last_text);

  adw_status_page_set_title (self->status_page,
                             g_dngettext (GETTEXT_PACKAGE, "No Entries in This Week", "No Entries in These Weeks",
                                          n_weeks));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->open_journal_button, FALSE);
  gtk_widget_set_visible (self->show_latest_button, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* Keeps where the page is for the next start. */
static void
save_range (LimberTrendsPage *self)
{
  GSettings *state = limber_context_get_state (self->context);
  const char *anchor = self->anchor_day != NULL ? self->anchor_day : "";
  g_autofree char *saved_anchor = NULL;
  guint saved_weeks;

  g_settings_get (state, "trends-range", "(us)", &saved_weeks, &saved_anchor);
  if (saved_weeks != get_n_weeks (self) || g_strcmp0 (saved_anchor, anchor) != 0)
    g_settings_set (state, "trends-range", "(us)", get_n_weeks (self), anchor);
}

static void
set_anchor_day (LimberTrendsPage *self,
                const char       *day)
{
  g_free (self->anchor_day);
  self->anchor_day = g_strdup (day);
}

/* A label of the "what helps you" groups, named for the tests. */
static GtkWidget *
new_factor_label (const char *text,
                  const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_name (label, name);
  return label;
}

/* A card of the "what helps you" groups: text to read, not a control, so
 * the row takes no Tab stop. */
static GtkWidget *
new_factor_row (const char *title,
                GtkWidget  *content)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (title != NULL)
    {
      GtkWidget *label = new_factor_label (title, "factor-title");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), content);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
clear_factor_rows (LimberTrendsPage *self)
{
  for (guint i = 0; i < self->factor_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->factor_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->factor_rows, 0);
}

static void
add_factor_row (LimberTrendsPage    *self,
                AdwPreferencesGroup *group,
                GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->factor_rows, row);
}

/* "What helps you" over the 12 weeks that end with @last_day, as
 * `limber trend` prints it: a paragraph for each factor with enough days
 * on both sides, a line for each of the others, and a retired factor only
 * while it has days in the window. Without anything ticked in the window,
 * one line says where to tick it. */
static void
show_factor_insight (LimberTrendsPage *self,
                     LimberJournal    *journal,
                     const char       *last_day)
{
  g_autoptr (LimberFactorInsight) insight = NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GPtrArray) ticked = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  const char *today = limber_clock_get_today (limber_context_get_clock (self->context));
  guint weeks = LIMBER_FACTOR_INSIGHT_DAYS / 7;
  GtkWidget *needed_box;
  guint n_shown = 0;
  guint n_needed = 0;

  clear_factor_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->factors_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->needed_group), FALSE);
  gtk_widget_set_visible (self->factors_hint, FALSE);

  insight = limber_journal_compute_factor_insight (journal, last_day, &factors, &error);
  if (insight != NULL)
    ticked = limber_journal_list_day_factors (journal, insight->first_day, insight->last_day, &error);
  if (error != NULL)
    {
      g_warning ("Could not read what helps: %s", error->message);
      return;
    }
  if (ticked->len == 0)
    {
      gtk_widget_set_visible (self->factors_hint, TRUE);
      return;
    }

  needed_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  for (guint f = 0; f < insight->n_factors; f++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, f);
      const LimberFactorResult *result = &insight->factors[f];
      const char *label = limber_factor_get_label (factor);

      if (factor->retired && result->with.n_days == 0 && result->next_with.n_days == 0)
        continue;
      if (result->available)
        {
          g_autofree char *paragraph = limber_factor_insight_describe (result, label);
          GtkWidget *text = new_factor_label (paragraph, "factor-text");

          /* To copy into a note for a doctor or physiotherapist. */
          gtk_label_set_selectable (GTK_LABEL (text), TRUE);
          add_factor_row (self, self->factors_group, new_factor_row (label, text));
          n_shown++;
        }
      else
        {
          g_autofree char *needed = limber_factor_insight_describe_needed (result, label);

          gtk_box_append (GTK_BOX (needed_box), new_factor_label (needed, "factor-text"));
          n_needed++;
        }
    }
  /* One card with a line for each: they are many at first. */
  if (n_needed > 0)
    add_factor_row (self, self->needed_group, new_factor_row (NULL, needed_box));
  else
    {
      g_object_ref_sink (needed_box);
      g_object_unref (needed_box);
    }

  if (strcmp (insight->last_day, today) >= 0)
    description = n_shown > 0
                    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u week", "Last %u weeks", weeks), weeks)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: under the title "What Helps
                                                     * You" when no factor has enough days to
                                                     * compare; %u is a number of weeks. */
                                                    "Last %u week: nothing has enough days yet to compare.",
                                                    "Last %u weeks: nothing has enough days yet to compare.",
                                                    weeks),
                                       weeks);
  else
    {
      g_autofree char *last_text = format_date (insight->last_day, TRUE);

      description = n_shown > 0
                      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      /* Translators: under the title "What Helps
                                                       * You"; %u is a number of weeks, %s
                                                       * their last day. */
                                                      "The %u week up to %s",
                                                      "The %u weeks up to %s", weeks),
                                         weeks, last_text)
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      /* Translators: under the title "What Helps
                                                       * You" when no factor has enough days to
                                                       * compare; %u is a number of weeks, %s
                                                       * their last day. */
                                                      "The %u week up to %s: nothing has enough days yet to compare.",
                                                      "The %u weeks up to %s: nothing has enough days yet to compare.",
                                                      weeks),
                                         weeks, last_text);
    }
  adw_preferences_group_set_description (self->factors_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->factors_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->needed_group), n_needed > 0);
}

static void
clear_changes (LimberTrendsPage *self)
{
  GtkWidget *child;

  limber_trend_chart_set_life_changes (self->chart, NULL);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box))) != NULL)
    gtk_box_remove (self->changes_box, child);
  gtk_widget_set_visible (self->changes_legend, FALSE);
}

/* The changes in the weeks shown, marked on the chart and listed under it
 * by the numbers of their markers. */
static void
show_changes (LimberTrendsPage *self,
              LimberJournal    *journal)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint *numbers = NULL;
  guint n_markers = 0;

  self->changes = limber_journal_list_life_changes (journal, self->shown_first_day, self->shown_last_day, &error);
  if (self->changes == NULL)
    {
      g_warning ("Could not read the changes: %s", error != NULL ? error->message : "no reason given");
      return;
    }

  numbers = limber_trend_chart_number_life_changes (self->trend, self->changes, &n_markers);
  for (guint i = 0; i < self->changes->len; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (numbers[i] == 0)
        continue;
      text = limber_trend_chart_format_life_change (g_ptr_array_index (self->changes, i), numbers[i]);
      /* For the eye only: the chart's description tells the same. */
      label = g_object_new (GTK_TYPE_LABEL,
                            "label", text,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                            NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (self->changes_box, label);
    }
  gtk_widget_set_visible (self->changes_legend, n_markers > 0);
  limber_trend_chart_set_life_changes (self->chart, self->changes);
}

static void
refresh (LimberTrendsPage *self)
{
  LimberJournal *journal;
  const char *today;
  g_autofree char *latest_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *range = NULL;
  g_autoptr (GError) error = NULL;
  guint n_weeks;
  int first_weekday;
  gboolean earlier;

  if (self->context == NULL)
    return;

  n_weeks = get_n_weeks (self);
  label_move_buttons (self, n_weeks);
  first_weekday = limber_trend_locale_first_weekday ();
  today = limber_clock_get_today (limber_context_get_clock (self->context));

  clear_changes (self);
  clear_factor_rows (self);
  limber_trend_chart_set_trend (self->chart, NULL);
  g_clear_pointer (&self->trend, limber_trend_free);
  g_clear_pointer (&self->shown_first_day, g_free);
  g_clear_pointer (&self->shown_last_day, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", FALSE);

  journal = limber_context_get_journal (self->context);
  /* The report reads the journal itself, for a period of its own up to
   * today: it can be made whatever weeks are shown, so the export menu
   * stays open with it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.report", journal != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), journal != NULL);
  if (journal == NULL)
    {
      show_empty (self, NULL);
      return;
    }

  latest_day = limber_trend_find_latest (journal, today, first_weekday, &error);
  if (error != NULL)
    {
      g_warning ("Could not read the trend: %s", error->message);
      show_empty (self, error);
      return;
    }
  if (latest_day == NULL)
    {
      show_empty (self, NULL);
      return;
    }

  if (self->anchor_day != NULL)
    {
      g_autofree char *week_start = limber_trend_week_start (self->anchor_day, first_weekday);
      g_autofree char *week_end = limber_day_add (week_start, 6);

      /* The current week ends today: days to come hold nothing yet. */
      last_day = g_strdup (strcmp (week_end, today) > 0 ? today : week_end);
      /* Back at the latest weeks: follow them from now on. */
      if (strcmp (last_day, latest_day) == 0)
        {
          g_clear_pointer (&self->anchor_day, g_free);
          save_range (self);
        }
    }
  else
    last_day = g_strdup (latest_day);

  self->trend = limber_trend_compute (journal, last_day, n_weeks, first_weekday, &error);
  if (self->trend == NULL)
    {
      g_warning ("Could not read the trend: %s", error != NULL ? error->message : "no reason given");
      show_empty (self, error);
      return;
    }

  self->shown_first_day = g_strdup (g_array_index (self->trend->days, LimberTrendDay, 0).day);
  self->shown_last_day = g_strdup (g_array_index (self->trend->days, LimberTrendDay, self->trend->days->len - 1).day);
  range = format_range (self->shown_first_day, self->shown_last_day);
  gtk_label_set_label (self->range_label, range);
  gtk_widget_set_visible (self->controls, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), TRUE);

  earlier = limber_trend_has_entries_before (journal, self->shown_first_day, &error);
  if (error != NULL)
    {
      g_warning ("Could not read the journal: %s", error->message);
      g_clear_error (&error);
    }
  set_moves_enabled (self, earlier, strcmp (last_day, today) < 0, strcmp (last_day, latest_day) != 0);

  if (!limber_trend_chart_has_data (self->trend))
    {
      show_empty_range (self, n_weeks);
      return;
    }

  {
    g_autofree char *insight = limber_trend_describe_insight (&self->trend->insight);

    show_summary (self, &self->trend->range);
    gtk_label_set_label (self->insight_label, insight);
  }
  limber_trend_chart_set_trend (self->chart, self->trend);
  show_changes (self, journal);
  show_factor_insight (self, journal, last_day);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", TRUE);
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
  if (!limber_trend_export (self->trend, self->changes, &colors, path, self->export_format, &error))
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

/* The report for a clinician, in a dialog of its own over the window. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->context == NULL || limber_context_get_journal (self->context) == NULL)
    return;

  dialog = limber_report_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);
  g_autofree char *day = NULL;

  if (self->shown_first_day == NULL)
    return;

  /* The weeks just before: the day before the first one shown is in
   * their last week. */
  day = limber_day_add (self->shown_first_day, -1);
  if (day == NULL)
    return;
  set_anchor_day (self, day);
  save_range (self);
  refresh (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);
  const char *today = limber_clock_get_today (limber_context_get_clock (self->context));
  g_autofree char *day = NULL;

  if (self->shown_last_day == NULL)
    return;

  /* As many weeks later, up to the week under way. */
  day = limber_day_add (self->shown_last_day, 7 * get_n_weeks (self));
  if (day == NULL || strcmp (day, today) > 0)
    set_anchor_day (self, today);
  else
    set_anchor_day (self, day);
  save_range (self);
  refresh (self);
}

static void
latest_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LimberTrendsPage *self = LIMBER_TRENDS_PAGE (widget);

  set_anchor_day (self, NULL);
  save_range (self);
  refresh (self);
}

/* Another number of weeks, ending with the same week. */
static void
weeks_changed_cb (LimberTrendsPage *self)
{
  save_range (self);
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

/* Takes the number of weeks and the last day shown from the setting. */
static void
restore_range (LimberTrendsPage *self)
{
  GSettings *state = limber_context_get_state (self->context);
  g_autofree char *anchor = NULL;
  guint n_weeks;
  guint choice = DEFAULT_CHOICE;

  g_settings_get (state, "trends-range", "(us)", &n_weeks, &anchor);
  for (guint i = 0; i < G_N_ELEMENTS (weeks_choices); i++)
    if (weeks_choices[i] == n_weeks)
      choice = i;
  gtk_drop_down_set_selected (self->weeks_dropdown, choice);
  /* A day that is not one, from an edited setting, shows the latest. */
  set_anchor_day (self, limber_day_is_valid (anchor) ? anchor : NULL);
}

void
limber_trends_page_set_context (LimberTrendsPage *self,
                                LimberContext    *context)
{
  g_return_if_fail (LIMBER_IS_TRENDS_PAGE (self));
  g_return_if_fail (LIMBER_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  restore_range (self);
  g_signal_connect_object (self->weeks_dropdown, "notify::selected", G_CALLBACK (weeks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::journal", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::journal-state", G_CALLBACK (journal_state_changed_cb), self, G_CONNECT_SWAPPED);
  /* Everything here follows from the day alone: a page left open
   * overnight shows the new day, and a zone change that moves the day
   * emits this too. */
  g_signal_connect_object (limber_context_get_clock (context), "day-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
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
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->factor_rows, g_ptr_array_unref);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (limber_context_get_clock (self->context), self);
    }
  g_clear_object (&self->context);
  g_clear_pointer (&self->anchor_day, g_free);
  g_clear_pointer (&self->shown_first_day, g_free);
  g_clear_pointer (&self->shown_last_day, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, controls);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, latest_button);
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
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, changes_legend);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, changes_box);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, factors_group);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, needed_group);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, factors_hint);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, open_journal_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTrendsPage, show_latest_button);
  gtk_widget_class_install_action (widget_class, "trends.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "trends.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "trends.latest", NULL, latest_action);
  gtk_widget_class_install_action (widget_class, "trends.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "trends.report", NULL, report_action);

  g_type_ensure (LIMBER_TYPE_TREND_CHART);
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
limber_trends_page_init (LimberTrendsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not owning: the groups hold the rows. */
  self->factor_rows = g_ptr_array_new ();
  limber_accessible_name_icon_button (GTK_WIDGET (self->export_button), _("Export…"), NULL);
  label_move_buttons (self, weeks_choices[DEFAULT_CHOICE]);
  /* Translators: the accessible name of the drop-down that picks how
   * many weeks the Trends page shows. */
  limber_accessible_name_drop_down (self->weeks_dropdown, _("Weeks shown"));
  /* The status page scrolls its text in a wrapper of its own. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->status_page));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_widget_set_focusable (child, FALSE);
    }
  /* The item that shows the choice inside the drop-down's button says
   * itself focusable, without a name: the button is the one stop. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->weeks_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        unfocus_descendants (child);
    }
}
