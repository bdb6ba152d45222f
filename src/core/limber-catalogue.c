/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-catalogue"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "limber-catalogue.h"
#include "limber-json-lines.h"

#define FORMAT_NAME    "limber-routines"
#define FORMAT_VERSION 1
#define SHIPPED        "/io/github/limberapp/Limber/routines/catalogue.json"
/* The shipped catalogue's source name, and where its pictures are. */
#define SHIPPED_NAME   "catalogue.json"
#define ILLUSTRATIONS  "/io/github/limberapp/Limber/routines/illustrations/"
/* No number of the format comes near this; below it json-glib holds
 * numbers exactly, as whole numbers and as doubles. */
#define LARGEST_NUMBER 1e15
/* The objects of the format have at most 13 members. json-glib looks for
 * the earlier place of a repeated member through all the members before
 * it, so many members and repeats would take minutes. */
#define MAX_MEMBERS    32
/* How far into an SVG file its root element may start. */
#define SVG_HEAD_SIZE  (64 * 1024)
/* How much of a number a message quotes. */
#define QUOTED_NUMBER  40

struct _LimberCatalogue
{
  GObject     parent_instance;

  GPtrArray  *exercises;
  GPtrArray  *routines;
  /* Ids to the exercises and routines above, so that checking a file's
   * ids takes time in proportion to the file. */
  GHashTable *exercise_ids;
  GHashTable *routine_ids;
  GPtrArray  *problems;
  GPtrArray  *warnings;
};

G_DEFINE_FINAL_TYPE (LimberCatalogue, limber_catalogue, G_TYPE_OBJECT)

G_DEFINE_QUARK (limber-catalogue-error-quark, limber_catalogue_error)

static const char *position_names[] = { "seated", "standing", "wall", "floor" };
static const char *side_names[] = { "both", "left", "right" };
/* A picture shows one side or the other, in the order of LimberSide
 * after “both”. */
static const char *picture_side_names[] = { "left", "right" };
static const char *purpose_names[] = { "micro", "rest", "daily" };

/* Every number of the format, and its range. */
typedef struct
{
  const char *member;
  guint       min;
  guint       max;
} NumberRange;

static const NumberRange number_ranges[] = {
  { "version", 1, G_MAXINT32 },
  { "sets", 1, LIMBER_ROUTINE_MAX_SETS },
  { "set_rest_s", 0, LIMBER_ROUTINE_MAX_SECONDS },
  { "hold_s", 1, LIMBER_ROUTINE_MAX_SECONDS },
  { "reps", 1, LIMBER_ROUTINE_MAX_REPS },
  { "rep_s", 1, LIMBER_ROUTINE_MAX_SECONDS },
  { "relax_s", 1, LIMBER_ROUTINE_MAX_SECONDS },
  { "rest_s", 0, LIMBER_ROUTINE_MAX_SECONDS },
  { "rest_between_s", 0, LIMBER_ROUTINE_MAX_SECONDS },
};

static const NumberRange *
number_range (const char *member,
              gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_ranges); i++)
    {
      if (strlen (number_ranges[i].member) == length && memcmp (number_ranges[i].member, member, length) == 0)
        return &number_ranges[i];
    }
  return NULL;
}

const char *
limber_position_name (LimberPosition position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (position_names), NULL);
  return position_names[position];
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
  g_free (exercise->illustration_path);
  g_free (exercise->illustration_description);
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

/* Durations */

/* In 64 bits: the loader keeps what it accepts under
 * LIMBER_ROUTINE_MAX_DURATION_S, but a caller may ask for any number of
 * sets. */
static guint64
step_duration_s (const LimberStep *step)
{
  if (step->reps > 0 && step->hold_s > 0)
    return (guint64) step->reps * step->hold_s + (guint64) (step->reps - 1) * step->relax_s;
  if (step->reps > 0)
    return (guint64) step->reps * step->rep_s;
  return step->hold_s;
}

static guint64
exercise_duration_s (const LimberExercise *exercise,
                     guint                 sets)
{
  guint64 one_set = 0;

  for (guint i = 0; i < exercise->steps->len; i++)
    {
      const LimberStep *step = g_ptr_array_index (exercise->steps, i);

      one_set += step_duration_s (step) + step->rest_s;
    }

  sets = sets > 0 ? sets : MAX (exercise->sets, 1);
  return one_set * sets + (guint64) exercise->set_rest_s * (sets - 1);
}

static guint64
routine_duration_s (const LimberRoutine *routine)
{
  guint64 total = 0;

  for (guint i = 0; i < routine->items->len; i++)
    {
      const LimberRoutineItem *item = &g_array_index (routine->items, LimberRoutineItem, i);

      total += exercise_duration_s (item->exercise, item->sets);
      if (i + 1 < routine->items->len)
        total += routine->rest_between_s;
    }
  return total;
}

guint
limber_exercise_duration_s (const LimberExercise *exercise,
                            guint                 sets)
{
  g_return_val_if_fail (exercise != NULL, 0);
  return (guint) MIN (exercise_duration_s (exercise, sets), G_MAXUINT);
}

guint
limber_routine_duration_s (const LimberRoutine *routine)
{
  g_return_val_if_fail (routine != NULL, 0);
  return (guint) MIN (routine_duration_s (routine), G_MAXUINT);
}

guint
limber_step_duration_s (const LimberStep *step)
{
  g_return_val_if_fail (step != NULL, 0);
  return (guint) MIN (step_duration_s (step), G_MAXUINT);
}

