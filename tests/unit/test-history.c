/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The change history as a whole: how a database starts it, imports and the demo in it, every
 * kind of tampering `check` must see, and undoing a deletion. The entries of each record kind
 * are tested in test-history-kinds.c. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "interchange-test.h"
#include "sdb-backup.h"
#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-demo.h"
#include "sdb-history-private.h"
#include "sdb-history.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-problem.h"
#include "sdb-test.h"

static const char organizations_csv[] =
  "code,name,kind,parent_code,founded_on\r\n"
  "DB01,Đảng bộ xã Minh Tân,dang_bo_co_so,,01/01/1990\r\n"
  "CB01,Chi bộ thôn Đông,chi_bo_truc_thuoc,DB01,01/01/1990\r\n"
  "CB02,Chi bộ thôn Tây,chi_bo_truc_thuoc,DB01,01/01/1990\r\n";

static const char members_csv[] =
  "code,full_name,gender,birth_date,organization_code,admitted_on,official_on\r\n"
  "DV01,Nguyễn Văn An,male,01/02/1970,CB01,03/02/1995,03/02/1996\r\n"
  "DV02,Trần Thị Bình,female,05/06/1980,CB01,10/10/2005,10/10/2006\r\n"
  "DV03,Lê Văn Cường,male,07/08/1990,CB02,19/05/2015,19/05/2016\r\n";

static GPtrArray *
list_all (SdbDatabase *db)
{
  SdbHistoryFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = sdb_history_list (db, &filter, &error);

  g_assert_no_error (error);
  return entries;
}

typedef struct
{
  guint    n_errors;
  GString *messages;
} Found;

static void
collect (const char       *where,
         const SdbProblem *problem,
         gpointer          user_data)
{
  Found *found = user_data;

  if (problem->severity == SDB_SEVERITY_ERROR)
    found->n_errors++;
  g_string_append_printf (found->messages, "%s: %s\n", where, problem->message);
}

/* The history's own problems, as `check` reports them; their messages go to @messages. */
static guint
verify (SdbDatabase  *db,
        char        **messages)
{
  Found found = { 0, g_string_new (NULL) };
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_history_verify (db, collect, &found, &error));
  g_assert_no_error (error);
  g_test_message ("%s", found.messages->str);
  if (messages != NULL)
    *messages = g_string_free (found.messages, FALSE);
  else
    g_string_free (found.messages, TRUE);
  return found.n_errors;
}

/* Asserts a problem that says @part, or @part_vi in Vietnamese (the suite runs in both). */
static void
assert_verify_finds (SdbDatabase *db,
                     const char  *part,
                     const char  *part_vi)
{
  g_autofree char *messages = NULL;

  g_assert_cmpuint (verify (db, &messages), >, 0);
  if (strstr (messages, part) == NULL && strstr (messages, part_vi) == NULL)
    g_error ("expected a problem with “%s” or “%s”, got:\n%s", part, part_vi, messages);
}

