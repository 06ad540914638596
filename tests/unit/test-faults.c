/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults of the disk and the file: a disk that fills up, a file that cannot be written, a missing
 * folder, a file that is not a database, a truncated one and one with a damaged page. Each gives
 * its own error code and a message, in the clerk's language, that names the file and says what
 * to do; none of them changes the records, and a damaged file stays byte for byte as it was.
 *
 * The tests run as root, so file modes prove nothing: a full disk is SQLite's max_page_count or
 * a file system (an SQLite VFS) whose writes fail with ENOSPC, an unwritable file is a
 * connection with query_only set or writes failing with EROFS, and a read-only disk is that file
 * system refusing to open the database or its -wal for writing, as the kernel does. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-demo.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-stats.h"
#include "interchange-test.h"

/* A file system that fails on cue -------------------------------------------------------------- */

/* Wraps the default VFS. Once a fault is set, every write to a file whose name starts with the
 * prefix (the database and its -wal) fails as the kernel would make it fail: ENOSPC becomes
 * SQLITE_FULL, anything else an I/O error with its errno left behind. Other files (the backups
 * folder) are written as usual. */
static struct
{
  sqlite3_vfs               vfs;
  sqlite3_vfs              *base;
  /* The base VFS gives the database and its -wal different methods (only the database is
   * locked), each replaced by a copy whose write fails on cue. */
  const sqlite3_io_methods *base_methods[4];
  sqlite3_io_methods        methods[4];
  guint                     n_methods;
  int                     (*base_write) (sqlite3_file *, const void *, int, sqlite3_int64);
  char                     *prefix;
  int                       errsv;      /* 0: no fault */
  guint                     failures;   /* writes refused since the fault was set */
  gboolean                  read_only_disk;
} faulty;

static int
faulty_write (sqlite3_file  *file,
              const void    *buffer,
              int            amount,
              sqlite3_int64  offset)
{
  if (faulty.errsv == 0)
    return faulty.base_write (file, buffer, amount, offset);
  faulty.failures++;
  /* What write() leaves behind, where SQLite's unix VFS finds it. */
  errno = faulty.errsv;
  return faulty.errsv == ENOSPC ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

static int
faulty_open (sqlite3_vfs  *vfs,
             const char   *name,
             sqlite3_file *file,
             int           flags,
             int          *out_flags)
{
  int rc;
  guint i;

  /* On a read-only disk, SQLite's unix VFS opens a file that exists read-only (and says so in
   * @out_flags), and cannot create one. */
  if (faulty.read_only_disk && name != NULL && faulty.prefix != NULL
      && g_str_has_prefix (name, faulty.prefix) && (flags & SQLITE_OPEN_READWRITE) != 0)
    {
      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        {
          errno = EROFS;
          return SQLITE_CANTOPEN;
        }
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
  rc = faulty.base->xOpen (faulty.base, name, file, flags, out_flags);

  /* The file is the base VFS's own; only its methods are swapped for a copy whose write fails
   * on cue. */
  if (rc != SQLITE_OK || file->pMethods == NULL || name == NULL || faulty.prefix == NULL
      || !g_str_has_prefix (name, faulty.prefix))
    return rc;
  for (i = 0; i < faulty.n_methods && faulty.base_methods[i] != file->pMethods; i++)
    ;
  if (i == faulty.n_methods)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (faulty.methods));
      if (faulty.base_write == NULL)
        faulty.base_write = file->pMethods->xWrite;
      /* Every kind of file writes the same way, so one saved write serves them all. */
      g_assert_true (file->pMethods->xWrite == faulty.base_write);
      faulty.base_methods[i] = file->pMethods;
      faulty.methods[i] = *file->pMethods;
      faulty.methods[i].xWrite = faulty_write;
      faulty.n_methods++;
    }
  file->pMethods = &faulty.methods[i];
  return rc;
}

