/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-badge.h"
#include "sdb-database-private.h"
#include "sdb-test.h"

/* Members and their history are written with plain SQL, so these tests depend on nothing but
 * the schema. */
static gint64
add_organization (SdbTestFixture *f)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);

  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO organization (code, name, name_key, search_key,"
                                 " kind) VALUES ('CB01', 'Chi bộ thôn Nà Lốc',"
                                 " sdb_sort_key ('Chi bộ thôn Nà Lốc'),"
                                 " sdb_search_key ('Chi bộ thôn Nà Lốc'), 'chi_bo_co_so')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return sqlite3_last_insert_rowid (handle);
}

/* A member with no history: the member row alone places them (in @organization_id, or
 * outside the committee when 0). */
static gint64
add_member (SdbTestFixture *f,
            const char     *name,
            const char     *admission,
            gint64          organization_id)
{
  sqlite3 *handle = sdb_database_get_handle (f->db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO member (code, full_name, name_key,"
                                       " search_key, gender, birth_date, admission_date,"
                                       " organization_id) VALUES (?1, ?1, sdb_name_key (?1),"
                                       " sdb_search_key (?1), 'male', '1930-01-01', ?2, ?3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, admission, -1, SQLITE_STATIC);
  if (organization_id != 0)
    sqlite3_bind_int64 (stmt, 3, organization_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (handle);
}

/* @reason NULL for the kinds that place the member in @organization_id. */
static void
add_event (SdbTestFixture *f,
           gint64          member_id,
           const char     *date,
           const char     *kind,
           gint64          organization_id,
           const char     *reason)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db),
                                       "INSERT INTO member_event (member_id, date, kind,"
                                       " organization_id, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (organization_id != 0)
    sqlite3_bind_int64 (stmt, 4, organization_id);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static int
party_age (SdbTestFixture *f,
           gint64          member_id,
           const char     *on)
{
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (on);
  int months = -99;

  g_assert_true (sdb_party_age_months (f->db, member_id, &date, &months, &error));
  g_assert_no_error (error);
  return months;
}

static SdbBadge *
make_badge (gint64      member_id,
            int         years,
            const char *date)
{
  SdbBadge *badge = sdb_badge_new ();
  SdbDate day = sdb_test_date (date);

  sdb_badge_set_member_id (badge, member_id);
  sdb_badge_set_years (badge, years);
  sdb_badge_set_date (badge, &day);
  return badge;
}

static SdbBadge *
insert_badge (SdbTestFixture *f,
              gint64          member_id,
              int             years,
              const char     *date)
{
  g_autoptr(GError) error = NULL;
  SdbBadge *badge = make_badge (member_id, years, date);

  sdb_badge_insert (f->db, badge, f->problems, &error);
  g_assert_no_error (error);
  return badge;
}

static void
insert_expect_invalid (SdbTestFixture *f,
                       SdbBadge       *badge)
{
  g_autoptr(GError) error = NULL;
  gint64 before = sdb_test_query_int (f->db, "SELECT count(*) FROM badge");

  g_assert_false (sdb_badge_insert (f->db, badge, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpint (sdb_badge_get_id (badge), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge"), ==, before);
}

/* Party age ----------------------------------------------------------------------------------- */

static void
test_party_age_counts_from_admission (SdbTestFixture *f,
                                      gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", add_organization (f));
  gint64 month_end = add_member (f, "Lò Thị Mai", "2000-01-31", 0);

  g_assert_cmpint (party_age (f, member, "2005-05-19"), ==, 360);
  g_assert_cmpint (party_age (f, member, "2005-05-18"), ==, 359);
  g_assert_cmpint (party_age (f, member, "1975-06-18"), ==, 0);
  g_assert_cmpint (party_age (f, member, "1975-06-19"), ==, 1);
  /* Before admission there is no party age yet. */
  g_assert_cmpint (party_age (f, member, "1970-01-01"), ==, 0);
  /* Admitted on the 31st: the month is full on the last day of a shorter month. */
  g_assert_cmpint (party_age (f, month_end, "2000-02-28"), ==, 0);
  g_assert_cmpint (party_age (f, month_end, "2000-02-29"), ==, 1);
  g_assert_cmpint (party_age (f, month_end, "2000-04-30"), ==, 3);
}

static void
test_party_age_partial_admission_from_first_day (SdbTestFixture *f,
                                                 gconstpointer   data)
{
  gint64 year_only = add_member (f, "Lò Văn Hùng", "1975", 0);
  gint64 month_only = add_member (f, "Lò Thị Mai", "1975-05", 0);

  g_assert_cmpint (party_age (f, year_only, "2005-01-01"), ==, 360);
  g_assert_cmpint (party_age (f, year_only, "2004-12-31"), ==, 359);
  g_assert_cmpint (party_age (f, month_only, "2005-05-01"), ==, 360);
  g_assert_cmpint (party_age (f, month_only, "2005-04-30"), ==, 359);
}

static void
test_party_age_minus_time_out (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 struck = add_member (f, "Lò Văn Hùng", "1970-01-10", cell);
  gint64 resigned = add_member (f, "Lò Thị Mai", "1970-01-10", cell);

  add_event (f, struck, "1970-01-10", "admitted", cell, NULL);
  add_event (f, struck, "1980-03-10", "left", 0, "struck_off");
  add_event (f, struck, "1982-03-10", "readmitted", cell, NULL);
  /* 40 years since admission, 2 of them out of the Party. */
  g_assert_cmpint (party_age (f, struck, "2010-01-10"), ==, 38 * 12);
  /* During the time out, the age stands still. */
  g_assert_cmpint (party_age (f, struck, "1981-03-10"), ==, 122);
  g_assert_cmpint (party_age (f, struck, "1982-03-10"), ==, 122);

  /* Two periods out, of 6 and 18 months. */
  add_event (f, resigned, "1980-01-10", "left", 0, "resigned");
  add_event (f, resigned, "1980-07-10", "readmitted", cell, NULL);
  add_event (f, resigned, "1990-01-10", "left", 0, "expelled");
  add_event (f, resigned, "1991-07-10", "readmitted", cell, NULL);
  g_assert_cmpint (party_age (f, resigned, "2010-01-10"), ==, 40 * 12 - 24);
}

static void
test_party_age_open_time_out_ends_at_date (SdbTestFixture *f,
                                           gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1970-01-10", 0);

  add_event (f, member, "1980-01-10", "left", 0, "expelled");
  g_assert_cmpint (party_age (f, member, "2010-01-10"), ==, 120);
}

static void
test_party_age_stops_at_death (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1970-01-10", 0);

  add_event (f, member, "2000-01-10", "left", 0, "died");
  g_assert_cmpint (party_age (f, member, "2010-01-10"), ==, 360);
}

/* A transfer out of the committee is not time out of the Party. */
static void
test_party_age_continues_after_transfer (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 member = add_member (f, "Lò Văn Hùng", "1970-01-10", 0);

  add_event (f, member, "1970-01-10", "admitted", cell, NULL);
  add_event (f, member, "1990-01-10", "transfer_out", 0, NULL);
  g_assert_cmpint (party_age (f, member, "2010-01-10"), ==, 480);
}

static void
test_party_age_unknown_admission (SdbTestFixture *f,
                                  gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", NULL, 0);

  g_assert_cmpint (party_age (f, member, "2010-01-10"), ==, -1);
}

static void
test_party_age_of_missing_member_not_found (SdbTestFixture *f,
                                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  SdbDate on = sdb_test_date ("2010-01-10");
  int months = 0;

  g_assert_false (sdb_party_age_months (f->db, 4242, &on, &months, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

/* Steps and rounds ---------------------------------------------------------------------------- */

static void
test_steps (SdbTestFixture *f,
            gconstpointer   data)
{
  guint n = 0;
  const int *steps = sdb_badge_get_steps (&n);

  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpint (steps[0], ==, 30);
  g_assert_cmpint (steps[1], ==, 40);
  g_assert_cmpint (steps[2], ==, 45);
  for (guint i = 3; i < n; i++)
    g_assert_cmpint (steps[i], ==, steps[i - 1] + 5);
  g_assert_cmpint (steps[n - 1], ==, 90);
  g_assert_true (sdb_badge_is_step (45));
  g_assert_false (sdb_badge_is_step (35));
  g_assert_false (sdb_badge_is_step (95));
}

static void
assert_next_round (const char *after,
                   const char *expected)
{
  SdbDate from = sdb_test_date (after);
  SdbDate want = sdb_test_date (expected);
  SdbDate round = { 0, 0, 0 };

  g_assert_true (sdb_badge_next_round (&from, &round));
  g_assert_cmpint (sdb_date_compare (&round, &want), ==, 0);
}

static void
test_next_round (SdbTestFixture *f,
                 gconstpointer   data)
{
  SdbDate invalid = { 2023, 2, 29 };
  SdbDate none = { 0, 0, 0 };
  SdbDate last = { 2100, 11, 8 };
  SdbDate round;

  assert_next_round ("2025-01-01", "2025-02-03");
  assert_next_round ("2025-02-03", "2025-02-03");
  assert_next_round ("2025-02-04", "2025-05-19");
  assert_next_round ("2025-05-20", "2025-09-02");
  assert_next_round ("2025-09-03", "2025-11-07");
  assert_next_round ("2025-11-08", "2026-02-03");
  assert_next_round ("2025-12-31", "2026-02-03");
  /* Partial dates count from their first day. */
  assert_next_round ("2025", "2025-02-03");
  assert_next_round ("2025-06", "2025-09-02");
  g_assert_false (sdb_badge_next_round (&invalid, &round));
  g_assert_false (sdb_badge_next_round (&none, &round));
  g_assert_false (sdb_badge_next_round (&last, &round));
}

/* Operations ---------------------------------------------------------------------------------- */

static void
test_insert_reads_back (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", add_organization (f));
  g_autoptr(SdbBadge) badge = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(SdbBadge) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (f->problems->len, ==, 0);
  g_assert_cmpint (sdb_badge_get_id (badge), >, 0);
  read = sdb_badge_lookup (f->db, sdb_badge_get_id (badge), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_badge_get_member_id (read), ==, member);
  g_assert_cmpint (sdb_badge_get_years (read), ==, 30);
  g_assert_cmpint (sdb_date_compare (sdb_badge_get_date (read), sdb_badge_get_date (badge)), ==,
                   0);
}

static void
test_copy_keeps_every_field (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(SdbBadge) copy = sdb_badge_copy (badge);

  g_assert_true (copy != badge);
  g_assert_cmpint (sdb_badge_get_id (copy), ==, sdb_badge_get_id (badge));
  g_assert_cmpint (sdb_badge_get_member_id (copy), ==, member);
  g_assert_cmpint (sdb_badge_get_years (copy), ==, 30);
  g_assert_cmpint (sdb_date_compare (sdb_badge_get_date (copy), sdb_badge_get_date (badge)), ==,
                   0);
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(SdbBadge) read = NULL;
  g_autoptr(GError) error = NULL;
  SdbDate later = sdb_test_date ("2015-05-19");

  sdb_badge_set_years (badge, 40);
  sdb_badge_set_date (badge, &later);
  g_assert_true (sdb_badge_update (f->db, badge, f->problems, &error));
  g_assert_no_error (error);
  read = sdb_badge_lookup (f->db, sdb_badge_get_id (badge), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_badge_get_years (read), ==, 40);
  g_assert_cmpint (sdb_badge_get_date (read)->year, ==, 2015);
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_badge_delete (f->db, sdb_badge_get_id (badge), &error));
  g_assert_no_error (error);
  g_assert_false (sdb_badge_update (f->db, badge, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(SdbBadge) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_badge_delete (f->db, sdb_badge_get_id (badge), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge"), ==, 0);
  read = sdb_badge_lookup (f->db, sdb_badge_get_id (badge), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_badge_delete (f->db, sdb_badge_get_id (badge), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
assert_badges (GListModel *list,
               ...)
{
  va_list args;
  guint i = 0;
  SdbBadge *expected;

  va_start (args, list);
  while ((expected = va_arg (args, SdbBadge *)) != NULL)
    {
      g_autoptr(SdbBadge) item = g_list_model_get_item (list, i++);

      g_assert_nonnull (item);
      g_assert_cmpint (sdb_badge_get_id (item), ==, sdb_badge_get_id (expected));
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, i);
}

static void
test_list_by_year (SdbTestFixture *f,
                   gconstpointer   data)
{
  gint64 hung = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  gint64 an = add_member (f, "Quàng Văn An", "1975-01-01", 0);
  g_autoptr(SdbBadge) hung30 = insert_badge (f, hung, 30, "2005-05-19");
  g_autoptr(SdbBadge) hung40 = insert_badge (f, hung, 40, "2015-05-19");
  g_autoptr(SdbBadge) an30 = insert_badge (f, an, 30, "2005-05-19");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) y2005 = sdb_badge_list (f->db, 2005, 0, &error);
  g_autoptr(GListModel) all = NULL;

  g_assert_no_error (error);
  /* Same date: by given name, An before Hùng. */
  assert_badges (y2005, an30, hung30, NULL);
  all = sdb_badge_list (f->db, 0, 0, &error);
  g_assert_no_error (error);
  assert_badges (all, an30, hung30, hung40, NULL);
}

static void
test_list_by_member (SdbTestFixture *f,
                     gconstpointer   data)
{
  gint64 hung = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  gint64 an = add_member (f, "Quàng Văn An", "1975-01-01", 0);
  g_autoptr(SdbBadge) hung30 = insert_badge (f, hung, 30, "2005-05-19");
  g_autoptr(SdbBadge) hung40 = insert_badge (f, hung, 40, "2015-05-19");
  g_autoptr(SdbBadge) an30 = insert_badge (f, an, 30, "2005-05-19");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_badge_list (f->db, 0, hung, &error);
  g_autoptr(GListModel) both = NULL;

  g_assert_no_error (error);
  assert_badges (list, hung30, hung40, NULL);
  both = sdb_badge_list (f->db, 2015, hung, &error);
  g_assert_no_error (error);
  assert_badges (both, hung40, NULL);
  g_assert_cmpint (sdb_badge_get_id (an30), >, 0);
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
  g_autoptr(SdbBadge) badge = sdb_badge_new ();
  SdbDate date = sdb_test_date ("2005-05-19");
  guint years = 0, dates = 0;

  g_signal_connect (badge, "notify::years", G_CALLBACK (count_notify), &years);
  g_signal_connect (badge, "notify::date", G_CALLBACK (count_notify), &dates);
  sdb_badge_set_years (badge, 30);
  g_object_set (badge, "years", 30, NULL);
  sdb_badge_set_date (badge, &date);
  g_object_set (badge, "date", &date, NULL);
  g_assert_cmpuint (years, ==, 1);
  g_assert_cmpuint (dates, ==, 1);
}

/* Validation ---------------------------------------------------------------------------------- */

static void
test_member_required (SdbTestFixture *f,
                      gconstpointer   data)
{
  g_autoptr(SdbBadge) badge = make_badge (0, 30, "2005-05-19");

  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "member-id", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_missing_member_refused (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbBadge) badge = make_badge (4242, 30, "2005-05-19");

  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "member-id", SDB_SEVERITY_ERROR);
}

static void
test_years_not_a_step_refused (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1960-05-19", 0);
  g_autoptr(SdbBadge) badge = make_badge (member, 35, "2005-05-19");

  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "years", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_date_required (SdbTestFixture *f,
                    gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = make_badge (member, 30, "2005-05-19");

  sdb_badge_set_date (badge, NULL);
  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_partial_or_impossible_date_refused (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1960-05-19", 0);
  g_autoptr(SdbBadge) partial = make_badge (member, 30, "2005-05");
  g_autoptr(SdbBadge) impossible = make_badge (member, 30, "2005-05-19");
  SdbDate feb29 = { 2023, 2, 29 };

  insert_expect_invalid (f, partial);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_ptr_array_set_size (f->problems, 0);
  sdb_badge_set_date (impossible, &feb29);
  insert_expect_invalid (f, impossible);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
}

static void
test_duplicate_refused (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) first = insert_badge (f, member, 30, "2005-05-19");
  g_autoptr(SdbBadge) again = make_badge (member, 30, "2005-09-02");
  g_autoptr(GError) error = NULL;

  insert_expect_invalid (f, again);
  sdb_test_assert_problem (f->problems, "years", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
  /* Saving the first again is not a duplicate of itself. */
  g_ptr_array_set_size (f->problems, 0);
  g_assert_true (sdb_badge_update (f->db, first, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_years_beyond_party_age_refused (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) forty = make_badge (member, 40, "2005-05-19");
  g_autoptr(SdbBadge) early = make_badge (member, 30, "2005-05-18");

  insert_expect_invalid (f, forty);
  sdb_test_assert_problem (f->problems, "years", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
  /* One day short of 30 years. */
  g_ptr_array_set_size (f->problems, 0);
  insert_expect_invalid (f, early);
  sdb_test_assert_problem (f->problems, "years", SDB_SEVERITY_ERROR);
}

static void
test_years_beyond_party_age_after_time_out_refused (SdbTestFixture *f,
                                                    gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", cell);
  g_autoptr(SdbBadge) badge = make_badge (member, 30, "2005-05-19");
  g_autoptr(GError) error = NULL;
  SdbDate later = sdb_test_date ("2006-09-02");

  add_event (f, member, "1980-01-01", "left", 0, "struck_off");
  add_event (f, member, "1981-01-01", "readmitted", cell, NULL);
  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "years", SDB_SEVERITY_ERROR);
  /* More than a year later the time out is made up. */
  g_ptr_array_set_size (f->problems, 0);
  sdb_badge_set_date (badge, &later);
  g_assert_true (sdb_badge_insert (f->db, badge, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_date_before_admission_refused (SdbTestFixture *f,
                                    gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1975-05-19", 0);
  g_autoptr(SdbBadge) badge = make_badge (member, 30, "1975-05-18");

  insert_expect_invalid (f, badge);
  sdb_test_assert_problem (f->problems, "date", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 1);
}

static void
test_unknown_admission_warns (SdbTestFixture *f,
                              gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", NULL, 0);
  g_autoptr(SdbBadge) badge = make_badge (member, 30, "2005-05-19");
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_badge_insert (f->db, badge, f->problems, &error));
  g_assert_no_error (error);
  sdb_test_assert_problem (f->problems, "member-id", SDB_SEVERITY_WARNING);
  g_assert_cmpuint (sdb_problems_count (f->problems, SDB_SEVERITY_ERROR), ==, 0);
}

/* Eligibility at a round ---------------------------------------------------------------------- */

/* The years proposed for @member_id, or 0 when the member is not in @list. */
static int
proposed_years (GListModel *list,
                gint64      member_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SdbBadge) badge = g_list_model_get_item (list, i);

      if (sdb_badge_get_member_id (badge) == member_id)
        return sdb_badge_get_years (badge);
    }
  return 0;
}

static GListModel *
list_eligible (SdbTestFixture *f,
               const char     *round)
{
  g_autoptr(GError) error = NULL;
  SdbDate date = sdb_test_date (round);
  GListModel *list = sdb_badge_list_eligible (f->db, &date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_eligible_at_round (SdbTestFixture *f,
                        gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 exactly = add_member (f, "Lò Văn Hùng", "1995-05-19", cell);
  gint64 day_short = add_member (f, "Lò Thị Mai", "1995-05-20", cell);
  gint64 partial = add_member (f, "Quàng Văn An", "1995", cell);
  g_autoptr(GListModel) list = list_eligible (f, "2025-05-19");
  g_autoptr(SdbBadge) first = g_list_model_get_item (list, 0);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpint (proposed_years (list, exactly), ==, 30);
  g_assert_cmpint (proposed_years (list, partial), ==, 30);
  g_assert_cmpint (proposed_years (list, day_short), ==, 0);
  /* Proposals are unsaved badges dated on the round, in the order of given names. */
  g_assert_cmpint (sdb_badge_get_id (first), ==, 0);
  g_assert_cmpint (sdb_badge_get_member_id (first), ==, partial);
  g_assert_cmpint (sdb_date_compare (sdb_badge_get_date (first), &(SdbDate) { 2025, 5, 19 }),
                   ==, 0);
}

static void
test_eligible_skips_held_step (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 has30 = add_member (f, "Lò Văn Hùng", "1985-01-01", cell);
  gint64 has40 = add_member (f, "Lò Thị Mai", "1985-01-01", cell);
  g_autoptr(SdbBadge) b30 = insert_badge (f, has30, 30, "2015-02-03");
  g_autoptr(SdbBadge) b30_too = insert_badge (f, has40, 30, "2015-02-03");
  g_autoptr(SdbBadge) b40 = insert_badge (f, has40, 40, "2025-02-03");
  g_autoptr(GListModel) list = list_eligible (f, "2025-05-19");

  g_assert_cmpint (proposed_years (list, has30), ==, 40);
  g_assert_cmpint (proposed_years (list, has40), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

/* Old records may hold no badge at all: the member is proposed once, for the highest step. */
static void
test_eligible_proposes_highest_step (SdbTestFixture *f,
                                     gconstpointer   data)
{
  gint64 member = add_member (f, "Lò Văn Hùng", "1968-01-01", add_organization (f));
  g_autoptr(GListModel) list = list_eligible (f, "2025-05-19");

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpint (proposed_years (list, member), ==, 55);
}

static void
test_eligible_only_members_in_committee (SdbTestFixture *f,
                                         gconstpointer   data)
{
  gint64 cell = add_organization (f);
  gint64 staying = add_member (f, "Lò Văn Hùng", "1980-01-01", cell);
  gint64 moved_away = add_member (f, "Lò Thị Mai", "1980-01-01", 0);
  gint64 died = add_member (f, "Quàng Văn An", "1960-01-01", 0);
  gint64 came_later = add_member (f, "Cầm Văn Bình", "1980-01-01", cell);
  gint64 no_history_outside = add_member (f, "Lường Thị Dung", "1980-01-01", 0);
  g_autoptr(GListModel) list = NULL;

  add_event (f, staying, "1980-01-01", "admitted", cell, NULL);
  add_event (f, staying, "2000-01-01", "move", cell, NULL);
  add_event (f, moved_away, "1980-01-01", "admitted", cell, NULL);
  add_event (f, moved_away, "2020-01-01", "transfer_out", 0, NULL);
  add_event (f, died, "1960-01-01", "admitted", cell, NULL);
  add_event (f, died, "2024-12-01", "left", 0, "died");
  add_event (f, came_later, "2025-06-01", "transfer_in", cell, NULL);

  list = list_eligible (f, "2025-05-19");
  g_assert_cmpint (proposed_years (list, staying), ==, 45);
  g_assert_cmpint (proposed_years (list, moved_away), ==, 0);
  g_assert_cmpint (proposed_years (list, died), ==, 0);
  g_assert_cmpint (proposed_years (list, came_later), ==, 0);
  g_assert_cmpint (proposed_years (list, no_history_outside), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_eligible_counts_time_out (SdbTestFixture *f,
                               gconstpointer   data)
{
  gint64 cell = add_organization (f);
  /* 31 years since admission, 14 months of them out: 29 years and 10 months. */
  gint64 short_of_30 = add_member (f, "Lò Văn Hùng", "1994-05-19", cell);
  /* 35 years since admission, one out: 34. */
  gint64 made_it = add_member (f, "Lò Thị Mai", "1990-05-19", cell);
  /* Still out on the round. */
  gint64 still_out = add_member (f, "Quàng Văn An", "1960-05-19", cell);
  g_autoptr(GListModel) list = NULL;

  add_event (f, short_of_30, "1994-05-19", "admitted", cell, NULL);
  add_event (f, short_of_30, "2000-01-01", "left", 0, "struck_off");
  add_event (f, short_of_30, "2001-03-01", "readmitted", cell, NULL);
  add_event (f, made_it, "1990-05-19", "admitted", cell, NULL);
  add_event (f, made_it, "2000-01-01", "left", 0, "expelled");
  add_event (f, made_it, "2001-01-01", "readmitted", cell, NULL);
  add_event (f, still_out, "1960-05-19", "admitted", cell, NULL);
  add_event (f, still_out, "2020-01-01", "left", 0, "resigned");

  list = list_eligible (f, "2025-05-19");
  g_assert_cmpint (proposed_years (list, short_of_30), ==, 0);
  g_assert_cmpint (proposed_years (list, made_it), ==, 30);
  g_assert_cmpint (proposed_years (list, still_out), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/badge/party-age-counts-from-admission",
                test_party_age_counts_from_admission);
  SDB_TEST_ADD ("/core/badge/party-age-partial-admission-from-first-day",
                test_party_age_partial_admission_from_first_day);
  SDB_TEST_ADD ("/core/badge/party-age-minus-time-out", test_party_age_minus_time_out);
  SDB_TEST_ADD ("/core/badge/party-age-open-time-out-ends-at-date",
                test_party_age_open_time_out_ends_at_date);
  SDB_TEST_ADD ("/core/badge/party-age-stops-at-death", test_party_age_stops_at_death);
  SDB_TEST_ADD ("/core/badge/party-age-continues-after-transfer",
                test_party_age_continues_after_transfer);
  SDB_TEST_ADD ("/core/badge/party-age-unknown-admission", test_party_age_unknown_admission);
  SDB_TEST_ADD ("/core/badge/party-age-of-missing-member-not-found",
                test_party_age_of_missing_member_not_found);
  SDB_TEST_ADD ("/core/badge/steps", test_steps);
  SDB_TEST_ADD ("/core/badge/next-round", test_next_round);
  SDB_TEST_ADD ("/core/badge/insert-reads-back", test_insert_reads_back);
  SDB_TEST_ADD ("/core/badge/copy-keeps-every-field", test_copy_keeps_every_field);
  SDB_TEST_ADD ("/core/badge/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/badge/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/badge/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/badge/list-by-year", test_list_by_year);
  SDB_TEST_ADD ("/core/badge/list-by-member", test_list_by_member);
  SDB_TEST_ADD ("/core/badge/notifies-only-on-change", test_notifies_only_on_change);
  SDB_TEST_ADD ("/core/badge/member-required", test_member_required);
  SDB_TEST_ADD ("/core/badge/missing-member-refused", test_missing_member_refused);
  SDB_TEST_ADD ("/core/badge/years-not-a-step-refused", test_years_not_a_step_refused);
  SDB_TEST_ADD ("/core/badge/date-required", test_date_required);
  SDB_TEST_ADD ("/core/badge/partial-or-impossible-date-refused",
                test_partial_or_impossible_date_refused);
  SDB_TEST_ADD ("/core/badge/duplicate-refused", test_duplicate_refused);
  SDB_TEST_ADD ("/core/badge/years-beyond-party-age-refused",
                test_years_beyond_party_age_refused);
  SDB_TEST_ADD ("/core/badge/years-beyond-party-age-after-time-out-refused",
                test_years_beyond_party_age_after_time_out_refused);
  SDB_TEST_ADD ("/core/badge/date-before-admission-refused", test_date_before_admission_refused);
  SDB_TEST_ADD ("/core/badge/unknown-admission-warns", test_unknown_admission_warns);
  SDB_TEST_ADD ("/core/badge/eligible-at-round", test_eligible_at_round);
  SDB_TEST_ADD ("/core/badge/eligible-skips-held-step", test_eligible_skips_held_step);
  SDB_TEST_ADD ("/core/badge/eligible-proposes-highest-step",
                test_eligible_proposes_highest_step);
  SDB_TEST_ADD ("/core/badge/eligible-only-members-in-committee",
                test_eligible_only_members_in_committee);
  SDB_TEST_ADD ("/core/badge/eligible-counts-time-out", test_eligible_counts_time_out);

  return g_test_run ();
}
