/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-database-private.h"
#include "sdb-profile.h"
#include "sdb-vn.h"

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

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
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

/* A read while the file could not be written leaves its -wal and -shm read-only (SQLite gives
 * them the file's mode, and cannot remove them). Once the file can be written again, opening
 * it makes them writable and private again, so that writes are not refused. */
static void
test_read_only_leftovers_made_writable (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *zeros = g_malloc0 (32768);
  g_autoptr(SdbDatabase) db = NULL;

  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What a read of the file at 0400 leaves beside it. */
  g_assert_true (g_file_set_contents (wal, "", 0, &error));
  g_assert_true (g_file_set_contents (shm, zeros, 32768, &error));
  g_assert_cmpint (g_chmod (wal, 0400), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0400), ==, 0);

  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (wal), ==, 0600);
  g_assert_cmpuint (mode_of (shm), ==, 0600);
  g_assert_true (sdb_database_begin (db, &error));
  g_assert_true (sdb_database_exec (db, "CREATE TABLE written (x)", &error));
  g_assert_true (sdb_database_commit (db, &error));
  g_assert_no_error (error);
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
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SdbDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  db = sdb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));

  after = read_bytes (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), text, strlen (text));
}

static void
test_new_database_at_latest_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "v.db", NULL);
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);
  g_autofree char *created_with = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sdb_database_get_latest_schema_version (), >=, 1);
  g_assert_cmpint (sdb_database_get_schema_version (db), ==,
                   sdb_database_get_latest_schema_version ());
  created_with = sdb_database_dup_meta (db, "created_with");
  g_assert_cmpstr (created_with, ==, PACKAGE_VERSION);
  g_clear_object (&db);

  /* Opening again finds it current and changes nothing. */
  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_database_get_schema_version (db), ==,
                   sdb_database_get_latest_schema_version ());
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

static void
test_newer_database_refused_untouched (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "future.db", NULL);
  g_autofree char *set_future = g_strdup_printf ("PRAGMA journal_mode = DELETE; "
                                                 "CREATE TABLE later_things (x); "
                                                 "PRAGMA user_version = %d",
                                                 sdb_database_get_latest_schema_version () + 1);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *number = g_strdup_printf ("%d", sdb_database_get_latest_schema_version () + 1);

  raw_exec (path, set_future);
  before = read_bytes (path);

  db = sdb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, number));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_second_writer_gets_busy_after_wait (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "busy.db", NULL);
  g_autoptr(SdbDatabase) db = NULL;
  sqlite3 *first = NULL;
  gint64 start;

  /* A first writer holds the write lock of a database (in WAL mode, as ours are) that still has
   * to be migrated. */
  g_assert_cmpint (sqlite3_open (path, &first), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (first, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE; "
                                        "CREATE TABLE t (x)", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  db = sdb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_BUSY);
  /* It waited for the first writer (5 s) before giving up. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);

  sqlite3_exec (first, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (first);
  g_clear_error (&error);

  /* Once the first writer is done, it opens. */
  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

static gint64
count_rows (SdbDatabase *db,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
exec_ok (SdbDatabase *db,
         const char  *sql)
{
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

/* An inner write that fails rolls back only itself; the outer transaction keeps its work. */
static void
test_inner_rollback_keeps_outer_work (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nest.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (sdb_database_begin (db, &error));
  exec_ok (db, "INSERT INTO sector (name) VALUES ('Cơ quan')");
  g_assert_true (sdb_database_begin (db, &error));
  exec_ok (db, "INSERT INTO sector (name) VALUES ('Y tế')");
  sdb_database_rollback (db);
  g_assert_true (sdb_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sector"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sector WHERE name = 'Cơ quan'"), ==, 1);
}

static void
test_outer_rollback_undoes_inner_commit (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nest.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (sdb_database_begin (db, &error));
  g_assert_true (sdb_database_begin (db, &error));
  exec_ok (db, "INSERT INTO sector (name) VALUES ('Y tế')");
  g_assert_true (sdb_database_commit (db, &error));
  sdb_database_rollback (db);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sector"), ==, 0);
}

/* When the collator that made the stored keys is not the one running now (an ICU upgrade), the
 * keys are made again on open, so sorting and search stay right. */
static void
test_keys_rebuilt_when_collator_changes (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "keys.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);
  g_autofree char *expected = sdb_vn_search_key ("Lò Văn Ánh");
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  exec_ok (db, "INSERT INTO member (code, full_name, name_key, search_key, gender)"
               " VALUES ('DV1', 'Lò Văn Ánh', x'00', 'stale', 'male');"
               "INSERT INTO organization (code, name, name_key, search_key, kind)"
               " VALUES ('TC1', 'Chi bộ Bản Đôn', x'00', 'stale', 'chi_bo_co_so');"
               "UPDATE meta SET value = 'icu-0+sdb0' WHERE key = 'collator'");
  g_clear_object (&db);

  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  version = sdb_database_dup_meta (db, "collator");
  g_assert_cmpstr (version, !=, "icu-0+sdb0");
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM member WHERE search_key = 'stale'"
                                   " OR name_key = x'00'"), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM organization"
                                   " WHERE search_key = 'stale' OR name_key = x'00'"), ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db),
                                       "SELECT search_key FROM member", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
  sqlite3_finalize (stmt);
}

static void
test_keys_kept_when_collator_same (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "keys.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  exec_ok (db, "INSERT INTO member (code, full_name, name_key, search_key, gender)"
               " VALUES ('DV1', 'Lò Văn Ánh', x'00', 'kept', 'male')");
  g_clear_object (&db);
  db = sdb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM member WHERE search_key = 'kept'"), ==,
                   1);
}

