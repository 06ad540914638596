/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "interchange-test.h"
#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-rating.h"
#include "sdb-test.h"

/* Organizations, members and their events are written with SQL here, so these tests depend
 * only on the schema. */
static gint64
insert_organization (SdbTestFixture *f,
                     const char     *code,
                     const char     *name,
                     const char     *kind,
                     gint64          parent_id,
                     const char     *founded,
                     const char     *dissolved)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO organization (code, name, name_key,"
                                       " search_key, kind, parent_id, founded, dissolved)"
                                       " VALUES (?1, ?2, sdb_sort_key (?2), sdb_search_key (?2),"
                                       " ?3, ?4, ?5, ?6)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 4, parent_id);
  sqlite3_bind_text (stmt, 5, founded, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dissolved, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

static gint64
insert_cell (SdbTestFixture *f,
             const char     *code,
             const char     *name)
{
  return insert_organization (f, code, name, "chi_bo_co_so", 0, "2005", NULL);
}

/* @organization_id 0 is a departure (transfer out or leaving the Party). */
static void
insert_event (SdbTestFixture *f,
              gint64          member_id,
              const char     *date,
              const char     *kind,
              gint64          organization_id)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                                       "INSERT INTO member_event (member_id, date, kind,"
                                       " organization_id, reason)"
                                       " VALUES (?1, ?2, ?3, ?4,"
                                       "         CASE ?3 WHEN 'left' THEN 'died' END)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (organization_id != 0)
    sqlite3_bind_int64 (stmt, 4, organization_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A member admitted into @organization_id on @admitted. */
static gint64
insert_member (SdbTestFixture *f,
               const char     *full_name,
               gint64          organization_id,
               const char     *admitted)
{
  static int serial;
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *code = g_strdup_printf ("DV%05d", ++serial);
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO member (code, full_name, name_key,"
                                       " search_key, gender, admission_date, organization_id)"
                                       " VALUES (?1, ?2, sdb_name_key (?2), sdb_search_key (?2),"
                                       " 'male', ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, full_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, admitted, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, organization_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (handle);
  insert_event (f, id, admitted, "admitted", organization_id);
  return id;
}

static SdbRating *
graded (SdbRating *rating,
        SdbGrade   grade)
{
  sdb_rating_set_grade (rating, grade);
  return rating;
}

static void
save_ok (SdbTestFixture *f,
         SdbRating      *rating)
{
  g_autoptr(GError) error = NULL;

  if (!sdb_rating_save (f->db, rating, f->problems, &error))
    sdb_test_log_problems (f->problems);
  g_assert_no_error (error);
}

static void
save_member_grade (SdbTestFixture *f,
                   gint64          member_id,
                   int             year,
                   SdbGrade        grade)
{
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_member (member_id, year), grade);

  save_ok (f, rating);
}

static void
save_organization_grade (SdbTestFixture *f,
                         gint64          organization_id,
                         int             year,
                         SdbGrade        grade)
{
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_organization (organization_id, year),
                                        grade);

  save_ok (f, rating);
}

static void
assert_refused (SdbTestFixture *f,
                SdbRating      *rating,
                const char     *field)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (f->problems, 0);
  g_assert_false (sdb_rating_save (f->db, rating, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, field, SDB_SEVERITY_ERROR);
}

static void
assert_accepted (SdbTestFixture *f,
                 SdbRating      *rating)
{
  g_ptr_array_set_size (f->problems, 0);
  save_ok (f, rating);
  g_assert_cmpuint (sdb_problems_count (f->problems, SDB_SEVERITY_ERROR), ==, 0);
}

/* Operations --------------------------------------------------------------------------------- */

static void
test_member_rating_saved_and_read (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (member, 2024);
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  sdb_rating_set_score (rating, 82);
  sdb_rating_set_notes (rating, " Đã kiểm điểm ");
  save_ok (f, rating);
  g_assert_cmpuint (f->problems->len, ==, 0);

  read = sdb_rating_lookup_member (f->db, member, 2024, &error);
  g_assert_no_error (error);
  g_assert_true (sdb_rating_is_member (read));
  g_assert_cmpint (sdb_rating_get_member_id (read), ==, member);
  g_assert_cmpint (sdb_rating_get_organization_id (read), ==, 0);
  g_assert_cmpint (sdb_rating_get_year (read), ==, 2024);
  g_assert_true (sdb_rating_get_rated (read));
  g_assert_true (sdb_rating_has_grade (read));
  g_assert_cmpint (sdb_rating_get_grade (read), ==, SDB_GRADE_GOOD);
  g_assert_cmpint (sdb_rating_get_score (read), ==, 82);
  g_assert_cmpstr (sdb_rating_get_notes (read), ==, "Đã kiểm điểm");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"
                                              " WHERE grade = 'good' AND year = 2024"), ==, 1);
}

