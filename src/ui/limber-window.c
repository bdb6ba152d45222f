/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-journal-page.h"
#include "limber-setup-assistant.h"
#include "limber-stretches-page.h"
#include "limber-today-page.h"
#include "limber-trends-page.h"
#include "limber-window.h"

struct _LimberWindow
{
  AdwApplicationWindow  parent_instance;

  LimberContext        *context;

  AdwViewStack         *stack;
  LimberTodayPage      *today_page;
  LimberJournalPage    *journal_page;
  LimberStretchesPage  *stretches_page;
  LimberTrendsPage     *trends_page;
  GtkRevealer          *start_at_login_revealer;
  GtkWidget            *start_at_login_label;
  GtkWidget            *start_at_login_no_button;
  GtkWidget            *start_at_login_yes_button;
};

G_DEFINE_FINAL_TYPE (LimberWindow, limber_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
limber_window_show_page (LimberWindow *self,
                         const char   *page_name)
{
  g_return_val_if_fail (LIMBER_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (page_name != NULL, FALSE);

  if (adw_view_stack_get_child_by_name (self->stack, page_name) == NULL)
    return FALSE;

  adw_view_stack_set_visible_child_name (self->stack, page_name);
  return TRUE;
}

const char *
limber_window_get_page (LimberWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LimberWindow *self = LIMBER_WINDOW (widget);
  const char *page_name = g_variant_get_string (parameter, NULL);

  if (!limber_window_show_page (self, page_name))
    g_warning ("No page called “%s”", page_name);
}

/* The set-up assistant, modal over the window; one at a time. */
static void
present_setup (LimberWindow *self)
{
  GtkWindow *assistant;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (LIMBER_IS_SETUP_ASSISTANT (l->data) &&
        gtk_window_get_transient_for (GTK_WINDOW (l->data)) == GTK_WINDOW (self))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        g_list_free (l);
        return;
      }

  assistant = GTK_WINDOW (limber_setup_assistant_new (GTK_WINDOW (self), self->context));
  /* Closing the window closes it too: it keeps the defaults. */
  gtk_window_set_destroy_with_parent (assistant, TRUE);
  gtk_window_present (assistant);
}

static void
setup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  present_setup (LIMBER_WINDOW (widget));
}

/* On the first start the assistant comes before anything else, the
 * start-at-login question included: it asks that too. Once it was
 * finished or closed, only the main menu brings it back. */
static gboolean
offer_setup_cb (gpointer user_data)
{
  LimberWindow *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !g_settings_get_boolean (limber_context_get_state (self->context), "setup-done"))
    present_setup (self);
  return G_SOURCE_REMOVE;
}

/* After the window itself is on screen, so that the assistant goes
 * above it. */
static void
first_map_cb (LimberWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, first_map_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, offer_setup_cb, g_object_ref (self), g_object_unref);
}

/* The Journal tab asks to be looked at while the journal cannot be
 * opened: the page says why. */
static void
journal_state_changed_cb (LimberWindow *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->stack, GTK_WIDGET (self->journal_page));

  adw_view_stack_page_set_needs_attention (page,
                                           limber_context_get_journal_state (self->context) == LIMBER_JOURNAL_STATE_FAILED);
}

/* The answer, either way, is the person's choice: the application follows
 * the setting, and the question does not come back. No turns off what an
 * earlier version switched on without asking. */
static void
start_at_login_no_cb (LimberWindow *self)
{
  g_settings_set_boolean (limber_context_get_settings (self->context), "start-at-login", FALSE);
  g_settings_set_boolean (limber_context_get_state (self->context), "start-at-login-asked", TRUE);
}

static void
start_at_login_yes_cb (LimberWindow *self)
{
  g_settings_set_boolean (limber_context_get_settings (self->context), "start-at-login", TRUE);
  g_settings_set_boolean (limber_context_get_state (self->context), "start-at-login-asked", TRUE);
}

/* The question waits while the set-up assistant, which asks it too, has
 * not been finished or closed: it is never shown behind it. */
static void
update_start_at_login_question (LimberWindow *self)
{
  GSettings *state = limber_context_get_state (self->context);

  gtk_revealer_set_reveal_child (self->start_at_login_revealer,
                                 g_settings_get_boolean (state, "setup-done") &&
                                 !g_settings_get_boolean (state, "start-at-login-asked"));
}

static void
limber_window_constructed (GObject *object)
{
  LimberWindow *self = LIMBER_WINDOW (object);
  GSettings *state = limber_context_get_state (self->context);

  G_OBJECT_CLASS (limber_window_parent_class)->constructed (object);

  g_settings_bind (state, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (state, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (state, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self, "map", G_CALLBACK (first_map_cb), self);
  g_signal_connect_object (state, "changed::start-at-login-asked",
                           G_CALLBACK (update_start_at_login_question), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "changed::setup-done",
                           G_CALLBACK (update_start_at_login_question), self, G_CONNECT_SWAPPED);
  update_start_at_login_question (self);
  /* "Not Now" alone says little: both answers carry the question. */
  limber_accessible_name_by_label_only (GTK_BUTTON (self->start_at_login_no_button));
  limber_accessible_name_by_label_only (GTK_BUTTON (self->start_at_login_yes_button));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->start_at_login_no_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->start_at_login_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->start_at_login_yes_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->start_at_login_label, NULL, -1);

  limber_today_page_set_context (self->today_page, self->context);
  limber_journal_page_set_context (self->journal_page, self->context);
  limber_stretches_page_set_context (self->stretches_page, self->context);
  limber_trends_page_set_context (self->trends_page, self->context);

  g_signal_connect_object (self->context, "notify::journal-state",
                           G_CALLBACK (journal_state_changed_cb), self, G_CONNECT_SWAPPED);
  journal_state_changed_cb (self);
}

static void
limber_window_dispose (GObject *object)
{
  LimberWindow *self = LIMBER_WINDOW (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (limber_window_parent_class)->dispose (object);
}

static void
limber_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LimberWindow *self = LIMBER_WINDOW (object);

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
limber_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LimberWindow *self = LIMBER_WINDOW (object);

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
limber_window_class_init (LimberWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_window_constructed;
  object_class->dispose = limber_window_dispose;
  object_class->get_property = limber_window_get_property;
  object_class->set_property = limber_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIMBER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, journal_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, stretches_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, trends_page);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, start_at_login_revealer);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, start_at_login_label);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, start_at_login_no_button);
  gtk_widget_class_bind_template_child (widget_class, LimberWindow, start_at_login_yes_button);
  gtk_widget_class_bind_template_callback (widget_class, start_at_login_no_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_at_login_yes_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.setup", NULL, setup_action);

  g_type_ensure (LIMBER_TYPE_TODAY_PAGE);
  g_type_ensure (LIMBER_TYPE_JOURNAL_PAGE);
  g_type_ensure (LIMBER_TYPE_STRETCHES_PAGE);
  g_type_ensure (LIMBER_TYPE_TRENDS_PAGE);
}

static void
limber_window_init (LimberWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LimberWindow *
limber_window_new (AdwApplication *application,
                   LimberContext  *context)
{
  LimberWindow *self;
  GtkShortcutsWindow *shortcuts;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  self = g_object_new (LIMBER_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);

  /* The application gives the window its help overlay once it is the
   * window's application, after construction. */
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (shortcuts != NULL)
    limber_accessible_name_search (GTK_WIDGET (shortcuts), _("Search Shortcuts"), NULL);

  return self;
}

LimberContext *
limber_window_get_context (LimberWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_WINDOW (self), NULL);

  return self->context;
}
