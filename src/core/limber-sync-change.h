/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-journal-factors.h"
#include "limber-pain-entry.h"
#include "limber-records.h"

G_BEGIN_DECLS

/* Sync through a shared folder: the design.
 *
 * Each computer (a “device”) writes only its own files in the folder the
 * person chose, limber/DEVICE-ID/YYYY-MM.jsonl, and only ever appends to
 * them. A line is one change: a whole record as the JSON export writes
 * it, or a deletion marker, each with its author's device id and its
 * place in that device's sequence. Each line starts with a checksum of
 * the rest, so a line that a sync tool has copied only in part is seen
 * as such and left for later (limber-sync-file.c).
 *
 * Every computer reads the other computers' files and merges them into
 * its own journal by UUID (limber-journal-sync.c). Of two versions of a
 * record the one updated later wins; on the same second the greater
 * device id wins; a deletion wins over a version of the same second or
 * older. Merging is idempotent and does not depend on the order the
 * lines arrive in, so every computer ends with the same journal. A
 * computer remembers how far it has read each file, and reads only what
 * was added since, a piece of some 8 MiB at a time, each merged in a
 * transaction of its own. More than a piece (a history joined at once)
 * is read in as many parts as it needs, each of the records whose UUIDs
 * fall in one range (limber_sync_line_part()), so that each part writes
 * to its own range of the tables kept by UUID instead of all over them;
 * the order does not matter to the merge.
 *
 * What travels: pain entries, break events, stretch sessions, factors,
 * the factors of days, day measures and life changes. Settings and the
 * break timer's state stay on each computer. */

typedef enum
{
  LIMBER_SYNC_KIND_PAIN_ENTRY,
  LIMBER_SYNC_KIND_BREAK_EVENT,
  LIMBER_SYNC_KIND_STRETCH_SESSION,
  LIMBER_SYNC_KIND_FACTOR,
  LIMBER_SYNC_KIND_DAY_FACTOR,
  LIMBER_SYNC_KIND_DAY_MEASURES,
  LIMBER_SYNC_KIND_LIFE_CHANGE,
  LIMBER_SYNC_N_KINDS,
} LimberSyncKind;

/* A device id is a UUID in lower case. */
#define LIMBER_SYNC_DEVICE_LENGTH LIMBER_UUID_LENGTH

/**
 * limber_sync_kind_name:
 *
 * The name of @kind in a change line: the JSON export's list name,
 * "pain_entries", "break_events", "stretch_sessions", "factors",
 * "day_factors", "day_measures" or "life_changes".
 */
const char *limber_sync_kind_name      (LimberSyncKind  kind);
gboolean    limber_sync_kind_from_name (const char     *name,
                                        LimberSyncKind *kind_out);

/* One change: what a line of a change file holds, and what a computer
 * collects of its own changes to write out. */
typedef struct
{
  LimberSyncKind kind;
  char           uuid[LIMBER_UUID_LENGTH + 1];
  /* The author, and its sequence number: 1, 2, … on each device. */
  char           device[LIMBER_SYNC_DEVICE_LENGTH + 1];
  guint64        seq;
  /* The version: the record's updated time, or for break events and
   * stretch sessions, which never change, their end time; for a
   * deletion, when it was deleted. */
  gint64         updated_utc;
  int            updated_offset_s;
  gboolean       deleted;
  /* NULL for a deletion; otherwise owned, by kind: LimberPainEntry,
   * LimberBreakEvent, LimberStretchSession, LimberFactor,
   * LimberDayFactor, LimberDayMeasures or LimberLifeChange. */
  gpointer       record;
} LimberSyncChange;

void              limber_sync_change_free (LimberSyncChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberSyncChange, limber_sync_change_free)

G_END_DECLS
