/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-enums.h"
#include "sdb-organization.h"
#include "sdb-rating.h"
#include "sdb-profile.h"

/* Sectors ------------------------------------------------------------------------------------ */

struct _SdbSector
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  int      position;
};

G_DEFINE_FINAL_TYPE (SdbSector, sdb_sector, G_TYPE_OBJECT)

enum {
  SECTOR_PROP_0,
  SECTOR_PROP_ID,
  SECTOR_PROP_NAME,
  SECTOR_PROP_POSITION,
  SECTOR_N_PROPS
};

static GParamSpec *sector_properties[SECTOR_N_PROPS];

static void
sdb_sector_finalize (GObject *object)
{
  SdbSector *self = SDB_SECTOR (object);

  g_free (self->name);

  G_OBJECT_CLASS (sdb_sector_parent_class)->finalize (object);
}

static void
sdb_sector_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdbSector *self = SDB_SECTOR (object);

  switch (prop_id)
    {
    case SECTOR_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case SECTOR_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case SECTOR_PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_sector_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SdbSector *self = SDB_SECTOR (object);

  switch (prop_id)
    {
    case SECTOR_PROP_NAME:
      sdb_sector_set_name (self, g_value_get_string (value));
      break;
    case SECTOR_PROP_POSITION:
      sdb_sector_set_position (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_sector_class_init (SdbSectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_sector_finalize;
  object_class->get_property = sdb_sector_get_property;
  object_class->set_property = sdb_sector_set_property;

  sector_properties[SECTOR_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  sector_properties[SECTOR_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  sector_properties[SECTOR_PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0, rw);

  g_object_class_install_properties (object_class, SECTOR_N_PROPS, sector_properties);
}

static void
sdb_sector_init (SdbSector *self)
{
  self->name = g_strdup ("");
}

SdbSector *
sdb_sector_new (void)
{
  return g_object_new (SDB_TYPE_SECTOR, NULL);
}

/**
 * sdb_sector_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbSector *
sdb_sector_copy (SdbSector *self)
{
  SdbSector *copy;

  g_return_val_if_fail (SDB_IS_SECTOR (self), NULL);

  copy = sdb_sector_new ();
  copy->id = self->id;
  sdb_set_str (&copy->name, self->name);
  copy->position = self->position;
  return copy;
}

gint64
sdb_sector_get_id (SdbSector *self)
{
  g_return_val_if_fail (SDB_IS_SECTOR (self), 0);

  return self->id;
}

const char *
sdb_sector_get_name (SdbSector *self)
{
  g_return_val_if_fail (SDB_IS_SECTOR (self), NULL);

  return self->name;
}

void
sdb_sector_set_name (SdbSector  *self,
                     const char *name)
{
  g_return_if_fail (SDB_IS_SECTOR (self));

  if (sdb_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), sector_properties[SECTOR_PROP_NAME]);
}

int
sdb_sector_get_position (SdbSector *self)
{
  g_return_val_if_fail (SDB_IS_SECTOR (self), 0);

  return self->position;
}

void
sdb_sector_set_position (SdbSector *self,
                         int        position)
{
  g_return_if_fail (SDB_IS_SECTOR (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), sector_properties[SECTOR_PROP_POSITION]);
}

#define SECTOR_COLUMNS "id, name, position"

static SdbSector *
sector_from_row (SdbStmt *stmt)
{
  SdbSector *self = sdb_sector_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  g_free (self->name);
  self->name = sdb_stmt_dup_text (stmt, 1);
  self->position = (int) sdb_stmt_get_int (stmt, 2);
  return self;
}

static void
set_sector_not_found (GError **error)
{
  g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                       _("This sector no longer exists; it may have been deleted."));
}

/**
 * sdb_sector_validate:
 *
 * Adds to @problems everything wrong with @sector: a name is required and unique.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_sector_validate (SdbDatabase  *db,
                     SdbSector    *sector,
                     GPtrArray    *problems,
                     GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_SECTOR (sector), FALSE);

  if (*sector->name == '\0')
    sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR,
                      _("Enter the name of the sector, e.g. “Giáo dục”."));
  else
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT 1 FROM sector WHERE name = ?1 AND id <> ?2", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_text (stmt, 1, sector->name);
      sdb_stmt_bind_int (stmt, 2, sector->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR,
                          _("There is already a sector named “%s”. Enter a different name."),
                          sector->name);
    }
  return TRUE;
}

static gboolean
write_sector (SdbDatabase  *db,
              SdbSector    *sector,
              gboolean      insert,
              GPtrArray    *problems,
              GError      **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_sector_validate (db, sector, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }

  if (insert)
    stmt = sdb_database_prepare (db, "INSERT INTO sector (name, position) VALUES (?1, ?2)",
                                 error);
  else
    stmt = sdb_database_prepare (db, "UPDATE sector SET name = ?1, position = ?2 WHERE id = ?3",
                                 error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_text (stmt, 1, sector->name);
  sdb_stmt_bind_int (stmt, 2, sector->position);
  if (!insert)
    sdb_stmt_bind_int (stmt, 3, sector->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      sector->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (sector), sector_properties[SECTOR_PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      set_sector_not_found (error);
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_sector_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new sector, and sets its id.
 */
gboolean
sdb_sector_insert (SdbDatabase  *db,
                   SdbSector    *sector,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_SECTOR (sector), FALSE);
  g_return_val_if_fail (sector->id == 0, FALSE);

  return write_sector (db, sector, TRUE, problems, error);
}

gboolean
sdb_sector_update (SdbDatabase  *db,
                   SdbSector    *sector,
                   GPtrArray    *problems,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_SECTOR (sector), FALSE);
  g_return_val_if_fail (sector->id > 0, FALSE);

  return write_sector (db, sector, FALSE, problems, error);
}

/**
 * sdb_sector_delete:
 *
 * Deletes a sector that no organization belongs to; otherwise fails with
 * SDB_DATABASE_ERROR_IN_USE.
 */
gboolean
sdb_sector_delete (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(SdbStmt) used = NULL;
  g_autoptr(SdbStmt) stmt = NULL;
  gint64 n;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  used = sdb_database_prepare (db, "SELECT count(*) FROM organization WHERE sector_id = ?1",
                               error);
  if (used == NULL)
    goto out;
  sdb_stmt_bind_int (used, 1, id);
  if (sdb_database_step (db, used, error) != SQLITE_ROW)
    goto out;
  n = sdb_stmt_get_int (used, 0);
  if (n > 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE,
                   ngettext ("%d party organization belongs to this sector. Move it to another "
                             "sector first.",
                             "%d party organizations belong to this sector. Move them to another "
                             "sector first.", (gulong) n), (int) n);
      goto out;
    }

  stmt = sdb_database_prepare (db, "DELETE FROM sector WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;
  if (sdb_database_changes (db) == 0)
    {
      set_sector_not_found (error);
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

SdbSector *
sdb_sector_lookup (SdbDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db, "SELECT " SECTOR_COLUMNS " FROM sector WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    return sector_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_sector_not_found (error);
  return NULL;
}

/**
 * sdb_sector_list:
 *
 * Returns: (transfer full): every sector, by position, then by name in Vietnamese order.
 */
GListModel *
sdb_sector_list (SdbDatabase  *db,
                 GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  /* A handful of rows: the sort key is made on the fly rather than stored. */
  stmt = sdb_database_prepare (db,
                               "SELECT " SECTOR_COLUMNS " FROM sector"
                               " ORDER BY position, sdb_sort_key (name), id", error);
  if (stmt == NULL)
    return NULL;
  return sdb_database_list_rows (db, stmt, SDB_TYPE_SECTOR, (SdbRowFunc) sector_from_row, error);
}

/**
 * sdb_sector_insert_defaults:
 *
 * Adds the usual sectors of DOMAIN.md, in one transaction, skipping those already present.
 * Their names are document data, written in Vietnamese whatever the interface language.
 */
gboolean
sdb_sector_insert_defaults (SdbDatabase  *db,
                            GError      **error)
{
  static const char *const names[] = {
    "Xã, thị trấn", "Thôn, bản, tổ dân phố", "Cơ quan", "Giáo dục", "Y tế", "Doanh nghiệp",
    "Hợp tác xã", "Quân sự", "Công an",
  };
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db,
                              "INSERT INTO sector (name, position) VALUES (?1, ?2)"
                              " ON CONFLICT (name) DO NOTHING", error);

      if (stmt == NULL)
        goto out;
      sdb_stmt_bind_text (stmt, 1, names[i]);
      sdb_stmt_bind_int (stmt, 2, i + 1);
      if (!sdb_database_step_done (db, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

/* Organizations ------------------------------------------------------------------------------ */

struct _SdbOrganization
{
  GObject              parent_instance;

  gint64               id;
  char                *code;
  char                *name;
  SdbOrganizationKind  kind;
  gint64               parent_id;
  gint64               sector_id;
  SdbDate              founded;
  SdbDate              dissolved;
  char                *notes;
};

G_DEFINE_FINAL_TYPE (SdbOrganization, sdb_organization, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_PARENT_ID,
  PROP_SECTOR_ID,
  PROP_FOUNDED,
  PROP_DISSOLVED,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sdb_organization_finalize (GObject *object)
{
  SdbOrganization *self = SDB_ORGANIZATION (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->notes);

  G_OBJECT_CLASS (sdb_organization_parent_class)->finalize (object);
}

static void
sdb_organization_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdbOrganization *self = SDB_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_SECTOR_ID:
      g_value_set_int64 (value, self->sector_id);
      break;
    case PROP_FOUNDED:
      g_value_set_boxed (value, sdb_organization_get_founded (self));
      break;
    case PROP_DISSOLVED:
      g_value_set_boxed (value, sdb_organization_get_dissolved (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_organization_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdbOrganization *self = SDB_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_CODE:
      sdb_organization_set_code (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      sdb_organization_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      sdb_organization_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_PARENT_ID:
      sdb_organization_set_parent_id (self, g_value_get_int64 (value));
      break;
    case PROP_SECTOR_ID:
      sdb_organization_set_sector_id (self, g_value_get_int64 (value));
      break;
    case PROP_FOUNDED:
      sdb_organization_set_founded (self, g_value_get_boxed (value));
      break;
    case PROP_DISSOLVED:
      sdb_organization_set_dissolved (self, g_value_get_boxed (value));
      break;
    case PROP_NOTES:
      sdb_organization_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_organization_class_init (SdbOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_organization_finalize;
  object_class->get_property = sdb_organization_get_property;
  object_class->set_property = sdb_organization_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, "", rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SDB_TYPE_ORGANIZATION_KIND,
                       SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, rw);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_SECTOR_ID] =
    g_param_spec_int64 ("sector-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_FOUNDED] = g_param_spec_boxed ("founded", NULL, NULL, SDB_TYPE_DATE, rw);
  properties[PROP_DISSOLVED] = g_param_spec_boxed ("dissolved", NULL, NULL, SDB_TYPE_DATE, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sdb_organization_init (SdbOrganization *self)
{
  self->code = g_strdup ("");
  self->name = g_strdup ("");
  self->notes = g_strdup ("");
  self->kind = SDB_ORGANIZATION_KIND_CHI_BO_CO_SO;
}

SdbOrganization *
sdb_organization_new (void)
{
  return g_object_new (SDB_TYPE_ORGANIZATION, NULL);
}

/**
 * sdb_organization_copy:
 *
 * Returns: (transfer full): a copy with the same id, for an editor to change and save.
 */
SdbOrganization *
sdb_organization_copy (SdbOrganization *self)
{
  SdbOrganization *copy;

  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  copy = sdb_organization_new ();
  copy->id = self->id;
  sdb_set_str (&copy->code, self->code);
  sdb_set_str (&copy->name, self->name);
  copy->kind = self->kind;
  copy->parent_id = self->parent_id;
  copy->sector_id = self->sector_id;
  copy->founded = self->founded;
  copy->dissolved = self->dissolved;
  sdb_set_str (&copy->notes, self->notes);
  return copy;
}

gint64
sdb_organization_get_id (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), 0);

  return self->id;
}

const char *
sdb_organization_get_code (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  return self->code;
}

void
sdb_organization_set_code (SdbOrganization *self,
                           const char      *code)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (sdb_set_text (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

/**
 * sdb_organization_get_name:
 *
 * Returns: the present name; in a list made for a date, the name on that date.
 */
const char *
sdb_organization_get_name (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  return self->name;
}

void
sdb_organization_set_name (SdbOrganization *self,
                           const char      *name)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (sdb_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

SdbOrganizationKind
sdb_organization_get_kind (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), SDB_ORGANIZATION_KIND_CHI_BO_CO_SO);

  return self->kind;
}

/* Any value is accepted, so that an import can hand over what it read and validation can say
 * what is wrong with it. */
void
sdb_organization_set_kind (SdbOrganization     *self,
                           SdbOrganizationKind  kind)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * sdb_organization_get_parent_id:
 *
 * Returns: the parent organization, or 0 when directly under the committee.
 */
gint64
sdb_organization_get_parent_id (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), 0);

  return self->parent_id;
}

void
sdb_organization_set_parent_id (SdbOrganization *self,
                                gint64           parent_id)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));
  g_return_if_fail (parent_id >= 0);

  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

gint64
sdb_organization_get_sector_id (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), 0);

  return self->sector_id;
}

void
sdb_organization_set_sector_id (SdbOrganization *self,
                                gint64           sector_id)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));
  g_return_if_fail (sector_id >= 0);

  if (self->sector_id == sector_id)
    return;
  self->sector_id = sector_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTOR_ID]);
}

