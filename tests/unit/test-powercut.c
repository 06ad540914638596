/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Power cuts. A killed program (tests/crash) leaves on disk all it handed to the kernel; a power
 * cut may also lose whatever was written since the last fsync, keep only some of it, in any
 * order, and tear a write at a sector boundary. SQLite's WAL with synchronous = FULL is meant
 * to survive that; these tests show that the way the core uses it does.
 *
 * A file system (an SQLite VFS wrapping the default one) records, while a workload of ordinary
 * core writes runs, every write, truncation, sync and deletion made to the database and its
 * -wal or -journal (the -shm is shared memory: a reboot rebuilds it). Replaying that trace
 * keeps, per file, what is durable and what is still pending since its last sync; the folder
 * too, since a file created or deleted since the folder was last synced may come back as it
 * was. For a cut after any event the replay writes the files a reboot could find into a fresh
 * folder, and the core must open them with the real file system, find nothing damaged, and hold
 * exactly the records of one prefix of the workload: at least every write whose commit had
 * returned before the cut, and never half of one. A control run with synchronous = OFF must be
 * caught losing or damaging something, so that the first test cannot pass by seeing nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sdb-check.h"
#include "sdb-database-private.h"
#include "sdb-interchange.h"
#include "sdb-member.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-test.h"

/* Writes are torn at this size, the smallest sector a disk has. */
#define SECTOR_SIZE 512
/* Cut points per run: enough to hit every sync of the workload and many points in between,
 * while a run stays within a few seconds (-m thorough tries many more). */
#define N_CUTS 240
#define N_CUTS_THOROUGH 2000
#define N_CONTROL_CUTS 40
/* Members in the workload's import. */
#define N_IMPORTED 250

/* The trace ----------------------------------------------------------------------------------- */

typedef enum
{
  EVENT_CREATE,    /* a file appeared (empty) */
  EVENT_WRITE,
  EVENT_TRUNCATE,
  EVENT_SYNC,      /* the file's data reached the disk; the folder's too when dir_sync */
  EVENT_DELETE,
} EventKind;

typedef struct
{
  EventKind kind;
  guint     file;       /* index in Trace.names */
  gint64    offset;     /* WRITE: where; TRUNCATE: the new size */
  GBytes   *data;       /* WRITE */
  gboolean  dir_sync;   /* SYNC, DELETE: the folder was synced as well */
} Event;

typedef struct
{
  GPtrArray *names;     /* the files' names in their folder: "test.db", "test.db-wal"... */
  GArray    *events;    /* Event */
} Trace;

static void
event_clear (Event *event)
{
  g_clear_pointer (&event->data, g_bytes_unref);
}

static Trace *
trace_new (void)
{
  Trace *trace = g_new0 (Trace, 1);

  trace->names = g_ptr_array_new_with_free_func (g_free);
  trace->events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_array_set_clear_func (trace->events, (GDestroyNotify) event_clear);
  return trace;
}

static void
trace_free (Trace *trace)
{
  g_ptr_array_unref (trace->names);
  g_array_unref (trace->events);
  g_free (trace);
}

static guint
trace_file (Trace      *trace,
            const char *name)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (trace->names, name, g_str_equal, &index))
    return index;
  g_ptr_array_add (trace->names, g_strdup (name));
  return trace->names->len - 1;
}

static void
trace_add (Trace     *trace,
           EventKind  kind,
           guint      file,
           gint64     offset,
           GBytes    *data,
           gboolean   dir_sync)
{
  Event event = { kind, file, offset, data, dir_sync };

  g_array_append_val (trace->events, event);
}

/* The recording file system ------------------------------------------------------------------ */

/* A file of the database: the default VFS's own file, after ours. */
typedef struct
{
  sqlite3_file  parent;
  sqlite3_file *real;
  guint         file;
  /* The next sync also syncs the folder, as the unix VFS does for a journal or WAL it was
   * allowed to create. */
  gboolean      dir_sync;
} TracedFile;

#define REAL_FILE_OFFSET (((sizeof (TracedFile) + 15) / 16) * 16)

static struct
{
  sqlite3_vfs         vfs;
  sqlite3_vfs        *base;
  sqlite3_io_methods  methods;
  char               *prefix;     /* the database's full path */
  Trace              *trace;      /* while set, its files are recorded */
  GHashTable         *existing;   /* the names the trace has seen created and not deleted */
} recorder;

#define REAL(file) (((TracedFile *) (file))->real)

/* The database itself and the files SQLite keeps beside it; the backups folder is not ours. */
static const char *
traced_name (const char *path)
{
  const char *rest;

  if (recorder.trace == NULL || path == NULL || !g_str_has_prefix (path, recorder.prefix))
    return NULL;
  rest = path + strlen (recorder.prefix);
  if (*rest != '\0' && *rest != '-')
    return NULL;
  return strrchr (path, G_DIR_SEPARATOR) + 1;
}

static int
traced_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
traced_read (sqlite3_file  *file,
             void          *buffer,
             int            amount,
             sqlite3_int64  offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
traced_write (sqlite3_file  *file,
              const void    *buffer,
              int            amount,
              sqlite3_int64  offset)
{
  int rc = REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);

  if (rc == SQLITE_OK)
    trace_add (recorder.trace, EVENT_WRITE, ((TracedFile *) file)->file, offset,
               g_bytes_new (buffer, (gsize) amount), FALSE);
  return rc;
}

static int
traced_truncate (sqlite3_file  *file,
                 sqlite3_int64  size)
{
  int rc = REAL (file)->pMethods->xTruncate (REAL (file), size);

  if (rc == SQLITE_OK)
    trace_add (recorder.trace, EVENT_TRUNCATE, ((TracedFile *) file)->file, size, NULL, FALSE);
  return rc;
}

static int
traced_sync (sqlite3_file *file,
             int           flags)
{
  TracedFile *self = (TracedFile *) file;
  int rc = REAL (file)->pMethods->xSync (REAL (file), flags);

  if (rc == SQLITE_OK)
    {
      trace_add (recorder.trace, EVENT_SYNC, self->file, 0, NULL, self->dir_sync);
      self->dir_sync = FALSE;
    }
  return rc;
}