gboolean
limber_exercise_mirrors_illustration (const LimberExercise *exercise,
                                      const LimberStep     *step)
{
  g_return_val_if_fail (exercise != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  return exercise->illustration_side != LIMBER_SIDE_BOTH && step->side != LIMBER_SIDE_BOTH &&
         step->side != exercise->illustration_side;
}

/* Reading files with bounds */

typedef enum
{
  READ_OK,
  READ_FAILED,
  READ_NOT_REGULAR,
  READ_TOO_LARGE,
} ReadResult;

/* Reads what @fd holds, expecting about @expected bytes and stopping
 * after @limit: a file that grows while it is read cannot make it read
 * on and on. Sets errno and returns NULL when reading fails. */
static GBytes *
read_at_most (int    fd,
              gsize  expected,
              gsize  limit)
{
  gsize allocated = MAX (MIN (expected + 1, limit), 1);
  char *buffer = g_malloc (allocated);
  gsize length = 0;

  for (;;)
    {
      gssize got;

      if (length == allocated)
        {
          if (allocated >= limit)
            break;
          allocated = MIN (allocated * 2, limit);
          buffer = g_realloc (buffer, allocated);
        }
      got = read (fd, buffer + length, allocated - length);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;

          g_free (buffer);
          errno = saved_errno;
          return NULL;
        }
      if (got == 0)
        break;
      length += got;
    }
  return g_bytes_new_take (buffer, length);
}

/* Reads the regular file at @path: at most @max_read bytes, and none of
 * one larger than @max_size. A FIFO does not block the open, and neither
 * it nor a device is read; the size is known before reading, and a file
 * that grows past @max_size while it is read is refused all the same. */
static ReadResult
read_regular_file (const char  *path,
                   int          flags,
                   gsize        max_size,
                   gsize        max_read,
                   GBytes     **data_out,
                   int         *errno_out)
{
  g_autoptr (GBytes) data = NULL;
  ReadResult result = READ_OK;
  struct stat info;
  int fd;

  *errno_out = 0;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | flags, 0);
  if (fd < 0)
    {
      *errno_out = errno;
      return READ_FAILED;
    }

  if (fstat (fd, &info) != 0)
    {
      *errno_out = errno;
      result = READ_FAILED;
    }
  else if (!S_ISREG (info.st_mode))
    result = READ_NOT_REGULAR;
  else if (info.st_size < 0 || (guint64) info.st_size > max_size)
    result = READ_TOO_LARGE;
  else if ((data = read_at_most (fd, info.st_size, MIN (max_read, max_size + 1))) == NULL)
    {
      *errno_out = errno;
      result = READ_FAILED;
    }
  else if (g_bytes_get_size (data) > max_size)
    result = READ_TOO_LARGE;
  close (fd);

  if (result == READ_OK)
    *data_out = g_steal_pointer (&data);
  return result;
}

/* Illustrations */

G_GNUC_PRINTF (2, 3)
static void
picture_error (GError     **error,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error,
                     g_error_new_valist (LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_ILLUSTRATION, format, args));
  va_end (args);
}

static gboolean
has_prefix (const char *at,
            const char *end,
            const char *prefix)
{
  gsize length = strlen (prefix);

  return (gsize) (end - at) >= length && memcmp (at, prefix, length) == 0;
}

/* Just past the first @needle from @from on, or NULL. */
static const char *
skip_past (const char *from,
           const char *end,
           const char *needle)
{
  for (const char *at = from; at < end; at++)
    {
      if (has_prefix (at, end, needle))
        return at + strlen (needle);
    }
  return NULL;
}

/* Past a document type, with the entities it may declare between [ ]. */
static const char *
skip_doctype (const char *at,
              const char *end)
{
  gboolean in_subset = FALSE;
  char quote = 0;

  for (; at < end; at++)
    {
      if (quote != 0)
        quote = *at == quote ? 0 : quote;
      else if (*at == '"' || *at == '\'')
        quote = *at;
      else if (*at == '[')
        in_subset = TRUE;
      else if (*at == ']')
        in_subset = FALSE;
      else if (*at == '>' && !in_subset)
        return at + 1;
    }
  return NULL;
}

/* Where the attributes of an SVG file's root element start, past what
 * may come before it (a byte order mark, the XML declaration, comments,
 * a document type); NULL when the file does not start like SVG. */
static const char *
svg_root (const char *at,
          const char *end)
{
  if (has_prefix (at, end, "\xef\xbb\xbf"))
    at += 3;
  for (;;)
    {
      while (at < end && g_ascii_isspace (*at))
        at++;
      if (has_prefix (at, end, "<?"))
        at = skip_past (at + 2, end, "?>");
      else if (has_prefix (at, end, "<!--"))
        at = skip_past (at + 4, end, "-->");
      else if (has_prefix (at, end, "<!DOCTYPE"))
        at = skip_doctype (at + 9, end);
      else if (has_prefix (at, end, "<svg") && end - at > 4 &&
               (g_ascii_isspace (at[4]) || at[4] == '>' || at[4] == '/'))
        return at + 4;
      else
        return NULL;

      if (at == NULL)
        return NULL;
    }
}

/* A length of SVG in pixels, as librsvg reads it at 96 dots an inch; -1
 * for one relative to a viewport, which the viewBox then gives. */
static double
svg_length_px (const char *value)
{
  static const struct { const char *unit; double px; } units[] = {
    { "", 1 }, { "px", 1 }, { "pt", 96.0 / 72 }, { "pc", 16 }, { "mm", 96 / 25.4 },
    { "cm", 96 / 2.54 }, { "in", 96 }, { "em", 16 }, { "ex", 8 },
  };
  g_autofree char *unit = NULL;
  char *number_end;
  double number;

  if (value == NULL)
    return -1;
  number = g_ascii_strtod (value, &number_end);
  if (number_end == value)
    return -1;
  unit = g_strstrip (g_strdup (number_end));
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (g_ascii_strcasecmp (unit, units[i].unit) == 0)
        return number * units[i].px;
    }
  return -1;
}

/* The size the root element of an SVG file asks for, from @attributes
 * up to its “>”; FALSE when the element does not end there. */
