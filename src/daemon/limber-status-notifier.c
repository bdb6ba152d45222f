/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-daemon"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-break-format.h"
#include "limber-daemon-client.h"
#include "limber-dbus-dbusmenu.h"
#include "limber-dbus-status-notifier-item.h"
#include "limber-sandbox.h"
#include "limber-status-notifier.h"

#define ITEM_PATH      "/StatusNotifierItem"
#define MENU_PATH      "/MenuBar"
#define WATCHER_NAME   "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH   "/StatusNotifierWatcher"
/* The window is the GApplication APP_ID: while it runs, a click reaches
 * it through this interface instead of starting `limber` again. */
#define WINDOW_INTERFACE "org.freedesktop.Application"
/* A launch that has neither brought the window up nor ended by then is
 * stuck: after this long, a click starts the window again. */
#define LAUNCH_TIMEOUT_S 20

typedef enum
{
  ITEM_NEXT = 1,
  ITEM_SEPARATOR_1,
  ITEM_BREAK_NOW,
  ITEM_END_BREAK,
  ITEM_POSTPONE,
  ITEM_SKIP,
  ITEM_PAUSE_HOUR,
  ITEM_PAUSE_TOMORROW,
  ITEM_RESUME,
  ITEM_SEPARATOR_2,
  ITEM_LOG_PAIN,
  ITEM_OPEN,
  ITEM_PREFERENCES,
  ITEM_SEPARATOR_3,
  ITEM_QUIT,
  N_ITEMS = ITEM_QUIT
} MenuItemId;

typedef struct
{
  char     *label;
  gboolean  enabled;
  gboolean  visible;
  gboolean  separator;
} MenuItem;

/* What a click asks of the window. */
typedef enum
{
  WINDOW_MAIN,
  WINDOW_JOURNAL,
  WINDOW_PREFERENCES,
} WindowRequest;

/* A click's launch under way: a `limber` starting, or a call to the
 * window that runs. Its callbacks hold references; once it has ended
 * they find no notifier and do nothing. */
typedef struct
{
  LimberStatusNotifier *notifier;
  WindowRequest         request;
  GCancellable         *cancellable;
} Launch;

struct _LimberStatusNotifier
{
  GObject                   parent_instance;

  LimberBreakDriver        *driver;
  GDBusConnection          *bus;
  LimberStatusNotifierItem *item;
  LimberDbusmenu           *menu;
  guint                     watcher_id;
  guint                     host_registered_id;
  guint                     host_unregistered_id;
  GCancellable             *cancellable;
  gboolean                  shown;
  /* During a break, when the time left it shows next changes. */
  guint                     break_tick_id;
  /* Why End Break was refused (strict mode), shown until the break ends. */
  char                     *end_refused;
  /* Whether the window has its bus name, as far as the bus told us. */
  guint                     window_watch_id;
  gboolean                  window_running;
  /* Until it ends, clicks start nothing more: a burst of them, in one
   * EventGroup or many messages, opens one window. */
  Launch                   *launch;
  guint                     launch_timeout_id;

  MenuItem                  items[N_ITEMS + 1];
  guint                     revision;
};

G_DEFINE_FINAL_TYPE (LimberStatusNotifier, limber_status_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHOWN,
  N_PROPS
};

