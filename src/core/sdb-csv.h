/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-csv: the CSV files the office exchanges with Excel, as bytes to records of text fields and
 * back. It knows nothing of record kinds: the import maps columns to fields, trims, normalizes
 * and reports. Every record read carries the physical line of the file where it starts, so an
 * import can say "FILE:LINE: column: message". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SDB_CSV_ERROR (sdb_csv_error_quark ())

typedef enum
{
  SDB_CSV_ERROR_ENCODING,   /* not UTF-8 (an Excel "CSV (Comma delimited)" file), or a NUL byte */
  SDB_CSV_ERROR_SYNTAX,     /* a quoted field that never ends */
  SDB_CSV_ERROR_EMPTY,      /* nothing but a BOM and blank lines */
} SdbCsvError;

GQuark        sdb_csv_error_quark          (void);

/* Reading ------------------------------------------------------------------------------------ */

typedef struct _SdbCsvReader SdbCsvReader;

SdbCsvReader *sdb_csv_reader_new           (GBytes             *data,
                                            GError            **error);
void          sdb_csv_reader_free          (SdbCsvReader       *reader);
char          sdb_csv_reader_get_delimiter (SdbCsvReader       *reader);
gboolean      sdb_csv_reader_next          (SdbCsvReader       *reader,
                                            GPtrArray         **fields,
                                            guint              *line,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbCsvReader, sdb_csv_reader_free)

/* Writing ------------------------------------------------------------------------------------ */

void          sdb_csv_append_record        (GString            *out,
                                            const char * const *fields,
                                            guint               n_fields);
void          sdb_csv_append_bom           (GString            *out);

G_END_DECLS
