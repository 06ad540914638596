/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/uversion.h>

#include "sdb-vn.h"

G_DEFINE_QUARK (sdb-vn-error-quark, sdb_vn_error)

/* Numbers ------------------------------------------------------------------------------------ */

static void
append_grouped (GString *out,
                guint64  value)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
}

static guint64
magnitude (gint64 value)
{
  /* Written so that G_MININT64 does not overflow. */
  return value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
}

/**
 * sdb_vn_format_int:
 *
 * Formats a count the Vietnamese way: "." groups thousands ("4.014", "-1.236").
 */
char *
sdb_vn_format_int (gint64 value)
{
  GString *out = g_string_new (NULL);

  if (value < 0)
    g_string_append_c (out, '-');
  append_grouped (out, magnitude (value));

  return g_string_free (out, FALSE);
}

/**
 * sdb_vn_format_year:
 *
 * Years are never grouped: "năm 2024", not "năm 2.024".
 */
char *
sdb_vn_format_year (int year)
{
  return g_strdup_printf ("%d", year);
}

/**
 * sdb_vn_parse_int:
 *
 * Reads a whole number as a clerk writes it: "1236" or "1.236" (groups of exactly three
 * digits), with an optional leading minus sign and surrounding spaces.
 */
gboolean
sdb_vn_parse_int (const char  *text,
                  gint64      *value,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean grouped = FALSE;
  guint64 result = 0;
  int digits_in_group = 0;
  int total_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  p = copy;

  if (*p == '\0')
    {
      g_set_error_literal (error, SDB_VN_ERROR, SDB_VN_ERROR_EMPTY, _("No number was entered."));
      return FALSE;
    }

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          guint digit = (guint) (*p - '0');

          if (result > (G_MAXINT64 - digit) / 10)
            {
              g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                           _("“%s” is too large a number."), copy);
              return FALSE;
            }
          result = result * 10 + digit;
          digits_in_group++;
          total_digits++;
        }
      else if (*p == '.' && total_digits > 0
               && (grouped ? digits_in_group == 3 : digits_in_group <= 3))
        {
          grouped = TRUE;
          digits_in_group = 0;
        }
      else if (*p == ',')
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
                       _("“%s” is not a whole number: enter it without a decimal part."), copy);
          return FALSE;
        }
      else
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
                       _("“%s” is not a number: use digits only, for example 1236 or 1.236."),
                       copy);
          return FALSE;
        }
    }

  if (total_digits == 0 || (grouped && digits_in_group != 3))
    {
      g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
                   _("“%s” is not a number: use digits only, for example 1236 or 1.236."), copy);
      return FALSE;
    }

  *value = negative ? -(gint64) result : (gint64) result;
  return TRUE;
}

/* Percentages -------------------------------------------------------------------------------- */

static guint64
pow10u (guint n)
{
  guint64 r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

/**
 * sdb_vn_percent_scaled:
 * @scaled: (out): numerator / denominator × 100, in units of 10^-@decimals
 *
 * The one place where a share becomes a percentage. Exact integer arithmetic, rounded half up
 * (away from zero) at the last shown digit, so 1/16 = 6,25% gives 6,3% where printf ("%.1f")
 * of the double 6.25 may not.
 *
 * Returns: %FALSE when @denominator is 0: there is no percentage of nothing.
 */
gboolean
sdb_vn_percent_scaled (gint64  numerator,
                       gint64  denominator,
                       guint   decimals,
                       gint64 *scaled)
{
  guint64 n, d, scale, q;
  gboolean negative;

  g_return_val_if_fail (decimals <= SDB_VN_PERCENT_MAX_DECIMALS, FALSE);
  g_return_val_if_fail (numerator >= -SDB_VN_COUNT_MAX && numerator <= SDB_VN_COUNT_MAX, FALSE);
  g_return_val_if_fail (denominator >= -SDB_VN_COUNT_MAX && denominator <= SDB_VN_COUNT_MAX,
                        FALSE);
  g_return_val_if_fail (scaled != NULL, FALSE);

  if (denominator == 0)
    return FALSE;

  negative = (numerator < 0) != (denominator < 0);
  n = magnitude (numerator);
  d = magnitude (denominator);
  scale = 100 * pow10u (decimals);

  /* round (n·scale / d) half up = floor ((2·n·scale + d) / 2d); at most 2·10^17 here. */
  q = (2 * n * scale + d) / (2 * d);

  *scaled = negative && q != 0 ? -(gint64) q : (gint64) q;
  return TRUE;
}

/**
 * sdb_vn_percent_tenths:
 *
 * The percentage in integer tenths (469/400 → 1173), for JSON and for comparisons.
 */
gboolean
sdb_vn_percent_tenths (gint64  numerator,
                       gint64  denominator,
                       gint64 *tenths)
{
  return sdb_vn_percent_scaled (numerator, denominator, 1, tenths);
}

static void
append_fixed (GString  *out,
              gint64    scaled,
              guint     decimals,
              char      mark,
              gboolean  drop_zeros,
              gboolean  group)
{
  guint64 m = magnitude (scaled);
  guint64 unit = pow10u (decimals);
  guint64 whole = m / unit;
  guint64 frac = m % unit;
  guint shown = decimals;

  if (scaled < 0)
    g_string_append_c (out, '-');

  if (group)
    append_grouped (out, whole);
  else
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, whole);

  if (drop_zeros)
    while (shown > 0 && frac % 10 == 0)
      {
        frac /= 10;
        shown--;
      }

  if (shown > 0)
    g_string_append_printf (out, "%c%0*" G_GUINT64_FORMAT, mark, (int) shown, frac);
}

