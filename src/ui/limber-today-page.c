/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-break-format.h"
#include "limber-today-page.h"
#include "limber-workstation.h"
#include "limber-workstation-check.h"

/* The Today page: the countdowns to the next breaks and what the break
 * timer is doing. It counts down by itself from the daemon's deadlines,
 * once a minute, or once a second while a break is less than a minute
 * away or under way; hidden, it does not wake at all. Below them, what
 * the desk check left to do, and when it is time to look again. */
struct _LimberTodayPage
{
  AdwBin         parent_instance;

  LimberContext *context;
  LimberBreaks  *breaks;
  guint          refresh_id;

  AdwPreferencesGroup *breaks_group;
  AdwActionRow  *micro_row;
  AdwActionRow  *rest_row;
  AdwActionRow  *active_row;
  GtkWidget     *actions_box;
  GtkButton     *break_button;
  GtkButton     *end_break_button;
  GtkButton     *pause_button;
  AdwActionRow  *daemon_row;
  AdwActionRow  *monitor_row;
  GtkButton     *start_button;
  GtkSpinner    *spinner;
  AdwPreferencesGroup *desk_group;
  GtkButton     *desk_button;
  AdwActionRow  *look_again_row;
  /* The rows of the desk items answered “not yet”. */
  GPtrArray     *desk_tip_rows;
};

G_DEFINE_FINAL_TYPE (LimberTodayPage, limber_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_refresh (LimberTodayPage *self,
                              gint64           soonest_s);

/* A button in the actions box, with the box's child around it: a hidden
 * button would otherwise leave an empty slot. */
static void
set_action_visible (GtkButton *button,
                    gboolean   visible)
{
  gtk_widget_set_visible (GTK_WIDGET (button), visible);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (button)), visible);
}

static void
set_button_label (GtkButton  *button,
                  const char *label)
{
  if (g_strcmp0 (gtk_button_get_label (button), label) == 0)
    return;
  gtk_button_set_label (button, label);
  limber_accessible_name_by_label_only (button);
}

/* What a break row says: the break under way, or when the next comes. */
static char *
describe_break (LimberTodayPage *self,
                const char      *kind,
                GVariant        *next,
                gint64           now_us)
{
  const char *state = limber_breaks_get_state (self->breaks);
  const char *due_break = limber_breaks_get_due_break (self->breaks);

  if (g_strcmp0 (state, "in-break") == 0 && g_strcmp0 (kind, due_break) == 0)
    return limber_format_on_break (limber_break_end_in_s (limber_breaks_get_break_end (self->breaks), now_us));
  return limber_format_next_break (next, kind, state, due_break, now_us,
                                   limber_clock_get_timezone (limber_context_get_clock (self->context)));
}

/* Shows the countdowns as of now; returns the seconds to the nearest
 * break or to the end of the break under way, or -1. */
static gint64
show_countdowns (LimberTodayPage *self)
{
  gint64 now_us = g_get_monotonic_time ();
  g_autofree char *micro = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *active = NULL;
  gint64 micro_s, rest_s;
  gboolean paused, in_break;

  if (self->breaks == NULL)
    return -1;

  in_break = g_strcmp0 (limber_breaks_get_state (self->breaks), "in-break") == 0;
  micro = describe_break (self, "micro", limber_breaks_get_next_micro_break (self->breaks), now_us);
  rest = describe_break (self, "rest", limber_breaks_get_next_rest_break (self->breaks), now_us);
  active = limber_format_duration (limber_today_active_s (limber_breaks_get_today_active (self->breaks), now_us));
  adw_action_row_set_subtitle (self->micro_row, micro);
  adw_action_row_set_subtitle (self->rest_row, rest);
  adw_action_row_set_subtitle (self->active_row, active);
  adw_action_row_set_subtitle (self->monitor_row, limber_describe_monitor (limber_breaks_get_monitor (self->breaks)));

  paused = limber_breaks_get_paused_until (self->breaks) != 0;
  set_button_label (self->pause_button, paused ? _("_Resume Reminders") : _("_Pause for an Hour"));
  set_action_visible (self->break_button, !in_break);
  set_action_visible (self->end_break_button, in_break);

  /* A break lasts minutes at most: count it down by the second. */
  if (in_break)
    return 0;

  micro_s = limber_next_break_in_s (limber_breaks_get_next_micro_break (self->breaks), now_us);
  rest_s = limber_next_break_in_s (limber_breaks_get_next_rest_break (self->breaks), now_us);
  if (micro_s < 0)
    return rest_s;
  if (rest_s < 0)
    return micro_s;
  return MIN (micro_s, rest_s);
}

