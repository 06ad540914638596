/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-rating.h"

/* Quy định 366-QĐ/TW: within a TCCS, those rated excellent may not exceed this share (in
 * percent) of those rated good. A warning only: the rule has changed before. */
#define EXCELLENT_LIMIT_PERCENT 20

struct _SdbRating
{
  GObject            parent_instance;

  gint64             organization_id;
  gint64             member_id;
  int                year;
  gboolean           rated;
  /* A new rating has neither a grade nor a reason until one is chosen; validation asks for
   * the one that "rated" calls for. */
  gboolean           has_grade;
  SdbGrade           grade;
  gboolean           has_reason;
  SdbNotRatedReason  reason;
  int                score;
  char              *notes;
};

G_DEFINE_FINAL_TYPE (SdbRating, sdb_rating, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_MEMBER_ID,
  PROP_IS_MEMBER,
  PROP_YEAR,
  PROP_RATED,
  PROP_GRADE,
  PROP_NOT_RATED_REASON,
  PROP_SCORE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_rating_finalize (GObject *object)
{
  SdbRating *self = SDB_RATING (object);

  g_free (self->notes);

  G_OBJECT_CLASS (sdb_rating_parent_class)->finalize (object);
}

static void
sdb_rating_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdbRating *self = SDB_RATING (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    case PROP_IS_MEMBER:
      g_value_set_boolean (value, sdb_rating_is_member (self));
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_RATED:
      g_value_set_boolean (value, self->rated);
      break;
    case PROP_GRADE:
      g_value_set_enum (value, self->grade);
      break;
    case PROP_NOT_RATED_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_rating_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SdbRating *self = SDB_RATING (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      sdb_rating_set_organization_id (self, g_value_get_int64 (value));
      break;
    case PROP_MEMBER_ID:
      sdb_rating_set_member_id (self, g_value_get_int64 (value));
      break;
    case PROP_YEAR:
      sdb_rating_set_year (self, g_value_get_int (value));
      break;
    case PROP_RATED:
      sdb_rating_set_rated (self, g_value_get_boolean (value));
      break;
    case PROP_GRADE:
      sdb_rating_set_grade (self, g_value_get_enum (value));
      break;
    case PROP_NOT_RATED_REASON:
      sdb_rating_set_not_rated_reason (self, g_value_get_enum (value));
      break;
    case PROP_SCORE:
      sdb_rating_set_score (self, g_value_get_int (value));
      break;
    case PROP_NOTES:
      sdb_rating_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_rating_class_init (SdbRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_rating_finalize;
  object_class->get_property = sdb_rating_get_property;
  object_class->set_property = sdb_rating_set_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_IS_MEMBER] =
    g_param_spec_boolean ("is-member", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Year and score take any integer, so that validation (not a GLib warning) tells the clerk
   * what is wrong with a mistyped value. */
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_RATED] = g_param_spec_boolean ("rated", NULL, NULL, TRUE, rw);
  properties[PROP_GRADE] =
    g_param_spec_enum ("grade", NULL, NULL, SDB_TYPE_GRADE, SDB_GRADE_EXCELLENT, rw);
  properties[PROP_NOT_RATED_REASON] =
    g_param_spec_enum ("not-rated-reason", NULL, NULL, SDB_TYPE_NOT_RATED_REASON,
                       SDB_NOT_RATED_REASON_RECENTLY_ADMITTED, rw);
  properties[PROP_SCORE] =
    g_param_spec_int ("score", NULL, NULL, G_MININT, G_MAXINT, SDB_RATING_NO_SCORE, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_rating_init (SdbRating *self)
{
  self->rated = TRUE;
  self->score = SDB_RATING_NO_SCORE;
  self->notes = g_strdup ("");
}

/**
 * sdb_rating_new_for_organization:
 *
 * A rating of @organization_id for @year, rated but with no grade chosen yet.
 */
SdbRating *
sdb_rating_new_for_organization (gint64 organization_id,
                                 int    year)
{
  g_return_val_if_fail (organization_id >= 0, NULL);

  return g_object_new (SDB_TYPE_RATING,
                       "organization-id", organization_id,
                       "year", year,
                       NULL);
}

/**
 * sdb_rating_new_for_member:
 *
 * A rating of @member_id for @year, rated but with no grade chosen yet.
 */
SdbRating *
sdb_rating_new_for_member (gint64 member_id,
                           int    year)
{
  g_return_val_if_fail (member_id >= 0, NULL);

  return g_object_new (SDB_TYPE_RATING,
                       "member-id", member_id,
                       "year", year,
                       NULL);
}

/**
 * sdb_rating_copy:
 *
 * Returns: (transfer full): a copy, for an editor to change and save.
 */
SdbRating *
sdb_rating_copy (SdbRating *self)
{
  SdbRating *copy;

  g_return_val_if_fail (SDB_IS_RATING (self), NULL);

  copy = g_object_new (SDB_TYPE_RATING, NULL);
  copy->organization_id = self->organization_id;
  copy->member_id = self->member_id;
  copy->year = self->year;
  copy->rated = self->rated;
  copy->has_grade = self->has_grade;
  copy->grade = self->grade;
  copy->has_reason = self->has_reason;
  copy->reason = self->reason;
  copy->score = self->score;
  sdb_set_str (&copy->notes, self->notes);
  return copy;
}

/**
 * sdb_rating_is_member:
 *
 * Returns: %TRUE for a member's rating, %FALSE for an organization's.
 */
gboolean
sdb_rating_is_member (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), FALSE);

  return self->member_id != 0;
}

gint64
sdb_rating_get_organization_id (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), 0);

  return self->organization_id;
}

