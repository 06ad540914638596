/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-xlsx: the office's tables as real Excel workbooks (DOMAIN.md, "Excel is home"). Numbers
 * and dates are written as numbers, so a clerk can sum, sort and reformat them in Excel; a file
 * is private to its owner and appears under its name only once it is complete. */
#pragma once

#include <glib.h>

#include "sdb-stats.h"

G_BEGIN_DECLS

#define SDB_XLSX_ERROR (sdb_xlsx_error_quark ())

typedef enum
{
  SDB_XLSX_ERROR_FOLDER_MISSING,  /* the folder of the file does not exist */
  SDB_XLSX_ERROR_PERMISSION,      /* the folder cannot be written */
  SDB_XLSX_ERROR_NO_SPACE,
  SDB_XLSX_ERROR_FAILED,
} SdbXlsxError;

GQuark sdb_xlsx_error_quark (void);

typedef enum
{
  SDB_XLSX_TEXT,
  SDB_XLSX_INTEGER,   /* a decimal integer ("1236"), written as a number */
  SDB_XLSX_DATE,      /* ISO "2024-02-05", written as an Excel date shown dd/mm/yyyy; a partial
                       * "2024-02" or "2024" is written as the text "02/2024" or "2024" */
  SDB_XLSX_PERCENT,   /* a JSON-style number of percent ("105.7"), written as the number 1.057
                       * shown with the format 0.0% */
} SdbXlsxType;

typedef struct
{
  const char  *header;  /* as shown: the caller translates it, or not */
  SdbXlsxType  type;
  gboolean     total;   /* the totals row sums this column; only for numbers and percentages */
} SdbXlsxColumn;

gboolean sdb_xlsx_write_table (const char          *path,
                               const char          *sheet_name,
                               const char          *title,
                               const SdbXlsxColumn *columns,
                               guint                n_columns,
                               GPtrArray           *rows,
                               GError             **error);

gboolean sdb_xlsx_write_stats (const char          *path,
                               const SdbStats      *stats,
                               GError             **error);

G_END_DECLS