static gboolean
refresh_cb (gpointer user_data)
{
  LimberTodayPage *self = user_data;

  self->refresh_id = 0;
  schedule_refresh (self, show_countdowns (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (LimberTodayPage *self,
                  gint64           soonest_s)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->breaks == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (soonest_s >= 0 && soonest_s < 60)
    self->refresh_id = g_timeout_add_seconds (1, refresh_cb, self);
  else
    self->refresh_id = g_timeout_add_seconds (60, refresh_cb, self);
}

static void
refresh (LimberTodayPage *self)
{
  schedule_refresh (self, show_countdowns (self));
}

static void
set_breaks (LimberTodayPage *self,
            LimberBreaks    *breaks)
{
  if (self->breaks == breaks)
    return;

  if (self->breaks != NULL)
    g_signal_handlers_disconnect_by_data (self->breaks, self);
  g_set_object (&self->breaks, breaks);
  if (breaks != NULL)
    g_signal_connect_object (breaks, "g-properties-changed", G_CALLBACK (refresh),
                             self, G_CONNECT_SWAPPED);

  gtk_widget_set_visible (GTK_WIDGET (self->breaks_group), breaks != NULL);
  gtk_widget_set_visible (self->actions_box, breaks != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->monitor_row), breaks != NULL);
  refresh (self);
}

static void
break_now_cb (LimberTodayPage *self)
{
  if (self->breaks != NULL)
    limber_breaks_call_break_now (self->breaks, "micro", G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
break_finished_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (LimberTodayPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;
  GtkWidget *toast_overlay;

  if (limber_breaks_call_break_finished_finish (LIMBER_BREAKS (object), result, &error))
    return;

  /* Such as strict mode holding the break until its length has passed. A
   * toast title is markup. */
  g_dbus_error_strip_remote_error (error);
  escaped = g_markup_escape_text (error->message, -1);
  /* The toast overlay is the page's own child, not bound: AdwBin, not the
   * template, unparents it. Gone once the page is. */
  toast_overlay = adw_bin_get_child (ADW_BIN (self));
  if (toast_overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (toast_overlay), adw_toast_new (escaped));
}

static void
end_break_cb (LimberTodayPage *self)
{
  if (self->breaks != NULL)
    limber_breaks_call_break_finished (self->breaks, TRUE, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       break_finished_cb, g_object_ref (self));
}

static void
pause_clicked_cb (LimberTodayPage *self)
{
  if (self->breaks == NULL)
    return;

  if (limber_breaks_get_paused_until (self->breaks) != 0)
    limber_breaks_call_resume (self->breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  else
    limber_breaks_call_pause (self->breaks, 3600, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
update_daemon_row (LimberTodayPage *self)
{
  g_autofree char *subtitle = NULL;
  LimberDaemonState state = LIMBER_DAEMON_STATE_CONNECTING;
  LimberBreaks *breaks = NULL;

  if (self->context != NULL)
    {
      state = limber_context_get_daemon_state (self->context);
      breaks = limber_context_get_breaks (self->context);
    }

  switch (state)
    {
    case LIMBER_DAEMON_STATE_CONNECTING:
      subtitle = g_strdup (_("Starting…"));
      break;

    case LIMBER_DAEMON_STATE_RUNNING:
      /* Translators: %s is a version number such as 0.1.0. */
      subtitle = g_strdup_printf (_("Running (version %s)"),
                                  breaks ? limber_breaks_get_version (breaks) : "?");
      break;

    case LIMBER_DAEMON_STATE_STOPPED:
      subtitle = g_strdup (_("Not running: no break reminders until it is started"));
      break;

    case LIMBER_DAEMON_STATE_FAILED:
      /* Translators: %s says what went wrong. */
      subtitle = g_strdup_printf (_("Could not be started: %s"),
                                  limber_context_get_daemon_error (self->context));
      break;

    default:
      g_assert_not_reached ();
    }

  adw_action_row_set_subtitle (self->daemon_row, subtitle);
  set_breaks (self, breaks);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == LIMBER_DAEMON_STATE_CONNECTING);
  gtk_spinner_set_spinning (self->spinner, state == LIMBER_DAEMON_STATE_CONNECTING);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button),
                          state == LIMBER_DAEMON_STATE_STOPPED ||
                          state == LIMBER_DAEMON_STATE_FAILED);
}

static void
start_clicked_cb (LimberTodayPage *self)
{
  limber_context_start_daemon (self->context);
}

/* The desk group: a tip for each item answered “not yet”, and an
 * invitation to look again once three months have passed since the
 * last check, unless that reminder is off. Hidden when it has neither. */
static void
update_desk_group (LimberTodayPage *self)
{
  g_auto (GStrv) not_yet = NULL;
  GSettings *settings;
  GSettings *state;
  gboolean due;

  /* Gone with the page. */
  if (self->desk_tip_rows == NULL)
    return;

  for (guint i = 0; i < self->desk_tip_rows->len; i++)
    adw_preferences_group_remove (self->desk_group, g_ptr_array_index (self->desk_tip_rows, i));
  g_ptr_array_set_size (self->desk_tip_rows, 0);

  if (self->context == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->desk_group), FALSE);
      return;
    }

  settings = limber_context_get_settings (self->context);
  state = limber_context_get_state (self->context);
  not_yet = g_settings_get_strv (state, "workstation-not-yet");
  for (guint i = 0; not_yet[i] != NULL; i++)
    {
      const LimberWorkstationItem *item = limber_workstation_lookup (not_yet[i]);
      GtkWidget *row;

      /* An id kept by another version of Limber. */
      if (item == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(item->tip));
      adw_preferences_group_add (self->desk_group, row);
      g_ptr_array_add (self->desk_tip_rows, row);
    }

  due = g_settings_get_boolean (settings, "workstation-recheck") &&
        limber_workstation_recheck_due (g_settings_get_int64 (state, "workstation-checked"),
                                        g_get_real_time () / G_USEC_PER_SEC);
  gtk_widget_set_visible (GTK_WIDGET (self->look_again_row), due);
  adw_preferences_group_set_description (self->desk_group,
                                         self->desk_tip_rows->len > 0
                                         ? _("A few changes that may make your desk easier on your back.")
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->desk_group), self->desk_tip_rows->len > 0 || due);
}

