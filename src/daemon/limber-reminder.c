/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "limber-break-format.h"
#include "limber-daemon-client.h"
#include "limber-day.h"
#include "limber-pain-reminder.h"
#include "limber-reminder.h"
#include "limber-setup.h"

struct _LimberReminder
{
  GObject             parent_instance;

  LimberBreakDriver  *driver;
  LimberClock        *clock;
  GSettings          *settings;
  GSettings          *desktop_notifications;
  LimberJournal      *journal;
  LimberCatalogue    *catalogue;
  /* The stretch suggested last, not to suggest it twice in a row. */
  char               *last_suggestion;
  /* The stretch of the break of each kind now coming, due or under way,
   * as the notification named it; the tray's Take a Break Now opens the
   * same. NULL until one is asked for, and again once that break is
   * over. */
  char               *suggestion[2];

  /* The one notification of the break coming or due, updated in place
   * from warning to due; NULL when none is shown. */
  NotifyNotification *break_note;
  LimberBreakKind     break_note_kind;
  gboolean            break_note_due;
  NotifyNotification *pain;
  /* What the journal's keeper has to say. */
  NotifyNotification *journal_note;
  guint               pain_timeout_id;
  char               *pain_shown_day;
  /* Since when, on the scheduler's clock, the person has been at the
   * computer; -1 while they are away. */
  gint64              present_since_us;
  /* A due break the desktop's do-not-disturb held back. */
  gboolean            held_back;
};

G_DEFINE_FINAL_TYPE (LimberReminder, limber_reminder, G_TYPE_OBJECT)

/* How soon to try again a pain reminder the server did not take. */
#define PAIN_RETRY_S (10 * 60)

/* Whether the server has @capability; a server that did not answer the
 * question (busy, or just starting) is taken to have it, as nearly all
 * do, rather than a reminder turning into an unasked-for window. */
static gboolean
server_has (const char *capability)
{
  GList *caps = notify_get_server_caps ();
  gboolean found = caps == NULL || g_list_find_custom (caps, capability, (GCompareFunc) g_strcmp0) != NULL;

  g_list_free_full (caps, g_free);
  return found;
}

/* GNOME's do-not-disturb: banners off. */
static gboolean
banners_allowed (LimberReminder *self)
{
  return self->desktop_notifications == NULL ||
         g_settings_get_boolean (self->desktop_notifications, "show-banners");
}

static void
close_notification (NotifyNotification **notification)
{
  if (*notification != NULL)
    notify_notification_close (*notification, NULL);
  g_clear_object (notification);
}

static void
closed_cb (NotifyNotification *notification,
           gpointer            user_data)
{
  LimberReminder *self = user_data;
  gpointer kind_data = g_object_get_data (G_OBJECT (notification), "kind");
  int reason = notify_notification_get_closed_reason (notification);

  g_debug ("Notification closed, reason %d", reason);

  /* Gone from the screen: a later reminder is a new notification. */
  if (notification == self->break_note)
    g_clear_object (&self->break_note);

  /* For the journal: a break reminder the person let go (1 expired,
   * 2 dismissed); 3 is Limber closing it, and an action was noted when
   * it was chosen. */
  if (kind_data == NULL || g_object_get_data (G_OBJECT (notification), "acted") != NULL ||
      g_object_get_data (G_OBJECT (notification), "due") == NULL)
    return;
  if (reason == 1 || reason == 2)
    limber_break_driver_note_reminder (self->driver, GPOINTER_TO_INT (kind_data) - 1,
                                       reason == 1 ? LIMBER_REMINDER_EXPIRED : LIMBER_REMINDER_DISMISSED);
}

/* The guided window on @activity, for the break under way; without a
 * stretch to suggest, the main window shows the break. */
static void
open_guided (const char *activity)
{
  g_autofree char *stretch = NULL;

  if (activity == NULL)
    {
      limber_open_window (NULL, NULL);
      return;
    }
  stretch = g_strconcat ("--stretch=", activity, NULL);
  limber_open_window (stretch, "--for-break", NULL);
}

