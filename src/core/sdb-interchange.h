/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-interchange: the office's sheets in and out. An import reads a CSV file of one kind of
 * record, matches its columns by key or Vietnamese header, and applies every row through the
 * same core rules as the forms, in one transaction: on any error nothing is written and every
 * problem is listed with its line and column. An export writes the same columns as CSV (which
 * imports back unchanged) or as a formatted .xlsx sheet. */
#pragma once

#include <glib-object.h>

#include "sdb-database.h"
#include "sdb-problem.h"
#include "sdb-vn.h"

G_BEGIN_DECLS

typedef enum
{
  SDB_INTERCHANGE_ORGANIZATIONS,
  SDB_INTERCHANGE_MEMBERS,
  SDB_INTERCHANGE_TARGETS,
  SDB_INTERCHANGE_ORGANIZATION_RATINGS,
  SDB_INTERCHANGE_MEMBER_RATINGS,
  SDB_INTERCHANGE_MEETINGS,
  SDB_INTERCHANGE_AWARDS,
  SDB_INTERCHANGE_BADGES,
} SdbInterchangeKind;

/* "organizations", "members", "targets", "organization-ratings", "member-ratings", "meetings",
 * "awards", "badges" (the CLI's KIND). */
gboolean    sdb_interchange_kind_from_name  (const char          *name,
                                             SdbInterchangeKind  *kind);
/* The names of the kinds, for messages: "organizations". */
char       *sdb_interchange_dup_kind_names  (void);
/* Whether the records of the kind are kept by year, so that export --year selects them. */
gboolean    sdb_interchange_kind_by_year    (SdbInterchangeKind   kind);
/* The header keys of a kind, comma-separated, for messages and the README. */
char       *sdb_interchange_dup_columns     (SdbInterchangeKind   kind);

/* One problem of an import, at a line (0: the file as a whole) and a column key (NULL: the
 * row). */
typedef struct
{
  guint        line;
  char        *column;
  SdbSeverity  severity;
  char        *message;
} SdbImportProblem;

void        sdb_import_problem_free         (SdbImportProblem    *problem);

typedef struct
{
  guint inserted;
  guint updated;
  guint unchanged;
} SdbImportCounts;

/* Imports @data, a CSV file of @kind. @today dates the moves a changed parent records.
 * @problems receives SdbImportProblem (errors and warnings), in line order. Returns FALSE with
 * SDB_DATABASE_ERROR_INVALID when any row has an error (nothing is written), or with another
 * error when the file or the database could not be used. */
gboolean    sdb_import_csv                  (SdbDatabase         *db,
                                             SdbInterchangeKind   kind,
                                             GBytes              *data,
                                             const SdbDate       *today,
                                             GPtrArray           *problems,
                                             SdbImportCounts     *counts,
                                             GError             **error);

/* The records of @kind as CSV: UTF-8 with BOM, comma, CRLF, the keys as headers, dates
 * dd/mm/yyyy (partial mm/yyyy or yyyy). @year: for the kinds kept by year, only that year;
 * 0 for all. */
GBytes     *sdb_export_csv                  (SdbDatabase         *db,
                                             SdbInterchangeKind   kind,
                                             int                  year,
                                             GError             **error);
/* The same rows as a formatted .xlsx sheet with Vietnamese headers. */
gboolean    sdb_export_xlsx                 (SdbDatabase         *db,
                                             SdbInterchangeKind   kind,
                                             int                  year,
                                             const char          *path,
                                             GError             **error);

G_END_DECLS
