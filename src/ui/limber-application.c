/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>

#include "limber-application.h"
#include "limber-autostart.h"
#include "limber-desktop-clock.h"
#include "limber-preferences-window.h"
#include "limber-sandbox.h"
#include "limber-start-at-login.h"
#include "limber-stretch-window.h"
#include "limber-window.h"

struct _LimberApplication
{
  AdwApplication  parent_instance;

  LimberContext  *context;
  /* The desktop's 12- or 24-hour clock, followed while the window runs;
   * the pages show times anew at their next tick. */
  LimberDesktopClock *desktop_clock;
  /* What `limber --page NAME` or `--preferences` asked for, shown once
   * the window is up. */
  char           *initial_page;
  gboolean        initial_preferences;
  /* `limber --stretch ID [--for-break]`: a guided stretch on its own. */
  char           *initial_stretch;
  gboolean        initial_for_break;
};

G_DEFINE_FINAL_TYPE (LimberApplication, limber_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open on a page: today, stretches, journal or trends"), N_("PAGE") },
  { "preferences", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the preferences"), NULL },
  { "stretch", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Guide through a stretch or routine; “limber stretch” lists them"), N_("ID") },
  { "for-break", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --stretch: the stretch is the break that is due"), NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.preferences",               { "<Control>comma", NULL } },
  { "app.quit",                      { "<Control>q", NULL } },
  { "window.close",                  { "<Control>w", NULL } },
  { "win.show-help-overlay",         { "<Control>question", NULL } },
  { "win.show-page('today')",        { "<Alt>1", NULL } },
  { "win.show-page('stretches')",    { "<Alt>2", NULL } },
  { "win.show-page('journal')",      { "<Alt>3", NULL } },
  { "win.show-page('trends')",       { "<Alt>4", NULL } },
};

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LimberApplication *self = LIMBER_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LimberPreferencesWindow *preferences;

  preferences = limber_preferences_window_new (parent, self->context);
  gtk_window_set_modal (GTK_WINDOW (preferences), parent != NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* libadwaita 1.2 gives the version button of the About window no name: a
 * screen reader says “GtkButton”. It is the button showing the version. */
static gboolean
name_version_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), PACKAGE_VERSION) == 0)
        {
          g_autofree char *name = NULL;

          /* Translators: %s is a version number such as 0.1.0. */
          name = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          return TRUE;
        }
      if (name_version_button (child))
        return TRUE;
    }

  return FALSE;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LimberApplication *self = LIMBER_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Limber Developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);
  adw_about_window_set_application_name (about, _("Limber"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Limber Developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Limber reminds you to take breaks while you really work, guides you through stretches for your upper back and keeps a daily pain journal. It is not a medical device and does not diagnose anything."));
  adw_about_window_set_website (about, "https://github.com/limberapp/limber");
  adw_about_window_set_issue_url (about, "https://github.com/limberapp/limber/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The Limber Developers"));
  /* Translators: replace this with your name and email address, one
   * translator per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  name_version_button (GTK_WIDGET (about));
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LimberApplication *self = LIMBER_APPLICATION (user_data);
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (LIMBER_IS_WINDOW (window))
    limber_window_show_page (LIMBER_WINDOW (window), g_variant_get_string (parameter, NULL));
}

/* Closes each window as its close button would, so that a window can
 * still ask first (the Journal, about an entry it cannot save yet); the
 * application ends with its last window. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  /* Held, as closing one window can destroy another, such as a dialog
   * that goes with it. */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (application), (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
  if (gtk_application_get_windows (application) == NULL)
    g_application_quit (G_APPLICATION (application));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about",       about_action },
  { "show-page",   show_page_action, "s" },
  { "quit",        quit_action },
};

/* Only the person changes it (the window's question or Preferences), and
 * that answers the question for good. */
static void
start_at_login_changed_cb (LimberApplication *self)
{
  g_settings_set_boolean (limber_context_get_state (self->context), "start-at-login-asked", TRUE);
  limber_start_at_login_apply (limber_context_get_settings (self->context),
                               gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* Versions before the question switched start at login on by themselves
 * and wrote the autostart file. The setting says so, and the question
 * still comes: its answer keeps the file or removes it. */
static void
show_earlier_start_at_login (LimberContext *context)
{
  if (g_settings_get_boolean (limber_context_get_state (context), "start-at-login-asked") ||
      limber_sandbox_use_portals () || !limber_autostart_file_exists ())
    return;

  g_settings_set_boolean (limber_context_get_settings (context), "start-at-login", TRUE);
}

static int
limber_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("limber %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* The window is all that is left to do; without a display say so in one
   * line instead of GTK's warnings. */
  if (!gtk_init_check ())
    {
      if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
        g_printerr ("%s\n", _("limber: cannot open a window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); the “limber COMMAND” commands work without one"));
      else
        g_printerr ("%s\n", _("limber: cannot open a window: the display could not be opened"));
      return 1;
    }

  return -1;
}

static void
limber_application_startup (GApplication *application)
{
  LimberApplication *self = LIMBER_APPLICATION (application);
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *journal_path = NULL;

  G_APPLICATION_CLASS (limber_application_parent_class)->startup (application);

  /* Before any window shows a time. */
  self->desktop_clock = limber_desktop_clock_follow (NULL, NULL);
  if (self->desktop_clock == NULL)
    limber_desktop_clock_apply ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accelerators[i].action,
                                           accelerators[i].accels);

  settings = g_settings_new (APP_ID);
  self->context = limber_context_new (settings);
  journal_path = limber_journal_default_path ();
  limber_context_open_journal (self->context, journal_path);
  limber_context_start_daemon (self->context);

  show_earlier_start_at_login (self->context);
  g_signal_connect_object (settings, "changed::start-at-login",
                           G_CALLBACK (start_at_login_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
limber_application_activate (GApplication *application)
{
  LimberApplication *self = LIMBER_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A guided stretch comes on its own, without the main window. */
  if (self->initial_stretch != NULL)
    {
      LimberStretchWindow *stretch = limber_stretch_window_new (GTK_APPLICATION (self), self->context,
                                                                self->initial_stretch, self->initial_for_break);

      g_clear_pointer (&self->initial_stretch, g_free);
      if (stretch != NULL)
        {
          gtk_window_present (GTK_WINDOW (stretch));
          return;
        }
    }

  if (window == NULL)
    window = GTK_WINDOW (limber_window_new (ADW_APPLICATION (self), self->context));

  gtk_window_present (window);

  if (self->initial_page != NULL)
    limber_window_show_page (LIMBER_WINDOW (window), self->initial_page);
  g_clear_pointer (&self->initial_page, g_free);
  if (self->initial_preferences)
    g_action_group_activate_action (G_ACTION_GROUP (self), "preferences", NULL);
  self->initial_preferences = FALSE;
}

/* A second `limber --page journal` hands its request to the running
 * window; the first one shows it when its window is up. */
static int
limber_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  LimberApplication *self = LIMBER_APPLICATION (application);

  g_clear_pointer (&self->initial_page, g_free);
  g_variant_dict_lookup (options, "page", "s", &self->initial_page);
  self->initial_preferences = g_variant_dict_contains (options, "preferences");
  g_clear_pointer (&self->initial_stretch, g_free);
  g_variant_dict_lookup (options, "stretch", "s", &self->initial_stretch);
  self->initial_for_break = g_variant_dict_contains (options, "for-break");

  if (self->initial_stretch != NULL
      && limber_catalogue_get_exercise (limber_context_get_catalogue (self->context), self->initial_stretch) == NULL
      && limber_catalogue_get_routine (limber_context_get_catalogue (self->context), self->initial_stretch) == NULL)
    {
      g_application_command_line_printerr (command_line,
                                           _("limber: there is no stretch or routine “%s”; “limber stretch” lists them\n"),
                                           self->initial_stretch);
      g_clear_pointer (&self->initial_stretch, g_free);
      return 2;
    }

  g_application_activate (application);

  return 0;
}

static void
limber_application_shutdown (GApplication *application)
{
  LimberApplication *self = LIMBER_APPLICATION (application);

  if (self->context != NULL)
    limber_context_close_journal_writer (self->context);
  G_APPLICATION_CLASS (limber_application_parent_class)->shutdown (application);

  g_clear_object (&self->context);
}

static void
limber_application_dispose (GObject *object)
{
  LimberApplication *self = LIMBER_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->desktop_clock);
  g_clear_pointer (&self->initial_page, g_free);
  g_clear_pointer (&self->initial_stretch, g_free);

  G_OBJECT_CLASS (limber_application_parent_class)->dispose (object);
}

static void
limber_application_class_init (LimberApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = limber_application_dispose;

  app_class->handle_local_options = limber_application_handle_local_options;
  app_class->startup = limber_application_startup;
  app_class->activate = limber_application_activate;
  app_class->command_line = limber_application_command_line;
  app_class->shutdown = limber_application_shutdown;
}

static void
limber_application_init (LimberApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

LimberApplication *
limber_application_new (void)
{
  return g_object_new (LIMBER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/limberapp/Limber",
                       NULL);
}

LimberContext *
limber_application_get_context (LimberApplication *self)
{
  g_return_val_if_fail (LIMBER_IS_APPLICATION (self), NULL);

  return self->context;
}
