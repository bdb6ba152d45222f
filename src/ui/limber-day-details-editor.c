/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-break-format.h"
#include "limber-day-details-editor.h"

/* What a measure that was never said starts at once switched on. */
#define DEFAULT_SLEEP_HOURS   7.0
#define DEFAULT_SCORE         5
#define DEFAULT_DESK_HOURS    8.0

struct _LimberDayDetailsEditor
{
  AdwBin            parent_instance;

  char             *day;
  /* The LimberFactor offered, and the toggle button of each, in order. */
  GPtrArray        *factors;
  GPtrArray        *buttons;
  /* What the form held when loaded or last marked saved, in the forms
   * factors_signature() and measures_signature() give; %NULL when not
   * saved. */
  char             *saved_factors;
  char             *saved_measures;
  int               measured_desk;
  /* Values are being set, not picked: no "changed". */
  gboolean          loading;

  GtkButton        *manage_button;
  GtkFlowBox       *factors_box;
  GtkRevealer      *medication_revealer;
  AdwEntryRow      *medicine_row;
  GtkMenuButton    *medicines_button;
  GtkBox           *medicines_box;
  GtkSpinButton    *doses_spin;
  GtkSwitch        *sleep_switch;
  GtkWidget        *sleep_hours_row;
  GtkSpinButton    *sleep_hours_spin;
  GtkWidget        *sleep_quality_row;
  GtkSpinButton    *sleep_quality_spin;
  GtkSwitch        *stress_switch;
  GtkWidget        *stress_level_row;
  GtkSpinButton    *stress_spin;
  AdwActionRow     *desk_row;
  GtkSwitch        *desk_switch;
  GtkWidget        *desk_hours_row;
  GtkSpinButton    *desk_spin;
  GtkListBox       *changes_list;
  AdwEntryRow      *change_row;
};

G_DEFINE_FINAL_TYPE (LimberDayDetailsEditor, limber_day_details_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  MANAGE_FACTORS,
  ADD_CHANGE,
  REMOVE_CHANGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (LimberDayDetailsEditor *self,
              gboolean                typing)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0, typing);
}

static int
tenths_of (GtkSpinButton *spin)
{
  return (int) lround (gtk_spin_button_get_value (spin) * 10);
}

static void
set_tenths (GtkSpinButton *spin,
            int            tenths)
{
  gtk_spin_button_set_value (spin, tenths / 10.0);
}

static gboolean
is_pain_medication (const LimberFactor *factor)
{
  return g_str_equal (factor->uuid, LIMBER_FACTOR_PAIN_MEDICATION_UUID);
}

static GtkToggleButton *
find_button (LimberDayDetailsEditor *self,
             const char             *uuid)
{
  for (guint i = 0; i < self->factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (self->factors, i);

      if (g_str_equal (factor->uuid, uuid))
        return g_ptr_array_index (self->buttons, i);
    }
  return NULL;
}

static gboolean
medication_ticked (LimberDayDetailsEditor *self)
{
  GtkToggleButton *button = find_button (self, LIMBER_FACTOR_PAIN_MEDICATION_UUID);

  return button != NULL && gtk_toggle_button_get_active (button);
}

/* The rows under a measure's switch show only while it is on. */
static void
update_rows (LimberDayDetailsEditor *self)
{
  gtk_widget_set_visible (self->sleep_hours_row, gtk_switch_get_active (self->sleep_switch));
  gtk_widget_set_visible (self->sleep_quality_row, gtk_switch_get_active (self->sleep_switch));
  gtk_widget_set_visible (self->stress_level_row, gtk_switch_get_active (self->stress_switch));
  gtk_widget_set_visible (self->desk_hours_row, gtk_switch_get_active (self->desk_switch));
  gtk_revealer_set_reveal_child (self->medication_revealer, medication_ticked (self));
}

static GPtrArray        *read_factors  (LimberDayDetailsEditor *self);
static LimberDayMeasures *read_measures (LimberDayDetailsEditor *self);

