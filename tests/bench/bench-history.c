/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-history TEMPLATE.db MEMBERS.csv [ROUNDS]: what the change history costs an import.
 * Each round copies TEMPLATE.db (a committee with its organizations) and imports MEMBERS.csv
 * into the copy twice over: once with the history on, as always, and once with it switched
 * off through the core's private switch, which only the demo and this benchmark use. Prints
 * the median of each and the difference. build-aux/benchmark-history.sh runs it. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gio/gio.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "sdb-database.h"
#include "sdb-history-private.h"
#include "sdb-history.h"
#include "sdb-interchange.h"

static double
import_once (const char *template,
             GBytes     *data,
             const char *folder,
             gboolean    history,
             gint64     *entries)
{
  g_autofree char *path = g_build_filename (folder, history ? "on.db" : "off.db", NULL);
  g_autoptr(SdbDatabase) db = bench_open_copy (template, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  SdbImportCounts counts = { 0 };
  SdbDate today = { 2026, 11, 22 };
  gint64 start, end;

  sdb_history_set_enabled (db, history);
  start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  if (!sdb_import_csv (db, SDB_INTERCHANGE_MEMBERS, data, &today, problems, &counts, &error))
    g_error ("import: %s", error->message);
  end = g_get_monotonic_time ();
  fprintf (stderr, "bench-history: %s: %.2f s of processor time\n", history ? "on" : "off",
           (double) (clock () - cpu) / CLOCKS_PER_SEC);
  *entries = sdb_history_count (db, NULL);
  g_clear_object (&db);
  bench_remove_database (path);
  return (double) (end - start) / G_USEC_PER_SEC;
}

/* The floor: the same entries written by one INSERT … SELECT into a table of the same shape
 * and index, with no trigger, JSON or hash: what storing them costs at the least. */
static double
store_floor (const char *template,
             GBytes     *data,
             const char *folder)
{
  g_autofree char *source = g_build_filename (folder, "floor-source.db", NULL);
  g_autofree char *target = g_build_filename (folder, "floor.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  SdbDate today = { 2026, 11, 22 };
  sqlite3 *handle = NULL;
  char *message = NULL;
  gint64 start, end;

  {
    g_autoptr(SdbDatabase) db = bench_open_copy (template, source);

    if (!sdb_import_csv (db, SDB_INTERCHANGE_MEMBERS, data, &today, problems, NULL, &error))
      g_error ("import: %s", error->message);
  }
  g_unlink (target);
  if (sqlite3_open (target, &handle) != SQLITE_OK
      || sqlite3_exec (handle, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL,
                       NULL, &message) != SQLITE_OK)
    g_error ("floor: %s", message != NULL ? message : sqlite3_errmsg (handle));
  {
    char *attach = sqlite3_mprintf ("ATTACH %Q AS source;"
                                               "CREATE TABLE h AS SELECT * FROM source.history"
                                               " WHERE 0;"
                                               "CREATE INDEX h_by_record ON h (record_kind,"
                                               " record_id);", source);

    int rc = sqlite3_exec (handle, attach, NULL, NULL, &message);

    sqlite3_free (attach);
    if (rc != SQLITE_OK)
      g_error ("floor: %s", message);
  }
  start = g_get_monotonic_time ();
  if (sqlite3_exec (handle, "BEGIN; INSERT INTO h SELECT * FROM source.history; COMMIT;", NULL,
                    NULL, &message) != SQLITE_OK)
    g_error ("floor: %s", message);
  end = g_get_monotonic_time ();
  sqlite3_close (handle);
  bench_remove_database (source);
  bench_remove_database (target);
  return (double) (end - start) / G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *folder = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) off = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 entries_on = 0, entries_off = 0;
  int rounds = argc > 3 ? atoi (argv[3]) : 3;
  double median_on, median_off;

  setlocale (LC_ALL, "");
  if (argc < 3 || rounds < 1)
    {
      fprintf (stderr, "usage: bench-history TEMPLATE.db MEMBERS.csv [ROUNDS]\n");
      return 2;
    }
  data = bench_read_file (argv[2]);
  folder = g_path_get_dirname (argv[1]);

  /* SDB_BENCH_ONLY=on|off runs one side only, for a profiler. */
  if (g_getenv ("SDB_BENCH_ONLY") != NULL)
    {
      gboolean history = g_str_equal (g_getenv ("SDB_BENCH_ONLY"), "on");

      for (int i = 0; i < rounds; i++)
        printf ("%s: %.2f s\n", history ? "on" : "off",
                import_once (argv[1], data, folder, history, &entries_on));
      return 0;
    }
  for (int i = 0; i < rounds; i++)
    {
      /* Alternating, so that neither side always meets a warmer cache. */
      double a = import_once (argv[1], data, folder, i % 2 == 0, i % 2 == 0 ? &entries_on
                                                                            : &entries_off);
      double b = import_once (argv[1], data, folder, i % 2 != 0, i % 2 != 0 ? &entries_on
                                                                            : &entries_off);

      g_array_append_val (i % 2 == 0 ? on : off, a);
      g_array_append_val (i % 2 == 0 ? off : on, b);
      fprintf (stderr, "bench-history: round %d: %s %.2f s, %s %.2f s\n", i + 1,
               i % 2 == 0 ? "on" : "off", a, i % 2 == 0 ? "off" : "on", b);
    }
  median_on = bench_median ((double *) (void *) on->data, on->len);
  median_off = bench_median ((double *) (void *) off->data, off->len);
  printf ("Import with the change history: %.2f s (%" G_GINT64_FORMAT " entries)\n", median_on,
          entries_on);
  printf ("The same import with the history switched off: %.2f s (%" G_GINT64_FORMAT
          " entries)\n", median_off, entries_off);
  printf ("Cost of the history: %+.1f%% (target: under 30%%)\n",
          (median_on / median_off - 1.0) * 100.0);
  {
    double floor = store_floor (argv[1], data, folder);

    printf ("Floor: the same entries stored by one INSERT … SELECT, without triggers, JSON or "
            "hashes: %.2f s, %+.1f%% of the import without history\n", floor,
            floor / median_off * 100.0);
  }
  return 0;
}
