/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SDB_DATABASE_ERROR (sdb_database_error_quark ())

typedef enum
{
  SDB_DATABASE_ERROR_FOLDER_MISSING,
  SDB_DATABASE_ERROR_CANNOT_OPEN,
  SDB_DATABASE_ERROR_NOT_A_DATABASE,
  SDB_DATABASE_ERROR_BUSY,
  SDB_DATABASE_ERROR_NEWER,
  SDB_DATABASE_ERROR_FAILED,
  SDB_DATABASE_ERROR_INVALID,     /* validation found errors; the problems say which */
  SDB_DATABASE_ERROR_NOT_FOUND,   /* no record with that id */
  SDB_DATABASE_ERROR_IN_USE,      /* other records still refer to the one to delete */
  SDB_DATABASE_ERROR_NO_SPACE,
  SDB_DATABASE_ERROR_PERMISSION,  /* the file or its folder cannot be written */
  SDB_DATABASE_ERROR_EXISTS,      /* a file to create is already there; nothing is overwritten */
  SDB_DATABASE_ERROR_OLDER,       /* opened read-only, an older schema that a writer must upgrade */
} SdbDatabaseError;

GQuark sdb_database_error_quark (void);

#define SDB_TYPE_DATABASE (sdb_database_get_type ())
G_DECLARE_FINAL_TYPE (SdbDatabase, sdb_database, SDB, DATABASE, GObject)

char        *sdb_database_dup_default_path  (void);
SdbDatabase *sdb_database_open              (const char   *path,
                                             GError      **error);
SdbDatabase *sdb_database_open_read_only    (const char   *path,
                                             GError      **error);
const char  *sdb_database_get_path          (SdbDatabase  *self);
int          sdb_database_get_schema_version (SdbDatabase *self);
int          sdb_database_get_latest_schema_version (void);
char        *sdb_database_dup_meta          (SdbDatabase  *self,
                                             const char   *key);

/* Transactions nest: the outermost begin takes the write lock (BEGIN IMMEDIATE), inner ones
 * are savepoints, so a record kind's write can run inside an import's transaction. */
/* Automatic backups (sdb-backup.h) are on unless switched off, e.g. by a fuzzer that imports
 * thousands of files. */
void         sdb_database_set_automatic_backups (SdbDatabase *self,
                                                 gboolean     enabled);
gboolean     sdb_database_get_automatic_backups (SdbDatabase *self);

/* How far a long write has come: @done of @total steps (the rows of an import). It is called
 * on the writing thread, often: it should only note the figures, and draw them now and then. */
typedef void (*SdbProgressFunc) (guint64  done,
                                 guint64  total,
                                 gpointer user_data);

void         sdb_database_set_progress_func (SdbDatabase     *self,
                                             SdbProgressFunc  func,
                                             gpointer         user_data);
void         sdb_database_report_progress   (SdbDatabase     *self,
                                             guint64          done,
                                             guint64          total);

gboolean     sdb_database_begin             (SdbDatabase  *self,
                                             GError      **error);
gboolean     sdb_database_begin_read        (SdbDatabase  *self,
                                             GError      **error);
gboolean     sdb_database_commit            (SdbDatabase  *self,
                                             GError      **error);
void         sdb_database_rollback          (SdbDatabase  *self);

G_END_DECLS
