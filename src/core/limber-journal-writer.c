/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-journal"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "limber-day.h"
#include "limber-journal-keeper.h"
#include "limber-file-target.h"
#include "limber-journal-formats.h"
#include "limber-journal-private.h"
#include "limber-journal-writer.h"

/* The writer keeps the promise that a write Limber confirmed is never
 * lost. Every write runs on one thread of its own, in order, with its own
 * connection, so that a busy or slow journal never blocks a main loop. A
 * write that fails for a reason that may pass (disk full, a lock held too
 * long, a repair under way, a damaged file) is written to a spool folder
 * as a one-record export, which any process later merges into the journal
 * by UUID and then deletes; merging twice is the same as once. A day's
 * save (its pain entry, factors and measures) is one record: its file
 * also names the parts of the day it saved whole, so that what it
 * unticked or emptied is removed when it is merged, as saving would have,
 * unless the journal holds a later save of that part (see LimberDaySave).
 * Before a day is stored, what waits is merged, so that an older save
 * never lands on a newer one. When even
 * the spool cannot be written, the write waits in memory. Retries back
 * off from one second to a minute, and only while something waits. */

#define RETRY_FIRST_S 1
#define RETRY_MAX_S   60
/* A spool file holds one record; anything larger is not ours. */
#define SPOOL_FILE_MAX (256 * 1024)
#define SPOOL_SUFFIX ".json"

typedef enum
{
  JOB_BREAK_EVENT,
  JOB_STRETCH_SESSION,
  /* A day's entry, factors and measures: limber_journal_save_day(). */
  JOB_DAY,
  JOB_DRAIN,
  JOB_RUN,
} JobKind;

typedef struct
{
  LimberJournalWriter  *writer;
  JobKind               kind;

  /* A record to store, by kind. */
  LimberBreakEvent      event;
  LimberStretchSession  session;
  LimberPainEntry      *entry;
  GDateTime            *now;
  /* JOB_DAY: the day, and its factors and measures; either may be %NULL
   * for "as it is". */
  char                 *day;
  GPtrArray            *day_factors;
  LimberDayMeasures    *measures;
  gboolean              drained;
  GTask                *task;

  /* JOB_RUN */
  LimberJournalJobFunc  func;
  gpointer              data;
  GDestroyNotify        data_free;
  GDestroyNotify        result_free;
  gpointer              result;

  /* What the thread found. */
  char                 *repaired;
  gboolean              stored;
  gboolean              spooled;
  guint                 spool_left;
  GError               *error;
} Job;

struct _LimberJournalWriter
{
  GObject       parent_instance;

  char         *path;
  GStrv         spool_dirs;
  GMainContext *context;
  GThreadPool  *pool;
  guint         in_flight;
  /* Set by close(): jobs run and deliver on the caller's thread. */
  int           closed;

  /* Writes that could be kept only in memory. */
  GQueue        waiting;
  /* Files in the spool folders, as last counted. */
  guint         spooled;
  guint         pending;
  char         *problem;
  guint         retry_id;
  guint         retry_s;
  gboolean      retry_on_schedule;

  /* The spool folders, watched for what other processes spool. */
  GPtrArray    *monitors;

  /* The thread's own; nothing else touches it. */
  LimberJournal *journal;
};

G_DEFINE_FINAL_TYPE (LimberJournalWriter, limber_journal_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPAIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
job_free (Job *job)
{
  g_clear_pointer (&job->entry, limber_pain_entry_free);
  g_free (job->day);
  g_clear_pointer (&job->day_factors, g_ptr_array_unref);
  g_clear_pointer (&job->measures, limber_day_measures_free);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job->session.activity_id);
  g_clear_object (&job->task);
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  if (job->result_free != NULL)
    g_clear_pointer (&job->result, job->result_free);
  g_clear_error (&job->error);
  g_free (job->repaired);
  g_clear_object (&job->writer);
  g_free (job);
}

static Job *
job_new (LimberJournalWriter *self,
         JobKind              kind)
{
  Job *job = g_new0 (Job, 1);

  job->writer = g_object_ref (self);
  job->kind = kind;
  job->now = g_date_time_new_now_local ();
  return job;
}

