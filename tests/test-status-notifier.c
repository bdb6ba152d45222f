/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "limber-daemon-client.h"
#include "limber-test-util.h"

/* limber-daemon's tray icon against a StatusNotifierWatcher this test
 * implements, on its own connection in a thread of its own: the item
 * registers, shows the right properties with their exact types, offers its
 * menu, acts on each menu item, registers again when the watcher
 * restarts, and signals changes only when something changed. And a burst
 * of clicks on items that open the window starts one real `limber`, seen
 * on the bus by a monitor. */

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
  "    <method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "    <signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
  "    <signal name='StatusNotifierHostRegistered'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GMutex           lock;
  GCond            cond;
  GMainContext    *context;
  GDBusConnection *bus;
  GDBusNodeInfo   *info;
  guint            object_id;
  guint            owner_id;
  gboolean         owned;
  /* What registered, and how often. */
  char            *item_sender;
  char            *item_service;
  guint            registrations;
} Watcher;

static Watcher watcher;

static void
watcher_method_cb (GDBusConnection       *bus,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&watcher.lock);

  if (g_str_equal (method, "RegisterStatusNotifierItem"))
    {
      g_free (watcher.item_sender);
      g_free (watcher.item_service);
      watcher.item_sender = g_strdup (sender);
      g_variant_get (parameters, "(s)", &watcher.item_service);
      watcher.registrations++;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property_cb (GDBusConnection  *bus,
                         const char       *sender,
                         const char       *path,
                         const char       *interface,
                         const char       *property,
                         GError          **error,
                         gpointer          user_data)
{
  if (g_str_equal (property, "IsStatusNotifierHostRegistered"))
    return g_variant_new_boolean (TRUE);
  if (g_str_equal (property, "ProtocolVersion"))
    return g_variant_new_int32 (0);
  return g_variant_new_strv (NULL, 0);
}

static void
name_acquired_cb (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  g_mutex_lock (&watcher.lock);
  watcher.owned = TRUE;
  g_cond_broadcast (&watcher.cond);
  g_mutex_unlock (&watcher.lock);
}

static gboolean
own_watcher_name_cb (gpointer user_data)
{
  watcher.owner_id = g_bus_own_name_on_connection (watcher.bus, "org.kde.StatusNotifierWatcher",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   name_acquired_cb, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
release_watcher_name_cb (gpointer user_data)
{
  g_bus_unown_name (watcher.owner_id);
  g_mutex_lock (&watcher.lock);
  watcher.owned = FALSE;
  g_cond_broadcast (&watcher.cond);
  g_mutex_unlock (&watcher.lock);
  return G_SOURCE_REMOVE;
}

static gpointer
watcher_thread (gpointer user_data)
{
  static const GDBusInterfaceVTable vtable = { watcher_method_cb, watcher_get_property_cb };
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (watcher.context);
  loop = g_main_loop_new (watcher.context, FALSE);
  watcher.bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  watcher.info = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  watcher.object_id = g_dbus_connection_register_object (watcher.bus, "/StatusNotifierWatcher",
                                                         watcher.info->interfaces[0], &vtable,
                                                         NULL, NULL, &error);
  g_assert_no_error (error);
  own_watcher_name_cb (NULL);

  g_main_loop_run (loop);
  return NULL;
}

/* Runs @func in the watcher's thread and waits until the name is owned
 * (or not) as @owned says. */
static void
set_watcher_running (gboolean owned)
{
  g_main_context_invoke (watcher.context, owned ? own_watcher_name_cb : release_watcher_name_cb, NULL);
  g_mutex_lock (&watcher.lock);
  while (watcher.owned != owned)
    g_cond_wait (&watcher.cond, &watcher.lock);
  g_mutex_unlock (&watcher.lock);
}

static guint
registrations (void)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&watcher.lock);

  return watcher.registrations;
}

static gboolean
registered_at_least (gpointer user_data)
{
  return registrations () >= GPOINTER_TO_UINT (user_data);
}

typedef struct
{
  GDBusConnection *bus;
  LimberBreaks    *breaks;
  char            *item;
  GHashTable      *signals_seen;
  guint            subscription;
} Fixture;

static void
item_signal_cb (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  Fixture *fixture = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->signals_seen, signal));

  g_hash_table_insert (fixture->signals_seen, g_strdup (signal), GUINT_TO_POINTER (n + 1));
}

