/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Meetings, awards and party badges in and out of CSV and XLSX: round trips, idempotence, the
 * keys that find a record again, every error with its line and column, and nothing written
 * when a row is wrong. */
#include "config.h"

#include "sdb-award.h"
#include "sdb-badge.h"
#include "sdb-csv.h"
#include "sdb-meeting.h"
#include "interchange-test.h"

#define BOM "\xef\xbb\xbf"

/* Takes the meetings, awards and badges out of the fixture, leaving the organizations and
 * members they refer to. */
static const char without_records[] =
  "DELETE FROM award; DELETE FROM badge; DELETE FROM meeting;";

/* The fixture's minutes hold no more than number, date and kind: this fills one of them in,
 * with the separators and quotes a CSV must protect. */
static const char filled_minutes[] =
  "UPDATE meeting SET title = 'Hội nghị \"mở rộng\", lần 2',"
  " chair_name = 'Lò Văn Sơn', place = 'Hội trường Huyện ủy',"
  " content = 'Sơ kết quý I;' || char (10) || 'Kế hoạch quý II',"
  " conclusions = 'Thống nhất' WHERE number = '02' AND symbol = 'BB/HU'";

static void
assert_round_trip (SdbTestFixture     *f,
                   SdbInterchangeKind  kind,
                   guint               n_records)
{
  g_autoptr(SdbDatabase) other = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  first = sdb_test_export_csv (f->db, kind, 0);
  g_assert_cmpuint (sdb_test_count_csv_lines (first), ==, n_records + 1);

  other = sdb_test_open_other (f);
  sdb_test_load_fixture (other, without_records);
  counts = sdb_test_import_csv_ok (other, kind, first);
  g_assert_cmpuint (counts.inserted, ==, n_records);
  g_assert_cmpuint (counts.updated, ==, 0);
  second = sdb_test_export_csv (other, kind, 0);
  g_assert_cmpstr (second, ==, first);
}

/* Meetings ----------------------------------------------------------------------------------- */

static void
test_meetings_export_import_export_is_byte_identical (SdbTestFixture *f,
                                                      gconstpointer   data)
{
  g_autofree char *text = NULL;

  assert_round_trip (f, SDB_INTERCHANGE_MEETINGS, 9);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_MEETINGS, 0);
  g_assert_true (g_str_has_prefix (text, BOM "code,held_on,kind,title,chair,location,summary,"
                                         "conclusions\r\n30-BB/HU,20/12/2023,year_end,,,,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n02-BB/HU,20/02/2024,standing,"
                                  "\"Hội nghị \"\"mở rộng\"\", lần 2\",Lò Văn Sơn,"
                                  "Hội trường Huyện ủy,\"Sơ kết quý I;\nKế hoạch quý II\","
                                  "Thống nhất\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\n01-BB/ĐU,10/08/2025,executive,,,,,\r\n"));
}

static void
test_meetings_second_import_changes_nothing (SdbTestFixture *f,
                                             gconstpointer   data)
{
  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_assert_reimport_unchanged (f->db, SDB_INTERCHANGE_MEETINGS, 9);
}

static void
test_meetings_export_by_year (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autofree char *text = NULL;

  g_assert_true (sdb_interchange_kind_by_year (SDB_INTERCHANGE_MEETINGS));
  sdb_test_load_fixture (f->db, filled_minutes);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_MEETINGS, 2024);
  g_assert_cmpuint (sdb_test_count_csv_lines (text), ==, 1 + 7);
  g_assert_null (strstr (text, "30-BB/HU"));
  g_assert_null (strstr (text, "BB/ĐU"));
}

static void
test_meetings_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                                  gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEETINGS,
                                       "code,held_on,kind,title\n"
                                       "01-BB/HU,15/01/2024,executive,Hội nghị lần thứ nhất\n"
                                       "02-BB/HU,31/02/2024,standing,\n"
                                       "03-BB/HU,10/03/2024,hop chi bo,\n"
                                       "04-BB/HU,03/2024,standing,\n"
                                       "05-BB/HU,20/03/2024,,\n"
                                       "06-BB/HU,,standing,\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "held_on", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem_mentions (problems, 4, "kind", SDB_SEVERITY_ERROR,
                                           "executive (Hội nghị Ban Chấp hành)");
  /* A month is no date for a meeting: the core's own rule, under the column. */
  sdb_test_assert_import_problem (problems, 5, "held_on", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "kind", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 7, "held_on", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"), ==, 0);
}