static void
faulty_register (void)
{
  faulty.base = sqlite3_vfs_find (NULL);
  g_assert_nonnull (faulty.base);
  faulty.vfs = *faulty.base;
  faulty.vfs.pNext = NULL;
  faulty.vfs.zName = "sdb-faulty";
  faulty.vfs.xOpen = faulty_open;
  g_assert_cmpint (sqlite3_vfs_register (&faulty.vfs, 1), ==, SQLITE_OK);
}

/* Makes the writes to @path and its -wal fail with @errsv (0: they succeed again). Files are
 * matched when they are opened, so set the prefix before opening the database. */
static void
faulty_set (const char *path,
            int         errsv)
{
  g_free (faulty.prefix);
  faulty.prefix = g_strdup (path);
  faulty.errsv = errsv;
  faulty.failures = 0;
  faulty.read_only_disk = FALSE;
}

/* Puts @path on a read-only disk (NULL: back on a writable one): the database and its -wal
 * cannot be opened for writing, nor created, nor written. */
static void
faulty_set_read_only_disk (const char *path)
{
  faulty_set (path, path != NULL ? EROFS : 0);
  faulty.read_only_disk = path != NULL;
}

/* Helpers ------------------------------------------------------------------------------------- */

static gboolean
is_vietnamese (void)
{
  const char *lc = setlocale (LC_MESSAGES, NULL);

  return lc != NULL && g_str_has_prefix (lc, "vi");
}

/* Asserts that @message holds @english, or @vietnamese when the test runs in Vietnamese: the
 * message was translated, not only written. */
#define assert_says(message, english, vietnamese) \
  assert_says_real ((message), (english), (vietnamese), G_STRLOC)

static void
assert_says_real (const char *message,
                  const char *english,
                  const char *vietnamese,
                  const char *where)
{
  const char *expected = is_vietnamese () ? vietnamese : english;

  if (strstr (message, expected) == NULL)
    g_error ("%s: “%s” does not say “%s”", where, message, expected);
}

/* A digest of every row of every table of records: equal digests mean that no record was
 * written. SQLite's own tables are left out: the planner's statistics (sqlite_stat1) are
 * refreshed when a connection closes. */
static char *
dup_content_digest (SdbDatabase *db)
{
  sqlite3 *handle = sdb_database_get_handle (db);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_schema"
                                               " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                               " ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));

      g_checksum_update (checksum, g_ptr_array_index (tables, i), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int column = 0; column < sqlite3_column_count (stmt); column++)
          {
            const guchar *value = sqlite3_column_blob (stmt, column);

            g_checksum_update (checksum, (const guchar *) "|", 1);
            if (value != NULL)
              g_checksum_update (checksum, value, sqlite3_column_bytes (stmt, column));
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
set_pragma (SdbDatabase *db,
            const char  *sql)
{
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

/* Leaves the database no room to grow beyond the pages it has. */
static void
fill_the_disk (SdbDatabase *db)
{
  gint64 pages = sdb_test_query_int (db, "PRAGMA page_count");
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);

  set_pragma (db, sql);
  g_assert_cmpint (sdb_test_query_int (db, "PRAGMA max_page_count"), ==, pages);
}

static void
free_some_space (SdbDatabase *db)
{
  set_pragma (db, "PRAGMA max_page_count = 1073741823");
}

/* A CSV file of @n new members of the fixture's cell DB01-01, each with a long note, so that
 * importing them needs many new pages. */
static char *
dup_members_csv (guint n)
{
  g_autoptr(GString) csv = g_string_new ("code,full_name,gender,birth_date,organization_code,"
                                         "admitted_on,official_on,notes\n");
  g_autofree char *note = g_strnfill (400, 'x');

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "N%04u,Lò Văn Số %u,male,01/01/1990,DB01-01,05/05/2015,05/05/2016,%s\n",
                            i, i, note);
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/* The fixture's committee and organizations, without members. */
static void
load_fixture_without_members (SdbTestFixture *f)
{
  sdb_test_load_fixture (f->db,
                         "DELETE FROM member_rating; DELETE FROM badge;"
                         " DELETE FROM award WHERE member_id IS NOT NULL;"
                         " DELETE FROM member_exemption; DELETE FROM member_event;"
                         " DELETE FROM member;");
}

static SdbMember *
new_member_with_notes (gsize notes_size)
{
  SdbMember *member = sdb_member_new ();
  SdbDate birth = sdb_test_date ("1990-01-01");
  SdbDate admission = sdb_test_date ("2015-05-05");
  g_autofree char *notes = g_strnfill (notes_size, 'x');

  sdb_member_set_code (member, "N0001");
  sdb_member_set_full_name (member, "Lò Thị Mai");
  sdb_member_set_gender (member, SDB_GENDER_FEMALE);
  sdb_member_set_birth_date (member, &birth);
  sdb_member_set_admission_date (member, &admission);
  sdb_member_set_notes (member, notes);
  return member;
}

static gint64
organization_id (SdbDatabase *db,
                 const char  *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM organization WHERE code = '%s'", code);

  return sdb_test_query_int (db, sql);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names and bytes of every file in @dir, sorted by name: equal for two readings of the
 * folder when nothing in it was created, removed or written. */
static char *
dup_folder_state (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) state = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autofree char *digest = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_string_append_printf (state, "%s/\n", (char *) g_ptr_array_index (names, i));
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_string_append_printf (state, "%s %" G_GSIZE_FORMAT " %s\n",
                              (char *) g_ptr_array_index (names, i), length, digest);
    }
  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* A disk that fills up -------------------------------------------------------------------------- */

static void
assert_no_space_error (const GError *error,
                       const char   *path)
{
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, path));
  assert_says (error->message, "is full", "đã đầy");
  assert_says (error->message, "free some space", "giải phóng dung lượng");
}

