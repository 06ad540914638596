/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the kinds of sdb-interchange share: each kind (sdb-interchange-KIND.c) describes its
 * columns, applies one row through the core's own write functions, and lists its records for
 * export; sdb-interchange.c does the rest (reading, header matching, duplicate keys, the one
 * transaction, the problems, CSV and XLSX writing). */
#pragma once

#include "sdb-database-private.h"
#include "sdb-interchange.h"
#include "sdb-xlsx.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *key;        /* the CSV header the program writes */
  const char  *label;      /* the Vietnamese header of offices' sheets and of the XLSX */
  const char  *aliases;    /* other headers seen in offices' sheets, '|'-separated, or NULL */
  SdbXlsxType  type;       /* SDB_XLSX_DATE columns are ISO in export rows, dd/mm/yyyy in CSV */
  GType      (*enum_type) (void);  /* cells are codes of this enum (labels in XLSX), or NULL */
  const char  *property;   /* the record property whose problems belong to this column */
} SdbInterchangeColumn;

typedef struct
{
  guint   line;
  char  **values;  /* one per column of the kind, trimmed and NFC, in the import's chunk of
                    * cells; NULL: not in the file */
} SdbInterchangeRow;

typedef struct _SdbInterchangeImport SdbInterchangeImport;

typedef struct
{
  const char                 *name;        /* the CLI's KIND */
  const char                 *sheet;       /* the XLSX sheet's name and title */
  const SdbInterchangeColumn *columns;
  guint                       n_columns;
  /* The columns that identify a record (a row's key), ending with -1. The first must be in
   * the file; a later one that is not counts as empty. No two rows may have the same key. */
  int                         key_columns[8];
  /* Whether export --year selects records (the first column is then the year). */
  gboolean                    by_year;
  /* Optional: the order to apply the rows in (a new GPtrArray, not owning them). */
  GPtrArray  *(*order)       (SdbInterchangeImport    *import,
                              GPtrArray               *rows);
  /* Applies one row; problems go to the import. FALSE only for a failure of the database. */
  gboolean    (*import_row)  (SdbInterchangeImport    *import,
                              const SdbInterchangeRow *row,
                              SdbImportCounts         *counts,
                              GError                 **error);
  /* Optional: the indexes of the kind's tables whose keys its rows bring in no order (names,
   * cells, dates), and the table whose size says when to set them aside: an import bringing
   * more rows than that table holds drops them in its transaction and makes them again from
   * their own SQL before it commits, which is several times faster than inserting into them
   * row by row. None may be one that validation or the history reads through. */
  const char                 *bulk_table;
  const char * const         *bulk_indexes;
  /* Whether its rows write members and their events only, so that the import reads each cell
   * they name once (sdb_member_hold_cells ()). */
  gboolean                    holds_cells;
  /* Optional: runs after every row was applied, inside the transaction, for the checks over
   * a whole group of records that the core defers during an import. */
  gboolean    (*finish)      (SdbInterchangeImport    *import,
                              GPtrArray               *rows,
                              GError                 **error);
  /* The records as GStrv rows in column order (dates ISO, closed lists as codes), sorted so
   * that export → import → export gives the same bytes; @year 0 for all. */
  GPtrArray  *(*export_rows) (SdbDatabase             *db,
                              int                      year,
                              GError                 **error);
} SdbInterchangeKindInfo;

struct _SdbInterchangeImport
{
  SdbDatabase                  *db;
  const SdbInterchangeKindInfo *info;
  const SdbDate                *today;
  GPtrArray                    *problems;
  guint                         n_errors;
  GHashTable                   *ids;  /* "o:CODE" / "m:CODE" → id, of codes already found */
  gint64                        n_stored;  /* rows in info->bulk_table as the import began; -1:
                                            * not counted (the kind has none) */
};

extern const SdbInterchangeKindInfo sdb_interchange_organizations;
/* Collective or individual, the recipients of an award (sdb-interchange-records.c). */
GType sdb_award_recipient_kind_get_type (void);