void
sdb_rating_set_organization_id (SdbRating *self,
                                gint64     organization_id)
{
  g_return_if_fail (SDB_IS_RATING (self));
  g_return_if_fail (organization_id >= 0);

  if (self->organization_id == organization_id)
    return;
  self->organization_id = organization_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

gint64
sdb_rating_get_member_id (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), 0);

  return self->member_id;
}

void
sdb_rating_set_member_id (SdbRating *self,
                          gint64     member_id)
{
  gboolean was_member;

  g_return_if_fail (SDB_IS_RATING (self));
  g_return_if_fail (member_id >= 0);

  if (self->member_id == member_id)
    return;
  was_member = self->member_id != 0;
  self->member_id = member_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
  if (was_member != (member_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_MEMBER]);
}

int
sdb_rating_get_year (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), 0);

  return self->year;
}

void
sdb_rating_set_year (SdbRating *self,
                     int        year)
{
  g_return_if_fail (SDB_IS_RATING (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * sdb_rating_get_rated:
 *
 * Returns: %TRUE when the subject gets a grade; %FALSE when it is not rated ("Không xếp
 * loại") and the reason says why.
 */
gboolean
sdb_rating_get_rated (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), FALSE);

  return self->rated;
}

void
sdb_rating_set_rated (SdbRating *self,
                      gboolean   rated)
{
  g_return_if_fail (SDB_IS_RATING (self));

  rated = !!rated;
  if (self->rated == rated)
    return;
  self->rated = rated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATED]);
}

/**
 * sdb_rating_has_grade:
 *
 * Returns: %TRUE once a grade has been chosen (always, for a rated rating read from the
 * database).
 */
gboolean
sdb_rating_has_grade (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), FALSE);

  return self->has_grade;
}

/**
 * sdb_rating_get_grade:
 *
 * Returns: the grade; meaningful when sdb_rating_has_grade () and the rating is rated.
 */
SdbGrade
sdb_rating_get_grade (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), SDB_GRADE_EXCELLENT);

  return self->grade;
}

/**
 * sdb_rating_set_grade:
 *
 * Chooses the grade. It is saved only while the rating is rated, so a form can switch between
 * a grade and a reason without losing either.
 */
void
sdb_rating_set_grade (SdbRating *self,
                      SdbGrade   grade)
{
  g_return_if_fail (SDB_IS_RATING (self));

  if (self->has_grade && self->grade == grade)
    return;
  self->has_grade = TRUE;
  self->grade = grade;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRADE]);
}

gboolean
sdb_rating_has_not_rated_reason (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), FALSE);

  return self->has_reason;
}

/**
 * sdb_rating_get_not_rated_reason:
 *
 * Returns: why the subject is not rated; meaningful when sdb_rating_has_not_rated_reason ()
 * and the rating is not rated.
 */
SdbNotRatedReason
sdb_rating_get_not_rated_reason (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), SDB_NOT_RATED_REASON_OTHER);

  return self->reason;
}

void
sdb_rating_set_not_rated_reason (SdbRating         *self,
                                 SdbNotRatedReason  reason)
{
  g_return_if_fail (SDB_IS_RATING (self));

  if (self->has_reason && self->reason == reason)
    return;
  self->has_reason = TRUE;
  self->reason = reason;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_RATED_REASON]);
}

/**
 * sdb_rating_get_score:
 *
 * Returns: the score on the 100-point scale, or %SDB_RATING_NO_SCORE.
 */
int
sdb_rating_get_score (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), SDB_RATING_NO_SCORE);

  return self->score;
}

