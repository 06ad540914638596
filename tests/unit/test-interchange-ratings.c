/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Admission targets, organization ratings and member ratings in and out of CSV and XLSX: round
 * trips, idempotence, export of one year, every error with its line and column and nothing
 * written, office sheets with Vietnamese headers and labels, and the core's warnings. */
#include "config.h"

#include "sdb-csv.h"
#include "sdb-organization.h"
#include "sdb-member.h"
#include "sdb-rating.h"
#include "sdb-target.h"
#include "interchange-test.h"

#define BOM "\xef\xbb\xbf"

/* What the tests run for every kind need to know of it. */
typedef struct
{
  const char         *name;
  SdbInterchangeKind  kind;
  const char         *table;   /* its records in the database */
  guint               n_rows;  /* in the fixture */
  const char         *header;  /* the CSV header the program writes */
  const char         *line;    /* one row of the fixture's export */
} KindCase;

static const KindCase cases[] = {
  { "targets", SDB_INTERCHANGE_TARGETS, "admission_target", 7,
    "year_from,year_to,organization_code,target", "\r\n2024,2024,DB01,1\r\n" },
  { "organization-ratings", SDB_INTERCHANGE_ORGANIZATION_RATINGS, "organization_rating", 12,
    "year,organization_code,grade,score,reason", "\r\n2024,CB04,,,recently_founded\r\n" },
  { "member-ratings", SDB_INTERCHANGE_MEMBER_RATINGS, "member_rating", 20,
    "year,member_code,grade,score,reason", "\r\n2024,M01,excellent,92,\r\n" },
};

static gint64
count_records (SdbDatabase    *db,
               const KindCase *c)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", c->table);

  return sdb_test_query_int (db, sql);
}

/* Fits the fixture to hold one score, so that the round trip carries scores too. */
static const char one_score[] =
  "UPDATE member_rating SET score = 92 WHERE member_id = 1 AND year = 2024";

static void
test_export_import_export_is_byte_identical (SdbTestFixture *f,
                                             gconstpointer   data)
{
  const KindCase *c = data;
  g_autofree char *header = g_strconcat (BOM, c->header, "\r\n", NULL);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM %s", c->table);
  g_autoptr(SdbDatabase) other = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  first = sdb_test_export_csv (f->db, c->kind, 0);
  g_assert_true (g_str_has_prefix (first, header));
  g_assert_nonnull (strstr (first, c->line));
  g_assert_cmpuint (sdb_test_count_csv_lines (first), ==, 1 + c->n_rows);

  /* The same committee, organizations and members, without any record of this kind. */
  other = sdb_test_open_other (f);
  sdb_test_load_fixture (other, one_score);
  sdb_test_exec_sql (other, delete);

  counts = sdb_test_import_csv_ok (other, c->kind, first);
  g_assert_cmpuint (counts.inserted, ==, c->n_rows);
  g_assert_cmpuint (counts.updated, ==, 0);
  second = sdb_test_export_csv (other, c->kind, 0);
  g_assert_cmpstr (second, ==, first);
}

static void
test_second_import_changes_nothing (SdbTestFixture *f,
                                    gconstpointer   data)
{
  const KindCase *c = data;

  sdb_test_load_fixture (f->db, one_score);
  sdb_test_assert_reimport_unchanged (f->db, c->kind, c->n_rows);
}

static void
test_windows_1258_file_is_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  const KindCase *c = data;
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  /* "Xếp loại" and "Đảng" as Excel's "CSV (Comma delimited)" saves them in Windows-1258. */
  g_autofree char *text = g_strconcat (c->header, "\n2025,DB01,X\xd2p lo\xb5i,\xd0\xe3ng,\n",
                                       NULL);

  sdb_test_load_fixture (f->db, one_score);
  g_assert_false (sdb_test_import_csv (f->db, c->kind, text, problems, NULL, &error));
  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  g_assert_cmpint (count_records (f->db, c), ==, c->n_rows);
}

