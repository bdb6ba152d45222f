/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limber-catalogue.h"

/* Feeds arbitrary bytes to the routine-file loader, as a person's own
 * file in $XDG_DATA_HOME/limber/routines would reach it. Whatever the
 * input, the loader must neither crash nor leak, and must either succeed
 * without an error or fail with a message. See README.md here. */

int         LLVMFuzzerInitialize    (int           *argc,
                                     char        ***argv);
int         LLVMFuzzerTestOneInput  (const guint8  *data,
                                     size_t         size);
const char *__ubsan_default_options (void);

/* With G_DEBUG=fatal-criticals (or fatal-warnings), abort on a critical
 * so that libFuzzer keeps the input; GLib's own trap would end the run
 * without it. */
static gboolean    fatal_logs;
/* Otherwise each distinct message is shown once, not once per input. */
static GHashTable *seen_logs;

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

  /* The loader's own messages are not findings. */
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
      fprintf (stderr, "(fuzz-catalogue: shown once; rerun the input with G_DEBUG=fatal-criticals for a trace)\n");
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *debug = g_getenv ("G_DEBUG");

  fatal_logs = debug != NULL && (strstr (debug, "fatal-criticals") || strstr (debug, "fatal-warnings"));
  seen_logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GBytes *bytes = g_bytes_new (data, size);
  LimberCatalogue *catalogue = limber_catalogue_new ();
  GError *error = NULL;
  gboolean loaded;

  loaded = limber_catalogue_load (catalogue, "fuzz.json", bytes, &error);

  /* TRUE without an error, FALSE with one that says something. */
  if (loaded ? error != NULL
             : error == NULL || error->message == NULL || error->message[0] == '\0')
    abort ();

  g_clear_error (&error);
  g_object_unref (catalogue);
  g_bytes_unref (bytes);
  return 0;
}