void
sdb_rating_set_score (SdbRating *self,
                      int        score)
{
  g_return_if_fail (SDB_IS_RATING (self));

  if (self->score == score)
    return;
  self->score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

const char *
sdb_rating_get_notes (SdbRating *self)
{
  g_return_val_if_fail (SDB_IS_RATING (self), NULL);

  return self->notes;
}

void
sdb_rating_set_notes (SdbRating  *self,
                      const char *notes)
{
  g_return_if_fail (SDB_IS_RATING (self));

  if (sdb_set_text (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Storage ------------------------------------------------------------------------------------ */

/* The two tables have the same shape; only the subject's column differs. */
typedef struct
{
  const char *insert;
  const char *update;
  const char *upsert;
  const char *delete;
  const char *select;
  const char *grade;
} RatingSql;

#define RATING_COLUMNS "grade, not_rated_reason, score, notes"

#define RATING_SQL(table, subject)                                                              \
  {                                                                                             \
    "INSERT INTO " table " (" subject ", year, " RATING_COLUMNS ")"                             \
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",                                                         \
    "UPDATE " table " SET grade = ?3, not_rated_reason = ?4, score = ?5, notes = ?6"            \
    " WHERE " subject " = ?1 AND year = ?2",                                                    \
    "INSERT INTO " table " (" subject ", year, " RATING_COLUMNS ")"                             \
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"                                                          \
    " ON CONFLICT (" subject ", year) DO UPDATE SET grade = excluded.grade,"                    \
    " not_rated_reason = excluded.not_rated_reason, score = excluded.score,"                    \
    " notes = excluded.notes",                                                                  \
    "DELETE FROM " table " WHERE " subject " = ?1 AND year = ?2",                               \
    "SELECT " subject ", year, " RATING_COLUMNS " FROM " table                                  \
    " WHERE " subject " = ?1 AND year = ?2",                                                    \
    "SELECT grade FROM " table " WHERE " subject " = ?1 AND year = ?2",                         \
  }

static const RatingSql organization_sql = RATING_SQL ("organization_rating", "organization_id");
static const RatingSql member_sql = RATING_SQL ("member_rating", "member_id");

static const RatingSql *
sql_for (SdbRating *rating)
{
  return sdb_rating_is_member (rating) ? &member_sql : &organization_sql;
}

static gint64
subject_of (SdbRating *rating)
{
  return sdb_rating_is_member (rating) ? rating->member_id : rating->organization_id;
}

/* Reads the columns subject, year, grade, not_rated_reason, score, notes. */
static SdbRating *
from_row (SdbStmt  *stmt,
          gboolean  member)
{
  SdbRating *self = g_object_new (SDB_TYPE_RATING, NULL);

  if (member)
    self->member_id = sdb_stmt_get_int (stmt, 0);
  else
    self->organization_id = sdb_stmt_get_int (stmt, 0);
  self->year = (int) sdb_stmt_get_int (stmt, 1);
  self->rated = !sdb_stmt_is_null (stmt, 2);
  if (self->rated)
    {
      self->has_grade = TRUE;
      self->grade = sdb_stmt_get_enum (stmt, 2, SDB_TYPE_GRADE);
    }
  else
    {
      self->has_reason = TRUE;
      self->reason = sdb_stmt_get_enum (stmt, 3, SDB_TYPE_NOT_RATED_REASON);
    }
  self->score = sdb_stmt_is_null (stmt, 4) ? SDB_RATING_NO_SCORE
                                            : (int) sdb_stmt_get_int (stmt, 4);
  g_free (self->notes);
  self->notes = sdb_stmt_dup_text (stmt, 5);
  return self;
}

static gboolean
year_is_valid (int year)
{
  return year >= SDB_DATE_YEAR_MIN && year <= SDB_DATE_YEAR_MAX;
}

/* An organization exists in a year unless it was founded after 31/12 or dissolved on or before
 * 1/1. Dates are ISO text and may be partial: a dissolution dated only "2024" or "2024-01" is
 * given the benefit of the doubt for 2024, since the organization may have worked part of it. */
static gboolean
check_organization (SdbDatabase  *db,
                    SdbRating    *rating,
                    gboolean      year_valid,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", rating->year);
  g_autofree char *year_text = g_strdup_printf ("%04d", rating->year);
  g_autofree char *first_day = g_strdup_printf ("%04d-01-01", rating->year);
  int rc;

  stmt = sdb_database_prepare (db,
                               "SELECT name,"
                               "       (founded IS NULL OR founded <= ?2)"
                               "       AND (dissolved IS NULL"
                               "            OR (dissolved >= ?3 AND dissolved <> ?4))"
                               " FROM organization WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, rating->organization_id);
  sdb_stmt_bind_text (stmt, 2, last_day);
  sdb_stmt_bind_text (stmt, 3, year_text);
  sdb_stmt_bind_text (stmt, 4, first_day);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("The party organization to rate no longer exists. Choose another "
                        "one."));
  else if (year_valid && sdb_stmt_get_int (stmt, 1) == 0)
    {
      g_autofree char *name = sdb_stmt_dup_text (stmt, 0);

      sdb_problems_add (problems, "year", SDB_SEVERITY_ERROR,
                        _("%s did not exist in %d: it was founded later or dissolved before "
                          "the year began. Check the year."), name, rating->year);
    }
  return TRUE;
}

/* A member is in the committee at some time in the year when the last event up to 1/1 places
 * them in an organization, or an event during the year does. Both lookups use
 * member_event_by_member. */
static gboolean
check_member (SdbDatabase  *db,
              SdbRating    *rating,
              gboolean      year_valid,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *first_day = g_strdup_printf ("%04d-01-01", rating->year);
  g_autofree char *year_text = g_strdup_printf ("%04d", rating->year);
  g_autofree char *next_year = g_strdup_printf ("%04d", rating->year + 1);
  int rc;

  stmt = sdb_database_prepare (db,
                               "SELECT m.full_name,"
                               "       ifnull ((SELECT e.organization_id IS NOT NULL"
                               "                FROM member_event e"
                               "                WHERE e.member_id = m.id AND e.date <= ?2"
                               "                ORDER BY e.date DESC, e.id DESC LIMIT 1), 0)"
                               "       OR EXISTS (SELECT 1 FROM member_event e"
                               "                  WHERE e.member_id = m.id"
                               "                    AND e.date >= ?3 AND e.date < ?4"
                               "                    AND e.organization_id IS NOT NULL)"
                               " FROM member m WHERE m.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, rating->member_id);
  sdb_stmt_bind_text (stmt, 2, first_day);
  sdb_stmt_bind_text (stmt, 3, year_text);
  sdb_stmt_bind_text (stmt, 4, next_year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                      _("The member to rate no longer exists. Choose another one."));
  else if (year_valid && sdb_stmt_get_int (stmt, 1) == 0)
    {
      g_autofree char *name = sdb_stmt_dup_text (stmt, 0);

      sdb_problems_add (problems, "year", SDB_SEVERITY_ERROR,
                        _("%s was not a member of the committee at any time in %d, so cannot "
                          "be rated for that year. Check the year."), name, rating->year);
    }
  return TRUE;
}

/* The grade stored for this subject and year, if any, so the warning below can tell whether
 * this save makes the share of excellent worse. */
static gboolean
lookup_stored_grade (SdbDatabase  *db,
                     SdbRating    *rating,
                     int          *grade,
                     GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, sql_for (rating)->grade, error);
  int rc;

  *grade = -1;
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, subject_of (rating));
  sdb_stmt_bind_int (stmt, 2, rating->year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW && !sdb_stmt_is_null (stmt, 0))
    *grade = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_GRADE);
  return rc != 0;
}

/* The TCCS a member belonged to in the year: their organization on 31/12 (or the last one they
 * were in during the year, if they left), walked up the tree. The tree is the present one:
 * moves of organizations between years are not replayed here. */
static gboolean
find_member_tccs (SdbDatabase  *db,
                  SdbRating    *rating,
                  gint64       *tccs_id,
                  char        **tccs_name,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", rating->year);
  int rc;

  stmt = sdb_database_prepare (db,
                               "WITH RECURSIVE up (id, name, kind, parent_id, depth) AS ("
                               "  SELECT o.id, o.name, o.kind, o.parent_id, 0 FROM organization o"
                               "  WHERE o.id = (SELECT e.organization_id FROM member_event e"
                               "                WHERE e.member_id = ?1 AND e.date <= ?2"
                               "                  AND e.organization_id IS NOT NULL"
                               "                ORDER BY e.date DESC, e.id DESC LIMIT 1)"
                               "  UNION ALL"
                               "  SELECT o.id, o.name, o.kind, o.parent_id, up.depth + 1"
                               "  FROM organization o JOIN up ON o.id = up.parent_id"
                               "  WHERE up.kind NOT IN ('dang_bo_co_so', 'chi_bo_co_so')"
                               "    AND up.depth < 32)"
                               " SELECT id, name FROM up"
                               " WHERE kind IN ('dang_bo_co_so', 'chi_bo_co_so')", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, rating->member_id);
  sdb_stmt_bind_text (stmt, 2, last_day);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *tccs_id = sdb_stmt_get_int (stmt, 0);
      *tccs_name = sdb_stmt_dup_text (stmt, 1);
    }
  return rc != 0;
}

/* The TCCS above a subordinate organization (a đảng bộ bộ phận or chi bộ trực thuộc); none for
 * a TCCS itself, whose ratings are not compared within a TCCS. */
static gboolean
find_organization_tccs (SdbDatabase  *db,
                        SdbRating    *rating,
                        gint64       *tccs_id,
                        char        **tccs_name,
                        GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  stmt = sdb_database_prepare (db,
                               "WITH RECURSIVE up (id, name, kind, parent_id, depth) AS ("
                               "  SELECT o.id, o.name, o.kind, o.parent_id, 0 FROM organization o"
                               "  WHERE o.id = ?1"
                               "    AND o.kind IN ('dang_bo_bo_phan', 'chi_bo_truc_thuoc')"
                               "  UNION ALL"
                               "  SELECT o.id, o.name, o.kind, o.parent_id, up.depth + 1"
                               "  FROM organization o JOIN up ON o.id = up.parent_id"
                               "  WHERE up.kind NOT IN ('dang_bo_co_so', 'chi_bo_co_so')"
                               "    AND up.depth < 32)"
                               " SELECT id, name FROM up"
                               " WHERE kind IN ('dang_bo_co_so', 'chi_bo_co_so')", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, rating->organization_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *tccs_id = sdb_stmt_get_int (stmt, 0);
      *tccs_name = sdb_stmt_dup_text (stmt, 1);
    }
  return rc != 0;
}

/* Counts the other members of the TCCS rated excellent and good in the year: those whose
 * organization on 31/12 (or last one in the year) is the TCCS or below it. It starts from the
 * events of the TCCS's organizations (member_event_by_organization), so its cost follows the
 * size of one TCCS, not of the committee. */
static gboolean
count_member_grades (SdbDatabase  *db,
                     SdbRating    *rating,
                     gint64        tccs_id,
                     gint64       *excellent,
                     gint64       *good,
                     GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", rating->year);
  int rc;

  stmt = sdb_database_prepare (db,
                               "WITH RECURSIVE tree (id) AS ("
                               "  SELECT ?1"
                               "  UNION"
                               "  SELECT o.id FROM organization o"
                               "  JOIN tree ON o.parent_id = tree.id),"
                               " candidate (member_id) AS ("
                               "  SELECT DISTINCT e.member_id FROM member_event e"
                               "  WHERE e.organization_id IN (SELECT id FROM tree)"
                               "    AND e.date <= ?3)"
                               " SELECT count(*) FILTER (WHERE r.grade = 'excellent'),"
                               "        count(*) FILTER (WHERE r.grade = 'good')"
                               " FROM candidate c"
                               /* CROSS JOIN keeps the candidates outside: without statistics,
                                * SQLite would rather scan the year's ratings of the committee. */
                               " CROSS JOIN member_rating r"
                               "   ON r.member_id = c.member_id AND r.year = ?2"
                               " WHERE r.member_id <> ?4 AND r.grade IN ('excellent', 'good')"
                               "   AND (SELECT e.organization_id FROM member_event e"
                               "        WHERE e.member_id = c.member_id AND e.date <= ?3"
                               "          AND e.organization_id IS NOT NULL"
                               "        ORDER BY e.date DESC, e.id DESC LIMIT 1)"
                               "       IN (SELECT id FROM tree)", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, tccs_id);
  sdb_stmt_bind_int (stmt, 2, rating->year);
  sdb_stmt_bind_text (stmt, 3, last_day);
  sdb_stmt_bind_int (stmt, 4, rating->member_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *excellent = sdb_stmt_get_int (stmt, 0);
      *good = sdb_stmt_get_int (stmt, 1);
    }
  return rc != 0;
}

/* Counts the other organizations below the TCCS rated excellent and good in the year. */
static gboolean
count_organization_grades (SdbDatabase  *db,
                           SdbRating    *rating,
                           gint64        tccs_id,
                           gint64       *excellent,
                           gint64       *good,
                           GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  stmt = sdb_database_prepare (db,
                               "WITH RECURSIVE tree (id) AS ("
                               "  SELECT ?1"
                               "  UNION"
                               "  SELECT o.id FROM organization o"
                               "  JOIN tree ON o.parent_id = tree.id)"
                               " SELECT count(*) FILTER (WHERE grade = 'excellent'),"
                               "        count(*) FILTER (WHERE grade = 'good')"
                               /* Each organization's rating found by its key: joined,
                                * SQLite would build a Bloom filter of all the ratings on every
                                * call, a province's check making it thousands of times. */
                               " FROM (SELECT (SELECT r.grade FROM organization_rating r"
                               "               WHERE r.organization_id = tree.id AND r.year = ?2)"
                               "              AS grade"
                               "       FROM tree WHERE tree.id <> ?1 AND tree.id <> ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, tccs_id);
  sdb_stmt_bind_int (stmt, 2, rating->year);
  sdb_stmt_bind_int (stmt, 3, rating->organization_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *excellent = sdb_stmt_get_int (stmt, 0);
      *good = sdb_stmt_get_int (stmt, 1);
    }
  return rc != 0;
}

static void
add_excellent_warning (GPtrArray  *problems,
                       gboolean    members,
                       const char *tccs_name,
                       int         year,
                       gint64      excellent,
                       gint64      good)
{
  g_autofree char *n_excellent = sdb_vn_format_int (excellent);
  g_autofree char *n_good = sdb_vn_format_int (good);
  g_autofree char *limit = sdb_vn_format_percent (EXCELLENT_LIMIT_PERCENT, 100, 0);
  g_autofree char *share = sdb_vn_format_percent (excellent, good, 1);
  gulong n = (gulong) MIN (excellent, G_MAXULONG);

  if (good == 0 && members)
    sdb_problems_add (problems, "grade", SDB_SEVERITY_WARNING,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "In %s, %s member is rated excellent in %d and none good: "
                                   "those rated excellent may not exceed %s of those rated "
                                   "good. Check the grades.",
                                   "In %s, %s members are rated excellent in %d and none good: "
                                   "those rated excellent may not exceed %s of those rated "
                                   "good. Check the grades.", n),
                      tccs_name, n_excellent, year, limit);
  else if (good == 0)
    sdb_problems_add (problems, "grade", SDB_SEVERITY_WARNING,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "In %s, %s subordinate organization is rated excellent in %d "
                                   "and none good: those rated excellent may not exceed %s of "
                                   "those rated good. Check the grades.",
                                   "In %s, %s subordinate organizations are rated excellent in "
                                   "%d and none good: those rated excellent may not exceed %s "
                                   "of those rated good. Check the grades.", n),
                      tccs_name, n_excellent, year, limit);
  else if (members)
    sdb_problems_add (problems, "grade", SDB_SEVERITY_WARNING,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "In %s, %s member is rated excellent against %s rated good "
                                   "in %d, that is %s: those rated excellent may not exceed %s "
                                   "of those rated good. Check the grades.",
                                   "In %s, %s members are rated excellent against %s rated good "
                                   "in %d, that is %s: those rated excellent may not exceed %s "
                                   "of those rated good. Check the grades.", n),
                      tccs_name, n_excellent, n_good, year, share, limit);
  else
    sdb_problems_add (problems, "grade", SDB_SEVERITY_WARNING,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "In %s, %s subordinate organization is rated excellent "
                                   "against %s rated good in %d, that is %s: those rated "
                                   "excellent may not exceed %s of those rated good. Check the "
                                   "grades.",
                                   "In %s, %s subordinate organizations are rated excellent "
                                   "against %s rated good in %d, that is %s: those rated "
                                   "excellent may not exceed %s of those rated good. Check the "
                                   "grades.", n),
                      tccs_name, n_excellent, n_good, year, share, limit);
}

