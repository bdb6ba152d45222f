/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-break-driver.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_STATUS_NOTIFIER (limber_status_notifier_get_type ())

G_DECLARE_FINAL_TYPE (LimberStatusNotifier, limber_status_notifier, LIMBER, STATUS_NOTIFIER, GObject)

/* Limber's tray icon: a StatusNotifierItem with a com.canonical.dbusmenu
 * menu, registered with the session's StatusNotifierWatcher whenever one
 * appears. Clicks that open the window start one `limber` at a time, and
 * reach a window that runs over D-Bus. */

LimberStatusNotifier *limber_status_notifier_new            (LimberBreakDriver    *driver);

/**
 * limber_status_notifier_start:
 *
 * Exports the item and its menu on @bus and registers them with the
 * watcher, now and each time a watcher appears.
 */
gboolean              limber_status_notifier_start          (LimberStatusNotifier  *self,
                                                             GDBusConnection       *bus,
                                                             GError               **error);

/**
 * limber_status_notifier_is_shown:
 *
 * Whether a watcher with a host has taken the item, so that the icon is
 * on screen somewhere.
 */
gboolean              limber_status_notifier_is_shown       (LimberStatusNotifier  *self);

/**
 * limber_status_notifier_refresh:
 *
 * Says again what the tooltip and the menu say, for a change they do not
 * hear of themselves, such as the desktop's clock format.
 */
void                  limber_status_notifier_refresh        (LimberStatusNotifier  *self);

G_END_DECLS
