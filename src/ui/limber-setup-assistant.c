/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "limber-accessible.h"
#include "limber-pain-entry.h"
#include "limber-red-flag-advice.h"
#include "limber-sandbox.h"
#include "limber-setup-assistant.h"
#include "limber-setup.h"
#include "limber-workstation-check.h"

#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH "/StatusNotifierWatcher"
#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"
#define GNOME_NOTIFICATIONS_SCHEMA "org.gnome.desktop.notifications"
#define GNOME_APP_NOTIFICATIONS_SCHEMA "org.gnome.desktop.notifications.application"
#define GNOME_APP_NOTIFICATIONS_PATH "/org/gnome/desktop/notifications/application/"
/* Plasma's notification settings, a KConfig file: the per-application
 * group is nested, which GKeyFile does not read. */
#define KDE_NOTIFICATIONS_FILE "plasmanotifyrc"
#define KDE_APP_GROUP "[Applications][" APP_ID "]"
#define KDE_DO_NOT_DISTURB_GROUP "[DoNotDisturb]"

/* The steps, in order; each is a page of the stack by this name. */
static const char * const steps[] = {
  "about", "safety", "regions", "rhythm", "log", "login", "reminders",
};

enum {
  STEP_ABOUT,
  STEP_SAFETY,
  STEP_REGIONS,
  STEP_RHYTHM,
  STEP_LOG,
  STEP_LOGIN,
  STEP_REMINDERS,
  N_STEPS
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == N_STEPS);

struct _LimberSetupAssistant
{
  AdwWindow             parent_instance;

  LimberContext        *context;
  GCancellable         *cancellable;
  guint                 step;
  /* Skipped steps keep what is set; so does a step never confirmed. */
  gboolean              confirmed[N_STEPS];
  gboolean              finished;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkWidget            *back_button;
  GtkWidget            *skip_button;
  GtkWidget            *next_button;
  AdwPreferencesGroup  *safety_group;
  GtkFlowBox           *regions_box;
  AdwPreferencesGroup  *rhythm_group;
  AdwActionRow         *log_row;
  AdwActionRow         *log_time_row;
  GtkSwitch            *log_switch;
  GtkSpinButton        *log_hour_spin;
  GtkSpinButton        *log_minute_spin;
  AdwActionRow         *login_yes_row;
  AdwActionRow         *login_no_row;
  GtkCheckButton       *login_yes_check;
  GtkCheckButton       *login_no_check;
  GtkLabel             *reminders_label;
  GtkLabel             *notifications_label;
  GtkWidget            *desk_button;

  /* What the last step says, once both are known: whether a tray host
   * runs, and whether notifications pop up (-1 while not known). */
  int                   tray_host;
  int                   notifications;

  GtkToggleButton      *region_buttons[32];
  guint                 n_regions;
  /* The rhythm choices: LIMBER_SETUP_PRESET_KEEP first, then the presets. */
  GtkCheckButton       *rhythm_checks[8];
  LimberSetupPreset     rhythm_presets[8];
  guint                 n_rhythms;
};

G_DEFINE_FINAL_TYPE (LimberSetupAssistant, limber_setup_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Steps */

static void
show_step (LimberSetupAssistant *self,
           guint                 step)
{
  g_autofree char *subtitle = NULL;
  gboolean last = step == N_STEPS - 1;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, steps[step]);

  /* Translators: the assistant's subtitle, such as “Step 2 of 7”. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Step %u of %u", "Step %u of %u", N_STEPS),
                              step + 1, (guint) N_STEPS);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_sensitive (self->back_button, step > 0);
  /* The first and the last step have nothing to choose: the first is
   * only read, and Finish on the last confirms the others. */
  gtk_widget_set_visible (self->skip_button, step != STEP_ABOUT && !last);
  gtk_button_set_label (GTK_BUTTON (self->next_button), last ? _("_Finish") : _("_Next"));
  limber_accessible_name_by_label_only (GTK_BUTTON (self->next_button));
}

static void
back_cb (LimberSetupAssistant *self)
{
  if (self->step > 0)
    show_step (self, self->step - 1);
}

static void
skip_cb (LimberSetupAssistant *self)
{
  self->confirmed[self->step] = FALSE;
  if (self->step + 1 < N_STEPS)
    show_step (self, self->step + 1);
}