static void
test_organization_rating_saved_and_read (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = sdb_rating_new_for_organization (cell, 2024);
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_rating_set_grade (rating, SDB_GRADE_DONE);
  save_ok (f, rating);

  read = sdb_rating_lookup_organization (f->db, cell, 2024, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_rating_is_member (read));
  g_assert_cmpint (sdb_rating_get_organization_id (read), ==, cell);
  g_assert_cmpint (sdb_rating_get_grade (read), ==, SDB_GRADE_DONE);
  g_assert_cmpint (sdb_rating_get_score (read), ==, SDB_RATING_NO_SCORE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"
                                              " WHERE score IS NULL"), ==, 1);
}

static void
test_not_rated_saved_with_reason (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2024-09-02");
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (member, 2024);
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  /* A grade chosen first and then replaced by "not rated" is not stored. */
  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  sdb_rating_set_rated (rating, FALSE);
  sdb_rating_set_not_rated_reason (rating, SDB_NOT_RATED_REASON_RECENTLY_ADMITTED);
  save_ok (f, rating);

  read = sdb_rating_lookup_member (f->db, member, 2024, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_rating_get_rated (read));
  g_assert_false (sdb_rating_has_grade (read));
  g_assert_true (sdb_rating_has_not_rated_reason (read));
  g_assert_cmpint (sdb_rating_get_not_rated_reason (read), ==,
                   SDB_NOT_RATED_REASON_RECENTLY_ADMITTED);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"
                                              " WHERE grade IS NULL"
                                              "   AND not_rated_reason = 'recently_admitted'"),
                   ==, 1);
}

static void
test_save_replaces_rating_of_same_year (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  save_member_grade (f, member, 2024, SDB_GRADE_GOOD);
  save_member_grade (f, member, 2024, SDB_GRADE_DONE);
  save_member_grade (f, member, 2023, SDB_GRADE_GOOD);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"), ==, 2);
  read = sdb_rating_lookup_member (f->db, member, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_rating_get_grade (read), ==, SDB_GRADE_DONE);
}

