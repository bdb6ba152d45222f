/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-factors-dialog.h"
#include "limber-journal-factors.h"

/* Lists the factors in use and the retired ones from the context's
 * journal, read on the main thread; every change goes through the
 * context's writer, and the lists are read again once it is stored. */

struct _LimberFactorsDialog
{
  AdwWindow             parent_instance;

  LimberContext        *context;
  /* The rows put into the groups, to take out when the lists are read
   * again. */
  GPtrArray            *rows;

  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *in_use_group;
  GtkLabel             *in_use_problem_label;
  AdwEntryRow          *add_row;
  GtkLabel             *add_problem_label;
  AdwPreferencesGroup  *retired_group;
};

G_DEFINE_FINAL_TYPE (LimberFactorsDialog, limber_factors_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FACTORS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  CHANGE_ADD,
  CHANGE_RENAME,
  CHANGE_RETIRE,
  CHANGE_RESTORE,
} ChangeKind;

/* One change, on its way to the writer's thread and back. */
typedef struct
{
  LimberFactorsDialog *self;
  ChangeKind           kind;
  char                *uuid;
  char                *name;
  /* What the factor was called, for the toast. */
  char                *label;
  GDateTime           *now;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->self);
  g_free (change->uuid);
  g_free (change->name);
  g_free (change->label);
  g_clear_pointer (&change->now, g_date_time_unref);
  g_free (change);
}