/* What the steps confirmed, from the widgets; the rest is kept. */
static void
gather_choices (LimberSetupAssistant *self,
                LimberSetupChoices   *choices)
{
  limber_setup_choices_init (choices);

  if (self->confirmed[STEP_REGIONS])
    {
      guint n_infos;
      const LimberFlagInfo *regions = limber_body_regions (&n_infos);

      choices->regions_chosen = TRUE;
      choices->regions = 0;
      for (guint i = 0; i < self->n_regions && i < n_infos; i++)
        if (gtk_toggle_button_get_active (self->region_buttons[i]))
          choices->regions |= regions[i].flag;
    }

  if (self->confirmed[STEP_RHYTHM])
    for (guint i = 0; i < self->n_rhythms; i++)
      if (gtk_check_button_get_active (self->rhythm_checks[i]))
        choices->preset = self->rhythm_presets[i];

  if (self->confirmed[STEP_LOG])
    choices->log_time_min = gtk_switch_get_active (self->log_switch)
                            ? gtk_spin_button_get_value_as_int (self->log_hour_spin) * 60 +
                              gtk_spin_button_get_value_as_int (self->log_minute_spin)
                            : LIMBER_SETUP_LOG_TIME_NONE;

  if (self->confirmed[STEP_LOGIN])
    {
      if (gtk_check_button_get_active (self->login_yes_check))
        choices->autostart = LIMBER_SETUP_AUTOSTART_YES;
      else if (gtk_check_button_get_active (self->login_no_check))
        choices->autostart = LIMBER_SETUP_AUTOSTART_NO;
    }
}

static void
finish (LimberSetupAssistant *self)
{
  LimberSetupChoices choices;

  gather_choices (self, &choices);
  self->finished = TRUE;
  g_cancellable_cancel (self->cancellable);
  /* The state first: the settings' change may start at login, which
   * marks the question answered as well. */
  limber_setup_mark_done (limber_context_get_state (self->context), &choices);
  limber_setup_apply (limber_context_get_settings (self->context), &choices);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
next_cb (LimberSetupAssistant *self)
{
  self->confirmed[self->step] = TRUE;
  if (self->step + 1 < N_STEPS)
    show_step (self, self->step + 1);
  else
    finish (self);
}

/* The desk check opens over the assistant, which stays open below it. */
static void
desk_cb (LimberSetupAssistant *self)
{
  limber_workstation_check_present (GTK_WINDOW (self));
}

/* Closed before Finish: every setting stays, and the assistant does not
 * come back by itself. */
static gboolean
limber_setup_assistant_close_request (GtkWindow *window)
{
  LimberSetupAssistant *self = LIMBER_SETUP_ASSISTANT (window);

  if (!self->finished)
    {
      LimberSetupChoices keep;

      limber_setup_choices_init (&keep);
      limber_setup_mark_done (limber_context_get_state (self->context), &keep);
    }
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (limber_setup_assistant_parent_class)->close_request (window);
}

/* The safety check */

static void
red_flag_toggled_cb (GtkCheckButton       *check,
                     LimberSetupAssistant *self)
{
  if (gtk_check_button_get_active (check))
    limber_red_flag_advice_present (GTK_WINDOW (self),
                                    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "flag")));
}

/* A row of check boxes whose check box is the one Tab stop and the one
 * thing read, with its name, description and state; the row only takes
 * clicks. */
static GtkWidget *
check_row (const char     *title,
           const char     *subtitle,
           GtkCheckButton *group,
           GtkWidget     **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
    }
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* The row names its activatable widget by its title: a label of the
   * check box's own would be said as well. */
  gtk_widget_set_focusable (row, FALSE);
  *check_out = check;
  return row;
}

static const char *
preset_title (LimberSetupPreset preset)
{
  switch (preset)
    {
    case LIMBER_SETUP_PRESET_GENTLE:
      /* Translators: a break rhythm: the fewest breaks. */
      return _("Gentle");
    case LIMBER_SETUP_PRESET_BALANCED:
      /* Translators: a break rhythm: between gentle and frequent. */
      return _("Balanced");
    case LIMBER_SETUP_PRESET_FREQUENT:
      /* Translators: a break rhythm: the most breaks. */
      return _("Frequent");
    case LIMBER_SETUP_PRESET_KEEP:
    default:
      return _("Keep the defaults");
    }
}

