/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-break-format.h"
#include "limber-day-details-editor.h"
#include "limber-factors-dialog.h"
#include "limber-journal-history.h"
#include "limber-journal-page.h"
#include "limber-pain-entry-editor.h"
#include "limber-red-flag-advice.h"

/* The Journal page: the entry of one day on top (today unless another
 * day was picked), then what was done that day and how it was (a
 * LimberDayDetailsEditor), the days logged before today below, in a
 * LimberJournalHistory. Today is the
 * context's clock's: the form follows it from one day to the next.
 *
 * The form saves itself: every pick goes to the journal's writer at
 * once, the note after a pause in typing, and whatever is left at once
 * when the page is left, another day is shown, the day changes, the
 * window closes or the application quits. The writer keeps what it was
 * given until it is in the journal. The first save of a day's editing
 * offers to undo it all, back to the entry as it stood before.
 *
 * What was done and how the day was are saved on their own, through the
 * same writer, so that a day can have them without a pain score; a tick
 * is its own undo. */

/* How long typing in the note pauses before the note is saved. */
#define NOTE_SAVE_DELAY_MS 1000

typedef enum
{
  STATUS_IDLE,
  STATUS_SAVING,
  STATUS_SAVED,
  STATUS_WAITING,
  STATUS_INCOMPLETE,
  STATUS_FAILED,
} SaveStatus;

struct _LimberJournalPage
{
  AdwBin                 parent_instance;

  LimberContext         *context;
  /* The form shows today's entry and moves on with the day. */
  gboolean               follows_today;

  /* The day's entry as it stood before this editing of it began, for
   * Undo; %NULL when the day had none. */
  LimberPainEntry       *baseline;
  /* The user changed something since the day was shown. */
  gboolean               edited;
  /* A save of this editing went out: its Undo toast was offered. */
  gboolean               undo_offered;
  /* The shown day has an entry in the journal. */
  gboolean               stored;
  /* The last save of the shown day was refused: the form holds what is
   * not saved. */
  gboolean               refused;
  guint                  saves_in_flight;
  /* Day → Unsettled, for the writes not back from the writer. */
  GHashTable            *unsettled;
  /* Day → DetailsUnsettled, the same for what was done and how the day
   * was. */
  GHashTable            *details_unsettled;
  /* The problem card tells of a refused save. */
  gboolean               problem_is_refusal;
  guint                  note_timeout_id;
  SaveStatus             status;
  /* The user chose to close the window without the unfinished entry. */
  gboolean               discard_unfinished;

  GtkWindow             *window;
  GApplication          *application;
  LimberJournalWriter   *watched_writer;

  AdwToastOverlay       *toast_overlay;
  GtkScrolledWindow     *scroller;
  GtkRevealer           *problem_revealer;
  GtkLabel              *problem_label;
  GtkLabel              *day_title;
  GtkLabel              *status_label;
  GtkButton             *today_button;
  LimberPainEntryEditor *editor;
  GtkButton             *delete_button;
  GtkButton             *problem_dismiss;
  GtkRevealer           *medication_revealer;
  GtkLabel              *medication_label;
  GtkButton             *medication_dismiss;
  LimberDayDetailsEditor *details;
  LimberJournalHistory  *history;
};

G_DEFINE_FINAL_TYPE (LimberJournalPage, limber_journal_page, ADW_TYPE_BIN)

static void flush (LimberJournalPage *self);

static const char *
today (LimberJournalPage *self)
{
  return limber_clock_get_today (limber_context_get_clock (self->context));
}

static const char *
shown_day (LimberJournalPage *self)
{
  return limber_pain_entry_editor_get_day (self->editor);
}