static void
test_insert_refuses_second_rating (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) first = graded (sdb_rating_new_for_organization (cell, 2024),
                                       SDB_GRADE_GOOD);
  g_autoptr(SdbRating) second = graded (sdb_rating_new_for_organization (cell, 2024),
                                        SDB_GRADE_DONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_rating_insert (f->db, first, f->problems, &error));
  g_assert_no_error (error);
  g_assert_false (sdb_rating_insert (f->db, second, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "year", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"
                                              " WHERE grade = 'good'"), ==, 1);
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_organization (cell, 2024),
                                        SDB_GRADE_GOOD);
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (f, rating);
  sdb_rating_set_score (rating, 75);
  g_assert_true (sdb_rating_update (f->db, rating, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_rating_lookup_organization (f->db, cell, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_rating_get_score (read), ==, 75);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_organization (cell, 2024),
                                        SDB_GRADE_GOOD);
  g_autoptr(GError) error = NULL;

  save_ok (f, rating);
  g_assert_true (sdb_rating_delete (f->db, rating, &error));
  g_assert_no_error (error);
  g_assert_false (sdb_rating_update (f->db, rating, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"), ==, 0);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_member (member, 2024),
                                        SDB_GRADE_GOOD);
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (f, rating);
  save_member_grade (f, member, 2023, SDB_GRADE_GOOD);
  g_assert_true (sdb_rating_delete (f->db, rating, &error));
  g_assert_no_error (error);
  read = sdb_rating_lookup_member (f->db, member, 2024, &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Only that year's rating went. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"), ==, 1);
  g_assert_false (sdb_rating_delete (f->db, rating, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_lookup_missing_is_not_found (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) read = NULL;
  g_autoptr(GError) error = NULL;

  save_organization_grade (f, cell, 2023, SDB_GRADE_GOOD);
  read = sdb_rating_lookup_organization (f->db, cell, 2024, &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* An organization's rating is not a member's: the same number is another subject. */
  read = sdb_rating_lookup_member (f->db, cell, 2023, &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static GListModel *
list (SdbTestFixture *f,
      gboolean        members,
      int             year,
      gint64          subject_id)
{
  SdbRatingFilter filter = { members, year, subject_id };
  g_autoptr(GError) error = NULL;
  GListModel *model = sdb_rating_list (f->db, &filter, &error);

  g_assert_no_error (error);
  return model;
}

static void
test_list_by_year (SdbTestFixture *f,
                   gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 hoa = insert_member (f, "Nguyễn Thị Hoa", cell, "2010-05-19");
  gint64 anh = insert_member (f, "Trần Văn Anh", cell, "2010-05-19");
  gint64 binh = insert_member (f, "Lê Thanh Bình", cell, "2010-05-19");
  g_autoptr(GListModel) y2024 = NULL;
  g_autoptr(GListModel) all = NULL;
  gint64 by_name[] = { anh, binh, hoa };

  save_member_grade (f, hoa, 2024, SDB_GRADE_GOOD);
  save_member_grade (f, anh, 2024, SDB_GRADE_GOOD);
  save_member_grade (f, binh, 2024, SDB_GRADE_DONE);
  save_member_grade (f, hoa, 2023, SDB_GRADE_GOOD);

  y2024 = list (f, TRUE, 2024, 0);
  g_assert_cmpuint (g_list_model_get_n_items (y2024), ==, 3);
  /* By given name: Anh, Bình, Hoa. */
  for (guint i = 0; i < G_N_ELEMENTS (by_name); i++)
    {
      g_autoptr(SdbRating) rating = g_list_model_get_item (y2024, i);

      g_assert_cmpint (sdb_rating_get_member_id (rating), ==, by_name[i]);
      g_assert_cmpint (sdb_rating_get_year (rating), ==, 2024);
    }
  all = list (f, TRUE, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
}

static void
test_list_by_subject (SdbTestFixture *f,
                      gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 other = insert_cell (f, "CB02", "Chi bộ thôn Bản Mòn");
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListModel) one = NULL;
  g_autoptr(SdbRating) first = NULL;

  save_organization_grade (f, cell, 2024, SDB_GRADE_GOOD);
  save_organization_grade (f, cell, 2022, SDB_GRADE_EXCELLENT);
  save_organization_grade (f, other, 2024, SDB_GRADE_DONE);

  history = list (f, FALSE, 0, cell);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  first = g_list_model_get_item (history, 0);
  g_assert_cmpint (sdb_rating_get_year (first), ==, 2022);
  one = list (f, FALSE, 2024, cell);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
}

static void
test_list_members_and_organizations_apart (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(GListModel) organizations = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GListModel) by_default = NULL;
  g_autoptr(SdbRating) item = NULL;
  g_autoptr(GError) error = NULL;

  save_organization_grade (f, cell, 2024, SDB_GRADE_GOOD);
  save_member_grade (f, member, 2024, SDB_GRADE_DONE);
  organizations = list (f, FALSE, 2024, 0);
  g_assert_cmpuint (g_list_model_get_n_items (organizations), ==, 1);
  item = g_list_model_get_item (organizations, 0);
  g_assert_false (sdb_rating_is_member (item));
  g_clear_object (&item);
  members = list (f, TRUE, 2024, 0);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  item = g_list_model_get_item (members, 0);
  g_assert_true (sdb_rating_is_member (item));
  by_default = sdb_rating_list (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_default), ==, 1);
}

/* Validation --------------------------------------------------------------------------------- */

static void
test_year_out_of_range_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_organization (cell, 1899),
                                        SDB_GRADE_GOOD);
  g_autoptr(SdbRating) none = graded (sdb_rating_new_for_organization (cell, 0),
                                      SDB_GRADE_GOOD);

  assert_refused (f, rating, "year");
  assert_refused (f, none, "year");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"), ==, 0);
}

static void
test_grade_or_reason_required (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) nothing = sdb_rating_new_for_member (member, 2024);
  g_autoptr(SdbRating) no_reason = sdb_rating_new_for_member (member, 2024);

  assert_refused (f, nothing, "grade");
  sdb_rating_set_rated (no_reason, FALSE);
  assert_refused (f, no_reason, "not-rated-reason");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"), ==, 0);
  sdb_rating_set_not_rated_reason (no_reason, SDB_NOT_RATED_REASON_EXEMPT);
  assert_accepted (f, no_reason);
}

static void
test_reason_must_fit_subject (SdbTestFixture *f,
                              gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) member_founded = sdb_rating_new_for_member (member, 2024);
  g_autoptr(SdbRating) cell_admitted = sdb_rating_new_for_organization (cell, 2024);

  sdb_rating_set_rated (member_founded, FALSE);
  sdb_rating_set_not_rated_reason (member_founded, SDB_NOT_RATED_REASON_RECENTLY_FOUNDED);
  assert_refused (f, member_founded, "not-rated-reason");
  sdb_rating_set_rated (cell_admitted, FALSE);
  sdb_rating_set_not_rated_reason (cell_admitted, SDB_NOT_RATED_REASON_RECENTLY_ADMITTED);
  assert_refused (f, cell_admitted, "not-rated-reason");
  sdb_rating_set_not_rated_reason (cell_admitted, SDB_NOT_RATED_REASON_RECENTLY_FOUNDED);
  assert_accepted (f, cell_admitted);
}

static void
test_score_out_of_range_refused (SdbTestFixture *f,
                                 gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbRating) rating = graded (sdb_rating_new_for_organization (cell, 2024),
                                        SDB_GRADE_GOOD);

  sdb_rating_set_score (rating, 101);
  assert_refused (f, rating, "score");
  sdb_rating_set_score (rating, -5);
  assert_refused (f, rating, "score");
  sdb_rating_set_score (rating, 100);
  assert_accepted (f, rating);
  sdb_rating_set_score (rating, 0);
  assert_accepted (f, rating);
}