/**
 * sdb_organization_get_founded:
 *
 * Returns: (nullable): the founding date, or %NULL when unknown.
 */
const SdbDate *
sdb_organization_get_founded (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  return self->founded.year != 0 ? &self->founded : NULL;
}

void
sdb_organization_set_founded (SdbOrganization *self,
                              const SdbDate   *founded)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (sdb_set_date (&self->founded, founded))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOUNDED]);
}

/**
 * sdb_organization_get_dissolved:
 *
 * Returns: (nullable): the date the organization ceased (dissolved or merged into another), or
 * %NULL while it exists.
 */
const SdbDate *
sdb_organization_get_dissolved (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  return self->dissolved.year != 0 ? &self->dissolved : NULL;
}

void
sdb_organization_set_dissolved (SdbOrganization *self,
                                const SdbDate   *dissolved)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (sdb_set_date (&self->dissolved, dissolved))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISSOLVED]);
}

const char *
sdb_organization_get_notes (SdbOrganization *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION (self), NULL);

  return self->notes;
}

void
sdb_organization_set_notes (SdbOrganization *self,
                            const char      *notes)
{
  g_return_if_fail (SDB_IS_ORGANIZATION (self));

  if (sdb_set_text (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Events ------------------------------------------------------------------------------------- */

struct _SdbOrganizationEvent
{
  GObject                   parent_instance;

  gint64                    id;
  gint64                    organization_id;
  SdbDate                   date;
  SdbOrganizationEventKind  kind;
  char                     *name;
  char                     *old_name;
  gint64                    parent_id;
  gint64                    old_parent_id;
  gint64                    target_id;
  char                     *notes;
};

G_DEFINE_FINAL_TYPE (SdbOrganizationEvent, sdb_organization_event, G_TYPE_OBJECT)

enum {
  EVENT_PROP_0,
  EVENT_PROP_ID,
  EVENT_PROP_ORGANIZATION_ID,
  EVENT_PROP_DATE,
  EVENT_PROP_KIND,
  EVENT_PROP_NAME,
  EVENT_PROP_OLD_NAME,
  EVENT_PROP_PARENT_ID,
  EVENT_PROP_OLD_PARENT_ID,
  EVENT_PROP_TARGET_ID,
  EVENT_PROP_NOTES,
  EVENT_N_PROPS
};

static GParamSpec *event_properties[EVENT_N_PROPS];

static void
sdb_organization_event_finalize (GObject *object)
{
  SdbOrganizationEvent *self = SDB_ORGANIZATION_EVENT (object);

  g_free (self->name);
  g_free (self->old_name);
  g_free (self->notes);

  G_OBJECT_CLASS (sdb_organization_event_parent_class)->finalize (object);
}

static void
sdb_organization_event_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SdbOrganizationEvent *self = SDB_ORGANIZATION_EVENT (object);

  switch (prop_id)
    {
    case EVENT_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case EVENT_PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case EVENT_PROP_DATE:
      g_value_set_boxed (value, sdb_organization_event_get_date (self));
      break;
    case EVENT_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case EVENT_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case EVENT_PROP_OLD_NAME:
      g_value_set_string (value, self->old_name);
      break;
    case EVENT_PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case EVENT_PROP_OLD_PARENT_ID:
      g_value_set_int64 (value, self->old_parent_id);
      break;
    case EVENT_PROP_TARGET_ID:
      g_value_set_int64 (value, self->target_id);
      break;
    case EVENT_PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_organization_event_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SdbOrganizationEvent *self = SDB_ORGANIZATION_EVENT (object);

  switch (prop_id)
    {
    case EVENT_PROP_ORGANIZATION_ID:
      sdb_organization_event_set_organization_id (self, g_value_get_int64 (value));
      break;
    case EVENT_PROP_DATE:
      sdb_organization_event_set_date (self, g_value_get_boxed (value));
      break;
    case EVENT_PROP_KIND:
      sdb_organization_event_set_kind (self, g_value_get_enum (value));
      break;
    case EVENT_PROP_NAME:
      sdb_organization_event_set_name (self, g_value_get_string (value));
      break;
    case EVENT_PROP_PARENT_ID:
      sdb_organization_event_set_parent_id (self, g_value_get_int64 (value));
      break;
    case EVENT_PROP_TARGET_ID:
      sdb_organization_event_set_target_id (self, g_value_get_int64 (value));
      break;
    case EVENT_PROP_NOTES:
      sdb_organization_event_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sdb_organization_event_class_init (SdbOrganizationEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sdb_organization_event_finalize;
  object_class->get_property = sdb_organization_event_get_property;
  object_class->set_property = sdb_organization_event_set_property;

  event_properties[EVENT_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  event_properties[EVENT_PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  event_properties[EVENT_PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, SDB_TYPE_DATE, rw);
  event_properties[EVENT_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SDB_TYPE_ORGANIZATION_EVENT_KIND,
                       SDB_ORGANIZATION_EVENT_KIND_RENAME, rw);
  event_properties[EVENT_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  event_properties[EVENT_PROP_OLD_NAME] = g_param_spec_string ("old-name", NULL, NULL, "", ro);
  event_properties[EVENT_PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  event_properties[EVENT_PROP_OLD_PARENT_ID] =
    g_param_spec_int64 ("old-parent-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  event_properties[EVENT_PROP_TARGET_ID] =
    g_param_spec_int64 ("target-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  event_properties[EVENT_PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);

  g_object_class_install_properties (object_class, EVENT_N_PROPS, event_properties);
}

static void
sdb_organization_event_init (SdbOrganizationEvent *self)
{
  self->name = g_strdup ("");
  self->old_name = g_strdup ("");
  self->notes = g_strdup ("");
  self->kind = SDB_ORGANIZATION_EVENT_KIND_RENAME;
}

SdbOrganizationEvent *
sdb_organization_event_new (void)
{
  return g_object_new (SDB_TYPE_ORGANIZATION_EVENT, NULL);
}

/**
 * sdb_organization_event_copy:
 *
 * Returns: (transfer full): a copy with the same id.
 */
SdbOrganizationEvent *
sdb_organization_event_copy (SdbOrganizationEvent *self)
{
  SdbOrganizationEvent *copy;

  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), NULL);

  copy = sdb_organization_event_new ();
  copy->id = self->id;
  copy->organization_id = self->organization_id;
  copy->date = self->date;
  copy->kind = self->kind;
  sdb_set_str (&copy->name, self->name);
  sdb_set_str (&copy->old_name, self->old_name);
  copy->parent_id = self->parent_id;
  copy->old_parent_id = self->old_parent_id;
  copy->target_id = self->target_id;
  sdb_set_str (&copy->notes, self->notes);
  return copy;
}

gint64
sdb_organization_event_get_id (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), 0);

  return self->id;
}

gint64
sdb_organization_event_get_organization_id (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), 0);

  return self->organization_id;
}

void
sdb_organization_event_set_organization_id (SdbOrganizationEvent *self,
                                            gint64                organization_id)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));
  g_return_if_fail (organization_id >= 0);

  if (self->organization_id == organization_id)
    return;
  self->organization_id = organization_id;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_ORGANIZATION_ID]);
}

