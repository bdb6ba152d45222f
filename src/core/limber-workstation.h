/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The workstation check: six things about a desk that matter for an
 * upper back as much as breaks do, each answered “yes” or “not yet”, and
 * when it is time to look at them again. */

/**
 * LimberWorkstationItem:
 * @id: a stable name, kept in the settings; never translated
 * @title: what to look at, in Header Capitalization, untranslated (N_())
 * @why: one sentence on why it matters, untranslated (N_())
 * @tip: one sentence on what to change, shown while the answer is “not
 *   yet”, untranslated (N_())
 * @illustration: the file name of its picture among the illustrations
 * @picture: what the picture shows, for a screen reader, untranslated
 *   (N_())
 */
typedef struct
{
  const char *id;
  const char *title;
  const char *why;
  const char *tip;
  const char *illustration;
  const char *picture;
} LimberWorkstationItem;

/* How many months after a check it is time to look again. */
#define LIMBER_WORKSTATION_RECHECK_MONTHS 3

/**
 * limber_workstation_get_items:
 * @n_items: (out): how many there are
 *
 * The items of the check, in the order they are asked.
 */
const LimberWorkstationItem *limber_workstation_get_items (gsize *n_items);

/**
 * limber_workstation_lookup:
 *
 * The item whose id is @id, or %NULL when there is none (an id kept by
 * another version of Limber).
 */
const LimberWorkstationItem *limber_workstation_lookup    (const char *id);

/**
 * limber_workstation_recheck_at:
 * @checked_unix_s: when the desk was last checked, in Unix seconds; 0
 *   for never
 *
 * When it is time to look again: three calendar months after the check,
 * to the second, or 0 when it was never checked.
 */
gint64   limber_workstation_recheck_at  (gint64 checked_unix_s);

/**
 * limber_workstation_recheck_due:
 *
 * Whether, at @now_unix_s, three months have passed since the check at
 * @checked_unix_s. A desk never checked (0) is never due: there is
 * nothing to look at again.
 */
gboolean limber_workstation_recheck_due (gint64 checked_unix_s,
                                         gint64 now_unix_s);

G_END_DECLS
