/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The year's figures against a committee counted by hand (tests/data/stats/EXPECTED.md), and
 * the whole committee against the sum of its parts on an invented one. */
#include "config.h"

#include <sqlite3.h>

#include "interchange-test.h"
#include "sdb-database-private.h"
#include "sdb-organization.h"
#include "sdb-report.h"
#include "sdb-stats.h"
#include "sdb-test.h"

static void
load_fixture (SdbTestFixture *f)
{
  sdb_test_load_sql (f->db, "stats/fixture.sql");
}

static gint64
organization_id (SdbTestFixture *f,
                 const char     *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbOrganization) organization = sdb_organization_lookup_by_code (f->db, code, &error);

  g_assert_no_error (error);
  return sdb_organization_get_id (organization);
}

static SdbStats *
compute (SdbTestFixture *f,
         int             year,
         const char     *code)
{
  g_autoptr(GError) error = NULL;
  SdbStats *stats = sdb_stats_compute (f->db, year, code ? organization_id (f, code) : 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

/* JSON with the white space outside strings removed: the hand-written answers are laid out for
 * reading, in the same key order as the program writes. */
static char *
squeeze_json (const char *json)
{
  GString *out = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string && *p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *p++);
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '"')
        in_string = !in_string;
      if (in_string || !g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
assert_json_matches (const SdbStats *stats,
                     const char     *expected_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stats", expected_name,
                                                 NULL);
  g_autofree char *expected = NULL;
  g_autofree char *actual = sdb_stats_to_json (stats);
  g_autofree char *expected_squeezed = NULL;
  g_autofree char *actual_squeezed = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  expected_squeezed = squeeze_json (expected);
  actual_squeezed = squeeze_json (actual);
  if (g_strcmp0 (expected_squeezed, actual_squeezed) != 0)
    g_test_message ("expected (%s):\n%s\nactual:\n%s", expected_name, expected, actual);
  g_assert_cmpstr (actual_squeezed, ==, expected_squeezed);
}

static void
test_fixture_committee_2024 (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbStats) stats = NULL;

  load_fixture (f);
  stats = compute (f, 2024, NULL);
  assert_json_matches (stats, "fixture-2024.json");
}

static void
test_fixture_organization_subtree_2024 (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(SdbStats) stats = NULL;

  load_fixture (f);
  stats = compute (f, 2024, "DB01");
  assert_json_matches (stats, "fixture-2024-DB01.json");
}

static void
test_fixture_committee_2025 (SdbTestFixture *f,
                             gconstpointer   data)
{
  g_autoptr(SdbStats) stats = NULL;

  load_fixture (f);
  stats = compute (f, 2025, NULL);
  assert_json_matches (stats, "fixture-2025.json");
}

/* The review of the fixture against a golden text that was read and approved by a person. */
static void
assert_review_matches (SdbTestFixture *f,
                       int             year,
                       const char     *code,
                       const char     *golden_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stats", golden_name, NULL);
  g_autofree char *golden = NULL;
  g_autoptr(SdbStats) stats = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  load_fixture (f);
  stats = compute (f, year, code);
  text = sdb_report_write (stats);
  g_file_get_contents (path, &golden, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, golden);
}

static void
test_fixture_review_2024 (SdbTestFixture *f,
                          gconstpointer   data)
{
  assert_review_matches (f, 2024, NULL, "fixture-2024-report.txt");
}

static void
test_fixture_review_organization_2024 (SdbTestFixture *f,
                                       gconstpointer   data)
{
  assert_review_matches (f, 2024, "DB01", "fixture-2024-DB01-report.txt");
}

static void
test_fixture_review_2025 (SdbTestFixture *f,
                          gconstpointer   data)
{
  assert_review_matches (f, 2025, NULL, "fixture-2025-report.txt");
}