/* An action was chosen: the break's outcome comes with "action". */
static int
acted_on (LimberReminder     *self,
          NotifyNotification *notification)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (notification), "kind")) - 1;

  g_object_set_data (G_OBJECT (notification), "acted", GINT_TO_POINTER (TRUE));
  limber_break_driver_note_reminder (self->driver, kind, LIMBER_REMINDER_ACTION);
  return kind;
}

static void
start_action_cb (NotifyNotification *notification,
                 char               *action,
                 gpointer            user_data)
{
  LimberReminder *self = user_data;
  int kind = acted_on (self, notification);

  limber_break_driver_start_break (self->driver, kind);
  open_guided (g_object_get_data (G_OBJECT (notification), "activity"));
}

static void
postpone_action_cb (NotifyNotification *notification,
                    char               *action,
                    gpointer            user_data)
{
  LimberReminder *self = user_data;
  g_autoptr (GError) error = NULL;

  acted_on (self, notification);
  if (!limber_break_driver_postpone (self->driver, &error))
    g_message ("Postpone from the notification: %s", error->message);
}

static void
skip_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  LimberReminder *self = user_data;
  g_autoptr (GError) error = NULL;

  acted_on (self, notification);
  if (!limber_break_driver_skip (self->driver, &error))
    g_message ("Skip from the notification: %s", error->message);
}

static void
open_action_cb (NotifyNotification *notification,
                char               *action,
                gpointer            user_data)
{
  limber_open_window (NULL, NULL);
}

/* The break notification, made ready to show @kind again: the same one
 * while it is on screen, so that the server replaces it in place. */
static NotifyNotification *
notification_for (LimberReminder  *self,
                  int              kind,
                  gboolean         due)
{
  if (self->break_note == NULL)
    {
      self->break_note = notify_notification_new (NULL, NULL, APP_ID);
      notify_notification_set_app_name (self->break_note, _("Limber"));
      g_signal_connect (self->break_note, "closed", G_CALLBACK (closed_cb), self);
    }

  /* Stored plus one, so that a micro-break is not NULL. */
  g_object_set_data (G_OBJECT (self->break_note), "kind", GINT_TO_POINTER (kind + 1));
  g_object_set_data (G_OBJECT (self->break_note), "due", GINT_TO_POINTER (due));
  g_object_set_data (G_OBJECT (self->break_note), "acted", NULL);
  self->break_note_kind = kind;
  self->break_note_due = due;
  notify_notification_clear_actions (self->break_note);
  notify_notification_clear_hints (self->break_note);
  notify_notification_set_hint_string (self->break_note, "desktop-entry", APP_ID);
  /* Never a timeout: a notification the server expires just as it is
   * replaced loses its actions (libnotify forgets its id). Limber closes
   * it itself once the break is settled. */
  notify_notification_set_timeout (self->break_note, NOTIFY_EXPIRES_NEVER);
  return self->break_note;
}

static void
close_break_note (LimberReminder *self)
{
  close_notification (&self->break_note);
}

static gboolean
show (NotifyNotification *notification)
{
  g_autoptr (GError) error = NULL;

  if (notify_notification_show (notification, &error))
    return TRUE;
  g_message ("No notification shown: %s", error->message);
  return FALSE;
}