static void
test_export_of_a_year_holds_that_year (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autofree char *targets_2024 = NULL;
  g_autofree char *targets_2025 = NULL;
  g_autofree char *organizations_2023 = NULL;
  g_autofree char *members_2023 = NULL;

  sdb_test_load_fixture (f->db, one_score);
  g_assert_true (sdb_interchange_kind_by_year (SDB_INTERCHANGE_TARGETS));
  g_assert_true (sdb_interchange_kind_by_year (SDB_INTERCHANGE_ORGANIZATION_RATINGS));
  g_assert_true (sdb_interchange_kind_by_year (SDB_INTERCHANGE_MEMBER_RATINGS));

  /* The targets whose years include the year: the term's, the year's, DB01's. */
  targets_2024 = sdb_test_export_csv (f->db, SDB_INTERCHANGE_TARGETS, 2024);
  g_assert_cmpstr (targets_2024, ==,
                   BOM "year_from,year_to,organization_code,target\r\n"
                   "2020,2025,,16\r\n"
                   "2024,2024,,2\r\n"
                   "2024,2024,DB01,1\r\n");
  /* A boundary year belongs to both terms' targets. */
  targets_2025 = sdb_test_export_csv (f->db, SDB_INTERCHANGE_TARGETS, 2025);
  g_assert_cmpstr (targets_2025, ==,
                   BOM "year_from,year_to,organization_code,target\r\n"
                   "2020,2025,,16\r\n"
                   "2025,2025,,0\r\n"
                   "2025,2030,,20\r\n");

  organizations_2023 = sdb_test_export_csv (f->db, SDB_INTERCHANGE_ORGANIZATION_RATINGS, 2023);
  g_assert_cmpstr (organizations_2023, ==,
                   BOM "year,organization_code,grade,score,reason\r\n"
                   "2023,CB03,done,,\r\n"
                   "2023,DB01,good,,\r\n");
  members_2023 = sdb_test_export_csv (f->db, SDB_INTERCHANGE_MEMBER_RATINGS, 2023);
  g_assert_cmpstr (members_2023, ==,
                   BOM "year,member_code,grade,score,reason\r\n"
                   "2023,M01,good,,\r\n");
}

static void
test_target_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                                gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "year_from,year_to,organization_code,target\n"
    "2030,2030,,7\n"                   /* good, but not written */
    "hai nghìn,2024,,3\n"
    "2026,2024,,3\n"
    "2024,2024,KHONGCO,1\n"
    "2024,2024,DB02,-1\n"
    "2023,2023,,\n"
    "2020,2020,CB04,1\n"               /* founded in 2024 */
    "2024,2024,CB01,nhiều\n";

  sdb_test_load_fixture (f->db, one_score);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_TARGETS, text, problems, NULL,
                                       &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "year_from", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "year_to", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "organization_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "target", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 7, "target", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 8, "organization_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 9, "target", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 7);
}

static void
test_one_year_target_may_leave_its_last_year_empty (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbTarget) target = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_TARGETS,
                                   "year_from,year_to,organization_code,target\n"
                                   "2024,,DB01,1\n"   /* the fixture's, unchanged */
                                   "2026,,,30\n");
  g_assert_cmpuint (counts.inserted, ==, 1);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  target = sdb_target_lookup_for_year (f->db, 2026, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_number (target), ==, 30);

  /* Written both ways in one file, it is the same target twice. */
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_TARGETS,
                                       "year_from,year_to,organization_code,target\n"
                                       "2027,,,5\n"
                                       "2027,2027,,6\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "year_from", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"
                                              " WHERE first_year = 2027"), ==, 0);
}

static void
test_changed_target_is_updated_and_missing_column_kept (SdbTestFixture *f,
                                                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbTarget) target = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_TARGETS,
                                   "year_from,year_to,organization_code,target\n2024,2024,,5\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.inserted, ==, 0);
  /* Without the target column the row changes nothing. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_TARGETS,
                                   "year_from,year_to,organization_code\n2024,2024,\n");
  g_assert_cmpuint (counts.unchanged, ==, 1);
  target = sdb_target_lookup_for_year (f->db, 2024, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_number (target), ==, 5);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 7);
}

static void
test_organization_rating_errors_name_line_and_column_and_nothing_is_written (
  SdbTestFixture *f,
  gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "year,organization_code,grade,score,reason\n"
    "2024,DB01,excellent,,\n"           /* good, but not written */
    "2024,KHONGCO,good,,\n"
    "2024,DB02,rất tốt,,\n"
    "2024,CB01,good,,exempt\n"
    "2024,CB02,,,recently_admitted\n"   /* only for members */
    "2019,CB04,good,,\n"                /* founded in 2024 */
    "2024,CB03,good,120,\n"
    "2024,DB01-03,,,\n"
    "1800,DB01-01,good,,\n"
    "2024,,good,,\n"
    "2024,DB02-01,good,,bận\n";

  sdb_test_load_fixture (f->db, one_score);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATION_RATINGS, text,
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "organization_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "grade", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "reason", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "reason", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 7, "year", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 8, "score", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 9, "grade", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 10, "year", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 11, "organization_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 12, "reason", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"), ==,
                   12);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"
                                              " WHERE organization_id = 1 AND year = 2024"
                                              "   AND grade = 'good'"), ==, 1);
}