static void
build_choices (LimberSetupAssistant *self)
{
  GSettings *settings = limber_context_get_settings (self->context);
  GSettings *state = limber_context_get_state (self->context);
  const LimberFlagInfo *infos;
  const LimberBreakPreset *presets;
  LimberBreakPreset current = { LIMBER_SETUP_PRESET_KEEP, "keep", 0, 0, 0, 0 };
  g_autofree char *current_text = NULL;
  g_auto (GStrv) pain_regions = NULL;
  guint chosen_regions;
  guint n;
  GtkWidget *check;
  GtkWidget *row;

  infos = limber_red_flags (&n);
  for (guint i = 0; i < n; i++)
    {
      row = check_row (_(infos[i].label), NULL, NULL, &check);
      g_object_set_data (G_OBJECT (check), "flag", GUINT_TO_POINTER (infos[i].flag));
      g_signal_connect_object (check, "toggled", G_CALLBACK (red_flag_toggled_cb), self, 0);
      adw_preferences_group_add (self->safety_group, row);
    }

  pain_regions = g_settings_get_strv (settings, "pain-regions");
  chosen_regions = limber_setup_regions_from_strv ((const char * const *) pain_regions);
  infos = limber_body_regions (&n);
  g_assert (n <= G_N_ELEMENTS (self->region_buttons));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(infos[i].label));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), (chosen_regions & infos[i].flag) != 0);
      gtk_flow_box_append (self->regions_box, button);
      /* The button is the Tab stop, not the flow box's child around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->region_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  self->n_regions = n;

  /* Keeping the defaults shows what they are now. */
  current.micro_break_interval_s = g_settings_get_uint (settings, "micro-break-interval");
  current.micro_break_duration_s = g_settings_get_uint (settings, "micro-break-duration");
  current.rest_break_interval_s = g_settings_get_uint (settings, "rest-break-interval");
  current.rest_break_duration_s = g_settings_get_uint (settings, "rest-break-duration");
  current_text = limber_break_preset_describe (&current);
  row = check_row (preset_title (LIMBER_SETUP_PRESET_KEEP), current_text, NULL, &check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  adw_preferences_group_add (self->rhythm_group, row);
  self->rhythm_checks[0] = GTK_CHECK_BUTTON (check);
  self->rhythm_presets[0] = LIMBER_SETUP_PRESET_KEEP;
  self->n_rhythms = 1;

  presets = limber_break_presets (&n);
  g_assert (n < G_N_ELEMENTS (self->rhythm_checks));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = limber_break_preset_describe (&presets[i]);

      row = check_row (preset_title (presets[i].preset), text, self->rhythm_checks[0], &check);
      adw_preferences_group_add (self->rhythm_group, row);
      self->rhythm_checks[self->n_rhythms] = GTK_CHECK_BUTTON (check);
      self->rhythm_presets[self->n_rhythms] = presets[i].preset;
      self->n_rhythms++;
    }

  /* The reminder as it is set now. */
  gtk_switch_set_active (self->log_switch, g_settings_get_boolean (settings, "pain-reminder-enabled"));
  gtk_spin_button_set_value (self->log_hour_spin, g_settings_get_uint (settings, "pain-reminder-time") / 60);
  gtk_spin_button_set_value (self->log_minute_spin, g_settings_get_uint (settings, "pain-reminder-time") % 60);

  /* Neither answer is given for the person until they have answered. */
  if (g_settings_get_boolean (state, "start-at-login-asked"))
    gtk_check_button_set_active (g_settings_get_boolean (settings, "start-at-login")
                                 ? self->login_yes_check : self->login_no_check, TRUE);
}

/* Where reminders appear */

/* GNOME keeps an application's notification settings under its desktop
 * file's name in lower case, each other character a hyphen: the
 * notifications carry Limber's application id as their desktop entry. */
static char *
gnome_app_notifications_path (void)
{
  g_autofree char *id = g_ascii_strdown (APP_ID, -1);

  for (char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c))
      *c = '-';
  return g_strconcat (GNOME_APP_NOTIFICATIONS_PATH, id, "/", NULL);
}

/* @key of @schema_id, if @source has that schema with that key: a
 * schema that is not installed is never opened, which would abort. */
static gboolean
gnome_setting (GSettingsSchemaSource *source,
               const char            *schema_id,
               const char            *path,
               const char            *key,
               gboolean              *value)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, schema_id, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, path);
  *value = g_settings_get_boolean (settings, key);
  return TRUE;
}

/* Plasma's Do Not Disturb is on until a local time, written as
 * “year,month,day,hour,minute,second”. */