/* Quy định 366-QĐ/TW: within each TCCS, those rated excellent may not exceed 20% of those
 * rated good. The warning goes with the saves that make the share worse (one more excellent,
 * or one fewer good), so that an import does not repeat it on every line of a TCCS that is
 * already over the limit; the year's review shows the whole picture. */
static gboolean
check_excellent_share (SdbDatabase  *db,
                       SdbRating    *rating,
                       GPtrArray    *problems,
                       GError      **error)
{
  gboolean member = sdb_rating_is_member (rating);
  gboolean excellent_now = rating->rated && rating->grade == SDB_GRADE_EXCELLENT;
  gboolean good_now = rating->rated && rating->grade == SDB_GRADE_GOOD;
  g_autofree char *tccs_name = NULL;
  gint64 tccs_id = 0;
  gint64 excellent = 0;
  gint64 good = 0;
  int stored = -1;

  /* An import checks each year once, at its end. */
  if (sdb_database_is_deferring (db))
    return TRUE;
  if (!lookup_stored_grade (db, rating, &stored, error))
    return FALSE;
  if (!(excellent_now && stored != SDB_GRADE_EXCELLENT)
      && !(stored == SDB_GRADE_GOOD && !good_now))
    return TRUE;

  if (member ? !find_member_tccs (db, rating, &tccs_id, &tccs_name, error)
             : !find_organization_tccs (db, rating, &tccs_id, &tccs_name, error))
    return FALSE;
  if (tccs_id == 0)
    return TRUE;

  if (member ? !count_member_grades (db, rating, tccs_id, &excellent, &good, error)
             : !count_organization_grades (db, rating, tccs_id, &excellent, &good, error))
    return FALSE;
  excellent += excellent_now;
  good += good_now;

  if (excellent * 100 > (gint64) EXCELLENT_LIMIT_PERCENT * good)
    add_excellent_warning (problems, member, tccs_name, rating->year, excellent, good);
  return TRUE;
}

