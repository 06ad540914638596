/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "sdb-badge.h"
#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-member-list.h"
#include "sdb-member.h"
#include "sdb-rating.h"
#include "sdb-test.h"

/* Every test runs as if on this day, unless it sets another one. */
#define TODAY "2025-06-30"

/* Organizations are written directly: these tests are about members. */
static gint64
add_organization_to (SdbDatabase *db,
                     const char  *code,
                     const char  *name,
                     const char  *kind,
                     const char  *founded,
                     const char  *dissolved)
{
  sqlite3 *handle = sdb_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO organization (code, name, name_key,"
                                       " search_key, kind, founded, dissolved)"
                                       " VALUES (?1, ?2, sdb_sort_key (?2), sdb_search_key (?2),"
                                       " ?3, ?4, ?5)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, founded, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, dissolved, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

static gint64
add_organization (SdbTestFixture *f,
                  const char     *code,
                  const char     *name,
                  const char     *kind,
                  const char     *founded,
                  const char     *dissolved)
{
  return add_organization_to (f->db, code, name, kind, founded, dissolved);
}

static gint64
add_cell (SdbTestFixture *f,
          const char     *code,
          const char     *name)
{
  return add_organization (f, code, name, "chi_bo_co_so", NULL, NULL);
}

static SdbMember *
make_member (const char *code,
             const char *full_name,
             const char *birth,
             const char *admission)
{
  SdbMember *member = sdb_member_new ();

  sdb_member_set_code (member, code);
  sdb_member_set_full_name (member, full_name);
  sdb_member_set_gender (member, SDB_GENDER_MALE);
  if (birth != NULL)
    {
      SdbDate date = sdb_test_date (birth);

      sdb_member_set_birth_date (member, &date);
    }
  if (admission != NULL)
    {
      SdbDate date = sdb_test_date (admission);

      sdb_member_set_admission_date (member, &date);
    }
  return member;
}

static SdbMember *
admit_member (SdbTestFixture *f,
              const char     *code,
              const char     *full_name,
              const char     *admission,
              gint64          organization_id)
{
  g_autoptr(GError) error = NULL;
  SdbMember *member = make_member (code, full_name, "1980-01-01", admission);

  sdb_member_admit (f->db, member, organization_id, f->problems, &error);
  g_assert_no_error (error);
  return member;
}

static void
set_date (SdbMember  *member,
          const char *property,
          const char *iso)
{
  SdbDate date = { 0, 0, 0 };

  if (iso != NULL)
    date = sdb_test_date (iso);
  g_object_set (member, property, iso != NULL ? &date : NULL, NULL);
}

static gint64
organization_at (SdbTestFixture *f,
                 SdbMember      *member,
                 const char     *iso)
{
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (iso);
  gint64 organization_id = -1;

  g_assert_true (sdb_member_get_organization_at (f->db, sdb_member_get_id (member), &date,
                                                 &organization_id, &error));
  g_assert_no_error (error);
  return organization_id;
}

static gint64
stored_organization (SdbTestFixture *f,
                     SdbMember      *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) read = sdb_member_lookup (f->db, sdb_member_get_id (member), &error);

  g_assert_no_error (error);
  return sdb_member_get_organization_id (read);
}

/* Validation of a new member without saving it. */
static void
validate (SdbTestFixture *f,
          SdbMember      *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_member_validate (f->db, member, f->problems, &error));
  g_assert_no_error (error);
}

static void
assert_no_problem (GPtrArray  *problems,
                   const char *field)
{
  if (sdb_problems_find (problems, field, SDB_SEVERITY_ERROR) != NULL
      || sdb_problems_find (problems, field, SDB_SEVERITY_WARNING) != NULL)
    {
      sdb_test_log_problems (problems);
      g_error ("unexpected problem about “%s”", field);
    }
}

/* Members --------------------------------------------------------------------------------------- */

static void
test_insert_reads_back (SdbTestFixture *f,
                        gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-05-10",
                                             "2005-03-02");
  g_autoptr(SdbMember) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate official = sdb_test_date ("2006-03-02");

  sdb_member_set_gender (member, SDB_GENDER_FEMALE);
  sdb_member_set_official_date (member, &official);
  sdb_member_set_ethnicity (member, "Thái");
  sdb_member_set_religion (member, "Không");
  sdb_member_set_hometown (member, "Sốp Cộp, Sơn La");
  sdb_member_set_card_number (member, "12.345678");
  sdb_member_set_position (member, "Bí thư chi bộ");
  sdb_member_set_notes (member, "Ghi chú");
  g_assert_true (sdb_member_insert (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_member_get_id (member), >, 0);

  read = sdb_member_lookup (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_member_get_code (read), ==, "DV001");
  g_assert_cmpstr (sdb_member_get_full_name (read), ==, "Nguyễn Văn An");
  g_assert_cmpint (sdb_member_get_gender (read), ==, SDB_GENDER_FEMALE);
  g_assert_cmpint (sdb_date_compare (sdb_member_get_birth_date (read),
                                     &(SdbDate) { 1980, 5, 10 }), ==, 0);
  g_assert_cmpint (sdb_date_compare (sdb_member_get_admission_date (read),
                                     &(SdbDate) { 2005, 3, 2 }), ==, 0);
  g_assert_cmpint (sdb_date_compare (sdb_member_get_official_date (read), &official), ==, 0);
  g_assert_cmpstr (sdb_member_get_ethnicity (read), ==, "Thái");
  g_assert_cmpstr (sdb_member_get_religion (read), ==, "Không");
  g_assert_cmpstr (sdb_member_get_hometown (read), ==, "Sốp Cộp, Sơn La");
  g_assert_cmpstr (sdb_member_get_card_number (read), ==, "12.345678");
  g_assert_cmpstr (sdb_member_get_position (read), ==, "Bí thư chi bộ");
  g_assert_cmpstr (sdb_member_get_notes (read), ==, "Ghi chú");
  /* Inserted without an event: not in any cell. */
  g_assert_cmpint (sdb_member_get_organization_id (read), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"
                                              " WHERE name_key IS NOT NULL"
                                              " AND search_key = 'nguyen van an'"), ==, 1);
}

