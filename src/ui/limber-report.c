/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "limber-file-target.h"
#include "limber-journal-factors.h"
#include "limber-report.h"
#include "limber-trend-chart.h"
#include "limber-trend.h"

/* Sizes in points, for print: body text at 10 pt. */
#define FONT_TITLE    "Sans Bold 18"
#define FONT_SUBTITLE "Sans 11"
#define FONT_HEADING  "Sans Bold 12"
#define FONT_BODY     "Sans 10"
#define FONT_TABLE    "Sans 9"
#define FONT_HEADER   "Sans Bold 9"
#define FONT_FOOTER   "Sans 8"
#define FOOTER_HEIGHT 30.0
#define CHART_HEIGHT  230.0
#define ROW_PADDING   3.0
#define CELL_GAP      6.0
/* 15 mm. */
#define PAGE_MARGIN   (15.0 * 72.0 / 25.4)

typedef enum
{
  BLOCK_TEXT,
  BLOCK_CHART,
  BLOCK_ROW,
} BlockKind;

/* One piece of the report that is never split across pages: a
 * paragraph, the chart, a row of the table. */
typedef struct
{
  BlockKind   kind;
  /* BLOCK_TEXT: Pango markup. */
  char       *markup;
  const char *font;
  /* BLOCK_ROW: the cells, and whether it is the heading row. */
  GStrv       cells;
  gboolean    header;
  double      space_before;
  /* Goes on the page of the block after it: a heading, a table's heading
   * row. */
  gboolean    keep_with_next;
  /* Set by limber_report_paginate(). */
  double      height;
  guint       page;
  double      y;
} Block;

struct _LimberReport
{
  char          first_day[LIMBER_DAY_LENGTH + 1];
  char          last_day[LIMBER_DAY_LENGTH + 1];
  LimberTrend  *trend;
  GPtrArray    *changes;
  GArray       *blocks;
  char         *made_on;
  double        width;
  double        height;
  guint         n_pages;
};

/* The weekly table's columns, as parts of the width. */
static const double column_widths[] = { 0.24, 0.12, 0.12, 0.08, 0.13, 0.16, 0.15 };

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_strfreev (block->cells);
}

