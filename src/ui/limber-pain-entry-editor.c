/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-pain-entry-editor.h"
#include "limber-pain-scale.h"

struct _LimberPainEntryEditor
{
  AdwBin           parent_instance;

  LimberPainEntry *loaded;
  gboolean         loading;
  /* The editor itself is moving one score to match the other. */
  gboolean         matching;

  LimberPainScale *average_scale;
  LimberPainScale *worst_scale;
  LimberPainScale *activity_scale;
  LimberPainScale *enjoyment_scale;
  GtkLabel        *average_label;
  GtkLabel        *worst_label;
  GtkFlowBox      *regions_box;
  AdwPreferencesGroup *red_flags_group;
  AdwExpanderRow  *red_flags_row;
  GtkTextView     *note_view;
  GtkLabel        *note_counter;

  GtkToggleButton *region_buttons[32];
  GtkCheckButton  *red_flag_checks[32];
};

G_DEFINE_FINAL_TYPE (LimberPainEntryEditor, limber_pain_entry_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  RED_FLAG_TICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (LimberPainEntryEditor *self,
              gboolean               typing)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0, typing);
}

static void
choice_changed_cb (LimberPainEntryEditor *self)
{
  emit_changed (self, FALSE);
}

/* The worst pain of a day is never below its average: picking an average
 * above the worst raises the worst to it, and picking a worst below the
 * average lowers the average to it. The scale the user picked on says
 * so, on screen and to screen readers. */
static void
average_changed_cb (LimberPainEntryEditor *self)
{
  int average = limber_pain_scale_get_value (self->average_scale);
  int worst = limber_pain_scale_get_value (self->worst_scale);

  if (self->loading || self->matching)
    return;

  limber_pain_scale_set_remark (self->worst_scale, NULL);
  if (average != LIMBER_PAIN_SCORE_UNSET && worst != LIMBER_PAIN_SCORE_UNSET && worst < average)
    {
      g_autofree char *remark = NULL;

      self->matching = TRUE;
      limber_pain_scale_set_value (self->worst_scale, average);
      self->matching = FALSE;
      /* Translators: said under the average pain scale when picking it
       * moved the worst pain, such as “Worst pain raised to 7 to match”. */
      remark = g_strdup_printf (_("Worst pain raised to %d to match"), average);
      limber_pain_scale_set_remark (self->average_scale, remark);
    }
  emit_changed (self, FALSE);
}

static void
worst_changed_cb (LimberPainEntryEditor *self)
{
  int average = limber_pain_scale_get_value (self->average_scale);
  int worst = limber_pain_scale_get_value (self->worst_scale);

  if (self->loading || self->matching)
    return;

  limber_pain_scale_set_remark (self->average_scale, NULL);
  if (average != LIMBER_PAIN_SCORE_UNSET && worst != LIMBER_PAIN_SCORE_UNSET && worst < average)
    {
      g_autofree char *remark = NULL;

      self->matching = TRUE;
      limber_pain_scale_set_value (self->average_scale, worst);
      self->matching = FALSE;
      /* Translators: said under the worst pain scale when picking it
       * moved the average, such as “Average pain lowered to 3 to match”. */
      remark = g_strdup_printf (_("Average pain lowered to %d to match"), worst);
      limber_pain_scale_set_remark (self->worst_scale, remark);
    }
  emit_changed (self, FALSE);
}

static void
update_note_counter (LimberPainEntryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  int chars = gtk_text_buffer_get_char_count (buffer);
  /* Translators: characters used of those allowed, such as “120 / 2000”. */
  g_autofree char *text = g_strdup_printf (_("%d / %d"), chars, LIMBER_PAIN_NOTE_MAX_CHARS);

  gtk_label_set_label (self->note_counter, text);
  if (chars > LIMBER_PAIN_NOTE_MAX_CHARS)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_counter), "error");
}

static void
note_changed_cb (LimberPainEntryEditor *self)
{
  update_note_counter (self);
  emit_changed (self, TRUE);
}

/* The note holds no more than the journal takes: what goes past the
 * limit is not typed in, as in an entry with a maximum length, rather
 * than refused when it is saved. Runs after the text went in, with
 * @location at its end. */
static void
note_inserted_cb (GtkTextBuffer         *buffer,
                  GtkTextIter           *location,
                  const char            *text,
                  int                    len,
                  LimberPainEntryEditor *self)
{
  int excess = gtk_text_buffer_get_char_count (buffer) - LIMBER_PAIN_NOTE_MAX_CHARS;
  GtkTextIter start;

  if (excess <= 0)
    return;

  start = *location;
  gtk_text_iter_backward_chars (&start, MIN (excess, (int) g_utf8_strlen (text, len)));
  /* Deleting leaves @location valid, where the text was cut. */
  gtk_text_buffer_delete (buffer, &start, location);
  gtk_widget_error_bell (GTK_WIDGET (self->note_view));
}