static void
test_text_is_normalized (SdbTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(SdbMember) member = sdb_member_new ();

  /* NFD input, as some keyboards and files give it, with stray spaces. */
  sdb_member_set_full_name (member, "  Nguye\xcc\x82\xcc\x83n   Va\xcc\x86n  An ");
  sdb_member_set_hometown (member, " Nghe\xcc\xa3\xcc\x82 An ");
  g_assert_cmpstr (sdb_member_get_full_name (member), ==, "Nguyễn Văn An");
  g_assert_cmpstr (sdb_member_get_hometown (member), ==, "Nghệ An");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_setters_notify_only_on_change (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = sdb_member_new ();
  SdbDate date = sdb_test_date ("2005-03-02");
  guint count = 0;

  g_signal_connect (member, "notify", G_CALLBACK (count_notify), &count);
  sdb_member_set_full_name (member, "Nguyễn Văn An");
  sdb_member_set_full_name (member, "Nguyễn  Văn An");
  sdb_member_set_admission_date (member, &date);
  sdb_member_set_admission_date (member, &date);
  sdb_member_set_gender (member, SDB_GENDER_MALE);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_copy_keeps_every_field (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980", "2005-03-02");
  g_autoptr(SdbMember) copy = NULL;

  sdb_member_set_card_number (member, "12.345678");
  copy = sdb_member_copy (member);
  g_assert_cmpstr (sdb_member_get_code (copy), ==, "DV001");
  g_assert_cmpstr (sdb_member_get_full_name (copy), ==, "Nguyễn Văn An");
  g_assert_cmpstr (sdb_member_get_card_number (copy), ==, "12.345678");
  g_assert_cmpint (sdb_member_get_birth_date (copy)->year, ==, 1980);
  g_assert_cmpint (sdb_member_get_birth_date (copy)->month, ==, 0);
  g_assert_null (sdb_member_get_official_date (copy));
}

static void
test_update (SdbTestFixture *f,
             gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMember) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_member_set_full_name (member, "Nguyễn Văn Bình");
  sdb_member_set_position (member, "Phó Bí thư");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_member_lookup (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_member_get_full_name (read), ==, "Nguyễn Văn Bình");
  g_assert_cmpstr (sdb_member_get_position (read), ==, "Phó Bí thư");
  g_assert_cmpint (sdb_member_get_organization_id (read), ==, cell);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"
                                              " WHERE search_key = 'nguyen van binh'"), ==, 1);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  sdb_member_delete (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_false (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_cascades_events (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMemberExemption) exemption = sdb_member_exemption_new ();
  g_autoptr(SdbMember) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate first = sdb_test_date ("2020-01-01");

  sdb_member_exemption_set_member_id (exemption, sdb_member_get_id (member));
  sdb_member_exemption_set_first_date (exemption, &first);
  sdb_member_add_exemption (f->db, exemption, f->problems, &error);
  g_assert_no_error (error);

  g_assert_true (sdb_member_delete (f->db, sdb_member_get_id (member), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_exemption"), ==, 0);
  read = sdb_member_lookup (f->db, sdb_member_get_id (member), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_member_delete (f->db, sdb_member_get_id (member), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_referenced_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO award (year, member_id, form)"
                                          " VALUES (2020, %" G_GINT64_FORMAT ", 'Giấy khen')",
                                          sdb_member_get_id (member));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_false (sdb_member_delete (f->db, sdb_member_get_id (member), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 1);
}

static void
test_lookup_by_code (SdbTestFixture *f,
                     gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(SdbMember) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  read = sdb_member_lookup_by_code (f->db, " DV001 ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_member_get_id (read), ==, sdb_member_get_id (member));
  g_clear_object (&read);
  read = sdb_member_lookup_by_code (f->db, "DV002", &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_errors_write_nothing (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("", "", NULL, "2005-03-02");
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  /* Every problem at once. */
  sdb_test_assert_problem (f->problems, "code", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "full-name", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_member_get_id (member), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 0);
}

static void
test_code_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("  ", "Nguyễn Văn An", NULL, NULL);

  validate (f, member);
  sdb_test_assert_problem (f->problems, "code", SDB_SEVERITY_ERROR);
}

static void
test_full_name_required (SdbTestFixture *f,
                         gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", " ", NULL, NULL);

  validate (f, member);
  sdb_test_assert_problem (f->problems, "full-name", SDB_SEVERITY_ERROR);
}

static void
test_gender_required (SdbTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);

  sdb_member_set_gender (member, (SdbGender) 7);
  validate (f, member);
  sdb_test_assert_problem (f->problems, "gender", SDB_SEVERITY_ERROR);
}

static void
test_impossible_birth_date_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);

  sdb_member_set_birth_date (member, &(SdbDate) { 1980, 2, 30 });
  validate (f, member);
  sdb_test_assert_problem (f->problems, "birth-date", SDB_SEVERITY_ERROR);
}

static void
test_impossible_admission_date_refused (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);

  sdb_member_set_admission_date (member, &(SdbDate) { 2005, 13, 1 });
  validate (f, member);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
}

static void
test_impossible_official_date_refused (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, "2005-03-02");

  sdb_member_set_official_date (member, &(SdbDate) { 2006, 4, 31 });
  validate (f, member);
  sdb_test_assert_problem (f->problems, "official-date", SDB_SEVERITY_ERROR);
}

static void
test_birth_after_admission_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "2006-01-01",
                                             "2005-03-02");

  validate (f, member);
  sdb_test_assert_problem (f->problems, "birth-date", SDB_SEVERITY_ERROR);
}

static void
test_under_18_at_admission_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "2000-05-10",
                                             "2018-05-09");

  validate (f, member);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
}

static void
test_18th_birthday_admission_accepted (SdbTestFixture *f,
                                       gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "2000-05-10",
                                             "2018-05-10");

  validate (f, member);
  g_assert_false (sdb_problems_has_errors (f->problems));
}

static void
test_under_18_partial_dates_only_when_certain (SdbTestFixture *f,
                                               gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "2000", "2018-06");

  /* Born some time in 2000, admitted in June 2018: 18 if born before June. */
  validate (f, member);
  assert_no_problem (f->problems, "admission-date");

  /* Admitted in 2017: under 18 whatever the days. */
  set_date (member, "admission-date", "2017");
  validate (f, member);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
}

static void
test_official_before_12_months_refused (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");

  set_date (member, "official-date", "2006-03-01");
  validate (f, member);
  sdb_test_assert_problem (f->problems, "official-date", SDB_SEVERITY_ERROR);
}

static void
test_official_after_12_months_accepted (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");

  set_date (member, "official-date", "2006-03-02");
  validate (f, member);
  assert_no_problem (f->problems, "official-date");
}

static void
test_official_without_admission_refused (SdbTestFixture *f,
                                         gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01", NULL);

  set_date (member, "official-date", "2006-03-02");
  validate (f, member);
  sdb_test_assert_problem (f->problems, "official-date", SDB_SEVERITY_ERROR);
}

static void
test_duplicate_code_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbMember) first = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(SdbMember) second = make_member ("DV001", "Trần Thị Ánh", NULL, NULL);
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, first, f->problems, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_member_insert (f->db, second, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "code", SDB_SEVERITY_ERROR);
}

static void
test_update_keeps_own_code (SdbTestFixture *f,
                            gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  sdb_member_set_notes (member, "Đã sửa");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  assert_no_problem (f->problems, "code");
}

static void
test_probation_overdue_warns_and_saves (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2020-03-02");
  g_autoptr(GError) error = NULL;

  g_setenv ("SDB_TODAY", "2021-03-03", TRUE);
  g_assert_true (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_setenv ("SDB_TODAY", TODAY, TRUE);
  g_assert_no_error (error);
  sdb_test_assert_problem (f->problems, "official-date", SDB_SEVERITY_WARNING);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 1);
}

static void
test_probation_within_12_months_no_warning (SdbTestFixture *f,
                                            gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2020-03-02");
  g_autoptr(GError) error = NULL;

  g_setenv ("SDB_TODAY", "2021-03-02", TRUE);
  g_assert_true (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_setenv ("SDB_TODAY", TODAY, TRUE);
  g_assert_no_error (error);
  assert_no_problem (f->problems, "official-date");
}

static void
test_probation_overdue_not_for_former_members (SdbTestFixture *f,
                                               gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2020-03-02", cell);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2020-10-01");

  sdb_member_leave (f->db, sdb_member_get_id (member), &date, SDB_LEAVING_REASON_STRUCK_OFF,
                    f->problems, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (f->problems, 0);

  sdb_member_set_notes (member, "Xóa tên trong thời gian dự bị");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  assert_no_problem (f->problems, "official-date");
}

/* Events ---------------------------------------------------------------------------------------- */

static void
test_admit_creates_admission_event (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sdb_member_get_organization_id (member), ==, cell);
  g_assert_cmpint (stored_organization (f, member), ==, cell);
  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  event = g_list_model_get_item (events, 0);
  g_assert_cmpint (sdb_member_event_get_kind (event), ==, SDB_MEMBER_EVENT_KIND_ADMITTED);
  g_assert_cmpint (sdb_member_event_get_organization_id (event), ==, cell);
  g_assert_cmpint (sdb_date_compare (sdb_member_event_get_date (event),
                                     &(SdbDate) { 2005, 3, 2 }), ==, 0);
}

static void
test_admit_without_admission_date_refused (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);
}

static void
test_admit_into_non_cell_refused (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 committee = add_organization (f, "DB01", "Đảng bộ Công an xã", "dang_bo_co_so",
                                       NULL, NULL);
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_member_admit (f->db, member, committee, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);
}

static void
test_admit_into_subordinate_cell_accepted (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 cell = add_organization (f, "CB02", "Chi bộ Trạm Y tế", "chi_bo_truc_thuoc",
                                  NULL, NULL);
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);

  g_assert_cmpint (sdb_member_get_organization_id (member), ==, cell);
}