static gboolean
svg_size (const char *at,
          const char *end,
          double     *width,
          double     *height)
{
  g_autofree char *width_value = NULL;
  g_autofree char *height_value = NULL;
  g_autofree char *view_box = NULL;

  for (;;)
    {
      const char *name, *value;
      char **target = NULL;
      gsize name_length;
      char quote;

      while (at < end && g_ascii_isspace (*at))
        at++;
      if (at < end && (*at == '>' || *at == '/'))
        break;
      name = at;
      while (at < end && !g_ascii_isspace (*at) && *at != '=' && *at != '>' && *at != '/')
        at++;
      name_length = at - name;
      while (at < end && g_ascii_isspace (*at))
        at++;
      if (name_length == 0 || at >= end || *at++ != '=')
        return FALSE;
      while (at < end && g_ascii_isspace (*at))
        at++;
      if (at >= end || (*at != '"' && *at != '\''))
        return FALSE;
      quote = *at++;
      value = at;
      while (at < end && *at != quote)
        at++;
      if (at >= end)
        return FALSE;

      if (name_length == 5 && memcmp (name, "width", 5) == 0)
        target = &width_value;
      else if (name_length == 6 && memcmp (name, "height", 6) == 0)
        target = &height_value;
      else if (name_length == 7 && memcmp (name, "viewBox", 7) == 0)
        target = &view_box;
      if (target != NULL)
        {
          g_free (*target);
          *target = g_strndup (value, at - value);
        }
      at++;
    }
  if (at >= end)
    return FALSE;

  *width = svg_length_px (width_value);
  *height = svg_length_px (height_value);
  if (view_box != NULL && (*width < 0 || *height < 0))
    {
      double box[4];
      char *next = view_box;

      for (guint i = 0; i < G_N_ELEMENTS (box); i++)
        {
          char *number_end;

          while (g_ascii_isspace (*next) || *next == ',')
            next++;
          box[i] = g_ascii_strtod (next, &number_end);
          if (number_end == next)
            return TRUE;
          next = number_end;
        }
      *width = *width < 0 ? box[2] : *width;
      *height = *height < 0 ? box[3] : *height;
    }
  return TRUE;
}

static guint32
read_be32 (const guint8 *at)
{
  return (guint32) at[0] << 24 | (guint32) at[1] << 16 | (guint32) at[2] << 8 | at[3];
}

/* Whether @data is what @name says it is, and not too large to draw:
 * GTK draws a picture at the size its file gives, and 100000 by 100000
 * pixels is 40 GB. */