static gboolean
kde_until_still_to_come (const char *value)
{
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year, month, day, hour, minute, second;

  if (sscanf (value, "%d,%d,%d,%d,%d,%d", &year, &month, &day, &hour, &minute, &second) == 6)
    until = g_date_time_new_local (year, month, day, hour, minute, second);
  else
    until = g_date_time_new_from_iso8601 (value, NULL);
  return until != NULL && g_date_time_compare (until, now) > 0;
}

static LimberNotificationsState
kde_notifications_state (const char *config_dir)
{
  g_autofree char *path = g_build_filename (config_dir, KDE_NOTIFICATIONS_FILE, NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  const char *group = "";
  gboolean popups_off = FALSE;
  gboolean do_not_disturb = FALSE;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return LIMBER_NOTIFICATIONS_SHOWN;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *equals;

      if (line[0] == '[')
        {
          group = line;
          continue;
        }
      equals = strchr (line, '=');
      if (equals == NULL)
        continue;
      *equals = '\0';
      g_strstrip (line);
      g_strstrip (equals + 1);
      if (g_str_equal (group, KDE_APP_GROUP) && g_str_equal (line, "ShowPopups"))
        popups_off = g_ascii_strcasecmp (equals + 1, "false") == 0;
      else if (g_str_equal (group, KDE_DO_NOT_DISTURB_GROUP) && g_str_equal (line, "Until"))
        do_not_disturb = kde_until_still_to_come (equals + 1);
    }

  if (popups_off)
    return LIMBER_NOTIFICATIONS_OFF_KDE;
  if (do_not_disturb)
    return LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_KDE;
  return LIMBER_NOTIFICATIONS_SHOWN;
}

LimberNotificationsState
limber_setup_notifications_state (GSettingsSchemaSource *source,
                                  const char            *config_dir)
{
  g_autofree char *app_path = gnome_app_notifications_path ();
  gboolean value;

  /* Switched off for Limber first: that lasts, Do Not Disturb does not. */
  if (gnome_setting (source, GNOME_APP_NOTIFICATIONS_SCHEMA, app_path, "enable", &value) && !value)
    return LIMBER_NOTIFICATIONS_OFF_GNOME;
  if (gnome_setting (source, GNOME_NOTIFICATIONS_SCHEMA, NULL, "show-banners", &value) && !value)
    return LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_GNOME;
  if (config_dir != NULL)
    return kde_notifications_state (config_dir);
  return LIMBER_NOTIFICATIONS_SHOWN;
}

void
limber_setup_reminders_texts (gboolean                  tray_host,
                              LimberNotificationsState  state,
                              const char              **where,
                              const char              **warning)
{
  g_return_if_fail (where != NULL && warning != NULL);

  *warning = NULL;
  if (state == LIMBER_NOTIFICATIONS_NO_SERVER)
    *where = tray_host
             ? _("Limber shows an icon in your panel’s tray with the time to the next break. This desktop runs no notification service, so reminders cannot pop up: only the tray icon and the Today page show them.")
             : _("This desktop shows no tray icons and runs no notification service, so reminders cannot pop up: only the Today page shows when the next break is due. On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension adds a tray, and Limber’s icon appears there.");
  else
    *where = tray_host
             ? _("Limber shows an icon in your panel’s tray with the time to the next break, and each break comes as a notification too.")
             : _("This desktop shows no tray icons, so Limber has no icon in the panel. Reminders come as notifications instead, and the Today page shows when the next break is due. On GNOME, the “AppIndicator and KStatusNotifierItem Support” extension adds a tray, and Limber’s icon appears there.");

  switch (state)
    {
    case LIMBER_NOTIFICATIONS_OFF_GNOME:
      /* Translators: “Settings → Notifications → Limber” is the way to
       * GNOME Settings' switch; use the names GNOME Settings shows. */
      *warning = _("Notifications are switched off for Limber, so reminders will not pop up. To turn them on, open Settings → Notifications → Limber.");
      break;
    case LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_GNOME:
      /* Translators: use the names GNOME Settings shows. */
      *warning = _("Do Not Disturb is on, so no notifications pop up, Limber’s reminders included. To turn it off, open Settings → Notifications.");
      break;
    case LIMBER_NOTIFICATIONS_OFF_KDE:
      /* Translators: use the names KDE System Settings shows. */
      *warning = _("Pop-ups are switched off for Limber, so reminders will not pop up. To turn them on, open System Settings → Notifications → Application Settings → Limber.");
      break;
    case LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_KDE:
      *warning = _("Do Not Disturb is on, so no notifications pop up, Limber’s reminders included. To turn it off, click the notifications icon in the panel.");
      break;
    case LIMBER_NOTIFICATIONS_SHOWN:
    case LIMBER_NOTIFICATIONS_NO_SERVER:
    default:
      break;
    }
}

