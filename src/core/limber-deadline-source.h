/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * limber_deadline_source_new:
 * @name: what the source is for, as profilers show it
 *
 * A source attached to the thread-default main context that calls @func
 * once at the monotonic time set with g_source_set_ready_time(), then
 * waits to be set again; set to -1, it never wakes. The caller destroys
 * and unrefs it.
 */
GSource *limber_deadline_source_new (const char  *name,
                                     GSourceFunc  func,
                                     gpointer     user_data);

G_END_DECLS
