/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-stats: the year's figures, counted in SQL.
 *
 * The whole committee and one organization are counted by two routes, because a province holds
 * 200.000 members and the whole committee's figures must come back in well under a second:
 *
 * - the whole committee never looks at members one by one: everyone whose history is valid
 *   alternates between entering the committee (admitted, transferred in, readmitted) and leaving
 *   it (transferred out, left), so the members on 31/12 are the entries up to that day minus the
 *   departures up to it, two counts on the (kind, date) index; only the few members whose
 *   probation, exemption or departure matters are looked at individually;
 * - one organization first gathers, in a temporary table, the members counted under it: those
 *   whose cell on 31/12 (or, for one who had left by then, their last cell) lies in its subtree
 *   as it stood on 31/12. Every member figure is then a join on that table.
 *
 * The test "whole committee = the sum of its top-level organizations" keeps the two routes
 * honest with each other (tests/unit/test-stats.c). */

#include "config.h"

#include "sdb-stats.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sdb-badge.h"
#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-target.h"
#include "sdb-vn.h"

G_DEFINE_BOXED_TYPE (SdbStats, sdb_stats, sdb_stats_copy, sdb_stats_free)

SdbStats *
sdb_stats_copy (const SdbStats *stats)
{
  SdbStats *copy;

  g_return_val_if_fail (stats != NULL, NULL);

  copy = g_memdup2 (stats, sizeof *stats);
  copy->committee = g_strdup (stats->committee);
  return copy;
}

void
sdb_stats_free (SdbStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->committee);
  g_free (stats);
}

gint64
sdb_rating_counts_good_or_better (const SdbRatingCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return counts->grades[SDB_GRADE_EXCELLENT] + counts->grades[SDB_GRADE_GOOD];
}

gint64
sdb_stats_get_grassroots (const SdbStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0);

  return stats->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO]
         + stats->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO];
}

/* Counting ----------------------------------------------------------------------------------- */

/* Every statement binds the same parameters: ?1 the year, ?2 its first day as text ("2024",
 * which every date of the year, partial or not, sorts at or after), ?3 the next year ("2025"),
 * ?4 its last day ("2024-12-31"), ?5 1 for the whole committee and 0 for one organization. */
typedef struct
{
  SdbDatabase *db;
  int          year;
  char         first[8];
  char         next[8];
  char         last[16];
  gboolean     whole;
} Count;

static SdbStmt *
prepare (Count       *c,
         const char  *sql,
         GError     **error)
{
  SdbStmt *stmt = sdb_database_prepare (c->db, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, c->year);
  sqlite3_bind_text (stmt, 2, c->first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->next, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->last, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, c->whole ? 1 : 0);
  return stmt;
}

/* Runs a statement of one row of integers into @values (NULL reads as 0). */
static gboolean
query_ints (Count       *c,
            const char  *sql,
            gint64      *values,
            int          n,
            GError     **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sdb_database_step (c->db, stmt, error);
  if (rc == 0)
    return FALSE;
  for (int i = 0; i < n; i++)
    values[i] = rc == SQLITE_ROW ? sdb_stmt_get_int (stmt, i) : 0;
  return TRUE;
}

static gboolean
run (Count       *c,
     const char  *sql,
     GError     **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c, sql, error);

  return stmt != NULL && sdb_database_step_done (c->db, stmt, error);
}

/* Whether the member was in the committee on ?4: their latest event up to then places them. */
#define IN_COMMITTEE(member) \
  "ifnull ((SELECT e.organization_id IS NOT NULL FROM member_event e" \
  "         WHERE e.member_id = " member " AND e.date <= ?4" \
  "         ORDER BY e.date DESC, e.id DESC LIMIT 1), 0)"
#define EXISTS_ON_LAST_DAY \
  "(o.founded IS NULL OR o.founded <= ?4) AND (o.dissolved IS NULL OR o.dissolved > ?4)"
#define IN_SCOPE(organization) "(?5 OR " organization " IN temp.sdb_stats_scope)"
#define MEMBER_IN_SCOPE(member) "(?5 OR " member " IN (SELECT id FROM temp.sdb_stats_members))"
/* An exemption covering ?4; a partial last day covers its whole month or year. */
#define EXEMPT_ON_LAST_DAY(member) \
  "EXISTS (SELECT 1 FROM member_exemption x WHERE x.member_id = " member \
  "        AND x.first_date <= ?4 AND (x.last_date IS NULL OR ?4 <= x.last_date || '~'))"

