/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-sandbox.h"

gboolean
limber_sandbox_use_portals (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
         g_strcmp0 (g_getenv ("LIMBER_USE_PORTALS"), "1") == 0;
}
