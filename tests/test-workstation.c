/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "limber-workstation.h"

/* The desk check's items, and when it is time to look at them again. */

static void
test_items (void)
{
  const LimberWorkstationItem *items;
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const expected[] = { "chair", "screen", "laptop", "elbows", "feet", "light" };
  gsize n;

  items = limber_workstation_get_items (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *resource = NULL;
      g_autoptr (GBytes) picture = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_cmpstr (items[i].id, ==, expected[i]);
      g_assert_true (g_hash_table_add (ids, (gpointer) items[i].id));
      g_assert_true (limber_workstation_lookup (items[i].id) == &items[i]);
      g_assert_cmpuint (strlen (items[i].title), >, 0);
      g_assert_cmpuint (strlen (items[i].why), >, 0);
      g_assert_cmpuint (strlen (items[i].tip), >, 0);
      g_assert_cmpuint (strlen (items[i].picture), >, 0);
      /* One line each: no sentence glued to another. */
      g_assert_null (strchr (items[i].why, '\n'));
      g_assert_null (strchr (items[i].tip, '\n'));

      /* Its picture is in the bundle. */
      resource = g_strconcat ("/io/github/limberapp/Limber/routines/illustrations/", items[i].illustration, NULL);
      picture = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (picture, NULL), g_bytes_get_size (picture), "<svg"));
    }

  g_assert_null (limber_workstation_lookup ("standing-desk"));
  g_assert_null (limber_workstation_lookup (""));
}

static gint64
utc (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time);
}

static void
test_recheck (void)
{
  gint64 checked = utc (2026, 3, 14, 9, 30, 0);

  /* Never checked: nothing to look at again, however late it is. */
  g_assert_cmpint (limber_workstation_recheck_at (0), ==, 0);
  g_assert_false (limber_workstation_recheck_due (0, utc (2040, 1, 1, 0, 0, 0)));

  /* Three calendar months, to the second. */
  g_assert_cmpint (limber_workstation_recheck_at (checked), ==, utc (2026, 6, 14, 9, 30, 0));
  g_assert_false (limber_workstation_recheck_due (checked, checked));
  g_assert_false (limber_workstation_recheck_due (checked, utc (2026, 6, 14, 9, 29, 59)));
  g_assert_true (limber_workstation_recheck_due (checked, utc (2026, 6, 14, 9, 30, 0)));
  g_assert_true (limber_workstation_recheck_due (checked, utc (2027, 1, 1, 0, 0, 0)));

  /* A check on the 30th of November comes due on the last day of
   * February. */
  checked = utc (2026, 11, 30, 12, 0, 0);
  g_assert_false (limber_workstation_recheck_due (checked, utc (2027, 2, 28, 11, 59, 59)));
  g_assert_true (limber_workstation_recheck_due (checked, utc (2027, 2, 28, 12, 0, 0)));

  /* A clock set back before the check does not make it due. */
  g_assert_false (limber_workstation_recheck_due (checked, utc (2020, 1, 1, 0, 0, 0)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workstation/items", test_items);
  g_test_add_func ("/workstation/recheck", test_recheck);

  return g_test_run ();
}
