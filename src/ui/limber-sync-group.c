/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "limber-accessible.h"
#include "limber-clock-format.h"
#include "limber-sync.h"
#include "limber-sync-group.h"

/* The Sync group shows the setting and what limber_sync_status() reads.
 * Sync itself is the break timer's work: it follows the setting and
 * makes the passes, so nothing here reads or writes the folder's change
 * files. What is read of the journal is read on the writer's thread, with
 * the writer's own connection, so that a pass holding the journal never
 * holds up the window. */

/* Damaged files named one a row, up to this many; a sentence counts the
 * rest. */
#define MAX_DAMAGED_ROWS 10

struct _LimberSyncGroup
{
  AdwPreferencesGroup   parent_instance;

  LimberContext        *context;

  AdwActionRow         *folder_row;
  GtkWidget            *choose_button;
  GtkWidget            *change_button;
  GtkWidget            *turn_off_button;
  AdwActionRow         *this_row;
  AdwActionRow         *paused_row;
  AdwActionRow         *waiting_row;
  /* The rows of the other computers and of damaged files, made anew each
   * time the status is shown. */
  GPtrArray            *status_rows;

  GtkFileChooserNative *chooser;
  /* Counts the reads asked for: a read answered after a newer one was
   * asked for, or after the folder changed, is dropped. */
  guint                 read_serial;
};

G_DEFINE_FINAL_TYPE (LimberSyncGroup, limber_sync_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
limber_sync_describe_last_seen (GDateTime *seen,
                                GDateTime *now)
{
  g_autoptr (GDateTime) yesterday = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;
  int year, month, day;

  g_return_val_if_fail (seen != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  g_date_time_get_ymd (seen, &year, &month, &day);
  clock = limber_format_time_of_day (seen);
  if (year == g_date_time_get_year (now) && month == g_date_time_get_month (now) &&
      day == g_date_time_get_day_of_month (now))
    /* Translators: %s is a time of day, “14:02” or “2:02 PM”. */
    return g_strdup_printf (_("Last seen today at %s"), clock);

  yesterday = g_date_time_add_days (now, -1);
  if (year == g_date_time_get_year (yesterday) && month == g_date_time_get_month (yesterday) &&
      day == g_date_time_get_day_of_month (yesterday))
    /* Translators: %s is a time of day, “14:02” or “2:02 PM”. */
    return g_strdup_printf (_("Last seen yesterday at %s"), clock);

  if (year == g_date_time_get_year (now))
    /* Translators: a date of this year, as g_date_time_format() writes
     * it: “3 November”. */
    date = g_date_time_format (seen, _("%-d %B"));
  else
    /* Translators: a date of another year, as g_date_time_format()
     * writes it: “3 November 2025”. */
    date = g_date_time_format (seen, _("%-d %B %Y"));
  /* Translators: %s is a date, “3 November”. */
  return g_strdup_printf (_("Last seen on %s"), date);
}

static char *
get_folder (LimberSyncGroup *self)
{
  return g_settings_get_string (limber_context_get_settings (self->context), "sync-folder");
}

static void
show_toast (LimberSyncGroup *self,
            const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* A toast title is markup: a folder's name may hold '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
  else
    g_message ("%s", text);
}

static void
clear_status (LimberSyncGroup *self)
{
  for (guint i = 0; i < self->status_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->status_rows, i));
  g_ptr_array_set_size (self->status_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->this_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->paused_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_row), FALSE);
}

