/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-term.h"
#include "sdb-test.h"

static SdbTerm *
insert_term (SdbTestFixture *f,
             int             first_year,
             int             last_year)
{
  g_autoptr(GError) error = NULL;
  SdbTerm *term = sdb_term_new (first_year, last_year);

  sdb_term_insert (f->db, term, f->problems, &error);
  g_assert_no_error (error);
  return term;
}

static void
test_insert_sets_id_and_reads_back (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpint (sdb_term_get_id (term), >, 0);
  read = sdb_term_lookup (f->db, sdb_term_get_id (term), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_first_year (read), ==, 2020);
  g_assert_cmpint (sdb_term_get_last_year (read), ==, 2025);
  label = sdb_term_dup_label (read);
  g_assert_cmpstr (label, ==, "2020–2025");
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_term_set_last_year (term, 2026);
  g_assert_true (sdb_term_update (f->db, term, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_term_lookup (f->db, sdb_term_get_id (term), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_last_year (read), ==, 2026);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_term_delete (f->db, sdb_term_get_id (term), &error));
  g_assert_no_error (error);
  g_assert_false (sdb_term_update (f->db, term, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_term_delete (f->db, sdb_term_get_id (term), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM term"), ==, 0);
  read = sdb_term_lookup (f->db, sdb_term_get_id (term), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_term_delete (f->db, sdb_term_get_id (term), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_list_by_first_year (SdbTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(SdbTerm) later = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) earlier = insert_term (f, 2015, 2020);
  g_autoptr(SdbTerm) latest = insert_term (f, 2025, 2030);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_term_list (f->db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SdbTerm) term = g_list_model_get_item (list, i);

      g_assert_cmpint (sdb_term_get_first_year (term), ==, 2015 + 5 * (int) i);
    }
}

static void
test_lookup_for_year_inside_term (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sdb_term_lookup_for_year (f->db, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_id (found), ==, sdb_term_get_id (term));
  /* The last year of the last term still belongs to it. */
  g_clear_object (&found);
  found = sdb_term_lookup_for_year (f->db, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_id (found), ==, sdb_term_get_id (term));
}

static void
test_boundary_year_belongs_to_next_term (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbTerm) old = insert_term (f, 2015, 2020);
  g_autoptr(SdbTerm) next = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sdb_term_lookup_for_year (f->db, 2020, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_id (found), ==, sdb_term_get_id (next));
  g_clear_object (&found);
  found = sdb_term_lookup_for_year (f->db, 2019, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_term_get_id (found), ==, sdb_term_get_id (old));
}

static void
test_year_outside_terms_is_not_found (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sdb_term_lookup_for_year (f->db, 2026, &error);
  g_assert_null (found);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = sdb_term_lookup_for_year (f->db, 2019, &error);
  g_assert_null (found);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_year_out_of_range_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbTerm) term = sdb_term_new (1850, 2101);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_term_insert (f->db, term, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "last-year", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_term_get_id (term), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM term"), ==, 0);
}

static void
test_end_before_start_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  g_autoptr(SdbTerm) term = sdb_term_new (2025, 2020);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_term_insert (f->db, term, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "last-year", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_overlap_refused (SdbTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2015, 2020);
  g_autoptr(SdbTerm) overlapping = sdb_term_new (2019, 2024);
  g_autoptr(SdbTerm) inside = sdb_term_new (2016, 2018);
  g_autoptr(SdbTerm) around = sdb_term_new (2010, 2025);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_term_insert (f->db, overlapping, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);
  g_assert_false (sdb_term_insert (f->db, inside, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sdb_term_insert (f->db, around, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM term"), ==, 1);
}

static void
test_shared_boundary_year_accepted (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbTerm) old = insert_term (f, 2015, 2020);
  g_autoptr(SdbTerm) earlier = sdb_term_new (2010, 2015);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_true (sdb_term_insert (f->db, earlier, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->problems->len, ==, 0);
  /* Updating a term with its own years is not an overlap with itself. */
  g_assert_true (sdb_term_update (f->db, old, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_duplicate_first_year_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbTerm) term = insert_term (f, 2020, 2025);
  g_autoptr(SdbTerm) same_start = sdb_term_new (2020, 2020);
  g_autoptr(GError) error = NULL;

  /* 2020–2020 overlaps 2020–2025 only in the boundary year, yet two terms cannot both start
   * in 2020: that year would belong to neither. */
  g_assert_false (sdb_term_insert (f->db, same_start, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-year", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM term"), ==, 1);
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
  g_autoptr(SdbTerm) term = sdb_term_new (2020, 2025);
  g_autoptr(SdbTerm) copy = NULL;
  guint n = 0;

  g_signal_connect (term, "notify::last-year", G_CALLBACK (count_notify), &n);
  sdb_term_set_last_year (term, 2025);
  sdb_term_set_last_year (term, 2026);
  g_object_set (term, "last-year", 2026, NULL);
  g_assert_cmpuint (n, ==, 1);
  copy = sdb_term_copy (term);
  g_assert_cmpint (sdb_term_get_last_year (copy), ==, 2026);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/term/insert-sets-id-and-reads-back", test_insert_sets_id_and_reads_back);
  SDB_TEST_ADD ("/core/term/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/term/update-of-deleted-is-not-found", test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/term/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/term/list-by-first-year", test_list_by_first_year);
  SDB_TEST_ADD ("/core/term/lookup-for-year-inside-term", test_lookup_for_year_inside_term);
  SDB_TEST_ADD ("/core/term/boundary-year-belongs-to-next-term",
                test_boundary_year_belongs_to_next_term);
  SDB_TEST_ADD ("/core/term/year-outside-terms-is-not-found",
                test_year_outside_terms_is_not_found);
  SDB_TEST_ADD ("/core/term/year-out-of-range-refused", test_year_out_of_range_refused);
  SDB_TEST_ADD ("/core/term/end-before-start-refused", test_end_before_start_refused);
  SDB_TEST_ADD ("/core/term/overlap-refused", test_overlap_refused);
  SDB_TEST_ADD ("/core/term/shared-boundary-year-accepted", test_shared_boundary_year_accepted);
  SDB_TEST_ADD ("/core/term/duplicate-first-year-refused", test_duplicate_first_year_refused);
  SDB_TEST_ADD ("/core/term/notifies-only-on-change", test_notifies_only_on_change);

  return g_test_run ();
}