static void
import_records (SdbDatabase *db)
{
  sdb_test_add_profile (db);
  sdb_test_import_csv_ok (db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  sdb_test_import_csv_ok (db, SDB_INTERCHANGE_MEMBERS, members_csv);
}

/* Runs @sql past the program: as someone with the sqlite3 shell would, triggers dropped. */
static void
tamper (SdbDatabase *db,
        const char  *sql)
{
  g_autofree char *all = g_strconcat ("DROP TRIGGER IF EXISTS history_is_append_only_update;"
                                      "DROP TRIGGER IF EXISTS history_is_append_only_delete;",
                                      sql, NULL);

  sdb_test_exec_sql (db, all);
}

static void
test_new_database_starts_the_chain (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = list_all (f->db);
  const SdbHistoryEntry *e;
  g_autofree char *head = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (e->op, ==, "start");
  g_assert_cmpstr (e->changes, ==, "{\"reason\":\"new\"}");
  g_assert_cmpint (e->id, ==, 1);
  g_assert_cmpstr (e->user, ==, g_get_user_name ());
  g_assert_true (g_str_has_suffix (e->time, "Z"));
  g_assert_cmpuint (strlen (e->hash), ==, 64);

  /* The newest link is kept outside the history table too. */
  head = sdb_database_dup_meta (f->db, "history_head");
  expected = g_strdup_printf ("1:%s", e->hash);
  g_assert_cmpstr (head, ==, expected);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

static void
test_import_is_grouped_under_one_id (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  SdbHistoryFilter filter = { 0 };
  const SdbHistoryEntry *note;
  g_autoptr(GError) error = NULL;
  gint64 import_id, last_id = 0;
  guint rows = 0, members = 0;

  sdb_test_add_profile (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  sdb_history_set_import_source (f->db, "/home/clerk/Tài liệu/dang-vien.csv");
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, members_csv);

  import_id = sdb_history_get_last_txn (f->db, &error);
  g_assert_no_error (error);
  filter.import_id = import_id;
  imported = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);

  /* The newest is the import's own note, with the file's name and how many rows changed. */
  note = g_ptr_array_index (imported, 0);
  g_assert_cmpstr (note->op, ==, "import");
  for (guint i = 1; i < imported->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (imported, i);

      g_assert_cmpint (e->import_id, ==, import_id);
      g_assert_cmpint (e->txn, ==, import_id);
      g_assert_cmpstr (e->record_kind, ==, "member");
      rows++;
      /* A member's rows are written in one entry: the rows of the file that changed. */
      members += e->id != last_id;
      last_id = e->id;
    }
  /* Three members, each with the event of their admission, in one entry each. */
  g_assert_cmpuint (rows, ==, 6);
  g_assert_cmpuint (members, ==, 3);
  {
    g_autofree char *expected = g_strdup_printf ("{\"file\":\"dang-vien.csv\",\"kind\":"
                                                 "\"members\",\"changed\":%u}", members);

    g_assert_cmpstr (note->changes, ==, expected);
  }

  /* Nothing else carries the import's number. */
  all = list_all (f->db);
  for (guint i = 0; i < all->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (all, i);

      g_assert_true ((e->import_id == import_id) == (e->txn == import_id));
    }
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

static void
test_reimport_that_changes_nothing_writes_nothing (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  gint64 before;
  SdbImportCounts counts;

  import_records (f->db);
  before = sdb_history_count (f->db, &error);
  g_assert_no_error (error);

  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  g_assert_cmpuint (counts.unchanged, ==, 3);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, members_csv);
  g_assert_cmpuint (counts.unchanged, ==, 3);
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before);
}

static void
test_changed_row_in_reimport_is_one_entry (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;
  const SdbHistoryEntry *e;
  g_autofree char *changed = NULL;

  import_records (f->db);
  before = sdb_history_count (f->db, &error);
  changed = g_strdup (members_csv);
  /* Trần Thị Bình's date of birth. */
  memcpy (strstr (changed, "05/06/1980"), "06/06/1980", 10);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, changed);

  /* The member's row and the import's note. */
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before + 2);
  entries = list_all (f->db);
  e = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (e->op, ==, "update");
  g_assert_cmpstr (e->table, ==, "member");
  g_assert_cmpstr (e->record_key, ==, "DV02");
  g_assert_cmpstr (e->changes, ==, "{\"birth_date\":[\"1980-06-05\",\"1980-06-06\"]}");
}

static void
test_demo_is_one_entry (SdbTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = NULL;
  gint64 before;
  const SdbHistoryEntry *e;

  sdb_test_add_profile (f->db);
  before = sdb_history_count (f->db, NULL);
  sdb_test_generate_demo (f->db, 300, 2020, 2024, 1, NULL);

  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before + 1);
  entries = list_all (f->db);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (e->op, ==, "demo");
  g_assert_true (strstr (e->changes, "\"members\":300") != NULL);
  /* The history records again once the demo is done. */
  g_assert_true (sdb_history_get_enabled (f->db));
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

static void
test_history_cannot_be_changed_through_sql (SdbTestFixture *f,
                                            gconstpointer   data)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);

  import_records (f->db);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE history SET user = 'someone' WHERE id = 2",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM history WHERE id = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

