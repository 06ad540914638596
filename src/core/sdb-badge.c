/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-badge.h"
#include "sdb-database-private.h"

static const int steps[] = { 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 };

/* The rounds of each year, as { month, day }: 3/2, 19/5, 2/9 and 7/11. */
static const guint8 rounds[][2] = { { 2, 3 }, { 5, 19 }, { 9, 2 }, { 11, 7 } };

/* Dates and full months ----------------------------------------------------------------------- */

/* Old records hold partial dates; a partial date counts from the first day of the period it
 * names ("1975" is 1/1/1975, "05/1975" is 1/5/1975). Party age is counted from the admission
 * date in that way, and every comparison of this file uses the same rule, which is also the
 * order of the dates' ISO texts in SQL. */
static SdbDate
first_day (const SdbDate *date)
{
  SdbDate full = *date;

  if (full.month == 0)
    full.month = 1;
  if (full.day == 0)
    full.day = 1;
  return full;
}

static gint64
day_number (const SdbDate *date)
{
  gint64 y = date->year - (date->month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (date->month + (date->month > 2 ? -3 : 9)) + 2) / 5 + date->day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe;
}

/* @date plus @months months, on the same day or, when the month is shorter, its last day. */
static SdbDate
add_months (const SdbDate *date,
            int            months)
{
  int index = date->year * 12 + (date->month - 1) + months;
  SdbDate result = { (gint16) (index / 12), (guint8) (index % 12 + 1), date->day };
  guint last = sdb_date_days_in_month (result.year, result.month);

  if (result.day > last)
    result.day = (guint8) last;
  return result;
}

/* The full months from @from to @to, and the days left over after them. Both are full dates. */
static void
full_months (const SdbDate *from,
             const SdbDate *to,
             int           *months,
             int           *days)
{
  SdbDate reached;
  int n;

  *months = 0;
  *days = 0;
  if (sdb_date_compare (to, from) <= 0)
    return;
  n = (to->year - from->year) * 12 + (to->month - from->month);
  reached = add_months (from, n);
  if (sdb_date_compare (&reached, to) > 0)
    {
      n--;
      reached = add_months (from, n);
    }
  *months = n;
  *days = (int) (day_number (to) - day_number (&reached));
}

/* Party age -------------------------------------------------------------------------------- */

typedef struct
{
  int months;
  int days;
} Age;

static void
age_add (Age           *age,
         const SdbDate *from,
         const SdbDate *to)
{
  int months, days;

  full_months (from, to, &months, &days);
  age->months += months;
  age->days += days;
}

/* The days left over by each period in the Party are added up and count a month per 31 days,
 * the longest a month can be, so leftover days are never rounded up into a month: a badge must
 * not come a round early. With no period out of the Party the result is exactly the full
 * months since admission. */
static int
age_get_months (const Age *age)
{
  return age->months + age->days / 31;
}

/* Returns SQLITE_ROW with @admission set (year 0 when not recorded), SQLITE_DONE when there is
 * no such member, 0 on a failure. */
static int
read_admission (SdbDatabase  *db,
                gint64        member_id,
                SdbDate      *admission,
                GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "SELECT admission_date FROM member WHERE id = ?1", error);
  int rc;

  *admission = (SdbDate) { 0, 0, 0 };
  if (stmt == NULL)
    return 0;
  sdb_stmt_bind_int (stmt, 1, member_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    sdb_stmt_get_date (stmt, 0, admission);
  return rc;
}

/* Party age from a known admission to @on (both full dates): the periods in the Party run from
 * admission to the first departure, then from each re-admission to the next departure; death
 * ends the count. */
static gboolean
count_party_age (SdbDatabase    *db,
                 gint64          member_id,
                 const SdbDate  *admission,
                 const SdbDate  *on,
                 int            *months,
                 GError        **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  Age age = { 0, 0 };
  SdbDate start = *admission;
  gboolean in_party = TRUE;
  int rc;

  *months = 0;
  if (sdb_date_compare (on, admission) <= 0)
    return TRUE;

  stmt = sdb_database_prepare (db,
                               "SELECT date, kind, reason FROM member_event"
                               " WHERE member_id = ?1 AND +kind IN ('left', 'readmitted')"
                               "   AND date <= ?2"
                               " ORDER BY date, id", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, member_id);
  sdb_stmt_bind_date (stmt, 2, on);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *kind = sdb_stmt_dup_text (stmt, 1);
      g_autofree char *reason = sdb_stmt_dup_text (stmt, 2);
      SdbDate date;

      sdb_stmt_get_date (stmt, 0, &date);
      if (date.year == 0)
        continue;
      date = first_day (&date);
      /* An event before the admission (a mistyped record) takes no time from the count. */
      if (sdb_date_compare (&date, admission) < 0)
        date = *admission;

      if (g_str_equal (kind, "left"))
        {
          if (in_party)
            age_add (&age, &start, &date);
          in_party = FALSE;
          if (g_str_equal (reason, "died"))
            break;
        }
      else if (!in_party)
        {
          start = date;
          in_party = TRUE;
        }
    }
  if (rc == 0)
    return FALSE;
  if (in_party)
    age_add (&age, &start, on);

  *months = age_get_months (&age);
  return TRUE;
}