/* What is ticked, in one string, to tell whether it changed. */
static char *
factors_signature (LimberDayDetailsEditor *self)
{
  g_autoptr (GPtrArray) day_factors = read_factors (self);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < day_factors->len; i++)
    {
      const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);

      g_string_append_printf (out, "%s\x1f%s\x1f%d\x1e", day_factor->factor_uuid,
                              day_factor->medicine ? day_factor->medicine : "", day_factor->doses);
    }
  return g_string_free (out, FALSE);
}

/* How the day was, in one string, to tell whether it changed. */
static char *
measures_signature (LimberDayDetailsEditor *self)
{
  g_autoptr (LimberDayMeasures) measures = read_measures (self);

  return g_strdup_printf ("%d %d %d %d", measures->sleep_tenths, measures->sleep_quality,
                          measures->stress, measures->desk_tenths);
}

static gboolean
factors_changed (LimberDayDetailsEditor *self)
{
  g_autofree char *now = factors_signature (self);

  return g_strcmp0 (now, self->saved_factors) != 0;
}

static gboolean
measures_changed (LimberDayDetailsEditor *self)
{
  g_autofree char *now = measures_signature (self);

  return g_strcmp0 (now, self->saved_measures) != 0;
}

static void
factor_toggled_cb (LimberDayDetailsEditor *self)
{
  update_rows (self);
  emit_changed (self, FALSE);
}

static void
value_changed_cb (LimberDayDetailsEditor *self)
{
  emit_changed (self, FALSE);
}

static void
switch_changed_cb (LimberDayDetailsEditor *self)
{
  update_rows (self);
  emit_changed (self, FALSE);
}

static void
medicine_changed_cb (LimberDayDetailsEditor *self)
{
  emit_changed (self, TRUE);
}

/* No number of doses is "not said", not zero doses. */
static gboolean
doses_output_cb (LimberDayDetailsEditor *self,
                 GtkSpinButton          *spin)
{
  int doses = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = NULL;

  if (doses > 0)
    {
      text = g_strdup_printf ("%d", doses);
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
      return TRUE;
    }

  /* Translators: shown for a number of doses that was not given. */
  gtk_editable_set_text (GTK_EDITABLE (spin), C_("doses", "–"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  C_("doses", "Not said"), -1);
  return TRUE;
}

static void
manage_clicked_cb (LimberDayDetailsEditor *self)
{
  g_signal_emit (self, signals[MANAGE_FACTORS], 0);
}

static void
change_apply_cb (LimberDayDetailsEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->change_row))));

  if (*text != '\0')
    g_signal_emit (self, signals[ADD_CHANGE], 0, text);
}

static void
remove_change_cb (GtkButton              *button,
                  LimberDayDetailsEditor *self)
{
  g_signal_emit (self, signals[REMOVE_CHANGE], 0, g_object_get_data (G_OBJECT (button), "uuid"));
}

static void
medicine_picked_cb (GtkButton              *button,
                    LimberDayDetailsEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->medicine_row), gtk_button_get_label (button));
  gtk_menu_button_popdown (self->medicines_button);
  /* A pick, not typing: saved at once. */
  emit_changed (self, FALSE);
}

static void
remove_children (GtkWidget *parent,
                 GtkWidget *keep)
{
  GtkWidget *child = gtk_widget_get_first_child (parent);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != keep)
        {
          if (GTK_IS_FLOW_BOX (parent))
            gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
          else if (GTK_IS_LIST_BOX (parent))
            gtk_list_box_remove (GTK_LIST_BOX (parent), child);
          else
            gtk_box_remove (GTK_BOX (parent), child);
        }
      child = next;
    }
}

