/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-workstation.h"

/* The reasons stay modest: a desk set up well makes a long day easier on
 * the neck and upper back; it is not a treatment. */
static const LimberWorkstationItem items[] = {
  {
    "chair",
    N_("Chair Height and Back Support"),
    N_("With your thighs level and your back against the backrest, the chair carries your upper body instead of your back muscles."),
    N_("Set the chair so your thighs are level, and sit back against the backrest."),
    "desk-chair.svg",
    N_("A person sitting upright on an office chair, back against the backrest"),
  },
  {
    "screen",
    N_("Screen at Eye Level, an Arm’s Length Away"),
    N_("A screen too low or too close draws the head forward and down, and the neck and upper back hold it there for hours."),
    N_("Raise the screen until its top edge is at eye level, about an arm’s length away."),
    "desk-screen.svg",
    N_("A person at a desk looking straight ahead at a screen whose top edge is at eye level"),
  },
  {
    "laptop",
    N_("Laptop on a Stand, With a Keyboard and Mouse"),
    N_("A laptop’s screen and keys cannot both be at the right height: a stand lifts the screen, a separate keyboard and mouse keep the hands low."),
    N_("Put the laptop on a stand or a pile of books and use a separate keyboard and mouse."),
    "desk-laptop.svg",
    N_("A laptop raised on a stand, with a separate keyboard and mouse on the desk"),
  },
  {
    "elbows",
    N_("Elbows Near a Right Angle"),
    N_("With the keyboard at elbow height the shoulders can hang loose instead of lifting to reach it."),
    N_("Adjust the chair or desk so your elbows rest near 90 degrees, close to your sides."),
    "desk-elbows.svg",
    N_("A person typing with the upper arms hanging down and the elbows bent at a right angle"),
  },
  {
    "feet",
    N_("Feet Flat"),
    N_("Feet resting flat on the floor or a footrest steady the hips, so the back can settle against the chair."),
    N_("Rest your feet flat on the floor, or on a footrest if they do not reach."),
    "desk-feet.svg",
    N_("A person sitting with both feet flat on a footrest"),
  },
  {
    "light",
    N_("Light Without Glare"),
    N_("Glare and reflections make you squint and lean in, which tenses the neck."),
    N_("Turn the screen side-on to windows, and move or dim lamps that reflect in it."),
    "desk-light.svg",
    N_("A screen standing side-on to a window, with no reflection on it"),
  },
};

const LimberWorkstationItem *
limber_workstation_get_items (gsize *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);

  *n_items = G_N_ELEMENTS (items);
  return items;
}

const LimberWorkstationItem *
limber_workstation_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].id, id))
      return &items[i];
  return NULL;
}

gint64
limber_workstation_recheck_at (gint64 checked_unix_s)
{
  g_autoptr (GDateTime) checked = NULL;
  g_autoptr (GDateTime) recheck = NULL;

  if (checked_unix_s <= 0)
    return 0;

  /* Calendar months, in UTC so that the answer does not depend on where
   * the computer is: a check on 30 November is due on 28 February
   * (GLib clamps to the month's last day). */
  checked = g_date_time_new_from_unix_utc (checked_unix_s);
  if (checked == NULL)
    return G_MAXINT64;
  recheck = g_date_time_add_months (checked, LIMBER_WORKSTATION_RECHECK_MONTHS);
  if (recheck == NULL)
    return G_MAXINT64;
  return g_date_time_to_unix (recheck);
}

gboolean
limber_workstation_recheck_due (gint64 checked_unix_s,
                                gint64 now_unix_s)
{
  if (checked_unix_s <= 0)
    return FALSE;
  return now_unix_s >= limber_workstation_recheck_at (checked_unix_s);
}