/**
 * sdb_organization_event_get_date:
 *
 * Returns: (nullable): the date of the event, or %NULL when not set.
 */
const SdbDate *
sdb_organization_event_get_date (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), NULL);

  return self->date.year != 0 ? &self->date : NULL;
}

void
sdb_organization_event_set_date (SdbOrganizationEvent *self,
                                 const SdbDate        *date)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));

  if (sdb_set_date (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_DATE]);
}

SdbOrganizationEventKind
sdb_organization_event_get_kind (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), SDB_ORGANIZATION_EVENT_KIND_RENAME);

  return self->kind;
}

void
sdb_organization_event_set_kind (SdbOrganizationEvent     *self,
                                 SdbOrganizationEventKind  kind)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_KIND]);
}

const char *
sdb_organization_event_get_name (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), NULL);

  return self->name;
}

void
sdb_organization_event_set_name (SdbOrganizationEvent *self,
                                 const char           *name)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));

  if (sdb_set_text (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_NAME]);
}

const char *
sdb_organization_event_get_old_name (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), NULL);

  return self->old_name;
}

gint64
sdb_organization_event_get_parent_id (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), 0);

  return self->parent_id;
}

void
sdb_organization_event_set_parent_id (SdbOrganizationEvent *self,
                                      gint64                parent_id)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));
  g_return_if_fail (parent_id >= 0);

  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_PARENT_ID]);
}

gint64
sdb_organization_event_get_old_parent_id (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), 0);

  return self->old_parent_id;
}

gint64
sdb_organization_event_get_target_id (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), 0);

  return self->target_id;
}

void
sdb_organization_event_set_target_id (SdbOrganizationEvent *self,
                                      gint64                target_id)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));
  g_return_if_fail (target_id >= 0);

  if (self->target_id == target_id)
    return;
  self->target_id = target_id;
  g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_TARGET_ID]);
}

const char *
sdb_organization_event_get_notes (SdbOrganizationEvent *self)
{
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (self), NULL);

  return self->notes;
}

void
sdb_organization_event_set_notes (SdbOrganizationEvent *self,
                                  const char           *notes)
{
  g_return_if_fail (SDB_IS_ORGANIZATION_EVENT (self));

  if (sdb_set_text (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), event_properties[EVENT_PROP_NOTES]);
}

/* Placement rules ---------------------------------------------------------------------------- */

/**
 * sdb_organization_kind_allowed:
 * @parent_kind: the parent's kind, or -1 for directly under the committee
 *
 * What may stand where (DOMAIN.md): directly under a district or commune committee, the
 * grassroots organizations; under a provincial one, also the upper-level committees, which
 * exist nowhere else; under a grassroots committee, its sub-committees and subordinate cells.
 * A grassroots committee holds sub-committees and subordinate cells, a sub-committee holds
 * subordinate cells, and cells hold nothing.
 */
gboolean
sdb_organization_kind_allowed (SdbLevel             level,
                               SdbOrganizationKind  parent_kind,
                               SdbOrganizationKind  kind)
{
  gboolean grassroots = kind == SDB_ORGANIZATION_KIND_DANG_BO_CO_SO
                        || kind == SDB_ORGANIZATION_KIND_CHI_BO_CO_SO;
  gboolean subordinate = kind == SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN
                         || kind == SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC;

  if ((int) parent_kind < 0)
    switch (level)
      {
      case SDB_LEVEL_DISTRICT:
      case SDB_LEVEL_COMMUNE:
        return grassroots;
      case SDB_LEVEL_PROVINCE:
        return grassroots || kind == SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO;
      case SDB_LEVEL_GRASSROOTS:
        return subordinate;
      default:
        return FALSE;
      }

  switch (parent_kind)
    {
    case SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO:
      return level == SDB_LEVEL_PROVINCE && grassroots;
    case SDB_ORGANIZATION_KIND_DANG_BO_CO_SO:
      return subordinate;
    case SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN:
      return kind == SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC;
    case SDB_ORGANIZATION_KIND_CHI_BO_CO_SO:
    case SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC:
    default:
      return FALSE;
    }
}

/* The committee's level on @date (the latest when %NULL), or -1 when it has no profile yet: the
 * rules that depend on the level are then left out. */
static gboolean
level_on (SdbDatabase    *db,
          const SdbDate  *date,
          int            *level,
          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbProfile) profile = sdb_profile_lookup_for_date (db, date, &local_error);

  *level = -1;
  if (profile != NULL)
    *level = sdb_profile_get_level (profile);
  else if (!g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
placement_allowed (int level,
                   int parent_kind,
                   int kind)
{
  if (level >= 0)
    return sdb_organization_kind_allowed (level, parent_kind, kind);

  /* Level unknown: only what holds at every level. */
  if (parent_kind < 0)
    return TRUE;
  return sdb_organization_kind_allowed (SDB_LEVEL_PROVINCE, parent_kind, kind);
}

/* Explains why @kind may not stand under @parent_kind (-1: the committee) at @level. */
static void
add_placement_problem (GPtrArray  *problems,
                       const char *field,
                       int         level,
                       int         parent_kind,
                       int         kind)
{
  const char *label = sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND, kind);

  if (level >= 0 && level != SDB_LEVEL_PROVINCE
      && (kind == SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO
          || parent_kind == SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO))
    sdb_problems_add (problems, field, SDB_SEVERITY_ERROR,
                      _("Organizations of the kind “%s” exist only under a provincial committee. "
                        "Choose another kind or parent organization."),
                      sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND,
                                          SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO));
  else if (parent_kind < 0)
    sdb_problems_add (problems, field, SDB_SEVERITY_ERROR,
                      _("An organization of the kind “%s” cannot stand directly under a committee "
                        "of the level “%s”. Choose its parent organization, or another kind."),
                      label, sdb_enum_get_label (SDB_TYPE_LEVEL, level));
  else
    sdb_problems_add (problems, field, SDB_SEVERITY_ERROR,
                      _("An organization of the kind “%s” cannot stand under one of the kind "
                        "“%s”. Choose another parent organization, or another kind."),
                      label, sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND, parent_kind));
}

/* Storage ------------------------------------------------------------------------------------ */

#define COLUMNS "id, code, name, kind, parent_id, sector_id, founded, dissolved, notes"

/* The name and parent an organization had on ?1 (the present ones when ?1 is NULL). Each rename
 * and move keeps the value it replaced, so the first one after the date holds the value on the
 * date. */
#define NAME_ON_DATE \
  "ifnull ((SELECT e.old_name FROM organization_event e" \
  "         WHERE e.organization_id = o.id AND e.kind = 'rename' AND e.date > ?1" \
  "         ORDER BY e.date, e.id LIMIT 1), o.name)"
