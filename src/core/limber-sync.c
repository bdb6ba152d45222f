/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limber-journal-private.h"
#include "limber-journal-sync.h"
#include "limber-sync.h"

/* How many own changes are written at a time, and how much of another
 * device's file is read, and merged in one transaction, at a time: some
 * 30,000 lines, which take about 10 MiB once read. More than that is
 * merged in parts by UUID (LimberSyncPart), each of about as much. */
#define WRITE_BATCH 5000
#define READ_CHUNK  (8 * 1024 * 1024)
/* The first piece of a file is smaller: nothing merges while it is read,
 * and the pieces after it are read while the one before merges. */
#define FIRST_READ_CHUNK (1024 * 1024)
/* A part takes at most this many bytes of lines: with UUIDs that are not
 * spread evenly (a file made to be so), what it leaves waits for the next
 * read. Each part reads the whole stretch, so a stretch is at most 16
 * pieces long: a larger file is read a stretch at a time. */
#define PART_CAP    (2 * READ_CHUNK)
#define STRETCH_MAX (16 * READ_CHUNK)
/* How many problems a pass keeps for `limber sync status`. */
#define MAX_PROBLEMS 200
/* How stale this device's last-seen time in device.json may get before a
 * pass that wrote nothing rewrites it. */
#define LAST_SEEN_STEP_S (10 * 60)

#define LIMBER_DIR "limber"
#define LOCK_NAME "sync.lock"
#define PROBLEMS_NAME "sync-problems"

void
limber_sync_problem_free (LimberSyncProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->device);
  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

static LimberSyncProblem *
problem_new (const char *device,
             const char *file,
             guint       line,
             const char *message)
{
  LimberSyncProblem *problem = g_new0 (LimberSyncProblem, 1);

  problem->device = g_strdup (device);
  problem->file = g_strdup (file);
  problem->line = line;
  problem->message = g_strdup (message);
  return problem;
}

void
limber_sync_report_init (LimberSyncReport *report)
{
  memset (report, 0, sizeof *report);
  report->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_device_free);
  report->damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_problem_free);
  report->own_conflicts_removed = g_ptr_array_new_with_free_func (g_free);
  report->other_conflicts = g_ptr_array_new_with_free_func (g_free);
}

void
limber_sync_report_clear (LimberSyncReport *report)
{
  g_clear_pointer (&report->devices, g_ptr_array_unref);
  g_clear_pointer (&report->damaged, g_ptr_array_unref);
  g_clear_pointer (&report->own_conflicts_removed, g_ptr_array_unref);
  g_clear_pointer (&report->other_conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->waiting_reason, g_free);
  g_clear_pointer (&report->folder, g_free);
  g_clear_pointer (&report->other_name, g_free);
}

void
limber_sync_status_clear (LimberSyncStatus *status)
{
  g_clear_pointer (&status->folder, g_free);
  g_clear_pointer (&status->name, g_free);
  g_clear_pointer (&status->devices, g_ptr_array_unref);
  g_clear_pointer (&status->damaged, g_ptr_array_unref);
}

/* The journal's own folder: where the lock and the problems of the last
 * passes are kept, never in the synced folder, which a sync tool would
 * copy to the other computers. */
static char *
journal_side_path (LimberJournal *journal,
                   const char    *name)
{
  g_autofree char *dir = g_path_get_dirname (limber_journal_get_path (journal));

  return g_build_filename (dir, name, NULL);
}

static gboolean
is_folder (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static gboolean
is_device_name (const char *name)
{
  return strlen (name) == LIMBER_SYNC_DEVICE_LENGTH && g_uuid_string_is_valid (name) &&
         strspn (name, "0123456789abcdef-") == LIMBER_SYNC_DEVICE_LENGTH;
}

/* The computer's name, as device.json gives it: the host name, cut to
 * what device.json takes. */
static char *
host_name (void)
{
  const char *host = g_get_host_name ();
  g_autofree char *valid = g_utf8_make_valid (host != NULL && host[0] != '\0' ? host : "localhost", -1);

  return g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), LIMBER_SYNC_DEVICE_NAME_MAX));
}

/* The lock that lets one pass run at a time, on this computer: held until
 * the returned descriptor is closed. Waits for a pass of another process
 * to end; passes are short. */
static int
take_lock (LimberJournal *journal,
           GError       **error)
{
  g_autofree char *path = journal_side_path (journal, LOCK_NAME);
  int fd = limber_journal_open_own_file (path, O_RDWR, LIMBER_OWN_FILE_CREATE | LIMBER_OWN_FILE_TIGHTEN, error);

  if (fd < 0)
    {
      g_prefix_error (error, _("The sync lock %s cannot be opened: "), path);
      return -1;
    }

  while (flock (fd, LOCK_EX) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      close (fd);
      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The sync lock %s cannot be taken: %s"), path, g_strerror (saved_errno));
      return -1;
    }

  return fd;
}

/* Whether sync through a folder was set up before: the journal has read
 * another device's files, or written its own out. The journal's API has
 * no question for it, so it is asked of its tables. */
