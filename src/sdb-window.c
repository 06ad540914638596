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
  show_path (self, path);
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