#define PARENT_ON_DATE \
  "ifnull ((SELECT ifnull (e.old_parent_id, 0) FROM organization_event e" \
  "         WHERE e.organization_id = o.id AND e.kind = 'move' AND e.date > ?1" \
  "         ORDER BY e.date, e.id LIMIT 1), ifnull (o.parent_id, 0))"
/* Dates are ISO text, so they compare as text; with no date, whether it exists now. */
#define EXISTS_ON_DATE \
  "CASE WHEN ?1 IS NULL THEN o.dissolved IS NULL" \
  "     ELSE (o.founded IS NULL OR o.founded <= ?1) AND (o.dissolved IS NULL OR o.dissolved > ?1)" \
  "END"

static SdbOrganization *
from_row (SdbStmt *stmt)
{
  SdbOrganization *self = sdb_organization_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  g_free (self->code);
  self->code = sdb_stmt_dup_text (stmt, 1);
  g_free (self->name);
  self->name = sdb_stmt_dup_text (stmt, 2);
  self->kind = sdb_stmt_get_enum (stmt, 3, SDB_TYPE_ORGANIZATION_KIND);
  self->parent_id = sdb_stmt_get_int (stmt, 4);
  self->sector_id = sdb_stmt_get_int (stmt, 5);
  sdb_stmt_get_date (stmt, 6, &self->founded);
  sdb_stmt_get_date (stmt, 7, &self->dissolved);
  g_free (self->notes);
  self->notes = sdb_stmt_dup_text (stmt, 8);
  return self;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                       _("This party organization no longer exists; it may have been deleted."));
}

/* Looks up a row, or sets *@row to %NULL when there is none: for validation, where a missing
 * organization is a problem to report, not a failure. */
static gboolean
find_organization (SdbDatabase      *db,
                   gint64            id,
                   SdbOrganization **row,
                   GError          **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "SELECT " COLUMNS " FROM organization WHERE id = ?1", error);
  int rc;

  *row = NULL;
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *row = from_row (stmt);
  return TRUE;
}

/* Whether @candidate lies below @root in the tree as it stood on @date (%NULL: now). */
static gboolean
is_descendant (SdbDatabase    *db,
               gint64          root,
               gint64          candidate,
               const SdbDate  *date,
               gboolean       *result,
               GError        **error)
{
  /* Walks up from @candidate, a few steps, rather than down the whole tree. UNION, not UNION
   * ALL: a damaged tree with a loop still ends. */
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "WITH RECURSIVE up (id) AS"
                          "  (SELECT ?3"
                          "   UNION SELECT " PARENT_ON_DATE
                          "         FROM up JOIN organization o ON o.id = up.id)"
                          " SELECT 1 FROM up WHERE id = ?2 AND ?2 <> ?3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_date (stmt, 1, date);
  sdb_stmt_bind_int (stmt, 2, root);
  sdb_stmt_bind_int (stmt, 3, candidate);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  *result = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
exists_on (SdbOrganization *org,
           const SdbDate   *date)
{
  if (org->founded.year != 0 && sdb_date_compare (&org->founded, date) > 0)
    return FALSE;
  if (org->dissolved.year != 0 && sdb_date_compare (&org->dissolved, date) <= 0)
    return FALSE;
  return TRUE;
}

/* Checks the present placement of @organization: the parent exists, is not the organization or
 * below it, still exists itself, and may hold this kind at the committee's level. */
static gboolean
validate_parent (SdbDatabase      *db,
                 SdbOrganization  *organization,
                 gboolean          kind_valid,
                 GPtrArray        *problems,
                 GError          **error)
{
  g_autoptr(SdbOrganization) parent = NULL;
  int parent_kind = -1;
  int level;

  if (organization->parent_id != 0)
    {
      gboolean below = FALSE;

      if (organization->parent_id == organization->id)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("An organization cannot stand under itself. Choose another "
                              "parent organization."));
          return TRUE;
        }
      if (!find_organization (db, organization->parent_id, &parent, error))
        return FALSE;
      if (parent == NULL)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("The parent organization no longer exists. Choose another one."));
          return TRUE;
        }
      if (organization->id != 0
          && !is_descendant (db, organization->id, parent->id, NULL, &below, error))
        return FALSE;
      if (below)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("“%s” stands under this organization, so it cannot be its parent. "
                              "Choose another parent organization."), parent->name);
          return TRUE;
        }
      if (parent->dissolved.year != 0 && organization->dissolved.year == 0)
        sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                          _("“%s” has been dissolved or merged. Choose a parent organization "
                            "that still exists."), parent->name);
      parent_kind = parent->kind;
    }

  if (!kind_valid)
    return TRUE;
  if (!level_on (db, sdb_organization_get_founded (organization), &level, error))
    return FALSE;
  if (!placement_allowed (level, parent_kind, organization->kind))
    add_placement_problem (problems, parent_kind < 0 ? "kind" : "parent-id", level, parent_kind,
                           organization->kind);
  return TRUE;
}

/* For a saved organization: its subordinate organizations must still fit under its kind, and
 * its recorded events must fall within its lifetime. */
static gboolean
validate_against_stored (SdbDatabase      *db,
                         SdbOrganization  *organization,
                         gboolean          kind_valid,
                         gboolean          dates_valid,
                         GPtrArray        *problems,
                         GError          **error)
{
  int rc;

  if (kind_valid)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT DISTINCT kind FROM organization WHERE parent_id = ?1",
                              error);
      int level;

      if (stmt == NULL)
        return FALSE;
      if (!level_on (db, sdb_organization_get_founded (organization), &level, error))
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, organization->id);
      while ((rc = sdb_database_step (db, stmt, error)) == SQLITE_ROW)
        {
          int child_kind = sdb_stmt_get_enum (stmt, 0, SDB_TYPE_ORGANIZATION_KIND);

          if (!placement_allowed (level, organization->kind, child_kind))
            {
              sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR,
                                _("An organization of the kind “%s” stands under this one and "
                                  "could not stand under the kind “%s”. Move it first, or "
                                  "keep the kind."),
                                sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND, child_kind),
                                sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND,
                                                    organization->kind));
              break;
            }
        }
      if (rc == 0)
        return FALSE;
    }

  if (dates_valid)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db,
                              "SELECT min (date), max (date),"
                              "       (SELECT min (date) FROM organization_event"
                              "        WHERE organization_id = ?1"
                              "          AND kind IN ('merge', 'dissolve'))"
                              " FROM organization_event WHERE organization_id = ?1", error);
      SdbDate first, last, ceased;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, organization->id);
      if (sdb_database_step (db, stmt, error) != SQLITE_ROW)
        return FALSE;
      sdb_stmt_get_date (stmt, 0, &first);
      sdb_stmt_get_date (stmt, 1, &last);
      sdb_stmt_get_date (stmt, 2, &ceased);

      if (first.year != 0 && organization->founded.year != 0
          && sdb_date_compare (&organization->founded, &first) > 0)
        {
          g_autofree char *text = sdb_vn_format_date (&first);

          sdb_problems_add (problems, "founded", SDB_SEVERITY_ERROR,
                            _("The history of this organization has an event on %s, before this "
                              "founding date. Correct the date or that event."), text);
        }
      if (ceased.year != 0)
        {
          if (sdb_date_compare (&ceased, &organization->dissolved) != 0)
            {
              g_autofree char *text = sdb_vn_format_date (&ceased);

              sdb_problems_add (problems, "dissolved", SDB_SEVERITY_ERROR,
                                _("The history of this organization records that it ceased on "
                                  "%s. Change or delete that event instead."), text);
            }
        }
      else if (last.year != 0 && organization->dissolved.year != 0
               && sdb_date_compare (&organization->dissolved, &last) < 0)
        {
          g_autofree char *text = sdb_vn_format_date (&last);

          sdb_problems_add (problems, "dissolved", SDB_SEVERITY_ERROR,
                            _("The history of this organization has an event on %s, after this "
                              "date. Correct the date or that event."), text);
        }
    }
  return TRUE;
}