static char *
format_day (LimberJournalPage *self,
            const char        *day)
{
  return limber_journal_history_format_day (day, today (self));
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

/* The quiet line under the title that says where the entry stands. */
static void
set_status (LimberJournalPage *self,
            SaveStatus         status)
{
  LimberJournalWriter *writer = self->context ? limber_context_get_writer (self->context) : NULL;
  const char *problem = writer ? limber_journal_writer_get_problem (writer) : NULL;
  g_autofree char *text = NULL;

  self->status = status;
  switch (status)
    {
    case STATUS_IDLE:
      text = g_strdup (_("Changes are saved as you make them"));
      break;
    case STATUS_SAVING:
      text = g_strdup (_("Saving…"));
      break;
    case STATUS_SAVED:
      text = g_strdup (_("Saved"));
      break;
    case STATUS_WAITING:
      if (problem != NULL)
        /* Translators: %s says why, such as “The disk is full.”. */
        text = g_strdup_printf (_("Kept, to be saved in the journal as soon as it can be. %s"), problem);
      else
        text = g_strdup (_("Kept, to be saved in the journal as soon as it can be"));
      break;
    case STATUS_INCOMPLETE:
      text = g_strdup (_("Pick the average pain to save this entry"));
      break;
    case STATUS_FAILED:
      text = g_strdup (_("Not saved"));
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (self->status_label, text);
  if (status == STATUS_INCOMPLETE || status == STATUS_WAITING)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  if (status == STATUS_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (status == STATUS_IDLE || status == STATUS_SAVING || status == STATUS_SAVED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
}

/* What the user can do about a refused save, after what went wrong. The
 * writer keeps every save that may yet be stored: only one it can never
 * store comes here. */
static char *
describe_failure (const GError *error)
{
  if (g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT))
    /* Translators: %s says what is wrong with the entry. */
    return g_strdup_printf (_("Your entry was not saved: %s. It is still in the form; it is saved as soon as you correct it."),
                            error->message);

  /* Translators: %s says what went wrong. */
  return g_strdup_printf (_("Your entry was not saved: %s. It is still in the form. Restart Limber to try again."),
                          error->message);
}

/* History */

static void delete_day (LimberJournalPage *self,
                        const char        *day);

static void
reload_history (LimberJournalPage *self)
{
  LimberJournal *journal = self->context ? limber_context_get_journal (self->context) : NULL;
  g_autoptr (GError) error = NULL;

  if (!limber_journal_history_reload (self->history, journal, self->context ? today (self) : NULL, &error))
    show_problem (self, error->message);
}

static void
history_day_activated_cb (LimberJournalPage *self,
                          const char        *day)
{
  limber_journal_page_show_day (self, day);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
}

static void
history_delete_requested_cb (LimberJournalPage *self,
                             const char        *day)
{
  delete_day (self, day);
}

/* The last row of the list had the keyboard focus. */
static void
history_focus_released_cb (LimberJournalPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->today_button));
}

/* Saving */

/* A save or deletion sent to the writer and not back yet: what the day
 * will hold once it is done, %NULL for nothing. A day shown again
 * meanwhile is shown from here, not from the journal, which may not have
 * it yet. */
typedef struct
{
  LimberPainEntry *entry;
  guint            in_flight;
} Unsettled;

static void
unsettled_free (Unsettled *unsettled)
{
  g_clear_pointer (&unsettled->entry, limber_pain_entry_free);
  g_free (unsettled);
}

/* What a write sent to the writer takes with it. */
typedef struct
{
  LimberJournalPage *self;
  char              *day;
  /* The first save of an editing offers to undo it, back to this. */
  gboolean           offer_undo;
  LimberPainEntry   *baseline;
} Write;

static void
write_free (Write *write)
{
  g_object_unref (write->self);
  g_free (write->day);
  g_clear_pointer (&write->baseline, limber_pain_entry_free);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

static Write *
write_new (LimberJournalPage     *self,
           const char            *day,
           const LimberPainEntry *entry)
{
  Write *write = g_new0 (Write, 1);
  Unsettled *unsettled = g_hash_table_lookup (self->unsettled, day);

  write->self = g_object_ref (self);
  write->day = g_strdup (day);

  if (unsettled == NULL)
    {
      unsettled = g_new0 (Unsettled, 1);
      g_hash_table_insert (self->unsettled, g_strdup (day), unsettled);
    }
  g_clear_pointer (&unsettled->entry, limber_pain_entry_free);
  unsettled->entry = entry ? limber_pain_entry_copy (entry) : NULL;
  unsettled->in_flight++;
  return write;
}

/* The write is back from the writer. */
static void
settle (Write *write)
{
  GHashTable *unsettled_days = write->self->unsettled;
  Unsettled *unsettled = g_hash_table_lookup (unsettled_days, write->day);

  g_assert (unsettled != NULL && unsettled->in_flight > 0);
  if (--unsettled->in_flight == 0)
    g_hash_table_remove (unsettled_days, write->day);
}

static void
update_delete_button (LimberJournalPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->stored);
}

/* The title says which day the form is for, and whether that is today;
 * so do the form's questions. */
static void
update_title (LimberJournalPage *self)
{
  const char *day = shown_day (self);
  gboolean is_today = g_str_equal (day, today (self));
  g_autofree char *date = format_day (self, day);
  g_autofree char *title = NULL;

  if (is_today)
    /* Translators: %s is the day, such as “Wednesday, 25 November”. */
    title = g_strdup_printf (_("Today, %s"), date);
  gtk_label_set_label (self->day_title, title ? title : date);
  gtk_widget_set_visible (GTK_WIDGET (self->today_button), !is_today);
  limber_pain_entry_editor_set_day_name (self->editor, is_today ? NULL : date);
}

static void load_details     (LimberJournalPage *self,
                              const char        *day);
static void flush_details    (LimberJournalPage *self);
static void check_medication (LimberJournalPage *self);

/* Shows @day's entry, or an empty form for it, as a new editing, and
 * what was done on it. What the form held must have been flushed. */
static void
load_day (LimberJournalPage *self,
          const char        *day)
{
  LimberJournal *journal = limber_context_get_journal (self->context);
  Unsettled *unsettled = g_hash_table_lookup (self->unsettled, day);
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  if (unsettled != NULL)
    entry = unsettled->entry ? limber_pain_entry_copy (unsettled->entry) : NULL;
  else if (journal != NULL)
    {
      entry = limber_journal_get_pain_entry (journal, day, &error);
      if (error != NULL)
        show_problem (self, error->message);
    }

  /* Typing in the details waits for a pause: it goes now. */
  flush_details (self);
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  limber_pain_entry_editor_load (self->editor, entry, day);
  g_clear_pointer (&self->baseline, limber_pain_entry_free);
  self->baseline = entry ? limber_pain_entry_copy (entry) : NULL;
  self->edited = FALSE;
  self->undo_offered = FALSE;
  self->refused = FALSE;
  self->stored = entry != NULL;
  self->follows_today = g_str_equal (day, today (self));

  update_title (self);
  update_delete_button (self);
  set_status (self, self->stored ? STATUS_SAVED : STATUS_IDLE);
  load_details (self, day);
  if (g_str_equal (day, today (self)))
    check_medication (self);
}

void
limber_journal_page_show_day (LimberJournalPage *self,
                              const char        *day)
{
  g_return_if_fail (LIMBER_IS_JOURNAL_PAGE (self));
  g_return_if_fail (self->context != NULL);
  g_return_if_fail (limber_day_is_valid (day));

  flush (self);
  /* The form already holds the day, with what was typed since. */
  if (g_str_equal (day, shown_day (self)) && self->edited)
    {
      self->follows_today = g_str_equal (day, today (self));
      update_title (self);
      return;
    }
  load_day (self, day);
}

static void
back_to_today_cb (LimberJournalPage *self)
{
  limber_journal_page_show_day (self, today (self));
}

static void
history_day_picked_cb (LimberJournalPage *self,
                       const char        *day)
{
  if (strcmp (day, today (self)) > 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That day has not come yet")));
      return;
    }

  limber_journal_page_show_day (self, day);
}

/* The writer tells when what it kept is in the journal at last. */
static void
writer_pending_cb (LimberJournalPage *self)
{
  if (self->status == STATUS_WAITING &&
      limber_journal_writer_get_pending (self->watched_writer) == 0)
    set_status (self, STATUS_SAVED);
  else if (self->status == STATUS_WAITING)
    set_status (self, STATUS_WAITING);
}

static void
watch_writer (LimberJournalPage   *self,
              LimberJournalWriter *writer)
{
  if (self->watched_writer == writer)
    return;
  if (self->watched_writer != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_writer, self);
  g_set_object (&self->watched_writer, writer);
  g_signal_connect_object (writer, "notify::pending", G_CALLBACK (writer_pending_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (writer, "notify::problem", G_CALLBACK (writer_pending_cb), self, G_CONNECT_SWAPPED);
}

static void undo_edit_cb (AdwToast          *toast,
                          LimberJournalPage *self);

/* Offers to undo the editing of @day that began from @baseline. */
static void
offer_undo (LimberJournalPage     *self,
            const char            *day,
            const LimberPainEntry *baseline)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_str_equal (day, today (self)))
    title = g_strdup (_("Today’s entry is saved as you go"));
  else
    {
      g_autofree char *date = format_day (self, day);

      /* Translators: %s is a day, such as “Wednesday, 25 November”. */
      title = g_strdup_printf (_("The entry of %s is saved as you go"), date);
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "day", g_strdup (day), g_free);
  if (baseline != NULL)
    g_object_set_data_full (G_OBJECT (toast), "baseline", limber_pain_entry_copy (baseline),
                            (GDestroyNotify) limber_pain_entry_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_edit_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (Write) write = user_data;
  LimberJournalPage *self = write->self;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  gboolean waiting = FALSE;
  gboolean shown;

  entry = limber_journal_writer_save_pain_entry_finish (LIMBER_JOURNAL_WRITER (object), result, &waiting, &error);
  settle (write);
  self->saves_in_flight--;
  if (self->context == NULL)
    return;

  shown = g_str_equal (write->day, shown_day (self));
  if (entry == NULL)
    {
      g_autofree char *message = describe_failure (error);

      /* The form keeps what the user typed, and saves it with the next
       * change. */
      show_problem (self, message);
      self->problem_is_refusal = TRUE;
      if (shown)
        {
          self->refused = TRUE;
          set_status (self, STATUS_FAILED);
        }
      return;
    }

  if (self->problem_is_refusal)
    {
      self->problem_is_refusal = FALSE;
      gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
    }

  if (waiting)
    watch_writer (self, LIMBER_JOURNAL_WRITER (object));
  if (shown)
    {
      self->stored = TRUE;
      update_delete_button (self);
      if (self->status == STATUS_SAVING || self->status == STATUS_SAVED || self->status == STATUS_WAITING)
        set_status (self, waiting ? STATUS_WAITING : self->saves_in_flight > 0 ? STATUS_SAVING : STATUS_SAVED);
    }
  if (write->offer_undo)
    offer_undo (self, write->day, write->baseline);
  reload_history (self);
}

/* Sends what the form holds to the writer, now, when it holds anything
 * not sent yet. An entry without its required average cannot be saved:
 * the status line asks for it. */
static void
flush_entry (LimberJournalPage *self)
{
  LimberJournalWriter *writer;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GDateTime) now = NULL;
  Write *write;

  if (self->context == NULL || *shown_day (self) == '\0')
    return;
  if (!limber_pain_entry_editor_has_changes (self->editor) && !self->refused)
    return;

  if (!limber_pain_entry_editor_is_complete (self->editor))
    {
      set_status (self, STATUS_INCOMPLETE);
      return;
    }

  writer = limber_context_get_writer (self->context);
  if (writer == NULL)
    {
      set_status (self, STATUS_FAILED);
      return;
    }

  entry = limber_pain_entry_editor_read (self->editor);
  limber_pain_entry_editor_mark_saved (self->editor, entry);
  self->refused = FALSE;

  write = write_new (self, entry->day, entry);
  if (!self->undo_offered)
    {
      self->undo_offered = TRUE;
      write->offer_undo = TRUE;
      write->baseline = self->baseline ? limber_pain_entry_copy (self->baseline) : NULL;
    }
  self->saves_in_flight++;
  set_status (self, STATUS_SAVING);

  now = limber_clock_now (limber_context_get_clock (self->context));
  limber_journal_writer_save_pain_entry_async (writer, entry, now, NULL, saved_cb, write);
}

/* Sends all the form holds that was not sent yet. */
static void
flush (LimberJournalPage *self)
{
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  flush_entry (self);
  flush_details (self);
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  LimberJournalPage *self = user_data;

  self->note_timeout_id = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

static void
editor_changed_cb (LimberJournalPage *self,
                   gboolean           typing)
{
  self->edited = TRUE;
  if (!typing)
    {
      flush (self);
      return;
    }

  /* Typing saves once it pauses, not at each key. */
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
  g_source_set_name_by_id (self->note_timeout_id, "[limber] journal note save");
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  flush (LIMBER_JOURNAL_PAGE (widget));
}

/* What was done, how the day was */

/* What the details saves sent to the writer will make of their day, as
 * Unsettled does for the entry; a part %NULL was not sent. */
typedef struct
{
  GPtrArray         *day_factors;
  LimberDayMeasures *measures;
  guint              in_flight;
} DetailsUnsettled;

static void
details_unsettled_free (DetailsUnsettled *unsettled)
{
  g_clear_pointer (&unsettled->day_factors, g_ptr_array_unref);
  g_clear_pointer (&unsettled->measures, limber_day_measures_free);
  g_free (unsettled);
}

typedef struct
{
  LimberJournalPage *self;
  char              *day;
} DetailsWrite;

static void
details_write_free (DetailsWrite *write)
{
  g_object_unref (write->self);
  g_free (write->day);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetailsWrite, details_write_free)

/* The word on pain medication counts as said once it is on the screen. */
static void
note_medication_said (LimberJournalPage *self)
{
  if (self->context != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_revealer_get_reveal_child (self->medication_revealer))
    g_settings_set_string (limber_context_get_state (self->context), "medication-notice-day", today (self));
}

/* Says once, and again only after as long as the insight looks back,
 * that needing pain medication on most days is worth a word with a
 * doctor or pharmacist. Never what or how much to take. */
static void
check_medication (LimberJournalPage *self)
{
  LimberJournal *journal = limber_context_get_journal (self->context);
  GSettings *state = limber_context_get_state (self->context);
  g_autofree char *said = NULL;
  g_autofree char *again = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gboolean regular = FALSE;

  if (journal == NULL || gtk_revealer_get_reveal_child (self->medication_revealer))
    return;
  said = g_settings_get_string (state, "medication-notice-day");
  if (limber_day_is_valid (said))
    {
      again = limber_day_add (said, LIMBER_FACTOR_INSIGHT_DAYS);
      if (strcmp (today (self), again) < 0)
        return;
    }
  if (!limber_journal_medication_is_regular (journal, today (self), &regular, &error))
    {
      g_warning ("Could not read the medication of the last weeks: %s", error->message);
      return;
    }
  if (!regular)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %u is a number of weeks. */
                                      "You logged pain medication on most days for %u week. Needing it that often is worth talking over with a doctor or pharmacist, who can look at what is behind the pain.",
                                      "You logged pain medication on most days for %u weeks. Needing it that often is worth talking over with a doctor or pharmacist, who can look at what is behind the pain.",
                                      LIMBER_MEDICATION_WEEKS),
                          LIMBER_MEDICATION_WEEKS);
  gtk_label_set_label (self->medication_label, text);
  gtk_revealer_set_reveal_child (self->medication_revealer, TRUE);
  note_medication_said (self);
}

