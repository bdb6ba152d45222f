/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-clock"

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib-unix.h>

#include "limber-clock.h"
#include "limber-day.h"
#include "limber-deadline-source.h"

/* GLib caches the local zone for the life of the process, and a zone by
 * the name it was loaded under for as long as anything holds it. The
 * clock therefore loads the zone under the real path of the zone file:
 * a move to another zone re-points the link (as timedated does), which
 * gives a new path and so a fresh load.
 *
 * Three things wake the clock, none of them while time simply passes:
 * a one-shot source at the monotonic time the next day starts, a file
 * monitor on the zone file, and a timerfd that the kernel cancels when
 * the wall clock is set. */

struct _LimberClock
{
  GObject       parent_instance;

  char         *zone_file;
  GTimeZone    *zone;
  char         *zone_identifier;
  GFileMonitor *zone_monitor;
  /* The zone file changed since the zone was loaded. */
  gboolean      zone_dirty;
  guint         rollover_hour;
  char         *today;
  gint64        wall_offset_us;

  GSource      *day_source;
  int           clock_set_fd;
  guint         clock_set_id;
};

G_DEFINE_FINAL_TYPE (LimberClock, limber_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLLOVER_HOUR,
  N_PROPS
};

enum {
  DAY_CHANGED,
  TIMEZONE_CHANGED,
  TIME_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Real minus monotonic: it moves only when the wall clock is set. */
static gint64
wall_offset (void)
{
  return g_get_real_time () - g_get_monotonic_time ();
}

/* The zone file in use: the path in TZ, else /etc/localtime; NULL when TZ
 * names a zone rather than a file, which cannot change under us. */
static char *
zone_file_in_use (void)
{
  const char *tz = g_getenv ("TZ");

  if (tz != NULL && *tz == ':')
    tz++;
  if (tz == NULL || *tz == '\0')
    return g_strdup ("/etc/localtime");
  if (g_path_is_absolute (tz))
    return g_strdup (tz);
  return NULL;
}

static gint32
offset_now (GTimeZone *zone)
{
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, now_s));
}

/* Loads the zone from the zone file; whether it differs from the one held
 * before. */
static gboolean
load_zone (LimberClock *self)
{
  g_autofree char *real = NULL;
  gboolean had = self->zone != NULL;
  gint32 old_offset = had ? offset_now (self->zone) : 0;
  gboolean same_name;
  GTimeZone *zone = NULL;

  if (self->zone_file != NULL)
    real = realpath (self->zone_file, NULL);
  same_name = had && g_strcmp0 (real, self->zone_identifier) == 0;

  /* A file replaced in place keeps its path: let go of the old zone
   * first, so that GLib reads the file again. */
  if (same_name)
    g_clear_pointer (&self->zone, g_time_zone_unref);
  if (real != NULL)
    zone = g_time_zone_new_identifier (real);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  g_free (self->zone_identifier);
  self->zone_identifier = g_steal_pointer (&real);
  self->zone_dirty = FALSE;

  return !same_name || offset_now (zone) != old_offset;
}

GDateTime *
limber_clock_now (LimberClock *self)
{
  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);

  return g_date_time_new_now (self->zone);
}

GTimeZone *
limber_clock_get_timezone (LimberClock *self)
{
  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);

  return self->zone;
}

GDateTime *
limber_clock_to_local (LimberClock *self,
                       gint64       unix_s)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);

  utc = g_date_time_new_from_unix_utc (unix_s);
  return utc ? g_date_time_to_timezone (utc, self->zone) : NULL;
}

gint64
limber_clock_monotonic_to_unix (LimberClock *self,
                                gint64       monotonic_us)
{
  g_return_val_if_fail (LIMBER_IS_CLOCK (self), 0);

  return (monotonic_us + wall_offset ()) / G_USEC_PER_SEC;
}

char *
limber_clock_day_for_time (LimberClock *self,
                           GDateTime   *time)
{
  g_autoptr (GDateTime) local = NULL;

  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_timezone (time, self->zone);
  return limber_day_for_time (local, self->rollover_hour);
}