/**
 * sdb_organization_validate:
 *
 * Adds to @problems everything wrong with @organization: code, name and kind are required, the
 * code unique, the dates real and in order, the sector and parent existing, and the parent of a
 * kind that may hold this one at the committee's level (from the profile on the founding
 * date; without a profile that rule is left out).
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_organization_validate (SdbDatabase      *db,
                           SdbOrganization  *organization,
                           GPtrArray        *problems,
                           GError          **error)
{
  gboolean kind_valid;
  gboolean founded_valid, dissolved_valid;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_ORGANIZATION (organization), FALSE);

  if (*organization->code == '\0')
    sdb_problems_add (problems, "code", SDB_SEVERITY_ERROR,
                      _("Enter the organization’s code, e.g. “CB01”."));
  else
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT name FROM organization WHERE code = ?1 AND id <> ?2",
                              error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_text (stmt, 1, organization->code);
      sdb_stmt_bind_int (stmt, 2, organization->id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        sdb_problems_add (problems, "code", SDB_SEVERITY_ERROR,
                          _("The code “%s” already belongs to “%s”. Enter a different code."),
                          organization->code, (const char *) sqlite3_column_text (stmt, 0));
    }

  if (*organization->name == '\0')
    sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR,
                      _("Enter the name of the party organization, e.g. “Chi bộ thôn Bản "
                        "Lầu”."));

  kind_valid = sdb_enum_to_code (SDB_TYPE_ORGANIZATION_KIND, organization->kind) != NULL;
  if (!kind_valid)
    sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR,
                      _("Choose the kind of party organization."));

  founded_valid = organization->founded.year == 0 || sdb_date_is_valid (&organization->founded);
  dissolved_valid = organization->dissolved.year == 0
                    || sdb_date_is_valid (&organization->dissolved);
  if (!founded_valid)
    sdb_problems_add (problems, "founded", SDB_SEVERITY_ERROR,
                      _("The founding date is not a real date. Enter it as dd/mm/yyyy, or only "
                        "the month or year."));
  if (!dissolved_valid)
    sdb_problems_add (problems, "dissolved", SDB_SEVERITY_ERROR,
                      _("The date it ceased is not a real date. Enter it as dd/mm/yyyy, or only "
                        "the month or year."));
  if (founded_valid && dissolved_valid
      && organization->founded.year != 0 && organization->dissolved.year != 0
      && sdb_date_compare (&organization->dissolved, &organization->founded) < 0)
    sdb_problems_add (problems, "dissolved", SDB_SEVERITY_ERROR,
                      _("The date it ceased is before the founding date. Correct one of them."));

  if (organization->sector_id != 0)
    {
      g_autoptr(SdbStmt) stmt =
        sdb_database_prepare (db, "SELECT 1 FROM sector WHERE id = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sdb_stmt_bind_int (stmt, 1, organization->sector_id);
      rc = sdb_database_step (db, stmt, error);
      if (rc == 0)
        return FALSE;
      if (rc == SQLITE_DONE)
        sdb_problems_add (problems, "sector-id", SDB_SEVERITY_ERROR,
                          _("The sector no longer exists. Choose another one."));
    }

  if (!validate_parent (db, organization, kind_valid, problems, error))
    return FALSE;

  if (organization->id != 0
      && !validate_against_stored (db, organization, kind_valid,
                                   founded_valid && dissolved_valid, problems, error))
    return FALSE;

  return TRUE;
}

/* What depends on an organization's dates ------------------------------------------------------ */

/* An organization's yearly ratings hold only for the years it existed. A write that may shorten
 * its existence (its founding or dissolution date, a dissolution or merger) validates them again
 * after the change, as `check` does, and is refused when one becomes invalid. One that was
 * invalid before (old data) does not block it: the clerk may be correcting exactly that. */

/* The years of @organization_id's ratings that validation refuses now. */
static GHashTable *
broken_rating_years (SdbDatabase  *db,
                     gint64        organization_id,
                     GError      **error)
{
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  const SdbRatingFilter filter = { FALSE, 0, organization_id };
  g_autoptr(GListModel) ratings = NULL;

  if (organization_id <= 0)
    return g_steal_pointer (&years);
  ratings = sdb_rating_list (db, &filter, error);
  if (ratings == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(SdbRating) rating = g_list_model_get_item (ratings, i);
      g_autoptr(GPtrArray) found = sdb_problems_new ();

      if (!sdb_rating_validate (db, rating, found, error))
        return NULL;
      if (sdb_problems_has_errors (found))
        g_hash_table_add (years, GINT_TO_POINTER (sdb_rating_get_year (rating)));
    }
  return g_steal_pointer (&years);
}

/* After a change of @organization_id's dates: an error under @field in @problems for each
 * rating the change made invalid (not in @before). Returns %FALSE only when a read failed. */
static gboolean
check_ratings_still_hold (SdbDatabase  *db,
                          gint64        organization_id,
                          GHashTable   *before,
                          const char   *field,
                          GPtrArray    *problems,
                          GError      **error)
{
  g_autoptr(GHashTable) after = broken_rating_years (db, organization_id, error);
  GHashTableIter iter;
  gpointer year;

  if (after == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &year, NULL))
    if (!g_hash_table_contains (before, year))
      sdb_problems_add (problems, field, SDB_SEVERITY_ERROR,
                        _("The organization has a rating for %d; with this change it would not "
                          "have existed at any time that year. If the change is right, correct "
                          "or delete that rating first."), GPOINTER_TO_INT (year));
  return TRUE;
}

static gboolean
write_organization (SdbDatabase      *db,
                    SdbOrganization  *organization,
                    gboolean          insert,
                    GPtrArray        *problems,
                    GError          **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  g_autoptr(GHashTable) broken_before = NULL;
  gboolean ok = FALSE;

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_organization_validate (db, organization, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  if (!insert
      && (broken_before = broken_rating_years (db, organization->id, error)) == NULL)
    goto out;

  if (insert)
    stmt = sdb_database_prepare (db,
                                 "INSERT INTO organization (code, name, name_key, search_key,"
                                 "                          kind, parent_id, sector_id,"
                                 "                          founded, dissolved, notes)"
                                 " VALUES (?1, ?2, sdb_sort_key (?2), sdb_search_key (?2),"
                                 "         ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE organization SET code = ?1, name = ?2,"
                                 "  name_key = sdb_sort_key (?2),"
                                 "  search_key = sdb_search_key (?2), kind = ?3,"
                                 "  parent_id = ?4, sector_id = ?5, founded = ?6,"
                                 "  dissolved = ?7, notes = ?8"
                                 " WHERE id = ?9", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_text (stmt, 1, organization->code);
  sdb_stmt_bind_text (stmt, 2, organization->name);
  sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_ORGANIZATION_KIND, organization->kind);
  sdb_stmt_bind_id (stmt, 4, organization->parent_id);
  sdb_stmt_bind_id (stmt, 5, organization->sector_id);
  sdb_stmt_bind_date (stmt, 6, &organization->founded);
  sdb_stmt_bind_date (stmt, 7, &organization->dissolved);
  sdb_stmt_bind_text (stmt, 8, organization->notes);
  if (!insert)
    sdb_stmt_bind_int (stmt, 9, organization->id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;

  if (insert)
    {
      organization->id = sdb_database_last_insert_id (db);
      g_object_notify_by_pspec (G_OBJECT (organization), properties[PROP_ID]);
    }
  else if (sdb_database_changes (db) == 0)
    {
      set_not_found (error);
      goto out;
    }
  else
    {
      /* Editing the present name or parent corrects it: the latest rename and move must end
       * in it, or the history would disagree with the row. */
      g_autoptr(SdbStmt) sync =
        sdb_database_prepare (db,
                              "UPDATE organization_event"
                              " SET name = CASE kind WHEN 'rename' THEN ?2 ELSE name END,"
                              "     parent_id = CASE kind WHEN 'move' THEN ?3"
                              "                 ELSE parent_id END"
                              " WHERE id IN (SELECT (SELECT e.id FROM organization_event e"
                              "                      WHERE e.organization_id = ?1"
                              "                        AND e.kind = k.kind"
                              "                      ORDER BY e.date DESC, e.id DESC LIMIT 1)"
                              "              FROM (SELECT 'rename' AS kind"
                              "                    UNION ALL SELECT 'move') k)", error);

      if (sync == NULL)
        goto out;
      sdb_stmt_bind_int (sync, 1, organization->id);
      sdb_stmt_bind_text (sync, 2, organization->name);
      sdb_stmt_bind_id (sync, 3, organization->parent_id);
      if (!sdb_database_step_done (db, sync, error))
        goto out;
      if (!check_ratings_still_hold (db, organization->id, broken_before, "founded", found,
                                     error))
        goto out;
      if (sdb_problems_has_errors (found))
        {
          sdb_database_set_invalid_error (found, error);
          goto out;
        }
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, found, problems, error);
}

/**
 * sdb_organization_insert:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Validates and saves a new organization, and sets its id. Nothing is written when validation
 * finds an error: @error is then SDB_DATABASE_ERROR_INVALID.
 */
gboolean
sdb_organization_insert (SdbDatabase      *db,
                         SdbOrganization  *organization,
                         GPtrArray        *problems,
                         GError          **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_ORGANIZATION (organization), FALSE);
  g_return_val_if_fail (organization->id == 0, FALSE);

  return write_organization (db, organization, TRUE, problems, error);
}

/**
 * sdb_organization_update:
 *
 * Saves the present state of @organization. A changed name or parent corrects the present one
 * (the latest rename or move follows it); to record a change on a date, add an event instead.
 */
gboolean
sdb_organization_update (SdbDatabase      *db,
                         SdbOrganization  *organization,
                         GPtrArray        *problems,
                         GError          **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_ORGANIZATION (organization), FALSE);
  g_return_val_if_fail (organization->id > 0, FALSE);

  return write_organization (db, organization, FALSE, problems, error);
}

/* Says which records still refer to organization @id, the most important first; the schema
 * would let ratings and targets go silently with it. */