static gboolean
create_scope_tables (Count   *c,
                     GError **error)
{
  return run (c, "CREATE TEMP TABLE IF NOT EXISTS sdb_stats_scope (id INTEGER PRIMARY KEY)", error)
         && run (c, "CREATE TEMP TABLE IF NOT EXISTS sdb_stats_members"
                    " (id INTEGER PRIMARY KEY, present INTEGER NOT NULL)", error)
         && run (c, "DELETE FROM temp.sdb_stats_scope", error)
         && run (c, "DELETE FROM temp.sdb_stats_members", error);
}

/* Fills the scope with @root and everything below it on 31/12, dissolved organizations
 * included (they keep their last parent), so that the ratings and departures of an
 * organization that ceased during the year count where it stood. */
static gboolean
fill_scope (Count   *c,
            gint64   root,
            GError **error)
{
  g_autoptr(SdbStmt) insert = NULL;
  g_autoptr(SdbStmt) stmt = NULL;
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  stmt = prepare (c,
                  "SELECT o.id,"
                  "       ifnull ((SELECT ifnull (e.old_parent_id, 0) FROM organization_event e"
                  "                WHERE e.organization_id = o.id AND e.kind = 'move'"
                  "                  AND e.date > ?4"
                  "                ORDER BY e.date, e.id LIMIT 1), ifnull (o.parent_id, 0))"
                  " FROM organization o", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sdb_stmt_get_int (stmt, 0);
      gint64 parent = sdb_stmt_get_int (stmt, 1);
      GArray *list = g_hash_table_lookup (children, &parent);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), list);
        }
      g_array_append_val (list, id);
    }
  if (rc == 0)
    return FALSE;

  insert = prepare (c, "INSERT INTO temp.sdb_stats_scope (id) VALUES (?6)", error);
  if (insert == NULL)
    return FALSE;
  g_array_append_val (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      gint64 id = g_array_index (queue, gint64, i);
      GArray *list;

      /* A damaged tree with a loop still ends. */
      if (!g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        continue;
      sqlite3_bind_int64 (insert, 6, id);
      if (!sdb_database_step_done (c->db, insert, error))
        return FALSE;
      sqlite3_reset (insert);
      list = g_hash_table_lookup (children, &id);
      if (list != NULL)
        g_array_append_vals (queue, list->data, list->len);
    }
  return TRUE;
}

/* The members counted under the organization: those whose last cell up to 31/12 lies in the
 * scope, found from the events that ever placed someone in it. present: still in the
 * committee on 31/12. */
static gboolean
fill_members (Count   *c,
              GError **error)
{
  return run (c,
              "INSERT INTO temp.sdb_stats_members (id, present)"
              " SELECT c.member_id, " IN_COMMITTEE ("c.member_id")
              " FROM (SELECT DISTINCT member_id FROM member_event"
              "       WHERE organization_id IN temp.sdb_stats_scope AND date <= ?4) c"
              " WHERE (SELECT p.organization_id FROM member_event p"
              "        WHERE p.member_id = c.member_id AND p.date <= ?4"
              "          AND p.organization_id IS NOT NULL"
              "        ORDER BY p.date DESC, p.id DESC LIMIT 1) IN temp.sdb_stats_scope",
              error);
}

static gboolean
count_organizations (Count     *c,
                     SdbStats  *stats,
                     GError   **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c,
                                     "SELECT o.kind, count(*) FROM organization o"
                                     " WHERE " EXISTS_ON_LAST_DAY " AND " IN_SCOPE ("o.id")
                                     " GROUP BY o.kind", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      int kind = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_ORGANIZATION_KIND);

      if (kind >= 0 && kind < SDB_STATS_ORGANIZATION_KINDS)
        {
          stats->organizations[kind] = sdb_stmt_get_int (stmt, 1);
          stats->has_organizations = TRUE;
        }
    }
  return rc != 0;
}

#define ENTERING "('admitted', 'transfer_in', 'readmitted')"
#define LEAVING "('transfer_out', 'left')"