static void
test_disk_full_during_import_writes_nothing (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = dup_members_csv (400);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SdbImportCounts counts = { 0 };

  load_fixture_without_members (f);
  before = dup_content_digest (f->db);
  fill_the_disk (f->db);

  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, csv, problems, &counts,
                                       &error));
  assert_no_space_error (error, f->path);
  g_assert_cmpuint (sdb_problems_count (problems, SDB_SEVERITY_ERROR), ==, 0);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);

  /* Once there is room again, the same file imports: the failure left nothing half done. */
  free_some_space (f->db);
  g_clear_error (&error);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, csv);
  g_assert_cmpuint (counts.inserted, ==, 400);
}

static void
test_disk_full_during_record_insert_writes_nothing (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) member = new_member_with_notes (256 * 1024);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 cell;

  load_fixture_without_members (f);
  cell = organization_id (f->db, "DB01-01");
  before = dup_content_digest (f->db);
  fill_the_disk (f->db);

  g_assert_false (sdb_member_admit (f->db, member, cell, f->problems, &error));
  assert_no_space_error (error, f->path);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);

  free_some_space (f->db);
  g_clear_error (&error);
  g_assert_true (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 1);
}

/* The file system itself refuses the write (ENOSPC), here when the import commits: the commit
 * fails, and neither this connection nor the next one sees any of the import. */
static void
test_disk_full_at_commit_writes_nothing (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = dup_members_csv (100);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reopened_digest = NULL;
  g_autoptr(SdbDatabase) reopened = NULL;

  /* The database is opened again through the faulty file system. */
  g_clear_object (&f->db);
  faulty_set (f->path, 0);
  f->db = sdb_database_open (f->path, &error);
  g_assert_no_error (error);
  load_fixture_without_members (f);
  before = dup_content_digest (f->db);

  faulty_set (f->path, ENOSPC);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, csv, problems, NULL,
                                       &error));
  g_assert_cmpuint (faulty.failures, >, 0);
  assert_no_space_error (error, f->path);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);

  faulty_set (NULL, 0);
  g_clear_object (&f->db);
  g_clear_error (&error);
  reopened = sdb_database_open (f->path, &error);
  g_assert_no_error (error);
  reopened_digest = dup_content_digest (reopened);
  g_assert_cmpstr (reopened_digest, ==, before);
}

/* A file that cannot be written ----------------------------------------------------------------- */

