/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>

#include "limber-journal.h"

/* The journal's error domain, on its own: the records, the pain entry and
 * the backups report in it without depending on the journal. */

G_DEFINE_QUARK (limber-journal-error-quark, limber_journal_error)

LimberJournalError
limber_journal_error_code_for_errno (int errno_value)
{
  switch (errno_value)
    {
    case ENOSPC:
    case EDQUOT:
    /* A file size limit reads as a full disk. */
    case EFBIG:
      return LIMBER_JOURNAL_ERROR_FULL;
    case EROFS:
    case EACCES:
    case EPERM:
      return LIMBER_JOURNAL_ERROR_READ_ONLY;
    default:
      return LIMBER_JOURNAL_ERROR_FAILED;
    }
}