static void
test_records_cannot_be_written_without_the_history (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  sqlite3 *other = NULL;
  char *message = NULL;

  import_records (f->db);
  /* A connection without the program's functions (the sqlite3 shell) cannot change records. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "UPDATE member SET full_name = 'X' WHERE code = 'DV01'",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "sdb_history"));
  sqlite3_free (message);
  sqlite3_close (other);
}

static void
test_check_finds_an_edited_entry (SdbTestFixture *f,
                                  gconstpointer   data)
{
  import_records (f->db);
  tamper (f->db, "UPDATE history SET changes = replace (changes, '1995-02-03', '1996-02-03')"
                 " WHERE tbl = 'member' AND record_key = 'DV01'");
  assert_verify_finds (f->db, "was altered", "đã bị sửa");
}

static void
test_check_finds_an_edited_user (SdbTestFixture *f,
                                 gconstpointer   data)
{
  import_records (f->db);
  tamper (f->db, "UPDATE history SET user = 'someone else' WHERE id = 3");
  assert_verify_finds (f->db, "Entry 3 ", "Mục 3 ");
}

static void
test_check_finds_a_removed_entry (SdbTestFixture *f,
                                  gconstpointer   data)
{
  import_records (f->db);
  tamper (f->db, "DELETE FROM history WHERE id = 4");
  assert_verify_finds (f->db, "Entries 4 to 4", "từ 4 đến 4");
}

static void
test_check_finds_an_inserted_entry (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 last;

  import_records (f->db);
  last = sdb_history_count (f->db, NULL);
  /* Every entry from 5 on moves up one place, and a forged one takes place 5. */
  tamper (f->db, "UPDATE history SET id = id + 1000000 WHERE id >= 5;"
                 "UPDATE history SET id = id - 1000000 + 1 WHERE id >= 1000000;"
                 "INSERT INTO history (id, txn, time, user, op, tbl, row_key, record_kind,"
                 " record_id, record_key, changes, hash)"
                 " SELECT 5, txn, time, user, 'update', 'member', '1', 'member', 1, 'DV01',"
                 " '{\"full_name\":[\"A\",\"B\"]}', hash FROM history WHERE id = 4;");
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, last + 1);
  assert_verify_finds (f->db, "Entry 5 ", "Mục 5 ");
}

static void
test_check_finds_the_newest_entries_removed (SdbTestFixture *f,
                                             gconstpointer   data)
{
  gint64 last;
  g_autofree char *sql = NULL;

  import_records (f->db);
  last = sdb_history_count (f->db, NULL);
  sql = g_strdup_printf ("DELETE FROM history WHERE id > %" G_GINT64_FORMAT, last - 3);
  /* The chain that is left is whole: only the newest link kept outside shows the loss. */
  tamper (f->db, sql);
  assert_verify_finds (f->db, "newest entries", "mục mới nhất");
}

static void
test_backup_shows_newest_entries_removed_with_their_head (SdbTestFixture *f,
                                                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  gint64 last;
  g_autofree char *sql = NULL;

  import_records (f->db);
  g_assert_true (sdb_database_auto_backup (f->db, SDB_BACKUP_REASON_IMPORT, NULL, &error));
  g_assert_no_error (error);
  last = sdb_history_count (f->db, NULL);
  /* Whoever removes the newest entries also rewrites the head in meta to the new newest; the
   * backup made before still holds the entries' true end. */
  sql = g_strdup_printf ("DELETE FROM history WHERE id > %" G_GINT64_FORMAT ";"
                         "UPDATE meta SET value = (SELECT id || ':' || hash FROM history"
                         " ORDER BY id DESC LIMIT 1) WHERE key = 'history_head';", last - 3);
  tamper (f->db, sql);
  assert_verify_finds (f->db, "backup", "sao lưu");
}

static void
test_check_finds_a_dropped_trigger (SdbTestFixture *f,
                                    gconstpointer   data)
{
  import_records (f->db);
  sdb_test_exec_sql (f->db, "DROP TRIGGER history_member_update");
  assert_verify_finds (f->db, "rules that record every change", "quy tắc ghi lại mọi thay đổi");
}

static void
test_check_reports_tampering_as_an_error (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  guint n_errors = 0;

  import_records (f->db);
  g_assert_true (sdb_check_run (f->db, NULL, NULL, &n_errors, NULL, &error));
  g_assert_cmpuint (n_errors, ==, 0);
  tamper (f->db, "UPDATE history SET time = '2020-01-01T00:00:00Z' WHERE id = 2");
  g_assert_true (sdb_check_run (f->db, NULL, NULL, &n_errors, NULL, &error));
  /* The entry, and the two rules the tampering dropped to be able to edit it. */
  g_assert_cmpuint (n_errors, ==, 2);
}

