/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sdb-database.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sdb-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_default_path_by_build (Fixture *f, gconstpointer data)
{
  g_autofree char *path = sdb_database_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (),
                                                SDB_DEVELOPMENT_BUILD ? "sodangbo-devel"
                                                                      : "sodangbo",
                                                "sodangbo.db", NULL);

  /* A development build never opens the folder of a clerk's real records. */
  g_assert_cmpstr (path, ==, expected);
}

static void
test_new_file_is_private (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "new.db", NULL);
  g_autoptr(SdbDatabase) db = NULL;
  mode_t old_umask = umask (0);   /* even a careless umask does not widen the file */

  db = sdb_database_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpstr (sdb_database_get_path (db), ==, path);
  g_assert_cmpuint (mode_of (path), ==, 0600);
}

static void
test_default_folder_created_private (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sdb_database_dup_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(SdbDatabase) db = NULL;

  remove_tree (folder);
  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (folder), ==, 0700);
  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_clear_object (&db);
  remove_tree (folder);
}

static void
test_missing_folder_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "x.db", NULL);
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database_refused_and_untouched (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notes.db", NULL);
  const char *text = "Biên bản hội nghị, không phải cơ sở dữ liệu.\n";
  g_autofree char *after = NULL;
  g_autoptr(SdbDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  db = sdb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  /* Each test gets its own XDG folders, so the default database is never a real one. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/core/database/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("default-path-by-build", test_default_path_by_build);
  ADD ("new-file-is-private", test_new_file_is_private);
  ADD ("default-folder-created-private", test_default_folder_created_private);
  ADD ("missing-folder-refused", test_missing_folder_refused);
  ADD ("not-a-database-refused-and-untouched", test_not_a_database_refused_and_untouched);
#undef ADD

  return g_test_run ();
}