/* On the writer's thread */

/* Whether trying again later may store what failed with @error. */
static gboolean
may_pass (const GError *error)
{
  return !g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT);
}

/* Opens the thread's connection, repairing a damaged journal first; a
 * repair is told with the job's result. */
static gboolean
ensure_journal (LimberJournalWriter  *self,
                Job                  *job,
                GError              **error)
{
  g_autoptr (LimberRepairReport) report = NULL;

  if (self->journal != NULL)
    return TRUE;

  self->journal = limber_journal_keeper_open (self->path, &report, error);
  if (report != NULL && job->repaired == NULL)
    job->repaired = limber_repair_report_describe (report);
  return self->journal != NULL;
}

/* A connection to a damaged or vanished file is no use: the next attempt
 * opens (and if need be repairs) again. */
static void
forget_journal_after (LimberJournalWriter *self,
                      const GError        *error)
{
  if (g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT) ||
      g_error_matches (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_FAILED))
    g_clear_object (&self->journal);
}

static void
fill_uuid (char *uuid)
{
  if (uuid[0] == '\0')
    {
      g_autofree char *random = g_uuid_string_random ();
      g_strlcpy (uuid, random, LIMBER_UUID_LENGTH + 1);
    }
}

/* Writes the job's record into the first spool folder that takes it. */
static gboolean
spool (LimberJournalWriter *self,
       Job                 *job)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) events = g_ptr_array_new ();
  g_autoptr (GPtrArray) sessions = g_ptr_array_new ();
  g_autoptr (GPtrArray) day_factors = g_ptr_array_new ();
  g_autoptr (GPtrArray) day_measures = g_ptr_array_new ();
  g_autoptr (GPtrArray) day_saves = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *random = NULL;
  LimberDaySave save = { "", FALSE, FALSE, 0, 0 };
  gint64 now_utc = g_date_time_to_unix (job->now);
  int now_offset_s = (int) (g_date_time_get_utc_offset (job->now) / G_TIME_SPAN_SECOND);
  const char *uuid;

  switch (job->kind)
    {
    case JOB_BREAK_EVENT:
      g_ptr_array_add (events, &job->event);
      uuid = job->event.uuid;
      break;

    case JOB_STRETCH_SESSION:
      g_ptr_array_add (sessions, &job->session);
      uuid = job->session.uuid;
      break;

    case JOB_DAY:
      /* What saving would have filled in, as of the save. */
      if (job->entry != NULL)
        {
          fill_uuid (job->entry->uuid);
          if (job->entry->created_utc == 0)
            {
              job->entry->created_utc = now_utc;
              job->entry->created_offset_s = now_offset_s;
            }
          job->entry->updated_utc = now_utc;
          job->entry->updated_offset_s = now_offset_s;
          g_ptr_array_add (entries, job->entry);
          uuid = job->entry->uuid;
        }
      else
        uuid = random = g_uuid_string_random ();

      for (guint i = 0; job->day_factors != NULL && i < job->day_factors->len; i++)
        {
          LimberDayFactor *day_factor = g_ptr_array_index (job->day_factors, i);

          fill_uuid (day_factor->uuid);
          day_factor->created_utc = day_factor->updated_utc = now_utc;
          day_factor->created_offset_s = day_factor->updated_offset_s = now_offset_s;
          g_ptr_array_add (day_factors, day_factor);
        }
      /* Empty measures are kept as none at all: the day's go. */
      if (job->measures != NULL && !limber_day_measures_is_empty (job->measures))
        {
          fill_uuid (job->measures->uuid);
          job->measures->created_utc = job->measures->updated_utc = now_utc;
          job->measures->created_offset_s = job->measures->updated_offset_s = now_offset_s;
          g_ptr_array_add (day_measures, job->measures);
        }
      if (job->day_factors != NULL || job->measures != NULL)
        {
          g_strlcpy (save.day, job->day, sizeof save.day);
          save.factors = job->day_factors != NULL;
          save.measures = job->measures != NULL;
          save.saved_utc = now_utc;
          save.saved_offset_s = now_offset_s;
          g_ptr_array_add (day_saves, &save);
        }
      break;

    case JOB_DRAIN:
    case JOB_RUN:
    default:
      g_return_val_if_reached (FALSE);
    }

  text = limber_journal_write_json (entries, events, sessions, day_factors, day_measures, day_saves, &error);
  if (text == NULL)
    {
      g_warning ("A write could not be kept: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; self->spool_dirs[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT SPOOL_SUFFIX, uuid, now_utc);
      g_autofree char *file = g_build_filename (self->spool_dirs[i], name, NULL);
      /* Health data, as in the journal: the folder 0700, the file 0600. */
      int folder_errno = limber_journal_make_private_folder (self->spool_dirs[i]);

      g_clear_error (&error);
      if (folder_errno == 0 &&
          g_file_set_contents_full (file, text, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                    0600, &error))
        {
          g_debug ("Write kept in %s", file);
          return TRUE;
        }
      g_debug ("Cannot keep a write in %s: %s", self->spool_dirs[i],
               error ? error->message : g_strerror (folder_errno));
    }

  return FALSE;
}

