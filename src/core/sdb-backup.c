/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sdb-backup.h"
#include "sdb-database-private.h"
#include "sdb-history-private.h"

/* Pages copied per step (1 MiB with SQLite's usual 4 KiB pages): between steps the connection is
 * free again, so a long copy never holds it in one piece. */
#define PAGES_PER_STEP 256
/* A locked database is retried this often, and given up on after this long (the same patience as
 * a second writer gets from sdb_database_open). */
#define BUSY_RETRY_MS 50
#define BUSY_GIVE_UP_MS 5000

/* A backup being written: "<destination>.partial-XXXXXX", never listed or restored. */
#define PARTIAL_SUFFIX ".partial-"

/* Flushes a file or folder to the disk. */
static gboolean
sync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
remove_copy (const char *path)
{
  static const char *const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_unlink (companion);
    }
  g_unlink (path);
  return FALSE;
}

/* Creates @path empty, 0600, refusing any file that is already there: a backup never overwrites
 * something the clerk may still need. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }

  switch (saved_errno)
    {
    case EEXIST:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name for the backup: an existing file "
                     "is never overwritten."), path);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING,
                   _("The folder of “%s” does not exist. Choose a backup file in an existing "
                     "folder."), path);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION,
                   _("“%s” cannot be created: you do not have permission to write there. Choose "
                     "another folder."), path);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NO_SPACE,
                   _("The disk is full: “%s” cannot be created. Free some space or choose "
                     "another disk."), path);
      break;
    default:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("“%s” cannot be created: %s."), path, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

/* An error while writing the backup file: the live database is not at fault, so the message
 * names the file being written. */
static gboolean
set_copy_error (SdbDatabase  *db,
                const char   *path,
                int           rc,
                GError      **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return sdb_database_set_error (db, rc, error);
    case SQLITE_FULL:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NO_SPACE,
                   _("The disk holding “%s” is full. The backup was not made; free some space "
                     "or choose another disk."), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION,
                   _("“%s” cannot be written: you do not have permission. Choose another place "
                     "for the backup."), path);
      break;
    default:
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("The backup “%s” could not be made: %s."), path, sqlite3_errstr (rc));
      break;
    }
  return FALSE;
}

/* Runs @sql and hands back the first column of its first row; FALSE when it fails or returns no
 * row. */
static gboolean
query_text (sqlite3     *handle,
            const char  *sql,
            char       **text)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
query_int (sqlite3    *handle,
           const char *sql,
           gint64     *value)
{
  g_autofree char *text = NULL;

  if (!query_text (handle, sql, &text) || text == NULL)
    return FALSE;
  *value = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static gboolean
passes_check (sqlite3    *handle,
              const char *pragma)
{
  g_autofree char *result = NULL;

  return query_text (handle, pragma, &result) && g_strcmp0 (result, "ok") == 0;
}

/* Copies every page of @from into @to. SQLite makes the whole copy one transaction on @to: when
 * it does not finish, @to is left as it was. Returns SQLITE_OK or the first error. */
static int
copy_pages (sqlite3 *to,
            sqlite3 *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int waited_ms = 0;
  int finish_rc;
  int rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (to);

  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (waited_ms >= BUSY_GIVE_UP_MS)
            break;
          sqlite3_sleep (BUSY_RETRY_MS);
          waited_ms += BUSY_RETRY_MS;
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_OK)
        waited_ms = 0;
    }
  while (rc == SQLITE_OK);

  finish_rc = sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? finish_rc : rc;
}