static void
show_medicines (LimberDayDetailsEditor *self,
                const char * const     *medicines)
{
  remove_children (GTK_WIDGET (self->medicines_box), NULL);
  for (guint i = 0; medicines != NULL && medicines[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (medicines[i]);

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_signal_connect_object (button, "clicked", G_CALLBACK (medicine_picked_cb), self, 0);
      gtk_box_append (self->medicines_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->medicines_button),
                          medicines != NULL && medicines[0] != NULL);
}

static void
show_factors (LimberDayDetailsEditor *self,
              GPtrArray              *factors)
{
  remove_children (GTK_WIDGET (self->factors_box), NULL);
  g_ptr_array_set_size (self->factors, 0);
  g_ptr_array_set_size (self->buttons, 0);

  for (guint i = 0; i < factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (limber_factor_get_label (factor));
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      /* Names of the person's own may be long: they wrap. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      g_signal_connect_object (button, "toggled", G_CALLBACK (factor_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->factors_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      g_ptr_array_add (self->factors, limber_factor_copy (factor));
      g_ptr_array_add (self->buttons, button);
    }
}

static void
show_desk_measured (LimberDayDetailsEditor *self)
{
  g_autofree char *measured = NULL;
  g_autofree char *subtitle = NULL;

  if (self->measured_desk != LIMBER_MEASURE_UNSET)
    {
      measured = limber_format_duration ((gint64) self->measured_desk * 360);
      /* Translators: %s is a duration, such as “5 h 12 min”. */
      subtitle = g_strdup_printf (_("Limber counted %s of activity"), measured);
    }
  adw_action_row_set_subtitle (self->desk_row, subtitle ? subtitle : _("Optional"));
}

void
limber_day_details_editor_load (LimberDayDetailsEditor  *self,
                                const char              *day,
                                GPtrArray               *factors,
                                GPtrArray               *day_factors,
                                const LimberDayMeasures *measures,
                                const char * const      *medicines)
{
  const char *medicine = NULL;
  int doses = 0;

  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));
  g_return_if_fail (limber_day_is_valid (day));
  g_return_if_fail (factors != NULL);

  self->loading = TRUE;
  if (g_strcmp0 (self->day, day) != 0)
    self->measured_desk = LIMBER_MEASURE_UNSET;
  g_free (self->day);
  self->day = g_strdup (day);

  show_factors (self, factors);
  for (guint i = 0; day_factors != NULL && i < day_factors->len; i++)
    {
      const LimberDayFactor *day_factor = g_ptr_array_index (day_factors, i);
      GtkToggleButton *button = find_button (self, day_factor->factor_uuid);

      if (button != NULL)
        gtk_toggle_button_set_active (button, TRUE);
      if (g_str_equal (day_factor->factor_uuid, LIMBER_FACTOR_PAIN_MEDICATION_UUID))
        {
          medicine = day_factor->medicine;
          doses = day_factor->doses;
        }
    }
  gtk_editable_set_text (GTK_EDITABLE (self->medicine_row), medicine ? medicine : "");
  gtk_spin_button_set_value (self->doses_spin, doses);
  show_medicines (self, medicines);

  gtk_switch_set_active (self->sleep_switch, measures != NULL && measures->sleep_tenths != LIMBER_MEASURE_UNSET);
  if (measures != NULL && measures->sleep_tenths != LIMBER_MEASURE_UNSET)
    set_tenths (self->sleep_hours_spin, measures->sleep_tenths);
  else
    gtk_spin_button_set_value (self->sleep_hours_spin, DEFAULT_SLEEP_HOURS);
  gtk_spin_button_set_value (self->sleep_quality_spin,
                             measures != NULL && measures->sleep_quality != LIMBER_MEASURE_UNSET
                               ? measures->sleep_quality : DEFAULT_SCORE);
  gtk_switch_set_active (self->stress_switch, measures != NULL && measures->stress != LIMBER_MEASURE_UNSET);
  gtk_spin_button_set_value (self->stress_spin,
                             measures != NULL && measures->stress != LIMBER_MEASURE_UNSET
                               ? measures->stress : DEFAULT_SCORE);
  gtk_switch_set_active (self->desk_switch, measures != NULL && measures->desk_tenths != LIMBER_MEASURE_UNSET);
  if (measures != NULL && measures->desk_tenths != LIMBER_MEASURE_UNSET)
    set_tenths (self->desk_spin, measures->desk_tenths);
  else if (self->measured_desk != LIMBER_MEASURE_UNSET)
    set_tenths (self->desk_spin, self->measured_desk);
  else
    gtk_spin_button_set_value (self->desk_spin, DEFAULT_DESK_HOURS);
  show_desk_measured (self);

  update_rows (self);
  limber_day_details_editor_mark_saved (self);
  self->loading = FALSE;
}

