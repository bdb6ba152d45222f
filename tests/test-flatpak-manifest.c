/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "limber-test-util.h"

/* The Flatpak manifests in flatpak/, held to the rules a Flathub reviewer
 * and flatpak-builder-lint apply: the app's identity, a current GNOME
 * runtime, the fewest permissions, each of them explained in
 * flatpak/README.md, pinned sources, nothing bundled that the runtime
 * has, and a module for every library meson asks for that it lacks.
 * Each rule is a check that returns what is wrong in words; the last test
 * feeds the checks a manifest that breaks them, to show they notice. */

#define RELEASE_MANIFEST APP_ID ".json"
#define DEVEL_MANIFEST   APP_ID ".Devel.json"

/* What org.gnome.Platform ships, from gnome-build-meta's gnome-51
 * branch: elements/sdk-platform.bst lists the GNOME layer (GLib, GTK,
 * libadwaita, json-glib, libnotify, libportal with its GTK backends), on
 * freedesktop-sdk 26.08's elements/platform.bst (SQLite, the X11 client
 * libraries, Wayland, libpulse, libvorbis, libtool's libltdl). The Sdk
 * adds wayland-protocols and wayland-scanner (freedesktop-sdk's
 * elements/sdk.bst), which the build needs and nothing installs. GNOME
 * 51 is the first runtime with libportal in it (gnome-build-meta commit
 * "Move libportal to the flatpak runtimes"), so the manifests may not
 * target an older one. Not in the runtime: gsound, libcanberra and any
 * sound theme (gnome-build-meta builds them for GNOME OS only, under
 * elements/core-deps/). */
#define RUNTIME_LIST_VERSION 51

typedef struct
{
  /* How a module or a release archive of it is named. */
  const char *project;
  /* The names meson's dependency() finds it by. */
  const char *pkg_config[6];
} RuntimeLibrary;