static void
test_subject_required (SdbTestFixture *f,
                       gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");
  g_autoptr(SdbRating) nobody = graded (sdb_rating_new_for_organization (0, 2024),
                                        SDB_GRADE_GOOD);
  g_autoptr(SdbRating) both = graded (sdb_rating_new_for_organization (cell, 2024),
                                      SDB_GRADE_GOOD);

  assert_refused (f, nobody, "organization-id");
  sdb_rating_set_member_id (both, member);
  assert_refused (f, both, "member-id");
}

static void
test_missing_subject_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbRating) organization = graded (sdb_rating_new_for_organization (999, 2024),
                                              SDB_GRADE_GOOD);
  g_autoptr(SdbRating) member = graded (sdb_rating_new_for_member (999, 2024), SDB_GRADE_GOOD);

  assert_refused (f, organization, "organization-id");
  assert_refused (f, member, "member-id");
}

static void
test_organization_not_existing_that_year_refused (SdbTestFixture *f,
                                                  gconstpointer   data)
{
  gint64 young = insert_organization (f, "CB01", "Chi bộ thôn Nà Lốc", "chi_bo_co_so", 0,
                                      "2024-03-01", NULL);
  gint64 gone = insert_organization (f, "CB02", "Chi bộ thôn Bản Mòn", "chi_bo_co_so", 0,
                                     "2005", "2024-01-01");
  g_autoptr(SdbRating) before_founding = sdb_rating_new_for_organization (young, 2023);
  g_autoptr(SdbRating) founding_year = sdb_rating_new_for_organization (young, 2024);
  g_autoptr(SdbRating) dissolved_on_first_day = graded (sdb_rating_new_for_organization (gone,
                                                                                         2024),
                                                        SDB_GRADE_GOOD);
  g_autoptr(SdbRating) last_year = graded (sdb_rating_new_for_organization (gone, 2023),
                                           SDB_GRADE_GOOD);

  sdb_rating_set_grade (before_founding, SDB_GRADE_GOOD);
  assert_refused (f, before_founding, "year");
  assert_refused (f, dissolved_on_first_day, "year");
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"), ==, 0);
  sdb_rating_set_rated (founding_year, FALSE);
  sdb_rating_set_not_rated_reason (founding_year, SDB_NOT_RATED_REASON_RECENTLY_FOUNDED);
  assert_accepted (f, founding_year);
  assert_accepted (f, last_year);
}