void
limber_day_details_editor_set_measured_desk (LimberDayDetailsEditor *self,
                                             int                     tenths)
{
  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));
  g_return_if_fail (tenths == LIMBER_MEASURE_UNSET || (tenths >= 0 && tenths <= LIMBER_DAY_TENTHS_MAX));

  self->measured_desk = tenths;
  show_desk_measured (self);
  /* Offered until the person says how long it was. */
  if (!gtk_switch_get_active (self->desk_switch) && tenths != LIMBER_MEASURE_UNSET)
    {
      self->loading = TRUE;
      set_tenths (self->desk_spin, tenths);
      self->loading = FALSE;
    }
}

void
limber_day_details_editor_set_changes (LimberDayDetailsEditor *self,
                                       GPtrArray              *changes)
{
  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));

  remove_children (GTK_WIDGET (self->changes_list), GTK_WIDGET (self->change_row));
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const LimberLifeChange *change = g_ptr_array_index (changes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the name, for screen readers, of the button that
       * removes a change such as “New chair”. */
      g_autofree char *name = g_strdup_printf (_("Remove “%s”"), change->text);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->text);
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      limber_accessible_name_icon_button (button, _("Remove"), name);
      g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (change->uuid), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_change_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_insert (self->changes_list, row, (int) i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->change_row), "");
}

static GPtrArray *
read_factors (LimberDayDetailsEditor *self)
{
  GPtrArray *ticked = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_day_factor_free);

  for (guint i = 0; i < self->factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (self->factors, i);
      LimberDayFactor *day_factor;

      if (!gtk_toggle_button_get_active (g_ptr_array_index (self->buttons, i)))
        continue;
      day_factor = limber_day_factor_new (self->day, factor->uuid);
      if (is_pain_medication (factor))
        {
          g_autofree char *medicine = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->medicine_row))));

          if (*medicine != '\0')
            day_factor->medicine = g_steal_pointer (&medicine);
          day_factor->doses = gtk_spin_button_get_value_as_int (self->doses_spin);
        }
      g_ptr_array_add (ticked, day_factor);
    }
  return ticked;
}

static LimberDayMeasures *
read_measures (LimberDayDetailsEditor *self)
{
  LimberDayMeasures *how = limber_day_measures_new (self->day);

  if (gtk_switch_get_active (self->sleep_switch))
    {
      how->sleep_tenths = tenths_of (self->sleep_hours_spin);
      how->sleep_quality = gtk_spin_button_get_value_as_int (self->sleep_quality_spin);
    }
  if (gtk_switch_get_active (self->stress_switch))
    how->stress = gtk_spin_button_get_value_as_int (self->stress_spin);
  if (gtk_switch_get_active (self->desk_switch))
    how->desk_tenths = tenths_of (self->desk_spin);
  return how;
}

void
limber_day_details_editor_read_changes (LimberDayDetailsEditor  *self,
                                        GPtrArray              **day_factors,
                                        LimberDayMeasures      **measures)
{
  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));
  g_return_if_fail (self->day != NULL);

  *day_factors = factors_changed (self) ? read_factors (self) : NULL;
  *measures = measures_changed (self) ? read_measures (self) : NULL;
}

const char *
limber_day_details_editor_get_day (LimberDayDetailsEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self), NULL);

  return self->day ? self->day : "";
}

gboolean
limber_day_details_editor_has_changes (LimberDayDetailsEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self), FALSE);

  return self->day != NULL && (factors_changed (self) || measures_changed (self));
}

