/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-database-private.h"
#include "sdb-backup.h"
#include "sdb-enums.h"
#include "sdb-history-private.h"
#include "sdb-types.h"

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

  /* 2: every record kind of DOMAIN.md. Dates are ISO text, possibly partial ("2024",
   * "2024-02", "2024-02-05"), so they sort and compare as text. name_key and search_key are
   * made by the SQL functions sdb_sort_key, sdb_name_key and sdb_search_key, and rebuilt
   * whenever the collator changes. */
  /* The committee's name, level and symbol, each row from its date on: a past year reports
   * under the name it had. */
  "CREATE TABLE profile ("
  "  id             INTEGER PRIMARY KEY,"
  "  since          TEXT NOT NULL UNIQUE,"
  "  name           TEXT NOT NULL,"
  "  committee_name TEXT NOT NULL,"
  "  level          TEXT NOT NULL"
  "                 CHECK (level IN ('district', 'commune', 'province', 'grassroots')),"
  "  symbol         TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE TABLE term ("
  "  id         INTEGER PRIMARY KEY,"
  "  first_year INTEGER NOT NULL UNIQUE CHECK (first_year BETWEEN 1900 AND 2100),"
  "  last_year  INTEGER NOT NULL CHECK (last_year BETWEEN first_year AND 2100)"
  ") STRICT;"
  "CREATE TABLE sector ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  /* An organization row holds its present state; organization_event keeps each change with
   * the value before and after it, so the tree can be rebuilt as it stood on any date. */
  "CREATE TABLE organization ("
  "  id         INTEGER PRIMARY KEY,"
  "  code       TEXT NOT NULL UNIQUE,"
  "  name       TEXT NOT NULL,"
  "  name_key   BLOB NOT NULL,"
  "  search_key TEXT NOT NULL,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('dang_bo_cap_tren_co_so', 'dang_bo_co_so',"
  "                                           'chi_bo_co_so', 'dang_bo_bo_phan',"
  "                                           'chi_bo_truc_thuoc')),"
  "  parent_id  INTEGER REFERENCES organization (id),"
  "  sector_id  INTEGER REFERENCES sector (id),"
  "  founded    TEXT,"
  "  dissolved  TEXT,"
  "  notes      TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX organization_by_parent ON organization (parent_id);"
  "CREATE INDEX organization_by_name ON organization (name_key);"
  "CREATE INDEX organization_by_sector ON organization (sector_id);"
  "CREATE TABLE organization_event ("
  "  id              INTEGER PRIMARY KEY,"
  "  organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,"
  "  date            TEXT NOT NULL,"
  "  kind            TEXT NOT NULL CHECK (kind IN ('rename', 'move', 'merge', 'dissolve')),"
  "  old_name        TEXT,"
  "  name            TEXT,"
  "  old_parent_id   INTEGER REFERENCES organization (id),"
  "  parent_id       INTEGER REFERENCES organization (id),"
  "  target_id       INTEGER REFERENCES organization (id),"
  "  notes           TEXT NOT NULL DEFAULT '',"
  "  CHECK (kind <> 'rename' OR (name IS NOT NULL AND old_name IS NOT NULL)),"
  "  CHECK (kind <> 'merge' OR target_id IS NOT NULL)"
  ") STRICT;"
  "CREATE INDEX organization_event_by_organization"
  "  ON organization_event (organization_id, kind, date);"
  "CREATE INDEX organization_event_by_target ON organization_event (target_id);"
  "CREATE INDEX organization_event_by_parent ON organization_event (parent_id);"
  "CREATE INDEX organization_event_by_old_parent ON organization_event (old_parent_id);"
  /* A member row holds the person and where they are now (organization_id, NULL once they
   * have left the committee); member_event is their history in the committee: every event but
   * a departure places them in an organization from its date. */
  "CREATE TABLE member ("
  "  id              INTEGER PRIMARY KEY,"
  "  code            TEXT NOT NULL UNIQUE,"
  "  full_name       TEXT NOT NULL,"
  "  name_key        BLOB NOT NULL,"
  "  search_key      TEXT NOT NULL,"
  "  gender          TEXT NOT NULL CHECK (gender IN ('male', 'female')),"
  "  birth_date      TEXT,"
  "  ethnicity       TEXT NOT NULL DEFAULT '',"
  "  religion        TEXT NOT NULL DEFAULT '',"
  "  hometown        TEXT NOT NULL DEFAULT '',"
  "  card_number     TEXT NOT NULL DEFAULT '',"
  "  position        TEXT NOT NULL DEFAULT '',"
  "  notes           TEXT NOT NULL DEFAULT '',"
  "  admission_date  TEXT,"
  "  official_date   TEXT,"
  "  organization_id INTEGER REFERENCES organization (id)"
  ") STRICT;"
  "CREATE INDEX member_by_name ON member (name_key);"
  "CREATE INDEX member_by_organization ON member (organization_id, name_key);"
  "CREATE TABLE member_event ("
  "  id              INTEGER PRIMARY KEY,"
  "  member_id       INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,"
  "  date            TEXT NOT NULL,"
  "  kind            TEXT NOT NULL CHECK (kind IN ('admitted', 'transfer_in', 'move',"
  "                                                'readmitted', 'transfer_out', 'left')),"
  "  organization_id INTEGER REFERENCES organization (id),"
  "  reason          TEXT CHECK (reason IN ('died', 'struck_off', 'expelled', 'resigned')),"
  "  place           TEXT NOT NULL DEFAULT '',"
  "  notes           TEXT NOT NULL DEFAULT '',"
  "  CHECK ((kind IN ('transfer_out', 'left')) = (organization_id IS NULL)),"
  "  CHECK ((kind = 'left') = (reason IS NOT NULL))"
  ") STRICT;"
  "CREATE INDEX member_event_by_member ON member_event (member_id, date);"
  "CREATE INDEX member_event_by_organization ON member_event (organization_id);"
  "CREATE INDEX member_event_by_kind ON member_event (kind, date);"
  "CREATE TABLE member_exemption ("
  "  id         INTEGER PRIMARY KEY,"
  "  member_id  INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,"
  "  first_date TEXT NOT NULL,"
  "  last_date  TEXT,"
  "  reason     TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX member_exemption_by_member ON member_exemption (member_id, first_date);"
  /* A target for one year has first_year = last_year; no organization means the whole
   * committee. */
  "CREATE TABLE admission_target ("
  "  id              INTEGER PRIMARY KEY,"
  "  first_year      INTEGER NOT NULL CHECK (first_year BETWEEN 1900 AND 2100),"
  "  last_year       INTEGER NOT NULL CHECK (last_year BETWEEN first_year AND 2100),"
  "  organization_id INTEGER REFERENCES organization (id) ON DELETE CASCADE,"
  "  number          INTEGER NOT NULL CHECK (number >= 0)"
  ") STRICT;"
  "CREATE UNIQUE INDEX admission_target_unique"
  "  ON admission_target (first_year, last_year, ifnull (organization_id, 0));"
  "CREATE INDEX admission_target_by_organization ON admission_target (organization_id);"
  /* One rating per organization or member and year: a grade, or not rated with a reason. */
  "CREATE TABLE organization_rating ("
  "  organization_id  INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,"
  "  year             INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),"
  "  grade            TEXT CHECK (grade IN ('excellent', 'good', 'done', 'failed')),"
  "  not_rated_reason TEXT CHECK (not_rated_reason IN ('recently_admitted', 'exempt',"
  "                               'suspended', 'recently_founded', 'other')),"
  "  score            INTEGER CHECK (score BETWEEN 0 AND 100),"
  "  notes            TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (organization_id, year),"
  "  CHECK ((grade IS NULL) <> (not_rated_reason IS NULL))"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX organization_rating_by_year ON organization_rating (year, grade);"
  "CREATE TABLE member_rating ("
  "  member_id        INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,"
  "  year             INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),"
  "  grade            TEXT CHECK (grade IN ('excellent', 'good', 'done', 'failed')),"
  "  not_rated_reason TEXT CHECK (not_rated_reason IN ('recently_admitted', 'exempt',"
  "                               'suspended', 'recently_founded', 'other')),"
  "  score            INTEGER CHECK (score BETWEEN 0 AND 100),"
  "  notes            TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (member_id, year),"
  "  CHECK ((grade IS NULL) <> (not_rated_reason IS NULL))"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX member_rating_by_year ON member_rating (year, grade);"
  "CREATE TABLE meeting ("
  "  id             INTEGER PRIMARY KEY,"
  "  number         TEXT NOT NULL DEFAULT '',"
  "  symbol         TEXT NOT NULL DEFAULT '',"
  "  date           TEXT NOT NULL,"
  "  start_time     TEXT NOT NULL DEFAULT '',"
  "  end_time       TEXT NOT NULL DEFAULT '',"
  "  place          TEXT NOT NULL DEFAULT '',"
  "  kind           TEXT NOT NULL CHECK (kind IN ('executive', 'standing', 'standing_members',"
  "                                               'year_end', 'mid_term', 'thematic',"
  "                                               'dissemination', 'other')),"
  "  chair_name     TEXT NOT NULL DEFAULT '',"
  "  chair_position TEXT NOT NULL DEFAULT '',"
  "  secretary      TEXT NOT NULL DEFAULT '',"
  "  content        TEXT NOT NULL DEFAULT '',"
  "  conclusions    TEXT NOT NULL DEFAULT '',"
  "  vote_method    TEXT NOT NULL DEFAULT '',"
  "  vote_result    TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX meeting_by_date ON meeting (date);"
  /* Delegates present and absent, and invited guests, in the order of the minutes. */
  "CREATE TABLE meeting_attendee ("
  "  id         INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  seq        INTEGER NOT NULL,"
  "  attendance TEXT NOT NULL CHECK (attendance IN ('present', 'absent', 'guest')),"
  "  name       TEXT NOT NULL,"
  "  title      TEXT NOT NULL DEFAULT '',"
  "  reason     TEXT NOT NULL DEFAULT '',"
  "  member_id  INTEGER REFERENCES member (id) ON DELETE SET NULL"
  ") STRICT;"
  "CREATE INDEX meeting_attendee_by_meeting ON meeting_attendee (meeting_id, seq);"
  "CREATE INDEX meeting_attendee_by_member ON meeting_attendee (member_id);"
  "CREATE TABLE meeting_document ("
  "  id         INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  seq        INTEGER NOT NULL,"
  "  number     TEXT NOT NULL DEFAULT '',"
  "  symbol     TEXT NOT NULL DEFAULT '',"
  "  date       TEXT,"
  "  title      TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX meeting_document_by_meeting ON meeting_document (meeting_id, seq);"
  /* An award goes to exactly one recipient: an organization, a member or a named person. */
  "CREATE TABLE award ("
  "  id              INTEGER PRIMARY KEY,"
  "  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),"
  "  organization_id INTEGER REFERENCES organization (id),"
  "  member_id       INTEGER REFERENCES member (id),"
  "  person_name     TEXT,"
  "  form            TEXT NOT NULL,"
  "  reason          TEXT NOT NULL DEFAULT '',"
  "  meeting_id      INTEGER REFERENCES meeting (id) ON DELETE SET NULL,"
  "  CHECK ((organization_id IS NOT NULL) + (member_id IS NOT NULL)"
  "         + (person_name IS NOT NULL) = 1)"
  ") STRICT;"
  "CREATE INDEX award_by_year ON award (year);"
  "CREATE INDEX award_by_organization ON award (organization_id);"
  "CREATE INDEX award_by_member ON award (member_id);"
  "CREATE INDEX award_by_meeting ON award (meeting_id);"
  "CREATE TABLE badge ("
  "  id        INTEGER PRIMARY KEY,"
  "  member_id INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,"
  "  years     INTEGER NOT NULL"
  "            CHECK (years IN (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)),"
  "  date      TEXT NOT NULL,"
  "  UNIQUE (member_id, years)"
  ") STRICT;"
  "CREATE INDEX badge_by_date ON badge (date);",

  /* 3: the year's figures find the probationary members (not yet official on a date) without
   * reading every member. */
  "CREATE INDEX member_by_official_date ON member (official_date);",

  /* 4: a meeting's title ("Hội nghị Ban Chấp hành lần thứ 15"), which offices' sheets list. */
  "ALTER TABLE meeting ADD COLUMN title TEXT NOT NULL DEFAULT '';",

  /* 5: the change history (sdb-history.c): one entry per changed row, written by triggers
   * that sdb_history_migrate () makes after this step (and again after every later step, for
   * the tables as they then are). Entries are only ever added. A change's number (txn) is the
   * id of its first entry, so its entries are found from there in id order, without an index
   * that every entry would have to update. */
  "CREATE TABLE history ("
  "  id          INTEGER PRIMARY KEY,"
  "  txn         INTEGER NOT NULL,"
  "  import_id   INTEGER,"
  "  time        TEXT NOT NULL,"
  "  user        TEXT NOT NULL,"
  "  op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'start', 'import',"
  "                                          'demo', 'restore', 'undo')),"
  "  tbl         TEXT NOT NULL,"
  "  row_key     TEXT NOT NULL,"
  "  record_kind TEXT NOT NULL,"
  "  record_id   INTEGER,"
  "  record_key  TEXT NOT NULL,"
  "  changes     TEXT NOT NULL,"
  "  hash        TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX history_by_record ON history (record_kind, record_id);"
  "CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history"
  "  BEGIN SELECT RAISE (ABORT, 'the change history cannot be changed'); END;"
  "CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history"
  "  BEGIN SELECT RAISE (ABORT, 'the change history cannot be changed'); END;",

  /* 6: the CHECK constraints' lists of more than two values spelled out as comparisons, by
   * spell_out_check_lists () after this step. */
  "SELECT 1;",
};