static void
warning_cb (LimberReminder *self,
            int             kind,
            guint           seconds)
{
  NotifyNotification *notification;
  g_autofree char *summary = NULL;

  if (!banners_allowed (self))
    return;

  notification = notification_for (self, kind, FALSE);
  /* Translators: the seconds left before a break. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Break in %u second", "Break in %u seconds", seconds),
                             seconds);
  notify_notification_update (notification, summary,
                              kind == LIMBER_BREAK_KIND_REST
                              ? _("A rest break is coming. Finish what you are doing.")
                              : _("A micro-break is coming. Finish what you are doing."),
                              APP_ID);
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_LOW);
  notify_notification_set_hint (notification, "transient", g_variant_new_boolean (TRUE));
  show (notification);
}

/* The regions logged as painful in the last seven days; until the
 * journal has any, those named at set-up. */
static guint
painful_regions (LimberReminder *self)
{
  g_autofree char *first = limber_day_add (limber_clock_get_today (self->clock), -7);
  g_autoptr (GPtrArray) entries = NULL;
  g_auto (GStrv) named = NULL;
  guint regions = 0;

  if (self->journal != NULL)
    entries = limber_journal_list_pain_entries (self->journal, first, NULL, 0, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    regions |= ((LimberPainEntry *) g_ptr_array_index (entries, i))->regions;
  if (self->settings != NULL)
    named = g_settings_get_strv (self->settings, "pain-regions");
  return limber_setup_suggestion_regions (regions, (const char * const *) named);
}

/* The stretch for the break of @kind: the one already suggested for it,
 * else a new one, never the one suggested last; NULL without a
 * catalogue. */
static const char *
suggest (LimberReminder *self,
         int             kind)
{
  const char *id = NULL;

  g_return_val_if_fail (kind == LIMBER_BREAK_KIND_MICRO || kind == LIMBER_BREAK_KIND_REST, NULL);

  if (self->suggestion[kind] != NULL)
    return self->suggestion[kind];

  if (self->catalogue != NULL)
    id = limber_catalogue_suggest (self->catalogue, kind, painful_regions (self), self->last_suggestion);

  g_free (self->last_suggestion);
  self->last_suggestion = g_strdup (id);
  self->suggestion[kind] = g_strdup (id);
  return self->suggestion[kind];
}

/* The break of @kind is over (taken, skipped, or a natural one): the
 * next one gets a stretch of its own. A rest break starts the
 * micro-break's timer again too. */
static void
break_over_cb (LimberReminder *self,
               int             kind)
{
  if (kind == LIMBER_BREAK_KIND_REST)
    g_clear_pointer (&self->suggestion[LIMBER_BREAK_KIND_MICRO], g_free);
  if (kind == LIMBER_BREAK_KIND_MICRO || kind == LIMBER_BREAK_KIND_REST)
    g_clear_pointer (&self->suggestion[kind], g_free);
}

/* “Time for a micro-break: Shoulder rolls”, when there is a stretch to
 * suggest. */
static char *
due_summary (LimberReminder *self,
             int             kind,
             char          **body)
{
  const char *id = suggest (self, kind);
  const char *name = NULL;
  const char *summary = NULL;

  if (id != NULL && kind == LIMBER_BREAK_KIND_MICRO && limber_catalogue_get_exercise (self->catalogue, id))
    {
      name = limber_catalogue_get_exercise (self->catalogue, id)->name;
      summary = limber_catalogue_get_exercise (self->catalogue, id)->summary;
    }
  else if (id != NULL && limber_catalogue_get_routine (self->catalogue, id))
    {
      name = limber_catalogue_get_routine (self->catalogue, id)->name;
      summary = limber_catalogue_get_routine (self->catalogue, id)->summary;
    }

  if (name == NULL)
    {
      *body = g_strdup (kind == LIMBER_BREAK_KIND_REST
                        ? _("Get up, walk a few steps and stretch your upper back.")
                        : _("Roll your shoulders, sit tall and look at something far away."));
      return g_strdup (kind == LIMBER_BREAK_KIND_REST ? _("Time for a rest break")
                                                     : _("Time for a micro-break"));
    }

  *body = g_strdup (_(summary));
  return g_strdup_printf (kind == LIMBER_BREAK_KIND_REST
                          /* Translators: %s names a stretching routine. */
                          ? _("Time for a rest break: %s")
                          /* Translators: %s names a stretch. */
                          : _("Time for a micro-break: %s"),
                          _(name));
}

static void
show_due (LimberReminder *self,
          int             kind)
{
  LimberBreakScheduler *scheduler = limber_break_driver_get_scheduler (self->driver);
  gboolean strict = self->settings && g_settings_get_boolean (self->settings, "strict-mode");
  guint postpone_s = self->settings ? g_settings_get_uint (self->settings, "postpone-duration") : 5 * 60;
  NotifyNotification *notification;
  g_autofree char *postpone_label = NULL;
  g_autofree char *postpone_for = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;

  /* Without actions a notification cannot start the break: open Limber. */
  if (!server_has ("actions"))
    {
      limber_open_window (NULL, NULL);
      return;
    }

  notification = notification_for (self, kind, TRUE);
  summary = due_summary (self, kind, &body);
  g_object_set_data_full (G_OBJECT (notification), "activity", g_strdup (self->suggestion[kind]), g_free);
  notify_notification_update (notification, summary, body, APP_ID);
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  notify_notification_set_hint (notification, "resident", g_variant_new_boolean (TRUE));
  notify_notification_set_category (notification, "presence");

  notify_notification_add_action (notification, "default", _("Open Limber"), open_action_cb, self, NULL);
  notify_notification_add_action (notification, "start", _("Start"), start_action_cb, self, NULL);
  if (limber_break_scheduler_get_postpones_left (scheduler, kind) > 0)
    {
      postpone_for = limber_format_duration (postpone_s);
      /* Translators: a button; %s is a duration, such as “5 min” or “1 h”. */
      postpone_label = g_strdup_printf (_("Postpone %s"), postpone_for);
      notify_notification_add_action (notification, "postpone", postpone_label, postpone_action_cb, self, NULL);
    }
  if (!strict)
    notify_notification_add_action (notification, "skip", _("Skip"), skip_action_cb, self, NULL);

  /* No notification server at all: the window says it instead. */
  if (!show (notification))
    {
      g_clear_object (&self->break_note);
      limber_open_window (NULL, NULL);
    }
}

static void
break_due_cb (LimberReminder *self,
              int             kind,
              gboolean        repeat)
{
  if (!banners_allowed (self))
    {
      /* The tray still shows that a break is due. */
      self->held_back = TRUE;
      return;
    }

  show_due (self, kind);
}

/* Keeps the notification true to the timer, after any input from
 * anywhere (the notification, the tray, the window, the command line):
 * a break settled, started, postponed or paused is no longer announced. */
static void
timer_changed_cb (LimberReminder *self)
{
  LimberBreakScheduler *scheduler = limber_break_driver_get_scheduler (self->driver);
  LimberBreakState state = limber_break_scheduler_get_state (scheduler);
  gboolean any;
  LimberBreakKind due_kind = limber_break_scheduler_get_due_kind (scheduler, &any);
  gboolean due = state == LIMBER_BREAK_STATE_DUE || (state == LIMBER_BREAK_STATE_AWAY && any);

  if (!due)
    self->held_back = FALSE;

  if (self->break_note == NULL)
    return;

  if (self->break_note_due)
    {
      /* Away, a due break stays announced for when they come back. */
      if (!due || due_kind != self->break_note_kind)
        close_break_note (self);
    }
  else if (state != LIMBER_BREAK_STATE_WARNING)
    {
      /* A warning is only true while the break comes closer. */
      close_break_note (self);
    }
}

static void schedule_pain_reminder (LimberReminder *self);
static gboolean pain_reminder_due_cb (gpointer user_data);

static void
banners_changed_cb (LimberReminder *self)
{
  LimberBreakScheduler *scheduler = limber_break_driver_get_scheduler (self->driver);
  gboolean due;
  LimberBreakKind kind = limber_break_scheduler_get_due_kind (scheduler, &due);

  /* Do-not-disturb began: what is on screen goes. */
  if (!banners_allowed (self))
    {
      close_break_note (self);
      return;
    }

  /* A pain reminder held back meanwhile comes now, if it still should. */
  schedule_pain_reminder (self);

  /* Do-not-disturb ended with a break still due: now is its moment, once. */
  if (self->held_back && due &&
      limber_break_scheduler_get_state (scheduler) == LIMBER_BREAK_STATE_DUE)
    {
      self->held_back = FALSE;
      show_due (self, kind);
    }
}

static void
log_now_cb (NotifyNotification *notification,
            char               *action,
            gpointer            user_data)
{
  limber_open_window ("--page=journal", NULL);
}

static gboolean
today_logged (LimberReminder *self)
{
  g_autoptr (LimberPainEntry) entry = NULL;

  if (self->journal == NULL)
    return TRUE;
  entry = limber_journal_get_pain_entry (self->journal, limber_clock_get_today (self->clock), NULL);
  return entry != NULL;
}

/* Where the day of the last pain reminder is kept, so that a daemon
 * started again (after Quit, or an update) does not remind twice. */
static char *
pain_shown_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "limber", "pain-reminder-shown", NULL);
}