static gboolean
store_record (LimberJournalWriter  *self,
              Job                  *job,
              GError              **error)
{
  if (!ensure_journal (self, job, error))
    return FALSE;

  switch (job->kind)
    {
    case JOB_BREAK_EVENT:
      return limber_journal_add_break_event (self->journal, &job->event, error);

    case JOB_STRETCH_SESSION:
      return limber_journal_add_stretch_session (self->journal, &job->session, error);

    case JOB_DAY:
      return limber_journal_save_day (self->journal, job->entry, job->day, job->day_factors,
                                      job->measures, job->now, error);

    case JOB_DRAIN:
    case JOB_RUN:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
set_aside (const char *file,
           const char *why)
{
  g_autofree char *aside = g_strconcat (file, ".bad", NULL);

  g_warning ("A file among the writes waiting for the journal was set aside as %s: %s", aside, why);
  if (g_rename (file, aside) != 0)
    g_warning ("Cannot set %s aside: %s", file, g_strerror (errno));
}

static gboolean
is_spool_file (const char *name)
{
  /* g_file_set_contents() writes NAME.XXXXXX first. */
  return g_str_has_suffix (name, SPOOL_SUFFIX) && name[0] != '.';
}

/* Merges one spool file. A file that is no write Limber kept (too large,
 * or not a one-record export) can never be merged: it is set aside as
 * NAME.bad, never deleted. Anything else that fails may pass, and the
 * file stays for the next try. */
static gboolean
merge_spool_file (LimberJournalWriter  *self,
                  const char           *file,
                  GDateTime            *now,
                  GError              **error)
{
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) merge_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_lstat (file, &st) != 0)
    return TRUE;  /* Merged by another process meanwhile. */

  /* Reading a named pipe would hold the writer for ever. */
  if (!S_ISREG (st.st_mode))
    {
      set_aside (file, limber_file_not_regular_reason (st.st_mode));
      return TRUE;
    }
  if (st.st_size > SPOOL_FILE_MAX)
    {
      set_aside (file, _("it is too large to be a write Limber kept"));
      return TRUE;
    }
  if (!g_file_get_contents (file, &contents, &length, &merge_error))
    {
      g_propagate_error (error, g_steal_pointer (&merge_error));
      return FALSE;
    }

  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!limber_journal_merge_export (self->journal, data, now, &merge_error))
    {
      if (may_pass (merge_error))
        {
          g_propagate_error (error, g_steal_pointer (&merge_error));
          return FALSE;
        }
      set_aside (file, merge_error->message);
      return TRUE;
    }

  if (g_unlink (file) != 0 && errno != ENOENT)
    g_debug ("Cannot remove %s: %s", file, g_strerror (errno));
  return TRUE;
}

/* Merges every spool file, oldest folder first; stops at the first that
 * cannot be merged yet. Counts what is left in @job->spool_left. */
