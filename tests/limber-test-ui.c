/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-context-private.h"
#include "limber-test-ui.h"
#include "limber-test-util.h"

#define GATE_TIMEOUT_S 30

static gboolean
journal_settled (gpointer user_data)
{
  return limber_context_get_journal_state (user_data) != LIMBER_JOURNAL_STATE_OPENING;
}

void
limber_test_wait_for_journal (LimberContext *context)
{
  limber_test_wait_until (journal_settled, context, GATE_TIMEOUT_S);
}

static GMutex gate_mutex;
static GCond gate_cond;
static GThread *main_thread;
/* Opens that reached the gate, and a bit for each let through. */
static guint gate_arrived;
static guint64 gate_released;
static gboolean gate_open_all;
static gint journals_finalized;

static void
journal_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  g_atomic_int_inc (&journals_finalized);
  /* Maybe in a worker thread: a test waiting on the main context must
   * look again. */
  g_main_context_wakeup (NULL);
}

static LimberJournal *
held_open (const char  *path,
           GError     **error)
{
  LimberJournal *journal;
  guint index;

  if (g_thread_self () == main_thread)
    g_error ("The journal %s is opened on the main thread", path);

  g_mutex_lock (&gate_mutex);
  index = gate_arrived++;
  g_assert_cmpuint (index, <, 64);
  g_cond_broadcast (&gate_cond);
  while (!gate_open_all && !(gate_released & (G_GUINT64_CONSTANT (1) << index)))
    g_cond_wait (&gate_cond, &gate_mutex);
  g_mutex_unlock (&gate_mutex);

  journal = limber_journal_open (path, error);
  if (journal != NULL)
    g_object_weak_ref (G_OBJECT (journal), journal_finalized_cb, NULL);
  return journal;
}

void
limber_test_hold_journal_opens (void)
{
  g_mutex_lock (&gate_mutex);
  main_thread = g_thread_self ();
  gate_arrived = 0;
  gate_released = 0;
  gate_open_all = FALSE;
  g_atomic_int_set (&journals_finalized, 0);
  g_mutex_unlock (&gate_mutex);
  limber_context_set_journal_open_func (held_open);
}

void
limber_test_wait_for_held_opens (guint count)
{
  gint64 deadline = g_get_monotonic_time () + GATE_TIMEOUT_S * G_TIME_SPAN_SECOND;

  g_mutex_lock (&gate_mutex);
  while (gate_arrived < count)
    if (!g_cond_wait_until (&gate_cond, &gate_mutex, deadline))
      g_error ("Only %u of %u journal opens came within %d seconds", gate_arrived, count, GATE_TIMEOUT_S);
  g_mutex_unlock (&gate_mutex);
}

void
limber_test_release_journal_open (guint index)
{
  g_mutex_lock (&gate_mutex);
  gate_released |= G_GUINT64_CONSTANT (1) << index;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

guint
limber_test_held_journals_finalized (void)
{
  return (guint) g_atomic_int_get (&journals_finalized);
}

static gboolean
enough_finalized (gpointer user_data)
{
  return limber_test_held_journals_finalized () >= GPOINTER_TO_UINT (user_data);
}

void
limber_test_wait_for_held_journals_finalized (guint count)
{
  limber_test_wait_until (enough_finalized, GUINT_TO_POINTER (count), GATE_TIMEOUT_S);
}

void
limber_test_stop_holding_journal_opens (void)
{
  limber_context_set_journal_open_func (NULL);
  g_mutex_lock (&gate_mutex);
  gate_open_all = TRUE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

void
limber_test_sync_writer (LimberContext *context)
{
  limber_test_sync_journal_writer (limber_context_get_writer (context));
}

void
limber_test_save_entry (LimberContext   *context,
                        LimberPainEntry *entry,
                        GDateTime       *now)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberJournal) journal = limber_journal_open (limber_context_get_journal_path (context), &error);

  g_assert_no_error (error);
  g_assert_true (limber_journal_save_pain_entry (journal, entry, now, &error));
  g_assert_no_error (error);
}