/* The foreign keys of the schema are enforced: a row pointing nowhere is refused. */
static void
test_foreign_keys_enforced (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "fk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (db),
                                 "INSERT INTO badge (member_id, years, date)"
                                 " VALUES (42, 30, '2020-02-03')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_FOREIGNKEY);
}

/* Statements are found again by where their text lies; a text built at run time may lie where
 * another one did, and must still get its own statement. */
static void
test_statement_text_at_a_reused_address_is_its_own (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "statements.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);
  char sql[32];

  g_assert_no_error (error);
  for (int round = 0; round < 2; round++)
    for (int value = 1; value <= 3; value++)
      {
        g_autoptr(SdbStmt) stmt = NULL;

        g_snprintf (sql, sizeof sql, "SELECT %d", value);
        stmt = sdb_database_prepare (db, sql, &error);
        g_assert_no_error (error);
        g_assert_cmpint (sdb_database_step (db, stmt, &error), ==, SQLITE_ROW);
        g_assert_cmpint (sdb_stmt_get_int (stmt, 0), ==, value);
      }
}

/* Whether the program of @sql builds a temporary table. */
static gboolean
builds_temporary_table (sqlite3    *handle,
                        const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (handle, explain, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral") == 0)
      found = TRUE;
  sqlite3_finalize (stmt);
  return found;
}

/* SQLite checks a CHECK constraint's "IN (…)" list of more than two values by building a
 * temporary table of the list for every row written. Migration 6 writes those lists as
 * comparisons: no insert or update of any table builds one, and the constraints still refuse
 * what is not in their lists. */
static void
test_writes_check_values_without_a_table_per_row (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "checks.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  static const char *const refused[] = {
    "INSERT INTO member_event (member_id, date, kind, organization_id)"
    " VALUES (1, '2020', 'moved', 1)",
    "INSERT INTO member_event (member_id, date, kind, reason) VALUES (1, '2020', 'left', 'gone')",
    "INSERT INTO badge (member_id, years, date) VALUES (1, 35, '2020')",
    "INSERT INTO history (txn, time, user, op, tbl, row_key, record_kind, record_key, changes,"
    " hash) VALUES (1, '', '', 'edit', '', '', '', '', '', '')",
  };

  g_assert_no_error (error);
  handle = sdb_database_get_handle (db);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_schema"
                                       " WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 17);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *query = g_strdup_printf ("SELECT name, pk FROM pragma_table_info ('%s')",
                                                table);
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      g_autoptr(GString) sets = g_string_new (NULL);
      g_autofree char *insert = NULL;
      g_autofree char *update = NULL;
      g_autoptr(GString) keys = g_string_new (NULL);

      g_assert_cmpint (sqlite3_prepare_v2 (handle, query, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);

          if (sqlite3_column_int (stmt, 1) > 0)
            g_string_append_printf (keys, "%s%s = ?", keys->len > 0 ? " AND " : "", column);
          g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", column);
          g_string_append_printf (values, "%s?", values->len > 0 ? ", " : "");
          /* Changing a primary key rightly takes two passes: only other columns change. */
          if (sqlite3_column_int (stmt, 1) == 0)
            g_string_append_printf (sets, "%s%s = ?", sets->len > 0 ? ", " : "", column);
        }
      sqlite3_finalize (stmt);
      insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, columns->str,
                                values->str);
      g_assert_cmpuint (keys->len, >, 0);
      update = g_strdup_printf ("UPDATE %s SET %s WHERE %s", table, sets->str, keys->str);
      if (builds_temporary_table (handle, insert))
        g_error ("%s builds a temporary table for every row", insert);
      if (builds_temporary_table (handle, update))
        g_error ("%s builds a temporary table for every row", update);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_cmpint (sqlite3_exec (handle, refused[i], NULL, NULL, NULL), ==,
                     SQLITE_CONSTRAINT_CHECK);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT sql FROM sqlite_schema"
                                       " WHERE name = 'member_event'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 0),
                            "CHECK ((kind = 'admitted' OR kind = 'transfer_in' OR kind = 'move'"
                            " OR kind = 'readmitted' OR kind = 'transfer_out'"
                            " OR kind = 'left'))"));
  sqlite3_finalize (stmt);
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
  ADD ("read-only-leftovers-made-writable", test_read_only_leftovers_made_writable);
  ADD ("default-folder-created-private", test_default_folder_created_private);
  ADD ("missing-folder-refused", test_missing_folder_refused);
  ADD ("not-a-database-refused-and-untouched", test_not_a_database_refused_and_untouched);
  ADD ("new-database-at-latest-version", test_new_database_at_latest_version);
  ADD ("newer-database-refused-untouched", test_newer_database_refused_untouched);
  ADD ("second-writer-gets-busy-after-wait", test_second_writer_gets_busy_after_wait);
  ADD ("inner-rollback-keeps-outer-work", test_inner_rollback_keeps_outer_work);
  ADD ("outer-rollback-undoes-inner-commit", test_outer_rollback_undoes_inner_commit);
  ADD ("keys-rebuilt-when-collator-changes", test_keys_rebuilt_when_collator_changes);
  ADD ("keys-kept-when-collator-same", test_keys_kept_when_collator_same);
  ADD ("foreign-keys-enforced", test_foreign_keys_enforced);
  ADD ("statement-text-at-a-reused-address-is-its-own",
       test_statement_text_at_a_reused_address_is_its_own);
  ADD ("writes-check-values-without-a-table-per-row",
       test_writes_check_values_without_a_table_per_row);
#undef ADD

  return g_test_run ();
}
