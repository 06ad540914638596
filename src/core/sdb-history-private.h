/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For src/core only: how the database, the demo and the import drive the change history. */
#pragma once

#include <sqlite3.h>

#include "sdb-database.h"

G_BEGIN_DECLS

/* The schema version that brought the history table. */
#define SDB_HISTORY_SCHEMA_VERSION 5

/* The SQL functions the history triggers call, and the hooks that end a transaction's state. */
gboolean sdb_history_attach          (SdbDatabase  *db,
                                      GError      **error);
/* Runs inside migration step @version (from SDB_HISTORY_SCHEMA_VERSION on): (re)makes the
 * triggers for the tables as they now are, and starts the chain. */
gboolean sdb_history_migrate         (SdbDatabase  *db,
                                      int           version,
                                      GError      **error);
/* Off only while the demo generates its records (one note stands for them all) and in the
 * benchmark that measures what the history costs. */
void     sdb_history_set_enabled     (SdbDatabase  *db,
                                      gboolean      enabled);
gboolean sdb_history_get_enabled     (SdbDatabase  *db);
/* Between these, inside the import's transaction, every entry carries the import's number; the
 * end writes the import's note, unless the import changed nothing. */
void     sdb_history_begin_import    (SdbDatabase  *db,
                                      const char   *kind);
gboolean sdb_history_end_import      (SdbDatabase  *db,
                                      GError      **error);
/* Appends a note entry (op "demo", "restore"...) whose details are the JSON object @changes. */
gboolean sdb_history_add_note        (SdbDatabase  *db,
                                      const char   *op,
                                      const char   *changes,
                                      GError      **error);

gboolean sdb_history_note_on_handle  (sqlite3      *handle,
                                      const char   *op,
                                      const char   *changes,
                                      GError      **error);
/* How sdb_database_begin (), commit () and rollback () keep the history's pending entries in
 * step with their savepoints, and write them before the outermost COMMIT. */
void     sdb_history_savepoint_begun       (SdbDatabase *db,
                                            guint        depth);
void     sdb_history_savepoint_rolled_back (SdbDatabase *db,
                                            guint        depth);
gboolean sdb_history_flush                 (SdbDatabase  *db,
                                            gboolean      final,
                                            GError      **error);
/* @text as a JSON string, quotes included. */
char    *sdb_history_json_string     (const char   *text);

G_END_DECLS
