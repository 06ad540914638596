/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-award.h"
#include "sdb-database-private.h"
#include "sdb-test.h"

/* The organizations, members and meetings an award refers to are written with plain SQL, so
 * these tests depend on nothing but the schema. */
static gint64
exec_insert (SdbTestFixture *f,
             const char     *sql,
             const char     *a,
             const char     *b,
             const char     *c)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  if (c != NULL)
    sqlite3_bind_text (stmt, 3, c, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

static gint64
add_organization (SdbTestFixture *f,
                  const char     *name,
                  const char     *founded,
                  const char     *dissolved)
{
  /* The name is unique in these tests, so it serves as the code too. */
  return exec_insert (f,
                      "INSERT INTO organization (code, name, name_key, search_key, kind, founded,"
                      " dissolved) VALUES (?1, ?1, sdb_sort_key (?1), sdb_search_key (?1),"
                      " 'chi_bo_co_so', ?2, ?3)",
                      name, founded, dissolved);
}

static gint64
add_member (SdbTestFixture *f,
            const char     *name)
{
  return exec_insert (f,
                      "INSERT INTO member (code, full_name, name_key, search_key, gender,"
                      " birth_date, admission_date) VALUES (?1, ?1, sdb_name_key (?1),"
                      " sdb_search_key (?1), 'male', '1950-01-01', '1975-05-19')",
                      name, NULL, NULL);
}

static gint64
add_meeting (SdbTestFixture *f,
             const char     *date)
{
  return exec_insert (f, "INSERT INTO meeting (date, kind) VALUES (?1, 'year_end')",
                      date, NULL, NULL);
}

static SdbAward *
make_award (int         year,
            gint64      organization_id,
            gint64      member_id,
            const char *person_name)
{
  SdbAward *award = sdb_award_new ();

  sdb_award_set_year (award, year);
  sdb_award_set_organization_id (award, organization_id);
  sdb_award_set_member_id (award, member_id);
  sdb_award_set_person_name (award, person_name);
  sdb_award_set_form (award, "Giấy khen");
  sdb_award_set_reason (award, "Hoàn thành xuất sắc nhiệm vụ năm");
  return award;
}

static SdbAward *
insert_award (SdbTestFixture *f,
              int             year,
              gint64          organization_id,
              gint64          member_id,
              const char     *person_name)
{
  g_autoptr(GError) error = NULL;
  SdbAward *award = make_award (year, organization_id, member_id, person_name);

  sdb_award_insert (f->db, award, f->problems, &error);
  g_assert_no_error (error);
  return award;
}

static void
assert_ids (GListModel *list,
            ...)
{
  va_list args;
  guint i = 0;
  SdbAward *expected;

  va_start (args, list);
  while ((expected = va_arg (args, SdbAward *)) != NULL)
    {
      g_autoptr(SdbAward) item = g_list_model_get_item (list, i++);

      g_assert_nonnull (item);
      g_assert_cmpint (sdb_award_get_id (item), ==, sdb_award_get_id (expected));
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, i);
}

static void
insert_expect_invalid (SdbTestFixture *f,
                       SdbAward       *award)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_award_insert (f->db, award, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpint (sdb_award_get_id (award), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), ==, 0);
}

/* Operations ---------------------------------------------------------------------------------- */

