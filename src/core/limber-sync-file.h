/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "limber-sync-change.h"

G_BEGIN_DECLS

/* The files of sync in the folder the person chose (limber-sync-file.c);
 * the design is in limber-sync-change.h.
 *
 * A change file, limber/DEVICE-ID/YYYY-MM.jsonl, holds one change a line:
 *
 *   XXXXXXXX {"device":"…","seq":N,"pain_entries":{…}}
 *   XXXXXXXX {"device":"…","seq":N,"deleted":{"kind":"pain_entries","uuid":"…","at":"…"}}
 *
 * XXXXXXXX is the CRC-32 (IEEE, as zlib's crc32()) of the JSON that
 * follows the space, in 8 lower-case hex digits. The record is written as
 * the JSON export writes an item of its list, and read with the import's
 * checks; a line is at most LIMBER_SYNC_LINE_MAX bytes with its "\n". A
 * line that does not end in "\n" is still being written or copied, and is
 * left for later; a whole line that fails a check is damaged, and
 * skipped.
 *
 * Next to them, device.json says which computer writes there. */

#define LIMBER_SYNC_LINE_MAX (64 * 1024)
#define LIMBER_SYNC_DEVICE_FILE_MAX (16 * 1024)
#define LIMBER_SYNC_DEVICE_NAME_MAX 64

/**
 * limber_sync_checksum:
 *
 * The CRC-32 of @length bytes of @data, as a line's checksum is.
 */
guint32   limber_sync_checksum        (const char              *data,
                                       gsize                    length);

/**
 * limber_sync_line_encode:
 *
 * The line of @change, with its "\n"; %NULL with @error set when a time
 * of it cannot be written or the line would be too long.
 */
char     *limber_sync_line_encode     (const LimberSyncChange  *change,
                                       GError                 **error);

/* A whole line that was skipped. */
typedef struct
{
  /* 1 for the first line of the file. */
  guint  line;
  /* Where it starts in the file. */
  gsize  offset;
  /* What is wrong, naming the line as an import's messages do: “line 3:
   * average: 11 is not …”. The caller adds the file. */
  char  *message;
} LimberSyncDamage;

typedef struct
{
  /* LimberSyncChange, of each whole line that is valid, in file order. */
  GPtrArray *changes;
  /* LimberSyncDamage, of each whole line that is not. */
  GPtrArray *damaged;
  /* Just after the last whole line, and the number of the line that
   * starts there: where the next read starts. */
  gsize      end_offset;
  guint      end_line;
} LimberSyncReadResult;

void      limber_sync_read_result_clear (LimberSyncReadResult *result);

/* Which lines of a stretch of a file one read takes: a stretch too large
 * to merge at once is merged in @parts parts, each of the records whose
 * UUIDs fall in one range of as many, so that each part writes to its
 * own range of the journal's tables kept by UUID. */
typedef struct
{
  guint index;
  guint parts;
  /* Of its own lines, read at most this many bytes (0 for no limit): a
   * read stops before the line that would be more, and ends there. */
  gsize cap;
} LimberSyncPart;

/**
 * limber_sync_line_part:
 *
 * Which of @parts parts the line @text (@length bytes, without its "\n")
 * is in: the range of its record's UUID, factors in the first, and a line
 * with none found in the first too. It only looks; reading the line
 * checks it.
 */
guint     limber_sync_line_part       (const char            *text,
                                       gsize                  length,
                                       guint                  parts);


/**
 * limber_sync_file_read:
 * @offset: where to start: 0, or an end_offset of an earlier read
 * @line: the number of the line that starts at @offset (1 at 0)
 * @part: (nullable): the part to read: the other lines are passed over
 *   as if read, the damaged ones too; %NULL for every line
 * @device: (nullable): the device whose folder the file is in; a line
 *   of another device is damaged
 * @now: the latest day and moment a record may have are worked out from
 *   it, as an import does
 *
 * Reads the whole lines of @data (@length bytes) from @offset into
 * @result, which is cleared first. Fails only when @offset is past the
 * end: the file is no longer the one read before.
 */
gboolean  limber_sync_file_read      (const char            *data,
                                      gsize                  length,
                                      gsize                  offset,
                                      guint                  line,
                                      const LimberSyncPart  *part,
                                      const char            *device,
                                      GDateTime             *now,
                                      LimberSyncReadResult  *result,
                                      GError               **error);

/**
 * limber_sync_file_read_path:
 * @limit: read at most this many bytes from @offset; 0 for no limit
 *
 * As limber_sync_file_read(), from the file at @path, read a piece at a
 * time up to its length when it was opened, and never through a link.
 * @error names the file.
 */
gboolean  limber_sync_file_read_path (const char            *path,
                                      gsize                  offset,
                                      guint                  line,
                                      gsize                  limit,
                                      const LimberSyncPart  *part,
                                      const char            *device,
                                      GDateTime             *now,
                                      LimberSyncReadResult  *result,
                                      GError               **error);

/**
 * limber_sync_file_append:
 * @lines: (element-type utf8): whole lines, each ending in "\n", as
 *   limber_sync_line_encode() makes them
 *
 * Appends @lines to the change file at @path, made when missing, and
 * syncs it to the disk. A line that an earlier write left unfinished is
 * cut off first. On failure the file is left as it was before, with
 * @error naming it.
 */
gboolean  limber_sync_file_append    (const char            *path,
                                      GPtrArray             *lines,
                                      GError               **error);

/* The names in a device's folder. */
typedef enum
{
  LIMBER_SYNC_NAME_OTHER,
  /* YYYY-MM.jsonl */
  LIMBER_SYNC_NAME_CHANGES,
  /* A copy of one that a sync tool made of two versions that clashed,
   * such as “2026-11.sync-conflict-20261130-101010-ABCDEFG.jsonl” or
   * “2026-11 (conflicted copy 2026-11-30 101010).jsonl”. */
  LIMBER_SYNC_NAME_CONFLICT,
  /* A file a sync tool is still writing, to leave alone. */
  LIMBER_SYNC_NAME_TEMPORARY,
  /* device.json */
  LIMBER_SYNC_NAME_DEVICE,
} LimberSyncName;

/**
 * limber_sync_file_name_for:
 *
 * The change file of the month of @when: "YYYY-MM.jsonl".
 */
char           *limber_sync_file_name_for (GDateTime  *when);

/**
 * limber_sync_file_classify:
 * @month_out: (out) (optional): for a change file or a copy of one, its
 *   month, "YYYY-MM"
 */
LimberSyncName  limber_sync_file_classify (const char *name,
                                           char        month_out[8]);

/* What device.json holds. */
typedef struct
{
  char    device[LIMBER_SYNC_DEVICE_LENGTH + 1];
  /* The computer's name, 1 to LIMBER_SYNC_DEVICE_NAME_MAX characters. */
  char   *name;
  gint64  last_seen_utc;
  int     last_seen_offset_s;
} LimberSyncDevice;

void              limber_sync_device_free  (LimberSyncDevice        *device);

/**
 * limber_sync_device_write:
 *
 * Replaces device.json in @dir, the folder of @device, as a whole: what
 * another computer reads is the old file or the new, never a part.
 */
gboolean          limber_sync_device_write (const char              *dir,
                                            const LimberSyncDevice  *device,
                                            GError                 **error);

/**
 * limber_sync_device_read:
 *
 * Reads device.json in @dir, whose name must be the device's id; %NULL
 * with @error naming the file when it is missing, too large or wrong.
 */
LimberSyncDevice *limber_sync_device_read  (const char              *dir,
                                            GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberSyncDevice, limber_sync_device_free)

G_END_DECLS