static int
traced_file_size (sqlite3_file  *file,
                  sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
traced_lock (sqlite3_file *file,
             int           lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
traced_unlock (sqlite3_file *file,
               int           lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
traced_check_reserved_lock (sqlite3_file *file,
                            int          *reserved)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), reserved);
}

static int
traced_file_control (sqlite3_file *file,
                     int           op,
                     void         *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
traced_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
traced_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
traced_shm_map (sqlite3_file  *file,
                int            page,
                int            page_size,
                int            extend,
                void volatile **pointer)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, page_size, extend, pointer);
}

static int
traced_shm_lock (sqlite3_file *file,
                 int           offset,
                 int           n,
                 int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
traced_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
traced_shm_unmap (sqlite3_file *file,
                  int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

/* The core maps the database into memory for reading; writes still go through xWrite. */
static int
traced_fetch (sqlite3_file   *file,
              sqlite3_int64   offset,
              int             amount,
              void          **pointer)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, pointer);
}

static int
traced_unfetch (sqlite3_file  *file,
                sqlite3_int64  offset,
                void          *pointer)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, pointer);
}

static int
traced_open (sqlite3_vfs  *vfs,
             const char   *path,
             sqlite3_file *file,
             int           flags,
             int          *out_flags)
{
  TracedFile *self = (TracedFile *) file;
  const char *name = traced_name (path);
  sqlite3_int64 size = -1;
  int rc;

  if (name == NULL)
    return recorder.base->xOpen (recorder.base, path, file, flags, out_flags);

  self->real = (sqlite3_file *) ((char *) file + REAL_FILE_OFFSET);
  rc = recorder.base->xOpen (recorder.base, path, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      self->parent.pMethods = NULL;
      return rc;
    }
  self->parent.pMethods = &recorder.methods;
  self->file = trace_file (recorder.trace, name);
  self->dir_sync = (flags & SQLITE_OPEN_CREATE) != 0
                   && (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL
                                | SQLITE_OPEN_WAL)) != 0;
  /* The trace starts in an empty folder, so a file it has not seen was created just now (the
   * database itself by the core, before SQLite opens it). */
  if (!g_hash_table_contains (recorder.existing, name))
    {
      g_assert_cmpint (self->real->pMethods->xFileSize (self->real, &size), ==, SQLITE_OK);
      g_assert_cmpint (size, ==, 0);
      g_hash_table_add (recorder.existing, g_strdup (name));
      trace_add (recorder.trace, EVENT_CREATE, self->file, 0, NULL, FALSE);
    }
  return SQLITE_OK;
}

static int
traced_delete (sqlite3_vfs *vfs,
               const char  *path,
               int          sync_dir)
{
  const char *name = traced_name (path);
  int rc = recorder.base->xDelete (recorder.base, path, sync_dir);

  if (name != NULL && rc == SQLITE_OK && g_hash_table_remove (recorder.existing, name))
    trace_add (recorder.trace, EVENT_DELETE, trace_file (recorder.trace, name), 0, NULL,
               sync_dir != 0);
  return rc;
}

/* Records into @trace the files of the database @path that connections opened from now on use
 * (it becomes the default file system of the process until recorder_stop ()). */
static void
recorder_start (Trace      *trace,
                const char *path)
{
  static const sqlite3_io_methods methods = {
    3, traced_close, traced_read, traced_write, traced_truncate, traced_sync, traced_file_size,
    traced_lock, traced_unlock, traced_check_reserved_lock, traced_file_control,
    traced_sector_size, traced_device_characteristics, traced_shm_map, traced_shm_lock,
    traced_shm_barrier, traced_shm_unmap, traced_fetch, traced_unfetch,
  };

  recorder.base = sqlite3_vfs_find (NULL);
  g_assert_nonnull (recorder.base);
  recorder.vfs = *recorder.base;
  recorder.vfs.pNext = NULL;
  recorder.vfs.zName = "sdb-powercut";
  recorder.vfs.szOsFile = (int) REAL_FILE_OFFSET + recorder.base->szOsFile;
  recorder.vfs.xOpen = traced_open;
  recorder.vfs.xDelete = traced_delete;
  recorder.methods = methods;
  recorder.prefix = g_strdup (path);
  recorder.trace = trace;
  recorder.existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_assert_cmpint (sqlite3_vfs_register (&recorder.vfs, 1), ==, SQLITE_OK);
}

/* Every connection using the recorder must be closed: the real file system is the default
 * again. */
static void
recorder_stop (void)
{
  g_assert_cmpint (sqlite3_vfs_unregister (&recorder.vfs), ==, SQLITE_OK);
  g_assert_true (sqlite3_vfs_find (NULL) == recorder.base);
  recorder.trace = NULL;
  g_clear_pointer (&recorder.prefix, g_free);
  g_clear_pointer (&recorder.existing, g_hash_table_unref);
}

/* What a reboot finds ------------------------------------------------------------------------ */

/* One life of a file: created, written, perhaps deleted. A deleted file whose deletion has not
 * reached the folder's disk may come back. */
typedef struct
{
  GByteArray *durable;   /* the content at its last sync */
  GPtrArray  *pending;   /* const Event *: its writes and truncations since */
} Incarnation;

typedef struct
{
  Incarnation *live;     /* the file as the program sees it (NULL: none) */
  Incarnation *entry;    /* the one the folder held when it was last synced (NULL: none) */
} NameState;

typedef struct
{
  const Trace *trace;
  guint        applied;       /* events replayed */
  NameState   *names;         /* by index in trace->names */
  GPtrArray   *incarnations;  /* owns them all */
} Disk;

typedef enum
{
  CUT_LOSE_ALL,   /* nothing since the last syncs reached the disk */
  CUT_KEEP_ALL,   /* everything did: what a killed program leaves */
  CUT_SOME,       /* a random part, writes torn at sector boundaries */
} CutMode;