static void
test_shared_boundary_year_takes_the_term_starting_in_it (SdbTestFixture *f,
                                                         gconstpointer   data)
{
  g_autoptr(SdbStats) stats = NULL;
  g_autofree char *json = NULL;

  load_fixture (f);
  stats = compute (f, 2020, NULL);
  g_assert_true (stats->has_target);
  g_assert_cmpint (stats->admitted, ==, 1);
  g_assert_cmpint (stats->target, ==, 4);
  g_assert_true (stats->has_term);
  g_assert_cmpint (stats->term_first_year, ==, 2020);
  g_assert_cmpint (stats->term_last_year, ==, 2025);
  g_assert_cmpint (stats->term_count, ==, 1);
  g_assert_cmpint (stats->term_target, ==, 16);
  /* 1/16 = 6,25%: a half at the digit shown, rounded up. */
  json = sdb_stats_to_json (stats);
  g_assert_nonnull (strstr (json, "\"percent\": 6.3\n"));
}

static void
test_subtree_is_the_tree_of_the_last_day (SdbTestFixture *f,
                                          gconstpointer   data)
{
  g_autoptr(SdbStats) before = NULL;
  g_autoptr(SdbStats) after = NULL;

  load_fixture (f);
  /* DB02-01 moved under DB02-BP on 1/2/2025. */
  before = compute (f, 2024, "DB02-BP");
  after = compute (f, 2025, "DB02-BP");
  g_assert_cmpint (before->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC], ==, 1);
  g_assert_cmpint (before->total, ==, 3);
  g_assert_cmpint (after->organizations[SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC], ==, 2);
  g_assert_cmpint (after->total, ==, 6);
  g_assert_cmpint (after->organization_kind, ==, SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN);
}

static void
test_organization_reports_under_its_name_of_the_year (SdbTestFixture *f,
                                                      gconstpointer   data)
{
  g_autoptr(SdbStats) before = NULL;
  g_autoptr(SdbStats) after = NULL;

  load_fixture (f);
  before = compute (f, 2024, "CB02");
  after = compute (f, 2025, "CB02");
  g_assert_cmpstr (before->committee, ==, "Chi bộ Trạm Y tế");
  g_assert_cmpstr (after->committee, ==, "Chi bộ Trạm Y tế xã Minh Tân");
}

static void
test_year_without_records_has_null_sections (SdbTestFixture *f,
                                             gconstpointer   data)
{
  g_autoptr(SdbStats) stats = NULL;
  g_autofree char *json = NULL;
  g_autofree char *squeezed = NULL;

  load_fixture (f);
  /* Before anything was founded or anyone admitted. */
  stats = compute (f, 1960, NULL);
  json = sdb_stats_to_json (stats);
  squeezed = squeeze_json (json);
  g_assert_cmpstr (squeezed, ==,
                   "{\"year\":1960,\"committee\":\"Đảng bộ huyện Minh Tân\","
                   "\"organizations\":null,\"members\":null,\"admissions\":null,"
                   "\"organization_ratings\":null,\"member_ratings\":null,\"badges\":null,"
                   "\"awards\":null,\"meetings\":null}");
}

static void
test_unknown_organization_is_not_found (SdbTestFixture *f,
                                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbStats) stats = NULL;

  load_fixture (f);
  stats = sdb_stats_compute (f->db, 2024, 999, &error);
  g_assert_null (stats);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_year_out_of_range_is_refused (SdbTestFixture *f,
                                   gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;

  load_fixture (f);
  series = sdb_stats_compute_series (f->db, 1850, 2024, 0, &error);
  g_assert_null (series);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  series = sdb_stats_compute_series (f->db, 2025, 2024, 0, &error);
  g_assert_null (series);
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
}