static void
assert_permission_error (const GError *error,
                         const char   *path)
{
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, path));
  assert_says (error->message, "cannot be written", "Không ghi được");
  assert_says (error->message, "Nothing was saved", "Chưa có gì được lưu");
  assert_says (error->message, "for permission to write there", "cấp quyền ghi");
}

static void
test_read_only_connection_refuses_record_insert (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) member = new_member_with_notes (10);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  load_fixture_without_members (f);
  before = dup_content_digest (f->db);
  set_pragma (f->db, "PRAGMA query_only = ON");

  g_assert_false (sdb_member_admit (f->db, member, organization_id (f->db, "DB01-01"),
                                    f->problems, &error));
  assert_permission_error (error, f->path);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_read_only_connection_refuses_import (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = dup_members_csv (5);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  load_fixture_without_members (f);
  before = dup_content_digest (f->db);
  set_pragma (f->db, "PRAGMA query_only = ON");

  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, csv, problems, NULL,
                                       &error));
  assert_permission_error (error, f->path);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* The disk turns read-only under the program (EROFS from write()): SQLite calls it an I/O error;
 * the errno makes it a permission error, with its message. */
static void
test_writes_refused_by_the_disk_are_a_permission_error (SdbTestFixture *f,
                                                        gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = dup_members_csv (20);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&f->db);
  faulty_set (f->path, 0);
  f->db = sdb_database_open (f->path, &error);
  g_assert_no_error (error);
  load_fixture_without_members (f);
  before = dup_content_digest (f->db);

  faulty_set (f->path, EROFS);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, csv, problems, NULL,
                                       &error));
  g_assert_cmpuint (faulty.failures, >, 0);
  assert_permission_error (error, f->path);
  after = dup_content_digest (f->db);
  g_assert_cmpstr (after, ==, before);
  faulty_set (NULL, 0);
}

/* A database opened only to read ---------------------------------------------------------------- */

/* What the reads of the tests below find in the hand-counted fixture. */
typedef struct
{
  gint64  members;
  char   *first_by_name;
  char   *stats_json;
} Readings;

static void
readings_clear (Readings *r)
{
  g_clear_pointer (&r->first_by_name, g_free);
  g_clear_pointer (&r->stats_json, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Readings, readings_clear)

/* Reads @db as the read commands do: counts, an order by the Vietnamese sort keys, a search by
 * the SQL function that makes search keys, and the figures of one organization (which gather
 * their members in temporary tables). */
static void
read_fixture (SdbDatabase *db,
              Readings    *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbStats) stats = NULL;
  sqlite3_stmt *stmt = NULL;

  r->members = sdb_test_query_int (db, "SELECT count(*) FROM member");
  g_assert_cmpint (r->members, >, 0);
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM member"
                                           " WHERE search_key = sdb_search_key (full_name)"),
                   ==, r->members);
  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db),
                                       "SELECT full_name FROM member ORDER BY name_key LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  r->first_by_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  stats = sdb_stats_compute (db, 2024, organization_id (db, "DB01"), &error);
  g_assert_no_error (error);
  r->stats_json = sdb_stats_to_json (stats);
}

/* The fixture, read through the test's own (writable) database, which is then closed so that
 * the file holds everything and nothing waits in a -wal. */
static void
load_fixture_and_close (SdbTestFixture *f,
                        Readings       *r)
{
  sdb_test_load_fixture (f->db, NULL);
  read_fixture (f->db, r);
  g_clear_object (&f->db);
}

static void
test_read_only_disk_reads_the_records (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_auto(Readings) expected = { 0 };
  g_auto(Readings) found = { 0 };

  load_fixture_and_close (f, &expected);
  state = dup_folder_state (f->dir);

  faulty_set_read_only_disk (f->path);
  db = sdb_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_database_get_schema_version (db), ==,
                   sdb_database_get_latest_schema_version ());
  read_fixture (db, &found);
  g_clear_object (&db);
  faulty_set_read_only_disk (NULL);

  g_assert_cmpint (found.members, ==, expected.members);
  g_assert_cmpstr (found.first_by_name, ==, expected.first_by_name);
  g_assert_cmpstr (found.stats_json, ==, expected.stats_json);
  /* Nothing was made beside the file: no -wal, -shm or backups folder. */
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