static void
red_flag_toggled_cb (GtkCheckButton        *check,
                     LimberPainEntryEditor *self)
{
  if (!self->loading && gtk_check_button_get_active (check))
    g_signal_emit (self, signals[RED_FLAG_TICKED], 0,
                   GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "flag")));
  emit_changed (self, FALSE);
}

void
limber_pain_entry_editor_load (LimberPainEntryEditor *self,
                               const LimberPainEntry *entry,
                               const char            *day)
{
  g_autoptr (LimberPainEntry) empty = NULL;
  GtkTextBuffer *buffer;
  guint n;

  g_return_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self));
  g_return_if_fail (entry != NULL || day != NULL);

  if (entry == NULL)
    entry = empty = limber_pain_entry_new (day);

  g_clear_pointer (&self->loaded, limber_pain_entry_free);
  self->loaded = limber_pain_entry_copy (entry);

  self->loading = TRUE;
  limber_pain_scale_set_remark (self->average_scale, NULL);
  limber_pain_scale_set_remark (self->worst_scale, NULL);
  limber_pain_scale_set_value (self->average_scale, entry->average);
  limber_pain_scale_set_value (self->worst_scale, entry->worst);
  limber_pain_scale_set_value (self->activity_scale, entry->activity);
  limber_pain_scale_set_value (self->enjoyment_scale, entry->enjoyment);

  limber_body_regions (&n);
  for (guint i = 0; i < n; i++)
    gtk_toggle_button_set_active (self->region_buttons[i], entry->regions & (1u << i));
  limber_red_flags (&n);
  for (guint i = 0; i < n; i++)
    gtk_check_button_set_active (self->red_flag_checks[i], entry->red_flags & (1u << i));
  adw_expander_row_set_expanded (self->red_flags_row, entry->red_flags != 0);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_set_text (buffer, entry->note ? entry->note : "", -1);
  self->loading = FALSE;

  update_note_counter (self);
}

void
limber_pain_entry_editor_set_day_name (LimberPainEntryEditor *self,
                                       const char            *day_name)
{
  g_autofree char *average = NULL;
  g_autofree char *worst = NULL;
  g_autofree char *red_flags = NULL;

  g_return_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self));

  if (day_name == NULL)
    {
      average = g_strdup (_("Average pain today"));
      worst = g_strdup (_("Worst pain today"));
      red_flags = g_strdup (_("Tick any sign you have noticed today. Limber then tells you what to do."));
    }
  else
    {
      /* Translators: %s is a day, such as “Monday, 23 November”. */
      average = g_strdup_printf (_("Average pain on %s"), day_name);
      /* Translators: %s is a day, such as “Monday, 23 November”. */
      worst = g_strdup_printf (_("Worst pain on %s"), day_name);
      /* Translators: %s is a day, such as “Monday, 23 November”. */
      red_flags = g_strdup_printf (_("Tick any sign you noticed on %s. Limber then tells you what to do."), day_name);
    }

  gtk_label_set_label (self->average_label, average);
  gtk_label_set_label (self->worst_label, worst);
  adw_preferences_group_set_description (self->red_flags_group, red_flags);
}

void
limber_pain_entry_editor_mark_saved (LimberPainEntryEditor *self,
                                     const LimberPainEntry *entry)
{
  g_return_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (g_str_equal (entry->day, self->loaded->day));

  g_clear_pointer (&self->loaded, limber_pain_entry_free);
  self->loaded = limber_pain_entry_copy (entry);
}

LimberPainEntry *
limber_pain_entry_editor_read (LimberPainEntryEditor *self)
{
  LimberPainEntry *entry;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  const LimberFlagInfo *infos;
  guint n;

  g_return_val_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self), NULL);

  entry = limber_pain_entry_copy (self->loaded);
  entry->average = limber_pain_scale_get_value (self->average_scale);
  entry->worst = limber_pain_scale_get_value (self->worst_scale);
  entry->activity = limber_pain_scale_get_value (self->activity_scale);
  entry->enjoyment = limber_pain_scale_get_value (self->enjoyment_scale);

  entry->regions = 0;
  infos = limber_body_regions (&n);
  for (guint i = 0; i < n; i++)
    if (gtk_toggle_button_get_active (self->region_buttons[i]))
      entry->regions |= infos[i].flag;

  entry->red_flags = 0;
  infos = limber_red_flags (&n);
  for (guint i = 0; i < n; i++)
    if (gtk_check_button_get_active (self->red_flag_checks[i]))
      entry->red_flags |= infos[i].flag;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  limber_pain_entry_set_note (entry, g_strstrip (note));

  return entry;
}