/**
 * sdb_vn_format_percent:
 *
 * "117,3%", "6,3%", "78%" (a shown trailing 0 is dropped, as offices write it), "100%".
 *
 * Returns: (nullable): %NULL when @denominator is 0.
 */
char *
sdb_vn_format_percent (gint64 numerator,
                       gint64 denominator,
                       guint  decimals)
{
  GString *out;
  gint64 scaled;

  if (!sdb_vn_percent_scaled (numerator, denominator, decimals, &scaled))
    return NULL;

  out = g_string_new (NULL);
  append_fixed (out, scaled, decimals, ',', TRUE, TRUE);
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/**
 * sdb_vn_format_tenths_json:
 *
 * A JSON number with one decimal from integer tenths: 1173 → "117.3", 0 → "0.0".
 */
char *
sdb_vn_format_tenths_json (gint64 tenths)
{
  GString *out = g_string_new (NULL);

  append_fixed (out, tenths, 1, '.', FALSE, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * sdb_vn_percent_json:
 *
 * The percentage as a JSON value: "105.7", or "null" when @denominator is 0.
 */
char *
sdb_vn_percent_json (gint64 numerator,
                     gint64 denominator)
{
  gint64 tenths;

  if (!sdb_vn_percent_tenths (numerator, denominator, &tenths))
    return g_strdup ("null");
  return sdb_vn_format_tenths_json (tenths);
}

/* Dates -------------------------------------------------------------------------------------- */

guint
sdb_date_days_in_month (int year,
                        int month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

gboolean
sdb_date_is_valid (const SdbDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (date->year == 0)
    return date->month == 0 && date->day == 0;
  if (date->year < SDB_DATE_YEAR_MIN || date->year > SDB_DATE_YEAR_MAX)
    return FALSE;
  if (date->month == 0)
    return date->day == 0;
  if (date->month > 12)
    return FALSE;
  return date->day <= sdb_date_days_in_month (date->year, date->month);
}

SdbDatePrecision
sdb_date_get_precision (const SdbDate *date)
{
  g_return_val_if_fail (date != NULL, SDB_DATE_PRECISION_NONE);

  if (date->year == 0)
    return SDB_DATE_PRECISION_NONE;
  if (date->month == 0)
    return SDB_DATE_PRECISION_YEAR;
  if (date->day == 0)
    return SDB_DATE_PRECISION_MONTH;
  return SDB_DATE_PRECISION_DAY;
}

/**
 * sdb_date_compare:
 *
 * Orders dates field by field; an unknown month or day sorts before every known one, so
 * "2024" < "01/2024" < "01/01/2024", the same order as their ISO texts.
 */
int
sdb_date_compare (const SdbDate *a,
                  const SdbDate *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar, and back (H. Hinnant's
 * algorithms), so that serial dates need neither GDate's locale-free but allocation-heavy API
 * nor the C library's time zone. */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *y,
                 guint  *m,
                 guint  *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *m = (guint) (mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

/**
 * sdb_date_from_excel_serial:
 *
 * Excel's 1900 date system: serial 1 is 01/01/1900 and, because Excel keeps Lotus 1-2-3's
 * phantom 29/02/1900, every serial from 61 on counts from 30/12/1899.
 */
gboolean
sdb_date_from_excel_serial (gint64   serial,
                            SdbDate *date)
{
  gint64 y;
  guint m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  /* The upper bound keeps the day count below from overflowing; 2100 is serial 73415. */
  if (serial < 61 || serial > G_GINT64_CONSTANT (1000000))
    return FALSE;

  civil_from_days (days_from_civil (1899, 12, 30) + serial, &y, &m, &d);
  if (y < SDB_DATE_YEAR_MIN || y > SDB_DATE_YEAR_MAX)
    return FALSE;

  date->year = (gint16) y;
  date->month = (guint8) m;
  date->day = (guint8) d;
  return TRUE;
}

/**
 * sdb_date_to_iso:
 *
 * The stored form: "2024-02-05", "2024-02" or "2024"; "" for no date. Sorts as the dates do.
 */
char *
sdb_date_to_iso (const SdbDate *date)
{
  char text[SDB_DATE_ISO_SIZE];

  g_return_val_if_fail (date != NULL, NULL);

  return g_strdup (sdb_date_write_iso (date, text));
}

static char *
write_digits (char  *out,
              guint  value,
              guint  count)
{
  for (guint i = count; i > 0; i--)
    {
      out[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }
  return out + count;
}

/**
 * sdb_date_write_iso:
 * @text: (out caller-allocates): room for %SDB_DATE_ISO_SIZE bytes
 *
 * Writes what sdb_date_to_iso () returns into @text, without allocating: a write binds a date
 * for every row it stores. Returns @text.
 */
const char *
sdb_date_write_iso (const SdbDate *date,
                    char           text[SDB_DATE_ISO_SIZE])
{
  SdbDatePrecision precision;
  char *p = text;

  g_return_val_if_fail (date != NULL, NULL);

  precision = sdb_date_get_precision (date);
  if (precision == SDB_DATE_PRECISION_NONE)
    {
      text[0] = '\0';
      return text;
    }
  if (date->year < 0 || date->year > 9999)
    {
      if (precision == SDB_DATE_PRECISION_DAY)
        g_snprintf (text, SDB_DATE_ISO_SIZE, "%04d-%02u-%02u", date->year, date->month,
                    date->day);
      else if (precision == SDB_DATE_PRECISION_MONTH)
        g_snprintf (text, SDB_DATE_ISO_SIZE, "%04d-%02u", date->year, date->month);
      else
        g_snprintf (text, SDB_DATE_ISO_SIZE, "%04d", date->year);
      return text;
    }
  p = write_digits (p, (guint) date->year, 4);
  if (precision != SDB_DATE_PRECISION_YEAR)
    {
      *p++ = '-';
      p = write_digits (p, date->month % 100, 2);
    }
  if (precision == SDB_DATE_PRECISION_DAY)
    {
      *p++ = '-';
      p = write_digits (p, date->day % 100, 2);
    }
  *p = '\0';
  return text;
}

static gboolean
read_digits (const char **p,
             guint        count,
             guint       *value)
{
  guint v = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + (guint) ((*p)[i] - '0');
    }
  *p += count;
  *value = v;
  return TRUE;
}

/**
 * sdb_date_from_iso:
 *
 * Reads the stored form back, strictly; "" is no date.
 */
gboolean
sdb_date_from_iso (const char *text,
                   SdbDate    *date)
{
  const char *p = text;
  guint y, m = 0, d = 0;
  SdbDate parsed = { 0, 0, 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (*p != '\0')
    {
      /* "0000" is not "no date": that is only "". */
      if (!read_digits (&p, 4, &y) || y == 0)
        return FALSE;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &m) || m == 0)
            return FALSE;
          if (*p == '-')
            {
              p++;
              if (!read_digits (&p, 2, &d) || d == 0)
                return FALSE;
            }
        }
      if (*p != '\0')
        return FALSE;
      parsed.year = (gint16) y;
      parsed.month = (guint8) m;
      parsed.day = (guint8) d;
    }

  if (!sdb_date_is_valid (&parsed))
    return FALSE;
  *date = parsed;
  return TRUE;
}

typedef struct
{
  guint value;
  guint digits;
} DateField;

static gboolean
check_date (const char  *text,
            guint        year,
            guint        month,
            guint        day,
            GError     **error)
{
  if (year < SDB_DATE_YEAR_MIN || year > SDB_DATE_YEAR_MAX)
    {
      g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                   _("“%s”: the year %u is not between %d and %d."),
                   text, year, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
      return FALSE;
    }
  if (month > 12)
    {
      g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                   _("“%s”: there is no month %u."), text, month);
      return FALSE;
    }
  if (month == 0 || day == 0)
    return TRUE;
  if (day > sdb_date_days_in_month ((int) year, (int) month))
    {
      if (day > 31)
        g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                     _("“%s”: there is no day %u in a month."), text, day);
      else if (month == 2)
        g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                     _("“%s”: February %u has only %u days."),
                     text, year, sdb_date_days_in_month ((int) year, 2));
      else
        g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                     _("“%s”: month %u has only %u days."),
                     text, month, sdb_date_days_in_month ((int) year, (int) month));
      return FALSE;
    }
  return TRUE;
}

