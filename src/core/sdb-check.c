/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `sodangbo-cli check`: SQLite's own integrity and foreign-key checks, then every record through
 * the same validation a form or an import uses, so the check can never disagree with a save. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-award.h"
#include "sdb-badge.h"
#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-history.h"
#include "sdb-meeting.h"
#include "sdb-member-list.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-rating.h"
#include "sdb-target.h"
#include "sdb-term.h"

typedef struct
{
  SdbCheckFunc func;
  gpointer     user_data;
  guint        n_errors;
  guint        n_warnings;
  /* Progress: the records checked so far, of those counted before the check began. */
  SdbDatabase *db;
  guint64      n_checked;
  guint64      n_records;
} Check;

/* A check tells how far it has come every so many records. */
#define PROGRESS_RECORDS 1000

/* The records that check_records () reads, for its progress. A count that has changed meanwhile
 * cannot happen (one read transaction), but the figures are kept within 100% regardless. */
static gboolean
count_records (SdbDatabase  *db,
               guint64      *n_records,
               GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT (SELECT count(*) FROM profile) + (SELECT count(*) FROM term)"
                          " + (SELECT count(*) FROM organization)"
                          " + (SELECT count(*) FROM member)"
                          " + (SELECT count(*) FROM admission_target)"
                          " + (SELECT count(*) FROM organization_rating)"
                          " + (SELECT count(*) FROM member_rating)"
                          " + (SELECT count(*) FROM award) + (SELECT count(*) FROM badge)"
                          " + (SELECT count(*) FROM meeting)", error);

  if (stmt == NULL || sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *n_records = (guint64) sdb_stmt_get_int (stmt, 0);
  return TRUE;
}

static void
count_checked (Check *check)
{
  check->n_checked++;
  if (check->n_checked % PROGRESS_RECORDS == 0 && check->n_checked < check->n_records)
    sdb_database_report_progress (check->db, check->n_checked, check->n_records);
}

static void
report (Check            *check,
        const char       *where,
        const SdbProblem *problem)
{
  if (problem->severity == SDB_SEVERITY_ERROR)
    check->n_errors++;
  else
    check->n_warnings++;
  if (check->func != NULL)
    check->func (where, problem, check->user_data);
}

static void
report_all (Check      *check,
            const char *where,
            GPtrArray  *problems)
{
  for (guint i = 0; i < problems->len; i++)
    report (check, where, g_ptr_array_index (problems, i));
}

static void
report_history (const char       *where,
                const SdbProblem *problem,
                Check            *check)
{
  report (check, where, problem);
}

static gboolean
check_integrity (SdbDatabase  *db,
                 Check        *check,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "PRAGMA integrity_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(SdbProblem) problem = NULL;
      g_autofree char *message = NULL;

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      message = g_strdup_printf (_("The file is damaged (%s). Restore a backup."), line);
      problem = sdb_problem_new (NULL, SDB_SEVERITY_ERROR, message);
      report (check, _("database"), problem);
    }
  return rc != 0;
}

static gboolean
check_foreign_keys (SdbDatabase  *db,
                    Check        *check,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, "PRAGMA foreign_key_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      gint64 rowid = sqlite3_column_int64 (stmt, 1);
      const char *parent = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *where = g_strdup_printf ("%s %" G_GINT64_FORMAT, table, rowid);
      g_autofree char *message =
        g_strdup_printf (_("This row refers to a row of “%s” that does not exist."), parent);
      g_autoptr(SdbProblem) problem = sdb_problem_new (NULL, SDB_SEVERITY_ERROR, message);

      report (check, where, problem);
    }
  return rc != 0;
}

typedef gboolean (*ValidateFunc) (SdbDatabase *db,
                                  gpointer     record,
                                  GPtrArray   *problems,
                                  GError     **error);
typedef char *(*WhereFunc) (SdbDatabase *db,
                            gpointer     record);

/* Runs a record kind's own validation over every record of @list. */
static gboolean
check_list (SdbDatabase   *db,
            Check         *check,
            GListModel    *list,
            ValidateFunc   validate,
            WhereFunc      where,
            GError       **error)
{
  guint n;

  if (list == NULL)
    return FALSE;
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (list, i);
      g_autoptr(GPtrArray) problems = sdb_problems_new ();

      if (!validate (db, record, problems, error))
        return FALSE;
      count_checked (check);
      if (problems->len > 0)
        {
          g_autofree char *label = where (db, record);

          report_all (check, label, problems);
        }
    }
  return TRUE;
}