static void
test_read_only_disk_refuses_every_write_unchanged (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(SdbMember) member = new_member_with_notes (10);
  g_autofree char *csv = dup_members_csv (5);
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  gint64 cell;

  load_fixture_without_members (f);
  g_clear_object (&f->db);
  state = dup_folder_state (f->dir);

  faulty_set_read_only_disk (f->path);
  db = sdb_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  cell = organization_id (db, "DB01-01");

  /* The transaction of every write is refused before any statement runs. */
  g_assert_false (sdb_database_begin (db, &error));
  assert_permission_error (error, f->path);
  g_clear_error (&error);
  g_assert_false (sdb_member_admit (db, member, cell, f->problems, &error));
  assert_permission_error (error, f->path);
  g_clear_error (&error);
  /* An import, which otherwise keeps a backup of the state before it, makes none. */
  g_assert_false (sdb_test_import_csv (db, SDB_INTERCHANGE_MEMBERS, csv, problems, NULL,
                                       &error));
  assert_permission_error (error, f->path);
  /* SQL that goes round the record kinds fails too. */
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (db),
                                 "UPDATE organization SET notes = 'x'", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM member"), ==, 0);
  g_clear_object (&db);

  /* SQLite never even tried to write to the disk, and the file is byte for byte as it was. */
  g_assert_cmpuint (faulty.failures, ==, 0);
  faulty_set_read_only_disk (NULL);
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

/* Where the file can be written, reading it read-only leaves nothing behind either: the -wal and
 * -shm that SQLite makes to read a WAL database are removed when it is closed. */
static void
test_read_only_in_writable_folder_refuses_writes_and_leaves_nothing (SdbTestFixture *f,
                                                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_auto(Readings) expected = { 0 };
  g_auto(Readings) found = { 0 };

  load_fixture_and_close (f, &expected);
  state = dup_folder_state (f->dir);

  db = sdb_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  read_fixture (db, &found);
  g_assert_cmpint (found.members, ==, expected.members);
  g_assert_cmpstr (found.stats_json, ==, expected.stats_json);
  g_assert_false (sdb_database_begin (db, &error));
  assert_permission_error (error, f->path);
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (db), "DELETE FROM member_rating",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_clear_object (&db);

  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

/* Beside a program that writes, a read-only database reads through SQLite's locks and its -wal,
 * so it sees each change once committed (a file read as immutable would not). */
static void
test_read_only_sees_what_a_writer_commits (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) reader = NULL;
  g_autoptr(SdbMember) member = new_member_with_notes (10);

  load_fixture_without_members (f);
  reader = sdb_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (reader, "SELECT count(*) FROM member"), ==, 0);

  g_assert_true (sdb_member_admit (f->db, member, organization_id (f->db, "DB01-01"),
                                   f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (reader, "SELECT count(*) FROM member"), ==, 1);
}

/* A database file that only has the meta table, at schema @version. */
static void
make_database_of_version (const char *path,
                          int         version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = WAL;"
                                          "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL,"
                                          "                   value TEXT NOT NULL);"
                                          "INSERT INTO meta VALUES ('created_with', '0.0.1');"
                                          "PRAGMA user_version = %d;", version);
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
test_read_only_older_database_refused_unchanged (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "sổ cũ.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;

  make_database_of_version (path, 1);
  state = dup_folder_state (f->dir);

  faulty_set_read_only_disk (path);
  db = sdb_database_open_read_only (path, &error);
  faulty_set_read_only_disk (NULL);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_OLDER);
  g_assert_nonnull (strstr (error->message, path));
  assert_says (error->message, "written by an older version of Sổ Đảng bộ",
               "phiên bản Sổ Đảng bộ cũ hơn");
  assert_says (error->message, "Open it once with this version where the file can be written",
               "Hãy mở tệp một lần bằng phiên bản này ở nơi ghi được");
  assert_says (error->message, "The file has not been changed", "Tệp chưa bị thay đổi");
  /* Neither brought up to date nor backed up. */
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

static void
test_read_only_newer_database_refused_unchanged (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;

  make_database_of_version (path, sdb_database_get_latest_schema_version () + 1);
  state = dup_folder_state (f->dir);

  db = sdb_database_open_read_only (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, path));
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

static void
test_read_only_missing_file_named_and_not_created (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "Sổ 2025.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autofree char *state = dup_folder_state (f->dir);
  g_autofree char *state_after = NULL;

  db = sdb_database_open_read_only (path, &error);
  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_CANNOT_OPEN);
  g_assert_nonnull (strstr (error->message, path));
  assert_says (error->message, "cannot be opened", "Không mở được cơ sở dữ liệu");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

static void
test_read_only_missing_folder_named_and_not_created (SdbTestFixture *f,
                                                     gconstpointer   data)
{
  g_autofree char *folder = g_build_filename (f->dir, "Sổ 2025", NULL);
  g_autofree char *path = g_build_filename (folder, "sodangbo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open_read_only (path, &error);

  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, folder));
  assert_says (error->message, "does not exist", "không tồn tại");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Files that are missing, not a database, or damaged --------------------------------------------- */

static void
test_missing_folder_named_and_not_created (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "Sổ 2025", NULL);
  g_autofree char *path = g_build_filename (folder, "sodangbo.db", NULL);
  g_autofree char *state = dup_folder_state (f->dir);
  g_autofree char *state_after = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING);
  g_assert_nonnull (strstr (error->message, folder));
  assert_says (error->message, "does not exist", "không tồn tại");
  assert_says (error->message, "Choose a database in an existing folder",
               "Hãy chọn cơ sở dữ liệu trong một thư mục có sẵn");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