static void
test_transfer_in_places_member (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2015-08-01");

  g_assert_true (sdb_member_transfer_in (f->db, member, &date, cell, "Đảng bộ xã Mường Lạn",
                                         f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_member_get_organization_id (member), ==, cell);
  g_assert_cmpint (organization_at (f, member, "2015-07-31"), ==, 0);
  g_assert_cmpint (organization_at (f, member, "2015-08-01"), ==, cell);
  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (events, 0);
  g_assert_cmpint (sdb_member_event_get_kind (event), ==, SDB_MEMBER_EVENT_KIND_TRANSFER_IN);
  g_assert_cmpstr (sdb_member_event_get_place (event), ==, "Đảng bộ xã Mường Lạn");
}

static void
test_move_changes_organization_on_date (SdbTestFixture *f,
                                        gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  g_assert_true (sdb_member_move (f->db, sdb_member_get_id (member), &date, second,
                                  f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (organization_at (f, member, "2005-03-01"), ==, 0);
  g_assert_cmpint (organization_at (f, member, "2005-03-02"), ==, first);
  g_assert_cmpint (organization_at (f, member, "2012-06-30"), ==, first);
  g_assert_cmpint (organization_at (f, member, "2012-07-01"), ==, second);
  g_assert_cmpint (stored_organization (f, member), ==, second);
}

static void
test_move_to_same_cell_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  g_assert_false (sdb_member_move (f->db, sdb_member_get_id (member), &date, cell,
                                   f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "kind", SDB_SEVERITY_ERROR);
}

static void
test_move_before_admission_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2004-07-01");

  g_assert_false (sdb_member_move (f->db, sdb_member_get_id (member), &date, second,
                                   f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_assert_cmpint (stored_organization (f, member), ==, first);
}

static void
test_move_into_dissolved_organization_refused (SdbTestFixture *f,
                                               gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 dissolved = add_organization (f, "CB02", "Chi bộ bản Huổi Hẹ", "chi_bo_co_so",
                                       "2000-01-01", "2012-01-01");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate before = sdb_test_date ("2011-12-31");
  SdbDate after = sdb_test_date ("2012-01-01");

  g_assert_false (sdb_member_move (f->db, sdb_member_get_id (member), &after, dissolved,
                                   f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
  g_clear_error (&error);

  /* The day before it was dissolved, it still took members. */
  g_assert_true (sdb_member_move (f->db, sdb_member_get_id (member), &before, dissolved,
                                  f->problems, &error));
  g_assert_no_error (error);
}

static void
test_move_before_founding_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 later = add_organization (f, "CB02", "Chi bộ bản Huổi Hẹ", "chi_bo_co_so",
                                   "2015-01-01", NULL);
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2014-12-31");

  g_assert_false (sdb_member_move (f->db, sdb_member_get_id (member), &date, later,
                                   f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "organization-id", SDB_SEVERITY_ERROR);
}

static void
test_first_event_must_be_admission_or_transfer_in (SdbTestFixture *f,
                                                   gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2010-01-01");

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_member_move (f->db, sdb_member_get_id (member), &date, cell,
                                   f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "kind", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);

  g_assert_false (sdb_member_readmit (f->db, sdb_member_get_id (member), &date, cell,
                                      f->problems, &error));
  sdb_test_assert_problem (f->problems, "kind", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 0);
}

static void
test_admitted_event_date_must_match_admission (SdbTestFixture *f,
                                               gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", "1980-01-01",
                                             "2005-03-02");
  g_autoptr(SdbMemberEvent) event = sdb_member_event_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2005-03-03");

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  sdb_member_event_set_member_id (event, sdb_member_get_id (member));
  sdb_member_event_set_kind (event, SDB_MEMBER_EVENT_KIND_ADMITTED);
  sdb_member_event_set_date (event, &date);
  sdb_member_event_set_organization_id (event, cell);
  g_assert_false (sdb_member_add_event (f->db, event, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_clear_error (&error);

  date = sdb_test_date ("2005-03-02");
  sdb_member_event_set_date (event, &date);
  g_assert_true (sdb_member_add_event (f->db, event, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_member_event_get_id (event), >, 0);
  g_assert_cmpint (stored_organization (f, member), ==, cell);
}

static void
test_transfer_out_leaves_committee (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2018-09-01");

  g_assert_true (sdb_member_transfer_out (f->db, sdb_member_get_id (member), &date,
                                          "Đảng bộ huyện Mai Sơn", f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_organization (f, member), ==, 0);
  g_assert_cmpint (organization_at (f, member, "2018-08-31"), ==, cell);
  g_assert_cmpint (organization_at (f, member, "2018-09-01"), ==, 0);
  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (events, 1);
  g_assert_cmpint (sdb_member_event_get_kind (event), ==, SDB_MEMBER_EVENT_KIND_TRANSFER_OUT);
  g_assert_cmpstr (sdb_member_event_get_place (event), ==, "Đảng bộ huyện Mai Sơn");
  g_assert_cmpint (sdb_member_event_get_organization_id (event), ==, 0);
}

static void
test_leave_with_reason (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2020-11-20");

  g_assert_true (sdb_member_leave (f->db, sdb_member_get_id (member), &date,
                                   SDB_LEAVING_REASON_DIED, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_organization (f, member), ==, 0);
  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (events, 1);
  g_assert_cmpint (sdb_member_event_get_kind (event), ==, SDB_MEMBER_EVENT_KIND_LEFT);
  g_assert_cmpint (sdb_member_event_get_reason (event), ==, SDB_LEAVING_REASON_DIED);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE reason = 'died'"), ==, 1);
}

static void
test_leave_while_outside_refused (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GError) error = NULL;
  SdbDate out = sdb_test_date ("2018-09-01");
  SdbDate later = sdb_test_date ("2019-01-01");

  sdb_member_transfer_out (f->db, sdb_member_get_id (member), &out, NULL, f->problems, &error);
  g_assert_no_error (error);
  g_assert_false (sdb_member_leave (f->db, sdb_member_get_id (member), &later,
                                    SDB_LEAVING_REASON_RESIGNED, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "kind", SDB_SEVERITY_ERROR);
}

static void
test_readmit_after_leaving (SdbTestFixture *f,
                            gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GError) error = NULL;
  SdbDate left = sdb_test_date ("2010-05-01");
  SdbDate back = sdb_test_date ("2015-05-01");

  sdb_member_leave (f->db, sdb_member_get_id (member), &left, SDB_LEAVING_REASON_STRUCK_OFF,
                    f->problems, &error);
  g_assert_no_error (error);
  g_assert_true (sdb_member_readmit (f->db, sdb_member_get_id (member), &back, cell,
                                     f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (organization_at (f, member, "2012-01-01"), ==, 0);
  g_assert_cmpint (organization_at (f, member, "2015-05-01"), ==, cell);
  g_assert_cmpint (stored_organization (f, member), ==, cell);
}

static void
test_readmit_while_in_committee_refused (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2015-05-01");

  g_assert_false (sdb_member_readmit (f->db, sdb_member_get_id (member), &date, cell,
                                      f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "kind", SDB_SEVERITY_ERROR);
}

static void
test_event_breaking_later_history_refused (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate move = sdb_test_date ("2012-07-01");
  SdbDate out = sdb_test_date ("2010-01-01");

  sdb_member_move (f->db, sdb_member_get_id (member), &move, second, f->problems, &error);
  g_assert_no_error (error);
  /* Out of the committee in 2010, the move of 2012 could not have happened. */
  g_assert_false (sdb_member_transfer_out (f->db, sdb_member_get_id (member), &out, NULL,
                                           f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_assert_cmpint (stored_organization (f, member), ==, second);
}

static void
test_event_for_missing_member_refused (SdbTestFixture *f,
                                       gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  g_assert_false (sdb_member_move (f->db, 4242, &date, cell, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "member-id", SDB_SEVERITY_ERROR);
}

static void
test_delete_event_restores_organization (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(SdbMemberEvent) event = sdb_member_event_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  sdb_member_event_set_member_id (event, sdb_member_get_id (member));
  sdb_member_event_set_kind (event, SDB_MEMBER_EVENT_KIND_MOVE);
  sdb_member_event_set_date (event, &date);
  sdb_member_event_set_organization_id (event, second);
  sdb_member_add_event (f->db, event, f->problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored_organization (f, member), ==, second);

  g_assert_true (sdb_member_delete_event (f->db, sdb_member_event_get_id (event), &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_organization (f, member), ==, first);
  g_assert_false (sdb_member_delete_event (f->db, sdb_member_event_get_id (event), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_event_others_depend_on_refused (SdbTestFixture *f,
                                            gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SdbMemberEvent) admission = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  sdb_member_move (f->db, sdb_member_get_id (member), &date, second, f->problems, &error);
  g_assert_no_error (error);
  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  admission = g_list_model_get_item (events, 0);
  g_assert_false (sdb_member_delete_event (f->db, sdb_member_event_get_id (admission), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 2);
}

static void
test_list_events_in_order (SdbTestFixture *f,
                           gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate later = sdb_test_date ("2015-01-01");
  SdbDate earlier = sdb_test_date ("2010-01-01");
  static const SdbMemberEventKind expected[] = {
    SDB_MEMBER_EVENT_KIND_ADMITTED, SDB_MEMBER_EVENT_KIND_MOVE, SDB_MEMBER_EVENT_KIND_LEFT,
  };

  /* Recorded out of order: the later one first. */
  sdb_member_leave (f->db, sdb_member_get_id (member), &later, SDB_LEAVING_REASON_RESIGNED,
                    f->problems, &error);
  g_assert_no_error (error);
  sdb_member_move (f->db, sdb_member_get_id (member), &earlier, second, f->problems, &error);
  g_assert_no_error (error);

  events = sdb_member_list_events (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SdbMemberEvent) event = g_list_model_get_item (events, i);

      g_assert_cmpint (sdb_member_event_get_kind (event), ==, expected[i]);
    }
  g_assert_cmpint (stored_organization (f, member), ==, 0);
}

static void
test_same_day_events_latest_recorded_wins (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  gint64 third = add_cell (f, "CB03", "Chi bộ bản Nà Khi");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  sdb_member_move (f->db, sdb_member_get_id (member), &date, second, f->problems, &error);
  g_assert_no_error (error);
  sdb_member_move (f->db, sdb_member_get_id (member), &date, third, f->problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (organization_at (f, member, "2012-07-01"), ==, third);
  g_assert_cmpint (stored_organization (f, member), ==, third);
}

static void
test_update_admission_date_moves_admission_event (SdbTestFixture *f,
                                                  gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(GError) error = NULL;

  set_date (member, "admission-date", "2005-02-03");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE kind = 'admitted'"
                                              " AND date = '2005-02-03'"), ==, 1);
  g_assert_cmpint (organization_at (f, member, "2005-02-03"), ==, cell);
}

static void
test_update_admission_date_after_later_event_refused (SdbTestFixture *f,
                                                      gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02",
                                              first);
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2010-01-01");

  sdb_member_move (f->db, sdb_member_get_id (member), &date, second, f->problems, &error);
  g_assert_no_error (error);
  set_date (member, "admission-date", "2011-01-01");
  g_assert_false (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);

  /* Nor may the admission date be removed from a member admitted here. */
  set_date (member, "admission-date", NULL);
  g_assert_false (sdb_member_update (f->db, member, f->problems, &error));
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
}

/* What depends on the member's dates ----------------------------------------------------------- */

/* A member born in 1960, admitted on @admission into a new cell. */
static SdbMember *
admit_veteran (SdbTestFixture *f,
               const char     *admission)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  SdbMember *member = make_member ("DV001", "Lò Văn Sơn", "1960-03-12", admission);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_member_admit (f->db, member, cell, f->problems, &error));
  g_assert_no_error (error);
  return member;
}

static void
add_badge (SdbTestFixture *f,
           SdbMember      *member,
           int             years,
           const char     *iso)
{
  g_autoptr(SdbBadge) badge = sdb_badge_new ();
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (iso);

  sdb_badge_set_member_id (badge, sdb_member_get_id (member));
  sdb_badge_set_years (badge, years);
  sdb_badge_set_date (badge, &date);
  g_assert_true (sdb_badge_insert (f->db, badge, f->problems, &error));
  g_assert_no_error (error);
}

static void
add_rating (SdbTestFixture *f,
            SdbMember      *member,
            int             year)
{
  g_autoptr(SdbRating) rating = sdb_rating_new_for_member (sdb_member_get_id (member), year);
  g_autoptr(GError) error = NULL;

  sdb_rating_set_grade (rating, SDB_GRADE_GOOD);
  g_assert_true (sdb_rating_insert (f->db, rating, f->problems, &error));
  g_assert_no_error (error);
}

/* The errors `sodangbo-cli check` finds in the whole database. */
static guint
count_check_errors (SdbTestFixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n_errors = G_MAXUINT;

  g_assert_true (sdb_check_run (f->db, NULL, NULL, &n_errors, NULL, &error));
  g_assert_no_error (error);
  return n_errors;
}

static void
assert_problem_mentions (GPtrArray  *problems,
                         const char *field,
                         const char *text)
{
  const SdbProblem *problem = sdb_problems_find (problems, field, SDB_SEVERITY_ERROR);

  g_assert_nonnull (problem);
  if (strstr (problem->message, text) == NULL)
    g_error ("“%s” not in the problem “%s”", text, problem->message);
}

static void
test_admission_date_beyond_badge_refused (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbMember) member = admit_veteran (f, "1994-01-15");
  g_autoptr(SdbMember) read = NULL;
  g_autoptr(GError) error = NULL;

  add_badge (f, member, 30, "2024-02-03");
  g_ptr_array_set_size (f->problems, 0);

  /* From 01/11/1994 the member has 29 years and 3 months of party age on 03/02/2024. */
  set_date (member, "admission-date", "1994-11-01");
  g_assert_false (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "admission-date", SDB_SEVERITY_ERROR);
  assert_problem_mentions (f->problems, "admission-date", "03/02/2024");
  assert_problem_mentions (f->problems, "admission-date", "29");

  /* Nothing written: neither the member nor their admission event. */
  read = sdb_member_lookup (f->db, sdb_member_get_id (member), NULL);
  g_assert_cmpint (sdb_member_get_admission_date (read)->year, ==, 1994);
  g_assert_cmpint (sdb_member_get_admission_date (read)->month, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE kind = 'admitted'"
                                              " AND date = '1994-01-15'"), ==, 1);
  g_assert_cmpuint (count_check_errors (f), ==, 0);
}

static void
test_departure_before_rated_year_refused (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbMember) member = admit_veteran (f, "2005-03-02");
  gint64 id = sdb_member_get_id (member);
  g_autoptr(GError) error = NULL;
  SdbDate recorded = sdb_test_date ("2024-06-01");
  SdbDate earlier = sdb_test_date ("2022-06-30");

  add_rating (f, member, 2023);
  add_rating (f, member, 2024);
  g_assert_true (sdb_member_transfer_out (f->db, id, &recorded, NULL, f->problems, &error));
  g_assert_no_error (error);

  /* The departure was recorded on the wrong day: it goes, and the real one, earlier, would
   * leave the ratings of 2023 and 2024 for years the member was no longer here. */
  g_assert_true (sdb_member_delete_event (f->db,
                                          sdb_test_query_int (f->db,
                                                              "SELECT id FROM member_event"
                                                              " WHERE kind = 'transfer_out'"),
                                          &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (f->problems, 0);
  g_assert_false (sdb_member_transfer_out (f->db, id, &earlier, NULL, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  assert_problem_mentions (f->problems, "date", "2023");
  g_assert_cmpuint (sdb_problems_count (f->problems, SDB_SEVERITY_ERROR), ==, 2);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE kind = 'transfer_out'"), ==, 0);
  g_assert_cmpint (stored_organization (f, member), !=, 0);
  g_assert_cmpuint (count_check_errors (f), ==, 0);
}

static void
test_delete_event_a_rating_depends_on_refused (SdbTestFixture *f,
                                               gconstpointer   data)
{
  g_autoptr(SdbMember) member = admit_veteran (f, "2005-03-02");
  g_autoptr(SdbMemberEvent) back = sdb_member_event_new ();
  gint64 id = sdb_member_get_id (member);
  g_autoptr(GError) error = NULL;
  SdbDate out = sdb_test_date ("2015-01-01");
  SdbDate back_on = sdb_test_date ("2020-01-01");

  g_assert_true (sdb_member_transfer_out (f->db, id, &out, NULL, f->problems, &error));
  g_assert_no_error (error);
  sdb_member_event_set_member_id (back, id);
  sdb_member_event_set_kind (back, SDB_MEMBER_EVENT_KIND_TRANSFER_IN);
  sdb_member_event_set_date (back, &back_on);
  sdb_member_event_set_organization_id (back, sdb_member_get_organization_id (member));
  g_assert_true (sdb_member_add_event (f->db, back, f->problems, &error));
  g_assert_no_error (error);
  add_rating (f, member, 2021);

  /* Without their return in 2020, the member was not here in 2021, when they were rated. */
  g_assert_false (sdb_member_delete_event (f->db, sdb_member_event_get_id (back), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2021"));
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 3);
  g_assert_cmpint (stored_organization (f, member), !=, 0);
  g_assert_cmpuint (count_check_errors (f), ==, 0);
}

static void
test_harmless_date_change_saves (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(SdbMember) member = admit_veteran (f, "1994-01-15");
  g_autoptr(GError) error = NULL;

  add_badge (f, member, 30, "2024-02-03");
  add_rating (f, member, 2024);

  /* Later, but still 30 years and more of party age on 03/02/2024. */
  set_date (member, "admission-date", "1994-02-01");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"
                                              " WHERE admission_date = '1994-02-01'"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"
                                              " WHERE kind = 'admitted'"
                                              " AND date = '1994-02-01'"), ==, 1);
  g_assert_null (sdb_problems_find (f->problems, NULL, SDB_SEVERITY_ERROR));
  g_assert_cmpuint (count_check_errors (f), ==, 0);
}

static void
test_invalid_record_before_the_change_does_not_block_it (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(SdbMember) member = admit_veteran (f, "2005-03-02");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  /* Old data: a rating for a year before the member joined, which `check` reports. */
  sql = g_strdup_printf ("INSERT INTO member_rating (member_id, year, grade)"
                         " VALUES (%" G_GINT64_FORMAT ", 2001, 'good')",
                         sdb_member_get_id (member));
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (f->db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpuint (count_check_errors (f), ==, 1);

  sdb_member_set_full_name (member, "Lò Văn Sơn Hai");
  set_date (member, "admission-date", "2005-03-01");
  g_assert_true (sdb_member_update (f->db, member, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"
                                              " WHERE admission_date = '2005-03-01'"), ==, 1);
}

/* Exemptions ------------------------------------------------------------------------------------ */

static SdbMemberExemption *
make_exemption (gint64      member_id,
                const char *first,
                const char *last)
{
  SdbMemberExemption *exemption = sdb_member_exemption_new ();

  sdb_member_exemption_set_member_id (exemption, member_id);
  if (first != NULL)
    {
      SdbDate date = sdb_test_date (first);

      sdb_member_exemption_set_first_date (exemption, &date);
    }
  if (last != NULL)
    {
      SdbDate date = sdb_test_date (last);

      sdb_member_exemption_set_last_date (exemption, &date);
    }
  sdb_member_exemption_set_reason (exemption, "Tuổi cao, sức yếu");
  return exemption;
}

static SdbMember *
member_with_exemption (SdbTestFixture *f,
                       const char     *first,
                       const char     *last)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  SdbMember *member = admit_member (f, "DV001", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMemberExemption) exemption = make_exemption (sdb_member_get_id (member), first,
                                                            last);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  g_assert_no_error (error);
  return member;
}

static void
test_exemption_add_and_list (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", "2021-12-31");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SdbMemberExemption) read = NULL;
  g_autoptr(GError) error = NULL;

  list = sdb_member_list_exemptions (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  read = g_list_model_get_item (list, 0);
  g_assert_cmpint (sdb_member_exemption_get_id (read), >, 0);
  g_assert_cmpint (sdb_member_exemption_get_first_date (read)->year, ==, 2020);
  g_assert_cmpint (sdb_member_exemption_get_last_date (read)->year, ==, 2021);
  g_assert_cmpstr (sdb_member_exemption_get_reason (read), ==, "Tuổi cao, sức yếu");
}

static void
test_exemption_update (SdbTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(SdbMemberExemption) exemption = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate last = sdb_test_date ("2022-06-30");

  list = sdb_member_list_exemptions (f->db, sdb_member_get_id (member), &error);
  g_assert_no_error (error);
  exemption = sdb_member_exemption_copy (g_list_model_get_item (list, 0));
  g_object_unref (g_list_model_get_item (list, 0)); /* the ref taken just above */
  sdb_member_exemption_set_last_date (exemption, &last);
  g_assert_true (sdb_member_update_exemption (f->db, exemption, f->problems, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_exemption"
                                              " WHERE last_date = '2022-06-30'"), ==, 1);
}

static void
test_exemption_delete (SdbTestFixture *f,
                       gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = sdb_test_query_int (f->db, "SELECT id FROM member_exemption");

  g_assert_true (sdb_member_delete_exemption (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_exemption"), ==, 0);
  g_assert_false (sdb_member_delete_exemption (f->db, id, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_exemption_first_date_required (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(SdbMemberExemption) exemption = NULL;
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  exemption = make_exemption (sdb_member_get_id (member), NULL, "2021-01-01");
  g_assert_false (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-date", SDB_SEVERITY_ERROR);
}

static void
test_exemption_last_before_first_refused (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbMember) member = make_member ("DV001", "Nguyễn Văn An", NULL, NULL);
  g_autoptr(SdbMemberExemption) exemption = NULL;
  g_autoptr(GError) error = NULL;

  sdb_member_insert (f->db, member, f->problems, &error);
  g_assert_no_error (error);
  exemption = make_exemption (sdb_member_get_id (member), "2021-01-02", "2021-01-01");
  g_assert_false (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "last-date", SDB_SEVERITY_ERROR);
}

static void
test_exemption_overlap_refused (SdbTestFixture *f,
                                gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", "2021-12-31");
  g_autoptr(SdbMemberExemption) exemption =
    make_exemption (sdb_member_get_id (member), "2021-12-31", "2022-12-31");
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "first-date", SDB_SEVERITY_ERROR);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_exemption"), ==, 1);
}

static void
test_exemption_open_ended_overlap_refused (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", NULL);
  g_autoptr(SdbMemberExemption) exemption =
    make_exemption (sdb_member_get_id (member), "2024-01-01", "2024-12-31");
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  sdb_test_assert_problem (f->problems, "first-date", SDB_SEVERITY_ERROR);
}

static void
test_exemption_next_period_accepted (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-01-01", "2021-12-31");
  g_autoptr(SdbMemberExemption) exemption =
    make_exemption (sdb_member_get_id (member), "2022-01-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_member_add_exemption (f->db, exemption, f->problems, &error));
  g_assert_no_error (error);

  /* Updating a period against itself is no overlap. */
  sdb_member_exemption_set_reason (exemption, "Ốm đau");
  g_assert_true (sdb_member_update_exemption (f->db, exemption, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_is_exempt_on (SdbTestFixture *f,
                   gconstpointer   data)
{
  g_autoptr(SdbMember) member = member_with_exemption (f, "2020-03-01", "2021-06");
  static const struct { const char *date; gboolean exempt; } cases[] = {
    { "2020-02-29", FALSE }, { "2020-03-01", TRUE }, { "2021-06-30", TRUE },
    { "2021-07-01", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SdbDate date = sdb_test_date (cases[i].date);
      gboolean exempt = !cases[i].exempt;

      g_assert_true (sdb_member_is_exempt_on (f->db, sdb_member_get_id (member), &date,
                                              &exempt, &error));
      g_assert_no_error (error);
      g_assert_cmpint (exempt, ==, cases[i].exempt);
    }
}

/* The member list ------------------------------------------------------------------------------- */

static SdbMemberList *
new_list (SdbTestFixture *f,
          gint64          organization_id,
          const char     *search,
          gboolean        include_former)
{
  g_autoptr(GError) error = NULL;
  SdbMemberFilter filter;
  SdbMemberList *list;

  sdb_member_filter_init (&filter);
  filter.organization_id = organization_id;
  filter.search = search;
  filter.include_former = include_former;
  list = sdb_member_list_new (f->db, &filter, &error);
  g_assert_no_error (error);
  return list;
}

static char *
name_at (GListModel *list,
         guint       position)
{
  g_autoptr(SdbMember) member = g_list_model_get_item (list, position);

  return g_strdup (sdb_member_get_full_name (member));
}

/* 2000 members with varied given, middle and family names, in two cells. */
static void
add_many (SdbTestFixture *f,
          gint64          first,
          gint64          second)
{
  static const char *const families[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng",
                                          "Lò", "Quàng", "Cầm", "Vì" };
  static const char *const middles[] = { "Văn", "Thị", "Đức", "Thị Thu", "Ngọc" };
  static const char *const givens[] = { "An", "Ánh", "Bình", "Cường", "Dũng", "Đào", "Hoa",
                                        "Hòa", "Hoà", "Lan", "Minh", "Ơn", "Ưng", "Yến",
                                        "Ân", "Ắt", "Đông", "Dung", "Oanh", "Tuấn" };
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_database_begin (f->db, &error));
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *code = g_strdup_printf ("DV%05u", i);
      g_autofree char *name = g_strdup_printf ("%s %s %s",
                                               families[i % G_N_ELEMENTS (families)],
                                               middles[(i / 7) % G_N_ELEMENTS (middles)],
                                               givens[(i / 3) % G_N_ELEMENTS (givens)]);
      g_autoptr(SdbMember) member = make_member (code, name, "1980-01-01", "2005-03-02");

      sdb_member_set_official_date (member, &(SdbDate) { 2006, 3, 2 });
      g_assert_true (sdb_member_admit (f->db, member, i % 2 ? first : second, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sdb_database_commit (f->db, &error));
}

static void
test_list_n_items_and_order (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMemberList) list = NULL;
  g_autofree char *previous = NULL;

  add_many (f, first, second);
  list = new_list (f, 0, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SDB_TYPE_MEMBER);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2000));

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = name_at (G_LIST_MODEL (list), i);

      if (previous != NULL && sdb_vn_collate_names (previous, name) > 0)
        g_error ("“%s” listed before “%s”", previous, name);
      g_free (previous);
      previous = g_steal_pointer (&name);
    }
}

static void
test_list_sorts_by_given_name (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) binh = admit_member (f, "DV3", "Lê Văn Bình", "2005-03-02", cell);
  g_autoptr(SdbMember) anh = admit_member (f, "DV2", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, NULL, FALSE);
  static const char *const expected[] = { "Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình" };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = name_at (G_LIST_MODEL (list), i);

      g_assert_cmpstr (name, ==, expected[i]);
    }
}

static void
test_list_builds_only_asked_items (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMemberList) list = NULL;
  g_autoptr(SdbMember) item = NULL;
  g_autoptr(SdbMember) again = NULL;

  add_many (f, first, second);
  list = new_list (f, 0, NULL, FALSE);
  g_assert_cmpuint (sdb_member_list_get_n_cached (list), ==, 0);

  item = g_list_model_get_item (G_LIST_MODEL (list), 1234);
  g_assert_cmpuint (sdb_member_list_get_n_cached (list), ==, 1);
  g_assert_cmpint (sdb_member_get_id (item), ==, sdb_member_list_get_member_id (list, 1234));
  again = g_list_model_get_item (G_LIST_MODEL (list), 1234);
  g_assert_true (again == item);
  g_assert_cmpuint (sdb_member_list_get_n_cached (list), ==, 1);

  for (guint i = 0; i < 2000; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpuint (sdb_member_list_get_n_cached (list), <=, 500);
}

static void
test_list_search_ignores_diacritics (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) old_tone = admit_member (f, "DV1", "Nguyễn Văn Hoà", "2005-03-02",
                                                cell);
  g_autoptr(SdbMember) new_tone = admit_member (f, "DV2", "Nguyễn Văn Hòa", "2005-03-02",
                                                cell);
  g_autoptr(SdbMember) other = admit_member (f, "DV3", "Nguyễn Văn Hoan", "2005-03-02", cell);
  g_autoptr(SdbMember) unrelated = admit_member (f, "DV4", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, "nguyen van hoa", FALSE);

  /* "Hoan" contains the text searched for too. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (sdb_member_list_find (list, sdb_member_get_id (old_tone)), !=, G_MAXUINT);
  g_assert_cmpuint (sdb_member_list_find (list, sdb_member_get_id (new_tone)), !=, G_MAXUINT);
  g_assert_cmpuint (sdb_member_list_find (list, sdb_member_get_id (unrelated)), ==, G_MAXUINT);

  g_clear_object (&list);
  list = new_list (f, 0, "ANH", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_clear_object (&list);
  /* A character that LIKE would take for a pattern matches only itself. */
  list = new_list (f, 0, "_", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_list_search_by_code (SdbTestFixture *f,
                          gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) an = admit_member (f, "DV-17", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMember) anh = admit_member (f, "DV-18", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, "DV-18", FALSE);
  g_autoptr(SdbMember) item = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (sdb_member_get_id (item), ==, sdb_member_get_id (anh));
}

static void
test_list_filter_organization (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 first = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  gint64 second = add_cell (f, "CB02", "Chi bộ bản Huổi Hẹ");
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", first);
  g_autoptr(SdbMember) anh = admit_member (f, "DV2", "Trần Thị Ánh", "2005-03-02", second);
  g_autoptr(SdbMember) binh = admit_member (f, "DV3", "Lê Văn Bình", "2005-03-02", first);
  g_autoptr(SdbMemberList) list = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2012-07-01");

  /* A member who moved is listed under the cell they are in now. */
  sdb_member_move (f->db, sdb_member_get_id (binh), &date, second, f->problems, &error);
  g_assert_no_error (error);
  list = new_list (f, first, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (sdb_member_list_get_member_id (list, 0), ==, sdb_member_get_id (an));
  g_clear_object (&list);

  list = new_list (f, second, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (sdb_member_list_get_member_id (list, 0), ==, sdb_member_get_id (anh));
  g_assert_cmpint (sdb_member_list_get_member_id (list, 1), ==, sdb_member_get_id (binh));
}

static void
test_list_former_members_only_when_asked (SdbTestFixture *f,
                                          gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMember) anh = admit_member (f, "DV2", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date ("2018-09-01");

  sdb_member_transfer_out (f->db, sdb_member_get_id (anh), &date, NULL, f->problems, &error);
  g_assert_no_error (error);
  list = new_list (f, 0, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_clear_object (&list);
  list = new_list (f, 0, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->calls++;
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
}

static void
test_list_reload_emits_once (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMember) anh = admit_member (f, "DV2", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, NULL, FALSE);
  g_autoptr(SdbMember) binh = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged seen = { 0, };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &seen);
  binh = admit_member (f, "DV3", "Lê Văn Bình", "2005-03-02", cell);
  g_assert_true (sdb_member_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 2);
  g_assert_cmpuint (seen.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_list_set_filter_reloads (SdbTestFixture *f,
                              gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMember) anh = admit_member (f, "DV2", "Trần Thị Ánh", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, NULL, FALSE);
  g_autoptr(GError) error = NULL;
  SdbMemberFilter filter;
  ItemsChanged seen = { 0, };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &seen);
  sdb_member_filter_init (&filter);
  filter.search = "tran";
  g_assert_true (sdb_member_list_set_filter (list, &filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_list_find (SdbTestFixture *f,
                gconstpointer   data)
{
  gint64 cell = add_cell (f, "CB01", "Chi bộ thôn Nà Lốc");
  g_autoptr(SdbMember) binh = admit_member (f, "DV3", "Lê Văn Bình", "2005-03-02", cell);
  g_autoptr(SdbMember) an = admit_member (f, "DV1", "Nguyễn Văn An", "2005-03-02", cell);
  g_autoptr(SdbMemberList) list = new_list (f, 0, NULL, FALSE);

  g_assert_cmpuint (sdb_member_list_find (list, sdb_member_get_id (an)), ==, 0);
  g_assert_cmpuint (sdb_member_list_find (list, sdb_member_get_id (binh)), ==, 1);
  g_assert_cmpuint (sdb_member_list_find (list, 4242), ==, G_MAXUINT);
}

/* A new member's outline --------------------------------------------------------------------- */

typedef struct
{
  const char          *code;
  const char          *full_name;
  const char          *admission;
  const char          *official;
  const char          *entered_on;   /* a transfer in; NULL: admitted */
  int                  entered;      /* index into the cells */
  const char          *moved_on;
  int                  cell;
  SdbMemberEventKind   departure;    /* 0: none */
  const char          *left_on;
  SdbLeavingReason     reason;
  int                  refused_at;   /* the step with an error, -1 for none */
} OutlineCase;

enum { C1, C2, DISSOLVED, PARTY, FOUNDED_2020, N_ORGANIZATIONS };

static const OutlineCase outline_cases[] = {
  { "O01", "Lò Văn Minh", "2010-05-01", "2011-05-01", NULL, C1, NULL, 0, 0, NULL, 0, -1 },
  { "O02", "Quàng Thị Hoa", "2005-01-01", "2006-01-01", "2015-03-01", C2, NULL, 0, 0, NULL, 0,
    -1 },
  { "O03", "Cầm Văn Tuấn", "2008-01-01", "2009-01-01", NULL, C1, "2012-01-01", C2,
    SDB_MEMBER_EVENT_KIND_LEFT, "2020-06-01", SDB_LEAVING_REASON_DIED, -1 },
  { "O04", "Tòng Thị Lan", "2001-02-03", "2002-02-03", "2009-01-01", DISSOLVED, "2009-12-01", C1,
    SDB_MEMBER_EVENT_KIND_TRANSFER_OUT, "2021-01-01", 0, -1 },
  /* Still probationary after 12 months: a warning, and the member is written. */
  { "O05", "Lường Văn Sơn", "2024-01-10", NULL, NULL, C1, NULL, 0, 0, NULL, 0, -1 },
  /* Refused at the entry: no admission date, and no name. */
  { "O06", "", NULL, NULL, NULL, C1, NULL, 0, 0, NULL, 0, SDB_MEMBER_OUTLINE_ENTRY },
  { "O07", "Hà Văn Bình", "2010-01-01", NULL, NULL, PARTY, NULL, 0, 0, NULL, 0,
    SDB_MEMBER_OUTLINE_ENTRY },
  { "O08", "Vì Thị Mai", "2010-01-01", "2011-01-01", NULL, FOUNDED_2020, NULL, 0, 0, NULL, 0,
    SDB_MEMBER_OUTLINE_ENTRY },
  /* Refused at the move: before the admission, into the same cell, a cell dissolved. */
  { "O09", "Lò Thị Thu", "2008-01-01", "2009-01-01", NULL, C1, "2007-01-01", C2, 0, NULL, 0,
    SDB_MEMBER_OUTLINE_MOVE },
  { "O10", "Cầm Văn Hải", "2008-01-01", "2009-01-01", NULL, C1, "2012-01-01", C1, 0, NULL, 0,
    SDB_MEMBER_OUTLINE_MOVE },
  { "O11", "Quàng Văn Long", "2008-01-01", "2009-01-01", NULL, C1, "2012-01-01", DISSOLVED, 0,
    NULL, 0, SDB_MEMBER_OUTLINE_MOVE },
  /* Refused at the departure: before the move. */
  { "O12", "Tòng Văn Hùng", "2008-01-01", "2009-01-01", NULL, C1, "2012-01-01", C2,
    SDB_MEMBER_EVENT_KIND_LEFT, "2011-01-01", SDB_LEAVING_REASON_RESIGNED,
    SDB_MEMBER_OUTLINE_DEPARTURE },
};

static void
add_outline_organizations (SdbDatabase *db,
                           gint64      *ids)
{
  static const struct { const char *code, *name, *kind, *founded, *dissolved; } rows[] = {
    [C1] = { "CB1", "Chi bộ bản Mòng", "chi_bo_co_so", "2000-01-01", NULL },
    [C2] = { "CB2", "Chi bộ bản Hụm", "chi_bo_co_so", "2000-01-01", NULL },
    [DISSOLVED] = { "CB3", "Chi bộ bản Cá", "chi_bo_co_so", "2000-01-01", "2010-01-01" },
    [PARTY] = { "DB1", "Đảng bộ xã Chiềng Cơi", "dang_bo_co_so", "2000-01-01", NULL },
    [FOUNDED_2020] = { "CB4", "Chi bộ tổ dân phố 9", "chi_bo_co_so", "2020-01-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    ids[i] = add_organization_to (db, rows[i].code, rows[i].name, rows[i].kind, rows[i].founded,
                                  rows[i].dissolved);
}

static SdbMember *
outline_member (const OutlineCase *c)
{
  SdbMember *member = make_member (c->code, c->full_name, "1980-01-01", c->admission);

  set_date (member, "official-date", c->official);
  return member;
}

static SdbDate
optional_date (const char *iso)
{
  SdbDate date = { 0, 0, 0 };

  return iso != NULL ? sdb_test_date (iso) : date;
}

/* The case through the forms' calls, one after the other, in one transaction as an import
 * makes them. */
static gboolean
outline_by_forms (SdbDatabase       *db,
                  const OutlineCase *c,
                  const gint64      *ids,
                  GPtrArray        **found)
{
  g_autoptr(SdbMember) member = outline_member (c);
  g_autoptr(GError) error = NULL;
  SdbDate entered_on = optional_date (c->entered_on);
  SdbDate moved_on = optional_date (c->moved_on);
  SdbDate left_on = optional_date (c->left_on);
  gboolean ok;

  g_assert_true (sdb_database_begin (db, NULL));
  if (c->entered_on != NULL)
    ok = sdb_member_transfer_in (db, member, &entered_on, ids[c->entered], NULL,
                                 found[SDB_MEMBER_OUTLINE_ENTRY], &error);
  else
    ok = sdb_member_admit (db, member, ids[c->entered], found[SDB_MEMBER_OUTLINE_ENTRY],
                           &error);
  if (ok && c->moved_on != NULL)
    ok = sdb_member_move (db, sdb_member_get_id (member), &moved_on, ids[c->cell],
                          found[SDB_MEMBER_OUTLINE_MOVE], &error);
  if (ok && c->departure == SDB_MEMBER_EVENT_KIND_TRANSFER_OUT)
    ok = sdb_member_transfer_out (db, sdb_member_get_id (member), &left_on, NULL,
                                  found[SDB_MEMBER_OUTLINE_DEPARTURE], &error);
  else if (ok && c->departure == SDB_MEMBER_EVENT_KIND_LEFT)
    ok = sdb_member_leave (db, sdb_member_get_id (member), &left_on, c->reason,
                           found[SDB_MEMBER_OUTLINE_DEPARTURE], &error);
  if (ok)
    g_assert_true (sdb_database_commit (db, NULL));
  else
    {
      g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
      sdb_database_rollback (db);
    }
  return ok;
}

static gboolean
outline_at_once (SdbDatabase       *db,
                 const OutlineCase *c,
                 const gint64      *ids,
                 GPtrArray        **found)
{
  g_autoptr(SdbMember) member = outline_member (c);
  g_autoptr(GError) error = NULL;
  SdbMemberOutline outline = { 0 };
  gboolean ok;

  outline.transferred_in = c->entered_on != NULL;
  outline.entered_on = optional_date (c->entered_on);
  outline.entered_organization_id = ids[c->entered];
  outline.moved_on = optional_date (c->moved_on);
  outline.organization_id = ids[c->cell];
  outline.departure = c->departure;
  outline.left_on = optional_date (c->left_on);
  outline.reason = c->reason;

  g_assert_true (sdb_database_begin (db, NULL));
  ok = sdb_member_insert_outline (db, member, &outline, found, &error);
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpint (sdb_member_get_id (member), >, 0);
      g_assert_true (sdb_database_commit (db, NULL));
    }
  else
    {
      g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
      g_assert_cmpint (sdb_member_get_id (member), ==, 0);
      sdb_database_rollback (db);
    }
  return ok;
}

/* Every row of @sql, its columns joined, one line each. */
static char *
dump_rows (SdbDatabase *db,
           const char  *sql)
{
  sqlite3 *handle = sdb_database_get_handle (db);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text;

          if (sqlite3_column_type (stmt, i) == SQLITE_BLOB)
            {
              g_autofree char *hex = NULL;
              const guchar *blob = sqlite3_column_blob (stmt, i);
              GString *h = g_string_new (NULL);

              for (int b = 0; b < sqlite3_column_bytes (stmt, i); b++)
                g_string_append_printf (h, "%02x", blob[b]);
              hex = g_string_free (h, FALSE);
              g_string_append_printf (out, "%s|", hex);
            }
          else
            {
              text = (const char *) sqlite3_column_text (stmt, i);
              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* sdb_member_insert_outline () writes the same members, events and change history as the
 * forms' calls one after the other, and refuses the same steps with the same problems. */
static void
test_outline_writes_what_the_forms_write (SdbTestFixture *f,
                                          gconstpointer   data)
{
  static const char *const dumps[] = {
    "SELECT * FROM member ORDER BY id",
    "SELECT * FROM member_event ORDER BY id",
    "SELECT op, tbl, row_key, record_kind, record_id, record_key, changes FROM history"
    " WHERE op IN ('insert', 'update', 'delete') ORDER BY id",
  };
  g_autofree char *forms_path = g_build_filename (f->dir, "forms.db", NULL);
  g_autoptr(SdbDatabase) forms = sdb_database_open (forms_path, NULL);
  gint64 ids[N_ORGANIZATIONS], forms_ids[N_ORGANIZATIONS];
  guint n_written = 0, n_warned = 0;

  g_assert_nonnull (forms);
  add_outline_organizations (f->db, ids);
  add_outline_organizations (forms, forms_ids);
  g_assert_cmpmem (ids, sizeof ids, forms_ids, sizeof forms_ids);

  for (guint i = 0; i < G_N_ELEMENTS (outline_cases); i++)
    {
      const OutlineCase *c = &outline_cases[i];
      g_autoptr(GPtrArray) a0 = sdb_problems_new (), a1 = sdb_problems_new ();
      g_autoptr(GPtrArray) a2 = sdb_problems_new (), b0 = sdb_problems_new ();
      g_autoptr(GPtrArray) b1 = sdb_problems_new (), b2 = sdb_problems_new ();
      GPtrArray *by_forms[] = { a0, a1, a2 };
      GPtrArray *at_once[] = { b0, b1, b2 };
      gboolean ok_forms = outline_by_forms (forms, c, ids, by_forms);
      gboolean ok = outline_at_once (f->db, c, ids, at_once);

      g_test_message ("case %s", c->code);
      g_assert_cmpint (ok, ==, ok_forms);
      g_assert_cmpint (ok, ==, c->refused_at < 0);
      for (guint step = 0; step < SDB_MEMBER_OUTLINE_N_STEPS; step++)
        {
          sdb_test_log_problems (at_once[step]);
          g_assert_cmpuint (at_once[step]->len, ==, by_forms[step]->len);
          for (guint p = 0; p < at_once[step]->len; p++)
            {
              SdbProblem *x = g_ptr_array_index (at_once[step], p);
              SdbProblem *y = g_ptr_array_index (by_forms[step], p);

              g_assert_cmpstr (x->field, ==, y->field);
              g_assert_cmpint (x->severity, ==, y->severity);
              g_assert_cmpstr (x->message, ==, y->message);
            }
          if (c->refused_at >= 0)
            g_assert_cmpint (sdb_problems_has_errors (at_once[step]), ==,
                             (int) step == c->refused_at);
          else
            n_warned += at_once[step]->len;
        }
      n_written += ok;
    }
  g_assert_cmpuint (n_written, ==, 5);
  g_assert_cmpuint (n_warned, ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 5);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), ==, 9);

  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *expected = dump_rows (forms, dumps[i]);
      g_autofree char *got = dump_rows (f->db, dumps[i]);

      g_assert_cmpstr (got, ==, expected);
    }
  /* Each member is one entry, their events inside it, as an import's one change makes it. */
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM history"
                                              " WHERE tbl = 'member'"), ==, 5);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM history"
                                              " WHERE tbl = 'member_event'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  sdb_test_init (&argc, &argv);
  g_setenv ("SDB_TODAY", TODAY, TRUE);

  SDB_TEST_ADD ("/core/member/insert-reads-back", test_insert_reads_back);
  SDB_TEST_ADD ("/core/member/outline/writes-what-the-forms-write",
                test_outline_writes_what_the_forms_write);
  SDB_TEST_ADD ("/core/member/text-is-normalized", test_text_is_normalized);
  SDB_TEST_ADD ("/core/member/setters-notify-only-on-change", test_setters_notify_only_on_change);
  SDB_TEST_ADD ("/core/member/copy-keeps-every-field", test_copy_keeps_every_field);
  SDB_TEST_ADD ("/core/member/update", test_update);
  SDB_TEST_ADD ("/core/member/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/member/delete-cascades-events", test_delete_cascades_events);
  SDB_TEST_ADD ("/core/member/delete-referenced-refused", test_delete_referenced_refused);
  SDB_TEST_ADD ("/core/member/lookup-by-code", test_lookup_by_code);
  SDB_TEST_ADD ("/core/member/errors-write-nothing", test_errors_write_nothing);
  SDB_TEST_ADD ("/core/member/code-required", test_code_required);
  SDB_TEST_ADD ("/core/member/full-name-required", test_full_name_required);
  SDB_TEST_ADD ("/core/member/gender-required", test_gender_required);
  SDB_TEST_ADD ("/core/member/impossible-birth-date-refused",
                test_impossible_birth_date_refused);
  SDB_TEST_ADD ("/core/member/impossible-admission-date-refused",
                test_impossible_admission_date_refused);
  SDB_TEST_ADD ("/core/member/impossible-official-date-refused",
                test_impossible_official_date_refused);
  SDB_TEST_ADD ("/core/member/birth-after-admission-refused",
                test_birth_after_admission_refused);
  SDB_TEST_ADD ("/core/member/under-18-at-admission-refused",
                test_under_18_at_admission_refused);
  SDB_TEST_ADD ("/core/member/18th-birthday-admission-accepted",
                test_18th_birthday_admission_accepted);
  SDB_TEST_ADD ("/core/member/under-18-partial-dates-only-when-certain",
                test_under_18_partial_dates_only_when_certain);
  SDB_TEST_ADD ("/core/member/official-before-12-months-refused",
                test_official_before_12_months_refused);
  SDB_TEST_ADD ("/core/member/official-after-12-months-accepted",
                test_official_after_12_months_accepted);
  SDB_TEST_ADD ("/core/member/official-without-admission-refused",
                test_official_without_admission_refused);
  SDB_TEST_ADD ("/core/member/duplicate-code-refused", test_duplicate_code_refused);
  SDB_TEST_ADD ("/core/member/update-keeps-own-code", test_update_keeps_own_code);
  SDB_TEST_ADD ("/core/member/probation-overdue-warns-and-saves",
                test_probation_overdue_warns_and_saves);
  SDB_TEST_ADD ("/core/member/probation-within-12-months-no-warning",
                test_probation_within_12_months_no_warning);
  SDB_TEST_ADD ("/core/member/probation-overdue-not-for-former-members",
                test_probation_overdue_not_for_former_members);

  SDB_TEST_ADD ("/core/member/admit-creates-admission-event",
                test_admit_creates_admission_event);
  SDB_TEST_ADD ("/core/member/admit-without-admission-date-refused",
                test_admit_without_admission_date_refused);
  SDB_TEST_ADD ("/core/member/admit-into-non-cell-refused", test_admit_into_non_cell_refused);
  SDB_TEST_ADD ("/core/member/admit-into-subordinate-cell-accepted",
                test_admit_into_subordinate_cell_accepted);
  SDB_TEST_ADD ("/core/member/transfer-in-places-member", test_transfer_in_places_member);
  SDB_TEST_ADD ("/core/member/move-changes-organization-on-date",
                test_move_changes_organization_on_date);
  SDB_TEST_ADD ("/core/member/move-to-same-cell-refused", test_move_to_same_cell_refused);
  SDB_TEST_ADD ("/core/member/move-before-admission-refused",
                test_move_before_admission_refused);
  SDB_TEST_ADD ("/core/member/move-into-dissolved-organization-refused",
                test_move_into_dissolved_organization_refused);
  SDB_TEST_ADD ("/core/member/move-before-founding-refused", test_move_before_founding_refused);
  SDB_TEST_ADD ("/core/member/first-event-must-be-admission-or-transfer-in",
                test_first_event_must_be_admission_or_transfer_in);
  SDB_TEST_ADD ("/core/member/admitted-event-date-must-match-admission",
                test_admitted_event_date_must_match_admission);
  SDB_TEST_ADD ("/core/member/transfer-out-leaves-committee",
                test_transfer_out_leaves_committee);
  SDB_TEST_ADD ("/core/member/leave-with-reason", test_leave_with_reason);
  SDB_TEST_ADD ("/core/member/leave-while-outside-refused", test_leave_while_outside_refused);
  SDB_TEST_ADD ("/core/member/readmit-after-leaving", test_readmit_after_leaving);
  SDB_TEST_ADD ("/core/member/readmit-while-in-committee-refused",
                test_readmit_while_in_committee_refused);
  SDB_TEST_ADD ("/core/member/event-breaking-later-history-refused",
                test_event_breaking_later_history_refused);
  SDB_TEST_ADD ("/core/member/event-for-missing-member-refused",
                test_event_for_missing_member_refused);
  SDB_TEST_ADD ("/core/member/delete-event-restores-organization",
                test_delete_event_restores_organization);
  SDB_TEST_ADD ("/core/member/delete-event-others-depend-on-refused",
                test_delete_event_others_depend_on_refused);
  SDB_TEST_ADD ("/core/member/list-events-in-order", test_list_events_in_order);
  SDB_TEST_ADD ("/core/member/same-day-events-latest-recorded-wins",
                test_same_day_events_latest_recorded_wins);
  SDB_TEST_ADD ("/core/member/update-admission-date-moves-admission-event",
                test_update_admission_date_moves_admission_event);
  SDB_TEST_ADD ("/core/member/update-admission-date-after-later-event-refused",
                test_update_admission_date_after_later_event_refused);

  SDB_TEST_ADD ("/core/member/admission-date-beyond-badge-refused",
                test_admission_date_beyond_badge_refused);
  SDB_TEST_ADD ("/core/member/departure-before-rated-year-refused",
                test_departure_before_rated_year_refused);
  SDB_TEST_ADD ("/core/member/delete-event-a-rating-depends-on-refused",
                test_delete_event_a_rating_depends_on_refused);
  SDB_TEST_ADD ("/core/member/harmless-date-change-saves", test_harmless_date_change_saves);
  SDB_TEST_ADD ("/core/member/invalid-record-before-the-change-does-not-block-it",
                test_invalid_record_before_the_change_does_not_block_it);

  SDB_TEST_ADD ("/core/member/exemption-add-and-list", test_exemption_add_and_list);
  SDB_TEST_ADD ("/core/member/exemption-update", test_exemption_update);
  SDB_TEST_ADD ("/core/member/exemption-delete", test_exemption_delete);
  SDB_TEST_ADD ("/core/member/exemption-first-date-required",
                test_exemption_first_date_required);
  SDB_TEST_ADD ("/core/member/exemption-last-before-first-refused",
                test_exemption_last_before_first_refused);
  SDB_TEST_ADD ("/core/member/exemption-overlap-refused", test_exemption_overlap_refused);
  SDB_TEST_ADD ("/core/member/exemption-open-ended-overlap-refused",
                test_exemption_open_ended_overlap_refused);
  SDB_TEST_ADD ("/core/member/exemption-next-period-accepted",
                test_exemption_next_period_accepted);
  SDB_TEST_ADD ("/core/member/is-exempt-on", test_is_exempt_on);

  SDB_TEST_ADD ("/core/member-list/n-items-and-order", test_list_n_items_and_order);
  SDB_TEST_ADD ("/core/member-list/sorts-by-given-name", test_list_sorts_by_given_name);
  SDB_TEST_ADD ("/core/member-list/builds-only-asked-items", test_list_builds_only_asked_items);
  SDB_TEST_ADD ("/core/member-list/search-ignores-diacritics",
                test_list_search_ignores_diacritics);
  SDB_TEST_ADD ("/core/member-list/search-by-code", test_list_search_by_code);
  SDB_TEST_ADD ("/core/member-list/filter-organization", test_list_filter_organization);
  SDB_TEST_ADD ("/core/member-list/former-members-only-when-asked",
                test_list_former_members_only_when_asked);
  SDB_TEST_ADD ("/core/member-list/reload-emits-once", test_list_reload_emits_once);
  SDB_TEST_ADD ("/core/member-list/set-filter-reloads", test_list_set_filter_reloads);
  SDB_TEST_ADD ("/core/member-list/find", test_list_find);

  return g_test_run ();
}