static void
dismiss_medication_cb (LimberJournalPage *self)
{
  gtk_revealer_set_reveal_child (self->medication_revealer, FALSE);
}

/* Offers today's active time, which the daemon measures, as the hours at
 * the desk. */
static void
update_measured_desk (LimberJournalPage *self)
{
  LimberBreaks *breaks = self->context ? limber_context_get_breaks (self->context) : NULL;
  const char *day = limber_day_details_editor_get_day (self->details);
  GVariant *today_active;
  int tenths = LIMBER_MEASURE_UNSET;

  if (*day == '\0')
    return;
  if (breaks != NULL && g_str_equal (day, today (self)) &&
      (today_active = limber_breaks_get_today_active (breaks)) != NULL)
    {
      gint64 active_s = limber_today_active_s (today_active, g_get_monotonic_time ());

      /* Less than a tenth of an hour is no time at the desk to offer. */
      if (active_s >= 360)
        tenths = (int) MIN (LIMBER_DAY_TENTHS_MAX, active_s / 360);
    }
  limber_day_details_editor_set_measured_desk (self->details, tenths);
}

/* The factors to offer on @day: those in use, and the retired ones done
 * on it, so that they can be unticked. */
static GPtrArray *
offered_factors (GPtrArray *all,
                 GPtrArray *day_factors)
{
  GPtrArray *offered = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_factor_free);

  for (guint i = 0; i < all->len; i++)
    {
      const LimberFactor *factor = g_ptr_array_index (all, i);
      gboolean done = FALSE;

      for (guint j = 0; factor->retired && day_factors != NULL && j < day_factors->len; j++)
        done = done || g_str_equal (((LimberDayFactor *) g_ptr_array_index (day_factors, j))->factor_uuid, factor->uuid);
      if (!factor->retired || done)
        g_ptr_array_add (offered, limber_factor_copy (factor));
    }
  return offered;
}

