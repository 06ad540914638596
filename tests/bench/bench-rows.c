/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-rows TEMPLATE.db MEMBERS.csv [ROUNDS]: the floor of importing members row by row.
 * Imports MEMBERS.csv into a copy of TEMPLATE.db (a committee with its organizations) to have
 * its rows, then writes exactly those member and event rows into fresh copies, as the import
 * writes them: one transaction, one prepared INSERT per row, the indexes on names, cells and
 * dates set aside and made again, the change history's entries written as the import writes
 * them. What it leaves out is what the import adds to that: reading the file, validation, sort
 * keys (copied here, not made). Prints the medians with the history on and off.
 * build-aux/benchmark-interchange.sh runs it. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-common.h"
#include "sdb-database-private.h"
#include "sdb-database.h"
#include "sdb-history-private.h"
#include "sdb-interchange.h"

#define MEMBER_COLUMNS "id, code, full_name, name_key, search_key, gender, birth_date," \
  " ethnicity, religion, hometown, card_number, position, notes, admission_date," \
  " official_date, organization_id"
#define N_MEMBER_COLUMNS 16
#define EVENT_COLUMNS "id, member_id, date, kind, organization_id, reason, place, notes"
#define N_EVENT_COLUMNS 8

/* The indexes the import sets aside (sdb-interchange-members.c). */
static const char *const bulk_indexes[] = {
  "member_by_name", "member_by_organization", "member_by_official_date",
  "member_event_by_organization", "member_event_by_kind",
};

typedef struct
{
  GPtrArray *members;  /* of sqlite3_value *[N_MEMBER_COLUMNS] */
  GPtrArray *events;   /* of sqlite3_value *[N_EVENT_COLUMNS], by member then id */
} Rows;

static void
free_values (gpointer data)
{
  sqlite3_value **values = data;

  for (guint i = 0; values[i] != NULL; i++)
    sqlite3_value_free (values[i]);
  g_free (values);
}

static GPtrArray *
read_rows (sqlite3    *handle,
           const char *sql,
           guint       n_columns)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (free_values);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("rows: %s", sqlite3_errmsg (handle));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_value **values = g_new0 (sqlite3_value *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        values[c] = sqlite3_value_dup (sqlite3_column_value (stmt, (int) c));
      g_ptr_array_add (rows, values);
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* The rows the import makes of the file. */
static Rows
imported_rows (const char *template,
               GBytes     *data,
               const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "rows-source.db", NULL);
  g_autoptr(SdbDatabase) db = bench_open_copy (template, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  SdbDate today = { 2026, 11, 22 };
  Rows rows;

  sdb_history_set_enabled (db, FALSE);
  if (!sdb_import_csv (db, SDB_INTERCHANGE_MEMBERS, data, &today, problems, NULL, &error))
    g_error ("import: %s", error->message);
  rows.members = read_rows (sdb_database_get_handle (db),
                            "SELECT " MEMBER_COLUMNS " FROM member ORDER BY id",
                            N_MEMBER_COLUMNS);
  rows.events = read_rows (sdb_database_get_handle (db),
                           "SELECT " EVENT_COLUMNS " FROM member_event"
                           " ORDER BY member_id, id", N_EVENT_COLUMNS);
  g_clear_object (&db);
  bench_remove_database (path);
  return rows;
}

static void
exec_or_die (SdbDatabase *db,
             const char  *sql)
{
  g_autoptr(GError) error = NULL;

  if (!sdb_database_exec (db, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

static void
step_or_die (SdbDatabase    *db,
             SdbStmt        *stmt,
             sqlite3_value **values,
             guint           n_columns)
{
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < n_columns; c++)
    sqlite3_bind_value (stmt, (int) c + 1, values[c]);
  if (!sdb_database_step_done (db, stmt, &error))
    g_error ("%s", error->message);
  sqlite3_reset (stmt);
}

static double
write_once (const char *template,
            const Rows *rows,
            const char *folder,
            gboolean    history)
{
  g_autofree char *path = g_build_filename (folder, "rows.db", NULL);
  g_autoptr(SdbDatabase) db = bench_open_copy (template, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  SdbStmt *member, *event;
  gint64 start, end;
  guint e = 0;

  sdb_history_set_enabled (db, history);

  start = g_get_monotonic_time ();
  if (!sdb_database_begin (db, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (bulk_indexes); i++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *drop = g_strdup_printf ("DROP INDEX %s", bulk_indexes[i]);

      sqlite3_prepare_v2 (sdb_database_get_handle (db),
                          "SELECT sql FROM sqlite_schema WHERE name = ?1", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, bulk_indexes[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("no index %s", bulk_indexes[i]);
      g_ptr_array_add (created, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      exec_or_die (db, drop);
    }
  sdb_history_begin_import (db, "members");
  member = sdb_database_prepare (db, "INSERT INTO member (" MEMBER_COLUMNS ") VALUES"
                                     " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL);
  event = sdb_database_prepare (db, "INSERT INTO member_event (" EVENT_COLUMNS ") VALUES"
                                    " (?, ?, ?, ?, ?, ?, ?, ?)", NULL);
  for (guint m = 0; m < rows->members->len; m++)
    {
      sqlite3_value **values = g_ptr_array_index (rows->members, m);
      gint64 id = sqlite3_value_int64 (values[0]);

      /* As sdb_member_insert_outline () does between members. */
      if (!sdb_history_flush (db, FALSE, &error))
        g_error ("%s", error->message);
      step_or_die (db, member, values, N_MEMBER_COLUMNS);
      for (; e < rows->events->len; e++)
        {
          sqlite3_value **event_values = g_ptr_array_index (rows->events, e);

          if (sqlite3_value_int64 (event_values[1]) != id)
            break;
          step_or_die (db, event, event_values, N_EVENT_COLUMNS);
        }
    }
  for (guint i = 0; i < created->len; i++)
    exec_or_die (db, g_ptr_array_index (created, i));
  if (!sdb_history_end_import (db, &error) || !sdb_database_commit (db, &error))
    g_error ("%s", error->message);
  end = g_get_monotonic_time ();

  g_clear_object (&db);
  bench_remove_database (path);
  return (double) (end - start) / G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *folder = NULL;
  g_autoptr(GBytes) data = NULL;
  double on[16], off[16];
  int rounds;
  Rows rows;

  setlocale (LC_ALL, "");
  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "usage: bench-rows TEMPLATE.db MEMBERS.csv [ROUNDS]\n");
      return 2;
    }
  rounds = argc == 4 ? CLAMP (atoi (argv[3]), 1, 16) : 3;
  data = bench_read_file (argv[2]);
  folder = g_path_get_dirname (argv[1]);

  rows = imported_rows (argv[1], data, folder);
  for (int r = 0; r < rounds; r++)
    {
      on[r] = write_once (argv[1], &rows, folder, TRUE);
      off[r] = write_once (argv[1], &rows, folder, FALSE);
      fprintf (stderr, "bench-rows: round %d: on %.2f s, off %.2f s\n", r + 1, on[r], off[r]);
    }
  printf ("Floor of a row-by-row import: the same %u members and %u events written one "
          "prepared INSERT each, as the import writes them, without reading the file, "
          "validation or sort keys: %.2f s with the change history, %.2f s without\n",
          rows.members->len, rows.events->len, bench_median (on, rounds),
          bench_median (off, rounds));
  g_ptr_array_unref (rows.members);
  g_ptr_array_unref (rows.events);
  return 0;
}