/* "01-BB/HU" comes back every January: in another year it is other minutes; twice in a year
 * it is the same minutes twice. */
static void
test_meetings_same_number_is_other_minutes_only_in_another_year (SdbTestFixture *f,
                                                                 gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEETINGS,
                                   "code,held_on,kind\n"
                                   "01-BB/HU,12/01/2026,executive\n"
                                   "01-BB/HU,16/01/2024,executive\n");
  g_assert_cmpuint (counts.inserted, ==, 1);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"
                                              " WHERE number = '01' AND symbol = 'BB/HU'"),
                   ==, 2);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"
                                              " WHERE date = '2024-01-16'"), ==, 1);

  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEETINGS,
                                       "code,held_on,kind\n"
                                       "05-BB/HU,05/09/2024,standing\n"
                                       "05-bb/hu,06/09/2024,standing\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "code", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting"
                                              " WHERE date = '2024-09-06'"), ==, 0);
}

static void
test_meetings_code_of_several_minutes_is_an_error_naming_them (SdbTestFixture *f,
                                                               gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_exec_sql (f->db, "INSERT INTO meeting (number, symbol, date, kind)"
                            " VALUES ('01', 'BB/HU', '2023-01-10', 'executive')");
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEETINGS,
                                       "code,held_on,title\n01-BB/HU,,Hội nghị lần thứ nhất\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem_mentions (problems, 2, "held_on", SDB_SEVERITY_ERROR,
                                           "10/01/2023, 15/01/2024");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting WHERE title <> ''"),
                   ==, 1);
}

/* A column the file lacks keeps its field; an empty cell clears it; the attendees and
 * documents, which a sheet does not hold, stay. */
static void
test_meetings_missing_column_keeps_and_empty_cell_clears (SdbTestFixture *f,
                                                          gconstpointer   data)
{
  g_autoptr(SdbMeeting) meeting = NULL;
  g_autoptr(SdbMeeting) read = NULL;
  g_autoptr(SdbMeetingAttendee) attendee = sdb_meeting_attendee_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2024-03-01");
  SdbImportCounts counts;

  meeting = sdb_meeting_new ();
  sdb_meeting_set_number (meeting, "15");
  sdb_meeting_set_symbol (meeting, "BB/HU");
  sdb_meeting_set_date (meeting, &date);
  sdb_meeting_set_kind (meeting, SDB_MEETING_KIND_THEMATIC);
  sdb_meeting_set_place (meeting, "Hội trường");
  sdb_meeting_set_chair_name (meeting, "Lò Văn Sơn");
  sdb_meeting_attendee_set_name (attendee, "Lò Văn Sơn");
  sdb_meeting_add_attendee (meeting, attendee);
  g_assert_true (sdb_meeting_insert (f->db, meeting, f->problems, &error));
  g_assert_no_error (error);

  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEETINGS,
                                   "code,held_on,title,location\n"
                                   "15-BB/HU,01/03/2024,Hội nghị chuyên đề chuyển đổi số,\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  read = sdb_meeting_lookup (f->db, sdb_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_meeting_get_title (read), ==, "Hội nghị chuyên đề chuyển đổi số");
  g_assert_cmpstr (sdb_meeting_get_place (read), ==, "");
  g_assert_cmpstr (sdb_meeting_get_chair_name (read), ==, "Lò Văn Sơn");
  g_assert_cmpint (sdb_meeting_get_kind (read), ==, SDB_MEETING_KIND_THEMATIC);
  g_assert_cmpuint (g_list_model_get_n_items (sdb_meeting_get_attendees (read)), ==, 1);
}

