/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The choices of first-run set-up, the same in the assistant and in
 * `limber setup`: a break rhythm, where it hurts, the time of the daily
 * pain-log reminder and whether Limber starts at login. Each may be left
 * as it is; only what was chosen is written. */

#define LIMBER_SETUP_ERROR (limber_setup_error_quark ())

typedef enum
{
  /* A name that is none of the valid ones; the message lists them. */
  LIMBER_SETUP_ERROR_INVALID,
} LimberSetupError;

GQuark limber_setup_error_quark (void);

typedef enum
{
  LIMBER_SETUP_PRESET_KEEP,
  LIMBER_SETUP_PRESET_GENTLE,
  LIMBER_SETUP_PRESET_BALANCED,
  LIMBER_SETUP_PRESET_FREQUENT,
} LimberSetupPreset;

/* A break rhythm, in the settings' units: seconds. */
typedef struct
{
  LimberSetupPreset preset;
  /* The name on the command line, such as "balanced". */
  const char       *id;
  guint             micro_break_interval_s;
  guint             micro_break_duration_s;
  guint             rest_break_interval_s;
  guint             rest_break_duration_s;
} LimberBreakPreset;

typedef enum
{
  LIMBER_SETUP_AUTOSTART_UNASKED,
  LIMBER_SETUP_AUTOSTART_YES,
  LIMBER_SETUP_AUTOSTART_NO,
} LimberSetupAutostart;

/* The pain-log reminder time is kept as it is. */
#define LIMBER_SETUP_LOG_TIME_KEEP (-2)
/* No daily pain-log reminder. */
#define LIMBER_SETUP_LOG_TIME_NONE (-1)

typedef struct
{
  LimberSetupPreset    preset;
  /* Whether @regions was chosen; an empty choice clears the regions. */
  gboolean             regions_chosen;
  /* LimberBodyRegion flags. */
  guint                regions;
  /* Minutes after midnight, or LIMBER_SETUP_LOG_TIME_KEEP / _NONE. */
  int                  log_time_min;
  LimberSetupAutostart autostart;
} LimberSetupChoices;

/**
 * limber_setup_choices_init:
 *
 * Sets @choices to keep everything as it is.
 */
void                     limber_setup_choices_init      (LimberSetupChoices *choices);

/**
 * limber_break_presets:
 *
 * The three break rhythms, gentle to frequent; @n_out receives the count.
 */
const LimberBreakPreset *limber_break_presets           (guint              *n_out);

/**
 * limber_break_preset_lookup:
 *
 * The rhythm of @preset, or %NULL for %LIMBER_SETUP_PRESET_KEEP.
 */
const LimberBreakPreset *limber_break_preset_lookup     (LimberSetupPreset   preset);

/**
 * limber_break_preset_describe:
 *
 * The rhythm's numbers in one sentence, such as “A micro-break of 45
 * seconds every 25 minutes of work, and a rest break of 5 minutes every 60
 * minutes.”
 */
char                    *limber_break_preset_describe   (const LimberBreakPreset *preset);

/**
 * limber_setup_parse_preset:
 *
 * "gentle", "balanced", "frequent" or "keep" into @preset_out; anything
 * else is a %LIMBER_SETUP_ERROR_INVALID error that lists the valid names.
 */
gboolean                 limber_setup_parse_preset      (const char         *name,
                                                         LimberSetupPreset  *preset_out,
                                                         GError            **error);

/**
 * limber_setup_parse_regions:
 *
 * Region ids separated by commas, such as "neck,mid-back", into
 * LimberBodyRegion flags; "" or "none" is no region. An unknown id is a
 * %LIMBER_SETUP_ERROR_INVALID error that lists the valid ids.
 */
gboolean                 limber_setup_parse_regions     (const char         *list,
                                                         guint              *regions_out,
                                                         GError            **error);

/**
 * limber_setup_parse_log_time:
 *
 * "HH:MM" into minutes after midnight, or "none" into
 * %LIMBER_SETUP_LOG_TIME_NONE.
 */
gboolean                 limber_setup_parse_log_time    (const char         *text,
                                                         int                *minutes_out,
                                                         GError            **error);

/**
 * limber_setup_regions_to_strv:
 *
 * The ids of @regions, in display order, as the "pain-regions" setting
 * holds them.
 */
char                   **limber_setup_regions_to_strv   (guint               regions);

/**
 * limber_setup_regions_from_strv:
 *
 * The flags of the ids in @ids; ids Limber does not know are ignored.
 */
guint                    limber_setup_regions_from_strv (const char * const *ids);

/**
 * limber_setup_suggestion_regions:
 * @logged_regions: the regions the journal has logged as painful lately
 * @pain_regions: (nullable): the "pain-regions" setting
 *
 * The regions the stretch suggestions aim at: those of the journal, or,
 * while it has none, those named at set-up.
 */
guint                    limber_setup_suggestion_regions (guint               logged_regions,
                                                          const char * const *pain_regions);

/**
 * limber_setup_apply:
 * @settings: a GSettings of the io.github.limberapp.Limber schema
 *
 * Writes what @choices chose, and nothing else, in one change.
 */
void                     limber_setup_apply             (GSettings                *settings,
                                                         const LimberSetupChoices *choices);

/**
 * limber_setup_mark_done:
 * @state: a GSettings of the io.github.limberapp.Limber.State schema
 *
 * Records that set-up was confirmed, and, when @choices answered it, that
 * the start-at-login question was answered.
 */
void                     limber_setup_mark_done         (GSettings                *state,
                                                         const LimberSetupChoices *choices);

G_END_DECLS