static const char *const cut_mode_names[] = { "lose-all", "keep-all", "some" };

static void
incarnation_free (Incarnation *incarnation)
{
  g_byte_array_unref (incarnation->durable);
  g_ptr_array_unref (incarnation->pending);
  g_free (incarnation);
}

static Disk *
disk_new (const Trace *trace)
{
  Disk *disk = g_new0 (Disk, 1);

  disk->trace = trace;
  disk->names = g_new0 (NameState, trace->names->len);
  disk->incarnations = g_ptr_array_new_with_free_func ((GDestroyNotify) incarnation_free);
  return disk;
}

static void
disk_free (Disk *disk)
{
  g_ptr_array_unref (disk->incarnations);
  g_free (disk->names);
  g_free (disk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Disk, disk_free)

/* Grows @data to @size, the new bytes zero, as a file grows. */
static void
grow (GByteArray *data,
      gsize       size)
{
  guint old = data->len;

  if (size <= old)
    return;
  g_byte_array_set_size (data, (guint) size);
  memset (data->data + old, 0, size - old);
}

static void
put (GByteArray   *data,
     gsize         offset,
     const guint8 *bytes,
     gsize         size)
{
  grow (data, offset + size);
  memcpy (data->data + offset, bytes, size);
}

static void
apply (GByteArray  *data,
       const Event *event)
{
  if (event->kind == EVENT_TRUNCATE)
    {
      if ((gsize) event->offset < data->len)
        g_byte_array_set_size (data, (guint) event->offset);
      else
        grow (data, (gsize) event->offset);
    }
  else
    {
      gsize size = 0;
      const guint8 *bytes = g_bytes_get_data (event->data, &size);

      put (data, (gsize) event->offset, bytes, size);
    }
}

/* Replays the trace up to (not including) event @k. */
static void
disk_advance (Disk  *disk,
              guint  k)
{
  g_assert_cmpuint (k, >=, disk->applied);
  g_assert_cmpuint (k, <=, disk->trace->events->len);

  for (; disk->applied < k; disk->applied++)
    {
      const Event *event = &g_array_index (disk->trace->events, Event, disk->applied);
      NameState *name = &disk->names[event->file];

      switch (event->kind)
        {
        case EVENT_CREATE:
          name->live = g_new0 (Incarnation, 1);
          name->live->durable = g_byte_array_new ();
          name->live->pending = g_ptr_array_new ();
          g_ptr_array_add (disk->incarnations, name->live);
          break;
        case EVENT_WRITE:
        case EVENT_TRUNCATE:
          g_assert_nonnull (name->live);
          g_ptr_array_add (name->live->pending, (gpointer) event);
          break;
        case EVENT_SYNC:
          g_assert_nonnull (name->live);
          for (guint i = 0; i < name->live->pending->len; i++)
            apply (name->live->durable, g_ptr_array_index (name->live->pending, i));
          g_ptr_array_set_size (name->live->pending, 0);
          break;
        case EVENT_DELETE:
          name->live = NULL;
          break;
        default:
          g_assert_not_reached ();
        }
      /* Syncing the folder makes its present list of files durable. */
      if (event->dir_sync)
        for (guint i = 0; i < disk->trace->names->len; i++)
          disk->names[i].entry = disk->names[i].live;
    }
}

/* The content a reboot finds of @incarnation: its durable content and, by @mode, some of its
 * pending writes in their order. A write that does not reach the disk may still have grown the
 * file (its size reached the disk, its data did not), leaving zeros. */
static GByteArray *
content_after_cut (const Incarnation *incarnation,
                   CutMode            mode,
                   GRand             *rand)
{
  GByteArray *data = g_byte_array_new ();

  g_byte_array_append (data, incarnation->durable->data, incarnation->durable->len);
  for (guint i = 0; i < incarnation->pending->len; i++)
    {
      const Event *event = g_ptr_array_index (incarnation->pending, i);
      gsize size = 0;
      const guint8 *bytes;
      gsize offset = (gsize) event->offset;
      int fate;

      if (mode == CUT_LOSE_ALL)
        continue;
      if (mode == CUT_KEEP_ALL)
        {
          apply (data, event);
          continue;
        }
      if (event->kind == EVENT_TRUNCATE)
        {
          if (g_rand_boolean (rand))
            apply (data, event);
          continue;
        }

      bytes = g_bytes_get_data (event->data, &size);
      fate = g_rand_int_range (rand, 0, 3);
      if (fate == 0)
        {
          put (data, offset, bytes, size);
          continue;
        }
      /* Lost (fate 1) or torn (fate 2). */
      if (g_rand_boolean (rand))
        grow (data, offset + size);
      if (fate == 2)
        for (gsize start = offset; start < offset + size; )
          {
            gsize end = MIN ((start / SECTOR_SIZE + 1) * SECTOR_SIZE, offset + size);

            if (g_rand_boolean (rand))
              put (data, start, bytes + (start - offset), end - start);
            start = end;
          }
    }
  return data;
}

/* Writes into @folder the files a reboot finds after a power cut at the disk's present point. */
static void
disk_write_after_cut (Disk       *disk,
                      CutMode     mode,
                      GRand      *rand,
                      const char *folder)
{
  for (guint i = 0; i < disk->trace->names->len; i++)
    {
      const NameState *name = &disk->names[i];
      const Incarnation *found;
      g_autoptr(GByteArray) data = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      /* A change of the folder since its last sync may or may not have reached the disk. */
      if (mode == CUT_LOSE_ALL)
        found = name->entry;
      else if (mode == CUT_KEEP_ALL)
        found = name->live;
      else
        found = g_rand_boolean (rand) ? name->entry : name->live;
      if (found == NULL)
        continue;

      data = content_after_cut (found, mode, rand);
      path = g_build_filename (folder, g_ptr_array_index (disk->trace->names, i), NULL);
      g_file_set_contents (path, (const char *) data->data, data->len, &error);
      g_assert_no_error (error);
    }
}

/* The workload -------------------------------------------------------------------------------- */

/* The records after one step of the workload: a core call that commits once (or opens and
 * closes the database). */
typedef struct
{
  char  *label;
  guint  start;   /* events recorded before the step began */
  guint  end;     /* events recorded when it returned */
  char  *dump;
  char  *shape;   /* the dump's schema and row counts */
} Step;

typedef struct
{
  char        *dir;
  char        *path;
  Trace       *trace;
  GArray      *steps;              /* Step */
  gboolean     synchronous_off;    /* the control: every connection syncs nothing */
  SdbDatabase *db;
  GPtrArray   *problems;
  guint        start;
  gint64       cells[5];
} Workload;

static void
step_clear (Step *step)
{
  g_free (step->label);
  g_free (step->dump);
  g_free (step->shape);
}

/* The first column of the one row @sql returns, as text. */
static char *
query_text (sqlite3    *handle,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Adds the row @stmt stands on to @checksum: each value's type, size and bytes. */
static void
checksum_row (GChecksum    *checksum,
              sqlite3_stmt *stmt)
{
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      guint8 type = (guint8) sqlite3_column_type (stmt, c);
      gint64 number;
      double real;
      const void *bytes = NULL;
      gint64 size = 0;

      g_checksum_update (checksum, &type, 1);
      switch (type)
        {
        case SQLITE_INTEGER:
          number = sqlite3_column_int64 (stmt, c);
          g_checksum_update (checksum, (const guchar *) &number, sizeof number);
          break;
        case SQLITE_FLOAT:
          real = sqlite3_column_double (stmt, c);
          g_checksum_update (checksum, (const guchar *) &real, sizeof real);
          break;
        case SQLITE_TEXT:
          bytes = sqlite3_column_text (stmt, c);
          size = sqlite3_column_bytes (stmt, c);
          break;
        case SQLITE_BLOB:
          bytes = sqlite3_column_blob (stmt, c);
          size = sqlite3_column_bytes (stmt, c);
          break;
        default:
          break;
        }
      if (type == SQLITE_TEXT || type == SQLITE_BLOB)
        {
          g_checksum_update (checksum, (const guchar *) &size, sizeof size);
          if (size > 0)
            g_checksum_update (checksum, bytes, (gssize) size);
        }
    }
}

/* The records of a database, to compare with those after each step: the schema, and for each
 * table its number of rows and a checksum of all of them in the order of their key; SQLite's
 * statistics (written by PRAGMA optimize on close) are not records. @shape receives the same
 * without the checksums. Values are read as stored, not turned into text, which keeps a dump
 * quick under the sanitizers. */
static char *
dump_database (sqlite3  *handle,
               char    **shape)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GString) without_sums = g_string_new (NULL);
  g_autoptr(GPtrArray) selects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *version = NULL;
  g_autofree char *schema = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  version = query_text (handle, "PRAGMA user_version");
  schema = query_text (handle,
                       "SELECT group_concat (line, char (10)) FROM"
                       " (SELECT type || ' ' || name || ': ' || ifnull (sql, '') AS line"
                       "  FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'"
                       "  ORDER BY type, name)");
  g_string_append_printf (dump, "user_version %s\n%s\n", version, schema);
  g_string_append (without_sums, dump->str);

  /* Each table's rows in the order of its primary key (the rowid when it has none). */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT t.name, (SELECT group_concat ("
                                       "   '\"' || replace (c.name, '\"', '\"\"') || '\"', ', ')"
                                       "   FROM (SELECT name FROM pragma_table_info (t.name)"
                                       "         WHERE pk > 0 ORDER BY pk) AS c)"
                                       " FROM sqlite_schema AS t WHERE t.type = 'table'"
                                       " AND t.name NOT LIKE 'sqlite%' ORDER BY t.name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY %s", table,
                                   key != NULL ? key : "rowid");

      g_ptr_array_add (tables, g_strdup (table));
      g_ptr_array_add (selects, g_strdup (sql));
      sqlite3_free (sql);
    }
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint n_rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, g_ptr_array_index (selects, t), -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          checksum_row (checksum, stmt);
          n_rows++;
        }
      sqlite3_finalize (stmt);
      g_string_append_printf (without_sums, "table %s: %u rows\n",
                              (const char *) g_ptr_array_index (tables, t), n_rows);
      g_string_append_printf (dump, "table %s: %u rows %s\n",
                              (const char *) g_ptr_array_index (tables, t), n_rows,
                              g_checksum_get_string (checksum));
    }
  sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);

  if (shape != NULL)
    *shape = g_string_free (g_steal_pointer (&without_sums), FALSE);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static void