/* The step whose tables' SQL spell_out_check_lists () rewrites. */
#define SCHEMA_VERSION_CHECKS_SPELLED_OUT 6

typedef struct
{
  const char   *address;
  const char   *sql;    /* the key in statements, which keeps it as long as the connection */
  sqlite3_stmt *stmt;
} RecentStatement;

struct _SdbDatabase
{
  GObject  parent_instance;

  char       *path;
  sqlite3    *db;
  int         schema_version;
  /* SQL text -> sqlite3_stmt, prepared once per connection. */
  GHashTable *statements;
  /* The same, by where the text lies: most statements are string constants, and an import
   * prepares a few of them for every row. Each slot is checked against the text, since a
   * statement built at run time may come at an address another one had. */
  RecentStatement recent[64];
  /* How many sdb_database_begin () are open: the first is BEGIN IMMEDIATE, the rest
   * savepoints. */
  guint       transaction_depth;
  /* While set, checks over a whole group of records wait for the end of a bulk write. */
  gboolean    deferring;
  gboolean    no_automatic_backups;
  SdbProgressFunc progress_func;
  gpointer        progress_data;
  gboolean    read_only;  /* sdb_database_open_read_only (): every write is refused */
};

G_DEFINE_QUARK (sdb-database-error-quark, sdb_database_error)
G_DEFINE_FINAL_TYPE (SdbDatabase, sdb_database, G_TYPE_OBJECT)

