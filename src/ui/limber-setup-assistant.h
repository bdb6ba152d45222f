/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "limber-context.h"

G_BEGIN_DECLS

/* Whether this desktop lets Limber's notifications pop up. */
typedef enum
{
  LIMBER_NOTIFICATIONS_SHOWN,
  /* No notification server on the session bus, running or activatable. */
  LIMBER_NOTIFICATIONS_NO_SERVER,
  /* GNOME: Settings, Notifications, Limber switched off. */
  LIMBER_NOTIFICATIONS_OFF_GNOME,
  /* GNOME: Do Not Disturb. */
  LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_GNOME,
  /* Plasma: pop-ups switched off for Limber. */
  LIMBER_NOTIFICATIONS_OFF_KDE,
  /* Plasma: Do Not Disturb until a time still to come. */
  LIMBER_NOTIFICATIONS_DO_NOT_DISTURB_KDE,
} LimberNotificationsState;

#define LIMBER_TYPE_SETUP_ASSISTANT (limber_setup_assistant_get_type ())

G_DECLARE_FINAL_TYPE (LimberSetupAssistant, limber_setup_assistant, LIMBER, SETUP_ASSISTANT, AdwWindow)

/**
 * limber_setup_assistant_new:
 * @parent: the main window, which the assistant is modal over
 *
 * The first-run assistant: what Limber does, a safety check, where it
 * hurts, a break rhythm, the pain-log reminder, start at login and where
 * reminders appear. Each step can be skipped, which keeps what is set.
 * Nothing is written until Finish; closing it keeps every setting and
 * only records that set-up was seen.
 */
LimberSetupAssistant *limber_setup_assistant_new (GtkWindow     *parent,
                                                  LimberContext *context);

/* The name of the step shown: "about", "safety", "regions", "rhythm",
 * "log", "login" or "reminders". */
const char           *limber_setup_assistant_get_step (LimberSetupAssistant *self);

/* What GNOME's settings (read through @source, which may be NULL for
 * none) and Plasma's plasmanotifyrc in @config_dir say about Limber's
 * notifications: LIMBER_NOTIFICATIONS_SHOWN when neither switches them
 * off. Never LIMBER_NOTIFICATIONS_NO_SERVER, which only the bus tells. */
LimberNotificationsState limber_setup_notifications_state (GSettingsSchemaSource *source,
                                                           const char            *config_dir);

/* What the last step says: where reminders appear, given whether a tray
 * host runs, and a warning when notifications do not pop up, or NULL. */
void                 limber_setup_reminders_texts (gboolean                  tray_host,
                                                   LimberNotificationsState  state,
                                                   const char              **where,
                                                   const char              **warning);

G_END_DECLS