/* total, probationary, exempt, and members on 31/12 with a rating record for the year. */
static gboolean
count_members_on_last_day (Count     *c,
                           SdbStats  *stats,
                           gint64    *with_record,
                           GError   **error)
{
  gint64 v[4];

  if (c->whole)
    {
      if (!query_ints (c,
                       "SELECT (SELECT count(*) FROM member_event"
                       "        WHERE kind IN " ENTERING " AND date <= ?4)"
                       "     - (SELECT count(*) FROM member_event"
                       "        WHERE kind IN " LEAVING " AND date <= ?4),"
                       /* Probationary: admitted, not yet official, and in the committee. */
                       "       (SELECT count(*) FROM member m"
                       "        WHERE m.id IN (SELECT id FROM member WHERE official_date IS NULL"
                       "                       UNION ALL"
                       "                       SELECT id FROM member WHERE official_date > ?4)"
                       "          AND m.admission_date <= ?4 AND " IN_COMMITTEE ("m.id") "),"
                       "       (SELECT count(DISTINCT x.member_id) FROM member_exemption x"
                       "        WHERE x.first_date <= ?4"
                       "          AND (x.last_date IS NULL OR ?4 <= x.last_date || '~')"
                       "          AND " IN_COMMITTEE ("x.member_id") "),"
                       /* Records of the year, less those of members gone by 31/12: only
                        * someone who left during the year may have both. */
                       "       (SELECT count(*) FROM member_rating WHERE year = ?1)"
                       "     - (SELECT count(*) FROM member_rating r"
                       "        WHERE r.year = ?1"
                       "          AND r.member_id IN (SELECT member_id FROM member_event"
                       "                              WHERE kind IN " LEAVING
                       "                                AND date >= ?2 AND date <= ?4)"
                       "          AND NOT " IN_COMMITTEE ("r.member_id") ")",
                       v, 4, error))
        return FALSE;
    }
  else if (!query_ints (c,
                        "SELECT count(*),"
                        "       ifnull (sum (m.admission_date <= ?4"
                        "                    AND (m.official_date IS NULL"
                        "                         OR m.official_date > ?4)), 0),"
                        "       ifnull (sum (" EXEMPT_ON_LAST_DAY ("s.id") "), 0),"
                        "       ifnull (sum (EXISTS (SELECT 1 FROM member_rating r"
                        "                            WHERE r.member_id = s.id"
                        "                              AND r.year = ?1)), 0)"
                        " FROM temp.sdb_stats_members s JOIN member m ON m.id = s.id"
                        " WHERE s.present",
                        v, 4, error))
    return FALSE;

  stats->total = v[0];
  stats->probationary = v[1];
  stats->official = v[0] - v[1];
  stats->exempt = v[2];
  *with_record = v[3];
  return TRUE;
}

static gboolean
count_member_events (Count     *c,
                     SdbStats  *stats,
                     gboolean  *any,
                     GError   **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c,
                                     "SELECT kind, reason, count(*) FROM member_event"
                                     " WHERE kind IN ('admitted', 'transfer_in', 'readmitted',"
                                     "                'transfer_out', 'left')"
                                     "   AND date >= ?2 AND date < ?3"
                                     "   AND " MEMBER_IN_SCOPE ("member_id")
                                     " GROUP BY kind, reason", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *any = FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      int kind = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_MEMBER_EVENT_KIND);
      gint64 n = sdb_stmt_get_int (stmt, 2);

      *any = TRUE;
      switch (kind)
        {
        case SDB_MEMBER_EVENT_KIND_ADMITTED:
          stats->admitted += n;
          break;
        case SDB_MEMBER_EVENT_KIND_READMITTED:
          stats->readmitted += n;
          break;
        case SDB_MEMBER_EVENT_KIND_TRANSFER_IN:
          stats->transferred_in += n;
          break;
        case SDB_MEMBER_EVENT_KIND_TRANSFER_OUT:
          stats->transferred_out += n;
          break;
        case SDB_MEMBER_EVENT_KIND_LEFT:
          {
            int reason = sdb_stmt_get_enum (stmt, 1, SDB_TYPE_LEAVING_REASON);

            if (reason >= 0 && reason < SDB_STATS_LEAVING_REASONS)
              stats->left[reason] += n;
          }
          break;
        default:
          break;
        }
    }
  return rc != 0;
}