static Block *
add_block (LimberReport *self,
           BlockKind     kind,
           double        space_before)
{
  Block block = { .kind = kind, .space_before = space_before };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static void
add_text (LimberReport *self,
          const char   *font,
          double        space_before,
          const char   *markup)
{
  Block *block = add_block (self, BLOCK_TEXT, space_before);

  block->font = font;
  block->markup = g_strdup (markup);
}

static void
add_plain (LimberReport *self,
           const char   *font,
           double        space_before,
           const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_text (self, font, space_before, markup);
}

static void
add_heading (LimberReport *self,
             const char   *text)
{
  add_plain (self, FONT_HEADING, 16, text);
  g_array_index (self->blocks, Block, self->blocks->len - 1).keep_with_next = TRUE;
}

static char *
format_day (const char *day)
{
  g_autoptr (GDateTime) time = NULL;
  GDate date;

  limber_day_to_date (day, &date);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  /* The same form as the Trends page's dates. */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static guint
days_between (const char *first,
              const char *last)
{
  GDate a, b;

  limber_day_to_date (first, &a);
  limber_day_to_date (last, &b);
  return (guint) MAX (g_date_days_between (&a, &b), 0);
}

static int
compare_day_counts (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const guint *counts = user_data;
  guint x = GPOINTER_TO_UINT (*(gpointer *) a), y = GPOINTER_TO_UINT (*(gpointer *) b);

  return (counts[y] > counts[x]) - (counts[y] < counts[x]);
}

/* Warning signs first: each day with any, oldest first. */
static void
add_red_flags (LimberReport *self,
               GPtrArray    *entries)
{
  guint n_flags;
  const LimberFlagInfo *flags = limber_red_flags (&n_flags);
  gboolean any = FALSE;

  for (guint i = entries->len; i-- > 0;)
    {
      const LimberPainEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (GString) signs = NULL;
      g_autofree char *date = NULL, *line = NULL, *markup = NULL;

      if (entry->red_flags == 0 || strcmp (entry->day, self->first_day) < 0)
        continue;
      if (!any)
        {
          /* Translators: a heading of the report. */
          add_heading (self, _("Warning Signs Ticked"));
          any = TRUE;
        }
      signs = g_string_new (NULL);
      for (guint f = 0; f < n_flags; f++)
        if (entry->red_flags & flags[f].flag)
          {
            if (signs->len > 0)
              /* Translators: between the warning signs of one day. */
              g_string_append (signs, _(", "));
            g_string_append (signs, _(flags[f].label));
          }
      date = format_day (entry->day);
      /* Translators: a date, then the warning signs ticked that day. */
      line = g_strdup_printf (_("%s: %s"), date, signs->str);
      markup = g_markup_escape_text (line, -1);
      add_text (self, FONT_BODY, 3, markup);
    }
}

/* The PEG score of each week: the mean, over the entries that answer all
 * three, of average pain, activity and enjoyment interference. */
static void
compute_peg (LimberReport *self,
             GPtrArray    *entries,
             double       *sums,
             guint        *counts)
{
  const char *first = g_array_index (self->trend->days, LimberTrendDay, 0).day;

  for (guint i = 0; i < entries->len; i++)
    {
      const LimberPainEntry *entry = g_ptr_array_index (entries, i);
      guint week;

      if (entry->average == LIMBER_PAIN_SCORE_UNSET || entry->activity == LIMBER_PAIN_SCORE_UNSET
          || entry->enjoyment == LIMBER_PAIN_SCORE_UNSET || strcmp (entry->day, first) < 0
          || strcmp (entry->day, self->last_day) > 0)
        continue;
      week = days_between (first, entry->day) / 7;
      if (week >= self->trend->weeks->len)
        continue;
      sums[week] += (entry->average + entry->activity + entry->enjoyment) / 3.0;
      counts[week]++;
    }
}

static void
add_row (LimberReport *self,
         gboolean      header,
         GStrv         cells)
{
  Block *block = add_block (self, BLOCK_ROW, 0);

  block->cells = cells;
  block->header = header;
  block->keep_with_next = header;
}

static void
add_weekly_table (LimberReport *self,
                  GPtrArray    *entries)
{
  g_autofree double *peg_sums = g_new0 (double, self->trend->weeks->len);
  g_autofree guint *peg_counts = g_new0 (guint, self->trend->weeks->len);

  compute_peg (self, entries, peg_sums, peg_counts);

  /* Translators: a heading of the report. */
  add_heading (self, _("Week by Week"));
  /* Translators: the weekly table's column headings; keep them short.
   * PEG is the three-item pain score (Pain, Enjoyment, General activity). */
  add_row (self, TRUE, g_strsplit (_("Week of|Mean pain|Highest worst|PEG|Days logged|Breaks taken|Stretching"),
                                   "|", G_N_ELEMENTS (column_widths)));

  for (guint i = 0; i < self->trend->weeks->len; i++)
    {
      const LimberTrendWeek *week = &g_array_index (self->trend->weeks, LimberTrendWeek, i);
      GStrv cells = g_new0 (char *, G_N_ELEMENTS (column_widths) + 1);

      cells[0] = format_day (week->first_day);
      /* Days without an entry are gaps, never zero. */
      cells[1] = week->has_mean ? g_strdup_printf ("%.1f", week->mean) : g_strdup ("–");
      cells[2] = week->has_mean ? g_strdup_printf ("%d", week->highest_worst) : g_strdup ("–");
      cells[3] = peg_counts[i] > 0 ? g_strdup_printf ("%.1f", peg_sums[i] / peg_counts[i]) : g_strdup ("–");
      /* Translators: days of a week with a pain entry. */
      cells[4] = g_strdup_printf (_("%u of 7"), week->days_logged);
      /* Translators: breaks taken of the breaks that came due. */
      cells[5] = g_strdup_printf (_("%u of %u"), week->breaks_taken, week->breaks_due);
      cells[6] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", week->stretch_minutes),
                                  week->stretch_minutes);
      add_row (self, FALSE, cells);
    }
}

/* The factors done in the period, with how many days each, most days
 * first. */
static gboolean
add_factors (LimberReport  *self,
             LimberJournal *journal,
             GError       **error)
{
  g_autoptr (GPtrArray) factors = limber_journal_list_factors (journal, TRUE, error);
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (GPtrArray) order = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr (GPtrArray) insight_factors = NULL;
  g_autoptr (LimberFactorInsight) insight = NULL;
  g_autofree char *first = NULL, *last = NULL, *window = NULL;
  gboolean any_insight = FALSE;

  if (factors == NULL)
    return FALSE;
  day_factors = limber_journal_list_day_factors (journal, self->first_day, self->last_day, error);
  if (day_factors == NULL)
    return FALSE;

  counts = g_new0 (guint, factors->len);
  order = g_ptr_array_new ();
  for (guint f = 0; f < factors->len; f++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, f);

      /* Each factor is on a day at most once. */
      for (guint i = 0; i < day_factors->len; i++)
        if (g_str_equal (((LimberDayFactor *) g_ptr_array_index (day_factors, i))->factor_uuid, factor->uuid))
          counts[f]++;
      if (counts[f] > 0)
        g_ptr_array_add (order, GUINT_TO_POINTER (f));
    }
  g_ptr_array_sort_with_data (order, compare_day_counts, counts);

  /* Translators: a heading of the report. */
  add_heading (self, _("Treatments and Factors"));
  if (order->len == 0)
    add_plain (self, FONT_BODY, 3, _("None was logged in this period."));
  for (guint i = 0; i < order->len; i++)
    {
      guint f = GPOINTER_TO_UINT (g_ptr_array_index (order, i));
      g_autofree char *line = NULL;

      /* Translators: a treatment or factor, and on how many days of the
       * period it was logged. */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u day", "%s: %u days", counts[f]),
                              limber_factor_get_label (g_ptr_array_index (factors, f)), counts[f]);
      add_plain (self, FONT_BODY, 3, line);
    }

  insight = limber_journal_compute_factor_insight (journal, self->last_day, &insight_factors, error);
  if (insight == NULL)
    return FALSE;
  for (guint f = 0; f < insight->n_factors; f++)
    {
      const LimberFactorResult *result = &insight->factors[f];
      g_autofree char *text = NULL;

      if (result->with.n_days == 0)
        continue;
      if (!any_insight)
        {
          /* Translators: a heading of the report. */
          add_heading (self, _("What Seems to Help"));
          first = format_day (insight->first_day);
          last = format_day (insight->last_day);
          /* Translators: the days “what helps” compares, two dates. */
          window = g_strdup_printf (_("Days with each one against days without it, from %s to %s."), first, last);
          add_plain (self, FONT_BODY, 3, window);
          any_insight = TRUE;
        }
      text = limber_factor_insight_describe (result, limber_factor_get_label (g_ptr_array_index (insight_factors, f)));
      add_plain (self, FONT_BODY, 5, text);
    }
  return TRUE;
}