typedef struct
{
  gint64 excellent;
  gint64 good;
} GradeCounts;

/* For the whole committee at once: the members rated excellent and good in @year, counted
 * under every organization from their cell at the end of the year up (the organization
 * itself, its parent, and so on), by organization id. The same counts as count_member_grades ()
 * for each TCCS, from one pass over the year's ratings instead of one query per TCCS, which took
 * most of a province's check. */
static GHashTable *
count_member_grades_everywhere (SdbDatabase  *db,
                                int           year,
                                GError      **error)
{
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", year);
  g_autoptr(SdbStmt) organizations = NULL;
  g_autoptr(SdbStmt) ratings = NULL;
  int rc;

  organizations = sdb_database_prepare (db, "SELECT id, parent_id FROM organization"
                                            " WHERE parent_id IS NOT NULL", error);
  if (organizations == NULL)
    return NULL;
  while ((rc = sdb_database_step (db, organizations, error)) == SQLITE_ROW)
    g_hash_table_insert (parents, g_memdup2 (&(gint64) { sdb_stmt_get_int (organizations, 0) },
                                             sizeof (gint64)),
                         g_memdup2 (&(gint64) { sdb_stmt_get_int (organizations, 1) },
                                    sizeof (gint64)));
  if (rc == 0)
    return NULL;

  ratings = sdb_database_prepare (db,
                                  "SELECT r.grade = 'excellent',"
                                  "       (SELECT e.organization_id FROM member_event e"
                                  "        WHERE e.member_id = r.member_id AND e.date <= ?2"
                                  "          AND e.organization_id IS NOT NULL"
                                  "        ORDER BY e.date DESC, e.id DESC LIMIT 1)"
                                  " FROM member_rating r"
                                  " WHERE r.year = ?1 AND r.grade IN ('excellent', 'good')",
                                  error);
  if (ratings == NULL)
    return NULL;
  sdb_stmt_bind_int (ratings, 1, year);
  sdb_stmt_bind_text (ratings, 2, last_day);
  while ((rc = sdb_database_step (db, ratings, error)) == SQLITE_ROW)
    {
      gboolean excellent = sdb_stmt_get_int (ratings, 0) != 0;
      gint64 id = sdb_stmt_get_int (ratings, 1);

      /* Up the tree from the cell; the depth bounds a loop the data should never hold. */
      for (guint depth = 0; id != 0 && depth < 64; depth++)
        {
          GradeCounts *found = g_hash_table_lookup (counts, &id);
          gint64 *parent;

          if (found == NULL)
            {
              found = g_new0 (GradeCounts, 1);
              g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), found);
            }
          if (excellent)
            found->excellent++;
          else
            found->good++;
          parent = g_hash_table_lookup (parents, &id);
          id = parent != NULL ? *parent : 0;
        }
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&counts);
}

