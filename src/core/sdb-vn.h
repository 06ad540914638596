/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-vn: every number, percentage, date, search key and sort key the product shows or stores
 * passes through here. Nothing in this module reads the process locale: Vietnamese conventions
 * are written out by hand (DOMAIN.md, "Vietnamese conventions"), and sorting uses ICU's "vi"
 * rules explicitly. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SDB_VN_ERROR (sdb_vn_error_quark ())

typedef enum
{
  SDB_VN_ERROR_EMPTY,          /* nothing was entered */
  SDB_VN_ERROR_SYNTAX,         /* not written in any accepted form */
  SDB_VN_ERROR_RANGE,          /* well formed, but impossible: month 13, 31/04, year 1850 */
  SDB_VN_ERROR_INVALID_UTF8,
} SdbVnError;

GQuark sdb_vn_error_quark (void);

/* Numbers ------------------------------------------------------------------------------------ */

/* Counts larger than this are refused by the percentage functions: it keeps the exact integer
 * arithmetic far from overflow, and no committee has a trillion of anything. */
#define SDB_VN_COUNT_MAX G_GINT64_CONSTANT (1000000000000)
#define SDB_VN_PERCENT_MAX_DECIMALS 3

char     *sdb_vn_format_int          (gint64       value);
char     *sdb_vn_format_year         (int          year);
gboolean  sdb_vn_parse_int           (const char  *text,
                                      gint64      *value,
                                      GError     **error);

gboolean  sdb_vn_percent_scaled      (gint64       numerator,
                                      gint64       denominator,
                                      guint        decimals,
                                      gint64      *scaled);
gboolean  sdb_vn_percent_tenths      (gint64       numerator,
                                      gint64       denominator,
                                      gint64      *tenths);
char     *sdb_vn_format_percent      (gint64       numerator,
                                      gint64       denominator,
                                      guint        decimals);
char     *sdb_vn_format_tenths_json  (gint64       tenths);
char     *sdb_vn_percent_json        (gint64       numerator,
                                      gint64       denominator);

/* Dates -------------------------------------------------------------------------------------- */

/* A calendar date that may be partial, as old records are: month == 0 means only the year is
 * known, day == 0 means only the month and year. year == 0 is "no date". */
typedef struct
{
  gint16 year;
  guint8 month;
  guint8 day;
} SdbDate;

typedef enum
{
  SDB_DATE_PRECISION_NONE,
  SDB_DATE_PRECISION_YEAR,
  SDB_DATE_PRECISION_MONTH,
  SDB_DATE_PRECISION_DAY,
} SdbDatePrecision;

typedef enum
{
  SDB_VN_DATE_DEFAULT       = 0,
  SDB_VN_DATE_EXCEL_SERIAL  = 1 << 0,  /* an integer >= 10000 is an Excel serial (imports) */
  SDB_VN_DATE_REQUIRE_DAY   = 1 << 1,  /* refuse mm/yyyy and yyyy */
} SdbVnDateFlags;

#define SDB_DATE_YEAR_MIN 1900
#define SDB_DATE_YEAR_MAX 2100

guint             sdb_date_days_in_month       (int             year,
                                                int             month);
gboolean          sdb_date_is_valid            (const SdbDate  *date);
SdbDatePrecision  sdb_date_get_precision       (const SdbDate  *date);
int               sdb_date_compare             (const SdbDate  *a,
                                                const SdbDate  *b);
gboolean          sdb_date_from_excel_serial   (gint64          serial,
                                                SdbDate        *date);
char             *sdb_date_to_iso              (const SdbDate  *date);
/* Room for "yyyy-mm-dd" of any year an SdbDate holds ("-32768-12-31"), and its NUL. */
#define SDB_DATE_ISO_SIZE 16
const char       *sdb_date_write_iso           (const SdbDate  *date,
                                                char            text[SDB_DATE_ISO_SIZE]);
gboolean          sdb_date_from_iso            (const char     *text,
                                                SdbDate        *date);

gboolean          sdb_vn_parse_date            (const char     *text,
                                                SdbVnDateFlags  flags,
                                                SdbDate        *date,
                                                GError        **error);
char             *sdb_vn_format_date           (const SdbDate  *date);
char             *sdb_vn_format_date_document  (const SdbDate  *date);

/* Text --------------------------------------------------------------------------------------- */

char     *sdb_vn_normalize           (const char  *text);
gboolean  sdb_vn_is_stable_nfc       (const char  *text,
                                      gsize        len);
char     *sdb_vn_normalize_name      (const char  *text);
char     *sdb_vn_canonical_tones     (const char  *text);
char     *sdb_vn_search_key          (const char  *text);
void      sdb_vn_split_name          (const char  *full_name,
                                      char       **family,
                                      char       **middle,
                                      char       **given);

/* Sorting ------------------------------------------------------------------------------------ */

GBytes   *sdb_vn_sort_key            (const char  *text);
GBytes   *sdb_vn_name_sort_key       (const char  *full_name);
int       sdb_vn_collate             (const char  *a,
                                      const char  *b);
int       sdb_vn_collate_names       (const char  *a,
                                      const char  *b);
char     *sdb_vn_collator_version    (void);

G_END_DECLS
