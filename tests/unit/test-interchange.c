/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organizations in and out of CSV and XLSX: round trips, idempotence, every error with its line
 * and column, and nothing written when a row is wrong. */
#include "config.h"

#include "sdb-csv.h"
#include "sdb-organization.h"
#include "interchange-test.h"

#define BOM "\xef\xbb\xbf"

static void
test_export_import_export_is_byte_identical (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(SdbDatabase) other = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SdbImportCounts counts;

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  first = sdb_test_export_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS, 0);
  g_assert_true (g_str_has_prefix (first, BOM "code,name,kind,parent_code,sector,founded_on,"
                                          "dissolved_on\r\n"));
  g_assert_nonnull (strstr (first, "\r\nCB03,Chi bộ Hợp tác xã Tiến Lên,chi_bo_co_so,,,1990,"
                                   "30/06/2024\r\n"));

  other = sdb_test_open_other (f);
  sdb_test_add_profile (other);
  counts = sdb_test_import_csv_ok (other, SDB_INTERCHANGE_ORGANIZATIONS, first);
  g_assert_cmpuint (counts.inserted, ==, 13);
  second = sdb_test_export_csv (other, SDB_INTERCHANGE_ORGANIZATIONS, 0);
  g_assert_cmpstr (second, ==, first);
}

static void
test_second_import_changes_nothing (SdbTestFixture *f,
                                    gconstpointer   data)
{
  sdb_test_load_sql (f->db, "stats/fixture.sql");
  sdb_test_assert_reimport_unchanged (f->db, SDB_INTERCHANGE_ORGANIZATIONS, 13);
}

static void
test_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_add_profile (f->db);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                       "code,name,kind,parent_code,founded_on\n"
                                       "DB01,Đảng bộ xã Hòa Bình,dang_bo_co_so,,1990\n"
                                       "X1,Chi bộ X,chi_bo_thon,DB01,1990\n"
                                       "X2,Chi bộ Y,chi_bo_truc_thuoc,KHONGCO,1990\n"
                                       "X3,Chi bộ Z,chi_bo_truc_thuoc,DB01,31/02/1990\n"
                                       "DB01,Trùng mã,chi_bo_co_so,,\n"
                                       "X4,,chi_bo_truc_thuoc,DB01,\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  /* The duplicate code is found before any row is tried. */
  sdb_test_assert_import_problem (problems, 6, "code", SDB_SEVERITY_ERROR);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sdb_test_import_problems_new ();

  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                       "code,name,kind,parent_code,founded_on\n"
                               "DB01,Đảng bộ xã Hòa Bình,dang_bo_co_so,,1990\n"
                               "X1,Chi bộ X,chi_bo_thon,DB01,1990\n"
                               "X2,Chi bộ Y,chi_bo_truc_thuoc,KHONGCO,1990\n"
                               "X3,Chi bộ Z,chi_bo_truc_thuoc,DB01,31/02/1990\n"
                               "X4,,chi_bo_truc_thuoc,DB01,\n",
                               problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 3, "kind", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "parent_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "founded_on", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "name", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"), ==, 0);
}

static void
test_semicolon_bom_crlf_vietnamese_headers_and_labels (SdbTestFixture *f,
                                                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbOrganization) cell = NULL;
  SdbImportCounts counts;

  sdb_test_add_profile (f->db);
  /* Children before their parent, headers and kinds in Vietnamese, any case, no diacritics. */
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                  BOM "STT;Mã;Tên tổ chức;LOẠI;Mã tổ chức cấp trên;Khối;"
                                  "Ngày thành lập\r\n"
                                  "1;DB01-01;Chi bộ thôn Bản Lè;chi bo truc thuoc;DB01;;1990\r\n"
                                  "2;DB01;Đảng bộ xã Hòa Bình;Đảng bộ cơ sở;;Xã, thị trấn;"
                                  "05/02/1990\r\n");
  g_assert_cmpuint (counts.inserted, ==, 2);
  cell = sdb_organization_lookup_by_code (f->db, "DB01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_organization_get_kind (cell), ==, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC);
  g_assert_cmpint (sdb_organization_get_parent_id (cell), !=, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM sector"
                                              " WHERE name = 'Xã, thị trấn'"), ==, 1);
}

/* A cell is read trimmed and in NFC, whether it is plain Latin (kept as it is) or decomposed;
 * a row too short for the header reads as empty there. */
