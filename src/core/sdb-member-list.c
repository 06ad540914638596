/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-database-private.h"
#include "sdb-member-list.h"

/* How many members stay built: a few screens of a list view, scrolled back and forth. */
#define CACHE_SIZE 256

struct _SdbMemberList
{
  GObject      parent_instance;

  SdbDatabase *db;
  gint64       organization_id;
  char        *search;
  gboolean     include_former;

  /* The ids of the members shown, in name order (gint64). */
  GArray      *ids;
  /* id (gint64 *) -> SdbMember, the latest items built; cache_order holds the same members,
   * oldest first, to know which to drop. */
  GHashTable  *cache;
  GQueue       cache_order;
};

static void sdb_member_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdbMemberList, sdb_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sdb_member_list_model_init))

/**
 * sdb_member_filter_init:
 *
 * Sets @filter to every member in the committee now.
 */
void
sdb_member_filter_init (SdbMemberFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->organization_id = 0;
  filter->search = NULL;
  filter->include_former = FALSE;
}

static void
clear_cache (SdbMemberList *self)
{
  g_queue_clear (&self->cache_order);
  g_hash_table_remove_all (self->cache);
}

static void
sdb_member_list_finalize (GObject *object)
{
  SdbMemberList *self = SDB_MEMBER_LIST (object);

  clear_cache (self);
  g_hash_table_unref (self->cache);
  g_array_unref (self->ids);
  g_free (self->search);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sdb_member_list_parent_class)->finalize (object);
}

static void
sdb_member_list_class_init (SdbMemberListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sdb_member_list_finalize;
}

static void
sdb_member_list_init (SdbMemberList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->cache_order);
}

static GType
sdb_member_list_get_item_type (GListModel *model)
{
  return SDB_TYPE_MEMBER;
}

static guint
sdb_member_list_get_n_items (GListModel *model)
{
  return SDB_MEMBER_LIST (model)->ids->len;
}

static void
cache_add (SdbMemberList *self,
           SdbMember     *member)
{
  gint64 id = sdb_member_get_id (member);

  if (g_queue_get_length (&self->cache_order) >= CACHE_SIZE)
    {
      SdbMember *oldest = g_queue_pop_head (&self->cache_order);
      gint64 oldest_id = sdb_member_get_id (oldest);

      g_hash_table_remove (self->cache, &oldest_id);
    }
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (member));
  g_queue_push_tail (&self->cache_order, member);
}

/* Builds only the member asked for: one prepared query by primary key. */
static gpointer
sdb_member_list_get_item (GListModel *model,
                          guint       position)
{
  SdbMemberList *self = SDB_MEMBER_LIST (model);
  g_autoptr(GError) error = NULL;
  SdbMember *member;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  member = g_hash_table_lookup (self->cache, &id);
  if (member != NULL)
    return g_object_ref (member);

  member = sdb_member_lookup (self->db, id, &error);
  if (member == NULL)
    {
      /* Deleted since the last reload: a view still needs an item until the reload that the
       * deletion brings. */
      g_debug ("Member %" G_GINT64_FORMAT " cannot be read: %s", id, error->message);
      return sdb_member_new ();
    }
  cache_add (self, member);
  return member;
}

static void
sdb_member_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sdb_member_list_get_item_type;
  iface->get_n_items = sdb_member_list_get_n_items;
  iface->get_item = sdb_member_list_get_item;
}

/* One query on an index: member_by_organization when a cell is chosen, member_by_name
 * otherwise. The SQL differs with the filter's shape (not its values) so that each shape keeps
 * its own prepared statement and plan. */