static void
test_insert_reads_back (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 cell = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 meeting = add_meeting (f, "2024-12-20");
  g_autoptr(SdbAward) award = make_award (2024, cell, 0, NULL);
  g_autoptr(SdbAward) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_award_set_meeting_id (award, meeting);
  g_assert_true (sdb_award_insert (f->db, award, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpint (sdb_award_get_id (award), >, 0);

  read = sdb_award_lookup (f->db, sdb_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_award_get_year (read), ==, 2024);
  g_assert_cmpint (sdb_award_get_organization_id (read), ==, cell);
  g_assert_cmpint (sdb_award_get_member_id (read), ==, 0);
  g_assert_cmpstr (sdb_award_get_person_name (read), ==, "");
  g_assert_cmpstr (sdb_award_get_form (read), ==, "Giấy khen");
  g_assert_cmpstr (sdb_award_get_reason (read), ==, "Hoàn thành xuất sắc nhiệm vụ năm");
  g_assert_cmpint (sdb_award_get_meeting_id (read), ==, meeting);
  g_assert_true (sdb_award_is_collective (read));
  /* No name is stored as NULL, as the schema's one-recipient check needs. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"
                                              " WHERE person_name IS NULL"), ==, 1);
}

static void
test_person_recipient_reads_back (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbAward) award = insert_award (f, 2024, 0, 0, "  Lò Văn Hùng ");
  g_autoptr(SdbAward) read = NULL;
  g_autoptr(GError) error = NULL;

  read = sdb_award_lookup (f->db, sdb_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_award_get_person_name (read), ==, "Lò Văn Hùng");
  g_assert_cmpint (sdb_award_get_organization_id (read), ==, 0);
  g_assert_false (sdb_award_is_collective (read));
}

static void
test_copy_keeps_every_field (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng");
  gint64 meeting = add_meeting (f, "2024-12-20");
  g_autoptr(SdbAward) award = insert_award (f, 2024, 0, member, NULL);
  g_autoptr(SdbAward) copy = NULL;

  sdb_award_set_meeting_id (award, meeting);
  copy = sdb_award_copy (award);
  g_assert_true (copy != award);
  g_assert_cmpint (sdb_award_get_id (copy), ==, sdb_award_get_id (award));
  g_assert_cmpint (sdb_award_get_year (copy), ==, 2024);
  g_assert_cmpint (sdb_award_get_member_id (copy), ==, member);
  g_assert_cmpstr (sdb_award_get_form (copy), ==, "Giấy khen");
  g_assert_cmpstr (sdb_award_get_reason (copy), ==, sdb_award_get_reason (award));
  g_assert_cmpint (sdb_award_get_meeting_id (copy), ==, meeting);
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 cell = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 member = add_member (f, "Lò Văn Hùng");
  g_autoptr(SdbAward) award = insert_award (f, 2024, cell, 0, NULL);
  g_autoptr(SdbAward) read = NULL;
  g_autoptr(GError) error = NULL;

  /* From a collective to an individual. */
  sdb_award_set_organization_id (award, 0);
  sdb_award_set_member_id (award, member);
  sdb_award_set_form (award, "Bằng khen");
  sdb_award_set_year (award, 2023);
  g_assert_true (sdb_award_update (f->db, award, f->problems, &error));
  g_assert_no_error (error);

  read = sdb_award_lookup (f->db, sdb_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_award_get_organization_id (read), ==, 0);
  g_assert_cmpint (sdb_award_get_member_id (read), ==, member);
  g_assert_cmpstr (sdb_award_get_form (read), ==, "Bằng khen");
  g_assert_cmpint (sdb_award_get_year (read), ==, 2023);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbAward) award = insert_award (f, 2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_award_delete (f->db, sdb_award_get_id (award), &error));
  g_assert_no_error (error);
  g_assert_false (sdb_award_update (f->db, award, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbAward) award = insert_award (f, 2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(SdbAward) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_award_delete (f->db, sdb_award_get_id (award), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), ==, 0);
  read = sdb_award_lookup (f->db, sdb_award_get_id (award), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_award_delete (f->db, sdb_award_get_id (award), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_list_all_by_year_then_entry (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(SdbAward) a2024 = insert_award (f, 2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(SdbAward) a2023 = insert_award (f, 2023, 0, 0, "Lò Thị Mai");
  g_autoptr(SdbAward) b2024 = insert_award (f, 2024, 0, 0, "Quàng Văn An");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = sdb_award_list (f->db, NULL, &error);

  g_assert_no_error (error);
  assert_ids (all, a2023, a2024, b2024, NULL);
}

static void
test_list_by_year (SdbTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(SdbAward) a2024 = insert_award (f, 2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(SdbAward) a2023 = insert_award (f, 2023, 0, 0, "Lò Thị Mai");
  g_autoptr(SdbAward) b2024 = insert_award (f, 2024, 0, 0, "Quàng Văn An");
  SdbAwardFilter filter = { .year = 2024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_award_list (f->db, &filter, &error);

  g_assert_no_error (error);
  assert_ids (list, a2024, b2024, NULL);
}

static void
test_list_by_organization (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 na_loc = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 ban_co = add_organization (f, "Chi bộ bản Co", NULL, NULL);
  g_autoptr(SdbAward) a = insert_award (f, 2024, na_loc, 0, NULL);
  g_autoptr(SdbAward) b = insert_award (f, 2024, ban_co, 0, NULL);
  g_autoptr(SdbAward) c = insert_award (f, 2023, na_loc, 0, NULL);
  SdbAwardFilter filter = { .organization_id = na_loc };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_award_list (f->db, &filter, &error);
  g_autoptr(GListModel) both = NULL;

  g_assert_no_error (error);
  assert_ids (list, c, a, NULL);
  filter.year = 2024;
  filter.organization_id = ban_co;
  both = sdb_award_list (f->db, &filter, &error);
  g_assert_no_error (error);
  assert_ids (both, b, NULL);
}

static void
test_list_by_member (SdbTestFixture *f,
                     gconstpointer   data)
{
  gint64 hung = add_member (f, "Lò Văn Hùng");
  gint64 mai = add_member (f, "Lò Thị Mai");
  g_autoptr(SdbAward) a = insert_award (f, 2024, 0, hung, NULL);
  g_autoptr(SdbAward) b = insert_award (f, 2024, 0, mai, NULL);
  SdbAwardFilter filter = { .member_id = hung };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_award_list (f->db, &filter, &error);

  g_assert_no_error (error);
  assert_ids (list, a, NULL);
  g_assert_cmpint (sdb_award_get_id (b), >, 0);
}

static void
test_list_by_meeting (SdbTestFixture *f,
                      gconstpointer   data)
{
  gint64 meeting = add_meeting (f, "2024-12-20");
  g_autoptr(SdbAward) a = make_award (2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(SdbAward) b = insert_award (f, 2024, 0, 0, "Lò Thị Mai");
  SdbAwardFilter filter = { .meeting_id = meeting };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  sdb_award_set_meeting_id (a, meeting);
  sdb_award_insert (f->db, a, f->problems, &error);
  g_assert_no_error (error);
  list = sdb_award_list (f->db, &filter, &error);
  g_assert_no_error (error);
  assert_ids (list, a, NULL);
  g_assert_cmpint (sdb_award_get_id (b), >, 0);
}

static void
test_count_collectives_and_individuals (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 na_loc = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 ban_co = add_organization (f, "Chi bộ bản Co", NULL, NULL);
  gint64 hung = add_member (f, "Lò Văn Hùng");
  g_autoptr(SdbAward) a = insert_award (f, 2024, na_loc, 0, NULL);
  g_autoptr(SdbAward) b = insert_award (f, 2024, ban_co, 0, NULL);
  g_autoptr(SdbAward) c = insert_award (f, 2024, 0, hung, NULL);
  g_autoptr(SdbAward) d = insert_award (f, 2024, 0, 0, "Lò Thị Mai");
  g_autoptr(SdbAward) e = insert_award (f, 2024, 0, 0, "Quàng Văn An");
  g_autoptr(SdbAward) other_year = insert_award (f, 2023, na_loc, 0, NULL);
  g_autoptr(GError) error = NULL;
  guint collectives = 99, individuals = 99;

  g_assert_true (sdb_award_count_year (f->db, 2024, &collectives, &individuals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collectives, ==, 2);
  g_assert_cmpuint (individuals, ==, 3);

  g_assert_true (sdb_award_count_year (f->db, 2022, &collectives, &individuals, &error));
  g_assert_cmpuint (collectives, ==, 0);
  g_assert_cmpuint (individuals, ==, 0);
}

/* "khen thưởng 12 tập thể" counts collectives, not certificates. */
static void
test_count_recipient_once (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 na_loc = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 hung = add_member (f, "Lò Văn Hùng");
  g_autoptr(SdbAward) a = insert_award (f, 2024, na_loc, 0, NULL);
  g_autoptr(SdbAward) b = insert_award (f, 2024, na_loc, 0, NULL);
  g_autoptr(SdbAward) c = insert_award (f, 2024, 0, hung, NULL);
  g_autoptr(SdbAward) d = insert_award (f, 2024, 0, hung, NULL);
  g_autoptr(GError) error = NULL;
  guint collectives = 0, individuals = 0;

  g_assert_true (sdb_award_count_year (f->db, 2024, &collectives, &individuals, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collectives, ==, 1);
  g_assert_cmpuint (individuals, ==, 1);
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
  g_autoptr(SdbAward) award = sdb_award_new ();
  guint form = 0, year = 0;

  g_signal_connect (award, "notify::form", G_CALLBACK (count_notify), &form);
  g_signal_connect (award, "notify::year", G_CALLBACK (count_notify), &year);
  sdb_award_set_form (award, "Giấy khen");
  sdb_award_set_form (award, " Giấy khen ");
  g_object_set (award, "form", "Giấy khen", "year", 2024, NULL);
  sdb_award_set_year (award, 2024);
  g_assert_cmpuint (form, ==, 1);
  g_assert_cmpuint (year, ==, 1);
}

/* Validation ---------------------------------------------------------------------------------- */

static void
test_year_out_of_range_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbAward) none = make_award (0, 0, 0, "Lò Văn Hùng");
  g_autoptr(SdbAward) early = make_award (1899, 0, 0, "Lò Văn Hùng");

  insert_expect_invalid (f, none);
  sdb_test_assert_problem (f->problems, "year", SDB_SEVERITY_ERROR);
  g_ptr_array_set_size (f->problems, 0);
  insert_expect_invalid (f, early);
  sdb_test_assert_problem (f->problems, "year", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_no_recipient_refused (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbAward) award = make_award (2024, 0, 0, NULL);

  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_two_recipients_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 cell = add_organization (f, "Chi bộ thôn Nà Lốc", NULL, NULL);
  gint64 member = add_member (f, "Lò Văn Hùng");
  g_autoptr(SdbAward) org_and_member = make_award (2024, cell, member, NULL);
  g_autoptr(SdbAward) member_and_name = make_award (2024, 0, member, "Lò Văn Hùng");

  insert_expect_invalid (f, org_and_member);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
  g_ptr_array_set_size (f->problems, 0);
  insert_expect_invalid (f, member_and_name);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
}

static void
test_form_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbAward) award = make_award (2024, 0, 0, "Lò Văn Hùng");

  sdb_award_set_form (award, "   ");
  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "form", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_missing_organization_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbAward) award = make_award (2024, 4242, 0, NULL);

  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
}

static void
test_missing_member_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbAward) award = make_award (2024, 0, 4242, NULL);

  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "member-id", SDB_SEVERITY_ERROR);
}

static void
test_missing_meeting_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbAward) award = make_award (2024, 0, 0, "Lò Văn Hùng");

  sdb_award_set_meeting_id (award, 4242);
  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "meeting-id", SDB_SEVERITY_ERROR);
}

static void
test_organization_not_existing_that_year_refused (SdbTestFixture *f,
                                                  gconstpointer   data)
{
  gint64 young = add_organization (f, "Chi bộ thôn Nà Lốc", "2025-03-01", NULL);
  gint64 gone = add_organization (f, "Chi bộ bản Co", "2000", "2023-06-30");
  gint64 gone_new_year = add_organization (f, "Chi bộ bản Mòng", "2000", "2024-01-01");
  g_autoptr(SdbAward) before_founding = make_award (2024, young, 0, NULL);
  g_autoptr(SdbAward) after_dissolution = make_award (2024, gone, 0, NULL);
  g_autoptr(SdbAward) dissolved_on_first_day = make_award (2024, gone_new_year, 0, NULL);

  insert_expect_invalid (f, before_founding);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_ptr_array_set_size (f->problems, 0);
  insert_expect_invalid (f, after_dissolution);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_ptr_array_set_size (f->problems, 0);
  insert_expect_invalid (f, dissolved_on_first_day);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
}

/* Founded or dissolved during the year, or known only by year: it existed in that year. */
static void
test_organization_existing_part_of_year_accepted (SdbTestFixture *f,
                                                  gconstpointer   data)
{
  gint64 founded = add_organization (f, "Chi bộ thôn Nà Lốc", "2024-12-31", NULL);
  gint64 dissolved = add_organization (f, "Chi bộ bản Co", NULL, "2024-01-02");
  gint64 partial = add_organization (f, "Chi bộ bản Mòng", "2024", "2024");
  g_autoptr(SdbAward) a = insert_award (f, 2024, founded, 0, NULL);
  g_autoptr(SdbAward) b = insert_award (f, 2024, dissolved, 0, NULL);
  g_autoptr(SdbAward) c = insert_award (f, 2024, partial, 0, NULL);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), ==, 3);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static void
