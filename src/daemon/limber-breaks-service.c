/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include "limber-breaks-service.h"
#include "limber-dbus-breaks.h"

/* The daemon's side of io.github.limberapp.Limber.Breaks: it answers the
 * window, the command line and the tests. */
struct _LimberBreaksService
{
  GObject       parent_instance;

  LimberBreaks *skeleton;
};

G_DEFINE_FINAL_TYPE (LimberBreaksService, limber_breaks_service, G_TYPE_OBJECT)

enum {
  QUIT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
limber_breaks_service_dispose (GObject *object)
{
  LimberBreaksService *self = LIMBER_BREAKS_SERVICE (object);

  limber_breaks_service_unexport (self);
  g_clear_object (&self->skeleton);

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
  self->skeleton = limber_breaks_skeleton_new ();
  limber_breaks_set_version (self->skeleton, PACKAGE_VERSION);

  g_signal_connect_object (self->skeleton, "handle-quit",
                           G_CALLBACK (handle_quit_cb), self, 0);
}

LimberBreaksService *
limber_breaks_service_new (void)
{
  return g_object_new (LIMBER_TYPE_BREAKS_SERVICE, NULL);
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
  if (skeleton != NULL && g_dbus_interface_skeleton_get_connection (skeleton) != NULL)
    g_dbus_interface_skeleton_unexport (skeleton);
}
