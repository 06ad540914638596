/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-common.h"

GBytes *
bench_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (contents, length);
}

SdbDatabase *
bench_open_copy (const char *template,
                 const char *path)
{
  g_autoptr(GFile) from = g_file_new_for_path (template);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SdbDatabase *db = NULL;

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error)
      || (db = sdb_database_open (path, &error)) == NULL)
    g_error ("%s", error->message);
  sdb_database_set_automatic_backups (db, FALSE);
  return db;
}

void
bench_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_median (double *times,
              guint   n)
{
  g_return_val_if_fail (n > 0, 0.0);

  qsort (times, n, sizeof (double), compare_doubles);
  return times[n / 2];
}