static const RuntimeLibrary runtime_libraries[] = {
  { "glib", { "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "gmodule-2.0", NULL } },
  { "gtk", { "gtk4", NULL } },
  { "libadwaita", { "libadwaita-1", NULL } },
  { "json-glib", { "json-glib-1.0", NULL } },
  { "libnotify", { "libnotify", NULL } },
  { "libportal", { "libportal", "libportal-gtk4", NULL } },
  { "sqlite", { "sqlite3", NULL } },
  { "libX11", { "x11", NULL } },
  { "libXext", { "xext", NULL } },
  { "libXScrnSaver", { "xscrnsaver", NULL } },
  { "wayland", { "wayland-client", "wayland-scanner", NULL } },
  { "wayland-protocols", { "wayland-protocols", NULL } },
  { "pulseaudio", { "libpulse", NULL } },
  { "libvorbis", { "vorbisfile", NULL } },
  { "libtool", { NULL } },
};

/* Where Limber's own module comes from: the repository the metainfo
 * names. */
#define LIMBER_MODULE "limber"

typedef struct
{
  char       *file;
  gboolean    release;
  GPtrArray  *parsers;
  JsonObject *root;
  /* Every module, nested ones too, as JsonObject. */
  GPtrArray  *modules;
} Manifest;

static char *
project_file (const char *first,
              ...)
{
  g_autofree char *top = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, top);
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static char *
read_project_file (const char *first,
                   ...)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  va_list args;

  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  {
    g_autofree char *relative = g_build_filenamev ((char **) parts->pdata);
    path = project_file (relative, NULL);
  }
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
problem (GPtrArray  *problems,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (GPtrArray  *problems,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Fails the test with every problem found, each on its own line. */
static void
assert_no_problems (GPtrArray *problems)
{
  g_autoptr (GString) all = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "\n  %s", (char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    g_error ("%u problem(s):%s", problems->len, all->str);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    {
      if (strstr (g_ptr_array_index (problems, i), part) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
collect_modules (Manifest   *manifest,
                 JsonArray  *modules,
                 const char *dir)
{
  for (guint i = 0; modules != NULL && i < json_array_get_length (modules); i++)
    {
      JsonNode *node = json_array_get_element (modules, i);
      JsonObject *module;

      /* A module may be kept in a file of its own. */
      if (JSON_NODE_HOLDS_VALUE (node) && dir != NULL)
        {
          g_autofree char *path = g_build_filename (dir, json_node_get_string (node), NULL);
          JsonParser *parser = json_parser_new ();
          g_autoptr (GError) error = NULL;

          g_ptr_array_add (manifest->parsers, parser);
          json_parser_load_from_file (parser, path, &error);
          g_assert_no_error (error);
          node = json_parser_get_root (parser);
        }
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      module = json_node_get_object (node);

      g_ptr_array_add (manifest->modules, module);
      if (json_object_has_member (module, "modules"))
        collect_modules (manifest, json_object_get_array_member (module, "modules"), dir);
    }
}

static Manifest *
manifest_new (const char *file,
              const char *json,
              const char *dir,
              gboolean    release)
{
  Manifest *manifest = g_new0 (Manifest, 1);
  JsonParser *parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  manifest->file = g_strdup (file);
  manifest->release = release;
  manifest->parsers = g_ptr_array_new_with_free_func (g_object_unref);
  manifest->modules = g_ptr_array_new ();
  g_ptr_array_add (manifest->parsers, parser);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  manifest->root = json_node_get_object (root);

  if (json_object_has_member (manifest->root, "modules"))
    collect_modules (manifest, json_object_get_array_member (manifest->root, "modules"), dir);

  return manifest;
}

static void
manifest_free (Manifest *manifest)
{
  g_free (manifest->file);
  g_ptr_array_unref (manifest->modules);
  g_ptr_array_unref (manifest->parsers);
  g_free (manifest);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Manifest, manifest_free)

static Manifest *
load_manifest (const char *file,
               gboolean    release)
{
  g_autofree char *json = read_project_file ("flatpak", file, NULL);
  g_autofree char *dir = project_file ("flatpak", NULL);

  return manifest_new (file, json, dir, release);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
find_module (Manifest   *manifest,
             const char *name)
{
  for (guint i = 0; i < manifest->modules->len; i++)
    {
      JsonObject *module = g_ptr_array_index (manifest->modules, i);

      if (g_strcmp0 (string_member (module, "name"), name) == 0)
        return module;
    }

  return NULL;
}

/* The finish-args as "--key=value" strings. */
static GPtrArray *
finish_args (Manifest *manifest)
{
  JsonArray *args = array_member (manifest->root, "finish-args");
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; args != NULL && i < json_array_get_length (args); i++)
    g_ptr_array_add (list, (gpointer) json_array_get_string_element (args, i));

  return list;
}

static gboolean
has_finish_arg (Manifest   *manifest,
                const char *wanted)
{
  g_autoptr (GPtrArray) args = finish_args (manifest);

  for (guint i = 0; i < args->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (args, i), wanted))
        return TRUE;
    }

  return FALSE;
}

/* For messages about a member that may be missing. */
static const char *
or_none (const char *text)
{
  return text != NULL ? text : "(none)";
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Whether @file, a module name or the last part of a source's URL or
 * path, is @project or a release of it ("libnotify-0.8.6.tar.xz"). */
static gboolean
names_project (const char *file,
               const char *project)
{
  gsize length = strlen (project);

  if (file == NULL || g_ascii_strncasecmp (file, project, length) != 0)
    return FALSE;

  return file[length] == '\0' || file[length] == '-' || file[length] == '.' || file[length] == '_';
}

/* The manifest is the app's: the metainfo and desktop file are named
 * after its ID, the ID is the file's name (appid-filename-mismatch) and
 * the daemon's bus name lies below it, so that Flatpak lets the app own
 * it and exports its D-Bus service file. */
static void
check_identity (Manifest  *manifest,
                GPtrArray *problems)
{
  const char *id = string_member (manifest->root, "id");
  const char *command = string_member (manifest->root, "command");

  if (g_strcmp0 (id, APP_ID) != 0)
    problem (problems, "%s: id is “%s”, not the app ID " APP_ID ": Flatpak would export none of "
             "Limber’s files, which are named after the app ID", manifest->file, or_none (id));
  if (manifest->release && g_strcmp0 (manifest->file, RELEASE_MANIFEST) != 0)
    problem (problems, "%s: the release manifest must be named after the app ID, " RELEASE_MANIFEST
             " (appid-filename-mismatch)", manifest->file);
  if (json_object_has_member (manifest->root, "app-id"))
    problem (problems, "%s: uses the old key app-id beside or instead of id", manifest->file);
  if (g_strcmp0 (command, "limber") != 0)
    problem (problems, "%s: command is “%s”, not limber, the program meson installs to bin",
             manifest->file, or_none (command));
  if (json_object_has_member (manifest->root, "branch"))
    problem (problems, "%s: has a top-level branch (toplevel-unnecessary-branch)", manifest->file);
  if (!g_str_has_prefix (DAEMON_BUS_NAME, APP_ID "."))
    problem (problems, "the daemon’s bus name " DAEMON_BUS_NAME " is not below the app ID: "
             "Flatpak would not let the app own it");
}

/* A current GNOME runtime, the Sdk of the same name, by a release number. */
static void
check_runtime (Manifest  *manifest,
               GPtrArray *problems)
{
  const char *runtime = string_member (manifest->root, "runtime");
  const char *sdk = string_member (manifest->root, "sdk");
  const char *version = string_member (manifest->root, "runtime-version");
  guint64 number = 0;

  if (g_strcmp0 (runtime, "org.gnome.Platform") != 0)
    problem (problems, "%s: runtime is “%s”, not org.gnome.Platform", manifest->file, or_none (runtime));
  if (g_strcmp0 (sdk, "org.gnome.Sdk") != 0)
    problem (problems, "%s: sdk is “%s”, not org.gnome.Sdk", manifest->file, or_none (sdk));

  if (version == NULL || !g_ascii_string_to_unsigned (version, 10, 1, G_MAXUINT, &number, NULL))
    problem (problems, "%s: runtime-version “%s” is not a GNOME release number (such as 51); "
             "“master” and branches are not stable", manifest->file, or_none (version));
  else if (number < RUNTIME_LIST_VERSION)
    problem (problems, "%s: runtime-version %s is older than GNOME %u, whose contents this test "
             "knows (libportal is in the runtime only from %u on)", manifest->file, version,
             RUNTIME_LIST_VERSION, RUNTIME_LIST_VERSION);
}

/* A talk-name that flatpak-builder-lint rejects, or that no code needs. */
static const char *
refused_talk_name (const char *name)
{
  if (g_str_has_prefix (name, "org.freedesktop.portal."))
    return "portals are open to every app (finish-args-portal-talk-name)";
  if (g_str_equal (name, "org.freedesktop.Notifications"))
    return "libnotify uses the notification portal inside Flatpak";
  if (g_str_equal (name, "org.freedesktop.Flatpak") || g_str_has_prefix (name, "org.freedesktop.Flatpak."))
    return "it lets the app run commands outside the sandbox (finish-args-flatpak-spawn-access)";
  if (g_str_equal (name, "org.freedesktop.login1") || g_str_has_prefix (name, "org.freedesktop.login1."))
    return "Flathub rejects logind access (finish-args-login1-talk-name)";
  if (g_str_equal (name, "org.freedesktop.systemd1") || g_str_has_prefix (name, "org.freedesktop.systemd1."))
    return "Flathub rejects systemd access (finish-args-systemd1-talk-name)";
  if (g_str_equal (name, "org.freedesktop.DBus") || g_str_has_prefix (name, "org.freedesktop.DBus."))
    return "the bus itself is always reachable (finish-args-freedesktop-dbus-talk-name)";
  if (g_str_has_suffix (name, ".*"))
    return "a wildcard opens every service below it";
  if (g_str_equal (name, "ca.desrt.dconf"))
    return "settings go through the settings portal (finish-args-dconf-talk-name)";
  if (g_str_equal (name, APP_ID) || g_str_has_prefix (name, APP_ID "."))
    return "names below the app ID are open to it already";

  return NULL;
}

/* The fewest permissions that work, by the linter's rules and Flathub's
 * policy of portals first. */
static void
check_finish_args (Manifest  *manifest,
                   GPtrArray *problems)
{
  g_autoptr (GPtrArray) args = finish_args (manifest);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (args->len == 0)
    problem (problems, "%s: has no finish-args (finish-args-not-defined)", manifest->file);

  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      g_autofree char *key = NULL;
      const char *value = strchr (arg, '=');
      const char *why;

      if (!g_hash_table_add (seen, (gpointer) arg))
        problem (problems, "%s: %s is given twice", manifest->file, arg);
      if (value == NULL)
        {
          problem (problems, "%s: %s has no value", manifest->file, arg);
          continue;
        }
      key = g_strndup (arg, value - arg);
      value++;

      if (g_str_equal (key, "--filesystem"))
        problem (problems, "%s: %s: Limber keeps its data in its own folder and exports through "
                 "the file chooser portal; it needs no file access", manifest->file, arg);
      else if (g_str_equal (key, "--own-name"))
        problem (problems, "%s: %s: Flathub refuses --own-name; the app owns the names below "
                 "its ID already", manifest->file, arg);
      else if (g_str_has_prefix (key, "--system-"))
        problem (problems, "%s: %s: Limber needs nothing on the system bus in the sandbox "
                 "(suspend shows in the clocks, lock in the Inhibit portal)%s", manifest->file, arg,
                 g_str_has_prefix (value, "org.freedesktop.login1")
                 ? "; Flathub rejects it (finish-args-login1-system-talk-name)" : "");
      else if (g_str_equal (key, "--talk-name") && (why = refused_talk_name (value)) != NULL)
        problem (problems, "%s: %s: %s", manifest->file, arg, why);
      else if (g_str_equal (key, "--socket") &&
               (g_str_equal (value, "session-bus") || g_str_equal (value, "system-bus")))
        problem (problems, "%s: %s opens the whole bus (finish-args-arbitrary-dbus-access)",
                 manifest->file, arg);
      else if (g_str_equal (key, "--socket") && g_str_equal (value, "x11"))
        problem (problems, "%s: %s: X11 only as --socket=fallback-x11 beside Wayland "
                 "(finish-args-contains-both-x11-and-wayland)", manifest->file, arg);
      else if (g_str_equal (key, "--socket") &&
               (g_str_equal (value, "ssh-auth") || g_str_equal (value, "gpg-agent")))
        problem (problems, "%s: %s hands out the user’s keys", manifest->file, arg);
      else if (g_str_equal (key, "--device") && g_str_equal (value, "all"))
        problem (problems, "%s: %s opens every device; GTK needs only dri", manifest->file, arg);
      else if (g_str_equal (key, "--share") && g_str_equal (value, "network"))
        problem (problems, "%s: %s: Limber never goes on the network", manifest->file, arg);
      else if (g_str_equal (key, "--metadata"))
        problem (problems, "%s: %s (finish-args-metadata-key)", manifest->file, arg);
    }

  if (!has_finish_arg (manifest, "--socket=wayland"))
    problem (problems, "%s: no --socket=wayland: the windows would need X11 everywhere",
             manifest->file);
  if (has_finish_arg (manifest, "--socket=wayland") && !has_finish_arg (manifest, "--socket=fallback-x11"))
    problem (problems, "%s: --socket=wayland without --socket=fallback-x11 (finish-args-only-wayland)",
             manifest->file);
  if (has_finish_arg (manifest, "--socket=fallback-x11") && !has_finish_arg (manifest, "--share=ipc"))
    problem (problems, "%s: X11 without --share=ipc (finish-args-x11-without-ipc)", manifest->file);
}

/* Every source pinned: archives by checksum, git by tag and commit, and
 * the release built from git, never from a folder on the builder's disk. */
static void
check_sources (Manifest  *manifest,
               GPtrArray *problems)
{
  g_autofree char *limber_tag = g_strdup_printf ("v%s", PACKAGE_VERSION);
  g_autofree char *vcs = read_project_file ("data", APP_ID ".metainfo.xml.in", NULL);

  for (guint i = 0; i < manifest->modules->len; i++)
    {
      JsonObject *module = g_ptr_array_index (manifest->modules, i);
      const char *name = string_member (module, "name");
      JsonArray *sources = array_member (module, "sources");
      gboolean limber = g_strcmp0 (name, LIMBER_MODULE) == 0;

      if (name == NULL)
        {
          problem (problems, "%s: a module has no name", manifest->file);
          continue;
        }
      if (sources == NULL || json_array_get_length (sources) == 0)
        problem (problems, "%s: module %s has no sources", manifest->file, name);

      for (guint j = 0; sources != NULL && j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);
          const char *type = string_member (source, "type");
          const char *url = string_member (source, "url");

          if (g_strcmp0 (type, "dir") == 0)
            {
              if (manifest->release)
                problem (problems, "%s: module %s has a dir source; Flathub builds only from "
                         "git or archives (module-%s-source-dir-not-allowed)",
                         manifest->file, name, name);
              else if (!limber)
                problem (problems, "%s: module %s has a dir source; only Limber’s own module "
                         "may come from the working tree", manifest->file, name);
            }
          else if (g_strcmp0 (type, "archive") == 0 || g_strcmp0 (type, "file") == 0)
            {
              if (!is_hex (string_member (source, "sha256"), 64))
                problem (problems, "%s: module %s: %s has no sha256", manifest->file, name,
                         or_none (url != NULL ? url : string_member (source, "path")));
              if (json_object_has_member (source, "md5") || json_object_has_member (source, "sha1"))
                problem (problems, "%s: module %s: md5 and sha1 are deprecated "
                         "(module-%s-source-sha1-deprecated)", manifest->file, name, name);
              if (url != NULL && !g_str_has_prefix (url, "https://"))
                problem (problems, "%s: module %s: %s is not https", manifest->file, name, url);
            }
          else if (g_strcmp0 (type, "git") == 0)
            {
              const char *tag = string_member (source, "tag");
              const char *commit = string_member (source, "commit");

              if (url == NULL || !g_str_has_prefix (url, "https://"))
                problem (problems, "%s: module %s: git url “%s” is not https", manifest->file,
                         name, or_none (url));
              if (json_object_has_member (source, "branch"))
                problem (problems, "%s: module %s follows a branch; pin a tag and its commit "
                         "(module-%s-source-git-branch)", manifest->file, name, name);
              if (commit != NULL && !is_hex (commit, 40))
                problem (problems, "%s: module %s: commit “%s” is not a full commit hash",
                         manifest->file, name, commit);

              if (limber)
                {
                  /* The release is the tag of this version; its commit is
                   * known only once it is tagged, when Flathub's copy of
                   * this manifest gets it. */
                  if (g_strcmp0 (tag, limber_tag) != 0)
                    problem (problems, "%s: module limber builds tag “%s”, but meson.build is at "
                             "version " PACKAGE_VERSION ", tag %s", manifest->file, or_none (tag),
                             limber_tag);
                  if (url == NULL || !g_str_has_suffix (url, ".git"))
                    problem (problems, "%s: module limber comes from “%s”, not a git URL",
                             manifest->file, or_none (url));
                  else
                    {
                      g_autofree char *repository = g_strndup (url, strlen (url) - strlen (".git"));
                      g_autofree char *named = g_strdup_printf ("<url type=\"vcs-browser\">%s</url>",
                                                                repository);

                      if (strstr (vcs, named) == NULL)
                        problem (problems, "%s: module limber comes from %s, not the repository "
                                 "the metainfo names", manifest->file, url);
                    }
                }
              else if (tag == NULL || commit == NULL)
                problem (problems, "%s: module %s: a git source needs a tag and its commit "
                         "(module-%s-source-git-no-commit-with-tag)", manifest->file, name, name);
            }
          else if (g_strcmp0 (type, "patch") == 0)
            {
              const char *patch = or_none (string_member (source, "path"));
              g_autofree char *path = project_file ("flatpak", patch, NULL);

              if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
                problem (problems, "%s: module %s: patch %s is missing", manifest->file, name, patch);
            }
          else
            problem (problems, "%s: module %s: a %s source, which this test does not know how "
                     "to check", manifest->file, name, or_none (type));
        }
    }

  if (find_module (manifest, LIMBER_MODULE) == NULL)
    problem (problems, "%s: has no module named " LIMBER_MODULE, manifest->file);
}

/* Nothing the runtime has is built again: a second, older copy of a
 * library only hides the runtime's fixes. */
static void
check_nothing_bundled_twice (Manifest  *manifest,
                             GPtrArray *problems)
{
  for (guint i = 0; i < manifest->modules->len; i++)
    {
      JsonObject *module = g_ptr_array_index (manifest->modules, i);
      const char *name = string_member (module, "name");
      JsonArray *sources = array_member (module, "sources");

      for (guint r = 0; r < G_N_ELEMENTS (runtime_libraries); r++)
        {
          const char *project = runtime_libraries[r].project;
          gboolean bundled = names_project (name, project);

          for (guint j = 0; !bundled && sources != NULL && j < json_array_get_length (sources); j++)
            {
              JsonObject *source = json_array_get_object_element (sources, j);
              const char *where = string_member (source, "url");
              g_autofree char *base = NULL;

              if (where == NULL)
                where = string_member (source, "path");
              if (where == NULL)
                continue;
              base = g_path_get_basename (where);
              bundled = names_project (base, project);
            }

          if (bundled)
            problem (problems, "%s: module %s builds %s, which the GNOME runtime already has",
                     manifest->file, name, project);
        }
    }
}

typedef struct
{
  char     *name;
  char     *file;
  gboolean  required;
} MesonDependency;

static void
meson_dependency_free (MesonDependency *dependency)
{
  g_free (dependency->name);
  g_free (dependency->file);
  g_free (dependency);
}

/* Skips the string literal that starts at @p, returning what follows it. */
static const char *
skip_string (const char *p)
{
  gboolean triple = g_str_has_prefix (p, "'''");

  p += triple ? 3 : 1;
  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0')
        p += 2;
      else if (triple && g_str_has_prefix (p, "'''"))
        return p + 3;
      else if (!triple && *p == '\'')
        return p + 1;
      else
        p++;
    }

  return p;
}

/* The dependency('name', ...) calls of one meson.build: the name, and
 * whether the build fails without it (a dependency with required: false
 * or required: get_option (...) only switches a feature off). */
static void
parse_meson_dependencies (const char *file,
                          const char *text,
                          GPtrArray  *dependencies)
{
  g_autoptr (GString) code = g_string_new (NULL);

  /* The code without its comments. */
  for (const char *p = text; *p != '\0';)
    {
      if (*p == '\'')
        {
          const char *end = skip_string (p);

          g_string_append_len (code, p, end - p);
          p = end;
        }
      else if (*p == '#')
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else
        g_string_append_c (code, *p++);
    }

  for (const char *p = code->str; (p = strstr (p, "dependency")) != NULL; p += strlen ("dependency"))
    {
      const char *args = p + strlen ("dependency");
      const char *end;
      g_autofree char *call = NULL;
      MesonDependency *dependency;
      const char *quote;
      int depth = 1;

      /* Not declare_dependency() nor a variable named ..._dependency. */
      if (p > code->str && (g_ascii_isalnum (p[-1]) || p[-1] == '_' || p[-1] == '.'))
        continue;
      while (*args == ' ' || *args == '\t')
        args++;
      if (*args != '(')
        continue;

      for (end = args + 1; *end != '\0' && depth > 0;)
        {
          if (*end == '\'')
            end = skip_string (end);
          else
            {
              depth += *end == '(';
              depth -= *end == ')';
              end++;
            }
        }
      call = g_strndup (args + 1, end - args - 1);

      quote = strchr (call, '\'');
      if (quote == NULL)
        continue;
      dependency = g_new0 (MesonDependency, 1);
      dependency->name = g_strndup (quote + 1, strcspn (quote + 1, "'"));
      dependency->file = g_strdup (file);
      {
        g_autoptr (GRegex) optional = g_regex_new ("required\\s*:\\s*(false|get_option\\s*\\()",
                                                   0, 0, NULL);

        dependency->required = !g_regex_match (optional, call, 0, NULL);
      }
      g_ptr_array_add (dependencies, dependency);
    }
}

/* The meson.build files the Flatpak build reads: all but those of the
 * tests, benchmarks and fuzzers, which its config-opts leave out, and of
 * build folders. */
static void
collect_meson_dependencies (const char *dir,
                            const char *relative,
                            GPtrArray  *dependencies)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *private = g_build_filename (dir, "meson-private", NULL);
  const char *entry;

  if (listing == NULL || g_file_test (private, G_FILE_TEST_IS_DIR))
    return;

  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *shown = relative != NULL ? g_build_filename (relative, entry, NULL) : g_strdup (entry);

      if (entry[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (relative == NULL && (g_str_equal (entry, "tests") || g_str_equal (entry, "bench") ||
                                   g_str_equal (entry, "fuzz") || g_str_equal (entry, "subprojects")))
            continue;
          collect_meson_dependencies (path, shown, dependencies);
        }
      else if (g_str_equal (entry, "meson.build"))
        {
          g_autofree char *text = NULL;
          g_autoptr (GError) error = NULL;

          g_file_get_contents (path, &text, NULL, &error);
          g_assert_no_error (error);
          parse_meson_dependencies (shown, text, dependencies);
        }
    }
}

static gboolean
runtime_has (const char *pkg_config)
{
  for (guint r = 0; r < G_N_ELEMENTS (runtime_libraries); r++)
    {
      for (guint k = 0; runtime_libraries[r].pkg_config[k] != NULL; k++)
        {
          if (g_str_equal (runtime_libraries[r].pkg_config[k], pkg_config))
            return TRUE;
        }
    }

  return FALSE;
}

/* Every library meson needs is in the runtime or built by a module (a
 * module named after it, or after it without its API version:
 * "libfoo" for "libfoo-1.0"). */
static void
check_dependencies_provided (Manifest  *manifest,
                             GPtrArray *dependencies,
                             GPtrArray *problems)
{
  gboolean sounds = FALSE;

  for (guint i = 0; i < dependencies->len; i++)
    {
      MesonDependency *dependency = g_ptr_array_index (dependencies, i);
      gboolean built = FALSE;

      if (g_str_equal (dependency->name, "gsound") || g_str_equal (dependency->name, "libcanberra"))
        sounds = TRUE;
      if (!dependency->required || runtime_has (dependency->name))
        continue;

      for (guint m = 0; !built && m < manifest->modules->len; m++)
        {
          const char *module = string_member (g_ptr_array_index (manifest->modules, m), "name");

          built = module != NULL && names_project (dependency->name, module);
        }

      if (!built)
        problem (problems, "%s: %s asks for dependency('%s'), which the GNOME runtime does not "
                 "ship and no module builds", manifest->file, dependency->file, dependency->name);
    }

  if (sounds && !has_finish_arg (manifest, "--socket=pulseaudio"))
    problem (problems, "%s: Limber plays sounds, but without --socket=pulseaudio they are silent",
             manifest->file);
}

/* Every talk-name is one the code talks to. */
static void
check_talk_names_used (Manifest  *manifest,
                       GPtrArray *sources,
                       GPtrArray *problems)
{
  g_autoptr (GPtrArray) args = finish_args (manifest);

  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      g_autofree char *quoted = NULL;
      gboolean used = FALSE;

      if (!g_str_has_prefix (arg, "--talk-name="))
        continue;
      quoted = g_strdup_printf ("\"%s\"", arg + strlen ("--talk-name="));
      for (guint j = 0; !used && j < sources->len; j++)
        used = strstr (g_ptr_array_index (sources, j), quoted) != NULL;

      if (!used)
        problem (problems, "%s: %s, but no file under src/ names that service", manifest->file, arg);
    }
}

static void
collect_sources (const char *dir,
                 GPtrArray  *sources)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_sources (path, sources);
      else if (g_str_has_suffix (entry, ".c") || g_str_has_suffix (entry, ".h"))
        {
          char *text = NULL;
          g_autoptr (GError) error = NULL;

          g_file_get_contents (path, &text, NULL, &error);
          g_assert_no_error (error);
          g_ptr_array_add (sources, text);
        }
    }
}