/**
 * sdb_party_age_months:
 * @on: the date of the count; a partial date counts from its first day
 * @months: (out): the full months of party age on @on; 0 before the admission, -1 when the
 *   member's admission date is not recorded
 *
 * Counts "tuổi Đảng" from the member's admission date (a partial admission date from the first
 * day it names: "1975" is 1/1/1975), minus each period between a departure (struck off,
 * expelled, resigned) and the next re-admission; a period still open on @on ends on @on, and
 * a death ends the count.
 *
 * Returns: %FALSE with @error set when the member does not exist or the database could not be
 * read.
 */
gboolean
sdb_party_age_months (SdbDatabase    *db,
                      gint64          member_id,
                      const SdbDate  *on,
                      int            *months,
                      GError        **error)
{
  SdbDate admission, day;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (on != NULL && on->year != 0 && sdb_date_is_valid (on), FALSE);
  g_return_val_if_fail (months != NULL, FALSE);

  rc = read_admission (db, member_id, &admission, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This member no longer exists; they may have been deleted."));
      return FALSE;
    }
  if (admission.year == 0)
    {
      *months = -1;
      return TRUE;
    }
  admission = first_day (&admission);
  day = first_day (on);
  return count_party_age (db, member_id, &admission, &day, months, error);
}

/* Steps and rounds ---------------------------------------------------------------------------- */

/**
 * sdb_badge_get_steps:
 * @n: (out) (optional): the number of steps
 *
 * Returns: (array length=n) (transfer none): the years of party age at which badges are given,
 * from 30 to 90, ascending.
 */
const int *
sdb_badge_get_steps (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (steps);
  return steps;
}

gboolean
sdb_badge_is_step (int years)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] == years)
      return TRUE;
  return FALSE;
}

/* The highest step reached with @months of party age, or 0. */
static int
step_reached (int months)
{
  int reached = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps) && steps[i] * 12 <= months; i++)
    reached = steps[i];
  return reached;
}

/**
 * sdb_badge_next_round:
 * @after: a date; a partial date counts from its first day
 * @round: (out): the first round (3/2, 19/5, 2/9 or 7/11) on or after @after
 *
 * Returns: %FALSE when @after is empty or not a real date, or the round would fall after 2100.
 */
gboolean
sdb_badge_next_round (const SdbDate *after,
                      SdbDate       *round)
{
  SdbDate from;

  g_return_val_if_fail (after != NULL, FALSE);
  g_return_val_if_fail (round != NULL, FALSE);

  if (after->year == 0 || !sdb_date_is_valid (after))
    return FALSE;
  from = first_day (after);
  for (int year = from.year; year <= from.year + 1 && year <= SDB_DATE_YEAR_MAX; year++)
    for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
      {
        SdbDate candidate = { (gint16) year, rounds[i][0], rounds[i][1] };

        if (sdb_date_compare (&candidate, &from) >= 0)
          {
            *round = candidate;
            return TRUE;
          }
      }
  return FALSE;
}

/* The record --------------------------------------------------------------------------------- */

struct _SdbBadge
{
  GObject  parent_instance;

  gint64   id;
  gint64   member_id;
  int      years;
  SdbDate  date;
};

