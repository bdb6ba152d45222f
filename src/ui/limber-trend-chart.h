/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "limber-journal-factors.h"
#include "limber-trend.h"

G_BEGIN_DECLS

/* The colours limber_trend_chart_draw() paints with. */
typedef struct
{
  GdkRGBA foreground;
  GdkRGBA dim;
  /* The daily average bars. */
  GdkRGBA accent;
  /* The mark for the worst pain of a day. */
  GdkRGBA warning;
  /* The 7-day rolling mean. */
  GdkRGBA line;
  /* The breaks strip. */
  GdkRGBA breaks;
  /* The stretching strip. */
  GdkRGBA stretch;
} LimberTrendChartColors;

/* Minutes of stretching that fill a day's stretch bar: the daily 10
 * minutes of a strengthening routine at most. */
#define LIMBER_TREND_CHART_FULL_STRETCH 10

/* Where things go for a chart of a given size. */
typedef struct
{
  /* The pain plot, 0 at the bottom and 10 at the top. */
  graphene_rect_t plot;
  /* Right under the plot, the dates. */
  graphene_rect_t date_labels;
  /* Below them, each strip under a caption of its own, so that neither
   * reads as bars below zero: first the caption and the strip that show
   * breaks taken against due, */
  graphene_rect_t breaks_caption;
  graphene_rect_t breaks_strip;
  /* then the minutes of stretching, full at LIMBER_TREND_CHART_FULL_STRETCH. */
  graphene_rect_t stretch_caption;
  graphene_rect_t stretch_strip;
  double          day_width;
  double          bar_width;
  guint           n_days;
} LimberTrendChartGeometry;

#define LIMBER_TYPE_TREND_CHART (limber_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (LimberTrendChart, limber_trend_chart, LIMBER, TREND_CHART, GtkWidget)

GtkWidget *limber_trend_chart_new          (void);

/**
 * limber_trend_chart_set_trend:
 *
 * Shows @trend, which the chart borrows: the caller keeps it alive until it
 * sets another one or %NULL.
 */
void       limber_trend_chart_set_trend    (LimberTrendChart *self,
                                            const LimberTrend *trend);

/**
 * limber_trend_chart_has_data:
 *
 * Whether any day of @trend is logged, so that there is a chart to draw.
 */
gboolean   limber_trend_chart_has_data     (const LimberTrend *trend);

/**
 * limber_trend_chart_get_geometry:
 *
 * Lays a chart of @width by @height out for @trend.
 */
void       limber_trend_chart_get_geometry (int                       width,
                                            int                       height,
                                            const LimberTrend        *trend,
                                            LimberTrendChartGeometry *geometry);

/**
 * limber_trend_chart_bar_rect:
 *
 * The rectangle a bar reaching @score takes for the day at @day_index.
 */
void       limber_trend_chart_bar_rect     (int                width,
                                            int                height,
                                            const LimberTrend *trend,
                                            guint              day_index,
                                            double             score,
                                            graphene_rect_t   *rect);

/**
 * limber_trend_chart_day_at:
 *
 * The index of the day whose column holds @x in a chart of @width by
 * @height, or -1 outside the plot or past the trend's last day.
 */
int        limber_trend_chart_day_at       (int                width,
                                            int                height,
                                            const LimberTrend *trend,
                                            double             x);

/* A date drawn under the plot. */
typedef struct
{
  /* The day it names: the first day of its week in a trend of more than
   * one week. */
  guint           day_index;
  /* Where its text goes. */
  graphene_rect_t rect;
} LimberTrendChartLabel;

/**
 * limber_trend_chart_get_date_labels:
 *
 * The dates limber_trend_chart_draw() writes under a chart of @width by
 * @height, as #LimberTrendChartLabel, left to right: as many as fit
 * without touching, measured with the font they are drawn in.
 */
GArray    *limber_trend_chart_get_date_labels (int                width,
                                               int                height,
                                               const LimberTrend *trend);

/**
 * limber_trend_chart_draw:
 *
 * Draws @trend into a @width by @height area of @cr, or nothing when no
 * day is logged, with a band behind the day at @highlight_day (-1 for
 * none). Needs no widget, so that tests and exports can use it.
 */
void       limber_trend_chart_draw         (cairo_t                      *cr,
                                            int                           width,
                                            int                           height,
                                            const LimberTrend            *trend,
                                            const LimberTrendChartColors *colors,
                                            int                           highlight_day);

/**
 * limber_trend_chart_get_light_colors:
 *
 * The colours for a chart on a white background, as exports use.
 */
void       limber_trend_chart_get_light_colors (LimberTrendChartColors *colors);

/**
 * limber_trend_chart_describe:
 *
 * What the chart of @trend shows, in whole sentences for screen readers:
 * its first and last day, the days logged, their mean and highest pain,
 * the breaks taken and the minutes of stretching, as @trend's range
 * adds them up.
 */
char      *limber_trend_chart_describe     (const LimberTrend *trend);

/**
 * limber_trend_chart_describe_day:
 *
 * A sentence with the exact values of the day at @day_index of @trend.
 */
char      *limber_trend_chart_describe_day (const LimberTrend *trend,
                                            guint              day_index);

/**
 * limber_trend_chart_number_life_changes:
 * @changes: (element-type LimberLifeChange): changes, oldest first
 * @n_markers: (out) (optional): how many markers they make
 *
 * The number of the marker each of @changes has on the chart of @trend,
 * by index, counted from 1 in the order of the days; changes on one day
 * share a marker, and 0 is for a change on no day of @trend. Free with
 * g_free().
 */
guint     *limber_trend_chart_number_life_changes (const LimberTrend *trend,
                                                   GPtrArray         *changes,
                                                   guint             *n_markers);

/**
 * limber_trend_chart_draw_life_changes:
 * @changes: (element-type LimberLifeChange) (nullable): changes, oldest first
 *
 * Marks each day of @changes on a chart of @trend that
 * limber_trend_chart_draw() drew into a @width by @height area of @cr: a
 * thin vertical line across the plot and a numbered dot at its top.
 */
void       limber_trend_chart_draw_life_changes (cairo_t                      *cr,
                                                 int                           width,
                                                 int                           height,
                                                 const LimberTrend            *trend,
                                                 GPtrArray                    *changes,
                                                 const LimberTrendChartColors *colors);

/**
 * limber_trend_chart_describe_life_changes:
 * @changes: (element-type LimberLifeChange) (nullable): changes, oldest first
 *
 * A sentence for screen readers naming the changes marked on the chart of
 * @trend, with their dates; %NULL when none is.
 */
char      *limber_trend_chart_describe_life_changes (const LimberTrend *trend,
                                                     GPtrArray         *changes);

/**
 * limber_trend_chart_format_life_change:
 * @number: the change's marker, from limber_trend_chart_number_life_changes()
 *
 * The line of the legend under the chart for @change: its marker's
 * number, its date and what the person wrote.
 */
char      *limber_trend_chart_format_life_change (const LimberLifeChange *change,
                                                  guint                   number);

/**
 * limber_trend_chart_set_life_changes:
 * @changes: (element-type LimberLifeChange) (nullable): changes, oldest first
 *
 * Marks @changes on the chart, which keeps a reference to the array; the
 * ones outside the trend shown are left out.
 */
void       limber_trend_chart_set_life_changes (LimberTrendChart *self,
                                                GPtrArray        *changes);

/**
 * limber_trend_chart_get_description:
 *
 * What the chart tells screen readers now: the range, or the day picked.
 */
const char *limber_trend_chart_get_description (LimberTrendChart *self);

G_END_DECLS
