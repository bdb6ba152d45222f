/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-deadline-source.h"

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  /* One shot until armed again. */
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs deadline_funcs = {
  .dispatch = deadline_dispatch,
};

GSource *
limber_deadline_source_new (const char  *name,
                            GSourceFunc  func,
                            gpointer     user_data)
{
  GSource *source = g_source_new (&deadline_funcs, sizeof (GSource));

  g_source_set_name (source, name);
  g_source_set_callback (source, func, user_data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}