const char *
limber_clock_get_today (LimberClock *self)
{
  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);

  return self->today;
}

guint
limber_clock_get_rollover_hour (LimberClock *self)
{
  g_return_val_if_fail (LIMBER_IS_CLOCK (self), LIMBER_CLOCK_DEFAULT_ROLLOVER_HOUR);

  return self->rollover_hour;
}

GDateTime *
limber_clock_next_day_start (LimberClock *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) start = NULL;

  g_return_val_if_fail (LIMBER_IS_CLOCK (self), NULL);

  now = limber_clock_now (self);
  start = g_date_time_new (self->zone, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), (int) self->rollover_hour, 0, 0);
  if (g_date_time_compare (start, now) > 0)
    return g_steal_pointer (&start);
  return g_date_time_add_days (start, 1);
}

/* Arms the day source for the start of the next day. */
static void
arm_day_source (LimberClock *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) next = NULL;

  /* An unwatched clock has no source. */
  if (self->day_source == NULL)
    return;
  now = limber_clock_now (self);
  next = limber_clock_next_day_start (self);
  g_source_set_ready_time (self->day_source,
                           g_get_monotonic_time () + MAX (0, g_date_time_difference (next, now)));
}

/* Asks the kernel to cancel a timer when the wall clock is set; reading
 * the fd then fails with ECANCELED. */
static gboolean
arm_clock_set_fd (LimberClock *self)
{
  struct itimerspec far = { .it_value = { .tv_sec = G_MAXINT32, .tv_nsec = 0 } };

  return timerfd_settime (self->clock_set_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &far, NULL) == 0;
}

void
limber_clock_check (LimberClock *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *today = NULL;
  gint64 offset = wall_offset ();
  gboolean zone_changed = FALSE;

  g_return_if_fail (LIMBER_IS_CLOCK (self));

  g_object_ref (self);

  if (self->zone_dirty)
    zone_changed = load_zone (self);
  now = limber_clock_now (self);
  today = limber_day_for_time (now, self->rollover_hour);

  /* A second's drift is the clocks' own; more is the clock being set. */
  if (ABS (offset - self->wall_offset_us) > G_USEC_PER_SEC)
    {
      self->wall_offset_us = offset;
      g_debug ("The wall clock moved");
      g_signal_emit (self, signals[TIME_CHANGED], 0);
    }
  if (zone_changed)
    {
      g_debug ("The local zone is now %s", g_time_zone_get_identifier (self->zone));
      g_signal_emit (self, signals[TIMEZONE_CHANGED], 0);
    }
  if (g_strcmp0 (today, self->today) != 0)
    {
      g_free (self->today);
      self->today = g_steal_pointer (&today);
      g_debug ("The day is now %s", self->today);
      g_signal_emit (self, signals[DAY_CHANGED], 0);
    }

  arm_day_source (self);
  g_object_unref (self);
}

void
limber_clock_set_rollover_hour (LimberClock *self,
                                guint        hour)
{
  g_return_if_fail (LIMBER_IS_CLOCK (self));
  g_return_if_fail (hour < 24);

  if (self->rollover_hour == hour)
    return;

  self->rollover_hour = hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLLOVER_HOUR]);
  limber_clock_check (self);
}

