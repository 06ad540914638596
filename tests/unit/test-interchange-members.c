/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members in and out of CSV: the round trip keeps the year's figures, a second import changes
 * nothing, every bad cell is reported with its line and column, and a changed cell or a new
 * departure becomes a dated event. */
#include "config.h"

#include <sqlite3.h>

#include "sdb-database-private.h"
#include "sdb-member.h"
#include "sdb-stats.h"
#include "interchange-test.h"

/* Fits the fixture to keep its committee and organizations, without members. */
static const char without_members[] =
  "DELETE FROM member_rating; DELETE FROM badge; DELETE FROM award WHERE member_id IS NOT NULL;"
  " DELETE FROM member_exemption; DELETE FROM member_event; DELETE FROM member;";

static void
test_round_trip_is_byte_identical_and_keeps_the_figures (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbDatabase) other = NULL;
  g_autofree char *organizations = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SdbImportCounts counts;

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  organizations = sdb_test_export_csv (f->db, SDB_INTERCHANGE_ORGANIZATIONS, 0);
  first = sdb_test_export_csv (f->db, SDB_INTERCHANGE_MEMBERS, 0);
  /* M11 entered DB01-01 and moved into DB01-03, founded later; M13 left when he died. */
  g_assert_nonnull (strstr (first, "\r\nM11,Quàng Văn Tiến,male,11/11/1988,,,,DB01-03,22/12/2012,"
                                   "22/12/2013,,,,,,,DB01-01,15/03/2024\r\n"));
  g_assert_nonnull (strstr (first, "\r\nM13,Lường Văn Pọm,male,05/05/1950,,,,DB01-04,10/01/1974,"
                                   "10/01/1975,01/03/1996,02/04/2024,died,,,,,\r\n"));

  other = sdb_test_open_other (f);
  sdb_test_add_profile (other);
  sdb_test_import_csv_ok (other, SDB_INTERCHANGE_ORGANIZATIONS, organizations);
  counts = sdb_test_import_csv_ok (other, SDB_INTERCHANGE_MEMBERS, first);
  g_assert_cmpuint (counts.inserted, ==, 31);
  second = sdb_test_export_csv (other, SDB_INTERCHANGE_MEMBERS, 0);
  g_assert_cmpstr (second, ==, first);

  /* The outline of each history is enough for the year's member figures (exemptions are not
   * in the sheet). */
  for (int year = 2023; year <= 2025; year++)
    {
      g_autoptr(SdbStats) before = sdb_stats_compute (f->db, year, 0, &error);
      g_autoptr(SdbStats) after = sdb_stats_compute (other, year, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (after->total, ==, before->total);
      g_assert_cmpint (after->probationary, ==, before->probationary);
      g_assert_cmpint (after->admitted, ==, before->admitted);
      g_assert_cmpint (after->transferred_in, ==, before->transferred_in);
      g_assert_cmpint (after->transferred_out, ==, before->transferred_out);
      for (int r = 0; r < SDB_STATS_LEAVING_REASONS; r++)
        g_assert_cmpint (after->left[r], ==, before->left[r]);
    }
}

static void
test_second_import_changes_nothing (SdbTestFixture *f,
                                    gconstpointer   data)
{
  sdb_test_load_sql (f->db, "stats/fixture.sql");
  sdb_test_assert_reimport_unchanged (f->db, SDB_INTERCHANGE_MEMBERS, 31);
}

/* Imports @csv, members, into the fixture without its members, and requires that it is
 * refused as invalid; the problems go to @problems. */
static void
assert_refused_without_members (SdbTestFixture *f,
                                const char     *csv,
                                GPtrArray      *problems)
{
  g_autoptr(GError) error = NULL;

  sdb_test_load_fixture (f->db, without_members);
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, csv, problems, NULL,
                                       &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
}