static void
test_meetings_semicolon_bom_crlf_vietnamese_headers_and_labels (SdbTestFixture *f,
                                                                gconstpointer   data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SdbMeeting) first = NULL;
  g_autoptr(SdbMeeting) second = NULL;
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts;

  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEETINGS,
                                   BOM "STT;Số, ký hiệu;NGÀY HỌP;Loại hội nghị;Tên hội nghị;"
                                   "Chủ trì;Địa điểm;Nội dung;Kết luận\r\n"
                                   "1;12-BB/HU;05/02/2024;Hội nghị Ban Thường vụ;"
                                   "Hội nghị Ban Thường vụ lần thứ 12;Lò Văn Sơn;Phòng họp số 1;"
                                   "Công tác cán bộ;Thống nhất\r\n"
                                   "2;13-BB/HU;2024-03-01;hoi nghi hoc tap, quan triet;;;;;\r\n");
  g_assert_cmpuint (counts.inserted, ==, 2);
  list = sdb_meeting_list (f->db, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (sdb_meeting_get_number (first), ==, "12");
  g_assert_cmpstr (sdb_meeting_get_symbol (first), ==, "BB/HU");
  g_assert_cmpint (sdb_meeting_get_kind (first), ==, SDB_MEETING_KIND_STANDING);
  g_assert_cmpstr (sdb_meeting_get_title (first), ==, "Hội nghị Ban Thường vụ lần thứ 12");
  g_assert_cmpstr (sdb_meeting_get_chair_name (first), ==, "Lò Văn Sơn");
  g_assert_cmpstr (sdb_meeting_get_place (first), ==, "Phòng họp số 1");
  g_assert_cmpstr (sdb_meeting_get_content (first), ==, "Công tác cán bộ");
  g_assert_cmpstr (sdb_meeting_get_conclusions (first), ==, "Thống nhất");
  second = g_list_model_get_item (list, 1);
  g_assert_cmpint (sdb_meeting_get_kind (second), ==, SDB_MEETING_KIND_DISSEMINATION);
  g_assert_cmpint (sdb_meeting_get_date (second)->month, ==, 3);
}

/* Awards ------------------------------------------------------------------------------------- */

static void
test_awards_export_import_export_is_byte_identical (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  g_autofree char *text = NULL;

  assert_round_trip (f, SDB_INTERCHANGE_AWARDS, 5);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_AWARDS, 0);
  g_assert_true (g_str_has_prefix (text, BOM "year,recipient_kind,organization_code,member_code,"
                                         "name,form,reason\r\n2023,collective,DB01,,,Bằng khen,"
                                         "Hoàn thành xuất sắc nhiệm vụ 5 năm liền\r\n"));
  g_assert_nonnull (strstr (text, "\r\n2024,individual,,M01,,Giấy khen,Đảng viên tiêu biểu\r\n"));
  g_assert_nonnull (strstr (text, "\r\n2024,individual,,,Nguyễn Thị Xuân,Giấy khen,"
                                  "Có thành tích trong công tác dân vận\r\n"));
}

static void
test_awards_second_import_changes_nothing (SdbTestFixture *f,
                                           gconstpointer   data)
{
  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_assert_reimport_unchanged (f->db, SDB_INTERCHANGE_AWARDS, 5);
}

static void
test_awards_export_by_year (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autofree char *text = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_AWARDS, 2023);
  g_assert_cmpuint (sdb_test_count_csv_lines (text), ==, 1 + 1);
  g_assert_nonnull (strstr (text, "\r\n2023,collective,DB01,"));
}

/* The key is year, recipient and form: a new reason corrects the award, another form or year
 * is another award, and case or tone placement do not make a form another one. */
static void
test_awards_key_is_year_recipient_and_form (SdbTestFixture *f,
                                            gconstpointer   data)
{
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_AWARDS,
                                   "year,organization_code,member_code,name,form,reason\n"
                                   "2024,CB01,,,giấy khen,Hoàn thành xuất sắc nhiệm vụ năm 2024\n"
                                   "2024,,,Nguyễn Thị Xuân,Giấy khen,"
                                   "Có thành tích trong công tác dân vận\n"
                                   "2024,,M01,,Bằng khen,Đảng viên tiêu biểu 5 năm\n"
                                   "2025,,M01,,Giấy khen,Đảng viên tiêu biểu\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.inserted, ==, 2);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), ==, 7);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award WHERE year = 2024"
                                              " AND organization_id = 10 AND form = 'giấy khen'"
                                              " AND reason LIKE '%xuất sắc%'"), ==, 1);
}