static void
load_changes (LimberJournalPage *self,
              const char        *day)
{
  LimberJournal *journal = limber_context_get_journal (self->context);
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  if (journal != NULL)
    changes = limber_journal_list_life_changes (journal, day, day, &error);
  if (error != NULL)
    show_problem (self, error->message);
  limber_day_details_editor_set_changes (self->details, changes);
}

/* Shows what was done on @day and how it was, as a new editing. */
static void
load_details (LimberJournalPage *self,
              const char        *day)
{
  LimberJournal *journal = limber_context_get_journal (self->context);
  DetailsUnsettled *unsettled = g_hash_table_lookup (self->details_unsettled, day);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) offered = NULL;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  g_auto (GStrv) medicines = NULL;
  g_autoptr (GError) error = NULL;

  if (journal != NULL)
    {
      all = limber_journal_list_factors (journal, TRUE, &error);
      if (all != NULL)
        day_factors = unsettled != NULL && unsettled->day_factors != NULL
                      ? limber_day_factors_copy (unsettled->day_factors)
                      : limber_journal_get_day_factors (journal, day, &error);
      if (all != NULL && error == NULL)
        measures = unsettled != NULL && unsettled->measures != NULL
                   ? limber_day_measures_copy (unsettled->measures)
                   : limber_journal_get_day_measures (journal, day, &error);
      if (all != NULL && error == NULL)
        medicines = limber_journal_list_medicines (journal, &error);
      if (error != NULL)
        show_problem (self, error->message);
    }
  /* A form that does not show what the journal holds must not save over
   * it: without the journal, there is nothing to tick. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->details), journal != NULL && error == NULL);
  if (all == NULL)
    all = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_factor_free);

  offered = offered_factors (all, day_factors);
  limber_day_details_editor_load (self->details, day, offered, day_factors, measures,
                                  (const char * const *) medicines);
  update_measured_desk (self);
  load_changes (self, day);
}

static void
details_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DetailsWrite) write = user_data;
  LimberJournalPage *self = write->self;
  DetailsUnsettled *unsettled = g_hash_table_lookup (self->details_unsettled, write->day);
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  gboolean waiting = FALSE;

  entry = limber_journal_writer_save_day_finish (LIMBER_JOURNAL_WRITER (object), result, &waiting, &error);
  g_assert (unsettled != NULL && unsettled->in_flight > 0);
  if (--unsettled->in_flight == 0)
    g_hash_table_remove (self->details_unsettled, write->day);
  self->saves_in_flight--;
  if (self->context == NULL)
    return;

  if (error != NULL)
    {
      /* Translators: %s says what is wrong. */
      g_autofree char *message = g_strdup_printf (_("What you did and how the day was are not saved: %s. They are still in the form."),
                                                  error->message);

      show_problem (self, message);
      self->problem_is_refusal = TRUE;
      /* Sent again, all of it, with the next change or when the day is
       * left. */
      if (g_str_equal (write->day, limber_day_details_editor_get_day (self->details)))
        limber_day_details_editor_mark_unsaved (self->details);
      if (g_str_equal (write->day, shown_day (self)))
        set_status (self, STATUS_FAILED);
      return;
    }

  if (self->problem_is_refusal)
    {
      self->problem_is_refusal = FALSE;
      gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
    }
  /* Anything the writer still keeps, of this save or another, is told. */
  waiting = waiting || limber_journal_writer_get_pending (LIMBER_JOURNAL_WRITER (object)) > 0;
  if (waiting)
    watch_writer (self, LIMBER_JOURNAL_WRITER (object));
  if (g_str_equal (write->day, shown_day (self)) &&
      (self->status == STATUS_IDLE || self->status == STATUS_SAVING ||
       self->status == STATUS_SAVED || self->status == STATUS_WAITING))
    set_status (self, waiting ? STATUS_WAITING : self->saves_in_flight > 0 ? STATUS_SAVING : STATUS_SAVED);
  if (!waiting && g_str_equal (write->day, today (self)))
    check_medication (self);
}