/* Copies @db into @destination, an empty private file; @shown is the name messages give. */
static gboolean
copy_into (SdbDatabase  *db,
           const char   *destination,
           const char   *shown,
           GError      **error)
{
  sqlite3 *live;
  sqlite3 *copy = NULL;
  gboolean pinned = FALSE;
  int rc;

  live = sdb_database_get_handle (db);
  rc = sqlite3_open_v2 (destination, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (copy);
      set_copy_error (db, shown, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (copy, 1);

  /* A read transaction held across the steps pins one snapshot of the live database (it is in
   * WAL mode, so writers on other connections are not held up). Without it, every commit of
   * another connection between two steps would make SQLite start the copy again. */
  rc = sqlite3_exec (live, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    pinned = TRUE;
  else if (!sqlite3_get_autocommit (live))
    sqlite3_exec (live, "ROLLBACK", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = copy_pages (copy, live);
  if (pinned)
    sqlite3_exec (live, "ROLLBACK", NULL, NULL, NULL);

  /* The pages came from a WAL database; a backup should be one self-contained file that opens
   * even from read-only media. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      if (pinned)
        set_copy_error (db, shown, rc, error);
      else
        sdb_database_set_error (db, rc, error);
      sqlite3_close (copy);
      return FALSE;
    }

  if (!passes_check (copy, "PRAGMA integrity_check"))
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("The backup “%s” failed its check after copying, so it was removed. Make "
                     "the backup again, on another disk if this happens again."), shown);
      sqlite3_close (copy);
      return FALSE;
    }

  rc = sqlite3_close (copy);
  if (rc != SQLITE_OK)
    {
      set_copy_error (db, shown, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * sdb_database_backup:
 * @db: the database in use
 * @destination: the file to create; it must not exist
 *
 * Copies @db into a new file, private to the user (0600), while the program and other
 * connections go on working: the copy is the state of the last transaction committed when the
 * copy began. The copy is a single file (no -wal beside it), checked with PRAGMA integrity_check
 * before it is kept. On any failure the new file is removed.
 */
gboolean
sdb_database_backup (SdbDatabase  *db,
                     const char   *destination,
                     GError      **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  /* Inside a transaction the copy would hold writes that may still be rolled back. */
  g_return_val_if_fail (sqlite3_get_autocommit (sdb_database_get_handle (db)), FALSE);

  /* The copy is made under a temporary name and only linked to @destination once it is
   * complete, checked and on the disk: a copy cut short (a power cut, a killed program) never
   * looks like a backup. */
  if (!create_private_file (destination, error))
    return FALSE;
  g_unlink (destination);
  partial = g_strconcat (destination, PARTIAL_SUFFIX "XXXXXX", NULL);
  {
    int fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0600);

    if (fd < 0)
      return create_private_file (partial, error);
    close (fd);
  }
  if (!copy_into (db, partial, destination, error))
    return remove_copy (partial);
  if (!sync_path (partial) || link (partial, destination) != 0)
    {
      int saved_errno = errno;

      remove_copy (partial);
      if (saved_errno == EEXIST)
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS,
                     _("“%s” already exists. Choose another name for the backup: an existing "
                       "file is never overwritten."), destination);
      else
        g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                     _("The backup “%s” could not be made: %s."), destination,
                     g_strerror (saved_errno));
      return FALSE;
    }
  g_unlink (partial);
  {
    g_autofree char *folder = g_path_get_dirname (destination);

    sync_path (folder);
  }
  return TRUE;
}

static gboolean
set_not_a_backup_error (const char  *path,
                        GError     **error)
{
  g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Sổ Đảng bộ database, or it is damaged. Nothing was restored; "
                 "choose another backup."), path);
  return FALSE;
}

/* Opens @path read-only and checks it is a whole database of this program that it can take;
 * nothing is written to the live database before this has passed. */
static sqlite3 *
open_backup (sqlite3     *live,
             const char  *path,
             GError     **error)
{
  sqlite3 *handle = NULL;
  gint64 version = 0;
  gint64 page_size = 0;
  gint64 live_page_size = 0;
  int latest = sdb_database_get_latest_schema_version ();
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
                   _("The file “%s” does not exist. Check the name of the backup to restore; "
                     "nothing was restored."), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  /* SQLite reads nothing on open: the first query tells a database from any other file. */
  if (rc != SQLITE_OK || !query_int (handle, "PRAGMA user_version", &version))
    {
      sqlite3_close (handle);
      set_not_a_backup_error (path, error);
      return NULL;
    }

  if (version > latest)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Sổ Đảng bộ (database version %d; "
                     "this program knows up to %d). Install the newer version to restore it. "
                     "Nothing was restored."), path, (int) version, latest);
      sqlite3_close (handle);
      return NULL;
    }

  if (version < 1
      || !passes_check (handle, "PRAGMA integrity_check")
      || !query_text (handle, "SELECT 1 FROM meta WHERE key = 'created_with'", NULL))
    {
      sqlite3_close (handle);
      set_not_a_backup_error (path, error);
      return NULL;
    }

  /* A database in WAL mode cannot change its page size, so it can only take a copy with the
   * same one; every database this program makes has SQLite's default. */
  if (!query_int (handle, "PRAGMA page_size", &page_size)
      || !query_int (live, "PRAGMA page_size", &live_page_size)
      || page_size != live_page_size)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” was not made by Sổ Đảng bộ: its storage layout differs. Nothing was "
                     "restored; choose a backup made by the program."), path);
      sqlite3_close (handle);
      return NULL;
    }

  return handle;
}

