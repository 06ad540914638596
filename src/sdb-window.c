/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sdb-window.h"

struct _SdbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  GtkLabel             *path_label;
  GtkButton            *open_other_button;

  /* Owned */
  SdbDatabase          *database;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SdbWindow, sdb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_path (SdbWindow  *self,
           const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_label_set_label (self->path_label, path);
}

void
sdb_window_set_database (SdbWindow   *self,
                         SdbDatabase *database)
{
  g_return_if_fail (SDB_IS_WINDOW (self));
  g_return_if_fail (SDB_IS_DATABASE (database));

  g_set_object (&self->database, database);
  adw_status_page_set_icon_name (self->status_page, APP_ID);
  adw_status_page_set_title (self->status_page, _("Database Opened"));
  adw_status_page_set_description (self->status_page,
                                   _("The records of this committee are kept in this file:"));
  gtk_widget_set_visible (GTK_WIDGET (self->open_other_button), FALSE);
  show_path (self, sdb_database_get_path (database));
}

SdbDatabase *
sdb_window_get_database (SdbWindow *self)
{
  g_return_val_if_fail (SDB_IS_WINDOW (self), NULL);

  return self->database;
}

void
sdb_window_show_error (SdbWindow  *self,
                       const char *path,
                       const char *message)
{
  g_return_if_fail (SDB_IS_WINDOW (self));

  g_clear_object (&self->database);
  adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->status_page, _("Cannot Open the Database"));
  adw_status_page_set_description (self->status_page, message);
  gtk_widget_set_visible (GTK_WIDGET (self->open_other_button), TRUE);
  show_path (self, path);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SdbWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkApplication *app;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_object_unref (chooser);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (path == NULL || app == NULL)
    return;

  sdb_application_open_database (SDB_APPLICATION (app), path);
  /* A window that only says what went wrong has done its work once another file is open. */
  if (self->database == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_open_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SdbWindow *self = SDB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _("Sổ Đảng bộ Databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

SdbWindow *
sdb_window_new (SdbApplication *application)
{
  return g_object_new (SDB_TYPE_WINDOW, "application", application, NULL);
}

static void
sdb_window_dispose (GObject *object)
{
  SdbWindow *self = SDB_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sdb_window_parent_class)->dispose (object);
}

static void
sdb_window_class_init (SdbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sdb_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, SDB_RESOURCE_PATH "/sdb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdbWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, SdbWindow, path_label);
  gtk_widget_class_bind_template_child (widget_class, SdbWindow, open_other_button);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, on_open_activated);
}

static void
sdb_window_init (SdbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (SDB_DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* The window keeps the size the clerk gave it. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}
