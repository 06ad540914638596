/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every schema version the program has written opens in the current one with its records
 * intact (tests/data/migrations/README.md says how each file was made). */
#include "config.h"

#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-check.h"
#include "sdb-history-private.h"
#include "sdb-history.h"
#include "sdb-database-private.h"
#include "sdb-test.h"

/* Table name → row count, of every table of the file. */
static GHashTable *
count_rows (const char *path)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                            " AND name NOT LIKE 'sqlite%'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));
      gint64 *n = g_new (gint64, 1);

      g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      *n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      g_hash_table_insert (counts, g_strdup (g_ptr_array_index (tables, i)), n);
    }
  sqlite3_close (raw);
  return counts;
}

static int
user_version (const char *path)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return version;
}

static void
assert_same_counts (GHashTable *before,
                    GHashTable *after)
{
  GHashTableIter iter;
  gpointer table, n;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &table, &n))
    {
      gint64 *m = g_hash_table_lookup (after, table);

      /* meta is the program's own notes (it gains the collator's version on open). */
      if (g_str_equal (table, "meta"))
        continue;
      g_test_message ("%s: %" G_GINT64_FORMAT, (char *) table, *(gint64 *) n);
      g_assert_nonnull (m);
      g_assert_cmpint (*m, ==, *(gint64 *) n);
    }
}

/* type, name and SQL of every table, index and trigger of the file, one per line. */
static char *
dump_schema (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT type, name, sql FROM sqlite_schema"
                                            " WHERE name NOT LIKE 'sqlite%' ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return g_string_free (out, FALSE);
}

static void
count_problem (const char       *where,
               const SdbProblem *problem,
               gpointer          user_data)
{
  if (problem->severity == SDB_SEVERITY_ERROR)
    g_test_message ("%s: %s: %s", where ? where : "-", problem->field, problem->message);
}

static void
test_version (SdbTestFixture *f,
              gconstpointer   data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("migrations/v%d.sql", version);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, version);
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  guint n_errors = 0, n_warnings = 0;
  gboolean has_records;
  sqlite3 *raw = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (source, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", name, message);
  sqlite3_close (raw);
  g_assert_cmpint (user_version (path), ==, version);
  before = count_rows (path);
  has_records = g_hash_table_contains (before, "profile")
                && *(gint64 *) g_hash_table_lookup (before, "profile") > 0;

  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_database_get_schema_version (db), ==,
                   sdb_database_get_latest_schema_version ());

  after = count_rows (path);
  assert_same_counts (before, after);

  /* Its tables, indexes and triggers are those of a new database, to the letter. */
  {
    g_autofree char *fresh_path = g_strdup_printf ("%s/fresh.db", f->dir);
    g_autoptr(SdbDatabase) fresh = sdb_database_open (fresh_path, &error);
    g_autofree char *expected = NULL;
    g_autofree char *migrated = NULL;

    g_assert_no_error (error);
    expected = dump_schema (fresh_path);
    migrated = dump_schema (path);
    g_assert_cmpstr (migrated, ==, expected);
  }

  g_assert_true (sdb_check_run (db, count_problem, NULL, &n_errors, &n_warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_errors, ==, 0);

  /* The change history starts with the migration that brought it, saying whether records
   * were already there (their earlier changes are not in it). */
  if (version < SDB_HISTORY_SCHEMA_VERSION)
    {
      SdbHistoryFilter filter = { .limit = 1 };
      g_autoptr(GPtrArray) entries = sdb_history_list (db, &filter, &error);
      const SdbHistoryEntry *e;

      g_assert_no_error (error);
      g_assert_cmpint (sdb_history_count (db, NULL), ==, 1);
      e = g_ptr_array_index (entries, 0);
      g_assert_cmpstr (e->op, ==, "start");
      g_assert_cmpstr (e->changes, ==, version >= 2 && has_records ? "{\"reason\":\"migrated\"}"
                                                                  : "{\"reason\":\"new\"}");
    }

  /* The old version was kept, as it was, before the schema changed. */
  backups = sdb_database_list_backups (db, &error);
  g_assert_no_error (error);
  if (has_records && version < sdb_database_get_latest_schema_version ())
    {
      const SdbBackupInfo *info;
      g_autoptr(GHashTable) kept = NULL;

      g_assert_cmpuint (backups->len, ==, 1);
      info = g_ptr_array_index (backups, 0);
      g_assert_cmpint (info->reason, ==, SDB_BACKUP_REASON_MIGRATION);
      g_assert_cmpint (user_version (info->path), ==, version);
      kept = count_rows (info->path);
      assert_same_counts (before, kept);
    }
  else
    g_assert_cmpuint (backups->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  for (int version = 1; version <= sdb_database_get_latest_schema_version (); version++)
    {
      g_autofree char *path =
        g_strdup_printf ("/core/migrations/version-%d-opens-with-its-records-intact", version);

      g_test_add (path, SdbTestFixture, GINT_TO_POINTER (version), sdb_test_fixture_setup,
                  test_version, sdb_test_fixture_teardown);
    }

  return g_test_run ();
}
