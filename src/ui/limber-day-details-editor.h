/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-journal-factors.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_DAY_DETAILS_EDITOR (limber_day_details_editor_get_type ())

G_DECLARE_FINAL_TYPE (LimberDayDetailsEditor, limber_day_details_editor, LIMBER, DAY_DETAILS_EDITOR, AdwBin)

/* The form of what a person did on a day (factors, and which pain
 * medication and how many doses), how the day was (sleep, stress, hours
 * at the desk) and the one-off changes of that day. Like the pain entry's
 * form it only shows and reads values; the Journal page stores them. */

/**
 * limber_day_details_editor_load:
 * @factors: the #LimberFactor offered: those in use, and retired ones
 *   done on @day
 * @day_factors: (nullable): the #LimberDayFactor of @day
 * @measures: (nullable): how @day was
 * @medicines: (nullable): medicine names logged before, to offer
 *
 * Shows @day as the journal has it, as a new editing.
 */
void       limber_day_details_editor_load          (LimberDayDetailsEditor  *self,
                                                    const char              *day,
                                                    GPtrArray               *factors,
                                                    GPtrArray               *day_factors,
                                                    const LimberDayMeasures *measures,
                                                    const char * const      *medicines);

/**
 * limber_day_details_editor_set_changes:
 * @changes: the #LimberLifeChange of the shown day
 */
void       limber_day_details_editor_set_changes   (LimberDayDetailsEditor  *self,
                                                    GPtrArray               *changes);

/**
 * limber_day_details_editor_set_measured_desk:
 * @tenths: the active time Limber measured on the shown day, in tenths of
 *   an hour, or %LIMBER_MEASURE_UNSET when it has none
 *
 * Offered as the hours at the desk until the person says otherwise.
 */
void       limber_day_details_editor_set_measured_desk (LimberDayDetailsEditor *self,
                                                        int                     tenths);

/**
 * limber_day_details_editor_read_changes:
 * @day_factors: (out) (nullable): the #LimberDayFactor of what is ticked,
 *   or %NULL when that did not change since it was marked saved
 * @measures: (out) (nullable): how the day was, as the form says, or
 *   %NULL when that did not change
 *
 * What changed, and only that: a part left %NULL is left as it is in the
 * journal, where another program may have changed it meanwhile.
 */
void       limber_day_details_editor_read_changes  (LimberDayDetailsEditor  *self,
                                                    GPtrArray              **day_factors,
                                                    LimberDayMeasures      **measures);

const char *limber_day_details_editor_get_day      (LimberDayDetailsEditor  *self);

/* Whether the form holds what was not marked saved since it was loaded. */
gboolean   limber_day_details_editor_has_changes   (LimberDayDetailsEditor  *self);

/* What the form holds was sent to be stored. */
void       limber_day_details_editor_mark_saved    (LimberDayDetailsEditor  *self);

/* What the form holds was refused: all of it is sent with the next
 * save. */
void       limber_day_details_editor_mark_unsaved  (LimberDayDetailsEditor  *self);

/* Whether the factor @uuid is ticked. */
gboolean   limber_day_details_editor_get_ticked    (LimberDayDetailsEditor  *self,
                                                    const char              *uuid);
void       limber_day_details_editor_set_ticked    (LimberDayDetailsEditor  *self,
                                                    const char              *uuid,
                                                    gboolean                 ticked);

G_END_DECLS
