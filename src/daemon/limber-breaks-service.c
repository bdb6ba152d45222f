/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-breaks-service.h"
#include "limber-dbus-breaks.h"

/* The daemon's side of io.github.limberapp.Limber.Breaks: the scheduler's
 * state as properties, its events as signals, its inputs as methods. */
struct _LimberBreaksService
{
  GObject            parent_instance;

  LimberBreakDriver *driver;
  LimberBreaks      *skeleton;
};

G_DEFINE_FINAL_TYPE (LimberBreaksService, limber_breaks_service, G_TYPE_OBJECT)

enum {
  QUIT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *state_names[] = {
  [LIMBER_BREAK_STATE_WORKING] = "working",
  [LIMBER_BREAK_STATE_WARNING] = "warning",
  [LIMBER_BREAK_STATE_DUE] = "due",
  [LIMBER_BREAK_STATE_IN_BREAK] = "in-break",
  [LIMBER_BREAK_STATE_AWAY] = "away",
  [LIMBER_BREAK_STATE_PAUSED] = "paused",
};

static LimberBreakScheduler *
scheduler_of (LimberBreaksService *self)
{
  return limber_break_driver_get_scheduler (self->driver);
}

/* A deadline as (monotonic, wall-clock estimate). Real and monotonic
 * time drift apart a little; a second or two is no news worth a
 * PropertiesChanged, so the @published estimate is kept then. */
static GVariant *
deadline_value (LimberBreaksService *self,
                gint64               deadline,
                GVariant            *published)
{
  gint64 published_deadline = -2, published_wall = -2;
  gint64 wall = limber_break_driver_to_wall (self->driver, deadline);

  if (published != NULL)
    g_variant_get (published, "(xx)", &published_deadline, &published_wall);
  if (published_deadline == deadline && ABS (published_wall - wall) <= 2)
    wall = published_wall;

  return g_variant_new ("(xx)", deadline, wall);
}

static GVariant *
next_break_value (LimberBreaksService *self,
                  LimberBreakKind      kind,
                  GVariant            *published)
{
  LimberBreakScheduler *scheduler = scheduler_of (self);
  LimberBreakState state = limber_break_scheduler_get_state (scheduler);
  gint64 ref = limber_break_scheduler_get_time (scheduler);
  gint64 left = limber_break_scheduler_get_time_to_break (scheduler, kind, ref);

  if (left < 0)
    return g_variant_new ("(xx)", (gint64) -1, (gint64) -1);

  if (state != LIMBER_BREAK_STATE_WORKING && state != LIMBER_BREAK_STATE_WARNING &&
      state != LIMBER_BREAK_STATE_DUE)
    return g_variant_new ("(xx)", (gint64) -1, left / G_USEC_PER_SEC);

  return deadline_value (self, ref + left, published);
}

/* While a break is under way, when the daemon ends it. */
static GVariant *
break_end_value (LimberBreaksService *self,
                 GVariant            *published)
{
  gint64 end = limber_break_scheduler_get_break_end (scheduler_of (self));

  if (end == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
    return g_variant_new ("(xx)", (gint64) -1, (gint64) -1);
  return deadline_value (self, end, published);
}

static void
publish (LimberBreaksService *self)
{
  LimberBreakScheduler *scheduler = scheduler_of (self);
  LimberBreakState state = limber_break_scheduler_get_state (scheduler);
  gint64 ref = limber_break_scheduler_get_time (scheduler);
  gint64 pause_end = limber_break_scheduler_get_pause_end (scheduler);
  gboolean counting = state == LIMBER_BREAK_STATE_WORKING ||
                      state == LIMBER_BREAK_STATE_WARNING ||
                      state == LIMBER_BREAK_STATE_DUE;
  gboolean any_due;
  LimberBreakKind due_kind = limber_break_scheduler_get_due_kind (scheduler, &any_due);
  LimberBreaks *skeleton = self->skeleton;

  limber_breaks_set_state (skeleton, state_names[state]);
  limber_breaks_set_next_micro_break (skeleton, next_break_value (self, LIMBER_BREAK_KIND_MICRO,
                                                                  limber_breaks_get_next_micro_break (skeleton)));
  limber_breaks_set_next_rest_break (skeleton, next_break_value (self, LIMBER_BREAK_KIND_REST,
                                                                 limber_breaks_get_next_rest_break (skeleton)));
  limber_breaks_set_due_break (skeleton, any_due ? limber_break_kind_name (due_kind) : "");
  limber_breaks_set_break_end (skeleton, break_end_value (self, limber_breaks_get_break_end (skeleton)));
  limber_breaks_set_today_active (skeleton,
                                  g_variant_new ("(xxb)",
                                                 limber_break_scheduler_get_today_active (scheduler, ref),
                                                 ref, counting));
  if (pause_end == 0)
    limber_breaks_set_paused_until (skeleton, 0);
  else if (pause_end == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
    limber_breaks_set_paused_until (skeleton, -1);
  else
    limber_breaks_set_paused_until (skeleton, limber_break_driver_to_wall (self->driver, pause_end));
}

static gboolean
parse_kind (GDBusMethodInvocation *invocation,
            const char            *text,
            LimberBreakKind       *kind)
{
  if (limber_break_kind_from_name (text, kind))
    return TRUE;

  g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                         "Unknown break kind “%s”; use “micro” or “rest”", text);
  return FALSE;
}

/* Completes @invocation after an input, which the driver has already
 * applied and armed the timer for. */
static gboolean
done (LimberBreaksService   *self,
      GDBusMethodInvocation *invocation,
      GError                *error)
{
  if (error != NULL)
    g_dbus_method_invocation_return_gerror (invocation, error);
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_break_now_cb (LimberBreaks          *skeleton,
                     GDBusMethodInvocation *invocation,
                     const char            *kind_name,
                     LimberBreaksService   *self)
{
  LimberBreakKind kind;

  if (!parse_kind (invocation, kind_name, &kind))
    return G_DBUS_METHOD_INVOCATION_HANDLED;

  limber_break_driver_start_break (self->driver, kind);
  return done (self, invocation, NULL);
}

static gboolean
handle_postpone_cb (LimberBreaks          *skeleton,
                    GDBusMethodInvocation *invocation,
                    LimberBreaksService   *self)
{
  g_autoptr (GError) error = NULL;

  limber_break_driver_postpone (self->driver, &error);
  return done (self, invocation, error);
}

static gboolean
handle_skip_cb (LimberBreaks          *skeleton,
                GDBusMethodInvocation *invocation,
                LimberBreaksService   *self)
{
  g_autoptr (GError) error = NULL;

  limber_break_driver_skip (self->driver, &error);
  return done (self, invocation, error);
}

static gboolean
handle_pause_cb (LimberBreaks          *skeleton,
                 GDBusMethodInvocation *invocation,
                 gint64                 seconds,
                 LimberBreaksService   *self)
{
  if (seconds == 0 || seconds < -1 || seconds > 7 * 24 * 3600)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "Pause takes 1 to 604800 seconds, or -1 for until tomorrow");
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  limber_break_driver_pause (self->driver, seconds);
  return done (self, invocation, NULL);
}

static gboolean
handle_resume_cb (LimberBreaks          *skeleton,
                  GDBusMethodInvocation *invocation,
                  LimberBreaksService   *self)
{
  limber_break_driver_resume (self->driver);
  return done (self, invocation, NULL);
}

static gboolean
handle_break_started_cb (LimberBreaks          *skeleton,
                         GDBusMethodInvocation *invocation,
                         const char            *kind_name,
                         LimberBreaksService   *self)
{
  return handle_break_now_cb (skeleton, invocation, kind_name, self);
}

static gboolean
handle_break_finished_cb (LimberBreaks          *skeleton,
                          GDBusMethodInvocation *invocation,
                          gboolean               completed,
                          LimberBreaksService   *self)
{
  g_autoptr (GError) error = NULL;

  limber_break_driver_finish_break (self->driver, completed, &error);
  return done (self, invocation, error);
}

static gboolean
handle_quit_cb (LimberBreaks          *skeleton,
                GDBusMethodInvocation *invocation,
                LimberBreaksService   *self)
{
  g_debug ("Quit asked for by %s", g_dbus_method_invocation_get_sender (invocation));

  limber_breaks_complete_quit (skeleton, invocation);
  g_signal_emit (self, signals[QUIT_REQUESTED], 0);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
warning_cb (LimberBreaksService *self,
            int                  kind,
            guint                seconds)
{
  limber_breaks_emit_warning (self->skeleton, limber_break_kind_name (kind), seconds);
}

static void
break_due_cb (LimberBreaksService *self,
              int                  kind,
              gboolean             repeat)
{
  limber_breaks_emit_break_due (self->skeleton, limber_break_kind_name (kind), repeat);
}

static void
natural_break_cb (LimberBreaksService *self,
                  int                  kind)
{
  limber_breaks_emit_natural_break (self->skeleton, limber_break_kind_name (kind));
}

static void
limber_breaks_service_dispose (GObject *object)
{
  LimberBreaksService *self = LIMBER_BREAKS_SERVICE (object);

  if (self->skeleton != NULL)
    limber_breaks_service_unexport (self);
  g_clear_object (&self->skeleton);
  g_clear_object (&self->driver);

  G_OBJECT_CLASS (limber_breaks_service_parent_class)->dispose (object);
}

static void
limber_breaks_service_class_init (LimberBreaksServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_breaks_service_dispose;

  /**
   * LimberBreaksService::quit-requested:
   *
   * A client called Quit: the daemon should stop.
   */
  signals[QUIT_REQUESTED] =
    g_signal_new ("quit-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
limber_breaks_service_init (LimberBreaksService *self)
{
}

LimberBreaksService *
limber_breaks_service_new (LimberBreakDriver *driver)
{
  LimberBreaksService *self;
  LimberBreakScheduler *scheduler;
  static const struct {
    const char *signal;
    GCallback   callback;
  } handlers[] = {
    { "handle-break-now",      G_CALLBACK (handle_break_now_cb) },
    { "handle-postpone",       G_CALLBACK (handle_postpone_cb) },
    { "handle-skip",           G_CALLBACK (handle_skip_cb) },
    { "handle-pause",          G_CALLBACK (handle_pause_cb) },
    { "handle-resume",         G_CALLBACK (handle_resume_cb) },
    { "handle-break-started",  G_CALLBACK (handle_break_started_cb) },
    { "handle-break-finished", G_CALLBACK (handle_break_finished_cb) },
    { "handle-quit",           G_CALLBACK (handle_quit_cb) },
  };

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (driver), NULL);

  self = g_object_new (LIMBER_TYPE_BREAKS_SERVICE, NULL);
  self->driver = g_object_ref (driver);
  self->skeleton = limber_breaks_skeleton_new ();
  limber_breaks_set_version (self->skeleton, PACKAGE_VERSION);
  limber_breaks_set_monitor (self->skeleton, "none");
  limber_breaks_set_pending_writes (self->skeleton, g_variant_new ("(us)", 0, ""));

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_connect_object (self->skeleton, handlers[i].signal, handlers[i].callback, self, 0);

  scheduler = limber_break_driver_get_scheduler (driver);
  g_signal_connect_object (scheduler, "warning", G_CALLBACK (warning_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "break-due", G_CALLBACK (break_due_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "natural-break", G_CALLBACK (natural_break_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (driver, "changed", G_CALLBACK (publish), self, G_CONNECT_SWAPPED);
  publish (self);

  return self;
}

gboolean
limber_breaks_service_export (LimberBreaksService  *self,
                              GDBusConnection      *bus,
                              const char           *object_path,
                              GError              **error)
{
  g_return_val_if_fail (LIMBER_IS_BREAKS_SERVICE (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (bus), FALSE);
  g_return_val_if_fail (object_path != NULL, FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           bus, object_path, error);
}

void
limber_breaks_service_unexport (LimberBreaksService *self)
{
  GDBusInterfaceSkeleton *skeleton;

  g_return_if_fail (LIMBER_IS_BREAKS_SERVICE (self));

  skeleton = G_DBUS_INTERFACE_SKELETON (self->skeleton);
  if (g_dbus_interface_skeleton_get_connection (skeleton) != NULL)
    g_dbus_interface_skeleton_unexport (skeleton);
}

void
limber_breaks_service_set_monitor (LimberBreaksService *self,
                                   const char          *monitor)
{
  g_return_if_fail (LIMBER_IS_BREAKS_SERVICE (self));

  limber_breaks_set_monitor (self->skeleton, monitor);
}

void
limber_breaks_service_set_tray_shown (LimberBreaksService *self,
                                      gboolean             shown)
{
  g_return_if_fail (LIMBER_IS_BREAKS_SERVICE (self));

  limber_breaks_set_tray_shown (self->skeleton, shown);
}

void
limber_breaks_service_set_pending_writes (LimberBreaksService *self,
                                          guint                count,
                                          const char          *problem)
{
  g_return_if_fail (LIMBER_IS_BREAKS_SERVICE (self));

  limber_breaks_set_pending_writes (self->skeleton,
                                    g_variant_new ("(us)", count, count > 0 && problem ? problem : ""));
}
