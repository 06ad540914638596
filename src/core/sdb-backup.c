/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sdb-backup.h"
#include "sdb-database-private.h"

/* Pages copied per step (1 MiB with SQLite's usual 4 KiB pages): between steps the connection is
 * free again, so a long copy never holds it in one piece. */
#define PAGES_PER_STEP 256
/* A locked database is retried this often, and given up on after this long (the same patience as
 * a second writer gets from sdb_database_open). */
#define BUSY_RETRY_MS 50
#define BUSY_GIVE_UP_MS 5000

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
  sqlite3 *live;
  sqlite3 *copy = NULL;
  gboolean pinned = FALSE;
  int rc;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  live = sdb_database_get_handle (db);
  /* Inside a transaction the copy would hold writes that may still be rolled back. */
  g_return_val_if_fail (sqlite3_get_autocommit (live), FALSE);

  if (!create_private_file (destination, error))
    return FALSE;

  rc = sqlite3_open_v2 (destination, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (copy);
      set_copy_error (db, destination, rc, error);
      return remove_copy (destination);
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
        set_copy_error (db, destination, rc, error);
      else
        sdb_database_set_error (db, rc, error);
      sqlite3_close (copy);
      return remove_copy (destination);
    }

  if (!passes_check (copy, "PRAGMA integrity_check"))
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                   _("The backup “%s” failed its check after copying, so it was removed. Make "
                     "the backup again, on another disk if this happens again."), destination);
      sqlite3_close (copy);
      return remove_copy (destination);
    }

  rc = sqlite3_close (copy);
  if (rc != SQLITE_OK)
    {
      set_copy_error (db, destination, rc, error);
      return remove_copy (destination);
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

/* "<name>.before-restore-N.db" beside the database, with the first N not taken. */
static char *
dup_saved_copy_path (SdbDatabase *db)
{
  const char *path = sdb_database_get_path (db);
  g_autofree char *stem = g_str_has_suffix (path, ".db") ? g_strndup (path, strlen (path) - 3)
                                                         : g_strdup (path);

  for (guint n = 1; ; n++)
    {
      char *candidate = g_strdup_printf ("%s.before-restore-%u.db", stem, n);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return candidate;
      g_free (candidate);
    }
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
 * program, undamaged, not from a newer version); then the current content is saved with
 * sdb_database_backup () to "<name>.before-restore-N.db" beside the database, and only then is
 * @source copied in, in one transaction. On any failure the database keeps its content.
 * @saved_copy is set whenever the saved copy was made, even if the restore then failed.
 *
 * A backup from an older version is copied as it is: close @db and open the file again with
 * sdb_database_open (), which migrates it and rebuilds its sort keys.
 */
gboolean
sdb_database_restore (SdbDatabase  *db,
                      const char   *source,
                      char        **saved_copy,
                      GError      **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *saved = NULL;
  sqlite3 *live;
  sqlite3 *from;
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

  saved = dup_saved_copy_path (db);
  if (!sdb_database_backup (db, saved, error))
    {
      sqlite3_close (from);
      return FALSE;
    }
  if (saved_copy != NULL)
    *saved_copy = g_strdup (saved);

  rc = copy_pages (live, from);
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