step_begin (Workload *w)
{
  w->start = w->trace->events->len;
  g_ptr_array_set_size (w->problems, 0);
}

static void
step_end (Workload   *w,
          const char *label)
{
  Step step = { g_strdup (label), w->start, w->trace->events->len, NULL, NULL };

  sdb_test_log_problems (w->problems);
  if (w->db != NULL)
    step.dump = dump_database (sdb_database_get_handle (w->db), &step.shape);
  else
    {
      step.dump = g_strdup (g_array_index (w->steps, Step, w->steps->len - 1).dump);
      step.shape = g_strdup (g_array_index (w->steps, Step, w->steps->len - 1).shape);
    }
  g_array_append_val (w->steps, step);
}

static void
open_database (Workload *w)
{
  g_autoptr(GError) error = NULL;

  w->db = sdb_database_open (w->path, &error);
  g_assert_no_error (error);
  if (w->synchronous_off)
    g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (w->db), "PRAGMA synchronous = OFF",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
add_profile (Workload *w)
{
  g_autoptr(SdbProfile) profile = sdb_profile_new ();
  g_autoptr(GError) error = NULL;
  SdbDate since = sdb_test_date ("2000-01-01");

  sdb_profile_set_since (profile, &since);
  sdb_profile_set_name (profile, "Đảng bộ xã Minh Tân");
  sdb_profile_set_committee_name (profile, "Đảng ủy xã Minh Tân");
  sdb_profile_set_level (profile, SDB_LEVEL_COMMUNE);
  sdb_profile_set_symbol (profile, "ĐU");
  sdb_profile_insert (w->db, profile, w->problems, &error);
  g_assert_no_error (error);
}

static gint64
add_organization (Workload            *w,
                  const char          *code,
                  const char          *name,
                  SdbOrganizationKind  kind,
                  gint64               parent_id)
{
  g_autoptr(SdbOrganization) organization = sdb_organization_new ();
  g_autoptr(GError) error = NULL;

  sdb_organization_set_code (organization, code);
  sdb_organization_set_name (organization, name);
  sdb_organization_set_kind (organization, kind);
  sdb_organization_set_parent_id (organization, parent_id);
  sdb_organization_insert (w->db, organization, w->problems, &error);
  g_assert_no_error (error);
  return sdb_organization_get_id (organization);
}

static const char *const family_names[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Cà", "Quàng", "Vì", "Lường", "Đinh", "Bùi",
};
static const char *const male_names[] = {
  "Văn An", "Văn Bình", "Đức Chiến", "Văn Dũng", "Minh Đức", "Văn Hùng", "Quang Khải",
  "Văn Nam", "Hữu Phúc", "Văn Quân", "Thanh Sơn", "Văn Thắng", "Anh Tuấn", "Văn Ước",
};
static const char *const female_names[] = {
  "Thị Ánh", "Thị Hoa", "Thu Hương", "Thị Lan", "Thị Mai", "Thị Nga", "Thị Oanh",
  "Thu Phương", "Thị Sen", "Thị Thảo", "Hồng Vân", "Thị Xuân", "Thị Yến", "Thị Ươm",
};

/* The @i-th invented member: name, gender, birth and admission, all valid. */
static char *
member_name (guint      i,
             SdbGender *gender,
             int       *birth_year,
             int       *admission_year)
{
  gboolean female = i % 3 == 1;
  const char *given = female ? female_names[(i / 3) % G_N_ELEMENTS (female_names)]
                             : male_names[(i * 7) % G_N_ELEMENTS (male_names)];

  *gender = female ? SDB_GENDER_FEMALE : SDB_GENDER_MALE;
  *birth_year = 1955 + (int) (i * 13 % 40);
  *admission_year = *birth_year + 22 + (int) (i % 7);
  return g_strdup_printf ("%s %s", family_names[i % G_N_ELEMENTS (family_names)], given);
}

static void
admit (Workload *w,
       guint     i,
       gint64    cell)
{
  g_autoptr(SdbMember) member = sdb_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup_printf ("DV%04u", i);
  SdbGender gender;
  int birth_year, admission_year;
  g_autofree char *name = member_name (i, &gender, &birth_year, &admission_year);
  SdbDate birth = { (gint16) birth_year, 3, 12 };
  SdbDate admission = { (gint16) admission_year, 5, 19 };
  SdbDate official = { (gint16) (admission_year + 1), 5, 19 };

  sdb_member_set_code (member, code);
  sdb_member_set_full_name (member, name);
  sdb_member_set_gender (member, gender);
  sdb_member_set_birth_date (member, &birth);
  sdb_member_set_admission_date (member, &admission);
  sdb_member_set_official_date (member, &official);
  sdb_member_set_ethnicity (member, i % 2 ? "Thái" : "Kinh");
  sdb_member_set_hometown (member, "Minh Tân");
  sdb_member_admit (w->db, member, cell, w->problems, &error);
  g_assert_no_error (error);
}

static gint64
member_id_of (Workload   *w,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbMember) member = sdb_member_lookup_by_code (w->db, code, &error);

  g_assert_no_error (error);
  return sdb_member_get_id (member);
}

