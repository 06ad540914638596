/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-profile.h"

struct _SdbProfile
{
  GObject   parent_instance;

  gint64    id;
  SdbDate   since;
  char     *name;
  char     *committee_name;
  SdbLevel  level;
  char     *symbol;
};

G_DEFINE_FINAL_TYPE (SdbProfile, sdb_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SINCE,
  PROP_NAME,
  PROP_COMMITTEE_NAME,
  PROP_LEVEL,
  PROP_SYMBOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_profile_finalize (GObject *object)
{
  SdbProfile *self = SDB_PROFILE (object);

  g_free (self->name);
  g_free (self->committee_name);
  g_free (self->symbol);

  G_OBJECT_CLASS (sdb_profile_parent_class)->finalize (object);
}

static void
sdb_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SdbProfile *self = SDB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, sdb_profile_get_since (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMMITTEE_NAME:
      g_value_set_string (value, self->committee_name);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_profile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SdbProfile *self = SDB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_SINCE:
      sdb_profile_set_since (self, g_value_get_boxed (value));
      break;
    case PROP_NAME:
      sdb_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_COMMITTEE_NAME:
      sdb_profile_set_committee_name (self, g_value_get_string (value));
      break;
    case PROP_LEVEL:
      sdb_profile_set_level (self, g_value_get_enum (value));
      break;
    case PROP_SYMBOL:
      sdb_profile_set_symbol (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_profile_class_init (SdbProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_profile_finalize;
  object_class->get_property = sdb_profile_get_property;
  object_class->set_property = sdb_profile_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SINCE] = g_param_spec_boxed ("since", NULL, NULL, SDB_TYPE_DATE, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_COMMITTEE_NAME] = g_param_spec_string ("committee-name", NULL, NULL, "", rw);
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, SDB_TYPE_LEVEL, SDB_LEVEL_COMMUNE, rw);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_profile_init (SdbProfile *self)
{
  self->name = g_strdup ("");
  self->committee_name = g_strdup ("");
  self->symbol = g_strdup ("");
  self->level = SDB_LEVEL_COMMUNE;
}

SdbProfile *
sdb_profile_new (void)
{
  return g_object_new (SDB_TYPE_PROFILE, NULL);
}

/**
 * sdb_profile_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbProfile *
sdb_profile_copy (SdbProfile *self)
{
  SdbProfile *copy;

  g_return_val_if_fail (SDB_IS_PROFILE (self), NULL);

  copy = sdb_profile_new ();
  copy->id = self->id;
  copy->since = self->since;
  sdb_set_str (&copy->name, self->name);
  sdb_set_str (&copy->committee_name, self->committee_name);
  copy->level = self->level;
  sdb_set_str (&copy->symbol, self->symbol);
  return copy;
}

gint64
sdb_profile_get_id (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), 0);

  return self->id;
}

/**
 * sdb_profile_get_since:
 *
 * Returns: (nullable): the date from which this name applies, or %NULL when not set.
 */
const SdbDate *
sdb_profile_get_since (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), NULL);

  return self->since.year != 0 ? &self->since : NULL;
}

void
sdb_profile_set_since (SdbProfile    *self,
                       const SdbDate *since)
{
  g_return_if_fail (SDB_IS_PROFILE (self));

  if (sdb_set_date (&self->since, since))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
}

const char *
sdb_profile_get_name (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), NULL);

  return self->name;
}

void
sdb_profile_set_name (SdbProfile *self,
                      const char *name)
{
  g_return_if_fail (SDB_IS_PROFILE (self));

  if (sdb_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
sdb_profile_get_committee_name (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), NULL);

  return self->committee_name;
}

void
sdb_profile_set_committee_name (SdbProfile *self,
                                const char *committee_name)
{
  g_return_if_fail (SDB_IS_PROFILE (self));

  if (sdb_set_text (&self->committee_name, committee_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITTEE_NAME]);
}

SdbLevel
sdb_profile_get_level (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), SDB_LEVEL_COMMUNE);

  return self->level;
}

