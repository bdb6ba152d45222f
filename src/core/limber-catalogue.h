/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-records.h"

G_BEGIN_DECLS

/* The stretches Limber ships and those a person adds as JSON files in
 * $XDG_DATA_HOME/limber/routines; see data/routines/README.md for
 * the format. Names and instructions are English in the files and read
 * through gettext. */

typedef enum
{
  LIMBER_POSITION_SEATED,
  LIMBER_POSITION_STANDING,
  LIMBER_POSITION_WALL,
  LIMBER_POSITION_FLOOR,
} LimberPosition;

typedef enum
{
  LIMBER_SIDE_BOTH,
  LIMBER_SIDE_LEFT,
  LIMBER_SIDE_RIGHT,
} LimberSide;

typedef enum
{
  LIMBER_ROUTINE_PURPOSE_MICRO,
  LIMBER_ROUTINE_PURPOSE_REST,
  LIMBER_ROUTINE_PURPOSE_DAILY,
} LimberRoutinePurpose;

typedef struct
{
  char       *instruction;
  /* A hold of hold_s seconds; reps repetitions of rep_s each; or, with
   * both reps and hold_s, reps holds with relax_s seconds to relax
   * between them. */
  guint       hold_s;
  guint       reps;
  guint       rep_s;
  guint       relax_s;
  LimberSide  side;
  /* A pause after the step. */
  guint       rest_s;
} LimberStep;

typedef struct
{
  char           *id;
  char           *name;
  char           *summary;
  char           *caution;
  char           *equipment;
  /* A file name beside the catalogue, or NULL: also NULL when the file
   * named was refused (see limber_catalogue_get_warnings()). */
  char           *illustration;
  /* Where that file really is, resolved and checked when its routine
   * file was read; NULL for the shipped catalogue, whose pictures are
   * resources. */
  char           *illustration_path;
  /* What the picture shows, for those who cannot see it; NULL when the
   * file does not say. */
  char           *illustration_description;
  /* The side the picture shows, left or right; LIMBER_SIDE_BOTH when it
   * shows no one side. A step on the other side shows it mirrored. */
  LimberSide      illustration_side;
  /* The file it came from, for messages. */
  char           *source;
  guint           targets;
  LimberPosition  position;
  guint           sets;
  guint           set_rest_s;
  GPtrArray      *steps;
} LimberExercise;

typedef struct
{
  LimberExercise *exercise;
  guint           sets;
} LimberRoutineItem;

typedef struct
{
  char                 *id;
  char                 *name;
  char                 *summary;
  char                 *source;
  LimberRoutinePurpose  purpose;
  guint                 rest_between_s;
  GArray               *items;
} LimberRoutine;

/* The limits of a routine file; data/routines/README.md lists them for
 * the people who write one. */

/* The largest routine file: twenty times the shipped catalogue. */
#define LIMBER_ROUTINE_FILE_MAX_SIZE      (256 * 1024)
/* The most exercises, and the most routines, one file may hold. */
#define LIMBER_ROUTINE_FILE_MAX_ENTRIES   1000
/* Steps of an exercise, exercises of a routine. */
#define LIMBER_ROUTINE_MAX_STEPS          100
#define LIMBER_ROUTINE_MAX_ITEMS          100
#define LIMBER_ROUTINE_MAX_SETS           100
#define LIMBER_ROUTINE_MAX_REPS           1000
/* Any one hold, repetition or rest. */
#define LIMBER_ROUTINE_MAX_SECONDS        3600
/* An exercise with all its sets, or a whole routine: with the limits
 * above, no total comes near overflowing. */
#define LIMBER_ROUTINE_MAX_DURATION_S     (4 * 3600)
/* An illustration: its file, and its width and height in pixels. */
#define LIMBER_ILLUSTRATION_MAX_SIZE      (4 * 1024 * 1024)
#define LIMBER_ILLUSTRATION_MAX_SIDE      4096

/**
 * limber_exercise_duration_s:
 *
 * How long the exercise takes with @sets sets (0: its own number).
 */
guint limber_exercise_duration_s (const LimberExercise *exercise,
                                  guint                 sets);
guint limber_routine_duration_s  (const LimberRoutine  *routine);

/**
 * limber_step_duration_s:
 *
 * How long one go through @step takes, its rest after it left out.
 */
guint limber_step_duration_s     (const LimberStep     *step);