/**
 * sdb_rating_check_excellent_share:
 * @members: %TRUE for the members of each TCCS, %FALSE for its subordinate organizations
 *
 * Adds one warning (on "grade") for each TCCS where, in @year, those rated excellent exceed 20%
 * of those rated good: the state of the whole year, for `check` and the year's review, where
 * sdb_rating_validate () warns only on the save that makes the share worse.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_rating_check_excellent_share (SdbDatabase  *db,
                                  int           year,
                                  gboolean      members,
                                  GPtrArray    *problems,
                                  GError      **error)
{
  g_autoptr(SdbRating) all = members ? sdb_rating_new_for_member (0, year)
                                     : sdb_rating_new_for_organization (0, year);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_day = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", year);
  g_autoptr(GHashTable) member_counts = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  {
    /* The TCCS that existed at some time in the year. */
    g_autoptr(SdbStmt) stmt =
      sdb_database_prepare (db,
                            "SELECT id, name FROM organization"
                            " WHERE kind IN ('dang_bo_co_so', 'chi_bo_co_so')"
                            "   AND (founded IS NULL OR founded <= ?2)"
                            "   AND (dissolved IS NULL OR dissolved >= ?1)"
                            " ORDER BY name_key", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    sdb_stmt_bind_text (stmt, 1, first_day);
    sdb_stmt_bind_text (stmt, 2, last_day);
    while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
      {
        gint64 id = sdb_stmt_get_int (stmt, 0);

        g_array_append_val (ids, id);
        g_ptr_array_add (names, sdb_stmt_dup_text (stmt, 1));
      }
    if (rc == 0)
      return FALSE;
  }

  if (members && (member_counts = count_member_grades_everywhere (db, year, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 tccs_id = g_array_index (ids, gint64, i);
      gint64 excellent = 0;
      gint64 good = 0;

      if (members)
        {
          GradeCounts *found = g_hash_table_lookup (member_counts, &tccs_id);

          excellent = found != NULL ? found->excellent : 0;
          good = found != NULL ? found->good : 0;
        }
      else if (!count_organization_grades (db, all, tccs_id, &excellent, &good, error))
        return FALSE;
      if (excellent > 0 && excellent * 100 > (gint64) EXCELLENT_LIMIT_PERCENT * good)
        add_excellent_warning (problems, members, g_ptr_array_index (names, i), year,
                               excellent, good);
    }
  return TRUE;
}

/**
 * sdb_rating_validate:
 *
 * Adds to @problems everything wrong with @rating: a year out of range, a subject that does
 * not exist or was not there that year (an organization founded after 31/12 or dissolved by
 * 1/1, a member not in the committee at any time in the year), a missing grade or reason, a
 * reason that does not fit the subject, a score outside 0–100. When there is no error, it
 * warns (on "grade") when the rating makes the share of excellent in its TCCS exceed 20% of
 * those rated good.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_rating_validate (SdbDatabase  *db,
                     SdbRating    *rating,
                     GPtrArray    *problems,
                     GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  gboolean year_valid;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_RATING (rating), FALSE);

  year_valid = year_is_valid (rating->year);
  if (!year_valid)
    sdb_problems_add (found, "year", SDB_SEVERITY_ERROR,
                      _("Enter the year of the rating, between %d and %d."),
                      SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);

  if (rating->organization_id == 0 && rating->member_id == 0)
    sdb_problems_add (found, "organization-id", SDB_SEVERITY_ERROR,
                      _("Choose the party organization or the member this rating is for."));
  else if (rating->organization_id != 0 && rating->member_id != 0)
    sdb_problems_add (found, "member-id", SDB_SEVERITY_ERROR,
                      _("A rating is for one party organization or one member, not both. "
                        "Clear one of them."));
  else if (rating->member_id != 0)
    {
      if (!check_member (db, rating, year_valid, found, error))
        return FALSE;
    }
  else if (!check_organization (db, rating, year_valid, found, error))
    return FALSE;

  if (rating->rated && !rating->has_grade)
    sdb_problems_add (found, "grade", SDB_SEVERITY_ERROR,
                      _("Choose the grade, or mark the rating as not rated and give the "
                        "reason."));
  else if (!rating->rated && !rating->has_reason)
    sdb_problems_add (found, "not-rated-reason", SDB_SEVERITY_ERROR,
                      _("Choose why it is not rated, e.g. admitted less than 6 months "
                        "before."));
  else if (!rating->rated && rating->member_id != 0
           && rating->reason == SDB_NOT_RATED_REASON_RECENTLY_FOUNDED)
    sdb_problems_add (found, "not-rated-reason", SDB_SEVERITY_ERROR,
                      _("“%s” applies only to party organizations. Choose another reason."),
                      sdb_enum_get_label (SDB_TYPE_NOT_RATED_REASON, rating->reason));
  else if (!rating->rated && rating->member_id == 0
           && (rating->reason == SDB_NOT_RATED_REASON_RECENTLY_ADMITTED
               || rating->reason == SDB_NOT_RATED_REASON_EXEMPT))
    sdb_problems_add (found, "not-rated-reason", SDB_SEVERITY_ERROR,
                      _("“%s” applies only to members. Choose another reason."),
                      sdb_enum_get_label (SDB_TYPE_NOT_RATED_REASON, rating->reason));

  if (rating->score != SDB_RATING_NO_SCORE && (rating->score < 0 || rating->score > 100))
    sdb_problems_add (found, "score", SDB_SEVERITY_ERROR,
                      _("Enter a score from 0 to 100, or leave it empty."));

  if (!sdb_problems_has_errors (found)
      && !check_excellent_share (db, rating, found, error))
    return FALSE;

  if (problems != NULL)
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (problems, sdb_problem_copy (g_ptr_array_index (found, i)));
  return TRUE;
}

typedef enum
{
  WRITE_SAVE,
  WRITE_INSERT,
  WRITE_UPDATE,
} WriteMode;

/* Adds an error when the subject already has a rating for the year. */
static gboolean
check_not_rated_yet (SdbDatabase  *db,
                     SdbRating    *rating,
                     GPtrArray    *problems,
                     GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db, sql_for (rating)->grade, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, subject_of (rating));
  sdb_stmt_bind_int (stmt, 2, rating->year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    sdb_problems_add (problems, "year", SDB_SEVERITY_ERROR,
                      sdb_rating_is_member (rating)
                      ? _("This member already has a rating for %d. Change that one instead.")
                      : _("This party organization already has a rating for %d. Change that "
                          "one instead."),
                      rating->year);
  return rc != 0;
}

static gboolean
write_rating (SdbDatabase  *db,
              SdbRating    *rating,
              WriteMode     mode,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  const RatingSql *sql = sql_for (rating);
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_rating_validate (db, rating, found, error))
    goto out;
  if (mode == WRITE_INSERT && !sdb_problems_has_errors (found)
      && !check_not_rated_yet (db, rating, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  stmt = sdb_database_prepare (db,
                               mode == WRITE_INSERT ? sql->insert
                               : mode == WRITE_UPDATE ? sql->update
                               : sql->upsert, error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, subject_of (rating));
  sdb_stmt_bind_int (stmt, 2, rating->year);
  if (rating->rated)
    sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_GRADE, rating->grade);
  else
    sdb_stmt_bind_enum (stmt, 4, SDB_TYPE_NOT_RATED_REASON, rating->reason);
  if (rating->score != SDB_RATING_NO_SCORE)
    sdb_stmt_bind_int (stmt, 5, rating->score);
  sdb_stmt_bind_text (stmt, 6, rating->notes);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (mode == WRITE_UPDATE && sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This rating no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_rating_save:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates @rating and stores it as the one rating of its subject for its year, replacing the
 * one stored before, if any. Nothing is written when validation finds an error: @error is then
 * SDB_DATABASE_ERROR_INVALID. The warning about the share rated excellent in a TCCS never
 * blocks the save.
 */
gboolean
sdb_rating_save (SdbDatabase  *db,
                 SdbRating    *rating,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_RATING (rating), FALSE);

  return write_rating (db, rating, WRITE_SAVE, problems, error);
}

/**
 * sdb_rating_insert:
 *
 * Like sdb_rating_save (), but refuses (an error on "year") a subject that already has a
 * rating for the year: for imports that must not overwrite.
 */
gboolean
sdb_rating_insert (SdbDatabase  *db,
                   SdbRating    *rating,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_RATING (rating), FALSE);

  return write_rating (db, rating, WRITE_INSERT, problems, error);
}

/**
 * sdb_rating_update:
 *
 * Like sdb_rating_save (), but fails with SDB_DATABASE_ERROR_NOT_FOUND when the subject has no
 * rating for the year (it was deleted meanwhile).
 */
gboolean
sdb_rating_update (SdbDatabase  *db,
                   SdbRating    *rating,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_RATING (rating), FALSE);

  return write_rating (db, rating, WRITE_UPDATE, problems, error);
}

