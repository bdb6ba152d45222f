/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "limber-accessible.h"
#include "limber-break-format.h"
#include "limber-preferences-window.h"
#include "limber-sync-group.h"

struct _LimberPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LimberContext        *context;
  /* Weak: a child of the Journal page. */
  GtkWidget            *sync_group;
};

G_DEFINE_FINAL_TYPE (LimberPreferencesWindow, limber_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keys are stored in seconds; the window shows the unit people think in. */
typedef struct
{
  const char *key;
  const char *spin_name;
  guint       seconds_per_unit;
  /* A switch key that turns this setting on; NULL when always on. */
  const char *enabled_key;
} ScaledSetting;

static const ScaledSetting scaled_settings[] = {
  { "micro-break-interval",     "micro_interval_spin",    60,   "micro-break-enabled" },
  { "micro-break-duration",     "micro_duration_spin",    1,    "micro-break-enabled" },
  { "rest-break-interval",      "rest_interval_spin",     60,   "rest-break-enabled" },
  { "rest-break-duration",      "rest_duration_spin",     60,   "rest-break-enabled" },
  { "warning-lead-time",        "warning_spin",           1,    NULL },
  { "idle-threshold",           "idle_spin",              1,    NULL },
  { "postpone-duration",        "postpone_duration_spin", 60,   NULL },
  { "postpone-limit",           "postpone_limit_spin",    1,    NULL },
  { "reminder-repeat-interval", "repeat_spin",            60,   NULL },
  { "daily-limit",              "daily_limit_spin",       3600, "daily-limit-enabled" },
  { "day-rollover-hour",        "rollover_spin",          1,    NULL },
};

static const struct {
  const char *key;
  const char *switch_name;
} switch_settings[] = {
  { "micro-break-enabled",   "micro_enabled_switch" },
  { "rest-break-enabled",    "rest_enabled_switch" },
  { "strict-mode",           "strict_switch" },
  { "daily-limit-enabled",   "daily_limit_switch" },
  { "pain-reminder-enabled", "pain_reminder_switch" },
  { "start-at-login",        "start_at_login_switch" },
  { "sound-enabled",         "sound_switch" },
};

static gboolean
seconds_to_units (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  guint seconds_per_unit = GPOINTER_TO_UINT (user_data);

  g_value_set_double (value, (double) g_variant_get_uint32 (variant) / seconds_per_unit);
  return TRUE;
}

static GVariant *
units_to_seconds (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint seconds_per_unit = GPOINTER_TO_UINT (user_data);

  return g_variant_new_uint32 ((guint32) round (g_value_get_double (value) * seconds_per_unit));
}

/* pain-reminder-time is one key, minutes after midnight, shown as two
 * spin buttons: the hour and the minute. */
static gboolean
minute_of_day_to_hour (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60);
  return TRUE;
}

static gboolean
minute_of_day_to_minute (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) % 60);
  return TRUE;
}

static GVariant *
hour_to_minute_of_day (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  GSettings *settings = user_data;
  guint minute = g_settings_get_uint (settings, "pain-reminder-time") % 60;

  return g_variant_new_uint32 ((guint32) round (g_value_get_double (value)) * 60 + minute);
}

static GVariant *
minute_to_minute_of_day (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  GSettings *settings = user_data;
  guint hour = g_settings_get_uint (settings, "pain-reminder-time") / 60;

  return g_variant_new_uint32 (hour * 60 + (guint32) round (g_value_get_double (value)));
}

static GtkWidget *
template_child (LimberPreferencesWindow *self,
                const char              *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self),
                                                  LIMBER_TYPE_PREFERENCES_WINDOW,
                                                  name);

  g_assert (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* Greys out the whole row, not just its spin button. */
static GtkWidget *
row_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  g_assert (row != NULL);
  return row;
}

static void
bind_settings (LimberPreferencesWindow *self)
{
  GSettings *settings = limber_context_get_settings (self->context);
  GtkWidget *hour_spin = template_child (self, "pain_reminder_hour_spin");
  GtkWidget *minute_spin = template_child (self, "pain_reminder_minute_spin");

  for (guint i = 0; i < G_N_ELEMENTS (switch_settings); i++)
    g_settings_bind (settings, switch_settings[i].key,
                     template_child (self, switch_settings[i].switch_name), "active",
                     G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (scaled_settings); i++)
    {
      const ScaledSetting *setting = &scaled_settings[i];
      GtkWidget *spin = template_child (self, setting->spin_name);

      g_settings_bind_with_mapping (settings, setting->key, spin, "value",
                                    G_SETTINGS_BIND_DEFAULT,
                                    seconds_to_units, units_to_seconds,
                                    GUINT_TO_POINTER (setting->seconds_per_unit), NULL);
      if (setting->enabled_key != NULL)
        g_settings_bind (settings, setting->enabled_key, row_of (spin), "sensitive",
                         G_SETTINGS_BIND_GET);
    }

  g_settings_bind_with_mapping (settings, "pain-reminder-time", hour_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                minute_of_day_to_hour, hour_to_minute_of_day,
                                settings, NULL);
  g_settings_bind_with_mapping (settings, "pain-reminder-time", minute_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                minute_of_day_to_minute, minute_to_minute_of_day,
                                settings, NULL);
  g_settings_bind (settings, "pain-reminder-enabled", row_of (hour_spin), "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "pain-reminder-enabled", row_of (minute_spin), "sensitive",
                   G_SETTINGS_BIND_GET);
}

