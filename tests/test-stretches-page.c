/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "limber-context.h"
#include "limber-stretch-window.h"
#include "limber-stretches-page.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

/* The Stretches page on the shipped catalogue and a person's own files:
 * search and the three filters narrow the list, a routine file that did
 * not load is shown with its reason, a row opens its details, and Start
 * opens the guided window. */

typedef struct
{
  char                *dir;
  LimberContext       *context;
  GtkWindow           *window;
  LimberStretchesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *routines = g_build_filename (g_get_user_data_dir (), "limber", "routines", NULL);
  g_autofree char *broken = g_build_filename (routines, "physio.json", NULL);
  g_autofree char *journal = NULL;
  g_autoptr (GError) error = NULL;

  /* A file the person typed with a position Limber does not know. */
  g_assert_cmpint (g_mkdir_with_parents (routines, 0700), ==, 0);
  g_file_set_contents (broken,
                       "{\n"
                       "  \"format\": \"limber-routines\",\n"
                       "  \"version\": 1,\n"
                       "  \"exercises\": [ {\n"
                       "    \"id\": \"my-stretch\", \"name\": \"Mine\", \"summary\": \"Mine.\",\n"
                       "    \"targets\": [\"neck\"], \"position\": \"hanging\",\n"
                       "    \"steps\": [ { \"instruction\": \"Hold.\", \"hold_s\": 10 } ] } ]\n"
                       "}\n",
                       -1, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("limber-stretches-XXXXXX", &error);
  g_assert_no_error (error);
  journal = g_build_filename (fixture->dir, "journal.db", NULL);
  fixture->context = limber_context_new (settings);
  limber_context_open_journal (fixture->context, journal);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = g_object_new (LIMBER_TYPE_STRETCHES_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  limber_stretches_page_set_context (fixture->page, fixture->context);
  gtk_window_present (fixture->window);
  limber_test_wait_for_journal (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *broken = g_build_filename (g_get_user_data_dir (), "limber", "routines", "physio.json", NULL);
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  gtk_window_destroy (fixture->window);
  limber_test_wait_until (limber_test_pointer_is_null, &page, 10);
  g_assert_finalize_object (fixture->context);
  g_unlink (broken);
  g_free (fixture->dir);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page), LIMBER_TYPE_STRETCHES_PAGE, name);

  g_assert (GTK_IS_WIDGET (object));
  return GTK_WIDGET (object);
}

/* The ids of the rows the filter lets through, joined by spaces. */
static char *
shown (Fixture *fixture)
{
  GtkWidget *list = child (fixture, "list");
  GString *ids = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row))
      g_string_append_printf (ids, "%s%s", ids->len ? " " : "",
                              (const char *) g_object_get_data (G_OBJECT (row), "activity-id"));
  return g_string_free (ids, FALSE);
}

static GtkWidget *
row_of (Fixture    *fixture,
        const char *id)
{
  GtkWidget *list = child (fixture, "list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "activity-id"), id) == 0)
      return row;
  g_error ("no row for %s", id);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), text);
  /* The entry waits a moment before it reports a change; say it now. */
  g_signal_emit_by_name (child (fixture, "search_entry"), "search-changed");
}

static const char *
results_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "results_stack")));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *all = shown (fixture);
  g_autofree char *searched = NULL;
  g_autofree char *floor = NULL;
  g_autofree char *short_ones = NULL;
  g_autofree char *neck = NULL;
  g_autofree char *none = NULL;
  g_auto (GStrv) all_ids = g_strsplit (all, " ", -1);

  /* 5 routines and 16 exercises; the broken file adds nothing. */
  g_assert_cmpuint (g_strv_length (all_ids), ==, 21);
  g_assert_false (g_strv_contains ((const char * const *) all_ids, "my-stretch"));

  search (fixture, "WALL ang");
  searched = shown (fixture);
  g_assert_cmpstr (searched, ==, "wall-angels");
  search (fixture, "");

  /* Position 4 is “On the floor”. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "position_filter")), 4);
  floor = shown (fixture);
  g_assert_nonnull (strstr (floor, "cat-cow"));
  g_assert_nonnull (strstr (floor, "plank"));
  g_assert_null (strstr (floor, "wall-angels"));
  g_assert_null (strstr (floor, "chin-tuck"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "position_filter")), 0);

  /* “Up to 1 minute”. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_filter")), 1);
  short_ones = shown (fixture);
  g_assert_nonnull (strstr (short_ones, "eye-rest"));
  g_assert_null (strstr (short_ones, "upper-back"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "duration_filter")), 0);

  /* Area 1 is the first body region, the neck. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "area_filter")), 1);
  neck = shown (fixture);
  g_assert_nonnull (strstr (neck, "chin-tuck"));
  g_assert_null (strstr (neck, "eye-break"));

  search (fixture, "no stretch has this name");
  none = shown (fixture);
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (results_page (fixture), ==, "empty");
  search (fixture, "");
  g_assert_cmpstr (results_page (fixture), ==, "results");
}

static void
test_problem_shown (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *problems = child (fixture, "problems_list");
  GtkWidget *row = gtk_widget_get_first_child (problems);
  const char *reason;

  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  reason = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  /* The file, the line of the exercise and the member that is wrong. */
  if (strstr (reason, "physio.json:4: position:") == NULL)
    g_error ("“%s” does not name the file and line", reason);
  g_assert_nonnull (strstr (reason, "position"));
}

