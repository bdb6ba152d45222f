/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-daemon-client.h"
#include "limber-test-util.h"

/* The `limber` command line: subcommands run before GTK starts, so they
 * work without a display; errors go to stderr with a non-zero status. */

#define LIMBER_EXE LIMBER_BUILD_ROOT "/src/limber"

static const char *no_display[] = { "DISPLAY", "WAYLAND_DISPLAY", NULL };

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *c = text; *c != '\0'; c++)
    lines += *c == '\n';

  return lines;
}

static void
test_version (void)
{
  const char *argv[] = { LIMBER_EXE, "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "limber " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_help (void)
{
  const char *help_argv[] = { LIMBER_EXE, "--help", NULL };
  const char *command_argv[] = { LIMBER_EXE, "help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command_out = NULL;
  g_autofree char *command_err = NULL;

  g_assert_cmpint (limber_test_run (help_argv, no_display, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "status"));

  g_assert_cmpint (limber_test_run (command_argv, no_display, &command_out, &command_err), ==, 0);
  g_assert_nonnull (strstr (command_out, "--background"));
  g_assert_nonnull (strstr (command_out, "status"));
  g_assert_cmpstr (command_err, ==, "");
}

static void
test_unknown_command (void)
{
  const char *argv[] = { LIMBER_EXE, "stretchh", NULL };
  const char *extra_argv[] = { LIMBER_EXE, "status", "now", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *extra_out = NULL;
  g_autofree char *extra_err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "unknown command “stretchh”"));
  g_assert_cmpuint (count_lines (err), ==, 1);

  g_assert_cmpint (limber_test_run (extra_argv, no_display, &extra_out, &extra_err), ==, 2);
  g_assert_nonnull (strstr (extra_err, "unexpected argument “now”"));
}

static void
test_window_without_display (void)
{
  const char *argv[] = { LIMBER_EXE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "limber: cannot open a window: no display"));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

static void
test_status_not_running (void)
{
  const char *argv[] = { LIMBER_EXE, "status", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (limber_test_run (argv, no_display, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "not running"));
  g_assert_nonnull (strstr (err, "limber --background"));
}

static void
test_background_then_status (void)
{
  g_autoptr (GDBusConnection) bus = limber_test_get_bus ();
  const char *background_argv[] = { LIMBER_EXE, "--background", NULL };
  const char *status_argv[] = { LIMBER_EXE, "status", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again_out = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *status_out = NULL;
  g_autofree char *status_err = NULL;

  g_assert_false (limber_daemon_is_running (bus));

  /* Without a display, as at login before the desktop is up. */
  g_assert_cmpint (limber_test_run (background_argv, no_display, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_assert_true (limber_daemon_is_running (bus));

  /* Twice is harmless: the running daemon is kept. */
  g_assert_cmpint (limber_test_run (background_argv, no_display, &again_out, &again_err), ==, 0);
  g_assert_cmpstr (again_err, ==, "");

  g_assert_cmpint (limber_test_run (status_argv, no_display, &status_out, &status_err), ==, 0);
  g_assert_cmpstr (status_out, ==, "Break timer: running (version " PACKAGE_VERSION ")\n");

  limber_test_quit_daemon (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/window-without-display", test_window_without_display);
  g_test_add_func ("/cli/status-not-running", test_status_not_running);
  g_test_add_func ("/cli/background-then-status", test_background_then_status);

  return g_test_run ();
}