static char *
profile_where (SdbDatabase *db,
              gpointer     record)
{
  return g_strdup_printf (_("committee name “%s”"), sdb_profile_get_name (record));
}

static char *
term_where (SdbDatabase *db,
           gpointer     record)
{
  g_autofree char *label = sdb_term_dup_label (record);

  return g_strdup_printf (_("term %s"), label);
}

static char *
organization_where (SdbDatabase *db,
                   gpointer     record)
{
  return g_strdup_printf (_("organization %s"), sdb_organization_get_code (record));
}

static char *
member_where (SdbDatabase *db,
             gpointer     record)
{
  return g_strdup_printf (_("member %s"), sdb_member_get_code (record));
}

static char *
target_where (SdbDatabase *db,
             gpointer     record)
{
  return g_strdup_printf (_("admission target %d–%d"), sdb_target_get_first_year (record),
                          sdb_target_get_last_year (record));
}

/* Names the member or organization by the code the office gives it, which a clerk can find. */
static char *
dup_member_code (SdbDatabase *db,
                 gint64       id)
{
  g_autoptr(SdbMember) member = sdb_member_lookup (db, id, NULL);

  return member != NULL ? g_strdup (sdb_member_get_code (member))
                        : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

static char *
rating_where (SdbDatabase *db,
              gpointer     record)
{
  g_autofree char *code = NULL;

  if (sdb_rating_is_member (record))
    {
      code = dup_member_code (db, sdb_rating_get_member_id (record));
      return g_strdup_printf (_("rating %d of member %s"), sdb_rating_get_year (record), code);
    }
  else
    {
      g_autoptr(SdbOrganization) organization =
        sdb_organization_lookup (db, sdb_rating_get_organization_id (record), NULL);

      code = organization != NULL ? g_strdup (sdb_organization_get_code (organization))
                                  : g_strdup ("?");
      return g_strdup_printf (_("rating %d of organization %s"), sdb_rating_get_year (record),
                              code);
    }
}

static char *
meeting_where (SdbDatabase *db,
              gpointer     record)
{
  g_autofree char *reference = sdb_meeting_dup_reference (record);
  g_autofree char *date = sdb_vn_format_date (sdb_meeting_get_date (record));

  return g_strdup_printf (_("meeting %s of %s"), reference, date);
}

static char *
award_where (SdbDatabase *db,
            gpointer     record)
{
  return g_strdup_printf (_("award of %d (%s)"), sdb_award_get_year (record),
                          sdb_award_get_form (record));
}

static char *
badge_where (SdbDatabase *db,
             gpointer     record)
{
  g_autofree char *code = dup_member_code (db, sdb_badge_get_member_id (record));

  return g_strdup_printf (_("badge of %d years of member %s"), sdb_badge_get_years (record),
                          code);
}

/* The share of excellent against good in each TCCS, for members and for subordinate
 * organizations: a rule about a whole year, not about one record. */
static gboolean
check_excellent_share (SdbDatabase  *db,
                       Check        *check,
                       int           year,
                       GError      **error)
{
  g_autoptr(GPtrArray) problems = sdb_problems_new ();
  g_autofree char *where = g_strdup_printf (_("ratings of %d"), year);

  if (!sdb_rating_check_excellent_share (db, year, TRUE, problems, error)
      || !sdb_rating_check_excellent_share (db, year, FALSE, problems, error))
    return FALSE;
  report_all (check, where, problems);
  return TRUE;
}

/* Member ratings are read one year at a time: a province has 200.000 of them a year. */
static gboolean
check_member_ratings (SdbDatabase  *db,
                      Check        *check,
                      GError      **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));

  {
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db, "SELECT DISTINCT year FROM member_rating ORDER BY year", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
      {
        int year = (int) sdb_stmt_get_int (stmt, 0);

        g_array_append_val (years, year);
      }
    if (rc == 0)
      return FALSE;
  }

  for (guint i = 0; i < years->len; i++)
    {
      SdbRatingFilter filter = { TRUE, g_array_index (years, int, i), 0 };
      g_autoptr(GListModel) list = sdb_rating_list (db, &filter, error);

      if (!check_list (db, check, list, (ValidateFunc) sdb_rating_validate, rating_where, error)
          || !check_excellent_share (db, check, filter.year, error))
        return FALSE;
    }
  return TRUE;
}