void
limber_day_details_editor_mark_saved (LimberDayDetailsEditor *self)
{
  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));

  if (self->day == NULL)
    return;
  g_free (self->saved_factors);
  g_free (self->saved_measures);
  self->saved_factors = factors_signature (self);
  self->saved_measures = measures_signature (self);
}

void
limber_day_details_editor_mark_unsaved (LimberDayDetailsEditor *self)
{
  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));

  g_clear_pointer (&self->saved_factors, g_free);
  g_clear_pointer (&self->saved_measures, g_free);
}

gboolean
limber_day_details_editor_get_ticked (LimberDayDetailsEditor *self,
                                      const char             *uuid)
{
  GtkToggleButton *button;

  g_return_val_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self), FALSE);

  button = find_button (self, uuid);
  return button != NULL && gtk_toggle_button_get_active (button);
}

void
limber_day_details_editor_set_ticked (LimberDayDetailsEditor *self,
                                      const char             *uuid,
                                      gboolean                ticked)
{
  GtkToggleButton *button;

  g_return_if_fail (LIMBER_IS_DAY_DETAILS_EDITOR (self));

  button = find_button (self, uuid);
  g_return_if_fail (button != NULL);
  gtk_toggle_button_set_active (button, ticked);
}

static void
limber_day_details_editor_dispose (GObject *object)
{
  LimberDayDetailsEditor *self = LIMBER_DAY_DETAILS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_DAY_DETAILS_EDITOR);
  g_clear_pointer (&self->factors, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_day_details_editor_parent_class)->dispose (object);
}

static void
limber_day_details_editor_finalize (GObject *object)
{
  LimberDayDetailsEditor *self = LIMBER_DAY_DETAILS_EDITOR (object);

  g_free (self->day);
  g_free (self->saved_factors);
  g_free (self->saved_measures);

  G_OBJECT_CLASS (limber_day_details_editor_parent_class)->finalize (object);
}

static void
limber_day_details_editor_class_init (LimberDayDetailsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_day_details_editor_dispose;
  object_class->finalize = limber_day_details_editor_finalize;

  /**
   * LimberDayDetailsEditor::changed:
   * @typing: whether the change is typing, which is saved once it pauses
   *
   * The person changed a value.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * LimberDayDetailsEditor::manage-factors:
   *
   * The person asked to add, rename or retire factors.
   */
  signals[MANAGE_FACTORS] =
    g_signal_new ("manage-factors", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LimberDayDetailsEditor::add-change:
   * @text: what changed, without spaces at either end
   *
   * The person added a one-off change on the shown day. The text stays in
   * its field until limber_day_details_editor_set_changes() shows it
   * stored.
   */
  signals[ADD_CHANGE] =
    g_signal_new ("add-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LimberDayDetailsEditor::remove-change:
   * @uuid: the change's
   */
  signals[REMOVE_CHANGE] =
    g_signal_new ("remove-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-day-details-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, manage_button);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, factors_box);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, medication_revealer);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, medicine_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, medicines_button);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, medicines_box);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, doses_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, sleep_switch);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, sleep_hours_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, sleep_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, sleep_quality_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, sleep_quality_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, stress_switch);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, stress_level_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, stress_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, desk_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, desk_switch);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, desk_hours_row);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, desk_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, changes_list);
  gtk_widget_class_bind_template_child (widget_class, LimberDayDetailsEditor, change_row);
  gtk_widget_class_bind_template_callback (widget_class, manage_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, medicine_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, doses_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_apply_cb);
}

static void
limber_day_details_editor_init (LimberDayDetailsEditor *self)
{
  self->factors = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_factor_free);
  self->buttons = g_ptr_array_new ();
  self->measured_desk = LIMBER_MEASURE_UNSET;
  gtk_widget_init_template (GTK_WIDGET (self));
  limber_accessible_name_icon_button (GTK_WIDGET (self->medicines_button), _("Medications you logged before"), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->medicines_button), FALSE);
  update_rows (self);
}