static void
test_member_rating_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                                       gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "year,member_code,grade,score,reason\n"
    "2025,M02,good,,\n"                  /* good, but not written */
    "2024,M99,good,,\n"
    "2020,M31,good,,\n"                  /* admitted in 2025 */
    "2024,M11,,,recently_founded\n"      /* only for organizations */
    "2024,M13,Không xếp loại,,\n"         /* no reason */
    "2024,M14,HTTNV,-5,\n"
    "2024,M15,Mới kết nạp,,exempt\n";     /* two reasons */

  sdb_test_load_fixture (f->db, one_score);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBER_RATINGS, text, problems, NULL,
                                       &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "member_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "year", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "reason", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "reason", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 7, "score", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 8, "reason", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"), ==, 20);
}

static SdbRating *
lookup_organization_rating (SdbDatabase *db,
                            const char  *code,
                            int          year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbOrganization) organization = sdb_organization_lookup_by_code (db, code, &error);
  SdbRating *rating;

  g_assert_no_error (error);
  rating = sdb_rating_lookup_organization (db, sdb_organization_get_id (organization), year,
                                           &error);
  g_assert_no_error (error);
  return rating;
}

static SdbRating *
lookup_member_rating (SdbDatabase *db,
                      const char  *code,
                      int          year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) member = sdb_member_lookup_by_code (db, code, &error);
  SdbRating *rating;

  g_assert_no_error (error);
  rating = sdb_rating_lookup_member (db, sdb_member_get_id (member), year, &error);
  g_assert_no_error (error);
  return rating;
}

static void
assert_grade (SdbRating *rating,
              SdbGrade   grade)
{
  g_assert_true (sdb_rating_get_rated (rating));
  g_assert_cmpint (sdb_rating_get_grade (rating), ==, grade);
}

static void
assert_not_rated (SdbRating         *rating,
                  SdbNotRatedReason  reason)
{
  g_assert_false (sdb_rating_get_rated (rating));
  g_assert_cmpint (sdb_rating_get_not_rated_reason (rating), ==, reason);
}