static void
test_member_not_in_committee_that_year_refused (SdbTestFixture *f,
                                                gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 late = insert_member (f, "Lò Văn Pấng", cell, "2025-02-03");
  gint64 gone = insert_member (f, "Lò Thị Ánh", cell, "2010-05-19");
  gint64 away = insert_member (f, "Quàng Văn Dũng", cell, "2010-05-19");
  gint64 back = insert_member (f, "Cà Văn Sơn", cell, "2010-05-19");
  g_autoptr(SdbRating) rating = NULL;

  /* Transferred out on 1/1/2024: not in the committee at any time in 2024. */
  insert_event (f, gone, "2024-01-01", "transfer_out", 0);
  /* Left in 2022, transferred back in during 2024. */
  insert_event (f, away, "2022-06-30", "transfer_out", 0);
  insert_event (f, back, "2023-03-01", "left", 0);

  rating = graded (sdb_rating_new_for_member (late, 2024), SDB_GRADE_GOOD);
  assert_refused (f, rating, "year");
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (gone, 2024), SDB_GRADE_GOOD);
  assert_refused (f, rating, "year");
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (away, 2023), SDB_GRADE_GOOD);
  assert_refused (f, rating, "year");
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (back, 2024), SDB_GRADE_GOOD);
  assert_refused (f, rating, "year");
  g_clear_object (&rating);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"), ==, 0);

  /* In the committee for part of the year: admitted, left or transferred in during it. */
  insert_event (f, away, "2024-09-01", "transfer_in", cell);
  rating = graded (sdb_rating_new_for_member (away, 2024), SDB_GRADE_GOOD);
  assert_accepted (f, rating);
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (late, 2025), SDB_GRADE_GOOD);
  assert_accepted (f, rating);
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (gone, 2023), SDB_GRADE_GOOD);
  assert_accepted (f, rating);
  g_clear_object (&rating);
  rating = graded (sdb_rating_new_for_member (back, 2023), SDB_GRADE_GOOD);
  assert_accepted (f, rating);
}

/* The share rated excellent ------------------------------------------------------------------ */

static void
test_excellent_over_20_percent_warns_and_saves (SdbTestFixture *f,
                                                gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 members[13];
  g_autoptr(SdbRating) third = NULL;
  const SdbProblem *warning;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *name = g_strdup_printf ("Lò Văn Pấng %u", i);

      members[i] = insert_member (f, name, cell, "2010-05-19");
    }
  for (guint i = 0; i < 10; i++)
    save_member_grade (f, members[i], 2024, SDB_GRADE_GOOD);
  save_member_grade (f, members[10], 2024, SDB_GRADE_EXCELLENT);
  save_member_grade (f, members[11], 2024, SDB_GRADE_EXCELLENT);
  /* 2 against 10 is exactly 20%: allowed. */
  g_assert_cmpuint (f->problems->len, ==, 0);

  third = graded (sdb_rating_new_for_member (members[12], 2024), SDB_GRADE_EXCELLENT);
  /* Validation gives the warning, so a form can show it before saving. */
  g_assert_true (sdb_rating_validate (f->db, third, f->problems, NULL));
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
  g_ptr_array_set_size (f->problems, 0);
  save_ok (f, third);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
  g_assert_cmpuint (sdb_problems_count (f->problems, SDB_SEVERITY_ERROR), ==, 0);
  warning = sdb_problems_find (f->problems, "grade", SDB_SEVERITY_WARNING);
  g_assert_nonnull (g_strstr_len (warning->message, -1, "Chi bộ thôn Nà Lốc"));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_rating"
                                              " WHERE grade = 'excellent'"), ==, 3);

  /* Saved again unchanged, it does not make the share worse: no warning repeated. */
  g_ptr_array_set_size (f->problems, 0);
  save_ok (f, third);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_excellent_over_limit_with_no_good_warns (SdbTestFixture *f,
                                              gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 member = insert_member (f, "Lò Văn Pấng", cell, "2010-05-19");

  save_member_grade (f, member, 2024, SDB_GRADE_EXCELLENT);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
}

