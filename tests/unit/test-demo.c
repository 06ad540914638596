/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-demo.h"
#include "sdb-profile.h"
#include "sdb-test.h"

#define MEMBERS 300

static void
init_profile (SdbDatabase *db,
              SdbLevel     level)
{
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;
  SdbDate since = sdb_test_date ("2015");

  sdb_profile_set_since (profile, &since);
  sdb_profile_set_name (profile, "Đảng bộ huyện Sốp Cộp");
  sdb_profile_set_committee_name (profile, "Huyện ủy Sốp Cộp");
  sdb_profile_set_level (profile, level);
  sdb_profile_set_symbol (profile, "HU");
  sdb_profile_insert (db, profile, NULL, &error);
  g_assert_no_error (error);
}

static void
generate (SdbDatabase *db,
          guint        members,
          guint32      seed)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;

  sdb_demo_options_init (&options);
  options.members = members;
  options.seed = seed;
  g_assert_true (sdb_demo_generate (db, &options, &error));
  g_assert_no_error (error);
}

static void
init_and_generate (SdbTestFixture *f,
                   SdbLevel        level)
{
  init_profile (f->db, level);
  generate (f->db, MEMBERS, 1);
}

static gint64
query_int_printf (SdbDatabase *db,
                  const char  *format,
                  ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int_printf (SdbDatabase *db,
                  const char  *format,
                  ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return sdb_test_query_int (db, sql);
}

static void
assert_nothing_written (SdbDatabase *db)
{
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM organization"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM member"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM sector"), ==, 0);
  g_assert_cmpint (sdb_test_query_int (db, "SELECT count(*) FROM meeting"), ==, 0);
}

static void
test_refuses_uninitialised_database (SdbTestFixture *f,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;

  sdb_demo_options_init (&options);
  options.members = MEMBERS;
  g_assert_false (sdb_demo_generate (f->db, &options, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND);
  assert_nothing_written (f->db);
}

static void
test_refuses_non_empty_database (SdbTestFixture *f,
                                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;
  gint64 members;

  sdb_demo_options_init (&options);
  options.members = MEMBERS;
  init_and_generate (f, SDB_LEVEL_DISTRICT);
  members = sdb_test_query_int (f->db, "SELECT count(*) FROM member");

  g_assert_false (sdb_demo_generate (f->db, &options, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, members);
}

static void
test_refuses_database_with_an_organization (SdbTestFixture *f,
                                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;

  sdb_demo_options_init (&options);
  options.members = MEMBERS;
  init_profile (f->db, SDB_LEVEL_DISTRICT);
  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (f->db),
                                 "INSERT INTO organization (code, name, name_key, search_key,"
                                 " kind) VALUES ('X', 'Chi bộ X', x'00', 'chi bo x',"
                                 " 'chi_bo_co_so')", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (sdb_demo_generate (f->db, &options, &error));
  g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, 0);
}

/* A digest of every row the generator writes, in a fixed order. */
static char *
dup_checksum (SdbDatabase *db)
{
  static const char *const queries[] = {
    "SELECT * FROM sector ORDER BY id",
    "SELECT * FROM organization ORDER BY id",
    "SELECT * FROM organization_event ORDER BY id",
    "SELECT * FROM member ORDER BY id",
    "SELECT * FROM member_event ORDER BY id",
    "SELECT * FROM member_exemption ORDER BY id",
    "SELECT * FROM member_rating ORDER BY member_id, year",
    "SELECT * FROM organization_rating ORDER BY organization_id, year",
    "SELECT * FROM term ORDER BY id",
    "SELECT * FROM admission_target ORDER BY id",
    "SELECT * FROM meeting ORDER BY id",
    "SELECT * FROM meeting_attendee ORDER BY id",
    "SELECT * FROM meeting_document ORDER BY id",
    "SELECT * FROM award ORDER BY id",
    "SELECT * FROM badge ORDER BY id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (sdb_database_get_handle (db), queries[i], -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *bytes = sqlite3_column_blob (stmt, c);
            int n = sqlite3_column_bytes (stmt, c);

            g_checksum_update (checksum, (const guchar *) "|", 1);
            if (bytes != NULL)
              g_checksum_update (checksum, bytes, n);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static SdbDatabase *
open_other (SdbTestFixture *f,
            const char     *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SdbDatabase *db = sdb_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_same_seed_same_rows (SdbTestFixture *f,
                          gconstpointer   data)
{
  g_autoptr(SdbDatabase) same = open_other (f, "same.db");
  g_autoptr(SdbDatabase) other = open_other (f, "other.db");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  init_and_generate (f, SDB_LEVEL_DISTRICT);
  init_profile (same, SDB_LEVEL_DISTRICT);
  generate (same, MEMBERS, 1);
  init_profile (other, SDB_LEVEL_DISTRICT);
  generate (other, MEMBERS, 2);

  a = dup_checksum (f->db);
  b = dup_checksum (same);
  c = dup_checksum (other);
  g_assert_cmpstr (a, ==, b);
  /* The digest does see the rows: another seed gives other ones. */
  g_assert_cmpstr (a, !=, c);
}

static void
assert_kinds (SdbDatabase *db,
              const char  *allowed_sql,
              const char  *const *kinds)
{
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_test_message ("kind %s", kinds[i]);
      g_assert_cmpint (query_int_printf (db, "SELECT count(*) FROM organization WHERE kind = '%s'",
                                         kinds[i]), >, 0);
    }
  g_assert_cmpint (query_int_printf (db,
                                     "SELECT count(*) FROM organization o"
                                     " LEFT JOIN organization p ON p.id = o.parent_id"
                                     " WHERE NOT (%s)", allowed_sql), ==, 0);
}

static void
test_every_kind_the_level_allows (SdbTestFixture *f,
                                  gconstpointer   data)
{
  static const char *const district_kinds[] = {
    "dang_bo_co_so", "chi_bo_co_so", "dang_bo_bo_phan", "chi_bo_truc_thuoc", NULL,
  };
  static const char *const province_kinds[] = {
    "dang_bo_cap_tren_co_so", "dang_bo_co_so", "chi_bo_co_so", "dang_bo_bo_phan",
    "chi_bo_truc_thuoc", NULL,
  };
  static const char *const grassroots_kinds[] = {
    "dang_bo_bo_phan", "chi_bo_truc_thuoc", NULL,
  };
  static const char *const below_tccs =
    "   (o.kind = 'dang_bo_bo_phan' AND p.kind = 'dang_bo_co_so')"
    " OR (o.kind = 'chi_bo_truc_thuoc' AND p.kind IN ('dang_bo_co_so', 'dang_bo_bo_phan'))";
  g_autoptr(SdbDatabase) province = open_other (f, "province.db");
  g_autoptr(SdbDatabase) commune = open_other (f, "commune.db");
  g_autoptr(SdbDatabase) grassroots = open_other (f, "grassroots.db");
  g_autofree char *district_rule = NULL;
  g_autofree char *province_rule = NULL;

  init_and_generate (f, SDB_LEVEL_DISTRICT);
  init_profile (province, SDB_LEVEL_PROVINCE);
  generate (province, MEMBERS, 1);
  init_profile (commune, SDB_LEVEL_COMMUNE);
  generate (commune, MEMBERS, 1);
  init_profile (grassroots, SDB_LEVEL_GRASSROOTS);
  generate (grassroots, MEMBERS, 1);

  /* Under a district or commune committee: the TCCS, with their own bộ phận and cells. */
  district_rule = g_strdup_printf ("(o.kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                                   "  AND o.parent_id IS NULL) OR %s", below_tccs);
  assert_kinds (f->db, district_rule, district_kinds);
  assert_kinds (commune, district_rule, district_kinds);

  /* Under a province: upper-level committees with TCCS beneath, and some TCCS directly. */
  province_rule = g_strdup_printf ("(o.kind = 'dang_bo_cap_tren_co_so' AND o.parent_id IS NULL)"
                                   " OR (o.kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                                   "     AND (o.parent_id IS NULL"
                                   "          OR p.kind = 'dang_bo_cap_tren_co_so'))"
                                   " OR %s", below_tccs);
  assert_kinds (province, province_rule, province_kinds);
  g_assert_cmpint (sdb_test_query_int (province,
                                       "SELECT count(*) FROM organization"
                                       " WHERE kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                                       "   AND parent_id IS NULL"), >, 0);
  g_assert_cmpint (sdb_test_query_int (province,
                                       "SELECT count(*) FROM organization o"
                                       " JOIN organization p ON p.id = o.parent_id"
                                       " WHERE o.kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                                       "   AND p.kind = 'dang_bo_cap_tren_co_so'"), >, 0);

  /* Under a grassroots committee: its bộ phận and cells. */
  assert_kinds (grassroots,
                "(o.kind = 'dang_bo_bo_phan' AND o.parent_id IS NULL)"
                " OR (o.kind = 'chi_bo_truc_thuoc'"
                "     AND (o.parent_id IS NULL OR p.kind = 'dang_bo_bo_phan'))",
                grassroots_kinds);
}

static void
test_members_are_in_open_cells (SdbTestFixture *f,
                                gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member_event"), >, MEMBERS);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member_event e"
                                       " JOIN organization o ON o.id = e.organization_id"
                                       " WHERE o.kind NOT IN ('chi_bo_co_so', 'chi_bo_truc_thuoc')"
                                       "    OR o.founded > e.date"
                                       "    OR o.dissolved <= e.date"),
                   ==, 0);
  /* The member row says where the latest event left them. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member m"
                                       " WHERE m.organization_id IS NOT"
                                       "  (SELECT e.organization_id FROM member_event e"
                                       "   WHERE e.member_id = m.id"
                                       "   ORDER BY e.date DESC, e.id DESC LIMIT 1)"), ==, 0);
  /* A closed cell is empty from the day it closes. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM organization WHERE dissolved IS NOT"
                                       " NULL"), >, 0);
}

static void
test_admissions_every_year (SdbTestFixture *f,
                            gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  for (int year = 2016; year <= 2025; year++)
    {
      gint64 admitted = query_int_printf (f->db,
                                          "SELECT count(*) FROM member_event"
                                          " WHERE kind = 'admitted' AND date LIKE '%d-%%'", year);
      gint64 target = query_int_printf (f->db,
                                        "SELECT number FROM admission_target"
                                        " WHERE first_year = %d AND last_year = %d"
                                        "   AND organization_id IS NULL", year, year);

      g_test_message ("%d: admitted %" G_GINT64_FORMAT ", target %" G_GINT64_FORMAT, year,
                      admitted, target);
      g_assert_cmpint (admitted, >, 0);
      g_assert_cmpint (ABS (admitted - target), <=, MAX (2, target / 4));
    }
  /* The term 2020–2025 has its target too. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM admission_target"
                                       " WHERE first_year = 2020 AND last_year = 2025"
                                       "   AND organization_id IS NULL"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM term"
                                       " WHERE first_year = 2020 AND last_year = 2025"), ==, 1);
}

/* The member was in the committee on 31/12 of a year: their latest event by then placed them in
 * an organization. */
#define IN_COMMITTEE \
  "(SELECT e.kind FROM member_event e" \
  " WHERE e.member_id = m.id AND e.date <= '%d-12-31'" \
  " ORDER BY e.date DESC, e.id DESC LIMIT 1) IN ('admitted', 'transfer_in', 'move', 'readmitted')"

static void
test_every_member_rated_every_year (SdbTestFixture *f,
                                    gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  for (int year = 2016; year <= 2025; year++)
    {
      g_test_message ("year %d", year);
      g_assert_cmpint (query_int_printf (f->db,
                                         "SELECT count(*) FROM member m WHERE " IN_COMMITTEE
                                         " AND NOT EXISTS (SELECT 1 FROM member_rating r"
                                         "  WHERE r.member_id = m.id AND r.year = %d)",
                                         year, year), ==, 0);
      g_assert_cmpint (query_int_printf (f->db,
                                         "SELECT count(*) FROM member m WHERE " IN_COMMITTEE,
                                         year), ==,
                       query_int_printf (f->db,
                                         "SELECT count(*) FROM member_rating WHERE year = %d",
                                         year));
      g_assert_cmpint (query_int_printf (f->db,
                                         "SELECT count(*) FROM member m WHERE " IN_COMMITTEE,
                                         year), >, 0);

      /* Every organization open on 31/12 is rated, and only those. */
      g_assert_cmpint (query_int_printf (f->db,
                                         "SELECT count(*) FROM organization o"
                                         " WHERE o.founded <= '%d-12-31'"
                                         "   AND (o.dissolved IS NULL OR o.dissolved > '%d-12-31')",
                                         year, year), ==,
                       query_int_printf (f->db,
                                         "SELECT count(*) FROM organization_rating r"
                                         " JOIN organization o ON o.id = r.organization_id"
                                         " WHERE r.year = %d AND o.founded <= '%d-12-31'"
                                         "   AND (o.dissolved IS NULL"
                                         "        OR o.dissolved > '%d-12-31')",
                                         year, year, year));
      g_assert_cmpint (query_int_printf (f->db,
                                         "SELECT count(*) FROM organization_rating"
                                         " WHERE year = %d", year), ==,
                       query_int_printf (f->db,
                                         "SELECT count(*) FROM organization o"
                                         " WHERE o.founded <= '%d-12-31'"
                                         "   AND (o.dissolved IS NULL OR o.dissolved > '%d-12-31')",
                                         year, year));
    }
  /* Those admitted in the second half of a year are not rated that year. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member_rating r"
                                       " JOIN member m ON m.id = r.member_id"
                                       " WHERE m.admission_date >= r.year || '-07-01'"
                                       "   AND m.admission_date <= r.year || '-12-31'"
                                       "   AND r.not_rated_reason IS NOT 'recently_admitted'"),
                   ==, 0);
  /* Scores agree with grades. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member_rating WHERE score IS NOT NULL"
                                       " AND NOT ((grade = 'excellent' AND score >= 90)"
                                       "       OR (grade = 'good' AND score BETWEEN 70 AND 89)"
                                       "       OR (grade = 'done' AND score BETWEEN 50 AND 69)"
                                       "       OR (grade = 'failed' AND score < 50))"), ==, 0);
}

static void
test_excellent_at_most_a_fifth_of_good (SdbTestFixture *f,
                                        gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member_rating"
                                       " WHERE grade = 'excellent'"), >, 0);
  g_assert_cmpint (sdb_test_query_int (f->db,
    "WITH RECURSIVE up (id, ancestor) AS ("
    "  SELECT id, id FROM organization"
    "  UNION ALL SELECT up.id, o.parent_id FROM up JOIN organization o ON o.id = up.ancestor"
    "  WHERE o.parent_id IS NOT NULL),"
    " tccs (id, tccs) AS (SELECT up.id, up.ancestor FROM up"
    "  JOIN organization a ON a.id = up.ancestor"
    "  WHERE a.kind IN ('dang_bo_co_so', 'chi_bo_co_so'))"
    " SELECT count(*) FROM ("
    "  SELECT t.tccs, r.year, sum (r.grade = 'excellent') AS excellent,"
    "         sum (r.grade = 'good') AS good"
    "  FROM member_rating r JOIN tccs t ON t.id ="
    "   (SELECT e.organization_id FROM member_event e WHERE e.member_id = r.member_id"
    "    AND e.date <= r.year || '-12-31' ORDER BY e.date DESC, e.id DESC LIMIT 1)"
    "  GROUP BY t.tccs, r.year)"
    " WHERE excellent * 5 > good"), ==, 0);
}

static void
test_admitted_at_18_or_older (SdbTestFixture *f,
                              gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, MEMBERS);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member"
                                       " WHERE birth_date IS NULL OR admission_date IS NULL"),
                   ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member"
                                       " WHERE admission_date < date (birth_date, '+18 years')"),
                   ==, 0);
  /* An admission is dated on the member's admission date. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member_event e"
                                       " JOIN member m ON m.id = e.member_id"
                                       " WHERE e.kind = 'admitted'"
                                       "   AND e.date <> m.admission_date"), ==, 0);
}

static void
test_official_12_months_after_admission (SdbTestFixture *f,
                                         gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member WHERE official_date"
                                       "  < date (admission_date, '+12 months')"
                                       " OR official_date > date (admission_date, '+14 months')"),
                   ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member WHERE official_date"
                                       " = date (admission_date, '+12 months')"), >, 0);
  /* Still probationary: only those admitted in the last months, or who left before. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member WHERE official_date IS NULL"
                                       " AND organization_id IS NOT NULL"
                                       " AND admission_date <= date ('2025-12-31', '-14 months')"),
                   ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member WHERE official_date IS NULL"
                                       " AND organization_id IS NOT NULL"), >, 0);
  /* Cards go to official members. */
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM member"
                                       " WHERE (official_date IS NULL) <> (card_number = '')"),
                   ==, 0);
}

static void
test_badges_at_round_dates (SdbTestFixture *f,
                            gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_DISTRICT);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM badge"), >, 0);
  g_assert_cmpint (sdb_test_query_int (f->db,
                                       "SELECT count(*) FROM badge b JOIN member m"
                                       " ON m.id = b.member_id"
                                       " WHERE substr (b.date, 6) NOT IN"
                                       "   ('02-03', '05-19', '09-02', '11-07')"
                                       "  OR b.date < date (m.admission_date,"
                                       "                    '+' || b.years || ' years')"
                                       "  OR b.date > date (m.admission_date,"
                                       "                    '+' || b.years || ' years',"
                                       "                    '+4 months')"
                                       "  OR b.date NOT BETWEEN '2016-01-01' AND '2025-12-31'"),
                   ==, 0);
}

static void
test_foreign_keys_hold (SdbTestFixture *f,
                        gconstpointer   data)
{
  init_and_generate (f, SDB_LEVEL_PROVINCE);

  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM award"), >, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM meeting_attendee"), >, 0);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM organization_event"), >, 0);
}

static void
test_bad_options_refused (SdbTestFixture *f,
                          gconstpointer   data)
{
  static const struct { guint members; int first_year; int last_year; } bad[] = {
    { 0, 2016, 2025 },
    { SDB_DEMO_MEMBERS_MAX + 1, 2016, 2025 },
    { 300, 1949, 2025 },
    { 300, 2016, 2101 },
    { 300, 2025, 2016 },
  };

  init_profile (f->db, SDB_LEVEL_DISTRICT);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      SdbDemoOptions options;

      sdb_demo_options_init (&options);
      options.members = bad[i].members;
      options.first_year = bad[i].first_year;
      options.last_year = bad[i].last_year;
      g_assert_false (sdb_demo_generate (f->db, &options, &error));
      g_assert_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID);
    }
  assert_nothing_written (f->db);
}

static void
on_check_problem (const char       *where,
                  const SdbProblem *problem,
                  gpointer          user_data)
{
  g_test_message ("%s: %s: %s", where, problem->field, problem->message);
}

static void
test_passes_every_check (SdbTestFixture *f,
                         gconstpointer   data)
{
  static const SdbLevel levels[] = {
    SDB_LEVEL_DISTRICT, SDB_LEVEL_COMMUNE, SDB_LEVEL_PROVINCE, SDB_LEVEL_GRASSROOTS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *name = g_strdup_printf ("level-%u.db", i);
      g_autoptr(SdbDatabase) db = open_other (f, name);
      g_autoptr(GError) error = NULL;
      guint n_errors = 0;
      guint n_warnings = 0;

      init_profile (db, levels[i]);
      generate (db, MEMBERS, 7);
      /* Seen from the end of the invented years, nothing is wrong, not even a warning: no
       * probation overdue, no TCCS with too many rated excellent. (From a later day, the
       * probations still open on 31/12 would rightly be overdue.) */
      g_setenv ("SDB_TODAY", "2025-12-31", TRUE);
      g_assert_true (sdb_check_run (db, on_check_problem, NULL, &n_errors, &n_warnings, &error));
      g_unsetenv ("SDB_TODAY");
      g_assert_no_error (error);
      g_assert_cmpuint (n_errors, ==, 0);
      g_assert_cmpuint (n_warnings, ==, 0);
    }
}

static void
test_restores_connection_settings (SdbTestFixture *f,
                                   gconstpointer   data)
{
  gint64 cache_size = sdb_test_query_int (f->db, "PRAGMA cache_size");

  init_and_generate (f, SDB_LEVEL_DISTRICT);
  g_assert_cmpint (sdb_test_query_int (f->db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "PRAGMA cache_size"), ==, cache_size);
}

static void
test_inside_a_caller_transaction (SdbTestFixture *f,
                                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  init_profile (f->db, SDB_LEVEL_DISTRICT);
  g_assert_true (sdb_database_begin (f->db, &error));
  generate (f->db, MEMBERS, 1);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM member"), ==, MEMBERS);
  g_assert_cmpint (sdb_test_query_int (f->db, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);
  /* The caller's rollback takes everything back: it was all one transaction. */
  sdb_database_rollback (f->db);
  assert_nothing_written (f->db);
  g_assert_cmpint (sdb_test_query_int (f->db, "PRAGMA foreign_keys"), ==, 1);
}

static void
test_options_defaults (void)
{
  SdbDemoOptions options;

  sdb_demo_options_init (&options);
  g_assert_cmpuint (options.members, ==, 4000);
  g_assert_cmpint (options.first_year, ==, 2016);
  g_assert_cmpint (options.last_year, ==, 2025);
  g_assert_cmpuint (options.seed, ==, 1);
}

int
main (int argc, char *argv[])
{
  sdb_test_init (&argc, &argv);

  g_test_add_func ("/core/demo/options-defaults", test_options_defaults);
  SDB_TEST_ADD ("/core/demo/refuses-uninitialised-database", test_refuses_uninitialised_database);
  SDB_TEST_ADD ("/core/demo/refuses-non-empty-database", test_refuses_non_empty_database);
  SDB_TEST_ADD ("/core/demo/refuses-database-with-an-organization",
                test_refuses_database_with_an_organization);
  SDB_TEST_ADD ("/core/demo/same-seed-same-rows", test_same_seed_same_rows);
  SDB_TEST_ADD ("/core/demo/every-kind-the-level-allows", test_every_kind_the_level_allows);
  SDB_TEST_ADD ("/core/demo/members-are-in-open-cells", test_members_are_in_open_cells);
  SDB_TEST_ADD ("/core/demo/admissions-every-year", test_admissions_every_year);
  SDB_TEST_ADD ("/core/demo/every-member-rated-every-year", test_every_member_rated_every_year);
  SDB_TEST_ADD ("/core/demo/excellent-at-most-a-fifth-of-good",
                test_excellent_at_most_a_fifth_of_good);
  SDB_TEST_ADD ("/core/demo/admitted-at-18-or-older", test_admitted_at_18_or_older);
  SDB_TEST_ADD ("/core/demo/official-12-months-after-admission",
                test_official_12_months_after_admission);
  SDB_TEST_ADD ("/core/demo/badges-at-round-dates", test_badges_at_round_dates);
  SDB_TEST_ADD ("/core/demo/foreign-keys-hold", test_foreign_keys_hold);
  SDB_TEST_ADD ("/core/demo/bad-options-refused", test_bad_options_refused);
  SDB_TEST_ADD ("/core/demo/passes-every-check", test_passes_every_check);
  SDB_TEST_ADD ("/core/demo/restores-connection-settings", test_restores_connection_settings);
  SDB_TEST_ADD ("/core/demo/inside-a-caller-transaction", test_inside_a_caller_transaction);

  return g_test_run ();
}