static void
add_notes (LimberReport *self,
           GPtrArray    *entries)
{
  gboolean any = FALSE;

  for (guint i = entries->len; i-- > 0;)
    {
      const LimberPainEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *date = NULL, *date_markup = NULL, *note = NULL, *markup = NULL;

      if (entry->note == NULL || entry->note[0] == '\0' || strcmp (entry->day, self->first_day) < 0)
        continue;
      if (!any)
        {
          /* Translators: a heading of the report: the person's own notes. */
          add_heading (self, _("Notes"));
          any = TRUE;
        }
      date = format_day (entry->day);
      date_markup = g_markup_escape_text (date, -1);
      note = g_markup_escape_text (entry->note, -1);
      markup = g_strdup_printf ("<b>%s</b>\n%s", date_markup, note);
      add_text (self, FONT_BODY, 6, markup);
    }
}

LimberReport *
limber_report_new (LimberJournal  *journal,
                   const char     *first_day,
                   const char     *last_day,
                   gboolean        with_notes,
                   int             first_weekday,
                   GError        **error)
{
  g_autoptr (LimberReport) self = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *first_week = NULL;
  g_autofree char *first_text = NULL, *last_text = NULL, *period = NULL, *logged = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint n_weeks, n_days = 0, days_logged = 0;

  g_return_val_if_fail (LIMBER_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (limber_day_is_valid (first_day), NULL);
  g_return_val_if_fail (limber_day_is_valid (last_day), NULL);
  g_return_val_if_fail (strcmp (first_day, last_day) <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LimberReport, 1);
  g_strlcpy (self->first_day, first_day, sizeof self->first_day);
  g_strlcpy (self->last_day, last_day, sizeof self->last_day);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->made_on = g_date_time_format (now, _("%-d %B %Y"));

  /* The whole weeks the period touches, as `limber trend` and the Trends
   * page show them, so that the numbers are theirs. */
  first_week = limber_trend_week_start (first_day, first_weekday);
  n_weeks = days_between (first_week, last_day) / 7 + 1;
  if (n_weeks > LIMBER_TREND_MAX_WEEKS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE, "A report covers at most %u week.",
                                "A report covers at most %u weeks.", LIMBER_TREND_MAX_WEEKS),
                   (guint) LIMBER_TREND_MAX_WEEKS);
      return NULL;
    }
  self->trend = limber_trend_compute (journal, last_day, n_weeks, first_weekday, error);
  if (self->trend == NULL)
    return NULL;
  entries = limber_journal_list_pain_entries (journal, first_week, last_day, 0, error);
  if (entries == NULL)
    return NULL;
  self->changes = limber_journal_list_life_changes (journal, first_week, last_day, error);
  if (self->changes == NULL)
    return NULL;

  for (guint i = 0; i < self->trend->days->len; i++)
    {
      const LimberTrendDay *day = &g_array_index (self->trend->days, LimberTrendDay, i);

      if (day->after_last_day || strcmp (day->day, first_day) < 0)
        continue;
      n_days++;
      days_logged += day->logged ? 1 : 0;
    }

  /* Translators: the report's title. */
  add_plain (self, FONT_TITLE, 0, _("Pain Report"));
  first_text = format_day (first_day);
  last_text = format_day (last_day);
  /* Translators: the period of the report, from one date to another. */
  period = g_strdup_printf (_("%s – %s"), first_text, last_text);
  add_plain (self, FONT_SUBTITLE, 4, period);
  /* Translators: how many days of the report's period have a pain entry;
   * the plural follows the second number. */
  logged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pain logged on %u of %u day",
                                         "Pain logged on %u of %u days", n_days),
                            days_logged, n_days);
  add_plain (self, FONT_BODY, 4, logged);

  add_red_flags (self, entries);

  /* Translators: a heading of the report. */
  add_heading (self, _("Daily Pain"));
  if (days_logged == 0 || !limber_trend_chart_has_data (self->trend))
    add_plain (self, FONT_BODY, 3, _("No pain was logged in this period."));
  else
    {
      g_autofree guint *numbers = NULL;
      g_autoptr (GString) legend = g_string_new (NULL);

      add_plain (self, FONT_TABLE, 3,
                 _("Bars: average pain of each day; marks: the worst; line: the mean of the last 7 days. "
                   "Days without an entry are left empty."));
      add_block (self, BLOCK_CHART, 6);
      if (self->changes->len > 0)
        {
          numbers = limber_trend_chart_number_life_changes (self->trend, self->changes, NULL);
          for (guint i = 0; i < self->changes->len; i++)
            if (numbers[i] > 0)
              {
                g_autofree char *line = limber_trend_chart_format_life_change (g_ptr_array_index (self->changes, i),
                                                                              numbers[i]);

                if (legend->len > 0)
                  g_string_append_c (legend, '\n');
                g_string_append (legend, line);
              }
          if (legend->len > 0)
            add_plain (self, FONT_TABLE, 4, legend->str);
        }
    }

  add_weekly_table (self, entries);
  if (!add_factors (self, journal, error))
    return NULL;
  if (with_notes)
    add_notes (self, entries);

  return g_steal_pointer (&self);
}