static void
test_errors_name_line_and_column_and_nothing_is_written (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();

  assert_refused_without_members (f,
                                  "code,full_name,gender,birth_date,organization_code,"
                                  "admitted_on,left_on,left_reason\n"
                                  "N1,Lò Văn A,male,01/01/1990,DB01-01,01/01/2015,,\n"
                                  "N2,Lò Văn B,nam giới,01/01/1990,DB01-01,01/01/2015,,\n"
                                  "N3,Lò Văn C,male,32/01/1990,DB01-01,01/01/2015,,\n"
                                  "N4,Lò Văn D,male,01/01/1990,KHONGCO,01/01/2015,,\n"
                                  "N5,Lò Văn E,male,01/01/1990,DB01-01,01/01/2015,"
                                  "01/01/2020,\n"
                                  "N6,Lò Văn G,male,01/01/2010,DB01-01,01/01/2015,,\n"
                                  "N7,Lò Văn H,male,01/01/1990,DB01-01,01/01/2015,01/01/2020,"
                                  "bỏ đi\n",
                                  problems);
  sdb_test_assert_import_problem (problems, 3, "gender", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 4, "birth_date", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 5, "organization_code", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 6, "left_reason", SDB_SEVERITY_ERROR);
  /* Admitted at 5: the core's own rule, under the admission date. */
  sdb_test_assert_import_problem (problems, 7, "admitted_on", SDB_SEVERITY_ERROR);
  sdb_test_assert_import_problem (problems, 8, "left_reason", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 0);
}

/* An import reads each cell once for all its rows: a cell named again still answers for its
 * kind and its dates, as it does the first time. */
static void
test_cell_rules_hold_for_every_row_naming_the_cell (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();

  assert_refused_without_members (f,
                                  "code,full_name,gender,birth_date,organization_code,"
                                  "admitted_on\n"
                                  "N1,Lò Văn A,male,01/01/1990,DB01,01/01/2015\n"
                                  "N2,Lò Văn B,male,01/01/1990,DB01-03,01/01/2015\n"
                                  "N3,Lò Văn C,male,01/01/1990,DB01-03,01/06/2024\n"
                                  "N4,Lò Văn D,male,01/01/1990,CB03,01/01/2025\n"
                                  "N5,Lò Văn E,male,01/01/1990,CB03,01/01/2020\n"
                                  "N6,Lò Văn G,male,01/01/1990,DB01,01/01/2016\n"
                                  "N7,Lò Văn H,male,01/01/1990,DB01-03,01/01/2016\n"
                                  "N8,Lò Văn I,male,01/01/1990,CB03,30/06/2024\n",
                                  problems);
  /* Each cell's rule, at the first row naming the cell and at a later one: a grassroots
   * committee is not a cell; DB01-03, founded on 01/03/2024, is too late for 2015 and 2016
   * (not for June 2024); CB03, dissolved on 30/06/2024, is too late from that day on (not for
   * 2020). */
  static const struct
  {
    guint       first_line;
    guint       later_line;
    const char *mentions;
  } refused[] = {
    { 2, 7, "Đảng bộ xã Hòa Bình" },
    { 3, 8, "01/03/2024" },
    { 5, 9, "30/06/2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      sdb_test_assert_import_problem_mentions (problems, refused[i].first_line,
                                               "organization_code", SDB_SEVERITY_ERROR,
                                               refused[i].mentions);
      sdb_test_assert_import_problem_mentions (problems, refused[i].later_line,
                                               "organization_code", SDB_SEVERITY_ERROR,
                                               refused[i].mentions);
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const SdbImportProblem *p = g_ptr_array_index (problems, i);

      if (p->severity == SDB_SEVERITY_ERROR)
        g_assert_true (p->line != 4 && p->line != 6);
    }
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);

  /* What the import read is not kept: the form and the next import find CB03 no longer
   * dissolved. */
  sdb_test_exec_sql (f->db, "UPDATE organization SET dissolved = NULL WHERE code = 'CB03'");
  {
    g_autoptr(SdbMember) member = sdb_member_new ();
    g_autoptr(GPtrArray) found = sdb_problems_new ();
    g_autoptr(GError) admit_error = NULL;
    SdbDate born = { 1990, 1, 1 }, admitted = { 2025, 1, 1 };

    sdb_member_set_code (member, "N9");
    sdb_member_set_full_name (member, "Lò Văn K");
    sdb_member_set_gender (member, SDB_GENDER_MALE);
    sdb_member_set_birth_date (member, &born);
    sdb_member_set_admission_date (member, &admitted);
    g_assert_true (sdb_member_admit (f->db, member, 12, found, &admit_error));
    g_assert_no_error (admit_error);
  }
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,full_name,gender,birth_date,organization_code,admitted_on\n"
                          "N4,Lò Văn D,male,01/01/1990,CB03,01/01/2025\n");
}