/* Every row of the record tables, sorted, as text: what an undo must give back exactly. */
static char *
dump_records (SdbDatabase *db)
{
  static const char *const tables[] = {
    "organization", "organization_event", "member", "member_event", "member_exemption",
    "organization_rating", "member_rating", "meeting", "meeting_attendee", "meeting_document",
    "award", "badge", "admission_target",
  };
  sqlite3 *handle = sdb_database_get_handle (db);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
                {
                  const guchar *bytes = sqlite3_column_blob (stmt, c);

                  for (int b = 0; b < sqlite3_column_bytes (stmt, c); b++)
                    g_string_append_printf (out, "%02x", bytes[b]);
                }
              else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                g_string_append (out, "NULL");
              else
                g_string_append_printf (out, "%d:%s", sqlite3_column_type (stmt, c),
                                        (const char *) sqlite3_column_text (stmt, c));
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

/* A member of the demo with events, ratings, a badge and a place in the minutes of a meeting,
 * and no award (an award keeps a member from being deleted). */
static gint64
busy_member (SdbDatabase *db)
{
  return sdb_test_query_int (db,
                             "SELECT m.id FROM member m"
                             " WHERE EXISTS (SELECT 1 FROM member_rating WHERE member_id = m.id)"
                             " AND EXISTS (SELECT 1 FROM meeting_attendee WHERE member_id = m.id)"
                             " AND (SELECT count (*) FROM member_event WHERE member_id = m.id) > 1"
                             " AND NOT EXISTS (SELECT 1 FROM award WHERE member_id = m.id)"
                             " ORDER BY m.id LIMIT 1");
}

static void
make_demo (SdbDatabase *db)
{
  sdb_test_add_profile (db);
  sdb_test_generate_demo (db, 400, 2016, 2024, 7, NULL);
}

static void
test_undo_restores_a_deleted_member_exactly (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *after_undo = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  SdbHistoryFilter filter = { 0 };
  gint64 id;
  gint64 txn;
  guint restored = 0;
  guint n_errors = 0;

  make_demo (f->db);
  id = busy_member (f->db);
  g_assert_cmpint (id, >, 0);
  before = dump_records (f->db);

  g_assert_true (sdb_member_delete (f->db, id, &error));
  g_assert_no_error (error);
  after_delete = dump_records (f->db);
  g_assert_cmpstr (after_delete, !=, before);
  txn = sdb_history_get_last_txn (f->db, &error);

  /* The deletion's entries: the member, its events and ratings (cascaded), and the minutes'
   * attendee rows that lost their link to it; all naming the member's code. */
  filter.txn = txn;
  deleted = sdb_history_list (f->db, &filter, &error);
  g_assert_cmpuint (deleted->len, >=, 4);
  for (guint i = 0; i < deleted->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (deleted, i);

      if (g_str_equal (e->record_kind, "member"))
        g_assert_cmpstr (e->record_key, !=, "");
      g_assert_false (g_str_has_prefix (e->record_key, "#"));
    }

  g_assert_true (sdb_history_undo (f->db, txn, &restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, deleted->len);
  after_undo = dump_records (f->db);
  g_assert_cmpstr (after_undo, ==, before);

  /* The database is whole, and the history too. */
  g_assert_true (sdb_check_run (f->db, NULL, NULL, &n_errors, NULL, &error));
  g_assert_cmpuint (n_errors, ==, 0);

  /* Once only. */
  g_assert_false (sdb_history_undo (f->db, txn, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS);
}

/* One change of many rows of the same table, in several shapes (updates of different columns,
 * of the same columns, deletions, an insert): an undo prepares each shape once and binds each
 * row's own values, and gives every row back. */
static void
test_undo_of_many_rows_of_each_shape_restores_each (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_change = NULL;
  g_autofree char *after_undo = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;
  guint restored = 0;
  guint n_errors = 0;
  gint64 txn;

  make_demo (f->db);
  before = dump_records (f->db);

  g_assert_true (sdb_database_begin (f->db, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id FROM member WHERE id NOT IN"
                                                " (SELECT member_id FROM award"
                                                "  WHERE member_id IS NOT NULL)"
                                                " ORDER BY id LIMIT 12", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ids->len, ==, 12);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = GPOINTER_TO_INT (g_ptr_array_index (ids, i));
      g_autoptr(SdbMember) member = sdb_member_lookup (f->db, id, &error);
      g_autofree char *name = g_strdup_printf ("Lò Văn Đổi %u", i);

      g_assert_no_error (error);
      switch (i % 4)
        {
        case 0:  /* the name */
          sdb_member_set_full_name (member, name);
          break;
        case 1:  /* the position */
          sdb_member_set_position (member, name);
          break;
        case 2:  /* both */
          sdb_member_set_full_name (member, name);
          sdb_member_set_notes (member, name);
          break;
        default:
          g_assert_true (sdb_member_delete (f->db, id, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_true (sdb_member_update (f->db, member, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sdb_database_commit (f->db, &error));
  txn = sdb_history_get_last_txn (f->db, &error);
  after_change = dump_records (f->db);
  g_assert_cmpstr (after_change, !=, before);

  g_assert_true (sdb_history_undo (f->db, txn, &restored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, >, 12);
  after_undo = dump_records (f->db);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_true (sdb_check_run (f->db, NULL, NULL, &n_errors, NULL, &error));
  g_assert_cmpuint (n_errors, ==, 0);
}

static void
test_undo_is_refused_when_the_rows_changed_since (SdbTestFixture *f,
                                                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 txn;

  import_records (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,full_name\r\nDV01,Nguyễn Văn Ân\r\n");
  txn = sdb_history_get_last_txn (f->db, NULL);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,full_name\r\nDV01,Nguyễn Văn Ấn\r\n");
  before = dump_records (f->db);

  g_assert_false (sdb_history_undo (f->db, txn, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_true (strstr (error->message, "changed since") != NULL
                 || strstr (error->message, "đã thay đổi kể từ đó") != NULL);
  {
    g_autofree char *after = dump_records (f->db);

    g_assert_cmpstr (after, ==, before);
  }
  g_clear_error (&error);

  /* The newest change undoes: the name is back, with its sort key. */
  txn = sdb_history_get_last_txn (f->db, NULL);
  g_assert_true (sdb_history_undo (f->db, txn, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count (*) FROM member WHERE code = 'DV01'"
                                       " AND full_name = 'Nguyễn Văn Ân'"
                                       " AND name_key = sdb_name_key ('Nguyễn Văn Ân')"
                                       " AND search_key = sdb_search_key ('Nguyễn Văn Ân')"),
                   ==, 1);
}

static void
test_undo_of_an_unknown_change_is_refused (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_history_undo (f->db, 999, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_history_of_one_record (SdbTestFixture *f,
                            gconstpointer   data)
{
  SdbHistoryFilter filter = { .record_kind = "member", .record_key = "DV02" };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  import_records (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,admitted_on\r\nDV02,09/10/2005\r\n");
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  /* Newest first: the admission date's change, then the member's and its event's insert. */
  g_assert_cmpuint (entries->len, >=, 3);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpstr (((SdbHistoryEntry *) g_ptr_array_index (entries, i))->record_key, ==,
                     "DV02");
  g_assert_nonnull (strstr (((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->changes,
                            "2005-10-09"));

  /* A deleted member's history is still found by its code. */
  id = sdb_test_query_int (f->db, "SELECT id FROM member WHERE code = 'DV02'");
  g_assert_true (sdb_member_delete (f->db, id, &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SdbHistoryEntry *) g_ptr_array_index (entries, 0))->op, ==, "delete");

  /* A code that never existed has no history. */
  filter.record_key = "DV99";
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* A member and the event of their admission are stored as one entry but shown as two: -n N
 * shows N, whether the whole history or one record's is listed. */
static void
test_limit_counts_the_entries_shown (SdbTestFixture *f,
                                     gconstpointer   data)
{
  SdbHistoryFilter filter = { .limit = 4 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  import_records (f->db);
  all = list_all (f->db);
  g_assert_cmpuint (all->len, >, 4);
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  for (guint i = 0; i < entries->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (entries, i);
      const SdbHistoryEntry *newest = g_ptr_array_index (all, i);

      g_assert_cmpint (e->id, ==, newest->id);
      g_assert_cmpstr (e->table, ==, newest->table);
      g_assert_cmpstr (e->row_key, ==, newest->row_key);
    }

  filter = (SdbHistoryFilter) { .record_kind = "member", .record_key = "DV02", .limit = 1 };
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);

  filter.limit = 0;
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
}

static void
test_restore_starts_a_new_line_of_backups (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  const SdbHistoryEntry *e;

  import_records (f->db);
  g_assert_true (sdb_database_backup (f->db, copy, &error));
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,full_name\r\nDV01,Nguyễn Văn Ân\r\n");
  /* The import made a backup holding a history the restored copy never had. */
  g_assert_true (sdb_database_restore (f->db, copy, NULL, &error));
  g_assert_no_error (error);

  entries = list_all (f->db);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (e->op, ==, "restore");
  g_assert_cmpstr (e->changes, ==, "{\"from\":\"copy.db\"}");
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

/* The entries of the member table in @entries, of the change @txn. */
static guint
count_member_rows (GPtrArray  *entries,
                   gint64      txn,
                   const char *op)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (entries, i);

      n += e->txn == txn && g_strcmp0 (e->table, "member") == 0 && g_str_equal (e->op, op);
    }
  return n;
}

static void
test_row_inserted_and_updated_in_one_change_is_one_entry (SdbTestFixture *f,
                                                          gconstpointer   data)
{
  static const char moved_csv[] =
    "code,full_name,gender,birth_date,organization_code,admitted_on,official_on,"
    "entered_organization_code,moved_on\r\n"
    "DV09,Phạm Văn Dũng,male,01/02/1975,CB02,03/02/2000,03/02/2001,CB01,04/05/2010\r\n";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(SdbOrganization) cell = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 txn;

  sdb_test_add_profile (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, moved_csv);
  txn = sdb_history_get_last_txn (f->db, &error);
  g_assert_no_error (error);
  cell = sdb_organization_lookup_by_code (f->db, "CB02", &error);
  g_assert_no_error (error);

  /* The member entered CB01 and moved to CB02: their row was inserted, then updated, and the
   * one entry records it as it ended up. */
  entries = list_all (f->db);
  g_assert_cmpuint (count_member_rows (entries, txn, "insert"), ==, 1);
  g_assert_cmpuint (count_member_rows (entries, txn, "update"), ==, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (entries, i);

      if (e->txn == txn && g_strcmp0 (e->table, "member") == 0)
        {
          expected = g_strdup_printf ("\"organization_id\":%" G_GINT64_FORMAT "}",
                                      sdb_organization_get_id (cell));
          g_assert_true (g_str_has_suffix (e->changes, expected));
        }
    }
  g_assert_nonnull (expected);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);

  /* Stored, it is one row: the member's events travel in it without what it already says,
   * their ids (their keys) and the member's id. */
  {
    sqlite3_stmt *stmt = NULL;
    const char *raw;

    g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                                         "SELECT changes FROM history WHERE txn = ?1"
                                         " AND tbl = 'member'", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, txn);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    raw = (const char *) sqlite3_column_text (stmt, 0);
    g_test_message ("%s", raw);
    g_assert_nonnull (strstr (raw, ",\"@rows\":[[\"member_event\",\""));
    g_assert_null (strstr (raw, "\"member_id\""));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  for (guint i = 0; i < entries->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (entries, i);

      /* Listed, each event is whole again. */
      if (e->txn == txn && g_strcmp0 (e->table, "member_event") == 0)
        g_assert_true (g_str_has_prefix (e->changes, "{\"id\":"));
    }

  /* Undone, the change takes the member away entirely. */
  g_assert_true (sdb_history_undo (f->db, txn, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (sdb_member_lookup_by_code (f->db, "DV09", NULL));
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

static void
test_savepoint_rolled_back_takes_back_its_merge (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(SdbMember) member = NULL;
  g_autoptr(SdbOrganization) cell = NULL;
  g_autoptr(GPtrArray) problems = sdb_problems_new ();
  g_autoptr(GError) error = NULL;
  const SdbHistoryEntry *e = NULL;
  gint64 txn;

  SdbDate born = { 1970, 2, 1 }, admitted = { 1995, 2, 3 }, official = { 1996, 2, 3 };

  import_records (f->db);
  cell = sdb_organization_lookup_by_code (f->db, "CB01", &error);
  g_assert_no_error (error);
  g_assert_true (sdb_database_begin (f->db, &error));
  member = sdb_member_new ();
  sdb_member_set_code (member, "DV10");
  sdb_member_set_full_name (member, "Nguyễn Văn An");
  sdb_member_set_gender (member, SDB_GENDER_MALE);
  sdb_member_set_birth_date (member, &born);
  sdb_member_set_admission_date (member, &admitted);
  sdb_member_set_official_date (member, &official);
  g_assert_true (sdb_member_admit (f->db, member, sdb_organization_get_id (cell), problems,
                                   &error));
  g_assert_no_error (error);

  /* An update inside a savepoint merges into the insert; rolled back, it is taken back. */
  g_assert_true (sdb_database_begin (f->db, &error));
  sdb_member_set_full_name (member, "Nguyễn Văn Bình");
  g_assert_true (sdb_member_update (f->db, member, problems, &error));
  g_assert_no_error (error);
  sdb_database_rollback (f->db);
  g_assert_true (sdb_database_commit (f->db, &error));
  g_assert_no_error (error);

  txn = sdb_history_get_last_txn (f->db, &error);
  entries = list_all (f->db);
  g_assert_cmpuint (count_member_rows (entries, txn, "insert"), ==, 1);
  for (guint i = 0; i < entries->len; i++)
    {
      e = g_ptr_array_index (entries, i);
      if (e->txn == txn && g_str_equal (e->table, "member"))
        break;
    }
  g_assert_nonnull (e);
  g_assert_cmpstr (e->record_key, ==, "DV10");
  g_assert_nonnull (strstr (e->changes, "\"full_name\":\"Nguyễn Văn An\""));
  g_assert_cmpuint (count_member_rows (entries, txn, "update"), ==, 0);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

/* A CSV file of @n members of CB01; with @broken, the last has no cell. 2.100 members make
 * more entries than the history keeps in memory before writing them. */
static char *
many_members_csv (guint    n,
                  gboolean broken)
{
  GString *csv = g_string_new ("code,full_name,gender,birth_date,organization_code,"
                               "admitted_on,official_on\r\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "DV%04u,Nguyễn Văn An,male,01/02/1970,%s,03/02/1995,"
                            "03/02/1996\r\n", i, broken && i == n ? "" : "CB01");
  return g_string_free (csv, FALSE);
}

static void
test_large_import_is_written_in_batches_as_one_change (SdbTestFixture *f,
                                                       gconstpointer   data)
{
  g_autofree char *broken = many_members_csv (2100, TRUE);
  g_autofree char *csv = many_members_csv (2100, FALSE);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before, txn;

  sdb_test_add_profile (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  before = sdb_history_count (f->db, &error);

  /* Refused at its last row, after thousands of entries were written in the transaction:
   * none of them stays. */
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, broken, problems, NULL,
                                       &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);

  /* One entry for each member and the event of their admission, then the note: more than
   * wait in memory at once, all one change, numbered on. */
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, csv);
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before + 2101);
  txn = sdb_history_get_last_txn (f->db, &error);
  g_assert_cmpint (txn, ==, before + 1);
  entries = list_all (f->db);
  for (guint i = 0, id = before + 2101; i < 4201; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (entries, i);

      /* Newest first: the note, then each member's event before the member. */
      g_assert_cmpint (e->id, ==, id);
      g_assert_cmpstr (e->table, ==, i == 0 ? "" : i % 2 == 1 ? "member_event" : "member");
      g_assert_cmpint (e->txn, ==, txn);
      g_assert_cmpint (e->import_id, ==, txn);
      if (i % 2 == 0)
        id--;
    }
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);
}

/* An undo reads a large change a few hundred entries at a time and writes its own entries as it
 * goes: every row comes back, and the undo is one change of its own. After each batch it tells
 * how many of the change's stored entries it has taken back. */
static void
test_undo_of_a_large_import_goes_in_batches_as_one_change (SdbTestFixture *f,
                                                           gconstpointer   data)
{
  g_autofree char *csv = many_members_csv (2100, FALSE);
  g_autofree char *before_import = NULL;
  g_autofree char *after_undo = NULL;
  g_autoptr(GArray) noted = NULL;
  g_autoptr(GError) error = NULL;
  /* 2.100 members, each stored with their event, and the note: five batches of 512. */
  const guint64 expected[] = { 512, 2101, 1024, 2101, 1536, 2101, 2048, 2101, 2101, 2101 };
  gint64 txn, undo_txn, before_undo;
  guint restored = 0;

  sdb_test_add_profile (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS, organizations_csv);
  before_import = dump_records (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, csv);
  txn = sdb_history_get_last_txn (f->db, &error);
  before_undo = sdb_history_count (f->db, NULL);

  noted = sdb_test_watch_progress (f->db);
  g_assert_true (sdb_history_undo (f->db, txn, &restored, &error));
  sdb_test_assert_progress (f->db, noted, expected, G_N_ELEMENTS (expected));
  g_assert_no_error (error);
  g_assert_cmpuint (restored, ==, 4200);
  after_undo = dump_records (f->db);
  g_assert_cmpstr (after_undo, ==, before_import);

  /* Each row's deletion, and the note. */
  undo_txn = sdb_history_get_last_txn (f->db, &error);
  g_assert_cmpint (undo_txn, ==, before_undo + 1);
  g_assert_cmpint (sdb_history_count (f->db, NULL), ==, before_undo + 4201);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count (*) FROM history WHERE id > (SELECT"
                                              " max (id) - 4201 FROM history) AND txn <> (SELECT"
                                              " max (id) - 4200 FROM history)"), ==, 0);
  g_assert_cmpuint (verify (f->db, NULL), ==, 0);

  g_assert_false (sdb_history_undo (f->db, txn, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS);
}

static void
test_json_strings_escape_what_json_cannot_hold (void)
{
  g_autofree char *plain = sdb_history_json_string ("Nguyễn Văn An");
  g_autofree char *escaped = sdb_history_json_string ("a\"b\\c\001d\re\nf\tg\037h");

  g_assert_cmpstr (plain, ==, "\"Nguyễn Văn An\"");
  g_assert_cmpstr (escaped, ==, "\"a\\\"b\\\\c\\u0001d\\re\\nf\\tg\\u001fh\"");
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  g_test_add_func ("/core/history/json-strings-escape-what-json-cannot-hold",
                   test_json_strings_escape_what_json_cannot_hold);
  SDB_TEST_ADD ("/core/history/new-database-starts-the-chain",
                test_new_database_starts_the_chain);
  SDB_TEST_ADD ("/core/history/import-is-grouped-under-one-id",
                test_import_is_grouped_under_one_id);
  SDB_TEST_ADD ("/core/history/reimport-that-changes-nothing-writes-nothing",
                test_reimport_that_changes_nothing_writes_nothing);
  SDB_TEST_ADD ("/core/history/changed-row-in-reimport-is-one-entry",
                test_changed_row_in_reimport_is_one_entry);
  SDB_TEST_ADD ("/core/history/row-inserted-and-updated-in-one-change-is-one-entry",
                test_row_inserted_and_updated_in_one_change_is_one_entry);
  SDB_TEST_ADD ("/core/history/savepoint-rolled-back-takes-back-its-merge",
                test_savepoint_rolled_back_takes_back_its_merge);
  SDB_TEST_ADD ("/core/history/large-import-is-written-in-batches-as-one-change",
                test_large_import_is_written_in_batches_as_one_change);
  SDB_TEST_ADD ("/core/history/demo-is-one-entry", test_demo_is_one_entry);
  SDB_TEST_ADD ("/core/history/cannot-be-changed-through-sql",
                test_history_cannot_be_changed_through_sql);
  SDB_TEST_ADD ("/core/history/records-cannot-be-written-without-it",
                test_records_cannot_be_written_without_the_history);
  SDB_TEST_ADD ("/core/history/check-finds-an-edited-entry", test_check_finds_an_edited_entry);
  SDB_TEST_ADD ("/core/history/check-finds-an-edited-user", test_check_finds_an_edited_user);
  SDB_TEST_ADD ("/core/history/check-finds-a-removed-entry", test_check_finds_a_removed_entry);
  SDB_TEST_ADD ("/core/history/check-finds-an-inserted-entry",
                test_check_finds_an_inserted_entry);
  SDB_TEST_ADD ("/core/history/check-finds-the-newest-entries-removed",
                test_check_finds_the_newest_entries_removed);
  SDB_TEST_ADD ("/core/history/backup-shows-newest-entries-removed-with-their-head",
                test_backup_shows_newest_entries_removed_with_their_head);
  SDB_TEST_ADD ("/core/history/check-finds-a-dropped-trigger",
                test_check_finds_a_dropped_trigger);
  SDB_TEST_ADD ("/core/history/check-reports-tampering-as-an-error",
                test_check_reports_tampering_as_an_error);
  SDB_TEST_ADD ("/core/history/undo-restores-a-deleted-member-exactly",
                test_undo_restores_a_deleted_member_exactly);
  SDB_TEST_ADD ("/core/history/undo-of-many-rows-of-each-shape-restores-each",
                test_undo_of_many_rows_of_each_shape_restores_each);
  SDB_TEST_ADD ("/core/history/undo-of-a-large-import-goes-in-batches-as-one-change",
                test_undo_of_a_large_import_goes_in_batches_as_one_change);
  SDB_TEST_ADD ("/core/history/undo-is-refused-when-the-rows-changed-since",
                test_undo_is_refused_when_the_rows_changed_since);
  SDB_TEST_ADD ("/core/history/undo-of-an-unknown-change-is-refused",
                test_undo_of_an_unknown_change_is_refused);
  SDB_TEST_ADD ("/core/history/history-of-one-record", test_history_of_one_record);
  SDB_TEST_ADD ("/core/history/limit-counts-the-entries-shown",
                test_limit_counts_the_entries_shown);
  SDB_TEST_ADD ("/core/history/restore-starts-a-new-line-of-backups",
                test_restore_starts_a_new_line_of_backups);

  return g_test_run ();
}
