/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-interchange.h"
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

static int
stat_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static guint
count_backups (SdbTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sdb_database_list_backups (f->db, &error);

  g_assert_no_error (error);
  return list->len;
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
  g_autofree char *folder = path_in (f, "backups");

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  copy = make_backup (f, "copy.db");
  insert_profile (f, "2025-07-01", "Đảng bộ xã Sốp Cộp");

  g_assert_true (sdb_database_restore (f->db, copy, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 1);

  /* What the database held before is kept in the backups folder, private. */
  g_assert_true (g_str_has_prefix (saved, folder));
  g_assert_true (g_str_has_prefix (saved + strlen (folder), G_DIR_SEPARATOR_S "test-"));
  g_assert_nonnull (strstr (saved, "-before-restore"));
  g_assert_cmpint (stat_mode (folder), ==, 0700);
  g_assert_cmpint (stat_mode (saved), ==, 0600);
  g_assert_cmpint (raw_query_int (saved, "SELECT count(*) FROM profile"), ==, 2);

  /* A second restore never overwrites the first saved copy. */
  g_assert_true (sdb_database_restore (f->db, copy, &saved_again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved_again, !=, saved);
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
  g_autofree char *saved = path_in (f, "backups");
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
  g_autofree char *saved = path_in (f, "backups");
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

static void
test_import_keeps_the_state_before_it (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  g_autoptr(GBytes) csv = g_bytes_new_static ("code,name,kind\nDB01,Đảng bộ xã A,dang_bo_co_so\n",
                                              strlen ("code,name,kind\nDB01,Đảng bộ xã A,"
                                                      "dang_bo_co_so\n"));
  g_autoptr(GPtrArray) list = NULL;
  const SdbDate today = { 2026, 11, 22 };
  const SdbBackupInfo *info;

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  g_assert_true (sdb_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS, csv, &today, problems,
                                 NULL, &error));
  g_assert_no_error (error);
  list = sdb_database_list_backups (f->db, &error);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->reason, ==, SDB_BACKUP_REASON_IMPORT);
  g_assert_cmpint (info->size, >, 0);
  /* The backup holds the database as it was before the import. */
  g_assert_cmpint (raw_query_int (info->path, "SELECT count(*) FROM organization"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"), ==, 1);
}

static void
test_daily_backup_is_made_once_a_day (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  g_assert_true (sdb_database_backup_daily (f->db, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "-daily.db"));
  g_assert_true (sdb_database_backup_daily (f->db, &second, &error));
  g_assert_no_error (error);
  g_assert_null (second);
  g_assert_cmpuint (count_backups (f), ==, 1);
}

static void
test_empty_database_gets_no_automatic_backup (SdbTestFixture *f,
                                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *folder = path_in (f, "backups");

  g_assert_true (sdb_database_backup_daily (f->db, &made, &error));
  g_assert_no_error (error);
  g_assert_null (made);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* Switched off (a fuzzer imports thousands of files), none is made either. */
  insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp");
  sdb_database_set_automatic_backups (f->db, FALSE);
  g_assert_true (sdb_database_auto_backup (f->db, SDB_BACKUP_REASON_IMPORT, &made, &error));
  g_assert_null (made);
  sdb_database_set_automatic_backups (f->db, TRUE);
  g_assert_true (sdb_database_auto_backup (f->db, SDB_BACKUP_REASON_IMPORT, &made, &error));
  g_assert_nonnull (made);
}

static void
test_old_backups_are_pruned_to_a_bounded_set (SdbTestFixture *f,
                                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *folder = path_in (f, "backups");
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 1, 8, 0, 0);

  /* Three backups a day for 60 days, and one file that is not a backup. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (int day = 0; day < 60; day++)
    for (int hour = 0; hour < 3; hour++)
      {
        g_autoptr(GDateTime) when = g_date_time_add_full (start, 0, 0, day, hour, 0, 0);
        g_autofree char *stamp = g_date_time_format (when, "%Y%m%d-%H%M%S");
        g_autofree char *name = g_strdup_printf ("test-%s-daily.db", stamp);
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_assert_true (g_file_set_contents (path, "x", 1, NULL));
      }
  {
    g_autofree char *other = g_build_filename (folder, "ghi-chu.txt", NULL);

    g_assert_true (g_file_set_contents (other, "x", 1, NULL));
  }

  g_assert_true (sdb_database_prune_backups (f->db, &error));
  g_assert_no_error (error);
  list = sdb_database_list_backups (f->db, &error);
  /* The newest ten, the newest of each of 7 days (three of them among the ten) and of each of
   * 4 weeks (one among those). */
  g_assert_cmpuint (list->len, <=, 10 + 7 + 4);
  g_assert_cmpuint (list->len, >=, 10);
  g_assert_cmpstr (((SdbBackupInfo *) g_ptr_array_index (list, 0))->name, ==,
                   "test-20260301-100000-daily.db");
  {
    g_autofree char *other = g_build_filename (folder, "ghi-chu.txt", NULL);

    g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

static void
test_unfinished_copies_are_never_listed_and_are_cleared (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = path_in (f, "backups");
  g_autofree char *old = g_build_filename (folder, "test-20260101-080000-daily.db.partial-a1b2c3",
                                           NULL);
  g_autofree char *fresh = g_build_filename (folder,
                                             "test-20260101-090000-daily.db.partial-d4e5f6",
                                             NULL);
  struct utimbuf long_ago = { 1000000000, 1000000000 };

  /* What a program killed in the middle of a backup leaves. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old, "half a copy", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "being written", -1, NULL));
  g_assert_cmpint (g_utime (old, &long_ago), ==, 0);

  g_assert_cmpuint (count_backups (f), ==, 0);
  g_assert_true (sdb_database_prune_backups (f->db, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/backup/copy-has-same-rows", test_copy_has_same_rows);
  SDB_TEST_ADD ("/core/backup/import-keeps-the-state-before-it",
                test_import_keeps_the_state_before_it);
  SDB_TEST_ADD ("/core/backup/daily-backup-is-made-once-a-day",
                test_daily_backup_is_made_once_a_day);
  SDB_TEST_ADD ("/core/backup/empty-database-gets-no-automatic-backup",
                test_empty_database_gets_no_automatic_backup);
  SDB_TEST_ADD ("/core/backup/unfinished-copies-are-never-listed-and-are-cleared",
                test_unfinished_copies_are_never_listed_and_are_cleared);
  SDB_TEST_ADD ("/core/backup/old-backups-are-pruned-to-a-bounded-set",
                test_old_backups_are_pruned_to_a_bounded_set);
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