/* The rows of the Markdown table below the heading that contains
 * @heading: the first cell without its backquotes, and the second. */
static GHashTable *
readme_table (const char *readme,
              const char *heading)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = g_strsplit (readme, "\n", -1);
  gboolean under = FALSE;
  gboolean in_table = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto (GStrv) cells = NULL;

      if (g_str_has_prefix (line, "#"))
        {
          if (in_table)
            break;
          under = strstr (line, heading) != NULL;
          continue;
        }
      if (!under)
        continue;
      if (!g_str_has_prefix (line, "|"))
        {
          if (in_table)
            break;
          continue;
        }

      cells = g_strsplit (line, "|", -1);
      if (g_strv_length (cells) < 4)
        continue;
      g_strstrip (cells[1]);
      g_strstrip (cells[2]);
      /* The header row and the line under it. */
      if (!in_table || g_str_has_prefix (cells[1], "---"))
        {
          in_table = TRUE;
          continue;
        }
      g_hash_table_insert (rows, g_strndup (cells[1] + (cells[1][0] == '`'),
                                            strlen (cells[1]) - 2 * (cells[1][0] == '`')),
                           g_strdup (cells[2]));
    }

  return rows;
}

/* Each finish-arg and each module has its reason in flatpak/README.md,
 * and the README explains nothing the manifest no longer has. */