static gboolean
was_set_up (LimberJournal *journal,
            GError       **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal,
    "SELECT EXISTS (SELECT 1 FROM sync_read) "
    "OR EXISTS (SELECT 1 FROM sync_meta WHERE key = 'exported_seq' AND CAST (value AS INTEGER) > 0)", error);
  gboolean set_up;

  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      limber_journal_set_sqlite_error (journal, sqlite3_errcode (sqlite3_db_handle (statement)),
                                       "reading the sync state", error);
      sqlite3_reset (statement);
      return FALSE;
    }
  set_up = sqlite3_column_int (statement, 0) != 0;
  sqlite3_reset (statement);
  return set_up;
}

/* How many of this device's changes are not written out yet. */
static gboolean
count_waiting (LimberJournal *journal,
               guint64       *waiting_out,
               GError       **error)
{
  sqlite3_stmt *statement = limber_journal_statement (journal,
    "SELECT count(*) FROM sync_version WHERE device = '' AND seq > "
    "  coalesce ((SELECT CAST (value AS INTEGER) FROM sync_meta WHERE key = 'exported_seq'), 0)", error);

  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      limber_journal_set_sqlite_error (journal, sqlite3_errcode (sqlite3_db_handle (statement)),
                                       "counting the changes to write", error);
      sqlite3_reset (statement);
      return FALSE;
    }
  *waiting_out = (guint64) sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return TRUE;
}

/* The problems earlier passes found, as `limber sync status` shows them:
 * one a line, DEVICE TAB FILE TAB LINE TAB MESSAGE, in the journal's
 * folder. */
static GPtrArray *
load_problems (LimberJournal *journal)
{
  g_autofree char *path = journal_side_path (journal, PROBLEMS_NAME);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_problem_free);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length > 1024 * 1024)
    return problems;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && problems->len < MAX_PROBLEMS; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", 4);
      guint64 line;

      if (g_strv_length (fields) != 4 || !g_utf8_validate (fields[3], -1, NULL) ||
          !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXUINT, &line, NULL))
        continue;
      g_ptr_array_add (problems, problem_new (fields[0], fields[1], (guint) line, fields[3]));
    }

  return problems;
}

/* Keeps @problems, those of files still in @limber_dir, for the status;
 * a failure only loses what the status shows. */
static void
save_problems (LimberJournal *journal,
               const char    *limber_dir,
               GPtrArray     *problems)
{
  g_autofree char *path = journal_side_path (journal, PROBLEMS_NAME);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < MAX_PROBLEMS; i++)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *file = g_build_filename (limber_dir, problem->device, problem->file, NULL);
      g_autofree char *message = g_strdelimit (g_strdup (problem->message), "\t\n", ' ');

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_string_append_printf (text, "%s\t%s\t%u\t%s\n", problem->device, problem->file, problem->line, message);
    }

  if (text->len == 0)
    g_unlink (path);
  else
    g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

/* Drops the problems kept of @file of @device: it is read again from its
 * start. */
static void
forget_problems (GPtrArray  *problems,
                 const char *device,
                 const char *file)
{
  for (guint i = problems->len; i > 0; i--)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (problems, i - 1);

      if (g_str_equal (problem->device, device) && g_str_equal (problem->file, file))
        g_ptr_array_remove_index (problems, i - 1);
    }
}

/* Writes this device's changes out to its change file of this month, a
 * batch at a time, each marked written once it is on the disk. When the
 * folder's disk is full or cannot be written, the rest stay in the
 * journal, counted as waiting, for a later pass. */
static gboolean
write_own_changes (LimberJournal    *journal,
                   const char       *own_dir,
                   GDateTime        *now,
                   LimberSyncReport *report,
                   GError          **error)
{
  g_autofree char *name = limber_sync_file_name_for (now);
  g_autofree char *path = g_build_filename (own_dir, name, NULL);

  for (;;)
    {
      g_autoptr (GPtrArray) changes = NULL;
      g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) write_error = NULL;
      guint64 last_seq = 0;

      if (!limber_journal_sync_collect (journal, WRITE_BATCH, &changes, &last_seq, error))
        return FALSE;
      if (changes->len == 0)
        return TRUE;

      for (guint i = 0; i < changes->len && write_error == NULL; i++)
        {
          char *line = limber_sync_line_encode (g_ptr_array_index (changes, i), &write_error);

          if (line != NULL)
            g_ptr_array_add (lines, line);
        }
      if (write_error == NULL)
        limber_sync_file_append (path, lines, &write_error);
      if (write_error != NULL)
        {
          /* Nothing of the batch stays in the file: it is all written
           * again by a later pass. */
          g_free (report->waiting_reason);
          report->waiting_reason = g_strdup (write_error->message);
          g_info ("Own changes wait to be written: %s", write_error->message);
          break;
        }

      if (!limber_journal_sync_mark_exported (journal, last_seq, error))
        return FALSE;
      report->written += changes->len;
      if (changes->len < WRITE_BATCH)
        return TRUE;
    }

  /* Only when writing stopped: counting costs a look at every version. */
  return count_waiting (journal, &report->waiting, error);
}