/* Admissions from @first_year up to the year, in scope. */
static gboolean
count_admissions_since (Count   *c,
                        int      first_year,
                        gint64  *count,
                        GError **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c,
                                     "SELECT count(*) FROM member_event"
                                     " WHERE kind = 'admitted' AND date >= ?6 AND date < ?3"
                                     "   AND " MEMBER_IN_SCOPE ("member_id"), error);
  g_autofree char *from = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  from = g_strdup_printf ("%04d", first_year);
  sdb_stmt_bind_text (stmt, 6, from);
  rc = sdb_database_step (c->db, stmt, error);
  if (rc == 0)
    return FALSE;
  *count = sdb_stmt_get_int (stmt, 0);
  return TRUE;
}

/* The target for the year or the term into @target, %NULL when there is none. */
static gboolean
find_target (Count       *c,
             gint64       organization_id,
             gboolean     term,
             SdbTarget  **target,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *target = sdb_target_lookup_for_year (c->db, c->year, organization_id, term, &local_error);
  if (*target != NULL
      || g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
count_admissions (Count     *c,
                  SdbStats  *stats,
                  GError   **error)
{
  g_autoptr(SdbTarget) year_target = NULL;
  g_autoptr(SdbTarget) term_target = NULL;

  if (!find_target (c, stats->organization_id, FALSE, &year_target, error)
      || !find_target (c, stats->organization_id, TRUE, &term_target, error))
    return FALSE;

  if (year_target != NULL)
    {
      stats->has_target = TRUE;
      stats->target = sdb_target_get_number (year_target);
    }
  if (term_target != NULL)
    {
      stats->has_term = TRUE;
      stats->term_first_year = sdb_target_get_first_year (term_target);
      stats->term_last_year = sdb_target_get_last_year (term_target);
      stats->term_target = sdb_target_get_number (term_target);
      if (!count_admissions_since (c, stats->term_first_year, &stats->term_count, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_grade (SdbRatingCounts *counts,
           int              grade,
           gint64           n)
{
  if (grade < 0)
    counts->not_rated += n;
  else if (grade < SDB_STATS_GRADES)
    {
      counts->grades[grade] += n;
      counts->rated += n;
    }
}

static gboolean
is_grassroots (int kind)
{
  return kind == SDB_ORGANIZATION_KIND_DANG_BO_CO_SO || kind == SDB_ORGANIZATION_KIND_CHI_BO_CO_SO;
}

static gboolean
count_organization_ratings (Count     *c,
                            SdbStats  *stats,
                            GError   **error)
{
  g_autoptr(SdbStmt) records = prepare (c,
                                        "SELECT o.kind, r.grade, count(*)"
                                        " FROM organization_rating r"
                                        " JOIN organization o ON o.id = r.organization_id"
                                        " WHERE r.year = ?1 AND " IN_SCOPE ("o.id")
                                        " GROUP BY o.kind, r.grade", error);
  g_autoptr(SdbStmt) missing = NULL;
  int rc;

  if (records == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, records, error)) == SQLITE_ROW)
    {
      int kind = sdb_stmt_get_enum (records, 0, SDB_TYPE_ORGANIZATION_KIND);
      int grade = sdb_stmt_is_null (records, 1) ? -1 : sdb_stmt_get_enum (records, 1,
                                                                           SDB_TYPE_GRADE);
      gint64 n = sdb_stmt_get_int (records, 2);

      if (kind < 0 || kind >= SDB_STATS_ORGANIZATION_KINDS)
        continue;
      stats->has_organization_ratings = TRUE;
      add_grade (&stats->organization_ratings_by_kind[kind], grade, n);
      if (is_grassroots (kind))
        add_grade (&stats->organization_ratings, grade, n);
    }
  if (rc == 0)
    return FALSE;
  if (!stats->has_organization_ratings)
    return TRUE;

  if (!c->whole)
    {
      g_autoptr(SdbStmt) own = prepare (c,
                                        "SELECT grade FROM organization_rating"
                                        " WHERE organization_id = ?6 AND year = ?1", error);

      if (own == NULL)
        return FALSE;
      sdb_stmt_bind_int (own, 6, stats->organization_id);
      rc = sdb_database_step (c->db, own, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          stats->has_own_rating = TRUE;
          stats->own_grade = sdb_stmt_is_null (own, 0) ? -1 : sdb_stmt_get_enum (own, 0,
                                                                                 SDB_TYPE_GRADE);
        }
    }

  missing = prepare (c,
                     "SELECT o.kind, count(*) FROM organization o"
                     " WHERE " EXISTS_ON_LAST_DAY " AND " IN_SCOPE ("o.id")
                     "   AND NOT EXISTS (SELECT 1 FROM organization_rating r"
                     "                   WHERE r.organization_id = o.id AND r.year = ?1)"
                     " GROUP BY o.kind", error);
  if (missing == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, missing, error)) == SQLITE_ROW)
    {
      int kind = sdb_stmt_get_enum (missing, 0, SDB_TYPE_ORGANIZATION_KIND);
      gint64 n = sdb_stmt_get_int (missing, 1);

      if (kind < 0 || kind >= SDB_STATS_ORGANIZATION_KINDS)
        continue;
      stats->organization_ratings_by_kind[kind].missing = n;
      if (is_grassroots (kind))
        stats->organization_ratings.missing += n;
    }
  return rc != 0;
}

static gboolean
count_member_ratings (Count     *c,
                      SdbStats  *stats,
                      gint64     with_record,
                      GError   **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c,
                                     "SELECT grade, count(*) FROM member_rating"
                                     " WHERE year = ?1 AND " MEMBER_IN_SCOPE ("member_id")
                                     " GROUP BY grade", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      int grade = sdb_stmt_is_null (stmt, 0) ? -1 : sdb_stmt_get_enum (stmt, 0, SDB_TYPE_GRADE);

      stats->has_member_ratings = TRUE;
      add_grade (&stats->member_ratings, grade, sdb_stmt_get_int (stmt, 1));
    }
  if (rc == 0)
    return FALSE;
  if (stats->has_member_ratings)
    stats->member_ratings.missing = MAX (stats->total - with_record, 0);
  return TRUE;
}

static gboolean
count_badges (Count     *c,
              SdbStats  *stats,
              GError   **error)
{
  g_autoptr(SdbStmt) stmt = prepare (c,
                                     "SELECT years, count(*) FROM badge"
                                     " WHERE date >= ?2 AND date < ?3"
                                     "   AND " MEMBER_IN_SCOPE ("member_id")
                                     " GROUP BY years", error);
  guint n_steps;
  const int *steps = sdb_badge_get_steps (&n_steps);
  int rc;

  g_assert (n_steps == SDB_STATS_BADGE_STEPS);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 years = sdb_stmt_get_int (stmt, 0);
      gint64 n = sdb_stmt_get_int (stmt, 1);

      for (guint i = 0; i < n_steps; i++)
        if (steps[i] == years)
          {
            stats->badges[i] += n;
            stats->badges_total += n;
            stats->has_badges = TRUE;
          }
    }
  return rc != 0;
}