/* Meetings are listed without their attendees and documents; each is read whole to be
 * checked. */
static gboolean
check_meetings (SdbDatabase  *db,
                Check        *check,
                GError      **error)
{
  g_autoptr(GListModel) list = sdb_meeting_list (db, NULL, error);
  guint n;

  if (list == NULL)
    return FALSE;
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdbMeeting) item = g_list_model_get_item (list, i);
      g_autoptr(SdbMeeting) meeting = sdb_meeting_lookup (db, sdb_meeting_get_id (item), error);
      g_autoptr(GPtrArray) problems = sdb_problems_new ();

      if (meeting == NULL || !sdb_meeting_validate (db, meeting, problems, error))
        return FALSE;
      count_checked (check);
      if (problems->len > 0)
        {
          g_autofree char *label = meeting_where (db, meeting);

          report_all (check, label, problems);
        }
    }
  return TRUE;
}

static gboolean
check_records (SdbDatabase  *db,
               Check        *check,
               GError      **error)
{
  SdbOrganizationFilter organizations;
  SdbMemberFilter members;
  SdbRatingFilter ratings = { FALSE, 0, 0 };
  SdbTargetFilter targets = SDB_TARGET_FILTER_INIT;
  SdbAwardFilter awards = { 0, 0, 0, 0 };
  g_autoptr(GListModel) list = NULL;

  sdb_organization_filter_init (&organizations);
  sdb_member_filter_init (&members);
  members.include_former = TRUE;

#define CHECK_KIND(expression, validate, where)                                                 \
  G_STMT_START {                                                                                \
    g_clear_object (&list);                                                                     \
    list = (expression);                                                                        \
    if (!check_list (db, check, list, (ValidateFunc) (validate), (where), error))               \
      return FALSE;                                                                             \
  } G_STMT_END

  CHECK_KIND (sdb_profile_list (db, error), sdb_profile_validate, profile_where);
  CHECK_KIND (sdb_term_list (db, error), sdb_term_validate, term_where);
  CHECK_KIND (sdb_organization_list (db, &organizations, error), sdb_organization_validate,
              organization_where);
  CHECK_KIND ((GListModel *) sdb_member_list_new (db, &members, error), sdb_member_validate,
              member_where);
  CHECK_KIND (sdb_target_list (db, &targets, error), sdb_target_validate, target_where);
  CHECK_KIND (sdb_rating_list (db, &ratings, error), sdb_rating_validate, rating_where);
  CHECK_KIND (sdb_award_list (db, &awards, error), sdb_award_validate, award_where);
  CHECK_KIND (sdb_badge_list (db, 0, 0, error), sdb_badge_validate, badge_where);
#undef CHECK_KIND

  return check_member_ratings (db, check, error) && check_meetings (db, check, error);
}

/**
 * sdb_check_run:
 * @func: (nullable): called for each problem, in the order found
 *
 * Runs every check on @db. Finding problems is not a failure: the return value is %FALSE only
 * when the checks themselves could not run (@error is set).
 */
gboolean
sdb_check_run (SdbDatabase   *db,
               SdbCheckFunc   func,
               gpointer       user_data,
               guint         *n_errors,
               guint         *n_warnings,
               GError       **error)
{
  Check check = { func, user_data, 0, 0, db, 0, 0 };
  gboolean deferring;
  gboolean ok;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  /* One read transaction: every part checks the same state of the file, and a province's
   * hundreds of thousands of queries do not each take and drop the file's read lock. */
  if (!sdb_database_begin_read (db, error))
    return FALSE;
  /* Each rating's validation leaves the share of excellent in its TCCS to the year's own
   * check (check_excellent_share ()), which sees the whole year, as an import does. */
  deferring = sdb_database_is_deferring (db);
  sdb_database_set_deferring (db, TRUE);
  ok = count_records (db, &check.n_records, error)
       && check_integrity (db, &check, error)
       && check_foreign_keys (db, &check, error)
       && check_records (db, &check, error)
       && sdb_history_verify (db, (SdbHistoryProblemFunc) report_history, &check, error);
  if (ok)
    sdb_database_report_progress (db, check.n_records, check.n_records);
  sdb_database_set_deferring (db, deferring);
  sdb_database_rollback (db);

  if (n_errors != NULL)
    *n_errors = check.n_errors;
  if (n_warnings != NULL)
    *n_warnings = check.n_warnings;
  return ok;
}
