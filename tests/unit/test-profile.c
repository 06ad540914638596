/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-profile.h"
#include "sdb-test.h"

static SdbProfile *
make_profile (const char *since,
              const char *name,
              const char *committee_name,
              SdbLevel    level,
              const char *symbol)
{
  SdbProfile *profile = sdb_profile_new ();
  SdbDate date = sdb_test_date (since);

  sdb_profile_set_since (profile, &date);
  sdb_profile_set_name (profile, name);
  sdb_profile_set_committee_name (profile, committee_name);
  sdb_profile_set_level (profile, level);
  sdb_profile_set_symbol (profile, symbol);
  return profile;
}

static SdbProfile *
insert_profile (SdbTestFixture *f,
                const char     *since,
                const char     *name,
                const char     *committee_name,
                SdbLevel        level,
                const char     *symbol)
{
  g_autoptr(GError) error = NULL;
  SdbProfile *profile = make_profile (since, name, committee_name, level, symbol);

  sdb_profile_insert (f->db, profile, f->problems, &error);
  g_assert_no_error (error);
  return profile;
}

static void
test_insert_sets_id_and_reads_back (SdbTestFixture *f,
                                    gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "Đảng bộ huyện Sốp Cộp",
                                                  "Huyện ủy Sốp Cộp", SDB_LEVEL_DISTRICT, "HU");
  g_autoptr(SdbProfile) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sdb_profile_get_id (profile), >, 0);
  read = sdb_profile_lookup (f->db, sdb_profile_get_id (profile), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_profile_get_name (read), ==, "Đảng bộ huyện Sốp Cộp");
  g_assert_cmpstr (sdb_profile_get_committee_name (read), ==, "Huyện ủy Sốp Cộp");
  g_assert_cmpint (sdb_profile_get_level (read), ==, SDB_LEVEL_DISTRICT);
  g_assert_cmpstr (sdb_profile_get_symbol (read), ==, "HU");
  g_assert_cmpint (sdb_profile_get_since (read)->year, ==, 2020);
  g_assert_cmpint (sdb_profile_get_since (read)->month, ==, 0);
}

static void
test_update_changes_stored_values (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "Đảng bộ xã Minh Tân",
                                                  "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(SdbProfile) read = NULL;
  g_autoptr(GError) error = NULL;

  sdb_profile_set_name (profile, "Đảng bộ phường Minh Tân");
  sdb_profile_update (f->db, profile, f->problems, &error);
  g_assert_no_error (error);
  read = sdb_profile_lookup (f->db, sdb_profile_get_id (profile), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_profile_get_name (read), ==, "Đảng bộ phường Minh Tân");
}