/* How the daemon sees activity and whether a tray shows it, so that
 * people on a desktop without either know what that means. */
static void
show_daemon_facts (LimberPreferencesWindow *self)
{
  AdwActionRow *monitor_row = ADW_ACTION_ROW (template_child (self, "monitor_row"));
  AdwActionRow *tray_row = ADW_ACTION_ROW (template_child (self, "tray_row"));
  LimberBreaks *breaks = limber_context_get_breaks (self->context);

  if (breaks == NULL)
    {
      adw_action_row_set_subtitle (monitor_row, _("Unknown while the break timer is not running"));
      adw_action_row_set_subtitle (tray_row, _("Unknown while the break timer is not running"));
      return;
    }

  adw_action_row_set_subtitle (monitor_row, limber_describe_monitor (limber_breaks_get_monitor (breaks)));
  adw_action_row_set_subtitle (tray_row,
                               limber_breaks_get_tray_shown (breaks)
                               ? _("Shown in the panel")
                               : _("Not shown: this desktop has no tray. Reminders come as notifications, and the Today page shows the break timer."));
}

static void
breaks_changed_cb (LimberPreferencesWindow *self)
{
  LimberBreaks *breaks = limber_context_get_breaks (self->context);

  if (breaks != NULL)
    g_signal_connect_object (breaks, "g-properties-changed", G_CALLBACK (show_daemon_facts),
                             self, G_CONNECT_SWAPPED);
  show_daemon_facts (self);
}

/* The Sync group is made here, after the template, which libadwaita 1.2
 * holds on to for good: its preferences window keeps a reference to a
 * group added to a page that is already in it (the search's model, by a
 * trace of the references). tests/lsan.supp names this function for
 * that. */
static void
add_sync_group (LimberPreferencesWindow *self)
{
  /* Sync is the journal's: its group comes after the daily reminder. */
  self->sync_group = limber_sync_group_new (self->context);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (template_child (self, "journal_page")),
                            ADW_PREFERENCES_GROUP (self->sync_group));
}

/* As the group outlives the window, it lets go of the context and its
 * reads now. */
static void
remove_sync_group (LimberPreferencesWindow *self)
{
  g_autoptr (GtkWidget) group = NULL;

  if (self->sync_group == NULL)
    return;
  group = g_object_ref (g_steal_pointer (&self->sync_group));
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (template_child (self, "journal_page")),
                               ADW_PREFERENCES_GROUP (group));
  g_object_run_dispose (G_OBJECT (group));
}

static void
limber_preferences_window_constructed (GObject *object)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (limber_preferences_window_parent_class)->constructed (object);

  bind_settings (self);
  add_sync_group (self);
  g_signal_connect_object (self->context, "notify::breaks", G_CALLBACK (breaks_changed_cb),
                           self, G_CONNECT_SWAPPED);
  breaks_changed_cb (self);
}

static void
limber_preferences_window_dispose (GObject *object)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

  remove_sync_group (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (limber_preferences_window_parent_class)->dispose (object);
}

static void
limber_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

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
limber_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LimberPreferencesWindow *self = LIMBER_PREFERENCES_WINDOW (object);

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
limber_preferences_window_class_init (LimberPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = limber_preferences_window_constructed;
  object_class->dispose = limber_preferences_window_dispose;
  object_class->get_property = limber_preferences_window_get_property;
  object_class->set_property = limber_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIMBER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-preferences-window.ui");

  /* Bound by name so that bind_settings() can look them up from its tables. */
  for (guint i = 0; i < G_N_ELEMENTS (switch_settings); i++)
    gtk_widget_class_bind_template_child_full (widget_class, switch_settings[i].switch_name, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (scaled_settings); i++)
    gtk_widget_class_bind_template_child_full (widget_class, scaled_settings[i].spin_name, FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "pain_reminder_hour_spin", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "pain_reminder_minute_spin", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "monitor_row", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "tray_row", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "journal_page", FALSE, 0);
}

static void
limber_preferences_window_init (LimberPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  limber_accessible_name_search (GTK_WIDGET (self), _("Search"), _("Search preferences"));
}

LimberPreferencesWindow *
limber_preferences_window_new (GtkWindow     *parent,
                               LimberContext *context)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);

  return g_object_new (LIMBER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
