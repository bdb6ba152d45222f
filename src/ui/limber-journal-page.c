/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"

/* The Journal page: the entry of one day on top (today unless another
 * day was picked), the days logged before it below. Today is the
 * context's clock's: the form follows it from one day to the next. */

#define HISTORY_DAYS 120

struct _LimberJournalPage
{
  AdwBin                 parent_instance;

  LimberContext         *context;
  /* The form shows today's entry and moves on with the day. */
  gboolean               follows_today;

  AdwToastOverlay       *toast_overlay;
  GtkScrolledWindow     *scroller;
  GtkRevealer           *problem_revealer;
  GtkLabel              *problem_label;
  GtkLabel              *day_title;
  GtkButton             *today_button;
  LimberPainEntryEditor *editor;
  GtkButton             *save_button;
  GtkListBox            *history_list;
  GtkLabel              *history_placeholder;
  GtkPopover            *calendar_popover;
  GtkCalendar           *calendar;
};

G_DEFINE_FINAL_TYPE (LimberJournalPage, limber_journal_page, ADW_TYPE_BIN)

static const char *
today (LimberJournalPage *self)
{
  return limber_clock_get_today (limber_context_get_clock (self->context));
}

/* “Wednesday, 25 November” for a day of this year, with the year else. */
static char *
format_day (LimberJournalPage *self,
            const char        *day)
{
  g_autoptr (GDateTime) noon = NULL;
  GDate date;
  GDate today_date;

  /* A day names a date, not a moment: it is written without a zone. */
  limber_day_to_date (day, &date);
  limber_day_to_date (today (self), &today_date);
  noon = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  if (g_date_get_year (&date) == g_date_get_year (&today_date))
    /* Translators: a day in g_date_time_format() format, such as
     * “Wednesday, 25 November”; %-d is the day without padding. */
    return g_date_time_format (noon, _("%A, %-d %B"));

  /* Translators: a day in g_date_time_format() format, such as
   * “Monday, 3 March 2025”. */
  return g_date_time_format (noon, _("%A, %-d %B %Y"));
}

static void
show_problem (LimberJournalPage *self,
              const char        *message)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