static void
drain (LimberJournalWriter *self,
       Job                 *job)
{
  gboolean stopped = !ensure_journal (self, job, &job->error);

  job->spool_left = 0;
  for (guint i = 0; self->spool_dirs[i] != NULL; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (self->spool_dirs[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = NULL;

          if (!is_spool_file (name))
            continue;

          file = g_build_filename (self->spool_dirs[i], name, NULL);
          if (stopped || !merge_spool_file (self, file, job->now, &job->error))
            {
              stopped = TRUE;
              job->spool_left++;
            }
        }
    }

  if (job->error != NULL)
    forget_journal_after (self, job->error);
}

/* The journal was found damaged while writing: repaired here, as the
 * keeper does, so that the write can go on. */
static gboolean
repair (LimberJournalWriter *self,
        Job                 *job)
{
  g_autoptr (LimberRepairReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->journal);
  report = limber_journal_keeper_repair (self->path, job->now, &error);
  if (report == NULL)
    {
      g_warning ("The damaged journal could not be repaired: %s", error->message);
      return FALSE;
    }
  job->repaired = limber_repair_report_describe (report);
  return TRUE;
}

static gboolean deliver_cb (gpointer user_data);

/* Hands @job back to the main context. Always through a source: from the
 * pool's thread, g_main_context_invoke() would run it right there when the
 * main thread is not iterating. After close() the job ran on the main
 * thread itself, and its result is taken at once. */
static void
deliver (LimberJournalWriter *self,
         Job                 *job)
{
  g_autoptr (GSource) source = NULL;

  if (g_atomic_int_get (&self->closed))
    {
      deliver_cb (job);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, job, NULL);
  g_source_set_static_name (source, "[limber] journal write done");
  g_source_attach (source, self->context);
}

/* Whether the day job can ever be stored: checked before anything else,
 * so that what is spooled is what saving would take. */
static gboolean
check_day (Job     *job,
           GError **error)
{
  g_autofree char *today = g_date_time_format (job->now, "%Y-%m-%d");

  /* A pain entry alone says what is wrong with it as saving it would. */
  if (job->entry != NULL && !limber_journal_check_pain_entry (job->entry, job->now, error))
    return FALSE;
  if (!limber_day_is_valid (job->day))
    {
      /* Translators: “date” names the field, as in the other messages
       * about a day's save; %s is what was given. */
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("date: “%s” is not a date written as YYYY-MM-DD"), job->day);
      return FALSE;
    }
  if (strcmp (job->day, today) > 0)
    {
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("date: %s is in the future; today is %s"), job->day, today);
      return FALSE;
    }
  if ((job->entry != NULL && !g_str_equal (job->entry->day, job->day)) ||
      (job->measures != NULL && !g_str_equal (job->measures->day, job->day)))
    {
      /* Translators: %s is the day being saved, such as 2026-11-30. */
      g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                   _("date: the entry and the measures must be of the day being saved, %s"), job->day);
      return FALSE;
    }
  if (job->measures != NULL && !limber_day_measures_validate (job->measures, error))
    return FALSE;
  for (guint i = 0; job->day_factors != NULL && i < job->day_factors->len; i++)
    {
      LimberDayFactor *day_factor = g_ptr_array_index (job->day_factors, i);

      if (!limber_day_factor_validate (day_factor, error))
        return FALSE;
      if (!g_str_equal (day_factor->day, job->day))
        {
          g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                       _("date: %s is not the day being saved, %s"), day_factor->day, job->day);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          LimberDayFactor *earlier = g_ptr_array_index (job->day_factors, j);

          if (g_ascii_strcasecmp (earlier->factor_uuid, day_factor->factor_uuid) == 0)
            {
              g_set_error (error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_INVALID_INPUT,
                           _("factor: %s is given twice for the same day"), day_factor->factor_uuid);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  LimberJournalWriter *self = job->writer;

  switch (job->kind)
    {
    case JOB_DAY:
      if (!check_day (job, &job->error))
        break;
      /* Writes that waited come first: an older save of the day merged
       * after this one could not tell what this one unticked. */
      drain (self, job);
      g_clear_error (&job->error);
      job->drained = TRUE;
      G_GNUC_FALLTHROUGH;

    case JOB_BREAK_EVENT:
    case JOB_STRETCH_SESSION:
      job->stored = store_record (self, job, &job->error);
      if (!job->stored &&
          g_error_matches (job->error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT) &&
          repair (self, job))
        {
          g_clear_error (&job->error);
          job->stored = store_record (self, job, &job->error);
        }
      if (!job->stored)
        {
          g_debug ("Write not stored yet: %s", job->error->message);
          forget_journal_after (self, job->error);
          if (may_pass (job->error))
            job->spooled = spool (self, job);
        }
      break;

    case JOB_DRAIN:
      drain (self, job);
      if (g_error_matches (job->error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT) &&
          repair (self, job))
        {
          g_clear_error (&job->error);
          drain (self, job);
        }
      break;

    case JOB_RUN:
      /* Writes that waited come first: a deletion must not be undone by
       * an older save merged after it. */
      drain (self, job);
      g_clear_error (&job->error);
      if (ensure_journal (self, job, &job->error))
        job->result = job->func (self->journal, job->data, &job->error);
      if (job->error != NULL &&
          g_error_matches (job->error, LIMBER_JOURNAL_ERROR, LIMBER_JOURNAL_ERROR_CORRUPT) &&
          repair (self, job))
        {
          g_clear_error (&job->error);
          if (ensure_journal (self, job, &job->error))
            job->result = job->func (self->journal, job->data, &job->error);
        }
      if (job->error != NULL)
        forget_journal_after (self, job->error);
      break;

    default:
      g_assert_not_reached ();
    }

  deliver (self, job);
}

/* On the main thread */

/* Why writes wait, in a few words for a person: "The disk is full.". */
static const char *
describe_problem (const GError *error)
{
  if (error->domain != LIMBER_JOURNAL_ERROR)
    return error->message;

  switch ((LimberJournalError) error->code)
    {
    case LIMBER_JOURNAL_ERROR_FULL:
      return _("The disk is full.");
    case LIMBER_JOURNAL_ERROR_BUSY:
      return _("Another program is holding the journal.");
    case LIMBER_JOURNAL_ERROR_READ_ONLY:
      return _("The journal’s folder cannot be written.");
    case LIMBER_JOURNAL_ERROR_CORRUPT:
      return _("The journal is damaged and could not be repaired.");
    case LIMBER_JOURNAL_ERROR_TOO_NEW:
      return _("A newer version of Limber wrote the journal.");
    case LIMBER_JOURNAL_ERROR_INVALID_INPUT:
    case LIMBER_JOURNAL_ERROR_FAILED:
    default:
      return error->message;
    }
}

static void
set_problem (LimberJournalWriter *self,
             const char          *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void push (LimberJournalWriter *self, Job *job);

static gboolean
retry_cb (gpointer user_data)
{
  LimberJournalWriter *self = user_data;

  self->retry_id = 0;
  limber_journal_writer_retry (self);
  return G_SOURCE_REMOVE;
}

static void
update_pending (LimberJournalWriter *self)
{
  guint pending = self->waiting.length + self->spooled;

  if (pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }

  if (pending == 0)
    {
      self->retry_s = 0;
      g_clear_handle_id (&self->retry_id, g_source_remove);
      set_problem (self, NULL);
      return;
    }

  if (self->retry_id == 0 && self->pool != NULL && self->retry_on_schedule)
    {
      self->retry_s = self->retry_s == 0 ? RETRY_FIRST_S : MIN (self->retry_s * 2, RETRY_MAX_S);
      self->retry_id = g_timeout_add_seconds (self->retry_s, retry_cb, self);
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  Job *job = user_data;
  LimberJournalWriter *self = job->writer;
  gboolean keep_job = FALSE;

  self->in_flight--;

  /* Told once, even if the job is kept to be tried again. */
  if (job->repaired != NULL)
    {
      g_autofree char *repaired = g_steal_pointer (&job->repaired);

      g_signal_emit (self, signals[REPAIRED], 0, repaired);
    }

  switch (job->kind)
    {
    case JOB_BREAK_EVENT:
    case JOB_STRETCH_SESSION:
    case JOB_DAY:
      if (job->drained)
        self->spooled = job->spool_left;
      if (!job->stored && may_pass (job->error))
        {
          set_problem (self, describe_problem (job->error));
          /* Only a newer Limber can store these: trying again every
           * minute would only wake the computer. */
          self->retry_on_schedule = !g_error_matches (job->error, LIMBER_JOURNAL_ERROR,
                                                      LIMBER_JOURNAL_ERROR_TOO_NEW);
          if (job->spooled)
            self->spooled++;
          else
            {
              /* Only memory holds it now. */
              g_warning ("A write waits in memory: %s", job->error->message);
              g_queue_push_tail (&self->waiting, job);
              keep_job = TRUE;
            }
        }
      else if (!job->stored && job->task == NULL)
        /* Nobody to tell: a record Limber made itself was wrong. */
        g_warning ("A write was refused: %s", job->error->message);

      if (job->task != NULL)
        {
          GTask *task = g_steal_pointer (&job->task);

          if (job->stored || may_pass (job->error))
            {
              g_task_set_task_data (task, GINT_TO_POINTER (!job->stored), NULL);
              g_task_return_pointer (task, job->entry != NULL ? limber_pain_entry_copy (job->entry) : NULL,
                                     (GDestroyNotify) limber_pain_entry_free);
            }
          else
            g_task_return_error (task, g_error_copy (job->error));
          g_object_unref (task);
        }
      break;

    case JOB_DRAIN:
      self->spooled = job->spool_left;
      if (job->error != NULL)
        set_problem (self, describe_problem (job->error));
      break;

    case JOB_RUN:
      self->spooled = job->spool_left;
      if (job->error != NULL)
        g_task_return_error (job->task, g_steal_pointer (&job->error));
      else
        g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
      break;

    default:
      g_assert_not_reached ();
    }

  update_pending (self);

  if (!keep_job)
    job_free (job);
  else
    g_clear_error (&job->error);

  return G_SOURCE_REMOVE;
}

static void
push (LimberJournalWriter *self,
      Job                 *job)
{
  g_autoptr (GError) error = NULL;

  self->in_flight++;
  if (self->pool == NULL)
    {
      /* A break that ends while the daemon stops: stored, or spooled,
       * here and now. */
      run_job (job, NULL);
      return;
    }

  if (!g_thread_pool_push (self->pool, job, &error))
    {
      /* No thread: write here rather than lose it. */
      g_warning ("No thread for the journal: %s", error->message);
      run_job (job, NULL);
    }
}

void
limber_journal_writer_retry (LimberJournalWriter *self)
{
  GQueue again;
  Job *job;

  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));

  again = self->waiting;
  /* An explicit try is worth it whatever stopped the scheduled ones. */
  self->retry_on_schedule = TRUE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* A job that fails again comes back to the queue: not to this loop. */
  g_queue_init (&self->waiting);
  while ((job = g_queue_pop_head (&again)) != NULL)
    push (self, job);
  push (self, job_new (self, JOB_DRAIN));
}

void
limber_journal_writer_add_break_event (LimberJournalWriter *self,
                                       LimberBreakEvent    *event)
{
  Job *job;

  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));
  g_return_if_fail (event != NULL);

  fill_uuid (event->uuid);
  job = job_new (self, JOB_BREAK_EVENT);
  job->event = *event;
  push (self, job);
}