/* A member's departure in the members' left_reason column (sdb-interchange-members.c): a
 * transfer out, or one of the leaving reasons, with their values. */
typedef enum
{
  SDB_DEPARTURE_TRANSFERRED_OUT = -2,
  SDB_DEPARTURE_DIED = SDB_LEAVING_REASON_DIED,
  SDB_DEPARTURE_STRUCK_OFF = SDB_LEAVING_REASON_STRUCK_OFF,
  SDB_DEPARTURE_EXPELLED = SDB_LEAVING_REASON_EXPELLED,
  SDB_DEPARTURE_RESIGNED = SDB_LEAVING_REASON_RESIGNED,
} SdbDeparture;

GType sdb_departure_get_type (void);
extern const SdbInterchangeKindInfo sdb_interchange_members;
extern const SdbInterchangeKindInfo sdb_interchange_targets;
extern const SdbInterchangeKindInfo sdb_interchange_organization_ratings;
extern const SdbInterchangeKindInfo sdb_interchange_member_ratings;
extern const SdbInterchangeKindInfo sdb_interchange_meetings;
extern const SdbInterchangeKindInfo sdb_interchange_awards;
extern const SdbInterchangeKindInfo sdb_interchange_badges;

void        sdb_interchange_add_problem          (SdbInterchangeImport    *import,
                                                  guint                    line,
                                                  const char              *column,
                                                  SdbSeverity              severity,
                                                  const char              *message);
/* The problems a core write found, each under the column its property belongs to. */
void        sdb_interchange_add_record_problems  (SdbInterchangeImport    *import,
                                                  guint                    line,
                                                  GPtrArray               *found);
/* After a failed core write: FALSE (with @error) unless it was only refused by validation. */
gboolean    sdb_interchange_refused              (SdbInterchangeImport    *import,
                                                  guint                    line,
                                                  GPtrArray               *found,
                                                  GError                  *write_error,
                                                  GError                 **error);

/* Cells. Each returns FALSE after adding a problem when the cell cannot be read; an empty cell
 * reads as "none" (a date of year 0, an id of 0, -1 for an enum). */
gboolean    sdb_interchange_date_cell            (SdbInterchangeImport    *import,
                                                  const SdbInterchangeRow *row,
                                                  int                      column,
                                                  SdbDate                 *date);
gboolean    sdb_interchange_int_cell             (SdbInterchangeImport    *import,
                                                  const SdbInterchangeRow *row,
                                                  int                      column,
                                                  gint64                   min,
                                                  gint64                   max,
                                                  gint64                  *value);
gboolean    sdb_interchange_enum_cell            (SdbInterchangeImport    *import,
                                                  const SdbInterchangeRow *row,
                                                  int                      column,
                                                  int                     *value);
/* The organization or member a code cell names. @found is FALSE for an empty cell; an unknown
 * code is a problem. Returns FALSE only when the database failed (@error set). */
gboolean    sdb_interchange_organization_cell    (SdbInterchangeImport    *import,
                                                  const SdbInterchangeRow *row,
                                                  int                      column,
                                                  gint64                  *id,
                                                  GError                 **error);
gboolean    sdb_interchange_member_cell          (SdbInterchangeImport    *import,
                                                  const SdbInterchangeRow *row,
                                                  int                      column,
                                                  gint64                  *id,
                                                  GError                 **error);

/* A value given by its code, its Vietnamese label or an alias of the table, ignoring case and
 * diacritics. */
gboolean    sdb_interchange_parse_value          (GType                    enum_type,
                                                  const char              *text,
                                                  int                     *value);
/* The Vietnamese label (DOMAIN.md) of a closed-list value, whatever the interface language. */
const char *sdb_interchange_value_label          (GType                    enum_type,
                                                  int                      value);

/* Export helpers: runs @stmt (bound by the caller) and makes one GStrv per row of its first
 * @n_columns columns, as text. */
GPtrArray  *sdb_interchange_rows_from_statement  (SdbDatabase             *db,
                                                  SdbStmt                 *stmt,
                                                  guint                    n_columns,
                                                  GError                 **error);

G_END_DECLS