static gboolean
count_awards (Count     *c,
              SdbStats  *stats,
              GError   **error)
{
  gint64 v[3];

  /* For one organization, an award to a person who is not a member cannot be placed in it. */
  if (!query_ints (c,
                   "SELECT count(*), ifnull (sum (organization_id IS NOT NULL), 0),"
                   "       ifnull (sum (organization_id IS NULL), 0)"
                   " FROM award WHERE year = ?1"
                   "   AND (?5 OR organization_id IN temp.sdb_stats_scope"
                   "        OR member_id IN (SELECT id FROM temp.sdb_stats_members))",
                   v, 3, error))
    return FALSE;
  stats->has_awards = v[0] > 0;
  stats->awards_collective = v[1];
  stats->awards_individual = v[2];
  return TRUE;
}

static gboolean
count_meetings (Count     *c,
                SdbStats  *stats,
                GError   **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  /* Meetings are the committee's own: one organization has none of them. */
  if (!c->whole)
    return TRUE;
  stmt = prepare (c,
                  "SELECT kind, count(*) FROM meeting WHERE date >= ?2 AND date < ?3"
                  " GROUP BY kind", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (c->db, stmt, error)) == SQLITE_ROW)
    {
      int kind = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_MEETING_KIND);
      gint64 n = sdb_stmt_get_int (stmt, 1);

      if (kind < 0 || kind >= SDB_STATS_MEETING_KINDS)
        continue;
      stats->meetings[kind] += n;
      stats->meetings_total += n;
      stats->has_meetings = TRUE;
    }
  return rc != 0;
}