static gboolean
check_not_in_use (SdbDatabase  *db,
                  gint64        id,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT EXISTS (SELECT 1 FROM organization WHERE parent_id = ?1),"
                          "  EXISTS (SELECT 1 FROM member WHERE organization_id = ?1),"
                          "  EXISTS (SELECT 1 FROM member_event WHERE organization_id = ?1),"
                          "  EXISTS (SELECT 1 FROM organization_rating"
                          "          WHERE organization_id = ?1),"
                          "  EXISTS (SELECT 1 FROM admission_target WHERE organization_id = ?1),"
                          "  EXISTS (SELECT 1 FROM award WHERE organization_id = ?1),"
                          "  EXISTS (SELECT 1 FROM organization_event"
                          "          WHERE organization_id <> ?1"
                          "            AND (parent_id = ?1 OR old_parent_id = ?1"
                          "                 OR target_id = ?1))", error);
  const char *message = NULL;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, id);
  if (sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;

  if (sdb_stmt_get_int (stmt, 0))
    message = _("Other party organizations stand under this one. Move or delete them first.");
  else if (sdb_stmt_get_int (stmt, 1) || sdb_stmt_get_int (stmt, 2))
    message = _("Members belong, or once belonged, to this organization. To end it, record "
                "its dissolution or merger instead of deleting it.");
  else if (sdb_stmt_get_int (stmt, 3))
    message = _("This organization has yearly ratings. Delete them first, or record its "
                "dissolution instead of deleting it.");
  else if (sdb_stmt_get_int (stmt, 4))
    message = _("This organization has admission targets. Delete them first.");
  else if (sdb_stmt_get_int (stmt, 5))
    message = _("This organization has received awards. Delete them first, or record its "
                "dissolution instead of deleting it.");
  else if (sdb_stmt_get_int (stmt, 6))
    message = _("The history of other organizations refers to this one (a move under it or a "
                "merger into it). Delete those events first.");

  if (message != NULL)
    {
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE, message);
      return FALSE;
    }
  return TRUE;
}

/**
 * sdb_organization_delete:
 *
 * Deletes an organization entered by mistake, with its own history. One that anything else
 * refers to (organizations under it, members, ratings, targets, awards, other organizations'
 * history) is refused with SDB_DATABASE_ERROR_IN_USE: an organization that ended is recorded
 * as dissolved or merged instead.
 */
gboolean
sdb_organization_delete (SdbDatabase  *db,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;
  if (!check_not_in_use (db, id, error))
    goto out;

  stmt = sdb_database_prepare (db, "DELETE FROM organization WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;
  if (sdb_database_changes (db) == 0)
    {
      set_not_found (error);
      goto out;
    }
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

SdbOrganization *
sdb_organization_lookup (SdbDatabase  *db,
                         gint64        id,
                         GError      **error)
{
  SdbOrganization *organization = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  if (!find_organization (db, id, &organization, error))
    return NULL;
  if (organization == NULL)
    set_not_found (error);
  return organization;
}

SdbOrganization *
sdb_organization_lookup_by_code (SdbDatabase  *db,
                                 const char   *code,
                                 GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *not_found = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  /* The same normalisation as the stored code, so a code typed or imported matches. */
  sdb_set_text (&normalized, code);
  stmt = sdb_database_prepare (db, "SELECT " COLUMNS " FROM organization WHERE code = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_text (stmt, 1, normalized);
  not_found = g_strdup_printf (_("No party organization has the code “%s”."), normalized);
  return sdb_database_lookup_row (db, stmt, (SdbRowFunc) from_row, not_found, error);
}

void
sdb_organization_filter_init (SdbOrganizationFilter *filter)
{
  g_return_if_fail (filter != NULL);

  *filter = (SdbOrganizationFilter) {
    .on_date = NULL,
    .parent_id = 0,
    .top_level_only = FALSE,
    .kind = -1,
    .sector_id = 0,
    .search = NULL,
    .include_dissolved = TRUE,
  };
}

/* A LIKE pattern that finds @key anywhere, with LIKE's own wildcards taken literally. */
static char *
contains_pattern (const char *key)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/**
 * sdb_organization_list:
 * @filter: (nullable): which organizations; %NULL for all, as sdb_organization_filter_init ()
 *
 * With a date in @filter, the list holds the organizations that existed on it (founded then or
 * before, not yet ceased), each with the name and parent it had on that date, so a year's
 * figures use the tree of 31/12. Searching compares without case or diacritics, in the name
 * (on that date) and the code.
 *
 * Returns: (transfer full): the organizations, sorted by name in Vietnamese order.
 */
GListModel *
sdb_organization_list (SdbDatabase                  *db,
                       const SdbOrganizationFilter  *filter,
                       GError                      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *pattern = NULL;
  SdbOrganizationFilter defaults;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  if (filter == NULL)
    {
      sdb_organization_filter_init (&defaults);
      filter = &defaults;
    }

  if (filter->search != NULL)
    {
      g_autofree char *key = sdb_vn_search_key (filter->search);

      if (key != NULL && *key != '\0')
        pattern = contains_pattern (key);
    }

  /* The name and parent on the date are worked out once per row in the inner query; the sort
   * and search keys of a past name are made on the fly, the present one's are stored. */
  stmt = sdb_database_prepare (db,
                               "SELECT id, code, name, kind, parent_id, sector_id, founded,"
                               "       dissolved, notes"
                               " FROM (SELECT o.id, o.code, " NAME_ON_DATE " AS name,"
                               "              o.name AS present_name, o.name_key,"
                               "              o.search_key, o.kind,"
                               "              " PARENT_ON_DATE " AS parent_id,"
                               "              o.sector_id, o.founded, o.dissolved, o.notes"
                               "       FROM organization o"
                               "       WHERE (?1 IS NULL OR (" EXISTS_ON_DATE "))"
                               "         AND (?1 IS NOT NULL OR ?7 OR o.dissolved IS NULL)"
                               "         AND (?4 IS NULL OR o.kind = ?4)"
                               "         AND (?5 IS NULL OR o.sector_id = ?5)) s"
                               " WHERE (?2 IS NULL OR s.parent_id = ?2)"
                               "   AND (NOT ?3 OR s.parent_id = 0)"
                               "   AND (?6 IS NULL"
                               "        OR CASE WHEN s.name = s.present_name THEN s.search_key"
                               "                ELSE sdb_search_key (s.name) END"
                               "           LIKE ?6 ESCAPE '\\'"
                               "        OR s.code LIKE ?6 ESCAPE '\\')"
                               " ORDER BY CASE WHEN s.name = s.present_name THEN s.name_key"
                               "               ELSE sdb_sort_key (s.name) END, s.code", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_date (stmt, 1, filter->on_date);
  sdb_stmt_bind_id (stmt, 2, filter->parent_id);
  sdb_stmt_bind_int (stmt, 3, filter->top_level_only ? 1 : 0);
  if (filter->kind >= 0)
    sdb_stmt_bind_enum (stmt, 4, SDB_TYPE_ORGANIZATION_KIND, filter->kind);
  sdb_stmt_bind_id (stmt, 5, filter->sector_id);
  sdb_stmt_bind_nullable_text (stmt, 6, pattern);
  sdb_stmt_bind_int (stmt, 7, filter->include_dissolved ? 1 : 0);

  return sdb_database_list_rows (db, stmt, SDB_TYPE_ORGANIZATION, (SdbRowFunc) from_row, error);
}

static gboolean
state_at (SdbDatabase    *db,
          gint64          id,
          const SdbDate  *date,
          char          **name,
          gint64         *parent_id,
          gboolean       *exists,
          GError        **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT " NAME_ON_DATE ", " PARENT_ON_DATE ", " EXISTS_ON_DATE
                          " FROM organization o WHERE o.id = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_date (stmt, 1, date);
  sdb_stmt_bind_int (stmt, 2, id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      set_not_found (error);
      return FALSE;
    }
  if (name != NULL)
    *name = sdb_stmt_dup_text (stmt, 0);
  if (parent_id != NULL)
    *parent_id = sdb_stmt_get_int (stmt, 1);
  if (exists != NULL)
    *exists = sdb_stmt_get_int (stmt, 2) != 0;
  return TRUE;
}

/**
 * sdb_organization_get_state_at:
 * @date: (nullable): the date, or %NULL for the present state
 * @name: (out) (optional): the name on @date
 * @parent_id: (out) (optional): the parent on @date, 0 for directly under the committee
 * @exists: (out) (optional): whether it had been founded and not yet ceased on @date
 *
 * Returns: %FALSE with @error set when the organization does not exist or the database could
 * not be read.
 */
gboolean
sdb_organization_get_state_at (SdbDatabase    *db,
                               gint64          id,
                               const SdbDate  *date,
                               char          **name,
                               gint64         *parent_id,
                               gboolean       *exists,
                               GError        **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  return state_at (db, id, date, name, parent_id, exists, error);
}

/* Event storage ------------------------------------------------------------------------------ */

#define EVENT_COLUMNS \
  "id, organization_id, date, kind, old_name, name, old_parent_id, parent_id, target_id, notes"

static SdbOrganizationEvent *
event_from_row (SdbStmt *stmt)
{
  SdbOrganizationEvent *self = sdb_organization_event_new ();

  self->id = sdb_stmt_get_int (stmt, 0);
  self->organization_id = sdb_stmt_get_int (stmt, 1);
  sdb_stmt_get_date (stmt, 2, &self->date);
  self->kind = sdb_stmt_get_enum (stmt, 3, SDB_TYPE_ORGANIZATION_EVENT_KIND);
  g_free (self->old_name);
  self->old_name = sdb_stmt_dup_text (stmt, 4);
  g_free (self->name);
  self->name = sdb_stmt_dup_text (stmt, 5);
  self->old_parent_id = sdb_stmt_get_int (stmt, 6);
  self->parent_id = sdb_stmt_get_int (stmt, 7);
  self->target_id = sdb_stmt_get_int (stmt, 8);
  g_free (self->notes);
  self->notes = sdb_stmt_dup_text (stmt, 9);
  return self;
}

static gboolean
is_cessation (SdbOrganizationEventKind kind)
{
  return kind == SDB_ORGANIZATION_EVENT_KIND_MERGE || kind == SDB_ORGANIZATION_EVENT_KIND_DISSOLVE;
}

/* The events of @organization_id after @date (of any kind), and whether it already ceased by
 * an event. */
static gboolean
count_events (SdbDatabase    *db,
              gint64          organization_id,
              const SdbDate  *date,
              gint64         *later,
              SdbDate        *ceased,
              GError        **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT count (*) FILTER (WHERE date > ?2),"
                          "       min (date) FILTER (WHERE kind IN ('merge', 'dissolve'))"
                          " FROM organization_event WHERE organization_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, organization_id);
  sdb_stmt_bind_date (stmt, 2, date);
  if (sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  *later = sdb_stmt_get_int (stmt, 0);
  sdb_stmt_get_date (stmt, 1, ceased);
  return TRUE;
}

static gboolean
validate_move (SdbDatabase           *db,
               SdbOrganizationEvent  *event,
               SdbOrganization       *organization,
               gint64                 parent_then,
               GPtrArray             *problems,
               GError               **error)
{
  g_autoptr(SdbOrganization) parent = NULL;
  int parent_kind = -1;
  int level;

  if (event->parent_id == parent_then)
    {
      sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                        _("The organization already stands there on that date. Choose the "
                          "parent organization it moved under."));
      return TRUE;
    }

  if (event->parent_id != 0)
    {
      gboolean below_then = FALSE, below_now = FALSE;

      if (event->parent_id == organization->id)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("An organization cannot stand under itself. Choose another "
                              "parent organization."));
          return TRUE;
        }
      if (!find_organization (db, event->parent_id, &parent, error))
        return FALSE;
      if (parent == NULL)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("The parent organization no longer exists. Choose another one."));
          return TRUE;
        }
      if (!exists_on (parent, &event->date))
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("“%s” did not exist on that date. Choose a parent organization "
                              "that existed then."), parent->name);
          return TRUE;
        }
      if (!is_descendant (db, organization->id, parent->id, &event->date, &below_then, error)
          || !is_descendant (db, organization->id, parent->id, NULL, &below_now, error))
        return FALSE;
      if (below_then || below_now)
        {
          sdb_problems_add (problems, "parent-id", SDB_SEVERITY_ERROR,
                            _("“%s” stands under this organization, so it cannot be its parent. "
                              "Choose another parent organization."), parent->name);
          return TRUE;
        }
      parent_kind = parent->kind;
    }

  if (!level_on (db, &event->date, &level, error))
    return FALSE;
  if (!placement_allowed (level, parent_kind, organization->kind))
    add_placement_problem (problems, "parent-id", level, parent_kind, organization->kind);
  return TRUE;
}

