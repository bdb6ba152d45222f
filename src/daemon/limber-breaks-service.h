/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-break-driver.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_BREAKS_SERVICE (limber_breaks_service_get_type ())

G_DECLARE_FINAL_TYPE (LimberBreaksService, limber_breaks_service, LIMBER, BREAKS_SERVICE, GObject)

LimberBreaksService *limber_breaks_service_new         (LimberBreakDriver    *driver);

/**
 * limber_breaks_service_export:
 *
 * Exports io.github.limberapp.Limber.Breaks at @object_path on @bus.
 */
gboolean             limber_breaks_service_export      (LimberBreaksService  *self,
                                                        GDBusConnection      *bus,
                                                        const char           *object_path,
                                                        GError              **error);
void                 limber_breaks_service_unexport    (LimberBreaksService  *self);

/**
 * limber_breaks_service_set_monitor:
 *
 * Publishes how activity is seen: "gnome", "x11", "none", …
 */
void                 limber_breaks_service_set_monitor (LimberBreaksService  *self,
                                                        const char           *monitor);

void                 limber_breaks_service_set_tray_shown (LimberBreaksService *self,
                                                           gboolean             shown);
void                 limber_breaks_service_set_pending_writes (LimberBreaksService *self,
                                                               guint                count,
                                                               const char          *problem);

G_END_DECLS