static void
check_desk_cb (LimberTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LimberWorkstationCheck *check;

  if (self->context == NULL)
    return;

  check = limber_workstation_check_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        limber_context_get_settings (self->context),
                                        limber_context_get_state (self->context));
  gtk_window_present (GTK_WINDOW (check));
}

static void
disconnect_context (LimberTodayPage *self)
{
  if (self->context == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->context, self);
  g_signal_handlers_disconnect_by_data (limber_context_get_settings (self->context), self);
  g_signal_handlers_disconnect_by_data (limber_context_get_state (self->context), self);
}

void
limber_today_page_set_context (LimberTodayPage *self,
                               LimberContext   *context)
{
  g_return_if_fail (LIMBER_IS_TODAY_PAGE (self));
  g_return_if_fail (!context || LIMBER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_context (self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      GSettings *state = limber_context_get_state (context);

      g_signal_connect_object (state, "changed::workstation-not-yet",
                               G_CALLBACK (update_desk_group), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "changed::workstation-checked",
                               G_CALLBACK (update_desk_group), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (limber_context_get_settings (context), "changed::workstation-recheck",
                               G_CALLBACK (update_desk_group), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::daemon-state",
                               G_CALLBACK (update_daemon_row), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::breaks",
                               G_CALLBACK (update_daemon_row), self,
                               G_CONNECT_SWAPPED);
    }

  update_daemon_row (self);
  update_desk_group (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
limber_today_page_dispose (GObject *object)
{
  LimberTodayPage *self = LIMBER_TODAY_PAGE (object);

  disconnect_context (self);
  g_clear_object (&self->context);
  if (self->breaks != NULL)
    g_signal_handlers_disconnect_by_data (self->breaks, self);
  g_clear_object (&self->breaks);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_TODAY_PAGE);
  g_clear_pointer (&self->desk_tip_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (limber_today_page_parent_class)->dispose (object);
}

static void
limber_today_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LimberTodayPage *self = LIMBER_TODAY_PAGE (object);

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
limber_today_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LimberTodayPage *self = LIMBER_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      limber_today_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_today_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (limber_today_page_parent_class)->map (widget);
  refresh (LIMBER_TODAY_PAGE (widget));
  /* Three months may have passed since it was last shown. */
  update_desk_group (LIMBER_TODAY_PAGE (widget));
}

static void
limber_today_page_unmap (GtkWidget *widget)
{
  LimberTodayPage *self = LIMBER_TODAY_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (limber_today_page_parent_class)->unmap (widget);
}

static void
limber_today_page_class_init (LimberTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = limber_today_page_dispose;
  object_class->get_property = limber_today_page_get_property;
  object_class->set_property = limber_today_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIMBER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, breaks_group);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, micro_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, rest_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, active_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, break_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, end_break_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, monitor_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, daemon_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, desk_group);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, desk_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, look_again_row);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, break_now_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_break_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_desk_cb);

  widget_class->map = limber_today_page_map;
  widget_class->unmap = limber_today_page_unmap;
}

static void
limber_today_page_init (LimberTodayPage *self)
{
  self->desk_tip_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The buttons take focus, not the flow box's children around them,
   * which a screen reader would stop at as “GtkFlowBoxChild”. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->actions_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  limber_accessible_name_by_label_only (self->break_button);
  limber_accessible_name_by_label_only (self->end_break_button);
  limber_accessible_name_by_label_only (self->start_button);
  limber_accessible_name_by_label_only (self->desk_button);
  set_action_visible (self->end_break_button, FALSE);
  update_daemon_row (self);
}
