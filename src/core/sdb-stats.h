/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-stats: the figures of a year that the office reports upward (DOMAIN.md, "What a year's
 * figures look like"), for the whole committee or for one organization with its subtree, all
 * counted in SQL from the records. The structure is plain data: the review text (sdb-report),
 * the JSON of the CLI, the tables and the charts all read it, and none of them counts anything
 * again. */
#pragma once

#include <glib-object.h>

#include "sdb-database.h"
#include "sdb-types.h"

G_BEGIN_DECLS

#define SDB_STATS_ORGANIZATION_KINDS (SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC + 1)
#define SDB_STATS_LEAVING_REASONS    (SDB_LEAVING_REASON_RESIGNED + 1)
#define SDB_STATS_GRADES             (SDB_GRADE_FAILED + 1)
#define SDB_STATS_MEETING_KINDS      (SDB_MEETING_KIND_OTHER + 1)
#define SDB_STATS_BADGE_STEPS        12

/* The ratings of one year, of organizations or of members. rated = given a grade; not_rated =
 * an explicit "not rated" record; missing = alive (in the committee) on 31/12 with no record
 * for the year. Percentages are taken over rated only. */
typedef struct
{
  gint64 rated;
  gint64 not_rated;
  gint64 missing;
  gint64 grades[SDB_STATS_GRADES];  /* by SdbGrade */
} SdbRatingCounts;

/* "Hoàn thành tốt nhiệm vụ trở lên": excellent + good, a count of its own, so its percentage is
 * computed from it and never by adding two rounded shares. */
gint64 sdb_rating_counts_good_or_better (const SdbRatingCounts *counts);

typedef struct
{
  int     year;
  /* 0 for the whole committee; otherwise the organization whose subtree (as it stood on
   * 31/12 of the year, itself included) is counted. */
  gint64  organization_id;
  SdbOrganizationKind organization_kind;  /* when organization_id > 0 */
  /* The profile's name for the year ("Đảng bộ huyện Sốp Cộp"), or the organization's name on
   * 31/12 of the year. */
  char   *committee;

  /* Each has_ says whether the year has any record of that kind in scope; a section without
   * records is null in JSON and left out of the review, never shown as zeros. */
  gboolean has_organizations;
  gint64   organizations[SDB_STATS_ORGANIZATION_KINDS];  /* by kind, existing on 31/12 */

  gboolean has_members;
  gint64   total;          /* official + probationary on 31/12; exempt ones included */
  gint64   official;
  gint64   probationary;
  gint64   exempt;         /* part of total */
  gint64   admitted;       /* admitted by the committee during the year; not transfers in */
  gint64   readmitted;     /* admitted again after having left the Party */
  gint64   transferred_in;
  gint64   transferred_out;
  gint64   left[SDB_STATS_LEAVING_REASONS];  /* by SdbLeavingReason */

  /* Admissions against targets; admitted above is the year's count. A missing target is
   * has_target FALSE; a target of 0 has no percentage. */
  gboolean has_target;
  gint64   target;
  gboolean has_term;
  int      term_first_year;
  int      term_last_year;
  gint64   term_count;     /* admissions from term_first_year up to the year */
  gint64   term_target;

  gboolean        has_organization_ratings;
  SdbRatingCounts organization_ratings;  /* the TCCS only */
  SdbRatingCounts organization_ratings_by_kind[SDB_STATS_ORGANIZATION_KINDS];

  /* For one organization: its own record for the year (also counted above, in its kind). */
  gboolean        has_own_rating;
  int             own_grade;  /* an SdbGrade, or -1 when recorded as not rated */

  gboolean        has_member_ratings;
  SdbRatingCounts member_ratings;

  gboolean has_badges;
  gint64   badges_total;
  gint64   badges[SDB_STATS_BADGE_STEPS];  /* by sdb_badge_get_steps () order */

  gboolean has_awards;
  gint64   awards_collective;
  gint64   awards_individual;

  gboolean has_meetings;
  gint64   meetings_total;
  gint64   meetings[SDB_STATS_MEETING_KINDS];  /* by SdbMeetingKind */
} SdbStats;

#define SDB_TYPE_STATS (sdb_stats_get_type ())
GType      sdb_stats_get_type        (void) G_GNUC_CONST;
SdbStats  *sdb_stats_copy            (const SdbStats  *stats);
void       sdb_stats_free            (SdbStats        *stats);

/* TCCS: đảng bộ cơ sở + chi bộ cơ sở. */
gint64     sdb_stats_get_grassroots  (const SdbStats  *stats);

SdbStats  *sdb_stats_compute         (SdbDatabase     *db,
                                      int              year,
                                      gint64           organization_id,
                                      GError         **error);
/* One SdbStats per year from @first_year to @last_year, in order: the series charts draw. */
GPtrArray *sdb_stats_compute_series  (SdbDatabase     *db,
                                      int              first_year,
                                      int              last_year,
                                      gint64           organization_id,
                                      GError         **error);

/* The figures as one JSON object (the keys of `sodangbo-cli stats --json`), with percentages
 * rounded half up to one decimal from the integer counts. */
char      *sdb_stats_to_json         (const SdbStats  *stats);
char      *sdb_stats_series_to_json  (GPtrArray       *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbStats, sdb_stats_free)

G_END_DECLS