static void
sdb_database_finalize (GObject *object)
{
  SdbDatabase *self = SDB_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* Keeps the planner's statistics current, as SQLite advises before closing: without them it
   * may pick a low-selectivity index (member events by kind) over the member's own. */
  if (self->db != NULL)
    sqlite3_exec (self->db, "PRAGMA analysis_limit = 400; PRAGMA optimize", NULL, NULL, NULL);
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
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
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

/* What a failed system call on the database @path means for the clerk, from its @errsv (an
 * errno): the disk is full, the file cannot be written, or it cannot be opened at all. */
static gboolean
set_file_error (const char  *path,
                int          errsv,
                GError     **error)
{
  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NO_SPACE,
                 _("The disk holding “%s” is full. Nothing was saved; free some space and try "
                   "again."), path);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_PERMISSION,
                 _("The database “%s” cannot be written: the file or its disk is read-only, or "
                   "you do not have permission. Nothing was saved. Ask whoever looks after this "
                   "computer for permission to write there, then try again."), path);
  else
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_CANNOT_OPEN,
                 _("The database “%s” cannot be opened: %s."), path, g_strerror (errsv));
  return FALSE;
}

/* The errno behind an I/O error. SQLite keeps it for an error inside a statement but not for one
 * at COMMIT, where a transaction's pages reach the disk: there the file system is asked, as
 * SQLite itself asks it. */
static int
last_system_errno (sqlite3 *db)
{
  int errsv = errno;
  sqlite3_vfs *vfs = NULL;

  if (sqlite3_system_errno (db) != 0)
    return sqlite3_system_errno (db);
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) != SQLITE_OK
      || vfs == NULL || vfs->xGetLastError == NULL)
    return 0;
  errno = errsv;
  return vfs->xGetLastError (vfs, 0, NULL);
}