void
sdb_profile_set_level (SdbProfile *self,
                       SdbLevel    level)
{
  g_return_if_fail (SDB_IS_PROFILE (self));

  if (self->level == level)
    return;
  self->level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

const char *
sdb_profile_get_symbol (SdbProfile *self)
{
  g_return_val_if_fail (SDB_IS_PROFILE (self), NULL);

  return self->symbol;
}

void
sdb_profile_set_symbol (SdbProfile *self,
                        const char *symbol)
{
  g_return_if_fail (SDB_IS_PROFILE (self));

  if (sdb_set_text (&self->symbol, symbol))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "id, since, name, committee_name, level, symbol"

static SdbProfile *
from_row (SdbStmt *stmt)
{
  SdbProfile *self = sdb_profile_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  sdb_stmt_get_date (stmt, 1, &self->since);
  g_free (self->name);
  self->name = sdb_stmt_dup_text (stmt, 2);
  g_free (self->committee_name);
  self->committee_name = sdb_stmt_dup_text (stmt, 3);
  self->level = sdb_stmt_get_enum (stmt, 4, SDB_TYPE_LEVEL);
  g_free (self->symbol);
  self->symbol = sdb_stmt_dup_text (stmt, 5);
  return self;
}

/**
 * sdb_profile_validate:
 *
 * Adds to @problems everything wrong with @profile; the date must be unique among the
 * committee's names.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_profile_validate (SdbDatabase  *db,
                      SdbProfile   *profile,
                      GPtrArray    *problems,
                      GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_PROFILE (profile), FALSE);

  if (profile->since.year == 0)
    sdb_problems_add (problems, "since", SDB_SEVERITY_ERROR,
                      _("Enter the date from which this name applies."));
  else if (!sdb_date_is_valid (&profile->since))
    sdb_problems_add (problems, "since", SDB_SEVERITY_ERROR,
                      _("The date from which this name applies is not a real date."));
  else
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT 1 FROM profile WHERE since = ?1 AND id <> ?2", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_date (stmt, 1, &profile->since);
      sdb_stmt_bind_int (stmt, 2, profile->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          g_autofree char *date = sdb_vn_format_date (&profile->since);

          sdb_problems_add (problems, "since", SDB_SEVERITY_ERROR,
                            _("The committee already has a name from %s. Change that one "
                              "instead."), date);
        }
    }

  if (*profile->name == '\0')
    sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR,
                      _("Enter the name of the party organization, e.g. “Đảng bộ xã Minh "
                        "Tân”."));
  if (*profile->committee_name == '\0')
    sdb_problems_add (problems, "committee-name", SDB_SEVERITY_ERROR,
                      _("Enter the name of the committee, e.g. “Đảng ủy xã Minh Tân”."));
  if (sdb_enum_to_code (SDB_TYPE_LEVEL, profile->level) == NULL)
    sdb_problems_add (problems, "level", SDB_SEVERITY_ERROR, _("Choose the level."));

  return TRUE;
}

static gboolean
write_profile (SdbDatabase  *db,
               SdbProfile   *profile,
               gboolean      insert,
               GPtrArray    *problems,
               GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_profile_validate (db, profile, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO profile (since, name, committee_name, level, symbol)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE profile SET since = ?1, name = ?2, committee_name = ?3,"
                                 " level = ?4, symbol = ?5 WHERE id = ?6", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_date (stmt, 1, &profile->since);
  sdb_stmt_bind_text (stmt, 2, profile->name);
  sdb_stmt_bind_text (stmt, 3, profile->committee_name);
  sdb_stmt_bind_enum (stmt, 4, SDB_TYPE_LEVEL, profile->level);
  sdb_stmt_bind_text (stmt, 5, profile->symbol);
  if (!insert)
    sdb_stmt_bind_int (stmt, 6, profile->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      profile->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (profile), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                   _("This name of the committee no longer exists; it may have been deleted."));
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_profile_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new dated name of the committee, and sets its id. Nothing is written
 * when validation finds an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_profile_insert (SdbDatabase  *db,
                    SdbProfile   *profile,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (profile->id == 0, FALSE);

  return write_profile (db, profile, TRUE, problems, error);
}

gboolean
sdb_profile_update (SdbDatabase  *db,
                    SdbProfile   *profile,
                    GPtrArray    *problems,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (profile->id > 0, FALSE);

  return write_profile (db, profile, FALSE, problems, error);
}

gboolean
sdb_profile_delete (SdbDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return sdb_database_delete_by_id (db, "DELETE FROM profile WHERE id = ?1", id,
                                    _("This name of the committee no longer exists; it may "
                                      "have been deleted."),
                                    error);
}

static SdbProfile *
lookup_one (SdbDatabase  *db,
            SdbStmt      *stmt,
            GError      **error)
{
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row,
                                  _("The committee has no name yet. Enter its name and level "
                                    "first (sodangbo-cli init)."),
                                  error);
}

SdbProfile *
sdb_profile_lookup (SdbDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM profile WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  return lookup_one (db, stmt, error);
}

/**
 * sdb_profile_lookup_for_date:
 * @date: (nullable): the date, or %NULL for the latest name
 *
 * Returns: (transfer full): the name that applied on @date; before the first recorded date, the
 * first name (the best the office knows).
 */
SdbProfile *
sdb_profile_lookup_for_date (SdbDatabase    *db,
                             const SdbDate  *date,
                             GError        **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  /* Dates are ISO text, so a partial "since" (a year) sorts before every full date in it. */
  stmt = sdb_database_prepare (db,
                               "SELECT " COLUMNS " FROM profile"
                               " ORDER BY (?1 IS NULL OR since <= ?1) DESC,"
                               "          CASE WHEN ?1 IS NULL OR since <= ?1"
                               "               THEN since END DESC,"
                               "          since ASC"
                               " LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_date (stmt, 1, date);
  return lookup_one (db, stmt, error);
}

/**
 * sdb_profile_lookup_for_year:
 *
 * Returns: (transfer full): the name under which @year reports: the one that applied on 31/12.
 */
SdbProfile *
sdb_profile_lookup_for_year (SdbDatabase  *db,
                             int           year,
                             GError      **error)
{
  SdbDate end = { (gint16) year, 12, 31 };

  return sdb_profile_lookup_for_date (db, &end, error);
}

/**
 * sdb_profile_list:
 *
 * Returns: (transfer full): every dated name of the committee, oldest first.
 */
GListModel *
sdb_profile_list (SdbDatabase  *db,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM profile ORDER BY since", error);
  if (stmt == NULL)
    return NULL;
  return sdb_database_list_rows (db, stmt, SDB_TYPE_PROFILE, (SdbRowFunc) from_row, error);
}