/* A sheet of @n new members from number @first on, spread over the cells. */
static GBytes *
members_csv (guint first,
             guint n)
{
  static const char *const cells[] = { "CB01", "CB02", "CB03", "DB05-01", "DB05-02" };
  GString *csv = g_string_new ("code,full_name,gender,birth_date,hometown,organization_code,"
                               "admitted_on,official_on,card_number\n");

  for (guint i = first; i < first + n; i++)
    {
      SdbGender gender;
      int birth_year, admission_year;
      g_autofree char *name = member_name (i, &gender, &birth_year, &admission_year);

      g_string_append_printf (csv, "DV%04u,%s,%s,%02u/%02u/%d,Xã Minh Tân,%s,%02u/%02u/%d,"
                                   "%02u/%02u/%d,%08u\n",
                              i, name, gender == SDB_GENDER_FEMALE ? "Nữ" : "Nam",
                              1 + i % 28, 1 + i % 12, birth_year, cells[i % G_N_ELEMENTS (cells)],
                              1 + i % 28, 1 + (i / 3) % 12, admission_year,
                              1 + i % 28, 1 + (i / 3) % 12, admission_year + 1, 10000000 + i);
    }
  return g_string_free_to_bytes (csv);
}

static void
checkpoint (Workload   *w,
            const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA wal_checkpoint (%s)", mode);

  g_assert_cmpint (sqlite3_exec (sdb_database_get_handle (w->db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

/* Runs the workload in a fresh folder, recording its files. The control is shorter (no import)
 * and its connections sync nothing. */
static Workload *
workload_run (gboolean control)
{
  Workload *w = g_new0 (Workload, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  SdbDate today = sdb_test_date ("2025-06-30");
  SdbDate date;
  gint64 committee;
  guint n_warnings = 0, n_errors = 0;

  w->dir = g_dir_make_tmp ("sdb-powercut-XXXXXX", &error);
  g_assert_no_error (error);
  /* SQLite names the files by their real path. */
  canonical = realpath (w->dir, NULL);
  g_assert_nonnull (canonical);
  w->path = g_build_filename (canonical, "test.db", NULL);
  w->trace = trace_new ();
  w->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (w->steps, (GDestroyNotify) step_clear);
  w->synchronous_off = control;
  w->problems = sdb_problems_new ();

  recorder_start (w->trace, w->path);

  step_begin (w);
  open_database (w);
  step_end (w, "open");

  step_begin (w);
  add_profile (w);
  step_end (w, "profile");

  step_begin (w);
  sdb_sector_insert_defaults (w->db, &error);
  g_assert_no_error (error);
  step_end (w, "sectors");

  step_begin (w);
  w->cells[0] = add_organization (w, "CB01", "Chi bộ thôn Bản Mòn",
                                  SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, 0);
  step_end (w, "cell CB01");
  step_begin (w);
  w->cells[1] = add_organization (w, "CB02", "Chi bộ thôn Nà Hằng",
                                  SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, 0);
  step_end (w, "cell CB02");
  step_begin (w);
  w->cells[2] = add_organization (w, "CB03", "Chi bộ Trường Tiểu học Minh Tân",
                                  SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, 0);
  step_end (w, "cell CB03");
  step_begin (w);
  committee = add_organization (w, "DB05", "Đảng bộ Trạm Y tế xã Minh Tân",
                                SDB_ORGANIZATION_KIND_DANG_BO_CO_SO, 0);
  step_end (w, "committee DB05");
  step_begin (w);
  w->cells[3] = add_organization (w, "DB05-01", "Chi bộ Khám bệnh",
                                  SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, committee);
  step_end (w, "cell DB05-01");
  step_begin (w);
  w->cells[4] = add_organization (w, "DB05-02", "Chi bộ Dược",
                                  SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, committee);
  step_end (w, "cell DB05-02");

  for (guint i = 1; i <= (control ? 5u : 10u); i++)
    {
      g_autofree char *label = g_strdup_printf ("admit DV%04u", i);

      step_begin (w);
      admit (w, i, w->cells[i % G_N_ELEMENTS (w->cells)]);
      step_end (w, label);
    }

  step_begin (w);
  checkpoint (w, "PASSIVE");
  step_end (w, "checkpoint");

  /* The bigger transaction: an import of a few hundred members. */
  if (!control)
    {
      g_autoptr(GBytes) csv = members_csv (100, N_IMPORTED);
      g_autoptr(GPtrArray) import_problems =
        g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
      SdbImportCounts counts;

      step_begin (w);
      sdb_import_csv (w->db, SDB_INTERCHANGE_MEMBERS, csv, &today, import_problems, &counts,
                      &error);
      for (guint i = 0; error != NULL && i < import_problems->len; i++)
        {
          const SdbImportProblem *p = g_ptr_array_index (import_problems, i);

          g_test_message ("line %u, %s: %s", p->line, p->column, p->message);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (counts.inserted, ==, N_IMPORTED);
      step_end (w, "import");
    }

  step_begin (w);
  date = sdb_test_date ("2024-09-02");
  sdb_member_leave (w->db, member_id_of (w, "DV0003"), &date, SDB_LEAVING_REASON_DIED,
                    w->problems, &error);
  g_assert_no_error (error);
  step_end (w, "leave");

  step_begin (w);
  date = sdb_test_date ("2024-10-15");
  sdb_member_move (w->db, member_id_of (w, "DV0004"), &date, w->cells[0], w->problems,
                   &error);
  g_assert_no_error (error);
  step_end (w, "move");

  step_begin (w);
  {
    g_autoptr(SdbMember) member = sdb_member_lookup_by_code (w->db, "DV0005", &error);

    g_assert_no_error (error);
    sdb_member_set_position (member, "Bí thư chi bộ");
    sdb_member_set_notes (member, "Được bầu tại đại hội chi bộ nhiệm kỳ 2025–2027.");
    sdb_member_update (w->db, member, w->problems, &error);
    g_assert_no_error (error);
  }
  step_end (w, "update");

  step_begin (w);
  checkpoint (w, "TRUNCATE");
  step_end (w, "checkpoint (truncate)");

  for (guint i = 11; i <= (control ? 11u : 13u); i++)
    {
      g_autofree char *label = g_strdup_printf ("admit DV%04u", i);

      step_begin (w);
      admit (w, i, w->cells[i % G_N_ELEMENTS (w->cells)]);
      step_end (w, label);
    }

  /* Closing checkpoints and deletes the -wal; the next connection makes a new one. */
  step_begin (w);
  g_clear_object (&w->db);
  step_end (w, "close");

  step_begin (w);
  open_database (w);
  step_end (w, "reopen");

  for (guint i = 14; i <= 15; i++)
    {
      g_autofree char *label = g_strdup_printf ("admit DV%04u", i);

      step_begin (w);
      admit (w, i, w->cells[i % G_N_ELEMENTS (w->cells)]);
      step_end (w, label);
    }

  /* The workload's records themselves are sound, so that a cut is judged by what it did. */
  g_assert_true (sdb_check_run (w->db, NULL, NULL, &n_errors, &n_warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_errors, ==, 0);

  step_begin (w);
  g_clear_object (&w->db);
  step_end (w, "close");

  recorder_stop ();
  return w;
}

static void
workload_free (Workload *w)
{
  g_clear_object (&w->db);
  sdb_test_remove_tree (w->dir);
  g_free (w->dir);
  g_free (w->path);
  trace_free (w->trace);
  g_array_unref (w->steps);
  g_ptr_array_unref (w->problems);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workload, workload_free)

/* Judging a cut ------------------------------------------------------------------------------- */

static void
on_check_problem (const char       *where,
                  const SdbProblem *problem,
                  gpointer          user_data)
{
  char **first = user_data;

  if (problem->severity == SDB_SEVERITY_ERROR && *first == NULL)
    *first = g_strdup_printf ("%s: %s", where, problem->message);
}

static char *
integrity (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  char *result;

  if (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    result = g_strdup (sqlite3_errmsg (handle));
  else if (sqlite3_step (stmt) != SQLITE_ROW)
    result = g_strdup (sqlite3_errmsg (handle));
  else
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

/* Opens the database a reboot finds in @folder and returns the step whose records it holds, at
 * least @first (every step that had returned before the cut) and at most @last (the step under
 * way); -1 with @why set when it is damaged or lost a step. Until the first step (creating the
 * database) has returned, a reboot may find no database at all and make a new one: its schema
 * and row counts are those of the first step, its values (the time of creation) may not be.
 *
 * The core's check reads the records, not the file's structure (SQLite's integrity check, run
 * on every cut, does that), so its verdict on the same records is the same: it runs once for
 * each set of records found, which @checked remembers. */
static int
judge (const Workload  *w,
       const char      *folder,
       gboolean         created,
       guint            first,
       guint            last,
       GHashTable      *checked,
       char           **why)
{
  g_autofree char *path = g_build_filename (folder, "test.db", NULL);
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity_result = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *shape = NULL;
  g_autofree char *first_error = NULL;
  sqlite3 *handle;
  guint n_errors = 0;
  int state = -1;

  db = sdb_database_open (path, &error);
  if (db == NULL)
    {
      *why = g_strdup_printf ("does not open: %s", error->message);
      return -1;
    }
  handle = sdb_database_get_handle (db);
  /* What this connection writes while closing (statistics, a checkpoint) need not survive a
   * power cut: skipping its syncs keeps the test fast. */
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA synchronous = OFF", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  /* SQLite's own check first: the core's check assumes a database it can read. */
  integrity_result = integrity (handle);
  if (g_strcmp0 (integrity_result, "ok") != 0)
    {
      *why = g_strdup_printf ("integrity check: %s", integrity_result);
      return -1;
    }

  dump = dump_database (handle, &shape);
  if (!created && g_str_equal (shape, g_array_index (w->steps, Step, 0).shape))
    state = 0;
  for (guint i = first; i <= last && state < 0; i++)
    if (g_str_equal (dump, g_array_index (w->steps, Step, i).dump))
      state = (int) i;
  if (state < 0)
    {
      for (guint i = 0; i < first && state < 0; i++)
        if (g_str_equal (dump, g_array_index (w->steps, Step, i).dump))
          state = (int) i;
      if (state >= 0)
        *why = g_strdup_printf ("holds the records after step %d (%s), but step %u (%s) had "
                                "returned", state, g_array_index (w->steps, Step, state).label,
                                first, g_array_index (w->steps, Step, first).label);
      else
        *why = g_strdup_printf ("holds the records of no step from %u (%s) to %u (%s)", first,
                                g_array_index (w->steps, Step, first).label, last,
                                g_array_index (w->steps, Step, last).label);
      return -1;
    }

  if (g_hash_table_contains (checked, dump))
    return state;
  if (!sdb_check_run (db, on_check_problem, &first_error, &n_errors, NULL, &error))
    {
      *why = g_strdup_printf ("the check cannot run: %s", error->message);
      return -1;
    }
  if (n_errors > 0)
    {
      *why = g_strdup_printf ("the check finds %u errors, the first: %s", n_errors,
                              first_error);
      return -1;
    }
  g_hash_table_add (checked, g_steal_pointer (&dump));
  return state;
}

/* What the cuts found: how many reached each step's records, and what the others found. */
typedef struct
{
  guint    n_cuts;
  guint    n_damaged;
  guint   *at_state;     /* by step */
  GString *failures;     /* a line for each damaged cut */
} Tally;

typedef struct
{
  gboolean *chosen;        /* by cut point */
  guint     n_chosen;
  guint     created_at;    /* the first step (creating the database) returned here */
  guint     n_creating;    /* cuts before that */
  guint     max_creating;
} Choice;

static void
choose (Choice *choice,
        guint   k)
{
  if (choice->chosen[k])
    return;
  /* Cuts while the database is made cost most (the core makes it again, syncing every step of
   * its schema) and are much alike: they get a tenth of the budget. */
  if (k < choice->created_at)
    {
      if (choice->n_creating >= choice->max_creating)
        return;
      choice->n_creating++;
    }
  choice->chosen[k] = TRUE;
  choice->n_chosen++;
}

/* Chooses about @budget cut points (an event count from 0 to the trace's length): just before
 * each sync, deletion and creation, when most is pending, just after them, and at random. */
static GArray *
choose_cuts (const Workload *w,
             GRand          *rand,
             guint           budget)
{
  guint n = w->trace->events->len;
  g_autofree gboolean *chosen = g_new0 (gboolean, n + 1);
  Choice choice = { chosen, 0, g_array_index (w->steps, Step, 0).end, 0, budget / 10 };
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) special = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint e = 0; e < n; e++)
    {
      EventKind kind = g_array_index (w->trace->events, Event, e).kind;

      if (kind == EVENT_SYNC || kind == EVENT_DELETE || kind == EVENT_CREATE)
        {
          guint after = e + 1;

          g_array_append_val (special, e);
          g_array_append_val (special, after);
        }
    }
  /* At most half the budget goes to these; the rest anywhere. */
  while (special->len > 0 && choice.n_chosen < budget / 2)
    {
      guint i = (guint) g_rand_int_range (rand, 0, (gint32) special->len);

      choose (&choice, g_array_index (special, guint, i));
      g_array_remove_index_fast (special, i);
    }
  for (guint tries = 0; choice.n_chosen < MIN (budget, n + 1) && tries < 100 * budget; tries++)
    choose (&choice, (guint) g_rand_int_range (rand, 0, (gint32) n + 1));

  for (guint k = 0; k <= n; k++)
    if (chosen[k])
      g_array_append_val (cuts, k);
  return cuts;
}

/* Cuts the power at about @budget points of @w's trace and judges what a reboot finds. */
static void
cut_everywhere (const Workload *w,
                guint           budget,
                Tally          *tally)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GArray) cuts = choose_cuts (w, rand, budget);
  g_autoptr(Disk) disk = disk_new (w->trace);
  g_autofree char *folder = g_build_filename (w->dir, "after-cut", NULL);
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint first = 0, last = 0;

  tally->at_state = g_new0 (guint, w->steps->len);
  tally->failures = g_string_new (NULL);
  for (guint c = 0; c < cuts->len; c++)
    {
      guint k = g_array_index (cuts, guint, c);
      guint32 seed = g_rand_int (rand);
      g_autoptr(GRand) cut_rand = g_rand_new_with_seed (seed);
      CutMode mode = (CutMode) g_rand_int_range (cut_rand, 0, 5);
      g_autofree char *why = NULL;
      int state;

      /* Random parts most often, whole losses and whole survivals now and then. */
      if (mode > CUT_SOME)
        mode = CUT_SOME;
      /* The steps that had returned before the cut, and the one under way. */
      while (first + 1 < w->steps->len
             && g_array_index (w->steps, Step, first + 1).end <= k)
        first++;
      while (last + 1 < w->steps->len
             && g_array_index (w->steps, Step, last + 1).start < k)
        last++;
      last = MAX (last, first);

      disk_advance (disk, k);
      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      disk_write_after_cut (disk, mode, cut_rand, folder);
      state = judge (w, folder, k >= g_array_index (w->steps, Step, 0).end, first, last,
                     checked, &why);
      sdb_test_remove_tree (folder);

      tally->n_cuts++;
      if (state >= 0)
        tally->at_state[state]++;
      else
        {
          tally->n_damaged++;
          g_string_append_printf (tally->failures, "cut after event %u of %u (%s, seed %u): %s\n",
                                  k, w->trace->events->len, cut_mode_names[mode], seed, why);
        }
    }
}

static void
tally_report (const Workload *w,
              Tally          *tally)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%u cuts over %u events and %u steps:", tally->n_cuts,
                          w->trace->events->len, w->steps->len);
  for (guint i = 0; i < w->steps->len; i++)
    if (tally->at_state[i] > 0)
      g_string_append_printf (line, " %u at state %u (%s),", tally->at_state[i], i,
                              g_array_index (w->steps, Step, i).label);
  g_string_append_printf (line, " %u damaged", tally->n_damaged);
  g_test_message ("%s", line->str);
}

static void
tally_clear (Tally *tally)
{
  g_free (tally->at_state);
  if (tally->failures != NULL)
    g_string_free (tally->failures, TRUE);
}

/* Tests ---------------------------------------------------------------------------------------- */

/* The workload with syncs, recorded once for the tests that read its trace. */
static Workload *synced_workload;

static const Workload *
get_synced_workload (void)
{
  if (synced_workload == NULL)
    synced_workload = workload_run (FALSE);
  return synced_workload;
}

static void
test_trace_records_the_files_and_their_syncs (void)
{
  const Workload *w = get_synced_workload ();
  guint n_writes = 0, n_syncs = 0, n_dir_syncs = 0, n_deletes = 0, n_truncates = 0;
  g_autofree char *names = NULL;

  for (guint e = 0; e < w->trace->events->len; e++)
    {
      const Event *event = &g_array_index (w->trace->events, Event, e);

      n_writes += event->kind == EVENT_WRITE;
      n_syncs += event->kind == EVENT_SYNC;
      n_truncates += event->kind == EVENT_TRUNCATE;
      n_deletes += event->kind == EVENT_DELETE;
      n_dir_syncs += event->dir_sync;
    }
  g_ptr_array_add (w->trace->names, NULL);
  names = g_strjoinv (", ", (char **) w->trace->names->pdata);
  g_ptr_array_set_size (w->trace->names, w->trace->names->len - 1);
  g_test_message ("%u events: %u writes, %u syncs (%u of the folder), %u truncations, "
                  "%u deletions, over %s", w->trace->events->len, n_writes, n_syncs,
                  n_dir_syncs, n_truncates, n_deletes, names);
  /* The database and its -wal, never the -shm nor the backups. */
  g_assert_true (g_ptr_array_find_with_equal_func (w->trace->names, "test.db", g_str_equal,
                                                   NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (w->trace->names, "test.db-wal", g_str_equal,
                                                   NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (w->trace->names, "test.db-shm",
                                                    g_str_equal, NULL));
  /* Every commit syncs, the checkpoints truncate the -wal, closing deletes it. */
  g_assert_cmpuint (n_syncs, >=, w->steps->len - 4);
  g_assert_cmpuint (n_dir_syncs, >=, 2);
  g_assert_cmpuint (n_truncates, >=, 1);
  g_assert_cmpuint (n_deletes, >=, 2);
}

static void
test_every_power_cut_keeps_committed_steps_and_nothing_partial (void)
{
  const Workload *w = get_synced_workload ();
  Tally tally = { 0 };
  guint n_states = 0;

  cut_everywhere (w, g_test_thorough () ? N_CUTS_THOROUGH : N_CUTS, &tally);
  tally_report (w, &tally);
  if (tally.n_damaged > 0)
    {
      g_test_message ("%s", tally.failures->str);
      g_test_fail_printf ("%u of %u power cuts damaged the database or lost a committed step",
                          tally.n_damaged, tally.n_cuts);
    }
  /* The cuts reach across the whole workload, not a corner of it. */
  for (guint i = 0; i < w->steps->len; i++)
    n_states += tally.at_state[i] > 0;
  g_assert_cmpuint (n_states, >=, w->steps->len / 2);
  tally_clear (&tally);
}

static void
test_control_without_syncs_loses_committed_steps (void)
{
  g_autoptr(Workload) w = workload_run (TRUE);
  Tally tally = { 0 };

  cut_everywhere (w, N_CONTROL_CUTS, &tally);
  tally_report (w, &tally);
  g_test_message ("%s", tally.failures->str);
  g_assert_cmpuint (tally.n_damaged, >, 0);
  tally_clear (&tally);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  sdb_test_init (&argc, &argv);

  g_test_add_func ("/powercut/trace-records-the-files-and-their-syncs",
                   test_trace_records_the_files_and_their_syncs);
  g_test_add_func ("/powercut/every-power-cut-keeps-committed-steps-and-nothing-partial",
                   test_every_power_cut_keeps_committed_steps_and_nothing_partial);
  g_test_add_func ("/powercut/control-without-syncs-loses-committed-steps",
                   test_control_without_syncs_loses_committed_steps);
  rc = g_test_run ();
  g_clear_pointer (&synced_workload, workload_free);
  return rc;
}