static char *
load_pain_shown_day (void)
{
  g_autofree char *path = pain_shown_path ();
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  return limber_day_is_valid (contents) ? g_steal_pointer (&contents) : NULL;
}

static void
save_pain_shown_day (const char *day)
{
  g_autofree char *path = pain_shown_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, day, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_message ("Cannot keep the day of the pain reminder: %s", error ? error->message : g_strerror (errno));
}

/* Since when the person has been at the computer, on the wall clock; NULL
 * while they are away. */
static GDateTime *
present_since (LimberReminder *self)
{
  if (self->present_since_us < 0)
    return NULL;
  return limber_clock_to_local (self->clock, limber_break_driver_to_wall (self->driver, self->present_since_us));
}

/* When the pain reminder comes next, as limber_pain_reminder_next() rules;
 * NULL while it waits for the person to come back, or when it is off. */
static GDateTime *
pain_reminder_next (LimberReminder  *self,
                    GDateTime       *now,
                    char           **day_out)
{
  g_autoptr (GDateTime) since = present_since (self);
  guint minute = self->settings ? g_settings_get_uint (self->settings, "pain-reminder-time") : 19 * 60;
  guint rollover = limber_clock_get_rollover_hour (self->clock);

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "pain-reminder-enabled"))
    return NULL;
  return limber_pain_reminder_next (now, minute, rollover, today_logged (self), self->pain_shown_day,
                                    since, day_out);
}

