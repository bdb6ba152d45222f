/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-break-format.h"
#include "limber-illustration.h"
#include "limber-stretch-window.h"
#include "limber-stretches-page.h"
#include "limber-workstation-check.h"

/* The Stretches page: the catalogue to browse, search and filter by area,
 * position and length; a detail view with the steps and the caution, and
 * a button that opens the guided window. Routine files that did not load,
 * and pictures left out of those that did, are listed on top with their
 * reason. */
struct _LimberStretchesPage
{
  AdwBin         parent_instance;

  LimberContext *context;
  /* The activity shown in the detail view. */
  char          *detail_id;

  GtkStack      *stack;
  GtkStack      *results_stack;
  GtkSearchEntry *search_entry;
  GtkFlowBox    *filters;
  GtkDropDown   *area_filter;
  GtkDropDown   *position_filter;
  GtkDropDown   *duration_filter;
  GtkListBox    *problems_list;
  GtkListBox    *list;
  GtkLabel      *detail_title;
  GtkLabel      *detail_meta;
  GtkPicture    *detail_illustration;
  GtkLabel      *detail_summary;
  GtkLabel      *detail_caution;
  GtkListBox    *detail_steps;
};

G_DEFINE_FINAL_TYPE (LimberStretchesPage, limber_stretches_page, ADW_TYPE_BIN)

/* What a row stands for, found again by the filter and on activation. */
typedef struct
{
  const char     *id;
  const char     *name;
  const char     *summary;
  guint           targets;
  /* Bit (1 << LimberPosition) for each position it uses. */
  guint           positions;
  guint           seconds;
  gboolean        is_routine;
} Activity;

static void
describe_exercise (const LimberExercise *exercise,
                   Activity             *activity)
{
  activity->id = exercise->id;
  activity->name = exercise->name;
  activity->summary = exercise->summary;
  activity->targets = exercise->targets;
  activity->positions = 1u << exercise->position;
  activity->seconds = limber_exercise_duration_s (exercise, 0);
  activity->is_routine = FALSE;
}

static void
describe_routine (const LimberRoutine *routine,
                  Activity            *activity)
{
  activity->id = routine->id;
  activity->name = routine->name;
  activity->summary = routine->summary;
  activity->targets = 0;
  activity->positions = 0;
  for (guint i = 0; i < routine->items->len; i++)
    {
      const LimberExercise *exercise = g_array_index (routine->items, LimberRoutineItem, i).exercise;

      activity->targets |= exercise->targets;
      activity->positions |= 1u << exercise->position;
    }
  activity->seconds = limber_routine_duration_s (routine);
  activity->is_routine = TRUE;
}

static gboolean
activity_of (LimberStretchesPage *self,
             const char          *id,
             Activity            *activity)
{
  LimberCatalogue *catalogue = limber_context_get_catalogue (self->context);
  LimberRoutine *routine = limber_catalogue_get_routine (catalogue, id);
  LimberExercise *exercise = limber_catalogue_get_exercise (catalogue, id);

  if (routine != NULL)
    describe_routine (routine, activity);
  else if (exercise != NULL)
    describe_exercise (exercise, activity);
  return routine != NULL || exercise != NULL;
}

static char *
meta_text (const Activity *activity)
{
  g_autofree char *duration = limber_format_duration (activity->seconds);
  GString *text = g_string_new (activity->is_routine ? _("Routine") : NULL);

  for (guint position = 0; position <= LIMBER_POSITION_FLOOR; position++)
    if (activity->positions & (1u << position))
      {
        if (text->len > 0)
          g_string_append (text, " · ");
        g_string_append (text, limber_position_label (position));
      }
  g_string_append_printf (text, " · %s", duration);
  return g_string_free (text, FALSE);
}

static gboolean
matches_search (const Activity *activity,
                const char     *search)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  haystack = g_strconcat (_(activity->name), "\n", _(activity->summary), "\n", activity->id, NULL);
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, search) != NULL;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LimberStretchesPage *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (row), "activity-id");
  g_autofree char *search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  guint area = gtk_drop_down_get_selected (self->area_filter);
  guint position = gtk_drop_down_get_selected (self->position_filter);
  guint length = gtk_drop_down_get_selected (self->duration_filter);
  const LimberFlagInfo *regions;
  Activity activity;
  guint n_regions;

  if (id == NULL || !activity_of (self, id, &activity))
    return FALSE;

  regions = limber_body_regions (&n_regions);
  if (area > 0 && area <= n_regions && !(activity.targets & regions[area - 1].flag))
    return FALSE;
  if (position > 0 && !(activity.positions & (1u << (position - 1))))
    return FALSE;
  if ((length == 1 && activity.seconds > 60) ||
      (length == 2 && (activity.seconds <= 60 || activity.seconds > 180)) ||
      (length == 3 && activity.seconds <= 180))
    return FALSE;
  return matches_search (&activity, search);
}

