/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where lock and sleep are heard from. */
typedef enum
{
  /* GNOME's screen saver, org.gnome.ScreenSaver on the session bus. */
  LIMBER_SESSION_SOURCE_SCREENSAVER = 1 << 0,
  /* logind on the system bus: sleep, and the session's lock. */
  LIMBER_SESSION_SOURCE_LOGIND      = 1 << 1,
  /* The Inhibit portal's session monitor: the screen saver, and the
   * session's end. What a Flatpak app may use without logind. */
  LIMBER_SESSION_SOURCE_PORTAL      = 1 << 2,
} LimberSessionSources;

#define LIMBER_TYPE_SESSION_MONITOR (limber_session_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LimberSessionMonitor, limber_session_monitor, LIMBER, SESSION_MONITOR, GObject)

/* Lock and sleep: a locked or sleeping computer has nobody working at
 * it. Signals: "locked" (gboolean) and "sleeping" (gboolean: TRUE before,
 * FALSE after; from logind only). Sleep that nobody announces is seen
 * from the clocks by whoever wakes next: see limber-suspend-gap.h. */

/**
 * limber_session_monitor_new_for_sources:
 * @sources: what to listen to
 *
 * Listens only: a source that is missing, or refuses, is logged at debug
 * level and left out.
 */
LimberSessionMonitor *limber_session_monitor_new_for_sources (LimberSessionSources sources);

G_END_DECLS