static void
test_semicolon_bom_crlf_vietnamese_headers_and_labels (SdbTestFixture *f,
                                                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbTarget) target = NULL;
  g_autoptr(SdbRating) db01 = NULL;
  g_autoptr(SdbRating) cb01 = NULL;
  g_autoptr(SdbRating) db02 = NULL;
  g_autoptr(SdbRating) cb02 = NULL;
  g_autoptr(SdbRating) cb04 = NULL;
  g_autoptr(SdbRating) m01 = NULL;
  g_autoptr(SdbRating) m02 = NULL;
  g_autoptr(SdbRating) m21 = NULL;
  g_autoptr(SdbRating) m31 = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_TARGETS,
                                   BOM "TT;Từ năm;ĐẾN NĂM;Mã tổ chức;Chỉ tiêu\r\n"
                                   "1;2026;;;25\r\n"
                                   "2;2026;2026;DB02;3\r\n");
  g_assert_cmpuint (counts.inserted, ==, 2);
  target = sdb_target_lookup_for_year (f->db, 2026, 6, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_number (target), ==, 3);

  /* Grades by label or short form, any case, with or without diacritics; not rated by
   * "Không xếp loại" and a reason, or by the reason alone in the grade column. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATION_RATINGS,
                                   BOM "STT;Năm;Mã tổ chức;Xếp loại;Điểm;Lý do không xếp loại\r\n"
                                   "1;2025;DB01;HTXSNV;92;\r\n"
                                   "2;2025;CB01;hoàn thành tốt nhiệm vụ;;\r\n"
                                   "3;2025;DB02;HOAN THANH NHIEM VU;;\r\n"
                                   "4;2025;CB04;Không xếp loại;;mới thành lập\r\n"
                                   "5;2025;CB02;Đình chỉ sinh hoạt;;\r\n");
  g_assert_cmpuint (counts.inserted, ==, 5);
  db01 = lookup_organization_rating (f->db, "DB01", 2025);
  assert_grade (db01, SDB_GRADE_EXCELLENT);
  g_assert_cmpint (sdb_rating_get_score (db01), ==, 92);
  cb01 = lookup_organization_rating (f->db, "CB01", 2025);
  assert_grade (cb01, SDB_GRADE_GOOD);
  g_assert_cmpint (sdb_rating_get_score (cb01), ==, SDB_RATING_NO_SCORE);
  db02 = lookup_organization_rating (f->db, "DB02", 2025);
  assert_grade (db02, SDB_GRADE_DONE);
  cb04 = lookup_organization_rating (f->db, "CB04", 2025);
  assert_not_rated (cb04, SDB_NOT_RATED_REASON_RECENTLY_FOUNDED);
  cb02 = lookup_organization_rating (f->db, "CB02", 2025);
  assert_not_rated (cb02, SDB_NOT_RATED_REASON_SUSPENDED);

  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                   BOM "STT;Năm xếp loại;Mã đảng viên;Xếp loại chất lượng;Điểm;"
                                   "Lý do\r\n"
                                   "1;2025;M01;KHTNV;40;\r\n"
                                   "2;2025;M02;Hoàn thành tốt nhiệm vụ;;\r\n"
                                   "3;2025;M21;kxl;;Miễn công tác và sinh hoạt đảng\r\n"
                                   "4;2025;M31;;;Mới kết nạp\r\n");
  g_assert_cmpuint (counts.inserted, ==, 4);
  m01 = lookup_member_rating (f->db, "M01", 2025);
  assert_grade (m01, SDB_GRADE_FAILED);
  g_assert_cmpint (sdb_rating_get_score (m01), ==, 40);
  m02 = lookup_member_rating (f->db, "M02", 2025);
  assert_grade (m02, SDB_GRADE_GOOD);
  m21 = lookup_member_rating (f->db, "M21", 2025);
  assert_not_rated (m21, SDB_NOT_RATED_REASON_EXEMPT);
  m31 = lookup_member_rating (f->db, "M31", 2025);
  assert_not_rated (m31, SDB_NOT_RATED_REASON_RECENTLY_ADMITTED);
}

static void
test_missing_column_keeps_and_empty_cell_clears (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  sdb_test_exec_sql (f->db, "UPDATE member_rating SET notes = 'Ghi chú của văn phòng'"
                            " WHERE member_id = 1 AND year = 2024");

  /* No score column: the score stays. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                   "year,member_code,grade\n2024,M01,good\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  {
    g_autoptr(SdbRating) rating = lookup_member_rating (f->db, "M01", 2024);

    assert_grade (rating, SDB_GRADE_GOOD);
    g_assert_cmpint (sdb_rating_get_score (rating), ==, 92);
  }

  /* An empty score cell clears it; no grade column: the grade stays. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                   "year,member_code,score\n2024,M01,\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  {
    g_autoptr(SdbRating) rating = lookup_member_rating (f->db, "M01", 2024);

    assert_grade (rating, SDB_GRADE_GOOD);
    g_assert_cmpint (sdb_rating_get_score (rating), ==, SDB_RATING_NO_SCORE);
  }

  /* A reason alone makes a graded rating not rated, and a grade alone the other way back. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                   "year,member_code,reason\n2024,M01,exempt\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  {
    g_autoptr(SdbRating) rating = lookup_member_rating (f->db, "M01", 2024);

    assert_not_rated (rating, SDB_NOT_RATED_REASON_EXEMPT);
  }
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                   "year,member_code,grade\n2024,M01,HTXSNV\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  {
    g_autoptr(SdbRating) rating = lookup_member_rating (f->db, "M01", 2024);

    assert_grade (rating, SDB_GRADE_EXCELLENT);
    /* The sheet has no notes: they stay as the office wrote them in the window. */
    g_assert_cmpstr (sdb_rating_get_notes (rating), ==, "Ghi chú của văn phòng");
  }

  /* Clearing the grade of a rated rating leaves it with neither: refused. */
  {
    g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
    g_autoptr(GError) error = NULL;

    g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                         "year,member_code,grade\n2024,M01,\n", problems, NULL,
                                         &error));
    g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
    sdb_test_assert_import_problem (problems, 2, "grade", SDB_SEVERITY_ERROR);
  }
}

static void
test_excellent_share_warning_does_not_block (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  /* Two of DB01's cells excellent against one good: over 20%, which the core warns about. */
  g_assert_true (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATION_RATINGS,
                                      "year,organization_code,grade\n"
                                      "2025,DB01-01,excellent\n"
                                      "2025,DB01-02,good\n"
                                      "2025,DB01-03,excellent\n",
                                      problems, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.inserted, ==, 3);
  /* The rule is about the TCCS for the year, not a line: it is checked once, at the end. */
  sdb_test_assert_import_problem (problems, 0, "grade", SDB_SEVERITY_WARNING);
  g_assert_cmpuint (problems->len, ==, 1);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (((SdbImportProblem *) g_ptr_array_index (problems, i))->severity, ==,
                     SDB_SEVERITY_WARNING);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"
                                              " WHERE year = 2025"), ==, 3);
}