static void
test_fewer_good_warns (SdbTestFixture *f,
                       gconstpointer   data)
{
  gint64 cell = insert_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 members[6];

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *name = g_strdup_printf ("Lò Văn Pấng %u", i);

      members[i] = insert_member (f, name, cell, "2010-05-19");
    }
  for (guint i = 0; i < 5; i++)
    save_member_grade (f, members[i], 2024, SDB_GRADE_GOOD);
  save_member_grade (f, members[5], 2024, SDB_GRADE_EXCELLENT);
  g_assert_cmpuint (f->problems->len, ==, 0);
  /* One good lowered to done leaves 1 excellent against 4 good. */
  save_member_grade (f, members[0], 2024, SDB_GRADE_DONE);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
  /* A save that does not make the share worse does not repeat the warning. */
  g_ptr_array_set_size (f->problems, 0);
  save_member_grade (f, members[0], 2024, SDB_GRADE_FAILED);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_excellent_counted_within_one_tccs (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 committee = insert_organization (f, "DB01", "Đảng bộ Công ty Cao su",
                                          "dang_bo_co_so", 0, "2005", NULL);
  gint64 team = insert_organization (f, "DB01.1", "Chi bộ Đội 1", "chi_bo_truc_thuoc",
                                     committee, "2005", NULL);
  gint64 other = insert_cell (f, "CB02", "Chi bộ thôn Bản Mòn");
  gint64 good[4];
  gint64 elsewhere[5];
  gint64 moved;
  gint64 star;

  /* Members of a cell under the đảng bộ cơ sở count for it; members of another TCCS do not. */
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn Tốt %u", i);

      good[i] = insert_member (f, name, team, "2010-05-19");
      save_member_grade (f, good[i], 2024, SDB_GRADE_GOOD);
    }
  for (guint i = 0; i < G_N_ELEMENTS (elsewhere); i++)
    {
      g_autofree char *name = g_strdup_printf ("Lò Văn Khác %u", i);

      elsewhere[i] = insert_member (f, name, other, "2010-05-19");
      save_member_grade (f, elsewhere[i], 2024, SDB_GRADE_GOOD);
    }
  /* Moved from the other TCCS into the đảng bộ cơ sở during 2024: counts where they are on
   * 31/12. */
  moved = insert_member (f, "Trần Văn Chuyển", other, "2010-05-19");
  insert_event (f, moved, "2024-07-01", "move", team);
  save_member_grade (f, moved, 2024, SDB_GRADE_GOOD);
  g_assert_cmpuint (f->problems->len, ==, 0);

  /* 1 excellent against 4 + 1 good is 20%: allowed. */
  star = insert_member (f, "Lê Văn Giỏi", committee, "2010-05-19");
  save_member_grade (f, star, 2024, SDB_GRADE_EXCELLENT);
  g_assert_cmpuint (f->problems->len, ==, 0);

  /* In the other TCCS, one good becomes excellent: 1 against 4 is over 20%. */
  save_member_grade (f, elsewhere[0], 2024, SDB_GRADE_EXCELLENT);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
  g_ptr_array_set_size (f->problems, 0);

  /* 2023 is counted on its own: 1 against 4 is over 20%. */
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    save_member_grade (f, good[i], 2023, SDB_GRADE_GOOD);
  g_assert_cmpuint (f->problems->len, ==, 0);
  save_member_grade (f, star, 2023, SDB_GRADE_EXCELLENT);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
}