/* Sends what was done and how the day was to the writer, when they hold
 * anything not sent yet. */
static void
flush_details (LimberJournalPage *self)
{
  const char *day = limber_day_details_editor_get_day (self->details);
  LimberJournalWriter *writer;
  g_autoptr (GPtrArray) day_factors = NULL;
  g_autoptr (LimberDayMeasures) measures = NULL;
  g_autoptr (GDateTime) now = NULL;
  DetailsUnsettled *unsettled;
  DetailsWrite *write;

  if (self->context == NULL || *day == '\0' || !limber_day_details_editor_has_changes (self->details))
    return;
  writer = limber_context_get_writer (self->context);
  if (writer == NULL)
    {
      set_status (self, STATUS_FAILED);
      return;
    }

  limber_day_details_editor_read_changes (self->details, &day_factors, &measures);
  limber_day_details_editor_mark_saved (self->details);

  unsettled = g_hash_table_lookup (self->details_unsettled, day);
  if (unsettled == NULL)
    {
      unsettled = g_new0 (DetailsUnsettled, 1);
      g_hash_table_insert (self->details_unsettled, g_strdup (day), unsettled);
    }
  if (day_factors != NULL)
    {
      g_clear_pointer (&unsettled->day_factors, g_ptr_array_unref);
      unsettled->day_factors = limber_day_factors_copy (day_factors);
    }
  if (measures != NULL)
    {
      g_clear_pointer (&unsettled->measures, limber_day_measures_free);
      unsettled->measures = limber_day_measures_copy (measures);
    }
  unsettled->in_flight++;

  write = g_new0 (DetailsWrite, 1);
  write->self = g_object_ref (self);
  write->day = g_strdup (day);
  self->saves_in_flight++;
  if (self->status != STATUS_INCOMPLETE && self->status != STATUS_FAILED)
    set_status (self, STATUS_SAVING);

  now = limber_clock_now (limber_context_get_clock (self->context));
  limber_journal_writer_save_day_async (writer, NULL, day, day_factors, measures, now, NULL,
                                        details_saved_cb, write);
}