void
limber_report_free (LimberReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->trend, limber_trend_free);
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_clear_pointer (&report->blocks, g_array_unref);
  g_free (report->made_on);
  g_free (report);
}

/* A layout in points: text at 10 pt is 10 units high whatever the
 * surface, and unhinted, so that what is measured on one surface fits on
 * another. */
static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Lays out the cells of a row, or draws them when @draw. */
static double
row_cells (cairo_t     *cr,
           const Block *block,
           double       width,
           gboolean     draw)
{
  double x = 0, height = 0;

  for (guint c = 0; block->cells[c] != NULL && c < G_N_ELEMENTS (column_widths); c++)
    {
      double column = column_widths[c] * width;
      g_autoptr (PangoLayout) layout = make_layout (cr, block->header ? FONT_HEADER : FONT_TABLE, column - CELL_GAP);

      pango_layout_set_text (layout, block->cells[c], -1);
      if (c > 0)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (draw)
        {
          cairo_move_to (cr, x, ROW_PADDING);
          pango_cairo_show_layout (cr, layout);
        }
      height = MAX (height, layout_height (layout));
      x += column;
    }
  return height + 2 * ROW_PADDING;
}

static double
measure_block (cairo_t     *cr,
               const Block *block,
               double       width)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      {
        g_autoptr (PangoLayout) layout = make_layout (cr, block->font, width);

        pango_layout_set_markup (layout, block->markup, -1);
        return layout_height (layout);
      }
    case BLOCK_CHART:
      return CHART_HEIGHT;
    case BLOCK_ROW:
      return row_cells (cr, block, width, FALSE);
    default:
      g_assert_not_reached ();
    }
}

