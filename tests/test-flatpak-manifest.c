/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "limber-test-util.h"

/* The Flatpak manifest: it parses, asks for exactly the permissions Limber
 * needs and none that Flathub refuses, and its meson options are ones this
 * project accepts. */

static JsonObject *
load_manifest (JsonParser **parser_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flatpak",
                                                 "io.github.limberapp.Limber.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

static JsonObject *
find_module (JsonObject *manifest,
             const char *name)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonNode *node = json_array_get_element (modules, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "name"), name) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

static void
test_identity (void)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "limber");
  g_assert_nonnull (find_module (manifest, "limber"));
}

static void
test_finish_args (void)
{
  static const char *expected[] = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--talk-name=org.kde.StatusNotifierWatcher",
    "--talk-name=org.gnome.Mutter.IdleMonitor",
    "--talk-name=org.gnome.ScreenSaver",
    "--system-talk-name=org.freedesktop.login1",
  };
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonArray *finish_args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    {
      const char *arg = json_array_get_string_element (finish_args, i);

      /* Flathub refuses --own-name; Limber reads and writes no files of
       * the user's but its own. */
      g_assert_false (g_str_has_prefix (arg, "--own-name"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_false (g_str_equal (arg, "--socket=x11"));
      g_assert_false (g_str_equal (arg, "--talk-name=org.freedesktop.Notifications"));
      g_hash_table_add (seen, (gpointer) arg);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (!g_hash_table_contains (seen, expected[i]))
        g_error ("finish-args lacks %s", expected[i]);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (expected));
}

static void
test_config_opts_accepted (void)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *manifest = load_manifest (&parser);
  JsonObject *limber = find_module (manifest, "limber");
  JsonArray *config_opts;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *build_dir = NULL;
  g_autofree char *source_dir = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_cmpstr (json_object_get_string_member (limber, "buildsystem"), ==, "meson");
  config_opts = json_object_get_array_member (limber, "config-opts");

  build_dir = g_dir_make_tmp ("limber-flatpak-XXXXXX", &error);
  g_assert_no_error (error);

  /* What flatpak-builder runs for a meson module. */
  g_ptr_array_add (argv, g_strdup ("meson"));
  g_ptr_array_add (argv, g_strdup ("setup"));
  g_ptr_array_add (argv, g_strdup ("--prefix=/app"));
  g_ptr_array_add (argv, g_strdup ("--libdir=lib"));
  g_ptr_array_add (argv, g_strdup ("--buildtype=release"));
  for (guint i = 0; i < json_array_get_length (config_opts); i++)
    g_ptr_array_add (argv, g_strdup (json_array_get_string_element (config_opts, i)));
  g_ptr_array_add (argv, g_build_filename (build_dir, "build", NULL));
  g_ptr_array_add (argv, g_strdup (source_dir));
  g_ptr_array_add (argv, NULL);

  status = limber_test_run ((const char * const *) argv->pdata, NULL, &out, &err);
  if (status != 0)
    g_error ("meson refused the manifest's config-opts:\n%s%s", out, err);

  g_assert_nonnull (strstr (out, "Build targets in project"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/flatpak/config-opts-accepted", test_config_opts_accepted);

  return g_test_run ();
}