static void
details_changed_cb (LimberJournalPage *self,
                    gboolean           typing)
{
  if (!typing)
    {
      flush_details (self);
      return;
    }

  g_clear_handle_id (&self->note_timeout_id, g_source_remove);
  self->note_timeout_id = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
  g_source_set_name_by_id (self->note_timeout_id, "[limber] journal note save");
}

/* The factors were added to, renamed or retired: the form offers them
 * as they are now, with the ticks it held. */
static void
factors_changed_cb (LimberJournalPage *self)
{
  g_autofree char *day = g_strdup (limber_day_details_editor_get_day (self->details));

  flush_details (self);
  if (*day != '\0')
    load_details (self, day);
}

static void
manage_factors_cb (LimberJournalPage *self)
{
  GtkWidget *dialog;

  if (self->context == NULL || self->window == NULL)
    return;
  dialog = limber_factors_dialog_new (self->window, self->context);
  g_signal_connect_object (dialog, "factors-changed", G_CALLBACK (factors_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A change to store, as of the page's clock. */
typedef struct
{
  LimberLifeChange *change;
  GDateTime        *now;
} ChangeJob;

static void
change_job_free (ChangeJob *job)
{
  limber_life_change_free (job->change);
  g_date_time_unref (job->now);
  g_free (job);
}

/* On the writer's thread: stores the change given, and gives back its
 * UUID. */
static gpointer
add_change_job (LimberJournal  *journal,
                gpointer        data,
                GError        **error)
{
  ChangeJob *job = data;

  if (!limber_journal_add_life_change (journal, job->change, job->now, error))
    return NULL;
  return g_strdup (job->change->uuid);
}

/* On the writer's thread: deletes the change of the UUID given, and
 * gives it back for Undo, or %NULL when it was not there. */
static gpointer
remove_change_job (LimberJournal  *journal,
                   gpointer        data,
                   GError        **error)
{
  const char *uuid = data;
  g_autoptr (GPtrArray) changes = NULL;

  changes = limber_journal_list_life_changes (journal, NULL, NULL, error);
  if (changes == NULL)
    return NULL;
  for (guint i = 0; i < changes->len; i++)
    {
      LimberLifeChange *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->uuid, uuid))
        {
          if (!limber_journal_delete_life_change (journal, uuid, error))
            return NULL;
          return g_ptr_array_steal_index (changes, i);
        }
    }
  return NULL;
}

static void
change_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (LimberJournalPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;

  uuid = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  if (self->context == NULL)
    return;
  if (uuid == NULL)
    {
      /* Translators: %s says what went wrong. */
      g_autofree char *message = g_strdup_printf (_("The change was not saved: %s"), error->message);

      show_problem (self, message);
      return;
    }
  load_changes (self, limber_day_details_editor_get_day (self->details));
}

static void
store_change (LimberJournalPage *self,
              LimberLifeChange  *change)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);
  ChangeJob *job;

  if (writer == NULL)
    {
      limber_life_change_free (change);
      return;
    }
  job = g_new0 (ChangeJob, 1);
  job->change = change;
  job->now = limber_clock_now (limber_context_get_clock (self->context));
  limber_journal_writer_run_async (writer, add_change_job, job, (GDestroyNotify) change_job_free,
                                   g_free, NULL, change_added_cb, g_object_ref (self));
}

static void
add_change_cb (LimberJournalPage *self,
               const char        *text)
{
  g_autoptr (LimberLifeChange) change = NULL;
  g_autoptr (GError) error = NULL;

  if (self->context == NULL)
    return;
  change = limber_life_change_new (limber_day_details_editor_get_day (self->details), text);
  if (!limber_life_change_validate (change, &error))
    {
      show_problem (self, error->message);
      return;
    }
  store_change (self, g_steal_pointer (&change));
}

static void
undo_remove_change_cb (AdwToast          *toast,
                       LimberJournalPage *self)
{
  const LimberLifeChange *change = g_object_get_data (G_OBJECT (toast), "change");
  LimberLifeChange *copy = limber_life_change_new (change->day, change->text);

  /* Back as it was, UUID and all. */
  g_strlcpy (copy->uuid, change->uuid, sizeof copy->uuid);
  store_change (self, copy);
}

static void
change_removed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (LimberJournalPage) self = user_data;
  g_autoptr (LimberLifeChange) change = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  change = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  if (self->context == NULL)
    return;
  /* Gone already, maybe by another program's doing: the list says so. */
  load_changes (self, limber_day_details_editor_get_day (self->details));
  if (error != NULL)
    show_problem (self, error->message);
  if (change == NULL)
    return;

  /* Translators: %s is a change, such as “New chair”. */
  title = g_strdup_printf (_("“%s” removed"), change->text);
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_change_cb), self, 0);
  g_object_set_data_full (G_OBJECT (toast), "change", g_steal_pointer (&change),
                          (GDestroyNotify) limber_life_change_free);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remove_change_cb (LimberJournalPage *self,
                  const char        *uuid)
{
  LimberJournalWriter *writer = self->context ? limber_context_get_writer (self->context) : NULL;

  if (writer == NULL)
    return;
  limber_journal_writer_run_async (writer, remove_change_job, g_strdup (uuid), g_free,
                                   (GDestroyNotify) limber_life_change_free, NULL,
                                   change_removed_cb, g_object_ref (self));
}

/* Undo and delete */

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

/* An Undo is back from the writer: the list shows the day as it is now,
 * and so does the form when it shows that day untouched. */
