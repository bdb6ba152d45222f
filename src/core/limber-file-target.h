/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/stat.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* What Limber checks before it writes a file at a path the person chose
 * (limber-file-target.c): an export, a chart. */

/**
 * limber_file_not_regular_reason:
 *
 * Why the thing with @mode is no file to write to, as a clause that
 * follows “…: ”.
 */
const char *limber_file_not_regular_reason (mode_t       mode);

/**
 * limber_file_export_target:
 *
 * The file to write for @path: @path itself, or the file a link there
 * points to (the link is the person's, and stays). Anything but a
 * regular file is refused after only looking at it, since opening a
 * named pipe would wait for a reader for ever; so is a link to nothing,
 * which may point at a disk that is not mounted. The error, in G_IO_ERROR
 * (G_IO_ERROR_NOT_REGULAR_FILE for a pipe, socket or device), says why as
 * a clause that follows “…: ”.
 */
char       *limber_file_export_target      (const char  *path,
                                            GError     **error);

G_END_DECLS