/* On the writer's thread: the UUID of the factor changed. */
static gpointer
change_job (LimberJournal  *journal,
            gpointer        data,
            GError        **error)
{
  Change *change = data;

  switch (change->kind)
    {
    case CHANGE_ADD:
      {
        g_autoptr (LimberFactor) factor = limber_journal_add_factor (journal, change->name,
                                                                     change->now, error);
        return factor != NULL ? g_strdup (factor->uuid) : NULL;
      }
    case CHANGE_RENAME:
      if (!limber_journal_rename_factor (journal, change->uuid, change->name, change->now, error))
        return NULL;
      break;
    case CHANGE_RETIRE:
    case CHANGE_RESTORE:
      if (!limber_journal_set_factor_retired (journal, change->uuid,
                                              change->kind == CHANGE_RETIRE,
                                              change->now, error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  return g_strdup (change->uuid);
}

static void reload (LimberFactorsDialog *self);
static void request_change (LimberFactorsDialog *self,
                            ChangeKind           kind,
                            const char          *uuid,
                            const char          *name,
                            const char          *label);

static void
show_problem (GtkLabel   *label,
              GtkWidget  *editable,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  /* Told with the field that was refused, where a screen reader is. */
  if (message != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (editable),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (editable),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* The text field inside an entry row, which is what takes the focus. */
static GtkWidget *
text_of (AdwEntryRow *row)
{
  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
}

static void
undo_retire_cb (AdwToast            *toast,
                LimberFactorsDialog *self)
{
  request_change (self, CHANGE_RESTORE, g_object_get_data (G_OBJECT (toast), "uuid"), NULL,
                  g_object_get_data (G_OBJECT (toast), "label"));
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Change *change = user_data;
  LimberFactorsDialog *self = change->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;

  uuid = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  if (self->context == NULL)
    {
      change_free (change);
      return;
    }

  if (uuid == NULL)
    {
      const char *message = error != NULL ? error->message : _("The change could not be stored.");

      if (change->kind == CHANGE_ADD)
        show_problem (self->add_problem_label, text_of (self->add_row), message);
      else if (change->kind == CHANGE_RENAME)
        {
          reload (self);
          gtk_label_set_label (self->in_use_problem_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->in_use_problem_label), TRUE);
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (message, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
        }
      change_free (change);
      return;
    }

  if (change->kind == CHANGE_ADD)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
      show_problem (self->add_problem_label, text_of (self->add_row), NULL);
    }
  else if (change->kind == CHANGE_RETIRE)
    {
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      /* Translators: %s is a factor's name, such as Heat. */
      title = g_strdup_printf (_("“%s” is no longer offered. Its days are kept."), change->label);
      /* A toast title is markup: a name may hold '&' or '<'. */
      escaped = g_markup_escape_text (title, -1);
      toast = adw_toast_new (escaped);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "uuid", g_strdup (change->uuid), g_free);
      g_object_set_data_full (G_OBJECT (toast), "label", g_strdup (change->label), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_retire_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  reload (self);
  g_signal_emit (self, signals[FACTORS_CHANGED], 0);
  change_free (change);
}

static void
request_change (LimberFactorsDialog *self,
                ChangeKind           kind,
                const char          *uuid,
                const char          *name,
                const char          *label)
{
  LimberJournalWriter *writer;
  Change *change;

  if (self->context == NULL || (writer = limber_context_get_writer (self->context)) == NULL)
    return;

  change = g_new0 (Change, 1);
  change->self = g_object_ref (self);
  change->kind = kind;
  change->uuid = g_strdup (uuid);
  change->name = g_strdup (name);
  change->label = g_strdup (label);
  change->now = limber_clock_now (limber_context_get_clock (self->context));
  limber_journal_writer_run_async (writer, change_job, change, NULL, g_free, NULL,
                                   change_done_cb, change);
}

/* @text without spaces at either end, or %NULL with @error set when it
 * cannot name a factor. */
static char *
checked_name (const char  *text,
              GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (!limber_factor_name_validate (name, error))
    return NULL;
  return g_steal_pointer (&name);
}

static void
add_apply_cb (LimberFactorsDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  name = checked_name (gtk_editable_get_text (GTK_EDITABLE (self->add_row)), &error);
  if (name == NULL)
    {
      show_problem (self->add_problem_label, text_of (self->add_row), error->message);
      return;
    }
  show_problem (self->add_problem_label, text_of (self->add_row), NULL);
  request_change (self, CHANGE_ADD, NULL, name, name);
}

static void
rename_apply_cb (AdwEntryRow         *row,
                 LimberFactorsDialog *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "uuid");
  const char *label = g_object_get_data (G_OBJECT (row), "label");
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  name = checked_name (gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (name == NULL)
    {
      /* The name it has is kept, and shown again. */
      gtk_editable_set_text (GTK_EDITABLE (row), label);
      gtk_label_set_label (self->in_use_problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->in_use_problem_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (text_of (row)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->in_use_problem_label), FALSE);
  if (g_str_equal (name, label))
    {
      gtk_editable_set_text (GTK_EDITABLE (row), label);
      return;
    }
  request_change (self, CHANGE_RENAME, uuid, name, label);
}

static void
retire_clicked_cb (GtkButton           *button,
                   LimberFactorsDialog *self)
{
  request_change (self, CHANGE_RETIRE, g_object_get_data (G_OBJECT (button), "uuid"), NULL,
                  g_object_get_data (G_OBJECT (button), "label"));
}

static void
restore_clicked_cb (GtkButton           *button,
                    LimberFactorsDialog *self)
{
  request_change (self, CHANGE_RESTORE, g_object_get_data (G_OBJECT (button), "uuid"), NULL,
                  g_object_get_data (G_OBJECT (button), "label"));
}

static void
set_factor_data (gpointer            object,
                 const LimberFactor *factor)
{
  g_object_set_data_full (G_OBJECT (object), "uuid", g_strdup (factor->uuid), g_free);
  g_object_set_data_full (G_OBJECT (object), "label",
                          g_strdup (limber_factor_get_label (factor)), g_free);
}

/* libadwaita 1.2 gives the apply button of an entry row only a tooltip,
 * which a screen reader does not say; it is the row's one button. */
static void
name_apply_button (GtkWidget  *widget,
                   const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      else
        name_apply_button (child, name);
    }
}

static GtkWidget *
in_use_row (LimberFactorsDialog *self,
            const LimberFactor  *factor)
{
  const char *label = limber_factor_get_label (factor);
  g_autofree char *text_name = NULL;
  g_autofree char *apply_name = NULL;
  g_autofree char *retire_name = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 factor->builtin != NULL ? _("Built-in") : _("Your own"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), label);
  set_factor_data (row, factor);
  g_signal_connect_object (row, "apply", G_CALLBACK (rename_apply_cb), self, 0);

  /* Named by the factor, not by the row's title, which every row of its
   * kind shares. */
  /* Translators: %s is a factor's name, such as Heat. */
  text_name = g_strdup_printf (_("Name of “%s”"), label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (text_of (ADW_ENTRY_ROW (row))),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_of (ADW_ENTRY_ROW (row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text_name, -1);
  /* Translators: %s is a factor's name, such as Heat. */
  apply_name = g_strdup_printf (_("Rename “%s”"), label);
  name_apply_button (row, apply_name);

  button = gtk_button_new_with_label (_("Retire"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a factor's name, such as Heat. */
  retire_name = g_strdup_printf (_("Retire “%s”"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, retire_name, -1);
  set_factor_data (button, factor);
  g_signal_connect_object (button, "clicked", G_CALLBACK (retire_clicked_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

static GtkWidget *
retired_row (LimberFactorsDialog *self,
             const LimberFactor  *factor)
{
  const char *label = limber_factor_get_label (factor);
  g_autofree char *restore_name = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Only its button takes the focus: the row would say the name once
   * more. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  set_factor_data (row, factor);

  button = gtk_button_new_with_label (_("Bring Back"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a factor's name, such as Heat. */
  restore_name = g_strdup_printf (_("Bring back “%s”"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, restore_name, -1);
  set_factor_data (button, factor);
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

/* What has the focus among the rows, to find it again after they are
 * made anew: the factor's UUID, and whether it was its button. */
static char *
focused_factor (LimberFactorsDialog *self,
                gboolean            *on_button)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *uuid = g_object_get_data (G_OBJECT (w), "uuid");

      if (uuid != NULL)
        {
          *on_button = GTK_IS_BUTTON (w);
          return g_strdup (uuid);
        }
    }
  return NULL;
}

static void
refocus (LimberFactorsDialog *self,
         const char          *uuid,
         gboolean             on_button)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (!g_str_equal (g_object_get_data (G_OBJECT (row), "uuid"), uuid))
        continue;
      /* A row that moved to the other group: its button there. */
      if (on_button || ADW_IS_ACTION_ROW (row))
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "button"));
      else
        gtk_widget_grab_focus (row);
      return;
    }
  /* It is gone from both lists. */
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

/* Reads the factors again and makes the rows anew. */
static void
reload (LimberFactorsDialog *self)
{
  LimberJournal *journal = self->context != NULL ? limber_context_get_journal (self->context) : NULL;
  g_autoptr (GPtrArray) factors = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *focused = NULL;
  gboolean on_button = FALSE;
  gboolean any_retired = FALSE;

  focused = focused_factor (self, &on_button);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->in_use_problem_label), FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), journal != NULL);
  if (journal == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->retired_group), FALSE);
      return;
    }

  factors = limber_journal_list_factors (journal, TRUE, &error);
  if (factors == NULL)
    {
      g_warning ("Could not read the factors: %s", error->message);
      gtk_label_set_label (self->in_use_problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->in_use_problem_label), TRUE);
      return;
    }

  for (guint i = 0; i < factors->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (factors, i);
      GtkWidget *row;

      if (factor->retired)
        {
          row = retired_row (self, factor);
          adw_preferences_group_add (self->retired_group, row);
          any_retired = TRUE;
        }
      else
        {
          row = in_use_row (self, factor);
          adw_preferences_group_add (self->in_use_group, row);
        }
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retired_group), any_retired);

  if (focused != NULL)
    refocus (self, focused, on_button);
}

static void
journal_changed_cb (LimberFactorsDialog *self)
{
  reload (self);
}

static void
limber_factors_dialog_constructed (GObject *object)
{
  LimberFactorsDialog *self = LIMBER_FACTORS_DIALOG (object);

  G_OBJECT_CLASS (limber_factors_dialog_parent_class)->constructed (object);

  name_apply_button (GTK_WIDGET (self->add_row), _("Add factor"));
  /* Not the first name in the list, where a key pressed would replace
   * it: adding one is what the dialog is opened for most. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->add_row));
  if (self->context != NULL)
    g_signal_connect_object (self->context, "notify::journal",
                             G_CALLBACK (journal_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
limber_factors_dialog_dispose (GObject *object)
{
  LimberFactorsDialog *self = LIMBER_FACTORS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_FACTORS_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_factors_dialog_parent_class)->dispose (object);
}

static void
limber_factors_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LimberFactorsDialog *self = LIMBER_FACTORS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_factors_dialog_class_init (LimberFactorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_factors_dialog_constructed;
  object_class->dispose = limber_factors_dialog_dispose;
  object_class->set_property = limber_factors_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LIMBER_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberFactorsDialog::factors-changed:
   *
   * A factor was added, renamed, retired or brought back, and that is
   * stored.
   */
  signals[FACTORS_CHANGED] =
    g_signal_new ("factors-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-factors-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, in_use_group);
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, in_use_problem_label);
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, add_row);
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, add_problem_label);
  gtk_widget_class_bind_template_child (widget_class, LimberFactorsDialog, retired_group);
  gtk_widget_class_bind_template_callback (widget_class, add_apply_cb);
}

static void
limber_factors_dialog_init (LimberFactorsDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
limber_factors_dialog_new (GtkWindow     *parent,
                           LimberContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  return g_object_new (LIMBER_TYPE_FACTORS_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