/* A piece of another device's file, read in a thread of its own while
 * the piece before it merges: in a large merge, reading and merging take
 * about as long as each other. A piece is the lines of @size bytes from
 * @offset, or, of a stretch too large for one, a part of them. */
typedef struct
{
  char                 *path;
  char                 *device;
  GDateTime            *now;
  gint64                offset;
  guint                 line;
  gsize                 size;
  LimberSyncPart        part;
  gboolean              read;
  LimberSyncReadResult  result;
  GError               *error;
} Piece;

static Piece *
piece_new (const char           *path,
           const char           *device,
           GDateTime            *now,
           gint64                offset,
           guint                 line,
           gsize                 size,
           const LimberSyncPart *part)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->path = g_strdup (path);
  piece->device = g_strdup (device);
  piece->now = g_date_time_ref (now);
  piece->offset = offset;
  piece->line = line;
  piece->size = size;
  if (part != NULL)
    piece->part = *part;
  return piece;
}

static const LimberSyncPart *
piece_part (const Piece *piece)
{
  return piece->part.parts > 1 ? &piece->part : NULL;
}

/* The first piece from @offset, which is line @line, of a file of @size
 * bytes: all that is left when it fits in one, or else the first part of
 * as many as the stretch from @offset needs. */
static Piece *
piece_first (const char *path,
             const char *device,
             GDateTime  *now,
             gint64      offset,
             guint       line,
             gint64      size,
             gsize       small)
{
  gint64 left = MIN (size - offset, STRETCH_MAX);
  LimberSyncPart part = { 0, 1, 0 };

  if (left <= READ_CHUNK)
    return piece_new (path, device, now, offset, line, small, NULL);
  part.parts = (guint) ((left + READ_CHUNK - 1) / READ_CHUNK);
  part.cap = PART_CAP;
  g_debug ("%s from byte %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT " bytes in %u parts", path, offset, left, part.parts);
  return piece_new (path, device, now, offset, line, left, &part);
}

static void
piece_free (Piece *piece)
{
  g_free (piece->path);
  g_free (piece->device);
  g_date_time_unref (piece->now);
  limber_sync_read_result_clear (&piece->result);
  g_clear_error (&piece->error);
  g_free (piece);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Piece, piece_free)

static gpointer
piece_read (gpointer data)
{
  Piece *piece = data;

  piece->read = limber_sync_file_read_path (piece->path, piece->offset, piece->line, piece->size, piece_part (piece),
                                            piece->device, piece->now, &piece->result, &piece->error);
  return piece;
}

/* The piece @reading reads, once it has; %NULL for none. */
static Piece *
piece_join (GThread **reading)
{
  return *reading != NULL ? g_thread_join (g_steal_pointer (reading)) : NULL;
}

/* Where the parts of a stretch read so far all got to: the least of
 * their ends, and the number of the line there; and the damaged lines
 * they found (LimberSyncDamage). */
typedef struct
{
  gsize      end_offset;
  guint      end_line;
  GPtrArray *damaged;
} Reached;

/* Merges @piece, read from where *@offset and *@line say, and moves them
 * on once the piece, or the last part of a stretch, is merged; sets
 * @done when nothing more can be read now: the rest is a line still being
 * copied, or the file cannot be read. The piece after it, when the file
 * goes on, is read in @reading meanwhile, or left in @unread. */
static gboolean
merge_piece (LimberJournal    *journal,
             Piece            *piece,
             const char       *file,
             gboolean          whole,
             gint64            size,
             gint64           *offset,
             guint            *line,
             Reached          *reached,
             gboolean         *done,
             GThread         **reading,
             Piece           **unread,
             GPtrArray        *problems,
             LimberSyncReport *report,
             GError          **error)
{
  LimberSyncReadResult *result = &piece->result;
  const char *device = piece->device;
  LimberSyncCounts counts = { 0 };
  gboolean parts_left = piece->part.index + 1 < piece->part.parts;
  Piece *next = NULL;

  if (!piece->read)
    {
      g_ptr_array_add (report->damaged, problem_new (device, file, 0, piece->error->message));
      g_ptr_array_add (problems, problem_new (device, file, 0, piece->error->message));
      *done = TRUE;
      return TRUE;
    }
  if (result->end_offset <= (gsize) *offset)
    {
      *done = TRUE;
      return TRUE;
    }

  if (result->damaged->len > 0 && *offset > 0 && *line == 1)
    {
      /* The lines were counted from where the last pass stopped, not from
       * the start: count them once, and read the piece again to name its
       * damaged lines by their number in the file. */
      LimberSyncReadResult before = { 0 };

      if (limber_sync_file_read_path (piece->path, 0, 1, *offset, NULL, device, piece->now, &before, NULL))
        {
          /* The parts of the stretch before this one counted from 1 too. */
          if (piece->part.index > 0)
            reached->end_line += before.end_line - 1;
          *line = before.end_line;
          limber_sync_read_result_clear (result);
          if (!limber_sync_file_read_path (piece->path, *offset, *line, piece->size, piece_part (piece), device,
                                           piece->now, result, NULL))
            *done = TRUE;
        }
      limber_sync_read_result_clear (&before);
      if (*done)
        return TRUE;
    }

  if (piece->part.index == 0 || result->end_offset < reached->end_offset)
    {
      reached->end_offset = result->end_offset;
      reached->end_line = result->end_line;
    }

  /* The next part of the stretch, or the piece after it. A thread that
   * cannot be made only means reading it after. */
  if (parts_left)
    {
      LimberSyncPart part = piece->part;

      part.index++;
      next = piece_new (piece->path, device, piece->now, *offset, *line, piece->size, &part);
    }
  else if ((gint64) reached->end_offset < size)
    {
      if (piece->part.parts > 1)
        g_debug ("%s: its parts read up to byte %" G_GSIZE_FORMAT, piece->path, reached->end_offset);
      next = piece_first (piece->path, device, piece->now, reached->end_offset, reached->end_line, size, READ_CHUNK);
    }
  if (next != NULL && !(*reading = g_thread_try_new ("limber-sync-read", piece_read, next, NULL)))
    *unread = next;

  /* The damaged lines are named once the stretch is read: those past
   * where it ends are read again, and named then. */
  if (reached->damaged == NULL)
    reached->damaged = g_steal_pointer (&result->damaged);
  else
    g_ptr_array_extend_and_steal (reached->damaged, g_steal_pointer (&result->damaged));
  result->damaged = g_ptr_array_new ();
  for (guint i = 0; !parts_left && i < reached->damaged->len; i++)
    {
      const LimberSyncDamage *damage = g_ptr_array_index (reached->damaged, i);

      if (damage->offset >= reached->end_offset)
        continue;
      g_ptr_array_add (report->damaged, problem_new (device, file, damage->line, damage->message));
      g_ptr_array_add (problems, problem_new (device, file, damage->line, damage->message));
    }
  if (!parts_left)
    g_ptr_array_set_size (reached->damaged, 0);

  if (result->changes->len > 0 && !limber_journal_sync_apply (journal, result->changes, &counts, error))
    return FALSE;
  for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
    {
      report->added[k] += counts.added[k];
      report->updated[k] += counts.updated[k];
      report->deleted[k] += counts.deleted[k];
    }

  if (parts_left)
    return TRUE;
  *offset = reached->end_offset;
  *line = reached->end_line;
  return whole || limber_journal_sync_set_read (journal, device, file, *offset, size, error);
}

/* A setting of the connection, as PRAGMA @name says it; @fallback, the
 * default, when it cannot be read. */
static gint64
pragma_get (LimberJournal *journal,
            const char    *name,
            gint64         fallback)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);
  sqlite3_stmt *s = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (journal->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step (s) == SQLITE_ROW)
    value = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  return value;
}