static void
show_pain_reminder (LimberReminder *self,
                    const char     *day)
{
  if (self->pain == NULL)
    {
      self->pain = notify_notification_new (NULL, NULL, APP_ID);
      notify_notification_set_app_name (self->pain, _("Limber"));
      g_signal_connect (self->pain, "closed", G_CALLBACK (closed_cb), self);
    }
  notify_notification_clear_actions (self->pain);
  notify_notification_update (self->pain, _("How is your back today?"),
                              _("You have not logged today’s pain yet. It takes a few seconds."),
                              APP_ID);
  /* Servers that draw the default action as a button (xfce4-notifyd)
   * need it to read differently from the others. */
  if (server_has ("actions"))
    {
      notify_notification_add_action (self->pain, "default", _("Open Limber"), log_now_cb, self, NULL);
      notify_notification_add_action (self->pain, "log", _("Log Now"), log_now_cb, self, NULL);
    }
  /* Not shown, not done: the next try comes in a while. */
  if (show (self->pain))
    {
      g_free (self->pain_shown_day);
      self->pain_shown_day = g_strdup (day);
      save_pain_shown_day (day);
    }
  else
    self->pain_timeout_id = g_timeout_add_seconds (PAIN_RETRY_S, pain_reminder_due_cb, self);
}

