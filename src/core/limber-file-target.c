/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "limber-file-target.h"

const char *
limber_file_not_regular_reason (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("it is a folder, not a file");
  if (S_ISFIFO (mode))
    return _("it is a named pipe, not a file");
  if (S_ISSOCK (mode))
    return _("it is a socket, not a file");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("it is a device, not a file");
  return _("it is not a regular file");
}

char *
limber_file_export_target (const char  *path,
                           GError     **error)
{
  g_autofree char *target = g_strdup (path);
  struct stat st;
  int saved_errno;

  if (g_lstat (path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        return g_steal_pointer (&target);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }

  if (S_ISLNK (st.st_mode))
    {
      g_free (target);
      target = realpath (path, NULL);
      if (target == NULL || g_stat (target, &st) != 0)
        {
          g_autofree char *points_to = NULL;

          saved_errno = errno;
          points_to = g_file_read_link (path, NULL);
          if (saved_errno == ENOENT)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("it is a link to %s, which does not exist"), points_to ? points_to : "?");
          else
            g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR,
                           S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                           limber_file_not_regular_reason (st.st_mode));
      return NULL;
    }

  return g_steal_pointer (&target);
}