/* A row that only shows a fact. */
static AdwActionRow *
add_status_row (LimberSyncGroup *self,
                const char      *title,
                const char      *subtitle,
                const char      *icon_name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Titles come from other computers' files: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (icon_name != NULL)
    {
      /* The row says it all: the icon is not read out. */
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", icon_name,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);

      adw_action_row_add_prefix (row, icon);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  g_ptr_array_add (self->status_rows, row);
  return row;
}

static const char *
device_name (const LimberSyncStatus *status,
             const char             *device)
{
  if (g_strcmp0 (device, status->device) == 0)
    return status->name;
  for (guint i = 0; i < status->devices->len; i++)
    {
      const LimberSyncDevice *other = g_ptr_array_index (status->devices, i);

      if (g_str_equal (other->device, device) && other->name != NULL && other->name[0] != '\0')
        return other->name;
    }
  return device;
}

static void
show_status (LimberSyncGroup        *self,
             const LimberSyncStatus *status)
{
  LimberClock *clock = limber_context_get_clock (self->context);
  g_autoptr (GDateTime) now = limber_clock_now (clock);

  clear_status (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->this_row), status->name);
  adw_action_row_set_subtitle (self->this_row,
                               status->device[0] != '\0'
                               ? _("This computer")
                               : _("This computer, which has not synced yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->this_row), TRUE);

  if (status->paused)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the sync folder. */
      text = g_strdup_printf (_("The folder %s is not there. Sync resumes when it is back."), status->folder);
      adw_action_row_set_subtitle (self->paused_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->paused_row), TRUE);
    }

  /* Before the first pass every change waits: that is no news. */
  if (status->waiting > 0 && status->device[0] != '\0')
    {
      guint waiting = (guint) MIN (status->waiting, G_MAXUINT);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change made here waits to be written to the folder.",
                                           "%u changes made here wait to be written to the folder.",
                                           waiting),
                              waiting);
      adw_action_row_set_subtitle (self->waiting_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->waiting_row), TRUE);
    }

  if (status->devices->len == 0)
    add_status_row (self, _("No Other Computer Yet"),
                    _("Your other computers show here once they have synced through this folder."),
                    NULL);
  for (guint i = 0; i < status->devices->len; i++)
    {
      const LimberSyncDevice *device = g_ptr_array_index (status->devices, i);
      gboolean named = device->name != NULL && device->name[0] != '\0';
      g_autofree char *seen = NULL;

      if (named && device->last_seen_utc != 0)
        {
          g_autoptr (GDateTime) local = limber_clock_to_local (clock, device->last_seen_utc);

          seen = limber_sync_describe_last_seen (local, now);
        }
      add_status_row (self, named ? device->name : _("Unknown Computer"),
                      seen != NULL ? seen : _("Its name and when it was last seen cannot be read"),
                      "computer-symbolic");
    }

  for (guint i = 0; i < status->damaged->len && i < MAX_DAMAGED_ROWS; i++)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (status->damaged, i);
      g_autofree char *text = NULL;

      /* Translators: a file of the sync folder that was skipped: the
       * computer that wrote it, the file's name and what is wrong, such as
       * “laptop, 2026-11.jsonl: line 12: the checksum is wrong”. */
      text = g_strdup_printf (_("%s, %s: %s"), device_name (status, problem->device), problem->file, problem->message);
      add_status_row (self, _("Damaged and Skipped"), text, "dialog-warning-symbolic");
    }
  if (status->damaged->len > MAX_DAMAGED_ROWS)
    {
      guint more = status->damaged->len - MAX_DAMAGED_ROWS;
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u more damaged file or line was skipped; “limber sync status” lists them all.",
                                           "%u more damaged files or lines were skipped; “limber sync status” lists them all.",
                                           more),
                              more);
      add_status_row (self, _("More Damaged"), text, NULL);
    }
}

static void
status_free (gpointer data)
{
  LimberSyncStatus *status = data;

  limber_sync_status_clear (status);
  g_free (status);
}

/* On the writer's thread. */
static gpointer
read_status_job (LimberJournal  *journal,
                 gpointer        data,
                 GError        **error)
{
  const char *folder = data;
  LimberSyncStatus *status = g_new0 (LimberSyncStatus, 1);

  if (!limber_sync_status (journal, folder, status, error))
    {
      status_free (status);
      return NULL;
    }
  return status;
}

typedef struct
{
  LimberSyncGroup *self;
  guint            serial;
} ReadRequest;

