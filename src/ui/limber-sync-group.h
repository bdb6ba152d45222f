/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

#define LIMBER_TYPE_SYNC_GROUP (limber_sync_group_get_type ())

G_DECLARE_FINAL_TYPE (LimberSyncGroup, limber_sync_group, LIMBER, SYNC_GROUP, AdwPreferencesGroup)

/**
 * limber_sync_group_new:
 *
 * The Sync group of Preferences: the folder the journal is synced
 * through, set and cleared here, and how sync stands, read again each
 * time the group is shown and whenever the folder changes.
 */
GtkWidget *limber_sync_group_new           (LimberContext   *context);

/**
 * limber_sync_group_apply_folder:
 *
 * Syncs through @folder from now on, as choosing it does: sets the
 * sync-folder setting, which the break timer follows. Fails, changing
 * nothing, for a folder that is not on this computer, is not there or
 * cannot be written.
 */
gboolean   limber_sync_group_apply_folder  (LimberSyncGroup *self,
                                            GFile           *folder,
                                            GError         **error);

/**
 * limber_sync_group_refresh:
 *
 * Reads how sync stands again, on the journal writer's thread, and shows
 * it once read.
 */
void       limber_sync_group_refresh       (LimberSyncGroup *self);

/**
 * limber_sync_describe_last_seen:
 * @seen: when another computer was last seen, local
 * @now: now, local
 *
 * “Last seen today at 14:02”, “Last seen yesterday at 9:15”, “Last seen
 * on 3 November”: as a row's subtitle.
 */
char      *limber_sync_describe_last_seen  (GDateTime       *seen,
                                            GDateTime       *now);

G_END_DECLS
