/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sdb-application.h"
#include "sdb-database.h"
#include "sdb-window.h"

struct _SdbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SdbApplication, sdb_application, ADW_TYPE_APPLICATION)

SdbApplication *
sdb_application_new (void)
{
  return g_object_new (SDB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", SDB_RESOURCE_PATH,
                       NULL);
}

/**
 * sdb_application_open_database:
 *
 * Opens @path in a new window. A database that cannot be opened still gets its window, which
 * says why in words a clerk understands, rather than a program that silently does not start.
 */
GtkWindow *
sdb_application_open_database (SdbApplication *self,
                               const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) database = NULL;
  SdbWindow *window;

  g_return_val_if_fail (SDB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  database = sdb_database_open (path, &error);
  window = sdb_window_new (self);
  if (database != NULL)
    sdb_window_set_database (window, database);
  else
    sdb_window_show_error (window, path, error->message);

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
sdb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = sdb_database_dup_default_path ();
  sdb_application_open_database (SDB_APPLICATION (app), path);
}

static void
sdb_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        sdb_application_open_database (SDB_APPLICATION (app), path);
    }
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Sổ Đảng bộ developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Party Committee Records"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Sổ Đảng bộ developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/sodangbo/sodangbo",
                        "issue-url", "https://github.com/sodangbo/sodangbo/issues",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = on_about_activated },
  { .name = "quit", .activate = on_quit_activated },
};

static void
sdb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (sdb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
}

static void
sdb_application_class_init (SdbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sdb_application_activate;
  app_class->open = sdb_application_open;
  app_class->startup = sdb_application_startup;
}

static void
sdb_application_init (SdbApplication *self)
{
  g_set_application_name (_("Party Committee Records"));
  gtk_window_set_default_icon_name (APP_ID);
}