static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (Write) write = user_data;
  LimberJournalPage *self = write->self;
  g_autoptr (GError) error = NULL;
  gpointer done;

  if (g_task_get_source_tag (G_TASK (result)) == limber_journal_writer_save_pain_entry_async)
    done = limber_journal_writer_save_pain_entry_finish (LIMBER_JOURNAL_WRITER (object), result, NULL, &error);
  else
    done = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  g_clear_pointer (&done, limber_pain_entry_free);
  settle (write);
  if (self->context == NULL)
    return;

  if (error != NULL)
    {
      show_problem (self, error->message);
      return;
    }

  reload_history (self);
  if (g_str_equal (write->day, shown_day (self)) && !self->edited)
    load_day (self, write->day);
}

/* Puts @day back as @entry held it, or with no entry when it is %NULL. */
static void
restore_day (LimberJournalPage     *self,
             const char            *day,
             const LimberPainEntry *entry)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);
  Write *write;

  if (writer == NULL)
    return;

  write = write_new (self, day, entry);
  if (entry != NULL)
    {
      g_autoptr (GDateTime) now = limber_clock_now (limber_context_get_clock (self->context));

      /* It comes back as it was, UUID and all. */
      limber_journal_writer_save_pain_entry_async (writer, entry, now, NULL, restored_cb, write);
    }
  else
    limber_journal_writer_run_async (writer, delete_job, g_strdup (day), g_free,
                                     (GDestroyNotify) limber_pain_entry_free, NULL,
                                     restored_cb, write);
}

static void
undo_edit_cb (AdwToast          *toast,
              LimberJournalPage *self)
{
  const char *day = g_object_get_data (G_OBJECT (toast), "day");
  const LimberPainEntry *baseline = g_object_get_data (G_OBJECT (toast), "baseline");

  restore_day (self, day, baseline);
  /* What was typed since goes too: it belongs to the editing undone. */
  if (g_str_equal (day, shown_day (self)))
    load_day (self, day);
}

static void
undo_delete_cb (AdwToast          *toast,
                LimberJournalPage *self)
{
  const LimberPainEntry *entry = g_object_get_data (G_OBJECT (toast), "entry");

  restore_day (self, entry->day, entry);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (Write) write = user_data;
  LimberJournalPage *self = write->self;
  g_autoptr (LimberPainEntry) entry = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  entry = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (object), result, &error);
  settle (write);
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
  if (g_str_equal (shown_day (self), entry->day))
    load_day (self, entry->day);
  g_object_set_data_full (G_OBJECT (toast), "entry", g_steal_pointer (&entry),
                          (GDestroyNotify) limber_pain_entry_free);
}

static void
delete_day (LimberJournalPage *self,
            const char        *day)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);

  if (writer == NULL)
    return;

  /* What was typed goes into the journal first, so that Undo brings back
   * all of it. */
  if (g_str_equal (day, shown_day (self)))
    flush (self);
  limber_journal_writer_run_async (writer, delete_job, g_strdup (day), g_free,
                                   (GDestroyNotify) limber_pain_entry_free, NULL,
                                   deleted_cb, write_new (self, day, NULL));
}

static void
delete_shown_cb (LimberJournalPage *self)
{
  g_autofree char *day = g_strdup (shown_day (self));

  delete_day (self, day);
}

/* Warnings, the journal, the day */

static void
red_flag_ticked_cb (LimberJournalPage *self,
                    guint              flag)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  limber_red_flag_advice_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, flag);
}

/* The problem card and the list's placeholder say where the journal
 * stands. */
static void
journal_state_changed_cb (LimberJournalPage *self)
{
  LimberJournalState state = limber_context_get_journal_state (self->context);

  limber_journal_history_set_opening (self->history, state == LIMBER_JOURNAL_STATE_OPENING);

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
      self->problem_is_refusal = FALSE;
      show_problem (self, message);
    }
  else if (state == LIMBER_JOURNAL_STATE_READY && limber_context_get_journal_notice (self->context) != NULL)
    {
      self->problem_is_refusal = FALSE;
      show_problem (self, limber_context_get_journal_notice (self->context));
    }
  else if (state != LIMBER_JOURNAL_STATE_READY)
    /* What was said of a journal before is past. */
    gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

/* The journal may come long after the page, or be replaced: the page
 * fills in from it. */
static void
journal_changed_cb (LimberJournalPage *self)
{
  reload_history (self);

  /* What the user did while the journal was on its way went to the
   * writer, which stores it once it can: the form keeps it. */
  if (self->edited)
    {
      g_autofree char *day = g_strdup (limber_day_details_editor_get_day (self->details));

      flush (self);
      /* The entry stays as typed; what was done comes from the journal. */
      if (*day != '\0')
        load_details (self, day);
    }
  else
    {
      g_autofree char *day = g_strdup (self->follows_today ? today (self) : shown_day (self));

      load_day (self, day);
    }
}

/* A page left open overnight moves on to the new day, unless the user
 * was editing the day that ended: the form stays with that day, saying
 * it is no longer today. Everything else here follows from the day
 * alone, and a zone change that moves the day emits this too. */
static void
day_changed_cb (LimberJournalPage *self)
{
  flush (self);
  /* Days written with the year depend on today's, and the list holds
   * the days before today. */
  reload_history (self);
  if (self->follows_today && !self->edited)
    load_day (self, today (self));
  else
    {
      self->follows_today = FALSE;
      update_title (self);
    }
}

/* Leaving */

static gboolean
close_window_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
unfinished_response_cb (LimberJournalPage *self,
                        const char        *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard_unfinished = TRUE;
      /* Once the dialog, which goes with the window, has finished. */
      if (self->window != NULL)
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_cb, g_object_ref (self->window), g_object_unref);
      return;
    }

  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-page", "s", "journal");
  limber_pain_entry_editor_focus_missing (self->editor);
}

