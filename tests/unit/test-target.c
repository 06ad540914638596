/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-database-private.h"
#include "sdb-target.h"
#include "sdb-test.h"

/* Organizations are written with SQL here, so these tests depend only on the schema. */
static gint64
insert_organization (SdbTestFixture *f,
                     const char     *code,
                     const char     *name,
                     const char     *founded,
                     const char     *dissolved)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO organization (code, name, name_key,"
                                       " search_key, kind, parent_id, founded, dissolved)"
                                       " VALUES (?1, ?2, sdb_sort_key (?2), sdb_search_key (?2),"
                                       " 'chi_bo_co_so', NULL, ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, founded, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, dissolved, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

static SdbTarget *
make_target (int    first_year,
             int    last_year,
             gint64 organization_id,
             int    number)
{
  SdbTarget *target = sdb_target_new ();

  sdb_target_set_first_year (target, first_year);
  sdb_target_set_last_year (target, last_year);
  sdb_target_set_organization_id (target, organization_id);
  sdb_target_set_number (target, number);
  return target;
}

static SdbTarget *
insert_target (SdbTestFixture *f,
               int             first_year,
               int             last_year,
               gint64          organization_id,
               int             number)
{
  g_autoptr(GError) error = NULL;
  SdbTarget *target = make_target (first_year, last_year, organization_id, number);

  sdb_target_insert (f->db, target, f->problems, &error);
  g_assert_no_error (error);
  return target;
}

static void
test_insert_reads_back (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 cell = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2005", NULL);
  g_autoptr(SdbTarget) target = insert_target (f, 2024, 2024, cell, 3);
  g_autoptr(SdbTarget) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sdb_target_get_id (target), >, 0);
  read = sdb_target_lookup (f->db, sdb_target_get_id (target), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_first_year (read), ==, 2024);
  g_assert_cmpint (sdb_target_get_last_year (read), ==, 2024);
  g_assert_true (sdb_target_is_one_year (read));
  g_assert_cmpint (sdb_target_get_organization_id (read), ==, cell);
  g_assert_cmpint (sdb_target_get_number (read), ==, 3);
}

static void
test_committee_target_has_no_organization (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(SdbTarget) target = insert_target (f, 2020, 2025, 0, 175);
  g_autoptr(SdbTarget) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"
                                              " WHERE organization_id IS NULL"), ==, 1);
  read = sdb_target_lookup (f->db, sdb_target_get_id (target), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_organization_id (read), ==, 0);
  g_assert_false (sdb_target_is_one_year (read));
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbTarget) target = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_target_set_number (target, 40);
  g_assert_true (sdb_target_update (f->db, target, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_target_lookup (f->db, sdb_target_get_id (target), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_number (read), ==, 40);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbTarget) target = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_target_delete (f->db, sdb_target_get_id (target), &error));
  g_assert_no_error (error);
  g_assert_false (sdb_target_update (f->db, target, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbTarget) target = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_target_delete (f->db, sdb_target_get_id (target), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 0);
  read = sdb_target_lookup (f->db, sdb_target_get_id (target), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_target_delete (f->db, sdb_target_get_id (target), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_year_target_for_year (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 cell = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2005", NULL);
  g_autoptr(SdbTarget) term = insert_target (f, 2020, 2025, 0, 175);
  g_autoptr(SdbTarget) year = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) cell_year = insert_target (f, 2024, 2024, cell, 3);
  g_autoptr(SdbTarget) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sdb_target_lookup_for_year (f->db, 2024, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_id (found), ==, sdb_target_get_id (year));
  g_clear_object (&found);
  found = sdb_target_lookup_for_year (f->db, 2024, cell, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_id (found), ==, sdb_target_get_id (cell_year));
  g_clear_object (&found);
  /* The term's target is not a target for one of its years. */
  found = sdb_target_lookup_for_year (f->db, 2023, 0, FALSE, &error);
  g_assert_null (found);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_term_target_for_year (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbTarget) old = insert_target (f, 2015, 2020, 0, 150);
  g_autoptr(SdbTarget) next = insert_target (f, 2020, 2025, 0, 175);
  g_autoptr(SdbTarget) year = insert_target (f, 2020, 2020, 0, 35);
  g_autoptr(SdbTarget) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sdb_target_lookup_for_year (f->db, 2018, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_id (found), ==, sdb_target_get_id (old));
  g_clear_object (&found);
  /* The boundary year belongs to the term that starts in it. */
  found = sdb_target_lookup_for_year (f->db, 2020, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_target_get_id (found), ==, sdb_target_get_id (next));
  g_clear_object (&found);
  found = sdb_target_lookup_for_year (f->db, 2026, 0, TRUE, &error);
  g_assert_null (found);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static guint
count_list (SdbTestFixture *f,
            int             year,
            gint64          organization_id)
{
  SdbTargetFilter filter = SDB_TARGET_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  filter.year = year;
  filter.organization_id = organization_id;
  list = sdb_target_list (f->db, &filter, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static void
test_list_all_ordered (SdbTestFixture *f,
                       gconstpointer   data)
{
  gint64 cell = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2005", NULL);
  g_autoptr(SdbTarget) cell_year = insert_target (f, 2024, 2024, cell, 3);
  g_autoptr(SdbTarget) year = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) term = insert_target (f, 2020, 2025, 0, 175);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_target_list (f->db, NULL, &error);
  gint64 expected[] = { sdb_target_get_id (term), sdb_target_get_id (year),
                        sdb_target_get_id (cell_year) };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SdbTarget) target = g_list_model_get_item (list, i);

      g_assert_cmpint (sdb_target_get_id (target), ==, expected[i]);
    }
}

static void
test_list_by_year (SdbTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(SdbTarget) term = insert_target (f, 2020, 2025, 0, 175);
  g_autoptr(SdbTarget) y2023 = insert_target (f, 2023, 2023, 0, 30);
  g_autoptr(SdbTarget) y2024 = insert_target (f, 2024, 2024, 0, 35);

  g_assert_cmpuint (count_list (f, 2024, -1), ==, 2);
  g_assert_cmpuint (count_list (f, 2026, -1), ==, 0);
  g_assert_cmpuint (count_list (f, 0, -1), ==, 3);
}

static void
test_list_by_organization (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 cell = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2005", NULL);
  gint64 other = insert_organization (f, "CB02", "Chi bộ thôn Bản Mòn", "2005", NULL);
  g_autoptr(SdbTarget) committee = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) cell_year = insert_target (f, 2024, 2024, cell, 3);
  g_autoptr(SdbTarget) other_year = insert_target (f, 2024, 2024, other, 2);

  g_assert_cmpuint (count_list (f, 0, 0), ==, 1);
  g_assert_cmpuint (count_list (f, 0, cell), ==, 1);
  g_assert_cmpuint (count_list (f, 2024, -1), ==, 3);
}

static void
test_years_out_of_range_refused (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbTarget) target = make_target (1899, 2101, 0, 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, target, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "last-year", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 0);
}