/**
 * sdb_rating_delete:
 *
 * Deletes the rating of @rating's subject for its year.
 */
gboolean
sdb_rating_delete (SdbDatabase  *db,
                   SdbRating    *rating,
                   GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_RATING (rating), FALSE);

  stmt = sdb_database_prepare (db, sql_for (rating)->delete, error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, subject_of (rating));
  sdb_stmt_bind_int (stmt, 2, rating->year);
  if (!sdb_database_step_done (db, stmt, error))
    return FALSE;
  if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This rating no longer exists; it may have been deleted."));
      return FALSE;
    }
  return TRUE;
}

static SdbRating *
lookup_one (SdbDatabase  *db,
            gboolean      member,
            gint64        subject_id,
            int           year,
            GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  stmt = sdb_database_prepare (db, (member ? &member_sql : &organization_sql)->select, error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, subject_id);
  sdb_stmt_bind_int (stmt, 2, year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    return from_row (stmt, member);
  if (rc == SQLITE_DONE)
    {
      if (member)
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("This member has no rating for %d."), year);
      else
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("This party organization has no rating for %d."), year);
    }
  return NULL;
}

/**
 * sdb_rating_lookup_organization:
 *
 * Returns: (transfer full): the rating of @organization_id for @year, or %NULL with
 * SDB_DATABASE_ERROR_NOT_FOUND.
 */
