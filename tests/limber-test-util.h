/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-journal-writer.h"

G_BEGIN_DECLS

typedef gboolean (*LimberTestCondition) (gpointer user_data);

/* @timeout_s times LIMBER_TEST_TIMEOUT_SCALE, which the sanitizers' test
 * setup sets as it sets meson's own timeout multiplier: code under them
 * runs several times slower. The waits below all scale so. */
guint    limber_test_scaled_timeout  (guint                timeout_s);

/* Iterates the default main context until @condition holds, failing the
 * test after @timeout_s. The timeout only guards against a hang. */
void     limber_test_wait_until      (LimberTestCondition  condition,
                                      gpointer             user_data,
                                      guint                timeout_s);

/* Like limber_test_wait_until(), for a condition no event announces (a
 * file another process writes): looks again every 50 ms. */
void     limber_test_poll_until      (LimberTestCondition  condition,
                                      gpointer             user_data,
                                      guint                timeout_s);

/* Runs @argv to completion with @unset_env removed from the environment,
 * and returns its exit status; its output lands in @out and @err. */
/* A #LimberTestCondition: the gboolean at @user_data is TRUE. */
gboolean limber_test_flag_is_set     (gpointer             user_data);

/* A #LimberTestCondition: the pointer at @user_data is NULL, as a weak
 * pointer becomes when its object is finalized. */
gboolean limber_test_pointer_is_null (gpointer             user_data);

int      limber_test_run             (const char * const  *argv,
                                      const char * const  *unset_env,
                                      char               **out,
                                      char               **err);

/* Like limber_test_wait_until(), until the counter at @counter has
 * reached @at_least. */
void     limber_test_wait_for_count  (const guint         *counter,
                                      guint                at_least,
                                      guint                timeout_s);

/* Removes @path and everything below it, without following links. */
void     limber_test_remove_tree     (const char          *path);

/* Writes an xfce4-panel configuration with one panel along the top that
 * holds only a systray, into the user's configuration folder; the panel
 * started after it reads it. */
void     limber_test_write_panel_config (void);

/* The test's private session bus. */
GDBusConnection *limber_test_get_bus (void);

/* Until every message sent on @bus before now has come back, and every
 * reply and signal in @bus's main context been handled. */
void     limber_test_drain_bus       (GDBusConnection     *bus);

/* Calls Quit on the running daemon and waits until its name is gone. */
void     limber_test_quit_daemon     (GDBusConnection     *bus);

/* The multiarch library directory of the C library this test runs with,
 * such as /usr/lib/x86_64-linux-gnu on Debian. */
char    *limber_test_multiarch_dir   (void);

/* libfaketime from the Debian package, or NULL when not installed. */
char    *limber_test_find_faketime   (void);

/* LD_PRELOAD for one of our programs run under libfaketime: the
 * AddressSanitizer runtime first when this test was built with it (a
 * program built with ASan refuses to start otherwise), then libfaketime.
 * NULL without libfaketime. */
char    *limber_test_faketime_preload (void);

/* Mounts a tmpfs of @kib KiB at @dir, to fill as a full disk; FALSE, and
 * the test skipped, where the system allows no mount (tests that call it
 * run in a mount namespace of their own: tests/in-namespace.sh). */
gboolean limber_test_mount_small_disk (const char *dir,
                                       guint       kib);

/* Makes @path, a folder or a file, read-only for every process, root's
 * too, as a read-only disk would: a read-only bind mount of it over
 * itself. FALSE, and the test skipped, where the system allows no mount
 * (tests that call it run in a mount namespace of their own:
 * tests/in-namespace.sh). limber_test_unmount() undoes it. */
gboolean limber_test_mount_read_only (const char *path);

/* Takes away what is mounted at @path. */
void     limber_test_unmount         (const char          *path);

/* Like limber_test_run(), for what must never block: the test fails,
 * and the process is killed, when it has not ended within @timeout_s. */
int      limber_test_run_within      (const char * const  *argv,
                                      const char * const  *unset_env,
                                      guint                timeout_s,
                                      char               **out,
                                      char               **err);

/* The permission bits of the file or folder at @path, not following a
 * link; fails the test when there is nothing there. */
guint    limber_test_mode            (const char          *path);

/* The command line process @pid was started with, its arguments joined
 * by spaces; NULL once it has gone. */
char    *limber_test_command_line    (int                  pid);

/* Fills the disk holding @dir; returns the file that fills it. */
char    *limber_test_fill_disk       (const char          *dir);

/* Overwrites the first page of @table in the journal at @path with
 * garbage, after moving every page from the WAL into the file. */
void     limber_test_damage_table    (const char          *path,
                                      const char          *table);

/* Iterates the default main context until the writes asked of @writer
 * so far are done, and their callbacks have run. */
void     limber_test_sync_journal_writer (LimberJournalWriter *writer);

G_END_DECLS