/* Opens @path and, when it opens, checks it: one of the two must fail with
 * SDB_DATABASE_ERROR_NOT_A_DATABASE and a message naming the file and saying that it was not
 * changed. Returns the message. */
static char *
dup_damage_message (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);
  guint n_errors = 0;
  guint n_warnings = 0;

  if (db != NULL)
    {
      g_test_message ("“%s” opens; its check must fail", path);
      g_assert_false (sdb_check_run (db, NULL, NULL, &n_errors, &n_warnings, &error));
    }
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  assert_says (error->message, "The file has not been changed", "Tệp chưa bị thay đổi");
  assert_says (error->message, "a backup", "khôi phục từ bản sao lưu");
  return g_strdup (error->message);
}

static void
test_not_a_database_refused_unchanged (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "biên bản.db", NULL);
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (path, "Biên bản hội nghị Ban Chấp hành lần thứ 15\n"
                                            "Thời gian: 8 giờ 00, ngày 20/11/2024\n", -1, NULL));
  state = dup_folder_state (f->dir);
  message = dup_damage_message (path);
  assert_says (message, "is not a Sổ Đảng bộ database",
               "không phải là cơ sở dữ liệu của Sổ Đảng bộ");
  assert_says (message, "Open another file", "Hãy mở tệp khác");
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

/* A real database of invented records at @path, closed, so that its file holds everything. */
static void
make_real_database (SdbTestFixture *f,
                    const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  sdb_test_add_profile (db);
  sdb_test_generate_demo (db, 300, 2016, 2025, 1, NULL);
  g_clear_object (&db);
}