static void
read_status_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree ReadRequest *request = user_data;
  g_autoptr (LimberSyncGroup) self = request->self;
  g_autoptr (GError) error = NULL;
  LimberSyncStatus *status;
  g_autofree char *folder = NULL;

  status = limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (source_object), result, &error);
  /* Disposed, or a newer read is under way. */
  if (self->context == NULL || request->serial != self->read_serial)
    {
      g_clear_pointer (&status, status_free);
      return;
    }

  folder = get_folder (self);
  if (status == NULL)
    {
      clear_status (self);
      g_message ("Cannot read how sync stands: %s", error->message);
      {
        g_autofree char *text = NULL;

        /* Translators: %s says why, as the journal says it. */
        text = g_strdup_printf (_("Could not read how sync stands: %s"), error->message);
        show_toast (self, text);
      }
      return;
    }

  if (g_str_equal (folder, status->folder))
    show_status (self, status);
  status_free (status);
}

static void
show_folder (LimberSyncGroup *self,
             const char      *folder)
{
  gboolean on = folder[0] != '\0';

  if (on)
    {
      g_autofree char *display = g_filename_display_name (folder);

      adw_action_row_set_subtitle (self->folder_row, display);
    }
  else
    adw_action_row_set_subtitle (self->folder_row, _("Off"));

  gtk_widget_set_visible (self->choose_button, !on);
  gtk_widget_set_visible (self->change_button, on);
  gtk_widget_set_visible (self->turn_off_button, on);
}

void
limber_sync_group_refresh (LimberSyncGroup *self)
{
  LimberJournalWriter *writer;
  g_autofree char *folder = NULL;
  ReadRequest *request;

  g_return_if_fail (LIMBER_IS_SYNC_GROUP (self));

  if (self->context == NULL)
    return;

  folder = get_folder (self);
  show_folder (self, folder);
  self->read_serial++;

  writer = limber_context_get_writer (self->context);
  if (folder[0] == '\0' || writer == NULL)
    {
      clear_status (self);
      return;
    }

  request = g_new0 (ReadRequest, 1);
  request->self = g_object_ref (self);
  request->serial = self->read_serial;
  limber_journal_writer_run_async (writer, read_status_job, g_strdup (folder), g_free,
                                   status_free, NULL, read_status_cb, request);
}

