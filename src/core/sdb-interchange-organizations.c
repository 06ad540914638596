/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organizations in sheets: their present state, one row each, keyed by code. A row of a known
 * code corrects the record, except a new parent, which is a move dated on the day of the
 * import so that past years keep the tree they had. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-enums.h"
#include "sdb-interchange-private.h"
#include "sdb-organization.h"
#include "sdb-vn.h"

static const SdbInterchangeColumn columns[] = {
  { "code", "Mã tổ chức", "mã", SDB_XLSX_TEXT, NULL, "code" },
  { "name", "Tên tổ chức", "tên|tên tổ chức đảng", SDB_XLSX_TEXT, NULL, "name" },
  { "kind", "Loại tổ chức", "loại|loại hình", SDB_XLSX_TEXT, sdb_organization_kind_get_type,
    "kind" },
  { "parent_code", "Mã tổ chức cấp trên", "trực thuộc|cấp trên", SDB_XLSX_TEXT, NULL,
    "parent-id" },
  { "sector", "Khối", "khối, ngành|khối ngành", SDB_XLSX_TEXT, NULL, "sector-id" },
  { "founded_on", "Ngày thành lập", NULL, SDB_XLSX_DATE, NULL, "founded" },
  { "dissolved_on", "Ngày giải thể", "ngày giải thể, sáp nhập", SDB_XLSX_DATE, NULL,
    "dissolved" },
};

enum { CODE, NAME, KIND, PARENT, SECTOR, FOUNDED, DISSOLVED };

/* The sector a sheet names, matched without case or diacritics; one the list does not have yet
 * is added, as the office's sheet names it. */
static gboolean
find_sector (SdbInterchangeImport  *import,
             const char            *name,
             gint64                *sector_id,
             GError               **error)
{
  g_autoptr(GListModel) sectors = sdb_sector_list (import->db, error);
  g_autofree char *key = sdb_vn_search_key (name);
  g_autoptr(SdbSector) sector = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();

  if (sectors == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (sectors); i++)
    {
      g_autoptr(SdbSector) candidate = g_list_model_get_item (sectors, i);
      g_autofree char *candidate_key = sdb_vn_search_key (sdb_sector_get_name (candidate));

      if (g_strcmp0 (key, candidate_key) == 0)
        {
          *sector_id = sdb_sector_get_id (candidate);
          return TRUE;
        }
    }
  sector = sdb_sector_new ();
  sdb_sector_set_name (sector, name);
  sdb_sector_set_position (sector, (int) g_list_model_get_n_items (sectors));
  if (!sdb_sector_insert (import->db, sector, found, error))
    return FALSE;
  *sector_id = sdb_sector_get_id (sector);
  return TRUE;
}

static gboolean
same_date (const SdbDate *a,
           const SdbDate *b)
{
  static const SdbDate none = { 0, 0, 0 };

  return sdb_date_compare (a != NULL ? a : &none, b != NULL ? b : &none) == 0;
}

