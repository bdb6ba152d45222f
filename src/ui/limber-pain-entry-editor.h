/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-pain-entry.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_PAIN_ENTRY_EDITOR (limber_pain_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (LimberPainEntryEditor, limber_pain_entry_editor, LIMBER, PAIN_ENTRY_EDITOR, AdwBin)

/* The form of one day's pain entry. It only shows and reads values, and
 * keeps the worst pain at or above the average as the user picks them;
 * the page decides when to save. Its ::changed signal says whether the
 * change was typing in the note, which the page saves after a pause. */

/**
 * limber_pain_entry_editor_load:
 *
 * Shows @entry, or an empty form for @day when @entry is %NULL.
 */
void             limber_pain_entry_editor_load        (LimberPainEntryEditor *self,
                                                       const LimberPainEntry *entry,
                                                       const char            *day);

/**
 * limber_pain_entry_editor_read:
 *
 * A new entry with what the form holds now, keeping the identity of the
 * loaded one.
 */
LimberPainEntry *limber_pain_entry_editor_read        (LimberPainEntryEditor *self);

/**
 * limber_pain_entry_editor_set_day_name:
 *
 * Has the questions ask about the day @day_name names, such as “Monday,
 * 23 November”, or about today when it is %NULL.
 */
void             limber_pain_entry_editor_set_day_name (LimberPainEntryEditor *self,
                                                        const char            *day_name);

/**
 * limber_pain_entry_editor_mark_saved:
 *
 * Takes @entry, as it went to be saved, as what the form holds unchanged,
 * without touching what is shown.
 */
void             limber_pain_entry_editor_mark_saved  (LimberPainEntryEditor *self,
                                                       const LimberPainEntry *entry);

/**
 * limber_pain_entry_editor_get_day:
 *
 * The day the form is for; empty until something is loaded.
 */
const char      *limber_pain_entry_editor_get_day     (LimberPainEntryEditor *self);

/**
 * limber_pain_entry_editor_has_changes:
 *
 * Whether the form holds values other than those loaded or last marked
 * saved.
 */
gboolean         limber_pain_entry_editor_has_changes (LimberPainEntryEditor *self);

/**
 * limber_pain_entry_editor_is_complete:
 *
 * Whether the required average score is given.
 */
gboolean         limber_pain_entry_editor_is_complete (LimberPainEntryEditor *self);

/**
 * limber_pain_entry_editor_focus_missing:
 *
 * Moves the focus to what the entry still needs to be saved: the
 * average pain.
 */
void             limber_pain_entry_editor_focus_missing (LimberPainEntryEditor *self);

G_END_DECLS
