/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "sdb-database-private.h"
#include "interchange-test.h"

/* Every import of the tests happens on the same day, so that a move it records has a known
 * date. */
static const SdbDate today = { 2026, 11, 22 };

GPtrArray *
sdb_test_import_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
}

void
sdb_test_log_import_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SdbImportProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%u: %s: %s%s", p->line, p->column ? p->column : "-",
                      p->severity == SDB_SEVERITY_WARNING ? "(warning) " : "", p->message);
    }
}

void
sdb_test_assert_import_problem_real (GPtrArray   *problems,
                                     guint        line,
                                     const char  *column,
                                     SdbSeverity  severity,
                                     const char  *part,
                                     const char  *where)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const SdbImportProblem *p = g_ptr_array_index (problems, i);

      if (p->line == line && g_strcmp0 (p->column, column) == 0 && p->severity == severity
          && (part == NULL || strstr (p->message, part) != NULL))
        return;
    }
  sdb_test_log_import_problems (problems);
  g_error ("%s: no %s at line %u, column %s%s%s%s", where,
           severity == SDB_SEVERITY_ERROR ? "error" : "warning", line, column ? column : "-",
           part != NULL ? " mentioning “" : "", part != NULL ? part : "", part != NULL ? "”" : "");
}

gboolean
sdb_test_import_csv (SdbDatabase         *db,
                     SdbInterchangeKind   kind,
                     const char          *text,
                     GPtrArray           *problems,
                     SdbImportCounts     *counts,
                     GError             **error)
{
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  gboolean ok = sdb_import_csv (db, kind, data, &today, problems, counts, error);

  if (!ok)
    sdb_test_log_import_problems (problems);
  return ok;
}

SdbImportCounts
sdb_test_import_csv_ok (SdbDatabase        *db,
                        SdbInterchangeKind  kind,
                        const char         *text)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts = { 0 };
  gboolean ok = sdb_test_import_csv (db, kind, text, problems, &counts, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return counts;
}

char *
sdb_test_export_csv (SdbDatabase        *db,
                     SdbInterchangeKind  kind,
                     int                 year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = sdb_export_csv (db, kind, year, &error);
  const char *bytes;
  gsize length;

  g_assert_no_error (error);
  bytes = g_bytes_get_data (data, &length);
  return g_strndup (bytes, length);
}

guint
sdb_test_count_csv_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL; p = strstr (p + 2, "\r\n"))
    n++;
  return n;
}

void
sdb_test_assert_reimport_unchanged (SdbDatabase        *db,
                                    SdbInterchangeKind  kind,
                                    guint               n_records)
{
  g_autofree char *text = sdb_test_export_csv (db, kind, 0);
  gint64 changes = sqlite3_total_changes64 (sdb_database_get_handle (db));
  SdbImportCounts counts = sdb_test_import_csv_ok (db, kind, text);

  g_assert_cmpuint (counts.inserted, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, n_records);
  g_assert_cmpint (sqlite3_total_changes64 (sdb_database_get_handle (db)), ==, changes);
}

char *
sdb_test_export_xlsx (SdbTestFixture     *f,
                      SdbInterchangeKind  kind,
                      int                 year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.xlsx", NULL);
  char *out = NULL;
  const char *argv[] = {
    "python3", "-c",
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "if 'xl/sharedStrings.xml' in z.namelist():\n"
    "    sys.stdout.write(z.read('xl/sharedStrings.xml').decode())\n"
    "sys.stdout.write(z.read('xl/worksheets/sheet1.xml').decode())\n",
    path, NULL
  };
  int status = 0;

  g_assert_true (sdb_export_xlsx (f->db, kind, year, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

void
sdb_test_exec_sql (SdbDatabase *db,
                   const char  *sql)
{
  char *message = NULL;

  if (sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

void
sdb_test_load_fixture (SdbDatabase *db,
                       const char  *sql)
{
  sdb_test_load_sql (db, "stats/fixture.sql");
  if (sql != NULL)
    sdb_test_exec_sql (db, sql);
}

void
sdb_test_add_profile (SdbDatabase *db)
{
  sdb_test_exec_sql (db, "INSERT INTO profile (since, name, committee_name, level, symbol)"
                         " VALUES ('2015-01-01', 'Đảng bộ huyện Minh Tân',"
                         "         'Huyện ủy Minh Tân', 'district', 'HU')");
}

void
sdb_test_generate_demo (SdbDatabase    *db,
                        guint           members,
                        int             first_year,
                        int             last_year,
                        guint32         seed,
                        SdbDemoOptions *options)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions used;

  sdb_demo_options_init (&used);
  used.members = members;
  if (first_year != 0)
    used.first_year = first_year;
  if (last_year != 0)
    used.last_year = last_year;
  used.seed = seed;
  g_assert_true (sdb_demo_generate (db, &used, &error));
  g_assert_no_error (error);
  if (options != NULL)
    *options = used;
}

SdbDatabase *
sdb_test_open_other (SdbTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  SdbDatabase *db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}