static guint
seen (Fixture    *fixture,
      const char *signal)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->signals_seen, signal));
}

static GVariant *
call (Fixture            *fixture,
      const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (fixture->bus, fixture->item, path, interface, method,
                                       parameters, reply_type, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

/* Menu ids by label, from GetLayout; -1 for none, or none shown when
 * @shown_only. */
static int
find_menu_id (Fixture    *fixture,
              const char *label,
              gboolean    shown_only)
{
  g_autoptr (GVariant) reply = call (fixture, "/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                                     g_variant_new ("(iias)", 0, -1, NULL),
                                     G_VARIANT_TYPE ("(u(ia{sv}av))"));
  g_autoptr (GVariant) layout = g_variant_get_child_value (reply, 1);
  g_autoptr (GVariant) children = g_variant_get_child_value (layout, 2);

  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr (GVariant) child = g_variant_get_variant (boxed);
      g_autoptr (GVariant) props = g_variant_get_child_value (child, 1);
      const char *child_label = NULL;
      gboolean visible = TRUE;
      int id;

      g_variant_get_child (child, 0, "i", &id);
      g_variant_lookup (props, "label", "&s", &child_label);
      g_variant_lookup (props, "visible", "b", &visible);
      if (g_strcmp0 (child_label, label) == 0 && (visible || !shown_only))
        return id;
    }

  return -1;
}

static int
menu_id (Fixture    *fixture,
         const char *label)
{
  return find_menu_id (fixture, label, TRUE);
}

static void
click (Fixture    *fixture,
       const char *label)
{
  int id = menu_id (fixture, label);

  if (id < 0)
    g_error ("No visible menu item “%s”", label);
  g_variant_unref (call (fixture, "/MenuBar", "com.canonical.dbusmenu", "Event",
                         g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), 0), NULL));
}