static GArray *
query_ids (SdbMemberList  *self,
           GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM member WHERE 1");
  g_autoptr(SdbStmt) stmt = NULL;
  g_autofree char *key = NULL;
  int rc;

  if (self->organization_id != 0)
    g_string_append (sql, " AND organization_id = ?1");
  else if (!self->include_former)
    g_string_append (sql, " AND organization_id IS NOT NULL");
  if (self->search != NULL)
    {
      key = sdb_vn_search_key (self->search);
      /* instr, not LIKE: a "%" or "_" typed by the clerk is a character, not a pattern. */
      g_string_append (sql, " AND (instr (search_key, ?2) > 0 OR code = ?3)");
    }
  g_string_append (sql, " ORDER BY name_key, id");

  stmt = sdb_database_prepare (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (self->organization_id != 0)
    sdb_stmt_bind_int (stmt, 1, self->organization_id);
  if (self->search != NULL)
    {
      sdb_stmt_bind_text (stmt, 2, key != NULL ? key : self->search);
      sdb_stmt_bind_text (stmt, 3, self->search);
    }

  while ((rc = sdb_database_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sdb_stmt_get_int (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&ids);
}

static void
apply_filter (SdbMemberList         *self,
              const SdbMemberFilter *filter)
{
  SdbMemberFilter all;

  if (filter == NULL)
    {
      sdb_member_filter_init (&all);
      filter = &all;
    }
  self->organization_id = filter->organization_id;
  self->include_former = filter->include_former;
  g_clear_pointer (&self->search, g_free);
  if (filter->search != NULL)
    {
      sdb_set_text (&self->search, filter->search);
      if (*self->search == '\0')
        g_clear_pointer (&self->search, g_free);
    }
}

/**
 * sdb_member_list_new:
 * @filter: (nullable): which members to list; %NULL for those in the committee now
 *
 * Returns: (transfer full): the members matching @filter, sorted by given name, then middle
 * name, then family name, with Vietnamese collation.
 */
SdbMemberList *
sdb_member_list_new (SdbDatabase            *db,
                     const SdbMemberFilter  *filter,
                     GError                **error)
{
  g_autoptr(SdbMemberList) self = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  self = g_object_new (SDB_TYPE_MEMBER_LIST, NULL);
  self->db = g_object_ref (db);
  apply_filter (self, filter);
  if (!sdb_member_list_reload (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sdb_member_list_reload:
 *
 * Reads the list again after members were written, and tells the views once, as one change of
 * every item. On failure the list keeps what it had.
 */
gboolean
sdb_member_list_reload (SdbMemberList  *self,
                        GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  guint removed, added;

  g_return_val_if_fail (SDB_IS_MEMBER_LIST (self), FALSE);

  ids = query_ids (self, error);
  if (ids == NULL)
    return FALSE;

  removed = self->ids->len;
  added = ids->len;
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  clear_cache (self);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  return TRUE;
}

/**
 * sdb_member_list_set_filter:
 * @filter: (nullable): which members to list; %NULL for those in the committee now
 *
 * Changes the filter and reloads the list.
 */
gboolean
sdb_member_list_set_filter (SdbMemberList          *self,
                            const SdbMemberFilter  *filter,
                            GError                **error)
{
  g_return_val_if_fail (SDB_IS_MEMBER_LIST (self), FALSE);

  apply_filter (self, filter);
  return sdb_member_list_reload (self, error);
}

/**
 * sdb_member_list_find:
 *
 * Returns: the position of the member with @member_id, or %G_MAXUINT when not listed.
 */
guint
sdb_member_list_find (SdbMemberList *self,
                      gint64         member_id)
{
  g_return_val_if_fail (SDB_IS_MEMBER_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == member_id)
      return i;
  return G_MAXUINT;
}

/**
 * sdb_member_list_get_member_id:
 *
 * Returns: the id of the member at @position without building the member, or 0 past the end.
 */
gint64
sdb_member_list_get_member_id (SdbMemberList *self,
                               guint          position)
{
  g_return_val_if_fail (SDB_IS_MEMBER_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/**
 * sdb_member_list_get_n_cached:
 *
 * Returns: how many members the list holds built, at most a few hundred whatever its length
 * (for tests and diagnostics).
 */
guint
sdb_member_list_get_n_cached (SdbMemberList *self)
{
  g_return_val_if_fail (SDB_IS_MEMBER_LIST (self), 0);

  return g_hash_table_size (self->cache);
}