guint
limber_report_paginate (LimberReport *report,
                        double        width_pt,
                        double        height_pt)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double content = MAX (height_pt - FOOTER_HEIGHT, 1);
  double y = 0;
  guint page = 0;

  g_return_val_if_fail (report != NULL, 0);

  report->width = width_pt;
  report->height = height_pt;
  for (guint i = 0; i < report->blocks->len; i++)
    {
      Block *block = &g_array_index (report->blocks, Block, i);

      block->height = measure_block (cr, block, width_pt);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      Block *block = &g_array_index (report->blocks, Block, i);
      double space = y > 0 ? block->space_before : 0;
      /* A heading goes with what follows it: the whole run of blocks
       * kept together, up to and including the first that is not. */
      double needed = space + block->height;

      for (guint j = i; j + 1 < report->blocks->len && g_array_index (report->blocks, Block, j).keep_with_next; j++)
        {
          const Block *next = &g_array_index (report->blocks, Block, j + 1);

          needed += next->space_before + next->height;
        }

      /* A block taller than a page goes on a page of its own, cut. */
      if (y > 0 && y + needed > content)
        {
          page++;
          y = 0;
          space = 0;
        }
      block->page = page;
      block->y = y + space;
      y = block->y + block->height;
    }

  report->n_pages = page + 1;
  return report->n_pages;
}