static void
test_awards_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                                gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_exec_sql (f->db, "DELETE FROM award");
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_AWARDS,
                                       "year,recipient_kind,organization_code,member_code,name,"
                                       "form\n"
                                       "2024,collective,DB01,,,Giấy khen\n"
                                       "2024,collective,,M02,,Giấy khen\n"
                                       "2024,individual,CB01,,,Giấy khen\n"
                                       "2024,individual,,,,Giấy khen\n"
                                       "2024,nhóm,,M03,,Giấy khen\n"
                                       "2024,,,KHONGCO,,Giấy khen\n"
                                       "1850,,,M04,,Giấy khen\n"
                                       "2024,,,M05,,\n"
                                       "2024,,,M06,Lò Văn A,Giấy khen\n"
                                       "2023,,CB04,,,Giấy khen\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "recipient_kind", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "recipient_kind", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "member_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem_mentions (problems, 6, "recipient_kind", SDB_SEVERITY_ERROR,
                                           "collective (Tập thể)");
  sdb_test_assert_import_problem_mentions (problems, 7, "member_code", SDB_SEVERITY_ERROR,
                                           "KHONGCO");
  sdb_test_assert_import_problem (problems, 8, "year", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 9, "form", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 10, "name", SDB_SEVERITY_ERROR);
  /* The core's own rule: CB04 was founded in 2024. */
  sdb_test_assert_import_problem (problems, 11, "organization_code", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), ==, 0);
}

static void
test_awards_file_without_form_is_refused (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_AWARDS,
                                       "year,organization_code,member_code,reason\n"
                                       "2024,CB01,,Khác\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem_mentions (problems, 1, NULL, SDB_SEVERITY_ERROR,
                                           "form");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE reason = 'Khác'"), ==, 0);
}

static void
test_awards_semicolon_bom_crlf_vietnamese_headers_and_labels (SdbTestFixture *f,
                                                              gconstpointer   data)
{
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_exec_sql (f->db, "DELETE FROM award");
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_AWARDS,
                                   BOM "TT;Năm;Tập thể/Cá nhân;Mã tổ chức;Mã đảng viên;Họ và tên;"
                                   "Hình thức khen thưởng;Thành tích\r\n"
                                   "1;2024;Tập thể;DB02;;;Giấy khen;"
                                   "Hoàn thành xuất sắc nhiệm vụ\r\n"
                                   "2;2024;CA NHAN;;M01;;Giấy khen;Đảng viên tiêu biểu\r\n"
                                   "3;2024;cá nhân;;;Nguyễn Thị Xuân;Giấy khen;Dân vận khéo\r\n");
  g_assert_cmpuint (counts.inserted, ==, 3);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE organization_id = 6"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE member_id = 1"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE person_name = 'Nguyễn Thị Xuân'"), ==, 1);
}

/* Badges ------------------------------------------------------------------------------------- */

static void
test_badges_export_import_export_is_byte_identical (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  g_autofree char *text = NULL;

  assert_round_trip (f, SDB_INTERCHANGE_BADGES, 6);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_BADGES, 0);
  g_assert_true (g_str_has_prefix (text, BOM "member_code,years,awarded_on\r\n"
                                         "M24,30,07/11/2023\r\n"));
  g_assert_nonnull (strstr (text, "\r\nM13,50,03/02/2024\r\n"));
}

static void
test_badges_second_import_changes_nothing (SdbTestFixture *f,
                                           gconstpointer   data)
{
  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_assert_reimport_unchanged (f->db, SDB_INTERCHANGE_BADGES, 6);
}

static void
test_badges_export_by_year (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autofree char *text = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  text = sdb_test_export_csv (f->db, SDB_INTERCHANGE_BADGES, 2024);
  g_assert_cmpuint (sdb_test_count_csv_lines (text), ==, 1 + 5);
  g_assert_null (strstr (text, "M24"));
}

