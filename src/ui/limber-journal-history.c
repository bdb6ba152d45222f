/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-journal-history.h"

/* The Journal page's “Earlier Days”: the days logged before today,
 * newest first, each with its pain and whether warning signs were
 * ticked, and a calendar to pick any other day. It only shows: what the
 * user asks of a day goes out as a signal, and the page does it. */

#define HISTORY_DAYS 120

struct _LimberJournalHistory
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *history_list;
  GtkLabel            *history_placeholder;
  GtkPopover          *calendar_popover;
  GtkCalendar         *calendar;
};

G_DEFINE_FINAL_TYPE (LimberJournalHistory, limber_journal_history, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  DAY_ACTIVATED,
  DAY_PICKED,
  DELETE_REQUESTED,
  FOCUS_RELEASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* “Wednesday, 25 November” for a day of this year, with the year else. */
char *
limber_journal_history_format_day (const char *day,
                                   const char *today)
{
  g_autoptr (GDateTime) noon = NULL;
  GDate date;
  GDate today_date;

  g_return_val_if_fail (day != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  /* A day names a date, not a moment: it is written without a zone. */
  limber_day_to_date (day, &date);
  limber_day_to_date (today, &today_date);
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
delete_row_cb (GtkButton            *button,
               LimberJournalHistory *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, g_object_get_data (G_OBJECT (button), "day"));
}

/* A picture that only repeats what the text around it says. */
static GtkWidget *
decoration (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

/* “Pain 4 · worst 6 · 1 warning sign”: one whole string for each case,
 * for the translators. */
static char *
describe_entry (const LimberPainEntry *entry)
{
  guint flags = 0;

  for (guint bits = entry->red_flags; bits != 0; bits &= bits - 1)
    flags++;

  if (flags == 0)
    {
      if (entry->worst != LIMBER_PAIN_SCORE_UNSET)
        /* Translators: “Pain 4 · worst 6”. */
        return g_strdup_printf (_("Pain %d · worst %d"), entry->average, entry->worst);
      /* Translators: “Pain 4”. */
      return g_strdup_printf (_("Pain %d"), entry->average);
    }

  if (entry->worst != LIMBER_PAIN_SCORE_UNSET)
    /* Translators: “Pain 4 · worst 6 · 2 warning signs”: the warning signs
     * ticked that day. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Pain %d · worst %d · %u warning sign",
                                         "Pain %d · worst %d · %u warning signs",
                                         flags),
                            entry->average, entry->worst, flags);
  /* Translators: “Pain 4 · 2 warning signs”: the warning signs ticked that
   * day. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Pain %d · %u warning sign",
                                       "Pain %d · %u warning signs",
                                       flags),
                          entry->average, flags);
}

/* Shows @entry in @row, made by make_row(). */
static void
fill_row (GtkWidget             *row,
          const LimberPainEntry *entry,
          const char            *today)
{
  g_autofree char *title = limber_journal_history_format_day (entry->day, today);
  g_autofree char *subtitle = describe_entry (entry);
  g_autofree char *delete_label = NULL;
  GtkWidget *delete_button = g_object_get_data (G_OBJECT (row), "delete-button");
  GtkWidget *flag_marker = g_object_get_data (G_OBJECT (row), "flag-marker");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* The subtitle says it in words; the marker is for the eye. */
  gtk_widget_set_visible (flag_marker, entry->red_flags != 0);

  /* Translators: %s is a day, such as “Wednesday, 25 November”. */
  delete_label = g_strdup_printf (_("Delete the entry of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
}

static GtkWidget *
make_row (LimberJournalHistory  *self,
          const LimberPainEntry *entry,
          const char            *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *flag_marker = decoration ("dialog-warning-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "day", g_strdup (entry->day), g_free);
  g_object_set_data (G_OBJECT (row), "delete-button", delete_button);
  g_object_set_data (G_OBJECT (row), "flag-marker", flag_marker);

  gtk_widget_add_css_class (flag_marker, "dim-label");
  gtk_widget_set_tooltip_text (flag_marker, _("Warning signs ticked"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag_marker);

  gtk_widget_set_tooltip_text (delete_button, _("Delete"));
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  g_object_set_data_full (G_OBJECT (delete_button), "day", g_strdup (entry->day), g_free);
  g_signal_connect_object (delete_button, "clicked", G_CALLBACK (delete_row_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), decoration ("go-next-symbolic"));

  fill_row (row, entry, today);
  return row;
}

static const char *
row_day (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "day");
}

/* Takes @row out of the list. When the keyboard focus is in it, the focus
 * goes to the row below, or above at the end, so that the list stays
 * where it was rather than jumping to the top; with no row left, the
 * page is told to take it. */
static void
remove_row (LimberJournalHistory *self,
            GtkListBoxRow        *row)
{
  if ((gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    {
      int index = gtk_list_box_row_get_index (row);
      GtkListBoxRow *neighbour = gtk_list_box_get_row_at_index (self->history_list, index + 1);

      if (neighbour == NULL && index > 0)
        neighbour = gtk_list_box_get_row_at_index (self->history_list, index - 1);
      if (neighbour != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (neighbour));
      else
        g_signal_emit (self, signals[FOCUS_RELEASED], 0);
    }
  gtk_list_box_remove (self->history_list, GTK_WIDGET (row));
}

/**
 * limber_journal_history_reload:
 * @journal: (nullable): the journal, %NULL while there is none
 * @today: (nullable): the day the days listed come before; %NULL only
 *   with no journal
 *
 * Brings the list in line with @journal: the days before @today, newest
 * first. Rows of days still there are kept and updated, so that neither
 * the scroll position nor the keyboard focus moves.
 *
 * Returns: %FALSE, with @error set and the list as it was, when the
 * journal could not be read.
 */
gboolean
limber_journal_history_reload (LimberJournalHistory  *self,
                               LimberJournal         *journal,
                               const char            *today,
                               GError               **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *yesterday = NULL;
  GtkListBoxRow *row;
  guint next = 0;
  int index = 0;

  g_return_val_if_fail (LIMBER_IS_JOURNAL_HISTORY (self), FALSE);
  g_return_val_if_fail (journal == NULL || LIMBER_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (journal == NULL || limber_day_is_valid (today), FALSE);

  if (journal == NULL)
    {
      /* The rows only: the placeholder is a child too, and stays. */
      while ((row = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
        gtk_list_box_remove (self->history_list, GTK_WIDGET (row));
      return TRUE;
    }

  yesterday = limber_day_add (today, -1);
  entries = limber_journal_list_pain_entries (journal, NULL, yesterday, HISTORY_DAYS, error);
  if (entries == NULL)
    return FALSE;

  /* Both newest first: walk them side by side. */
  for (;;)
    {
      const LimberPainEntry *entry = next < entries->len ? g_ptr_array_index (entries, next) : NULL;
      int order;

      row = gtk_list_box_get_row_at_index (self->history_list, index);
      if (row == NULL && entry == NULL)
        break;

      order = row == NULL ? -1 : entry == NULL ? 1 : strcmp (row_day (row), entry->day);
      if (order > 0)
        /* A day no longer in the journal, or no longer before today. */
        remove_row (self, row);
      else if (order < 0)
        {
          gtk_list_box_insert (self->history_list, make_row (self, entry, today), index++);
          next++;
        }
      else
        {
          fill_row (GTK_WIDGET (row), entry, today);
          index++;
          next++;
        }
    }
  return TRUE;
}

/**
 * limber_journal_history_set_opening:
 * @opening: whether the journal is still being opened
 *
 * An empty list says why it is empty: the journal is not open yet, or
 * holds no earlier day.
 */
void
limber_journal_history_set_opening (LimberJournalHistory *self,
                                    gboolean              opening)
{
  g_return_if_fail (LIMBER_IS_JOURNAL_HISTORY (self));

  gtk_label_set_label (self->history_placeholder,
                       opening ? _("Opening the journal…") : _("No earlier days logged yet"));
}

static void
history_row_activated_cb (LimberJournalHistory *self,
                          GtkListBoxRow        *row)
{
  g_signal_emit (self, signals[DAY_ACTIVATED], 0, row_day (row));
}

static void
calendar_day_selected_cb (LimberJournalHistory *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = g_date_time_format (picked, "%Y-%m-%d");

  gtk_popover_popdown (self->calendar_popover);
  g_signal_emit (self, signals[DAY_PICKED], 0, day);
}

static void
limber_journal_history_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIMBER_TYPE_JOURNAL_HISTORY);

  G_OBJECT_CLASS (limber_journal_history_parent_class)->dispose (object);
}

static void
limber_journal_history_class_init (LimberJournalHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_journal_history_dispose;

  /**
   * LimberJournalHistory::day-activated:
   * @day: the day of the row
   *
   * The user chose the row of @day, to see its entry.
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LimberJournalHistory::day-picked:
   * @day: the day picked, which may be after today
   *
   * The user picked @day in the calendar, to log it.
   */
  signals[DAY_PICKED] =
    g_signal_new ("day-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LimberJournalHistory::delete-requested:
   * @day: the day of the row
   *
   * The user asked to delete the entry of @day.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LimberJournalHistory::focus-released:
   *
   * The row with the keyboard focus went, and no row is left to take it.
   */
  signals[FOCUS_RELEASED] =
    g_signal_new ("focus-released", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-journal-history.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberJournalHistory, history_list);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalHistory, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, LimberJournalHistory, calendar);
  gtk_widget_class_bind_template_callback (widget_class, history_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
}

static void
limber_journal_history_init (LimberJournalHistory *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No earlier days logged yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->history_list, placeholder);
  /* Owned by the list. */
  self->history_placeholder = GTK_LABEL (placeholder);
}