static void
test_update_of_deleted_is_not_found (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "Đảng bộ xã Minh Tân",
                                                  "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(GError) error = NULL;

  sdb_profile_delete (f->db, sdb_profile_get_id (profile), &error);
  g_assert_no_error (error);
  g_assert_false (sdb_profile_update (f->db, profile, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_delete_removes_the_row (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "Đảng bộ xã Minh Tân",
                                                  "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(SdbProfile) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sdb_profile_delete (f->db, sdb_profile_get_id (profile), &error));
  g_assert_no_error (error);
  read = sdb_profile_lookup (f->db, sdb_profile_get_id (profile), &error);
  g_assert_null (read);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sdb_profile_delete (f->db, sdb_profile_get_id (profile), &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_list_is_oldest_first (SdbTestFixture *f,
                           gconstpointer   data)
{
  g_autoptr(SdbProfile) later = insert_profile (f, "2025-07-01", "Đảng bộ xã Minh Tân",
                                                "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(SdbProfile) earlier = insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp",
                                                  "Huyện ủy Sốp Cộp", SDB_LEVEL_DISTRICT, "HU");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sdb_profile_list (f->db, &error);
  g_autoptr(SdbProfile) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (sdb_profile_get_id (first), ==, sdb_profile_get_id (earlier));
}

/* The 2025 reform: a district committee's records, then a commune's. Each year reports under
 * the name it had on 31/12. */
static void
test_year_reports_under_name_of_that_year (SdbTestFixture *f,
                                           gconstpointer   data)
{
  g_autoptr(SdbProfile) district = insert_profile (f, "2015", "Đảng bộ huyện Sốp Cộp",
                                                   "Huyện ủy Sốp Cộp", SDB_LEVEL_DISTRICT, "HU");
  g_autoptr(SdbProfile) commune = insert_profile (f, "2025-07-01", "Đảng bộ xã Sốp Cộp",
                                                  "Đảng ủy xã Sốp Cộp", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(SdbProfile) y2024 = NULL;
  g_autoptr(SdbProfile) y2025 = NULL;
  g_autoptr(SdbProfile) mid2025 = NULL;
  SdbDate june = sdb_test_date ("2025-06-30");
  g_autoptr(GError) error = NULL;

  y2024 = sdb_profile_lookup_for_year (f->db, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_profile_get_committee_name (y2024), ==, "Huyện ủy Sốp Cộp");
  g_assert_cmpint (sdb_profile_get_level (y2024), ==, SDB_LEVEL_DISTRICT);
  y2025 = sdb_profile_lookup_for_year (f->db, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_profile_get_committee_name (y2025), ==, "Đảng ủy xã Sốp Cộp");
  g_assert_cmpint (sdb_profile_get_level (y2025), ==, SDB_LEVEL_COMMUNE);
  mid2025 = sdb_profile_lookup_for_date (f->db, &june, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sdb_profile_get_symbol (mid2025), ==, "HU");
}

static void
test_year_before_first_name_uses_first_name (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "Đảng bộ huyện Sốp Cộp",
                                                  "Huyện ủy Sốp Cộp", SDB_LEVEL_DISTRICT, "HU");
  g_autoptr(SdbProfile) old = NULL;
  g_autoptr(GError) error = NULL;

  old = sdb_profile_lookup_for_year (f->db, 2016, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sdb_profile_get_id (old), ==, sdb_profile_get_id (profile));
}

static void
test_no_profile_is_not_found (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbProfile) none = NULL;
  g_autoptr(GError) error = NULL;

  none = sdb_profile_lookup_for_year (f->db, 2024, &error);
  g_assert_null (none);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_required_fields_reported_together (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_profile_insert (f->db, profile, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "since", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "name", SDB_SEVERITY_ERROR);
  sdb_test_assert_problem (f->problems, "committee-name", SDB_SEVERITY_ERROR);
  g_assert_cmpuint (f->problems->len, ==, 3);
  g_assert_cmpint (sdb_profile_get_id (profile), ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM profile"), ==, 0);
}

static void
test_impossible_date_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbProfile) profile = make_profile ("2020", "Đảng bộ xã Minh Tân",
                                                "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  SdbDate feb29 = { 2023, 2, 29 };
  g_autoptr(GError) error = NULL;

  sdb_profile_set_since (profile, &feb29);
  g_assert_false (sdb_profile_insert (f->db, profile, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "since", SDB_SEVERITY_ERROR);
}

static void
test_same_date_twice_refused (SdbTestFixture *f,
                              gconstpointer   data)
{
  g_autoptr(SdbProfile) first = insert_profile (f, "2020", "Đảng bộ xã Minh Tân",
                                                "Đảng ủy xã Minh Tân", SDB_LEVEL_COMMUNE, "ĐU");
  g_autoptr(SdbProfile) second = make_profile ("2020", "Đảng bộ phường Minh Tân",
                                               "Đảng ủy phường Minh Tân", SDB_LEVEL_COMMUNE,
                                               "ĐU");
  g_autoptr(GError) error = NULL;

  g_assert_false (sdb_profile_insert (f->db, second, f->problems, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  sdb_test_assert_problem (f->problems, "since", SDB_SEVERITY_ERROR);
  /* Updating the first with its own date is not a duplicate. */
  g_clear_error (&error);
  g_ptr_array_set_size (f->problems, 0);
  g_assert_true (sdb_profile_update (f->db, first, f->problems, &error));
  g_assert_no_error (error);
}

static void
test_text_stored_nfc_and_trimmed (SdbTestFixture *f,
                                  gconstpointer   data)
{
  /* "Đảng ủy" typed as decomposed characters, with spaces around. */
  g_autoptr(SdbProfile) profile = insert_profile (f, "2020", "  Đảng bộ xã Minh Tân ",
                                                  "\xc4\x90\x61\xcc\x89ng u\xcc\x89y xã Minh Tân",
                                                  SDB_LEVEL_COMMUNE, "ĐU");

  g_assert_cmpstr (sdb_profile_get_name (profile), ==, "Đảng bộ xã Minh Tân");
  g_assert_cmpstr (sdb_profile_get_committee_name (profile), ==, "Đảng ủy xã Minh Tân");
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
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  guint n = 0;

  g_signal_connect (profile, "notify::name", G_CALLBACK (count_notify), &n);
  sdb_profile_set_name (profile, "Đảng bộ xã Minh Tân");
  sdb_profile_set_name (profile, "Đảng bộ xã Minh Tân");
  g_object_set (profile, "name", "Đảng bộ xã Minh Tân", NULL);
  g_assert_cmpuint (n, ==, 1);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/core/profile/insert-sets-id-and-reads-back", test_insert_sets_id_and_reads_back);
  SDB_TEST_ADD ("/core/profile/update-changes-stored-values", test_update_changes_stored_values);
  SDB_TEST_ADD ("/core/profile/update-of-deleted-is-not-found",
                test_update_of_deleted_is_not_found);
  SDB_TEST_ADD ("/core/profile/delete-removes-the-row", test_delete_removes_the_row);
  SDB_TEST_ADD ("/core/profile/list-is-oldest-first", test_list_is_oldest_first);
  SDB_TEST_ADD ("/core/profile/year-reports-under-name-of-that-year",
                test_year_reports_under_name_of_that_year);
  SDB_TEST_ADD ("/core/profile/year-before-first-name-uses-first-name",
                test_year_before_first_name_uses_first_name);
  SDB_TEST_ADD ("/core/profile/no-profile-is-not-found", test_no_profile_is_not_found);
  SDB_TEST_ADD ("/core/profile/required-fields-reported-together",
                test_required_fields_reported_together);
  SDB_TEST_ADD ("/core/profile/impossible-date-refused", test_impossible_date_refused);
  SDB_TEST_ADD ("/core/profile/same-date-twice-refused", test_same_date_twice_refused);
  SDB_TEST_ADD ("/core/profile/text-stored-nfc-and-trimmed", test_text_stored_nfc_and_trimmed);
  SDB_TEST_ADD ("/core/profile/notifies-only-on-change", test_notifies_only_on_change);

  return g_test_run ();
}