static void
test_series_holds_each_year_in_order (SdbTestFixture *f,
                                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *json = NULL;

  load_fixture (f);
  series = sdb_stats_compute_series (f->db, 2023, 2025, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 3);
  for (guint i = 0; i < series->len; i++)
    {
      const SdbStats *stats = g_ptr_array_index (series, i);
      g_autoptr(SdbStats) alone = compute (f, 2023 + (int) i, NULL);
      g_autofree char *a = sdb_stats_to_json (stats);
      g_autofree char *b = sdb_stats_to_json (alone);

      g_assert_cmpint (stats->year, ==, 2023 + (int) i);
      g_assert_cmpstr (a, ==, b);
    }
  json = sdb_stats_series_to_json (series);
  g_assert_true (g_str_has_prefix (json, "[\n  {\n    \"year\": 2023,"));
  g_assert_true (g_str_has_suffix (json, "}\n]\n"));
}

static void
add_counts (SdbRatingCounts       *sum,
            const SdbRatingCounts *part)
{
  sum->rated += part->rated;
  sum->not_rated += part->not_rated;
  sum->missing += part->missing;
  for (int i = 0; i < SDB_STATS_GRADES; i++)
    sum->grades[i] += part->grades[i];
}

static void
assert_counts_equal (const SdbRatingCounts *a,
                     const SdbRatingCounts *b)
{
  g_assert_cmpint (a->rated, ==, b->rated);
  g_assert_cmpint (a->not_rated, ==, b->not_rated);
  g_assert_cmpint (a->missing, ==, b->missing);
  for (int i = 0; i < SDB_STATS_GRADES; i++)
    g_assert_cmpint (a->grades[i], ==, b->grades[i]);
}

/* The organizations directly under the committee on 31/12 of @year, ceased ones included:
 * every member's last cell and every organization lies below exactly one of them. */
static GArray *
top_level_on (SdbTestFixture *f,
              int             year)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = g_strdup_printf (
    "SELECT o.id FROM organization o"
    " WHERE ifnull ((SELECT ifnull (e.old_parent_id, 0) FROM organization_event e"
    "                WHERE e.organization_id = o.id AND e.kind = 'move'"
    "                  AND e.date > '%d-12-31' ORDER BY e.date, e.id LIMIT 1),"
    "               ifnull (o.parent_id, 0)) = 0", year);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static void
test_whole_committee_is_the_sum_of_its_top_level_organizations (SdbTestFixture *f,
                                                                gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  /* A province: the deepest tree, with upper-level committees over the TCCS. */
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (f->db),
                                 "INSERT INTO profile (since, name, committee_name, level, symbol)"
                                 " VALUES ('2015', 'Đảng bộ tỉnh Sơn La', 'Tỉnh ủy Sơn La',"
                                 "         'province', 'TU')", NULL, NULL, NULL), ==, SQLITE_OK);
  sdb_test_generate_demo (f->db, 1500, 2016, 2025, 1, NULL);

  for (int year = 2016; year <= 2025; year++)
    {
      g_autoptr(SdbStats) whole = sdb_stats_compute (f->db, year, 0, &error);
      g_autoptr(GArray) top = top_level_on (f, year);
      SdbStats sum = { 0 };

      g_assert_no_error (error);
      g_assert_cmpint (whole->total, >, 0);
      for (guint i = 0; i < top->len; i++)
        {
          g_autoptr(SdbStats) part =
            sdb_stats_compute (f->db, year, g_array_index (top, gint64, i), &error);

          g_assert_no_error (error);
          for (int k = 0; k < SDB_STATS_ORGANIZATION_KINDS; k++)
            {
              sum.organizations[k] += part->organizations[k];
              add_counts (&sum.organization_ratings_by_kind[k],
                          &part->organization_ratings_by_kind[k]);
            }
          sum.total += part->total;
          sum.official += part->official;
          sum.probationary += part->probationary;
          sum.exempt += part->exempt;
          sum.admitted += part->admitted;
          sum.readmitted += part->readmitted;
          sum.transferred_in += part->transferred_in;
          sum.transferred_out += part->transferred_out;
          for (int r = 0; r < SDB_STATS_LEAVING_REASONS; r++)
            sum.left[r] += part->left[r];
          add_counts (&sum.organization_ratings, &part->organization_ratings);
          add_counts (&sum.member_ratings, &part->member_ratings);
          sum.badges_total += part->badges_total;
          sum.awards_collective += part->awards_collective;
        }

      g_test_message ("%d: %" G_GINT64_FORMAT " members, %" G_GINT64_FORMAT " probationary,"
                      " %" G_GINT64_FORMAT " exempt, %" G_GINT64_FORMAT " admitted,"
                      " %" G_GINT64_FORMAT " rated", year, whole->total, whole->probationary,
                      whole->exempt, whole->admitted, whole->member_ratings.rated);
      for (int k = 0; k < SDB_STATS_ORGANIZATION_KINDS; k++)
        {
          g_assert_cmpint (sum.organizations[k], ==, whole->organizations[k]);
          assert_counts_equal (&sum.organization_ratings_by_kind[k],
                               &whole->organization_ratings_by_kind[k]);
        }
      g_assert_cmpint (sum.total, ==, whole->total);
      g_assert_cmpint (sum.official, ==, whole->official);
      g_assert_cmpint (sum.probationary, ==, whole->probationary);
      g_assert_cmpint (sum.exempt, ==, whole->exempt);
      g_assert_cmpint (sum.admitted, ==, whole->admitted);
      g_assert_cmpint (sum.readmitted, ==, whole->readmitted);
      g_assert_cmpint (sum.transferred_in, ==, whole->transferred_in);
      g_assert_cmpint (sum.transferred_out, ==, whole->transferred_out);
      for (int r = 0; r < SDB_STATS_LEAVING_REASONS; r++)
        g_assert_cmpint (sum.left[r], ==, whole->left[r]);
      assert_counts_equal (&sum.organization_ratings, &whole->organization_ratings);
      assert_counts_equal (&sum.member_ratings, &whole->member_ratings);
      g_assert_cmpint (sum.badges_total, ==, whole->badges_total);
      g_assert_cmpint (sum.awards_collective, ==, whole->awards_collective);
    }
}