static gboolean
check_picture_content (const char  *name,
                       gboolean     png,
                       GBytes      *data,
                       GError     **error)
{
  static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  double width, height;

  if (png)
    {
      /* The signature, then the header chunk with the size. */
      if (length < 24 || memcmp (bytes, png_signature, sizeof png_signature) != 0 ||
          memcmp (bytes + 12, "IHDR", 4) != 0 || read_be32 (bytes + 16) == 0 || read_be32 (bytes + 20) == 0)
        {
          /* Translators: “illustration” is a member of a routine file, as
           * it is written there; %s is the file name it gives. */
          picture_error (error, _("illustration: “%s” is not a PNG file"), name);
          return FALSE;
        }
      width = read_be32 (bytes + 16);
      height = read_be32 (bytes + 20);
    }
  else
    {
      const char *end = (const char *) bytes + MIN (length, SVG_HEAD_SIZE);
      const char *root = length > 0 ? svg_root ((const char *) bytes, end) : NULL;

      if (root == NULL || !svg_size (root, end, &width, &height))
        {
          picture_error (error, _("illustration: “%s” is not an SVG file"), name);
          return FALSE;
        }
    }

  /* Written so that NaN fails too. */
  if (!(width <= LIMBER_ILLUSTRATION_MAX_SIDE && height <= LIMBER_ILLUSTRATION_MAX_SIDE))
    {
      picture_error (error, _("illustration: “%s” is larger than %u × %u pixels"),
                     name, LIMBER_ILLUSTRATION_MAX_SIDE, LIMBER_ILLUSTRATION_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

/* Opens the illustration @name of a routine file in @folder (a resolved
 * path) and reads at most @max_read bytes of it, refusing what a routine
 * file must not show: a file outside @folder, wherever a link leads,
 * what is not a regular file (a FIFO would never end, /dev/zero neither),
 * a file over LIMBER_ILLUSTRATION_MAX_SIZE, and content that is not what
 * its name says. Returns the resolved path. */
static char *
open_picture (const char  *folder,
              int          folder_errno,
              const char  *name,
              gsize        max_read,
              GBytes     **data_out,
              GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *limit = NULL;
  g_autoptr (GBytes) data = NULL;
  gboolean png;
  int read_errno;

  /* A plain name: “/” would allow both an absolute path and “..”. */
  if (*name == '\0' || strchr (name, '/') != NULL)
    {
      /* Translators: “illustration” is a member of a routine file, as
       * it is written there; %s is the file name it gives. */
      picture_error (error, _("illustration: “%s” must be the name of a file in the folder of the routine file"),
                     name);
      return NULL;
    }
  png = g_str_has_suffix (lower, ".png");
  if (!png && !g_str_has_suffix (lower, ".svg"))
    {
      picture_error (error, _("illustration: “%s” must be an SVG or PNG file, ending in .svg or .png"), name);
      return NULL;
    }
  if (folder == NULL)
    {
      picture_error (error, _("illustration: cannot read “%s”: %s"), name, g_strerror (folder_errno));
      return NULL;
    }

  /* Links are fine as long as they stay in the folder. */
  path = g_build_filename (folder, name, NULL);
  resolved = realpath (path, NULL);
  if (resolved == NULL)
    {
      int saved_errno = errno;

      picture_error (error, _("illustration: cannot read “%s”: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  inside = g_str_has_suffix (folder, G_DIR_SEPARATOR_S) ? g_strdup (folder)
                                                       : g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
  if (!g_str_has_prefix (resolved, inside))
    {
      picture_error (error, _("illustration: “%s” leads out of the folder of the routine file"), name);
      return NULL;
    }

  /* The link resolved, none now. */
  switch (read_regular_file (resolved, O_NOFOLLOW, LIMBER_ILLUSTRATION_MAX_SIZE, max_read, &data, &read_errno))
    {
    case READ_OK:
      break;
    case READ_FAILED:
      picture_error (error, _("illustration: cannot read “%s”: %s"), name, g_strerror (read_errno));
      return NULL;
    case READ_NOT_REGULAR:
      picture_error (error, _("illustration: “%s” is not a regular file"), name);
      return NULL;
    case READ_TOO_LARGE:
      limit = g_format_size_full (LIMBER_ILLUSTRATION_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      picture_error (error, _("illustration: “%s” is larger than %s"), name, limit);
      return NULL;
    default:
      g_assert_not_reached ();
    }
  if (!check_picture_content (name, png, data, error))
    return NULL;

  if (data_out != NULL)
    *data_out = g_steal_pointer (&data);
  return g_steal_pointer (&resolved);
}

/* The folder of a routine file, resolved; NULL and @errno_out set when
 * it cannot be. */
static char *
routine_folder (const char *source,
                int        *errno_out)
{
  g_autofree char *dir = g_path_get_dirname (source);
  char *folder = realpath (dir, NULL);

  *errno_out = folder == NULL ? errno : 0;
  return folder;
}

GFile *
limber_exercise_get_illustration (const LimberExercise *exercise)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (exercise != NULL, NULL);

  if (exercise->illustration == NULL)
    return NULL;
  if (exercise->illustration_path != NULL)
    return g_file_new_for_path (exercise->illustration_path);
  uri = g_strconcat ("resource://", ILLUSTRATIONS, exercise->illustration, NULL);
  return g_file_new_for_uri (uri);
}

GBytes *
limber_exercise_load_illustration (const LimberExercise  *exercise,
                                   GError               **error)
{
  g_autofree char *resource = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  GBytes *data = NULL;
  int folder_errno;

  g_return_val_if_fail (exercise != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (exercise->illustration == NULL)
    return NULL;
  if (exercise->illustration_path == NULL)
    {
      resource = g_strconcat (ILLUSTRATIONS, exercise->illustration, NULL);
      return g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    }

  folder = routine_folder (exercise->source, &folder_errno);
  path = open_picture (folder, folder_errno, exercise->illustration, LIMBER_ILLUSTRATION_MAX_SIZE + 1,
                       &data, error);
  return path != NULL ? data : NULL;
}

/* Reading one file */

typedef struct
{
  LimberCatalogue *catalogue;
  const char      *name;
  LimberJsonLines *lines;
  GPtrArray       *exercises;
  GPtrArray       *routines;
  /* The ids of this file so far, beside those of the catalogue. */
  GHashTable      *exercise_ids;
  GHashTable      *routine_ids;
  /* The shipped catalogue's pictures are resources; the others are in
   * the folder of their file, resolved once it is needed. */
  gboolean         shipped;
  gboolean         folder_known;
  char            *folder;
  int              folder_errno;
  /* Illustration names checked so far: to the resolved path, or to why
   * they were refused. Many exercises may share a picture. */
  GHashTable      *pictures_vetted;
  GHashTable      *pictures_refused;
  GPtrArray       *warnings;
} Reader;

G_GNUC_PRINTF (4, 0)
static gboolean
fail_valist (Reader      *reader,
             guint        line,
             GError     **error,
             const char  *format,
             va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  /* Translators: a file name, a line number, and what is wrong there. */
  g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID, _("%s:%u: %s"),
               reader->name, line, message);
  return FALSE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Reader      *reader,
      JsonObject  *object,
      GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (reader, object ? limber_json_lines_of_object (reader->lines, object) : 1, error, format, args);
  va_end (args);
  return FALSE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at_line (Reader      *reader,
              guint        line,
              GError     **error,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (reader, line, error, format, args);
  va_end (args);
  return FALSE;
}

static void
set_too_large (GError     **error,
               const char  *name)
{
  g_autofree char *limit = g_format_size_full (LIMBER_ROUTINE_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: a file name, and a size such as “256.0 KiB”. */
  g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID,
               _("%s: the file is larger than %s, the most a routine file may be"), name, limit);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.' || c == '_';
}

/* Strictly as JSON writes a number. */
static gboolean
is_json_number (const char *text)
{
  const char *c = text;

  if (*c == '-')
    c++;
  if (*c == '0')
    c++;
  else if (*c >= '1' && *c <= '9')
    while (g_ascii_isdigit (*c))
      c++;
  else
    return FALSE;

  if (*c == '.')
    {
      if (!g_ascii_isdigit (*++c))
        return FALSE;
      while (g_ascii_isdigit (*c))
        c++;
    }
  if (*c == 'e' || *c == 'E')
    {
      c++;
      if (*c == '+' || *c == '-')
        c++;
      if (!g_ascii_isdigit (*c))
        return FALSE;
      while (g_ascii_isdigit (*c))
        c++;
    }
  return *c == '\0';
}

/* A number as the file writes it, for a message: @key is the member it
 * is the value of, when the file says. */
static gboolean
check_number (Reader      *reader,
              const char  *token,
              gsize        length,
              const char  *key,
              gsize        key_length,
              guint        line,
              GError     **error)
{
  g_autofree char *text = g_strndup (token, length);
  g_autofree char *quoted = NULL;
  const NumberRange *range;
  double value;

  /* Quoted whole up to a point: a message with a number 100000 digits
   * long says nothing more. */
  quoted = length <= QUOTED_NUMBER ? g_strdup (text) : g_strdup_printf ("%.*s…", QUOTED_NUMBER, text);
  if (!is_json_number (text))
    /* Translators: %s stands where a number should, such as “0x10”. */
    return fail_at_line (reader, line, error, _("“%s” is not a number as JSON writes numbers"), quoted);

  value = g_ascii_strtod (text, NULL);
  if (value > -LARGEST_NUMBER && value < LARGEST_NUMBER)
    return TRUE;

  range = key != NULL ? number_range (key, key_length) : NULL;
  if (range == NULL)
    /* Translators: %s is a number as the file writes it. */
    return fail_at_line (reader, line, error, _("the number %s is out of range"), quoted);
  if (value < 0)
    return fail_at_line (reader, line, error, _("“%s” must be at least %u, not %s"),
                         range->member, range->min, quoted);
  return fail_at_line (reader, line, error, _("“%s” must be at most %u, not %s"),
                       range->member, range->max, quoted);
}

/* What json-glib would misread, found before it parses: numbers it does
 * not hold exactly (it reads 2^64 as -1, 2^63 as its negative and 1e400
 * as infinity), numbers JSON does not allow (it reads 010 as 8), and
 * objects with so many members that its look for repeated ones takes
 * minutes. Strings are skipped as json-glib reads them: in double quotes
 * with escapes, in single quotes without, and so are comments. */
static gboolean
check_tokens (Reader      *reader,
              const char  *text,
              gsize        length,
              GError     **error)
{
  /* For each object or list open, its members so far; G_MAXUINT for a
   * list. */
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  enum { AFTER_OTHER, AFTER_STRING, AFTER_COLON } after = AFTER_OTHER;
  const char *string = NULL, *key = NULL;
  gsize string_length = 0, key_length = 0;
  guint line = 1;
  gsize i = 0;

  while (i < length)
    {
      char c = text[i];

      if (c == '\n' || c == ' ' || c == '\t' || c == '\r')
        {
          line += c == '\n';
          i++;
        }
      else if (c == '/' && i + 1 < length && text[i + 1] == '*')
        {
          for (i += 2; i < length && !(text[i] == '*' && i + 1 < length && text[i + 1] == '/'); i++)
            line += text[i] == '\n';
          i += 2;
        }
      else if (c == '"' || c == '\'')
        {
          string = text + ++i;
          while (i < length && text[i] != c)
            {
              if (c == '"' && text[i] == '\\' && i + 1 < length)
                i++;
              line += text[i++] == '\n';
            }
          string_length = text + MIN (i, length) - string;
          i++;
          after = AFTER_STRING;
        }
      else if (is_word_char (c))
        {
          gsize start = i;

          while (i < length && is_word_char (text[i]))
            i++;
          if ((c == '-' || c == '.' || g_ascii_isdigit (c)) &&
              !check_number (reader, text + start, i - start, after == AFTER_COLON ? key : NULL, key_length, line,
                             error))
            return FALSE;
          after = AFTER_OTHER;
        }
      else
        {
          guint *members = open->len > 0 ? &g_array_index (open, guint, open->len - 1) : NULL;

          if (c == '{' || c == '[')
            {
              guint none = c == '{' ? 0 : G_MAXUINT;

              g_array_append_val (open, none);
              /* json-glib parses recursively: a file of nothing but
               * “[” would exhaust the stack. */
              if (open->len > LIMBER_JSON_MAX_DEPTH)
                {
                  g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID,
                               _("%s:%u: lists and objects nest more than %d deep"),
                               reader->name, line, LIMBER_JSON_MAX_DEPTH);
                  return FALSE;
                }
            }
          else if ((c == '}' || c == ']') && members != NULL)
            g_array_set_size (open, open->len - 1);
          else if (c == ':' && members != NULL && *members != G_MAXUINT && ++*members > MAX_MEMBERS)
            return fail_at_line (reader, line, error, _("an object has more than %d members"), MAX_MEMBERS);

          if (c == ':' && after == AFTER_STRING)
            {
              key = string;
              key_length = string_length;
              after = AFTER_COLON;
            }
          else
            after = AFTER_OTHER;
          i++;
        }
    }
  return TRUE;
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

/* A whole number in the range number_ranges gives @member; @out keeps
 * its value when the member is absent and not @required. */
static gboolean
get_count (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           guint       *out,
           GError     **error)
{
  const NumberRange *range = number_range (member, strlen (member));
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  g_assert (range != NULL);

  if (node == NULL)
    return required ? fail (reader, object, error, _("“%s” is missing"), member) : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double number = json_node_get_double (node);

      /* 30.0 and 3e1 are whole numbers too. check_tokens() let through
       * only what is below LARGEST_NUMBER, which both a gint64 and a
       * double hold exactly. */
      if (!(number > -LARGEST_NUMBER && number < LARGEST_NUMBER) || number != (double) (gint64) number)
        {
          char given[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (given, sizeof given, "%.15g", number);
          /* Translators: a member name, and the number given. */
          return fail (reader, object, error, _("“%s” must be a whole number, not %s"), member, given);
        }
      value = (gint64) number;
    }
  else
    return fail (reader, object, error, _("“%s” must be a whole number"), member);

  if (value < range->min || value > range->max)
    {
      g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      if (value < range->min)
        /* Translators: a member name, a lower limit, the number given. */
        return fail (reader, object, error, _("“%s” must be at least %u, not %s"), member, range->min, given);
      /* Translators: a member name, an upper limit, the number given. */
      return fail (reader, object, error, _("“%s” must be at most %u, not %s"), member, range->max, given);
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

  /* The lists of choices end at @n_choices, with no NULL after them. */
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; i < n_choices; i++)
      g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "", choices[i]);
    list = g_string_free (joined, FALSE);
  }
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
  return g_hash_table_contains (reader->catalogue->exercise_ids, id) ||
         g_hash_table_contains (reader->catalogue->routine_ids, id) ||
         g_hash_table_contains (reader->exercise_ids, id) ||
         g_hash_table_contains (reader->routine_ids, id);
}

/* Reads the id of @owner into @id, and files @owner under it in @ids. */
static gboolean
read_id (Reader      *reader,
         JsonObject  *object,
         GHashTable  *ids,
         gpointer     owner,
         char       **id,
         GError     **error)
{
  if (!get_string (reader, object, "id", TRUE, id, error))
    return FALSE;
  if (!valid_id (*id))
    return fail (reader, object, error, _("id: “%s” may hold only a-z, 0-9 and “-”"), *id);
  if (id_taken (reader, *id))
    return fail (reader, object, error, _("id: “%s” is already taken"), *id);
  g_hash_table_insert (ids, *id, owner);
  return TRUE;
}

static gboolean
read_step (Reader      *reader,
           JsonObject  *object,
           GPtrArray   *steps,
           GError     **error)
{
  static const char *known[] = { "instruction", "hold_s", "reps", "rep_s", "relax_s", "side", "rest_s", NULL };
  LimberStep *step = g_new0 (LimberStep, 1);

  g_ptr_array_add (steps, step);
  if (!check_members (reader, object, known, error) ||
      !get_string (reader, object, "instruction", TRUE, &step->instruction, error) ||
      !get_count (reader, object, "hold_s", FALSE, &step->hold_s, error) ||
      !get_count (reader, object, "reps", FALSE, &step->reps, error) ||
      !get_count (reader, object, "rep_s", FALSE, &step->rep_s, error) ||
      !get_count (reader, object, "relax_s", FALSE, &step->relax_s, error) ||
      !get_choice (reader, object, "side", side_names, G_N_ELEMENTS (side_names), FALSE, &step->side, error) ||
      !get_count (reader, object, "rest_s", FALSE, &step->rest_s, error))
    return FALSE;

  /* A hold, repetitions, or holds repeated with a moment to relax
   * between them. */
  if (step->hold_s == 0 && step->reps == 0)
    return fail (reader, object, error, _("a step needs “hold_s”, “reps”, or both"));
  if (step->hold_s > 0 && step->rep_s > 0)
    return fail (reader, object, error, _("“rep_s” goes with “reps”, not with “hold_s”"));
  if (step->reps > 0 && step->hold_s == 0 && step->rep_s == 0)
    return fail (reader, object, error, _("“rep_s”, the seconds of one repetition, is missing"));
  if (step->reps > 0 && step->hold_s > 0 && step->relax_s == 0)
    return fail (reader, object, error, _("“relax_s”, the seconds to relax between holds, is missing"));
  if (step->relax_s > 0 && (step->reps == 0 || step->hold_s == 0))
    return fail (reader, object, error, _("“relax_s” goes with “reps” and “hold_s” together"));
  return TRUE;
}

static gboolean
get_array (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           guint        max_length,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  guint length;

  /* An optional list that is absent is fine, and leaves @array NULL. */
  *array = NULL;
  if (node == NULL)
    return required ? fail (reader, object, error, _("“%s” is missing"), member) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (reader, object, error, _("“%s” must be a list"), member);
  length = json_array_get_length (json_node_get_array (node));
  if (required && length == 0)
    return fail (reader, object, error, _("“%s” is empty"), member);
  if (length > max_length)
    /* Translators: a member name, the most entries its list may have,
     * and how many it has. */
    return fail (reader, object, error, _("“%s” may have at most %u entries, not %u"),
                 member, max_length, length);
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

  /* Repeating a region does no harm; the file's size bounds the list. */
  if (!get_array (reader, object, "targets", FALSE, G_MAXUINT, &targets, error))
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

/* Something wrong that leaves the rest of the file good. */
static void
warn (Reader      *reader,
      JsonObject  *object,
      const char  *message)
{
  g_ptr_array_add (reader->warnings, g_strdup_printf (_("%s:%u: %s"), reader->name,
                                                      limber_json_lines_of_object (reader->lines, object), message));
}

/* Checks the illustration of a person's own exercise here, so that
 * nothing else ever sees a name that leads elsewhere; one that will not
 * do is left out, with a warning, and the exercise loads without it. */
static void
check_illustration (Reader         *reader,
                    JsonObject     *object,
                    LimberExercise *exercise)
{
  g_autoptr (GError) error = NULL;
  const char *known;
  char *path;

  if (exercise->illustration == NULL || reader->shipped)
    return;

  if (!reader->folder_known)
    {
      reader->folder = routine_folder (reader->name, &reader->folder_errno);
      reader->folder_known = TRUE;
    }

  if ((known = g_hash_table_lookup (reader->pictures_vetted, exercise->illustration)) != NULL)
    path = g_strdup (known);
  else if ((known = g_hash_table_lookup (reader->pictures_refused, exercise->illustration)) != NULL)
    path = NULL;
  else
    {
      /* Enough to tell what it is; it is read whole when shown. */
      path = open_picture (reader->folder, reader->folder_errno, exercise->illustration, SVG_HEAD_SIZE,
                           NULL, &error);
      if (path != NULL)
        g_hash_table_insert (reader->pictures_vetted, g_strdup (exercise->illustration), g_strdup (path));
      else
        {
          known = error->message;
          g_hash_table_insert (reader->pictures_refused, g_strdup (exercise->illustration), g_strdup (known));
        }
    }

  if (path == NULL)
    {
      warn (reader, object, known);
      g_clear_pointer (&exercise->illustration, g_free);
      return;
    }
  exercise->illustration_path = path;
}

static gboolean
read_exercise (Reader      *reader,
               JsonObject  *object,
               GError     **error)
{
  static const char *known[] = { "id", "name", "summary", "targets", "position", "equipment", "caution",
                                 "illustration", "illustration_description", "illustration_side", "sets",
                                 "set_rest_s", "steps", NULL };
  guint picture_side = G_MAXUINT;
  LimberExercise *exercise = g_new0 (LimberExercise, 1);
  JsonArray *steps;
  guint64 duration_s;

  exercise->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  exercise->sets = 1;
  exercise->source = g_strdup (reader->name);
  g_ptr_array_add (reader->exercises, exercise);

  if (!check_members (reader, object, known, error) ||
      !read_id (reader, object, reader->exercise_ids, exercise, &exercise->id, error) ||
      !get_string (reader, object, "name", TRUE, &exercise->name, error) ||
      !get_string (reader, object, "summary", TRUE, &exercise->summary, error) ||
      !read_targets (reader, object, exercise, error) ||
      !get_choice (reader, object, "position", position_names, G_N_ELEMENTS (position_names),
                   TRUE, &exercise->position, error) ||
      !get_string (reader, object, "equipment", FALSE, &exercise->equipment, error) ||
      !get_string (reader, object, "caution", FALSE, &exercise->caution, error) ||
      !get_string (reader, object, "illustration", FALSE, &exercise->illustration, error) ||
      !get_string (reader, object, "illustration_description", FALSE, &exercise->illustration_description,
                   error) ||
      !get_choice (reader, object, "illustration_side", picture_side_names, G_N_ELEMENTS (picture_side_names),
                   FALSE, &picture_side, error) ||
      !get_count (reader, object, "sets", FALSE, &exercise->sets, error) ||
      !get_count (reader, object, "set_rest_s", FALSE, &exercise->set_rest_s, error))
    return FALSE;

  /* What a picture shows goes with the picture. */
  if (exercise->illustration == NULL &&
      (exercise->illustration_description != NULL || picture_side != G_MAXUINT))
    return fail (reader, object, error, _("“%s” goes with “illustration”"),
                 exercise->illustration_description != NULL ? "illustration_description" : "illustration_side");
  if (exercise->illustration_description != NULL && *exercise->illustration_description == '\0')
    return fail (reader, object, error, _("“%s” is empty"), "illustration_description");
  exercise->illustration_side = picture_side == 0   ? LIMBER_SIDE_LEFT
                                : picture_side == 1 ? LIMBER_SIDE_RIGHT
                                                    : LIMBER_SIDE_BOTH;

  if (!get_array (reader, object, "steps", TRUE, LIMBER_ROUTINE_MAX_STEPS, &steps, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = element_object (reader, steps, i, object, error);

      if (step == NULL || !read_step (reader, step, exercise->steps, error))
        return FALSE;
    }

  duration_s = exercise_duration_s (exercise, 0);
  if (duration_s > LIMBER_ROUTINE_MAX_DURATION_S)
    {
      g_autofree char *lasts = g_strdup_printf ("%" G_GUINT64_FORMAT, duration_s);

      /* Translators: two numbers of seconds. */
      return fail (reader, object, error,
                   _("the exercise lasts %s s with its sets, more than the %u s an exercise may last"),
                   lasts, LIMBER_ROUTINE_MAX_DURATION_S);
    }

  check_illustration (reader, object, exercise);
  return TRUE;
}

static LimberExercise *
find_exercise (Reader     *reader,
               const char *id)
{
  LimberExercise *exercise = g_hash_table_lookup (reader->exercise_ids, id);

  return exercise != NULL ? exercise : g_hash_table_lookup (reader->catalogue->exercise_ids, id);
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
  guint64 duration_s;

  routine->items = g_array_new (FALSE, TRUE, sizeof (LimberRoutineItem));
  routine->source = g_strdup (reader->name);
  g_ptr_array_add (reader->routines, routine);

  if (!check_members (reader, object, known, error) ||
      !read_id (reader, object, reader->routine_ids, routine, &routine->id, error) ||
      !get_string (reader, object, "name", TRUE, &routine->name, error) ||
      !get_string (reader, object, "summary", TRUE, &routine->summary, error) ||
      !get_choice (reader, object, "purpose", purpose_names, G_N_ELEMENTS (purpose_names),
                   TRUE, &routine->purpose, error) ||
      !get_count (reader, object, "rest_between_s", FALSE, &routine->rest_between_s, error))
    return FALSE;

  if (!get_array (reader, object, "items", TRUE, LIMBER_ROUTINE_MAX_ITEMS, &items, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item_object = element_object (reader, items, i, object, error);
      g_autofree char *exercise_id = NULL;
      LimberRoutineItem item = { NULL, 0 };

      if (item_object == NULL ||
          !check_members (reader, item_object, item_known, error) ||
          !get_string (reader, item_object, "exercise", TRUE, &exercise_id, error) ||
          !get_count (reader, item_object, "sets", FALSE, &item.sets, error))
        return FALSE;

      item.exercise = find_exercise (reader, exercise_id);
      if (item.exercise == NULL)
        return fail (reader, item_object, error, _("exercise: there is no exercise “%s”"), exercise_id);
      g_array_append_val (routine->items, item);
    }

  duration_s = routine_duration_s (routine);
  if (duration_s > LIMBER_ROUTINE_MAX_DURATION_S)
    {
      g_autofree char *lasts = g_strdup_printf ("%" G_GUINT64_FORMAT, duration_s);

      /* Translators: two numbers of seconds. */
      return fail (reader, object, error,
                   _("the routine lasts %s s in all, more than the %u s a routine may last"),
                   lasts, LIMBER_ROUTINE_MAX_DURATION_S);
    }
  return TRUE;
}

static void
copy_id_cb (gpointer id,
            gpointer owner,
            gpointer ids)
{
  g_hash_table_insert (ids, id, owner);
}

static gboolean
load (LimberCatalogue  *self,
      const char       *name,
      GBytes           *data,
      gboolean          shipped,
      GError          **error)
{
  static const char *known[] = { "format", "version", "exercises", "routines", NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LimberJsonLines) lines = limber_json_lines_watch (parser);
  g_autoptr (GPtrArray) exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) exercise_free);
  g_autoptr (GPtrArray) routines = g_ptr_array_new_with_free_func ((GDestroyNotify) routine_free);
  g_autoptr (GHashTable) exercise_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) routine_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) pictures_vetted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) pictures_refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *folder = NULL;
  Reader reader = { self, name, lines, exercises, routines, exercise_ids, routine_ids, shipped, FALSE, NULL, 0,
                    pictures_vetted, pictures_refused, warnings };
  const char *text;
  gsize length;
  guint version = 0;
  gboolean loaded;
  JsonNode *root;
  JsonObject *top;
  JsonArray *list;

  /* An empty file has no data pointer; json-glib wants one. */
  text = g_bytes_get_data (data, &length);
  if (text == NULL)
    text = "";
  if (length > LIMBER_ROUTINE_FILE_MAX_SIZE)
    {
      set_too_large (error, name);
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    return fail (&reader, NULL, error, _("the file is not valid UTF-8"));

  if (!check_tokens (&reader, text, length, error))
    return FALSE;

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
  if (!get_count (&reader, top, "version", TRUE, &version, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    return fail (&reader, top, error, _("version %u is newer than this Limber reads (%u)"), version, FORMAT_VERSION);

  loaded = get_array (&reader, top, "exercises", FALSE, LIMBER_ROUTINE_FILE_MAX_ENTRIES, &list, error);
  for (guint i = 0; loaded && list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = element_object (&reader, list, i, top, error);

      loaded = object != NULL && read_exercise (&reader, object, error);
    }

  loaded = loaded && get_array (&reader, top, "routines", FALSE, LIMBER_ROUTINE_FILE_MAX_ENTRIES, &list, error);
  for (guint i = 0; loaded && list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = element_object (&reader, list, i, top, error);

      loaded = object != NULL && read_routine (&reader, object, error);
    }

  folder = reader.folder;
  if (!loaded)
    return FALSE;

  /* All good: the whole file goes in. */
  g_hash_table_foreach (exercise_ids, copy_id_cb, self->exercise_ids);
  g_hash_table_foreach (routine_ids, copy_id_cb, self->routine_ids);
  g_ptr_array_extend_and_steal (self->exercises, g_steal_pointer (&exercises));
  g_ptr_array_extend_and_steal (self->routines, g_steal_pointer (&routines));
  for (guint i = 0; i < warnings->len; i++)
    g_message ("Illustration left out: %s", (const char *) warnings->pdata[i]);
  g_ptr_array_extend_and_steal (self->warnings, g_steal_pointer (&warnings));
  return TRUE;
}

gboolean
limber_catalogue_load (LimberCatalogue  *self,
                       const char       *name,
                       GBytes           *data,
                       GError          **error)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (name != NULL && data != NULL, FALSE);

  return load (self, name, data, FALSE, error);
}

char *
limber_catalogue_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "limber", "routines", NULL);
}

/* A person's own file, read with the bounds of the format: a FIFO or a
 * device with a name ending in .json must not hold up the start. */
static gboolean
load_user_file (LimberCatalogue  *self,
                const char       *path,
                GError          **error)
{
  g_autoptr (GBytes) data = NULL;
  int read_errno;

  switch (read_regular_file (path, 0, LIMBER_ROUTINE_FILE_MAX_SIZE, LIMBER_ROUTINE_FILE_MAX_SIZE + 1,
                             &data, &read_errno))
    {
    case READ_OK:
      return load (self, path, data, FALSE, error);
    case READ_FAILED:
      /* Translators: a file name, and why it cannot be read. */
      g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID,
                   _("%s: cannot read the file: %s"), path, g_strerror (read_errno));
      return FALSE;
    case READ_NOT_REGULAR:
      /* Translators: %s is a file name. */
      g_set_error (error, LIMBER_CATALOGUE_ERROR, LIMBER_CATALOGUE_ERROR_INVALID,
                   _("%s: not a regular file"), path);
      return FALSE;
    case READ_TOO_LARGE:
      set_too_large (error, path);
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/* g_ptr_array_sort() hands over pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
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
  if (shipped == NULL || !load (self, SHIPPED_NAME, shipped, TRUE, &error))
    g_critical ("The shipped catalogue does not load: %s", error->message);
  g_clear_error (&error);

  if (user_dir == NULL || !(dir = g_dir_open (user_dir, 0, NULL)))
    return;

  /* In name order, so that what wins a clash is predictable. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (user_dir, names->pdata[i], NULL);

      if (!load_user_file (self, path, &error))
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
limber_catalogue_get_warnings (LimberCatalogue *self)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);
  return self->warnings;
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

  return id != NULL ? g_hash_table_lookup (self->exercise_ids, id) : NULL;
}

LimberRoutine *
limber_catalogue_get_routine (LimberCatalogue *self,
                              const char      *id)
{
  g_return_val_if_fail (LIMBER_IS_CATALOGUE (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->routine_ids, id) : NULL;
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

  /* The ids belong to what the arrays hold; routines point into
   * exercises: free them first. */
  g_hash_table_unref (self->exercise_ids);
  g_hash_table_unref (self->routine_ids);
  g_ptr_array_unref (self->routines);
  g_ptr_array_unref (self->exercises);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->warnings);

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
  self->exercise_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->routine_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

LimberCatalogue *
limber_catalogue_new (void)
{
  return g_object_new (LIMBER_TYPE_CATALOGUE, NULL);
}