static void
refilter (LimberStretchesPage *self)
{
  gboolean any = FALSE;

  gtk_list_box_invalidate_filter (self->list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row && !any;
       row = gtk_widget_get_next_sibling (row))
    any = GTK_IS_LIST_BOX_ROW (row) && filter_row (GTK_LIST_BOX_ROW (row), self);

  gtk_stack_set_visible_child_name (self->results_stack, any ? "results" : "empty");
}

static GtkWidget *
activity_row (const Activity *activity)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *meta = meta_text (activity);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", _(activity->summary), meta);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(activity->name));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (activity->is_routine ? "view-list-bullet-symbolic"
                                                                               : "preferences-desktop-accessibility-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "activity-id", g_strdup (activity->id), g_free);
  return row;
}

static void
add_problem_rows (LimberStretchesPage *self,
                  GPtrArray           *messages,
                  const char          *title)
{
  for (guint i = 0; i < messages->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), messages->pdata[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_append (self->problems_list, row);
    }
}

/* Files that did not load, then pictures left out of files that did. */
static void
fill_problems (LimberStretchesPage *self,
               LimberCatalogue     *catalogue)
{
  GPtrArray *problems = limber_catalogue_get_problems (catalogue);
  GPtrArray *warnings = limber_catalogue_get_warnings (catalogue);

  add_problem_rows (self, problems, _("A routine file was skipped"));
  add_problem_rows (self, warnings, _("A picture was left out"));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), problems->len + warnings->len > 0);
}

/* The picture as it is drawn: the steps below say which side is which. */
static void
show_illustration (LimberStretchesPage  *self,
                   const LimberExercise *exercise)
{
  gboolean shown = limber_illustration_show (self->detail_illustration, exercise, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->detail_illustration), shown);
}

static void
fill (LimberStretchesPage *self)
{
  LimberCatalogue *catalogue = limber_context_get_catalogue (self->context);
  GPtrArray *routines = limber_catalogue_get_routines (catalogue);
  GPtrArray *exercises = limber_catalogue_get_exercises (catalogue);
  g_autoptr (GtkStringList) areas = gtk_string_list_new (NULL);
  const LimberFlagInfo *regions;
  guint n_regions;
  Activity activity;

  fill_problems (self, catalogue);

  gtk_string_list_append (areas, _("All areas"));
  regions = limber_body_regions (&n_regions);
  for (guint i = 0; i < n_regions; i++)
    gtk_string_list_append (areas, _(regions[i].label));
  gtk_drop_down_set_model (self->area_filter, G_LIST_MODEL (areas));

  for (guint i = 0; i < routines->len; i++)
    {
      describe_routine (routines->pdata[i], &activity);
      gtk_list_box_append (self->list, activity_row (&activity));
    }
  for (guint i = 0; i < exercises->len; i++)
    {
      describe_exercise (exercises->pdata[i], &activity);
      gtk_list_box_append (self->list, activity_row (&activity));
    }
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  refilter (self);
}

/* “Hold 20 s”, “8 times”, with the side when it is one. */
static char *
dose_text (const LimberStep *step)
{
  g_autofree char *hold = NULL;
  const char *side = NULL;
  char *dose;

  if (step->reps > 0 && step->hold_s > 0)
    {
      g_autofree char *relax = limber_format_duration (step->relax_s);

      hold = limber_format_duration (step->hold_s);
      /* Translators: a hold done several times, with a moment to relax
       * between: “6 holds of 6 s, relaxing 3 s between”; %u is the
       * number of holds, the first %s how long each lasts, the second
       * how long to relax. */
      dose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hold of %s, relaxing %s between",
                                           "%u holds of %s, relaxing %s between", step->reps),
                              step->reps, hold, relax);
    }
  else if (step->hold_s > 0)
    {
      hold = limber_format_duration (step->hold_s);
      /* Translators: %s is a duration such as “20 s”. */
      dose = g_strdup_printf (_("Hold %s"), hold);
    }
  else
    /* Translators: a number of repetitions. */
    dose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", step->reps), step->reps);

  if (step->side == LIMBER_SIDE_LEFT)
    side = _("left side");
  else if (step->side == LIMBER_SIDE_RIGHT)
    side = _("right side");
  if (side != NULL)
    {
      char *with_side = g_strdup_printf ("%s · %s", dose, side);

      g_free (dose);
      dose = with_side;
    }
  return dose;
}

static void
add_detail_row (LimberStretchesPage *self,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->detail_steps, row);
}

