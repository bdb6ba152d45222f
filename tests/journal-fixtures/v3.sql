-- SPDX-License-Identifier: GPL-3.0-or-later
-- A journal as schema version 3 wrote it: UUIDs in lower case, one row
-- in each table and two breaks.
-- tests/test-journal.c and tests/test-journal-factors.c open it and check
-- that migrating keeps the rows.
BEGIN;
CREATE TABLE pain_entry (  id INTEGER PRIMARY KEY,  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),  day TEXT NOT NULL UNIQUE CHECK (length (day) = 10 AND date (day, '+0 days') IS day),  average INTEGER NOT NULL CHECK (average BETWEEN 0 AND 10),  worst INTEGER CHECK (worst BETWEEN 0 AND 10 AND worst >= average),  activity INTEGER CHECK (activity BETWEEN 0 AND 10),  enjoyment INTEGER CHECK (enjoyment BETWEEN 0 AND 10),  regions INTEGER NOT NULL DEFAULT 0 CHECK (regions BETWEEN 0 AND 2047),  red_flags INTEGER NOT NULL DEFAULT 0 CHECK (red_flags BETWEEN 0 AND 511),  note TEXT CHECK (length (note) <= 2000),  created_utc INTEGER NOT NULL,  created_offset_s INTEGER NOT NULL CHECK (created_offset_s BETWEEN -86400 AND 86400),  updated_utc INTEGER NOT NULL,  updated_offset_s INTEGER NOT NULL CHECK (updated_offset_s BETWEEN -86400 AND 86400)) STRICT;
CREATE TABLE break_event (  id INTEGER PRIMARY KEY,  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),  kind TEXT NOT NULL CHECK (kind IN ('micro', 'rest')),  outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'natural', 'postponed', 'skipped', 'missed')),  due_utc INTEGER NOT NULL,  due_offset_s INTEGER NOT NULL CHECK (due_offset_s BETWEEN -86400 AND 86400),  end_utc INTEGER NOT NULL,  end_offset_s INTEGER NOT NULL CHECK (end_offset_s BETWEEN -86400 AND 86400),  duration_s INTEGER NOT NULL CHECK (duration_s >= 0)) STRICT;
CREATE INDEX break_event_by_day ON break_event (day, kind, outcome);
CREATE TABLE stretch_session (  id INTEGER PRIMARY KEY,  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),  day TEXT NOT NULL CHECK (length (day) = 10 AND date (day, '+0 days') IS day),  activity_id TEXT NOT NULL CHECK (length (activity_id) BETWEEN 1 AND 64),  start_utc INTEGER NOT NULL,  start_offset_s INTEGER NOT NULL CHECK (start_offset_s BETWEEN -86400 AND 86400),  end_utc INTEGER NOT NULL CHECK (end_utc >= start_utc),  end_offset_s INTEGER NOT NULL CHECK (end_offset_s BETWEEN -86400 AND 86400),  seconds_done INTEGER NOT NULL CHECK (seconds_done >= 0),  completed INTEGER NOT NULL CHECK (completed IN (0, 1)),  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)) STRICT;
CREATE INDEX stretch_session_by_day ON stretch_session (day, seconds_done);
ALTER TABLE break_event ADD COLUMN reminder TEXT  CHECK (reminder IN ('action', 'dismissed', 'expired'));

INSERT INTO pain_entry (uuid, day, average, worst, activity, enjoyment, regions, red_flags, note, created_utc, created_offset_s, updated_utc, updated_offset_s)
  VALUES ('6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', '2026-01-15', 4, 6, 3, NULL, 17, 0, 'Stiff neck after a long meeting', 1768492800, 3600, 1768496400, 3600);
INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder)
  VALUES ('7a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d', '2026-01-15', 'micro', 'taken', 1768471200, 3600, 1768471245, 3600, 45, 'action');
INSERT INTO break_event (uuid, day, kind, outcome, due_utc, due_offset_s, end_utc, end_offset_s, duration_s, reminder)
  VALUES ('9c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f', '2026-01-15', 'rest', 'skipped', 1768478400, 3600, 1768478400, 3600, 0, NULL);
INSERT INTO stretch_session (uuid, day, activity_id, start_utc, start_offset_s, end_utc, end_offset_s, seconds_done, completed, pain_before, pain_after)
  VALUES ('8b3c4d5e-6f7a-4b8c-8d9e-1f2a3b4c5d6e', '2026-01-15', 'desk-reset', 1768474800, 3600, 1768474860, 3600, 60, 1, 5, 3);
PRAGMA user_version = 3;
COMMIT;
