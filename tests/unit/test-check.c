/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "sdb-check.h"
#include "sdb-database-private.h"
#include "interchange-test.h"
#include "sdb-test.h"

typedef struct
{
  GPtrArray *wheres;
  GPtrArray *problems;
} Found;

static void
collect (const char       *where,
         const SdbProblem *problem,
         gpointer          user_data)
{
  Found *found = user_data;

  g_ptr_array_add (found->wheres, g_strdup (where));
  g_ptr_array_add (found->problems, sdb_problem_copy (problem));
}

static void
run_check (SdbTestFixture *f,
           Found          *found,
           guint          *n_errors,
           guint          *n_warnings)
{
  g_autoptr(GError) error = NULL;

  found->wheres = g_ptr_array_new_with_free_func (g_free);
  found->problems = sdb_problems_new ();
  g_assert_true (sdb_check_run (f->db, collect, found, n_errors, n_warnings, &error));
  g_assert_no_error (error);
  sdb_test_log_problems (found->problems);
}

static void
found_clear (Found *found)
{
  g_ptr_array_unref (found->wheres);
  g_ptr_array_unref (found->problems);
}

static void
exec_ok (SdbTestFixture *f,
         const char     *sql)
{
  char *message = NULL;

  if (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A committee, one cell and one member admitted at 30, all valid. */
static void
add_valid_records (SdbTestFixture *f)
{
  exec_ok (f,
           "INSERT INTO profile (since, name, committee_name, level, symbol)"
           " VALUES ('2015', 'Đảng bộ xã Minh Tân', 'Đảng ủy xã Minh Tân', 'commune', 'ĐU');"
           "INSERT INTO organization (id, code, name, name_key, search_key, kind, founded)"
           " VALUES (1, 'TC1', 'Chi bộ thôn Nà Lốc', sdb_sort_key ('Chi bộ thôn Nà Lốc'),"
           "         sdb_search_key ('Chi bộ thôn Nà Lốc'), 'chi_bo_co_so', '2000');"
           "INSERT INTO member (id, code, full_name, name_key, search_key, gender, birth_date,"
           "                    admission_date, official_date, organization_id)"
           " VALUES (1, 'DV1', 'Lò Văn Ánh', sdb_name_key ('Lò Văn Ánh'),"
           "         sdb_search_key ('Lò Văn Ánh'), 'male', '1980-01-01', '2010-05-19',"
           "         '2011-05-19', 1);"
           "INSERT INTO member_event (member_id, date, kind, organization_id)"
           " VALUES (1, '2010-05-19', 'admitted', 1);");
}

static void
test_valid_database_has_no_problems (SdbTestFixture *f,
                                     gconstpointer   data)
{
  Found found;
  guint n_errors = 99, n_warnings = 99;

  add_valid_records (f);
  run_check (f, &found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_warnings, ==, 0);
  found_clear (&found);
}

/* A row written behind validation's back (an old import, a hand edit) is found by the same
 * rule a form would apply: here a member admitted at 15. */
static void
test_rule_broken_behind_validation_reported (SdbTestFixture *f,
                                             gconstpointer   data)
{
  Found found;
  guint n_errors = 0, n_warnings = 0;

  add_valid_records (f);
  exec_ok (f, "UPDATE member SET birth_date = '1995-01-01' WHERE code = 'DV1'");
  run_check (f, &found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, 1);
  sdb_test_assert_problem (found.problems, "admission-date", SDB_SEVERITY_ERROR);
  g_assert_nonnull (strstr (g_ptr_array_index (found.wheres, 0), "DV1"));
  found_clear (&found);
}

static void
test_missing_foreign_row_reported (SdbTestFixture *f,
                                   gconstpointer   data)
{
  Found found;
  guint n_errors = 0, n_warnings = 0;

  add_valid_records (f);
  exec_ok (f, "PRAGMA foreign_keys = OFF;"
              "INSERT INTO member_exemption (member_id, first_date) VALUES (42, '2020');"
              "PRAGMA foreign_keys = ON;");
  run_check (f, &found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (found.wheres, 0), "member_exemption"));
  found_clear (&found);
}

static void
test_warnings_counted_apart_from_errors (SdbTestFixture *f,
                                         gconstpointer   data)
{
  Found found;
  guint n_errors = 99, n_warnings = 0;

  add_valid_records (f);
  /* Still probationary long after 12 months: a warning, not an error. */
  exec_ok (f, "UPDATE member SET official_date = NULL WHERE code = 'DV1'");
  g_setenv ("SDB_TODAY", "2025-06-30", TRUE);
  run_check (f, &found, &n_errors, &n_warnings);
  g_unsetenv ("SDB_TODAY");
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_warnings, ==, 1);
  sdb_test_assert_problem (found.problems, "official-date", SDB_SEVERITY_WARNING);
  found_clear (&found);
}