static void
test_vietnamese_headers_and_labels_are_read (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) member = NULL;
  SdbImportCounts counts;

  sdb_test_load_fixture (f->db, without_members);
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                                   "\xef\xbb\xbfTT;Mã đảng viên;HỌ VÀ TÊN;Giới tính;Ngày sinh;"
                                   "Mã chi bộ;Ngày vào Đảng;Ngày chính thức;Ngày ra khỏi Đảng bộ;"
                                   "Lý do\r\n"
                                   "1;N1;Lò Thị Ánh;Nữ;1990;DB01-01;05/02/2015;05/02/2016;;\r\n"
                                   "2;N2;Cà Văn Bình;nam;1950;DB01-02;1995;1996;02/09/2023;"
                                   "tu tran\r\n");
  g_assert_cmpuint (counts.inserted, ==, 2);
  member = sdb_member_lookup_by_code (f->db, "N1", &error);
  g_assert_cmpint (sdb_member_get_gender (member), ==, SDB_GENDER_FEMALE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE kind = 'left' AND reason = 'died'"
                                              "   AND date = '2023-09-02'"), ==, 1);
}

static void
test_new_cell_is_a_move_dated_today_and_departure_is_recorded (SdbTestFixture *f,
                                                               gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbImportCounts counts;

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  counts = sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                                   "code,organization_code,left_on,left_reason\n"
                                   "M01,DB01-02,,\n"
                                   "M02,DB01-01,10/10/2026,transferred_out\n");
  g_assert_cmpuint (counts.updated, ==, 2);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE member_id = 1 AND kind = 'move'"
                                              "   AND date = '2026-11-22' AND organization_id = 3"),
                   ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE member_id = 2 AND kind = 'transfer_out'"
                                              "   AND date = '2026-10-10'"), ==, 1);
  /* A member who left cannot be moved. */
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS,
                                       "code,organization_code\nM13,DB01-01\n", problems, NULL,
                                       &error));
  sdb_test_assert_import_problem (problems, 2, "organization_code", SDB_SEVERITY_ERROR);
}

/* In a sheet for people, how a member left reads as offices write it, like the other lists;
 * the CSV keeps the codes. */
static void
test_xlsx_names_departures_in_vietnamese (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autofree char *out = NULL;

  sdb_test_load_sql (f->db, "stats/fixture.sql");
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS,
                          "code,left_on,left_reason\n"
                          "M01,10/10/2026,transferred_out\n"
                          "M02,11/10/2026,died\n");
  out = sdb_test_export_xlsx (f, SDB_INTERCHANGE_MEMBERS, 0);
  g_assert_nonnull (strstr (out, "<t>Chuyển đi</t>"));
  g_assert_nonnull (strstr (out, "<t>Từ trần</t>"));
  g_assert_null (strstr (out, "transferred_out"));
  g_assert_null (strstr (out, "<t>died</t>"));
}

/* The name and SQL of every index, one per line. */
static char *
list_indexes (SdbDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db),
                                       "SELECT name, ifnull (sql, '') FROM sqlite_schema"
                                       " WHERE type = 'index' ORDER BY name", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static gint64
index_root (SdbDatabase *db,
            const char  *name)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", name);

  return sdb_test_query_int (db, sql);
}

static char *
new_members_csv (guint first,
                 guint n,
                 gboolean bad_last)
{
  GString *csv = g_string_new ("code,full_name,gender,birth_date,organization_code,admitted_on,"
                               "official_on\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (csv, "B%03u,Lò Văn Bảo %u,male,01/01/1990,DB01-0%u,%s,01/01/2016\n",
                            i, i, 1 + i % 2,
                            bad_last && i == first + n - 1 ? "01/01/2018" : "01/01/2015");
  return g_string_free (csv, FALSE);
}

