/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-trend-chart.h"

G_BEGIN_DECLS

/* The shown range written out: as a picture drawn by the chart's own
 * drawing function, or as CSV. */

/* What limber_trend_export() writes. */
typedef enum
{
  LIMBER_TREND_EXPORT_PNG,
  LIMBER_TREND_EXPORT_SVG,
  LIMBER_TREND_EXPORT_CSV,
} LimberTrendExportFormat;

/* The size of an exported picture, in pixels (PNG) or points (SVG). */
#define LIMBER_TREND_EXPORT_WIDTH  1000
#define LIMBER_TREND_EXPORT_HEIGHT 600

/**
 * limber_trend_export:
 * @changes: (element-type LimberLifeChange) (nullable): changes, oldest
 *   first
 *
 * Writes @trend to @path as a picture drawn with @colors on white, the
 * changes on its days marked and listed under it (taller by their
 * legend), or as CSV with one row per day up to the last day.
 */
gboolean   limber_trend_export (const LimberTrend             *trend,
                                GPtrArray                     *changes,
                                const LimberTrendChartColors  *colors,
                                const char                    *path,
                                LimberTrendExportFormat        format,
                                GError                       **error);

G_END_DECLS
