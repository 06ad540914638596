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

/* Each test gets a private folder and opens one database in it. */
typedef struct
{
  char      *dir;
  char      *path;
  GtkWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sdb-ui-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  if (f->path != NULL)
    g_remove (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Opens @relative (inside the fixture's folder) the way the app does, and waits for its window. */
static void
open_in_fixture (Fixture *f, const char *relative)
{
  f->path = g_build_filename (f->dir, relative, NULL);
  f->window = sdb_application_open_database (app, f->path);
  wait_until_mapped (GTK_WIDGET (f->window));
}

static gboolean
in_vietnamese (void)
{
  return g_strcmp0 (g_getenv ("LC_ALL"), "vi_VN.UTF-8") == 0;
}

static void
test_window_shows_opened_path (Fixture *f, gconstpointer data)
{
  open_in_fixture (f, "minh-tan.db");

  g_assert_nonnull (sdb_window_get_database (SDB_WINDOW (f->window)));
  /* The full path is on screen, and so is the title that says it worked. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window), f->path));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window),
                                          in_vietnamese () ? "Đã mở cơ sở dữ liệu"
                                                           : "Database Opened"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window), "minh-tan.db"));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_explains_missing_folder (Fixture *f, gconstpointer data)
{
  gboolean vi = in_vietnamese ();
  g_autofree char *folder = g_build_filename (f->dir, "missing", NULL);
  g_autofree char *message = g_strdup_printf (vi ? "Thư mục “%s” không tồn tại. Hãy chọn cơ sở dữ liệu trong một thư mục có sẵn."
                                                 : "The folder “%s” does not exist. Choose a database in an existing folder.",
                                              folder);

  open_in_fixture (f, "missing/x.db");

  g_assert_null (sdb_window_get_database (SDB_WINDOW (f->window)));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window), message));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window),
                                          vi ? "Không mở được cơ sở dữ liệu"
                                             : "Cannot Open the Database"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  /* ...and offers the way out. */
  g_assert_true (gtk_widget_get_visible (
    find_label_with_text (GTK_WIDGET (f->window),
                          vi ? "_Mở cơ sở dữ liệu khác…" : "_Open Another Database…")));
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
test_window_ctrl_o_asks_for_database (Fixture *f, gconstpointer data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.open");

  open_in_fixture (f, "a.db");
  g_assert_cmpstr (accels[0], ==, "<Control>o");
  g_assert_false (has_file_chooser (NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open", NULL));
  g_assert_true (wait_for (has_file_chooser, NULL));
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

#define ADD(name, func) \
  g_test_add ("/ui/window/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("shows-opened-path", test_window_shows_opened_path);
  ADD ("explains-missing-folder", test_window_explains_missing_folder);
  ADD ("ctrl-o-asks-for-database", test_window_ctrl_o_asks_for_database);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