/* Rates members 2..(1 + n) of the cell of add_valid_records, as an import would have written
 * them: behind validation, so only check sees the whole year. */
static void
add_rated_members (SdbTestFixture *f,
                   guint           n_excellent,
                   guint           n_good)
{
  for (guint i = 0; i < n_excellent + n_good; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO member (id, code, full_name, name_key, search_key, gender,"
                         "  birth_date, admission_date, official_date, organization_id)"
                         " VALUES (%u, 'DV%u', 'Quàng Thị Mai', sdb_name_key ('Quàng Thị Mai'),"
                         "  sdb_search_key ('Quàng Thị Mai'), 'female', '1985-03-08',"
                         "  '2012-05-19', '2013-05-19', 1);"
                         "INSERT INTO member_event (member_id, date, kind, organization_id)"
                         " VALUES (%u, '2012-05-19', 'admitted', 1);"
                         "INSERT INTO member_rating (member_id, year, grade)"
                         " VALUES (%u, 2024, '%s');",
                         i + 2, i + 2, i + 2, i + 2, i < n_excellent ? "excellent" : "good");

      exec_ok (f, sql);
    }
}

static void
test_excellent_over_a_fifth_of_good_warned (SdbTestFixture *f,
                                            gconstpointer   data)
{
  Found found;
  guint n_errors = 99, n_warnings = 0;

  add_valid_records (f);
  add_rated_members (f, 2, 5);
  run_check (f, &found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_warnings, ==, 1);
  sdb_test_assert_problem (found.problems, "grade", SDB_SEVERITY_WARNING);
  g_assert_nonnull (strstr (((SdbProblem *) g_ptr_array_index (found.problems, 0))->message,
                            "Chi bộ thôn Nà Lốc"));
  found_clear (&found);
}

static void
test_excellent_at_a_fifth_of_good_not_warned (SdbTestFixture *f,
                                              gconstpointer   data)
{
  Found found;
  guint n_errors = 99, n_warnings = 99;

  add_valid_records (f);
  add_rated_members (f, 1, 5);
  run_check (f, &found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (n_warnings, ==, 0);
  found_clear (&found);
}

typedef struct
{
  Found       found;
  const char *path;
  gboolean    written;
} Meanwhile;

/* At the first problem, another connection rates one more member of the cell excellent. */
static void
collect_and_write_meanwhile (const char       *where,
                             const SdbProblem *problem,
                             gpointer          user_data)
{
  Meanwhile *m = user_data;

  collect (where, problem, &m->found);
  if (!m->written)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdbDatabase) other = sdb_database_open (m->path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (other),
                                     "UPDATE member_rating SET grade = 'excellent'"
                                     " WHERE member_id = 3 AND year = 2024", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      m->written = TRUE;
    }
}

/* The check reads the file as it was when it began: a change written by another program while
 * it runs (here one that would put the cell's excellent over a fifth of its good) is not half
 * seen by its later parts. */
