/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every unit test of a record kind shares: a fresh database in a private folder per test,
 * and small helpers to write dates and the records others depend on. */
#pragma once

#include <glib-object.h>

#include "sdb-database.h"
#include "sdb-problem.h"
#include "sdb-types.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *path;
  SdbDatabase *db;
  GPtrArray   *problems;   /* emptied before each test; pass it to writes */
} SdbTestFixture;

/* setlocale, g_test_init with isolated folders, and the translations of the build tree. */
void     sdb_test_init              (int            *argc,
                                     char         ***argv);
void     sdb_test_fixture_setup     (SdbTestFixture *f,
                                     gconstpointer   data);
void     sdb_test_fixture_teardown  (SdbTestFixture *f,
                                     gconstpointer   data);
void     sdb_test_remove_tree       (const char     *path);

#define SDB_TEST_ADD(path, func) \
  g_test_add ((path), SdbTestFixture, NULL, sdb_test_fixture_setup, (func), \
              sdb_test_fixture_teardown)

/* "2024-02-05", "2024-02" or "2024"; aborts the test on anything else. */
SdbDate  sdb_test_date              (const char     *iso);

/* Asserts that @problems holds a problem of @severity about @field. */
#define sdb_test_assert_problem(problems, field, severity) \
  sdb_test_assert_problem_real ((problems), (field), (severity), G_STRLOC)
void     sdb_test_assert_problem_real (GPtrArray    *problems,
                                       const char   *field,
                                       SdbSeverity   severity,
                                       const char   *where);
/* Prints every problem to the test log, for a failing assertion's context. */
void     sdb_test_log_problems      (GPtrArray      *problems);

/* Runs one SQL query returning one integer, e.g. a count. */
gint64   sdb_test_query_int         (SdbDatabase    *db,
                                     const char     *sql);

/* Notes from now on what @db reports through sdb_database_set_progress_func (): the figures
 * done, total, done, total… in a GArray of guint64 (the caller unrefs it). */
GArray  *sdb_test_watch_progress    (SdbDatabase    *db);
/* Stops noting, and asserts that the figures noted are exactly the @n_expected of @expected. */
void     sdb_test_assert_progress   (SdbDatabase    *db,
                                     GArray         *noted,
                                     const guint64  *expected,
                                     guint           n_expected);

/* Runs one SQL query returning one text (NULL: ""), e.g. a group_concat (); free it. */
char    *sdb_test_query_text        (SdbDatabase    *db,
                                     const char     *sql);

/* Runs the SQL file @name of tests/data (e.g. "stats/fixture.sql") in one transaction. */
void     sdb_test_load_sql          (SdbDatabase    *db,
                                     const char     *name);

G_END_DECLS
