/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The placeholder window, driven for real under Xvfb: it says which database it opened, or
 * why it could not, in Vietnamese. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sdb-application.h"
#include "sdb-window.h"

static SdbApplication *app;

/* Runs the main loop until @condition holds, for ten seconds at most. */
static gboolean
wait_for (gboolean (*condition) (gpointer data),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return condition (data);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  g_assert_true (wait_for (is_mapped, widget));
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sdb-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_window_shows_opened_path (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "minh-tan.db", NULL);
  GtkWindow *window = sdb_application_open_database (app, path);
  const char *title = g_strcmp0 (g_getenv ("LC_ALL"), "vi_VN.UTF-8") == 0
                      ? "Đã mở cơ sở dữ liệu" : "Database Opened";

  wait_until_mapped (GTK_WIDGET (window));
  g_assert_nonnull (sdb_window_get_database (SDB_WINDOW (window)));
  /* The full path is on screen, and so is the title that says it worked. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), path));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), title));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), "minh-tan.db"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (window);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_window_explains_missing_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "x.db", NULL);
  GtkWindow *window = sdb_application_open_database (app, path);
  gboolean vi = g_strcmp0 (g_getenv ("LC_ALL"), "vi_VN.UTF-8") == 0;
  g_autofree char *folder = g_build_filename (dir, "missing", NULL);
  g_autofree char *message = g_strdup_printf (vi ? "Thư mục “%s” không tồn tại. Hãy chọn cơ sở dữ liệu trong một thư mục có sẵn."
                                                 : "The folder “%s” does not exist. Choose a database in an existing folder.",
                                              folder);

  wait_until_mapped (GTK_WIDGET (window));
  g_assert_null (sdb_window_get_database (SDB_WINDOW (window)));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window), message));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (window),
                                          vi ? "Không mở được cơ sở dữ liệu"
                                             : "Cannot Open the Database"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  /* ...and offers the way out. */
  g_assert_true (gtk_widget_get_visible (
    find_label_with_text (GTK_WIDGET (window),
                          vi ? "_Mở cơ sở dữ liệu khác…" : "_Open Another Database…")));

  gtk_window_destroy (window);
  g_rmdir (dir);
}

static gboolean
has_file_chooser (gpointer unused)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return TRUE;
    }
  return FALSE;
}

static void
test_window_ctrl_o_asks_for_database (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  GtkWindow *window = sdb_application_open_database (app, path);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.open");

  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (accels[0], ==, "<Control>o");
  g_assert_false (has_file_chooser (NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  g_assert_true (wait_for (has_file_chooser, NULL));

  gtk_window_destroy (window);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SDB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  app = sdb_application_new ();
  /* Not the clerk's running instance: a private one, registered to run GTK's startup. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/shows-opened-path", test_window_shows_opened_path);
  g_test_add_func ("/ui/window/explains-missing-folder", test_window_explains_missing_folder);
  g_test_add_func ("/ui/window/ctrl-o-asks-for-database", test_window_ctrl_o_asks_for_database);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
