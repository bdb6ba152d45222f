/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "limber-sync-change.h"

/* The export's list names, which a change line names its record by. */
static const char *const kind_names[LIMBER_SYNC_N_KINDS] = {
  [LIMBER_SYNC_KIND_PAIN_ENTRY] = "pain_entries",
  [LIMBER_SYNC_KIND_BREAK_EVENT] = "break_events",
  [LIMBER_SYNC_KIND_STRETCH_SESSION] = "stretch_sessions",
  [LIMBER_SYNC_KIND_FACTOR] = "factors",
  [LIMBER_SYNC_KIND_DAY_FACTOR] = "day_factors",
  [LIMBER_SYNC_KIND_DAY_MEASURES] = "day_measures",
  [LIMBER_SYNC_KIND_LIFE_CHANGE] = "life_changes",
};

const char *
limber_sync_kind_name (LimberSyncKind kind)
{
  g_return_val_if_fail (kind < LIMBER_SYNC_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
limber_sync_kind_from_name (const char     *name,
                            LimberSyncKind *kind_out)
{
  for (guint i = 0; i < LIMBER_SYNC_N_KINDS; i++)
    {
      if (g_strcmp0 (name, kind_names[i]) == 0)
        {
          *kind_out = (LimberSyncKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
limber_sync_change_free (LimberSyncChange *change)
{
  if (change == NULL)
    return;

  if (change->record != NULL)
    {
      switch (change->kind)
        {
        case LIMBER_SYNC_KIND_PAIN_ENTRY:
          limber_pain_entry_free (change->record);
          break;
        case LIMBER_SYNC_KIND_BREAK_EVENT:
          g_free (change->record);
          break;
        case LIMBER_SYNC_KIND_STRETCH_SESSION:
          limber_stretch_session_free (change->record);
          break;
        case LIMBER_SYNC_KIND_FACTOR:
          limber_factor_free (change->record);
          break;
        case LIMBER_SYNC_KIND_DAY_FACTOR:
          limber_day_factor_free (change->record);
          break;
        case LIMBER_SYNC_KIND_DAY_MEASURES:
          limber_day_measures_free (change->record);
          break;
        case LIMBER_SYNC_KIND_LIFE_CHANGE:
          limber_life_change_free (change->record);
          break;
        case LIMBER_SYNC_N_KINDS:
        default:
          g_assert_not_reached ();
        }
    }
  g_free (change);
}