static void
pragma_set (LimberJournal *journal,
            const char    *name,
            gint64         value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);

  sqlite3_exec (journal->db, sql, NULL, NULL, NULL);
}

/* Merges what @path holds past where it was read, a piece at a time. A
 * file shorter than where it was read was replaced, and is read again
 * from its start: merging twice changes nothing. */
static gboolean
read_file (LimberJournal    *journal,
           const char       *device_dir,
           const char       *device,
           const char       *file,
           gboolean          whole,
           GDateTime        *now,
           GPtrArray        *problems,
           LimberSyncReport *report,
           GError          **error)
{
  g_autofree char *path = g_build_filename (device_dir, file, NULL);
  gint64 offset = 0;
  gint64 size = 0;
  guint line = 1;
  gsize chunk = FIRST_READ_CHUNK;
  gboolean pieces;
  gint64 autocheckpoint = 0;
  GThread *reading = NULL;
  Reached reached = { 0 };
  Piece *unread = NULL;
  Piece *unmerged;
  gboolean ok = TRUE;
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  if (!whole && !limber_journal_sync_get_read (journal, device, file, &offset, &size, error))
    return FALSE;
  if (st.st_size < offset)
    offset = 0;
  if (st.st_size == offset)
    return TRUE;
  if (offset == 0)
    forget_problems (problems, device, file);

  /* Each piece merged is a transaction of its own: when there are
   * several, the pages they share are copied into the journal once, at
   * the end, rather than after every piece. */
  pieces = st.st_size - offset > FIRST_READ_CHUNK;
  if (pieces)
    {
      autocheckpoint = pragma_get (journal, "wal_autocheckpoint", 1000);
      pragma_set (journal, "wal_autocheckpoint", 0);
    }
  while (offset < st.st_size && ok)
    {
      g_autoptr (Piece) piece = piece_join (&reading);
      gboolean done = FALSE;

      if (piece == NULL)
        piece = piece_read (unread != NULL ? g_steal_pointer (&unread)
                                           : piece_first (path, device, now, offset, line, st.st_size, chunk));
      chunk = READ_CHUNK;
      ok = merge_piece (journal, piece, file, whole, st.st_size, &offset, &line, &reached, &done, &reading, &unread,
                        problems, report, error);
      if (done)
        break;
    }
  /* What was read ahead of a merge that failed. */
  unmerged = piece_join (&reading);
  if (unmerged != NULL)
    piece_free (unmerged);
  if (unread != NULL)
    piece_free (unread);
  g_clear_pointer (&reached.damaged, g_ptr_array_unref);
  if (pieces)
    {
      pragma_set (journal, "wal_autocheckpoint", autocheckpoint);
      sqlite3_wal_checkpoint_v2 (journal->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }

  return ok;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, at most @max of those @keep takes. */
static GPtrArray *
list_names (const char *dir,
            gboolean  (*keep) (const char *name),
            guint       max)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL && names->len < max)
    if (keep (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
is_change_name (const char *name)
{
  LimberSyncName kind = limber_sync_file_classify (name, NULL);

  return kind == LIMBER_SYNC_NAME_CHANGES || kind == LIMBER_SYNC_NAME_CONFLICT;
}

/* Reads the files of one device's folder. Conflict copies are read like
 * change files; one of this device's own files is removed once read, one
 * of another device's is left to its owner. This device's own change
 * files are not read back. */
static gboolean
read_device (LimberJournal    *journal,
             const char       *limber_dir,
             const char       *device,
             gboolean          own,
             GDateTime        *now,
             GPtrArray        *problems,
             LimberSyncReport *report,
             GError          **error)
{
  g_autofree char *device_dir = g_build_filename (limber_dir, device, NULL);
  g_autoptr (GPtrArray) files = list_names (device_dir, is_change_name, LIMBER_SYNC_MAX_FILES_PER_DEVICE);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      gboolean conflict = limber_sync_file_classify (file, NULL) == LIMBER_SYNC_NAME_CONFLICT;
      g_autofree char *shown = g_build_filename (device, file, NULL);

      if (own && !conflict)
        continue;
      if (!read_file (journal, device_dir, device, file, own, now, problems, report, error))
        return FALSE;
      if (!conflict)
        continue;

      if (own)
        {
          g_autofree char *path = g_build_filename (device_dir, file, NULL);

          /* Its changes are in the journal now, and in this device's own
           * file from the next pass on. */
          if (g_unlink (path) == 0)
            g_ptr_array_add (report->own_conflicts_removed, g_steal_pointer (&shown));
        }
      else
        g_ptr_array_add (report->other_conflicts, g_steal_pointer (&shown));
    }

  return TRUE;
}

static void
add_device (GPtrArray  *devices,
            const char *limber_dir,
            const char *device)
{
  g_autofree char *dir = g_build_filename (limber_dir, device, NULL);
  LimberSyncDevice *found = limber_sync_device_read (dir, NULL);

  if (found == NULL)
    {
      found = g_new0 (LimberSyncDevice, 1);
      g_strlcpy (found->device, device, sizeof found->device);
      found->name = g_strdup ("");
    }
  g_ptr_array_add (devices, found);
}

static gboolean
report_paused (LimberSyncReport *report)
{
  report->paused = TRUE;
  g_info ("Sync is paused: the folder %s is missing", report->folder);
  return TRUE;
}

/* Rewrites this device's device.json with @now as when it was last seen:
 * when it wrote changes, or the file is missing, names another computer,
 * or is older than LAST_SEEN_STEP. A pass that only reads costs no write
 * and no flush to the disk. A device.json that names another computer
 * means that it, too, writes under this id (a copied data folder): that
 * is reported. A failure is noted as why changes wait. */
static void
write_device_file (const char       *own_dir,
                   const char       *device,
                   const char       *name,
                   GDateTime        *now,
                   LimberSyncReport *report)
{
  g_autoptr (LimberSyncDevice) found = limber_sync_device_read (own_dir, NULL);
  g_autoptr (LimberSyncDevice) own = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now_utc = g_date_time_to_unix (now);

  if (found != NULL && !g_str_equal (found->name, name))
    {
      g_free (report->other_name);
      report->other_name = g_strdup (found->name);
    }
  if (found != NULL && report->written == 0 && g_str_equal (found->name, name) &&
      found->last_seen_utc <= now_utc && now_utc - found->last_seen_utc < LAST_SEEN_STEP_S)
    return;

  own = g_new0 (LimberSyncDevice, 1);
  g_strlcpy (own->device, device, sizeof own->device);
  own->name = g_strdup (name);
  own->last_seen_utc = now_utc;
  own->last_seen_offset_s = (int) (g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND);
  if (!limber_sync_device_write (own_dir, own, &error))
    {
      g_info ("%s", error->message);
      if (report->waiting_reason == NULL)
        report->waiting_reason = g_strdup (error->message);
    }
}

/* Notes how far this device's own change file @name reaches now that it
 * wrote to it: find_foreign_lines() looks only at what is past it. */
static gboolean
note_own_file (LimberJournal  *journal,
               const char     *own_dir,
               const char     *device,
               const char     *name,
               GError        **error)
{
  g_autofree char *path = g_build_filename (own_dir, name, NULL);
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  return limber_journal_sync_set_read (journal, device, name, st.st_size, st.st_size, error);
}

/* Whether this device's own folder holds a line that this journal never
 * wrote (limber_journal_sync_wrote()): then another computer writes under
 * its id. Only its own files that are not as it left them are read
 * (it notes how far each reaches when it has written to it), and its own
 * conflict copies, which are read and removed anyway: a pass that finds
 * its files as it left them reads nothing. */
static gboolean
find_foreign_lines (LimberJournal  *journal,
                    const char     *own_dir,
                    const char     *device,
                    GDateTime      *now,
                    gboolean       *foreign,
                    GError        **error)
{
  g_autoptr (GPtrArray) files = list_names (own_dir, is_change_name, LIMBER_SYNC_MAX_FILES_PER_DEVICE);

  *foreign = FALSE;
  for (guint i = 0; i < files->len && !*foreign; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      gboolean conflict = limber_sync_file_classify (file, NULL) == LIMBER_SYNC_NAME_CONFLICT;
      g_autofree char *path = g_build_filename (own_dir, file, NULL);
      gint64 offset = 0;
      gint64 size = 0;
      guint line = 1;
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (!conflict && !limber_journal_sync_get_read (journal, device, file, &offset, &size, error))
        return FALSE;
      if (!conflict && st.st_size == offset)
        continue;
      /* Not as this device left it: the sync tool may have put another
       * computer's version in its place, which need not start with this
       * device's lines. The month's file is read whole. */
      offset = 0;

      while (offset < st.st_size && !*foreign)
        {
          LimberSyncReadResult result = { 0 };
          gboolean ok = TRUE;

          /* A file that cannot be read is named by the reading of the
           * others' files; damaged lines are no one's. */
          if (!limber_sync_file_read_path (path, offset, line, READ_CHUNK, NULL, device, now, &result, NULL))
            break;
          for (guint j = 0; j < result.changes->len && ok && !*foreign; j++)
            {
              const LimberSyncChange *change = g_ptr_array_index (result.changes, j);
              gboolean wrote;

              ok = limber_journal_sync_wrote (journal, change, &wrote, error);
              if (ok && !wrote)
                {
                  g_info ("%s/%s holds %s %s of sequence number %" G_GUINT64_FORMAT ", which this journal never wrote",
                          device, file, limber_sync_kind_name (change->kind), change->uuid, change->seq);
                  *foreign = TRUE;
                }
            }
          if (!ok || result.end_offset <= (gsize) offset)
            {
              limber_sync_read_result_clear (&result);
              if (!ok)
                return FALSE;
              break;
            }
          offset = result.end_offset;
          line = result.end_line;
          limber_sync_read_result_clear (&result);
        }

      /* Looked at up to its end: a line still being copied is looked at
       * whole when the file has changed again. */
      if (!conflict && !*foreign &&
          !limber_journal_sync_set_read (journal, device, file, st.st_size, st.st_size, error))
        return FALSE;
    }

  return TRUE;
}

/* The page cache while others' changes merge, in KiB: about a quarter of
 * the journal of ten years. Each part of a large merge writes to its own
 * range of the tables kept by UUID, and all over the indexes by day,
 * which SQLite's default of 2 MiB would write out and read back again and
 * again. The pages are taken only as they are used. */
#define MERGE_CACHE_KIB 16384

gboolean
limber_sync_run (LimberJournal    *journal,
                 const char       *folder,
                 GDateTime        *now,
                 LimberSyncReport *report,
                 GError          **error)
{
  g_autofree char *device = NULL;
  g_autofree char *limber_dir = g_build_filename (folder, LIMBER_DIR, NULL);
  g_autofree char *own_dir = NULL;
  g_autofree char *name = host_name ();
  g_autofree char *file_name = limber_sync_file_name_for (now);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) devices = NULL;
  gboolean rekeyed = FALSE;
  gboolean merged = TRUE;
  gboolean ok = FALSE;
  gint64 cache_size;
  guint64 written;
  int lock;

  g_return_val_if_fail (g_path_is_absolute (folder), FALSE);

  g_free (report->folder);
  report->folder = g_strdup (folder);

  if ((lock = take_lock (journal, error)) < 0)
    return FALSE;

  if (!(device = limber_journal_sync_device_id (journal, &rekeyed, error)))
    goto out;
  g_strlcpy (report->device, device, sizeof report->device);
  report->rekeyed |= rekeyed;
  own_dir = g_build_filename (limber_dir, device, NULL);

  /* A folder that is gone (a disk not mounted, a sync tool stopped) is
   * waited for; so is its limber folder, once this journal wrote to it or
   * read from it: an empty folder in its place is no folder to start
   * afresh in. */
  if (!is_folder (folder))
    {
      ok = report_paused (report);
      goto out;
    }
  if (!is_folder (limber_dir))
    {
      gboolean set_up = was_set_up (journal, error);

      if (set_up || (error != NULL && *error != NULL))
        {
          ok = set_up && report_paused (report);
          goto out;
        }
    }
  if (g_mkdir_with_parents (own_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                   _("The folder %s cannot be made: %s"), own_dir, g_strerror (saved_errno));
      goto out;
    }

  /* Another computer writing under this id (a data folder copied with
   * its machine id, as virtual machines are): this one takes a new id and
   * writes its whole history out again under it, and the old id's files
   * are from now on another device's, merged like any. Its lines are
   * proof enough; a device.json naming another computer is not needed
   * (two copies of one virtual machine have one host name too), nor
   * enough (a renamed computer). */
  if (is_folder (own_dir))
    {
      gboolean foreign;

      if (!find_foreign_lines (journal, own_dir, device, now, &foreign, error))
        goto out;
      if (foreign)
        {
          g_free (device);
          if (!(device = limber_journal_sync_rekey (journal, error)))
            goto out;
          g_strlcpy (report->device, device, sizeof report->device);
          report->rekeyed = TRUE;
          g_free (own_dir);
          own_dir = g_build_filename (limber_dir, device, NULL);
          if (g_mkdir_with_parents (own_dir, 0700) != 0)
            {
              int saved_errno = errno;

              g_set_error (error, LIMBER_JOURNAL_ERROR, limber_journal_error_code_for_errno (saved_errno),
                           _("The folder %s cannot be made: %s"), own_dir, g_strerror (saved_errno));
              goto out;
            }
        }
    }

  written = report->written;
  if (!write_own_changes (journal, own_dir, now, report, error) ||
      (report->written > written && !note_own_file (journal, own_dir, device, file_name, error)))
    goto out;

  write_device_file (own_dir, device, name, now, report);

  problems = load_problems (journal);
  devices = list_names (limber_dir, is_device_name, LIMBER_SYNC_MAX_DEVICES);
  cache_size = pragma_get (journal, "cache_size", -2000);
  pragma_set (journal, "cache_size", -MERGE_CACHE_KIB);
  for (guint i = 0; i < devices->len && merged; i++)
    {
      const char *other = g_ptr_array_index (devices, i);
      gboolean own = g_str_equal (other, device);

      if (!own)
        add_device (report->devices, limber_dir, other);
      merged = read_device (journal, limber_dir, other, own, now, problems, report, error);
    }
  pragma_set (journal, "cache_size", cache_size);
  if (!merged)
    goto out;
  save_problems (journal, limber_dir, problems);

  /* What the merge decided as this device (a record that lost its day to
   * another is deleted, limber-journal-sync.h) goes out in this pass, not
   * the next: the other computers follow it as soon as they read. */
  written = report->written;
  if (!write_own_changes (journal, own_dir, now, report, error) ||
      (report->written > written && !note_own_file (journal, own_dir, device, file_name, error)))
    goto out;
  ok = TRUE;

out:
  close (lock);
  return ok;
}

gboolean
limber_sync_status (LimberJournal    *journal,
                    const char       *folder,
                    LimberSyncStatus *out,
                    GError          **error)
{
  g_autofree char *limber_dir = g_build_filename (folder, LIMBER_DIR, NULL);
  g_autoptr (GPtrArray) devices = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean set_up;

  memset (out, 0, sizeof *out);
  out->folder = g_strdup (folder);
  out->name = host_name ();
  out->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_sync_device_free);
  out->damaged = load_problems (journal);

  if (!count_waiting (journal, &out->waiting, error))
    return FALSE;

  /* The id is read as the last pass left it: asking the journal for it
   * would make one. */
  {
    sqlite3_stmt *statement = limber_journal_statement (journal,
      "SELECT value FROM sync_meta WHERE key = 'device'", error);

    if (statement == NULL)
      return FALSE;
    if (sqlite3_step (statement) == SQLITE_ROW)
      g_strlcpy (out->device, (const char *) sqlite3_column_text (statement, 0), sizeof out->device);
    sqlite3_reset (statement);
  }

  set_up = was_set_up (journal, &local_error);
  out->paused = !is_folder (folder) || (set_up && !is_folder (limber_dir));

  devices = list_names (limber_dir, is_device_name, LIMBER_SYNC_MAX_DEVICES);
  for (guint i = 0; i < devices->len; i++)
    if (!g_str_equal (g_ptr_array_index (devices, i), out->device))
      add_device (out->devices, limber_dir, g_ptr_array_index (devices, i));

  return TRUE;
}