static void
check_readme (Manifest   *manifest,
              const char *readme,
              GPtrArray  *problems)
{
  g_autoptr (GHashTable) reasons = readme_table (readme, "finish-args: why each is there");
  g_autoptr (GHashTable) modules = readme_table (readme, "Modules: what the runtime lacks");
  g_autoptr (GPtrArray) args = finish_args (manifest);
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      const char *reason = g_hash_table_lookup (reasons, arg);

      g_hash_table_add (named, (gpointer) arg);
      if (reason == NULL || strlen (reason) < 10)
        problem (problems, "%s: %s has no reason in flatpak/README.md’s table “finish-args: why "
                 "each is there”", manifest->file, arg);
    }
  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (named, key))
        problem (problems, "flatpak/README.md explains %s, which %s does not ask for",
                 (char *) key, manifest->file);
    }

  g_hash_table_remove_all (named);
  for (guint i = 0; i < manifest->modules->len; i++)
    {
      const char *name = string_member (g_ptr_array_index (manifest->modules, i), "name");
      const char *reason = g_hash_table_lookup (modules, name);

      g_hash_table_add (named, (gpointer) name);
      if (reason == NULL || strlen (reason) < 10)
        problem (problems, "%s: module %s is not explained in flatpak/README.md’s table "
                 "“Modules: what the runtime lacks”", manifest->file, name);
    }
  g_hash_table_iter_init (&iter, modules);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (named, key))
        problem (problems, "flatpak/README.md explains module %s, which %s does not build",
                 (char *) key, manifest->file);
    }
}