static void
test_subordinate_organizations_over_20_percent_warn (SdbTestFixture *f,
                                                     gconstpointer   data)
{
  gint64 committee = insert_organization (f, "DB01", "Đảng bộ Công ty Cao su",
                                          "dang_bo_co_so", 0, "2005", NULL);
  gint64 part = insert_organization (f, "DB01.1", "Đảng bộ bộ phận Nông trường 1",
                                     "dang_bo_bo_phan", committee, "2005", NULL);
  gint64 cells[7];
  const SdbProblem *warning;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *code = g_strdup_printf ("DB01.%u", i + 2);
      g_autofree char *name = g_strdup_printf ("Chi bộ Đội %u", i + 1);

      cells[i] = insert_organization (f, code, name, "chi_bo_truc_thuoc",
                                      i < 3 ? part : committee, "2005", NULL);
    }
  /* The TCCS itself is rated against the other TCCS, not within itself. */
  save_organization_grade (f, committee, 2024, SDB_GRADE_EXCELLENT);
  g_assert_cmpuint (f->problems->len, ==, 0);
  for (guint i = 0; i < 5; i++)
    save_organization_grade (f, cells[i], 2024, SDB_GRADE_GOOD);
  save_organization_grade (f, cells[5], 2024, SDB_GRADE_EXCELLENT);
  g_assert_cmpuint (f->problems->len, ==, 0);
  /* A đảng bộ bộ phận is one of the subordinate organizations: 2 against 5. */
  save_organization_grade (f, part, 2024, SDB_GRADE_EXCELLENT);
  sdb_test_assert_problem (f->problems, "grade", SDB_SEVERITY_WARNING);
  warning = sdb_problems_find (f->problems, "grade", SDB_SEVERITY_WARNING);
  g_assert_nonnull (g_strstr_len (warning->message, -1, "Đảng bộ Công ty Cao su"));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_rating"
                                              " WHERE grade = 'excellent'"), ==, 3);
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
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (1, 2024);
  g_autoptr(SdbRating) copy = NULL;
  guint n_grade = 0;
  guint n_score = 0;

  g_signal_connect (rating, "notify::grade", G_CALLBACK (count_notify), &n_grade);
  g_signal_connect (rating, "notify::score", G_CALLBACK (count_notify), &n_score);
  /* Choosing the grade the property already reads is still a change: a grade is now chosen. */
  sdb_rating_set_grade (rating, SDB_GRADE_EXCELLENT);
  sdb_rating_set_grade (rating, SDB_GRADE_EXCELLENT);
  g_object_set (rating, "grade", SDB_GRADE_EXCELLENT, NULL);
  g_assert_cmpuint (n_grade, ==, 1);
  sdb_rating_set_score (rating, SDB_RATING_NO_SCORE);
  sdb_rating_set_score (rating, 90);
  g_object_set (rating, "score", 90, NULL);
  g_assert_cmpuint (n_score, ==, 1);

  copy = sdb_rating_copy (rating);
  g_assert_true (sdb_rating_is_member (copy));
  g_assert_true (sdb_rating_has_grade (copy));
  g_assert_cmpint (sdb_rating_get_score (copy), ==, 90);
}

/* The members rated excellent and good under one TCCS in @year, counted by one query on the
 * TCCS's tree, as a save's validation counts them: the year's check must agree with it. */
static void
count_under_tccs (SdbDatabase *db,
                  gint64       tccs_id,
                  int          year,
                  gint64      *excellent,
                  gint64      *good)
{
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", year);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db),
                     "WITH RECURSIVE tree (id) AS ("
                     "  SELECT ?1 UNION SELECT o.id FROM organization o"
                     "  JOIN tree ON o.parent_id = tree.id)"
                     " SELECT count(*) FILTER (WHERE r.grade = 'excellent'),"
                     "        count(*) FILTER (WHERE r.grade = 'good')"
                     " FROM member_rating r WHERE r.year = ?2"
                     "   AND (SELECT e.organization_id FROM member_event e"
                     "        WHERE e.member_id = r.member_id AND e.date <= ?3"
                     "          AND e.organization_id IS NOT NULL"
                     "        ORDER BY e.date DESC, e.id DESC LIMIT 1) IN (SELECT id FROM tree)",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, tccs_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_text (stmt, 3, last_day, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *excellent = sqlite3_column_int64 (stmt, 0);
  *good = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
}

/* Whether one of @problems names the TCCS @name. */
static gboolean
names_tccs (GPtrArray  *problems,
            const char *name)
{
  g_autofree char *quoted = g_strdup_printf (" %s, ", name);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (((SdbProblem *) g_ptr_array_index (problems, i))->message, quoted) != NULL)
      return TRUE;
  return FALSE;
}

/* Over an invented committee whose grades were pushed up in some cells, the year's check warns
 * for exactly the TCCS whose own count is over the limit, each under its name. */