/* A member and years find the badge: a new date corrects it, a missing date column keeps it. */
static void
test_badges_key_is_member_and_years (SdbTestFixture *f,
                                     gconstpointer   data)
{
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_BADGES,
                                   "member_code,years,awarded_on\n"
                                   "M01,30,19/05/2024\n"
                                   "M25,40,03/02/2025\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.inserted, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge WHERE member_id = 1"
                                              " AND years = 30 AND date = '2024-05-19'"), ==, 1);

  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_BADGES, "member_code,years\nM25,40\n");
  g_assert_cmpuint (counts.unchanged, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge WHERE member_id = 25"
                                              " AND date = '2025-02-03'"), ==, 1);
}

static void
test_badges_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                                gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_BADGES,
                                       "member_code,years,awarded_on\n"
                                       "M25,40,03/02/2025\n"
                                       "KHONGCO,30,03/02/2025\n"
                                       "M26,35,03/02/2025\n"
                                       "M05,30,07/11/2024\n"
                                       "M23,ba mươi,07/11/2024\n"
                                       "M30,30,32/01/2025\n"
                                       "M02,30,\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "member_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "years", SDB_SEVERITY_ERROR);
  /* The core's own rule: M05 has 14 years of party age. */
  sdb_test_assert_import_problem (problems, 5, "years", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "years", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 7, "awarded_on", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 8, "awarded_on", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge"), ==, 6);
}

static void
test_badges_semicolon_bom_crlf_vietnamese_headers (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, filled_minutes);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_BADGES,
                                   BOM "STT;Mã đảng viên;Số năm tuổi Đảng;Ngày trao tặng\r\n"
                                   "1;M25;40;3/2/2025\r\n"
                                   "2;M01;30;19/5/2024\r\n"
                                   /* An Excel serial: 07/11/2024, as the fixture has it. */
                                   "3;M03;30;45603\r\n");
  g_assert_cmpuint (counts.inserted, ==, 1);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge WHERE member_id = 25"
                                              " AND years = 40 AND date = '2025-02-03'"), ==, 1);
}

/* Every kind ----------------------------------------------------------------------------- */

static void
test_windows_1258_files_are_refused (SdbTestFixture *f,
                                     gconstpointer   data)
{
  static const struct
  {
    SdbInterchangeKind  kind;
    const char         *text;
  } files[] = {
    { SDB_INTERCHANGE_MEETINGS, "code,held_on,kind,title\n"
                                "01-BB/HU,15/01/2024,executive,H\xf4i ngh\xf2\n" },
    { SDB_INTERCHANGE_AWARDS, "year,organization_code,member_code,form\n"
                              "2024,DB01,,Gi\xe2\xf2y khen\n" },
    { SDB_INTERCHANGE_BADGES, "member_code,years,awarded_on\nM\xd0\x31,30,03/02/2024\n" },
  };

  sdb_test_load_fixture (f->db, filled_minutes);
  sdb_test_exec_sql (f->db, "DELETE FROM award; DELETE FROM badge; DELETE FROM meeting;");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (sdb_test_import_csv (f->db, files[i].kind, files[i].text, problems, NULL,
                                           &error));
      g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
    }
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT (SELECT count(*) FROM award)"
                                              " + (SELECT count(*) FROM badge)"
                                              " + (SELECT count(*) FROM meeting)"), ==, 0);
}