void
limber_journal_writer_add_stretch_session (LimberJournalWriter  *self,
                                           LimberStretchSession *session)
{
  Job *job;

  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));
  g_return_if_fail (session != NULL);

  fill_uuid (session->uuid);
  job = job_new (self, JOB_STRETCH_SESSION);
  job->session = *session;
  job->session.activity_id = g_strdup (session->activity_id);
  push (self, job);
}

/* The one way a day, or a pain entry alone, is saved; the task is tagged
 * with what the caller called. */
static void
save_day (LimberJournalWriter      *self,
          const LimberPainEntry    *entry,
          const char               *day,
          GPtrArray                *day_factors,
          const LimberDayMeasures  *measures,
          GDateTime                *now,
          gpointer                  source_tag,
          GCancellable             *cancellable,
          GAsyncReadyCallback       callback,
          gpointer                  user_data)
{
  Job *job = job_new (self, JOB_DAY);

  job->entry = entry != NULL ? limber_pain_entry_copy (entry) : NULL;
  job->day = g_strdup (day);
  if (day_factors != NULL)
    job->day_factors = limber_day_factors_copy (day_factors);
  if (measures != NULL)
    job->measures = limber_day_measures_copy (measures);
  g_date_time_unref (job->now);
  job->now = g_date_time_ref (now);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  push (self, job);
}