SdbRating *
sdb_rating_lookup_organization (SdbDatabase  *db,
                                gint64        organization_id,
                                int           year,
                                GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  return lookup_one (db, FALSE, organization_id, year, error);
}

/**
 * sdb_rating_lookup_member:
 *
 * Returns: (transfer full): the rating of @member_id for @year, or %NULL with
 * SDB_DATABASE_ERROR_NOT_FOUND.
 */
SdbRating *
sdb_rating_lookup_member (SdbDatabase  *db,
                          gint64        member_id,
                          int           year,
                          GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  return lookup_one (db, TRUE, member_id, year, error);
}

/* One statement per combination of filters rather than "?1 = 0 OR year = ?1", which would keep
 * SQLite from using the (subject, year) key or the by-year index. */
#define LIST_SQL(table, subject, names, where)                                                  \
  "SELECT r." subject ", r.year, r.grade, r.not_rated_reason, r.score, r.notes"                 \
  " FROM " table " r JOIN " names " s ON s.id = r." subject                                     \
  where                                                                                         \
  " ORDER BY r.year, s.name_key, r." subject

#define LIST_SQL_SET(table, subject, names)                                                     \
  {                                                                                             \
    LIST_SQL (table, subject, names, ""),                                                       \
    LIST_SQL (table, subject, names, " WHERE r.year = ?1"),                                     \
    LIST_SQL (table, subject, names, " WHERE r." subject " = ?2"),                              \
    LIST_SQL (table, subject, names, " WHERE r." subject " = ?2 AND r.year = ?1"),              \
  }

static const char *const organization_list_sql[] =
  LIST_SQL_SET ("organization_rating", "organization_id", "organization");
static const char *const member_list_sql[] =
  LIST_SQL_SET ("member_rating", "member_id", "member");

/**
 * sdb_rating_list:
 * @filter: (nullable): which ratings; %NULL for every organization rating
 *
 * The ratings, by year, then by the subject's name (members by given name). The member ratings
 * of one year can be 200.000 rows, each a GObject here: a caller that needs only counts or
 * shares must use the figures module (sdb-stats), which computes them in SQL.
 *
 * Returns: (transfer full): a list of #SdbRating.
 */
GListModel *
sdb_rating_list (SdbDatabase            *db,
                 const SdbRatingFilter  *filter,
                 GError                **error)
{
  static const SdbRatingFilter organizations = { FALSE, 0, 0 };
  g_autoptr(GListStore) store = g_list_store_new (SDB_TYPE_RATING);
  g_autoptr(SdbStmt) stmt = NULL;
  const char *const *sql;
  guint which;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  if (filter == NULL)
    filter = &organizations;

  sql = filter->members ? member_list_sql : organization_list_sql;
  which = (filter->year != 0 ? 1 : 0) | (filter->subject_id != 0 ? 2 : 0);
  stmt = sdb_database_prepare (db, sql[which], error);
  if (stmt == NULL)
    return NULL;
  if (filter->year != 0)
    sdb_stmt_bind_int (stmt, 1, filter->year);
  if (filter->subject_id != 0)
    sdb_stmt_bind_int (stmt, 2, filter->subject_id);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(SdbRating) rating = from_row (stmt, filter->members);

      g_list_store_append (store, rating);
    }
  if (rc == 0)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}
