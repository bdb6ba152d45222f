/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIMBER_TYPE_SYNC_WATCH (limber_sync_watch_get_type ())

G_DECLARE_FINAL_TYPE (LimberSyncWatch, limber_sync_watch, LIMBER, SYNC_WATCH, GObject)

/* The daemon's side of sync through a shared folder (the design is in
 * limber-sync-change.h): it follows the setting sync-folder and runs a
 * pass (limber-sync.h) when it is set or changed, when another computer's
 * change files change in the folder, and when the journal at
 * @journal_path changes, so that its own changes reach the folder within
 * seconds. It watches with file monitors only and sets no timer while
 * nothing happens: idle, it never wakes the daemon. A folder that is gone
 * pauses sync until it is back. @settings may be NULL: then it never
 * syncs. */
LimberSyncWatch *limber_sync_watch_new (GSettings  *settings,
                                        const char *journal_path);

G_END_DECLS
