/* SPDX-License-Identifier: GPL-3.0-or-later */
/* load-sql DATABASE FILE.sql: runs a hand-written fixture in one transaction on a database made
 * by the program's own migrations, with its SQL functions (sort and search keys) available.
 * For the CLI tests, which must see the same fixture as the unit tests. */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "sdb-database-private.h"
#include "sdb-database.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *message = NULL;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: load-sql DATABASE FILE.sql\n");
      return 2;
    }
  db = sdb_database_open (argv[1], &error);
  if (db == NULL || !g_file_get_contents (argv[2], &sql, NULL, &error)
      || !sdb_database_begin (db, &error))
    {
      g_printerr ("load-sql: %s\n", error->message);
      return 1;
    }
  if (sqlite3_exec (sdb_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("load-sql: %s: %s\n", argv[2], message);
      sqlite3_free (message);
      sdb_database_rollback (db);
      return 1;
    }
  if (!sdb_database_commit (db, &error))
    {
      g_printerr ("load-sql: %s\n", error->message);
      return 1;
    }
  return 0;
}