/**
 * sdb_organization_validate_event:
 *
 * Adds to @problems everything wrong with @event: a real date within the organization's
 * lifetime, a new name for a rename, a parent that existed then and may hold the organization
 * for a move, an existing other organization for a merger, and nothing after a merger or
 * dissolution.
 *
 * Returns: %FALSE only when the database could not be read (@error is set).
 */
gboolean
sdb_organization_validate_event (SdbDatabase           *db,
                                 SdbOrganizationEvent  *event,
                                 GPtrArray             *problems,
                                 GError               **error)
{
  g_autoptr(SdbOrganization) organization = NULL;
  g_autofree char *name_then = NULL;
  gint64 parent_then = 0;
  gint64 later = 0;
  SdbDate ceased = { 0, 0, 0 };
  gboolean date_valid = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (event), FALSE);

  if (!find_organization (db, event->organization_id, &organization, error))
    return FALSE;
  if (organization == NULL)
    {
      sdb_problems_add (problems, "organization-id", SDB_SEVERITY_ERROR,
                        _("The organization no longer exists; it may have been deleted."));
      return TRUE;
    }

  if (sdb_enum_to_code (SDB_TYPE_ORGANIZATION_EVENT_KIND, event->kind) == NULL)
    {
      sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR,
                        _("Choose what happened to the organization."));
      return TRUE;
    }

  if (event->date.year == 0)
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR, _("Enter the date of the change."));
  else if (!sdb_date_is_valid (&event->date))
    sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                      _("The date of the change is not a real date. Enter it as dd/mm/yyyy."));
  else if (organization->founded.year != 0
           && sdb_date_compare (&event->date, &organization->founded) < 0)
    {
      g_autofree char *text = sdb_vn_format_date (&organization->founded);

      sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                        _("The organization was founded on %s, after this date. Correct the "
                          "date."), text);
    }
  else if (organization->dissolved.year != 0
           && sdb_date_compare (&event->date, &organization->dissolved) > 0)
    {
      g_autofree char *text = sdb_vn_format_date (&organization->dissolved);

      sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                        _("The organization ceased on %s, before this date. Correct the date."),
                        text);
    }
  else
    date_valid = TRUE;

  if (!date_valid)
    {
      /* The other rules depend on the state on the date; only the name can still be asked
       * for. */
      if (event->kind == SDB_ORGANIZATION_EVENT_KIND_RENAME && *event->name == '\0')
        sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR, _("Enter the new name."));
      return TRUE;
    }

  if (!state_at (db, organization->id, &event->date, &name_then, &parent_then, NULL, error)
      || !count_events (db, organization->id, &event->date, &later, &ceased, error))
    return FALSE;

  switch (event->kind)
    {
    case SDB_ORGANIZATION_EVENT_KIND_RENAME:
      if (*event->name == '\0')
        sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR, _("Enter the new name."));
      else if (g_strcmp0 (event->name, name_then) == 0)
        sdb_problems_add (problems, "name", SDB_SEVERITY_ERROR,
                          _("The organization already has this name on that date. Enter the "
                            "new name."));
      break;

    case SDB_ORGANIZATION_EVENT_KIND_MOVE:
      if (!validate_move (db, event, organization, parent_then, problems, error))
        return FALSE;
      break;

    case SDB_ORGANIZATION_EVENT_KIND_MERGE:
      if (event->target_id == 0)
        sdb_problems_add (problems, "target-id", SDB_SEVERITY_ERROR,
                          _("Choose the organization it merged into."));
      else if (event->target_id == organization->id)
        sdb_problems_add (problems, "target-id", SDB_SEVERITY_ERROR,
                          _("An organization cannot merge into itself. Choose the organization "
                            "it merged into."));
      else
        {
          g_autoptr(SdbOrganization) target = NULL;

          if (!find_organization (db, event->target_id, &target, error))
            return FALSE;
          if (target == NULL)
            sdb_problems_add (problems, "target-id", SDB_SEVERITY_ERROR,
                              _("The organization it merged into no longer exists. Choose "
                                "another one."));
          else if (!exists_on (target, &event->date))
            sdb_problems_add (problems, "target-id", SDB_SEVERITY_ERROR,
                              _("“%s” did not exist on that date. Choose an organization that "
                                "existed then."), target->name);
        }
      G_GNUC_FALLTHROUGH;

    case SDB_ORGANIZATION_EVENT_KIND_DISSOLVE:
      if (ceased.year != 0)
        {
          g_autofree char *text = sdb_vn_format_date (&ceased);

          sdb_problems_add (problems, "kind", SDB_SEVERITY_ERROR,
                            _("The organization already ceased on %s. Delete that event first "
                              "if it was wrong."), text);
        }
      else if (later > 0)
        sdb_problems_add (problems, "date", SDB_SEVERITY_ERROR,
                          _("The history of this organization has changes after this date. "
                            "Delete them first, or correct the date."));
      break;

    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* The first event of @kind after the position (@date, @id) in the history, or 0. */
static gboolean
next_event (SdbDatabase               *db,
            gint64                     organization_id,
            SdbOrganizationEventKind   kind,
            const SdbDate             *date,
            gint64                     id,
            gint64                    *next,
            GError                   **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT id FROM organization_event"
                          " WHERE organization_id = ?1 AND kind = ?2"
                          "   AND (date > ?3 OR (date = ?3 AND id > ?4))"
                          " ORDER BY date, id LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, organization_id);
  sdb_stmt_bind_enum (stmt, 2, SDB_TYPE_ORGANIZATION_EVENT_KIND, kind);
  sdb_stmt_bind_date (stmt, 3, date);
  sdb_stmt_bind_int (stmt, 4, id);
  rc = sdb_database_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  *next = rc == SQLITE_ROW ? sdb_stmt_get_int (stmt, 0) : 0;
  return TRUE;
}

