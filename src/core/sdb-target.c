/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-target.h"

struct _SdbTarget
{
  GObject parent_instance;

  gint64  id;
  int     first_year;
  int     last_year;
  gint64  organization_id;
  int     number;
};

G_DEFINE_FINAL_TYPE (SdbTarget, sdb_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_YEAR,
  PROP_LAST_YEAR,
  PROP_ORGANIZATION_ID,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_target_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdbTarget *self = SDB_TARGET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_FIRST_YEAR:
      g_value_set_int (value, self->first_year);
      break;
    case PROP_LAST_YEAR:
      g_value_set_int (value, self->last_year);
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case PROP_NUMBER:
      g_value_set_int (value, self->number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_target_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SdbTarget *self = SDB_TARGET (object);

  switch (prop_id)
    {
    case PROP_FIRST_YEAR:
      sdb_target_set_first_year (self, g_value_get_int (value));
      break;
    case PROP_LAST_YEAR:
      sdb_target_set_last_year (self, g_value_get_int (value));
      break;
    case PROP_ORGANIZATION_ID:
      sdb_target_set_organization_id (self, g_value_get_int64 (value));
      break;
    case PROP_NUMBER:
      sdb_target_set_number (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_target_class_init (SdbTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sdb_target_get_property;
  object_class->set_property = sdb_target_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Years and number take any integer, so that validation (not a GLib warning) tells the clerk
   * what is wrong with a mistyped value. */
  properties[PROP_FIRST_YEAR] =
    g_param_spec_int ("first-year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_LAST_YEAR] =
    g_param_spec_int ("last-year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  /* 0 is the whole committee. */
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, G_MININT, G_MAXINT, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_target_init (SdbTarget *self)
{
}

/**
 * sdb_target_new:
 *
 * A target for the whole committee, with no years and a number of 0; set its years (one year
 * with sdb_target_set_year ()) and number before saving it.
 */
SdbTarget *
sdb_target_new (void)
{
  return g_object_new (SDB_TYPE_TARGET, NULL);
}

/**
 * sdb_target_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbTarget *
sdb_target_copy (SdbTarget *self)
{
  SdbTarget *copy;

  g_return_val_if_fail (SDB_IS_TARGET (self), NULL);

  copy = sdb_target_new ();
  copy->id = self->id;
  copy->first_year = self->first_year;
  copy->last_year = self->last_year;
  copy->organization_id = self->organization_id;
  copy->number = self->number;
  return copy;
}

gint64
sdb_target_get_id (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), 0);

  return self->id;
}

int
sdb_target_get_first_year (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), 0);

  return self->first_year;
}

void
sdb_target_set_first_year (SdbTarget *self,
                           int        first_year)
{
  g_return_if_fail (SDB_IS_TARGET (self));

  if (self->first_year == first_year)
    return;
  self->first_year = first_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_YEAR]);
}

int
sdb_target_get_last_year (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), 0);

  return self->last_year;
}

void
sdb_target_set_last_year (SdbTarget *self,
                          int        last_year)
{
  g_return_if_fail (SDB_IS_TARGET (self));

  if (self->last_year == last_year)
    return;
  self->last_year = last_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_YEAR]);
}

void
sdb_target_set_year (SdbTarget *self,
                     int        year)
{
  g_return_if_fail (SDB_IS_TARGET (self));

  g_object_freeze_notify (G_OBJECT (self));
  sdb_target_set_first_year (self, year);
  sdb_target_set_last_year (self, year);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sdb_target_is_one_year (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), FALSE);

  return self->first_year == self->last_year;
}

/**
 * sdb_target_get_organization_id:
 *
 * Returns: the organization the target is set for, or 0 for the whole committee.
 */
gint64
sdb_target_get_organization_id (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), 0);

  return self->organization_id;
}

void
sdb_target_set_organization_id (SdbTarget *self,
                                gint64     organization_id)
{
  g_return_if_fail (SDB_IS_TARGET (self));
  g_return_if_fail (organization_id >= 0);

  if (self->organization_id == organization_id)
    return;
  self->organization_id = organization_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

int
sdb_target_get_number (SdbTarget *self)
{
  g_return_val_if_fail (SDB_IS_TARGET (self), 0);

  return self->number;
}

void
sdb_target_set_number (SdbTarget *self,
                       int        number)
{
  g_return_if_fail (SDB_IS_TARGET (self));

  if (self->number == number)
    return;
  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "t.id, t.first_year, t.last_year, t.organization_id, t.number"

static SdbTarget *
from_row (SdbStmt *stmt)
{
  SdbTarget *self = sdb_target_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  self->first_year = (int) sdb_stmt_get_int (stmt, 1);
  self->last_year = (int) sdb_stmt_get_int (stmt, 2);
  self->organization_id = sdb_stmt_get_int (stmt, 3);
  self->number = (int) sdb_stmt_get_int (stmt, 4);
  return self;
}

static gboolean
year_is_valid (int year)
{
  return year >= SDB_DATE_YEAR_MIN && year <= SDB_DATE_YEAR_MAX;
}

static char *
dup_years_label (SdbTarget *target)
{
  if (target->first_year == target->last_year)
    return g_strdup_printf ("%d", target->first_year);
  return g_strdup_printf ("%d–%d", target->first_year, target->last_year);
}

/* The organization must exist and have existed in at least one of the target's years. Dates
 * are ISO text and may be partial: a dissolution dated only "2024" or "2024-01" is given the
 * benefit of the doubt for 2024, since the organization may have worked part of that year. */
static gboolean
check_organization (SdbDatabase  *db,
                    SdbTarget    *target,
                    gboolean      years_valid,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *last_day = g_strdup_printf ("%04d-12-31", target->last_year);
  g_autofree char *first_year = g_strdup_printf ("%04d", target->first_year);
  g_autofree char *first_day = g_strdup_printf ("%04d-01-01", target->first_year);
  int rc;

  stmt = sdb_database_prepare (db,
                               "SELECT name,"
                               "       (founded IS NULL OR founded <= ?2)"
                               "       AND (dissolved IS NULL"
                               "            OR (dissolved >= ?3 AND dissolved <> ?4))"
                               " FROM organization WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, target->organization_id);
  sdb_stmt_bind_text (stmt, 2, last_day);
  sdb_stmt_bind_text (stmt, 3, first_year);
  sdb_stmt_bind_text (stmt, 4, first_day);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                      _("The party organization of this target no longer exists. Choose "
                        "another one, or set the target for the whole committee."));
  else if (years_valid && sdb_stmt_get_int (stmt, 1) == 0)
    {
      g_autofree char *name = sdb_stmt_dup_text (stmt, 0);
      g_autofree char *years = dup_years_label (target);

      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("%s did not exist in %s. Choose an organization that existed then, "
                          "or check the years."), name, years);
    }
  return TRUE;
}

static gboolean
check_duplicate (SdbDatabase  *db,
                 SdbTarget    *target,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *years = NULL;
  int rc;

  stmt = sdb_database_prepare (db,
                               "SELECT o.name FROM admission_target t"
                               " LEFT JOIN organization o ON o.id = t.organization_id"
                               " WHERE t.first_year = ?1 AND t.last_year = ?2"
                               "   AND ifnull (t.organization_id, 0) = ?3 AND t.id IS NOT ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, target->first_year);
  sdb_stmt_bind_int (stmt, 2, target->last_year);
  sdb_stmt_bind_int (stmt, 3, target->organization_id);
  sdb_stmt_bind_id (stmt, 4, target->id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;

  years = dup_years_label (target);
  if (target->organization_id == 0)
    sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                      _("The committee already has an admission target for %s. Change that one "
                        "instead."), years);
  else
    {
      g_autofree char *name = sdb_stmt_dup_text (stmt, 0);

      sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                        _("%s already has an admission target for %s. Change that one "
                          "instead."), name, years);
    }
  return TRUE;
}

/**
 * sdb_target_validate:
 *
 * Adds to @problems everything wrong with @target: years out of range or in the wrong order, a
 * negative number, an organization that does not exist or did not exist in those years, and
 * a second target for the same years and organization.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_target_validate (SdbDatabase  *db,
                     SdbTarget    *target,
                     GPtrArray    *problems,
                     GError      **error)
{
  gboolean years_valid = TRUE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TARGET (target), FALSE);

  if (!year_is_valid (target->first_year))
    {
      sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                        _("Enter the first year of the target, between %d and %d."),
                        SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
      years_valid = FALSE;
    }
  if (!year_is_valid (target->last_year))
    {
      sdb_problems_add (problems, "last-year", SDB_SEVERITY_ERROR,
                        _("Enter the last year of the target, between %d and %d."),
                        SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
      years_valid = FALSE;
    }
  else if (years_valid && target->last_year < target->first_year)
    {
      sdb_problems_add (problems, "last-year", SDB_SEVERITY_ERROR,
                        _("The target cannot end before it starts. Check the first and last "
                          "years."));
      years_valid = FALSE;
    }

  if (target->number < 0)
    sdb_problems_add (problems, "number", SDB_SEVERITY_ERROR,
                      _("Enter the number of members to admit: 0 or more."));

  if (target->organization_id != 0
      && !check_organization (db, target, years_valid, problems, error))
    return FALSE;

  if (years_valid)
    return check_duplicate (db, target, problems, error);
  return TRUE;
}

static gboolean
write_target (SdbDatabase  *db,
              SdbTarget    *target,
              gboolean      insert,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_target_validate (db, target, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO admission_target"
                                 " (first_year, last_year, organization_id, number)"
                                 " VALUES (?1, ?2, ?3, ?4)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE admission_target SET first_year = ?1, last_year = ?2,"
                                 " organization_id = ?3, number = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, target->first_year);
  sdb_stmt_bind_int (stmt, 2, target->last_year);
  sdb_stmt_bind_id (stmt, 3, target->organization_id);
  sdb_stmt_bind_int (stmt, 4, target->number);
  if (!insert)
    sdb_stmt_bind_int (stmt, 5, target->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      target->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (target), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This admission target no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_target_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new target, and sets its id. Nothing is written when validation finds
 * an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_target_insert (SdbDatabase  *db,
                   SdbTarget    *target,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TARGET (target), FALSE);
  g_return_val_if_fail (target->id == 0, FALSE);

  return write_target (db, target, TRUE, problems, error);
}

gboolean
sdb_target_update (SdbDatabase  *db,
                   SdbTarget    *target,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TARGET (target), FALSE);
  g_return_val_if_fail (target->id > 0, FALSE);

  return write_target (db, target, FALSE, problems, error);
}

gboolean
sdb_target_delete (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM admission_target WHERE id = ?1", id,
                                    _("This admission target no longer exists; it may have been "
                                      "deleted."),
                                    error);
}

SdbTarget *
sdb_target_lookup (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM admission_target t WHERE t.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                  _("This admission target no longer exists; it may have been "
                                    "deleted."),
                                  error);
}

/**
 * sdb_target_lookup_for_year:
 * @organization_id: the organization, or 0 for the whole committee
 * @term: %FALSE for the one-year target of @year; %TRUE for the target of several years (the
 *   term's) that includes @year
 *
 * The target a report of @year measures against. Consecutive term targets share a boundary
 * year (2015–2020, 2020–2025): for that year the one that starts in it applies.
 *
 * Returns: (transfer full): the target, or %NULL with SDB_DATABASE_ERROR_NOT_FOUND when none is
 * set.
 */
SdbTarget *
sdb_target_lookup_for_year (SdbDatabase  *db,
                            int           year,
                            gint64        organization_id,
                            gboolean      term,
                            GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (organization_id >= 0, NULL);

  if (term)
    stmt = sdb_database_prepare (db,
                                 "SELECT " COLUMNS " FROM admission_target t"
                                 " WHERE t.first_year <= ?1 AND t.last_year >= ?1"
                                 "   AND t.first_year < t.last_year"
                                 "   AND ifnull (t.organization_id, 0) = ?2"
                                 " ORDER BY t.first_year DESC LIMIT 1", error);
  else
    stmt = sdb_database_prepare (db,
                                 "SELECT " COLUMNS " FROM admission_target t"
                                 " WHERE t.first_year = ?1 AND t.last_year = ?1"
                                 "   AND ifnull (t.organization_id, 0) = ?2", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, year);
  sdb_stmt_bind_int (stmt, 2, organization_id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      if (term)
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("No admission target is set for the term that includes %d."), year);
      else
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                     _("No admission target is set for the year %d."), year);
    }
  return NULL;
}

/**
 * sdb_target_list:
 * @filter: (nullable): which targets; %NULL for all
 *
 * Returns: (transfer full): the targets, by first year, then last year, the committee's before
 * its organizations' (those by name).
 */
GListModel *
sdb_target_list (SdbDatabase            *db,
                 const SdbTargetFilter  *filter,
                 GError                **error)
{
  static const SdbTargetFilter all = SDB_TARGET_FILTER_INIT;
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  if (filter == NULL)
    filter = &all;

  stmt = sdb_database_prepare (db,
                               "SELECT " COLUMNS " FROM admission_target t"
                               " LEFT JOIN organization o ON o.id = t.organization_id"
                               " WHERE (?1 = 0 OR (t.first_year <= ?1 AND t.last_year >= ?1))"
                               "   AND (?2 < 0 OR ifnull (t.organization_id, 0) = ?2)"
                               " ORDER BY t.first_year, t.last_year,"
                               "          t.organization_id IS NOT NULL, o.name_key, t.id",
                               error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, filter->year);
  sdb_stmt_bind_int (stmt, 2, filter->organization_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_TARGET, (SdbRowFunc) from_row, error);
}