static gboolean
set_sqlite_error (SdbDatabase  *self,
                  int           rc,
                  GError      **error)
{
  int primary = rc & 0xff;
  /* A disk that fills or turns read-only under a write often reaches SQLite as an I/O error
   * (extending the -shm file, writing the -wal at COMMIT): the errno tells which. */
  int errsv = (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && self->db != NULL
              ? last_system_errno (self->db) : 0;

  /* SQLite's own codes for a full disk and a file it may not write. */
  if (primary == SQLITE_FULL)
    errsv = ENOSPC;
  else if (primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_AUTH)
    errsv = EACCES;

  if (errsv == ENOSPC || errsv == EDQUOT || errsv == EACCES || errsv == EPERM || errsv == EROFS)
    set_file_error (self->path, errsv, error);
  else if (primary == SQLITE_NOTADB)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
                 _("“%s” is not a Sổ Đảng bộ database, or its beginning is damaged. The file "
                   "has not been changed. Open another file, or restore a backup."), self->path);
  /* A damaged database is never repaired in place: a repair could lose what is still there. */
  else if (primary == SQLITE_CORRUPT)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_A_DATABASE,
                 _("The database “%s” is damaged: part of it cannot be read. The file has not "
                   "been changed. Restore a backup, and keep the damaged file in case its "
                   "records are needed."), self->path);
  else if (primary == SQLITE_IOERR)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                 _("The database “%s” could not be read or written (%s). Nothing was saved. "
                   "Check the disk or USB drive it is on, then try again."), self->path,
                 errsv != 0 ? g_strerror (errsv) : sqlite3_errstr (rc));
  else if (primary == SQLITE_CANTOPEN)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_CANNOT_OPEN,
                 _("The database “%s” cannot be opened: %s."), self->path,
                 errsv != 0 ? g_strerror (errsv) : sqlite3_errstr (rc));
  else if (primary == SQLITE_NOMEM)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                 _("There is not enough memory to use the database “%s”. Nothing was saved. "
                   "Close other programs, then try again."), self->path);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_BUSY,
                 _("The database “%s” is busy: another program is writing to it. Try again in "
                   "a moment."), self->path);
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY || rc == SQLITE_CONSTRAINT_TRIGGER)
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_IN_USE,
                 _("Other records still refer to this one. Change or delete them first."));
  else
    g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                 _("The database “%s” could not be used: %s."), self->path,
                 self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