/* Makes the value that follows a point of the rename chain @name: the old name of the next
 * rename @next, or the present name when there is none. */
static gboolean
set_name_after (SdbDatabase  *db,
                gint64        organization_id,
                gint64        next,
                const char   *name,
                GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  if (next != 0)
    stmt = sdb_database_prepare (db, "UPDATE organization_event SET old_name = ?2 WHERE id = ?1",
                                 error);
  else
    stmt = sdb_database_prepare (db,
                                 "UPDATE organization SET name = ?2, name_key = sdb_sort_key (?2),"
                                 "  search_key = sdb_search_key (?2) WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, next != 0 ? next : organization_id);
  sdb_stmt_bind_text (stmt, 2, name);
  return sdb_database_step_done (db, stmt, error);
}

static gboolean
set_parent_after (SdbDatabase  *db,
                  gint64        organization_id,
                  gint64        next,
                  gint64        parent_id,
                  GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  if (next != 0)
    stmt = sdb_database_prepare (db,
                                 "UPDATE organization_event SET old_parent_id = ?2 WHERE id = ?1",
                                 error);
  else
    stmt = sdb_database_prepare (db, "UPDATE organization SET parent_id = ?2 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, next != 0 ? next : organization_id);
  sdb_stmt_bind_id (stmt, 2, parent_id);
  return sdb_database_step_done (db, stmt, error);
}

static gboolean
set_dissolved (SdbDatabase    *db,
               gint64          organization_id,
               const SdbDate  *dissolved,
               GError        **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db, "UPDATE organization SET dissolved = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sdb_stmt_bind_int (stmt, 1, organization_id);
  sdb_stmt_bind_date (stmt, 2, dissolved);
  return sdb_database_step_done (db, stmt, error);
}

/**
 * sdb_organization_add_event:
 * @problems: (nullable): receives what validation found, warnings included
 *
 * Records a change of an organization on a date, and sets the event's id and the value it
 * replaced. The organization's present name, parent or end date follow when the event is the
 * latest of its kind; an event dated before later ones takes its place in their chain (the
 * next one then replaces this one's value).
 */
gboolean
sdb_organization_add_event (SdbDatabase           *db,
                            SdbOrganizationEvent  *event,
                            GPtrArray             *problems,
                            GError               **error)
{
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *name_then = NULL;
  g_autoptr(GHashTable) broken_before = NULL;
  gint64 parent_then = 0;
  gint64 next = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SDB_IS_ORGANIZATION_EVENT (event), FALSE);
  g_return_val_if_fail (event->id == 0, FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  if (!sdb_organization_validate_event (db, event, found, error))
    goto out;
  if (sdb_problems_has_errors (found))
    {
      sdb_database_set_invalid_error (found, error);
      goto out;
    }
  if (is_cessation (event->kind)
      && (broken_before = broken_rating_years (db, event->organization_id, error)) == NULL)
    goto out;

  /* The state on the date already includes the events of that same day; a new event goes
   * after them. */
  if (!state_at (db, event->organization_id, &event->date, &name_then, &parent_then, NULL,
                 error)
      || !next_event (db, event->organization_id, event->kind, &event->date, G_MAXINT64, &next,
                      error))
    goto out;

  stmt = sdb_database_prepare (db,
                               "INSERT INTO organization_event (organization_id, date, kind,"
                               "  old_name, name, old_parent_id, parent_id, target_id, notes)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, event->organization_id);
  sdb_stmt_bind_date (stmt, 2, &event->date);
  sdb_stmt_bind_enum (stmt, 3, SDB_TYPE_ORGANIZATION_EVENT_KIND, event->kind);
  if (event->kind == SDB_ORGANIZATION_EVENT_KIND_RENAME)
    {
      sdb_stmt_bind_text (stmt, 4, name_then);
      sdb_stmt_bind_text (stmt, 5, event->name);
    }
  if (event->kind == SDB_ORGANIZATION_EVENT_KIND_MOVE)
    {
      sdb_stmt_bind_id (stmt, 6, parent_then);
      sdb_stmt_bind_id (stmt, 7, event->parent_id);
    }
  if (event->kind == SDB_ORGANIZATION_EVENT_KIND_MERGE)
    sdb_stmt_bind_id (stmt, 8, event->target_id);
  sdb_stmt_bind_text (stmt, 9, event->notes);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;
  event->id = sdb_database_last_insert_id (db);

  switch (event->kind)
    {
    case SDB_ORGANIZATION_EVENT_KIND_RENAME:
      if (!set_name_after (db, event->organization_id, next, event->name, error))
        goto out;
      break;
    case SDB_ORGANIZATION_EVENT_KIND_MOVE:
      if (!set_parent_after (db, event->organization_id, next, event->parent_id, error))
        goto out;
      break;
    case SDB_ORGANIZATION_EVENT_KIND_MERGE:
    case SDB_ORGANIZATION_EVENT_KIND_DISSOLVE:
      if (!set_dissolved (db, event->organization_id, &event->date, error))
        goto out;
      break;
    default:
      g_assert_not_reached ();
    }
  if (broken_before != NULL)
    {
      if (!check_ratings_still_hold (db, event->organization_id, broken_before, "date", found,
                                     error))
        goto out;
      if (sdb_problems_has_errors (found))
        {
          sdb_database_set_invalid_error (found, error);
          goto out;
        }
    }
  ok = TRUE;

out:
  ok = sdb_database_finish_write (db, ok, found, problems, error);
  if (ok)
    {
      g_object_notify_by_pspec (G_OBJECT (event), event_properties[EVENT_PROP_ID]);
      if (event->kind == SDB_ORGANIZATION_EVENT_KIND_RENAME
          && sdb_set_str (&event->old_name, name_then))
        g_object_notify_by_pspec (G_OBJECT (event), event_properties[EVENT_PROP_OLD_NAME]);
      if (event->kind == SDB_ORGANIZATION_EVENT_KIND_MOVE && event->old_parent_id != parent_then)
        {
          event->old_parent_id = parent_then;
          g_object_notify_by_pspec (G_OBJECT (event), event_properties[EVENT_PROP_OLD_PARENT_ID]);
        }
    }
  else
    event->id = 0;
  return ok;
}

/**
 * sdb_organization_delete_event:
 *
 * Deletes a recorded change and mends the history: the next change of the same kind (or the
 * present state, when it was the latest) gets back the value this one replaced; deleting a
 * merger or dissolution makes the organization exist again.
 */
gboolean
sdb_organization_delete_event (SdbDatabase  *db,
                               gint64        event_id,
                               GError      **error)
{
  g_autoptr(SdbOrganizationEvent) event = NULL;
  g_autoptr(SdbStmt) stmt = NULL;
  gint64 next = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (!sdb_database_begin (db, error))
    return FALSE;

  stmt = sdb_database_prepare (db,
                               "SELECT " EVENT_COLUMNS " FROM organization_event WHERE id = ?1",
                               error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, event_id);
  event = sdb_database_lookup_row (db, stmt, (SdbRowFunc) event_from_row,
                                   _("This change of the organization no longer exists; it may "
                                     "have been deleted."),
                                   error);
  if (event == NULL)
    goto out;
  g_clear_pointer (&stmt, sdb_stmt_release);

  if (!is_cessation (event->kind)
      && !next_event (db, event->organization_id, event->kind, &event->date, event->id, &next,
                      error))
    goto out;

  switch (event->kind)
    {
    case SDB_ORGANIZATION_EVENT_KIND_RENAME:
      if (!set_name_after (db, event->organization_id, next, event->old_name, error))
        goto out;
      break;
    case SDB_ORGANIZATION_EVENT_KIND_MOVE:
      if (!set_parent_after (db, event->organization_id, next, event->old_parent_id, error))
        goto out;
      break;
    case SDB_ORGANIZATION_EVENT_KIND_MERGE:
    case SDB_ORGANIZATION_EVENT_KIND_DISSOLVE:
      if (!set_dissolved (db, event->organization_id, NULL, error))
        goto out;
      break;
    default:
      g_assert_not_reached ();
    }

  stmt = sdb_database_prepare (db, "DELETE FROM organization_event WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;
  sdb_stmt_bind_int (stmt, 1, event_id);
  if (!sdb_database_step_done (db, stmt, error))
    goto out;
  ok = TRUE;

out:
  return sdb_database_finish_write (db, ok, NULL, NULL, error);
}

/**
 * sdb_organization_list_events:
 *
 * Returns: (transfer full): the recorded changes of an organization, oldest first.
 */
GListModel *
sdb_organization_list_events (SdbDatabase  *db,
                              gint64        organization_id,
                              GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  stmt = sdb_database_prepare (db,
                               "SELECT " EVENT_COLUMNS " FROM organization_event"
                               " WHERE organization_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;
  sdb_stmt_bind_int (stmt, 1, organization_id);
  return sdb_database_list_rows (db, stmt, SDB_TYPE_ORGANIZATION_EVENT,
                                 (SdbRowFunc) event_from_row, error);
}