static gboolean
stretch_window_open (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (LIMBER_IS_STRETCH_WINDOW (toplevel))
        {
          *(gpointer *) user_data = toplevel;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_detail_and_start (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *steps = child (fixture, "detail_steps");
  gpointer stretch = NULL;
  guint n_steps = 0;

  g_signal_emit_by_name (child (fixture, "list"), "row-activated", row_of (fixture, "thoracic-extension"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "detail");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (fixture, "detail_title"))), ==,
                   "Thoracic extension over the chair back");
  g_assert_true (gtk_widget_get_visible (child (fixture, "detail_caution")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (fixture, "detail_caution"))), "osteoporosis"));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (child (fixture, "detail_illustration"))));
  for (GtkWidget *row = gtk_widget_get_first_child (steps); row; row = gtk_widget_get_next_sibling (row))
    n_steps++;
  g_assert_cmpuint (n_steps, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stretches.start", NULL));
  limber_test_wait_until (stretch_window_open, &stretch, 5);
  g_object_add_weak_pointer (G_OBJECT (stretch), &stretch);
  gtk_window_close (GTK_WINDOW (stretch));
  limber_test_wait_until (limber_test_pointer_is_null, &stretch, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "stretches.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "stack"))), ==, "list");
}

/* Whether a screen reader has a name for @widget. */
static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Every widget Tab stops at in @window, going round once, that has no
 * name, joined by spaces as “GtkFlowBoxChild”. The text field of an entry
 * is named by the entry around it. */
static char *
unnamed_stops (GtkWindow *window)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  GString *found = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        continue;
      focus = gtk_window_get_focus (window);
      if (focus == NULL || g_ptr_array_find (seen, focus, NULL))
        break;
      g_ptr_array_add (seen, focus);
      if (!has_name (focus) && !(GTK_IS_TEXT (focus) && has_name (gtk_widget_get_parent (focus))))
        g_string_append_printf (found, "%s%s", found->len ? " " : "", G_OBJECT_TYPE_NAME (focus));
    }
  /* The round was found, and reached the filters. */
  g_assert_cmpuint (seen->len, >, 3);
  return g_string_free (found, FALSE);
}

/* The button in a filter that takes the focus. */
static GtkWidget *
filter_button (Fixture    *fixture,
               const char *name)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (child (fixture, name)); widget;
       widget = gtk_widget_get_next_sibling (widget))
    if (GTK_IS_TOGGLE_BUTTON (widget))
      return widget;
  g_error ("%s has no button", name);
}

/* Each filter is a named toggle with its state and its choice; the boxes
 * that lay them out take no Tab stop, and nothing else that does is
 * left unnamed. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const struct { const char *filter; const char *name; const char *choice; } filters[] = {
    { "area_filter", "Area", "All areas" },
    { "position_filter", "Position", "Any position" },
    { "duration_filter", "Length", "Any length" },
  };
  GtkWidget *filters_box = child (fixture, "filters");
  g_autofree char *unnamed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkWidget *button = filter_button (fixture, filters[i].filter);

      /* A button with a pressed state: a toggle, as GTK 4.8 has it. */
      gtk_test_accessible_assert_role (button, GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, filters[i].name);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, filters[i].choice);
      gtk_test_accessible_assert_state (button, GTK_ACCESSIBLE_STATE_PRESSED, FALSE);
      /* The drop-down around the button, which screen readers show as
       * a combo box, has the same name, not its type's. */
      gtk_test_accessible_assert_property (child (fixture, filters[i].filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           filters[i].name);
    }

  /* The choice made, and the list open. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture, "position_filter")), 4);
  gtk_test_accessible_assert_property (filter_button (fixture, "position_filter"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "On the floor");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (filter_button (fixture, "area_filter")), TRUE);
  gtk_test_accessible_assert_state (filter_button (fixture, "area_filter"), GTK_ACCESSIBLE_STATE_PRESSED, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (filter_button (fixture, "area_filter")), FALSE);
  gtk_test_accessible_assert_state (filter_button (fixture, "area_filter"), GTK_ACCESSIBLE_STATE_PRESSED, FALSE);

  for (GtkWidget *box = gtk_widget_get_first_child (filters_box); box; box = gtk_widget_get_next_sibling (box))
    g_assert_false (gtk_widget_get_focusable (box));

  unnamed = unnamed_stops (fixture->window);
  g_assert_cmpstr (unnamed, ==, "");
  g_clear_pointer (&unnamed, g_free);

  /* The same on the details of a stretch, with its picture named by what
   * it shows: the side it is drawn for, as the steps are by side. */
  g_signal_emit_by_name (child (fixture, "list"), "row-activated", row_of (fixture, "upper-trapezius"));
  gtk_test_accessible_assert_property (child (fixture, "detail_illustration"), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Right side: A person sits on a chair, seen from the front, and tilts the "
                                       "head far over toward one shoulder, the hand on that side resting on top "
                                       "of the head and the other hand holding the seat.");
  unnamed = unnamed_stops (fixture->window);
  g_assert_cmpstr (unnamed, ==, "");
}

/* A hold done again and again says so, with the time to relax. */
static void
test_repeated_hold (Fixture       *fixture,
                    gconstpointer  user_data)
{
  GtkWidget *steps = child (fixture, "detail_steps");
  GtkWidget *row;

  g_signal_emit_by_name (child (fixture, "list"), "row-activated", row_of (fixture, "scapular-squeeze"));
  row = gtk_widget_get_first_child (steps);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "6 holds of 6 s, relaxing 3 s between");
  /* One step, done once. */
  g_assert_null (gtk_widget_get_next_sibling (row));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/stretches-page/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/stretches-page/problem-shown", Fixture, NULL, fixture_set_up, test_problem_shown, fixture_tear_down);
  g_test_add ("/stretches-page/detail-and-start", Fixture, NULL, fixture_set_up, test_detail_and_start, fixture_tear_down);
  g_test_add ("/stretches-page/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/stretches-page/repeated-hold", Fixture, NULL, fixture_set_up, test_repeated_hold, fixture_tear_down);

  return g_test_run ();
}