/* Whether XDG_CURRENT_DESKTOP names @name; an unknown desktop may be
 * any. */
static gboolean
desktop_may_be (const char *name)
{
  const char *current = g_getenv ("XDG_CURRENT_DESKTOP");
  g_auto (GStrv) names = NULL;

  if (current == NULL || *current == '\0')
    return TRUE;
  names = g_strsplit (current, ":", -1);
  return g_strv_contains ((const char * const *) names, name);
}

/* What this desktop's own settings say, for the bus to overrule. GNOME's
 * switches mean nothing on another desktop, where they may linger. */
static LimberNotificationsState
desktop_notifications_state (void)
{
  return limber_setup_notifications_state (desktop_may_be ("GNOME") ? g_settings_schema_source_get_default () : NULL,
                                           desktop_may_be ("KDE") ? g_get_user_config_dir () : NULL);
}

/* Shown once the tray and the notifications are both known. */
static void
show_reminders_text (LimberSetupAssistant *self)
{
  const char *where;
  const char *warning;

  if (self->tray_host < 0 || self->notifications < 0)
    return;
  limber_setup_reminders_texts (self->tray_host, self->notifications, &where, &warning);
  gtk_label_set_text (self->reminders_label, where);
  gtk_label_set_text (self->notifications_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notifications_label), warning != NULL);
}

static void
set_tray_host (LimberSetupAssistant *self,
               gboolean              tray_host)
{
  self->tray_host = tray_host;
  show_reminders_text (self);
}

static void
set_notifications (LimberSetupAssistant     *self,
                   LimberNotificationsState  state)
{
  self->notifications = state;
  show_reminders_text (self);
}

static void
host_registered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LimberSetupAssistant *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autoptr (GVariant) value = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_message ("Cannot ask the tray watcher whether a tray is shown: %s", error->message);
      set_tray_host (self, FALSE);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  set_tray_host (self, g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
                       g_variant_get_boolean (value));
}

/* Whether NameHasOwner said the name is owned; FALSE as well when it
 * could not say, and the reason logged with what was asked about. */
static gboolean
name_owned_finish (GObject      *object,
                   GAsyncResult *result,
                   const char   *what,
                   gboolean     *owned,
                   GError      **error)
{
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, error);

  *owned = FALSE;
  if (reply == NULL)
    {
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot ask the session bus for %s: %s", what, (*error)->message);
      return FALSE;
    }
  g_variant_get (reply, "(b)", owned);
  return TRUE;
}

static void
watcher_owned_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LimberSetupAssistant *self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean owned;

  name_owned_finish (object, result, "a tray watcher", &owned, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!owned)
    {
      set_tray_host (self, FALSE);
      return;
    }
  g_dbus_connection_call (G_DBUS_CONNECTION (object), WATCHER_NAME, WATCHER_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", WATCHER_NAME, "IsStatusNotifierHostRegistered"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, host_registered_cb, self);
}

/* A server that is not running yet is started by the bus for the first
 * notification, if it can be. */
static void
server_activatable_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LimberSetupAssistant *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autofree const char **names = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      /* Not known, so not said. */
      g_message ("Cannot ask the session bus for a notification service: %s", error->message);
      set_notifications (self, desktop_notifications_state ());
      return;
    }
  g_variant_get (reply, "(^a&s)", &names);
  if (!g_strv_contains (names, NOTIFICATIONS_NAME))
    set_notifications (self, LIMBER_NOTIFICATIONS_NO_SERVER);
  else
    set_notifications (self, desktop_notifications_state ());
}

static void
server_owned_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LimberSetupAssistant *self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean owned;

  /* Not known, so not said. */
  if (!name_owned_finish (object, result, "a notification service", &owned, &error) || owned)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_notifications (self, desktop_notifications_state ());
      return;
    }
  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          server_activatable_cb, self);
}

/* A tray shows Limber's icon only where a StatusNotifierItem host runs:
 * plain GNOME has none. Notifications pop up only where a notification
 * service runs, and where neither the desktop's settings for Limber nor
 * Do Not Disturb hold them back. All asked without waiting. */