/* Automatic backups ------------------------------------------------------------------------ */

static const char *const reason_codes[] = {
  [SDB_BACKUP_REASON_MIGRATION] = "before-migration",
  [SDB_BACKUP_REASON_RESTORE] = "before-restore",
  [SDB_BACKUP_REASON_IMPORT] = "before-import",
  [SDB_BACKUP_REASON_DAILY] = "daily",
};

/* How many automatic backups the folder keeps: the newest few whatever their age, then the
 * newest of each of the last days and weeks that have one. */
#define KEEP_NEWEST 10
#define KEEP_DAYS   7
#define KEEP_WEEKS  4

void
sdb_backup_info_free (SdbBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info);
}

/**
 * sdb_database_dup_backups_folder:
 *
 * Returns: (transfer full): "backups" beside the database.
 */
char *
sdb_database_dup_backups_folder (SdbDatabase *db)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  folder = g_path_get_dirname (sdb_database_get_path (db));
  return g_build_filename (folder, "backups", NULL);
}

/* "sodangbo" for ".../sodangbo.db". */
static char *
dup_stem (SdbDatabase *db)
{
  g_autofree char *base = g_path_get_basename (sdb_database_get_path (db));

  return g_str_has_suffix (base, ".db") ? g_strndup (base, strlen (base) - 3)
                                        : g_steal_pointer (&base);
}

/* Reads "<stem>-YYYYMMDD-HHMMSS-<reason>[-N].db"; NULL for any other file. */
static SdbBackupInfo *
parse_name (const char *folder,
            const char *stem,
            const char *name)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *rest = NULL;
  SdbBackupInfo *info;
  int y, mo, d, h, mi, se;
  int reason = -1;
  GStatBuf st;
  char *end;

  if (!g_str_has_prefix (name, stem) || name[strlen (stem)] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;
  rest = g_strndup (name + strlen (stem) + 1, strlen (name) - strlen (stem) - 1 - 3);
  if (strlen (rest) < 17 || sscanf (rest, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) != 6
      || rest[15] != '-')
    return NULL;
  end = rest + 16;
  for (guint i = 0; i < G_N_ELEMENTS (reason_codes); i++)
    if (g_str_has_prefix (end, reason_codes[i])
        && (end[strlen (reason_codes[i])] == '\0' || end[strlen (reason_codes[i])] == '-'))
      reason = (int) i;
  time = g_date_time_new_utc (y, mo, d, h, mi, se);
  if (reason < 0 || time == NULL)
    return NULL;

  info = g_new0 (SdbBackupInfo, 1);
  info->name = g_strdup (name);
  info->path = g_build_filename (folder, name, NULL);
  info->time = g_steal_pointer (&time);
  info->reason = reason;
  info->size = g_stat (info->path, &st) == 0 ? (gint64) st.st_size : 0;
  return info;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const SdbBackupInfo *x = *(SdbBackupInfo **) a;
  const SdbBackupInfo *y = *(SdbBackupInfo **) b;
  int by_time = g_date_time_compare (y->time, x->time);

  return by_time != 0 ? by_time : g_strcmp0 (y->name, x->name);
}

/**
 * sdb_database_list_backups:
 *
 * Returns: (transfer full) (element-type SdbBackupInfo): the automatic backups of @db, newest
 * first; empty when there are none yet.
 */
GPtrArray *
sdb_database_list_backups (SdbDatabase  *db,
                           GError      **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_backup_info_free);
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (SDB_IS_DATABASE (db), NULL);

  folder = sdb_database_dup_backups_folder (db);
  stem = dup_stem (db);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&list);
  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION,
                   _("The backups folder “%s” cannot be read: %s"), folder,
                   local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      SdbBackupInfo *info = parse_name (folder, stem, name);

      if (info != NULL)
        g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

/* Copies a killed program left unfinished in the folder (an hour old: none is being written
 * any more) are removed. */
static void
remove_abandoned_copies (SdbDatabase *db)
{
  g_autofree char *folder = sdb_database_dup_backups_folder (db);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (strstr (name, PARTIAL_SUFFIX) == NULL)
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0 && now - (gint64) st.st_mtime > 3600)
        g_unlink (path);
    }
}

/**
 * sdb_database_prune_backups:
 *
 * Keeps the newest ten automatic backups, and beyond them the newest of each of the last seven
 * days and of the last four weeks that have one; removes the others.
 */
