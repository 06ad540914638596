/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-database-private.h"
#include "sdb-profile.h"
#include "sdb-test.h"

static void
insert_profile (SdbTestFixture *f,
                const char     *since,
                const char     *name)
{
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (since);

  sdb_profile_set_since (profile, &date);
  sdb_profile_set_name (profile, name);
  sdb_profile_set_committee_name (profile, "Đảng ủy xã Minh Tân");
  sdb_profile_set_level (profile, SDB_LEVEL_COMMUNE);
  sdb_profile_insert (f->db, profile, f->problems, &error);
  g_assert_no_error (error);
}

static char *
path_in (SdbTestFixture *f,
         const char     *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

/* Opens a copy with SQLite alone, so the check does not depend on what sdb_database_open
 * would change. */
static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return value;
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return value;
}

static char *
make_backup (SdbTestFixture *f,
             const char     *name)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (f, name);

  g_assert_true (sdb_database_backup (f->db, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_copy_has_same_rows (SdbTestFixture *f,
                         gconstpointer   data)
{
  g_autofree char *copy = NULL;
  g_autofree char *check = NULL;
  g_autofree char *name = NULL;

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  insert_profile (f, "2025-07-01", "Đảng bộ xã Sốp Cộp");
  copy = make_backup (f, "copy.db");

  g_assert_cmpint (raw_query_int (copy, "SELECT count(*) FROM profile"), ==, 2);
  name = raw_query_text (copy, "SELECT name FROM profile WHERE since = '2025-07-01'");
  g_assert_cmpstr (name, ==, "Đảng bộ xã Sốp Cộp");
  g_assert_cmpint (raw_query_int (copy, "PRAGMA user_version"), ==,
                   sdb_database_get_latest_schema_version ());
  check = raw_query_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  /* One self-contained file, whatever the journal of the live database. */
  g_assert_cmpint (raw_query_int (copy, "SELECT count(*) FROM pragma_journal_mode "
                                        "WHERE journal_mode = 'delete'"), ==, 1);
}

static void
test_copy_is_private (SdbTestFixture *f,
                      gconstpointer   data)
{
  g_autofree char *copy = NULL;
  mode_t old_mask = umask (0);
  GStatBuf st;

  /* Even with a permissive umask, nobody else may read the copy. */
  copy = make_backup (f, "private.db");
  umask (old_mask);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_refuses_existing_destination (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, "existing.db");
  g_autofree char *content = NULL;
  g_autofree char *empty_path = path_in (f, "empty.db");

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (sdb_database_backup (f->db, path, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "keep me");
  g_clear_error (&error);

  /* An empty file is refused too: it may be a placeholder someone made on purpose. */
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  g_assert_false (sdb_database_backup (f->db, empty_path, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS);
}

typedef struct
{
  SdbDatabase *db;
  const char  *path;
  gboolean     ok;
  gint         done;
} BackupJob;

static gpointer
run_backup (gpointer data)
{
  BackupJob *job = data;

  job->ok = sdb_database_backup (job->db, job->path, NULL);
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

#define ROWS_PER_BATCH 50

/* One committed batch: ROWS_PER_BATCH sectors with long names, so the database has many pages
 * and a copy takes several steps. */
static void
insert_batch (sqlite3 *handle,
              int      batch)
{
  g_autofree char *padding = g_strnfill (900, 'x');

  g_assert_cmpint (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < ROWS_PER_BATCH; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO sector (name, position) "
                                              "VALUES ('batch %d row %d %s', %d)",
                                              batch, i, padding, batch);

      g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_consistent_while_writing (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) writer = sdb_database_open (f->path, &error);
  g_autofree char *copy = path_in (f, "during.db");
  g_autofree char *check = NULL;
  g_autofree char *partial_batches = g_strdup_printf ("SELECT count(*) FROM (SELECT position "
                                                      "FROM sector GROUP BY position "
                                                      "HAVING count(*) <> %d)", ROWS_PER_BATCH);
  BackupJob job = { f->db, copy, FALSE, 0 };
  GThread *thread;
  int batch = 0;
  gint64 rows;

  g_assert_no_error (error);
  /* About 5 MB: some twenty steps of copying. */
  while (batch < 100)
    insert_batch (sdb_database_get_handle (writer), batch++);

  thread = g_thread_new ("backup", run_backup, &job);
  /* The second connection commits batch after batch for as long as the copy runs. */
  while (!g_atomic_int_get (&job.done))
    insert_batch (sdb_database_get_handle (writer), batch++);
  g_thread_join (thread);
  g_assert_true (job.ok);
  g_test_message ("%d batches written, %d while copying", batch, batch - 100);

  check = raw_query_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  /* The copy is the state after some commit: whole batches only, and no batch skipped. */
  rows = raw_query_int (copy, "SELECT count(*) FROM sector");
  g_assert_cmpint (rows % ROWS_PER_BATCH, ==, 0);
  g_assert_cmpint (rows, >=, 100 * ROWS_PER_BATCH);
  g_assert_cmpint (raw_query_int (copy, "SELECT ifnull (max (position), -1) + 1 FROM sector"),
                   ==, rows / ROWS_PER_BATCH);
  g_assert_cmpint (raw_query_int (copy, partial_batches), ==, 0);
}

static void
test_restore_replaces_content_and_keeps_old (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autofree char *expected = path_in (f, "test.before-restore-1.db");
  g_autofree char *expected_again = path_in (f, "test.before-restore-2.db");

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  copy = make_backup (f, "copy.db");
  insert_profile (f, "2025-07-01", "Đảng bộ xã Sốp Cộp");

  g_assert_true (sdb_database_restore (f->db, copy, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 1);

  /* What the database held before is kept beside it. */
  g_assert_cmpstr (saved, ==, expected);
  g_assert_cmpint (raw_query_int (saved, "SELECT count(*) FROM profile"), ==, 2);

  /* A second restore never overwrites the first saved copy. */
  g_assert_true (sdb_database_restore (f->db, copy, &saved_again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved_again, ==, expected_again);
  g_assert_cmpint (raw_query_int (saved, "SELECT count(*) FROM profile"), ==, 2);

  /* The restored database is used again as usual. */
  insert_profile (f, "2020", "Đảng bộ huyện Sốp Cộp (2020)");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 2);
}

static void
test_restore_refuses_non_database_untouched (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = path_in (f, "notes.txt");
  g_autofree char *missing = path_in (f, "missing.db");
  g_autofree char *saved = path_in (f, "test.before-restore-1.db");
  g_autofree char *other = path_in (f, "other.db");
  char *saved_copy = NULL;

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  g_assert_true (g_file_set_contents (text, "Danh sách đảng viên\n1;Nguyễn Văn A\n", -1, NULL));

  g_assert_false (sdb_database_restore (f->db, text, &saved_copy, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);

  g_assert_false (sdb_database_restore (f->db, missing, &saved_copy, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* An SQLite database that is not one of ours. */
  raw_exec (other, "PRAGMA user_version = 1; CREATE TABLE things (x)");
  g_assert_false (sdb_database_restore (f->db, other, &saved_copy, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  g_assert_null (saved_copy);
  g_assert_false (g_file_test (saved, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 1);
}

static void
test_restore_refuses_newer_schema (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *set_future = g_strdup_printf ("PRAGMA user_version = %d",
                                                 sdb_database_get_latest_schema_version () + 1);
  g_autofree char *saved = path_in (f, "test.before-restore-1.db");
  char *saved_copy = NULL;

  copy = make_backup (f, "future.db");
  raw_exec (copy, set_future);
  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");

  g_assert_false (sdb_database_restore (f->db, copy, &saved_copy, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER);
  g_assert_null (saved_copy);
  g_assert_false (g_file_test (saved, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 1);
}

static void
test_restore_older_schema_migrates_on_reopen (SdbTestFixture *f,
                                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = path_in (f, "old.db");
  g_autofree char *saved = NULL;

  /* What the first version of the program wrote: the meta table only. */
  raw_exec (old, "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) "
                 "STRICT, WITHOUT ROWID;"
                 "INSERT INTO meta (key, value) VALUES ('created_with', '0.1.0');"
                 "PRAGMA user_version = 1");
  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");

  g_assert_true (sdb_database_restore (f->db, old, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "PRAGMA user_version"), ==, 1);

  g_clear_object (&f->db);
  f->db = sdb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_database_get_schema_version (f->db), ==,
                   sdb_database_get_latest_schema_version ());
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 0);
  insert_profile (f, "2025-07-01", "Đảng bộ xã Sốp Cộp");
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/backup/copy-has-same-rows", test_copy_has_same_rows);
  SDB_TEST_ADD ("/core/backup/copy-is-private", test_copy_is_private);
  SDB_TEST_ADD ("/core/backup/refuses-existing-destination", test_refuses_existing_destination);
  SDB_TEST_ADD ("/core/backup/consistent-while-writing", test_consistent_while_writing);
  SDB_TEST_ADD ("/core/backup/restore-replaces-content-and-keeps-old",
                test_restore_replaces_content_and_keeps_old);
  SDB_TEST_ADD ("/core/backup/restore-refuses-non-database-untouched",
                test_restore_refuses_non_database_untouched);
  SDB_TEST_ADD ("/core/backup/restore-refuses-newer-schema", test_restore_refuses_newer_schema);
  SDB_TEST_ADD ("/core/backup/restore-older-schema-migrates-on-reopen",
                test_restore_older_schema_migrates_on_reopen);

  return g_test_run ();
}