sdb_database_set_error (SdbDatabase  *self,
                        int           rc,
                        GError      **error)
{
  return set_sqlite_error (self, rc, error);
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

gboolean
sdb_database_exec (SdbDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  return exec (self, sql, error);
}

static gboolean
read_int (SdbDatabase  *self,
          const char   *sql,
          int          *value,
          GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (self, rc, error);
    }
  *value = sqlite3_column_int (stmt, 0);
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

/* SQL functions that make the stored keys, so that inserts, updates and the rebuild after a
 * collator change all make them the same way. */
static void
sql_key_function (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  const char *kind = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (g_str_equal (kind, "search"))
    {
      char *key = sdb_vn_search_key (text);

      sqlite3_result_text (context, key, -1, g_free);
    }
  else
    {
      g_autoptr(GBytes) key = g_str_equal (kind, "name") ? sdb_vn_name_sort_key (text)
                                                          : sdb_vn_sort_key (text);
      gsize size = 0;
      const void *data = g_bytes_get_data (key, &size);

      sqlite3_result_blob (context, data, (int) size, SQLITE_TRANSIENT);
    }
}

static gboolean
register_functions (SdbDatabase  *self,
                    GError      **error)
{
  static const char *const kinds[][2] = {
    { "sdb_sort_key", "sort" }, { "sdb_name_key", "name" }, { "sdb_search_key", "search" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      int rc = sqlite3_create_function_v2 (self->db, kinds[i][0], 1,
                                           SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                           (void *) kinds[i][1], sql_key_function,
                                           NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return set_sqlite_error (self, rc, error);
    }
  return sdb_history_attach (self, error);
}

/* Sort and search keys are made by ICU and by our folding rules; when either has changed since
 * they were stored, every key is made again, in one transaction. */
static gboolean
ensure_keys_current (SdbDatabase  *self,
                     GError      **error)
{
  g_autofree char *current = sdb_vn_collator_version ();
  g_autofree char *stored = sdb_database_dup_meta (self, "collator");

  if (self->schema_version < 2 || g_strcmp0 (current, stored) == 0)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self,
             "UPDATE organization SET name_key = sdb_sort_key (name),"
             "                        search_key = sdb_search_key (name);"
             "UPDATE member SET name_key = sdb_name_key (full_name),"
             "                  search_key = sdb_search_key (full_name);", error)
      || !set_meta (self, "collator", current, error)
      || !exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* SQLite checks "kind IN ('a', 'b', 'c')" in a CHECK constraint by building a temporary b-tree
 * of the list, again for every row written (EXPLAIN shows an OpenEphemeral that no Once
 * guards): two of them for each member event, one for each history entry. That was a tenth of
 * a province's import. "(kind = 'a' OR kind = 'b' OR kind = 'c')" says the same and is checked
 * by comparisons; SQLite itself keeps lists of one or two values as comparisons.
 *
 * Returns @sql with every "name IN (constant, …)" of more than two constants outside quotes
 * written that way, or NULL when there is none. */
static char *
spell_out_in_lists (const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *copied = sql;  /* what is before this is in @out */
  gboolean changed = FALSE;
  const char *p = sql;

  while (*p != '\0')
    {
      const char *name_end, *name, *q;
      g_autoptr(GPtrArray) items = NULL;

      if (*p == '\'' || *p == '"')
        {
          const char *close = strchr (p + 1, *p);

          p = close != NULL ? close + 1 : p + strlen (p);
          continue;
        }
      if (!g_str_has_prefix (p, " IN ("))
        {
          p++;
          continue;
        }
      name_end = p;
      for (name = p; name > sql && (g_ascii_isalnum (name[-1]) || name[-1] == '_'); name--)
        ;
      if (name == name_end)
        {
          p++;
          continue;
        }
      q = p + strlen (" IN (");
      items = g_ptr_array_new_with_free_func (g_free);
      for (;;)
        {
          const char *start;

          while (g_ascii_isspace (*q))
            q++;
          start = q;
          if (*q == '\'')
            {
              const char *close = strchr (q + 1, '\'');

              if (close == NULL || close[1] == '\'')
                break;
              q = close + 1;
            }
          else
            while (g_ascii_isdigit (*q))
              q++;
          if (q == start)
            break;
          g_ptr_array_add (items, g_strndup (start, q - start));
          while (g_ascii_isspace (*q))
            q++;
          if (*q != ',')
            break;
          q++;
        }
      if (*q != ')' || items->len <= 2)
        {
          p++;
          continue;
        }
      g_string_append_len (out, copied, name - copied);
      g_string_append_c (out, '(');
      for (guint i = 0; i < items->len; i++)
        {
          if (i > 0)
            g_string_append (out, " OR ");
          g_string_append_len (out, name, name_end - name);
          g_string_append_printf (out, " = %s", (char *) g_ptr_array_index (items, i));
        }
      g_string_append_c (out, ')');
      copied = p = q + 1;
      changed = TRUE;
    }
  if (!changed)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ALTER TABLE cannot change a CHECK constraint. For a change that every stored row already
 * meets and that leaves the file format alone, SQLite documents editing the table's SQL in
 * sqlite_schema and then moving the schema version on, so that every connection reads the
 * schema again (https://sqlite.org/lang_altertable.html#otheralter). Runs inside the step's
 * transaction. */
static gboolean
spell_out_check_lists (SdbDatabase  *self,
                       GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rewritten = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int defensive = 0, schema_version = 0, rc;
  gboolean ok = TRUE;

  rc = sqlite3_prepare_v2 (self->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                           " AND sql IS NOT NULL ORDER BY name", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *sql = spell_out_in_lists ((const char *) sqlite3_column_text (stmt, 1));

      if (sql != NULL)
        {
          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (rewritten, sql);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  if (names->len == 0)
    return TRUE;
  if (!read_int (self, "PRAGMA schema_version", &schema_version, error))
    return FALSE;

  /* A build of SQLite made defensive refuses writes to sqlite_schema unless told otherwise. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
  ok = exec (self, "PRAGMA writable_schema = ON", error);
  rc = ok ? sqlite3_prepare_v2 (self->db, "UPDATE sqlite_schema SET sql = ?1"
                                " WHERE type = 'table' AND name = ?2", -1, &stmt, NULL)
          : SQLITE_OK;
  for (guint i = 0; ok && i < names->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (rewritten, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (names, i), -1, SQLITE_STATIC);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (stmt);
      if (rc != SQLITE_OK)
        ok = set_sqlite_error (self, rc, error);
    }
  sqlite3_finalize (stmt);
  if (ok)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA schema_version = %d", schema_version + 1);

      ok = exec (self, bump, error);
    }
  sqlite3_exec (self->db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, defensive, NULL);
  /* Reading the schema again parses the new SQL: a mistake fails the step here. */
  return ok && exec (self, "SELECT count(*) FROM sqlite_schema", error);
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
          || (step + 1 == SCHEMA_VERSION_CHECKS_SPELLED_OUT
              && !spell_out_check_lists (self, error))
          || (step + 1 >= SDB_HISTORY_SCHEMA_VERSION
              && !sdb_history_migrate (self, step + 1, error))
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
    return set_file_error (path, saved_errno, error);
  close (fd);
  return TRUE;
}

/* SQLite gives the -wal and -shm it creates the database file's mode. A read while the file could
 * not be written (a copy from a CD, a file marked read-only) leaves them read-only beside it
 * when it cannot remove them; once the file can be written again, SQLite would still open them
 * read-only and refuse every write as if the file could not be. They are the clerk's own, and
 * are made private and writable like the file (0600): their content is not touched, so a
 * program reading them meanwhile is not disturbed. */
static void
make_companions_writable (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (companion, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
          && (st.st_mode & 0777) != 0600)
        g_chmod (companion, 0600);
    }
}

static gboolean
set_folder_missing_error (const char  *folder,
                          GError     **error)
{
  g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FOLDER_MISSING,
               _("The folder “%s” does not exist. Choose a database in an existing folder."),
               folder);
  return FALSE;
}

/* A database written by a newer program is refused before anything is written to it. */
static gboolean
check_not_newer (SdbDatabase  *self,
                 int           version,
                 GError      **error)
{
  if (version <= sdb_database_get_latest_schema_version ())
    return TRUE;
  g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NEWER,
               _("“%s” was written by a newer version of Sổ Đảng bộ (database version %d; "
                 "this program knows up to %d). Install the newer version to open it. The "
                 "file has not been changed."),
               self->path, version, sdb_database_get_latest_schema_version ());
  return FALSE;
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
          set_folder_missing_error (folder, error);
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
  make_companions_writable (self->path);

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
      || !read_int (self, "PRAGMA user_version", &version, error)
      || !check_not_newer (self, version, error))
    return NULL;
  self->schema_version = version;

  if (!register_functions (self, error)
      || !exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      /* A large write (an import, the demo) otherwise spills SQLite's statement journal to a
       * temporary file and rewrites pages there for every row. */
      || !exec (self, "PRAGMA temp_store = MEMORY", error)
      /* A province's database is a few hundred megabytes: reading it through a memory map and
       * a larger page cache keeps a whole-database pass (check, statistics) off the disk. */
      || !exec (self, "PRAGMA cache_size = -32768", error)
      || !exec (self, "PRAGMA mmap_size = 1073741824", error)
      /* An older database is copied into the backups folder before its schema changes. */
      || (version > 0 && version < sdb_database_get_latest_schema_version ()
          && !sdb_database_auto_backup (self, SDB_BACKUP_REASON_MIGRATION, NULL, error))
      || !migrate (self, version, error)
      || !ensure_keys_current (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Whether the -wal beside @path holds transactions, of a program that has the database open or
 * of one that was cut off: they are part of the records. An empty -wal holds none. */
static gboolean
has_pending_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Connects to @filename (a path, or a file: URI when @flags has SQLITE_OPEN_URI) read-only and
 * reads the schema: that first read is where SQLite opens the -wal and -shm of a WAL database.
 * Returns an SQLite result code; a failed connection is kept for the error message. */
static int
connect_read_only (SdbDatabase *self,
                   const char  *filename,
                   int          flags)
{
  int rc;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  rc = sqlite3_open_v2 (filename, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX | flags, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  return sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
}

static void
close_wal_keeper (gpointer keeper)
{
  sqlite3_close_v2 (keeper);
}

/* SQLite removes the -wal and -shm of a WAL database when the last connection to it closes, but
 * a read-only connection cannot take the write lock that tells it is the last, and leaves them
 * beside the file. So where the file and its folder can be written, a read-only database keeps
 * a second connection, read-write but given no statement after its first read, and closed after
 * its own (GObject frees an object's data after finalize): the -wal and -shm are then removed as
 * after any use of the program. Closing it only checkpoints what another program committed
 * meanwhile, as the last connection always does. */
static void
open_wal_keeper (SdbDatabase *self,
                 const char  *folder)
{
  sqlite3 *keeper = NULL;

  if (g_access (self->path, W_OK) != 0 || g_access (folder, W_OK) != 0)
    return;
  if (sqlite3_open_v2 (self->path, &keeper, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL)
        != SQLITE_OK
      /* SQLite opens a file it cannot write read-only without a word. */
      || sqlite3_db_readonly (keeper, "main") != 0)
    {
      sqlite3_close_v2 (keeper);
      return;
    }
  /* Reading opens the -wal. A damaged file fails here too, but the -wal it opened must still be
   * removed: the error is for the database's own connection to tell. */
  sqlite3_busy_timeout (keeper, BUSY_TIMEOUT_MS);
  sqlite3_exec (keeper, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  g_object_set_data_full (G_OBJECT (self), "sdb-wal-keeper", keeper, close_wal_keeper);
}

/**
 * sdb_database_open_read_only:
 *
 * Opens the database at @path only to read it, so that what only reads (information, checks,
 * figures, reports, exports, backup copies) works where the file cannot be written: a USB stick
 * with its lock switch on, a CD, a file the clerk may only read. The database is never created,
 * written, migrated or backed up, and its sort and search keys are used as stored, even when
 * the collator has changed since. Every write through it fails with
 * %SDB_DATABASE_ERROR_PERMISSION; sdb_database_begin () refuses at once.
 *
 * A missing folder fails with %SDB_DATABASE_ERROR_FOLDER_MISSING, a missing file with
 * %SDB_DATABASE_ERROR_CANNOT_OPEN. A database of an older schema fails with
 * %SDB_DATABASE_ERROR_OLDER: sdb_database_open () must bring it up to date first, where it can
 * be written. One of a newer schema fails with %SDB_DATABASE_ERROR_NEWER.
 */
SdbDatabase *
sdb_database_open_read_only (const char  *path,
                             GError     **error)
{
  g_autoptr(SdbDatabase) self = NULL;
  g_autofree char *folder = NULL;
  gboolean pending;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SDB_TYPE_DATABASE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = TRUE;
  /* Automatic backups keep the state before a write, and there is none. */
  self->no_automatic_backups = TRUE;
  folder = g_path_get_dirname (self->path);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      set_folder_missing_error (folder, error);
      return NULL;
    }
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      set_file_error (self->path, ENOENT, error);
      return NULL;
    }

  /* Every database is in WAL mode, and SQLite 3.40 reads a WAL database read-only only when its
   * -wal and -shm exist, or when it can create them beside it, or when the file is opened as
   * immutable (https://www.sqlite.org/wal.html, "Read-Only Databases"). So the file is first
   * opened read-only as usual: SQLite then takes its locks and reads the -wal, safe beside a
   * program that is writing, and it creates the -wal and -shm when they are missing and the
   * folder can be written (open_wal_keeper () removes them afterwards). Where it cannot create
   * them (a read-only disk, a folder the clerk may not write) and no -wal holds transactions,
   * nobody is writing the file and all of its records are in it, so it is opened again as
   * immutable: without locks, -wal or -shm. Immutable is kept for that case because SQLite
   * trusts it blindly: a file that changed meanwhile would be misread. When a -wal does hold
   * transactions, immutable would ignore them: the first error stands. Such a -wal is also left
   * as it is, for the program that wrote it (no keeper checkpoints it into the file). */
  pending = has_pending_wal (self->path);
  if (!pending)
    open_wal_keeper (self, folder);
  rc = connect_read_only (self, self->path, 0);
  if (((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY) && !pending)
    {
      g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      if (uri != NULL)
        rc = connect_read_only (self, immutable, SQLITE_OPEN_URI);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  if (!read_int (self, "PRAGMA user_version", &version, error)
      || !check_not_newer (self, version, error))
    return NULL;
  if (version < sdb_database_get_latest_schema_version ())
    {
      g_set_error (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_OLDER,
                   _("“%s” was written by an older version of Sổ Đảng bộ (database version %d; "
                     "this program uses %d), so it cannot be read here before it is brought up "
                     "to date. Open it once with this version where the file can be written (not "
                     "on a read-only disk): it is brought up to date then. The file has not been "
                     "changed."),
                   self->path, version, sdb_database_get_latest_schema_version ());
      return NULL;
    }
  self->schema_version = version;

  if (!register_functions (self, error)
      || !exec (self, "PRAGMA temp_store = MEMORY", error)
      || !exec (self, "PRAGMA cache_size = -32768", error)
      || !exec (self, "PRAGMA mmap_size = 1073741824", error))
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

sqlite3 *
sdb_database_get_handle (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), NULL);

  return self->db;
}

/* Returns a statement ready to bind: prepared the first time @sql is seen on this connection,
 * reused afterwards. */
SdbStmt *
sdb_database_prepare (SdbDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gpointer key;
  int rc;
  RecentStatement *slot;

  g_return_val_if_fail (SDB_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  slot = &self->recent[(GPOINTER_TO_SIZE (sql) >> 3) % G_N_ELEMENTS (self->recent)];
  if (slot->address == sql && strcmp (slot->sql, sql) == 0)
    return slot->stmt;
  if (g_hash_table_lookup_extended (self->statements, sql, &key, (gpointer *) &stmt))
    {
      slot->address = sql;
      slot->sql = key;
      slot->stmt = stmt;
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* A statement that does not prepare is a bug in src/core, but the clerk still gets a
       * message and nothing is written. */
      g_critical ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
sdb_stmt_release (SdbStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

int
sdb_database_step (SdbDatabase  *self,
                   SdbStmt      *stmt,
                   GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  set_sqlite_error (self, rc, error);
  return 0;
}

gboolean
sdb_database_step_done (SdbDatabase  *self,
                        SdbStmt      *stmt,
                        GError      **error)
{
  int rc = sdb_database_step (self, stmt, error);

  if (rc == SQLITE_ROW)
    {
      g_critical ("A statement meant to write returned a row: %s", sqlite3_sql (stmt));
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                           _("The database could not be used: an unexpected result."));
      return FALSE;
    }
  return rc == SQLITE_DONE;
}

gint64
sdb_database_last_insert_id (SdbDatabase *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

int
sdb_database_changes (SdbDatabase *self)
{
  return sqlite3_changes (self->db);
}

/* Runs one statement of transaction control through the statement cache: every write opens
 * and closes a savepoint, and an import makes hundreds of thousands of them. */
static gboolean
exec_cached (SdbDatabase  *self,
             const char   *sql,
             GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (self, sql, error);

  return stmt != NULL && sdb_database_step_done (self, stmt, error);
}

/* The outermost transaction starts with @outer; inner ones are savepoints. */
static gboolean
begin (SdbDatabase  *self,
       const char   *outer,
       GError      **error)
{
  g_autofree char *sql = NULL;

  /* The change history writes what waits in memory in the transaction itself, never inside a
   * savepoint that may be rolled back. */
  if (self->transaction_depth == 1 && !sdb_history_flush (self, FALSE, error))
    return FALSE;
  if (self->transaction_depth == 0)
    sql = g_strdup (outer);
  else
    sql = g_strdup_printf ("SAVEPOINT sdb_%u", self->transaction_depth);
  if (!exec_cached (self, sql, error))
    return FALSE;
  self->transaction_depth++;
  sdb_history_savepoint_begun (self, self->transaction_depth);
  return TRUE;
}

guint
sdb_database_get_transaction_depth (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), 0);

  return self->transaction_depth;
}

gboolean
sdb_database_begin (SdbDatabase  *self,
                    GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);

  /* An immutable connection would even take BEGIN IMMEDIATE: the refusal comes first. */
  if (self->read_only)
    return set_file_error (self->path, EROFS, error);
  return begin (self, "BEGIN IMMEDIATE", error);
}

/**
 * sdb_database_begin_read:
 *
 * Begins a transaction that only reads: every query until the commit sees the same state of
 * the file, while other programs may go on writing (WAL). Nested inside another transaction
 * it is a savepoint. End it with sdb_database_commit () or sdb_database_rollback ().
 */
gboolean
sdb_database_begin_read (SdbDatabase  *self,
                         GError      **error)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);

  return begin (self, "BEGIN DEFERRED", error);
}

gboolean
sdb_database_commit (SdbDatabase  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  /* The change history's entries are written last of all before the COMMIT. */
  if (self->transaction_depth == 1 && !sdb_history_flush (self, TRUE, error))
    {
      sdb_database_rollback (self);
      return FALSE;
    }
  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE sdb_%u", self->transaction_depth - 1);
  if (!exec_cached (self, sql, error))
    {
      sdb_database_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
sdb_database_rollback (SdbDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SDB_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  sdb_history_savepoint_rolled_back (self, self->transaction_depth);
  self->transaction_depth--;
  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO sdb_%u; RELEASE sdb_%u",
                           self->transaction_depth, self->transaction_depth);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/**
 * sdb_database_set_problems_error:
 * @code: the #SdbDatabaseError of @error
 *
 * Sets @error to the first error of @problems, and how many more there are.
 *
 * Returns: %FALSE, for the caller to return
 */
gboolean
sdb_database_set_problems_error (GPtrArray         *problems,
                                 SdbDatabaseError   code,
                                 GError           **error)
{
  const SdbProblem *first = sdb_problems_find (problems, NULL, SDB_SEVERITY_ERROR);
  guint n = sdb_problems_count (problems, SDB_SEVERITY_ERROR);

  g_return_val_if_fail (first != NULL, FALSE);

  if (n == 1)
    g_set_error_literal (error, SDB_DATABASE_ERROR, code, first->message);
  else
    {
      g_autofree char *more = sdb_vn_format_int (n - 1);

      /* TRANSLATORS: the first %s is a problem, the second how many more, formatted. */
      g_set_error (error, SDB_DATABASE_ERROR, code,
                   g_dngettext (GETTEXT_PACKAGE, "%s (and %s more problem)",
                                "%s (and %s more problems)", n - 1),
                   first->message, more);
    }
  return FALSE;
}

gboolean
sdb_database_set_invalid_error (GPtrArray  *problems,
                                GError    **error)
{
  return sdb_database_set_problems_error (problems, SDB_DATABASE_ERROR_INVALID, error);
}

gboolean
sdb_database_finish_write (SdbDatabase  *self,
                           gboolean      ok,
                           GPtrArray    *found,
                           GPtrArray    *problems,
                           GError      **error)
{
  if (ok)
    ok = sdb_database_commit (self, error);
  else
    sdb_database_rollback (self);

  if (problems != NULL && found != NULL)
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (problems, sdb_problem_copy (g_ptr_array_index (found, i)));
  return ok;
}

void
sdb_stmt_bind_text (SdbStmt    *stmt,
                    int         index,
                    const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

void
sdb_stmt_bind_nullable_text (SdbStmt    *stmt,
                             int         index,
                             const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
sdb_stmt_bind_date (SdbStmt       *stmt,
                    int            index,
                    const SdbDate *date)
{
  char text[SDB_DATE_ISO_SIZE];

  if (date == NULL || date->year == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, sdb_date_write_iso (date, text), -1, SQLITE_TRANSIENT);
}

void
sdb_stmt_bind_id (SdbStmt *stmt,
                  int      index,
                  gint64   id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
sdb_stmt_bind_int (SdbStmt *stmt,
                   int      index,
                   gint64   value)
{
  sqlite3_bind_int64 (stmt, index, value);
}

void
sdb_stmt_bind_enum (SdbStmt *stmt,
                    int      index,
                    GType    enum_type,
                    int      value)
{
  const char *code = sdb_enum_to_code (enum_type, value);

  g_return_if_fail (code != NULL);
  sqlite3_bind_text (stmt, index, code, -1, SQLITE_STATIC);
}

char *
sdb_stmt_dup_text (SdbStmt *stmt,
                   int      column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

void
sdb_stmt_get_date (SdbStmt *stmt,
                   int      column,
                   SdbDate *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  *date = (SdbDate) { 0, 0, 0 };
  if (text != NULL && !sdb_date_from_iso (text, date))
    *date = (SdbDate) { 0, 0, 0 };
}

gint64
sdb_stmt_get_int (SdbStmt *stmt,
                  int      column)
{
  return sqlite3_column_int64 (stmt, column);
}

gboolean
sdb_stmt_is_null (SdbStmt *stmt,
                  int      column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL;
}

/* The CHECK constraints of the schema keep codes valid, so an unknown one reads as 0. */
int
sdb_stmt_get_enum (SdbStmt *stmt,
                   int      column,
                   GType    enum_type)
{
  int value = 0;

  sdb_enum_from_code (enum_type, (const char *) sqlite3_column_text (stmt, column), &value);
  return value;
}

gboolean
sdb_set_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
sdb_set_text (char       **field,
              const char  *text)
{
  g_autofree char *normalized = sdb_vn_normalize (text != NULL ? text : "");

  /* Text that is not UTF-8 never reaches a record: it becomes empty, and validation asks for
   * it again. */
  if (normalized == NULL)
    normalized = g_strdup ("");
  return sdb_set_str (field, g_strstrip (normalized));
}

gboolean
sdb_set_date (SdbDate       *field,
              const SdbDate *value)
{
  SdbDate v = value != NULL ? *value : (SdbDate) { 0, 0, 0 };

  if (field->year == v.year && field->month == v.month && field->day == v.day)
    return FALSE;
  *field = v;
  return TRUE;
}

gpointer
sdb_database_lookup_row (SdbDatabase  *self,
                         SdbStmt      *stmt,
                         SdbRowFunc    from_row,
                         const char   *not_found,
                         GError      **error)
{
  int rc = sdb_database_step (self, stmt, error);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND, not_found);
  return NULL;
}

GListModel *
sdb_database_list_rows (SdbDatabase  *self,
                        SdbStmt      *stmt,
                        GType         item_type,
                        SdbRowFunc    from_row,
                        GError      **error)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  int rc;

  while ((rc = sdb_database_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = from_row (stmt);

      g_list_store_append (store, item);
    }
  if (rc == 0)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

gboolean
sdb_database_delete_by_id (SdbDatabase  *self,
                           const char   *sql,
                           gint64        id,
                           const char   *not_found,
                           GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  /* A deletion and what it takes with it (cascades, links set to NULL, their history) are one
   * transaction. */
  if (!sdb_database_begin (self, error))
    return FALSE;
  stmt = sdb_database_prepare (self, sql, error);
  if (stmt != NULL)
    sdb_stmt_bind_int (stmt, 1, id);
  if (stmt == NULL || !sdb_database_step_done (self, stmt, error))
    {
      sdb_database_rollback (self);
      return FALSE;
    }
  if (sdb_database_changes (self) == 0)
    {
      sdb_database_rollback (self);
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND, not_found);
      return FALSE;
    }
  sdb_stmt_release (g_steal_pointer (&stmt));
  return sdb_database_commit (self, error);
}

void
sdb_database_set_deferring (SdbDatabase *self,
                            gboolean     deferring)
{
  g_return_if_fail (SDB_IS_DATABASE (self));

  self->deferring = deferring;
}

gboolean
sdb_database_is_deferring (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);

  return self->deferring;
}

/**
 * sdb_database_set_progress_func:
 * @func: (nullable): called as a long write goes on; %NULL: nobody is told
 *
 * Who is told how far a long write (an import) has come: sdb_database_report_progress ().
 */
void
sdb_database_set_progress_func (SdbDatabase     *self,
                                SdbProgressFunc  func,
                                gpointer         user_data)
{
  g_return_if_fail (SDB_IS_DATABASE (self));

  self->progress_func = func;
  self->progress_data = user_data;
}

/* Tells the progress function, if there is one, that @done of @total steps are done. */
void
sdb_database_report_progress (SdbDatabase *self,
                              guint64      done,
                              guint64      total)
{
  g_return_if_fail (SDB_IS_DATABASE (self));

  if (self->progress_func != NULL)
    self->progress_func (done, total, self->progress_data);
}

void
sdb_database_set_automatic_backups (SdbDatabase *self,
                                    gboolean     enabled)
{
  g_return_if_fail (SDB_IS_DATABASE (self));

  self->no_automatic_backups = !enabled;
}

gboolean
sdb_database_get_automatic_backups (SdbDatabase *self)
{
  g_return_val_if_fail (SDB_IS_DATABASE (self), FALSE);

  return !self->no_automatic_backups;
}
