/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-activity-monitor.h"
#include "limber-mutter-monitor.h"
#include "limber-wayland-monitor.h"
#include "limber-x11-monitor.h"

typedef struct
{
  char     *name;

  /* What a monitor saw while it started, before anyone could listen. */
  gboolean  starting;
  guint     started_report_id;
  gboolean  idle_at_start;
  gint64    idle_at_start_since_us;
} LimberActivityMonitorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LimberActivityMonitor, limber_activity_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

enum {
  IDLE,
  ACTIVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
report_start_cb (gpointer user_data)
{
  LimberActivityMonitor *self = user_data;
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  priv->started_report_id = 0;
  if (priv->idle_at_start)
    {
      priv->idle_at_start = FALSE;
      g_signal_emit (self, signals[IDLE], 0, priv->idle_at_start_since_us);
    }

  return G_SOURCE_REMOVE;
}

/* Delivers now what was seen at start, so that it comes before anything
 * seen later. */
static void
flush_start_report (LimberActivityMonitor *self)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  if (priv->started_report_id != 0)
    {
      g_clear_handle_id (&priv->started_report_id, g_source_remove);
      report_start_cb (self);
    }
}

static gboolean
start (LimberActivityMonitor  *self,
       guint                   idle_threshold_s,
       GError                **error)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);
  gboolean started;

  /* Whoever picks a monitor connects to its signals after it started:
   * a user already idle is reported from the main loop instead. */
  priv->starting = TRUE;
  started = LIMBER_ACTIVITY_MONITOR_GET_CLASS (self)->start (self, idle_threshold_s, error);
  priv->starting = FALSE;

  return started;
}

LimberActivityMonitor *
limber_activity_monitor_pick (guint idle_threshold_s)
{
  GType candidates[] = {
    LIMBER_TYPE_MUTTER_MONITOR,
    LIMBER_TYPE_WAYLAND_MONITOR,
    LIMBER_TYPE_X11_MONITOR,
  };
  g_autoptr (GString) reasons = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr (LimberActivityMonitor) monitor = g_object_new (candidates[i], NULL);
      g_autoptr (GError) error = NULL;

      if (start (monitor, idle_threshold_s, &error))
        {
          g_debug ("Activity from %s", limber_activity_monitor_get_name (monitor));
          return g_steal_pointer (&monitor);
        }
      g_debug ("No %s activity monitor: %s", limber_activity_monitor_get_name (monitor), error->message);
      g_string_append_printf (reasons, "%s%s: %s", reasons->len > 0 ? "; " : "",
                              limber_activity_monitor_get_name (monitor), error->message);
    }

  g_message ("No way to see activity in this session, all time counts as work (%s)", reasons->str);
  return NULL;
}

const char *
limber_activity_monitor_get_name (LimberActivityMonitor *self)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_return_val_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self), NULL);

  return priv->name;
}

void
limber_activity_monitor_set_name (LimberActivityMonitor *self,
                                  const char            *name)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));

  g_free (priv->name);
  priv->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
limber_activity_monitor_set_idle_threshold (LimberActivityMonitor *self,
                                            guint                  idle_threshold_s)
{
  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));
  g_return_if_fail (idle_threshold_s > 0);

  LIMBER_ACTIVITY_MONITOR_GET_CLASS (self)->set_idle_threshold (self, idle_threshold_s);
}

void
limber_activity_monitor_emit_idle (LimberActivityMonitor *self,
                                   gint64                 since_us)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));

  if (priv->starting)
    {
      priv->idle_at_start = TRUE;
      priv->idle_at_start_since_us = since_us;
      if (priv->started_report_id == 0)
        priv->started_report_id = g_idle_add (report_start_cb, self);
      return;
    }

  flush_start_report (self);
  g_signal_emit (self, signals[IDLE], 0, since_us);
}

void
limber_activity_monitor_emit_active (LimberActivityMonitor *self)
{
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));

  /* Back before anyone heard of it: nothing to say. */
  if (priv->starting)
    {
      priv->idle_at_start = FALSE;
      return;
    }

  flush_start_report (self);
  g_signal_emit (self, signals[ACTIVE], 0);
}

static void
limber_activity_monitor_dispose (GObject *object)
{
  LimberActivityMonitor *self = LIMBER_ACTIVITY_MONITOR (object);
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_clear_handle_id (&priv->started_report_id, g_source_remove);

  G_OBJECT_CLASS (limber_activity_monitor_parent_class)->dispose (object);
}

static void
limber_activity_monitor_finalize (GObject *object)
{
  LimberActivityMonitor *self = LIMBER_ACTIVITY_MONITOR (object);
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  g_free (priv->name);

  G_OBJECT_CLASS (limber_activity_monitor_parent_class)->finalize (object);
}

static void
limber_activity_monitor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LimberActivityMonitor *self = LIMBER_ACTIVITY_MONITOR (object);
  LimberActivityMonitorPrivate *priv = limber_activity_monitor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_activity_monitor_class_init (LimberActivityMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_activity_monitor_dispose;
  object_class->finalize = limber_activity_monitor_finalize;
  object_class->get_property = limber_activity_monitor_get_property;

  /**
   * LimberActivityMonitor:name:
   *
   * How the monitor sees activity, as the D-Bus Monitor property says it.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberActivityMonitor::idle:
   * @since_us: the monotonic time of the last input
   *
   * No input for the idle threshold.
   */
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * LimberActivityMonitor::active:
   *
   * Input again after being idle.
   */
  signals[ACTIVE] = g_signal_new ("active", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
limber_activity_monitor_init (LimberActivityMonitor *self)
{
}