static void
test_cells_are_trimmed_and_composed (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbOrganization) composed = NULL;
  g_autoptr(SdbOrganization) decomposed = NULL;

  sdb_test_add_profile (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                          "code,name,kind,sector\n"
                          " DB01 ,\t Đảng bộ xã Hòa Bình  ,dang_bo_co_so, Xã \n"
                          /* "Đảng bộ xã Hoà" with the grave and hook as combining marks. */
                          "DB02,  \xc4\x90" "a\xcc\x89ng bo\xcc\x82\xcc\xa3 xa\xcc\x83 Hoa\xcc\x80 ,"
                          "dang_bo_co_so\n");
  composed = sdb_organization_lookup_by_code (f->db, "DB01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (composed);
  g_assert_cmpstr (sdb_organization_get_name (composed), ==, "Đảng bộ xã Hòa Bình");
  decomposed = sdb_organization_lookup_by_code (f->db, "DB02", &error);
  g_assert_no_error (error);
  g_assert_nonnull (decomposed);
  g_assert_cmpstr (sdb_organization_get_name (decomposed), ==, "Đảng bộ xã Hoà");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM sector WHERE name = 'Xã'"),
                   ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"
                                              " WHERE code = 'DB02' AND sector_id IS NULL"),
                   ==, 1);
}

static void
test_unknown_column_is_an_error (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_add_profile (f->db);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                       "code,name,kind,color\nDB01,A,dang_bo_co_so,red\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 1, "color", SDB_SEVERITY_ERROR);
}

/* The summary counts the problems the Vietnamese way, as every figure. */
static void
test_many_problems_are_counted_in_the_summary (SdbTestFixture *f,
                                               gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GString) csv = g_string_new ("code,name,kind\n");
  g_autoptr(GError) error = NULL;

  sdb_test_add_profile (f->db);
  for (guint i = 0; i < 1204; i++)
    g_string_append_printf (csv, "C%04u,Chi bộ %u,no_such_kind\n", i, i);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS, csv->str,
                                       problems, NULL, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1204);
  g_assert_nonnull (strstr (error->message, " 1.204 "));
}

static void
test_changed_parent_is_a_move_dated_today (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbOrganization) cell = NULL;
  SdbImportCounts counts;
  gint64 parent_before = 0;
  const SdbDate before_today = { 2026, 11, 21 };

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                  "code,parent_code\nDB01-01,DB02\n");
  g_assert_cmpuint (counts.updated, ==, 1);
  cell = sdb_organization_lookup_by_code (f->db, "DB01-01", &error);
  g_assert_true (sdb_organization_get_state_at (f->db, sdb_organization_get_id (cell),
                                                &before_today, NULL, &parent_before, NULL,
                                                &error));
  g_assert_cmpint (parent_before, ==, 1);
  g_assert_cmpint (sdb_organization_get_parent_id (cell), ==, 6);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"
                                              " WHERE kind = 'move' AND date = '2026-11-22'"),
                   ==, 1);
}

static void
test_windows_1258_file_is_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;

  sdb_test_add_profile (f->db);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS,
                                       "code,name,kind\nDB01,\xd0\xea\xf2ng b\xf4,dang_bo_co_so\n",
                                       problems, NULL, &error));
  g_assert_error (error, SDB_CSV_ERROR, SDB_CSV_ERROR_ENCODING);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"), ==, 0);
}

static void
test_xlsx_has_vietnamese_headers_and_labels (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autofree char *out = NULL;

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  out = sdb_test_export_xlsx (f, SDB_INTERCHANGE_ORGANIZATIONS, 0);
  g_assert_nonnull (strstr (out, "Tên tổ chức"));
  g_assert_nonnull (strstr (out, "Chi bộ trực thuộc"));
  g_assert_null (strstr (out, "chi_bo_truc_thuoc"));
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/interchange/organizations/export-import-export-is-byte-identical",
                test_export_import_export_is_byte_identical);
  SDB_TEST_ADD ("/interchange/organizations/second-import-changes-nothing",
                test_second_import_changes_nothing);
  SDB_TEST_ADD ("/interchange/organizations/errors-name-line-and-column-and-nothing-is-written",
                test_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/organizations/semicolon-bom-crlf-vietnamese-headers-and-labels",
                test_semicolon_bom_crlf_vietnamese_headers_and_labels);
  SDB_TEST_ADD ("/interchange/organizations/cells-are-trimmed-and-composed",
                test_cells_are_trimmed_and_composed);
  SDB_TEST_ADD ("/interchange/organizations/unknown-column-is-an-error",
                test_unknown_column_is_an_error);
  SDB_TEST_ADD ("/interchange/organizations/changed-parent-is-a-move-dated-today",
                test_changed_parent_is_a_move_dated_today);
  SDB_TEST_ADD ("/interchange/organizations/many-problems-are-counted-in-the-summary",
                test_many_problems_are_counted_in_the_summary);
  SDB_TEST_ADD ("/interchange/organizations/windows-1258-file-is-refused",
                test_windows_1258_file_is_refused);
  SDB_TEST_ADD ("/interchange/organizations/xlsx-has-vietnamese-headers-and-labels",
                test_xlsx_has_vietnamese_headers_and_labels);

  return g_test_run ();
}