test_meeting_of_another_year_warns (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 meeting = add_meeting (f, "2025-01-15");
  g_autoptr(SdbAward) award = make_award (2024, 0, 0, "Lò Văn Hùng");
  g_autoptr(GError) error = NULL;

  sdb_award_set_meeting_id (award, meeting);
  g_assert_true (sdb_award_insert (f->db, award, f->problems, &error));
  g_assert_no_error (error);
  sdb_test_assert_problem (f->problems, "meeting-id", SDB_SEVERITY_WARNING);
  g_assert_cmpuint (sdb_problems_count (f->problems, SDB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpint (sdb_award_get_id (award), >, 0);
}

static void
test_problems_reported_together (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbAward) award = sdb_award_new ();

  sdb_award_set_meeting_id (award, 4242);
  insert_expect_invalid (f, award);
  sdb_test_assert_problem (f->problems, "year", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "form", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "meeting-id", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 4);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/award/insert-reads-back", test_insert_reads_back);
  SDB_TEST_ADD ("/core/award/person-recipient-reads-back", test_person_recipient_reads_back);
  SDB_TEST_ADD ("/core/award/copy-keeps-every-field", test_copy_keeps_every_field);
  SDB_TEST_ADD ("/core/award/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/award/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/award/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/award/list-all-by-year-then-entry", test_list_all_by_year_then_entry);
  SDB_TEST_ADD ("/core/award/list-by-year", test_list_by_year);
  SDB_TEST_ADD ("/core/award/list-by-organization", test_list_by_organization);
  SDB_TEST_ADD ("/core/award/list-by-member", test_list_by_member);
  SDB_TEST_ADD ("/core/award/list-by-meeting", test_list_by_meeting);
  SDB_TEST_ADD ("/core/award/count-collectives-and-individuals",
                test_count_collectives_and_individuals);
  SDB_TEST_ADD ("/core/award/count-recipient-once", test_count_recipient_once);
  SDB_TEST_ADD ("/core/award/notifies-only-on-change", test_notifies_only_on_change);
  SDB_TEST_ADD ("/core/award/year-out-of-range-refused", test_year_out_of_range_refused);
  SDB_TEST_ADD ("/core/award/no-recipient-refused", test_no_recipient_refused);
  SDB_TEST_ADD ("/core/award/two-recipients-refused", test_two_recipients_refused);
  SDB_TEST_ADD ("/core/award/form-required", test_form_required);
  SDB_TEST_ADD ("/core/award/missing-organization-refused", test_missing_organization_refused);
  SDB_TEST_ADD ("/core/award/missing-member-refused", test_missing_member_refused);
  SDB_TEST_ADD ("/core/award/missing-meeting-refused", test_missing_meeting_refused);
  SDB_TEST_ADD ("/core/award/organization-not-existing-that-year-refused",
                test_organization_not_existing_that_year_refused);
  SDB_TEST_ADD ("/core/award/organization-existing-part-of-year-accepted",
                test_organization_existing_part_of_year_accepted);
  SDB_TEST_ADD ("/core/award/meeting-of-another-year-warns", test_meeting_of_another_year_warns);
  SDB_TEST_ADD ("/core/award/problems-reported-together", test_problems_reported_together);

  return g_test_run ();
}