/* An import bringing more members than the table holds sets the indexes on names, cells and
 * dates aside and makes them again before it commits: the same indexes, whole. A smaller one
 * leaves them, and a refused one leaves them as they were. */
static void
test_large_import_makes_its_indexes_again (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(GPtrArray) problems = sdb_test_import_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *first = new_members_csv (1, 40, FALSE);
  g_autofree char *second = new_members_csv (41, 20, FALSE);
  g_autofree char *refused = new_members_csv (61, 80, TRUE);
  gint64 root;

  sdb_test_load_fixture (f->db, without_members);
  before = list_indexes (f->db);
  g_assert_nonnull (strstr (before, "member_by_name: CREATE INDEX member_by_name"));
  root = index_root (f->db, "member_by_name");

  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, first);
  after = list_indexes (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (index_root (f->db, "member_by_name"), !=, root);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM pragma_integrity_check"
                                              " WHERE integrity_check <> 'ok'"), ==, 0);
  /* The indexes are used again. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"
                                              " INDEXED BY member_by_organization"
                                              " WHERE organization_id = (SELECT id FROM"
                                              " organization WHERE code = 'DB01-01')"), ==, 20);

  root = index_root (f->db, "member_by_name");
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, second);
  g_assert_cmpint (index_root (f->db, "member_by_name"), ==, root);

  /* 80 new members for the 60 stored, the last of them made official before their
   * admission. */
  g_assert_false (sdb_test_import_csv (f->db, SDB_INTERCHANGE_MEMBERS, refused, problems, NULL,
                                       &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_import_problem (problems, 81, "official_on", SDB_SEVERITY_ERROR);
  g_clear_pointer (&after, g_free);
  after = list_indexes (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (index_root (f->db, "member_by_name"), ==, root);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 60);
}

/* An import tells how far it has come every thousand rows, and once when every row is written,
 * before it saves; nobody is told once the function is taken away. */
static void
test_import_reports_its_progress (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(GArray) noted = NULL;
  g_autofree char *csv = new_members_csv (1, 2500, FALSE);
  g_autofree char *more = new_members_csv (2501, 10, FALSE);
  const guint64 expected[] = { 1000, 2500, 2000, 2500, 2500, 2500 };

  sdb_test_load_fixture (f->db, without_members);
  noted = sdb_test_watch_progress (f->db);
  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, csv);
  sdb_test_assert_progress (f->db, noted, expected, G_N_ELEMENTS (expected));

  sdb_test_import_csv_ok (f->db, SDB_INTERCHANGE_MEMBERS, more);
  g_assert_cmpuint (noted->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 2510);
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/interchange/members/round-trip-is-byte-identical-and-keeps-the-figures",
                test_round_trip_is_byte_identical_and_keeps_the_figures);
  SDB_TEST_ADD ("/interchange/members/second-import-changes-nothing",
                test_second_import_changes_nothing);
  SDB_TEST_ADD ("/interchange/members/errors-name-line-and-column-and-nothing-is-written",
                test_errors_name_line_and_column_and_nothing_is_written);
  SDB_TEST_ADD ("/interchange/members/cell-rules-hold-for-every-row-naming-the-cell",
                test_cell_rules_hold_for_every_row_naming_the_cell);
  SDB_TEST_ADD ("/interchange/members/vietnamese-headers-and-labels-are-read",
                test_vietnamese_headers_and_labels_are_read);
  SDB_TEST_ADD ("/interchange/members/new-cell-is-a-move-dated-today-and-departure-is-recorded",
                test_new_cell_is_a_move_dated_today_and_departure_is_recorded);
  SDB_TEST_ADD ("/interchange/members/xlsx-names-departures-in-vietnamese",
                test_xlsx_names_departures_in_vietnamese);
  SDB_TEST_ADD ("/interchange/members/import-reports-its-progress",
                test_import_reports_its_progress);
  SDB_TEST_ADD ("/interchange/members/large-import-makes-its-indexes-again",
                test_large_import_makes_its_indexes_again);

  return g_test_run ();
}