static gboolean
date_syntax_error (const char  *text,
                   GError     **error)
{
  g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
               _("“%s” is not a date: write it as dd/mm/yyyy, for example 05/02/2024."), text);
  return FALSE;
}

/**
 * sdb_vn_parse_date:
 *
 * Reads a date as a clerk types it or a sheet holds it: dd/mm/yyyy, d/m/yyyy (also with "." or
 * "-" between the parts), yyyy-mm-dd, mm/yyyy and yyyy (partial dates keep their precision),
 * and, with %SDB_VN_DATE_EXCEL_SERIAL, an Excel serial of 10000 or more. An impossible date
 * (30/02, 31/04, month 13) is refused with a message that names the problem.
 */
gboolean
sdb_vn_parse_date (const char      *text,
                   SdbVnDateFlags   flags,
                   SdbDate         *date,
                   GError         **error)
{
  g_autofree char *copy = NULL;
  DateField fields[3] = { { 0, 0 } };
  guint n_fields = 0;
  char separator = 0;
  guint year, month = 0, day = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));

  if (*copy == '\0')
    {
      g_set_error_literal (error, SDB_VN_ERROR, SDB_VN_ERROR_EMPTY, _("No date was entered."));
      return FALSE;
    }

  for (const char *p = copy; ; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          DateField *f = &fields[n_fields];

          if (f->digits >= 9)
            return date_syntax_error (copy, error);
          f->value = f->value * 10 + (guint) (*p - '0');
          f->digits++;
          continue;
        }

      /* The end of a field. */
      if (fields[n_fields].digits == 0)
        return date_syntax_error (copy, error);
      n_fields++;

      if (*p == '\0')
        break;
      if ((*p != '/' && *p != '-' && *p != '.') || n_fields == 3)
        return date_syntax_error (copy, error);
      if (separator != 0 && *p != separator)
        return date_syntax_error (copy, error);
      separator = *p;
    }

  switch (n_fields)
    {
    case 1:
      if (fields[0].digits == 4 || fields[0].value < 10000)
        {
          if (fields[0].digits != 4)
            return date_syntax_error (copy, error);
          year = fields[0].value;
        }
      else if (flags & SDB_VN_DATE_EXCEL_SERIAL)
        {
          SdbDate serial;

          if (!sdb_date_from_excel_serial (fields[0].value, &serial))
            {
              g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                           _("“%s” is an Excel date serial outside the years %d to %d."),
                           copy, SDB_DATE_YEAR_MIN, SDB_DATE_YEAR_MAX);
              return FALSE;
            }
          year = (guint) serial.year;
          month = serial.month;
          day = serial.day;
        }
      else
        return date_syntax_error (copy, error);
      break;

    case 2:
      if (fields[0].digits == 4 && separator == '-' && fields[1].digits <= 2)
        {
          year = fields[0].value;
          month = fields[1].value;
        }
      else if (fields[0].digits <= 2 && fields[1].digits == 4)
        {
          month = fields[0].value;
          year = fields[1].value;
        }
      else
        return date_syntax_error (copy, error);
      if (month == 0)
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                       _("“%s”: there is no month %u."), copy, month);
          return FALSE;
        }
      break;

    case 3:
      if (fields[0].digits == 4 && fields[1].digits <= 2 && fields[2].digits <= 2)
        {
          year = fields[0].value;
          month = fields[1].value;
          day = fields[2].value;
        }
      else if (fields[0].digits <= 2 && fields[1].digits <= 2 && fields[2].digits == 4)
        {
          day = fields[0].value;
          month = fields[1].value;
          year = fields[2].value;
        }
      else if (fields[0].digits <= 2 && fields[1].digits <= 2 && fields[2].digits <= 2)
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
                       _("“%s”: write the year with four digits, for example 05/02/2024."),
                       copy);
          return FALSE;
        }
      else
        return date_syntax_error (copy, error);
      if (month == 0)
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                       _("“%s”: there is no month %u."), copy, month);
          return FALSE;
        }
      if (day == 0)
        {
          g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE,
                       _("“%s”: there is no day 0."), copy);
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (!check_date (copy, year, month, day, error))
    return FALSE;

  if ((flags & SDB_VN_DATE_REQUIRE_DAY) && day == 0)
    {
      g_set_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX,
                   _("“%s”: enter the full date with its day, as dd/mm/yyyy."), copy);
      return FALSE;
    }

  date->year = (gint16) year;
  date->month = (guint8) month;
  date->day = (guint8) day;
  return TRUE;
}

