/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-backup: a copy of the whole database while it is in use, and putting a copy back. Both go
 * through SQLite's online backup, so a copy is always one consistent state of the records, never
 * a file caught halfway through a write, and a restore never leaves a half-replaced database. */
#pragma once

#include "sdb-database.h"

G_BEGIN_DECLS

gboolean sdb_database_backup  (SdbDatabase  *db,
                               const char   *destination,
                               GError      **error);
gboolean sdb_database_restore (SdbDatabase  *db,
                               const char   *source,
                               char        **saved_copy,
                               GError      **error);

/* Automatic backups, kept in a private "backups" folder beside the database: before every
 * migration, restore and import, and once a day when a write command runs. Each is named
 * "<name>-YYYYMMDD-HHMMSS-<reason>.db" (UTC); the folder keeps a bounded set (see
 * sdb_database_prune_backups ()). */
typedef enum
{
  SDB_BACKUP_REASON_MIGRATION,  /* "before-migration" */
  SDB_BACKUP_REASON_RESTORE,    /* "before-restore" */
  SDB_BACKUP_REASON_IMPORT,     /* "before-import" */
  SDB_BACKUP_REASON_DAILY,      /* "daily" */
} SdbBackupReason;

typedef struct
{
  char      *name;     /* the file's name in the folder */
  char      *path;
  GDateTime *time;     /* when it was made (UTC) */
  gint64     size;
  SdbBackupReason reason;
} SdbBackupInfo;

void        sdb_backup_info_free          (SdbBackupInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbBackupInfo, sdb_backup_info_free)

char       *sdb_database_dup_backups_folder (SdbDatabase  *db);
gboolean    sdb_database_auto_backup      (SdbDatabase      *db,
                                           SdbBackupReason   reason,
                                           char            **path,
                                           GError          **error);
gboolean    sdb_database_backup_daily     (SdbDatabase      *db,
                                           char            **path,
                                           GError          **error);
GPtrArray  *sdb_database_list_backups     (SdbDatabase      *db,
                                           GError          **error);
gboolean    sdb_database_prune_backups    (SdbDatabase      *db,
                                           GError          **error);

G_END_DECLS
