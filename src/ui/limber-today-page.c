/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-today-page.h"

/* The Today page: what the break timer is doing. */
struct _LimberTodayPage
{
  AdwBin         parent_instance;

  LimberContext *context;

  AdwActionRow  *daemon_row;
  GtkButton     *start_button;
  GtkSpinner    *spinner;
};

G_DEFINE_FINAL_TYPE (LimberTodayPage, limber_today_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

void
limber_today_page_set_context (LimberTodayPage *self,
                               LimberContext   *context)
{
  g_return_if_fail (LIMBER_IS_TODAY_PAGE (self));
  g_return_if_fail (!context || LIMBER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (context, "notify::daemon-state",
                               G_CALLBACK (update_daemon_row), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::breaks",
                               G_CALLBACK (update_daemon_row), self,
                               G_CONNECT_SWAPPED);
    }

  update_daemon_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
limber_today_page_dispose (GObject *object)
{
  LimberTodayPage *self = LIMBER_TODAY_PAGE (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_TODAY_PAGE);

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
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, daemon_row);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, LimberTodayPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
}

static void
limber_today_page_init (LimberTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_daemon_row (self);
}