int
main (int    argc,
      char **argv)
{
  sdb_test_init (&argc, &argv);

  SDB_TEST_ADD ("/stats/fixture/committee-2024-matches-hand-count", test_fixture_committee_2024);
  SDB_TEST_ADD ("/stats/fixture/organization-subtree-2024-matches-hand-count",
                test_fixture_organization_subtree_2024);
  SDB_TEST_ADD ("/stats/fixture/committee-2025-matches-hand-count", test_fixture_committee_2025);
  SDB_TEST_ADD ("/stats/fixture/review-2024-matches-golden-text", test_fixture_review_2024);
  SDB_TEST_ADD ("/stats/fixture/review-of-organization-2024-matches-golden-text",
                test_fixture_review_organization_2024);
  SDB_TEST_ADD ("/stats/fixture/review-2025-matches-golden-text", test_fixture_review_2025);
  SDB_TEST_ADD ("/stats/shared-boundary-year-takes-the-term-starting-in-it",
                test_shared_boundary_year_takes_the_term_starting_in_it);
  SDB_TEST_ADD ("/stats/subtree-is-the-tree-of-the-last-day",
                test_subtree_is_the_tree_of_the_last_day);
  SDB_TEST_ADD ("/stats/organization-reports-under-its-name-of-the-year",
                test_organization_reports_under_its_name_of_the_year);
  SDB_TEST_ADD ("/stats/year-without-records-has-null-sections",
                test_year_without_records_has_null_sections);
  SDB_TEST_ADD ("/stats/unknown-organization-is-not-found", test_unknown_organization_is_not_found);
  SDB_TEST_ADD ("/stats/year-out-of-range-is-refused", test_year_out_of_range_is_refused);
  SDB_TEST_ADD ("/stats/series-holds-each-year-in-order", test_series_holds_each_year_in_order);
  SDB_TEST_ADD ("/stats/whole-committee-is-the-sum-of-its-top-level-organizations",
                test_whole_committee_is_the_sum_of_its_top_level_organizations);

  return g_test_run ();
}