enum {
  QUIT_REQUESTED,
  BREAK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static LimberBreakScheduler *
scheduler_of (LimberStatusNotifier *self)
{
  return limber_break_driver_get_scheduler (self->driver);
}

/* The wall-clock time of the next break, as “14:35” or “2:35 PM”; NULL
 * when none is counting down. */
static char *
next_break_clock (LimberStatusNotifier *self)
{
  LimberBreakScheduler *scheduler = scheduler_of (self);
  gint64 ref = limber_break_scheduler_get_time (scheduler);
  gint64 soonest = -1;
  g_autoptr (GDateTime) at = NULL;

  for (LimberBreakKind kind = LIMBER_BREAK_KIND_MICRO; kind <= LIMBER_BREAK_KIND_REST; kind++)
    {
      gint64 left = limber_break_scheduler_get_time_to_break (scheduler, kind, ref);

      if (left >= 0 && (soonest < 0 || left < soonest))
        soonest = left;
    }
  if (soonest < 0)
    return NULL;

  at = limber_clock_to_local (limber_break_driver_get_clock (self->driver),
                              limber_break_driver_to_wall (self->driver, ref + soonest));
  return limber_format_time_of_day (at);
}

/* Seconds of work before the next break, as of now; -1 when none. */
static gint64
next_break_in_s (LimberStatusNotifier *self)
{
  LimberBreakScheduler *scheduler = scheduler_of (self);
  gint64 now = g_get_monotonic_time ();
  gint64 soonest = -1;

  for (LimberBreakKind kind = LIMBER_BREAK_KIND_MICRO; kind <= LIMBER_BREAK_KIND_REST; kind++)
    {
      gint64 left = limber_break_scheduler_get_time_to_break (scheduler, kind, now);

      if (left >= 0 && (soonest < 0 || left < soonest))
        soonest = left;
    }
  return soonest < 0 ? -1 : soonest / G_USEC_PER_SEC;
}

/* Seconds left in the break under way, as of now, rounded up as the
 * window and the command line round them; -1 when none. */
static gint64
break_left_s (LimberStatusNotifier *self)
{
  gint64 end_us = limber_break_scheduler_get_break_end (scheduler_of (self));

  if (end_us == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
    return -1;
  return MAX (0, (end_us - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* One line on what the timer is doing, for the tooltip and the menu. */
static char *
describe_state (LimberStatusNotifier *self)
{
  LimberBreakScheduler *scheduler = scheduler_of (self);
  gint64 pause_end = limber_break_scheduler_get_pause_end (scheduler);
  g_autofree char *clock = NULL;

  switch (limber_break_scheduler_get_state (scheduler))
    {
    case LIMBER_BREAK_STATE_DUE:
      return g_strdup (_("Time for a break"));
    case LIMBER_BREAK_STATE_IN_BREAK:
      return limber_format_on_break (break_left_s (self));
    case LIMBER_BREAK_STATE_AWAY:
      return g_strdup (_("Away: the break timer waits for you"));
    case LIMBER_BREAK_STATE_PAUSED:
      if (pause_end == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
        return g_strdup (_("Reminders paused until tomorrow"));
      {
        g_autoptr (GDateTime) until = limber_clock_to_local (limber_break_driver_get_clock (self->driver),
                                                             limber_break_driver_to_wall (self->driver, pause_end));
        g_autofree char *until_clock = limber_format_time_of_day (until);

        /* Translators: %s is a time of day, such as “15:00” or “3:00 PM”. */
        return g_strdup_printf (_("Reminders paused until %s"), until_clock);
      }
    case LIMBER_BREAK_STATE_WARNING:
    case LIMBER_BREAK_STATE_WORKING:
    default:
      clock = next_break_clock (self);
      if (clock == NULL)
        return g_strdup (_("No breaks planned"));
      /* Translators: %s is a time of day, such as “14:35” or “2:35 PM”. */
      return g_strdup_printf (_("Next break at %s"), clock);
    }
}

static const char *
icon_for_state (LimberBreakState state)
{
  switch (state)
    {
    case LIMBER_BREAK_STATE_WARNING:
      return APP_ID "-break-soon";
    case LIMBER_BREAK_STATE_DUE:
      return APP_ID "-break-due";
    case LIMBER_BREAK_STATE_IN_BREAK:
      return APP_ID "-on-break";
    case LIMBER_BREAK_STATE_PAUSED:
      return APP_ID "-paused";
    case LIMBER_BREAK_STATE_WORKING:
    case LIMBER_BREAK_STATE_AWAY:
    default:
      return APP_ID "-working";
    }
}

static void
set_item (MenuItem   *item,
          const char *label,
          gboolean    enabled,
          gboolean    visible)
{
  g_free (item->label);
  item->label = g_strdup (label);
  item->enabled = enabled;
  item->visible = visible;
}

static void
build_menu (LimberStatusNotifier *self,
            MenuItem             *items)
{
  static const MenuItemId separators[] = { ITEM_SEPARATOR_1, ITEM_SEPARATOR_2, ITEM_SEPARATOR_3 };
  LimberBreakScheduler *scheduler = scheduler_of (self);
  LimberBreakState state = limber_break_scheduler_get_state (scheduler);
  gboolean due, paused = limber_break_scheduler_is_paused (scheduler);
  LimberBreakKind kind = limber_break_scheduler_get_due_kind (scheduler, &due);
  gboolean in_break = state == LIMBER_BREAK_STATE_IN_BREAK;
  char *next = describe_state (self);

  due = due && !in_break;
  /* The menu, unlike the tooltip, is read when it opens (AboutToShow), so
   * it can say how long is left without any tick. */
  if (state == LIMBER_BREAK_STATE_WORKING || state == LIMBER_BREAK_STATE_WARNING)
    {
      gint64 left_s = next_break_in_s (self);

      if (left_s >= 0)
        {
          g_autofree char *left = limber_format_duration (left_s);
          g_autofree char *clock = next_break_clock (self);

          g_free (next);
          /* Translators: “Next break in 12 min (at 14:35)”. */
          next = g_strdup_printf (_("Next break in %s (at %s)"), left, clock);
        }
    }
  set_item (&items[ITEM_NEXT], next, FALSE, TRUE);
  g_free (next);
  set_item (&items[ITEM_BREAK_NOW], _("Take a Break Now"), TRUE, !in_break);
  /* Refused once (strict mode), it says why in its place. */
  set_item (&items[ITEM_END_BREAK], self->end_refused ? self->end_refused : _("End Break"),
            self->end_refused == NULL, in_break);
  set_item (&items[ITEM_POSTPONE], _("Postpone"),
            limber_break_scheduler_get_postpones_left (scheduler, kind) > 0, due);
  set_item (&items[ITEM_SKIP], _("Skip"), TRUE, due);
  /* The same words as the window's Today page. */
  set_item (&items[ITEM_PAUSE_HOUR], _("Pause for an Hour"), TRUE, !paused);
  set_item (&items[ITEM_PAUSE_TOMORROW], _("Pause Until Tomorrow"), TRUE, !paused);
  set_item (&items[ITEM_RESUME], _("Resume Reminders"), TRUE, paused);
  set_item (&items[ITEM_LOG_PAIN], _("Log Today’s Pain…"), TRUE, TRUE);
  set_item (&items[ITEM_OPEN], _("Open Limber"), TRUE, TRUE);
  set_item (&items[ITEM_PREFERENCES], _("Preferences"), TRUE, TRUE);
  set_item (&items[ITEM_QUIT], _("Quit"), TRUE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      items[separators[i]].separator = TRUE;
      items[separators[i]].visible = TRUE;
      items[separators[i]].enabled = TRUE;
    }
}

static gboolean
items_equal (const MenuItem *a,
             const MenuItem *b)
{
  return g_strcmp0 (a->label, b->label) == 0 && a->enabled == b->enabled &&
         a->visible == b->visible && a->separator == b->separator;
}

static GVariant *
item_properties (const MenuItem *item)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  if (item->separator)
    g_variant_builder_add (&builder, "{sv}", "type", g_variant_new_string ("separator"));
  else
    g_variant_builder_add (&builder, "{sv}", "label", g_variant_new_string (item->label));
  g_variant_builder_add (&builder, "{sv}", "enabled", g_variant_new_boolean (item->enabled));
  g_variant_builder_add (&builder, "{sv}", "visible", g_variant_new_boolean (item->visible));

  return g_variant_builder_end (&builder);
}

/* Rebuilds the menu; says LayoutUpdated and returns TRUE only when it
 * changed. */
static gboolean
update_menu (LimberStatusNotifier *self)
{
  MenuItem fresh[N_ITEMS + 1] = { { 0 } };
  gboolean changed = FALSE;

  build_menu (self, fresh);
  for (int id = 1; id <= N_ITEMS; id++)
    {
      if (!items_equal (&fresh[id], &self->items[id]))
        changed = TRUE;
      g_free (self->items[id].label);
      self->items[id] = fresh[id];
    }

  if (changed)
    {
      self->revision++;
      limber_dbusmenu_emit_layout_updated (self->menu, self->revision, 0);
    }
  return changed;
}

static void update (LimberStatusNotifier *self);

static gboolean
break_tick_cb (gpointer user_data)
{
  LimberStatusNotifier *self = user_data;

  self->break_tick_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* The time left that limber_format_duration() shows next: “59 s” after
 * “1 min”, “1 min” after “2 min”; -1 when it shows no other. */
static gint64
next_shown_left_s (gint64 left_s)
{
  if (left_s <= 0)
    return -1;
  if (left_s < 60)
    return left_s - 1;
  if (left_s < 3600)
    return MAX (59, 60 * ((left_s + 30) / 60) - 31);
  return 60 * (left_s / 60) - 1;
}

/* During a break the tooltip counts down, waking only when the text it
 * shows changes; at other times nothing ticks. */
static void
arm_break_tick (LimberStatusNotifier *self)
{
  gint64 end_us = limber_break_scheduler_get_break_end (scheduler_of (self));
  gint64 next_s, wake_us;

  g_clear_handle_id (&self->break_tick_id, g_source_remove);
  if (limber_break_scheduler_get_state (scheduler_of (self)) != LIMBER_BREAK_STATE_IN_BREAK ||
      end_us == LIMBER_BREAK_SCHEDULER_NO_DEADLINE)
    return;

  next_s = next_shown_left_s (break_left_s (self));
  if (next_s < 0)
    return;
  wake_us = end_us - next_s * G_USEC_PER_SEC - g_get_monotonic_time ();
  self->break_tick_id = g_timeout_add ((guint) MAX (0, (wake_us + 999) / 1000), break_tick_cb, self);
}

/* Publishes the icon, tooltip, status and menu, signalling each only when
 * it changed: outside a break, never on a tick. */
static void
update (LimberStatusNotifier *self)
{
  LimberBreakState state = limber_break_scheduler_get_state (scheduler_of (self));
  const char *icon = icon_for_state (state);
  const char *status = state == LIMBER_BREAK_STATE_DUE ? "NeedsAttention" : "Active";
  g_autofree char *description = describe_state (self);
  g_autoptr (GVariant) tooltip = NULL;

  if (g_strcmp0 (limber_status_notifier_item_get_icon_name (self->item), icon) != 0)
    {
      limber_status_notifier_item_set_icon_name (self->item, icon);
      limber_status_notifier_item_emit_new_icon (self->item);
    }

  if (g_strcmp0 (limber_status_notifier_item_get_status (self->item), status) != 0)
    {
      limber_status_notifier_item_set_status (self->item, status);
      limber_status_notifier_item_emit_new_status (self->item, status);
    }

  tooltip = g_variant_ref_sink (g_variant_new ("(s@a(iiay)ss)", icon,
                                               g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0),
                                               _("Limber"), description));
  if (limber_status_notifier_item_get_tool_tip (self->item) == NULL ||
      !g_variant_equal (limber_status_notifier_item_get_tool_tip (self->item), tooltip))
    {
      limber_status_notifier_item_set_tool_tip (self->item, tooltip);
      limber_status_notifier_item_emit_new_tool_tip (self->item);
    }

  update_menu (self);
  arm_break_tick (self);
}

/* Leaves the break's own state behind once it is over. */
static void
changed_cb (LimberStatusNotifier *self)
{
  if (limber_break_scheduler_get_state (scheduler_of (self)) != LIMBER_BREAK_STATE_IN_BREAK)
    g_clear_pointer (&self->end_refused, g_free);
  update (self);
}

static void
launch_clear (Launch *launch)
{
  g_clear_object (&launch->cancellable);
}

static void
launch_unref (Launch *launch)
{
  g_rc_box_release_full (launch, (GDestroyNotify) launch_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_unref)

/* Lets clicks start the window again: it is up, or the attempt is over. */
static void
end_launch (LimberStatusNotifier *self)
{
  g_clear_handle_id (&self->launch_timeout_id, g_source_remove);
  if (self->launch == NULL)
    return;

  self->launch->notifier = NULL;
  g_cancellable_cancel (self->launch->cancellable);
  g_clear_pointer (&self->launch, launch_unref);
}

static gboolean
launch_timeout_cb (gpointer user_data)
{
  LimberStatusNotifier *self = user_data;

  self->launch_timeout_id = 0;
  g_message ("Limber's window did not come up within %d seconds", LAUNCH_TIMEOUT_S);
  end_launch (self);
  return G_SOURCE_REMOVE;
}

static void
limber_exited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Launch) launch = user_data;
  GSubprocess *limber = G_SUBPROCESS (object);

  /* Cancelled: the window came up, or the daemon is going. */
  if (!g_subprocess_wait_finish (limber, result, NULL) || launch->notifier == NULL)
    return;

  /* It handed the request to a window that was open after all, or it
   * failed: either way nothing is starting any more. */
  if (!g_subprocess_get_successful (limber))
    g_message ("Limber's window did not start: limber ended with status %d",
               g_subprocess_get_if_exited (limber) ? g_subprocess_get_exit_status (limber) : -1);
  end_launch (launch->notifier);
}

/* Starts `limber`, which becomes the window, or hands the request to the
 * one that is open. */
static void
start_limber (Launch *launch)
{
  static const char * const arguments[] = {
    [WINDOW_MAIN] = NULL,
    [WINDOW_JOURNAL] = "--page=journal",
    [WINDOW_PREFERENCES] = "--preferences",
  };
  g_autofree char *limber = limber_find_executable ("limber");
  const char *argv[] = { limber, arguments[launch->request], NULL };
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (child == NULL)
    {
      g_warning ("Cannot open Limber: %s", error->message);
      end_launch (launch->notifier);
      return;
    }
  g_subprocess_wait_async (child, launch->cancellable, limber_exited_cb, g_rc_box_acquire (launch));
}

static void
window_called_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Launch) launch = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (launch->notifier == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      /* It closed as it was called: open it afresh, still as this one
       * launch. */
      g_debug ("Limber's window did not answer: %s", error->message);
      start_limber (launch);
      return;
    }
  end_launch (launch->notifier);
}

static GVariant *
no_platform_data (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
}

/* Asks the window that runs for @launch's request, over the same D-Bus
 * interface a second `limber` would use, without starting one. */
static void
call_window (Launch *launch)
{
  GDBusConnection *bus = launch->notifier->bus;
  g_autofree char *path = g_strconcat ("/", APP_ID, NULL);
  GVariant *parameters;
  const char *method = "ActivateAction";

  /* GApplication's object path: the id, with dots as slashes. */
  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');
  switch (launch->request)
    {
    case WINDOW_JOURNAL:
      {
        GVariant *page = g_variant_new_variant (g_variant_new_string ("journal"));

        parameters = g_variant_new ("(s@av@a{sv})", "show-page",
                                    g_variant_new_array (G_VARIANT_TYPE_VARIANT, &page, 1),
                                    no_platform_data ());
      }
      break;
    case WINDOW_PREFERENCES:
      /* As `limber --preferences` does: the main window first, the
       * preferences over it. Calls arrive in order. */
      g_dbus_connection_call (bus, APP_ID, path, WINDOW_INTERFACE, "Activate",
                              g_variant_new ("(@a{sv})", no_platform_data ()), NULL,
                              G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
      parameters = g_variant_new ("(s@av@a{sv})", "preferences",
                                  g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                  no_platform_data ());
      break;
    case WINDOW_MAIN:
    default:
      method = "Activate";
      parameters = g_variant_new ("(@a{sv})", no_platform_data ());
      break;
    }

  g_dbus_connection_call (bus, APP_ID, path, WINDOW_INTERFACE, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, launch->cancellable,
                          window_called_cb, g_rc_box_acquire (launch));
}

/* Opens the window on @request, once per burst of clicks: while a launch
 * is under way (until the window is up, or the attempt has ended), more
 * clicks start nothing. */
static void
open_window (LimberStatusNotifier *self,
             WindowRequest         request)
{
  if (self->launch != NULL)
    {
      g_debug ("Limber's window is on its way: click ignored");
      return;
    }

  self->launch = g_rc_box_new0 (Launch);
  self->launch->notifier = self;
  self->launch->request = request;
  self->launch->cancellable = g_cancellable_new ();
  self->launch_timeout_id = g_timeout_add_seconds (LAUNCH_TIMEOUT_S, launch_timeout_cb, self);

  if (self->window_running)
    call_window (self->launch);
  else
    start_limber (self->launch);
}

static void
window_appeared_cb (GDBusConnection *bus,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  LimberStatusNotifier *self = user_data;

  self->window_running = TRUE;
  /* The `limber` being started is the window now, and up: a click from
   * here on reaches it over D-Bus. */
  end_launch (self);
}

static void
window_vanished_cb (GDBusConnection *bus,
                    const char      *name,
                    gpointer         user_data)
{
  LimberStatusNotifier *self = user_data;

  self->window_running = FALSE;
}

static void
activate_item (LimberStatusNotifier *self,
               int                   id)
{
  g_autoptr (GError) error = NULL;

  switch ((MenuItemId) id)
    {
    case ITEM_BREAK_NOW:
      /* The item is hidden during a break: a click then is a late or
       * repeated one, and must not open another guided stretch. */
      if (limber_break_scheduler_get_state (scheduler_of (self)) == LIMBER_BREAK_STATE_IN_BREAK)
        break;
      limber_break_driver_start_break (self->driver, LIMBER_BREAK_KIND_MICRO);
      g_signal_emit (self, signals[BREAK_REQUESTED], 0);
      break;
    case ITEM_END_BREAK:
      if (!limber_break_driver_finish_break (self->driver, TRUE, &error) &&
          g_error_matches (error, LIMBER_BREAK_SCHEDULER_ERROR, LIMBER_BREAK_SCHEDULER_ERROR_NOT_ALLOWED))
        {
          g_free (self->end_refused);
          self->end_refused = g_strdup (error->message);
          update_menu (self);
        }
      break;
    case ITEM_POSTPONE:
      limber_break_driver_postpone (self->driver, &error);
      break;
    case ITEM_SKIP:
      limber_break_driver_skip (self->driver, &error);
      break;
    case ITEM_PAUSE_HOUR:
      limber_break_driver_pause (self->driver, 3600);
      break;
    case ITEM_PAUSE_TOMORROW:
      limber_break_driver_pause (self->driver, -1);
      break;
    case ITEM_RESUME:
      limber_break_driver_resume (self->driver);
      break;
    case ITEM_LOG_PAIN:
      open_window (self, WINDOW_JOURNAL);
      break;
    case ITEM_OPEN:
      open_window (self, WINDOW_MAIN);
      break;
    case ITEM_PREFERENCES:
      open_window (self, WINDOW_PREFERENCES);
      break;
    case ITEM_QUIT:
      g_signal_emit (self, signals[QUIT_REQUESTED], 0);
      break;
    case ITEM_NEXT:
    case ITEM_SEPARATOR_1:
    case ITEM_SEPARATOR_2:
    case ITEM_SEPARATOR_3:
    default:
      break;
    }

  /* A menu item that was stale by the time it was clicked. */
  if (error != NULL)
    g_message ("Menu item %d: %s", id, error->message);
}

static gboolean
handle_activate_cb (LimberStatusNotifierItem *item,
                    GDBusMethodInvocation    *invocation,
                    int                       x,
                    int                       y,
                    LimberStatusNotifier     *self)
{
  limber_status_notifier_item_complete_activate (item, invocation);
  open_window (self, WINDOW_MAIN);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_secondary_activate_cb (LimberStatusNotifierItem *item,
                              GDBusMethodInvocation    *invocation,
                              int                       x,
                              int                       y,
                              LimberStatusNotifier     *self)
{
  limber_status_notifier_item_complete_secondary_activate (item, invocation);
  open_window (self, WINDOW_MAIN);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_context_menu_cb (LimberStatusNotifierItem *item,
                        GDBusMethodInvocation    *invocation,
                        int                       x,
                        int                       y,
                        LimberStatusNotifier     *self)
{
  /* The host shows the menu from /MenuBar itself. */
  limber_status_notifier_item_complete_context_menu (item, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_scroll_cb (LimberStatusNotifierItem *item,
                  GDBusMethodInvocation    *invocation,
                  int                       delta,
                  const char               *orientation,
                  LimberStatusNotifier     *self)
{
  limber_status_notifier_item_complete_scroll (item, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static GVariant *
layout_of (LimberStatusNotifier *self,
           int                   id)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (id == 0)
    {
      GVariantBuilder root;

      for (int child = 1; child <= N_ITEMS; child++)
        g_variant_builder_add (&children, "v", layout_of (self, child));

      g_variant_builder_init (&root, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&root, "{sv}", "children-display", g_variant_new_string ("submenu"));
      return g_variant_new ("(i@a{sv}av)", 0, g_variant_builder_end (&root), &children);
    }

  return g_variant_new ("(i@a{sv}av)", id, item_properties (&self->items[id]), &children);
}

static gboolean
handle_get_layout_cb (LimberDbusmenu        *menu,
                      GDBusMethodInvocation *invocation,
                      int                    parent_id,
                      int                    depth,
                      const char * const    *property_names,
                      LimberStatusNotifier  *self)
{
  if (parent_id < 0 || parent_id > N_ITEMS)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item %d", parent_id);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  limber_dbusmenu_complete_get_layout (menu, invocation, self->revision, layout_of (self, parent_id));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_group_properties_cb (LimberDbusmenu        *menu,
                                GDBusMethodInvocation *invocation,
                                GVariant              *ids,
                                const char * const    *property_names,
                                LimberStatusNotifier  *self)
{
  GVariantBuilder builder;
  GVariantIter iter;
  int id;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ia{sv})"));
  if (g_variant_n_children (ids) == 0)
    {
      for (id = 1; id <= N_ITEMS; id++)
        g_variant_builder_add (&builder, "(i@a{sv})", id, item_properties (&self->items[id]));
    }
  g_variant_iter_init (&iter, ids);
  while (g_variant_iter_next (&iter, "i", &id))
    {
      if (id >= 1 && id <= N_ITEMS)
        g_variant_builder_add (&builder, "(i@a{sv})", id, item_properties (&self->items[id]));
    }

  limber_dbusmenu_complete_get_group_properties (menu, invocation, g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_property_cb (LimberDbusmenu        *menu,
                        GDBusMethodInvocation *invocation,
                        int                    id,
                        const char            *name,
                        LimberStatusNotifier  *self)
{
  g_autoptr (GVariant) item = NULL;
  g_autoptr (GVariant) value = NULL;

  if (id >= 1 && id <= N_ITEMS)
    {
      item = g_variant_ref_sink (item_properties (&self->items[id]));
      value = g_variant_lookup_value (item, name, NULL);
    }
  if (value == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "Menu item %d has no property “%s”", id, name);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  limber_dbusmenu_complete_get_property (menu, invocation, g_variant_new_variant (value));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Ids the menu has: the root (0), to which hosts send "opened" and
 * "closed", and its items. */
static gboolean
is_menu_id (int id)
{
  return id >= 0 && id <= N_ITEMS;
}

static gboolean
handle_event_cb (LimberDbusmenu        *menu,
                 GDBusMethodInvocation *invocation,
                 int                    id,
                 const char            *event_id,
                 GVariant              *data,
                 guint                  timestamp,
                 LimberStatusNotifier  *self)
{
  if (!is_menu_id (id))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item %d", id);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  /* Reply first: the action may end the daemon. */
  limber_dbusmenu_complete_event (menu, invocation);
  if (g_strcmp0 (event_id, "clicked") == 0)
    activate_item (self, id);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* A group batches events for several items; more than one click on the
 * same item in it is noise or hostile. Each item clicked acts once, in
 * the order of its first click, however many events the message holds.
 * The reply lists each id the menu lacks once, and is an error when no
 * event had an id of ours, as the dbusmenu spec says. */
static gboolean
handle_event_group_cb (LimberDbusmenu        *menu,
                       GDBusMethodInvocation *invocation,
                       GVariant              *events,
                       LimberStatusNotifier  *self)
{
  g_autoptr (GHashTable) unknown = g_hash_table_new (NULL, NULL);
  gboolean clicked[N_ITEMS + 1] = { FALSE };
  int click_order[N_ITEMS + 1];
  guint n_clicks = 0;
  gboolean any_known = FALSE;
  GVariantBuilder errors;
  GVariantIter iter;
  const char *event_id;
  int id;

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  g_variant_iter_init (&iter, events);
  while (g_variant_iter_next (&iter, "(i&svu)", &id, &event_id, NULL, NULL))
    {
      if (!is_menu_id (id))
        {
          if (g_hash_table_add (unknown, GINT_TO_POINTER (id)))
            g_variant_builder_add (&errors, "i", id);
          continue;
        }

      any_known = TRUE;
      if (g_str_equal (event_id, "clicked") && !clicked[id])
        {
          clicked[id] = TRUE;
          click_order[n_clicks++] = id;
        }
    }

  if (!any_known && g_variant_n_children (events) > 0)
    {
      g_variant_builder_clear (&errors);
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item has any of the ids of these events");
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  /* Reply first: an action may end the daemon. */
  limber_dbusmenu_complete_event_group (menu, invocation, g_variant_builder_end (&errors));
  for (guint i = 0; i < n_clicks; i++)
    activate_item (self, click_order[i]);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_about_to_show_cb (LimberDbusmenu        *menu,
                         GDBusMethodInvocation *invocation,
                         int                    id,
                         LimberStatusNotifier  *self)
{
  /* The time left has moved on since the menu was built. */
  limber_dbusmenu_complete_about_to_show (menu, invocation, id == 0 && update_menu (self));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_about_to_show_group_cb (LimberDbusmenu        *menu,
                               GDBusMethodInvocation *invocation,
                               GVariant              *ids,
                               LimberStatusNotifier  *self)
{
  limber_dbusmenu_complete_about_to_show_group (menu, invocation,
                                                g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0),
                                                g_variant_new_array (G_VARIANT_TYPE_INT32, NULL, 0));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
set_shown (LimberStatusNotifier *self,
           gboolean              shown)
{
  if (self->shown == shown)
    return;

  self->shown = shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static void
host_state_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LimberStatusNotifier *self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_shown (self, FALSE);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  set_shown (self, g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean (value));
}

static void
check_host (LimberStatusNotifier *self)
{
  g_dbus_connection_call (self->bus, WATCHER_NAME, WATCHER_PATH, "org.freedesktop.DBus.Properties",
                          "Get", g_variant_new ("(ss)", WATCHER_NAME, "IsStatusNotifierHostRegistered"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, host_state_cb, self);
}

static void
host_changed_cb (GDBusConnection *bus,
                 const char      *sender,
                 const char      *path,
                 const char      *interface,
                 const char      *signal,
                 GVariant        *parameters,
                 gpointer         user_data)
{
  check_host (user_data);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LimberStatusNotifier *self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The tray did not take Limber's icon: %s", error->message);
      return;
    }

  check_host (self);
}

static void
watcher_appeared_cb (GDBusConnection *bus,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  LimberStatusNotifier *self = user_data;

  /* The unique name, not an own well-known name: a Flatpak needs no
   * --own-name for it. The watcher finds the item at /StatusNotifierItem. */
  g_dbus_connection_call (self->bus, WATCHER_NAME, WATCHER_PATH, WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", g_dbus_connection_get_unique_name (self->bus)),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, registered_cb, self);
}

static void
watcher_vanished_cb (GDBusConnection *bus,
                     const char      *name,
                     gpointer         user_data)
{
  set_shown (user_data, FALSE);
}

gboolean
limber_status_notifier_start (LimberStatusNotifier  *self,
                              GDBusConnection       *bus,
                              GError               **error)
{
  g_return_val_if_fail (LIMBER_IS_STATUS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (bus), FALSE);
  g_return_val_if_fail (self->bus == NULL, FALSE);

  self->bus = g_object_ref (bus);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->item), bus, ITEM_PATH, error) ||
      !g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->menu), bus, MENU_PATH, error))
    return FALSE;

  self->host_registered_id =
    g_dbus_connection_signal_subscribe (bus, WATCHER_NAME, WATCHER_NAME, "StatusNotifierHostRegistered",
                                        WATCHER_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        host_changed_cb, self, NULL);
  self->host_unregistered_id =
    g_dbus_connection_signal_subscribe (bus, WATCHER_NAME, WATCHER_NAME, "StatusNotifierHostUnregistered",
                                        WATCHER_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        host_changed_cb, self, NULL);
  self->watcher_id = g_bus_watch_name_on_connection (bus, WATCHER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     watcher_appeared_cb, watcher_vanished_cb,
                                                     self, NULL);
  self->window_watch_id = g_bus_watch_name_on_connection (bus, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                          window_appeared_cb, window_vanished_cb,
                                                          self, NULL);
  return TRUE;
}

void
limber_status_notifier_refresh (LimberStatusNotifier *self)
{
  g_return_if_fail (LIMBER_IS_STATUS_NOTIFIER (self));

  update (self);
}

gboolean
limber_status_notifier_is_shown (LimberStatusNotifier *self)
{
  g_return_val_if_fail (LIMBER_IS_STATUS_NOTIFIER (self), FALSE);

  return self->shown;
}

static void
limber_status_notifier_dispose (GObject *object)
{
  LimberStatusNotifier *self = LIMBER_STATUS_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->break_tick_id, g_source_remove);
  g_clear_pointer (&self->end_refused, g_free);
  g_clear_handle_id (&self->watcher_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->window_watch_id, g_bus_unwatch_name);
  /* A window on its way comes up all the same; only the wait ends. */
  end_launch (self);
  if (self->bus != NULL)
    {
      if (self->host_registered_id != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->host_registered_id);
      if (self->host_unregistered_id != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->host_unregistered_id);
      self->host_registered_id = self->host_unregistered_id = 0;
    }
  if (self->item != NULL && g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->item)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->item));
  if (self->menu != NULL && g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->menu)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->menu));
  g_clear_object (&self->item);
  g_clear_object (&self->menu);
  g_clear_object (&self->bus);
  g_clear_object (&self->driver);
  for (int id = 0; id <= N_ITEMS; id++)
    g_clear_pointer (&self->items[id].label, g_free);

  G_OBJECT_CLASS (limber_status_notifier_parent_class)->dispose (object);
}

static void
limber_status_notifier_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LimberStatusNotifier *self = LIMBER_STATUS_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      g_value_set_boolean (value, self->shown);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_status_notifier_class_init (LimberStatusNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = limber_status_notifier_dispose;
  object_class->get_property = limber_status_notifier_get_property;

  /**
   * LimberStatusNotifier:shown:
   *
   * Whether a tray shows the icon.
   */
  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberStatusNotifier::quit-requested:
   *
   * Quit was chosen in the menu.
   */
  signals[QUIT_REQUESTED] = g_signal_new ("quit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LimberStatusNotifier::break-requested:
   *
   * Take a Break Now was chosen in the menu, and the break has started.
   */
  signals[BREAK_REQUESTED] = g_signal_new ("break-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
limber_status_notifier_init (LimberStatusNotifier *self)
{
  self->cancellable = g_cancellable_new ();
}

/* The panel loads the icons, not Limber, from the folders every icon
 * theme looks in. Where Limber's come from a folder of its own (the
 * source tree, for runs from the build tree, or an unusual prefix), the
 * item tells the panel which. Inside Flatpak the panel outside could not
 * read the sandbox's folders: Flatpak exports the icons to where it
 * looks. */
static gboolean
has_icon (const char *data_dir)
{
  g_autofree char *icon = g_build_filename (data_dir, "icons", "hicolor", "scalable", "apps",
                                            APP_ID ".svg", NULL);

  return g_file_test (icon, G_FILE_TEST_EXISTS);
}

static char *
find_icon_theme_path (void)
{
  static const char *standard_dirs[] = { "/usr/share", "/usr/local/share", "/usr/share/", "/usr/local/share/" };
  const char * const *system_dirs = g_get_system_data_dirs ();

  if (limber_sandbox_use_portals () || has_icon (g_get_user_data_dir ()))
    return g_strdup ("");
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      if (!has_icon (system_dirs[i]))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (standard_dirs); j++)
        if (g_str_equal (system_dirs[i], standard_dirs[j]))
          return g_strdup ("");
      return g_build_filename (system_dirs[i], "icons", NULL);
    }

  return g_strdup ("");
}

LimberStatusNotifier *
limber_status_notifier_new (LimberBreakDriver *driver)
{
  LimberStatusNotifier *self;
  g_autofree char *icon_theme_path = find_icon_theme_path ();
  static const struct {
    const char *signal;
    GCallback   callback;
  } item_handlers[] = {
    { "handle-activate",           G_CALLBACK (handle_activate_cb) },
    { "handle-secondary-activate", G_CALLBACK (handle_secondary_activate_cb) },
    { "handle-context-menu",       G_CALLBACK (handle_context_menu_cb) },
    { "handle-scroll",             G_CALLBACK (handle_scroll_cb) },
  }, menu_handlers[] = {
    { "handle-get-layout",            G_CALLBACK (handle_get_layout_cb) },
    { "handle-get-group-properties",  G_CALLBACK (handle_get_group_properties_cb) },
    { "handle-get-property",          G_CALLBACK (handle_get_property_cb) },
    { "handle-event",                 G_CALLBACK (handle_event_cb) },
    { "handle-event-group",           G_CALLBACK (handle_event_group_cb) },
    { "handle-about-to-show",         G_CALLBACK (handle_about_to_show_cb) },
    { "handle-about-to-show-group",   G_CALLBACK (handle_about_to_show_group_cb) },
  };

  g_return_val_if_fail (LIMBER_IS_BREAK_DRIVER (driver), NULL);

  self = g_object_new (LIMBER_TYPE_STATUS_NOTIFIER, NULL);
  self->driver = g_object_ref (driver);

  self->item = limber_status_notifier_item_skeleton_new ();
  limber_status_notifier_item_set_category (self->item, "ApplicationStatus");
  /* Xfce shows nothing for an item without an Id. */
  limber_status_notifier_item_set_id (self->item, APP_ID);
  limber_status_notifier_item_set_title (self->item, _("Limber"));
  limber_status_notifier_item_set_attention_icon_name (self->item, APP_ID "-break-due");
  limber_status_notifier_item_set_overlay_icon_name (self->item, "");
  limber_status_notifier_item_set_icon_pixmap (self->item, g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0));
  limber_status_notifier_item_set_attention_icon_pixmap (self->item, g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0));
  limber_status_notifier_item_set_item_is_menu (self->item, FALSE);
  limber_status_notifier_item_set_menu (self->item, MENU_PATH);
  limber_status_notifier_item_set_icon_theme_path (self->item, icon_theme_path);
  for (guint i = 0; i < G_N_ELEMENTS (item_handlers); i++)
    g_signal_connect_object (self->item, item_handlers[i].signal, item_handlers[i].callback, self, 0);

  self->menu = limber_dbusmenu_skeleton_new ();
  limber_dbusmenu_set_version (self->menu, 3);
  /* Translators: “default:RTL” for a language written right to left,
   * as GTK asks; leave “default:LTR” otherwise. */
  limber_dbusmenu_set_text_direction (self->menu, g_str_equal (_("default:LTR"), "default:RTL") ? "rtl" : "ltr");
  limber_dbusmenu_set_status (self->menu, "normal");
  for (guint i = 0; i < G_N_ELEMENTS (menu_handlers); i++)
    g_signal_connect_object (self->menu, menu_handlers[i].signal, menu_handlers[i].callback, self, 0);

  g_signal_connect_object (driver, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  update (self);

  return self;
}
