/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-history-format: how each kind of history entry reads for a clerk. The wording is checked
 * in English under LC_ALL=C and in Vietnamese under vi_VN; the dates, numbers and references
 * read the same in both. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-history-format.h"
#include "sdb-history.h"
#include "sdb-test.h"

/* Helpers ------------------------------------------------------------------------------------- */

static gboolean
in_vietnamese (void)
{
  const char *lc = setlocale (LC_MESSAGES, NULL);

  return lc != NULL && g_str_has_prefix (lc, "vi");
}

/* The Vietnamese wording is only there once this module's translations are in po/vi.po; until
 * then a Vietnamese run checks everything but the words. Returns FALSE after skipping. */
static gboolean
wording_ready (void)
{
  /* po/vi.po is complete (the po suite checks it): a missing translation is a failure here,
   * never a skip. */
  if (in_vietnamese ())
    g_assert_cmpstr (_("Admission date"), !=, "Admission date");
  return TRUE;
}

static const char *
says (const char *english,
      const char *vietnamese)
{
  return in_vietnamese () ? vietnamese : english;
}

static void
exec_sql (SdbTestFixture *f,
          const char     *sql)
{
  char *message = NULL;

  if (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
exec_insert (SdbTestFixture *f,
             const char     *sql,
             const char     *a,
             const char     *b)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

static gint64
add_organization (SdbTestFixture *f,
                  const char     *code,
                  const char     *name)
{
  return exec_insert (f,
                      "INSERT INTO organization (code, name, name_key, search_key, kind)"
                      " VALUES (?1, ?2, sdb_sort_key (?2), sdb_search_key (?2), 'chi_bo_co_so')",
                      code, name);
}

static gint64
add_member (SdbTestFixture *f,
            const char     *code,
            const char     *full_name)
{
  return exec_insert (f,
                      "INSERT INTO member (code, full_name, name_key, search_key, gender)"
                      " VALUES (?1, ?2, sdb_name_key (?2), sdb_search_key (?2), 'male')",
                      code, full_name);
}

/* The history table comes with the schema once its migration is in; these tests write its
 * rows directly, so they only need the table. */
static void
ensure_history_table (SdbTestFixture *f)
{
  if (sdb_test_query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'history'"))
    return;
  exec_sql (f,
            "CREATE TABLE history ("
            "  id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, import_id INTEGER,"
            "  time TEXT NOT NULL, user TEXT NOT NULL, op TEXT NOT NULL, tbl TEXT NOT NULL,"
            "  row_key TEXT NOT NULL, record_kind TEXT NOT NULL, record_id INTEGER,"
            "  record_key TEXT NOT NULL, changes TEXT NOT NULL, hash TEXT NOT NULL) STRICT");
}

static void
add_history (SdbTestFixture *f,
             const char     *op,
             const char     *table,
             gint64          record_id,
             const char     *record_key,
             const char     *changes)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  ensure_history_table (f);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO history (txn, time, user, op, tbl, row_key,"
                                       " record_kind, record_id, record_key, changes, hash)"
                                       " VALUES (1000, '2026-11-22T18:30:05Z', 'nguyenvana', ?1,"
                                       " ?2, ?3, ?2, ?3, ?4, ?5, '')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record_id);
  sqlite3_bind_text (stmt, 4, record_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, changes, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

#define assert_value(f, table, column, value, expected) \
  G_STMT_START { \
    g_autofree char *shown_ = sdb_history_format_value ((f)->db, (table), (column), (value)); \
    g_assert_cmpstr (shown_, ==, (expected)); \
  } G_STMT_END

#define assert_changes(f, op, table, changes, expected) \
  G_STMT_START { \
    g_autofree char *shown_ = sdb_history_format_changes ((f)->db, (op), (table), (changes)); \
    g_assert_cmpstr (shown_, ==, (expected)); \
  } G_STMT_END

#define assert_heading(time, op, kind, key, table, row_key, expected) \
  G_STMT_START { \
    g_autofree char *shown_ = sdb_history_format_heading ((time), "nguyenvana", (op), (kind), \
                                                          (key), (table), (row_key)); \
    g_assert_cmpstr (shown_, ==, (expected)); \
  } G_STMT_END

/* Values ------------------------------------------------------------------------------------- */

static void
test_value_full_date_reads_dd_mm_yyyy (SdbTestFixture *f,
                                       gconstpointer   data)
{
  assert_value (f, "member", "admission_date", "2020-02-01", "01/02/2020");
  assert_value (f, "organization", "founded", "1975-11-23", "23/11/1975");
  assert_value (f, "meeting", "date", "2023-11-20", "20/11/2023");
  assert_value (f, "profile", "since", "2025-07-01", "01/07/2025");
}

static void
test_value_partial_dates_keep_their_precision (SdbTestFixture *f,
                                               gconstpointer   data)
{
  assert_value (f, "member", "birth_date", "1950-02", "02/1950");
  assert_value (f, "member", "birth_date", "1950", "1950");
  assert_value (f, "member_event", "date", "1968-05", "05/1968");
  /* Not a date after all: shown as stored rather than lost. */
  assert_value (f, "member", "birth_date", "1950-13-01", "1950-13-01");
}

static void
test_value_enum_codes_read_as_labels (SdbTestFixture *f,
                                      gconstpointer   data)
{
  static const struct
  {
    const char *table;
    const char *column;
    GType     (*type) (void);
  } columns[] = {
    { "organization", "kind", sdb_organization_kind_get_type },
    { "organization_event", "kind", sdb_organization_event_kind_get_type },
    { "member", "gender", sdb_gender_get_type },
    { "member_event", "kind", sdb_member_event_kind_get_type },
    { "member_event", "reason", sdb_leaving_reason_get_type },
    { "organization_rating", "grade", sdb_grade_get_type },
    { "organization_rating", "not_rated_reason", sdb_not_rated_reason_get_type },
    { "member_rating", "grade", sdb_grade_get_type },
    { "member_rating", "not_rated_reason", sdb_not_rated_reason_get_type },
    { "meeting", "kind", sdb_meeting_kind_get_type },
    { "meeting_attendee", "attendance", sdb_attendance_get_type },
    { "profile", "level", sdb_level_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (columns[i].type ());

      for (guint v = 0; v < klass->n_values; v++)
        {
          const char *label = sdb_enum_get_label (columns[i].type (), klass->values[v].value);

          g_assert_cmpstr (label, !=, klass->values[v].value_nick);
          assert_value (f, columns[i].table, columns[i].column, klass->values[v].value_nick,
                        label);
        }
    }

  assert_value (f, "member", "gender", "female", says ("Female", "Nữ"));
  assert_value (f, "member_rating", "grade", "good",
                says ("Well completed duties", "Hoàn thành tốt nhiệm vụ"));
  assert_value (f, "organization", "kind", "chi_bo_co_so",
                says ("Grassroots cell", "Chi bộ cơ sở"));
  /* A code the program does not know is shown as stored. */
  assert_value (f, "member", "gender", "unknown", "unknown");
}

static void
test_value_ids_read_as_code_and_name (SdbTestFixture *f,
                                      gconstpointer   data)
{
  gint64 cell = add_organization (f, "CB01", "Chi bộ thôn Bản Lầu");
  gint64 member = add_member (f, "DV0001", "Nguyễn Văn A");
  gint64 sector = exec_insert (f, "INSERT INTO sector (name) VALUES (?1)", "Giáo dục", NULL);
  g_autofree char *cell_id = g_strdup_printf ("%" G_GINT64_FORMAT, cell);
  g_autofree char *member_id = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  g_autofree char *sector_id = g_strdup_printf ("%" G_GINT64_FORMAT, sector);
  static const char *const organization_columns[][2] = {
    { "member", "organization_id" }, { "organization", "parent_id" },
    { "organization_event", "old_parent_id" }, { "organization_event", "parent_id" },
    { "organization_event", "target_id" }, { "admission_target", "organization_id" },
    { "member_event", "organization_id" }, { "award", "organization_id" },
  };
  static const char *const member_columns[][2] = {
    { "member_event", "member_id" }, { "member_rating", "member_id" }, { "badge", "member_id" },
    { "meeting_attendee", "member_id" }, { "award", "member_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (organization_columns); i++)
    assert_value (f, organization_columns[i][0], organization_columns[i][1], cell_id,
                  "CB01 – Chi bộ thôn Bản Lầu");
  for (guint i = 0; i < G_N_ELEMENTS (member_columns); i++)
    assert_value (f, member_columns[i][0], member_columns[i][1], member_id,
                  "DV0001 – Nguyễn Văn A");
  assert_value (f, "organization", "sector_id", sector_id, "Giáo dục");
}

static void
test_value_meeting_id_reads_as_reference_and_date (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  gint64 meeting, by_title;
  g_autofree char *meeting_id = NULL;
  g_autofree char *by_title_id = NULL;

  if (!wording_ready ())
    return;

  meeting = exec_insert (f,
                         "INSERT INTO meeting (number, symbol, date, kind)"
                         " VALUES ('15', ?1, '2023-11-20', 'executive')", "BB/HU", NULL);
  by_title = exec_insert (f,
                          "INSERT INTO meeting (date, kind, title)"
                          " VALUES ('2024-12-20', 'year_end', ?1)",
                          "Hội nghị tổng kết năm 2024", NULL);
  meeting_id = g_strdup_printf ("%" G_GINT64_FORMAT, meeting);
  by_title_id = g_strdup_printf ("%" G_GINT64_FORMAT, by_title);
  assert_value (f, "award", "meeting_id", meeting_id,
                says ("15-BB/HU on 20/11/2023", "15-BB/HU ngày 20/11/2023"));
  /* Minutes without a number go by their title. */
  assert_value (f, "meeting_document", "meeting_id", by_title_id,
                says ("Hội nghị tổng kết năm 2024 on 20/12/2024",
                      "Hội nghị tổng kết năm 2024 ngày 20/12/2024"));
}

static void
test_value_deleted_id_found_through_history (SdbTestFixture *f,
                                              gconstpointer   data)
{
  if (!wording_ready ())
    return;

  /* Ids that never were in the record tables, as if their rows had been deleted. */
  add_history (f, "insert", "organization", 90, "CB09",
               "{\"code\":\"CB09\",\"name\":\"Chi bộ thôn Nà Hạ\",\"kind\":\"chi_bo_co_so\"}");
  add_history (f, "delete", "organization", 90, "CB09",
               "{\"code\":\"CB09\",\"name\":\"Chi bộ thôn Nà Hạ\",\"kind\":\"chi_bo_co_so\"}");
  assert_value (f, "member", "organization_id", "90",
                says ("CB09 – Chi bộ thôn Nà Hạ (deleted)", "CB09 – Chi bộ thôn Nà Hạ (đã xóa)"));

  /* The newest entry names it: its code changed before it went. */
  add_history (f, "update", "organization", 91, "CB07", "{\"code\":[\"CB06\",\"CB07\"]}");
  add_history (f, "update", "organization", 91, "CB08", "{\"code\":[\"CB07\",\"CB08\"]}");
  assert_value (f, "organization", "parent_id", "91",
                says ("CB08 (deleted)", "CB08 (đã xóa)"));

  add_history (f, "delete", "member", 92, "DV0092",
               "{\"code\":\"DV0092\",\"full_name\":\"Trần Thị Bình\",\"gender\":\"female\"}");
  assert_value (f, "badge", "member_id", "92",
                says ("DV0092 – Trần Thị Bình (deleted)", "DV0092 – Trần Thị Bình (đã xóa)"));

  /* An entry about a member does not name the organization of the same id. */
  add_history (f, "delete", "member", 93, "DV0093", "{\"code\":\"DV0093\"}");
  assert_value (f, "member", "organization_id", "93", "#93");
}

static void
test_value_unknown_id_reads_as_number (SdbTestFixture *f,
                                       gconstpointer   data)
{
  assert_value (f, "member", "organization_id", "17", "#17");
  assert_value (f, "award", "meeting_id", "17", "#17");
  assert_value (f, "organization", "sector_id", "17", "#17");
  ensure_history_table (f);
  assert_value (f, "member_event", "member_id", "17", "#17");
}

static void
test_value_null_and_empty_read_as_empty (SdbTestFixture *f,
                                         gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_value (f, "member", "official_date", NULL, says ("(empty)", "(trống)"));
  assert_value (f, "member", "notes", "", says ("(empty)", "(trống)"));
  assert_value (f, "member", "organization_id", NULL, says ("(empty)", "(trống)"));
  assert_value (f, "no_such_table", "whatever", NULL, says ("(empty)", "(trống)"));
}

static void
test_value_numbers_grouped_years_not (SdbTestFixture *f,
                                      gconstpointer   data)
{
  assert_value (f, "admission_target", "number", "1236", "1.236");
  assert_value (f, "admission_target", "number", "35", "35");
  assert_value (f, "sector", "position", "12000", "12.000");
  assert_value (f, "member_rating", "score", "85", "85");
  assert_value (f, "member_rating", "year", "2024", "2024");
  assert_value (f, "admission_target", "first_year", "2020", "2020");
  assert_value (f, "term", "last_year", "2025", "2025");
}

static void
test_value_text_as_is (SdbTestFixture *f,
                       gconstpointer   data)
{
  assert_value (f, "member", "full_name", "Nguyễn Văn A", "Nguyễn Văn A");
  /* A meeting's number is text ("15"), never grouped even when long. */
  assert_value (f, "meeting", "number", "1234", "1234");
  assert_value (f, "meeting", "start_time", "07:30", "07:30");
  assert_value (f, "member", "no_such_column", "2020-02-01", "2020-02-01");
}

static void
test_value_badge_reads_as_its_name (SdbTestFixture *f,
                                    gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_value (f, "badge", "years", "30",
                says ("30-year Party badge", "Huy hiệu 30 năm tuổi Đảng"));
}

/* Changes ------------------------------------------------------------------------------------ */

static void
test_changes_update_shows_old_and_new (SdbTestFixture *f,
                                       gconstpointer   data)
{
  gint64 old_cell, new_cell;
  g_autofree char *changes = NULL;

  if (!wording_ready ())
    return;

  assert_changes (f, "update", "member",
                  "{\"admission_date\":[\"2020-02-01\",\"2020-03-01\"]}",
                  says ("Admission date: 01/02/2020 → 01/03/2020\n",
                        "Ngày vào Đảng: 01/02/2020 → 01/03/2020\n"));

  old_cell = add_organization (f, "CB01", "Chi bộ thôn Bản Lầu");
  new_cell = add_organization (f, "CB02", "Chi bộ thôn Nà Lốc");
  changes = g_strdup_printf ("{\"official_date\":[null,\"2021-02\"],"
                             "\"organization_id\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "],"
                             "\"notes\":[\"Chuyển về\",\"\"]}",
                             old_cell, new_cell);
  assert_changes (f, "update", "member", changes,
                  says ("Date made official: (empty) → 02/2021\n"
                        "Cell: CB01 – Chi bộ thôn Bản Lầu → CB02 – Chi bộ thôn Nà Lốc\n"
                        "Notes: Chuyển về → (empty)\n",
                        "Ngày chính thức: (trống) → 02/2021\n"
                        "Chi bộ: CB01 – Chi bộ thôn Bản Lầu → CB02 – Chi bộ thôn Nà Lốc\n"
                        "Ghi chú: Chuyển về → (trống)\n"));
}

static void
test_changes_insert_lists_the_fields (SdbTestFixture *f,
                                      gconstpointer   data)
{
  gint64 cell;
  g_autofree char *changes = NULL;

  if (!wording_ready ())
    return;

  cell = add_organization (f, "CB01", "Chi bộ thôn Bản Lầu");
  /* The row's own number is not for a clerk's eyes. */
  changes = g_strdup_printf ("{\"id\":1,\"code\":\"DV0001\",\"full_name\":\"Nguyễn Văn A\","
                             "\"gender\":\"male\",\"birth_date\":\"1950-01\","
                             "\"admission_date\":\"1975-05-19\","
                             "\"organization_id\":%" G_GINT64_FORMAT "}", cell);
  assert_changes (f, "insert", "member", changes,
                  says ("Member code: DV0001\n"
                        "Full name: Nguyễn Văn A\n"
                        "Gender: Male\n"
                        "Date of birth: 01/1950\n"
                        "Admission date: 19/05/1975\n"
                        "Cell: CB01 – Chi bộ thôn Bản Lầu\n",
                        "Mã đảng viên: DV0001\n"
                        "Họ và tên: Nguyễn Văn A\n"
                        "Giới tính: Nam\n"
                        "Ngày sinh: 01/1950\n"
                        "Ngày vào Đảng: 19/05/1975\n"
                        "Chi bộ: CB01 – Chi bộ thôn Bản Lầu\n"));
}

static void
test_changes_delete_lists_the_old_fields (SdbTestFixture *f,
                                          gconstpointer   data)
{
  gint64 member;
  g_autofree char *changes = NULL;

  if (!wording_ready ())
    return;

  member = add_member (f, "DV0001", "Nguyễn Văn A");
  changes = g_strdup_printf ("{\"member_id\":%" G_GINT64_FORMAT ",\"year\":2024,"
                             "\"grade\":\"good\",\"score\":85,\"notes\":\"\"}", member);
  /* Fields without a value are left out: the notes here. */
  assert_changes (f, "delete", "member_rating", changes,
                  says ("Member: DV0001 – Nguyễn Văn A\n"
                        "Year: 2024\n"
                        "Grade: Well completed duties\n"
                        "Score: 85\n",
                        "Đảng viên: DV0001 – Nguyễn Văn A\n"
                        "Năm: 2024\n"
                        "Xếp loại: Hoàn thành tốt nhiệm vụ\n"
                        "Điểm: 85\n"));
  assert_changes (f, "delete", "badge", "{\"years\":30,\"date\":\"2024-02-03\"}",
                  says ("Badge: 30-year Party badge\nDate presented: 03/02/2024\n",
                        "Loại huy hiệu: Huy hiệu 30 năm tuổi Đảng\nNgày trao tặng: 03/02/2024\n"));
}

static void
test_changes_unknown_column_falls_back_to_its_name (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  assert_changes (f, "update", "member", "{\"shoe_size\":[41,42]}", "shoe_size: 41 → 42\n");
  assert_changes (f, "insert", "no_such_table", "{\"a\":\"b\"}", "a: b\n");
}

static void
test_changes_not_json_shown_as_stored (SdbTestFixture *f,
                                       gconstpointer   data)
{
  assert_changes (f, "update", "member", "{\"full_name\":[", "{\"full_name\":[\n");
  assert_changes (f, "insert", "member", "[1,2]", "[1,2]\n");
  assert_changes (f, "insert", "member", "{}", "");
}

static void
test_changes_note_start (SdbTestFixture *f,
                         gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_changes (f, "start", "", "{\"reason\":\"new\"}",
                  says ("The history of changes starts with this new database\n",
                        "Lịch sử thay đổi được ghi từ khi tạo cơ sở dữ liệu này\n"));
  assert_changes (f, "start", "", "{\"reason\":\"migrated\"}",
                  says ("The history of changes starts here: earlier changes were not "
                        "recorded\n",
                        "Lịch sử thay đổi bắt đầu được ghi từ đây; các thay đổi trước đó không "
                        "được ghi lại\n"));
}

static void
test_changes_note_import (SdbTestFixture *f,
                          gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_changes (f, "import", "",
                  "{\"file\":\"members.csv\",\"kind\":\"members\",\"changed\":12}",
                  says ("Imported the file members.csv (members): 12 records changed\n",
                        "Nhập tệp members.csv (đảng viên): 12 bản ghi thay đổi\n"));
  assert_changes (f, "import", "",
                  "{\"file\":\"xep-loai.csv\",\"kind\":\"member-ratings\",\"changed\":1}",
                  says ("Imported the file xep-loai.csv (ratings of members): 1 record changed\n",
                        "Nhập tệp xep-loai.csv (xếp loại đảng viên): 1 bản ghi thay đổi\n"));
  assert_changes (f, "import", "",
                  "{\"file\":\"to-chuc.csv\",\"kind\":\"organizations\",\"changed\":1236}",
                  says ("Imported the file to-chuc.csv (party organizations): 1.236 records "
                        "changed\n",
                        "Nhập tệp to-chuc.csv (tổ chức đảng): 1.236 bản ghi thay đổi\n"));
}

static void
test_changes_note_demo (SdbTestFixture *f,
                        gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_changes (f, "demo", "", "{\"organizations\":12,\"members\":1236}",
                  says ("Demonstration data added: 12 party organizations and 1.236 members\n",
                        "Thêm dữ liệu mẫu: 12 tổ chức đảng và 1.236 đảng viên\n"));
  assert_changes (f, "demo", "", "{\"organizations\":1,\"members\":1}",
                  says ("Demonstration data added: 1 party organization and 1 member\n",
                        "Thêm dữ liệu mẫu: 1 tổ chức đảng và 1 đảng viên\n"));
}

static void
test_changes_note_restore (SdbTestFixture *f,
                           gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_changes (f, "restore", "", "{\"from\":\"sodangbo-20261122-101500-daily.db\"}",
                  says ("Restored the backup sodangbo-20261122-101500-daily.db\n",
                        "Khôi phục từ bản sao lưu sodangbo-20261122-101500-daily.db\n"));
}

static void
test_changes_note_undo (SdbTestFixture *f,
                        gconstpointer   data)
{
  if (!wording_ready ())
    return;

  assert_changes (f, "undo", "", "{\"txn\":42,\"entries\":7}",
                  says ("Undid change no. 42 (7 entries)\n",
                        "Hoàn tác lần thay đổi số 42 (7 mục)\n"));
  assert_changes (f, "undo", "", "{\"txn\":43,\"entries\":1}",
                  says ("Undid change no. 43 (1 entry)\n",
                        "Hoàn tác lần thay đổi số 43 (1 mục)\n"));
}

/* Headings ----------------------------------------------------------------------------------- */

static void
test_heading_time_in_local_time (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autofree char *heading = sdb_history_format_heading ("2026-11-22T18:30:05Z", "nguyenvana",
                                                         "update", "member", "DV0001",
                                                         "member", "1");
  g_autofree char *raw = sdb_history_format_heading ("not a time", "nguyenvana", "update",
                                                     "member", "DV0001", "member", "1");

  /* main () puts the test in UTC+7, Vietnam's time: 18:30 UTC is 01:30 the next day. */
  g_assert_true (g_str_has_prefix (heading, "23/11/2026 01:30 · nguyenvana · "));
  g_assert_true (g_str_has_prefix (raw, "not a time · nguyenvana · "));
}

static void
test_heading_says_what_was_done (SdbTestFixture *f,
                                 gconstpointer   data)
{
  const char *time = "2026-11-22T03:05:00Z";

  if (!wording_ready ())
    return;

  assert_heading (time, "update", "member", "DV0001", "member", "1",
                  says ("22/11/2026 10:05 · nguyenvana · Changed member DV0001",
                        "22/11/2026 10:05 · nguyenvana · Sửa đảng viên DV0001"));
  assert_heading (time, "insert", "organization", "CB01", "organization", "4",
                  says ("22/11/2026 10:05 · nguyenvana · Added organization CB01",
                        "22/11/2026 10:05 · nguyenvana · Thêm tổ chức đảng CB01"));
  assert_heading (time, "delete", "meeting", "15-BB/HU", "meeting", "2",
                  says ("22/11/2026 10:05 · nguyenvana · Deleted meeting 15-BB/HU",
                        "22/11/2026 10:05 · nguyenvana · Xóa hội nghị 15-BB/HU"));
  assert_heading (time, "insert", "profile", "2025-07-01", "profile", "1",
                  says ("22/11/2026 10:05 · nguyenvana · Added name and level of the committee "
                        "from 01/07/2025",
                        "22/11/2026 10:05 · nguyenvana · Thêm tên và cấp của đảng bộ từ "
                        "01/07/2025"));
}

static void
test_heading_names_the_part_of_a_record (SdbTestFixture *f,
                                         gconstpointer   data)
{
  const char *time = "2026-11-22T03:05:00Z";

  if (!wording_ready ())
    return;

  /* A rating is a year's: its row key says which. */
  assert_heading (time, "insert", "member", "DV0001", "member_rating", "7/2024",
                  says ("22/11/2026 10:05 · nguyenvana · Added rating for 2024 of member DV0001",
                        "22/11/2026 10:05 · nguyenvana · Thêm xếp loại năm 2024 của đảng viên "
                        "DV0001"));
  assert_heading (time, "update", "organization", "CB01", "organization_rating", "4/2023",
                  says ("22/11/2026 10:05 · nguyenvana · Changed rating for 2023 of organization "
                        "CB01",
                        "22/11/2026 10:05 · nguyenvana · Sửa xếp loại năm 2023 của tổ chức đảng "
                        "CB01"));
  assert_heading (time, "update", "member", "DV0001", "member_event", "12",
                  says ("22/11/2026 10:05 · nguyenvana · Changed party membership history of "
                        "member DV0001",
                        "22/11/2026 10:05 · nguyenvana · Sửa quá trình sinh hoạt đảng của đảng "
                        "viên DV0001"));
  assert_heading (time, "delete", "member", "DV0001", "badge", "3",
                  says ("22/11/2026 10:05 · nguyenvana · Deleted Party badge of member DV0001",
                        "22/11/2026 10:05 · nguyenvana · Xóa Huy hiệu Đảng của đảng viên "
                        "DV0001"));
}

static void
test_heading_of_notes (SdbTestFixture *f,
                       gconstpointer   data)
{
  const char *time = "2026-11-22T03:05:00Z";

  if (!wording_ready ())
    return;

  assert_heading (time, "start", "", "", "", "",
                  says ("22/11/2026 10:05 · nguyenvana · History of changes started",
                        "22/11/2026 10:05 · nguyenvana · Bắt đầu ghi lịch sử thay đổi"));
  assert_heading (time, "import", "", "", "", "",
                  says ("22/11/2026 10:05 · nguyenvana · Imported a file",
                        "22/11/2026 10:05 · nguyenvana · Nhập dữ liệu từ tệp"));
  assert_heading (time, "demo", "", "", "", "",
                  says ("22/11/2026 10:05 · nguyenvana · Added demonstration data",
                        "22/11/2026 10:05 · nguyenvana · Thêm dữ liệu mẫu"));
  assert_heading (time, "restore", "", "", "", "",
                  says ("22/11/2026 10:05 · nguyenvana · Restored a backup",
                        "22/11/2026 10:05 · nguyenvana · Khôi phục bản sao lưu"));
  assert_heading (time, "undo", "", "", "", "",
                  says ("22/11/2026 10:05 · nguyenvana · Undid a change",
                        "22/11/2026 10:05 · nguyenvana · Hoàn tác một thay đổi"));
}

/* Labels ------------------------------------------------------------------------------------- */

static void
test_labels_of_kinds_tables_and_columns (SdbTestFixture *f,
                                         gconstpointer   data)
{
  static const char *const kinds[] = {
    "organization", "member", "meeting", "award", "target", "profile", "term", "sector",
  };

  if (!wording_ready ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpstr (sdb_history_record_kind_label (kinds[i]), !=, kinds[i]);
  g_assert_cmpstr (sdb_history_record_kind_label ("member"), ==, says ("Member", "Đảng viên"));
  g_assert_cmpstr (sdb_history_record_kind_label ("target"), ==,
                   says ("Admission target", "Chỉ tiêu kết nạp"));
  g_assert_cmpstr (sdb_history_table_label ("member_event"), ==,
                   says ("party membership history", "quá trình sinh hoạt đảng"));
  g_assert_cmpstr (sdb_history_table_label ("member_rating"), ==, says ("rating", "xếp loại"));
  g_assert_cmpstr (sdb_history_column_label ("member", "admission_date"), ==,
                   says ("Admission date", "Ngày vào Đảng"));
  g_assert_cmpstr (sdb_history_column_label ("member", "organization_id"), ==,
                   says ("Cell", "Chi bộ"));
  g_assert_cmpstr (sdb_history_column_label ("organization_rating", "grade"), ==,
                   says ("Grade", "Xếp loại"));
}

static void
test_labels_unknown_fall_back_to_names (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_assert_cmpstr (sdb_history_column_label ("member", "shoe_size"), ==, "shoe_size");
  g_assert_cmpstr (sdb_history_column_label ("no_such_table", "name"), ==, "name");
  g_assert_cmpstr (sdb_history_table_label ("no_such_table"), ==, "no_such_table");
  g_assert_cmpstr (sdb_history_record_kind_label ("spaceship"), ==, "spaceship");
}

/* A column added by a later migration needs a label here too. */
static void
test_labels_every_column_of_the_schema (SdbTestFixture *f,
                                        gconstpointer   data)
{
  static const char *const tables[] = {
    "profile", "term", "sector", "organization", "organization_event", "member",
    "member_event", "member_exemption", "admission_target", "organization_rating",
    "member_rating", "meeting", "meeting_attendee", "meeting_document", "award", "badge",
  };
  sqlite3 *handle = sdb_database_get_handle (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_stmt *stmt = NULL;
      guint n = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM pragma_table_info (?1)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);

          n++;
          if (g_str_equal (column, "id") || g_str_equal (column, "name_key")
              || g_str_equal (column, "search_key"))
            continue;
          if (g_str_equal (sdb_history_column_label (tables[i], column), column))
            g_error ("%s.%s has no label", tables[i], column);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n, >, 0);
    }
}

/* Entries written by the history's own triggers ------------------------------------------------ */

static void
test_entries_of_the_triggers_read_back (SdbTestFixture *f,
                                        gconstpointer   data)
{
  SdbHistoryFilter filter = { "organization", "CB05", NULL, 0, 0, 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const SdbHistoryEntry *e;
  gint64 cell;

  if (!wording_ready ())
    return;

  cell = add_organization (f, "CB05", "Chi bộ thôn Nà Hạ");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, cell);
  exec_sql (f, "UPDATE organization SET name = 'Chi bộ bản Nà Hạ', founded = '1975-11'"
               " WHERE code = 'CB05'");
  exec_sql (f, "DELETE FROM organization WHERE code = 'CB05'");

  entries = sdb_history_list (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  /* Newest first: the deletion, then the change. */
  e = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (e->op, ==, "update");
  assert_changes (f, e->op, e->table, e->changes,
                  says ("Name of the organization: Chi bộ thôn Nà Hạ → Chi bộ bản Nà Hạ\n"
                        "Date founded: (empty) → 11/1975\n",
                        "Tên tổ chức: Chi bộ thôn Nà Hạ → Chi bộ bản Nà Hạ\n"
                        "Ngày thành lập: (trống) → 11/1975\n"));
  {
    g_autofree char *heading = sdb_history_format_heading (e->time, e->user, e->op,
                                                           e->record_kind, e->record_key,
                                                           e->table, e->row_key);
    const char *what = says (" · Changed organization CB05", " · Sửa tổ chức đảng CB05");

    g_assert_true (g_str_has_suffix (heading, what));
  }

  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (e->op, ==, "delete");
  {
    g_autofree char *lines = sdb_history_format_changes (f->db, e->op, e->table, e->changes);

    g_assert_nonnull (strstr (lines, says ("Organization code: CB05\n", "Mã tổ chức: CB05\n")));
    g_assert_nonnull (strstr (lines, says ("Kind of organization: Grassroots cell\n",
                                           "Loại tổ chức: Chi bộ cơ sở\n")));
    g_assert_null (strstr (lines, "name_key"));
  }

  /* Gone from its table, it is still named by what the history last knew. */
  assert_value (f, "member", "organization_id", id,
                says ("CB05 – Chi bộ bản Nà Hạ (deleted)", "CB05 – Chi bộ bản Nà Hạ (đã xóa)"));
}

int
main (int    argc,
      char **argv)
{
  /* Vietnam's time, written as a POSIX rule so that it needs no time zone database. */
  g_setenv ("TZ", "ICT-7", TRUE);
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/history-format/value/full-date-reads-dd-mm-yyyy",
                test_value_full_date_reads_dd_mm_yyyy);
  SDB_TEST_ADD ("/core/history-format/value/partial-dates-keep-their-precision",
                test_value_partial_dates_keep_their_precision);
  SDB_TEST_ADD ("/core/history-format/value/enum-codes-read-as-labels",
                test_value_enum_codes_read_as_labels);
  SDB_TEST_ADD ("/core/history-format/value/ids-read-as-code-and-name",
                test_value_ids_read_as_code_and_name);
  SDB_TEST_ADD ("/core/history-format/value/meeting-id-reads-as-reference-and-date",
                test_value_meeting_id_reads_as_reference_and_date);
  SDB_TEST_ADD ("/core/history-format/value/deleted-id-found-through-history",
                test_value_deleted_id_found_through_history);
  SDB_TEST_ADD ("/core/history-format/value/unknown-id-reads-as-number",
                test_value_unknown_id_reads_as_number);
  SDB_TEST_ADD ("/core/history-format/value/null-and-empty-read-as-empty",
                test_value_null_and_empty_read_as_empty);
  SDB_TEST_ADD ("/core/history-format/value/numbers-grouped-years-not",
                test_value_numbers_grouped_years_not);
  SDB_TEST_ADD ("/core/history-format/value/text-as-is", test_value_text_as_is);
  SDB_TEST_ADD ("/core/history-format/value/badge-reads-as-its-name",
                test_value_badge_reads_as_its_name);
  SDB_TEST_ADD ("/core/history-format/changes/update-shows-old-and-new",
                test_changes_update_shows_old_and_new);
  SDB_TEST_ADD ("/core/history-format/changes/insert-lists-the-fields",
                test_changes_insert_lists_the_fields);
  SDB_TEST_ADD ("/core/history-format/changes/delete-lists-the-old-fields",
                test_changes_delete_lists_the_old_fields);
  SDB_TEST_ADD ("/core/history-format/changes/unknown-column-falls-back-to-its-name",
                test_changes_unknown_column_falls_back_to_its_name);
  SDB_TEST_ADD ("/core/history-format/changes/not-json-shown-as-stored",
                test_changes_not_json_shown_as_stored);
  SDB_TEST_ADD ("/core/history-format/changes/note-start", test_changes_note_start);
  SDB_TEST_ADD ("/core/history-format/changes/note-import", test_changes_note_import);
  SDB_TEST_ADD ("/core/history-format/changes/note-demo", test_changes_note_demo);
  SDB_TEST_ADD ("/core/history-format/changes/note-restore", test_changes_note_restore);
  SDB_TEST_ADD ("/core/history-format/changes/note-undo", test_changes_note_undo);
  SDB_TEST_ADD ("/core/history-format/heading/time-in-local-time",
                test_heading_time_in_local_time);
  SDB_TEST_ADD ("/core/history-format/heading/says-what-was-done",
                test_heading_says_what_was_done);
  SDB_TEST_ADD ("/core/history-format/heading/names-the-part-of-a-record",
                test_heading_names_the_part_of_a_record);
  SDB_TEST_ADD ("/core/history-format/heading/of-notes", test_heading_of_notes);
  SDB_TEST_ADD ("/core/history-format/labels/of-kinds-tables-and-columns",
                test_labels_of_kinds_tables_and_columns);
  SDB_TEST_ADD ("/core/history-format/labels/unknown-fall-back-to-names",
                test_labels_unknown_fall_back_to_names);
  SDB_TEST_ADD ("/core/history-format/entries/of-the-triggers-read-back",
                test_entries_of_the_triggers_read_back);
  SDB_TEST_ADD ("/core/history-format/labels/every-column-of-the-schema",
                test_labels_every_column_of_the_schema);

  return g_test_run ();
}