static gboolean
pain_reminder_due_cb (gpointer user_data)
{
  LimberReminder *self = user_data;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autofree char *day = NULL;

  self->pain_timeout_id = 0;
  limber_clock_check (self->clock);
  now = limber_clock_now (self->clock);
  next = pain_reminder_next (self, now, &day);
  /* Asked again at its moment: whether the person is still there, the
   * day still unlogged, the desktop still taking banners. */
  if (next != NULL && g_date_time_compare (next, now) <= 0)
    {
      /* Do-not-disturb: it comes when the desktop takes banners again. */
      if (!banners_allowed (self))
        return G_SOURCE_REMOVE;
      show_pain_reminder (self, day);
      if (self->pain_timeout_id != 0)
        return G_SOURCE_REMOVE;
    }

  schedule_pain_reminder (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_pain_reminder (LimberReminder *self)
{
  g_autoptr (GDateTime) now = limber_clock_now (self->clock);
  g_autoptr (GDateTime) next = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->pain_timeout_id, g_source_remove);
  next = pain_reminder_next (self, now, NULL);
  /* Off, or waiting for the person: a change of either asks again. */
  if (next == NULL)
    return;

  wait = g_date_time_difference (next, now);
  /* Seconds are precise enough, and let the system batch wake-ups. */
  self->pain_timeout_id = g_timeout_add_seconds ((guint) MAX (1, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC),
                                                 pain_reminder_due_cb, self);
}

/* The person came to the computer or left it (idle, lock, sleep): the
 * pain reminder looks again, at no cost of its own in wake-ups. */
static void
presence_changed_cb (LimberReminder *self)
{
  LimberBreakScheduler *scheduler = limber_break_driver_get_scheduler (self->driver);
  gboolean away = limber_break_scheduler_get_state (scheduler) == LIMBER_BREAK_STATE_AWAY;

  if (away == (self->present_since_us < 0))
    return;
  self->present_since_us = away ? -1 : limber_break_scheduler_get_time (scheduler);
  schedule_pain_reminder (self);
}

static void
limber_reminder_dispose (GObject *object)
{
  LimberReminder *self = LIMBER_REMINDER (object);

  g_clear_handle_id (&self->pain_timeout_id, g_source_remove);
  g_clear_object (&self->break_note);
  g_clear_object (&self->clock);
  g_clear_object (&self->pain);
  g_clear_object (&self->journal_note);
  g_clear_object (&self->desktop_notifications);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->driver);
  g_clear_pointer (&self->pain_shown_day, g_free);
  g_clear_pointer (&self->last_suggestion, g_free);
  g_clear_pointer (&self->suggestion[LIMBER_BREAK_KIND_MICRO], g_free);
  g_clear_pointer (&self->suggestion[LIMBER_BREAK_KIND_REST], g_free);

  G_OBJECT_CLASS (limber_reminder_parent_class)->dispose (object);
}

static void
limber_reminder_class_init (LimberReminderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = limber_reminder_dispose;
}

static void
limber_reminder_init (LimberReminder *self)
{
  self->present_since_us = -1;
}

static GSettings *
desktop_notification_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.notifications", TRUE)))
    return NULL;
  return g_settings_new ("org.gnome.desktop.notifications");
}

