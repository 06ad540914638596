/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the interchange tests share: CSV text in and out of a database with the problems of an
 * import at hand, the hand-counted fixture fitted to a test, a second database to import into,
 * and the text of an exported .xlsx sheet. */
#pragma once

#include <glib-object.h>

#include "sdb-database.h"
#include "sdb-demo.h"
#include "sdb-interchange.h"
#include "sdb-problem.h"
#include "sdb-test.h"

G_BEGIN_DECLS

/* An empty array for the SdbImportProblem of an import. */
GPtrArray       *sdb_test_import_problems_new          (void);
/* Prints every import problem to the test log: line, column, "(warning)" and message. */
void             sdb_test_log_import_problems          (GPtrArray          *problems);

/* Asserts that @problems holds a problem of @severity at @line (0: the file as a whole) and
 * @column (a header key; NULL: the row or the file). */
#define sdb_test_assert_import_problem(problems, line, column, severity) \
  sdb_test_assert_import_problem_real ((problems), (line), (column), (severity), NULL, G_STRLOC)
/* The same, for a problem whose message also holds @part. */
#define sdb_test_assert_import_problem_mentions(problems, line, column, severity, part) \
  sdb_test_assert_import_problem_real ((problems), (line), (column), (severity), (part), \
                                       G_STRLOC)
void             sdb_test_assert_import_problem_real   (GPtrArray          *problems,
                                                        guint               line,
                                                        const char         *column,
                                                        SdbSeverity         severity,
                                                        const char         *part,
                                                        const char         *where);

/* Imports @text, a CSV file of @kind, as sdb_import_csv does with 22/11/2026 for today, and
 * logs the problems when it fails. */
gboolean         sdb_test_import_csv                   (SdbDatabase        *db,
                                                        SdbInterchangeKind  kind,
                                                        const char         *text,
                                                        GPtrArray          *problems,
                                                        SdbImportCounts    *counts,
                                                        GError            **error);
/* Imports @text, which must go in without an error, and returns the counts. */
SdbImportCounts  sdb_test_import_csv_ok                (SdbDatabase        *db,
                                                        SdbInterchangeKind  kind,
                                                        const char         *text);
/* The records of @kind as CSV text (of @year, or 0 for all), which must export. */
char            *sdb_test_export_csv                   (SdbDatabase        *db,
                                                        SdbInterchangeKind  kind,
                                                        int                 year);
/* The lines of an exported CSV text, its header included: the CRLFs it holds. */
guint            sdb_test_count_csv_lines              (const char         *text);
/* Exports the @n_records records of @kind in @db and imports them back: every row must be
 * unchanged and the database not written at all. */
void             sdb_test_assert_reimport_unchanged    (SdbDatabase        *db,
                                                        SdbInterchangeKind  kind,
                                                        guint               n_records);

/* Exports @kind (of @year, or 0 for all) to an .xlsx file in the fixture's folder and returns
 * the XML of its shared strings followed by that of its sheet, read by unzipping the file
 * (python3's zipfile). */
char            *sdb_test_export_xlsx                  (SdbTestFixture     *f,
                                                        SdbInterchangeKind  kind,
                                                        int                 year);

/* Runs @sql, one or more statements; aborts the test with SQLite's message on an error. */
void             sdb_test_exec_sql                     (SdbDatabase        *db,
                                                        const char         *sql);
/* Loads tests/data/stats/fixture.sql, the hand-counted district committee, then runs @sql
 * (NULL: nothing) to fit it to a test. */
void             sdb_test_load_fixture                 (SdbDatabase        *db,
                                                        const char         *sql);
/* Writes the fixture's committee (Đảng bộ huyện Minh Tân) into an empty database. */
void             sdb_test_add_profile                  (SdbDatabase        *db);
/* Invents @members members from @first_year to @last_year (0: the demo's own years) with
 * @seed into a database that has its committee; @options (nullable) receives what was used. */
void             sdb_test_generate_demo                (SdbDatabase        *db,
                                                        guint               members,
                                                        int                 first_year,
                                                        int                 last_year,
                                                        guint32             seed,
                                                        SdbDemoOptions     *options);
/* Opens a second, empty database, "other.db" in the fixture's folder, to import into. */
SdbDatabase     *sdb_test_open_other                   (SdbTestFixture     *f);

G_END_DECLS