static gboolean
find_subject (Count     *c,
              SdbStats  *stats,
              GError   **error)
{
  if (stats->organization_id == 0)
    {
      g_autoptr(SdbProfile) profile = sdb_profile_lookup_for_year (c->db, c->year, error);

      if (profile == NULL)
        return FALSE;
      stats->committee = g_strdup (sdb_profile_get_name (profile));
    }
  else
    {
      g_autoptr(SdbOrganization) organization =
        sdb_organization_lookup (c->db, stats->organization_id, error);
      SdbDate last_day = { (gint16) c->year, 12, 31 };

      if (organization == NULL)
        return FALSE;
      stats->organization_kind = sdb_organization_get_kind (organization);
      if (!sdb_organization_get_state_at (c->db, stats->organization_id, &last_day,
                                          &stats->committee, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static SdbStats *
compute (Count   *c,
         gint64   organization_id,
         GError **error)
{
  g_autoptr(SdbStats) stats = g_new0 (SdbStats, 1);
  gint64 with_record = 0;
  gboolean any_event = FALSE;

  stats->year = c->year;
  stats->organization_id = organization_id;
  c->whole = organization_id == 0;

  if (!find_subject (c, stats, error)
      || !create_scope_tables (c, error)
      || (!c->whole && (!fill_scope (c, organization_id, error) || !fill_members (c, error)))
      || !count_organizations (c, stats, error)
      || !count_members_on_last_day (c, stats, &with_record, error)
      || !count_member_events (c, stats, &any_event, error)
      || !count_admissions (c, stats, error)
      || !count_organization_ratings (c, stats, error)
      || !count_member_ratings (c, stats, with_record, error)
      || !count_badges (c, stats, error)
      || !count_awards (c, stats, error)
      || !count_meetings (c, stats, error))
    return NULL;

  stats->has_members = stats->total > 0 || any_event;
  return g_steal_pointer (&stats);
}

static gboolean
check_year (int      year,
            GError **error)
{
  if (year >= SDB_DATE_YEAR_MIN && year <= SDB_DATE_YEAR_MAX)
    return TRUE;
  g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID,
               _("The year must be between %d and %d."), SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
  return FALSE;
}

static void
count_init (Count       *c,
            SdbDatabase *db,
            int          year)
{
  c->db = db;
  c->year = year;
  g_snprintf (c->first, sizeof c->first, "%04d", year);
  g_snprintf (c->next, sizeof c->next, "%04d", year + 1);
  g_snprintf (c->last, sizeof c->last, "%04d-12-31", year);
}

/**
 * sdb_stats_compute:
 * @organization_id: 0 for the whole committee, or the organization whose subtree on 31/12 of
 *   @year is counted
 *
 * Counts the figures of @year inside one read transaction, so they agree with each other even
 * while another program writes.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set: NOT_FOUND for an unknown
 * organization or a committee without a name, INVALID for a year out of range.
 */
SdbStats *
sdb_stats_compute (SdbDatabase  *db,
                   int           year,
                   gint64        organization_id,
                   GError      **error)
{
  g_autoptr(GPtrArray) series = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (organization_id >= 0, NULL);

  series = sdb_stats_compute_series (db, year, year, organization_id, error);
  if (series == NULL)
    return NULL;
  return g_ptr_array_steal_index (series, 0);
}

/**
 * sdb_stats_compute_series:
 *
 * Returns: (transfer full) (element-type SdbStats): one SdbStats per year, oldest first, or
 * %NULL with @error set.
 */
GPtrArray *
sdb_stats_compute_series (SdbDatabase  *db,
                          int           first_year,
                          int           last_year,
                          gint64        organization_id,
                          GError      **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_stats_free);
  gboolean ok = TRUE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (organization_id >= 0, NULL);

  if (!check_year (first_year, error) || !check_year (last_year, error))
    return NULL;
  if (last_year < first_year)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID,
                   _("The last year (%d) is before the first (%d)."), last_year, first_year);
      return NULL;
    }

  if (!sdb_database_begin_read (db, error))
    return NULL;
  for (int year = first_year; ok && year <= last_year; year++)
    {
      Count c = { 0 };
      SdbStats *stats;

      count_init (&c, db, year);
      stats = compute (&c, organization_id, error);
      if (stats == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (series, stats);
    }
  if (!ok)
    {
      sdb_database_rollback (db);
      return NULL;
    }
  if (!sdb_database_commit (db, error))
    return NULL;
  return g_steal_pointer (&series);
}

/* JSON --------------------------------------------------------------------------------------- */

/* A small writer for the one shape the figures have: two-space indentation, keys in a fixed
 * order, numbers written from integers (percentages through sdb-vn, never from a double). */
typedef struct
{
  GString *out;
  int      depth;
  gboolean first;
} Json;

static void
json_key (Json       *j,
          const char *key)
{
  if (!j->first)
    g_string_append_c (j->out, ',');
  if (j->depth > 0)
    g_string_append_c (j->out, '\n');
  for (int i = 0; i < j->depth; i++)
    g_string_append (j->out, "  ");
  j->first = FALSE;
  if (key != NULL)
    {
      g_string_append_c (j->out, '"');
      g_string_append (j->out, key);
      g_string_append (j->out, "\": ");
    }
}

static void
json_open (Json       *j,
           const char *key,
           char        bracket)
{
  json_key (j, key);
  g_string_append_c (j->out, bracket);
  j->depth++;
  j->first = TRUE;
}

static void
json_close (Json *j,
            char  bracket)
{
  j->depth--;
  if (!j->first)
    {
      g_string_append_c (j->out, '\n');
      for (int i = 0; i < j->depth; i++)
        g_string_append (j->out, "  ");
    }
  g_string_append_c (j->out, bracket);
  j->first = FALSE;
}

static void
json_raw (Json       *j,
          const char *key,
          const char *value)
{
  json_key (j, key);
  g_string_append (j->out, value);
}

static void
json_int (Json       *j,
          const char *key,
          gint64      value)
{
  json_key (j, key);
  g_string_append_printf (j->out, "%" G_GINT64_FORMAT, value);
}

static void
json_percent (Json       *j,
              const char *key,
              gint64      numerator,
              gint64      denominator)
{
  g_autofree char *text = sdb_vn_percent_json (numerator, denominator);

  json_raw (j, key, text);
}

static void
json_string (Json       *j,
             const char *key,
             const char *value)
{
  json_key (j, key);
  g_string_append_c (j->out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      if (ch == '"' || ch == '\\')
        g_string_append_printf (j->out, "\\%c", ch);
      else if (ch < 0x20)
        g_string_append_printf (j->out, "\\u%04x", ch);
      else
        g_string_append_c (j->out, (char) ch);
    }
  g_string_append_c (j->out, '"');
}

static void
json_rating_counts (Json                  *j,
                    const char            *key,
                    const SdbRatingCounts *counts)
{
  gint64 good_or_better = sdb_rating_counts_good_or_better (counts);

  json_open (j, key, '{');
  json_int (j, "rated", counts->rated);
  json_int (j, "not_rated", counts->not_rated);
  json_int (j, "missing", counts->missing);
  for (int grade = 0; grade < SDB_STATS_GRADES; grade++)
    json_int (j, sdb_enum_to_code (SDB_TYPE_GRADE, grade), counts->grades[grade]);
  json_int (j, "good_or_better", good_or_better);
  json_open (j, "percent", '{');
  for (int grade = 0; grade < SDB_STATS_GRADES; grade++)
    json_percent (j, sdb_enum_to_code (SDB_TYPE_GRADE, grade), counts->grades[grade],
                  counts->rated);
  json_percent (j, "good_or_better", good_or_better, counts->rated);
  json_close (j, '}');
}

static void
json_stats (Json           *j,
            const SdbStats *s)
{
  json_open (j, NULL, '{');
  json_int (j, "year", s->year);
  json_string (j, "committee", s->committee);

  if (s->has_organizations)
    {
      json_open (j, "organizations", '{');
      json_int (j, "grassroots", sdb_stats_get_grassroots (s));
      for (int kind = 0; kind < SDB_STATS_ORGANIZATION_KINDS; kind++)
        json_int (j, sdb_enum_to_code (SDB_TYPE_ORGANIZATION_KIND, kind), s->organizations[kind]);
      json_close (j, '}');
    }
  else
    json_raw (j, "organizations", "null");

  if (s->has_members)
    {
      json_open (j, "members", '{');
      json_int (j, "total", s->total);
      json_int (j, "official", s->official);
      json_int (j, "probationary", s->probationary);
      json_int (j, "exempt", s->exempt);
      json_int (j, "admitted", s->admitted);
      json_int (j, "readmitted", s->readmitted);
      json_int (j, "transferred_in", s->transferred_in);
      json_open (j, "left", '{');
      json_int (j, "transferred_out", s->transferred_out);
      for (int reason = 0; reason < SDB_STATS_LEAVING_REASONS; reason++)
        json_int (j, sdb_enum_to_code (SDB_TYPE_LEAVING_REASON, reason), s->left[reason]);
      json_close (j, '}');
      json_close (j, '}');
    }
  else
    json_raw (j, "members", "null");

  if (s->has_members || s->has_target || s->has_term)
    {
      json_open (j, "admissions", '{');
      json_int (j, "count", s->admitted);
      if (s->has_target)
        json_int (j, "target", s->target);
      else
        json_raw (j, "target", "null");
      json_percent (j, "percent", s->admitted, s->has_target ? s->target : 0);
      if (s->has_term)
        {
          json_open (j, "term", '{');
          json_int (j, "from", s->term_first_year);
          json_int (j, "to", s->term_last_year);
          json_int (j, "count", s->term_count);
          json_int (j, "target", s->term_target);
          json_percent (j, "percent", s->term_count, s->term_target);
          json_close (j, '}');
        }
      else
        json_raw (j, "term", "null");
      json_close (j, '}');
    }
  else
    json_raw (j, "admissions", "null");

  if (s->has_organization_ratings)
    {
      json_rating_counts (j, "organization_ratings", &s->organization_ratings);
      json_open (j, "by_kind", '{');
      for (int kind = 0; kind < SDB_STATS_ORGANIZATION_KINDS; kind++)
        {
          const SdbRatingCounts *counts = &s->organization_ratings_by_kind[kind];

          /* Every kind that has a record for the year. */
          if (counts->rated + counts->not_rated == 0)
            continue;
          json_rating_counts (j, sdb_enum_to_code (SDB_TYPE_ORGANIZATION_KIND, kind), counts);
          json_close (j, '}');
        }
      json_close (j, '}');
      json_close (j, '}');
    }
  else
    json_raw (j, "organization_ratings", "null");

  if (s->has_member_ratings)
    {
      json_rating_counts (j, "member_ratings", &s->member_ratings);
      json_close (j, '}');
    }
  else
    json_raw (j, "member_ratings", "null");

  if (s->has_badges)
    {
      guint n_steps;
      const int *steps = sdb_badge_get_steps (&n_steps);

      json_open (j, "badges", '{');
      json_int (j, "total", s->badges_total);
      json_open (j, "by_years", '{');
      for (guint i = 0; i < n_steps; i++)
        {
          char key[16];

          g_snprintf (key, sizeof key, "%d", steps[i]);
          json_int (j, key, s->badges[i]);
        }
      json_close (j, '}');
      json_close (j, '}');
    }
  else
    json_raw (j, "badges", "null");

  if (s->has_awards)
    {
      json_open (j, "awards", '{');
      json_int (j, "collective", s->awards_collective);
      json_int (j, "individual", s->awards_individual);
      json_close (j, '}');
    }
  else
    json_raw (j, "awards", "null");

  if (s->has_meetings)
    {
      json_open (j, "meetings", '{');
      json_int (j, "total", s->meetings_total);
      json_open (j, "by_kind", '{');
      for (int kind = 0; kind < SDB_STATS_MEETING_KINDS; kind++)
        json_int (j, sdb_enum_to_code (SDB_TYPE_MEETING_KIND, kind), s->meetings[kind]);
      json_close (j, '}');
      json_close (j, '}');
    }
  else
    json_raw (j, "meetings", "null");

  json_close (j, '}');
}

/**
 * sdb_stats_to_json:
 *
 * Returns: (transfer full): the figures as a JSON object, ending in a newline.
 */
char *
sdb_stats_to_json (const SdbStats *stats)
{
  Json j = { g_string_new (NULL), 0, TRUE };

  g_return_val_if_fail (stats != NULL, NULL);

  json_stats (&j, stats);
  g_string_append_c (j.out, '\n');
  return g_string_free (j.out, FALSE);
}

/**
 * sdb_stats_series_to_json:
 * @series: (element-type SdbStats)
 *
 * Returns: (transfer full): a JSON list of the figures of each year, ending in a newline.
 */
char *
sdb_stats_series_to_json (GPtrArray *series)
{
  Json j = { g_string_new (NULL), 0, TRUE };

  g_return_val_if_fail (series != NULL, NULL);

  json_open (&j, NULL, '[');
  for (guint i = 0; i < series->len; i++)
    json_stats (&j, g_ptr_array_index (series, i));
  json_close (&j, ']');
  g_string_append_c (j.out, '\n');
  return g_string_free (j.out, FALSE);
}
