/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-catalogue"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "limber-catalogue.h"
#include "limber-json-lines.h"

#define FORMAT_NAME    "limber-routines"
#define FORMAT_VERSION 1
#define SHIPPED        "/io/github/limberapp/Limber/routines/catalogue.json"
/* The shipped catalogue's source name, and where its pictures are. */
#define SHIPPED_NAME   "catalogue.json"
#define ILLUSTRATIONS  "/io/github/limberapp/Limber/routines/illustrations/"
/* No step, set or rest lasts a day. */
#define MAX_COUNT      (24 * 3600)

struct _LimberCatalogue
{
  GObject     parent_instance;

  GPtrArray  *exercises;
  GPtrArray  *routines;
  GPtrArray  *problems;
};

G_DEFINE_FINAL_TYPE (LimberCatalogue, limber_catalogue, G_TYPE_OBJECT)

G_DEFINE_QUARK (limber-catalogue-error-quark, limber_catalogue_error)

static const char *position_names[] = { "seated", "standing", "wall", "floor" };
static const char *side_names[] = { "both", "left", "right" };
static const char *purpose_names[] = { "micro", "rest", "daily" };

const char *
limber_position_name (LimberPosition position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (position_names), NULL);
  return position_names[position];
}

GFile *
limber_exercise_get_illustration (const LimberExercise *exercise)
{
  g_autofree char *uri = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (exercise != NULL, NULL);

  if (exercise->illustration == NULL)
    return NULL;
  if (g_str_equal (exercise->source, SHIPPED_NAME))
    {
      uri = g_strconcat ("resource://", ILLUSTRATIONS, exercise->illustration, NULL);
      return g_file_new_for_uri (uri);
    }
  dir = g_path_get_dirname (exercise->source);
  path = g_build_filename (dir, exercise->illustration, NULL);
  return g_file_new_for_path (path);
}

const char *
limber_position_label (LimberPosition position)
{
  const char *labels[] = { N_("Seated"), N_("Standing"), N_("At a wall"), N_("On the floor") };

  g_return_val_if_fail (position < G_N_ELEMENTS (labels), NULL);
  return _(labels[position]);
}

static void
step_free (LimberStep *step)
{
  g_free (step->instruction);
  g_free (step);
}

static void
exercise_free (LimberExercise *exercise)
{
  g_free (exercise->id);
  g_free (exercise->name);
  g_free (exercise->summary);
  g_free (exercise->caution);
  g_free (exercise->equipment);
  g_free (exercise->illustration);
  g_free (exercise->source);
  g_ptr_array_unref (exercise->steps);
  g_free (exercise);
}

static void
routine_free (LimberRoutine *routine)
{
  g_free (routine->id);
  g_free (routine->name);
  g_free (routine->summary);
  g_free (routine->source);
  g_array_unref (routine->items);
  g_free (routine);
}

guint
limber_exercise_duration_s (const LimberExercise *exercise,
                            guint                 sets)
{
  guint one_set = 0;

  g_return_val_if_fail (exercise != NULL, 0);

  for (guint i = 0; i < exercise->steps->len; i++)
    {
      const LimberStep *step = g_ptr_array_index (exercise->steps, i);

      one_set += (step->hold_s > 0 ? step->hold_s : step->reps * step->rep_s) + step->rest_s;
    }

  sets = sets > 0 ? sets : exercise->sets;
  return one_set * sets + exercise->set_rest_s * (sets - 1);
}

guint
limber_routine_duration_s (const LimberRoutine *routine)
{
  guint total = 0;

  g_return_val_if_fail (routine != NULL, 0);

  for (guint i = 0; i < routine->items->len; i++)
    {
      const LimberRoutineItem *item = &g_array_index (routine->items, LimberRoutineItem, i);

      total += limber_exercise_duration_s (item->exercise, item->sets);
      if (i + 1 < routine->items->len)
        total += routine->rest_between_s;
    }
  return total;
}

/* Reading one file */

typedef struct
{
  LimberCatalogue *catalogue;
  const char      *name;
  LimberJsonLines *lines;
  GPtrArray       *exercises;
  GPtrArray       *routines;
} Reader;

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Reader      *reader,
      JsonObject  *object,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a file name, a line number, and what is wrong there. */
  g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID, _("%s:%u: %s"),
               reader->name, object ? limber_json_lines_of_object (reader->lines, object) : 1, message);
  return FALSE;
}