static GVariant *
item_property (Fixture    *fixture,
               const char *name)
{
  g_autoptr (GVariant) reply = call (fixture, "/StatusNotifierItem", "org.freedesktop.DBus.Properties", "Get",
                                     g_variant_new ("(ss)", "org.kde.StatusNotifierItem", name),
                                     G_VARIANT_TYPE ("(v)"));
  GVariant *value = NULL;

  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
menu_label (Fixture *fixture,
            int      id)
{
  g_autoptr (GVariant) reply = call (fixture, "/MenuBar", "com.canonical.dbusmenu", "GetProperty",
                                     g_variant_new ("(is)", id, "label"), G_VARIANT_TYPE ("(v)"));
  g_autoptr (GVariant) label = NULL;

  g_variant_get (reply, "(v)", &label);
  return g_variant_dup_string (label, NULL);
}

/* “On a break, 45 s left”, or some seconds less: the default micro-break. */
static void
assert_on_break (const char *text)
{
  const char *rest = text;
  gint64 left_s = -1;

  if (g_str_has_prefix (text, "On a break, "))
    left_s = g_ascii_strtoll (text + strlen ("On a break, "), (char **) &rest, 10);
  if (left_s < 30 || left_s > 45 || g_strcmp0 (rest, " s left") != 0)
    g_error ("“%s” does not say how long the break has left", text);
}

static gboolean
paused_is (gpointer user_data)
{
  gpointer *args = user_data;
  gboolean want = GPOINTER_TO_INT (args[1]);

  return (limber_breaks_get_paused_until (args[0]) != 0) == want;
}

static gboolean
state_is (gpointer user_data)
{
  gpointer *args = user_data;

  return g_strcmp0 (limber_breaks_get_state (args[0]), args[1]) == 0;
}

static gboolean
tray_shown (gpointer user_data)
{
  return limber_breaks_get_tray_shown (LIMBER_BREAKS (user_data));
}

/* What the bus carries about Limber's window, as a monitor sees it:
 * each window process asks for the window's name once as it starts, then
 * owns it or hands its request to the owner. Counted on the main thread
 * in the order the bus carried it. */
typedef struct
{
  GDBusConnection *monitor;
  /* The daemon, whose calls to the running window count. */
  char            *daemon;
  guint            starts;
  guint            appeared;
  guint            vanished;
  guint            calls;
  char            *last_call;
} WindowTraffic;

typedef struct
{
  WindowTraffic *traffic;
  guint         *counter;
  char          *call;
} TrafficEvent;

static gboolean
count_traffic_cb (gpointer user_data)
{
  TrafficEvent *event = user_data;

  (*event->counter)++;
  if (event->call != NULL)
    {
      g_free (event->traffic->last_call);
      event->traffic->last_call = g_steal_pointer (&event->call);
    }
  g_free (event);
  return G_SOURCE_REMOVE;
}

/* In the connection's worker thread: hands each message on to the main
 * thread, and keeps GDBus from answering the calls it overhears. Only
 * what the rules let through counts; the reply to BecomeMonitor passes. */
static GDBusMessage *
window_traffic_filter (GDBusConnection *monitor,
                       GDBusMessage    *message,
                       gboolean         incoming,
                       gpointer         user_data)
{
  WindowTraffic *traffic = user_data;
  GVariant *body = g_dbus_message_get_body (message);
  const char *member = g_dbus_message_get_member (message);
  TrafficEvent *event;

  if (!incoming)
    return message;

  event = g_new0 (TrafficEvent, 1);
  event->traffic = traffic;
  if (g_strcmp0 (member, "RequestName") == 0)
    event->counter = &traffic->starts;
  else if (g_strcmp0 (member, "NameOwnerChanged") == 0 && body != NULL)
    {
      const char *new_owner = NULL;

      g_variant_get (body, "(&s&s&s)", NULL, NULL, &new_owner);
      event->counter = new_owner[0] != '\0' ? &traffic->appeared : &traffic->vanished;
    }
  else if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Application") == 0)
    {
      const char *action = NULL;

      event->counter = &traffic->calls;
      if (g_strcmp0 (member, "ActivateAction") == 0 && body != NULL)
        g_variant_get (body, "(&s@av@a{sv})", &action, NULL, NULL);
      event->call = g_strjoin (" ", member, action, NULL);
    }

  if (event->counter != NULL)
    g_idle_add (count_traffic_cb, event);
  else
    g_free (event);
  if (g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;
  g_object_unref (message);
  return NULL;
}

static void
watch_window_traffic (WindowTraffic *traffic,
                      const char    *daemon)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *calls = g_strdup_printf ("type='method_call',sender='%s',"
                                            "interface='org.freedesktop.Application'", daemon);
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.DBus',member='RequestName',arg0='" APP_ID "'",
    "type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',arg0='" APP_ID "'",
    calls,
    NULL
  };

  traffic->daemon = g_strdup (daemon);
  traffic->monitor = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (traffic->monitor, window_traffic_filter, traffic, NULL);
  reply = g_dbus_connection_call_sync (traffic->monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
unwatch_window_traffic (WindowTraffic *traffic)
{
  g_dbus_connection_close_sync (traffic->monitor, NULL, NULL);
  g_clear_object (&traffic->monitor);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_pointer (&traffic->daemon, g_free);
  g_clear_pointer (&traffic->last_call, g_free);
}

/* The process that owns the window's name. */
static pid_t
window_pid (Fixture *fixture)
{
  g_autoptr (GVariant) owner = NULL;
  g_autoptr (GVariant) pid = NULL;
  g_autoptr (GError) error = NULL;
  const char *unique_name = NULL;
  guint32 number = 0;

  owner = g_dbus_connection_call_sync (fixture->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owner, "(&s)", &unique_name);
  pid = g_dbus_connection_call_sync (fixture->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                     g_variant_new ("(s)", unique_name), G_VARIANT_TYPE ("(u)"),
                                     G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (pid, "(u)", &number);
  return (pid_t) number;
}

/* Ends the window at once, as a crash or the end of the session would,
 * and waits until its name is gone: app.quit would wait for it to finish
 * drawing, which takes long under the sanitizers. */
static void
kill_window (Fixture       *fixture,
             WindowTraffic *traffic)
{
  g_assert_cmpint (kill (window_pid (fixture), SIGTERM), ==, 0);
  limber_test_wait_for_count (&traffic->vanished, traffic->appeared, 30);
}

static void
test_tray (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) all = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) layout = NULL;
  g_autoptr (GVariant) children = NULL;
  gpointer paused[2], unpaused[2], in_break[2], working[2];
  const char *id = NULL, *menu = NULL, *icon = NULL;
  guint icons, tooltips, layouts;
  WindowTraffic traffic = { 0 };
  /* A daemon of an earlier test may have registered too. */
  guint registered_before = registrations ();

  fixture.bus = limber_test_get_bus ();
  fixture.signals_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture.breaks = limber_daemon_connect_sync (fixture.bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);

  /* It registers with its unique name, and learns a host shows it. */
  limber_test_wait_until (registered_at_least, GUINT_TO_POINTER (registered_before + 1), 15);
  g_mutex_lock (&watcher.lock);
  fixture.item = g_strdup (watcher.item_sender);
  g_assert_cmpstr (watcher.item_service, ==, watcher.item_sender);
  g_mutex_unlock (&watcher.lock);
  limber_test_wait_until (tray_shown, fixture.breaks, 10);

  fixture.subscription = g_dbus_connection_signal_subscribe (fixture.bus, fixture.item, NULL, NULL, NULL, NULL,
                                                             G_DBUS_SIGNAL_FLAGS_NONE, item_signal_cb,
                                                             &fixture, NULL);
  watch_window_traffic (&traffic, fixture.item);

  /* Every property, with its exact type. */
  reply = call (&fixture, "/StatusNotifierItem", "org.freedesktop.DBus.Properties", "GetAll",
                g_variant_new ("(s)", "org.kde.StatusNotifierItem"), G_VARIANT_TYPE ("(a{sv})"));
  all = g_variant_get_child_value (reply, 0);
  {
    static const struct { const char *name; const char *type; } expected[] = {
      { "Category", "s" }, { "Id", "s" }, { "Title", "s" }, { "Status", "s" },
      { "IconName", "s" }, { "IconPixmap", "a(iiay)" }, { "AttentionIconName", "s" },
      { "ToolTip", "(sa(iiay)ss)" }, { "ItemIsMenu", "b" }, { "Menu", "o" }, { "IconThemePath", "s" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr (GVariant) value = g_variant_lookup_value (all, expected[i].name, NULL);

        if (value == NULL)
          g_error ("No property %s", expected[i].name);
        g_assert_cmpstr (g_variant_get_type_string (value), ==, expected[i].type);
      }
  }
  g_assert_true (g_variant_lookup (all, "Id", "&s", &id));
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_true (g_variant_lookup (all, "Menu", "&o", &menu));
  g_assert_cmpstr (menu, ==, "/MenuBar");
  g_assert_true (g_variant_lookup (all, "IconName", "&s", &icon));
  g_assert_cmpstr (icon, ==, APP_ID "-working");
  {
    gboolean item_is_menu = TRUE;

    g_assert_true (g_variant_lookup (all, "ItemIsMenu", "b", &item_is_menu));
    g_assert_false (item_is_menu);
  }

  /* The menu, as a host asks for it. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                g_variant_new ("(iias)", 0, -1, NULL), G_VARIANT_TYPE ("(u(ia{sv}av))"));
  layout = g_variant_get_child_value (reply, 1);
  children = g_variant_get_child_value (layout, 2);
  g_assert_cmpuint (g_variant_n_children (children), >=, 10);
  g_assert_cmpint (menu_id (&fixture, "Take a Break Now"), >, 0);
  g_assert_cmpint (menu_id (&fixture, "Pause for an Hour"), >, 0);
  g_assert_cmpint (menu_id (&fixture, "Log Today’s Pain…"), >, 0);
  g_assert_cmpint (menu_id (&fixture, "Open Limber"), >, 0);
  g_assert_cmpint (menu_id (&fixture, "Quit"), >, 0);
  /* The first item says when the next break comes, and cannot be clicked. */
  {
    g_autoptr (GVariant) label = call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "GetProperty",
                                       g_variant_new ("(is)", 1, "label"), G_VARIANT_TYPE ("(v)"));
    g_autoptr (GVariant) enabled = call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "GetProperty",
                                         g_variant_new ("(is)", 1, "enabled"), G_VARIANT_TYPE ("(v)"));
    g_autoptr (GVariant) text = NULL;
    g_autoptr (GVariant) flag = NULL;

    g_variant_get (label, "(v)", &text);
    g_variant_get (enabled, "(v)", &flag);
    g_assert_true (g_str_has_prefix (g_variant_get_string (text, NULL), "Next break in 25 min (at "));
    g_assert_false (g_variant_get_boolean (flag));
  }

  /* Postpone and Skip show only when a break is due. */
  g_assert_cmpint (menu_id (&fixture, "Postpone"), <, 0);
  g_assert_cmpint (menu_id (&fixture, "Resume Reminders"), <, 0);

  /* Nothing changes, nothing is signalled: a failed request and a round
   * trip later, no signal came. */
  g_assert_false (limber_breaks_call_postpone_sync (fixture.breaks, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL));
  g_variant_unref (call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "AboutToShow",
                         g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)")));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen (&fixture, "NewIcon") + seen (&fixture, "NewToolTip") +
                    seen (&fixture, "LayoutUpdated") + seen (&fixture, "NewStatus"), ==, 0);

  /* Each menu item acts. */
  paused[0] = unpaused[0] = in_break[0] = fixture.breaks;
  paused[1] = GINT_TO_POINTER (TRUE);
  unpaused[1] = GINT_TO_POINTER (FALSE);
  in_break[1] = (gpointer) "in-break";

  click (&fixture, "Pause for an Hour");
  limber_test_wait_until (paused_is, paused, 10);
  g_assert_cmpint (menu_id (&fixture, "Resume Reminders"), >, 0);
  click (&fixture, "Resume Reminders");
  limber_test_wait_until (paused_is, unpaused, 10);
  click (&fixture, "Pause Until Tomorrow");
  limber_test_wait_until (paused_is, paused, 10);
  g_assert_cmpint (limber_breaks_get_paused_until (fixture.breaks), ==, -1);
  click (&fixture, "Resume Reminders");
  limber_test_wait_until (paused_is, unpaused, 10);

  /* A change signals, once each. */
  icons = seen (&fixture, "NewIcon");
  tooltips = seen (&fixture, "NewToolTip");
  layouts = seen (&fixture, "LayoutUpdated");
  g_assert_cmpuint (icons, >=, 2);
  g_assert_cmpuint (tooltips, >=, 2);
  g_assert_cmpuint (layouts, >=, 2);

  click (&fixture, "Take a Break Now");
  limber_test_wait_until (state_is, in_break, 10);
  g_assert_cmpint (menu_id (&fixture, "Take a Break Now"), <, 0);

  /* It guides the break: the daemon opens the guided stretch, a window
   * of its own, which is closed here so that it takes no later click. */
  limber_test_wait_for_count (&traffic.appeared, 1, 60);
  {
    g_autofree char *command = limber_test_command_line (window_pid (&fixture));

    g_assert_nonnull (command);
    if (strstr (command, " --stretch=") == NULL || strstr (command, " --for-break") == NULL)
      g_error ("Take a Break Now opened “%s”, not a guided stretch for the break", command);
  }
  kill_window (&fixture, &traffic);

  /* During the break the tray says so, with the time left, under an icon
   * of its own (not the red one of a break that is due), and offers only
   * to end it. */
  {
    g_autoptr (GVariant) break_icon = item_property (&fixture, "IconName");
    g_autoptr (GVariant) tooltip = item_property (&fixture, "ToolTip");
    g_autoptr (GVariant) status = item_property (&fixture, "Status");
    g_autofree char *first = NULL;
    const char *title = NULL, *text = NULL;

    g_assert_cmpstr (g_variant_get_string (break_icon, NULL), ==, APP_ID "-on-break");
    g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "Active");
    g_variant_get (tooltip, "(&s@a(iiay)&s&s)", NULL, NULL, &title, &text);
    g_assert_cmpstr (title, ==, "Limber");
    assert_on_break (text);

    /* The menu, as the host reads it when it opens. */
    g_variant_unref (call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "AboutToShow",
                           g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)")));
    first = menu_label (&fixture, 1);
    assert_on_break (first);
    g_assert_cmpint (menu_id (&fixture, "End Break"), >, 0);
    g_assert_cmpint (menu_id (&fixture, "Postpone"), <, 0);
    g_assert_cmpint (menu_id (&fixture, "Skip"), <, 0);
  }

  /* End Break ends it, as the daemon would have at its end. */
  click (&fixture, "End Break");
  working[0] = fixture.breaks;
  working[1] = (gpointer) "working";
  limber_test_wait_until (state_is, working, 10);
  {
    g_autoptr (GVariant) working_icon = item_property (&fixture, "IconName");
    g_autoptr (GVariant) tooltip = item_property (&fixture, "ToolTip");
    const char *text = NULL;

    g_assert_cmpstr (g_variant_get_string (working_icon, NULL), ==, APP_ID "-working");
    g_variant_get (tooltip, "(&s@a(iiay)&s&s)", NULL, NULL, NULL, &text);
    g_assert_true (g_str_has_prefix (text, "Next break at "));
    g_assert_cmpint (menu_id (&fixture, "End Break"), <, 0);
    g_assert_cmpint (menu_id (&fixture, "Take a Break Now"), >, 0);
  }

  /* The watcher restarts (the panel crashed): the item registers again. */
  set_watcher_running (FALSE);
  set_watcher_running (TRUE);
  limber_test_wait_until (registered_at_least, GUINT_TO_POINTER (registered_before + 2), 15);

  /* Quit from the menu ends the daemon. */
  click (&fixture, "Quit");
  {
    gboolean gone = FALSE;

    for (guint i = 0; i < 200 && !gone; i++)
      {
        gone = !limber_daemon_is_running (fixture.bus);
        if (!gone)
          g_main_context_iteration (NULL, TRUE);
      }
    g_assert_true (gone);
  }

  unwatch_window_traffic (&traffic);
  g_dbus_connection_signal_unsubscribe (fixture.bus, fixture.subscription);
  g_hash_table_unref (fixture.signals_seen);
  g_free (fixture.item);
  g_object_unref (fixture.breaks);
  g_object_unref (fixture.bus);
}