static void
look_for_tray (LimberSetupAssistant *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, self->cancellable, &error);

  self->tray_host = -1;
  self->notifications = -1;
  gtk_label_set_text (self->reminders_label, _("Looking for a tray on this desktop…"));
  gtk_widget_set_visible (GTK_WIDGET (self->notifications_label), FALSE);
  if (bus == NULL)
    {
      g_message ("No session bus to look for a tray on: %s", error->message);
      self->tray_host = FALSE;
      set_notifications (self, LIMBER_NOTIFICATIONS_NO_SERVER);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", WATCHER_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          watcher_owned_cb, self);

  /* In a sandbox notifications go through the portal, and the bus shows
   * no notification service by name. */
  if (limber_sandbox_use_portals ())
    set_notifications (self, desktop_notifications_state ());
  else
    g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "NameHasOwner",
                            g_variant_new ("(s)", NOTIFICATIONS_NAME), G_VARIANT_TYPE ("(b)"),
                            G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                            server_owned_cb, self);
}

/* GObject */

static void
limber_setup_assistant_constructed (GObject *object)
{
  LimberSetupAssistant *self = LIMBER_SETUP_ASSISTANT (object);

  G_OBJECT_CLASS (limber_setup_assistant_parent_class)->constructed (object);

  g_assert (LIMBER_IS_CONTEXT (self->context));

  limber_accessible_name_by_label_only (GTK_BUTTON (self->back_button));
  limber_accessible_name_by_label_only (GTK_BUTTON (self->skip_button));
  limber_accessible_name_by_label_only (GTK_BUTTON (self->desk_button));

  /* One Tab stop and one name per control: the control, named by its
   * row's title through the row's activatable widget, or, for the two
   * spin buttons of one row, by a label of its own. */
  gtk_widget_set_focusable (GTK_WIDGET (self->log_row), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->log_time_row), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->login_yes_row), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->login_no_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_hour_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reminder hour"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_minute_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reminder minute"), -1);
  g_object_bind_property (self->log_switch, "active", self->log_time_row, "sensitive", G_BINDING_SYNC_CREATE);

  /* A step's scrolled page is a Tab stop of its own when nothing in it
   * takes the focus: it is named by the step's title. */
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkWidget *scroller = gtk_widget_get_first_child (page);

      if (ADW_IS_PREFERENCES_PAGE (page) && GTK_IS_SCROLLED_WINDOW (scroller))
        gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), -1);
    }

  build_choices (self);
  look_for_tray (self);
  show_step (self, STEP_ABOUT);
}

static void
limber_setup_assistant_dispose (GObject *object)
{
  LimberSetupAssistant *self = LIMBER_SETUP_ASSISTANT (object);

  /* The bus calls hold no reference: cancelled, their answers come back
   * as that and touch nothing. */
  g_cancellable_cancel (self->cancellable);
  /* Closed with the window, it lets go of it at once: GTK keeps the
   * parent's address until it finalizes. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_SETUP_ASSISTANT);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (limber_setup_assistant_parent_class)->dispose (object);
}

static void
limber_setup_assistant_finalize (GObject *object)
{
  LimberSetupAssistant *self = LIMBER_SETUP_ASSISTANT (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (limber_setup_assistant_parent_class)->finalize (object);
}

static void
limber_setup_assistant_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LimberSetupAssistant *self = LIMBER_SETUP_ASSISTANT (object);

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
limber_setup_assistant_class_init (LimberSetupAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = limber_setup_assistant_constructed;
  object_class->dispose = limber_setup_assistant_dispose;
  object_class->finalize = limber_setup_assistant_finalize;
  object_class->set_property = limber_setup_assistant_set_property;
  window_class->close_request = limber_setup_assistant_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIMBER_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape closes, as closing does: every setting stays. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-setup-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, skip_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, safety_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, regions_box);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, rhythm_group);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, log_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, log_time_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, log_switch);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, log_hour_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, log_minute_spin);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, login_yes_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, login_no_row);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, login_yes_check);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, login_no_check);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, reminders_label);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, notifications_label);
  gtk_widget_class_bind_template_child (widget_class, LimberSetupAssistant, desk_button);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, desk_cb);
}

static void
limber_setup_assistant_init (LimberSetupAssistant *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

LimberSetupAssistant *
limber_setup_assistant_new (GtkWindow     *parent,
                            LimberContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  return g_object_new (LIMBER_TYPE_SETUP_ASSISTANT,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

const char *
limber_setup_assistant_get_step (LimberSetupAssistant *self)
{
  g_return_val_if_fail (LIMBER_IS_SETUP_ASSISTANT (self), NULL);

  return steps[self->step];
}