static void
test_end_before_start_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbTarget) target = make_target (2025, 2020, 0, 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, target, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "last-year", SDB_SEVERITY_ERROR);
}

static void
test_negative_number_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbTarget) target = make_target (2024, 2024, 0, -1);
  g_autoptr(SdbTarget) zero = make_target (2024, 2024, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, target, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "number", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  /* A target of 0 is a real target: it only has no percentage. */
  g_assert_true (sdb_target_insert (f->db, zero, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_missing_organization_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbTarget) target = make_target (2024, 2024, 999, 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, target, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
}

static void
test_organization_not_existing_those_years_refused (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  gint64 young = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2024-03-01", NULL);
  gint64 gone = insert_organization (f, "CB02", "Chi bộ thôn Bản Mòn", "2005",
                                     "2021-01-01");
  g_autoptr(SdbTarget) before_founding = make_target (2023, 2023, young, 3);
  g_autoptr(SdbTarget) after_dissolution = make_target (2021, 2021, gone, 3);
  g_autoptr(SdbTarget) term_of_gone = make_target (2020, 2025, gone, 10);
  g_autoptr(SdbTarget) founding_year = make_target (2024, 2024, young, 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, before_founding, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);
  /* Dissolved on 1/1: it did not work in that year. */
  g_assert_false (sdb_target_insert (f->db, after_dissolution, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  /* A term in which it existed for a while, and the year it was founded, are fine. */
  g_assert_true (sdb_target_insert (f->db, term_of_gone, f->problems, &error));
  g_assert_no_error (error);
  g_assert_true (sdb_target_insert (f->db, founding_year, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_refused (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 cell = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "2005", NULL);
  g_autoptr(SdbTarget) committee = insert_target (f, 2024, 2024, 0, 35);
  g_autoptr(SdbTarget) cell_year = insert_target (f, 2024, 2024, cell, 3);
  g_autoptr(SdbTarget) committee_again = make_target (2024, 2024, 0, 40);
  g_autoptr(SdbTarget) cell_again = make_target (2024, 2024, cell, 4);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_target_insert (f->db, committee_again, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);
  g_assert_false (sdb_target_insert (f->db, cell_again, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  /* Saving a target again is not a duplicate of itself. */
  g_assert_true (sdb_target_update (f->db, committee, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM admission_target"), ==, 2);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_notifies_only_on_change (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbTarget) target = make_target (2024, 2024, 0, 3);
  g_autoptr(SdbTarget) copy = NULL;
  guint n = 0;

  g_signal_connect (target, "notify::number", G_CALLBACK (count_notify), &n);
  sdb_target_set_number (target, 3);
  sdb_target_set_number (target, 5);
  g_object_set (target, "number", 5, NULL);
  g_assert_cmpuint (n, ==, 1);
  copy = sdb_target_copy (target);
  g_assert_cmpint (sdb_target_get_number (copy), ==, 5);
  g_assert_cmpint (sdb_target_get_first_year (copy), ==, 2024);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/target/insert-reads-back", test_insert_reads_back);
  SDB_TEST_ADD ("/core/target/committee-target-has-no-organization",
                test_committee_target_has_no_organization);
  SDB_TEST_ADD ("/core/target/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/target/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/target/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/target/year-target-for-year", test_year_target_for_year);
  SDB_TEST_ADD ("/core/target/term-target-for-year", test_term_target_for_year);
  SDB_TEST_ADD ("/core/target/list-all-ordered", test_list_all_ordered);
  SDB_TEST_ADD ("/core/target/list-by-year", test_list_by_year);
  SDB_TEST_ADD ("/core/target/list-by-organization", test_list_by_organization);
  SDB_TEST_ADD ("/core/target/years-out-of-range-refused", test_years_out_of_range_refused);
  SDB_TEST_ADD ("/core/target/end-before-start-refused", test_end_before_start_refused);
  SDB_TEST_ADD ("/core/target/negative-number-refused", test_negative_number_refused);
  SDB_TEST_ADD ("/core/target/missing-organization-refused", test_missing_organization_refused);
  SDB_TEST_ADD ("/core/target/organization-not-existing-those-years-refused",
                test_organization_not_existing_those_years_refused);
  SDB_TEST_ADD ("/core/target/duplicate-refused", test_duplicate_refused);
  SDB_TEST_ADD ("/core/target/notifies-only-on-change", test_notifies_only_on_change);

  return g_test_run ();
}
