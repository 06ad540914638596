/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-database.h"

/* How long a second writer waits for the first before it is told the database is busy. */
#define BUSY_TIMEOUT_MS 5000

struct _SdbDatabase
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

G_DEFINE_QUARK (sdb-database-error-quark, sdb_database_error)
G_DEFINE_FINAL_TYPE (SdbDatabase, sdb_database, G_TYPE_OBJECT)

static void
sdb_database_finalize (GObject *object)
{
  SdbDatabase *self = SDB_DATABASE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sdb_database_parent_class)->finalize (object);
}

static void
sdb_database_class_init (SdbDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sdb_database_finalize;
}

static void
sdb_database_init (SdbDatabase *self)
{
}

/**
 * sdb_database_dup_default_path:
 *
 * `$XDG_DATA_HOME/sodangbo/sodangbo.db`; a development build uses the folder `sodangbo-devel`
 * so that it never touches a clerk's records.
 */
char *
sdb_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), SDB_DATA_DIR_NAME, "sodangbo.db", NULL);
}

static gboolean
is_default_folder (const char *folder)
{
  g_autofree char *default_path = sdb_database_dup_default_path ();
  g_autofree char *default_folder = g_path_get_dirname (default_path);

  return g_strcmp0 (folder, default_folder) == 0;
}

static gboolean
set_sqlite_error (SdbDatabase  *self,
                  int           rc,
                  GError      **error)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Sổ Đảng bộ database, or it is damaged. Open another file, "
                   "or restore a backup."), self->path);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_BUSY,
                 _("The database “%s” is busy: another program is writing to it. Try again in "
                   "a moment."), self->path);
  else
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                 _("The database “%s” could not be used: %s."), self->path,
                 self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec (SdbDatabase  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Creates the file before SQLite does, so that it never exists with wider permissions than
 * 0600; SQLite gives its -wal and -shm files the same mode. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd < 0)
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_CANNOT_OPEN,
                   _("The database “%s” cannot be opened: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * sdb_database_open:
 *
 * Opens the database at @path, creating it (0600) if it does not exist. The default folder is
 * created (0700) when missing; any other folder must exist, since a missing one is far more
 * likely a mistyped path than a wish for a new folder.
 */
SdbDatabase *
sdb_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(SdbDatabase) self = NULL;
  g_autofree char *folder = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SDB_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  folder = g_path_get_dirname (self->path);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (!is_default_folder (folder))
        {
          g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING,
                       _("The folder “%s” does not exist. Choose a database in an existing "
                         "folder."), folder);
          return NULL;
        }
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_CANNOT_OPEN,
                       _("The folder “%s” cannot be created: %s."),
                       folder, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!ensure_private_file (self->path, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Reading the schema is what tells a database from any other file. */
  if (!exec (self, "SELECT count(*) FROM sqlite_schema", error)
      || !exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
sdb_database_get_path (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), NULL);

  return self->path;
}