gboolean
limber_sync_group_apply_folder (LimberSyncGroup *self,
                                GFile           *folder,
                                GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  GStatBuf st;

  g_return_val_if_fail (LIMBER_IS_SYNC_GROUP (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (folder);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a folder on this computer can be synced through; a file-sync tool keeps it the same on the others."));
      return FALSE;
    }

  display = g_filename_display_name (path);
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      /* Translators: “/media/sync: No such file or directory”. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("%s is not a folder"), display);
      return FALSE;
    }
  if (access (path, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder %s cannot be written"), display);
      return FALSE;
    }

  /* The break timer follows the setting and makes the first pass, away
   * from this window; the status is read again when the setting
   * changes. */
  g_settings_set_string (limber_context_get_settings (self->context), "sync-folder", path);
  return TRUE;
}

static void
chooser_response_cb (LimberSyncGroup      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!limber_sync_group_apply_folder (self, file, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, such as “/media/sync is not a folder”. */
      text = g_strdup_printf (_("Cannot sync through this folder: %s"), error->message);
      show_toast (self, text);
    }
}

static void
choose_clicked_cb (LimberSyncGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *folder = NULL;

  if (self->chooser != NULL)
    return;

  /* Inside Flatpak this goes through the file chooser portal, which also
   * lets the sandbox reach the folder chosen. */
  self->chooser = gtk_file_chooser_native_new (_("Choose a Sync Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  folder = get_folder (self);
  if (folder[0] != '\0')
    {
      g_autoptr (GFile) current = g_file_new_for_path (folder);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), current, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* On the writer's thread. */
static gpointer
turn_off_job (LimberJournal  *journal,
              gpointer        data,
              GError        **error)
{
  return limber_sync_turn_off (journal, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
turn_off_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (LimberSyncGroup) self = user_data;
  g_autoptr (GError) error = NULL;

  if (limber_journal_writer_run_finish (LIMBER_JOURNAL_WRITER (source_object), result, &error) == NULL)
    {
      g_autofree char *text = NULL;

      g_message ("Cannot forget how far the sync folder was read: %s", error->message);
      /* Translators: sync is off, but turning it on again later may not
       * write everything out anew; %s says why, as the journal says it. */
      text = g_strdup_printf (_("Sync is off, but the journal could not be updated: %s"), error->message);
      show_toast (self, text);
    }
}

static void
turn_off (LimberSyncGroup *self)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);

  /* The break timer stops at once; the journal forgets how far the
   * folder was read and written after the writes asked for before, so
   * that turning sync on again writes and reads everything once more. */
  g_settings_set_string (limber_context_get_settings (self->context), "sync-folder", "");
  if (writer != NULL)
    limber_journal_writer_run_async (writer, turn_off_job, NULL, NULL, NULL, NULL,
                                     turn_off_cb, g_object_ref (self));
}

static void
turn_off_response_cb (LimberSyncGroup  *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "turn-off"))
    turn_off (self);
}

static void
turn_off_clicked_cb (LimberSyncGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *folder = get_folder (self);
  g_autofree char *display = g_filename_display_name (folder);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Turn Off Sync?"), NULL));
  /* Translators: %s is the sync folder. */
  body = g_strdup_printf (_("The files in %s stay as they are. This computer stops reading and writing them, and what you log here is no longer shared with your other computers."),
                          display);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "turn-off", _("_Turn Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "turn-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (turn_off_response_cb), self, G_CONNECT_SWAPPED);
  limber_accessible_name_buttons_by_label (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_changed_cb (LimberSyncGroup *self)
{
  limber_sync_group_refresh (self);
}

static void
limber_sync_group_constructed (GObject *object)
{
  LimberSyncGroup *self = LIMBER_SYNC_GROUP (object);

  G_OBJECT_CLASS (limber_sync_group_parent_class)->constructed (object);

  g_return_if_fail (LIMBER_IS_CONTEXT (self->context));

  g_signal_connect_object (limber_context_get_settings (self->context), "changed::sync-folder",
                           G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);
  /* The writer comes with the journal. */
  g_signal_connect_object (self->context, "notify::journal-state",
                           G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);
  /* Read again each time the window is shown. */
  g_signal_connect (self, "map", G_CALLBACK (folder_changed_cb), NULL);

  {
    g_autofree char *folder = get_folder (self);

    show_folder (self, folder);
  }
}

static void
limber_sync_group_dispose (GObject *object)
{
  LimberSyncGroup *self = LIMBER_SYNC_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_SYNC_GROUP);
  g_clear_pointer (&self->status_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (limber_sync_group_parent_class)->dispose (object);
}

static void
limber_sync_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LimberSyncGroup *self = LIMBER_SYNC_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_sync_group_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LimberSyncGroup *self = LIMBER_SYNC_GROUP (object);

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
limber_sync_group_class_init (LimberSyncGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_sync_group_constructed;
  object_class->dispose = limber_sync_group_dispose;
  object_class->get_property = limber_sync_group_get_property;
  object_class->set_property = limber_sync_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIMBER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-sync-group.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, folder_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, choose_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, change_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, turn_off_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, this_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, paused_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSyncGroup, waiting_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, turn_off_clicked_cb);
}

static void
limber_sync_group_init (LimberSyncGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_rows = g_ptr_array_new ();

  /* An icon alone is announced as “GtkImage” on GTK 4.8. */
  limber_accessible_name_icon_button (self->change_button, _("Choose Another Sync Folder"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Turns sync on through a folder you choose"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->turn_off_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Stops syncing through the folder; its files stay"), -1);
}

GtkWidget *
limber_sync_group_new (LimberContext *context)
{
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  return g_object_new (LIMBER_TYPE_SYNC_GROUP, "context", context, NULL);
}