static void
test_truncated_database_refused_unchanged (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "cut.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_autofree char *message = NULL;
  GStatBuf st;

  make_real_database (f, path);
  /* Everything is in the file itself: nothing waits in a -wal beside it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);

  state = dup_folder_state (f->dir);
  message = dup_damage_message (path);
  assert_says (message, "damaged", "hỏng");
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

/* Whether a page starting with @type holds records or index entries (a b-tree page), rather
 * than free space or the overflow of a long text. */
static gboolean
is_btree_page (guchar type)
{
  return type == 0x02 || type == 0x05 || type == 0x0a || type == 0x0d;
}

static void
test_damaged_page_found_and_file_unchanged (SdbTestFixture *f,
                                            gconstpointer   data)
{
  g_autofree char *path = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *state = NULL;
  g_autofree char *state_after = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  gsize page_size;
  gsize page;

  make_real_database (f, path);
  /* A bad sector: one page of records or of an index, from the middle of the file on,
   * overwritten with rubbish. The page size is in the file's header. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  g_assert_cmpuint (page_size, >=, 512);
  for (page = length / page_size / 2; page < length / page_size; page++)
    if (is_btree_page ((guchar) contents[page * page_size]))
      break;
  g_assert_cmpuint (page, <, length / page_size);
  for (gsize i = 0; i < page_size; i++)
    contents[page * page_size + i] = (char) (0xa5 ^ (i * 7));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  state = dup_folder_state (f->dir);
  message = dup_damage_message (path);
  assert_says (message, "damaged", "hỏng");
  state_after = dup_folder_state (f->dir);
  g_assert_cmpstr (state_after, ==, state);
}

int
main (int   argc,
      char *argv[])
{
  sdb_test_init (&argc, &argv);
  faulty_register ();

  SDB_TEST_ADD ("/core/faults/disk-full/import-writes-nothing",
                test_disk_full_during_import_writes_nothing);
  SDB_TEST_ADD ("/core/faults/disk-full/record-insert-writes-nothing",
                test_disk_full_during_record_insert_writes_nothing);
  SDB_TEST_ADD ("/core/faults/disk-full/commit-writes-nothing",
                test_disk_full_at_commit_writes_nothing);
  SDB_TEST_ADD ("/core/faults/unwritable/read-only-connection-refuses-record-insert",
                test_read_only_connection_refuses_record_insert);
  SDB_TEST_ADD ("/core/faults/unwritable/read-only-connection-refuses-import",
                test_read_only_connection_refuses_import);
  SDB_TEST_ADD ("/core/faults/unwritable/writes-refused-by-the-disk-are-a-permission-error",
                test_writes_refused_by_the_disk_are_a_permission_error);
  SDB_TEST_ADD ("/core/faults/read-only/disk-reads-the-records",
                test_read_only_disk_reads_the_records);
  SDB_TEST_ADD ("/core/faults/read-only/disk-refuses-every-write-unchanged",
                test_read_only_disk_refuses_every_write_unchanged);
  SDB_TEST_ADD ("/core/faults/read-only/writable-folder-refuses-writes-and-leaves-nothing",
                test_read_only_in_writable_folder_refuses_writes_and_leaves_nothing);
  SDB_TEST_ADD ("/core/faults/read-only/sees-what-a-writer-commits",
                test_read_only_sees_what_a_writer_commits);
  SDB_TEST_ADD ("/core/faults/read-only/older-database-refused-unchanged",
                test_read_only_older_database_refused_unchanged);
  SDB_TEST_ADD ("/core/faults/read-only/newer-database-refused-unchanged",
                test_read_only_newer_database_refused_unchanged);
  SDB_TEST_ADD ("/core/faults/read-only/missing-file-named-and-not-created",
                test_read_only_missing_file_named_and_not_created);
  SDB_TEST_ADD ("/core/faults/read-only/missing-folder-named-and-not-created",
                test_read_only_missing_folder_named_and_not_created);
  SDB_TEST_ADD ("/core/faults/missing-folder-named-and-not-created",
                test_missing_folder_named_and_not_created);
  SDB_TEST_ADD ("/core/faults/not-a-database-refused-unchanged",
                test_not_a_database_refused_unchanged);
  SDB_TEST_ADD ("/core/faults/truncated-database-refused-unchanged",
                test_truncated_database_refused_unchanged);
  SDB_TEST_ADD ("/core/faults/damaged-page-found-and-file-unchanged",
                test_damaged_page_found_and_file_unchanged);

  return g_test_run ();
}