G_DEFINE_FINAL_TYPE (SdbBadge, sdb_badge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MEMBER_ID,
  PROP_YEARS,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_badge_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdbBadge *self = SDB_BADGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;
    case PROP_YEARS:
      g_value_set_int (value, self->years);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, sdb_badge_get_date (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_badge_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SdbBadge *self = SDB_BADGE (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      sdb_badge_set_member_id (self, g_value_get_int64 (value));
      break;
    case PROP_YEARS:
      sdb_badge_set_years (self, g_value_get_int (value));
      break;
    case PROP_DATE:
      sdb_badge_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_badge_class_init (SdbBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sdb_badge_get_property;
  object_class->set_property = sdb_badge_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMBER_ID] = g_param_spec_int64 ("member-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* Any int, so a form can hold what was typed and validation can say what is wrong. */
  properties[PROP_YEARS] = g_param_spec_int ("years", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, SDB_TYPE_DATE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_badge_init (SdbBadge *self)
{
}

SdbBadge *
sdb_badge_new (void)
{
  return g_object_new (SDB_TYPE_BADGE, NULL);
}

/**
 * sdb_badge_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbBadge *
sdb_badge_copy (SdbBadge *self)
{
  SdbBadge *copy;

  g_return_val_if_fail (SDB_IS_BADGE (self), NULL);

  copy = sdb_badge_new ();
  copy->id = self->id;
  copy->member_id = self->member_id;
  copy->years = self->years;
  copy->date = self->date;
  return copy;
}

gint64
sdb_badge_get_id (SdbBadge *self)
{
  g_return_val_if_fail (SDB_IS_BADGE (self), 0);

  return self->id;
}

gint64
sdb_badge_get_member_id (SdbBadge *self)
{
  g_return_val_if_fail (SDB_IS_BADGE (self), 0);

  return self->member_id;
}

void
sdb_badge_set_member_id (SdbBadge *self,
                         gint64    member_id)
{
  g_return_if_fail (SDB_IS_BADGE (self));
  g_return_if_fail (member_id >= 0);

  if (self->member_id == member_id)
    return;
  self->member_id = member_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
}

int
sdb_badge_get_years (SdbBadge *self)
{
  g_return_val_if_fail (SDB_IS_BADGE (self), 0);

  return self->years;
}

void
sdb_badge_set_years (SdbBadge *self,
                     int       years)
{
  g_return_if_fail (SDB_IS_BADGE (self));

  if (self->years == years)
    return;
  self->years = years;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEARS]);
}

/**
 * sdb_badge_get_date:
 *
 * Returns: (nullable): the date the badge was awarded, or %NULL when not set.
 */
const SdbDate *
sdb_badge_get_date (SdbBadge *self)
{
  g_return_val_if_fail (SDB_IS_BADGE (self), NULL);

  return self->date.year != 0 ? &self->date : NULL;
}

void
sdb_badge_set_date (SdbBadge      *self,
                    const SdbDate *date)
{
  g_return_if_fail (SDB_IS_BADGE (self));

  if (sdb_set_date (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "b.id, b.member_id, b.years, b.date"

static SdbBadge *
from_row (SdbStmt *stmt)
{
  SdbBadge *self = sdb_badge_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  self->member_id = sdb_stmt_get_int (stmt, 1);
  self->years = (int) sdb_stmt_get_int (stmt, 2);
  sdb_stmt_get_date (stmt, 3, &self->date);
  return self;
}

static gboolean
check_duplicate (SdbDatabase  *db,
                 SdbBadge     *badge,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT date FROM badge WHERE member_id = ?1 AND years = ?2"
                          " AND id <> ?3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, badge->member_id);
  sdb_stmt_bind_int (stmt, 2, badge->years);
  sdb_stmt_bind_int (stmt, 3, badge->id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_autofree char *date = NULL;
      SdbDate other;

      sdb_stmt_get_date (stmt, 0, &other);
      date = sdb_vn_format_date (&other);
      sdb_problems_add (problems, "years", SDB_SEVERITY_ERROR,
                        _("The member already received the %d-year party badge on %s. Open "
                          "that record instead of adding it again."),
                        badge->years, date);
    }
  return TRUE;
}

/* The member, their admission and their party age on the badge date. */
static gboolean
check_party_age (SdbDatabase  *db,
                 SdbBadge     *badge,
                 gboolean      date_valid,
                 gboolean      years_valid,
                 GPtrArray    *problems,
                 GError      **error)
{
  SdbDate admission, day;
  int rc, months;

  rc = read_admission (db, badge->member_id, &admission, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                        _("The chosen member no longer exists. Choose another one."));
      return TRUE;
    }
  if (admission.year == 0)
    {
      sdb_problems_add (problems, "member-id", SDB_SEVERITY_WARNING,
                        _("The member’s admission date is not recorded, so their party age "
                          "cannot be checked. Enter it in the member’s record."));
      return TRUE;
    }
  if (!date_valid)
    return TRUE;

  admission = first_day (&admission);
  day = badge->date;
  if (sdb_date_compare (&day, &admission) < 0)
    {
      g_autofree char *date = sdb_vn_format_date (&day);
      g_autofree char *admitted = sdb_vn_format_date (&admission);

      sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                        _("The badge date %s is before the member was admitted to the Party "
                          "(%s). Check the date."),
                        date, admitted);
      return TRUE;
    }
  if (!years_valid)
    return TRUE;

  if (!count_party_age (db, badge->member_id, &admission, &day, &months, error))
    return FALSE;
  if (months < badge->years * 12)
    {
      g_autofree char *date = sdb_vn_format_date (&day);

      sdb_problems_add (problems, "years", SDB_SEVERITY_ERROR,
                        _("On %s the member’s party age is %d years and %d months, less than "
                          "the %d years of this badge. Check the number of years and the "
                          "date."),
                        date, months / 12, months % 12, badge->years);
    }
  return TRUE;
}

/**
 * sdb_badge_validate:
 *
 * Adds to @problems everything wrong with @badge: the member, the years (a step of 30, 40,
 * 45 ... 90, reached by the member's party age on the date, and not given twice) and the date
 * (a full real date, not before the admission).
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_badge_validate (SdbDatabase  *db,
                    SdbBadge     *badge,
                    GPtrArray    *problems,
                    GError      **error)
{
  gboolean date_valid = FALSE;
  gboolean years_valid;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_BADGE (badge), FALSE);

  if (badge->member_id == 0)
    sdb_problems_add (problems, "member-id", SDB_SEVERITY_ERROR,
                      _("Choose the member who receives the badge."));

  years_valid = sdb_badge_is_step (badge->years);
  if (!years_valid)
    sdb_problems_add (problems, "years", SDB_SEVERITY_ERROR,
                      _("Party badges are given at 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85 "
                        "and 90 years of party age. Choose one of these."));

  if (badge->date.year == 0)
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                      _("Enter the date the badge was awarded."));
  else if (!sdb_date_is_valid (&badge->date)
           || sdb_date_get_precision (&badge->date) != SDB_DATE_PRECISION_DAY)
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                      _("The date of the badge must be a real date with day, month and "
                        "year."));
  else
    date_valid = TRUE;

  if (badge->member_id != 0)
    {
      if (years_valid && !check_duplicate (db, badge, problems, error))
        return FALSE;
      if (!check_party_age (db, badge, date_valid, years_valid, problems, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_badge (SdbDatabase  *db,
             SdbBadge     *badge,
             gboolean      insert,
             GPtrArray    *problems,
             GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_badge_validate (db, badge, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO badge (member_id, years, date)"
                                 " VALUES (?1, ?2, ?3)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE badge SET member_id = ?1, years = ?2, date = ?3"
                                 " WHERE id = ?4", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, badge->member_id);
  sdb_stmt_bind_int (stmt, 2, badge->years);
  sdb_stmt_bind_date (stmt, 3, &badge->date);
  if (!insert)
    sdb_stmt_bind_int (stmt, 4, badge->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      badge->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (badge), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This party badge record no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_badge_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a badge given to a member, and sets its id. Nothing is written when
 * validation finds an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_badge_insert (SdbDatabase  *db,
                  SdbBadge     *badge,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_BADGE (badge), FALSE);
  g_return_val_if_fail (badge->id == 0, FALSE);

  return write_badge (db, badge, TRUE, problems, error);
}

gboolean
sdb_badge_update (SdbDatabase  *db,
                  SdbBadge     *badge,
                  GPtrArray    *problems,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_BADGE (badge), FALSE);
  g_return_val_if_fail (badge->id > 0, FALSE);

  return write_badge (db, badge, FALSE, problems, error);
}

gboolean
sdb_badge_delete (SdbDatabase  *db,
                  gint64        id,
                  GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM badge WHERE id = ?1", id,
                                    _("This party badge record no longer exists; it may have "
                                      "been deleted."),
                                    error);
}

SdbBadge *
sdb_badge_lookup (SdbDatabase  *db,
                  gint64        id,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM badge b WHERE b.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                  _("This party badge record no longer exists; it may have been "
                                    "deleted."),
                                  error);
}

/**
 * sdb_badge_list:
 * @year: the year the badges were awarded, or 0 for any
 * @member_id: the member, or 0 for any
 *
 * Returns: (transfer full): the badges that match, by date, then by the member's name.
 */
GListModel *
sdb_badge_list (SdbDatabase  *db,
                int           year,
                gint64        member_id,
                GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " COLUMNS " FROM badge b"
                                         " JOIN member m ON m.id = b.member_id WHERE 1");
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  /* Dates are ISO text: the year's dates lie between "Y" and "Y+1", which the date index
   * finds. */
  if (year != 0)
    g_string_append (sql, " AND b.date > ?1 AND b.date < ?2");
  if (member_id != 0)
    g_string_append (sql, " AND b.member_id = ?3");
  g_string_append (sql, " ORDER BY b.date, m.name_key, b.id");

  stmt = sdb_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (year != 0)
    {
      sqlite3_bind_text (stmt, 1, g_strdup_printf ("%04d", year), -1, g_free);
      sqlite3_bind_text (stmt, 2, g_strdup_printf ("%04d", year + 1), -1, g_free);
    }
  if (member_id != 0)
    sdb_stmt_bind_int (stmt, 3, member_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_BADGE, (SdbRowFunc) from_row, error);
}

/**
 * sdb_badge_list_eligible:
 * @round: the date of the round, a full date
 *
 * The members to propose at a round: those in the committee on @round whose party age has
 * reached a step by then and who do not hold a badge of that step. A member who reached
 * several steps without a badge (old records) is proposed once, for the highest; one who holds
 * that step or a higher one is not proposed.
 *
 * Returns: (transfer full): new SdbBadge objects, not saved, with the member, the years and
 * @round as date, in the order of the members' names.
 */
GListModel *
sdb_badge_list_eligible (SdbDatabase    *db,
                         const SdbDate  *round,
                         GError        **error)
{
  typedef struct
  {
    gint64   member_id;
    int      years;    /* the step reached, or 0 while still to count */
    int      held;     /* the highest step the member holds, or 0 */
  } Candidate;
  g_autoptr(GListStore) store = g_list_store_new (SDB_TYPE_BADGE);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GPtrArray) badges = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SdbStmt) stmt = NULL;
  SdbDate latest_admission;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (round != NULL && sdb_date_is_valid (round), NULL);
  g_return_val_if_fail (sdb_date_get_precision (round) == SDB_DATE_PRECISION_DAY, NULL);

  /* One pass over the members: nobody admitted after this date can have 30 years by the
   * round. Membership on the round is the latest event on or before it (a member with no
   * history at all counts where the member row places them). Only the few members with a
   * departure before the round need their events read one by one. "+m.name_key" keeps SQLite
   * from walking the name index over every member (six times slower at 200.000 than sorting
   * those that pass). */
  latest_admission = add_months (round, -steps[0] * 12);
  stmt = sdb_database_prepare (db,
                               "SELECT m.id, m.admission_date,"
                               " EXISTS (SELECT 1 FROM member_event g"
                               "         WHERE g.member_id = m.id AND +g.kind = 'left'"
                               "           AND g.date <= ?1),"
                               " (SELECT max(b.years) FROM badge b WHERE b.member_id = m.id)"
                               " FROM member m"
                               " WHERE m.admission_date <= ?2"
                               "   AND ifnull ((SELECT e.kind NOT IN ('transfer_out', 'left')"
                               "                FROM member_event e"
                               "                WHERE e.member_id = m.id AND e.date <= ?1"
                               "                ORDER BY e.date DESC, e.id DESC LIMIT 1),"
                               "               m.organization_id IS NOT NULL"
                               "               AND NOT EXISTS (SELECT 1 FROM member_event f"
                               "                               WHERE f.member_id = m.id))"
                               " ORDER BY +m.name_key, m.id", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_date (stmt, 1, round);
  sdb_stmt_bind_date (stmt, 2, &latest_admission);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      Candidate candidate = { sdb_stmt_get_int (stmt, 0), 0, (int) sdb_stmt_get_int (stmt, 3) };

      if (!sdb_stmt_get_int (stmt, 2))
        {
          SdbDate admission;
          int months, days;

          sdb_stmt_get_date (stmt, 1, &admission);
          admission = first_day (&admission);
          full_months (&admission, round, &months, &days);
          candidate.years = step_reached (months);
          if (candidate.years <= candidate.held)
            continue;
        }
      g_array_append_val (candidates, candidate);
    }
  if (rc == 0)
    return NULL;
  g_clear_pointer (&stmt, sdb_stmt_release);

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      SdbBadge *badge;

      if (candidate->years == 0)
        {
          int months;

          if (!sdb_party_age_months (db, candidate->member_id, round, &months, error))
            return NULL;
          candidate->years = step_reached (months);
          if (candidate->years <= candidate->held)
            continue;
        }
      badge = sdb_badge_new ();
      badge->member_id = candidate->member_id;
      badge->years = candidate->years;
      badge->date = *round;
      g_ptr_array_add (badges, badge);
    }
  g_list_store_splice (store, 0, 0, badges->pdata, badges->len);

  return G_LIST_MODEL (g_steal_pointer (&store));
}
