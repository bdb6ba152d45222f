/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-activity-monitor.h"
#include "limber-mutter-monitor.h"
#include "limber-wayland-monitor.h"
#include "limber-x11-monitor.h"

typedef struct
{
  char *name;
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

LimberActivityMonitor *
limber_activity_monitor_pick (guint idle_threshold_s)
{
  GType candidates[] = {
    LIMBER_TYPE_MUTTER_MONITOR,
    LIMBER_TYPE_WAYLAND_MONITOR,
    LIMBER_TYPE_X11_MONITOR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr (LimberActivityMonitor) monitor = g_object_new (candidates[i], NULL);
      g_autoptr (GError) error = NULL;

      if (LIMBER_ACTIVITY_MONITOR_GET_CLASS (monitor)->start (monitor, idle_threshold_s, &error))
        {
          g_debug ("Activity from %s", limber_activity_monitor_get_name (monitor));
          return g_steal_pointer (&monitor);
        }
      g_debug ("No %s activity monitor: %s", limber_activity_monitor_get_name (monitor), error->message);
    }

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
  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));

  g_signal_emit (self, signals[IDLE], 0, since_us);
}

void
limber_activity_monitor_emit_active (LimberActivityMonitor *self)
{
  g_return_if_fail (LIMBER_IS_ACTIVITY_MONITOR (self));

  g_signal_emit (self, signals[ACTIVE], 0);
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