gboolean
limber_sync_turn_off (LimberJournal *journal,
                      GError       **error)
{
  g_autofree char *problems = journal_side_path (journal, PROBLEMS_NAME);

  g_unlink (problems);
  return limber_journal_sync_reset (journal, error);
}

/* “3 pain entries”, and so on, for what @counts holds of each kind, as a
 * list; NULL when they are all 0. */
static char *
list_kinds (const guint counts[LIMBER_SYNC_N_KINDS])
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < LIMBER_SYNC_N_KINDS; k++)
    {
      guint n = counts[k];
      char *item;

      if (n == 0)
        continue;
      switch ((LimberSyncKind) k)
        {
        case LIMBER_SYNC_KIND_PAIN_ENTRY:
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pain entry", "%u pain entries", n), n);
          break;
        case LIMBER_SYNC_KIND_BREAK_EVENT:
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u break", "%u breaks", n), n);
          break;
        case LIMBER_SYNC_KIND_STRETCH_SESSION:
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stretch session", "%u stretch sessions", n), n);
          break;
        case LIMBER_SYNC_KIND_FACTOR:
          /* Translators: a factor is something the person logs as done,
           * such as heat or a massage. */
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u factor", "%u factors", n), n);
          break;
        case LIMBER_SYNC_KIND_DAY_FACTOR:
          /* Translators: a factor ticked as done on one day. */
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u factor done on a day", "%u factors done on days", n), n);
          break;
        case LIMBER_SYNC_KIND_DAY_MEASURES:
          /* Translators: a day's sleep, stress and desk hours. */
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day’s sleep and stress", "%u days’ sleep and stress", n), n);
          break;
        case LIMBER_SYNC_KIND_LIFE_CHANGE:
          /* Translators: a one-off change, such as a new chair. */
          item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u one-off change", "%u one-off changes", n), n);
          break;
        case LIMBER_SYNC_N_KINDS:
        default:
          g_assert_not_reached ();
        }
      g_ptr_array_add (items, item);
    }

  if (items->len == 0)
    return NULL;
  g_ptr_array_add (items, NULL);
  /* Translators: what separates the items of a list, such as “3 pain
   * entries, 40 breaks”. */
  return g_strjoinv (_(", "), (char **) items->pdata);
}