static void
show_detail (LimberStretchesPage *self,
             const char          *id)
{
  LimberCatalogue *catalogue = limber_context_get_catalogue (self->context);
  LimberRoutine *routine = limber_catalogue_get_routine (catalogue, id);
  LimberExercise *exercise = limber_catalogue_get_exercise (catalogue, id);
  g_autofree char *meta = NULL;
  GtkWidget *child;
  Activity activity;

  if (!activity_of (self, id, &activity))
    return;

  g_free (self->detail_id);
  self->detail_id = g_strdup (id);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_steps))) != NULL)
    gtk_list_box_remove (self->detail_steps, child);

  gtk_label_set_label (self->detail_title, _(activity.name));
  meta = meta_text (&activity);
  if (exercise != NULL && exercise->equipment != NULL)
    {
      char *with_equipment = g_strdup_printf ("%s · %s", meta, _(exercise->equipment));

      g_free (meta);
      meta = with_equipment;
    }
  gtk_label_set_label (self->detail_meta, meta);
  gtk_label_set_label (self->detail_summary, _(activity.summary));

  if (routine != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->detail_illustration), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_caution), FALSE);
      for (guint i = 0; i < routine->items->len; i++)
        {
          const LimberRoutineItem *item = &g_array_index (routine->items, LimberRoutineItem, i);
          g_autofree char *duration = limber_format_duration (limber_exercise_duration_s (item->exercise, item->sets));

          add_detail_row (self, _(item->exercise->name), duration);
        }
    }
  else
    {
      show_illustration (self, exercise);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_caution), exercise->caution != NULL);
      gtk_label_set_label (self->detail_caution, exercise->caution ? _(exercise->caution) : "");
      for (guint i = 0; i < exercise->steps->len; i++)
        {
          const LimberStep *step = g_ptr_array_index (exercise->steps, i);
          g_autofree char *dose = dose_text (step);

          add_detail_row (self, _(step->instruction), dose);
        }
      if (exercise->sets > 1)
        {
          g_autofree char *sets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set", "%u sets", exercise->sets),
                                                   exercise->sets);
          add_detail_row (self, sets, NULL);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, "detail");
}

static void
row_activated_cb (LimberStretchesPage *self,
                  GtkListBoxRow       *row)
{
  show_detail (self, g_object_get_data (G_OBJECT (row), "activity-id"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberStretchesPage *self = LIMBER_STRETCHES_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LimberStretchesPage *self = LIMBER_STRETCHES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  LimberStretchWindow *window;

  if (self->detail_id == NULL)
    return;

  window = limber_stretch_window_new (application, self->context, self->detail_id, FALSE);
  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
check_desk_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LimberStretchesPage *self = LIMBER_STRETCHES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LimberWorkstationCheck *check;

  if (self->context == NULL)
    return;

  check = limber_workstation_check_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        limber_context_get_settings (self->context),
                                        limber_context_get_state (self->context));
  gtk_window_present (GTK_WINDOW (check));
}

void
limber_stretches_page_set_context (LimberStretchesPage *self,
                                   LimberContext       *context)
{
  g_return_if_fail (LIMBER_IS_STRETCHES_PAGE (self));
  g_return_if_fail (LIMBER_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  fill (self);
}

static void
limber_stretches_page_dispose (GObject *object)
{
  LimberStretchesPage *self = LIMBER_STRETCHES_PAGE (object);

  /* The stack is both a template child and the bin's child: let the bin
   * drop it, then clear the template's pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_STRETCHES_PAGE);
  g_clear_object (&self->context);
  g_clear_pointer (&self->detail_id, g_free);

  G_OBJECT_CLASS (limber_stretches_page_parent_class)->dispose (object);
}

static void
limber_stretches_page_class_init (LimberStretchesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_stretches_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-stretches-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, filters);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, position_filter);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, duration_filter);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, list);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_illustration);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_summary);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_caution);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchesPage, detail_steps);
  gtk_widget_class_bind_template_callback (widget_class, refilter);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "stretches.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "stretches.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "stretches.check-desk", NULL, check_desk_action);
}

/* The filter's button, which the drop-down keeps inside it and gives no
 * name: it is what takes the focus. */
static void
limber_stretches_page_init (LimberStretchesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the filter of stretches by body area. */
  limber_accessible_name_drop_down (self->area_filter, _("Area"));
  /* Translators: the filter of stretches by position: seated, standing… */
  limber_accessible_name_drop_down (self->position_filter, _("Position"));
  /* Translators: the filter of stretches by how long they take. */
  limber_accessible_name_drop_down (self->duration_filter, _("Length"));

  /* The boxes that lay the filters out in rows take no focus: Tab goes
   * straight to the filters. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filters)); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}