static void
test_xlsx_has_vietnamese_headers_and_labels (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autofree char *meetings = NULL;
  g_autofree char *awards = NULL;
  g_autofree char *badges = NULL;

  sdb_test_load_fixture (f->db, filled_minutes);
  meetings = sdb_test_export_xlsx (f, SDB_INTERCHANGE_MEETINGS, 0);
  g_assert_nonnull (strstr (meetings, "Số, ký hiệu"));
  g_assert_nonnull (strstr (meetings, "Ngày họp"));
  g_assert_nonnull (strstr (meetings, "Hội nghị Ban Thường vụ"));
  g_assert_nonnull (strstr (meetings, "02-BB/HU"));
  g_assert_null (strstr (meetings, "year_end"));

  awards = sdb_test_export_xlsx (f, SDB_INTERCHANGE_AWARDS, 0);
  g_assert_nonnull (strstr (awards, "Hình thức khen thưởng"));
  g_assert_nonnull (strstr (awards, "Tập thể"));
  g_assert_nonnull (strstr (awards, "Cá nhân"));
  g_assert_nonnull (strstr (awards, "Nguyễn Thị Xuân"));
  g_assert_null (strstr (awards, "collective"));

  badges = sdb_test_export_xlsx (f, SDB_INTERCHANGE_BADGES, 0);
  g_assert_nonnull (strstr (badges, "Số năm tuổi Đảng"));
  g_assert_nonnull (strstr (badges, "Ngày trao tặng"));
  g_assert_nonnull (strstr (badges, "M13"));
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/interchange/meetings/export-import-export-is-byte-identical",
                test_meetings_export_import_export_is_byte_identical);
  SDB_TEST_ADD ("/interchange/meetings/second-import-changes-nothing",
                test_meetings_second_import_changes_nothing);
  SDB_TEST_ADD ("/interchange/meetings/export-by-year", test_meetings_export_by_year);
  SDB_TEST_ADD ("/interchange/meetings/errors-name-line-and-column-and-nothing-is-written",
                test_meetings_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/meetings/same-number-is-other-minutes-only-in-another-year",
                test_meetings_same_number_is_other_minutes_only_in_another_year);
  SDB_TEST_ADD ("/interchange/meetings/code-of-several-minutes-is-an-error-naming-them",
                test_meetings_code_of_several_minutes_is_an_error_naming_them);
  SDB_TEST_ADD ("/interchange/meetings/missing-column-keeps-and-empty-cell-clears",
                test_meetings_missing_column_keeps_and_empty_cell_clears);
  SDB_TEST_ADD ("/interchange/meetings/semicolon-bom-crlf-vietnamese-headers-and-labels",
                test_meetings_semicolon_bom_crlf_vietnamese_headers_and_labels);

  SDB_TEST_ADD ("/interchange/awards/export-import-export-is-byte-identical",
                test_awards_export_import_export_is_byte_identical);
  SDB_TEST_ADD ("/interchange/awards/second-import-changes-nothing",
                test_awards_second_import_changes_nothing);
  SDB_TEST_ADD ("/interchange/awards/export-by-year", test_awards_export_by_year);
  SDB_TEST_ADD ("/interchange/awards/key-is-year-recipient-and-form",
                test_awards_key_is_year_recipient_and_form);
  SDB_TEST_ADD ("/interchange/awards/errors-name-line-and-column-and-nothing-is-written",
                test_awards_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/awards/file-without-form-is-refused",
                test_awards_file_without_form_is_refused);
  SDB_TEST_ADD ("/interchange/awards/semicolon-bom-crlf-vietnamese-headers-and-labels",
                test_awards_semicolon_bom_crlf_vietnamese_headers_and_labels);

  SDB_TEST_ADD ("/interchange/badges/export-import-export-is-byte-identical",
                test_badges_export_import_export_is_byte_identical);
  SDB_TEST_ADD ("/interchange/badges/second-import-changes-nothing",
                test_badges_second_import_changes_nothing);
  SDB_TEST_ADD ("/interchange/badges/export-by-year", test_badges_export_by_year);
  SDB_TEST_ADD ("/interchange/badges/key-is-member-and-years",
                test_badges_key_is_member_and_years);
  SDB_TEST_ADD ("/interchange/badges/errors-name-line-and-column-and-nothing-is-written",
                test_badges_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/badges/semicolon-bom-crlf-vietnamese-headers",
                test_badges_semicolon_bom_crlf_vietnamese_headers);

  SDB_TEST_ADD ("/interchange/records/windows-1258-files-are-refused",
                test_windows_1258_files_are_refused);
  SDB_TEST_ADD ("/interchange/records/xlsx-has-vietnamese-headers-and-labels",
                test_xlsx_has_vietnamese_headers_and_labels);

  return g_test_run ();
}
