/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import: the input is a whole CSV file, imported with sdb_import_csv as every kind of
 * record in turn into a database holding the hand-written fixture of tests/data/stats. The
 * database is made once per process in a temporary folder; after an import that committed, the
 * fixture is copied back over it, so each input meets the same database.
 *
 * Properties, besides never crashing: an import returns TRUE without an error or FALSE with one,
 * and never leaves a transaction open. A refused import commits nothing (a commit hook on the
 * connection counts every commit, so a part committed before a later failure would show), and
 * when it is refused for its rows (SDB_DATABASE_ERROR_INVALID), at least one problem is an error.
 * An accepted import has no error among its problems, and importing the same file again changes
 * nothing. An accepted import of any kind leaves a database that sdb_check_run finds no error
 * in: a new date of a member is checked against the records that depend on it, in an import as in
 * the forms (a member's later admission date would leave a badge beyond their party age: see
 * corpus/fuzz-import/finding-*). */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fuzz-common.h"
#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-interchange.h"

static char *dir;
static char *path;
static SdbDatabase *db;
static sqlite3 *fixture;    /* the fixture as loaded, in memory */
static guint commits;

static const SdbDate today = { 2025, 11, 20 };

static int
on_commit (void *data)
{
  commits++;
  return 0;   /* let it commit */
}

static void
copy_database (sqlite3 *to,
               sqlite3 *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");

  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
}

static void
remove_database (void)
{
  g_autoptr(GDir) contents = NULL;
  const char *name;

  g_clear_object (&db);
  g_clear_pointer (&fixture, sqlite3_close);
  contents = g_dir_open (dir, 0, NULL);
  while (contents != NULL && (name = g_dir_read_name (contents)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *message = NULL;
  sqlite3 *handle;

  sdb_fuzz_init ();

  dir = g_dir_make_tmp ("sdb-fuzz-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_database);
  /* Thousands of imports a second: no backup folder filling up, and no fsync per commit. */
  sdb_database_set_automatic_backups (db, FALSE);
  handle = sdb_database_get_handle (db);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  g_file_get_contents (SDB_FUZZ_FIXTURE_SQL, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sdb_database_begin (db, &error));
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", SDB_FUZZ_FIXTURE_SQL, message);
  g_assert_true (sdb_database_commit (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (":memory:", &fixture), ==, SQLITE_OK);
  copy_database (fixture, handle);
  sqlite3_commit_hook (handle, on_commit, NULL);
  return 0;
}

static guint
count_errors (GPtrArray *problems)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const SdbImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      g_assert_true (problem->column == NULL || g_utf8_validate (problem->column, -1, NULL));
      if (i > 0)
        g_assert_cmpuint (problem->line, >=,
                          ((const SdbImportProblem *) g_ptr_array_index (problems, i - 1))->line);
      if (problem->severity == SDB_SEVERITY_ERROR)
        n++;
    }
  return n;
}

/* Imports @bytes as @kind and checks what any outcome must satisfy. @committed: whether the
 * import committed, so that the database may have changed. */
static gboolean
import (SdbInterchangeKind  kind,
        GBytes             *bytes,
        SdbImportCounts    *counts,
        gboolean           *committed)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sdb_import_problem_free);
  g_autoptr(GError) error = NULL;
  guint before = commits;
  gboolean ok;

  ok = sdb_import_csv (db, kind, bytes, &today, problems, counts, &error);

  g_assert_true (sqlite3_get_autocommit (sdb_database_get_handle (db)));
  g_assert_false (sdb_database_is_deferring (db));
  *committed = commits != before;
  if (!ok)
    {
      g_assert_nonnull (error);
      g_assert_true (error->message != NULL && *error->message != '\0');
      /* Nothing written: not even a part committed before the failure. */
      g_assert_cmpuint (commits, ==, before);
      if (g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID))
        g_assert_cmpuint (count_errors (problems), >, 0);
      else
        count_errors (problems);
      return FALSE;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (count_errors (problems), ==, 0);
  if (counts->inserted + counts->updated > 0)
    g_assert_true (*committed);
  return TRUE;
}

/* Prints what the check found, for the report of a crash file. */
static void
print_problem (const char       *where,
               const SdbProblem *problem,
               gpointer          user_data)
{
  if (problem->severity == SDB_SEVERITY_ERROR)
    g_printerr ("check: %s: %s: %s\n", where, problem->field ? problem->field : "-",
                problem->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  for (SdbInterchangeKind kind = SDB_INTERCHANGE_ORGANIZATIONS; kind <= SDB_INTERCHANGE_BADGES;
       kind++)
    {
      SdbImportCounts counts = { 0, 0, 0 };
      SdbImportCounts again = { 0, 0, 0 };
      g_autoptr(GError) error = NULL;
      guint n_errors = G_MAXUINT, n_warnings = 0;
      gboolean committed = FALSE, committed_again = FALSE;

      if (!import (kind, bytes, &counts, &committed))
        continue;

      /* What was accepted is what the forms accept: the check finds no error in it. */
      g_assert_true (sdb_check_run (db, print_problem, NULL, &n_errors, &n_warnings, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_errors, ==, 0);

      /* Importing the same file twice changes nothing the second time. */
      g_assert_true (import (kind, bytes, &again, &committed_again));
      g_assert_cmpuint (again.inserted, ==, 0);
      g_assert_cmpuint (again.updated, ==, 0);

      if (committed || committed_again)
        copy_database (sdb_database_get_handle (db), fixture);
    }
  return 0;
}