/* The options flatpak-builder gives meson: no tests, and no manual pages
 * once the project has the option (scdoc is not in the Sdk). */
static void
check_limber_options (Manifest  *manifest,
                      GPtrArray *problems)
{
  JsonObject *limber = find_module (manifest, LIMBER_MODULE);
  JsonArray *config_opts = limber != NULL ? array_member (limber, "config-opts") : NULL;
  g_autoptr (GHashTable) opts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *options = read_project_file ("meson_options.txt", NULL);
  g_autoptr (GRegex) man = g_regex_new ("^option\\s*\\(\\s*'man'", G_REGEX_MULTILINE, 0, NULL);

  if (limber == NULL)
    return;
  if (g_strcmp0 (string_member (limber, "buildsystem"), "meson") != 0)
    problem (problems, "%s: module limber does not build with meson", manifest->file);

  for (guint i = 0; config_opts != NULL && i < json_array_get_length (config_opts); i++)
    g_hash_table_add (opts, (gpointer) json_array_get_string_element (config_opts, i));

  if (!g_hash_table_contains (opts, "-Dtests=false"))
    problem (problems, "%s: module limber builds the tests (no -Dtests=false)", manifest->file);
  if (g_regex_match (man, options, 0, NULL) && !g_hash_table_contains (opts, "-Dman=disabled"))
    problem (problems, "%s: module limber builds the manual pages (no -Dman=disabled)",
             manifest->file);
}