static void
test_year_check_agrees_with_each_tccs_count (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;
  guint warned = 0;

  sdb_test_add_profile (f->db);
  sdb_test_generate_demo (f->db, 1500, 0, 0, 11, &options);
  sdb_test_exec_sql (f->db, "UPDATE member_rating SET grade = 'excellent'"
                            " WHERE grade = 'good' AND (member_id * 7 + year) % 5 = 0");

  for (int year = options.first_year; year <= options.last_year; year++)
    {
      g_autoptr(GPtrArray) problems = sdb_problems_new ();
      g_autofree char *first_day = g_strdup_printf ("%04d-01-01", year);
      g_autofree char *last_day = g_strdup_printf ("%04d-12-31", year);
      sqlite3_stmt *stmt = NULL;
      guint expected = 0;

      g_assert_true (sdb_rating_check_excellent_share (f->db, year, TRUE, problems, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                         "SELECT id, name FROM organization"
                         " WHERE kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                         "   AND (founded IS NULL OR founded <= ?2)"
                         "   AND (dissolved IS NULL OR dissolved >= ?1)", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, last_day, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          gboolean over;
          gint64 excellent, good;

          count_under_tccs (f->db, sqlite3_column_int64 (stmt, 0), year, &excellent, &good);
          over = excellent > 0 && excellent * 100 > 20 * good;
          if (over != names_tccs (problems, name))
            g_error ("%d: %s: %" G_GINT64_FORMAT " excellent, %" G_GINT64_FORMAT " good, %s",
                     year, name, excellent, good, over ? "not warned" : "warned");
          expected += over;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (problems->len, ==, expected);
      warned += expected;
    }
  /* The pushed grades put some TCCS over the limit and left others under it. */
  g_assert_cmpuint (warned, >, 10);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/rating/member-rating-saved-and-read", test_member_rating_saved_and_read);
  SDB_TEST_ADD ("/core/rating/organization-rating-saved-and-read",
                test_organization_rating_saved_and_read);
  SDB_TEST_ADD ("/core/rating/not-rated-saved-with-reason", test_not_rated_saved_with_reason);
  SDB_TEST_ADD ("/core/rating/save-replaces-rating-of-same-year",
                test_save_replaces_rating_of_same_year);
  SDB_TEST_ADD ("/core/rating/insert-refuses-second-rating", test_insert_refuses_second_rating);
  SDB_TEST_ADD ("/core/rating/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/rating/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/rating/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/rating/lookup-missing-is-not-found", test_lookup_missing_is_not_found);
  SDB_TEST_ADD ("/core/rating/list-by-year", test_list_by_year);
  SDB_TEST_ADD ("/core/rating/list-by-subject", test_list_by_subject);
  SDB_TEST_ADD ("/core/rating/list-members-and-organizations-apart",
                test_list_members_and_organizations_apart);
  SDB_TEST_ADD ("/core/rating/year-out-of-range-refused", test_year_out_of_range_refused);
  SDB_TEST_ADD ("/core/rating/grade-or-reason-required", test_grade_or_reason_required);
  SDB_TEST_ADD ("/core/rating/reason-must-fit-subject", test_reason_must_fit_subject);
  SDB_TEST_ADD ("/core/rating/score-out-of-range-refused", test_score_out_of_range_refused);
  SDB_TEST_ADD ("/core/rating/subject-required", test_subject_required);
  SDB_TEST_ADD ("/core/rating/missing-subject-refused", test_missing_subject_refused);
  SDB_TEST_ADD ("/core/rating/organization-not-existing-that-year-refused",
                test_organization_not_existing_that_year_refused);
  SDB_TEST_ADD ("/core/rating/member-not-in-committee-that-year-refused",
                test_member_not_in_committee_that_year_refused);
  SDB_TEST_ADD ("/core/rating/excellent-over-20-percent-warns-and-saves",
                test_excellent_over_20_percent_warns_and_saves);
  SDB_TEST_ADD ("/core/rating/excellent-with-no-good-warns",
                test_excellent_over_limit_with_no_good_warns);
  SDB_TEST_ADD ("/core/rating/fewer-good-warns", test_fewer_good_warns);
  SDB_TEST_ADD ("/core/rating/excellent-counted-within-one-tccs",
                test_excellent_counted_within_one_tccs);
  SDB_TEST_ADD ("/core/rating/year-check-agrees-with-each-tccs-count",
                test_year_check_agrees_with_each_tccs_count);
  SDB_TEST_ADD ("/core/rating/subordinate-organizations-over-20-percent-warn",
                test_subordinate_organizations_over_20_percent_warn);
  SDB_TEST_ADD ("/core/rating/notifies-only-on-change", test_notifies_only_on_change);

  return g_test_run ();
}