void
limber_journal_writer_save_day_async (LimberJournalWriter      *self,
                                      const LimberPainEntry    *entry,
                                      const char               *day,
                                      GPtrArray                *day_factors,
                                      const LimberDayMeasures  *measures,
                                      GDateTime                *now,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));
  g_return_if_fail (day != NULL);
  g_return_if_fail (now != NULL);

  save_day (self, entry, day, day_factors, measures, now, limber_journal_writer_save_day_async,
            cancellable, callback, user_data);
}

LimberPainEntry *
limber_journal_writer_save_day_finish (LimberJournalWriter  *self,
                                       GAsyncResult         *result,
                                       gboolean             *waiting,
                                       GError              **error)
{
  gboolean failed;
  LimberPainEntry *entry;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  failed = g_task_had_error (G_TASK (result));
  entry = g_task_propagate_pointer (G_TASK (result), error);
  if (waiting != NULL)
    *waiting = !failed && GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return entry;
}

void
limber_journal_writer_save_pain_entry_async (LimberJournalWriter    *self,
                                             const LimberPainEntry  *entry,
                                             GDateTime              *now,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (now != NULL);

  save_day (self, entry, entry->day, NULL, NULL, now, limber_journal_writer_save_pain_entry_async,
            cancellable, callback, user_data);
}