static gboolean
import_row (SdbInterchangeImport    *import,
            const SdbInterchangeRow *row,
            SdbImportCounts         *counts,
            GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SdbOrganization) existing = NULL;
  g_autoptr(SdbOrganization) organization = NULL;
  g_autoptr(GPtrArray) found = sdb_problems_new ();
  char *const *v = row->values;
  guint errors_before = import->n_errors;
  gint64 parent_id = 0;
  gboolean move = FALSE;
  gboolean changed;
  int kind;

  existing = sdb_organization_lookup_by_code (import->db, v[CODE], &local_error);
  if (existing == NULL
      && !g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  organization = existing != NULL ? sdb_organization_copy (existing) : sdb_organization_new ();
  sdb_organization_set_code (organization, v[CODE]);

  if (v[NAME] != NULL)
    sdb_organization_set_name (organization, v[NAME]);
  if (sdb_interchange_enum_cell (import, row, KIND, &kind) && kind >= 0)
    sdb_organization_set_kind (organization, kind);
  else if (kind < 0 && existing == NULL && import->n_errors == errors_before)
    sdb_interchange_add_problem (import, row->line, "kind", SDB_SEVERITY_ERROR,
                                 _("Enter the kind of the organization."));
  if (v[PARENT] != NULL)
    {
      if (!sdb_interchange_organization_cell (import, row, PARENT, &parent_id, error))
        return FALSE;
      if (existing == NULL)
        sdb_organization_set_parent_id (organization, parent_id);
      else
        move = parent_id != sdb_organization_get_parent_id (existing);
    }
  if (v[SECTOR] != NULL)
    {
      gint64 sector_id = 0;

      if (*v[SECTOR] != '\0' && !find_sector (import, v[SECTOR], &sector_id, error))
        return FALSE;
      sdb_organization_set_sector_id (organization, sector_id);
    }
  if (v[FOUNDED] != NULL)
    {
      SdbDate date;

      if (sdb_interchange_date_cell (import, row, FOUNDED, &date))
        sdb_organization_set_founded (organization, &date);
    }
  if (v[DISSOLVED] != NULL)
    {
      SdbDate date;

      if (sdb_interchange_date_cell (import, row, DISSOLVED, &date))
        sdb_organization_set_dissolved (organization, &date);
    }
  if (import->n_errors > errors_before)
    return TRUE;

  if (existing == NULL)
    {
      if (!sdb_organization_insert (import->db, organization, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
      counts->inserted++;
      sdb_interchange_add_record_problems (import, row->line, found);
      return TRUE;
    }

  changed = g_strcmp0 (sdb_organization_get_name (existing),
                       sdb_organization_get_name (organization)) != 0
            || sdb_organization_get_kind (existing) != sdb_organization_get_kind (organization)
            || sdb_organization_get_sector_id (existing)
               != sdb_organization_get_sector_id (organization)
            || !same_date (sdb_organization_get_founded (existing),
                           sdb_organization_get_founded (organization))
            || !same_date (sdb_organization_get_dissolved (existing),
                           sdb_organization_get_dissolved (organization));
  if (changed && !sdb_organization_update (import->db, organization, found, &local_error))
    return sdb_interchange_refused (import, row->line, found, local_error, error);
  if (move)
    {
      g_autoptr(SdbOrganizationEvent) event = sdb_organization_event_new ();

      sdb_organization_event_set_organization_id (event, sdb_organization_get_id (existing));
      sdb_organization_event_set_kind (event, SDB_ORGANIZATION_EVENT_KIND_MOVE);
      sdb_organization_event_set_date (event, import->today);
      sdb_organization_event_set_parent_id (event, parent_id);
      if (!sdb_organization_add_event (import->db, event, found, &local_error))
        return sdb_interchange_refused (import, row->line, found, local_error, error);
    }
  if (changed || move)
    counts->updated++;
  sdb_interchange_add_record_problems (import, row->line, found);
  return TRUE;
}

/* Rows whose parent is another row of the file come after it, so a file may list a tree in any
 * order. A loop of parents is a problem of each row in it. */
static GPtrArray *
order_by_parent (SdbInterchangeImport *import,
                 GPtrArray            *rows)
{
  GPtrArray *ordered = g_ptr_array_new ();
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *done = g_new0 (gboolean, rows->len);
  gboolean progress = TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      SdbInterchangeRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (pending, row->values[CODE], row);
    }
  while (ordered->len < rows->len && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          SdbInterchangeRow *row = g_ptr_array_index (rows, i);
          const char *parent = row->values[PARENT];

          if (done[i] || (parent != NULL && *parent != '\0'
                          && g_strcmp0 (parent, row->values[CODE]) != 0
                          && g_hash_table_contains (pending, parent)))
            continue;
          done[i] = TRUE;
          g_hash_table_remove (pending, row->values[CODE]);
          g_ptr_array_add (ordered, row);
          progress = TRUE;
        }
    }
  for (guint i = 0; i < rows->len; i++)
    if (!done[i])
      sdb_interchange_add_problem (import, ((SdbInterchangeRow *) rows->pdata[i])->line,
                                   "parent_code", SDB_SEVERITY_ERROR,
                                   _("The parent organizations of this row lead back to it. "
                                     "Correct the parent codes."));
  return ordered;
}

static GPtrArray *
export_rows (SdbDatabase  *db,
             int           year,
             GError      **error)
{
  g_autoptr(SdbStmt) stmt =
    sdb_database_prepare (db,
                          "SELECT o.code, o.name, o.kind, p.code, s.name, o.founded, o.dissolved"
                          " FROM organization o"
                          " LEFT JOIN organization p ON p.id = o.parent_id"
                          " LEFT JOIN sector s ON s.id = o.sector_id"
                          " ORDER BY o.code", error);

  if (stmt == NULL)
    return NULL;
  return sdb_interchange_rows_from_statement (db, stmt, G_N_ELEMENTS (columns), error);
}

const SdbInterchangeKindInfo sdb_interchange_organizations = {
  .name = "organizations",
  .sheet = "Tổ chức đảng",
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .key_columns = { CODE, -1 },
  .by_year = FALSE,
  .order = order_by_parent,
  .import_row = import_row,
  .export_rows = export_rows,
};