static gboolean
check_members (Reader      *reader,
               JsonObject  *object,
               const char **known,
               GError     **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        /* Translators: %s is a member name in a JSON file. */
        return fail (reader, object, error, _("unknown member “%s”"), (const char *) l->data);
    }
  return TRUE;
}

static gboolean
get_string (Reader      *reader,
            JsonObject  *object,
            const char  *member,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        return fail (reader, object, error, _("“%s” is missing"), member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, object, error, _("“%s” must be text"), member);

  *out = g_strdup (json_node_get_string (node));
  if (required && **out == '\0')
    return fail (reader, object, error, _("“%s” is empty"), member);
  return TRUE;
}

/* A whole number of at least @min; @out keeps its value when the member
 * is absent and not @required. */
static gboolean
get_count (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           guint        min,
           guint       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    return required ? fail (reader, object, error, _("“%s” is missing"), member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (reader, object, error, _("“%s” must be a whole number"), member);

  value = json_node_get_int (node);
  if (value < min || value > MAX_COUNT)
    {
      g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      if (value < min)
        /* Translators: a member name, a lower limit, the number given. */
        return fail (reader, object, error, _("“%s” must be at least %u, not %s"), member, min, given);
      /* Translators: a member name, an upper limit, the number given. */
      return fail (reader, object, error, _("“%s” must be at most %u, not %s"), member, MAX_COUNT, given);
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
get_choice (Reader       *reader,
            JsonObject   *object,
            const char   *member,
            const char  **choices,
            guint         n_choices,
            gboolean      required,
            guint        *out,
            GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *list = NULL;

  if (!get_string (reader, object, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  for (guint i = 0; i < n_choices; i++)
    {
      if (g_str_equal (text, choices[i]))
        {
          *out = i;
          return TRUE;
        }
    }

  list = g_strjoinv (", ", (char **) choices);
  /* Translators: “position: “lying” is not one of seated, standing, wall, floor”. */
  return fail (reader, object, error, _("%s: “%s” is not one of %s"), member, text, list);
}

static gboolean
valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 64)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    {
      if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
        return FALSE;
    }
  return TRUE;
}

static gboolean
id_taken (Reader     *reader,
          const char *id)
{
  GPtrArray *lists[] = { reader->catalogue->exercises, reader->catalogue->routines,
                         reader->exercises, reader->routines };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; i < lists[l]->len; i++)
        {
          /* Exercises and routines both start with their id. */
          const char *other = *(char **) g_ptr_array_index (lists[l], i);

          /* The one being read holds @id itself. */
          if (other != NULL && other != id && g_str_equal (other, id))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_id (Reader      *reader,
         JsonObject  *object,
         char       **id,
         GError     **error)
{
  if (!get_string (reader, object, "id", TRUE, id, error))
    return FALSE;
  if (!valid_id (*id))
    return fail (reader, object, error, _("id: “%s” may hold only a-z, 0-9 and “-”"), *id);
  if (id_taken (reader, *id))
    return fail (reader, object, error, _("id: “%s” is already taken"), *id);
  return TRUE;
}

static gboolean
read_step (Reader      *reader,
           JsonObject  *object,
           GPtrArray   *steps,
           GError     **error)
{
  static const char *known[] = { "instruction", "hold_s", "reps", "rep_s", "side", "rest_s", NULL };
  LimberStep *step = g_new0 (LimberStep, 1);

  g_ptr_array_add (steps, step);
  if (!check_members (reader, object, known, error) ||
      !get_string (reader, object, "instruction", TRUE, &step->instruction, error) ||
      !get_count (reader, object, "hold_s", FALSE, 1, &step->hold_s, error) ||
      !get_count (reader, object, "reps", FALSE, 1, &step->reps, error) ||
      !get_count (reader, object, "rep_s", FALSE, 1, &step->rep_s, error) ||
      !get_choice (reader, object, "side", side_names, G_N_ELEMENTS (side_names), FALSE, &step->side, error) ||
      !get_count (reader, object, "rest_s", FALSE, 0, &step->rest_s, error))
    return FALSE;

  if ((step->hold_s > 0) == (step->reps > 0))
    return fail (reader, object, error, _("a step needs either “hold_s” or “reps”"));
  if (step->reps > 0 && step->rep_s == 0)
    return fail (reader, object, error, _("“rep_s”, the seconds of one repetition, is missing"));
  if (step->hold_s > 0 && step->rep_s > 0)
    return fail (reader, object, error, _("“rep_s” goes with “reps”, not with “hold_s”"));
  return TRUE;
}

static gboolean
get_array (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  /* An optional list that is absent is fine, and leaves @array NULL. */
  *array = NULL;
  if (node == NULL)
    return required ? fail (reader, object, error, _("“%s” is missing"), member) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (reader, object, error, _("“%s” must be a list"), member);
  if (required && json_array_get_length (json_node_get_array (node)) == 0)
    return fail (reader, object, error, _("“%s” is empty"), member);
  *array = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
element_object (Reader      *reader,
                JsonArray   *array,
                guint        index,
                JsonObject  *parent,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID, _("%s:%u: %s"),
                   reader->name, limber_json_lines_of (reader->lines, node), _("expected an object in { }"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_targets (Reader          *reader,
              JsonObject      *object,
              LimberExercise  *exercise,
              GError         **error)
{
  JsonArray *targets;
  guint n_regions;
  const LimberFlagInfo *regions = limber_body_regions (&n_regions);

  if (!get_array (reader, object, "targets", FALSE, &targets, error))
    return FALSE;

  /* One region id per entry, as text. */
  for (guint i = 0; targets != NULL && i < json_array_get_length (targets); i++)
    {
      JsonNode *node = json_array_get_element (targets, i);
      const char *id = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                       ? json_node_get_string (node) : NULL;
      guint flag = 0;

      for (guint j = 0; id != NULL && j < n_regions; j++)
        if (g_str_equal (regions[j].id, id))
          flag = regions[j].flag;
      if (flag == 0)
        return fail (reader, object, error, _("targets: “%s” is not a body region"), id ? id : "?");
      exercise->targets |= flag;
    }
  return TRUE;
}

static gboolean
read_exercise (Reader      *reader,
               JsonObject  *object,
               GError     **error)
{
  static const char *known[] = { "id", "name", "summary", "targets", "position", "equipment", "caution",
                                 "illustration", "sets", "set_rest_s", "steps", NULL };
  LimberExercise *exercise = g_new0 (LimberExercise, 1);
  JsonArray *steps;

  exercise->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  exercise->sets = 1;
  exercise->source = g_strdup (reader->name);
  g_ptr_array_add (reader->exercises, exercise);

  if (!check_members (reader, object, known, error) ||
      !read_id (reader, object, &exercise->id, error) ||
      !get_string (reader, object, "name", TRUE, &exercise->name, error) ||
      !get_string (reader, object, "summary", TRUE, &exercise->summary, error) ||
      !read_targets (reader, object, exercise, error) ||
      !get_choice (reader, object, "position", position_names, G_N_ELEMENTS (position_names),
                   TRUE, &exercise->position, error) ||
      !get_string (reader, object, "equipment", FALSE, &exercise->equipment, error) ||
      !get_string (reader, object, "caution", FALSE, &exercise->caution, error) ||
      !get_string (reader, object, "illustration", FALSE, &exercise->illustration, error) ||
      !get_count (reader, object, "sets", FALSE, 1, &exercise->sets, error) ||
      !get_count (reader, object, "set_rest_s", FALSE, 0, &exercise->set_rest_s, error))
    return FALSE;

  if (!get_array (reader, object, "steps", TRUE, &steps, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = element_object (reader, steps, i, object, error);

      if (step == NULL || !read_step (reader, step, exercise->steps, error))
        return FALSE;
    }
  return TRUE;
}

static LimberExercise *
find_exercise (Reader     *reader,
               const char *id)
{
  GPtrArray *lists[] = { reader->exercises, reader->catalogue->exercises };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; i < lists[l]->len; i++)
        {
          LimberExercise *exercise = g_ptr_array_index (lists[l], i);

          if (g_str_equal (exercise->id, id))
            return exercise;
        }
    }
  return NULL;
}

static gboolean
read_routine (Reader      *reader,
              JsonObject  *object,
              GError     **error)
{
  static const char *known[] = { "id", "name", "summary", "purpose", "rest_between_s", "items", NULL };
  static const char *item_known[] = { "exercise", "sets", NULL };
  LimberRoutine *routine = g_new0 (LimberRoutine, 1);
  JsonArray *items;

  routine->items = g_array_new (FALSE, TRUE, sizeof (LimberRoutineItem));
  routine->source = g_strdup (reader->name);
  g_ptr_array_add (reader->routines, routine);

  if (!check_members (reader, object, known, error) ||
      !read_id (reader, object, &routine->id, error) ||
      !get_string (reader, object, "name", TRUE, &routine->name, error) ||
      !get_string (reader, object, "summary", TRUE, &routine->summary, error) ||
      !get_choice (reader, object, "purpose", purpose_names, G_N_ELEMENTS (purpose_names),
                   TRUE, &routine->purpose, error) ||
      !get_count (reader, object, "rest_between_s", FALSE, 0, &routine->rest_between_s, error))
    return FALSE;

  if (!get_array (reader, object, "items", TRUE, &items, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item_object = element_object (reader, items, i, object, error);
      g_autofree char *exercise_id = NULL;
      LimberRoutineItem item = { NULL, 0 };

      if (item_object == NULL ||
          !check_members (reader, item_object, item_known, error) ||
          !get_string (reader, item_object, "exercise", TRUE, &exercise_id, error) ||
          !get_count (reader, item_object, "sets", FALSE, 1, &item.sets, error))
        return FALSE;

      item.exercise = find_exercise (reader, exercise_id);
      if (item.exercise == NULL)
        return fail (reader, item_object, error, _("exercise: there is no exercise “%s”"), exercise_id);
      g_array_append_val (routine->items, item);
    }
  return TRUE;
}

gboolean
limber_catalogue_load (LimberCatalogue  *self,
                       const char       *name,
                       GBytes           *data,
                       GError          **error)
{
  static const char *known[] = { "format", "version", "exercises", "routines", NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LimberJsonLines) lines = limber_json_lines_watch (parser);
  g_autoptr (GPtrArray) exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) exercise_free);
  g_autoptr (GPtrArray) routines = g_ptr_array_new_with_free_func ((GDestroyNotify) routine_free);
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *format = NULL;
  Reader reader = { self, name, lines, exercises, routines };
  const char *text;
  gsize length;
  guint version = 0;
  JsonNode *root;
  JsonObject *top;
  JsonArray *list;

  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (name != NULL && data != NULL, FALSE);

  /* An empty file has no data pointer; json-glib wants one. */
  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (!g_utf8_validate_len (text, length, NULL))
    return fail (&reader, NULL, error, _("the file is not valid UTF-8"));

  {
    guint deep_line = 0;

    if (!limber_json_check_depth (text, length, LIMBER_JSON_MAX_DEPTH, &deep_line))
      {
        /* Translators: %s is a file, %u a line in it, %d how deeply its
         * lists and objects may nest. */
        g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID,
                     _("%s:%u: lists and objects nest more than %d deep"),
                     name, deep_line, LIMBER_JSON_MAX_DEPTH);
        return FALSE;
      }
  }

  if (!json_parser_load_from_data (parser, text, (gssize) length, &parse_error))
    {
      g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID, _("%s:%u: %s"),
                   name, limber_json_lines_error_line (lines), _("this is not valid JSON"));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (&reader, NULL, error, _("the file is not a list of Limber routines"));
  top = json_node_get_object (root);

  if (!check_members (&reader, top, known, error) ||
      !get_string (&reader, top, "format", TRUE, &format, error))
    return FALSE;
  if (!g_str_equal (format, FORMAT_NAME))
    return fail (&reader, top, error, _("format: expected “%s”"), FORMAT_NAME);
  if (!get_count (&reader, top, "version", TRUE, 1, &version, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    return fail (&reader, top, error, _("version %u is newer than this Limber reads (%u)"), version, FORMAT_VERSION);

  if (!get_array (&reader, top, "exercises", FALSE, &list, error))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = element_object (&reader, list, i, top, error);

      if (object == NULL || !read_exercise (&reader, object, error))
        return FALSE;
    }

  if (!get_array (&reader, top, "routines", FALSE, &list, error))
    return FALSE;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = element_object (&reader, list, i, top, error);

      if (object == NULL || !read_routine (&reader, object, error))
        return FALSE;
    }

  /* All good: the whole file goes in. */
  g_ptr_array_extend_and_steal (self->exercises, g_steal_pointer (&exercises));
  g_ptr_array_extend_and_steal (self->routines, g_steal_pointer (&routines));
  return TRUE;
}

char *
limber_catalogue_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "limber", "routines", NULL);
}

void
limber_catalogue_load_defaults (LimberCatalogue *self,
                                const char      *user_dir)
{
  g_autoptr (GBytes) shipped = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  g_return_if_fail (LIMBER_IS_CATALOGUE (self));

  shipped = g_resources_lookup_data (SHIPPED, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (shipped == NULL || !limber_catalogue_load (self, SHIPPED_NAME, shipped, &error))
    g_critical ("The shipped catalogue does not load: %s", error->message);
  g_clear_error (&error);

  if (user_dir == NULL || !(dir = g_dir_open (user_dir, 0, NULL)))
    return;

  /* In name order, so that what wins a clash is predictable. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (user_dir, names->pdata[i], NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GBytes) data = g_file_load_bytes (file, NULL, NULL, &error);

      if (data == NULL || !limber_catalogue_load (self, path, data, &error))
        {
          g_message ("Routine file skipped: %s", error->message);
          g_ptr_array_add (self->problems, g_strdup (error->message));
        }
      g_clear_error (&error);
    }
}

GPtrArray *
limber_catalogue_get_problems (LimberCatalogue *self)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);
  return self->problems;
}

GPtrArray *
limber_catalogue_get_exercises (LimberCatalogue *self)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);
  return self->exercises;
}

GPtrArray *
limber_catalogue_get_routines (LimberCatalogue *self)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);
  return self->routines;
}

LimberExercise *
limber_catalogue_get_exercise (LimberCatalogue *self,
                               const char      *id)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);

  for (guint i = 0; i < self->exercises->len; i++)
    {
      LimberExercise *exercise = g_ptr_array_index (self->exercises, i);

      if (g_strcmp0 (exercise->id, id) == 0)
        return exercise;
    }
  return NULL;
}

LimberRoutine *
limber_catalogue_get_routine (LimberCatalogue *self,
                              const char      *id)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);

  for (guint i = 0; i < self->routines->len; i++)
    {
      LimberRoutine *routine = g_ptr_array_index (self->routines, i);

      if (g_strcmp0 (routine->id, id) == 0)
        return routine;
    }
  return NULL;
}

static guint
routine_targets (const LimberRoutine *routine)
{
  guint targets = 0;

  for (guint i = 0; i < routine->items->len; i++)
    targets |= g_array_index (routine->items, LimberRoutineItem, i).exercise->targets;
  return targets;
}

const char *
limber_catalogue_suggest (LimberCatalogue *self,
                          LimberBreakKind  kind,
                          guint            painful_regions,
                          const char      *last_id)
{
  const char *best = NULL, *fallback = NULL;
  int best_score = -1;

  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);

  if (kind == LIMBER_BREAK_KIND_MICRO)
    {
      /* Something short that can be done at the desk. */
      for (guint i = 0; i < self->exercises->len; i++)
        {
          LimberExercise *exercise = g_ptr_array_index (self->exercises, i);
          int score;

          if (exercise->position != LIMBER_POSITION_SEATED || limber_exercise_duration_s (exercise, 0) > 90)
            continue;
          fallback = fallback ? fallback : exercise->id;
          if (g_strcmp0 (exercise->id, last_id) == 0)
            continue;
          score = __builtin_popcount (exercise->targets & painful_regions);
          if (score > best_score)
            {
              best_score = score;
              best = exercise->id;
            }
        }
    }
  else
    {
      for (guint i = 0; i < self->routines->len; i++)
        {
          LimberRoutine *routine = g_ptr_array_index (self->routines, i);
          int score;

          fallback = fallback ? fallback : routine->id;
          if (g_strcmp0 (routine->id, last_id) == 0)
            continue;
          score = __builtin_popcount (routine_targets (routine) & painful_regions) +
                  (routine->purpose == LIMBER_ROUTINE_PURPOSE_REST ? 100 : 0);
          if (score > best_score)
            {
              best_score = score;
              best = routine->id;
            }
        }
    }

  return best ? best : fallback;
}

static void
limber_catalogue_finalize (GObject *object)
{
  LimberCatalogue *self = LIMBER_CATALOGUE (object);

  /* Routines point into exercises: free them first. */
  g_ptr_array_unref (self->routines);
  g_ptr_array_unref (self->exercises);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (limber_catalogue_parent_class)->finalize (object);
}

static void
limber_catalogue_class_init (LimberCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = limber_catalogue_finalize;
}

static void
limber_catalogue_init (LimberCatalogue *self)
{
  self->exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) exercise_free);
  self->routines = g_ptr_array_new_with_free_func ((GDestroyNotify) routine_free);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

LimberCatalogue *
limber_catalogue_new (void)
{
  return g_object_new (LIMBER_TYPE_CATALOGUE, NULL);
}