static void
dismiss_problem_cb (LimberJournalPage *self)
{
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

/* What the user can do about a failed save, after what went wrong. */
static char *
describe_failure (const GError *error)
{
  const char *advice = NULL;

  if (error->domain == LIMBER_JOURNAL_ERROR)
    {
      switch ((LimberJournalError) error->code)
        {
        case LIMBER_JOURNAL_ERROR_FULL:
          advice = _("Free some disk space, then press Save again. Your entry is still in the form.");
          break;
        case LIMBER_JOURNAL_ERROR_READ_ONLY:
          advice = _("Check that the folder of your journal can be written, then press Save again. Your entry is still in the form.");
          break;
        case LIMBER_JOURNAL_ERROR_BUSY:
          advice = _("Another program is using the journal. Press Save again in a moment.");
          break;
        case LIMBER_JOURNAL_ERROR_INVALID_INPUT:
          advice = _("Correct it and press Save again.");
          break;
        case LIMBER_JOURNAL_ERROR_CORRUPT:
        case LIMBER_JOURNAL_ERROR_TOO_NEW:
        case LIMBER_JOURNAL_ERROR_FAILED:
        default:
          advice = _("Your entry is still in the form. Restart Limber to try again.");
          break;
        }
    }

  /* Translators: what went wrong, then what to do about it. */
  return g_strdup_printf (_("Your entry was not saved. %s %s"), error->message, advice ? advice : "");
}

static void
delete_row_cb (GtkButton         *button,
               LimberJournalPage *self);

static GtkWidget *
make_history_row (LimberJournalPage     *self,
                  const LimberPainEntry *entry)
{
  g_autofree char *title = format_day (self, entry->day);
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (entry->worst != LIMBER_PAIN_SCORE_UNSET)
    /* Translators: “Pain 4 · worst 6”. */
    subtitle = g_strdup_printf (_("Pain %d · worst %d"), entry->average, entry->worst);
  else
    subtitle = g_strdup_printf (_("Pain %d"), entry->average);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "day", g_strdup (entry->day), g_free);

  /* Translators: %s is a day, such as “Wednesday, 25 November”. */
  delete_label = g_strdup_printf (_("Delete the entry of %s"), title);
  gtk_widget_set_tooltip_text (delete_button, _("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  g_object_set_data_full (G_OBJECT (delete_button), "day", g_strdup (entry->day), g_free);
  g_signal_connect_object (delete_button, "clicked", G_CALLBACK (delete_row_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
reload_history (LimberJournalPage *self)
{
  LimberJournal *journal = self->context ? limber_context_get_journal (self->context) : NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  GtkListBoxRow *row;

  /* The rows only: the placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (row));

  if (journal == NULL)
    return;

  entries = limber_journal_list_pain_entries (journal, NULL, NULL, HISTORY_DAYS, &error);
  if (entries == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->history_list, make_history_row (self, g_ptr_array_index (entries, i)));
}

static void
update_save_state (LimberJournalPage *self)
{
  gboolean can_save = self->context != NULL &&
                      limber_context_get_journal (self->context) != NULL &&
                      limber_pain_entry_editor_is_complete (self->editor);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.save", can_save);
}

static void
editor_changed_cb (LimberJournalPage *self)
{
  update_save_state (self);
}

/* The title says which day the form is for, and whether that is today. */
static void
update_title (LimberJournalPage *self)
{
  const char *day = limber_pain_entry_editor_get_day (self->editor);
  gboolean is_today = g_str_equal (day, today (self));
  g_autofree char *date = format_day (self, day);
  g_autofree char *title = NULL;

  if (is_today)
    /* Translators: %s is the day, such as “Wednesday, 25 November”. */
    title = g_strdup_printf (_("Today, %s"), date);
  gtk_label_set_label (self->day_title, title ? title : date);
  gtk_widget_set_visible (GTK_WIDGET (self->today_button), !is_today);
}

void
limber_journal_page_show_day (LimberJournalPage *self,
                              const char        *day)
{
  LimberJournal *journal;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (LIMBER_IS_JOURNAL_PAGE (self));
  g_return_if_fail (self->context != NULL);
  g_return_if_fail (limber_day_is_valid (day));

  journal = limber_context_get_journal (self->context);
  if (journal != NULL)
    {
      entry = limber_journal_get_pain_entry (journal, day, &error);
      if (error != NULL)
        show_problem (self, error->message);
    }

  limber_pain_entry_editor_load (self->editor, entry, day);
  self->follows_today = g_str_equal (day, today (self));
  update_title (self);

  update_save_state (self);
}

static void
back_to_today_cb (LimberJournalPage *self)
{
  limber_journal_page_show_day (self, today (self));
}

static void
history_row_activated_cb (LimberJournalPage *self,
                          GtkListBoxRow     *row)
{
  limber_journal_page_show_day (self, g_object_get_data (G_OBJECT (row), "day"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
calendar_day_selected_cb (LimberJournalPage *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = g_date_time_format (picked, "%Y-%m-%d");

  gtk_popover_popdown (self->calendar_popover);
  if (strcmp (day, today (self)) > 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That day has not come yet")));
      return;
    }

  limber_journal_page_show_day (self, day);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (LimberJournalPage) self = user_data;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  gboolean waiting = FALSE;

  entry = limber_journal_writer_save_pain_entry_finish (LIMBER_JOURNAL_WRITER (object), result, &waiting, &error);
  if (self->context == NULL)
    return;

  if (entry == NULL)
    {
      g_autofree char *message = describe_failure (error);

      /* The form keeps what the user typed. */
      show_problem (self, message);
      return;
    }

  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
  if (g_str_equal (limber_pain_entry_editor_get_day (self->editor), entry->day))
    limber_pain_entry_editor_load (self->editor, entry, NULL);
  reload_history (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (waiting ? _("Kept, to be saved in the journal as soon as it can be")
                                                      : _("Saved")));
}

/* Saves @entry through the context's writer, off the main thread. */
static void
save_entry (LimberJournalPage     *self,
            const LimberPainEntry *entry)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);
  g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (self->context));

  if (writer == NULL)
    return;
  limber_journal_writer_save_pain_entry_async (writer, entry, now, NULL, saved_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (widget);
  g_autoptr (LimberPainEntry) entry = limber_pain_entry_editor_read (self->editor);

  save_entry (self, entry);
}

static void
undo_delete_cb (AdwToast          *toast,
                LimberJournalPage *self)
{
  /* The entry comes back as it was, UUID and all. */
  save_entry (self, g_object_get_data (G_OBJECT (toast), "entry"));
}

/* On the writer's thread: deletes the entry of the day, giving it back
 * for Undo, or NULL when the day had none. */
static gpointer
delete_job (LimberJournal  *journal,
            gpointer        data,
            GError        **error)
{
  const char *day = data;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) read_error = NULL;

  entry = limber_journal_get_pain_entry (journal, day, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }
  if (entry == NULL || !limber_journal_delete_pain_entry (journal, day, error))
    return NULL;
  return g_steal_pointer (&entry);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LimberJournalPage) self = user_data;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  entry = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  if (self->context == NULL)
    return;
  if (entry == NULL)
    {
      if (error != NULL)
        show_problem (self, error->message);
      return;
    }

  title = format_day (self, entry->day);
  /* Translators: %s is a day, such as “Wednesday, 25 November”. */
  message = g_strdup_printf (_("Entry of %s deleted"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  reload_history (self);
  if (g_str_equal (limber_pain_entry_editor_get_day (self->editor), entry->day))
    limber_journal_page_show_day (self, entry->day);
  g_object_set_data_full (G_OBJECT (toast), "entry", g_steal_pointer (&entry),
                          (GDestroyNotify) limber_pain_entry_free);
}

static void
delete_row_cb (GtkButton         *button,
               LimberJournalPage *self)
{
  const char *day = g_object_get_data (G_OBJECT (button), "day");
  LimberJournalWriter *writer = limber_context_get_writer (self->context);

  if (writer == NULL)
    return;
  limber_journal_writer_run_async (writer, delete_job, g_strdup (day), g_free,
                                   (GDestroyNotify) limber_pain_entry_free, NULL,
                                   deleted_cb, g_object_ref (self));
}

static void
red_flag_ticked_cb (LimberJournalPage *self,
                    guint              flag)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean emergency = (flag & LIMBER_RED_FLAG_EMERGENCY) != 0;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       emergency ? _("Get Emergency Help Now")
                                                                 : _("See a Doctor Soon"),
                                                       NULL));
  if (emergency)
    adw_message_dialog_set_body (dialog,
      _("Back or neck pain together with this can be a sign of something serious, such as a heart problem or pressure on the spinal cord.\n\n"
        "Call your local emergency number or go to an emergency department now. Do not wait to see whether it passes, and do not drive yourself.\n\n"
        "Limber cannot tell what causes your pain."));
  else
    adw_message_dialog_set_body (dialog,
      _("Back pain together with this needs a doctor’s look, even if it is not an emergency. Make an appointment in the next few days.\n\n"
        "Also see a doctor if the pain started before you were 20 or after you were 50, if you have had cancer, take steroids for a long time or have weak bones, or if the pain has not eased after two to six weeks.\n\n"
        "Limber cannot tell what causes your pain."));
  adw_message_dialog_add_response (dialog, "close", _("_I Understand"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The problem card and the list's placeholder say where the journal
 * stands. */
static void
journal_state_changed_cb (LimberJournalPage *self)
{
  LimberJournalState state = limber_context_get_journal_state (self->context);

  gtk_label_set_label (self->history_placeholder,
                       state == LIMBER_JOURNAL_STATE_OPENING ? _("Opening the journal…")
                                                             : _("No days logged yet"));

  if (state == LIMBER_JOURNAL_STATE_FAILED)
    {
      const char *reason = limber_context_get_journal_error (self->context);
      const char *path = limber_context_get_journal_path (self->context);
      g_autofree char *message = NULL;

      if (reason == NULL)
        reason = "";
      /* The file is named, by the reason or else here. */
      if (path == NULL || strstr (reason, path) != NULL)
        /* Translators: %s says why. */
        message = g_strdup_printf (_("The journal could not be opened, so nothing can be saved. %s"),
                                   reason);
      else
        /* Translators: the first %s is the journal's file, the second
         * says why it could not be opened. */
        message = g_strdup_printf (_("The journal %s could not be opened, so nothing can be saved. %s"),
                                   path, reason);
      show_problem (self, message);
    }
  else if (state == LIMBER_JOURNAL_STATE_READY && limber_context_get_journal_notice (self->context) != NULL)
    show_problem (self, limber_context_get_journal_notice (self->context));
  else if (state != LIMBER_JOURNAL_STATE_READY)
    /* What was said of a journal before is past. */
    gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);

  update_save_state (self);
}

/* The journal may come long after the page, or be replaced: the page
 * fills in from it. */
static void
journal_changed_cb (LimberJournalPage *self)
{
  reload_history (self);

  /* What the user typed while the journal was on its way stays in the
   * form; Save takes it once the journal is there. */
  if (limber_pain_entry_editor_has_changes (self->editor))
    update_save_state (self);
  else
    {
      g_autofree char *day = g_strdup (self->follows_today ? today (self)
                                                           : limber_pain_entry_editor_get_day (self->editor));

      limber_journal_page_show_day (self, day);
    }
}

/* A page left open overnight moves on to the new day. What the user
 * typed for the day that ended stays in the form, for that day, until
 * they save it or go back to today. Everything else here follows from
 * the day alone, and a zone change that moves the day emits this too. */
static void
day_changed_cb (LimberJournalPage *self)
{
  /* Days written with the year depend on today's. */
  reload_history (self);
  if (self->follows_today && !limber_pain_entry_editor_has_changes (self->editor))
    limber_journal_page_show_day (self, today (self));
  else
    {
      self->follows_today = FALSE;
      update_title (self);
    }
}

void
limber_journal_page_set_context (LimberJournalPage *self,
                                 LimberContext     *context)
{
  g_return_if_fail (LIMBER_IS_JOURNAL_PAGE (self));
  g_return_if_fail (LIMBER_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  /* Both come together once the journal is open; a failure only changes
   * the state. */
  g_signal_connect_object (context, "notify::journal",
                           G_CALLBACK (journal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::journal-state",
                           G_CALLBACK (journal_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::journal-notice",
                           G_CALLBACK (journal_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (limber_context_get_clock (context), "day-changed",
                           G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  reload_history (self);
  limber_journal_page_show_day (self, today (self));
  journal_state_changed_cb (self);
}

static void
limber_journal_page_dispose (GObject *object)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (object);

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (limber_context_get_clock (self->context), self);
    }
  g_clear_object (&self->context);
  /* The toast overlay is both the bin's child and a template child: let
   * the bin drop it, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_JOURNAL_PAGE);

  G_OBJECT_CLASS (limber_journal_page_parent_class)->dispose (object);
}

static void
limber_journal_page_class_init (LimberJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_journal_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, day_title);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, editor);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, calendar);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_to_today_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, red_flag_ticked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "journal.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "journal.save", NULL);

  g_type_ensure (LIMBER_TYPE_PAIN_ENTRY_EDITOR);
}

static void
limber_journal_page_init (LimberJournalPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No days logged yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->history_list, placeholder);
  /* Owned by the list. */
  self->history_placeholder = GTK_LABEL (placeholder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.save", FALSE);
}
