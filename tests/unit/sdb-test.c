/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-database-private.h"
#include "sdb-test.h"

void
sdb_test_init (int    *argc,
               char ***argv)
{
  const char *localedir = g_getenv ("SDB_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Each test gets its own XDG folders, so the default database is never a real one. */
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

void
sdb_test_remove_tree (const char *path)
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

      sdb_test_remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

void
sdb_test_fixture_setup (SdbTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sdb-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->db = sdb_database_open (f->path, &error);
  g_assert_no_error (error);
  f->problems = sdb_problems_new ();
}

void
sdb_test_fixture_teardown (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->problems, g_ptr_array_unref);
  sdb_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

SdbDate
sdb_test_date (const char *iso)
{
  SdbDate date = { 0, 0, 0 };

  if (!sdb_date_from_iso (iso, &date))
    g_error ("Not an ISO date: %s", iso);
  return date;
}

void
sdb_test_log_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SdbProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s: %s", p->severity == SDB_SEVERITY_ERROR ? "error" : "warning",
                      p->field ? p->field : "-", p->message);
    }
}

void
sdb_test_assert_problem_real (GPtrArray   *problems,
                              const char  *field,
                              SdbSeverity  severity,
                              const char  *where)
{
  if (sdb_problems_find (problems, field, severity) != NULL)
    return;
  sdb_test_log_problems (problems);
  g_error ("%s: expected %s about “%s”", where,
           severity == SDB_SEVERITY_ERROR ? "an error" : "a warning", field);
}

gint64
sdb_test_query_int (SdbDatabase *db,
                    const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
sdb_test_query_text (SdbDatabase *db,
                     const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                   ? "" : (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
note_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  guint64 figures[2] = { done, total };

  g_array_append_vals (user_data, figures, 2);
}

GArray *
sdb_test_watch_progress (SdbDatabase *db)
{
  GArray *noted = g_array_new (FALSE, FALSE, sizeof (guint64));

  sdb_database_set_progress_func (db, note_progress, noted);
  return noted;
}

void
sdb_test_assert_progress (SdbDatabase   *db,
                          GArray        *noted,
                          const guint64 *expected,
                          guint          n_expected)
{
  sdb_database_set_progress_func (db, NULL, NULL);
  g_assert_cmpuint (noted->len, ==, n_expected);
  for (guint i = 0; i < noted->len; i++)
    g_assert_cmpuint (g_array_index (noted, guint64, i), ==, expected[i]);
}

void
sdb_test_load_sql (SdbDatabase *db,
                   const char  *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sdb_database_begin (db, &error));
  g_assert_no_error (error);
  if (sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", name, message);
  g_assert_true (sdb_database_commit (db, &error));
  g_assert_no_error (error);
}