LimberPainEntry *
limber_journal_writer_save_pain_entry_finish (LimberJournalWriter  *self,
                                              GAsyncResult         *result,
                                              gboolean             *waiting,
                                              GError              **error)
{
  return limber_journal_writer_save_day_finish (self, result, waiting, error);
}

void
limber_journal_writer_run_async (LimberJournalWriter  *self,
                                 LimberJournalJobFunc  func,
                                 gpointer              data,
                                 GDestroyNotify        data_free,
                                 GDestroyNotify        result_free,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  Job *job;

  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));
  g_return_if_fail (func != NULL);

  job = job_new (self, JOB_RUN);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, limber_journal_writer_run_async);
  push (self, job);
}

gpointer
limber_journal_writer_run_finish (LimberJournalWriter  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
limber_journal_writer_get_pending (LimberJournalWriter *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL_WRITER (self), 0);

  return self->pending;
}

const char *
limber_journal_writer_get_problem (LimberJournalWriter *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL_WRITER (self), NULL);

  return self->problem;
}

const char *
limber_journal_writer_get_path (LimberJournalWriter *self)
{
  g_return_val_if_fail (LIMBER_IS_JOURNAL_WRITER (self), NULL);

  return self->path;
}

void
limber_journal_writer_close (LimberJournalWriter *self)
{
  Job *job;

  g_return_if_fail (LIMBER_IS_JOURNAL_WRITER (self));

  if (self->pool == NULL)
    return;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  /* What the pool's thread has done is delivered, then no more work
   * goes to it. */
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  while (self->in_flight > 0)
    g_main_context_iteration (self->context, TRUE);
  g_atomic_int_set (&self->closed, TRUE);

  /* One last try, here, for what only memory holds; what still fails is
   * spooled if it can be. */
  {
    GQueue again = self->waiting;

    g_queue_init (&self->waiting);
    while ((job = g_queue_pop_head (&again)) != NULL)
      push (self, job);
  }

  if (self->waiting.length > 0)
    g_warning ("%u writes could not be kept: the journal and the spool folders failed",
               self->waiting.length);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);
  g_clear_object (&self->journal);
}

