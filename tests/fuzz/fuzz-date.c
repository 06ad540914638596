/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-date: the input is a date as a clerk might type it, for sdb_vn_parse_date with each
 * combination of its flags.
 *
 * Properties: a refused date is refused with an SDB_VN_ERROR and leaves the caller's date alone;
 * an accepted one is a valid date between 1900 and 2100 with the day when one was required, and
 * it comes back unchanged from its dd/mm/yyyy and ISO forms. Each flag only narrows or widens
 * what is accepted, never changes what a text means. sdb_date_from_iso reads back exactly what
 * sdb_date_to_iso writes, and Excel serials agree with GLib's own calendar. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "sdb-vn.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  sdb_fuzz_init ();
  return 0;
}

static const SdbDate untouched = { 1999, 9, 9 };

static gboolean
same_date (const SdbDate *a,
           const SdbDate *b)
{
  return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* Parses @text with @flags and checks what any result must satisfy. */
static gboolean
parse (const char     *text,
       SdbVnDateFlags  flags,
       SdbDate        *date)
{
  g_autoptr(GError) error = NULL;
  SdbDate parsed = untouched;
  g_autofree char *shown = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *document = NULL;
  g_autofree char *year = NULL;
  SdbDate back = { 0, 0, 0 };

  if (!sdb_vn_parse_date (text, flags, &parsed, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SDB_VN_ERROR);
      g_assert_true (error->message != NULL && *error->message != '\0');
      g_assert_true (same_date (&parsed, &untouched));
      return FALSE;
    }
  g_assert_no_error (error);
  g_assert_true (sdb_date_is_valid (&parsed));
  g_assert_cmpint (parsed.year, >=, SDB_DATE_YEAR_MIN);
  g_assert_cmpint (parsed.year, <=, SDB_DATE_YEAR_MAX);
  g_assert_cmpint (sdb_date_get_precision (&parsed), !=, SDB_DATE_PRECISION_NONE);
  if (flags & SDB_VN_DATE_REQUIRE_DAY)
    g_assert_cmpint (sdb_date_get_precision (&parsed), ==, SDB_DATE_PRECISION_DAY);
  g_assert_cmpint (sdb_date_compare (&parsed, &parsed), ==, 0);

  /* What the program shows is read back as the same date, with no flag needed. */
  shown = sdb_vn_format_date (&parsed);
  g_assert_true (sdb_vn_parse_date (shown, SDB_VN_DATE_DEFAULT, &back, NULL));
  g_assert_true (same_date (&back, &parsed));
  /* And what it stores. */
  iso = sdb_date_to_iso (&parsed);
  g_assert_true (sdb_date_from_iso (iso, &back));
  g_assert_true (same_date (&back, &parsed));
  document = sdb_vn_format_date_document (&parsed);
  year = g_strdup_printf ("năm %d", parsed.year);
  g_assert_true (g_utf8_validate (document, -1, NULL));
  g_assert_true (g_str_has_suffix (document, year));

  *date = parsed;
  return TRUE;
}

/* The serial of a date, counted by GLib's GDate rather than by sdb-vn's own arithmetic. */
static void
check_serial (gint64 serial)
{
  SdbDate date = untouched;
  g_autoptr(GDate) expected = NULL;

  if (!sdb_date_from_excel_serial (serial, &date))
    {
      g_assert_true (same_date (&date, &untouched));
      if (serial >= 61 && serial < 2958466)
        {
          /* Refused: then the serial's year must be outside 1900..2100. */
          expected = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
          g_date_add_days (expected, (guint) serial);
          g_assert_true (g_date_get_year (expected) < SDB_DATE_YEAR_MIN
                         || g_date_get_year (expected) > SDB_DATE_YEAR_MAX);
        }
      return;
    }
  g_assert_cmpint (serial, >=, 61);
  g_assert_true (sdb_date_is_valid (&date));
  g_assert_cmpint (sdb_date_get_precision (&date), ==, SDB_DATE_PRECISION_DAY);
  expected = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  g_date_add_days (expected, (guint) serial);
  g_assert_cmpint (g_date_get_year (expected), ==, date.year);
  g_assert_cmpint (g_date_get_month (expected), ==, date.month);
  g_assert_cmpint (g_date_get_day (expected), ==, date.day);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = sdb_fuzz_dup_text (data, size);
  SdbDate plain = { 0, 0, 0 }, serial = { 0, 0, 0 }, day = { 0, 0, 0 }, both = { 0, 0, 0 };
  gboolean plain_ok, serial_ok, day_ok, both_ok;
  SdbDate iso = untouched;
  size_t pos = 0;

  plain_ok = parse (text, SDB_VN_DATE_DEFAULT, &plain);
  serial_ok = parse (text, SDB_VN_DATE_EXCEL_SERIAL, &serial);
  day_ok = parse (text, SDB_VN_DATE_REQUIRE_DAY, &day);
  both_ok = parse (text, SDB_VN_DATE_EXCEL_SERIAL | SDB_VN_DATE_REQUIRE_DAY, &both);

  /* Reading serials only adds texts; requiring the day only removes some. Neither changes the
   * date a text stands for. */
  if (plain_ok)
    {
      g_assert_true (serial_ok);
      g_assert_true (same_date (&plain, &serial));
    }
  if (day_ok)
    {
      g_assert_true (plain_ok);
      g_assert_true (same_date (&day, &plain));
      g_assert_true (both_ok);
    }
  if (both_ok)
    {
      g_assert_true (serial_ok);
      g_assert_true (same_date (&both, &serial));
    }
  if (serial_ok && sdb_date_get_precision (&serial) == SDB_DATE_PRECISION_DAY)
    g_assert_true (both_ok);
  if (plain_ok && sdb_date_get_precision (&plain) == SDB_DATE_PRECISION_DAY)
    g_assert_true (day_ok);

  /* The stored form is read strictly: whatever it accepts, it writes back the same. */
  if (sdb_date_from_iso (text, &iso))
    {
      g_autofree char *again = sdb_date_to_iso (&iso);

      g_assert_true (sdb_date_is_valid (&iso));
      g_assert_cmpstr (again, ==, text);
    }
  else
    {
      g_assert_true (same_date (&iso, &untouched));
    }

  /* Serials: the first eight bytes as one, and a serial in Excel's usual range. */
  {
    guint64 raw = sdb_fuzz_take_u64 (data, size, &pos);

    check_serial ((gint64) raw);
    check_serial ((gint64) (raw % 80000));
  }
  return 0;
}