static void
test_identity (void)
{
  const char *files[] = { RELEASE_MANIFEST, DEVEL_MANIFEST };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *metainfo = read_project_file ("data", APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *desktop = project_file ("data", APP_ID ".desktop.in", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (Manifest) manifest = load_manifest (files[i], i == 0);

      check_identity (manifest, problems);
    }

  /* The files Flatpak exports are named after the same ID. */
  if (strstr (metainfo, "<id>" APP_ID "</id>") == NULL)
    problem (problems, "the metainfo’s <id> is not " APP_ID);
  if (strstr (metainfo, "<launchable type=\"desktop-id\">" APP_ID ".desktop</launchable>") == NULL)
    problem (problems, "the metainfo does not launch " APP_ID ".desktop");
  if (!g_file_test (desktop, G_FILE_TEST_IS_REGULAR))
    problem (problems, "there is no data/" APP_ID ".desktop.in");

  assert_no_problems (problems);
}

static void
test_runtime (void)
{
  g_autoptr (Manifest) release = load_manifest (RELEASE_MANIFEST, TRUE);
  g_autoptr (Manifest) devel = load_manifest (DEVEL_MANIFEST, FALSE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_runtime (release, problems);
  check_runtime (devel, problems);
  if (g_strcmp0 (string_member (release->root, "runtime-version"),
                 string_member (devel->root, "runtime-version")) != 0)
    problem (problems, "the two manifests build on different runtime versions");

  assert_no_problems (problems);
}

static void
test_finish_args (void)
{
  g_autoptr (Manifest) release = load_manifest (RELEASE_MANIFEST, TRUE);
  g_autoptr (Manifest) devel = load_manifest (DEVEL_MANIFEST, FALSE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *src = project_file ("src", NULL);
  g_autoptr (GPtrArray) release_args = finish_args (release);
  g_autoptr (GPtrArray) devel_args = finish_args (devel);

  collect_sources (src, sources);
  check_finish_args (release, problems);
  check_talk_names_used (release, sources, problems);
  check_finish_args (devel, problems);
  check_talk_names_used (devel, sources, problems);

  /* What is tried in the working tree is what users get. */
  if (release_args->len != devel_args->len)
    problem (problems, "the two manifests ask for different finish-args");
  for (guint i = 0; i < devel_args->len; i++)
    {
      if (!has_finish_arg (release, g_ptr_array_index (devel_args, i)))
        problem (problems, DEVEL_MANIFEST " asks for %s, the release does not",
                 (char *) g_ptr_array_index (devel_args, i));
    }

  assert_no_problems (problems);
}

static void
test_readme (void)
{
  g_autoptr (Manifest) release = load_manifest (RELEASE_MANIFEST, TRUE);
  g_autoptr (Manifest) devel = load_manifest (DEVEL_MANIFEST, FALSE);
  g_autofree char *readme = read_project_file ("flatpak", "README.md", NULL);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_readme (release, readme, problems);
  check_readme (devel, readme, problems);

  assert_no_problems (problems);
}

static void
test_sources (void)
{
  g_autoptr (Manifest) release = load_manifest (RELEASE_MANIFEST, TRUE);
  g_autoptr (Manifest) devel = load_manifest (DEVEL_MANIFEST, FALSE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *devel_limber;
  JsonArray *devel_sources;

  check_sources (release, problems);
  check_sources (devel, problems);

  /* The development manifest builds the working tree, the rest as the
   * release does. */
  devel_limber = find_module (devel, LIMBER_MODULE);
  devel_sources = devel_limber != NULL ? array_member (devel_limber, "sources") : NULL;
  if (devel_sources == NULL || json_array_get_length (devel_sources) != 1 ||
      g_strcmp0 (string_member (json_array_get_object_element (devel_sources, 0), "type"), "dir") != 0 ||
      g_strcmp0 (string_member (json_array_get_object_element (devel_sources, 0), "path"), "..") != 0)
    problem (problems, DEVEL_MANIFEST ": module limber does not build the working tree "
             "(a dir source of \"..\")");
  if (release->modules->len != devel->modules->len)
    problem (problems, "the two manifests build different modules");
  for (guint i = 0; i < devel->modules->len; i++)
    {
      JsonObject *module = g_ptr_array_index (devel->modules, i);
      const char *name = string_member (module, "name");
      JsonObject *twin = find_module (release, name);
      g_autoptr (JsonNode) a = NULL;
      g_autoptr (JsonNode) b = NULL;

      if (twin == NULL)
        {
          problem (problems, DEVEL_MANIFEST " builds module %s, the release does not", name);
          continue;
        }
      if (g_str_equal (name, LIMBER_MODULE))
        continue;
      a = json_node_init_object (json_node_alloc (), module);
      b = json_node_init_object (json_node_alloc (), twin);
      if (!json_node_equal (a, b))
        problem (problems, "module %s differs between the two manifests", name);
    }

  assert_no_problems (problems);
}

static void
test_runtime_libraries (void)
{
  const char *files[] = { RELEASE_MANIFEST, DEVEL_MANIFEST };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) dependencies = g_ptr_array_new_with_free_func ((GDestroyNotify) meson_dependency_free);
  g_autofree char *top = project_file ("meson.build", NULL);
  g_autofree char *top_dir = g_path_get_dirname (top);
  gboolean gsound_asked = FALSE;

  collect_meson_dependencies (top_dir, NULL, dependencies);
  for (guint i = 0; i < dependencies->len; i++)
    gsound_asked |= g_str_equal (((MesonDependency *) g_ptr_array_index (dependencies, i))->name, "gsound");
  /* The parser finds what is there. */
  g_assert_true (gsound_asked);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (Manifest) manifest = load_manifest (files[i], i == 0);

      check_nothing_bundled_twice (manifest, problems);
      check_dependencies_provided (manifest, dependencies, problems);
    }

  assert_no_problems (problems);
}

static void
test_config_opts_accepted (void)
{
  g_autoptr (Manifest) release = load_manifest (RELEASE_MANIFEST, TRUE);
  g_autoptr (Manifest) devel = load_manifest (DEVEL_MANIFEST, FALSE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *limber = find_module (release, LIMBER_MODULE);
  JsonArray *config_opts;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *build_dir = NULL;
  g_autofree char *source_dir = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  check_limber_options (release, problems);
  check_limber_options (devel, problems);
  assert_no_problems (problems);

  g_assert_nonnull (limber);
  config_opts = array_member (limber, "config-opts");

  build_dir = g_dir_make_tmp ("limber-flatpak-XXXXXX", &error);
  g_assert_no_error (error);

  /* What flatpak-builder runs for a meson module. */
  g_ptr_array_add (argv, g_strdup ("meson"));
  g_ptr_array_add (argv, g_strdup ("setup"));
  g_ptr_array_add (argv, g_strdup ("--prefix=/app"));
  g_ptr_array_add (argv, g_strdup ("--libdir=lib"));
  g_ptr_array_add (argv, g_strdup ("--buildtype=release"));
  for (guint i = 0; config_opts != NULL && i < json_array_get_length (config_opts); i++)
    g_ptr_array_add (argv, g_strdup (json_array_get_string_element (config_opts, i)));
  g_ptr_array_add (argv, g_build_filename (build_dir, "build", NULL));
  g_ptr_array_add (argv, g_strdup (source_dir));
  g_ptr_array_add (argv, NULL);

  status = limber_test_run ((const char * const *) argv->pdata, NULL, &out, &err);
  limber_test_remove_tree (build_dir);
  if (status != 0)
    g_error ("meson refused the manifest’s config-opts:\n%s%s", out, err);

  g_assert_nonnull (strstr (out, "Build targets in project"));
}

/* The manifest this issue started from, and worse: every check must find
 * what is wrong with it, so that a test that passes means something. */
static const char bad_manifest[] =
  "{"
  "  \"app-id\": \"org.example.Limber\","
  "  \"runtime\": \"org.gnome.Platform\","
  "  \"runtime-version\": \"master\","
  "  \"sdk\": \"org.freedesktop.Sdk\","
  "  \"command\": \"limber\","
  "  \"finish-args\": ["
  "    \"--socket=x11\","
  "    \"--socket=wayland\","
  "    \"--filesystem=home\","
  "    \"--own-name=" APP_ID ".Daemon\","
  "    \"--talk-name=org.freedesktop.Notifications\","
  "    \"--talk-name=org.freedesktop.portal.Background\","
  "    \"--talk-name=org.gnome.ScreenSaver\","
  "    \"--system-talk-name=org.freedesktop.login1\""
  "  ],"
  "  \"modules\": ["
  "    {"
  "      \"name\": \"libnotify\","
  "      \"sources\": [ { \"type\": \"archive\","
  "                       \"url\": \"https://download.gnome.org/sources/libnotify/0.8/libnotify-0.8.6.tar.xz\" } ]"
  "    },"
  "    {"
  "      \"name\": \"sound\","
  "      \"sources\": [ { \"type\": \"git\", \"url\": \"https://example.org/sound.git\", \"branch\": \"main\" } ]"
  "    },"
  "    {"
  "      \"name\": \"limber\","
  "      \"buildsystem\": \"meson\","
  "      \"sources\": [ { \"type\": \"dir\", \"path\": \"..\" } ]"
  "    }"
  "  ]"
  "}";

static const char bad_meson_build[] =
  "gsound_dep = dependency('gsound', version: '>= 1.0')\n"
  "# dependency('commented-out')\n"
  "lib_dep = declare_dependency(link_with: lib)\n"
  "extra_dep = dependency('libextra-1.0',\n"
  "  version: '>= 2')\n"
  "maybe_dep = dependency('libmaybe', required: false)\n"
  "feature_dep = dependency('libfeature', required: get_option('feature'))\n";

static void
test_checks_catch_problems (void)
{
  g_autoptr (Manifest) manifest = manifest_new (RELEASE_MANIFEST, bad_manifest, NULL, TRUE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) dependencies = g_ptr_array_new_with_free_func ((GDestroyNotify) meson_dependency_free);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  const char *readme = "## finish-args: why each is there\n\n"
                       "| finish-arg | why |\n| --- | --- |\n"
                       "| `--socket=wayland` | Shows the windows on Wayland. |\n"
                       "| `--device=dri` | GTK 4 draws with the GPU. |\n\n"
                       "## Modules: what the runtime lacks\n\n"
                       "| module | why |\n| --- | --- |\n"
                       "| `limber` | Limber itself. |\n";
  const char *expected[] = {
    "id is “(none)”",
    "old key app-id",
    "“master”",
    "not org.gnome.Sdk",
    "--socket=x11",
    "--filesystem=home",
    "Flathub refuses --own-name",
    "--talk-name=org.freedesktop.Notifications: libnotify uses the notification portal",
    "finish-args-portal-talk-name",
    "finish-args-login1",
    "--system-talk-name=org.freedesktop.login1: Limber needs nothing on the system bus",
    "--socket=wayland without --socket=fallback-x11",
    "libnotify-0.8.6.tar.xz has no sha256",
    "module sound follows a branch",
    "module sound: a git source needs a tag and its commit",
    "module-limber-source-dir-not-allowed",
    "module libnotify builds libnotify, which the GNOME runtime already has",
    "dependency('gsound'), which the GNOME runtime does not ship",
    "dependency('libextra-1.0')",
    "without --socket=pulseaudio",
    "--talk-name=org.gnome.ScreenSaver, but no file under src/",
    "--filesystem=home has no reason",
    "explains --device=dri, which",
    "module libnotify is not explained",
  };
  const char *not_expected[] = {
    "libmaybe",
    "libfeature",
    "commented-out",
    "declare_dependency",
    "--talk-name=org.freedesktop.portal.Background, but no file",
    "--socket=wayland has no reason",
  };
  g_autoptr (GString) all = g_string_new (NULL);

  parse_meson_dependencies ("meson.build", bad_meson_build, dependencies);
  g_assert_cmpuint (dependencies->len, ==, 4);
  g_ptr_array_add (sources, g_strdup ("#define NAME \"org.freedesktop.portal.Background\"\n"));

  check_identity (manifest, problems);
  check_runtime (manifest, problems);
  check_finish_args (manifest, problems);
  check_talk_names_used (manifest, sources, problems);
  check_sources (manifest, problems);
  check_nothing_bundled_twice (manifest, problems);
  check_dependencies_provided (manifest, dependencies, problems);
  check_readme (manifest, readme, problems);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "\n  %s", (char *) g_ptr_array_index (problems, i));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (!has_problem (problems, expected[i]))
        g_error ("the checks missed “%s”; they found:%s", expected[i], all->str);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_expected); i++)
    {
      if (has_problem (problems, not_expected[i]))
        g_error ("the checks wrongly reported “%s”; they found:%s", not_expected[i], all->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/runtime", test_runtime);
  g_test_add_func ("/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/flatpak/readme", test_readme);
  g_test_add_func ("/flatpak/sources", test_sources);
  g_test_add_func ("/flatpak/runtime-libraries", test_runtime_libraries);
  g_test_add_func ("/flatpak/config-opts-accepted", test_config_opts_accepted);
  g_test_add_func ("/flatpak/checks-catch-problems", test_checks_catch_problems);

  return g_test_run ();
}