const char *
limber_pain_entry_editor_get_day (LimberPainEntryEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self), NULL);

  return self->loaded->day;
}

gboolean
limber_pain_entry_editor_has_changes (LimberPainEntryEditor *self)
{
  g_autoptr (LimberPainEntry) shown = NULL;
  g_autofree char *loaded_note = NULL;

  g_return_val_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self), FALSE);

  shown = limber_pain_entry_editor_read (self);
  /* Read as the form reads it, so that a note only ever stored with
   * spaces around it does not count as changed. */
  loaded_note = g_strstrip (g_strdup (self->loaded->note ? self->loaded->note : ""));

  return shown->average != self->loaded->average ||
         shown->worst != self->loaded->worst ||
         shown->activity != self->loaded->activity ||
         shown->enjoyment != self->loaded->enjoyment ||
         shown->regions != self->loaded->regions ||
         shown->red_flags != self->loaded->red_flags ||
         g_strcmp0 (shown->note ? shown->note : "", loaded_note) != 0;
}

gboolean
limber_pain_entry_editor_is_complete (LimberPainEntryEditor *self)
{
  g_return_val_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self), FALSE);

  return limber_pain_scale_get_value (self->average_scale) != LIMBER_PAIN_SCORE_UNSET;
}

void
limber_pain_entry_editor_focus_missing (LimberPainEntryEditor *self)
{
  g_return_if_fail (LIMBER_IS_PAIN_ENTRY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->average_scale));
}

static void
build_choices (LimberPainEntryEditor *self)
{
  const LimberFlagInfo *infos;
  guint n;

  infos = limber_body_regions (&n);
  g_assert (n <= G_N_ELEMENTS (self->region_buttons));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(infos[i].label));

      /* The flag of element i is 1 << i: load and read rely on it. */
      g_assert (infos[i].flag == 1u << i);
      g_signal_connect_object (button, "toggled", G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->regions_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->region_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  infos = limber_red_flags (&n);
  g_assert (n <= G_N_ELEMENTS (self->red_flag_checks));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      g_assert (infos[i].flag == 1u << i);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(infos[i].label));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The check box is the one Tab stop and the one thing read, with
       * its name and state; the row around it only takes clicks. */
      gtk_widget_set_focusable (row, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(infos[i].label), -1);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "flag", GUINT_TO_POINTER (infos[i].flag));
      g_signal_connect_object (check, "toggled", G_CALLBACK (red_flag_toggled_cb), self, 0);
      adw_expander_row_add_row (self->red_flags_row, row);
      self->red_flag_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

static void
limber_pain_entry_editor_dispose (GObject *object)
{
  LimberPainEntryEditor *self = LIMBER_PAIN_ENTRY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_PAIN_ENTRY_EDITOR);
  g_clear_pointer (&self->loaded, limber_pain_entry_free);

  G_OBJECT_CLASS (limber_pain_entry_editor_parent_class)->dispose (object);
}

static void
limber_pain_entry_editor_class_init (LimberPainEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_pain_entry_editor_dispose;

  /**
   * LimberPainEntryEditor::changed:
   * @typing: whether the change is to the note's text
   *
   * The user changed a value.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * LimberPainEntryEditor::red-flag-ticked:
   * @flag: the #LimberRedFlag ticked
   *
   * The user ticked a warning sign: the advice must be shown.
   */
  signals[RED_FLAG_TICKED] =
    g_signal_new ("red-flag-ticked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-pain-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, average_scale);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, worst_scale);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, activity_scale);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, enjoyment_scale);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, average_label);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, worst_label);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, regions_box);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, red_flags_group);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, red_flags_row);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, LimberPainEntryEditor, note_counter);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, average_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, worst_changed_cb);

  g_type_ensure (LIMBER_TYPE_PAIN_SCALE);
}

static void
limber_pain_entry_editor_init (LimberPainEntryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_choices (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "insert-text",
                           G_CALLBACK (note_inserted_cb), self, G_CONNECT_AFTER);

  /* An empty form of no day until the page loads one: the editor does
   * not know what day it is. */
  self->loaded = limber_pain_entry_new (NULL);
  update_note_counter (self);
  limber_pain_entry_editor_set_day_name (self, NULL);

  {
    g_autofree char *limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "At most %d character",
                                                           "At most %d characters",
                                                           LIMBER_PAIN_NOTE_MAX_CHARS),
                                              LIMBER_PAIN_NOTE_MAX_CHARS);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, limit, -1);
  }
}