LimberReminder *
limber_reminder_new (LimberBreakDriver *driver,
                     GSettings         *settings,
                     LimberJournal     *journal,
                     LimberCatalogue   *catalogue)
{
  LimberReminder *self;
  LimberBreakScheduler *scheduler;

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (driver), NULL);

  if (!notify_is_initted ())
    notify_init (APP_ID);

  self = g_object_new (LIMBER_TYPE_REMINDER, NULL);
  self->driver = g_object_ref (driver);
  self->clock = g_object_ref (limber_break_driver_get_clock (driver));
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->journal = journal ? g_object_ref (journal) : NULL;
  self->catalogue = catalogue ? g_object_ref (catalogue) : NULL;
  self->desktop_notifications = desktop_notification_settings ();
  if (self->desktop_notifications != NULL)
    g_signal_connect_object (self->desktop_notifications, "changed::show-banners",
                             G_CALLBACK (banners_changed_cb), self, G_CONNECT_SWAPPED);

  scheduler = limber_break_driver_get_scheduler (driver);
  g_signal_connect_object (scheduler, "warning", G_CALLBACK (warning_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "break-due", G_CALLBACK (break_due_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (driver, "changed", G_CALLBACK (timer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "break-finished", G_CALLBACK (break_over_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "break-skipped", G_CALLBACK (break_over_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "natural-break", G_CALLBACK (break_over_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "state-changed", G_CALLBACK (presence_changed_cb), self, G_CONNECT_SWAPPED);

  /* The person is at the computer from the start, unless the timer
   * already knows better; the pain reminder counts their arrival from
   * here. */
  if (limber_break_scheduler_get_state (scheduler) != LIMBER_BREAK_STATE_AWAY)
    self->present_since_us = limber_break_scheduler_get_time (scheduler);
  self->pain_shown_day = load_pain_shown_day ();
  /* The first start asks nothing about the day's pain: the person has
   * only just met Limber. The reminder begins the next day. */
  if (self->pain_shown_day == NULL)
    {
      self->pain_shown_day = g_strdup (limber_clock_get_today (self->clock));
      save_pain_shown_day (self->pain_shown_day);
    }

  if (settings != NULL)
    {
      /* Only the reminder's own keys: the window changes others (the
       * Trends range) as it is used, and those must not wake us. */
      g_signal_connect_object (settings, "changed::pain-reminder-enabled", G_CALLBACK (schedule_pain_reminder),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::pain-reminder-time", G_CALLBACK (schedule_pain_reminder),
                               self, G_CONNECT_SWAPPED);
    }
  /* Another day or zone moves the reminder's time. */
  g_signal_connect_object (self->clock, "day-changed", G_CALLBACK (schedule_pain_reminder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "timezone-changed", G_CALLBACK (schedule_pain_reminder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "time-changed", G_CALLBACK (schedule_pain_reminder), self, G_CONNECT_SWAPPED);
  schedule_pain_reminder (self);

  return self;
}

void
limber_reminder_guide_break (LimberReminder  *self,
                             LimberBreakKind  kind)
{
  g_return_if_fail (LIMBER_IS_REMINDER (self));

  open_guided (suggest (self, kind));
}

void
limber_reminder_tell (LimberReminder *self,
                      const char     *title,
                      const char     *body)
{
  g_return_if_fail (LIMBER_IS_REMINDER (self));

  if (title == NULL)
    {
      close_notification (&self->journal_note);
      return;
    }

  if (self->journal_note == NULL)
    {
      self->journal_note = notify_notification_new (NULL, NULL, APP_ID);
      notify_notification_set_app_name (self->journal_note, _("Limber"));
    }
  notify_notification_update (self->journal_note, title, body, APP_ID);
  notify_notification_set_hint (self->journal_note, "desktop-entry", g_variant_new_string (APP_ID));
  /* Not to be missed, unlike a reminder: it stays until read. */
  notify_notification_set_timeout (self->journal_note, NOTIFY_EXPIRES_NEVER);
  show (self->journal_note);
}

void
limber_reminder_set_journal (LimberReminder *self,
                             LimberJournal  *journal)
{
  g_return_if_fail (LIMBER_IS_REMINDER (self));

  /* Until now no day counted as unlogged. */
  if (g_set_object (&self->journal, journal))
    schedule_pain_reminder (self);
}

const char *
limber_reminder_get_suggestion (LimberReminder  *self,
                                LimberBreakKind  kind)
{
  g_return_val_if_fail (LIMBER_IS_REMINDER (self), NULL);

  return suggest (self, kind);
}

GDateTime *
limber_reminder_get_pain_reminder_time (LimberReminder *self)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (LIMBER_IS_REMINDER (self), NULL);

  now = limber_clock_now (self->clock);
  return pain_reminder_next (self, now, NULL);
}