static void
test_excellent_rows_are_measured_against_the_whole_file (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, one_score);
  /* One excellent against five good in DB01 is 20%, within the rule, although the excellent
   * row comes first in the file. */
  g_assert_true (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBER_RATINGS,
                                      "year,member_code,grade\n"
                                      "2025,M01,HTXSNV\n"
                                      "2025,M02,good\n"
                                      "2025,M03,good\n"
                                      "2025,M04,good\n"
                                      "2025,M05,good\n"
                                      "2025,M06,good\n",
                                      problems, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.inserted, ==, 6);
  sdb_test_log_import_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_xlsx_has_vietnamese_headers_labels_and_numbers (SdbTestFixture *f,
                                                     gconstpointer   data)
{
  g_autofree char *ratings = NULL;
  g_autofree char *members = NULL;
  g_autofree char *targets = NULL;

  sdb_test_load_fixture (f->db, one_score);
  ratings = sdb_test_export_xlsx (f, SDB_INTERCHANGE_ORGANIZATION_RATINGS, 2024);
  g_assert_nonnull (strstr (ratings, "Xếp loại"));
  g_assert_nonnull (strstr (ratings, "Lý do không xếp loại"));
  g_assert_nonnull (strstr (ratings, "Hoàn thành xuất sắc nhiệm vụ"));
  g_assert_nonnull (strstr (ratings, "Không hoàn thành nhiệm vụ"));
  g_assert_nonnull (strstr (ratings, "Mới thành lập"));
  g_assert_null (strstr (ratings, "recently_founded"));
  g_assert_null (strstr (ratings, ">excellent<"));
  /* The year is a number, not text. */
  g_assert_nonnull (strstr (ratings, "<v>2024</v>"));

  members = sdb_test_export_xlsx (f, SDB_INTERCHANGE_MEMBER_RATINGS, 2024);
  g_assert_nonnull (strstr (members, "Mã đảng viên"));
  g_assert_nonnull (strstr (members, "Miễn công tác và sinh hoạt đảng"));
  g_assert_nonnull (strstr (members, "<v>92</v>"));

  targets = sdb_test_export_xlsx (f, SDB_INTERCHANGE_TARGETS, 0);
  g_assert_nonnull (strstr (targets, "Từ năm"));
  g_assert_nonnull (strstr (targets, "Chỉ tiêu kết nạp"));
  g_assert_nonnull (strstr (targets, "<v>16</v>"));
}

static void
add_for_each_kind (const char    *what,
                   void         (*func) (SdbTestFixture *, gconstpointer))
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/interchange/%s/%s", cases[i].name, what);

      g_test_add (path, SdbTestFixture, &cases[i], sdb_test_fixture_setup, func,
                  sdb_test_fixture_teardown);
    }
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  add_for_each_kind ("export-import-export-is-byte-identical",
                     test_export_import_export_is_byte_identical);
  add_for_each_kind ("second-import-changes-nothing", test_second_import_changes_nothing);
  add_for_each_kind ("windows-1258-file-is-refused", test_windows_1258_file_is_refused);
  SDB_TEST_ADD ("/interchange/ratings/export-of-a-year-holds-that-year",
                test_export_of_a_year_holds_that_year);
  SDB_TEST_ADD ("/interchange/targets/errors-name-line-and-column-and-nothing-is-written",
                test_target_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/targets/one-year-target-may-leave-its-last-year-empty",
                test_one_year_target_may_leave_its_last_year_empty);
  SDB_TEST_ADD ("/interchange/targets/changed-target-is-updated-and-missing-column-kept",
                test_changed_target_is_updated_and_missing_column_kept);
  SDB_TEST_ADD ("/interchange/organization-ratings/errors-name-line-and-column-and-nothing-is-"
                "written",
                test_organization_rating_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/member-ratings/errors-name-line-and-column-and-nothing-is-written",
                test_member_rating_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/ratings/semicolon-bom-crlf-vietnamese-headers-and-labels",
                test_semicolon_bom_crlf_vietnamese_headers_and_labels);
  SDB_TEST_ADD ("/interchange/ratings/missing-column-keeps-and-empty-cell-clears",
                test_missing_column_keeps_and_empty_cell_clears);
  SDB_TEST_ADD ("/interchange/organization-ratings/excellent-share-warning-does-not-block",
                test_excellent_share_warning_does_not_block);
  SDB_TEST_ADD ("/interchange/member-ratings/excellent-rows-are-measured-against-the-whole-file",
                test_excellent_rows_are_measured_against_the_whole_file);
  SDB_TEST_ADD ("/interchange/ratings/xlsx-has-vietnamese-headers-labels-and-numbers",
                test_xlsx_has_vietnamese_headers_labels_and_numbers);

  return g_test_run ();
}