static void
draw_footer (LimberReport *report,
             cairo_t      *cr,
             guint         page)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, FONT_FOOTER, report->width);
  g_autofree char *text = NULL;

  /* Translators: the footer of every page of the report: Limber's
   * version, the date the report was made, the page and the pages. */
  text = g_strdup_printf (_("Self-reported by the person; not a diagnosis. Made with Limber %s on %s. Page %u of %u"),
                          PACKAGE_VERSION, report->made_on, page + 1, report->n_pages);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, 0, report->height - layout_height (layout));
  pango_cairo_show_layout (cr, layout);
}

void
limber_report_draw_page (LimberReport *report,
                         cairo_t      *cr,
                         guint         page)
{
  LimberTrendChartColors colors;

  g_return_if_fail (report != NULL);
  g_return_if_fail (page < report->n_pages);

  limber_trend_chart_get_light_colors (&colors);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, report->width, report->height);
  cairo_fill (cr);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      const Block *block = &g_array_index (report->blocks, Block, i);

      if (block->page != page)
        continue;
      cairo_save (cr);
      cairo_translate (cr, 0, block->y);
      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (block->kind)
        {
        case BLOCK_TEXT:
          {
            g_autoptr (PangoLayout) layout = make_layout (cr, block->font, report->width);

            pango_layout_set_markup (layout, block->markup, -1);
            cairo_move_to (cr, 0, 0);
            pango_cairo_show_layout (cr, layout);
          }
          break;
        case BLOCK_CHART:
          limber_trend_chart_draw (cr, (int) report->width, (int) CHART_HEIGHT, report->trend, &colors, -1);
          limber_trend_chart_draw_life_changes (cr, (int) report->width, (int) CHART_HEIGHT, report->trend,
                                                report->changes, &colors);
          break;
        case BLOCK_ROW:
          row_cells (cr, block, report->width, TRUE);
          /* A rule under the heading row, a light one between weeks. */
          cairo_set_line_width (cr, block->header ? 0.8 : 0.3);
          cairo_set_source_rgb (cr, block->header ? 0 : 0.7, block->header ? 0 : 0.7, block->header ? 0 : 0.7);
          cairo_move_to (cr, 0, block->height);
          cairo_line_to (cr, report->width, block->height);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
      cairo_restore (cr);
    }

  draw_footer (report, cr, page);
  cairo_restore (cr);
}

guint
limber_report_get_n_pages (LimberReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->n_pages;
}

void
limber_report_default_paper (double *width_pt,
                             double *height_pt)
{
  /* GTK reads the paper of LC_PAPER, A4 where it cannot say; it needs no
   * display. */
  g_autoptr (GtkPaperSize) paper = gtk_paper_size_new (NULL);

  *width_pt = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  *height_pt = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
}

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
limber_report_write_pdf (LimberReport  *report,
                         const char    *path,
                         GError       **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *title = NULL, *creator = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  guint n_pages;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);
  target = limber_file_export_target (path, &local_error);
  if (target == NULL)
    {
      /* Translators: the first %s is a file, the second why. */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the report to “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }

  limber_report_default_paper (&width, &height);
  n_pages = limber_report_paginate (report, width - 2 * PAGE_MARGIN, height - 2 * PAGE_MARGIN);

  surface = cairo_pdf_surface_create_for_stream (write_to_bytes_cb, bytes, width, height);
  title = g_strdup_printf ("%s %s", _("Pain Report"), report->first_day);
  creator = g_strdup_printf ("Limber %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN);
      limber_report_draw_page (report, cr, page);
      cairo_destroy (cr);
      cairo_surface_show_page (surface);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the report to “%s”: %s"), display_name, cairo_status_to_string (status));
      return FALSE;
    }

  /* Health data: the person's alone (0600). Written beside the target and
   * renamed over it, so that a full disk leaves the old file as it was. */
  if (!g_file_set_contents_full (target, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the report to “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