/**
 * sdb_vn_format_date:
 *
 * "05/02/2024"; a partial date as "02/2024" or "2024"; no date as "".
 */
char *
sdb_vn_format_date (const SdbDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  switch (sdb_date_get_precision (date))
    {
    case SDB_DATE_PRECISION_DAY:
      return g_strdup_printf ("%02u/%02u/%04d", date->day, date->month, date->year);
    case SDB_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%02u/%04d", date->month, date->year);
    case SDB_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case SDB_DATE_PRECISION_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * sdb_vn_format_date_document:
 *
 * The administrative form used in documents: "ngày 05 tháng 02 năm 2024", "ngày 23 tháng 8 năm
 * 2024". A day below 10 and the months 1 and 2 take a leading zero; other months do not. This
 * is document text, Vietnamese whatever the interface language, so it is not translated.
 */
char *
sdb_vn_format_date_document (const SdbDate *date)
{
  g_autofree char *month = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  if (date->month != 0)
    month = g_strdup_printf (date->month <= 2 ? "%02u" : "%u", date->month);

  switch (sdb_date_get_precision (date))
    {
    case SDB_DATE_PRECISION_DAY:
      return g_strdup_printf ("ngày %02u tháng %s năm %d", date->day, month, date->year);
    case SDB_DATE_PRECISION_MONTH:
      return g_strdup_printf ("tháng %s năm %d", month, date->year);
    case SDB_DATE_PRECISION_YEAR:
      return g_strdup_printf ("năm %d", date->year);
    case SDB_DATE_PRECISION_NONE:
    default:
      return g_strdup ("");
    }
}

/* Text --------------------------------------------------------------------------------------- */

/* Characters that are in NFC whatever others of them surround them: each is its own NFC, none
 * combines (canonical class 0), and no two of them compose (Unicode 14 data, checked pair by
 * pair in test-vn). They are Latin with Vietnamese's precomposed letters, and common
 * punctuation: what nearly every cell of an office's sheet is made of. */
static inline gboolean
nfc_stable (gunichar c)
{
  return c < 0x300 || (c >= 0x1e00 && c < 0x1f00) || (c >= 0x2010 && c < 0x2028);
}

/**
 * sdb_vn_is_stable_nfc:
 * @len: the length of @text in bytes, which holds no NUL
 *
 * Whether @text is valid UTF-8 made only of characters that are NFC whatever surrounds them, so
 * that it is its own NFC and sdb_vn_normalize () would copy it as it is. %FALSE says nothing.
 */
gboolean
sdb_vn_is_stable_nfc (const char *text,
                      gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !nfc_stable (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/**
 * sdb_vn_normalize:
 *
 * NFC, the form every text is stored in (input methods and pasted text may bring NFD).
 *
 * Returns: (nullable): %NULL if @text is not valid UTF-8.
 */
char *
sdb_vn_normalize (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  /* GLib's normalization decomposes and recomposes every character: text made only of stable
   * characters is copied as it is. */
  if (sdb_vn_is_stable_nfc (text, strlen (text)))
    return g_strdup (text);
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

/**
 * sdb_vn_normalize_name:
 *
 * A name as stored: NFC, no spaces at either end, single spaces between words.
 *
 * Returns: (nullable): %NULL if @text is not valid UTF-8.
 */
char *
sdb_vn_normalize_name (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  nfc = sdb_vn_normalize (text);
  if (nfc == NULL)
    return NULL;

  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The five tone marks, as combining characters. */
static gboolean
is_tone_mark (gunichar c)
{
  return c == 0x0300    /* huyền */
      || c == 0x0301    /* sắc */
      || c == 0x0303    /* ngã */
      || c == 0x0309    /* hỏi */
      || c == 0x0323;   /* nặng */
}

/* The marks that make a different letter: â ê ô (circumflex), ă (breve), ơ ư (horn). */
static gboolean
is_quality_mark (gunichar c)
{
  return c == 0x0302 || c == 0x0306 || c == 0x031B;
}

static gboolean
is_vowel (gunichar c)
{
  c = g_unichar_tolower (c);
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

typedef struct
{
  gunichar base;
  gboolean quality;      /* carries â ê ô ă ơ ư's mark */
  guint    marks_start;  /* index into the syllable's mark array */
  guint    n_marks;
} Letter;

/* Places the tone of one NFD word on the vowel the current convention chooses ("hoà", "thuý",
 * "khoẻ", "người", "quý", "già"), so that both placements give one key. Words with no tone,
 * more than one, or no vowel are left as they are. */
static void
append_canonical_word (GString        *out,
                       const gunichar *chars,
                       guint           n)
{
  g_autofree Letter *letters = g_new0 (Letter, n);
  g_autofree gunichar *marks = g_new (gunichar, n);
  guint n_letters = 0, n_marks = 0, n_tones = 0;
  gunichar tone = 0;
  guint first = 0, last, target;
  gboolean has_final;
  int quality = -1;

  for (guint i = 0; i < n; i++)
    {
      if (g_unichar_ismark (chars[i]) && n_letters > 0)
        {
          Letter *l = &letters[n_letters - 1];

          if (is_tone_mark (chars[i]))
            {
              tone = chars[i];
              n_tones++;
              continue;
            }
          if (is_quality_mark (chars[i]))
            l->quality = TRUE;
          marks[n_marks++] = chars[i];
          l->n_marks++;
          continue;
        }
      letters[n_letters].base = chars[i];
      letters[n_letters].marks_start = n_marks;
      n_letters++;
    }

  /* Find the vowel cluster: "qu" and "gi" before another vowel are consonants. */
  while (first < n_letters && !is_vowel (letters[first].base))
    first++;
  if (n_tones == 1 && first < n_letters && first > 0 && first + 1 < n_letters
      && is_vowel (letters[first + 1].base))
    {
      gunichar before = g_unichar_tolower (letters[first - 1].base);
      gunichar v = g_unichar_tolower (letters[first].base);

      if ((before == 'q' && v == 'u') || (before == 'g' && v == 'i' && !letters[first].quality))
        first++;
    }
  last = first;
  while (last + 1 < n_letters && is_vowel (letters[last + 1].base))
    last++;

  if (n_tones != 1 || first >= n_letters)
    {
      for (guint i = 0; i < n; i++)
        g_string_append_unichar (out, chars[i]);
      return;
    }

  has_final = last + 1 < n_letters;
  for (guint i = first; i <= last; i++)
    if (letters[i].quality)
      quality = (int) i;

  if (quality >= 0)
    target = (guint) quality;
  else if (has_final)
    target = last;
  else if (last - first == 1)
    {
      gunichar a = g_unichar_tolower (letters[first].base);
      gunichar b = g_unichar_tolower (letters[last].base);

      if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y'))
        target = last;
      else
        target = first;
    }
  else if (last - first >= 2)
    target = first + 1;
  else
    target = first;

  for (guint i = 0; i < n_letters; i++)
    {
      g_string_append_unichar (out, letters[i].base);
      for (guint j = 0; j < letters[i].n_marks; j++)
        g_string_append_unichar (out, marks[letters[i].marks_start + j]);
      if (i == target)
        g_string_append_unichar (out, tone);
    }
}

/**
 * sdb_vn_canonical_tones:
 *
 * NFC text with each syllable's tone mark on the vowel of the current convention, so that the
 * old and new placements ("hòa"/"hoà", "thúy"/"thuý", "khỏe"/"khoẻ") become one text.
 *
 * Returns: (nullable): %NULL if @text is not valid UTF-8.
 */
char *
sdb_vn_canonical_tones (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  GString *out;
  glong start = 0;

  g_return_val_if_fail (text != NULL, NULL);

  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return NULL;
  chars = g_utf8_to_ucs4_fast (nfd, -1, &n);

  out = g_string_sized_new (strlen (nfd));
  for (glong i = 0; i <= n; i++)
    {
      gboolean in_word = i < n && (g_unichar_isalpha (chars[i]) || g_unichar_ismark (chars[i]));

      if (in_word)
        continue;
      if (i > start)
        append_canonical_word (out, chars + start, (guint) (i - start));
      if (i < n)
        g_string_append_unichar (out, chars[i]);
      start = i + 1;
    }

  {
    g_autofree char *joined = g_string_free (out, FALSE);
    return g_utf8_normalize (joined, -1, G_NORMALIZE_NFC);
  }
}

/**
 * sdb_vn_search_key:
 *
 * What search compares: lower case, no diacritics, đ as d, spaces collapsed; "Nguyễn Văn Hoà",
 * "Nguyễn Văn Hòa" and "nguyen van hoa" all give "nguyen van hoa". Compute it once per stored
 * text, not on every keystroke.
 *
 * Returns: (nullable): %NULL if @text is not valid UTF-8.
 */
/* What one character becomes in a search key, made by search_key_slow () itself: a space
 * stands for any space, which the key collapses. */
typedef struct
{
  char  text[15];
  guint8 len;
} Folded;

/* Latin with Vietnamese's precomposed letters: what nearly every name is made of. */
#define FOLD_TABLE_SIZE (0x300 + 0x100)

static inline int
fold_index (gunichar c)
{
  if (c < 0x300)
    return (int) c;
  if (c >= 0x1e00 && c < 0x1f00)
    return (int) (0x300 + c - 0x1e00);
  return -1;
}

static char *search_key_slow (const char *text);

static const Folded *
get_fold_table (void)
{
  static Folded table[FOLD_TABLE_SIZE];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (gunichar c = 1; c < 0x1f00; c = c == 0x2ff ? 0x1e00 : c + 1)
        {
          char one[8] = { 0 };
          g_autofree char *key = NULL;
          Folded *f = &table[fold_index (c)];

          g_unichar_to_utf8 (c, one);
          /* The same rules, with the spaces the key would drop at either end kept: a space
           * between two letters is written "a b", so the one in the middle is the character's. */
          {
            g_autofree char *framed = g_strconcat ("a", one, "a", NULL);

            key = search_key_slow (framed);
          }
          g_assert (key != NULL && strlen (key) >= 2 && strlen (key) - 2 < sizeof f->text);
          f->len = (guint8) (strlen (key) - 2);
          memcpy (f->text, key + 1, f->len);
        }
      g_once_init_leave (&ready, 1);
    }
  return table;
}

char *
sdb_vn_search_key (const char *text)
{
  const Folded *table;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* NFKD of the whole text is most of the cost: a text of characters whose keys are known
   * (each on its own, since none of them combines with another) is folded from the table. */
  table = get_fold_table ();
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char_validated (p, -1);
      int index = c == (gunichar) -1 || c == (gunichar) -2 ? -1 : fold_index (c);
      const Folded *f;

      if (index < 0)
        {
          g_string_free (out, TRUE);
          return search_key_slow (text);
        }
      f = &table[index];
      for (guint i = 0; i < f->len; i++)
        {
          if (f->text[i] == ' ')
            {
              pending_space = out->len > 0;
              continue;
            }
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_c (out, f->text[i]);
        }
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static char *
search_key_slow (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return NULL;

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || g_unichar_iszerowidth (c))
        continue;
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (c == 0x0110 || c == 0x0111)   /* Đ đ do not decompose */
        c = 'd';
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

/**
 * sdb_vn_split_name:
 * @family: (out) (optional): "họ", the first word
 * @middle: (out) (optional): "tên đệm", the words between (may be "")
 * @given: (out) (optional): "tên", the last word
 *
 * Splits a Vietnamese full name. Compound family names ("Tôn Nữ", "Âu Dương") cannot be told
 * from middle names by their letters; they split as family + middle, which sorts them rightly,
 * since sorting goes by given name first.
 */
void
sdb_vn_split_name (const char  *full_name,
                   char       **family,
                   char       **middle,
                   char       **given)
{
  g_autofree char *name = NULL;
  const char *first_space, *last_space;

  g_return_if_fail (full_name != NULL);

  name = sdb_vn_normalize_name (full_name);
  if (name == NULL)
    name = g_strdup ("");

  first_space = strchr (name, ' ');
  last_space = strrchr (name, ' ');

  if (first_space == NULL)
    {
      if (family) *family = g_strdup ("");
      if (middle) *middle = g_strdup ("");
      if (given) *given = g_strdup (name);
      return;
    }

  if (family) *family = g_strndup (name, (gsize) (first_space - name));
  if (middle)
    *middle = first_space == last_space
      ? g_strdup ("")
      : g_strndup (first_space + 1, (gsize) (last_space - first_space - 1));
  if (given) *given = g_strdup (last_space + 1);
}

/* Sorting ------------------------------------------------------------------------------------ */

/* Bumped whenever what goes into a sort key changes, so stored keys are rebuilt. */
#define SDB_SORT_KEY_FORMAT 1

static void
collator_free (gpointer data)
{
  ucol_close (data);
}

/* A collator per thread: ICU's collators are cheap to clone and not to be shared while one is
 * being used. Opened with "vi" explicitly, never from the process locale. */
static UCollator *
get_collator (void)
{
  static GPrivate key = G_PRIVATE_INIT (collator_free);
  UCollator *collator = g_private_get (&key);

  if (collator == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      collator = ucol_open ("vi", &status);
      if (U_FAILURE (status))
        g_error ("Cannot open the Vietnamese collator: %s", u_errorName (status));
      ucol_setAttribute (collator, UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
      g_private_set (&key, collator);
    }

  return collator;
}

static void
append_sort_key_uncached (GByteArray *out,
                          const char *text)
{
  g_autofree char *canonical = sdb_vn_canonical_tones (text);
  static const UChar empty[1] = { 0 };
  g_autofree gunichar2 *utf16 = NULL;
  const UChar *source = empty;
  UCollator *collator = get_collator ();
  glong len = 0;
  guint start = out->len;
  int needed;

  /* Invalid UTF-8 sorts as empty: it never reaches the database (validation refuses it). */
  if (canonical != NULL)
    utf16 = g_utf8_to_utf16 (canonical, -1, NULL, &len, NULL);
  if (utf16 != NULL)
    source = (const UChar *) utf16;
  else
    len = 0;

  g_byte_array_set_size (out, start + 64);
  needed = ucol_getSortKey (collator, source, (int32_t) len, out->data + start, 64);
  if (needed > 64)
    {
      g_byte_array_set_size (out, start + (guint) needed);
      ucol_getSortKey (collator, source, (int32_t) len, out->data + start, needed);
    }
  /* ICU's key ends with its one 0 byte: keys appended after it compare only on a tie. */
  g_byte_array_set_size (out, start + (guint) needed);
}

/* How many texts' keys a thread keeps before it starts again. */
#define SORT_KEY_CACHE_SIZE 32768

static void
sort_key_cache_free (gpointer data)
{
  g_hash_table_unref (data);
}

/* A name's key is made of the keys of its given, middle and family names, and a committee's
 * members share a few thousand of those: each thread keeps the keys it has made (text -> key),
 * so that a province's import asks ICU once per name, not once per member. */
static void
append_sort_key (GByteArray *out,
                 const char *text)
{
  static GPrivate key = G_PRIVATE_INIT (sort_key_cache_free);
  GHashTable *cache = g_private_get (&key);
  GBytes *known;
  guint start = out->len;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_bytes_unref);
      g_private_set (&key, cache);
    }
  known = g_hash_table_lookup (cache, text);
  if (known != NULL)
    {
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (known, &size);

      g_byte_array_append (out, data, (guint) size);
      return;
    }
  append_sort_key_uncached (out, text);
  if (g_hash_table_size (cache) >= SORT_KEY_CACHE_SIZE)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_strdup (text),
                       g_bytes_new (out->data + start, out->len - start));
}

/**
 * sdb_vn_sort_key:
 *
 * A binary key that compares with memcmp() (and so as a SQLite BLOB) in Vietnamese order:
 * a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư, tones after letters.
 */
GBytes *
sdb_vn_sort_key (const char *text)
{
  GByteArray *out = g_byte_array_new ();

  g_return_val_if_fail (text != NULL, NULL);

  append_sort_key (out, text);
  return g_byte_array_free_to_bytes (out);
}

/**
 * sdb_vn_name_sort_key:
 *
 * The key that orders people as Vietnamese lists do: by given name, then middle name, then
 * family name, each in Vietnamese order.
 */
GBytes *
sdb_vn_name_sort_key (const char *full_name)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree char *family = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *given = NULL;

  g_return_val_if_fail (full_name != NULL, NULL);

  sdb_vn_split_name (full_name, &family, &middle, &given);
  append_sort_key (out, given);
  append_sort_key (out, middle);
  append_sort_key (out, family);
  return g_byte_array_free_to_bytes (out);
}

static int
compare_keys (GBytes *a,
              GBytes *b)
{
  int r = g_bytes_compare (a, b);

  g_bytes_unref (a);
  g_bytes_unref (b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

int
sdb_vn_collate (const char *a,
                const char *b)
{
  return compare_keys (sdb_vn_sort_key (a), sdb_vn_sort_key (b));
}

int
sdb_vn_collate_names (const char *a,
                      const char *b)
{
  return compare_keys (sdb_vn_name_sort_key (a), sdb_vn_name_sort_key (b));
}

/**
 * sdb_vn_collator_version:
 *
 * Identifies what made a sort key: ICU's collator version for "vi" and this module's key
 * format. Stored beside the keys; when it differs on open, the keys are rebuilt.
 */
char *
sdb_vn_collator_version (void)
{
  UVersionInfo version;
  char text[U_MAX_VERSION_STRING_LENGTH];

  ucol_getVersion (get_collator (), version);
  u_versionToString (version, text);
  return g_strdup_printf ("icu-%s+sdb%d", text, SDB_SORT_KEY_FORMAT);
}