static void
add_copy (GPtrArray  *sentences,
          const char *text)
{
  g_ptr_array_add (sentences, g_strdup (text));
}

static char **
end_sentences (GPtrArray *sentences)
{
  g_ptr_array_add (sentences, NULL);
  return (char **) g_ptr_array_steal (sentences, NULL);
}

char **
limber_sync_report_summary (const LimberSyncReport *report)
{
  g_autoptr (GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *added = list_kinds (report->added);
  g_autofree char *updated = list_kinds (report->updated);
  g_autofree char *deleted = list_kinds (report->deleted);
  guint n_devices = report->devices != NULL ? report->devices->len : 0;

  if (report->paused)
    {
      /* Translators: %s is the folder. */
      g_ptr_array_add (sentences, g_strdup_printf (_("Sync is paused: the folder %s is missing. It resumes when the folder is back."),
                                                       report->folder));
      return end_sentences (sentences);
    }

  if (report->other_name != NULL)
    /* Translators: %s is the name of another computer. */
    g_ptr_array_add (sentences, g_strdup_printf (_("The computer “%s” writes to the folder under this computer’s device ID too: its journal seems to be a copy of this one."),
                                                 report->other_name));
  if (report->rekeyed)
    add_copy (sentences, _("This journal was copied from another computer, so this computer now writes its changes under a new device ID."));

  if (added != NULL)
    /* Translators: the %s is a list such as “120 pain entries, 3400 breaks”. */
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "Added %s from %u other computer.",
                                                                  "Added %s from %u other computers.", n_devices),
                                                     added, n_devices));
  if (updated != NULL)
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "Updated %s from %u other computer.",
                                                                  "Updated %s from %u other computers.", n_devices),
                                                     updated, n_devices));
  if (deleted != NULL)
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "Removed %s deleted on %u other computer.",
                                                                  "Removed %s deleted on %u other computers.", n_devices),
                                                     deleted, n_devices));
  if (added == NULL && updated == NULL && deleted == NULL)
    add_copy (sentences, n_devices == 0 ? _("No other computer has written to the folder yet.")
                                                  : _("Nothing new from the other computers."));

  /* The counts as numbers a translatable string can take (%u): more than
   * four thousand million changes at once are not to be had. */
  if (report->written > 0)
    {
      guint written = (guint) MIN (report->written, G_MAXUINT);

      g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "Wrote %u change of this computer to the folder.",
                                                                "Wrote %u changes of this computer to the folder.",
                                                                written),
                                                   written));
    }
  if (report->waiting > 0)
    {
      guint waiting = (guint) MIN (report->waiting, G_MAXUINT);

      /* Translators: the last %s says why, such as “No space left on device”. */
      g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u change waits to be written to the folder; it is kept in the journal until it can be: %s",
                                                                "%u changes wait to be written to the folder; they are kept in the journal until they can be: %s",
                                                                waiting),
                                                   waiting,
                                                   report->waiting_reason != NULL ? report->waiting_reason : "?"));
    }

  for (guint i = 0; report->damaged != NULL && i < report->damaged->len; i++)
    {
      const LimberSyncProblem *problem = g_ptr_array_index (report->damaged, i);

      /* Translators: a damaged change file or line: the computer's
       * folder, the file, then what is wrong, such as “line 3: the
       * checksum is wrong”. */
      g_ptr_array_add (sentences, g_strdup_printf (_("Skipped damage in %s/%s: %s"),
                                                       problem->device, problem->file, problem->message));
    }
  for (guint i = 0; report->own_conflicts_removed != NULL && i < report->own_conflicts_removed->len; i++)
    /* Translators: %s is a file that a sync tool made of two versions that clashed. */
    g_ptr_array_add (sentences, g_strdup_printf (_("Merged and removed the conflict copy %s of this computer’s changes."),
                                                     (const char *) g_ptr_array_index (report->own_conflicts_removed, i)));
  for (guint i = 0; report->other_conflicts != NULL && i < report->other_conflicts->len; i++)
    g_ptr_array_add (sentences, g_strdup_printf (_("Merged the conflict copy %s of another computer’s changes; that computer removes it when it next syncs."),
                                                     (const char *) g_ptr_array_index (report->other_conflicts, i)));

  return end_sentences (sentences);
}