static gboolean
day_started_cb (gpointer user_data)
{
  limber_clock_check (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
clock_set_cb (gint         fd,
              GIOCondition condition,
              gpointer     user_data)
{
  LimberClock *self = user_data;
  guint64 expirations;

  /* ECANCELED: the wall clock was set; arm it again. Anything else (the
   * far timer expired, which only a clock past 2038 or a faked one does)
   * would fire at once for ever: stop watching, and rely on the checks. */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED && arm_clock_set_fd (self))
    {
      limber_clock_check (self);
      return G_SOURCE_CONTINUE;
    }

  g_debug ("No longer told when the wall clock is set");
  self->clock_set_id = 0;
  limber_clock_check (self);
  return G_SOURCE_REMOVE;
}

static void
zone_file_changed_cb (LimberClock *self)
{
  self->zone_dirty = TRUE;
  limber_clock_check (self);
}

static void
limber_clock_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LimberClock *self = LIMBER_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ROLLOVER_HOUR:
      g_value_set_uint (value, self->rollover_hour);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_clock_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LimberClock *self = LIMBER_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ROLLOVER_HOUR:
      limber_clock_set_rollover_hour (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_clock_dispose (GObject *object)
{
  LimberClock *self = LIMBER_CLOCK (object);

  if (self->day_source != NULL)
    {
      g_source_destroy (self->day_source);
      g_clear_pointer (&self->day_source, g_source_unref);
    }
  g_clear_handle_id (&self->clock_set_id, g_source_remove);
  if (self->clock_set_fd >= 0)
    {
      close (self->clock_set_fd);
      self->clock_set_fd = -1;
    }
  if (self->zone_monitor != NULL)
    {
      g_file_monitor_cancel (self->zone_monitor);
      g_clear_object (&self->zone_monitor);
    }

  G_OBJECT_CLASS (limber_clock_parent_class)->dispose (object);
}

static void
limber_clock_finalize (GObject *object)
{
  LimberClock *self = LIMBER_CLOCK (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->zone_identifier);
  g_free (self->zone_file);
  g_free (self->today);

  G_OBJECT_CLASS (limber_clock_parent_class)->finalize (object);
}

static void
limber_clock_class_init (LimberClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = limber_clock_get_property;
  object_class->set_property = limber_clock_set_property;
  object_class->dispose = limber_clock_dispose;
  object_class->finalize = limber_clock_finalize;

  /**
   * LimberClock:rollover-hour:
   *
   * The local hour at which a new day starts.
   */
  properties[PROP_ROLLOVER_HOUR] =
    g_param_spec_uint ("rollover-hour", NULL, NULL, 0, 23, LIMBER_CLOCK_DEFAULT_ROLLOVER_HOUR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberClock::day-changed:
   *
   * limber_clock_get_today() says another day: a new day started, or the
   * wall clock or the zone moved to another.
   */
  signals[DAY_CHANGED] = g_signal_new ("day-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
  /**
   * LimberClock::timezone-changed:
   *
   * The local zone is another one now.
   */
  signals[TIMEZONE_CHANGED] = g_signal_new ("timezone-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /**
   * LimberClock::time-changed:
   *
   * The wall clock was set: wall-clock times computed before are off.
   */
  signals[TIME_CHANGED] = g_signal_new ("time-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
limber_clock_init (LimberClock *self)
{
  self->rollover_hour = LIMBER_CLOCK_DEFAULT_ROLLOVER_HOUR;
  self->clock_set_fd = -1;
}

static LimberClock *
clock_new (void)
{
  LimberClock *self = g_object_new (LIMBER_TYPE_CLOCK, NULL);
  g_autoptr (GDateTime) now = NULL;

  self->zone_file = zone_file_in_use ();
  load_zone (self);
  self->wall_offset_us = wall_offset ();
  now = limber_clock_now (self);
  self->today = limber_day_for_time (now, self->rollover_hour);
  return self;
}

LimberClock *
limber_clock_new_unwatched (void)
{
  return clock_new ();
}

LimberClock *
limber_clock_new (void)
{
  LimberClock *self = clock_new ();

  if (self->zone_file != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (self->zone_file);
      g_autoptr (GError) error = NULL;

      /* Not following links: re-pointing the link is the change. */
      self->zone_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->zone_monitor != NULL)
        g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (zone_file_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      else
        g_debug ("Not watching %s: %s", self->zone_file, error->message);
    }

  self->clock_set_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->clock_set_fd >= 0 && arm_clock_set_fd (self))
    self->clock_set_id = g_unix_fd_add (self->clock_set_fd, G_IO_IN, clock_set_cb, self);
  else
    g_debug ("Wall-clock changes are seen only at the next check: %s", g_strerror (errno));

  self->day_source = limber_deadline_source_new ("[limber] day start", day_started_cb, self);
  arm_day_source (self);

  return self;
}