gboolean
sdb_database_prune_backups (SdbDatabase  *db,
                            GError      **error)
{
  g_autoptr(GPtrArray) list = sdb_database_list_backups (db, error);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (list == NULL)
    return FALSE;
  remove_abandoned_copies (db);
  for (guint i = 0; i < list->len; i++)
    {
      const SdbBackupInfo *info = g_ptr_array_index (list, i);
      char *day = g_date_time_format (info->time, "%Y%m%d");
      char *week = g_date_time_format (info->time, "%G%V");
      gboolean keep = i < KEEP_NEWEST;

      if (!g_hash_table_contains (days, day) && g_hash_table_size (days) < KEEP_DAYS)
        {
          g_hash_table_add (days, g_strdup (day));
          keep = TRUE;
        }
      if (!g_hash_table_contains (weeks, week) && g_hash_table_size (weeks) < KEEP_WEEKS)
        {
          g_hash_table_add (weeks, g_strdup (week));
          keep = TRUE;
        }
      /* A day or week counts as seen even when an earlier backup of it was kept for being
       * among the newest. */
      g_hash_table_add (days, day);
      g_hash_table_add (weeks, week);
      if (!keep)
        g_unlink (info->path);
    }
  return TRUE;
}

/* Whether the database holds records worth keeping: a committee has been entered. */
static gboolean
has_records (SdbDatabase *db)
{
  sqlite3 *handle = sdb_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT EXISTS (SELECT 1 FROM sqlite_schema"
                          "               WHERE type = 'table' AND name = 'profile')",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (!found)
    return FALSE;
  found = FALSE;
  if (sqlite3_prepare_v2 (handle, "SELECT EXISTS (SELECT 1 FROM profile)", -1, &stmt, NULL)
      == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return found;
}

/* Makes an automatic backup for @reason, unless the database holds nothing yet (and @always is
 * FALSE). *@path is the new file, or NULL when none was needed. */
static gboolean
make_automatic_backup (SdbDatabase      *db,
                       SdbBackupReason   reason,
                       gboolean          always,
                       char            **path,
                       GError          **error)
{
  g_autofree char *folder = sdb_database_dup_backups_folder (db);
  g_autofree char *stem = dup_stem (db);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  *path = NULL;
  if (!sdb_database_get_automatic_backups (db) || (!always && !has_records (db)))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SDB_DATABASE_ERROR,
                   saved_errno == ENOSPC ? SDB_DATABASE_ERROR_NO_SPACE
                                         : SDB_DATABASE_ERROR_PERMISSION,
                   _("The backups folder “%s” cannot be created: %s. Nothing was changed; free "
                     "some space or allow writing beside the database, then try again."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (folder, 0700);
  /* Two backups in the same second get -2, -3… */
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason_codes[reason])
        : g_strdup_printf ("%s-%s-%s-%u.db", stem, stamp, reason_codes[reason], n);
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (sdb_database_backup (db, candidate, &local_error))
        {
          *path = g_steal_pointer (&candidate);
          break;
        }
      if (!g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return sdb_database_prune_backups (db, error);
}

/**
 * sdb_database_auto_backup:
 * @path: (out) (optional): the backup made, or %NULL when the database held nothing yet
 *
 * Makes an automatic backup before a change: a migration, a restore or an import. A database
 * without a committee yet has nothing to keep and gets none.
 */
gboolean
sdb_database_auto_backup (SdbDatabase      *db,
                          SdbBackupReason   reason,
                          char            **path,
                          GError          **error)
{
  g_autofree char *made = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_codes), FALSE);

  if (!make_automatic_backup (db, reason, FALSE, &made, error))
    return FALSE;
  if (path != NULL)
    *path = g_steal_pointer (&made);
  return TRUE;
}

/**
 * sdb_database_backup_daily:
 * @path: (out) (optional): the backup made, or %NULL when today already had one
 *
 * For the commands that write: a backup once a day (UTC), the first time such a command runs.
 * Read-only commands never call it.
 */
gboolean
sdb_database_backup_daily (SdbDatabase  *db,
                           char        **path,
                           GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y%m%d");

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);

  if (path != NULL)
    *path = NULL;
  list = sdb_database_list_backups (db, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const SdbBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *day = g_date_time_format (info->time, "%Y%m%d");

      if (g_str_equal (day, today))
        return TRUE;
    }
  return sdb_database_auto_backup (db, SDB_BACKUP_REASON_DAILY, path, error);
}

/* Copies @path back over the live database, after a restore that failed and left it damaged. */
static gboolean
put_back (sqlite3    *live,
          const char *path)
{
  sqlite3 *handle = NULL;
  int rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);

  if (rc == SQLITE_OK)
    rc = copy_pages (live, handle);
  sqlite3_close (handle);
  return rc == SQLITE_OK;
}

