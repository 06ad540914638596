/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks of tests/bench share: a fresh copy of a template database to write into,
 * its removal, and the median of a round's times. */
#pragma once

#include <glib.h>

#include "sdb-database.h"

G_BEGIN_DECLS

/* The whole file @path; aborts when it cannot be read. */
GBytes      *bench_read_file       (const char *path);
/* Copies @template to @path and opens the copy, without automatic backups; aborts on failure. */
SdbDatabase *bench_open_copy       (const char *template,
                                    const char *path);
/* Removes the database @path with its -wal and -shm. */
void         bench_remove_database (const char *path);
/* Sorts @times (@n of them) and gives the middle one. */
double       bench_median          (double     *times,
                                    guint       n);

G_END_DECLS
