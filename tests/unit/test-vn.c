/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-vn: every example of DOMAIN.md's "Vietnamese conventions", run once in vi_VN.UTF-8 and once
 * in the C locale (see tests/meson.build), since none of it may depend on the process locale. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-vn.h"

static gboolean
in_vietnamese (void)
{
  const char *lc = g_getenv ("LC_ALL");

  return lc != NULL && g_str_has_prefix (lc, "vi_VN");
}

/* Numbers ------------------------------------------------------------------------------------ */

static void
assert_int (gint64 value, const char *expected)
{
  g_autofree char *s = sdb_vn_format_int (value);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_int_grouping (void)
{
  assert_int (4014, "4.014");
  assert_int (1236, "1.236");
  assert_int (0, "0");
  assert_int (7, "7");
  assert_int (999, "999");
  assert_int (1000, "1.000");
  assert_int (200000, "200.000");
  assert_int (1234567, "1.234.567");
  assert_int (-4014, "-4.014");
  assert_int (G_MAXINT64, "9.223.372.036.854.775.807");
  assert_int (G_MININT64, "-9.223.372.036.854.775.808");
}

static void
test_year_never_grouped (void)
{
  g_autofree char *y = sdb_vn_format_year (2024);
  g_autofree char *old = sdb_vn_format_year (1930);

  g_assert_cmpstr (y, ==, "2024");
  g_assert_cmpstr (old, ==, "1930");
}

static void
test_int_parse (void)
{
  static const struct { const char *text; gint64 value; } good[] = {
    { "1236", 1236 }, { "1.236", 1236 }, { " 37 ", 37 }, { "-5", -5 }, { "0", 0 },
    { "1.234.567", 1234567 }, { "200.000", 200000 },
  };
  static const char *bad[] = { "1,5", "12.34", "1234.567", "1.", ".5", "abc", "-", "1 2",
                               "99999999999999999999" };
  gint64 v;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (sdb_vn_parse_int (good[i].text, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (v, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sdb_vn_parse_int (bad[i], &v, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == SDB_VN_ERROR);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sdb_vn_parse_int ("  ", &v, &error));
    g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_EMPTY);
  }
}

/* Percentages -------------------------------------------------------------------------------- */

static void
assert_percent (gint64 n, gint64 d, guint decimals, const char *expected)
{
  g_autofree char *s = sdb_vn_format_percent (n, d, decimals);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_percent_examples (void)
{
  assert_percent (469, 400, 1, "117,3%");
  assert_percent (1, 16, 1, "6,3%");
  assert_percent (32, 41, 1, "78%");
  assert_percent (1, 1, 1, "100%");
  assert_percent (37, 35, 1, "105,7%");
  assert_percent (26, 29, 1, "89,7%");
  assert_percent (4, 29, 1, "13,8%");
  assert_percent (22, 29, 1, "75,9%");
  assert_percent (3, 29, 1, "10,3%");
  assert_percent (0, 29, 1, "0%");
  assert_percent (2, 3, 1, "66,7%");
  assert_percent (1, 3, 1, "33,3%");
  assert_percent (1, 100, 1, "1%");
  assert_percent (12345, 1, 1, "1.234.500%");
  assert_percent (-1, 16, 1, "-6,3%");
  assert_percent (1, 3, 2, "33,33%");
  assert_percent (1, 2, 2, "50%");
}

static void
test_percent_denominator_zero (void)
{
  gint64 tenths = 42;
  g_autofree char *json = sdb_vn_percent_json (5, 0);

  g_assert_null (sdb_vn_format_percent (5, 0, 1));
  g_assert_null (sdb_vn_format_percent (0, 0, 1));
  g_assert_false (sdb_vn_percent_tenths (5, 0, &tenths));
  g_assert_cmpint (tenths, ==, 42);
  g_assert_cmpstr (json, ==, "null");
}

/* These are the shares where printf of a double rounds the wrong way: the binary value is the
 * exact half (and printf rounds it to even) or lies just below it. */
static void
test_percent_exact_halves (void)
{
  static const struct { gint64 n, d; guint decimals; const char *naive, *expected; } cases[] = {
    { 1, 16, 1, "6.2", "6,3%" },          /* 6,25 */
    { 469, 400, 1, "117.2", "117,3%" },   /* 117,25 */
    { 289, 2000, 1, "14.4", "14,5%" },    /* 14,45 */
    { 29, 200, 0, "14", "15%" },          /* 14,5 */
    { 1, 8, 0, "12", "13%" },             /* 12,5 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *format = g_strdup_printf ("%%.%uf", cases[i].decimals);
      double naive = (double) cases[i].n * 100.0 / (double) cases[i].d;

      /* The trap is real on this C library... */
      g_ascii_formatd (buf, sizeof buf, format, naive);
      g_assert_cmpstr (buf, ==, cases[i].naive);
      /* ...and the integer arithmetic does not fall into it. */
      assert_percent (cases[i].n, cases[i].d, cases[i].decimals, cases[i].expected);
    }
}

static void
test_percent_tenths_for_json (void)
{
  static const struct { gint64 n, d, tenths; const char *json; } cases[] = {
    { 469, 400, 1173, "117.3" }, { 1, 16, 63, "6.3" }, { 32, 41, 780, "78.0" },
    { 1, 1, 1000, "100.0" }, { 0, 29, 0, "0.0" }, { 37, 35, 1057, "105.7" },
    { 26, 29, 897, "89.7" }, { -1, 16, -63, "-6.3" }, { 1, 2000, 1, "0.1" },
    { 1, 3000, 0, "0.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 tenths = -1;
      g_autofree char *json = sdb_vn_percent_json (cases[i].n, cases[i].d);
      g_autofree char *from_tenths = NULL;

      g_assert_true (sdb_vn_percent_tenths (cases[i].n, cases[i].d, &tenths));
      g_assert_cmpint (tenths, ==, cases[i].tenths);
      g_assert_cmpstr (json, ==, cases[i].json);
      from_tenths = sdb_vn_format_tenths_json (tenths);
      g_assert_cmpstr (from_tenths, ==, cases[i].json);
    }
}

/* Dates -------------------------------------------------------------------------------------- */

static void
assert_parses (const char *text, SdbVnDateFlags flags, int y, int m, int d)
{
  g_autoptr(GError) error = NULL;
  SdbDate date = { 0, 0, 0 };

  if (!sdb_vn_parse_date (text, flags, &date, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpint (date.year, ==, y);
  g_assert_cmpint (date.month, ==, m);
  g_assert_cmpint (date.day, ==, d);
}

static GError *
parse_error (const char *text, SdbVnDateFlags flags)
{
  GError *error = NULL;
  SdbDate date = { 1999, 9, 9 };

  g_assert_false (sdb_vn_parse_date (text, flags, &date, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SDB_VN_ERROR);
  /* A refused date leaves the caller's value alone. */
  g_assert_cmpint (date.year, ==, 1999);
  g_assert_cmpint (date.month, ==, 9);
  g_assert_cmpint (date.day, ==, 9);
  return error;
}

static void
test_date_parse_forms (void)
{
  assert_parses ("05/02/2024", 0, 2024, 2, 5);
  assert_parses ("5/2/2024", 0, 2024, 2, 5);
  assert_parses ("23/8/2024", 0, 2024, 8, 23);
  assert_parses ("2024-02-05", 0, 2024, 2, 5);
  assert_parses ("2024-2-5", 0, 2024, 2, 5);
  assert_parses ("05.02.2024", 0, 2024, 2, 5);
  assert_parses ("05-02-2024", 0, 2024, 2, 5);
  assert_parses ("  05/02/2024 ", 0, 2024, 2, 5);
  assert_parses ("29/02/2024", 0, 2024, 2, 29);
  assert_parses ("29/02/2000", 0, 2000, 2, 29);
  assert_parses ("31/12/2100", 0, 2100, 12, 31);
  assert_parses ("01/01/1900", 0, 1900, 1, 1);
}

static void
test_date_parse_partial_keeps_precision (void)
{
  SdbDate date = { 0, 0, 0 };

  assert_parses ("02/2024", 0, 2024, 2, 0);
  assert_parses ("2/2024", 0, 2024, 2, 0);
  assert_parses ("2024-02", 0, 2024, 2, 0);
  assert_parses ("2024", 0, 2024, 0, 0);
  assert_parses ("1930", SDB_VN_DATE_EXCEL_SERIAL, 1930, 0, 0);

  g_assert_true (sdb_vn_parse_date ("02/2024", 0, &date, NULL));
  g_assert_cmpint (sdb_date_get_precision (&date), ==, SDB_DATE_PRECISION_MONTH);
  g_assert_true (sdb_vn_parse_date ("2024", 0, &date, NULL));
  g_assert_cmpint (sdb_date_get_precision (&date), ==, SDB_DATE_PRECISION_YEAR);
  g_assert_true (sdb_vn_parse_date ("5/2/2024", 0, &date, NULL));
  g_assert_cmpint (sdb_date_get_precision (&date), ==, SDB_DATE_PRECISION_DAY);
}

static void
test_date_parse_excel_serial (void)
{
  g_autoptr(GError) plain = NULL;

  assert_parses ("45000", SDB_VN_DATE_EXCEL_SERIAL, 2023, 3, 15);
  assert_parses ("10000", SDB_VN_DATE_EXCEL_SERIAL, 1927, 5, 18);
  assert_parses ("45327", SDB_VN_DATE_EXCEL_SERIAL, 2024, 2, 5);
  assert_parses ("73415", SDB_VN_DATE_EXCEL_SERIAL, 2100, 12, 31);

  /* Only imports read serials; a form does not. */
  plain = parse_error ("45000", 0);
  g_assert_error (plain, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX);

  {
    g_autoptr(GError) error = parse_error ("73416", SDB_VN_DATE_EXCEL_SERIAL);
    g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE);
  }
  {
    /* Below 10000 and not a four-digit year: neither. */
    g_autoptr(GError) error = parse_error ("9999", SDB_VN_DATE_EXCEL_SERIAL);
    g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_RANGE);
  }
  {
    g_autoptr(GError) error = parse_error ("500", SDB_VN_DATE_EXCEL_SERIAL);
    g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX);
  }
}

static void
test_date_impossible_refused_with_reason (void)
{
  static const struct { const char *text; int code; const char *c_words, *vi_words; } cases[] = {
    { "30/02/2024", SDB_VN_ERROR_RANGE, "February 2024 has only 29 days", "tháng 2 năm 2024 chỉ có 29 ngày" },
    { "29/02/2023", SDB_VN_ERROR_RANGE, "February 2023 has only 28 days", "tháng 2 năm 2023 chỉ có 28 ngày" },
    { "29/02/1900", SDB_VN_ERROR_RANGE, "February 1900 has only 28 days", "tháng 2 năm 1900 chỉ có 28 ngày" },
    { "31/04/2024", SDB_VN_ERROR_RANGE, "month 4 has only 30 days", "tháng 4 chỉ có 30 ngày" },
    { "31/11/2024", SDB_VN_ERROR_RANGE, "month 11 has only 30 days", "tháng 11 chỉ có 30 ngày" },
    { "05/13/2024", SDB_VN_ERROR_RANGE, "no month 13", "không có tháng 13" },
    { "13/2024", SDB_VN_ERROR_RANGE, "no month 13", "không có tháng 13" },
    { "2024-13-01", SDB_VN_ERROR_RANGE, "no month 13", "không có tháng 13" },
    { "00/2024", SDB_VN_ERROR_RANGE, "no month 0", "không có tháng 0" },
    { "00/01/2024", SDB_VN_ERROR_RANGE, "no day 0", "không có ngày 0" },
    { "32/01/2024", SDB_VN_ERROR_RANGE, "no day 32", "không có ngày 32" },
    { "1850", SDB_VN_ERROR_RANGE, "1850", "1850" },
    { "05/02/2200", SDB_VN_ERROR_RANGE, "2200", "2200" },
    { "05/02/24", SDB_VN_ERROR_SYNTAX, "four digits", "bốn chữ số" },
    { "ngày 5", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
    { "05/02-2024", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
    { "05//2024", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
    { "1/2/3/2024", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
    { "2024/02/05/", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
    { "20240205", SDB_VN_ERROR_SYNTAX, "dd/mm/yyyy", "dd/mm/yyyy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = parse_error (cases[i].text, 0);
      const char *words = in_vietnamese () ? cases[i].vi_words : cases[i].c_words;

      g_assert_error (error, SDB_VN_ERROR, cases[i].code);
      if (strstr (error->message, words) == NULL)
        g_error ("“%s”: the message “%s” does not say “%s”", cases[i].text, error->message,
                 words);
      /* The message quotes what was typed, so a clerk sees which cell it was. */
      g_assert_nonnull (strstr (error->message, cases[i].text));
    }

  {
    g_autoptr(GError) error = parse_error ("   ", 0);
    g_assert_error (error, SDB_VN_ERROR, SDB_VN_ERROR_EMPTY);
  }
}

static void
test_date_require_day (void)
{
  g_autoptr(GError) month = parse_error ("02/2024", SDB_VN_DATE_REQUIRE_DAY);
  g_autoptr(GError) year = parse_error ("2024", SDB_VN_DATE_REQUIRE_DAY);

  g_assert_error (month, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX);
  g_assert_error (year, SDB_VN_ERROR, SDB_VN_ERROR_SYNTAX);
  assert_parses ("05/02/2024", SDB_VN_DATE_REQUIRE_DAY, 2024, 2, 5);
}

static void
assert_format (int y, int m, int d, const char *plain, const char *document, const char *iso)
{
  SdbDate date = { (gint16) y, (guint8) m, (guint8) d };
  SdbDate back = { 1, 1, 1 };
  g_autofree char *p = sdb_vn_format_date (&date);
  g_autofree char *doc = sdb_vn_format_date_document (&date);
  g_autofree char *i = sdb_date_to_iso (&date);

  g_assert_cmpstr (p, ==, plain);
  g_assert_cmpstr (doc, ==, document);
  g_assert_cmpstr (i, ==, iso);
  g_assert_true (sdb_date_from_iso (i, &back));
  g_assert_cmpint (sdb_date_compare (&date, &back), ==, 0);
}

static void
test_date_format (void)
{
  assert_format (2024, 2, 5, "05/02/2024", "ngày 05 tháng 02 năm 2024", "2024-02-05");
  assert_format (2024, 8, 23, "23/08/2024", "ngày 23 tháng 8 năm 2024", "2024-08-23");
  assert_format (2025, 1, 1, "01/01/2025", "ngày 01 tháng 01 năm 2025", "2025-01-01");
  assert_format (2024, 12, 15, "15/12/2024", "ngày 15 tháng 12 năm 2024", "2024-12-15");
  assert_format (2024, 3, 9, "09/03/2024", "ngày 09 tháng 3 năm 2024", "2024-03-09");
  assert_format (2024, 2, 0, "02/2024", "tháng 02 năm 2024", "2024-02");
  assert_format (2024, 10, 0, "10/2024", "tháng 10 năm 2024", "2024-10");
  assert_format (1975, 0, 0, "1975", "năm 1975", "1975");
  assert_format (0, 0, 0, "", "", "");
}

static void
test_date_typed_then_printed (void)
{
  static const char *typed[] = { "5/2/2024", "05.02.2024", "2024-02-05", "45327" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      SdbDate date;
      g_autofree char *shown = NULL;

      g_assert_true (sdb_vn_parse_date (typed[i], SDB_VN_DATE_EXCEL_SERIAL, &date, NULL));
      shown = sdb_vn_format_date (&date);
      g_assert_cmpstr (shown, ==, "05/02/2024");
    }
}

static void
test_date_iso_strict (void)
{
  static const char *bad[] = { "2024-2-5", "2024-02-30", "2024-13", "2024-00", "24", "2024-",
                               "2024-02-05x", "1899", "2024-02-00" };
  SdbDate date;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (sdb_date_from_iso (bad[i], &date));
  g_assert_true (sdb_date_from_iso ("", &date));
  g_assert_cmpint (sdb_date_get_precision (&date), ==, SDB_DATE_PRECISION_NONE);
}

static void
test_date_compare_partial (void)
{
  SdbDate year = { 2024, 0, 0 }, month = { 2024, 1, 0 }, day = { 2024, 1, 1 };
  SdbDate later = { 2024, 2, 1 }, next = { 2025, 0, 0 };

  g_assert_cmpint (sdb_date_compare (&year, &month), <, 0);
  g_assert_cmpint (sdb_date_compare (&month, &day), <, 0);
  g_assert_cmpint (sdb_date_compare (&day, &later), <, 0);
  g_assert_cmpint (sdb_date_compare (&later, &next), <, 0);
  g_assert_cmpint (sdb_date_compare (&next, &year), >, 0);
  g_assert_cmpint (sdb_date_compare (&day, &day), ==, 0);
}

/* Text --------------------------------------------------------------------------------------- */

static void
test_text_nfc (void)
{
  /* "Nguyễn Thị Thuý" typed decomposed: e + circumflex + tilde, y + acute. */
  const char *nfd = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Thuy\xcc\x81";
  g_autofree char *nfc = sdb_vn_normalize (nfd);
  g_autofree char *name = sdb_vn_normalize_name ("  Nguye\xcc\x82\xcc\x83n \t Thi\xcc\xa3   Thuy\xcc\x81 ");

  g_assert_cmpstr (nfc, ==, "Nguyễn Thị Thuý");
  g_assert_cmpuint (strlen (nfc), <, strlen (nfd));
  g_assert_cmpstr (name, ==, "Nguyễn Thị Thuý");
  g_assert_null (sdb_vn_normalize ("\xff\xfe"));
  g_assert_null (sdb_vn_search_key ("abc\xc3"));
}

typedef char *(*TextFunc) (const char *text);

/* Every pair of the characters of @ranges (each { first, end }) given to @made and to
 * @expected: both must give the same text. */
static void
assert_every_pair_agrees (const gunichar (*ranges)[2],
                          guint           n_ranges,
                          TextFunc        made,
                          TextFunc        expected)
{
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (guint r = 0; r < n_ranges; r++)
    for (gunichar c = ranges[r][0]; c < ranges[r][1]; c++)
      g_array_append_val (chars, c);

  for (guint i = 0; i < chars->len; i++)
    for (guint j = 0; j < chars->len; j++)
      {
        gunichar a = g_array_index (chars, gunichar, i);
        gunichar b = g_array_index (chars, gunichar, j);
        char text[16];
        int n = g_unichar_to_utf8 (a, text);
        g_autofree char *got = NULL;
        g_autofree char *want = NULL;

        n += g_unichar_to_utf8 (b, text + n);
        text[n] = '\0';
        got = made (text);
        want = expected (text);
        if (g_strcmp0 (got, want) != 0)
          g_error ("U+%04X U+%04X: “%s” is not “%s”", a, b, got, want);
      }
}

static char *
glib_nfc (const char *text)
{
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

/* sdb_vn_normalize () copies some characters without GLib's normalization: every pair of
 * characters in and around them comes out as GLib makes it, and so does a name followed by a
 * combining mark, a singleton, a Hangul jamo or bytes that are not UTF-8. */
static void
test_text_nfc_fast_path_agrees_with_glib (void)
{
  /* The copied ranges and their neighbours: combining marks, Greek, spaces. */
  static const gunichar ranges[][2] = { { 0x1, 0x370 }, { 0x1dc0, 0x1f10 }, { 0x2000, 0x2030 } };
  static const char *const tails[] = {
    "\xcc\x81",          /* U+0301 combining acute: "e" + it is "é" */
    "\xe2\x84\xab",      /* U+212B Angstrom sign, a singleton: "Å" */
    "\xe1\x85\xa1",      /* U+1161 Hangul vowel, which composes with a leading jamo */
    "\xed\x95\x9c",      /* U+D55C Hangul syllable */
    "\xc0\x80",          /* an overlong NUL: not UTF-8 */
    "\xed\xa0\x80",      /* a surrogate: not UTF-8 */
  };

  assert_every_pair_agrees (ranges, G_N_ELEMENTS (ranges), sdb_vn_normalize, glib_nfc);

  for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
    {
      g_autofree char *text = g_strconcat ("Nguyễn Thị Thuỳ A", tails[t], NULL);
      g_autofree char *fast = sdb_vn_normalize (text);
      g_autofree char *slow = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (fast, ==, slow);
    }
  {
    g_autofree char *composed = sdb_vn_normalize ("Thuye\xcc\x81");
    g_autofree char *angstrom = sdb_vn_normalize ("\xe2\x84\xab");

    g_assert_cmpstr (composed, ==, "Thuyé");
    g_assert_cmpstr (angstrom, ==, "Å");
  }
}

/* The search key's rules, as written in sdb-vn.c's documentation, applied to the whole text. */
static char *
search_key_by_the_rules (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  g_assert_nonnull (decomposed);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || g_unichar_iszerowidth (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c == 0x0110 || c == 0x0111 ? 'd' : g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* sdb_vn_search_key () folds Latin and Vietnamese letters from a table: every pair of
 * characters in and around the table's ranges (spaces, marks, Greek among them) gives the key
 * the rules give, and so does a name followed by a character the table lacks. */
static void
test_text_search_key_fast_path_agrees_with_the_rules (void)
{
  static const gunichar ranges[][2] = { { 0x1, 0x370 }, { 0x1dc0, 0x1f10 }, { 0x2000, 0x2010 } };
  static const char *const tails[] = {
    "\xcc\x81",          /* U+0301 combining acute */
    "\xe2\x80\x8b",      /* U+200B zero width space */
    "\xe3\x80\x80",      /* U+3000 ideographic space */
    "\xef\xbc\xa1",      /* U+FF21 fullwidth A: a compatibility form */
    "\xed\x95\x9c",      /* U+D55C Hangul syllable */
  };

  assert_every_pair_agrees (ranges, G_N_ELEMENTS (ranges), sdb_vn_search_key,
                            search_key_by_the_rules);

  for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
    {
      g_autofree char *text = g_strconcat ("  Đặng  Thị\tThuỳ ", tails[t], " A", NULL);
      g_autofree char *key = sdb_vn_search_key (text);
      g_autofree char *expected = search_key_by_the_rules (text);

      g_assert_cmpstr (key, ==, expected);
    }
}

static void
test_text_search_key_folds (void)
{
  static const struct { const char *text, *key; } cases[] = {
    { "Nguyễn Văn Hoà", "nguyen van hoa" },
    { "Nguyễn Văn Hòa", "nguyen van hoa" },
    { "nguyen van hoa", "nguyen van hoa" },
    { "NGUYỄN VĂN HÒA", "nguyen van hoa" },
    { "Đặng Thị Thuý", "dang thi thuy" },
    { "Đặng Thị Thúy", "dang thi thuy" },
    { "ĐẢNG BỘ XÃ MINH TÂN", "dang bo xa minh tan" },
    { "Trường   Sơn ", "truong son" },
    { "Khỏe / Khoẻ", "khoe / khoe" },
    { "Người Ưu tú", "nguoi uu tu" },
    { "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Thuy\xcc\x81", "nguyen thi thuy" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = sdb_vn_search_key (cases[i].text);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_text_tone_placement (void)
{
  static const struct { const char *a, *b; } same[] = {
    { "hòa", "hoà" }, { "Hòa", "Hoà" }, { "HÒA", "HOÀ" }, { "thúy", "thuý" },
    { "khỏe", "khoẻ" }, { "Thủy", "Thuỷ" }, { "xòe", "xoè" }, { "Nguyễn Văn Hòa", "Nguyễn Văn Hoà" },
    { "Hoa\xcc\x80", "Ho\xcc\x80" "a" },
  };
  /* Words whose placement is the same in both conventions stay as they are. */
  static const char *kept[] = { "người", "Nguyễn", "quý", "Quốc", "già", "giữ", "gì", "Hoàng",
                                "mùa", "ngoài", "tiếng", "thuyền", "khuỷu", "Trường", "Lê Lợi",
                                "Hồ Chí Minh", "ABC 123", "" };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = sdb_vn_canonical_tones (same[i].a);
      g_autofree char *b = sdb_vn_canonical_tones (same[i].b);
      g_assert_cmpstr (a, ==, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *k = sdb_vn_canonical_tones (kept[i]);
      g_assert_cmpstr (k, ==, kept[i]);
    }
}

static void
assert_split (const char *full, const char *family, const char *middle, const char *given)
{
  g_autofree char *f = NULL, *m = NULL, *g = NULL;

  sdb_vn_split_name (full, &f, &m, &g);
  g_assert_cmpstr (f, ==, family);
  g_assert_cmpstr (m, ==, middle);
  g_assert_cmpstr (g, ==, given);
}

static void
test_text_split_name (void)
{
  assert_split ("Nguyễn Văn An", "Nguyễn", "Văn", "An");
  assert_split ("  Trần   Thị Thu  Hà ", "Trần", "Thị Thu", "Hà");
  assert_split ("Lê Lợi", "Lê", "", "Lợi");
  assert_split ("Bảo", "", "", "Bảo");
  assert_split ("Tôn Nữ Minh Châu", "Tôn", "Nữ Minh", "Châu");
  assert_split ("", "", "", "");
  assert_split ("Nguye\xcc\x82\xcc\x83n Văn Hoa", "Nguyễn", "Văn", "Hoa");
}

/* Sorting ------------------------------------------------------------------------------------ */

static void
test_sort_letters (void)
{
  /* DOMAIN.md: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư, tones after letters. */
  static const char *ordered[] = {
    "a", "à", "á", "ab", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
  };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (ordered); i++)
    if (sdb_vn_collate (ordered[i], ordered[i + 1]) >= 0)
      g_error ("“%s” should sort before “%s”", ordered[i], ordered[i + 1]);

  g_assert_cmpint (sdb_vn_collate ("Hòa", "Hoà"), ==, 0);
  g_assert_cmpint (sdb_vn_collate ("Đông", "Dương"), >, 0);
  g_assert_cmpint (sdb_vn_collate ("Nguye\xcc\x82\xcc\x83n", "Nguyễn"), ==, 0);
}

static void
test_sort_names_by_given_name (void)
{
  /* Written out by hand: by given name, then middle name, then family name. */
  static const char *expected[] = {
    "Trần Thị An",
    "Nguyễn Văn An",
    "Lê Văn Anh",
    "Phạm Thị Ánh",
    "Đỗ Văn Ân",
    "Hoàng Văn Bình",
    "Vũ Thị Cúc",
    "Nguyễn Văn Dũng",
    "Bùi Tiến Đạt",
    "Trần Văn Đức",
    "Lê Thị Hà",
    "Ngô Văn Hải",
    "Nguyễn Thị Hoa",
    "Lê Văn Hoà",
    "Trần Văn Hòa",
    "Phan Văn Hùng",
    "Đặng Thị Hương",
    "Nguyễn Thị Lan",
    "Lý Văn Long",
    "Trịnh Thị Mai",
    "Nguyễn Văn Nam",
    "Hồ Thị Oanh",
    "Nguyễn Văn Sang",
    "Đỗ Văn Sơn",
    "Lê Văn Sơn",
    "Nguyễn Văn Sơn",
    "Nguyễn Thị Thu",
    "Lê Thị Thư",
    "Vương Văn Tuấn",
    "Nguyễn Đức Tùng",
    "Nguyễn Văn Tùng",
    "Lê Thị Yến",
  };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_ptr_array_add (names, (gpointer) expected[i]);
  /* Shuffle, reproducibly. */
  for (guint i = names->len - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      gpointer t = names->pdata[i];

      names->pdata[i] = names->pdata[j];
      names->pdata[j] = t;
    }

  for (guint i = 0; i + 1 < names->len; i++)
    for (guint j = 0; j + 1 < names->len - i; j++)
      if (sdb_vn_collate_names (names->pdata[j], names->pdata[j + 1]) > 0)
        {
          gpointer t = names->pdata[j];

          names->pdata[j] = names->pdata[j + 1];
          names->pdata[j + 1] = t;
        }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (names->pdata[i], ==, expected[i]);
}

static void
test_sort_name_keys_compare_as_blobs (void)
{
  g_autoptr(GBytes) an = sdb_vn_name_sort_key ("Nguyễn Văn An");
  g_autoptr(GBytes) anh = sdb_vn_name_sort_key ("Lê Văn Anh");
  g_autoptr(GBytes) hoa1 = sdb_vn_name_sort_key ("Trần Văn Hòa");
  g_autoptr(GBytes) hoa2 = sdb_vn_name_sort_key ("Trần  Văn Hoà");

  /* memcmp order is what SQLite uses for a BLOB column with an index. */
  g_assert_cmpint (g_bytes_compare (an, anh), <, 0);
  g_assert_true (g_bytes_equal (hoa1, hoa2));
}

/* More names than a thread's cache of keys holds, so that it is emptied on the way. */
#define MANY_NAMES 40000

static char *
invented_name (guint i)
{
  static const char *const family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng" };
  static const char *const middle[] = { "Văn", "Thị", "Thị Thu", "Hữu", "" };

  return g_strdup_printf ("%s %s Hoà%u", family[i % G_N_ELEMENTS (family)],
                          middle[i % G_N_ELEMENTS (middle)], i);
}

/* Every name's key, made in a thread of its own (so with a cache of its own). */
static gpointer
make_name_keys (gpointer data)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint rounds = GPOINTER_TO_UINT (data);

  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < MANY_NAMES; i++)
      {
        g_autofree char *name = invented_name (i);

        g_ptr_array_add (keys, sdb_vn_name_sort_key (name));
      }
  return keys;
}

/* A thread keeps the keys of the names it has seen: a key given again from there is the key
 * first made, before and after the thread's cache is emptied, and the key another thread
 * makes. */
static void
test_sort_keys_given_again_are_the_keys_made (void)
{
  g_autoptr(GPtrArray) twice = g_thread_join (g_thread_new ("twice", make_name_keys,
                                                            GUINT_TO_POINTER (2)));
  g_autoptr(GPtrArray) once = g_thread_join (g_thread_new ("once", make_name_keys,
                                                           GUINT_TO_POINTER (1)));

  g_assert_cmpuint (twice->len, ==, 2 * MANY_NAMES);
  for (guint i = 0; i < MANY_NAMES; i++)
    {
      if (!g_bytes_equal (twice->pdata[i], twice->pdata[MANY_NAMES + i])
          || !g_bytes_equal (twice->pdata[i], once->pdata[i]))
        {
          g_autofree char *name = invented_name (i);

          g_error ("%s: its key given again is not the key made", name);
        }
    }
}

static void
test_sort_does_not_follow_locale (void)
{
  g_autoptr(GBytes) before = sdb_vn_name_sort_key ("Đặng Thị Hương");
  g_autoptr(GBytes) after = NULL;
  g_autofree char *version = sdb_vn_collator_version ();

  /* Whatever the process locale says, the order is Vietnamese. */
  setlocale (LC_ALL, "C");
  after = sdb_vn_name_sort_key ("Đặng Thị Hương");
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (sdb_vn_collate ("đ", "e"), <, 0);
  setlocale (LC_ALL, "");

  g_assert_true (g_str_has_prefix (version, "icu-"));
  g_assert_nonnull (strstr (version, "+sdb"));
}

/* sdb_date_write_iso () writes digits by hand, for speed: it must agree with printf, which
 * sdb_date_to_iso () used, for every year an SdbDate holds and each precision. */
static void
test_date_written_iso_is_the_printed_iso (void)
{
  static const struct { guint8 month, day; } parts[] = {
    { 0, 0 }, { 1, 0 }, { 12, 0 }, { 1, 1 }, { 2, 9 }, { 10, 31 }, { 12, 31 },
  };
  char text[SDB_DATE_ISO_SIZE];

  for (int year = G_MININT16; year <= G_MAXINT16; year++)
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        SdbDate date = { (gint16) year, parts[i].month, parts[i].day };
        g_autofree char *expected = NULL;
        g_autofree char *iso = NULL;

        if (year == 0)
          expected = g_strdup ("");
        else if (date.month == 0)
          expected = g_strdup_printf ("%04d", year);
        else if (date.day == 0)
          expected = g_strdup_printf ("%04d-%02u", year, date.month);
        else
          expected = g_strdup_printf ("%04d-%02u-%02u", year, date.month, date.day);
        g_assert_cmpstr (sdb_date_write_iso (&date, text), ==, expected);
        iso = sdb_date_to_iso (&date);
        g_assert_cmpstr (iso, ==, expected);
      }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SDB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vn/int/grouping", test_int_grouping);
  g_test_add_func ("/core/vn/int/year-never-grouped", test_year_never_grouped);
  g_test_add_func ("/core/vn/int/parse", test_int_parse);
  g_test_add_func ("/core/vn/percent/examples", test_percent_examples);
  g_test_add_func ("/core/vn/percent/denominator-zero", test_percent_denominator_zero);
  g_test_add_func ("/core/vn/percent/exact-halves-round-up", test_percent_exact_halves);
  g_test_add_func ("/core/vn/percent/tenths-for-json", test_percent_tenths_for_json);
  g_test_add_func ("/core/vn/date/parse-forms", test_date_parse_forms);
  g_test_add_func ("/core/vn/date/written-iso-is-the-printed-iso",
                   test_date_written_iso_is_the_printed_iso);
  g_test_add_func ("/core/vn/date/partial-keeps-precision", test_date_parse_partial_keeps_precision);
  g_test_add_func ("/core/vn/date/excel-serial", test_date_parse_excel_serial);
  g_test_add_func ("/core/vn/date/impossible-refused-with-reason",
                   test_date_impossible_refused_with_reason);
  g_test_add_func ("/core/vn/date/require-day", test_date_require_day);
  g_test_add_func ("/core/vn/date/format", test_date_format);
  g_test_add_func ("/core/vn/date/typed-then-printed", test_date_typed_then_printed);
  g_test_add_func ("/core/vn/date/iso-strict", test_date_iso_strict);
  g_test_add_func ("/core/vn/date/compare-partial", test_date_compare_partial);
  g_test_add_func ("/core/vn/text/nfc", test_text_nfc);
  g_test_add_func ("/core/vn/text/nfc-fast-path-agrees-with-glib",
                   test_text_nfc_fast_path_agrees_with_glib);
  g_test_add_func ("/core/vn/text/search-key-folds", test_text_search_key_folds);
  g_test_add_func ("/core/vn/sort/keys-given-again-are-the-keys-made",
                   test_sort_keys_given_again_are_the_keys_made);
  g_test_add_func ("/core/vn/text/search-key-fast-path-agrees-with-the-rules",
                   test_text_search_key_fast_path_agrees_with_the_rules);
  g_test_add_func ("/core/vn/text/tone-placement", test_text_tone_placement);
  g_test_add_func ("/core/vn/text/split-name", test_text_split_name);
  g_test_add_func ("/core/vn/sort/letters", test_sort_letters);
  g_test_add_func ("/core/vn/sort/names-by-given-name", test_sort_names_by_given_name);
  g_test_add_func ("/core/vn/sort/name-keys-compare-as-blobs", test_sort_name_keys_compare_as_blobs);
  g_test_add_func ("/core/vn/sort/does-not-follow-locale", test_sort_does_not_follow_locale);

  return g_test_run ();
}
