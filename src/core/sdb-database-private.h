/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the record kinds of src/core only: the connection, cached statements and the helpers that
 * keep every SQL statement bound, stepped and reset the same way. Nothing outside src/core
 * includes this file. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "sdb-database.h"
#include "sdb-problem.h"
#include "sdb-vn.h"

G_BEGIN_DECLS

/* A prepared statement borrowed from the database's cache. g_autoptr(SdbStmt) resets it and
 * clears its bindings when it goes out of scope, so it is ready for the next caller. */
typedef sqlite3_stmt SdbStmt;

void      sdb_stmt_release            (SdbStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbStmt, sdb_stmt_release)

sqlite3  *sdb_database_get_handle     (SdbDatabase  *self);
SdbStmt  *sdb_database_prepare        (SdbDatabase  *self,
                                       const char   *sql,
                                       GError      **error);
/* Returns SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
int       sdb_database_step           (SdbDatabase  *self,
                                       SdbStmt      *stmt,
                                       GError      **error);
/* Steps a statement that returns no rows. */
gboolean  sdb_database_step_done      (SdbDatabase  *self,
                                       SdbStmt      *stmt,
                                       GError      **error);
/* Runs @sql, statements that are not kept in the cache (schema changes), inside the caller's
 * transaction. */
gboolean  sdb_database_exec           (SdbDatabase  *self,
                                       const char   *sql,
                                       GError      **error);
/* Sets @error from an SQLite result code; always returns FALSE. */
gboolean  sdb_database_set_error      (SdbDatabase  *self,
                                       int           rc,
                                       GError      **error);
/* Sets @code from the errors in @problems: the first, and how many more; always returns
 * FALSE. */
gboolean  sdb_database_set_problems_error (GPtrArray         *problems,
                                           SdbDatabaseError   code,
                                           GError           **error);
/* Sets SDB_DATABASE_ERROR_INVALID from the errors in @problems; always returns FALSE. */
gboolean  sdb_database_set_invalid_error (GPtrArray *problems,
                                          GError   **error);
/* Ends a validated write begun with sdb_database_begin (): commits when @ok, rolls back
 * otherwise, and hands what validation found to the caller's @problems (which may be NULL). */
gboolean  sdb_database_finish_write   (SdbDatabase  *self,
                                       gboolean      ok,
                                       GPtrArray    *found,
                                       GPtrArray    *problems,
                                       GError      **error);
gint64    sdb_database_last_insert_id (SdbDatabase  *self);
/* During a bulk write (an import), the checks that look at a whole group of records on every
 * save (the 20% excellent rule of a TCCS) are skipped; the bulk write runs them once at its
 * end. */
void      sdb_database_set_deferring  (SdbDatabase  *self,
                                       gboolean      deferring);
gboolean  sdb_database_is_deferring   (SdbDatabase  *self);
int       sdb_database_changes        (SdbDatabase  *self);
/* How many sdb_database_begin () are open: 0 outside a transaction. */
guint     sdb_database_get_transaction_depth (SdbDatabase *self);

/* Builds a record from the row a statement stands on. */
typedef gpointer (*SdbRowFunc) (SdbStmt *stmt);

/* Steps @stmt once and builds its row with @from_row. When there is no row, fails with
 * SDB_DATABASE_ERROR_NOT_FOUND and @not_found, a message already translated at the call site so
 * that gettext finds it there. Returns: (transfer full) (nullable): the record. */
gpointer    sdb_database_lookup_row   (SdbDatabase  *self,
                                       SdbStmt      *stmt,
                                       SdbRowFunc    from_row,
                                       const char   *not_found,
                                       GError      **error);
/* Steps @stmt to its end and lists its rows, each built with @from_row as an @item_type.
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set. */
GListModel *sdb_database_list_rows    (SdbDatabase  *self,
                                       SdbStmt      *stmt,
                                       GType         item_type,
                                       SdbRowFunc    from_row,
                                       GError      **error);
/* Runs @sql, a DELETE whose ?1 is @id. When it deletes nothing, fails with
 * SDB_DATABASE_ERROR_NOT_FOUND and @not_found (translated by the caller). */
gboolean    sdb_database_delete_by_id (SdbDatabase  *self,
                                       const char   *sql,
                                       gint64        id,
                                       const char   *not_found,
                                       GError      **error);

/* Binding: an empty date (year 0) and an id of 0 bind as NULL; text binds as a copy. */
void      sdb_stmt_bind_text          (SdbStmt       *stmt,
                                       int            index,
                                       const char    *text);
void      sdb_stmt_bind_nullable_text (SdbStmt       *stmt,
                                       int            index,
                                       const char    *text);
void      sdb_stmt_bind_date          (SdbStmt       *stmt,
                                       int            index,
                                       const SdbDate *date);
void      sdb_stmt_bind_id            (SdbStmt       *stmt,
                                       int            index,
                                       gint64         id);
void      sdb_stmt_bind_int           (SdbStmt       *stmt,
                                       int            index,
                                       gint64         value);
void      sdb_stmt_bind_enum          (SdbStmt       *stmt,
                                       int            index,
                                       GType          enum_type,
                                       int            value);

/* Reading: NULL text reads as "", a NULL date as year 0, a NULL id as 0. */
char     *sdb_stmt_dup_text           (SdbStmt       *stmt,
                                       int            column);
void      sdb_stmt_get_date           (SdbStmt       *stmt,
                                       int            column,
                                       SdbDate       *date);
gint64    sdb_stmt_get_int            (SdbStmt       *stmt,
                                       int            column);
gboolean  sdb_stmt_is_null            (SdbStmt       *stmt,
                                       int            column);
int       sdb_stmt_get_enum           (SdbStmt       *stmt,
                                       int            column,
                                       GType          enum_type);

/* Setters of record properties: each returns TRUE when the value changed (to notify). */
gboolean  sdb_set_str                 (char         **field,
                                       const char    *value);
/* Stores @text NFC-normalised with outer white space removed; NULL becomes "". */
gboolean  sdb_set_text                (char         **field,
                                       const char    *text);
gboolean  sdb_set_date                (SdbDate       *field,
                                       const SdbDate *value);

G_END_DECLS