static void
test_check_sees_the_file_as_it_began (SdbTestFixture *f,
                                      gconstpointer   data)
{
  Meanwhile m = { { NULL, NULL }, sdb_database_get_path (f->db), FALSE };
  g_autoptr(GError) error = NULL;
  guint n_errors = 0, n_warnings = 99;

  add_valid_records (f);
  add_rated_members (f, 1, 5);
  /* An error among the members, found before the ratings are checked. */
  exec_ok (f, "UPDATE member SET birth_date = '1995-01-01' WHERE code = 'DV1'");
  m.found.wheres = g_ptr_array_new_with_free_func (g_free);
  m.found.problems = sdb_problems_new ();
  g_assert_true (sdb_check_run (f->db, collect_and_write_meanwhile, &m, &n_errors, &n_warnings,
                                &error));
  g_assert_no_error (error);
  sdb_test_log_problems (m.found.problems);
  g_assert_true (m.written);
  g_assert_cmpuint (n_errors, ==, 1);
  g_assert_cmpuint (n_warnings, ==, 0);
  found_clear (&m.found);

  /* The change is there for the next check. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"
                                              " WHERE grade = 'excellent'"), ==, 2);
  run_check (f, &m.found, &n_errors, &n_warnings);
  g_assert_cmpuint (n_warnings, ==, 1);
  found_clear (&m.found);
}

/* A check tells how far it has come, every thousand records, of the records it counted before
 * it began: each of them is counted once, so the last figure before the end is the last
 * thousand below their number, and the end is told as all of them. */
static void
test_check_reports_its_progress (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(GArray) noted = NULL;
  g_autofree guint64 *expected = NULL;
  Found found;
  guint n_errors = 0, n_warnings = 0;
  guint64 n_records;
  guint n_calls;

  sdb_test_add_profile (f->db);
  sdb_test_generate_demo (f->db, 300, 2016, 2025, 1, NULL);
  n_records = (guint64) sdb_test_query_int (f->db,
                                            "SELECT (SELECT count(*) FROM profile)"
                                            " + (SELECT count(*) FROM term)"
                                            " + (SELECT count(*) FROM organization)"
                                            " + (SELECT count(*) FROM member)"
                                            " + (SELECT count(*) FROM admission_target)"
                                            " + (SELECT count(*) FROM organization_rating)"
                                            " + (SELECT count(*) FROM member_rating)"
                                            " + (SELECT count(*) FROM award)"
                                            " + (SELECT count(*) FROM badge)"
                                            " + (SELECT count(*) FROM meeting)");
  g_assert_cmpuint (n_records, >, 2000);

  n_calls = (guint) ((n_records - 1) / 1000 + 1);
  expected = g_new (guint64, 2 * n_calls);
  for (guint i = 0; i < n_calls; i++)
    {
      expected[2 * i] = i + 1 < n_calls ? 1000 * (i + 1) : n_records;
      expected[2 * i + 1] = n_records;
    }

  noted = sdb_test_watch_progress (f->db);
  run_check (f, &found, &n_errors, &n_warnings);
  sdb_test_assert_progress (f->db, noted, expected, 2 * n_calls);
  found_clear (&found);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/check/valid-database-has-no-problems",
                test_valid_database_has_no_problems);
  SDB_TEST_ADD ("/core/check/rule-broken-behind-validation-reported",
                test_rule_broken_behind_validation_reported);
  SDB_TEST_ADD ("/core/check/missing-foreign-row-reported", test_missing_foreign_row_reported);
  SDB_TEST_ADD ("/core/check/warnings-counted-apart-from-errors",
                test_warnings_counted_apart_from_errors);

  SDB_TEST_ADD ("/core/check/excellent-over-a-fifth-of-good-warned",
                test_excellent_over_a_fifth_of_good_warned);
  SDB_TEST_ADD ("/core/check/excellent-at-a-fifth-of-good-not-warned",
                test_excellent_at_a_fifth_of_good_not_warned);
  SDB_TEST_ADD ("/core/check/check-reports-its-progress", test_check_reports_its_progress);
  SDB_TEST_ADD ("/core/check/check-sees-the-file-as-it-began",
                test_check_sees_the_file_as_it_began);

  return g_test_run ();
}
