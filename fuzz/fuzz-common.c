/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

/* With G_DEBUG=fatal-criticals (or fatal-warnings), abort on a critical
 * so that libFuzzer keeps the input; GLib's own trap would end the run
 * without it. */
static gboolean    fatal_logs;
/* Otherwise each distinct message is shown once, not once per input. */
static GHashTable *seen_logs;
static const char *target_name;

/* Undefined behaviour is a finding too: stop at it rather than print a
 * line and carry on. */
const char *
__ubsan_default_options (void)
{
  return "halt_on_error=1:print_stacktrace=1";
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *message = NULL;

  /* The code's own messages are not findings. */
  if (!(log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;

  if (fatal_logs || (log_level & G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  if (message == NULL || g_hash_table_add (seen_logs, g_strdup (message)))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      fprintf (stderr, "(%s: shown once; rerun the input with G_DEBUG=fatal-criticals for a trace)\n", target_name);
    }
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init_logging (const char *target)
{
  const char *debug = g_getenv ("G_DEBUG");

  target_name = target;
  fatal_logs = debug != NULL && (strstr (debug, "fatal-criticals") || strstr (debug, "fatal-warnings"));
  seen_logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
}

void
fuzz_fail (const char *what,
           ...)
{
  va_list args;

  fprintf (stderr, "%s: ", target_name);
  va_start (args, what);
  vfprintf (stderr, what, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}