/**
 * sdb_database_restore:
 * @db: the database in use
 * @source: a backup made by sdb_database_backup () (or any database of this program)
 * @saved_copy: (out) (optional): where the content @db had before is kept
 *
 * Replaces the content of @db with @source. @source is checked first (a database of this
 * program, undamaged, not from a newer version); then the current content is saved as an
 * automatic backup ("before-restore", in the backups folder), and only then is @source copied
 * in, in one transaction. On any failure the database keeps its content.
 * @saved_copy is set whenever the saved copy was made, even if the restore then failed.
 *
 * A backup from an older version is copied as it is: close @db and open the file again with
 * sdb_database_open (), which migrates it and rebuilds its sort keys.
 */
/* A restore is one step even with its note in the history: the backup is first copied into a
 * private file beside the database, the note ("restored from NAME") is added there, and that
 * copy is what replaces the content, in one transaction. A cut leaves the database as it was,
 * or restored with its note. Returns the staged copy, or @from itself when the backup predates
 * the history (its history starts when it is opened and migrated). */
static sqlite3 *
stage_restore (SdbDatabase  *db,
               sqlite3      *from,
               const char   *source_path,
               char        **staged_path,
               GError      **error)
{
  g_autofree char *name = g_path_get_basename (source_path);
  g_autofree char *quoted = sdb_history_json_string (name);
  g_autofree char *note = g_strdup_printf ("{\"from\":%s}", quoted);
  g_autofree char *path = g_strconcat (sdb_database_get_path (db), ".restoring-XXXXXX", NULL);
  sqlite3 *staged = NULL;
  int fd;
  int rc;

  *staged_path = NULL;
  if (!query_text (from, "SELECT 1 FROM sqlite_schema WHERE type = 'table'"
                         " AND name = 'history'", NULL))
    return from;

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SDB_DATABASE_ERROR,
                   saved_errno == ENOSPC ? SDB_DATABASE_ERROR_NO_SPACE
                                         : SDB_DATABASE_ERROR_PERMISSION,
                   _("The backup cannot be prepared beside the database (%s). Nothing was "
                     "restored; free some space or allow writing there, then try again."),
                   g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  rc = sqlite3_open_v2 (path, &staged, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (staged, from);
  if (rc != SQLITE_OK)
    {
      sdb_database_set_error (db, rc, error);
      sqlite3_close (staged);
      remove_copy (path);
      return NULL;
    }
  if (!sdb_history_note_on_handle (staged, "restore", note, error))
    {
      sqlite3_close (staged);
      remove_copy (path);
      return NULL;
    }
  *staged_path = g_steal_pointer (&path);
  return staged;
}

gboolean
sdb_database_restore (SdbDatabase  *db,
                      const char   *source,
                      char        **saved_copy,
                      GError      **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *staged_path = NULL;
  sqlite3 *live;
  sqlite3 *from;
  sqlite3 *staged;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (saved_copy == NULL || *saved_copy == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  live = sdb_database_get_handle (db);
  g_return_val_if_fail (sqlite3_get_autocommit (live), FALSE);

  source_path = g_canonicalize_filename (source, NULL);
  if (g_str_equal (source_path, sdb_database_get_path (db)))
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("“%s” is the database in use. Choose a backup to restore."), source_path);
      return FALSE;
    }

  from = open_backup (live, source_path, error);
  if (from == NULL)
    return FALSE;

  if (!make_automatic_backup (db, SDB_BACKUP_REASON_RESTORE, TRUE, &saved, error))
    {
      sqlite3_close (from);
      return FALSE;
    }
  if (saved_copy != NULL)
    *saved_copy = g_strdup (saved);

  staged = stage_restore (db, from, source_path, &staged_path, error);
  if (staged == NULL)
    {
      sqlite3_close (from);
      return FALSE;
    }
  rc = copy_pages (live, staged);
  if (staged != from)
    {
      sqlite3_close (staged);
      remove_copy (staged_path);
    }
  sqlite3_close (from);
  if (rc == SQLITE_OK)
    return TRUE;

  sdb_database_set_error (db, rc, error);
  /* SQLite rolls back a copy that did not finish; this is for the case it could not. */
  if (!passes_check (live, "PRAGMA quick_check") && !put_back (live, saved))
    {
      g_clear_error (error);
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("The restore failed and the database could not be put back as it was. "
                     "Your records are safe in “%s”: restore that file."), saved);
    }
  return FALSE;
}