GStrv
limber_journal_writer_default_spool_dirs (const char *journal_path)
{
  g_autofree char *dir = g_path_get_dirname (journal_path);
  /* One folder per journal there too: it is not beside its journal. */
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, journal_path, -1);
  g_autofree char *name = g_strdup_printf ("pending-%.16s", key);
  GStrv dirs = g_new0 (char *, 3);

  dirs[0] = g_build_filename (dir, "pending", NULL);
  dirs[1] = g_build_filename (g_get_user_runtime_dir (), "limber", name, NULL);
  return dirs;
}

/* Another process (the window, while the daemon runs) spooled a write:
 * it is merged here soon, rather than at this writer's next failure or
 * the next day. inotify tells; nothing polls. */
static void
spool_changed_cb (GFileMonitor      *monitor,
                  GFile             *file,
                  GFile             *other_file,
                  GFileMonitorEvent  event,
                  gpointer           user_data)
{
  LimberJournalWriter *self = user_data;
  g_autofree char *name = g_file_get_basename (other_file != NULL ? other_file : file);

  if (event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  if (!is_spool_file (name) || self->retry_id != 0 || self->pool == NULL)
    return;

  self->retry_id = g_timeout_add_seconds (RETRY_FIRST_S, retry_cb, self);
}

static void
watch_spool (LimberJournalWriter *self)
{
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->spool_dirs[i] != NULL; i++)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (self->spool_dirs[i]);
      g_autoptr (GError) error = NULL;
      GFileMonitor *monitor;

      /* A folder that is not there would be polled for. Made, or
       * tightened, 0700: it holds health data. */
      if (limber_journal_make_private_folder (self->spool_dirs[i]) != 0)
        continue;
      monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Not watching %s: %s", self->spool_dirs[i], error->message);
          continue;
        }
      g_signal_connect (monitor, "changed", G_CALLBACK (spool_changed_cb), self);
      g_ptr_array_add (self->monitors, monitor);
    }
}

LimberJournalWriter *
limber_journal_writer_new (const char         *journal_path,
                           const char * const *spool_dirs)
{
  LimberJournalWriter *self;

  g_return_val_if_fail (journal_path != NULL, NULL);

  self = g_object_new (LIMBER_TYPE_JOURNAL_WRITER, NULL);
  self->path = g_strdup (journal_path);
  self->spool_dirs = spool_dirs != NULL ? g_strdupv ((GStrv) spool_dirs)
                                        : limber_journal_writer_default_spool_dirs (journal_path);
  self->context = g_main_context_ref_thread_default ();
  /* One thread: writes are stored in the order they came. Exclusive, so
   * that it waits for work without a timeout: a shared thread that has
   * nothing to do goes back to GLib's pool of unused threads, which wakes
   * it every 15 s. */
  self->pool = g_thread_pool_new (run_job, NULL, 1, TRUE, NULL);

  watch_spool (self);
  /* What an earlier run or another process left. */
  push (self, job_new (self, JOB_DRAIN));

  return self;
}

static void
limber_journal_writer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LimberJournalWriter *self = LIMBER_JOURNAL_WRITER (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
limber_journal_writer_finalize (GObject *object)
{
  LimberJournalWriter *self = LIMBER_JOURNAL_WRITER (object);

  /* Every job holds a reference: none is left here. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_object (&self->journal);
  g_main_context_unref (self->context);
  g_strfreev (self->spool_dirs);
  g_free (self->path);
  g_free (self->problem);

  G_OBJECT_CLASS (limber_journal_writer_parent_class)->finalize (object);
}

static void
limber_journal_writer_class_init (LimberJournalWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = limber_journal_writer_get_property;
  object_class->finalize = limber_journal_writer_finalize;

  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LimberJournalWriter::repaired:
   * @description: what the repair restored and where the damaged file is
   *
   * The journal was found damaged while writing and was repaired.
   */
  signals[REPAIRED] = g_signal_new ("repaired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
limber_journal_writer_init (LimberJournalWriter *self)
{
  g_queue_init (&self->waiting);
  self->retry_on_schedule = TRUE;
}
