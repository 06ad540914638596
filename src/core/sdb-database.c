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
#include "sdb-vn.h"

/* How long a second writer waits for the first before it is told the database is busy. */
#define BUSY_TIMEOUT_MS 5000

/* The schema, one step per entry: migrations[i] takes PRAGMA user_version from i to i + 1, in
 * one transaction. A step that has shipped is never edited: a change is a new step. */
static const char *const migrations[] = {
  /* 1: what the program keeps about the database itself (who made it, which collator made its
   * sort keys). */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") STRICT, WITHOUT ROWID;",
};

struct _SdbDatabase
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  int      schema_version;
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

static gboolean
read_user_version (SdbDatabase  *self,
                   int          *version,
                   GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, rc, error);
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
set_meta (SdbDatabase  *self,
          const char   *key,
          const char   *value,
          GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/**
 * sdb_database_dup_meta:
 *
 * Returns: (nullable): what the database keeps under @key in its meta table.
 */
char *
sdb_database_dup_meta (SdbDatabase *self,
                       const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->schema_version < 1)
    return NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return value;
}

/* Brings the schema from @from up to the latest, one step per transaction, so that a failure
 * (or a power cut) leaves the database at the last step that completed. */
static gboolean
migrate (SdbDatabase  *self,
         int           from,
         GError      **error)
{
  for (int step = from; step < (int) G_N_ELEMENTS (migrations); step++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", step + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec (self, migrations[step], error)
          || (step == 0 && !set_meta (self, "created_with", PACKAGE_VERSION, error))
          || !exec (self, set_version, error)
          || !exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->schema_version = step + 1;
    }

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
  int version = 0;
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

  /* Reading the schema is what tells a database from any other file. Nothing is written
   * before the version check, so a database from a newer program stays byte-identical. */
  if (!exec (self, "SELECT count(*) FROM sqlite_schema", error)
      || !read_user_version (self, &version, error))
    return NULL;

  if (version > sdb_database_get_latest_schema_version ())
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Sổ Đảng bộ (database version %d; "
                     "this program knows up to %d). Install the newer version to open it. The "
                     "file has not been changed."),
                   self->path, version, sdb_database_get_latest_schema_version ());
      return NULL;
    }
  self->schema_version = version;

  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      || !migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
sdb_database_get_schema_version (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * sdb_database_get_latest_schema_version:
 *
 * The schema version this program writes; an older database is migrated up to it on open.
 */
int
sdb_database_get_latest_schema_version (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

const char *
sdb_database_get_path (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), NULL);

  return self->path;
}