static void
count_reply_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *replies = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_assert_no_error (error);
  (*replies)++;
}

/* Sends without waiting for the reply, so that the daemon finds the
 * whole burst waiting for it. */
static void
send (Fixture    *fixture,
      const char *path,
      const char *interface,
      const char *method,
      GVariant   *parameters,
      guint      *replies)
{
  g_dbus_connection_call (fixture->bus, fixture->item, path, interface, method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, count_reply_cb, replies);
}

static GVariant *
click_event (int   id,
             guint timestamp)
{
  return g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), timestamp);
}

static void
test_launch_burst (void)
{
  Fixture fixture = { 0 };
  WindowTraffic traffic = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *not_found = NULL;
  GVariantBuilder events;
  int open_id, journal_id, preferences_id, break_now_id, end_break_id;
  guint replies = 0;

  fixture.bus = limber_test_get_bus ();
  fixture.breaks = limber_daemon_connect_sync (fixture.bus, LIMBER_DAEMON_CONNECT_START, NULL, &error);
  g_assert_no_error (error);
  fixture.item = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (fixture.breaks));
  watch_window_traffic (&traffic, fixture.item);
  open_id = menu_id (&fixture, "Open Limber");
  journal_id = menu_id (&fixture, "Log Today’s Pain…");
  preferences_id = menu_id (&fixture, "Preferences");
  break_now_id = menu_id (&fixture, "Take a Break Now");
  /* Hidden outside a break, but a click on it is sent all the same. */
  end_break_id = find_menu_id (&fixture, "End Break", FALSE);
  g_assert_cmpint (break_now_id, >, 0);
  g_assert_cmpint (end_break_id, >, 0);
  g_assert_cmpint (open_id, >, 0);
  g_assert_cmpint (journal_id, >, 0);
  g_assert_cmpint (preferences_id, >, 0);

  /* One EventGroup with 200 clicks on Open Limber starts one window. The
   * reply names each id the menu lacks once. */
  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  for (guint i = 0; i < 200; i++)
    {
      g_variant_builder_add_value (&events, click_event (open_id, i));
      if (i % 50 == 0)
        g_variant_builder_add_value (&events, click_event (4242, i));
    }
  g_variant_builder_add_value (&events, click_event (-7, 0));
  reply = call (&fixture, "/MenuBar", "com.canonical.dbusmenu", "EventGroup",
                g_variant_new ("(@a(isvu))", g_variant_builder_end (&events)), G_VARIANT_TYPE ("(ai)"));
  not_found = g_variant_print (reply, FALSE);
  g_assert_cmpstr (not_found, ==, "([4242, -7],)");
  limber_test_wait_for_count (&traffic.appeared, 1, 60);
  g_assert_cmpuint (traffic.starts, ==, 1);

  /* An event for an id the menu lacks is refused, and so is a group of
   * nothing else. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (fixture.bus, fixture.item, "/MenuBar", "com.canonical.dbusmenu", "Event",
                                       click_event (4242, 0), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  g_variant_builder_add_value (&events, click_event (4242, 0));
  g_variant_builder_add_value (&events, click_event (-3, 0));
  reply = g_dbus_connection_call_sync (fixture.bus, fixture.item, "/MenuBar", "com.canonical.dbusmenu", "EventGroup",
                                       g_variant_new ("(@a(isvu))", g_variant_builder_end (&events)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_clear_error (&error);

  /* With no window, a burst of separate messages while it starts: 50
   * clicks on Open Limber, 10 left clicks on the icon, and a group that
   * asks for the journal and the preferences 100 times each. One window
   * starts. */
  kill_window (&fixture, &traffic);
  for (guint i = 0; i < 50; i++)
    {
      send (&fixture, "/MenuBar", "com.canonical.dbusmenu", "Event", click_event (open_id, i), &replies);
      if (i % 5 == 0)
        send (&fixture, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "Activate",
              g_variant_new ("(ii)", 0, 0), &replies);
    }
  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  for (guint i = 0; i < 100; i++)
    {
      g_variant_builder_add_value (&events, click_event (journal_id, i));
      g_variant_builder_add_value (&events, click_event (preferences_id, i));
    }
  send (&fixture, "/MenuBar", "com.canonical.dbusmenu", "EventGroup",
        g_variant_new ("(@a(isvu))", g_variant_builder_end (&events)), &replies);
  limber_test_wait_for_count (&replies, 50 + 10 + 1, 30);
  limber_test_wait_for_count (&traffic.appeared, 2, 60);
  g_assert_cmpuint (traffic.starts, ==, 2);

  /* Take a Break Now guides the break in a window of its own. A group that
   * clicks it and End Break 100 times each acts on each once: one break,
   * one window. */
  kill_window (&fixture, &traffic);
  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  for (guint i = 0; i < 100; i++)
    {
      g_variant_builder_add_value (&events, click_event (break_now_id, i));
      g_variant_builder_add_value (&events, click_event (end_break_id, i));
    }
  send (&fixture, "/MenuBar", "com.canonical.dbusmenu", "EventGroup",
        g_variant_new ("(@a(isvu))", g_variant_builder_end (&events)), &replies);
  limber_test_wait_for_count (&replies, 61 + 1, 30);
  limber_test_wait_for_count (&traffic.appeared, 3, 60);
  g_assert_cmpuint (traffic.starts, ==, 3);
  g_assert_cmpstr (limber_breaks_get_state (fixture.breaks), ==, "working");

  /* 30 clicks on it in as many messages start one break and one window:
   * the item is gone once the break is on. */
  kill_window (&fixture, &traffic);
  for (guint i = 0; i < 30; i++)
    send (&fixture, "/MenuBar", "com.canonical.dbusmenu", "Event", click_event (break_now_id, i), &replies);
  limber_test_wait_for_count (&replies, 62 + 30, 30);
  limber_test_wait_for_count (&traffic.appeared, 4, 60);
  g_assert_cmpuint (traffic.starts, ==, 4);
  g_assert_cmpstr (limber_breaks_get_state (fixture.breaks), ==, "in-break");

  /* Once it has gone, one click starts exactly one more. */
  kill_window (&fixture, &traffic);
  click (&fixture, "Open Limber");
  limber_test_wait_for_count (&traffic.appeared, 5, 60);
  g_assert_cmpuint (traffic.starts, ==, 5);

  /* Once it is up, a click works again, and reaches the window that runs
   * without starting another. Its answer waits for the window to finish
   * drawing, long under the sanitizers: the daemon goes first, and with it
   * the call, so that the window's end is no reason to start it again. */
  click (&fixture, "Log Today’s Pain…");
  limber_test_wait_for_count (&traffic.calls, 1, 30);
  g_assert_cmpstr (traffic.last_call, ==, "ActivateAction show-page");
  limber_test_quit_daemon (fixture.bus);
  kill_window (&fixture, &traffic);
  g_assert_cmpuint (traffic.starts, ==, 5);
  g_assert_cmpuint (traffic.calls, ==, 1);

  unwatch_window_traffic (&traffic);
  g_free (fixture.item);
  g_object_unref (fixture.breaks);
  g_object_unref (fixture.bus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  watcher.context = g_main_context_new ();
  g_thread_unref (g_thread_new ("watcher", watcher_thread, NULL));
  g_mutex_lock (&watcher.lock);
  while (!watcher.owned)
    g_cond_wait (&watcher.cond, &watcher.lock);
  g_mutex_unlock (&watcher.lock);

  g_test_add_func ("/status-notifier/launch-burst", test_launch_burst);
  g_test_add_func ("/status-notifier/tray", test_tray);

  return g_test_run ();
}