/**
 * limber_exercise_mirrors_illustration:
 *
 * Whether @step shows the picture of @exercise mirrored: the picture
 * shows one side, and @step is done on the other.
 */
gboolean limber_exercise_mirrors_illustration (const LimberExercise *exercise,
                                               const LimberStep     *step);

/**
 * limber_exercise_get_illustration:
 *
 * The picture of @exercise: in the resources for the shipped catalogue,
 * the file checked when a person's own routine file was read. %NULL when
 * it has none.
 */
GFile      *limber_exercise_get_illustration (const LimberExercise *exercise);

/**
 * limber_exercise_load_illustration:
 *
 * The picture of @exercise as an SVG or PNG image, checked again as it
 * is read: a file may have changed since its routine file was read.
 * %NULL without an error when it has none.
 */
GBytes     *limber_exercise_load_illustration (const LimberExercise  *exercise,
                                               GError               **error);

const char *limber_position_name   (LimberPosition position);
/* “Seated”, “At a wall”: the position as a person reads it. */
const char *limber_position_label  (LimberPosition position);

#define LIMBER_CATALOGUE_ERROR (limber_catalogue_error_quark ())

typedef enum
{
  /* The file is not valid; the message names the file, line and problem. */
  LIMBER_CATALOGUE_ERROR_INVALID,
  /* An illustration Limber will not show; the message says why. */
  LIMBER_CATALOGUE_ERROR_ILLUSTRATION,
} LimberCatalogueError;

GQuark limber_catalogue_error_quark (void);

#define LIMBER_TYPE_CATALOGUE (limber_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (LimberCatalogue, limber_catalogue, LIMBER, CATALOGUE, GObject)

LimberCatalogue *limber_catalogue_new            (void);

/**
 * limber_catalogue_load:
 * @name: how messages name the file; its illustrations are in the folder
 *   of @name
 *
 * Adds the exercises and routines of one file. A bad file adds nothing
 * and fails with a message naming @name, the line and the problem. An
 * illustration that cannot be used is left out, and the exercise loads
 * without it; limber_catalogue_get_warnings() says why.
 */
gboolean         limber_catalogue_load           (LimberCatalogue  *self,
                                                  const char       *name,
                                                  GBytes           *data,
                                                  GError          **error);

/**
 * limber_catalogue_user_dir:
 *
 * Where a person's own routine files go: $XDG_DATA_HOME/limber/routines.
 */
char            *limber_catalogue_user_dir       (void);

/**
 * limber_catalogue_load_defaults:
 * @user_dir: (nullable): a folder of the person's own files, usually
 *   $XDG_DATA_HOME/limber/routines
 *
 * Loads the shipped catalogue, then every *.json in @user_dir. A bad user
 * file, one that is not a regular file or one larger than
 * %LIMBER_ROUTINE_FILE_MAX_SIZE is skipped and its message kept for
 * limber_catalogue_get_problems().
 */
void             limber_catalogue_load_defaults  (LimberCatalogue  *self,
                                                  const char       *user_dir);

/**
 * limber_catalogue_get_problems:
 *
 * The messages of the files that were skipped.
 */
GPtrArray       *limber_catalogue_get_problems   (LimberCatalogue  *self);

/**
 * limber_catalogue_get_warnings:
 *
 * The messages of what was left out of files that did load: an
 * illustration Limber will not show. Each names the file and the line.
 */
GPtrArray       *limber_catalogue_get_warnings   (LimberCatalogue  *self);

GPtrArray       *limber_catalogue_get_exercises  (LimberCatalogue  *self);
GPtrArray       *limber_catalogue_get_routines   (LimberCatalogue  *self);
LimberExercise  *limber_catalogue_get_exercise   (LimberCatalogue  *self,
                                                  const char       *id);
LimberRoutine   *limber_catalogue_get_routine    (LimberCatalogue  *self,
                                                  const char       *id);

/**
 * limber_catalogue_suggest:
 * @kind: the break it is for
 * @painful_regions: regions logged as painful lately
 * @last_id: (nullable): what was suggested last time
 *
 * A short seated exercise for a micro-break, a routine for a rest break
 * (their ids); what targets @painful_regions first; never @last_id twice
 * in a row when there is a choice.
 */
const char      *limber_catalogue_suggest        (LimberCatalogue  *self,
                                                  LimberBreakKind   kind,
                                                  guint             painful_regions,
                                                  const char       *last_id);

G_END_DECLS
