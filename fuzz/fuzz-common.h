/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* What every libFuzzer target here shares (fuzz-common.c). */

int         LLVMFuzzerInitialize    (int           *argc,
                                     char        ***argv);
int         LLVMFuzzerTestOneInput  (const guint8  *data,
                                     size_t         size);
const char *__ubsan_default_options (void);

/* Shows GLib's criticals and warnings once each, or aborts at them with
 * G_DEBUG=fatal-criticals, so that libFuzzer keeps the input. @target
 * names the fuzzer in what it prints. */
void        fuzz_init_logging       (const char    *target);

/* A finding: prints @what and aborts, so that libFuzzer keeps the input. */
void        fuzz_fail               (const char    *what,
                                     ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;