/* An entry without its average cannot be saved: closing the window
 * would lose what was typed without a word, so the window asks first. */
static gboolean
window_close_request_cb (LimberJournalPage *self)
{
  AdwMessageDialog *dialog;

  flush (self);
  if (self->discard_unfinished || self->context == NULL || *shown_day (self) == '\0' ||
      !limber_pain_entry_editor_has_changes (self->editor) ||
      limber_pain_entry_editor_is_complete (self->editor))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->window, _("Discard the Unfinished Entry?"), NULL));
  adw_message_dialog_set_body (dialog, _("It has no average pain yet, so it cannot be saved. Pick the average pain "
                                         "to keep what you entered."));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  limber_accessible_name_buttons_by_label (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (unfinished_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
application_changed_cb (LimberJournalPage *self)
{
  GtkApplication *application = self->window ? gtk_window_get_application (self->window) : NULL;

  if (self->application == G_APPLICATION (application))
    return;
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  self->application = G_APPLICATION (application);
  /* Before the application's own handler, which closes the writer. */
  if (application != NULL)
    g_signal_connect_object (application, "shutdown", G_CALLBACK (flush), self, G_CONNECT_SWAPPED);
}

static void
limber_journal_page_root (GtkWidget *widget)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (limber_journal_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;
  self->window = GTK_WINDOW (root);
  g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::application", G_CALLBACK (application_changed_cb), self, G_CONNECT_SWAPPED);
  application_changed_cb (self);
}

static void
limber_journal_page_unroot (GtkWidget *widget)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (widget);

  flush (self);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  self->application = NULL;
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  self->window = NULL;

  GTK_WIDGET_CLASS (limber_journal_page_parent_class)->unroot (widget);
}

/* Another page of the window is shown. */
/* The page is shown: today's active time has grown since. */
static void
limber_journal_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (limber_journal_page_parent_class)->map (widget);

  update_measured_desk (LIMBER_JOURNAL_PAGE (widget));
  note_medication_said (LIMBER_JOURNAL_PAGE (widget));
}

static void
limber_journal_page_unmap (GtkWidget *widget)
{
  flush (LIMBER_JOURNAL_PAGE (widget));

  GTK_WIDGET_CLASS (limber_journal_page_parent_class)->unmap (widget);
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
  /* The daemon measures today's active time. */
  g_signal_connect_object (context, "notify::breaks",
                           G_CALLBACK (update_measured_desk), self, G_CONNECT_SWAPPED);
  reload_history (self);
  load_day (self, today (self));
  journal_state_changed_cb (self);
}

static void
limber_journal_page_dispose (GObject *object)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (object);

  /* The last word of a page destroyed with its window. */
  if (self->editor != NULL)
    flush (self);
  g_clear_handle_id (&self->note_timeout_id, g_source_remove);

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (limber_context_get_clock (self->context), self);
    }
  g_clear_object (&self->context);
  if (self->watched_writer != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_writer, self);
  g_clear_object (&self->watched_writer);
  g_clear_pointer (&self->baseline, limber_pain_entry_free);
  /* The toast overlay is both the bin's child and a template child: let
   * the bin drop it, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_JOURNAL_PAGE);

  G_OBJECT_CLASS (limber_journal_page_parent_class)->dispose (object);
}

static void
limber_journal_page_finalize (GObject *object)
{
  LimberJournalPage *self = LIMBER_JOURNAL_PAGE (object);

  /* Writes keep the page alive until they are back. */
  g_assert (g_hash_table_size (self->unsettled) == 0);
  g_assert (g_hash_table_size (self->details_unsettled) == 0);
  g_hash_table_unref (self->unsettled);
  g_hash_table_unref (self->details_unsettled);

  G_OBJECT_CLASS (limber_journal_page_parent_class)->finalize (object);
}

static void
limber_journal_page_class_init (LimberJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_journal_page_dispose;
  object_class->finalize = limber_journal_page_finalize;
  widget_class->root = limber_journal_page_root;
  widget_class->unroot = limber_journal_page_unroot;
  widget_class->map = limber_journal_page_map;
  widget_class->unmap = limber_journal_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, day_title);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, editor);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, history);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, medication_revealer);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, medication_label);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, problem_dismiss);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, medication_dismiss);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalPage, details);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_to_today_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, red_flag_ticked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_day_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_delete_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_focus_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_medication_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, manage_factors_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_change_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_change_cb);

  /* Everything is saved as it changes; Ctrl+S, from habit, saves the
   * note without waiting for the pause in typing. */
  gtk_widget_class_install_action (widget_class, "journal.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "journal.save", NULL);

  g_type_ensure (LIMBER_TYPE_JOURNAL_HISTORY);
  g_type_ensure (LIMBER_TYPE_PAIN_ENTRY_EDITOR);
  g_type_ensure (LIMBER_TYPE_DAY_DETAILS_EDITOR);
}

static void
limber_journal_page_init (LimberJournalPage *self)
{
  self->unsettled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) unsettled_free);
  self->details_unsettled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) details_unsettled_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  limber_accessible_name_buttons_by_label (GTK_WIDGET (self));
  limber_accessible_name_icon_button (GTK_WIDGET (self->problem_dismiss), _("Dismiss"), _("Dismiss the message"));
  limber_accessible_name_icon_button (GTK_WIDGET (self->medication_dismiss), _("Dismiss"),
                                      _("Dismiss the word on pain medication"));
  set_status (self, STATUS_IDLE);
}
