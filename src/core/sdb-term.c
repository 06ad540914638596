/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-term.h"

struct _SdbTerm
{
  GObject parent_instance;

  gint64  id;
  int     first_year;
  int     last_year;
};

G_DEFINE_FINAL_TYPE (SdbTerm, sdb_term, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_YEAR,
  PROP_LAST_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_term_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SdbTerm *self = SDB_TERM (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_term_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SdbTerm *self = SDB_TERM (object);

  switch (prop_id)
    {
    case PROP_FIRST_YEAR:
      sdb_term_set_first_year (self, g_value_get_int (value));
      break;
    case PROP_LAST_YEAR:
      sdb_term_set_last_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_term_class_init (SdbTermClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sdb_term_get_property;
  object_class->set_property = sdb_term_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Any integer is accepted, so that validation (not a GLib warning) tells the clerk what is
   * wrong with a mistyped year; 0 is "not entered". */
  properties[PROP_FIRST_YEAR] =
    g_param_spec_int ("first-year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_LAST_YEAR] =
    g_param_spec_int ("last-year", NULL, NULL, G_MININT, G_MAXINT, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_term_init (SdbTerm *self)
{
}

/**
 * sdb_term_new:
 * @first_year: the year the term starts, e.g. 2020
 * @last_year: the year it ends, e.g. 2025
 */
SdbTerm *
sdb_term_new (int first_year,
              int last_year)
{
  return g_object_new (SDB_TYPE_TERM,
                       "first-year", first_year,
                       "last-year", last_year,
                       NULL);
}

/**
 * sdb_term_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbTerm *
sdb_term_copy (SdbTerm *self)
{
  SdbTerm *copy;

  g_return_val_if_fail (SDB_IS_TERM (self), NULL);

  copy = sdb_term_new (self->first_year, self->last_year);
  copy->id = self->id;
  return copy;
}

gint64
sdb_term_get_id (SdbTerm *self)
{
  g_return_val_if_fail (SDB_IS_TERM (self), 0);

  return self->id;
}

int
sdb_term_get_first_year (SdbTerm *self)
{
  g_return_val_if_fail (SDB_IS_TERM (self), 0);

  return self->first_year;
}

void
sdb_term_set_first_year (SdbTerm *self,
                         int      first_year)
{
  g_return_if_fail (SDB_IS_TERM (self));

  if (self->first_year == first_year)
    return;
  self->first_year = first_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_YEAR]);
}

int
sdb_term_get_last_year (SdbTerm *self)
{
  g_return_val_if_fail (SDB_IS_TERM (self), 0);

  return self->last_year;
}

void
sdb_term_set_last_year (SdbTerm *self,
                        int      last_year)
{
  g_return_if_fail (SDB_IS_TERM (self));

  if (self->last_year == last_year)
    return;
  self->last_year = last_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_YEAR]);
}

/**
 * sdb_term_dup_label:
 *
 * Returns: (transfer full): the term as offices write it, "2020–2025" (years are never
 * grouped, and the dash is an en dash in every language).
 */
char *
sdb_term_dup_label (SdbTerm *self)
{
  g_return_val_if_fail (SDB_IS_TERM (self), NULL);

  return g_strdup_printf ("%d–%d", self->first_year, self->last_year);
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "id, first_year, last_year"

static SdbTerm *
from_row (SdbStmt *stmt)
{
  SdbTerm *self = sdb_term_new ((int) sdb_stmt_get_int (stmt, 1),
                                (int) sdb_stmt_get_int (stmt, 2));

  self->id = sdb_stmt_get_int (stmt, 0);
  return self;
}

static gboolean
year_is_valid (int year)
{
  return year >= SDB_DATE_YEAR_MIN && year <= SDB_DATE_YEAR_MAX;
}

/* Two terms may share one boundary year and no more: [2015, 2020] and [2020, 2025] are
 * consecutive, [2015, 2021] and [2020, 2025] overlap. */
static gboolean
check_other_terms (SdbDatabase  *db,
                   SdbTerm      *term,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  stmt = sdb_database_prepare (db,
                               "SELECT " COLUMNS " FROM term"
                               " WHERE id IS NOT ?1"
                               "   AND (first_year = ?2"
                               "        OR (first_year < ?3 AND last_year > ?2))"
                               " ORDER BY first_year", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_id (stmt, 1, term->id);
  sdb_stmt_bind_int (stmt, 2, term->first_year);
  sdb_stmt_bind_int (stmt, 3, term->last_year);
  while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(SdbTerm) other = from_row (stmt);
      g_autofree char *label = sdb_term_dup_label (other);

      if (other->first_year == term->first_year)
        sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                          _("Another term, %s, already starts in %d. Change that term "
                            "instead."),
                          label, term->first_year);
      else
        sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                          _("This term overlaps the term %s. Consecutive terms may share only "
                            "their boundary year, e.g. 2015–2020 and 2020–2025."), label);
    }
  return rc != 0;
}

/**
 * sdb_term_validate:
 *
 * Adds to @problems everything wrong with @term: years out of range, a term that ends before
 * it starts, another term starting the same year, or an overlap beyond one shared boundary
 * year.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_term_validate (SdbDatabase  *db,
                   SdbTerm      *term,
                   GPtrArray    *problems,
                   GError      **error)
{
  gboolean years_valid = TRUE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TERM (term), FALSE);

  if (!year_is_valid (term->first_year))
    {
      sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                        _("Enter the year the term starts, between %d and %d."),
                        SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
      years_valid = FALSE;
    }
  if (!year_is_valid (term->last_year))
    {
      sdb_problems_add (problems, "last-year", SDB_SEVERITY_ERROR,
                        _("Enter the year the term ends, between %d and %d."),
                        SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
      years_valid = FALSE;
    }
  else if (years_valid && term->last_year < term->first_year)
    {
      sdb_problems_add (problems, "last-year", SDB_SEVERITY_ERROR,
                        _("The term cannot end before it starts. Check the first and last "
                          "years."));
      years_valid = FALSE;
    }

  if (years_valid)
    return check_other_terms (db, term, problems, error);
  return TRUE;
}

static gboolean
write_term (SdbDatabase  *db,
            SdbTerm      *term,
            gboolean      insert,
            GPtrArray    *problems,
            GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_term_validate (db, term, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db, "INSERT INTO term (first_year, last_year) VALUES (?1, ?2)",
                                 error);
  else
    stmt = sdb_database_prepare (db, "UPDATE term SET first_year = ?1, last_year = ?2"
                                 " WHERE id = ?3", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, term->first_year);
  sdb_stmt_bind_int (stmt, 2, term->last_year);
  if (!insert)
    sdb_stmt_bind_int (stmt, 3, term->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      term->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (term), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This term no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_term_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new term, and sets its id. Nothing is written when validation finds an
 * error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_term_insert (SdbDatabase  *db,
                 SdbTerm      *term,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TERM (term), FALSE);
  g_return_val_if_fail (term->id == 0, FALSE);

  return write_term (db, term, TRUE, problems, error);
}

gboolean
sdb_term_update (SdbDatabase  *db,
                 SdbTerm      *term,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_TERM (term), FALSE);
  g_return_val_if_fail (term->id > 0, FALSE);

  return write_term (db, term, FALSE, problems, error);
}

/**
 * sdb_term_delete:
 *
 * Deletes a term. Targets set for its years stay: they are kept by their years, not by the
 * term.
 */
gboolean
sdb_term_delete (SdbDatabase  *db,
                 gint64        id,
                 GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM term WHERE id = ?1", id,
                                    _("This term no longer exists; it may have been deleted."),
                                    error);
}

SdbTerm *
sdb_term_lookup (SdbDatabase  *db,
                 gint64        id,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM term WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                  _("This term no longer exists; it may have been deleted."),
                                  error);
}

/**
 * sdb_term_lookup_for_year:
 *
 * The term @year belongs to. A boundary year shared by two consecutive terms belongs to the
 * term that starts in it: 2020 is in 2020–2025, not in 2015–2020.
 *
 * Returns: (transfer full): the term, or %NULL with SDB_DATABASE_ERROR_NOT_FOUND when no term
 * includes @year.
 */
SdbTerm *
sdb_term_lookup_for_year (SdbDatabase  *db,
                          int           year,
                          GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db,
                               "SELECT " COLUMNS " FROM term"
                               " WHERE first_year <= ?1 AND last_year >= ?1"
                               " ORDER BY first_year DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, year);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                 _("No term of the committee includes the year %d. Enter the committee’s "
                   "terms first."), year);
  return NULL;
}

/**
 * sdb_term_list:
 *
 * Returns: (transfer full): every term, the earliest first.
 */
GListModel *
sdb_term_list (SdbDatabase  *db,
               GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM term ORDER BY first_year", error);
  if (stmt == NULL)
    return NULL;
  return sdb_database_list_rows (db, stmt, SDB_TYPE_TERM, (SdbRowFunc) from_row, error);
}
